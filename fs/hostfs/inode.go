// SPDX-License-Identifier: Apache-2.0

//go:build linux

package hostfs

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// devIno names a host file.
type devIno struct{ dev, ino uint64 }

// hostFS is a superblock's private part: the host files it has inodes
// for, one vfs inode per host file whatever its names (iget's hash).
type hostFS struct {
	sb      *vfs.Superblock
	source  string
	rootDev uint64

	mu      sync.Mutex
	opts    options
	nodes   map[devIno]*vfs.Inode
	nextIno uint64 // numbers for files on host filesystems other than the root's
}

// node is an inode's private part: an O_PATH descriptor of its host file.
type node struct {
	fd  int
	key devIno
}

func (h *hostFS) options() options {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.opts
}

func (h *hostFS) nodeOf(in *vfs.Inode) *node { return in.Private.(*node) }

// errno converts a host error to the virtual kernel's number.
func errno(err error) error {
	if e, ok := err.(unix.Errno); ok {
		return linux.Errno(e)
	}
	return err
}

// procPath names fd through the host's /proc, to reopen an O_PATH
// descriptor for I/O without resolving any path again.
func procPath(fd int) string { return "/proc/self/fd/" + strconv.Itoa(fd) }

// beneath is the openat2 resolution every lookup uses: one name below
// its directory, no host symbolic link or magic link followed.
const beneath = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS | unix.RESOLVE_NO_SYMLINKS

// openChild opens name in the directory dirFd as an O_PATH descriptor of
// the entry itself (a symbolic link stays one).
func openChild(dirFd int, name string) (int, error) {
	if name == "" || name == "." || name == ".." || strings.Contains(name, "/") {
		return -1, linux.ENOENT
	}
	fd, err := unix.Openat2(dirFd, name, &unix.OpenHow{
		Flags:   unix.O_PATH | unix.O_NOFOLLOW | unix.O_CLOEXEC,
		Resolve: beneath,
	})
	return fd, errno(err)
}

// newInode makes the vfs inode of the host file fd (stat st) or returns
// the one already made for it, closing fd then.
func (h *hostFS) newInode(fd int, st *unix.Stat_t) *vfs.Inode {
	key := devIno{st.Dev, st.Ino}
	h.mu.Lock()
	if in := h.nodes[key]; in != nil {
		h.mu.Unlock()
		unix.Close(fd)
		h.refresh(in, st)
		return in
	}
	ino := st.Ino
	if st.Dev != h.rootDev {
		h.nextIno++
		ino = 1<<62 + h.nextIno // a host submount: keep numbers apart
	}
	in := h.sb.NewInode(ino, vfs.InodeAttr{Mode: st.Mode, Rdev: st.Rdev}, inodeOps{h}, fileOps{h})
	in.Private = &node{fd: fd, key: key}
	h.nodes[key] = in
	h.mu.Unlock()
	h.refresh(in, st)
	return in
}

// refresh copies the host's attributes into in, owners forced or not.
func (h *hostFS) refresh(in *vfs.Inode, st *unix.Stat_t) {
	o := h.options()
	uid, gid := st.Uid, st.Gid
	if o.setUID {
		uid = o.uid
	}
	if o.setGID {
		gid = o.gid
	}
	in.SetModeOwner(st.Mode, uid, gid)
	in.SetNlink(uint32(st.Nlink))
	in.Lock()
	in.SetSizeLocked(st.Size)
	in.SetBlocksLocked(st.Blocks)
	in.SetTimesLocked(vfs.Timespec{Sec: st.Atim.Sec, Nsec: st.Atim.Nsec},
		vfs.Timespec{Sec: st.Mtim.Sec, Nsec: st.Mtim.Nsec}, vfs.Timespec{Sec: st.Ctim.Sec, Nsec: st.Ctim.Nsec})
	in.Unlock()
}

// restat reads in's attributes from the host again.
func (h *hostFS) restat(in *vfs.Inode) error {
	var st unix.Stat_t
	if err := unix.Fstat(h.nodeOf(in).fd, &st); err != nil {
		return errno(err)
	}
	h.refresh(in, &st)
	return nil
}

// forget drops an inode with no links and no open files, closing its
// host descriptor (evict_inode).
func (h *hostFS) forget(in *vfs.Inode) {
	if !in.TryEvict() {
		return
	}
	n := h.nodeOf(in)
	h.mu.Lock()
	if h.nodes[n.key] == in {
		delete(h.nodes, n.key)
	}
	h.mu.Unlock()
	unix.Close(n.fd)
}

// lookupAt opens name below dir and returns its inode.
func (h *hostFS) lookupAt(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	fd, err := openChild(h.nodeOf(dir).fd, name)
	if err != nil {
		return nil, err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, errno(err)
	}
	return h.newInode(fd, &st), nil
}

