// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// bash's PIPESTATUS holds the statuses of the last pipeline's commands
// (of the last command, when that was no pipeline). The interpreter has
// no such variable. In a bash program that reads it, each part of a
// pipeline records its status as it ends, keeping it,
//
//	a | b  ->  { a && REC 1 0 2 "$?" || REC 1 0 2 "$?" && :; } | { b && ...; }
//
// (the && lists keep errexit from skipping REC), and the shell publishes
// the statuses once all parts have; any later command makes them stale.
// The references read the published statuses, or $? when stale:
//
//	${PIPESTATUS[@]}  ->  ${LINUXVFS_PS[@]}${LINUXVFS_PSF-$?}
//	${#PIPESTATUS[@]} ->  ${#LINUXVFS_PSN[@]}

const (
	pipeRecCmd   = internal + "pipestat"
	pipeVar      = "LINUXVFS_PS"
	pipeCountVar = "LINUXVFS_PSN"
	// pipeFreshVar is set (empty) while the statuses are fresh.
	pipeFreshVar = "LINUXVFS_PSF"
)

// pipeStatuses are the pipelines' statuses as their parts record them.
type pipeStatuses struct {
	mu      sync.Mutex
	pending map[string][]int // pipeline id -> statuses, -1 not yet recorded
	last    []int
	fresh   bool
}

// rewritePipeStatus prepares a bash program that reads PIPESTATUS.
func (s *shell) rewritePipeStatus(n syntax.Node, src string) {
	if s.dialect == Dash || !strings.Contains(src, "PIPESTATUS") {
		return
	}
	s.pipesUsed.Store(true)
	done := map[*syntax.BinaryCmd]bool{}
	id := 0
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			if b, ok := n.Cmd.(*syntax.BinaryCmd); ok && isPipe(b) && !done[b] {
				id++
				parts := pipeParts(b, done)
				for i, part := range parts {
					recordPart(part, strconv.Itoa(id), i, len(parts))
				}
			}
		case *syntax.Word:
			n.Parts = rewritePipeRefs(n.Parts)
		}
		return true
	})
}

func isPipe(b *syntax.BinaryCmd) bool { return b.Op == syntax.Pipe || b.Op == syntax.PipeAll }

// pipeParts are the commands of the pipeline b, in order.
func pipeParts(b *syntax.BinaryCmd, done map[*syntax.BinaryCmd]bool) []*syntax.Stmt {
	done[b] = true
	var parts []*syntax.Stmt
	for _, st := range []*syntax.Stmt{b.X, b.Y} {
		if inner, ok := st.Cmd.(*syntax.BinaryCmd); ok && isPipe(inner) && len(st.Redirs) == 0 && !st.Negated {
			parts = append(parts, pipeParts(inner, done)...)
			continue
		}
		parts = append(parts, st)
	}
	return parts
}

// recordPart makes part record its status as part i of n of pipeline id.
func recordPart(part *syntax.Stmt, id string, i, n int) {
	pos := part.Pos()
	inner := *part
	rec := func() *syntax.Stmt {
		return callStmt(pos, litWord(pos, pipeRecCmd), litWord(pos, id), litWord(pos, strconv.Itoa(i)),
			litWord(pos, strconv.Itoa(n)), paramWord(pos, "?"))
	}
	and := &syntax.Stmt{Position: pos, Cmd: &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: &inner, Y: rec()}}
	// The second REC, the first command of an && list, is no command
	// that errexit sees either: the pipeline's status is for it to see.
	kept := &syntax.Stmt{Position: pos, Cmd: &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: rec(),
		Y: callStmt(pos, litWord(pos, ":"))}}
	or := &syntax.BinaryCmd{OpPos: pos, Op: syntax.OrStmt, X: and, Y: kept}
	*part = syntax.Stmt{Position: pos, Cmd: &syntax.Block{Lbrace: pos, Rbrace: pos,
		Stmts: []*syntax.Stmt{{Position: pos, Cmd: or}}}}
}

