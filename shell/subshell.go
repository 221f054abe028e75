// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"strconv"
	"sync"

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
// Command substitutions, pipeline parts and subshells that start
// background jobs (see startsJobs), also subshells for bash, stay on
// their parent's task: they have no statement after them in which a
// clone could be ended, and a clone left open would keep its descriptors
// and working directory busy. Their cd and umask still stay theirs
// (syncDir, syncUmask).

// Shell variables of the rewriting; exportedEnv leaves them out.
const (
	procVar  = "LINUXVFS_PROC"
	childVar = "LINUXVFS_CHILD"
	forkCmd  = internal + "fork"
	reapCmd  = internal + "reap"
)

// internalVars are the shell variables linuxvfs keeps for itself.
var internalVars = map[string]bool{procVar: true, childVar: true, umaskVar: true, pidVar: true, ppidVar: true}

// proc is one process of the shell: the task of the top-level shell or of
// a subshell's clone, and the directory its task was last moved to.
type proc struct {
	task   *vfs.Task
	parent *proc
	// background is set for clones made inside a background job, which
	// may outlive Run; jobStart for the clone of the job's own ( ... ).
	background, jobStart bool

	// mu guards dir: the interpreter keeps a logical directory string per
	// (sub)shell; the task's cwd moves only when that string changes, so
	// that a removed working directory stays the task's cwd as it would
	// in a real shell.
	mu  sync.Mutex
	dir string
}

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
func (s *shell) fork(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	p := s.sync(hc)
	p.mu.Lock()
	dir := p.dir
	p.mu.Unlock()
	bg := len(args) > 1 && args[1] == "bg"
	child := &proc{task: p.task.Clone(0), parent: p, dir: dir, background: p.background || bg, jobStart: bg}
	return []string{"eval", childVar + "=" + s.procs.add(child)}
}

// reap is REAP: end the clone named by args[1] with what was forked in it,
// and return the subshell's status, args[2].
func (s *shell) reap(args []string) []string {
	if len(args) < 3 {
		return []string{internal + "status", "0"}
	}
	if p := s.procs.get(args[1]); p != nil {
		s.procs.end(func(q *proc) bool { return q.endsWith(p) })
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
	bg := map[*syntax.Subshell]bool{}
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok && st.Background {
			syntax.Walk(st, func(n syntax.Node) bool {
				if sub, ok := n.(*syntax.Subshell); ok {
					bg[sub] = true
				}
				return true
			})
		}
		return true
	})
	syntax.Walk(n, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok {
			if sub, ok := st.Cmd.(*syntax.Subshell); ok && !rewritten(sub) && !startsJobs(sub) {
				st.Cmd = forkedSubshell(sub, bg[sub])
			}
		}
		return true
	})
}

// startsJobs reports whether a subshell starts background jobs (cmd &)
// anywhere in it. Such a subshell keeps its parent's task: a job may run
// on after the subshell ends, and its clone would be ended under it.
func startsJobs(sub *syntax.Subshell) bool {
	found := false
	syntax.Walk(sub, func(n syntax.Node) bool {
		if st, ok := n.(*syntax.Stmt); ok && st.Background {
			found = true
		}
		return !found
	})
	return found
}

// rewritten reports whether sub already starts with the PROCVAR assignment.
func rewritten(sub *syntax.Subshell) bool {
	if len(sub.Stmts) == 0 {
		return false
	}
	call, ok := sub.Stmts[0].Cmd.(*syntax.CallExpr)
	return ok && len(call.Args) == 0 && len(call.Assigns) == 1 && call.Assigns[0].Name.Value == procVar
}

// forkedSubshell builds { FORK; ( PROCVAR=$CHILDVAR; LIST ); REAP ...; }.
func forkedSubshell(sub *syntax.Subshell, background bool) *syntax.Block {
	pos := sub.Pos()
	lit := func(s string) *syntax.Lit { return &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: s} }
	word := func(parts ...syntax.WordPart) *syntax.Word { return &syntax.Word{Parts: parts} }
	param := func(name string) *syntax.DblQuoted {
		return &syntax.DblQuoted{Left: pos, Right: pos, Parts: []syntax.WordPart{
			&syntax.ParamExp{Dollar: pos, Param: lit(name)}}}
	}
	stmt := func(c syntax.Command) *syntax.Stmt { return &syntax.Stmt{Position: pos, Cmd: c} }

	fork := &syntax.CallExpr{Args: []*syntax.Word{word(lit(forkCmd))}}
	if background {
		fork.Args = append(fork.Args, word(lit("bg")))
	}
	enter := &syntax.CallExpr{Assigns: []*syntax.Assign{{Name: lit(procVar), Value: word(param(childVar))}}}
	sub.Stmts = append([]*syntax.Stmt{stmt(enter)}, sub.Stmts...)
	reap := &syntax.CallExpr{Args: []*syntax.Word{word(lit(reapCmd)), word(param(childVar)), word(param("?"))}}
	return &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{stmt(fork), stmt(sub), stmt(reap)}}
}
