// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// atLookup resolves (dirfd, name) for the *at calls that take
// AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH.
func (t *Task) atLookup(dirfd int, name string, flags int, allowed int) (Path, error) {
	if flags&^allowed != 0 {
		return Path{}, linux.EINVAL
	}
	lf := lookupFollow
	if flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
		lf = 0
	}
	if flags&linux.AT_EMPTY_PATH != 0 {
		lf |= lookupEmpty
	}
	return t.pathLookupat(dirfd, name, lf)
}

// Fchmodat is fchmodat2(2) (chmod_common, notify_change with ATTR_MODE).
func (t *Task) Fchmodat(dirfd int, name string, mode uint32, flags int) error {
	p, err := t.atLookup(dirfd, name, flags, linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH)
	if err != nil {
		return err
	}
	return chmodCommon(t.Cred(), p, mode)
}

// Chmod is chmod(2).
func (t *Task) Chmod(name string, mode uint32) error {
	return t.Fchmodat(linux.AT_FDCWD, name, mode, 0)
}

// Fchmod is fchmod(2).
func (t *Task) Fchmod(fd int, mode uint32) error {
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		return chmodCommon(t.Cred(), Path{f.mnt, f.dentry}, mode)
	})
}

func chmodCommon(c *Cred, p Path, mode uint32) error {
	in := p.Dentry.Inode()
	if in.IsSymlink() {
		return linux.EOPNOTSUPP
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	if in.immutableOrAppend() {
		return linux.EPERM
	}
	if err := ownerValidThrough(p.Mnt.idmap(), in); err != nil {
		return err
	}
	if !isOwner(c, p.Mnt.idmap(), in) {
		return linux.EPERM
	}
	mode &= 0o7777
	if vgid, _ := p.Mnt.idmap().inodeGID(in); mode&linux.S_ISGID != 0 && !inGroupOrCapable(c, p.Mnt.idmap(), in, vgid) {
		mode &^= linux.S_ISGID
	}
	if s := in.seals.Load(); s&memfdMarker != 0 && s&linux.F_SEAL_EXEC != 0 && (in.Mode()^mode)&0o111 != 0 {
		return linux.EPERM // the execute bits are sealed
	}
	if err := setattr(in, &Iattr{Valid: ATTR_MODE, Mode: mode}); err != nil {
		return err
	}
	in.Lock()
	in.mode.Store(in.Mode()&linux.S_IFMT | mode)
	in.TouchLocked("c")
	in.Unlock()
	return nil
}

// NoChange is the uid or gid -1 that leaves an owner unchanged.
const NoChange = ^uint32(0)

// Fchownat is fchownat(2) (chown_common, chown_ok, chgrp_ok).
func (t *Task) Fchownat(dirfd int, name string, uid, gid uint32, flags int) error {
	p, err := t.atLookup(dirfd, name, flags, linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH)
	if err != nil {
		return err
	}
	c := t.Cred()
	if uid, gid, err = kernelOwner(c.UserNS, uid, gid); err != nil {
		return err
	}
	return chownCommon(c, p, uid, gid)
}

// kernelOwner maps chown's uid and gid from the caller's user namespace
// to kernel IDs (make_kuid, make_kgid): EINVAL for an ID the namespace
// does not map; -1 stays "no change".
func kernelOwner(ns *UserNamespace, uid, gid uint32) (uint32, uint32, error) {
	var ok bool
	if uid != NoChange {
		if uid, ok = ns.MakeKUID(uid); !ok {
			return 0, 0, linux.EINVAL
		}
	}
	if gid != NoChange {
		if gid, ok = ns.MakeKGID(gid); !ok {
			return 0, 0, linux.EINVAL
		}
	}
	return uid, gid, nil
}

// Chown is chown(2); Lchown is lchown(2).
func (t *Task) Chown(name string, uid, gid uint32) error {
	return t.Fchownat(linux.AT_FDCWD, name, uid, gid, 0)
}

func (t *Task) Lchown(name string, uid, gid uint32) error {
	return t.Fchownat(linux.AT_FDCWD, name, uid, gid, linux.AT_SYMLINK_NOFOLLOW)
}

// chownCommon is chown_common → notify_change → setattr_prepare: chown_ok
// and chgrp_ok, then the set-ID bits a chown kills on a non-directory,
// which counts as a mode change and so needs ownership. uid and gid are
// kernel ids as the caller sees them through the mount (ia_vfsuid); what
// is stored is mapped back through the mount's idmapping.
func chownCommon(c *Cred, p Path, uid, gid uint32) error {
	in := p.Dentry.Inode()
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	if in.immutableOrAppend() {
		return linux.EPERM
	}
	im := p.Mnt.idmap()
	kuid, kgid, err := chownTargets(im, in, uid, gid)
	if err != nil {
		return err
	}
	in.Lock()
	defer in.Unlock()
	if err := chownPermitted(c, im, in, uid, gid); err != nil {
		return err
	}
	newMode, err := chownKillsPrivs(c, im, in, gid)
	if err != nil {
		return err
	}
	mode := in.Mode()
	a := Iattr{Valid: ATTR_UID | ATTR_GID, UID: kuid, GID: kgid}
	if uid == NoChange {
		a.UID, a.Valid = in.UID(), a.Valid&^ATTR_UID
	}
	if gid == NoChange {
		a.GID, a.Valid = in.GID(), a.Valid&^ATTR_GID
	}
	if newMode != mode {
		a.Valid, a.Mode = a.Valid|ATTR_MODE, newMode&0o7777
	}
	if err := setattr(in, &a); err != nil {
		return err
	}
	if newMode != mode {
		in.mode.Store(newMode)
	}
	if uid != NoChange {
		in.uid.Store(kuid)
	}
	if gid != NoChange {
		in.gid.Store(kgid)
	}
	in.TouchLocked("c")
	return nil
}

// ownerValidThrough is notify_change's refusal to change an inode whose
// owner or group the mount's idmapping does not map (EOVERFLOW), checked
// before setattr_prepare's permission rules; a chown may make them valid
// (chownTargets).
func ownerValidThrough(im *mntIdmap, in *Inode) error {
	if _, ok := im.inodeUID(in); !ok {
		return linux.EOVERFLOW
	}
	if _, ok := im.inodeGID(in); !ok {
		return linux.EOVERFLOW
	}
	return nil
}

// chownTargets is notify_change's EOVERFLOW checks: a new owner must map
// back into the filesystem's ids, and an owner left alone must be valid
// through the mount. It returns the ids to store.
func chownTargets(im *mntIdmap, in *Inode, uid, gid uint32) (kuid, kgid uint32, err error) {
	var ok bool
	if uid != NoChange {
		if kuid, ok = im.fsUID(in.sb, uid); !ok {
			return 0, 0, linux.EOVERFLOW
		}
	} else if _, ok = im.inodeUID(in); !ok {
		return 0, 0, linux.EOVERFLOW
	}
	if gid != NoChange {
		if kgid, ok = im.fsGID(in.sb, gid); !ok {
			return 0, 0, linux.EOVERFLOW
		}
	} else if _, ok = im.inodeGID(in); !ok {
		return 0, 0, linux.EOVERFLOW
	}
	return kuid, kgid, nil
}

// chownPermitted is chown_ok and chgrp_ok.
func chownPermitted(c *Cred, im *mntIdmap, in *Inode, uid, gid uint32) error {
	vuid, uok := im.inodeUID(in)
	vgid, gok := im.inodeGID(in)
	owner := uok && c.FSUID == vuid
	capChown := c.capableWrtInode(im, in, linux.CAP_CHOWN)
	sbChown := c.NsCapable(in.sb.userNS, linux.CAP_CHOWN)
	if uid != NoChange && !(owner && uid == vuid || capChown || !uok && sbChown) {
		return linux.EPERM
	}
	if gid != NoChange && !(owner && (gok && gid == vgid || c.InGroup(gid)) || capChown || !gok && sbChown) {
		return linux.EPERM
	}
	return nil
}

// chownKillsPrivs is the mode a chown leaves on a non-directory: no
// set-user-ID, no set-group-ID if group-executable or the caller is
// outside the group. Changing it needs ownership (EPERM).
func chownKillsPrivs(c *Cred, im *mntIdmap, in *Inode, gid uint32) (uint32, error) {
	mode := in.Mode()
	if mode&linux.S_IFMT == linux.S_IFDIR {
		return mode, nil
	}
	vgid, _ := im.inodeGID(in)
	newMode := mode &^ linux.S_ISUID // ATTR_KILL_SUID
	if mode&linux.S_ISGID != 0 && (mode&linux.S_IXGRP != 0 || !inGroupOrCapable(c, im, in, vgid)) {
		newMode &^= linux.S_ISGID // ATTR_KILL_SGID
	}
	if newMode == mode {
		return mode, nil
	}
	if !isOwner(c, im, in) {
		return 0, linux.EPERM
	}
	if gid != NoChange {
		vgid = gid
	}
	if !inGroupOrCapable(c, im, in, vgid) {
		newMode &^= linux.S_ISGID
	}
	return newMode, nil
}

// inGroupOrCapable is in_group_or_capable: gid is one of c's groups, or
// c has CAP_FSETID over in.
func inGroupOrCapable(c *Cred, im *mntIdmap, in *Inode, gid uint32) bool {
	return c.InGroup(gid) || c.capableWrtInode(im, in, linux.CAP_FSETID)
}

// Special nanosecond values of utimensat.
const (
	UTIME_NOW  = (1 << 30) - 1
	UTIME_OMIT = (1 << 30) - 2
)

// Utimensat is utimensat(2); times nil means now for both.
func (t *Task) Utimensat(dirfd int, name string, times *[2]Timespec, flags int) error {
	if times != nil && times[0].Nsec == UTIME_OMIT && times[1].Nsec == UTIME_OMIT {
		return nil // "we must not even check the path"
	}
	p, err := t.atLookup(dirfd, name, flags, linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH)
	if err != nil {
		return err
	}
	return utimesCommon(t.Cred(), p, times)
}

func utimesCommon(c *Cred, p Path, times *[2]Timespec) error {
	in := p.Dentry.Inode()
	now := true
	if times != nil {
		for _, ts := range times {
			if ts.Nsec != UTIME_NOW && ts.Nsec != UTIME_OMIT && (ts.Nsec < 0 || ts.Nsec >= 1e9) {
				return linux.EINVAL
			}
		}
		if times[0].Nsec == UTIME_OMIT && times[1].Nsec == UTIME_OMIT {
			return nil
		}
		now = times[0].Nsec == UTIME_NOW && times[1].Nsec == UTIME_NOW
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	// may_setattr: a time given needs an inode neither immutable nor
	// append-only; setting both to now, one not immutable, and
	// ownership or write permission.
	if (!now && in.immutableOrAppend()) || (now && in.isImmutable()) {
		return linux.EPERM
	}
	// Setting them to now needs ownership or write
	// permission; then notify_change's EOVERFLOW; then setattr_prepare:
	// setting them to a given time needs ownership.
	owner := isOwner(c, p.Mnt.idmap(), in)
	if now && !owner {
		if err := inodePermission(c, p.Mnt.idmap(), in, MAY_WRITE); err != nil {
			return err
		}
	}
	if err := ownerValidThrough(p.Mnt.idmap(), in); err != nil {
		return err
	}
	if !now && !owner {
		return linux.EPERM
	}
	cur := in.currentTime()
	a := Iattr{}
	var setNow uint32 // the times set to "now"
	set := func(dst *Timespec, i int, bit uint32) {
		switch {
		case times == nil || times[i].Nsec == UTIME_NOW:
			*dst, a.Valid, setNow = cur, a.Valid|bit, setNow|bit
		case times[i].Nsec != UTIME_OMIT:
			*dst, a.Valid = in.sb.truncateTime(times[i]), a.Valid|bit
		}
	}
	set(&a.Atime, 0, ATTR_ATIME)
	set(&a.Mtime, 1, ATTR_MTIME)
	if err := setattr(in, &a); err != nil {
		return err
	}
	in.Lock()
	defer in.Unlock()
	t := &in.times
	t.beginWrite()
	// "Now" is the new ctime, which a multigrain inode may take finer
	// than cur (setattr_copy_mgtime).
	stamp := in.stampCtime(in.sb.CurrentTime())
	if setNow&ATTR_ATIME != 0 {
		a.Atime = stamp
	}
	if setNow&ATTR_MTIME != 0 {
		a.Mtime = stamp
	}
	if a.Valid&ATTR_ATIME != 0 {
		t.store(slotA, a.Atime)
	}
	if a.Valid&ATTR_MTIME != 0 {
		t.store(slotM, a.Mtime)
	}
	t.endWrite()
	return nil
}

// Faccessat is faccessat2(2): checks with the real IDs unless AT_EACCESS.
func (t *Task) Faccessat(dirfd int, name string, mode uint32, flags int) error {
	if mode&^7 != 0 {
		return linux.EINVAL
	}
	if flags&^(linux.AT_EACCESS|linux.AT_SYMLINK_NOFOLLOW|linux.AT_EMPTY_PATH) != 0 {
		return linux.EINVAL
	}
	c := t.Cred()
	if flags&linux.AT_EACCESS == 0 {
		c = accessOverrideCreds(c)
	}
	lf := lookupFollow
	if flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
		lf = 0
	}
	if flags&linux.AT_EMPTY_PATH != 0 {
		lf |= lookupEmpty
	}
	p, err := t.pathLookupatCred(dirfd, name, lf, c)
	if err != nil {
		return err
	}
	in := p.Dentry.Inode()
	if mode&MAY_EXEC != 0 && in.IsRegular() && p.Mnt.Flags()&linux.MNT_NOEXEC != 0 {
		return linux.EACCES
	}
	if err := inodePermission(c, p.Mnt.idmap(), in, int(mode)); err != nil {
		return err
	}
	if mode&MAY_WRITE != 0 && p.Mnt.ReadOnly() {
		switch in.Mode() & linux.S_IFMT {
		case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK:
			return linux.EROFS
		}
	}
	return nil
}

// accessOverrideCreds is access_override_creds: the real IDs, and for a
// real uid 0 the permitted capabilities, for the whole check and walk.
func accessOverrideCreds(c *Cred) *Cred {
	o := *c
	o.FSUID, o.FSGID = c.UID, c.GID
	if c.UID == 0 {
		o.Effective = c.Permitted
	} else {
		o.Effective = 0
	}
	return &o
}

// Access is access(2).
func (t *Task) Access(name string, mode uint32) error {
	return t.Faccessat(linux.AT_FDCWD, name, mode, 0)
}

// Truncate is truncate(2) (do_sys_truncate, vfs_truncate).
func (t *Task) Truncate(name string, size int64) error {
	if size < 0 {
		return linux.EINVAL
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, name, lookupFollow)
	if err != nil {
		return err
	}
	in := p.Dentry.Inode()
	if in.IsDir() {
		return linux.EISDIR
	}
	if !in.IsRegular() {
		return linux.EINVAL
	}
	if p.Mnt.ReadOnly() {
		return linux.EROFS
	}
	if err := inodePermission(t.Cred(), p.Mnt.idmap(), in, MAY_WRITE); err != nil {
		return err
	}
	if in.isAppend() {
		return linux.EPERM
	}
	if err := t.fsizeGrowOK(in, size); err != nil {
		return err
	}
	return doTruncate(t.Cred(), p.Mnt.idmap(), in, size)
}

// Ftruncate is ftruncate(2).
func (t *Task) Ftruncate(fd int, size int64) error {
	if size < 0 {
		return linux.EINVAL
	}
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if !f.Inode().IsRegular() || !f.write {
			return linux.EINVAL
		}
		if f.Inode().isAppend() {
			return linux.EPERM
		}
		if err := t.fsizeGrowOK(f.Inode(), size); err != nil {
			return err
		}
		return doTruncate(t.Cred(), f.mnt.idmap(), f.Inode(), size)
	})
}

// Chdir is chdir(2).
func (t *Task) Chdir(name string) error {
	return retryGone(func() error {
		p, err := t.pathLookupat(linux.AT_FDCWD, name, lookupFollow|lookupDirectory)
		if err != nil {
			return err
		}
		if err := inodePermission(t.Cred(), p.Mnt.idmap(), p.Dentry.Inode(), MAY_EXEC); err != nil {
			return err
		}
		if !t.fsStruct().update(func(s *fsState) { s.pwd = p }) {
			return errMountGone
		}
		return nil
	})
}

// Fchdir is fchdir(2).
func (t *Task) Fchdir(fd int) error {
	return t.withFile(fd, func(f *File) error {
		if !f.Inode().IsDir() {
			return linux.ENOTDIR
		}
		if err := inodePermission(t.Cred(), f.mnt.idmap(), f.Inode(), MAY_EXEC); err != nil {
			return err
		}
		t.fsStruct().update(func(s *fsState) { s.pwd = Path{f.mnt, f.dentry} })
		return nil
	})
}
