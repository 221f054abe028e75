// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/interp"
)

// ulimit sets and shows the task's resource limits. dash and bash differ
// in nearly everything but the system calls: the option letters, the
// units, the listing, the diagnostics and what an operand means.

// ulimitSoft and ulimitHard are which of a limit's two values -S and -H
// pick; neither means the shell's default.
const (
	ulimitSoft = 1 << iota
	ulimitHard
)

// dashLimit is a row of dash's table: the -a listing's name, the
// resource, the unit its values are counted in, and its option.
type dashLimit struct {
	name   string
	res    int
	factor uint64
	opt    byte
}

// dashLimits are dash 0.5.12's, in its listing's order.
var dashLimits = []dashLimit{
	{"time(seconds)", linux.RLIMIT_CPU, 1, 't'},
	{"file(blocks)", linux.RLIMIT_FSIZE, 512, 'f'},
	{"data(kbytes)", linux.RLIMIT_DATA, 1024, 'd'},
	{"stack(kbytes)", linux.RLIMIT_STACK, 1024, 's'},
	{"coredump(blocks)", linux.RLIMIT_CORE, 512, 'c'},
	{"memory(kbytes)", linux.RLIMIT_RSS, 1024, 'm'},
	{"locked memory(kbytes)", linux.RLIMIT_MEMLOCK, 1024, 'l'},
	{"process", linux.RLIMIT_NPROC, 1, 'p'},
	{"nofiles", linux.RLIMIT_NOFILE, 1, 'n'},
	{"vmemory(kbytes)", linux.RLIMIT_AS, 1024, 'v'},
	{"locks", linux.RLIMIT_LOCKS, 1, 'w'},
	{"rtprio", linux.RLIMIT_RTPRIO, 1, 'r'},
}

// bashLimit is a row of bash's table: its option, the resource (or
// pipeSize), the unit's size in bytes, and the listing's description
// and unit name.
type bashLimit struct {
	opt         byte
	res         int
	factor      uint64
	desc, units string
}

// pipeSize stands for bash's -p, which is no resource: the pipe's atomic
// write size (PIPE_BUF), read-only.
const pipeSize = -1

// bashLimits are bash 5.2's on Linux, in its listing's order. Its
// "blocks" are of 1024 bytes, 512 only in POSIX mode, which this shell
// does not have.
var bashLimits = []bashLimit{
	{'R', linux.RLIMIT_RTTIME, 1, "real-time non-blocking time", "microseconds"},
	{'c', linux.RLIMIT_CORE, 1024, "core file size", "blocks"},
	{'d', linux.RLIMIT_DATA, 1024, "data seg size", "kbytes"},
	{'e', linux.RLIMIT_NICE, 1, "scheduling priority", ""},
	{'f', linux.RLIMIT_FSIZE, 1024, "file size", "blocks"},
	{'i', linux.RLIMIT_SIGPENDING, 1, "pending signals", ""},
	{'l', linux.RLIMIT_MEMLOCK, 1024, "max locked memory", "kbytes"},
	{'m', linux.RLIMIT_RSS, 1024, "max memory size", "kbytes"},
	{'n', linux.RLIMIT_NOFILE, 1, "open files", ""},
	{'p', pipeSize, 512, "pipe size", "512 bytes"},
	{'q', linux.RLIMIT_MSGQUEUE, 1, "POSIX message queues", "bytes"},
	{'r', linux.RLIMIT_RTPRIO, 1, "real-time priority", ""},
	{'s', linux.RLIMIT_STACK, 1024, "stack size", "kbytes"},
	{'t', linux.RLIMIT_CPU, 1, "cpu time", "seconds"},
	{'u', linux.RLIMIT_NPROC, 1, "max user processes", ""},
	{'v', linux.RLIMIT_AS, 1024, "virtual memory", "kbytes"},
	{'x', linux.RLIMIT_LOCKS, 1, "file locks", ""},
}

// ulimitApplet is the ulimit builtin of the shell's dialect.
func ulimitApplet(c *cmd) int {
	if c.sh.dialect == Dash {
		return ulimitDash(c)
	}
	return ulimitBash(c)
}

