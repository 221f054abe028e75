// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// System V semaphores (ipc/sem.c): arrays of counters that semop
// changes all at once or not at all, waiting until it can. An operation
// with SEM_UNDO records its opposite for the task, which its exit
// applies (exit_sem); SETVAL and SETALL forget what they overwrite.
// Undo records are the task's own: CLONE_SYSVSEM's sharing is not
// modelled.

// semArray is struct sem_array past its ipc_perm.
type semArray struct {
	sems    []semaphore
	otime   int64
	waiters []*semWaiter
	undos   map[*Task][]int32 // semadj of each task with undo records
	ns      *IPCNamespace     // where it is, for the tasks' undo lists
	obj     *ipcObj
}

// semUndoRefs are the arrays a task has undo records in.
type semUndoRefs struct {
	mu   sync.Mutex
	list []semUndoRef
}

type semUndoRef struct {
	ns  *IPCNamespace
	obj *ipcObj
}

// semaphore is struct sem.
type semaphore struct {
	val int32
	pid *Task
}

// semWaiter is a sleeping semop: the operation it waits on counts it in
// that semaphore's semncnt (a decrement) or semzcnt (a wait for zero).
type semWaiter struct {
	blocking linux.Sembuf
}

// SemArg is union semun: Val for SETVAL, Buf for IPC_STAT, SEM_STAT,
// SEM_STAT_ANY and IPC_SET, Array for GETALL and SETALL (as long as the
// array), Info for IPC_INFO and SEM_INFO.
type SemArg struct {
	Val   int32
	Buf   *linux.SemidDS
	Array []uint16
	Info  *linux.Seminfo
}

// Semget is semget(2).
func (t *Task) Semget(key int32, nsems int, flg int) (int32, error) {
	s := &t.IPCNamespace().sysv
	s.mu.Lock()
	semmsl := s.semCtls[0]
	s.mu.Unlock()
	if nsems < 0 || int64(nsems) > semmsl {
		return -1, linux.EINVAL
	}
	create := func(s *sysvIPC) (*ipcObj, error) {
		if nsems == 0 {
			return nil, linux.EINVAL
		}
		if s.usedSems+int64(nsems) > s.semCtls[1] {
			return nil, linux.ENOSPC
		}
		o := newObj(key, flg)
		o.sem = &semArray{sems: make([]semaphore, nsems), ns: t.IPCNamespace(), obj: o}
		if err := s.addObj(ipcSem, o, s.semCtls[3], t.Cred(), t.k.sysvNow()); err != nil {
			return nil, err
		}
		s.usedSems += int64(nsems)
		return o, nil
	}
	check := func(o *ipcObj) error {
		if nsems > len(o.sem.sems) {
			return linux.EINVAL
		}
		return nil
	}
	return t.ipcGet(ipcSem, key, flg, create, check)
}

// semDestroy is freeary: sleepers wake to find the array gone (EIDRM).
func (s *sysvIPC) semDestroy(o *ipcObj) {
	s.removeObj(ipcSem, o)
	s.usedSems -= int64(len(o.sem.sems))
	s.wq.WakeAll()
}

// Semop is semtimedop(2) without a timeout: every operation or none.
// An operation that cannot proceed fails EAGAIN if it has IPC_NOWAIT,
// else the call waits until all can. EFBIG for a semaphore number past
// the array, ERANGE for a value past SEMVMX, E2BIG for more than semopm
// operations.
func (t *Task) Semop(id int32, sops []linux.Sembuf) error {
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(sops) < 1 || id < 0 {
		return linux.EINVAL
	}
	if int64(len(sops)) > s.semCtls[2] {
		return linux.E2BIG
	}
	maxNum, alter := uint16(0), false
	for _, op := range sops {
		maxNum = max(maxNum, op.Num)
		alter = alter || op.Op != 0
	}
	o, err := s.lookup(ipcSem, id)
	if err != nil {
		return err
	}
	a := o.sem
	if int(maxNum) >= len(a.sems) {
		return linux.EFBIG
	}
	want := uint32(0o444)
	if alter {
		want = 0o222
	}
	if err := ns.ipcPerms(t.Cred(), o, want); err != nil {
		return err
	}
	for {
		if o.deleted {
			return linux.EIDRM
		}
		blocked, err := a.try(sops, t)
		if err != nil || blocked == nil {
			if err == nil {
				a.otime = t.k.sysvNow()
				if alter {
					s.wq.WakeAll()
				}
			}
			return err
		}
		if blocked.Flg&linux.IPC_NOWAIT != 0 {
			return linux.EAGAIN
		}
		w := &semWaiter{blocking: *blocked}
		a.waiters = append(a.waiters, w)
		err = s.wq.Wait()
		a.dropWaiter(w)
		if err != nil {
			return err
		}
	}
}

