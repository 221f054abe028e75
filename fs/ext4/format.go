// SPDX-License-Identifier: Apache-2.0

package ext4

import "encoding/binary"

// The checksums of metadata_csum and gdt_csum for programs that write
// images outside a mounted filesystem (mke2fs, e2label): the same sums
// the writer in csum.go and the reader in super.go use, as functions of
// the filesystem's checksum seed (s_checksum_seed, or the crc32c of the
// UUID: FsChecksumSeed).

// Crc32c is the kernel's crc32c with seed (no final inversion).
func Crc32c(seed uint32, p []byte) uint32 { return crc32c(seed, p) }

// FsChecksumSeed is the seed of every metadata checksum when the
// superblock keeps none of its own: crc32c of the UUID.
func FsChecksumSeed(uuid []byte) uint32 { return crc32c(^uint32(0), uuid) }

// SealSuper sets the superblock's checksum (its last four bytes).
func SealSuper(raw []byte) {
	binary.LittleEndian.PutUint32(raw[1020:], crc32c(^uint32(0), raw[:1020]))
}

// SealInode sets the checksum of a raw inode (len(raw) is the inode
// size); its i_extra_isize says whether the upper half has room.
func SealInode(fsSeed, ino uint32, raw []byte) {
	le := binary.LittleEndian
	gen := le.Uint32(raw[100:])
	hi := len(raw) > goodOldInode && goodOldInode+int(le.Uint16(raw[128:])) >= 132
	c := inodeCsumWith(leSum(leSum(fsSeed, ino), gen), raw, hi)
	le.PutUint16(raw[124:], uint16(c))
	if hi {
		le.PutUint16(raw[130:], uint16(c>>16))
	}
}

// SealDirBlock writes a directory leaf's checksum tail (the block's
// last 12 bytes) for the directory inode ino of generation gen.
func SealDirBlock(fsSeed, ino, gen uint32, b []byte) {
	fs := &filesystem{csumSeed: fsSeed, sb: &superBlock{roCompat: roCompatMetadataCsum}}
	fs.sealDirBlock(ino, gen, b)
}

// SealExtentBlock writes the checksum after an extent node's entries.
func SealExtentBlock(fsSeed, ino, gen uint32, b []byte) {
	fs := &filesystem{csumSeed: fsSeed, sb: &superBlock{roCompat: roCompatMetadataCsum}}
	fs.sealExtentBlock(ino, gen, b)
}

// GroupChecksum is a group descriptor's bg_checksum: crc32c-based with
// metadata_csum, else crc16-based (gdt_csum); raw is the descriptor
// (32 or 64 bytes), nr its group.
func GroupChecksum(metadataCsum bool, fsSeed uint32, uuid []byte, nr uint32, raw []byte) uint16 {
	ro, inc := uint32(roCompatGdtCsum), uint32(0)
	if metadataCsum {
		ro = roCompatMetadataCsum
	}
	if len(raw) > minDescSize {
		inc = incompat64bit
	}
	fs := &filesystem{csumSeed: fsSeed, sb: &superBlock{roCompat: ro, incompat: inc}}
	copy(fs.sb.uuid[:], uuid)
	c, _ := fs.groupCsum(nr, raw)
	return c
}
