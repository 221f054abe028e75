// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// openFlagsValid are the flags openat accepts (VALID_OPEN_FLAGS).
const openFlagsValid = linux.O_RDONLY | linux.O_WRONLY | linux.O_RDWR | linux.O_CREAT | linux.O_EXCL |
	linux.O_NOCTTY | linux.O_TRUNC | linux.O_APPEND | linux.O_NONBLOCK | linux.O_DSYNC | linux.FASYNC |
	linux.O_DIRECT | linux.O_LARGEFILE | linux.O_DIRECTORY | linux.O_NOFOLLOW | linux.O_NOATIME |
	linux.O_CLOEXEC | linux.O_SYNC | linux.O_PATH | linux.O_TMPFILE

// openHow is struct open_flags, the result of build_open_flags.
type openHow struct {
	flags  uint32
	mode   uint32
	acc    int // MAY_* needed on the file
	lookup int
	create bool
	excl   bool
	// bdevExcl is O_EXCL without O_CREAT: an exclusive open of a block
	// device.
	bdevExcl bool
	tmpfile  bool
	isPath   bool
	read     bool
	write    bool
	cloexec  bool
}

// oPathFlags is O_PATH_FLAGS: what survives next to O_PATH.
const oPathFlags = linux.O_DIRECTORY | linux.O_NOFOLLOW | linux.O_PATH | linux.O_CLOEXEC

// buildOpenFlags is build_open_how + build_open_flags for open(2).
func buildOpenFlags(flags, mode uint32, umask uint32) (openHow, error) {
	h := openHow{}
	flags &= openFlagsValid // open(2) ignores unknown bits
	if flags&linux.O_PATH != 0 {
		flags &= oPathFlags // O_PATH beats everything else
	}
	acc := [4]int{MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE}[flags&linux.O_ACCMODE]
	if flags&(linux.O_DIRECTORY|linux.O_CREAT) == linux.O_DIRECTORY|linux.O_CREAT {
		return h, linux.EINVAL
	}
	if flags&linux.O_TMPFILE&^linux.O_DIRECTORY != 0 {
		if flags&linux.O_DIRECTORY == 0 || acc&MAY_WRITE == 0 {
			return h, linux.EINVAL
		}
		h.tmpfile = true
	}
	h.cloexec = flags&linux.O_CLOEXEC != 0
	if flags&linux.O_PATH != 0 {
		h.isPath = true
	} else {
		h.acc = acc
		h.read = flags&linux.O_ACCMODE == linux.O_RDONLY || flags&linux.O_ACCMODE == linux.O_RDWR
		h.write = flags&linux.O_ACCMODE == linux.O_WRONLY || flags&linux.O_ACCMODE == linux.O_RDWR
		if flags&linux.O_TRUNC != 0 {
			h.acc |= MAY_WRITE
		}
		if flags&linux.O_APPEND != 0 {
			h.acc |= MAY_APPEND
		}
	}
	if flags&linux.O_CREAT != 0 || h.tmpfile {
		h.create = flags&linux.O_CREAT != 0
		h.mode = mode&0o7777 | linux.S_IFREG // the umask applies in newInodeAttr
		if flags&linux.O_EXCL != 0 {
			h.excl = true
			flags |= linux.O_NOFOLLOW
		}
	}
	h.bdevExcl = flags&(linux.O_EXCL|linux.O_CREAT) == linux.O_EXCL
	if flags&linux.O_DIRECTORY != 0 {
		h.lookup |= lookupDirectory
	}
	if flags&linux.O_NOFOLLOW == 0 {
		h.lookup |= lookupFollow
	}
	h.flags = flags &^ (linux.O_CREAT | linux.O_EXCL | linux.O_NOCTTY | linux.O_TRUNC | linux.O_TMPFILE&^linux.O_DIRECTORY)
	if !h.isPath {
		h.flags |= linux.O_LARGEFILE // force_o_largefile: every open on a 64-bit kernel
	}
	return h, nil
}

// Openat is openat(2).
func (t *Task) Openat(dirfd int, name string, flags, mode uint32) (int, error) {
	return t.OpenatFrom(dirfd, name, flags, mode, 0)
}

