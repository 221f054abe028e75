// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Mounts that would reveal too much. Inside a mount namespace owned by a
// user namespace other than the initial one, a new proc or sysfs (a
// superblock marked UsernsVisible) may only be mounted if the namespace
// already shows one of the same type whole: none of what it has is
// hidden by a mount its owner cannot take away, and it is no more
// read-only and has no other atime setting than the new mount will have
// where those are locked. The new mount then keeps those locks.

// EmptyDirInodes is implemented by the inode operations of filesystems
// with directories that are empty for good (make_empty_dir_inode: the
// places other filesystems mount on, /proc/sys/fs/binfmt_misc or
// /sys/fs/cgroup): a mount covering one hides nothing.
type EmptyDirInodes interface {
	IsEmptyDir(in *Inode) bool
}

// isEmptyDirInode is is_empty_dir_inode.
func isEmptyDirInode(in *Inode) bool {
	e, ok := in.Ops.(EmptyDirInodes)
	return ok && e.IsEmptyDir(in)
}

// mountTooRevealing is mount_too_revealing: whether t may not mount sb
// with mntFlags in its mount namespace; if it may, the locks the new
// mount takes over are added to *mntFlags.
func (t *Task) mountTooRevealing(sb *Superblock, mntFlags *uint32) bool {
	ns := t.MountNamespace()
	if ns.userNS.Level() == 0 || !sb.UsernsVisible {
		return false
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	return !mntAlreadyVisible(ns, sb, mntFlags)
}

// mntAlreadyVisible is mnt_already_visible: a mount of ns of sb's type
// shows its whole filesystem (from its root, with no locked mount on
// anything but an empty directory), with a locked read-only or atime
// setting the new flags keep. namespaceMu is held.
func mntAlreadyVisible(ns *MountNamespace, sb *Superblock, mntFlags *uint32) bool {
	want := *mntFlags
	for m := ns.root; m != nil; m = nextMnt(m, ns.root) {
		if m.sb.fsType != sb.fsType || m.root != m.sb.root {
			continue
		}
		fl := m.Flags()
		if m.sb.ReadOnly() {
			fl |= linux.MNT_LOCK_READONLY
		}
		if fl&linux.MNT_LOCK_READONLY != 0 && want&linux.MNT_READONLY == 0 {
			continue
		}
		if fl&linux.MNT_LOCK_ATIME != 0 && fl&linux.MNT_ATIME_MASK != want&linux.MNT_ATIME_MASK {
			continue
		}
		if hidesSomething(m) {
			continue
		}
		*mntFlags |= fl & (linux.MNT_LOCK_READONLY | linux.MNT_LOCK_ATIME)
		return true
	}
	return false
}

// hidesSomething reports a locked mount on m covering anything but an
// empty directory.
func hidesSomething(m *Mount) bool {
	for l := m.mounts.next; l != &m.mounts; l = l.next {
		c := childOf(l)
		if c.isLocked() && !isEmptyDirInode(c.mountpoint().Inode()) {
			return true
		}
	}
	return false
}

// dropTree is fc_drop_locked: the superblock GetTree made or found is let
// go unmounted, which frees a new one (its first and last active
// reference) and leaves one in use alone.
func (fc *FsContext) dropTree() {
	sb := fc.Root.Inode().Superblock()
	if fc.held == sb {
		fc.held = nil
	} else {
		sb.activate()
	}
	sb.deactivate()
}
