// SPDX-License-Identifier: Apache-2.0

package vfs_test

// One table per system call: each row is one errno rule of the Linux kernel
// (or a success that the rule must not break), run on a fresh kernel whose
// root holds errFixture's tree.

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// errFixture builds, on a fresh kernel, as root:
//
//	/f        0644 "hello"        /r600 0600, /r444 0444, /r666 0666
//	/s4777    04777               /d/ 0755 with d/g, d/sub/
//	/e/       0755 (empty)        /lf -> f, /ld -> d, /dang -> nowhere, /loop -> loop
//	/d700/    0700 with d700/f    /ro/ 0555 with ro/x 0666
//	/sticky/  01777 with sticky/rootf 0666 and sticky/alicef (alice's)
//	/p        fifo                /ad/ 0755 owned by alice with ad/af (alice's)
//	/m/       a tmpfs mount with m/mf
func errFixture(tb testing.TB) *vfs.Task {
	tb.Helper()
	t := newScKernel(tb)
	must := func(what string, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("fixture %s: %v", what, err)
		}
	}
	file := func(name string, mode uint32, data string) {
		tb.Helper()
		fd, err := t.Open(name, linux.O_CREAT|linux.O_WRONLY|linux.O_TRUNC, 0o600)
		must("create "+name, err)
		if data != "" {
			_, err := t.Write(fd, []byte(data))
			must("write "+name, err)
		}
		must("close "+name, t.Close(fd))
		must("chmod "+name, t.Chmod(name, mode))
	}
	dir := func(name string, mode uint32) {
		tb.Helper()
		must("mkdir "+name, t.Mkdir(name, 0o700))
		must("chmod "+name, t.Chmod(name, mode))
	}
	file("/f", 0o644, "hello")
	file("/r600", 0o600, "x")
	file("/r444", 0o444, "x")
	file("/r666", 0o666, "x")
	file("/s4777", 0o4777, "x")
	dir("/d", 0o755)
	file("/d/g", 0o644, "")
	dir("/d/sub", 0o755)
	dir("/e", 0o755)
	must("symlink lf", t.Symlink("f", "/lf"))
	must("symlink ld", t.Symlink("d", "/ld"))
	must("symlink dang", t.Symlink("nowhere", "/dang"))
	must("symlink loop", t.Symlink("loop", "/loop"))
	dir("/d700", 0o700)
	file("/d700/f", 0o644, "")
	dir("/ro", 0o755)
	file("/ro/x", 0o666, "")
	must("chmod ro", t.Chmod("/ro", 0o555))
	dir("/sticky", 0o1777)
	file("/sticky/rootf", 0o666, "")
	file("/sticky/alicef", 0o644, "")
	must("chown alicef", t.Chown("/sticky/alicef", alice.uid, alice.gid))
	must("mknod p", t.Mknodat(linux.AT_FDCWD, "/p", linux.S_IFIFO|0o644, 0))
	dir("/ad", 0o755)
	file("/ad/af", 0o644, "")
	must("chown ad", t.Chown("/ad", alice.uid, alice.gid))
	must("chown af", t.Chown("/ad/af", alice.uid, alice.gid))
	dir("/m", 0o755)
	must("mount m", t.Mount("tmpfs", "/m", "tmpfs", 0, ""))
	file("/m/mf", 0o644, "")
	return t
}

// ex is what an errno row's call works with.
type ex struct {
	tb testing.TB
	t  *vfs.Task
}

// rootFd opens name as root whatever the row's identity, failing the test
// if it cannot.
func (x *ex) rootFd(name string, flags uint32) int {
	x.tb.Helper()
	c := x.t.Cred()
	x.t.SetCred(vfs.RootCred())
	defer x.t.SetCred(c)
	fd, err := x.t.Open(name, flags, 0o644)
	if err != nil {
		x.tb.Fatalf("open %s: %v", name, err)
	}
	return fd
}

// root runs fn as root (setup inside a row).
func (x *ex) root(fn func() error) {
	x.tb.Helper()
	c := x.t.Cred()
	x.t.SetCred(vfs.RootCred())
	defer x.t.SetCred(c)
	if err := fn(); err != nil {
		x.tb.Fatalf("setup: %v", err)
	}
}

// errRow is one errno rule.
type errRow struct {
	name string
	as   *scUser
	call func(x *ex) error
	want linux.Errno
	// bug marks a known divergence from Linux: a failing row skips.
	bug string
}

func runErrTable(t *testing.T, rows []errRow) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			task := errFixture(t)
			if r.as != nil {
				task.SetCred(r.as.cred())
			}
			x := &ex{tb: t, t: task}
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic: %v", p)
					}
				}()
				err = r.call(x)
			}()
			got, ok := errnoOf(err)
			if !ok {
				t.Fatalf("error %v (%T) is not an errno", err, err)
			}
			if got == r.want {
				if r.bug != "" {
					t.Logf("row marked %q now passes", r.bug)
				}
				return
			}
			msg := "got " + errName(got) + ", Linux gives " + errName(r.want)
			if r.bug != "" {
				t.Log(msg)
				t.Skip("BUG: " + r.bug)
			}
			t.Error(msg)
		})
	}
}

func openErr(name string, flags uint32, mode uint32) func(x *ex) error {
	return func(x *ex) error {
		fd, err := x.t.Open(name, flags, mode)
		if err == nil {
			x.t.Close(fd)
		}
		return err
	}
}

const (
	uRD     = linux.O_RDONLY
	uWR     = linux.O_WRONLY
	uRDWR   = linux.O_RDWR
	uCREAT  = linux.O_CREAT
	uEXCL   = linux.O_EXCL
	uTRUNC  = linux.O_TRUNC
	uDIR    = linux.O_DIRECTORY
	uNOFOL  = linux.O_NOFOLLOW
	uPATH   = linux.O_PATH
	uAPPEND = linux.O_APPEND
)

