// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

var le = binary.LittleEndian

// Inode numbers mke2fs fills in.
const (
	badIno     = 1
	rootIno    = 2
	resizeIno  = 7
	journalIno = 8
	firstIno   = 11
)

// Inode flags.
const (
	extentsFl = 0x80000
)

// image is a filesystem being made: its geometry, allocation state and
// the metadata blocks and inodes to be written.
type image struct {
	p          *params
	g          *geometry
	bmap       bitset // blocks in use
	imap       bitset // inodes in use (bit ino-1)
	groups     []groupDesc
	freeBlocks uint64
	freeInodes uint64
	overhead   uint64
	csumSeed   uint32
	blocks     map[uint64][]byte // metadata blocks by number
	inodes     map[uint32][]byte // inodes written, by number
	zeroRuns   [][2]uint64       // block runs to zero on a device that was not discarded
	jnlBlocks  [17]uint32        // the journal inode's block map and size, for s_jnl_blocks
	kbytes     uint64            // s_kbytes_written
	endRun     [2]uint64         // the device's end, always zeroed
	// tooSmallForJournal: a journal was wanted but the filesystem has
	// too few blocks for one.
	tooSmallForJournal bool
}

// flex says whether bitmaps and inode tables are packed per flex group.
func (m *image) flex() bool {
	return m.g.feat.incompat&incFlexBg != 0 && m.p.logFlex != 0
}

// csumGroups says whether descriptors carry checksums and the
// uninitialised flags (metadata_csum or gdt_csum).
func (m *image) csumGroups() bool { return m.g.feat.roCompat&(roMetadataCsum|roGdtCsum) != 0 }

// metadataCsum says whether metadata blocks and inodes carry crc32c sums.
func (m *image) metadataCsum() bool { return m.g.feat.roCompat&roMetadataCsum != 0 }

// block is the in-memory copy of a metadata block, zeroed when new.
func (m *image) block(n uint64) []byte {
	b, ok := m.blocks[n]
	if !ok {
		b = make([]byte, m.p.blockSize)
		m.blocks[n] = b
	}
	return b
}

// inode is the raw copy of inode ino, zeroed when new.
func (m *image) inode(ino uint32) []byte {
	r, ok := m.inodes[ino]
	if !ok {
		r = make([]byte, m.p.inodeSize)
		m.inodes[ino] = r
	}
	return r
}

// build lays out the whole filesystem in memory.
func build(p *params, g *geometry) (*image, error) {
	m := &image{p: p, g: g, blocks: map[uint64][]byte{}, inodes: map[uint32][]byte{}}
	m.bmap = newBitset(g.blocks)
	m.imap = newBitset(g.inodes)
	m.csumSeed = ext4.FsChecksumSeed(p.uuid[:])
	m.initGroups()
	if err := m.allocateTables(); err != nil {
		return nil, err
	}
	m.overhead = m.countUsed() + g.firstData
	m.zeroEnd()
	if g.inodes < firstIno {
		// Too few inodes for the reserved ones and lost+found.
		if m.metadataCsum() {
			return nil, stageError("ext2fs_write_inode_full: Illegal inode number while writing reserved inodes")
		}
		return nil, stageError("ext2fs_mkdir: Could not allocate inode in ext2 filesystem while creating /lost+found")
	}
	m.inodeTables()
	if err := m.rootDir(); err != nil {
		return nil, err
	}
	if err := m.lostFound(); err != nil {
		return nil, err
	}
	for ino := uint64(rootIno + 1); ino < firstIno; ino++ {
		m.useInode(ino, false)
	}
	m.badBlocksInode()
	if g.feat.compat&compatResizeInode != 0 {
		if err := m.resizeInode(); err != nil {
			return nil, err
		}
	}
	if p.journalBlocks != 0 {
		if err := m.journal(); err != nil {
			return nil, err
		}
		m.overhead += uint64(p.journalBlocks)
	}
	return m, nil
}

// stageError is a failure mke2fs reports in its own words, as the
// library function that met it says it.
type stageError string

func (e stageError) Error() string { return string(e) }

// zeroEnd records the zeroing of the device's last 64 KiB or so, which
// wipes what other metadata (an MD RAID superblock) may keep there and
// makes a regular file as long as the filesystem.
func (m *image) zeroEnd() {
	rsv := 65536 / uint64(m.p.blockSize)
	start := m.g.blocks &^ (rsv - 1)
	if start > rsv {
		start -= rsv
	}
	if start > 0 {
		m.endRun = [2]uint64{start, m.g.blocks - start}
	}
}

// countUsed is the blocks marked in use after the first data block.
func (m *image) countUsed() uint64 {
	var n uint64
	for b := m.g.firstData; b < m.g.blocks; b++ {
		if m.bmap.get(b) {
			n++
		}
	}
	return n
}

