package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// openFlagsValid are the flags openat accepts (VALID_OPEN_FLAGS).
const openFlagsValid = linux.O_RDONLY | linux.O_WRONLY | linux.O_RDWR | linux.O_CREAT | linux.O_EXCL |
	linux.O_NOCTTY | linux.O_TRUNC | linux.O_APPEND | linux.O_NONBLOCK | linux.O_DSYNC | linux.FASYNC |
	linux.O_DIRECT | linux.O_LARGEFILE | linux.O_DIRECTORY | linux.O_NOFOLLOW | linux.O_NOATIME |
	linux.O_CLOEXEC | linux.O_SYNC | linux.O_PATH | linux.O_TMPFILE

// openHow is struct open_flags, the result of build_open_flags.
type openHow struct {
	flags   uint32
	mode    uint32
	acc     int // MAY_* needed on the file
	lookup  int
	create  bool
	excl    bool
	isPath  bool
	read    bool
	write   bool
	cloexec bool
}

// buildOpenFlags is build_open_flags.
func buildOpenFlags(flags, mode uint32, umask uint32) (openHow, error) {
	h := openHow{}
	if flags&^openFlagsValid != 0 {
		flags &= openFlagsValid // open(2) ignores unknown bits
	}
	if flags&linux.O_CREAT != 0 && flags&linux.O_DIRECTORY != 0 && flags&linux.O_TMPFILE != linux.O_TMPFILE {
		return h, linux.EINVAL
	}
	if flags&linux.O_TMPFILE == linux.O_TMPFILE {
		return h, linux.EOPNOTSUPP
	}
	h.cloexec = flags&linux.O_CLOEXEC != 0
	if flags&linux.O_PATH != 0 {
		flags &= linux.O_DIRECTORY | linux.O_NOFOLLOW | linux.O_PATH | linux.O_CLOEXEC
		h.isPath = true
	} else {
		switch flags & linux.O_ACCMODE {
		case linux.O_RDONLY:
			h.read, h.acc = true, MAY_READ
		case linux.O_WRONLY:
			h.write, h.acc = true, MAY_WRITE
		case linux.O_RDWR:
			h.read, h.write, h.acc = true, true, MAY_READ|MAY_WRITE
		default:
			h.acc = MAY_READ | MAY_WRITE
		}
		if flags&linux.O_TRUNC != 0 {
			h.acc |= MAY_WRITE
		}
		if flags&linux.O_APPEND != 0 {
			h.acc |= MAY_APPEND
		}
	}
	if flags&linux.O_CREAT != 0 {
		h.create = true
		h.mode = mode&0o7777&^umask | linux.S_IFREG
		if flags&linux.O_EXCL != 0 {
			h.excl = true
			flags |= linux.O_NOFOLLOW
		}
	}
	if flags&linux.O_DIRECTORY != 0 {
		h.lookup |= lookupDirectory
	}
	if flags&linux.O_NOFOLLOW == 0 {
		h.lookup |= lookupFollow
	}
	h.flags = flags &^ (linux.O_CREAT | linux.O_EXCL | linux.O_NOCTTY | linux.O_TRUNC)
	return h, nil
}

// Openat is openat(2).
func (t *Task) Openat(dirfd int, name string, flags, mode uint32) (int, error) {
	h, err := buildOpenFlags(flags, mode, t.GetUmask())
	if err != nil {
		return -1, err
	}
	f, err := t.pathOpenat(dirfd, name, &h, flags&linux.O_TRUNC != 0)
	if err != nil {
		return -1, err
	}
	fd, err := t.files.install(f, h.cloexec)
	if err != nil {
		f.DecRef()
	}
	return fd, err
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
	if h.isPath {
		p, err := nd.lookupPath(name)
		if err != nil {
			return nil, err
		}
		return newFile(p, h.flags, false, false, true), nil
	}
	created := false
	for {
		if err := nd.linkPathWalk(name); err != nil {
			return nil, err
		}
		link, follow, c, err := t.openLastLookups(&nd, h)
		if err != nil {
			return nil, err
		}
		created = created || c
		if !follow {
			break
		}
		var jumped bool
		if name, jumped = nd.jumpIfAbsolute(link); name == "" && jumped {
			nd.lastType = lastRoot
			break
		}
	}
	return doOpen(&nd, h, created, trunc)
}

