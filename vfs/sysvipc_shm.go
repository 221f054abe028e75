// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// System V shared memory (ipc/shm.c). A segment is a file on the
// kernel's internal shmem mount, named SYSV<key>; there is no memory
// model, so an attach is counted (nattch, times, pids) and given an
// address, and nothing is mapped. A segment marked for removal while
// attached loses its key and goes when its last attach does.

// shmSeg is struct shmid_kernel past its ipc_perm.
type shmSeg struct {
	size         uint64
	file         *File // nil without a shmem filesystem
	atime, dtime int64
	cpid, lpid   *Task
	nattch       uint64
	creator      *Task // shm_creator: for shm_rmid_forced's orphans
}

// shmAttach is one shmat of a task: the segment's namespace and id.
type shmAttach struct {
	addr uintptr
	size uintptr
	ns   *IPCNamespace
	obj  *ipcObj
}

// shmAttachments are a task's attaches (its shm vmas).
type shmAttachments struct {
	mu   sync.Mutex
	list []shmAttach
	next uintptr
}

// shmBase is where a task's attaches are placed when it names no address.
const shmBase = 0x7f0000000000

// Shmget is shmget(2).
func (t *Task) Shmget(key int32, size uint64, flg int) (int32, error) {
	create := func(s *sysvIPC) (*ipcObj, error) { return t.newShmSeg(s, key, size, flg) }
	check := func(o *ipcObj) error {
		if o.shm.size < size {
			return linux.EINVAL
		}
		return nil
	}
	return t.ipcGet(ipcShm, key, flg, create, check)
}

// newShmSeg is newseg: the size within shmmax, the namespace's pages
// within shmall, then the file and the id.
func (t *Task) newShmSeg(s *sysvIPC, key int32, size uint64, flg int) (*ipcObj, error) {
	if flg&linux.SHM_HUGETLB != 0 {
		return nil, linux.EINVAL // there is no hugetlbfs
	}
	if size < linux.SHMMIN || size > s.shmCtlmax {
		return nil, linux.EINVAL
	}
	pages := size/pageSize + min(size%pageSize, 1)
	if pages<<12 < size || s.shmTot+pages < s.shmTot || s.shmTot+pages > s.shmCtlall {
		return nil, linux.ENOSPC
	}
	if size > 1<<63-1 {
		return nil, linux.EINVAL // past MAX_LFS_FILESIZE
	}
	if flg&linux.SHM_NORESERVE == 0 && !t.k.enoughMemory(pages) {
		return nil, linux.ENOMEM
	}
	o := newObj(key, flg)
	o.shm = &shmSeg{size: size, cpid: t, creator: t}
	if t.k.shmMnt != nil {
		f, err := t.k.shmemFile(t.Cred(), fmt.Sprintf("SYSV%08x", uint32(key)), linux.S_IFREG|0o777)
		if err != nil {
			return nil, err
		}
		in := f.Inode()
		in.rw.Lock()
		err = in.Ops.Truncate(in, int64(size))
		in.rw.Unlock()
		if err != nil {
			f.DecRef()
			return nil, err
		}
		o.shm.file = f
	}
	if err := s.addObj(ipcShm, o, s.shmCtlmni, t.Cred(), t.k.sysvNow()); err != nil {
		if o.shm.file != nil {
			o.shm.file.DecRef()
		}
		return nil, err
	}
	s.shmTot += pages
	return o, nil
}

// enoughMemory is __vm_enough_memory in the default heuristic overcommit
// mode, for a segment's pages charged up front (without SHM_NORESERVE):
// no more than RAM and swap together. A kernel told no RAM size
// refuses nothing.
func (k *Kernel) enoughMemory(pages uint64) bool {
	ram := k.TotalRAMPages()
	swap, _ := k.SwapPages()
	return ram == 0 || pages <= ram+swap
}

func (seg *shmSeg) pages() uint64 { return seg.size/pageSize + min(seg.size%pageSize, 1) }

// shmDestroy is shm_destroy: the segment leaves the set and its file
// goes.
func (s *sysvIPC) shmDestroy(o *ipcObj) {
	s.removeObj(ipcShm, o)
	s.shmTot -= o.shm.pages()
	if f := o.shm.file; f != nil {
		o.shm.file = nil
		f.DecRef()
	}
}

// shmMayDestroy is shm_may_destroy: a segment nobody has attached goes
// if it was removed, or at once under shm_rmid_forced.
func (s *sysvIPC) shmMayDestroy(o *ipcObj) bool {
	return o.shm.nattch == 0 && (s.shmRmidForced != 0 || o.mode&linux.SHM_DEST != 0)
}

