// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// rawInode is what is read of struct ext4_inode.
type rawInode struct {
	ino        uint32
	raw        []byte // the whole on-disk inode (s_inode_size bytes)
	mode       uint16
	uid, gid   uint32
	size       int64
	links      uint16
	blocks     int64 // i_blocks in 512-byte units, as ext4_inode_blocks gives it
	flags      uint32
	block      [60]byte // i_block: extent root, block map or inline data
	generation uint32
	dtime      uint32
	fileACL    uint64
	extraIsize uint16
	atime      vfs.Timespec
	mtime      vfs.Timespec
	ctime      vfs.Timespec
	crtime     vfs.Timespec
	hasCrtime  bool
}

// fits is EXT4_FITS_IN_INODE: whether the extra part of the inode
// reaches end (an offset in struct ext4_inode).
func (ri *rawInode) fits(end int) bool {
	return goodOldInode+int(ri.extraIsize) >= end && len(ri.raw) >= end
}

// readRawInode reads inode ino from its group's inode table
// (__ext4_get_inode_loc) and decodes it as ext4_iget does.
func (fs *filesystem) readRawInode(ino uint32) (*rawInode, error) {
	s := fs.sb
	if ino == 0 || ino > s.inodesCount {
		return nil, linux.EUCLEAN
	}
	grp := (ino - 1) / s.inodesPerGroup
	if grp >= uint32(len(fs.groups)) {
		return nil, linux.EUCLEAN
	}
	off := uint64((ino-1)%s.inodesPerGroup) * uint64(fs.inodeSize)
	blk, err := fs.readBlock(fs.groups[grp].inodeTable + off>>fs.blockBits)
	if err != nil {
		return nil, err
	}
	start := off & uint64(fs.blockSize-1)
	raw := blk[start : start+uint64(fs.inodeSize)]
	return fs.decodeInode(ino, raw)
}

// decodeInode is the decoding part of __ext4_iget.
func (fs *filesystem) decodeInode(ino uint32, raw []byte) (*rawInode, error) {
	le := binary.LittleEndian
	ri := &rawInode{ino: ino, raw: raw}
	ri.mode = le.Uint16(raw[0:])
	ri.uid = uint32(le.Uint16(raw[2:]))
	ri.gid = uint32(le.Uint16(raw[24:]))
	fs.mu.Lock()
	uid32 := fs.opts&optNoUID32 == 0
	fs.mu.Unlock()
	if uid32 {
		ri.uid |= uint32(le.Uint16(raw[120:])) << 16
		ri.gid |= uint32(le.Uint16(raw[122:])) << 16
	}
	ri.links = le.Uint16(raw[26:])
	ri.flags = le.Uint32(raw[32:])
	copy(ri.block[:], raw[40:100])
	ri.generation = le.Uint32(raw[100:])
	ri.dtime = le.Uint32(raw[20:])
	ri.fileACL = uint64(le.Uint32(raw[104:]))
	if fs.sb.hasIncompat(incompat64bit) {
		ri.fileACL |= uint64(le.Uint16(raw[118:])) << 32
	}
	ri.size = int64(le.Uint32(raw[4:]))
	if fs.sb.hasIncompat(incompatLargedir) || ri.mode&linux.S_IFMT == linux.S_IFREG {
		ri.size |= int64(le.Uint32(raw[108:])) << 32
	}
	if ri.size < 0 {
		return nil, linux.EUCLEAN // "iget: bad i_size value"
	}
	ri.blocks = fs.inodeBlocks(ri, raw)
	if fs.inodeSize > goodOldInode {
		ri.extraIsize = le.Uint16(raw[128:])
		if uint32(ri.extraIsize) > fs.inodeSize-goodOldInode || ri.extraIsize&3 != 0 {
			return nil, linux.EUCLEAN // "iget: bad extra_isize"
		}
	}
	if err := fs.verifyInodeCsum(ri); err != nil {
		return nil, err
	}
	ri.decodeTimes()
	return ri, nil
}

