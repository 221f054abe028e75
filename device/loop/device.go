// SPDX-License-Identifier: Apache-2.0

package loop

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Device is struct loop_device: a disk that reads and writes its backing
// file from an offset, up to a size limit.
type Device struct {
	d     *Driver
	index int

	mu        sync.Mutex // lo_mutex
	file      *vfs.File  // lo_backing_file; nil while unbound
	offset    int64
	sizeLimit int64
	flags     uint32
	blockSize int32 // the logical block size (lo_queue's), 512 by default
	capacity  int64 // the disk's size in bytes, fixed until asked to change
	fileName  string
	rundown   bool // Lo_rundown: cleared at the last close
	// readOnly is the disk's read-only state (set_disk_ro): set from
	// the flags when a file is bound, and kept after it is let go.
	readOnly bool
	// diskseq is the disk's sequence number: a new one when the disk is
	// made and whenever a file is bound (disk_force_media_change).
	diskseq atomic.Uint64
	// nonrot is the queue's lack of BLK_FEAT_ROTATIONAL: set when a
	// file is bound from a filesystem on no disk or on a non-rotational
	// one (loop_update_rotational), and kept after it is let go.
	nonrot bool
}

// Dev returns the device number, 7:index.
func (dev *Device) Dev() uint64 { return linux.Mkdev(linux.LOOP_MAJOR, uint32(dev.index)) }

// Bound reports lo_state != Lo_unbound.
func (dev *Device) Bound() bool {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	return dev.file != nil
}

// Size is the disk's capacity (bdev_nr_bytes). It is measured from the
// backing file when the device is bound, when its offset or size limit
// changes, and on LOOP_SET_CAPACITY; a file that grows or shrinks in
// between does not change it.
func (dev *Device) Size() int64 {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	return dev.capacity
}

// measureLocked is get_loop_size: the backing file's size (a block
// device's for a disk) past the offset, capped by the size limit, in
// whole 512-byte sectors.
func (dev *Device) measureLocked() {
	dev.capacity = 0
	if dev.file == nil {
		return
	}
	n := dev.file.KernelSize() - dev.offset
	if dev.sizeLimit > 0 && dev.sizeLimit < n {
		n = dev.sizeLimit
	}
	if n > 0 {
		dev.capacity = n &^ 511
	}
}

// ReadOnly is bdev_read_only: whether the last file bound was bound
// read-only (LO_FLAGS_READ_ONLY). Linux leaves the disk so when the file
// goes; a device never bound is writable.
func (dev *Device) ReadOnly() bool {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	return dev.readOnly
}

// ReadAt is lo_rw_aio for a read: an unbound device has no bytes. Where
// the backing file ends before the disk does (it shrank), the pages it
// still fills are read and the rest fails with EIO, as the block layer
// fails a request that reads nothing.
func (dev *Device) ReadAt(p []byte, off int64) (int, error) {
	f, base := dev.backing()
	if f == nil {
		return 0, linux.EIO
	}
	defer f.DecRef()
	n, err := f.KernelRead(p, base+off)
	if n == len(p) || err != nil && err != io.EOF {
		return n, err
	}
	if whole := (off+int64(n))&^(pageSize-1) - off; whole > 0 {
		return int(whole), nil
	}
	return 0, linux.EIO
}

// pageSize is the unit in which the page cache reads a block device.
const pageSize = 4096

// WriteAt is lo_rw_aio for a write; a read-only device refuses (EPERM,
// as blk_update_request reports a write to a read-only loop).
func (dev *Device) WriteAt(p []byte, off int64) (int, error) {
	f, base := dev.backing()
	if f == nil {
		return 0, linux.EIO
	}
	defer f.DecRef()
	if dev.ReadOnly() {
		return 0, linux.EPERM
	}
	return f.KernelWrite(p, base+off)
}

// Discard is lo_fallocate for a discard: a hole punched in the backing
// file, which reads back as zeros.
func (dev *Device) Discard(off, length int64) error {
	f, base := dev.backing()
	if f == nil {
		return linux.EIO
	}
	defer f.DecRef()
	if dev.ReadOnly() {
		return linux.EPERM
	}
	return f.KernelFallocate(linux.FALLOC_FL_PUNCH_HOLE|linux.FALLOC_FL_KEEP_SIZE, base+off, length)
}

func (dev *Device) backing() (*vfs.File, int64) {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.file == nil {
		return nil, 0
	}
	dev.file.IncRef()
	return dev.file, dev.offset
}