func TestErrnoOpen(t *testing.T) {
	runErrTable(t, []errRow{
		{name: "creat-new", call: openErr("/new", uCREAT|uWR, 0o644)},
		{name: "creat-excl-existing", call: openErr("/f", uCREAT|uEXCL|uWR, 0o644), want: linux.EEXIST},
		{name: "creat-excl-dangling-symlink", call: openErr("/dang", uCREAT|uEXCL|uWR, 0o644), want: linux.EEXIST},
		{name: "creat-excl-symlink-to-file", call: openErr("/lf", uCREAT|uEXCL|uWR, 0o644), want: linux.EEXIST},
		{name: "creat-dangling-symlink-creates-target", call: func(x *ex) error {
			if err := openErr("/dang", uCREAT|uWR, 0o644)(x); err != nil {
				return err
			}
			_, err := x.t.Stat("/nowhere")
			return err
		}},
		{name: "creat-nofollow-symlink", call: openErr("/dang", uCREAT|uWR|uNOFOL, 0o644), want: linux.ELOOP},
		{name: "excl-without-creat-ignored", call: openErr("/f", uEXCL|uRD, 0)},
		{name: "nofollow-symlink", call: openErr("/lf", uRD|uNOFOL, 0), want: linux.ELOOP},
		{name: "nofollow-symlink-to-dir", call: openErr("/ld", uRD|uNOFOL, 0), want: linux.ELOOP},
		{name: "nofollow-trailing-slash-follows", call: openErr("/ld/", uRD|uNOFOL, 0)},
		{name: "nofollow-only-last-component", call: openErr("/ld/g", uRD|uNOFOL, 0)},
		{name: "nofollow-path-opens-link", call: openErr("/lf", uPATH|uNOFOL, 0)},
		{name: "directory-on-file", call: openErr("/f", uRD|uDIR, 0), want: linux.ENOTDIR},
		{name: "directory-on-symlink-to-dir", call: openErr("/ld", uRD|uDIR, 0)},
		{name: "directory-nofollow-symlink", call: openErr("/ld", uRD|uDIR|uNOFOL, 0), want: linux.ENOTDIR},
		{name: "creat-directory", call: openErr("/new", uCREAT|uDIR|uRD, 0o644), want: linux.EINVAL},
		{name: "write-dir", call: openErr("/d", uWR, 0), want: linux.EISDIR},
		{name: "rdwr-dir", call: openErr("/d", uRDWR, 0), want: linux.EISDIR},
		{name: "accmode3-dir", call: openErr("/d", 3, 0), want: linux.EISDIR},
		{name: "trunc-dir", call: openErr("/d", uRD|uTRUNC, 0), want: linux.EISDIR},
		{name: "creat-existing-dir", call: openErr("/d", uCREAT|uRD, 0o644), want: linux.EISDIR},
		{name: "creat-trailing-slash-missing", call: openErr("/new/", uCREAT|uWR, 0o644), want: linux.EISDIR},
		{name: "creat-trailing-slash-file", call: openErr("/f/", uCREAT|uWR, 0o644), want: linux.EISDIR},
		{name: "creat-dot", call: openErr("/d/.", uCREAT|uRD, 0o644), want: linux.EISDIR},
		{name: "creat-excl-dot", call: openErr("/d/.", uCREAT|uEXCL|uRD, 0o644), want: linux.EEXIST},
		{name: "creat-root", call: openErr("/", uCREAT|uRD, 0o644), want: linux.EISDIR},
		{name: "file-as-directory", call: openErr("/f/x", uRD, 0), want: linux.ENOTDIR},
		{name: "file-trailing-slash", call: openErr("/f/", uRD, 0), want: linux.ENOTDIR},
		{name: "file-dotdot", call: openErr("/f/..", uRD, 0), want: linux.ENOTDIR},
		{name: "creat-under-file", call: openErr("/f/x", uCREAT|uWR, 0o644), want: linux.ENOTDIR},
		{name: "missing", call: openErr("/missing", uRD, 0), want: linux.ENOENT},
		{name: "creat-missing-parent", call: openErr("/missing/x", uCREAT|uWR, 0o644), want: linux.ENOENT},
		{name: "empty", call: openErr("", uRD, 0), want: linux.ENOENT},
		{name: "dangling", call: openErr("/dang", uRD, 0), want: linux.ENOENT},
		{name: "name-255", call: openErr("/"+strings.Repeat("n", 255), uCREAT|uWR, 0o644)},
		{name: "name-256", call: openErr("/"+strings.Repeat("n", 256), uRD, 0), want: linux.ENAMETOOLONG},
		{name: "creat-name-256", call: openErr("/"+strings.Repeat("n", 256), uCREAT|uWR, 0o644), want: linux.ENAMETOOLONG},
		{name: "name-256-inner", call: openErr("/"+strings.Repeat("n", 256)+"/x", uRD, 0), want: linux.ENAMETOOLONG},
		{name: "path-4095", call: openErr(strings.Repeat("/", 4094)+"f", uRD, 0)},
		{name: "path-4096", call: openErr(strings.Repeat("/", 4095)+"f", uRD, 0), want: linux.ENAMETOOLONG},
		{name: "loop", call: openErr("/loop", uRD, 0), want: linux.ELOOP},
		{name: "creat-loop", call: openErr("/loop", uCREAT|uWR, 0o644), want: linux.ELOOP},
		{name: "fifo-nonblock-read", call: openErr("/p", uRD|linux.O_NONBLOCK, 0)},
		{name: "fifo-nonblock-write-no-reader", call: openErr("/p", uWR|linux.O_NONBLOCK, 0), want: linux.ENXIO},
		{name: "fifo-rdwr", call: openErr("/p", uRDWR, 0)},
		{name: "fifo-trunc", call: openErr("/p", uRDWR|uTRUNC, 0)},
		{name: "socket", call: func(x *ex) error {
			x.root(func() error { return x.t.Mknodat(linux.AT_FDCWD, "/sock", linux.S_IFSOCK|0o666, 0) })
			return openErr("/sock", uRD, 0)(x)
		}, want: linux.ENXIO},
		{name: "char-device-without-driver", call: func(x *ex) error {
			x.root(func() error { return x.t.Mknodat(linux.AT_FDCWD, "/c", linux.S_IFCHR|0o666, linux.Mkdev(240, 7)) })
			return openErr("/c", uRD, 0)(x)
		}, want: linux.ENXIO},
		{name: "bad-dirfd", call: func(x *ex) error {
			_, err := x.t.Openat(-1, "f", uRD, 0)
			return err
		}, want: linux.EBADF},
		{name: "file-dirfd", call: func(x *ex) error {
			fd := x.rootFd("/f", uRD)
			_, err := x.t.Openat(fd, "x", uRD, 0)
			return err
		}, want: linux.ENOTDIR},
		{name: "file-dirfd-absolute", call: func(x *ex) error {
			fd := x.rootFd("/f", uRD)
			_, err := x.t.Openat(fd, "/f", uRD, 0)
			return err
		}},
		{name: "user-no-search", as: alice, call: openErr("/d700/f", uRD, 0), want: linux.EACCES},
		{name: "user-no-read-dir", as: alice, call: openErr("/d700", uRD, 0), want: linux.EACCES},
		{name: "user-path-unreadable-dir", as: alice, call: openErr("/d700", uPATH, 0)},
		{name: "user-no-read", as: alice, call: openErr("/r600", uRD, 0), want: linux.EACCES},
		{name: "user-no-write", as: alice, call: openErr("/r444", uWR, 0), want: linux.EACCES},
		{name: "user-trunc-needs-write", as: alice, call: openErr("/r444", uRD|uTRUNC, 0), want: linux.EACCES},
		{name: "user-append-needs-write", as: alice, call: openErr("/r444", uRD|uAPPEND, 0)},
		{name: "user-creat-in-readonly-dir", as: alice, call: openErr("/ro/new", uCREAT|uWR, 0o644), want: linux.EACCES},
		{name: "user-creat-existing-in-readonly-dir", as: alice, call: openErr("/ro/x", uCREAT|uWR, 0o644)},
		{name: "user-noatime-not-owner", as: alice, call: openErr("/f", uRD|linux.O_NOATIME, 0), want: linux.EPERM},
		{name: "user-noatime-owner", as: alice, call: openErr("/ad/af", uRD|linux.O_NOATIME, 0)},
		{name: "root-no-read", call: openErr("/r600", uRD, 0)},
		{name: "root-no-write", call: openErr("/r444", uWR, 0)},
		{name: "path-creat-directory", call: openErr("/d", uPATH|uCREAT|uDIR, 0)},
		{name: "path-tmpfile", call: openErr("/d", uPATH|linux.O_TMPFILE, 0)},
		{name: "tmpfile-without-directory", call: openErr("/f", 0o20000000|uRDWR, 0o600), want: linux.EINVAL},
		{name: "tmpfile-read-only", call: openErr("/d", linux.O_TMPFILE|uRD, 0o600), want: linux.EINVAL},
		{name: "tmpfile", call: openErr("/d", linux.O_TMPFILE|uRDWR, 0o600)},
	})
}

