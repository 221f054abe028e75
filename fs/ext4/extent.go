// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"slices"
	"sort"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The writer's extent trees. A file's tree is held as its list of leaf
// extents, in order, and the blocks its nodes occupy below the root in
// i_block. Every change to the list lays the whole tree out again from
// the list (writeExtTree): up to four extents sit in the root itself
// (depth 0); more go into full leaf blocks under index entries, as many
// levels as needed for the root's four. The node blocks are reused from
// one layout to the next and given back when fewer are needed, so the
// tree is always as shallow and narrow as it can be, which e2fsck asks
// of it. The kernel grows and shrinks its trees in place
// (ext4_ext_insert_extent, ext4_ext_remove_space); the shape differs,
// the format is the same.

// extTree is what the writer keeps of a file's extent tree.
type extTree struct {
	extents []extent
	nodes   []uint64 // the blocks of the nodes below the root
}

// Sizes of the tree's records (struct ext4_extent_header, ext4_extent,
// ext4_extent_idx are each 12 bytes).
const (
	extRecord      = 12
	extRootEntries = 4
	maxUnwritten   = initMaxLen - 1 // EXT_UNWRITTEN_MAX_LEN
	maxFileBlocks  = 1<<32 - 1      // ext4_ext_max_size: logical blocks are 32-bit
)

// extTreeOf returns the inode's tree, read from the disk the first time.
func (fs *filesystem) extTreeOf(n *node) (*extTree, error) {
	if n.tree != nil {
		return n.tree, nil
	}
	m := &extentMapper{fs: fs, root: n.ri.block[:], keepNodes: true}
	m.load()
	if m.err != nil {
		return nil, m.err
	}
	n.tree = &extTree{extents: m.extents, nodes: m.nodeBlocks}
	return n.tree, nil
}

// initExtentRoot makes i_block an empty tree (ext4_ext_tree_init).
func initExtentRoot(ri *rawInode) {
	ri.flags |= flagExtents
	clear(ri.block[:])
	le := binary.LittleEndian
	le.PutUint16(ri.block[0:], extentMagic)
	le.PutUint16(ri.block[4:], extRootEntries)
}

// extMapAlloc is ext4_ext_map_blocks with EXT4_GET_BLOCKS_CREATE: the
// block of lblk; a hole gets a new block next to the file's block
// before it; a block of an unwritten extent becomes written (zeroed
// first when the caller does not fill it).
func (fs *filesystem) extMapAlloc(in *vfs.Inode, lblk uint64, zero bool) (uint64, error) {
	n := in.Private.(*node)
	t, err := fs.extTreeOf(n)
	if err != nil {
		return 0, err
	}
	if lblk >= maxFileBlocks {
		return 0, linux.EFBIG
	}
	i := sort.Search(len(t.extents), func(i int) bool { return t.extents[i].lblk+t.extents[i].n > lblk })
	if i < len(t.extents) && t.extents[i].lblk <= lblk {
		e := t.extents[i]
		pblk := e.pblk + lblk - e.lblk
		if !e.unwritten {
			return pblk, nil
		}
		if zero {
			if err := fs.writeDataBlock(pblk, make([]byte, fs.blockSize), 0); err != nil {
				return 0, err
			}
		}
		t.extents = splitWritten(t.extents, i, lblk)
		return pblk, fs.writeExtTree(in, n, t)
	}
	goal := fs.groups[fs.groupOf(in.Ino())].inodeTable + uint64(fs.itbPerGroup)
	if i > 0 {
		prev := t.extents[i-1]
		goal = prev.pblk + lblk - prev.lblk
	}
	pblk, err := fs.allocBlock(goal, zero)
	if err != nil {
		return 0, err
	}
	fs.addBlocks(in, 1)
	old := t.extents
	t.extents = insertExtent(slices.Clone(old), i, extent{lblk: lblk, pblk: pblk, n: 1})
	if err := fs.writeExtTree(in, n, t); err != nil {
		// No room for the tree's blocks: the file stays as it was.
		t.extents = old
		fs.freeBlocks(pblk, 1)
		fs.addBlocks(in, -1)
		return 0, err
	}
	return pblk, nil
}

