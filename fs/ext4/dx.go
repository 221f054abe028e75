// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"sort"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The writer's side of indexed directories (htree), one level deep: a
// directory of one block that fills up becomes indexed (make_indexed_dir),
// a full leaf splits in two by hash (do_split), and the root's entries
// lead each name to its leaf (dx_probe). Layout of block 0 of such a
// directory: "." (12 bytes), ".." (the rest of the block), inside which
// dx_root_info sits at 24 and the index from 32: a count and a limit,
// then (hash, block) pairs, the first pair's hash being the count/limit.

const (
	dxRootInfo    = 24 // struct dx_root_info
	dxRootEntries = 32 // the first struct dx_entry
)

// dxRoot is a directory's index root as read from block 0.
type dxRoot struct {
	pblk    uint64
	version int // the hash, signed or unsigned as the superblock says
	limit   int
	hashes  []uint32 // hashes[0] is 0
	blocks  []uint32
}

// readDxRoot reads the root of an indexed directory; ok is false where
// the index is of a shape this writer does not extend (more than one
// level, a bad limit): the caller then goes on without it.
func (fs *filesystem) readDxRoot(dir *vfs.Inode) (*dxRoot, bool) {
	n := dir.Private.(*node)
	version, ok := fs.dxRootHash(n)
	if !ok {
		return nil, false
	}
	pblk, mapped, err := lookupOne(n.mapper(), 0)
	if err != nil || !mapped {
		return nil, false
	}
	b, err := fs.readBlock(pblk)
	if err != nil || b[dxRootInfo+6] != 0 { // indirect_levels
		return nil, false
	}
	le := binary.LittleEndian
	limit, count := int(le.Uint16(b[dxRootEntries:])), int(le.Uint16(b[dxRootEntries+2:]))
	if limit != fs.dxRootLimit() || count == 0 || count > limit {
		return nil, false
	}
	r := &dxRoot{pblk: pblk, version: version, limit: limit}
	for i := range count {
		e := b[dxRootEntries+8*i:]
		h := le.Uint32(e)
		if i == 0 {
			h = 0
		}
		r.hashes = append(r.hashes, h)
		r.blocks = append(r.blocks, le.Uint32(e[4:]))
	}
	return r, true
}

// dxRootLimit is dx_root_limit: the entries a root block holds, one
// fewer where its checksum tail takes the last place.
func (fs *filesystem) dxRootLimit() int {
	space := int(fs.blockSize) - dxRootEntries
	if fs.csummed() {
		space -= dxTailSize
	}
	return space / 8
}

// find is dx_probe's search: the last entry whose hash is at most h.
func (r *dxRoot) find(h uint32) int {
	return sort.Search(len(r.hashes), func(i int) bool { return r.hashes[i] > h }) - 1
}

// write puts the root's entries back into block 0 of dir.
func (fs *filesystem) writeDxRoot(dir *vfs.Inode, r *dxRoot) error {
	ino, gen := dirIdent(dir)
	return fs.modifyBlock(r.pblk, func(b []byte) {
		le := binary.LittleEndian
		for i := range r.hashes {
			e := b[dxRootEntries+8*i:]
			if i > 0 {
				le.PutUint32(e, r.hashes[i])
			}
			le.PutUint32(e[4:], r.blocks[i])
		}
		le.PutUint16(b[dxRootEntries:], uint16(r.limit))
		le.PutUint16(b[dxRootEntries+2:], uint16(len(r.hashes)))
		fs.sealDxBlock(ino, gen, b, dxRootEntries)
	})
}

// dxAdd is ext4_dx_add_entry for a one-level index: the name goes into
// its leaf, which splits when full. ok is false when the index cannot
// take it (full, or not of a shape this writer knows).
func (fs *filesystem) dxAdd(dir *vfs.Inode, name string, ino uint32, ft uint8) (bool, error) {
	r, ok := fs.readDxRoot(dir)
	if !ok {
		return false, nil
	}
	h, _, _ := dirHash([]byte(name), r.version, fs.sb.hashSeed)
	at := r.find(h)
	n := dir.Private.(*node)
	lblk := uint64(r.blocks[at])
	leaf, mapped, err := lookupOne(n.mapper(), lblk)
	if err != nil {
		return true, err
	}
	if !mapped {
		return false, nil
	}
	if done, err := fs.addToBlock(dir, lblk, leaf, name, ino, ft); done || err != nil {
		return true, err
	}
	if len(r.hashes) == r.limit {
		return false, nil // a second level would be needed
	}
	tl, target, err := fs.splitLeaf(dir, r, at, lblk, leaf, h)
	if err != nil {
		return true, err
	}
	done, err := fs.addToBlock(dir, tl, target, name, ino, ft)
	if err == nil && !done {
		return false, nil
	}
	return true, err
}