func TestErrnoReadWrite(t *testing.T) {
	rw := func(path string, flags uint32, fn func(x *ex, fd int) error) func(x *ex) error {
		return func(x *ex) error { return fn(x, x.rootFd(path, flags)) }
	}
	read := func(x *ex, fd int) error { _, err := x.t.Read(fd, make([]byte, 4)); return err }
	write := func(x *ex, fd int) error { _, err := x.t.Write(fd, []byte("x")); return err }
	runErrTable(t, []errRow{
		{name: "read-write-only", call: rw("/f", uWR, read), want: linux.EBADF},
		{name: "read-zero-write-only", call: rw("/f", uWR, func(x *ex, fd int) error { _, err := x.t.Read(fd, nil); return err }), want: linux.EBADF},
		{name: "write-read-only", call: rw("/f", uRD, write), want: linux.EBADF},
		{name: "write-zero-read-only", call: rw("/f", uRD, func(x *ex, fd int) error { _, err := x.t.Write(fd, nil); return err }), want: linux.EBADF},
		{name: "read-accmode3", call: rw("/f", 3, read), want: linux.EBADF},
		{name: "write-accmode3", call: rw("/f", 3, write), want: linux.EBADF},
		{name: "read-dir", call: rw("/d", uRD, read), want: linux.EISDIR},
		{name: "pread-dir", call: rw("/d", uRD, func(x *ex, fd int) error { _, err := x.t.Pread(fd, make([]byte, 1), 0); return err }), want: linux.EISDIR},
		{name: "write-dir-fd", call: rw("/d", uRD, write), want: linux.EBADF},
		{name: "read-o-path", call: rw("/f", uPATH, read), want: linux.EBADF},
		{name: "write-o-path", call: rw("/f", uPATH, write), want: linux.EBADF},
		{name: "read-closed", call: func(x *ex) error {
			fd := x.rootFd("/f", uRD)
			x.t.Close(fd)
			return read(x, fd)
		}, want: linux.EBADF},
		{name: "read-negative-fd", call: func(x *ex) error { return read(x, -1) }, want: linux.EBADF},
		{name: "pread-negative", call: rw("/f", uRD, func(x *ex, fd int) error { _, err := x.t.Pread(fd, make([]byte, 1), -1); return err }), want: linux.EINVAL},
		{name: "pwrite-negative", call: rw("/f", uWR, func(x *ex, fd int) error { _, err := x.t.Pwrite(fd, []byte("x"), -1); return err }), want: linux.EINVAL},
		{name: "pread-negative-bad-fd", call: func(x *ex) error { _, err := x.t.Pread(-1, make([]byte, 1), -1); return err }, want: linux.EINVAL},
		{name: "pwrite-negative-bad-fd", call: func(x *ex) error { _, err := x.t.Pwrite(-1, []byte("x"), -1); return err }, want: linux.EINVAL},
		{name: "pwrite-offset-overflow", call: rw("/f", uWR, func(x *ex, fd int) error { _, err := x.t.Pwrite(fd, []byte("xy"), 1<<63-2); return err }), want: linux.EINVAL},
		{name: "pread-offset-overflow", call: rw("/f", uRD, func(x *ex, fd int) error { _, err := x.t.Pread(fd, make([]byte, 2), 1<<63-1); return err }), want: linux.EINVAL},
		{name: "pwrite-past-eof", call: rw("/f", uWR, func(x *ex, fd int) error { _, err := x.t.Pwrite(fd, []byte("x"), 1<<20); return err })},
	})
}

func TestErrnoLseek(t *testing.T) {
	seek := func(path string, flags uint32, off int64, whence int) func(x *ex) error {
		return func(x *ex) error {
			_, err := x.t.Lseek(x.rootFd(path, flags), off, whence)
			return err
		}
	}
	runErrTable(t, []errRow{
		{name: "set", call: seek("/f", uRD, 3, linux.SEEK_SET)},
		{name: "set-past-eof", call: seek("/f", uRD, 1<<40, linux.SEEK_SET)},
		{name: "set-negative", call: seek("/f", uRD, -1, linux.SEEK_SET), want: linux.EINVAL},
		{name: "cur-negative", call: seek("/f", uRD, -1, linux.SEEK_CUR), want: linux.EINVAL},
		{name: "end-before-start", call: seek("/f", uRD, -6, linux.SEEK_END), want: linux.EINVAL},
		{name: "end-to-start", call: seek("/f", uRD, -5, linux.SEEK_END)},
		{name: "bad-whence", call: seek("/f", uRD, 0, 5), want: linux.EINVAL},
		{name: "o-path", call: seek("/f", uPATH, 0, linux.SEEK_SET), want: linux.EBADF},
		{name: "data-at-eof", call: seek("/f", uRD, 5, linux.SEEK_DATA), want: linux.ENXIO},
		{name: "hole-past-eof", call: seek("/f", uRD, 6, linux.SEEK_HOLE), want: linux.ENXIO},
		{name: "data-negative", call: seek("/f", uRD, -1, linux.SEEK_DATA), want: linux.ENXIO},
		{name: "dir-set", call: seek("/d", uRD, 0, linux.SEEK_SET)},
		{name: "dir-end", call: seek("/d", uRD, 0, linux.SEEK_END), want: linux.EINVAL},
		{name: "dir-data", call: seek("/d", uRD, 0, linux.SEEK_DATA), want: linux.EINVAL},
		{name: "closed", call: func(x *ex) error { _, err := x.t.Lseek(-1, 0, linux.SEEK_SET); return err }, want: linux.EBADF},
	})
}

func TestErrnoTruncate(t *testing.T) {
	ftrunc := func(path string, flags uint32, size int64) func(x *ex) error {
		return func(x *ex) error { return x.t.Ftruncate(x.rootFd(path, flags), size) }
	}
	trunc := func(path string, size int64) func(x *ex) error {
		return func(x *ex) error { return x.t.Truncate(path, size) }
	}
	runErrTable(t, []errRow{
		{name: "ftruncate", call: ftrunc("/f", uWR, 2)},
		{name: "ftruncate-append", call: ftrunc("/f", uWR|uAPPEND, 2)},
		{name: "ftruncate-read-only", call: ftrunc("/f", uRD, 0), want: linux.EINVAL},
		{name: "ftruncate-dir", call: ftrunc("/d", uRD, 0), want: linux.EINVAL},
		{name: "ftruncate-negative", call: ftrunc("/f", uWR, -1), want: linux.EINVAL},
		{name: "ftruncate-o-path", call: ftrunc("/f", uPATH, 0), want: linux.EBADF},
		{name: "ftruncate-closed", call: func(x *ex) error { return x.t.Ftruncate(-1, 0) }, want: linux.EBADF},
		{name: "ftruncate-negative-closed", call: func(x *ex) error { return x.t.Ftruncate(-1, -1) }, want: linux.EINVAL},
		{name: "truncate", call: trunc("/f", 100)},
		{name: "truncate-through-symlink", call: trunc("/lf", 1)},
		{name: "truncate-dir", call: trunc("/d", 0), want: linux.EISDIR},
		{name: "truncate-fifo", call: trunc("/p", 0), want: linux.EINVAL},
		{name: "truncate-negative", call: trunc("/f", -1), want: linux.EINVAL},
		{name: "truncate-negative-missing", call: trunc("/missing", -1), want: linux.EINVAL},
		{name: "truncate-missing", call: trunc("/missing", 0), want: linux.ENOENT},
		{name: "truncate-trailing-slash", call: trunc("/f/", 0), want: linux.ENOTDIR},
		{name: "truncate-loop", call: trunc("/loop", 0), want: linux.ELOOP},
		{name: "user-truncate-no-write", as: alice, call: trunc("/f", 0), want: linux.EACCES},
		{name: "user-truncate-no-search", as: alice, call: trunc("/d700/f", 0), want: linux.EACCES},
		{name: "user-truncate-writable", as: alice, call: trunc("/r666", 0)},
	})
}

