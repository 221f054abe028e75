// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Errors every call that walks a path can give (link_path_walk,
// may_lookup, nd_jump_link, getname).
var walkErrnos = []linux.Errno{linux.ENOENT, linux.ENOTDIR, linux.ELOOP, linux.ENAMETOOLONG, linux.EACCES}

// Errors a call that makes a name adds (filename_create, may_create).
var createErrnos = []linux.Errno{linux.EEXIST, linux.EPERM}

// Errors a call that removes or moves a name adds (may_delete, the
// mount and busy checks, the last component's "." and "..").
var deleteErrnos = []linux.Errno{linux.EISDIR, linux.ENOTEMPTY, linux.EBUSY, linux.EPERM, linux.EINVAL, linux.EXDEV}

// walkOp is one system call of FuzzPathWalk on a path, and the errors
// Linux can give for it besides walkErrnos.
type walkOp struct {
	name  string
	call  func(t *vfs.Task, path string) error
	extra [][]linux.Errno
}

var walkOps = []walkOp{
	{"stat", func(t *vfs.Task, p string) error { _, err := t.Stat(p); return err }, nil},
	{"lstat", func(t *vfs.Task, p string) error { _, err := t.Lstat(p); return err }, nil},
	{"open", func(t *vfs.Task, p string) error {
		return openClose(t, p, linux.O_RDONLY|linux.O_NONBLOCK)
	}, nil},
	{"open-dir", func(t *vfs.Task, p string) error {
		return openClose(t, p, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_NOFOLLOW)
	}, nil},
	{"open-write", func(t *vfs.Task, p string) error {
		return openClose(t, p, linux.O_WRONLY|linux.O_NONBLOCK)
	}, [][]linux.Errno{{linux.EISDIR, linux.ENXIO, linux.ETXTBSY}}},
	{"creat-excl", func(t *vfs.Task, p string) error {
		return openClose(t, p, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL)
	}, [][]linux.Errno{createErrnos, {linux.EISDIR}}},
	{"creat", func(t *vfs.Task, p string) error {
		return openClose(t, p, linux.O_RDWR|linux.O_CREAT|linux.O_NONBLOCK)
	}, [][]linux.Errno{createErrnos, {linux.EISDIR, linux.ENXIO}}},
	{"mkdir", func(t *vfs.Task, p string) error { return t.Mkdir(p, 0o755) }, [][]linux.Errno{createErrnos}},
	{"mkfifo", func(t *vfs.Task, p string) error {
		return t.Mknodat(linux.AT_FDCWD, p, linux.S_IFIFO|0o644, 0)
	}, [][]linux.Errno{createErrnos}},
	{"symlink", func(t *vfs.Task, p string) error { return t.Symlink("d/g", p) }, [][]linux.Errno{createErrnos}},
	{"link-to", func(t *vfs.Task, p string) error { return t.Link("/f", p) }, [][]linux.Errno{createErrnos, {linux.EXDEV}}},
	{"link-from", func(t *vfs.Task, p string) error { return t.Link(p, "/e/new") }, [][]linux.Errno{createErrnos, {linux.EXDEV}}},
	{"unlink", func(t *vfs.Task, p string) error { return t.Unlink(p) }, [][]linux.Errno{deleteErrnos}},
	{"rmdir", func(t *vfs.Task, p string) error { return t.Rmdir(p) }, [][]linux.Errno{deleteErrnos}},
	{"rename-from", func(t *vfs.Task, p string) error { return t.Rename(p, "/e/new") }, [][]linux.Errno{deleteErrnos}},
	{"rename-to", func(t *vfs.Task, p string) error { return t.Rename("/d/sub", p) }, [][]linux.Errno{deleteErrnos}},
	{"readlink", func(t *vfs.Task, p string) error { _, err := t.Readlink(p); return err }, [][]linux.Errno{{linux.EINVAL}}},
	{"chdir", func(t *vfs.Task, p string) error { return t.Chdir(p) }, nil},
	{"chroot", func(t *vfs.Task, p string) error { return t.Chroot(p) }, [][]linux.Errno{{linux.EPERM}}},
	{"chmod", func(t *vfs.Task, p string) error { return t.Chmod(p, 0o700) }, [][]linux.Errno{{linux.EPERM}}},
	{"truncate", func(t *vfs.Task, p string) error { return t.Truncate(p, 1) }, [][]linux.Errno{{linux.EISDIR, linux.EINVAL}}},
	{"access", func(t *vfs.Task, p string) error { return t.Access(p, 2) }, nil},
	{"mount", func(t *vfs.Task, p string) error { return t.Mount("t", p, "tmpfs", 0, "") }, [][]linux.Errno{{linux.EPERM}}},
	{"bind", func(t *vfs.Task, p string) error { return t.Mount(p, "/e", "", linux.MS_BIND, "") }, [][]linux.Errno{{linux.EPERM, linux.EINVAL}}},
	{"umount", func(t *vfs.Task, p string) error { return t.Umount2(p, 0) }, [][]linux.Errno{{linux.EPERM, linux.EINVAL, linux.EBUSY}}},
}

