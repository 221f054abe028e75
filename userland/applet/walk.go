// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Recursive applets (find, du, rm -r, chmod -R, chown -R) walk the way
// gnulib's fts does with FTS_CWDFD: every system call names a file relative
// to a descriptor of its directory, so that a tree deeper than PATH_MAX is
// walked to the bottom while the paths printed grow without bound.

// WalkLoc is a file met during a walk: path is how messages show it (the
// operand and the names below it), name is how system calls reach it from
// the innermost directory of the walk (the operand itself from the cwd).
type WalkLoc struct {
	Path, Name string
}

// Child is the location of the entry name of directory l, once l has been
// entered.
func (l WalkLoc) Child(name string) WalkLoc {
	return WalkLoc{Path: JoinPath(l.Path, name), Name: name}
}

// maxOpenDirs bounds the descriptors a walk keeps open: deeper than this,
// the outer directories' descriptors are closed and reopened through ".."
// on the way back up (fts keeps a small ring of them the same way), so a
// walk never runs into RLIMIT_NOFILE.
const maxOpenDirs = 32

// DirWalk is the chain of directories a walk is inside, outermost first.
type DirWalk struct {
	t      *vfs.Task
	frames []walkFrame
	open   int // frames whose fd is open
}

type walkFrame struct {
	fd       int // -1 once closed to stay within maxOpenDirs
	dev, ino uint64
}

func NewDirWalk(t *vfs.Task) *DirWalk { return &DirWalk{t: t} }

// At is the directory descriptor that walkLoc names are relative to.
func (w *DirWalk) At() int {
	if len(w.frames) == 0 {
		return AtCWD
	}
	return w.frames[len(w.frames)-1].fd
}

// errReturn says that a directory closed to save descriptors could not be
// reopened as the same directory (the tree was changed meanwhile).
var errReturn = errors.New("failed to return to parent directory")

// Enter opens l as a directory (following a symlink only if follow is
// set), lists it and makes it the innermost directory. On error the walk
// is left as it was.
func (w *DirWalk) Enter(l WalkLoc, follow bool) ([]vfs.Dirent, error) {
	flags := uint32(linux.O_RDONLY | linux.O_DIRECTORY)
	if !follow {
		flags |= linux.O_NOFOLLOW
	}
	fd, err := w.t.Openat(w.At(), l.Name, flags, 0)
	if err != nil {
		return nil, err
	}
	st, err := w.t.Fstat(fd)
	if err != nil {
		w.t.Close(fd)
		return nil, err
	}
	ents, err := ReadDirentsFd(w.t, fd, false)
	if err != nil {
		w.t.Close(fd)
		return nil, err
	}
	w.frames = append(w.frames, walkFrame{fd: fd, dev: st.Dev(), ino: st.Ino})
	w.open++
	w.trim()
	return ents, nil
}

// IsEmptyDirAt reports whether the directory name in dirfd has no entries.
func IsEmptyDirAt(t *vfs.Task, dirfd int, name string) bool {
	fd, err := t.Openat(dirfd, name, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return false
	}
	defer t.Close(fd)
	ents, err := ReadDirentsFd(t, fd, false)
	return err == nil && len(ents) == 0
}

// trim closes the outermost open descriptors beyond maxOpenDirs.
func (w *DirWalk) trim() {
	for i := 0; w.open > maxOpenDirs && i < len(w.frames)-1; i++ {
		if f := &w.frames[i]; f.fd >= 0 {
			w.t.Close(f.fd)
			f.fd = -1
			w.open--
		}
	}
}

// Leave closes the innermost directory; its parent becomes the innermost
// again, reopened through ".." (and checked to be the same directory) if
// its descriptor was closed.
func (w *DirWalk) Leave() error {
	n := len(w.frames) - 1
	inner := w.frames[n]
	var err error
	if n > 0 && w.frames[n-1].fd < 0 {
		err = w.reopen(&w.frames[n-1], inner.fd)
	}
	w.t.Close(inner.fd)
	w.open--
	w.frames = w.frames[:n]
	return err
}

func (w *DirWalk) reopen(parent *walkFrame, childFd int) error {
	fd, err := w.t.Openat(childFd, "..", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		return err
	}
	st, err := w.t.Fstat(fd)
	if err != nil || st.Dev() != parent.dev || st.Ino != parent.ino {
		w.t.Close(fd)
		return errReturn
	}
	parent.fd = fd
	w.open++
	return nil
}

// Close leaves every directory still entered (a walk cut short).
func (w *DirWalk) Close() {
	for _, f := range w.frames {
		if f.fd >= 0 {
			w.t.Close(f.fd)
		}
	}
	w.frames, w.open = nil, 0
}
