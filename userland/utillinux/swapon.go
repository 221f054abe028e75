// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// swapEntry is one line of /proc/swaps.
type swapEntry struct {
	name, typ  string
	size, used uint64 // KiB
	prio       int
}

// readSwaps parses /proc/swaps (its names unescaped); none when it
// cannot be read.
func readSwaps(t *vfs.Task) []swapEntry {
	text, err := readProcFile(t, "/proc/swaps")
	if err != nil {
		return nil
	}
	var out []swapEntry
	lines := strings.Split(text, "\n")
	for _, l := range lines[min(1, len(lines)):] {
		f := strings.Fields(l)
		if len(f) < 5 {
			continue
		}
		e := swapEntry{name: unescapeOctal(f[0]), typ: f[1]}
		e.size, _ = strconv.ParseUint(f[2], 10, 64)
		e.used, _ = strconv.ParseUint(f[3], 10, 64)
		e.prio, _ = strconv.Atoi(f[4])
		out = append(out, e)
	}
	return out
}

// unescapeOctal undoes the kernel's \ooo escapes of a path.
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// swaponRun is one swapon(8) command.
type swaponRun struct {
	*cmd
	all, ifExists, summary, verbose bool
	fixPageSize                     bool
	prio                            int
	havePrio                        bool
	show                            bool
	showCols                        string
	noHeadings, raw, bytes          bool
	labels, uuids                   []string
}

// swaponApplet is util-linux's swapon(8): activate swap areas named on
// the command line, by label or UUID, or in /etc/fstab, or list them.
func swaponApplet(cmd *cmd) int {
	c := &swaponRun{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[options] [<spec>]"
	fs.About = "Start using swap areas (files or block devices)."
	fs.ShortHelp = true
	fs.BoolVarP(&c.all, "all", "a", false, "activate every swap area of /etc/fstab")
	fs.OptionalArgFunc("discard", "d", "discard freed pages (`POLICY`: once or pages)", func(string, bool) error { return nil })
	fs.BoolVarP(&c.ifExists, "ifexists", "e", false, "skip areas that do not exist")
	fs.BoolVarP(&c.fixPageSize, "fixpgsz", "f", false, "remake an area of another page size")
	fs.StringP("options", "o", "", "fstab-style `LIST` of options")
	fs.ArgFunc("priority", "p", "use priority `PRIO`", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			c.warnf("failed to parse priority: '%s'", v)
			return applet.ErrReported
		}
		c.prio, c.havePrio = n, true
		return nil
	})
	fs.BoolVarP(&c.summary, "summary", "s", false, "list the active areas as /proc/swaps does")
	fs.OptionalLongArgFunc("show", "", "list the active areas (with the `COLUMNS` given)", func(v string, given bool) error {
		c.show = true
		if given {
			c.showCols = v
		}
		return nil
	})
	fs.BoolVar(&c.noHeadings, "noheadings", false, "no header line in --show's list")
	fs.BoolVar(&c.raw, "raw", false, "--show's list unaligned")
	fs.BoolVar(&c.bytes, "bytes", false, "sizes in bytes in --show's list")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "say what is done")
	fs.ArgFunc("label", "L", "the area labelled `LABEL`", func(v string) error { c.labels = append(c.labels, v); return nil })
	fs.ArgFunc("uuid", "U", "the area with `UUID`", func(v string) error { c.uuids = append(c.uuids, v); return nil })
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if c.summary {
		return c.printSummary()
	}
	if c.show || !c.all && len(ops) == 0 && len(c.labels) == 0 && len(c.uuids) == 0 {
		return c.printShow()
	}
	if c.ifExists && !c.all && len(ops) > 0 {
		return c.badUsage(1) // -e is for -a's fstab entries
	}
	return c.activate(ops)
}

// activate swaps on each named area, then those of fstab with -a; the
// status is -1 (255) when any failed.
func (c *swaponRun) activate(ops []string) int {
	status := 0
	fail := func(ok bool) {
		if !ok {
			status = 255
		}
	}
	for _, l := range c.labels {
		fail(c.byTag("LABEL", l))
	}
	for _, u := range c.uuids {
		fail(c.byTag("UUID", u))
	}
	for _, op := range ops {
		fail(c.one(op, c.flags(c.prio, c.havePrio), false))
	}
	if c.all {
		fail(c.fromFstab())
	}
	return status
}

// flags are swapon(2)'s flags for a priority, if one is given.
func (c *swaponRun) flags(prio int, have bool) int {
	if !have || prio < 0 {
		return 0
	}
	return vfs.SwapFlagPrefer | min(prio, vfs.SwapFlagPrioMask)
}

