// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"sync"
	"sync/atomic"
)

// Kernel.namespaceMu is namespace_sem. Dropping the last reference to an
// unmounted mount releases it under the lock, and that release can end in
// a driver dropping another file (a loop device letting go of its backing
// file when its filesystem dies), whose mount may need releasing in turn,
// while the lock is held. The kernel defers such work (delayed_mntput,
// fput's task_work); here mntput queues the mount, and whoever holds or
// next takes the lock releases it before going on, so a caller never waits
// on a lock its own call chain holds and no later mount(2) or umount(2)
// sees a release still pending.

// deferredReleases are unmounted mounts whose last reference went while
// the namespace lock was taken.
type deferredReleases struct {
	mu sync.Mutex
	ms []*Mount
	// drops are private mounts of stacked filesystems to let go of
	// (DropPrivateMount), queued because their superblock's end may run
	// under the lock.
	drops []*Mount
	// n is len(ms)+len(drops), for the checks of every lock and unlock that find
	// nothing queued (almost all) without taking mu.
	n atomic.Int32
	// puts are the namespaces released binds of their files held; the
	// last put of a mount namespace takes the lock to tear its tree
	// down, so they are dropped once it is free. Guarded by
	// Kernel.namespaceMu, not mu: only releases under it queue them.
	puts []Namespace
}

// lockNamespace is down_write(&namespace_sem), then the pending releases.
func (k *Kernel) lockNamespace() {
	k.namespaceMu.Lock()
	k.runDeferredLocked()
}

// unlockNamespace is namespace_unlock: pending releases run before the
// lock goes, and one queued just after is taken care of by trying again.
func (k *Kernel) unlockNamespace() {
	k.runDeferredLocked()
	puts := k.deferred.puts
	k.deferred.puts = nil
	k.namespaceMu.Unlock()
	for _, ns := range puts {
		ns.put()
	}
	if k.deferred.pending() && k.namespaceMu.TryLock() {
		k.unlockNamespace()
	}
}

// deferRelease queues m and releases it at once if the lock is free.
func (k *Kernel) deferRelease(m *Mount) {
	k.deferred.mu.Lock()
	k.deferred.ms = append(k.deferred.ms, m)
	k.deferred.n.Store(int32(len(k.deferred.ms) + len(k.deferred.drops)))
	k.deferred.mu.Unlock()
	if k.namespaceMu.TryLock() {
		k.unlockNamespace()
	}
}

// pending reports whether a release is queued, under the queue's lock:
// a failed TryLock orders nothing in Go's memory model, so after its
// Unlock a holder must take the lock to be sure to see what a
// deferRelease that found the namespace lock taken has queued.
func (d *deferredReleases) pending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.ms)+len(d.drops) > 0
}

// mayBePending is pending without the lock, for a holder of the
// namespace lock: it may miss a release queued concurrently, which the
// holder's unlockNamespace then finds (pending).
func (d *deferredReleases) mayBePending() bool { return d.n.Load() > 0 }

// runDeferredLocked releases the queued mounts, and those their release
// queues in turn. namespaceMu held.
func (k *Kernel) runDeferredLocked() {
	for k.deferred.mayBePending() {
		k.deferred.mu.Lock()
		ms, drops := k.deferred.ms, k.deferred.drops
		k.deferred.ms, k.deferred.drops = nil, nil
		k.deferred.n.Store(0)
		k.deferred.mu.Unlock()
		if len(ms) == 0 && len(drops) == 0 {
			return
		}
		for _, m := range ms {
			m.releaseLocked()
		}
		for _, m := range drops {
			k.kernMounts = slices.DeleteFunc(k.kernMounts, func(o *Mount) bool { return o == m })
			m.state.set(stateUnmounted)
			m.mntput() // queues its release, which this loop runs
		}
	}
}

// putNamespaceLater queues a reference to ns for the next unlock to
// drop. namespaceMu held.
func (k *Kernel) putNamespaceLater(ns Namespace) {
	k.deferred.puts = append(k.deferred.puts, ns)
}
