// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Timespec is a point in time with nanoseconds (struct timespec64).
type Timespec struct {
	Sec  int64
	Nsec int64
}

// TimespecOf converts a time.Time.
func TimespecOf(t time.Time) Timespec { return Timespec{t.Unix(), int64(t.Nanosecond())} }

// Time converts back to a time.Time.
func (ts Timespec) Time() time.Time { return time.Unix(ts.Sec, ts.Nsec) }

// After reports whether ts is later than u.
func (ts Timespec) After(u Timespec) bool {
	return ts.Sec > u.Sec || (ts.Sec == u.Sec && ts.Nsec > u.Nsec)
}

// InodeAttr is what the VFS decides about a new inode before asking the
// filesystem to make it (the result of inode_init_owner and the umask).
type InodeAttr struct {
	Mode uint32 // type and permission bits
	UID  uint32
	GID  uint32
	Rdev uint64
	// Creator is current_cred() of the task making the inode, for
	// filesystems that account or check capabilities (mqueue); nil when
	// the kernel makes it for itself.
	Creator *Cred
}

// Inode is struct inode. The fields that every path-walk step reads (mode,
// uid, gid) are atomics so that permission checks take no lock; the rest is
// guarded by mu.
type Inode struct {
	sb  *Superblock
	ino uint64
	// perm is Ops as a Permissioner (see reval below), kept in the first
	// cache line beside mode: every step of a path walk asks for both.
	perm Permissioner

	// The four-byte fields are kept together, so that no padding puts
	// Inode past the 256-byte size class (TestInodeSize).

	mode atomic.Uint32
	uid  atomic.Uint32
	gid  atomic.Uint32

	// writers is i_writecount: above zero, the open files with write
	// access; below, minus the running programs loaded from the inode
	// (their executable files, exec.go), which refuse writers.
	writers atomic.Int32
	// opens counts open files and mounts rooted at the inode (the
	// references they hold, hold and release); an inode with no links
	// is evicted when the last one goes.
	opens   atomic.Int32
	evicted atomic.Bool
	nlink   atomic.Uint32 // changed under mu
	// removing says the superblock's removing count includes the
	// inode (syncRemovingLocked); guarded by mu.
	removing bool

	Ops     InodeOperations
	FileOps FileOperations
	// reval and getattr (and perm, above) are Ops as a Revalidator, an AttrGetter
	// and a Permissioner, if it is one, as NewInode found it: asked once
	// rather than at every step of every path walk, every stat and every
	// permission check (an assertion to an interface type is a lookup in
	// the runtime's itab table).
	reval   Revalidator
	getattr AttrGetter
	rdev    uint64
	// seals are a memfd's F_SEAL_* bits (shmem_inode_info's seals); a
	// file that takes no seals has noSeals.
	seals atomic.Uint32
	// flags are i_flags, the S_* flags (fileattr.go) a filesystem sets,
	// and I_LINKABLE (an O_TMPFILE inode linkat may name).
	flags atomic.Uint32
	// Private belongs to the filesystem.
	Private any

	// rw is the writers' side of i_rwsem: writes and size changes
	// of a regular file are serialized by it.
	rw sync.Mutex

	// mu serializes changes of the attributes below and of nlink; stat
	// reads them without it (inode_attrs.go).
	mu     sync.Mutex
	size   atomic.Int64
	blocks atomic.Int64 // 512-byte units
	times  inodeTimes
	pipe   *pipe // i_pipe, for FIFOs
}

// NewInode is new_inode + inode_init_owner's result: an inode of sb with
// number ino and the given attributes, times set to now and one link (two for
// directories, whose "." counts).
func (sb *Superblock) NewInode(ino uint64, attr InodeAttr, ops InodeOperations, fops FileOperations) *Inode {
	in := &Inode{sb: sb, ino: ino, rdev: attr.Rdev, Ops: ops, FileOps: fops}
	in.reval, _ = ops.(Revalidator)
	in.getattr, _ = ops.(AttrGetter)
	in.perm, _ = ops.(Permissioner)
	// Nobody sees in yet: plain stores (fresh.go), no sequence count.
	nlink := uint32(1)
	if attr.Mode&linux.S_IFMT == linux.S_IFDIR {
		nlink = 2
	}
	freshUint32(&in.nlink, nlink)
	freshUint32(&in.mode, attr.Mode)
	freshUint32(&in.uid, attr.UID)
	freshUint32(&in.gid, attr.GID)
	now := sb.CurrentTime()
	t := &in.times
	for slot := slotA; slot <= slotB; slot++ {
		t.freshTime(slot, now)
	}
	return in
}

