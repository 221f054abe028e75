// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"errors"
	"io"
	"os"
	"sync"
	"syscall"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// A stream pipe is a pipefs pipe with one end outside the kernel: the
// embedding program's reader or writer (a host file, a terminal, a
// buffer) takes the place of the other task. It is how a process of the
// virtual system gets standard streams from the program that runs it:
// Linux would hand init /dev/console, a container runtime a host pipe.
//
// Reads pull from the reader only as much as the caller asks for, so
// nothing is taken from the outside stream that no task read; writes go
// straight through. The file is a FIFO in pipefs (fstat, /proc/<pid>/fd
// show pipe:[ino]); it has no buffer of its own, so F_GETPIPE_SZ and
// FIONREAD do not apply to it, and O_NONBLOCK cannot make the outside
// stream non-blocking.

// streamOps are the file operations of either end of a stream pipe; the
// file's Private is its outside stream.
type streamOps struct{}

// StreamPipe is the pipefs object of a pipe outside the kernel. Ends made
// with the same StreamPipe are one pipe inode, as the two ends of a pipe
// are: a launcher that knows two outside streams are the ends of one pipe
// (a pipeline's) gives both the same.
type StreamPipe struct {
	d *Dentry
	// r and w are the outside streams of the ends made last, which an
	// open of /proc/<pid>/fd/N reaches as it would a pipe's buffer.
	mu sync.Mutex
	r  io.Reader
	w  io.Writer
}

// NewStreamPipe makes the object of a new outside pipe, owned by cred.
func (k *Kernel) NewStreamPipe(cred *Cred) *StreamPipe {
	sp := &StreamPipe{d: newPseudoObject(k.pipeMnt.sb, linux.S_IFIFO|0o600, cred, streamOps{})}
	sp.d.inode.Private = sp
	return sp
}

// streamReopen is fifo_open for a stream pipe reached through
// /proc/<pid>/fd: the new file reads from or writes to the outside stream
// of the end it names (a pipe's one buffer), waiting for nobody.
func streamReopen(f *File, sp *StreamPipe) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	f.ops = streamOps{}
	if f.write {
		f.Private = sp.w
	} else {
		f.Private = sp.r
	}
}

// StreamIn makes fd the read end of a stream pipe whose data comes from
// r (dup2 semantics: whatever fd was is closed, close-on-exec is clear);
// p is the pipe it is an end of, or nil for a pipe of its own.
func (t *Task) StreamIn(fd int, r io.Reader, p *StreamPipe) error {
	return t.installStream(fd, r, p, linux.O_RDONLY)
}

// StreamOut makes fd the write end of a stream pipe whose data goes to w.
func (t *Task) StreamOut(fd int, w io.Writer, p *StreamPipe) error {
	return t.installStream(fd, w, p, linux.O_WRONLY)
}

func (t *Task) installStream(fd int, stream any, p *StreamPipe, acc uint32) error {
	if fd < 0 || fd >= t.nofile() {
		return linux.EBADF
	}
	m := t.k.pipeMnt
	if !m.tryGet() {
		return linux.ENFILE
	}
	if p == nil {
		p = t.k.NewStreamPipe(t.Cred())
	}
	f := newFile(Path{m, p.d}, acc, acc == linux.O_RDONLY, acc == linux.O_WRONLY, false)
	f.ops, f.Private = streamOps{}, stream
	p.mu.Lock()
	if acc == linux.O_RDONLY {
		p.r, _ = stream.(io.Reader)
	} else {
		p.w, _ = stream.(io.Writer)
	}
	p.mu.Unlock()
	f.cred = t.Cred()
	return t.installAt(fd, f)
}

// isStreamPipe reports whether f is an end of a stream pipe.
func isStreamPipe(f *File) bool {
	_, ok := f.ops.(streamOps)
	return ok
}

// ReadAt reads what the outside stream gives, up to len(b); its end is
// the pipe's end of file.
func (streamOps) ReadAt(f *File, b []byte, _ int64) (int, error) {
	r, ok := f.Private.(io.Reader)
	if !ok || len(b) == 0 {
		return 0, nil
	}
	// A reader may return 0, nil; ask again, as a blocking read would,
	// but not forever (io.Reader's contract says it should not do that).
	for range 100 {
		n, err := r.Read(b)
		switch {
		case n > 0:
			return n, nil
		case err == nil:
			continue
		case errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe):
			return 0, nil
		default:
			return 0, streamErrno(err)
		}
	}
	return 0, nil
}

// WriteAt passes b to the outside stream; one that is gone is a pipe with
// no reader left (EPIPE).
func (streamOps) WriteAt(f *File, b []byte, _ int64) (int, error) {
	w, ok := f.Private.(io.Writer)
	if !ok {
		return 0, linux.EBADF
	}
	n, err := w.Write(b)
	if err != nil {
		if errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe) {
			return n, linux.EPIPE
		}
		return n, streamErrno(err)
	}
	return n, nil
}

// streamErrno is the errno a task sees for an outside stream's error: the
// kernel's own, a host pipe's EPIPE or a full disk's ENOSPC, else EIO.
// (Host errno numbers are Linux's only on Linux.)
func streamErrno(err error) error {
	var le linux.Errno
	switch {
	case errors.As(err, &le):
		return le
	case errors.Is(err, syscall.EPIPE):
		return linux.EPIPE
	case errors.Is(err, syscall.ENOSPC):
		return linux.ENOSPC
	}
	return linux.EIO
}

func (streamOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }
