// SPDX-License-Identifier: Apache-2.0

package iofs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Root is a writable handle on a directory of the virtual system, shaped
// like os.Root: names are relative to the directory and may not leave it.
// Its private task is chrooted into the directory, so ".." at the top and
// symbolic links, absolute ones included, resolve as in a chroot
// (RESOLVE_IN_ROOT) and can never reach outside; a name that is absolute,
// or whose ".." elements climb above the root lexically, fails with
// EXDEV, as openat2's RESOLVE_BENEATH does. Mounts below the directory
// are crossed. Errors are *os.PathError or *os.LinkError wrapping a
// linux.Errno. A Root is safe for concurrent use.
type Root struct {
	h    *handle
	name string
}

// OpenRoot opens dir, resolved by t (absolute, or relative to t's working
// directory), as a Root with t's credentials and mount namespace.
func OpenRoot(t *vfs.Task, dir string) (*Root, error) {
	h := newHandle(t)
	if err := h.chrootTo(dir); err != nil {
		h.close()
		return nil, pathErr("openat", dir, err)
	}
	return &Root{h: h, name: dir}, nil
}

// Name returns the name the Root was opened with.
func (r *Root) Name() string { return r.name }

// Close ends the Root's private task; Files opened through it are closed.
func (r *Root) Close() error { return r.h.close() }

// FS returns an FS over the Root's directory, sharing its private task:
// it is closed with the Root.
func (r *Root) FS() fs.FS { return &FS{h: r.h} }

// rel checks a Root-relative name and returns the private task's task.
func (r *Root) rel(op, name string) (*vfs.Task, error) {
	if name == "" {
		return nil, pathErr(op, name, linux.ENOENT)
	}
	if strings.HasPrefix(name, "/") {
		return nil, pathErr(op, name, linux.EXDEV)
	}
	if c := path.Clean(name); c == ".." || strings.HasPrefix(c, "../") {
		return nil, pathErr(op, name, linux.EXDEV)
	}
	t, err := r.h.task()
	return t, pathErr(op, name, err)
}

// do runs a call that names one path and wraps its error.
func (r *Root) do(op, name string, fn func(t *vfs.Task) error) error {
	t, err := r.rel(op, name)
	if err != nil {
		return err
	}
	return pathErr(op, name, fn(t))
}

// Open opens name for reading.
func (r *Root) Open(name string) (*File, error) { return r.OpenFile(name, os.O_RDONLY, 0) }