// SetMode sets the inode's mode, type and permission bits, for a
// filesystem that changes it behind the VFS (devpts's update_ptmx_mode
// on remount); no time changes.
func (in *Inode) SetMode(mode uint32) { in.mode.Store(mode) }

// Superblock returns the inode's superblock.
func (in *Inode) Superblock() *Superblock { return in.sb }

// Ino returns the inode number.
func (in *Inode) Ino() uint64 { return in.ino }

// Mode returns type and permission bits.
func (in *Inode) Mode() uint32 { return in.mode.Load() }

// UID returns the owner.
func (in *Inode) UID() uint32 { return in.uid.Load() }

// GID returns the group.
func (in *Inode) GID() uint32 { return in.gid.Load() }

// Rdev returns the device number of a device special file.
func (in *Inode) Rdev() uint64 { return in.rdev }

// IsDir reports whether the inode is a directory.
func (in *Inode) IsDir() bool { return in.Mode()&linux.S_IFMT == linux.S_IFDIR }

// IsSymlink reports whether the inode is a symbolic link.
func (in *Inode) IsSymlink() bool { return in.Mode()&linux.S_IFMT == linux.S_IFLNK }

// IsRegular reports whether the inode is a regular file.
func (in *Inode) IsRegular() bool { return in.Mode()&linux.S_IFMT == linux.S_IFREG }

// Lock and Unlock guard the attributes set with the ...Locked methods.
func (in *Inode) Lock()   { in.mu.Lock() }
func (in *Inode) Unlock() { in.mu.Unlock() }

// SizeLocked returns i_size.
func (in *Inode) SizeLocked() int64 { return in.size.Load() }

// SetSizeLocked sets i_size (i_size_write).
func (in *Inode) SetSizeLocked(n int64) { in.size.Store(n) }

// BlocksLocked returns i_blocks in 512-byte units.
func (in *Inode) BlocksLocked() int64 { return in.blocks.Load() }

// SetBlocksLocked sets i_blocks.
func (in *Inode) SetBlocksLocked(n int64) { in.blocks.Store(n) }

// Size returns i_size (i_size_read).
func (in *Inode) Size() int64 { return in.size.Load() }

// Nlink returns the link count.
func (in *Inode) Nlink() uint32 { return in.nlink.Load() }

// IncNlink is inc_nlink.
func (in *Inode) IncNlink() {
	in.mu.Lock()
	in.nlink.Store(in.nlink.Load() + 1)
	in.syncRemovingLocked()
	in.mu.Unlock()
}

// DropNlink is drop_nlink.
func (in *Inode) DropNlink() {
	in.mu.Lock()
	if n := in.nlink.Load(); n > 0 {
		in.nlink.Store(n - 1)
	}
	in.syncRemovingLocked()
	in.mu.Unlock()
}

// SetNlink is set_nlink: a filesystem reading an inode from its disk.
func (in *Inode) SetNlink(n uint32) {
	in.mu.Lock()
	in.nlink.Store(n)
	in.syncRemovingLocked()
	in.mu.Unlock()
}

// SetTimesLocked sets the access, modification and change times, as a
// filesystem does for an inode read from its disk. in's lock held.
func (in *Inode) SetTimesLocked(atime, mtime, ctime Timespec) {
	t := &in.times
	t.beginWrite()
	t.store(slotA, atime)
	t.store(slotM, mtime)
	t.store(slotC, ctime)
	t.endWrite()
}

