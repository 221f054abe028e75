// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Fallocator is implemented by file operations that allocate and free a
// regular file's space (->fallocate). Fallocate is called with the
// inode's rw lock held (inode_lock), once vfs_fallocate's checks have
// passed; it updates the times and drops set-ID bits itself on success
// (file_modified), with c the caller's credentials.
type Fallocator interface {
	Fallocate(f *File, c *Cred, mode uint32, off, length int64) error
}

// Fallocate is fallocate(2): vfs_fallocate's checks, in its order, then
// the filesystem's ->fallocate, EOPNOTSUPP without one. RLIMIT_FSIZE is
// not modelled.
func (t *Task) Fallocate(fd int, mode uint32, off, length int64) error {
	return t.withFile(fd, func(f *File) error {
		if f.path { // fdget does not hand out O_PATH files
			return linux.EBADF
		}
		if err := fallocateArgs(mode, off, length); err != nil {
			return err
		}
		if !f.write {
			return linux.EBADF
		}
		in := f.Inode()
		if (mode&^linux.FALLOC_FL_KEEP_SIZE != 0 && in.isAppend()) || in.isImmutable() {
			return linux.EPERM
		}
		if isSwapFile(in) {
			return linux.ETXTBSY
		}
		switch {
		case in.Mode()&linux.S_IFMT == linux.S_IFIFO:
			return linux.ESPIPE
		case in.IsDir():
			return linux.EISDIR
		case !in.IsRegular() && in.Mode()&linux.S_IFMT != linux.S_IFBLK:
			return linux.ENODEV
		case off > math.MaxInt64-length: // wraps; s_maxbytes is MAX_LFS_FILESIZE
			return linux.EFBIG
		}
		fa, ok := f.ops.(Fallocator)
		if !ok {
			return linux.EOPNOTSUPP
		}
		in.rw.Lock()
		defer in.rw.Unlock()
		if err := checkSealsFallocate(in, mode, off+length); err != nil {
			return err
		}
		return fa.Fallocate(f, t.Cred(), mode, off, length)
	})
}

// fallocateArgs is vfs_fallocate's checks of the range and the mode: the
// modes exclude each other, PUNCH_HOLE needs KEEP_SIZE and the modes
// that move data refuse it.
func fallocateArgs(mode uint32, off, length int64) error {
	if off < 0 || length <= 0 {
		return linux.EINVAL
	}
	if mode&^(linux.FALLOC_FL_MODE_MASK|linux.FALLOC_FL_KEEP_SIZE) != 0 {
		return linux.EOPNOTSUPP
	}
	keep := mode&linux.FALLOC_FL_KEEP_SIZE != 0
	switch mode &^ linux.FALLOC_FL_KEEP_SIZE {
	case linux.FALLOC_FL_ALLOCATE_RANGE, linux.FALLOC_FL_UNSHARE_RANGE, linux.FALLOC_FL_ZERO_RANGE:
	case linux.FALLOC_FL_PUNCH_HOLE:
		if !keep {
			return linux.EOPNOTSUPP
		}
	case linux.FALLOC_FL_COLLAPSE_RANGE, linux.FALLOC_FL_INSERT_RANGE, linux.FALLOC_FL_WRITE_ZEROES:
		if keep {
			return linux.EOPNOTSUPP
		}
	default:
		return linux.EOPNOTSUPP
	}
	return nil
}

// checkSealsFallocate is shmem_fallocate's seal checks on a memfd: no
// hole under F_SEAL_WRITE or F_SEAL_FUTURE_WRITE, no allocation past the
// end under F_SEAL_GROW.
func checkSealsFallocate(in *Inode, mode uint32, end int64) error {
	s := in.seals.Load()
	if s&memfdMarker == 0 {
		return nil
	}
	if mode&linux.FALLOC_FL_PUNCH_HOLE != 0 {
		if s&(linux.F_SEAL_WRITE|linux.F_SEAL_FUTURE_WRITE) != 0 {
			return linux.EPERM
		}
		return nil
	}
	if s&linux.F_SEAL_GROW != 0 && end > in.Size() {
		return linux.EPERM
	}
	return nil
}

// FileModified is file_modified for a filesystem's own changes of a
// file's data (fallocate): the set-ID bits c may not keep go, and the
// modification and change times move.
func FileModified(c *Cred, in *Inode) {
	removePrivs(c, nil, in)
	in.Touch("mc")
}
