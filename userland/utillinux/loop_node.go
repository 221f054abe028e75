// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Loop block devices as losetup, mount and umount see them: a node in
// /dev, what sysfs says of it (loop_sysfs.go) or, without sysfs, the
// status the driver reports for it, and the list of devices that have a
// file attached.

// loopControlPath is the loop driver's control device.
const loopControlPath = "/dev/loop-control"

// loopNode is one loop block device. The node is opened when a request
// first needs a descriptor (read-only unless writable is set before) and
// the driver's status is asked once and remembered until forget.
type loopNode struct {
	t        *vfs.Task
	path     string
	fd       int  // -1 while not open
	writable bool // open the node read-write

	info    *loop.Info // the status, once the driver gave it
	infoErr error      // or why it could not be had

	// sysfs is set when sysfs describes the device; then the status
	// ioctl serves only for the backing file's device and inode
	// (LOOPDEV_FL_NOIOCTL).
	sysfs   bool
	sysPath string // the device's sysfs directory, once found
}

// loopPath is the node an operand names: a bare name lives in /dev.
func loopPath(name string) string {
	if name != "" && !strings.HasPrefix(name, "/") {
		return "/dev/" + name
	}
	return name
}

func openLoopNode(t *vfs.Task, name string) *loopNode {
	return &loopNode{t: t, path: loopPath(name), fd: -1, sysfs: sysfsAvailable(t)}
}

// close gives back the descriptor and forgets the status.
func (n *loopNode) close() {
	if n.fd >= 0 {
		n.t.Close(n.fd)
	}
	n.fd = -1
	n.forget()
}

// forget drops the remembered status (after the device was changed).
func (n *loopNode) forget() { n.info, n.infoErr = nil, nil }

