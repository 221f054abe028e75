// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The writer. It serves ext2, ext3 and ext4 images of the features
// below: block maps or extent trees, metadata checksums, 64-bit and
// flexible groups. Metadata goes to the disk as it changes, a block at a
// time, in place: the journal of an ext3 or ext4 image stays empty and
// clean, as a crash in the middle of an operation is not a case this
// driver has. The attributes the VFS changes by itself (modes, owners,
// times) reach the disk when inodes are written back at unmount, at a
// read-only remount and whenever this driver writes the inode anyway.

// Feature sets a writable image may have.
const (
	writableCompat   = compatHasJournal | 0x8 | 0x10 | compatDirIndex | compatSparseSuper2 // ext_attr, resize_inode
	writableIncompat = incompatFiletype | incompatExtents | incompat64bit | incompatFlexBg |
		incompatMetaBg | incompatCsumSeed
	writableRoCompat = roCompatSparseSuper | roCompatLargeFile | roCompatHugeFile | roCompatGdtCsum |
		roCompatDirNlink | roCompatExtraIsize | roCompatMetadataCsum
	stateValid = 0x1 // EXT4_VALID_FS
	stateError = 0x2 // EXT4_ERROR_FS
)

// writable says whether this driver can write the image: the features
// above and nothing else. A journal that needs replaying
// (needs_recovery) is an incompatible feature not among them.
func (fs *filesystem) writable() bool {
	s := fs.sb
	return s.compat&^writableCompat == 0 && s.incompat&^writableIncompat == 0 &&
		s.roCompat&^writableRoCompat == 0 && fs.clusterBits == 0
}

// writeBlock writes a whole block and keeps the cache up to date. The
// cache holds b from now on: the caller must not change it again.
func (fs *filesystem) writeBlock(pblk uint64, b []byte) error {
	if pblk >= fs.sb.blocksCount {
		return linux.EUCLEAN
	}
	if n, err := fs.disk.WriteAt(b, int64(pblk<<fs.blockBits)); err != nil || n != len(b) {
		return linux.EIO
	}
	c := &fs.cache
	c.mu.Lock()
	if len(c.blocks) >= maxCachedBlocks {
		clear(c.blocks)
	}
	c.blocks[pblk] = b
	c.mu.Unlock()
	return nil
}

// modifyBlock reads block pblk, lets change alter a copy and writes the
// copy back.
func (fs *filesystem) modifyBlock(pblk uint64, change func(b []byte)) error {
	old, err := fs.readBlock(pblk)
	if err != nil {
		return err
	}
	b := append([]byte(nil), old...)
	change(b)
	return fs.writeBlock(pblk, b)
}

// writeGroup writes group g's descriptor back into its block
// (ext4_handle_dirty_metadata on the descriptor's buffer): the counts,
// flags and bitmap checksums, the upper halves where descriptors are
// wide, and the descriptor's own checksum.
func (fs *filesystem) writeGroup(g uint32) error {
	gr := &fs.groups[g]
	blk := fs.descriptorLoc(g / fs.descPerBlock)
	off := (g % fs.descPerBlock) * fs.descSize
	return fs.modifyBlock(blk, func(b []byte) {
		d := b[off : off+fs.descSize]
		le := binary.LittleEndian
		le.PutUint16(d[12:], uint16(gr.freeBlocks))
		le.PutUint16(d[14:], uint16(gr.freeInodes))
		le.PutUint16(d[16:], uint16(gr.usedDirs))
		le.PutUint16(d[18:], gr.flags)
		if fs.csummed() {
			le.PutUint16(d[24:], uint16(gr.blockCsum))
			le.PutUint16(d[26:], uint16(gr.inodeCsum))
		}
		le.PutUint16(d[28:], uint16(gr.itableFree))
		if fs.descSize >= minDescSize64 {
			le.PutUint16(d[44:], uint16(gr.freeBlocks>>16))
			le.PutUint16(d[46:], uint16(gr.freeInodes>>16))
			le.PutUint16(d[48:], uint16(gr.usedDirs>>16))
			le.PutUint16(d[50:], uint16(gr.itableFree>>16))
			if fs.csummed() {
				le.PutUint16(d[56:], uint16(gr.blockCsum>>16))
				le.PutUint16(d[58:], uint16(gr.inodeCsum>>16))
			}
		}
		if c, ok := fs.groupCsum(g, d); ok {
			le.PutUint16(d[30:], c)
		}
		gr.raw = append([]byte(nil), d...)
	})
}

