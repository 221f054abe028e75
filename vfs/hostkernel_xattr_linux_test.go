// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The xattr calls as raw system calls, so that a size of 0 and an empty
// value reach the kernel as they are.

func xattrNr(follow bool, withFollow, without uintptr) uintptr {
	if follow {
		return withFollow
	}
	return without
}

// bufPtr is b's first byte, or NULL for an empty buffer.
func bufPtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}

func (hostOps) Setxattr(path, name string, value []byte, flags int, follow bool) error {
	nr := xattrNr(follow, unix.SYS_SETXATTR, unix.SYS_LSETXATTR)
	return sysErr(nr, cstr(path), cstr(name), bufPtr(value), len(value), flags)
}

func (hostOps) Getxattr(path, name string, size int, follow bool) ([]byte, int, error) {
	b := make([]byte, size)
	nr := xattrNr(follow, unix.SYS_GETXATTR, unix.SYS_LGETXATTR)
	n, err := sys(nr, cstr(path), cstr(name), bufPtr(b), size)
	if err != nil {
		return b[:0], 0, err
	}
	if n > size {
		return nil, n, nil
	}
	return b[:n], n, nil
}

func (hostOps) Listxattr(path string, size int, follow bool) ([]byte, int, error) {
	b := make([]byte, size)
	nr := xattrNr(follow, unix.SYS_LISTXATTR, unix.SYS_LLISTXATTR)
	n, err := sys(nr, cstr(path), bufPtr(b), size)
	if err != nil {
		return b[:0], 0, err
	}
	if n > size {
		return nil, n, nil
	}
	return b[:n], n, nil
}

func (hostOps) Removexattr(path, name string, follow bool) error {
	nr := xattrNr(follow, unix.SYS_REMOVEXATTR, unix.SYS_LREMOVEXATTR)
	return sysErr(nr, cstr(path), cstr(name))
}

func (hostOps) MountOverlay(target, data string) error {
	return sysErr(unix.SYS_MOUNT, cstr("overlay"), cstr(target), cstr("overlay"), 0, cstr(data))
}

func (hostOps) Fxattr(op string, fd int, name string, value []byte, size int) ([]byte, int, error) {
	b := make([]byte, size)
	var n int
	var err error
	switch op {
	case "set":
		return nil, 0, sysErr(unix.SYS_FSETXATTR, fd, cstr(name), bufPtr(value), len(value), 0)
	case "get":
		n, err = sys(unix.SYS_FGETXATTR, fd, cstr(name), bufPtr(b), size)
	case "list":
		n, err = sys(unix.SYS_FLISTXATTR, fd, bufPtr(b), size)
	default:
		return nil, 0, sysErr(unix.SYS_FREMOVEXATTR, fd, cstr(name))
	}
	if err != nil {
		return b[:0], 0, err
	}
	if n > size {
		return nil, n, nil
	}
	return b[:n], n, nil
}
