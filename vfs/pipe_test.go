// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The expected values below are what Linux 6.18 gave for the same calls.

func newPipe(t *testing.T, task *vfs.Task, flags uint32) (r, w int) {
	t.Helper()
	fds, err := task.Pipe2(flags)
	if err != nil {
		t.Fatal(err)
	}
	return fds[0], fds[1]
}

func TestPipeEndsAndNames(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, 0)
	if n, err := init.Write(w, []byte("hello")); n != 5 || err != nil {
		t.Fatalf("write = %d, %v", n, err)
	}
	var avail int32
	if _, err := init.Ioctl(r, linux.FIONREAD, &avail); err != nil || avail != 5 {
		t.Fatalf("FIONREAD = %d, %v; want 5", avail, err)
	}
	buf := make([]byte, 16)
	if n, err := init.Read(r, buf); n != 5 || err != nil || string(buf[:n]) != "hello" {
		t.Fatalf("read = %q, %v", buf[:n], err)
	}
	st, err := init.Fstat(r)
	if err != nil {
		t.Fatal(err)
	}
	link, err := init.FdPath(r)
	if err != nil || link != fmt.Sprintf("pipe:[%d]", st.Ino) {
		t.Fatalf("fd link = %q, %v; want pipe:[%d]", link, err, st.Ino)
	}
	if st.Mode != linux.S_IFIFO|0o600 || st.Nlink != 1 || st.Blksize != 4096 {
		t.Fatalf("stat: mode %o nlink %d blksize %d; want 10600, 1, 4096", st.Mode, st.Nlink, st.Blksize)
	}
	if fl, _ := init.Fcntl(w, linux.F_GETFL, 0); fl != linux.O_WRONLY {
		t.Fatalf("F_GETFL of the write end = %o, want 1", fl)
	}
	if _, err := init.Read(w, buf); err != linux.EBADF {
		t.Fatalf("read of the write end = %v, want EBADF", err)
	}
	init.Close(w)
	if n, err := init.Read(r, buf); n != 0 || err != nil {
		t.Fatalf("read with no writer = %d, %v; want end of file", n, err)
	}
	r2, w2 := newPipe(t, init, 0)
	init.Close(r2)
	if _, err := init.Write(w2, []byte("x")); err != linux.EPIPE {
		t.Fatalf("write with no reader = %v, want EPIPE", err)
	}
	init.Close(w2)
	init.Close(r)
	if _, err := init.Pipe2(linux.O_APPEND); err != linux.EINVAL {
		t.Fatalf("pipe2(O_APPEND) = %v, want EINVAL", err)
	}
}

func TestPipeIsInternal(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, 0)
	defer init.Close(r)
	defer init.Close(w)
	if mi := init.Mountinfo(); strings.Contains(mi, "pipefs") {
		t.Fatalf("the internal pipefs mount shows in mountinfo:\n%s", mi)
	}
	if fs := init.Kernel().Filesystems(); !strings.Contains(fs, "nodev\tpipefs\n") {
		t.Fatalf("/proc/filesystems lacks pipefs:\n%s", fs)
	}
	if err := init.Mount("none", "/mnt", "pipefs", 0, ""); err != linux.EINVAL {
		t.Fatalf("mount -t pipefs = %v, want EINVAL", err)
	}
}

func TestPipeSizes(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_NONBLOCK)
	for _, c := range []struct {
		cmd  int
		arg  uint64
		want int
		err  error
	}{
		{linux.F_GETPIPE_SZ, 0, 65536, nil},
		{linux.F_SETPIPE_SZ, 5000, 8192, nil},
		{linux.F_SETPIPE_SZ, 1, 4096, nil},
		{linux.F_SETPIPE_SZ, 0, 4096, nil},
		{linux.F_GETPIPE_SZ, 0, 4096, nil},
		{linux.F_SETPIPE_SZ, 1<<31 + 1, 0, linux.EINVAL},
	} {
		got, err := init.Fcntl(r, c.cmd, c.arg)
		if got != c.want || err != c.err {
			t.Errorf("fcntl(%d, %d) = %d, %v; want %d, %v", c.cmd, c.arg, got, err, c.want, c.err)
		}
	}
	// One page: 4000 bytes fill it; 200 more neither fit in it nor find
	// another, and a write of PIPE_BUF or less is never split.
	for _, c := range []struct {
		n, want int
		err     error
	}{{4000, 4000, nil}, {200, 0, linux.EAGAIN}, {5000, 0, linux.EAGAIN}} {
		if got, err := init.Write(w, make([]byte, c.n)); got != c.want || err != c.err {
			t.Errorf("write(%d) = %d, %v; want %d, %v", c.n, got, err, c.want, c.err)
		}
	}
	if _, err := init.Fcntl(r, linux.F_SETPIPE_SZ, 4096); err != nil {
		t.Errorf("F_SETPIPE_SZ to what the data takes: %v", err)
	}
	fd, err := init.Open("/f", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Fcntl(fd, linux.F_GETPIPE_SZ, 0); err != linux.EBADF {
		t.Errorf("F_GETPIPE_SZ of a regular file = %v, want EBADF", err)
	}
	for _, fd := range []int{fd, r, w} {
		init.Close(fd)
	}
}