// bg_flags bits (EXT4_BG_*).
const (
	bgInodeUninit = 0x1
	bgBlockUninit = 0x2
)

// bitmap returns a copy of a group's block or inode bitmap.
func (fs *filesystem) bitmap(at uint64) ([]byte, error) {
	b, err := fs.readBlock(at)
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), b...), nil
}

// blockBitmap returns a copy of group g's block bitmap; one the group
// has never written (BLOCK_UNINIT) is made as ext4_init_block_bitmap
// makes it, and must agree with the descriptor's free count.
func (fs *filesystem) blockBitmap(g uint32) ([]byte, error) {
	gr := &fs.groups[g]
	if gr.flags&bgBlockUninit == 0 {
		return fs.bitmap(gr.blockBitmap)
	}
	bm := make([]byte, fs.blockSize)
	n := fs.groupBlocks(g)
	for i := range min(fs.baseMetaBlocks(g), n) {
		setBit(bm, i)
	}
	first := fs.groupFirstBlock(uint64(g))
	mark := func(at, count uint64) {
		for b := at; b < at+count; b++ {
			if b >= first && b < first+n {
				setBit(bm, b-first)
			}
		}
	}
	mark(gr.blockBitmap, 1)
	mark(gr.inodeBitmap, 1)
	mark(gr.inodeTable, uint64(fs.itbPerGroup))
	for i := n; i < uint64(fs.blockSize)*8; i++ {
		setBit(bm, i)
	}
	free := uint32(0)
	for i := range n {
		if !hasBit(bm, i) {
			free++
		}
	}
	if free != gr.freeBlocks {
		return nil, linux.EUCLEAN // the kernel marks such a group corrupt
	}
	return bm, nil
}

// baseMetaBlocks is ext4_num_base_meta_blocks: the superblock copy and
// the descriptor blocks (reserved ones too) at the start of group g.
func (fs *filesystem) baseMetaBlocks(g uint32) uint64 {
	s := fs.sb
	if !fs.groupHasSuper(uint64(g)) {
		if s.hasIncompat(incompatMetaBg) && uint64(g) >= uint64(s.firstMetaBg)*uint64(fs.descPerBlock) {
			gdb := (uint64(fs.groupCount) + uint64(fs.descPerBlock) - 1) / uint64(fs.descPerBlock)
			return fs.groupGdbCount(uint64(g), false, gdb)
		}
		return 0
	}
	gdb := (uint64(fs.groupCount) + uint64(fs.descPerBlock) - 1) / uint64(fs.descPerBlock)
	n := 1 + fs.groupGdbCount(uint64(g), true, gdb)
	if !s.hasIncompat(incompatMetaBg) || uint64(g) < uint64(s.firstMetaBg)*uint64(fs.descPerBlock) {
		n += uint64(s.reservedGdtBlocks)
	}
	return n
}

// putBlockBitmap writes group g's block bitmap and keeps its checksum
// in the descriptor, which the caller writes; the group has one now.
func (fs *filesystem) putBlockBitmap(g uint32, bm []byte) error {
	gr := &fs.groups[g]
	if err := fs.writeBlock(gr.blockBitmap, bm); err != nil {
		return err
	}
	gr.flags &^= bgBlockUninit
	gr.blockCsum = fs.bitmapCsum(bm, fs.sb.clustersPerGroup)
	return nil
}

// inodeBitmap returns a copy of group g's inode bitmap: an unwritten one
// (INODE_UNINIT) is empty but for the bits past the group's inodes
// (ext4_init_inode_bitmap).
func (fs *filesystem) inodeBitmap(g uint32) ([]byte, error) {
	gr := &fs.groups[g]
	if gr.flags&bgInodeUninit == 0 {
		return fs.bitmap(gr.inodeBitmap)
	}
	bm := make([]byte, fs.blockSize)
	for i := uint64(fs.sb.inodesPerGroup); i < uint64(fs.blockSize)*8; i++ {
		setBit(bm, i)
	}
	return bm, nil
}