// OpenatFrom is Openat with the new descriptor at the lowest free number
// not below min: openat then fcntl(F_DUPFD, min) in one step. A program
// whose threads share the table (a shell running pipeline parts in one
// task) keeps private descriptors high without the moment in which the
// low number is open and another thread can dup it.
func (t *Task) OpenatFrom(dirfd int, name string, flags, mode uint32, min int) (int, error) {
	limit := t.nofile()
	if min < 0 || min >= limit {
		return -1, linux.EINVAL // as F_DUPFD's bound
	}
	f, err := t.FilpOpen(dirfd, name, flags, mode)
	if err != nil {
		return -1, err
	}
	fd, err := t.fdTable().installFrom(f, min, flags&linux.O_CLOEXEC != 0, limit)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// FilpOpen is filp_open: the open file with no descriptor, for reads the
// kernel does itself (execve's look at a program's first bytes), which
// no thread sharing t's table may see; the caller drops it with DecRef.
func (t *Task) FilpOpen(dirfd int, name string, flags, mode uint32) (*File, error) {
	h, err := buildOpenFlags(flags, mode, t.GetUmask())
	if err != nil {
		return nil, err
	}
	var f *File
	err = retryGone(func() (err error) {
		f, err = t.pathOpenat(dirfd, name, &h, flags&linux.O_TRUNC != 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	f.cred = t.Cred()
	return f, nil
}

// Open is open(2): Openat relative to the working directory.
func (t *Task) Open(name string, flags, mode uint32) (int, error) {
	return t.Openat(linux.AT_FDCWD, name, flags, mode)
}

// Creat is creat(2).
func (t *Task) Creat(name string, mode uint32) (int, error) {
	return t.Open(name, linux.O_CREAT|linux.O_WRONLY|linux.O_TRUNC, mode)
}

// pathOpenat is path_openat: walk to the parent, then open_last_lookups
// and do_open.
func (t *Task) pathOpenat(dirfd int, name string, h *openHow, trunc bool) (*File, error) {
	var nd nameidata
	df, err := t.pathInit(&nd, dirfd, name, h.lookup)
	if df != nil {
		defer df.DecRef()
	}
	if err != nil {
		return nil, err
	}
	name = nd.name
	if h.isPath {
		p, err := nd.lookupPath(name)
		if err != nil {
			return nil, err
		}
		if !p.Mnt.tryGet() {
			return nil, errMountGone
		}
		return newFile(p, h.flags, false, false, true), nil
	}
	if h.tmpfile {
		return t.doTmpfile(&nd, name, h)
	}
	created := false
	err = nd.walkTrailing(name, func() (string, bool, error) {
		link, follow, c, err := t.openLastLookups(&nd, h)
		created = created || c
		return link, follow, err
	})
	if err != nil {
		return nil, err
	}
	return doOpen(&nd, h, created, trunc)
}

// openLastLookups is open_last_lookups: the final component, created if
// O_CREAT asks and it is missing.
func (t *Task) openLastLookups(nd *nameidata, h *openHow) (string, bool, bool, error) {
	if nd.lastType != lastNorm {
		if nd.lastType == lastDotDot {
			return "", false, false, nd.followDotdot()
		}
		return "", false, false, nil
	}
	if !h.create {
		if nd.slash {
			nd.flags |= lookupFollow | lookupDirectory
		}
		l, f, err := nd.walkComponent(nd.last, nd.lastHash, lastNorm, nd.flags&lookupFollow != 0)
		return l, f, false, err
	}
	if nd.slash {
		return "", false, false, linux.EISDIR
	}
	d, created, err := t.lookupOpen(nd, h)
	if err != nil {
		return "", false, false, err
	}
	l, f, err := nd.stepInto(d, nd.flags&lookupFollow != 0)
	return l, f, created, err
}

// lookupOpen is lookup_open: find the last component, or create it.
func (t *Task) lookupOpen(nd *nameidata, h *openHow) (*Dentry, bool, error) {
	dir := nd.path.Dentry
	if d := dir.fastLookup(nd.last, nd.lastHash); d != nil {
		return d, false, nil
	}
	dir.mu.Lock()
	defer dir.mu.Unlock()
	d, err := lookupSlowLocked(dir, nd.last)
	if err == nil {
		return d, false, nil
	}
	if err != linux.ENOENT || missingIsFinal(dir) {
		return nil, false, err
	}
	if nd.path.Mnt.ReadOnly() {
		return nil, false, linux.EROFS
	}
	if err := mayCreateLocked(nd.cred, nd.path.Mnt.idmap(), dir); err != nil {
		return nil, false, err
	}
	attr := newInodeAttr(nd.cred, nd.path.Mnt.idmap(), dir.Inode(), h.mode, nd.task.GetUmask(), 0)
	in, err := dir.Inode().Ops.Mknod(dir.Inode(), nd.last, attr)
	if err != nil {
		return nil, false, err
	}
	dirChangedBy(dir.Inode(), in)
	return dir.addChildLocked(nd.last, in), true, nil
}

// doOpen is do_open + may_open + vfs_open (+ handle_truncate).
func doOpen(nd *nameidata, h *openHow, created, trunc bool) (*File, error) {
	if !created {
		if err := nd.completeWalk(); err != nil {
			return nil, err
		}
	}
	p := nd.path
	in := p.Dentry.Inode()
	if h.create {
		if h.excl && !created {
			return nil, linux.EEXIST
		}
		if in.IsDir() {
			return nil, linux.EISDIR
		}
	}
	if nd.flags&lookupDirectory != 0 && !in.IsDir() {
		return nil, linux.ENOTDIR
	}
	acc := h.acc
	if created {
		acc, trunc = 0, false
	} else if trunc && in.IsRegular() && p.Mnt.ReadOnly() {
		return nil, linux.EROFS
	}
	if err := mayOpen(nd.cred, p, in, acc, h.flags); err != nil {
		return nil, err
	}
	if h.write && p.Mnt.ReadOnly() && !isSpecial(in.Mode()) {
		return nil, linux.EROFS
	}
	if h.write || trunc {
		// Held until the file counts as a writer (newFile) or the open
		// fails, so that no execve takes the inode meanwhile.
		if err := getWriteAccess(in); err != nil {
			return nil, err
		}
		defer putWriteAccess(in)
	}
	if !p.Mnt.tryGet() {
		return nil, errMountGone
	}
	ops, err := openOps(nd, in, h.bdevExcl)
	if err != nil {
		p.Mnt.mntput()
		return nil, err
	}
	f := newFile(p, h.flags, h.read, h.write, false)
	f.ops = ops
	if sp, ok := in.Private.(*StreamPipe); ok && in.sb == nd.task.k.pipeMnt.sb {
		streamReopen(f, sp)
	} else if in.Mode()&linux.S_IFMT == linux.S_IFIFO {
		if err := fifoOpen(f, nd.task); err != nil {
			f.DecRef()
			return nil, err
		}
	}
	if o, ok := ops.(FileOpener); ok {
		if err := o.Open(f, nd.task); err != nil {
			f.DecRef()
			return nil, err
		}
	}
	if trunc && in.IsRegular() {
		if err := doTruncate(nd.cred, nd.path.Mnt.idmap(), in, 0); err != nil {
			f.DecRef()
			return nil, err
		}
	}
	return f, nil
}

// openOps is the file operations a node opens with: the driver's for a
// device (chrdev_open, blkdev_open), the inode's otherwise.
func openOps(nd *nameidata, in *Inode, excl bool) (FileOperations, error) {
	ops := in.FileOps
	switch in.Mode() & linux.S_IFMT {
	case linux.S_IFCHR:
		// chrdev_open: the driver registered for the device number.
		if ops = nd.task.k.charDevice(in.Rdev()); ops == nil {
			return nil, linux.ENXIO
		}
	case linux.S_IFBLK:
		var err error
		if ops, err = nd.task.k.blkdevOpen(in.Rdev(), excl); err != nil {
			return nil, err
		}
	case linux.S_IFSOCK:
		// No socket is bound to a node made here.
		return nil, linux.ENXIO
	}
	if ops == nil {
		// An anonymous inode (an fs context reopened through
		// /proc/self/fd) has no file operations: do_dentry_open's ENXIO.
		return nil, linux.ENXIO
	}
	return ops, nil
}

// mayOpenDev is may_open_dev: neither the mount (nodev) nor its
// superblock (SB_I_NODEV) forbids device nodes.
func mayOpenDev(p Path) bool {
	return p.Mnt.Flags()&linux.MNT_NODEV == 0 && !p.Mnt.sb.NoDev
}

// mayOpen is may_open.
func mayOpen(c *Cred, p Path, in *Inode, acc int, flags uint32) error {
	switch in.Mode() & linux.S_IFMT {
	case linux.S_IFLNK:
		return linux.ELOOP
	case linux.S_IFDIR:
		if acc&MAY_WRITE != 0 {
			return linux.EISDIR
		}
		if acc&MAY_EXEC != 0 {
			return linux.EACCES
		}
	case linux.S_IFBLK, linux.S_IFCHR:
		if !mayOpenDev(p) {
			return linux.EACCES
		}
		fallthrough
	case linux.S_IFIFO, linux.S_IFSOCK:
		if acc&MAY_EXEC != 0 {
			return linux.EACCES
		}
	}
	if err := inodePermission(c, p.Mnt.idmap(), in, acc); err != nil {
		return err
	}
	// An append-only file opens for writing only in append mode, and
	// never to be truncated.
	if in.isAppend() && ((flags&linux.O_ACCMODE != linux.O_RDONLY && flags&linux.O_APPEND == 0) || flags&linux.O_TRUNC != 0) {
		return linux.EPERM
	}
	if flags&linux.O_NOATIME != 0 && !isOwner(c, p.Mnt.idmap(), in) {
		return linux.EPERM
	}
	return nil
}

// doTruncate is do_truncate/notify_change with ATTR_SIZE: change the size
// and, as open(O_TRUNC) and truncate(2) do, the times.
// Like Linux 6.18's tmpfs, the times change even when the size does not,
// and the set-ID bits go as for a write (dentry_needs_remove_privs).
func doTruncate(c *Cred, im *mntIdmap, in *Inode, size int64) error {
	if size < 0 {
		return linux.EINVAL
	}
	if err := ownerValidThrough(im, in); err != nil {
		return err
	}
	if err := getWriteAccess(in); err != nil {
		return err
	}
	defer putWriteAccess(in)
	in.rw.Lock()
	defer in.rw.Unlock()
	if err := checkSealsTruncate(in, size); err != nil {
		return err
	}
	if err := in.Ops.Truncate(in, size); err != nil {
		return err
	}
	in.Touch("mc")
	removePrivs(c, im, in)
	return nil
}

// newInodeAttr is vfs_prepare_mode + inode_init_owner: in a set-group-ID
// directory a new file's S_ISGID is stripped (before the umask) unless the
// creator is in the group, the group comes from the directory, and
// subdirectories inherit the bit; the owner is the creator's fsuid.
func newInodeAttr(c *Cred, im *mntIdmap, dir *Inode, mode, umask uint32, rdev uint64) InodeAttr {
	// mapped_fsuid/mapped_fsgid: may_create made sure they exist.
	uid, _ := im.fsUID(dir.sb, c.FSUID)
	gid, _ := im.fsGID(dir.sb, c.FSGID)
	a := InodeAttr{UID: uid, GID: gid, Rdev: rdev, Creator: c}
	sgidDir := dir.Mode()&linux.S_ISGID != 0
	dirGID, _ := im.inodeGID(dir)
	if sgidDir && mode&linux.S_IFMT != linux.S_IFDIR && mode&(linux.S_ISGID|linux.S_IXGRP) == linux.S_ISGID|linux.S_IXGRP &&
		!inGroupOrCapable(c, im, dir, dirGID) {
		mode &^= linux.S_ISGID // mode_strip_sgid
	}
	a.Mode = mode &^ (umask & 0o777)
	if sgidDir {
		a.GID = dir.GID()
		if mode&linux.S_IFMT == linux.S_IFDIR {
			a.Mode |= linux.S_ISGID
		}
	}
	return a
}

// Tmpfiler is implemented by filesystems that can make an unnamed file in
// a directory (->tmpfile, for O_TMPFILE).
type Tmpfiler interface {
	Tmpfile(dir *Inode, attr InodeAttr) (*Inode, error)
}

// doTmpfile is do_tmpfile + vfs_tmpfile: an open file with no name, which
// linkat may give one unless O_EXCL was passed.
func (t *Task) doTmpfile(nd *nameidata, name string, h *openHow) (*File, error) {
	p, err := nd.lookupPath(name)
	if err != nil {
		return nil, err
	}
	dir := p.Dentry
	tf, ok := dir.Inode().Ops.(Tmpfiler)
	if p.Mnt.ReadOnly() {
		return nil, linux.EROFS
	}
	dir.mu.Lock()
	err = mayCreateLocked(nd.cred, p.Mnt.idmap(), dir)
	dir.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, linux.EOPNOTSUPP
	}
	if !p.Mnt.tryGet() {
		return nil, errMountGone
	}
	in, err := tf.Tmpfile(dir.Inode(), newInodeAttr(nd.cred, p.Mnt.idmap(), dir.Inode(), h.mode, t.GetUmask(), 0))
	if err != nil {
		p.Mnt.mntput()
		return nil, err
	}
	in.ClearNlink()
	in.setLinkable(!h.excl)
	d := newDentryFor(dir, "#"+strconv.FormatUint(in.ino, 10), in)
	d.unlinked.Store(true)
	return newFile(Path{p.Mnt, d}, h.flags, h.read, h.write, false), nil
}

// dirChanged updates a directory's mtime and ctime after its entries change.
func dirChanged(dir *Inode) { dir.Touch("mc") }

// dirChangedAt is dirChanged at a time the system call has read already.
func dirChangedAt(dir *Inode, now Timespec) { dir.touchAt("mc", now) }

// dirChangedBy is dirChanged after child was made in dir: the directory
// takes the new inode's change time, so that one system call reads the
// clock once (the kernel's coarse clock gives both the same time).
func dirChangedBy(dir, child *Inode) {
	_, _, now, _ := child.times.read()
	dirChangedAt(dir, now)
}
