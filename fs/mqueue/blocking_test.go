// SPDX-License-Identifier: Apache-2.0

package mqueue_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// waitSleeping yields until the queue at fd has the given sleepers: a
// task on another goroutine has gone to sleep in the queue.
func waitSleeping(task *vfs.Task, fd, senders, receivers int) {
	for {
		s, r := mqueue.Sleeping(task, fd)
		if s == senders && r == receivers {
			return
		}
		runtime.Gosched()
	}
}

type received struct {
	text string
	prio uint32
	err  error
}

// receiveAsync receives on another goroutine, as task.
func receiveAsync(task *vfs.Task, fd int, deadline *vfs.Timespec) <-chan received {
	ch := make(chan received, 1)
	go func() {
		b := make([]byte, 8192)
		n, prio, err := task.MqTimedreceive(fd, b, deadline)
		ch <- received{string(b[:n]), prio, err}
	}()
	return ch
}

// A receiver asleep on an empty queue gets the next message directly
// (pipelined_send): the message is never queued, so a registered task is
// not notified.
func TestReceiverWakes(t *testing.T) {
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	receiver := task.Clone(0)
	defer receiver.Exit()
	got := receiveAsync(receiver, q, nil)
	waitSleeping(task, q, 0, 1)
	if err := task.MqNotify(q, &vfs.Sigevent{Notify: linux.SIGEV_NONE}); err != nil {
		t.Fatal(err)
	}
	if err := task.MqTimedsend(q, []byte("direct"), 7, nil); err != nil {
		t.Fatal(err)
	}
	if r := <-got; r != (received{"direct", 7, nil}) {
		t.Errorf("receiver got %+v", r)
	}
	if s := status(t, task, q); s != statusLine(0, linux.SIGEV_NONE, 0, task.TID()) {
		t.Errorf("after a direct hand-over: %q", s)
	}
}

// A sender asleep on a full queue has its message queued by the receiver
// that makes room (pipelined_receive), and returns.
func TestSenderWakes(t *testing.T) {
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 16))
	task.MqTimedsend(q, []byte("first"), 1, nil)
	sender := task.Clone(0)
	defer sender.Exit()
	done := make(chan error, 1)
	go func() { done <- sender.MqTimedsend(q, []byte("second"), 9, nil) }()
	waitSleeping(task, q, 1, 0)
	b := make([]byte, 16)
	if n, prio, err := task.MqTimedreceive(q, b, nil); err != nil || string(b[:n]) != "first" || prio != 1 {
		t.Fatalf("receive: %q %d %v", b[:n], prio, err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the woken sender: %v", err)
	}
	if s := status(t, task, q); s != statusLine(6, 0, 0, 0) {
		t.Errorf("the sender's message is queued: %q", s)
	}
}

// A sleeper's deadline ends its sleep with ETIMEDOUT, and it leaves the
// queue's sleepers.
func TestSleepTimesOut(t *testing.T) {
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, nil)
	soon := vfs.TimespecOf(time.Now().Add(5 * time.Millisecond))
	if r := <-receiveAsync(task, q, &soon); r.err != linux.ETIMEDOUT {
		t.Errorf("receive with a deadline: %+v, want ETIMEDOUT", r)
	}
	if s, r := mqueue.Sleeping(task, q); s != 0 || r != 0 {
		t.Errorf("%d senders and %d receivers left asleep", s, r)
	}
}

// Kernel.Interrupt wakes a sleeping receiver with EINTR, and later calls
// fail at once.
func TestSleepInterrupted(t *testing.T) {
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(1, 16))
	receiver := task.Clone(0)
	defer receiver.Exit()
	got := receiveAsync(receiver, q, nil)
	waitSleeping(task, q, 0, 1)
	task.Kernel().Interrupt()
	if r := <-got; r.err != linux.EINTR {
		t.Errorf("interrupted receiver: %+v", r)
	}
	task.MqTimedsend(q, []byte("a"), 0, nil)
	if err := task.MqTimedsend(q, []byte("b"), 0, nil); err != linux.EINTR {
		t.Errorf("send to a full queue after Interrupt: %v", err)
	}
	if s, r := mqueue.Sleeping(task, q); s != 0 || r != 0 {
		t.Errorf("%d senders and %d receivers left asleep", s, r)
	}
}

// Senders and receivers on tasks of their own, through a short queue so
// that both sides sleep: every message arrives once, and each sender's
// messages of one priority arrive in the order sent.
func TestConcurrentSendReceive(t *testing.T) {
	const senders, receivers, each = 4, 3, 60
	task := boot(t)
	q := mustOpen(t, task, "/q", linux.O_CREAT|linux.O_RDWR, 0o600, attr(3, 16))
	var wg sync.WaitGroup
	for s := range senders {
		st := task.Clone(0)
		wg.Go(func() {
			defer st.Exit()
			for j := range each {
				if err := st.MqTimedsend(q, fmt.Appendf(nil, "%d %d", s, j), uint32(j%3), nil); err != nil {
					t.Errorf("sender %d: %v", s, err)
					return
				}
			}
		})
	}
	logs := make([][]string, receivers)
	for r := range receivers {
		rt := task.Clone(0)
		wg.Go(func() {
			defer rt.Exit()
			b := make([]byte, 16)
			for range senders * each / receivers {
				n, _, err := rt.MqTimedreceive(q, b, nil)
				if err != nil {
					t.Errorf("receiver %d: %v", r, err)
					return
				}
				logs[r] = append(logs[r], string(b[:n]))
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for r, log := range logs {
		last := map[[2]int]int{} // (sender, priority) → last j seen
		for _, m := range log {
			var s, j int
			fmt.Sscan(m, &s, &j)
			if seen[m] {
				t.Errorf("%q received twice", m)
			}
			seen[m] = true
			key := [2]int{s, j % 3}
			if prev, ok := last[key]; ok && prev > j {
				t.Errorf("receiver %d: %q after message %d of the same sender and priority", r, m, prev)
			}
			last[key] = j
		}
	}
	if len(seen) != senders*each {
		t.Errorf("%d messages received, want %d", len(seen), senders*each)
	}
	if a, _ := task.MqGetsetattr(q, nil); a.Curmsgs != 0 {
		t.Errorf("%d messages left", a.Curmsgs)
	}
}
