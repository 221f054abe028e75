// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The answers below are Linux 6.18's for the same calls.

func socketpair(t *testing.T, task *vfs.Task, typ int) (a, b int) {
	t.Helper()
	fds, err := task.Socketpair(linux.AF_UNIX, typ, 0)
	if err != nil {
		t.Fatal(err)
	}
	return fds[0], fds[1]
}

func read(task *vfs.Task, fd, n int) (string, error) {
	b := make([]byte, n)
	n, err := task.Read(fd, b)
	return string(b[:n]), err
}

func TestSocketpairStream(t *testing.T) {
	init := bootMounts(t)
	a, b := socketpair(t, init, linux.SOCK_STREAM)
	st, err := init.Fstat(a)
	if err != nil || st.Mode != linux.S_IFSOCK|0o777 || st.Nlink != 1 || st.Blksize != 4096 {
		t.Fatalf("fstat: mode %o nlink %d blksize %d, %v", st.Mode, st.Nlink, st.Blksize, err)
	}
	if link, _ := init.FdPath(a); link != fmt.Sprintf("socket:[%d]", st.Ino) {
		t.Fatalf("link %q", link)
	}
	if fl, _ := init.Fcntl(a, linux.F_GETFL, 0); fl != linux.O_RDWR {
		t.Fatalf("F_GETFL %o, want 2", fl)
	}
	if _, err := init.Fcntl(a, linux.F_GETPIPE_SZ, 0); err != linux.EBADF {
		t.Fatalf("F_GETPIPE_SZ of a socket: %v, want EBADF", err)
	}
	init.Write(a, []byte("hello"))
	if s1, _ := read(init, b, 3); s1 != "hel" {
		t.Fatalf("first read %q", s1)
	}
	if s2, _ := read(init, b, 10); s2 != "lo" {
		t.Fatalf("second read %q", s2)
	}
	if err := init.Shutdown(a, linux.SHUT_WR); err != nil {
		t.Fatal(err)
	}
	if s, err := read(init, b, 10); s != "" || err != nil {
		t.Fatalf("read after the peer shut down writing: %q, %v; want end of file", s, err)
	}
	if _, err := init.Write(a, []byte("x")); err != linux.EPIPE {
		t.Fatalf("write after SHUT_WR: %v, want EPIPE", err)
	}
	c, d := socketpair(t, init, linux.SOCK_STREAM)
	init.Close(d)
	if _, err := init.Write(c, []byte("x")); err != linux.EPIPE {
		t.Fatalf("write to a closed peer: %v, want EPIPE", err)
	}
	if s, err := read(init, c, 5); s != "" || err != nil {
		t.Fatalf("read from a closed peer: %q, %v", s, err)
	}
	if err := init.Shutdown(c, 7); err != linux.EINVAL {
		t.Fatalf("shutdown how 7: %v", err)
	}
	f, _ := init.Open("/f", linux.O_RDONLY, 0)
	if err := init.Shutdown(f, linux.SHUT_RD); err != linux.ENOTSOCK {
		t.Fatalf("shutdown of a file: %v, want ENOTSOCK", err)
	}
	for _, fd := range []int{a, b, c, f} {
		init.Close(fd)
	}
}

func TestSocketpairDatagrams(t *testing.T) {
	init := bootMounts(t)
	c, d := socketpair(t, init, linux.SOCK_DGRAM)
	init.Write(c, []byte("abc"))
	init.Write(c, []byte("de"))
	if s, _ := read(init, d, 2); s != "ab" {
		t.Fatalf("first read %q, want \"ab\" (the rest of the datagram is lost)", s)
	}
	if s, _ := read(init, d, 10); s != "de" {
		t.Fatalf("second read %q", s)
	}
	init.Close(d)
	if _, err := init.Write(c, []byte("x")); err != linux.ECONNREFUSED {
		t.Fatalf("datagram to a closed peer: %v, want ECONNREFUSED", err)
	}
	init.Close(c)
	e, f := socketpair(t, init, linux.SOCK_SEQPACKET|linux.SOCK_NONBLOCK|linux.SOCK_CLOEXEC)
	if _, err := read(init, e, 1); err != linux.EAGAIN {
		t.Fatalf("non-blocking read of nothing: %v, want EAGAIN", err)
	}
	if fd, _ := init.Fcntl(e, linux.F_GETFD, 0); fd != linux.FD_CLOEXEC {
		t.Fatalf("SOCK_CLOEXEC: F_GETFD %d", fd)
	}
	if _, err := init.Write(f, make([]byte, 300000)); err != linux.EMSGSIZE {
		t.Fatalf("a message larger than the buffer: %v, want EMSGSIZE", err)
	}
	init.Close(e)
	init.Close(f)
	for _, c := range []struct {
		domain, typ, proto int
		want               error
	}{
		{linux.AF_UNIX, linux.SOCK_RAW, 0, nil},
		{linux.AF_UNIX, linux.SOCK_STREAM, 7, linux.EPROTONOSUPPORT},
		{99, linux.SOCK_STREAM, 0, linux.EAFNOSUPPORT},
	} {
		fds, err := init.Socketpair(c.domain, c.typ, c.proto)
		if err != c.want {
			t.Errorf("socketpair(%d, %d, %d) = %v, want %v", c.domain, c.typ, c.proto, err, c.want)
		}
		if err == nil {
			init.Close(fds[0])
			init.Close(fds[1])
		}
	}
}

