// SPDX-License-Identifier: Apache-2.0

package linux

// POSIX message queues: include/uapi/linux/mqueue.h,
// include/linux/ipc_namespace.h (signal numbers are in signal.go).
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
