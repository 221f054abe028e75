// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"sort"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// blockCache keeps metadata blocks (inode tables, directories, indirect
// and extent blocks) read from the disk: the buffer cache's part here.
// The filesystem is read-only, so a cached block never goes stale.
type blockCache struct {
	fs     *filesystem
	mu     sync.Mutex
	blocks map[uint64][]byte
}

// maxCachedBlocks bounds the cache; a full cache starts again empty.
const maxCachedBlocks = 2048

func (c *blockCache) init(fs *filesystem) {
	c.fs = fs
	c.blocks = make(map[uint64][]byte)
}

// readBlock is sb_bread: block pblk, from the cache or the disk. The
// caller must not change it. A block outside the filesystem is
// corruption (the kernel's block_validity), a short read an I/O error.
func (fs *filesystem) readBlock(pblk uint64) ([]byte, error) {
	c := &fs.cache
	c.mu.Lock()
	b, ok := c.blocks[pblk]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := fs.readBlockUncached(pblk)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.blocks) >= maxCachedBlocks {
		clear(c.blocks)
	}
	c.blocks[pblk] = b
	c.mu.Unlock()
	return b, nil
}

// readBlockUncached reads block pblk from the disk.
func (fs *filesystem) readBlockUncached(pblk uint64) ([]byte, error) {
	if fs.sb != nil && fs.sb.blocksCount != 0 && pblk >= fs.sb.blocksCount {
		return nil, linux.EUCLEAN
	}
	b := make([]byte, fs.blockSize)
	if err := fs.readAt(b, int64(pblk<<fs.blockBits)); err != nil {
		return nil, err
	}
	return b, nil
}

// readAt reads exactly len(p) bytes at off: anything short is an I/O
// error, as a bio past the end of the device is.
func (fs *filesystem) readAt(p []byte, off int64) error {
	if off < 0 || off+int64(len(p)) > fs.disk.Size() || off+int64(len(p)) < off {
		return linux.EIO
	}
	if n, _ := fs.disk.ReadAt(p, off); n != len(p) {
		return linux.EIO
	}
	return nil
}

// mapper finds where a file's logical blocks are: its extent tree or its
// block map.
type mapper interface {
	// run returns the physical block of lblk and how many blocks from
	// there on are contiguous and in the same state; mapped is false
	// for a hole or an unwritten extent, which read as zeros.
	run(lblk uint64) (pblk, n uint64, mapped bool, err error)
}

// mapperFor returns ri's mapper.
func (fs *filesystem) mapperFor(ri *rawInode) mapper {
	if ri.flags&flagExtents != 0 {
		return &extentMapper{fs: fs, root: ri.block[:]}
	}
	return &blockMapper{fs: fs, root: ri.block[:]}
}

// lookup is run for one block.
func lookupOne(m mapper, lblk uint64) (uint64, bool, error) {
	p, _, ok, err := m.run(lblk)
	return p, ok, err
}

// extent is one leaf entry of an extent tree (struct ext4_extent).
type extent struct {
	lblk, pblk, n uint64
	unwritten     bool
}

// Extent tree constants (ext4_extents.h).
const (
	extentMagic    = 0xF30A
	maxExtentDepth = 5
	initMaxLen     = 1 << 15 // EXT_INIT_MAX_LEN
	flagExtents    = 0x80000
	flagIndex      = 0x1000
	flagHugeFile   = 0x40000
	flagInlineData = 0x10000000
	flagEaInode    = 0x200000
	flagEncrypt    = 0x800
	flagCasefold   = 0x40000000
	flagTopdir     = 0x20000
)

// extentMapper reads an extent tree once, whole, into a sorted list.
type extentMapper struct {
	fs   *filesystem
	root []byte // i_block: the tree's root node

	once    sync.Once
	extents []extent
	nodes   int // tree blocks read
	err     error

	keepNodes  bool     // for the writer: note the blocks of the nodes
	nodeBlocks []uint64 // the blocks read, when keepNodes
}

// maxExtentNodes bounds the tree blocks one file may have: far more than
// a file of the largest size ext4 allows needs (its extents, 32768
// blocks each, fill a few thousand leaves).
const maxExtentNodes = 1 << 16

func (m *extentMapper) run(lblk uint64) (uint64, uint64, bool, error) {
	m.once.Do(m.load)
	if m.err != nil {
		return 0, 0, false, m.err
	}
	i := sort.Search(len(m.extents), func(i int) bool { return m.extents[i].lblk+m.extents[i].n > lblk })
	if i == len(m.extents) {
		return 0, 1 << 32, false, nil
	}
	e := m.extents[i]
	if lblk < e.lblk {
		return 0, e.lblk - lblk, false, nil
	}
	d := lblk - e.lblk
	return e.pblk + d, e.n - d, !e.unwritten, nil
}

// load walks the tree, checking each node as __ext4_ext_check does.
func (m *extentMapper) load() {
	depth, err := m.fs.checkExtentHeader(m.root, -1, 4)
	if err == nil {
		err = m.walk(m.root, depth, 0)
	}
	if err == nil && !sort.SliceIsSorted(m.extents, func(i, j int) bool { return m.extents[i].lblk < m.extents[j].lblk }) {
		err = linux.EUCLEAN
	}
	m.err = err
}

