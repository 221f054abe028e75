// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Inode flags (i_flags) that the VFS itself enforces, as a filesystem sets
// them from its own on-disk or in-memory flags (ext4_set_inode_flags,
// shmem_set_inode_flags).
const (
	S_SYNC      uint32 = 1 << 0 // writes are synchronous
	S_NOATIME   uint32 = 1 << 1 // reads leave atime alone
	S_APPEND    uint32 = 1 << 2 // only appends, no removal or renaming
	S_IMMUTABLE uint32 = 1 << 3 // no change at all
	S_DIRSYNC   uint32 = 1 << 6 // directory changes are synchronous

	// iLinkable is I_LINKABLE (an O_TMPFILE inode linkat may name),
	// kept in the same word; not an i_flags bit.
	iLinkable uint32 = 1 << 31

	// fsSettable are the bits SetFlags may change.
	fsSettable = S_SYNC | S_NOATIME | S_APPEND | S_IMMUTABLE | S_DIRSYNC
)

// ENOIOCTLCMD is the kernel-internal "no such ioctl here" a filesystem
// returns from FileattrGet and FileattrSet when it keeps no flags for the
// inode; the ioctl then goes to the file's own operations, and ENOTTY
// when they have none. It never reaches user space.
const ENOIOCTLCMD = linux.Errno(515)

// Flags returns the inode's S_* flags.
func (in *Inode) Flags() uint32 { return in.flags.Load() &^ iLinkable }

// SetFlags is inode_set_flags: the bits of mask (S_* flags) become those
// of flags; the others stay.
func (in *Inode) SetFlags(flags, mask uint32) {
	mask &= fsSettable
	for {
		old := in.flags.Load()
		if in.flags.CompareAndSwap(old, old&^mask|flags&mask) {
			return
		}
	}
}

func (in *Inode) isImmutable() bool { return in.flags.Load()&S_IMMUTABLE != 0 }
func (in *Inode) isAppend() bool    { return in.flags.Load()&S_APPEND != 0 }

// immutableOrAppend is the check of the calls that change an inode's
// owner, mode or times and of those that remove or link it.
func (in *Inode) immutableOrAppend() bool { return in.flags.Load()&(S_IMMUTABLE|S_APPEND) != 0 }

func (in *Inode) setLinkable(v bool) {
	if v {
		in.flags.Or(iLinkable)
	} else {
		in.flags.And(^iLinkable)
	}
}

func (in *Inode) isLinkable() bool { return in.flags.Load()&iLinkable != 0 }

// Fileattr is struct file_kattr: an inode's flags as FS_IOC_GETFLAGS
// (Flags, FS_*_FL) and FS_IOC_FSGETXATTR (the Fsx fields) see them.
// FlagsValid or FsxValid says which interface the caller used.
type Fileattr struct {
	Flags                    uint32
	FsxXflags                uint32
	FsxExtsize, FsxNextents  uint32
	FsxProjid, FsxCowextsize uint32
	FlagsValid, FsxValid     bool
}

// FillFlags is fileattr_fill_flags: fa from FS_*_FL flags, the xflags
// that have a counterpart translated.
func (fa *Fileattr) FillFlags(flags uint32) {
	*fa = Fileattr{Flags: flags, FlagsValid: true}
	for _, p := range flagXflag {
		if flags&p.fl != 0 {
			fa.FsxXflags |= p.xfl
		}
	}
}

// FillXflags is fileattr_fill_xflags: fa from FS_XFLAG_* flags.
func (fa *Fileattr) FillXflags(xflags uint32) {
	*fa = Fileattr{FsxXflags: xflags, FsxValid: true}
	for _, p := range flagXflag {
		if xflags&p.xfl != 0 {
			fa.Flags |= p.fl
		}
	}
}

// HasFsx is fileattr_has_fsx: fa asks for something only FS_XFLAG_*
// and the fsxattr fields can say.
func (fa *Fileattr) HasFsx() bool {
	return fa.FsxValid && (fa.FsxXflags&^fsCommonXflags != 0 || fa.FsxExtsize != 0 || fa.FsxProjid != 0 || fa.FsxCowextsize != 0)
}

