// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"bytes"
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// In-inode extended attributes (xattr.h).
const (
	xattrMagic       = 0xEA020000
	xattrIndexSystem = 7
)

// inlineData is a file's bytes kept in its inode (ext4_read_inline_data):
// the 60 bytes of i_block, then the value of the system.data attribute.
func (fs *filesystem) inlineData(ri *rawInode) ([]byte, error) {
	data := append([]byte(nil), ri.block[:]...)
	value, err := ri.ibodyXattr(xattrIndexSystem, "data")
	if err != nil {
		return nil, err
	}
	return append(data, value...), nil
}

// ibodyXattr finds an attribute in the space after the inode's extra
// fields (ext4_xattr_ibody_get), nil if it is not there.
func (ri *rawInode) ibodyXattr(index uint8, name string) ([]byte, error) {
	le := binary.LittleEndian
	start := goodOldInode + int(ri.extraIsize)
	if start+4 > len(ri.raw) || le.Uint32(ri.raw[start:]) != xattrMagic {
		return nil, nil
	}
	body := ri.raw[start+4:]
	for off := 0; off+4 <= len(body) && le.Uint32(body[off:]) != 0; {
		if off+16 > len(body) {
			return nil, linux.EUCLEAN
		}
		nlen := int(body[off])
		end := off + (nlen+16+3)&^3
		if end > len(body) {
			return nil, linux.EUCLEAN
		}
		if body[off+1] == index && string(body[off+16:off+16+nlen]) == name {
			voff, vsize := int(le.Uint16(body[off+2:])), int(le.Uint32(body[off+8:]))
			if le.Uint32(body[off+4:]) != 0 || voff+vsize > len(body) || voff+vsize < voff {
				return nil, linux.EUCLEAN
			}
			return body[voff : voff+vsize], nil
		}
		off = end
	}
	return nil, nil
}

// inodeOps are ext4's inode operations: lookups and links here, the
// changes in namei.go (EROFS on a read-only mount, which the VFS refuses
// first anyway).
type inodeOps struct{ fs *filesystem }

// Lookup is ext4_lookup: the name's inode, with the checks that turn a
// bad or deleted inode number into corruption.
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if len(name) > nameLen {
		return nil, linux.ENAMETOOLONG
	}
	l, err := o.fs.listing(dir)
	if err != nil {
		return nil, err
	}
	i, ok := l.byName[name]
	if !ok {
		return nil, linux.ENOENT
	}
	ino := l.ents[i].ino
	if ino != rootIno && ino < o.fs.firstIno || ino > o.fs.sb.inodesCount {
		o.fs.printk(dir.Superblock().Kernel(), "error: ext4_lookup: inode #%d: bad inode number: %d", dir.Ino(), ino)
		return nil, linux.EUCLEAN
	}
	in, err := o.fs.iget(dir.Superblock(), ino)
	if err == linux.ESTALE {
		o.fs.printk(dir.Superblock().Kernel(), "error: ext4_lookup: inode #%d: deleted inode referenced: %d", dir.Ino(), ino)
		return nil, linux.EUCLEAN
	}
	return in, err
}

// Readlink is ext4_get_link: a fast symlink's target from i_block, a slow
// one's from its first block (cut at a NUL, at most a block less one).
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	if !in.IsSymlink() {
		return "", linux.EINVAL
	}
	n := in.Private.(*node)
	ri := n.ri
	size := in.Size()
	if ri.flags&flagInlineData != 0 {
		data, err := o.fs.inlineData(ri)
		if err != nil {
			return "", err
		}
		return cString(data[:min(int64(len(data)), size)]), nil
	}
	if o.fs.fastSymlinkNow(in) {
		return string(ri.block[:min(size, int64(len(ri.block)))]), nil
	}
	pblk, mapped, err := lookupOne(n.mapper(), 0)
	if err != nil {
		return "", err
	}
	if !mapped {
		return "", linux.EUCLEAN
	}
	blk, err := o.fs.readBlock(pblk)
	if err != nil {
		return "", err
	}
	return cString(blk[:min(size, int64(len(blk)-1))]), nil
}

// cString is b up to its first NUL.
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// statxAttrs are the inode flags ext4_getattr reports as statx
// attributes.
var statxAttrs = []struct {
	flag uint32
	attr uint64
}{
	{0x20, linux.STATX_ATTR_APPEND}, {0x4, linux.STATX_ATTR_COMPRESSED}, {flagEncrypt, linux.STATX_ATTR_ENCRYPTED},
	{0x10, linux.STATX_ATTR_IMMUTABLE}, {0x40, linux.STATX_ATTR_NODUMP}, {0x100000, linux.STATX_ATTR_VERITY},
}

