// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Locked mounts. A mount tree copied into a namespace owned by a less
// privileged user namespace is locked: its mounts may not be taken apart
// to reveal what they cover (MNT_LOCKED), and their read-only, nodev,
// nosuid, noexec and atime settings may not be loosened (MNT_LOCK_*).

// lockMntTree is lock_mnt_tree: lock every flag of top's tree and every
// mount in it but top itself (top is what the new owner got; its
// mountpoint is outside what it may see).
func lockMntTree(top *Mount) {
	for p := top; p != nil; p = nextMnt(p, top) {
		f := p.Flags() | linux.MNT_LOCK_ATIME
		for _, pair := range [...][2]uint32{
			{linux.MNT_READONLY, linux.MNT_LOCK_READONLY},
			{linux.MNT_NODEV, linux.MNT_LOCK_NODEV},
			{linux.MNT_NOSUID, linux.MNT_LOCK_NOSUID},
			{linux.MNT_NOEXEC, linux.MNT_LOCK_NOEXEC},
		} {
			if f&pair[0] != 0 {
				f |= pair[1]
			}
		}
		if p != top {
			f |= linux.MNT_LOCKED
		}
		p.flags.Store(f)
	}
}

// isLocked reports MNT_LOCKED.
func (m *Mount) isLocked() bool { return m.Flags()&linux.MNT_LOCKED != 0 }

// hasLockedChildren is has_locked_children: a locked mount sits on d or
// below it in m.
func hasLockedChildren(m *Mount, d *Dentry) bool {
	for l := m.mounts.next; l != &m.mounts; l = l.next {
		c := childOf(l)
		if c.isLocked() && isSubdir(c.mountpoint(), d) {
			return true
		}
	}
	return false
}

// canChangeLockedFlags is can_change_locked_flags: flags (MNT_* bits for
// m's new state) keep every setting m has locked.
func canChangeLockedFlags(m *Mount, flags uint32) bool {
	fl := m.Flags()
	for _, pair := range [...][2]uint32{
		{linux.MNT_LOCK_READONLY, linux.MNT_READONLY},
		{linux.MNT_LOCK_NODEV, linux.MNT_NODEV},
		{linux.MNT_LOCK_NOSUID, linux.MNT_NOSUID},
		{linux.MNT_LOCK_NOEXEC, linux.MNT_NOEXEC},
	} {
		if fl&pair[0] != 0 && flags&pair[1] == 0 {
			return false
		}
	}
	return fl&linux.MNT_LOCK_ATIME == 0 || fl&linux.MNT_ATIME_MASK == flags&linux.MNT_ATIME_MASK
}
