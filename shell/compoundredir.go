// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"

	"mvdan.cc/sh/v3/syntax"
)

// dash gives status 2 when a redirection of a compound command fails
// ({ ...; } > /x/y, while ...; done < missing), the interpreter always 1.
// So under dash such a command's redirections are deferred as a simple
// command's are, and a check opens them before the body runs:
//
//	{ REDIRCHECK && COMMAND; } REDIRS
//
// REDIRCHECK is an internal builtin: the call handler settles its
// deferred redirections (settleRedirs), and a failure is reported and
// gives it dash's status 2, which skips the body. Redirections of
// descriptors above 2 stay the interpreter's.

const redirCheckCmd = internal + "redircheck"

// wrapCompoundRedirs rewrites the compound commands with redirections in
// n, under dash.
func (s *shell) wrapCompoundRedirs(n syntax.Node) {
	if s.dialect != Dash {
		return
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok || !compoundRedirected(st) {
			return true
		}
		pos := st.Pos()
		check := &syntax.Stmt{Position: pos, Cmd: &syntax.CallExpr{Args: []*syntax.Word{
			{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: redirCheckCmd}}}}}}
		body := &syntax.Stmt{Position: pos, Cmd: st.Cmd}
		and := &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: check, Y: body}
		st.Cmd = &syntax.Block{Lbrace: pos, Rbrace: pos, Stmts: []*syntax.Stmt{{Position: pos, Cmd: and}}}
		return true
	})
}

// compoundRedirected reports whether st is a compound command with a
// redirection the open handler serves, and none of a descriptor above 2.
func compoundRedirected(st *syntax.Stmt) bool {
	switch st.Cmd.(type) {
	case nil, *syntax.CallExpr, *syntax.FuncDecl, *syntax.DeclClause, *syntax.LetClause, *syntax.TestDecl:
		return false
	}
	if slices.ContainsFunc(st.Redirs, highRedirect) {
		return false
	}
	return slices.ContainsFunc(st.Redirs, func(rd *syntax.Redirect) bool {
		switch rd.Op {
		case syntax.RdrOut, syntax.AppOut, syntax.RdrIn, syntax.RdrInOut, syntax.RdrClob:
			return true
		case syntax.DplIn, syntax.DplOut:
			lit := rd.Word.Lit()
			return lit != "-" && lit != "0" && lit != "1" && lit != "2"
		}
		return false
	})
}

// redirChecked reports whether st is a command wrapWithRedirs made, whose
// redirections are deferred.
func redirChecked(st *syntax.Stmt) bool {
	b, ok := st.Cmd.(*syntax.Block)
	if !ok || len(b.Stmts) != 1 {
		return false
	}
	and, ok := b.Stmts[0].Cmd.(*syntax.BinaryCmd)
	if !ok || and.Op != syntax.AndStmt {
		return false
	}
	call, ok := and.X.Cmd.(*syntax.CallExpr)
	return ok && len(call.Args) == 1 && call.Args[0].Lit() == redirCheckCmd
}
