// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Fsyncer is implemented by file operations that can make a file's data
// and metadata durable (->fsync). A file whose operations lack it fails
// fsync(2) with EINVAL, as pipes, sockets, /dev/null and procfs files do.
// A filesystem with nothing to write back (tmpfs, sysfs files) implements
// it as a no-op (noop_fsync).
type Fsyncer interface {
	Fsync(f *File, datasync bool) error
}

// SuperSyncer is implemented by filesystems that keep changes in memory
// before writing them to their disk: SyncFS writes back every dirty inode
// and the on-disk superblock (writeback_inodes_sb and ->sync_fs).
type SuperSyncer interface {
	SyncFS(sb *Superblock) error
}

// DiskFlusher is implemented by disks whose writes may sit in a cache
// below them (a host file's page cache, a loop device's backing file):
// Flush makes them durable (blkdev_issue_flush).
type DiskFlusher interface {
	Flush() error
}

// Fsync is fsync(2).
func (t *Task) Fsync(fd int) error { return t.fsyncFd(fd, false) }

// Fdatasync is fdatasync(2).
func (t *Task) Fdatasync(fd int) error { return t.fsyncFd(fd, true) }

// fsyncFd is do_fsync: an O_PATH descriptor is not a file to sync.
func (t *Task) fsyncFd(fd int, datasync bool) error {
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		return f.Fsync(datasync)
	})
}

// Fsync is vfs_fsync, for a kernel user of f (a loop device flushing its
// backing file) as for fsync(2).
func (f *File) Fsync(datasync bool) error {
	s, ok := f.ops.(Fsyncer)
	if !ok {
		return linux.EINVAL
	}
	return s.Fsync(f, datasync)
}

// Syncfs is syncfs(2): the filesystem of fd's file is written back and its
// disk flushed.
func (t *Task) Syncfs(fd int) error {
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		return f.dentry.inode.sb.sync()
	})
}

// Sync is sync(2): every filesystem on a block device is written back,
// then every open disk flushed. Like the kernel's it reports no error.
func (t *Task) Sync() {
	k := t.Kernel()
	for _, sb := range k.blockSupers() {
		_ = sb.writeBack()
		sb.deactivate()
	}
	for _, d := range k.openDisks() {
		if fl, ok := d.(DiskFlusher); ok {
			_ = fl.Flush()
		}
	}
}

// sync is sync_filesystem: write back, then flush the disk below.
func (sb *Superblock) sync() error {
	err := sb.writeBack()
	if sb.bdev != nil {
		if fl, ok := sb.bdev.disk.(DiskFlusher); ok {
			if ferr := fl.Flush(); err == nil {
				err = ferr
			}
		}
	}
	return err
}

// writeBack asks the filesystem to write what it keeps in memory; a
// read-only superblock has nothing to write (sync_filesystem's sb_rdonly).
func (sb *Superblock) writeBack() error {
	s, ok := sb.Ops.(SuperSyncer)
	if !ok || sb.ReadOnly() {
		return nil
	}
	return s.SyncFS(sb)
}

// blockSupers is the part of super_blocks that has something to write:
// the superblocks on block devices (iterate_supers in ksys_sync), each
// with an active reference so that none dies while it is written.
func (k *Kernel) blockSupers() []*Superblock {
	k.bdevs.mu.Lock()
	defer k.bdevs.mu.Unlock()
	sbs := make([]*Superblock, 0, len(k.bdevs.supers))
	for _, sb := range k.bdevs.supers {
		if sb.grab() {
			sbs = append(sbs, sb)
		}
	}
	return sbs
}

// openDisks are the disks someone has open (iterate_bdevs skips the rest).
func (k *Kernel) openDisks() []Disk {
	k.bdevs.mu.Lock()
	defer k.bdevs.mu.Unlock()
	var disks []Disk
	for _, b := range k.bdevs.devs {
		if b.openers > 0 {
			disks = append(disks, b.disk)
		}
	}
	return disks
}

// Fsync is blkdev_fsync: a block special file's writes reach the disk.
func (o blockFileOps) Fsync(*File, bool) error {
	if fl, ok := o.b.disk.(DiskFlusher); ok {
		return fl.Flush()
	}
	return nil
}
