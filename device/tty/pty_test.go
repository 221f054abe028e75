// SPDX-License-Identifier: Apache-2.0

package tty_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// boot is a linuxvfs system with devpts mounted on /dev/pts with opts.
func boot(t *testing.T, opts string) *vfs.Task {
	t.Helper()
	init, err := linuxvfs.Boot()
	must(t, err)
	t.Cleanup(init.Exit)
	must(t, init.Mount("devpts", "/dev/pts", "devpts", 0, opts))
	return init
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: got %v, want %v", what, err, want)
	}
}

// openPty opens a master at path, unlocks it and returns it with its index.
func openPty(t *testing.T, task *vfs.Task, path string) (int, uint32) {
	t.Helper()
	m, err := task.Open(path, linux.O_RDWR|linux.O_NOCTTY, 0)
	must(t, err)
	var n uint32
	_, err = task.Ioctl(m, linux.TIOCGPTN, &n)
	must(t, err)
	return m, n
}

func unlock(t *testing.T, task *vfs.Task, m int) {
	t.Helper()
	zero := int32(0)
	_, err := task.Ioctl(m, linux.TIOCSPTLCK, &zero)
	must(t, err)
}

func read(t *testing.T, task *vfs.Task, fd int) string {
	t.Helper()
	b := make([]byte, 256)
	n, err := task.Read(fd, b)
	must(t, err)
	return string(b[:n])
}

func write(t *testing.T, task *vfs.Task, fd int, s string) {
	t.Helper()
	n, err := task.Write(fd, []byte(s))
	must(t, err)
	if n != len(s) {
		t.Fatalf("wrote %d of %d", n, len(s))
	}
}

func TestPtyLifecycle(t *testing.T) {
	task := boot(t, "gid=5,mode=620,ptmxmode=666")
	m, n := openPty(t, task, "/dev/ptmx")
	if n != 0 {
		t.Fatalf("first index %d", n)
	}
	st, err := task.Fstatat(linux.AT_FDCWD, "/dev/pts/0", 0)
	must(t, err)
	if st.Mode != linux.S_IFCHR|0o620 || st.GID != 5 || st.Rdev() != linux.Mkdev(136, 0) || st.Ino != 3 {
		t.Fatalf("/dev/pts/0: %+v", st)
	}
	var lck int32
	_, err = task.Ioctl(m, linux.TIOCGPTLCK, &lck)
	must(t, err)
	if lck != 1 {
		t.Fatalf("locked %d", lck)
	}
	_, err = task.Open("/dev/pts/0", linux.O_RDWR, 0)
	wantErr(t, "open locked slave", err, linux.EIO)
	_, err = task.Fcntl(m, linux.F_SETFL, linux.O_NONBLOCK)
	must(t, err)
	_, err = task.Read(m, make([]byte, 8))
	wantErr(t, "master read before slave", err, linux.EAGAIN)
	write(t, task, m, "early\n")
	unlock(t, task, m)
	s, err := task.Open("/dev/pts/0", linux.O_RDWR, 0)
	must(t, err)
	var tio linux.Termios
	_, err = task.Ioctl(s, linux.TCGETS, &tio)
	must(t, err)
	if tio.Iflag != 0o2400 || tio.Oflag != 5 || tio.Cflag != 0o277 || tio.Lflag != 0o105073 {
		t.Fatalf("termios %+v", tio)
	}
	if got := read(t, task, s); got != "early\n" {
		t.Fatalf("slave read %q", got)
	}
	write(t, task, s, "hello\n")
	if got := read(t, task, m); got != "early\r\nhello\r\n" {
		t.Fatalf("master read %q", got)
	}
	must(t, task.Close(s))
	_, err = task.Read(m, make([]byte, 8))
	wantErr(t, "master read after slave close", err, linux.EIO)
	write(t, task, m, "x\n")
	s, err = task.Open("/dev/pts/0", linux.O_RDWR, 0)
	must(t, err)
	if got := read(t, task, s); got != "x\n" {
		t.Fatalf("reopened slave read %q", got)
	}
	must(t, task.Close(m))
	if got := read(t, task, s); got != "" {
		t.Fatalf("hung-up slave read %q", got)
	}
	_, err = task.Write(s, []byte("x"))
	wantErr(t, "hung-up slave write", err, linux.EIO)
	_, err = task.Ioctl(s, linux.TCGETS, &tio)
	wantErr(t, "hung-up slave TCGETS", err, linux.EIO)
	_, err = task.Fstatat(linux.AT_FDCWD, "/dev/pts/0", 0)
	wantErr(t, "stat after master close", err, linux.ENOENT)
	// The index stays taken while a slave is open.
	m2, n2 := openPty(t, task, "/dev/pts/ptmx")
	if n2 != 1 {
		t.Fatalf("index while 0 is held: %d", n2)
	}
	must(t, task.Close(s))
	must(t, task.Close(m2))
	_, n3 := openPty(t, task, "/dev/ptmx")
	if n3 != 0 {
		t.Fatalf("index after release: %d", n3)
	}
}

func TestMountinfoAndDir(t *testing.T) {
	task := boot(t, "gid=5,mode=620,ptmxmode=000,max=2")
	mi := task.ProcMounts()
	if !strings.Contains(mi, "devpts /dev/pts devpts rw,relatime,gid=5,mode=620,ptmxmode=000,max=2 0 0") {
		t.Fatalf("mounts:\n%s", mi)
	}
	for range 2 {
		openPty(t, task, "/dev/ptmx")
	}
	_, err := task.Open("/dev/ptmx", linux.O_RDWR, 0)
	wantErr(t, "open past max", err, linux.ENOSPC)
	d, err := task.Open("/dev/pts", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	ents, err := task.Getdents(d, 0)
	must(t, err)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, []string{".", "..", "1", "0", "ptmx"}) {
		t.Fatalf("readdir %v", names)
	}
	sfs, err := task.Fstatfs(d)
	must(t, err)
	if sfs.Type != 0x1cd1 {
		t.Fatalf("statfs %+v", sfs)
	}
}
