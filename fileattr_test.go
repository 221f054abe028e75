// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestFileattrIoctls checks the inode-flag ioctls at the system-call
// level, where the commands' argument types and the errnos that no
// chattr run shows are visible: FS_IOC_FSSETXATTR's unknown xflags,
// tmpfs refusing what only fsxattr can say, a read-only mount, procfs
// without flags, an argument of the wrong type, and that the kernel's
// internal ENOIOCTLCMD never reaches the caller.
func TestFileattrIoctls(t *testing.T) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	open := func(name string, flags uint32) int {
		t.Helper()
		fd, err := task.Open(name, flags, 0o644)
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		return fd
	}
	want := func(what string, err, wantErr error) {
		t.Helper()
		if !errors.Is(err, wantErr) || (wantErr == nil && err != nil) {
			t.Errorf("%s: got %v, want %v", what, err, wantErr)
		}
	}
	fd := open("/tmp/f", linux.O_RDWR|linux.O_CREAT)
	fl := uint32(linux.FS_NODUMP_FL | linux.FS_APPEND_FL)
	_, err = task.Ioctl(fd, linux.FS_IOC_SETFLAGS, &fl)
	want("SETFLAGS nodump|append", err, nil)
	var got uint32
	_, err = task.Ioctl(fd, linux.FS_IOC_GETFLAGS, &got)
	want("GETFLAGS", err, nil)
	if got != fl {
		t.Errorf("GETFLAGS = %#x, want %#x", got, fl)
	}
	// An append-only file takes no truncation, and a descriptor opened
	// before the flag keeps its mode: F_SETFL may not change O_APPEND
	// either way.
	want("ftruncate", task.Ftruncate(fd, 0), linux.EPERM)
	_, err = task.Fcntl(fd, linux.F_SETFL, linux.O_APPEND)
	want("F_SETFL O_APPEND", err, linux.EPERM)
	_, err = task.Fcntl(fd, linux.F_SETFL, linux.O_NONBLOCK)
	want("F_SETFL O_NONBLOCK", err, nil)

	var fsx linux.Fsxattr
	_, err = task.Ioctl(fd, linux.FS_IOC_FSGETXATTR, &fsx)
	want("FSGETXATTR", err, nil)
	if fsx.Xflags != linux.FS_XFLAG_APPEND|linux.FS_XFLAG_NODUMP {
		t.Errorf("FSGETXATTR xflags = %#x", fsx.Xflags)
	}
	bad := linux.Fsxattr{Xflags: 1 << 30}
	_, err = task.Ioctl(fd, linux.FS_IOC_FSSETXATTR, &bad)
	want("FSSETXATTR unknown xflag", err, linux.EOPNOTSUPP)
	proj := linux.Fsxattr{Xflags: fsx.Xflags, Projid: 7}
	_, err = task.Ioctl(fd, linux.FS_IOC_FSSETXATTR, &proj)
	want("FSSETXATTR project on tmpfs", err, linux.EOPNOTSUPP)
	var wrong int64
	_, err = task.Ioctl(fd, linux.FS_IOC_GETFLAGS, &wrong)
	want("GETFLAGS with a wrong argument", err, linux.EFAULT)
	fl = 0
	_, err = task.Ioctl(fd, linux.FS_IOC_SETFLAGS, &fl)
	want("SETFLAGS 0", err, nil)
	task.Close(fd)

	if err := task.Mount("", "/tmp", "", linux.MS_REMOUNT|linux.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	fd = open("/tmp/f", linux.O_RDONLY)
	fl = linux.FS_NODUMP_FL
	_, err = task.Ioctl(fd, linux.FS_IOC_SETFLAGS, &fl)
	want("SETFLAGS on a read-only mount", err, linux.EROFS)
	_, err = task.Ioctl(fd, linux.FS_IOC_GETFLAGS, &got)
	want("GETFLAGS on a read-only mount", err, nil)
	task.Close(fd)

	fd = open("/proc/self/status", linux.O_RDONLY)
	_, err = task.Ioctl(fd, linux.FS_IOC_GETFLAGS, &got)
	want("GETFLAGS on procfs", err, linux.ENOTTY)
	if errors.Is(err, vfs.ENOIOCTLCMD) {
		t.Error("ENOIOCTLCMD leaked")
	}
	task.Close(fd)
}

