// SPDX-License-Identifier: Apache-2.0

package vfs_test

// Scenario steps for AF_UNIX sockets, pipes and memfds: the calls, how a
// step renders its result, and their linuxvfs side (the host side is in
// hostkernel_sock_linux_test.go). Steps never block: sockets are
// non-blocking or the call passes MSG_DONTWAIT.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// scSockOps is the socket, pipe and memfd part of scOps. An address is a
// path, an abstract name (leading NUL) or "" (bind: autobind; connect:
// AF_UNSPEC).
type scSockOps interface {
	Socket(typ int) (int, error)
	Socketpair(typ int) (int, int, error)
	Bind(fd int, addr string) error
	Listen(fd, backlog int) error
	Connect(fd int, addr string) error
	Accept(fd, flags int) (int, error)
	Sendmsg(fd int, data []byte, rights []int, to string, flags int) (int, error)
	Recvmsg(fd, n, maxRights, flags int) (scMsg, error)
	// Sockname is getsockname(2), or getpeername(2) with peer.
	Sockname(fd int, peer bool) (string, error)
	Shutdown(fd, how int) error
	Umount(target string, flags int) error
	Pipe2(flags int) (int, int, error)
	MemfdCreate(name string, flags int) (int, error)
	Fcntl(fd, cmd, arg int) (int, error)
}

// scMsg is what recvmsg returned.
type scMsg struct {
	n      int // what recvmsg returned (MSG_TRUNC: the datagram's length)
	data   []byte
	from   string
	rights []int
	flags  int
}

func opSocket(typ int) scStep { return scStep{op: "socket", flags: typ} }
func opSocketpair(typ int, a, b string) scStep {
	return scStep{op: "socketpair", flags: typ, save: a, save2: b}
}
func opBind(slot, addr string) scStep    { return scStep{op: "bind", fd: slot, path: addr} }
func opListen(slot string, n int) scStep { return scStep{op: "listen", fd: slot, n: n} }
func opConnect(slot, addr string) scStep { return scStep{op: "connect", fd: slot, path: addr} }
func opAccept(slot string, flags int) scStep {
	return scStep{op: "accept", fd: slot, flags: flags}
}

// opSend sends data (with the descriptors in rights) to addr, or to the
// peer if addr is "".
func opSend(slot, data string, rights []string, addr string, flags int) scStep {
	return scStep{op: "sendmsg", fd: slot, data: data, rights: rights, path: addr, flags: flags}
}

// opRecv receives up to n bytes with room for maxRights descriptors,
// which go to the slots named in into.
func opRecv(slot string, n, maxRights, flags int, into ...string) scStep {
	return scStep{op: "recvmsg", fd: slot, n: n, mode: uint32(maxRights), flags: flags, rights: into}
}
func opSockname(slot string) scStep { return scStep{op: "sockname", fd: slot} }
func opPeername(slot string) scStep { return scStep{op: "peername", fd: slot} }
func opShutdown(slot string, how int) scStep {
	return scStep{op: "shutdown", fd: slot, n: how}
}
func opUmount(target string, flags int) scStep {
	return scStep{op: "umount", path: target, flags: flags}
}
func opPipe2(flags int, r, w string) scStep {
	return scStep{op: "pipe2", flags: flags, save: r, save2: w}
}
func opMemfd(name string, flags int) scStep {
	return scStep{op: "memfd", path: name, flags: flags}
}
func opFcntl(slot string, cmd, arg int) scStep {
	return scStep{op: "fcntl", fd: slot, n: cmd, off: int64(arg)}
}

var sockOpNames = map[string]bool{"socket": true, "socketpair": true, "bind": true, "listen": true,
	"connect": true, "accept": true, "sendmsg": true, "recvmsg": true, "sockname": true, "peername": true,
	"shutdown": true}

// usesSockets tells whether sc needs a network namespace of its own on
// the host.
func usesSockets(sc *scenario) bool {
	for _, s := range sc.steps {
		if sockOpNames[s.op] {
			return true
		}
	}
	return false
}

var autobound = regexp.MustCompile(`^\x00[0-9a-f]{5}$`)

// fmtAddr shows an address: abstract names with '@', autobind's names
// (random on Linux) as @<auto>.
func fmtAddr(a string) string {
	switch {
	case autobound.MatchString(a):
		return "@<auto>"
	case strings.HasPrefix(a, "\x00"):
		return fmt.Sprintf("%q", "@"+a[1:])
	}
	return fmt.Sprintf("%q", a)
}

