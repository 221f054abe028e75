// SPDX-License-Identifier: Apache-2.0

package gvbench

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// lvSys is a linuxvfs task; every call goes through the vfs.Task API, as
// the shell and applets make them.
type lvSys struct {
	t     *vfs.Task
	st    vfs.Statx
	dents []vfs.Dirent // getdents64's user buffer
}

// direntBuf is how many entries one getdents call returns: a 32 KiB
// buffer (glibc's readdir uses one that size) holds about 1 000 records
// of short names.
const direntBuf = 1024

func newLinuxvfs(tb testing.TB) sys {
	tb.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		tb.Fatal(err)
	}
	// The mount-table benchmarks go past the default fs.mount-max.
	k.SetMountMax(1 << 30)
	t, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		tb.Fatal(err)
	}
	return &lvSys{t: t}
}

func (s *lvSys) stat(path string) error {
	return s.t.Statx(linux.AT_FDCWD, path, 0, &s.st)
}

func (s *lvSys) open(path string, flags int, mode uint32) (int, error) {
	return s.t.Openat(linux.AT_FDCWD, path, uint32(flags), mode)
}

func (s *lvSys) read(fd int, p []byte) (int, error)  { return s.t.Read(fd, p) }
func (s *lvSys) write(fd int, p []byte) (int, error) { return s.t.Write(fd, p) }
func (s *lvSys) close(fd int) error                  { return s.t.Close(fd) }

func (s *lvSys) readdir(fd int) (int, error) {
	if s.dents == nil {
		s.dents = make([]vfs.Dirent, direntBuf)
	}
	n := 0
	for {
		got, err := s.t.GetdentsTo(fd, s.dents)
		if err != nil || got == 0 {
			return n, err
		}
		n += got
	}
}

func (s *lvSys) mkdir(path string) error               { return s.t.Mkdir(path, 0o755) }
func (s *lvSys) unlink(path string) error              { return s.t.Unlink(path) }
func (s *lvSys) rename(from, to string) error          { return s.t.Rename(from, to) }
func (s *lvSys) mountTmpfs(target string) error        { return s.t.Mount("none", target, "tmpfs", 0, "") }
func (s *lvSys) bind(src, target string) error         { return s.t.Mount(src, target, "", linux.MS_BIND, "") }
func (s *lvSys) umount(target string, flags int) error { return s.t.Umount2(target, flags) }
func (s *lvSys) mountinfo() (int, error)               { return len(s.t.Mountinfo()), nil }
func (s *lvSys) mountinfoText() string                 { return s.t.Mountinfo() }

func (s *lvSys) makeShared(path string) error {
	return s.t.Mount("", path, "", linux.MS_SHARED, "")
}

func (s *lvSys) fork() sys {
	n := s.t.Clone(0)
	n.SetCred(vfs.RootCred())
	return &lvSys{t: n}
}
