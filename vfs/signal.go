// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Siginfo is the part of a kernel_siginfo linuxvfs records: tasks have no
// signal handling, so a signal the kernel sends a task (a message queue's
// notification) is kept, in order, for the embedder to look at.
type Siginfo struct {
	Signo int32
	Code  int32  // si_code (SI_MESGQ)
	Pid   int32  // si_pid: the sender's thread-group ID
	UID   uint32 // si_uid: the sender's real user ID
	Value uint64 // si_value (sigev_value)
}

// sigRecord is a task's list of recorded signals.
type sigRecord struct {
	mu  sync.Mutex
	got []Siginfo
}

// SendSiginfo records si as sent to t (kill_pid_info). Signal 0 sends
// nothing, as kill(2) with it only checks; a standard signal already
// recorded and not yet taken is not recorded twice (legacy_queue).
func (t *Task) SendSiginfo(si Siginfo) {
	if si.Signo == 0 {
		return
	}
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	if si.Signo < linux.SIGRTMIN {
		for _, p := range t.signals.got {
			if p.Signo == si.Signo {
				return
			}
		}
	}
	t.signals.got = append(t.signals.got, si)
}

// sigpipe is what a write that found no reader sends the writer
// (send_sig(SIGPIPE, current, 0) in pipe_write and the socket code):
// recorded, as tasks have no handlers; the write still fails EPIPE.
func (t *Task) sigpipe() {
	t.SendSiginfo(Siginfo{Signo: linux.SIGPIPE, Code: linux.SI_USER, Pid: t.tid, UID: t.Cred().UID})
}

// TakeSignals returns the signals recorded for t since the last call.
func (t *Task) TakeSignals() []Siginfo {
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	got := t.signals.got
	t.signals.got = nil
	return got
}
