// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Superblock is struct super_block: one instance of a filesystem.
type Superblock struct {
	k      *Kernel
	fsType FilesystemType
	dev    uint64 // s_dev
	anon   bool   // dev came from get_anon_bdev
	bdev   *bdev  // the disk of a block filesystem (s_bdev)
	root   *Dentry
	flags  atomic.Uint32 // SB_*
	// userNS is s_user_ns, the user namespace the superblock was made
	// for (nil: the initial one).
	userNS *UserNamespace

	// Ops are the filesystem's super_operations.
	Ops SuperOperations
	// Private belongs to the filesystem (s_fs_info).
	Private any
	// BlockSize is s_blocksize, what stat reports as st_blksize; 0 means
	// PAGE_SIZE (4096), as tmpfs and ramfs have.
	BlockSize uint32
	// UsernsVisible is SB_I_USERNS_VISIBLE: a filesystem (proc, sysfs)
	// whose new mounts in a mount namespace of a user namespace other
	// than the initial one must not show more than a mount there already
	// does (mount_too_revealing).
	UsernsVisible bool
	// NoDev is SB_I_NODEV: device nodes on the superblock do not open
	// (EACCES), whatever the mount's flags. A superblock made for a user
	// namespace other than the initial one starts with it (alloc_super);
	// a filesystem whose nodes are safe (devpts) clears it.
	NoDev bool
	// NoBtime is set by filesystems that record no birth time: statx
	// leaves STATX_BTIME out of the mask and the time at zero.
	NoBtime bool
	// TimeGran, TimeMin and TimeMax are s_time_gran, s_time_min and
	// s_time_max: the times the filesystem can keep (nanoseconds a time
	// is a multiple of, 0 meaning 1; the range of seconds, both 0
	// meaning any). Times set on its inodes are cut to them
	// (timestamp_truncate).
	TimeGran         uint32
	TimeMin, TimeMax int64
	// mgtime: the type has FS_MGTIME (mgtime.go).
	mgtime bool
	// DOps is s_d_op, for a filesystem whose names compare other than
	// byte for byte (dentry_ops.go); nil for the others.
	DOps *DentryOps
	// UUID is s_uuid: tmpfs and kernfs make a random one per
	// superblock (GenerateUUID) and report it folded as their f_fsid.
	UUID [16]byte

	renameMu sync.Mutex // s_vfs_rename_mutex
	nextIno  atomic.Uint64
	active   atomic.Int32 // s_active: mounts of this superblock

	// writers counts files open for writing on the superblock's
	// mounts (the sum of their mnt_writers).
	writers atomic.Int32
	// removing counts its inodes that have no name left but are still
	// open (s_remove_count): a read-only remount waits for them to go,
	// as they are to be freed by a write.
	removing atomic.Int32
}

// activate takes an active reference (atomic_inc(&sb->s_active)).
func (sb *Superblock) activate() { sb.active.Add(1) }

// Activate takes an active reference for a filesystem that keeps its
// superblock alive without a user-visible mount (an internal kern_mount).
func (sb *Superblock) Activate() { sb.activate() }

// deactivate is deactivate_super: the last mount gone, the superblock dies
// (kill_anon_super frees its device number).
func (sb *Superblock) deactivate() {
	if sb.active.Add(-1) != 0 {
		return
	}
	switch {
	case sb.anon:
		if kill, ok := sb.Ops.(SuperKiller); ok {
			kill.KillSuper(sb)
		}
		sb.k.freeAnonBdev(sb.dev)
	case sb.bdev != nil:
		sb.k.killBlockSuper(sb)
	}
}

// SuperOperations is struct super_operations (the parts a mount table needs).
type SuperOperations interface {
	// ShowOptions appends ",key=value" for each option that differs from
	// the default, exactly as /proc/mounts shows them (show_options).
	ShowOptions(sb *Superblock, b *strings.Builder)
	// Statfs fills in a statfs result.
	Statfs(sb *Superblock) (Statfs, error)
}

// Statfs is struct kstatfs.
type Statfs struct {
	Type    uint64
	Bsize   int64
	Blocks  uint64
	Bfree   uint64
	Bavail  uint64
	Files   uint64
	Ffree   uint64
	Namelen int64
	Frsize  int64
	Flags   uint64
	// Fsid is f_fsid where the filesystem sets one of its own (ext4
	// folds its UUID into it); zero stands for the device number,
	// which is what simple_statfs and most others give.
	Fsid [2]uint32
}

