// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// isLocalMountpoint is is_local_mountpoint: d is a mountpoint in t's
// namespace. A mountpoint only in other namespaces may be removed; its
// mounts are then detached (detachMounts).
func (t *Task) isLocalMountpoint(d *Dentry) bool {
	if d.mounted.Load() == 0 {
		return false
	}
	ns := t.MountNamespace()
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	for m := range d.mps.all {
		if m.ns.Load() == ns {
			return true
		}
	}
	return false
}

// detachMounts is __detach_mounts: lazily unmount whatever is mounted on a
// dentry that has just been removed. A mount there that an unmount took
// already hangs under a parent that went too: it is only cut loose.
func (k *Kernel) detachMounts(d *Dentry) {
	if d.mounted.Load() == 0 {
		return
	}
	k.lockNamespace()
	defer k.unlockNamespace()
	for d.mps.len() > 0 {
		if m := d.mps.at(0); willBeUnmounted(m) {
			cutLoose(m)
		} else {
			umountTree(m, umountConnected)
		}
	}
}

// filenameCreate is filename_create: resolve the parent of name, lock it and
// make sure the last component is free. On success the parent's mu is held
// and must be released with p.Dentry.mu.Unlock; may_create is left to the
// caller, as vfs_mkdir, vfs_mknod, vfs_symlink and vfs_link do it.
func (t *Task) filenameCreate(dirfd int, name string, wantDir bool) (p Path, last string, c *Cred, err error) {
	var nd nameidata
	if err := t.pathParentat(&nd, dirfd, name); err != nil {
		return Path{}, "", nil, err
	}
	if nd.lastType != lastNorm {
		return Path{}, "", nil, linux.EEXIST
	}
	dir := nd.path.Dentry
	dir.mu.Lock()
	d, err := lookupSlowLocked(dir, nd.last)
	switch {
	case err == nil && d != nil:
		err = linux.EEXIST
	case err == linux.ENOENT && (nd.slash && !wantDir || missingIsFinal(dir)):
		err = linux.ENOENT
	case err == linux.ENOENT && nd.path.Mnt.ReadOnly():
		err = linux.EROFS
	case err == linux.ENOENT:
		err = nil // the caller runs may_create where its vfs_* does
	}
	if err != nil {
		dir.mu.Unlock()
		return Path{}, "", nil, err
	}
	return nd.path, nd.last, nd.cred, nil
}

// createAt runs the common part of mkdirat, mknodat and symlinkat:
// filename_create, then may_create, then mk (the filesystem's operation)
// and the new dentry.
func (t *Task) createAt(dirfd int, name string, wantDir bool, mk func(c *Cred, im *mntIdmap, dir *Inode, last string) (*Inode, error)) error {
	p, last, c, err := t.filenameCreate(dirfd, name, wantDir)
	if err != nil {
		return err
	}
	dir := p.Dentry
	defer dir.mu.Unlock()
	if err := mayCreateLocked(c, p.Mnt.idmap(), dir); err != nil {
		return err
	}
	in, err := mk(c, p.Mnt.idmap(), dir.Inode(), last)
	if err != nil {
		return err
	}
	dir.addChildLocked(last, in)
	dirChangedBy(dir.Inode(), in)
	return nil
}

// Mkdirat is mkdirat(2) (do_mkdirat, vfs_mkdir).
func (t *Task) Mkdirat(dirfd int, name string, mode uint32) error {
	return t.createAt(dirfd, name, true, func(c *Cred, im *mntIdmap, dir *Inode, last string) (*Inode, error) {
		attr := newInodeAttr(c, im, dir, linux.S_IFDIR|mode&(0o777|linux.S_ISVTX), t.GetUmask(), 0)
		return dir.Ops.Mkdir(dir, last, attr)
	})
}

// Mkdir is mkdir(2).
func (t *Task) Mkdir(name string, mode uint32) error { return t.Mkdirat(linux.AT_FDCWD, name, mode) }

