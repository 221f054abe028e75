// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// ps(1) of procps-ng 4.0: UNIX options (-e -A -f -o -p -q -C, --pid,
// --no-headers), BSD ones (a u x), the default selection (processes of
// the caller's effective user on its terminal: with no terminal, those
// without one, which is every process here) and the standard formats.

type psRun struct {
	c         *cmd
	now, boot time.Time
	// Selections; a process any of them accepts is listed.
	all, bsdA, bsdX bool
	pids            []int
	comms           []string
	selected        bool // some selection was given
	// Formats.
	full, bsdU, noHeaders bool
	fields                []psField
}

const (
	psDefaultFormat = "pid,tname,time,ucmd"
	psFullFormat    = "uid_hack,pid,ppid,c,stime,tname,time,cmd"
	psUserFormat    = "user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args"
)

// psApplet is ps' entry point.
func psApplet(c *cmd) int {
	r := &psRun{c: c}
	r.now = psClockNow(r)
	r.boot = r.bootTime()
	if done, status := r.parse(c.Args); done {
		return status
	}
	procs, err := applet.ReadProcs(c.Task)
	if err != nil {
		fmt.Fprintf(c.Errw, "fatal library error, lookup self\n")
		return 1
	}
	fields := r.format()
	r.header(fields)
	shown := 0
	for _, p := range procs {
		if r.accepts(p) {
			r.line(fields, p)
			shown++
		}
	}
	if shown == 0 && r.selected {
		return 1
	}
	return 0
}

// parse reads the command line; done says ps ends with status.
func (r *psRun) parse(args []string) (done bool, status int) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func(what string) (string, bool) {
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			r.usageError(what)
			return "", false
		}
		var err string
		switch {
		case a == "--help":
			r.c.Out.WriteString(psHelp)
			return true, 0
		case a == "--version" || a == "-V" || a == "V":
			fmt.Fprintf(r.c.Out, "ps (linuxvfs) %s\n", applet.Version)
			return true, 0
		case strings.HasPrefix(a, "--"):
			err = r.longOption(a[2:], next)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			err = r.unixOptions(a[1:], next)
		default:
			err = r.bsdOptions(a)
		}
		if err == "-" {
			return true, 1 // reported already
		}
		if err != "" {
			r.usageError(err)
			return true, 1
		}
	}
	return false, 0
}

// unixOptions handles one word of UNIX options ("-ef", "-p1").
func (r *psRun) unixOptions(word string, next func(string) (string, bool)) string {
	for j := 0; j < len(word); j++ {
		flag := word[j]
		arg := func(what string) (string, bool) {
			if j+1 < len(word) {
				v := word[j+1:]
				j = len(word)
				return v, true
			}
			return next(what)
		}
		switch flag {
		case 'e', 'A':
			r.all, r.selected = true, true
		case 'f':
			r.full = true
		case 'a', 'd', 'N', 'l', 'j', 'w', 'H', 'y', 'c', 'L', 'T', 'M', 'Z':
			// Accepted; nothing here changes with them.
		case 'p', 'q':
			v, ok := arg("list of process IDs must follow -" + string(flag))
			if !ok {
				return "-"
			}
			if e := r.addPids(v); e != "" {
				return e
			}
		case 'C':
			v, ok := arg("list of command names must follow -C")
			if !ok {
				return "-"
			}
			r.comms = append(r.comms, strings.FieldsFunc(v, isListSep)...)
			r.selected = true
		case 'o':
			v, ok := arg("format specification must follow -o")
			if !ok {
				return "-"
			}
			if e := r.addFormat(v); e != "" {
				return e
			}
		default:
			return "unsupported SysV option"
		}
	}
	return ""
}

// bsdOptions handles a word of BSD options ("aux").
func (r *psRun) bsdOptions(word string) string {
	for _, flag := range word {
		switch flag {
		case 'a':
			r.bsdA = true
		case 'x':
			r.bsdX = true
		case 'u':
			r.bsdU = true
		case 'w', 'e', 'h', 'c', 'f':
		default:
			return "unsupported option (BSD syntax)"
		}
	}
	return ""
}