// TimesLocked returns atime, mtime and ctime, for a filesystem that
// writes them back to its disk (write_inode).
func (in *Inode) TimesLocked() (atime, mtime, ctime Timespec) {
	a, m, c, _ := in.times.read() // a touch does not take the lock
	return a, m, c
}

// ClearNlink is clear_nlink: the inode is gone from the namespace.
func (in *Inode) ClearNlink() {
	in.mu.Lock()
	in.nlink.Store(0)
	in.syncRemovingLocked()
	in.mu.Unlock()
}

// syncRemovingLocked keeps the superblock's removing count (s_remove_count)
// in step with in: counted while it has no links and is held (open
// files, mounts).
// Every change of either calls it afterwards, so the last call sees the
// final state; opens changes without mu, and its callers come here only
// when a count reaches zero or leaves it (syncRemovingAfterOpen). mu held.
func (in *Inode) syncRemovingLocked() {
	want := in.nlink.Load() == 0 && in.opens.Load() > 0
	if want == in.removing {
		return
	}
	in.removing = want
	if want {
		in.sb.removing.Add(1)
	} else {
		in.sb.removing.Add(-1)
	}
}

// syncRemovingAfterOpen is syncRemovingLocked for an open or a close
// that took in's opens to one or to zero. An inode with links is skipped
// without the lock: a later link drop sees the new opens count (atomics
// are sequentially consistent) and counts the inode itself.
func (in *Inode) syncRemovingAfterOpen() {
	if in.nlink.Load() != 0 {
		return // its last link change left it uncounted
	}
	in.mu.Lock()
	in.syncRemovingLocked()
	in.mu.Unlock()
}

// TouchLocked sets the times named by which ('a', 'm', 'c') to now.
func (in *Inode) TouchLocked(which string) { in.touchLockedAt(which, in.sb.CurrentTime()) }

// touchLockedAt is TouchLocked with the time given: a system call that
// changes several inodes of one superblock reads the clock once and gives
// them all the same time, as simple_rename_timestamp does.
//
// A change of ctime may take a finer time than now (stampCtime); the
// other times set with it take the same, as inode_set_mtime_to_ts(inode,
// inode_set_ctime_current(inode)) gives them.
func (in *Inode) touchLockedAt(which string, now Timespec) {
	if in.timesAre(which, now) {
		return
	}
	t := &in.times
	t.beginWrite()
	if strings.IndexByte(which, 'c') >= 0 {
		now = in.stampCtime(now)
	}
	for _, c := range which {
		switch c {
		case 'a':
			t.store(slotA, now)
		case 'm':
			t.store(slotM, now)
		}
	}
	t.endWrite()
}

// timesAre reports whether the times named by which read now already and
// the ctime has no stat mark, so that setting them would change nothing:
// the coarse clock gives every change within a tick the same time, and
// the write section's locked instructions were most of a rename's cost.
// A read torn by a concurrent writer can only skip a store that the
// writer's own then follows, as if ours had come first.
func (in *Inode) timesAre(which string, now Timespec) bool {
	t := &in.times
	for i := 0; i < len(which); i++ {
		slot := slotA
		switch which[i] {
		case 'm':
			slot = slotM
		case 'c':
			if t.nsec[slotC].Load()&ctimeQueried != 0 {
				return false
			}
			slot = slotC
		}
		if t.load(slot) != now {
			return false
		}
	}
	return true
}

// Touch is TouchLocked taking the lock (inode_set_mtime_to_ts and friends).
func (in *Inode) Touch(which string) { in.touchAt(which, in.sb.CurrentTime()) }

// touchAt is touchLockedAt for a caller without the lock: the times'
// sequence count keeps their writers apart (inode_attrs.go).
func (in *Inode) touchAt(which string, now Timespec) { in.touchLockedAt(which, now) }

// hold takes a reference that keeps the inode when its last name goes:
// an open file's, or a mount's on its root (the dentry reference of a
// bind of a file whose name is removed afterwards).
func (in *Inode) hold() {
	if in.opens.Add(1) == 1 {
		in.syncRemovingAfterOpen()
	}
}

