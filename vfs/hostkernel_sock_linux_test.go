// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// The host side of scSockOps: raw system calls with the socket addresses
// built byte for byte (a path's sockaddr_un length counts its NUL, an
// abstract name's does not, and "" is the bare family: autobind for
// bind, AF_UNSPEC for connect).

import (
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sockaddrUnix is addr as a struct sockaddr_un and its length.
func sockaddrUnix(addr string, family uint16) ([]byte, int) {
	b := make([]byte, 2+108+1)
	*(*uint16)(unsafe.Pointer(&b[0])) = family
	n := copy(b[2:2+108], addr)
	l := 2 + n
	if addr != "" && addr[0] != 0 && n < 108 {
		l++ // the path's NUL
	}
	return b, l
}

// readSockaddr is the address a call filled in, of length l.
func readSockaddr(b []byte, l int) string {
	if l <= 2 {
		return ""
	}
	a := string(b[2:l])
	if a[0] != 0 {
		a, _, _ = strings.Cut(a, "\x00")
	}
	return a
}

func (hostOps) Socket(typ int) (int, error) { return unix.Socket(unix.AF_UNIX, typ, 0) }
func (hostOps) Socketpair(typ int) (int, int, error) {
	fds, err := unix.Socketpair(unix.AF_UNIX, typ, 0)
	return fds[0], fds[1], err
}
func (hostOps) Bind(fd int, addr string) error {
	b, l := sockaddrUnix(addr, unix.AF_UNIX)
	return sysErr(unix.SYS_BIND, fd, unsafe.Pointer(&b[0]), l)
}
func (hostOps) Listen(fd, backlog int) error { return sysErr(unix.SYS_LISTEN, fd, backlog) }
func (hostOps) Connect(fd int, addr string) error {
	family := uint16(unix.AF_UNIX)
	if addr == "" {
		family = unix.AF_UNSPEC
	}
	b, l := sockaddrUnix(addr, family)
	return sysErr(unix.SYS_CONNECT, fd, unsafe.Pointer(&b[0]), l)
}
func (hostOps) Accept(fd, flags int) (int, error) {
	return sys(unix.SYS_ACCEPT4, fd, unsafe.Pointer(nil), unsafe.Pointer(nil), flags)
}

func (hostOps) Sendmsg(fd int, data []byte, rights []int, to string, flags int) (int, error) {
	var m unix.Msghdr
	var iov unix.Iovec
	if len(data) > 0 {
		iov.Base = &data[0]
		iov.SetLen(len(data))
		m.Iov, m.Iovlen = &iov, 1
	}
	if to != "" {
		b, l := sockaddrUnix(to, unix.AF_UNIX)
		m.Name, m.Namelen = &b[0], uint32(l)
	}
	if rights != nil {
		c := unix.UnixRights(rights...)
		m.Control = &c[0]
		m.SetControllen(len(c))
	}
	return sys(unix.SYS_SENDMSG, fd, unsafe.Pointer(&m), flags)
}

// Recvmsg gives the control buffer room for exactly maxRights
// descriptors (CMSG_LEN, not CMSG_SPACE, which may round up by one).
func (hostOps) Recvmsg(fd, n, maxRights, flags int) (scMsg, error) {
	var m unix.Msghdr
	buf := make([]byte, n+1)
	iov := unix.Iovec{Base: &buf[0]}
	iov.SetLen(n)
	m.Iov, m.Iovlen = &iov, 1
	name := make([]byte, 112)
	m.Name, m.Namelen = &name[0], uint32(len(name))
	ctl := make([]byte, unix.CmsgSpace(4*(maxRights+1)))
	if maxRights > 0 {
		m.Control = &ctl[0]
		m.SetControllen(unix.CmsgLen(4 * maxRights))
	}
	got, err := sys(unix.SYS_RECVMSG, fd, unsafe.Pointer(&m), flags)
	if err != nil {
		return scMsg{}, err
	}
	msg := scMsg{n: got, data: buf[:min(got, n)], from: readSockaddr(name, int(m.Namelen)), flags: int(m.Flags)}
	if maxRights > 0 {
		cmsgs, err := unix.ParseSocketControlMessage(ctl[:m.Controllen])
		if err != nil {
			return msg, err
		}
		for _, c := range cmsgs {
			fds, err := unix.ParseUnixRights(&c)
			if err != nil {
				return msg, err
			}
			msg.rights = append(msg.rights, fds...)
		}
	}
	return msg, nil
}

func (hostOps) Sockname(fd int, peer bool) (string, error) {
	b := make([]byte, 112)
	l := uint32(len(b))
	nr := uintptr(unix.SYS_GETSOCKNAME)
	if peer {
		nr = unix.SYS_GETPEERNAME
	}
	if err := sysErr(nr, fd, unsafe.Pointer(&b[0]), unsafe.Pointer(&l)); err != nil {
		return "", err
	}
	return readSockaddr(b, int(l)), nil
}
func (hostOps) Shutdown(fd, how int) error { return unix.Shutdown(fd, how) }
func (hostOps) Umount(target string, flags int) error {
	return sysErr(unix.SYS_UMOUNT2, cstr(target), flags)
}
func (hostOps) Pipe2(flags int) (int, int, error) {
	var fds [2]int32
	err := sysErr(unix.SYS_PIPE2, unsafe.Pointer(&fds[0]), flags)
	return int(fds[0]), int(fds[1]), err
}
func (hostOps) MemfdCreate(name string, flags int) (int, error) {
	return sys(unix.SYS_MEMFD_CREATE, cstr(name), flags)
}
func (hostOps) Fcntl(fd, cmd, arg int) (int, error) { return sys(unix.SYS_FCNTL, fd, cmd, arg) }
