// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"sync"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// handle is an open file of the host's: a descriptor in the table of the
// task of whoever opened it, used for every request on the handle as the
// kernel uses one struct file whoever calls.
type handle struct {
	t  *vfs.Task
	fd int

	// node is the node the file was opened on; write says it was
	// opened for writing (see writerOn).
	node  uint64
	write bool

	// A directory's entries as read so far; FUSE's offset n resumes
	// after the n-th.
	mu   sync.Mutex
	ents []vfs.Dirent
	eof  bool
}

type handleTable struct {
	mu   sync.Mutex
	next uint64
	byID map[uint64]*handle
}

func (ht *handleTable) add(h *handle) uint64 {
	ht.mu.Lock()
	defer ht.mu.Unlock()
	id := ht.next
	ht.next++
	ht.byID[id] = h
	return id
}

func (ht *handleTable) get(id uint64) *handle {
	ht.mu.Lock()
	defer ht.mu.Unlock()
	return ht.byID[id]
}

func (ht *handleTable) remove(id uint64) *handle {
	ht.mu.Lock()
	defer ht.mu.Unlock()
	h := ht.byID[id]
	delete(ht.byID, id)
	return h
}

// writerOn says whether some handle open for writing was opened on
// node.
func (ht *handleTable) writerOn(node uint64) bool {
	ht.mu.Lock()
	defer ht.mu.Unlock()
	for _, h := range ht.byID {
		if h.node == node && h.write {
			return true
		}
	}
	return false
}

// writes says whether open flags give write access.
func writes(flags uint32) bool {
	return flags&linux.O_ACCMODE != linux.O_RDONLY && flags&linux.O_PATH == 0
}

// drop closes every handle (the export is over).
func (ht *handleTable) drop() {
	ht.mu.Lock()
	hs := ht.byID
	ht.byID = map[uint64]*handle{}
	ht.mu.Unlock()
	for _, h := range hs {
		_ = h.t.Close(h.fd)
	}
}

// handleFor returns the handle a request names, if it names one.
func (e *exportFS) handleFor(named bool, fh uint64) *handle {
	if !named {
		return nil
	}
	return e.handles.get(fh)
}

// openFlags are the open flags passed on: those the host leaves for the
// filesystem, with O_CLOEXEC for the server's own table.
func openFlags(flags uint32) uint32 {
	return flags&^(linux.O_CREAT|linux.O_EXCL|linux.O_NOCTTY) | linux.O_CLOEXEC
}

// Open is FUSE_OPEN: the node opened afresh by the caller with the
// caller's flags (O_TRUNC included: CAP_ATOMIC_O_TRUNC).
func (e *exportFS) Open(cancel <-chan struct{}, in *gofuse.OpenIn, out *gofuse.OpenOut) gofuse.Status {
	return e.open(in, out, in.Flags)
}

// OpenDir is FUSE_OPENDIR.
func (e *exportFS) OpenDir(cancel <-chan struct{}, in *gofuse.OpenIn, out *gofuse.OpenOut) gofuse.Status {
	return e.open(in, out, in.Flags|linux.O_DIRECTORY)
}

func (e *exportFS) open(in *gofuse.OpenIn, out *gofuse.OpenOut, flags uint32) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	var fd int
	err := e.withNode(t, in.NodeId, func(nfd int) (err error) {
		fd, err = t.Reopen(nfd, openFlags(flags), 0)
		return err
	})
	if err != nil {
		return status(err)
	}
	out.Fh = e.handles.add(&handle{t: t, fd: fd, node: in.NodeId, write: writes(flags)})
	return gofuse.OK
}

// Create is FUSE_CREATE: openat with O_CREAT in the directory, and the
// node of what was opened.
func (e *exportFS) Create(cancel <-chan struct{}, in *gofuse.CreateIn, name string, out *gofuse.CreateOut) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	var fd int
	err := e.withNode(t, in.NodeId, func(dfd int) (err error) {
		fd, err = t.Openat(dfd, name, in.Flags|linux.O_CREAT|linux.O_CLOEXEC, in.Mode)
		return err
	})
	if err == nil {
		err = e.enterOpen(t, fd, in.Flags, &out.EntryOut, &out.OpenOut)
	}
	return status(err)
}

