// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The mq_* system calls of ipc/mqueue.c, as far as they touch descriptors
// and names. The queues themselves (messages, sleepers, notification) are
// fs/mqueue's: the core sees a queue through MessageQueue, found as the
// file operations of a queue file, and makes one through QueueMaker.

// MqAttr is struct mq_attr.
type MqAttr struct {
	Flags   int64 // mq_flags: O_NONBLOCK or 0
	Maxmsg  int64 // mq_maxmsg: messages the queue holds at most
	Msgsize int64 // mq_msgsize: the largest message
	Curmsgs int64 // mq_curmsgs: messages now queued
}

// Sigevent is what mq_notify reads of a struct sigevent.
type Sigevent struct {
	Notify int32 // sigev_notify: SIGEV_NONE, SIGEV_SIGNAL or SIGEV_THREAD
	// Signo is sigev_signo: the signal, or for SIGEV_THREAD the
	// descriptor of the netlink socket to be told.
	Signo int32
	Value uint64 // sigev_value
}

// MessageQueue is what the mq_* calls need of a queue file's operations
// (mqueue_file_operations, with the mqueue_inode_info behind them). The
// core has checked the descriptor and, for Send and Receive, the file's
// access mode.
type MessageQueue interface {
	FileOperations
	// Send is the rest of do_mq_timedsend: EMSGSIZE for a message longer
	// than mq_msgsize, then queue it, or wait for room (EAGAIN if f is
	// non-blocking, ETIMEDOUT past deadline, EINTR).
	Send(t *Task, f *File, msg []byte, prio uint32, deadline *Timespec) error
	// Receive is the rest of do_mq_timedreceive: EMSGSIZE for a buffer
	// shorter than mq_msgsize, then take the oldest message of the
	// highest priority, or wait for one; its length and priority.
	Receive(t *Task, f *File, buf []byte, deadline *Timespec) (int, uint32, error)
	// Attr is the queue's mq_attr, mq_flags left 0.
	Attr() MqAttr
	// Notify registers t (ev non-nil; EBUSY if anyone is registered) or
	// removes t's registration (ev nil; anyone else's stays).
	Notify(t *Task, ev *Sigevent) error
}

// QueueMaker is implemented by the inode operations of mqueue's root:
// a new queue with attr's limits, or the namespace's defaults when attr
// is nil (mqueue_create_attr, called through vfs_mkobj).
type QueueMaker interface {
	MknodQueue(dir *Inode, name string, attr InodeAttr, mq *MqAttr) (*Inode, error)
}

// MqLimit names one of an IPC namespace's /proc/sys/fs/mqueue values.
type MqLimit int

const (
	MqQueuesMax      MqLimit = iota // queues_max: queues an unprivileged task may make
	MqMsgMax                        // msg_max: the largest mq_maxmsg without CAP_SYS_RESOURCE
	MqMsgsizeMax                    // msgsize_max: likewise for mq_msgsize
	MqMsgDefault                    // msg_default: mq_maxmsg when mq_open has no attributes
	MqMsgsizeDefault                // msgsize_default
	mqLimitCount
)

// mqNamespace is the message-queue part of struct ipc_namespace.
type mqNamespace struct {
	limits [mqLimitCount]atomic.Int64
	// queuesMu is mq_lock as it guards mq_queues_count.
	queuesMu sync.Mutex
	queues   int64
}

// initMq is mq_init_ns's part before the mount: no queues, the defaults.
func (ns *IPCNamespace) initMq() {
	for l, v := range [mqLimitCount]int64{linux.DFLT_QUEUESMAX, linux.DFLT_MSGMAX,
		linux.DFLT_MSGSIZEMAX, linux.DFLT_MSG, linux.DFLT_MSGSIZE} {
		ns.mq.limits[l].Store(v)
	}
}

// MqLimit reads a /proc/sys/fs/mqueue value of the namespace.
func (ns *IPCNamespace) MqLimit(l MqLimit) int64 { return ns.mq.limits[l].Load() }

// SetMqLimit sets one; the caller (the sysctl) has checked its range.
func (ns *IPCNamespace) SetMqLimit(l MqLimit, v int64) { ns.mq.limits[l].Store(v) }