// Mknodat is mknodat(2) (do_mknodat, may_mknod, vfs_create, vfs_mknod); dev
// is in the user-space encoding.
func (t *Task) Mknodat(dirfd int, name string, mode uint32, dev uint64) error {
	switch mode & linux.S_IFMT {
	case 0:
		mode |= linux.S_IFREG
	case linux.S_IFREG, linux.S_IFCHR, linux.S_IFBLK, linux.S_IFIFO, linux.S_IFSOCK:
	case linux.S_IFDIR:
		return linux.EPERM
	default:
		return linux.EINVAL
	}
	typ := mode & linux.S_IFMT
	if typ != linux.S_IFCHR && typ != linux.S_IFBLK {
		dev = 0
	}
	return t.createAt(dirfd, name, false, func(c *Cred, im *mntIdmap, dir *Inode, last string) (*Inode, error) {
		if (typ == linux.S_IFCHR || typ == linux.S_IFBLK) && !c.HasCap(linux.CAP_MKNOD) {
			return nil, linux.EPERM
		}
		attr := newInodeAttr(c, im, dir, typ|mode&0o7777, t.GetUmask(), dev)
		return dir.Ops.Mknod(dir, last, attr)
	})
}

// Symlinkat is symlinkat(2).
func (t *Task) Symlinkat(target string, dirfd int, name string) error {
	target, err := getname(target)
	if err != nil {
		return err
	}
	if target == "" {
		return linux.ENOENT
	}
	return t.createAt(dirfd, name, false, func(c *Cred, im *mntIdmap, dir *Inode, last string) (*Inode, error) {
		return dir.Ops.Symlink(dir, last, target, newInodeAttr(c, im, dir, linux.S_IFLNK|0o777, 0, 0))
	})
}

// Readlinkat is readlinkat(2) returning the whole target.
func (t *Task) Readlinkat(dirfd int, name string) (string, error) {
	p, err := t.pathLookupat(dirfd, name, lookupEmpty)
	if err != nil {
		return "", err
	}
	in := p.Dentry.Inode()
	if !in.IsSymlink() {
		if emptyPath(name) {
			return "", linux.ENOENT
		}
		return "", linux.EINVAL
	}
	touchAtime(p.Mnt, in)
	return readlinkFor(t, in)
}

// Linkat is linkat(2) (do_linkat, vfs_link).
func (t *Task) Linkat(olddirfd int, oldname string, newdirfd int, newname string, flags int) error {
	if flags&^(linux.AT_SYMLINK_FOLLOW|linux.AT_EMPTY_PATH) != 0 {
		return linux.EINVAL
	}
	lf := 0
	if flags&linux.AT_EMPTY_PATH != 0 {
		if emptyPath(oldname) && !t.mayLinkEmpty(olddirfd) {
			return linux.ENOENT
		}
		lf |= lookupEmpty
	}
	if flags&linux.AT_SYMLINK_FOLLOW != 0 {
		lf |= lookupFollow
	}
	old, err := t.pathLookupat(olddirfd, oldname, lf)
	if err != nil {
		return err
	}
	p, last, c, err := t.filenameCreate(newdirfd, newname, false)
	if err != nil {
		return err
	}
	dir := p.Dentry
	defer dir.mu.Unlock()
	if old.Mnt != p.Mnt {
		return linux.EXDEV
	}
	in := old.Dentry.Inode()
	if err := mayLinkat(c, p.Mnt.idmap(), in); err != nil {
		return err
	}
	if err := mayCreateLocked(c, p.Mnt.idmap(), dir); err != nil {
		return err
	}
	if in.immutableOrAppend() {
		return linux.EPERM
	}
	if in.IsDir() {
		return linux.EPERM
	}
	if in.Nlink() == 0 && !in.isLinkable() {
		return linux.ENOENT
	}
	if err := dir.Inode().Ops.Link(in, dir.Inode(), last); err != nil {
		return err
	}
	dir.insertLocked(last, newDentryFor(dir, last, in))
	in.setLinkable(false)
	now := in.sb.CurrentTime()
	in.touchAt("c", now)
	dirChangedAt(dir.Inode(), now)
	return nil
}

// mayLinkEmpty is LOOKUP_LINKAT_EMPTY (Linux 6.10): linking a descriptor
// by AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH unless the caller opened it.
func (t *Task) mayLinkEmpty(fd int) bool {
	if t.Cred().HasCap(linux.CAP_DAC_READ_SEARCH) {
		return true
	}
	ok := false
	_ = t.withFile(fd, func(f *File) error {
		ok = f.cred == t.Cred()
		return nil
	})
	return ok
}

func newDentryFor(parent *Dentry, name string, in *Inode) *Dentry {
	d := &Dentry{inode: in}
	d.setWhere(parent, name)
	return d
}

