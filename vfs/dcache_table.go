// SPDX-License-Identifier: Apache-2.0

package vfs

import "sync/atomic"

// The path walk looks children up without a lock, as the kernel's RCU walk
// does: each directory has an open-addressing table of child pointers,
// written under the directory's mu and read with atomic loads. A hit is
// checked against the child's current (parent, name), so a reader racing a
// rename or unlink sees either the old or the new state; a miss falls back
// to the locked lookup, which is the authority: under the directory's mu
// the current table is exact.

// dirTable is one generation of a directory's lock-free child table.
type dirTable struct {
	slots []atomic.Pointer[dname]
	live  int // children present
	used  int // slots not nil (children and tombstones)
}

// The slots hold the children's dnames: an immutable (name, child) pair. A
// reader that finds one while the child is being renamed returns the child
// as it was named a moment before, a valid order for two overlapping calls.

// tombstone marks a slot whose child left; probing continues past it.
var tombstone = &dname{}

// eqName compares short names inline; the walk compares mostly short ones.
func eqName(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) > 16 {
		return a == b
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hashName is FNV-1a, computed by the walk while it scans a component.
func hashName(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// fastLookup finds the child name (with hash h) without locking; in a
// filesystem that folds names (DentryOps) by its key.
func (d *Dentry) fastLookup(name string, h uint64) *Dentry {
	if o := d.dops(); o != nil {
		name = o.Key(name)
		h = hashName(name)
	}
	tb := d.table.Load()
	if tb == nil {
		return nil
	}
	mask := uint64(len(tb.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := tb.slots[i].Load()
		if e == nil {
			return nil
		}
		if e.hash == h && e != tombstone && eqName(d.key(e.name), name) {
			return e.self
		}
	}
}

// tableAddLocked publishes child c, named in c.where. d.mu held.
func (d *Dentry) tableAddLocked(c *Dentry) {
	e := c.where.Load()
	tb := d.table.Load()
	if tb == nil || (tb.used+1)*2 > len(tb.slots) {
		d.rebuildTableLocked(e)
		return
	}
	tb.put(e)
}

// put stores e in the first free slot of its probe sequence.
func (tb *dirTable) put(e *dname) {
	mask := uint64(len(tb.slots) - 1)
	for i := e.hash & mask; ; i = (i + 1) & mask {
		s := tb.slots[i].Load()
		if s == nil || s == tombstone {
			if s == nil {
				tb.used++
			}
			tb.live++
			tb.slots[i].Store(e)
			return
		}
	}
}

// tableRemoveLocked withdraws child c, found by its current hash. d.mu held.
func (d *Dentry) tableRemoveLocked(c *Dentry) {
	tb := d.table.Load()
	if tb == nil {
		return
	}
	mask := uint64(len(tb.slots) - 1)
	for i := c.where.Load().hash & mask; ; i = (i + 1) & mask {
		s := tb.slots[i].Load()
		if s == nil {
			return
		}
		if s.self == c {
			tb.slots[i].Store(tombstone)
			tb.live--
			return
		}
	}
}

// rebuildTableLocked makes a new generation holding the old one's
// children and e, sized for them (dropping tombstones), and publishes it;
// readers of the old one still see a consistent, if stale, table and fall
// back on a miss.
func (d *Dentry) rebuildTableLocked(e *dname) {
	old := d.table.Load()
	live := 1
	if old != nil {
		live += old.live
	}
	n := 8
	for n < live*4 {
		n *= 2
	}
	tb := &dirTable{slots: make([]atomic.Pointer[dname], n)}
	if old != nil {
		for i := range old.slots {
			if s := old.slots[i].Load(); s != nil && s != tombstone {
				tb.put(s)
			}
		}
	}
	tb.put(e)
	d.table.Store(tb)
}
