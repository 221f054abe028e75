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

// sigRecord is a task's list of recorded signals, and the signals its
// program handles.
type sigRecord struct {
	mu  sync.Mutex
	got []Siginfo
	// handled has bit n-1 set for a signal n the program catches (a
	// shell's trap): such a signal is no longer SIG_DFL for
	// sig_task_ignored.
	handled uint64
}

// SetSignalHandled says whether the program on t catches signo (a
// handler installed by sigaction, as a shell's trap does); SIGKILL and
// SIGSTOP cannot be caught and stay as they are.
func (t *Task) SetSignalHandled(signo int, handled bool) {
	if signo < 1 || signo > linux.NSIG || signo == linux.SIGKILL || signo == linux.SIGSTOP {
		return
	}
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	if handled {
		t.signals.handled |= 1 << (signo - 1)
	} else {
		t.signals.handled &^= 1 << (signo - 1)
	}
}

// resetHandledSignals is flush_signal_handlers at execve: a new program
// catches nothing.
func (t *Task) resetHandledSignals() {
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	t.signals.handled = 0
}

// signalHandled reports whether t's program catches signo.
func (t *Task) signalHandled(signo int) bool {
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	return signo >= 1 && signo <= linux.NSIG && t.signals.handled&(1<<(signo-1)) != 0
}

// SendSiginfo records si as sent to t (kill_pid_info). Signal 0 sends
// nothing, as kill(2) with it only checks; a standard signal already
// recorded and not yet taken is not recorded twice (legacy_queue).
// The hook OnSignal set is then told, even of a signal not recorded
// twice.
func (t *Task) SendSiginfo(si Siginfo) {
	if si.Signo == 0 {
		return
	}
	t.recordSignal(si)
	if hook := t.k.signalHook.Load(); hook != nil {
		(*hook)(t, si)
	}
}

func (t *Task) recordSignal(si Siginfo) {
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

// OnSignal makes fn hear of every signal sent to a task of k, as it is
// sent (from the sender's goroutine, within the system call that sent
// it: a write's SIGPIPE comes before the write returns EPIPE). Tasks have
// no dispositions: fn is where the embedder does what the signal's
// action would (complete_signal), such as ending what it runs on the
// task. nil removes it.
func (k *Kernel) OnSignal(fn func(*Task, Siginfo)) {
	if fn == nil {
		k.signalHook.Store(nil)
		return
	}
	k.signalHook.Store(&fn)
}

// sigpipe is what a write that found no reader sends the writer
// (send_sig(SIGPIPE, current, 0) in pipe_write and the socket code):
// recorded, as tasks have no handlers; the write still fails EPIPE.
func (t *Task) sigpipe() {
	t.SendSiginfo(Siginfo{Signo: linux.SIGPIPE, Code: linux.SI_USER, Pid: t.Getpid(), UID: t.Cred().UID})
}

// TakeSignals returns the signals recorded for t since the last call.
func (t *Task) TakeSignals() []Siginfo {
	t.signals.mu.Lock()
	defer t.signals.mu.Unlock()
	got := t.signals.got
	t.signals.got = nil
	return got
}

// Kill is kill(2) for one process, pid > 0 (kill_pid_info, then
// check_kill_permission): ESRCH when no task has that number in the
// caller's PID namespace (find_vpid), then EINVAL for a signal outside 0
// to _NSIG, EPERM unless the sender may signal the target
// (kill_ok_by_cred). The signal is recorded for the target
// (SendSiginfo) with the sender's number as the target's namespace sees
// it (0 from outside, as send_signal_locked leaves si_pid), and Kill
// returns the target; it returns nil and no error when nothing was
// recorded: signal 0 only checks, and a namespace's init drops most
// signals (unkillableFor). Tasks have no handlers: what a fatal signal
// does to the program running on the task is up to whoever runs it (the
// shell ends it). Process groups (pid <= 0) are not modelled.
func (t *Task) Kill(pid int32, signo int) (*Task, error) {
	var target *Task
	if pid > 0 {
		target = t.PidNamespace().Task(pid)
	}
	if target == nil {
		return nil, linux.ESRCH
	}
	if signo < 0 || signo > linux.NSIG {
		return nil, linux.EINVAL
	}
	if !killAllowed(t.Cred(), target.Cred()) {
		return nil, linux.EPERM
	}
	si := Siginfo{Signo: int32(signo), Code: linux.SI_USER, Pid: t.PidIn(target.PidNamespace()), UID: t.Cred().UID}
	if signo == 0 || target.unkillableFor(si.Pid == 0, signo) {
		return nil, nil
	}
	target.SendSiginfo(si)
	return target, nil
}

// unkillableFor is the SIGNAL_UNKILLABLE test of sig_task_ignored: a PID
// namespace's init, the initial namespace's too, drops every signal it
// does not catch but SIGKILL and SIGSTOP from a sender outside its
// namespace (fromAncestor: send_signal_locked's force), and those too
// from inside it.
func (t *Task) unkillableFor(fromAncestor bool, signo int) bool {
	if t.Getpid() != 1 || t.signalHandled(signo) {
		return false
	}
	return !fromAncestor || (signo != linux.SIGKILL && signo != linux.SIGSTOP)
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
// A sleep that looks at its task's fatal signal (a read of /dev/kmsg, a
// flock, a FIFO's open, a pipe's read or write) is woken to see it;
// sleeps in sockets still end only with Kernel.Interrupt.
func (t *Task) SetFatalSignal() {
	t.dying.Store(true)
	t.k.sleepers.wakeTaskChecking()
}