// TestFileattrConcurrent toggles a directory's inherited flags while
// other tasks create, read and remove files in it, for the race
// detector: the flag store, the S_* word and inheritance at creation.
func TestFileattrConcurrent(t *testing.T) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	if err := task.Mkdir("/tmp/d", 0o755); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 3)
	go func() {
		c := task.Clone(0)
		defer c.Exit()
		fd, err := c.Open("/tmp/d", linux.O_RDONLY|linux.O_DIRECTORY, 0)
		if err != nil {
			done <- err
			return
		}
		defer c.Close(fd)
		for i := 0; i < 200; i++ {
			fl := uint32(0)
			if i%2 == 0 {
				fl = linux.FS_NOATIME_FL | linux.FS_NODUMP_FL
			}
			if _, err := c.Ioctl(fd, linux.FS_IOC_SETFLAGS, &fl); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for w := 0; w < 2; w++ {
		go func() {
			c := task.Clone(0)
			defer c.Exit()
			name := fmt.Sprintf("/tmp/d/f%d", w)
			for i := 0; i < 200; i++ {
				fd, err := c.Open(name, linux.O_RDWR|linux.O_CREAT, 0o644)
				if err != nil {
					done <- err
					return
				}
				var fl uint32
				_, err = c.Ioctl(fd, linux.FS_IOC_GETFLAGS, &fl)
				c.Close(fd)
				if err == nil {
					err = c.Unlink(name)
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestFileGetSetattr follows file_getattr(2) and file_setattr(2) as
// Linux 6.18 answered the same calls on a tmpfs: the size and flag
// checks, symbolic links followed or not, AT_EMPTY_PATH, EOPNOTSUPP for
// objects without flags, the xflags refused or ignored.
func TestFileGetSetattr(t *testing.T) {
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	fd, err := task.Open("/tmp/f", linux.O_RDONLY|linux.O_CREAT, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(fd)
	if err := task.Symlink("f", "/tmp/l"); err != nil {
		t.Fatal(err)
	}
	if err := task.Chdir("/tmp"); err != nil {
		t.Fatal(err)
	}
	var fa linux.FileAttr
	for _, c := range []struct {
		what         string
		dirfd        int
		name         string
		usize, flags int
		want         error
	}{
		{"plain", linux.AT_FDCWD, "/tmp/f", 24, 0, nil},
		{"short size", linux.AT_FDCWD, "/tmp/f", 16, 0, linux.EINVAL},
		{"size over a page", linux.AT_FDCWD, "/tmp/f", 8192, 0, linux.E2BIG},
		{"a later version", linux.AT_FDCWD, "/tmp/f", 32, 0, nil},
		{"unknown AT_ flag", linux.AT_FDCWD, "/tmp/f", 24, 0x2, linux.EINVAL},
		{"link not followed", linux.AT_FDCWD, "/tmp/l", 24, linux.AT_SYMLINK_NOFOLLOW, linux.EOPNOTSUPP},
		{"link followed", linux.AT_FDCWD, "/tmp/l", 24, 0, nil},
		{"procfs", linux.AT_FDCWD, "/proc/self/status", 24, 0, linux.EOPNOTSUPP},
		{"missing", linux.AT_FDCWD, "/tmp/none", 24, 0, linux.ENOENT},
		{"empty path, descriptor", fd, "", 24, linux.AT_EMPTY_PATH, nil},
		{"empty path, cwd", linux.AT_FDCWD, "", 24, linux.AT_EMPTY_PATH, nil},
		{"empty path without the flag", linux.AT_FDCWD, "", 24, 0, linux.ENOENT},
	} {
		if err := task.FileGetattr(c.dirfd, c.name, &fa, c.usize, c.flags); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
			t.Errorf("get %s: %v, want %v", c.what, err, c.want)
		}
	}
	set := func(what string, fa linux.FileAttr, name string, usize int, want error) {
		t.Helper()
		if err := task.FileSetattr(linux.AT_FDCWD, name, &fa, usize, 0); !errors.Is(err, want) || (want == nil && err != nil) {
			t.Errorf("set %s: %v, want %v", what, err, want)
		}
	}
	set("noatime", linux.FileAttr{Xflags: linux.FS_XFLAG_NOATIME}, "/tmp/f", 24, nil)
	if err := task.FileGetattr(linux.AT_FDCWD, "/tmp/f", &fa, 24, 0); err != nil || fa.Xflags != linux.FS_XFLAG_NOATIME {
		t.Errorf("get after set: %#x %v", fa.Xflags, err)
	}
	set("a project", linux.FileAttr{Projid: 3}, "/tmp/f", 24, linux.EOPNOTSUPP)
	set("an unknown xflag", linux.FileAttr{Xflags: 1 << 40}, "/tmp/f", 24, linux.EINVAL)
	set("a read-only xflag", linux.FileAttr{Xflags: linux.FS_XFLAG_HASATTR}, "/tmp/f", 24, nil)
	set("procfs", linux.FileAttr{}, "/proc/self/status", 24, linux.EOPNOTSUPP)
	set("short size", linux.FileAttr{}, "/tmp/f", 16, linux.EINVAL)
	if err := task.FileGetattr(linux.AT_FDCWD, "/tmp/f", &fa, 24, 0); err != nil || fa.Xflags != 0 {
		t.Errorf("get after clearing: %#x %v", fa.Xflags, err)
	}
}