// release drops a hold; the last one of an inode without names evicts
// it (iput_final).
func (in *Inode) release() {
	if in.opens.Add(-1) != 0 {
		return
	}
	in.syncRemovingAfterOpen()
	if ev, ok := in.Ops.(Evicter); ok && in.TryEvict() {
		ev.EvictInode(in)
	}
}

// Evicter is implemented by filesystems that free an inode's space only
// once it has neither links nor open files (->evict_inode).
type Evicter interface {
	EvictInode(in *Inode)
}

// TryEvict reports whether the caller should evict in now: it has no links
// and no open files, and nobody evicted it before (iput_final).
func (in *Inode) TryEvict() bool {
	return in.Nlink() == 0 && in.opens.Load() == 0 && in.evicted.CompareAndSwap(false, true)
}

// InodeOperations is struct inode_operations: what a filesystem does to its
// namespace. The VFS has checked permissions and existence, holds the parent
// directory's lock, and updates the dentry cache after a success.
type InodeOperations interface {
	// Lookup finds name in dir when the dentry cache does not have it; a
	// filesystem whose dcache is the whole truth (ramfs, tmpfs) returns
	// ENOENT (simple_lookup).
	Lookup(dir *Inode, name string) (*Inode, error)
	// Mknod makes a regular file, fifo, socket or device node (create/mknod).
	Mknod(dir *Inode, name string, attr InodeAttr) (*Inode, error)
	Mkdir(dir *Inode, name string, attr InodeAttr) (*Inode, error)
	Symlink(dir *Inode, name, target string, attr InodeAttr) (*Inode, error)
	// Link adds a name for old in dir.
	Link(old *Inode, dir *Inode, name string) error
	// Unlink and Rmdir remove name (whose inode is victim) from dir.
	Unlink(dir *Inode, name string, victim *Inode) error
	Rmdir(dir *Inode, name string, victim *Inode) error
	// Rename moves oldName in oldDir to newName in newDir; target is the
	// inode newName had (nil if none). RENAME_EXCHANGE swaps.
	Rename(oldDir *Inode, oldName string, src *Inode, newDir *Inode, newName string, target *Inode, flags uint32) error
	// Readlink returns a symlink's target (get_link).
	Readlink(in *Inode) (string, error)
	// Truncate changes the size of a regular file (setattr with ATTR_SIZE).
	Truncate(in *Inode, size int64) error
}

// RmdirChecker is implemented by inode operations whose Rmdir decides by
// itself whether a directory may go, as kernfs's does for a cgroup, whose
// interface files do not make it "not empty": the dentries cached below
// the victim are not counted.
type RmdirChecker interface{ ChecksRmdir() }

// NoNegativeLookup is implemented by a filesystem whose lookup of a
// missing name is an error rather than a negative dentry, as procfs's
// proc_lookup_de returns -ENOENT: nothing can be created in its
// directories, and ENOENT comes before the checks a creation makes
// (EROFS, may_create).
type NoNegativeLookup interface{ NoNegativeLookup() }

// missingIsFinal reports whether a name dir's filesystem did not find
// stays missing for a creation too (see NoNegativeLookup).
func missingIsFinal(dir *Dentry) bool {
	_, ok := dir.Inode().Ops.(NoNegativeLookup)
	return ok
}

// FileOperations is struct file_operations.
type FileOperations interface {
	// ReadAt and WriteAt move data at off; WriteAt returns the bytes written
	// and may return fewer with ENOSPC/EFBIG.
	ReadAt(f *File, p []byte, off int64) (int, error)
	WriteAt(f *File, p []byte, off int64) (int, error)
	// ReadDir lists a directory's entries, without "." and "..", in the
	// order the filesystem's readdir gives them, with decreasing Off.
	ReadDir(f *File) ([]Dirent, error)
}

// Dirent is one directory entry as getdents64 reports it.
type Dirent struct {
	Name string
	Ino  uint64
	Type uint8 // DT_*
	// Off is the entry's position cookie; ReadDir returns entries in
	// decreasing Off, and a directory read resumes below the last one
	// returned, so entries added or removed meanwhile behave as Linux's
	// cursor-based readdir has them.
	Off uint64
}
