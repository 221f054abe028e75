// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
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
	flags  atomic.Uint32 // f_flags: O_* kept after open; F_SETFL changes some
	read   bool          // FMODE_READ
	write  bool          // FMODE_WRITE
	path   bool          // FMODE_PATH (O_PATH)
	cred   *Cred         // f_cred: who opened it
	writer bool          // FMODE_WRITER: counted in the mount's writers
	// denyWrite marks a task's executable file (exec.go's openExec): while
	// it lives, its inode refuses writers (deny_write_access).
	denyWrite bool
	refs      atomic.Int64

	// Private belongs to the filesystem (private_data).
	Private any

	mu     sync.Mutex // f_pos_lock
	pos    int64
	cursor uint64 // readdir: entries below this Off remain
}

// SeekHoler is implemented by file operations that know where a sparse
// file's holes are (SEEK_DATA and SEEK_HOLE); a negative result means no
// data follows (ENXIO).
type SeekHoler interface {
	SeekHoleData(f *File, off int64, hole bool) int64
}

// FileReleaser is implemented by file operations that act when the last
// reference to an open file goes (->release).
type FileReleaser interface {
	Release(f *File)
}

// FileFlusher is implemented by file operations that act whenever a
// descriptor of the file is closed (->flush), with the closing task.
type FileFlusher interface {
	Flush(f *File, t *Task)
}

// filpClose is filp_close: t lets go of a descriptor's reference to f.
func (t *Task) filpClose(f *File) {
	if fl, ok := f.ops.(FileFlusher); ok && !f.path {
		fl.Flush(f, t)
	}
	f.DecRef()
}

// FileOpener is implemented by file operations that prepare an open file
// (->open), with the opening task at hand.
type FileOpener interface {
	Open(f *File, t *Task) error
}

// Cred is f_cred: the credentials of who opened the file.
func (f *File) Cred() *Cred { return f.cred }

// Dentry returns the file's dentry.
func (f *File) Dentry() *Dentry { return f.dentry }

// Mount returns the mount the file was opened through.
func (f *File) Mount() *Mount { return f.mnt }

// Inode returns file_inode(f).
func (f *File) Inode() *Inode { return f.dentry.inode }

// Flags returns f_flags.
func (f *File) Flags() uint32 { return f.flags.Load() }

// IncRef is get_file.
func (f *File) IncRef() { f.refs.Add(1) }

// DecRef is fput: the last reference releases write access and the mount.
func (f *File) DecRef() {
	// Read before letting go: once the count drops, another holder may
	// drop the last reference and recycle f.
	sf, isSock := f.Private.(*sockFile)
	if n := f.refs.Add(-1); n != 0 {
		if isSock && n == sf.inflight.Load() {
			sf.k.unix().collectGarbage() // only sockets in flight hold it now
		}
		return
	}
	if _, ok := f.ops.(fifoOps); ok {
		fifoRelease(f)
	}
	if r, ok := f.ops.(FileReleaser); ok && !f.path {
		r.Release(f) // an O_PATH file was never ->open'ed
	}
	f.mnt.sb.k.flocks.release(f)
	in := f.Inode()
	if f.writer {
		in.writers.Add(-1)
		f.mnt.writers.Add(-1)
		f.mnt.sb.writers.Add(-1)
	}
	if f.denyWrite {
		in.writers.Add(1) // allow_write_access
	}
	in.release()
	if d, ok := f.Private.(*detachedTree); ok {
		f.mnt.sb.k.dissolveOnFput(d.root)
	}
	f.mnt.mntput()
	f.recycle()
}

// Files of the plain kind (regular files and directories opened through
// their inode's own operations, with no private data, ->open or
// ->release) are recycled once the last reference goes, as the kernel's
// file cache hands freed files out again: an open then allocates nothing.
// Nothing may touch a File after dropping its last reference; those
// who keep a *File (descriptor tables, SCM_RIGHTS, the loop device, FUSE
// handles) hold a reference, and the kinds that can be reached otherwise
// (sockets, pipes, devices) are not recycled.
var filePool sync.Pool

func allocFile() *File {
	if f, ok := filePool.Get().(*File); ok {
		return f
	}
	return new(File)
}