// putInodeBitmap is putBlockBitmap for the inode bitmap.
func (fs *filesystem) putInodeBitmap(g uint32, bm []byte) error {
	gr := &fs.groups[g]
	if err := fs.writeBlock(gr.inodeBitmap, bm); err != nil {
		return err
	}
	gr.flags &^= bgInodeUninit
	gr.inodeCsum = fs.bitmapCsum(bm, fs.sb.inodesPerGroup)
	return nil
}

func setBit(bm []byte, i uint64)      { bm[i/8] |= 1 << (i % 8) }
func clearBit(bm []byte, i uint64)    { bm[i/8] &^= 1 << (i % 8) }
func hasBit(bm []byte, i uint64) bool { return bm[i/8]&(1<<(i%8)) != 0 }

// groupBlocks is how many blocks group g has (the last may be short).
func (fs *filesystem) groupBlocks(g uint32) uint64 {
	first := fs.groupFirstBlock(uint64(g))
	return min(uint64(fs.sb.blocksPerGroup), fs.sb.blocksCount-first)
}

// allocBlock takes a free block: goal itself if free, else the first
// free one after it, group by group around the disk (ext4_new_meta_blocks'
// plain first fit from the goal). It zeroes the block on the disk unless
// the caller fills it whole.
func (fs *filesystem) allocBlock(goal uint64, zero bool) (uint64, error) {
	first := uint64(fs.sb.firstDataBlock)
	if goal < first || goal >= fs.sb.blocksCount {
		goal = first
	}
	bpg := uint64(fs.sb.blocksPerGroup)
	start, startBit := uint32((goal-first)/bpg), (goal-first)%bpg
	for i := uint32(0); i <= fs.groupCount; i++ {
		g := (start + i) % fs.groupCount
		from, to := uint64(0), fs.groupBlocks(g)
		switch {
		case i == 0:
			from = startBit
		case i == fs.groupCount:
			to = startBit // back in the goal's group: what lies before it
		}
		gr := &fs.groups[g]
		if gr.freeBlocks == 0 || from >= to {
			continue
		}
		bm, err := fs.blockBitmap(g)
		if err == linux.EUCLEAN {
			continue // a group whose bitmap cannot be trusted
		} else if err != nil {
			return 0, err
		}
		for bit := from; bit < to; bit++ {
			if hasBit(bm, bit) {
				continue
			}
			return fs.takeBlock(g, bm, bit, zero)
		}
	}
	return 0, linux.ENOSPC
}

// takeBlock marks bit of group g's bitmap bm used and returns its block.
func (fs *filesystem) takeBlock(g uint32, bm []byte, bit uint64, zero bool) (uint64, error) {
	setBit(bm, bit)
	if err := fs.putBlockBitmap(g, bm); err != nil {
		return 0, err
	}
	fs.groups[g].freeBlocks--
	fs.counts.freeBlocks.add(-1)
	if err := fs.writeGroup(g); err != nil {
		return 0, err
	}
	pblk := fs.groupFirstBlock(uint64(g)) + bit
	if zero {
		if err := fs.writeBlock(pblk, make([]byte, fs.blockSize)); err != nil {
			return 0, err
		}
	}
	return pblk, nil
}

// freeBlock gives a block back to its group (ext4_free_blocks).
func (fs *filesystem) freeBlock(pblk uint64) error {
	if pblk < uint64(fs.sb.firstDataBlock) || pblk >= fs.sb.blocksCount {
		return linux.EUCLEAN
	}
	rel := pblk - uint64(fs.sb.firstDataBlock)
	g := uint32(rel / uint64(fs.sb.blocksPerGroup))
	bit := rel % uint64(fs.sb.blocksPerGroup)
	gr := &fs.groups[g]
	bm, err := fs.blockBitmap(g)
	if err != nil {
		return err
	}
	if !hasBit(bm, bit) {
		return linux.EUCLEAN // "bit already cleared"
	}
	clearBit(bm, bit)
	if err := fs.putBlockBitmap(g, bm); err != nil {
		return err
	}
	fs.cache.mu.Lock()
	delete(fs.cache.blocks, pblk) // its next owner starts afresh
	fs.cache.mu.Unlock()
	gr.freeBlocks++
	fs.counts.freeBlocks.add(1)
	return fs.writeGroup(g)
}

