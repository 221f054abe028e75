// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// What a stacking filesystem (overlayfs) needs of the core: the vfs_*
// helpers it calls on its layers' dentries with its mounter's
// credentials. They check no permissions (the stacking filesystem checks
// its own inodes), update the layers' dentry caches and times as the
// system calls do, and take the layers' directory locks themselves.

// CreateInternal is vfs_create, vfs_mkdir, vfs_symlink and vfs_mknod in
// one: a new name in dir of attr's type (target is a symlink's body),
// with attr's mode exactly (no umask). EEXIST if the name is taken.
func CreateInternal(dir *Dentry, name string, attr InodeAttr, target string) (*Dentry, error) {
	dir.mu.Lock()
	defer dir.mu.Unlock()
	if _, err := lookupSlowLocked(dir, name); err == nil {
		return nil, linux.EEXIST
	} else if err != linux.ENOENT {
		return nil, err
	}
	di := dir.Inode()
	var in *Inode
	var err error
	switch attr.Mode & linux.S_IFMT {
	case linux.S_IFDIR:
		in, err = di.Ops.Mkdir(di, name, attr)
	case linux.S_IFLNK:
		in, err = di.Ops.Symlink(di, name, target, attr)
	default:
		in, err = di.Ops.Mknod(di, name, attr)
	}
	if err != nil {
		return nil, err
	}
	d := dir.addChildLocked(name, in)
	dirChangedBy(di, in)
	return d, nil
}

// RemoveInternal is vfs_unlink (rmdir false) or vfs_rmdir of name in dir;
// a directory must be empty in the dentry cache's view (simple_empty).
func RemoveInternal(dir *Dentry, name string, rmdir bool) error {
	dir.mu.Lock()
	defer dir.mu.Unlock()
	victim, err := lookupSlowLocked(dir, name)
	if err != nil {
		return err
	}
	in := victim.Inode()
	di := dir.Inode()
	if rmdir {
		if !in.IsDir() {
			return linux.ENOTDIR
		}
		victim.mu.Lock()
		defer victim.mu.Unlock()
		if victim.numChildrenLocked() != 0 {
			return linux.ENOTEMPTY
		}
		if err := di.Ops.Rmdir(di, name, in); err != nil {
			return err
		}
		victim.dead = true
	} else {
		if in.IsDir() {
			return linux.EISDIR
		}
		if err := di.Ops.Unlink(di, name, in); err != nil {
			return err
		}
	}
	dir.removeChildLocked(name)
	now := in.sb.CurrentTime()
	in.touchAt("c", now)
	dirChangedAt(di, now)
	in.sb.k.detachMounts(victim)
	return nil
}

// RenameInternal is vfs_rename of oname in odir to nname in ndir, flags
// RENAME_NOREPLACE and RENAME_EXCHANGE; a directory replaced must be
// empty in the dentry cache's view.
func RenameInternal(odir *Dentry, oname string, ndir *Dentry, nname string, flags uint32) error {
	_, locks := lockRename(ndir, odir)
	defer locks.unlock()
	old, err := lookupSlowLocked(odir, oname)
	if err != nil {
		return err
	}
	target, err := lookupSlowLocked(ndir, nname)
	if err != nil && err != linux.ENOENT {
		return err
	}
	exchange := flags&linux.RENAME_EXCHANGE != 0
	switch {
	case target != nil && flags&linux.RENAME_NOREPLACE != 0:
		return linux.EEXIST
	case target == nil && exchange:
		return linux.ENOENT
	case target != nil && target.Inode() == old.Inode():
		return nil
	}
	var tin *Inode
	if target != nil {
		tin = target.Inode()
		if !exchange && tin.IsDir() {
			target.mu.Lock()
			defer target.mu.Unlock()
			if target.numChildrenLocked() != 0 {
				return linux.ENOTEMPTY
			}
		}
	}
	oi := odir.Inode()
	if err := oi.Ops.Rename(oi, oname, old.Inode(), ndir.Inode(), nname, tin, flags); err != nil {
		return err
	}
	finishRename(odir, oname, old, ndir, nname, target, exchange)
	if target != nil && !exchange {
		oi.sb.k.detachMounts(target)
	}
	return nil
}

// LinkInternal is vfs_link: old gets the name name in dir too.
func LinkInternal(old *Dentry, dir *Dentry, name string) error {
	dir.mu.Lock()
	defer dir.mu.Unlock()
	if _, err := lookupSlowLocked(dir, name); err == nil {
		return linux.EEXIST
	} else if err != linux.ENOENT {
		return err
	}
	in := old.Inode()
	if err := dir.Inode().Ops.Link(in, dir.Inode(), name); err != nil {
		return err
	}
	dir.insertLocked(name, newDentryFor(dir, name, in))
	now := in.sb.CurrentTime()
	in.touchAt("c", now)
	dirChangedAt(dir.Inode(), now)
	return nil
}