func TestErrnoStat(t *testing.T) {
	stat := func(dirfd int, path string, flags int) func(x *ex) error {
		return func(x *ex) error { _, err := x.t.Fstatat(dirfd, path, flags); return err }
	}
	cwd := linux.AT_FDCWD
	runErrTable(t, []errRow{
		{name: "file", call: stat(cwd, "/f", 0)},
		{name: "missing", call: stat(cwd, "/missing", 0), want: linux.ENOENT},
		{name: "empty", call: stat(cwd, "", 0), want: linux.ENOENT},
		{name: "empty-path-cwd", call: stat(cwd, "", linux.AT_EMPTY_PATH)},
		{name: "trailing-slash-file", call: stat(cwd, "/f/", 0), want: linux.ENOTDIR},
		{name: "trailing-slash-symlink-to-file", call: stat(cwd, "/lf/", linux.AT_SYMLINK_NOFOLLOW), want: linux.ENOTDIR},
		{name: "dangling", call: stat(cwd, "/dang", 0), want: linux.ENOENT},
		{name: "dangling-nofollow", call: stat(cwd, "/dang", linux.AT_SYMLINK_NOFOLLOW)},
		{name: "loop", call: stat(cwd, "/loop", 0), want: linux.ELOOP},
		{name: "bad-flags", call: stat(cwd, "/f", 0x8000), want: linux.EINVAL},
		{name: "symlink-follow-flag", call: stat(cwd, "/f", linux.AT_SYMLINK_FOLLOW), want: linux.EINVAL},
		{name: "name-256", call: stat(cwd, "/"+strings.Repeat("n", 256), 0), want: linux.ENAMETOOLONG},
		{name: "user-no-search", as: alice, call: stat(cwd, "/d700/f", 0), want: linux.EACCES},
		{name: "user-unreadable-dir-itself", as: alice, call: stat(cwd, "/d700", 0)},
		{name: "file-dirfd", call: func(x *ex) error { return stat(x.rootFd("/f", uRD), "x", 0)(x) }, want: linux.ENOTDIR},
		{name: "file-dirfd-empty-path", call: func(x *ex) error { return stat(x.rootFd("/f", uRD), "", linux.AT_EMPTY_PATH)(x) }},
		{name: "closed-dirfd-empty-path", call: stat(-1, "", linux.AT_EMPTY_PATH), want: linux.EBADF},
		{name: "fstat-closed", call: func(x *ex) error { _, err := x.t.Fstat(-1); return err }, want: linux.EBADF},
	})
}

func TestErrnoGetdents(t *testing.T) {
	dents := func(path string, flags uint32) func(x *ex) error {
		return func(x *ex) error { _, err := x.t.Getdents(x.rootFd(path, flags), 0); return err }
	}
	runErrTable(t, []errRow{
		{name: "dir", call: dents("/d", uRD)},
		{name: "file", call: dents("/f", uRD), want: linux.ENOTDIR},
		{name: "o-path", call: dents("/d", uPATH), want: linux.EBADF},
		{name: "closed", call: func(x *ex) error { _, err := x.t.Getdents(-1, 0); return err }, want: linux.EBADF},
		{name: "removed-dir", call: func(x *ex) error {
			fd := x.rootFd("/e", uRD)
			if err := x.t.Rmdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			_, err := x.t.Getdents(fd, 0)
			return err
		}, want: linux.ENOENT},
	})
}

func TestErrnoMkdir(t *testing.T) {
	mkdir := func(path string) func(x *ex) error {
		return func(x *ex) error { return x.t.Mkdir(path, 0o755) }
	}
	runErrTable(t, []errRow{
		{name: "new", call: mkdir("/new")},
		{name: "new-trailing-slashes", call: mkdir("/new//")},
		{name: "exists-dir", call: mkdir("/d"), want: linux.EEXIST},
		{name: "exists-file", call: mkdir("/f"), want: linux.EEXIST},
		{name: "exists-file-trailing-slash", call: mkdir("/f/"), want: linux.EEXIST},
		{name: "dangling-symlink", call: mkdir("/dang"), want: linux.EEXIST},
		{name: "dangling-symlink-trailing-slash", call: mkdir("/dang/"), want: linux.EEXIST},
		{name: "dot", call: mkdir("/d/."), want: linux.EEXIST},
		{name: "dotdot", call: mkdir("/d/.."), want: linux.EEXIST},
		{name: "root", call: mkdir("/"), want: linux.EEXIST},
		{name: "empty", call: mkdir(""), want: linux.ENOENT},
		{name: "missing-parent", call: mkdir("/missing/x"), want: linux.ENOENT},
		{name: "parent-is-file", call: mkdir("/f/x"), want: linux.ENOTDIR},
		{name: "parent-loop", call: mkdir("/loop/x"), want: linux.ELOOP},
		{name: "through-symlink", call: mkdir("/ld/new")},
		{name: "name-256", call: mkdir("/" + strings.Repeat("n", 256)), want: linux.ENAMETOOLONG},
		{name: "user-readonly-dir", as: alice, call: mkdir("/ro/new"), want: linux.EACCES},
		{name: "user-readonly-dir-existing", as: alice, call: mkdir("/ro/x"), want: linux.EEXIST},
		{name: "user-no-search", as: alice, call: mkdir("/d700/new"), want: linux.EACCES},
		{name: "user-sticky-dir", as: alice, call: mkdir("/sticky/new")},
		{name: "removed-cwd", call: func(x *ex) error {
			if err := x.t.Chdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			if err := x.t.Rmdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Mkdir("x", 0o755)
		}, want: linux.ENOENT},
	})
}

func TestErrnoMknod(t *testing.T) {
	mknod := func(path string, mode uint32, dev uint64) func(x *ex) error {
		return func(x *ex) error { return x.t.Mknodat(linux.AT_FDCWD, path, mode, dev) }
	}
	runErrTable(t, []errRow{
		{name: "fifo", call: mknod("/n", linux.S_IFIFO|0o644, 0)},
		{name: "socket", call: mknod("/n", linux.S_IFSOCK|0o644, 0)},
		{name: "char", call: mknod("/n", linux.S_IFCHR|0o644, linux.Mkdev(1, 3))},
		{name: "block", call: mknod("/n", linux.S_IFBLK|0o644, linux.Mkdev(7, 0))},
		{name: "regular-zero-type", call: mknod("/n", 0o644, 0)},
		{name: "regular", call: mknod("/n", linux.S_IFREG|0o644, 0)},
		{name: "directory", call: mknod("/n", linux.S_IFDIR|0o755, 0), want: linux.EPERM},
		{name: "directory-before-lookup", call: mknod("/missing/n", linux.S_IFDIR|0o755, 0), want: linux.EPERM},
		{name: "symlink-type", call: mknod("/n", linux.S_IFLNK|0o777, 0), want: linux.EINVAL},
		{name: "bad-type", call: mknod("/n", 0o030644, 0), want: linux.EINVAL},
		{name: "bad-type-before-lookup", call: mknod("/missing/n", 0o170644, 0), want: linux.EINVAL},
		{name: "exists", call: mknod("/f", linux.S_IFIFO|0o644, 0), want: linux.EEXIST},
		{name: "exists-trailing-slash", call: mknod("/f/", linux.S_IFIFO|0o644, 0), want: linux.EEXIST},
		{name: "trailing-slash-missing", call: mknod("/n/", linux.S_IFIFO|0o644, 0), want: linux.ENOENT},
		{name: "dot", call: mknod("/d/.", linux.S_IFIFO|0o644, 0), want: linux.EEXIST},
		{name: "user-char", as: alice, call: mknod("/sticky/n", linux.S_IFCHR|0o644, linux.Mkdev(1, 3)), want: linux.EPERM},
		{name: "user-block", as: alice, call: mknod("/sticky/n", linux.S_IFBLK|0o644, linux.Mkdev(7, 0)), want: linux.EPERM},
		{name: "user-fifo", as: alice, call: mknod("/sticky/n", linux.S_IFIFO|0o644, 0)},
		{name: "user-char-readonly-dir", as: alice, call: mknod("/ro/n", linux.S_IFCHR|0o644, linux.Mkdev(1, 3)), want: linux.EACCES},
		{name: "user-char-existing", as: alice, call: mknod("/f", linux.S_IFCHR|0o644, linux.Mkdev(1, 3)), want: linux.EEXIST},
	})
}

