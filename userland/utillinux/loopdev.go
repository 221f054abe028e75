// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Loop devices through a task's system calls, for losetup and for mount's
// and umount's loop handling. Everything is open, stat and the loop
// ioctls (LOOP_GET_STATUS64 answers every question about a bound device);
// there is no sysfs. Bound devices are listed from /proc/partitions or,
// where proc has none, from the loop nodes of /dev that have a size.

const (
	loopControl = "/dev/loop-control"
	// loopFirstNodes are the devices a search for a free one tries before
	// the other loop nodes of /dev, when /dev/loop-control cannot help.
	loopFirstNodes = 8
)

// loopDev is one loop device node: its path, a descriptor opened on
// demand and the status the kernel gave for it (asked once).
type loopDev struct {
	t      *vfs.Task
	path   string
	fd     int // -1 until opened
	fdMode uint32
	rw     bool // open the node read-write

	info     loop.Info
	infoOK   bool
	infoErr  error
	infoTold bool // infoErr was returned once; later asks get EINVAL
}

// loopNodePath is the node a device operand names: a bare name is in /dev.
func loopNodePath(name string) string {
	if name != "" && !strings.HasPrefix(name, "/") {
		return "/dev/" + name
	}
	return name
}

func newLoopDev(t *vfs.Task, name string) *loopDev {
	return &loopDev{t: t, path: loopNodePath(name), fd: -1}
}

// release closes the descriptor and forgets the status.
func (d *loopDev) release() {
	if d.fd >= 0 {
		d.t.Close(d.fd)
	}
	d.fd, d.fdMode = -1, 0
	d.forget()
}

func (d *loopDev) forget() {
	d.info, d.infoOK, d.infoErr, d.infoTold = loop.Info{}, false, nil, false
}

// open returns the node's descriptor, opening it (read-only unless rw).
func (d *loopDev) open() (int, error) {
	if d.path == "" {
		return -1, linux.EINVAL
	}
	if d.fd >= 0 {
		return d.fd, nil
	}
	mode := uint32(linux.O_RDONLY)
	if d.rw {
		mode = linux.O_RDWR
	}
	fd, err := d.t.Open(d.path, mode|linux.O_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	d.fd, d.fdMode = fd, mode
	return fd, nil
}

// takeFd hands the open descriptor to the caller, who closes it.
func (d *loopDev) takeFd() (int, error) {
	fd, err := d.open()
	if err == nil {
		d.fd = -1
	}
	return fd, err
}

// status is LOOP_GET_STATUS64 of the device. A device that is not bound
// fails with the kernel's error the first time, with EINVAL after.
func (d *loopDev) status() (*loop.Info, error) {
	switch {
	case d.infoOK:
		return &d.info, nil
	case d.infoErr != nil && d.infoTold:
		return nil, linux.EINVAL
	case d.infoErr != nil:
		d.infoTold = true
		return nil, d.infoErr
	}
	fd, err := d.open()
	if err != nil {
		return nil, err
	}
	if _, err := d.t.Ioctl(fd, linux.LOOP_GET_STATUS64, &d.info); err != nil {
		d.infoErr, d.infoTold = err, true
		return nil, err
	}
	d.infoOK = true
	return &d.info, nil
}

// bound is whether a file is attached.
func (d *loopDev) bound() bool {
	_, err := d.status()
	return err == nil
}

// backingName is the backing file's name as the kernel keeps it; a name
// that filled the kernel's buffer ends in '*' for what was cut off.
func (d *loopDev) backingName() (string, error) {
	info, err := d.status()
	if err != nil {
		return "", err
	}
	if keep := linux.LO_NAME_SIZE - 2; len(info.FileName) >= keep {
		return info.FileName[:keep] + "*", nil
	}
	return info.FileName, nil
}

// offset and sizeLimit are the mapped range of the backing file.
func (d *loopDev) offset() (uint64, error) {
	info, err := d.status()
	if err != nil {
		return 0, err
	}
	return info.Offset, nil
}

func (d *loopDev) sizeLimit() (uint64, error) {
	info, err := d.status()
	if err != nil {
		return 0, err
	}
	return info.SizeLimit, nil
}

// hasFlag is whether the status has an LO_FLAGS_ bit (false if unbound).
func (d *loopDev) hasFlag(bit uint32) bool {
	info, err := d.status()
	return err == nil && info.Flags&bit != 0
}

// sectorSize is the logical sector size (BLKSSZGET); a block layer that
// does not know the request has the usual 512.
func (d *loopDev) sectorSize() (uint64, error) {
	fd, err := d.open()
	if err != nil {
		return 0, err
	}
	var n int32
	if _, err := d.t.Ioctl(fd, linux.BLKSSZGET, &n); err != nil {
		if errors.Is(err, linux.ENOTTY) {
			return 512, nil
		}
		return 0, err
	}
	return uint64(n), nil
}

// ioctl runs a request on the node whose argument is a value.
func (d *loopDev) ioctl(req uint32, arg any) error {
	fd, err := d.open()
	if err == nil {
		_, err = d.t.Ioctl(fd, req, arg)
	}
	return err
}

// detach is LOOP_CLR_FD; the kernel lets the file go when the last
// opener of the device closes it.
func (d *loopDev) detach() error { return d.ioctl(linux.LOOP_CLR_FD, nil) }

// isLoopNode is whether name is a block device of the loop major.
func isLoopNode(t *vfs.Task, name string) bool {
	if name == "" {
		return false
	}
	st, err := t.Stat(name)
	return err == nil && applet.IsBlk(uint32(st.Mode)) && st.RdevMajor == linux.LOOP_MAJOR
}

// loopIndexName is the number of a "loopN" name, or -1.
func loopIndexName(name string) int {
	digits, ok := strings.CutPrefix(name, "loop")
	if !ok || digits == "" {
		return -1
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || strconv.Itoa(n) != digits {
		return -1
	}
	return n
}

// boundLoopNames are the names of the loop disks that have a size: the
// loop-major lines of /proc/partitions or, without that file, the
// loopN block nodes of /dev with the loop major whose BLKGETSIZE64 is not
// zero, by minor number.
func boundLoopNames(t *vfs.Task) []string {
	if data, err := ulReadFile(t, "/proc/partitions"); err == nil {
		var names []string
		major := strconv.Itoa(linux.LOOP_MAJOR)
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) == 4 && f[0] == major {
				names = append(names, f[3])
			}
		}
		return names
	}
	type node struct {
		name  string
		minor uint32
	}
	var found []node
	ents, _ := applet.ReadDirents(t, "/dev")
	for _, e := range ents {
		if loopIndexName(e.Name) < 0 {
			continue
		}
		path := "/dev/" + e.Name
		st, err := t.Stat(path)
		if err != nil || !applet.IsBlk(uint32(st.Mode)) || st.RdevMajor != linux.LOOP_MAJOR {
			continue
		}
		if blockDevSize(t, path) > 0 {
			found = append(found, node{e.Name, st.RdevMinor})
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].minor < found[j].minor })
	names := make([]string, len(found))
	for i, n := range found {
		names[i] = n.name
	}
	return names
}