// rewritePipeRefs points the references to PIPESTATUS among parts (and
// the double quotes among them) at the shell's.
func rewritePipeRefs(parts []syntax.WordPart) []syntax.WordPart {
	var out []syntax.WordPart
	for _, part := range parts {
		switch p := part.(type) {
		case *syntax.DblQuoted:
			p.Parts = rewritePipeRefs(p.Parts)
		case *syntax.ParamExp:
			out = append(out, rewritePipeRef(p)...)
			continue
		}
		out = append(out, part)
	}
	return out
}

// rewritePipeRef is what stands for pe: itself if it is no reference to
// PIPESTATUS; the published statuses, followed by $? if they are stale,
// for the statuses or the first; the shell's variables for the rest.
func rewritePipeRef(pe *syntax.ParamExp) []syntax.WordPart {
	if pe.Param == nil || pe.Param.Value != "PIPESTATUS" || pe.Excl || pe.Names != 0 {
		return []syntax.WordPart{pe}
	}
	pos := pe.Param.ValuePos
	if pe.Length {
		pe.Param = roLit(pos, pipeCountVar)
		return []syntax.WordPart{pe}
	}
	pe.Param = roLit(pos, pipeVar)
	all := false
	if w, ok := pe.Index.(*syntax.Word); ok {
		all = w.Lit() == "@" || w.Lit() == "*"
	}
	if pe.Exp != nil || pe.Slice != nil || pe.Repl != nil || !(pe.Index == nil || all || isZeroIndex(pe.Index)) {
		return []syntax.WordPart{pe}
	}
	pe.Short = false
	status := &syntax.ParamExp{Dollar: pos, Param: roLit(pos, pipeFreshVar), Exp: &syntax.Expansion{
		Op: syntax.DefaultUnset, Word: &syntax.Word{Parts: []syntax.WordPart{
			&syntax.ParamExp{Dollar: pos, Short: true, Param: roLit(pos, "?")}}}}}
	return []syntax.WordPart{pe, status}
}

// pipeRecord is REC: it records part i of n of pipeline id and gives
// back the part's status.
func (s *shell) pipeRecord(args []string) []string {
	if len(args) != 5 {
		return []string{statusCmd, "0"}
	}
	i, _ := strconv.Atoi(args[2])
	n, _ := strconv.Atoi(args[3])
	status, _ := strconv.Atoi(args[4])
	s.pst.mu.Lock()
	defer s.pst.mu.Unlock()
	if s.pst.pending == nil {
		s.pst.pending = map[string][]int{}
	}
	st := s.pst.pending[args[1]]
	if len(st) != n {
		st = make([]int, n)
		for k := range st {
			st[k] = -1
		}
		s.pst.pending[args[1]] = st
	}
	if i >= 0 && i < n {
		st[i] = status
	}
	complete := true
	for _, v := range st {
		complete = complete && v >= 0
	}
	if complete {
		s.pst.last, s.pst.fresh = st, true
		delete(s.pst.pending, args[1])
	}
	return []string{statusCmd, args[4]}
}

// pipeStale notes that a command other than REC ran.
func (s *shell) pipeStale() {
	s.pst.mu.Lock()
	s.pst.fresh = false
	s.pst.mu.Unlock()
}

// pipeLookup answers the environment for the references' names.
func (s *shell) pipeLookup(name string) (expand.Variable, bool) {
	if name != pipeVar && name != pipeCountVar && name != pipeFreshVar {
		return expand.Variable{}, false
	}
	s.pst.mu.Lock()
	defer s.pst.mu.Unlock()
	if name == pipeFreshVar {
		if s.pst.fresh {
			return expand.Variable{Set: true, Kind: expand.String}, true
		}
		return expand.Variable{}, true
	}
	var list []string
	if s.pst.fresh {
		for _, v := range s.pst.last {
			list = append(list, strconv.Itoa(v))
		}
	} else if name == pipeCountVar {
		list = []string{"0"} // one status, whichever
	} else {
		return expand.Variable{}, true
	}
	return expand.Variable{Set: true, Kind: expand.Indexed, List: list}, true
}