// addToBlock is add_dirent_to_buf: the name in the first entry of the
// block with room for it (ext4_find_dest_de); done is false if none has.
func (fs *filesystem) addToBlock(dir *vfs.Inode, lblk, pblk uint64, name string, ino uint32, ft uint8) (bool, error) {
	b, err := fs.readBlock(pblk)
	if err != nil {
		return false, err
	}
	b = fs.dirArea(b)
	need := recLen(len(name))
	for off := 0; off+12 <= len(b); {
		eino, rlen, nlen := entryAt(b, off)
		if !validEntry(b, off, rlen, nlen) {
			return false, nil
		}
		used := 0
		if eino != 0 {
			used = recLen(nlen)
		}
		if rlen-used >= need {
			return true, fs.changeDirBlock(dir, lblk, pblk, func(nb []byte) {
				if used == 0 {
					putEntry(nb, off, rlen, ino, name, ft)
					return
				}
				binary.LittleEndian.PutUint16(nb[off+4:], recLenToDisk(used))
				putEntry(nb, off+used, rlen-used, ino, name, ft)
			})
		}
		off += rlen
	}
	return false, nil
}

// leafEntry is one live entry of a leaf being split (struct dx_map_entry).
type leafEntry struct {
	hash uint32
	off  int
	size int // its record length, slack included
}

// splitLeaf is do_split: a new block at the end of the directory takes
// the entries of the upper hashes of leaf (about half its bytes), both
// blocks are packed, and the root learns the new block's first hash. It
// returns the block the name of hash h now belongs in (logical and
// physical).
func (fs *filesystem) splitLeaf(dir *vfs.Inode, r *dxRoot, at int, leafL, leaf uint64, h uint32) (uint64, uint64, error) {
	newLblk := uint64(dir.Size() >> fs.blockBits)
	newPblk, err := fs.mapAlloc(dir, newLblk, true)
	if err != nil {
		return 0, 0, err
	}
	dir.Lock()
	dir.SetSizeLocked(dir.SizeLocked() + int64(fs.blockSize))
	dir.Unlock()
	old, err := fs.readBlock(leaf)
	if err != nil {
		return 0, 0, err
	}
	block1 := append([]byte(nil), old...)
	data1 := fs.dirArea(block1)
	var ents []leafEntry
	for off := 0; off+12 <= len(data1); {
		eino, rlen, nlen := entryAt(data1, off)
		if !validEntry(data1, off, rlen, nlen) {
			break
		}
		if eino != 0 && nlen != 0 {
			eh, _, _ := dirHash(data1[off+8:off+8+nlen], r.version, fs.sb.hashSeed)
			// dx_make_map fills its map from the end: the last entry first.
			ents = append([]leafEntry{{eh, off, rlen}}, ents...)
		}
		off += rlen
	}
	if len(ents) == 0 {
		return 0, 0, linux.EUCLEAN // a full leaf with no live entry
	}
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].hash < ents[j].hash })
	split := splitPoint(ents, int(fs.blockSize))
	hash2 := ents[split].hash
	continued := uint32(0)
	if split > 0 && ents[split-1].hash == hash2 {
		continued = 1
	}
	block2 := make([]byte, fs.blockSize)
	data2 := block2[:len(data1)]
	last2 := moveEntries(data1, data2, ents[split:])
	last1 := packEntries(data1)
	setRecLen(data1, last1, len(data1)-last1)
	setRecLen(data2, last2, len(data2)-last2)
	if err := fs.writeLeaf(dir, leaf, block1); err != nil {
		return 0, 0, err
	}
	if err := fs.writeLeaf(dir, newPblk, block2); err != nil {
		return 0, 0, err
	}
	r.hashes = append(r.hashes[:at+1], append([]uint32{hash2 + continued}, r.hashes[at+1:]...)...)
	r.blocks = append(r.blocks[:at+1], append([]uint32{uint32(newLblk)}, r.blocks[at+1:]...)...)
	if err := fs.writeDxRoot(dir, r); err != nil {
		return 0, 0, err
	}
	fs.dirChanged(dir.Private.(*node))
	if h >= hash2 {
		return newLblk, newPblk, nil
	}
	return leafL, leaf, nil
}

// splitPoint picks where the sorted entries split: the upper entries
// whose records, counted from the top, fit in half a block (none more
// than half over the middle), or half the entries by count when all of
// them fit.
func splitPoint(ents []leafEntry, bs int) int {
	size, move, i := 0, 0, len(ents)-1
	for ; i >= 0; i-- {
		if size+ents[i].size/2 > bs/2 {
			break
		}
		size += ents[i].size
		move++
	}
	if i > 0 {
		return len(ents) - move
	}
	return len(ents) / 2
}

