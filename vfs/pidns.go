// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// PID namespaces (kernel/pid.c, kernel/pid_namespace.c) as far as procfs
// and the tasks' own numbers need them. A task has one number in each
// namespace from its own up to the initial one (struct pid's numbers);
// a namespace sees its own tasks and those of its descendants, never its
// ancestors'. Its first task is number 1, its reaper; once that task has
// exited the namespace takes no more tasks.

// Constants of kernel/pid.c and include/linux/pid_namespace.h.
const (
	pidInitIno    = 0xEFFFFFFC // PROC_PID_INIT_INO
	maxPidNSLevel = 32         // MAX_PID_NS_LEVEL
	pidMax        = 32768      // PID_MAX_DEFAULT, the default pid_max
	reservedPids  = 300        // RESERVED_PIDS: where numbering restarts
)

// PidNamespace is struct pid_namespace.
type PidNamespace struct {
	nsCommon
	k      *Kernel
	parent *PidNamespace
	level  int
	// The fields below are guarded by pidmapMu.
	//
	// tasks are the live tasks by their number here (the namespace's idr).
	tasks map[int32]*Task
	// cursor is where the search for the next free number starts
	// (idr_alloc_cyclic's cursor).
	cursor int32
	// reaper is child_reaper, the task that got number 1; it stays set
	// after that task exits.
	reaper *Task
	// closed is !PIDNS_ADDING: the reaper has exited.
	closed bool
	refs   atomic.Int32
}

// pidmapMu is pidmap_lock: it guards every namespace's numbers.
var pidmapMu sync.Mutex

// upid is struct upid: a task's number in one namespace.
type upid struct {
	nr int32
	ns *PidNamespace
}

func (ns *PidNamespace) common() *nsCommon { return &ns.nsCommon }

// Kind implements Namespace.
func (ns *PidNamespace) Kind() string { return "pid" }

// CloneFlag implements Namespace.
func (ns *PidNamespace) CloneFlag() uint64 { return linux.CLONE_NEWPID }

// get is get_pid_ns; the initial namespace is not counted.
func (ns *PidNamespace) get() {
	if ns.parent != nil {
		ns.refs.Add(1)
	}
}

// put is put_pid_ns: the last reference frees the namespace's nsfs number
// and drops what it held of its owner and its parent.
func (ns *PidNamespace) put() {
	for ns != nil && ns.parent != nil && ns.refs.Add(-1) == 0 {
		ns.k.freeNsInum(&ns.nsCommon)
		ns.uncharge()
		ns.userNS.put()
		ns = ns.parent
	}
}

// Get takes a reference on ns, as a procfs superblock holds its namespace.
func (ns *PidNamespace) Get() { ns.get() }

// Put drops a reference Get took.
func (ns *PidNamespace) Put() { ns.put() }

// Level returns the namespace's depth, 0 for the initial one.
func (ns *PidNamespace) Level() int { return ns.level }

// Parent returns the parent namespace, nil for the initial one.
func (ns *PidNamespace) Parent() *PidNamespace { return ns.parent }

// Owner returns the user namespace that owns ns (nil: the initial one).
func (ns *PidNamespace) Owner() *UserNamespace { return ns.userNS }

// newInitPidNS is init_pid_ns.
func newInitPidNS(k *Kernel) *PidNamespace {
	return &PidNamespace{k: k, nsCommon: nsCommon{inum: pidInitIno}, tasks: map[int32]*Task{}}
}

// InitPidNS returns the kernel's initial PID namespace.
func (k *Kernel) InitPidNS() *PidNamespace { return k.initPidNS }

// createPidNS is create_pid_namespace: a child of parent owned by owner,
// which must be parent's owner or a descendant of it (EINVAL), at most
// maxPidNSLevel deep (ENOSPC).
func (k *Kernel) createPidNS(owner *UserNamespace, euid uint32, parent *PidNamespace) (*PidNamespace, error) {
	if !inUserNS(parent.userNS, owner) {
		return nil, linux.EINVAL
	}
	if parent.level+1 > maxPidNSLevel {
		return nil, linux.ENOSPC
	}
	ns := &PidNamespace{k: k, parent: parent, level: parent.level + 1, tasks: map[int32]*Task{}}
	if err := k.chargeNs(&ns.nsCommon, owner, euid, ucPidNS); err != nil {
		return nil, err
	}
	ns.inum = k.allocNsInum()
	ns.userNS = owner
	owner.get()
	parent.get()
	ns.refs.Store(1)
	return ns, nil
}

