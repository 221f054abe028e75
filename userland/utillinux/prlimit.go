// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// prlimit(1) of util-linux 2.38: show or set a process's resource
// limits (prlimit(2)), or run a command with new ones. A resource
// option without a value asks for that limit in the table; with one
// (SOFT:HARD, SOFT:, :HARD, one value for both, "unlimited") it sets it
// and leaves it out of the table. No resource option shows them all.

// prlimitRes is a resource as prlimit names and describes it.
type prlimitRes struct {
	name, desc, units string
	res               int
	short             byte
	long              string
}

// prlimitResources are in prlimit's order, which its table follows.
var prlimitResources = []prlimitRes{
	{"AS", "address space limit", "bytes", linux.RLIMIT_AS, 'v', "as"},
	{"CORE", "max core file size", "bytes", linux.RLIMIT_CORE, 'c', "core"},
	{"CPU", "CPU time", "seconds", linux.RLIMIT_CPU, 't', "cpu"},
	{"DATA", "max data size", "bytes", linux.RLIMIT_DATA, 'd', "data"},
	{"FSIZE", "max file size", "bytes", linux.RLIMIT_FSIZE, 'f', "fsize"},
	{"LOCKS", "max number of file locks held", "locks", linux.RLIMIT_LOCKS, 'x', "locks"},
	{"MEMLOCK", "max locked-in-memory address space", "bytes", linux.RLIMIT_MEMLOCK, 'l', "memlock"},
	{"MSGQUEUE", "max bytes in POSIX mqueues", "bytes", linux.RLIMIT_MSGQUEUE, 'q', "msgqueue"},
	{"NICE", "max nice prio allowed to raise", "", linux.RLIMIT_NICE, 'e', "nice"},
	{"NOFILE", "max number of open files", "files", linux.RLIMIT_NOFILE, 'n', "nofile"},
	{"NPROC", "max number of processes", "processes", linux.RLIMIT_NPROC, 'u', "nproc"},
	{"RSS", "max resident set size", "bytes", linux.RLIMIT_RSS, 'm', "rss"},
	{"RTPRIO", "max real-time priority", "", linux.RLIMIT_RTPRIO, 'r', "rtprio"},
	{"RTTIME", "timeout for real-time tasks", "microsecs", linux.RLIMIT_RTTIME, 'y', "rttime"},
	{"SIGPENDING", "max number of pending signals", "signals", linux.RLIMIT_SIGPENDING, 'i', "sigpending"},
	{"STACK", "max stack size", "bytes", linux.RLIMIT_STACK, 's', "stack"},
}

// prlimitCols are the table's columns.
var prlimitCols = []struct {
	name  string
	right bool
	cell  func(r prlimitRes, l linux.Rlimit) string
}{
	{"RESOURCE", false, func(r prlimitRes, _ linux.Rlimit) string { return r.name }},
	{"DESCRIPTION", false, func(r prlimitRes, _ linux.Rlimit) string { return r.desc }},
	{"SOFT", true, func(_ prlimitRes, l linux.Rlimit) string { return prlimitValue(l.Cur) }},
	{"HARD", true, func(_ prlimitRes, l linux.Rlimit) string { return prlimitValue(l.Max) }},
	{"UNITS", false, func(r prlimitRes, _ linux.Rlimit) string { return r.units }},
}

func prlimitValue(v uint64) string {
	if v == linux.RLIM_INFINITY {
		return "unlimited"
	}
	return strconv.FormatUint(v, 10)
}

// Which halves of a limit a value names.
const (
	prlimSoft = 1 << iota
	prlimHard
)

// prlimitItem is one resource option: a limit to show, or (set != 0)
// to set.
type prlimitItem struct {
	r    prlimitRes
	lim  linux.Rlimit
	set  int
	show bool
}

type prlimitRun struct {
	c           *cmd
	items       []*prlimitItem
	pid         int32
	pidSet      bool
	noHead, raw bool
	verbose     bool
	cols        []int
	failed      bool // an option's argument was refused, reported
	status      int
	operands    []string
}