// Getattr is ext4_getattr's birth time (the inode's crtime where it has
// room for one) and attributes (its flags), and ext4_file_getattr's sectors for a regular file kept
// in its inode (which owns no blocks, and would look wholly sparse).
func (o inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	ri := in.Private.(*node).ri
	if ri.flags&flagInlineData != 0 && in.IsRegular() {
		st.Blocks += (st.Size + 511) >> 9
	}
	for _, a := range statxAttrs {
		if ri.flags&a.flag != 0 {
			st.Attributes |= a.attr
		}
		st.AttrMask |= a.attr
	}
	if ri.hasCrtime {
		st.Btime = ri.crtime
	} else {
		st.Mask &^= linux.STATX_BTIME
		st.Btime = vfs.Timespec{}
	}
}

// Truncate is ext4_setattr's size change.
func (o inodeOps) Truncate(in *vfs.Inode, size int64) error {
	if !o.fs.rw {
		return linux.EROFS
	}
	limit := o.fs.maxMapBlocks()
	if in.Private.(*node).ri.flags&flagExtents != 0 {
		limit = maxFileBlocks
	}
	if uint64(size+int64(o.fs.blockSize)-1)>>o.fs.blockBits > limit {
		return linux.EFBIG
	}
	return o.fs.truncate(in, size)
}

// fileOps are ext4_dir_operations for directories and ext4_file_operations
// (reads only) for regular files.
type fileOps struct{ fs *filesystem }

// ListsDots says that ReadDir gives "." and ".." itself: they are
// entries of the directory's blocks, listed where ext4_readdir finds them.
func (fileOps) ListsDots() bool { return true }

// ReadAt is ext4_file_read_iter over the page cache: data up to i_size,
// holes and unwritten extents as zeros.
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	p = p[:min(int64(len(p)), size-off)]
	n := in.Private.(*node)
	if n.ri.flags&flagInlineData != 0 {
		data, err := o.fs.inlineData(n.ri)
		if err != nil {
			return 0, err
		}
		clear(p)
		if off < int64(len(data)) {
			copy(p, data[off:])
		}
		return len(p), nil
	}
	if err := o.fs.readData(n.mapper(), p, off); err != nil {
		return 0, err
	}
	return len(p), nil
}

// readData fills p from the file's blocks at off, a run of contiguous
// blocks per disk read.
func (fs *filesystem) readData(m mapper, p []byte, off int64) error {
	bs := int64(fs.blockSize)
	for len(p) > 0 {
		lblk := uint64(off >> fs.blockBits)
		pblk, run, mapped, err := m.run(lblk)
		if err != nil {
			return err
		}
		in := off & (bs - 1)
		n := int64(len(p))
		if span := int64(min(run, 1<<20))*bs - in; span < n {
			n = span
		}
		if !mapped {
			clear(p[:n])
		} else if err := fs.readAt(p[:n], int64(pblk)*bs+in); err != nil {
			return err
		}
		p, off = p[n:], off+n
	}
	return nil
}

// WriteAt is ext4_file_write_iter on a writable image (no file opens for
// writing on a read-only mount).
func (o fileOps) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	if !o.fs.rw {
		return 0, linux.EROFS
	}
	if f.Inode().IsDir() {
		return 0, linux.EISDIR
	}
	return o.fs.writeFile(f.Inode(), p, off)
}

// Fsync is ext4_sync_file, for files and directories alike.
func (o fileOps) Fsync(f *vfs.File, _ bool) error { return o.fs.syncInode(f.Inode()) }

// ReadDir is ext4_readdir: the directory's entries, "." and ".."
// included, in the kernel's order.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	dir := f.Inode()
	if !dir.IsDir() {
		return nil, linux.ENOTDIR
	}
	l, err := o.fs.listing(dir)
	if err != nil {
		return nil, err
	}
	return l.dirents, nil
}

// SwapExtents is ext4_iomap_swap_activate's walk of the block map: the
// file's runs of blocks as byte addresses on the image; a hole, an
// unwritten extent or inline data cannot hold swap (EINVAL).
func (o fileOps) SwapExtents(f *vfs.File, length int64, each func(addr, n int64)) error {
	n := f.Inode().Private.(*node)
	if n.ri.flags&flagInlineData != 0 {
		return linux.EINVAL
	}
	m := n.mapper()
	bs := int64(o.fs.blockSize)
	blocks := uint64((length + bs - 1) / bs)
	for lblk := uint64(0); lblk < blocks; {
		pblk, run, mapped, err := m.run(lblk)
		if err != nil {
			return err
		}
		if !mapped {
			return linux.EINVAL
		}
		run = min(run, blocks-lblk)
		each(int64(pblk)*bs, int64(run)*bs)
		lblk += run
	}
	return nil
}
