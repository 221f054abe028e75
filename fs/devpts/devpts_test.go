// SPDX-License-Identifier: Apache-2.0

package devpts_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/devpts"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// boot is a kernel with tmpfs and devpts, and its init.
func boot(t *testing.T) *vfs.Task {
	t.Helper()
	init := testkernel.Boot(t, []vfs.FilesystemType{devpts.Type{}}, "/pts")
	t.Cleanup(init.Exit)
	return init
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func options(t *testing.T, task *vfs.Task) string {
	t.Helper()
	for _, l := range strings.Split(task.ProcMounts(), "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[1] == "/pts" {
			return f[3]
		}
	}
	t.Fatal("no devpts in /proc/mounts")
	return ""
}

// TestRemountResetsOptions: a remount replaces every option, those not
// given going back to their defaults, and the ptmx node takes the new
// ptmxmode; a bad option fails it and changes nothing.
func TestRemountResetsOptions(t *testing.T) {
	task := boot(t)
	must(t, task.Mount("devpts", "/pts", "devpts", 0, "uid=7,max=3,ptmxmode=666"))
	if got := options(t, task); got != "rw,relatime,uid=7,mode=600,ptmxmode=666,max=3" {
		t.Fatalf("options %q", got)
	}
	must(t, task.Mount("", "/pts", "", linux.MS_REMOUNT, "mode=644"))
	if got := options(t, task); got != "rw,relatime,mode=644,ptmxmode=000" {
		t.Fatalf("after remount %q", got)
	}
	st, err := task.Fstatat(linux.AT_FDCWD, "/pts/ptmx", 0)
	must(t, err)
	if st.Mode != linux.S_IFCHR {
		t.Fatalf("ptmx mode %o", st.Mode)
	}
	err = task.Mount("", "/pts", "", linux.MS_REMOUNT, "bogus")
	if !errors.Is(err, linux.EINVAL) {
		t.Fatalf("bogus remount: %v", err)
	}
	if got := options(t, task); got != "rw,relatime,mode=644,ptmxmode=000" {
		t.Fatalf("after failed remount %q", got)
	}
}

// TestNoNamesMadeByTasks: only the kernel adds and removes names.
func TestNoNamesMadeByTasks(t *testing.T) {
	task := boot(t)
	must(t, task.Mount("devpts", "/pts", "devpts", 0, ""))
	for _, c := range []struct {
		what string
		err  error
		want linux.Errno
	}{
		{"create", func() error { _, err := task.Open("/pts/x", linux.O_CREAT|linux.O_RDWR, 0o600); return err }(), linux.EACCES},
		{"mknod", task.Mknodat(linux.AT_FDCWD, "/pts/y", linux.S_IFCHR|0o600, 0), linux.EPERM},
		{"mkdir", task.Mkdir("/pts/d", 0o755), linux.EPERM},
		{"unlink", task.Unlink("/pts/ptmx"), linux.EPERM},
		{"symlink", task.Symlink("a", "/pts/b"), linux.EPERM},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.what, c.err, c.want)
		}
	}
	must(t, task.Chmod("/pts/ptmx", 0o644))
}