// Shmctl is shmctl(2). buf is a *linux.ShmidDS for IPC_STAT, SHM_STAT,
// SHM_STAT_ANY and IPC_SET, a *linux.Shminfo for IPC_INFO and a
// *linux.ShmInfo for SHM_INFO (EFAULT otherwise); IPC_RMID, SHM_LOCK and
// SHM_UNLOCK take none. The result is 0, an id for the *_STAT commands,
// or the highest index in use for the *_INFO ones.
func (t *Task) Shmctl(id int32, cmd int, buf any) (int32, error) {
	ns := t.IPCNamespace()
	s := &ns.sysv
	if id < 0 || cmd < 0 {
		return -1, linux.EINVAL
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch cmd {
	case linux.IPC_INFO:
		info, ok := buf.(*linux.Shminfo)
		if !ok {
			return -1, linux.EFAULT
		}
		*info = linux.Shminfo{Shmmax: s.shmCtlmax, Shmmin: linux.SHMMIN, Shmmni: uint64(s.shmCtlmni),
			Shmseg: linux.SHMSEG, Shmall: s.shmCtlall}
		return max(s.maxIdx(ipcShm), 0), nil
	case linux.SHM_INFO:
		info, ok := buf.(*linux.ShmInfo)
		if !ok {
			return -1, linux.EFAULT
		}
		*info = linux.ShmInfo{UsedIDs: int32(len(s.ids[ipcShm].objs)), ShmTot: s.shmTot}
		return max(s.maxIdx(ipcShm), 0), nil
	case linux.IPC_STAT, linux.SHM_STAT, linux.SHM_STAT_ANY:
		return t.shmStat(ns, id, cmd, buf)
	case linux.IPC_SET, linux.IPC_RMID:
		o, err := s.lookup(ipcShm, id)
		if err != nil {
			return -1, err
		}
		if err := ns.ctlCheck(t.Cred(), o); err != nil {
			return -1, err
		}
		if cmd == linux.IPC_RMID {
			t.shmRmid(s, o)
			return 0, nil
		}
		ds, ok := buf.(*linux.ShmidDS)
		if !ok {
			return -1, linux.EFAULT
		}
		if err := t.setPerm(o, ds.Perm); err != nil {
			return -1, err
		}
		o.ctime = t.k.sysvNow()
		return 0, nil
	case linux.SHM_LOCK, linux.SHM_UNLOCK:
		return 0, t.shmLock(ns, id, cmd)
	}
	return -1, linux.EINVAL
}

// shmStat is IPC_STAT (by id, 0) and SHM_STAT/SHM_STAT_ANY (by index,
// the id); SHM_STAT_ANY skips the read permission.
func (t *Task) shmStat(ns *IPCNamespace, id int32, cmd int, buf any) (int32, error) {
	ds, ok := buf.(*linux.ShmidDS)
	if !ok {
		return -1, linux.EFAULT
	}
	o, err := t.statObj(ns, ipcShm, id, cmd, linux.SHM_STAT_ANY)
	if err != nil {
		return -1, err
	}
	pidns := t.PidNamespace()
	seg := o.shm
	*ds = linux.ShmidDS{Perm: t.permOf(o), Segsz: seg.size, Atime: seg.atime, Dtime: seg.dtime, Ctime: o.ctime,
		Cpid: pidOf(seg.cpid, pidns), Lpid: pidOf(seg.lpid, pidns), Nattch: seg.nattch}
	if cmd == linux.IPC_STAT {
		return 0, nil
	}
	return o.id, nil
}

// shmRmid is do_shm_rmid: an attached segment is marked and loses its
// key; one nobody uses goes now.
func (t *Task) shmRmid(s *sysvIPC, o *ipcObj) {
	if o.shm.nattch > 0 {
		o.mode |= linux.SHM_DEST
		s.makePrivate(ipcShm, o)
		return
	}
	s.shmDestroy(o)
}

// shmLock is SHM_LOCK/SHM_UNLOCK: without CAP_IPC_LOCK only the owner or
// creator may, and locking then needs a nonzero RLIMIT_MEMLOCK. Nothing
// is paged, so the flag is all there is.
func (t *Task) shmLock(ns *IPCNamespace, id int32, cmd int) error {
	o, err := ns.sysv.lookup(ipcShm, id)
	if err != nil {
		return err
	}
	c := t.Cred()
	if !c.NsCapable(ns.userNS, linux.CAP_IPC_LOCK) {
		if c.EUID != o.uid && c.EUID != o.cuid {
			return linux.EPERM
		}
		if lim, _ := t.Getrlimit(linux.RLIMIT_MEMLOCK); cmd == linux.SHM_LOCK && lim.Cur == 0 {
			return linux.EPERM
		}
	}
	if cmd == linux.SHM_LOCK {
		o.mode |= linux.SHM_LOCKED
	} else {
		o.mode &^= linux.SHM_LOCKED
	}
	return nil
}

// Shmat is shmat(2) without memory: the attach is counted and recorded
// for the task, at addr (page-aligned, or rounded down with SHM_RND) or
// at an address of the task's own choosing. Read-only attaches need read
// permission, others read and write, SHM_EXEC execute as well.
func (t *Task) Shmat(id int32, addr uintptr, flg int) (uintptr, error) {
	if addr%pageSize != 0 {
		if flg&linux.SHM_RND == 0 {
			return 0, linux.EINVAL
		}
		addr &^= pageSize - 1
	}
	if addr == 0 && flg&linux.SHM_REMAP != 0 {
		return 0, linux.EINVAL
	}
	if id < 0 {
		return 0, linux.EINVAL
	}
	ns := t.IPCNamespace()
	s := &ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.lookup(ipcShm, id)
	if err != nil {
		return 0, err
	}
	want := uint32(0o444)
	if flg&linux.SHM_RDONLY == 0 {
		want |= 0o222
	}
	if flg&linux.SHM_EXEC != 0 {
		want |= 0o111
	}
	if err := ns.ipcPerms(t.Cred(), o, want); err != nil {
		return 0, err
	}
	at := &t.shm
	at.mu.Lock()
	defer at.mu.Unlock()
	size := uintptr(o.shm.pages()) * pageSize
	if addr == 0 {
		addr = shmBase + at.next
		at.next += size + pageSize
	} else if err := t.shmPlace(ns, addr, size, flg&linux.SHM_REMAP != 0); err != nil {
		return 0, err
	}
	at.list = append(at.list, shmAttach{addr: addr, size: size, ns: ns, obj: o})
	seg := o.shm
	seg.nattch++
	seg.atime, seg.lpid = t.k.sysvNow(), t
	return addr, nil
}

// shmPlace makes room at addr for size bytes: an attach already there is
// EINVAL, or with SHM_REMAP is replaced, wholly detached (Linux would
// keep what of it lies outside). The caller holds the task's attach
// lock and the lock of ns, its namespace.
func (t *Task) shmPlace(ns *IPCNamespace, addr, size uintptr, remap bool) error {
	at := &t.shm
	keep := at.list[:0]
	var gone []shmAttach
	for _, x := range at.list {
		if x.addr < addr+size && addr < x.addr+x.size {
			if !remap {
				return linux.EINVAL
			}
			gone = append(gone, x)
			continue
		}
		keep = append(keep, x)
	}
	at.list = keep
	for _, x := range gone {
		if x.ns != ns {
			// An attach made before an unshare: only this task ever
			// holds two namespaces' locks.
			x.ns.sysv.mu.Lock()
			defer x.ns.sysv.mu.Unlock()
		}
		x.ns.sysv.detachLocked(t, x)
	}
	return nil
}

// Shmdt is shmdt(2): the attach at addr ends (EINVAL for none).
func (t *Task) Shmdt(addr uintptr) error {
	at := &t.shm
	at.mu.Lock()
	var a shmAttach
	i := -1
	for j, x := range at.list {
		if x.addr == addr {
			i, a = j, x
			break
		}
	}
	if i < 0 {
		at.mu.Unlock()
		return linux.EINVAL
	}
	at.list = append(at.list[:i], at.list[i+1:]...)
	at.mu.Unlock()
	t.shmDetach(a)
	return nil
}

// shmDetach is shm_close: one attach fewer; a segment that may go, goes.
func (t *Task) shmDetach(a shmAttach) {
	s := &a.ns.sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	s.detachLocked(t, a)
}

// detachLocked is shmDetach with the namespace's lock held.
func (s *sysvIPC) detachLocked(t *Task, a shmAttach) {
	seg := a.obj.shm
	seg.nattch--
	seg.dtime, seg.lpid = t.k.sysvNow(), t
	if !a.obj.deleted && s.shmMayDestroy(a.obj) {
		s.shmDestroy(a.obj)
	}
}

// exitShm detaches everything a task still has attached, as its address
// space goes; then, under shm_rmid_forced, the segments it created that
// nobody has attached go too (exit_shm).
func (t *Task) exitShm() {
	at := &t.shm
	at.mu.Lock()
	list := at.list
	at.list = nil
	at.mu.Unlock()
	for _, a := range list {
		t.shmDetach(a)
	}
	s := &t.IPCNamespace().sysv
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shmRmidForced == 0 {
		return
	}
	for _, o := range s.ids[ipcShm].objs {
		if o.shm.creator == t && s.shmMayDestroy(o) {
			s.shmDestroy(o)
		}
	}
}

// destroyOrphanedShm is shm_destroy_orphaned, run when shm_rmid_forced is
// set: segments nobody has attached whose creator is gone are removed.
func (s *sysvIPC) destroyOrphanedShm() {
	for _, o := range s.ids[ipcShm].objs {
		if c := o.shm.creator; (c == nil || c.exited.Load()) && s.shmMayDestroy(o) {
			s.shmDestroy(o)
		}
	}
}