func TestSockfsIsInternal(t *testing.T) {
	init := bootMounts(t)
	if fs := init.Kernel().Filesystems(); !strings.Contains(fs, "nodev\tsockfs\n") {
		t.Fatalf("/proc/filesystems lacks sockfs:\n%s", fs)
	}
	if err := init.Mount("none", "/mnt", "sockfs", 0, ""); err != linux.EINVAL {
		t.Fatalf("mount -t sockfs: %v, want EINVAL", err)
	}
}

// A stream writer blocked on a full peer wakes when the reader drains it.
func TestSocketStreamBlocksAndDrains(t *testing.T) {
	init := bootMounts(t)
	a, b := socketpair(t, init, linux.SOCK_STREAM)
	done := make(chan error)
	go func() {
		_, err := init.Write(a, make([]byte, 300000))
		init.Close(a)
		done <- err
	}()
	total := 0
	buf := make([]byte, 65536)
	for {
		n, err := init.Read(b, buf)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		total += n
	}
	if err := <-done; err != nil || total != 300000 {
		t.Fatalf("wrote: %v; read %d bytes", err, total)
	}
	init.Close(b)
}

// bind, listen, connect and accept on paths and abstract names, with the
// errors Linux 6.18 gave for the same calls.
func TestUnixSocketsByName(t *testing.T) {
	init := bootMounts(t)
	sock := func(flags int) int {
		fd, err := init.Socket(linux.AF_UNIX, linux.SOCK_STREAM|flags, 0)
		if err != nil {
			t.Fatal(err)
		}
		return fd
	}
	s := sock(0)
	if _, err := read(init, s, 5); err != linux.EINVAL {
		t.Errorf("read unconnected: %v, want EINVAL", err)
	}
	if _, err := init.Write(s, []byte("x")); err != linux.ENOTCONN {
		t.Errorf("write unconnected: %v, want ENOTCONN", err)
	}
	if err := init.Bind(s, "/s1.sock"); err != nil {
		t.Fatal(err)
	}
	if st, _ := init.Stat("/s1.sock"); st.Mode != linux.S_IFSOCK|0o755 {
		t.Errorf("bound socket's mode %o, want 140755", st.Mode)
	}
	u := sock(0)
	if err := init.Bind(u, "/s1.sock"); err != linux.EADDRINUSE {
		t.Errorf("bind to a used path: %v", err)
	}
	if err := init.Connect(u, "/s1.sock"); err != linux.ECONNREFUSED {
		t.Errorf("connect to a socket not listening: %v", err)
	}
	if err := init.Listen(s, 1); err != nil {
		t.Fatal(err)
	}
	if err := init.Connect(u, "/s1.sock"); err != nil {
		t.Fatal(err)
	}
	c, err := init.Accept4(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	init.Write(u, []byte("hi"))
	if got, _ := read(init, c, 10); got != "hi" {
		t.Errorf("accepted socket read %q", got)
	}
	if err := init.Bind(s, "/s2.sock"); err != linux.EINVAL {
		t.Errorf("bind twice: %v", err)
	}
	if err := init.Listen(u, 1); err != linux.EINVAL {
		t.Errorf("listen on a connected socket: %v", err)
	}
	if err := init.Connect(u, "/s1.sock"); err != linux.EISCONN {
		t.Errorf("connect twice: %v", err)
	}
	v := sock(0)
	if err := init.Connect(v, "/nonexist.sock"); err != linux.ENOENT {
		t.Errorf("connect to nothing: %v", err)
	}
	if err := init.Connect(v, "/f"); err != linux.ECONNREFUSED {
		t.Errorf("connect to a regular file: %v", err)
	}
	if _, err := init.Open("/s1.sock", linux.O_RDONLY, 0); err != linux.ENXIO {
		t.Errorf("open of a socket: %v, want ENXIO", err)
	}
	if _, err := init.Accept4(v, 0); err != linux.EINVAL {
		t.Errorf("accept on a socket not listening: %v", err)
	}
	a := sock(0)
	if err := init.Bind(a, "\x00abstract1"); err != nil {
		t.Fatal(err)
	}
	init.Listen(a, 1)
	if err := init.Connect(v, "\x00abstract1"); err != nil {
		t.Errorf("connect to an abstract name: %v", err)
	}
	x := sock(0)
	if err := init.Bind(x, "\x00abstract1"); err != linux.EADDRINUSE {
		t.Errorf("abstract name taken: %v", err)
	}
	n := sock(linux.SOCK_NONBLOCK)
	init.Bind(n, "/s3.sock")
	init.Listen(n, 1)
	if _, err := init.Accept4(n, 0); err != linux.EAGAIN {
		t.Errorf("accept of nothing, non-blocking: %v", err)
	}
	user := init.Clone(0)
	user.SetCred(vfs.UserCred(1000, 1000))
	w, _ := user.Socket(linux.AF_UNIX, linux.SOCK_STREAM, 0)
	if err := user.Connect(w, "/s3.sock"); err != linux.EACCES {
		t.Errorf("connect without write permission: %v, want EACCES", err)
	}
	user.Exit() // it held copies of every descriptor
	for _, fd := range []int{s, u, c, v, a, x, n} {
		init.Close(fd)
	}
	if fd, err := init.Socket(linux.AF_UNIX, linux.SOCK_STREAM, 0); err != nil {
		t.Fatal(err)
	} else if err := init.Connect(fd, "/s1.sock"); err != linux.ECONNREFUSED {
		t.Errorf("connect after the listener closed: %v, want ECONNREFUSED", err)
	}
}
