// SPDX-License-Identifier: Apache-2.0

// Package ext4 is fs/ext4: the second extended filesystem and its
// journalled successors, read from a block device by one driver that
// serves the three type names, as Linux's ext4 serves ext2 and ext3
// (CONFIG_EXT4_USE_FOR_EXT2). The reader is our own: superblock, group
// descriptors, inodes (extent trees and the old block maps, inline data),
// directories in the kernel's readdir order (hash order where the
// directory is indexed or fits in one block). It writes ext2, ext3 and
// ext4 images as mke2fs makes them by default (block maps or extent
// trees, metadata checksums, 64-bit and flexible groups, an internal
// journal left empty: alloc.go, write.go, extent.go, csum.go, namei.go,
// dx.go); a read-write mount of an image with other features (inline
// data, quotas, bigalloc...) fails with EACCES, as on a write-protected
// disk, so that mount(8) and mount_block_root retry read-only.
package ext4

import (
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is EXT4_SUPER_MAGIC, statfs's f_type for all three names.
const Magic = 0xEF53

// Type is one of the names the driver registers: Ext2, Ext3 or Ext4.
type Type struct{ as fsType }

var (
	// Ext2 is the "ext2" type (ext2_fs_type of the ext4 driver).
	Ext2 = Type{asExt2}
	// Ext3 is the "ext3" type.
	Ext3 = Type{asExt3}
	// Ext4 is the "ext4" type.
	Ext4 = Type{asExt4}
)

// Types are the three types in the order ext4_init_fs registers them,
// which /proc/filesystems shows: ext3, ext2, ext4.
var Types = []vfs.FilesystemType{Ext3, Ext2, Ext4}

// Name implements vfs.FilesystemType.
func (t Type) Name() string { return typeNames[t.as] }

var typeNames = map[fsType]string{asExt2: "ext2", asExt3: "ext3", asExt4: "ext4"}

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV | vfs.FS_MGTIME }

// InitFsContext is ext4_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.FsPrivate = &options{nums: map[string]uint32{}}
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam is ext4_parse_param.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	return parseParam(fc, p)
}

// GetTree is ext4_get_tree.
func (contextOps) GetTree(fc *vfs.FsContext) error { return fc.GetTreeBdev(fillSuper) }

// Reconfigure is ext4_reconfigure: a remount read-only writes everything
// back and leaves the disk clean; one read-write fails as __ext4_remount
// fails for an image this driver may not write (EROFS); the options are
// the new ones.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	sb := fc.Root.Inode().Superblock()
	fs := sb.Private.(*filesystem)
	wantRO := sb.ReadOnly()
	if fc.SbFlagsMask&linux.SB_RDONLY != 0 {
		wantRO = fc.SbFlags&linux.SB_RDONLY != 0
	}
	if !wantRO && !fs.writable() {
		return linux.EROFS
	}
	o := fc.FsPrivate.(*options)
	if err := fs.checkOptions(fc, o); err != nil {
		return err
	}
	if (o.set|o.clear)&optNoload != 0 && (o.set&optNoload != 0) != (fs.opts&optNoload != 0) {
		fs.logf(fc, "Mount option \"norecovery\" incompatible with remount")
		return linux.EINVAL
	}
	fs.mu.Lock()
	fs.applyOptions(fc, o)
	fs.mu.Unlock()
	switch {
	case wantRO && fs.rw:
		if err := fs.writeBack(fc.Kernel, fs.mountState); err != nil {
			return err
		}
		fs.rw = false
	case !wantRO && !fs.rw:
		if w := fs.fsckWarning(fc.Kernel.Now()); w != "" {
			fs.logf(fc, "%s", w)
		}
		if err := fs.startWriting(fc.Kernel.Now()); err != nil {
			return err
		}
		fs.rw = true
	}
	return nil
}

// filesystem is struct ext4_sb_info: a mounted image.
type filesystem struct {
	disk vfs.Disk
	as   fsType
	name string // the disk's name, %pg in messages ("loop0")
	sb   *superBlock

	blockSize      uint32
	blockBits      uint
	clusterBits    uint
	inodeSize      uint32
	firstIno       uint32
	descSize       uint32
	descPerBlock   uint32
	inodesPerBlock uint32
	itbPerGroup    uint32
	groupCount     uint32
	groups         []group
	counts         allocCounts // counters.go
	csumSeed       uint32
	hashUnsigned   bool       // s_hash_unsigned
	rw             bool       // mounted read-write
	mountState     uint16     // s_mount_state: the state to leave on the disk at unmount
	wmu            sync.Mutex // the writer's: bitmaps, descriptors, directories
	nextGen        uint32     // i_generation of the next new inode

	mu      sync.Mutex // opts and nums, changed by a remount
	opts    uint64     // s_mount_opt
	defOpts uint64     // s_def_mount_opt
	nums    map[string]uint32

	cache  blockCache
	inoMu  sync.Mutex
	inodes map[uint32]*vfs.Inode // iget's hash
}

func (fs *filesystem) typeName() string { return typeNames[fs.as] }