// flagXflag pairs the flags both interfaces have.
var flagXflag = []struct{ fl, xfl uint32 }{
	{linux.FS_SYNC_FL, linux.FS_XFLAG_SYNC},
	{linux.FS_IMMUTABLE_FL, linux.FS_XFLAG_IMMUTABLE},
	{linux.FS_APPEND_FL, linux.FS_XFLAG_APPEND},
	{linux.FS_NODUMP_FL, linux.FS_XFLAG_NODUMP},
	{linux.FS_NOATIME_FL, linux.FS_XFLAG_NOATIME},
	{linux.FS_DAX_FL, linux.FS_XFLAG_DAX},
	{linux.FS_PROJINHERIT_FL, linux.FS_XFLAG_PROJINHERIT},
	{linux.FS_VERITY_FL, 1 << 17}, // FS_XFLAG_VERITY
}

const (
	// FS_COMMON_FL and FS_XFLAG_COMMON: the flags both interfaces
	// carry; a set through one keeps the other's remaining bits.
	fsCommonFl = linux.FS_SYNC_FL | linux.FS_IMMUTABLE_FL | linux.FS_APPEND_FL | linux.FS_NODUMP_FL |
		linux.FS_NOATIME_FL | linux.FS_DAX_FL | linux.FS_PROJINHERIT_FL
	fsCommonXflags = linux.FS_XFLAG_SYNC | linux.FS_XFLAG_IMMUTABLE | linux.FS_XFLAG_APPEND | linux.FS_XFLAG_NODUMP |
		linux.FS_XFLAG_NOATIME | linux.FS_XFLAG_DAX | linux.FS_XFLAG_PROJINHERIT
	// fsXflagsMask is FS_XFLAGS_MASK: the xflags user space may name.
	fsXflagsMask = 0x0003ffff | linux.FS_XFLAG_HASATTR
	// fsXflagRdonly is FS_XFLAG_RDONLY_MASK: reported, never set.
	fsXflagRdonly = linux.FS_XFLAG_PREALLOC | linux.FS_XFLAG_HASATTR | 1<<17
)

// FileattrOperations is implemented by inode operations with
// fileattr_get and fileattr_set. Either returns ENOIOCTLCMD for an inode
// that has no flags (the filesystem's other inode kinds). FileattrSet is
// called with the VFS's permission checks done and the inode's rw lock
// held, c being the caller's credentials (for a filesystem's own
// capability checks); it stores the flags and updates the inode's S_*
// flags (SetFlags) and ctime.
type FileattrOperations interface {
	FileattrGet(in *Inode, fa *Fileattr) error
	FileattrSet(c *Cred, in *Inode, fa *Fileattr) error
}

// fileattrGet is vfs_fileattr_get.
func fileattrGet(in *Inode, fa *Fileattr) error {
	ops, ok := in.Ops.(FileattrOperations)
	if !ok {
		return ENOIOCTLCMD
	}
	return ops.FileattrGet(in, fa)
}

// fileattrSet is vfs_fileattr_set: owner or CAP_FOWNER, then the old
// flags fill in what the caller's interface cannot say, and changing
// immutable or append-only needs CAP_LINUX_IMMUTABLE.
func fileattrSet(c *Cred, im *mntIdmap, in *Inode, fa *Fileattr) error {
	ops, ok := in.Ops.(FileattrOperations)
	if !ok {
		return ENOIOCTLCMD
	}
	if !isOwner(c, im, in) {
		return linux.EPERM
	}
	in.rw.Lock()
	defer in.rw.Unlock()
	var old Fileattr
	if err := ops.FileattrGet(in, &old); err != nil {
		return err
	}
	if fa.FlagsValid {
		fa.FsxXflags |= old.FsxXflags &^ fsCommonXflags
		fa.FsxExtsize, fa.FsxNextents = old.FsxExtsize, old.FsxNextents
		fa.FsxProjid, fa.FsxCowextsize = old.FsxProjid, old.FsxCowextsize
	} else {
		fa.Flags |= old.Flags &^ fsCommonFl
	}
	if err := fileattrSetPrepare(c, in, &old, fa); err != nil {
		return err
	}
	return ops.FileattrSet(c, in, fa)
}

