// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/kernfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The inode and file operations (kernfs's, with cgroup's kernfs syscall
// operations for mkdir and rmdir): nothing is stored, a directory is
// listed and a name looked up from the hierarchy.

// node is what an inode stands for: a cgroup's directory (file < 0) or
// one of its interface files (an index into files).
type node struct {
	c    *cgroup
	file int
}

type inodeOps struct{ h *hierarchy }

func nodeOf(in *vfs.Inode) node { return in.Private.(node) }

// inode makes n's inode; the hierarchy's mu is held.
func (h *hierarchy) inode(sb *vfs.Superblock, n node) *vfs.Inode {
	ops := inodeOps{h}
	a := n.c.attrs[n.file+1]
	in := sb.NewInode(n.c.ino+uint64(n.file+1), vfs.InodeAttr{Mode: a.mode, UID: a.uid, GID: a.gid}, ops, ops)
	in.Private = n
	return in
}

// Lookup is kernfs_iop_lookup: a child cgroup or an interface file.
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	n := nodeOf(dir)
	o.h.mu.Lock()
	defer o.h.mu.Unlock()
	if n.c.dead {
		return nil, linux.ENOENT
	}
	if ch := n.c.lookup(name); ch != nil {
		return o.h.inode(dir.Superblock(), node{c: ch, file: -1}), nil
	}
	for i, f := range files {
		if f.name == name && n.c.present(i) {
			return o.h.inode(dir.Superblock(), node{c: n.c, file: i}), nil
		}
	}
	return nil, linux.ENOENT
}

// Setattr is kernfs_iop_setattr: a chmod or chown is kept in the
// hierarchy, so that the node has it when its inode is made again.
func (o inodeOps) Setattr(in *vfs.Inode, a *vfs.Iattr) error {
	n := nodeOf(in)
	o.h.mu.Lock()
	defer o.h.mu.Unlock()
	at := &n.c.attrs[n.file+1]
	if a.Valid&vfs.ATTR_MODE != 0 {
		at.mode = at.mode&linux.S_IFMT | a.Mode&0o7777
	}
	if a.Valid&vfs.ATTR_UID != 0 {
		at.uid = a.UID
	}
	if a.Valid&vfs.ATTR_GID != 0 {
		at.gid = a.GID
	}
	return nil
}

// Revalidate is kernfs_dop_revalidate: a removed cgroup's names go, and
// so do files hidden since.
func (o inodeOps) Revalidate(_ *vfs.Inode, _ string, child *vfs.Inode) bool {
	n, ok := child.Private.(node)
	if !ok {
		return false
	}
	o.h.mu.Lock()
	defer o.h.mu.Unlock()
	return !n.c.dead && (n.file < 0 || n.c.present(n.file))
}

// Getattr gives a directory kernfs's link count: two, and one for each
// child cgroup.
func (o inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	n := nodeOf(in)
	if n.file >= 0 {
		return
	}
	o.h.mu.Lock()
	defer o.h.mu.Unlock()
	st.Nlink = 2 + uint32(len(n.c.children))
}

// ReadDir is kernfs_fop_readdir: the files and child cgroups, in
// kernfs's order.
func (o inodeOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	c := nodeOf(f.Inode()).c
	o.h.mu.Lock()
	var out []vfs.Dirent
	if !c.dead {
		for i, cf := range files {
			if c.present(i) {
				out = append(out, vfs.Dirent{Name: cf.name, Ino: c.ino + uint64(i) + 1, Type: linux.DT_REG})
			}
		}
		for _, ch := range c.children {
			out = append(out, vfs.Dirent{Name: ch.name, Ino: ch.ino, Type: linux.DT_DIR})
		}
	}
	o.h.mu.Unlock()
	return kernfs.Order(out), nil
}

// openFile is an interface file open: its call (with the opener as the
// task, for reads and writes by the kernel itself), and the text of the
// last read from offset 0 (a seq_file's buffer).
type openFile struct {
	x    call
	cf   *cftype
	text []byte
	err  error
	// hasTrigger: a pressure file took its one trigger.
	hasTrigger bool
}

