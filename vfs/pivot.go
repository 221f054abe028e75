// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Chroot is chroot(2).
func (t *Task) Chroot(name string) error {
	return retryGone(func() error {
		p, err := t.pathLookupat(linux.AT_FDCWD, name, lookupFollow|lookupDirectory)
		if err != nil {
			return err
		}
		if err := inodePermission(t.Cred(), p.Mnt.idmap(), p.Dentry.Inode(), MAY_EXEC); err != nil {
			return err
		}
		if c := t.Cred(); !c.NsCapable(c.UserNS, linux.CAP_SYS_CHROOT) {
			return linux.EPERM
		}
		if !t.fsStruct().update(func(s *fsState) { s.root = p }) {
			return errMountGone
		}
		return nil
	})
}

// isPathReachable is is_path_reachable: (m, d) lies under root. Going up
// the attachments from m, the first one on root's mount must lie under
// root's dentry.
func isPathReachable(m *Mount, d *Dentry, root Path) bool {
	at := Path{m, d}
	for up := range m.attachments {
		if at.Mnt == root.Mnt {
			break
		}
		at = up
	}
	return at.Mnt == root.Mnt && isSubdir(at.Dentry, root.Dentry)
}

// PivotRoot is pivot_root(2): new_root becomes the root mount of the
// caller's namespace position and the old root moves to put_old.
func (t *Task) PivotRoot(newRoot, putOld string) error {
	if !t.mayMount() {
		return linux.EPERM
	}
	nw, err := t.pathLookupat(linux.AT_FDCWD, newRoot, lookupFollow|lookupDirectory)
	if err != nil {
		return err
	}
	old, err := t.pathLookupat(linux.AT_FDCWD, putOld, lookupFollow|lookupDirectory)
	if err != nil {
		return err
	}
	root := t.Root()
	t.k.lockNamespace()
	if err := lockMountLocked(&old); err != nil {
		t.k.unlockNamespace()
		return err
	}
	err = t.pivotRootLocked(nw, old, root)
	if err == nil {
		t.k.chrootFSRefs(root, nw)
	}
	t.k.unlockNamespace()
	return err
}

func (t *Task) pivotRootLocked(nw, old, root Path) error {
	newMnt, rootMnt, oldMnt := nw.Mnt, root.Mnt, old.Mnt
	exParent, rootParent := newMnt.parent(), rootMnt.parent()
	if oldMnt.isShared() || exParent.isShared() || rootParent.isShared() {
		return linux.EINVAL
	}
	if !t.checkMnt(rootMnt) || !t.checkMnt(newMnt) || newMnt.isLocked() {
		return linux.EINVAL
	}
	if nw.Dentry.Unlinked() {
		return linux.ENOENT
	}
	if newMnt == rootMnt || oldMnt == rootMnt {
		return linux.EBUSY
	}
	switch {
	case !pathMounted(root), !rootMnt.hasParent(), !pathMounted(nw), !newMnt.hasParent(),
		!isPathReachable(oldMnt, old.Dentry, nw), !isPathReachable(newMnt, nw.Dentry, root):
		return linux.EINVAL
	}
	rootMP := rootMnt.mountpoint()
	umountMnt(newMnt)
	attachMnt(newMnt, rootParent, rootMP)
	umountMnt(rootMnt)
	if rootMnt.isLocked() { // the lock stays on what covers the old root's place
		newMnt.lock()
		rootMnt.flags.And(^uint32(linux.MNT_LOCKED))
	}
	attachMnt(rootMnt, oldMnt, old.Dentry)
	t.MountNamespace().touch()
	return nil
}
