// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// Background jobs. A shell forks for `LIST &` and $! is the child's
// process ID, which kill, wait, /proc and nsenter take. The interpreter
// runs a job as a goroutine and names it "g1", "g2" ..., so prepare
// rewrites each background statement into
//
//	{ FORKJOB 'TEXT'; ( PROCVAR=$CHILDVAR; { LIST; } </dev/null ) && JOBEND "$CHILDVAR" 0 || JOBEND "$CHILDVAR" "$?" & }
//
// FORKJOB, run by the shell that starts the job, clones its task, records
// the job (TEXT is the statement as jobs shows it; a pipeline's FORKJOB
// says so after it) and sets CHILDVAR and
// $! (lastJobVar, to which prepare renames $!). The job runs on the clone
// and ends with JOBEND, which ends the clone and keeps the status for
// wait: the subshell around LIST makes exit and errexit end LIST only, so
// that JOBEND always runs. A job that is a subshell already, ( LIST ) &,
// is that subshell. The last command of the job, if a simple command
// (cmd &, ( ...; cmd ) &), runs on the clone itself rather than a child
// of it (jobExecCmd), as a shell execs a job's program: $! is then the
// program's process, /proc/$!/status shows its name.
//
// The jobs of a (sub)shell are those whose clone its process made: a
// subshell forked for ( ... ) has none of its parent's, a command
// substitution or pipeline part shares them. The interpreter's own wait
// and jobs never run (the builtins are linuxvfs's, see builtin_jobs.go).

const (
	forkJobCmd = internal + "forkjob"
	jobEndCmd  = internal + "jobend"
	// jobExecCmd prefixes the command a job runs on its own task; the
	// call handler drops it or, for a program, hands it to the exec
	// handler as execJobCmd.
	jobExecCmd = internal + "jobexec"
	execJobCmd = internal + "execjob"
	// lastJobVar holds $!: the process ID of the last job started.
	lastJobVar = "LINUXVFS_LASTJOB"
)

// jobTexts prints the background statements under n as jobs lists them,
// before any rewriting changes them.
func jobTexts(n syntax.Node) map[*syntax.Stmt]string {
	texts := map[*syntax.Stmt]string{}
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok && st.Background {
			texts[st] = jobText(st)
		}
		return true
	})
	return texts
}

// jobText prints a statement as bash shows a job: redirections with a
// space after the operator, a subshell with spaces inside its parentheses.
func jobText(st *syntax.Stmt) string {
	p := syntax.NewPrinter(syntax.SpaceRedirects(true), syntax.Indent(4))
	var b strings.Builder
	sub, ok := st.Cmd.(*syntax.Subshell)
	if !ok {
		p.Print(&b, st)
		return strings.TrimSpace(b.String())
	}
	// The subshell is printed in place of a word standing for it.
	const hole = "LINUXVFS_SUBSHELL"
	p.Print(&b, &syntax.Stmt{Cmd: &syntax.CallExpr{Args: []*syntax.Word{litWord(st.Pos(), hole)}},
		Negated: st.Negated, Redirs: st.Redirs, Background: st.Background})
	var inner strings.Builder
	inner.WriteString("( ")
	for i, s := range sub.Stmts {
		if i > 0 {
			inner.WriteString("; ")
		}
		p.Print(&inner, s)
	}
	inner.WriteString(" )")
	return strings.Replace(strings.TrimSpace(b.String()), hole, inner.String(), 1)
}

// rewriteJobs gives every background statement under n a task of its own
// (see above); texts are from jobTexts.
func rewriteJobs(n syntax.Node, texts map[*syntax.Stmt]string) {
	var bg []*syntax.Stmt
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok && st.Background {
			bg = append(bg, st)
		}
		return true
	})
	for _, st := range bg {
		text, ok := texts[st]
		if !ok {
			text = jobText(st)
		}
		rewriteJob(st, text)
	}
}