func TestErrnoSymlinkReadlink(t *testing.T) {
	symlink := func(target, path string) func(x *ex) error {
		return func(x *ex) error { return x.t.Symlink(target, path) }
	}
	readlink := func(dirfd int, path string) func(x *ex) error {
		return func(x *ex) error { _, err := x.t.Readlinkat(dirfd, path); return err }
	}
	cwd := linux.AT_FDCWD
	runErrTable(t, []errRow{
		{name: "symlink", call: symlink("anything", "/n")},
		{name: "symlink-empty-target", call: symlink("", "/n"), want: linux.ENOENT},
		{name: "symlink-exists", call: symlink("x", "/f"), want: linux.EEXIST},
		{name: "symlink-exists-dangling", call: symlink("x", "/dang"), want: linux.EEXIST},
		{name: "symlink-dot", call: symlink("x", "/d/."), want: linux.EEXIST},
		{name: "symlink-target-4095", call: symlink(strings.Repeat("t", 4095), "/n")},
		{name: "symlink-target-4096", call: symlink(strings.Repeat("t", 4096), "/n"), want: linux.ENAMETOOLONG},
		{name: "symlink-missing-parent", call: symlink("x", "/missing/n"), want: linux.ENOENT},
		{name: "symlink-trailing-slash", call: symlink("x", "/n/"), want: linux.ENOENT},
		{name: "symlink-name-256", call: symlink("x", "/"+strings.Repeat("n", 256)), want: linux.ENAMETOOLONG},
		{name: "symlink-user-readonly-dir", as: alice, call: symlink("x", "/ro/n"), want: linux.EACCES},
		{name: "readlink", call: readlink(cwd, "/lf")},
		{name: "readlink-dangling", call: readlink(cwd, "/dang")},
		{name: "readlink-file", call: readlink(cwd, "/f"), want: linux.EINVAL},
		{name: "readlink-dir", call: readlink(cwd, "/d"), want: linux.EINVAL},
		{name: "readlink-missing", call: readlink(cwd, "/missing"), want: linux.ENOENT},
		{name: "readlink-trailing-slash-to-file", call: readlink(cwd, "/lf/"), want: linux.ENOTDIR},
		{name: "readlink-trailing-slash-to-dir", call: readlink(cwd, "/ld/"), want: linux.EINVAL},
		{name: "readlink-loop", call: readlink(cwd, "/loop")},
		{name: "readlink-empty-on-symlink-fd", call: func(x *ex) error {
			return readlink(x.rootFd("/lf", uPATH|uNOFOL), "")(x)
		}},
		{name: "readlink-empty-on-dir", call: readlink(cwd, ""), want: linux.ENOENT},
		{name: "readlink-user-no-search", as: alice, call: readlink(cwd, "/d700/f"), want: linux.EACCES},
	})
}

func TestErrnoLink(t *testing.T) {
	link := func(old, new string, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Linkat(linux.AT_FDCWD, old, linux.AT_FDCWD, new, flags) }
	}
	runErrTable(t, []errRow{
		{name: "file", call: link("/f", "/n", 0)},
		{name: "dir", call: link("/d", "/n", 0), want: linux.EPERM},
		{name: "dir-trailing-slash", call: link("/d/", "/n", 0), want: linux.EPERM},
		{name: "exists", call: link("/f", "/r600", 0), want: linux.EEXIST},
		{name: "exists-dir-target", call: link("/f", "/d", 0), want: linux.EEXIST},
		{name: "dir-onto-existing", call: link("/d", "/f", 0), want: linux.EEXIST},
		{name: "missing", call: link("/missing", "/n", 0), want: linux.ENOENT},
		{name: "missing-new-parent", call: link("/f", "/missing/n", 0), want: linux.ENOENT},
		{name: "old-trailing-slash", call: link("/f/", "/n", 0), want: linux.ENOTDIR},
		{name: "new-trailing-slash", call: link("/f", "/n/", 0), want: linux.ENOENT},
		{name: "bad-flags", call: link("/f", "/n", 0x1), want: linux.EINVAL},
		{name: "symlink-itself", call: link("/lf", "/n", 0)},
		{name: "dangling-follow", call: link("/dang", "/n", linux.AT_SYMLINK_FOLLOW), want: linux.ENOENT},
		{name: "dangling-nofollow", call: link("/dang", "/n", 0)},
		{name: "loop-follow", call: link("/loop", "/n", linux.AT_SYMLINK_FOLLOW), want: linux.ELOOP},
		{name: "cross-mount", call: link("/f", "/m/n", 0), want: linux.EXDEV},
		{name: "cross-mount-back", call: link("/m/mf", "/n", 0), want: linux.EXDEV},
		{name: "empty-path-unlinked", call: func(x *ex) error {
			fd := x.rootFd("/r666", uRDWR)
			if err := x.t.Unlink("/r666"); err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Linkat(fd, "", linux.AT_FDCWD, "/n", linux.AT_EMPTY_PATH)
		}, want: linux.ENOENT},
		{name: "empty-path-dir", call: func(x *ex) error {
			return x.t.Linkat(x.rootFd("/d", uPATH), "", linux.AT_FDCWD, "/n", linux.AT_EMPTY_PATH)
		}, want: linux.EPERM},
		{name: "empty-path-user-other-opener", as: alice, call: func(x *ex) error {
			return x.t.Linkat(x.rootFd("/sticky/alicef", uRD), "", linux.AT_FDCWD, "/sticky/n", linux.AT_EMPTY_PATH)
		}, want: linux.ENOENT},
		{name: "empty-path-user-same-opener", as: alice, call: func(x *ex) error {
			fd, err := x.t.Open("/sticky/alicef", uRD, 0)
			if err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Linkat(fd, "", linux.AT_FDCWD, "/sticky/n", linux.AT_EMPTY_PATH)
		}},
		{name: "empty-path-without-flag", call: func(x *ex) error {
			return x.t.Linkat(x.rootFd("/f", uRD), "", linux.AT_FDCWD, "/n", 0)
		}, want: linux.ENOENT},
		{name: "user-protected-unreadable", as: alice, call: link("/r600", "/sticky/n", 0), want: linux.EPERM},
		{name: "user-protected-setuid", as: alice, call: link("/s4777", "/sticky/n", 0), want: linux.EPERM},
		{name: "user-readable-writable", as: alice, call: link("/r666", "/sticky/n", 0)},
		{name: "user-own-file", as: alice, call: link("/ad/af", "/ad/n", 0)},
		{name: "user-readonly-dir", as: alice, call: link("/r666", "/ro/n", 0), want: linux.EACCES},
		{name: "user-protected-before-may-create", as: alice, call: link("/r600", "/ro/n", 0), want: linux.EPERM},
	})
}