// allocInode takes a free inode for a new entry called name in the
// directory parent: its group chosen as __ext4_new_inode chooses it
// (find_group_orlov for a directory, find_group_other otherwise), the
// lowest free number in it.
func (fs *filesystem) allocInode(parent *vfs.Inode, name string, dir bool) (uint32, error) {
	var g uint32
	var ok bool
	if dir {
		g, ok = fs.findGroupOrlov(parent, name, true)
	} else {
		g, ok = fs.findGroupOther(parent)
	}
	if !ok {
		return 0, linux.ENOSPC
	}
	pn := parent.Private.(*node)
	pn.lastAlloc, pn.lastAllocSet = g, true
	s := fs.sb
	gr := &fs.groups[g]
	bm, err := fs.inodeBitmap(g)
	if err != nil {
		return 0, err
	}
	for bit := range s.inodesPerGroup {
		ino := g*s.inodesPerGroup + bit + 1
		if ino < fs.firstIno || hasBit(bm, uint64(bit)) {
			continue
		}
		setBit(bm, uint64(bit))
		if err := fs.putInodeBitmap(g, bm); err != nil {
			return 0, err
		}
		if err := fs.initBlockBitmap(g); err != nil {
			return 0, err
		}
		gr.freeInodes--
		fs.counts.freeInodes.add(-1)
		if dir {
			gr.usedDirs++
			fs.counts.dirs.add(1)
		}
		if fs.groupCsummed() && bit+1 > s.inodesPerGroup-gr.itableFree {
			gr.itableFree = s.inodesPerGroup - (bit + 1)
		}
		return ino, fs.writeGroup(g)
	}
	return 0, linux.EUCLEAN // the count said free, the bitmap full
}

// groupCsummed says whether descriptors carry checksums and the
// uninitialized-group flags (metadata_csum or uninit_bg).
func (fs *filesystem) groupCsummed() bool {
	return fs.sb.metadataCsum() || fs.sb.hasRoCompat(roCompatGdtCsum)
}

// initBlockBitmap gives a group that gets its first inode a block bitmap
// of its own, as __ext4_new_inode does where descriptors have checksums.
func (fs *filesystem) initBlockBitmap(g uint32) error {
	if fs.groups[g].flags&bgBlockUninit == 0 || !fs.groupCsummed() {
		return nil
	}
	bm, err := fs.blockBitmap(g)
	if err != nil {
		return err
	}
	return fs.putBlockBitmap(g, bm)
}

// groupOf is the group holding inode ino.
func (fs *filesystem) groupOf(ino uint64) uint32 {
	return uint32((ino - 1) / uint64(fs.sb.inodesPerGroup))
}

// flexGroups is how many groups one flex group holds (ext4_flex_bg_size):
// 1 without flex_bg or with a log the kernel refuses.
func (fs *filesystem) flexGroups() uint32 {
	if l := fs.sb.logGroupsPerFlex; fs.sb.hasIncompat(incompatFlexBg) && l >= 1 && l <= 31 {
		return 1 << l
	}
	return 1
}

// unitCounts are the free inodes, free blocks and directories of the
// flex group u (of one group when flex is 1): get_orlov_stats.
type unitCounts struct{ freeInodes, freeBlocks, dirs uint64 }

func (fs *filesystem) unitCounts(u, flex uint32) unitCounts {
	var c unitCounts
	for g := u * flex; g < min((u+1)*flex, fs.groupCount); g++ {
		gr := fs.groups[g]
		c.freeInodes += uint64(gr.freeInodes)
		c.freeBlocks += uint64(gr.freeBlocks)
		c.dirs += uint64(gr.usedDirs)
	}
	return c
}

// firstWithInode is the first group of flex group u with a free inode:
// inodes are packed at the start of a flex group's tables.
func (fs *filesystem) firstWithInode(u, flex uint32) (uint32, bool) {
	for g := u * flex; g < min((u+1)*flex, fs.groupCount); g++ {
		if fs.groups[g].freeInodes > 0 {
			return g, true
		}
	}
	return 0, false
}

// lastAllocGroup is where the last inode made in directory parent went
// (i_last_alloc_group, kept in memory only), if any was.
func lastAllocGroup(parent *vfs.Inode) (uint32, bool) {
	n := parent.Private.(*node)
	return n.lastAlloc, n.lastAllocSet
}

