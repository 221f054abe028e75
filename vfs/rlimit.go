// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// rlimits is a process's struct rlimit array (signal->rlim). A task's
// set is never changed in place: fork shares it and a change publishes a
// new copy, so that the descriptor table's check of RLIMIT_NOFILE is one
// atomic load.
type rlimits [linux.RLIM_NLIMITS]linux.Rlimit

// initRlimits is what the kernel gives its first task (INIT_RLIMITS, and
// fork_init's RLIMIT_NPROC and RLIMIT_SIGPENDING: half of max_threads,
// which the memory size sets). These are a freshly booted kernel's, not
// what a login on a distribution sees: there systemd has raised the hard
// limit of descriptors (to 524288 on Debian) and a shell may have been
// given other limits; a script that depends on them sets them first.
func initRlimits(ramPages uint64) *rlimits {
	inf := linux.Rlimit{Cur: linux.RLIM_INFINITY, Max: linux.RLIM_INFINITY}
	threads := maxThreads(ramPages) / 2
	return &rlimits{
		linux.RLIMIT_CPU:        inf,
		linux.RLIMIT_FSIZE:      inf,
		linux.RLIMIT_DATA:       inf,
		linux.RLIMIT_STACK:      {Cur: linux.STK_LIM, Max: linux.RLIM_INFINITY},
		linux.RLIMIT_CORE:       {Cur: 0, Max: linux.RLIM_INFINITY},
		linux.RLIMIT_RSS:        inf,
		linux.RLIMIT_NPROC:      {Cur: threads, Max: threads},
		linux.RLIMIT_NOFILE:     {Cur: linux.INR_OPEN_CUR, Max: linux.INR_OPEN_MAX},
		linux.RLIMIT_MEMLOCK:    {Cur: linux.MLOCK_LIMIT, Max: linux.MLOCK_LIMIT},
		linux.RLIMIT_AS:         inf,
		linux.RLIMIT_LOCKS:      inf,
		linux.RLIMIT_SIGPENDING: {Cur: threads, Max: threads},
		linux.RLIMIT_MSGQUEUE:   {Cur: linux.MQ_BYTES_MAX, Max: linux.MQ_BYTES_MAX},
		linux.RLIMIT_NICE:       {},
		linux.RLIMIT_RTPRIO:     {},
		linux.RLIMIT_RTTIME:     inf,
	}
}

// maxThreads is set_max_threads for x86-64: a thread's 16 KiB stack may
// take an eighth of the memory at most, with 20 threads at least.
func maxThreads(ramPages uint64) uint64 {
	const threadSize, minThreads, maxThreads = 16 << 10, 20, 0x3fffffff
	if ramPages >= 1<<52 {
		return maxThreads
	}
	return min(max(ramPages*pageSize/(threadSize*8), minThreads), maxThreads)
}

// Getrlimit is getrlimit(2): EINVAL for an unknown resource.
func (t *Task) Getrlimit(resource int) (linux.Rlimit, error) {
	if resource < 0 || resource >= linux.RLIM_NLIMITS {
		return linux.Rlimit{}, linux.EINVAL
	}
	return t.rlim.Load()[resource], nil
}

// Setrlimit is setrlimit(2) (prlimit on the task itself).
func (t *Task) Setrlimit(resource int, r linux.Rlimit) error {
	_, err := t.doPrlimit(t, resource, &r)
	return err
}

// Prlimit is prlimit(2): the limit of resource of the process pid of the
// caller's PID namespace (0: the caller), set to *r when r is not nil;
// the limit it had is returned. ESRCH when no process has that number,
// EPERM when the caller is not allowed to see or change its limits.
func (t *Task) Prlimit(pid int32, resource int, r *linux.Rlimit) (linux.Rlimit, error) {
	target := t
	if pid != 0 {
		if pid > 0 {
			target = t.PidNamespace().Task(pid)
		}
		if pid < 0 || target == nil {
			return linux.Rlimit{}, linux.ESRCH
		}
	}
	if target != t && !prlimitAllowed(t.Cred(), target.Cred()) {
		return linux.Rlimit{}, linux.EPERM
	}
	return t.doPrlimit(target, resource, r)
}