func rewriteJob(st *syntax.Stmt, text string) {
	pos := st.Pos()
	// bash leaves a job's status as its pipeline's: ! does not negate it.
	// Without job control a job's standard input is /dev/null, unless
	// the job redirects it itself: a subshell's redirections follow.
	redirs := []*syntax.Redirect{{OpPos: pos, Op: syntax.RdrIn, Word: litWord(pos, "/dev/null")}}
	sub, ok := st.Cmd.(*syntax.Subshell)
	if ok {
		redirs = append(redirs, st.Redirs...)
	} else {
		inner := &syntax.Stmt{Position: pos, Cmd: st.Cmd, Redirs: st.Redirs}
		sub = &syntax.Subshell{Lparen: pos, Rparen: pos, Stmts: []*syntax.Stmt{inner}}
	}
	if len(sub.Stmts) > 0 {
		markJobExec(sub.Stmts[len(sub.Stmts)-1])
	}
	sub.Stmts = []*syntax.Stmt{{Position: pos, Cmd: &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: sub.Stmts},
		Redirs: redirs}}
	enterClone(sub)
	ran := &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: &syntax.Stmt{Position: pos, Cmd: sub},
		Y: callStmt(pos, litWord(pos, jobEndCmd), paramWord(pos, childVar), litWord(pos, "0"))}
	job := &syntax.BinaryCmd{OpPos: pos, Op: syntax.OrStmt, X: &syntax.Stmt{Position: pos, Cmd: ran},
		Y: callStmt(pos, litWord(pos, jobEndCmd), paramWord(pos, childVar), paramWord(pos, "?"))}
	fork := callStmt(pos, litWord(pos, forkJobCmd), &syntax.Word{Parts: []syntax.WordPart{
		&syntax.SglQuoted{Left: pos, Right: pos, Value: text}}})
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
		fork.Cmd.(*syntax.CallExpr).Args = append(fork.Cmd.(*syntax.CallExpr).Args, litWord(pos, "pipeline"))
	}
	st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{saveStatus(pos), fork,
		{Position: pos, Cmd: job, Background: true}}}
	st.Background, st.Redirs, st.Negated = false, nil, false
}

// isolateJobs puts a subshell around the body of a command substitution
// that starts jobs, and around the part of a pipeline that starts jobs or
// is compound (pipelinePartForks): they run on their parent's task
// (subshell.go), but their jobs are not their parent's.
func isolateJobs(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst:
			if startsJobs(n) {
				n.Stmts = []*syntax.Stmt{{Position: n.Pos(), Cmd: &syntax.Subshell{Lparen: n.Pos(), Rparen: n.Pos(), Stmts: n.Stmts}}}
			}
		case *syntax.ProcSubst:
			if startsJobs(n) {
				n.Stmts = []*syntax.Stmt{{Position: n.Pos(), Cmd: &syntax.Subshell{Lparen: n.Pos(), Rparen: n.Pos(), Stmts: n.Stmts}}}
			}
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				for _, part := range []*syntax.Stmt{n.X, n.Y} {
					if pipelinePartForks(part) {
						inner := *part
						part.Cmd, part.Redirs, part.Negated = &syntax.Subshell{Lparen: part.Pos(), Rparen: part.Pos(),
							Stmts: []*syntax.Stmt{&inner}}, nil, false
					}
				}
			}
		}
		return true
	})
}

// pipelinePartForks reports whether a part of a pipeline needs a
// subshell of its own: one that starts jobs, or a compound command (a
// loop, a group) other than a subshell already, so that SIGPIPE ends it
// as it ends the process a shell forks for it (brokenPipe). Another
// pipeline is left to be looked at in turn.
func pipelinePartForks(part *syntax.Stmt) bool {
	switch c := part.Cmd.(type) {
	case *syntax.Subshell:
		return false
	case *syntax.CallExpr:
		return startsJobs(part)
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			return false
		}
	}
	return true
}

// startsJobs reports whether a background statement is under n.
func startsJobs(n syntax.Node) bool {
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok && st.Background {
			found = true
		}
		return !found
	})
	return found
}

// markJobExec marks the simple command a job ends with, which a shell
// execs in the job's process. Not the last part of a pipeline, as bash
// does: the other parts still use the descriptors the job's task holds
// for them, which an exec would close.
func markJobExec(st *syntax.Stmt) {
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) > 0 {
			c.Args = append([]*syntax.Word{litWord(st.Pos(), jobExecCmd)}, c.Args...)
		}
	case *syntax.BinaryCmd:
		// The last command of an && or || list is the last one the job
		// runs when it runs at all: dash and bash exec it too
		// ((cd /mnt && sleep 9) & leaves no shell behind sleep).
		if (c.Op == syntax.AndStmt || c.Op == syntax.OrStmt) && !c.Y.Negated {
			markJobExec(c.Y)
		}
	}
}

// rewriteLastJob renames $! (in any form: ${!:-x}, ${#!}) to lastJobVar.
// ${!name}, an indirection, is another thing.
func rewriteLastJob(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if pe, ok := n.(*syntax.ParamExp); ok && isLastJob(pe) {
			pe.Param = &syntax.Lit{ValuePos: pe.Param.ValuePos, ValueEnd: pe.Param.ValueEnd, Value: lastJobVar}
		}
		return true
	})
}

