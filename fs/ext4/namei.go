// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// linkMax is EXT4_LINK_MAX: the most names an inode may have.
const linkMax = 65000

// inheritedFlags is EXT4_FL_INHERITED: the flags a new inode takes from
// its directory, as far as its type may carry them (maskFlags).
const inheritedFlags = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x400 | 0x4000 | 0x8000 | 0x10000 | 0x20000000

// fileType is ext4_set_de_type: the EXT4_FT_* of a mode, if the image
// keeps types in its entries.
func (fs *filesystem) fileType(mode uint32) uint8 {
	if !fs.sb.hasIncompat(incompatFiletype) {
		return 0
	}
	switch mode & linux.S_IFMT {
	case linux.S_IFREG:
		return 1
	case linux.S_IFDIR:
		return 2
	case linux.S_IFCHR:
		return 3
	case linux.S_IFBLK:
		return 4
	case linux.S_IFIFO:
		return 5
	case linux.S_IFSOCK:
		return 6
	case linux.S_IFLNK:
		return 7
	}
	return 0
}

// recLenToDisk is ext4_rec_len_to_disk.
func recLenToDisk(n int) uint16 {
	if n == 1<<16 {
		return 0xffff
	}
	return uint16(n)
}

// putEntry writes an entry at off in a directory block.
func putEntry(b []byte, off, rlen int, ino uint32, name string, ft uint8) {
	le := binary.LittleEndian
	le.PutUint32(b[off:], ino)
	le.PutUint16(b[off+4:], recLenToDisk(rlen))
	b[off+6] = byte(len(name))
	b[off+7] = ft
	copy(b[off+8:], name)
}

// entryAt reads the entry at off: its inode, record and name lengths.
func entryAt(b []byte, off int) (ino uint32, rlen, nlen int) {
	le := binary.LittleEndian
	rlen = int(le.Uint16(b[off+4:]))
	if rlen == 0 || rlen == 0xffff {
		rlen = 1 << 16
	}
	return le.Uint32(b[off:]), rlen, int(b[off+6])
}

// dirBlocks calls fn with each mapped block of dir and its number, until
// fn says stop.
func (fs *filesystem) dirBlocks(dir *vfs.Inode, fn func(lblk, pblk uint64, b []byte) (bool, error)) error {
	n := dir.Private.(*node)
	nblocks := uint64(dir.Size()+int64(fs.blockSize)-1) >> fs.blockBits
	for lblk := uint64(0); lblk < nblocks; lblk++ {
		pblk, _, mapped, err := n.mapper().run(lblk)
		if err != nil {
			return err
		}
		if !mapped {
			continue
		}
		b, err := fs.readBlock(pblk)
		if err != nil {
			return err
		}
		if stop, err := fn(lblk, pblk, b); stop || err != nil {
			return err
		}
	}
	return nil
}

// validEntry is ext4_check_dir_entry's test for an entry this writer is
// about to change.
func validEntry(b []byte, off, rlen, nlen int) bool {
	return rlen >= recLen(1) && rlen%4 == 0 && rlen >= recLen(nlen) && off+rlen <= len(b)
}

// addEntry is ext4_add_entry: through the index of an indexed directory
// (dx.go); else into the first entry with room enough for the name
// (ext4_find_dest_de), a full directory of one block becoming indexed
// where the image has dir_index, a larger one growing by a block. An
// index this writer cannot extend is dropped (dx_fallback): the directory
// goes on unindexed.
func (fs *filesystem) addEntry(dir *vfs.Inode, name string, ino uint32, ft uint8) error {
	n := dir.Private.(*node)
	err := fs.addEntryLocked(dir, n, name, ino, ft)
	fs.dirChanged(n)
	if werr := fs.writeInode(dir); err == nil {
		err = werr
	}
	return err
}

