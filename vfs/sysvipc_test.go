// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// sysvTask is root in a new IPC namespace of a fresh kernel.
func sysvTask(t *testing.T) *vfs.Task {
	t.Helper()
	init := bootTmpfs(t)
	task := init.Clone(0)
	if err := task.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	return task
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if err != want {
		t.Errorf("%s: %v, want %v", what, err, want)
	}
}

// Keys: IPC_PRIVATE always makes a new object; a key finds its object,
// IPC_CREAT|IPC_EXCL refuses it (EEXIST) before the size check (EINVAL)
// and the permission check; without IPC_CREAT a missing key is ENOENT.
func TestSysvKeys(t *testing.T) {
	task := sysvTask(t)
	a, err := task.Shmget(linux.IPC_PRIVATE, 100, 0o600)
	b, err2 := task.Shmget(linux.IPC_PRIVATE, 100, 0o600)
	if err != nil || err2 != nil || a != 0 || b != 1 {
		t.Fatalf("private: %d %v, %d %v; want 0 and 1", a, err, b, err2)
	}
	_, err = task.Shmget(77, 100, 0)
	wantErr(t, "missing key", err, linux.ENOENT)
	id, err := task.Shmget(77, 100, linux.IPC_CREAT|0o640)
	if err != nil || id != 2 {
		t.Fatalf("create key 77: %d %v", id, err)
	}
	if again, err := task.Shmget(77, 50, linux.IPC_CREAT|0o600); err != nil || again != id {
		t.Errorf("key 77 again: %d %v, want %d", again, err, id)
	}
	_, err = task.Shmget(77, 200, linux.IPC_CREAT|linux.IPC_EXCL)
	wantErr(t, "IPC_EXCL", err, linux.EEXIST)
	_, err = task.Shmget(77, 200, 0)
	wantErr(t, "bigger than the segment", err, linux.EINVAL)
	_, err = task.Shmget(78, 0, linux.IPC_CREAT)
	wantErr(t, "size 0", err, linux.EINVAL)
	_, err = task.Semget(79, 0, linux.IPC_CREAT)
	wantErr(t, "0 semaphores", err, linux.EINVAL)
	_, err = task.Semget(79, -1, linux.IPC_CREAT)
	wantErr(t, "-1 semaphores", err, linux.EINVAL)
	sid, err := task.Semget(79, 3, linux.IPC_CREAT|0o600)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := task.Semget(79, 0, 0); got != sid || err != nil {
		t.Errorf("semget by key with 0: %d %v", got, err)
	}
	_, err = task.Semget(79, 4, 0)
	wantErr(t, "more semaphores than the array", err, linux.EINVAL)
}

