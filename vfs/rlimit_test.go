// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func getrlimit(t *testing.T, task *vfs.Task, res int) linux.Rlimit {
	t.Helper()
	r, err := task.Getrlimit(res)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRlimitInit: the first task has INIT_RLIMITS, with NPROC and
// SIGPENDING half of max_threads for the kernel's memory (8 GiB: 65536
// threads of 16 KiB stacks in an eighth of it).
func TestRlimitInit(t *testing.T) {
	init := bootTmpfs(t)
	inf := linux.RLIM_INFINITY
	for res, want := range map[int]linux.Rlimit{
		linux.RLIMIT_NOFILE:     {Cur: 1024, Max: 4096},
		linux.RLIMIT_STACK:      {Cur: 8 << 20, Max: inf},
		linux.RLIMIT_CORE:       {Cur: 0, Max: inf},
		linux.RLIMIT_NPROC:      {Cur: 32768, Max: 32768},
		linux.RLIMIT_SIGPENDING: {Cur: 32768, Max: 32768},
		linux.RLIMIT_MEMLOCK:    {Cur: 8 << 20, Max: 8 << 20},
		linux.RLIMIT_MSGQUEUE:   {Cur: 819200, Max: 819200},
		linux.RLIMIT_NICE:       {},
		linux.RLIMIT_FSIZE:      {Cur: inf, Max: inf},
	} {
		if got := getrlimit(t, init, res); got != want {
			t.Errorf("resource %d: %+v, want %+v", res, got, want)
		}
	}
	if _, err := init.Getrlimit(linux.RLIM_NLIMITS); err != linux.EINVAL {
		t.Errorf("getrlimit(RLIM_NLIMITS) = %v, want EINVAL", err)
	}
}

// TestSetrlimitRules: do_prlimit's errors, and what a child shares.
func TestSetrlimitRules(t *testing.T) {
	init := bootTmpfs(t)
	user := init.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	for _, c := range []struct {
		task *vfs.Task
		res  int
		r    linux.Rlimit
		want error
	}{
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 10, Max: 9}, linux.EINVAL},
		{user, linux.RLIM_NLIMITS, linux.Rlimit{}, linux.EINVAL},
		{user, -1, linux.Rlimit{}, linux.EINVAL},
		{init, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 10, Max: linux.NR_OPEN + 1}, linux.EPERM},
		{init, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 10, Max: linux.RLIM_INFINITY}, linux.EPERM},
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 4096, Max: 4096}, nil},
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 100, Max: 4097}, linux.EPERM},
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 100, Max: 200}, nil},
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 200, Max: 200}, nil},
		{user, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 100, Max: 300}, linux.EPERM},
		{init, linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 100, Max: linux.NR_OPEN}, nil},
		{init, linux.RLIMIT_CORE, linux.Rlimit{Cur: linux.RLIM_INFINITY, Max: linux.RLIM_INFINITY}, nil},
	} {
		if err := c.task.Setrlimit(c.res, c.r); err != c.want {
			t.Errorf("setrlimit(%d, %+v) as uid %d = %v, want %v", c.res, c.r, c.task.Cred().UID, err, c.want)
		}
	}
	if got := getrlimit(t, user, linux.RLIMIT_NOFILE); got != (linux.Rlimit{Cur: 200, Max: 200}) {
		t.Errorf("user's NOFILE after the refused calls: %+v", got)
	}
	child := user.Clone(0)
	defer child.Exit()
	if got := getrlimit(t, child, linux.RLIMIT_NOFILE); got.Max != 200 {
		t.Errorf("child's NOFILE %+v, want the parent's", got)
	}
	must(t, child.Setrlimit(linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 5, Max: 50}))
	if got := getrlimit(t, user, linux.RLIMIT_NOFILE); got.Max != 200 {
		t.Errorf("a child's setrlimit reached its parent: %+v", got)
	}
}

// TestPrlimitPermission: another process's limits need the same real,
// effective and saved IDs, or CAP_SYS_RESOURCE over its user namespace.
func TestPrlimitPermission(t *testing.T) {
	init := bootTmpfs(t)
	ns := init.PidNamespace()
	a := init.Clone(0)
	defer a.Exit()
	a.SetCred(vfs.UserCred(1000, 1000))
	b := a.Clone(0)
	defer b.Exit()
	c := init.Clone(0)
	defer c.Exit()
	c.SetCred(vfs.UserCred(1001, 1000))

	nofile := linux.Rlimit{Cur: 64, Max: 128}
	if _, err := a.Prlimit(b.PidIn(ns), linux.RLIMIT_NOFILE, &nofile); err != nil {
		t.Fatalf("prlimit of a same-ID process: %v", err)
	}
	if got := getrlimit(t, b, linux.RLIMIT_NOFILE); got != nofile {
		t.Errorf("target's limit %+v, want %+v", got, nofile)
	}
	if _, err := c.Prlimit(b.PidIn(ns), linux.RLIMIT_NOFILE, nil); err != linux.EPERM {
		t.Errorf("prlimit read by another user = %v, want EPERM", err)
	}
	old, err := init.Prlimit(b.PidIn(ns), linux.RLIMIT_NOFILE, &linux.Rlimit{Cur: 1, Max: 4096})
	if err != nil || old != nofile {
		t.Errorf("root's prlimit = %+v, %v; want the old %+v", old, err, nofile)
	}
	if _, err := a.Prlimit(0, linux.RLIMIT_CPU, nil); err != nil {
		t.Errorf("prlimit of pid 0: %v", err)
	}
	for _, pid := range []int32{-1, 99999} {
		if _, err := a.Prlimit(pid, linux.RLIMIT_CPU, nil); err != linux.ESRCH {
			t.Errorf("prlimit(%d) = %v, want ESRCH", pid, err)
		}
	}
	// The target's ID check comes before the resource's.
	if _, err := c.Prlimit(b.PidIn(ns), linux.RLIM_NLIMITS, nil); err != linux.EPERM {
		t.Errorf("prlimit of a bad resource of another user's = %v, want EPERM", err)
	}
}