// splitWritten turns block lblk of the unwritten extent i into a written
// one: up to three extents where there was one, merged with neighbours
// where they continue each other.
func splitWritten(exts []extent, i int, lblk uint64) []extent {
	e := exts[i]
	var parts []extent
	if lblk > e.lblk {
		parts = append(parts, extent{lblk: e.lblk, pblk: e.pblk, n: lblk - e.lblk, unwritten: true})
	}
	parts = append(parts, extent{lblk: lblk, pblk: e.pblk + lblk - e.lblk, n: 1})
	if end := e.lblk + e.n; lblk+1 < end {
		parts = append(parts, extent{lblk: lblk + 1, pblk: e.pblk + lblk + 1 - e.lblk, n: end - lblk - 1, unwritten: true})
	}
	out := append(append(append([]extent(nil), exts[:i]...), parts...), exts[i+1:]...)
	return mergeExtents(out)
}

// insertExtent puts e at index i and merges it with its neighbours.
func insertExtent(exts []extent, i int, e extent) []extent {
	exts = append(exts, extent{})
	copy(exts[i+1:], exts[i:])
	exts[i] = e
	return mergeExtents(exts)
}

// mergeExtents joins each extent with the next where that one goes on
// where it ends, in the same state, within the length an extent may have
// (ext4_can_extents_be_merged).
func mergeExtents(exts []extent) []extent {
	out := exts[:0]
	for _, e := range exts {
		if k := len(out); k > 0 {
			p := &out[k-1]
			limit := uint64(initMaxLen)
			if p.unwritten {
				limit = maxUnwritten
			}
			if p.unwritten == e.unwritten && p.lblk+p.n == e.lblk && p.pblk+p.n == e.pblk && p.n+e.n <= limit {
				p.n += e.n
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// extFreeFrom is ext4_ext_truncate: the blocks from logical block keep
// on go back, the extent that straddles keep is cut short.
func (fs *filesystem) extFreeFrom(in *vfs.Inode, keep uint64) error {
	n := in.Private.(*node)
	t, err := fs.extTreeOf(n)
	if err != nil {
		return err
	}
	out := t.extents[:0:0]
	freed := int64(0)
	var firstErr error
	for _, e := range t.extents {
		switch {
		case e.lblk+e.n <= keep:
			out = append(out, e)
			continue
		case e.lblk < keep:
			cut := keep - e.lblk
			if err := fs.freeBlocks(e.pblk+cut, e.n-cut); err != nil && firstErr == nil {
				firstErr = err
			}
			freed += int64(e.n - cut)
			e.n = cut
			out = append(out, e)
		default:
			if err := fs.freeBlocks(e.pblk, e.n); err != nil && firstErr == nil {
				firstErr = err
			}
			freed += int64(e.n)
		}
	}
	t.extents = out
	fs.addBlocks(in, -freed)
	if err := fs.writeExtTree(in, n, t); err != nil && firstErr == nil {
		firstErr = err
	}
	return firstErr
}

// extLayout is the shape of a tree for a number of extents: the entries
// of each level's nodes, leaves first; the root's level is last.
func (fs *filesystem) extLayout(count int) [][]int {
	per := int(fs.blockSize-extRecord) / extRecord
	levels := [][]int{}
	for count > extRootEntries {
		var nodes []int
		for left := count; left > 0; left -= per {
			nodes = append(nodes, min(left, per))
		}
		levels = append(levels, nodes)
		count = len(nodes)
	}
	return append(levels, []int{count})
}

// writeExtTree lays the tree out from its extents: node blocks taken
// from the old layout or allocated (and counted in i_blocks), each
// written with its checksum, the root into i_block, the spare blocks
// freed. The inode's mapper is replaced by one of the new list.
func (fs *filesystem) writeExtTree(in *vfs.Inode, n *node, t *extTree) error {
	layout := fs.extLayout(len(t.extents))
	need := 0
	for _, l := range layout[:len(layout)-1] {
		need += len(l)
	}
	had := len(t.nodes)
	for len(t.nodes) < need {
		goal := uint64(0)
		if len(t.extents) > 0 {
			goal = t.extents[0].pblk
		}
		b, err := fs.allocBlock(goal, false)
		if err != nil {
			// Give back what this layout took: the old one stands.
			for _, b := range t.nodes[had:] {
				fs.freeBlocks(b, 1)
			}
			fs.addBlocks(in, -int64(len(t.nodes)-had))
			t.nodes = t.nodes[:had]
			return err
		}
		fs.addBlocks(in, 1)
		t.nodes = append(t.nodes, b)
	}
	if spare := t.nodes[need:]; len(spare) > 0 {
		for _, b := range spare {
			if err := fs.freeBlocks(b, 1); err != nil {
				return err
			}
		}
		fs.addBlocks(in, -int64(len(spare)))
		t.nodes = t.nodes[:need]
	}
	if err := fs.writeExtNodes(n, t, layout); err != nil {
		return err
	}
	m := &extentMapper{fs: fs, extents: append([]extent(nil), t.extents...)}
	m.once.Do(func() {})
	n.mu.Lock()
	n.m = m
	n.mu.Unlock()
	return nil
}

// extKey is what an index entry says of the node below it: its first
// logical block and where it is.
type extKey struct {
	lblk uint64
	pblk uint64
}

// writeExtNodes writes the levels of layout bottom up: each node's
// entries are the extents (leaves) or the keys of the level below.
func (fs *filesystem) writeExtNodes(n *node, t *extTree, layout [][]int) error {
	le := binary.LittleEndian
	var below []extKey // the nodes of the level written last
	nextNode := 0
	per := (fs.blockSize - extRecord) / extRecord
	for depth, level := range layout {
		root := depth == len(layout)-1
		var keys []extKey
		item := 0
		for _, count := range level {
			var b []byte
			var max uint32
			if root {
				b, max = n.ri.block[:], extRootEntries
				clear(b)
			} else {
				b, max = make([]byte, fs.blockSize), per
			}
			le.PutUint16(b[0:], extentMagic)
			le.PutUint16(b[2:], uint16(count))
			le.PutUint16(b[4:], uint16(max))
			le.PutUint16(b[6:], uint16(depth))
			first := uint64(0)
			for j := range count {
				r := b[extRecord*(j+1):]
				if depth == 0 {
					putExtent(r, t.extents[item+j])
					if j == 0 {
						first = t.extents[item].lblk
					}
					continue
				}
				k := below[item+j]
				le.PutUint32(r[0:], uint32(k.lblk))
				le.PutUint32(r[4:], uint32(k.pblk))
				le.PutUint16(r[8:], uint16(k.pblk>>32))
				if j == 0 {
					first = k.lblk
				}
			}
			item += count
			if root {
				break
			}
			pblk := t.nodes[nextNode]
			nextNode++
			fs.sealExtentBlock(n.ri.ino, n.ri.generation, b)
			if err := fs.writeBlock(pblk, b); err != nil {
				return err
			}
			keys = append(keys, extKey{first, pblk})
		}
		below = keys
	}
	return nil
}

// putExtent writes one leaf entry.
func putExtent(r []byte, e extent) {
	le := binary.LittleEndian
	le.PutUint32(r[0:], uint32(e.lblk))
	length := uint16(e.n)
	if e.unwritten {
		length += initMaxLen
	}
	le.PutUint16(r[4:], length)
	le.PutUint16(r[6:], uint16(e.pblk>>32))
	le.PutUint32(r[8:], uint32(e.pblk))
}

// freeBlocks gives back count blocks from pblk, a bitmap write per group
// they touch (ext4_free_blocks of a run).
func (fs *filesystem) freeBlocks(pblk, count uint64) error {
	first := uint64(fs.sb.firstDataBlock)
	if pblk < first || pblk+count > fs.sb.blocksCount || pblk+count < pblk {
		return linux.EUCLEAN
	}
	bpg := uint64(fs.sb.blocksPerGroup)
	for count > 0 {
		g := uint32((pblk - first) / bpg)
		bit := (pblk - first) % bpg
		run := min(count, bpg-bit)
		bm, err := fs.blockBitmap(g)
		if err != nil {
			return err
		}
		for i := bit; i < bit+run; i++ {
			if !hasBit(bm, i) {
				return linux.EUCLEAN // "bit already cleared"
			}
			clearBit(bm, i)
		}
		if err := fs.putBlockBitmap(g, bm); err != nil {
			return err
		}
		fs.cache.mu.Lock()
		for b := pblk; b < pblk+run; b++ {
			delete(fs.cache.blocks, b)
		}
		fs.cache.mu.Unlock()
		fs.groups[g].freeBlocks += uint32(run)
		if err := fs.writeGroup(g); err != nil {
			return err
		}
		pblk, count = pblk+run, count-run
	}
	return nil
}
