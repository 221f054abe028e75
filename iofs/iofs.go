// SPDX-License-Identifier: Apache-2.0

// Package iofs opens a virtual system to Go code. FS is a read-only
// io/fs view of a task's tree, mounts and all; Root is a writable handle
// shaped like os.Root for embedders who want to change the tree.
//
// Both work through a private clone of the task they are made from: the
// same credentials and mount namespace, a copy of its root and working
// directory taken at that moment, and a descriptor table of their own.
// Permission checks are the virtual kernel's, done with those credentials.
// Errors are *fs.PathError (or *os.LinkError) wrapping the linux.Errno the
// kernel would return, so errors.Is(err, fs.ErrNotExist) works.
package iofs

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FS is an fs.FS over a task's tree: the name "a/b" is "/a/b" under the
// task's root. Symbolic links are followed as the kernel follows them, so
// an absolute link resolves from that root. FS implements fs.StatFS,
// fs.ReadDirFS, fs.ReadFileFS, fs.ReadLinkFS and fs.SubFS, and is safe
// for concurrent use.
type FS struct {
	h   *handle
	dir string // "" or the unrooted directory of a Sub
}

var (
	_ fs.StatFS     = (*FS)(nil)
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
	_ fs.SubFS      = (*FS)(nil)
)

// New returns an FS over t's root. Close releases it.
func New(t *vfs.Task) *FS { return &FS{h: newHandle(t)} }

// Close ends the FS's private task, closing every File still open. Sub
// views share it.
func (f *FS) Close() error { return f.h.close() }

// path turns a valid fs name into the private task's absolute path.
func (f *FS) path(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", pathErr(op, name, fs.ErrInvalid)
	}
	return "/" + path.Join(f.dir, name), nil
}

// openFlags are the flags every File is opened with: O_NONBLOCK so that
// opening a FIFO with no writer cannot hang the caller.
const openFlags = linux.O_RDONLY | linux.O_CLOEXEC | linux.O_LARGEFILE | linux.O_NONBLOCK

// Open opens name for reading (openat(2) with O_RDONLY|O_NONBLOCK).
func (f *FS) Open(name string) (fs.File, error) {
	file, err := f.open("open", name, 0)
	if err != nil {
		return nil, err
	}
	return file, nil
}

func (f *FS) open(op, name string, extra uint32) (*File, error) {
	p, err := f.path(op, name)
	if err != nil {
		return nil, err
	}
	t, err := f.h.task()
	if err != nil {
		return nil, pathErr(op, name, err)
	}
	fd, err := t.Open(p, openFlags|extra, 0)
	if err != nil {
		return nil, pathErr(op, name, err)
	}
	return &File{h: f.h, fd: fd, name: name}, nil
}

// Stat is stat(2): symbolic links are followed.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.stat("stat", name, 0) }

// Lstat is lstat(2): a final symbolic link is described itself.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	return f.stat("lstat", name, linux.AT_SYMLINK_NOFOLLOW)
}

func (f *FS) stat(op, name string, flags int) (fs.FileInfo, error) {
	p, err := f.path(op, name)
	if err != nil {
		return nil, err
	}
	t, err := f.h.task()
	if err != nil {
		return nil, pathErr(op, name, err)
	}
	st, err := t.Fstatat(linux.AT_FDCWD, p, flags)
	if err != nil {
		return nil, pathErr(op, name, err)
	}
	return newFileInfo(path.Base(name), &st), nil
}

// ReadLink is readlink(2): EINVAL for a name that is no symbolic link.
func (f *FS) ReadLink(name string) (string, error) {
	p, err := f.path("readlink", name)
	if err != nil {
		return "", err
	}
	t, err := f.h.task()
	if err != nil {
		return "", pathErr("readlink", name, err)
	}
	target, err := t.Readlink(p)
	return target, pathErr("readlink", name, err)
}

// ReadFile reads the whole of name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.open("open", name, 0)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readAll(file)
}

// readAll reads file to its end, sized by fstat when the size is known
// (procfs files report 0 and are read until a read returns nothing).
func readAll(file *File) ([]byte, error) {
	size := 512
	if fi, err := file.Stat(); err == nil && fi.Size() > 0 && fi.Mode().IsRegular() {
		size = int(fi.Size()) + 1
	}
	buf := make([]byte, 0, size)
	for {
		n, err := file.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, cap(buf))
		}
	}
}

// ReadDir lists the directory name sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, err := f.open("open", name, linux.O_DIRECTORY)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	ents, err := file.ReadDir(-1)
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return ents, err
}

// Sub returns the FS rooted at dir, sharing f's private task (and so its
// Close). Like fs.Sub it is a view: names are joined to dir, and symbolic
// links still resolve from the task's root.
func (f *FS) Sub(dir string) (fs.FS, error) {
	if !fs.ValidPath(dir) {
		return nil, pathErr("sub", dir, fs.ErrInvalid)
	}
	if dir == "." {
		return f, nil
	}
	fi, err := f.Stat(dir)
	if err != nil {
		return nil, pathErr("sub", dir, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		return nil, pathErr("sub", dir, linux.ENOTDIR)
	}
	return &FS{h: f.h, dir: path.Join(f.dir, dir)}, nil
}
