// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

// Group descriptor flags.
const (
	bgInodeUninit = 0x1
	bgBlockUninit = 0x2
	bgInodeZeroed = 0x4
)

// groupDesc is one group's descriptor as mke2fs fills it in.
type groupDesc struct {
	blockBitmap, inodeBitmap, inodeTable uint64
	freeBlocks, freeInodes, usedDirs     uint64
	itableUnused                         uint64
	flags                                uint16
}

// bitset is a bitmap over blocks or inodes.
type bitset []uint64

func newBitset(n uint64) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) get(i uint64) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b bitset) set(i uint64)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) setRange(i, n uint64) {
	for ; n > 0; n-- {
		b.set(i)
		i++
	}
}

// rangeFree says whether n blocks from i are all free.
func (b bitset) rangeFree(i, n uint64) bool {
	for ; n > 0; n-- {
		if b.get(i) {
			return false
		}
		i++
	}
	return true
}

// findFree is the first run of n free blocks at or after start, going
// round to the first data block at the end, and giving up at finish
// (a finish beyond start means no going round), as libext2fs's search.
func (m *image) findFree(start, finish, n uint64) (uint64, bool) {
	b := start
	if b == 0 {
		b = m.g.firstData
	}
	if finish == 0 {
		finish = start
	}
	if n == 0 {
		n = 1
	}
	// Bounded: with finish at the first data block the search would
	// otherwise go round for ever.
	for steps := uint64(0); steps <= m.g.blocks; steps++ {
		if b+n-1 >= m.g.blocks {
			if finish > start {
				return 0, false
			}
			b = m.g.firstData
		}
		if m.bmap.rangeFree(b, n) {
			return b, true
		}
		b++
		if b == finish {
			return 0, false
		}
	}
	return 0, false
}

// useBlocks takes n blocks from blk for a file or directory: the
// bitmap, the group's and the filesystem's free counts.
func (m *image) useBlocks(blk, n uint64) {
	for ; n > 0; n-- {
		m.bmap.set(blk)
		gd := &m.groups[m.g.groupOf(blk)]
		gd.freeBlocks--
		gd.flags &^= bgBlockUninit
		m.freeBlocks--
		blk++
	}
}

// newBlock is the first free block from goal, going round to the first
// data block, taken.
func (m *image) newBlock(goal uint64) (uint64, error) {
	if goal < m.g.firstData || goal >= m.g.blocks {
		goal = m.g.firstData
	}
	for _, r := range [][2]uint64{{goal, m.g.blocks}, {m.g.firstData, goal}} {
		for b := r[0]; b < r[1]; b++ {
			if !m.bmap.get(b) {
				m.useBlocks(b, 1)
				return b, nil
			}
		}
	}
	return 0, errNoSpace
}

// useInode takes inode ino, as ext2fs_inode_alloc_stats2.
func (m *image) useInode(ino uint64, dir bool) {
	m.imap.set(ino - 1)
	grp := (ino - 1) / m.g.inodesPerGroup
	gd := &m.groups[grp]
	gd.freeInodes--
	if dir {
		gd.usedDirs++
	}
	gd.flags &^= bgInodeUninit
	if m.csumGroups() {
		firstUnused := m.g.inodesPerGroup - gd.itableUnused + grp*m.g.inodesPerGroup + 1
		if ino >= firstUnused {
			gd.itableUnused = grp*m.g.inodesPerGroup + m.g.inodesPerGroup - ino
		}
	}
	m.freeInodes--
}

// initGroups fills the descriptors before any table is placed: the
// uninitialised flags, the free counts, and the superblock copies and
// descriptor blocks marked in use.
func (m *image) initGroups() {
	g := m.g
	m.groups = make([]groupDesc, g.groups)
	reserved := uint64(11) // the first non-reserved inode
	var free uint64
	for i := range g.groups {
		gd := &m.groups[i]
		if m.csumGroups() {
			if i != g.groups-1 {
				gd.flags |= bgBlockUninit
			}
			gd.flags |= bgInodeUninit
			n := g.inodesPerGroup
			if reserved > 0 {
				if n > reserved {
					n -= reserved
					reserved = 0
				} else {
					reserved -= n
					n = 0
				}
			}
			gd.itableUnused = n
		}
		n := m.reserveSuper(i)
		if m.flex() {
			n += 2 + g.itbPerGroup
		}
		free += n
		gd.freeBlocks = n
		gd.freeInodes = g.inodesPerGroup
	}
	m.freeBlocks = free
	m.freeInodes = g.inodes
}

// reserveSuper marks group i's superblock copy and descriptor blocks in
// use and says how many blocks the group has left once its bitmaps and
// inode table are in it too.
func (m *image) reserveSuper(i uint64) uint64 {
	g := m.g
	super, desc, used := g.superAndDesc(i)
	if used == 0 {
		return g.groupLast(i) - g.groupFirst(i) + 1 - (2 + g.itbPerGroup)
	}
	m.bmap.set(super)
	n := g.descBlocks + g.rsvGdt
	if desc+n >= g.blocks {
		n = g.blocks - desc
	}
	m.bmap.setRange(desc, n)
	return g.groupLast(i) - g.groupFirst(i) + 1 - (2 + g.itbPerGroup + used)
}

