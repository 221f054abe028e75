package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// File is struct file: an open file description.
type File struct {
	// ops is f_op: the inode's FileOps, or a device driver's.
	ops    FileOperations
	mnt    *Mount
	dentry *Dentry
	flags  uint32 // f_flags: O_* kept after open
	read   bool   // FMODE_READ
	write  bool   // FMODE_WRITE
	path   bool   // FMODE_PATH (O_PATH)
	refs   atomic.Int64

	// Private belongs to the filesystem (private_data).
	Private any

	mu      sync.Mutex // f_pos_lock
	pos     int64
	dirents []Dirent // readdir snapshot taken at position 0
}

// FileOpener is implemented by file operations that prepare an open file
// (->open), with the opening task at hand.
type FileOpener interface {
	Open(f *File, t *Task) error
}

// Dentry returns the file's dentry.
func (f *File) Dentry() *Dentry { return f.dentry }

// Mount returns the mount the file was opened through.
func (f *File) Mount() *Mount { return f.mnt }

// Inode returns file_inode(f).
func (f *File) Inode() *Inode { return f.dentry.inode }

// Flags returns f_flags.
func (f *File) Flags() uint32 { return f.flags }

// IncRef is get_file.
func (f *File) IncRef() { f.refs.Add(1) }

// DecRef is fput: the last reference releases write access and the mount.
func (f *File) DecRef() {
	if f.refs.Add(-1) != 0 {
		return
	}
	if _, ok := f.ops.(fifoOps); ok {
		fifoRelease(f)
	}
	if f.write {
		f.Inode().writers.Add(-1)
		f.mnt.writers.Add(-1)
	}
	f.mnt.mntput()
}

// newFile is alloc_file + do_dentry_open's bookkeeping.
func newFile(p Path, flags uint32, read, write, isPath bool) *File {
	f := &File{ops: p.Dentry.inode.FileOps, mnt: p.Mnt, dentry: p.Dentry, flags: flags, read: read, write: write, path: isPath}
	f.refs.Store(1)
	p.Mnt.refs.Add(1)
	if write {
		p.Dentry.inode.writers.Add(1)
		p.Mnt.writers.Add(1)
	}
	return f
}

// FileOwner lets a Task method work on a file by descriptor.
func (t *Task) withFile(fd int, fn func(f *File) error) error {
	f, err := t.files.get(fd)
	if err != nil {
		return err
	}
	defer f.DecRef()
	return fn(f)
}

// Close is close(2).
func (t *Task) Close(fd int) error {
	f, err := t.files.remove(fd)
	if err != nil {
		return err
	}
	f.DecRef()
	return nil
}

// Dup is dup(2).
func (t *Task) Dup(fd int) (int, error) {
	f, err := t.files.get(fd)
	if err != nil {
		return -1, err
	}
	nfd, err := t.files.install(f, false)
	if err != nil {
		f.DecRef()
	}
	return nfd, err
}

// Dup2 is dup2(2).
func (t *Task) Dup2(oldfd, newfd int) (int, error) {
	f, err := t.files.get(oldfd)
	if err != nil {
		return -1, err
	}
	if oldfd == newfd {
		f.DecRef()
		return newfd, nil
	}
	old, err := t.files.replace(newfd, f)
	if err != nil {
		f.DecRef()
		return -1, err
	}
	if old != nil {
		old.DecRef()
	}
	return newfd, nil
}

// Read is read(2).
func (t *Task) Read(fd int, p []byte) (n int, err error) {
	err = t.withFile(fd, func(f *File) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		n, err = f.readAt(p, f.pos)
		f.pos += int64(n)
		return err
	})
	return n, err
}

// Pread is pread64(2).
func (t *Task) Pread(fd int, p []byte, off int64) (n int, err error) {
	err = t.withFile(fd, func(f *File) error {
		if off < 0 {
			return linux.EINVAL
		}
		if f.Inode().Mode()&linux.S_IFMT == linux.S_IFIFO {
			return linux.ESPIPE
		}
		n, err = f.readAt(p, off)
		return err
	})
	return n, err
}

func (f *File) readAt(p []byte, off int64) (int, error) {
	if f.path || !f.read {
		return 0, linux.EBADF
	}
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	n, err := f.ops.ReadAt(f, p, off)
	if n > 0 || len(p) == 0 {
		touchAtime(f.mnt, in)
	}
	return n, err
}

// Write is write(2).
func (t *Task) Write(fd int, p []byte) (n int, err error) {
	err = t.withFile(fd, func(f *File) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		off := f.pos
		if f.flags&linux.O_APPEND != 0 {
			off = f.Inode().Size()
		}
		n, err = f.writeAt(p, off)
		f.pos = off + int64(n)
		return err
	})
	return n, err
}

