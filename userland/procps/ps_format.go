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
// it, from /proc/<pid>/status and stat: the virtual kernel's stat counts
// no CPU time or memory, so those show as zero.

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

// psTime is TIME: CPU time as [DD-]HH:MM:SS.
func psTime(_ *psRun, p *applet.Proc) string {
	sec := (p.Stat.UTime + p.Stat.STime) / 100
	hms := fmt.Sprintf("%02d:%02d:%02d", sec/3600%24, sec/60%60, sec%60)
	if days := sec / 86400; days > 0 {
		return fmt.Sprintf("%d-%s", days, hms)
	}
	return hms
}

// psBSDTime is BSD's TIME: minutes and seconds.
func psBSDTime(_ *psRun, p *applet.Proc) string {
	sec := (p.Stat.UTime + p.Stat.STime) / 100
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// started is when the process started: boot time plus stat's start.
func (r *psRun) started(p *applet.Proc) time.Time {
	return r.boot.Add(time.Duration(p.Stat.Start) * (time.Second / 100))
}

func (r *psRun) elapsed(p *applet.Proc) time.Duration { return max(r.now.Sub(r.started(p)), 0) }

// psSTime is STIME and START: the time of day for a process started in
// the last day, else the month and day, else the year.
func psSTime(r *psRun, p *applet.Proc) string {
	t := r.started(p)
	switch age := r.now.Sub(t); {
	case age < 24*time.Hour:
		return t.Format("15:04")
	case t.Year() == r.now.Year():
		return t.Format("Jan02")
	}
	return t.Format("2006")
}

// psStarted is STARTED: the time with seconds, or the day for older.
func psStarted(r *psRun, p *applet.Proc) string {
	t := r.started(p)
	if r.now.Sub(t) < 24*time.Hour {
		return t.Format("15:04:05")
	}
	return t.Format(" Jan 02")
}

// psElapsed is ELAPSED: [[DD-]hh:]mm:ss.
func psElapsed(r *psRun, p *applet.Proc) string {
	sec := int(r.elapsed(p) / time.Second)
	out := fmt.Sprintf("%02d:%02d", sec/60%60, sec%60)
	switch days, hours := sec/86400, sec/3600%24; {
	case days > 0:
		out = fmt.Sprintf("%d-%02d:%s", days, hours, out)
	case hours > 0:
		out = fmt.Sprintf("%02d:%s", hours, out)
	}
	return out
}

// psStat is BSD's STAT: the state, then s for a session leader, l for
// a process with threads, < or N for a raised or lowered priority.
func psStat(_ *psRun, p *applet.Proc) string {
	s := string(p.State)
	switch {
	case p.Stat.Nice < 0:
		s += "<"
	case p.Stat.Nice > 0:
		s += "N"
	}
	if p.Stat.SID == p.PID {
		s += "s"
	}
	if p.Stat.Threads > 1 {
		s += "l"
	}
	return s
}

var psCols = map[string]psCol{
	"pid":     {"PID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.PID) }},
	"ppid":    {"PPID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.PPID) }},
	"comm":    {"COMMAND", 15, false, psComm},
	"ucmd":    {"CMD", 15, false, psComm},
	"args":    {"COMMAND", 27, false, psArgs},
	"cmd":     {"CMD", 27, false, psArgs},
	"tname":   {"TTY", 8, false, psConst("?")},
	"tty":     {"TT", 8, false, psConst("?")},
	"time":    {"TIME", 8, true, psTime},
	"bsdtime": {"TIME", 6, true, psBSDTime},
	"uid":     {"UID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.EUID) }},
	"ruid":    {"RUID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.UID) }},
	"user":    {"USER", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.EUID) }},
	"ruser":   {"RUSER", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.UID) }},
	"gid":     {"GID", 5, true, func(_ *psRun, p *applet.Proc) string { return psNum(p.EGID) }},
	"group":   {"GROUP", 8, false, func(r *psRun, p *applet.Proc) string { return applet.GroupName(r.c.Task, p.EGID) }},
	// uid_hack is -f's UID column: the user's name.
	"uid_hack":   {"UID", 8, false, func(r *psRun, p *applet.Proc) string { return psUser(r, p.EUID) }},
	"c":          {"C", 2, true, psConst("0")},
	"stime":      {"STIME", 5, false, psSTime},
	"start":      {"STARTED", 8, true, psStarted},
	"lstart":     {"STARTED", 24, true, func(r *psRun, p *applet.Proc) string { return r.started(p).Format("Mon Jan _2 15:04:05 2006") }},
	"bsdstart":   {"START", 6, true, psSTime},
	"start_time": {"START", 5, true, psSTime},
	"etime":      {"ELAPSED", 11, true, psElapsed},
	"etimes":     {"ELAPSED", 7, true, func(r *psRun, p *applet.Proc) string { return strconv.Itoa(int(r.elapsed(p) / time.Second)) }},
	"%cpu":       {"%CPU", 4, true, psConst("0.0")},
	"%mem":       {"%MEM", 4, true, psConst("0.0")},
	"vsz":        {"VSZ", 6, true, func(_ *psRun, p *applet.Proc) string { return strconv.FormatUint(p.Stat.VSize/1024, 10) }},
	"rss":        {"RSS", 5, true, func(_ *psRun, p *applet.Proc) string { return strconv.FormatUint(p.Stat.RSS*4, 10) }},
	"stat":       {"STAT", 4, false, psStat},
	"s":          {"S", 1, false, func(_ *psRun, p *applet.Proc) string { return string(p.State) }},
	"nlwp":       {"NLWP", 4, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(max(p.Stat.Threads, 1)) }},
	"pgid":       {"PGID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.Stat.PGID) }},
	"sid":        {"SID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.Stat.SID) }},
	"tpgid":      {"TPGID", pidWidth, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.Stat.TPGID) }},
	"ni":         {"NI", 3, true, func(_ *psRun, p *applet.Proc) string { return strconv.Itoa(p.Stat.Nice) }},
	"f":          {"F", 1, true, func(_ *psRun, p *applet.Proc) string { return strconv.FormatUint(p.Stat.Flags>>6&7, 10) }},
}

// psAliases are other names of the columns above.
var psAliases = map[string]string{
	"command": "args", "ucomm": "comm", "tid": "pid", "lwp": "pid", "tgid": "pid",
	"pcpu": "%cpu", "pmem": "%mem", "cputime": "time", "tt": "tty", "euid": "uid",
	"euser": "user", "uname": "user", "egid": "gid", "egroup": "group", "rssize": "rss",
	"vsize": "vsz", "state": "s", "thcount": "nlwp", "pgrp": "pgid", "sess": "sid",
	"session": "sid", "nice": "ni", "flag": "f", "flags": "f",
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

// bootTime is /proc/stat's btime, as procps reads it; without it, the
// time of asking.
func (r *psRun) bootTime() time.Time {
	data, err := r.c.ReadNamed("/proc/stat")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "btime "); ok {
				if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
					return time.Unix(sec, 0).UTC()
				}
			}
		}
	}
	return r.now
}
