// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// fatVolume is a FAT filesystem as fatlabel reads it: the boot
// sector's geometry, checked as dosfstools checks it, and the label and
// serial number of its extended boot signature.
type fatVolume struct {
	r    *fatlabelRun
	fd   int
	rw   bool   // opened to write: repairs are written
	fat  []byte // FAT32's table, for the root directory's chain
	fats int64

	sectorSize, clusterSize int64
	fatStart, fatLength     int64
	rootStart, dataStart    int64
	rootEntries             int64
	dataClusters            int64
	fatBits                 int
	rootCluster             uint32
	backupStart             int64
	label                   [11]byte
	serial                  uint32
}

// read reads exactly len(p) bytes at off, or ends the run as fsck.fat's
// reader does.
func (v *fatVolume) read(p []byte, off int64) error {
	n, err := v.r.Task.Pread(v.fd, p, off)
	if err != nil {
		return v.r.fail(1, "Read %d bytes at %d:%s\n", len(p), off, errText(err))
	}
	if n != len(p) {
		return v.r.fail(1, "Got %d bytes instead of %d at %d\n", n, len(p), off)
	}
	return nil
}

// write writes p at off.
func (v *fatVolume) write(p []byte, off int64) error {
	n, err := v.r.Task.Pwrite(v.fd, p, off)
	if err != nil {
		return v.r.fail(1, "Write %d bytes at %d:%s\n", len(p), off, errText(err))
	}
	if n != len(p) {
		return v.r.fail(1, "Wrote %d bytes instead of %d at %d\n", n, len(p), off)
	}
	return nil
}

// bootCheck is one look at the boot sector: ok works out what it
// covers into the volume and says whether the sector passes; why is
// the message when it does not.
type bootCheck struct {
	ok  func() bool
	why func() string
}

// runChecks runs checks in order and fails at the first that does not
// pass.
func (v *fatVolume) runChecks(checks []bootCheck) error {
	for _, c := range checks {
		if !c.ok() {
			return v.r.fail(1, "%s\n", c.why())
		}
	}
	return nil
}

// readBoot reads and checks the boot sector: the geometry, the FAT
// width (and FAT32's own checks), the label, then the FAT's and the
// root directory's sizes.
func (v *fatVolume) readBoot() error {
	b := make([]byte, 512)
	if err := v.read(b, 0); err != nil {
		return err
	}
	if err := v.runChecks(v.geometryChecks(b)); err != nil {
		return err
	}
	info, err := v.fatWidth(b)
	if err != nil {
		return err
	}
	if b[info+2] == 0x29 {
		copy(v.label[:], b[info+7:])
		v.serial = binary.LittleEndian.Uint32(b[info+3:])
	}
	entries := v.fatLength * v.sectorSize * 8 / int64(v.fatBits)
	return v.runChecks([]bootCheck{
		{func() bool { return v.dataClusters <= entries-2 }, func() string {
			return fmt.Sprintf("Filesystem has %d clusters but only space for %d FAT entries.", v.dataClusters, entries-2)
		}},
		{func() bool { return v.rootEntries != 0 || v.rootCluster != 0 }, func() string { return "Root directory has zero size." }},
		{func() bool { return v.rootEntries%16 == 0 }, func() string {
			return fmt.Sprintf("Root directory (%d entries) doesn't span an integral number of sectors.", v.rootEntries)
		}},
	})
}