func (fs *filesystem) addEntryLocked(dir *vfs.Inode, n *node, name string, ino uint32, ft uint8) error {
	fallback := false
	if n.ri.flags&flagIndex != 0 {
		if done, err := fs.dxAdd(dir, name, ino, ft); done || err != nil {
			return err
		}
		if err := fs.unindex(dir); err != nil {
			return err
		}
		fallback = true
	}
	done := false
	err := fs.dirBlocks(dir, func(lblk, pblk uint64, _ []byte) (bool, error) {
		var err error
		done, err = fs.addToBlock(dir, lblk, pblk, name, ino, ft)
		return done, err
	})
	if err != nil || done {
		return err
	}
	if dir.Size()>>fs.blockBits == 1 && !fallback && fs.sb.hasCompat(compatDirIndex) {
		if done, err := fs.makeIndexed(dir, name, ino, ft); done || err != nil {
			return err
		}
	}
	return fs.appendDirBlock(dir, name, ino, ft)
}

// appendDirBlock adds a block holding one entry to the end of dir.
func (fs *filesystem) appendDirBlock(dir *vfs.Inode, name string, ino uint32, ft uint8) error {
	size := dir.Size()
	pblk, err := fs.mapAlloc(dir, uint64(size>>fs.blockBits), true)
	if err != nil {
		return err
	}
	b := make([]byte, fs.blockSize)
	putEntry(b, 0, fs.leafSpace(), ino, name, ft)
	if err := fs.writeLeaf(dir, pblk, b); err != nil {
		return err
	}
	dir.Lock()
	dir.SetSizeLocked(size + int64(fs.blockSize))
	dir.Unlock()
	return nil
}

// dirChanged drops a directory's cached listing.
func (fs *filesystem) dirChanged(n *node) {
	n.mu.Lock()
	n.dir = nil
	n.mu.Unlock()
}

// findEntry finds name in dir: the block and offset of its entry and of
// the entry before it in the same block (-1 if it is the first).
func (fs *filesystem) findEntry(dir *vfs.Inode, name string) (lblk, pblk uint64, off, prev int, err error) {
	off, prev = -1, -1
	err = fs.dirBlocks(dir, func(l, p uint64, b []byte) (bool, error) {
		b = fs.dirArea(b)
		last := -1
		for o := 0; o+12 <= len(b); {
			eino, rlen, nlen := entryAt(b, o)
			if !validEntry(b, o, rlen, nlen) {
				return false, nil
			}
			if eino != 0 && nlen == len(name) && string(b[o+8:o+8+nlen]) == name {
				lblk, pblk, off, prev = l, p, o, last
				return true, nil
			}
			last = o
			o += rlen
		}
		return false, nil
	})
	if err == nil && off < 0 {
		err = linux.ENOENT
	}
	return lblk, pblk, off, prev, err
}

// removeEntry is ext4_delete_entry: the entry before it in its block
// takes its room, or, first in its block, it is marked unused.
func (fs *filesystem) removeEntry(dir *vfs.Inode, name string) error {
	lblk, pblk, off, prev, err := fs.findEntry(dir, name)
	if err != nil {
		return err
	}
	err = fs.changeDirBlock(dir, lblk, pblk, func(b []byte) {
		if prev < 0 {
			binary.LittleEndian.PutUint32(b[off:], 0)
			return
		}
		_, plen, _ := entryAt(b, prev)
		_, rlen, _ := entryAt(b, off)
		binary.LittleEndian.PutUint16(b[prev+4:], recLenToDisk(plen+rlen))
	})
	fs.dirChanged(dir.Private.(*node))
	return err
}

// setEntry points name's entry at another inode (a rename over it).
func (fs *filesystem) setEntry(dir *vfs.Inode, name string, ino uint32, ft uint8) error {
	lblk, pblk, off, _, err := fs.findEntry(dir, name)
	if err != nil {
		return err
	}
	err = fs.changeDirBlock(dir, lblk, pblk, func(b []byte) {
		binary.LittleEndian.PutUint32(b[off:], ino)
		b[off+7] = ft
	})
	fs.dirChanged(dir.Private.(*node))
	return err
}

// emptyDir is ext4_empty_dir: nothing but "." and "..".
func (fs *filesystem) emptyDir(dir *vfs.Inode) (bool, error) {
	l, err := fs.listing(dir)
	if err != nil {
		return false, err
	}
	for _, e := range l.ents {
		if e.name != "." && e.name != ".." {
			return false, nil
		}
	}
	return true, nil
}

