// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"errors"

	gofuse "github.com/hanwen/go-fuse/v2/fuse"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// GetAttr is FUSE_GETATTR: fstat of the open file when the caller names
// one (an unlinked file has no name left), else of the node.
func (e *exportFS) GetAttr(cancel <-chan struct{}, in *gofuse.GetAttrIn, out *gofuse.AttrOut) gofuse.Status {
	var st vfs.Statx
	var err error
	if hd := e.handleFor(in.Flags()&gofuse.FUSE_GETATTR_FH != 0, in.Fh()); hd != nil {
		st, err = hd.t.Fstat(hd.fd)
	} else {
		t := e.tasks.get(&in.Caller)
		err = e.withNode(t, in.NodeId, func(fd int) (err error) {
			st, err = t.Fstatat(fd, "", linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW)
			return err
		})
	}
	if err != nil {
		return status(err)
	}
	e.fillAttr(&st, &out.Attr)
	e.setValid(&out.AttrValid, &out.AttrValidNsec)
	return gofuse.OK
}

// SetAttr is FUSE_SETATTR: chmod, chown, truncate and utimensat, done
// on the node by the caller (the open file's descriptor for a truncate
// through one, as ftruncate), then the new attributes.
func (e *exportFS) SetAttr(cancel <-chan struct{}, in *gofuse.SetAttrIn, out *gofuse.AttrOut) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	fh, hasFh := in.GetFh()
	hd := e.handleFor(hasFh, fh)
	var st vfs.Statx
	err := e.withNode(t, in.NodeId, func(fd int) error {
		if err := e.setattr(t, fd, hd, in); err != nil {
			return err
		}
		var err error
		st, err = t.Fstatat(fd, "", linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW)
		return err
	})
	if err != nil {
		return status(err)
	}
	e.fillAttr(&st, &out.Attr)
	e.setValid(&out.AttrValid, &out.AttrValidNsec)
	return gofuse.OK
}

// setattrChanges are the attributes a SETATTR can carry.
const setattrChanges = gofuse.FATTR_MODE | gofuse.FATTR_UID | gofuse.FATTR_GID | gofuse.FATTR_SIZE |
	gofuse.FATTR_ATIME | gofuse.FATTR_MTIME | gofuse.FATTR_ATIME_NOW | gofuse.FATTR_MTIME_NOW

// setattr applies the changes in in, in notify_change's order of checks:
// mode, owner, size, times. A SETATTR that carries none is emptySetattr.
func (e *exportFS) setattr(t *vfs.Task, fd int, hd *handle, in *gofuse.SetAttrIn) error {
	if in.Valid&setattrChanges == 0 {
		return e.emptySetattr(t, fd, in.NodeId)
	}
	if mode, ok := in.GetMode(); ok {
		if err := t.Fchmodat(fd, "", mode&0o7777, linux.AT_EMPTY_PATH); err != nil {
			return err
		}
	}
	uid, uok := in.GetUID()
	gid, gok := in.GetGID()
	if uok || gok {
		if !uok {
			uid = ^uint32(0)
		}
		if !gok {
			gid = ^uint32(0)
		}
		if err := t.Fchownat(fd, "", uid, gid, linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW); err != nil {
			return err
		}
	}
	if size, ok := in.GetSize(); ok {
		if err := truncate(t, fd, hd, int64(size)); err != nil {
			return err
		}
	}
	if times, ok := setTimes(in); ok {
		if err := t.Utimensat(fd, "", &times, linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW); err != nil {
			return err
		}
	}
	return nil
}

