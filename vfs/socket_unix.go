// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// AF_UNIX addresses and connections (net/unix/af_unix.c as far as names
// go). An address is a string: a path, where bind makes an S_IFSOCK inode
// through the VFS; an abstract name, starting with a NUL byte, in a
// kernel-wide table kept apart per socket type, as Linux hashes abstract
// names with the type; or "" for no address (bind then picks an abstract
// name itself: autobind). A stream or seqpacket socket that listens takes
// connections, each a new socket (an embryo) paired with the connecting
// one until accept hands it out; a datagram socket connects by naming its
// default receiver.

// unixName is where a socket is bound: an inode, or an abstract name of
// one socket type.
type unixName struct {
	in       *Inode
	abstract string
	typ      int
}

// unixTable is the kernel's bound AF_UNIX sockets (unix_socket_table)
// and the garbage collector's books (socket_gc.go).
type unixTable struct {
	k      *Kernel
	mu     sync.Mutex
	bound  map[unixName]*sockFile
	nextID int // autobind's names

	gcMu         sync.Mutex // unix_gc_lock: taken before any socket's lock
	inflight     map[*sockFile]int
	userInflight map[uint32]int // files in flight per sending user (user->unix_inflight)
}

// unix returns the kernel's table, made on first use.
func (k *Kernel) unix() *unixTable {
	k.unixOnce.Do(func() {
		k.unixSocks = &unixTable{k: k, bound: map[unixName]*sockFile{},
			inflight: map[*sockFile]int{}, userInflight: map[uint32]int{}}
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
	fd, err := t.installFd(f, typ&linux.SOCK_CLOEXEC != 0)
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
		sf := sockOf(f)
		switch {
		case f.path:
			return linux.EBADF // sockfd_lookup: fdget skips O_PATH files
		case sf == nil:
			return linux.ENOTSOCK
		}
		return fn(f, sf)
	})
}

// unixPathMax is sizeof(sun_path): a path may fill it without a NUL.
const unixPathMax = 108

// checkUnixAddr is unix_validate_addr for a given address.
func checkUnixAddr(addr string) error {
	if addr == "" || len(addr) > unixPathMax {
		return linux.EINVAL
	}
	return nil
}

// pathName is a path address as unix_mkname_bsd reads it: up to its
// first NUL.
func pathName(addr string) string {
	if i := strings.IndexByte(addr, 0); i >= 0 {
		return addr[:i]
	}
	return addr
}

// Bind is bind(2) for AF_UNIX (unix_bind): a path becomes a socket inode
// with mode 0777 less the umask (EADDRINUSE if the name exists, the
// VFS's errors else), an abstract name is taken if no socket of this
// type has it, and "" picks an abstract name (unix_autobind, which
// succeeds on a socket already bound). A socket binds once (EINVAL).
func (t *Task) Bind(fd int, addr string) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		switch {
		case addr == "":
			return t.k.unix().autobind(sf)
		case len(addr) > unixPathMax:
			return linux.EINVAL
		case addr[0] == 0:
			return t.k.unix().bindAbstract(sf, addr)
		}
		return t.bindPath(sf, addr)
	})
}

// autobind is unix_autobind: a name of five hex digits after the NUL.
func (u *unixTable) autobind(sf *sockFile) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if sf.addr != "" {
		return nil
	}
	for {
		u.nextID = (u.nextID + 1) & 0xfffff
		name := unixName{abstract: fmt.Sprintf("\x00%05x", u.nextID), typ: sf.typ}
		if u.bound[name] == nil {
			u.bindLocked(sf, name, name.abstract)
			return nil
		}
	}
}

// bindLocked enters sf in the table; u.mu and sf.mu are held.
func (u *unixTable) bindLocked(sf *sockFile, name unixName, addr string) {
	sf.bound, sf.name, sf.addr = true, name, addr
	u.bound[name] = sf
}

// bindAbstract is unix_bind_abstract.
func (u *unixTable) bindAbstract(sf *sockFile, addr string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if sf.addr != "" {
		return linux.EINVAL
	}
	name := unixName{abstract: addr, typ: sf.typ}
	if u.bound[name] != nil {
		return linux.EADDRINUSE
	}
	u.bindLocked(sf, name, addr)
	return nil
}

// bindPath is unix_bind_bsd: the inode is made first, so a name that
// exists fails EADDRINUSE even on a bound socket, which then fails
// EINVAL and takes the new inode away again. The socket holds the
// mount it is bound on (u->path): that mount is busy while it lives.
func (t *Task) bindPath(sf *sockFile, addr string) error {
	path := pathName(addr)
	err := t.Mknodat(linux.AT_FDCWD, path, linux.S_IFSOCK|0o777, 0)
	if err == linux.EEXIST {
		return linux.EADDRINUSE
	}
	if err != nil {
		return err
	}
	var p Path
	err = retryGone(func() error {
		var err error
		if p, err = t.pathLookupat(linux.AT_FDCWD, path, 0); err != nil {
			return err
		}
		if !p.Mnt.tryGet() {
			return errMountGone
		}
		return nil
	})
	if err != nil {
		return err
	}
	u := t.k.unix()
	u.mu.Lock()
	sf.mu.Lock()
	if sf.addr != "" {
		sf.mu.Unlock()
		u.mu.Unlock()
		p.Mnt.mntput()
		t.Unlinkat(linux.AT_FDCWD, path, 0)
		return linux.EINVAL
	}
	sf.bindMnt = p.Mnt
	u.bindLocked(sf, unixName{in: p.Dentry.Inode()}, path)
	sf.mu.Unlock()
	u.mu.Unlock()
	return nil
}

