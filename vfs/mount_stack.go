// SPDX-License-Identifier: Apache-2.0

package vfs

import "runtime"

// Mount stacks. A mount attached on its parent's root is the parent's
// overmount; overmounts chain into a stack (mount -t tmpfs t /x run N times
// makes one N high) whose lowest mount, its base, is attached on an
// ordinary dentry or nowhere. Crossing the mountpoint means reaching the
// top, one hash lookup per layer, and mount(2) on the directory crosses it
// twice (the path walk and lock_mount): the kernel stacks N mounts in time
// quadratic in N. Mount.stack caches the climb:
//
//   - on a base: a mount of its stack, normally the top; nil when nothing
//     is stacked on it or the answer is unknown;
//   - on an overmount: the base of its stack; nil when unknown.
//
// A reader jumps to the cached mount and goes on with lookups from there,
// so a cache naming a mount below the top costs time, never correctness;
// one naming a mount outside the stack would be wrong, and writers (under
// Kernel.namespaceMu, inside mount_lock sections) keep the cache exact for
// every mount not being unmounted. A mount being unmounted has nil, and its
// stack is walked layer by layer.

// isOvermount reports whether m is the mount a lookup finds on its parent's
// root. namespaceMu held.
func isOvermount(m *Mount) bool {
	l := m.link.Load()
	return l != nil && l.mountpoint == l.parent.root && m.tflags&(tHashed|tShadowed) == tHashed
}

// stackBaseLocked returns the base of the stack m is in.
func stackBaseLocked(m *Mount) *Mount {
	if !isOvermount(m) {
		return m
	}
	if b := m.stack.Load(); b != nil {
		return b
	}
	for isOvermount(m) {
		m = m.parent()
	}
	return m
}

// restackLocked records base as the base of from and of every mount stacked
// on it, and the top of the stack on base. from is base or an overmount in
// base's stack; the cost is the number of mounts above from.
func restackLocked(base, from *Mount) {
	top := from
	for {
		if top != base {
			top.stack.Store(base)
		}
		next := top.lookupMntLocked(top.root)
		if next == nil {
			break
		}
		top = next
	}
	if top == base {
		top = nil
	}
	base.stack.Store(top)
}

// stackJoinLocked updates the cache for m, just made visible: it starts a
// stack of its own or tops the stack of its parent. Inside a mount_lock
// section.
func stackJoinLocked(m *Mount) {
	l := m.link.Load()
	if l.mountpoint != l.parent.root {
		restackLocked(m, m)
		return
	}
	restackLocked(stackBaseLocked(l.parent), m)
}

// stackCutLocked updates the cache for m, just unhashed from (p, mp): the
// stack it was on now ends at p, and the mounts on m form a stack of their
// own. Inside a mount_lock section.
func stackCutLocked(m, p *Mount, mp *Dentry) {
	if mp == p.root {
		base := stackBaseLocked(p)
		if base == p {
			base.stack.Store(nil)
		} else {
			base.stack.Store(p)
		}
	}
	restackLocked(m, m)
}

// stackForgetLocked takes the mounts of set, about to be unmounted, out of
// the cache: a surviving stack that one of them topped now ends below it,
// and theirs are walked layer by layer from here on. Done once for the
// whole set, so that unhashing them one by one costs nothing more.
func stackForgetLocked(set []*Mount) {
	k := (*Kernel)(nil)
	for _, m := range set {
		if k == nil {
			k = m.sb.k
			k.mountSeqBegin()
		}
		if isOvermount(m) && !willBeUnmounted(m.parent()) {
			p := m.parent()
			if base := stackBaseLocked(p); base == p {
				base.stack.Store(nil)
			} else {
				base.stack.Store(p)
			}
		}
	}
	for _, m := range set {
		m.stack.Store(nil)
	}
	if k != nil {
		k.mountSeqEnd()
	}
}

// stackSkip is the cached part of the climb: from c, found on (m, d), to
// the highest mount of its stack the cache knows. over says d is m's root
// (c is an overmount).
func stackSkip(c *Mount, over bool) *Mount {
	base := c
	if over {
		if base = c.stack.Load(); base == nil {
			return c
		}
	}
	if t := base.stack.Load(); t != nil {
		return t
	}
	return c
}

// lookupStacked is one step of traverse_mounts: the mount on (m, d), or one
// higher on its stack, or nil; lock-free, inside mount_lock's seqcount.
func (m *Mount) lookupStacked(d *Dentry) *Mount {
	seq := &m.sb.k.mountSeq
	for {
		s := seq.Load()
		if s&1 == 0 {
			c := m.hashFind(d)
			if c != nil {
				c = stackSkip(c, d == m.root)
			}
			if seq.Load() == s {
				return c
			}
		}
		runtime.Gosched() // a writer is inside a short section
	}
}

// lookupStackedLocked is lookupStacked for callers holding namespaceMu.
func (m *Mount) lookupStackedLocked(d *Dentry) *Mount {
	c := m.hashFind(d)
	if c != nil {
		c = stackSkip(c, d == m.root)
	}
	return c
}