// TestRlimitNofile: new descriptors stay below the soft limit (EMFILE),
// F_DUPFD's floor must be below it (EINVAL), dup2's target too (EBADF),
// and a descriptor above a lowered limit stays open but is not reused.
func TestRlimitNofile(t *testing.T) {
	init := bootTmpfs(t)
	task := init.Clone(0)
	defer task.Exit()
	must(t, task.Setrlimit(linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 6, Max: 8}))
	var fds []int
	for {
		fd, err := task.Open("/", linux.O_RDONLY, 0)
		if err == linux.EMFILE {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		fds = append(fds, fd)
		if len(fds) > 6 {
			t.Fatalf("opened %v past the limit of 6", fds)
		}
	}
	if len(fds) != 6 || fds[5] != 5 {
		t.Fatalf("opened %v, want 0 to 5", fds)
	}
	if _, err := task.Pipe2(0); err != linux.EMFILE {
		t.Errorf("pipe2 in a full table = %v, want EMFILE", err)
	}
	if _, err := task.Fcntl(0, linux.F_DUPFD, 6); err != linux.EINVAL {
		t.Errorf("F_DUPFD from the limit = %v, want EINVAL", err)
	}
	if _, err := task.Dup2(0, 6); err != linux.EBADF {
		t.Errorf("dup2 to the limit = %v, want EBADF", err)
	}
	must(t, task.Setrlimit(linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 8, Max: 8}))
	if fd, err := task.Dup2(0, 7); fd != 7 || err != nil {
		t.Fatalf("dup2 to 7 = %d, %v", fd, err)
	}
	must(t, task.Setrlimit(linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 3, Max: 8}))
	must(t, task.Close(7))
	must(t, task.Close(4))
	if _, err := task.Dup(0); err != linux.EMFILE {
		t.Errorf("dup with 4 free above a limit of 3 = %v, want EMFILE", err)
	}
	must(t, task.Close(1))
	if fd, err := task.Dup(5); fd != 1 || err != nil {
		t.Errorf("dup = %d, %v; want 1", fd, err)
	}
	if _, err := task.Fcntl(5, linux.F_GETFD, 0); err != nil {
		t.Errorf("descriptor 5, open above the lowered limit: %v", err)
	}
}

// TestRlimitFsize: a write is cut at RLIMIT_FSIZE, one at the limit fails
// EFBIG with a SIGXFSZ, and so does a truncate past it; shrinking is free.
func TestRlimitFsize(t *testing.T) {
	init := bootTmpfs(t)
	task := init.Clone(0)
	defer task.Exit()
	must(t, task.Setrlimit(linux.RLIMIT_FSIZE, linux.Rlimit{Cur: 10, Max: linux.RLIM_INFINITY}))
	fd, err := task.Open("/f", linux.O_RDWR|linux.O_CREAT, 0o644)
	must(t, err)
	if n, err := task.Write(fd, []byte("0123456789abcde")); n != 10 || err != nil {
		t.Fatalf("write across the limit = %d, %v; want 10", n, err)
	}
	if len(task.TakeSignals()) != 0 {
		t.Error("a cut write sent a signal")
	}
	if n, err := task.Write(fd, []byte("x")); n != 0 || err != linux.EFBIG {
		t.Fatalf("write at the limit = %d, %v; want EFBIG", n, err)
	}
	if sigs := task.TakeSignals(); len(sigs) != 1 || sigs[0].Signo != linux.SIGXFSZ {
		t.Errorf("signals after EFBIG: %+v, want SIGXFSZ", sigs)
	}
	if err := task.Ftruncate(fd, 11); err != linux.EFBIG {
		t.Errorf("ftruncate past the limit = %v, want EFBIG", err)
	}
	must(t, task.Ftruncate(fd, 4))
	if n, err := task.Pwrite(fd, []byte("ab"), 9); n != 1 || err != nil {
		t.Errorf("pwrite at 9 = %d, %v; want 1", n, err)
	}
}
