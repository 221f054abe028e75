// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"math"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func fileData(in *vfs.Inode) (*data, error) {
	d, ok := in.Private.(*data)
	if !ok {
		return nil, linux.EINVAL
	}
	return d, nil
}

// ReadAt is shmem_file_read_iter: holes read as zeros.
func (fs *FS) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	d, err := fileData(in)
	if err != nil {
		return 0, err
	}
	size := in.Size()
	if off >= size {
		return 0, nil
	}
	if rest := size - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	n := 0
	for n < len(p) {
		pos := off + int64(n)
		pg, po := pos/PageSize, int(pos%PageSize)
		chunk := min(PageSize-po, len(p)-n)
		if page := d.pages.get(pg); page != nil {
			copy(p[n:n+chunk], page[po:po+chunk])
		} else {
			clear(p[n : n+chunk])
		}
		n += chunk
	}
	return n, nil
}

// WriteAt is shmem_write_begin/end over the pages touched; a full
// filesystem ends the write short, or with ENOSPC if nothing was written.
func (fs *FS) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	in := f.Inode()
	d, err := fileData(in)
	if err != nil {
		return 0, err
	}
	if off > math.MaxInt64-int64(len(p)) {
		return 0, linux.EFBIG
	}
	d.mu.Lock()
	n, err := fs.writePagesLocked(d, p, off)
	pages := d.pages.count
	d.mu.Unlock()
	in.Lock()
	if end := off + int64(n); end > in.SizeLocked() {
		in.SetSizeLocked(end)
	}
	fs.setBlocksLocked(in, pages)
	in.Unlock()
	if n > 0 {
		err = nil
	}
	return n, err
}

func (fs *FS) writePagesLocked(d *data, p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		pos := off + int64(n)
		pg, po := pos/PageSize, int(pos%PageSize)
		slot := d.pages.slot(pg)
		if *slot == nil {
			if fs.Acct != nil {
				if err := fs.Acct.ReservePages(1); err != nil {
					return n, err
				}
			}
			*slot = newPage(po, min(PageSize, po+len(p)-n))
			d.pages.count++
		}
		delete(d.unwritten, pg)
		n += copy((*slot)[po:], p[n:])
	}
	return n, nil
}

func (fs *FS) setBlocksLocked(in *vfs.Inode, pages int64) {
	if fs.CountBlocks {
		in.SetBlocksLocked(pages * (PageSize / 512))
	}
}

// Truncate is shmem_setattr with ATTR_SIZE: shrinking frees whole pages
// past the end and zeroes the tail of the last one.
func (fs *FS) Truncate(in *vfs.Inode, size int64) error {
	d, err := fileData(in)
	if err != nil {
		return err
	}
	d.mu.Lock()
	keep := size / PageSize // pages wholly or partly below size
	if size%PageSize != 0 {
		keep++
	}
	freed := d.pages.truncate(keep, releasePage)
	for pg := range d.unwritten {
		if pg >= keep {
			delete(d.unwritten, pg)
		}
	}
	if po := size % PageSize; po != 0 {
		if page := d.pages.get(size / PageSize); page != nil {
			clear(page[po:])
		}
	}
	pages := d.pages.count
	d.mu.Unlock()
	if fs.Acct != nil && freed > 0 {
		fs.Acct.FreePages(freed)
	}
	in.Lock()
	in.SetSizeLocked(size)
	fs.setBlocksLocked(in, pages)
	in.Unlock()
	return nil
}

// ReadDir is dcache_readdir/offset_readdir: the cached children, newest
// first as Linux 6.18's tmpfs lists them.
func (fs *FS) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	return f.Dentry().ReadChildren(nil, math.MaxUint64, 0), nil
}

// ReadDirBelow is ReadDir from the cursor of the previous call, without
// listing what came before it.
func (fs *FS) ReadDirBelow(f *vfs.File, cursor uint64, out []vfs.Dirent, n int) ([]vfs.Dirent, error) {
	return f.Dentry().ReadChildren(out, cursor, n), nil
}

// SeekHoleData is mapping_seek_hole_data over the file's pages: the first
// data (or hole) at or after off, within the size; -1 when no data follows.
func (fs *FS) SeekHoleData(f *vfs.File, off int64, hole bool) int64 {
	in := f.Inode()
	size := in.Size()
	d, err := fileData(in)
	if err != nil {
		return off
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.unwritten) != 0 {
		return seekSlow(d, off, size, hole)
	}
	last := size / PageSize // past the last page below size
	if size%PageSize != 0 {
		last++
	}
	pg := d.pages.next(off/PageSize, last, !hole)
	switch {
	case pg < 0 && hole:
		return size
	case pg < 0:
		return -1
	case pg == off/PageSize:
		return off
	}
	return pg * PageSize
}

// seekSlow is SeekHoleData page by page, for a file with fallocated pages
// not yet written (holes, though present). d.mu is held.
func seekSlow(d *data, off, size int64, hole bool) int64 {
	for pos := off; pos < size; pos = (pos/PageSize + 1) * PageSize {
		pg := pos / PageSize
		if (d.pages.get(pg) == nil || d.unwritten[pg]) == hole {
			return pos
		}
	}
	if !hole {
		return -1
	}
	return size
}

// Fsync is noop_fsync: the pages are all there is.
func (fs *FS) Fsync(*vfs.File, bool) error { return nil }
