// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// The columns of lsblk, in the order of its column table (--output-all
// and --help). Each reads what lsblk reads: sysfs attributes, the node,
// the mount table, udev's database (lsblk_props.go).

// blkColType is how a column sorts and prints in JSON (COLTYPE_*).
type blkColType int

const (
	blkStr     blkColType = iota // a string
	blkNum                       // a number, in JSON too
	blkSortNum                   // a string that sorts as a number (MAJ:MIN)
	blkSize                      // a size: a string, a number with -b
	blkBool                      // 0 or 1, true or false in JSON
)

type blkCol struct {
	name  string
	hint  float64
	right bool
	typ   blkColType
	lines bool // one line per mount (MOUNTPOINTS, FSROOTS)
	value func(l *lsblkRun, d *blkDev) string
	// key is the number the column sorts by, when it has one; columns
	// of numbers without key sort by their text read as a number.
	key func(d *blkDev) (uint64, bool)
}

var blkCols = []blkCol{
	{name: "ALIGNMENT", hint: 6, right: true, typ: blkNum, value: attrCell("alignment_offset")},
	{name: "DISC-ALN", hint: 6, right: true, typ: blkNum, value: discardCell("discard_alignment")},
	{name: "DAX", hint: 1, right: true, typ: blkBool, value: attrCell("queue/dax")},
	{name: "DISC-GRAN", hint: 6, right: true, typ: blkSize, value: discardGranularityCell},
	{name: "DISC-MAX", hint: 6, right: true, typ: blkSize, value: bytesCell("queue/discard_max_bytes", "")},
	{name: "DISC-ZERO", hint: 1, right: true, typ: blkBool, value: discardCell("queue/discard_zeroes_data")},
	{name: "FSAVAIL", hint: 5, right: true, typ: blkSize, value: fsSpaceCell(func(s fsSpace) uint64 { return s.avail })},
	{name: "FSROOTS", hint: 0.1, lines: true, value: fsRootsCell},
	{name: "FSSIZE", hint: 5, right: true, typ: blkSize, value: fsSpaceCell(func(s fsSpace) uint64 { return s.total })},
	{name: "FSTYPE", hint: 0.1, value: udevProp("ID_FS_TYPE", false)},
	{name: "FSUSED", hint: 5, right: true, typ: blkSize, value: fsSpaceCell(func(s fsSpace) uint64 { return s.used })},
	{name: "FSUSE%", hint: 3, right: true, value: fsUsePercentCell},
	{name: "FSVER", hint: 0.1, value: udevProp("ID_FS_VERSION", false)},
	{name: "GROUP", hint: 0.1, value: func(l *lsblkRun, d *blkDev) string { return nodeOwner(l, d, false) }},
	{name: "HCTL", hint: 10, value: noBlkCell},
	{name: "HOTPLUG", hint: 1, right: true, typ: blkBool, value: hotplugCell},
	{name: "KNAME", hint: 0.3, value: func(l *lsblkRun, d *blkDev) string { return l.mkName(d.name) }},
	{name: "LABEL", hint: 0.1, value: udevProp("ID_FS_LABEL_ENC", true)},
	{name: "LOG-SEC", hint: 7, right: true, typ: blkNum, value: attrCell("queue/logical_block_size")},
	{name: "MAJ:MIN", hint: 6, typ: blkSortNum, value: majMinCell,
		key: func(d *blkDev) (uint64, bool) { return d.devno(), true }},
	{name: "MIN-IO", hint: 6, right: true, typ: blkNum, value: attrCell("queue/minimum_io_size")},
	{name: "MODE", hint: 10, value: modeCell},
	{name: "MODEL", hint: 0.1, value: attrCell("device/model")},
	{name: "NAME", hint: 0.25, value: func(l *lsblkRun, d *blkDev) string { return l.mkName(d.name) }},
	{name: "OPT-IO", hint: 6, right: true, typ: blkNum, value: attrCell("queue/optimal_io_size")},
	{name: "OWNER", hint: 0.1, value: func(l *lsblkRun, d *blkDev) string { return nodeOwner(l, d, true) }},
	{name: "PARTFLAGS", hint: 36, value: udevProp("ID_PART_ENTRY_FLAGS", false)},
	{name: "PARTLABEL", hint: 0.1, value: udevProp("ID_PART_ENTRY_NAME", true)},
	{name: "PARTTYPE", hint: 36, value: udevProp("ID_PART_ENTRY_TYPE", false)},
	{name: "PARTTYPENAME", hint: 0.1, value: partTypeNameCell},
	{name: "PARTUUID", hint: 36, value: udevProp("ID_PART_ENTRY_UUID", false)},
	{name: "PATH", hint: 0.3, value: func(_ *lsblkRun, d *blkDev) string { return d.filename }},
	{name: "PHY-SEC", hint: 7, right: true, typ: blkNum, value: attrCell("queue/physical_block_size")},
	{name: "PKNAME", hint: 0.3, value: pkNameCell},
	{name: "PTTYPE", hint: 0.1, value: udevProp("ID_PART_TABLE_TYPE", false)},
	{name: "PTUUID", hint: 36, value: udevProp("ID_PART_TABLE_UUID", false)},
	{name: "RA", hint: 3, right: true, typ: blkNum, value: attrCell("queue/read_ahead_kb")},
	{name: "RAND", hint: 1, right: true, typ: blkBool, value: attrCell("queue/add_random")},
	{name: "REV", hint: 4, right: true, value: attrCell("device/rev")},
	{name: "RM", hint: 1, right: true, typ: blkBool, value: removableCell},
	{name: "RO", hint: 1, right: true, typ: blkBool, value: readOnlyCell},
	{name: "ROTA", hint: 1, right: true, typ: blkBool, value: attrCell("queue/rotational")},
	{name: "RQ-SIZE", hint: 5, right: true, typ: blkNum, value: attrCell("queue/nr_requests")},
	{name: "SCHED", hint: 0.1, value: schedulerCell},
	{name: "SERIAL", hint: 0.1, value: attrCell("device/serial")},
	{name: "SIZE", hint: 5, right: true, typ: blkSize, value: sizeCell,
		key: func(d *blkDev) (uint64, bool) { return d.size, true }},
	{name: "START", hint: 5, right: true, typ: blkNum, value: attrCell("start")},
	{name: "STATE", hint: 7, value: attrCell("device/state")},
	{name: "SUBSYSTEMS", hint: 0.1, value: func(_ *lsblkRun, d *blkDev) string { return d.subsystems() }},
	{name: "MOUNTPOINT", hint: 0.10, value: func(l *lsblkRun, d *blkDev) string { return d.mountpoint(l.mounts()) }},
	{name: "MOUNTPOINTS", hint: 0.10, lines: true, value: mountpointsCell},
	{name: "TRAN", hint: 6, value: noBlkCell},
	{name: "TYPE", hint: 4, value: func(_ *lsblkRun, d *blkDev) string { return d.devType() }},
	{name: "UUID", hint: 36, value: udevProp("ID_FS_UUID_ENC", true)},
	{name: "VENDOR", hint: 0.1, value: attrCell("device/vendor")},
	{name: "WSAME", hint: 6, right: true, typ: blkSize, value: bytesCell("queue/write_same_max_bytes", "0")},
	{name: "WWN", hint: 18, value: wwnCell},
	{name: "ZONED", hint: 0.3, value: attrCell("queue/zoned")},
	{name: "ZONE-SZ", hint: 9, right: true, typ: blkSize, value: zoneSizeCell},
	{name: "ZONE-WGRAN", hint: 10, right: true, typ: blkSize, value: bytesCell("queue/zone_write_granularity", "")},
	{name: "ZONE-APP", hint: 11, right: true, typ: blkSize, value: bytesCell("queue/zone_append_max_bytes", "")},
	{name: "ZONE-NR", hint: 8, right: true, typ: blkNum, value: attrCell("queue/nr_zones")},
	{name: "ZONE-OMAX", hint: 10, right: true, typ: blkNum, value: attrOrZero("queue/max_open_zones")},
	{name: "ZONE-AMAX", hint: 10, right: true, typ: blkNum, value: attrOrZero("queue/max_active_zones")},
}

