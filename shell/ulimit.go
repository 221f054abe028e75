// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
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
// units, the listing, the diagnostics and what an operand means. Each
// dialect reads its command line into a list of limitActions first, then
// runs them in order with the shared reader, printer and writer below.

// Which of a limit's two values an action reads or writes: a bit set.
const (
	ulimitSoft = 1 << iota
	ulimitHard
	ulimitBoth = ulimitSoft | ulimitHard
)

// limitRow is one line of a dialect's ulimit table. unit is how many
// bytes (or counts) one of the numbers the builtin reads and prints
// stands for. label starts the -a listing's line; bash's rows also have
// a tag, the unit's name and option shown after it.
type limitRow struct {
	opt   byte
	res   int
	unit  uint64
	label string
	tag   string
}

// dashLimits are dash 0.5.12's, in its listing's order.
var dashLimits = []limitRow{
	{'t', linux.RLIMIT_CPU, 1, "time(seconds)", ""},
	{'f', linux.RLIMIT_FSIZE, 512, "file(blocks)", ""},
	{'d', linux.RLIMIT_DATA, 1024, "data(kbytes)", ""},
	{'s', linux.RLIMIT_STACK, 1024, "stack(kbytes)", ""},
	{'c', linux.RLIMIT_CORE, 512, "coredump(blocks)", ""},
	{'m', linux.RLIMIT_RSS, 1024, "memory(kbytes)", ""},
	{'l', linux.RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)", ""},
	{'p', linux.RLIMIT_NPROC, 1, "process", ""},
	{'n', linux.RLIMIT_NOFILE, 1, "nofiles", ""},
	{'v', linux.RLIMIT_AS, 1024, "vmemory(kbytes)", ""},
	{'w', linux.RLIMIT_LOCKS, 1, "locks", ""},
	{'r', linux.RLIMIT_RTPRIO, 1, "rtprio", ""},
}

// pipeSize stands for bash's -p, which is no resource: the pipe's atomic
// write size (PIPE_BUF), read-only.
const pipeSize = -1

// bashLimits are bash 5.2's on Linux, in its listing's order. Its
// "blocks" are of 1024 bytes, 512 only in POSIX mode, which this shell
// does not have.
var bashLimits = []limitRow{
	{'R', linux.RLIMIT_RTTIME, 1, "real-time non-blocking time", "(microseconds, -R)"},
	{'c', linux.RLIMIT_CORE, 1024, "core file size", "(blocks, -c)"},
	{'d', linux.RLIMIT_DATA, 1024, "data seg size", "(kbytes, -d)"},
	{'e', linux.RLIMIT_NICE, 1, "scheduling priority", "(-e)"},
	{'f', linux.RLIMIT_FSIZE, 1024, "file size", "(blocks, -f)"},
	{'i', linux.RLIMIT_SIGPENDING, 1, "pending signals", "(-i)"},
	{'l', linux.RLIMIT_MEMLOCK, 1024, "max locked memory", "(kbytes, -l)"},
	{'m', linux.RLIMIT_RSS, 1024, "max memory size", "(kbytes, -m)"},
	{'n', linux.RLIMIT_NOFILE, 1, "open files", "(-n)"},
	{'p', pipeSize, 512, "pipe size", "(512 bytes, -p)"},
	{'q', linux.RLIMIT_MSGQUEUE, 1, "POSIX message queues", "(bytes, -q)"},
	{'r', linux.RLIMIT_RTPRIO, 1, "real-time priority", "(-r)"},
	{'s', linux.RLIMIT_STACK, 1024, "stack size", "(kbytes, -s)"},
	{'t', linux.RLIMIT_CPU, 1, "cpu time", "(seconds, -t)"},
	{'u', linux.RLIMIT_NPROC, 1, "max user processes", "(-u)"},
	{'v', linux.RLIMIT_AS, 1024, "virtual memory", "(kbytes, -v)"},
	{'x', linux.RLIMIT_LOCKS, 1, "file locks", "(-x)"},
}

// findLimit is the row of table for option letter opt, nil if none.
func findLimit(table []limitRow, opt byte) *limitRow {
	i := slices.IndexFunc(table, func(r limitRow) bool { return r.opt == opt })
	if i < 0 {
		return nil
	}
	return &table[i]
}

// limitAction is one thing a ulimit command line asks for: show a
// limit, or set it. A setting's value is in bytes (or counts) already,
// unless from names the current value to take instead (bash's "soft"
// and "hard"); an operand that could not be read leaves its diagnostic
// in bad, reported when the action's turn comes, after the ones before
// it have run.
type limitAction struct {
	row      *limitRow
	which    int
	set      bool
	value    uint64
	from     int
	bad      string
	headings bool
}

