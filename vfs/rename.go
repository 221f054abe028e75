// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"unsafe"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// lockRename is lock_rename: lock the two parent directories and return the
// "trap": the child of one parent on the way to the other, if one is an
// ancestor of the other. unlock must be called afterwards.
func lockRename(p1, p2 *Dentry) (trap *Dentry, held renameLocks) {
	if p1 == p2 {
		p1.mu.Lock()
		return nil, renameLocks{first: p1}
	}
	sb := p1.Inode().sb
	sb.renameMu.Lock()
	first, second := p1, p2
	if c := childToward(p2, p1); c != nil {
		// p2 is an ancestor of p1.
		first, second, trap = p2, p1, c
	} else if c := childToward(p1, p2); c != nil {
		trap = c
	} else if uintptr(unsafe.Pointer(p1)) > uintptr(unsafe.Pointer(p2)) {
		first, second = p2, p1
	}
	first.mu.Lock()
	second.mu.Lock()
	return trap, renameLocks{first, second, sb}
}

// renameLocks is what lockRename took (a value, not a closure: a rename
// allocates nothing for it).
type renameLocks struct {
	first, second *Dentry
	sb            *Superblock // nil when both parents are one directory
}

// unlock is unlock_rename.
func (l renameLocks) unlock() {
	if l.sb == nil {
		l.first.mu.Unlock()
		return
	}
	l.second.mu.Unlock()
	l.first.mu.Unlock()
	l.sb.renameMu.Unlock()
}

// childToward is d_ancestor(anc, d): the child of anc that d is or lies
// under, or nil if anc is not an ancestor of d.
func childToward(anc, d *Dentry) *Dentry {
	for {
		p := d.Parent()
		if p == anc {
			return d
		}
		if p == d {
			return nil
		}
		d = p
	}
}

// Renameat2 is renameat2(2) (do_renameat2, vfs_rename).
func (t *Task) Renameat2(olddirfd int, oldname string, newdirfd int, newname string, flags uint32) error {
	if flags&^(linux.RENAME_NOREPLACE|linux.RENAME_EXCHANGE|linux.RENAME_WHITEOUT) != 0 {
		return linux.EINVAL
	}
	if flags&linux.RENAME_EXCHANGE != 0 && flags&(linux.RENAME_NOREPLACE|linux.RENAME_WHITEOUT) != 0 {
		return linux.EINVAL
	}
	if flags&linux.RENAME_WHITEOUT != 0 {
		if !t.Cred().HasCap(linux.CAP_MKNOD) {
			return linux.EPERM
		}
	}
	var ond, nnd nameidata
	if err := t.pathParentat(&ond, olddirfd, oldname); err != nil {
		return err
	}
	if err := t.pathParentat(&nnd, newdirfd, newname); err != nil {
		return err
	}
	if ond.path.Mnt != nnd.path.Mnt {
		return linux.EXDEV
	}
	if ond.lastType != lastNorm {
		return linux.EBUSY
	}
	if nnd.lastType != lastNorm {
		if flags&linux.RENAME_NOREPLACE != 0 {
			return linux.EEXIST
		}
		return linux.EBUSY
	}
	if ond.path.Mnt.ReadOnly() {
		return linux.EROFS
	}
	trap, locks := lockRename(nnd.path.Dentry, ond.path.Dentry)
	defer locks.unlock()
	return t.renameLocked(&ond, &nnd, trap, flags)
}

func (t *Task) renameLocked(ond, nnd *nameidata, trap *Dentry, flags uint32) error {
	odir, ndir := ond.path.Dentry, nnd.path.Dentry
	old, err := lookupSlowLocked(odir, ond.last)
	if err != nil {
		return err
	}
	target, err := lookupSlowLocked(ndir, nnd.last)
	if err != nil && (err != linux.ENOENT || missingIsFinal(ndir)) {
		return err
	}
	exchange := flags&linux.RENAME_EXCHANGE != 0
	if flags&linux.RENAME_NOREPLACE != 0 && target != nil {
		return linux.EEXIST
	}
	if exchange {
		if target == nil {
			return linux.ENOENT
		}
		if !target.Inode().IsDir() && nnd.slash {
			return linux.ENOTDIR
		}
	}
	if !old.Inode().IsDir() && (ond.slash || !exchange && nnd.slash) {
		return linux.ENOTDIR
	}
	if old == trap {
		return linux.EINVAL
	}
	if target != nil && target == trap {
		if exchange {
			return linux.EINVAL
		}
		return linux.ENOTEMPTY
	}
	return t.vfsRename(ond.cred, ond.path.Mnt.idmap(), odir, ond.last, old, ndir, nnd.last, target, flags)
}

