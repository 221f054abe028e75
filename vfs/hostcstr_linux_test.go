// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// The host side passes path names as a C program would: the Go string's
// bytes followed by a NUL, so that a name with a NUL byte in it reaches
// the kernel whole and the kernel decides where it ends (x/sys/unix
// refuses such strings with EINVAL before any system call).

// cstr is s as a NUL-terminated C string.
func cstr(s string) *byte {
	b := make([]byte, len(s)+1)
	copy(b, s)
	return &b[0]
}

// sys makes a raw system call. Each argument is an integer or a pointer
// (*byte, unsafe.Pointer), kept alive until the call returns.
func sys(nr uintptr, args ...any) (int, error) {
	var a [6]uintptr
	for i, v := range args {
		switch v := v.(type) {
		case int:
			a[i] = uintptr(v)
		case uint32:
			a[i] = uintptr(v)
		case uint64:
			a[i] = uintptr(v)
		case uintptr:
			a[i] = v
		case *byte:
			a[i] = uintptr(unsafe.Pointer(v))
		case unsafe.Pointer:
			a[i] = uintptr(v)
		default:
			panic(fmt.Sprintf("sys: argument %d of type %T", i, v))
		}
	}
	r, _, e := unix.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	runtime.KeepAlive(args)
	if e != 0 {
		return -1, e
	}
	return int(r), nil
}

// sysErr is sys for calls that return only an errno.
func sysErr(nr uintptr, args ...any) error {
	_, err := sys(nr, args...)
	return err
}

// statxAsStat is fstatat(2) done with statx(2), as glibc does on newer
// architectures: the name is passed raw and the result converted.
func statxAsStat(dirfd int, path string, flags int) (scStat, error) {
	var sx unix.Statx_t
	err := sysErr(unix.SYS_STATX, dirfd, cstr(path), flags, uintptr(unix.STATX_BASIC_STATS), unsafe.Pointer(&sx))
	ts := func(t unix.StatxTimestamp) vfs.Timespec { return vfs.Timespec{Sec: t.Sec, Nsec: int64(t.Nsec)} }
	return scStat{Mode: uint32(sx.Mode), Nlink: uint64(sx.Nlink), UID: sx.Uid, GID: sx.Gid,
		Size: int64(sx.Size), Blocks: int64(sx.Blocks), Blksize: int64(sx.Blksize), Ino: sx.Ino,
		Rdev: unix.Mkdev(sx.Rdev_major, sx.Rdev_minor), Dev: unix.Mkdev(sx.Dev_major, sx.Dev_minor),
		Atime: ts(sx.Atime), Mtime: ts(sx.Mtime), Ctime: ts(sx.Ctime)}, err
}
