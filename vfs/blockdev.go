// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Disk is what a block driver registers for one device number: a gendisk
// with its whole-disk block_device, reduced to bytes by offset, a size and
// a read-only bit. An unbound loop device is a Disk of size 0.
type Disk interface {
	io.ReaderAt
	io.WriterAt
	// Size is bdev_nr_bytes.
	Size() int64
	// ReadOnly is bdev_read_only.
	ReadOnly() bool
}

// DiskReleaser is implemented by disks that act when the last opener goes
// (block_device_operations->release), as a loop device with autoclear set
// detaches itself.
type DiskReleaser interface {
	LastClose()
}

// blockDevs is the block device table (bdev_map and the bdev inodes):
// disks by device number, their openers and holders, and the superblocks
// made on them (the part of the super_blocks list that sget_dev searches).
// Lock order: Kernel.namespaceMu, then blockDevs.mu, then inode locks (a
// disk's I/O may read a file, as a loop device's does).
type blockDevs struct {
	mu     sync.Mutex
	devs   map[uint64]*bdev
	supers map[bdevKey]*Superblock
}

type bdevKey struct {
	fsType string
	dev    uint64
}

// bdev is struct block_device's open state.
type bdev struct {
	dev     uint64
	disk    Disk
	openers int // bd_openers: open files and superblocks
	// holder is bd_holder: the filesystem type of the superblocks on
	// the disk, or an O_EXCL open's token (bdevFileHolder).
	holder any
	claims int         // bd_holders
	swap   atomic.Bool // an active swap area (swap.go); set under mu
}

// AddDisk is add_disk: opening a block special file with the number dev,
// or mounting it, reaches disk. It fails with EBUSY if dev is taken.
func (k *Kernel) AddDisk(dev uint64, disk Disk) error {
	k.bdevs.mu.Lock()
	defer k.bdevs.mu.Unlock()
	if k.bdevs.devs == nil {
		k.bdevs.devs = make(map[uint64]*bdev)
		k.bdevs.supers = make(map[bdevKey]*Superblock)
	}
	if _, ok := k.bdevs.devs[dev]; ok {
		return linux.EBUSY
	}
	k.bdevs.devs[dev] = &bdev{dev: dev, disk: disk}
	return nil
}

// DiskOpeners is disk_openers: how many open files and superblocks use
// the disk at dev (a loop device refuses to change its backing file while
// others than the caller use it).
func (k *Kernel) DiskOpeners(dev uint64) int {
	k.bdevs.mu.Lock()
	defer k.bdevs.mu.Unlock()
	if b := k.bdevs.devs[dev]; b != nil {
		return b.openers
	}
	return 0
}

// bdevOpenLocked is bdev_open: one more opener of dev, exclusive for
// holder when holder is not nil (a second holder gets EBUSY).
func (k *Kernel) bdevOpenLocked(dev uint64, holder any) (*bdev, error) {
	b := k.bdevs.devs[dev]
	if b == nil {
		return nil, linux.ENXIO
	}
	if holder != nil {
		if b.swap.Load() || b.holder != nil && b.holder != holder {
			return nil, linux.EBUSY
		}
		b.holder = holder
		b.claims++
	}
	b.openers++
	return b, nil
}

// bdevRelease is bdev_release; the disk hears of the last close after the
// table lock is dropped, since it may reopen its backing file.
func (k *Kernel) bdevRelease(b *bdev, holder any) {
	k.bdevs.mu.Lock()
	if holder != nil {
		if b.claims--; b.claims == 0 {
			b.holder = nil
		}
	}
	b.openers--
	last := b.openers == 0
	k.bdevs.mu.Unlock()
	if r, ok := b.disk.(DiskReleaser); ok && last {
		r.LastClose()
	}
}

// blockFileOps are def_blk_fops: reads and writes of the whole disk;
// holder is set for an O_EXCL open, which claims the disk.
type blockFileOps struct {
	b      *bdev
	holder *bdevFileHolder
}

// bdevFileHolder is the holder of an O_EXCL open of a block device (the
// file, in Linux): unique to the open, so two such opens, or one and a
// mount, exclude each other.
type bdevFileHolder struct{ _ byte }

func (o blockFileOps) ReadAt(_ *File, p []byte, off int64) (int, error) {
	size := o.b.disk.Size()
	if off >= size {
		return 0, nil
	}
	if rest := size - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := o.b.disk.ReadAt(p, off)
	if err == io.EOF {
		err = nil
	}
	return n, err
}

func (o blockFileOps) WriteAt(_ *File, p []byte, off int64) (int, error) {
	if o.b.swap.Load() {
		return 0, linux.ETXTBSY // the swap area is the kernel's
	}
	size := o.b.disk.Size()
	if off >= size {
		return 0, linux.ENOSPC
	}
	short := int64(len(p)) > size-off
	if short {
		p = p[:size-off]
	}
	n, err := o.b.disk.WriteAt(p, off)
	if err == nil && short {
		err = linux.ENOSPC
	}
	return n, err
}

func (blockFileOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }

// Release is blkdev_release.
func (o blockFileOps) Release(f *File) {
	var h any
	if o.holder != nil {
		h = o.holder
	}
	f.dentry.inode.sb.k.bdevRelease(o.b, h)
}

// blkdevOpen is blkdev_open: a block special file reaches its disk,
// claimed exclusively with O_EXCL (EBUSY while mounted, swapped on or
// held by another O_EXCL open).
func (k *Kernel) blkdevOpen(rdev uint64, excl bool) (FileOperations, error) {
	k.bdevs.mu.Lock()
	defer k.bdevs.mu.Unlock()
	var holder *bdevFileHolder
	var h any
	if excl {
		holder = new(bdevFileHolder)
		h = holder
	}
	b, err := k.bdevOpenLocked(rdev, h)
	if err != nil {
		return nil, err
	}
	return blockFileOps{b, holder}, nil
}