func isLastJob(pe *syntax.ParamExp) bool {
	return pe.Param != nil && pe.Param.Value == "!" && !pe.Excl
}

// job is one background job of a shell.
type job struct {
	n    int   // the job number, %n
	proc *proc // the job's clone
	text string
	// pipeline is set for a job that is a pipeline, whose parts are
	// forked by the job's process: kill %N signals them too.
	pipeline bool

	// ready closes once the job is under way (awaitJobs); started is
	// when it was forked.
	ready     chan struct{}
	readyOnce sync.Once
	started   time.Time

	end    sync.Once
	done   chan struct{} // closed by JOBEND
	status int           // the job's status, set before done closes
	// gone is set once wait collected the job or jobs reported its
	// death: it has left the job table (a later wait PID still gets its
	// status).
	gone bool
	// disowned jobs left the table by disown: bash keeps no status for
	// them, wait PID waits and returns 0.
	disowned atomic.Bool
}

type jobTable struct {
	mu   sync.Mutex
	jobs []*job
}

// keptJobs bounds how many collected jobs a shell remembers for wait PID,
// as bash keeps a bounded list of their statuses.
const keptJobs = 1024

// start records a job whose clone child was forked by its parent: its
// number is one more than the highest in the parent's table.
func (t *jobTable) start(child *proc, text string) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 1
	for _, j := range t.jobs {
		if j.proc.parent == child.parent && j.inTable() && j.n >= n {
			n = j.n + 1
		}
	}
	if len(t.jobs) >= 2*keptJobs {
		t.forgetOldest()
	}
	j := &job{n: n, proc: child, text: strings.TrimSuffix(text, " &"), done: make(chan struct{}),
		ready: make(chan struct{}), started: time.Now()}
	t.jobs = append(t.jobs, j)
	return j
}

// forgetOldest drops the oldest collected jobs beyond keptJobs; t.mu is
// held.
func (t *jobTable) forgetOldest() {
	collected := 0
	for _, j := range t.jobs {
		if j.gone && j.ended() {
			collected++
		}
	}
	kept := t.jobs[:0]
	for _, j := range t.jobs {
		if j.gone && j.ended() && collected > keptJobs {
			collected--
			continue
		}
		kept = append(kept, j)
	}
	clear(t.jobs[len(kept):])
	t.jobs = kept
}

// byProc is the job whose clone p is, nil if none.
func (t *jobTable) byProc(p *proc) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		if j.proc == p {
			return j
		}
	}
	return nil
}

// table lists the job table of the process me, oldest first: its jobs
// still running, and those a signal killed that nobody collected yet. A
// job that ended by itself leaves the table at once, as bash -c forgets
// one (without a word) before the next command.
func (t *jobTable) table(me *proc) []*job {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*job
	for _, j := range t.jobs {
		if j.proc.parent == me && j.inTable() {
			out = append(out, j)
		}
	}
	return out
}

// started lists every job me started, collected or not.
func (t *jobTable) started(me *proc) []*job {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*job
	for _, j := range t.jobs {
		if j.proc.parent == me {
			out = append(out, j)
		}
	}
	return out
}

// disown takes j out of the table for good (disown).
func (t *jobTable) disown(j *job) {
	t.remove(j)
	j.disowned.Store(true)
}

// forgetOver takes the jobs of me that are over out of its table.
func (t *jobTable) forgetOver(me *proc) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		if j.proc.parent == me && j.over() {
			j.gone = true
		}
	}
}

// inTable reports whether j is in its shell's table; t.mu is held.
func (j *job) inTable() bool {
	return !j.gone && (!j.over() || j.proc.sig.killedBy() != 0)
}

// remove takes j out of the table (wait collected it, or jobs reported
// it); first says it was still there.
func (t *jobTable) remove(j *job) (first bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	first = !j.gone
	j.gone = true
	return first
}

// ended reports whether JOBEND ran.
func (j *job) ended() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// over reports whether the job ended or was killed.
func (j *job) over() bool {
	select {
	case <-j.done:
		return true
	case <-j.proc.sig.deadCh():
		return true
	default:
		return false
	}
}

// result is the job's status once it is over: 128 plus the signal that
// killed its process, else what JOBEND recorded.
func (j *job) result() int {
	if j.disowned.Load() {
		return 0
	}
	if sig := j.proc.sig.killedBy(); sig != 0 {
		return 128 + sig
	}
	return j.status
}

