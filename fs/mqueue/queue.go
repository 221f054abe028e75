// SPDX-License-Identifier: Apache-2.0

package mqueue

import (
	"fmt"
	"slices"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// queue is struct mqueue_inode_info: a queue file's messages, its
// sleeping senders and receivers, and who asked to be notified. It is the
// file's operations too, which is how vfs.Task's mq_* calls find it.
type queue struct {
	in      *vfs.Inode
	ns      *vfs.IPCNamespace
	users   *userBytes
	uid     uint32 // whose RLIMIT_MSGQUEUE pays for it
	charged int64  // what it was charged
	maxmsg  int64
	msgsize int64

	mu        sync.Mutex // info->lock
	levels    []*level   // by increasing priority, none empty
	curmsgs   int64
	qsize     int64     // bytes of the queued messages
	senders   []*waiter // oldest first (tasks have equal priority)
	receivers []*waiter
	notify    notification
	released  bool
}

// message is a struct msg_msg: its text and priority (m_type).
type message struct {
	text []byte
	prio uint32
}

// level is a posix_msg_tree_node: the messages of one priority, oldest
// first.
type level struct {
	prio uint32
	msgs []*message
}

// waiter is struct ext_wait_queue: a task sleeping in send or receive.
// A sender's msg is what it sends; a receiver's is filled in when a
// sender hands it a message. ready (STATE_READY) is set under q.mu once
// the waiter's operation is done for it.
type waiter struct {
	sleeper *vfs.Sleeper
	msg     *message
	ready   bool
}

// notification is the registration mq_notify made (notify_owner with
// the sigevent); owner nil means none.
type notification struct {
	owner *vfs.Task
	ev    vfs.Sigevent
}

// Sizes of the kernel's structures on x86_64 that a queue is charged for
// besides its messages: a struct msg_msg per message and a
// posix_msg_tree_node per priority it might use.
const (
	msgMsgSize   = 48
	treeNodeSize = 48
)

// newQueue is mqueue_get_inode's part for a regular file: the attributes
// (the namespace's defaults, or attr's), checked against the namespace's
// limits or, with CAP_SYS_RESOURCE, the hard ones; then the queue's
// worst-case size charged to user uid.
func newQueue(k *vfs.Kernel, ns *vfs.IPCNamespace, uid uint32, privileged bool, attr *vfs.MqAttr) (*queue, error) {
	q := &queue{ns: ns, users: usersOf(k), uid: uid}
	q.maxmsg = min(ns.MqLimit(vfs.MqMsgMax), ns.MqLimit(vfs.MqMsgDefault))
	q.msgsize = min(ns.MqLimit(vfs.MqMsgsizeMax), ns.MqLimit(vfs.MqMsgsizeDefault))
	if attr != nil {
		q.maxmsg, q.msgsize = attr.Maxmsg, attr.Msgsize
	}
	if q.maxmsg <= 0 || q.msgsize <= 0 {
		return nil, linux.EINVAL
	}
	maxMsg, maxSize := ns.MqLimit(vfs.MqMsgMax), ns.MqLimit(vfs.MqMsgsizeMax)
	if privileged {
		maxMsg, maxSize = linux.HARD_MSGMAX, linux.HARD_MSGSIZEMAX
	}
	if q.maxmsg > maxMsg || q.msgsize > maxSize {
		return nil, linux.EINVAL
	}
	// With both bounded as above, the product cannot overflow (EOVERFLOW).
	q.charged = q.maxmsg*msgMsgSize + min(q.maxmsg, linux.MQ_PRIO_MAX)*treeNodeSize + q.maxmsg*q.msgsize
	if err := q.users.charge(uid, q.charged); err != nil {
		return nil, err
	}
	return q, nil
}

// release is mqueue_evict_inode, once: the messages go, the charge is
// given back, the namespace counts one queue fewer.
func (q *queue) release() {
	q.mu.Lock()
	done := q.released
	q.released = true
	q.levels, q.curmsgs, q.qsize = nil, 0, 0
	q.mu.Unlock()
	if done {
		return
	}
	q.users.uncharge(q.uid, q.charged)
	q.ns.UnchargeQueue()
}

// userBytes is the mq_bytes of every user_struct: what each user's queues
// are charged, kernel-wide, under mq_lock. A queue is made from its
// creator's credentials, not its task, so every user has
// RLIMIT_MSGQUEUE's default rather than the task's limit.
type userBytes struct {
	mu    sync.Mutex
	bytes map[uint32]int64
}

type userBytesKey struct{}

func usersOf(k *vfs.Kernel) *userBytes {
	return k.FsData(userBytesKey{}, func() any { return &userBytes{bytes: map[uint32]int64{}} }).(*userBytes)
}

// charge adds n bytes to uid's queues: EMFILE past the limit.
func (u *userBytes) charge(uid uint32, n int64) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.bytes[uid]+n > linux.MQ_BYTES_MAX {
		return linux.EMFILE
	}
	u.bytes[uid] += n
	return nil
}

