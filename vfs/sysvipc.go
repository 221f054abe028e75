// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// System V IPC (ipc/util.c, shm.c, msg.c, sem.c): what an IPC namespace
// isolates. Each namespace has three id sets, one per kind of object;
// an object has a key (IPC_PRIVATE objects have none anyone can look up),
// an ipc_perm, and an id made of a sequence number and an index
// (seq·IPCMNI + index). Indexes are handed out cyclically below a bound
// that grows with the set's size, and the sequence number goes up each
// time the cycle comes round, so a removed object's id is not soon
// reused. One mutex per namespace guards all three sets; a task that
// has to wait (a message queue full or empty, a semaphore operation that
// cannot proceed) sleeps on the namespace's wait queue and re-checks
// when woken, and Kernel.Interrupt ends the wait with EINTR.

// The kinds of System V objects, in the order of ipc_namespace's ids.
const (
	ipcSem = iota
	ipcMsg
	ipcShm
	ipcKinds
)

// ipcMinCycle is ipc_min_cycle (RADIX_TREE_MAP_SIZE): the least bound
// below which indexes are handed out cyclically.
const ipcMinCycle = 64

// ipcSeqMax is ipcid_seq_max: sequence numbers wrap to 0 there.
const ipcSeqMax = 0x7fffffff >> linux.IPCMNI_SHIFT

// ipcObj is struct kern_ipc_perm with the object it heads.
type ipcObj struct {
	key                  int32
	id                   int32
	seq                  int32
	uid, gid, cuid, cgid uint32 // kernel IDs
	mode                 uint32
	ctime                int64
	deleted              bool

	shm *shmSeg
	msg *msgQueue
	sem *semArray
}

// ipcIDs is struct ipc_ids: one kind's objects in one namespace.
type ipcIDs struct {
	objs    map[int32]*ipcObj // by index (the idr)
	keys    map[int32]*ipcObj // by key, IPC_PRIVATE ones left out
	seq     int32
	lastIdx int32 // the index last handed out cyclically
	cursor  int32 // where the cyclic search starts (idr_next)
	nextID  int32 // the *_next_id sysctl: -1, or the id the next object gets
}

func newIPCIDs() ipcIDs {
	return ipcIDs{objs: map[int32]*ipcObj{}, keys: map[int32]*ipcObj{}, lastIdx: -1, nextID: -1}
}

// sysvIPC is a namespace's System V state with its limits (the ns fields
// of ipc_namespace).
type sysvIPC struct {
	mu  sync.Mutex
	wq  *WaitQueue
	ids [ipcKinds]ipcIDs

	shmCtlmax, shmCtlall uint64
	shmCtlmni            int64
	shmRmidForced        int64
	shmTot               uint64 // pages of all segments

	msgCtlmax, msgCtlmnb, msgCtlmni int64
	msgBytes, msgHdrs               int64

	semCtls  [4]int64 // semmsl, semmns, semopm, semmni
	usedSems int64
}

// initSysv is the ipc/*_init_ns part of create_ipc_ns: empty sets and the
// default limits.
func (ns *IPCNamespace) initSysv() {
	s := &ns.sysv
	for i := range s.ids {
		s.ids[i] = newIPCIDs()
	}
	s.wq = ns.k.NewWaitQueue(&s.mu)
	s.shmCtlmax, s.shmCtlall, s.shmCtlmni = linux.SHMMAX, linux.SHMALL, linux.SHMMNI
	s.msgCtlmax, s.msgCtlmnb, s.msgCtlmni = linux.MSGMAX, linux.MSGMNB, linux.MSGMNI
	s.semCtls = [4]int64{linux.SEMMSL, linux.SEMMNS, linux.SEMOPM, linux.SEMMNI}
}

// freeSysv is free_ipcs for each kind as the namespace goes: every
// object is removed, waiters (there can be none left in it) are woken,
// and the wait queue is closed.
func (ns *IPCNamespace) freeSysv() {
	s := &ns.sysv
	s.mu.Lock()
	for kind := range s.ids {
		for _, o := range s.ids[kind].objs {
			s.destroy(kind, o)
		}
	}
	s.wq.WakeAll()
	s.mu.Unlock()
	s.wq.Close()
}

// idBits splits an id into its index and sequence number.
func idBits(id int32) (idx, seq int32) {
	return id & (linux.IPCMNI - 1), id >> linux.IPCMNI_SHIFT
}

