// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Statx is struct statx as statx(2) fills it in.
type Statx struct {
	Mask       uint32
	Blksize    uint32
	Attributes uint64
	Nlink      uint32
	UID        uint32
	GID        uint32
	Mode       uint16
	Ino        uint64
	Size       int64
	Blocks     int64
	AttrMask   uint64
	Atime      Timespec
	Btime      Timespec
	Ctime      Timespec
	Mtime      Timespec
	RdevMajor  uint32
	RdevMinor  uint32
	DevMajor   uint32
	DevMinor   uint32
	MntID      uint64
}

// Dev returns st_dev in the user-space encoding.
func (s *Statx) Dev() uint64 { return linux.Mkdev(s.DevMajor, s.DevMinor) }

// Rdev returns st_rdev in the user-space encoding.
func (s *Statx) Rdev() uint64 { return linux.Mkdev(s.RdevMajor, s.RdevMinor) }

// fillStatx is vfs_getattr + cp_statx: generic_fillattr for p.
func fillStatx(p Path, st *Statx) {
	in := p.Dentry.Inode()
	sb := in.sb
	st.Mask = linux.STATX_BASIC_STATS | linux.STATX_BTIME | linux.STATX_MNT_ID
	st.Blksize = 4096
	if sb.BlockSize != 0 {
		st.Blksize = sb.BlockSize
	}
	st.Mode = uint16(in.Mode())
	st.UID, st.GID = in.UID(), in.GID()
	if im := p.Mnt.idmap(); im != nil {
		st.UID, st.GID = idmappedOwner(im, in)
	}
	st.Ino = in.ino
	st.RdevMajor, st.RdevMinor = linux.Major(in.rdev), linux.Minor(in.rdev)
	st.DevMajor, st.DevMinor = linux.Major(sb.dev), linux.Minor(sb.dev)
	st.MntID = uint64(p.Mnt.id)
	st.AttrMask = linux.STATX_ATTR_MOUNT_ROOT
	st.Attributes = 0
	if p.Dentry == p.Mnt.root {
		st.Attributes = linux.STATX_ATTR_MOUNT_ROOT
	}
	st.Nlink = in.nlink.Load()
	st.Size = in.size.Load()
	st.Blocks = in.blocks.Load()
	st.Atime, st.Mtime, st.Ctime, st.Btime = in.times.read()
	in.markCtimeQueried()
	if sb.NoBtime {
		st.Mask &^= linux.STATX_BTIME
		st.Btime = Timespec{}
	}
	if in.getattr != nil {
		in.getattr.Getattr(in, st)
	}
}

// AttrChecker is implemented by inode operations whose ->getattr may
// refuse the caller (procfs's pid_getattr under hidepid=).
type AttrChecker interface {
	CheckGetattr(t *Task, in *Inode) error
}

// AttrGetter is implemented by inode operations that compute some of
// stat's answer when asked (->getattr after generic_fillattr), as procfs
// gives fd's size as the number of open descriptors.
type AttrGetter interface {
	Getattr(in *Inode, st *Statx)
}

// statLookupFlags converts AT_* flags of the stat family (vfs_statx).
func statLookupFlags(flags int) (int, error) {
	if flags&^(linux.AT_SYMLINK_NOFOLLOW|linux.AT_NO_AUTOMOUNT|linux.AT_EMPTY_PATH|linux.AT_STATX_SYNC_TYPE) != 0 {
		return 0, linux.EINVAL
	}
	lf := lookupFollow
	if flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
		lf = 0
	}
	if flags&linux.AT_EMPTY_PATH != 0 {
		lf |= lookupEmpty
	}
	return lf, nil
}

// Statx is statx(2) with the basic request mask (all fields are always
// filled in, so the mask matters only for the mount ID; see StatxMask).
func (t *Task) Statx(dirfd int, name string, flags int, st *Statx) error {
	return t.StatxMask(dirfd, name, flags, linux.STATX_BASIC_STATS, st)
}

// StatxMask is statx(2) with its request mask. Of what the mask can ask,
// only STATX_MNT_ID_UNIQUE changes the answer: stx_mnt_id is then the
// mount's 64-bit unique ID, the one statmount(2) and listmount(2) use
// (vfs_statx_path).
func (t *Task) StatxMask(dirfd int, name string, flags int, mask uint32, st *Statx) error {
	fill := func(p Path) error {
		if err := t.fillStatx(p, st); err != nil {
			return err
		}
		if mask&linux.STATX_MNT_ID_UNIQUE != 0 {
			st.Mask = st.Mask&^linux.STATX_MNT_ID | linux.STATX_MNT_ID_UNIQUE
			st.MntID = p.Mnt.idUnique
		}
		return nil
	}
	lf, err := statLookupFlags(flags)
	if err != nil {
		return err
	}
	if emptyPath(name) && flags&linux.AT_EMPTY_PATH != 0 && dirfd != linux.AT_FDCWD {
		return t.withFile(dirfd, func(f *File) error {
			return fill(Path{f.mnt, f.dentry})
		})
	}
	p, err := t.pathLookupat(dirfd, name, lf)
	if err != nil {
		return err
	}
	return fill(p)
}