// prlimitApplet is prlimit's entry point.
func prlimitApplet(c *cmd) int {
	r := &prlimitRun{c: c}
	if !r.parse() {
		return r.status
	}
	if len(r.operands) > 0 && r.pid != 0 {
		c.warnf("options --pid and COMMAND are mutually exclusive")
		return 1
	}
	if len(r.cols) == 0 {
		r.cols = []int{0, 1, 2, 3, 4}
	}
	if len(r.items) == 0 {
		for _, res := range prlimitResources {
			r.items = append(r.items, &prlimitItem{r: res, show: true})
		}
	}
	if !r.apply() {
		return 1
	}
	r.show()
	if len(r.operands) == 0 {
		return 0
	}
	return r.exec()
}

// parse reads the options in order, stopping at the command; false
// ends prlimit with r.status (--help and --version too, with 0).
func (r *prlimitRun) parse() bool {
	opts := []getopt.Option{
		{Short: 'p', Long: "pid", Arg: getopt.RequiredArg},
		{Short: 'o', Long: "output", Arg: getopt.RequiredArg},
		{Long: "noheadings", ID: 1001}, {Long: "raw", ID: 1002}, {Long: "verbose", ID: 1003},
		{Short: 'h', Long: "help", ID: applet.OptHelp}, {Short: 'V', Long: "version", ID: applet.OptVersion},
	}
	for i, res := range prlimitResources {
		opts = append(opts, getopt.Option{Short: res.short, Long: res.long, Arg: getopt.OptionalArg, ID: 2000 + i})
	}
	ops, status, ok := r.c.GetoptEach(opts, true, helpTexts["prlimit"], r.option)
	r.status, r.operands = status, ops
	if r.failed {
		r.status = 1
	}
	return ok && !r.failed
}

// option takes one parsed option; false stops the parsing (reported).
func (r *prlimitRun) option(p getopt.Parsed) bool {
	c := r.c
	switch {
	case p.ID == 'p':
		if r.pidSet {
			c.warnf("option --pid may be specified only once")
			r.failed = true
			return false
		}
		pid, err := int32OrErr(p.Value, "invalid PID argument")
		if err != nil {
			c.warnf("%s", err)
			r.failed = true
			return false
		}
		r.pid, r.pidSet = pid, true
	case p.ID == 'o':
		cols, ok := c.columnList(p.Value, nil, 2*len(prlimitCols), prlimitColByName)
		if !ok {
			r.failed = true
			return false
		}
		r.cols = cols
	case p.ID == 1001:
		r.noHead = true
	case p.ID == 1002:
		r.raw = true
	case p.ID == 1003:
		r.verbose = true
	case p.ID >= 2000:
		res := prlimitResources[p.ID-2000]
		it := &prlimitItem{r: res, show: !p.HasValue}
		if p.HasValue {
			lim, set, ok := parsePrlimitRange(strings.TrimPrefix(p.Value, "="))
			if !ok {
				c.warnf("failed to parse %s limit", res.name)
				r.failed = true
				return false
			}
			it.lim, it.set = lim, set
		}
		r.items = append(r.items, it)
	}
	return true
}

func prlimitColByName(name string) int {
	return slices.IndexFunc(prlimitCols, func(col struct {
		name  string
		right bool
		cell  func(r prlimitRes, l linux.Rlimit) string
	}) bool {
		return strings.EqualFold(col.name, name)
	})
}

// parsePrlimitRange reads SOFT:HARD, SOFT:, :HARD, a single value for
// both, each a number as strtoull reads it or "unlimited"; set says
// which halves were given. The soft value is read as far as it goes
// (strtoull stops at the first character it cannot take): what follows
// it is a hard value only after a colon, else it is ignored ("7x" is
// 7 for both, as util-linux 2.38 reads it); a hard value must be whole.
func parsePrlimitRange(s string) (lim linux.Rlimit, set int, ok bool) {
	if hard, isHard := strings.CutPrefix(s, ":"); isHard {
		v, ok := prlimitNumber(hard)
		return linux.Rlimit{Max: v}, prlimHard, ok
	}
	cur, rest, ok := prlimitLeading(s)
	if !ok {
		return lim, 0, false
	}
	hard, colon := strings.CutPrefix(rest, ":")
	switch {
	case !colon:
		return linux.Rlimit{Cur: cur, Max: cur}, prlimSoft | prlimHard, true
	case hard == "":
		return linux.Rlimit{Cur: cur}, prlimSoft, true
	}
	v, ok := prlimitNumber(hard)
	return linux.Rlimit{Cur: cur, Max: v}, prlimSoft | prlimHard, ok
}