// recycle hands f, whose last reference is gone, to the next open if it is
// of the plain kind.
func (f *File) recycle() {
	if f.Private != nil || f.ops != f.dentry.inode.FileOps {
		return
	}
	switch f.dentry.inode.Mode() & linux.S_IFMT {
	case linux.S_IFREG, linux.S_IFDIR:
	default:
		return
	}
	switch f.ops.(type) {
	case FileOpener, FileReleaser, FileFlusher:
		return
	}
	*f = File{}
	filePool.Put(f)
}

// fileSize is i_size, or the disk's size for a block device
// (blkdev_llseek).
func fileSize(f *File) int64 {
	if b, ok := f.ops.(blockFileOps); ok {
		return b.b.disk.Size()
	}
	return f.Inode().Size()
}

// isSpecial is special_file: device, FIFO or socket, whose writers do not
// hold a mount writable.
func isSpecial(mode uint32) bool {
	switch mode & linux.S_IFMT {
	case linux.S_IFCHR, linux.S_IFBLK, linux.S_IFIFO, linux.S_IFSOCK:
		return true
	}
	return false
}

// newFile is alloc_file + do_dentry_open's bookkeeping. The caller got
// the reference on p.Mnt the file takes over (tryGet).
func newFile(p Path, flags uint32, read, write, isPath bool) *File {
	f := allocFile()
	f.ops, f.mnt, f.dentry = p.Dentry.inode.FileOps, p.Mnt, p.Dentry
	f.read, f.write, f.path = read, write, isPath
	freshUint32(&f.flags, flags) // f is nobody's yet (fresh.go)
	freshInt64(&f.refs, 1)
	p.Dentry.inode.hold()
	if write && !isSpecial(p.Dentry.inode.Mode()) {
		f.writer = true
		p.Dentry.inode.writers.Add(1)
		p.Mnt.writers.Add(1)
		p.Mnt.sb.writers.Add(1)
	}
	return f
}

// FileOwner lets a Task method work on a file by descriptor.
func (t *Task) withFile(fd int, fn func(f *File) error) error {
	f, err := t.fdTable().get(fd)
	if err != nil {
		return err
	}
	defer f.DecRef()
	return fn(f)
}

// Close is close(2).
func (t *Task) Close(fd int) error {
	f, err := t.fdTable().remove(fd)
	if err != nil {
		return err
	}
	t.filpClose(f)
	return nil
}

// Dup is dup(2).
func (t *Task) Dup(fd int) (int, error) {
	f, err := t.fdTable().get(fd)
	if err != nil {
		return -1, err
	}
	nfd, err := t.installFd(f, false)
	if err != nil {
		f.DecRef()
	}
	return nfd, err
}

// Dup2 is dup2(2).
func (t *Task) Dup2(oldfd, newfd int) (int, error) {
	f, err := t.fdTable().get(oldfd)
	if err != nil {
		return -1, err
	}
	if oldfd == newfd {
		f.DecRef()
		return newfd, nil
	}
	old, err := t.fdTable().replace(newfd, f, t.nofile())
	if err != nil {
		f.DecRef()
		return -1, err
	}
	if old != nil {
		t.filpClose(old)
	}
	return newfd, nil
}

