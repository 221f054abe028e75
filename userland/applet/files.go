// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// AtCWD is AT_FDCWD: every applet resolves relative names from the task's
// working directory, which the shell keeps in step with the interpreter.
const AtCWD = linux.AT_FDCWD

// File type tests on a mode as the stat family returns it.
func IsDir(mode uint32) bool  { return mode&linux.S_IFMT == linux.S_IFDIR }
func IsReg(mode uint32) bool  { return mode&linux.S_IFMT == linux.S_IFREG }
func IsLink(mode uint32) bool { return mode&linux.S_IFMT == linux.S_IFLNK }
func IsChr(mode uint32) bool  { return mode&linux.S_IFMT == linux.S_IFCHR }
func IsBlk(mode uint32) bool  { return mode&linux.S_IFMT == linux.S_IFBLK }

// File adapts an open descriptor of a task to io.ReadWriteCloser, so
// that the interpreter's redirections read and write the virtual kernel.
//
// The interpreter may close a File while a goroutine of its own still
// reads it (it copies redirected input through a host pipe). The
// descriptor is therefore closed only once no call is using it: a call
// on a File already closed fails, and a number closed under a running
// call cannot be reused by the next open and read in its place.
type File struct {
	Task *vfs.Task
	Fd   int

	mu     sync.Mutex
	busy   int  // calls using Fd now
	closed bool // Close was called
	err    error
}

// acquire marks a call using Fd, or reports that the File is closed.
func (f *File) acquire() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return os.ErrClosed
	}
	f.busy++
	return nil
}

// release ends a call; the last one after Close closes the descriptor.
func (f *File) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.busy--
	if f.closed && f.busy == 0 {
		f.err = f.Task.Close(f.Fd)
	}
}

func (f *File) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := f.acquire(); err != nil {
		return 0, err
	}
	defer f.release()
	n, err := f.Task.Read(f.Fd, p)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Write writes all of p: write(2) may be short (ENOSPC), io.Writer may not.
func (f *File) Write(p []byte) (int, error) {
	if err := f.acquire(); err != nil {
		return 0, err
	}
	defer f.release()
	done := 0
	for done < len(p) {
		n, err := f.Task.Write(f.Fd, p[done:])
		done += n
		if err != nil {
			return done, err
		}
		if n == 0 {
			return done, io.ErrShortWrite
		}
	}
	return done, nil
}

// Close closes the descriptor, now or when the last running call ends;
// the interpreter may close twice.
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		if f.busy == 0 {
			f.err = f.Task.Close(f.Fd)
		}
	}
	return f.err
}

// OpenFile opens name on t and wraps the descriptor.
func OpenFile(t *vfs.Task, name string, flags, mode uint32) (*File, error) {
	fd, err := t.Openat(AtCWD, name, flags, mode)
	if err != nil {
		return nil, err
	}
	return &File{Task: t, Fd: fd}, nil
}

// ReadDirents lists a directory through open(O_DIRECTORY) and getdents64,
// without "." and "..", in the order the filesystem gives.
func ReadDirents(t *vfs.Task, name string) ([]vfs.Dirent, error) {
	return ReadDirentsDots(t, name, false)
}

// ReadDirentsDots is readDirents keeping "." and ".." if dots is set.
// ENOENT from getdents64 (a removed directory) is the end of the
// listing, as glibc's readdir makes it.
func ReadDirentsDots(t *vfs.Task, name string, dots bool) ([]vfs.Dirent, error) {
	fd, err := t.Openat(AtCWD, name, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	defer t.Close(fd)
	return ReadDirentsFd(t, fd, dots)
}

// ReadDirentsFd lists the open directory fd from its current offset.
func ReadDirentsFd(t *vfs.Task, fd int, dots bool) ([]vfs.Dirent, error) {
	var all []vfs.Dirent
	for {
		ents, err := t.Getdents(fd, 0)
		if errors.Is(err, linux.ENOENT) {
			return all, nil
		}
		if err != nil {
			return all, err
		}
		if len(ents) == 0 {
			return all, nil
		}
		for _, e := range ents {
			// glibc's readdir skips entries numbered 0 (a squashfs root's "..").
			if e.Ino != 0 && (dots || (e.Name != "." && e.Name != "..")) {
				all = append(all, e)
			}
		}
	}
}

// JoinPath joins a directory and a name the way coreutils builds child
// names: "/" + "x" is "/x", "d/" + "x" is "d/x".
func JoinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	if dir[len(dir)-1] == '/' {
		return dir + name
	}
	return dir + "/" + name
}

// ReadNamed reads the whole of the file name, or of standard input when
// name is "-" (or one of the other stdin names given, such as
// "/dev/stdin" for programs that treat it so without a /dev).
func (c *Cmd) ReadNamed(name string, stdinNames ...string) ([]byte, error) {
	if name == "-" || slices.Contains(stdinNames, name) {
		return io.ReadAll(c.Stdin)
	}
	f, err := OpenFile(c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// DupTo puts the file at descriptor newfd of t (the file's own task or
// another), as a shell does for a command's redirections.
func (f *File) DupTo(t *vfs.Task, newfd int) error {
	if err := f.acquire(); err != nil {
		return linux.EBADF
	}
	defer f.release()
	return t.DupFromTask(f.Task, f.Fd, newfd)
}