// ChargeQueue counts a new queue in the namespace (mqueue_create_attr):
// ENOSPC once there are queues_max of them, unless privileged
// (CAP_SYS_RESOURCE). Both are unsigned ints in struct ipc_namespace, so
// a negative queues_max (the sysctl takes any int) sets no limit.
func (ns *IPCNamespace) ChargeQueue(privileged bool) error {
	ns.mq.queuesMu.Lock()
	defer ns.mq.queuesMu.Unlock()
	if uint32(ns.mq.queues) >= uint32(ns.MqLimit(MqQueuesMax)) && !privileged {
		return linux.ENOSPC
	}
	ns.mq.queues++
	return nil
}

// UnchargeQueue forgets a queue (mqueue_evict_inode).
func (ns *IPCNamespace) UnchargeQueue() {
	ns.mq.queuesMu.Lock()
	ns.mq.queues--
	ns.mq.queuesMu.Unlock()
}

// HasMqueue reports whether the kernel has POSIX message queues (an
// mqueue filesystem was set with SetIPCFilesystem).
func (k *Kernel) HasMqueue() bool { return k.ipcFsType.Load() != nil }

// mqMount is mq_mnt: the namespace's own mount of mqueue.
func (ns *IPCNamespace) mqMount() *Mount {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	return ns.mqMnt
}

// MqOpen is mq_open(3): glibc's wrapper (the name must begin with '/',
// which is dropped; the attributes count only with O_CREAT) over
// mq_open(2), do_mq_open and prepare_open in ipc/mqueue.c. The name is
// looked up in the root of the task's IPC namespace's mqueue mount; the
// descriptor is close-on-exec whatever oflag says, as Linux makes it.
func (t *Task) MqOpen(name string, oflag, mode uint32, attr *MqAttr) (int, error) {
	rest, ok := strings.CutPrefix(name, "/")
	if !ok {
		return -1, linux.EINVAL
	}
	if oflag&linux.O_CREAT == 0 {
		attr = nil
	}
	return t.mqOpen(rest, oflag, mode, attr)
}