// unbind forgets a released socket's name and lets go of its mount.
func (u *unixTable) unbind(sf *sockFile) {
	u.mu.Lock()
	sf.mu.Lock()
	if sf.bound && u.bound[sf.name] == sf {
		delete(u.bound, sf.name)
	}
	m := sf.bindMnt
	sf.bound, sf.bindMnt = false, nil
	sf.mu.Unlock()
	u.mu.Unlock()
	if m != nil {
		m.mntput()
	}
}

// findUnix is unix_find_other: the live socket of type typ bound to
// addr. A path needs write permission on its inode, and a socket of
// another type there fails EPROTOTYPE; an abstract name nobody of this
// type holds, like a path with no socket bound, fails ECONNREFUSED.
func (t *Task) findUnix(addr string, typ int) (*sockFile, error) {
	if err := checkUnixAddr(addr); err != nil {
		return nil, err
	}
	u := t.k.unix()
	if addr[0] == 0 {
		u.mu.Lock()
		sf := u.bound[unixName{abstract: addr, typ: typ}]
		u.mu.Unlock()
		if sf == nil {
			return nil, linux.ECONNREFUSED
		}
		return sf, nil
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, pathName(addr), lookupFollow)
	if err != nil {
		return nil, err
	}
	in := p.Dentry.Inode()
	if err := inodePermission(t.Cred(), p.Mnt.idmap(), in, MAY_WRITE); err != nil {
		return nil, err
	}
	if in.Mode()&linux.S_IFMT != linux.S_IFSOCK {
		return nil, linux.ECONNREFUSED
	}
	u.mu.Lock()
	sf := u.bound[unixName{in: in}]
	u.mu.Unlock()
	switch {
	case sf == nil:
		return nil, linux.ECONNREFUSED
	case sf.typ != typ:
		return nil, linux.EPROTOTYPE
	}
	return sf, nil
}

// Listen is listen(2) (unix_listen): a bound stream or seqpacket socket
// that is not connected takes connections from now on, backlog+1 of
// them waiting at most; a backlog past somaxconn, or negative, is
// somaxconn. Raising the backlog wakes connectors waiting for room.
func (t *Task) Listen(fd, backlog int) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		if sf.typ == linux.SOCK_DGRAM {
			return linux.EOPNOTSUPP
		}
		if uint(backlog) > linux.SOMAXCONN {
			backlog = linux.SOMAXCONN
		}
		sf.mu.Lock()
		defer sf.mu.Unlock()
		if sf.addr == "" || sf.state == sockConnected {
			return linux.EINVAL
		}
		if backlog > sf.backlog {
			sf.cond.Broadcast()
		}
		sf.state, sf.backlog = sockListening, backlog
		return nil
	})
}

// Connect is connect(2). A stream or seqpacket socket connects to a
// listening one of its type (unix_stream_connect), waiting while the
// listener's backlog is full (EAGAIN when non-blocking); a datagram
// socket takes the named socket as its default receiver
// (unix_dgram_connect).
func (t *Task) Connect(fd int, addr string) error {
	return t.withSocket(fd, func(f *File, sf *sockFile) error {
		if sf.typ == linux.SOCK_DGRAM {
			other, err := t.findUnix(addr, sf.typ)
			if err != nil {
				return err
			}
			return sf.connectDgram(t, addr, other)
		}
		return sf.connectStream(t, addr, f.Flags()&linux.O_NONBLOCK != 0)
	})
}

// ConnectUnspec is connect(2) with an AF_UNSPEC address: a datagram
// socket forgets its receiver; other types fail EINVAL.
func (t *Task) ConnectUnspec(fd int) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		if sf.typ != linux.SOCK_DGRAM {
			return linux.EINVAL
		}
		return sf.connectDgram(t, "", nil)
	})
}

// connectDgram sets sf's receiver to other (nil: none). A receiver
// connected to a third socket refuses (EPERM); a receiver that died
// meanwhile is looked up again. Leaving a peer drops what was received.
func (sf *sockFile) connectDgram(t *Task, addr string, other *sockFile) error {
	for {
		target := other
		if target == nil {
			target = sf
		}
		lockTwo(sf, target)
		if other != nil && other.dead {
			unlockTwo(sf, target)
			var err error
			if other, err = t.findUnix(addr, sf.typ); err != nil {
				return err
			}
			continue
		}
		if other != nil && other.peer != nil && other.peer != sf {
			unlockTwo(sf, target)
			return linux.EPERM
		}
		old := sf.peer
		sf.peer, sf.state = other, sockUnconnected
		if other != nil {
			sf.state = sockConnected
		}
		unlockTwo(sf, target)
		if old != nil && old != other {
			sf.dgramDisconnected(old)
		}
		return nil
	}
}

