// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// countingReader records how much was asked of it.
type countingReader struct {
	r     io.Reader
	taken int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.taken += n
	return n, err
}

// TestStreamIn: a stream pipe's read end is a FIFO of pipefs that takes
// from the outside reader no more than a read asks for.
func TestStreamIn(t *testing.T) {
	init := bootMounts(t)
	src := &countingReader{r: strings.NewReader("line one\nline two\n")}
	if err := init.StreamIn(5, src, nil); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if n, err := init.Read(5, buf); n != 4 || err != nil || string(buf) != "line" {
		t.Fatalf("read = %q, %v", buf[:n], err)
	}
	if src.taken != 4 {
		t.Fatalf("the outside reader gave %d bytes for a read of 4", src.taken)
	}
	st, err := init.Fstat(5)
	if err != nil || st.Mode&linux.S_IFMT != linux.S_IFIFO {
		t.Fatalf("fstat = %o, %v; want a FIFO", st.Mode, err)
	}
	if link, _ := init.FdPath(5); link != fmt.Sprintf("pipe:[%d]", st.Ino) {
		t.Fatalf("fd link %q, want pipe:[%d]", link, st.Ino)
	}
	if _, err := init.Lseek(5, 0, 0); err != linux.ESPIPE {
		t.Fatalf("lseek = %v, want ESPIPE", err)
	}
	if _, err := init.Write(5, []byte("x")); err != linux.EBADF {
		t.Fatalf("write on the read end = %v, want EBADF", err)
	}
	rest, _ := io.ReadAll(readerOf(init, 5))
	if string(rest) != " one\nline two\n" {
		t.Fatalf("rest %q", rest)
	}
	if n, err := init.Read(5, buf); n != 0 || err != nil {
		t.Fatalf("read at the end = %d, %v; want end of file", n, err)
	}
}

