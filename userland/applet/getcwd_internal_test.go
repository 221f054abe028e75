// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestGetcwdByWalk checks glibc's fallback getcwd against the kernel's
// answer, through a mount point and below PATH_MAX, where the system call
// gives up (once Task.Getcwd reports ENAMETOOLONG there, only the walk
// names such a directory).
func TestGetcwdByWalk(t *testing.T) {
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	for _, step := range []func() error{
		func() error { return task.Mkdir("/m", 0o755) },
		func() error { return task.Mount("t", "/m", "tmpfs", 0, "") },
		func() error { return task.Chdir("/m") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	name := strings.Repeat("b", 200)
	for depth := 1; depth <= 30; depth++ {
		if err := task.Mkdir(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := task.Chdir(name); err != nil {
			t.Fatal(err)
		}
		got, err := getcwdByWalk(task)
		want := "/m" + strings.Repeat("/"+name, depth)
		if err != nil || got != want {
			t.Fatalf("depth %d: getcwdByWalk = %.40q... (%d bytes), %v; want %d bytes", depth, got, len(got), err, len(want))
		}
		if cwd, err := Getcwd(task); err != nil || cwd != want {
			t.Fatalf("depth %d: Getcwd = %d bytes, %v; want %d bytes", depth, len(cwd), err, len(want))
		}
	}
	if len(strings.Repeat("/"+name, 30)) < linux.PATH_MAX {
		t.Fatal("the test tree does not pass PATH_MAX")
	}
	if fds := task.Fds(); len(fds) != 0 {
		t.Errorf("descriptors left open: %v", fds)
	}
}

// TestGetcwdUnreachable: the kernel names a working directory the root
// cannot reach "(unreachable)/..."; glibc then climbs "..", which at the
// root of a lazily unmounted tree is the directory itself: ENOENT.
func TestGetcwdUnreachable(t *testing.T) {
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	for _, step := range []func() error{
		func() error { return task.Mkdir("/m", 0o755) },
		func() error { return task.Mount("t", "/m", "tmpfs", 0, "") },
		func() error { return task.Mkdir("/m/sub", 0o755) },
		func() error { return task.Chdir("/m/sub") },
		func() error { return task.Umount2("/m", linux.MNT_DETACH) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if cwd, err := task.Getcwd(); err != nil || cwd != "(unreachable)/sub" {
		t.Fatalf("getcwd(2) = %q, %v; want (unreachable)/sub", cwd, err)
	}
	if cwd, err := Getcwd(task); err != linux.ENOENT {
		t.Fatalf("Getcwd = %q, %v; want ENOENT", cwd, err)
	}
	if fds := task.Fds(); len(fds) != 0 {
		t.Errorf("descriptors left open: %v", fds)
	}
}
