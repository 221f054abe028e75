// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// encodeTime is ext4_encode_extra_time: the seconds' low 32 bits in the
// base field; the epoch bits and nanoseconds in the extra one.
func encodeTime(t vfs.Timespec) (base, extra uint32) {
	base = uint32(int32(t.Sec))
	epoch := uint32(((t.Sec - int64(int32(t.Sec))) >> 32) & 3)
	return base, epoch | uint32(t.Nsec)<<2
}

// writeInode is ext4_do_update_inode: the vfs inode's attributes and the
// driver's fields into the inode's slot of the inode table.
func (fs *filesystem) writeInode(in *vfs.Inode) error {
	n := in.Private.(*node)
	raw := fs.encodeInode(in, n)
	s := fs.sb
	ino := uint32(in.Ino())
	grp := (ino - 1) / s.inodesPerGroup
	off := uint64((ino-1)%s.inodesPerGroup) * uint64(fs.inodeSize)
	blk := fs.groups[grp].inodeTable + off>>fs.blockBits
	start := off & uint64(fs.blockSize-1)
	fs.setInodeCsum(n.ri, raw)
	n.ri.raw = raw
	return fs.modifyBlock(blk, func(b []byte) { copy(b[start:], raw) })
}

// encodeInode lays the inode out as the disk keeps it.
func (fs *filesystem) encodeInode(in *vfs.Inode, n *node) []byte {
	le := binary.LittleEndian
	ri := n.ri
	raw := append([]byte(nil), ri.raw...)
	uid, gid := in.UID(), in.GID()
	fs.mu.Lock()
	uid32 := fs.opts&optNoUID32 == 0
	fs.mu.Unlock()
	if !uid32 { // fs_high2lowuid: 16 bits or the fs.overflowuid sysctl
		ovu, ovg := in.Superblock().Kernel().FSOverflowIDs()
		uid, gid = low16OrOverflow(uid, ovu), low16OrOverflow(gid, ovg)
	}
	le.PutUint16(raw[0:], uint16(in.Mode()))
	le.PutUint16(raw[2:], uint16(uid))
	le.PutUint16(raw[24:], uint16(gid))
	if uid32 && ri.dtime == 0 {
		le.PutUint16(raw[120:], uint16(uid>>16))
		le.PutUint16(raw[122:], uint16(gid>>16))
	} else {
		le.PutUint16(raw[120:], 0)
		le.PutUint16(raw[122:], 0)
	}
	nlink := in.Nlink()
	in.Lock()
	size, blocks := in.SizeLocked(), in.BlocksLocked()
	atime, mtime, ctime := in.TimesLocked()
	in.Unlock()
	le.PutUint32(raw[4:], uint32(size))
	le.PutUint32(raw[108:], uint32(size>>32))
	for _, t := range []struct {
		base, extra int
		ts          vfs.Timespec
	}{{8, 140, atime}, {12, 132, ctime}, {16, 136, mtime}} {
		b, x := encodeTime(t.ts)
		le.PutUint32(raw[t.base:], b)
		if ri.fits(t.extra + 4) {
			le.PutUint32(raw[t.extra:], x)
		}
	}
	le.PutUint32(raw[20:], ri.dtime)
	le.PutUint16(raw[26:], uint16(nlink))
	le.PutUint32(raw[28:], uint32(blocks))
	le.PutUint32(raw[32:], ri.flags)
	copy(raw[40:100], ri.block[:])
	le.PutUint32(raw[100:], ri.generation)
	le.PutUint32(raw[104:], uint32(ri.fileACL))
	return raw
}

