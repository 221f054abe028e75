// SPDX-License-Identifier: Apache-2.0

package procps

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// pgrep(1) and pkill(1) of procps-ng 4.0: the processes whose name (or
// with -f whole command line) an extended regular expression matches,
// narrowed by parent and user; pgrep lists them, pkill signals them.
// Neither counts itself. Without start times, -n and -o take the
// highest and the lowest PID.

type pgrepRun struct {
	c                    *cmd
	kill                 bool
	delim                string
	listName, listFull   bool
	inverse, count, full bool
	icase, exact         bool
	newest, oldest, echo bool
	parents              []int
	euids, uids          []uint32
	signal               int
}

func pgrepApplet(c *cmd) int { return (&pgrepRun{c: c, delim: "\n"}).run() }

func pkillApplet(c *cmd) int {
	return (&pgrepRun{c: c, kill: true, signal: linux.SIGTERM}).run()
}

// pgrepFailure is the status of a usage error (EXIT_USAGE); 3 is a
// fatal one.
const pgrepFailure = 2

func (r *pgrepRun) run() int {
	c := r.c
	c.UsageStatus = pgrepFailure
	args := r.takeSignal(c.Args)
	c.Args = args
	operands, ok := c.Parse(r.flagSet())
	if !ok {
		return pgrepFailure
	}
	if len(operands) > 1 {
		c.Errorf("only one pattern can be provided")
		r.tryHelp()
		return pgrepFailure
	}
	if len(operands) == 0 && len(r.parents) == 0 && len(r.euids) == 0 && len(r.uids) == 0 {
		c.Errorf("no matching criteria specified")
		r.tryHelp()
		return pgrepFailure
	}
	var re *posixre.Regexp
	if len(operands) == 1 {
		pat := operands[0]
		if r.exact {
			pat = "^(" + pat + ")$"
		}
		var err error
		re, err = posixre.Compile(pat, posixre.Syntax{ERE: true, Dialect: posixre.Grep, ICase: r.icase, Raw: true})
		if err != nil {
			c.Errorf("regex error: %s", applet.ErrText(err))
			return pgrepFailure
		}
	}
	procs, err := applet.ReadProcs(c.Task)
	if err != nil {
		c.Errorf("cannot open /proc: %s", applet.ErrText(err))
		return 3
	}
	found := r.matching(procs, re)
	if r.kill {
		return r.signalAll(found)
	}
	r.print(found)
	if len(found) == 0 {
		return 1
	}
	return 0
}

// takeSignal takes pkill's -SIGNAL from the front of the arguments.
func (r *pgrepRun) takeSignal(args []string) []string {
	if !r.kill || len(args) == 0 || len(args[0]) < 2 || args[0][0] != '-' {
		return args
	}
	if n, ok := signalOf(args[0][1:]); ok {
		r.signal = n
		return args[1:]
	}
	return args
}

// signalOf is a signal's number or name (with or without SIG).
func signalOf(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n < len(linux.SignalNames) {
		return n, true
	}
	s = strings.TrimPrefix(strings.ToUpper(s), "SIG")
	i := slices.Index(linux.SignalNames[:], s)
	return i, i > 0
}

func (r *pgrepRun) tryHelp() {
	fmt.Fprintf(r.c.Errw, "Try `%s --help' for more information.\n", r.c.Name)
}

func (r *pgrepRun) flagSet() *applet.FlagSet {
	fs := r.c.FlagSet()
	fs.Synopsis = "[OPTION]... PATTERN"
	fs.ShortHelp = true
	if r.kill {
		fs.About = "Send a signal (TERM by default, -SIGNAL or --signal) to the processes\nwhose name matches PATTERN."
		fs.ArgFunc("signal", "", "the `SIGNAL` to send", func(v string) error {
			n, ok := signalOf(v)
			if !ok {
				return fmt.Errorf("Unknown signal \"%s\".", v)
			}
			r.signal = n
			return nil
		})
		fs.BoolVarP(&r.echo, "echo", "e", false, "tell what was signalled")
	} else {
		fs.About = "List the processes whose name matches PATTERN (an extended regular\nexpression)."
		fs.StringVarP(&r.delim, "delimiter", "d", "\n", "put `SEP` between the PIDs")
		fs.BoolVarP(&r.listName, "list-name", "l", false, "give each PID's name")
		fs.BoolVarP(&r.listFull, "list-full", "a", false, "give each PID's command line")
		fs.BoolVarP(&r.inverse, "inverse", "v", false, "the processes that do not match")
	}
	fs.BoolVarP(&r.count, "count", "c", false, "only count them")
	fs.BoolVarP(&r.full, "full", "f", false, "match the whole command line")
	fs.BoolVarP(&r.icase, "ignore-case", "i", false, "ignore case")
	fs.BoolVarP(&r.newest, "newest", "n", false, "only the newest (highest PID)")
	fs.BoolVarP(&r.oldest, "oldest", "o", false, "only the oldest (lowest PID)")
	fs.ArgFunc("parent", "P", "only children of these `PPIDS`", func(v string) error {
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				return fmt.Errorf("invalid parent process ID: %s", f)
			}
			r.parents = append(r.parents, n)
		}
		return nil
	})
	fs.ArgFunc("euid", "u", "only these effective `USERS`", r.userList(&r.euids))
	fs.ArgFunc("uid", "U", "only these real `USERS`", r.userList(&r.uids))
	fs.BoolVarP(&r.exact, "exact", "x", false, "the name must match as a whole")
	return fs
}

