// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"
	"time"
)

// The realtime clock that current_time reads. time.Now reads two clocks
// (the wall clock and the monotonic one, one vDSO call each, about 30 ns
// apiece in a VM with kvm-clock); every rename, create, write and relatime
// check reads it. The two clocks run at one rate (NTP's frequency and slew
// adjust both; only a step, settimeofday or clock_settime, moves the wall
// clock alone), so the wall time is the monotonic time plus an offset that
// changes only at a step. realNow reads the monotonic clock and adds the
// offset, which it refreshes from time.Now at least every wallResync, so a
// step shows within that time: the kernel's current_time reads the coarse
// clock, which lags by up to a tick (4 ms at HZ=250), so this is no worse.

// wallResync is how long an offset is trusted.
const wallResync = int64(time.Millisecond)

// monoBase is the origin of the monotonic readings.
var monoBase = time.Now()

var wallClock struct {
	offset atomic.Int64 // wall ns minus monotonic ns (since monoBase)
	synced atomic.Int64 // the monotonic reading the offset was taken at
}

func init() { wallClock.offset.Store(monoBase.UnixNano()) }

// realNow is ktime_get_real_ts64 at one clock read.
func realNow() Timespec {
	m := int64(time.Since(monoBase))
	if m-wallClock.synced.Load() >= wallResync {
		t := time.Now()
		mt := int64(t.Sub(monoBase))
		wallClock.offset.Store(t.UnixNano() - mt)
		wallClock.synced.Store(mt)
		return TimespecOf(t)
	}
	return timespecOfNanos(m + wallClock.offset.Load())
}
