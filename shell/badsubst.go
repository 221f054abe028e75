// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// A parameter expansion a shell cannot read is a "bad substitution" when
// the shell expands it: bash says "NAME: line N: ${x!}: bad
// substitution" and abandons the line (after a bad @ operator it ends),
// dash "NAME: N: Bad substitution" and ends with status 2. The parser
// rejects some outright (${x!}, ${%}, ${x y}); it reads bash 5.3's
// ${ cmd; } and, for dash, bash's own extensions (${x/a/b}, ${x:1:2},
// ${!x}, ${x[1]}, ${x^}, ${x@Q}). The first kind is replaced in the
// text before parsing, the others in the program, by a command
// substitution that reports the fault when it runs (badSubstCmd); the
// command around it is checked as for an arithmetic expansion, whose
// put-off sites (latearith.go) these share.

const badSubstCmd = internal + "badsubst"

// paramParseFault recognizes the parser's words for a parameter
// expansion it cannot read.
var paramParseFault = lazyRegexp("not a valid parameter expansion operator|^invalid parameter name$|" +
	"cannot combine multiple parameter expansion operators|cannot be followed by a word$|@ expansion operator|" +
	"must be followed by an expression$")

// putOffSubst replaces the parameter expansion in which the parser
// failed with err by badSubstCmd's substitution; ok is false when err is
// no such failure.
func (s *shell) putOffSubst(src string, err error) (string, bool) {
	var pe syntax.ParseError
	if !errors.As(err, &pe) || !paramParseFault().MatchString(pe.Text) || len(s.lateSites) > 1000 {
		return src, false
	}
	if s.dialect == Dash && strings.HasSuffix(pe.Text, "must be followed by an expression") {
		return src, false // dash's parser fails on ${x:} itself
	}
	start, end, ok := substSpan(src, int(pe.Pos.Offset()))
	if !ok {
		return src, false
	}
	site := lateSite{line: uint(strings.Count(src[:start], "\n")) + 1, unit: s.unit, subst: src[start:end],
		fatal: strings.Contains(pe.Text, "@ expansion operator")}
	return src[:start] + s.badSubstText(site) + src[end:], true
}

// badSubstText is the substitution standing for site, which it adds.
func (s *shell) badSubstText(site lateSite) string {
	s.lateSites = append(s.lateSites, site)
	return "$(" + badSubstCmd + " " + strconv.Itoa(len(s.lateSites)) + ")"
}

// substSpan finds the parameter expansion "${...}" of src around offset
// off: its start and the end of its "}". One holding quotes or
// backslashes is left alone.
func substSpan(src string, off int) (start, end int, ok bool) {
	for i := min(off, len(src)-1); i >= 0; i-- {
		if !strings.HasPrefix(src[i:], "${") {
			continue
		}
		e := braceClose(src, i+2)
		if e < off {
			continue
		}
		if strings.ContainsAny(src[i:e], "\"'`\\") {
			return 0, 0, false
		}
		return i, e + 1, true
	}
	return 0, 0, false
}

// braceClose is the index of the "}" closing a brace that opened before
// from, -1 if the line ends first.
func braceClose(src string, from int) int {
	depth := 0
	for j := from; j < len(src); j++ {
		switch src[j] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return j
			}
			depth--
		case '\n':
			return -1
		}
	}
	return -1
}

// rewriteBadSubst replaces, under n, the expansions the parser read
// that the shell does not: bash 5.3's ${ cmd; } and ${| cmd; }, and in
// dash bash's extensions. It runs before the rewritings, which add
// expansions of their own.
func (s *shell) rewriteBadSubst(n syntax.Node) {
	replace := func(parts []syntax.WordPart) {
		for i, part := range parts {
			var from, to syntax.Pos
			switch p := part.(type) {
			case *syntax.CmdSubst:
				if !p.TempFile && !p.ReplyVar {
					continue
				}
				from, to = p.Pos(), p.End()
			case *syntax.ParamExp:
				if s.dialect != Dash || !bashParamExp(p) {
					continue
				}
				from, to = p.Pos(), p.End()
			default:
				continue
			}
			text := sourceText(s.src, from.Offset(), to.Offset())
			id := len(s.lateSites) + 1
			s.badSubstText(lateSite{line: from.Line(), unit: s.unit, subst: text})
			parts[i] = &syntax.CmdSubst{Left: from, Right: from, Stmts: []*syntax.Stmt{
				callStmt(from, litWord(from, badSubstCmd), litWord(from, strconv.Itoa(id)))}}
		}
	}
	syntax.Walk(n, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Word:
			replace(n.Parts)
		case *syntax.DblQuoted:
			replace(n.Parts)
		}
		return true
	})
}

// bashParamExp reports whether pe uses what bash has and dash lacks.
func bashParamExp(pe *syntax.ParamExp) bool {
	if pe.Short {
		return false
	}
	if pe.Excl || pe.Index != nil || pe.Slice != nil || pe.Repl != nil || pe.Names != 0 {
		return true
	}
	if pe.Exp == nil {
		return false
	}
	switch pe.Exp.Op {
	case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll, syntax.OtherParamOps:
		return true
	}
	return false
}

// badSubstApplet is badSubstCmd: SITE. It reports the substitution as
// the shell does and fails.
func badSubstApplet(c *cmd) int {
	if len(c.Args) != 1 {
		return 1
	}
	id, err := strconv.Atoi(c.Args[0])
	site, ok := c.sh.lateSite(id)
	if err != nil || !ok {
		return 1
	}
	c.sh.lateFailed(site)
	c.Out.Flush()
	prefix := c.sh.unitLinePrefix(site.line, site.unit)
	if c.sh.dialect == Dash {
		fmt.Fprintln(c.Errw, prefix+"Bad substitution")
		return 2
	}
	fmt.Fprintln(c.Errw, prefix+site.subst+": bad substitution")
	return 1
}