// walk adds the extents under node, whose depth is depth. The nodes
// read are counted against a budget, so that a corrupt tree whose index
// entries all point at the same wide node cannot make the work explode.
func (m *extentMapper) walk(node []byte, depth int, level int) error {
	le := binary.LittleEndian
	entries := int(le.Uint16(node[2:]))
	for i := range entries {
		e := node[12+12*i : 24+12*i]
		if depth == 0 {
			n := uint64(le.Uint16(e[4:]))
			ext := extent{lblk: uint64(le.Uint32(e[0:])), pblk: uint64(le.Uint16(e[6:]))<<32 | uint64(le.Uint32(e[8:])), n: n}
			if n > initMaxLen {
				ext.n, ext.unwritten = n-initMaxLen, true
			}
			if ext.n == 0 || ext.pblk+ext.n > m.fs.sb.blocksCount || ext.pblk < uint64(m.fs.sb.firstDataBlock) {
				return linux.EUCLEAN
			}
			if k := len(m.extents); k > 0 && m.extents[k-1].lblk+m.extents[k-1].n > ext.lblk {
				return linux.EUCLEAN
			}
			m.extents = append(m.extents, ext)
			continue
		}
		child := uint64(le.Uint16(e[8:]))<<32 | uint64(le.Uint32(e[4:]))
		if m.nodes++; m.nodes > maxExtentNodes {
			return linux.EUCLEAN
		}
		blk, err := m.fs.readBlock(child)
		if err != nil {
			return err
		}
		if m.keepNodes {
			m.nodeBlocks = append(m.nodeBlocks, child)
		}
		if _, err := m.fs.checkExtentHeader(blk, depth-1, int((m.fs.blockSize-12)/12)); err != nil {
			return err
		}
		if err := m.walk(blk, depth-1, level+1); err != nil {
			return err
		}
	}
	return nil
}

// checkExtentHeader is __ext4_ext_check on a node: its magic, a depth of
// want (or any up to the maximum for the root, want < 0), and entries
// that fit. It returns the node's depth.
func (fs *filesystem) checkExtentHeader(node []byte, want, max int) (int, error) {
	le := binary.LittleEndian
	if len(node) < 12 || le.Uint16(node[0:]) != extentMagic {
		return 0, linux.EUCLEAN
	}
	entries, maxEntries, depth := int(le.Uint16(node[2:])), int(le.Uint16(node[4:])), int(le.Uint16(node[6:]))
	switch {
	case want < 0 && depth > maxExtentDepth, want >= 0 && depth != want:
		return 0, linux.EUCLEAN
	case maxEntries == 0, maxEntries > max, entries > maxEntries:
		return 0, linux.EUCLEAN
	case entries == 0 && depth > 0:
		return 0, linux.EUCLEAN
	case 12+12*entries > len(node):
		return 0, linux.EUCLEAN
	}
	return depth, nil
}

// blockMapper reads the old block map: twelve direct blocks, then one
// indirect, one double and one triple indirect block (ext4_ind_map_blocks).
type blockMapper struct {
	fs   *filesystem
	root []byte
}

const directBlocks = 12

func (m *blockMapper) run(lblk uint64) (uint64, uint64, bool, error) {
	le := binary.LittleEndian
	apb := uint64(m.fs.blockSize / 4) // addresses per block
	if lblk < directBlocks {
		return m.found(uint64(le.Uint32(m.root[4*lblk:])), 1)
	}
	lblk -= directBlocks
	span := uint64(1) // blocks under the top pointer of this level
	for level := 1; level <= 3; level++ {
		span *= apb
		if lblk < span {
			return m.descend(uint64(le.Uint32(m.root[4*(directBlocks+level-1):])), lblk, span)
		}
		lblk -= span
	}
	return 0, 1 << 32, false, nil // past what the map can address: a hole
}

// descend follows indirect blocks from ptr, which covers span blocks, to
// the entry of lblk (an offset within that span). A zero pointer on the
// way is a hole as long as what it covers.
func (m *blockMapper) descend(ptr, lblk, span uint64) (uint64, uint64, bool, error) {
	apb := uint64(m.fs.blockSize / 4)
	for span > 1 {
		if ptr == 0 {
			return 0, span - lblk, false, nil
		}
		if _, _, _, err := m.found(ptr, 1); err != nil {
			return 0, 0, false, err
		}
		blk, err := m.fs.readBlock(ptr)
		if err != nil {
			return 0, 0, false, err
		}
		span /= apb
		ptr = uint64(binary.LittleEndian.Uint32(blk[4*(lblk/span):]))
		lblk %= span
	}
	return m.found(ptr, 1)
}

// found checks a mapped block number as ext4's block validity does; a
// zero is a hole of n blocks.
func (m *blockMapper) found(p, n uint64) (uint64, uint64, bool, error) {
	if p == 0 {
		return 0, n, false, nil
	}
	if p >= m.fs.sb.blocksCount || p < uint64(m.fs.sb.firstDataBlock) {
		return 0, 0, false, linux.EUCLEAN
	}
	return p, 1, true, nil
}
