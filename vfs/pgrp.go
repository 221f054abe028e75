// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Process groups and sessions (kernel/sys.c's setpgid, setsid, getpgid,
// getsid; the PIDTYPE_PGID and PIDTYPE_SID links of struct pid). There
// are no terminals, so there is no job control and no controlling tty;
// what is kept is who belongs with whom: the numbers /proc and ps show,
// the rules of the two system calls, and kill of a whole group.
//
// A group or session is named by the numbers of the task that made it,
// its leader. Linux keeps a struct pid alive, its numbers allocated,
// while any task is attached to it in any role; here an idGroup counts
// the tasks that have it as process group or session, and an exiting
// leader leaves its numbers reserved (not reused, not found) until the
// last of them has gone. All of it is guarded by pidmapMu.

// idGroup is one leader's numbers in use as a process group or session ID.
type idGroup struct {
	leader *Task
	users  int32 // tasks with it as pgrp or session, roles counted apart
}

// groupOf is the idGroup t's numbers name, made on first use; pidmapMu
// is held.
func (t *Task) groupOf() *idGroup {
	if t.leads == nil {
		t.leads = &idGroup{leader: t}
	}
	return t.leads
}

// setGroupsLocked moves t to process group pg and session s; pidmapMu is
// held.
func (t *Task) setGroupsLocked(pg, s *idGroup) {
	for _, g := range []*idGroup{pg, s} {
		if g != nil {
			g.users++
		}
	}
	old := [2]*idGroup{t.pgrp.Load(), t.session.Load()}
	t.pgrp.Store(pg)
	t.session.Store(s)
	for _, g := range old {
		g.dropLocked()
	}
}

// dropLocked is one user fewer; with none left and the leader gone, its
// reserved numbers are free again. pidmapMu is held.
func (g *idGroup) dropLocked() {
	if g == nil {
		return
	}
	if g.users--; g.users > 0 || !g.leader.exited.Load() {
		return
	}
	for _, u := range g.leader.pids {
		if u.ns.tasks[u.nr] == pidReserved {
			delete(u.ns.tasks, u.nr)
		}
	}
}

// startSession makes t the leader of a new session and process group, as
// init is (and setsid makes any other).
func (t *Task) startSession() {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	g := t.groupOf()
	t.setGroupsLocked(g, g)
}

// inheritGroups puts a new child n in t's process group and session.
func (t *Task) inheritGroups(n *Task) {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	n.setGroupsLocked(t.pgrp.Load(), t.session.Load())
}

// leaveGroupsLocked is an exiting task's part (__unhash_process): it
// leaves its group and session. Its own numbers stay reserved while a
// task still has them as its group or session. pidmapMu is held.
func (t *Task) leaveGroupsLocked() (keepNumbers bool) {
	t.setGroupsLocked(nil, nil)
	return t.leads != nil && t.leads.users > 0
}

// idIn is g's leader's number in ns, 0 for none (a kernel thread, or a
// leader ns cannot see: pid_nr_ns).
func (g *idGroup) idIn(ns *PidNamespace) int32 {
	if g == nil {
		return 0
	}
	return g.leader.PidIn(ns)
}

// PgidIn and SidIn are t's process group and session IDs as ns numbers
// them (task_pgrp_nr_ns, task_session_nr_ns).
func (t *Task) PgidIn(ns *PidNamespace) int32 { return t.pgrp.Load().idIn(ns) }
func (t *Task) SidIn(ns *PidNamespace) int32  { return t.session.Load().idIn(ns) }

// Getpgrp is getpgrp(2).
func (t *Task) Getpgrp() int32 { return t.PgidIn(t.PidNamespace()) }

// Getpgid and Getsid are getpgid(2) and getsid(2): for the task numbered
// pid in t's namespace (0: t itself); ESRCH when there is none.
func (t *Task) Getpgid(pid int32) (int32, error) {
	target, err := t.taskOrSelf(pid)
	if err != nil {
		return 0, err
	}
	return target.PgidIn(t.PidNamespace()), nil
}

func (t *Task) Getsid(pid int32) (int32, error) {
	target, err := t.taskOrSelf(pid)
	if err != nil {
		return 0, err
	}
	return target.SidIn(t.PidNamespace()), nil
}

func (t *Task) taskOrSelf(pid int32) (*Task, error) {
	if pid == 0 {
		return t, nil
	}
	if target := t.PidNamespace().Task(pid); target != nil {
		return target, nil
	}
	return nil, linux.ESRCH
}

// Setsid is setsid(2): t leads a new session and process group and gets
// its ID; EPERM when a process group already bears t's number (t leads
// one, or its members live on).
func (t *Task) Setsid() (int32, error) {
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	if t.leads != nil && t.leads.users > 0 {
		return 0, linux.EPERM
	}
	g := t.groupOf()
	t.setGroupsLocked(g, g)
	return t.Getpid(), nil
}

