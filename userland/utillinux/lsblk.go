// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// lsblk(8): the block devices, from sysfs as util-linux 2.38 reads it
// (/sys/block for the list, /sys/dev/block/M:m for each device), with
// where they are mounted from the task's mount table. A disk's
// partitions hang under it; sysfs has no holders or slaves.

// lsblkColumnSets are the columns an option adds (add_uniq_column).
var lsblkColumnSets = map[string][]string{
	"discard":  {"NAME", "DISC-ALN", "DISC-GRAN", "DISC-MAX", "DISC-ZERO"},
	"zoned":    {"NAME", "ZONED", "ZONE-SZ", "ZONE-NR", "ZONE-AMAX", "ZONE-OMAX", "ZONE-APP", "ZONE-WGRAN"},
	"fs":       {"NAME", "FSTYPE", "FSVER", "LABEL", "UUID", "FSAVAIL", "FSUSE%", "MOUNTPOINTS"},
	"perms":    {"NAME", "SIZE", "OWNER", "GROUP", "MODE"},
	"topology": {"NAME", "ALIGNMENT", "MIN-IO", "OPT-IO", "PHY-SEC", "LOG-SEC", "ROTA", "SCHED", "RQ-SIZE", "RA", "WSAME"},
	"scsi":     {"NAME", "HCTL", "TYPE", "VENDOR", "MODEL", "REV", "SERIAL", "TRAN"},
}

var lsblkDefaultCols = []string{"NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS"}

// Exit statuses with device operands (LSBLK_EXIT_*).
const (
	lsblkSomeOK     = 64
	lsblkAllFailed  = 32
	lsblkMaxColumns = 2 * 64
)

// lsblkRun is one run of lsblk.
type lsblkRun struct {
	c                         *cmd
	cols                      []int
	all, bytes, noDeps        bool
	inverse                   bool
	noEmpty, paths, scsi      bool
	json, raw, pairs, list    bool
	noHeader, shellVars, tree bool
	ascii                     bool
	excludes, includes        []uint32
	sortCol, dedupCol         int
	outSpec                   outputSpec
	table                     *mntTable
}

// lsblkApplet is lsblk's entry point.
func lsblkApplet(c *cmd) int {
	l := &lsblkRun{c: c, sortCol: -1, dedupCol: -1, tree: true}
	forceTree := false
	operands, ok := c.Parse(l.flagSet(&forceTree))
	if !ok {
		return 1
	}
	if forceTree {
		l.tree = true
	}
	if !l.sysBlockReadable() {
		return 1
	}
	if len(l.cols) == 0 {
		for _, name := range lsblkDefaultCols {
			l.cols = append(l.cols, blkColByName(name))
		}
	}
	if l.outSpec.set {
		cols, ok := c.columnList(l.outSpec.list, l.cols, lsblkMaxColumns, blkColByName)
		if !ok {
			return 1
		}
		l.cols = cols
	}
	if !l.all && len(l.excludes) == 0 && len(l.includes) == 0 {
		l.excludes = []uint32{1} // RAM disks
	}
	if l.sortCol < 0 {
		l.sortCol = blkColByName("MAJ:MIN") // sysfs lists in no order
	}
	devs, status := l.devices(operands)
	l.print(devs)
	return status
}