// descriptor is the node's open descriptor.
func (n *loopNode) descriptor() (int, error) {
	if n.fd >= 0 {
		return n.fd, nil
	}
	if n.path == "" {
		return -1, linux.EINVAL
	}
	mode := uint32(linux.O_RDONLY)
	if n.writable {
		mode = linux.O_RDWR
	}
	fd, err := n.t.Open(n.path, mode|linux.O_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	n.fd = fd
	return fd, nil
}

// reopen makes the next request open the node anew in the given mode, if
// it is open in the other one.
func (n *loopNode) reopen(writable bool) {
	if n.fd >= 0 && n.writable != writable {
		n.t.Close(n.fd)
		n.fd = -1
	}
	n.writable = writable
}

// handOver gives the open descriptor to the caller, who closes it.
func (n *loopNode) handOver() (int, error) {
	fd, err := n.descriptor()
	if err == nil {
		n.fd = -1
	}
	return fd, err
}

// request runs one ioctl on the node.
func (n *loopNode) request(req uint32, arg any) error {
	fd, err := n.descriptor()
	if err == nil {
		_, err = n.t.Ioctl(fd, req, arg)
	}
	return err
}

// status is the driver's LOOP_GET_STATUS64 answer; a device with nothing
// attached fails (ENXIO).
func (n *loopNode) status() (*loop.Info, error) {
	if n.info == nil && n.infoErr == nil {
		var info loop.Info
		if n.infoErr = n.request(linux.LOOP_GET_STATUS64, &info); n.infoErr == nil {
			n.info = &info
		}
	}
	return n.info, n.infoErr
}

// attached is whether a file is attached to the device: whether its
// offset can be had (loopiter_set_device).
func (n *loopNode) attached() bool {
	_, err := n.offset()
	return err == nil
}

// fileName is loopcxt_get_backing_file: sysfs's loop/backing_file, the
// file's path as the kernel sees it now. Without sysfs it is the name the
// driver keeps (at most LO_NAME_SIZE-1 bytes), whose last byte of room
// losetup marks with a '*', so a name of LO_NAME_SIZE-2 bytes or more
// shows as its first LO_NAME_SIZE-2 and a '*', even one that was not cut.
func (n *loopNode) fileName() (string, error) {
	if n.sysfs {
		return n.sysString("loop/backing_file")
	}
	info, err := n.status()
	if err != nil {
		return "", err
	}
	if keep := linux.LO_NAME_SIZE - 2; len(info.FileName) >= keep {
		return info.FileName[:keep] + "*", nil
	}
	return info.FileName, nil
}

// offset and sizeLimit are loopcxt_get_offset and _sizelimit: sysfs's
// loop/offset and loop/sizelimit, or the status's.
func (n *loopNode) offset() (uint64, error) {
	return n.statusNumber("loop/offset", func(i *loop.Info) uint64 { return i.Offset })
}

func (n *loopNode) sizeLimit() (uint64, error) {
	return n.statusNumber("loop/sizelimit", func(i *loop.Info) uint64 { return i.SizeLimit })
}

func (n *loopNode) statusNumber(rel string, field func(*loop.Info) uint64) (uint64, error) {
	if n.sysfs {
		return n.sysNumber(rel)
	}
	info, err := n.status()
	if err != nil {
		return 0, err
	}
	return field(info), nil
}

// span is the part of its file the device maps.
func (n *loopNode) span() (fileSpan, error) {
	off, err := n.offset()
	if err != nil {
		return fileSpan{}, err
	}
	limit, err := n.sizeLimit()
	return fileSpan{off, limit}, err
}

// flagAttrs are the sysfs attributes that show the LO_FLAGS_ bits: the
// disk's ro, and loop's own flags.
var flagAttrs = map[uint32]string{
	linux.LO_FLAGS_READ_ONLY: "ro",
	linux.LO_FLAGS_AUTOCLEAR: "loop/autoclear",
	linux.LO_FLAGS_DIRECT_IO: "loop/dio",
	linux.LO_FLAGS_PARTSCAN:  "loop/partscan",
}

// flag is whether an LO_FLAGS_ bit is set (loopcxt_is_readonly and
// friends): from sysfs, or from the status (false if unattached).
func (n *loopNode) flag(bit uint32) bool {
	if n.sysfs {
		if v, err := n.sysNumber(flagAttrs[bit]); err == nil {
			return v != 0
		}
	}
	if bit == linux.LO_FLAGS_PARTSCAN {
		// loopcxt_is_partscan without a loop/partscan to read: every
		// kernel since 3.2 can scan loop devices for partitions.
		return true
	}
	if n.sysfs {
		return false
	}
	info, err := n.status()
	return err == nil && info.Flags&bit != 0
}

// sectorSize is loopcxt_get_blocksize: sysfs's queue/logical_block_size,
// else BLKSSZGET; 512 where the block layer does not answer.
func (n *loopNode) sectorSize() (uint64, error) {
	if v, err := n.sysNumber("queue/logical_block_size"); err == nil {
		return v, nil
	}
	var size int32
	err := n.request(linux.BLKSSZGET, &size)
	switch {
	case errors.Is(err, linux.ENOTTY):
		return 512, nil
	case err != nil:
		return 0, err
	}
	return uint64(size), nil
}

// detach is LOOP_CLR_FD: the driver lets the file go when the last
// opener closes the device.
func (n *loopNode) detach() error { return n.request(linux.LOOP_CLR_FD, nil) }

// fileSpan is a range of a backing file: from off, limit bytes, or to
// the end of the file when limit is 0.
type fileSpan struct{ off, limit uint64 }

// disjoint is whether two spans of one file share no byte.
func (s fileSpan) disjoint(o fileSpan) bool {
	endsBefore := func(a, b fileSpan) bool { return a.limit != 0 && a.off+a.limit <= b.off }
	return endsBefore(s, o) || endsBefore(o, s)
}

// isLoopBlockDev is whether name is a block special file of the loop major.
func isLoopBlockDev(t *vfs.Task, name string) bool {
	if name == "" {
		return false
	}
	st, err := t.Stat(name)
	return err == nil && applet.IsBlk(uint32(st.Mode)) && st.RdevMajor == linux.LOOP_MAJOR
}

// loopNumber is the N of a node called loopN (or just N, as in
// /dev/loop/N); ok is false for other names.
func loopNumber(path string) (n int, ok bool) {
	base := path[strings.LastIndexByte(path, '/')+1:]
	base = strings.TrimPrefix(base, "loop")
	end := 0
	for end < len(base) && base[end] >= '0' && base[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(base[:end])
	return n, err == nil
}

// isLoopDiskName is whether name is the driver's name of a loop disk:
// "loop" and a number written without leading zeros.
func isLoopDiskName(name string) bool {
	n, ok := loopNumber(name)
	return ok && name == "loop"+strconv.Itoa(n)
}

// attachedLoops opens every loop device that has a file attached, in the
// order the system lists its disks: /sys/block's order where there is
// sysfs; else the loop lines of /proc/partitions or, where there is no
// such file, the loop nodes of /dev that have a size, by minor number.
// (Without sysfs a device whose size is zero is not seen, as a disk
// without capacity is not in /proc/partitions.) The caller closes them.
func attachedLoops(t *vfs.Task) []*loopNode {
	var names []string
	if sysfsAvailable(t) {
		names = loopDisksInSysfs(t)
	} else if data, err := readFile(t, "/proc/partitions"); err == nil {
		names = loopDisksListed(string(data))
	} else {
		names = loopDisksInDev(t)
	}
	var found []*loopNode
	for _, name := range names {
		n := openLoopNode(t, name)
		if isLoopBlockDev(t, n.path) && n.attached() {
			found = append(found, n)
		} else {
			n.close()
		}
	}
	return found
}

// loopDisksListed are the names on the loop-major lines of
// /proc/partitions ("major minor #blocks name").
func loopDisksListed(table string) []string {
	var names []string
	major := strconv.Itoa(linux.LOOP_MAJOR)
	for _, line := range strings.Split(table, "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[0] == major {
			names = append(names, f[3])
		}
	}
	return names
}

// loopDisksInDev are the loopN block nodes of /dev with the loop major
// and a size that is not zero, by N.
func loopDisksInDev(t *vfs.Task) []string {
	var names []string
	for _, name := range devLoopNames(t) {
		path := "/dev/" + name
		if isLoopBlockDev(t, path) && blockSize(t, path) > 0 {
			names = append(names, name)
		}
	}
	return names
}

// devLoopNames are the driver's loopN names found in /dev, by N.
func devLoopNames(t *vfs.Task) []string {
	var names []string
	ents, _ := applet.ReadDirents(t, "/dev")
	for _, e := range ents {
		if isLoopDiskName(e.Name) {
			names = append(names, e.Name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, _ := loopNumber(names[i])
		b, _ := loopNumber(names[j])
		return a < b
	})
	return names
}

// blockSize is BLKGETSIZE64 of the block device at path (0 when it cannot
// be had).
func blockSize(t *vfs.Task, path string) uint64 {
	fd, err := t.Open(path, linux.O_RDONLY|linux.O_CLOEXEC, 0)
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

// closeLoops closes every node of nodes but keep (which may be nil).
func closeLoops(nodes []*loopNode, keep *loopNode) {
	for _, n := range nodes {
		if n != keep {
			n.close()
		}
	}
}

// controlRequest runs one ioctl on the loop control device.
func controlRequest(t *vfs.Task, req uint32, arg any) (uintptr, error) {
	fd, err := t.Open(loopControlPath, linux.O_RDWR|linux.O_CLOEXEC, 0)
	if err != nil {
		return 0, err
	}
	defer t.Close(fd)
	return t.Ioctl(fd, req, arg)
}

// unusedLoop finds a device with nothing attached: the one the control
// device names (LOOP_CTL_GET_FREE, which makes a new device when all are
// taken) or, if that cannot be had, the first unattached loopN node of
// /dev by number. The error is the control device's when there is no
// node either, else ENODEV.
func unusedLoop(t *vfs.Task) (*loopNode, error) {
	failure := error(linux.ENODEV)
	if _, err := t.Stat(loopControlPath); err == nil {
		n, err := controlRequest(t, linux.LOOP_CTL_GET_FREE, nil)
		if err == nil {
			return openLoopNode(t, "loop"+strconv.Itoa(int(n))), nil
		}
		failure = err
	}
	for _, name := range devLoopNames(t) {
		n := openLoopNode(t, name)
		if isLoopBlockDev(t, n.path) && !n.attached() {
			n.forget()
			return n, nil
		}
		n.close()
	}
	return nil, failure
}

// createNumbered asks the control device to make the device the node's
// name numbers (LOOP_CTL_ADD), so that a device the driver has not made
// yet can be set up. EEXIST is the usual answer.
func (n *loopNode) createNumbered() error {
	num, ok := loopNumber(n.path)
	if !ok || n.path == "" {
		return linux.EINVAL
	}
	if _, err := n.t.Stat(loopControlPath); err != nil {
		return err
	}
	_, err := controlRequest(n.t, linux.LOOP_CTL_ADD, num)
	return err
}

// detachLoop detaches the named device (umount -d).
func detachLoop(t *vfs.Task, device string) error {
	n := openLoopNode(t, device)
	defer n.close()
	return n.detach()
}
