// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"math"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// unlimited is what "max" stands for in cgroup.max.depth and
// cgroup.max.descendants (INT_MAX).
const unlimited = math.MaxInt32

// hierarchy is the kernel's unified hierarchy (cgrp_dfl_root): its
// cgroups, which tasks are in which, and the root's flags (the mount
// options). mu is cgroup_mutex: every change and every rule that looks
// at more than one cgroup holds it.
type hierarchy struct {
	k  *vfs.Kernel
	mu sync.Mutex
	// root is the root cgroup; available the controllers it offers
	// (those bound to this hierarchy rather than to a v1 one).
	root      *cgroup
	available mask
	flags     rootFlags
	nextIno   uint64
	// warnDynmods is pr_warn_once's once.
	warnDynmods sync.Once
	// sbMu guards sb, the one superblock every mount shows, made by the
	// first mount and then kept (kernfs frees it with its last mount;
	// here a later mount keeps its device number).
	sbMu sync.Mutex
	sb   *vfs.Superblock
}

// cgroup is struct cgroup. name and parent never change (the unified
// hierarchy refuses renames), so its path is read without a lock; the
// rest is guarded by the hierarchy's mu.
type cgroup struct {
	h      *hierarchy
	name   string
	parent *cgroup
	// children are the live child cgroups, in creation order.
	children []*cgroup
	// ino is the directory's inode number; its files follow it.
	ino uint64
	// nrTasks are the tasks in the cgroup itself; nrDescendants its live
	// cgroups below (all levels).
	nrTasks       int
	nrDescendants int
	// subtreeControl are the controllers enabled for the children.
	subtreeControl mask
	maxDepth       int
	maxDescendants int
	freeze         bool
	pressure       bool
	// dom is the threaded domain (dom_cgrp): the cgroup itself unless it
	// is threaded. nrThreadedChildren counts its threaded children.
	dom                *cgroup
	nrThreadedChildren int
	dead               bool
	// attrs are the mode and owner of the directory (index 0) and of
	// each file (its index in files, plus one), as mkdir made them and
	// chmod and chown changed them (kernfs keeps them in its nodes).
	attrs []nodeAttr
	pids  pidsState
	tun   tunables
}

// nodeAttr is a node's mode (type bits included) and owner.
type nodeAttr struct{ mode, uid, gid uint32 }

// CgroupPath implements vfs.Cgroup.
func (c *cgroup) CgroupPath() string {
	if c.parent == nil {
		return "/"
	}
	var parts []string
	for ; c.parent != nil; c = c.parent {
		parts = append(parts, c.name)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString("/" + parts[i])
	}
	return b.String()
}

func newHierarchy(k *vfs.Kernel, available mask) *hierarchy {
	h := &hierarchy{k: k, available: available, nextIno: 1}
	h.root = h.newCgroup(nil, "", linux.S_IFDIR|0o555, 0, 0)
	return h
}

// newCgroup makes a cgroup with its inode numbers: the directory's, then
// one for each of its files, as kernfs numbers nodes in creation order.
func (h *hierarchy) newCgroup(parent *cgroup, name string, mode, uid, gid uint32) *cgroup {
	c := &cgroup{h: h, name: name, parent: parent, ino: h.nextIno, maxDepth: unlimited,
		maxDescendants: unlimited, pressure: true,
		pids: pidsState{max: pidsLimitMax}, tun: defaultTunables()}
	// The files belong to the cgroup's maker too (cgroup_kn_set_ugid).
	c.attrs = make([]nodeAttr, len(files)+1)
	c.attrs[0] = nodeAttr{mode, uid, gid}
	for i, f := range files {
		c.attrs[i+1] = nodeAttr{linux.S_IFREG | f.mode, uid, gid}
	}
	c.dom = c // a new cgroup is a domain, an invalid one below a threaded cgroup
	h.nextIno += uint64(len(files)) + 1
	return c
}

// taskCgroup is t's cgroup, the root when the core holds none.
func (h *hierarchy) taskCgroup(t *vfs.Task) *cgroup {
	if c, ok := t.Cgroup().(*cgroup); ok {
		return c
	}
	return h.root
}

// CanFork implements vfs.CgroupHierarchy: the child joins its parent's
// cgroup (cgroup_post_fork), unless that would take a cgroup where the
// pids controller is active past its pids.max (pids_can_fork: EAGAIN).
func (h *hierarchy) CanFork(parent *vfs.Task, force bool) (vfs.Cgroup, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.taskCgroup(parent)
	if !force {
		if err := c.chargePids(); err != nil {
			return nil, err
		}
	}
	c.nrTasks++
	return c, nil
}

// CancelFork implements vfs.CgroupHierarchy.
func (h *hierarchy) CancelFork(cg vfs.Cgroup) {
	h.mu.Lock()
	defer h.mu.Unlock()
	cg.(*cgroup).nrTasks--
}

// Exit implements vfs.CgroupHierarchy: the task no longer counts in its
// cgroup (cgroup_exit), which may leave it unpopulated. A task the core
// holds no cgroup for (made before the hierarchy) was never counted.
func (h *hierarchy) Exit(t *vfs.Task) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c, ok := t.Cgroup().(*cgroup); ok {
		c.nrTasks--
		t.SetCgroup(nil)
	}
}