// wait blocks until j ended, ctx ends or the waiting process me is
// killed; ok is false in the last two cases. A killed job ends soon: its
// program's context is cancelled, and a shell stops waiting for its
// foreground program (runProgram) and runs nothing more; then its clone
// exits, and /proc no longer shows it once wait returns.
func (j *job) wait(ctx context.Context, me *proc) (status int, ok bool) {
	select {
	case <-j.done:
	case <-me.sig.deadCh():
		return 128 + me.sig.killedBy(), false
	case <-ctx.Done():
		return 1, false
	}
	return j.result(), true
}

// forkJob is FORKJOB (see above).
func (s *shell) forkJob(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	child := s.clone(hc, true)
	child.funcs = s.funcsFor(child.parent)
	text := ""
	if len(args) > 1 {
		text = args[1]
	}
	j := s.jobs.start(child, text)
	child.job = j
	child.parent.addPending(j)
	j.pipeline = len(args) > 2 && args[2] == "pipeline"
	id := s.procs.add(child)
	return []string{"eval", childVar + "=" + id + " " + lastJobVar + "=" + strconv.Itoa(int(child.pid())) +
		" " + childPidVar + "=" + strconv.Itoa(int(child.task.Getpid()))}
}

// jobEnd is JOBEND: the job's clone and what was forked in it end, then
// its status is kept for wait.
func (s *shell) jobEnd(args []string) []string {
	if len(args) < 3 {
		return []string{internal + "status", "0"}
	}
	status, _ := strconv.Atoi(args[2])
	if p := s.procs.get(args[1]); p != nil {
		s.procs.end(func(q *proc) bool { return q.endsWith(p) })
		s.childEnded(p.parent)
		if j := s.jobs.byProc(p); j != nil {
			j.markReady()
			j.end.Do(func() {
				j.status = status
				close(j.done)
			})
		}
	}
	return []string{internal + "status", args[2]}
}

// jobExec is the call of a job's last command, args without the mark:
// a program becomes execJobCmd, which runs it on the job's task.
func (s *shell) jobExec(ctx context.Context, args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{internal + "status", "0"}, nil
	}
	out, err := s.call(ctx, args)
	if err == nil && len(out) > 0 && s.runsProgram(s.procOf(interp.HandlerCtx(ctx)), out) {
		out = append([]string{execJobCmd}, out...)
	}
	return out, err
}

// A forked child opens its redirections and starts its first command a
// few microseconds after fork, long before its parent has started
// another program: `sleep 100 < /mnt/f & umount /mnt` finds the mount
// busy. A job here is a goroutine that may not have run at all when the
// parent starts its next program, so the parent waits there (awaitJobs)
// until its new jobs are under way: the first program started (after
// its redirections), a builtin's call made (its redirections open), or
// the end. The parent's builtins do not wait, as a real parent's run
// before its child has started (`exit 4 & wait -n` waits for the job).
// A job whose first step sleeps (a redirection from a FIFO with no
// writer) is waited for at most jobStartWait after its fork, as the
// parent of a blocked child would go on.
const jobStartWait = 100 * time.Millisecond

// markReady says the job is under way.
func (j *job) markReady() { j.readyOnce.Do(func() { close(j.ready) }) }

// jobUnderWay marks the job p runs in as under way; p outside any job
// does nothing.
func (s *shell) jobUnderWay(p *proc) {
	for q := p; q != nil && q.background; q = q.parent {
		if q.jobStart {
			if q.job != nil {
				q.job.markReady()
			}
			return
		}
	}
}

// addPending records a job p forked and has not yet seen under way.
func (p *proc) addPending(j *job) {
	p.mu.Lock()
	p.pending = append(p.pending, j)
	p.mu.Unlock()
}

// awaitJobs waits, before p starts a program, for the jobs p and the
// (sub)shells it is part of forked to be under way. It stops at a job's
// own clone: a job does not wait for its siblings.
func (s *shell) awaitJobs(p *proc) {
	for q := p; q != nil; q = q.parent {
		q.mu.Lock()
		pending := q.pending
		q.pending = nil
		q.mu.Unlock()
		for _, j := range pending {
			j.awaitStart()
		}
		if q.jobStart {
			return
		}
	}
}

// awaitStart waits until j is under way, or jobStartWait after its fork.
func (j *job) awaitStart() { waitUntil(j.ready, j.started.Add(jobStartWait)) }

// waitUntil waits for c to close, at most until deadline.
func waitUntil(c <-chan struct{}, deadline time.Time) {
	d := time.Until(deadline)
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-c:
	case <-t.C:
	}
}
