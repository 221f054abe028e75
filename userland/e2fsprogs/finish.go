// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"sort"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// superblock is the primary superblock's 1024 bytes as mke2fs leaves
// them; state is s_state (the copies are written as not clean) and nr
// the group holding the copy.
func (m *image) superblock(state uint16, nr uint64) []byte {
	g, p := m.g, m.p
	s := make([]byte, 1024)
	le.PutUint32(s[0:], uint32(g.inodes))
	le.PutUint32(s[4:], uint32(g.blocks))
	le.PutUint32(s[8:], uint32(g.rBlocks))
	le.PutUint32(s[12:], uint32(m.freeBlocks))
	le.PutUint32(s[16:], uint32(m.freeInodes))
	le.PutUint32(s[20:], uint32(g.firstData))
	logBS := uint32(0)
	for 1024<<logBS < p.blockSize {
		logBS++
	}
	le.PutUint32(s[24:], logBS)
	le.PutUint32(s[28:], logBS)
	le.PutUint32(s[32:], uint32(g.blocksPerGroup))
	le.PutUint32(s[36:], uint32(g.blocksPerGroup))
	le.PutUint32(s[40:], uint32(g.inodesPerGroup))
	le.PutUint32(s[48:], p.now)
	le.PutUint16(s[54:], uint16(p.maxMountCount))
	le.PutUint16(s[56:], 0xEF53)
	le.PutUint16(s[58:], state)
	le.PutUint16(s[60:], p.errorsBehav)
	le.PutUint32(s[64:], p.now)
	le.PutUint32(s[76:], 1)
	le.PutUint32(s[84:], firstIno)
	le.PutUint16(s[88:], uint16(p.inodeSize))
	le.PutUint16(s[90:], uint16(nr))
	le.PutUint32(s[92:], g.feat.compat)
	le.PutUint32(s[96:], g.feat.incompat)
	le.PutUint32(s[100:], g.feat.roCompat)
	copy(s[104:120], p.uuid[:])
	copy(s[120:136], p.label)
	copy(s[136:200], p.lastMounted)
	le.PutUint16(s[206:], uint16(g.rsvGdt))
	if p.journalBlocks != 0 {
		le.PutUint32(s[224:], journalIno)
		s[253] = 1 // s_jnl_backup_type: the inode's blocks
		for i, v := range m.jnlBlocks {
			le.PutUint32(s[268+4*i:], v)
		}
	}
	if g.feat.compat&compatDirIndex != 0 {
		copy(s[236:252], p.hashSeed[:])
		s[252] = 1               // half_md4
		le.PutUint32(s[352:], 1) // signed_directory_hash (x86's char)
	}
	if g.feat.incompat&inc64bit != 0 {
		le.PutUint16(s[254:], uint16(g.descSize))
	}
	le.PutUint32(s[256:], p.mountOpts)
	le.PutUint32(s[264:], p.now)
	le.PutUint32(s[336:], uint32(g.blocks>>32))
	le.PutUint32(s[340:], uint32(g.rBlocks>>32))
	le.PutUint32(s[344:], uint32(m.freeBlocks>>32))
	if p.inodeSize > 128 {
		le.PutUint16(s[348:], 32)
		le.PutUint16(s[350:], 32)
	}
	if m.flex() {
		s[372] = byte(p.logFlex)
	}
	if m.metadataCsum() {
		s[373] = 1 // crc32c
	}
	le.PutUint64(s[376:], m.kbytes)
	le.PutUint32(s[584:], uint32(m.overhead))
	if g.feat.incompat&incCsumSeed != 0 {
		le.PutUint32(s[624:], m.csumSeed)
	}
	if m.metadataCsum() {
		ext4.SealSuper(s)
	}
	return s
}

// kbytesWritten is s_kbytes_written: mke2fs counts what its I/O layer
// really wrote (through an eight-block write-back cache) before the
// final flush, then adds the superblock and descriptors; this estimate
// counts the metadata blocks the image writes, a few more than mke2fs
// (whose last dirty blocks are still cached when it counts). Only a
// filesystem with a feature beyond ext3's keeps a count: 1.47.0 leaves
// it 0 for ext2 and ext3.
func (m *image) kbytesWritten() uint64 {
	f := m.g.feat
	if f.incompat&^incFiletype == 0 && f.roCompat&^(roSparseSuper|roLargeFile) == 0 {
		return 0
	}
	bs := uint64(m.p.blockSize)
	n := 3072 + uint64(len(m.blocks))*bs // the cleared sectors and the blocks
	return n>>10 + (m.g.descBlocks+1)/(bs/1024)
}

// inodeLoc is the block holding inode ino and its offset there.
func (m *image) inodeLoc(ino uint32) (uint64, int) {
	idx := uint64(ino - 1)
	grp := idx / m.g.inodesPerGroup
	off := (idx % m.g.inodesPerGroup) * uint64(m.p.inodeSize)
	return m.groups[grp].inodeTable + off/uint64(m.p.blockSize), int(off % uint64(m.p.blockSize))
}