func (u *userBytes) uncharge(uid uint32, n int64) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.bytes[uid] -= n; u.bytes[uid] == 0 {
		delete(u.bytes, uid)
	}
}

// insert is msg_insert: after the messages of its priority.
func (q *queue) insert(m *message) {
	i, found := slices.BinarySearchFunc(q.levels, m.prio, func(l *level, p uint32) int {
		return int(l.prio) - int(p)
	})
	if !found {
		q.levels = slices.Insert(q.levels, i, &level{prio: m.prio})
	}
	q.levels[i].msgs = append(q.levels[i].msgs, m)
	q.curmsgs++
	q.qsize += int64(len(m.text))
}

// get is msg_get: the oldest message of the highest priority.
func (q *queue) get() *message {
	top := q.levels[len(q.levels)-1]
	m := top.msgs[0]
	top.msgs[0] = nil
	if top.msgs = top.msgs[1:]; len(top.msgs) == 0 {
		q.levels[len(q.levels)-1] = nil
		q.levels = q.levels[:len(q.levels)-1]
	}
	q.curmsgs--
	q.qsize -= int64(len(m.text))
	return m
}

// nonblocking reads O_NONBLOCK under q.mu, as Linux reads f_flags under
// info->lock.
func nonblocking(f *vfs.File) bool { return f.Flags()&linux.O_NONBLOCK != 0 }

// Send implements vfs.MessageQueue (do_mq_timedsend): a receiver already
// waiting gets the message directly (pipelined_send); otherwise it is
// queued, and the registered task told if the queue was empty.
func (q *queue) Send(t *vfs.Task, f *vfs.File, msg []byte, prio uint32, deadline *vfs.Timespec) error {
	if int64(len(msg)) > q.msgsize {
		return linux.EMSGSIZE
	}
	m := &message{text: slices.Clone(msg), prio: prio}
	q.mu.Lock()
	if q.curmsgs == q.maxmsg {
		if nonblocking(f) {
			q.mu.Unlock()
			return linux.EAGAIN
		}
		return q.sleep(t, &q.senders, &waiter{msg: m}, deadline)
	}
	if len(q.receivers) > 0 {
		r := q.receivers[0]
		q.receivers = q.receivers[1:]
		r.msg, r.ready = m, true
		r.sleeper.Wake()
	} else {
		q.insert(m)
		q.doNotify(t)
	}
	q.in.Touch("amc")
	q.mu.Unlock()
	return nil
}

// Receive implements vfs.MessageQueue (do_mq_timedreceive): taking a
// message makes room for the first waiting sender, whose message is
// queued at once (pipelined_receive).
func (q *queue) Receive(t *vfs.Task, f *vfs.File, buf []byte, deadline *vfs.Timespec) (int, uint32, error) {
	if int64(len(buf)) < q.msgsize {
		return 0, 0, linux.EMSGSIZE
	}
	q.mu.Lock()
	var m *message
	if q.curmsgs == 0 {
		if nonblocking(f) {
			q.mu.Unlock()
			return 0, 0, linux.EAGAIN
		}
		w := &waiter{}
		if err := q.sleep(t, &q.receivers, w, deadline); err != nil {
			return 0, 0, err
		}
		m = w.msg
	} else {
		m = q.get()
		q.in.Touch("amc")
		if len(q.senders) > 0 {
			s := q.senders[0]
			q.senders = q.senders[1:]
			q.insert(s.msg)
			s.ready = true
			s.sleeper.Wake()
		}
		q.mu.Unlock()
	}
	return copy(buf, m.text), m.prio, nil
}