// mayLinkat is may_linkat under fs.protected_hardlinks=1: someone who is
// neither owner nor CAP_FOWNER may only link a regular file they could
// read and write and that is not set-user-ID or executable set-group-ID.
func mayLinkat(c *Cred, im *mntIdmap, in *Inode) error {
	if isOwner(c, im, in) {
		return nil
	}
	mode := in.Mode()
	safe := mode&linux.S_IFMT == linux.S_IFREG && mode&linux.S_ISUID == 0 &&
		mode&(linux.S_ISGID|linux.S_IXGRP) != linux.S_ISGID|linux.S_IXGRP &&
		inodePermission(c, im, in, MAY_READ|MAY_WRITE) == nil
	if !safe {
		return linux.EPERM
	}
	return nil
}

// Link is link(2).
func (t *Task) Link(oldname, newname string) error {
	return t.Linkat(linux.AT_FDCWD, oldname, linux.AT_FDCWD, newname, 0)
}

// Symlink is symlink(2).
func (t *Task) Symlink(target, name string) error { return t.Symlinkat(target, linux.AT_FDCWD, name) }

// Readlink is readlink(2).
func (t *Task) Readlink(name string) (string, error) { return t.Readlinkat(linux.AT_FDCWD, name) }

// Unlinkat is unlinkat(2) (do_unlinkat/do_rmdir, vfs_unlink/vfs_rmdir).
func (t *Task) Unlinkat(dirfd int, name string, flags int) error {
	if flags&^linux.AT_REMOVEDIR != 0 {
		return linux.EINVAL
	}
	rmdir := flags&linux.AT_REMOVEDIR != 0
	var nd nameidata
	if err := t.pathParentat(&nd, dirfd, name); err != nil {
		return err
	}
	switch nd.lastType {
	case lastNorm:
	case lastDotDot:
		if rmdir {
			return linux.ENOTEMPTY
		}
		return linux.EISDIR
	case lastDot:
		if rmdir {
			return linux.EINVAL
		}
		return linux.EISDIR
	default:
		if rmdir {
			return linux.EBUSY
		}
		return linux.EISDIR
	}
	if nd.path.Mnt.ReadOnly() {
		return linux.EROFS
	}
	dir := nd.path.Dentry
	dir.mu.Lock()
	defer dir.mu.Unlock()
	victim, err := lookupSlowLocked(dir, nd.last)
	if err != nil {
		return err
	}
	if !rmdir && nd.slash {
		if victim.Inode().IsDir() {
			return linux.EISDIR
		}
		return linux.ENOTDIR
	}
	if err := mayDelete(nd.cred, nd.path.Mnt.idmap(), dir, victim, rmdir); err != nil {
		return err
	}
	if t.isLocalMountpoint(victim) {
		return linux.EBUSY
	}
	in := victim.Inode()
	if rmdir {
		victim.mu.Lock()
		defer victim.mu.Unlock()
		if _, own := dir.Inode().Ops.(RmdirChecker); !own && victim.numChildrenLocked() != 0 {
			return linux.ENOTEMPTY
		}
		if err := dir.Inode().Ops.Rmdir(dir.Inode(), nd.last, in); err != nil {
			return err
		}
		victim.dead = true
	} else if err := dir.Inode().Ops.Unlink(dir.Inode(), nd.last, in); err != nil {
		return err
	}
	dir.removeChildLocked(nd.last)
	now := in.sb.CurrentTime()
	in.touchAt("c", now)
	dirChangedAt(dir.Inode(), now)
	t.k.detachMounts(victim)
	return nil
}

// Unlink is unlink(2).
func (t *Task) Unlink(name string) error { return t.Unlinkat(linux.AT_FDCWD, name, 0) }

// Rmdir is rmdir(2).
func (t *Task) Rmdir(name string) error { return t.Unlinkat(linux.AT_FDCWD, name, linux.AT_REMOVEDIR) }

// MknodInternal is vfs_mknod on behalf of the kernel itself (devtmpfs's
// handle_create): a node named name in dir, with no permission checks and
// no umask.
func MknodInternal(dir *Dentry, name string, attr InodeAttr) error {
	dir.mu.Lock()
	defer dir.mu.Unlock()
	if dir.childLocked(name) != nil {
		return linux.EEXIST
	}
	in, err := dir.Inode().Ops.Mknod(dir.Inode(), name, attr)
	if err != nil {
		return err
	}
	dir.addChildLocked(name, in)
	dirChangedBy(dir.Inode(), in)
	return nil
}