// openLastLookups is open_last_lookups: the final component, created if
// O_CREAT asks and it is missing.
func (t *Task) openLastLookups(nd *nameidata, h *openHow) (string, bool, bool, error) {
	if nd.lastType != lastNorm {
		if nd.lastType == lastDotDot {
			nd.followDotdot()
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
	if err != linux.ENOENT {
		return nil, false, err
	}
	if nd.path.Mnt.ReadOnly() {
		return nil, false, linux.EROFS
	}
	if err := mayCreateLocked(nd.cred, dir); err != nil {
		return nil, false, err
	}
	attr := newInodeAttr(nd.cred, dir.Inode(), h.mode, 0)
	in, err := dir.Inode().Ops.Mknod(dir.Inode(), nd.last, attr)
	if err != nil {
		return nil, false, err
	}
	dirChanged(dir.Inode())
	return dir.addChildLocked(nd.last, in), true, nil
}

// doOpen is do_open + may_open + vfs_open (+ handle_truncate).
func doOpen(nd *nameidata, h *openHow, created, trunc bool) (*File, error) {
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
	ops := in.FileOps
	switch in.Mode() & linux.S_IFMT {
	case linux.S_IFCHR:
		// chrdev_open: the driver registered for the device number.
		if ops = nd.task.k.charDevice(in.Rdev()); ops == nil {
			return nil, linux.ENXIO
		}
	case linux.S_IFSOCK, linux.S_IFBLK:
		// No socket or block driver is bound to a node made here.
		return nil, linux.ENXIO
	}
	if h.write && p.Mnt.ReadOnly() && in.Mode()&linux.S_IFMT != linux.S_IFCHR && in.Mode()&linux.S_IFMT != linux.S_IFIFO {
		return nil, linux.EROFS
	}
	f := newFile(p, h.flags, h.read, h.write, false)
	f.ops = ops
	if in.Mode()&linux.S_IFMT == linux.S_IFIFO {
		if err := fifoOpen(f, nd.task.k); err != nil {
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
		if err := doTruncate(in, 0, true); err != nil {
			f.DecRef()
			return nil, err
		}
	}
	return f, nil
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
		if p.Mnt.Flags()&linux.MNT_NODEV != 0 {
			return linux.EACCES
		}
		fallthrough
	case linux.S_IFIFO, linux.S_IFSOCK:
		if acc&MAY_EXEC != 0 {
			return linux.EACCES
		}
	}
	if err := inodePermission(c, in, acc); err != nil {
		return err
	}
	if flags&linux.O_NOATIME != 0 && !isOwner(c, in) {
		return linux.EPERM
	}
	return nil
}

// doTruncate is do_truncate/notify_change with ATTR_SIZE: change the size
// and, as open(O_TRUNC) and truncate(2) do, the times.
func doTruncate(in *Inode, size int64, always bool) error {
	if size < 0 {
		return linux.EINVAL
	}
	old := in.Size()
	if err := in.Ops.Truncate(in, size); err != nil {
		return err
	}
	if always || old != size {
		in.Touch("mc")
	}
	return nil
}

// newInodeAttr is inode_init_owner: owner from fsuid, group from fsgid or
// a set-group-ID directory (whose subdirectories inherit the bit).
func newInodeAttr(c *Cred, dir *Inode, mode uint32, rdev uint64) InodeAttr {
	a := InodeAttr{Mode: mode, UID: c.FSUID, GID: c.FSGID, Rdev: rdev}
	if dir.Mode()&linux.S_ISGID != 0 {
		a.GID = dir.GID()
		if mode&linux.S_IFMT == linux.S_IFDIR {
			a.Mode |= linux.S_ISGID
		} else if mode&linux.S_ISGID != 0 && mode&linux.S_IXGRP != 0 && !c.InGroup(a.GID) && !c.HasCap(linux.CAP_FSETID) {
			a.Mode &^= linux.S_ISGID
		}
	}
	return a
}

// dirChanged updates a directory's mtime and ctime after its entries change.
func dirChanged(dir *Inode) { dir.Touch("mc") }