// makeInode is __ext4_new_inode: a number from the bitmaps and a fresh
// slot, with the directory's inheritable flags.
func (fs *filesystem) makeInode(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	isDir := attr.Mode&linux.S_IFMT == linux.S_IFDIR
	ino, err := fs.allocInode(dir, name, isDir)
	if err != nil {
		return nil, err
	}
	ri := &rawInode{ino: ino, raw: make([]byte, fs.inodeSize), mode: uint16(attr.Mode), uid: attr.UID, gid: attr.GID}
	ri.flags = maskFlags(attr.Mode, dir.Private.(*node).ri.flags&inheritedFlags)
	switch attr.Mode & linux.S_IFMT {
	case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK:
		if fs.sb.hasIncompat(incompatExtents) {
			initExtentRoot(ri)
		}
	}
	fs.nextGen++
	ri.generation = fs.nextGen
	if fs.inodeSize > goodOldInode {
		ri.extraIsize = uint16(min(32, fs.inodeSize-goodOldInode))
		binary.LittleEndian.PutUint16(ri.raw[128:], ri.extraIsize)
	}
	if dev := attr.Rdev; attr.Mode&linux.S_IFMT == linux.S_IFCHR || attr.Mode&linux.S_IFMT == linux.S_IFBLK {
		major, minor := linux.Major(dev), linux.Minor(dev)
		if major < 256 && minor < 256 {
			binary.LittleEndian.PutUint32(ri.block[0:], major<<8|minor)
		} else {
			binary.LittleEndian.PutUint32(ri.block[4:], minor&0xff|major<<8|(minor&^0xff)<<12)
		}
	}
	sb := dir.Superblock()
	in := sb.NewInode(uint64(ino), attr, inodeOps{fs}, fileOps{fs})
	in.Private = &node{ri: ri, fs: fs}
	setInodeFlags(in, ri.flags)
	in.Lock()
	in.SetBlocksLocked(0)
	_, mtime, _ := in.TimesLocked()
	in.Unlock()
	if ri.fits(152) {
		b, x := encodeTime(mtime)
		binary.LittleEndian.PutUint32(ri.raw[144:], b)
		binary.LittleEndian.PutUint32(ri.raw[148:], x)
		ri.crtime, ri.hasCrtime = mtime, true
	}
	fs.inoMu.Lock()
	fs.inodes[ino] = in
	fs.inoMu.Unlock()
	return in, nil
}

// create makes an inode and its name (ext4_create, ext4_mknod).
func (fs *filesystem) create(dir *vfs.Inode, name string, attr vfs.InodeAttr, fill func(in *vfs.Inode) error) (*vfs.Inode, error) {
	if !fs.rw {
		return nil, linux.EROFS
	}
	if len(name) > nameLen {
		return nil, linux.ENAMETOOLONG
	}
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	in, err := fs.makeInode(dir, name, attr)
	if err != nil {
		return nil, err
	}
	if fill != nil {
		err = fill(in)
	}
	if err == nil {
		err = fs.writeInode(in)
	}
	if err == nil {
		err = fs.addEntry(dir, name, uint32(in.Ino()), fs.fileType(attr.Mode))
	}
	if err != nil {
		fs.dropInode(in)
		return nil, err
	}
	return in, nil
}

// dropInode undoes makeInode after a failure: blocks and number go back.
func (fs *filesystem) dropInode(in *vfs.Inode) {
	fs.freeFrom(in, 0)
	in.ClearNlink()
	in.Private.(*node).ri.dtime = uint32(fs.now(in).Sec)
	fs.writeInode(in)
	fs.freeInode(uint32(in.Ino()), in.IsDir())
	fs.inoMu.Lock()
	delete(fs.inodes, uint32(in.Ino()))
	fs.inoMu.Unlock()
}

// Mknod is ext4_create and ext4_mknod.
func (o inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return o.fs.create(dir, name, attr, nil)
}

// Mkdir is ext4_mkdir: a block with "." and "..", and a link more for the
// parent.
func (o inodeOps) Mkdir(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	fs := o.fs
	if dir.Nlink() >= linkMax {
		return nil, linux.EMLINK
	}
	in, err := fs.create(dir, name, attr, func(in *vfs.Inode) error {
		pblk, err := fs.mapAlloc(in, 0, true)
		if err != nil {
			return err
		}
		b := make([]byte, fs.blockSize)
		putEntry(b, 0, recLen(1), uint32(in.Ino()), ".", fs.fileType(linux.S_IFDIR))
		putEntry(b, recLen(1), fs.leafSpace()-recLen(1), uint32(dir.Ino()), "..", fs.fileType(linux.S_IFDIR))
		in.Lock()
		in.SetSizeLocked(int64(fs.blockSize))
		in.Unlock()
		return fs.writeLeaf(in, pblk, b)
	})
	if err != nil {
		return nil, err
	}
	dir.IncNlink()
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	return in, fs.writeInode(dir)
}