// flagSet declares lsblk's options in util-linux 2.38's table order;
// each applies itself as the command line meets it.
func (l *lsblkRun) flagSet(forceTree *bool) *applet.FlagSet {
	c := l.c
	fs := c.FlagSet()
	fs.Help = lsblkHelp()
	fs.ShortHelp = true
	// columns is an option that adds a set of columns (add_uniq_column)
	// and then does more.
	columns := func(long, short string, more func()) {
		fs.Func(long, short, "", func() {
			for _, name := range lsblkColumnSets[long] {
				if id := blkColByName(name); !slices.Contains(l.cols, id) {
					l.cols = append(l.cols, id)
				}
			}
			more()
		})
	}
	majors := func(list *[]uint32) func(string) error {
		return func(v string) error {
			m, ok := majorList(v)
			if !ok {
				return fmt.Errorf("failed to parse list '%s'", v)
			}
			*list = append(*list, m...)
			return nil
		}
	}
	column := func(set func(id int)) func(string) error {
		return func(v string) error {
			id := blkColByName(v)
			if id < 0 {
				c.warnf("unknown column: %s", v)
				c.TryHelp()
				return applet.ErrReported
			}
			set(id)
			return nil
		}
	}
	fs.BoolVarP(&l.all, "all", "a", false, "")
	fs.BoolVarP(&l.bytes, "bytes", "b", false, "")
	fs.BoolVarP(&l.noDeps, "nodeps", "d", false, "")
	fs.BoolVarP(&l.noEmpty, "noempty", "A", false, "")
	columns("discard", "D", func() {})
	fs.ArgFunc("dedup", "E", "", column(func(id int) { l.dedupCol = id }))
	columns("zoned", "z", func() {})
	fs.PlaceHelp()
	fs.BoolVarP(&l.json, "json", "J", false, "")
	fs.ArgFunc("output", "o", "", l.outSpec.take)
	fs.Func("output-all", "O", "", func() {
		l.cols = l.cols[:0]
		for i := range blkCols {
			l.cols = append(l.cols, i)
		}
	})
	fs.BoolP("merge", "M", false, "")
	columns("perms", "m", func() {})
	fs.BoolVarP(&l.noHeader, "noheadings", "n", false, "")
	fs.Func("list", "l", "", func() { l.tree = false })
	fs.BoolVarP(&l.ascii, "ascii", "i", false, "")
	fs.Func("raw", "r", "", func() { l.raw, l.tree = true, false })
	fs.BoolVarP(&l.inverse, "inverse", "s", false, "")
	columns("fs", "f", func() {})
	fs.ArgFunc("exclude", "e", "", majors(&l.excludes))
	fs.ArgFunc("include", "I", "", majors(&l.includes))
	columns("topology", "t", func() {})
	fs.BoolVarP(&l.paths, "paths", "p", false, "")
	fs.Func("pairs", "P", "", func() { l.pairs, l.tree = true, false })
	columns("scsi", "S", func() { l.noDeps, l.scsi = true, true })
	fs.ArgFunc("sort", "x", "", column(func(id int) { l.sortCol, l.tree = id, false }))
	fs.ArgFunc("sysroot", "", "", func(string) error { return fmt.Errorf("--sysroot is not supported") })
	fs.BoolVarP(&l.shellVars, "shell", "y", false, "")
	fs.OptionalArgFunc("tree", "T", "", func(string, bool) error { *forceTree = true; return nil })
	fs.PlaceVersion()
	fs.ArgFunc("width", "w", "", func(v string) error {
		if _, err := strconv.ParseUint(v, 10, 32); err != nil {
			return fmt.Errorf("invalid output width number argument: '%s'", v)
		}
		return nil
	})
	for _, g := range [][]string{
		{"discard", "output-all"}, {"include", "exclude"}, {"json", "pairs", "raw"},
		{"output-all", "scsi"}, {"output-all", "fs"}, {"output-all", "perms"},
		{"output-all", "output"}, {"output-all", "topology"}, {"pairs", "tree", "list", "raw"},
	} {
		fs.Exclusive(g...)
	}
	return fs
}

// majorList parses -e and -I: major numbers separated by commas.
func majorList(s string) ([]uint32, bool) {
	var out []uint32
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.ParseUint(f, 10, 32)
		if err != nil {
			return nil, false
		}
		out = append(out, uint32(n))
	}
	return out, len(out) > 0
}

// sysBlockReadable is check_sysdevblock.
func (l *lsblkRun) sysBlockReadable() bool {
	if err := l.c.Task.Access("/sys/dev/block", linux.R_OK); err != nil {
		l.c.warnf("failed to access sysfs directory: /sys/dev/block: %s", applet.ErrText(err))
		return false
	}
	return true
}

// parsable is whether the output is for programs (raw, pairs, JSON),
// where MAJ:MIN is not padded.
func (l *lsblkRun) parsable() bool { return l.raw || l.pairs || l.json }

// mkName is a device's name as printed: with -p, its node's path.
func (l *lsblkRun) mkName(name string) string {
	if l.paths {
		name = "/dev/" + name
	}
	return sysToDev(name)
}

// mounts is the mount table, read once.
func (l *lsblkRun) mounts() *mntTable {
	if l.table == nil {
		l.table = readMountinfo(l.c.Task)
	}
	return l.table
}

