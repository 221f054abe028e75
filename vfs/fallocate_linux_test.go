// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fallocStep is one fallocate(2) call on a file opened for it, and what
// the file looks like afterwards.
type fallocStep struct {
	file   string // f (regular, read-write), ro (read-only), path (O_PATH), fifo, chr, memfd
	mode   uint32
	off    int64
	length int64
}

var fallocSteps = []fallocStep{
	{"f", 0, 0, 8192},
	{"f", linux.FALLOC_FL_KEEP_SIZE, 8192, 100000},
	{"f", 0, 20000, 100},
	{"f", linux.FALLOC_FL_PUNCH_HOLE | linux.FALLOC_FL_KEEP_SIZE, 100, 5000},
	{"f", linux.FALLOC_FL_PUNCH_HOLE | linux.FALLOC_FL_KEEP_SIZE, 4096, 4096},
	{"f", 0, 10000, 1},
	{"f", linux.FALLOC_FL_PUNCH_HOLE | linux.FALLOC_FL_KEEP_SIZE, 0, 1 << 20},
	{"f", linux.FALLOC_FL_PUNCH_HOLE, 0, 4096},
	{"f", linux.FALLOC_FL_ZERO_RANGE, 0, 4096},
	{"f", linux.FALLOC_FL_ZERO_RANGE | linux.FALLOC_FL_PUNCH_HOLE, 0, 4096},
	{"f", linux.FALLOC_FL_COLLAPSE_RANGE, 0, 4096},
	{"f", linux.FALLOC_FL_COLLAPSE_RANGE | linux.FALLOC_FL_KEEP_SIZE, 0, 4096},
	{"f", linux.FALLOC_FL_INSERT_RANGE, 0, 4096},
	{"f", linux.FALLOC_FL_UNSHARE_RANGE, 0, 4096},
	{"f", linux.FALLOC_FL_WRITE_ZEROES, 0, 4096},
	{"f", 0x100, 0, 4096},
	{"f", 0, -1, 4096},
	{"f", 0, 0, 0},
	{"f", 0, 0, -1},
	{"f", 0, math.MaxInt64 - 10, 100},
	{"f", linux.FALLOC_FL_KEEP_SIZE, 3, 1},
	{"ro", 0, 0, 4096},
	{"ro", 0x100, 0, 4096},
	{"path", 0, 0, 4096},
	{"fifo", 0, 0, 4096},
	{"chr", 0, 0, 4096},
	{"memfd", 0, 0, 4096},
	{"memfd", linux.FALLOC_FL_PUNCH_HOLE | linux.FALLOC_FL_KEEP_SIZE, 0, 4096},
}

// fallocSys is one side's system calls.
type fallocSys struct {
	open    func(name string, flags int) (int, error)
	fallocs func(fd int, mode uint32, off, length int64) error
	fstat   func(fd int) (size, blocks int64, err error)
	pread   func(fd int, p []byte, off int64) (int, error)
	// age sets the regular file's times to 1 s; mtime reads its mtime.
	age   func() error
	mtime func(fd int) (int64, error)
}

func runFallocSteps(t *testing.T, sys fallocSys, fds map[string]int) []string {
	var out []string
	for _, s := range fallocSteps {
		if err := sys.age(); err != nil {
			t.Fatal(err)
		}
		err := sys.fallocs(fds[s.file], s.mode, s.off, s.length)
		line := fmt.Sprintf("%s mode %#x off %d len %d: %v", s.file, s.mode, s.off, s.length, fallocErr(err))
		if s.file == "f" {
			m, err := sys.mtime(fds["f"])
			line += fmt.Sprintf(" -> mtime moved %v %v", m != 1, err)
		}
		if s.file == "f" || s.file == "memfd" {
			size, blocks, err := sys.fstat(fds[s.file])
			data := make([]byte, 200000)
			n, rerr := sys.pread(fds[s.file], data, 0)
			line += fmt.Sprintf(" -> size %d blocks %d data %x %v %v", size, blocks, sha256.Sum256(data[:max(n, 0)]), err, rerr)
		}
		out = append(out, line)
	}
	return out
}

