// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

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
func export(t testing.TB, dir string, setup func(task *vfs.Task)) (string, *vfs.Task, *fuse.Server) {
	t.Helper()
	return exportWith(t, dir, setup, nil)
}

// exportWith is export with the options opts.
func exportWith(t testing.TB, dir string, setup func(task *vfs.Task), opts *fuse.Options) (string, *vfs.Task, *fuse.Server) {
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
	srv, err := fuse.Mount(task, dir, mp, opts)
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

// TestKilledReader kills a cat that has the file open and is blocked
// writing what it read into a pipe nobody drains: the server lets go of
// the file, goes on serving, and unmounts without MNT_DETACH (nothing
// is left busy).
func TestKilledReader(t *testing.T) {
	mp, task, srv := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
	})
	d := filepath.Join(mp, "data")
	sh(t, d, "head -c 4194304 /dev/zero > big")
	c := inDir(d, "exec cat big")
	out, err := c.StdoutPipe()
	must(t, err)
	must(t, c.Start())
	buf := make([]byte, 1)
	if _, err := io.ReadFull(out, buf); err != nil {
		t.Fatal(err)
	}
	must(t, c.Process.Kill())
	_ = c.Wait()
	if got := sh(t, d, "rm big && echo ok > after && cat after"); got != "ok\n" {
		t.Errorf("after the kill: %q", got)
	}
	if _, err := task.Stat("/data/big"); err != linux.ENOENT {
		t.Errorf("big: %v", err)
	}
	must(t, srv.Unmount())
}

// TestLazyUnmount detaches the export while a host shell works inside:
// the shell keeps working, and the server ends when it leaves.
func TestLazyUnmount(t *testing.T) {
	mp, _, srv := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
	})
	d := filepath.Join(mp, "data")
	sh(t, d, "echo inside > f")
	c := inDir(d, "echo in; read x; cat f")
	in, err := c.StdinPipe()
	must(t, err)
	outp, err := c.StdoutPipe()
	must(t, err)
	must(t, c.Start())
	r := bufio.NewReader(outp)
	if line, err := r.ReadString('\n'); line != "in\n" {
		t.Fatalf("shell: %q %v", line, err)
	}
	if o, err := exec.Command("umount", "-l", mp).CombinedOutput(); err != nil {
		t.Fatalf("umount -l: %v %s", err, o)
	}
	fmt.Fprintln(in, "go")
	in.Close()
	rest, _ := io.ReadAll(r)
	must(t, c.Wait())
	if string(rest) != "inside\n" {
		t.Errorf("after umount -l: %q", rest)
	}
	srv.Wait()
}

// TestUnmountEnds checks that the host ends the export by unmounting
// it: a plain umount of the top is refused while the submounts are on
// it (as for any mount with mounts below), umount -R takes them all and
// ends every server.
func TestUnmountEnds(t *testing.T) {
	mp, _, srv := export(t, "/", nil)
	if o, err := exec.Command("umount", mp).CombinedOutput(); err == nil || !strings.Contains(string(o), "busy") {
		t.Errorf("umount with submounts: %v %s", err, o)
	}
	if o, err := exec.Command("umount", "-R", mp).CombinedOutput(); err != nil {
		t.Fatalf("umount -R: %v %s", err, o)
	}
	srv.Wait()
	if left := hostMounts(t, mp); len(left) > 0 {
		t.Errorf("still mounted: %q", left)
	}
}

// hostMounts lists the host's mount points at or under dir.
func hostMounts(t *testing.T, dir string) []string {
	t.Helper()
	b, err := os.ReadFile("/proc/self/mountinfo")
	must(t, err)
	var out []string
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			out = append(out, f[4])
		}
	}
	return out
}

