// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"testing"
	"time"
)

// TestRealNowIsWallTime checks that the clock built on monotonic readings
// gives the wall time, both from a fresh offset and from one reused.
func TestRealNowIsWallTime(t *testing.T) {
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
		if ns < before.UnixNano() || ns > after.UnixNano() {
			t.Fatalf("realNow %d not within [%d, %d]", ns, before.UnixNano(), after.UnixNano())
		}
	}
}
