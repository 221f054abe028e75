// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"

	"mvdan.cc/sh/v3/syntax"
)

// A duplication whose target is a plain word that is no descriptor
// number (>&a, 2>&1x) is dash's "Syntax error: Bad fd number" when the
// command runs, which ends the (sub)shell with status 2. bash reads
// >&WORD and 1>&WORD as &>WORD, output and errors to the file WORD; any
// other such duplication is its "ambiguous redirect", which the open
// handler reports. Words with expansions are left to the open handler
// too.

// rewriteFdWords applies that to the program or statement n.
func (s *shell) rewriteFdWords(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		for _, rd := range st.Redirs {
			switch {
			case !badFdWord(rd):
			case s.dialect == Dash:
				*st = *badFdStmt(st.Pos(), s.linePrefix(rd.Pos().Line()))
				return false
			case rd.Op == syntax.DplOut && (rd.N == nil || rd.N.Value == "1"):
				rd.Op, rd.N = syntax.RdrAll, nil
			}
		}
		return true
	})
}

// badFdWord reports whether rd duplicates a literal word that is not a
// descriptor number or "-".
func badFdWord(rd *syntax.Redirect) bool {
	if rd.Op != syntax.DplIn && rd.Op != syntax.DplOut {
		return false
	}
	word := rd.Word.Lit()
	return word != "" && word != "-" && !isDigits(word)
}

// badFdStmt is dash's syntax error, which ends the shell.
func badFdStmt(pos syntax.Pos, prefix string) *syntax.Stmt {
	var args []*syntax.Word
	for _, v := range []string{"exec", statusCmd, strconv.Itoa(2), prefix + "Syntax error: Bad fd number"} {
		args = append(args, &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: v}}})
	}
	return &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: args}}
}
