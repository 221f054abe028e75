// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// A real shell forks for ( ... ): the child has a copy of the parent's
// descriptor table, working directory and umask, and whatever it changes
// dies with it. The interpreter runs a subshell as a copy of its own state
// in the same goroutine, so prepare rewrites every subshell into
//
//	{ FORK; ( PROCVAR=$CHILDVAR; LIST ); REAP "$CHILDVAR" "$?"; }
//
// FORK clones the calling (sub)shell's task and names the clone in
// CHILDVAR of the parent; the subshell's first assignment makes the clone
// its own task (handlers find a shell's task through PROCVAR, see
// procOf); REAP ends the clone and everything forked inside it and gives
// back the subshell's status. If errexit skips REAP, the parent is leaving
// too: its own REAP (or the end of Run) collects the clone.
//
// Command substitutions and pipeline parts stay on their parent's task:
// they have no statement after them in which a clone could be ended, and
// a clone left open would keep its descriptors and working directory
// busy. Their cd and umask still stay theirs (syncDir, syncUmask). A
// background job has a clone of its own, which the job's end ends
// (jobs.go); a subshell's REAP leaves the jobs started in it running.

// Shell variables of the rewriting; exportedEnv leaves them out.
const (
	procVar  = "LINUXVFS_PROC"
	childVar = "LINUXVFS_CHILD"
	forkCmd  = internal + "fork"
	reapCmd  = internal + "reap"
	// statusVar keeps $? across FORK for the subshell (enterClone).
	statusVar = "LINUXVFS_STATUS"
	statusCmd = internal + "status"
	// childPidVar is the clone's pid, which the subshell keeps in
	// bashPidVar for $BASHPID.
	childPidVar = "LINUXVFS_CHILDPID"
	bashPidVar  = "LINUXVFS_BASHPID"
)

// internalVars are the shell variables linuxvfs keeps for itself.
var internalVars = map[string]bool{procVar: true, childVar: true, umaskVar: true, pidVar: true, ppidVar: true,
	lastJobVar: true, statusVar: true, roOKVar: true, roCheckVar: true, childPidVar: true, bashPidVar: true,
	substTrapsVar: true, stdinFlagVar: true, execsVar: true, getoptsVar: true, getoptsLastVar: true,
	noclobberVar: true, noHashVar: true, pathGenVar: true, unitVar: true, rlimitVar: true, pipeSideVar: true}

// proc is one process of the shell: the task of the top-level shell or of
// a subshell's clone, and the directory its task was last moved to.
type proc struct {
	task   *vfs.Task
	parent *proc
	// sig is the task as a fatal signal sees it (signals.go).
	sig *sigTarget
	// stdout is the standard output the (sub)shell was forked with: a
	// builtin's write there that finds no reader kills it (brokenPipe).
	stdout any
	// background is set for clones made for or inside a background job,
	// which may outlive Run; jobStart for the job's own clone.
	background, jobStart bool
	// job is the job a jobStart clone runs (jobs.go).
	job *job
	// pending are the jobs the (sub)shell forked that were not yet seen
	// under way (awaitJobs), guarded by mu.
	pending []*job

	// mu guards dir: the interpreter keeps a logical directory string per
	// (sub)shell; the task's cwd moves only when that string changes, so
	// that a removed working directory stays the task's cwd as it would
	// in a real shell.
	mu  sync.Mutex
	dir string
	// rlimGen names the limits the task was last given (ulimit.go's
	// generations), guarded by mu.
	rlimGen int
	// lastForeground is when the (sub)shell last saw a program it
	// waited for end: dash collects, while it waits, the jobs that died
	// meanwhile, and says nothing of them later (builtin_jobs.go).
	lastForeground time.Time
	// funcs are the functions a background job's clone was forked
	// with (jobs.go); nil for the rest, which ask their parents.
	funcs map[string]bool
	// substFds are the descriptors process substitutions were given on,
	// by the word that names them, until a program inherits them
	// (procsubst.go).
	substFds map[string]int
	// hash is the table of remembered programs of the top-level shell
	// and of clones (a copy of the parent's); nil for the rest
	// (hash.go).
	hash *cmdHash
	// aliases are the shell process's aliases, kept as hash is.
	aliases *aliasSet
}

