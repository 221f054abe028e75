// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Sockets as far as a VFS sees them: AF_UNIX sockets on sockfs, with
// "socket:[N]" links and S_IFSOCK inodes. This file holds the socket
// itself, its receive queue and the moving of bytes (net/unix/af_unix.c's
// sendmsg and recvmsg halves); socket_unix.go names, binds, listens,
// connects and accepts; socket_msg.go is sendmsg(2) and recvmsg(2) with
// SCM_RIGHTS (net/core/scm.c); socket_gc.go collects sockets that only
// cycles of in-flight descriptors keep (net/unix/garbage.c). Other
// families fail EAFNOSUPPORT, as on a kernel built without them.

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

// sockBufSize is how many bytes one socket may hold unread, as the
// default socket buffer (net.core.wmem_default, 212992) lets a writer
// queue. Linux charges the sender's buffer with each buffer's true size;
// here the receiver's queue counts its bytes.
const sockBufSize = 212992

// A socket's connection state (sk_state: TCP_CLOSE, TCP_LISTEN,
// TCP_ESTABLISHED as af_unix uses them).
const (
	sockUnconnected = iota
	sockListening
	sockConnected
)

// sk_shutdown bits: this socket receives or sends no more.
const (
	rcvShutdown  = 1
	sendShutdown = 2
)

// skb is one buffer of a receive queue (sk_buff with its unix_skb_parms):
// bytes, the files it carries (scm_fp_list), and the socket that sent it,
// whose address recvfrom reports.
type skb struct {
	data   []byte
	rights []*File
	owner  uint32 // the sending user, charged for rights in flight (fpl->user)
	from   *sockFile
	cred   *Cred   // the sender's credentials, for the check of a send's rights
	nofile int     // the sender's RLIMIT_NOFILE, which bounds its rights in flight
	pooled *[]byte // data's array, to go back to skbPool once read
}

// skbChunk is the most one buffer holds; buffers of at least skbPooled
// bytes take their array from skbPool and give it back once read, so a
// stream of large writes does not allocate (and zero) 64 KiB each time.
const (
	skbChunk  = 64 << 10
	skbPooled = 4 << 10
)

var skbPool = sync.Pool{New: func() any { b := make([]byte, skbChunk); return &b }}

// newSkb copies b into a new buffer from sf.
func newSkb(b []byte, rights []*File, owner uint32, from *sockFile) *skb {
	m := &skb{rights: rights, owner: owner, from: from}
	if len(b) >= skbPooled && len(b) <= skbChunk {
		m.pooled = skbPool.Get().(*[]byte)
		m.data = (*m.pooled)[:len(b)]
		copy(m.data, b)
	} else {
		m.data = append([]byte(nil), b...)
	}
	return m
}

// free gives a buffer that was read whole back to the pool.
func (m *skb) free() {
	if m.pooled != nil {
		skbPool.Put(m.pooled)
		m.pooled, m.data = nil, nil
	}
}

// sockFile is an AF_UNIX socket (struct unix_sock and its sock).
type sockFile struct {
	k    *Kernel
	file *File
	typ  int // SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
	cred *Cred
	id   uint64 // orders the taking of two sockets' locks

	// inflight is how many references to file sit in receive queues;
	// written under the unix table's gcMu (socket_gc.go).
	inflight atomic.Int64

	mu   sync.Mutex // unix_state_lock, and the queue lock
	cond *sync.Cond // readers, writers waiting for room, connectors, accept
	// What follows is guarded by mu.
	queue    []*skb // sk_receive_queue
	qbytes   int
	peer     *sockFile // unix_peer
	state    int
	shutdown int
	err      linux.Errno // sk_err: ECONNRESET once the peer went with data unread
	dead     bool        // SOCK_DEAD: released
	embryo   bool        // made by connect, not accepted yet
	addr     string      // what getsockname reports ("" unbound)
	bound    bool        // in the unix table under name
	name     unixName
	bindMnt  *Mount  // the mount of the path bound to, held (u->path)
	backlog  int     // sk_max_ack_backlog
	pending  []*File // a listener's embryos, oldest first
}

var sockIDs atomic.Uint64

// sockOf returns the AF_UNIX socket f is, if it is one.
func sockOf(f *File) *sockFile {
	sf, _ := f.Private.(*sockFile)
	if sf == nil || f.path {
		return nil
	}
	return sf
}

// wake is for Interrupt: a sleeper here looks at the kernel again.
func (sf *sockFile) wake() {
	sf.mu.Lock()
	sf.cond.Broadcast()
	sf.mu.Unlock()
}