// findGroupOther is find_group_other. With flex groups: the first group
// of the parent's flex group with a free inode, then of the flex group
// the directory last allocated from, then the directories' search
// below. Without: the parent's group if it has a free inode and a free
// block, else a quadratic hash from it (offset by the parent's number,
// so that the files of one directory gather), else any group with a
// free inode.
func (fs *filesystem) findGroupOther(parent *vfs.Inode) (uint32, bool) {
	if flex := fs.flexGroups(); flex > 1 {
		if g, ok := fs.firstWithInode(fs.groupOf(parent.Ino())/flex, flex); ok {
			return g, true
		}
		if last, ok := lastAllocGroup(parent); ok {
			if g, ok := fs.firstWithInode(last/flex, flex); ok {
				return g, true
			}
		}
		return fs.findGroupOrlov(parent, "", false)
	}
	n := fs.groupCount
	pg := fs.groupOf(parent.Ino())
	usable := func(g uint32) bool { return fs.groups[g].freeInodes > 0 && fs.groups[g].freeBlocks > 0 }
	if usable(pg) {
		return pg, true
	}
	g := uint32((uint64(pg) + parent.Ino()) % uint64(n))
	for i := uint32(1); i < n; i <<= 1 {
		g += i
		if g >= n {
			g -= n
		}
		if usable(g) {
			return g, true
		}
	}
	g = pg
	for range n {
		if g++; g >= n {
			g = 0
		}
		if fs.groups[g].freeInodes > 0 {
			return g, true
		}
	}
	return 0, false
}

// findGroupOrlov is find_group_orlov over flex groups (or groups when
// flex is 1). A directory at the top (under the root, or one marked
// TOPDIR) goes to the flex group with the fewest directories among
// those with at least the average of free inodes and blocks, searched
// from the one its name hashes to; anything else goes to the first flex
// group from the parent's (or the one it last allocated from) that is
// not too full of directories nor short of room. Within a flex group,
// the first group with a free inode.
func (fs *filesystem) findGroupOrlov(parent *vfs.Inode, name string, dir bool) (uint32, bool) {
	flex := fs.flexGroups()
	units := (fs.groupCount + flex - 1) / flex
	// The totals are the per-CPU counters' lazy reads (counters.go).
	total := unitCounts{fs.counts.freeInodes.read(), fs.counts.freeBlocks.read(), fs.counts.dirs.read()}
	avefreei, avefreec := total.freeInodes/uint64(units), total.freeBlocks/uint64(units)
	ipg := int64(fs.sb.inodesPerGroup)
	pick := func(u uint32) (uint32, bool) {
		if flex == 1 {
			return u, true
		}
		return fs.firstWithInode(u, flex)
	}
	if dir && (parent.Ino() == rootIno || parent.Private.(*node).ri.flags&flagTopdir != 0) {
		h, _, _ := dirHash([]byte(name), hashHalfMD4, fs.sb.hashSeed)
		start := h % units
		best, found := uint64(ipg), false
		var grp uint32
		for i := range units {
			u := (start + i) % units
			c := fs.unitCounts(u, flex)
			if c.freeInodes == 0 || c.dirs >= best || c.freeInodes < avefreei || c.freeBlocks < avefreec {
				continue
			}
			grp, found, best = u, true, c.dirs
		}
		if found {
			if g, ok := pick(grp); ok {
				return g, true
			}
		}
		return fs.orlovFallback(parent)
	}
	maxDirs := int64(total.dirs/uint64(units)) + ipg*int64(flex)/16
	minInodes := max(int64(avefreei)-ipg*int64(flex)/4, 1)
	minBlocks := max(int64(avefreec)-int64(fs.sb.blocksPerGroup)*int64(flex)/4, 0)
	start := fs.groupOf(parent.Ino())
	if last, ok := lastAllocGroup(parent); ok {
		start = last
	}
	start /= flex
	for i := range units {
		u := (start + i) % units
		c := fs.unitCounts(u, flex)
		if int64(c.dirs) >= maxDirs || int64(c.freeInodes) < minInodes || int64(c.freeBlocks) < minBlocks {
			continue
		}
		if g, ok := pick(u); ok {
			return g, true
		}
		break
	}
	return fs.orlovFallback(parent)
}

