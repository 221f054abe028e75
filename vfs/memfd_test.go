// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// bootShmem is a kernel with tmpfs as shmem, as linuxvfs.NewKernel makes.
func bootShmem(t *testing.T) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	k.SetShmemFilesystem(tmpfs.Type{})
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { init.Exit(); checkInvariants(t, k) })
	return init
}

// What Linux 6.18 answered to the same calls.
func TestMemfdSeals(t *testing.T) {
	init := bootShmem(t)
	fd, err := init.MemfdCreate("hello", linux.MFD_ALLOW_SEALING)
	if err != nil {
		t.Fatal(err)
	}
	defer init.Close(fd)
	if link, _ := init.FdPath(fd); link != "/memfd:hello (deleted)" {
		t.Errorf("link %q", link)
	}
	st, _ := init.Fstat(fd)
	if st.Mode != linux.S_IFREG|0o777 {
		t.Errorf("mode %o, want 100777", st.Mode)
	}
	if fl, _ := init.Fcntl(fd, linux.F_GETFL, 0); fl != linux.O_RDWR|linux.O_LARGEFILE {
		t.Errorf("F_GETFL %o, want 0100002", fl)
	}
	if s, err := init.Fcntl(fd, linux.F_GET_SEALS, 0); s != 0 || err != nil {
		t.Errorf("seals %d, %v", s, err)
	}
	init.Write(fd, []byte("abcdef"))
	if _, err := init.Fcntl(fd, linux.F_ADD_SEALS, linux.F_SEAL_SHRINK|linux.F_SEAL_GROW); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what string
		err  error
	}{
		{"shrink", init.Ftruncate(fd, 2)},
		{"grow", init.Ftruncate(fd, 20)},
		{"write past the end", pwriteErr(init, fd, "zz", 5)},
		{"write inside", pwriteErr(init, fd, "z", 0)},
	} {
		want := error(linux.EPERM)
		if c.what == "write inside" {
			want = nil
		}
		if c.err != want {
			t.Errorf("%s: %v, want %v", c.what, c.err, want)
		}
	}
	init.Fcntl(fd, linux.F_ADD_SEALS, linux.F_SEAL_WRITE)
	if err := pwriteErr(init, fd, "z", 0); err != linux.EPERM {
		t.Errorf("write under F_SEAL_WRITE: %v", err)
	}
	init.Fcntl(fd, linux.F_ADD_SEALS, linux.F_SEAL_SEAL)
	if _, err := init.Fcntl(fd, linux.F_ADD_SEALS, linux.F_SEAL_WRITE); err != linux.EPERM {
		t.Errorf("a seal after F_SEAL_SEAL: %v", err)
	}
	if s, _ := init.Fcntl(fd, linux.F_GET_SEALS, 0); s != 15 {
		t.Errorf("seals %d, want 15", s)
	}
}

func TestMemfdCreateFlags(t *testing.T) {
	init := bootShmem(t)
	g, _ := init.MemfdCreate("x", 0)
	if s, _ := init.Fcntl(g, linux.F_GET_SEALS, 0); s != linux.F_SEAL_SEAL {
		t.Errorf("without MFD_ALLOW_SEALING: seals %d, want 1", s)
	}
	if _, err := init.Fcntl(g, linux.F_ADD_SEALS, linux.F_SEAL_WRITE); err != linux.EPERM {
		t.Errorf("adding to it: %v, want EPERM", err)
	}
	init.Close(g)
	long := make([]byte, 250)
	for i := range long {
		long[i] = 'a'
	}
	if _, err := init.MemfdCreate(string(long), 0); err != linux.EINVAL {
		t.Errorf("a 250-byte name: %v", err)
	}
	if fd, err := init.MemfdCreate(string(long[:249]), 0); err != nil {
		t.Errorf("a 249-byte name: %v", err)
	} else {
		init.Close(fd)
	}
	if _, err := init.MemfdCreate("x", 0x100); err != linux.EINVAL {
		t.Errorf("an unknown flag: %v", err)
	}
	h, _ := init.MemfdCreate("n", linux.MFD_NOEXEC_SEAL)
	st, _ := init.Fstat(h)
	if s, _ := init.Fcntl(h, linux.F_GET_SEALS, 0); st.Mode != linux.S_IFREG|0o666 || s != linux.F_SEAL_EXEC {
		t.Errorf("MFD_NOEXEC_SEAL: mode %o seals %d, want 100666 and 32", st.Mode, s)
	}
	if err := init.Fchmod(h, 0o755); err != linux.EPERM {
		t.Errorf("chmod +x under F_SEAL_EXEC: %v, want EPERM", err)
	}
	init.Close(h)
	init.Umask(0o077)
	u, _ := init.MemfdCreate("u", 0)
	if st, _ := init.Fstat(u); st.Mode != linux.S_IFREG|0o777 {
		t.Errorf("the umask reached a memfd: %o", st.Mode)
	}
	init.Close(u)
	f, _ := init.Open("/", linux.O_RDONLY, 0)
	if _, err := init.Fcntl(f, linux.F_GET_SEALS, 0); err != linux.EINVAL {
		t.Errorf("F_GET_SEALS of a directory: %v, want EINVAL", err)
	}
	init.Close(f)
	if mi := init.Mountinfo(); strings.Count(mi, "\n") != 1 {
		t.Errorf("the shmem mount shows in mountinfo:\n%s", mi)
	}
}

func pwriteErr(task *vfs.Task, fd int, s string, off int64) error {
	_, err := task.Pwrite(fd, []byte(s), off)
	return err
}
