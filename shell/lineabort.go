// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// A failed arithmetic expansion, or an assignment to a readonly variable
// with no command after it, makes bash give up the command it is
// reading at the top level: the rest of the line, with everything the
// line started (a function, a loop), is abandoned, $? becomes 1, and
// the next line runs. (Under set -e the assignment ends the shell
// instead; in a subshell either ends the subshell.) The interpreter can
// stop a whole line only by exiting, so such a program runs a line per
// Run: the check after the failed command (readonly.go's checkWord,
// ${LINUXVFS_ROCHK?KIND}) makes the interpreter exit, its report says
// that this is bash's abandoning (noteAbort), and runLines goes on with
// the next line. An EXIT trap must not run at the end of each Run, so
// the interpreter gets it behind a gate that only the program's real
// end opens (gateExit).

const (
	// abortExpansion and abortAssign are the checks' kinds: an
	// expansion's failure, and a readonly variable's assignment.
	abortExpansion = "expansion"
	abortAssign    = "assignment"
	// exitGateVar is set only while the EXIT trap is to run; the trap's
	// action is in a case on it.
	exitGateVar  = "LINUXVFS_EXITGATE"
	exitGateCase = "case ${" + exitGateVar + "-}"
)

// noteAbort reads the word of a check's report in bash: runLines is to
// go on with the next line if the check abandoned a top-level line (not
// an assignment's under set -e, which ends the shell).
func (s *shell) noteAbort(word string) {
	switch kind, flags, _ := strings.Cut(word, " "); kind {
	case abortExpansion:
		s.aborted.Store(!s.abortFatal.Swap(false))
	case abortAssign:
		s.aborted.Store(!strings.Contains(flags, "e"))
	}
}

// lineStarts finds the top-level statements of stmts that begin a line
// of src: those with a newline (not a backslash-newline) between them
// and the one before. It runs before the rewritings, on the positions
// the parser gave.
func lineStarts(stmts []*syntax.Stmt, src string) map[*syntax.Stmt]bool {
	starts := map[*syntax.Stmt]bool{}
	for i, st := range stmts {
		if i == 0 {
			starts[st] = true
			continue
		}
		between := sourceText(src, stmts[i-1].End().Offset(), st.Pos().Offset())
		if strings.Contains(strings.ReplaceAll(between, "\\\n", ""), "\n") {
			starts[st] = true
		}
	}
	return starts
}

// lines splits the top-level statements into the lines lineStarts
// found; a statement the rewritings added joins the line before it.
func (s *shell) lines(stmts []*syntax.Stmt) [][]*syntax.Stmt {
	var out [][]*syntax.Stmt
	for _, st := range stmts {
		if len(out) == 0 || s.starts[st] {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], st)
	}
	return out
}

// runLines runs the program a line per Run, until one ends the shell;
// the returned status is the last line's.
func (s *shell) runLines(ctx context.Context, r *interp.Runner, file *syntax.File) (int, error) {
	code := 0
	for _, line := range s.lines(file.Stmts) {
		s.aborted.Store(false)
		c, err := s.status(ctx, r.Run(ctx, &syntax.File{Name: file.Name, Stmts: line}))
		if err != nil {
			return c, err
		}
		code = c
		if r.Exited() && !s.aborted.Swap(false) {
			break
		}
	}
	return code, nil
}

// exitTrap runs the EXIT trap, if the program set one, at its end with
// status code; it returns the status the shell ends with.
func (s *shell) exitTrap(ctx context.Context, r *interp.Runner, name string, code int) (int, error) {
	if !s.top.sig.trapped(0) {
		return code, nil
	}
	s.exitGate.Store(true)
	defer s.exitGate.Store(false)
	pos := syntax.Pos{}
	end := callStmt(pos, litWord(pos, statusCmd), litWord(pos, strconv.Itoa(code)))
	return s.status(ctx, r.Run(ctx, &syntax.File{Name: name, Stmts: []*syntax.Stmt{end}}))
}

// gateExit puts an EXIT trap's action, as the trap builtin hands it to
// the interpreter (trap -- ACTION EXIT), behind the gate.
func (s *shell) gateExit(args []string) []string {
	if !s.lineAborts || len(args) != 4 || args[3] != "EXIT" || args[2] == "" || args[2] == "-" {
		return args
	}
	gated := exitGateCase + " in ?*) " + args[2] + "\n;; esac"
	return []string{args[0], args[1], gated, args[3]}
}
