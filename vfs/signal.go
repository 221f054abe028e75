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

// Kill is kill(2) for one process, tid > 0 (kill_pid_info, then
// check_kill_permission): ESRCH when no task has that ID, then EINVAL for
// a signal outside 0 to _NSIG, EPERM unless the sender may signal the
// target (kill_ok_by_cred). Signal 0 only checks. The signal is recorded for
// the target (SendSiginfo), which it returns: tasks have no handlers,
// and what a fatal signal does to the program running on the task is up
// to whoever runs it (the shell ends it). Process groups (tid <= 0) are
// not modelled.
func (t *Task) Kill(tid int32, signo int) (*Task, error) {
	target := t.k.TaskByTID(tid)
	if tid <= 0 || target == nil {
		return nil, linux.ESRCH
	}
	if signo < 0 || signo > linux.NSIG {
		return nil, linux.EINVAL
	}
	if !killAllowed(t.Cred(), target.Cred()) {
		return nil, linux.EPERM
	}
	target.SendSiginfo(Siginfo{Signo: int32(signo), Code: linux.SI_USER, Pid: t.tid, UID: t.Cred().UID})
	return target, nil
}

// killAllowed is kill_ok_by_cred: the sender's real or effective user
// is the target's real or saved one, or the sender has CAP_KILL over the
// target's user namespace.
func killAllowed(c, target *Cred) bool {
	for _, mine := range []uint32{c.EUID, c.UID} {
		if mine == target.SUID || mine == target.UID {
			return true
		}
	}
	return c.NsCapable(target.UserNS, linux.CAP_KILL)
}

// SetFatalSignal marks a fatal signal pending for t, as complete_signal
// does for a signal whose action is to kill: from then on its reads and
// writes fail EINTR (fatal_signal_pending), so that the program running
// on it stops. Tasks have no dispositions: the embedder, which knows what
// a signal does to what it runs there, decides that a signal is fatal.
// Sleeps in pipes and sockets still end only with Kernel.Interrupt.
func (t *Task) SetFatalSignal() { t.dying.Store(true) }