// byTag activates the device a LABEL or UUID names.
func (c *swaponRun) byTag(kind, val string) bool {
	dev := findDeviceByTag(c.Task, kind, val)
	if dev == "" {
		c.warnf("cannot find the device for %s", val)
		return false
	}
	return c.one(dev, c.flags(c.prio, c.havePrio), false)
}

// findDeviceByTag is the first block device whose LABEL or UUID is val.
func findDeviceByTag(t *vfs.Task, kind, val string) string {
	for _, name := range allBlockDevices(t) {
		if d := cachedTags(t, name); d != nil && d.has(kind, val) {
			return name
		}
	}
	return ""
}

// fromFstab is -a: fstab's swap entries that are not noauto nor active
// yet (and exist, with -e or nofail).
func (c *swaponRun) fromFstab() bool {
	ok := true
	active := readSwaps(c.Task)
	for _, fs := range c.readFstab("/etc/fstab").fss {
		if fs.fstype != "swap" {
			continue
		}
		opts := splitOpts(fs.optstr)
		if _, noauto := optionValue(opts, "noauto"); noauto {
			continue
		}
		_, nofail := optionValue(opts, "nofail")
		dev := c.resolveSpec(fs.source)
		if dev == "" {
			if !nofail && !c.ifExists {
				c.warnf("cannot find the device for %s", fs.source)
				ok = false
			}
			continue
		}
		if isActiveSwap(c.Task, active, dev) {
			continue
		}
		if (c.ifExists || nofail) && c.Task.Access(dev, linux.R_OK) != nil {
			continue
		}
		prio, have := c.prio, c.havePrio
		if v, set := optionValue(opts, "pri"); set {
			if n, err := strconv.Atoi(v); err == nil {
				prio, have = n, true
			}
		}
		ok = c.one(dev, c.flags(prio, have), true) && ok
	}
	return ok
}

// resolveSpec is an fstab source as a device path: LABEL= and UUID= are
// looked up, a path is made canonical.
func (c *swaponRun) resolveSpec(spec string) string {
	for _, kind := range []string{"LABEL", "UUID"} {
		if v, ok := strings.CutPrefix(spec, kind+"="); ok {
			return findDeviceByTag(c.Task, kind, v)
		}
	}
	return canonicalPath(c.Task, spec)
}

// isActiveSwap is whether dev is in /proc/swaps, by name or by device.
func isActiveSwap(t *vfs.Task, active []swapEntry, dev string) bool {
	st, err := t.Stat(dev)
	for _, a := range active {
		if a.name == dev {
			return true
		}
		if err != nil {
			continue
		}
		if ast, err := t.Stat(a.name); err == nil && ast.Ino == st.Ino && ast.Dev() == st.Dev() {
			return true
		}
	}
	return false
}

// one checks and activates an area, by its canonical name.
func (c *swaponRun) one(name string, flags int, _ bool) bool {
	name = canonicalPath(c.Task, name)
	if c.verbose {
		fmt.Fprintf(c.Out, "swapon %s\n", name)
	}
	if !c.check(name) {
		return false
	}
	if err := c.Task.Swapon(name, flags); err != nil {
		c.warnf("%s: swapon failed: %s", name, applet.ErrText(err))
		return false
	}
	return true
}

// check is what swapon looks at before the system call: permissions
// and owner, holes in a file, and a swap signature of the system's page
// size that the device is large enough for.
func (c *swaponRun) check(name string) bool {
	t := c.Task
	f, err := openProbeFile(t, name)
	if err == linux.EINVAL {
		// Neither a device nor a file: there is no header to read.
		f, err = nil, nil
	}
	if err != nil {
		c.warnf("cannot open %s: %s", name, applet.ErrText(err))
		return false
	}
	st, err := t.Stat(name)
	if err != nil {
		c.warnf("stat of %s failed: %s", name, applet.ErrText(err))
		return false
	}
	if f != nil {
		defer f.close()
	}
	if perm, want := uint32(st.Mode)&0o7777, swapSafeMode(uint32(st.Mode)); perm&^want != 0 {
		c.warnf("%s: insecure permissions %04o, %04o suggested.", name, perm, want)
	}
	if applet.IsReg(uint32(st.Mode)) && st.UID != 0 {
		c.warnf("%s: insecure file owner %d, 0 (root) suggested.", name, st.UID)
	}
	if applet.IsReg(uint32(st.Mode)) && st.Blocks*512 < st.Size {
		c.warnf("%s: skipping - it appears to have holes.", name)
		return false
	}
	if f == nil || f.size == 0 {
		c.warnf("%s: read swap header failed", name)
		return false
	}
	return c.checkHeader(name, f)
}

