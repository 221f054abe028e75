// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

type fdEntry struct {
	file    *File
	cloexec bool
}

// FDTable is struct files_struct: the descriptors of one or more tasks.
type FDTable struct {
	users atomic.Int32 // tasks sharing it
	mu    sync.Mutex
	fds   []fdEntry // nil file: free
	// The table alone is 40 bytes; two tasks' tables made one after the
	// other shared a cache line, and every open and close of one task
	// took the other's line away (false sharing). Padded to a line.
	_ [24]byte
}

func newFDTable() *FDTable {
	ft := &FDTable{}
	ft.users.Store(1)
	return ft
}

// installFd is fd_install at the lowest free descriptor (alloc_fd),
// below t's RLIMIT_NOFILE.
func (t *Task) installFd(f *File, cloexec bool) (int, error) {
	return t.fdTable().installFrom(f, 0, cloexec, t.nofile())
}

// installFrom installs f at the lowest free descriptor from min on
// (F_DUPFD): EMFILE when none is below limit (RLIMIT_NOFILE's soft
// limit, read by the caller: a table shared by tasks with different
// limits is bound by the caller's, as alloc_fd reads current's). A
// descriptor open above a lowered limit stays open; no new one is given
// there.
func (ft *FDTable) installFrom(f *File, min int, cloexec bool, limit int) (int, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	for i := min; i < len(ft.fds) && i < limit; i++ {
		if ft.fds[i].file == nil {
			ft.fds[i] = fdEntry{f, cloexec}
			return i, nil
		}
	}
	if min >= limit || len(ft.fds) >= limit {
		return -1, linux.EMFILE
	}
	ft.reserve(max(min, len(ft.fds)) + 1)
	for len(ft.fds) < min {
		ft.fds = append(ft.fds, fdEntry{})
	}
	ft.fds = append(ft.fds, fdEntry{f, cloexec})
	return len(ft.fds) - 1, nil
}

// fdArrayMin is the fewest entries a table's array has: 128 bytes, two
// cache lines of their own. A first array of one or two entries shared
// its line with another task's (the allocator packs small objects), and
// each open and close on one core then took the line from the other.
const fdArrayMin = 8

// reserve makes room for n entries, growing the array to fdArrayMin at
// least. ft.mu held.
func (ft *FDTable) reserve(n int) {
	if n <= cap(ft.fds) {
		return
	}
	fds := make([]fdEntry, len(ft.fds), max(n, fdArrayMin, 2*cap(ft.fds)))
	copy(fds, ft.fds)
	ft.fds = fds
}

// hasFree reports whether a descriptor below limit could be had now
// (what get_unused_fd_flags checks before a call that makes its file
// last).
func (ft *FDTable) hasFree(limit int) bool {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if len(ft.fds) < limit {
		return true
	}
	for _, e := range ft.fds[:limit] {
		if e.file == nil {
			return true
		}
	}
	return false
}

// cloexecFlag is F_GETFD, or F_SETFD when set: the descriptor's
// close-on-exec flag.
func (ft *FDTable) cloexecFlag(fd int, set, on bool) (int, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if fd < 0 || fd >= len(ft.fds) || ft.fds[fd].file == nil {
		return -1, linux.EBADF
	}
	if set {
		ft.fds[fd].cloexec = on
		return 0, nil
	}
	if ft.fds[fd].cloexec {
		return linux.FD_CLOEXEC, nil
	}
	return 0, nil
}

// get is fdget: the file at fd, with a reference the caller must drop.
func (ft *FDTable) get(fd int) (*File, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if fd < 0 || fd >= len(ft.fds) || ft.fds[fd].file == nil {
		return nil, linux.EBADF
	}
	f := ft.fds[fd].file
	f.IncRef()
	return f, nil
}

// remove is file_close_fd: unhook fd and return its file.
func (ft *FDTable) remove(fd int) (*File, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if fd < 0 || fd >= len(ft.fds) || ft.fds[fd].file == nil {
		return nil, linux.EBADF
	}
	f := ft.fds[fd].file
	ft.fds[fd] = fdEntry{}
	return f, nil
}

// replace is do_dup2: put f at fd, returning what was there; EBADF for
// fd at or past limit (RLIMIT_NOFILE's soft limit).
func (ft *FDTable) replace(fd int, f *File, limit int) (*File, error) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if fd < 0 || fd >= limit {
		return nil, linux.EBADF
	}
	for fd >= len(ft.fds) {
		ft.fds = append(ft.fds, fdEntry{})
	}
	old := ft.fds[fd].file
	ft.fds[fd] = fdEntry{file: f}
	return old, nil
}