// fillStatx is fillStatx with the owner and group as t's user namespace
// sees them (cp_statx's from_kuid_munged; an owner invalid through an
// idmapped mount shows as the overflow id too).
func (t *Task) fillStatx(p Path, st *Statx) error {
	if in := p.Dentry.Inode(); in.getattr != nil {
		if c, ok := in.getattr.(AttrChecker); ok {
			if err := c.CheckGetattr(t, in); err != nil {
				return err
			}
		}
	}
	fillStatx(p, st)
	ns := t.Cred().UserNS
	if ns.Level() == 0 && st.UID != invalidID && st.GID != invalidID {
		return nil // the initial namespace maps every valid id to itself
	}
	st.UID, st.GID = t.k.UIDMunged(ns, st.UID), t.k.GIDMunged(ns, st.GID)
	return nil
}

// invalidID is INVALID_UID and INVALID_GID, which no namespace maps.
const invalidID = ^uint32(0)

// idmappedOwner is generic_fillattr's owner through an idmapped mount:
// INVALID_UID (-1) where the mount maps none.
func idmappedOwner(im *mntIdmap, in *Inode) (uid, gid uint32) {
	uid, uok := im.inodeUID(in)
	gid, gok := im.inodeGID(in)
	if !uok {
		uid = ^uint32(0)
	}
	if !gok {
		gid = ^uint32(0)
	}
	return uid, gid
}

// Fstatat is newfstatat(2).
func (t *Task) Fstatat(dirfd int, name string, flags int) (st Statx, err error) {
	err = t.Statx(dirfd, name, flags, &st)
	return st, err
}

// Stat is stat(2).
func (t *Task) Stat(name string) (st Statx, err error) {
	err = t.Statx(linux.AT_FDCWD, name, 0, &st)
	return st, err
}

// Lstat is lstat(2).
func (t *Task) Lstat(name string) (st Statx, err error) {
	err = t.Statx(linux.AT_FDCWD, name, linux.AT_SYMLINK_NOFOLLOW, &st)
	return st, err
}

// Fstat is fstat(2).
func (t *Task) Fstat(fd int) (st Statx, err error) {
	err = t.withFile(fd, func(f *File) error {
		return t.fillStatx(Path{f.mnt, f.dentry}, &st)
	})
	return st, err
}

// Statfs is statfs(2).
func (t *Task) Statfs(name string) (Statfs, error) {
	p, err := t.pathLookupat(linux.AT_FDCWD, name, lookupFollow)
	if err != nil {
		return Statfs{}, err
	}
	return statfsPath(p)
}

// Fstatfs is fstatfs(2).
func (t *Task) Fstatfs(fd int) (Statfs, error) {
	p, err := t.FdTarget(fd)
	if err != nil {
		return Statfs{}, err
	}
	return statfsPath(p)
}

// statfsPath is vfs_statfs of a path.
func statfsPath(p Path) (Statfs, error) {
	sb := p.Dentry.Inode().sb
	st, err := sb.Ops.Statfs(sb)
	if err != nil {
		return st, err
	}
	st.Flags = statfsFlags(p.Mnt)
	return st, nil
}

// statfsFlags is calculate_f_flags: ST_* bits from mount and superblock.
func statfsFlags(m *Mount) uint64 {
	const (
		stRdonly      = 0x0001
		stNosuid      = 0x0002
		stNodev       = 0x0004
		stNoexec      = 0x0008
		stSynchronous = 0x0010
		stValid       = 0x0020
		stMandlock    = 0x0040
		stNoatime     = 0x0400
		stNodiratime  = 0x0800
		stRelatime    = 0x1000
		stNosymfollow = 0x2000
	)
	f := uint64(stValid)
	mf := m.Flags()
	if m.ReadOnly() {
		f |= stRdonly
	}
	pairs := []struct{ mnt, st uint64 }{
		{linux.MNT_NOSUID, stNosuid}, {linux.MNT_NODEV, stNodev}, {linux.MNT_NOEXEC, stNoexec},
		{linux.MNT_NOATIME, stNoatime}, {linux.MNT_NODIRATIME, stNodiratime},
		{linux.MNT_RELATIME, stRelatime}, {linux.MNT_NOSYMFOLLOW, stNosymfollow},
	}
	for _, p := range pairs {
		if uint64(mf)&p.mnt != 0 {
			f |= p.st
		}
	}
	if m.sb.Flags()&linux.SB_SYNCHRONOUS != 0 {
		f |= stSynchronous
	}
	if m.sb.Flags()&linux.SB_MANDLOCK != 0 {
		f |= stMandlock
	}
	return f
}