// readLimits is the row's soft and hard values; the pipe size is both.
func readLimits(c *cmd, row *limitRow) (soft, hard uint64) {
	if row.res == pipeSize {
		return linux.PIPE_BUF, linux.PIPE_BUF
	}
	r, _ := c.Task.Getrlimit(row.res)
	return r.Cur, r.Max
}

// showLimit prints one of the row's values in its units, after the
// listing's heading when asked: dash's label, or bash's label and tag.
func showLimit(c *cmd, a limitAction) {
	soft, hard := readLimits(c, a.row)
	v := hard
	if a.which&ulimitSoft != 0 {
		v = soft
	}
	if a.headings {
		if a.row.tag == "" {
			fmt.Fprintf(c.Out, "%-20s ", a.row.label)
		} else {
			fmt.Fprintf(c.Out, "%-20s %19s ", a.row.label, a.row.tag)
		}
	}
	if v == linux.RLIM_INFINITY {
		fmt.Fprintln(c.Out, "unlimited")
	} else {
		fmt.Fprintln(c.Out, v/a.row.unit)
	}
}

// writeLimit gives the row's chosen values v; the pipe size cannot be
// set.
func writeLimit(c *cmd, row *limitRow, which int, v uint64) error {
	if row.res == pipeSize {
		return linux.EINVAL
	}
	r, err := c.Task.Getrlimit(row.res)
	if err != nil {
		return err
	}
	if which&ulimitSoft != 0 {
		r.Cur = v
	}
	if which&ulimitHard != 0 {
		r.Max = v
	}
	return c.Task.Setrlimit(row.res, r)
}

