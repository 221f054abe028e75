// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// util-linux's lib/loopdev.c on a task: the loop device context that
// losetup(8) and libmount's loop hook share. Everything goes through the
// task's system calls (open, ioctl, stat). There is no sysfs, so the
// context works as util-linux does without /sys/block: every attribute
// comes from LOOP_GET_STATUS64, and the used devices are listed from
// /proc/partitions (or, while the kernel has none, from the loop nodes of
// /dev that have a size; see ulLoopPartitions).

const (
	ulLoopCtlPath      = "/dev/loop-control"
	ulLoopDefaultNodes = 8 // LOOPDEV_DEFAULT_NNODES

	// LOOPITER_FL_* and LOOPDEV_FL_{OFFSET,SIZELIMIT}.
	ulLoopIterFree  = 1
	ulLoopIterUsed  = 2
	ulLoopFlOffset  = 1
	ulLoopFlSizelim = 2
)

// ulLoopCxt is struct loopdev_cxt: one loop device, its open descriptor
// and what LOOP_GET_STATUS64 said of it, and the settings of a setup.
type ulLoopCxt struct {
	t         *vfs.Task
	device    string // "" when none is set
	fd        int    // -1 when not open
	mode      uint32 // the open mode of fd
	rdwr      bool   // LOOPDEV_FL_RDWR: open the device read-write
	control   bool   // LOOPDEV_FL_CONTROL: /dev/loop-control exists
	controlOK bool
	filename  string
	config    loop.Config
	blocksize uint64
	info      loop.Info
	hasInfo   bool
	infoErr   error // the failure of LOOP_GET_STATUS64, kept
}

// newLoopCxt is loopcxt_init.
func newLoopCxt(t *vfs.Task) *ulLoopCxt {
	lc := &ulLoopCxt{t: t, fd: -1}
	if _, err := t.Stat(ulLoopCtlPath); err == nil {
		lc.control = true
	}
	return lc
}

// setDevice is loopcxt_set_device: a name without a slash is taken from
// /dev. The device is not checked. Any open descriptor is closed and every
// setting forgotten.
func (lc *ulLoopCxt) setDevice(name string) {
	if lc.fd >= 0 {
		lc.t.Close(lc.fd)
	}
	lc.fd, lc.mode, lc.blocksize = -1, 0, 0
	lc.hasInfo, lc.infoErr = false, nil
	lc.config = loop.Config{}
	lc.device = name
	if name != "" && !strings.HasPrefix(name, "/") {
		lc.device = "/dev/" + name
	}
}

// deinit is loopcxt_deinit.
func (lc *ulLoopCxt) deinit() {
	lc.filename = ""
	lc.setDevice("")
}

// getFd is loopcxt_get_fd: the device, opened read-only unless the
// context asks for read-write.
func (lc *ulLoopCxt) getFd() (int, error) {
	if lc.device == "" {
		return -1, linux.EINVAL
	}
	if lc.fd < 0 {
		lc.mode = linux.O_RDONLY
		if lc.rdwr {
			lc.mode = linux.O_RDWR
		}
		fd, err := lc.t.Open(lc.device, lc.mode|linux.O_CLOEXEC, 0)
		if err != nil {
			return -1, err
		}
		lc.fd = fd
	}
	return lc.fd, nil
}

// getInfo is loopcxt_get_info: LOOP_GET_STATUS64, asked once.
func (lc *ulLoopCxt) getInfo() (*loop.Info, error) {
	if lc.infoErr != nil {
		return nil, linux.EINVAL
	}
	if lc.hasInfo {
		return &lc.info, nil
	}
	fd, err := lc.getFd()
	if err != nil {
		return nil, err
	}
	if _, err := lc.t.Ioctl(fd, linux.LOOP_GET_STATUS64, &lc.info); err != nil {
		lc.infoErr = err
		return nil, err
	}
	lc.hasInfo = true
	return &lc.info, nil
}

// backingFile is loopcxt_get_backing_file without sysfs: lo_file_name,
// whose last kept byte util-linux overwrites with '*'.
func (lc *ulLoopCxt) backingFile() (string, error) {
	info, err := lc.getInfo()
	if err != nil {
		return "", err
	}
	name := info.FileName
	if len(name) >= linux.LO_NAME_SIZE-2 {
		name = name[:linux.LO_NAME_SIZE-2] + "*"
	}
	return name, nil
}