// Pwrite is pwrite64(2); like Linux, O_APPEND wins over the offset.
func (t *Task) Pwrite(fd int, p []byte, off int64) (n int, err error) {
	err = t.withFile(fd, func(f *File) error {
		if off < 0 {
			return linux.EINVAL
		}
		if f.Inode().Mode()&linux.S_IFMT == linux.S_IFIFO {
			return linux.ESPIPE
		}
		if f.flags&linux.O_APPEND != 0 {
			off = f.Inode().Size()
		}
		n, err = f.writeAt(p, off)
		return err
	})
	return n, err
}

func (f *File) writeAt(p []byte, off int64) (int, error) {
	if f.path || !f.write {
		return 0, linux.EBADF
	}
	if len(p) == 0 {
		return 0, nil
	}
	in := f.Inode()
	n, err := f.ops.WriteAt(f, p, off)
	if n > 0 {
		in.Lock()
		in.TouchLocked("mc")
		// file_remove_privs: a write by anyone drops set-user-ID and
		// set-group-ID-with-group-exec.
		if m := in.Mode(); m&linux.S_ISUID != 0 || m&(linux.S_ISGID|linux.S_IXGRP) == linux.S_ISGID|linux.S_IXGRP {
			in.mode.Store(m &^ (linux.S_ISUID | linux.S_ISGID))
		}
		in.Unlock()
	}
	return n, err
}

// Lseek is lseek(2) (generic_file_llseek; directories accept SEEK_SET to
// restart).
func (t *Task) Lseek(fd int, off int64, whence int) (pos int64, err error) {
	err = t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if f.Inode().Mode()&linux.S_IFMT == linux.S_IFIFO {
			return linux.ESPIPE
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		switch whence {
		case linux.SEEK_SET:
		case linux.SEEK_CUR:
			off += f.pos
		case linux.SEEK_END:
			off += f.Inode().Size()
		case linux.SEEK_DATA, linux.SEEK_HOLE:
			size := f.Inode().Size()
			if off < 0 || off >= size {
				return linux.ENXIO
			}
			if whence == linux.SEEK_HOLE {
				off = size
			}
		default:
			return linux.EINVAL
		}
		if off < 0 {
			return linux.EINVAL
		}
		if off != f.pos {
			f.pos = off
			if off == 0 {
				f.dirents = nil
			}
		}
		pos = off
		return nil
	})
	return pos, err
}

// Getdents is getdents64(2) returning at most max entries (max <= 0: all
// that remain); an empty result means the end. "." and ".." come first, as
// dir_emit_dots gives them.
func (t *Task) Getdents(fd int, max int) (ents []Dirent, err error) {
	err = t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		in := f.Inode()
		if !in.IsDir() {
			return linux.ENOTDIR
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.pos == 0 || f.dirents == nil {
			list, err := f.ops.ReadDir(f)
			if err != nil {
				return err
			}
			parent := f.dentry.Parent().Inode()
			f.dirents = append([]Dirent{{".", in.Ino(), linux.DT_DIR}, {"..", parent.Ino(), linux.DT_DIR}}, list...)
		}
		if f.pos >= int64(len(f.dirents)) {
			return nil
		}
		rest := f.dirents[f.pos:]
		if max > 0 && len(rest) > max {
			rest = rest[:max]
		}
		ents = append([]Dirent(nil), rest...)
		f.pos += int64(len(rest))
		touchAtime(f.mnt, in)
		return nil
	})
	return ents, err
}

// touchAtime is touch_atime under relatime (the default): update atime only
// if it is not newer than mtime or ctime, or is a day old.
func touchAtime(m *Mount, in *Inode) {
	mf := m.Flags()
	if mf&linux.MNT_NOATIME != 0 || in.sb.Flags()&linux.SB_NOATIME != 0 || m.ReadOnly() {
		return
	}
	if in.IsDir() && mf&linux.MNT_NODIRATIME != 0 {
		return
	}
	in.Lock()
	defer in.Unlock()
	now := in.sb.k.Now()
	if mf&linux.MNT_RELATIME != 0 {
		older := func(a, b Timespec) bool { return a.Sec < b.Sec || a.Sec == b.Sec && a.Nsec <= b.Nsec }
		if !older(in.atime, in.mtime) && !older(in.atime, in.ctime) && now.Sec-in.atime.Sec < 24*60*60 {
			return
		}
	}
	in.atime = now
}
