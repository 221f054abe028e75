// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The memory and cpu controllers' tunables: what a container runtime
// writes (memory.max, cpu.max, cpu.weight, ...) is parsed and checked as
// the kernel does and read back, but limits nothing, and what they would
// count (memory.current, the events) stays at zero: linuxvfs's tasks use
// no memory or CPU of their own.

const (
	memorySS = 3
	cpuSS    = 1
	pageSize = 4096
	// counterMax is PAGE_COUNTER_MAX in pages, what "max" stands for.
	counterMax = math.MaxInt64 / pageSize
	// cpuPeriodDefault is the default period of cpu.max, in µs.
	cpuPeriodDefault = 100000
	// quotaMax is "max" in cpu.max (RUNTIME_INF).
	quotaMax = -1
)

// tunables are a cgroup's values of those files.
type tunables struct {
	// memMin, memLow, memHigh, memMax and swapMax are in pages.
	memMin, memLow, memHigh, memMax, swapMax int64
	oomGroup                                 bool
	cpuWeight                                int64
	cpuQuota, cpuPeriod, cpuBurst            int64 // µs; cpuQuota may be quotaMax
	cpuIdle                                  bool
}

func defaultTunables() tunables {
	return tunables{memHigh: counterMax, memMax: counterMax, swapMax: counterMax,
		cpuWeight: 100, cpuQuota: quotaMax, cpuPeriod: cpuPeriodDefault}
}

var tunableFiles = []cftype{
	{"memory.current", 0o444, notOnRoot, constant("0\n"), nil, 1 + memorySS},
	{"memory.min", 0o644, notOnRoot, showPages(func(t *tunables) *int64 { return &t.memMin }), writePages(func(t *tunables) *int64 { return &t.memMin }), 1 + memorySS},
	{"memory.low", 0o644, notOnRoot, showPages(func(t *tunables) *int64 { return &t.memLow }), writePages(func(t *tunables) *int64 { return &t.memLow }), 1 + memorySS},
	{"memory.high", 0o644, notOnRoot, showPages(func(t *tunables) *int64 { return &t.memHigh }), writePages(func(t *tunables) *int64 { return &t.memHigh }), 1 + memorySS},
	{"memory.max", 0o644, notOnRoot, showPages(func(t *tunables) *int64 { return &t.memMax }), writePages(func(t *tunables) *int64 { return &t.memMax }), 1 + memorySS},
	{"memory.peak", 0o644, notOnRoot, constant("0\n"), nil, 1 + memorySS},
	{"memory.events", 0o444, notOnRoot, constant(memoryEvents), nil, 1 + memorySS},
	{"memory.events.local", 0o444, notOnRoot, constant(memoryEvents), nil, 1 + memorySS},
	{"memory.oom.group", 0o644, notOnRoot, showOomGroup, writeOomGroup, 1 + memorySS},
	{"memory.swap.current", 0o444, notOnRoot, constant("0\n"), nil, 1 + memorySS},
	{"memory.swap.max", 0o644, notOnRoot, showPages(func(t *tunables) *int64 { return &t.swapMax }), writePages(func(t *tunables) *int64 { return &t.swapMax }), 1 + memorySS},
	{"cpu.weight", 0o644, notOnRoot, showCPUWeight, writeCPUWeight, 1 + cpuSS},
	{"cpu.max", 0o644, notOnRoot, showCPUMax, writeCPUMax, 1 + cpuSS},
	{"cpu.max.burst", 0o644, notOnRoot, showCPUBurst, writeCPUBurst, 1 + cpuSS},
	{"cpu.idle", 0o644, notOnRoot, showCPUIdle, writeCPUIdle, 1 + cpuSS},
}

const memoryEvents = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n"

// memparse is the kernel's memparse with page_counter_memparse around it:
// "max", or a number in C's notation with an optional K, M, G, T, P or E
// (any case), in whole pages (EINVAL for anything else).
func memparse(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "max" {
		return counterMax, nil
	}
	shift := 0
	if n := len(s); n > 0 {
		if i := strings.IndexByte("kmgtpe", s[n-1]|0x20); i >= 0 && s[n-1] > '9' {
			shift, s = 10*(i+1), s[:n-1]
		}
	}
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil || strings.HasPrefix(s, "+") {
		return 0, linux.EINVAL
	}
	bytes := v << shift
	if shift > 0 && bytes>>shift != v {
		bytes = math.MaxUint64
	}
	return int64(min(bytes/pageSize, counterMax)), nil
}

