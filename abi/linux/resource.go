// SPDX-License-Identifier: Apache-2.0

package linux

// Resource limits: include/uapi/asm-generic/resource.h and
// include/asm-generic/resource.h.
const (
	RLIMIT_CPU        = 0  // seconds of CPU time
	RLIMIT_FSIZE      = 1  // largest file, bytes
	RLIMIT_DATA       = 2  // data segment, bytes
	RLIMIT_STACK      = 3  // stack, bytes
	RLIMIT_CORE       = 4  // core file, bytes
	RLIMIT_RSS        = 5  // resident set, bytes
	RLIMIT_NPROC      = 6  // processes of the real user
	RLIMIT_NOFILE     = 7  // one past the highest descriptor
	RLIMIT_MEMLOCK    = 8  // locked memory, bytes
	RLIMIT_AS         = 9  // address space, bytes
	RLIMIT_LOCKS      = 10 // file locks
	RLIMIT_SIGPENDING = 11 // queued signals
	RLIMIT_MSGQUEUE   = 12 // bytes in POSIX message queues
	RLIMIT_NICE       = 13 // ceiling of the nice value, as 20 - nice
	RLIMIT_RTPRIO     = 14 // real-time priority
	RLIMIT_RTTIME     = 15 // microseconds of real-time CPU without a blocking call

	// RLIM_NLIMITS is the number of resources.
	RLIM_NLIMITS = 16

	// RLIM_INFINITY is "no limit" (rlim_t is 64 bits wide).
	RLIM_INFINITY = ^uint64(0)

	// INR_OPEN_CUR and INR_OPEN_MAX are RLIMIT_NOFILE's soft and hard
	// limits in INIT_RLIMITS; NR_OPEN is fs.nr_open's default, above
	// which no hard limit of descriptors may go.
	INR_OPEN_CUR = 1024
	INR_OPEN_MAX = 4096
	NR_OPEN      = 1024 * 1024

	// STK_LIM is the stack's initial soft limit (_STK_LIM), MLOCK_LIMIT
	// locked memory's (both limits).
	STK_LIM     = 8 * 1024 * 1024
	MLOCK_LIMIT = 8 * 1024 * 1024
)

// Rlimit is struct rlimit64: a soft (Cur) and a hard (Max) limit.
type Rlimit struct {
	Cur, Max uint64
}