// writable refuses changes to a read-only superblock, whatever asks.
func (h *hostFS) writable() error {
	if h.sb.ReadOnly() {
		return linux.EROFS
	}
	return nil
}

// adopt gives a file the virtual system just made its mode exactly and,
// with owners not forced, the creator's IDs (best effort: an unprivileged
// process cannot chown, and the file stays the process's).
func (h *hostFS) adopt(in *vfs.Inode, attr vfs.InodeAttr) {
	fd := h.nodeOf(in).fd
	if attr.Mode&linux.S_IFMT != linux.S_IFLNK {
		_ = unix.Chmod(procPath(fd), attr.Mode&0o7777)
	}
	if o := h.options(); !o.setUID && !o.setGID {
		_ = unix.Fchownat(fd, "", int(attr.UID), int(attr.GID), unix.AT_EMPTY_PATH|unix.AT_SYMLINK_NOFOLLOW)
	}
	_ = h.restat(in)
}

type inodeOps struct{ h *hostFS }

// Lookup opens the name on the host (hostfs_lookup).
func (o inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	return o.h.lookupAt(dir, name)
}

// Revalidate keeps a cached child while the host's name still leads to
// the same file, refreshing its attributes (d_revalidate).
func (o inodeOps) Revalidate(dir *vfs.Inode, name string, child *vfs.Inode) bool {
	var st unix.Stat_t
	if unix.Fstatat(o.h.nodeOf(dir).fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) != nil {
		return false
	}
	if (devIno{st.Dev, st.Ino}) != o.h.nodeOf(child).key {
		return false
	}
	o.h.refresh(child, &st)
	return true
}

// Getattr fills stat's answer from the host's fstat.
func (o inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	var hs unix.Stat_t
	if unix.Fstat(o.h.nodeOf(in).fd, &hs) != nil {
		return
	}
	o.h.refresh(in, &hs)
	st.Mode = uint16(in.Mode())
	st.UID, st.GID = in.UID(), in.GID()
	st.Nlink = uint32(hs.Nlink)
	st.Size, st.Blocks = hs.Size, hs.Blocks
	st.Atime = vfs.Timespec{Sec: hs.Atim.Sec, Nsec: hs.Atim.Nsec}
	st.Mtime = vfs.Timespec{Sec: hs.Mtim.Sec, Nsec: hs.Mtim.Nsec}
	st.Ctime = vfs.Timespec{Sec: hs.Ctim.Sec, Nsec: hs.Ctim.Nsec}
	st.Mask &^= linux.STATX_BTIME
	st.Btime = vfs.Timespec{}
}

// Setattr applies chmod, chown and utimensat on the host first.
func (o inodeOps) Setattr(in *vfs.Inode, a *vfs.Iattr) error {
	h := o.h
	if err := h.writable(); err != nil {
		return err
	}
	fd := h.nodeOf(in).fd
	if a.Valid&(vfs.ATTR_UID|vfs.ATTR_GID) != 0 {
		opts := h.options()
		if opts.setUID && a.Valid&vfs.ATTR_UID != 0 && a.UID != opts.uid ||
			opts.setGID && a.Valid&vfs.ATTR_GID != 0 && a.GID != opts.gid {
			return linux.EPERM // a forced owner stays, as on vfat
		}
		if !opts.setUID && !opts.setGID {
			if err := unix.Fchownat(fd, "", int(a.UID), int(a.GID), unix.AT_EMPTY_PATH|unix.AT_SYMLINK_NOFOLLOW); err != nil {
				return errno(err)
			}
		}
	}
	if a.Valid&vfs.ATTR_MODE != 0 {
		if err := unix.Chmod(procPath(fd), a.Mode&0o7777); err != nil {
			return errno(err)
		}
	}
	if a.Valid&(vfs.ATTR_ATIME|vfs.ATTR_MTIME) != 0 {
		ts := []unix.Timespec{{Nsec: unix.UTIME_OMIT}, {Nsec: unix.UTIME_OMIT}}
		if a.Valid&vfs.ATTR_ATIME != 0 {
			ts[0] = unix.Timespec{Sec: a.Atime.Sec, Nsec: a.Atime.Nsec}
		}
		if a.Valid&vfs.ATTR_MTIME != 0 {
			ts[1] = unix.Timespec{Sec: a.Mtime.Sec, Nsec: a.Mtime.Nsec}
		}
		if err := unix.UtimesNanoAt(fd, "", ts, unix.AT_EMPTY_PATH|unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return errno(err)
		}
	}
	return nil
}

