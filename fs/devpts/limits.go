// SPDX-License-Identifier: Apache-2.0

package devpts

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Limits are the kernel-wide pty counts of /proc/sys/kernel/pty: max
// (pty_limit), reserve (pty_reserve) and nr (pty_count).
type Limits struct {
	mu           sync.Mutex
	max, reserve int
	nr           int
}

// NR_UNIX98_PTY_DEFAULT and NR_UNIX98_PTY_RESERVE.
const (
	defaultLimit   = 4096
	defaultReserve = 1024
)

type limitsKey struct{}

// LimitsOf returns the kernel's pty limits.
func LimitsOf(k *vfs.Kernel) *Limits {
	return k.FsData(limitsKey{}, func() any { return &Limits{max: defaultLimit, reserve: defaultReserve} }).(*Limits)
}

// charge counts one more pty unless that reaches max, or max less the
// reserve for an instance that may not use it. As devpts_new_index
// compares the count after adding one, at most max-1 ptys exist.
func (l *Limits) charge(reserve bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	limit := l.max
	if !reserve {
		limit -= l.reserve
	}
	if l.nr+1 >= limit {
		return false
	}
	l.nr++
	return true
}

func (l *Limits) uncharge() {
	l.mu.Lock()
	l.nr--
	l.mu.Unlock()
}

// Get returns kernel.pty.max, reserve and nr.
func (l *Limits) Get() (max, reserve, nr int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.max, l.reserve, l.nr
}

// SetMax and SetReserve are the sysctls' writes: proc_dointvec_minmax
// over [0, INT_MAX].
func (l *Limits) SetMax(v int64) error { return l.set(&l.max, v) }

func (l *Limits) SetReserve(v int64) error { return l.set(&l.reserve, v) }

func (l *Limits) set(p *int, v int64) error {
	if v < 0 || v > 1<<31-1 {
		return linux.EINVAL
	}
	l.mu.Lock()
	*p = int(v)
	l.mu.Unlock()
	return nil
}

// RegisterSysctls adds /proc/sys/kernel/pty: max and reserve, which root
// may set, and nr, the ptys in use (pty_table in drivers/tty/pty.c).
func RegisterSysctls(k *vfs.Kernel) error {
	l := LimitsOf(k)
	get := func(which int) func(*vfs.Task) int64 {
		return func(*vfs.Task) int64 {
			v := [3]int{}
			v[0], v[1], v[2] = l.Get()
			return int64(v[which])
		}
	}
	for _, s := range []vfs.Sysctl{
		vfs.IntSysctl("kernel/pty/max", false, get(0), func(_ *vfs.Task, v int64) error { return l.SetMax(v) }),
		vfs.IntSysctl("kernel/pty/nr", false, get(2), nil),
		vfs.IntSysctl("kernel/pty/reserve", false, get(1), func(_ *vfs.Task, v int64) error { return l.SetReserve(v) }),
	} {
		if err := k.RegisterSysctl(s); err != nil {
			return err
		}
	}
	return nil
}