// fileattrSetPrepare is fileattr_set_prepare: the checks every
// filesystem shares.
func fileattrSetPrepare(c *Cred, in *Inode, old, fa *Fileattr) error {
	if (fa.Flags^old.Flags)&(linux.FS_APPEND_FL|linux.FS_IMMUTABLE_FL) != 0 && !c.HasCap(linux.CAP_LINUX_IMMUTABLE) {
		return linux.EPERM
	}
	if c.UserNS != nil && c.UserNS.parent != nil {
		// Project IDs change only from the initial user namespace.
		if old.FsxProjid != fa.FsxProjid || (old.FsxXflags^fa.FsxXflags)&linux.FS_XFLAG_PROJINHERIT != 0 {
			return linux.EINVAL
		}
	}
	mode := in.Mode() & linux.S_IFMT
	switch {
	case fa.FsxXflags&linux.FS_XFLAG_EXTSIZE != 0 && mode != linux.S_IFREG,
		fa.FsxXflags&linux.FS_XFLAG_EXTSZINHERIT != 0 && mode != linux.S_IFDIR,
		fa.FsxXflags&linux.FS_XFLAG_COWEXTSIZE != 0 && mode != linux.S_IFREG && mode != linux.S_IFDIR,
		fa.FsxXflags&linux.FS_XFLAG_DAX != 0 && mode != linux.S_IFREG && mode != linux.S_IFDIR:
		return linux.EINVAL
	}
	if fa.FsxExtsize == 0 {
		fa.FsxXflags &^= linux.FS_XFLAG_EXTSIZE | linux.FS_XFLAG_EXTSZINHERIT
	}
	if fa.FsxCowextsize == 0 {
		fa.FsxXflags &^= linux.FS_XFLAG_COWEXTSIZE
	}
	return nil
}

// fileattrIoctl is the part of do_vfs_ioctl that reads and changes inode
// flags; ENOIOCTLCMD when cmd is not one of its commands or the
// filesystem keeps no flags, so that the file's own ioctl is asked.
func fileattrIoctl(t *Task, f *File, cmd uint32, arg any) error {
	in := f.Inode()
	switch cmd {
	case linux.FS_IOC_GETFLAGS:
		fa := Fileattr{FlagsValid: true}
		if err := fileattrGet(in, &fa); err != nil {
			return err
		}
		p, ok := arg.(*uint32)
		if !ok {
			return linux.EFAULT
		}
		*p = fa.Flags
		return nil
	case linux.FS_IOC_SETFLAGS:
		p, ok := arg.(*uint32)
		if !ok {
			return linux.EFAULT
		}
		if f.mnt.ReadOnly() {
			return linux.EROFS // mnt_want_write_file
		}
		var fa Fileattr
		fa.FillFlags(*p)
		return fileattrSet(t.Cred(), f.mnt.idmap(), in, &fa)
	case linux.FS_IOC_FSGETXATTR:
		fa := Fileattr{FsxValid: true}
		if err := fileattrGet(in, &fa); err != nil {
			return err
		}
		p, ok := arg.(*linux.Fsxattr)
		if !ok {
			return linux.EFAULT
		}
		*p = linux.Fsxattr{Xflags: fa.FsxXflags & fsXflagsMask, Extsize: fa.FsxExtsize, Nextents: fa.FsxNextents,
			Projid: fa.FsxProjid, Cowextsize: fa.FsxCowextsize}
		return nil
	case linux.FS_IOC_FSSETXATTR:
		p, ok := arg.(*linux.Fsxattr)
		if !ok {
			return linux.EFAULT
		}
		if p.Xflags&^fsXflagsMask != 0 {
			return linux.EOPNOTSUPP
		}
		if f.mnt.ReadOnly() {
			return linux.EROFS
		}
		var fa Fileattr
		fa.FillXflags(p.Xflags &^ fsXflagRdonly)
		fa.FsxExtsize, fa.FsxNextents, fa.FsxProjid, fa.FsxCowextsize = p.Extsize, p.Nextents, p.Projid, p.Cowextsize
		return fileattrSet(t.Cred(), f.mnt.idmap(), in, &fa)
	}
	return ENOIOCTLCMD
}

