// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// System V message queues (ipc/msg.c): typed messages in arrival order,
// bounded in bytes (and, as Linux bounds them, in count) by the queue's
// qbytes. A sender waits for room and a receiver for a message of the
// type it asks, unless IPC_NOWAIT.

// msgQueue is struct msg_queue past its ipc_perm.
type msgQueue struct {
	msgs         []sysvMsg
	cbytes       uint64
	qbytes       uint64
	stime, rtime int64
	lspid, lrpid *Task
}

// sysvMsg is struct msg_msg.
type sysvMsg struct {
	mtype int64
	text  []byte
}

// Msgget is msgget(2).
func (t *Task) Msgget(key int32, flg int) (int32, error) {
	create := func(s *sysvIPC) (*ipcObj, error) {
		o := newObj(key, flg)
		o.msg = &msgQueue{qbytes: uint64(s.msgCtlmnb)}
		if err := s.addObj(ipcMsg, o, s.msgCtlmni, t.Cred(), t.k.sysvNow()); err != nil {
			return nil, err
		}
		return o, nil
	}
	return t.ipcGet(ipcMsg, key, flg, create, nil)
}

// msgDestroy is freeque: the queue and its messages go; waiters find it
// removed (EIDRM).
func (s *sysvIPC) msgDestroy(o *ipcObj) {
	s.removeObj(ipcMsg, o)
	q := o.msg
	s.msgHdrs -= int64(len(q.msgs))
	s.msgBytes -= int64(q.cbytes)
	q.msgs, q.cbytes = nil, 0
	s.wq.WakeAll()
}

// Msgsnd is msgsnd(2): mtype must be positive and the text at most
// msgmax bytes. Without IPC_NOWAIT (EAGAIN) it waits for room.
func (t *Task) Msgsnd(id int32, mtype int64, text []byte, flg int) error {
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	if int64(len(text)) > s.msgCtlmax || id < 0 || mtype < 1 {
		return linux.EINVAL
	}
	o, err := s.lookup(ipcMsg, id)
	if err != nil {
		return err
	}
	q := o.msg
	size := uint64(len(text))
	for {
		if err := ns.ipcPerms(t.Cred(), o, 0o222); err != nil {
			return err
		}
		if o.deleted {
			return linux.EIDRM
		}
		if size+q.cbytes <= q.qbytes && 1+uint64(len(q.msgs)) <= q.qbytes {
			break
		}
		if flg&linux.IPC_NOWAIT != 0 {
			return linux.EAGAIN
		}
		if err := s.wq.Wait(); err != nil {
			return err
		}
	}
	q.msgs = append(q.msgs, sysvMsg{mtype: mtype, text: slices.Clone(text)})
	q.cbytes += size
	q.stime, q.lspid = t.k.sysvNow(), t
	s.msgBytes += int64(size)
	s.msgHdrs++
	s.wq.WakeAll()
	return nil
}

// Msgrcv is msgrcv(2): the first message of type typ (any for 0; the
// lowest type up to -typ for a negative typ; with MSG_EXCEPT the first
// not of type typ), at most size bytes of its text (E2BIG for a longer
// one, which stays queued, unless MSG_NOERROR cuts it). Without
// IPC_NOWAIT (ENOMSG) it waits for one. MSG_COPY (with IPC_NOWAIT)
// copies message number typ without taking it.
func (t *Task) Msgrcv(id int32, size int64, typ int64, flg int) (int64, []byte, error) {
	if id < 0 || size < 0 {
		return 0, nil, linux.EINVAL
	}
	if flg&linux.MSG_COPY != 0 && (flg&linux.MSG_EXCEPT != 0 || flg&linux.IPC_NOWAIT == 0) {
		return 0, nil, linux.EINVAL
	}
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.lookup(ipcMsg, id)
	if err != nil {
		return 0, nil, err
	}
	q := o.msg
	for {
		if err := ns.ipcPerms(t.Cred(), o, 0o444); err != nil {
			return 0, nil, err
		}
		if o.deleted {
			return 0, nil, linux.EIDRM
		}
		if i := q.find(typ, flg); i >= 0 {
			return t.msgTake(s, q, i, size, flg)
		}
		if flg&linux.IPC_NOWAIT != 0 {
			return 0, nil, linux.ENOMSG
		}
		if err := s.wq.Wait(); err != nil {
			return 0, nil, err
		}
	}
}

// find is find_msg: the index of the message a receive takes, or -1.
func (q *msgQueue) find(typ int64, flg int) int {
	switch {
	case flg&linux.MSG_COPY != 0:
		if typ >= 0 && typ < int64(len(q.msgs)) {
			return int(typ)
		}
		return -1
	case typ == 0:
		return min(0, len(q.msgs)-1)
	case typ < 0:
		limit := int64(math.MaxInt64)
		if typ != math.MinInt64 {
			limit = -typ
		}
		best := -1
		for i, m := range q.msgs {
			if m.mtype <= limit && (best < 0 || m.mtype < q.msgs[best].mtype) {
				best = i
			}
		}
		return best
	}
	return slices.IndexFunc(q.msgs, func(m sysvMsg) bool {
		return (m.mtype == typ) != (flg&linux.MSG_EXCEPT != 0)
	})
}