// writeBack writes every inode the driver holds (the attributes the VFS
// changed by itself reach the disk here), then the superblock.
func (fs *filesystem) writeBack(k *vfs.Kernel, state uint16) error {
	fs.inoMu.Lock()
	ins := make([]*vfs.Inode, 0, len(fs.inodes))
	for _, in := range fs.inodes {
		ins = append(ins, in)
	}
	fs.inoMu.Unlock()
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	var first error
	for _, in := range ins {
		if err := fs.writeInode(in); err != nil && first == nil {
			first = err
		}
	}
	fs.rereadSuper()
	if err := fs.commitSuper(k.Now(), state); err != nil && first == nil {
		first = err
	}
	return first
}

// rereadSuper takes the superblock back from the disk before it is
// written: Linux's superblock buffer is the block device's own cached
// block, so what tune2fs wrote through the device (a mount count, an
// interval, a reserve) is kept by the kernel's next write rather than
// undone. The fields the kernel keeps for itself are set again by
// commitSuper; a block that no longer reads as a superblock is ignored.
func (fs *filesystem) rereadSuper() {
	raw := make([]byte, superSize)
	if fs.readAt(raw, superOffset) != nil || binary.LittleEndian.Uint16(raw[56:]) != Magic {
		return
	}
	copy(fs.sb.raw, raw)
}

// addBlocks changes the inode's i_blocks by n file system blocks.
func (fs *filesystem) addBlocks(in *vfs.Inode, n int64) {
	in.Lock()
	in.SetBlocksLocked(in.BlocksLocked() + n*int64(fs.blockSize/512))
	in.Unlock()
}

// maxMapBlocks is the number of blocks a block map can address.
func (fs *filesystem) maxMapBlocks() uint64 {
	apb := uint64(fs.blockSize / 4)
	return directBlocks + apb + apb*apb + apb*apb*apb
}

// mapAlloc is ext4_map_blocks with EXT4_GET_BLOCKS_CREATE: the block of
// lblk, made if it is a hole (zeroed on the disk where zero says the
// caller will not fill it), through the inode's extent tree or its block
// map. Each block made counts in i_blocks.
func (fs *filesystem) mapAlloc(in *vfs.Inode, lblk uint64, zero bool) (uint64, error) {
	if in.Private.(*node).ri.flags&flagExtents != 0 {
		return fs.extMapAlloc(in, lblk, zero)
	}
	return fs.indMapAlloc(in, lblk, zero)
}

// indMapAlloc is ext4_ind_map_blocks with EXT4_GET_BLOCKS_CREATE: the
// block of lblk, made with the indirect blocks that lead to it.
func (fs *filesystem) indMapAlloc(in *vfs.Inode, lblk uint64, zero bool) (uint64, error) {
	n := in.Private.(*node)
	if pblk, _, mapped, err := n.mapper().run(lblk); err != nil || mapped {
		return pblk, err
	}
	if lblk >= fs.maxMapBlocks() {
		return 0, linux.EFBIG
	}
	goal := fs.groups[(uint32(in.Ino())-1)/fs.sb.inodesPerGroup].inodeTable
	apb := uint64(fs.blockSize / 4)
	// The slot holding the pointer: in i_block, then in indirect blocks.
	var slotBlock uint64 // 0: i_block itself
	slot := lblk
	span := uint64(1)
	level := 0
	if lblk >= directBlocks {
		rel := lblk - directBlocks
		for level = 1; level <= 3; level++ {
			span *= apb
			if rel < span {
				break
			}
			rel -= span
		}
		slot = directBlocks + uint64(level) - 1
		for ; level > 0; level-- {
			ptr, err := fs.pointer(n, slotBlock, slot)
			if err != nil {
				return 0, err
			}
			if ptr == 0 {
				if ptr, err = fs.allocBlock(goal, true); err != nil {
					return 0, err
				}
				fs.addBlocks(in, 1)
				if err := fs.setPointer(n, slotBlock, slot, ptr); err != nil {
					return 0, err
				}
			}
			span /= apb
			slotBlock, slot = ptr, rel/span
			rel %= span
		}
	}
	pblk, err := fs.allocBlock(goal, zero)
	if err != nil {
		return 0, err
	}
	fs.addBlocks(in, 1)
	return pblk, fs.setPointer(n, slotBlock, slot, pblk)
}