// longOption handles --pid, --format and --no-headers.
func (r *psRun) longOption(opt string, next func(string) (string, bool)) string {
	name, val, hasVal := strings.Cut(opt, "=")
	value := func(what string) (string, bool) {
		if hasVal {
			return val, true
		}
		return next(what)
	}
	switch name {
	case "pid", "quick-pid":
		v, ok := value("list of process IDs must follow --" + name)
		if !ok {
			return "-"
		}
		return r.addPids(v)
	case "format":
		v, ok := value("format specification must follow --format")
		if !ok {
			return "-"
		}
		return r.addFormat(v)
	case "no-headers", "no-heading":
		r.noHeaders = true
	case "sort", "cols", "columns", "width":
		if _, ok := value("argument must follow --" + name); !ok {
			return "-"
		}
	default:
		return "unknown gnu long option"
	}
	return ""
}

func isListSep(r rune) bool { return r == ',' || r == ' ' || r == '\t' }

func (r *psRun) addPids(v string) string {
	for _, f := range strings.FieldsFunc(v, isListSep) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return "process ID list syntax error"
		}
		r.pids = append(r.pids, n)
	}
	r.selected = true
	return ""
}

func (r *psRun) addFormat(v string) string {
	f, err := parseFormat(v)
	if err != nil {
		return err.Error()
	}
	r.fields = append(r.fields, f...)
	return ""
}

// usageError is ps' complaint: the error, then where to find help.
func (r *psRun) usageError(msg string) {
	r.c.Out.Flush()
	fmt.Fprintf(r.c.Errw, "error: %s\n\n%s", msg, psUsageTail)
}

// psUsageTail follows every usage error, as ps prints it.
const psUsageTail = `Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`

// format is the columns to print.
func (r *psRun) format() []psField {
	switch {
	case len(r.fields) > 0:
		return r.fields
	case r.bsdU:
		return mustFormat(psUserFormat)
	case r.full:
		return mustFormat(psFullFormat)
	}
	return mustFormat(psDefaultFormat)
}

// accepts is the selection: explicit ones are or-ed; without any, the
// caller's own processes (no process here has a terminal).
func (r *psRun) accepts(p *applet.Proc) bool {
	if r.all || r.bsdA && r.bsdX || slices.Contains(r.pids, p.PID) || slices.Contains(r.comms, p.Comm) {
		return true
	}
	if r.selected || r.bsdA {
		return false
	}
	return p.EUID == r.c.Task.Cred().EUID
}

func (r *psRun) header(fields []psField) {
	if r.noHeaders || !slices.ContainsFunc(fields, func(f psField) bool { return f.header != "" }) {
		return
	}
	r.row(fields, func(f psField) string { return f.header })
}

func (r *psRun) line(fields []psField, p *applet.Proc) {
	r.row(fields, func(f psField) string { return f.value(r, p) })
}

// row writes cells padded to their widths, one space apart; the last
// is not padded unless it is aligned right.
func (r *psRun) row(fields []psField, text func(psField) string) {
	var b strings.Builder
	for i, f := range fields {
		s := text(f)
		pad := strings.Repeat(" ", max(0, f.width-len(s)))
		switch {
		case f.right:
			b.WriteString(pad + s)
		case i == len(fields)-1:
			b.WriteString(s)
		default:
			b.WriteString(s + pad)
		}
		if i < len(fields)-1 {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('\n')
	r.c.Out.WriteString(b.String())
}

const psHelp = `Usage: ps [OPTION]...
Show the processes of /proc.

Which processes (by default: your own):
  -e, -A                 every process
  a x                    BSD style: with ax, every process
  -p, --pid LIST         these process IDs (-q too)
  -C LIST                these command names
Which columns:
  -f                     the full format (UID PID PPID C STIME TTY TIME CMD)
  u                      the user format (USER PID %CPU ... COMMAND)
  -o, --format LIST      these columns: pid ppid comm args cmd user uid
                         group gid tty time stat ...; NAME:WIDTH sets a
                         width, NAME=TEXT a header
      --no-headers       no header line
      --help             show this help
  -V, --version          show the version
`