// TestStreamOut: writes go straight to the outside writer; one that is
// gone is EPIPE, a host error without an errno EIO.
func TestStreamOut(t *testing.T) {
	init := bootMounts(t)
	var out strings.Builder
	if err := init.StreamOut(1, &out, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := init.Write(1, []byte("hi\n")); n != 3 || err != nil || out.String() != "hi\n" {
		t.Fatalf("write = %d, %v; outside has %q", n, err, out.String())
	}
	if fl, _ := init.Fcntl(1, linux.F_GETFL, 0); fl != linux.O_WRONLY {
		t.Fatalf("F_GETFL = %o, want O_WRONLY", fl)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	pr.Close()
	if err := init.StreamOut(1, pw, nil); err != nil { // replaces the first one
		t.Fatal(err)
	}
	if _, err := init.Write(1, []byte("x")); err != linux.EPIPE {
		t.Fatalf("write to a host pipe nobody reads = %v, want EPIPE", err)
	}
	if err := init.StreamOut(2, failingWriter{}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := init.Write(2, []byte("x")); err != linux.EIO {
		t.Fatalf("write to a failing writer = %v, want EIO", err)
	}
	if err := init.StreamOut(-1, &out, nil); err != linux.EBADF {
		t.Fatalf("StreamOut(-1) = %v, want EBADF", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk on fire") }

// TestDupFromTaskAndExecve: a launcher hands a child its descriptors from
// another task; execve closes the close-on-exec ones and records what
// /proc shows.
func TestDupFromTaskAndExecve(t *testing.T) {
	init := bootMounts(t)
	fd, err := init.Open("/", linux.O_RDONLY|linux.O_DIRECTORY|linux.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	child := init.Clone(0)
	defer child.Exit()
	if child.PPID() != init.TID() {
		t.Fatalf("ppid %d, want %d", child.PPID(), init.TID())
	}
	if err := child.DupFromTask(init, fd, 0); err != nil {
		t.Fatal(err)
	}
	if err := child.DupFromTask(init, 99, 1); err != linux.EBADF {
		t.Fatalf("DupFromTask of a closed descriptor = %v, want EBADF", err)
	}
	child.Execve("/usr/bin/a-very-long-program-name", []string{"prog", "arg"}, []string{"A=1"})
	if fds := fmt.Sprint(child.Fds()); fds != "[0]" {
		t.Fatalf("after execve the child has %s, want [0] (the close-on-exec copy gone, the dup kept)", fds)
	}
	if c := child.Comm(); c != "a-very-long-pro" {
		t.Fatalf("comm %q, want the first 15 bytes of the base name", c)
	}
	if got := string(child.Cmdline()) + "|" + string(child.Environ()); got != "prog\x00arg\x00|A=1\x00" {
		t.Fatalf("cmdline|environ = %q", got)
	}
	grandchild := child.Clone(0)
	defer grandchild.Exit()
	if grandchild.Comm() != child.Comm() {
		t.Fatal("fork does not keep the program image")
	}
}

// readerOf reads descriptor fd of a task.
func readerOf(task interface {
	Read(int, []byte) (int, error)
}, fd int) io.Reader {
	return readFunc(func(p []byte) (int, error) {
		n, err := task.Read(fd, p)
		if n == 0 && err == nil {
			return 0, io.EOF
		}
		return n, err
	})
}

type readFunc func([]byte) (int, error)

func (f readFunc) Read(p []byte) (int, error) { return f(p) }

// TestStreamPipeShared: ends made with one StreamPipe are one inode, as
// the ends of a pipeline are; others are not.
func TestStreamPipeShared(t *testing.T) {
	init := bootMounts(t)
	p := init.Kernel().NewStreamPipe(init.Cred())
	if err := init.StreamOut(3, io.Discard, p); err != nil {
		t.Fatal(err)
	}
	if err := init.StreamIn(4, strings.NewReader(""), p); err != nil {
		t.Fatal(err)
	}
	if err := init.StreamIn(5, strings.NewReader(""), nil); err != nil {
		t.Fatal(err)
	}
	a, _ := init.FdPath(3)
	b, _ := init.FdPath(4)
	c, _ := init.FdPath(5)
	if a != b || a == c {
		t.Fatalf("ends of one pipe %q and %q, another %q", a, b, c)
	}
}

// TestSigpipe: a write that finds no reader fails EPIPE and records
// SIGPIPE for the writer, once while it is pending; MSG_NOSIGNAL sends
// none.
func TestSigpipe(t *testing.T) {
	init := bootMounts(t)
	fds, err := init.Pipe2(0)
	if err != nil {
		t.Fatal(err)
	}
	init.Close(fds[0])
	for range 2 {
		if _, err := init.Write(fds[1], []byte("x")); err != linux.EPIPE {
			t.Fatalf("write = %v, want EPIPE", err)
		}
	}
	got := init.TakeSignals()
	if len(got) != 1 || got[0].Signo != linux.SIGPIPE || got[0].Code != linux.SI_USER || got[0].Pid != init.TID() {
		t.Fatalf("signals %+v, want one SIGPIPE from the task itself", got)
	}
	sp, err := init.Socketpair(linux.AF_UNIX, linux.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	init.Close(sp[1])
	if _, err := init.Sendto(sp[0], []byte("x"), linux.MSG_NOSIGNAL, ""); err != linux.EPIPE {
		t.Fatalf("send = %v, want EPIPE", err)
	}
	if got := init.TakeSignals(); len(got) != 0 {
		t.Fatalf("MSG_NOSIGNAL sent %+v", got)
	}
	if _, err := init.Sendto(sp[0], []byte("x"), 0, ""); err != linux.EPIPE {
		t.Fatalf("send = %v, want EPIPE", err)
	}
	if got := init.TakeSignals(); len(got) != 1 {
		t.Fatalf("send without MSG_NOSIGNAL recorded %+v", got)
	}
}