// Read is read(2).
func (t *Task) Read(fd int, p []byte) (n int, err error) {
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withFile(fd, func(f *File) error {
		if isStream(f) || seeksItself(f) {
			n, err = f.readAt(t, p, 0)
			return err
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		n, err = f.readAt(t, p, f.pos)
		f.pos += int64(n)
		return err
	})
	return n, err
}

// isPipe reports whether f is a pipe, FIFO or stream pipe: a stream with
// no position, whose reads and writes may sleep, so that they take neither
// f_pos_lock nor the inode lock (the pipe has its own).
func isPipe(f *File) bool {
	_, ok := f.ops.(fifoOps)
	return ok || isStreamPipe(f)
}

// isStream is FMODE_STREAM: pipes, FIFOs and sockets have no position,
// so reads and writes take no position lock (a reader blocked on a
// socket must not hold up a writer on the same file) and the positioned
// calls fail ESPIPE.
func isStream(f *File) bool {
	if isPipe(f) || isStreamDevice(f) {
		return true
	}
	_, ok := f.ops.(sockOps)
	return ok
}

// DeviceSeeker is implemented by the file operations of a device that
// keeps its own place in what it reads out (devkmsg_llseek): lseek is
// its own, and reads and writes take no position lock, so that a read
// sleeping for data holds nothing up.
type DeviceSeeker interface {
	Llseek(f *File, t *Task, off int64, whence int) (int64, error)
}

func seeksItself(f *File) bool {
	_, ok := f.ops.(DeviceSeeker)
	return ok
}

// StreamDevice is implemented by the file operations of a device with no
// file position, opened nonseekable as a tty is (nonseekable_open):
// reads and writes take no position lock, so a task sleeping in a read
// does not hold up a writer of the same file, and pread, pwrite and
// lseek fail ESPIPE.
type StreamDevice interface {
	NoPosition()
}

func isStreamDevice(f *File) bool {
	_, ok := f.ops.(StreamDevice)
	return ok
}

// unseekable is what makes pread, pwrite and lseek fail ESPIPE: a pipe,
// FIFO or socket.
func unseekable(f *File) bool {
	if isStreamDevice(f) {
		return true
	}
	t := f.Inode().Mode() & linux.S_IFMT
	return t == linux.S_IFIFO || t == linux.S_IFSOCK && isStream(f)
}

// Pread is pread64(2): a negative offset is refused before the descriptor
// is looked at.
func (t *Task) Pread(fd int, p []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, linux.EINVAL
	}
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withFile(fd, func(f *File) error {
		if unseekable(f) {
			return linux.ESPIPE
		}
		n, err = f.readAt(t, p, off)
		return err
	})
	return n, err
}

// rwVerifyArea is rw_verify_area: the range must not run past 2^63-1.
func rwVerifyArea(off int64, n int) error {
	if off > math.MaxInt64-int64(n) {
		return linux.EINVAL
	}
	return nil
}

// TaskReader is implemented by file operations whose reads log messages
// that name the reading task (current->comm), as the block layer's
// "attempt to access beyond end of device" does, or sleep until the
// task's fatal signal (a pipe): a task's read calls ReadAtBy in place of
// ReadAt.
type TaskReader interface {
	ReadAtBy(t *Task, f *File, p []byte, off int64) (int, error)
}

// TaskWriter is implemented by file operations whose writes may sleep
// until a task's fatal signal (a full pipe): a task's write calls
// WriteAtBy in place of WriteAt.
type TaskWriter interface {
	WriteAtBy(t *Task, f *File, p []byte, off int64) (int, error)
}

// readAt reads for t, or for the kernel itself if t is nil.
func (f *File) readAt(t *Task, p []byte, off int64) (int, error) {
	if f.path || !f.read {
		return 0, linux.EBADF
	}
	in := f.Inode()
	if in.IsDir() {
		return 0, linux.EISDIR
	}
	if err := rwVerifyArea(off, len(p)); err != nil && in.IsRegular() {
		return 0, err
	}
	var n int
	var err error
	if r, ok := f.ops.(TaskReader); ok && t != nil {
		n, err = r.ReadAtBy(t, f, p, off)
	} else {
		n, err = f.ops.ReadAt(f, p, off)
	}
	touchAtime(f.mnt, in) // file_accessed, even for a read at the end
	return n, err
}

// Write is write(2). The inode's write lock (i_rwsem) is held from reading
// the size for O_APPEND to the end of the write, so appends never overlap.
func (t *Task) Write(fd int, p []byte) (n int, err error) {
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withFile(fd, func(f *File) error {
		if isStream(f) || seeksItself(f) {
			n, err = f.writeAt(t, t.Cred(), p, 0)
			if err == linux.EPIPE {
				t.sigpipe()
			}
			return err
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		in := f.Inode()
		in.rw.Lock()
		defer in.rw.Unlock()
		off := f.pos
		if f.Flags()&linux.O_APPEND != 0 {
			off = in.Size()
		}
		n, err = f.writeAt(t, t.Cred(), p, off)
		f.pos = off + int64(n)
		return err
	})
	return n, err
}

// Pwrite is pwrite64(2); like Linux, O_APPEND wins over the offset.
func (t *Task) Pwrite(fd int, p []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, linux.EINVAL
	}
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withFile(fd, func(f *File) error {
		if unseekable(f) {
			return linux.ESPIPE
		}
		in := f.Inode()
		in.rw.Lock()
		defer in.rw.Unlock()
		if f.Flags()&linux.O_APPEND != 0 {
			off = in.Size()
		}
		n, err = f.writeAt(t, t.Cred(), p, off)
		return err
	})
	return n, err
}