// inodeBlocks is ext4_inode_blocks: i_blocks in 512-byte units, with the
// high bits and the file-system-block unit of huge_file.
func (fs *filesystem) inodeBlocks(ri *rawInode, raw []byte) int64 {
	le := binary.LittleEndian
	n := int64(le.Uint32(raw[28:]))
	if !fs.sb.hasRoCompat(roCompatHugeFile) {
		return n
	}
	n |= int64(le.Uint16(raw[116:])) << 32
	if ri.flags&flagHugeFile != 0 {
		return n << (fs.blockBits - 9)
	}
	return n
}

// decodeTimes reads the times, with their nanoseconds and epoch bits
// where the inode has room for them (ext4_decode_extra_time).
func (ri *rawInode) decodeTimes() {
	le := binary.LittleEndian
	get := func(base, extra int) vfs.Timespec {
		t := vfs.Timespec{Sec: int64(int32(le.Uint32(ri.raw[base:])))}
		if ri.fits(extra + 4) {
			x := le.Uint32(ri.raw[extra:])
			t.Sec += int64(x&3) << 32
			t.Nsec = int64(x >> 2)
		}
		return t
	}
	ri.atime = get(8, 140)
	ri.ctime = get(12, 132)
	ri.mtime = get(16, 136)
	if ri.fits(148) {
		ri.crtime = get(144, 148)
		ri.hasCrtime = true
	}
}

// verifyInodeCsum is ext4_inode_csum_verify.
func (fs *filesystem) verifyInodeCsum(ri *rawInode) error {
	if !fs.sb.metadataCsum() || fs.sb.creatorOS != 0 {
		return nil
	}
	le := binary.LittleEndian
	raw := ri.raw
	hi := len(raw) > goodOldInode && ri.fits(132)
	c := fs.inodeCsum(ri.ino, ri.generation, raw, hi)
	provided := uint32(le.Uint16(raw[124:]))
	if hi {
		provided |= uint32(le.Uint16(raw[130:])) << 16
	} else {
		c &= 0xffff
	}
	if provided != c {
		return linux.EBADMSG
	}
	return nil
}

// node is an inode's private part (struct ext4_inode_info).
type node struct {
	ri  *rawInode
	fs  *filesystem
	mu  sync.Mutex
	m   mapper
	dir *dirListing // a directory's entries, once read

	tree *extTree // the writer's view of an extent tree (under fs.wmu)
	// lastAlloc is the group a directory's last new inode went to
	// (i_last_alloc_group), under fs.wmu; lastAllocSet says there was one.
	lastAlloc    uint32
	lastAllocSet bool
}

// mapper returns the inode's block mapper, made once.
func (n *node) mapper() mapper {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = n.fs.mapperFor(n.ri)
	}
	return n.m
}

// iget is ext4_iget: the vfs inode of ino, one for all its names.
func (fs *filesystem) iget(sb *vfs.Superblock, ino uint32) (*vfs.Inode, error) {
	fs.inoMu.Lock()
	in := fs.inodes[ino]
	fs.inoMu.Unlock()
	if in != nil {
		return in, nil
	}
	in, err := fs.newInode(sb, ino)
	if err != nil {
		return nil, err
	}
	fs.inoMu.Lock()
	defer fs.inoMu.Unlock()
	if old := fs.inodes[ino]; old != nil {
		return old, nil
	}
	fs.inodes[ino] = in
	return in, nil
}