// blkColByName is column_name_to_id: the column of that name in any
// letter case, or -1.
func blkColByName(name string) int {
	for i := range blkCols {
		if strings.EqualFold(blkCols[i].name, name) {
			return i
		}
	}
	return -1
}

func noBlkCell(*lsblkRun, *blkDev) string { return "" }

// pkNameCell is the kernel name of the device it is printed under: a
// partition's disk (with -s, a disk's partition); none for the top ones.
func pkNameCell(l *lsblkRun, d *blkDev) string {
	if d.treeParent == nil {
		return ""
	}
	return l.mkName(d.treeParent.name)
}

func attrCell(rel string) func(*lsblkRun, *blkDev) string {
	return func(_ *lsblkRun, d *blkDev) string { return d.attr(rel) }
}

func attrOrZero(rel string) func(*lsblkRun, *blkDev) string {
	return func(_ *lsblkRun, d *blkDev) string {
		if s := d.attr(rel); s != "" {
			return s
		}
		return "0"
	}
}

// human is a size as lsblk prints it: bytes with -b, else "1.5M" and such.
func (l *lsblkRun) human(n uint64) string {
	if l.bytes {
		return strconv.FormatUint(n, 10)
	}
	return sizeToHuman(n)
}

// bytesCell is device_read_bytes: the attribute as it is with -b, as a
// size otherwise; missing, it is dflt.
func bytesCell(rel, dflt string) func(*lsblkRun, *blkDev) string {
	return func(l *lsblkRun, d *blkDev) string {
		if l.bytes {
			if s := d.attr(rel); s != "" {
				return s
			}
			return dflt
		}
		if n, ok := d.number(rel); ok {
			return sizeToHuman(n)
		}
		return dflt
	}
}

func (d *blkDev) discardGranularity() uint64 {
	n, _ := d.number("queue/discard_granularity")
	return n
}

