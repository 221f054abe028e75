// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fileOps is ovl_file_operations and ovl_dir_operations: a regular file
// reads and writes through the real file it opened.
type fileOps struct{ o *ofs }

// openFile is an open overlay file's real file (ovl_file).
type openFile struct {
	mu    sync.Mutex
	real  *vfs.File
	upper bool
}

// Open is ovl_open: opening for writing (or truncating) copies up.
func (fops fileOps) Open(f *vfs.File, t *vfs.Task) error {
	in := f.Inode()
	if !in.IsRegular() {
		return nil
	}
	flags := f.Flags()
	if flags&linux.O_ACCMODE != linux.O_RDONLY || flags&linux.O_TRUNC != 0 {
		if err := fops.o.copyUp(in); err != nil {
			return err
		}
	}
	of := &openFile{}
	if err := of.reopen(f); err != nil {
		return err
	}
	f.Private = of
	refresh(in)
	return nil
}

// reopen opens the real file the node shows now (ovl_real_fdget: a
// reader that opened the lower file before a copy-up reads the upper).
func (of *openFile) reopen(f *vfs.File) error {
	n := nodeOf(f.Inode())
	p := n.realPath()
	upper := n.upperDentry() != nil
	if of.real != nil && of.upper == upper {
		return nil
	}
	flags := f.Flags() & (linux.O_ACCMODE | linux.O_APPEND)
	rf, err := vfs.OpenInternal(p, flags, n.o.creator)
	if err != nil {
		return err
	}
	if of.real != nil {
		of.real.DecRef()
	}
	of.real, of.upper = rf, upper
	return nil
}

func realFile(f *vfs.File) (*vfs.File, error) {
	of, ok := f.Private.(*openFile)
	if !ok {
		return nil, linux.EBADF
	}
	of.mu.Lock()
	defer of.mu.Unlock()
	if err := of.reopen(f); err != nil {
		return nil, err
	}
	return of.real, nil
}

// ReadAt reads the real file.
func (fops fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	rf, err := realFile(f)
	if err != nil {
		return 0, err
	}
	return rf.KernelRead(p, off)
}

// WriteAt writes the upper file; the overlay inode's size follows it.
func (fops fileOps) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	rf, err := realFile(f)
	if err != nil {
		return 0, err
	}
	n, err := rf.KernelWrite(p, off)
	in := f.Inode()
	ri := rf.Inode()
	in.Lock()
	in.SetSizeLocked(ri.Size())
	in.SetBlocksLocked(ri.BlocksLocked())
	in.Unlock()
	return n, err
}

// Release lets the real file go.
func (fops fileOps) Release(f *vfs.File) {
	if of, ok := f.Private.(*openFile); ok && of.real != nil {
		of.real.DecRef()
	}
}

// Fsync syncs the real file.
func (fops fileOps) Fsync(f *vfs.File, datasync bool) error {
	if of, ok := f.Private.(*openFile); ok && of.real != nil {
		return of.real.Fsync(datasync)
	}
	return nil
}

// Fallocate is ovl_fallocate: the upper file's (the open copied it up,
// being for writing); the overlay inode's size follows.
func (fops fileOps) Fallocate(f *vfs.File, c *vfs.Cred, mode uint32, off, length int64) error {
	rf, err := realFile(f)
	if err != nil {
		return err
	}
	err = vfs.FallocateInternal(rf, c, mode, off, length)
	in, ri := f.Inode(), rf.Inode()
	in.Lock()
	in.SetSizeLocked(ri.Size())
	in.SetBlocksLocked(ri.BlocksLocked())
	in.Unlock()
	return err
}
