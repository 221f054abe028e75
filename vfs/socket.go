// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Sockets as far as a VFS sees them: AF_UNIX sockets on sockfs, with
// "socket:[N]" links and S_IFSOCK inodes; socketpair(2) here, binding,
// listening, connecting and accepting in socket_unix.go. Other families
// fail EAFNOSUPPORT, as on a kernel built without them; connected
// datagram sockets exist only as pairs.

// sockfs is the filesystem sockets live on (sock_init's kern_mount).
var sockfs = &pseudoFS{
	name:  "sockfs",
	magic: linux.SOCKFS_MAGIC,
	dname: func(d *Dentry) string { return "socket:[" + strconv.FormatUint(d.inode.ino, 10) + "]" },
}

// initSockfs registers sockfs and mounts it for the kernel.
func (k *Kernel) initSockfs() (err error) {
	k.sockMnt, err = k.registerKernMount(sockfs)
	return err
}

// sockBufSize is how many bytes one end may hold unread, as the default
// socket buffer (net.core.wmem_default, 212992) lets a writer queue.
const sockBufSize = 212992

// sockPair is two connected AF_UNIX sockets: one lock and one wait queue
// for both, since every change on one end concerns the other.
type sockPair struct {
	k    *Kernel
	typ  int // SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
	mu   sync.Mutex
	cond *sync.Cond
	ends [2]sockEnd
}

// sockEnd is one socket of a pair: what it has received, and how far it
// was shut down or closed.
type sockEnd struct {
	msgs   [][]byte // received, unread; one a datagram, a run of bytes for a stream
	bytes  int
	shutRD bool
	shutWR bool
	closed bool
}

// sockFile is an AF_UNIX socket: its type and creator, and, once
// connected, its pair and which end it is (unix_sock).
type sockFile struct {
	typ  int
	cred *Cred

	mu        sync.Mutex // guards what follows
	pair      *sockPair
	me        int
	bound     bool
	name      unixName // where it is bound
	listening bool
	pending   []*File // connections waiting for accept
}

// connected returns the pair and end, or nil before connect.
func (sf *sockFile) connected() (*sockPair, int) {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	return sf.pair, sf.me
}

func (s *sockPair) wake() {
	s.mu.Lock()
	s.cond.Broadcast()
	s.mu.Unlock()
}

// Socketpair is socketpair(2) for AF_UNIX: two connected sockets, at
// fds[0] and fds[1]. SOCK_RAW is taken as SOCK_DGRAM, as Linux does.
func (t *Task) Socketpair(domain, typ, protocol int) (fds [2]int, err error) {
	kind, err := socketKind(domain, typ, protocol)
	if err != nil {
		return fds, err
	}
	pair := t.k.newSockPair(kind)
	var files [2]*File
	for i := range files {
		if files[i], err = t.k.newSocketFile(t.Cred(), kind, uint32(typ)&linux.O_NONBLOCK); err != nil {
			if i == 1 {
				files[0].DecRef()
			}
			return fds, err
		}
		files[i].Private.(*sockFile).join(pair, i)
	}
	return t.installPair(files, typ&linux.SOCK_CLOEXEC != 0)
}

// newSockPair makes the shared state of two connected sockets.
func (k *Kernel) newSockPair(typ int) *sockPair {
	pair := &sockPair{k: k, typ: typ}
	pair.cond = sync.NewCond(&pair.mu)
	k.sleepers.add(pair)
	return pair
}

// join makes sf end me of pair.
func (sf *sockFile) join(pair *sockPair, me int) {
	sf.mu.Lock()
	sf.pair, sf.me = pair, me
	sf.mu.Unlock()
}

// newSocketFile is sock_alloc + sock_alloc_file: a sockfs inode owned by
// cred, mode S_IFSOCK|0777, and a file open on it read-write.
func (k *Kernel) newSocketFile(cred *Cred, typ int, flags uint32) (*File, error) {
	m := k.sockMnt
	if !m.tryGet() {
		return nil, linux.ENFILE
	}
	d := newPseudoObject(m.sb, linux.S_IFSOCK|0o777, cred, sockOps{})
	f := newFile(Path{m, d}, linux.O_RDWR|flags, true, true, false)
	f.Private = &sockFile{typ: typ, cred: cred}
	return f, nil
}

// installPair puts two new files at the lowest free descriptors, or
// neither.
func (t *Task) installPair(files [2]*File, cloexec bool) (fds [2]int, err error) {
	ft := t.fdTable()
	if fds[0], err = ft.install(files[0], cloexec); err != nil {
		files[0].DecRef()
		files[1].DecRef()
		return fds, err
	}
	if fds[1], err = ft.install(files[1], cloexec); err != nil {
		if f, rerr := ft.remove(fds[0]); rerr == nil {
			f.DecRef()
		}
		files[1].DecRef()
	}
	return fds, err
}

// sockOps are a socket's file operations (socket_file_ops).
type sockOps struct{}

// Open: a socket cannot be opened by its path (sock_no_open).
func (sockOps) Open(*File, *Task) error { return linux.ENXIO }

func (sockOps) ReadDir(*File) ([]Dirent, error) { return nil, linux.ENOTDIR }