// fallocErr names an error of either side by its errno.
func fallocErr(err error) string {
	var e unix.Errno
	if errors.As(err, &e) {
		return errName(linux.Errno(e))
	}
	var l linux.Errno
	if errors.As(err, &l) {
		return errName(l)
	}
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// TestFallocateHost compares fallocate(2) on the host's tmpfs and on
// linuxvfs's: the errno of each step (vfs_fallocate's checks and
// shmem_fallocate's), then the file's size, blocks and contents. The
// files: a regular one holding 12000 bytes (read-write, read-only, O_PATH), a
// FIFO, the character device 1:3 and a memfd of 4 KiB sealed against
// growing and writing.
func TestFallocateHost(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (mount, mknod)")
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	defer unix.Unmount(dir, unix.MNT_DETACH)
	host := fallocSys{
		open: func(name string, flags int) (int, error) { return unix.Open(filepath.Join(dir, name), flags, 0) },
		fallocs: func(fd int, mode uint32, off, length int64) error {
			return unix.Fallocate(fd, mode, off, length)
		},
		fstat: func(fd int) (int64, int64, error) {
			var st unix.Stat_t
			err := unix.Fstat(fd, &st)
			return st.Size, st.Blocks, err
		},
		pread: unix.Pread,
		age: func() error {
			ts := []unix.Timespec{{Sec: 1}, {Sec: 1}}
			return unix.UtimesNanoAt(unix.AT_FDCWD, filepath.Join(dir, "f"), ts, 0)
		},
		mtime: func(fd int) (int64, error) {
			var st unix.Stat_t
			err := unix.Fstat(fd, &st)
			return st.Mtim.Sec, err
		},
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "f"), []byte(fallocData), 0o644))
	must(unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	must(unix.Mknod(filepath.Join(dir, "chr"), unix.S_IFCHR|0o644, int(unix.Mkdev(1, 3))))
	mfd, err := unix.MemfdCreate("m", unix.MFD_ALLOW_SEALING)
	must(err)
	defer unix.Close(mfd)
	_, err = unix.Pwrite(mfd, make([]byte, 4096), 0)
	must(err)
	_, err = unix.FcntlInt(uintptr(mfd), unix.F_ADD_SEALS, unix.F_SEAL_GROW|unix.F_SEAL_WRITE)
	must(err)
	hostFds := map[string]int{"memfd": mfd}
	for _, o := range fallocOpens {
		fd, err := host.open(o.path, o.flags)
		must(err)
		defer unix.Close(fd)
		hostFds[o.key] = fd
	}
	want := runFallocSteps(t, host, hostFds)

	task := newScKernel(t)
	must(task.Kernel().RegisterCharDevice(1, 3, nullOps{}))
	virt := fallocSys{
		open: func(name string, flags int) (int, error) {
			return task.Open("/"+name, uint32(flags)|linux.O_CLOEXEC, 0)
		},
		fallocs: task.Fallocate,
		fstat: func(fd int) (int64, int64, error) {
			st, err := task.Fstat(fd)
			return st.Size, st.Blocks, err
		},
		pread: task.Pread,
		age: func() error {
			return task.Utimensat(linux.AT_FDCWD, "/f", &[2]vfs.Timespec{{Sec: 1}, {Sec: 1}}, 0)
		},
		mtime: func(fd int) (int64, error) {
			st, err := task.Fstat(fd)
			return st.Mtime.Sec, err
		},
	}
	must(writeVirt(task, "/f", fallocData))
	must(task.Mknodat(linux.AT_FDCWD, "/fifo", linux.S_IFIFO|0o644, 0))
	must(task.Mknodat(linux.AT_FDCWD, "/chr", linux.S_IFCHR|0o644, linux.Mkdev(1, 3)))
	vm, err := task.MemfdCreate("m", linux.MFD_ALLOW_SEALING)
	must(err)
	_, err = task.Pwrite(vm, make([]byte, 4096), 0)
	must(err)
	_, err = task.Fcntl(vm, linux.F_ADD_SEALS, linux.F_SEAL_GROW|linux.F_SEAL_WRITE)
	must(err)
	virtFds := map[string]int{"memfd": vm}
	for _, o := range fallocOpens {
		fd, err := virt.open(o.path, o.flags)
		must(err)
		virtFds[o.key] = fd
	}
	got := runFallocSteps(t, virt, virtFds)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("step %d:\nhost:     %s\nlinuxvfs: %s", i, want[i], got[i])
		}
	}
}

// fallocData is the regular file's first contents: 12000 bytes, none 0.
var fallocData = strings.Repeat("0123456789", 1200)

// fallocOpens are the files the steps name: key, path, open flags.
var fallocOpens = []struct {
	key, path string
	flags     int
}{
	{"f", "f", unix.O_RDWR},
	{"ro", "f", unix.O_RDONLY},
	{"path", "f", unix.O_PATH},
	{"fifo", "fifo", unix.O_RDWR},
	{"chr", "chr", unix.O_WRONLY},
}

func writeVirt(task *vfs.Task, name, data string) error {
	fd, err := task.Open(name, linux.O_CREAT|linux.O_WRONLY|linux.O_CLOEXEC, 0o644)
	if err != nil {
		return err
	}
	defer task.Close(fd)
	_, err = task.Write(fd, []byte(data))
	return err
}

// nullOps is a character device that takes and gives nothing.
type nullOps struct{}

func (nullOps) ReadAt(*vfs.File, []byte, int64) (int, error)        { return 0, nil }
func (nullOps) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) { return len(p), nil }
func (nullOps) ReadDir(*vfs.File) ([]vfs.Dirent, error)             { return nil, linux.ENOTDIR }