func TestPipeEBUSYWhenShrinkingBelowData(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_NONBLOCK)
	defer init.Close(r)
	defer init.Close(w)
	for i := 0; i < 3; i++ { // three pages: each write takes a fresh one
		if _, err := init.Write(w, make([]byte, 4096)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := init.Fcntl(r, linux.F_SETPIPE_SZ, 8192); err != linux.EBUSY {
		t.Fatalf("shrinking below three used pages = %v, want EBUSY", err)
	}
}

func TestPipeShortWritesMerge(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_NONBLOCK)
	defer init.Close(r)
	defer init.Close(w)
	if _, err := init.Fcntl(r, linux.F_SETPIPE_SZ, 4096); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ { // four writes share the one page
		if n, err := init.Write(w, make([]byte, 1000)); n != 1000 || err != nil {
			t.Fatalf("write %d = %d, %v", i, n, err)
		}
	}
	if n, err := init.Write(w, make([]byte, 97)); err != linux.EAGAIN {
		t.Fatalf("a write past the page = %d, %v; want EAGAIN", n, err)
	}
	buf := make([]byte, 8192)
	if n, _ := init.Read(r, buf); n != 4000 {
		t.Fatalf("read = %d, want the 4000 merged bytes", n)
	}
}

func TestPipePackets(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_DIRECT)
	defer init.Close(r)
	defer init.Close(w)
	init.Write(w, []byte("abc"))
	init.Write(w, []byte("de"))
	buf := make([]byte, 2)
	if n, _ := init.Read(r, buf); string(buf[:n]) != "ab" {
		t.Fatalf("first read = %q, want \"ab\" (the rest of the packet is lost)", buf[:n])
	}
	buf = make([]byte, 10)
	if n, _ := init.Read(r, buf); string(buf[:n]) != "de" {
		t.Fatalf("second read = %q, want the next packet \"de\"", buf[:n])
	}
	if fl, _ := init.Fcntl(w, linux.F_GETFL, 0); fl != linux.O_WRONLY|linux.O_DIRECT {
		t.Fatalf("F_GETFL = %o, want O_WRONLY|O_DIRECT", fl)
	}
}

func TestFcntlDescriptors(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_CLOEXEC)
	if fl, err := init.Fcntl(r, linux.F_GETFD, 0); fl != linux.FD_CLOEXEC || err != nil {
		t.Fatalf("F_GETFD = %d, %v; want FD_CLOEXEC", fl, err)
	}
	if _, err := init.Fcntl(r, linux.F_SETFD, 0); err != nil {
		t.Fatal(err)
	}
	if fl, _ := init.Fcntl(r, linux.F_GETFD, 0); fl != 0 {
		t.Fatalf("F_GETFD after clearing = %d", fl)
	}
	if fd, err := init.Fcntl(r, linux.F_DUPFD, 100); fd != 100 || err != nil {
		t.Fatalf("F_DUPFD 100 = %d, %v", fd, err)
	}
	if _, err := init.Fcntl(r, linux.F_DUPFD, 1<<20); err != linux.EINVAL {
		t.Fatalf("F_DUPFD past the limit = %v, want EINVAL", err)
	}
	if _, err := init.Fcntl(r, 9999, 0); err != linux.EINVAL {
		t.Fatalf("unknown command = %v, want EINVAL", err)
	}
	if _, err := init.Fcntl(r, linux.F_SETFL, linux.O_NONBLOCK); err != nil {
		t.Fatal(err)
	}
	if _, err := init.Read(r, make([]byte, 1)); err != linux.EAGAIN {
		t.Fatalf("read after F_SETFL O_NONBLOCK = %v, want EAGAIN", err)
	}
	for _, fd := range []int{r, w, 100} {
		init.Close(fd)
	}
}

