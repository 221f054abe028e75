// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/utillinux/blkprobe"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What blkid and lsblk learn of one device, and the devices there are.

// blkTags are one device's tags in the cached mode.
type blkTags struct {
	name string
	tags []blkprobe.Value
	// unverified: the device could not be opened for lack of permission
	// or because it went; libblkid keeps it, without tags.
	unverified bool
}

func (d *blkTags) has(name, val string) bool {
	for _, t := range d.tags {
		if t.Name == name && t.Data == val {
			return true
		}
	}
	return false
}

// sysfsBlock is a device's directory under /sys/dev/block, "" if none.
func sysfsBlock(t *vfs.Task, dev uint64) string {
	return "/sys/dev/block/" + strconv.Itoa(int(linux.Major(dev))) + ":" + strconv.Itoa(int(linux.Minor(dev)))
}

// partitionEntry is a partition's place in its disk's table, found as
// libblkid does: the disk is the partition's parent in sysfs; its table
// is read and the entry matched by start and size, else by number.
func partitionEntry(t *vfs.Task, dev uint64) *blkprobe.Entry {
	sys := sysfsBlock(t, dev)
	num, err := readAttr(t, sys+"/partition")
	if err != nil {
		return nil
	}
	link, err := t.Readlink(sys)
	if err != nil {
		return nil
	}
	disk := path.Base(path.Dir(link))
	diskDev := sysBlockDevno(t, disk)
	if diskDev == 0 {
		return nil
	}
	f, err := openProbeFile(t, "/dev/"+sysToDev(disk))
	if err != nil {
		return nil
	}
	defer f.close()
	tb := blkprobe.New(f.device(true), blkprobe.LowFlags).ReadTable()
	if tb == nil {
		return nil
	}
	start, _ := readAttr(t, sys+"/start")
	size, _ := readAttr(t, sys+"/size")
	pick := func(match func(p blkprobe.Partition) bool) *blkprobe.Entry {
		for _, p := range tb.Parts {
			if match(p) {
				return &blkprobe.Entry{Scheme: tb.Type, Part: p,
					Disk: strconv.Itoa(int(linux.Major(diskDev))) + ":" + strconv.Itoa(int(linux.Minor(diskDev)))}
			}
		}
		return nil
	}
	if e := pick(func(p blkprobe.Partition) bool {
		return strconv.FormatUint(p.Start, 10) == start && strconv.FormatUint(p.Size, 10) == size
	}); e != nil {
		return e
	}
	return pick(func(p blkprobe.Partition) bool { return strconv.Itoa(p.Number) == num })
}

// probeDevice probes the open file f for blkid or lsblk. A block device
// learns whether it is a whole disk and, as a partition, its entry.
func probeDevice(t *vfs.Task, f *probeFile, flags blkprobe.Flags) *blkprobe.Probe {
	p := probeDeviceUnprobed(t, f, flags)
	p.Safe()
	return p
}

// probeDeviceUnprobed is probeDevice's probe before it runs.
func probeDeviceUnprobed(t *vfs.Task, f *probeFile, flags blkprobe.Flags) *blkprobe.Probe {
	dev := f.device(false)
	if f.isBlock() {
		rdev := f.st.Rdev()
		if _, err := readAttr(t, sysfsBlock(t, rdev)+"/partition"); err != nil {
			dev.WholeDisk = true
		} else if flags&blkprobe.PartDetails != 0 {
			dev.Entry = partitionEntry(t, rdev)
		}
	}
	return blkprobe.New(dev, flags)
}

// cachedTags is blkid_get_dev with blkid_verify for a device by name:
// its tags, nil when nothing is on it or it cannot be read, and a device
// without tags when opening it is not allowed or it is gone.
func cachedTags(t *vfs.Task, name string) *blkTags {
	f, err := openProbeFile(t, name)
	if err != nil {
		switch errnoOf(err) {
		case linux.EPERM, linux.EACCES, linux.ENOENT:
			return &blkTags{name: name, unverified: true}
		}
		return nil
	}
	defer f.close()
	p := probeDevice(t, f, blkprobe.CacheFlags)
	tags := blkprobe.CacheTags(p.Values())
	if len(tags) == 0 {
		return nil
	}
	return &blkTags{name: name, tags: tags}
}

// allBlockDevices lists the devices the way libblkid scans sysfs:
// /sys/block in its order, each disk's partitions in its directory's
// order instead of the disk when it has any. Empty devices, removable
// ones that cannot have partitions, and the stubs of extended
// partitions (a kilobyte or less) are left out. Each is named by its
// node in /dev.
func allBlockDevices(t *vfs.Task) []string {
	var out []string
	disks, _ := applet.ReadDirents(t, "/sys/block")
	for _, d := range disks {
		dir := "/sys/block/" + d.Name
		size, _ := readAttr(t, dir+"/size")
		if size == "" || size == "0" {
			continue
		}
		removable, _ := readAttr(t, dir+"/removable")
		extRange, _ := readAttr(t, dir+"/ext_range")
		if removable == "1" && (extRange == "" || extRange == "0") {
			continue
		}
		parts := diskPartitions(t, d.Name)
		if len(parts) == 0 {
			parts = []string{d.Name}
		}
		for _, p := range parts {
			if node := "/dev/" + sysToDev(p); isBlockNode(t, node) {
				out = append(out, node)
			}
		}
	}
	return out
}

// diskPartitions are the disk's partitions but the stubs of extended
// ones (a kilobyte or less).
func diskPartitions(t *vfs.Task, disk string) []string {
	var out []string
	for _, name := range diskPartitionDirs(t, disk) {
		size := mustAttr(t, "/sys/block/"+disk+"/"+name+"/size")
		if n, err := strconv.ParseUint(size, 10, 64); err == nil && n>>1 == 1 {
			continue
		}
		out = append(out, name)
	}
	return out
}

func mustAttr(t *vfs.Task, name string) string {
	s, _ := readAttr(t, name)
	return strings.TrimSpace(s)
}

func isBlockNode(t *vfs.Task, node string) bool {
	st, err := t.Stat(node)
	return err == nil && applet.IsBlk(uint32(st.Mode))
}