// ulimitDash is dash's: one resource (the last option named, -f by
// default), -H or -S (the last given; by default both are set and the
// soft one shown), at most one operand, a decimal count of the
// resource's units or "unlimited".
func ulimitDash(c *cmd) int {
	what, how, all := byte('f'), ulimitSoft|ulimitHard, false
	letters := "HSa"
	for _, l := range dashLimits {
		letters += string(l.opt)
	}
	args, bad := scanFlags(c.Args, letters, func(o rune) {
		switch o {
		case 'H':
			how = ulimitHard
		case 'S':
			how = ulimitSoft
		case 'a':
			all = true
		default:
			what = byte(o)
		}
	})
	if bad != 0 {
		c.builtinErrorf("%s", c.sh.badOption("ulimit", bad, ""))
		return 2
	}
	var l dashLimit
	for _, l = range dashLimits {
		if l.opt == what {
			break
		}
	}
	if len(args) > 0 && (all || len(args) > 1) {
		c.builtinErrorf("too many arguments")
		return 2
	}
	if all {
		for _, l := range dashLimits {
			fmt.Fprintf(c.Out, "%-20s ", l.name)
			dashPrintLimit(c, how, l)
		}
		return 0
	}
	if len(args) == 0 {
		dashPrintLimit(c, how, l)
		return 0
	}
	val, ok := dashLimitValue(args[0], l.factor)
	if !ok {
		c.builtinErrorf("bad number")
		return 2
	}
	r, _ := c.Task.Getrlimit(l.res)
	if how&ulimitHard != 0 {
		r.Max = val
	}
	if how&ulimitSoft != 0 {
		r.Cur = val
	}
	if err := c.Task.Setrlimit(l.res, r); err != nil {
		c.builtinErrorf("error setting limit (%s)", applet.ErrText(err))
		return 2
	}
	return 0
}

// dashLimitValue reads dash's operand: "unlimited" or digits (none is
// 0), times the unit, wrapping as dash's unsigned arithmetic does.
func dashLimitValue(s string, factor uint64) (uint64, bool) {
	if s == "unlimited" {
		return linux.RLIM_INFINITY, true
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + uint64(s[i]-'0')
	}
	return v * factor, true
}

func dashPrintLimit(c *cmd, how int, l dashLimit) {
	r, _ := c.Task.Getrlimit(l.res)
	v := r.Max
	if how&ulimitSoft != 0 {
		v = r.Cur
	}
	if v == linux.RLIM_INFINITY {
		fmt.Fprintln(c.Out, "unlimited")
		return
	}
	fmt.Fprintln(c.Out, v/l.factor)
}

// bashUlimitUsage is the usage line of bash's diagnostics, which names
// options (-b, -k, -P, -T) that Linux builds refuse.
const bashUlimitUsage = "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]"

// ulimitRequest is one resource option of a bash ulimit and its
// argument, if it has one.
type ulimitRequest struct {
	l   bashLimit
	arg *string
}

// ulimitBash is bash's: any number of resource options, each with an
// optional argument (the rest of its word, or the next word unless that
// starts with '-'); the last one without one takes the first operand.
// No option is -f. -a lists every limit, ignoring the rest.
func ulimitBash(c *cmd) int {
	reqs, operands, mode, all, bad := parseBashUlimit(c.Args)
	if bad != 0 {
		c.builtinErrorf("%s", c.sh.badOption("ulimit", rune(bad), bashUlimitUsage))
		return 2
	}
	if all {
		if mode == 0 {
			mode = ulimitSoft
		}
		for _, l := range bashLimits {
			soft, hard := bashGetLimit(c, l)
			printBashLimit(c, l, pick(mode, soft, hard), true)
		}
		return 0
	}
	if len(reqs) == 0 {
		r := ulimitRequest{l: bashLimits[4]} // -f
		if len(operands) > 0 {
			r.arg, operands = &operands[0], operands[1:]
		}
		reqs = append(reqs, r)
	}
	if last := &reqs[len(reqs)-1]; last.arg == nil && len(operands) > 0 {
		last.arg = &operands[0]
	}
	for _, r := range reqs {
		if !bashUlimitOne(c, r, mode, len(reqs) > 1) {
			return 1
		}
	}
	return 0
}

