// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// maxSections is how many extents of a multi-extent file the kernel
// follows before it gives up.
const maxSections = 100

// section is one extent of a file: its first block and its length in
// blocks (i_first_extent and i_section_size).
type section struct {
	first  uint32
	blocks uint32
}

// node is struct iso_inode_info: where the inode's directory record is
// (the iget5 key) and where its data lies.
type node struct {
	block, offset uint32
	sections      []section // the first extent, then the others of a multi-extent file
}

// inoOf is isofs_get_ino: the inode number of the record at offset in
// block, unique because a record takes at least 32 bytes.
func (img *image) inoOf(block, offset uint32) uint64 {
	return uint64(block)<<(img.bits-5) | uint64(offset>>5)
}

func (img *image) key(block, offset uint32) uint64 { return uint64(block)<<img.bits | uint64(offset) }

// iget is __isofs_iget: the inode of the record at (block, offset), one
// vfs inode for every name that reaches it.
func (img *image) iget(block, offset uint32, relocated bool) (*vfs.Inode, error) {
	if offset >= img.bs {
		return nil, linux.EINVAL
	}
	k := img.key(block, offset)
	img.mu.Lock()
	in := img.inodes[k]
	img.mu.Unlock()
	if in != nil {
		return in, nil
	}
	in, err := img.readInode(block, offset, relocated)
	if err != nil {
		return nil, err
	}
	img.mu.Lock()
	defer img.mu.Unlock()
	if old := img.inodes[k]; old != nil {
		return old, nil
	}
	img.inodes[k] = in
	return in, nil
}

// forget drops an inode from the cache (iput of the unused primary root).
func (img *image) forget(block, offset uint32) {
	img.mu.Lock()
	delete(img.inodes, img.key(block, offset))
	img.mu.Unlock()
}

// readRecord reads the record at (block, offset), joining the next block
// when it runs past the end of its own.
func (img *image) readRecord(block, offset uint32) (record, error) {
	b, err := img.bread(block)
	if err != nil {
		return nil, err
	}
	n := uint32(b[offset])
	if offset+n <= img.bs {
		return record(b[offset : offset+n : offset+n]), nil
	}
	next, err := img.bread(block + 1)
	if err != nil {
		return nil, err
	}
	r := append(append([]byte{}, b[offset:]...), next[:offset+n-img.bs]...)
	return record(r), nil
}

// attrs is the inode being read, before it becomes a vfs inode.
type attrs struct {
	mode, nlink, uid, gid uint32
	rdev                  uint64
	size, blocks          int64
	atime, mtime, ctime   vfs.Timespec
	first                 uint32 // i_first_extent
	symlinkLen            int64
}

// readInode is isofs_read_inode: the ISO attributes (r-x for all, or
// mode=/dmode=; owner from uid=/gid=; one link), then Rock Ridge's.
func (img *image) readInode(block, offset uint32, relocated bool) (*vfs.Inode, error) {
	r, err := img.readRecord(block, offset)
	if err != nil {
		img.printk("ISOFS: unable to read i-node block")
		return nil, linux.EIO
	}
	if len(r) < recordLen {
		return nil, linux.EIO
	}
	a := attrs{nlink: 1, uid: img.uid, gid: img.gid}
	flags := r.flags(img.hs)
	switch {
	case flags&flagDir != 0 && img.dmode != invalidMode:
		a.mode = linux.S_IFDIR | img.dmode
	case flags&flagDir != 0:
		a.mode = linux.S_IFDIR | 0o555
	case img.fmode != invalidMode:
		a.mode = linux.S_IFREG | img.fmode
	default:
		a.mode = linux.S_IFREG | 0o555
	}
	n := &node{block: block, offset: offset}
	first := section{first: r.extent(), blocks: r.size() >> img.bits}
	if flags&flagMultiExt != 0 {
		secs, size, err := img.readLevel3(block, offset)
		if err != nil {
			return nil, err
		}
		n.sections, a.size = secs, size
	} else {
		n.sections, a.size = []section{first}, int64(r.size())
	}
	if img.cruft {
		a.size &= 0x00ffffff
	}
	if r.interleave() != 0 {
		a.size = 0
	}
	t := isoDate(r.date(), img.hs, false)
	a.atime, a.mtime, a.ctime = t, t, t
	a.first = first.first
	a.blocks = (a.size + 511) >> 9
	if !img.hs {
		img.parseRockInode(r, &a, block, offset, relocated)
		if img.uidSet {
			a.uid = img.uid
		}
		if img.gidSet {
			a.gid = img.gid
		}
	}
	img.overridePerms(&a)
	switch a.mode & linux.S_IFMT {
	case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK, linux.S_IFCHR, linux.S_IFBLK, linux.S_IFIFO, linux.S_IFSOCK:
	default:
		return nil, linux.EIO
	}
	n.sections[0].first = a.first
	return img.newInode(block, offset, n, &a), nil
}