// Indexes are handed out in a cycle below max(64, in_use*3/2): a freed
// index comes back only when the cycle wraps, and then with the next
// sequence number, 32768 higher.
func TestSysvIDCycle(t *testing.T) {
	task := sysvTask(t)
	var last int32
	for i := 0; i < 64; i++ {
		id, err := task.Msgget(linux.IPC_PRIVATE, 0o600)
		if err != nil || id != int32(i) {
			t.Fatalf("queue %d: %d %v", i, id, err)
		}
		last = id
		if i > 0 {
			if _, err := task.Msgctl(id-1, linux.IPC_RMID, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	id, err := task.Msgget(linux.IPC_PRIVATE, 0o600)
	if err != nil || id != 32768 {
		t.Fatalf("after the wrap: %d %v, want 32768 (index 0, sequence 1)", id, err)
	}
	if _, err := task.Msgctl(0, linux.IPC_STAT, &linux.MsqidDS{}); err != linux.EINVAL {
		t.Errorf("the old id of index 0: %v, want EINVAL", err)
	}
	var ds linux.MsqidDS
	if got, err := task.Msgctl(0, linux.MSG_STAT, &ds); err != nil || got != 32768 {
		t.Errorf("MSG_STAT of index 0: %d %v, want 32768", got, err)
	}
	if got, _ := task.Msgctl(0, linux.MSG_INFO, &linux.Msginfo{}); got != last {
		t.Errorf("MSG_INFO's highest index: %d, want %d", got, last)
	}
}

// Messages: types, MSG_EXCEPT, a negative type taking the lowest type up
// to its size, E2BIG leaving the message queued, MSG_NOERROR cutting it,
// ENOMSG with IPC_NOWAIT, EAGAIN for a full queue, MSG_COPY.
func TestSysvMessages(t *testing.T) {
	task := sysvTask(t)
	id, err := task.Msgget(linux.IPC_PRIVATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range []struct {
		typ  int64
		text string
	}{{5, "five"}, {2, "two"}, {7, "seven"}, {2, "two again"}} {
		if err := task.Msgsnd(id, m.typ, []byte(m.text), 0); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	wantErr(t, "type 0", task.Msgsnd(id, 0, []byte("x"), 0), linux.EINVAL)
	wantErr(t, "longer than msgmax", task.Msgsnd(id, 1, make([]byte, 8193), 0), linux.EINVAL)
	recv := func(size, typ int64, flg int) string {
		typ, text, err := task.Msgrcv(id, size, typ, flg)
		if err != nil {
			return err.(linux.Errno).Name()
		}
		return string(rune('0'+typ)) + ":" + string(text)
	}
	for _, c := range []struct {
		size, typ int64
		flg       int
		want      string
	}{
		{100, 0, linux.MSG_COPY | linux.IPC_NOWAIT, "5:five"},
		{100, 2, linux.MSG_COPY | linux.IPC_NOWAIT, "7:seven"},
		{100, 9, linux.MSG_COPY | linux.IPC_NOWAIT, "ENOMSG"},
		{100, 0, linux.MSG_COPY, "EINVAL"},
		{2, 5, 0, "E2BIG"},
		{2, 5, linux.MSG_NOERROR, "5:fi"},
		{100, 2, linux.MSG_EXCEPT, "7:seven"},
		{100, -6, 0, "2:two"},
		{100, 3, linux.IPC_NOWAIT, "ENOMSG"},
		{100, 0, 0, "2:two again"},
	} {
		if got := recv(c.size, c.typ, c.flg); got != c.want {
			t.Errorf("msgrcv(size %d, type %d, flags %#o) = %s, want %s", c.size, c.typ, c.flg, got, c.want)
		}
	}
	var ds linux.MsqidDS
	ds.Qbytes = 10
	if _, err := task.Msgctl(id, linux.IPC_SET, &ds); err != nil {
		t.Fatal(err)
	}
	if err := task.Msgsnd(id, 1, []byte("0123456789"), 0); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "a full queue", task.Msgsnd(id, 1, []byte("x"), linux.IPC_NOWAIT), linux.EAGAIN)
	task.Msgctl(id, linux.IPC_STAT, &ds)
	if ds.Qnum != 1 || ds.Cbytes != 10 || ds.Lspid == 0 || ds.Lrpid == 0 || ds.Stime == 0 {
		t.Errorf("IPC_STAT after the traffic: %+v", ds)
	}
}

// A receiver waits for a message of its type; a sender for room; the
// queue's removal ends both waits with EIDRM.
func TestSysvMessageWaits(t *testing.T) {
	task := sysvTask(t)
	other := task.Clone(0)
	id, _ := task.Msgget(linux.IPC_PRIVATE, 0o600)
	got := make(chan string)
	go func() {
		_, text, err := other.Msgrcv(id, 100, 3, 0)
		got <- string(text) + errString(err)
	}()
	time.Sleep(20 * time.Millisecond)
	task.Msgsnd(id, 1, []byte("not this"), 0)
	task.Msgsnd(id, 3, []byte("this"), 0)
	if s := <-got; s != "this" {
		t.Errorf("the waiting receiver got %q", s)
	}
	go func() {
		_, _, err := other.Msgrcv(id, 100, 9, 0)
		got <- errString(err)
	}()
	time.Sleep(20 * time.Millisecond)
	task.Msgctl(id, linux.IPC_RMID, nil)
	if s := <-got; s != "EIDRM" {
		t.Errorf("a receiver on a removed queue: %s, want EIDRM", s)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.(linux.Errno).Name()
}

// Semaphores: all operations or none, ERANGE past SEMVMX, EFBIG past the
// array, E2BIG past semopm, EAGAIN with IPC_NOWAIT, and a sleeper counted
// in GETNCNT or GETZCNT until it can go on.
func TestSysvSemaphores(t *testing.T) {
	task := sysvTask(t)
	id, err := task.Semget(linux.IPC_PRIVATE, 2, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	op := func(ops ...linux.Sembuf) error { return task.Semop(id, ops) }
	if err := op(linux.Sembuf{Num: 0, Op: 2}, linux.Sembuf{Num: 1, Op: 1}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "all or none", op(linux.Sembuf{Num: 0, Op: -1}, linux.Sembuf{Num: 1, Op: -2, Flg: linux.IPC_NOWAIT}), linux.EAGAIN)
	if v, _ := task.Semctl(id, 0, linux.GETVAL, vfs.SemArg{}); v != 2 {
		t.Errorf("semaphore 0 after a failed semop: %d, want 2", v)
	}
	wantErr(t, "past the array", op(linux.Sembuf{Num: 2, Op: 1}), linux.EFBIG)
	wantErr(t, "past SEMVMX", op(linux.Sembuf{Num: 0, Op: 32767}), linux.ERANGE)
	wantErr(t, "no operations", op(), linux.EINVAL)
	wantErr(t, "too many", task.Semop(id, make([]linux.Sembuf, 501)), linux.E2BIG)
	_, err = task.Semctl(id, 0, linux.SETVAL, vfs.SemArg{Val: 32768})
	wantErr(t, "SETVAL 32768", err, linux.ERANGE)
	_, err = task.Semctl(id, 2, linux.GETVAL, vfs.SemArg{})
	wantErr(t, "GETVAL 2", err, linux.EINVAL)
	if _, err := task.Semctl(id, 0, linux.SETALL, vfs.SemArg{Array: []uint16{0, 0}}); err != nil {
		t.Fatal(err)
	}
	other := task.Clone(0)
	done := make(chan error)
	go func() { done <- other.Semop(id, []linux.Sembuf{{Num: 1, Op: -1}}) }()
	deadline := time.Now().Add(2 * time.Second)
	for {
		n, _ := task.Semctl(id, 1, linux.GETNCNT, vfs.SemArg{})
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GETNCNT of the waited-on semaphore: %d, want 1", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if z, _ := task.Semctl(id, 0, linux.GETZCNT, vfs.SemArg{}); z != 0 {
		t.Errorf("GETZCNT: %d, want 0", z)
	}
	if _, err := task.Semctl(id, 1, linux.SETVAL, vfs.SemArg{Val: 1}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("the sleeper after SETVAL: %v", err)
	}
	if pid, _ := task.Semctl(id, 1, linux.GETPID, vfs.SemArg{}); pid != other.Getpid() {
		t.Errorf("GETPID: %d, want the sleeper's %d", pid, other.Getpid())
	}
	arr := make([]uint16, 2)
	task.Semctl(id, 0, linux.GETALL, vfs.SemArg{Array: arr})
	if arr[0] != 0 || arr[1] != 0 {
		t.Errorf("GETALL: %v", arr)
	}
}

// A segment removed while attached loses its key and shows SHM_DEST; it
// goes with the last detach. shmdt of an address nobody attached is
// EINVAL.
func TestSysvShmRemoval(t *testing.T) {
	task := sysvTask(t)
	id, err := task.Shmget(42, 8192, linux.IPC_CREAT|0o600)
	if err != nil {
		t.Fatal(err)
	}
	addr, err := task.Shmat(id, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := task.Shmctl(id, linux.IPC_RMID, nil); err != nil {
		t.Fatal(err)
	}
	var ds linux.ShmidDS
	if _, err := task.Shmctl(id, linux.IPC_STAT, &ds); err != nil || ds.Perm.Key != 0 || ds.Perm.Mode&linux.SHM_DEST == 0 || ds.Nattch != 1 {
		t.Errorf("a removed, attached segment: %+v %v", ds, err)
	}
	_, err = task.Shmget(42, 1, 0)
	wantErr(t, "its old key", err, linux.ENOENT)
	if !strings.Contains(task.ProcSysvipc("shm"), "  1600 ") {
		t.Errorf("/proc/sysvipc/shm does not show mode 1600:\n%s", task.ProcSysvipc("shm"))
	}
	wantErr(t, "shmdt elsewhere", task.Shmdt(addr+4096), linux.EINVAL)
	if err := task.Shmdt(addr); err != nil {
		t.Fatal(err)
	}
	_, err = task.Shmctl(id, linux.IPC_STAT, &ds)
	wantErr(t, "after the last detach", err, linux.EINVAL)
	var info linux.ShmInfo
	task.Shmctl(0, linux.SHM_INFO, &info)
	if info.UsedIDs != 0 || info.ShmTot != 0 {
		t.Errorf("SHM_INFO with nothing left: %+v", info)
	}
}

// Permissions: read or write by mode for owner, group and others;
// IPC_RMID and IPC_SET only for owner, creator or CAP_SYS_ADMIN (EPERM).
func TestSysvPermissions(t *testing.T) {
	task := sysvTask(t)
	id, _ := task.Msgget(5, linux.IPC_CREAT|0o640)
	user := task.Clone(0)
	user.SetCred(vfs.UserCred(1000, 1000))
	_, err := user.Msgget(5, 0o400)
	wantErr(t, "read by others", err, linux.EACCES)
	if got, err := user.Msgget(5, 0); err != nil || got != id {
		t.Errorf("asking for nothing: %d %v", got, err)
	}
	_, _, err = user.Msgrcv(id, 10, 0, linux.IPC_NOWAIT)
	wantErr(t, "receive", err, linux.EACCES)
	_, err = user.Msgctl(id, linux.IPC_RMID, nil)
	wantErr(t, "remove", err, linux.EPERM)
	group := task.Clone(0)
	group.SetCred(vfs.UserCred(1000, 0))
	_, _, err = group.Msgrcv(id, 10, 0, linux.IPC_NOWAIT)
	wantErr(t, "receive by the group", err, linux.ENOMSG)
	wantErr(t, "send by the group", group.Msgsnd(id, 1, nil, 0), linux.EACCES)
	var ds linux.MsqidDS
	task.Msgctl(id, linux.IPC_STAT, &ds)
	ds.Perm.UID = 1000
	if _, err := task.Msgctl(id, linux.IPC_SET, &ds); err != nil {
		t.Fatal(err)
	}
	if _, err := user.Msgctl(id, linux.IPC_RMID, nil); err != nil {
		t.Errorf("the new owner removes: %v", err)
	}
}

// Objects die with their namespace, and a new namespace starts empty with
// the default limits.
func TestSysvNamespaceLifetime(t *testing.T) {
	task := sysvTask(t)
	k := task.Kernel()
	task.Shmget(linux.IPC_PRIVATE, 1<<20, 0o600)
	child := task.Clone(0)
	if err := child.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	if s := child.ProcSysvipc("shm"); strings.Count(s, "\n") != 1 {
		t.Errorf("a new namespace sees:\n%s", s)
	}
	if id, _ := child.Shmget(linux.IPC_PRIVATE, 1, 0o600); id != 0 {
		t.Errorf("first id in the new namespace: %d", id)
	}
	child.Exit()
	if s := task.ProcSysvipc("shm"); strings.Count(s, "\n") != 2 {
		t.Errorf("the parent's segments after the child's namespace went:\n%s", s)
	}
	_ = k
}

// Kernel.Interrupt ends a blocking receive and a blocking semop.
func TestSysvInterrupt(t *testing.T) {
	task := sysvTask(t)
	qid, _ := task.Msgget(linux.IPC_PRIVATE, 0o600)
	sid, _ := task.Semget(linux.IPC_PRIVATE, 1, 0o600)
	errs := make(chan error, 2)
	go func() { _, _, err := task.Msgrcv(qid, 10, 0, 0); errs <- err }()
	go func() { errs <- task.Semop(sid, []linux.Sembuf{{Op: -1}}) }()
	time.Sleep(20 * time.Millisecond)
	task.Kernel().Interrupt()
	for range 2 {
		select {
		case err := <-errs:
			wantErr(t, "an interrupted wait", err, linux.EINTR)
		case <-time.After(5 * time.Second):
			t.Fatal("a wait survived Kernel.Interrupt")
		}
	}
}

// SEM_UNDO: a task's exit gives back what its operations with SEM_UNDO
// took or added (kept within 0..SEMVMX); SETVAL forgets the record of
// the semaphore it sets; a record past SEMAEM is ERANGE.
func TestSysvSemUndo(t *testing.T) {
	task := sysvTask(t)
	id, _ := task.Semget(linux.IPC_PRIVATE, 2, 0o600)
	task.Semctl(id, 0, linux.SETALL, vfs.SemArg{Array: []uint16{5, 5}})
	child := task.Clone(0)
	if err := child.Semop(id, []linux.Sembuf{{Num: 0, Op: -3, Flg: linux.SEM_UNDO}, {Num: 1, Op: 2, Flg: linux.SEM_UNDO}}); err != nil {
		t.Fatal(err)
	}
	if err := child.Semop(id, []linux.Sembuf{{Num: 1, Op: -1}}); err != nil {
		t.Fatal(err)
	}
	child.Exit()
	arr := make([]uint16, 2)
	task.Semctl(id, 0, linux.GETALL, vfs.SemArg{Array: arr})
	if arr[0] != 5 || arr[1] != 4 {
		t.Errorf("after the exit: %v, want [5 4]", arr)
	}
	other := task.Clone(0)
	other.Semop(id, []linux.Sembuf{{Num: 0, Op: -5, Flg: linux.SEM_UNDO}, {Num: 1, Op: -4, Flg: linux.SEM_UNDO}})
	task.Semctl(id, 1, linux.SETVAL, vfs.SemArg{Val: 1})
	other.Exit()
	task.Semctl(id, 0, linux.GETALL, vfs.SemArg{Array: arr})
	if arr[0] != 5 || arr[1] != 1 {
		t.Errorf("after SETVAL and the exit: %v, want [5 1]", arr)
	}
	task.Semctl(id, 0, linux.SETVAL, vfs.SemArg{Val: 32767})
	if err := task.Semop(id, []linux.Sembuf{{Op: -32767, Flg: linux.SEM_UNDO}}); err != nil {
		t.Fatal(err)
	}
	task.Semop(id, []linux.Sembuf{{Op: 1}})
	wantErr(t, "an undo past SEMAEM", task.Semop(id, []linux.Sembuf{{Op: -1, Flg: linux.SEM_UNDO}}), linux.ERANGE)
}

// shmat at a given address: unaligned is EINVAL (rounded down with
// SHM_RND), onto another attach EINVAL, which SHM_REMAP replaces.
func TestSysvShmatPlace(t *testing.T) {
	task := sysvTask(t)
	a, _ := task.Shmget(linux.IPC_PRIVATE, 8192, 0o600)
	b, _ := task.Shmget(linux.IPC_PRIVATE, 4096, 0o600)
	const at = 0x10000000
	if _, err := task.Shmat(a, at+1, 0); err != linux.EINVAL {
		t.Errorf("unaligned: %v, want EINVAL", err)
	}
	if got, err := task.Shmat(a, at+1, linux.SHM_RND); err != nil || got != at {
		t.Fatalf("SHM_RND: %#x %v", got, err)
	}
	if _, err := task.Shmat(b, at+4096, 0); err != linux.EINVAL {
		t.Errorf("onto an attach: %v, want EINVAL", err)
	}
	if _, err := task.Shmat(b, 0, linux.SHM_REMAP); err != linux.EINVAL {
		t.Errorf("SHM_REMAP without an address: %v, want EINVAL", err)
	}
	if _, err := task.Shmat(b, at+4096, linux.SHM_REMAP); err != nil {
		t.Fatal(err)
	}
	var ds linux.ShmidDS
	task.Shmctl(a, linux.IPC_STAT, &ds)
	if ds.Nattch != 0 || ds.Dtime == 0 {
		t.Errorf("the replaced attach: nattch %d, dtime %d", ds.Nattch, ds.Dtime)
	}
	if err := task.Shmdt(at); err != linux.EINVAL {
		t.Errorf("shmdt of the replaced attach: %v, want EINVAL", err)
	}
	if err := task.Shmdt(at + 4096); err != nil {
		t.Errorf("shmdt of the new one: %v", err)
	}
}