// swapSafeMode is the most a swap area's mode should allow: reading and
// writing by its owner, and for a device by its disk group too; nothing
// for others, no special bits.
func swapSafeMode(mode uint32) uint32 {
	if applet.IsBlk(mode) {
		return 0o660
	}
	return 0o600
}

// checkHeader finds the swap signature and compares the area the header
// describes with the device.
func (c *swaponRun) checkHeader(name string, f *probeFile) bool {
	sigs, err := blkprobe.Signatures(f.device(false), func(typ string) bool { return typ == "swap" })
	if err != nil || len(sigs) == 0 {
		c.warnf("%s: read swap header failed", name)
		return false
	}
	pageSize := sigs[0].Offset + 10
	if c.verbose {
		c.warnf("%s: found signature [pagesize=%d, signature=swap]", name, pageSize)
	}
	hdr := make([]byte, 8)
	if _, err := f.ReadAt(hdr, 1024); err != nil {
		c.warnf("%s: read swap header failed", name)
		return false
	}
	last := uint64(hdr[4]) | uint64(hdr[5])<<8 | uint64(hdr[6])<<16 | uint64(hdr[7])<<24
	swapSize := (last + 1) * uint64(pageSize)
	if c.verbose {
		c.warnf("%s: pagesize=%d, swapsize=%d, devsize=%d", name, pageSize, swapSize, f.size)
	}
	// Neither is fatal here: the system call refuses such an area itself.
	if pageSize != systemPageSize {
		c.warnf("%s: swap format pagesize does not match. (Use --fixpgsz to reinitialize it.)", name)
	} else if swapSize > uint64(f.size) && c.verbose {
		c.warnf("%s: last_page 0x%08x is larger than actual size of swapspace", name, swapSize)
	}
	return true
}

// printSummary is -s: /proc/swaps as the kernel writes it, nothing when
// no area is active.
func (c *swaponRun) printSummary() int {
	text, err := readProcFile(c.Task, "/proc/swaps")
	if err != nil {
		c.warnf("%s: open failed: %s", "/proc/swaps", applet.ErrText(err))
		return 255
	}
	if strings.Count(text, "\n") > 1 {
		c.Out.WriteString(text)
	}
	return 0
}

// swapCol is one of --show's columns.
type swapCol struct {
	name  string
	right bool
	kind  cellKind
	cell  func(c *swaponRun, e swapEntry) string
}

var swapCols = []swapCol{
	{"NAME", false, cellText, func(_ *swaponRun, e swapEntry) string { return e.name }},
	{"TYPE", false, cellText, func(_ *swaponRun, e swapEntry) string { return e.typ }},
	{"SIZE", true, cellNumber, func(c *swaponRun, e swapEntry) string { return c.sizeCell(e.size * 1024) }},
	{"USED", true, cellNumber, func(c *swaponRun, e swapEntry) string { return c.sizeCell(e.used * 1024) }},
	{"PRIO", true, cellNumber, func(_ *swaponRun, e swapEntry) string { return strconv.Itoa(e.prio) }},
	{"UUID", false, cellText, func(c *swaponRun, e swapEntry) string { return c.tag(e.name, "UUID") }},
	{"LABEL", false, cellText, func(c *swaponRun, e swapEntry) string { return c.tag(e.name, "LABEL") }},
}

func (c *swaponRun) sizeCell(n uint64) string {
	if c.bytes {
		return strconv.FormatUint(n, 10)
	}
	return size.UtilLinux.Format(n)
}

// tag is a value of the area's swap header.
func (c *swaponRun) tag(name, which string) string {
	f, err := openProbeFile(c.Task, name)
	if err != nil {
		return ""
	}
	defer f.close()
	sigs, _ := blkprobe.Signatures(f.device(false), func(typ string) bool { return typ == "swap" })
	if len(sigs) == 0 {
		return ""
	}
	if which == "UUID" {
		return sigs[0].UUID
	}
	return sigs[0].Label
}