// dup is dup_fd: a copy of the table sharing the open files.
func (ft *FDTable) dup() *FDTable {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	n := &FDTable{fds: make([]fdEntry, len(ft.fds), max(len(ft.fds), fdArrayMin))}
	n.users.Store(1)
	copy(n.fds, ft.fds)
	for _, e := range n.fds {
		if e.file != nil {
			e.file.IncRef()
		}
	}
	return n
}

// closeAll is close_files: t, the last user, closes every descriptor.
func (ft *FDTable) closeAll(t *Task) {
	ft.mu.Lock()
	fds := ft.fds
	ft.fds = nil
	ft.mu.Unlock()
	for _, e := range fds {
		if e.file != nil {
			t.filpClose(e.file)
		}
	}
}

// Fds returns the task's open descriptors in increasing order (what
// /proc/<pid>/fd lists).
func (t *Task) Fds() []int {
	ft := t.fdTable()
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var out []int
	for i, e := range ft.fds {
		if e.file != nil {
			out = append(out, i)
		}
	}
	return out
}

// FdPath is what readlink of /proc/<pid>/fd/N shows to the task itself;
// EBADF for a closed fd. See FdPathAs.
func (t *Task) FdPath(fd int) (string, error) { return t.FdPathAs(t, fd) }

// FdPathAs is what reader sees when it reads the link /proc/<pid>/fd/N of
// t: the open file's path from reader's root (d_path uses the reader's
// root, not the owner's), or the made-up name of a pipe (pipe:[ino]) or
// another object of a pseudo filesystem.
func (t *Task) FdPathAs(reader *Task, fd int) (string, error) {
	f, err := t.fdTable().get(fd)
	if err != nil {
		return "", err
	}
	defer f.DecRef()
	if name := pseudoName(f.dentry); name != "" {
		return name, nil
	}
	return reader.DPath(Path{f.mnt, f.dentry})
}

// FdTarget is the object /proc/<pid>/fd/N leads to: the open file's path.
func (t *Task) FdTarget(fd int) (Path, error) {
	f, err := t.fdTable().get(fd)
	if err != nil {
		return Path{}, err
	}
	defer f.DecRef()
	return Path{f.mnt, f.dentry}, nil
}

// DupFromTask puts at newfd of t the file open at fd of src (pidfd_getfd
// followed by dup2, without the ptrace check): how a launcher hands a
// child the descriptors it prepared in another process. Whatever newfd
// was is closed; close-on-exec is clear.
func (t *Task) DupFromTask(src *Task, fd, newfd int) error {
	f, err := src.fdTable().get(fd)
	if err != nil {
		return err
	}
	return t.installAt(newfd, f)
}

// installAt puts f (whose reference it takes) at fd, closing what was
// there (the second half of dup2); fd must be below t's RLIMIT_NOFILE.
func (t *Task) installAt(fd int, f *File) error {
	old, err := t.fdTable().replace(fd, f, t.nofile())
	if err != nil {
		f.DecRef()
		return err
	}
	if old != nil {
		old.DecRef()
	}
	return nil
}

// CloseOnExec closes every descriptor marked close-on-exec, as execve
// does (do_close_on_exec).
func (t *Task) CloseOnExec() {
	ft := t.fdTable()
	ft.mu.Lock()
	var closing []*File
	for i, e := range ft.fds {
		if e.file != nil && e.cloexec {
			closing = append(closing, e.file)
			ft.fds[i] = fdEntry{}
		}
	}
	ft.mu.Unlock()
	for _, f := range closing {
		f.DecRef()
	}
}

// FdInfo is what /proc/<pid>/fdinfo/N shows of an open descriptor
// (seq_show): the file's position, its flags with O_CLOEXEC when the
// descriptor has it, the ID of the mount it was opened through and its
// inode's number.
type FdInfo struct {
	Pos   int64
	Flags uint32
	MntID int
	Ino   uint64
}

// FdInfo describes descriptor fd of t; EBADF when it is closed.
func (t *Task) FdInfo(fd int) (FdInfo, error) {
	ft := t.fdTable()
	ft.mu.Lock()
	if fd < 0 || fd >= len(ft.fds) || ft.fds[fd].file == nil {
		ft.mu.Unlock()
		return FdInfo{}, linux.EBADF
	}
	e := ft.fds[fd]
	e.file.IncRef()
	ft.mu.Unlock()
	f := e.file
	defer f.DecRef()
	info := FdInfo{Flags: f.statusFlags(), MntID: f.mnt.ID(), Ino: f.Inode().Ino()}
	if e.cloexec {
		info.Flags |= linux.O_CLOEXEC
	}
	if !isStream(f) {
		// A stream's position is never moved; the others' moves are made
		// under the position lock, held only while a read or write copies.
		f.mu.Lock()
		info.Pos = f.pos
		f.mu.Unlock()
	}
	return info, nil
}
