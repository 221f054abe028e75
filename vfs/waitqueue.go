// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// WaitQueue is a wait_queue_head for a driver outside the core (a pty):
// tasks sleep on it holding the driver's lock, as on a condition
// variable, and Kernel.Interrupt wakes them with EINTR as it wakes a
// pipe's sleepers. Its owner calls Close when no task can sleep on it
// any more, so the kernel forgets it.
type WaitQueue struct {
	k    *Kernel
	lock sync.Locker
	cond *sync.Cond
}

// NewWaitQueue makes a wait queue whose sleepers hold lock.
func (k *Kernel) NewWaitQueue(lock sync.Locker) *WaitQueue {
	w := &WaitQueue{k: k, lock: lock, cond: sync.NewCond(lock)}
	k.sleepers.add(w)
	return w
}

// Wait sleeps until WakeAll, with the lock held on entry and on return;
// EINTR once the kernel is interrupted.
func (w *WaitQueue) Wait() error {
	if w.k.interrupted.Load() {
		return linux.EINTR
	}
	w.cond.Wait()
	if w.k.interrupted.Load() {
		return linux.EINTR
	}
	return nil
}

// WakeAll is wake_up_interruptible_all; the caller holds the lock.
func (w *WaitQueue) WakeAll() { w.cond.Broadcast() }

// Close takes the queue out of the kernel's sleepers.
func (w *WaitQueue) Close() { w.k.sleepers.remove(w) }

// wake is Interrupt's way in.
func (w *WaitQueue) wake() {
	w.lock.Lock()
	w.cond.Broadcast()
	w.lock.Unlock()
}
