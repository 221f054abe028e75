// SPDX-License-Identifier: Apache-2.0

package vfs

import "strings"

// Cgroup is a cgroup of the unified hierarchy as the core sees it: what a
// task is a member of and a cgroup namespace is rooted at. The hierarchy
// itself (its files, limits and rules) belongs to the cgroup filesystem,
// which the core does not know; a nil Cgroup is the hierarchy's root.
type Cgroup interface {
	// CgroupPath is the cgroup's path from the hierarchy's root: "/" for
	// the root, "/a/b" below it.
	CgroupPath() string
}

// CgroupHierarchy is what a cgroup filesystem gives the core so that
// memberships follow tasks: a child starts in its parent's cgroup, which
// may refuse it (cgroup_can_fork, with EAGAIN past a pids.max; force, for
// a fork that cannot fail, charges it regardless), and an exiting task
// leaves its own (cgroup_exit).
type CgroupHierarchy interface {
	CanFork(parent *Task, force bool) (Cgroup, error)
	// CancelFork gives back what CanFork charged, for a fork that failed
	// after it.
	CancelFork(c Cgroup)
	Exit(t *Task)
}

// cgroupRef boxes a task's Cgroup for an atomic pointer.
type cgroupRef struct{ c Cgroup }

// SetCgroupHierarchy makes h the kernel's unified hierarchy; tasks made
// before it are in its root.
func (k *Kernel) SetCgroupHierarchy(h CgroupHierarchy) { k.cgroups.Store(&h) }

// CgroupHierarchy is what SetCgroupHierarchy gave, or nil.
func (k *Kernel) CgroupHierarchy() CgroupHierarchy {
	if h := k.cgroups.Load(); h != nil {
		return *h
	}
	return nil
}

// Cgroup is the task's cgroup (task_dfl_cgroup); nil is the root.
func (t *Task) Cgroup() Cgroup {
	if r := t.cgroup.Load(); r != nil {
		return r.c
	}
	return nil
}

// SetCgroup records that t is now in c. Only the hierarchy calls it, under
// its own lock, having counted the move.
func (t *Task) SetCgroup(c Cgroup) { t.cgroup.Store(&cgroupRef{c}) }

// cgroupCanFork asks the hierarchy, if there is one, where a child of t
// starts; cgroupCancelFork undoes it.
func (t *Task) cgroupCanFork(force bool) (Cgroup, error) {
	if h := t.k.CgroupHierarchy(); h != nil {
		return h.CanFork(t, force)
	}
	return nil, nil
}

func (t *Task) cgroupCancelFork(c Cgroup) {
	if h := t.k.CgroupHierarchy(); h != nil {
		h.CancelFork(c)
	}
}

// cgroupExit tells the hierarchy, if there is one.
func (t *Task) cgroupExit() {
	if h := t.k.CgroupHierarchy(); h != nil {
		h.Exit(t)
	}
}

// CgroupPathOf is c's path, "/" for nil.
func CgroupPathOf(c Cgroup) string {
	if c == nil {
		return "/"
	}
	return c.CgroupPath()
}

// CgroupRelPath is kernfs_path_from_node for two cgroup paths: the path of
// to as seen from a namespace rooted at from, climbing with "/.." out of
// from to the nearest common ancestor first ("/" when they are the same).
func CgroupRelPath(to, from string) string {
	split := func(p string) []string {
		var out []string
		for _, s := range strings.Split(p, "/") {
			if s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	t, f := split(to), split(from)
	common := 0
	for common < len(t) && common < len(f) && t[common] == f[common] {
		common++
	}
	var b strings.Builder
	for range f[common:] {
		b.WriteString("/..")
	}
	for _, s := range t[common:] {
		b.WriteString("/" + s)
	}
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

// CgroupNamespace is the namespace a filesystem context is for: the
// mounting task's (current->nsproxy->cgroup_ns), else the initial one.
func (fc *FsContext) CgroupNamespace() *CgroupNamespace {
	if fc.task != nil {
		return fc.task.CgroupNamespace()
	}
	return fc.Kernel.initCgroup
}

// IsInitial reports whether c is init_cgroup_ns.
func (c *CgroupNamespace) IsInitial() bool { return c == c.k.initCgroup }