// logf is ext4_msg during the mount: "EXT4-fs (loop0): ...".
func (fs *filesystem) logf(fc *vfs.FsContext, format string, args ...any) {
	fc.Logf("EXT4-fs (%s): %s", fs.name, fmt.Sprintf(format, args...))
}

// infof is ext4_msg at KERN_INFO: straight to the kernel log (quiet
// keeps it off the console), not into a context's log.
func (fs *filesystem) infof(fc *vfs.FsContext, format string, args ...any) {
	if fc.Kernel == nil {
		fs.logf(fc, format, args...)
		return
	}
	fc.Kernel.Printk(vfs.KernInfo + fmt.Sprintf("EXT4-fs (%s): %s", fs.name, fmt.Sprintf(format, args...)))
}

// fail logs as logf and returns err.
func (fs *filesystem) fail(fc *vfs.FsContext, err error, format string, args ...any) error {
	fs.logf(fc, format, args...)
	return err
}

// printk is ext4_msg once mounted.
func (fs *filesystem) printk(k *vfs.Kernel, format string, args ...any) {
	k.Printk(fmt.Sprintf("EXT4-fs (%s): %s", fs.name, fmt.Sprintf(format, args...)))
}

// diskName is %pg of the superblock's disk ("loop0"), or the mount source
// for a disk without a name.
func diskName(disk vfs.Disk, fc *vfs.FsContext) string {
	if n, ok := disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fc.Source
}

// fillSuper is __ext4_fill_super for a read-only mount.
func fillSuper(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	fs := &filesystem{disk: disk, as: fc.FsType.(Type).as, name: diskName(disk, fc),
		inodes: make(map[uint32]*vfs.Inode)}
	silent := fc.SbFlags&linux.SB_SILENT != 0
	if err := fs.loadSuper(fc, silent); err != nil {
		return err
	}
	if fc.SbFlags&linux.SB_RDONLY == 0 && !fs.writable() {
		// This driver does not write such images: answer as a
		// write-protected disk does, before any message, so that
		// the caller retries read-only.
		return linux.EACCES
	}
	fs.rw = fc.SbFlags&linux.SB_RDONLY == 0
	o := fc.FsPrivate.(*options)
	if err := fs.checkSuper(fc, o, silent); err != nil {
		return err
	}
	fs.cache.init(fs)
	if err := fs.readGroups(fc); err != nil {
		return err
	}
	fs.initCounts()
	if err := fs.checkJournal(fc); err != nil {
		return err
	}
	root, err := fs.iget(sb, rootIno)
	if err != nil {
		return fs.fail(fc, err, "get root inode failed")
	}
	if !root.IsDir() || root.Size() == 0 || rootBlocks(root) == 0 {
		return fs.fail(fc, linux.EUCLEAN, "corrupt root inode, run e2fsck")
	}
	sb.Private = fs
	sb.Ops = superOps{}
	sb.BlockSize = fs.blockSize
	fs.timeLimits(sb)
	sb.SetRoot(vfs.NewRootDentry(root))
	mode := "r/w"
	if fs.rw {
		if w := fs.fsckWarning(fc.Kernel.Now()); w != "" {
			fs.logf(fc, "%s", w)
		}
		if err := fs.startWriting(fc.Kernel.Now()); err != nil {
			return err
		}
	} else {
		sb.SetFlags(linux.SB_RDONLY, linux.SB_RDONLY)
		mode = "ro"
	}
	fs.infof(fc, "mounted filesystem %s %s with%s. Quota mode: none.", fs.sb.uuidString(), mode, fs.dataModeDescr())
	return nil
}

// timeLimits are __ext4_fill_super's s_time_gran, s_time_min and
// s_time_max: nanoseconds and two more bits of seconds where inodes have
// the extra time fields, whole 32-bit seconds where they do not.
func (fs *filesystem) timeLimits(sb *vfs.Superblock) {
	sb.TimeMin, sb.TimeMax = -1<<31, 1<<31-1
	if fs.inodeSize >= 144 { // the end of i_atime_extra
		sb.TimeMax += 3 << 32
		sb.TimeGran = 1
		return
	}
	sb.TimeGran = 1e9
}

func rootBlocks(in *vfs.Inode) int64 {
	in.Lock()
	defer in.Unlock()
	return in.BlocksLocked()
}

// checkSuper runs the checks of __ext4_fill_super between the superblock
// read and the group descriptors.
func (fs *filesystem) checkSuper(fc *vfs.FsContext, o *options, silent bool) error {
	if err := fs.checkCsum(fc); err != nil {
		return err
	}
	if err := fs.checkOptions(fc, o); err != nil {
		return err
	}
	fs.applyOptions(fc, o)
	if err := fs.inodeInfoInit(fc); err != nil {
		return err
	}
	if err := fs.checkFeatures(fc, true, silent); err != nil {
		return err
	}
	if err := fs.geometry(fc); err != nil {
		return err
	}
	if fs.sb.hasCompat(compatDirIndex) {
		fs.hashUnsigned = fs.sb.flags&flagsUnsignedHash != 0
	}
	return nil
}

