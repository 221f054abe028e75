// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestEveryFileKindSurvivesEveryCall opens one descriptor of every kind
// the kernel hands out (regular, directory, pipe, socket, memfd, fs
// context, detached mount, namespace, mqueue, device) and throws the
// calls of a curious program at each, directly and through a reopen of
// /proc/self/fd/N with every access mode: whatever the errno, nothing may
// panic or hang. It found a nil-pointer panic on "echo x >
// /proc/self/ns/uts".
func TestEveryFileKindSurvivesEveryCall(t *testing.T) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	for name, fd := range fileOfEveryKind(t, task) {
		t.Run(name, func(t *testing.T) {
			exercise(t, task, fd)
			self := fmt.Sprintf("/proc/self/fd/%d", fd)
			for _, flags := range []uint32{linux.O_RDONLY, linux.O_WRONLY | linux.O_TRUNC, linux.O_RDWR,
				linux.O_WRONLY | linux.O_APPEND, linux.O_PATH, linux.O_RDONLY | linux.O_DIRECTORY} {
				if nfd, err := task.Open(self, flags|linux.O_NONBLOCK, 0); err == nil {
					exercise(t, task, nfd)
					task.Close(nfd)
				}
			}
		})
	}
}

// fileOfEveryKind returns a descriptor of each kind, by name.
func fileOfEveryKind(t *testing.T, task *vfs.Task) map[string]int {
	fds := map[string]int{}
	add := func(name string, fd int, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fds[name] = fd
	}
	fd, err := task.Open("/tmp/f", linux.O_CREAT|linux.O_RDWR, 0o644)
	add("regular", fd, err)
	fd, err = task.Open("/tmp", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	add("directory", fd, err)
	p, err := task.Pipe2(linux.O_NONBLOCK)
	add("pipe", p[1], err)
	s, err := task.Socketpair(linux.AF_UNIX, linux.SOCK_STREAM|linux.SOCK_NONBLOCK, 0)
	add("socket", s[0], err)
	fd, err = task.MemfdCreate("m", 0)
	add("memfd", fd, err)
	fd, err = task.Fsopen("tmpfs", 0)
	add("fscontext", fd, err)
	fd, err = task.OpenTree(linux.AT_FDCWD, "/tmp", linux.OPEN_TREE_CLONE)
	add("detached", fd, err)
	fd, err = task.Open("/proc/self/ns/uts", linux.O_RDONLY, 0)
	add("nsfs", fd, err)
	fd, err = task.Open("/dev/null", linux.O_RDWR, 0)
	add("chardev", fd, err)
	fd, err = task.Open("/proc/self/mountinfo", linux.O_RDONLY, 0)
	add("proc", fd, err)
	return fds
}

// exercise makes every call on fd, ignoring the results.
func exercise(t *testing.T, task *vfs.Task, fd int) {
	buf := make([]byte, 64)
	task.Read(fd, buf)
	task.Write(fd, []byte("x"))
	task.Lseek(fd, 0, 0)
	task.Getdents(fd, 4096)
	task.Ftruncate(fd, 0)
	task.Fchmod(fd, 0o600)
	task.Fchownat(fd, "", 0, 0, linux.AT_EMPTY_PATH)
	task.Utimensat(fd, "", nil, linux.AT_EMPTY_PATH)
	task.Fallocate(fd, 0, 0, 10)
	task.Fsync(fd)
	task.Fstat(fd)
	var st vfs.Statx
	task.Statx(fd, "", linux.AT_EMPTY_PATH, &st)
	task.Linkat(fd, "", linux.AT_FDCWD, "/tmp/link", linux.AT_EMPTY_PATH)
	task.Unlinkat(linux.AT_FDCWD, "/tmp/link", 0)
	task.Openat(fd, "x", linux.O_CREAT|linux.O_RDWR, 0o600)
	task.Mkdirat(fd, "d", 0o700)
	task.Readlinkat(fd, "")
	task.Fchdir(fd)
	task.Chdir("/")
}
