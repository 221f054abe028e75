// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
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
func export(t *testing.T, dir string, setup func(task *vfs.Task)) (string, *vfs.Task, *fuse.Server) {
	t.Helper()
	canMount(t)
	task, err := linuxvfs.Boot()
	must(t, err)
	t.Cleanup(task.Exit)
	if setup != nil {
		setup(task)
	}
	mp := t.TempDir()
	must(t, os.Chmod(filepath.Dir(mp), 0o755)) // for callers other than root
	srv, err := fuse.Mount(task, dir, mp, nil)
	must(t, err)
	t.Cleanup(func() {
		_ = syscall.Unmount(mp, syscall.MNT_DETACH)
		srv.Wait()
	})
	return mp, task, srv
}

// inDir is a host command that runs cmd with sh in dir. The shell
// changes directory itself: a child of the serving process must not
// touch the export before it has exec'd, as Go's fork is a vfork that
// holds up the runtime (a garbage collection would wait for the forking
// thread, which waits for the child, which waits for the server).
func inDir(dir, cmd string, prefix ...string) *exec.Cmd {
	args := append(prefix, "sh", "-c", `cd "$0" && eval "$1"`, dir, cmd)
	return exec.Command(args[0], args[1:]...)
}

// sh runs a host shell command in dir and returns its output.
func sh(t *testing.T, dir, cmd string) string {
	t.Helper()
	c := inDir(dir, cmd)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	return string(out)
}

func TestHostTools(t *testing.T) {
	mp, _, _ := export(t, "/", func(task *vfs.Task) {
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

// TestInnerMountInodes checks that inode numbers stay distinct across
// the superblocks of the export: the root tmpfs and one mounted inside
// number their inodes from the same start.
func TestInnerMountInodes(t *testing.T) {
	mp, task, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
		must(t, task.Mkdir("/data/inner", 0o755))
		must(t, task.Mount("tmpfs", "/data/inner", "tmpfs", 0, ""))
	})
	d := filepath.Join(mp, "data")
	sh(t, d, "for i in 1 2 3 4 5; do echo $i > f$i; echo $i > inner/g$i; done")
	out := sh(t, d, "stat -c '%i %n' . f* inner inner/g*")
	seen := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		ino, name, _ := strings.Cut(line, " ")
		if other, dup := seen[ino]; dup {
			t.Errorf("%s and %s share inode number %s", other, name, ino)
		}
		seen[ino] = name
	}
	// The exported directory's own superblock keeps its numbers.
	st, err := task.Stat("/data/f1")
	must(t, err)
	if got := strings.TrimSpace(sh(t, d, "stat -c %i f1")); got != fmt.Sprint(st.Ino) {
		t.Errorf("f1: host inode %s, virtual %d", got, st.Ino)
	}
}

// asNobody runs a host shell command as uid and gid 65534 with no
// supplementary groups and no capabilities; it returns the output and
// whether the command succeeded.
func asNobody(t *testing.T, dir, cmd string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("no setpriv")
	}
	c := inDir(dir, cmd, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all")
	out, err := c.CombinedOutput()
	return string(out), err == nil
}

// TestPermissions checks that a non-root caller meets the virtual
// kernel's DAC checks, with the virtual kernel's errno.
func TestPermissions(t *testing.T) {
	mp, task, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
		must(t, task.Mkdir("/data/secret", 0o700))
		must(t, task.Mkdir("/data/pub", 0o777))
		must(t, task.Chmod("/data/pub", 0o1777))
		fd, err := task.Open("/data/ro", linux.O_CREAT|linux.O_WRONLY, 0o644)
		must(t, err)
		task.Close(fd)
		fd, err = task.Open("/data/secret/f", linux.O_CREAT|linux.O_WRONLY, 0o644)
		must(t, err)
		task.Close(fd)
	})
	d := filepath.Join(mp, "data")
	for _, cmd := range []string{"ls secret", "cat secret/f", "echo x > ro", "mkdir newdir", "chmod 777 ro", "rm ro", "touch -d 2001-01-01 ro"} {
		out, ok := asNobody(t, d, cmd)
		if ok || !strings.Contains(out, "Permission denied") && !strings.Contains(out, "Operation not permitted") {
			t.Errorf("%s as nobody: ok=%v %s", cmd, ok, out)
		}
	}
	if out, ok := asNobody(t, d, "echo hi > pub/mine && chmod 600 pub/mine && cat pub/mine && touch ro 2>&1 | grep -q denied"); !ok {
		t.Errorf("nobody in pub: %s", out)
	}
	st, err := task.Stat("/data/pub/mine")
	must(t, err)
	if st.UID != 65534 || st.GID != 65534 || st.Mode&0o7777 != 0o600 {
		t.Errorf("pub/mine: uid %d gid %d mode %o", st.UID, st.GID, st.Mode)
	}
	if out, ok := asNobody(t, d, "rm ../data/ro 2>&1; cat secret/f 2>&1"); ok || strings.Count(out, "Permission denied") != 2 {
		t.Errorf("got %s", out)
	}
}
