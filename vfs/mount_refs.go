// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

// Long-lived references to a mount (mnt_count): open files, task roots
// and working directories. Linux counts them per CPU, since every open
// and close changes the count and one shared counter makes tasks on
// different cores take turns at its cache line. Here they are kept in
// refShardCount counters a cache line apart, made with the mount's first
// reference; a goroutine uses the one its stack's address picks, so
// goroutines mostly stay on counters of their own, and a reference may be
// dropped on another counter than it was taken on (only the sum means
// anything). Mount.refs keeps what is not a user's: kern_mount's own
// reference, and deadRefs once the mount is released.
//
// Releasing (releaseLocked) marks refs dead and only then sums the
// counters; taking a reference (tryGet) adds to a counter and only then
// looks at refs. With sequentially consistent atomics one of the two sees
// the other: either the sum is not zero and the release gives up (and
// revives refs), or tryGet sees the mark, takes its count back and waits
// for the verdict.

const refShardCount = 8

type refShard struct {
	n atomic.Int32
	_ [60]byte // one cache line each
}

type refShards [refShardCount]refShard

// shardHint picks a counter for the calling goroutine from an address on
// its stack. Goroutine stacks are separate blocks of 8 KiB or more, each
// aligned to its size, so the low bits above 8 KiB tell the depth in the
// stack rather than the stack: all the bits above are hashed
// (Fibonacci hashing) and the top three kept.
func shardHint() int {
	var probe byte
	return int((uint64(uintptr(unsafe.Pointer(&probe))>>13) * 0x9e3779b97f4a7c15) >> 61)
}

// counter returns the calling goroutine's counter of m's references.
func (m *Mount) counter() *atomic.Int32 {
	s := m.shards.Load()
	if s == nil {
		s = new(refShards)
		if !m.shards.CompareAndSwap(nil, s) {
			s = m.shards.Load()
		}
	}
	return &s[shardHint()].n
}

// refCount is mnt_get_count: the long-lived references now.
func (m *Mount) refCount() int32 {
	n := m.refs.Load()
	if s := m.shards.Load(); s != nil {
		for i := range s {
			n += s[i].n.Load()
		}
	}
	return n
}

// get takes a long-lived reference on a mount the caller knows is not
// released (a task's root or working directory it copies).
func (m *Mount) get() { m.counter().Add(1) }

// tryGet is legitimize_mnt for a mount a lock-free walk found: a
// long-lived reference, unless the mount was released after the walk saw
// it (it was unmounted and nothing held it). Then the caller walks again,
// as Linux's ref-walk retry would, and no longer finds it.
func (m *Mount) tryGet() bool {
	c := m.counter()
	for {
		c.Add(1)
		if m.refs.Load() >= 0 {
			return true
		}
		c.Add(-1)
		for m.refs.Load() < 0 { // a release is deciding: wait for it
			if m.state.has(stateReleased) {
				return false
			}
			runtime.Gosched()
		}
	}
}

// mntput drops a long-lived reference. As Linux's mntput, any use of the
// mount clears the mark of a first MNT_EXPIRE; the last reference of an
// unmounted mount releases it. When a release is deciding meanwhile (refs
// marked), it may have counted this reference before it was dropped and
// be about to give up: another attempt is queued, which costs nothing if
// the mount is released by then.
func (m *Mount) mntput() {
	if m.state.has(stateExpiry) {
		m.state.clear(stateExpiry)
	}
	m.counter().Add(-1)
	if m.state.has(stateUnmounted) && (m.refs.Load() < 0 || m.refCount() == 0) {
		m.sb.k.deferRelease(m) // namespace_lock.go: the caller may hold the lock
	}
}