func TestErrnoUnlinkRmdir(t *testing.T) {
	unlink := func(path string, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Unlinkat(linux.AT_FDCWD, path, flags) }
	}
	rm := linux.AT_REMOVEDIR
	runErrTable(t, []errRow{
		{name: "unlink-file", call: unlink("/f", 0)},
		{name: "unlink-symlink-not-target", call: func(x *ex) error {
			if err := x.t.Unlink("/lf"); err != nil {
				return err
			}
			_, err := x.t.Stat("/f")
			return err
		}},
		{name: "unlink-dir", call: unlink("/d", 0), want: linux.EISDIR},
		{name: "unlink-missing", call: unlink("/missing", 0), want: linux.ENOENT},
		{name: "unlink-missing-trailing-slash", call: unlink("/missing/", 0), want: linux.ENOENT},
		{name: "unlink-file-trailing-slash", call: unlink("/f/", 0), want: linux.ENOTDIR},
		{name: "unlink-dir-trailing-slash", call: unlink("/d/", 0), want: linux.EISDIR},
		{name: "unlink-symlink-trailing-slash", call: unlink("/ld/", 0), want: linux.ENOTDIR},
		{name: "unlink-dot", call: unlink("/d/.", 0), want: linux.EISDIR},
		{name: "unlink-dotdot", call: unlink("/d/..", 0), want: linux.EISDIR},
		{name: "unlink-root", call: unlink("/", 0), want: linux.EISDIR},
		{name: "unlink-empty", call: unlink("", 0), want: linux.ENOENT},
		{name: "unlink-bad-flags", call: unlink("/f", 0x1), want: linux.EINVAL},
		{name: "unlink-name-256", call: unlink("/"+strings.Repeat("n", 256), 0), want: linux.ENAMETOOLONG},
		{name: "unlink-mountpoint", call: unlink("/m", 0), want: linux.EISDIR},
		{name: "rmdir-empty", call: unlink("/e", rm)},
		{name: "rmdir-nonempty", call: unlink("/d", rm), want: linux.ENOTEMPTY},
		{name: "rmdir-file", call: unlink("/f", rm), want: linux.ENOTDIR},
		{name: "rmdir-dot", call: unlink("/d/.", rm), want: linux.EINVAL},
		{name: "rmdir-dotdot", call: unlink("/d/sub/..", rm), want: linux.ENOTEMPTY},
		{name: "rmdir-root", call: unlink("/", rm), want: linux.EBUSY},
		{name: "rmdir-symlink", call: unlink("/ld", rm), want: linux.ENOTDIR},
		{name: "rmdir-symlink-trailing-slash", call: unlink("/ld/", rm), want: linux.ENOTDIR},
		{name: "rmdir-mountpoint", call: unlink("/m", rm), want: linux.EBUSY},
		{name: "rmdir-missing", call: unlink("/missing", rm), want: linux.ENOENT},
		{name: "rmdir-trailing-slash", call: unlink("/e/", rm)},
		{name: "rmdir-cwd", call: func(x *ex) error {
			if err := x.t.Chdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Rmdir("/e")
		}},
		{name: "user-sticky-other", as: alice, call: unlink("/sticky/rootf", 0), want: linux.EPERM},
		{name: "user-sticky-own", as: alice, call: unlink("/sticky/alicef", 0)},
		{name: "user-sticky-dir-owner", as: alice, call: func(x *ex) error {
			x.root(func() error { return x.t.Chmod("/ad", 0o1777) })
			x.root(func() error {
				fd, err := x.t.Open("/ad/rootf", uCREAT|uWR, 0o644)
				if err == nil {
					x.t.Close(fd)
				}
				return err
			})
			return x.t.Unlink("/ad/rootf")
		}},
		{name: "user-other-sticky", as: bob, call: unlink("/sticky/alicef", 0), want: linux.EPERM},
		{name: "user-readonly-dir", as: alice, call: unlink("/ro/x", 0), want: linux.EACCES},
		{name: "user-no-search", as: alice, call: unlink("/d700/f", 0), want: linux.EACCES},
		{name: "user-rmdir-readonly-parent", as: alice, call: unlink("/d/sub", rm), want: linux.EACCES},
	})
}

func TestErrnoRename(t *testing.T) {
	rename := func(old, new string, flags uint32) func(x *ex) error {
		return func(x *ex) error {
			return x.t.Renameat2(linux.AT_FDCWD, old, linux.AT_FDCWD, new, flags)
		}
	}
	const (
		noreplace = linux.RENAME_NOREPLACE
		exchange  = linux.RENAME_EXCHANGE
		whiteout  = linux.RENAME_WHITEOUT
	)
	runErrTable(t, []errRow{
		{name: "file", call: rename("/f", "/n", 0)},
		{name: "file-over-file", call: rename("/f", "/r600", 0)},
		{name: "noreplace-existing", call: rename("/f", "/r600", noreplace), want: linux.EEXIST},
		{name: "noreplace-new", call: rename("/f", "/n", noreplace)},
		{name: "noreplace-missing-source", call: rename("/missing", "/f", noreplace), want: linux.ENOENT},
		{name: "exchange-file-dir", call: rename("/f", "/d", exchange)},
		{name: "exchange-missing-target", call: rename("/f", "/n", exchange), want: linux.ENOENT},
		{name: "exchange-missing-source", call: rename("/n", "/f", exchange), want: linux.ENOENT},
		{name: "exchange-noreplace", call: rename("/f", "/r600", exchange|noreplace), want: linux.EINVAL},
		{name: "exchange-whiteout", call: rename("/f", "/r600", exchange|whiteout), want: linux.EINVAL},
		{name: "bad-flags", call: rename("/f", "/n", 8), want: linux.EINVAL},
		{name: "exchange-with-ancestor", call: rename("/d/sub", "/d", exchange), want: linux.EINVAL},
		{name: "exchange-into-own-subtree", call: rename("/d", "/d/sub", exchange), want: linux.EINVAL},
		{name: "exchange-file-trailing-slash-target", call: rename("/d", "/f/", exchange), want: linux.ENOTDIR},
		{name: "into-own-subtree", call: rename("/d", "/d/sub/n", 0), want: linux.EINVAL},
		{name: "onto-own-child", call: rename("/d", "/d/sub", 0), want: linux.EINVAL},
		{name: "onto-ancestor", call: rename("/d/sub", "/d", 0), want: linux.ENOTEMPTY},
		{name: "dir-over-nonempty-dir", call: rename("/e", "/d", 0), want: linux.ENOTEMPTY},
		{name: "dir-over-empty-dir", call: rename("/d", "/e", 0)},
		{name: "file-over-dir", call: rename("/f", "/e", 0), want: linux.EISDIR},
		{name: "dir-over-file", call: rename("/e", "/f", 0), want: linux.ENOTDIR},
		{name: "dot-source", call: rename("/d/.", "/n", 0), want: linux.EBUSY},
		{name: "dotdot-source", call: rename("/d/..", "/n", 0), want: linux.EBUSY},
		{name: "root-source", call: rename("/", "/n", 0), want: linux.EBUSY},
		{name: "dot-target", call: rename("/f", "/d/.", 0), want: linux.EBUSY},
		{name: "dot-target-noreplace", call: rename("/f", "/d/.", noreplace), want: linux.EEXIST},
		{name: "root-target-missing-source", call: rename("/missing", "/", 0), want: linux.EBUSY},
		{name: "missing", call: rename("/missing", "/n", 0), want: linux.ENOENT},
		{name: "missing-target-parent", call: rename("/f", "/missing/n", 0), want: linux.ENOENT},
		{name: "file-trailing-slash", call: rename("/f/", "/n", 0), want: linux.ENOTDIR},
		{name: "file-target-trailing-slash", call: rename("/f", "/n/", 0), want: linux.ENOTDIR},
		{name: "dir-trailing-slashes", call: rename("/e/", "/n/", 0)},
		{name: "symlink-trailing-slash", call: rename("/ld/", "/n", 0), want: linux.ENOTDIR},
		{name: "name-256", call: rename("/f", "/"+strings.Repeat("n", 256), 0), want: linux.ENAMETOOLONG},
		{name: "same-inode-noop", call: func(x *ex) error {
			if err := x.t.Link("/f", "/h"); err != nil {
				x.tb.Fatal(err)
			}
			if err := x.t.Rename("/f", "/h"); err != nil {
				return err
			}
			_, err := x.t.Stat("/f")
			return err
		}},
		{name: "cross-mount", call: rename("/f", "/m/f", 0), want: linux.EXDEV},
		{name: "mountpoint", call: rename("/m", "/n", 0), want: linux.EBUSY},
		{name: "over-mountpoint", call: rename("/e", "/m", 0), want: linux.EBUSY},
		{name: "whiteout-user", as: alice, call: rename("/sticky/alicef", "/sticky/n", whiteout), want: linux.EPERM},
		{name: "whiteout", call: rename("/f", "/n", whiteout)},
		{name: "user-sticky-other", as: alice, call: rename("/sticky/rootf", "/sticky/n", 0), want: linux.EPERM},
		{name: "user-sticky-over-other", as: alice, call: rename("/sticky/alicef", "/sticky/rootf", 0), want: linux.EPERM},
		{name: "user-sticky-own", as: alice, call: rename("/sticky/alicef", "/sticky/n", 0)},
		{name: "user-readonly-target-dir", as: alice, call: rename("/sticky/alicef", "/ro/n", 0), want: linux.EACCES},
		{name: "user-dir-without-write-across", as: alice, call: func(x *ex) error {
			x.root(func() error { return x.t.Mkdir("/sticky/ad2", 0o777) })
			if err := x.t.Mkdir("/sticky/mine", 0o555); err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Rename("/sticky/mine", "/sticky/ad2/mine")
		}, want: linux.EACCES},
		{name: "user-dir-without-write-same-parent", as: alice, call: func(x *ex) error {
			if err := x.t.Mkdir("/sticky/mine", 0o555); err != nil {
				x.tb.Fatal(err)
			}
			return x.t.Rename("/sticky/mine", "/sticky/mine2")
		}},
	})
}