// lockTwo takes two sockets' locks in a fixed order
// (unix_state_double_lock); a and b may be the same socket.
func lockTwo(a, b *sockFile) {
	if a == b {
		a.mu.Lock()
		return
	}
	if a.id > b.id {
		a, b = b, a
	}
	a.mu.Lock()
	b.mu.Lock()
}

func unlockTwo(a, b *sockFile) {
	a.mu.Unlock()
	if a != b {
		b.mu.Unlock()
	}
}

// Socketpair is socketpair(2) for AF_UNIX: two connected sockets, at
// fds[0] and fds[1]. SOCK_RAW is taken as SOCK_DGRAM, as Linux does.
func (t *Task) Socketpair(domain, typ, protocol int) (fds [2]int, err error) {
	kind, err := socketKind(domain, typ, protocol)
	if err != nil {
		return fds, err
	}
	var files [2]*File
	for i := range files {
		if files[i], err = t.k.newSocketFile(t.Cred(), kind, uint32(typ)&linux.O_NONBLOCK); err != nil {
			if i == 1 {
				files[0].DecRef()
			}
			return fds, err
		}
	}
	a, b := sockOf(files[0]), sockOf(files[1])
	a.peer, b.peer = b, a
	a.state, b.state = sockConnected, sockConnected
	return t.installPair(files, typ&linux.SOCK_CLOEXEC != 0)
}

// newSocketFile is sock_alloc + unix_create1 + sock_alloc_file: a sockfs
// inode owned by cred, mode S_IFSOCK|0777, a file open on it read-write,
// and the unconnected socket behind it.
func (k *Kernel) newSocketFile(cred *Cred, typ int, flags uint32) (*File, error) {
	m := k.sockMnt
	if !m.tryGet() {
		return nil, linux.ENFILE
	}
	d := newPseudoObject(m.sb, linux.S_IFSOCK|0o777, cred, sockOps{})
	f := newFile(Path{m, d}, linux.O_RDWR|flags, true, true, false)
	sf := &sockFile{k: k, file: f, typ: typ, cred: cred, id: sockIDs.Add(1)}
	sf.cond = sync.NewCond(&sf.mu)
	f.Private = sf
	k.sleepers.add(sf)
	return f, nil
}