// OwnerOrCapable is inode_owner_or_capable for the file's inode through
// its mount: c owns it or has CAP_FOWNER over it (a driver's ioctl that
// changes the inode).
func (f *File) OwnerOrCapable(c *Cred) bool { return isOwner(c, f.mnt.idmap(), f.Inode()) }

// FileattrGetInternal is vfs_fileattr_get for a stacking filesystem
// asking a layer's inode; ENOIOCTLCMD when the layer keeps no flags.
func FileattrGetInternal(in *Inode, fa *Fileattr) error { return fileattrGet(in, fa) }

// FileattrSetInternal is vfs_fileattr_set on a layer's object with the
// stacking filesystem's credentials c (ownership and
// CAP_LINUX_IMMUTABLE are checked against them).
func FileattrSetInternal(c *Cred, p Path, fa *Fileattr) error {
	return fileattrSet(c, p.Mnt.idmap(), p.Dentry.Inode(), fa)
}

// fileAttrArgs are the checks file_getattr(2) and file_setattr(2) make
// before anything else: the AT_* flags they take and the size of the
// caller's structure (at most a page, at least its first version).
func fileAttrArgs(usize, flags int) error {
	switch {
	case flags&^(linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH) != 0:
		return linux.EINVAL
	case usize > 4096:
		return linux.E2BIG
	case usize < linux.FILE_ATTR_SIZE_VER0:
		return linux.EINVAL
	}
	return nil
}

// noFileattr is the system calls' errno for an object without flags.
func noFileattr(err error) error {
	if err == ENOIOCTLCMD || err == linux.ENOTTY {
		return linux.EOPNOTSUPP
	}
	return err
}

// FileGetattr is file_getattr(2): FS_IOC_FSGETXATTR's answer for a path
// (dirfd and AT_EMPTY_PATH as the *at calls take them), usize being the
// size of the caller's struct file_attr; EOPNOTSUPP where the object
// has no flags.
func (t *Task) FileGetattr(dirfd int, name string, fa *linux.FileAttr, usize, flags int) error {
	if err := fileAttrArgs(usize, flags); err != nil {
		return err
	}
	p, err := t.atLookup(dirfd, name, flags, linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH)
	if err != nil {
		return err
	}
	var k Fileattr
	if err := fileattrGet(p.Dentry.Inode(), &k); err != nil {
		return noFileattr(err)
	}
	*fa = linux.FileAttr{Xflags: uint64(k.FsxXflags & fsXflagsMask), Extsize: k.FsxExtsize, Nextents: k.FsxNextents,
		Projid: k.FsxProjid, Cowextsize: k.FsxCowextsize}
	return nil
}

// FileSetattr is file_setattr(2): FS_IOC_FSSETXATTR for a path; unknown
// xflags are EINVAL (the ioctl's EOPNOTSUPP), the read-only ones are
// ignored.
func (t *Task) FileSetattr(dirfd int, name string, fa *linux.FileAttr, usize, flags int) error {
	if err := fileAttrArgs(usize, flags); err != nil {
		return err
	}
	if fa.Xflags&^uint64(fsXflagsMask) != 0 {
		return linux.EINVAL
	}
	var k Fileattr
	k.FillXflags(uint32(fa.Xflags) &^ fsXflagRdonly)
	k.FsxExtsize, k.FsxProjid, k.FsxCowextsize = fa.Extsize, fa.Projid, fa.Cowextsize
	p, err := t.atLookup(dirfd, name, flags, linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH)
	if err != nil {
		return err
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	return noFileattr(fileattrSet(t.Cred(), p.Mnt.idmap(), p.Dentry.Inode(), &k))
}