func TestErrnoChmodChown(t *testing.T) {
	chmod := func(path string, mode uint32, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Fchmodat(linux.AT_FDCWD, path, mode, flags) }
	}
	chown := func(path string, uid, gid uint32, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Fchownat(linux.AT_FDCWD, path, uid, gid, flags) }
	}
	no := vfs.NoChange
	runErrTable(t, []errRow{
		{name: "chmod", call: chmod("/f", 0o600, 0)},
		{name: "chmod-through-symlink", call: chmod("/lf", 0o600, 0)},
		{name: "chmod-symlink-nofollow", call: chmod("/lf", 0o600, linux.AT_SYMLINK_NOFOLLOW), want: linux.EOPNOTSUPP},
		{name: "chmod-symlink-nofollow-user", as: alice, call: chmod("/lf", 0o600, linux.AT_SYMLINK_NOFOLLOW), want: linux.EOPNOTSUPP},
		{name: "chmod-bad-flags", call: chmod("/f", 0o600, 0x1), want: linux.EINVAL},
		{name: "chmod-missing", call: chmod("/missing", 0o600, 0), want: linux.ENOENT},
		{name: "chmod-dangling", call: chmod("/dang", 0o600, 0), want: linux.ENOENT},
		{name: "chmod-user-not-owner", as: alice, call: chmod("/f", 0o666, 0), want: linux.EPERM},
		{name: "chmod-user-owner", as: alice, call: chmod("/ad/af", 0o4777, 0)},
		{name: "fchmod-o-path", call: func(x *ex) error { return x.t.Fchmod(x.rootFd("/f", uPATH), 0o600) }, want: linux.EBADF},
		{name: "fchmod-read-only-fd", call: func(x *ex) error { return x.t.Fchmod(x.rootFd("/f", uRD), 0o600) }},
		{name: "fchmod-closed", call: func(x *ex) error { return x.t.Fchmod(-1, 0o600) }, want: linux.EBADF},
		{name: "fchmod-user-not-owner", as: alice, call: func(x *ex) error { return x.t.Fchmod(x.rootFd("/f", uRD), 0o600) }, want: linux.EPERM},
		{name: "chown-root", call: chown("/f", 1000, 1000, 0)},
		{name: "chown-bad-flags", call: chown("/f", 0, 0, 0x1), want: linux.EINVAL},
		{name: "chown-missing", call: chown("/missing", 0, 0, 0), want: linux.ENOENT},
		{name: "chown-user-give-away", as: alice, call: chown("/ad/af", 1001, no, 0), want: linux.EPERM},
		{name: "chown-user-to-self", as: alice, call: chown("/ad/af", 1000, no, 0)},
		{name: "chown-user-foreign-group", as: alice, call: chown("/ad/af", no, 2000, 0), want: linux.EPERM},
		{name: "chown-user-own-group", as: alice, call: chown("/ad/af", no, 1000, 0)},
		{name: "chown-user-supplementary-group", as: carol, call: func(x *ex) error {
			x.root(func() error { return x.t.Chown("/ad/af", carol.uid, carol.gid) })
			return x.t.Chown("/ad/af", no, 2000)
		}},
		{name: "chown-user-not-owner-chgrp", as: carol, call: chown("/f", no, 2000, 0), want: linux.EPERM},
		{name: "chown-user-not-owner-same-group", as: alice, call: chown("/f", no, 0, 0), want: linux.EPERM},
		{name: "chown-user-not-owner-noop", as: alice, call: chown("/f", no, no, 0)},
		{name: "chown-user-not-owner-noop-setuid", as: alice, call: chown("/s4777", no, no, 0), want: linux.EPERM},
		{name: "lchown-symlink", call: chown("/lf", 1000, 1000, linux.AT_SYMLINK_NOFOLLOW)},
		{name: "chown-empty-path", call: func(x *ex) error {
			return x.t.Fchownat(x.rootFd("/f", uRD), "", 1, 1, linux.AT_EMPTY_PATH)
		}},
	})
}