// writeAt writes for t with c's rights, or for the kernel itself if t is
// nil.
func (f *File) writeAt(t *Task, c *Cred, p []byte, off int64) (int, error) {
	if f.path || !f.write {
		return 0, linux.EBADF
	}
	if len(p) == 0 && sockOf(f) == nil { // sock_write_iter sends even nothing
		return 0, nil
	}
	in := f.Inode()
	if in.IsRegular() {
		if err := rwVerifyArea(off, len(p)); err != nil {
			return 0, err
		}
		if err := checkSealsWrite(in, off, len(p)); err != nil {
			return 0, err
		}
		if isSwapFile(in) { // generic_write_checks, before the size limit
			return 0, linux.ETXTBSY
		}
		if t != nil {
			n, err := t.fsizeCut(off, len(p))
			if err != nil {
				return 0, err
			}
			p = p[:n]
		}
	}
	var n int
	var err error
	if w, ok := f.ops.(TaskWriter); ok && t != nil {
		n, err = w.WriteAtBy(t, f, p, off)
	} else {
		n, err = f.ops.WriteAt(f, p, off)
	}
	if n > 0 {
		in.Lock()
		in.TouchLocked("mc")
		in.Unlock()
		removePrivs(c, f.mnt.idmap(), in)
	}
	return n, err
}

// shouldDropSuidgid is setattr_should_drop_suidgid for a regular file
// changed by c through a mount with idmapping im: the set-user-ID bit
// always goes, set-group-ID goes with group-execute or when c is neither
// in the group as the mount shows it nor has CAP_FSETID over the inode
// (setattr_should_drop_sgid); nothing goes if c has CAP_FSETID.
func shouldDropSuidgid(c *Cred, im *mntIdmap, in *Inode) uint32 {
	mode := in.Mode()
	if mode&linux.S_IFMT != linux.S_IFREG || c.HasCap(linux.CAP_FSETID) {
		return 0
	}
	var kill uint32
	if mode&linux.S_ISUID != 0 {
		kill |= linux.S_ISUID
	}
	if mode&linux.S_ISGID != 0 {
		vgid, ok := im.inodeGID(in)
		if mode&linux.S_IXGRP != 0 || !ok || !inGroupOrCapable(c, im, in, vgid) {
			kill |= linux.S_ISGID
		}
	}
	return kill
}

// removePrivs is file_remove_privs for a change through a mount with
// idmapping im.
func removePrivs(c *Cred, im *mntIdmap, in *Inode) {
	if kill := shouldDropSuidgid(c, im, in); kill != 0 {
		in.Lock()
		in.mode.Store(in.Mode() &^ kill)
		in.TouchLocked("c")
		in.Unlock()
	}
}

// Lseek is lseek(2) (generic_file_llseek; directories accept SEEK_SET to
// restart).
func (t *Task) Lseek(fd int, off int64, whence int) (pos int64, err error) {
	err = t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		if whence < 0 || whence > linux.SEEK_MAX {
			return linux.EINVAL // ksys_lseek, before any file's llseek
		}
		if s, ok := f.ops.(DeviceSeeker); ok {
			pos, err = s.Llseek(f, t, off, whence)
			return err
		}
		if unseekable(f) {
			return linux.ESPIPE
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.Inode().IsDir() && whence != linux.SEEK_SET && whence != linux.SEEK_CUR {
			return linux.EINVAL // offset_dir_llseek
		}
		switch whence {
		case linux.SEEK_SET:
		case linux.SEEK_CUR:
			off += f.pos
		case linux.SEEK_END:
			off += fileSize(f)
		case linux.SEEK_DATA, linux.SEEK_HOLE:
			size := f.Inode().Size()
			if off < 0 || off >= size {
				return linux.ENXIO
			}
			if sh, ok := f.ops.(SeekHoler); ok {
				if off = sh.SeekHoleData(f, off, whence == linux.SEEK_HOLE); off < 0 {
					return linux.ENXIO
				}
			} else if whence == linux.SEEK_HOLE {
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
			if off < 2 {
				f.cursor = math.MaxUint64
			}
		}
		pos = off
		return nil
	})
	return pos, err
}