// parseBashUlimit splits bash's ulimit arguments into the resource
// options with their arguments, the operands, -S/-H and -a; bad is an
// unknown option letter.
func parseBashUlimit(args []string) (reqs []ulimitRequest, operands []string, mode int, all bool, bad byte) {
	i := 0
	for i < len(args) {
		w := args[i]
		if w == "--" {
			i++
			break
		}
		if len(w) < 2 || w[0] != '-' {
			break
		}
		i++
		for j := 1; j < len(w); j++ {
			switch o := w[j]; o {
			case 'a':
				all = true
			case 'S':
				mode |= ulimitSoft
			case 'H':
				mode |= ulimitHard
			default:
				l, ok := bashLimitOf(o)
				if !ok {
					return nil, nil, 0, false, o
				}
				r := ulimitRequest{l: l}
				if j+1 < len(w) {
					rest := w[j+1:]
					r.arg, j = &rest, len(w)
				} else if i < len(args) && !strings.HasPrefix(args[i], "-") {
					r.arg = &args[i]
					i++
				}
				reqs = append(reqs, r)
			}
		}
	}
	return reqs, args[i:], mode, all, 0
}

func bashLimitOf(opt byte) (bashLimit, bool) {
	for _, l := range bashLimits {
		if l.opt == opt {
			return l, true
		}
	}
	return bashLimit{}, false
}

func pick(mode int, soft, hard uint64) uint64 {
	if mode&ulimitSoft != 0 {
		return soft
	}
	return hard
}

// bashGetLimit is the limit's two values; the pipe size is both.
func bashGetLimit(c *cmd, l bashLimit) (soft, hard uint64) {
	if l.res == pipeSize {
		return linux.PIPE_BUF, linux.PIPE_BUF
	}
	r, _ := c.Task.Getrlimit(l.res)
	return r.Cur, r.Max
}

// printBashLimit prints a value in the limit's units, after its
// description and option when described.
func printBashLimit(c *cmd, l bashLimit, v uint64, described bool) {
	if described {
		unit := fmt.Sprintf("(-%c) ", l.opt)
		if l.units != "" {
			unit = fmt.Sprintf("(%s, -%c) ", l.units, l.opt)
		}
		fmt.Fprintf(c.Out, "%-20s %20s", l.desc, unit)
	}
	if v == linux.RLIM_INFINITY {
		fmt.Fprintln(c.Out, "unlimited")
		return
	}
	fmt.Fprintln(c.Out, v/l.factor)
}

// bashUlimitOne shows or sets one limit (ulimit_internal); a setting
// with neither -S nor -H sets both, a showing shows the soft limit.
func bashUlimitOne(c *cmd, r ulimitRequest, mode int, described bool) bool {
	if mode == 0 {
		mode = ulimitSoft
		if r.arg != nil {
			mode = ulimitSoft | ulimitHard
		}
	}
	soft, hard := bashGetLimit(c, r.l)
	if r.arg == nil {
		printBashLimit(c, r.l, pick(mode, soft, hard), described)
		return true
	}
	var v uint64
	switch s := *r.arg; {
	case s == "hard":
		v = hard
	case s == "soft":
		v = soft
	case s == "unlimited":
		v = linux.RLIM_INFINITY
	case strings.Trim(s, "0123456789") == "":
		n := dashOrBashDigits(s)
		v = n * r.l.factor
		if v/r.l.factor != n {
			c.builtinErrorf("%s: limit out of range", s)
			return false
		}
	default:
		c.builtinErrorf("%s: %s", s, invalidNumber(s))
		return false
	}
	if err := bashSetLimit(c, r.l, v, mode); err != nil {
		c.builtinErrorf("%s: cannot modify limit: %s", r.l.desc, applet.ErrText(err))
		return false
	}
	return true
}

// dashOrBashDigits is the value of a string of decimal digits, wrapping
// past 2^64 as both shells' loops do.
func dashOrBashDigits(s string) uint64 {
	v, _ := dashLimitValue(s, 1)
	return v
}

