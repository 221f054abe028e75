// SPDX-License-Identifier: Apache-2.0

// Package libfs holds what in-memory filesystems share, like the kernel's
// fs/libfs.c (simple_lookup, simple_link, simple_unlink, simple_rmdir,
// simple_rename) and the page-cache storage of shmem and ramfs: the dentry
// cache is the whole directory tree, file data lives in pages.
package libfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// PageSize is PAGE_SIZE.
const PageSize = 4096

// bogoDirentSize is BOGO_DIRENT_SIZE: tmpfs counts a directory's size as 20
// bytes per entry, "." and ".." included.
const bogoDirentSize = 20

// Accounting is the space bookkeeping of a filesystem (shmem_sb_info); nil
// means unlimited (ramfs).
type Accounting interface {
	ReserveInode() error // shmem_reserve_inode: ENOSPC when full
	FreeInode()
	ReservePages(n int64) error // shmem_inode_acct_blocks
	FreePages(n int64)
}

// FS is one in-memory filesystem instance's policy.
type FS struct {
	Acct Accounting
	// NextIno numbers new inodes; nil numbers them by the superblock's
	// own counter (Superblock.NextIno), without a method value to
	// allocate per mount.
	NextIno func() uint64
	// DirSizes makes directories report 20 bytes per entry (tmpfs); ramfs
	// directories report 0.
	DirSizes bool
	// CountBlocks makes regular files and long symlinks report their pages
	// in st_blocks (tmpfs).
	CountBlocks bool
	// CanFallocate gives regular files fallocate(2) (tmpfs).
	CanFallocate bool
	// Xattrs gives inodes extended attributes (tmpfs).
	Xattrs bool
	// Whiteouts lets rename leave a whiteout (RENAME_WHITEOUT, tmpfs).
	Whiteouts bool
	// Fileattrs gives regular files and directories inode flags
	// (FS_IOC_GETFLAGS, FS_IOC_SETFLAGS; tmpfs).
	Fileattrs bool

	xattrs  xattrStore
	fsflags flagStore
}

// data is the content of a regular file: sparse pages.
type data struct {
	mu    sync.RWMutex // readers share it: reads of one file on many cores
	pages pageTable
	// unwritten marks pages fallocate gave and nothing has written yet
	// (shmem's !uptodate folios): they read as zeros and count as holes
	// for SEEK_DATA and SEEK_HOLE.
	unwritten map[int64]bool
}

// link is a symlink's target and whether it took a page.
type link struct {
	target string
	paged  bool
}

// shortSymlinkLen is SHORT_SYMLINK_LEN: longer targets take a page.
const shortSymlinkLen = 128

// NewRoot makes the root directory inode of sb with attr and returns its
// dentry (d_make_root).
func (fs *FS) NewRoot(sb *vfs.Superblock, attr vfs.InodeAttr) (*vfs.Dentry, error) {
	in, err := fs.newInode(sb, attr, nil)
	if err != nil {
		return nil, err
	}
	return vfs.NewRootDentry(in), nil
}

func (fs *FS) newInode(sb *vfs.Superblock, attr vfs.InodeAttr, priv any) (*vfs.Inode, error) {
	if fs.Acct != nil {
		if err := fs.Acct.ReserveInode(); err != nil {
			return nil, err
		}
	}
	var ino uint64
	if fs.NextIno != nil {
		ino = fs.NextIno()
	} else {
		ino = sb.NextIno()
	}
	in := sb.NewInode(ino, attr, fs, fs)
	in.Private = priv
	switch attr.Mode & linux.S_IFMT {
	case linux.S_IFREG:
		in.Private = &data{}
	case linux.S_IFDIR:
		if fs.DirSizes {
			in.Lock()
			in.SetSizeLocked(2 * bogoDirentSize)
			in.Unlock()
		}
	}
	return in, nil
}

// dirAdd keeps a tmpfs directory's bogus size. Every caller is a
// namespace operation holding the directory's i_rwsem (the dentry's lock),
// which already keeps the changes apart; nothing else writes a
// directory's size, and readers load it atomically, so the inode's lock
// is not taken (two round trips per rename in its profile).
func (fs *FS) dirAdd(dir *vfs.Inode, n int64) {
	if !fs.DirSizes || n == 0 {
		return
	}
	dir.SetSizeLocked(dir.SizeLocked() + n*bogoDirentSize)
}

// Lookup is simple_lookup: the dcache has every name there is.
func (fs *FS) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if len(name) > linux.NAME_MAX {
		return nil, linux.ENAMETOOLONG
	}
	return nil, linux.ENOENT
}

// Mknod is shmem_mknod/ramfs_mknod.
func (fs *FS) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	in, err := fs.newInode(dir.Superblock(), attr, nil)
	if err != nil {
		return nil, err
	}
	fs.inheritFlags(dir, in)
	fs.dirAdd(dir, 1)
	return in, nil
}

// Mkdir is shmem_mkdir: a new directory adds a link to its parent.
func (fs *FS) Mkdir(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	in, err := fs.Mknod(dir, name, attr)
	if err != nil {
		return nil, err
	}
	dir.IncNlink()
	return in, nil
}

