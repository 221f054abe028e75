// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// wait, jobs and kill as bash has them, over the jobs of jobs.go and the
// kernel's processes. Job specifications: %N, %% %+ and % (the current
// job, the last started), %- (the one before), %NAME (a job whose command
// starts with NAME) and %?TEXT (one whose command contains TEXT).

const waitUsage = "wait: usage: wait [-fn] [-p var] [id ...]"

// waitApplet is bash's wait: for the jobs named (process IDs or job
// specifications) or for all of the shell's jobs; -n for the next one
// to end. The status is the last job's, 127 for a process that is no job
// of this shell.
func waitApplet(c *cmd) int {
	next := false
	args, bad := scanFlags(c.Args, "nf", func(o rune) { next = next || o == 'n' })
	if bad == 0 && next && c.sh.dialect == Dash {
		bad = 'n' // dash's wait has no options
	}
	if bad != 0 && c.sh.dialect == Dash {
		c.builtinErrorf("Illegal option -%c", bad)
		return 2
	}
	if bad != 0 {
		c.builtinErrorf("-%c: invalid option\n%s", bad, waitUsage)
		return 2
	}
	me := c.sh.procOf(c.hc)
	// Waiting, bash also forgets the other jobs that ended.
	defer c.sh.jobs.forgetOver(me)
	if len(args) == 0 {
		if next {
			return c.waitNext(me, c.sh.jobs.table(me))
		}
		for _, j := range c.sh.jobs.table(me) {
			if _, ok := c.collect(me, j, false); !ok {
				return 128 + me.sig.killedBy()
			}
		}
		return 0
	}
	status := 0
	var named []*job
	for _, a := range args {
		j, code := c.jobArg(me, a)
		if j == nil {
			status = code
			continue
		}
		if next {
			named = append(named, j)
			continue
		}
		var ok bool
		if status, ok = c.collect(me, j, true); !ok {
			return status
		}
	}
	if next {
		return c.waitNext(me, named)
	}
	return status
}

// jobArg finds the job a wait operand names, or reports why not and
// gives the status for that.
func (c *cmd) jobArg(me *proc, arg string) (*job, int) {
	dash := c.sh.dialect == Dash
	if strings.HasPrefix(arg, "%") {
		j, msg := c.sh.jobSpec(me, arg)
		switch {
		case j == nil && dash:
			c.builtinErrorf("No such job: %s", arg)
			return nil, 2
		case j == nil:
			c.builtinErrorLines(msg)
			return nil, 127
		}
		return j, 0
	}
	pid, err := strconv.Atoi(arg)
	switch {
	case err != nil && dash:
		c.builtinErrorf("Illegal number: %s", arg)
		return nil, 2
	case err != nil:
		c.builtinErrorf("`%s': not a pid or valid job spec", arg)
		return nil, 1
	}
	for _, j := range c.sh.jobs.started(me) {
		if int(j.proc.pid()) == pid {
			return j, 0
		}
	}
	if !dash { // dash waits for no one, quietly
		c.builtinErrorf("pid %d is not a child of this shell", pid)
	}
	return nil, 127
}

// collect waits for j and takes it out of the table; ok is false when
// the wait ended without the job (the shell itself was killed, or Run
// ends).
func (c *cmd) collect(me *proc, j *job, named bool) (int, bool) {
	status, ok := j.wait(c.Ctx, me)
	if ok && c.sh.jobs.remove(j) {
		// dash has collected, quietly, a job killed while it waited
		// for a program.
		named = named && !j.proc.sig.killedBefore(me.foregroundEnd())
		c.reportJobKilled(j, named)
	}
	return status, ok
}

// waitNext is wait -n: the status of whichever of the jobs ends first,
// 127 if there are none.
func (c *cmd) waitNext(me *proc, jobs []*job) int {
	if len(jobs) == 0 {
		return 127
	}
	over := make(chan *job, len(jobs))
	stop := make(chan struct{})
	defer close(stop)
	for _, j := range jobs {
		go func() {
			select {
			case <-j.done:
				over <- j
			case <-stop:
			}
		}()
	}
	select {
	case j := <-over:
		status, _ := c.collect(me, j, true)
		return status
	case <-me.sig.deadCh():
		return 128 + me.sig.killedBy()
	case <-c.Ctx.Done():
		return 1
	}
}