// Ioctl is lo_ioctl.
func (dev *Device) Ioctl(t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	switch cmd {
	case linux.LOOP_SET_FD:
		fd, ok := arg.(int)
		if !ok {
			return 0, linux.EINVAL
		}
		return 0, dev.configure(t, Config{Fd: fd})
	case linux.LOOP_CONFIGURE:
		c, ok := arg.(*Config)
		if !ok {
			return 0, linux.EFAULT
		}
		return 0, dev.configure(t, *c)
	case linux.LOOP_CLR_FD:
		return 0, dev.clrFd()
	case linux.LOOP_GET_STATUS64:
		info, ok := arg.(*Info)
		if !ok {
			return 0, linux.EFAULT
		}
		return 0, dev.getStatus(info)
	case linux.LOOP_SET_STATUS64:
		info, ok := arg.(*Info)
		if !ok {
			return 0, linux.EFAULT
		}
		return 0, dev.setStatus(info)
	case linux.LOOP_SET_CAPACITY:
		return 0, dev.whileBound(func() error {
			dev.measureLocked()
			return nil
		})
	case linux.LOOP_SET_DIRECT_IO:
		on, ok := intArg(arg)
		if !ok {
			return 0, linux.EINVAL
		}
		return 0, dev.whileBound(func() error {
			dev.flags &^= linux.LO_FLAGS_DIRECT_IO
			if on != 0 {
				dev.flags |= linux.LO_FLAGS_DIRECT_IO
			}
			return nil
		})
	case linux.LOOP_SET_BLOCK_SIZE:
		bs, ok := intArg(arg)
		if !ok {
			return 0, linux.EINVAL
		}
		return 0, dev.whileBound(func() error { return dev.setBlockSizeLocked(bs) })
	}
	return 0, linux.ENOTTY
}

// whileBound runs fn under lo_mutex if the device is bound, else ENXIO.
func (dev *Device) whileBound(fn func() error) error {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.file == nil {
		return linux.ENXIO
	}
	return fn()
}

// setBlockSizeLocked is loop_set_block_size's check (blk_validate_block_size):
// a power of two from 512 to PAGE_SIZE; 0 means 512.
func (dev *Device) setBlockSizeLocked(bs int64) error {
	if bs == 0 {
		bs = 512
	}
	if bs < 512 || bs > 4096 || bs&(bs-1) != 0 {
		return linux.EINVAL
	}
	dev.blockSize = int32(bs)
	return nil
}

// LogicalBlockSize answers BLKSSZGET.
func (dev *Device) LogicalBlockSize() int32 {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.blockSize == 0 {
		return 512
	}
	return dev.blockSize
}