// inodeTables records the zeroing of the inode tables (only their used
// part when tables are initialised lazily) and writes the reserved
// inodes, which must carry checksums.
func (m *image) inodeTables() {
	lazy := m.p.lazyItable && m.csumGroups()
	for i := range m.groups {
		gd := &m.groups[i]
		n := m.g.itbPerGroup
		if lazy {
			n = divCeil((m.g.inodesPerGroup-gd.itableUnused)*uint64(m.p.inodeSize), uint64(m.p.blockSize))
		}
		if !lazy || m.p.itableZeroed {
			gd.flags |= bgInodeZeroed
		}
		if !m.p.itableZeroed && n > 0 {
			m.zeroRuns = append(m.zeroRuns, [2]uint64{gd.inodeTable, n})
		}
	}
	if m.metadataCsum() {
		for ino := uint32(1); ino < firstIno; ino++ {
			m.inode(ino)
		}
	}
}

// setTimes gives an inode the making time in all its stamps; large
// inodes get their extra fields and creation time.
func (m *image) setTimes(r []byte, large bool) {
	now := m.p.now
	le.PutUint32(r[8:], now)
	le.PutUint32(r[12:], now)
	le.PutUint32(r[16:], now)
	if large && len(r) > 128 {
		le.PutUint16(r[128:], 32)
		le.PutUint32(r[144:], now)
	}
}

// addIBlocks counts n more blocks in an inode's i_blocks (512-byte
// units; huge_file's own unit is never needed at these sizes).
func (m *image) addIBlocks(r []byte, n uint64) {
	v := uint64(le.Uint32(r[28:])) | uint64(le.Uint16(r[116:]))<<32
	v += n * uint64(m.p.blockSize) / 512
	le.PutUint32(r[28:], uint32(v))
	le.PutUint16(r[116:], uint16(v>>32))
}

// usesExtents says whether new files are extent-mapped.
func (m *image) usesExtents() bool { return m.g.feat.incompat&incExtents != 0 }

// inodeGoal is where a new file's first block is looked for: the start
// of its inode's (flex) group.
func (m *image) inodeGoal(ino uint32) uint64 {
	grp := (uint64(ino) - 1) / m.g.inodesPerGroup
	if m.p.logFlex != 0 && m.g.feat.incompat&incFlexBg != 0 {
		grp &^= (1 << m.p.logFlex) - 1
	}
	return m.g.groupFirst(grp)
}

// mapBlocks sets a small file's block map: one extent per run in the
// inode, or direct blocks. Runs are (first, count).
func (m *image) mapBlocks(r []byte, runs [][2]uint64) {
	ib := r[40:100]
	clear(ib)
	if !m.usesExtents() {
		k := 0
		for _, run := range runs {
			for j := range run[1] {
				le.PutUint32(ib[4*k:], uint32(run[0]+j))
				k++
			}
		}
		return
	}
	le.PutUint32(r[32:], le.Uint32(r[32:])|extentsFl)
	le.PutUint16(ib[0:], 0xF30A)
	le.PutUint16(ib[2:], uint16(len(runs)))
	le.PutUint16(ib[4:], 4)
	var lblk uint64
	for i, run := range runs {
		e := ib[12+12*i:]
		le.PutUint32(e[0:], uint32(lblk))
		le.PutUint16(e[4:], uint16(run[1]))
		le.PutUint16(e[6:], uint16(run[0]>>32))
		le.PutUint32(e[8:], uint32(run[0]))
		lblk += run[1]
	}
}

// dirEntry writes one directory entry at b, recLen bytes long.
func (m *image) dirEntry(b []byte, ino uint32, name string, ftype byte, recLen int) {
	le.PutUint32(b[0:], ino)
	le.PutUint16(b[4:], uint16(recLen))
	b[6] = byte(len(name))
	if m.g.feat.incompat&incFiletype != 0 {
		b[7] = ftype
	}
	copy(b[8:], name)
}

// dirSpace is the room for entries in a directory block.
func (m *image) dirSpace() int {
	if m.metadataCsum() {
		return int(m.p.blockSize) - 12
	}
	return int(m.p.blockSize)
}

// sealDir sets a directory block's checksum tail.
func (m *image) sealDir(ino uint32, b []byte) {
	if m.metadataCsum() {
		ext4.SealDirBlock(m.csumSeed, ino, 0, b)
	}
}

// newDir makes directory ino with one block holding "." and "..", and
// extra entries given after them.
func (m *image) newDir(ino, parent uint32, mode uint16) (uint64, error) {
	blk, err := m.newBlock(m.inodeGoal(ino))
	if err != nil {
		return 0, err
	}
	b := m.block(blk)
	m.dirEntry(b, ino, ".", 2, 12)
	m.dirEntry(b[12:], parent, "..", 2, m.dirSpace()-12)
	m.sealDir(ino, b)
	r := m.inode(ino)
	le.PutUint16(r[0:], 0o40000|mode)
	le.PutUint32(r[4:], m.p.blockSize)
	le.PutUint16(r[26:], 2)
	m.setTimes(r, true)
	m.addIBlocks(r, 1)
	m.mapBlocks(r, [][2]uint64{{blk, 1}})
	m.useInode(uint64(ino), true)
	return blk, nil
}