// printShow is --show: a table of the active areas (none, no header).
func (c *swaponRun) printShow() int {
	cols := []int{0, 1, 2, 3, 4}
	if c.showCols != "" {
		var ok bool
		cols, ok = c.columnList(c.showCols, nil, len(swapCols)*2, func(n string) int {
			for i, col := range swapCols {
				if strings.EqualFold(col.name, n) {
					return i
				}
			}
			return -1
		})
		if !ok {
			return 1
		}
	}
	entries := readSwaps(c.Task)
	if len(entries) == 0 {
		return 0
	}
	tb := &table{noHeader: c.noHeadings}
	if c.raw {
		tb.format = formatRaw
	}
	for _, i := range cols {
		tb.addCol(&tableCol{header: swapCols[i].name, right: swapCols[i].right, kind: swapCols[i].kind})
	}
	for _, e := range entries {
		r := tb.addRow(nil)
		for j, i := range cols {
			r.cells[j] = swapCols[i].cell(c, e)
		}
	}
	tb.render(c.Out)
	return 0
}

// swapoffRun is one swapoff(8) command.
type swapoffRun struct {
	*cmd
	all, verbose bool
	// denied is set once swapoff(2) said EPERM: swapoff stops there.
	denied bool
}

// swapoff's exit statuses.
const (
	swapoffOK     = 0
	swapoffSysErr = 4 // a swapoff(2) failed
	swapoffUsage  = 16
	// swapoffNotFound is util-linux's -1 for a tag that names no
	// device: or-ed into the status, it sets every bit.
	swapoffNotFound = 255
	swapoffAllFail  = 32 // -a: no area could be turned off
	swapoffSomeOK   = 64 // -a: some could, some not
)

// swapoffApplet is util-linux's swapoff(8): stop using the named areas,
// or all that are active and in /etc/fstab.
func swapoffApplet(cmd *cmd) int {
	c := &swapoffRun{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[options] [<spec>]"
	fs.About = "Stop using swap areas (files or block devices)."
	fs.ShortHelp = true
	fs.BoolVarP(&c.all, "all", "a", false, "deactivate every active area")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "say what is done")
	var labels, uuids []string
	fs.ArgFunc("label", "L", "the area labelled `LABEL`", func(v string) error { labels = append(labels, v); return nil })
	fs.ArgFunc("uuid", "U", "the area with `UUID`", func(v string) error { uuids = append(uuids, v); return nil })
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if !c.all && len(ops) == 0 && len(labels) == 0 && len(uuids) == 0 {
		c.warnf("bad usage")
		return c.tryHelp(swapoffUsage)
	}
	status := swapoffOK
	steps := []func() int{}
	for _, l := range labels {
		steps = append(steps, func() int { return c.byTag("LABEL", l) })
	}
	for _, u := range uuids {
		steps = append(steps, func() int { return c.byTag("UUID", u) })
	}
	for _, op := range ops {
		steps = append(steps, func() int { return c.one(op) })
	}
	if c.all {
		steps = append(steps, c.offAll)
	}
	for _, step := range steps {
		status |= step()
		if c.denied {
			return swapoffUsage
		}
	}
	return status
}

func (c *swapoffRun) byTag(kind, val string) int {
	dev := findDeviceByTag(c.Task, kind, val)
	if dev == "" {
		c.warnf("cannot find the device for %s", val)
		return swapoffNotFound
	}
	return c.one(dev)
}

// one turns off one area by the name given.
func (c *swapoffRun) one(name string) int {
	if c.verbose {
		fmt.Fprintf(c.Out, "swapoff %s\n", name)
	}
	err := c.Task.Swapoff(name)
	switch {
	case err == nil:
		return swapoffOK
	case err == linux.EPERM:
		c.warnf("Not superuser.")
		c.denied = true
		return swapoffUsage
	}
	c.warnf("%s: swapoff failed: %s", name, applet.ErrText(err))
	return swapoffSysErr
}

// offAll is -a: every active area, the last listed first, then the
// swap entries of /etc/fstab that were not listed, quietly (their
// failures neither reported nor counted).
func (c *swapoffRun) offAll() int {
	active := readSwaps(c.Task)
	ok, failed := 0, 0
	for i := len(active) - 1; i >= 0 && !c.denied; i-- {
		if c.one(active[i].name) == swapoffOK {
			ok++
		} else {
			failed++
		}
	}
	on := &swaponRun{cmd: c.cmd}
	for _, fs := range c.readFstab("/etc/fstab").fss {
		if fs.fstype != "swap" {
			continue
		}
		dev := on.resolveSpec(fs.source)
		if dev != "" && isActiveSwap(c.Task, active, dev) {
			continue
		}
		if c.verbose {
			fmt.Fprintf(c.Out, "swapoff %s\n", fs.source)
		}
		if dev == "" {
			c.warnf("cannot find the device for %s", fs.source)
			continue
		}
		c.Task.Swapoff(dev)
	}
	switch {
	case failed == 0:
		return swapoffOK
	case ok == 0:
		return swapoffAllFail
	}
	return swapoffSomeOK
}