// ReadAt is unix_stream_recvmsg / unix_dgram_recvmsg on an end: a stream
// read takes what is there, up to len(b); a datagram read takes one
// message, the rest of which is lost. No data and nothing more to come
// (the peer closed or shut down writing, or this end reading) is the end
// of file.
func (sockOps) ReadAt(f *File, b []byte, _ int64) (int, error) {
	s, end := f.Private.(*sockFile).connected()
	if s == nil {
		return 0, linux.EINVAL
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	me, peer := &s.ends[end], &s.ends[1-end]
	for len(me.msgs) == 0 {
		if me.shutRD || peer.shutWR || peer.closed || len(b) == 0 {
			return 0, nil
		}
		if f.Flags()&linux.O_NONBLOCK != 0 {
			return 0, linux.EAGAIN
		}
		if err := s.wait(); err != nil {
			return 0, err
		}
	}
	n := s.take(me, b)
	s.cond.Broadcast()
	return n, nil
}

// take moves received data into b: one message, or stream runs until b
// is full.
func (s *sockPair) take(me *sockEnd, b []byte) int {
	if s.typ != linux.SOCK_STREAM {
		m := me.msgs[0]
		me.msgs, me.bytes = me.msgs[1:], me.bytes-len(m)
		return copy(b, m)
	}
	n := 0
	for n < len(b) && len(me.msgs) > 0 {
		c := copy(b[n:], me.msgs[0])
		n += c
		if me.msgs[0] = me.msgs[0][c:]; len(me.msgs[0]) == 0 {
			me.msgs = me.msgs[1:]
		}
	}
	me.bytes -= n
	return n
}

// WriteAt is unix_stream_sendmsg / unix_dgram_sendmsg: EPIPE once this
// end shut down writing or the peer is gone (a datagram peer that closed
// refuses: ECONNREFUSED).
func (sockOps) WriteAt(f *File, b []byte, _ int64) (int, error) {
	s, end := f.Private.(*sockFile).connected()
	if s == nil {
		return 0, linux.ENOTCONN
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	nonblock := f.Flags()&linux.O_NONBLOCK != 0
	if s.typ == linux.SOCK_STREAM {
		return s.sendStream(end, b, nonblock)
	}
	return s.sendMessage(end, b, nonblock)
}

// sendStream queues as much of b as the peer has room for, waiting for
// room until all of it is in (or, non-blocking, returns what went in).
func (s *sockPair) sendStream(me int, b []byte, nonblock bool) (int, error) {
	n := 0
	for n < len(b) {
		if err := s.canSend(me); err != nil {
			return partial(n, err)
		}
		peer := &s.ends[1-me]
		room := sockBufSize - peer.bytes
		if room == 0 {
			if nonblock {
				return partial(n, linux.EAGAIN)
			}
			if err := s.wait(); err != nil {
				return partial(n, err)
			}
			continue
		}
		c := min(room, len(b)-n)
		peer.msgs = append(peer.msgs, append([]byte(nil), b[n:n+c]...))
		peer.bytes += c
		n += c
		s.cond.Broadcast()
	}
	return n, nil
}

// sendMessage queues b as one message, whole: EMSGSIZE if it can never
// fit, else wait for room (EAGAIN when non-blocking).
func (s *sockPair) sendMessage(me int, b []byte, nonblock bool) (int, error) {
	if len(b) > sockBufSize {
		return 0, linux.EMSGSIZE
	}
	for {
		if err := s.canSend(me); err != nil {
			return 0, err
		}
		peer := &s.ends[1-me]
		if sockBufSize-peer.bytes >= len(b) {
			peer.msgs = append(peer.msgs, append([]byte(nil), b...))
			peer.bytes += len(b)
			s.cond.Broadcast()
			return len(b), nil
		}
		if nonblock {
			return 0, linux.EAGAIN
		}
		if err := s.wait(); err != nil {
			return 0, err
		}
	}
}

// canSend is why end me may not send now, if it may not.
func (s *sockPair) canSend(me int) error {
	peer := &s.ends[1-me]
	switch {
	case s.ends[me].shutWR:
		return linux.EPIPE
	case peer.closed && s.typ == linux.SOCK_DGRAM:
		return linux.ECONNREFUSED
	case peer.closed || peer.shutRD:
		return linux.EPIPE
	}
	return nil
}

// wait sleeps until the pair changes, or fails EINTR once the kernel is
// interrupted. s.mu is held.
func (s *sockPair) wait() error {
	if s.k.interrupted.Load() {
		return linux.EINTR
	}
	s.cond.Wait()
	if s.k.interrupted.Load() {
		return linux.EINTR
	}
	return nil
}

// Release is sock_close: the end is gone; the peer sees the end of file
// (and, writing, EPIPE or ECONNREFUSED).
func (sockOps) Release(f *File) {
	sf, ok := f.Private.(*sockFile)
	if !ok {
		return // an open of the socket's path, which failed
	}
	f.Inode().sb.k.unixRelease(sf)
	s, end := sf.connected()
	if s == nil {
		return
	}
	s.mu.Lock()
	s.ends[end] = sockEnd{closed: true}
	both := s.ends[1-end].closed
	s.cond.Broadcast()
	s.mu.Unlock()
	if both {
		s.k.sleepers.remove(s)
	}
}

// Shutdown is shutdown(2): ENOTSOCK for a file that is no socket.
func (t *Task) Shutdown(fd, how int) error {
	return t.withFile(fd, func(f *File) error {
		sf, ok := f.Private.(*sockFile)
		if !ok || f.path {
			return linux.ENOTSOCK
		}
		if how < linux.SHUT_RD || how > linux.SHUT_RDWR {
			return linux.EINVAL
		}
		s, end := sf.connected()
		if s == nil {
			return linux.ENOTCONN
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		me := &s.ends[end]
		me.shutRD = me.shutRD || how != linux.SHUT_WR
		me.shutWR = me.shutWR || how != linux.SHUT_RD
		s.cond.Broadcast()
		return nil
	})
}
