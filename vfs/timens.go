// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Clock ids a time namespace offsets (uapi/linux/time.h).
const (
	clockMonotonic = 1
	clockBoottime  = 7
)

// ktimeSecMax is KTIME_SEC_MAX: the seconds a signed 64-bit count of
// nanoseconds holds.
const ktimeSecMax = (1<<63 - 1) / int64(time.Second)

// Timespec offsets of one time namespace (struct timens_offsets).
type timensOffsets struct {
	monotonic, boottime Timespec
}

// TimeNamespace is struct time_namespace (kernel/time/namespace.c): the
// offsets its tasks see on CLOCK_MONOTONIC and CLOCK_BOOTTIME. The
// offsets may change until a task enters the namespace (frozen_offsets).
type TimeNamespace struct {
	countedNS
	mu      sync.Mutex
	offsets timensOffsets
	frozen  bool
}

func (n *TimeNamespace) Kind() string      { return "time" }
func (n *TimeNamespace) CloneFlag() uint64 { return linux.CLONE_NEWTIME }

// cloneTimeNS is clone_time_ns: a namespace starting with old's offsets,
// open to changes.
func (k *Kernel) cloneTimeNS(owner *UserNamespace, old *TimeNamespace) *TimeNamespace {
	old.mu.Lock()
	off := old.offsets
	old.mu.Unlock()
	n := &TimeNamespace{offsets: off}
	n.init(k, owner)
	return n
}

// freeze is timens_commit's first part: a task has entered, the offsets
// are final.
func (n *TimeNamespace) freeze() {
	n.mu.Lock()
	n.frozen = true
	n.mu.Unlock()
}

// Boottime is how far the namespace's CLOCK_BOOTTIME is ahead of the
// kernel's (timens_add_boottime).
func (n *TimeNamespace) Boottime() time.Duration {
	n.mu.Lock()
	defer n.mu.Unlock()
	return time.Duration(n.offsets.boottime.Sec)*time.Second + time.Duration(n.offsets.boottime.Nsec)
}

// TimeNamespace returns the task's time namespace.
func (t *Task) TimeNamespace() *TimeNamespace { return t.timens.Load() }

// TimeNSForChildren returns the namespace the task's children start in
// (and the task itself after its next execve).
func (t *Task) TimeNSForChildren() *TimeNamespace { return t.timensChildren.Load() }

// enterTimeNSForChildren is timens_on_fork and exec_task_namespaces: a
// task whose time namespace for children differs moves into it.
func (t *Task) enterTimeNSForChildren() {
	next := t.TimeNSForChildren()
	if next == t.TimeNamespace() {
		return
	}
	next.get()
	t.timens.Swap(next).put()
	next.freeze()
}

// TimensOffsets is /proc/<pid>/timens_offsets (proc_timens_show_offsets):
// the offsets of the namespace for the task's children.
func (t *Task) TimensOffsets() string {
	n := t.TimeNSForChildren()
	n.mu.Lock()
	off := n.offsets
	n.mu.Unlock()
	line := func(name string, ts Timespec) string {
		return fmt.Sprintf("%-10s %10d %9d\n", name, ts.Sec, ts.Nsec)
	}
	return line("monotonic", off.monotonic) + line("boottime", off.boottime)
}

// timensOffset is one parsed line of a timens_offsets write.
type timensOffset struct {
	clock int
	val   Timespec
}

// SetTimensOffsets is a write of data at offset off to t's
// /proc/<pid>/timens_offsets opened with opener's credentials
// (timens_offsets_write, then proc_timens_set_offset): at most two lines
// "CLOCK SECS NSECS", CLOCK being monotonic, boottime or their ids 1 and
// 7, for the namespace of t's children while no task has entered it.
func (t *Task) SetTimensOffsets(opener *Cred, data []byte, off int64) error {
	if off != 0 || len(data) >= pageSize {
		return linux.EINVAL
	}
	offs, err := parseTimensOffsets(string(data))
	if err != nil {
		return err
	}
	n := t.TimeNSForChildren()
	if !opener.NsCapable(n.userNS, linux.CAP_SYS_TIME) {
		return linux.EPERM
	}
	now := t.k.Uptime()
	for _, o := range offs {
		if o.val.Sec > ktimeSecMax || o.val.Sec < -ktimeSecMax {
			return linux.ERANGE
		}
		if sec := int64(now/time.Second) + o.val.Sec + (int64(now%time.Second)+o.val.Nsec)/int64(time.Second); sec < 0 || sec > ktimeSecMax/2 {
			return linux.ERANGE
		}
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.frozen {
		return linux.EACCES
	}
	for _, o := range offs {
		if o.clock == clockMonotonic {
			n.offsets.monotonic = o.val
		} else {
			n.offsets.boottime = o.val
		}
	}
	return nil
}

// parseTimensOffsets reads the lines of a timens_offsets write as the
// kernel's sscanf("%9s %lld %lu") does: a clock word of at most nine
// characters, a signed and an unsigned decimal, the rest of the line
// ignored.
func parseTimensOffsets(s string) ([]timensOffset, error) {
	s = strings.TrimSuffix(s, "\n")
	var out []timensOffset
	for _, line := range strings.Split(s, "\n") {
		if len(out) == 2 {
			return nil, linux.EINVAL
		}
		o, ok := scanTimensLine(line)
		if !ok {
			return nil, linux.EINVAL
		}
		out = append(out, o)
	}
	return out, nil
}

func scanTimensLine(line string) (timensOffset, bool) {
	sc := scanf{s: line}
	word := sc.word(9)
	sec, ok1 := sc.int()
	nsec, ok2 := sc.uint()
	if word == "" || !ok1 || !ok2 || nsec >= uint64(time.Second) {
		return timensOffset{}, false
	}
	o := timensOffset{val: Timespec{Sec: sec, Nsec: int64(nsec)}}
	switch word {
	case "monotonic", "1":
		o.clock = clockMonotonic
	case "boottime", "7":
		o.clock = clockBoottime
	default:
		return timensOffset{}, false
	}
	return o, true
}

// scanf reads a string the way the kernel's vsscanf reads %s, %lld and
// %lu: each conversion skips white space first; numbers are decimal, a
// sign only for the signed one.
type scanf struct{ s string }

func (p *scanf) skipSpace() {
	for len(p.s) > 0 && isCSpace(p.s[0]) {
		p.s = p.s[1:]
	}
}

// word is %Ns: up to max characters other than white space.
func (p *scanf) word(max int) string {
	p.skipSpace()
	n := 0
	for n < len(p.s) && n < max && !isCSpace(p.s[n]) {
		n++
	}
	w := p.s[:n]
	p.s = p.s[n:]
	return w
}

// int is %lld.
func (p *scanf) int() (int64, bool) {
	p.skipSpace()
	neg := strings.HasPrefix(p.s, "-")
	if neg {
		p.s = p.s[1:]
	}
	v, ok := p.digits()
	if neg {
		return -int64(v), ok
	}
	return int64(v), ok
}

// uint is %lu.
func (p *scanf) uint() (uint64, bool) {
	p.skipSpace()
	return p.digits()
}

func (p *scanf) digits() (uint64, bool) {
	var v uint64
	n := 0
	for n < len(p.s) && p.s[n] >= '0' && p.s[n] <= '9' {
		v = v*10 + uint64(p.s[n]-'0')
		n++
	}
	p.s = p.s[n:]
	return v, n > 0
}
