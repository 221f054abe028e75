// SPDX-License-Identifier: Apache-2.0

// Package fsfs makes any Go fs.FS a read-only filesystem type of a virtual
// kernel: after Register(k, "assets", fsys), `mount -t assets none /mnt`
// shows fsys at /mnt (the source is only shown, never read). Each mount is
// a superblock of its own over the same fs.FS. Owners are root's, modes
// and times are the fs.FS's, symbolic links are followed by the virtual
// VFS when fsys is an fs.ReadLinkFS (so they cannot reach outside the
// virtual tree), and every change fails with EROFS.
package fsfs

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"syscall"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Type is a filesystem type over one fs.FS.
type Type struct {
	name string
	fsys fs.FS
}

// Register adds a filesystem type called name over fsys to k.
func Register(k *vfs.Kernel, name string, fsys fs.FS) error {
	return k.RegisterFilesystem(&Type{name: name, fsys: fsys})
}

// Name implements vfs.FilesystemType.
func (t *Type) Name() string { return t.name }

// Flags implements vfs.FilesystemType: no device.
func (t *Type) Flags() vfs.FSTypeFlags { return 0 }

// InitFsContext implements vfs.FilesystemType.
func (t *Type) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = contextOps{t}
	return nil
}

type contextOps struct{ t *Type }

// ParseParam knows no options.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error { return vfs.ENOPARAM }

// GetTree makes a read-only superblock with the fs.FS's "." as its root.
func (o contextOps) GetTree(fc *vfs.FsContext) error {
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		return err
	}
	sb.SetFlags(linux.SB_RDONLY, linux.SB_RDONLY)
	f := &fsFS{sb: sb, fsys: o.t.fsys, inodes: map[string]*vfs.Inode{}}
	sb.Private = f
	root, err := f.iget(".", nil)
	if err != nil {
		return err
	}
	if !root.IsDir() {
		return linux.ENOTDIR
	}
	sb.SetRoot(vfs.NewRootDentry(root))
	fc.Root = sb.Root()
	return nil
}

// Reconfigure keeps the superblock read-only.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	fc.SbFlags |= linux.SB_RDONLY
	return nil
}

type superOps struct{}

func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {}

// Statfs has nothing to count: no blocks, no free inodes.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Bsize: 4096, Frsize: 4096, Namelen: linux.NAME_MAX}, nil
}

// fsFS is a superblock's private part: an inode per path, made once.
type fsFS struct {
	sb     *vfs.Superblock
	fsys   fs.FS
	mu     sync.Mutex
	inodes map[string]*vfs.Inode
}

// errno turns an fs.FS error into the virtual kernel's number.
func errno(err error) error {
	var le linux.Errno
	var se syscall.Errno
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le):
		return le
	case errors.As(err, &se):
		return linux.Errno(se)
	case errors.Is(err, fs.ErrNotExist):
		return linux.ENOENT
	case errors.Is(err, fs.ErrPermission):
		return linux.EACCES
	case errors.Is(err, fs.ErrInvalid):
		return linux.EINVAL
	}
	return linux.EIO
}

// mode converts an fs.FileMode to st_mode.
func mode(m fs.FileMode) uint32 {
	v := uint32(m.Perm())
	switch {
	case m.IsDir():
		v |= linux.S_IFDIR
	case m&fs.ModeSymlink != 0:
		v |= linux.S_IFLNK
	case m&fs.ModeNamedPipe != 0:
		v |= linux.S_IFIFO
	case m&fs.ModeSocket != 0:
		v |= linux.S_IFSOCK
	case m&fs.ModeCharDevice != 0:
		v |= linux.S_IFCHR
	case m&fs.ModeDevice != 0:
		v |= linux.S_IFBLK
	default:
		v |= linux.S_IFREG
	}
	if m&fs.ModeSetuid != 0 {
		v |= linux.S_ISUID
	}
	if m&fs.ModeSetgid != 0 {
		v |= linux.S_ISGID
	}
	if m&fs.ModeSticky != 0 {
		v |= linux.S_ISVTX
	}
	return v
}