// emptySetattr answers a SETATTR that carries no attribute. The host
// sends one for two calls it cannot tell apart for us: chown(f, -1, -1)
// (or fchown, lchown), whose change time and set-ID drop have no FUSE
// bit without writeback caching, and file_remove_privs before a write
// to a set-ID file by a caller without CAP_FSETID (fuse_setattr strips
// ATTR_KILL_SUID and ATTR_KILL_SGID from notify_change's request, which
// is left with ATTR_FORCE alone, as the server holds
// CAP_HANDLE_KILLPRIV_V2). Both are the virtual chown to -1, -1, which
// drops the bits as the write would for the owner; for anyone else it
// is EPERM on a set-ID file, right for chown but not for the write,
// which Linux forces. So EPERM with a write handle open on the node is
// taken for the write's request and succeeds without a change: the
// WRITE that follows drops the bits (the virtual pwrite does it, as
// the writer). A non-owner's chown(f, -1, -1) of a set-ID file that
// someone has open for writing then succeeds too, changing nothing.
func (e *exportFS) emptySetattr(t *vfs.Task, fd int, node uint64) error {
	err := t.Fchownat(fd, "", ^uint32(0), ^uint32(0), linux.AT_EMPTY_PATH|linux.AT_SYMLINK_NOFOLLOW)
	if errors.Is(err, linux.EPERM) && e.handles.writerOn(node) {
		return nil
	}
	return err
}

// truncate is ftruncate on the open file, or truncate(2) on the node: a
// write open by the caller (the same check) and ftruncate.
func truncate(t *vfs.Task, fd int, hd *handle, size int64) error {
	if hd != nil {
		return hd.t.Ftruncate(hd.fd, size)
	}
	wfd, err := t.Reopen(fd, linux.O_WRONLY|linux.O_NONBLOCK|linux.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer t.Close(wfd)
	return t.Ftruncate(wfd, size)
}

// setTimes turns the request's times into utimensat's pair: a time not
// given is UTIME_OMIT, "now" is UTIME_NOW.
func setTimes(in *gofuse.SetAttrIn) ([2]vfs.Timespec, bool) {
	times := [2]vfs.Timespec{{Nsec: vfs.UTIME_OMIT}, {Nsec: vfs.UTIME_OMIT}}
	set := false
	pick := func(i int, valid, now uint32, sec uint64, nsec uint32) {
		switch {
		case in.Valid&now != 0:
			times[i] = vfs.Timespec{Nsec: vfs.UTIME_NOW}
		case in.Valid&valid != 0:
			times[i] = vfs.Timespec{Sec: int64(sec), Nsec: int64(nsec)}
		default:
			return
		}
		set = true
	}
	pick(0, gofuse.FATTR_ATIME, gofuse.FATTR_ATIME_NOW, in.Atime, in.Atimensec)
	pick(1, gofuse.FATTR_MTIME, gofuse.FATTR_MTIME_NOW, in.Mtime, in.Mtimensec)
	return times, set
}

// Access is FUSE_ACCESS: faccessat with the caller's credentials.
func (e *exportFS) Access(cancel <-chan struct{}, in *gofuse.AccessIn) gofuse.Status {
	t := e.tasks.get(&in.Caller)
	return status(e.withNode(t, in.NodeId, func(fd int) error {
		return t.Faccessat(fd, "", in.Mask, linux.AT_EMPTY_PATH|linux.AT_EACCESS)
	}))
}

// Readlink is FUSE_READLINK.
func (e *exportFS) Readlink(cancel <-chan struct{}, h *gofuse.InHeader) ([]byte, gofuse.Status) {
	t := e.tasks.get(&h.Caller)
	var target string
	err := e.withNode(t, h.NodeId, func(fd int) (err error) {
		target, err = t.Readlinkat(fd, "")
		return err
	})
	return []byte(target), status(err)
}

// StatFs is FUSE_STATFS: statfs of the node's filesystem.
func (e *exportFS) StatFs(cancel <-chan struct{}, h *gofuse.InHeader, out *gofuse.StatfsOut) gofuse.Status {
	t := e.tasks.get(&h.Caller)
	var sf vfs.Statfs
	err := e.withNode(t, h.NodeId, func(fd int) (err error) {
		sf, err = t.Fstatfs(fd)
		return err
	})
	if err != nil {
		return status(err)
	}
	*out = gofuse.StatfsOut{Blocks: sf.Blocks, Bfree: sf.Bfree, Bavail: sf.Bavail, Files: sf.Files, Ffree: sf.Ffree,
		Bsize: uint32(sf.Bsize), NameLen: uint32(sf.Namelen), Frsize: uint32(sf.Frsize)}
	return gofuse.OK
}
