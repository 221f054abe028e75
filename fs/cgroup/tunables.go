// SPDX-License-Identifier: Apache-2.0

package cgroup

import (
	"fmt"
	"math"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
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
	// quotaMax is "max" in cpu.max (RUNTIME_INF): a quota that reads
	// as all ones, however it was written, is none.
	quotaMax = math.MaxUint64
)

// tunables are a cgroup's values of those files.
type tunables struct {
	// memMin, memLow, memHigh, memMax and swapMax are in pages.
	memMin, memLow, memHigh, memMax, swapMax int64
	oomGroup                                 bool
	cpuWeight                                uint64
	bw                                       bandwidth
	cpuIdle                                  bool
}

func defaultTunables() tunables {
	return tunables{memHigh: counterMax, memMax: counterMax, swapMax: counterMax,
		cpuWeight: 100, bw: bandwidth{quota: quotaMax, period: cpuPeriodDefault}}
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

// memparse is page_counter_memparse after strstrip: "max", or what
// memparse reads with nothing after it (EINVAL), in whole pages. A value
// past 64 bits wraps, as the kernel's digits and suffix shift do (16E is
// 0); one past the counter's range is its "max".
func memparse(s string) (int64, error) {
	s = vfs.Strstrip(s)
	if s == "max" {
		return counterMax, nil
	}
	bytes, rest := vfs.Memparse(s)
	if rest != "" {
		return 0, linux.EINVAL
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
	v, err := strippedInt(s)
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
	return strconv.FormatUint(x.c.tun.cpuWeight, 10) + "\n", nil
}

// writeCPUWeight is cpu_weight_write_u64 behind cgroup_file_write's
// kstrtoull of the whole text: 1 to 10000 (ERANGE).
func writeCPUWeight(x call, s string) error {
	v, err := vfs.Kstrtoull(s, 0)
	if err != nil {
		return err
	}
	if v < 1 || v > 10000 {
		return linux.ERANGE
	}
	x.c.h.mu.Lock()
	x.c.tun.cpuWeight = v
	x.c.h.mu.Unlock()
	return nil
}

// bandwidth is cpu.max and cpu.max.burst: µs of CPU time (quota, or
// quotaMax for no limit) each period, and how much unused quota may carry
// over.
type bandwidth struct{ quota, period, burst uint64 }

const (
	// maxBandwidthUs is MAX_BW: the largest quota, and quota plus burst,
	// the scheduler's fixed-point arithmetic takes.
	maxBandwidthUs = 1<<44 - 1
	// maxScaledUs is the most µs that still fits 64 bits in ns.
	maxScaledUs = math.MaxUint64 / 1000
)

// valid holds the rules every change of cpu.max or cpu.max.burst must
// leave true (tg_set_bandwidth; EINVAL otherwise): each value converts to
// ns; a period is from 1ms to 1s; a quota is at least 1ms and at most
// maxBandwidthUs, with room for its burst, which may not exceed it. With
// no quota the burst is kept, whatever it is.
func (b bandwidth) valid() bool {
	limited := b.quota != quotaMax
	switch {
	case b.period > maxScaledUs || b.burst > maxScaledUs:
		return false
	case b.period < 1000 || b.period > 1000000:
		return false
	case !limited:
		return true
	}
	return b.quota >= 1000 && b.quota <= maxBandwidthUs &&
		b.burst <= b.quota && b.quota+b.burst <= maxBandwidthUs
}

// set makes b c's bandwidth if it is valid; mu is held.
func (c *cgroup) setBandwidth(b bandwidth) error {
	if !b.valid() {
		return linux.EINVAL
	}
	c.tun.bw = b
	return nil
}

func showCPUMax(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	bw := x.c.tun.bw
	q := "max"
	if bw.quota != quotaMax {
		q = strconv.FormatUint(bw.quota, 10)
	}
	return fmt.Sprintf("%s %d\n", q, bw.period), nil
}

// writeCPUMax is cpu_max_write: the text is read as sscanf's "%20s %llu"
// reads it, a word of up to 20 characters and, if digits follow, the
// period (kept when not given); whatever comes after either is ignored.
// The word is "max" or starts with the quota's digits. Numbers wrap past
// 64 bits.
func writeCPUMax(x call, s string) error {
	word, rest := scanWord(s, 20)
	if word == "" {
		return linux.EINVAL
	}
	quota := uint64(quotaMax)
	if isDigit(word[0]) {
		quota, _ = vfs.SimpleStrtoull(word, 10)
	} else if word != "max" {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	bw := x.c.tun.bw
	bw.quota = quota
	if rest = skipSpaces(rest); rest != "" && isDigit(rest[0]) {
		bw.period, _ = vfs.SimpleStrtoull(rest, 10)
	}
	return x.c.setBandwidth(bw)
}

// scanWord is sscanf's "%Ns": the first at most width bytes that are
// not white space, after any that are, and the text after them.
func scanWord(s string, width int) (word, rest string) {
	s = skipSpaces(s)
	n := 0
	for n < len(s) && n < width && !vfs.IsKernelSpace(s[n]) {
		n++
	}
	return s[:n], s[n:]
}

// skipSpaces is skip_spaces: s from its first byte that is not white
// space.
func skipSpaces(s string) string {
	for s != "" && vfs.IsKernelSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func showCPUBurst(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return strconv.FormatUint(x.c.tun.bw.burst, 10) + "\n", nil
}

// writeCPUBurst is cpu_burst_write_u64 behind kstrtoull: µs, within the
// rules of bandwidth.valid.
func writeCPUBurst(x call, s string) error {
	v, err := vfs.Kstrtoull(s, 0)
	if err != nil {
		return err
	}
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	bw := x.c.tun.bw
	bw.burst = v
	return x.c.setBandwidth(bw)
}

func showCPUIdle(x call) (string, error) {
	x.c.h.mu.Lock()
	defer x.c.h.mu.Unlock()
	return bit(x.c.tun.cpuIdle) + "\n", nil
}

// writeCPUIdle is cpu_idle_write_s64 behind kstrtoll: 0 or 1 (EINVAL).
func writeCPUIdle(x call, s string) error {
	v, err := vfs.Kstrtoll(s, 0)
	if err != nil {
		return err
	}
	if v != 0 && v != 1 {
		return linux.EINVAL
	}
	x.c.h.mu.Lock()
	x.c.tun.cpuIdle = v == 1
	x.c.h.mu.Unlock()
	return nil
}