// flexOffset is where a flex group's run of one kind of table goes:
// after the previous group's when that still has room, else the first
// place in the flex group with room for all of the rest.
func (m *image) flexOffset(group, startBlk, remGroups, elem uint64) uint64 {
	g := m.g
	flexSize := uint64(1) << m.p.logFlex
	flexbg := group / flexSize
	size := remGroups * elem
	if size > g.blocksPerGroup/4 {
		size = g.blocksPerGroup / 4
	}
	if startBlk != 0 && startBlk < g.blocks {
		if b, ok := m.findFree(startBlk, startBlk+size, elem); ok {
			return b
		}
	}
	startBlk = g.groupFirst(flexSize * flexbg)
	lastGrp := group | (flexSize - 1)
	if lastGrp > g.groups-1 {
		lastGrp = g.groups - 1
	}
	lastBlk := g.groupLast(lastGrp)
	if b, ok := m.findFree(startBlk, lastBlk, size); ok {
		return b
	}
	if b, ok := m.findFree(startBlk, lastBlk, elem); ok {
		return b
	}
	b, _ := m.findFree(0, lastBlk, elem)
	return b
}

// takeTable marks n table blocks from blk in use; under flex_bg the
// groups they land in pay for them.
func (m *image) takeTable(blk, n uint64) {
	m.bmap.setRange(blk, n)
	if !m.flex() {
		return
	}
	for n > 0 {
		gr := m.g.groupOf(blk)
		last := m.g.groupLast(gr)
		k := n
		if blk+n > last {
			k = last - blk + 1
		}
		m.groups[gr].freeBlocks -= k
		m.groups[gr].flags &^= bgBlockUninit
		m.freeBlocks -= k
		blk += k
		n -= k
	}
}

// allocateTables places every group's bitmaps and inode table.
func (m *image) allocateTables() error {
	for i := range m.g.groups {
		if err := m.allocateGroupTables(i); err != nil {
			return err
		}
	}
	return nil
}

// allocateGroupTables places group i's block bitmap, inode bitmap and
// inode table: in the group itself, or packed with the rest of its flex
// group's at the flex group's start.
func (m *image) allocateGroupTables(i uint64) error {
	g := m.g
	gd := &m.groups[i]
	groupBlk, lastBlk := g.groupFirst(i), g.groupLast(i)
	startBlk := groupBlk
	var flexSize, lastGrp, remGrps, tableOffset uint64
	if m.flex() {
		flexSize = 1 << m.p.logFlex
		lastGrp = i | (flexSize - 1)
		if lastGrp > g.groups-1 {
			lastGrp = g.groups - 1
		}
		remGrps = lastGrp - i + 1
		tableOffset = flexSize
		var prev uint64
		if i%flexSize != 0 {
			prev = m.groups[i-1].blockBitmap + 1
		} else if lastGrp == g.groups-1 {
			// The last flex group keeps its tables together.
			tableOffset = lastGrp & (flexSize - 1)
			if tableOffset == 0 {
				tableOffset = flexSize
			} else {
				tableOffset++
			}
		}
		startBlk = m.flexOffset(i, prev, remGrps, 1)
		lastBlk = g.groupLast(lastGrp)
	}
	b, ok := m.findFree(startBlk, lastBlk, 1)
	if !ok {
		if b, ok = m.findFree(groupBlk, lastBlk, 1); !ok {
			return errNoSpace
		}
	}
	gd.blockBitmap = b
	m.takeTable(b, 1)

	if flexSize != 0 {
		prev := gd.blockBitmap + tableOffset
		if i%flexSize != 0 {
			prev = m.groups[i-1].inodeBitmap + 1
		}
		startBlk = m.flexOffset(i, prev, remGrps, 1)
		lastBlk = g.groupLast(lastGrp)
	}
	b, ok = m.findFree(startBlk, lastBlk, 1)
	if !ok {
		if b, ok = m.findFree(groupBlk, lastBlk, 1); !ok {
			return errNoSpace
		}
	}
	gd.inodeBitmap = b
	m.takeTable(b, 1)

	if flexSize != 0 {
		prev := gd.inodeBitmap + tableOffset
		if i%flexSize != 0 {
			prev = m.groups[i-1].inodeTable + g.itbPerGroup
		}
		groupBlk = m.flexOffset(i, prev, remGrps, g.itbPerGroup)
		lastBlk = g.groupLast(lastGrp)
	}
	b, ok = m.findFree(groupBlk, lastBlk, g.itbPerGroup)
	if !ok {
		return errNoSpace
	}
	gd.inodeTable = b
	m.takeTable(b, g.itbPerGroup)
	return nil
}
