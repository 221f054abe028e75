// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A block device as lsblk reads it: its name in /sys/block, its node in
// /dev, its attributes in /sys/dev/block/M:m, and what mountinfo says is
// mounted from it.

type blkDev struct {
	t        *vfs.Task
	name     string // the kernel's name, as in /sys/block
	filename string // the node, /dev/<name>
	maj, min uint32
	sys      string // /sys/dev/block/M:m
	size     uint64 // bytes

	mounts     []*mntEntry // newest first
	mountsRead bool
	space      *fsSpace // of the mountpoint, once asked
	spaceRead  bool

	parent *blkDev // a partition's disk
	// treeParent is the device it is printed under (PKNAME).
	treeParent *blkDev
	kids       []*blkDev         // a disk's partitions
	props      map[string]string // udev's properties, once read
}

// devno is the device number as a sort key (makedev).
func (d *blkDev) devno() uint64 { return linux.Mkdev(d.maj, d.min) }

// attr is ul_path_read_string of one of the device's attributes ("" when
// it cannot be read).
func (d *blkDev) attr(rel string) string {
	s, err := readAttr(d.t, d.sys+"/"+rel)
	if err != nil {
		return ""
	}
	return s
}

// number is ul_path_read_u64 / _s32 of an attribute.
func (d *blkDev) number(rel string) (uint64, bool) {
	v, err := strconv.ParseUint(strings.TrimSpace(d.attr(rel)), 10, 64)
	return v, err == nil
}

// sysToDev is sysfs_devname_sys_to_dev: sysfs writes a '/' of a node's
// name as '!'.
func sysToDev(name string) string { return strings.ReplaceAll(name, "!", "/") }

// newBlkDev is initialize_device: nil for a hidden device, one whose
// number cannot be had, or (unless all) an empty one that shows nothing:
// any empty device with -A, and a loop device with no file.
func (l *lsblkRun) newBlkDev(name string) *blkDev {
	return l.newBlkDevIn(name, nil)
}

// newBlkDevIn is newBlkDev for a device under parent (a partition of
// that disk), or of its own when parent is nil.
func (l *lsblkRun) newBlkDevIn(name string, parent *blkDev) *blkDev {
	t := l.c.Task
	sysDir := "/sys/block/" + name
	if parent != nil {
		sysDir = "/sys/block/" + parent.name + "/" + name
	}
	if !strings.HasPrefix(name, "/dev/") {
		if v, err := readAttr(t, sysDir+"/hidden"); err == nil && strings.TrimSpace(v) == "1" {
			return nil
		}
	}
	d := &blkDev{t: t, name: name, filename: "/dev/" + sysToDev(name), parent: parent}
	dev := sysDirDevno(t, sysDir)
	if dev == 0 {
		return nil
	}
	d.maj, d.min = linux.Major(dev), linux.Minor(dev)
	d.sys = "/sys/dev/block/" + strconv.Itoa(int(d.maj)) + ":" + strconv.Itoa(int(d.min))
	if sectors, ok := d.number("size"); ok {
		d.size = sectors << 9
	}
	if !l.all && d.size == 0 && (l.noEmpty || d.maj == linux.LOOP_MAJOR && !d.hasBackingFile()) {
		return nil
	}
	return d
}

// hasBackingFile is loopdev_has_backing_file.
func (d *blkDev) hasBackingFile() bool {
	n := openLoopNode(d.t, d.filename)
	defer n.close()
	_, err := n.fileName()
	return err == nil
}

// deviceName is sysfs_devno_to_devname: the last element of the target
// of /sys/dev/block/M:m.
func deviceName(t *vfs.Task, dev uint64) (string, error) {
	link, err := t.Readlink("/sys/dev/block/" + strconv.Itoa(int(linux.Major(dev))) + ":" + strconv.Itoa(int(linux.Minor(dev))))
	if err != nil {
		return "", err
	}
	return sysToDev(path.Base(link)), nil
}

// filesystems is lsblk_device_get_filesystems: the mounts whose device
// number is the device's or whose source is its node, newest first.
func (d *blkDev) filesystems(tb *mntTable) []*mntEntry {
	if !d.mountsRead {
		d.mountsRead = true
		for _, fs := range tb.iter(true) {
			if fs.major == d.maj && fs.minor == d.min || fs.streqSrcpath(d.filename) {
				d.mounts = append(d.mounts, fs)
			}
		}
	}
	return d.mounts
}

