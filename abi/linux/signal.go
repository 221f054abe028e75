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
)