// Open is kernfs_fop_open: opening for writing needs a write method
// (EACCES, even for root).
func (o inodeOps) Open(f *vfs.File, t *vfs.Task) error {
	n := nodeOf(f.Inode())
	if n.file < 0 {
		return nil
	}
	cf := &files[n.file]
	if f.Writable() && cf.write == nil {
		return linux.EACCES
	}
	of := &openFile{x: call{c: n.c, t: t, ns: t.CgroupNamespace()}, cf: cf}
	of.x.of = of
	f.Private = of
	return nil
}

// removed reports whether c's directory is gone: its files, still
// open, read and write nothing (kernfs has deactivated them: ENODEV).
func (h *hierarchy) removed(c *cgroup) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return c.dead
}

// ReadAt is a read by the kernel itself, as if by the opener.
func (o inodeOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	of, ok := f.Private.(*openFile)
	if !ok {
		return 0, linux.EISDIR
	}
	return o.ReadAtBy(of.x.t, f, p, off)
}

// ReadAtBy is seq_read by task t: the show method runs for a read from
// offset 0, later reads continue its text.
func (o inodeOps) ReadAtBy(t *vfs.Task, f *vfs.File, p []byte, off int64) (int, error) {
	of, ok := f.Private.(*openFile)
	if !ok {
		return 0, linux.EISDIR
	}
	if o.h.removed(of.x.c) {
		return 0, linux.ENODEV
	}
	if off == 0 || of.text == nil && of.err == nil {
		if of.cf.show == nil {
			return 0, linux.EINVAL
		}
		s, err := of.cf.show(of.x.by(t, f))
		of.text, of.err = []byte(s), err
	}
	if of.err != nil {
		return 0, of.err
	}
	if off >= int64(len(of.text)) {
		return 0, nil
	}
	return copy(p, of.text[off:]), nil
}

// WriteAt is a write by the kernel itself, as if by the opener.
func (o inodeOps) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	of, ok := f.Private.(*openFile)
	if !ok {
		return 0, linux.EINVAL
	}
	return o.WriteAtBy(of.x.t, f, p, off)
}

// WriteAtBy is cgroup_file_write by task t: the whole buffer goes to
// the write method, whatever the offset.
func (o inodeOps) WriteAtBy(t *vfs.Task, f *vfs.File, p []byte, _ int64) (int, error) {
	of, ok := f.Private.(*openFile)
	if !ok || of.cf.write == nil {
		return 0, linux.EINVAL
	}
	if o.h.removed(of.x.c) {
		return 0, linux.ENODEV
	}
	if err := of.x.mayWrite(of.cf); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if err := of.cf.write(of.x.by(t, f), string(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Truncate: an O_TRUNC open (as "echo x > file" does) changes nothing.
func (o inodeOps) Truncate(*vfs.Inode, int64) error { return nil }

// Mkdir is cgroup_mkdir: a new cgroup with the mode asked for, owned by
// its maker.
func (o inodeOps) Mkdir(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	uid, gid := attr.UID, attr.GID
	if attr.Creator != nil {
		uid, gid = attr.Creator.FSUID, attr.Creator.FSGID
	}
	c, err := o.h.mkdir(nodeOf(dir).c, name, attr.Mode&0o7777, uid, gid)
	if err != nil {
		return nil, err
	}
	o.h.mu.Lock()
	defer o.h.mu.Unlock()
	return o.h.inode(dir.Superblock(), node{c: c, file: -1}), nil
}

// ChecksRmdir implements vfs.RmdirChecker: interface files do not make a
// cgroup's directory "not empty".
func (o inodeOps) ChecksRmdir() {}

// Rmdir is cgroup_rmdir.
func (o inodeOps) Rmdir(_ *vfs.Inode, _ string, victim *vfs.Inode) error {
	return o.h.rmdir(nodeOf(victim).c)
}

// Mknod: kernfs has no create (EACCES for a regular file) and no mknod.
func (o inodeOps) Mknod(_ *vfs.Inode, _ string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT == linux.S_IFREG {
		return nil, linux.EACCES
	}
	return nil, linux.EPERM
}

func (o inodeOps) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o inodeOps) Link(*vfs.Inode, *vfs.Inode, string) error   { return linux.EPERM }
func (o inodeOps) Unlink(*vfs.Inode, string, *vfs.Inode) error { return linux.EPERM }

// Rename is cgroup_rename: the unified hierarchy renames nothing.
func (o inodeOps) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EPERM
}

func (o inodeOps) Readlink(*vfs.Inode) (string, error) { return "", linux.EINVAL }