// geometryChecks read the sizes and places in the boot sector b, each
// checked before the next one is worked out from it.
func (v *fatVolume) geometryChecks(b []byte) []bootCheck {
	le := binary.LittleEndian
	ss := int64(le.Uint16(b[11:]))
	var total uint32
	var lastSector int64
	return []bootCheck{
		{func() bool { return ss != 0 }, func() string { return "Logical sector size is zero." }},
		{func() bool { return ss%512 == 0 }, func() string {
			return fmt.Sprintf("Logical sector size (%d bytes) is not a multiple of the physical sector size.", ss)
		}},
		{func() bool {
			v.sectorSize, v.clusterSize = ss, int64(b[13])*ss
			return v.clusterSize != 0
		}, func() string { return "Cluster size is zero." }},
		{func() bool { return b[16] == 1 || b[16] == 2 }, func() string {
			return fmt.Sprintf("Currently, only 1 or 2 FATs are supported, not %d.\n", b[16])
		}},
		{func() bool {
			// The last sector of an even count must be readable.
			v.fats = int64(b[16])
			if total = uint32(le.Uint16(b[19:])); total == 0 {
				total = le.Uint32(b[32:])
			}
			lastSector = int64(total&^1) - 1
			probe := make([]byte, ss)
			n, err := v.r.Task.Pread(v.fd, probe, lastSector*ss)
			return err == nil && n == len(probe)
		}, func() string { return fmt.Sprintf("Failed to read sector %d.", uint32(lastSector)) }},
		{func() bool {
			if v.fatLength = int64(le.Uint16(b[22:])); v.fatLength == 0 {
				v.fatLength = int64(le.Uint32(b[36:]))
			}
			return v.fatLength != 0
		}, func() string { return "FAT size is zero." }},
		{func() bool {
			reserved := int64(le.Uint16(b[14:]))
			v.fatStart = reserved * ss
			v.rootStart = (reserved + v.fats*v.fatLength) * ss
			v.rootEntries = int64(le.Uint16(b[17:]))
			v.dataStart = v.rootStart + (v.rootEntries*32+ss-1)/ss*ss
			data := int64(total)*ss - v.dataStart
			v.dataClusters = data / v.clusterSize
			return data >= v.clusterSize
		}, func() string { return "Filesystem has no space for any data clusters" }},
	}
}

// fatWidth decides between FAT12, FAT16 and FAT32 (whose own checks it
// runs) and returns where the extended boot signature's fields start.
func (v *fatVolume) fatWidth(b []byte) (int, error) {
	le := binary.LittleEndian
	if le.Uint16(b[22:]) == 0 && le.Uint32(b[36:]) != 0 {
		v.fatBits = 32
		return volInfo32, v.fat32Checks(b)
	}
	v.fatBits = 12
	if v.dataClusters >= 4085 {
		v.fatBits = 16
	}
	if v.dataClusters >= 65525 {
		return 0, v.r.fail(1, "Too many clusters (%d) for FAT16 filesystem.\n", v.dataClusters)
	}
	return volInfoOld, nil
}

// fat32Checks are fsck.fat's looks at a FAT32 boot sector that
// fatlabel shares: where the root directory is, the cluster count, the
// backup boot sector and the FSINFO sector. What they repair is written
// only when fatlabel writes.
func (v *fatVolume) fat32Checks(b []byte) error {
	le := binary.LittleEndian
	v.rootCluster = le.Uint32(b[44:])
	switch {
	case v.rootCluster == 0 && v.rootEntries != 0:
		v.r.fail(0, "Warning: FAT32 root dir not in cluster chain! Compatibility mode...\n")
	case v.rootCluster == 0:
		return v.r.fail(1, "No root directory!\n")
	case v.rootEntries != 0:
		v.r.fail(0, "Warning: FAT32 root dir is in a cluster chain, but a separate root dir\n  area is defined. Cannot fix this easily.\n")
	}
	if v.dataClusters < minClusters32 {
		v.r.fail(0, "Warning: Filesystem is FAT32 according to fat_length and fat32_length fields,\n"+
			"  but has only %d clusters, less than the required minimum of %d.\n"+
			"  This may lead to problems on some systems.\n", v.dataClusters, minClusters32)
	}
	v.backupStart = int64(le.Uint16(b[50:])) * v.sectorSize
	if err := v.checkBackup(b); err != nil {
		return err
	}
	return v.checkFsinfo(b)
}