// OpenInternal is dentry_open of a layer's regular file or directory for
// a stacking filesystem's own use, not installed in any descriptor
// table: the caller drops it with DecRef.
func OpenInternal(p Path, flags uint32, c *Cred) (*File, error) {
	in := p.Dentry.Inode()
	if !in.IsRegular() && !in.IsDir() {
		return nil, linux.EINVAL
	}
	if !p.Mnt.tryGet() {
		return nil, linux.ENOENT
	}
	acc := flags & linux.O_ACCMODE
	f := newFile(p, flags&^(linux.O_CREAT|linux.O_EXCL|linux.O_TRUNC)|linux.O_LARGEFILE,
		acc == linux.O_RDONLY || acc == linux.O_RDWR, acc == linux.O_WRONLY || acc == linux.O_RDWR, false)
	f.cred = c
	if o, ok := f.ops.(FileOpener); ok {
		if err := o.Open(f, nil); err != nil {
			f.DecRef()
			return nil, err
		}
	}
	return f, nil
}

// ReadDirInternal is iterate_dir over a whole directory of a layer: its
// entries without "." and "..".
func ReadDirInternal(p Path, c *Cred) ([]Dirent, error) {
	f, err := OpenInternal(p, linux.O_RDONLY|linux.O_DIRECTORY, c)
	if err != nil {
		return nil, err
	}
	defer f.DecRef()
	f.mu.Lock()
	defer f.mu.Unlock()
	all, err := f.readdirLocked(nil, 0, c)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, d := range all {
		if d.Name != "." && d.Name != ".." {
			out = append(out, d)
		}
	}
	return out, nil
}

// SetattrInternal is notify_change on a layer's inode: the filesystem's
// ->setattr, then the mode, owner and times of a, and a new ctime.
func SetattrInternal(in *Inode, a *Iattr) error {
	if err := setattr(in, a); err != nil {
		return err
	}
	in.Lock()
	defer in.Unlock()
	if a.Valid&ATTR_MODE != 0 {
		in.mode.Store(in.Mode()&linux.S_IFMT | a.Mode&0o7777)
	}
	if a.Valid&ATTR_UID != 0 {
		in.uid.Store(a.UID)
	}
	if a.Valid&ATTR_GID != 0 {
		in.gid.Store(a.GID)
	}
	in.TouchLocked("c")
	if a.Valid&(ATTR_ATIME|ATTR_MTIME) != 0 {
		at, mt, ct := in.TimesLocked()
		if a.Valid&ATTR_ATIME != 0 {
			at = a.Atime
		}
		if a.Valid&ATTR_MTIME != 0 {
			mt = a.Mtime
		}
		in.SetTimesLocked(at, mt, ct)
	}
	return nil
}

// TruncateInternal is vfs_truncate on a layer's regular file.
func TruncateInternal(in *Inode, size int64) error {
	in.rw.Lock()
	defer in.rw.Unlock()
	if err := in.Ops.Truncate(in, size); err != nil {
		return err
	}
	in.Touch("mc")
	return nil
}

// LookupPath resolves name for a filesystem's mount options as the
// mounting task (kern_path with LOOKUP_FOLLOW): overlayfs's layers.
func (fc *FsContext) LookupPath(name string) (Path, error) {
	if fc.task == nil {
		return Path{}, linux.ENOENT
	}
	return fc.task.pathLookupat(linux.AT_FDCWD, name, lookupFollow)
}

// Superblock returns the superblock p's dentry belongs to.
func (p Path) Superblock() *Superblock { return p.Dentry.Inode().sb }

// ClonePrivateMount is clone_private_mount: a private copy of p's mount
// rooted at p's dentry, internal to the kernel (in no namespace, no
// propagation), which a stacking filesystem keeps for a layer so that
// unmounting the layer's own mount leaves the layer in place. The caller
// lets go of it with DropPrivateMount.
func ClonePrivateMount(p Path) (Path, error) {
	k := p.Mnt.sb.k
	m, err := cloneMnt(p.Mnt, p.Dentry, copyPrivate)
	if err != nil {
		return Path{}, err
	}
	m.flags.Store(m.Flags() | linux.MNT_INTERNAL)
	m.refs.Store(1)
	k.lockNamespace()
	k.kernMounts = append(k.kernMounts, m)
	k.unlockNamespace()
	return Path{Mnt: m, Dentry: p.Dentry}, nil
}

// DropPrivateMount lets go of a mount ClonePrivateMount made. A
// superblock's end (KillSuper) may run under the namespace lock, so the
// mount is queued and released by whoever holds or next takes the lock,
// as mntput's deferred releases are.
func DropPrivateMount(m *Mount) {
	k := m.sb.k
	k.deferred.mu.Lock()
	k.deferred.drops = append(k.deferred.drops, m)
	k.deferred.n.Store(int32(len(k.deferred.ms) + len(k.deferred.drops)))
	k.deferred.mu.Unlock()
	if k.namespaceMu.TryLock() {
		k.unlockNamespace()
	}
}

// FallocateInternal is vfs_fallocate on a layer's file a stacking
// filesystem opened: EOPNOTSUPP where its filesystem has no ->fallocate.
func FallocateInternal(f *File, c *Cred, mode uint32, off, length int64) error {
	fa, ok := f.ops.(Fallocator)
	if !ok {
		return linux.EOPNOTSUPP
	}
	in := f.Inode()
	in.rw.Lock()
	defer in.rw.Unlock()
	return fa.Fallocate(f, c, mode, off, length)
}