// descriptors is the group descriptor table.
func (m *image) descriptors() []byte {
	g := m.g
	t := make([]byte, g.descBlocks*uint64(m.p.blockSize))
	for i, gd := range m.groups {
		d := t[uint64(i)*g.descSize : uint64(i+1)*g.descSize]
		le.PutUint32(d[0:], uint32(gd.blockBitmap))
		le.PutUint32(d[4:], uint32(gd.inodeBitmap))
		le.PutUint32(d[8:], uint32(gd.inodeTable))
		le.PutUint16(d[12:], uint16(gd.freeBlocks))
		le.PutUint16(d[14:], uint16(gd.freeInodes))
		le.PutUint16(d[16:], uint16(gd.usedDirs))
		le.PutUint16(d[18:], gd.flags)
		if m.csumGroups() {
			le.PutUint16(d[28:], uint16(gd.itableUnused))
		}
		if g.descSize >= 64 {
			le.PutUint32(d[32:], uint32(gd.blockBitmap>>32))
			le.PutUint32(d[36:], uint32(gd.inodeBitmap>>32))
			le.PutUint32(d[40:], uint32(gd.inodeTable>>32))
			le.PutUint16(d[44:], uint16(gd.freeBlocks>>16))
			le.PutUint16(d[46:], uint16(gd.freeInodes>>16))
			le.PutUint16(d[48:], uint16(gd.usedDirs>>16))
			if m.csumGroups() {
				le.PutUint16(d[50:], uint16(gd.itableUnused>>16))
			}
		}
		if m.metadataCsum() {
			m.bitmapSums(uint64(i), d)
		}
		if m.csumGroups() {
			le.PutUint16(d[30:], ext4.GroupChecksum(m.metadataCsum(), m.csumSeed, m.p.uuid[:], uint32(i), d))
		}
	}
	return t
}

// bitmapSums puts the checksums of group i's bitmaps in its descriptor
// d; a bitmap left uninitialised is not written and has none.
func (m *image) bitmapSums(i uint64, d []byte) {
	gd := m.groups[i]
	if gd.flags&bgBlockUninit == 0 {
		c := ext4.Crc32c(m.csumSeed, m.blockBitmap(i)[:m.g.blocksPerGroup/8])
		le.PutUint16(d[24:], uint16(c))
		if m.g.descSize >= 64 {
			le.PutUint16(d[56:], uint16(c>>16))
		}
	}
	if gd.flags&bgInodeUninit == 0 {
		c := ext4.Crc32c(m.csumSeed, m.inodeBitmap(i)[:m.g.inodesPerGroup/8])
		le.PutUint16(d[26:], uint16(c))
		if m.g.descSize >= 64 {
			le.PutUint16(d[58:], uint16(c>>16))
		}
	}
}

// blockBitmap is group i's block bitmap block: its blocks' bits, the
// rest of the block (and the last group's bits past the end) ones.
func (m *image) blockBitmap(i uint64) []byte {
	g := m.g
	b := make([]byte, m.p.blockSize)
	for k := range b {
		b[k] = 0xff
	}
	first := g.groupFirst(i)
	for k := range g.blocksPerGroup {
		blk := first + k
		if blk < g.blocks && !m.bmap.get(blk) {
			b[k/8] &^= 1 << (k % 8)
		}
	}
	return b
}

// inodeBitmap is group i's inode bitmap block, padded with ones.
func (m *image) inodeBitmap(i uint64) []byte {
	g := m.g
	b := make([]byte, m.p.blockSize)
	for k := range b {
		b[k] = 0xff
	}
	base := i * g.inodesPerGroup
	for k := range g.inodesPerGroup {
		if !m.imap.get(base + k) {
			b[k/8] &^= 1 << (k % 8)
		}
	}
	return b
}

// finish puts the bitmaps, inodes, descriptors and superblocks among
// the blocks to write, as the last flush of mke2fs does.
func (m *image) finish() {
	for i, gd := range m.groups {
		if gd.flags&bgBlockUninit == 0 || !m.csumGroups() {
			m.blocks[gd.blockBitmap] = m.blockBitmap(uint64(i))
		}
		if gd.flags&bgInodeUninit == 0 || !m.csumGroups() {
			m.blocks[gd.inodeBitmap] = m.inodeBitmap(uint64(i))
		}
	}
	for ino, r := range m.inodes {
		if m.metadataCsum() {
			ext4.SealInode(m.csumSeed, ino, r)
		}
		blk, off := m.inodeLoc(ino)
		copy(m.block(blk)[off:], r)
	}
	m.kbytes = m.kbytesWritten()
	desc := m.descriptors()
	bs := uint64(m.p.blockSize)
	for i := range m.g.groups {
		super, descBlk, used := m.g.superAndDesc(i)
		if used == 0 {
			continue
		}
		for k := range m.g.descBlocks {
			copy(m.block(descBlk+k), desc[k*bs:(k+1)*bs])
		}
		// The copies are written as not clean, the primary as clean.
		state := uint16(0)
		if i == 0 {
			state = 1
		}
		sb := m.superblock(state, i)
		if i == 0 && bs > 1024 {
			// The primary sits 1024 bytes into block 0.
			copy(m.block(0)[1024:], sb)
			continue
		}
		copy(m.block(super), sb)
	}
}

// sortedBlocks are the numbers of the blocks to write, in order.
func (m *image) sortedBlocks() []uint64 {
	out := make([]uint64, 0, len(m.blocks))
	for b := range m.blocks {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