// checkBackup compares the boot sector with its backup, listing the
// differing bytes, or makes a backup where there is none and room.
func (v *fatVolume) checkBackup(b []byte) error {
	if v.backupStart == 0 {
		return v.makeBackup(b)
	}
	backup := make([]byte, 512)
	if err := v.read(backup, v.backupStart); err != nil {
		return err
	}
	var diffs []string
	for off := range b {
		if b[off] != backup[off] {
			diffs = append(diffs, fmt.Sprintf("%d:%02x/%02x", off, b[off], backup[off]))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	fmt.Fprintf(v.r.Out, "There are differences between boot sector and its backup.\n"+
		"This is mostly harmless. Differences: (offset:original/backup)\n%s\n"+
		"  Not automatically fixing this.\n", wrapList(diffs, ", ", "  ", 78))
	return nil
}

// makeBackup writes a backup of the boot sector b into a reserved
// sector: 6 when there are enough and FSINFO is elsewhere, else the
// last reserved one, or the one before it when that is FSINFO's.
func (v *fatVolume) makeBackup(b []byte) error {
	out := v.r.Out
	le := binary.LittleEndian
	reserved := int64(le.Uint16(b[14:]))
	fmt.Fprintf(out, "There is no backup boot sector.\n")
	if reserved < 3 {
		fmt.Fprintf(out, "And there is no space for creating one!\n")
		return nil
	}
	fmt.Fprintf(out, "  Auto-creating backup boot block.\n")
	sector := reserved - 1
	if info := int64(le.Uint16(b[48:])); reserved >= 7 && info != 6 {
		sector = 6
	} else if sector == info {
		sector--
	}
	v.backupStart = sector * v.sectorSize
	le.PutUint16(b[50:], uint16(sector))
	if err := v.repair(b, v.backupStart); err != nil {
		return err
	}
	if err := v.repair(b[50:52], 50); err != nil {
		return err
	}
	fmt.Fprintf(out, "Created backup of boot sector in sector %d\n", sector)
	return nil
}

// wrapList joins items with sep into lines that start with indent and
// end by width columns where they can: a line breaks before an item
// that would pass it, and the separator stays at that item's front.
func wrapList(items []string, sep, indent string, width int) string {
	var b strings.Builder
	b.WriteString(indent)
	col := len(indent)
	for i, item := range items {
		if i > 0 {
			item = sep + item
		}
		if col+len(item) > width {
			b.WriteString("\n" + indent)
			col = len(indent)
		}
		b.WriteString(item)
		col += len(item)
	}
	return b.String()
}

// checkFsinfo checks the FSINFO sector's three magic numbers and
// rewrites a bad one's fixed fields (free count unknown).
func (v *fatVolume) checkFsinfo(b []byte) error {
	out := v.r.Out
	le := binary.LittleEndian
	info := int64(le.Uint16(b[48:]))
	if info == 0 {
		fmt.Fprintf(out, "No FSINFO sector\n  Not automatically creating it.\n")
		return nil
	}
	sec := make([]byte, 512)
	if err := v.read(sec, info*v.sectorSize); err != nil {
		return err
	}
	magics := []struct {
		off  int
		want uint32
	}{{0, 0x41615252}, {484, 0x61417272}, {508, 0xaa550000}}
	bad := false
	for _, mg := range magics {
		if le.Uint32(sec[mg.off:]) != mg.want {
			if !bad {
				fmt.Fprintf(out, "FSINFO sector has bad magic number(s):\n")
			}
			bad = true
			fmt.Fprintf(out, "  Offset %d: 0x%08x != expected 0x%08x\n", mg.off, le.Uint32(sec[mg.off:]), mg.want)
		}
	}
	if !bad {
		return nil
	}
	fmt.Fprintf(out, "  Auto-correcting it.\n")
	for _, mg := range magics {
		le.PutUint32(sec[mg.off:], mg.want)
	}
	le.PutUint32(sec[488:], 0xffffffff)
	le.PutUint32(sec[492:], 2)
	return v.repair(sec, info*v.sectorSize)
}

// repair writes a fix when fatlabel opened the device to write; a
// reading fatlabel leaves the device as it is.
func (v *fatVolume) repair(p []byte, off int64) error {
	if !v.rw {
		return nil
	}
	return v.write(p, off)
}

// loadFat reads FAT32's table as fsck.fat's reader does for fatlabel:
// a first copy whose media entry is damaged gives way to a good second
// one; to write, the copies must agree and no entry may point outside
// the data area.
func (v *fatVolume) loadFat() error {
	size := ((v.dataClusters+2)*32 + 7) / 8
	first := make([]byte, size)
	if err := v.read(first, v.fatStart); err != nil {
		return err
	}
	const extd = 0x0ffffff0
	good := func(f []byte) bool { return binary.LittleEndian.Uint32(f)&extd == extd }
	var second []byte
	if v.fats > 1 {
		second = make([]byte, size)
		if err := v.read(second, v.fatStart+v.fatLength*v.sectorSize); err != nil {
			return err
		}
	}
	fail := func(format string, a ...any) error { return v.r.fail(1, format+"\n", a...) }
	switch {
	case !v.rw && !good(first) && second != nil && good(second):
		first = second
	case !v.rw:
	case !good(first) && second != nil && !good(second):
		return fail("Both FATs appear to be corrupt. Giving up. Run fsck.fat with non-zero -F option.")
	case !good(first) && second == nil:
		return fail("First FAT appears to be corrupt and second FAT does not exist. Giving up. Run fsck.fat with -F 1 option.")
	case second != nil && string(first) != string(second):
		return fail("FATs differ, please run fsck.fat")
	}
	v.fat = first
	if !v.rw {
		return nil
	}
	for c := int64(2); c < v.dataClusters+2; c++ {
		e := int64(binary.LittleEndian.Uint32(first[c*4:]) & 0x0fffffff)
		if e == 1 {
			return fail("Cluster %d out of range (1), please run fsck.fat", c-2)
		}
		if e >= v.dataClusters+2 && e < 0x0ffffff7 {
			return fail("Cluster %d out of range (%d > %d), please run fsck.fat", c-2, e, v.dataClusters+1)
		}
	}
	return nil
}

// next is the cluster after c in FAT32's chain, -1 at its end (or off
// the table).
func (v *fatVolume) next(c uint32) int64 {
	if int64(c)*4+4 > int64(len(v.fat)) {
		return -1
	}
	e := binary.LittleEndian.Uint32(v.fat[c*4:]) & 0x0fffffff
	if e >= 0x0ffffff8 || e < 2 || int64(e) >= v.dataClusters+2 {
		return -1
	}
	return int64(e)
}

// rootSlots calls f with each root directory entry's offset until f
// says stop.
func (v *fatVolume) rootSlots(f func(off int64) (stop bool)) {
	if v.rootCluster == 0 {
		for i := int64(0); i < v.rootEntries; i++ {
			if f(v.rootStart + i*32) {
				return
			}
		}
		return
	}
	for c, hops := int64(v.rootCluster), int64(0); c >= 2 && hops <= v.dataClusters; c, hops = v.next(uint32(c)), hops+1 {
		start := v.dataStart + (c-2)*v.clusterSize
		for off := start; off < start+v.clusterSize; off += 32 {
			if f(off) {
				return
			}
		}
	}
}

// findLabelEntry is the root directory's volume label entry and its
// offset, 0 when there is none before the directory's end.
func (v *fatVolume) findLabelEntry() ([]byte, int64) {
	de := make([]byte, 32)
	var found int64
	v.rootSlots(func(off int64) bool {
		if v.read(de, off) != nil || de[0] == 0 {
			return true
		}
		if de[0] != 0xe5 && de[11] != 0x0f && de[11]&0x08 != 0 {
			found = off
			return true
		}
		return false
	})
	return de, found
}

// freeSlot is the first free root directory entry, 0 when it is full.
func (v *fatVolume) freeSlot() int64 {
	de := make([]byte, 32)
	var found int64
	v.rootSlots(func(off int64) bool {
		if v.read(de, off) != nil {
			return true
		}
		if (de[0] == 0 || de[0] == 0xe5) && de[11] != 0x0f {
			found = off
			return true
		}
		return false
	})
	return found
}

// growRoot gives a full FAT32 root directory one more cluster, the
// first free one after its last, zeroed; it returns the cluster's start.
func (v *fatVolume) growRoot() (int64, error) {
	last := int64(v.rootCluster)
	for hops := int64(0); hops <= v.dataClusters; hops++ {
		n := v.next(uint32(last))
		if n < 0 {
			break
		}
		last = n
	}
	c := last + 1
	for ; c != last; c++ {
		if c >= v.dataClusters+2 {
			c = 2
		}
		if v.entry(c) == 0 {
			break
		}
	}
	if c == last {
		return 0, v.r.fail(1, "Root directory full and no free cluster\n")
	}
	if err := v.setEntry(last, uint32(c)); err != nil {
		return 0, err
	}
	if err := v.setEntry(c, 0x0ffffff8); err != nil {
		return 0, err
	}
	start := v.dataStart + (c-2)*v.clusterSize
	zero := make([]byte, 32)
	for off := int64(0); off < v.clusterSize; off += 32 {
		if err := v.write(zero, start+off); err != nil {
			return 0, err
		}
	}
	return start, nil
}

// entry is FAT32 entry c, without its reserved top bits.
func (v *fatVolume) entry(c int64) uint32 {
	return binary.LittleEndian.Uint32(v.fat[c*4:]) & 0x0fffffff
}

// setEntry sets FAT32 entry c in every copy, keeping its reserved top
// bits as fsck.fat keeps them.
func (v *fatVolume) setEntry(c int64, value uint32) error {
	e := binary.LittleEndian.Uint32(v.fat[c*4:])&0xf0000000 | value&0x0fffffff
	binary.LittleEndian.PutUint32(v.fat[c*4:], e)
	buf := binary.LittleEndian.AppendUint32(nil, e)
	for i := int64(0); i < v.fats; i++ {
		if err := v.write(buf, v.fatStart+i*v.fatLength*v.sectorSize+c*4); err != nil {
			return err
		}
	}
	return nil
}

// writeBoot changes the boot sector (and FAT32's backup) with edit,
// giving it an extended signature first if it has none.
func (v *fatVolume) writeBoot(edit func(b []byte, vi int)) error {
	b := make([]byte, 512)
	if err := v.read(b, 0); err != nil {
		return err
	}
	vi := volInfoOld
	fsType := "FAT12   "
	switch v.fatBits {
	case 16:
		fsType = "FAT16   "
	case 32:
		vi, fsType = volInfo32, "FAT32   "
	}
	if b[vi+2] != 0x29 {
		b[vi+2] = 0x29
		binary.LittleEndian.PutUint32(b[vi+3:], 0)
		copy(b[vi+7:], noName)
		copy(b[vi+18:], fsType)
	}
	edit(b, vi)
	if v.fatBits != 32 {
		// fatlabel rewrites only the FAT12/16 parameter block and volume
		// information, not the boot code.
		return v.write(b[:62], 0)
	}
	if err := v.write(b, 0); err != nil {
		return err
	}
	if v.backupStart != 0 {
		return v.write(b, v.backupStart)
	}
	return nil
}

// setLabel writes the label to the boot sector and the root directory,
// making the entry in the first free slot if there is none.
func (v *fatVolume) setLabel(label [11]byte) error {
	if err := v.writeBoot(func(b []byte, vi int) { copy(b[vi+7:], label[:]) }); err != nil {
		return err
	}
	de, off := v.findLabelEntry()
	created := off == 0
	if created {
		if off = v.freeSlot(); off == 0 && v.rootCluster != 0 {
			var err error
			if off, err = v.growRoot(); err != nil {
				return err
			}
		}
		if off == 0 {
			return v.r.fail(1, "Root directory is full.\n")
		}
		de = make([]byte, 32)
	}
	copy(de, label[:])
	if de[0] == 0xe5 {
		de[0] = 0x05
	}
	tm, dt := dosTime(time.Now())
	le := binary.LittleEndian
	le.PutUint16(de[22:], tm)
	le.PutUint16(de[24:], dt)
	if created {
		de[11] = 0x08
		le.PutUint16(de[14:], tm)
		le.PutUint16(de[16:], dt)
		le.PutUint16(de[18:], dt)
	}
	return v.write(de, off)
}

// removeLabel sets the boot sector's label to NO NAME and deletes the
// root directory's entry, its volume attribute cleared for older
// fatlabels that ignored the deletion mark.
func (v *fatVolume) removeLabel() error {
	if err := v.writeBoot(func(b []byte, vi int) { copy(b[vi+7:], noName) }); err != nil {
		return err
	}
	de, off := v.findLabelEntry()
	if off == 0 {
		return nil
	}
	de[0], de[11] = 0xe5, 0
	return v.write(de, off)
}

// dosTime is t (UTC, the system's time zone) as a directory entry's
// time and date, 1980-01-01 outside what the fields hold.
func dosTime(t time.Time) (tm, dt uint16) {
	t = t.UTC()
	y := t.Year()
	if y < 1980 || y > 2107 {
		return 0, 1 | 1<<5
	}
	return uint16(t.Second()>>1 | t.Minute()<<5 | t.Hour()<<11), uint16(t.Day() | int(t.Month())<<5 | (y-1980)<<9)
}