// Tmpfile is FUSE_TMPFILE: O_TMPFILE in the directory.
func (e *exportFS) Tmpfile(cancel <-chan struct{}, in *gofuse.CreateIn, out *gofuse.CreateOut) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	var fd int
	err := e.withNode(t, in.NodeId, func(dfd int) (err error) {
		fd, err = t.Openat(dfd, ".", in.Flags|linux.O_TMPFILE|linux.O_CLOEXEC, in.Mode)
		return err
	})
	if err == nil {
		err = e.enterOpen(t, fd, in.Flags, &out.EntryOut, &out.OpenOut)
	}
	return status(err)
}

// enterOpen makes a node of the file open on fd with flags, which
// becomes a handle.
func (e *exportFS) enterOpen(t *vfs.Task, fd int, flags uint32, entry *gofuse.EntryOut, open *gofuse.OpenOut) error {
	pfd, err := t.Reopen(fd, linux.O_PATH|linux.O_CLOEXEC, 0)
	if err == nil {
		err = e.enter(t, pfd, entry)
	}
	if err != nil {
		_ = t.Close(fd)
		return err
	}
	open.Fh = e.handles.add(&handle{t: t, fd: fd, node: entry.NodeId, write: writes(flags)})
	return nil
}

// Read is FUSE_READ: pread.
func (e *exportFS) Read(cancel <-chan struct{}, in *gofuse.ReadIn, buf []byte) (gofuse.ReadResult, gofuse.Status) {
	h := e.handles.get(in.Fh)
	if h == nil {
		return nil, gofuse.EBADF
	}
	n, err := h.t.Pread(h.fd, buf[:min(len(buf), int(in.Size))], int64(in.Offset))
	if err != nil {
		return nil, status(err)
	}
	return gofuse.ReadResultData(buf[:n]), gofuse.OK
}

// Write is FUSE_WRITE: pwrite (which appends on an O_APPEND file) by
// the task that opened the file. That drops set-ID bits as a write by
// the opener would; Linux drops them as the writer, and the host says
// whether the writer lacks CAP_FSETID (WRITE_KILL_SUIDGID). When the
// opener and the writer differ in that (a descriptor passed on, or IDs
// changed after the open), the write is done as the writer. Writes of
// the page cache (WRITE_CACHE: pages stored through a shared mapping,
// written back) drop nothing: on Linux a store through a mapping only
// updates the times.
func (e *exportFS) Write(cancel <-chan struct{}, in *gofuse.WriteIn, data []byte) (uint32, gofuse.Status) {
	h := e.handles.get(in.Fh)
	if h == nil {
		return 0, gofuse.EBADF
	}
	openerKeeps := h.t.Cred().HasCap(linux.CAP_FSETID)
	writerKills := in.WriteFlags&gofuse.WRITE_KILL_SUIDGID != 0
	switch {
	case in.WriteFlags&gofuse.WRITE_CACHE != 0:
		if !openerKeeps {
			return e.writeAs(e.tasks.task(vfs.RootCred()), h, data, int64(in.Offset))
		}
	case writerKills == openerKeeps:
		return e.writeAs(e.tasks.get(&in.Caller), h, data, int64(in.Offset))
	}
	n, err := h.t.Pwrite(h.fd, data, int64(in.Offset))
	return uint32(n), status(err)
}

// writeAs is pwrite on h's file by the task t.
func (e *exportFS) writeAs(t *vfs.Task, h *handle, data []byte, off int64) (uint32, gofuse.Status) {
	fd, err := installHandle(t, h)
	if err != nil {
		return 0, status(err)
	}
	defer t.Close(fd)
	n, err := t.Pwrite(fd, data, off)
	return uint32(n), status(err)
}

// installHandle gives t a descriptor for h's file.
func installHandle(t *vfs.Task, h *handle) (int, error) {
	f, err := h.t.Fget(h.fd)
	if err != nil {
		return -1, err
	}
	defer f.DecRef()
	return t.InstallFile(f, true)
}