func showPages(field func(*tunables) *int64) func(call) (string, error) {
	return func(x call) (string, error) {
		x.c.h.mu.Lock()
		defer x.c.h.mu.Unlock()
		v := *field(&x.c.tun)
		if v == counterMax {
			return "max\n", nil
		}
		return strconv.FormatInt(v*pageSize, 10) + "\n", nil
	}
}

func writePages(field func(*tunables) *int64) func(call, string) error {
	return func(x call, s string) error {
		v, err := memparse(s)
		if err != nil {
			return err
		}
		x.c.h.mu.Lock()
		*field(&x.c.tun) = v
		x.c.h.mu.Unlock()
		return nil
	}
}

func showOomGroup(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return bit(x.c.tun.oomGroup) + "\n", nil
}

// writeOomGroup is memory_oom_group_write: 0 or 1 (EINVAL).
func writeOomGroup(x call, s string) error {
	v, err := kstrtoint(s)
	if err != nil {
		return err
	}
	if v != 0 && v != 1 {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	x.c.tun.oomGroup = v == 1
	x.c.h.mu.Unlock()
	return nil
}

func showCPUWeight(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return strconv.FormatInt(x.c.tun.cpuWeight, 10) + "\n", nil
}

// writeCPUWeight is cpu_weight_write_u64: 1 to 10000 (ERANGE).
func writeCPUWeight(x call, s string) error {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 0, 64)
	if err != nil {
		return linux.EINVAL
	}
	if v < 1 || v > 10000 {
		return linux.ERANGE
	}
	x.c.h.mu.Lock()
	x.c.tun.cpuWeight = int64(v)
	x.c.h.mu.Unlock()
	return nil
}

func showCPUMax(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	q := "max"
	if x.c.tun.cpuQuota != quotaMax {
		q = strconv.FormatInt(x.c.tun.cpuQuota, 10)
	}
	return fmt.Sprintf("%s %d\n", q, x.c.tun.cpuPeriod), nil
}

// writeCPUMax is cpu_max_write: "QUOTA [PERIOD]" in µs, QUOTA "max" or
// a number; the period stays when not given. tg_set_cfs_bandwidth's
// bounds: a period of 1ms to 1s, a quota of at least 1ms (EINVAL).
func writeCPUMax(x call, s string) error {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 2 {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	period := x.c.tun.cpuPeriod
	if len(f) == 2 {
		p, err := strconv.ParseUint(f[1], 10, 64)
		if err != nil {
			return linux.EINVAL
		}
		period = int64(min(p, math.MaxInt64))
	}
	quota := int64(quotaMax)
	if f[0] != "max" {
		q, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			return linux.EINVAL
		}
		quota = int64(min(q, math.MaxInt64))
	}
	if period < 1000 || period > 1000000 || quota != quotaMax && quota < 1000 {
		return linux.EINVAL
	}
	if quota != quotaMax && x.c.tun.cpuBurst > quota {
		return linux.EINVAL
	}
	x.c.tun.cpuQuota, x.c.tun.cpuPeriod = quota, period
	return nil
}

func showCPUBurst(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return strconv.FormatInt(x.c.tun.cpuBurst, 10) + "\n", nil
}

// writeCPUBurst is cpu_burst_write_u64: µs, no more than the quota.
func writeCPUBurst(x call, s string) error {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 0, 64)
	if err != nil {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	if q := x.c.tun.cpuQuota; q != quotaMax && int64(min(v, math.MaxInt64)) > q || v > 1000000 {
		return linux.EINVAL
	}
	x.c.tun.cpuBurst = int64(v)
	return nil
}

func showCPUIdle(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return bit(x.c.tun.cpuIdle) + "\n", nil
}

// writeCPUIdle is cpu_idle_write_s64: 0 or 1 (EINVAL).
func writeCPUIdle(x call, s string) error {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64)
	if err != nil || v < 0 || v > 1 {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	x.c.tun.cpuIdle = v == 1
	x.c.h.mu.Unlock()
	return nil
}