// connectStream is unix_stream_connect.
func (sf *sockFile) connectStream(t *Task, addr string, nonblock bool) error {
	for {
		if err := sf.connectable(); err != nil {
			return err
		}
		l, err := t.findUnix(addr, sf.typ)
		if err != nil {
			return err
		}
		done, err := sf.joinListener(l, nonblock)
		if done || err != nil {
			return err
		}
	}
}

// connectable is why sf may not connect, if it may not.
func (sf *sockFile) connectable() error {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	switch sf.state {
	case sockConnected:
		return linux.EISCONN
	case sockListening:
		return linux.EINVAL
	}
	return nil
}

// joinListener queues a new embryo paired with sf on l. done false: l
// died or its backlog had room again after a wait; look again.
func (sf *sockFile) joinListener(l *sockFile, nonblock bool) (done bool, err error) {
	lockTwo(sf, l)
	if l.dead {
		unlockTwo(sf, l)
		return false, nil
	}
	if l.state != sockListening || l.shutdown&rcvShutdown != 0 {
		unlockTwo(sf, l)
		return false, linux.ECONNREFUSED
	}
	if sf.state != sockUnconnected {
		unlockTwo(sf, l)
		return false, linux.EISCONN
	}
	if len(l.pending) > l.backlog {
		sf.mu.Unlock()
		if l == sf {
			l.mu.Lock()
		}
		defer l.mu.Unlock()
		if nonblock {
			return false, linux.EAGAIN
		}
		return false, l.sleep()
	}
	ef, err := sf.k.newSocketFile(l.cred, sf.typ, 0) // owned by the acceptor, later
	if err != nil {
		unlockTwo(sf, l)
		return false, err
	}
	e := sockOf(ef)
	e.peer, e.state, e.embryo, e.addr = sf, sockConnected, true, l.addr
	sf.peer, sf.state = e, sockConnected
	l.pending = append(l.pending, ef)
	l.cond.Broadcast()
	unlockTwo(sf, l)
	return true, nil
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
		if sf.typ == linux.SOCK_DGRAM {
			return linux.EOPNOTSUPP
		}
		var err error
		conn, err = sf.nextConnection(f.Flags()&linux.O_NONBLOCK != 0)
		return err
	})
	if err != nil {
		return -1, err
	}
	if flags&linux.SOCK_NONBLOCK != 0 {
		conn.flags.Store(conn.Flags() | linux.O_NONBLOCK)
	}
	// do_accept's sock_alloc: the new socket's inode belongs to the
	// task that accepts it.
	c := t.Cred()
	conn.Inode().uid.Store(c.FSUID)
	conn.Inode().gid.Store(c.FSGID)
	nfd, err := t.installFd(conn, flags&linux.SOCK_CLOEXEC != 0)
	if err != nil {
		conn.DecRef()
	}
	return nfd, err
}

// nextConnection takes sf's oldest embryo, and wakes a connector waiting
// for room in the backlog.
func (sf *sockFile) nextConnection(nonblock bool) (*File, error) {
	sf.mu.Lock()
	for len(sf.pending) == 0 {
		var err error
		switch {
		case sf.state != sockListening:
			err = linux.EINVAL
		case nonblock:
			err = linux.EAGAIN
		default:
			err = sf.sleep()
		}
		if err != nil {
			sf.mu.Unlock()
			return nil, err
		}
	}
	conn := sf.pending[0]
	sf.pending = sf.pending[1:]
	sf.cond.Broadcast()
	sf.mu.Unlock()
	e := sockOf(conn)
	e.mu.Lock()
	e.embryo = false
	e.mu.Unlock()
	return conn, nil
}

// Getsockname is getsockname(2): the address sf is bound to ("" if
// none; an accepted socket has its listener's).
func (t *Task) Getsockname(fd int) (addr string, err error) {
	err = t.withSocket(fd, func(_ *File, sf *sockFile) error {
		sf.mu.Lock()
		addr = sf.addr
		sf.mu.Unlock()
		return nil
	})
	return addr, err
}

// Getpeername is getpeername(2): the peer's address, ENOTCONN without a
// peer.
func (t *Task) Getpeername(fd int) (addr string, err error) {
	err = t.withSocket(fd, func(_ *File, sf *sockFile) error {
		sf.mu.Lock()
		peer := sf.peer
		sf.mu.Unlock()
		if peer == nil {
			return linux.ENOTCONN
		}
		addr = peer.address()
		return nil
	})
	return addr, err
}

// address is what sf is known by.
func (sf *sockFile) address() string {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	return sf.addr
}