// overridePerms applies overriderockperm: mode= and dmode= win over Rock
// Ridge's permissions.
func (img *image) overridePerms(a *attrs) {
	if !img.overriderockperm {
		return
	}
	if a.mode&linux.S_IFMT == linux.S_IFDIR && img.dmode != invalidMode {
		a.mode = linux.S_IFDIR | img.dmode
	}
	if a.mode&linux.S_IFMT == linux.S_IFREG && img.fmode != invalidMode {
		a.mode = linux.S_IFREG | img.fmode
	}
}

func (img *image) newInode(block, offset uint32, n *node, a *attrs) *vfs.Inode {
	attr := vfs.InodeAttr{Mode: a.mode & 0xffff, UID: a.uid, GID: a.gid}
	if t := a.mode & linux.S_IFMT; t == linux.S_IFCHR || t == linux.S_IFBLK {
		attr.Rdev = a.rdev
	}
	in := img.sb.NewInode(img.inoOf(block, offset), attr, inodeOps{img: img}, fileOps{img})
	in.Private = n
	in.SetNlink(a.nlink)
	in.Lock()
	in.SetSizeLocked(a.size)
	in.SetBlocksLocked(a.blocks)
	in.SetTimesLocked(a.atime, a.mtime, a.ctime)
	in.Unlock()
	return in
}

// readLevel3 is isofs_read_level3_size: a multi-extent file is the
// records from (block, offset) up to the first without the multi-extent
// flag, at most 100 of them; its size is their sizes' sum.
func (img *image) readLevel3(block, offset uint32) ([]section, int64, error) {
	var secs []section
	var size int64
	more := false
	for i := 0; ; {
		b, err := img.bread(block)
		if err != nil {
			img.printk("ISOFS: unable to read i-node block %d", block)
			return nil, 0, linux.EIO
		}
		if b[offset] == 0 {
			block, offset = block+1, 0
			if !more {
				break
			}
			continue
		}
		r, err := img.readRecord(block, offset)
		if err != nil {
			img.printk("ISOFS: unable to read i-node block %d", block+1)
			return nil, 0, linux.EIO
		}
		offset += uint32(len(r))
		block += offset >> img.bits
		offset &= img.bs - 1
		if len(r) < recordLen {
			r = append(r, make([]byte, recordLen-len(r))...)
		}
		size += int64(r.size())
		secs = append(secs, section{first: r.extent(), blocks: r.size() >> img.bits})
		more = r.flags(img.hs)&flagMultiExt != 0
		if i++; i > maxSections {
			img.printk("isofs_read_level3_size: More than 100 file sections ?!?, aborting...")
			break
		}
		if !more {
			break
		}
	}
	if len(secs) == 0 {
		secs = []section{{}}
	}
	return secs, size, nil
}

// bmap is isofs_get_blocks for one block: the disk block holding block
// idx of the inode's data, through its extents.
func (img *image) bmap(in *vfs.Inode, idx int64) (uint32, error) {
	if idx > (in.Size()+4095)>>img.bits {
		return 0, linux.EIO
	}
	var base int64
	secs := in.Private.(*node).sections
	for i, s := range secs {
		if i == len(secs)-1 || idx < base+int64(s.blocks) {
			return s.first + uint32(idx-base), nil
		}
		base += int64(s.blocks)
	}
	return 0, linux.EIO
}
