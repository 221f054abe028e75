// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// AF_UNIX addresses (net/unix/af_unix.c as far as names go): a socket is
// bound to a path, where bind makes an S_IFSOCK inode through the VFS, or
// to an abstract name (a leading NUL) in a kernel-wide table. A stream or
// seqpacket socket that listens takes connections, each a new socket
// paired with the connecting one, until accept hands it out.

// unixName is where a socket is bound: an inode, or an abstract name.
type unixName struct {
	in       *Inode
	abstract string
}

// unixTable is the kernel's bound AF_UNIX sockets (unix_socket_table),
// with one lock and wait queue for binding, listening and accepting.
type unixTable struct {
	k      *Kernel
	mu     sync.Mutex
	cond   *sync.Cond
	bound  map[unixName]*sockFile
	nextID int // autobind's names
}

func (u *unixTable) wake() {
	u.mu.Lock()
	u.cond.Broadcast()
	u.mu.Unlock()
}

// unix returns the kernel's table, made on first use.
func (k *Kernel) unix() *unixTable {
	k.unixOnce.Do(func() {
		k.unixSocks = &unixTable{k: k, bound: map[unixName]*sockFile{}}
		k.unixSocks.cond = sync.NewCond(&k.unixSocks.mu)
		k.sleepers.add(k.unixSocks)
	})
	return k.unixSocks
}

// Socket is socket(2) for AF_UNIX: an unbound, unconnected socket.
func (t *Task) Socket(domain, typ, protocol int) (int, error) {
	kind, err := socketKind(domain, typ, protocol)
	if err != nil {
		return -1, err
	}
	f, err := t.k.newSocketFile(t.Cred(), kind, uint32(typ)&linux.O_NONBLOCK)
	if err != nil {
		return -1, err
	}
	fd, err := t.fdTable().install(f, typ&linux.SOCK_CLOEXEC != 0)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// socketKind checks socket(2)'s arguments and returns the socket type.
func socketKind(domain, typ, protocol int) (int, error) {
	kind := typ & linux.SOCK_TYPE_MASK
	switch {
	case typ&^(linux.SOCK_TYPE_MASK|linux.SOCK_NONBLOCK|linux.SOCK_CLOEXEC) != 0:
		return 0, linux.EINVAL
	case domain != linux.AF_UNIX:
		return 0, linux.EAFNOSUPPORT
	case kind == linux.SOCK_RAW:
		kind = linux.SOCK_DGRAM
	case kind != linux.SOCK_STREAM && kind != linux.SOCK_DGRAM && kind != linux.SOCK_SEQPACKET:
		return 0, linux.ESOCKTNOSUPPORT
	}
	if protocol != 0 {
		return 0, linux.EPROTONOSUPPORT
	}
	return kind, nil
}

// withSocket runs fn on the socket at fd: ENOTSOCK for other files.
func (t *Task) withSocket(fd int, fn func(f *File, sf *sockFile) error) error {
	return t.withFile(fd, func(f *File) error {
		sf, ok := f.Private.(*sockFile)
		if !ok || f.path {
			return linux.ENOTSOCK
		}
		return fn(f, sf)
	})
}

// Bind is bind(2) for AF_UNIX: addr is a path, made as a socket inode
// with mode 0777 less the umask (EADDRINUSE if the name exists), or an
// abstract name starting with a NUL byte. A socket binds once (EINVAL).
func (t *Task) Bind(fd int, addr string) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		if addr == "" || len(addr) > 107 {
			return linux.EINVAL
		}
		u := t.k.unix()
		u.mu.Lock()
		defer u.mu.Unlock()
		sf.mu.Lock()
		defer sf.mu.Unlock()
		if sf.bound {
			return linux.EINVAL
		}
		name, err := t.bindName(u, addr)
		if err != nil {
			return err
		}
		sf.bound, sf.name = true, name
		u.bound[name] = sf
		return nil
	})
}

// bindName makes the name addr stands for. u.mu is held.
func (t *Task) bindName(u *unixTable, addr string) (unixName, error) {
	if strings.HasPrefix(addr, "\x00") {
		name := unixName{abstract: addr}
		if u.bound[name] != nil {
			return name, linux.EADDRINUSE
		}
		return name, nil
	}
	err := t.Mknodat(linux.AT_FDCWD, addr, linux.S_IFSOCK|0o777, 0)
	if err == linux.EEXIST {
		return unixName{}, linux.EADDRINUSE
	}
	if err != nil {
		return unixName{}, err
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, addr, 0)
	if err != nil {
		return unixName{}, err
	}
	return unixName{in: p.Dentry.Inode()}, nil
}