func (r *pgrepRun) userList(list *[]uint32) func(string) error {
	return func(v string) error {
		for _, f := range strings.Split(v, ",") {
			if pw, ok := applet.UserByName(r.c.Task, f); ok {
				*list = append(*list, pw.UID)
				continue
			}
			n, err := strconv.ParseUint(f, 10, 32)
			if err != nil {
				return fmt.Errorf("invalid user name: %s", f)
			}
			*list = append(*list, uint32(n))
		}
		return nil
	}
}

// matching is the processes selected, in PID order.
func (r *pgrepRun) matching(procs []*applet.Proc, re *posixre.Regexp) []*applet.Proc {
	self := selfPID(r.c)
	var out []*applet.Proc
	for _, p := range procs {
		if p.PID == self {
			continue
		}
		if r.filtered(p) && r.matches(p, re) != r.inverse {
			out = append(out, p)
		}
	}
	switch {
	case len(out) == 0:
	case r.newest:
		out = out[len(out)-1:]
	case r.oldest:
		out = out[:1]
	}
	return out
}

// filtered applies -P, -u and -U.
func (r *pgrepRun) filtered(p *applet.Proc) bool {
	return (len(r.parents) == 0 || slices.Contains(r.parents, p.PPID)) &&
		(len(r.euids) == 0 || slices.Contains(r.euids, p.EUID)) &&
		(len(r.uids) == 0 || slices.Contains(r.uids, p.UID))
}

func (r *pgrepRun) matches(p *applet.Proc, re *posixre.Regexp) bool {
	if re == nil {
		return true
	}
	subject := p.Comm
	if r.full && len(p.Argv) > 0 {
		subject = p.Cmdline()
	}
	return re.MatchString(subject)
}

func (r *pgrepRun) print(found []*applet.Proc) {
	out := r.c.Out
	if r.count {
		fmt.Fprintf(out, "%d\n", len(found))
		return
	}
	for i, p := range found {
		if i > 0 {
			out.WriteString(r.delim)
		}
		out.WriteString(strconv.Itoa(p.PID))
		switch {
		case r.listFull && len(p.Argv) > 0:
			out.WriteString(" " + p.Cmdline())
		case r.listName || r.listFull:
			out.WriteString(" " + p.Comm)
		}
	}
	if len(found) > 0 {
		out.WriteString("\n")
	}
}

// signalAll is pkill's part: the signal goes through kill(1), which
// ends what runs on the target as a delivered signal does.
func (r *pgrepRun) signalAll(found []*applet.Proc) int {
	c := r.c
	sent := 0
	for _, p := range found {
		child, err := c.Task.Fork(0)
		if err != nil {
			c.Errorf("killing pid %d failed: %s", p.PID, applet.ErrText(err))
			continue
		}
		quiet := *c.Cmd
		quiet.Errw = io.Discard
		argv := []string{"kill", "-" + strconv.Itoa(r.signal), strconv.Itoa(p.PID)}
		status := quiet.RunProgram(child, "kill", argv, c.Env, c.Stdin)
		child.Exit()
		if status != 0 {
			c.Errorf("killing pid %d failed: %s", p.PID, linux.EPERM)
			continue
		}
		sent++
		if r.echo {
			fmt.Fprintf(c.Out, "%s killed (pid %d)\n", p.Comm, p.PID)
		}
	}
	if r.count {
		fmt.Fprintf(c.Out, "%d\n", sent)
	}
	if sent == 0 {
		return 1
	}
	return 0
}

// selfPID is the caller's PID as its /proc numbers it.
func selfPID(c *cmd) int {
	link, err := c.Task.Readlink("/proc/self")
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(link)
	return n
}

// pidof(8) of sysvinit: the PIDs of the programs named, newest first,
// on one line. A program is known by its argv[0], that name's last
// component, or its command name.
func pidofApplet(c *cmd) int {
	var single, quiet bool
	var omit []string
	fs := c.FlagSet()
	fs.Synopsis = "[-s] [-q] [-o PID]... PROGRAM..."
	fs.About = "Print the process IDs of the programs named."
	fs.BoolVarP(&single, "single", "s", false, "one PID per program at most")
	fs.BoolVarP(&quiet, "quiet", "q", false, "print nothing: only the exit status tells")
	fs.ArgFunc("omit", "o", "leave out these `PIDS` (%PPID: the caller's parent)", func(v string) error {
		omit = append(omit, strings.Split(v, ",")...)
		return nil
	})
	fs.BoolP("x", "x", false, "accepted: scripts are matched by name anyway")
	fs.BoolP("c", "c", false, "accepted")
	fs.BoolP("n", "n", false, "accepted")
	names, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	procs, err := applet.ReadProcs(c.Task)
	if err != nil {
		return 1
	}
	self := selfPID(c)
	var pids []string
	for _, name := range names {
		for i := len(procs) - 1; i >= 0; i-- {
			p := procs[i]
			if p.PID == self || slices.Contains(omit, strconv.Itoa(p.PID)) || !programIs(p, name) {
				continue
			}
			pids = append(pids, strconv.Itoa(p.PID))
			if single {
				break
			}
		}
	}
	if len(pids) == 0 {
		return 1
	}
	if !quiet {
		c.Out.WriteString(strings.Join(pids, " ") + "\n")
	}
	return 0
}

func programIs(p *applet.Proc, name string) bool {
	if len(p.Argv) == 0 {
		return p.Comm == name
	}
	arg0 := p.Argv[0]
	return arg0 == name || arg0[strings.LastIndexByte(arg0, '/')+1:] == name || p.Comm == name
}