// blockDevSize is BLKGETSIZE64 of a node opened for the purpose (0 when
// it cannot be had).
func blockDevSize(t *vfs.Task, path string) uint64 {
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

// eachBoundLoop calls visit with every bound loop device, until it
// returns false. The device passed is released afterwards unless visit
// keeps it (kept is then set).
func eachBoundLoop(t *vfs.Task, visit func(d *loopDev) (more bool)) {
	for _, name := range boundLoopNames(t) {
		d := newLoopDev(t, name)
		if !isLoopNode(t, d.path) || !d.bound() {
			d.release()
			continue
		}
		more := visit(d)
		if !more {
			return
		}
		d.release()
	}
}

// loopMatch is what a bound device must have in common with a file.
type loopMatch struct {
	st        *vfs.Statx // the file's stat, if it has one
	name      string     // its name, compared when the stat cannot be
	offset    uint64
	sizeLimit uint64
	byOffset  bool // the offset must be the same
	bySize    bool // and the size limit (only with byOffset)
}

func newLoopMatch(t *vfs.Task, file string) loopMatch {
	m := loopMatch{name: file}
	if st, err := t.Stat(file); err == nil {
		m.st = &st
	}
	return m
}

// backs is whether d's backing file is m's file (by device and inode when
// both are known, else by name) with the offset and size limit m asks.
func (d *loopDev) backs(m loopMatch) bool {
	info, err := d.status()
	switch {
	case m.st != nil && err == nil:
		if info.Inode != m.st.Ino || info.Device != m.st.Dev() {
			return false
		}
	case m.name != "":
		if name, err := d.backingName(); err != nil || name != m.name {
			return false
		}
	default:
		return false
	}
	if !m.byOffset {
		return true
	}
	if off, err := d.offset(); err != nil || off != m.offset {
		return false
	}
	if m.bySize {
		lim, err := d.sizeLimit()
		return err == nil && lim == m.sizeLimit
	}
	return true
}

// loopBacks is whether device has file attached at offset.
func loopBacks(t *vfs.Task, device, file string, offset uint64) bool {
	if device == "" || file == "" {
		return false
	}
	d := newLoopDev(t, device)
	defer d.release()
	m := newLoopMatch(t, file)
	m.offset, m.byOffset = offset, true
	return d.backs(m)
}

// loopOverlap is what a search for the devices of a file found.
type loopOverlap int

const (
	overlapNone  loopOverlap = iota
	overlapSome              // a device maps part of the same range
	overlapExact             // a device maps exactly the same range
)

// findLoopOverlap looks among the bound devices for one backed by file:
// the first that maps the same range (it is returned, open), or overlaps
// it otherwise.
func findLoopOverlap(t *vfs.Task, file string, offset, sizeLimit uint64) (loopOverlap, *loopDev) {
	m := newLoopMatch(t, file)
	found := overlapNone
	var dev *loopDev
	eachBoundLoop(t, func(d *loopDev) bool {
		if !d.backs(m) {
			return true
		}
		off, err1 := d.offset()
		lim, err2 := d.sizeLimit()
		switch {
		case err1 != nil || err2 != nil:
			return true
		case off == offset && lim == sizeLimit:
			found, dev = overlapExact, d
			return false
		case lim != 0 && offset >= off+lim, sizeLimit != 0 && offset+sizeLimit <= off:
			return true // disjoint
		}
		d.release()
		found = overlapSome
		return false
	})
	return found, dev
}

// freeLoop finds a device with nothing attached: the one the kernel
// hands out through /dev/loop-control (LOOP_CTL_GET_FREE, which makes
// one if need be) or, when that cannot be had, the first unbound of
// loop0..7 and then the other loop nodes of /dev by number.
func freeLoop(t *vfs.Task) (*loopDev, error) {
	err := error(linux.ENODEV)
	if _, serr := t.Stat(loopControl); serr == nil {
		var ctl int
		if ctl, err = t.Open(loopControl, linux.O_RDWR|linux.O_CLOEXEC, 0); err == nil {
			var n uintptr
			n, err = t.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
			t.Close(ctl)
			if err == nil {
				return newLoopDev(t, fmt.Sprintf("loop%d", n)), nil
			}
		}
	}
	for _, name := range loopSearchOrder(t) {
		d := newLoopDev(t, name)
		if isLoopNode(t, d.path) && !d.bound() {
			return d, nil
		}
		d.release()
	}
	return nil, err
}

// loopSearchOrder is loop0..7 and then the other loopN of /dev by N.
func loopSearchOrder(t *vfs.Task) []string {
	var nums []int
	for i := 0; i < loopFirstNodes; i++ {
		nums = append(nums, i)
	}
	var more []int
	ents, _ := applet.ReadDirents(t, "/dev")
	for _, e := range ents {
		var n int
		if _, err := fmt.Sscanf(e.Name, "loop%d", &n); err == nil && n >= loopFirstNodes {
			more = append(more, n)
		}
	}
	sort.Ints(more)
	names := make([]string, 0, len(nums)+len(more))
	for _, n := range append(nums, more...) {
		names = append(names, fmt.Sprintf("loop%d", n))
	}
	return names
}

// ensureNode asks /dev/loop-control for the device of the node's number
// (LOOP_CTL_ADD), so that a named device the kernel has not made yet can
// be set up. Failures are left for the setup to meet.
func (d *loopDev) ensureNode() {
	if d.path == "" {
		return
	}
	if _, err := d.t.Stat(loopControl); err != nil {
		return
	}
	n, err := strconv.Atoi(strings.TrimPrefix(d.path[strings.LastIndexByte(d.path, '/')+1:], "loop"))
	if err != nil || n < 0 {
		return
	}
	ctl, err := d.t.Open(loopControl, linux.O_RDWR|linux.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	d.t.Ioctl(ctl, linux.LOOP_CTL_ADD, n)
	d.t.Close(ctl)
}

// loopSetup is what attaching a file asks for.
type loopSetup struct {
	file       string // the backing file, as given
	offset     uint64
	sizeLimit  uint64
	flags      uint32 // LO_FLAGS_*
	sectorSize uint64 // 0: the kernel's default
}

// attach binds the backing file to the device. The file is opened
// read-write unless the setup is read-only (or writing is refused, which
// makes the device read-only); the node is opened in the same mode. The
// kernel gets one LOOP_CONFIGURE, or LOOP_SET_FD and LOOP_SET_STATUS64
// where it has none. With an offset or size limit, the device's size is
// checked against the file's (one LOOP_SET_CAPACITY, then ERANGE). A
// failure after binding unbinds again.
func (d *loopDev) attach(s loopSetup) error {
	if d.path == "" || s.file == "" {
		return linux.EINVAL
	}
	cfg := loop.Config{Info: loop.Info{Offset: s.offset, SizeLimit: s.sizeLimit, Flags: s.flags}}
	cfg.Info.FileName = ulCanonicalize(d.t, s.file)
	if len(cfg.Info.FileName) >= linux.LO_NAME_SIZE {
		cfg.Info.FileName = cfg.Info.FileName[:linux.LO_NAME_SIZE-1]
	}
	file := ulCanonicalize(d.t, s.file)
	mode := uint32(linux.O_RDWR)
	if s.flags&linux.LO_FLAGS_READ_ONLY != 0 {
		mode = linux.O_RDONLY
	}
	extra := uint32(linux.O_CLOEXEC)
	if s.flags&linux.LO_FLAGS_DIRECT_IO != 0 {
		extra |= linux.O_DIRECT
	}
	ffd, err := d.t.Open(file, mode|extra, 0)
	if err != nil && mode == linux.O_RDWR && (errors.Is(err, linux.EROFS) || errors.Is(err, linux.EACCES)) {
		mode = linux.O_RDONLY
		ffd, err = d.t.Open(file, mode|extra, 0)
	}
	if err != nil {
		return err
	}
	defer d.t.Close(ffd)
	if d.fd >= 0 && d.fdMode != mode {
		d.t.Close(d.fd)
		d.fd, d.fdMode = -1, 0
	}
	d.rw = mode == linux.O_RDWR
	if d.rw {
		cfg.Info.Flags &^= linux.LO_FLAGS_READ_ONLY
	} else {
		cfg.Info.Flags |= linux.LO_FLAGS_READ_ONLY
	}
	dfd, err := d.open()
	if err == nil {
		cfg.Fd, cfg.BlockSize = ffd, uint32(s.sectorSize)
		err = d.bind(dfd, &cfg, s.sectorSize)
	}
	if err == nil {
		err = d.verifySize(dfd, ffd, s.offset, s.sizeLimit)
	}
	if err != nil {
		if dfd >= 0 && !errors.Is(err, linux.EBUSY) {
			d.t.Ioctl(dfd, linux.LOOP_CLR_FD, nil)
		}
		return err
	}
	d.forget()
	return nil
}

// bind is LOOP_CONFIGURE, or its older pair of requests when the kernel
// does not know it.
func (d *loopDev) bind(dfd int, cfg *loop.Config, sectorSize uint64) error {
	_, err := d.t.Ioctl(dfd, linux.LOOP_CONFIGURE, cfg)
	if err == nil || !(errors.Is(err, linux.EINVAL) || errors.Is(err, linux.ENOTTY) || errors.Is(err, linux.ENOSYS)) {
		return err
	}
	if _, err := d.t.Ioctl(dfd, linux.LOOP_SET_FD, cfg.Fd); err != nil {
		return err
	}
	if sectorSize > 0 {
		if _, err := d.t.Ioctl(dfd, linux.LOOP_SET_BLOCK_SIZE, sectorSize); err != nil {
			return err
		}
	}
	_, err = d.t.Ioctl(dfd, linux.LOOP_SET_STATUS64, &cfg.Info)
	return err
}

// verifySize checks that a device with an offset or a size limit is as
// big as the part of the file they select, in whole sectors.
func (d *loopDev) verifySize(dfd, ffd int, offset, limit uint64) error {
	if offset == 0 && limit == 0 {
		return nil
	}
	st, err := d.t.Fstat(ffd)
	if err != nil {
		return err
	}
	want := uint64(st.Size)
	if applet.IsBlk(uint32(st.Mode)) {
		if _, err := d.t.Ioctl(ffd, linux.BLKGETSIZE64, &want); err != nil {
			return err
		}
	}
	if want == 0 || want <= offset {
		return nil
	}
	want -= offset
	if limit > 0 {
		want = min(want, limit)
	}
	want &^= 511
	size := func() (uint64, error) {
		var n uint64
		_, err := d.t.Ioctl(dfd, linux.BLKGETSIZE64, &n)
		return n, err
	}
	have, err := size()
	if err != nil || have == want {
		return err
	}
	if _, err := d.t.Ioctl(dfd, linux.LOOP_SET_CAPACITY, nil); err != nil {
		if errors.Is(err, linux.ENOTTY) || errors.Is(err, linux.EINVAL) {
			return linux.ERANGE
		}
		return err
	}
	if have, err = size(); err != nil {
		return err
	}
	if have != want {
		return linux.ERANGE
	}
	return nil
}

// detachLoop unbinds the named device.
func detachLoop(t *vfs.Task, device string) error {
	d := newLoopDev(t, device)
	defer d.release()
	return d.detach()
}
