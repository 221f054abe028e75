// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dateRun is one date(1) command: where the time comes from and how it
// is printed. Setting the clock (-s) is not offered.
type dateRun struct {
	*cmd
	format  string // the output format chosen last
	formats int    // output formats given (-I, -R, --rfc-3339, +FORMAT)
	sources int    // -d, -f, -r given
}

// The formats of -I (--iso-8601) and --rfc-3339, by keyword.
var (
	isoWords = [][]string{{"hours"}, {"minutes"}, {"date"}, {"seconds"}, {"ns"}}
	isoForms = []string{"%Y-%m-%dT%H%:z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%d",
		"%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S,%N%:z"}
	rfc3339Words = [][]string{{"date"}, {"seconds"}, {"ns"}}
	rfc3339Forms = []string{"%Y-%m-%d", "%Y-%m-%d %H:%M:%S%:z", "%Y-%m-%d %H:%M:%S.%N%:z"}
)

// dateApplet is date(1): the current time, or the one -d describes, -r's
// file was modified at, or each line of -f's file gives, in a format.
func dateApplet(cmd *cmd) int {
	c := &dateRun{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [+FORMAT]"
	fs.About = "Print the current time, or the time an option names, as +FORMAT lays it\nout (strftime-style % directives)."
	date := fs.StringP("date", "d", "", "print the moment STRING describes, not now")
	file := fs.StringP("file", "f", "", "as -d, for every line read from DATEFILE")
	ref := fs.StringP("reference", "r", "", "print when FILE's data last changed (its mtime)")
	utc := fs.BoolP("utc", "u", false, "use UTC rather than the local time zone")
	fs.Alias("universal", "utc")
	fs.OptionalArgFunc("iso-8601", "I", "ISO 8601; `FMT`: date, hours, minutes, seconds, ns", func(v string, given bool) error {
		k := 2
		if given {
			var ok bool
			if k, ok = c.argmatch("--iso-8601", v, isoWords); !ok {
				return applet.ErrReported
			}
		}
		c.setFormat(isoForms[k])
		return nil
	})
	fs.Func("rfc-email", "R", "the form of e-mail headers (RFC 5322)", func() {
		c.setFormat("%a, %d %b %Y %H:%M:%S %z")
	})
	fs.ArgFunc("rfc-3339", "", "RFC 3339; `FMT`: date, seconds or ns", func(v string) error {
		k, ok := c.argmatch("--rfc-3339", v, rfc3339Words)
		if !ok {
			return applet.ErrReported
		}
		c.setFormat(rfc3339Forms[k])
		return nil
	})
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	_ = utc // the scripts' clock is UTC already
	for _, src := range []string{"date", "file", "reference"} {
		if fs.Changed(src) {
			c.sources++
		}
	}
	return c.run(ops, *date, *file, *ref, fs)
}

// setFormat records an output format; a second one is an error later.
func (c *dateRun) setFormat(f string) {
	c.format = f
	c.formats++
}

func (c *dateRun) run(ops []string, date, file, ref string, fs *applet.FlagSet) int {
	if len(ops) > 0 && strings.HasPrefix(ops[0], "+") {
		c.setFormat(ops[0][1:])
		ops = ops[1:]
	}
	switch {
	case len(ops) > 0 && (c.formats > 0 || c.sources > 0 || len(ops) > 1):
		c.Errorf("extra operand %s", c.Quote(ops[len(ops)-1]))
		c.TryHelp()
		return 1
	case len(ops) > 0:
		c.Errorf("invalid date %s", c.Quote(ops[0]))
		return 1
	case c.formats > 1:
		c.Errorf("multiple output formats specified")
		return 1
	case c.sources > 1:
		c.Errorf("the options to specify dates for printing are mutually exclusive")
		c.TryHelp()
		return 1
	}
	if c.formats == 0 {
		c.format = "%a %b %e %H:%M:%S %Z %Y"
	}
	now := c.Task.Kernel().Now()
	switch {
	case fs.Changed("file"):
		return c.fromFile(file, now)
	case fs.Changed("reference"):
		st, err := c.Task.Stat(ref)
		if err != nil {
			c.Errorf("%s: %s", ref, applet.ErrText(err))
			return 1
		}
		c.show(st.Mtime)
	case fs.Changed("date"):
		ts, ok := parseDate(date, now)
		if !ok {
			c.Errorf("invalid date %s", c.Quote(date))
			return 1
		}
		c.show(ts)
	default:
		c.show(now)
	}
	return 0
}

// fromFile is -f: each line is a -d string; a bad one is reported and
// the others still printed.
func (c *dateRun) fromFile(name string, now vfs.Timespec) int {
	r, err := c.openInput(name)
	if err != nil {
		c.Errorf("%s: %s", name, applet.ErrText(err))
		return 1
	}
	defer r.Close()
	status := 0
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		ts, ok := parseDate(sc.Text(), now)
		if !ok {
			c.Errorf("invalid date %s", c.Quote(sc.Text()))
			status = 1
			continue
		}
		c.show(ts)
	}
	return status
}

func (c *dateRun) show(ts vfs.Timespec) {
	c.Out.WriteString(strftime(c.format, time.Unix(ts.Sec, ts.Nsec).In(time.UTC)) + "\n")
}