// pointer reads slot i of i_block (blk 0) or of indirect block blk.
func (fs *filesystem) pointer(n *node, blk, i uint64) (uint64, error) {
	if blk == 0 {
		return uint64(binary.LittleEndian.Uint32(n.ri.block[4*i:])), nil
	}
	b, err := fs.readBlock(blk)
	if err != nil {
		return 0, err
	}
	return uint64(binary.LittleEndian.Uint32(b[4*i:])), nil
}

// setPointer writes slot i of i_block (blk 0) or of indirect block blk.
func (fs *filesystem) setPointer(n *node, blk, i, v uint64) error {
	if blk == 0 {
		binary.LittleEndian.PutUint32(n.ri.block[4*i:], uint32(v))
		return nil
	}
	return fs.modifyBlock(blk, func(b []byte) { binary.LittleEndian.PutUint32(b[4*i:], uint32(v)) })
}

// writeDataBlock writes file data at off within block pblk, straight to
// the disk (file data does not go through the metadata cache).
func (fs *filesystem) writeDataBlock(pblk uint64, p []byte, off int64) error {
	at := int64(pblk<<fs.blockBits) + off
	if n, err := fs.disk.WriteAt(p, at); err != nil || n != len(p) {
		return linux.EIO
	}
	fs.cache.mu.Lock()
	delete(fs.cache.blocks, pblk)
	fs.cache.mu.Unlock()
	return nil
}

// writeFile is ext4_buffered_write_iter without a page cache: each block
// touched is made if it is a hole (zeroed where the write does not cover
// it) and written through; the size grows to the write's end.
func (fs *filesystem) writeFile(in *vfs.Inode, p []byte, off int64) (int, error) {
	if !fs.sb.hasRoCompat(roCompatLargeFile) && off+int64(len(p)) > 1<<31-1 {
		return 0, linux.EFBIG
	}
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	bs := int64(fs.blockSize)
	done := 0
	var err error
	for done < len(p) {
		pos := off + int64(done)
		lblk, in0 := uint64(pos/bs), pos%bs
		chunk := min(int64(len(p)-done), bs-in0)
		var pblk uint64
		if pblk, err = fs.mapAlloc(in, lblk, chunk != bs); err != nil {
			break
		}
		if err = fs.writeDataBlock(pblk, p[done:done+int(chunk)], in0); err != nil {
			break
		}
		done += int(chunk)
	}
	in.Lock()
	if end := off + int64(done); done > 0 && end > in.SizeLocked() {
		in.SetSizeLocked(end)
	}
	in.Unlock()
	if werr := fs.writeInode(in); err == nil {
		err = werr
	}
	if done > 0 && err != nil && err != linux.EIO {
		err = nil // a short write
	}
	return done, err
}

// truncate is ext4_setattr's size change for a block-mapped file: the
// blocks past the new end go back (indirect blocks left empty too), the
// tail of the last block is zeroed, and the size is set.
func (fs *filesystem) truncate(in *vfs.Inode, size int64) error {
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	n := in.Private.(*node)
	bs := int64(fs.blockSize)
	in.Lock()
	old := in.SizeLocked()
	in.Unlock()
	// Zero what lies past the smaller size in its last block, so that
	// growing the file later reads zeros there.
	if edge := min(size, old); edge%bs != 0 {
		if pblk, _, mapped, err := n.mapper().run(uint64(edge / bs)); err != nil {
			return err
		} else if mapped {
			if err := fs.writeDataBlock(pblk, make([]byte, bs-edge%bs), edge%bs); err != nil {
				return err
			}
		}
	}
	if size < old {
		keep := uint64((size + bs - 1) / bs)
		if err := fs.freeFrom(in, keep); err != nil {
			return err
		}
	}
	in.Lock()
	in.SetSizeLocked(size)
	in.Unlock()
	return fs.writeInode(in)
}

