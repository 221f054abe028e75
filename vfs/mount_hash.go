// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"
	"unsafe"
)

// The mount hash (m_hash, keyed by parent mount and mountpoint dentry) is
// read without a lock, as the kernel's __lookup_mnt is under RCU: each
// parent has an open-addressing table of child pointers, written under
// Kernel.namespaceMu and read with atomic loads. Writers bracket every
// change with Kernel.mountSeq (mount_lock's seqcount) and readers retry
// when it moved, so a lookup never sees half of a change, such as a mount
// tucked under a propagated copy before the copy is hashed.

// mountTable is one generation of a parent's children table. A slot holds
// a child, nil (never used) or mountTombstone; a child's key is the
// mountpoint of its link, which does not change while it is hashed.
type mountTable struct {
	slots []atomic.Pointer[Mount]
	live  int
	used  int // slots not nil
	// shadowed counts the parent's children hidden by a newer mount on
	// their key (tShadowed), so that unhashing looks for one to show
	// again only under a parent that has one.
	shadowed int
}

var mountTombstone = new(Mount)

// hashDentry mixes a dentry's address; Go's collector does not move heap
// objects, so the address is a stable key.
func hashDentry(d *Dentry) uint64 {
	h := uint64(uintptr(unsafe.Pointer(d))) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}

// mountSeqBegin is write_seqlock(&mount_lock); sections nest, and only the
// outermost moves the count. namespaceMu held.
func (k *Kernel) mountSeqBegin() {
	if k.mountSeqDepth == 0 {
		k.mountSeq.Add(1)
	}
	k.mountSeqDepth++
}

// mountSeqEnd is write_sequnlock(&mount_lock).
func (k *Kernel) mountSeqEnd() {
	if k.mountSeqDepth--; k.mountSeqDepth == 0 {
		k.mountSeq.Add(1)
	}
}

// lookupMntLocked is __lookup_mnt for callers holding Kernel.namespaceMu,
// which every writer of the tables holds too.
func (m *Mount) lookupMntLocked(d *Dentry) *Mount { return m.hashFind(d) }

func (m *Mount) hashFind(d *Dentry) *Mount {
	tb := m.hash.Load()
	if tb == nil {
		return nil
	}
	mask := uint64(len(tb.slots) - 1)
	for i := hashDentry(d) & mask; ; i = (i + 1) & mask {
		c := tb.slots[i].Load()
		if c == nil {
			return nil
		}
		if c != mountTombstone {
			if l := c.link.Load(); l != nil && l.mountpoint == d {
				return c
			}
		}
	}
}

// hashAddLocked hashes child under m at d; a child already hashed there is
// hidden and returned. namespaceMu held, inside a mount_lock section.
func (m *Mount) hashAddLocked(child *Mount, d *Dentry) (hidden *Mount) {
	tb := m.hash.Load()
	if tb == nil || (tb.used+1)*4 > len(tb.slots)*3 {
		tb = m.rebuildHashLocked(tb)
	}
	mask := uint64(len(tb.slots) - 1)
	free := -1
	for i := hashDentry(d) & mask; ; i = (i + 1) & mask {
		c := tb.slots[i].Load()
		if c == nil {
			if free < 0 {
				free = int(i)
				tb.used++
			}
			break
		}
		if c == mountTombstone {
			if free < 0 {
				free = int(i)
			}
			continue
		}
		if c.link.Load().mountpoint == d {
			tb.slots[i].Store(child)
			return c
		}
	}
	tb.live++
	tb.slots[free].Store(child)
	return nil
}

// hashRemoveLocked unhashes child from m's table, hashed at d; it reports
// whether child was the one hashed there.
func (m *Mount) hashRemoveLocked(child *Mount, d *Dentry) bool {
	tb := m.hash.Load()
	if tb == nil {
		return false
	}
	mask := uint64(len(tb.slots) - 1)
	for i := hashDentry(d) & mask; ; i = (i + 1) & mask {
		switch tb.slots[i].Load() {
		case nil:
			return false
		case child:
			tb.slots[i].Store(mountTombstone)
			tb.live--
			return true
		}
	}
}

// rebuildHashLocked publishes a new generation sized for old's children
// plus one, without tombstones; readers of old see it unchanged.
//
// A table is rebuilt when three quarters of its slots are used and made at
// most half full, so it stays between a quarter and three quarters full: a
// quarter of the slots lies between a rebuild and the next one, and a
// hash of many bind mounts costs 11 to 32 bytes a child (issue 15 counts
// a bind's bytes). Probes stay short: a lookup is made only for a dentry
// that is a mountpoint, and it mostly finds its mount.
func (m *Mount) rebuildHashLocked(old *mountTable) *mountTable {
	n, live := 8, 1
	if old != nil {
		live += old.live
	}
	for n < live*2 {
		n *= 2
	}
	tb := &mountTable{slots: make([]atomic.Pointer[Mount], n)}
	if old != nil {
		tb.shadowed = old.shadowed
		mask := uint64(n - 1)
		for j := range old.slots {
			c := old.slots[j].Load()
			if c == nil || c == mountTombstone {
				continue
			}
			i := hashDentry(c.link.Load().mountpoint) & mask
			for tb.slots[i].Load() != nil {
				i = (i + 1) & mask
			}
			tb.slots[i].Store(c)
			tb.used++
			tb.live++
		}
	}
	m.hash.Store(tb)
	return tb
}