// moveEntries is dx_move_dirents: each entry, at its least size, to the
// front of to in order; in from it is wiped (inode 0). It returns the
// offset of the last entry moved.
func moveEntries(from, to []byte, ents []leafEntry) int {
	off, last := 0, 0
	for _, e := range ents {
		nlen := int(from[e.off+6])
		size := recLen(nlen)
		copy(to[off:off+size], from[e.off:e.off+size])
		setRecLen(to, off, size)
		_, rlen, _ := entryAt(from, e.off)
		binary.LittleEndian.PutUint32(from[e.off:], 0)
		clear(from[e.off+6 : e.off+rlen])
		last = off
		off += size
	}
	return last
}

// packEntries is dx_pack_dirents: the live entries of b, at their least
// size, to its front in order. It returns the offset of the last one.
func packEntries(b []byte) int {
	to, last := 0, 0
	for off := 0; off+8 <= len(b); {
		eino, rlen, nlen := entryAt(b, off)
		if !validEntry(b, off, rlen, nlen) {
			break
		}
		if eino != 0 && nlen != 0 {
			size := recLen(nlen)
			copy(b[to:to+size], b[off:off+size])
			setRecLen(b, to, size)
			last = to
			to += size
		}
		off += rlen
	}
	return last
}

func setRecLen(b []byte, off, n int) {
	binary.LittleEndian.PutUint16(b[off+4:], recLenToDisk(n))
}

// makeIndexed is make_indexed_dir: the full single block of dir becomes
// the index root, its names move to a new block 1, which splits at once,
// and the name goes where its hash leads.
func (fs *filesystem) makeIndexed(dir *vfs.Inode, name string, ino uint32, ft uint8) (bool, error) {
	n := dir.Private.(*node)
	root, mapped, err := lookupOne(n.mapper(), 0)
	if err != nil || !mapped {
		return false, err
	}
	old, err := fs.readBlock(root)
	if err != nil {
		return false, err
	}
	b := append([]byte(nil), old...)
	area := fs.dirArea(b)
	if len(area) != fs.leafSpace() {
		return false, nil // a block of checksums without its tail
	}
	if _, dotLen, _ := entryAt(area, 0); dotLen != recLen(1) {
		return false, nil
	}
	dotLen := recLen(1)
	_, dotdotLen, _ := entryAt(area, dotLen)
	from := dotLen + dotdotLen
	if dotdotLen < recLen(2) || from+recLen(1) > len(area) {
		return false, nil
	}
	lblk1 := uint64(dir.Size() >> fs.blockBits)
	pblk1, err := fs.mapAlloc(dir, lblk1, true)
	if err != nil {
		return false, err
	}
	dir.Lock()
	dir.SetSizeLocked(dir.SizeLocked() + int64(fs.blockSize))
	dir.Unlock()
	block2 := make([]byte, fs.blockSize)
	data2 := block2[:len(area)]
	copy(data2, area[from:])
	clear(b[from:])
	// The last entry moved reaches the end of its new block.
	last := 0
	for off := 0; off < len(area)-from; {
		_, rlen, _ := entryAt(data2, off)
		if rlen == 0 {
			break
		}
		last = off
		off += rlen
	}
	setRecLen(data2, last, len(data2)-last)
	setRecLen(b, dotLen, len(b)-dotLen)
	b[dxRootInfo+4] = fs.sb.defHashVersion
	b[dxRootInfo+5] = 8 // info_length
	n.ri.flags |= flagIndex
	le := binary.LittleEndian
	le.PutUint16(b[dxRootEntries:], uint16(fs.dxRootLimit()))
	le.PutUint16(b[dxRootEntries+2:], 1)
	le.PutUint32(b[dxRootEntries+4:], uint32(lblk1))
	ino0, gen := dirIdent(dir)
	fs.sealDxBlock(ino0, gen, b, dxRootEntries)
	if err := fs.writeBlock(root, b); err != nil {
		return false, err
	}
	if err := fs.writeLeaf(dir, pblk1, block2); err != nil {
		return false, err
	}
	r, ok := fs.readDxRoot(dir)
	if !ok {
		return false, nil
	}
	h, _, _ := dirHash([]byte(name), r.version, fs.sb.hashSeed)
	tl, target, err := fs.splitLeaf(dir, r, 0, lblk1, pblk1, h)
	if err != nil {
		return true, err
	}
	done, err := fs.addToBlock(dir, tl, target, name, ino, ft)
	if err == nil && !done {
		return false, nil
	}
	return true, err
}
