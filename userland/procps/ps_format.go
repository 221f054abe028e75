// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// The columns of ps -o, each with the header and width procps-ng gives
// it. What the virtual /proc cannot tell (CPU and memory use, terminals,
// start times) shows as a process would that used none, has no
// terminal, and started at the time of asking.

type psCol struct {
	header string
	width  int
	right  bool
	value  func(r *psRun, p *applet.Proc) string
}

// pidWidth is the width of PID columns: procps sizes them for pid_max,
// which on the hosts compared with is 4194304.
const pidWidth = 7

func psUser(r *psRun, uid uint32) string { return applet.UserName(r.c.Task, uid) }

func psNum(n uint32) string { return strconv.FormatUint(uint64(n), 10) }

// psArgs is the command line, or the name in brackets for a process
// without one (a kernel thread), as ps' args shows it.
func psArgs(_ *psRun, p *applet.Proc) string {
	if len(p.Argv) == 0 {
		return "[" + p.Comm + "]"
	}
	return p.Cmdline()
}

func psComm(_ *psRun, p *applet.Proc) string { return p.Comm }

func psConst(s string) func(*psRun, *applet.Proc) string {
	return func(*psRun, *applet.Proc) string { return s }
}

func psClock(r *psRun, _ *applet.Proc) string { return r.now.Format("15:04") }

var psCols = map[string]psCol{
	"pid":     {"PID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.PID) }},
	"ppid":    {"PPID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.PPID) }},
	"comm":    {"COMMAND", 15, false, psComm},
	"ucmd":    {"CMD", 15, false, psComm},
	"args":    {"COMMAND", 27, false, psArgs},
	"cmd":     {"CMD", 27, false, psArgs},
	"tname":   {"TTY", 8, false, psConst("?")},
	"tty":     {"TT", 8, false, psConst("?")},
	"time":    {"TIME", 8, true, psConst("00:00:00")},
	"bsdtime": {"TIME", 6, true, psConst("0:00")},
	"uid":     {"UID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.EUID) }},
	"ruid":    {"RUID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.UID) }},
	"user":    {"USER", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.EUID) }},
	"ruser":   {"RUSER", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.UID) }},
	"gid":     {"GID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.EGID) }},
	"group":   {"GROUP", 8, false, func(r *psRun, p *applet.Proc) string { return applet.GroupName(r.c.Task, p.EGID) }},
	// uid_hack is -f's UID column: the user's name.
	"uid_hack":   {"UID", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.EUID) }},
	"c":          {"C", 2, true, psConst("0")},
	"stime":      {"STIME", 5, false, psClock},
	"start":      {"STARTED", 8, true, func(r *psRun, _ *applet.Proc) string { return r.now.Format("15:04:05") }},
	"bsdstart":   {"START", 6, true, psClock},
	"start_time": {"START", 5, true, psClock},
	"%cpu":       {"%CPU", 4, true, psConst("0.0")},
	"%mem":       {"%MEM", 4, true, psConst("0.0")},
	"vsz":        {"VSZ", 6, true, psConst("0")},
	"rss":        {"RSS", 5, true, psConst("0")},
	"stat":       {"STAT", 4, false, func(_ *psRun, p *applet.Proc) string { return string(p.State) }},
	"s":          {"S", 1, false, func(_ *psRun, p *applet.Proc) string { return string(p.State) }},
	"nlwp":       {"NLWP", 4, true, psConst("1")},
}

// psAliases are other names of the columns above.
var psAliases = map[string]string{
	"command": "args", "ucomm": "comm", "tid": "pid", "lwp": "pid", "tgid": "pid",
	"pcpu": "%cpu", "pmem": "%mem", "cputime": "time", "tt": "tty", "euid": "uid",
	"euser": "user", "uname": "user", "egid": "gid", "egroup": "group", "rssize": "rss",
	"vsize": "vsz", "state": "s", "thcount": "nlwp", "lstart": "start",
}

// psField is a column of the output, as -o asked for it.
type psField struct {
	psCol
}

// parseFormat reads one -o argument: names separated by commas or
// blanks, each with an optional :WIDTH and =HEADER (up to a comma).
func parseFormat(spec string) ([]psField, error) {
	var out []psField
	for spec != "" {
		spec = strings.TrimLeft(spec, ", \t")
		if spec == "" {
			break
		}
		end := strings.IndexAny(spec, ", \t=")
		item := spec
		if end >= 0 {
			item = spec[:end]
		}
		header, hasHeader := "", false
		rest := ""
		if end >= 0 {
			if spec[end] == '=' {
				header, rest, _ = strings.Cut(spec[end+1:], ",")
				hasHeader = true
			} else {
				rest = spec[end:]
			}
		}
		name, width, hasWidth := strings.Cut(item, ":")
		key := strings.ToLower(name)
		if a, ok := psAliases[key]; ok {
			key = a
		}
		col, ok := psCols[key]
		if !ok {
			return nil, fmt.Errorf("unknown user-defined format specifier \"%s\"", name)
		}
		if hasWidth {
			n, err := strconv.Atoi(width)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("unknown user-defined format specifier \"%s\"", item)
			}
			col.width = n
		}
		if hasHeader {
			col.header = header
		}
		out = append(out, psField{col})
		spec = rest
	}
	return out, nil
}

// mustFormat is a built-in format.
func mustFormat(spec string) []psField {
	f, err := parseFormat(spec)
	if err != nil {
		panic(err)
	}
	return f
}

// psClockNow is the wall clock of the task's kernel.
func psClockNow(r *psRun) time.Time {
	now := r.c.Task.Kernel().Now()
	return time.Unix(now.Sec, now.Nsec).UTC()
}
