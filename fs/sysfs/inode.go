// SPDX-License-Identifier: Apache-2.0

package sysfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/kernfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The inode and file operations of sysfs (kernfs_dir_iops, kernfs_iops,
// kernfs_file_fops and sysfs's attribute ops), all on the tree.

func nodeOf(in *vfs.Inode) node { return in.Private.(node) }

// Lookup is kernfs_iop_lookup.
func (tr *tree) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	n, ok := tr.lookup(nodeOf(dir), name)
	if !ok {
		return nil, linux.ENOENT
	}
	return tr.inode(n), nil
}

// Revalidate is kernfs_dop_revalidate: a cached name goes when what it
// stood for is gone (a device removed, a group taken away).
func (tr *tree) Revalidate(_ *vfs.Inode, _ string, child *vfs.Inode) bool {
	n, ok := child.Private.(node)
	return ok && tr.exists(n)
}

// Getattr gives a directory's link count as kernfs keeps it: two, and
// one for each directory in it.
func (tr *tree) Getattr(in *vfs.Inode, st *vfs.Statx) {
	n := nodeOf(in)
	if modeOf(n)&linux.S_IFMT != linux.S_IFDIR {
		return
	}
	st.Nlink = 2
	for _, e := range tr.children(n) {
		if modeOf(e.n)&linux.S_IFMT == linux.S_IFDIR {
			st.Nlink++
		}
	}
}

// ReadDir is kernfs_fop_readdir: the entries in hash order, each at the
// offset of its hash (names of one hash told apart by a low byte), so a
// listing resumes after the last name it gave whatever came and went.
func (tr *tree) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	es := tr.children(nodeOf(f.Inode()))
	out := make([]vfs.Dirent, len(es))
	for i, e := range es {
		out[i] = vfs.Dirent{Name: e.name, Ino: tr.inos.of(tr, e.n), Type: linux.DirentType(modeOf(e.n))}
	}
	return kernfs.Order(out), nil
}

// Readlink is kernfs_iop_get_link: the link's relative target.
func (tr *tree) Readlink(in *vfs.Inode) (string, error) {
	n := nodeOf(in)
	if n.kind != kindLink {
		return "", linux.EINVAL
	}
	return n.target, nil
}

// openAttr is an open attribute file: the text its show gave at open,
// or the error it failed with, reported by reads.
type openAttr struct {
	text []byte
	err  error
	file devFile
}

// Open is kernfs_fop_open: opening for writing needs a store method
// (EACCES without, even for root); the show method runs now, in the
// opener's context, and reads return its text.
func (tr *tree) Open(f *vfs.File, t *vfs.Task) error {
	n := nodeOf(f.Inode())
	if n.kind != kindDevFile {
		return nil
	}
	df, ok := findDevFile(n.dev, n.rel)
	if !ok || !tr.alive(n.dev) {
		return linux.ENODEV // kernfs_get_active failed: the node is being removed
	}
	if f.Writable() && df.store == nil {
		return linux.EACCES
	}
	o := &openAttr{file: df}
	if f.Flags()&linux.O_ACCMODE != linux.O_WRONLY {
		s, err := df.show(t)
		o.text, o.err = []byte(s), err
	}
	f.Private = o
	return nil
}

// ReadAt reads the text generated at open.
// Fsync is kernfs's noop_fsync for attribute files; a directory has no
// fsync (EINVAL).
func (tr *tree) Fsync(f *vfs.File, _ bool) error {
	if _, ok := f.Private.(*openAttr); !ok {
		return linux.EINVAL
	}
	return nil
}

func (tr *tree) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	o, ok := f.Private.(*openAttr)
	if !ok {
		return 0, linux.EISDIR
	}
	if o.err != nil {
		return 0, o.err
	}
	if off >= int64(len(o.text)) {
		return 0, nil
	}
	return copy(p, o.text[off:]), nil
}

// WriteAt is sysfs_kf_write: the whole buffer goes to the store method,
// whatever the offset.
func (tr *tree) WriteAt(f *vfs.File, p []byte, _ int64) (int, error) {
	o, ok := f.Private.(*openAttr)
	if !ok || o.file.store == nil {
		return 0, linux.EINVAL
	}
	if len(p) == 0 {
		return 0, nil
	}
	if err := o.file.store(tr.k, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Truncate: an O_TRUNC open of an attribute (as "echo x > attr" does)
// changes nothing.
func (tr *tree) Truncate(*vfs.Inode, int64) error { return nil }

// Nothing is made, linked, removed or renamed in sysfs by hand: kernfs
// has no create (EACCES) and no mknod, symlink, link, unlink or rename,
// and its mkdir and rmdir refuse (EPERM) where no syscall ops are set.
func (tr *tree) Mknod(_ *vfs.Inode, _ string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT == linux.S_IFREG {
		return nil, linux.EACCES
	}
	return nil, linux.EPERM
}

func (tr *tree) Mkdir(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (tr *tree) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (tr *tree) Link(*vfs.Inode, *vfs.Inode, string) error   { return linux.EPERM }
func (tr *tree) Unlink(*vfs.Inode, string, *vfs.Inode) error { return linux.EPERM }
func (tr *tree) Rmdir(*vfs.Inode, string, *vfs.Inode) error  { return linux.EPERM }

func (tr *tree) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EPERM
}