// offset is loopcxt_get_offset.
func (lc *ulLoopCxt) offset() (uint64, error) {
	info, err := lc.getInfo()
	if err != nil {
		return 0, err
	}
	return info.Offset, nil
}

// sizelimit is loopcxt_get_sizelimit.
func (lc *ulLoopCxt) sizelimit() (uint64, error) {
	info, err := lc.getInfo()
	if err != nil {
		return 0, err
	}
	return info.SizeLimit, nil
}

// hasFlag is loopcxt_is_{autoclear,readonly,dio} without sysfs.
func (lc *ulLoopCxt) hasFlag(fl uint32) bool {
	info, err := lc.getInfo()
	return err == nil && info.Flags&fl != 0
}

// isPartscan is loopcxt_is_partscan without sysfs: every kernel since 3.2
// can scan partitions of loop devices.
func (lc *ulLoopCxt) isPartscan() bool { return true }

// sectorSize is loopcxt_get_blocksize without sysfs: BLKSSZGET on the
// device; a block layer that does not answer it is taken to have Linux's
// default logical sector size.
func (lc *ulLoopCxt) sectorSize() (uint64, error) {
	fd, err := lc.getFd()
	if err != nil {
		return 0, err
	}
	var sz int32
	if _, err := lc.t.Ioctl(fd, linux.BLKSSZGET, &sz); err != nil {
		if errors.Is(err, linux.ENOTTY) {
			return 512, nil
		}
		return 0, err
	}
	return uint64(sz), nil
}

// ulIsLoopdev is is_loopdev: a block device of the loop major (there is
// no sysfs to recognise loop devices of another major).
func ulIsLoopdev(t *vfs.Task, name string) bool {
	if name == "" {
		return false
	}
	st, err := t.Stat(name)
	return err == nil && applet.IsBlk(uint32(st.Mode)) && st.RdevMajor == linux.LOOP_MAJOR
}

// iterSetDevice is loopiter_set_device: 0 when the device exists and is
// used or free as flags ask, 1 when it is not, an error when it is no
// loop device.
func (lc *ulLoopCxt) iterSetDevice(name string, flags int) (int, error) {
	lc.setDevice(name)
	if flags&(ulLoopIterUsed|ulLoopIterFree) == 0 {
		return 0, nil
	}
	if !ulIsLoopdev(lc.t, lc.device) {
		return -1, linux.ENODEV
	}
	_, err := lc.offset()
	used := err == nil
	if (flags&ulLoopIterUsed != 0 && used) || (flags&ulLoopIterFree != 0 && !used) {
		return 0, nil
	}
	lc.setDevice("")
	return 1, nil
}

// eachUsed is loopcxt_init_iterator with LOOPITER_FL_USED and the
// loopcxt_next loop: fn runs with lc set to each used device in turn and
// stops the walk by returning false.
func (lc *ulLoopCxt) eachUsed(fn func() bool) {
	for _, name := range ulLoopPartitions(lc.t) {
		if rc, err := lc.iterSetDevice(name, ulLoopIterUsed); err != nil || rc != 0 {
			continue
		}
		if !fn() {
			return
		}
	}
	lc.setDevice("")
}

// ulLoopPartitions is the part of /proc/partitions loopcxt_next_from_proc
// reads: the names of the loop disks with a size. linuxvfs's proc has no
// partitions file yet; without one, the disks are found as the block
// nodes of /dev named loopN with the loop major, in minor order, that
// report a non-zero BLKGETSIZE64 (the capacity test of show_partition).
func ulLoopPartitions(t *vfs.Task) []string {
	if data, err := ulReadFile(t, "/proc/partitions"); err == nil {
		var names []string
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 4 && f[0] == strconv.Itoa(linux.LOOP_MAJOR) {
				names = append(names, f[3])
			}
		}
		return names
	}
	type node struct {
		name  string
		minor uint32
	}
	var nodes []node
	ents, _ := applet.ReadDirents(t, "/dev")
	for _, e := range ents {
		var n uint32
		if _, err := fmt.Sscanf(e.Name, "loop%d", &n); err != nil || e.Name != fmt.Sprintf("loop%d", n) {
			continue
		}
		st, err := t.Stat("/dev/" + e.Name)
		if err != nil || !applet.IsBlk(uint32(st.Mode)) || st.RdevMajor != linux.LOOP_MAJOR {
			continue
		}
		if ulBlkdevSize(t, "/dev/"+e.Name) > 0 {
			nodes = append(nodes, node{e.Name, st.RdevMinor})
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].minor < nodes[j].minor })
	names := make([]string, len(nodes))
	for i, n := range nodes {
		names[i] = n.name
	}
	return names
}