// Listen is listen(2): a stream or seqpacket socket, not connected, takes
// connections from now on; an unbound one gets an abstract name first
// (autobind). The backlog is not enforced.
func (t *Task) Listen(fd, backlog int) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		if sf.typ == linux.SOCK_DGRAM {
			return linux.EOPNOTSUPP
		}
		u := t.k.unix()
		u.mu.Lock()
		defer u.mu.Unlock()
		sf.mu.Lock()
		defer sf.mu.Unlock()
		if sf.pair != nil {
			return linux.EINVAL
		}
		if !sf.bound {
			u.nextID++
			sf.bound, sf.name = true, unixName{abstract: fmt.Sprintf("\x00%05x", u.nextID)}
			u.bound[sf.name] = sf
		}
		sf.listening = true
		return nil
	})
}

// Connect is connect(2) of a stream or seqpacket socket to a listening
// one: ENOENT and the like for a path that is not there, ECONNREFUSED
// for one that is no listening socket of the same type, EACCES without
// write permission on the socket's inode, EISCONN when connected.
func (t *Task) Connect(fd int, addr string) error {
	return t.withSocket(fd, func(f *File, sf *sockFile) error {
		if sf.typ == linux.SOCK_DGRAM {
			return linux.EOPNOTSUPP // connected datagrams: pairs only, here
		}
		name, err := t.connectName(addr)
		if err != nil {
			return err
		}
		u := t.k.unix()
		u.mu.Lock()
		defer u.mu.Unlock()
		if p, _ := sf.connected(); p != nil {
			return linux.EISCONN
		}
		l := u.bound[name]
		if l == nil || !l.listening || l.typ != sf.typ {
			return linux.ECONNREFUSED
		}
		server, err := t.k.newSocketFile(l.cred, sf.typ, 0)
		if err != nil {
			return err
		}
		pair := t.k.newSockPair(sf.typ)
		sf.join(pair, 0)
		server.Private.(*sockFile).join(pair, 1)
		l.mu.Lock()
		l.pending = append(l.pending, server)
		l.mu.Unlock()
		u.cond.Broadcast()
		return nil
	})
}

// connectName resolves addr: a path must lead to a socket inode the
// caller may write to.
func (t *Task) connectName(addr string) (unixName, error) {
	if addr == "" {
		return unixName{}, linux.EINVAL
	}
	if strings.HasPrefix(addr, "\x00") {
		return unixName{abstract: addr}, nil
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, addr, lookupFollow)
	if err != nil {
		return unixName{}, err
	}
	in := p.Dentry.Inode()
	if err := inodePermission(t.Cred(), in, MAY_WRITE); err != nil {
		return unixName{}, err
	}
	if in.Mode()&linux.S_IFMT != linux.S_IFSOCK {
		return unixName{}, linux.ECONNREFUSED
	}
	return unixName{in: in}, nil
}

// Accept4 is accept4(2): the next connection, waiting for one unless the
// listening socket is non-blocking (EAGAIN); EINVAL if it does not
// listen. flags are SOCK_NONBLOCK and SOCK_CLOEXEC for the new socket.
func (t *Task) Accept4(fd, flags int) (int, error) {
	if flags&^(linux.SOCK_NONBLOCK|linux.SOCK_CLOEXEC) != 0 {
		return -1, linux.EINVAL
	}
	var conn *File
	err := t.withSocket(fd, func(f *File, sf *sockFile) error {
		var err error
		conn, err = t.k.unix().nextConnection(f, sf)
		return err
	})
	if err != nil {
		return -1, err
	}
	if flags&linux.SOCK_NONBLOCK != 0 {
		conn.flags.Store(conn.Flags() | linux.O_NONBLOCK)
	}
	nfd, err := t.fdTable().install(conn, flags&linux.SOCK_CLOEXEC != 0)
	if err != nil {
		conn.DecRef()
	}
	return nfd, err
}

// nextConnection takes the oldest waiting connection of sf.
func (u *unixTable) nextConnection(f *File, sf *sockFile) (*File, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for {
		sf.mu.Lock()
		listening, n := sf.listening, len(sf.pending)
		if n > 0 {
			conn := sf.pending[0]
			sf.pending = sf.pending[1:]
			sf.mu.Unlock()
			return conn, nil
		}
		sf.mu.Unlock()
		switch {
		case !listening:
			return nil, linux.EINVAL
		case f.Flags()&linux.O_NONBLOCK != 0:
			return nil, linux.EAGAIN
		case u.k.interrupted.Load():
			return nil, linux.EINTR
		}
		u.cond.Wait()
	}
}

// unixRelease forgets a closing socket's name and drops the connections
// nobody accepted.
func (k *Kernel) unixRelease(sf *sockFile) {
	u := k.unix()
	u.mu.Lock()
	sf.mu.Lock()
	if sf.bound && u.bound[sf.name] == sf {
		delete(u.bound, sf.name)
	}
	pending := sf.pending
	sf.pending, sf.listening = nil, false
	sf.mu.Unlock()
	u.mu.Unlock()
	for _, c := range pending {
		c.DecRef()
	}
}
