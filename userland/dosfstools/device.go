// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// What mkfs.fat learns of its target: an image's length, or a block
// device's size, sector size and place from its ioctls and sysfs
// directory (a partition, a disk with partitions or holders, a loop
// device over a whole file, a removable disk).

// deviceInfo describes the open target fd.
func (m *mkfs) deviceInfo(fd int) (deviceInfo, error) {
	info := deviceInfo{partition: -1, start: -1, diskSectors: -1, sectorSize: -1, size: -1}
	t := m.Task
	st, err := t.Fstat(fd)
	if err != nil {
		m.warn("fstat on target failed: %s\n", applet.ErrText(err))
		return info, m.die("error collecting information about %s", m.device)
	}
	mode := uint32(st.Mode)
	switch {
	case applet.IsReg(mode):
		info.kind, info.partition, info.size = kindFile, 0, st.Size
		return info, nil
	case !applet.IsBlk(mode):
		info.kind = kindBad
		return info, nil
	}
	var size uint64
	if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err == nil && size != 0 {
		info.size = int64(size)
	}
	sysdir := fmt.Sprintf("/sys/dev/block/%d:%d", linux.Major(st.Rdev()), linux.Minor(st.Rdev()))
	if n, ok := readSysNumber(t, sysdir+"/start"); ok {
		info.start = n
	}
	var ss int32
	if _, err := t.Ioctl(fd, linux.BLKSSZGET, &ss); err == nil {
		info.sectorSize = int(ss)
	}
	m.blockInfo(fd, sysdir, &info)
	return info, nil
}

// blockInfo reads what sysfs says of a block device.
func (m *mkfs) blockInfo(fd int, sysdir string, info *deviceInfo) {
	t := m.Task
	if _, err := t.Stat(sysdir); err != nil {
		return
	}
	if n, ok := readSysNumber(t, sysdir+"/partition"); ok {
		info.partition = -1
		if n != 0 {
			info.partition = int(n)
		}
		if n, ok := readSysNumber(t, sysdir+"/../size"); ok && n != 0 {
			info.diskSectors = n
		}
	} else if _, err := t.Stat(sysdir + "/partition"); err == linux.ENOENT && info.start <= 0 {
		info.partition = 0
		if info.size > 0 && info.sectorSize > 0 {
			info.diskSectors = info.size / int64(info.sectorSize)
		}
	}
	info.hasChildren = hasPartitions(t, sysdir) || hasEntries(t, sysdir+"/holders")
	virtual := hasEntries(t, sysdir+"/slaves")
	if !virtual && info.partition == 0 {
		var status loop.Info
		if _, err := t.Ioctl(fd, linux.LOOP_GET_STATUS64, &status); err == nil {
			info.kind = kindVirtual
			if m.wholeFileLoop(status, info.size) {
				info.kind = kindFile
			}
			return
		}
	}
	switch {
	case virtual:
		info.kind = kindVirtual
	default:
		info.kind = kindFixed
		if n, ok := readSysNumber(t, sysdir+"/removable"); ok && n != 0 {
			info.kind = kindRemovable
		}
	}
}

// wholeFileLoop is whether a loop device shows all of a regular file
// and nothing else.
func (m *mkfs) wholeFileLoop(s loop.Info, size int64) bool {
	if s.Offset != 0 || s.SizeLimit != 0 {
		return false
	}
	st, err := m.Task.Stat(s.FileName)
	return err == nil && applet.IsReg(uint32(st.Mode)) && st.Dev() == s.Device && st.Ino == s.Inode && st.Size == size
}

// hasPartitions is whether the disk's sysfs directory has a partition
// that does not start at its first sector.
func hasPartitions(t *vfs.Task, sysdir string) bool {
	ents, err := applet.ReadDirents(t, sysdir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		dir := sysdir + "/" + e.Name
		if _, err := t.Stat(dir + "/partition"); err != nil {
			continue
		}
		if start, ok := readSysNumber(t, dir+"/start"); !ok || start != 0 {
			return true
		}
	}
	return false
}

// hasEntries is whether a directory has any entry.
func hasEntries(t *vfs.Task, dir string) bool {
	ents, err := applet.ReadDirents(t, dir)
	return err == nil && len(ents) > 0
}

// readSysNumber reads the number a sysfs attribute starts with.
func readSysNumber(t *vfs.Task, name string) (int64, bool) {
	text, err := readFile(t, name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	return n, err == nil
}

// readFile reads a whole (small) file.
func readFile(t *vfs.Task, name string) (string, error) {
	f, err := applet.OpenFile(t, name, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return string(data), err
}

// mountedByName is whether the mount table names the target, as
// getmntent shows sources: mkfs.fat compares the words, and leaves a
// device mounted under another name to its exclusive open.
func (m *mkfs) mountedByName() bool {
	text, err := readFile(m.Task, "/proc/self/mountinfo")
	if err != nil {
		return false
	}
	mounts, _ := mountinfo.ParseAll(text)
	for _, mt := range mounts {
		if mountinfo.Unescape(mt.Source) == m.device {
			return true
		}
	}
	return false
}

// establish sets geometry, media and the first cluster size to try, as
// the device and its size suggest.
func (m *mkfs) establish(info deviceInfo) {
	m.mediaByte = 0xf8
	m.clusterSize = 4
	rootEntries := 512
	total := info.diskSectors
	if total <= 0 {
		ss := int64(info.sectorSize)
		if ss <= 0 {
			ss = int64(m.sectorSize)
		}
		total = info.size / ss
	}
	heads, secs := guessGeometry(total)
	if info.kind != kindFixed {
		for _, f := range floppyFormats {
			if info.size/1024 == f.kib {
				heads, secs, m.mediaByte, m.clusterSize, rootEntries = 2, f.secsTrack, f.media, f.clusterSize, f.rootEntries
				if m.atari {
					m.clusterSize = 2 // GEMDOS wants two sectors a cluster
				}
			}
		}
	}
	if m.fatBits == 0 && info.size >= 512*1024*1024 {
		if m.verbose > 0 {
			m.printf("Auto-selecting FAT32 for large filesystem\n")
		}
		m.fatBits = 32
	}
	if m.fatBits == 32 {
		m.clusterSize = fat32ClusterSize(info.size / int64(m.sectorSize))
	}
	if !m.hiddenSet && info.start >= 0 && info.start+m.offset <= 1<<32-1 {
		m.hidden = uint32(info.start + m.offset)
	}
	if m.rootEntries == 0 {
		m.rootEntries = rootEntries
	}
	if m.secsTrack == 0 {
		m.secsTrack = secs
	}
	if m.heads == 0 {
		m.heads = heads
	}
}