// Setpgid is setpgid(2): the task numbered pid (0: t), which must be t
// or a child of t in t's session that has not called execve, joins the
// process group pgid of that session, or leads a new one when pgid is
// its own number (or 0). Errors: EINVAL for a negative pgid, ESRCH for
// no such task of t's, EACCES for a child after execve, EPERM for a
// session leader, another session, or no such group in the session.
func (t *Task) Setpgid(pid, pgid int32) error {
	if pgid < 0 {
		return linux.EINVAL
	}
	ns := t.PidNamespace()
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	target := t
	if pid != 0 {
		target = ns.tasks[pid]
	}
	if target == nil || target == pidReserved || target != t && target.parent != t {
		return linux.ESRCH
	}
	own := target.PidIn(ns)
	if pgid == 0 {
		pgid = own
	}
	if target != t {
		if target.session.Load() != t.session.Load() {
			return linux.EPERM
		}
		if target.execed.Load() {
			return linux.EACCES
		}
	}
	if s := target.session.Load(); s != nil && s.leader == target {
		return linux.EPERM
	}
	g, err := groupInSession(ns, pgid, own, target)
	if err != nil {
		return err
	}
	target.setGroupsLocked(g, target.session.Load())
	return nil
}

// groupInSession finds process group pgid in target's session (or makes
// target's own when pgid is its number); pidmapMu is held.
func groupInSession(ns *PidNamespace, pgid, own int32, target *Task) (*idGroup, error) {
	if pgid == own {
		return target.groupOf(), nil
	}
	for _, m := range ns.tasks {
		if m == pidReserved {
			continue
		}
		if g := m.pgrp.Load(); g != nil && g.idIn(ns) == pgid {
			if m.session.Load() != target.session.Load() {
				return nil, linux.EPERM
			}
			return g, nil
		}
	}
	return nil, linux.EPERM
}

// groupMembers lists the live tasks of t's namespace in process group
// pgid (kill_pgrp's do_each_pid_task).
func (t *Task) groupMembers(pgid int32) []*Task {
	ns := t.PidNamespace()
	pidmapMu.Lock()
	defer pidmapMu.Unlock()
	var out []*Task
	for _, m := range ns.tasks {
		if m != pidReserved && m.pgrp.Load().idIn(ns) == pgid {
			out = append(out, m)
		}
	}
	return out
}

// KillProcesses is kill(2) for any pid (kill_something_info): pid > 0 is
// Kill; 0 is the caller's process group, -1 every process the caller's
// namespace numbers above 1 but the caller, below -1 the process group
// -pid. It returns the tasks the signal was recorded for. A group
// succeeds if one member took the signal, else it fails as the last one
// did (ESRCH for an empty group, before a bad signal's EINVAL); -1 gives
// the last answer other than EPERM, or ESRCH when it found nobody. Kernel threads take and
// ignore what they are sent.
func (t *Task) KillProcesses(pid int32, signo int) ([]*Task, error) {
	if pid > 0 {
		target, err := t.Kill(pid, signo)
		if target == nil {
			return nil, err
		}
		return []*Task{target}, err
	}
	if pid == -1 {
		return t.killEveryone(signo)
	}
	pgid := -pid
	if pid == 0 {
		pgid = t.Getpgrp()
	}
	var out []*Task
	err, ok := error(linux.ESRCH), false
	for _, m := range t.groupMembers(pgid) {
		var got *Task
		if got, err = t.sendTo(m, signo); err == nil {
			ok = true
			if got != nil {
				out = append(out, got)
			}
		}
	}
	if ok {
		return out, nil
	}
	return nil, err
}

// killEveryone is kill(-1, signo).
func (t *Task) killEveryone(signo int) ([]*Task, error) {
	ns := t.PidNamespace()
	var out []*Task
	var err error
	count := 0
	for _, nr := range ns.Pids() {
		m := ns.Task(nr)
		if nr <= 1 || m == nil || m == t {
			continue
		}
		count++
		got, e := t.sendTo(m, signo)
		if e != linux.EPERM {
			err = e // the last answer but EPERM stands
		}
		if got != nil {
			out = append(out, got)
		}
	}
	if count == 0 {
		return nil, linux.ESRCH
	}
	return out, err
}

// sendTo is one process's part of a group's signal: permission, then
// the signal recorded unless the target drops it (a kernel thread, or a
// namespace's init: nil and no error).
func (t *Task) sendTo(target *Task, signo int) (*Task, error) {
	if signo < 0 || signo > linux.NSIG {
		return nil, linux.EINVAL // found someone first: an empty group is ESRCH
	}
	if !killAllowed(t.Cred(), target.Cred()) {
		return nil, linux.EPERM
	}
	si := Siginfo{Signo: int32(signo), Code: linux.SI_USER, Pid: t.PidIn(target.PidNamespace()), UID: t.Cred().UID}
	if signo == 0 || target.kthread.Load() || target.unkillableFor(si.Pid == 0, signo) {
		return nil, nil
	}
	target.SendSiginfo(si)
	return target, nil
}

// NSGroupIDs are t's process group and session IDs in ns and each
// namespace below it down to t's own, as status's NSpgid and NSsid
// lines show them; nil if ns cannot see t.
func (t *Task) NSGroupIDs(ns *PidNamespace) (pgids, sids []int32) {
	if t.PidIn(ns) == 0 {
		return nil, nil
	}
	pg, s := t.pgrp.Load(), t.session.Load()
	for _, u := range t.pids[ns.level:] {
		pgids = append(pgids, pg.idIn(u.ns))
		sids = append(sids, s.idIn(u.ns))
	}
	return pgids, sids
}
