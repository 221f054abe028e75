// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// canMount skips the test where no FUSE mount can be made: no /dev/fuse,
// or not root (the export mounts directly, with allow_other).
func canMount(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("FUSE export tests need root")
	}
	if _, err := os.Stat("/dev/fuse"); err != nil {
		t.Skip("no /dev/fuse")
	}
}

// export boots a virtual system, runs setup on it, and exports dir at a
// new host directory, unmounted (lazily) when the test ends.
func export(t *testing.T, dir string, setup func(task *vfs.Task)) (string, *fuse.Server) {
	t.Helper()
	canMount(t)
	task, err := linuxvfs.Boot()
	must(t, err)
	t.Cleanup(task.Exit)
	if setup != nil {
		setup(task)
	}
	mp := t.TempDir()
	srv, err := fuse.Mount(task, dir, mp, nil)
	must(t, err)
	t.Cleanup(func() {
		_ = syscall.Unmount(mp, syscall.MNT_DETACH)
		srv.Wait()
	})
	return mp, srv
}

// sh runs a host shell command in dir and returns its output.
func sh(t *testing.T, dir, cmd string) string {
	t.Helper()
	c := exec.Command("sh", "-c", cmd)
	c.Dir = dir
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	return string(out)
}

func TestHostTools(t *testing.T) {
	mp, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
	})
	d := filepath.Join(mp, "data")
	sh(t, d, `echo hello > a && echo more >> a && mkdir -p x/y/z && ln -s a l && ln a h && printf 'z' > x/y/z/f`)
	if got := sh(t, d, "cat a; readlink l; stat -c '%h %s' a"); got != "hello\nmore\na\n2 11\n" {
		t.Errorf("got %q", got)
	}
	sh(t, d, "cp -a x x2 && mv x2 x3 && test -f x3/y/z/f && rm -r x3 && test ! -e x3")
	if got := sh(t, d, "find . | sort"); got != ".\n./a\n./h\n./l\n./x\n./x/y\n./x/y/z\n./x/y/z/f\n" {
		t.Errorf("find: %q", got)
	}
	sh(t, d, "tar cf ../t.tar . && mkdir ../u && tar xf ../t.tar -C ../u && cmp a ../u/a && test -L ../u/l")
	out := sh(t, d, "ls -l")
	if !strings.Contains(out, "l -> a") {
		t.Errorf("ls -l: %s", out)
	}
}
