// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"path"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
)

// wipefsRun is one wipefs(8) command.
type wipefsRun struct {
	*cmd
	all, noAct, quiet bool
	force             bool
	noHeadings, json  bool
	parsable          bool
	types             string
	offsets           []int64
	cols              []int
}

// wipefsCol is one of the listing's columns.
type wipefsCol struct {
	name string
	kind cellKind
	cell func(dev string, s blkprobe.Signature) string
}

var wipefsCols = []wipefsCol{
	{"UUID", cellText, func(_ string, s blkprobe.Signature) string { return s.UUID }},
	{"LABEL", cellText, func(_ string, s blkprobe.Signature) string { return s.Label }},
	{"LENGTH", cellNumber, func(_ string, s blkprobe.Signature) string { return fmt.Sprint(len(s.Magic)) }},
	{"TYPE", cellText, func(_ string, s blkprobe.Signature) string { return s.Type }},
	{"OFFSET", cellText, func(_ string, s blkprobe.Signature) string { return fmt.Sprintf("0x%x", s.Offset) }},
	{"USAGE", cellText, func(_ string, s blkprobe.Signature) string { return s.Usage }},
	// The listing names a device by its last component (loop0).
	{"DEVICE", cellText, func(dev string, _ blkprobe.Signature) string { return path.Base(dev) }},
}

func wipefsColByName(name string) int {
	for i, c := range wipefsCols {
		if strings.EqualFold(c.name, name) {
			return i
		}
	}
	return -1
}

// wipefsApplet is util-linux's wipefs(8): list the signatures libblkid
// finds on devices, or erase their magic bytes (all, some types, or
// those at given offsets).
func wipefsApplet(cmd *cmd) int {
	c := &wipefsRun{cmd: cmd, cols: []int{6, 4, 3, 0, 1}}
	fs := c.FlagSet()
	fs.Synopsis = "[options] <device>"
	fs.About = "List or erase the signatures of filesystems and other formats on a device."
	fs.ShortHelp = true
	bad := false
	fs.BoolVarP(&c.all, "all", "a", false, "erase every signature")
	fs.BoolVarP(&c.force, "force", "f", false, "erase a partition table on what is no whole disk too")
	fs.BoolVarP(&c.noHeadings, "noheadings", "i", false, "no header line")
	fs.BoolVarP(&c.json, "json", "J", false, "list as JSON")
	fs.BoolVarP(&c.noAct, "no-act", "n", false, "say what would be erased, erase nothing")
	fs.ArgFunc("offset", "o", "erase the signature at `OFFSET`", func(v string) error {
		n, err := parseSizeArg(v)
		if err != nil || n > 1<<63-1 {
			c.warnf("invalid offset argument: '%s': %s", v, applet.ErrText(linux.EINVAL))
			bad = true
			return applet.ErrReported
		}
		c.offsets = append(c.offsets, int64(n))
		return nil
	})
	fs.ArgFunc("output", "O", "the `LIST` of columns to show", func(v string) error {
		cols, ok := c.columnList(v, nil, len(wipefsCols)*2, func(n string) int {
			return wipefsColByName(n)
		})
		if !ok {
			bad = true
			return applet.ErrReported
		}
		c.cols = cols
		return nil
	})
	fs.BoolVarP(&c.parsable, "parsable", "p", false, "list as offset,uuid,label,type lines")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "say nothing of what is erased")
	fs.StringVarP(&c.types, "types", "t", "", "only the types of `LIST` (\"no\" before it: all others)")
	fs.Exclusive("output", "all", "offset")
	ops, ok := c.Parse(fs)
	if !ok {
		if bad {
			return 1
		}
		return c.UsageStatus
	}
	if len(ops) == 0 {
		c.warnf("no device specified")
		return c.tryHelp(1)
	}
	status := 0
	for _, dev := range ops {
		if !c.device(dev) {
			status = 1
		}
	}
	return status
}

// wanted is -t's filter.
func (c *wipefsRun) wanted(typ string) bool {
	if c.types == "" {
		return true
	}
	list, neg := strings.CutPrefix(c.types, "no")
	for _, n := range strings.Split(list, ",") {
		if n == typ {
			return !neg
		}
	}
	return neg
}