// ulBlkdevSize is blkdev_get_size on a device opened for the purpose; 0
// when it cannot be had.
func ulBlkdevSize(t *vfs.Task, name string) uint64 {
	fd, err := t.Open(name, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	defer t.Close(fd)
	var size uint64
	if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
		return 0
	}
	return size
}

// isUsed is loopcxt_is_used: the device's backing file is st (by device
// and inode) or, without st, named file; with ulLoopFlOffset the offset
// (and with ulLoopFlSizelim the size limit) must match too.
func (lc *ulLoopCxt) isUsed(st *vfs.Statx, file string, offset, sizelimit uint64, flags int) bool {
	info, err := lc.getInfo()
	switch {
	case st != nil && err == nil:
		if info.Inode != st.Ino || info.Device != st.Dev() {
			return false
		}
	case file != "":
		name, err := lc.backingFile()
		if err != nil || name != file {
			return false
		}
	default:
		return false
	}
	if flags&ulLoopFlOffset == 0 {
		return true
	}
	if off, err := lc.offset(); err != nil || off != offset {
		return false
	}
	if flags&ulLoopFlSizelim != 0 {
		sz, err := lc.sizelimit()
		return err == nil && sz == sizelimit
	}
	return true
}

// findOverlap is loopcxt_find_overlap: 0 when no used device has file as
// its backing file, 2 when one has it with the same offset and size limit
// (lc is then set to it), 1 when one maps an overlapping range.
func (lc *ulLoopCxt) findOverlap(file string, offset, sizelimit uint64) int {
	var stp *vfs.Statx
	if st, err := lc.t.Stat(file); err == nil {
		stp = &st
	}
	rc := 0
	lc.eachUsed(func() bool {
		if !lc.isUsed(stp, file, offset, sizelimit, 0) {
			return true
		}
		lcOff, err1 := lc.offset()
		lcSize, err2 := lc.sizelimit()
		if err1 != nil || err2 != nil {
			return true
		}
		if lcSize == sizelimit && lcOff == offset {
			rc = 2
			return false
		}
		if lcSize != 0 && offset >= lcOff+lcSize {
			return true
		}
		if sizelimit != 0 && offset+sizelimit <= lcOff {
			return true
		}
		rc = 1
		return false
	})
	return rc
}

// findUnused is loopcxt_find_unused: LOOP_CTL_GET_FREE on
// /dev/loop-control, or else the first free device of loop0..7 and of the
// loop nodes found in /dev.
func (lc *ulLoopCxt) findUnused() error {
	err := error(linux.ENODEV)
	if lc.control {
		var ctl int
		ctl, err = lc.t.Open(ulLoopCtlPath, linux.O_RDWR|linux.O_CLOEXEC, 0)
		if err == nil {
			var n uintptr
			if n, err = lc.t.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil); err == nil {
				lc.iterSetDevice(fmt.Sprintf("loop%d", n), 0)
			}
			lc.t.Close(ctl)
		}
		lc.controlOK = err == nil
	}
	if err == nil {
		return nil
	}
	for _, name := range ulLoopScanNames(lc.t) {
		if rc, _ := lc.iterSetDevice(name, ulLoopIterFree); rc == 0 {
			return nil
		}
	}
	return err
}