// installPair puts two new files at the lowest free descriptors, or
// neither.
func (t *Task) installPair(files [2]*File, cloexec bool) (fds [2]int, err error) {
	ft, limit := t.fdTable(), t.nofile()
	if fds[0], err = ft.installFrom(files[0], 0, cloexec, limit); err != nil {
		files[0].DecRef()
		files[1].DecRef()
		return fds, err
	}
	if fds[1], err = ft.installFrom(files[1], 0, cloexec, limit); err != nil {
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

// ReadAt is read(2) on a socket: recvmsg without flags, and nothing at
// all for an empty buffer (sock_read_iter).
func (sockOps) ReadAt(f *File, b []byte, _ int64) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	r := recvReq{buf: b, nonblock: f.Flags()&linux.O_NONBLOCK != 0}
	err := sockOf(f).recv(&r)
	r.dropRights()
	return r.n, err
}

// WriteAt is write(2) on a socket: sendmsg without an address.
func (sockOps) WriteAt(f *File, b []byte, _ int64) (int, error) {
	return sockOf(f).send(nil, &skb{data: b}, "", f.Flags()&linux.O_NONBLOCK != 0)
}

// Release is sock_close.
func (sockOps) Release(f *File) {
	if sf := sockOf(f); sf != nil {
		sf.release()
	}
}

// canWait is whether a sleep may begin: EINTR once the kernel is
// interrupted. The socket's lock is held.
func (sf *sockFile) canWait() error {
	if sf.k.interrupted.Load() {
		return linux.EINTR
	}
	return nil
}

// sleep waits on sf's queue; sf.mu is held.
func (sf *sockFile) sleep() error {
	if err := sf.canWait(); err != nil {
		return err
	}
	sf.cond.Wait()
	return sf.canWait()
}

// takeErr is sock_error: the pending error, cleared as it is reported.
func (sf *sockFile) takeErr() error {
	if e := sf.err; e != 0 {
		sf.err = 0
		return e
	}
	return nil
}

// enqueue adds b to sf's queue and wakes its readers. sf.mu is held.
func (sf *sockFile) enqueue(b *skb) {
	sf.queue = append(sf.queue, b)
	sf.qbytes += len(b.data)
	sf.cond.Broadcast()
}

// send is the sendmsg half of af_unix for one socket: msg's bytes and
// rights go to the peer (stream, seqpacket) or to the socket named by to
// (datagram). Rights msg still holds when send returns were not sent.
func (sf *sockFile) send(t *Task, msg *skb, to string, nonblock bool) (int, error) {
	msg.from = sf
	if sf.typ == linux.SOCK_STREAM {
		return sf.sendStream(msg, to, nonblock)
	}
	if sf.typ == linux.SOCK_SEQPACKET {
		sf.mu.Lock()
		connected := sf.state == sockConnected
		sf.mu.Unlock()
		if !connected {
			return 0, linux.ENOTCONN
		}
		to = "" // unix_seqpacket_sendmsg ignores an address
	}
	return sf.sendDgram(t, msg, to, nonblock)
}

// sendStream is unix_stream_sendmsg: as many bytes as the peer has room
// for, waiting for room until all are in (non-blocking: what went in).
// The rights go with the first byte; with no bytes nothing is sent.
func (sf *sockFile) sendStream(msg *skb, to string, nonblock bool) (int, error) {
	sf.mu.Lock()
	peer, state, shut := sf.peer, sf.state, sf.shutdown
	sf.mu.Unlock()
	switch {
	case to != "" && state == sockConnected:
		return 0, linux.EISCONN
	case to != "":
		return 0, linux.EOPNOTSUPP
	case peer == nil:
		return 0, linux.ENOTCONN
	case shut&sendShutdown != 0:
		return 0, linux.EPIPE
	}
	if len(msg.data) > 0 {
		if err := sf.k.unix().attachRights(msg); err != nil {
			return 0, err
		}
	}
	peer.mu.Lock()
	defer peer.mu.Unlock()
	b, n := msg.data, 0
	for n < len(b) {
		if peer.dead || peer.shutdown&rcvShutdown != 0 {
			return partial(n, linux.EPIPE)
		}
		room := sockBufSize - peer.qbytes
		if room <= 0 {
			if nonblock {
				return partial(n, linux.EAGAIN)
			}
			if err := peer.sleep(); err != nil {
				return partial(n, err)
			}
			continue
		}
		c := min(room, len(b)-n, skbChunk)
		peer.enqueue(newSkb(b[n:n+c], msg.rights, msg.owner, sf))
		msg.rights = nil
		n += c
	}
	return n, nil
}

// sendDgram is unix_dgram_sendmsg: one message, whole, to the peer or to
// the socket named by to. A receiver that is not connected back to the
// sender takes at most max_dgram_qlen+1 messages; one whose peer died
// fails the first send ECONNREFUSED and is forgotten.
func (sf *sockFile) sendDgram(t *Task, msg *skb, to string, nonblock bool) (int, error) {
	if to != "" {
		if err := checkUnixAddr(to); err != nil {
			return 0, err
		}
	} else {
		sf.mu.Lock()
		peer := sf.peer
		sf.mu.Unlock()
		if peer == nil {
			return 0, linux.ENOTCONN
		}
	}
	if len(msg.data) > sockBufSize-32 {
		return 0, linux.EMSGSIZE
	}
	sf.mu.Lock()
	err := sf.takeErr()
	if err == nil && sf.shutdown&sendShutdown != 0 {
		err = linux.EPIPE
	}
	sf.mu.Unlock()
	if err == nil {
		err = sf.k.unix().attachRights(msg)
	}
	if err != nil {
		return 0, err
	}
	for {
		other, err := sf.receiver(t, to)
		if err != nil {
			return 0, err
		}
		done, err := sf.deliver(other, msg, nonblock)
		if err != nil {
			return 0, err
		}
		if done {
			return len(msg.data), nil
		}
	}
}

// receiver is where a datagram goes: the socket named by to, or the peer.
func (sf *sockFile) receiver(t *Task, to string) (*sockFile, error) {
	if to != "" {
		return t.findUnix(to, sf.typ)
	}
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if sf.peer == nil {
		return nil, linux.ENOTCONN
	}
	return sf.peer, nil
}

// deliver queues msg on other, waiting for room; done false means other
// died and the send starts again.
func (sf *sockFile) deliver(other *sockFile, msg *skb, nonblock bool) (done bool, err error) {
	other.mu.Lock()
	for {
		if other.peer != nil && other.peer != sf { // unix_may_send
			other.mu.Unlock()
			return false, linux.EPERM
		}
		if other.dead {
			other.mu.Unlock()
			return false, sf.peerDied(other)
		}
		if other.shutdown&rcvShutdown != 0 {
			other.mu.Unlock()
			return false, linux.EPIPE
		}
		full := other.qbytes+len(msg.data) > sockBufSize ||
			other != sf && other.peer != sf && len(other.queue) > linux.UNIX_MAX_DGRAM_QLEN
		if !full {
			break
		}
		if nonblock {
			other.mu.Unlock()
			return false, linux.EAGAIN
		}
		if err := other.sleep(); err != nil {
			other.mu.Unlock()
			return false, err
		}
	}
	other.enqueue(newSkb(msg.data, msg.rights, msg.owner, sf))
	msg.rights = nil
	other.mu.Unlock()
	return true, nil
}

// peerDied handles a send to a released socket: a seqpacket socket
// fails EPIPE; the peer of a datagram socket is dropped (ECONNREFUSED);
// a named receiver is looked up again (nil).
func (sf *sockFile) peerDied(other *sockFile) error {
	if sf.typ == linux.SOCK_SEQPACKET {
		return linux.EPIPE
	}
	sf.mu.Lock()
	if sf.peer != other {
		sf.mu.Unlock()
		return nil
	}
	sf.peer, sf.state = nil, sockUnconnected
	sf.mu.Unlock()
	sf.dgramDisconnected(other)
	return linux.ECONNREFUSED
}

// recvReq is one receive: the caller's buffer and flags in, what came
// out.
type recvReq struct {
	buf      []byte
	peek     bool
	waitAll  bool
	trunc    bool // MSG_TRUNC asked: return a datagram's real length
	nonblock bool

	n      int
	rights []*File   // received, owned by the request
	owner  uint32    // who was charged for them
	from   *sockFile // the sender
	flags  int       // MSG_TRUNC
}

// dropRights lets go of received rights nobody took (a read(2), or
// more than the receiver had room for).
func (r *recvReq) dropRights() {
	putFiles(r.rights)
	r.rights = nil
}

// recv is the recvmsg half of af_unix for one socket. Rights taken off
// the queue are out of flight once the queue's lock is dropped
// (unix_detach_fds); a peek's are new references, never in flight.
func (sf *sockFile) recv(r *recvReq) error {
	var err error
	if sf.typ == linux.SOCK_STREAM {
		err = sf.recvStream(r)
	} else {
		err = sf.recvDgram(r)
	}
	if !r.peek {
		sf.k.unix().detach(r.rights, r.owner)
	}
	return err
}

// recvDgram is unix_dgram_recvmsg: one message, the rest of which is
// lost (MSG_TRUNC). A pending error comes first; a socket shut down for
// reading gives 0 once empty (a non-blocking datagram socket EAGAIN).
func (sf *sockFile) recvDgram(r *recvReq) error {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if sf.typ == linux.SOCK_SEQPACKET && sf.state != sockConnected {
		return linux.ENOTCONN // unix_seqpacket_recvmsg
	}
	for len(sf.queue) == 0 {
		if err := sf.takeErr(); err != nil {
			return err
		}
		if sf.shutdown&rcvShutdown != 0 && (!r.nonblock || sf.typ == linux.SOCK_SEQPACKET) {
			return nil
		}
		if r.nonblock {
			return linux.EAGAIN
		}
		if err := sf.sleep(); err != nil {
			return err
		}
	}
	if err := sf.takeErr(); err != nil {
		return err
	}
	m := sf.queue[0]
	r.n = copy(r.buf, m.data)
	r.from = m.from
	if len(m.data) > len(r.buf) {
		r.flags |= linux.MSG_TRUNC
		if r.trunc {
			r.n = len(m.data)
		}
	}
	if r.peek {
		r.rights = dupRights(m.rights)
		return nil
	}
	r.rights, r.owner, m.rights = m.rights, m.owner, nil
	sf.queue = sf.queue[1:]
	sf.qbytes -= len(m.data)
	m.free()
	sf.cond.Broadcast()
	return nil
}

// recvStream is unix_stream_read_generic: bytes up to the buffer's size
// (with MSG_WAITALL, all of it) across buffers, but never past a buffer
// that carried rights, so the rights come with the bytes they were sent
// with; reading any of a buffer's bytes takes its rights.
func (sf *sockFile) recvStream(r *recvReq) error {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if sf.state != sockConnected {
		return linux.EINVAL
	}
	target := 1
	if r.waitAll {
		target = len(r.buf)
	}
	i, skip := 0, 0 // where a peek has got to
	for {
		if i == len(sf.queue) {
			if r.n >= target {
				return nil
			}
			if err := sf.takeErr(); err != nil {
				return nonzero(r.n, err)
			}
			if sf.shutdown&rcvShutdown != 0 {
				return nil
			}
			if r.nonblock {
				return nonzero(r.n, linux.EAGAIN)
			}
			if err := sf.sleep(); err != nil {
				return nonzero(r.n, err)
			}
			continue
		}
		m := sf.queue[i]
		if r.from == nil {
			r.from = m.from
		}
		c := copy(r.buf[r.n:], m.data[skip:])
		r.n += c
		if r.peek {
			if m.rights != nil {
				r.rights = dupRights(m.rights)
				return nil
			}
			if skip += c; skip == len(m.data) {
				i, skip = i+1, 0
			}
		} else {
			stop := sf.consume(m, c, r)
			if stop {
				return nil
			}
		}
		if r.n == len(r.buf) {
			return nil
		}
	}
}

// consume takes c bytes of the head buffer m for r, and its rights;
// true when the read must stop there (m was not used up, or it carried
// rights). sf.mu is held.
func (sf *sockFile) consume(m *skb, c int, r *recvReq) bool {
	m.data = m.data[c:]
	sf.qbytes -= c
	sf.cond.Broadcast()
	got := m.rights != nil
	if got {
		r.rights, r.owner, m.rights = m.rights, m.owner, nil
	}
	if len(m.data) > 0 {
		return true
	}
	sf.queue = sf.queue[1:]
	m.free()
	return got
}

// nonzero is a read's result: the bytes read, if any, else the error.
func nonzero(n int, err error) error {
	if n > 0 {
		return nil
	}
	return err
}

// release is unix_release_sock: the socket is gone. Its name is freed, a
// connected peer sees the end (and ECONNRESET if this end went with data
// unread), connections never accepted are dropped, and the files in
// flight to it are let go.
func (sf *sockFile) release() {
	sf.mu.Lock()
	sf.dead = true
	queue, pending, peer := sf.queue, sf.pending, sf.peer
	unread := len(queue) > 0 || sf.embryo
	sf.queue, sf.qbytes, sf.pending, sf.peer = nil, 0, nil, nil
	sf.state = sockUnconnected
	sf.cond.Broadcast()
	sf.mu.Unlock()
	sf.k.unix().unbind(sf)
	if peer != nil && sf.typ != linux.SOCK_DGRAM {
		peer.mu.Lock()
		peer.shutdown = rcvShutdown | sendShutdown
		if unread {
			peer.err = linux.ECONNRESET
		}
		peer.cond.Broadcast()
		peer.mu.Unlock()
	}
	sf.k.sleepers.remove(sf)
	sf.k.unix().purge(queue)
	for _, e := range pending {
		e.DecRef()
	}
}

// dgramDisconnected is unix_dgram_disconnected: a datagram socket that
// left its peer drops what it had received, and a peer connected back
// learns of it (ECONNRESET) if anything was dropped.
func (sf *sockFile) dgramDisconnected(old *sockFile) {
	sf.mu.Lock()
	queue := sf.queue
	sf.queue, sf.qbytes = nil, 0
	sf.cond.Broadcast()
	sf.mu.Unlock()
	if len(queue) == 0 {
		return
	}
	old.mu.Lock()
	if !old.dead && old.peer == sf {
		old.err = linux.ECONNRESET
	}
	old.mu.Unlock()
	sf.k.unix().purge(queue)
}

// Shutdown is shutdown(2). For a stream or seqpacket socket the peer
// learns the mirror image: shutting down writing here ends its reading.
func (t *Task) Shutdown(fd, how int) error {
	return t.withSocket(fd, func(_ *File, sf *sockFile) error {
		if how < linux.SHUT_RD || how > linux.SHUT_RDWR {
			return linux.EINVAL
		}
		mode := 0
		if how != linux.SHUT_WR {
			mode |= rcvShutdown
		}
		if how != linux.SHUT_RD {
			mode |= sendShutdown
		}
		sf.mu.Lock()
		sf.shutdown |= mode
		peer := sf.peer
		sf.cond.Broadcast()
		sf.mu.Unlock()
		if peer == nil || sf.typ == linux.SOCK_DGRAM {
			return nil
		}
		mirror := 0
		if mode&rcvShutdown != 0 {
			mirror |= sendShutdown
		}
		if mode&sendShutdown != 0 {
			mirror |= rcvShutdown
		}
		peer.mu.Lock()
		peer.shutdown |= mirror
		peer.cond.Broadcast()
		peer.mu.Unlock()
		return nil
	})
}
