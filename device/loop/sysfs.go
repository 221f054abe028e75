// SPDX-License-Identifier: Apache-2.0

package loop

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The loop disk as sysfs shows it in /sys/block/loopN: the attributes
// every disk has (disk_attrs in block/genhd.c), the queue limits losetup
// and lsblk read, and loop's own group (loop_attribute_group), which is
// there only while a file is bound (loop_sysfs_init, loop_sysfs_exit).
// Left out: stat, inflight, events*, capability (whose reading Linux
// warns about), bdi, mq/, trace/ and the rest of queue/.

// extRange is disk_max_parts for a disk without partitions of its own
// (DISK_MAX_PARTS): what ext_range shows.
const extRange = 256

// sysfsAttrs are the device's attributes, for its vfs.Device.
func (dev *Device) sysfsAttrs() []vfs.DeviceAttr {
	fixed := func(s string) func(*vfs.Task) string { return func(*vfs.Task) string { return s } }
	bound := func() bool { return dev.Bound() }
	return []vfs.DeviceAttr{
		{Name: "size", Show: func(*vfs.Task) string { return uintLine(uint64(dev.Size()) / 512) }},
		{Name: "ro", Show: func(*vfs.Task) string { return boolLine(dev.ReadOnly()) }},
		{Name: "removable", Show: fixed("0\n")},
		{Name: "range", Show: fixed("1\n")},
		{Name: "ext_range", Show: fixed(strconv.Itoa(extRange) + "\n")},
		{Name: "hidden", Show: fixed("0\n")},
		{Name: "alignment_offset", Show: fixed("0\n")},
		{Name: "discard_alignment", Show: fixed("0\n")},
		// Partitions are not scanned (LO_FLAGS_PARTSCAN is never kept).
		{Name: "partscan", Show: fixed("0\n")},
		{Name: "diskseq", Show: func(*vfs.Task) string { return uintLine(dev.diskseq.Load()) }},
		{Name: "queue/logical_block_size", Show: dev.blockSizeLine},
		{Name: "queue/physical_block_size", Show: dev.blockSizeLine},
		{Name: "queue/minimum_io_size", Show: dev.blockSizeLine},
		{Name: "queue/optimal_io_size", Show: fixed("0\n")},
		{Name: "queue/rotational", Show: func(*vfs.Task) string { return boolLine(!dev.nonrotational()) }},
		{Name: "queue/add_random", Show: fixed("0\n")},
		{Name: "queue/dax", Show: fixed("0\n")},
		{Name: "queue/zoned", Show: fixed("none\n")},
		{Name: "queue/nr_requests", Show: fixed("128\n")},
		{Name: "loop/backing_file", Show: dev.backingFileLine, Visible: bound},
		{Name: "loop/offset", Show: dev.statusLine(func(dev *Device) uint64 { return uint64(dev.offset) }), Visible: bound},
		{Name: "loop/sizelimit", Show: dev.statusLine(func(dev *Device) uint64 { return uint64(dev.sizeLimit) }), Visible: bound},
		{Name: "loop/autoclear", Show: dev.flagLine(linux.LO_FLAGS_AUTOCLEAR), Visible: bound},
		{Name: "loop/partscan", Show: dev.flagLine(linux.LO_FLAGS_PARTSCAN), Visible: bound},
		{Name: "loop/dio", Show: dev.flagLine(linux.LO_FLAGS_DIRECT_IO), Visible: bound},
	}
}

func uintLine(n uint64) string { return strconv.FormatUint(n, 10) + "\n" }

func boolLine(b bool) string {
	if b {
		return "1\n"
	}
	return "0\n"
}

func (dev *Device) blockSizeLine(*vfs.Task) string {
	return uintLine(uint64(dev.LogicalBlockSize()))
}

// statusLine shows a number of the device's state, under lo_mutex.
func (dev *Device) statusLine(get func(*Device) uint64) func(*vfs.Task) string {
	return func(*vfs.Task) string {
		dev.mu.Lock()
		defer dev.mu.Unlock()
		return uintLine(get(dev))
	}
}

// flagLine shows whether an LO_FLAGS_ bit is set (loop_attr_autoclear_show
// and friends).
func (dev *Device) flagLine(bit uint32) func(*vfs.Task) string {
	return func(*vfs.Task) string {
		dev.mu.Lock()
		defer dev.mu.Unlock()
		return boolLine(dev.flags&bit != 0)
	}
}

// backingFileLine is loop_attr_backing_file_show: the backing file's path
// as the reader sees it (file_path, d_path from the reader's root), not
// the name losetup passed in. Empty if the path does not fit.
func (dev *Device) backingFileLine(t *vfs.Task) string {
	f, _ := dev.backing()
	if f == nil || t == nil {
		return "\n"
	}
	defer f.DecRef()
	p, err := t.DPath(vfs.Path{Mnt: f.Mount(), Dentry: f.Dentry()})
	if err != nil {
		return ""
	}
	return p + "\n"
}

func (dev *Device) nonrotational() bool {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	return dev.nonrot
}

// backingNonrot is loop_update_rotational's test of the backing file: a
// filesystem on no disk (tmpfs) is not rotational; one on a loop disk is
// as that disk is. dev.mu is held; another device's lock is taken alone,
// as validateBacking takes them.
func (dev *Device) backingNonrot(f *vfs.File) bool {
	sbdev := f.Inode().Superblock().Dev()
	if linux.Major(sbdev) != linux.LOOP_MAJOR {
		return true
	}
	switch under := dev.d.device(int(linux.Minor(sbdev))); under {
	case nil:
		return true
	case dev:
		return dev.nonrot
	default:
		return under.nonrotational()
	}
}