func openClose(t *vfs.Task, p string, flags uint32) error {
	fd, err := t.Open(p, flags, 0o644)
	if err == nil {
		err = t.Close(fd)
	}
	return err
}

// walkCwds are the working directories a relative path starts from.
var walkCwds = []string{"/", "/d", "/m", "/d/sub"}

// FuzzPathWalk resolves arbitrary paths, through a symlink /e/fz with an
// arbitrary target, on errFixture's tree (directories, files, a FIFO,
// symlinks that loop or dangle, a mount, modes that refuse alice) as root
// or alice, with every path-taking system call: no panic, no hang, and only
// the errnos Linux can give for that call.
func FuzzPathWalk(f *testing.F) {
	seeds := []struct{ path, target string }{
		{"/d/g", "d"}, {"/e/fz/g", "../d"}, {"/e/fz", "/loop"}, {"/ld/sub/../g", "fz"},
		{"/dang/x", "/nowhere/"}, {"/lf/", "../f"}, {"/m/mf/.", "/m"}, {"..", "."},
		{"/d700/f", "/d700"}, {"/e/fz/x/y", "/e/fz"}, {"/p", "/p"}, {"/sticky/rootf", "../sticky"},
		{"/ro/x", "/ro/"}, {"", ""}, {"/" + strings.Repeat("a/", 2100), "x"},
		{strings.Repeat("x", 256), strings.Repeat("y/", 2048)}, {"/e/fz/", strings.Repeat("../", 40) + "d"},
		{"sub/./../sub", "ld"}, {"/m/..", "/m/mf"}, {"/e/fz/sub", "/ld/"}, {"/proc", "//d///"},
	}
	for i, s := range seeds {
		f.Add(s.path, s.target, uint8(i), uint8(i%len(walkCwds)), i%3 == 0)
	}
	f.Fuzz(func(t *testing.T, path, target string, op, cwd uint8, asAlice bool) {
		path, target = cut(path), cut(target)
		task := errFixture(t)
		if err := task.Symlink(target, "/e/fz"); err != nil {
			checkErrnos(t, "symlink "+target, err, walkErrnos, []linux.Errno{linux.EEXIST})
		}
		if err := task.Chdir(walkCwds[int(cwd)%len(walkCwds)]); err != nil {
			t.Fatal(err)
		}
		if asAlice {
			task.SetCred(alice.cred())
		}
		o := walkOps[int(op)%len(walkOps)]
		err := o.call(task, path)
		checkErrnos(t, o.name+" "+path, err, append([][]linux.Errno{walkErrnos}, o.extra...)...)
		if _, err := task.Getcwd(); err != nil && err != linux.ENOENT {
			t.Fatalf("getcwd after %s: %v", o.name, err)
		}
		task.Mountinfo()
		task.Exit()
	})
}

// cut is what a C caller can pass: the string up to its first NUL.
func cut(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func checkErrnos(t *testing.T, what string, err error, sets ...[]linux.Errno) {
	t.Helper()
	if err == nil {
		return
	}
	var e linux.Errno
	if !errors.As(err, &e) {
		t.Fatalf("%.200q: %v is not an errno", what, err)
	}
	for _, s := range sets {
		for _, a := range s {
			if e == a {
				return
			}
		}
	}
	t.Fatalf("%.200q: %v (errno %d), which Linux does not give here", what, e, int(e))
}