// foregroundWaited records that a program p waited for has ended.
func (p *proc) foregroundWaited() {
	p.mu.Lock()
	p.lastForeground = time.Now()
	p.mu.Unlock()
}

// foregroundEnd is when p last waited a program to its end.
func (p *proc) foregroundEnd() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastForeground
}

// pid is p's process ID as the process that forked it sees it, what
// fork returned there ($!, jobs -p): the number of its parent's PID
// namespace.
func (p *proc) pid() int32 {
	if p.parent == nil {
		return p.task.Getpid()
	}
	return pidSeenBy(p.task, p.parent.task)
}

// pidSeenBy is t's number in the PID namespace of the task by, 0 if t is
// not in it (task_pid_nr_ns).
func pidSeenBy(t, by *vfs.Task) int32 { return t.PidIn(by.PidNamespace()) }

// endsWith reports whether p ends when q is reaped: p is q or was forked
// below it, and not inside a background job started below q, which runs
// on by itself (its own REAP ends it).
func (p *proc) endsWith(q *proc) bool {
	for ; p != nil; p = p.parent {
		if p == q {
			return true
		}
		if p.jobStart {
			return false
		}
	}
	return false
}

// procTable holds the live clones by the number PROCVAR names them with.
type procTable struct {
	mu   sync.Mutex
	next int
	m    map[string]*proc
}

func (t *procTable) add(p *proc) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = make(map[string]*proc)
	}
	t.next++
	id := strconv.Itoa(t.next)
	t.m[id] = p
	return id
}

func (t *procTable) get(id string) *proc {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[id]
}

// end exits every clone for which match is true.
func (t *procTable) end(match func(*proc) bool) {
	t.mu.Lock()
	var done []*proc
	for id, p := range t.m {
		if match(p) {
			done = append(done, p)
			delete(t.m, id)
		}
	}
	t.mu.Unlock()
	for _, p := range done {
		release(p.task)
		p.task.Exit()
	}
}

// procOf is the process of the (sub)shell making a handler call.
func (s *shell) procOf(hc interp.HandlerContext) *proc {
	if hc.Env != nil {
		if v := hc.Env.Get(procVar); v.IsSet() {
			if p := s.procs.get(v.String()); p != nil {
				return p
			}
		}
	}
	return s.top
}

// fork is FORK: clone the caller's task as it stands (working directory
// and umask brought up to date first) and record the clone in CHILDVAR.
func (s *shell) fork(ctx context.Context) []string {
	child := s.clone(interp.HandlerCtx(ctx), false)
	return []string{"eval", childVar + "=" + s.procs.add(child) + " " + childPidVar + "=" + strconv.Itoa(int(child.task.Getpid()))}
}

// clone forks the process of the (sub)shell making a call; a job's clone
// ignores SIGINT and SIGQUIT, as an asynchronous list does where there
// is no job control.
func (s *shell) clone(hc interp.HandlerContext, job bool) *proc {
	p := s.sync(hc)
	p.mu.Lock()
	dir := p.dir
	p.mu.Unlock()
	child := &proc{task: p.task.Clone(0), parent: p, dir: dir, background: p.background || job, jobStart: job, stdout: hc.Stdout,
		hash: p.hashTable().copyTable(), aliases: p.aliasTable().copySet(), rlimGen: p.rlimGeneration()}
	ignored := ignoredBy(p.task)
	if job {
		ignored |= sigBit(linux.SIGINT) | sigBit(linux.SIGQUIT)
	}
	child.sig = watch(child.task, ignored)
	s.inheritTraps(child.sig, p.sig)
	return child
}

// reap is REAP: end the clone named by args[1] with what was forked in it,
// and return the subshell's status, args[2].
func (s *shell) reap(args []string, unbound bool) []string {
	if len(args) < 3 {
		return []string{internal + "status", "0"}
	}
	if p := s.procs.get(args[1]); p != nil {
		s.procs.end(func(q *proc) bool { return q.endsWith(p) })
		s.childEnded(p.parent)
	}
	if unbound && s.dialect == Dash && args[2] == "1" {
		// set -u (or a readonly variable) ended the subshell: dash's
		// status for that is 2.
		return []string{internal + "status", "2"}
	}
	return []string{internal + "status", args[2]}
}

