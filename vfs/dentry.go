// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"
)

// dname is a dentry's place in the tree; rename swaps it as one pointer so
// that lock-free readers (.. walk, getcwd) see a consistent pair. It is
// also the dentry's entry in its parent's lock-free child table (an
// immutable name and child), so naming a dentry is one allocation.
type dname struct {
	parent *Dentry // the dentry itself at a filesystem root
	self   *Dentry // the dentry so named
	name   string
	hash   uint64 // hashName of the name's key in parent (dentry_ops.go)
}

// setWhere names d name under parent (a new, immutable dname). A dentry's
// first name is d.first, allocated with it, so that a new dentry is one
// allocation; a rename's new name is a fresh one, since a lock-free reader
// may still hold the old (and d.first, once published, never changes).
func (d *Dentry) setWhere(parent *Dentry, name string) {
	w := &d.first
	if d.where.Load() != nil {
		w = new(dname)
	}
	*w = dname{parent: parent, self: d, name: name, hash: hashName(parent.key(name))}
	d.where.Store(w)
}

// Dentry is struct dentry: a name in the directory tree of one superblock.
// The dcache holds only positive dentries; a dentry whose inode is removed is
// unhashed from its parent and marked dead.
type Dentry struct {
	// first is the dentry's first name (setWhere). It comes first, with
	// the inode and the mount count after it, so that a walk's step
	// (the name's hash and bytes in the parent's table, then the child's
	// inode and mount count) reads few cache lines.
	first dname
	inode *Inode
	// mounted counts mounts whose mountpoint this dentry is
	// (d_flags & DCACHE_MOUNTED); zero means the mount hash is not consulted.
	mounted atomic.Int32
	// unlinked is set once the dentry is removed from its parent
	// (d_unlinked).
	unlinked atomic.Bool
	where    atomic.Pointer[dname]

	// mps are the mounts attached on this dentry, guarded by
	// Kernel.namespaceMu.
	mps mountpoints

	// mu guards the children (table's contents and kids), seq and dead;
	// for directories it is also the parent-side lock of namespace
	// operations (i_rwsem).
	mu    sync.RWMutex
	table atomic.Pointer[dirTable] // the children by name, read lock-free
	kids  *dirKids                 // the children by position; nil until the first
	seq   uint64                   // position within the parent
	dead  bool                     // unlinked (S_DEAD on a removed directory)
}

// dirKids is what only a directory with children needs: its children in
// readdir order and the next position to give.
type dirKids struct {
	order   childOrder
	nextSeq uint64
}

// NewRootDentry is d_make_root: the root dentry of a superblock.
func NewRootDentry(in *Inode) *Dentry {
	d := &Dentry{inode: in}
	d.setWhere(d, "/")
	return d
}

// Inode returns the dentry's inode.
func (d *Dentry) Inode() *Inode { return d.inode }

// Name returns the last path component.
func (d *Dentry) Name() string { return d.where.Load().name }

// Parent returns the parent dentry; a root is its own parent (IS_ROOT).
func (d *Dentry) Parent() *Dentry { return d.where.Load().parent }

// IsRoot reports whether d is the root of its superblock's tree.
func (d *Dentry) IsRoot() bool { return d.Parent() == d }

// childLocked returns the cached child name; d.mu must be held. Under the
// lock the table is exact: every change to it is made under d.mu.
func (d *Dentry) childLocked(name string) *Dentry { return d.fastLookup(name, hashName(name)) }

// kidsLocked returns d's children by position, made on first use.
func (d *Dentry) kidsLocked() *dirKids {
	if d.kids == nil {
		d.kids = &dirKids{}
	}
	return d.kids
}

// addChildLocked is d_instantiate + d_add: it hashes a new positive dentry
// for in under name. d.mu must be held for writing.
func (d *Dentry) addChildLocked(name string, in *Inode) *Dentry {
	c := &Dentry{inode: in}
	c.setWhere(d, name)
	d.insertLocked(name, c)
	return c
}

// insertLocked hashes c, already named name under d. d.mu must be held.
func (d *Dentry) insertLocked(name string, c *Dentry) {
	k := d.kidsLocked()
	k.nextSeq++
	c.seq = k.nextSeq
	k.order.push(c.seq, name, c)
	d.tableAddLocked(c)
}

// insertAtLocked hashes c under name at position seq (kept from a dentry
// it changes places with). d.mu must be held.
func (d *Dentry) insertAtLocked(name string, c *Dentry, seq uint64) {
	c.seq = seq
	d.kidsLocked().order.place(seq, name, c)
	d.tableAddLocked(c)
}

// unhashLocked takes c (named name) out of d without marking it unlinked.
func (d *Dentry) unhashLocked(name string, c *Dentry) {
	d.tableRemoveLocked(c)
	d.kids.order.remove(c.seq, name)
}

// removeChildLocked is d_delete/d_drop for name. d.mu must be held.
func (d *Dentry) removeChildLocked(name string) {
	if c := d.childLocked(name); c != nil {
		c.unlinked.Store(true)
		d.unhashLocked(name, c)
	}
}

// moveLocked is d_move: c leaves its parent (name oldName in d) for newName
// in nd; both parents' mu are held.
func (d *Dentry) moveLocked(oldName string, c *Dentry, nd *Dentry, newName string) {
	d.unhashLocked(oldName, c)
	c.setWhere(nd, newName)
	nd.insertLocked(newName, c)
}

// Unlinked is d_unlinked.
func (d *Dentry) Unlinked() bool { return d.unlinked.Load() }

// IsDeadLocked reports whether the directory was removed; d.mu must be held.
func (d *Dentry) IsDeadLocked() bool { return d.dead }

// Child is a cached child and its position: the creation (or rename)
// sequence number within the parent.
type Child struct {
	D   *Dentry
	Seq uint64
}

// ChildrenNewestFirst returns the cached children, most recently created or
// renamed first: the order in which Linux 6.18's tmpfs readdir reports
// entries (new dentries go to the head of d_children).
func (d *Dentry) ChildrenNewestFirst() []Child {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.kids == nil {
		return nil
	}
	o := &d.kids.order
	out := make([]Child, 0, o.live())
	for i := len(o.slots) - 1; i >= 0; i-- {
		if s := o.slots[i]; s.ent.name != "" {
			out = append(out, Child{d.childLocked(s.ent.name), s.seq})
		}
	}
	return out
}

// ReadChildren is dcache_readdir from a cursor: it appends to out, newest
// first, the cached children whose position is below cursor, at most n of
// them (n <= 0: all), each with its position as Off. It costs what it
// returns, whatever the size of the directory.
func (d *Dentry) ReadChildren(out []Dirent, cursor uint64, n int) []Dirent {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.kids == nil {
		return out
	}
	return d.kids.order.appendBelow(out, cursor, n)
}

// IsDead reports whether the directory has been removed (IS_DEADDIR).
func (d *Dentry) IsDead() bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.dead
}

// NumChildren returns the number of cached children.
func (d *Dentry) NumChildren() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.numChildrenLocked()
}

// numChildrenLocked returns the number of cached children; d.mu held.
func (d *Dentry) numChildrenLocked() int {
	if d.kids == nil {
		return 0
	}
	return d.kids.order.live()
}

// IsAncestorOf reports whether d is a proper ancestor of e within one
// superblock (is_subdir, strictly).
func (d *Dentry) IsAncestorOf(e *Dentry) bool {
	for {
		p := e.Parent()
		if p == e {
			return false
		}
		if p == d {
			return true
		}
		e = p
	}
}