// mountpoint is lsblk_device_get_mountpoint: the newest mount, or the
// newest of the whole filesystem when that one shows a subdirectory.
func (d *blkDev) mountpoint(tb *mntTable) string {
	fss := d.filesystems(tb)
	if len(fss) == 0 {
		return ""
	}
	fs := fss[0]
	if fs.root != "/" {
		for _, o := range fss[1:] {
			if o.root == "/" {
				fs = o
				break
			}
		}
	}
	if fs.fstype == "swap" {
		return "[SWAP]"
	}
	return fs.target
}

// fsSpace is statvfs of the mountpoint (get_vfs_attribute), asked again
// while it reports no blocks.
func (d *blkDev) fsSpace(tb *mntTable) (fsSpace, bool) {
	if d.space != nil && d.space.blocks != 0 {
		return *d.space, true
	}
	mnt := d.mountpoint(tb)
	if mnt == "" {
		return fsSpace{}, false
	}
	st, err := d.t.Statfs(mnt)
	if err != nil {
		return fsSpace{}, false
	}
	unit := uint64(st.Frsize)
	if unit == 0 {
		unit = uint64(st.Bsize)
	}
	d.space = &fsSpace{total: unit * st.Blocks, avail: unit * st.Bavail, used: unit * (st.Blocks - st.Bfree), blocks: st.Blocks, free: st.Bfree}
	return *d.space, true
}

// subsystems is get_subsystems: the subsystem links met climbing from the
// device's directory to /sys, repeated names once.
func (d *blkDev) subsystems() string {
	link, err := d.t.Readlink(d.sys)
	if err != nil {
		return ""
	}
	var subs []string
	for dir := path.Join("/sys/dev/block", link); dir != "/" && dir != "."; dir = path.Dir(dir) {
		target, err := d.t.Readlink(dir + "/subsystem")
		if err != nil {
			continue
		}
		if sub := path.Base(target); len(subs) == 0 || subs[len(subs)-1] != sub {
			subs = append(subs, sub)
		}
	}
	return strings.Join(subs, ":")
}

// isPartition is whether the device is a partition (its sysfs
// directory has a partition attribute).
func (d *blkDev) isPartition() bool {
	_, err := readAttr(d.t, d.sys+"/partition")
	return err == nil
}

// partitions are the disk's partitions: the entries of its sysfs
// directory that are partitions of it (process_partitions), in that
// directory's order.
func (l *lsblkRun) partitions(disk *blkDev) []*blkDev {
	var out []*blkDev
	for _, name := range diskPartitionDirs(l.c.Task, disk.name) {
		if p := l.newBlkDevIn(name, disk); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// diskPartitionDirs are the names in /sys/block/<disk> that are its
// partitions: named after it, with a partition attribute.
func diskPartitionDirs(t *vfs.Task, disk string) []string {
	var out []string
	ents, _ := applet.ReadDirents(t, "/sys/block/"+disk)
	for _, e := range ents {
		if !strings.HasPrefix(e.Name, disk) || e.Name == disk {
			continue
		}
		if _, err := readAttr(t, "/sys/block/"+disk+"/"+e.Name+"/partition"); err == nil {
			out = append(out, e.Name)
		}
	}
	return out
}

// sysDirDevno is the number a sysfs device directory's dev attribute
// holds, or 0.
func sysDirDevno(t *vfs.Task, dir string) uint64 {
	text, err := readAttr(t, dir+"/dev")
	if err != nil {
		return 0
	}
	ma, mi, ok := strings.Cut(text, ":")
	a, err1 := strconv.ParseUint(ma, 10, 32)
	b, err2 := strconv.ParseUint(mi, 10, 32)
	if !ok || err1 != nil || err2 != nil {
		return 0
	}
	return linux.Mkdev(uint32(a), uint32(b))
}

// devType is get_type: "part" for a partition, "loop" for a loop
// device; other disks are "disk" (the SCSI type of device/type is not
// modelled).
func (d *blkDev) devType() string {
	if d.isPartition() {
		return "part"
	}
	if strings.HasPrefix(d.name, "loop") {
		return "loop"
	}
	return "disk"
}