// Create creates or truncates name (mode 0666 before the umask) for
// reading and writing.
func (r *Root) Create(name string) (*File, error) {
	return r.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

// OpenFile is openat(2) with os.O_* flags (Linux's O_* numbers) and the
// permission bits of perm, which the task's umask trims.
func (r *Root) OpenFile(name string, flag int, perm fs.FileMode) (*File, error) {
	var fd int
	err := r.do("open", name, func(t *vfs.Task) (err error) {
		fd, err = t.Open(name, uint32(flag)|linux.O_CLOEXEC|linux.O_LARGEFILE, unixMode(perm))
		return err
	})
	if err != nil {
		return nil, err
	}
	return &File{h: r.h, fd: fd, name: name}, nil
}

// OpenRoot opens the directory name below r as a new Root, confined to it.
func (r *Root) OpenRoot(name string) (*Root, error) {
	t, err := r.rel("openat", name)
	if err != nil {
		return nil, err
	}
	return OpenRoot(t, name)
}

// Mkdir is mkdir(2).
func (r *Root) Mkdir(name string, perm fs.FileMode) error {
	return r.do("mkdir", name, func(t *vfs.Task) error { return t.Mkdir(name, unixMode(perm)) })
}

// MkdirAll makes name and any missing parents, as os.MkdirAll does.
func (r *Root) MkdirAll(name string, perm fs.FileMode) error {
	t, err := r.rel("mkdir", name)
	if err != nil {
		return err
	}
	p := ""
	for _, elem := range strings.Split(name, "/") {
		if elem == "" {
			continue
		}
		p = path.Join(p, elem)
		err := t.Mkdir(p, unixMode(perm))
		if err == linux.EEXIST {
			if st, serr := t.Stat(p); serr == nil && st.Mode&linux.S_IFMT == linux.S_IFDIR {
				continue
			}
			return pathErr("mkdir", p, linux.ENOTDIR)
		}
		if err != nil {
			return pathErr("mkdir", p, err)
		}
	}
	return nil
}

// Remove removes a file or an empty directory: unlink(2), then rmdir(2)
// when unlink says EISDIR, keeping unlink's error otherwise, as os.Remove.
func (r *Root) Remove(name string) error {
	return r.do("remove", name, func(t *vfs.Task) error {
		err := t.Unlink(name)
		if err == nil {
			return nil
		}
		err1 := t.Rmdir(name)
		if err1 == nil {
			return nil
		}
		if err1 != linux.ENOTDIR {
			err = err1
		}
		return err
	})
}

// RemoveAll removes name and everything below it, not following symbolic
// links; a name that does not exist is no error.
func (r *Root) RemoveAll(name string) error {
	t, err := r.rel("unlinkat", name)
	if err != nil {
		return err
	}
	if path.Clean(name) == "." {
		return pathErr("unlinkat", name, linux.EINVAL)
	}
	return removeAll(t, name)
}

func removeAll(t *vfs.Task, name string) error {
	err := t.Unlink(name)
	if err == nil || err == linux.ENOENT {
		return nil
	}
	st, serr := t.Lstat(name)
	if serr == linux.ENOENT {
		return nil
	}
	if serr != nil || st.Mode&linux.S_IFMT != linux.S_IFDIR {
		return pathErr("unlinkat", name, err)
	}
	for {
		names, err := listNames(t, name)
		if err != nil {
			return pathErr("openat", name, err)
		}
		if len(names) == 0 {
			break
		}
		for _, n := range names {
			if err := removeAll(t, name+"/"+n); err != nil {
				return err
			}
		}
	}
	if err := t.Rmdir(name); err != nil && err != linux.ENOENT {
		return pathErr("unlinkat", name, err)
	}
	return nil
}

// listNames lists a directory's names (one batch at most, enough for
// RemoveAll's loop to make progress).
func listNames(t *vfs.Task, dir string) ([]string, error) {
	fd, err := t.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_NOFOLLOW|linux.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer t.Close(fd)
	ents, err := t.Getdents(fd, 1024)
	var names []string
	for _, e := range ents {
		if e.Name != "." && e.Name != ".." {
			names = append(names, e.Name)
		}
	}
	return names, err
}

// Stat is stat(2).
func (r *Root) Stat(name string) (fs.FileInfo, error) { return r.stat("stat", name, 0) }

// Lstat is lstat(2).
func (r *Root) Lstat(name string) (fs.FileInfo, error) {
	return r.stat("lstat", name, linux.AT_SYMLINK_NOFOLLOW)
}

func (r *Root) stat(op, name string, flags int) (fs.FileInfo, error) {
	var st vfs.Statx
	err := r.do(op, name, func(t *vfs.Task) (err error) {
		st, err = t.Fstatat(linux.AT_FDCWD, name, flags)
		return err
	})
	if err != nil {
		return nil, err
	}
	return newFileInfo(path.Base(name), &st), nil
}

// Readlink is readlink(2).
func (r *Root) Readlink(name string) (string, error) {
	var target string
	err := r.do("readlink", name, func(t *vfs.Task) (err error) {
		target, err = t.Readlink(name)
		return err
	})
	return target, err
}

// Chmod is chmod(2).
func (r *Root) Chmod(name string, mode fs.FileMode) error {
	return r.do("chmod", name, func(t *vfs.Task) error { return t.Chmod(name, unixMode(mode)) })
}

// Chown is chown(2) and Lchown lchown(2); -1 leaves an ID unchanged.
func (r *Root) Chown(name string, uid, gid int) error {
	return r.do("chown", name, func(t *vfs.Task) error { return t.Chown(name, uint32(uid), uint32(gid)) })
}

func (r *Root) Lchown(name string, uid, gid int) error {
	return r.do("lchown", name, func(t *vfs.Task) error { return t.Lchown(name, uint32(uid), uint32(gid)) })
}

// Chtimes is utimensat(2); a zero time leaves that time unchanged.
func (r *Root) Chtimes(name string, atime, mtime time.Time) error {
	ts := func(tm time.Time) vfs.Timespec {
		if tm.IsZero() {
			return vfs.Timespec{Nsec: vfs.UTIME_OMIT}
		}
		return vfs.TimespecOf(tm)
	}
	times := [2]vfs.Timespec{ts(atime), ts(mtime)}
	return r.do("chtimes", name, func(t *vfs.Task) error {
		return t.Utimensat(linux.AT_FDCWD, name, &times, 0)
	})
}

// Truncate is truncate(2).
func (r *Root) Truncate(name string, size int64) error {
	return r.do("truncate", name, func(t *vfs.Task) error { return t.Truncate(name, size) })
}

// linkOp runs a call naming two paths, with os.LinkError's wrapping.
func (r *Root) linkOp(op, oldname, newname string, fn func(t *vfs.Task) error) error {
	t, err := r.rel(op, newname)
	if err == nil && op != "symlink" {
		_, err = r.rel(op, oldname)
	}
	if err == nil {
		err = fn(t)
	} else {
		err = errors.Unwrap(err)
	}
	if err != nil {
		return &os.LinkError{Op: op, Old: oldname, New: newname, Err: err}
	}
	return nil
}

// Rename is rename(2).
func (r *Root) Rename(oldname, newname string) error {
	return r.linkOp("rename", oldname, newname, func(t *vfs.Task) error { return t.Rename(oldname, newname) })
}

// Link is link(2).
func (r *Root) Link(oldname, newname string) error {
	return r.linkOp("link", oldname, newname, func(t *vfs.Task) error { return t.Link(oldname, newname) })
}

// Symlink makes newname a symbolic link to oldname, which is stored as
// given: a link's target is resolved, inside the Root, only when followed.
func (r *Root) Symlink(oldname, newname string) error {
	return r.linkOp("symlink", oldname, newname, func(t *vfs.Task) error { return t.Symlink(oldname, newname) })
}

// ReadFile reads the whole of name.
func (r *Root) ReadFile(name string) ([]byte, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f)
}

// WriteFile writes data to name, creating it with perm (before the umask)
// or truncating it.
func (r *Root) WriteFile(name string, data []byte, perm fs.FileMode) error {
	f, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

var (
	_ fs.ReadDirFile     = (*File)(nil)
	_ io.ReadWriteSeeker = (*File)(nil)
	_ io.ReaderAt        = (*File)(nil)
	_ io.WriterAt        = (*File)(nil)
)
