// SPDX-License-Identifier: Apache-2.0

package squashfs

import (
	"math"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// baseInode is struct squashfs_base_inode, the start of every inode.
type baseInode struct {
	Type   uint16
	Mode   uint16
	UID    uint16 // index into the id table
	GID    uint16
	Mtime  uint32
	Number uint32
}

// inodeBody is what squashfs_read_inode takes from the type-specific part.
type inodeBody struct {
	format uint32 // S_IF*
	nlink  uint32
	size   int64
	blocks int64 // i_blocks, 512-byte units
	rdev   uint64
	dir    uint64 // a directory's listing: <block, offset> in the directory table
	parent uint32 // a directory's parent inode number, its ".."
	target string
	file   *fileLayout // a regular file's data
}

// node is an inode's private part (squashfs_inode_info).
type node struct {
	file   *fileLayout // a regular file's data
	dir    uint64      // a directory's listing, as in inodeBody
	parent uint32      // a directory's "..", as in inodeBody
	target string      // a symlink's target

	mu   sync.Mutex
	ents []dirEntry // a directory's listing, once read
}

// formats gives S_IF* for the basic inode types 1..7 (the extended types
// are 8..14 in the same order), as squashfs_filetype_table does for DT_*.
var formats = [8]uint32{0, linux.S_IFDIR, linux.S_IFREG, linux.S_IFLNK, linux.S_IFBLK, linux.S_IFCHR, linux.S_IFIFO, linux.S_IFSOCK}

// iget is squashfs_iget: the inode numbered ino at ref, one vfs inode for
// all its names (iget_locked's hash).
func (img *image) iget(sb *vfs.Superblock, ref uint64, ino uint32) (*vfs.Inode, error) {
	img.mu.Lock()
	in := img.inodes[ino]
	img.mu.Unlock()
	if in != nil {
		return in, nil
	}
	in, err := img.readInode(sb, ref)
	if err != nil {
		return nil, err
	}
	img.mu.Lock()
	defer img.mu.Unlock()
	if old := img.inodes[ino]; old != nil {
		return old, nil
	}
	img.inodes[ino] = in
	return in, nil
}

// readInode is squashfs_read_inode: the inode at ref in the inode table.
func (img *image) readInode(sb *vfs.Superblock, ref uint64) (*vfs.Inode, error) {
	m, err := img.metaAt(img.sb.InodeTable, ref)
	if err != nil {
		return nil, err
	}
	var base baseInode
	if err := m.read(&base); err != nil {
		return nil, err
	}
	if base.Number == 0 || int(base.UID) >= len(img.ids) || int(base.GID) >= len(img.ids) {
		return nil, linux.EINVAL
	}
	body, err := readBody(m, base.Type)
	if err != nil {
		return nil, err
	}
	attr := vfs.InodeAttr{Mode: body.format | uint32(base.Mode)&0o7777,
		UID: img.ids[base.UID], GID: img.ids[base.GID], Rdev: body.rdev}
	in := sb.NewInode(uint64(base.Number), attr, inodeOps{img: img}, fileOps{img})
	in.Private = &node{file: body.file, dir: body.dir, parent: body.parent, target: body.target}
	setNlink(in, body.nlink)
	in.Lock()
	in.SetSizeLocked(body.size)
	in.SetBlocksLocked(body.blocks)
	setTimesLocked(in, vfs.Timespec{Sec: int64(base.Mtime)})
	in.Unlock()
	return in, nil
}

// readBody reads the part of an inode that depends on its type.
func readBody(m *metaReader, typ uint16) (inodeBody, error) {
	if typ == 0 || typ > 14 {
		return inodeBody{}, linux.EINVAL
	}
	b := inodeBody{format: formats[(typ-1)%7+1]}
	var err error
	switch typ {
	case 1, 8:
		err = readDirInode(m, typ == 8, &b)
	case 2, 9:
		err = readFileInode(m, typ == 9, &b)
	case 3, 10:
		err = readSymlinkInode(m, &b)
	case 4, 5, 11, 12:
		var d struct{ Nlink, Rdev uint32 }
		err = m.read(&d)
		b.nlink, b.rdev = d.Nlink, decodeDev(d.Rdev)
	default:
		err = m.read(&b.nlink)
	}
	return b, err
}

// readDirInode reads struct squashfs_dir_inode or squashfs_ldir_inode.
func readDirInode(m *metaReader, long bool, b *inodeBody) error {
	if long {
		var d struct {
			Nlink, FileSize, StartBlock, Parent uint32
			IndexCount, Offset                  uint16
			Xattr                               uint32
		}
		err := m.read(&d)
		b.nlink, b.size, b.dir = d.Nlink, int64(d.FileSize), uint64(d.StartBlock)<<16|uint64(d.Offset)
		b.parent = d.Parent
		return err
	}
	var d struct {
		StartBlock, Nlink uint32
		FileSize, Offset  uint16
		Parent            uint32
	}
	err := m.read(&d)
	b.nlink, b.size, b.dir = d.Nlink, int64(d.FileSize), uint64(d.StartBlock)<<16|uint64(d.Offset)
	b.parent = d.Parent
	return err
}

// readFileInode reads struct squashfs_reg_inode or squashfs_lreg_inode;
// the block list that follows is read when the data is. i_blocks counts
// the whole size, less the holes of an extended inode.
func readFileInode(m *metaReader, long bool, b *inodeBody) error {
	l := &fileLayout{}
	if long {
		var f struct {
			StartBlock, FileSize, Sparse   uint64
			Nlink, Fragment, Offset, Xattr uint32
		}
		if err := m.read(&f); err != nil {
			return err
		}
		if f.FileSize > 1<<63-1 {
			return linux.EIO
		}
		b.nlink, b.size = f.Nlink, int64(f.FileSize)
		b.blocks = (b.size - int64(f.Sparse) + 511) >> 9
		*l = fileLayout{start: f.StartBlock, frag: f.Fragment, fragOff: f.Offset}
	} else {
		var f struct{ StartBlock, Fragment, Offset, FileSize uint32 }
		if err := m.read(&f); err != nil {
			return err
		}
		b.nlink, b.size = 1, int64(f.FileSize)
		b.blocks = ((b.size - 1) >> 9) + 1
		*l = fileLayout{start: uint64(f.StartBlock), frag: f.Fragment, fragOff: f.Offset}
	}
	l.size, l.list = b.size, *m
	b.file = l
	return nil
}

// readSymlinkInode reads struct squashfs_symlink_inode and its target.
func readSymlinkInode(m *metaReader, b *inodeBody) error {
	var s struct{ Nlink, Size uint32 }
	if err := m.read(&s); err != nil {
		return err
	}
	if s.Size > pageSize {
		return linux.EINVAL
	}
	target := make([]byte, s.Size)
	if err := m.read(target); err != nil {
		return err
	}
	b.nlink, b.size, b.target = s.Nlink, int64(s.Size), string(target)
	return nil
}

// decodeDev is new_decode_dev.
func decodeDev(d uint32) uint64 {
	return linux.Mkdev((d&0xfff00)>>8, d&0xff|(d>>12)&0xfff00)
}

// setNlink is set_nlink.
func setNlink(in *vfs.Inode, n uint32) { in.SetNlink(n) }

// setTimesLocked gives in the image's time as atime, mtime and ctime
// (squashfs_new_inode).
func setTimesLocked(in *vfs.Inode, t vfs.Timespec) { in.SetTimesLocked(t, t, t) }

// dirEntry is one entry of a directory listing (struct squashfs_dir_entry
// under its header).
type dirEntry struct {
	name string
	ino  uint32
	typ  uint16 // basic inode type
	ref  uint64
}

// listing returns dir's entries, read once: lookups in a large directory
// would otherwise read it all again for each name.
func (img *image) listing(dir *vfs.Inode) ([]dirEntry, error) {
	n := dir.Private.(*node)
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ents == nil {
		ents, err := img.readDir(n.dir, dir.Size())
		if err != nil {
			return nil, err
		}
		n.ents = ents
	}
	return n.ents, nil
}

// readDir reads the listing at ref of a directory of the given i_size: a
// series of headers, each followed by up to 256 entries whose inodes share
// a metadata block. i_size counts three bytes for "." and "..", which are
// not stored.
func (img *image) readDir(ref uint64, size int64) ([]dirEntry, error) {
	left := size - 3
	out := []dirEntry{}
	if left <= 0 {
		return out, nil
	}
	m, err := img.metaAt(img.sb.DirTable, ref)
	if err != nil {
		return nil, err
	}
	for left > 0 {
		var h struct{ Count, StartBlock, InodeNumber uint32 }
		if err := m.read(&h); err != nil {
			return nil, err
		}
		if h.Count >= 256 { // SQUASHFS_DIR_COUNT
			return nil, linux.EIO
		}
		left -= 12
		for range h.Count + 1 {
			e, n, err := readDirEntry(m, h.StartBlock, h.InodeNumber)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
			left -= n
		}
	}
	return out, nil
}

// readDirEntry reads one entry; its inode lies in the header's block and
// its number is relative to the header's.
func readDirEntry(m *metaReader, block, base uint32) (dirEntry, int64, error) {
	var e struct {
		Offset      uint16
		InodeNumber int16
		Type        uint16
		Size        uint16
	}
	if err := m.read(&e); err != nil {
		return dirEntry{}, 0, err
	}
	if e.Size >= 256 { // SQUASHFS_NAME_LEN
		return dirEntry{}, 0, linux.EIO
	}
	name := make([]byte, int(e.Size)+1)
	if err := m.read(name); err != nil {
		return dirEntry{}, 0, err
	}
	return dirEntry{name: string(name), ino: uint32(int64(base) + int64(e.InodeNumber)), typ: e.Type,
		ref: uint64(block)<<16 | uint64(e.Offset)}, 8 + int64(len(name)), nil
}

// inodeOps are squashfs's inode operations: lookups and links; every
// change is EROFS (the VFS refuses them first on the read-only
// superblock).
type inodeOps struct {
	libfs.ReadOnly
	img *image
}

// Lookup is squashfs_lookup.
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	ents, err := o.img.listing(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if e.name == name {
			return o.img.iget(dir.Superblock(), e.ref, e.ino)
		}
	}
	return nil, linux.ENOENT
}