// invalidNumber is bash's word for a number it cannot read: a leading 0
// makes it octal, 0x hexadecimal.
func invalidNumber(s string) string {
	switch {
	case len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9':
		return "invalid octal number"
	case len(s) > 1 && s[0] == '0' && s[1] == 'x':
		return "invalid hex number"
	}
	return "invalid number"
}

// bashSetLimit is bash's set_limit: the pipe size cannot be set
// (EINVAL); a user other than root asking for an unlimited soft limit
// alone gets the hard limit instead.
func bashSetLimit(c *cmd, l bashLimit, v uint64, mode int) error {
	if l.res == pipeSize {
		return linux.EINVAL
	}
	r, err := c.Task.Getrlimit(l.res)
	if err != nil {
		return err
	}
	if c.Task.Cred().EUID != 0 && v == linux.RLIM_INFINITY && mode&ulimitHard == 0 && r.Cur <= r.Max {
		v = r.Max
	}
	if mode&ulimitSoft != 0 {
		r.Cur = v
	}
	if mode&ulimitHard != 0 {
		r.Max = v
	}
	return c.Task.Setrlimit(l.res, r)
}

// A command substitution or a pipeline part runs on its parent's task
// (subshell.go), but the limits it sets must die with it, as a fork's
// would. As umask keeps its mask in a variable, ulimit names the limits
// it leaves in rlimitVar of the calling (sub)shell: a generation of
// rlimitScopes. A call from a scope whose generation is not the one
// its task last had puts that generation's limits back (syncRlimits).
// Limits another process changes (prlimit --pid) stay until a scope
// with other limits of its own is left.
const rlimitVar = "LINUXVFS_RLIMITS"

// rlimitScopes are the limits of each generation; 0 is the shell's
// limits as it started.
type rlimitScopes struct {
	mu    *sync.Mutex
	limit map[int][linux.RLIM_NLIMITS]linux.Rlimit
}

func newRlimitScopes(t *vfs.Task) rlimitScopes {
	return rlimitScopes{mu: &sync.Mutex{}, limit: map[int][linux.RLIM_NLIMITS]linux.Rlimit{0: t.Rlimits()}}
}

// rlimGeneration is the generation p's task was last given.
func (p *proc) rlimGeneration() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rlimGen
}

// scopeGeneration is the generation of the (sub)shell whose environment
// is env.
func scopeGeneration(env expand.Environ) int {
	if env == nil {
		return 0
	}
	n, _ := strconv.Atoi(env.Get(rlimitVar).String())
	return n
}

// syncRlimits gives p's task the limits of the scope making a call, if
// the task last had another's.
func (s *shell) syncRlimits(p *proc, env expand.Environ) {
	gen := scopeGeneration(env)
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen == p.rlimGen {
		return
	}
	s.rlim.mu.Lock()
	r, ok := s.rlim.limit[gen]
	s.rlim.mu.Unlock()
	if ok {
		p.task.SetRlimits(r)
		p.rlimGen = gen
	}
}

// ulimit is the call handler's ulimit: it runs the builtin on the
// caller's task and, when the limits changed, records them as a new
// generation in rlimitVar of the calling (sub)shell.
func (s *shell) ulimit(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	p := s.sync(hc)
	before := p.task.Rlimits()
	s.rlim.mu.Lock()
	// What the scope's task has now is the scope's own: another
	// process may have changed it since.
	s.rlim.limit[p.rlimGeneration()] = before
	s.rlim.mu.Unlock()
	c := &cmd{Cmd: s.newCmd(ctx, hc, "ulimit", args[1:]), sh: s, hc: hc}
	code := c.runBuiltin(ulimitApplet)
	after := p.task.Rlimits()
	status := []string{internal + "status", strconv.Itoa(code)}
	if after == before {
		return status
	}
	s.rlim.mu.Lock()
	gen := len(s.rlim.limit)
	s.rlim.limit[gen] = after
	s.rlim.mu.Unlock()
	p.mu.Lock()
	p.rlimGen = gen
	p.mu.Unlock()
	return []string{"eval", fmt.Sprintf("%s=%d; %sstatus %d", rlimitVar, gen, internal, code)}
}