// try is perform_atomic_semop: all of sops applied (and their undo
// recorded), or the operation that has to wait (nothing applied), or
// ERANGE for a value past SEMVMX or an undo record past SEMAEM.
func (a *semArray) try(sops []linux.Sembuf, t *Task) (*linux.Sembuf, error) {
	vals := make(map[uint16]int32, len(sops))
	adj := slices.Clone(a.undos[t])
	for i := range sops {
		op := &sops[i]
		cur, ok := vals[op.Num]
		if !ok {
			cur = a.sems[op.Num].val
		}
		switch {
		case op.Op == 0 && cur != 0:
			return op, nil
		case cur+int32(op.Op) < 0:
			return op, nil
		case cur+int32(op.Op) > linux.SEMVMX:
			return nil, linux.ERANGE
		}
		if op.Flg&linux.SEM_UNDO != 0 {
			if adj == nil {
				adj = make([]int32, len(a.sems))
			}
			undo := adj[op.Num] - int32(op.Op)
			if undo < -linux.SEMAEM-1 || undo > linux.SEMAEM {
				return nil, linux.ERANGE
			}
			adj[op.Num] = undo
		}
		vals[op.Num] = cur + int32(op.Op)
	}
	for _, op := range sops {
		a.sems[op.Num].val = vals[op.Num]
		a.sems[op.Num].pid = t
	}
	if adj != nil {
		a.setUndo(t, adj)
	}
	return nil, nil
}

// setUndo records t's adjustments, and the array among t's.
func (a *semArray) setUndo(t *Task, adj []int32) {
	if a.undos == nil {
		a.undos = map[*Task][]int32{}
	}
	if _, known := a.undos[t]; !known {
		t.semUndo.mu.Lock()
		t.semUndo.list = append(t.semUndo.list, semUndoRef{ns: a.ns, obj: a.obj})
		t.semUndo.mu.Unlock()
	}
	a.undos[t] = adj
}

// forgetUndo is what SETVAL (one semaphore) and SETALL (n < 0: all) do
// to the undo records: the adjustments of what they set go.
func (a *semArray) forgetUndo(n int) {
	for _, adj := range a.undos {
		if n < 0 {
			clear(adj)
		} else {
			adj[n] = 0
		}
	}
}

// exitSem is exit_sem: each array t has undo records in that still
// exists gets them applied, each value kept within 0..SEMVMX, and its
// sleepers woken.
func (t *Task) exitSem() {
	t.semUndo.mu.Lock()
	list := t.semUndo.list
	t.semUndo.list = nil
	t.semUndo.mu.Unlock()
	for _, ref := range list {
		s := &ref.ns.sysv
		s.mu.Lock()
		if o := ref.obj; !o.deleted {
			a := o.sem
			for i, d := range a.undos[t] {
				if d == 0 {
					continue
				}
				a.sems[i].val = min(max(a.sems[i].val+d, 0), linux.SEMVMX)
				a.sems[i].pid = t
			}
			delete(a.undos, t)
			s.wq.WakeAll()
		}
		s.mu.Unlock()
	}
}

func (a *semArray) dropWaiter(w *semWaiter) {
	for i, x := range a.waiters {
		if x == w {
			a.waiters = append(a.waiters[:i], a.waiters[i+1:]...)
			return
		}
	}
}

// count is count_semcnt: the sleepers waiting to decrement semaphore n
// (zero false) or for it to be zero (zero true).
func (a *semArray) count(n int, zero bool) int32 {
	c := int32(0)
	for _, w := range a.waiters {
		if int(w.blocking.Num) == n && (w.blocking.Op == 0) == zero && (zero || w.blocking.Op < 0) {
			c++
		}
	}
	return c
}

// Semctl is semctl(2).
func (t *Task) Semctl(id int32, semnum int, cmd int, arg SemArg) (int32, error) {
	if id < 0 || cmd < 0 {
		return -1, linux.EINVAL
	}
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	switch cmd {
	case linux.IPC_INFO, linux.SEM_INFO:
		if arg.Info == nil {
			return -1, linux.EFAULT
		}
		*arg.Info = linux.Seminfo{Semmni: int32(s.semCtls[3]), Semmns: int32(s.semCtls[1]), Semmsl: int32(s.semCtls[0]),
			Semopm: int32(s.semCtls[2]), Semvmx: linux.SEMVMX, Semmnu: linux.SEMMNU, Semmap: linux.SEMMAP,
			Semume: linux.SEMUME, Semusz: linux.SEMUSZ, Semaem: linux.SEMAEM}
		if cmd == linux.SEM_INFO {
			arg.Info.Semusz, arg.Info.Semaem = int32(len(s.ids[ipcSem].objs)), int32(s.usedSems)
		}
		return max(s.maxIdx(ipcSem), 0), nil
	case linux.IPC_STAT, linux.SEM_STAT, linux.SEM_STAT_ANY:
		return t.semStat(ns, id, cmd, arg.Buf)
	case linux.IPC_SET, linux.IPC_RMID:
		return 0, t.semSetRm(ns, id, cmd, arg.Buf)
	case linux.SETVAL:
		return 0, t.semSetval(ns, id, semnum, arg.Val)
	case linux.GETVAL, linux.GETPID, linux.GETNCNT, linux.GETZCNT, linux.GETALL, linux.SETALL:
		return t.semMain(ns, id, semnum, cmd, arg.Array)
	}
	return -1, linux.EINVAL
}

