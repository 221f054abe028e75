// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"testing"
	"time"
)

// TestRealNowIsWallTime checks that the clock built on monotonic readings
// gives the wall time, both from a fresh offset and from one reused. The
// offset is taken from one time.Now, whose wall and monotonic readings
// are two clock reads: a thread preempted between them skews the offset
// by the pause, so readings may stray by a few ms (the kernel's coarse
// clock lags by up to a tick too); more means a wrong clock.
func TestRealNowIsWallTime(t *testing.T) {
	const slack = int64(5 * time.Millisecond)
	for i := 0; i < 1000; i++ {
		if i%100 == 0 {
			wallClock.synced.Store(-wallResync) // force a resync
		}
		before := time.Now()
		got := realNow()
		after := time.Now()
		if got.Nsec < 0 || got.Nsec >= 1e9 {
			t.Fatalf("nsec out of range: %+v", got)
		}
		ns := got.Sec*1e9 + got.Nsec
		if ns < before.UnixNano()-slack || ns > after.UnixNano()+slack {
			t.Fatalf("realNow %d not within [%d, %d]", ns, before.UnixNano(), after.UnixNano())
		}
	}
}
