// SPDX-License-Identifier: Apache-2.0

package ext4

import "encoding/binary"

// The writer's checksums (metadata_csum): each is crc32c, seeded with
// fs.csumSeed (the superblock's s_checksum_seed, or the crc32c of the
// UUID), and for what belongs to one inode (the inode itself, its extent
// blocks, directory blocks) with that seed run on through the inode's
// number and generation (ei->i_csum_seed). The reader's checks are in
// super.go and inode.go.

// Where the checksums of a directory's blocks sit.
const (
	dirTailSize = 12   // struct ext4_dir_entry_tail: a fake entry ending a leaf
	dirTailFT   = 0xDE // its det_reserved_ft
	dxTailSize  = 8    // struct dx_tail: after the last possible index entry
)

// leSum is crc32c of a little-endian 32-bit number.
func leSum(seed, v uint32) uint32 {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], v)
	return crc32c(seed, b[:])
}

// inodeSeed is ext4's i_csum_seed for an inode.
func (fs *filesystem) inodeSeed(ino, gen uint32) uint32 {
	return leSum(leSum(fs.csumSeed, ino), gen)
}

// csummed says whether the image keeps metadata checksums this writer
// must set (the Hurd's inodes have none: ext4_inode_csum_set).
func (fs *filesystem) csummed() bool { return fs.sb.metadataCsum() }

// inodeCsum is ext4_inode_csum over a raw inode whose checksum fields are
// taken as zeros; hi says whether the inode has room for the upper half.
func (fs *filesystem) inodeCsum(ino, gen uint32, raw []byte, hi bool) uint32 {
	return inodeCsumWith(fs.inodeSeed(ino, gen), raw, hi)
}

// inodeCsumWith is the inode checksum from the inode's own seed.
func inodeCsumWith(seed uint32, raw []byte, hi bool) uint32 {
	zero := []byte{0, 0}
	c := crc32c(seed, raw[:124])
	c = crc32c(c, zero)
	c = crc32c(c, raw[126:goodOldInode])
	if len(raw) > goodOldInode {
		c = crc32c(c, raw[goodOldInode:130])
		rest := 130
		if hi {
			c = crc32c(c, zero)
			rest = 132
		}
		c = crc32c(c, raw[rest:])
	}
	return c
}

// setInodeCsum is ext4_inode_csum_set on a raw inode about to be written.
func (fs *filesystem) setInodeCsum(ri *rawInode, raw []byte) {
	if !fs.csummed() || fs.sb.creatorOS != 0 {
		return
	}
	le := binary.LittleEndian
	hi := len(raw) > goodOldInode && ri.fits(132)
	c := fs.inodeCsum(ri.ino, ri.generation, raw, hi)
	le.PutUint16(raw[124:], uint16(c))
	if hi {
		le.PutUint16(raw[130:], uint16(c>>16))
	}
}

// sealDirBlock is ext4_dirblock_csum_set for a leaf of the directory
// (ino, gen): the tail entry rewritten and its checksum set. Without
// metadata_csum it does nothing.
func (fs *filesystem) sealDirBlock(ino, gen uint32, b []byte) {
	if !fs.csummed() {
		return
	}
	le := binary.LittleEndian
	t := b[len(b)-dirTailSize:]
	clear(t)
	le.PutUint16(t[4:], dirTailSize)
	t[7] = dirTailFT
	le.PutUint32(t[8:], crc32c(fs.inodeSeed(ino, gen), b[:len(b)-dirTailSize]))
}

// sealDxBlock is ext4_dx_csum_set for an index block whose count and
// limit sit at countOff (32 in the root, 8 in an inner node).
func (fs *filesystem) sealDxBlock(ino, gen uint32, b []byte, countOff int) {
	if !fs.csummed() {
		return
	}
	le := binary.LittleEndian
	limit, count := int(le.Uint16(b[countOff:])), int(le.Uint16(b[countOff+2:]))
	t := countOff + 8*limit
	if t+dxTailSize > len(b) || count > limit {
		return // no room for the tail: the kernel warns and leaves it
	}
	c := crc32c(fs.inodeSeed(ino, gen), b[:countOff+8*count])
	c = crc32c(c, b[t:t+4])
	c = crc32c(c, []byte{0, 0, 0, 0})
	le.PutUint32(b[t+4:], c)
}

// sealExtentBlock is ext4_extent_block_csum_set: the tail after the
// node's eh_max entries.
func (fs *filesystem) sealExtentBlock(ino, gen uint32, b []byte) {
	if !fs.csummed() {
		return
	}
	le := binary.LittleEndian
	t := 12 + 12*int(le.Uint16(b[4:]))
	if t+4 > len(b) {
		return
	}
	le.PutUint32(b[t:], crc32c(fs.inodeSeed(ino, gen), b[:t]))
}

// sealXattrBlock is ext4_xattr_block_csum_set: the block's number, then
// the block with h_checksum as zeros.
func (fs *filesystem) sealXattrBlock(pblk uint64, b []byte) {
	if !fs.csummed() {
		return
	}
	var nr [8]byte
	binary.LittleEndian.PutUint64(nr[:], pblk)
	c := crc32c(fs.csumSeed, nr[:])
	c = crc32c(c, b[:16])
	c = crc32c(c, []byte{0, 0, 0, 0})
	c = crc32c(c, b[20:])
	binary.LittleEndian.PutUint32(b[16:], c)
}

// bitmapCsum is ext4_block_bitmap_csum_set's and
// ext4_inode_bitmap_csum_set's sum over the bits a group uses.
func (fs *filesystem) bitmapCsum(b []byte, bits uint32) uint32 {
	return crc32c(fs.csumSeed, b[:bits/8])
}

// sealSuper is ext4_superblock_csum_set.
func (fs *filesystem) sealSuper(raw []byte) {
	if fs.csummed() {
		binary.LittleEndian.PutUint32(raw[1020:], crc32c(^uint32(0), raw[:1020]))
	}
}

// hasDirTail is get_dirent_tail's test: the block ends in the fake entry
// that holds its checksum.
func hasDirTail(b []byte) bool {
	t := b[len(b)-dirTailSize:]
	le := binary.LittleEndian
	return le.Uint32(t) == 0 && le.Uint16(t[4:]) == dirTailSize && t[6] == 0 && t[7] == dirTailFT
}

// dirArea is the part of a directory block its entries may use: all but
// the checksum tail where the block has one.
func (fs *filesystem) dirArea(b []byte) []byte {
	if fs.csummed() && hasDirTail(b) {
		return b[:len(b)-dirTailSize]
	}
	return b
}

// leafSpace is the room for entries in a new leaf block.
func (fs *filesystem) leafSpace() int {
	if fs.csummed() {
		return int(fs.blockSize) - dirTailSize
	}
	return int(fs.blockSize)
}
