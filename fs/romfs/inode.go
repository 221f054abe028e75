// SPDX-License-Identifier: Apache-2.0

package romfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// node is struct romfs_inode_info: where the inode's data starts.
type node struct {
	dataOffset uint32
	spec       uint32 // a directory's first entry
}

// maxHops bounds the hard-link chains and directory lists walked: the
// kernel follows them without a limit, and a corrupt image whose offsets
// loop would never end.
func (img *image) maxHops() int { return int(img.size/headerSize) + 1 }

// iget is romfs_iget: the inode whose header is at pos, after following
// hard links to their target; the target's offset is the inode number.
func (img *image) iget(pos uint32) (*vfs.Inode, error) {
	var h header
	var err error
	for hops := 0; ; hops++ {
		if h, err = img.header(pos); err != nil {
			return nil, img.readError(pos, err)
		}
		if h.next&typeMask != typeHardLink {
			break
		}
		if hops > img.maxHops() {
			return nil, img.readError(pos, linux.EIO)
		}
		pos = h.spec & alignMask
	}
	name, err := img.name(pos + headerSize)
	if err != nil {
		return nil, img.readError(pos, linux.EIO)
	}
	img.mu.Lock()
	in := img.inodes[pos]
	img.mu.Unlock()
	if in != nil {
		return in, nil
	}
	in = img.newInode(pos, h, uint32(len(name)))
	img.mu.Lock()
	defer img.mu.Unlock()
	if old := img.inodes[pos]; old != nil {
		return old, nil
	}
	img.inodes[pos] = in
	return in, nil
}

func (img *image) readError(pos uint32, err error) error {
	img.sb.Kernel().Printk(vfs.KernErr + "romfs: read error for inode 0x" + hex(pos))
	return err
}

func hex(v uint32) string {
	const digits = "0123456789abcdef"
	if v == 0 {
		return "0"
	}
	var b []byte
	for ; v != 0; v >>= 4 {
		b = append([]byte{digits[v&15]}, b...)
	}
	return string(b)
}

// newInode sets an inode up as romfs_iget does: one link, times zero,
// the mode from the type (plus x for all with the exec bit on a file or
// directory), a directory's size its header's, a device's number from
// spec.
func (img *image) newInode(pos uint32, h header, nameLen uint32) *vfs.Inode {
	meta := (headerSize + nameLen + 1 + 15) & alignMask
	typ := h.next & typeMask
	mode := modeMap[typ]
	size := int64(h.size)
	var rdev uint64
	switch typ {
	case typeDir:
		size = int64(meta)
		if h.next&execBit != 0 {
			mode |= 0o111
		}
	case typeReg:
		if h.next&execBit != 0 {
			mode |= 0o111
		}
	case typeBlock, typeChar:
		rdev = linux.Mkdev(h.spec>>16, h.spec&0xffff)
	}
	in := img.sb.NewInode(uint64(pos), vfs.InodeAttr{Mode: mode, Rdev: rdev}, inodeOps{img: img}, fileOps{img})
	in.Private = &node{dataOffset: pos + meta, spec: h.spec & alignMask}
	in.SetNlink(1)
	in.Lock()
	in.SetSizeLocked(size)
	in.SetBlocksLocked((size + 511) >> 9)
	in.SetTimesLocked(vfs.Timespec{}, vfs.Timespec{}, vfs.Timespec{})
	in.Unlock()
	return in
}

// entry is one header of a directory's list.
type entry struct {
	pos  uint32
	name string
	next uint32
	spec uint32
}

// list walks a directory's headers from its first (its spec), up to an
// offset of 0 or past the image; a read error ends it.
func (img *image) list(dir *vfs.Inode, fn func(e entry) (bool, error)) error {
	off := dir.Private.(*node).spec
	for hops := 0; off != 0 && off < img.size && hops <= img.maxHops(); hops++ {
		h, err := img.header(off)
		if err != nil {
			return err
		}
		name, err := img.name(off + headerSize)
		if err != nil {
			return err
		}
		if more, err := fn(entry{pos: off, name: string(name), next: h.next, spec: h.spec}); !more || err != nil {
			return err
		}
		off = h.next & alignMask
	}
	return nil
}

// inodeOps are romfs_dir_inode_operations and the symlinks'
// page_get_link; every change is EROFS.
type inodeOps struct {
	libfs.ReadOnly
	img *image
}

// Lookup is romfs_lookup: the first header of the list with the name
// (romfs_dev_strcmp: names longer than ROMFS_MAXFN are ENAMETOOLONG).
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if len(name) > maxName {
		return nil, linux.ENAMETOOLONG
	}
	var found *vfs.Inode
	err := o.img.list(dir, func(e entry) (bool, error) {
		// romfs_dev_strcmp reads the name and its NUL whole: an entry
		// too near the image's end for that is EIO, not a mismatch.
		if uint64(len(name))+1 > uint64(o.img.size)-uint64(e.pos)-headerSize {
			return false, linux.EIO
		}
		if e.name != name {
			return true, nil
		}
		pos := e.pos
		if e.next&typeMask == typeHardLink {
			pos = e.spec & alignMask
		}
		in, err := o.img.iget(pos)
		found = in
		return false, err
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, linux.ENOENT
	}
	return found, nil
}

// Readlink reads a symlink's target, its data.
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	if !in.IsSymlink() {
		return "", linux.EINVAL
	}
	size := min(in.Size(), 4095)
	b, err := o.img.read(in.Private.(*node).dataOffset, uint32(size))
	if err != nil {
		return "", linux.EIO
	}
	return string(b), nil
}

// fileOps are romfs_dir_operations and romfs_ro_fops.
type fileOps struct{ img *image }

// ReadAt is romfs_read_folio through the page cache: data up to i_size,
// EIO for data outside the image.
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	n := min(int64(len(p)), size-off)
	b, err := o.img.read(in.Private.(*node).dataOffset+uint32(off), uint32(n))
	if err != nil {
		return 0, linux.EIO
	}
	return copy(p, b), nil
}

// WriteAt is never reached on the read-only superblock.
func (fileOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EROFS }

// ListsDots: romfs_readdir lists the image's own "." and ".." headers
// where they are, with the numbers their hard links give.
func (fileOps) ListsDots() bool { return true }

// ReadDir is romfs_readdir: every header of the list in image order; a
// hard link shows its target's offset as d_ino and DT_UNKNOWN.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	dir := f.Inode()
	if !dir.IsDir() {
		return nil, linux.ENOTDIR
	}
	var out []vfs.Dirent
	o.img.list(dir, func(e entry) (bool, error) {
		ino := uint64(e.pos)
		if e.next&typeMask == typeHardLink {
			ino = uint64(e.spec)
		}
		name := e.name[:min(len(e.name), maxName-1)] // romfs_readdir's buffer
		out = append(out, vfs.Dirent{Name: name, Ino: ino, Type: direntTypes[e.next&typeMask]})
		return true, nil
	})
	for i := range out {
		out[i].Off = uint64(len(out) - i)
	}
	return out, nil
}
