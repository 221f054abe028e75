// SPDX-License-Identifier: Apache-2.0

package iofs

import (
	"io"
	"io/fs"
	"path"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// File is an open file of the virtual system: a descriptor in the adapter's
// private task. It is an fs.File, an fs.ReadDirFile for directories, an
// io.Seeker, io.ReaderAt and, when opened for writing through a Root, an
// io.Writer and io.WriterAt. Errors are *fs.PathError wrapping a
// linux.Errno; reading at the end gives io.EOF.
type File struct {
	h    *handle
	fd   int
	name string // as the caller gave it, for errors and Name

	mu      sync.Mutex // guards pending and the descriptor's life
	closed  bool
	pending []fs.DirEntry // entries read but not yet returned
}

// withFd runs fn with the private task and the descriptor, or fails with
// EBADF after Close (os.ErrClosed would hide the errno).
func (f *File) withFd(op string, fn func(t *vfs.Task, fd int) error) error {
	f.mu.Lock()
	closed := f.closed
	f.mu.Unlock()
	if closed {
		return pathErr(op, f.name, fs.ErrClosed)
	}
	t, err := f.h.task()
	if err != nil {
		return pathErr(op, f.name, err)
	}
	return pathErr(op, f.name, fn(t, f.fd))
}

// Name returns the name the file was opened with.
func (f *File) Name() string { return f.name }

// Fd returns the descriptor's number in the adapter's private task.
func (f *File) Fd() int { return f.fd }

// Close closes the descriptor (close(2)).
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return pathErr("close", f.name, fs.ErrClosed)
	}
	f.closed = true
	t, err := f.h.task()
	if err != nil {
		return nil // the private task ended and closed it
	}
	return pathErr("close", f.name, t.Close(f.fd))
}

// Stat is fstat(2).
func (f *File) Stat() (fs.FileInfo, error) {
	var st vfs.Statx
	err := f.withFd("stat", func(t *vfs.Task, fd int) (err error) {
		st, err = t.Fstat(fd)
		return err
	})
	if err != nil {
		return nil, err
	}
	return newFileInfo(path.Base(f.name), &st), nil
}

// Read is read(2); 0 bytes read for a non-empty p is io.EOF.
func (f *File) Read(p []byte) (int, error) {
	var n int
	err := f.withFd("read", func(t *vfs.Task, fd int) (err error) {
		n, err = t.Read(fd, p)
		return err
	})
	if err == nil && n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, err
}

// ReadAt is pread(2) repeated until p is full, or io.EOF.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, pathErr("readat", f.name, linux.EINVAL)
	}
	done := 0
	for done < len(p) {
		var n int
		err := f.withFd("read", func(t *vfs.Task, fd int) (err error) {
			n, err = t.Pread(fd, p[done:], off+int64(done))
			return err
		})
		if err != nil {
			return done, err
		}
		if n == 0 {
			return done, io.EOF
		}
		done += n
	}
	return done, nil
}

// Write is write(2) repeated until p is written.
func (f *File) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		var n int
		err := f.withFd("write", func(t *vfs.Task, fd int) (err error) {
			n, err = t.Write(fd, p[done:])
			return err
		})
		done += n
		if err != nil {
			return done, err
		}
		if n == 0 {
			return done, pathErr("write", f.name, io.ErrShortWrite)
		}
	}
	return done, nil
}

// WriteString is Write of a string.
func (f *File) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

// WriteAt is pwrite(2) repeated until p is written.
func (f *File) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, pathErr("writeat", f.name, linux.EINVAL)
	}
	done := 0
	for done < len(p) {
		var n int
		err := f.withFd("write", func(t *vfs.Task, fd int) (err error) {
			n, err = t.Pwrite(fd, p[done:], off+int64(done))
			return err
		})
		done += n
		if err != nil {
			return done, err
		}
		if n == 0 {
			return done, pathErr("write", f.name, io.ErrShortWrite)
		}
	}
	return done, nil
}

// Seek is lseek(2); whence is io.SeekStart, io.SeekCurrent or io.SeekEnd
// (the same numbers as SEEK_SET, SEEK_CUR and SEEK_END).
func (f *File) Seek(offset int64, whence int) (int64, error) {
	var pos int64
	err := f.withFd("seek", func(t *vfs.Task, fd int) (err error) {
		pos, err = t.Lseek(fd, offset, whence)
		return err
	})
	return pos, err
}