// orlovFallback is find_group_orlov's last resort: from the parent's
// group, the first with at least the average of free inodes per group,
// then the first with any.
func (fs *filesystem) orlovFallback(parent *vfs.Inode) (uint32, bool) {
	avefreei := fs.counts.freeInodes.read() / uint64(fs.groupCount)
	pg := fs.groupOf(parent.Ino())
	for _, floor := range []uint64{avefreei, 0} {
		for i := range fs.groupCount {
			g := (pg + i) % fs.groupCount
			if free := uint64(fs.groups[g].freeInodes); free > 0 && free >= floor {
				return g, true
			}
		}
	}
	return 0, false
}

// freeInode gives an inode number back (ext4_free_inode).
func (fs *filesystem) freeInode(ino uint32, dir bool) error {
	s := fs.sb
	g, bit := (ino-1)/s.inodesPerGroup, (ino-1)%s.inodesPerGroup
	gr := &fs.groups[g]
	bm, err := fs.inodeBitmap(g)
	if err != nil {
		return err
	}
	if !hasBit(bm, uint64(bit)) {
		return linux.EUCLEAN
	}
	clearBit(bm, uint64(bit))
	if err := fs.putInodeBitmap(g, bm); err != nil {
		return err
	}
	gr.freeInodes++
	fs.counts.freeInodes.add(1)
	if dir && gr.usedDirs > 0 {
		gr.usedDirs--
		fs.counts.dirs.add(-1)
	}
	return fs.writeGroup(g)
}

// commitSuper is ext4_commit_super: the free counts summed from the
// groups, the write time and the state, written to the superblock.
func (fs *filesystem) commitSuper(now vfs.Timespec, state uint16) error {
	var freeBlocks uint64
	var freeInodes uint32
	for _, g := range fs.groups {
		freeBlocks += uint64(g.freeBlocks)
		freeInodes += g.freeInodes
	}
	raw := fs.sb.raw
	le := binary.LittleEndian
	le.PutUint32(raw[12:], uint32(freeBlocks))
	if fs.sb.hasIncompat(incompat64bit) {
		le.PutUint32(raw[344:], uint32(freeBlocks>>32)) // s_free_blocks_hi
	}
	le.PutUint32(raw[16:], freeInodes)
	le.PutUint32(raw[48:], uint32(now.Sec)) // s_wtime
	raw[628] = byte(uint64(now.Sec) >> 32)
	le.PutUint16(raw[58:], state)
	fs.sealSuper(raw)
	if n, err := fs.disk.WriteAt(raw, superOffset); err != nil || n != len(raw) {
		return linux.EIO
	}
	fs.cache.mu.Lock()
	clear(fs.cache.blocks) // the superblock's own block may be cached
	fs.cache.mu.Unlock()
	return nil
}

// fsckWarning is ext4_setup_super's advice before a read-write mount,
// "" when there is none.
func (fs *filesystem) fsckWarning(now vfs.Timespec) string {
	raw := fs.sb.raw
	le := binary.LittleEndian
	maxCount := int16(le.Uint16(raw[54:]))
	interval := le.Uint32(raw[68:])
	switch {
	case fs.sb.state&stateValid == 0:
		return "warning: mounting unchecked fs, running e2fsck is recommended"
	case fs.sb.state&stateError != 0:
		return "warning: mounting fs with errors, running e2fsck is recommended"
	case maxCount > 0 && le.Uint16(raw[52:]) >= uint16(maxCount):
		return "warning: maximal mount count reached, running e2fsck is recommended"
	case interval != 0 && int64(le.Uint32(raw[64:]))+int64(interval) <= now.Sec:
		return "warning: checktime reached, running e2fsck is recommended"
	}
	return ""
}

// startWriting is ext4_setup_super for a read-write mount without a
// journal: the disk says the filesystem is in use (not cleanly unmounted)
// and counts the mount.
func (fs *filesystem) startWriting(now vfs.Timespec) error {
	raw := fs.sb.raw
	le := binary.LittleEndian
	if int16(le.Uint16(raw[54:])) == 0 {
		le.PutUint16(raw[54:], 20) // s_max_mnt_count: EXT4_DFL_MAX_MNT_COUNT
	}
	le.PutUint16(raw[52:], le.Uint16(raw[52:])+1) // s_mnt_count
	le.PutUint32(raw[44:], uint32(now.Sec))       // s_mtime
	raw[629] = byte(uint64(now.Sec) >> 32)
	fs.mountState = fs.sb.state
	return fs.commitSuper(now, fs.sb.state&^stateValid)
}