// execSock runs the steps of scSockOps; known is false for other ops.
func (e *scEnv) execSock(s scStep) (res string, err error, known bool) {
	known = true
	switch s.op {
	case "socket", "accept", "memfd":
		var fd int
		switch s.op {
		case "socket":
			fd, err = e.ops.Socket(s.flags)
		case "accept":
			fd, err = e.ops.Accept(e.fd(s.fd), s.flags)
		default:
			fd, err = e.ops.MemfdCreate(s.path, s.flags)
		}
		if err == nil {
			e.save(s.save, fd)
		}
	case "socketpair", "pipe2":
		var a, b int
		if s.op == "socketpair" {
			a, b, err = e.ops.Socketpair(s.flags)
		} else {
			a, b, err = e.ops.Pipe2(s.flags)
		}
		if err == nil {
			e.save(s.save, a)
			e.save(s.save2, b)
		}
	case "bind":
		err = e.ops.Bind(e.fd(s.fd), s.path)
	case "listen":
		err = e.ops.Listen(e.fd(s.fd), s.n)
	case "connect":
		err = e.ops.Connect(e.fd(s.fd), s.path)
	case "shutdown":
		err = e.ops.Shutdown(e.fd(s.fd), s.n)
	case "umount":
		err = e.ops.Umount(s.path, s.flags)
	case "sendmsg":
		var fds []int
		for _, r := range s.rights {
			fds = append(fds, e.fd(r))
		}
		var n int
		n, err = e.ops.Sendmsg(e.fd(s.fd), []byte(s.data), fds, s.path, s.flags)
		res = fmt.Sprint(n)
	case "recvmsg":
		res, err = e.recvmsg(s)
	case "sockname", "peername":
		var a string
		a, err = e.ops.Sockname(e.fd(s.fd), s.op == "peername")
		res = fmtAddr(a)
	case "fcntl":
		var n int
		n, err = e.ops.Fcntl(e.fd(s.fd), s.n, int(s.off))
		res = fmt.Sprint(n)
	default:
		known = false
	}
	return res, err, known
}

// save names a new descriptor, or closes it if the step names no slot.
func (e *scEnv) save(slot string, fd int) {
	if slot == "" {
		e.ops.Close(fd)
		return
	}
	e.slots[slot] = fd
}

// recvmsg renders the bytes, the sender, the flags and, for each
// descriptor received, its close-on-exec flag; the descriptors fill the
// step's slots in order (extra ones are closed).
func (e *scEnv) recvmsg(s scStep) (string, error) {
	m, err := e.ops.Recvmsg(e.fd(s.fd), s.n, int(s.mode), s.flags)
	if err != nil {
		return "", err
	}
	var cloexec []int
	for i, fd := range m.rights {
		fl, _ := e.ops.Fcntl(fd, linux.F_GETFD, 0)
		cloexec = append(cloexec, fl)
		slot := ""
		if i < len(s.rights) {
			slot = s.rights[i]
		}
		e.save(slot, fd)
	}
	return fmt.Sprintf("%d %q from=%s flags=%#x rights=%d cloexec=%v", m.n, m.data, fmtAddr(m.from), m.flags, len(m.rights), cloexec), nil
}

// The linuxvfs side.

func (v vfsOps) Socket(typ int) (int, error) { return v.t.Socket(linux.AF_UNIX, typ, 0) }
func (v vfsOps) Socketpair(typ int) (int, int, error) {
	fds, err := v.t.Socketpair(linux.AF_UNIX, typ, 0)
	return fds[0], fds[1], err
}
func (v vfsOps) Bind(fd int, addr string) error { return v.t.Bind(fd, addr) }
func (v vfsOps) Listen(fd, backlog int) error   { return v.t.Listen(fd, backlog) }
func (v vfsOps) Connect(fd int, addr string) error {
	if addr == "" {
		return v.t.ConnectUnspec(fd)
	}
	return v.t.Connect(fd, addr)
}
func (v vfsOps) Accept(fd, flags int) (int, error) { return v.t.Accept4(fd, flags) }
func (v vfsOps) Sendmsg(fd int, data []byte, rights []int, to string, flags int) (int, error) {
	return v.t.Sendmsg(fd, &vfs.Msghdr{Name: to, Data: data, Rights: rights}, flags)
}
func (v vfsOps) Recvmsg(fd, n, maxRights, flags int) (scMsg, error) {
	m := vfs.Msghdr{Data: make([]byte, n), MaxRights: maxRights}
	got, err := v.t.Recvmsg(fd, &m, flags)
	if err != nil {
		return scMsg{}, err
	}
	return scMsg{n: got, data: m.Data[:min(got, n)], from: m.Name, rights: m.Rights, flags: m.Flags}, nil
}
func (v vfsOps) Sockname(fd int, peer bool) (string, error) {
	if peer {
		return v.t.Getpeername(fd)
	}
	return v.t.Getsockname(fd)
}
func (v vfsOps) Shutdown(fd, how int) error            { return v.t.Shutdown(fd, how) }
func (v vfsOps) Umount(target string, flags int) error { return v.t.Umount2(target, flags) }
func (v vfsOps) Pipe2(flags int) (int, int, error) {
	fds, err := v.t.Pipe2(uint32(flags))
	return fds[0], fds[1], err
}
func (v vfsOps) MemfdCreate(name string, flags int) (int, error) {
	return v.t.MemfdCreate(name, uint32(flags))
}
func (v vfsOps) Fcntl(fd, cmd, arg int) (int, error) { return v.t.Fcntl(fd, cmd, uint64(arg)) }