// Lseek is FUSE_LSEEK, which the host sends for SEEK_DATA and SEEK_HOLE.
func (e *exportFS) Lseek(cancel <-chan struct{}, in *gofuse.LseekIn, out *gofuse.LseekOut) gofuse.Status {
	h := e.handles.get(in.Fh)
	if h == nil {
		return gofuse.EBADF
	}
	off, err := h.t.Lseek(h.fd, int64(in.Offset), int(in.Whence))
	out.Offset = uint64(off)
	return status(err)
}

// Fallocate is FUSE_FALLOCATE: fallocate on the open file (the host has
// checked the mode's shape and that the file is open for writing; the
// virtual kernel checks again), by the task that opened it or, for the
// set-ID bits, the caller (see changer).
func (e *exportFS) Fallocate(cancel <-chan struct{}, in *gofuse.FallocateIn) gofuse.Status {
	h := e.handles.get(in.Fh)
	if h == nil {
		return gofuse.EBADF
	}
	t, fd, done, err := e.changer(h, &in.Caller)
	if err != nil {
		return status(err)
	}
	defer done()
	return status(t.Fallocate(fd, in.Mode, int64(in.Offset), int64(in.Length)))
}

// changer returns the task and descriptor through which the caller
// changes the data of h's file where the request says nothing of
// set-ID bits (FALLOCATE, COPY_FILE_RANGE): the opener's, unless the
// caller and the opener differ in CAP_FSETID, which decides whether the
// change drops them (file_remove_privs); then the caller's, with h's
// file given to it until done is called.
func (e *exportFS) changer(h *handle, caller *gofuse.Caller) (t *vfs.Task, fd int, done func(), err error) {
	ct := e.tasks.get(caller)
	if ct.Cred().HasCap(linux.CAP_FSETID) == h.t.Cred().HasCap(linux.CAP_FSETID) {
		return h.t, h.fd, func() {}, nil
	}
	if fd, err = installHandle(ct, h); err != nil {
		return nil, -1, nil, err
	}
	return ct, fd, func() { ct.Close(fd) }, nil
}

// CopyFileRange is FUSE_COPY_FILE_RANGE, done as reads and writes here so
// the data does not cross to the host and back; the writes drop set-ID
// bits as the caller's would (see changer).
func (e *exportFS) CopyFileRange(cancel <-chan struct{}, in *gofuse.CopyFileRangeIn) (uint32, gofuse.Status) {
	src, dst := e.handles.get(in.FhIn), e.handles.get(in.FhOut)
	if src == nil || dst == nil {
		return 0, gofuse.EBADF
	}
	wt, wfd, release, err := e.changer(dst, &in.Caller)
	if err != nil {
		return 0, status(err)
	}
	defer release()
	buf := make([]byte, min(in.Len, 1<<20))
	var done uint64
	for done < in.Len {
		n, err := src.t.Pread(src.fd, buf[:min(uint64(len(buf)), in.Len-done)], int64(in.OffIn+done))
		if n > 0 {
			var w int
			w, err = wt.Pwrite(wfd, buf[:n], int64(in.OffOut+done))
			done += uint64(w)
		}
		if err != nil && done == 0 {
			return 0, status(err)
		}
		if err != nil || n == 0 {
			break
		}
	}
	return uint32(done), gofuse.OK
}

// Flush is FUSE_FLUSH, sent at each close(2) on the host. The virtual
// file stays open until FUSE_RELEASE; there is nothing to write back.
func (e *exportFS) Flush(cancel <-chan struct{}, in *gofuse.FlushIn) gofuse.Status {
	if e.handles.get(in.Fh) == nil {
		return gofuse.EBADF
	}
	return gofuse.OK
}

