// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// countedNS is what a namespace holding nothing the VFS must free has of
// its own: a count of its tasks and open files, the last of which gives
// its inode number back (the initial namespaces keep their fixed ones).
type countedNS struct {
	nsCommon
	k     *Kernel
	users atomic.Int32
}

func (c *countedNS) common() *nsCommon { return &c.nsCommon }
func (c *countedNS) get()              { c.users.Add(1) }

func (c *countedNS) put() {
	if c.users.Add(-1) == 0 {
		c.k.freeNsInum(&c.nsCommon)
	}
}

// Owner is the user namespace the namespace belongs to (nil: the initial
// one).
func (c *countedNS) Owner() *UserNamespace { return c.userNS }

// init is the common part of clone_*_ns: a fresh number, owned by owner,
// with one user.
func (c *countedNS) init(k *Kernel, owner *UserNamespace) {
	c.k, c.inum, c.userNS = k, k.allocNsInum(), owner
	c.users.Store(1)
}

// NetNamespace is struct net as far as the VFS sees it. linuxvfs has no
// network stack, so a network namespace holds no devices; it is an
// identity with an owner, which is what unshare(CLONE_NEWNET), setns,
// /proc/<pid>/ns/net and sysfs (one superblock per network namespace,
// mountable by the namespace's owner) need.
type NetNamespace struct {
	countedNS
	// fsData is per-namespace filesystem state (sysfs's superblock),
	// as Kernel.FsData is per kernel.
	fsData sync.Map
}

func (n *NetNamespace) Kind() string      { return "net" }
func (n *NetNamespace) CloneFlag() uint64 { return linux.CLONE_NEWNET }

// FsData returns the value a filesystem keeps for this namespace under
// key, made by mk on first use.
func (n *NetNamespace) FsData(key any, mk func() any) any {
	if v, ok := n.fsData.Load(key); ok {
		return v
	}
	v, _ := n.fsData.LoadOrStore(key, mk())
	return v
}

// IsInitial reports whether n is init_net.
func (n *NetNamespace) IsInitial() bool { return n == n.k.initNet }

// NetNamespace returns the task's network namespace.
func (t *Task) NetNamespace() *NetNamespace { return t.netns.Load() }

// NetNamespace is the namespace a filesystem context is for: the
// mounting task's (current->nsproxy->net_ns), else the initial one.
func (fc *FsContext) NetNamespace() *NetNamespace {
	if fc.task != nil {
		return fc.task.NetNamespace()
	}
	return fc.Kernel.initNet
}

// CgroupNamespace is struct cgroup_namespace: a task's view of the cgroup
// hierarchy, rooted at the cgroup its maker was in (root_cset).
type CgroupNamespace struct {
	countedNS
	root Cgroup // nil: the hierarchy's root
}

// Root is the cgroup the namespace is rooted at; nil is the hierarchy's
// root.
func (c *CgroupNamespace) Root() Cgroup { return c.root }

func (c *CgroupNamespace) Kind() string      { return "cgroup" }
func (c *CgroupNamespace) CloneFlag() uint64 { return linux.CLONE_NEWCGROUP }

// CgroupNamespace returns the task's cgroup namespace.
func (t *Task) CgroupNamespace() *CgroupNamespace { return t.cgroupns.Load() }

// CgroupLines is /proc/<pid>/cgroup for t as reader sees it
// (proc_cgroup_show): one line for the unified hierarchy, t's cgroup
// relative to the root of the reader's cgroup namespace ("/.." above it).
func (t *Task) CgroupLines(reader *Task) string {
	from := CgroupPathOf(reader.CgroupNamespace().Root())
	return "0::" + CgroupRelPath(CgroupPathOf(t.Cgroup()), from) + "\n"
}

// unshareOtherNS makes the new network, cgroup and time namespaces of an
// unshare(2) that can no longer fail (copy_net_ns, copy_cgroup_ns,
// copy_time_ns). The new time namespace starts from the offsets of the
// one for children and becomes that one.
func (t *Task) unshareOtherNS(flags uint64, owner *UserNamespace) {
	if flags&linux.CLONE_NEWNET != 0 {
		n := &NetNamespace{}
		n.init(t.k, owner)
		t.netns.Swap(n).put()
	}
	if flags&linux.CLONE_NEWCGROUP != 0 {
		c := &CgroupNamespace{root: t.Cgroup()}
		c.init(t.k, owner)
		t.cgroupns.Swap(c).put()
	}
	if flags&linux.CLONE_NEWTIME != 0 {
		t.timensChildren.Swap(t.k.cloneTimeNS(owner, t.TimeNSForChildren())).put()
	}
}