// reportJobKilled prints what bash prints for a job a signal killed, as
// it reaps it (not for SIGINT, SIGPIPE and SIGTERM).
func (c *cmd) reportJobKilled(j *job, named bool) {
	switch sig := j.proc.sig.killedBy(); {
	case sig == 0, sig == linux.SIGINT, sig == linux.SIGPIPE:
	case c.sh.dialect == Dash:
		// dash names the signal of a job wait was given, alone.
		if named {
			c.Out.Flush()
			fmt.Fprintln(c.Errw, signalDescription(sig))
		}
	case sig == linux.SIGTERM:
	default:
		c.Out.Flush()
		fmt.Fprintf(c.Errw, "%s%5d %-24s%s\n", c.sh.linePrefix(c.hc.Pos.Line()), j.proc.pid(), signalDescription(sig), j.text)
	}
}

// jobSpec finds the job spec names among the jobs me started; msg says
// why there is none.
func (s *shell) jobSpec(me *proc, spec string) (j *job, msg string) {
	live := s.jobs.table(me)
	name := spec[1:]
	var found []*job
	switch {
	case name == "" || name == "%" || name == "+":
		if len(live) > 0 {
			found = live[len(live)-1:]
		}
	case name == "-":
		if len(live) > 1 {
			found = live[len(live)-2 : len(live)-1]
		}
	default:
		n, err := strconv.Atoi(name)
		for _, j := range live {
			text := j.text
			if (err == nil && j.n == n) || (err != nil && matchesJob(text, name)) {
				found = append(found, j)
			}
		}
		if err != nil && len(found) > 1 {
			// bash says so, then that there is none.
			return nil, strings.TrimPrefix(name, "?") + ": ambiguous job spec\n" + spec + ": no such job"
		}
	}
	if len(found) == 0 {
		return nil, spec + ": no such job"
	}
	return found[0], ""
}

// builtinErrorLines prints each line of msg as a diagnostic.
func (c *cmd) builtinErrorLines(msg string) {
	for _, line := range strings.Split(msg, "\n") {
		c.builtinErrorf("%s", line)
	}
}

// matchesJob is %NAME (the command starts with NAME) or %?TEXT (it
// contains TEXT).
func matchesJob(text, name string) bool {
	if rest, ok := strings.CutPrefix(name, "?"); ok {
		return strings.Contains(text, rest)
	}
	return strings.HasPrefix(text, name)
}

// jobsApplet is bash's jobs: the shell's running jobs ("[N]+  Running
// COMMAND &"), with -l their process IDs too, with -p those alone; -r
// lists the running ones and -s the stopped ones (there are none).
func jobsApplet(c *cmd) int {
	var long, pids, stopped bool
	letters := "lpsrn"
	if c.sh.dialect == Dash {
		letters = "lp" // nor -x, which bash's call handler takes
	}
	args, bad := scanFlags(c.Args, letters, func(o rune) {
		long = long || o == 'l'
		pids = pids || o == 'p'
		stopped = stopped || o == 's'
	})
	if bad != 0 {
		c.builtinErrorf("%s", c.sh.badOption("jobs", bad, "jobs [-lnprs] [jobspec ...] or jobs -x command [args]"))
		return 2
	}
	me := c.sh.procOf(c.hc)
	table := c.sh.jobs.table(me)
	list := table
	status := 0
	if len(args) > 0 {
		list = nil
		for _, a := range args {
			j, msg := c.sh.jobSpec(me, a)
			if j == nil {
				c.builtinErrorLines(msg)
				status = 1
				continue
			}
			list = append(list, j)
		}
	}
	if stopped {
		return status
	}
	for _, j := range list {
		if j.over() {
			// A killed job is reported once, then forgotten.
			c.sh.jobs.remove(j)
		}
		printJob(c.Out, j, table, long, pids)
	}
	return status
}

// printJob prints one line of jobs; table is the shell's job table, for
// the + and - marks.
func printJob(w io.Writer, j *job, table []*job, long, pids bool) {
	pid := j.proc.pid()
	if pids {
		fmt.Fprintln(w, pid)
		return
	}
	mark := ' '
	if n := len(table); n > 0 && table[n-1] == j {
		mark = '+'
	} else if n > 1 && table[n-2] == j {
		mark = '-'
	}
	state, text := "Running", j.text+" &"
	if sig := j.proc.sig.killedBy(); sig != 0 {
		state, text = signalDescription(sig), j.text
	}
	if long {
		fmt.Fprintf(w, "[%d]%c %5d %-24s%s\n", j.n, mark, pid, state, text)
		return
	}
	fmt.Fprintf(w, "[%d]%c  %-24s%s\n", j.n, mark, state, text)
}

