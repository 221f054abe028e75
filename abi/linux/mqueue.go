// SPDX-License-Identifier: Apache-2.0

package linux

// POSIX message queues: include/uapi/linux/mqueue.h,
// include/linux/ipc_namespace.h and the signal ABI mq_notify uses.
const (
	// MQ_PRIO_MAX bounds a message's priority (exclusive).
	MQ_PRIO_MAX = 32768

	// The defaults of /proc/sys/fs/mqueue in every new IPC namespace
	// (DFLT_QUEUESMAX, DFLT_MSG, DFLT_MSGMAX, DFLT_MSGSIZE, DFLT_MSGSIZEMAX).
	DFLT_QUEUESMAX  = 256
	DFLT_MSG        = 10
	DFLT_MSGMAX     = 10
	DFLT_MSGSIZE    = 8192
	DFLT_MSGSIZEMAX = 8192

	// The bounds msg_max/msg_default and msgsize_max/msgsize_default
	// take, and what CAP_SYS_RESOURCE lets a queue have.
	MIN_MSGMAX      = 1
	HARD_MSGMAX     = 65536
	MIN_MSGSIZEMAX  = 128
	HARD_MSGSIZEMAX = 16 * 1024 * 1024

	// MQ_BYTES_MAX is RLIMIT_MSGQUEUE's default (bytes a user's queues
	// may take).
	MQ_BYTES_MAX = 819200
)

// struct sigevent's sigev_notify values.
const (
	SIGEV_SIGNAL = 0
	SIGEV_NONE   = 1
	SIGEV_THREAD = 2
)

// Signal numbers and codes mq_notify (and kill, for halt and poweroff)
// deal in.
const (
	NSIG    = 64 // _NSIG: the highest valid signal number
	SIGKILL = 9
	SIGUSR1 = 10
	SIGUSR2 = 12
	SIGPIPE = 13
	SIGTERM = 15
	// SIGRTMIN is the first real-time signal: below it, a signal already
	// pending is not queued again.
	SIGRTMIN = 32
	// SI_MESGQ is the si_code of a message queue's notification signal.
	SI_MESGQ = -3
	// SI_USER is the si_code of a signal the kernel sends for the task's
	// own doing (send_sig: SIGPIPE).
	SI_USER = 0
	// SI_KERNEL is the si_code of a signal the kernel sends of its own
	// accord (SEND_SIG_PRIV: a PID namespace's tasks killed when its
	// reaper exits).
	SI_KERNEL = 0x80
)