// msgTake hands message i over, taking it off the queue unless MSG_COPY.
func (t *Task) msgTake(s *sysvIPC, q *msgQueue, i int, size int64, flg int) (int64, []byte, error) {
	m := q.msgs[i]
	if int64(len(m.text)) > size {
		if flg&linux.MSG_NOERROR == 0 {
			return 0, nil, linux.E2BIG
		}
		if flg&linux.MSG_COPY != 0 {
			return 0, nil, linux.EINVAL // copy_msg: the copy buffer is too small
		}
	}
	text := m.text[:min(int64(len(m.text)), size)]
	if flg&linux.MSG_COPY != 0 {
		return m.mtype, slices.Clone(text), nil
	}
	q.msgs = slices.Delete(q.msgs, i, i+1)
	q.cbytes -= uint64(len(m.text))
	q.rtime, q.lrpid = t.k.sysvNow(), t
	s.msgBytes -= int64(len(m.text))
	s.msgHdrs--
	s.wq.WakeAll()
	return m.mtype, text, nil
}

// Msgctl is msgctl(2). buf is a *linux.MsqidDS for IPC_STAT, MSG_STAT,
// MSG_STAT_ANY and IPC_SET, a *linux.Msginfo for IPC_INFO and MSG_INFO
// (EFAULT otherwise); IPC_RMID takes none.
func (t *Task) Msgctl(id int32, cmd int, buf any) (int32, error) {
	if id < 0 || cmd < 0 {
		return -1, linux.EINVAL
	}
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	switch cmd {
	case linux.IPC_INFO, linux.MSG_INFO:
		info, ok := buf.(*linux.Msginfo)
		if !ok {
			return -1, linux.EFAULT
		}
		*info = linux.Msginfo{Msgmni: int32(s.msgCtlmni), Msgmax: int32(s.msgCtlmax), Msgmnb: int32(s.msgCtlmnb),
			Msgssz: linux.MSGSSZ, Msgseg: linux.MSGSEG,
			Msgpool: linux.MSGPOOL, Msgmap: linux.MSGMAP, Msgtql: linux.MSGTQL}
		if cmd == linux.MSG_INFO {
			info.Msgpool = int32(len(s.ids[ipcMsg].objs))
			info.Msgmap, info.Msgtql = int32(s.msgHdrs), int32(s.msgBytes)
		}
		return max(s.maxIdx(ipcMsg), 0), nil
	case linux.IPC_STAT, linux.MSG_STAT, linux.MSG_STAT_ANY:
		return t.msgStat(ns, id, cmd, buf)
	case linux.IPC_SET, linux.IPC_RMID:
		return 0, t.msgSetRm(ns, id, cmd, buf)
	}
	return -1, linux.EINVAL
}

func (t *Task) msgStat(ns *IPCNamespace, id int32, cmd int, buf any) (int32, error) {
	ds, ok := buf.(*linux.MsqidDS)
	if !ok {
		return -1, linux.EFAULT
	}
	o, err := t.statObj(ns, ipcMsg, id, cmd, linux.MSG_STAT_ANY)
	if err != nil {
		return -1, err
	}
	q, pidns := o.msg, t.PidNamespace()
	*ds = linux.MsqidDS{Perm: t.permOf(o), Stime: q.stime, Rtime: q.rtime, Ctime: o.ctime,
		Cbytes: q.cbytes, Qnum: uint64(len(q.msgs)), Qbytes: q.qbytes,
		Lspid: pidOf(q.lspid, pidns), Lrpid: pidOf(q.lrpid, pidns)}
	if cmd == linux.IPC_STAT {
		return 0, nil
	}
	return o.id, nil
}

// msgSetRm is IPC_SET and IPC_RMID; raising qbytes past msgmnb takes
// CAP_SYS_RESOURCE.
func (t *Task) msgSetRm(ns *IPCNamespace, id int32, cmd int, buf any) error {
	s := &ns.sysv
	ds, ok := buf.(*linux.MsqidDS)
	if cmd == linux.IPC_SET && !ok {
		return linux.EFAULT
	}
	o, err := s.lookup(ipcMsg, id)
	if err != nil {
		return err
	}
	if err := ns.ctlCheck(t.Cred(), o); err != nil {
		return err
	}
	if cmd == linux.IPC_RMID {
		s.msgDestroy(o)
		return nil
	}
	if ds.Qbytes > uint64(s.msgCtlmnb) && !t.Cred().HasCap(linux.CAP_SYS_RESOURCE) {
		return linux.EPERM
	}
	if err := t.setPerm(o, ds.Perm); err != nil {
		return err
	}
	o.msg.qbytes = ds.Qbytes
	o.ctime = t.k.sysvNow()
	s.wq.WakeAll() // senders may fit now
	return nil
}
