// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// A here-document the program ends before its delimiter line is closed
// by the end of the file in both shells: dash says nothing, bash warns
// "here-document at line N delimited by end-of-file (wanted `EOF')" as
// it reads the command. The parser calls it a syntax error, so the
// program is parsed again with the delimiter lines it lacks.

// parserUnclosedHdoc is the parser's words for it.
var parserUnclosedHdoc = regexp.MustCompile("^unclosed here-document `(.*)`$")

// hdocWarning is a here-document the end of the program closed.
type hdocWarning struct {
	delim string
	// bodyLine is the line before the body's first; line is the
	// redirection's.
	bodyLine, line uint
	redir          *syntax.Redirect
}

// closeHeredocs parses src, adding the delimiters of here-documents it
// leaves open; it returns the program and the warnings for them, or the
// parser's error for any other fault.
func closeHeredocs(src, name string) (*syntax.File, string, []hdocWarning, error) {
	var added []string
	fixed := src
	for {
		file, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(fixed), name)
		var pe syntax.ParseError
		if err == nil || !errors.As(err, &pe) || len(added) > 8 {
			return file, fixed, hdocWarnings(file, added, src), err
		}
		m := parserUnclosedHdoc.FindStringSubmatch(pe.Text)
		if m == nil {
			return file, fixed, nil, err
		}
		if !strings.HasSuffix(fixed, "\n") {
			fixed += "\n"
		}
		fixed += m[1] + "\n"
		added = append(added, m[1])
	}
}

// hdocWarnings finds the here-documents closed by the added delimiters:
// the last ones with those words.
func hdocWarnings(file *syntax.File, added []string, src string) []hdocWarning {
	if file == nil || len(added) == 0 {
		return nil
	}
	var redirs []*syntax.Redirect
	syntax.Walk(file, func(n syntax.Node) bool {
		if r, ok := n.(*syntax.Redirect); ok && (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) {
			redirs = append(redirs, r)
		}
		return true
	})
	lines := programLines(src)
	var warnings []hdocWarning
	for i, delim := range added {
		idx := len(redirs) - len(added) + i
		if idx < 0 {
			continue
		}
		r := redirs[idx]
		w := hdocWarning{delim: delim, bodyLine: lines, line: r.OpPos.Line(), redir: r}
		if r.Hdoc != nil && len(r.Hdoc.Parts) > 0 {
			w.bodyLine = r.Hdoc.Pos().Line() - 1
		}
		warnings = append(warnings, w)
	}
	return warnings
}

// programLines is the number of lines of src, the last one counting
// without its newline.
func programLines(src string) uint {
	n := uint(strings.Count(src, "\n"))
	if src != "" && !strings.HasSuffix(src, "\n") {
		n++
	}
	return n
}

// warnHeredocs puts bash's warnings before the top-level command that
// reads each here-document (the first on its line), keeping $?.
func (s *shell) warnHeredocs(file *syntax.File, warnings []hdocWarning, src string) {
	if s.dialect == Dash {
		dashLastLine(warnings, src)
		return
	}
	for _, w := range warnings {
		prefix := s.linePrefix(programLines(src))
		msg := fmt.Sprintf("%swarning: here-document at line %d delimited by end-of-file (wanted `%s')",
			prefix, w.bodyLine, w.delim)
		at := -1
		for i, st := range file.Stmts {
			if st.Pos().Line() <= w.line {
				at = i
			}
		}
		if at < 0 {
			continue
		}
		for at > 0 && file.Stmts[at-1].End().Line() == file.Stmts[at].Pos().Line() {
			at--
		}
		pos := file.Stmts[at].Pos()
		warn := callStmt(pos, litWord(pos, statusCmd), paramWord(pos, "?"), litWord(pos, msg))
		file.Stmts = append(file.Stmts[:at], append([]*syntax.Stmt{warn}, file.Stmts[at:]...)...)
	}
}

// dashLastLine drops the newline the program's last line lacks from the
// body of the here-document it ends: dash's keeps none (bash adds one).
func dashLastLine(warnings []hdocWarning, src string) {
	if len(warnings) == 0 || src == "" || strings.HasSuffix(src, "\n") {
		return
	}
	doc := warnings[len(warnings)-1].redir.Hdoc
	if doc == nil || len(doc.Parts) == 0 {
		return
	}
	if lit, ok := doc.Parts[len(doc.Parts)-1].(*syntax.Lit); ok {
		lit.Value = strings.TrimSuffix(lit.Value, "\n")
	}
}
