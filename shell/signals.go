// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// Tasks of the virtual kernel have no signal handlers: kill(2) records a
// signal (vfs.Task.Kill) and stops there. What a fatal signal does to a
// process, the shell does to what it runs on a task: the task's reads
// and writes fail from then on (vfs.Task.SetFatalSignal), a program's
// context is cancelled and its status becomes 128+signal, a (sub)shell
// or job stops at its next command. Each kernel has one sigRegistry,
// shared by every shell running on it (kill in a child shell reaches the
// parent's jobs).

// sigTarget is a task the shell runs something on, as a fatal signal
// sees it.
type sigTarget struct {
	task *vfs.Task
	refs int // guarded by the registry's mu

	mu sync.Mutex
	// ignored are the signals the task ignores (bit n-1 for signal n):
	// a job's SIGINT and SIGQUIT, what its parent ignored, and trap ''.
	ignored  uint64
	traps    trapState     // trap.go
	signo    int           // the signal that killed the task; 0 while alive
	killedAt time.Time     // when it did
	dead     chan struct{} // closed when signo is set
	cancels  map[*int]context.CancelFunc
}

type sigRegistry struct {
	mu sync.Mutex
	m  map[*vfs.Task]*sigTarget
}

type sigRegistryKey struct{}

func registryOf(k *vfs.Kernel) *sigRegistry {
	return k.FsData(sigRegistryKey{}, func() any {
		k.OnSignal(kernelSignal)
		return &sigRegistry{m: map[*vfs.Task]*sigTarget{}}
	}).(*sigRegistry)
}

// kernelSignal hears of the signals the kernel sends a task by itself:
// SIGPIPE, to a writer that found no reader (the write fails EPIPE after
// the signal, so that a program killed by it has nothing more to say),
// SIGXFSZ to one that reached RLIMIT_FSIZE (EFBIG after it),
// and SIGKILL to the tasks left in a PID namespace whose init exited.
// Other signals come from kill, which delivers them itself (signalTask),
// or from programs that expect init to handle them (halt).
func kernelSignal(t *vfs.Task, si vfs.Siginfo) {
	switch {
	case si.Signo == linux.SIGPIPE, si.Signo == linux.SIGXFSZ, si.Signo == linux.SIGKILL && si.Code == linux.SI_KERNEL:
		signalTask(t, int(si.Signo))
	}
}

// watch makes t a target (or takes another reference on it); a new one
// ignores what ignored says. Each watch is paired with a release.
func watch(t *vfs.Task, ignored uint64) *sigTarget {
	r := registryOf(t.Kernel())
	r.mu.Lock()
	defer r.mu.Unlock()
	tg := r.m[t]
	if tg == nil {
		tg = &sigTarget{task: t, ignored: ignored, dead: make(chan struct{}), cancels: map[*int]context.CancelFunc{}}
		tg.traps.entry = ignored
		r.m[t] = tg
	}
	tg.refs++
	return tg
}

// release drops a reference watch took.
func release(t *vfs.Task) {
	r := registryOf(t.Kernel())
	r.mu.Lock()
	defer r.mu.Unlock()
	if tg := r.m[t]; tg != nil {
		if tg.refs--; tg.refs <= 0 {
			delete(r.m, t)
		}
	}
}

// targetOf is t's target, nil if the shell runs nothing on it.
func targetOf(t *vfs.Task) *sigTarget {
	r := registryOf(t.Kernel())
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.m[t]
}

// ignoredBy is what a child of t inherits as ignored: dispositions set
// to SIG_IGN survive fork and execve.
func ignoredBy(t *vfs.Task) uint64 {
	if tg := targetOf(t); tg != nil {
		tg.mu.Lock()
		defer tg.mu.Unlock()
		return tg.ignored
	}
	return 0
}

func sigBit(signo int) uint64 { return 1 << (signo - 1) }

// fatalByDefault reports whether a signal's default action ends the
// process (terminate or core). Stopping is not modelled: the stop
// signals, like the ignored ones, do nothing.
func fatalByDefault(signo int) bool {
	switch signo {
	case 0, linux.SIGCHLD, linux.SIGCONT, linux.SIGURG, linux.SIGWINCH,
		linux.SIGSTOP, linux.SIGTSTP, linux.SIGTTIN, linux.SIGTTOU:
		return false
	}
	return true
}

