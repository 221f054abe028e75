// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestReopen checks Reopen against what open("/proc/self/fd/N") does on
// Linux: the access check is the reopener's, O_CREAT|O_EXCL finds the
// file there, O_DIRECTORY wants a directory, and a reference installed by
// InstallFile is as good as the original descriptor.
func TestReopen(t *testing.T) {
	task := bootTmpfs(t)
	fd, err := task.Open("/f", linux.O_CREAT|linux.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	task.Write(fd, []byte("data"))
	task.Close(fd)
	pfd, err := task.Open("/f", linux.O_PATH, 0)
	if err != nil {
		t.Fatal(err)
	}
	f, err := task.Fget(pfd)
	if err != nil {
		t.Fatal(err)
	}
	defer f.DecRef()
	task.Close(pfd)
	user := task.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	ufd, err := user.InstallFile(f, true)
	if err != nil {
		t.Fatal(err)
	}
	rfd, err := user.Reopen(ufd, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("read reopen: %v", err)
	}
	buf := make([]byte, 8)
	if n, _ := user.Read(rfd, buf); string(buf[:n]) != "data" {
		t.Errorf("read %q", buf[:n])
	}
	for _, c := range []struct {
		flags uint32
		want  error
	}{
		{linux.O_WRONLY, linux.EACCES},
		{linux.O_RDONLY | linux.O_CREAT | linux.O_EXCL, linux.EEXIST},
		{linux.O_RDONLY | linux.O_DIRECTORY, linux.ENOTDIR},
	} {
		if _, err := user.Reopen(ufd, c.flags, 0); err != c.want {
			t.Errorf("Reopen(%#x): %v, want %v", c.flags, err, c.want)
		}
	}
	if _, err := user.Reopen(99, linux.O_RDONLY, 0); err != linux.EBADF {
		t.Errorf("Reopen of no descriptor: %v", err)
	}
}
