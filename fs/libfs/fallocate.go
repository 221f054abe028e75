// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Fallocate is shmem_fallocate, for filesystems that set CanFallocate
// (tmpfs; ramfs has no ->fallocate): PUNCH_HOLE (with KEEP_SIZE) frees
// the whole pages in the range and zeroes the parts of the others; mode
// 0 and KEEP_SIZE give every page of the range one, all or none (a full
// filesystem undoes what it added: ENOSPC), marked unwritten until a
// write touches it, and mode 0 moves the size up to the range's end. On
// success the file is modified (file_modified).
func (fs *FS) Fallocate(f *vfs.File, c *vfs.Cred, mode uint32, off, length int64) error {
	if !fs.CanFallocate || mode&^(linux.FALLOC_FL_KEEP_SIZE|linux.FALLOC_FL_PUNCH_HOLE) != 0 {
		return linux.EOPNOTSUPP
	}
	in := f.Inode()
	d, err := fileData(in)
	if err != nil {
		return err
	}
	end := off + length
	if mode&linux.FALLOC_FL_PUNCH_HOLE != 0 {
		fs.punch(in, d, off, end)
	} else if err := fs.allocate(in, d, off, end, mode&linux.FALLOC_FL_KEEP_SIZE == 0); err != nil {
		return err
	}
	vfs.FileModified(c, in)
	return nil
}

// punch is shmem_truncate_range over [off, end): pages wholly inside go,
// the parts of the edge pages inside are zeroed.
func (fs *FS) punch(in *vfs.Inode, d *data, off, end int64) {
	d.mu.Lock()
	freed := int64(0)
	last := end/PageSize + 1 // past the last page touched (end may be near MaxInt64)
	for pg := d.pages.next(off/PageSize, last, true); pg >= 0; pg = d.pages.next(pg+1, last, true) {
		lo, hi := pg*PageSize, (pg+1)*PageSize
		if lo >= off && hi <= end {
			releasePage(d.pages.remove(pg))
			delete(d.unwritten, pg)
			freed++
			continue
		}
		page := d.pages.get(pg)
		clear(page[max(off, lo)-lo : min(end, hi)-lo])
	}
	pages := d.pages.count
	d.mu.Unlock()
	if fs.Acct != nil && freed > 0 {
		fs.Acct.FreePages(freed)
	}
	in.Lock()
	fs.setBlocksLocked(in, pages)
	in.Unlock()
}

// allocate gives each page of [off, end) one, taking back those it added
// if the filesystem is full, and moves the size to end if grow.
func (fs *FS) allocate(in *vfs.Inode, d *data, off, end int64, grow bool) error {
	d.mu.Lock()
	var added []int64
	var err error
	for pg := off / PageSize; pg*PageSize < end; pg++ {
		slot := d.pages.slot(pg)
		if *slot != nil {
			continue
		}
		if fs.Acct != nil {
			if err = fs.Acct.ReservePages(1); err != nil {
				break
			}
		}
		*slot = newPage(0, 0) // all zeros
		d.pages.count++
		if d.unwritten == nil {
			d.unwritten = make(map[int64]bool)
		}
		d.unwritten[pg] = true
		added = append(added, pg)
	}
	if err != nil {
		for _, pg := range added {
			releasePage(d.pages.remove(pg))
			delete(d.unwritten, pg)
		}
		if fs.Acct != nil && len(added) > 0 {
			fs.Acct.FreePages(int64(len(added)))
		}
	}
	pages := d.pages.count
	d.mu.Unlock()
	if err != nil {
		return err
	}
	in.Lock()
	if grow && end > in.SizeLocked() {
		in.SetSizeLocked(end)
	}
	fs.setBlocksLocked(in, pages)
	in.Unlock()
	return nil
}