// deliver is a fatal signal arriving: the first one kills, SIGKILL even
// when ignored (it cannot be).
func (tg *sigTarget) deliver(signo int) {
	if tg.caught(signo) || !fatalByDefault(signo) {
		return
	}
	tg.mu.Lock()
	if tg.ignored&sigBit(signo) != 0 && signo != linux.SIGKILL || tg.signo != 0 {
		tg.mu.Unlock()
		return
	}
	tg.signo = signo
	tg.killedAt = time.Now()
	close(tg.dead)
	cancels := tg.cancels
	tg.cancels = nil
	tg.mu.Unlock()
	tg.task.SetFatalSignal() // its reads and writes fail from now on
	for _, cancel := range cancels {
		cancel()
	}
}

// killedBefore reports whether the task was killed before t.
func (tg *sigTarget) killedBefore(t time.Time) bool {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.signo != 0 && tg.killedAt.Before(t)
}

// killedBy is the signal that killed the task, 0 if none did.
func (tg *sigTarget) killedBy() int {
	if tg == nil {
		return 0
	}
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.signo
}

// deadCh is closed when the task is killed (nil, never, for no target).
func (tg *sigTarget) deadCh() <-chan struct{} {
	if tg == nil {
		return nil
	}
	return tg.dead
}

// context is ctx, cancelled when the task is killed: the context of a
// program running on it. stop ends the tie.
func (tg *sigTarget) context(ctx context.Context) (_ context.Context, stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	if tg == nil {
		return ctx, cancel
	}
	key := new(int)
	tg.mu.Lock()
	if tg.signo != 0 {
		cancel()
	} else {
		tg.cancels[key] = cancel
	}
	tg.mu.Unlock()
	return ctx, func() {
		tg.mu.Lock()
		delete(tg.cancels, key)
		tg.mu.Unlock()
		cancel()
	}
}

// brokenPipe is a builtin's write finding no reader on the standard
// output its forked (sub)shell was started with, which is a pipe of the
// interpreter's rather than a file of the task (whose write would have
// sent SIGPIPE itself): the (sub)shell dies of SIGPIPE, as its process
// would, instead of going on with its loop. A pipe of a pipeline inside
// the (sub)shell is not its own output: there only the command dies.
func (s *shell) brokenPipe(hc interp.HandlerContext) {
	if p := s.procOf(hc); p.parent != nil && sameStream(hc.Stdout, p.stdout) {
		signalTask(p.task, linux.SIGPIPE)
	}
}

// signalNames are the signals' names as bash's kill -l lists them,
// without "SIG"; 32 and 33 (the C library's own) have none.
var signalNames = func() []string {
	names := append(slices.Clone(linux.SignalNames[:]), "", "")
	const rtmin = 34
	for n := rtmin; n <= linux.SIGRTMAX; n++ {
		switch {
		case n == rtmin:
			names = append(names, "RTMIN")
		case n == linux.SIGRTMAX:
			names = append(names, "RTMAX")
		case n-rtmin <= 15:
			names = append(names, "RTMIN+"+strconv.Itoa(n-rtmin))
		default:
			names = append(names, "RTMAX-"+strconv.Itoa(linux.SIGRTMAX-n))
		}
	}
	return names
}()

// signalDescriptions are strsignal's texts, which bash prints for a
// process a signal killed.
var signalDescriptions = []string{"", "Hangup", "Interrupt", "Quit", "Illegal instruction",
	"Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed",
	"User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe",
	"Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)",
	"Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition",
	"CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
	"Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call"}

func signalDescription(signo int) string {
	if signo < len(signalDescriptions) {
		return signalDescriptions[signo]
	}
	if signo < 34 {
		return "Unknown signal " + strconv.Itoa(signo)
	}
	return "Real-time signal " + strconv.Itoa(signo-34)
}

// parseSignal reads a signal as kill -s and trap take it: a number from
// 0 to 64 (32 and 33 too, which have no name), or a name with or
// without "SIG" in any case; ok is false for anything else. EXIT is 0.
func parseSignal(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n <= linux.NSIG
	}
	name := strings.ToUpper(s)
	if name == "EXIT" {
		return 0, true
	}
	name = strings.TrimPrefix(name, "SIG")
	for n, known := range signalNames {
		if known != "" && known == name {
			return n, true
		}
	}
	return 0, false
}