// attach moves t into dst (cgroup_migrate), counting it; mu is held.
func (h *hierarchy) attach(t *vfs.Task, dst *cgroup) {
	src := h.taskCgroup(t)
	if src == dst {
		return
	}
	src.nrTasks--
	dst.nrTasks++
	t.SetCgroup(dst)
}

func (c *cgroup) threaded() bool { return c.dom != c }
func (c *cgroup) isRoot() bool   { return c.parent == nil }

// populated reports whether a task is in c or below it.
func (c *cgroup) populated() bool {
	if c.nrTasks > 0 {
		return true
	}
	for _, ch := range c.children {
		if ch.populated() {
			return true
		}
	}
	return false
}

// isDescendant is cgroup_is_descendant: c is anc or below it.
func (c *cgroup) isDescendant(anc *cgroup) bool {
	for ; c != nil; c = c.parent {
		if c == anc {
			return true
		}
	}
	return false
}

// frozen is the effective freeze: c's own cgroup.freeze or an
// ancestor's. Tasks here are not stopped; a cgroup counts as frozen
// as soon as it is asked to be.
func (c *cgroup) frozen() bool {
	for ; c != nil; c = c.parent {
		if c.freeze {
			return true
		}
	}
	return false
}

// threadRoot is cgroup_is_thread_root.
func (c *cgroup) threadRoot() bool { return c.nrThreadedChildren > 0 }

// validDomain is cgroup_is_valid_domain: not threaded, and below no
// thread root but the root cgroup.
func (c *cgroup) validDomain() bool {
	if c.threaded() {
		return false
	}
	for p := c.parent; p != nil; p = p.parent {
		if (!p.isRoot() && p.threadRoot()) || p.threaded() {
			return false
		}
	}
	return true
}

// canBeThreadRoot is cgroup_can_be_thread_root.
func (c *cgroup) canBeThreadRoot() bool {
	if c.isRoot() {
		return true
	}
	if c.threaded() || c.subtreeControl&^threadedMask != 0 {
		return false
	}
	for _, ch := range c.children {
		if !ch.threaded() && ch.populated() {
			return false
		}
	}
	return true
}

// control is cgroup_control: the controllers c's parent enabled for it,
// or the hierarchy's for the root.
func (c *cgroup) control() mask {
	if c.parent == nil {
		return c.h.available
	}
	return c.parent.subtreeControl
}

// hasCSS reports whether controller s is active in c (a css exists):
// every implicit one, and the others where the parent enabled them.
func (c *cgroup) hasCSS(s int) bool {
	bit := mask(1) << s
	if c.isRoot() || bit&implicitMask != 0 {
		return c.h.boundMask()&bit != 0
	}
	return c.parent.subtreeControl&bit != 0
}

// boundMask is the controllers bound to the hierarchy, the implicit
// ones included.
func (h *hierarchy) boundMask() mask { return h.available | implicitMask }

// mkdir is cgroup_mkdir: a new child of parent, unless the limits of
// parent or an ancestor forbid it (EAGAIN).
func (h *hierarchy) mkdir(parent *cgroup, name string, mode, uid, gid uint32) (*cgroup, error) {
	if strings.ContainsRune(name, '\n') {
		return nil, linux.EINVAL
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if parent.dead {
		return nil, linux.ENODEV
	}
	if !parent.limitsAllowChild() {
		return nil, linux.EAGAIN
	}
	c := h.newCgroup(parent, name, linux.S_IFDIR|mode&0o7777, uid, gid)
	parent.children = append(parent.children, c)
	for a := parent; a != nil; a = a.parent {
		a.nrDescendants++
	}
	return c, nil
}

// limitsAllowChild reports whether a new child of p stays within the
// cgroup.max.depth and cgroup.max.descendants of p and of every cgroup
// above it; mu is held.
func (p *cgroup) limitsAllowChild() bool {
	depth := 1 // of the new cgroup below a
	for a := p; a != nil; a = a.parent {
		if !a.hasRoomAt(depth) {
			return false
		}
		depth++
	}
	return true
}

// hasRoomAt reports whether c takes one more descendant, depth levels
// below it.
func (c *cgroup) hasRoomAt(depth int) bool {
	return depth <= c.maxDepth && c.nrDescendants < c.maxDescendants
}

// rmdir is cgroup_rmdir: a cgroup with tasks or children stays (EBUSY).
func (h *hierarchy) rmdir(c *cgroup) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c.isRoot() || c.populated() || len(c.children) > 0 {
		return linux.EBUSY
	}
	c.dead = true
	p := c.parent
	for i, ch := range p.children {
		if ch == c {
			p.children = append(p.children[:i:i], p.children[i+1:]...)
			break
		}
	}
	if c.threaded() {
		p.nrThreadedChildren--
	}
	for a := p; a != nil; a = a.parent {
		a.nrDescendants--
	}
	return nil
}

// lookup finds a live child by name.
func (c *cgroup) lookup(name string) *cgroup {
	for _, ch := range c.children {
		if ch.name == name {
			return ch
		}
	}
	return nil
}

// tasksIn lists the live tasks in c itself (withSubtree: also below it).
func (h *hierarchy) tasksIn(c *cgroup, withSubtree bool) []*vfs.Task {
	var out []*vfs.Task
	for _, t := range h.k.Tasks() {
		tc := h.taskCgroup(t)
		if tc == c || withSubtree && tc.isDescendant(c) {
			out = append(out, t)
		}
	}
	return out
}
