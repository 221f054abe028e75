// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestKill: kill(2) records the signal for the target, signal 0 only
// checks, and the errors come in the kernel's order: ESRCH for no such
// process, EINVAL for a bad signal, EPERM unless a user ID matches
// (kill_ok_by_cred) or the sender has CAP_KILL (checked on Linux 6.18).
func TestKill(t *testing.T) {
	init := bootMounts(t)
	child := init.Clone(0)
	defer child.Exit()
	if got, err := init.Kill(child.TID(), linux.SIGTERM); err != nil || got != child {
		t.Fatalf("kill = %v, %v; want the child", got, err)
	}
	sig := child.TakeSignals()
	if len(sig) != 1 || sig[0].Signo != linux.SIGTERM || sig[0].Code != linux.SI_USER || sig[0].Pid != init.TID() {
		t.Fatalf("child got %+v, want one SIGTERM from init", sig)
	}
	if got, err := init.Kill(child.TID(), 0); err != nil || got != nil || len(child.TakeSignals()) != 0 {
		t.Fatalf("kill 0 = %v, or it sent something", err)
	}
	for _, tc := range []struct {
		tid   int32
		signo int
		want  error
	}{
		{child.TID(), linux.NSIG + 1, linux.EINVAL},
		{child.TID(), -1, linux.EINVAL},
		{99999, linux.SIGTERM, linux.ESRCH},
		{0, linux.SIGTERM, linux.ESRCH},
		{99999, linux.NSIG + 1, linux.ESRCH}, // the process is looked up first
	} {
		if _, err := init.Kill(tc.tid, tc.signo); err != tc.want {
			t.Errorf("kill(%d, %d) = %v, want %v", tc.tid, tc.signo, err, tc.want)
		}
	}
	user := init.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if _, err := user.Kill(init.TID(), linux.SIGTERM); err != linux.EPERM {
		t.Errorf("user kills root: %v, want EPERM", err)
	}
	if _, err := user.Kill(init.TID(), 0); err != linux.EPERM {
		t.Errorf("user probes root: %v, want EPERM", err)
	}
	if _, err := user.Kill(init.TID(), linux.NSIG+1); err != linux.EINVAL {
		t.Errorf("user sends root a bad signal: %v, want EINVAL (before EPERM)", err)
	}
	peer := init.Clone(0)
	defer peer.Exit()
	c := *vfs.UserCred(2000, 2000)
	c.SUID = 1000 // a saved ID the sender's matches
	peer.SetCred(&c)
	if _, err := user.Kill(peer.TID(), linux.SIGHUP); err != nil {
		t.Errorf("kill a task whose saved user is ours: %v", err)
	}
	if _, err := init.Kill(user.TID(), linux.SIGKILL); err != nil {
		t.Errorf("root (CAP_KILL) kills a user's task: %v", err)
	}
}

