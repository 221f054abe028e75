// SPDX-License-Identifier: Apache-2.0

package libfs

import "sync"

// page is one page of a regular file's data.
type page = [PageSize]byte

// A file's pages are indexed by a radix tree of 64-way nodes, as the page
// cache indexes them with an xarray: a lookup or insert is a few array
// steps with no hashing and no allocation except for a new node every 64
// pages, and a truncation frees a range by whole subtrees. The tree is as
// tall as the highest page index needs: a file below 256 KiB is one leaf.

const (
	fanShift = 6
	fanout   = 1 << fanShift
	fanMask  = fanout - 1
)

// pageLeaf holds 64 consecutive pages.
type pageLeaf [fanout]*page

// pageDir is an inner node: at level 1 its children are leaves, above
// that inner nodes.
type pageDir struct {
	dirs   [fanout]*pageDir
	leaves [fanout]*pageLeaf
}

// pageTable is the radix tree; the file's data mu guards it.
type pageTable struct {
	levels int       // inner levels above the leaves (0: root is a leaf)
	leaf   *pageLeaf // the root when levels == 0
	dir    *pageDir  // the root when levels > 0
	count  int64     // pages present
}

// span returns how many page indexes the tree covers.
func (t *pageTable) span() int64 { return 1 << (fanShift * (t.levels + 1)) }

// get returns page i, or nil for a hole.
func (t *pageTable) get(i int64) *page {
	if i >= t.span() {
		return nil
	}
	if t.levels == 0 {
		if t.leaf == nil {
			return nil
		}
		return t.leaf[i&fanMask]
	}
	d := t.dir
	for l := t.levels; l > 1; l-- {
		if d = d.dirs[(i>>(fanShift*l))&fanMask]; d == nil {
			return nil
		}
	}
	lf := d.leaves[(i>>fanShift)&fanMask]
	if lf == nil {
		return nil
	}
	return lf[i&fanMask]
}

// slot returns where page i is kept, making the nodes on the way.
func (t *pageTable) slot(i int64) **page {
	for i >= t.span() {
		t.grow()
	}
	if t.levels == 0 {
		if t.leaf == nil {
			t.leaf = new(pageLeaf)
		}
		return &t.leaf[i&fanMask]
	}
	d := t.dir
	for l := t.levels; l > 1; l-- {
		k := (i >> (fanShift * l)) & fanMask
		if d.dirs[k] == nil {
			d.dirs[k] = new(pageDir)
		}
		d = d.dirs[k]
	}
	k := (i >> fanShift) & fanMask
	if d.leaves[k] == nil {
		d.leaves[k] = new(pageLeaf)
	}
	return &d.leaves[k][i&fanMask]
}

// remove takes page i out of the table and returns it (nil for a hole).
func (t *pageTable) remove(i int64) *page {
	if t.get(i) == nil {
		return nil
	}
	s := t.slot(i) // its nodes exist
	p := *s
	*s = nil
	t.count--
	return p
}

// grow adds a level on top: the old root becomes the new root's first
// child.
func (t *pageTable) grow() {
	nd := new(pageDir)
	if t.levels == 0 {
		nd.leaves[0] = t.leaf
		t.leaf = nil
	} else {
		nd.dirs[0] = t.dir
	}
	t.dir = nd
	t.levels++
}

// truncate frees every page at index keep or above, handing each to free,
// and returns how many it freed. The root leaf of a small file stays, and
// so does any other leaf left empty that held a fair share of pages (an
// eighth), so that rewriting a truncated file (O_TRUNC, then write) finds
// its nodes in place; sparse ones go.
func (t *pageTable) truncate(keep int64, free func(*page)) int64 {
	var n int64
	if t.levels == 0 {
		n = truncLeaf(t.leaf, 0, keep, free)
	} else {
		n = truncDir(t.dir, t.levels, 0, keep, free)
		if keep == 0 && t.dir.empty() {
			t.dir, t.levels = nil, 0
		}
	}
	t.count -= n
	return n
}

// keptLeaf is how many pages a leaf wholly truncated must have held to
// be kept.
const keptLeaf = fanout / 8

// truncLeaf frees the pages of lf (its first index base) at keep or above.
func truncLeaf(lf *pageLeaf, base, keep int64, free func(*page)) int64 {
	if lf == nil {
		return 0
	}
	var n int64
	for k := max(keep-base, 0); k < fanout; k++ {
		if p := lf[k]; p != nil {
			free(p)
			lf[k] = nil
			n++
		}
	}
	return n
}

// truncDir frees the pages below d (a level-l node, its first index base)
// at keep or above, dropping the sparse leaves and empty nodes wholly past
// keep.
func truncDir(d *pageDir, l int, base, keep int64, free func(*page)) int64 {
	if d == nil {
		return 0
	}
	var n int64
	child := int64(1) << (fanShift * l) // indexes under each child
	for k := int64(0); k < fanout; k++ {
		cb := base + k*child
		if cb+child <= keep {
			continue
		}
		if l == 1 {
			m := truncLeaf(d.leaves[k], cb, keep, free)
			if cb >= keep && m < keptLeaf {
				d.leaves[k] = nil
			}
			n += m
		} else {
			n += truncDir(d.dirs[k], l-1, cb, keep, free)
			if cb >= keep && d.dirs[k] != nil && d.dirs[k].empty() {
				d.dirs[k] = nil
			}
		}
	}
	return n
}

// empty reports whether d has no child node left.
func (d *pageDir) empty() bool {
	for k := range fanout {
		if d.dirs[k] != nil || d.leaves[k] != nil {
			return false
		}
	}
	return true
}

// find returns page i; for a hole, also the end of the range around i
// that is known to hold no page (a missing node's whole range).
func (t *pageTable) find(i int64) (*page, int64) {
	end := func(shift int) int64 { return (i>>shift + 1) << shift }
	if i >= t.span() {
		return nil, -1 // nothing at all beyond the tree
	}
	if t.levels == 0 {
		if t.leaf == nil {
			return nil, t.span()
		}
		return t.leaf[i&fanMask], i + 1
	}
	d := t.dir
	for l := t.levels; l > 1; l-- {
		if d = d.dirs[(i>>(fanShift*l))&fanMask]; d == nil {
			return nil, end(fanShift * l)
		}
	}
	lf := d.leaves[(i>>fanShift)&fanMask]
	if lf == nil {
		return nil, end(fanShift)
	}
	return lf[i&fanMask], i + 1
}

// next returns the first index in [i, limit) holding a page (data true)
// or a hole (data false), or -1 if there is none.
func (t *pageTable) next(i, limit int64, data bool) int64 {
	for i < limit {
		p, past := t.find(i)
		if (p != nil) == data {
			return i
		}
		if p == nil && past < 0 {
			return -1 // data wanted, none beyond
		}
		if p != nil {
			past = i + 1
		}
		i = past
	}
	return -1
}

// freePages keeps pages that truncation and eviction free for the next
// writes, so that rewriting a file (O_TRUNC, then write) reuses its old
// pages rather than allocating and zeroing new ones and leaving the old to
// the collector. The pool lets go of them across garbage collections.
var freePages = sync.Pool{}

func releasePage(p *page) { freePages.Put(p) }

// newPage returns a page for a write that will cover [from, to) of it:
// a recycled page is zeroed outside that range, a fresh one is all zeros.
func newPage(from, to int) *page {
	p, ok := freePages.Get().(*page)
	if !ok {
		return new(page)
	}
	clear(p[:from])
	clear(p[to:])
	return p
}