// Mknod makes a regular file, FIFO, socket or device node on the host.
func (o inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return o.create(dir, name, attr, func(dirFd int) error {
		if attr.Mode&linux.S_IFMT == linux.S_IFREG {
			fd, err := unix.Openat(dirFd, name, unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, attr.Mode&0o7777)
			if err == nil {
				unix.Close(fd)
			}
			return err
		}
		return unix.Mknodat(dirFd, name, attr.Mode, int(attr.Rdev))
	})
}

// Mkdir is mkdirat on the host.
func (o inodeOps) Mkdir(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return o.create(dir, name, attr, func(dirFd int) error { return unix.Mkdirat(dirFd, name, attr.Mode&0o7777) })
}

// Symlink is symlinkat on the host; the target is stored as given and
// resolved only by the virtual VFS.
func (o inodeOps) Symlink(dir *vfs.Inode, name, target string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return o.create(dir, name, attr, func(dirFd int) error { return unix.Symlinkat(target, dirFd, name) })
}

// create runs mk in dir on the host and returns the new file's inode.
func (o inodeOps) create(dir *vfs.Inode, name string, attr vfs.InodeAttr, mk func(dirFd int) error) (*vfs.Inode, error) {
	h := o.h
	if err := h.writable(); err != nil {
		return nil, err
	}
	if err := mk(h.nodeOf(dir).fd); err != nil {
		return nil, errno(err)
	}
	in, err := h.lookupAt(dir, name)
	if err != nil {
		return nil, err
	}
	h.adopt(in, attr)
	_ = h.restat(dir)
	return in, nil
}

// Link names old again in dir, through old's descriptor: linkat of the
// /proc magic link needs no CAP_DAC_READ_SEARCH, unlike AT_EMPTY_PATH.
func (o inodeOps) Link(old *vfs.Inode, dir *vfs.Inode, name string) error {
	h := o.h
	if err := h.writable(); err != nil {
		return err
	}
	if err := unix.Linkat(unix.AT_FDCWD, procPath(h.nodeOf(old).fd), h.nodeOf(dir).fd, name, unix.AT_SYMLINK_FOLLOW); err != nil {
		return errno(err)
	}
	_ = h.restat(old)
	_ = h.restat(dir)
	return nil
}

// Unlink and Rmdir are unlinkat on the host.
func (o inodeOps) Unlink(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	return o.remove(dir, name, victim, 0)
}

func (o inodeOps) Rmdir(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	return o.remove(dir, name, victim, unix.AT_REMOVEDIR)
}

func (o inodeOps) remove(dir *vfs.Inode, name string, victim *vfs.Inode, flags int) error {
	h := o.h
	if err := h.writable(); err != nil {
		return err
	}
	if err := unix.Unlinkat(h.nodeOf(dir).fd, name, flags); err != nil {
		return errno(err)
	}
	h.settle(dir, victim)
	return nil
}

// settle re-reads the attributes of inodes a namespace change touched and
// lets go of the ones left without links.
func (h *hostFS) settle(ins ...*vfs.Inode) {
	for _, in := range ins {
		if in == nil {
			continue
		}
		_ = h.restat(in)
		if in.Nlink() == 0 {
			h.forget(in)
		}
	}
}

// Rename is renameat2 on the host, flags (NOREPLACE, EXCHANGE) included.
func (o inodeOps) Rename(oldDir *vfs.Inode, oldName string, src *vfs.Inode, newDir *vfs.Inode, newName string, target *vfs.Inode, flags uint32) error {
	h := o.h
	if err := h.writable(); err != nil {
		return err
	}
	if err := unix.Renameat2(h.nodeOf(oldDir).fd, oldName, h.nodeOf(newDir).fd, newName, uint(flags)); err != nil {
		return errno(err)
	}
	h.settle(oldDir, newDir, src, target)
	return nil
}

// Readlink reads the host link's target, which the VFS resolves.
func (o inodeOps) Readlink(in *vfs.Inode) (string, error) {
	buf := make([]byte, linux.PATH_MAX)
	n, err := unix.Readlinkat(o.h.nodeOf(in).fd, "", buf)
	if err != nil {
		return "", errno(err)
	}
	return string(buf[:n]), nil
}

// Truncate is ftruncate through a descriptor reopened for writing.
func (o inodeOps) Truncate(in *vfs.Inode, size int64) error {
	h := o.h
	if err := h.writable(); err != nil {
		return err
	}
	fd, err := unix.Open(procPath(h.nodeOf(in).fd), unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return errno(err)
	}
	defer unix.Close(fd)
	if err := unix.Ftruncate(fd, size); err != nil {
		return errno(err)
	}
	return h.restat(in)
}