// device lists or erases one device's signatures.
func (c *wipefsRun) device(dev string) bool {
	erase := c.all || len(c.offsets) > 0
	// Erasing (even with -n) claims a block device: EBUSY while mounted.
	flags := uint32(linux.O_RDONLY | linux.O_CLOEXEC)
	switch {
	case erase && c.noAct:
		flags |= linux.O_EXCL
	case erase:
		flags = linux.O_RDWR | linux.O_CLOEXEC | linux.O_EXCL
	}
	f, err := openProbeFileFlags(c.Task, dev, flags)
	if err != nil {
		c.warnf("error: %s: probing initialization failed: %s", dev, applet.ErrText(err))
		return false
	}
	defer f.close()
	sigs, err := blkprobe.Signatures(f.device(false), c.wanted)
	if err != nil {
		c.warnf("error: %s: probing initialization failed: %s", dev, applet.ErrText(err))
		return false
	}
	if !erase {
		c.list(dev, sigs)
		return true
	}
	if len(c.offsets) > 0 {
		sigs = c.atOffsets(dev, sigs)
	}
	nested, reread := false, false
	for _, s := range sigs {
		// A table inside a partition or a file is left alone unless
		// forced (loop devices count as whole disks here).
		if s.Usage == blkprobe.PartitionTableUsage && !f.isBlock() && !c.force {
			c.warnf("%s: ignoring nested \"%s\" partition table on non-whole disk device", dev, s.Type)
			nested = true
			continue
		}
		if !c.eraseOne(f, dev, s) {
			return false
		}
		reread = reread || s.Usage == blkprobe.PartitionTableUsage
	}
	if nested {
		c.warnf("Use the --force option to force erase.")
	}
	if reread && f.isBlock() && !c.noAct {
		// The kernel is told of the table's end, and wipefs says how
		// that went whatever the answer.
		_, err := c.Task.Ioctl(f.fd, linux.BLKRRPART, nil)
		text := "Success"
		if err != nil {
			text = applet.ErrText(err)
		}
		fmt.Fprintf(c.Out, "%s: calling ioctl to re-read partition table: %s\n", dev, text)
	}
	return true
}

// atOffsets keeps the signatures at -o's offsets, reporting those where
// there is none.
func (c *wipefsRun) atOffsets(dev string, sigs []blkprobe.Signature) []blkprobe.Signature {
	var out []blkprobe.Signature
	for _, off := range c.offsets {
		found := false
		for _, s := range sigs {
			if s.Offset == off {
				out = append(out, s)
				found = true
			}
		}
		if !found {
			c.warnf("%s: offset 0x%x not found", dev, off)
		}
	}
	return out
}

// eraseOne zeroes a signature's magic (unless -n) and says so.
func (c *wipefsRun) eraseOne(f *probeFile, dev string, s blkprobe.Signature) bool {
	if !c.noAct {
		if _, err := c.Task.Pwrite(f.fd, make([]byte, len(s.Magic)), s.Offset); err != nil {
			c.warnf("%s: failed to erase %s magic string at offset 0x%08x", dev, s.Type, s.Offset)
			return false
		}
	}
	if c.quiet {
		return true
	}
	var hex []string
	for _, b := range s.Magic {
		hex = append(hex, fmt.Sprintf("%02x", b))
	}
	what := "bytes were"
	if len(s.Magic) == 1 {
		what = "byte was"
	}
	fmt.Fprintf(c.Out, "%s: %d %s erased at offset 0x%08x (%s): %s\n", dev, len(s.Magic), what, s.Offset, s.Type, strings.Join(hex, " "))
	return true
}

// list prints the signatures found: a table, JSON or -p's lines.
func (c *wipefsRun) list(dev string, sigs []blkprobe.Signature) {
	if len(sigs) == 0 {
		return
	}
	if c.parsable {
		for _, s := range sigs {
			fmt.Fprintf(c.Out, "0x%x,%s,%s,%s\n", s.Offset, s.UUID, s.Label, s.Type)
		}
		return
	}
	tb := &table{noHeader: c.noHeadings, jsonName: "signatures"}
	if c.json {
		tb.format = formatJSON
	}
	for _, i := range c.cols {
		tb.addCol(&tableCol{header: wipefsCols[i].name, kind: wipefsCols[i].kind})
	}
	for _, s := range sigs {
		r := tb.addRow(nil)
		for j, i := range c.cols {
			r.cells[j] = wipefsCols[i].cell(dev, s)
		}
	}
	tb.render(c.Out)
}