// mqOpen is do_mq_open: a free descriptor is looked for before the name
// is (get_unused_fd_flags), so a full table is EMFILE whatever the name.
func (t *Task) mqOpen(name string, oflag, mode uint32, attr *MqAttr) (int, error) {
	m, err := t.mqMountFor(name)
	if err != nil {
		return -1, err
	}
	ft, limit := t.fdTable(), t.nofile()
	if !ft.hasFree(limit) {
		return -1, linux.EMFILE
	}
	root := m.root
	root.mu.Lock()
	f, err := t.mqPrepareOpen(Path{m, root}, name, oflag, mode, attr)
	root.mu.Unlock()
	if err != nil {
		return -1, err
	}
	fd, err := ft.installFrom(f, 0, true, limit)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// mqMountFor is getname's check of the name (an empty one is ENOENT, one
// longer than PATH_MAX ENAMETOOLONG) and the task's mq_mnt.
func (t *Task) mqMountFor(name string) (*Mount, error) {
	switch {
	case name == "":
		return nil, linux.ENOENT
	case len(name) >= linux.PATH_MAX:
		return nil, linux.ENAMETOOLONG
	}
	m := t.IPCNamespace().mqMount()
	if m == nil {
		return nil, linux.ENOSYS // no mqueue filesystem: no mq_* calls
	}
	return m, nil
}

// mqLookup is lookup_one_len in the mqueue root, whose lock is held: a
// name that is "." or "..", or holds a '/', is EACCES.
func mqLookup(root *Dentry, name string) (*Dentry, error) {
	if name == "." || name == ".." || strings.ContainsRune(name, '/') {
		return nil, linux.EACCES
	}
	return lookupSlowLocked(root, name)
}

// mqPrepareOpen is prepare_open and dentry_open, the root's lock held.
func (t *Task) mqPrepareOpen(root Path, name string, oflag, mode uint32, attr *MqAttr) (*File, error) {
	cred := t.Cred()
	d, err := mqLookup(root.Dentry, name)
	switch {
	case err == linux.ENOENT:
		if oflag&linux.O_CREAT == 0 {
			return nil, linux.ENOENT
		}
		if d, err = t.mqCreate(cred, root, name, mode, attr); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case oflag&(linux.O_CREAT|linux.O_EXCL) == linux.O_CREAT|linux.O_EXCL:
		return nil, linux.EEXIST
	case oflag&linux.O_ACCMODE == linux.O_ACCMODE:
		return nil, linux.EINVAL
	default:
		acc := [3]int{MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE}[oflag&linux.O_ACCMODE]
		if err := inodePermission(cred, root.Mnt.idmap(), d.Inode(), acc); err != nil {
			return nil, err
		}
	}
	return mqDentryOpen(Path{root.Mnt, d}, oflag, cred)
}

// mqCreate is the negative-dentry branch of prepare_open: vfs_mkobj with
// mqueue_create_attr. The mode loses the umask but keeps its set-ID and
// sticky bits; owner and group are the creator's fsuid and fsgid.
func (t *Task) mqCreate(cred *Cred, root Path, name string, mode uint32, attr *MqAttr) (*Dentry, error) {
	if root.Mnt.ReadOnly() {
		return nil, linux.EROFS // mnt_want_write
	}
	dir := root.Dentry
	if err := mayCreateLocked(cred, root.Mnt.idmap(), dir); err != nil {
		return nil, err
	}
	qm, ok := dir.Inode().Ops.(QueueMaker)
	if !ok {
		return nil, linux.EPERM
	}
	ia := InodeAttr{Mode: mode&0o7777&^t.GetUmask() | linux.S_IFREG, UID: cred.FSUID, GID: cred.FSGID, Creator: cred}
	in, err := qm.MknodQueue(dir.Inode(), name, ia, attr)
	if err != nil {
		return nil, err
	}
	dirChanged(dir.Inode())
	return dir.addChildLocked(name, in), nil
}

// mqDentryOpen is dentry_open of a queue: the access mode is
// OPEN_FMODE's (O_RDWR|O_WRONLY opens for neither), the open-time flags
// are dropped, O_PATH gives a file no mq_* call takes, and O_DIRECT fails
// EINVAL (a queue has no direct I/O), the queue made or not.
func mqDentryOpen(p Path, oflag uint32, cred *Cred) (*File, error) {
	flags := oflag &^ (linux.O_CREAT | linux.O_EXCL | linux.O_NOCTTY | linux.O_TRUNC)
	acc := oflag & linux.O_ACCMODE
	read := acc == linux.O_RDONLY || acc == linux.O_RDWR
	write := acc == linux.O_WRONLY || acc == linux.O_RDWR
	isPath := flags&linux.O_PATH != 0
	if isPath {
		read, write = false, false
	} else if flags&linux.O_DIRECT != 0 {
		return nil, linux.EINVAL
	}
	if write && p.Mnt.ReadOnly() {
		return nil, linux.EROFS
	}
	if !p.Mnt.tryGet() {
		return nil, linux.ENOENT
	}
	f := newFile(p, flags, read, write, isPath)
	f.cred = cred
	return f, nil
}

// MqUnlink is mq_unlink(3): glibc's wrapper (a name beginning with '/',
// and EPERM reported as EACCES) over mq_unlink(2).
func (t *Task) MqUnlink(name string) error {
	rest, ok := strings.CutPrefix(name, "/")
	if !ok {
		return linux.EINVAL
	}
	err := t.mqUnlink(rest)
	if err == linux.EPERM {
		err = linux.EACCES
	}
	return err
}

// mqUnlink is the mq_unlink system call: vfs_unlink of the name in the
// namespace's mqueue root.
func (t *Task) mqUnlink(name string) error {
	m, err := t.mqMountFor(name)
	if err != nil {
		return err
	}
	if m.ReadOnly() {
		return linux.EROFS
	}
	dir := m.root
	dir.mu.Lock()
	defer dir.mu.Unlock()
	victim, err := mqLookup(dir, name)
	if err != nil {
		return err
	}
	if err := mayDelete(t.Cred(), m.idmap(), dir, victim, false); err != nil {
		return err
	}
	if t.isLocalMountpoint(victim) {
		return linux.EBUSY
	}
	in := victim.Inode()
	if err := dir.Inode().Ops.Unlink(dir.Inode(), name, in); err != nil {
		return err
	}
	dir.removeChildLocked(name)
	in.Touch("c")
	dirChanged(dir.Inode())
	t.k.detachMounts(victim)
	return nil
}

// valid is timespec64_valid: what prepare_timeout accepts.
func (ts *Timespec) valid() bool {
	return ts.Sec >= 0 && ts.Nsec >= 0 && ts.Nsec < 1e9
}

// withQueue runs fn on the queue open at mqd: EBADF for a descriptor that
// is not open or is not a queue's (the f_op check).
func (t *Task) withQueue(mqd int, fn func(f *File, q MessageQueue) error) error {
	return t.withFile(mqd, func(f *File) error {
		q, ok := f.ops.(MessageQueue)
		if !ok || f.path {
			return linux.EBADF
		}
		return fn(f, q)
	})
}

// MqTimedsend is mq_timedsend(2): msg with priority prio, waiting for room
// until deadline (absolute, CLOCK_REALTIME; nil waits for ever) unless the
// descriptor is non-blocking. The deadline and the priority are checked
// before the descriptor.
func (t *Task) MqTimedsend(mqd int, msg []byte, prio uint32, deadline *Timespec) error {
	if deadline != nil && !deadline.valid() {
		return linux.EINVAL
	}
	if prio >= linux.MQ_PRIO_MAX {
		return linux.EINVAL
	}
	return t.withQueue(mqd, func(f *File, q MessageQueue) error {
		if !f.write {
			return linux.EBADF
		}
		return q.Send(t, f, msg, prio, deadline)
	})
}

// MqTimedreceive is mq_timedreceive(2): the oldest message of the highest
// priority, copied into buf, its length and priority; waiting as
// MqTimedsend does.
func (t *Task) MqTimedreceive(mqd int, buf []byte, deadline *Timespec) (n int, prio uint32, err error) {
	if deadline != nil && !deadline.valid() {
		return 0, 0, linux.EINVAL
	}
	err = t.withQueue(mqd, func(f *File, q MessageQueue) error {
		if !f.read {
			return linux.EBADF
		}
		n, prio, err = q.Receive(t, f, buf, deadline)
		return err
	})
	return n, prio, err
}

// MqGetsetattr is mq_getsetattr(2) (do_mq_getsetattr): the queue's
// attributes with the descriptor's O_NONBLOCK as mq_flags, and, when set
// is non-nil, its O_NONBLOCK (the only flag it may carry) made the
// descriptor's.
func (t *Task) MqGetsetattr(mqd int, set *MqAttr) (old MqAttr, err error) {
	if set != nil && set.Flags&^linux.O_NONBLOCK != 0 {
		return old, linux.EINVAL
	}
	err = t.withQueue(mqd, func(f *File, q MessageQueue) error {
		old = q.Attr()
		old.Flags = int64(f.Flags() & linux.O_NONBLOCK)
		if set == nil {
			return nil
		}
		for {
			fl := f.flags.Load()
			if f.flags.CompareAndSwap(fl, fl&^linux.O_NONBLOCK|uint32(set.Flags)) {
				break
			}
		}
		f.Inode().Touch("ac")
		return nil
	})
	return old, err
}

// MqNotify is mq_notify(2) (do_mq_notify): ask for a notification when a
// message arrives on the empty queue (ev non-nil), or give it up (nil).
// Tasks have no signal handling: a SIGEV_SIGNAL notification is recorded
// for the registered task (TakeSignals). SIGEV_THREAD needs a netlink
// socket, which linuxvfs has none of, so it fails as Linux fails it for
// the descriptors there are: EBADF, ENOTSOCK, or EINVAL for another
// socket.
func (t *Task) MqNotify(mqd int, ev *Sigevent) error {
	if ev != nil {
		if err := t.checkSigevent(ev); err != nil {
			return err
		}
	}
	return t.withQueue(mqd, func(f *File, q MessageQueue) error {
		return q.Notify(t, ev)
	})
}

// checkSigevent is do_mq_notify's look at the sigevent, before the queue.
func (t *Task) checkSigevent(ev *Sigevent) error {
	switch ev.Notify {
	case linux.SIGEV_NONE:
		return nil
	case linux.SIGEV_SIGNAL:
		if ev.Signo < 0 || ev.Signo > linux.NSIG { // valid_signal
			return linux.EINVAL
		}
		return nil
	case linux.SIGEV_THREAD:
		return t.withFile(int(ev.Signo), func(f *File) error {
			if f.Inode().Mode()&linux.S_IFMT != linux.S_IFSOCK {
				return linux.ENOTSOCK // netlink_getsockbyfilp
			}
			return linux.EINVAL // not AF_NETLINK
		})
	}
	return linux.EINVAL
}