// checkJournal is the journal part of __ext4_fill_super for a read-only
// mount that cannot replay a journal: a clean journal is left alone;
// one that needs recovery stops the mount as on a read-only disk, unless
// the mount said noload.
func (fs *filesystem) checkJournal(fc *vfs.FsContext) error {
	s := fs.sb
	if !s.hasCompat(compatHasJournal) {
		if s.hasIncompat(incompatRecover) {
			return fs.fail(fc, linux.EINVAL, "required journal recovery suppressed and not mounted read-only")
		}
		return nil
	}
	if fs.opts&optNoload != 0 {
		if s.hasIncompat(incompatRecover) {
			fs.logf(fc, "WARNING: recovery required on readonly filesystem")
		}
		return nil
	}
	if s.journalInum == 0 || s.hasIncompat(incompatJournalDev) {
		return fs.fail(fc, linux.EINVAL, "no journal found")
	}
	if !fs.journalSuperOK() {
		fc.Logf("JBD2: no valid journal superblock found")
		return fs.fail(fc, linux.EINVAL, "Could not load journal inode")
	}
	if s.hasIncompat(incompatRecover) {
		fs.logf(fc, "INFO: recovery required on readonly filesystem")
		return fs.fail(fc, linux.EROFS, "write access unavailable, cannot proceed (try mounting with noload)")
	}
	return nil
}

// journalSuperOK is journal_get_superblock's first check: the journal
// inode's first block holds a jbd2 superblock of the filesystem's block
// size.
func (fs *filesystem) journalSuperOK() bool {
	ri, err := fs.readRawInode(fs.sb.journalInum)
	if err != nil || ri.links == 0 {
		return false
	}
	pblk, mapped, err := lookupOne(fs.mapperFor(ri), 0)
	if err != nil || !mapped {
		return false
	}
	blk, err := fs.readBlock(pblk)
	return err == nil && binary.BigEndian.Uint32(blk) == journalSBMagic &&
		binary.BigEndian.Uint32(blk[12:]) == fs.blockSize
}

// dataModeDescr is the "with..." of the mount message.
func (fs *filesystem) dataModeDescr() string {
	if !fs.sb.hasCompat(compatHasJournal) || fs.opts&optNoload != 0 {
		return "out journal"
	}
	switch fs.opts & optDataMask {
	case optDataJournal:
		return " journalled data mode"
	case optDataWriteback:
		return " writeback data mode"
	}
	return " ordered data mode"
}

type superOps struct{}

// ShowOptions is ext4_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	fs := sb.Private.(*filesystem)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.showOptions(b)
}

// KillSuper is ext4_put_super: a writable mount's inodes and superblock
// go back to the disk, which is left in the state the mount found it.
func (superOps) KillSuper(sb *vfs.Superblock) {
	fs := sb.Private.(*filesystem)
	if fs.rw {
		if err := fs.writeBack(sb.Kernel(), fs.mountState); err != nil {
			fs.printk(sb.Kernel(), "error: writing back at unmount: %v", err)
		}
	}
	fs.printk(sb.Kernel(), "unmounting filesystem %s.", fs.sb.uuidString())
}

// SyncFS is ext4_sync_fs for the kinds of image linuxvfs writes: every
// inode and the superblock, which stays marked in use while mounted.
func (superOps) SyncFS(sb *vfs.Superblock) error {
	fs := sb.Private.(*filesystem)
	if !fs.rw {
		return nil
	}
	return fs.writeBack(sb.Kernel(), fs.sb.state&^stateValid)
}

// Statfs is ext4_statfs: the blocks less the overhead, the free counts of
// the group descriptors, and the reserve (5% by default, and for an
// extent filesystem the 2% or 4096 clusters ext4 keeps for itself); the
// fsid is the UUID folded to 64 bits.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	fs := sb.Private.(*filesystem)
	s := fs.sb
	var freeClusters, freeInodes uint64
	for _, g := range fs.groups {
		freeClusters += uint64(g.freeBlocks)
		freeInodes += uint64(g.freeInodes)
	}
	overhead := uint64(0)
	fs.mu.Lock()
	minix := fs.opts&optMinixDf != 0
	fs.mu.Unlock()
	if !minix {
		overhead = fs.overhead() << fs.clusterBits
	}
	bfree := freeClusters << fs.clusterBits
	resv := (fs.resvClusters() << fs.clusterBits) + s.rBlocksCount
	st := vfs.Statfs{
		Type:    Magic,
		Bsize:   int64(fs.blockSize),
		Frsize:  int64(fs.blockSize),
		Blocks:  s.blocksCount - min(overhead, s.blocksCount),
		Bfree:   bfree,
		Files:   uint64(s.inodesCount),
		Ffree:   freeInodes,
		Namelen: nameLen,
		Fsid:    s.fsid(),
	}
	if bfree > resv {
		st.Bavail = bfree - resv
	}
	return st, nil
}

// resvClusters is ext4_calculate_resv_clusters: nothing without extents,
// else 2% of the clusters, at most 4096.
func (fs *filesystem) resvClusters() uint64 {
	if !fs.sb.hasIncompat(incompatExtents) {
		return 0
	}
	return min((fs.sb.blocksCount>>fs.clusterBits)/50, 4096)
}
