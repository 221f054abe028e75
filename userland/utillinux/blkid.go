// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
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

var blkidOptions = []optSpec{
	{short: 'c', long: "cache-file", arg: reqArg},
	{short: 'd', long: "no-encoding"},
	{short: 'D', long: "no-part-details"},
	{short: 'g', long: "garbage-collect"},
	{short: 'o', long: "output", arg: reqArg},
	{short: 'k', long: "list-filesystems"},
	{short: 's', long: "match-tag", arg: reqArg},
	{short: 't', long: "match-token", arg: reqArg},
	{short: 'l', long: "list-one"},
	{short: 'L', long: "label", arg: reqArg},
	{short: 'U', long: "uuid", arg: reqArg},
	{short: 'p', long: "probe"},
	{short: 'H', long: "hint", arg: reqArg},
	{short: 'i', long: "info"},
	{short: 'S', long: "size", arg: reqArg},
	{short: 'O', long: "offset", arg: reqArg},
	{short: 'u', long: "usages", arg: reqArg},
	{short: 'n', long: "match-types", arg: reqArg},
	{short: 'V', long: "version"},
	{short: 'v'},
	{short: 'w', arg: reqArg},
	{short: 'h', long: "help"},
}

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
}

func blkidApplet(c *cmd) int {
	parsed, operands, ok := c.parseOpts(blkidOptions, false)
	if !ok {
		return c.tryHelp(1)
	}
	b := &blkidRun{c: c}
	if !c.exclusiveOpts(parsed, blkidOptions, [][]int{{'n', 'u'}}) {
		return blkidOther
	}
	for _, p := range parsed {
		if status, stop := b.option(p); stop {
			return status
		}
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

// option applies one option; stop ends the run with status.
func (b *blkidRun) option(p optSeen) (status int, stop bool) {
	c := b.c
	switch p.id {
	case 'd':
		b.rawText = true
	case 'D':
		b.noPartDetails = true
	case 'L', 'U':
		b.eval, b.searchVal = true, p.arg
		b.searchType = map[int]string{'L': "LABEL", 'U': "UUID"}[p.id]
	case 'n':
		names, out, ok := b.filterList(p.arg)
		if !ok {
			c.warnf("error: -u <list> argument is empty")
			return blkidOther, true
		}
		b.typeFilter, b.typeFilterOut = names, out
	case 'u':
		names, out, ok := b.filterList(p.arg)
		if !ok {
			c.warnf("unknown keyword in -u <list> argument: '%s'", p.arg)
			return blkidOther, true
		}
		for i, n := range names {
			if !validUsage(n) {
				// The message quotes the list from the bad word on.
				c.warnf("unknown keyword in -u <list> argument: '%s'", strings.Join(names[i:], ","))
				return blkidOther, true
			}
		}
		b.usageFilter, b.typeFilterOut = names, out
	case 'i':
		b.topology = true
	case 'l':
		b.lookup = true
	case 'g':
		b.gc = true
	case 'k':
		for _, n := range blkprobe.Names() {
			c.Out.WriteString(n + "\n")
		}
		return 0, true
	case 'o':
		f, ok := blkidFormats[p.arg]
		if !ok {
			c.warnf("unsupported output format %s", p.arg)
			return blkidOther, true
		}
		b.format, b.explicitFull = f, p.arg == "full"
	case 'O', 'S':
		n, err := parseSizeArg(p.arg)
		if err != nil {
			what := map[int]string{'O': "offset", 'S': "size"}[p.id]
			c.warnf("invalid %s argument: '%s': %s", what, p.arg, applet.ErrText(err))
			return blkidOther, true
		}
		if p.id == 'O' {
			b.offset = n
		} else {
			b.size = n
		}
	case 'p':
		b.superblocks = true
	case 's':
		if len(b.show)+1 >= 128 {
			c.warnf("Too many tags specified")
			return c.tryHelp(blkidOther), true
		}
		b.show = append(b.show, p.arg)
	case 't':
		if b.searchType != "" {
			c.warnf("Can only search for one NAME=value pair")
			return c.tryHelp(blkidOther), true
		}
		name, val, ok := parseTagToken(p.arg)
		if !ok {
			c.warnf("-t needs NAME=value pair")
			return c.tryHelp(blkidOther), true
		}
		b.searchType, b.searchVal = name, val
	case 'V', 'v':
		c.versionLine()
		return 0, true
	case 'h':
		c.printHelp()
		return 0, true
	}
	return 0, false
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