// Symlink is ext4_symlink: a target of up to 59 bytes lives in i_block
// (with its NUL), a longer one in a block of its own.
func (o inodeOps) Symlink(dir *vfs.Inode, name, target string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	fs := o.fs
	if len(target)+1 > int(fs.blockSize) {
		return nil, linux.ENAMETOOLONG
	}
	return fs.create(dir, name, attr, func(in *vfs.Inode) error {
		in.Lock()
		in.SetSizeLocked(int64(len(target)))
		in.Unlock()
		n := in.Private.(*node)
		if len(target)+1 <= len(n.ri.block) {
			// A fast symlink's i_block is its target, not a tree.
			n.ri.flags &^= flagExtents
			clear(n.ri.block[:])
			copy(n.ri.block[:], target)
			return nil
		}
		pblk, err := fs.mapAlloc(in, 0, true)
		if err != nil {
			return err
		}
		b := make([]byte, fs.blockSize)
		copy(b, target)
		return fs.writeBlock(pblk, b)
	})
}

// Link is ext4_link.
func (o inodeOps) Link(old *vfs.Inode, dir *vfs.Inode, name string) error {
	fs := o.fs
	if !fs.rw {
		return linux.EROFS
	}
	if old.Nlink() >= linkMax {
		return linux.EMLINK
	}
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	if err := fs.addEntry(dir, name, uint32(old.Ino()), fs.fileType(old.Mode())); err != nil {
		return err
	}
	old.IncNlink()
	return fs.writeInode(old)
}

// Unlink is ext4_unlink: the name goes, and with the last name and the
// last open file the inode (EvictInode).
func (o inodeOps) Unlink(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	fs := o.fs
	if !fs.rw {
		return linux.EROFS
	}
	fs.wmu.Lock()
	err := fs.removeEntry(dir, name)
	if err == nil {
		victim.DropNlink()
		err = fs.writeInode(victim)
	}
	fs.wmu.Unlock()
	if err == nil && victim.TryEvict() {
		o.EvictInode(victim)
	}
	return err
}

// Rmdir is ext4_rmdir: an empty directory's name, links and blocks go.
func (o inodeOps) Rmdir(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	fs := o.fs
	if !fs.rw {
		return linux.EROFS
	}
	if empty, err := fs.emptyDir(victim); err != nil {
		return err
	} else if !empty {
		return linux.ENOTEMPTY
	}
	fs.wmu.Lock()
	err := fs.removeEntry(dir, name)
	if err == nil {
		victim.ClearNlink()
		dir.DropNlink()
		err = fs.writeInode(dir)
	}
	fs.wmu.Unlock()
	if err == nil && victim.TryEvict() {
		o.EvictInode(victim)
	}
	return err
}

// Rename is ext4_rename and ext4_cross_rename: entries move or swap; a
// directory that changes parent has its ".." pointed at the new one, and
// the parents' link counts follow.
func (o inodeOps) Rename(oldDir *vfs.Inode, oldName string, src *vfs.Inode, newDir *vfs.Inode, newName string, target *vfs.Inode, flags uint32) error {
	fs := o.fs
	if !fs.rw {
		return linux.EROFS
	}
	if flags&linux.RENAME_EXCHANGE == 0 && target != nil && target.IsDir() {
		if empty, err := fs.emptyDir(target); err != nil {
			return err
		} else if !empty {
			return linux.ENOTEMPTY
		}
	}
	if flags&linux.RENAME_EXCHANGE == 0 && target == nil && src.IsDir() && oldDir != newDir && newDir.Nlink() >= linkMax {
		return linux.EMLINK
	}
	fs.wmu.Lock()
	err := fs.rename(oldDir, oldName, src, newDir, newName, target, flags&linux.RENAME_EXCHANGE != 0)
	fs.wmu.Unlock()
	if err == nil && target != nil && flags&linux.RENAME_EXCHANGE == 0 && target.TryEvict() {
		o.EvictInode(target)
	}
	return err
}