// GenerateUUID gives sb a random version-4 UUID (uuid_gen).
func (sb *Superblock) GenerateUUID() {
	binary.LittleEndian.PutUint64(sb.UUID[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(sb.UUID[8:], rand.Uint64())
	sb.UUID[6] = sb.UUID[6]&0x0f | 0x40 // version 4
	sb.UUID[8] = sb.UUID[8]&0x3f | 0x80 // RFC 4122 variant
}

// FoldUUID is uuid_to_fsid: the two little-endian halves of a UUID
// exclusive-or'ed into the 64 bits of an f_fsid, low word first.
func FoldUUID(uuid [16]byte) [2]uint32 {
	v := binary.LittleEndian.Uint64(uuid[:8]) ^ binary.LittleEndian.Uint64(uuid[8:])
	return [2]uint32{uint32(v), uint32(v >> 32)}
}

// CurrentTime is current_time: the clock read once, cut to what sb keeps.
func (sb *Superblock) CurrentTime() Timespec { return sb.truncateTime(sb.k.coarseNow()) }

// truncateTime is timestamp_truncate: t within the times sb can keep.
func (sb *Superblock) truncateTime(t Timespec) Timespec {
	if sb.TimeMin != 0 || sb.TimeMax != 0 {
		t.Sec = min(max(t.Sec, sb.TimeMin), sb.TimeMax)
	}
	if g := int64(sb.TimeGran); g > 1 {
		t.Nsec -= t.Nsec % g
	}
	return t
}

// NewSuperblock is sget_fc for a filesystem without a backing device
// (get_tree_nodev): a fresh superblock with an anonymous device number.
func (k *Kernel) NewSuperblock(fc *FsContext, ops SuperOperations) (*Superblock, error) {
	sb := new(Superblock)
	if err := k.InitSuperblock(sb, fc, ops); err != nil {
		return nil, err
	}
	return sb, nil
}

// InitSuperblock is NewSuperblock into a zero Superblock the filesystem
// allocated with its own information (tmpfs: one allocation fewer a
// mount). sb must not have been used.
func (k *Kernel) InitSuperblock(sb *Superblock, fc *FsContext, ops SuperOperations) error {
	dev, err := k.getAnonBdev()
	if err != nil {
		return err
	}
	sb.k, sb.fsType, sb.dev, sb.anon, sb.Ops, sb.userNS = k, fc.FsType, dev, true, ops, fc.UserNS
	sb.mgtime = fc.FsType.Flags()&FS_MGTIME != 0
	sb.NoDev = fc.UserNS.Level() != 0
	freshUint32(&sb.flags, fc.SbFlags)
	return nil
}

// UserNS returns the user namespace the superblock was made for (nil:
// the initial one).
func (sb *Superblock) UserNS() *UserNamespace { return sb.userNS }

// Kernel returns the kernel sb belongs to.
func (sb *Superblock) Kernel() *Kernel { return sb.k }

// Type returns the filesystem type.
func (sb *Superblock) Type() FilesystemType { return sb.fsType }

// Dev returns s_dev.
func (sb *Superblock) Dev() uint64 { return sb.dev }

// Root returns s_root.
func (sb *Superblock) Root() *Dentry { return sb.root }

// SetRoot installs s_root; a filesystem's get_tree calls it once.
func (sb *Superblock) SetRoot(d *Dentry) { sb.root = d }

// Flags returns s_flags (SB_*).
func (sb *Superblock) Flags() uint32 { return sb.flags.Load() }

// ReadOnly is sb_rdonly.
func (sb *Superblock) ReadOnly() bool { return sb.Flags()&linux.SB_RDONLY != 0 }

// SetFlags replaces the bits of mask with those of flags.
func (sb *Superblock) SetFlags(flags, mask uint32) {
	for {
		old := sb.flags.Load()
		if sb.flags.CompareAndSwap(old, old&^mask|flags&mask) {
			return
		}
	}
}

// NextIno returns the superblock's next inode number, starting at 1: tmpfs
// numbers its inodes per superblock in creation order.
func (sb *Superblock) NextIno() uint64 { return sb.nextIno.Add(1) }