// jobsExec is jobs -x COMMAND ARGS: COMMAND runs with each job
// specification among ARGS replaced by the job's process ID.
func (s *shell) jobsExec(ctx context.Context, args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{internal + "status", "0"}, nil
	}
	hc := interp.HandlerCtx(ctx)
	me := s.procOf(hc)
	args = slices.Clone(args)
	for i, a := range args {
		if strings.HasPrefix(a, "%") {
			j, msg := s.jobSpec(me, a)
			if j == nil {
				return s.fail(hc, 1, "jobs: "+msg), nil
			}
			args[i] = strconv.Itoa(int(j.proc.pid()))
		}
	}
	return s.call(ctx, args)
}

// disownApplet is bash's disown: the jobs named (the current one by
// default, all with -a, the running ones with -r) leave the job table;
// wait PID still waits for them. -h, keep them but send no SIGHUP at
// exit, changes nothing here.
func disownApplet(c *cmd) int {
	var all, keep bool
	// -r (the running jobs) is -a here: no job is ever stopped.
	args, bad := scanFlags(c.Args, "arh", func(o rune) {
		all = all || o != 'h'
		keep = keep || o == 'h'
	})
	if bad != 0 {
		c.builtinErrorf("-%c: invalid option\ndisown: usage: disown [-h] [-ar] [jobspec ... | pid ...]", bad)
		return 2
	}
	me := c.sh.procOf(c.hc)
	var list []*job
	switch {
	case len(args) == 0 && all:
		list = c.sh.jobs.table(me)
	case len(args) == 0:
		args = []string{"%+"}
	}
	status := 0
	for _, a := range args {
		j := c.jobOf(me, a)
		if j == nil {
			name := a
			if a == "%+" {
				name = "current"
			}
			c.builtinErrorf("%s: no such job", name)
			status = 1
			continue
		}
		list = append(list, j)
	}
	if !keep {
		for _, j := range list {
			c.sh.jobs.disown(j)
		}
	}
	return status
}

// jobOf is the job a job specification or process ID names in me's
// table, nil if none.
func (c *cmd) jobOf(me *proc, arg string) *job {
	if strings.HasPrefix(arg, "%") {
		j, _ := c.sh.jobSpec(me, arg)
		return j
	}
	for _, j := range c.sh.jobs.table(me) {
		if strconv.Itoa(int(j.proc.pid())) == arg {
			return j
		}
	}
	return nil
}

// noJobControlApplet is fg, bg and suspend, which need job control, which
// a shell without a terminal does not have.
func noJobControlApplet(c *cmd) int {
	if c.Name == "suspend" {
		c.builtinErrorf("cannot suspend: no job control")
	} else {
		c.builtinErrorf("no job control")
	}
	return 1
}

const killUsage = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]"

// killApplet is bash's kill: kill(2) for each process ID or job (its
// task), SIGTERM unless -s NAME, -n NUMBER, -NAME or -NUMBER says
// otherwise; -l and -L list the signals or translate names and numbers.
func killApplet(c *cmd) int {
	args := c.Args
	signo, saw := linux.SIGTERM, false
	// After the signal, -N is a process group: not an option any more.
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && !saw {
		opt := args[0]
		spec := opt[1:]
		switch {
		case opt == "--":
			args = args[1:]
			saw = true
			continue
		case opt == "-l" || opt == "-L":
			return listSignals(c, args[1:])
		case strings.HasPrefix(opt, "-s") || strings.HasPrefix(opt, "-n"):
			if spec = opt[2:]; spec == "" {
				if len(args) < 2 {
					c.builtinErrorf("%s: option requires an argument", opt)
					return 1
				}
				spec, args = args[1], args[1:]
			}
		}
		n, ok := parseSignal(spec)
		if !ok {
			c.builtinErrorf("%s: invalid signal specification", spec)
			return 1
		}
		signo, saw, args = n, true, args[1:]
	}
	if len(args) == 0 {
		c.Out.Flush()
		fmt.Fprintln(c.Errw, killUsage)
		return 2
	}
	status := 1 // bash's kill succeeds if any signal went
	for _, a := range args {
		if c.killOne(a, signo) {
			status = 0
		}
	}
	return status
}

// killOne sends signo to the process or job arg names.
func (c *cmd) killOne(arg string, signo int) bool {
	var pid int
	if strings.HasPrefix(arg, "%") {
		j, msg := c.sh.jobSpec(c.sh.procOf(c.hc), arg)
		if j == nil {
			c.builtinErrorLines(msg)
			return false
		}
		pid = int(j.proc.pid())
		if j.pipeline {
			// bash signals each process of the pipeline; here the job's
			// process forked them. It goes first, so that it does not
			// see its parts die and report them.
			ok := c.signalPid(pid, signo)
			c.killParts(j.proc.task, signo)
			return ok
		}
	} else {
		n, err := strconv.Atoi(arg)
		if err != nil {
			c.builtinErrorf("%s: arguments must be process or job IDs", arg)
			return false
		}
		pid = n
	}
	return c.signalPid(pid, signo)
}