func (fs *filesystem) rename(oldDir *vfs.Inode, oldName string, src *vfs.Inode, newDir *vfs.Inode, newName string, target *vfs.Inode, exchange bool) error {
	srcIno, srcFt := uint32(src.Ino()), fs.fileType(src.Mode())
	var err error
	switch {
	case exchange:
		err = fs.setEntry(newDir, newName, srcIno, srcFt)
		if err == nil {
			err = fs.setEntry(oldDir, oldName, uint32(target.Ino()), fs.fileType(target.Mode()))
		}
		if err == nil && oldDir != newDir {
			err = fs.moveDirs(src, oldDir, newDir)
			if err == nil {
				err = fs.moveDirs(target, newDir, oldDir)
			}
		}
	case target != nil:
		err = fs.setEntry(newDir, newName, srcIno, srcFt)
		if err == nil {
			err = fs.removeEntry(oldDir, oldName)
		}
		if err == nil {
			if target.IsDir() {
				target.ClearNlink()
				newDir.DropNlink()
			} else {
				target.DropNlink()
			}
			err = fs.writeInode(target)
		}
		if err == nil && oldDir != newDir {
			err = fs.moveDirs(src, oldDir, newDir)
		}
	default:
		err = fs.addEntry(newDir, newName, srcIno, srcFt)
		if err == nil {
			err = fs.removeEntry(oldDir, oldName)
		}
		if err == nil && oldDir != newDir {
			err = fs.moveDirs(src, oldDir, newDir)
		}
	}
	for _, in := range []*vfs.Inode{oldDir, newDir, src} {
		if werr := fs.writeInode(in); err == nil {
			err = werr
		}
	}
	return err
}

// moveDirs repoints a directory that changed parent at the new one: its
// ".." entry and the parents' link counts.
func (fs *filesystem) moveDirs(in, from, to *vfs.Inode) error {
	if !in.IsDir() {
		return nil
	}
	if err := fs.setEntry(in, "..", uint32(to.Ino()), fs.fileType(linux.S_IFDIR)); err != nil {
		return err
	}
	from.DropNlink()
	to.IncNlink()
	return nil
}

// EvictInode is ext4_evict_inode: an inode with no name and no open file
// gives back its blocks, its attribute block's share and its number; the
// disk keeps it with its deletion time.
func (o inodeOps) EvictInode(in *vfs.Inode) {
	fs := o.fs
	if !fs.rw {
		return
	}
	fs.wmu.Lock()
	defer fs.wmu.Unlock()
	n := in.Private.(*node)
	if in.IsRegular() || in.IsDir() || in.IsSymlink() && !fs.fastSymlinkNow(in) {
		fs.freeFrom(in, 0)
	}
	if n.ri.fileACL != 0 {
		fs.dropXattrBlock(n.ri.fileACL)
		n.ri.fileACL = 0
	}
	in.Lock()
	in.SetSizeLocked(0)
	in.Unlock()
	n.ri.dtime = uint32(fs.now(in).Sec)
	fs.writeInode(in)
	fs.freeInode(uint32(in.Ino()), in.IsDir())
	fs.inoMu.Lock()
	delete(fs.inodes, uint32(in.Ino()))
	fs.inoMu.Unlock()
}

func (fs *filesystem) now(in *vfs.Inode) vfs.Timespec { return in.Superblock().Kernel().Now() }

// dropXattrBlock is ext4_xattr_release_block: one user less of a shared
// attribute block, which goes when none is left.
func (fs *filesystem) dropXattrBlock(blk uint64) {
	b, err := fs.readBlock(blk)
	if err != nil || binary.LittleEndian.Uint32(b) != xattrMagic {
		return
	}
	refs := binary.LittleEndian.Uint32(b[4:])
	if refs <= 1 {
		fs.freeBlock(blk)
		return
	}
	fs.modifyBlock(blk, func(nb []byte) {
		binary.LittleEndian.PutUint32(nb[4:], refs-1)
		fs.sealXattrBlock(blk, nb)
	})
}