// newInode reads ino and makes its vfs inode, with __ext4_iget's checks.
func (fs *filesystem) newInode(sb *vfs.Superblock, ino uint32) (*vfs.Inode, error) {
	if ino < fs.firstIno && ino != rootIno || ino > fs.sb.inodesCount {
		return nil, linux.EUCLEAN // "iget: illegal inode #"
	}
	ri, err := fs.readRawInode(ino)
	if err != nil {
		return nil, err
	}
	if ri.links == 0 {
		if ri.mode == 0 || ino == rootIno {
			return nil, linux.EUCLEAN
		}
		return nil, linux.ESTALE
	}
	n := &node{ri: ri, fs: fs}
	if err := fs.checkInodeBody(n); err != nil {
		return nil, err
	}
	attr := vfs.InodeAttr{Mode: uint32(ri.mode), UID: ri.uid, GID: ri.gid, Rdev: ri.rdev()}
	in := sb.NewInode(uint64(ino), attr, inodeOps{fs}, fileOps{fs})
	in.Private = n
	setInodeFlags(in, ri.flags)
	in.SetNlink(uint32(ri.links))
	in.Lock()
	in.SetSizeLocked(ri.size)
	in.SetBlocksLocked(ri.blocks)
	in.SetTimesLocked(ri.atime, ri.mtime, ri.ctime)
	in.Unlock()
	return in, nil
}

// rdev is the device number of a device node: old encoding in i_block[0],
// new in i_block[1] (ext4_iget's init_special_inode).
func (ri *rawInode) rdev() uint64 {
	switch ri.mode & linux.S_IFMT {
	case linux.S_IFCHR, linux.S_IFBLK:
	default:
		return 0
	}
	le := binary.LittleEndian
	if old := le.Uint32(ri.block[0:]); old != 0 {
		return linux.Mkdev((old>>8)&0xff, old&0xff)
	}
	d := le.Uint32(ri.block[4:])
	return linux.Mkdev((d&0xfff00)>>8, d&0xff|(d>>12)&0xfff00)
}

// checkInodeBody makes the checks __ext4_iget makes of a file's body:
// a known type, an extent root that is sound, a fast symlink's length.
func (fs *filesystem) checkInodeBody(n *node) error {
	ri := n.ri
	switch ri.mode & linux.S_IFMT {
	case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK:
	case linux.S_IFCHR, linux.S_IFBLK, linux.S_IFIFO, linux.S_IFSOCK:
		return nil
	default:
		return linux.EUCLEAN // "iget: bogus i_mode"
	}
	if ri.flags&flagInlineData != 0 {
		if !fs.sb.hasIncompat(incompatInlineData) {
			return linux.EUCLEAN
		}
		return nil
	}
	if ri.flags&flagExtents != 0 {
		if _, err := fs.checkExtentHeader(ri.block[:], -1, 4); err != nil {
			return err
		}
	}
	if ri.mode&linux.S_IFMT == linux.S_IFLNK && fs.fastSymlink(ri) {
		if ri.size == 0 || ri.size >= 60 || int64(bytes.IndexByte(ri.block[:ri.size+1], 0)) != ri.size {
			return linux.EUCLEAN // "invalid fast symlink length"
		}
	}
	return nil
}

// fastSymlink is ext4_inode_is_fast_symlink as the inode was read.
func (fs *filesystem) fastSymlink(ri *rawInode) bool {
	return fs.fastSymlinkOf(ri, ri.size, ri.blocks)
}

// fastSymlinkOf is ext4_inode_is_fast_symlink for an inode of the given
// size and i_blocks: a symlink with its target in i_block, which owns no
// blocks but an xattr block's.
func (fs *filesystem) fastSymlinkOf(ri *rawInode, size, blocks int64) bool {
	if ri.flags&flagEaInode != 0 {
		return size > 0 && size < 60
	}
	if ri.flags&flagInlineData != 0 {
		return false
	}
	ea := int64(0)
	if ri.fileACL != 0 {
		ea = int64(fs.blockSize<<fs.clusterBits) >> 9
	}
	return blocks-ea == 0
}

// fastSymlinkNow is fastSymlinkOf with the inode's present size and
// blocks (a symlink this driver made has no raw fields of its own).
func (fs *filesystem) fastSymlinkNow(in *vfs.Inode) bool {
	in.Lock()
	size, blocks := in.SizeLocked(), in.BlocksLocked()
	in.Unlock()
	return fs.fastSymlinkOf(in.Private.(*node).ri, size, blocks)
}
