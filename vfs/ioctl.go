// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Ioctler is implemented by file operations with an unlocked_ioctl. arg
// is the Go value the command takes (a pointer to the structure the
// kernel would copy in or out), not a user address.
type Ioctler interface {
	Ioctl(f *File, t *Task, cmd uint32, arg any) (uintptr, error)
}

// DiskIoctler is implemented by disks with a driver ioctl
// (block_device_operations->ioctl), which blkdev_ioctl reaches for the
// commands the block layer does not answer itself.
type DiskIoctler interface {
	Ioctl(t *Task, cmd uint32, arg any) (uintptr, error)
}

// Ioctl is ioctl(2): the inode-flag commands every file has
// (fileattr.go), then the file's own, ENOTTY for files whose operations
// have none.
func (t *Task) Ioctl(fd int, cmd uint32, arg any) (r uintptr, err error) {
	err = t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if err := fileattrIoctl(t, f, cmd, arg); err != ENOIOCTLCMD {
			return err
		}
		io, ok := f.ops.(Ioctler)
		if !ok {
			return linux.ENOTTY
		}
		r, err = io.Ioctl(f, t, cmd, arg)
		if err == ENOIOCTLCMD {
			err = linux.ENOTTY
		}
		return err
	})
	return r, err
}

// Ioctl is blkdev_ioctl: the size and read-only queries of the block
// layer, then the driver's own commands.
func (o blockFileOps) Ioctl(f *File, t *Task, cmd uint32, arg any) (uintptr, error) {
	switch cmd {
	case linux.BLKGETSIZE64:
		p, ok := arg.(*uint64)
		if !ok {
			return 0, linux.EFAULT
		}
		*p = uint64(o.b.disk.Size())
		return 0, nil
	case linux.BLKSSZGET:
		p, ok := arg.(*int32)
		if !ok {
			return 0, linux.EFAULT
		}
		*p = 512
		if s, ok := o.b.disk.(interface{ LogicalBlockSize() int32 }); ok {
			*p = s.LogicalBlockSize()
		}
		return 0, nil
	case linux.BLKROGET:
		p, ok := arg.(*int32)
		if !ok {
			return 0, linux.EFAULT
		}
		*p = 0
		if o.b.disk.ReadOnly() {
			*p = 1
		}
		return 0, nil
	case linux.BLKDISCARD:
		return 0, o.discard(f, arg)
	case linux.BLKRRPART:
		// No disk here has its partitions scanned (a loop device
		// without LO_FLAGS_PARTSCAN): disk_may_scan_partitions fails.
		return 0, linux.EINVAL
	}
	if d, ok := o.b.disk.(DiskIoctler); ok {
		return d.Ioctl(t, cmd, arg)
	}
	return 0, linux.ENOTTY
}

// DiskDiscarder is implemented by disks that can drop a byte range
// (a loop device punches a hole in its backing file).
type DiskDiscarder interface {
	Discard(off, length int64) error
}

// discard is blk_ioctl_discard: a writable opener's range of whole
// logical blocks within the disk, which the driver drops.
func (o blockFileOps) discard(f *File, arg any) error {
	p, ok := arg.(*[2]uint64)
	if !ok {
		return linux.EFAULT
	}
	if !f.write {
		return linux.EBADF
	}
	d, ok := o.b.disk.(DiskDiscarder)
	if !ok {
		return linux.EOPNOTSUPP
	}
	start, length := p[0], p[1]
	if start%512 != 0 || length%512 != 0 {
		return linux.EINVAL
	}
	if size := uint64(o.b.disk.Size()); start+length < start || start+length > size {
		return linux.EINVAL
	}
	return d.Discard(int64(start), int64(length))
}

// KernelFallocate is vfs_fallocate from a driver (a loop device's
// discard), without the system call's descriptor checks.
func (f *File) KernelFallocate(mode uint32, off, length int64) error {
	fa, ok := f.ops.(Fallocator)
	if !ok {
		return linux.EOPNOTSUPP
	}
	in := f.Inode()
	in.rw.Lock()
	defer in.rw.Unlock()
	return fa.Fallocate(f, f.cred, mode, off, length)
}

// Fget is fget: the open file at fd, with a reference the caller drops
// with DecRef (a driver keeping a backing file, as a loop device does).
func (t *Task) Fget(fd int) (*File, error) { return t.fdTable().get(fd) }

// KernelRead is kernel_read at a position: a driver reading the file it
// holds, as the opener could.
func (f *File) KernelRead(p []byte, off int64) (int, error) { return f.readAt(nil, p, off) }

// KernelWrite is kernel_write at a position, with the opener's
// credentials (f_cred).
func (f *File) KernelWrite(p []byte, off int64) (int, error) {
	in := f.Inode()
	in.rw.Lock()
	defer in.rw.Unlock()
	return f.writeAt(nil, f.cred, p, off)
}

// KernelSize is i_size_read of the file's mapping host: the size of a
// regular file, the disk's size for a block device (what a loop device
// over the file would map).
func (f *File) KernelSize() int64 { return fileSize(f) }

// Writable reports FMODE_WRITE.
func (f *File) Writable() bool { return f.write }
