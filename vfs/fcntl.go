// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// setflMask are the status flags F_SETFL may change (SETFL_MASK but for
// O_ASYNC, which has no meaning without signals).
const setflMask = linux.O_APPEND | linux.O_NONBLOCK | linux.O_DIRECT | linux.O_NOATIME

// Fcntl is fcntl(2) for the commands a VFS answers: duplicating
// descriptors, the close-on-exec flag, the status flags and pipe sizes.
// Other commands fail EINVAL, as unknown ones do on Linux.
func (t *Task) Fcntl(fd int, cmd int, arg uint64) (int, error) {
	switch cmd {
	case linux.F_DUPFD, linux.F_DUPFD_CLOEXEC:
		return t.dupFrom(fd, uint64(uint32(arg)), cmd == linux.F_DUPFD_CLOEXEC)
	case linux.F_GETFD, linux.F_SETFD:
		return t.fdTable().cloexecFlag(fd, cmd == linux.F_SETFD, arg&linux.FD_CLOEXEC != 0)
	}
	var r int
	err := t.withFile(fd, func(f *File) error {
		if f.path && cmd != linux.F_GETFL {
			return linux.EBADF // an O_PATH file answers only the commands above and F_GETFL
		}
		var err error
		r, err = fileFcntl(t, f, cmd, arg)
		return err
	})
	return r, err
}

// fileFcntl is the part of do_fcntl that works on the open file.
func fileFcntl(t *Task, f *File, cmd int, arg uint64) (int, error) {
	switch cmd {
	case linux.F_GETFL:
		return int(f.statusFlags()), nil
	case linux.F_SETFL:
		if arg&linux.O_NOATIME != 0 && f.Flags()&linux.O_NOATIME == 0 && !isOwner(t.Cred(), f.mnt.idmap(), f.Inode()) {
			return 0, linux.EPERM
		}
		if (uint32(arg)^f.Flags())&linux.O_APPEND != 0 && f.Inode().isAppend() {
			return 0, linux.EPERM // an append-only file stays in append mode
		}
		for {
			old := f.flags.Load()
			if f.flags.CompareAndSwap(old, old&^setflMask|uint32(arg)&setflMask) {
				return 0, nil
			}
		}
	case linux.F_GET_SEALS:
		s, err := sealsOf(f)
		return int(s), err
	case linux.F_ADD_SEALS:
		return addSeals(f, uint64(uint32(arg)))
	case linux.F_GETPIPE_SZ, linux.F_SETPIPE_SZ:
		p, ok := pipeOf(f)
		if !ok {
			return 0, linux.EBADF
		}
		if cmd == linux.F_SETPIPE_SZ {
			return p.setSize(t.Cred(), arg)
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.maxSlots * pageSize, nil
	}
	return 0, linux.EINVAL
}

// statusFlags is F_GETFL's answer: the access mode and the status flags
// kept since open (O_PATH files report O_PATH).
func (f *File) statusFlags() uint32 {
	acc := uint32(linux.O_RDONLY)
	switch {
	case f.read && f.write:
		acc = linux.O_RDWR
	case f.write:
		acc = linux.O_WRONLY
	}
	return f.Flags()&^(linux.O_ACCMODE|linux.O_CREAT|linux.O_EXCL|linux.O_NOCTTY|linux.O_TRUNC|linux.O_CLOEXEC) | acc
}

// dupFrom is F_DUPFD: the lowest free descriptor at or above min.
func (t *Task) dupFrom(fd int, min uint64, cloexec bool) (int, error) {
	limit := t.nofile()
	if min >= uint64(limit) {
		return -1, linux.EINVAL
	}
	f, err := t.fdTable().get(fd)
	if err != nil {
		return -1, err
	}
	nfd, err := t.fdTable().installFrom(f, int(min), cloexec, limit)
	if err != nil {
		f.DecRef()
	}
	return nfd, err
}
