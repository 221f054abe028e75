// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// unlinkApplet is unlink(1): one unlink(2), nothing more.
func unlinkApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "FILE\n  or:  unlink OPTION"
	fs.About = "Remove the one name FILE with unlink(2): no options, no directories."
	ops, ok := c.Parse(fs)
	switch {
	case !ok:
		return 1
	case len(ops) == 0:
		return c.MissingOperand("")
	case len(ops) > 1:
		return c.ExtraOperand(ops[1])
	}
	if err := c.Task.Unlink(ops[0]); err != nil {
		c.Errorf("cannot unlink %s: %s", c.Quote(ops[0]), applet.ErrText(err))
		return 1
	}
	return 0
}

// linkApplet is link(1): one link(2), nothing more.
func linkApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "FILE1 FILE2\n  or:  link OPTION"
	fs.About = "Give the existing file FILE1 the further name FILE2 with link(2)."
	ops, ok := c.Parse(fs)
	switch {
	case !ok:
		return 1
	case len(ops) == 0:
		return c.MissingOperand("")
	case len(ops) == 1:
		c.Errorf("missing operand after %s", applet.QuoteArg(ops[0]))
		c.TryHelp()
		return 1
	case len(ops) > 2:
		return c.ExtraOperand(ops[2])
	}
	if err := c.Task.Link(ops[0], ops[1]); err != nil {
		c.Errorf("cannot create link %s to %s: %s", c.Quote(ops[1]), c.Quote(ops[0]), applet.ErrText(err))
		return 1
	}
	return 0
}

// printenvApplet is printenv(1): the whole environment, or the values of
// the variables named; a name not set makes the status 1.
func printenvApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [VARIABLE]..."
	fs.About = "Print the value of each VARIABLE named, or the whole environment as\nNAME=VALUE lines when none is. Status 1 if a VARIABLE is unset."
	zero := fs.BoolP("null", "0", false, "follow each value with a NUL byte, not a newline")
	ops, ok := c.Parse(fs)
	if !ok {
		return 2
	}
	end := "\n"
	if *zero {
		end = "\x00"
	}
	if len(ops) == 0 {
		for _, kv := range c.Env {
			c.Out.WriteString(kv + end)
		}
		return 0
	}
	status := 0
	for _, name := range ops {
		v, set := c.Env.Value(name)
		if !set || strings.Contains(name, "=") {
			status = 1
			continue
		}
		c.Out.WriteString(v + end)
	}
	return status
}

// whoamiApplet is whoami(1): the name of the effective user.
func whoamiApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]..."
	fs.About = "Print the name of the user whose ID is the effective one of this process."
	ops, ok := c.Parse(fs)
	switch {
	case !ok:
		return 1
	case len(ops) > 0:
		return c.ExtraOperand(ops[0])
	}
	uid := c.Task.Geteuid()
	name := applet.UserName(c.Task, uid)
	if name == "" {
		c.Errorf("cannot find name for user ID %d", uid)
		return 1
	}
	c.Out.WriteString(name + "\n")
	return 0
}

// tacApplet is tac(1): each file's records in reverse order, a record
// ending with its separator (newline, or -s's string), or with -b
// starting with it.
func tacApplet(c *cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = "Copy each FILE (or standard input) to standard output with its records\nin reverse order."
	before := fs.BoolP("before", "b", false, "a separator begins a record instead of ending it")
	sep := fs.StringP("separator", "s", "\n", "records end with STRING, not a newline")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if *sep == "" {
		*sep = "\x00" // the string's terminating NUL, as tac reads it
	}
	status := 0
	for _, name := range operandsOrStdin(ops) {
		r, err := c.openInput(name)
		if err != nil {
			c.Errorf("failed to open %s for reading: %s", c.Quote(name), applet.ErrText(err))
			status = 1
			continue
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			c.Errorf("%s: read error: %s", c.QuoteName(name), applet.ErrText(err))
			status = 1
			continue
		}
		records := tacRecords(data, []byte(*sep), *before)
		for i := len(records) - 1; i >= 0; i-- {
			c.Out.Write(records[i])
		}
	}
	return status
}

// tacRecords splits data into records that keep their separator: at
// their end, or with -b at their start.
func tacRecords(data, sep []byte, before bool) [][]byte {
	cuts := []int{0}
	for i := 0; ; {
		j := bytes.Index(data[i:], sep)
		if j < 0 {
			break
		}
		pos := i + j
		cut := pos + len(sep)
		if before {
			cut = pos
		}
		if cut > 0 && cut < len(data) {
			cuts = append(cuts, cut)
		}
		i = pos + len(sep)
	}
	var out [][]byte
	for k, from := range cuts {
		to := len(data)
		if k+1 < len(cuts) {
			to = cuts[k+1]
		}
		if from < to {
			out = append(out, data[from:to])
		}
	}
	return out
}