// prlimitLeading is the value s starts with ("unlimited", or blanks, a
// sign and digits) and the rest of s; false without one.
func prlimitLeading(s string) (uint64, string, bool) {
	if rest, ok := strings.CutPrefix(s, "unlimited"); ok {
		return linux.RLIM_INFINITY, rest, true
	}
	start := len(s) - len(strings.TrimLeft(s, " \t\n\v\f\r"))
	end := start
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	digits := end
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == digits {
		return 0, s, false
	}
	v, err := cStrto(s[:end], true)
	return v, s[end:], err == nil
}

// prlimitNumber is "unlimited" or a whole strtoull number.
func prlimitNumber(s string) (uint64, bool) {
	if s == "unlimited" {
		return linux.RLIM_INFINITY, true
	}
	v, err := cStrto(s, true)
	return v, err == nil
}

// apply gets the limits to show and sets the others, in the order
// given; the first failure ends prlimit.
func (r *prlimitRun) apply() bool {
	c := r.c
	var kept []*prlimitItem
	for _, it := range r.items {
		if it.show {
			old, err := c.Task.Prlimit(r.pid, it.r.res, nil)
			if err != nil {
				c.warnf("failed to get the %s resource limit: %s", it.r.name, applet.ErrText(err))
				return false
			}
			it.lim = old
			kept = append(kept, it)
			continue
		}
		if !r.set(it) {
			return false
		}
	}
	r.items = kept
	return true
}

// set sets one limit, the half not given taken from the current one.
func (r *prlimitRun) set(it *prlimitItem) bool {
	c := r.c
	if it.set != prlimSoft|prlimHard {
		old, err := c.Task.Prlimit(r.pid, it.r.res, nil)
		if err != nil {
			c.warnf("failed to get old %s limit: %s", it.r.name, applet.ErrText(err))
			return false
		}
		if it.set&prlimSoft == 0 {
			it.lim.Cur = old.Cur
		} else {
			it.lim.Max = old.Max
		}
	}
	if it.lim.Cur > it.lim.Max {
		c.warnf("the soft limit %s cannot exceed the hard limit", it.r.name)
		return false
	}
	if r.verbose {
		pid := r.pid
		if pid == 0 {
			pid = c.Task.Getpid()
		}
		fmt.Fprintf(c.Out, "New %s limit for pid %d: <%s:%s>\n", it.r.name, pid, prlimitValue(it.lim.Cur), prlimitValue(it.lim.Max))
	}
	lim := it.lim
	if _, err := c.Task.Prlimit(r.pid, it.r.res, &lim); err != nil {
		c.warnf("failed to set the %s resource limit: %s", it.r.name, applet.ErrText(err))
		return false
	}
	return true
}

// show prints the table of the limits asked for, if any.
func (r *prlimitRun) show() {
	if len(r.items) == 0 {
		return
	}
	tb := &table{noHeader: r.noHead}
	if r.raw {
		tb.format = formatRaw
	}
	for _, id := range r.cols {
		tb.addCol(&tableCol{header: prlimitCols[id].name, right: prlimitCols[id].right})
	}
	for _, it := range r.items {
		row := tb.addRow(nil)
		for i, id := range r.cols {
			row.cells[i] = prlimitCols[id].cell(it.r, it.lim)
		}
	}
	tb.render(r.c.Out)
}

// exec runs the command on prlimit's own task, with the limits set.
// What prlimit wrote is in its stdio buffer, never flushed to a pipe or
// file before execvp: the command replaces it unseen, and a failed exec
// prints the error before it (exit flushes the buffer).
func (r *prlimitRun) exec() int {
	c := r.c
	name, err := c.FindProgram(c.Task, r.operands[0], c.Env)
	if err != nil {
		fmt.Fprintf(c.Errw, "%s: failed to execute %s: %s\n", c.Name, r.operands[0], applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	c.ClearOut()
	return c.RunProgram(c.Task, name, r.operands, c.Env, c.Stdin)
}
