// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fifoStep is one system call of the FIFO part of pjdfstest's open/06.t,
// made as uid with gid as its group and only supplementary group (as
// pjdfstest's -u and -g do); want is pjdfstest's expectation.
type fifoStep struct {
	op       string // mkfifo, chmod, open, unlink
	uid, gid uint32
	arg      uint32 // the mode, or the open flags
	want     string // "0", an errno name, or two joined by |
}

// Open flags of the FIFO cases, by the short names the table uses.
var fifoFlags = map[string]uint32{
	"r":  linux.O_RDONLY | linux.O_NONBLOCK,
	"w":  linux.O_WRONLY | linux.O_NONBLOCK,
	"rw": linux.O_RDWR,
}

// open06Fifo lists open/06.t's FIFO cases in order. The owner (65534,
// group 65534) makes the FIFO, then for each line changes its mode and
// the line's caller opens it with each flag set given; 65533 in group
// 65534 is the group class, 65533 in group 65533 the others. An open
// for writing without a reader may fail with EACCES or ENXIO: the
// permission check comes first, so Linux answers EACCES where the mode
// forbids writing and ENXIO otherwise.
func open06Fifo() []fifoStep {
	const owner = 65534
	table := []struct {
		mode     uint32
		uid, gid uint32
		opens    string // flags=want ...
	}{
		{0o600, 65534, 65534, "r=0 rw=0"},
		{0o060, 65533, 65534, "r=0 rw=0"},
		{0o006, 65533, 65533, "r=0 rw=0"},
		{0o477, 65534, 65534, "r=0 w=EACCES|ENXIO rw=EACCES"},
		{0o747, 65533, 65534, "r=0 w=EACCES|ENXIO rw=EACCES"},
		{0o774, 65533, 65533, "r=0 w=EACCES|ENXIO rw=EACCES"},
		{0o177, 65534, 65534, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
		{0o717, 65533, 65534, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
		{0o771, 65533, 65533, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
		{0o077, 65534, 65534, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
		{0o707, 65533, 65534, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
		{0o770, 65533, 65533, "r=EACCES w=EACCES|ENXIO rw=EACCES"},
	}
	steps := []fifoStep{{op: "mkfifo", uid: owner, gid: owner, arg: 0o644, want: "0"}}
	for _, row := range table {
		steps = append(steps, fifoStep{op: "chmod", uid: owner, gid: owner, arg: row.mode, want: "0"})
		for _, o := range strings.Fields(row.opens) {
			flags, want, _ := strings.Cut(o, "=")
			steps = append(steps, fifoStep{op: "open", uid: row.uid, gid: row.gid, arg: fifoFlags[flags], want: want})
		}
	}
	return append(steps, fifoStep{op: "unlink", uid: owner, gid: owner, want: "0"})
}

func (s fifoStep) String() string {
	return fmt.Sprintf("%s %#o as %d:%d", s.op, s.arg, s.uid, s.gid)
}

// errName is "0" for success, else the errno's name.
func errName(err error) string {
	var le linux.Errno
	var he syscall.Errno
	switch {
	case err == nil:
		return "0"
	case errors.As(err, &le):
		return le.Name()
	case errors.As(err, &he):
		return unix.ErrnoName(he)
	}
	return err.Error()
}

// virtualFifoSteps makes the steps with the virtual kernel's task API in
// the directory dir of task, switching task's credentials for each.
func virtualFifoSteps(task *vfs.Task, dir string, steps []fifoStep) []string {
	root := task.Cred()
	defer task.SetCred(root)
	name := filepath.Join(dir, "fifo")
	var got []string
	for _, s := range steps {
		task.SetCred(vfs.UserCred(s.uid, s.gid, s.gid))
		var err error
		switch s.op {
		case "mkfifo":
			err = task.Mknodat(linux.AT_FDCWD, name, linux.S_IFIFO|s.arg, 0)
		case "chmod":
			err = task.Chmod(name, s.arg)
		case "unlink":
			err = task.Unlink(name)
		case "open":
			var fd int
			if fd, err = task.Open(name, s.arg, 0); err == nil {
				task.Close(fd)
			}
		}
		got = append(got, errName(err))
	}
	return got
}

// hostFifoSteps makes the steps with the host kernel's system calls in
// the host directory dir, on a thread of its own whose IDs it switches
// for each step (the raw per-thread setgroups, setresgid, setresuid;
// the saved set-user-ID 0 leads back to root). The thread stays locked
// and ends with its goroutine.
func hostFifoSteps(dir string, steps []fifoStep) ([]string, error) {
	type result struct {
		got []string
		err error
	}
	ch := make(chan result)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread's IDs change
		got, err := hostFifoThread(filepath.Join(dir, "fifo"), steps)
		ch <- result{got, err}
	}()
	r := <-ch
	return r.got, r.err
}

func hostFifoThread(name string, steps []fifoStep) ([]string, error) {
	var got []string
	for _, s := range steps {
		if err := threadIDs(s.uid, s.gid, s.gid); err != nil {
			return nil, err
		}
		var err error
		switch s.op {
		case "mkfifo":
			err = unix.Mknod(name, unix.S_IFIFO|s.arg, 0)
		case "chmod":
			err = unix.Chmod(name, s.arg)
		case "unlink":
			err = unix.Unlink(name)
		case "open":
			var fd int
			if fd, err = unix.Open(name, int(s.arg)|unix.O_CLOEXEC, 0); err == nil {
				unix.Close(fd)
			}
		}
		got = append(got, errName(err))
		if err := threadIDs(0, 0, 0); err != nil {
			return nil, err
		}
	}
	return got, nil
}

// threadIDs gives the calling thread only: uid as effective and
// filesystem user ID, gid likewise, and groups as its supplementary
// groups. Back to uid 0 the permitted capabilities become effective
// again.
func threadIDs(uid, gid uint32, groups ...uint32) error {
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, ^uintptr(0), 0, ^uintptr(0)); e != 0 {
		return fmt.Errorf("setresuid(0): %w", e)
	}
	var p unsafe.Pointer
	if len(groups) > 0 {
		p = unsafe.Pointer(&groups[0])
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETGROUPS, uintptr(len(groups)), uintptr(p), 0); e != 0 {
		return fmt.Errorf("setgroups: %w", e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESGID, ^uintptr(0), uintptr(gid), ^uintptr(0)); e != 0 {
		return fmt.Errorf("setresgid: %w", e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, ^uintptr(0), uintptr(uid), ^uintptr(0)); e != 0 {
		return fmt.Errorf("setresuid: %w", e)
	}
	return nil
}

// matches reports whether got is one of want's |-separated answers.
func matches(want, got string) bool {
	for w := range strings.SplitSeq(want, "|") {
		if w == got {
			return true
		}
	}
	return false
}

// TestFifoOpenDAC replays the FIFO cases of pjdfstest's open/06.t, the
// ones that fail over the export: in a host tmpfs with the host kernel,
// with the virtual kernel's task API, and through the export from the
// host (without and with default_permissions). The virtual kernel must
// answer as the host kernel does, at every step; so must the export
// with default_permissions. Without it the host kernel opens a FIFO
// without asking the export (a FUSE special inode gets
// init_special_inode's file operations, and fuse_permission sends
// FUSE_ACCESS only for access(2) and chdir): each open the mode forbids
// then succeeds, or ends in ENXIO for want of a reader, and nothing else
// may differ. That is the protocol limit docs/fuse.md describes; the
// test says so if a host kernel starts checking.
func TestFifoOpenDAC(t *testing.T) {
	canMount(t)
	steps := open06Fifo()
	setup := func(task *vfs.Task) {
		must(t, task.Mkdir("/w", 0o755))
		must(t, task.Chown("/w", 65534, 65534))
	}

	host := hostTmpfs(t)
	hdir := filepath.Join(host, "w")
	must(t, unix.Mkdir(hdir, 0o755))
	must(t, unix.Chown(hdir, 65534, 65534))
	kernel, err := hostFifoSteps(hdir, steps)
	must(t, err)
	for i, s := range steps {
		if !matches(s.want, kernel[i]) {
			t.Errorf("host kernel: %v: %s, pjdfstest expects %s", s, kernel[i], s.want)
		}
	}

	mp, task, _ := exportWith(t, "/", setup, nil)
	task.Umask(0)
	virtual := virtualFifoSteps(task, "/w", steps)
	for i, s := range steps {
		if virtual[i] != kernel[i] {
			t.Errorf("task API: %v: %s, the host kernel %s", s, virtual[i], kernel[i])
		}
	}

	dmp, _, _ := exportWith(t, "/", setup, &fuse.Options{DefaultPermissions: true})
	withDP, err := hostFifoSteps(filepath.Join(dmp, "w"), steps)
	must(t, err)
	plain, err := hostFifoSteps(filepath.Join(mp, "w"), steps)
	must(t, err)
	unchecked := 0
	for i, s := range steps {
		if withDP[i] != kernel[i] {
			t.Errorf("export with default_permissions: %v: %s, the host kernel %s", s, withDP[i], kernel[i])
		}
		if plain[i] == kernel[i] {
			continue
		}
		if s.op == "open" && kernel[i] == "EACCES" && (plain[i] == "0" || plain[i] == "ENXIO") {
			unchecked++
			continue
		}
		t.Errorf("export: %v: %s, the host kernel %s", s, plain[i], kernel[i])
	}
	if unchecked == 0 {
		t.Errorf("the host checked every FIFO open over the export: the limit in docs/fuse.md is gone")
	}
	t.Logf("%d of %d FIFO opens the mode forbids are let through by the host over the export", unchecked, strings.Count(strings.Join(kernel, " "), "EACCES"))
}
