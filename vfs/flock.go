// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// BSD file locks (flock(2), fs/locks.c): a lock belongs to an open file
// description and is on its inode; shared locks go together, an exclusive
// one goes alone. It goes with LOCK_UN or the description's last close
// (locks_remove_flock). There are no POSIX (fcntl) locks here.

// flockTable is a kernel's flock state: the locks of each locked inode.
type flockTable struct {
	mu   sync.Mutex
	cond *sync.Cond
	// held counts the locks, so that closing a file need not look when
	// there are none.
	held  atomic.Int64
	locks map[*Inode]map[*File]int // LOCK_SH or LOCK_EX
}

// conflicts is flock_locks_conflict for f asking for kind on in.
func (ft *flockTable) conflicts(in *Inode, f *File, kind int) bool {
	for other, k := range ft.locks[in] {
		if other != f && (kind == linux.LOCK_EX || k == linux.LOCK_EX) {
			return true
		}
	}
	return false
}

// drop removes f's lock on in; ft.mu is held.
func (ft *flockTable) drop(in *Inode, f *File) {
	m := ft.locks[in]
	if _, ok := m[f]; !ok {
		return
	}
	delete(m, f)
	if len(m) == 0 {
		delete(ft.locks, in)
	}
	ft.held.Add(-1)
	if ft.cond != nil {
		ft.cond.Broadcast()
	}
}

// release is locks_remove_file: the description's last close.
func (ft *flockTable) release(f *File) {
	if ft.held.Load() == 0 {
		return
	}
	ft.mu.Lock()
	ft.drop(f.Inode(), f)
	ft.mu.Unlock()
}

// Flock is flock(2): LOCK_SH, LOCK_EX or LOCK_UN, with LOCK_NB to fail
// EWOULDBLOCK rather than wait. A wait ends with EINTR when the kernel is
// interrupted, the task is dying, or cancel (which may be nil) is closed:
// flock(1)'s timeout.
func (t *Task) Flock(fd, op int, cancel <-chan struct{}) error {
	kind := op &^ linux.LOCK_NB
	if kind != linux.LOCK_SH && kind != linux.LOCK_EX && kind != linux.LOCK_UN {
		return linux.EINVAL
	}
	return t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		return t.k.flocks.lock(t, f, kind, op&linux.LOCK_NB != 0, cancel)
	})
}

// lock is flock_lock_inode_wait. A conversion drops the old lock first,
// so a shared lock asked to become exclusive may be lost while waiting,
// as on Linux.
func (ft *flockTable) lock(t *Task, f *File, kind int, nb bool, cancel <-chan struct{}) error {
	in := f.Inode()
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if old, ok := ft.locks[in][f]; ok {
		if old == kind {
			return nil
		}
		ft.drop(in, f)
	}
	if kind == linux.LOCK_UN {
		return nil
	}
	for ft.conflicts(in, f, kind) {
		if nb {
			return linux.EWOULDBLOCK
		}
		if err := ft.wait(t, cancel); err != nil {
			return err
		}
	}
	if ft.locks == nil {
		ft.locks = map[*Inode]map[*File]int{}
	}
	if ft.locks[in] == nil {
		ft.locks[in] = map[*File]int{}
	}
	ft.locks[in][f] = kind
	ft.held.Add(1)
	return nil
}

// wait sleeps until some lock goes, or fails EINTR; ft.mu is held.
func (ft *flockTable) wait(t *Task, cancel <-chan struct{}) error {
	if ft.cond == nil {
		ft.cond = sync.NewCond(&ft.mu)
	}
	stop := make(chan struct{})
	defer close(stop)
	t.k.sleepers.add(ft)
	defer t.k.sleepers.remove(ft)
	if cancel != nil {
		go func() {
			select {
			case <-cancel:
				ft.wake()
			case <-stop:
			}
		}()
	}
	if t.fatalSignalPending() || isClosed(cancel) {
		return linux.EINTR
	}
	ft.cond.Wait()
	if t.fatalSignalPending() || isClosed(cancel) {
		return linux.EINTR
	}
	return nil
}

// checksTask: wait looks at its task's fatal signal when woken.
func (*flockTable) checksTask() {}

// wake is the interrupt side of wait.
func (ft *flockTable) wake() {
	ft.mu.Lock()
	if ft.cond != nil {
		ft.cond.Broadcast()
	}
	ft.mu.Unlock()
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
