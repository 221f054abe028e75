// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// Writing a directory's blocks with their checksums: a leaf ends in the
// tail entry that carries its checksum, the index root in a dx_tail.

// dirIdent is the number and generation that seed dir's checksums.
func dirIdent(dir *vfs.Inode) (uint32, uint32) {
	ri := dir.Private.(*node).ri
	return ri.ino, ri.generation
}

// writeLeaf writes a new leaf block of dir (entries laid out in its
// first leafSpace bytes) with its checksum tail.
func (fs *filesystem) writeLeaf(dir *vfs.Inode, pblk uint64, b []byte) error {
	ino, gen := dirIdent(dir)
	fs.sealDirBlock(ino, gen, b)
	return fs.writeBlock(pblk, b)
}

// changeDirBlock lets change alter the entries of block lblk (at pblk)
// of dir, then writes the block back with its checksum set again: the
// tail's for a leaf, the dx_tail's for an index root.
func (fs *filesystem) changeDirBlock(dir *vfs.Inode, lblk, pblk uint64, change func(area []byte)) error {
	old, err := fs.readBlock(pblk)
	if err != nil {
		return err
	}
	b := append([]byte(nil), old...)
	change(fs.dirArea(b))
	fs.resealDirBlock(dir, lblk, b)
	return fs.writeBlock(pblk, b)
}

// resealDirBlock sets the checksum of a changed block of dir, whichever
// kind it is.
func (fs *filesystem) resealDirBlock(dir *vfs.Inode, lblk uint64, b []byte) {
	if !fs.csummed() {
		return
	}
	ino, gen := dirIdent(dir)
	switch {
	case hasDirTail(b):
		fs.sealDirBlock(ino, gen, b)
	case lblk == 0 && dir.Private.(*node).ri.flags&flagIndex != 0:
		fs.sealDxBlock(ino, gen, b, dxRootEntries)
	}
}

// unindex drops dir's index (ext4_add_entry's dx_fallback): the
// directory is linear from now on. With checksums its index blocks,
// which have no leaf tail, become leaves: the root keeps "." and "..",
// an inner node of a two-level index is emptied.
func (fs *filesystem) unindex(dir *vfs.Inode) error {
	n := dir.Private.(*node)
	if !fs.csummed() {
		n.ri.flags &^= flagIndex
		return nil
	}
	root, mapped, err := lookupOne(n.mapper(), 0)
	if err != nil || !mapped {
		n.ri.flags &^= flagIndex
		return err
	}
	rb, err := fs.readBlock(root)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	var inner []uint64
	if rb[dxRootInfo+6] == 1 { // indirect_levels: one level of inner nodes
		count := int(le.Uint16(rb[dxRootEntries+2:]))
		for i := range min(count, (len(rb)-dxRootEntries)/8) {
			inner = append(inner, uint64(le.Uint32(rb[dxRootEntries+8*i+4:])))
		}
	}
	n.ri.flags &^= flagIndex
	b := make([]byte, fs.blockSize)
	copy(b, rb[:recLen(1)+recLen(2)])
	setRecLen(b, recLen(1), fs.leafSpace()-recLen(1))
	if err := fs.writeLeaf(dir, root, b); err != nil {
		return err
	}
	for _, lblk := range inner {
		pblk, mapped, err := lookupOne(n.mapper(), lblk)
		if err != nil {
			return err
		}
		if !mapped {
			continue
		}
		b := make([]byte, fs.blockSize)
		setRecLen(b, 0, fs.leafSpace())
		if err := fs.writeLeaf(dir, pblk, b); err != nil {
			return err
		}
	}
	return nil
}