func (l *lsblkRun) majorWanted(maj uint32) bool {
	if slices.Contains(l.excludes, maj) {
		return false
	}
	return len(l.includes) == 0 || slices.Contains(l.includes, maj)
}

// devices are the devices to list: every one in /sys/block (or with -s
// /sys/dev/block) but those filtered out, or those the operands name,
// each once; and the exit status.
func (l *lsblkRun) devices(operands []string) ([]*blkDev, int) {
	var devs []*blkDev
	add := func(d *blkDev) {
		if !slices.ContainsFunc(devs, func(o *blkDev) bool { return o.name == d.name }) {
			devs = append(devs, d)
		}
	}
	if len(operands) == 0 && l.inverse {
		devs = l.inverseRoots()
		l.addPartitions(devs)
		return devs, 0
	}
	if len(operands) == 0 {
		for _, name := range l.sysBlockNames() {
			if d := l.newBlkDev(name); d != nil && l.majorWanted(d.maj) && (!l.scsi || d.attr("device/scsi_device") != "") {
				add(d)
			}
		}
		l.addPartitions(devs)
		return devs, 0
	}
	defer func() { l.addPartitions(devs) }()
	failed := 0
	for _, op := range operands {
		d := l.operandDevice(op)
		if d == nil {
			failed++
			continue
		}
		add(d)
	}
	switch failed {
	case 0:
		return devs, 0
	case len(operands):
		return devs, lsblkAllFailed
	}
	return devs, lsblkSomeOK
}

// sysBlockNames are the disks' names in /sys/block's order.
func (l *lsblkRun) sysBlockNames() []string {
	var names []string
	ents, _ := applet.ReadDirents(l.c.Task, "/sys/block")
	for _, e := range ents {
		names = append(names, e.Name)
	}
	return names
}

// operandDevice is process_one_device: the block device a path names.
func (l *lsblkRun) operandDevice(op string) *blkDev {
	t := l.c.Task
	st, err := t.Stat(op)
	if err != nil || !applet.IsBlk(uint32(st.Mode)) {
		l.c.warnf("%s: not a block device", op)
		return nil
	}
	name, err := deviceName(t, st.Rdev())
	if err != nil {
		l.c.warnf("%s: failed to get sysfs name: %s", op, applet.ErrText(err))
		return nil
	}
	d := l.newBlkDev(strings.ReplaceAll(name, "/", "!"))
	if d == nil {
		d = l.partitionOperand(st.Rdev(), name)
	}
	if d == nil || l.scsi && d.attr("device/scsi_device") == "" {
		return nil
	}
	return d
}

// addPartitions hangs each disk's partitions under it, or with -s each
// partition's disk under it, unless -d.
func (l *lsblkRun) addPartitions(devs []*blkDev) {
	if l.noDeps {
		return
	}
	for _, d := range devs {
		switch {
		case l.inverse && d.parent != nil:
			d.kids = []*blkDev{d.parent}
		case !l.inverse && d.parent == nil && !d.isPartition():
			d.kids = l.partitions(d)
		}
		for _, k := range d.kids {
			k.treeParent = d
		}
	}
}

// inverseRoots are -s's top devices (process_all_devices_inverse): from
// /sys/dev/block, those no device is stacked on (no holders) that have
// no partitions: partitions, and disks without a table.
func (l *lsblkRun) inverseRoots() []*blkDev {
	t := l.c.Task
	var out []*blkDev
	ents, _ := applet.ReadDirents(t, "/sys/dev/block")
	for _, e := range ents {
		link, err := t.Readlink("/sys/dev/block/" + e.Name)
		if err != nil {
			continue
		}
		dir := path.Join("/sys/dev/block", link)
		if holders, _ := applet.ReadDirents(t, dir+"/holders"); len(holders) > 0 {
			continue
		}
		name := path.Base(link)
		var d *blkDev
		if _, err := readAttr(t, dir+"/partition"); err == nil {
			if disk := l.newBlkDev(path.Base(path.Dir(link))); disk != nil {
				d = l.newBlkDevIn(name, disk)
			}
		} else if len(diskPartitionDirs(t, name)) == 0 {
			d = l.newBlkDev(name)
		}
		if d != nil && l.majorWanted(d.maj) {
			out = append(out, d)
		}
	}
	return out
}