// Writers of PIPE_BUF bytes or fewer on many tasks never see their
// records interleaved.
func TestPipeAtomicWritesFromManyTasks(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, 0)
	const writers, records, size = 8, 50, 1000
	var wg sync.WaitGroup
	for i := 0; i < writers; i++ {
		task := init.Clone(0)
		wg.Add(1)
		go func(id byte) {
			defer wg.Done()
			defer task.Exit()
			rec := bytes.Repeat([]byte{'a' + id}, size)
			for j := 0; j < records; j++ {
				if _, err := task.Write(w, rec); err != nil {
					t.Errorf("writer %d: %v", id, err)
					return
				}
			}
		}(byte(i))
	}
	go func() { wg.Wait(); init.Close(w) }()
	var all []byte
	buf := make([]byte, 3000)
	for {
		n, err := init.Read(r, buf)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		all = append(all, buf[:n]...)
	}
	init.Close(r)
	if len(all) != writers*records*size {
		t.Fatalf("read %d bytes, want %d", len(all), writers*records*size)
	}
	for i := 0; i < len(all); i += size {
		if rec := all[i : i+size]; bytes.Count(rec, rec[:1]) != size {
			t.Fatalf("record at %d is mixed: %q...", i, rec[:40])
		}
	}
}

// Findings of the review against Linux 6.18, each checked on the host.
func TestPipeAndFcntlCorners(t *testing.T) {
	init := bootMounts(t)
	r, w := newPipe(t, init, linux.O_DIRECT)
	if fl, _ := init.Fcntl(r, linux.F_GETFL, 0); fl != linux.O_RDONLY {
		t.Errorf("read end of an O_DIRECT pipe: F_GETFL %o, want 0 (only O_NONBLOCK reaches it)", fl)
	}
	init.Close(r)
	init.Close(w)
	// A stream page takes a packet writer's short tail too.
	r, w = newPipe(t, init, 0)
	init.Write(w, []byte("a"))
	init.Fcntl(w, linux.F_SETFL, linux.O_DIRECT)
	init.Write(w, []byte("bc"))
	buf := make([]byte, 2)
	n1, _ := init.Read(r, buf)
	first := string(buf[:n1])
	n2, _ := init.Read(r, buf)
	if first+string(buf[:n2]) != "abc" {
		t.Errorf("reads gave %q then %q, want \"ab\" then \"c\"", first, buf[:n2])
	}
	// Shrinking is allowed past pipe-max-size; growing is not, unprivileged.
	k := init.Kernel()
	k.SetPipeMaxSize(4096)
	defer k.SetPipeMaxSize(linux.PipeMaxSizeDefault)
	user := init.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if n, err := user.Fcntl(r, linux.F_SETPIPE_SZ, 16384); n != 16384 || err != nil {
		t.Errorf("unprivileged shrink above pipe-max-size: %d, %v", n, err)
	}
	if _, err := user.Fcntl(r, linux.F_SETPIPE_SZ, 32768); err != linux.EPERM {
		t.Errorf("unprivileged growth past pipe-max-size: %v, want EPERM", err)
	}
	if fds, err := user.Pipe2(0); err != nil {
		t.Fatal(err)
	} else if n, _ := user.Fcntl(fds[0], linux.F_GETPIPE_SZ, 0); n != 4096 {
		t.Errorf("an unprivileged new pipe: %d bytes, want pipe-max-size 4096", n)
	}
	if n, err := init.Fcntl(r, linux.F_SETPIPE_SZ, 1<<32|4096); n != 4096 || err != nil {
		t.Errorf("F_SETPIPE_SZ takes an unsigned int: %d, %v", n, err)
	}
	init.Close(r)
	init.Close(w)
	f, _ := init.Open("/f", linux.O_RDONLY|linux.O_NOFOLLOW|linux.O_CLOEXEC, 0)
	if fl, _ := init.Fcntl(f, linux.F_GETFL, 0); fl != linux.O_LARGEFILE|linux.O_NOFOLLOW {
		t.Errorf("F_GETFL of open(O_NOFOLLOW|O_CLOEXEC): %o, want 0500000", fl)
	}
	if _, err := user.Fcntl(f, linux.F_SETFL, linux.O_NOATIME); err != linux.EPERM {
		t.Errorf("O_NOATIME on another's file: %v, want EPERM", err)
	}
	init.Close(f)
	p, _ := init.Open("/b", linux.O_PATH, 0)
	if fl, _ := init.Fcntl(p, linux.F_GETFL, 0); fl != linux.O_PATH {
		t.Errorf("F_GETFL of an O_PATH file: %o, want 010000000", fl)
	}
	if _, err := init.Fcntl(p, 9999, 0); err != linux.EBADF {
		t.Errorf("unknown command on O_PATH: %v, want EBADF", err)
	}
	init.Close(p)
}
