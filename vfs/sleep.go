// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// A Sleeper is one task's interruptible sleep with an optional deadline,
// for a filesystem that queues its sleeping tasks itself (ipc/mqueue.c's
// ext_wait_queue with schedule_hrtimeout_range_clock): the waker hands the
// task its result under the filesystem's lock, then calls Wake; the task,
// back from Sleep, looks at that result under the same lock. A Wake that
// comes before the task sleeps is not lost.
//
// While a task sleeps, Kernel.Interrupt wakes it with EINTR. No goroutine
// is started: the deadline is a timer, stopped by Done.
type Sleeper struct {
	k     *Kernel
	wakeC chan struct{} // one pending wake-up at most
	timer *time.Timer   // nil without a deadline
}

// NewSleeper prepares t to sleep until deadline, an absolute time of the
// kernel's clock (CLOCK_REALTIME); nil means no deadline. Call Done when
// the sleep is over.
func (t *Task) NewSleeper(deadline *Timespec) *Sleeper {
	s := &Sleeper{k: t.k, wakeC: make(chan struct{}, 1)}
	if deadline != nil {
		d := deadline.Time().Sub(t.k.Now().Time())
		s.timer = time.NewTimer(max(d, 0))
	}
	return s
}

// Wake wakes the sleeper, or makes its next Sleep return at once.
func (s *Sleeper) Wake() {
	select {
	case s.wakeC <- struct{}{}:
	default:
	}
}

// wake is Kernel.Interrupt's way in.
func (s *Sleeper) wake() { s.Wake() }

// Sleep blocks until Wake (nil: the caller checks why), the deadline
// (ETIMEDOUT) or Kernel.Interrupt (EINTR, the fatal signal of a task's
// kernel giving up on it).
func (s *Sleeper) Sleep() error {
	s.k.sleepers.add(s)
	defer s.k.sleepers.remove(s)
	// Interrupt sets the flag before it looks for sleepers: checked after
	// joining them, it cannot be missed.
	if s.k.interrupted.Load() {
		return linux.EINTR
	}
	var expired <-chan time.Time
	if s.timer != nil {
		expired = s.timer.C
	}
	select {
	case <-s.wakeC:
	case <-expired:
		return linux.ETIMEDOUT
	}
	if s.k.interrupted.Load() {
		return linux.EINTR
	}
	return nil
}

// Done releases the deadline's timer.
func (s *Sleeper) Done() {
	if s.timer != nil {
		s.timer.Stop()
	}
}
