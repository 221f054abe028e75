// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The writer. It serves images of the ext2 kind only: no journal, block
// maps, no checksums; everything else is mounted read-only (EACCES for a
// read-write mount). Metadata goes to the disk as it changes, a block at
// a time; the attributes the VFS changes by itself (modes, owners, times)
// reach the disk when inodes are written back at unmount, at a
// read-only remount and whenever this driver writes the inode anyway.

// Feature sets a writable image may have.
const (
	writableCompat   = 0x8 | compatDirIndex | 0x10 // ext_attr, dir_index, resize_inode
	writableIncompat = incompatFiletype
	writableRoCompat = roCompatSparseSuper | roCompatLargeFile
	stateValid       = 0x1 // EXT4_VALID_FS
	stateError       = 0x2 // EXT4_ERROR_FS
)

// writable says whether this driver can write the image: the ext2 feature
// set, the features above and nothing else.
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
// (ext4_handle_dirty_metadata on the descriptor's buffer).
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
	})
}

// bitmap returns a copy of a group's block or inode bitmap.
func (fs *filesystem) bitmap(at uint64) ([]byte, error) {
	b, err := fs.readBlock(at)
	if err != nil {
		return nil, err
	}
	return append([]byte(nil), b...), nil
}

// groupBlocks is how many blocks group g has (the last may be short).
func (fs *filesystem) groupBlocks(g uint32) uint64 {
	first := fs.groupFirstBlock(uint64(g))
	return min(uint64(fs.sb.blocksPerGroup), fs.sb.blocksCount-first)
}

// allocBlock takes a free block, searching from goal's group onwards
// (ext4_new_meta_blocks' plain first fit), and zeroes it on the disk
// unless the caller fills it whole.
func (fs *filesystem) allocBlock(goal uint64, zero bool) (uint64, error) {
	start := uint32(0)
	if goal >= uint64(fs.sb.firstDataBlock) {
		start = uint32((goal - uint64(fs.sb.firstDataBlock)) / uint64(fs.sb.blocksPerGroup))
	}
	for i := range fs.groupCount {
		g := (start + i) % fs.groupCount
		gr := &fs.groups[g]
		if gr.freeBlocks == 0 {
			continue
		}
		bm, err := fs.bitmap(gr.blockBitmap)
		if err != nil {
			return 0, err
		}
		for bit := range fs.groupBlocks(g) {
			if bm[bit/8]&(1<<(bit%8)) != 0 {
				continue
			}
			bm[bit/8] |= 1 << (bit % 8)
			if err := fs.writeBlock(gr.blockBitmap, bm); err != nil {
				return 0, err
			}
			gr.freeBlocks--
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
	}
	return 0, linux.ENOSPC
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
	bm, err := fs.bitmap(gr.blockBitmap)
	if err != nil {
		return err
	}
	if bm[bit/8]&(1<<(bit%8)) == 0 {
		return linux.EUCLEAN // "bit already cleared"
	}
	bm[bit/8] &^= 1 << (bit % 8)
	if err := fs.writeBlock(gr.blockBitmap, bm); err != nil {
		return err
	}
	fs.cache.mu.Lock()
	delete(fs.cache.blocks, pblk) // its next owner starts afresh
	fs.cache.mu.Unlock()
	gr.freeBlocks++
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
		g, ok = fs.findGroupOrlov(parent, name)
	} else {
		g, ok = fs.findGroupOther(parent)
	}
	if !ok {
		return 0, linux.ENOSPC
	}
	s := fs.sb
	gr := &fs.groups[g]
	bm, err := fs.bitmap(gr.inodeBitmap)
	if err != nil {
		return 0, err
	}
	for bit := range s.inodesPerGroup {
		ino := g*s.inodesPerGroup + bit + 1
		if ino < fs.firstIno || bm[bit/8]&(1<<(bit%8)) != 0 {
			continue
		}
		bm[bit/8] |= 1 << (bit % 8)
		if err := fs.writeBlock(gr.inodeBitmap, bm); err != nil {
			return 0, err
		}
		gr.freeInodes--
		if dir {
			gr.usedDirs++
		}
		return ino, fs.writeGroup(g)
	}
	return 0, linux.EUCLEAN // the count said free, the bitmap full
}