func intArg(arg any) (int64, bool) {
	switch v := arg.(type) {
	case int:
		return int64(v), true
	case uint64:
		return int64(v), true
	case uintptr:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}

// settableFlags is LOOP_CONFIGURE_SETTABLE_FLAGS.
const settableFlags = linux.LO_FLAGS_READ_ONLY | linux.LO_FLAGS_AUTOCLEAR |
	linux.LO_FLAGS_PARTSCAN | linux.LO_FLAGS_DIRECT_IO

// configure is loop_configure: bind the file open at c.Fd. A file not
// open for writing, or on a read-only mount, makes a read-only device.
// A backing file that is itself a loop device is checked with the
// driver's chain lock held, so that no chain of devices can lead back
// to this one.
func (dev *Device) configure(t *vfs.Task, c Config) error {
	f, err := t.Fget(c.Fd)
	if err != nil {
		return err
	}
	if isLoopNode(f) {
		dev.d.chainMu.Lock()
		defer dev.d.chainMu.Unlock()
	}
	dev.mu.Lock()
	defer dev.mu.Unlock()
	err = dev.bindLocked(f, c)
	if err != nil {
		f.DecRef()
	}
	return err
}

func (dev *Device) bindLocked(f *vfs.File, c Config) error {
	if dev.file != nil {
		return linux.EBUSY
	}
	if err := dev.validateBacking(f); err != nil {
		return err
	}
	if c.Info.Flags&^settableFlags != 0 {
		return linux.EINVAL
	}
	if err := dev.setBlockSizeLocked(int64(c.BlockSize)); err != nil {
		return err
	}
	dev.file, dev.rundown = f, false
	dev.offset, dev.sizeLimit = int64(c.Info.Offset), int64(c.Info.SizeLimit)
	dev.flags = c.Info.Flags &^ linux.LO_FLAGS_PARTSCAN
	if !f.Writable() || f.Mount().ReadOnly() {
		dev.flags |= linux.LO_FLAGS_READ_ONLY
	}
	dev.fileName = truncName(c.Info.FileName)
	dev.readOnly = dev.flags&linux.LO_FLAGS_READ_ONLY != 0
	dev.nonrot = dev.backingNonrot(f)
	dev.diskseq.Store(dev.d.nextDiskseq())
	dev.measureLocked()
	return nil
}

// isLoopNode is whether f is open on a block special file of the loop
// major.
func isLoopNode(f *vfs.File) bool {
	in := f.Inode()
	return in.Mode()&linux.S_IFMT == linux.S_IFBLK && linux.Major(in.Rdev()) == linux.LOOP_MAJOR
}

// validateBacking is loop_validate_file: the file must be a regular file
// or a block device. Through a chain of loop devices it must not lead
// back to dev (EBADF), and each device on the way must be bound (EINVAL).
// dev.mu and the chain lock are held; the other devices' locks are taken
// one at a time.
func (dev *Device) validateBacking(f *vfs.File) error {
	mode := f.Inode().Mode() & linux.S_IFMT
	for next := f; isLoopNode(next); {
		rdev := next.Inode().Rdev()
		if rdev == dev.Dev() {
			return linux.EBADF
		}
		l := dev.d.device(int(linux.Minor(rdev)))
		if l == nil {
			return linux.EINVAL
		}
		l.mu.Lock()
		next = l.file
		l.mu.Unlock()
		if next == nil {
			return linux.EINVAL
		}
	}
	if mode != linux.S_IFREG && mode != linux.S_IFBLK {
		return linux.EINVAL
	}
	return nil
}

func truncName(s string) string {
	if len(s) >= linux.LO_NAME_SIZE {
		return s[:linux.LO_NAME_SIZE-1]
	}
	return s
}

// clrFd is loop_clr_fd: the device is marked to let go of its file at the
// last close; with no other opener than the caller, no new one may come.
func (dev *Device) clrFd() error {
	openers := dev.d.k.DiskOpeners(dev.Dev()) // before lo_mutex: the disk table lock comes first
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.file == nil || dev.rundown {
		return linux.ENXIO
	}
	dev.flags |= linux.LO_FLAGS_AUTOCLEAR
	if openers <= 1 {
		dev.rundown = true
	}
	return nil
}

// LastClose is lo_release: with autoclear set, the last close unbinds the
// device (__loop_clr_fd).
func (dev *Device) LastClose() {
	dev.mu.Lock()
	f := dev.file
	if f == nil || dev.flags&linux.LO_FLAGS_AUTOCLEAR == 0 {
		dev.mu.Unlock()
		return
	}
	dev.file, dev.rundown = nil, false
	dev.offset, dev.sizeLimit, dev.flags, dev.fileName, dev.blockSize = 0, 0, 0, "", 0
	dev.capacity = 0
	dev.mu.Unlock()
	f.DecRef()
}

// getStatus is loop_get_status.
func (dev *Device) getStatus(info *Info) error {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.file == nil {
		return linux.ENXIO
	}
	in := dev.file.Inode()
	*info = Info{
		Device:    in.Superblock().Dev(),
		Inode:     in.Ino(),
		Rdevice:   in.Rdev(),
		Offset:    uint64(dev.offset),
		SizeLimit: uint64(dev.sizeLimit),
		Number:    uint32(dev.index),
		Flags:     dev.flags,
		FileName:  dev.fileName,
	}
	return nil
}

// setStatus is loop_set_status: offset, size limit, name and the
// autoclear bit change; the read-only bit does not.
func (dev *Device) setStatus(info *Info) error {
	dev.mu.Lock()
	defer dev.mu.Unlock()
	if dev.file == nil {
		return linux.ENXIO
	}
	const settable = linux.LO_FLAGS_AUTOCLEAR | linux.LO_FLAGS_PARTSCAN
	resized := int64(info.Offset) != dev.offset || int64(info.SizeLimit) != dev.sizeLimit
	dev.offset, dev.sizeLimit = int64(info.Offset), int64(info.SizeLimit)
	dev.flags = dev.flags&^settable | info.Flags&settable&^linux.LO_FLAGS_PARTSCAN
	dev.fileName = truncName(info.FileName)
	if resized {
		dev.measureLocked()
	}
	return nil
}

// Flush is lo_req_flush: the backing file is synced (vfs_fsync), so what
// was written through the device is as durable as the file can make it.
func (dev *Device) Flush() error {
	f, _ := dev.backing()
	if f == nil {
		return linux.EIO
	}
	defer f.DecRef()
	return f.Fsync(false)
}