// lookupBdev is lookup_bdev: the device number of the block special file
// at path, found as the mounting task sees it. An empty name is EINVAL
// there, not the ENOENT of a path walk (mount "" /m says "wrong fs type").
func (t *Task) lookupBdev(path string) (uint64, error) {
	if path == "" {
		return 0, linux.EINVAL
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, path, lookupFollow)
	if err != nil {
		return 0, err
	}
	in := p.Dentry.Inode()
	if in.Mode()&linux.S_IFMT != linux.S_IFBLK {
		return 0, linux.ENOTBLK
	}
	if !mayOpenDev(p) {
		return 0, linux.EACCES
	}
	return in.Rdev(), nil
}

// FillSuper is a block filesystem's fill_super: it reads its on-disk
// superblock from disk and sets up sb (its root, flags and operations).
type FillSuper func(sb *Superblock, disk Disk, fc *FsContext) error

// GetTreeBdev is get_tree_bdev: the superblock of fc's type on the block
// device fc.Source names, shared by every mount of that device with that
// type (sget_dev), or made by fill on a first mount.
func (fc *FsContext) GetTreeBdev(fill FillSuper) error {
	if !fc.SourceSet {
		fc.Logf("No source specified")
		return linux.EINVAL
	}
	if fc.task == nil {
		fc.Logf("%s: Can't lookup blockdev", fc.Source)
		return linux.EINVAL
	}
	dev, err := fc.task.lookupBdev(fc.Source)
	if err != nil {
		fc.Logf("%s: Can't lookup blockdev", fc.Source)
		return err
	}
	fc.SbFlags |= linux.SB_NOSEC
	k := fc.Kernel
	k.bdevs.mu.Lock()
	key := bdevKey{fc.FsType.Name(), dev}
	if sb := k.bdevs.supers[key]; sb != nil && sb.grab() {
		k.bdevs.mu.Unlock()
		if err := fc.MayReuseSuper(); err != nil {
			sb.deactivate()
			return err
		}
		if (fc.SbFlags^sb.Flags())&linux.SB_RDONLY != 0 {
			fc.Logf("%s: Can't mount, would change RO state", sb.bdevName())
			sb.deactivate()
			return linux.EBUSY
		}
		fc.Root, fc.held = sb.root, sb
		return nil
	}
	sb, err := k.setupBdevSuperLocked(fc, dev)
	if err == nil {
		if err = fill(sb, sb.bdev.disk, fc); err == nil {
			k.bdevs.supers[key] = sb
			sb.active.Store(1)
			fc.Root, fc.held = sb.root, sb
		}
	}
	k.bdevs.mu.Unlock()
	if err != nil && sb != nil {
		k.bdevRelease(sb.bdev, sb.fsType) // deactivate_locked_super
	}
	return err
}

// grab is grab_super's atomic_inc_not_zero(&s->s_active): a reference
// unless the superblock is already dying.
func (sb *Superblock) grab() bool {
	for {
		n := sb.active.Load()
		if n == 0 {
			return false
		}
		if sb.active.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// setupBdevSuperLocked is sget_dev's new superblock with setup_bdev_super:
// the disk opened exclusively for the filesystem type, writable unless the
// mount is read-only; a write mount of a read-only disk gets EACCES (and
// the superblock, to be let go).
func (k *Kernel) setupBdevSuperLocked(fc *FsContext, dev uint64) (*Superblock, error) {
	b, err := k.bdevOpenLocked(dev, fc.FsType)
	if err != nil {
		fc.Logf("%s: Can't open blockdev", fc.Source)
		return nil, err
	}
	sb := &Superblock{k: k, fsType: fc.FsType, dev: dev, bdev: b, userNS: fc.UserNS,
		mgtime: fc.FsType.Flags()&FS_MGTIME != 0,
		NoDev:  fc.UserNS.Level() != 0}
	sb.flags.Store(fc.SbFlags)
	if fc.SbFlags&linux.SB_RDONLY == 0 && b.disk.ReadOnly() {
		return sb, linux.EACCES
	}
	return sb, nil
}

// killBlockSuper is kill_block_super after the last mount: the superblock
// leaves sget_dev's list and the disk loses its holder.
func (k *Kernel) killBlockSuper(sb *Superblock) {
	k.bdevs.mu.Lock()
	key := bdevKey{sb.fsType.Name(), sb.dev}
	if k.bdevs.supers[key] == sb {
		delete(k.bdevs.supers, key)
	}
	k.bdevs.mu.Unlock()
	if kill, ok := sb.Ops.(SuperKiller); ok {
		kill.KillSuper(sb)
	}
	k.bdevRelease(sb.bdev, sb.fsType)
}

// SuperKiller is implemented by superblock operations that let go of
// something when the superblock dies (put_super).
type SuperKiller interface {
	KillSuper(sb *Superblock)
}

// bdevName is %pg: the kernel's name of the disk ("loop0").
func (sb *Superblock) bdevName() string {
	if n, ok := sb.bdev.disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return "bdev"
}

// DiskSize is the size in bytes of the disk at dev (bdev_nr_bytes), or -1
// when no disk has that number.
func (k *Kernel) DiskSize(dev uint64) int64 {
	k.bdevs.mu.Lock()
	b := k.bdevs.devs[dev]
	k.bdevs.mu.Unlock()
	if b == nil {
		return -1
	}
	return b.disk.Size()
}