// partitionOperand is a partition named on the command line: found
// through its disk, which /sys/dev/block's link shows.
func (l *lsblkRun) partitionOperand(dev uint64, name string) *blkDev {
	link, err := l.c.Task.Readlink(sysfsBlock(l.c.Task, dev))
	if err != nil {
		return nil
	}
	disk := l.newBlkDev(path.Base(path.Dir(link)))
	if disk == nil {
		return nil
	}
	return l.newBlkDevIn(name, disk)
}

// print renders the devices, sorted by the sort column (MAJ:MIN unless
// -x says otherwise), de-duplicated with -E.
func (l *lsblkRun) print(devs []*blkDev) {
	tb := &table{noHeader: l.noHeader, jsonName: "blockdevices", varNames: l.shellVars,
		tree: l.tree, utf8: localeIsUTF8(l.c), ascii: l.ascii}
	switch {
	case l.json:
		tb.format = formatJSON
	case l.raw:
		tb.format = formatRaw
	case l.pairs:
		tb.format = formatPairs
	}
	treeCol := false
	for _, id := range l.cols {
		col := blkCols[id]
		tc := &tableCol{header: col.name, hint: col.hint, right: col.right, lines: col.lines, kind: col.jsonKind(l.bytes)}
		if l.tree && !treeCol && col.name == "NAME" {
			tc.tree, tc.right, treeCol = true, false, true
		}
		tb.addCol(tc)
	}
	if !l.tree {
		// A list is sorted as one: partitions among the disks.
		var flat []*blkDev
		for _, d := range devs {
			flat = append(flat, d)
			flat = append(flat, d.kids...)
		}
		devs = flat
	}
	var seen []string
	var addRows func(devs []*blkDev, parent *tableRow)
	addRows = func(devs []*blkDev, parent *tableRow) {
		for _, d := range l.sorted(devs) {
			if l.dedupCol >= 0 {
				key := blkCols[l.dedupCol].value(l, d)
				if key != "" && slices.Contains(seen, key) {
					continue
				}
				seen = append(seen, key)
			}
			row := tb.addRow(parent)
			for i, id := range l.cols {
				row.cells[i] = blkCols[id].value(l, d)
			}
			if l.tree {
				addRows(d.kids, row)
			}
		}
	}
	addRows(devs, nil)
	tb.render(l.c.Out)
}

// jsonKind is how the column prints in JSON.
func (col *blkCol) jsonKind(bytes bool) cellKind {
	switch {
	case col.typ == blkNum, col.typ == blkSize && bytes:
		return cellNumber
	case col.typ == blkBool:
		return cellFlag
	}
	return cellText
}

// sorted orders the devices by the sort column (scols_sort_table, a
// stable sort): columns of numbers by their number, a device without one
// first; others by their text.
func (l *lsblkRun) sorted(devs []*blkDev) []*blkDev {
	col := &blkCols[l.sortCol]
	numeric := col.typ != blkStr && col.typ != blkBool
	key := func(d *blkDev) (uint64, bool) {
		if col.key != nil {
			return col.key(d)
		}
		n, err := strconv.ParseUint(col.value(l, d), 10, 64)
		return n, err == nil
	}
	slices.SortStableFunc(devs, func(a, b *blkDev) int {
		if !numeric {
			return strings.Compare(col.value(l, a), col.value(l, b))
		}
		ka, oka := key(a)
		kb, okb := key(b)
		switch {
		case !oka || !okb:
			return cmpBool(oka, okb)
		}
		return cmp.Compare(ka, kb)
	})
	return devs
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// blockReadOnly is BLKROGET on the node (false if it cannot be asked).
func blockReadOnly(c *cmd, node string) bool {
	fd, err := c.Task.Open(node, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer c.Task.Close(fd)
	var ro int32
	if _, err := c.Task.Ioctl(fd, linux.BLKROGET, &ro); err != nil {
		return false
	}
	return ro != 0
}

// lsblkHelp is --help: the usage text, then the names -o takes, several
// to a line (lsblk(8) says what each shows).
func lsblkHelp() string {
	var b strings.Builder
	b.WriteString(helpTexts["lsblk"])
	b.WriteString("\nColumns for -o, --output (see lsblk(8)):\n")
	line := " "
	for _, col := range blkCols {
		if len(line)+len(col.name)+1 > 72 {
			b.WriteString(line + "\n")
			line = " "
		}
		line += " " + col.name
	}
	b.WriteString(line + "\n")
	return b.String()
}