// ulLoopScanNames is the order in which loopcxt_next looks for a free
// device: loop0..7, then the other loopN nodes of /dev by number.
func ulLoopScanNames(t *vfs.Task) []string {
	var names []string
	for i := 0; i < ulLoopDefaultNodes; i++ {
		names = append(names, fmt.Sprintf("loop%d", i))
	}
	var more []int
	ents, _ := applet.ReadDirents(t, "/dev")
	for _, e := range ents {
		var n int
		if _, err := fmt.Sscanf(e.Name, "loop%d", &n); err == nil && n >= ulLoopDefaultNodes {
			more = append(more, n)
		}
	}
	sort.Ints(more)
	for _, n := range more {
		names = append(names, fmt.Sprintf("loop%d", n))
	}
	return names
}

// addDevice is loopcxt_add_device: LOOP_CTL_ADD for the number in the
// device's name, so that losetup /dev/loopN FILE can use a device the
// kernel has not made yet.
func (lc *ulLoopCxt) addDevice() {
	if lc.device == "" || !lc.control {
		return
	}
	base := lc.device[strings.LastIndexByte(lc.device, '/')+1:]
	n, err := strconv.Atoi(strings.TrimPrefix(base, "loop"))
	if err != nil || n < 0 {
		return
	}
	ctl, err := lc.t.Open(ulLoopCtlPath, linux.O_RDWR|linux.O_CLOEXEC, 0)
	if err != nil {
		lc.controlOK = false
		return
	}
	_, err = lc.t.Ioctl(ctl, linux.LOOP_CTL_ADD, n)
	lc.t.Close(ctl)
	lc.controlOK = err == nil
}

// setBackingFile is loopcxt_set_backing_file: the canonical name, also
// as lo_file_name (cut to LO_NAME_SIZE-1 bytes).
func (lc *ulLoopCxt) setBackingFile(name string) error {
	if name == "" {
		return linux.EINVAL
	}
	lc.filename = ulCanonicalize(lc.t, name)
	lc.config.Info.FileName = lc.filename
	if len(lc.filename) >= linux.LO_NAME_SIZE {
		lc.config.Info.FileName = lc.filename[:linux.LO_NAME_SIZE-1]
	}
	return nil
}

// setupDevice is loopcxt_setup_device: open the backing file (read-only
// when asked, or when writing is refused), open the device in the same
// mode and bind them with LOOP_CONFIGURE (LOOP_SET_FD and
// LOOP_SET_STATUS64 where the kernel has no LOOP_CONFIGURE).
func (lc *ulLoopCxt) setupDevice() error {
	if lc.device == "" || lc.filename == "" {
		return linux.EINVAL
	}
	mode, flags := uint32(linux.O_RDWR), uint32(linux.O_CLOEXEC)
	if lc.config.Info.Flags&linux.LO_FLAGS_READ_ONLY != 0 {
		mode = linux.O_RDONLY
	}
	if lc.config.Info.Flags&linux.LO_FLAGS_DIRECT_IO != 0 {
		flags |= linux.O_DIRECT
	}
	ffd, err := lc.t.Open(lc.filename, mode|flags, 0)
	if err != nil && mode != linux.O_RDONLY && (errors.Is(err, linux.EROFS) || errors.Is(err, linux.EACCES)) {
		mode = linux.O_RDONLY
		ffd, err = lc.t.Open(lc.filename, mode|flags, 0)
	}
	if err != nil {
		return err
	}
	if lc.fd >= 0 && lc.mode != mode {
		lc.t.Close(lc.fd)
		lc.fd, lc.mode = -1, 0
	}
	lc.rdwr = mode != linux.O_RDONLY
	if lc.rdwr {
		lc.config.Info.Flags &^= linux.LO_FLAGS_READ_ONLY
	} else {
		lc.config.Info.Flags |= linux.LO_FLAGS_READ_ONLY
	}
	dfd, err := lc.getFd()
	if err == nil {
		err = lc.configure(dfd, ffd)
	}
	if err == nil {
		err = lc.checkSize(dfd, ffd)
	}
	lc.t.Close(ffd)
	if err != nil {
		if dfd >= 0 && !errors.Is(err, linux.EBUSY) {
			lc.t.Ioctl(dfd, linux.LOOP_CLR_FD, nil)
		}
		return err
	}
	lc.config = loop.Config{}
	lc.hasInfo, lc.infoErr = false, nil
	return nil
}