// lookup is ipc_obtain_object_check: the object id names, EINVAL for
// none or one of another generation.
func (s *sysvIPC) lookup(kind int, id int32) (*ipcObj, error) {
	idx, seq := idBits(id)
	o := s.ids[kind].objs[idx]
	if o == nil || o.seq != seq {
		return nil, linux.EINVAL
	}
	return o, nil
}

// lookupIdx is ipc_obtain_object_idr, for the *_STAT commands: the
// object at an index, whatever its sequence number.
func (s *sysvIPC) lookupIdx(kind int, id int32) (*ipcObj, error) {
	idx, _ := idBits(id)
	if o := s.ids[kind].objs[idx]; o != nil {
		return o, nil
	}
	return nil, linux.EINVAL
}

// statObj finds the object a *_STAT command reads: by id for IPC_STAT,
// by index for the others; read permission is checked unless anyCmd
// (the *_STAT_ANY command, which skips it) is the one given.
func (t *Task) statObj(ns *IPCNamespace, kind int, id int32, cmd, anyCmd int) (*ipcObj, error) {
	var o *ipcObj
	var err error
	if cmd == linux.IPC_STAT {
		o, err = ns.sysv.lookup(kind, id)
	} else {
		o, err = ns.sysv.lookupIdx(kind, id)
	}
	if err != nil {
		return nil, err
	}
	if cmd != anyCmd {
		if err := ns.ipcPerms(t.Cred(), o, 0o444); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// maxIdx is ipc_get_maxidx: the highest index in use, -1 for none.
func (s *sysvIPC) maxIdx(kind int) int32 {
	m := int32(-1)
	for idx := range s.ids[kind].objs {
		m = max(m, idx)
	}
	return m
}

// addObj is ipc_addid: o gets an index and id (the *_next_id sysctl's,
// once, or the next of the cycle), the caller's effective IDs as owner
// and creator, and its key. ENOSPC when the set holds limit objects.
func (s *sysvIPC) addObj(kind int, o *ipcObj, limit int64, c *Cred, now int64) error {
	ids := &s.ids[kind]
	limit = min(limit, linux.IPCMNI)
	if int64(len(ids.objs)) >= limit {
		return linux.ENOSPC
	}
	var idx int32
	if next := ids.nextID; next >= 0 {
		ids.nextID = -1
		idx, o.seq = idBits(next)
		for ids.objs[idx] != nil {
			idx++
		}
	} else {
		bound := min(max(int32(len(ids.objs))*3/2, ipcMinCycle), linux.IPCMNI)
		var ok bool
		if idx, ok = ids.cyclicFree(bound); !ok {
			return linux.ENOSPC
		}
		if idx <= ids.lastIdx {
			if ids.seq++; ids.seq >= ipcSeqMax {
				ids.seq = 0
			}
		}
		ids.lastIdx, o.seq = idx, ids.seq
	}
	o.id = o.seq<<linux.IPCMNI_SHIFT + idx
	o.uid, o.cuid, o.gid, o.cgid = c.EUID, c.EUID, c.EGID, c.EGID
	o.ctime = now
	ids.objs[idx] = o
	if o.key != linux.IPC_PRIVATE {
		ids.keys[o.key] = o
	}
	return nil
}

// cyclicFree is idr_alloc_cyclic over [0, bound): the first free index
// from the cursor on, else from 0; the cursor moves past it.
func (ids *ipcIDs) cyclicFree(bound int32) (int32, bool) {
	for _, r := range [][2]int32{{ids.cursor, bound}, {0, min(ids.cursor, bound)}} {
		for idx := r[0]; idx < r[1]; idx++ {
			if ids.objs[idx] == nil {
				ids.cursor = idx + 1
				return idx, true
			}
		}
	}
	return 0, false
}

// removeObj is ipc_rmid: o leaves the set; its id and key name nothing.
func (s *sysvIPC) removeObj(kind int, o *ipcObj) {
	ids := &s.ids[kind]
	idx, _ := idBits(o.id)
	delete(ids.objs, idx)
	if o.key != linux.IPC_PRIVATE && ids.keys[o.key] == o {
		delete(ids.keys, o.key)
	}
	o.deleted = true
}

// makePrivate is ipc_set_key_private: a removed segment that is still
// attached stays in the set but no key finds it.
func (s *sysvIPC) makePrivate(kind int, o *ipcObj) {
	if o.key != linux.IPC_PRIVATE && s.ids[kind].keys[o.key] == o {
		delete(s.ids[kind].keys, o.key)
	}
	o.key = linux.IPC_PRIVATE
}

// destroy removes o whatever its kind, releasing what it holds.
func (s *sysvIPC) destroy(kind int, o *ipcObj) {
	switch kind {
	case ipcShm:
		s.shmDestroy(o)
	case ipcMsg:
		s.msgDestroy(o)
	case ipcSem:
		s.semDestroy(o)
	}
}

// ipcPerms is ipcperms: the owner's bits for the owner or creator, the
// group's for a member of the owner's or creator's group, the others'
// for the rest; CAP_IPC_OWNER over the namespace's user namespace
// overrides them. flag holds the bits asked for (S_IRUGO, S_IWUGO).
func (ns *IPCNamespace) ipcPerms(c *Cred, o *ipcObj, flag uint32) error {
	want := (flag >> 6) | (flag >> 3) | flag
	granted := o.mode
	switch {
	case c.EUID == o.cuid || c.EUID == o.uid:
		granted >>= 6
	case c.InGroup(o.cgid) || c.InGroup(o.gid):
		granted >>= 3
	}
	if want&^granted&7 != 0 && !c.NsCapable(ns.userNS, linux.CAP_IPC_OWNER) {
		return linux.EACCES
	}
	return nil
}

// ctlCheck is ipcctl_obtain_check's rule for IPC_SET and IPC_RMID: the
// owner, the creator, or CAP_SYS_ADMIN over the namespace's owner.
func (ns *IPCNamespace) ctlCheck(c *Cred, o *ipcObj) error {
	if c.EUID == o.cuid || c.EUID == o.uid || c.NsCapable(ns.userNS, linux.CAP_SYS_ADMIN) {
		return nil
	}
	return linux.EPERM
}

// ipcGet is ipcget: IPC_PRIVATE always makes a new object; another key
// finds its object (EEXIST with IPC_CREAT|IPC_EXCL, then the kind's own
// check, then the permissions flg asks for) or, with IPC_CREAT, makes
// one; ENOENT without.
func (t *Task) ipcGet(kind int, key int32, flg int, create func(s *sysvIPC) (*ipcObj, error), check func(o *ipcObj) error) (int32, error) {
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	if key != linux.IPC_PRIVATE {
		if o := s.ids[kind].keys[key]; o != nil {
			if flg&linux.IPC_CREAT != 0 && flg&linux.IPC_EXCL != 0 {
				return -1, linux.EEXIST
			}
			if check != nil {
				if err := check(o); err != nil {
					return -1, err
				}
			}
			if err := ns.ipcPerms(t.Cred(), o, uint32(flg)&0o777); err != nil {
				return -1, err
			}
			return o.id, nil
		}
		if flg&linux.IPC_CREAT == 0 {
			return -1, linux.ENOENT
		}
	}
	o, err := create(s)
	if err != nil {
		return -1, err
	}
	return o.id, nil
}

// newObj makes the common part of a new object of key with mode's
// permission bits.
func newObj(key int32, flg int) *ipcObj {
	return &ipcObj{key: key, mode: uint32(flg) & 0o777}
}

// permOf is kernel_to_ipc64_perm for a caller: IDs seen from its user
// namespace.
func (t *Task) permOf(o *ipcObj) linux.IPCPerm {
	ns := t.Cred().UserNS
	return linux.IPCPerm{
		Key: o.key, Mode: o.mode, Seq: uint32(o.seq),
		UID: t.k.UIDMunged(ns, o.uid), GID: t.k.GIDMunged(ns, o.gid),
		CUID: t.k.UIDMunged(ns, o.cuid), CGID: t.k.GIDMunged(ns, o.cgid),
	}
}

// setPerm is ipc_update_perm for IPC_SET: the new owner (mapped from the
// caller's user namespace; EINVAL if unmapped) and permission bits.
func (t *Task) setPerm(o *ipcObj, p linux.IPCPerm) error {
	ns := t.Cred().UserNS
	uid, ok1 := ns.MakeKUID(p.UID)
	gid, ok2 := ns.MakeKGID(p.GID)
	if !ok1 || !ok2 {
		return linux.EINVAL
	}
	o.uid, o.gid = uid, gid
	o.mode = o.mode&^0o777 | p.Mode&0o777
	return nil
}

// sysvNow is the seconds of the kernel's clock (ktime_get_real_seconds).
func (k *Kernel) sysvNow() int64 { return k.Now().Sec }

// pidOf is a stored pid as a reader in ns sees it (pid_nr_ns); 0 for
// none.
func pidOf(t *Task, ns *PidNamespace) int32 {
	if t == nil {
		return 0
	}
	return t.PidIn(ns)
}
