// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Assignments in set -x's trace. The interpreter traces a call without
// the assignments before its name, and an assignment of nothing (X=) as
// an empty line. dash shows them on the call's line ("+ LC_ALL=C sort"),
// bash on lines of their own before it; both show "X=". noteTraceAssigns
// keeps the names assigned before each call, by the call's position and
// name (what the call handler can match), and gives X= an explicit empty
// value, which the interpreter then traces.

// assignSite is a call as the call handler sees it: where its name
// starts and the name.
type assignSite struct {
	offset uint
	name   string
}

type traceAssigns struct {
	mu sync.Mutex
	m  map[assignSite][]string
}

// noteTraceAssigns records the prefix assignments of the calls under n.
func (s *shell) noteTraceAssigns(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		if len(call.Args) == 0 {
			for _, as := range call.Assigns {
				if as.Value == nil && as.Array == nil && !as.Naked && !as.Append && as.Index == nil {
					as.Value = &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: as.Pos(), Right: as.Pos()}}}
				}
			}
			return true
		}
		name := call.Args[0].Lit()
		var names []string
		for _, as := range call.Assigns {
			if as.Array == nil && !as.Naked && as.Index == nil && name != "" {
				names = append(names, as.Name.Value)
			}
		}
		if len(names) > 0 {
			s.assigns.mu.Lock()
			if s.assigns.m == nil {
				s.assigns.m = map[assignSite][]string{}
			}
			s.assigns.m[assignSite{call.Args[0].Pos().Offset(), name}] = names
			s.assigns.mu.Unlock()
		}
		return true
	})
}

// prefixAssigns is "NAME=value" for each assignment before the call of
// name at pos, with the values the call sees.
func (s *shell) prefixAssigns(pos syntax.Pos, name string, env expand.Environ) []string {
	s.assigns.mu.Lock()
	names := s.assigns.m[assignSite{pos.Offset(), name}]
	s.assigns.mu.Unlock()
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, n+"="+env.Get(n).String())
	}
	return out
}

// traceAssignLine is an assignment's trace line as the shell shows it:
// the interpreter quotes the value as bash does; dash shows it as it is,
// and both show an empty one as nothing.
func (s *shell) traceAssignLine(line []byte) []byte {
	name, quoted, ok := strings.Cut(strings.TrimSuffix(string(line), "\n"), "=")
	if !ok || !syntax.ValidName(name) {
		return line
	}
	value := quoted
	if f, err := syntax.NewParser().Parse(strings.NewReader("x="+quoted), ""); err == nil && len(f.Stmts) == 1 {
		if call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(call.Assigns) == 1 && call.Assigns[0].Value != nil {
			if v, err := expand.Literal(&expand.Config{Env: expand.ListEnviron()}, call.Assigns[0].Value); err == nil {
				value = v
			}
		}
	}
	if s.dialect == Bash {
		return []byte(name + "=" + bashAssignValue(value) + "\n")
	}
	return []byte(name + "=" + value + "\n")
}

// bashAssignValue is a value as bash's trace of an assignment shows it:
// nothing for empty, else quoted as a word.
func bashAssignValue(v string) string {
	if v == "" {
		return ""
	}
	return bashTraceWord(v)
}

// xtraceCmd stands before a declaration (export, local, ...), which the
// interpreter does not trace: its trace line, held like a call's, is
// written by the call handler with the declaration's words.
const xtraceCmd = internal + "xtrace"

// markDeclTraces puts an xtraceCmd call with the same words before each
// declaration under n whose words expand without side effects (the
// words are expanded twice); other declarations go untraced.
func markDeclTraces(n syntax.Node) {
	syntax.Walk(n, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		decl, ok := st.Cmd.(*syntax.DeclClause)
		if !ok {
			return true
		}
		words := []*syntax.Word{litWord(decl.Variant.Pos(), xtraceCmd), litWord(decl.Variant.Pos(), decl.Variant.Value)}
		for _, as := range decl.Args {
			if internalDeclArg(as) {
				continue
			}
			w, ok := declWord(as)
			if !ok {
				return true
			}
			words = append(words, w)
		}
		trace := &syntax.Stmt{Position: st.Position, Cmd: &syntax.CallExpr{Args: words}}
		st.Cmd = &syntax.Block{Lbrace: st.Position, Rbrace: st.Position, Stmts: []*syntax.Stmt{trace, {Position: st.Position, Cmd: decl}}}
		return false
	})
}

// internalDeclArg reports whether a declaration's argument is one the
// rewritings added (readonly.go's markers, hash.go's count of PATH's
// assignments), which the trace leaves out.
func internalDeclArg(as *syntax.Assign) bool {
	if as.Name != nil && !as.Naked {
		return internalVars[as.Name.Value]
	}
	w, ok := declArgWord(as)
	if !ok || w == nil || len(w.Parts) != 1 {
		return false
	}
	pe, ok := w.Parts[0].(*syntax.ParamExp)
	return ok && pe.Param != nil && strings.HasPrefix(pe.Param.Value, "LINUXVFS_")
}

// declWord is a declaration's argument as one word ("NAME=value", NAME,
// or an option), if expanding it twice does no harm.
func declWord(as *syntax.Assign) (*syntax.Word, bool) {
	w, ok := declArgWord(as)
	return w, ok && pureWord(w)
}

// declArgWord is a declaration's argument as the one word a simple
// command would have; false for an array or an indexed or appending
// assignment.
func declArgWord(as *syntax.Assign) (*syntax.Word, bool) {
	switch {
	case as.Array != nil || as.Index != nil || as.Append:
		return nil, false
	case as.Name == nil && as.Value == nil:
		return nil, false
	case as.Name == nil || as.Naked && as.Value != nil: // an option, a word as is
		return as.Value, true
	case as.Naked:
		return litWord(as.Pos(), as.Name.Value), true
	}
	parts := []syntax.WordPart{&syntax.Lit{ValuePos: as.Pos(), ValueEnd: as.Pos(), Value: as.Name.Value + "="}}
	if as.Value != nil {
		parts = append(parts, as.Value.Parts...)
	}
	return &syntax.Word{Parts: parts}, true
}

// pureWord reports whether w's expansion has no side effects and does
// not read $? (which the traced call would change).
func pureWord(w *syntax.Word) bool {
	pure := true
	syntax.Walk(w, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst, *syntax.ArithmExp, *syntax.ProcSubst, *syntax.ExtGlob:
			pure = false
		case *syntax.ParamExp:
			if n.Exp != nil || n.Repl != nil || n.Slice != nil || n.Index != nil || n.Names != 0 ||
				n.Param == nil || n.Param.Value == "?" {
				pure = false
			}
		}
		return pure
	})
	return pure
}

// declTraceLines are a traced declaration's lines: its words (bash's
// quoted), and in bash an assignment's line for each value export and
// readonly set.
func (s *shell) declTraceLines(words []string) []string {
	lines := []string{s.traceText(words)}
	if s.dialect != Bash || (words[0] != "export" && words[0] != "readonly") {
		return lines
	}
	for _, w := range words[1:] {
		if name, value, ok := strings.Cut(w, "="); ok && syntax.ValidName(name) {
			lines = append(lines, name+"="+bashAssignValue(value)+"\n")
		}
	}
	return lines
}