// Readlink is squashfs_symlink_read_folio's result.
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	if !in.IsSymlink() {
		return "", linux.EINVAL
	}
	return in.Private.(*node).target, nil
}

// fileOps are squashfs_dir_ops for directories and generic_ro_fops for
// regular files, whose data data.go reads.
type fileOps struct{ img *image }

// ReadAt is filemap_read over squashfs_read_folio: data up to i_size.
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	n, _ := in.Private.(*node)
	if n == nil || n.file == nil {
		return 0, linux.EISDIR
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	p = p[:min(int64(len(p)), size-off)]
	if err := o.img.readFile(n.file, p, off); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteAt is never reached: no file opens for writing on squashfs.
func (fileOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EROFS }

// ReadDir is squashfs_readdir after "." and "..": the listing in its
// on-disk (sorted) order.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	return o.ReadDirBelow(f, math.MaxUint64, nil, 0)
}

// ReadDirBelow is ReadDir a page at a time (vfs.DirPager), from the
// listing read once: a getdents call costs the entries it returns, where
// building the whole listing at each call made small buffers quadratic.
func (o fileOps) ReadDirBelow(f *vfs.File, cursor uint64, out []vfs.Dirent, n int) ([]vfs.Dirent, error) {
	dir := f.Inode()
	if !dir.IsDir() {
		return out, linux.ENOTDIR
	}
	ents, err := o.img.listing(dir)
	if err != nil {
		return out, err
	}
	start, end := vfs.PageBounds(len(ents), cursor, n)
	for i := start; i < end; i++ {
		e := &ents[i]
		out = append(out, vfs.Dirent{Name: e.name, Ino: uint64(e.ino), Type: direntType(e.typ), Off: uint64(len(ents) - i)})
	}
	return out, nil
}

// DotDotIno is the ".." squashfs_readdir emits: the parent number the
// image records (go-diskfs records 0 for every directory).
func (fileOps) DotDotIno(f *vfs.File) uint64 {
	return uint64(f.Inode().Private.(*node).parent)
}

// direntType is squashfs_filetype_table.
func direntType(typ uint16) uint8 {
	if typ == 0 || typ > 7 {
		return linux.DT_UNKNOWN
	}
	return linux.DirentType(formats[typ])
}