// freeFrom frees every block of the file from logical block keep on.
func (fs *filesystem) freeFrom(in *vfs.Inode, keep uint64) error {
	if in.Private.(*node).ri.flags&flagExtents != 0 {
		return fs.extFreeFrom(in, keep)
	}
	return fs.indFreeFrom(in, keep)
}

// indFreeFrom frees every block of the map from logical block keep on,
// and the indirect blocks that no longer map anything (ext4_ind_truncate).
func (fs *filesystem) indFreeFrom(in *vfs.Inode, keep uint64) error {
	n := in.Private.(*node)
	le := binary.LittleEndian
	freed := int64(0)
	for i := uint64(0); i < directBlocks; i++ {
		if p := uint64(le.Uint32(n.ri.block[4*i:])); p != 0 && i >= keep {
			if err := fs.freeBlock(p); err != nil {
				return err
			}
			le.PutUint32(n.ri.block[4*i:], 0)
			freed++
		}
	}
	apb := uint64(fs.blockSize / 4)
	base, span := uint64(directBlocks), uint64(1)
	for level := 1; level <= 3; level++ {
		span *= apb
		slot := 4 * (directBlocks + level - 1)
		if p := uint64(le.Uint32(n.ri.block[slot:])); p != 0 {
			empty, count, err := fs.freeBranch(p, level, base, span, keep)
			if err != nil {
				return err
			}
			freed += count
			if empty {
				le.PutUint32(n.ri.block[slot:], 0)
			}
		}
		base += span
	}
	fs.addBlocks(in, -freed)
	return nil
}

// freeBranch frees, under indirect block blk of the given level whose
// entries map logical blocks from base on (span in all), the blocks from
// keep on. It reports whether blk itself was freed, and how many blocks
// went.
func (fs *filesystem) freeBranch(blk uint64, level int, base, span, keep uint64) (bool, int64, error) {
	if base+span <= keep {
		return false, 0, nil // wholly kept
	}
	b, err := fs.readBlock(blk)
	if err != nil {
		return false, 0, err
	}
	b = append([]byte(nil), b...)
	le := binary.LittleEndian
	per := span / uint64(fs.blockSize/4)
	freed, live := int64(0), false
	for i := range uint64(fs.blockSize / 4) {
		p := uint64(le.Uint32(b[4*i:]))
		if p == 0 {
			continue
		}
		start := base + i*per
		if level == 1 {
			if start >= keep {
				if err := fs.freeBlock(p); err != nil {
					return false, freed, err
				}
				le.PutUint32(b[4*i:], 0)
				freed++
			} else {
				live = true
			}
			continue
		}
		empty, count, err := fs.freeBranch(p, level-1, start, per, keep)
		freed += count
		if err != nil {
			return false, freed, err
		}
		if empty {
			le.PutUint32(b[4*i:], 0)
		} else {
			live = true
		}
	}
	if !live {
		return true, freed + 1, fs.freeBlock(blk)
	}
	return false, freed, fs.writeBlock(blk, b)
}

// syncInode is ext4_sync_file for a mount that writes: the inode's
// attributes, which the VFS changes in memory, go to its slot, then the
// disk is flushed. A read-only mount has nothing to write.
func (fs *filesystem) syncInode(in *vfs.Inode) error {
	if !fs.rw {
		return nil
	}
	fs.wmu.Lock()
	err := fs.writeInode(in)
	fs.wmu.Unlock()
	if err != nil {
		return err
	}
	if fl, ok := fs.disk.(vfs.DiskFlusher); ok {
		return fl.Flush()
	}
	return nil
}

// low16OrOverflow is fs_high2lowuid: an id that needs more than 16 bits
// becomes overflow.
func low16OrOverflow(id, overflow uint32) uint32 {
	if id > 0xffff {
		return overflow
	}
	return id
}