// Symlink is shmem_symlink.
func (fs *FS) Symlink(dir *vfs.Inode, name, target string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if len(target)+1 > PageSize {
		return nil, linux.ENAMETOOLONG
	}
	l := &link{target: target, paged: len(target) >= shortSymlinkLen && fs.CountBlocks}
	if l.paged && fs.Acct != nil {
		if err := fs.Acct.ReservePages(1); err != nil {
			return nil, err
		}
	}
	in, err := fs.newInode(dir.Superblock(), attr, l)
	if err != nil {
		if l.paged && fs.Acct != nil {
			fs.Acct.FreePages(1)
		}
		return nil, err
	}
	in.Lock()
	in.SetSizeLocked(int64(len(target)))
	if l.paged {
		in.SetBlocksLocked(PageSize / 512)
	}
	in.Unlock()
	fs.inheritFlags(dir, in)
	fs.dirAdd(dir, 1)
	return in, nil
}

// Readlink is simple_get_link.
func (fs *FS) Readlink(in *vfs.Inode) (string, error) {
	l, ok := in.Private.(*link)
	if !ok {
		return "", linux.EINVAL
	}
	return l.target, nil
}

// Tmpfile is shmem_tmpfile: an inode with no name yet.
func (fs *FS) Tmpfile(dir *vfs.Inode, attr vfs.InodeAttr) (*vfs.Inode, error) {
	in, err := fs.newInode(dir.Superblock(), attr, nil)
	if err == nil {
		fs.inheritFlags(dir, in)
	}
	return in, err
}

// Link is shmem_link: on tmpfs every extra name takes an inode slot (the
// first name of an O_TMPFILE inode uses the slot it already has).
func (fs *FS) Link(old *vfs.Inode, dir *vfs.Inode, name string) error {
	if fs.Acct != nil && old.Nlink() > 0 {
		if err := fs.Acct.ReserveInode(); err != nil {
			return err
		}
	}
	old.IncNlink()
	fs.dirAdd(dir, 1)
	return nil
}

// Unlink is shmem_unlink/simple_unlink.
func (fs *FS) Unlink(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	fs.dirAdd(dir, -1)
	fs.dropLink(victim)
	return nil
}

// dropLink removes one name of in; with the last one, the inode is freed
// now or, if files are still open on it, when the last one closes.
func (fs *FS) dropLink(in *vfs.Inode) {
	in.DropNlink()
	if fs.Acct == nil {
		return
	}
	if in.Nlink() > 0 {
		fs.Acct.FreeInode()
		return
	}
	fs.maybeEvict(in)
}

func (fs *FS) maybeEvict(in *vfs.Inode) {
	if fs.Acct != nil && in.TryEvict() {
		fs.EvictInode(in)
	}
}

// EvictInode is shmem_evict_inode: the inode's slot and pages go back to
// the filesystem's pool.
func (fs *FS) EvictInode(in *vfs.Inode) {
	if fs.Fileattrs && fs.fsflags.get(in) != 0 {
		fs.fsflags.set(in, 0)
	}
	if space := fs.dropXattrs(in); space != 0 {
		if ia, ok := fs.Acct.(IspaceAccounting); ok {
			ia.FreeIspace(space)
		}
	}
	if fs.Acct == nil {
		return
	}
	fs.Acct.FreeInode()
	switch p := in.Private.(type) {
	case *data:
		p.mu.Lock()
		fs.Acct.FreePages(p.pages.truncate(0, releasePage))
		p.mu.Unlock()
	case *link:
		if p.paged {
			fs.Acct.FreePages(1)
		}
	}
}

// Whiteout is shmem_whiteout: the 0:0 character device RENAME_WHITEOUT
// leaves in the source's place; EINVAL where rename takes no such flag
// (simple_rename on ramfs).
func (fs *FS) Whiteout(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if !fs.Whiteouts {
		return nil, linux.EINVAL
	}
	return fs.Mknod(dir, name, attr)
}

// Rmdir is simple_rmdir (the VFS has checked emptiness).
func (fs *FS) Rmdir(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	victim.ClearNlink()
	dir.DropNlink()
	fs.dirAdd(dir, -1)
	fs.maybeEvict(victim)
	return nil
}

// Rename is shmem_rename2/simple_rename.
func (fs *FS) Rename(oldDir *vfs.Inode, oldName string, src *vfs.Inode, newDir *vfs.Inode, newName string, target *vfs.Inode, flags uint32) error {
	srcDir := src.IsDir()
	if flags&linux.RENAME_EXCHANGE != 0 {
		if oldDir != newDir && srcDir != target.IsDir() {
			if srcDir {
				oldDir.DropNlink()
				newDir.IncNlink()
			} else {
				newDir.DropNlink()
				oldDir.IncNlink()
			}
		}
		return nil
	}
	if target != nil {
		fs.dirAdd(newDir, -1)
		if target.IsDir() {
			target.ClearNlink()
			newDir.DropNlink()
			fs.maybeEvict(target)
		} else {
			fs.dropLink(target)
		}
	}
	if srcDir && oldDir != newDir {
		oldDir.DropNlink()
		newDir.IncNlink()
	}
	if oldDir != newDir { // within one directory the count stays
		fs.dirAdd(oldDir, -1)
		fs.dirAdd(newDir, 1)
	}
	return nil
}