// wrappingDecimal is the value of s if it is all decimal digits (none
// reads as 0), wrapping past 2^64 as both shells' unsigned arithmetic
// does.
func wrappingDecimal(s string) (uint64, bool) {
	var v uint64
	for _, d := range []byte(s) {
		if d < '0' || d > '9' {
			return 0, false
		}
		v = v*10 + uint64(d-'0')
	}
	return v, true
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
// resource's units or "unlimited". Its failures are status 2.
func ulimitDash(c *cmd) int {
	actions, msg := dashActions(c)
	if msg != "" {
		c.builtinErrorf("%s", msg)
		return 2
	}
	for _, a := range actions {
		if !a.set {
			showLimit(c, a)
		} else if err := writeLimit(c, a.row, a.which, a.value); err != nil {
			c.builtinErrorf("error setting limit (%s)", applet.ErrText(err))
			return 2
		}
	}
	return 0
}

// dashActions reads dash's command line; msg is its complaint about it.
func dashActions(c *cmd) (actions []limitAction, msg string) {
	row, which, listAll := findLimit(dashLimits, 'f'), ulimitBoth, false
	known := "HSa"
	for _, r := range dashLimits {
		known += string(r.opt)
	}
	operands, bad := scanFlags(c.Args, known, func(o rune) {
		switch o {
		case 'H':
			which = ulimitHard
		case 'S':
			which = ulimitSoft
		case 'a':
			listAll = true
		default:
			row = findLimit(dashLimits, byte(o))
		}
	})
	switch {
	case bad != 0:
		return nil, c.sh.badOption("ulimit", bad, "")
	case len(operands) > 1 || len(operands) == 1 && listAll:
		return nil, "too many arguments"
	case listAll:
		for i := range dashLimits {
			actions = append(actions, limitAction{row: &dashLimits[i], which: which, headings: true})
		}
		return actions, ""
	case len(operands) == 0:
		return []limitAction{{row: row, which: which}}, ""
	}
	v := linux.RLIM_INFINITY
	if operands[0] != "unlimited" {
		n, ok := wrappingDecimal(operands[0])
		if !ok {
			return nil, "bad number"
		}
		_, v = bits.Mul64(n, row.unit) // dash lets the product wrap
	}
	return []limitAction{{row: row, which: which, set: true, value: v}}, ""
}

// bashUlimitUsage is the usage line of bash's diagnostics, which names
// options (-b, -k, -P, -T) that Linux builds refuse.
const bashUlimitUsage = "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]"

// ulimitBash is bash's: any number of resource options, each with an
// optional argument (the rest of its word, or the next word unless that
// starts with '-'); the last one without one takes the first operand.
// No option is -f. -a lists every limit, ignoring the rest. A bad
// option is status 2, any other failure 1, stopping there.
func ulimitBash(c *cmd) int {
	w, err := scanBashUlimit(c.Args)
	if err != 0 {
		c.builtinErrorf("%s", c.sh.badOption("ulimit", rune(err), bashUlimitUsage))
		return 2
	}
	for _, a := range w.actions() {
		if !runBashAction(c, a) {
			return 1
		}
	}
	return 0
}

// bashUlimitWords is what scanBashUlimit found: each resource option in
// order with its argument (nil if none), the operands, the -S/-H bits and
// -a.
type bashUlimitWords struct {
	rows     []*limitRow
	args     []*string
	operands []string
	which    int
	listAll  bool
}

// scanBashUlimit sorts bash's ulimit words; bad is an option letter it
// does not know.
func scanBashUlimit(words []string) (w bashUlimitWords, bad byte) {
	next := 0
	take := func() *string { next++; return &words[next-1] }
scan:
	for next < len(words) {
		word := words[next]
		switch {
		case word == "--":
			next++
			break scan
		case len(word) < 2 || word[0] != '-':
			break scan
		}
		next++
		for i := 1; i < len(word); i++ {
			switch word[i] {
			case 'a':
				w.listAll = true
				continue
			case 'S':
				w.which |= ulimitSoft
				continue
			case 'H':
				w.which |= ulimitHard
				continue
			}
			row := findLimit(bashLimits, word[i])
			if row == nil {
				return bashUlimitWords{}, word[i]
			}
			var arg *string
			if rest := word[i+1:]; rest != "" {
				arg, i = &rest, len(word)
			} else if next < len(words) && !strings.HasPrefix(words[next], "-") {
				arg = take()
			}
			w.rows, w.args = append(w.rows, row), append(w.args, arg)
		}
	}
	w.operands = words[next:]
	return w, 0
}

// actions turns bash's words into what to do: the whole listing for -a
// (the soft values unless only -H), else each option's show or set, -f
// when there is none; a show alone has no heading.
func (w bashUlimitWords) actions() []limitAction {
	if w.listAll {
		which := w.which
		if which == 0 {
			which = ulimitSoft
		}
		var all []limitAction
		for i := range bashLimits {
			all = append(all, limitAction{row: &bashLimits[i], which: which, headings: true})
		}
		return all
	}
	rows, args := w.rows, w.args
	if len(rows) == 0 {
		rows, args = []*limitRow{findLimit(bashLimits, 'f')}, []*string{nil}
	}
	if last := len(args) - 1; args[last] == nil && len(w.operands) > 0 {
		args = append(args[:last:last], &w.operands[0])
	}
	var list []limitAction
	for i, row := range rows {
		a := limitAction{row: row, which: w.which, headings: len(rows) > 1}
		if args[i] != nil {
			a.set = true
			a.value, a.from, a.bad = bashLimitValue(*args[i], row.unit)
			if a.which == 0 {
				a.which = ulimitBoth
			}
		} else if a.which == 0 {
			a.which = ulimitSoft
		}
		list = append(list, a)
	}
	return list
}

// bashLimitValue reads bash's argument in units of unit: a number,
// "unlimited", or "soft"/"hard" (from: the current value to take).
// bad is the diagnostic for anything else, or a number too big.
func bashLimitValue(s string, unit uint64) (v uint64, from int, bad string) {
	switch s {
	case "unlimited":
		return linux.RLIM_INFINITY, 0, ""
	case "soft":
		return 0, ulimitSoft, ""
	case "hard":
		return 0, ulimitHard, ""
	}
	n, ok := wrappingDecimal(s)
	if !ok {
		return 0, 0, s + ": " + invalidNumber(s)
	}
	over, v := bits.Mul64(n, unit)
	if over != 0 {
		return 0, 0, s + ": limit out of range"
	}
	return v, 0, ""
}

// invalidNumber is bash's word for a number it cannot read: one that
// starts with 0 and a digit is read as octal, with 0x as hexadecimal.
func invalidNumber(s string) string {
	if len(s) > 1 && s[0] == '0' {
		if s[1] == 'x' {
			return "invalid hex number"
		}
		if s[1] >= '0' && s[1] <= '9' {
			return "invalid octal number"
		}
	}
	return "invalid number"
}

// runBashAction does one of bash's actions; false when it failed.
func runBashAction(c *cmd, a limitAction) bool {
	if !a.set {
		showLimit(c, a)
		return true
	}
	if a.bad != "" {
		c.builtinErrorf("%s", a.bad)
		return false
	}
	soft, hard := readLimits(c, a.row)
	v := a.value
	switch a.from {
	case ulimitSoft:
		v = soft
	case ulimitHard:
		v = hard
	}
	v = unprivilegedCeiling(c, v, a.which, hard)
	if err := writeLimit(c, a.row, a.which, v); err != nil {
		c.builtinErrorf("%s: cannot modify limit: %s", a.row.label, applet.ErrText(err))
		return false
	}
	return true
}

// unprivilegedCeiling is the value bash asks for when it was told v: a
// user other than root cannot raise a soft limit past the hard one, so
// an unlimited soft limit alone means as high as the hard limit allows.
func unprivilegedCeiling(c *cmd, v uint64, which int, hard uint64) uint64 {
	if v == linux.RLIM_INFINITY && which == ulimitSoft && c.Task.Cred().EUID != 0 {
		return hard
	}
	return v
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
