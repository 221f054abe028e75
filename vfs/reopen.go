// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// InstallFile gives t a new descriptor, the lowest free one, for another
// reference to f, as receiving a file over a socket does (receive_fd).
// An exporter that keeps files outside every descriptor table (a FUSE
// server's nodes) uses it to hand one to the descriptor-based calls.
func (t *Task) InstallFile(f *File, cloexec bool) (int, error) {
	f.IncRef()
	fd, err := t.installFd(f, cloexec)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// Reopen opens afresh the object the descriptor fd refers to, typically
// an O_PATH one, as open("/proc/self/fd/FD", flags, mode) does: the walk
// lands on fd's path (nd_jump_link) and do_open checks the access with
// t's credentials. O_CREAT creates nothing there; with O_EXCL it fails
// with EEXIST. O_TMPFILE is refused with EINVAL (Linux would make the
// file in a directory and say ENOTDIR for anything else).
func (t *Task) Reopen(fd int, flags, mode uint32) (int, error) {
	h, err := buildOpenFlags(flags, mode, t.GetUmask())
	if err != nil {
		return -1, err
	}
	if h.tmpfile {
		return -1, linux.EINVAL
	}
	src, err := t.fdTable().get(fd)
	if err != nil {
		return -1, err
	}
	defer src.DecRef()
	var f *File
	err = retryGone(func() (err error) {
		f, err = t.reopenPath(Path{src.mnt, src.dentry}, &h, flags&linux.O_TRUNC != 0)
		return err
	})
	if err != nil {
		return -1, err
	}
	f.cred = t.Cred()
	nfd, err := t.installFd(f, h.cloexec)
	if err != nil {
		f.DecRef()
	}
	return nfd, err
}

// reopenPath is the end of path_openat once a magic link has been
// jumped: do_open on p itself, nothing left to look up or create.
func (t *Task) reopenPath(p Path, h *openHow, trunc bool) (*File, error) {
	if h.isPath {
		if !p.Mnt.tryGet() {
			return nil, errMountGone
		}
		return newFile(p, h.flags, false, false, true), nil
	}
	nd := nameidata{task: t, cred: t.Cred(), root: t.fsStruct().load().root, path: p, flags: h.lookup}
	return doOpen(&nd, h, false, trunc)
}
