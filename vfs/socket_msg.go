// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// sendmsg(2) and recvmsg(2) on AF_UNIX sockets, with descriptors passed
// as SCM_RIGHTS control messages (net/core/scm.c: __scm_send,
// scm_fp_copy, scm_detach_fds; net/unix/af_unix.c: unix_attach_fds,
// unix_detach_fds, unix_peek_fds). A file in flight is held by the
// buffer that carries it, so it keeps its mount busy until it is
// received or the buffer is dropped.

// Msghdr is struct msghdr with its control messages as Go values.
type Msghdr struct {
	// Name is msg_name: where a datagram goes (Sendmsg), or who sent what
	// was received (Recvmsg; "" for an unbound sender).
	Name string
	// Data is msg_iov as one buffer: the bytes to send, or the room to
	// receive into.
	Data []byte
	// Rights is an SCM_RIGHTS message: descriptors to pass (Sendmsg), or
	// the new descriptors of the files received (Recvmsg).
	Rights []int
	// MaxRights is how many descriptors the receiver's control buffer has
	// room for (msg_controllen less the cmsghdr, in ints); files beyond
	// it are closed and MSG_CTRUNC is set.
	MaxRights int
	// Flags is msg_flags as Recvmsg returns it: MSG_TRUNC, MSG_CTRUNC,
	// MSG_CMSG_CLOEXEC.
	Flags int
}

// sendFlags and recvFlags are the flags modelled; others are ignored,
// as most are by AF_UNIX.
const (
	sendFlags = linux.MSG_DONTWAIT | linux.MSG_NOSIGNAL | linux.MSG_EOR
	recvFlags = linux.MSG_DONTWAIT | linux.MSG_PEEK | linux.MSG_TRUNC | linux.MSG_WAITALL | linux.MSG_CMSG_CLOEXEC
)

// Sendmsg is sendmsg(2): m.Data, with the files of m.Rights, to the peer
// or to m.Name. More than SCM_MAX_FD rights fail EINVAL, a right that is
// no open descriptor EBADF (scm_fp_copy, before anything else), MSG_OOB
// EOPNOTSUPP. A stream socket sends the rights with its first byte, and
// nothing at all for no bytes.
func (t *Task) Sendmsg(fd int, m *Msghdr, flags int) (n int, err error) {
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withSocket(fd, func(f *File, sf *sockFile) error {
		files, err := t.fileRights(m.Rights)
		if err != nil {
			return err
		}
		if flags&linux.MSG_OOB != 0 {
			putFiles(files)
			return linux.EOPNOTSUPP
		}
		msg := &skb{data: m.Data, rights: files, cred: t.Cred(), nofile: t.nofile()}
		nonblock := flags&linux.MSG_DONTWAIT != 0 || f.Flags()&linux.O_NONBLOCK != 0
		n, err = sf.send(t, msg, m.Name, nonblock)
		sf.k.unix().unsent(msg)
		return err
	})
	if err == linux.EPIPE && flags&linux.MSG_NOSIGNAL == 0 {
		t.sigpipe()
	}
	return n, err
}

// fileRights is scm_fp_copy: the files behind fds, each with a
// reference (O_PATH files too).
func (t *Task) fileRights(fds []int) ([]*File, error) {
	if len(fds) == 0 {
		return nil, nil
	}
	if len(fds) > linux.SCM_MAX_FD {
		return nil, linux.EINVAL
	}
	files := make([]*File, 0, len(fds))
	for _, fd := range fds {
		f, err := t.fdTable().get(fd)
		if err != nil {
			putFiles(files)
			return nil, linux.EBADF
		}
		files = append(files, f)
	}
	return files, nil
}

// Sendto is sendto(2): data to addr ("" for the peer).
func (t *Task) Sendto(fd int, data []byte, flags int, addr string) (int, error) {
	return t.Sendmsg(fd, &Msghdr{Name: addr, Data: data}, flags)
}

// Recvmsg is recvmsg(2): into m.Data; m.Name, m.Rights and m.Flags are
// set. Rights are installed as new descriptors, close-on-exec with
// MSG_CMSG_CLOEXEC, as many as m.MaxRights allows (MSG_CTRUNC for the
// rest, which are closed). MSG_PEEK leaves the bytes queued but still
// installs new descriptors for the rights, as Linux does.
func (t *Task) Recvmsg(fd int, m *Msghdr, flags int) (n int, err error) {
	if t.fatalSignalPending() {
		return 0, linux.EINTR
	}
	err = t.withSocket(fd, func(f *File, sf *sockFile) error {
		r := recvReq{
			buf:      m.Data,
			peek:     flags&linux.MSG_PEEK != 0,
			waitAll:  flags&linux.MSG_WAITALL != 0,
			trunc:    flags&linux.MSG_TRUNC != 0,
			nonblock: flags&linux.MSG_DONTWAIT != 0 || f.Flags()&linux.O_NONBLOCK != 0,
		}
		if err := sf.recv(&r); err != nil {
			return err
		}
		n = r.n
		m.Name, m.Flags = "", r.flags|flags&linux.MSG_CMSG_CLOEXEC
		if r.from != nil {
			m.Name = r.from.address()
		}
		m.Rights = t.installRights(&r, m, flags&linux.MSG_CMSG_CLOEXEC != 0)
		return nil
	})
	return n, err
}

// installRights is scm_detach_fds: the received files at new
// descriptors, up to the room the receiver gave; installing stops at
// the first failure (EMFILE). Whatever is not installed is closed, and
// MSG_CTRUNC tells the receiver.
func (t *Task) installRights(r *recvReq, m *Msghdr, cloexec bool) []int {
	var fds []int
	for i, f := range r.rights {
		if i >= m.MaxRights {
			break
		}
		fd, err := t.installFd(f, cloexec)
		if err != nil {
			break
		}
		r.rights[i] = nil
		fds = append(fds, fd)
	}
	if len(fds) < len(r.rights) {
		m.Flags |= linux.MSG_CTRUNC
	}
	r.dropRights()
	return fds
}

// Recvfrom is recvfrom(2): what was received into buf, and the sender's
// address. Rights that came with it are closed (MSG_CTRUNC).
func (t *Task) Recvfrom(fd int, buf []byte, flags int) (n int, from string, err error) {
	m := Msghdr{Data: buf}
	n, err = t.Recvmsg(fd, &m, flags)
	return n, m.Name, err
}

// dupRights is scm_fp_dup, for a peek: another reference to each file.
func dupRights(files []*File) []*File {
	if files == nil {
		return nil
	}
	out := make([]*File, len(files))
	for i, f := range files {
		f.IncRef()
		out[i] = f
	}
	return out
}

// putFiles drops references to files (fput of each; nil entries were
// installed).
func putFiles(files []*File) {
	for _, f := range files {
		if f != nil {
			f.DecRef()
		}
	}
}