// rootDir makes the root directory, owned as -E root_owner says.
func (m *image) rootDir() error {
	if _, err := m.newDir(rootIno, rootIno, 0o755); err != nil {
		return err
	}
	r := m.inode(rootIno)
	le.PutUint16(r[2:], uint16(m.p.rootUID))
	le.PutUint16(r[120:], uint16(m.p.rootUID>>16))
	le.PutUint16(r[24:], uint16(m.p.rootGID))
	le.PutUint16(r[122:], uint16(m.p.rootGID>>16))
	return nil
}

// lostFound makes lost+found (inode 11) and grows it to 16 KiB, or to
// twelve blocks when that is less, so e2fsck has room to reconnect
// files without allocating.
func (m *image) lostFound() error {
	m.claimInodeGroup(firstIno)
	first, err := m.newDir(firstIno, rootIno, 0o700)
	if err != nil {
		return err
	}
	// The root's block gets the entry; ".." there spans the rest.
	rootBlk := m.dirBlockOf(rootIno)
	rb := m.block(rootBlk)
	le.PutUint16(rb[12+4:], 12)
	m.dirEntry(rb[24:], firstIno, "lost+found", 2, m.dirSpace()-24)
	m.sealDir(rootIno, rb)
	rr := m.inode(rootIno)
	le.PutUint16(rr[26:], le.Uint16(rr[26:])+1)

	runs := [][2]uint64{{first, 1}}
	bs := uint64(m.p.blockSize)
	size := bs
	for i := uint64(1); i < 12; i++ {
		if i*bs >= 16*1024 && i*bs >= 2*bs {
			break
		}
		size += bs
		last := runs[len(runs)-1]
		blk, err := m.newBlock(last[0] + last[1])
		if err != nil {
			return err
		}
		if blk == last[0]+last[1] && m.usesExtents() {
			runs[len(runs)-1][1]++
		} else {
			runs = append(runs, [2]uint64{blk, 1})
		}
		b := m.block(blk)
		le.PutUint16(b[4:], uint16(m.dirSpace()))
		m.sealDir(firstIno, b)
	}
	r := m.inode(firstIno)
	le.PutUint32(r[4:], uint32(size))
	le.PutUint32(r[28:], 0)
	m.addIBlocks(r, size/uint64(m.p.blockSize))
	m.mapBlocks(r, runs)
	return nil
}

// claimInodeGroup is what libext2fs's inode allocator does to the group
// it takes a new inode from while the group's inodes are uninitialised
// (lost+found's, when group 0 has fewer than 11 inodes): both of the
// group's uninit flags go.
func (m *image) claimInodeGroup(ino uint32) {
	gd := &m.groups[(uint64(ino)-1)/m.g.inodesPerGroup]
	if m.csumGroups() && gd.flags&bgInodeUninit != 0 {
		gd.flags &^= bgInodeUninit | bgBlockUninit
	}
}

// dirBlockOf is the first block of a directory made by newDir.
func (m *image) dirBlockOf(ino uint32) uint64 {
	r := m.inode(ino)
	if m.usesExtents() {
		return uint64(le.Uint32(r[40+12+8:])) | uint64(le.Uint16(r[40+12+6:]))<<32
	}
	return uint64(le.Uint32(r[40:]))
}

// badBlocksInode is inode 1 with no bad blocks: only its times, written
// as a small inode.
func (m *image) badBlocksInode() {
	m.useInode(badIno, false)
	r := m.inode(badIno)
	m.setTimes(r, false)
}

// resizeInode makes inode 7, which holds the reserved descriptor blocks
// (and their backups) so that resize2fs can grow the descriptor table:
// a double indirect block pointing at the primary reserved blocks, each
// of which lists its copies in the backup groups.
func (m *image) resizeInode() error {
	g := m.g
	apb := uint64(m.p.blockSize) / 4
	goal := g.firstData + g.descBlocks + g.rsvGdt + 2 + g.itbPerGroup
	dind, err := m.newBlock(goal)
	if err != nil {
		return err
	}
	db := m.block(dind)
	r := m.inode(resizeIno)
	le.PutUint16(r[0:], 0o100600)
	le.PutUint16(r[26:], 1)
	le.PutUint32(r[40+13*4:], uint32(dind))
	nblocks := uint64(1)
	size := (apb*apb + apb + 12) * uint64(m.p.blockSize)
	le.PutUint32(r[4:], uint32(size))
	le.PutUint32(r[108:], uint32(size>>32))
	backups := g.backupGroups()
	grpBlk := g.firstData + 1 + g.descBlocks
	gdtOff := g.descBlocks
	for range g.rsvGdt {
		gdtOff %= apb
		le.PutUint32(db[4*gdtOff:], uint32(grpBlk))
		nblocks++
		gb := m.block(grpBlk)
		for k, grp := range backups {
			le.PutUint32(gb[4*k:], uint32(grpBlk+grp*g.blocksPerGroup))
			nblocks++
		}
		gdtOff++
		grpBlk++
	}
	m.addIBlocks(r, nblocks)
	m.setTimes(r, true)
	return nil
}

// backupGroups are the groups after 0 holding superblock copies, in
// order.
func (g *geometry) backupGroups() []uint64 {
	var out []uint64
	for n := uint64(1); n < g.groups; n++ {
		if g.hasSuper(n) {
			out = append(out, n)
		}
	}
	return out
}
