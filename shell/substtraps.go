// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"maps"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// A command substitution and a pipeline's part are subshells: trap
// lists there what a subshell inherits (bash: all the parent's traps,
// dash 0.5.12: the signals it ignores), and a trap set there is the
// subshell's own. They run on their parent's task (subshell.go), so the
// trap commands in them are told so by a variable, which the rewriting
// sets at the start of the substitution (keeping $?) or before the
// pipeline's trap command:
//
//	$(LIST)      ->  $(SUBST=${SUBST%I}I STATUSVAR=$?; STATUS "$STATUSVAR"; LIST)
//	trap | cat   ->  SUBST=${SUBST%I}I trap | cat
//
// Its value is "I" below a shell's own traps, "N" in a substitution
// whose traps trap keeps as state N (substTrapTable) and "NI" in one
// inside that.

const substTrapsVar = "LINUXVFS_TRAPS"

// substTrapTable holds the traps set in command substitutions.
type substTrapTable struct {
	mu     sync.Mutex
	states []trapState
}

// keep stores ts as a new state and returns its number.
func (t *substTrapTable) keep(ts trapState) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.states = append(t.states, ts)
	return strconv.Itoa(len(t.states))
}

// get is state id (from 1); ok is false for no such state.
func (t *substTrapTable) get(id string) (trapState, bool) {
	n, err := strconv.Atoi(id)
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil || n < 1 || n > len(t.states) {
		return trapState{}, false
	}
	ts := t.states[n-1]
	return trapState{actions: maps.Clone(ts.actions), shown: maps.Clone(ts.shown), entry: ts.entry}, true
}

// substTrapView is the traps a trap command called from hc works on: in
// a substitution its view of them (inSubst), else tg's.
func (s *shell) substTrapView(hc interp.HandlerContext, tg *sigTarget) (view trapState, inSubst bool) {
	v := ""
	if hc.Env != nil {
		v = hc.Env.Get(substTrapsVar).String()
	}
	if v == "" {
		return tg.snapshot(), false
	}
	id, below := strings.CutSuffix(v, "I")
	view, ok := s.substTraps.get(id)
	if !ok {
		view = tg.snapshot()
	}
	if below {
		view = view.inherited(s.dialect)
	}
	return view, true
}

// rewriteSubstTraps marks the command substitutions and the pipelines'
// trap commands under n, if src calls trap at all (a substitution may
// call a function that does).
func rewriteSubstTraps(n syntax.Node, src string) {
	if !strings.Contains(src, "trap") || !callsTrap(n) {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch c := n.(type) {
		case *syntax.CmdSubst:
			c.Stmts = append(substTrapsStart(c.Pos()), c.Stmts...)
		case *syntax.BinaryCmd:
			if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
				markTrapCall(c.X)
				markTrapCall(c.Y)
			}
		}
		return true
	})
}

// callsTrap reports whether a trap command is among n's.
func callsTrap(n syntax.Node) bool {
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.CallExpr); ok && len(c.Args) > 0 && c.Args[0].Lit() == "trap" {
			found = true
		}
		return !found
	})
	return found
}

// substTrapsVal is ${SUBST%I}I: one subshell below the traps in force.
func substTrapsVal(pos syntax.Pos) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{
		&syntax.ParamExp{Dollar: pos, Param: roLit(pos, substTrapsVar),
			Exp: &syntax.Expansion{Op: syntax.RemSmallSuffix, Word: litWord(pos, "I")}},
		roLit(pos, "I"),
	}}
}

// substTrapsStart are a substitution's first statements: the mark, with
// $? saved and given back.
func substTrapsStart(pos syntax.Pos) []*syntax.Stmt {
	status := &syntax.Word{Parts: []syntax.WordPart{&syntax.ParamExp{Dollar: pos, Short: true, Param: roLit(pos, "?")}}}
	mark := &syntax.CallExpr{Assigns: []*syntax.Assign{
		{Name: roLit(pos, substTrapsVar), Value: substTrapsVal(pos)},
		{Name: roLit(pos, statusVar), Value: status},
	}}
	return []*syntax.Stmt{{Position: pos, Cmd: mark}, callStmt(pos, litWord(pos, statusCmd), paramWord(pos, statusVar))}
}

// markTrapCall marks a pipeline's part that is a trap command.
func markTrapCall(st *syntax.Stmt) {
	c, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) == 0 || c.Args[0].Lit() != "trap" {
		return
	}
	pos := c.Pos()
	c.Assigns = append([]*syntax.Assign{{Name: roLit(pos, substTrapsVar), Value: substTrapsVal(pos)}}, c.Assigns...)
}