// Truncate is ftruncate(2).
func (f *File) Truncate(size int64) error {
	return f.withFd("truncate", func(t *vfs.Task, fd int) error { return t.Ftruncate(fd, size) })
}

// Sync is fsync(2).
func (f *File) Sync() error {
	return f.withFd("sync", func(t *vfs.Task, fd int) error { return t.Fsync(fd) })
}

// Chmod is fchmod(2).
func (f *File) Chmod(mode fs.FileMode) error {
	return f.withFd("chmod", func(t *vfs.Task, fd int) error { return t.Fchmod(fd, unixMode(mode)) })
}

// Chown is fchown(2); -1 leaves an ID unchanged.
func (f *File) Chown(uid, gid int) error {
	return f.withFd("chown", func(t *vfs.Task, fd int) error {
		return t.Fchownat(fd, "", uint32(uid), uint32(gid), linux.AT_EMPTY_PATH)
	})
}

// ReadDir reads the directory's entries in the order getdents64 gives
// them, without "." and "..": up to n of them and io.EOF at the end if
// n > 0, else all that remain. Each entry's Info was taken with
// fstatat(AT_SYMLINK_NOFOLLOW) when it was read; an entry removed between
// the two calls is left out, as os.File.ReadDir does.
func (f *File) ReadDir(n int) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	for n <= 0 || len(out) < n {
		f.mu.Lock()
		if len(f.pending) > 0 {
			k := len(f.pending)
			if n > 0 {
				k = min(k, n-len(out))
			}
			out = append(out, f.pending[:k]...)
			f.pending = f.pending[k:]
			f.mu.Unlock()
			continue
		}
		f.mu.Unlock()
		batch, err := f.readBatch()
		if err != nil {
			return out, err
		}
		if len(batch) == 0 {
			break
		}
		f.mu.Lock()
		f.pending = batch
		f.mu.Unlock()
	}
	if n > 0 && len(out) == 0 {
		return nil, io.EOF
	}
	return out, nil
}

// Readdirnames is ReadDir returning the names only.
func (f *File) Readdirnames(n int) ([]string, error) {
	ents, err := f.ReadDir(n)
	names := make([]string, len(ents))
	for i, e := range ents {
		names[i] = e.Name()
	}
	return names, err
}

// readBatch is one getdents64 call and an fstatat for each entry; an empty
// result is the end of the directory.
func (f *File) readBatch() ([]fs.DirEntry, error) {
	var batch []fs.DirEntry
	for {
		var ents []vfs.Dirent
		err := f.withFd("readdirent", func(t *vfs.Task, fd int) (err error) {
			ents, err = t.Getdents(fd, 256)
			if err != nil {
				return err
			}
			batch = batch[:0]
			for _, e := range ents {
				if e.Name == "." || e.Name == ".." {
					continue
				}
				st, err := t.Fstatat(fd, e.Name, linux.AT_SYMLINK_NOFOLLOW)
				if err == linux.ENOENT {
					continue
				}
				if err != nil {
					return err
				}
				batch = append(batch, dirEntry{newFileInfo(e.Name, &st)})
			}
			return nil
		})
		if err != nil || len(batch) > 0 || len(ents) == 0 {
			return batch, err
		}
	}
}

// fileInfo is an fs.FileInfo over a statx result; Sys returns the
// *vfs.Statx.
type fileInfo struct {
	name string
	st   vfs.Statx
}

func newFileInfo(name string, st *vfs.Statx) *fileInfo { return &fileInfo{name, *st} }

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.st.Size }
func (fi *fileInfo) Mode() fs.FileMode  { return linux.GoFileMode(uint32(fi.st.Mode)) }
func (fi *fileInfo) ModTime() time.Time { return fi.st.Mtime.Time() }
func (fi *fileInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *fileInfo) Sys() any           { return &fi.st }

// dirEntry is an fs.DirEntry whose information was taken when it was read.
type dirEntry struct{ fi *fileInfo }

func (d dirEntry) Name() string               { return d.fi.name }
func (d dirEntry) IsDir() bool                { return d.fi.IsDir() }
func (d dirEntry) Type() fs.FileMode          { return d.fi.Mode().Type() }
func (d dirEntry) Info() (fs.FileInfo, error) { return d.fi, nil }
func (d dirEntry) String() string             { return fs.FormatDirEntry(d) }