// TestSyscalls drives the operations programs reach less often straight
// from the test process: renameat2's flags, open's flags, lseek's
// SEEK_DATA and SEEK_HOLE, copy_file_range, statfs and fallocate.
func TestSyscalls(t *testing.T) {
	mp, _, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
	})
	p := func(name string) string { return filepath.Join(mp, "data", name) }
	must(t, os.WriteFile(p("a"), []byte("A"), 0o644))
	must(t, os.WriteFile(p("b"), []byte("B"), 0o644))
	if err := unix.Renameat2(unix.AT_FDCWD, p("a"), unix.AT_FDCWD, p("b"), unix.RENAME_NOREPLACE); err != unix.EEXIST {
		t.Errorf("RENAME_NOREPLACE: %v", err)
	}
	must(t, unix.Renameat2(unix.AT_FDCWD, p("a"), unix.AT_FDCWD, p("b"), unix.RENAME_EXCHANGE))
	if a, _ := os.ReadFile(p("a")); string(a) != "B" {
		t.Errorf("after RENAME_EXCHANGE a is %q", a)
	}
	if _, err := os.OpenFile(p("a"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644); !errors.Is(err, unix.EEXIST) {
		t.Errorf("O_EXCL: %v", err)
	}
	f, err := os.OpenFile(p("a"), os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	f.WriteString("+")
	f.Close()
	f, err = os.OpenFile(p("b"), os.O_TRUNC|os.O_RDWR, 0)
	must(t, err)
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("O_TRUNC left %d bytes", st.Size())
	}
	f.Close()
	if a, _ := os.ReadFile(p("a")); string(a) != "B+" {
		t.Errorf("O_APPEND: %q", a)
	}
	// A sparse file: data at 1 MiB only.
	f, err = os.Create(p("sparse"))
	must(t, err)
	_, err = f.WriteAt([]byte("x"), 1<<20)
	must(t, err)
	if off, err := unix.Seek(int(f.Fd()), 0, unix.SEEK_HOLE); err != nil || off > 1<<20 {
		t.Errorf("SEEK_HOLE: %d %v", off, err)
	}
	if off, err := unix.Seek(int(f.Fd()), 0, unix.SEEK_DATA); err != nil || off > 1<<20 {
		t.Errorf("SEEK_DATA: %d %v", off, err)
	}
	if err := unix.Fallocate(int(f.Fd()), 0, 0, 4096); err != nil {
		t.Errorf("fallocate: %v", err)
	}
	g, err := os.Create(p("copy"))
	must(t, err)
	var off0, off1 int64
	n, err := unix.CopyFileRange(int(f.Fd()), &off0, int(g.Fd()), &off1, 1<<20+1, 0)
	if err != nil || n != 1<<20+1 {
		t.Errorf("copy_file_range: %d %v", n, err)
	}
	f.Close()
	g.Close()
	if b, _ := os.ReadFile(p("copy")); len(b) != 1<<20+1 || b[1<<20] != 'x' {
		t.Errorf("copy: %d bytes", len(b))
	}
	var sf unix.Statfs_t
	must(t, unix.Statfs(p(""), &sf))
	if sf.Bsize == 0 || sf.Namelen != 255 {
		t.Errorf("statfs: %+v", sf)
	}
}

// TestVi edits a file with the host's vi in ex mode: its swap file is
// made and removed beside it, the file rewritten.
func TestVi(t *testing.T) {
	vi, err := exec.LookPath("vi")
	if err != nil {
		t.Skip("no vi")
	}
	mp, task, _ := export(t, "/", func(task *vfs.Task) {
		must(t, task.Mkdir("/data", 0o755))
	})
	d := filepath.Join(mp, "data")
	sh(t, d, "printf 'hello\\nworld\\n' > f")
	sh(t, d, vi+` -e -s -c '%s/hello/bye/' -c 'wq' f`)
	if got := sh(t, d, "cat f; ls -A"); got != "bye\nworld\nf\n" {
		t.Errorf("after vi: %q", got)
	}
	if st, err := task.Stat("/data/f"); err != nil || st.Size != 10 {
		t.Errorf("virtual /data/f: %+v %v", st, err)
	}
}