// TestSetFatalSignal: once a fatal signal is pending, the task's reads
// and writes fail EINTR (fatal_signal_pending); other tasks go on.
func TestSetFatalSignal(t *testing.T) {
	init := bootMounts(t)
	child := init.Clone(0)
	defer child.Exit()
	fd, err := child.Openat(linux.AT_FDCWD, "/f", linux.O_RDWR|linux.O_CREAT, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := child.Write(fd, []byte("data")); err != nil {
		t.Fatalf("write before: %v", err)
	}
	child.SetFatalSignal()
	if _, err := child.Write(fd, []byte("more")); err != linux.EINTR {
		t.Errorf("write of a dying task = %v, want EINTR", err)
	}
	if _, err := child.Pread(fd, make([]byte, 4), 0); err != linux.EINTR {
		t.Errorf("read of a dying task = %v, want EINTR", err)
	}
	fds, err := init.Pipe2(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Write(fds[1], []byte("x")); err != nil {
		t.Errorf("another task's write: %v", err)
	}
}

// TestKillPidNamespace: kill(2) takes numbers of the caller's own PID
// namespace: inside one, a number names the namespace's task and a task
// outside is ESRCH; the target sees a sender outside its namespace as
// si_pid 0 (__send_signal_locked) and one inside by its number there.
func TestKillPidNamespace(t *testing.T) {
	init := bootMounts(t)
	for range 3 { // a's number is above the child namespace's
		d := mustFork(t, init)
		defer d.Exit()
	}
	a := mustFork(t, init)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	reaper := mustFork(t, a)
	defer reaper.Exit()
	inner := mustFork(t, reaper)
	defer inner.Exit()
	if got, err := reaper.Kill(2, linux.SIGUSR1); err != nil || got != inner {
		t.Fatalf("kill(2) inside = %v, %v; want the namespace's task 2", got, err)
	}
	if sig := inner.TakeSignals(); len(sig) != 1 || sig[0].Pid != 1 {
		t.Errorf("inner got %+v, want one signal from pid 1", sig)
	}
	if _, err := inner.Kill(a.TID(), 0); err != linux.ESRCH {
		t.Errorf("kill of a task outside the namespace: %v, want ESRCH", err)
	}
	if got, err := init.Kill(inner.TID(), linux.SIGUSR2); err != nil || got != inner {
		t.Fatalf("kill from outside = %v, %v", got, err)
	}
	if sig := inner.TakeSignals(); len(sig) != 1 || sig[0].Pid != 0 {
		t.Errorf("inner got %+v, want si_pid 0 from outside", sig)
	}
}

// TestKillNamespaceInit: a PID namespace's init drops signals it has no
// handler for (SIGNAL_UNKILLABLE): all of them from inside, all but
// SIGKILL and SIGSTOP from an ancestor namespace; kill(2) still
// succeeds (checked on Linux 6.18: SIGTERM from outside leaves the init
// running, SIGKILL ends it).
func TestKillNamespaceInit(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	reaper := mustFork(t, a)
	defer reaper.Exit()
	inner := mustFork(t, reaper)
	defer inner.Exit()
	for _, tc := range []struct {
		from  *vfs.Task
		pid   int32
		signo int
		gets  bool
	}{
		{inner, 1, linux.SIGTERM, false},
		{inner, 1, linux.SIGKILL, false},
		{reaper, 1, linux.SIGKILL, false},
		{a, reaper.TID(), linux.SIGTERM, false},
		{a, reaper.TID(), linux.SIGKILL, true},
		{a, reaper.TID(), linux.SIGSTOP, true},
		{a, inner.TID(), linux.SIGTERM, true},
	} {
		got, err := tc.from.Kill(tc.pid, tc.signo)
		if err != nil || (got != nil) != tc.gets {
			t.Errorf("kill(%d, %d) from pid %d = %v, %v; want delivered %v", tc.pid, tc.signo, tc.from.TID(), got, err, tc.gets)
		}
		reaper.TakeSignals()
		inner.TakeSignals()
	}
}

// TestKillNamespaceInitHandler: a signal the init catches reaches it from
// inside its namespace too (sig_task_ignored looks at SIG_DFL only), and
// execve forgets the handlers; SIGKILL cannot be caught.
func TestKillNamespaceInitHandler(t *testing.T) {
	init := bootMounts(t)
	a := mustFork(t, init)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	reaper := mustFork(t, a)
	defer reaper.Exit()
	inner := mustFork(t, reaper)
	defer inner.Exit()
	reaper.SetSignalHandled(linux.SIGTERM, true)
	reaper.SetSignalHandled(linux.SIGKILL, true)
	if got, err := inner.Kill(1, linux.SIGTERM); err != nil || got != reaper {
		t.Errorf("caught SIGTERM from inside = %v, %v; want delivered", got, err)
	}
	if got, err := inner.Kill(1, linux.SIGKILL); err != nil || got != nil {
		t.Errorf("SIGKILL from inside = %v, %v; want dropped", got, err)
	}
	reaper.Execve("/bin/x", []string{"x"}, nil)
	if got, err := inner.Kill(1, linux.SIGTERM); err != nil || got != nil {
		t.Errorf("SIGTERM after execve = %v, %v; want dropped", got, err)
	}
}

// TestOnSignal: the embedder hears of a write's SIGPIPE before the write
// returns EPIPE, and of kill(2)'s signals; after OnSignal(nil), of none.
func TestOnSignal(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	var heard []vfs.Siginfo
	k.OnSignal(func(to *vfs.Task, si vfs.Siginfo) {
		if to == init {
			heard = append(heard, si)
		}
	})
	fds, err := init.Pipe2(0)
	if err != nil {
		t.Fatal(err)
	}
	init.Close(fds[0])
	defer init.Close(fds[1])
	if _, err := init.Write(fds[1], []byte("x")); err != linux.EPIPE || len(heard) != 1 || heard[0].Signo != linux.SIGPIPE {
		t.Fatalf("write = %v, heard %+v; want EPIPE after one SIGPIPE", err, heard)
	}
	k.OnSignal(nil)
	init.Write(fds[1], []byte("x"))
	if len(heard) != 1 {
		t.Errorf("heard %+v after OnSignal(nil)", heard)
	}
}