// sleep is wq_sleep: w joins list and t sleeps until another task has
// done w's operation for it (nil), the deadline passes (ETIMEDOUT) or the
// kernel is interrupted (EINTR). q.mu is held on entry and released on
// return.
func (q *queue) sleep(t *vfs.Task, list *[]*waiter, w *waiter, deadline *vfs.Timespec) error {
	w.sleeper = t.NewSleeper(deadline)
	defer w.sleeper.Done()
	*list = append(*list, w)
	for {
		q.mu.Unlock()
		err := w.sleeper.Sleep()
		q.mu.Lock()
		if w.ready {
			q.mu.Unlock()
			return nil
		}
		if err != nil {
			*list = slices.DeleteFunc(*list, func(o *waiter) bool { return o == w })
			q.mu.Unlock()
			return err
		}
	}
}

// doNotify is __do_notify: a message arriving in an empty queue (nobody
// was waiting for it) tells the registered task, whose registration then
// ends. SIGEV_SIGNAL is recorded as a signal sent to it (tasks have no
// signal handling); SIGEV_NONE sends nothing.
func (q *queue) doNotify(sender *vfs.Task) {
	n := q.notify
	if n.owner == nil || q.curmsgs != 1 {
		return
	}
	if n.ev.Notify == linux.SIGEV_SIGNAL {
		n.owner.SendSiginfo(vfs.Siginfo{Signo: n.ev.Signo, Code: linux.SI_MESGQ,
			Pid: sender.TID(), UID: sender.Cred().UID, Value: n.ev.Value})
	}
	q.notify = notification{}
}

// Notify implements vfs.MessageQueue (do_mq_notify's part under the
// queue's lock).
func (q *queue) Notify(t *vfs.Task, ev *vfs.Sigevent) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case ev == nil:
		if q.notify.owner != t {
			return nil
		}
		q.notify = notification{}
	case q.notify.owner != nil:
		return linux.EBUSY
	default:
		q.notify = notification{owner: t, ev: *ev}
	}
	q.in.Touch("ac")
	return nil
}

// Flush implements vfs.FileFlusher (mqueue_flush_file): the registered
// task closing any descriptor of the queue gives up its registration.
func (q *queue) Flush(_ *vfs.File, t *vfs.Task) {
	q.mu.Lock()
	if q.notify.owner == t {
		q.notify = notification{}
	}
	q.mu.Unlock()
}

// Attr implements vfs.MessageQueue.
func (q *queue) Attr() vfs.MqAttr {
	q.mu.Lock()
	defer q.mu.Unlock()
	return vfs.MqAttr{Maxmsg: q.maxmsg, Msgsize: q.msgsize, Curmsgs: q.curmsgs}
}

// status is the line mqueue_read_file prints into its FILENT_SIZE
// buffer (so at most 79 bytes): the bytes queued, and the registration's
// sigev_notify, its signal for SIGEV_SIGNAL, and the registered task.
func (q *queue) status() string {
	q.mu.Lock()
	notify, signo, pid := int32(0), int32(0), int32(0)
	if o := q.notify.owner; o != nil {
		notify, pid = q.notify.ev.Notify, o.TID()
		if notify == linux.SIGEV_SIGNAL {
			signo = q.notify.ev.Signo
		}
	}
	s := fmt.Sprintf("QSIZE:%-10d NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n", q.qsize, notify, signo, pid)
	q.mu.Unlock()
	return s[:min(len(s), queueStatusSize-1)]
}

// ReadAt is mqueue_read_file: the status line, from off on.
func (q *queue) ReadAt(_ *vfs.File, p []byte, off int64) (int, error) {
	s := q.status()
	if off >= int64(len(s)) {
		return 0, nil
	}
	n := copy(p, s[off:])
	if n > 0 {
		q.in.Touch("ac")
	}
	return n, nil
}

// WriteAt: a queue file has no write operation.
func (q *queue) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EINVAL }

func (q *queue) ReadDir(*vfs.File) ([]vfs.Dirent, error) { return nil, linux.ENOTDIR }
