// SPDX-License-Identifier: Apache-2.0

package linux

// Signal numbers (include/uapi/asm-generic/signal.h, as x86 numbers
// them) and the si_code values linuxvfs sends.
const (
	SIGHUP    = 1
	SIGINT    = 2
	SIGQUIT   = 3
	SIGILL    = 4
	SIGTRAP   = 5
	SIGABRT   = 6
	SIGBUS    = 7
	SIGFPE    = 8
	SIGKILL   = 9
	SIGUSR1   = 10
	SIGSEGV   = 11
	SIGUSR2   = 12
	SIGPIPE   = 13
	SIGALRM   = 14
	SIGTERM   = 15
	SIGSTKFLT = 16
	SIGCHLD   = 17
	SIGCONT   = 18
	SIGSTOP   = 19
	SIGTSTP   = 20
	SIGTTIN   = 21
	SIGTTOU   = 22
	SIGURG    = 23
	SIGXCPU   = 24
	SIGXFSZ   = 25
	SIGVTALRM = 26
	SIGPROF   = 27
	SIGWINCH  = 28
	SIGIO     = 29
	SIGPWR    = 30
	SIGSYS    = 31
	// SIGRTMIN is the first real-time signal: below it, a signal already
	// pending is not queued again. (The C library keeps the first two
	// for itself and calls 34 SIGRTMIN.)
	SIGRTMIN = 32
	SIGRTMAX = 64
	NSIG     = 64 // _NSIG: the highest valid signal number

	// SI_MESGQ is the si_code of a message queue's notification signal.
	SI_MESGQ = -3
	// SI_USER is the si_code of a signal sent by kill(2), and of one the
	// kernel sends for the task's own doing (send_sig: SIGPIPE).
	SI_USER = 0
	// SI_KERNEL is the si_code of a signal the kernel sends of its own
	// accord (SEND_SIG_PRIV: a PID namespace's tasks killed when its
	// reaper exits).
	SI_KERNEL = 0x80
)

// SignalNames are the standard signals' names without "SIG", indexed by
// their x86_64 numbers (arch/x86/include/uapi/asm/signal.h); 0 and the
// real-time signals have none.
var SignalNames = [SIGRTMIN]string{
	1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS",
	8: "FPE", 9: "KILL", 10: "USR1", 11: "SEGV", 12: "USR2", 13: "PIPE",
	14: "ALRM", 15: "TERM", 16: "STKFLT", 17: "CHLD", 18: "CONT", 19: "STOP",
	20: "TSTP", 21: "TTIN", 22: "TTOU", 23: "URG", 24: "XCPU", 25: "XFSZ",
	26: "VTALRM", 27: "PROF", 28: "WINCH", 29: "IO", 30: "PWR", 31: "SYS",
}

// ValidSignal is valid_signal: 0 to NSIG.
func ValidSignal(sig uint64) bool { return sig <= NSIG }