// Getdents is getdents64(2) returning at most max entries (max <= 0: all
// that remain); an empty result means the end. "." and ".." come first, as
// dir_emit_dots gives them, then the entries below the cursor left by the
// previous call.
func (t *Task) Getdents(fd int, max int) (ents []Dirent, err error) {
	err = t.withDir(fd, func(f *File) error {
		ents, err = f.readdirLocked(nil, max, t.Cred())
		return err
	})
	return ents, err
}

// GetdentsTo is getdents64(2) into a caller's buffer, as the system call
// fills user memory: at most len(buf) entries, and how many; 0 means the
// end. An empty buffer is EINVAL (too small for one entry).
func (t *Task) GetdentsTo(fd int, buf []Dirent) (n int, err error) {
	if len(buf) == 0 {
		return 0, linux.EINVAL
	}
	err = t.withDir(fd, func(f *File) error {
		out, err := f.readdirLocked(buf[:0], len(buf), t.Cred())
		n = len(out)
		return err
	})
	return n, err
}

// withDir runs fn on the open directory fd with f_pos_lock held, and
// updates its atime after (iterate_dir's checks and file_accessed).
func (t *Task) withDir(fd int, fn func(f *File) error) error {
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		in := f.Inode()
		if !in.IsDir() {
			return linux.ENOTDIR
		}
		if f.dentry.IsDead() {
			return linux.ENOENT
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		err := fn(f)
		touchAtime(f.mnt, in)
		return err
	})
}

// DirPager is implemented by directory file operations that list from a
// position, as dcache_readdir walks d_children from its cursor, rather than
// building the whole listing at every call: ReadDirBelow appends to out at
// most n entries (n <= 0: all) whose Off is below cursor, in decreasing Off.
type DirPager interface {
	ReadDirBelow(f *File, cursor uint64, out []Dirent, n int) ([]Dirent, error)
}

// DotDotIner is implemented by directory file operations whose ".." entry
// carries a number of their own (squashfs reports the parent recorded in
// the image), rather than the parent dentry's inode number (dir_emit_dots).
type DotDotIner interface {
	DotDotIno(f *File) uint64
}

func dotdotIno(f *File) uint64 {
	if d, ok := f.ops.(DotDotIner); ok {
		return d.DotDotIno(f)
	}
	return f.dentry.Parent().Inode().Ino()
}

// DotsLister is implemented by directory file operations whose ReadDir
// lists "." and ".." itself, where the filesystem's readdir puts them:
// ext4 reads them from the directory's blocks, and its hash order puts
// them among the other names (ext4_dx_readdir), not first.
type DotsLister interface {
	ListsDots() bool
}

// ReaderDirLister is implemented by directory file operations whose
// listing depends on who reads it rather than who opened it: proc's root
// under hidepid= lists the processes the reading task may see
// (proc_pid_readdir asks has_pid_permissions with current's credentials
// at each getdents, not the file's f_cred).
type ReaderDirLister interface {
	ReadDirAs(f *File, reader *Cred) ([]Dirent, error)
}

