// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
)

// blkid(8) as util-linux 2.38 behaves, over blkprobe: the cached
// (high-level) mode that lists devices with their tags, -p's low-level
// probe with every value, -L/-U's lookup of a device by its label or
// UUID, and the output formats. There is no cache file here: every run
// probes afresh, as blkid -c /dev/null does.

// Exit statuses of blkid.
const (
	blkidNotFound   = 2 // no device, or nothing on it
	blkidOther      = 4 // bad usage or another error
	blkidAmbivalent = 8 // more than one filesystem on a device
)

// blkidFormat is the -o format.
type blkidFormat int

const (
	fmtFull blkidFormat = iota
	fmtValue
	fmtDevice
	fmtList
	fmtUdev
	fmtExport
)

var blkidFormats = map[string]blkidFormat{"full": fmtFull, "value": fmtValue, "device": fmtDevice,
	"list": fmtList, "udev": fmtUdev, "export": fmtExport}

// blkidRun is one run of blkid.
type blkidRun struct {
	c                      *cmd
	format                 blkidFormat
	explicitFull           bool
	offset, size           uint64
	show                   []string
	eval, lookup, gc       bool
	superblocks, topology  bool
	noPartDetails, rawText bool
	searchType, searchVal  string
	typeFilter             []string
	typeFilterOut          bool
	usageFilter            []string
	// printedOne is whether some device's values were printed (for the
	// blank line between devices in udev and export formats).
	printedOne bool
	// status is what an option that ended the run asked to exit with.
	status int
	// filterSeen is the long name of -n or -u once one was given: the
	// two exclude each other.
	filterSeen string
}

func blkidApplet(c *cmd) int {
	b := &blkidRun{c: c}
	operands, ok := c.Parse(b.flagSet())
	if !ok {
		if b.status != 0 {
			return b.status
		}
		return 1
	}
	devices := b.usableDevices(operands)
	if len(operands) > 0 && len(devices) == 0 {
		return blkidNotFound
	}
	if b.lookup && b.format == fmtDevice && (b.searchType == "LABEL" || b.searchType == "UUID") {
		b.eval, b.lookup = true, false
	}
	if b.gc {
		return 0
	}
	if b.format == fmtList && !b.eval {
		if b.superblocks || b.topology {
			c.warnf("The low-level probing mode does not support 'list' output format")
			return blkidOther
		}
		b.listHeader()
	}
	switch {
	case b.superblocks || b.topology:
		return b.lowProbeAll(devices)
	case b.eval:
		return b.evaluate()
	case b.lookup:
		return b.lookupFirst(devices)
	}
	return b.cached(devices)
}

