// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"runtime"
	"sync/atomic"
)

// stat reads an inode's attributes without its lock, as generic_fillattr
// does: an uncontended lock and unlock were a fifth of a cached stat's
// CPU profile. Size, blocks and the link count are one word each, kept
// atomically. The four times are eight words; their writers change them
// inside a sequence count that is also their lock (a seqlock: a writer
// makes the count odd by compare-and-swap), and a lock-free reader tries
// again when a change overlapped its reads (the pattern of
// i_size_seqcount, here for the times). Writers need not hold the inode's
// mu: a rename touched three inodes, and their three lock round trips
// were a tenth of its CPU profile.

// inodeTimes are an inode's atime, mtime, ctime and btime, each second
// count a word and each nanosecond count (below 10^9) half of one, read
// and written atomically: split so, the four take 48 bytes where four
// two-word Timespecs took 64, which keeps Inode in the 256-byte size
// class (TestInodeSize).
type inodeTimes struct {
	seq  atomic.Uint32 // odd while a writer is inside
	nsec [4]atomic.Uint32
	sec  [4]atomic.Int64
}

// The times, by their index in inodeTimes.
const (
	slotA = iota
	slotM
	slotC
	slotB
)

func (t *inodeTimes) load(i int) Timespec {
	ns := t.nsec[i].Load()
	if i == slotC {
		ns &^= ctimeQueried // stat's mark (mgtime.go), as inode_get_ctime_nsec drops it
	}
	return Timespec{t.sec[i].Load(), int64(ns)}
}

func (t *inodeTimes) store(i int, v Timespec) {
	t.sec[i].Store(v.Sec)
	t.nsec[i].Store(uint32(v.Nsec))
}

// beginWrite and endWrite bracket a change of the times; beginWrite waits
// for a writer inside to leave, so writers never overlap.
func (t *inodeTimes) beginWrite() {
	for {
		if s := t.seq.Load(); s&1 == 0 && t.seq.CompareAndSwap(s, s+1) {
			return
		}
		runtime.Gosched() // a writer is inside, for a few stores
	}
}

func (t *inodeTimes) endWrite() { t.seq.Add(1) }

// read returns the four times as one writer left them, without the lock.
func (t *inodeTimes) read() (a, m, c, b Timespec) {
	for {
		if s := t.seq.Load(); s&1 == 0 {
			a, m, c, b = t.load(slotA), t.load(slotM), t.load(slotC), t.load(slotB)
			if t.seq.Load() == s {
				return a, m, c, b
			}
		}
		runtime.Gosched() // a writer is inside; let it finish
	}
}
