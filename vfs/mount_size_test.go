// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"testing"
	"unsafe"
)

// TestMountSize keeps Mount within the 240-byte size class: propagation
// allocates one per peer and a bind one per mount, so the per-copy cost
// and a bind's memory (issue 15: at most 0.6× gVisor's) follow its size.
func TestMountSize(t *testing.T) {
	if n := unsafe.Sizeof(Mount{}); n > 240 {
		t.Fatalf("Mount is %d bytes, more than the 240-byte size class", n)
	}
}

// TestInodeSize keeps Inode within the 256-byte size class: every file,
// directory and mount's root is one.
func TestInodeSize(t *testing.T) {
	if n := unsafe.Sizeof(Inode{}); n > 256 {
		t.Fatalf("Inode is %d bytes, more than the 256-byte size class", n)
	}
}

// TestInodeTimesRoundTrip stores times with every nanosecond count a
// filesystem can hand over (a FUSE server's are 32-bit) and negative and
// far seconds, and reads them back unchanged; but a ctime loses the top
// bit of its nanoseconds, which is stat's mark, as on Linux.
func TestInodeTimesRoundTrip(t *testing.T) {
	var it inodeTimes
	for _, v := range []Timespec{{0, 0}, {-1, 999_999_999}, {1 << 62, 1}, {-1 << 62, 4294967295}, {1765000000, 123456789}} {
		for slot := slotA; slot <= slotB; slot++ {
			it.store(slot, v)
			want := v
			if slot == slotC {
				want.Nsec &^= 1 << 31
			}
			if got := it.load(slot); got != want {
				t.Errorf("slot %d: stored %v, read %v", slot, v, got)
			}
		}
	}
}

// TestFDTableSize keeps a descriptor table on a cache line of its own
// (the 64-byte size class): tables of tasks on different cores must not
// share one.
func TestFDTableSize(t *testing.T) {
	if n := unsafe.Sizeof(FDTable{}); n != 64 {
		t.Fatalf("FDTable is %d bytes, want 64", n)
	}
}