// flagSet declares blkid's options in util-linux 2.38's table order;
// each applies itself as the command line meets it. One that ends the
// run sets b.status (or the exit status, for -k and -v).
func (b *blkidRun) flagSet() *applet.FlagSet {
	c := b.c
	fs := c.FlagSet()
	fs.Help = helpTexts["blkid"]
	fs.ShortHelp = true
	fail := func(status int, format string, a ...any) error {
		c.warnf(format, a...)
		b.status = status
		return applet.ErrReported
	}
	failHint := func(format string, a ...any) error {
		c.warnf(format, a...)
		c.tryHelp(0)
		b.status = blkidOther
		return applet.ErrReported
	}
	done := func() error {
		c.Exit(0)
		return applet.ErrReported
	}
	filter := func(long string) error {
		if b.filterSeen != "" && b.filterSeen != long {
			return fail(blkidOther, "mutually exclusive arguments: --match-types --usages")
		}
		b.filterSeen = long
		return nil
	}
	fs.StringP("cache-file", "c", "", "")
	fs.BoolVarP(&b.rawText, "no-encoding", "d", false, "")
	fs.BoolVarP(&b.noPartDetails, "no-part-details", "D", false, "")
	fs.BoolVarP(&b.gc, "garbage-collect", "g", false, "")
	fs.ArgFunc("output", "o", "", func(v string) error {
		f, ok := blkidFormats[v]
		if !ok {
			return fail(blkidOther, "unsupported output format %s", v)
		}
		b.format, b.explicitFull = f, v == "full"
		return nil
	})
	fs.Action("list-filesystems", "k", "", func() error {
		for _, n := range blkprobe.Names() {
			c.Out.WriteString(n + "\n")
		}
		return done()
	})
	fs.ArgFunc("match-tag", "s", "", func(v string) error {
		if len(b.show)+1 >= 128 {
			return failHint("Too many tags specified")
		}
		b.show = append(b.show, v)
		return nil
	})
	fs.ArgFunc("match-token", "t", "", func(v string) error {
		if b.searchType != "" {
			return failHint("Can only search for one NAME=value pair")
		}
		name, val, ok := parseTagToken(v)
		if !ok {
			return failHint("-t needs NAME=value pair")
		}
		b.searchType, b.searchVal = name, val
		return nil
	})
	fs.BoolVarP(&b.lookup, "list-one", "l", false, "")
	tag := func(name string) func(string) error {
		return func(v string) error {
			b.eval, b.searchType, b.searchVal = true, name, v
			return nil
		}
	}
	fs.ArgFunc("label", "L", "", tag("LABEL"))
	fs.ArgFunc("uuid", "U", "", tag("UUID"))
	fs.BoolVarP(&b.superblocks, "probe", "p", false, "")
	fs.StringP("hint", "H", "", "")
	fs.BoolVarP(&b.topology, "info", "i", false, "")
	size := func(what string, dst *uint64) func(string) error {
		return func(v string) error {
			n, err := parseSizeArg(v)
			if err != nil {
				return fail(blkidOther, "invalid %s argument: '%s': %s", what, v, applet.ErrText(err))
			}
			*dst = n
			return nil
		}
	}
	fs.ArgFunc("size", "S", "", size("size", &b.size))
	fs.ArgFunc("offset", "O", "", size("offset", &b.offset))
	fs.ArgFunc("usages", "u", "", func(v string) error {
		if err := filter("usages"); err != nil {
			return err
		}
		names, out, ok := b.filterList(v)
		if !ok {
			return fail(blkidOther, "unknown keyword in -u <list> argument: '%s'", v)
		}
		for i, n := range names {
			if !validUsage(n) {
				// The message quotes the list from the bad word on.
				return fail(blkidOther, "unknown keyword in -u <list> argument: '%s'", strings.Join(names[i:], ","))
			}
		}
		b.usageFilter, b.typeFilterOut = names, out
		return nil
	})
	fs.ArgFunc("match-types", "n", "", func(v string) error {
		if err := filter("match-types"); err != nil {
			return err
		}
		names, out, ok := b.filterList(v)
		if !ok {
			return fail(blkidOther, "error: -u <list> argument is empty")
		}
		b.typeFilter, b.typeFilterOut = names, out
		return nil
	})
	fs.PlaceVersion()
	fs.Action("v", "v", "", func() error {
		fmt.Fprintf(c.Out, "%s (linuxvfs) %s\n", c.Name, applet.Version)
		return done()
	})
	fs.ArgFunc("w", "w", "", func(string) error { return nil })
	return fs
}

// filterList is a comma list, "no" before it inverting it.
func (b *blkidRun) filterList(arg string) (names []string, out, ok bool) {
	if rest, found := strings.CutPrefix(arg, "no"); found {
		arg, out = rest, true
	}
	if arg == "" {
		return nil, out, false
	}
	return strings.Split(arg, ","), out, true
}

// validUsage: the words -u takes are matched by their beginning, as
// strncmp against each keyword's length does.
func validUsage(w string) bool {
	for _, k := range []string{"filesystem", "raid", "crypto", "other"} {
		if strings.HasPrefix(w, k) {
			return true
		}
	}
	return false
}

// parseTagToken is blkid_parse_tag_string: NAME=value, the value
// possibly in double or single quotes.
func parseTagToken(s string) (name, val string, ok bool) {
	name, val, ok = strings.Cut(s, "=")
	if !ok {
		return "", "", false
	}
	if len(val) > 0 && (val[0] == '"' || val[0] == '\'') {
		q := val[0]
		val = val[1:]
		if i := strings.IndexByte(val, q); i >= 0 {
			val = val[:i]
		}
	}
	return name, val, true
}

// usableDevices are the operands blkid may probe: block devices and
// regular files; the others are dropped without a word.
func (b *blkidRun) usableDevices(operands []string) []string {
	var out []string
	for _, dev := range operands {
		st, err := b.c.Task.Stat(dev)
		if err != nil {
			continue
		}
		if m := uint32(st.Mode); applet.IsBlk(m) || applet.IsReg(m) {
			out = append(out, dev)
		}
	}
	return out
}

// wanted is whether -s lets a tag through.
func (b *blkidRun) wanted(name string) bool {
	if len(b.show) == 0 {
		return true
	}
	for _, s := range b.show {
		if s == name {
			return true
		}
	}
	return false
}