// configure is the binding step of loopcxt_setup_device.
func (lc *ulLoopCxt) configure(dfd, ffd int) error {
	lc.config.Fd = ffd
	if lc.blocksize > 0 {
		lc.config.BlockSize = uint32(lc.blocksize)
	}
	_, err := lc.t.Ioctl(dfd, linux.LOOP_CONFIGURE, &lc.config)
	if err == nil || !(errors.Is(err, linux.EINVAL) || errors.Is(err, linux.ENOTTY) || errors.Is(err, linux.ENOSYS)) {
		return err
	}
	if _, err := lc.t.Ioctl(dfd, linux.LOOP_SET_FD, ffd); err != nil {
		return err
	}
	if lc.blocksize > 0 {
		if _, err := lc.t.Ioctl(dfd, linux.LOOP_SET_BLOCK_SIZE, uint64(lc.blocksize)); err != nil {
			return err
		}
	}
	_, err = lc.t.Ioctl(dfd, linux.LOOP_SET_STATUS64, &lc.config.Info)
	return err
}

// checkSize is loopcxt_check_size: with an offset or a size limit, the
// device's size must be what they leave of the file (LOOP_SET_CAPACITY
// once if not; ERANGE if that does not help).
func (lc *ulLoopCxt) checkSize(dfd, ffd int) error {
	off, limit := lc.config.Info.Offset, lc.config.Info.SizeLimit
	if off == 0 && limit == 0 {
		return nil
	}
	st, err := lc.t.Fstat(ffd)
	if err != nil {
		return err
	}
	expected := uint64(st.Size)
	if applet.IsBlk(uint32(st.Mode)) {
		if _, err := lc.t.Ioctl(ffd, linux.BLKGETSIZE64, &expected); err != nil {
			return err
		}
	}
	if expected == 0 || expected <= off {
		return nil
	}
	expected -= off
	if limit > 0 && limit < expected {
		expected = limit
	}
	expected &^= 511
	var size uint64
	if _, err := lc.t.Ioctl(dfd, linux.BLKGETSIZE64, &size); err != nil {
		return err
	}
	if size == expected {
		return nil
	}
	if _, err := lc.t.Ioctl(dfd, linux.LOOP_SET_CAPACITY, nil); err != nil {
		if errors.Is(err, linux.ENOTTY) || errors.Is(err, linux.EINVAL) {
			return linux.ERANGE
		}
		return err
	}
	if _, err := lc.t.Ioctl(dfd, linux.BLKGETSIZE64, &size); err != nil {
		return err
	}
	if size != expected {
		return linux.ERANGE
	}
	return nil
}

// deleteDevice is loopcxt_delete_device: LOOP_CLR_FD (the kernel lets go
// of the file when the last opener closes the device).
func (lc *ulLoopCxt) deleteDevice() error {
	fd, err := lc.getFd()
	if err != nil {
		return err
	}
	_, err = lc.t.Ioctl(fd, linux.LOOP_CLR_FD, nil)
	return err
}

// ioctlNoArg runs a device ioctl whose argument is a number
// (loopcxt_ioctl_{capacity,dio,blocksize}).
func (lc *ulLoopCxt) ioctlNoArg(cmd uint32, arg any) error {
	fd, err := lc.getFd()
	if err != nil {
		return err
	}
	_, err = lc.t.Ioctl(fd, cmd, arg)
	return err
}

// ulLoopdevDelete is loopdev_delete: detach the named device.
func ulLoopdevDelete(t *vfs.Task, device string) error {
	lc := newLoopCxt(t)
	defer lc.deinit()
	lc.setDevice(device)
	return lc.deleteDevice()
}

// ulLoopdevIsUsed is loopdev_is_used.
func ulLoopdevIsUsed(t *vfs.Task, device, file string, offset, sizelimit uint64, flags int) bool {
	if device == "" || file == "" {
		return false
	}
	lc := newLoopCxt(t)
	defer lc.deinit()
	lc.setDevice(device)
	var stp *vfs.Statx
	if st, err := t.Stat(file); err == nil {
		stp = &st
	}
	return lc.isUsed(stp, file, offset, sizelimit, flags)
}
