// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// pageSize bounds a symlink's target (the page it is read into).
const pageSize = 4096

// inodeOps are isofs_dir_inode_operations and the symlinks' page_get_link;
// every change is EROFS (the VFS refuses them first on the read-only
// superblock).
type inodeOps struct {
	libfs.ReadOnly
	img *image
}

// Lookup is isofs_lookup.
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	block, offset, ok := o.img.findEntry(dir, name)
	if !ok {
		return nil, linux.ENOENT
	}
	return o.img.iget(block, offset, false)
}

// Readlink is rock_ridge_symlink_read_folio: the SL entries of the
// link's record, joined; EIO without Rock Ridge, for a record that
// spans two blocks, for a target that does not fit a page or is empty.
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	if !in.IsSymlink() {
		return "", linux.EINVAL
	}
	img := o.img
	if img.rockState() == 0 {
		return "", linux.EIO
	}
	n := in.Private.(*node)
	b, err := img.bread(n.block)
	if err != nil {
		img.printk("unable to read i-node block")
		return "", linux.EIO
	}
	if n.offset+uint32(b[n.offset]) > img.bs {
		img.printk("symlink spans iso9660 blocks")
		return "", linux.EIO
	}
	r := record(b[n.offset : n.offset+uint32(b[n.offset]) : n.offset+uint32(b[n.offset])])
	if len(r) < recordLen {
		return "", linux.EIO
	}
	var link []byte
	failed := false
	done, err := img.walkRock(img.suArea(r, false), func(e suEntry) error {
		switch e.sig {
		case "RR":
			if e.byteAt(0)&rrSL == 0 {
				return errStop
			}
		case "SP":
			if !img.checkSP(e) {
				return errStop
			}
		case "SL":
			if link, failed = appendSymlink(link, e); failed {
				return errStop
			}
		}
		return nil
	})
	if err != nil || !done || len(link) == 0 {
		return "", linux.EIO
	}
	return string(link), nil
}

// appendSymlink is get_symlink_chunk: one SL entry's components added to
// the target, with '/' between components that do not continue; false
// when the target would not fit in a page.
func appendSymlink(link []byte, e suEntry) ([]byte, bool) {
	comps := slComponents(e)
	for i, c := range comps {
		root := false
		switch c.flags &^ 1 {
		case 0:
			link = append(link, c.text...)
		case 2:
			link = append(link, '.')
		case 4:
			link = append(link, '.', '.')
		case 8:
			root = true
			link = append(link, '/')
		}
		last := i == len(comps)-1
		if !root && c.flags&1 == 0 && (!last || e.byteAt(0)&1 != 0) {
			link = append(link, '/')
		}
		if len(link) > pageSize-1 {
			return link, true
		}
	}
	return link, false
}

// fileOps are isofs_dir_operations and generic_ro_fops over isofs_aops.
type fileOps struct{ img *image }

// ReadAt is filemap_read over isofs_get_block: the file's blocks through
// its extents, up to i_size; a block that cannot be read ends the read
// (EIO when nothing was read).
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	p = p[:min(int64(len(p)), size-off)]
	img := o.img
	done := 0
	for done < len(p) {
		pos := off + int64(done)
		blk, err := img.bmap(in, pos>>img.bits)
		var b []byte
		if err == nil {
			b, err = img.bread(blk)
		}
		if err != nil {
			if done == 0 {
				return 0, linux.EIO
			}
			return done, nil
		}
		done += copy(p[done:], b[pos&int64(img.bs-1):])
	}
	return done, nil
}

// WriteAt is never reached: nothing opens for writing on iso9660.
func (fileOps) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EROFS }

// ReadDir is isofs_readdir after "." and "..".
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	dir := f.Inode()
	if !dir.IsDir() {
		return nil, linux.ENOTDIR
	}
	return o.img.readDir(dir)
}
