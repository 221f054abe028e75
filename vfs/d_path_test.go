// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// withDeadline runs f and fails the test, with every goroutine's stack, if
// it has not returned after a generous while: a walk that never ends must
// fail the test, not hang it. The limit is far above any honest run, so a
// busy machine cannot trip it.
func withDeadline(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Fatalf("%s timed out; goroutines:\n%s", what, buf[:n])
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// movedOutOfBind builds the tree of the reliability issue's hang: a bind
// mount of /s/a/sub on /m, a tmpfs on /m/y/z, then /s/a/sub/y renamed to
// /s/b/y, out from under the bind mount's root.
func movedOutOfBind(t *testing.T) *vfs.Task {
	init := bootMounts(t)
	for _, d := range []string{"/s", "/s/a", "/s/a/sub", "/s/a/sub/y", "/s/a/sub/y/z", "/s/b", "/m"} {
		must(t, init.Mkdir(d, 0o755))
	}
	must(t, init.Mount("/s/a/sub", "/m", "", linux.MS_BIND, ""))
	must(t, init.Mount("t", "/m/y/z", "tmpfs", 0, ""))
	must(t, init.Chdir("/m/y"))
	must(t, init.Rename("/s/a/sub/y", "/s/b/y"))
	return init
}

func TestMovedOutOfBindMount(t *testing.T) {
	init := movedOutOfBind(t)
	withDeadline(t, "walks over a directory moved out of a bind mount", func() {
		info := init.Mountinfo()
		if strings.Contains(info, "/m/y") || !strings.Contains(info, " /m ") {
			t.Errorf("mountinfo shows the unreachable mount or loses /m:\n%s", info)
		}
		if mounts := init.ProcMounts(); strings.Contains(mounts, "/m/y") {
			t.Errorf("/proc/mounts shows the unreachable mount:\n%s", mounts)
		}
		if cwd, err := init.Getcwd(); cwd != "(unreachable)/" || err != nil {
			t.Errorf("getcwd = %q, %v; want (unreachable)/", cwd, err)
		}
		if p, err := init.DPath(init.Cwd()); p != "/" || err != nil {
			t.Errorf("d_path of cwd = %q, %v; want /", p, err)
		}
		if _, err := init.Stat(".."); err != linux.ENOENT {
			t.Errorf("stat .. = %v, want ENOENT (path_connected)", err)
		}
		if _, err := init.Stat("z/../../.."); err != linux.ENOENT {
			t.Errorf("stat z/../../.. = %v, want ENOENT", err)
		}
		if _, err := init.Open("..", linux.O_RDONLY|linux.O_DIRECTORY, 0); err != linux.ENOENT {
			t.Errorf("open .. = %v, want ENOENT", err)
		}
		// The mount on z is still there and still reached from the cwd.
		must(t, init.Mkdir("z/inside", 0o755))
		if _, err := init.Stat("/s/b/y/z/inside"); err != linux.ENOENT {
			t.Errorf("the tmpfs on z leaked into the other path: %v", err)
		}
		if err := init.Umount("/m"); err != linux.EBUSY {
			t.Errorf("umount /m = %v, want EBUSY", err)
		}
	})
	// The kernel stays usable: new mounts, and the tree back in place.
	must(t, init.Chdir("/"))
	must(t, init.Rename("/s/b/y", "/s/a/sub/y"))
	must(t, init.Umount("/m/y/z"))
	must(t, init.Umount("/m"))
	must(t, init.Mount("t", "/m", "tmpfs", 0, ""))
	if !strings.Contains(init.Mountinfo(), " /m ") {
		t.Error("a new mount after the walks is missing from mountinfo")
	}
}

// TestDPathOutsideRoot: d_path is taken from the reader's root; outside it
// readlink shows the plain path from the namespace's top (no prefix),
// getcwd an "(unreachable)" one.
func TestDPathOutsideRoot(t *testing.T) {
	init := bootMounts(t)
	must(t, init.Mkdir("/r", 0o755))
	must(t, init.Mkdir("/o", 0o755))
	fd, err := init.Creat("/o/f", 0o644)
	must(t, err)
	must(t, init.Chdir("/o"))
	must(t, init.Chroot("/r"))
	if p, err := init.FdPath(fd); p != "/o/f" || err != nil {
		t.Errorf("fd path = %q, %v; want /o/f", p, err)
	}
	if cwd, err := init.Getcwd(); cwd != "(unreachable)/o" || err != nil {
		t.Errorf("getcwd = %q, %v", cwd, err)
	}
	if p, err := init.DPath(init.Root()); p != "/" || err != nil {
		t.Errorf("root = %q, %v", p, err)
	}
	must(t, init.Unlink("f")) // the cwd, outside the new root
	if p, err := init.FdPath(fd); p != "/o/f (deleted)" || err != nil {
		t.Errorf("fd path after unlink = %q, %v", p, err)
	}
}

// TestGetcwdLimits: the path and its NUL must fit in PATH_MAX
// (ENAMETOOLONG) and in the caller's buffer (ERANGE); d_path has the same
// PATH_MAX limit.
func TestGetcwdLimits(t *testing.T) {
	init := bootMounts(t)
	name := strings.Repeat("d", 200)
	depth := 0
	for ; (depth+1)*201 <= linux.PATH_MAX-1; depth++ {
		must(t, init.Mkdir(name, 0o755))
		must(t, init.Chdir(name))
	}
	want := strings.Repeat("/"+name, depth)
	if cwd, err := init.Getcwd(); cwd != want || err != nil {
		t.Fatalf("getcwd at depth %d: len %d, %v", depth, len(cwd), err)
	}
	if _, err := init.GetcwdSize(len(want)); err != linux.ERANGE {
		t.Errorf("getcwd into %d bytes = %v, want ERANGE", len(want), err)
	}
	if cwd, err := init.GetcwdSize(len(want) + 1); cwd != want || err != nil {
		t.Errorf("getcwd into exactly enough = %v", err)
	}
	must(t, init.Mkdir(name, 0o755))
	must(t, init.Chdir(name))
	for _, size := range []int{linux.PATH_MAX, linux.PATH_MAX + 1, 1 << 20} {
		if _, err := init.GetcwdSize(size); err != linux.ENAMETOOLONG {
			t.Errorf("getcwd past PATH_MAX into %d bytes = %v, want ENAMETOOLONG", size, err)
		}
	}
	if _, err := init.DPath(init.Cwd()); !errors.Is(err, linux.ENAMETOOLONG) {
		t.Errorf("d_path past PATH_MAX = %v, want ENAMETOOLONG", err)
	}
}