// freeNr is the search of idr_alloc_cyclic over [min, pidMax): the first
// free number from the cursor on, wrapping to min; numbers restart at
// reservedPids once the cursor has passed it (alloc_pid's pid_min).
func (ns *PidNamespace) freeNr() (int32, bool) {
	low := int32(1)
	if ns.cursor > reservedPids {
		low = reservedPids
	}
	start := max(ns.cursor, low)
	for nr := start; nr < pidMax; nr++ {
		if ns.tasks[nr] == nil {
			return nr, true
		}
	}
	for nr := low; nr < start; nr++ {
		if ns.tasks[nr] == nil {
			return nr, true
		}
	}
	return 0, false
}

// pidReserved holds a number allocPid gave a task not yet made
// (idr_alloc of NULL): taken, but not a task anyone can find.
var pidReserved = &Task{}

// allocPid is alloc_pid: a number for t in ns and in each of its
// ancestors, reserved until attachPid. A namespace whose reaper has
// exited takes no more tasks (ENOMEM) unless force is set; a full one
// gives EAGAIN.
func allocPid(t *Task, ns *PidNamespace, force bool) error {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	if ns.closed && !force {
		return linux.ENOMEM
	}
	pids := make([]upid, ns.level+1)
	for p := ns; p != nil; p = p.parent {
		nr, ok := p.freeNr()
		if !ok {
			return linux.EAGAIN
		}
		pids[p.level] = upid{nr, p}
	}
	for _, u := range pids {
		u.ns.tasks[u.nr] = pidReserved
		u.ns.cursor = u.nr + 1
	}
	ns.get()
	t.pids = pids
	t.tid = pids[0].nr
	return nil
}

// attachPid is attach_pid: the task, now whole, is found by its numbers.
// The one that got number 1 becomes its namespace's reaper.
func (t *Task) attachPid() {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	for _, u := range t.pids {
		u.ns.tasks[u.nr] = t
	}
	if own := t.pids[len(t.pids)-1]; own.nr == 1 {
		own.ns.reaper = t
	}
}

// freePid is free_pid at the task's exit: its numbers become free. When
// the reaper of a namespace below the initial one exits, the namespace
// closes and its other tasks are sent SIGKILL (zap_pid_ns_processes;
// tasks here only record it).
func (t *Task) freePid() {
	ns := t.PidNamespace()
	var victims []*Task
	pidmapMu.Lock()
	keep := t.leaveGroupsLocked()
	for _, u := range t.pids {
		switch {
		case u.ns.tasks[u.nr] != t:
		case keep:
			u.ns.tasks[u.nr] = pidReserved // a group's ID still (pgrp.go)
		default:
			delete(u.ns.tasks, u.nr)
		}
	}
	if ns.reaper == t && ns.parent != nil {
		ns.closed = true
		for _, v := range ns.tasks {
			if v != pidReserved {
				victims = append(victims, v)
			}
		}
	}
	pidmapMu.Unlock()
	for _, v := range victims {
		v.SendSiginfo(Siginfo{Signo: linux.SIGKILL, Code: linux.SI_KERNEL})
	}
	ns.put()
}

// Task is find_task_by_pid_ns: the live task numbered nr in ns.
func (ns *PidNamespace) Task(nr int32) *Task {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	if t := ns.tasks[nr]; t != pidReserved {
		return t
	}
	return nil
}

// Pids returns the numbers of ns's live tasks in increasing order, as
// proc's readdir walks them (next_tgid).
func (ns *PidNamespace) Pids() []int32 {
	pidmapMu.Lock()
	out := make([]int32, 0, len(ns.tasks))
	for nr, t := range ns.tasks {
		if t != pidReserved {
			out = append(out, nr)
		}
	}
	pidmapMu.Unlock()
	slices.Sort(out)
	return out
}

// PidNamespace is task_active_pid_ns: the namespace t has its own number
// in.
func (t *Task) PidNamespace() *PidNamespace { return t.pids[len(t.pids)-1].ns }

// PidNSForChildren is nsproxy->pid_ns_for_children: the namespace t's new
// children get their own number in.
func (t *Task) PidNSForChildren() *PidNamespace { return t.pidNSChildren.Load() }

// PidIn is task_pid_nr_ns: t's number in ns, 0 if ns cannot see t. It
// stays valid after t exits (struct pid outlives the task).
func (t *Task) PidIn(ns *PidNamespace) int32 {
	if ns.level < len(t.pids) && t.pids[ns.level].ns == ns {
		return t.pids[ns.level].nr
	}
	return 0
}

