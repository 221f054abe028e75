// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"
	"unsafe"
)

// Stores into an object nobody else can reach yet. An atomic store on
// amd64 is an XCHG, which waits for every earlier store to leave the
// store buffer; right after the allocator zeroed the object that buffer
// is full, and a fresh inode's dozen atomic stores (times, mode, owner)
// were a tenth of a tmpfs mount. Before the object is published (by a
// lock, a channel or an atomic pointer store, each a happens-before edge
// for whoever finds it) plain stores are enough. Each sync/atomic type
// keeps its value as its only non-empty field, at offset 0
// (TestFreshStores checks the round trip).

func freshUint32(p *atomic.Uint32, v uint32) { *(*uint32)(unsafe.Pointer(p)) = v }

func freshInt64(p *atomic.Int64, v int64) { *(*int64)(unsafe.Pointer(p)) = v }

func freshPointer[T any](p *atomic.Pointer[T], v *T) {
	*(*unsafe.Pointer)(unsafe.Pointer(p)) = unsafe.Pointer(v)
}

// freshTime sets slot i of times not yet visible to anyone.
func (t *inodeTimes) freshTime(i int, v Timespec) {
	freshInt64(&t.sec[i], v.Sec)
	freshUint32(&t.nsec[i], uint32(v.Nsec))
}
