// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// blkid's modes and how each prints.

// cached lists the named devices, or every device, with their tags; -t
// keeps those that have the tag. Status 0 if one was found.
func (b *blkidRun) cached(devices []string) int {
	t := b.c.Task
	if len(devices) == 0 {
		devices = allBlockDevices(t)
	}
	status := blkidNotFound
	for _, name := range devices {
		d := cachedTags(t, name)
		if d == nil {
			continue
		}
		if b.searchType != "" && !d.has(b.searchType, b.searchVal) {
			continue
		}
		b.printTags(d)
		status = 0
	}
	return status
}

// lookupFirst is -l: the first device with the -t tag.
func (b *blkidRun) lookupFirst(devices []string) int {
	if b.searchType == "" {
		b.c.warnf("The lookup option requires a search type specified using -t")
		return blkidOther
	}
	for _, name := range b.lookupOrder(devices) {
		if d := cachedTags(b.c.Task, name); d != nil && d.has(b.searchType, b.searchVal) {
			b.printTags(d)
			return 0
		}
	}
	return blkidNotFound
}

// lookupOrder: the named devices join the list of all devices, where
// they are looked for in turn.
func (b *blkidRun) lookupOrder(devices []string) []string {
	out := append([]string(nil), devices...)
	for _, d := range allBlockDevices(b.c.Task) {
		if !contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// evaluate is -L and -U (blkid_evaluate_tag): the first device with
// that label or UUID, by name.
func (b *blkidRun) evaluate() int {
	for _, name := range allBlockDevices(b.c.Task) {
		if d := cachedTags(b.c.Task, name); d != nil && d.has(b.searchType, b.searchVal) {
			fmt.Fprintln(b.c.Out, name)
			return 0
		}
	}
	return blkidNotFound
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// printTags is print_tags: one device in the chosen format.
func (b *blkidRun) printTags(d *blkTags) {
	out := b.c.Out
	switch b.format {
	case fmtList:
		b.listLine(d)
		return
	case fmtDevice:
		fmt.Fprintln(out, d.name)
		return
	}
	n := 0
	for _, tg := range d.tags {
		if !b.wanted(tg.Name) {
			continue
		}
		if n == 0 && b.printedOne && (b.format == fmtUdev || b.format == fmtExport) {
			out.WriteString("\n")
		}
		b.printValue(n == 0, d.name, tg)
		n++
	}
	if n > 0 {
		if b.format == fmtFull {
			out.WriteString("\n")
		}
		b.printedOne = true
	}
}

// printValue is one value; first says whether it opens the device's
// output (which then names the device).
func (b *blkidRun) printValue(first bool, dev string, v blkprobe.Value) {
	out := b.c.Out
	switch b.format {
	case fmtValue:
		fmt.Fprintln(out, v.Data)
	case fmtUdev:
		printUdev(out, v)
	case fmtExport:
		if first {
			fmt.Fprintf(out, "DEVNAME=%s\n", dev)
		}
		fmt.Fprintf(out, "%s=%s\n", v.Name, b.escape(v.Data, blkprobe.ExportEscape))
	default:
		if first {
			fmt.Fprintf(out, "%s:", dev)
		}
		fmt.Fprintf(out, " %s=\"%s\"", v.Name, b.escape(v.Data, blkprobe.QuoteEscape))
	}
}

func (b *blkidRun) escape(s string, esc func(string) string) string {
	if b.rawText {
		return s
	}
	return esc(s)
}

// udevPlain are the names udev gets encoded, and no _ENC twin.
var udevPlain = map[string]bool{"TYPE": true, "VERSION": true, "SYSTEM_ID": true, "PUBLISHER_ID": true,
	"APPLICATION_ID": true, "BOOT_SYSTEM_ID": true, "VOLUME_ID": true, "LOGICAL_VOLUME_ID": true,
	"VOLUME_SET_ID": true, "DATA_PREPARER_ID": true}

// printUdev is print_udev_format: the names udev's rules expect.
func printUdev(out io.Writer, v blkprobe.Value) {
	name := v.Name
	switch {
	case udevPlain[name]:
		fmt.Fprintf(out, "ID_FS_%s=%s\n", name, blkprobe.UdevEncode(v.Data))
	case name == "UUID" || name == "UUID_SUB" || strings.HasPrefix(name, "LABEL"):
		fmt.Fprintf(out, "ID_FS_%s=%s\n", name, blkprobe.UdevSafe(v.Data))
		fmt.Fprintf(out, "ID_FS_%s_ENC=%s\n", name, blkprobe.UdevEncode(v.Data))
	case name == "PTUUID":
		fmt.Fprintf(out, "ID_PART_TABLE_UUID=%s\n", v.Data)
	case name == "PTTYPE":
		fmt.Fprintf(out, "ID_PART_TABLE_TYPE=%s\n", v.Data)
	case name == "PART_ENTRY_NAME" || name == "PART_ENTRY_TYPE":
		fmt.Fprintf(out, "ID_%s=%s\n", name, blkprobe.UdevEncode(v.Data))
	case strings.HasPrefix(name, "PART_ENTRY_"):
		fmt.Fprintf(out, "ID_%s=%s\n", name, v.Data)
	case len(name) >= 15 && (strings.HasSuffix(name, "_SECTOR_SIZE") || strings.HasSuffix(name, "_IO_SIZE")) || name == "ALIGNMENT_OFFSET":
		fmt.Fprintf(out, "ID_IOLIMIT_%s=%s\n", name, v.Data)
	default:
		fmt.Fprintf(out, "ID_FS_%s=%s\n", name, v.Data)
	}
}

// The deprecated list format: fixed columns for an 80-column output.
const (
	listDevWidth   = 10
	listTypeWidth  = 7
	listLabelWidth = 8
	listMntWidth   = 14
)

// listWord prints a word padded to width, at least one blank after it;
// a word running over takes from the next column's room, or for the
// device ends the line.
func listWord(out io.Writer, s string, width, over int, newline bool) int {
	n := len(s) + over
	io.WriteString(out, s)
	ret := 0
	switch {
	case newline && n > width:
		io.WriteString(out, "\n")
		n = 0
	case n > width:
		ret = n - width
	}
	pad := 1
	if n < width {
		pad = width - n + 1
	}
	io.WriteString(out, strings.Repeat(" ", pad))
	return ret
}

func (b *blkidRun) listRow(dev, typ, label, mnt, uuid string) {
	out := b.c.Out
	n := listWord(out, dev, listDevWidth, 0, true)
	n = listWord(out, typ, listTypeWidth, n, false)
	n = listWord(out, label, listLabelWidth, n, false)
	listWord(out, mnt, listMntWidth, n, false)
	fmt.Fprintf(out, "%s\n", uuid)
}

// listHeader is the header, and the rule under it as wide as the
// terminal (none when the output is no terminal).
func (b *blkidRun) listHeader() {
	b.listRow("device", "fs_type", "label", "mount point", "UUID")
	b.c.Out.WriteString("\n")
}

// listLine is a device's line: its type, label, where it is mounted and
// its UUID.
func (b *blkidRun) listLine(d *blkTags) {
	if _, err := b.c.Task.Stat(d.name); err != nil {
		return
	}
	var typ, label, uuid string
	for _, tg := range d.tags {
		switch tg.Name {
		case "TYPE":
			typ = tg.Data
		case "LABEL":
			label = tg.Data
		case "UUID":
			uuid = tg.Data
		}
	}
	b.listRow(d.name, typ, label, b.mountedAt(d.name), uuid)
}

// mountedAt is check_mount_point's answer: the mountpoint of the
// device, or "(not mounted)".
func (b *blkidRun) mountedAt(name string) string {
	t := b.c.Task
	st, err := t.Stat(name)
	if err != nil {
		return "(not mounted)"
	}
	for _, fs := range readMountinfo(t).iter(false) {
		if applet.IsBlk(uint32(st.Mode)) && fs.major == linux.Major(st.Rdev()) && fs.minor == linux.Minor(st.Rdev()) || fs.source == name {
			return fs.target
		}
	}
	return "(not mounted)"
}

// lowProbeAll is -p and -i: each device in turn until one fails.
func (b *blkidRun) lowProbeAll(devices []string) int {
	if len(devices) == 0 {
		b.c.warnf("The low-level probing mode requires a device")
		return blkidOther
	}
	if b.explicitFull && b.topology {
		b.format = fmtExport
	}
	status := blkidNotFound
	for _, dev := range devices {
		if status = b.lowProbe(dev); status != 0 {
			break
		}
	}
	return status
}

// lowProbe is lowprobe_device.
func (b *blkidRun) lowProbe(dev string) int {
	c := b.c
	f, err := openProbeFile(c.Task, dev)
	if err != nil {
		c.warnf("error: %s: %s", dev, applet.ErrText(err))
		return blkidNotFound
	}
	defer f.close()
	if b.offset > 0 || b.size > 0 {
		// In unsigned arithmetic as libblkid has it: an offset past the
		// end with no size wraps around, passes the check and finds
		// nothing.
		size := b.size
		if size == 0 {
			size = uint64(f.size) - b.offset
		}
		if b.offset+size > uint64(f.size) {
			c.warnf("error: %s: %s", dev, applet.ErrText(linux.EINVAL))
			return blkidNotFound
		}
		f.window(int64(b.offset), int64(size))
	}
	vals, status := b.lowValues(f)
	if status == blkprobe.Ambivalent {
		if b.format == fmtUdev {
			b.udevAmbivalent(f)
			return blkidAmbivalent
		}
		c.warnf("%s: ambivalent result (probably more filesystems on the device, use wipefs(8) to see more details)", dev)
		return blkidAmbivalent
	}
	b.printLow(dev, vals)
	if len(vals) == 0 {
		return blkidNotFound
	}
	return 0
}

// lowValues probes: topology first with -i, then with -p the partition
// table alone on a small whole disk (a table there means no
// filesystem is looked for), else the full probe.
func (b *blkidRun) lowValues(f *probeFile) ([]blkprobe.Value, blkprobe.Status) {
	t := b.c.Task
	var vals []blkprobe.Value
	if b.topology {
		vals = append(vals, topology(t, f)...)
	}
	if !b.superblocks {
		return vals, blkprobe.Found
	}
	flags := blkprobe.LowFlags
	if b.noPartDetails {
		flags &^= blkprobe.PartDetails
	}
	whole := false
	if f.isBlock() {
		_, err := readAttr(t, sysfsBlock(t, f.st.Rdev())+"/partition")
		whole = err != nil
	}
	if whole && f.size <= 1440*1024 {
		p := blkprobe.New(f.device(true), 0)
		if p.PartitionsOnly() == blkprobe.Found {
			if _, ok := p.Lookup("PTTYPE"); ok {
				return append(vals, p.Values()...), blkprobe.Found
			}
		}
	}
	p := b.filtered(probeDeviceUnprobed(t, f, flags))
	st := p.Safe()
	return append(vals, p.Values()...), st
}

func (b *blkidRun) filtered(p *blkprobe.Probe) *blkprobe.Probe {
	switch {
	case b.typeFilter != nil:
		p.FilterTypes(b.typeFilter, b.typeFilterOut)
	case b.usageFilter != nil:
		p.FilterUsage(b.usageFilter, b.typeFilterOut)
	}
	return p
}

// printLow prints a device's values; a blank line separates devices in
// the udev and export formats.
func (b *blkidRun) printLow(dev string, vals []blkprobe.Value) {
	out := b.c.Out
	if len(vals) > 0 && b.printedOne && (b.format == fmtUdev || b.format == fmtExport) {
		out.WriteString("\n")
	}
	if len(vals) > 0 && b.format == fmtDevice {
		fmt.Fprintln(out, dev)
		return
	}
	n := 0
	for _, v := range vals {
		if !b.wanted(v.Name) {
			continue
		}
		b.printValue(n == 0, dev, v)
		n++
	}
	b.printedOne = true
	if len(vals) > 0 && (b.format == fmtFull || b.format == fmtList) {
		out.WriteString("\n")
	}
}

// topology is what -i reports of a block device's I/O limits (none for
// a file).
func topology(t *vfs.Task, f *probeFile) []blkprobe.Value {
	if !f.isBlock() {
		return nil
	}
	q := sysfsBlock(t, f.st.Rdev()) + "/queue/"
	var out []blkprobe.Value
	add := func(name, attr, dflt string) {
		v := mustAttr(t, q+attr)
		if v == "" {
			v = dflt
		}
		if v != "" && v != "0" {
			out = append(out, blkprobe.Value{Name: name, Data: v})
		}
	}
	add("MINIMUM_IO_SIZE", "minimum_io_size", "512")
	add("OPTIMAL_IO_SIZE", "optimal_io_size", "")
	add("PHYSICAL_SECTOR_SIZE", "physical_block_size", "512")
	add("LOGICAL_SECTOR_SIZE", "logical_block_size", "512")
	return out
}

// udevAmbivalent is ID_FS_AMBIVALENT: every signature found, as
// usage:type[:version], encoded as udev wants.
func (b *blkidRun) udevAmbivalent(f *probeFile) {
	p := b.filtered(probeDeviceUnprobed(b.c.Task, f, blkprobe.LowFlags))
	var words []string
	for _, m := range p.Matches() {
		w := blkprobe.UdevEncode(m.Usage) + ":" + blkprobe.UdevEncode(m.Type)
		if m.Version != "" {
			w += ":" + blkprobe.UdevEncode(m.Version)
		}
		words = append(words, w)
	}
	if len(words) > 1 {
		fmt.Fprintf(b.c.Out, "ID_FS_AMBIVALENT=%s\n", strings.Join(words, " "))
	}
}