// vfsRename is vfs_rename: permission, busy and emptiness checks, then the
// filesystem's rename and d_move; a replaced target loses the mounts on it.
// Both parents are locked. Two names of one inode (rename(x, x), or two
// hard links) make it a successful no-op that touches nothing.
func (t *Task) vfsRename(c *Cred, im *mntIdmap, odir *Dentry, oname string, old *Dentry, ndir *Dentry, nname string, target *Dentry, flags uint32) error {
	src := old.Inode()
	if target != nil && target.Inode() == src {
		return nil
	}
	exchange := flags&linux.RENAME_EXCHANGE != 0
	isDir := src.IsDir()
	if err := mayDelete(c, im, odir, old, isDir); err != nil {
		return err
	}
	newIsDir := false
	if target == nil {
		check := mayCreateLocked
		if ndir == odir { // may_delete above checked MAY_WRITE|MAY_EXEC on it
			check = mayCreateBeforePermLocked
		}
		if err := check(c, im, ndir); err != nil {
			return err
		}
	} else {
		newIsDir = target.Inode().IsDir()
		checkDir := isDir
		if exchange {
			checkDir = newIsDir
		}
		if err := mayDelete(c, im, ndir, target, checkDir); err != nil {
			return err
		}
	}
	if odir != ndir {
		if isDir {
			if err := inodePermission(c, im, src, MAY_WRITE); err != nil {
				return err
			}
		}
		if exchange && newIsDir {
			if err := inodePermission(c, im, target.Inode(), MAY_WRITE); err != nil {
				return err
			}
		}
	}
	if t.isLocalMountpoint(old) || target != nil && t.isLocalMountpoint(target) {
		return linux.EBUSY
	}
	var tin *Inode
	if target != nil {
		tin = target.Inode()
		if !exchange && newIsDir {
			target.mu.Lock()
			defer target.mu.Unlock()
			if target.numChildrenLocked() != 0 {
				return linux.ENOTEMPTY
			}
		}
	}
	var whiteout *Inode
	if flags&linux.RENAME_WHITEOUT != 0 {
		w, ok := odir.Inode().Ops.(Whiteouter)
		if !ok {
			return linux.EINVAL
		}
		var err error
		attr := newInodeAttr(c, im, odir.Inode(), linux.S_IFCHR, 0, 0)
		if whiteout, err = w.Whiteout(odir.Inode(), oname, attr); err != nil {
			return err
		}
	}
	if err := odir.Inode().Ops.Rename(odir.Inode(), oname, src, ndir.Inode(), nname, tin, flags&^linux.RENAME_WHITEOUT); err != nil {
		if whiteout != nil {
			_ = odir.Inode().Ops.Unlink(odir.Inode(), oname, whiteout)
		}
		return err
	}
	finishRename(odir, oname, old, ndir, nname, target, exchange)
	if whiteout != nil {
		odir.addChildLocked(oname, whiteout)
	}
	if target != nil && !exchange {
		t.k.detachMounts(target)
	}
	return nil
}

// Whiteouter is implemented by filesystems whose rename takes
// RENAME_WHITEOUT: Whiteout makes the 0:0 character device that is to
// take the source's name (shmem_whiteout). The VFS makes it before the
// rename and names it after.
type Whiteouter interface {
	Whiteout(dir *Inode, name string, attr InodeAttr) (*Inode, error)
}

// finishRename updates the dcache (d_move / d_exchange) and the times.
func finishRename(odir *Dentry, oname string, old *Dentry, ndir *Dentry, nname string, target *Dentry, exchange bool) {
	sb := odir.Inode().sb
	now := sb.CurrentTime() // one read for every time the rename sets
	k := sb.k
	k.renameSeqBegin() // a scoped ".." walking meanwhile starts over
	defer k.renameSeqEnd()
	switch {
	case exchange:
		// d_exchange: each takes the other's place, position included.
		oseq, tseq := old.seq, target.seq
		odir.unhashLocked(oname, old)
		ndir.unhashLocked(nname, target)
		old.setWhere(ndir, nname)
		target.setWhere(odir, oname)
		ndir.insertAtLocked(nname, old, tseq)
		odir.insertAtLocked(oname, target, oseq)
		target.Inode().touchAt("c", now)
	case target != nil:
		ndir.removeChildLocked(nname)
		if target.Inode().IsDir() {
			target.dead = true
		}
		target.Inode().touchAt("c", now)
		fallthrough
	default:
		odir.moveLocked(oname, old, ndir, nname)
	}
	old.Inode().touchAt("c", now)
	dirChangedAt(odir.Inode(), now)
	if ndir != odir {
		dirChangedAt(ndir.Inode(), now)
	}
}

// Rename is rename(2).
func (t *Task) Rename(oldname, newname string) error {
	return t.Renameat2(linux.AT_FDCWD, oldname, linux.AT_FDCWD, newname, 0)
}