func TestErrnoUtimensat(t *testing.T) {
	now := vfs.Timespec{Nsec: vfs.UTIME_NOW}
	omit := vfs.Timespec{Nsec: vfs.UTIME_OMIT}
	at := func(s int64) vfs.Timespec { return vfs.Timespec{Sec: s} }
	ut := func(path string, times *[2]vfs.Timespec, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Utimensat(linux.AT_FDCWD, path, times, flags) }
	}
	runErrTable(t, []errRow{
		{name: "explicit", call: ut("/f", &[2]vfs.Timespec{at(1), at(2)}, 0)},
		{name: "null", call: ut("/f", nil, 0)},
		{name: "explicit-user-not-owner", as: alice, call: ut("/r666", &[2]vfs.Timespec{at(1), at(2)}, 0), want: linux.EPERM},
		{name: "null-user-no-write", as: alice, call: ut("/f", nil, 0), want: linux.EACCES},
		{name: "now-now-user-no-write", as: alice, call: ut("/f", &[2]vfs.Timespec{now, now}, 0), want: linux.EACCES},
		{name: "null-user-writable", as: alice, call: ut("/r666", nil, 0)},
		{name: "now-omit-user-writable", as: alice, call: ut("/r666", &[2]vfs.Timespec{now, omit}, 0), want: linux.EPERM},
		{name: "omit-omit-user", as: alice, call: ut("/f", &[2]vfs.Timespec{omit, omit}, 0)},
		{name: "explicit-user-owner", as: alice, call: ut("/ad/af", &[2]vfs.Timespec{at(1), at(2)}, 0)},
		{name: "nsec-too-big", call: ut("/f", &[2]vfs.Timespec{{Sec: 1, Nsec: 1e9}, at(1)}, 0), want: linux.EINVAL},
		{name: "nsec-negative", call: ut("/f", &[2]vfs.Timespec{{Sec: 1, Nsec: -1}, at(1)}, 0), want: linux.EINVAL},
		{name: "bad-flags", call: ut("/f", nil, 0x1), want: linux.EINVAL},
		{name: "missing", call: ut("/missing", nil, 0), want: linux.ENOENT},
		{name: "symlink-nofollow", call: ut("/dang", &[2]vfs.Timespec{at(1), at(2)}, linux.AT_SYMLINK_NOFOLLOW)},
		{name: "dangling", call: ut("/dang", nil, 0), want: linux.ENOENT},
		{name: "omit-omit-missing", call: ut("/missing", &[2]vfs.Timespec{omit, omit}, 0)},
	})
}

func TestErrnoFaccessat(t *testing.T) {
	acc := func(path string, mode uint32, flags int) func(x *ex) error {
		return func(x *ex) error { return x.t.Faccessat(linux.AT_FDCWD, path, mode, flags) }
	}
	runErrTable(t, []errRow{
		{name: "root-exec-no-x-bits", call: acc("/f", linux.X_OK, 0), want: linux.EACCES},
		{name: "root-exec-dir", call: func(x *ex) error {
			x.root(func() error { return x.t.Chmod("/e", 0) })
			return x.t.Access("/e", linux.X_OK)
		}},
		{name: "root-read-write-mode-0", call: func(x *ex) error {
			x.root(func() error { return x.t.Chmod("/f", 0) })
			return x.t.Access("/f", linux.R_OK|linux.W_OK)
		}},
		{name: "root-exec-any-x-bit", call: func(x *ex) error {
			x.root(func() error { return x.t.Chmod("/f", 0o001) })
			return x.t.Access("/f", linux.X_OK)
		}},
		{name: "bad-mode", call: acc("/f", 8, 0), want: linux.EINVAL},
		{name: "bad-flags", call: acc("/f", linux.F_OK, 0x1), want: linux.EINVAL},
		{name: "dangling", call: acc("/dang", linux.F_OK, 0), want: linux.ENOENT},
		{name: "dangling-nofollow", call: acc("/dang", linux.F_OK, linux.AT_SYMLINK_NOFOLLOW)},
		{name: "fifo-exec", call: acc("/p", linux.X_OK, 0), want: linux.EACCES},
		{name: "trailing-slash-file", call: acc("/f/", linux.F_OK, 0), want: linux.ENOTDIR},
		{name: "user-read-denied", as: alice, call: acc("/r600", linux.R_OK, 0), want: linux.EACCES},
		{name: "user-read-allowed", as: alice, call: acc("/f", linux.R_OK, 0)},
		{name: "user-write-denied", as: alice, call: acc("/f", linux.W_OK, 0), want: linux.EACCES},
		{name: "user-no-search", as: alice, call: acc("/d700/f", linux.F_OK, 0), want: linux.EACCES},
		{name: "user-eaccess", as: alice, call: acc("/r600", linux.R_OK, linux.AT_EACCESS), want: linux.EACCES},
		{name: "setuid-root-real-ids", as: suidAlice, call: acc("/r600", linux.R_OK, 0), want: linux.EACCES},
		{name: "setuid-root-eaccess", as: suidAlice, call: acc("/r600", linux.R_OK, linux.AT_EACCESS)},
		{name: "setuid-root-walk-real-ids", as: suidAlice, call: acc("/d700/f", linux.F_OK, 0), want: linux.EACCES},
	})
}

func TestErrnoChdirDup(t *testing.T) {
	runErrTable(t, []errRow{
		{name: "chdir", call: func(x *ex) error { return x.t.Chdir("/d") }},
		{name: "chdir-file", call: func(x *ex) error { return x.t.Chdir("/f") }, want: linux.ENOTDIR},
		{name: "chdir-symlink-to-file", call: func(x *ex) error { return x.t.Chdir("/lf") }, want: linux.ENOTDIR},
		{name: "chdir-missing", call: func(x *ex) error { return x.t.Chdir("/missing") }, want: linux.ENOENT},
		{name: "chdir-empty", call: func(x *ex) error { return x.t.Chdir("") }, want: linux.ENOENT},
		{name: "chdir-loop", call: func(x *ex) error { return x.t.Chdir("/loop") }, want: linux.ELOOP},
		{name: "chdir-user-no-search", as: alice, call: func(x *ex) error { return x.t.Chdir("/d700") }, want: linux.EACCES},
		{name: "fchdir-file", call: func(x *ex) error { return x.t.Fchdir(x.rootFd("/f", uRD)) }, want: linux.ENOTDIR},
		{name: "fchdir-o-path", call: func(x *ex) error { return x.t.Fchdir(x.rootFd("/d", uPATH)) }},
		{name: "fchdir-closed", call: func(x *ex) error { return x.t.Fchdir(-1) }, want: linux.EBADF},
		{name: "fchdir-user-no-search", as: alice, call: func(x *ex) error { return x.t.Fchdir(x.rootFd("/d700", uPATH)) }, want: linux.EACCES},
		{name: "getcwd-removed", call: func(x *ex) error {
			if err := x.t.Chdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			if err := x.t.Rmdir("/e"); err != nil {
				x.tb.Fatal(err)
			}
			_, err := x.t.Getcwd()
			return err
		}, want: linux.ENOENT},
		{name: "dup-closed", call: func(x *ex) error { _, err := x.t.Dup(-1); return err }, want: linux.EBADF},
		{name: "dup2-closed", call: func(x *ex) error { _, err := x.t.Dup2(-1, 5); return err }, want: linux.EBADF},
		{name: "dup2-negative-target", call: func(x *ex) error { _, err := x.t.Dup2(x.rootFd("/f", uRD), -1); return err }, want: linux.EBADF},
		{name: "dup2-target-too-big", call: func(x *ex) error { _, err := x.t.Dup2(x.rootFd("/f", uRD), 1<<20); return err }, want: linux.EBADF},
		{name: "dup2-same", call: func(x *ex) error { fd := x.rootFd("/f", uRD); _, err := x.t.Dup2(fd, fd); return err }},
		{name: "dup2-same-closed", call: func(x *ex) error { _, err := x.t.Dup2(7, 7); return err }, want: linux.EBADF},
		{name: "close-closed", call: func(x *ex) error { return x.t.Close(42) }, want: linux.EBADF},
	})
}