// groupOf is the group holding inode ino.
func (fs *filesystem) groupOf(ino uint64) uint32 {
	return uint32((ino - 1) / uint64(fs.sb.inodesPerGroup))
}

// findGroupOther is find_group_other without flex groups: the parent's
// group if it has a free inode and a free block, else a quadratic hash
// from it (offset by the parent's number, so that the files of one
// directory gather), else any group with a free inode.
func (fs *filesystem) findGroupOther(parent *vfs.Inode) (uint32, bool) {
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

// findGroupOrlov is find_group_orlov without flex groups: a directory at
// the top (under the root, or one marked TOPDIR) goes to the group with
// the fewest directories among those with more free inodes and blocks
// than the average, searched from a group its name hashes to; another
// goes near its parent unless that group is too full of directories or
// short of room.
func (fs *filesystem) findGroupOrlov(parent *vfs.Inode, name string) (uint32, bool) {
	n := fs.groupCount
	var freei, freec, ndirs uint64
	for _, g := range fs.groups {
		freei += uint64(g.freeInodes)
		freec += uint64(g.freeBlocks)
		ndirs += uint64(g.usedDirs)
	}
	avefreei, avefreec := freei/uint64(n), freec/uint64(n)
	ipg := uint64(fs.sb.inodesPerGroup)
	if parent.Ino() == rootIno || parent.Private.(*node).ri.flags&flagTopdir != 0 {
		h, _, _ := dirHash([]byte(name), hashHalfMD4, fs.sb.hashSeed)
		start := h % n
		best, found := ipg, false
		var grp uint32
		for i := range n {
			g := (start + i) % n
			st := fs.groups[g]
			if st.freeInodes == 0 || uint64(st.usedDirs) >= best ||
				uint64(st.freeInodes) < avefreei || uint64(st.freeBlocks) < avefreec {
				continue
			}
			grp, found, best = g, true, uint64(st.usedDirs)
		}
		if found {
			return grp, true
		}
		return fs.orlovFallback(parent, avefreei)
	}
	maxDirs := int64(ndirs/uint64(n) + ipg/16)
	minInodes := max(int64(avefreei)-int64(ipg/4), 1)
	minBlocks := max(int64(avefreec)-int64(fs.sb.blocksPerGroup/4), 0)
	pg := fs.groupOf(parent.Ino())
	for i := range n {
		g := (pg + i) % n
		st := fs.groups[g]
		if int64(st.usedDirs) >= maxDirs || int64(st.freeInodes) < minInodes || int64(st.freeBlocks) < minBlocks {
			continue
		}
		return g, true
	}
	return fs.orlovFallback(parent, avefreei)
}

// orlovFallback is find_group_orlov's last resort: from the parent's
// group, the first with at least the average of free inodes, then the
// first with any.
func (fs *filesystem) orlovFallback(parent *vfs.Inode, avefreei uint64) (uint32, bool) {
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
	bm, err := fs.bitmap(gr.inodeBitmap)
	if err != nil {
		return err
	}
	if bm[bit/8]&(1<<(bit%8)) == 0 {
		return linux.EUCLEAN
	}
	bm[bit/8] &^= 1 << (bit % 8)
	if err := fs.writeBlock(gr.inodeBitmap, bm); err != nil {
		return err
	}
	gr.freeInodes++
	if dir && gr.usedDirs > 0 {
		gr.usedDirs--
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
	le.PutUint32(raw[16:], freeInodes)
	le.PutUint32(raw[48:], uint32(now.Sec)) // s_wtime
	raw[628] = byte(uint64(now.Sec) >> 32)
	le.PutUint16(raw[58:], state)
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
