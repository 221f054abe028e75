// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Locked mounts. A mount tree copied into a namespace owned by a less
// privileged user namespace is locked: its mounts may not be taken apart
// to reveal what they cover (MNT_LOCKED), and their read-only, nodev,
// nosuid, noexec and atime settings may not be loosened (MNT_LOCK_*).

// lockBits pairs each per-mount setting a lock may freeze with its lock.
var lockBits = [...]struct{ flag, lock uint32 }{
	{linux.MNT_READONLY, linux.MNT_LOCK_READONLY},
	{linux.MNT_NODEV, linux.MNT_LOCK_NODEV},
	{linux.MNT_NOSUID, linux.MNT_LOCK_NOSUID},
	{linux.MNT_NOEXEC, linux.MNT_LOCK_NOEXEC},
}

// locksFor returns the locks that freeze the settings flags has on, and
// the atime lock (the atime policy is frozen whatever it is).
func locksFor(flags uint32) uint32 {
	locks := uint32(linux.MNT_LOCK_ATIME)
	for _, b := range lockBits {
		if flags&b.flag != 0 {
			locks |= b.lock
		}
	}
	return locks
}

// frozenFlags returns the settings locks freeze on.
func frozenFlags(locks uint32) uint32 {
	var f uint32
	for _, b := range lockBits {
		if locks&b.lock != 0 {
			f |= b.flag
		}
	}
	return f
}

// lockMntTree is lock_mnt_tree: freeze what every mount of top's tree has
// on, and lock every mount in it but top itself (top is what the new
// owner got; what it covers is outside the owner's view anyway).
func lockMntTree(top *Mount) {
	for p := top; p != nil; p = nextMnt(p, top) {
		f := p.Flags()
		f |= locksFor(f)
		if p != top {
			f |= linux.MNT_LOCKED
			p.sb.k.mountsLocked.Store(true)
		}
		p.flags.Store(f)
	}
}

// isLocked reports MNT_LOCKED.
func (m *Mount) isLocked() bool { return m.Flags()&linux.MNT_LOCKED != 0 }

// lock sets MNT_LOCKED on m.
func (m *Mount) lock() {
	m.sb.k.mountsLocked.Store(true)
	m.flags.Or(linux.MNT_LOCKED)
}

// hasLockedChildren is has_locked_children: a locked mount sits on d or
// below it in m. Like Linux it looks at every child of m (a bind from a
// mount with 100 000 children took 5 ms), unless no mount of the kernel
// was ever locked: only user namespaces lock mounts.
func hasLockedChildren(m *Mount, d *Dentry) bool {
	if !m.sb.k.mountsLocked.Load() {
		return false
	}
	for l := m.mounts.next; l != &m.mounts; l = l.next {
		c := childOf(l)
		if c.isLocked() && isSubdir(c.mountpoint(), d) {
			return true
		}
	}
	return false
}

// canChangeLockedFlags is can_change_locked_flags: the new flags keep on
// every setting m has frozen, and the atime policy if that is frozen.
func canChangeLockedFlags(m *Mount, flags uint32) bool {
	cur := m.Flags()
	if frozen := frozenFlags(cur); flags&frozen != frozen {
		return false
	}
	return cur&linux.MNT_LOCK_ATIME == 0 || cur&linux.MNT_ATIME_MASK == flags&linux.MNT_ATIME_MASK
}
