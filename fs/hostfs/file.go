// SPDX-License-Identifier: Apache-2.0

//go:build linux

package hostfs

import (
	"encoding/binary"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fileOps reads and writes through a host descriptor each open file gets
// by reopening its inode's O_PATH descriptor.
type fileOps struct{ h *hostFS }

// hostFile is an open file's private part.
type hostFile struct{ fd int }

// Open reopens the host file with the open's access mode; O_APPEND is the
// VFS's, which picks the offset. Special files need no host descriptor.
func (o fileOps) Open(f *vfs.File, t *vfs.Task) error {
	in := f.Inode()
	if !in.IsRegular() && !in.IsDir() {
		return nil
	}
	var flags int
	switch {
	case in.IsDir():
		flags = unix.O_RDONLY | unix.O_DIRECTORY
	case f.Flags()&linux.O_ACCMODE == linux.O_WRONLY:
		flags = unix.O_WRONLY
	case f.Flags()&linux.O_ACCMODE == linux.O_RDWR:
		flags = unix.O_RDWR
	default:
		flags = unix.O_RDONLY
	}
	if flags&unix.O_ACCMODE != unix.O_RDONLY {
		if err := o.h.writable(); err != nil {
			return err
		}
	}
	fd, err := unix.Open(procPath(o.h.nodeOf(in).fd), flags|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if err != nil {
		return errno(err)
	}
	f.Private = &hostFile{fd: fd}
	return nil
}

// Release closes the host descriptor, and lets an unlinked inode go.
func (o fileOps) Release(f *vfs.File) {
	if hf, ok := f.Private.(*hostFile); ok {
		unix.Close(hf.fd)
	}
	if in := f.Inode(); in.Nlink() == 0 {
		o.h.forget(in)
	}
}

func hostFd(f *vfs.File) (int, error) {
	hf, ok := f.Private.(*hostFile)
	if !ok {
		return -1, linux.EBADF
	}
	return hf.fd, nil
}

// ReadAt is pread on the host.
func (o fileOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	fd, err := hostFd(f)
	if err != nil {
		return 0, err
	}
	n, err := unix.Pread(fd, p, off)
	if err != nil {
		return 0, errno(err)
	}
	return n, nil
}

// WriteAt is pwrite on the host; the inode's size follows the host's.
func (o fileOps) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	fd, err := hostFd(f)
	if err != nil {
		return 0, err
	}
	n, err := unix.Pwrite(fd, p, off)
	_ = o.h.restat(f.Inode())
	if err != nil {
		return max(n, 0), errno(err)
	}
	return n, nil
}

// Fsync is fsync or fdatasync on the host.
func (o fileOps) Fsync(f *vfs.File, datasync bool) error {
	fd, err := hostFd(f)
	if err != nil {
		return nil
	}
	if datasync {
		return errno(unix.Fdatasync(fd))
	}
	return errno(unix.Fsync(fd))
}

// ReadDir lists the host directory from its start, without "." and "..",
// in the host's order; Off counts down so the VFS's cursor resumes.
func (o fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	fd, err := hostFd(f)
	if err != nil {
		return nil, err
	}
	if _, err := unix.Seek(fd, 0, 0); err != nil {
		return nil, errno(err)
	}
	var out []vfs.Dirent
	buf := make([]byte, 32<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if err != nil {
			return nil, errno(err)
		}
		if n <= 0 {
			break
		}
		out = appendDirents(out, buf[:n], o.h)
	}
	for i := range out {
		out[i].Off = uint64(len(out) - i + 2)
	}
	return out, nil
}

// appendDirents decodes struct linux_dirent64 records.
func appendDirents(out []vfs.Dirent, b []byte, h *hostFS) []vfs.Dirent {
	for len(b) >= 19 {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < 19 || reclen > len(b) {
			break
		}
		name := b[19:reclen]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if s := string(name); s != "." && s != ".." {
			out = append(out, vfs.Dirent{Name: s, Ino: binary.NativeEndian.Uint64(b[0:8]), Type: b[18]})
		}
		b = b[reclen:]
	}
	return out
}