// endClones exits the clones left when Run returns (errexit skipped their
// REAP), except those of background jobs, which may still be running.
func (s *shell) endClones() {
	s.procs.end(func(p *proc) bool { return !p.background })
}

// rewriteSubshells applies the rewriting above to every subshell in n.
func rewriteSubshells(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok {
			if sub, ok := st.Cmd.(*syntax.Subshell); ok && !rewritten(sub) {
				st.Cmd = forkedSubshell(sub)
			}
		}
		return true
	})
}

// rewritten reports whether sub already starts with the PROCVAR assignment.
func rewritten(sub *syntax.Subshell) bool {
	if len(sub.Stmts) == 0 {
		return false
	}
	call, ok := sub.Stmts[0].Cmd.(*syntax.CallExpr)
	return ok && len(call.Args) == 0 && len(call.Assigns) >= 1 && call.Assigns[0].Name.Value == procVar
}

// forkedSubshell builds { STATUSVAR=$?; FORK; ( PROCVAR=$CHILDVAR; ...; LIST ); REAP ...; }.
func forkedSubshell(sub *syntax.Subshell) *syntax.Block {
	pos := sub.Pos()
	enterClone(sub)
	reap := callStmt(pos, litWord(pos, reapCmd), paramWord(pos, childVar), paramWord(pos, "?"))
	return &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{
		saveStatus(pos), callStmt(pos, litWord(pos, forkCmd)), {Position: pos, Cmd: sub}, reap}}
}

// saveStatus is STATUSVAR=$?, before a FORK or FORKJOB changes $?.
func saveStatus(pos syntax.Pos) *syntax.Stmt {
	return assignStmt(pos, statusVar, paramWord(pos, "?"))
}

// enterClone makes PROCVAR=$CHILDVAR the first statement of sub: the
// subshell takes the clone its parent just made as its process. The
// next one gives $? back the value saveStatus kept, as a forked child
// starts with its parent's (false; (echo $?) prints 1):
// STATUS "$STATUSVAR" && STATUS 0, whose failure errexit ignores, as
// it is not the last command of its && list.
func enterClone(sub *syntax.Subshell) {
	pos := sub.Pos()
	restore := &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt,
		X: callStmt(pos, litWord(pos, statusCmd), paramWord(pos, statusVar)),
		Y: callStmt(pos, litWord(pos, statusCmd), litWord(pos, "0"))}
	enter := assignStmt(pos, procVar, paramWord(pos, childVar))
	// The clone's pid is the subshell's $BASHPID.
	enter.Cmd.(*syntax.CallExpr).Assigns = append(enter.Cmd.(*syntax.CallExpr).Assigns, &syntax.Assign{
		Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: bashPidVar}, Value: &syntax.Word{Parts: []syntax.WordPart{
			&syntax.ParamExp{Dollar: pos, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: childPidVar},
				Exp: &syntax.Expansion{Op: syntax.DefaultUnset, Word: emptyWord(pos)}}}}})
	sub.Stmts = append([]*syntax.Stmt{enter, {Position: pos, Cmd: restore}}, sub.Stmts...)
}

// assignStmt is NAME=VALUE.
func assignStmt(pos syntax.Pos, name string, value *syntax.Word) *syntax.Stmt {
	return &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Assigns: []*syntax.Assign{{
		Name: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: name}, Value: value}}}}
}

// litWord, paramWord and callStmt build the pieces of the rewritings:
// a literal word, "$NAME", and a simple command.
func litWord(pos syntax.Pos, s string) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: s}}}
}

func paramWord(pos syntax.Pos, name string) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{&syntax.DblQuoted{Left: pos, Right: pos, Parts: []syntax.WordPart{
		&syntax.ParamExp{Dollar: pos, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: name}}}}}}
}

func callStmt(pos syntax.Pos, args ...*syntax.Word) *syntax.Stmt {
	return &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: args}}
}