// prlimitAllowed is check_prlimit_permission: a process's limits are
// another's when all its user and group IDs are the caller's real ones,
// or when the caller has CAP_SYS_RESOURCE over its user namespace.
func prlimitAllowed(c, tc *Cred) bool {
	if c.UID == tc.EUID && c.UID == tc.SUID && c.UID == tc.UID &&
		c.GID == tc.EGID && c.GID == tc.SGID && c.GID == tc.GID {
		return true
	}
	return c.NsCapable(tc.UserNS, linux.CAP_SYS_RESOURCE)
}

// doPrlimit is do_prlimit: EINVAL for an unknown resource or a soft limit
// above the hard one, EPERM for descriptors past fs.nr_open or a hard
// limit raised without CAP_SYS_RESOURCE (over the initial user
// namespace: capable(), not the target's namespace).
func (t *Task) doPrlimit(target *Task, resource int, r *linux.Rlimit) (linux.Rlimit, error) {
	if resource < 0 || resource >= linux.RLIM_NLIMITS {
		return linux.Rlimit{}, linux.EINVAL
	}
	if r == nil {
		return target.rlim.Load()[resource], nil
	}
	if r.Cur > r.Max {
		return linux.Rlimit{}, linux.EINVAL
	}
	if resource == linux.RLIMIT_NOFILE && r.Max > linux.NR_OPEN {
		return linux.Rlimit{}, linux.EPERM
	}
	privileged := t.Cred().HasCap(linux.CAP_SYS_RESOURCE)
	for {
		cur := target.rlim.Load()
		old := cur[resource]
		if r.Max > old.Max && !privileged {
			return linux.Rlimit{}, linux.EPERM
		}
		n := *cur
		n[resource] = *r
		if target.rlim.CompareAndSwap(cur, &n) {
			return old, nil
		}
	}
}

// nofile is RLIMIT_NOFILE's soft limit: one past the highest descriptor
// a new file may get.
func (t *Task) nofile() int {
	return int(min(t.rlim.Load()[linux.RLIMIT_NOFILE].Cur, linux.NR_OPEN))
}

// Rlimits returns every limit of t, in the order of the RLIMIT_*
// numbers (what /proc/PID/limits shows).
func (t *Task) Rlimits() [linux.RLIM_NLIMITS]linux.Rlimit { return *t.rlim.Load() }

// fsizeCut is generic_write_check_limits's RLIMIT_FSIZE part for a
// write of n bytes at off into a regular file: what may be written, cut
// at the soft limit; one starting at or past it is EFBIG, after a
// SIGXFSZ to the writer.
func (t *Task) fsizeCut(off int64, n int) (int, error) {
	limit := t.rlim.Load()[linux.RLIMIT_FSIZE].Cur
	if limit == linux.RLIM_INFINITY {
		return n, nil
	}
	if uint64(off) >= limit {
		t.sigxfsz()
		return 0, linux.EFBIG
	}
	return int(min(uint64(n), limit-uint64(off))), nil
}

// fsizeGrowOK is inode_newsize_ok's RLIMIT_FSIZE check: a truncate that
// makes in longer than the soft limit is EFBIG, after a SIGXFSZ.
func (t *Task) fsizeGrowOK(in *Inode, size int64) error {
	limit := t.rlim.Load()[linux.RLIMIT_FSIZE].Cur
	if size > in.Size() && limit != linux.RLIM_INFINITY && uint64(size) > limit {
		t.sigxfsz()
		return linux.EFBIG
	}
	return nil
}

// sigxfsz is the signal a writer past RLIMIT_FSIZE gets from the kernel.
func (t *Task) sigxfsz() {
	t.SendSiginfo(Siginfo{Signo: linux.SIGXFSZ, Code: linux.SI_USER, Pid: t.Getpid(), UID: t.Cred().UID})
}

// SetRlimits installs every limit of t at once, without prlimit's
// checks, as SetCred installs credentials: for a caller that puts back
// limits the task had (a shell whose command substitution ran on the
// shell's own task, where a real shell's would have been a fork's).
func (t *Task) SetRlimits(r [linux.RLIM_NLIMITS]linux.Rlimit) {
	n := rlimits(r)
	t.rlim.Store(&n)
}