// iget returns the inode of p, described by fi or by fs.Lstat.
func (f *fsFS) iget(p string, fi fs.FileInfo) (*vfs.Inode, error) {
	f.mu.Lock()
	in := f.inodes[p]
	f.mu.Unlock()
	if in != nil {
		return in, nil
	}
	if fi == nil {
		var err error
		if fi, err = fs.Lstat(f.fsys, p); err != nil {
			return nil, errno(err)
		}
	}
	in = f.sb.NewInode(f.sb.NextIno(), vfs.InodeAttr{Mode: mode(fi.Mode())}, inodeOps{f: f}, fileOps{f})
	in.Private = p
	mt := vfs.TimespecOf(fi.ModTime())
	in.Lock()
	in.SetSizeLocked(fi.Size())
	in.SetBlocksLocked((fi.Size() + 511) / 512)
	in.SetTimesLocked(mt, mt, mt)
	in.Unlock()
	f.mu.Lock()
	defer f.mu.Unlock()
	if old := f.inodes[p]; old != nil {
		return old, nil
	}
	f.inodes[p] = in
	return in, nil
}

func pathOf(in *vfs.Inode) string { return in.Private.(string) }

type inodeOps struct {
	libfs.ReadOnly
	f *fsFS
}

func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	return o.f.iget(path.Join(pathOf(dir), name), nil)
}

func (inodeOps) Setattr(*vfs.Inode, *vfs.Iattr) error { return linux.EROFS }

// Readlink is fs.ReadLink: EINVAL where fsys has no links.
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	target, err := fs.ReadLink(o.f.fsys, pathOf(in))
	if errors.Is(err, errors.ErrUnsupported) {
		return "", linux.EINVAL
	}
	return target, errno(err)
}

type fileOps struct{ f *fsFS }

// openFile is an open regular file: the fs.File, and its content when it
// can neither ReadAt nor Seek.
type openFile struct {
	mu   sync.Mutex
	file fs.File
	data []byte
	read bool
}

// Open opens regular files in fsys.
func (o fileOps) Open(f *vfs.File, t *vfs.Task) error {
	if !f.Inode().IsRegular() {
		return nil
	}
	file, err := o.f.fsys.Open(pathOf(f.Inode()))
	if err != nil {
		return errno(err)
	}
	f.Private = &openFile{file: file}
	return nil
}

// Release closes the fs.File.
func (fileOps) Release(f *vfs.File) {
	if of, ok := f.Private.(*openFile); ok {
		of.file.Close()
	}
}

// ReadAt reads with io.ReaderAt, or io.Seeker, or from the whole content.
func (fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	of, ok := f.Private.(*openFile)
	if !ok {
		return 0, linux.EINVAL
	}
	of.mu.Lock()
	defer of.mu.Unlock()
	var n int
	var err error
	switch r := of.file.(type) {
	case io.ReaderAt:
		n, err = r.ReadAt(p, off)
	case io.ReadSeeker:
		if _, err = r.Seek(off, io.SeekStart); err == nil {
			n, err = io.ReadFull(r, p)
		}
	default:
		if !of.read {
			of.data, err = io.ReadAll(of.file)
			of.read = err == nil
		}
		if err == nil && off < int64(len(of.data)) {
			n = copy(p, of.data[off:])
		}
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return n, errno(err)
}

func (fileOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EROFS }

// ReadDir lists the directory with fs.ReadDir, Off counting down.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	dir := pathOf(f.Inode())
	ents, err := fs.ReadDir(o.f.fsys, dir)
	if err != nil {
		return nil, errno(err)
	}
	out := make([]vfs.Dirent, 0, len(ents))
	for i, e := range ents {
		fi, err := e.Info()
		if err != nil {
			continue
		}
		in, err := o.f.iget(path.Join(dir, e.Name()), fi)
		if err != nil {
			continue
		}
		out = append(out, vfs.Dirent{Name: e.Name(), Ino: in.Ino(), Type: uint8(in.Mode() >> 12), Off: uint64(len(ents) - i + 2)})
	}
	return out, nil
}