// Getpid is getpid(2): t's number in its own namespace.
func (t *Task) Getpid() int32 { return t.pids[len(t.pids)-1].nr }

// NSPids returns t's numbers from ns down to its own namespace, as
// status's NSpid line shows them; nil if ns cannot see t.
func (t *Task) NSPids(ns *PidNamespace) []int32 {
	if t.PidIn(ns) == 0 {
		return nil
	}
	out := make([]int32, 0, len(t.pids)-ns.level)
	for _, u := range t.pids[ns.level:] {
		out = append(out, u.nr)
	}
	return out
}

// realParent is t's parent: the task that forked it or, once that one
// has exited, the reaper of t's namespace it was handed to
// (find_new_reaper, without subreapers); nil when neither lives.
func (t *Task) realParent() *Task {
	if p := t.parent; p != nil && !p.exited.Load() {
		return p
	}
	if t.kthread.Load() {
		return nil // kthreadd, or a thread started before it: the idle task's
	}
	pidmapMu.Lock()
	r := t.PidNamespace().reaper
	pidmapMu.Unlock()
	if r == nil || r == t || r.exited.Load() {
		return nil
	}
	return r
}

// Parent is t's parent as getppid(2) sees it (real_parent): the task
// that forked it or the reaper it was handed to, nil when neither lives.
func (t *Task) Parent() *Task { return t.realParent() }

// PPidIn is task_ppid_nr_ns: t's parent's number in ns, 0 if ns cannot
// see it (the reaper of a namespace has no parent there).
func (t *Task) PPidIn(ns *PidNamespace) int32 {
	if p := t.realParent(); p != nil {
		return p.PidIn(ns)
	}
	return 0
}

// PPID is getppid(2): the parent's number in t's own namespace.
func (t *Task) PPID() int32 { return t.PPidIn(t.PidNamespace()) }

// unsharePid is copy_pid_ns for unshare(CLONE_NEWPID) and clone: a new
// namespace below t's own for t's children. A task whose children already
// go elsewhere may not make another (EINVAL).
func (t *Task) unsharePid(c *Cred) (*PidNamespace, error) {
	if t.PidNSForChildren() != t.PidNamespace() {
		return nil, linux.EINVAL
	}
	return t.k.createPidNS(c.UserNS, c.EUID, t.PidNamespace())
}

// joinPidNS is pidns_install: setns(2) into ns makes it the namespace of
// t's children. It must be t's own or one of its descendants (EINVAL),
// and t needs CAP_SYS_ADMIN over ns's owner and its own user namespace.
func (t *Task) joinPidNS(ns *PidNamespace) error {
	if !t.mayInstall(ns.userNS) {
		return linux.EPERM
	}
	active := t.PidNamespace()
	if ns.level < active.level {
		return linux.EINVAL
	}
	anc := ns
	for anc.level > active.level {
		anc = anc.parent
	}
	if anc != active {
		return linux.EINVAL
	}
	ns.get()
	t.pidNSChildren.Swap(ns).put()
	return nil
}

// pidNSForChildrenLink is pidns_for_children_get: the namespace
// /proc/<pid>/ns/pid_for_children stands for, nil (ENOENT) while it has
// no reaper yet.
func (t *Task) pidNSForChildrenLink() Namespace {
	ns := t.PidNSForChildren()
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	if ns.reaper == nil {
		return nil
	}
	return ns
}

// PidNamespace is the namespace a procfs context is for: the mounting
// task's own (proc_init_fs_context), else the initial one.
func (fc *FsContext) PidNamespace() *PidNamespace {
	if fc.task != nil {
		return fc.task.PidNamespace()
	}
	return fc.Kernel.initPidNS
}

// childPidNS is the namespace a fork's child gets its own number in,
// with a reference for the child's pid_ns_for_children: the parent's
// pid_ns_for_children, or with CLONE_NEWPID a new namespace below it
// (copy_namespaces, which needs CAP_SYS_ADMIN over the caller's user
// namespace).
func (t *Task) childPidNS(flags uint64) (*PidNamespace, error) {
	if flags&linux.CLONE_NEWPID == 0 {
		ns := t.PidNSForChildren()
		ns.get()
		return ns, nil
	}
	c := t.Cred()
	if !c.NsCapable(c.UserNS, linux.CAP_SYS_ADMIN) {
		return nil, linux.EPERM
	}
	return t.unsharePid(c)
}