// discardCell is an attribute that means something only where discards
// are possible: "0" elsewhere.
func discardCell(rel string) func(*lsblkRun, *blkDev) string {
	return func(_ *lsblkRun, d *blkDev) string {
		if d.discardGranularity() > 0 {
			if s := d.attr(rel); s != "" {
				return s
			}
		}
		return "0"
	}
}

func discardGranularityCell(l *lsblkRun, d *blkDev) string {
	if l.bytes {
		return d.attr("queue/discard_granularity")
	}
	return sizeToHuman(d.discardGranularity())
}

func zoneSizeCell(l *lsblkRun, d *blkDev) string {
	n, ok := d.number("queue/chunk_sectors")
	if !ok {
		return ""
	}
	return l.human(n << 9)
}

func sizeCell(l *lsblkRun, d *blkDev) string { return l.human(d.size) }

// majMinCell is "  7:0  " in aligned output, "7:0" where it is parsed.
func majMinCell(l *lsblkRun, d *blkDev) string {
	if l.parsable() {
		return strconv.Itoa(int(d.maj)) + ":" + strconv.Itoa(int(d.min))
	}
	ma, mi := strconv.Itoa(int(d.maj)), strconv.Itoa(int(d.min))
	return strings.Repeat(" ", max(0, 3-len(ma))) + ma + ":" + mi + strings.Repeat(" ", max(0, 3-len(mi)))
}

func flagText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// readOnlyCell is is_readonly_device: the ro attribute, else BLKROGET.
func readOnlyCell(l *lsblkRun, d *blkDev) string {
	if n, ok := d.number("ro"); ok {
		return flagText(n != 0)
	}
	return flagText(blockReadOnly(l.c, d.filename))
}

// removableCell is is_removable_device for a disk: its removable
// attribute, 0 without one.
func removableCell(_ *lsblkRun, d *blkDev) string {
	n, _ := d.number("removable")
	return flagText(n != 0)
}

// hotplugCell is sysfs_blkdev_is_hotpluggable: removable, or on a bus
// whose devices come and go (none here).
func hotplugCell(_ *lsblkRun, d *blkDev) string {
	n, _ := d.number("removable")
	if n == 1 {
		return "1"
	}
	for _, sub := range strings.Split(d.subsystems(), ":") {
		switch sub {
		case "usb", "ieee1394", "pcmcia", "mmc", "ccw":
			return "1"
		}
	}
	return "0"
}

// schedulerCell is get_scheduler: the name in brackets.
func schedulerCell(_ *lsblkRun, d *blkDev) string {
	s := d.attr("queue/scheduler")
	_, rest, ok := strings.Cut(s, "[")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return name
}

// nodeOwner is the owner (or group) of the device node by name; one
// without a name is left empty.
func nodeOwner(l *lsblkRun, d *blkDev, user bool) string {
	st, err := l.c.Task.Stat(d.filename)
	if err != nil {
		return ""
	}
	if user {
		return applet.UserName(l.c.Task, st.UID)
	}
	return applet.GroupName(l.c.Task, st.GID)
}

func modeCell(l *lsblkRun, d *blkDev) string {
	st, err := l.c.Task.Stat(d.filename)
	if err != nil {
		return ""
	}
	return applet.ModeString(uint32(st.Mode))
}

func mountpointsCell(l *lsblkRun, d *blkDev) string {
	var targets []string
	for _, fs := range d.filesystems(l.mounts()) {
		if fs.fstype == "swap" {
			targets = append(targets, "[SWAP]")
		} else {
			targets = append(targets, fs.target)
		}
	}
	return strings.Join(targets, "\n")
}

// fsRootsCell lists the roots of the mounts (not swap areas). Like
// lsblk, it leaves a separator after the last root when a swap area
// comes after it.
func fsRootsCell(l *lsblkRun, d *blkDev) string {
	var b strings.Builder
	fss := d.filesystems(l.mounts())
	for i, fs := range fss {
		if fs.fstype == "swap" {
			continue
		}
		b.WriteString(fs.root)
		if i+1 < len(fss) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// fsSpaceCell is get_vfs_attribute for a size: "0" for none.
func fsSpaceCell(pick func(fsSpace) uint64) func(*lsblkRun, *blkDev) string {
	return func(l *lsblkRun, d *blkDev) string {
		sp, ok := d.fsSpace(l.mounts())
		switch n := pick(sp); {
		case !ok:
			return ""
		case n == 0:
			return "0"
		default:
			return l.human(n)
		}
	}
}

// fsUsePercentCell is FSUSE%: the share of blocks in use, rounded, or
// "-" for a filesystem of no blocks.
func fsUsePercentCell(l *lsblkRun, d *blkDev) string {
	sp, ok := d.fsSpace(l.mounts())
	switch {
	case !ok:
		return ""
	case sp.blocks == 0:
		return "-"
	}
	return strconv.FormatFloat(float64(sp.blocks-sp.free)/float64(sp.blocks)*100, 'f', 0, 64) + "%"
}