func (t *Task) semStat(ns *IPCNamespace, id int32, cmd int, ds *linux.SemidDS) (int32, error) {
	if ds == nil {
		return -1, linux.EFAULT
	}
	o, err := t.statObj(ns, ipcSem, id, cmd, linux.SEM_STAT_ANY)
	if err != nil {
		return -1, err
	}
	*ds = linux.SemidDS{Perm: t.permOf(o), Otime: o.sem.otime, Ctime: o.ctime, Nsems: uint64(len(o.sem.sems))}
	if cmd == linux.IPC_STAT {
		return 0, nil
	}
	return o.id, nil
}

func (t *Task) semSetRm(ns *IPCNamespace, id int32, cmd int, ds *linux.SemidDS) error {
	s := &ns.sysv
	if cmd == linux.IPC_SET && ds == nil {
		return linux.EFAULT
	}
	o, err := s.lookup(ipcSem, id)
	if err != nil {
		return err
	}
	if err := ns.ctlCheck(t.Cred(), o); err != nil {
		return err
	}
	if cmd == linux.IPC_RMID {
		s.semDestroy(o)
		return nil
	}
	if err := t.setPerm(o, ds.Perm); err != nil {
		return err
	}
	o.ctime = t.k.sysvNow()
	return nil
}

// semSetval is semctl_setval: ERANGE before anything else for a value
// outside 0..SEMVMX.
func (t *Task) semSetval(ns *IPCNamespace, id int32, semnum int, val int32) error {
	if val < 0 || val > linux.SEMVMX {
		return linux.ERANGE
	}
	s := &ns.sysv
	o, err := s.lookup(ipcSem, id)
	if err != nil {
		return err
	}
	if semnum < 0 || semnum >= len(o.sem.sems) {
		return linux.EINVAL
	}
	if err := ns.ipcPerms(t.Cred(), o, 0o222); err != nil {
		return err
	}
	o.sem.sems[semnum] = semaphore{val: val, pid: t}
	o.sem.forgetUndo(semnum)
	o.ctime = t.k.sysvNow()
	s.wq.WakeAll()
	return nil
}

// semMain is semctl_main: GETALL and SETALL over the whole array (arr as
// long as it), the others for semaphore semnum.
func (t *Task) semMain(ns *IPCNamespace, id int32, semnum int, cmd int, arr []uint16) (int32, error) {
	s := &ns.sysv
	o, err := s.lookup(ipcSem, id)
	if err != nil {
		return -1, err
	}
	a := o.sem
	want := uint32(0o444)
	if cmd == linux.SETALL {
		want = 0o222
	}
	if err := ns.ipcPerms(t.Cred(), o, want); err != nil {
		return -1, err
	}
	switch cmd {
	case linux.GETALL:
		if len(arr) < len(a.sems) {
			return -1, linux.EFAULT
		}
		for i, x := range a.sems {
			arr[i] = uint16(x.val)
		}
		return 0, nil
	case linux.SETALL:
		if len(arr) < len(a.sems) {
			return -1, linux.EFAULT
		}
		for _, v := range arr[:len(a.sems)] {
			if v > linux.SEMVMX {
				return -1, linux.ERANGE
			}
		}
		for i := range a.sems {
			a.sems[i] = semaphore{val: int32(arr[i]), pid: t}
		}
		a.forgetUndo(-1)
		o.ctime = t.k.sysvNow()
		s.wq.WakeAll()
		return 0, nil
	}
	if semnum < 0 || semnum >= len(a.sems) {
		return -1, linux.EINVAL
	}
	switch cmd {
	case linux.GETVAL:
		return a.sems[semnum].val, nil
	case linux.GETPID:
		return pidOf(a.sems[semnum].pid, t.PidNamespace()), nil
	case linux.GETNCNT:
		return a.count(semnum, false), nil
	}
	return a.count(semnum, true), nil
}