// readdirLocked is iterate_dir: it appends to out at most max entries
// (max <= 0: all that remain) for the task whose credentials are reader.
// f.mu is held.
func (f *File) readdirLocked(out []Dirent, max int, reader *Cred) ([]Dirent, error) {
	start := len(out)
	room := func() int { return max - (len(out) - start) }
	if d, ok := f.ops.(DotsLister); ok && d.ListsDots() && f.pos < 2 {
		f.pos, f.cursor = 2, math.MaxUint64
	}
	if f.pos == 0 {
		out = append(out, Dirent{Name: ".", Ino: f.Inode().Ino(), Type: linux.DT_DIR})
		f.pos = 1
	}
	if f.pos == 1 && (max <= 0 || room() > 0) {
		out = append(out, Dirent{Name: "..", Ino: dotdotIno(f), Type: linux.DT_DIR})
		f.pos, f.cursor = 2, math.MaxUint64
	}
	if max > 0 && room() == 0 || f.cursor == 0 {
		return out, nil
	}
	want := 0 // all
	if max > 0 {
		want = room()
	}
	before := len(out)
	var err error
	if p, ok := f.ops.(DirPager); ok {
		out, err = p.ReadDirBelow(f, f.cursor, out, want)
	} else {
		out, err = f.readdirFiltered(out, want, reader)
	}
	if err != nil {
		return out[:before], err
	}
	if got := len(out) - before; got > 0 {
		f.cursor = out[len(out)-1].Off
		f.pos += int64(got)
	}
	if want <= 0 || len(out)-before < want {
		f.cursor = 0 // at the end
	}
	return out, nil
}

// readdirFiltered lists a directory whose filesystem gives only the whole
// listing: the entries below the cursor, at most n (n <= 0: all).
func (f *File) readdirFiltered(out []Dirent, n int, reader *Cred) ([]Dirent, error) {
	var list []Dirent
	var err error
	if r, ok := f.ops.(ReaderDirLister); ok {
		list, err = r.ReadDirAs(f, reader)
	} else {
		list, err = f.ops.ReadDir(f)
	}
	if err != nil {
		return out, err
	}
	return DirentsBelow(list, f.cursor, out, n), nil
}

// DirentsBelow is one page of a whole listing (decreasing Off, as ReadDir
// gives it): it appends to out at most n entries (n <= 0: all) whose Off
// is below cursor. The first is found by binary search, so a filesystem
// that keeps its listing pages it in the size of the page, not of the
// listing.
func DirentsBelow(list []Dirent, cursor uint64, out []Dirent, n int) []Dirent {
	lo, hi := 0, len(list)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m].Off < cursor {
			hi = m
		} else {
			lo = m + 1
		}
	}
	list = list[lo:]
	if n > 0 && n < len(list) {
		list = list[:n]
	}
	return append(out, list...)
}

// PageBounds is where a page lies in a listing of n entries numbered as
// many listings number them, entry i at Off n-i: from the first index
// whose Off is below cursor, at most max entries (max <= 0: all).
func PageBounds(n int, cursor uint64, max int) (start, end int) {
	start, end = 0, n
	if cursor <= uint64(n) {
		start = n - int(cursor) + 1
	}
	if max > 0 && start+max < end {
		end = start + max
	}
	return start, end
}

// touchAtime is touch_atime under relatime (the default): update atime only
// if it is not newer than mtime or ctime, or is a day old. As
// atime_needs_update, the check reads the times without the inode's lock
// (the lock and unlock were most of what a cached read cost besides the
// copy); only an update takes it.
func touchAtime(m *Mount, in *Inode) {
	mf := m.Flags()
	if mf&linux.MNT_NOATIME != 0 || in.sb.Flags()&linux.SB_NOATIME != 0 || in.flags.Load()&S_NOATIME != 0 || m.ReadOnly() {
		return
	}
	if in.IsDir() && mf&linux.MNT_NODIRATIME != 0 {
		return
	}
	now := in.currentTime()
	atime, mtime, ctime, _ := in.times.read()
	if mf&linux.MNT_RELATIME != 0 && !relatimeDue(atime, mtime, ctime, now) {
		return
	}
	if atime == now {
		return // the coarse clock has not moved since the last stamp
	}
	in.Lock()
	in.touchLockedAt("a", now)
	in.Unlock()
}

// relatimeDue is relatime_need_update: atime is not newer than mtime or
// ctime, or is a day older than now.
func relatimeDue(atime, mtime, ctime, now Timespec) bool {
	return !atime.After(mtime) || !atime.After(ctime) || now.Sec-atime.Sec >= 24*60*60
}