// signalPid sends signo to the process pid (0 or below: a process group,
// or -1 everyone, as kill(2) takes them), saying so if it cannot.
func (c *cmd) signalPid(pid, signo int) bool {
	targets, err := c.Task.KillProcesses(int32(pid), signo)
	if err != nil && c.sh.dialect == Dash {
		// dash words it without the number, and ends it with a blank line.
		c.builtinErrorf("%s\n", applet.ErrText(err))
		return false
	}
	if err != nil {
		c.builtinErrorf("(%d) - %s", pid, applet.ErrText(err))
		return false
	}
	for _, target := range targets {
		signalTask(target, signo)
	}
	return true
}

// killParts sends signo to the children of a pipeline job's task.
func (c *cmd) killParts(t *vfs.Task, signo int) {
	for _, child := range t.Kernel().Tasks() {
		if child != t && child.Parent() == t {
			if target, err := c.Task.Kill(pidSeenBy(child, c.Task), signo); err == nil {
				signalTask(target, signo)
			}
		}
	}
}

// signalTask is what a signal kill(2) sent does to what the shell runs on
// the target; nil is a target that dropped it.
func signalTask(t *vfs.Task, signo int) {
	if t == nil {
		return
	}
	if tg := targetOf(t); tg != nil {
		tg.deliver(signo)
	}
}

// dashListSignals is dash's kill -l: with no argument every number from
// 0 to 64, one a line, by its name where dash has one; else the name of
// the first argument, a signal number or an exit status above 128 (a
// name or anything else is an illegal number; 0 and numbers past the
// last signal are refused too, with status 2).
func dashListSignals(c *cmd, args []string) int {
	// dash reads options on past -l: more -l, or an illegal one.
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
		if bad := strings.TrimLeft(args[0][1:], "l"); bad != "" {
			c.builtinErrorf("Illegal option -%c", bad[0])
			return 2
		}
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(c.Out, 0)
		for n := 1; n <= linux.SIGRTMAX; n++ {
			fmt.Fprintln(c.Out, dashSignalName(n))
		}
		return 0
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 {
		c.builtinErrorf("Illegal number: %s", args[0])
		return 2
	}
	if n > 128 {
		n -= 128
	}
	if n < 1 || n > linux.SIGRTMAX {
		c.builtinErrorf("invalid signal number or exit status: %s", args[0])
		return 2
	}
	fmt.Fprintln(c.Out, dashSignalName(n))
	return 0
}

// dashSignalName is dash's name of signal n: bash's, but for the ones
// dash knows by number only (SIGSTKFLT, and 32 and 33, which bash skips).
func dashSignalName(n int) string {
	if n == linux.SIGSTKFLT || signalNames[n] == "" {
		return strconv.Itoa(n)
	}
	return signalNames[n]
}

// listSignals is kill -l: every signal in bash's table, or for each
// argument the name of a number (an exit status above 128 too) or the
// number of a name.
func listSignals(c *cmd, args []string) int {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if c.sh.dialect == Dash {
		return dashListSignals(c, args)
	}
	if len(args) == 0 {
		col := 0
		for n := 1; n < len(signalNames); n++ {
			if signalNames[n] == "" {
				continue
			}
			col++
			sep := "\t"
			if col%5 == 0 {
				sep = "\n"
			}
			fmt.Fprintf(c.Out, "%2d) SIG%s%s", n, signalNames[n], sep)
		}
		fmt.Fprintln(c.Out)
		return 0
	}
	status := 0
	for _, a := range args {
		if n, err := strconv.Atoi(a); err == nil {
			if n > 128 {
				n -= 128
			}
			if n < 0 || n > linux.NSIG {
				c.builtinErrorf("%s: invalid signal specification", a)
				status = 1
				continue
			}
			if n == 0 {
				fmt.Fprintln(c.Out, "EXIT")
			} else if signalNames[n] != "" {
				fmt.Fprintln(c.Out, signalNames[n])
			}
			continue
		}
		n, ok := parseSignal(a)
		if !ok {
			c.builtinErrorf("%s: invalid signal specification", a)
			status = 1
			continue
		}
		fmt.Fprintln(c.Out, n)
	}
	return status
}