// Fsync is FUSE_FSYNC: fsync or fdatasync.
func (e *exportFS) Fsync(cancel <-chan struct{}, in *gofuse.FsyncIn) gofuse.Status {
	h := e.handles.get(in.Fh)
	if h == nil {
		return gofuse.EBADF
	}
	if in.FsyncFlags&1 != 0 { // FUSE_FSYNC_FDATASYNC
		return status(h.t.Fdatasync(h.fd))
	}
	return status(h.t.Fsync(h.fd))
}

// FsyncDir is FUSE_FSYNCDIR.
func (e *exportFS) FsyncDir(cancel <-chan struct{}, in *gofuse.FsyncIn) gofuse.Status {
	return e.Fsync(cancel, in)
}

// Release is FUSE_RELEASE: the host's last reference to the open file.
func (e *exportFS) Release(cancel <-chan struct{}, in *gofuse.ReleaseIn) {
	if h := e.handles.remove(in.Fh); h != nil {
		_ = h.t.Close(h.fd)
	}
}

// ReleaseDir is FUSE_RELEASEDIR.
func (e *exportFS) ReleaseDir(in *gofuse.ReleaseIn) { e.Release(nil, in) }

// ReadDir is FUSE_READDIR.
func (e *exportFS) ReadDir(cancel <-chan struct{}, in *gofuse.ReadIn, out *gofuse.DirEntryList) gofuse.Status {
	return e.readdir(in, out, false)
}

// ReadDirPlus is FUSE_READDIRPLUS: each entry comes with a lookup, done
// by the caller (an entry it may not search is listed without one).
func (e *exportFS) ReadDirPlus(cancel <-chan struct{}, in *gofuse.ReadIn, out *gofuse.DirEntryList) gofuse.Status {
	return e.readdir(in, out, true)
}

func (e *exportFS) readdir(in *gofuse.ReadIn, out *gofuse.DirEntryList, plus bool) gofuse.Status {
	h := e.handles.get(in.Fh)
	if h == nil {
		return gofuse.EBADF
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.fill(in.Offset); err != nil {
		return status(err)
	}
	st, err := h.t.Fstat(h.fd)
	if err != nil {
		return status(err)
	}
	dev := st.Dev()
	ino := func(i uint64) uint64 { return e.inos.ino(dev, i) }
	if !plus {
		h.emit(in.Offset, ino, func(de gofuse.DirEntry) bool { return out.AddDirEntry(de) })
		return gofuse.OK
	}
	t := e.tasks.get(&in.Caller)
	err = e.withNode(t, in.NodeId, func(dfd int) error {
		h.emit(in.Offset, ino, func(de gofuse.DirEntry) bool {
			entry := out.AddDirLookupEntry(de)
			if entry == nil {
				return false
			}
			if de.Name != "." && de.Name != ".." && e.lookupAt(t, dfd, de.Name, entry) != nil {
				*entry = gofuse.EntryOut{} // listed without a node
			}
			return true
		})
		return nil
	})
	return status(err)
}

// emit passes the entries after the off-th to add until it says the
// reply is full, reading more as needed.
func (h *handle) emit(off uint64, ino func(uint64) uint64, add func(gofuse.DirEntry) bool) {
	for i := off; i < uint64(len(h.ents)); i++ {
		d := h.ents[i]
		if !add(gofuse.DirEntry{Name: d.Name, Mode: uint32(d.Type) << 12, Ino: ino(d.Ino), Off: i + 1}) {
			return
		}
		if i+1 == uint64(len(h.ents)) && h.fill(i+1) != nil {
			return
		}
	}
}

// fill reads entries until there are more than off, or the end; offset
// 0 after a first read is a rewinddir, which starts the reading over.
func (h *handle) fill(off uint64) error {
	if off == 0 && (len(h.ents) > 0 || h.eof) {
		if _, err := h.t.Lseek(h.fd, 0, linux.SEEK_SET); err != nil {
			return err
		}
		h.ents, h.eof = nil, false
	}
	for !h.eof && uint64(len(h.ents)) <= off {
		ents, err := h.t.Getdents(h.fd, 256)
		if err != nil {
			return err
		}
		if len(ents) == 0 {
			h.eof = true
		}
		h.ents = append(h.ents, ents...)
	}
	return nil
}
