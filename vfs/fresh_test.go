// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"
	"testing"
)

// TestFreshStores checks that a plain store through fresh* lands where
// the atomic type's Load reads: the layout fresh.go relies on.
func TestFreshStores(t *testing.T) {
	var u atomic.Uint32
	freshUint32(&u, 0xdeadbeef)
	var i atomic.Int64
	freshInt64(&i, -1<<62)
	var p atomic.Pointer[int]
	x := 7
	freshPointer(&p, &x)
	var times inodeTimes
	times.freshTime(slotM, Timespec{1765000000, 123456789})
	if u.Load() != 0xdeadbeef || i.Load() != -1<<62 || p.Load() != &x || times.load(slotM) != (Timespec{1765000000, 123456789}) {
		t.Fatalf("fresh stores not read back: %#x %d %p %v", u.Load(), i.Load(), p.Load(), times.load(slotM))
	}
}
