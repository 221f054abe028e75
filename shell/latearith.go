// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// An arithmetic expansion the parser cannot read ($((1+))) makes the
// whole program a syntax error to it, while both shells find the fault
// only when they expand it: the lines before it run, and it fails as a
// division by zero does (bash abandons the line, dash ends), with each
// shell's words for the fault (arithsyntax.go). So before the program
// is parsed, such an expansion's text becomes a command substitution
// that evaluates it then, after the expansions inside it:
//
//	$((1+))  ->  $(LATE 3 "1+")
//
// LATE (lateArithApplet) reports the fault on the line of site 3 and
// makes the check of the command around it fail (readonly.go), as an
// arithmetic expansion's does (arith.go). bash's arithmetic command
// becomes a command that evaluates it, and fails with the report ("((:
// ..."); dash reads "((" as two subshells, and so does the parser when
// they are written apart:
//
//	(( 1+ ))  ->  LATECMD 4 " 1+ "     (bash)
//	          ->  ( ( 1+ ) )           (dash)

const (
	lateArithCmd    = internal + "arith"
	lateArithCmdCmd = internal + "arithcmd"
)

// lateSite is one expansion put off to run time: its line, and whether
// the command around it is checked; subst is the text of a bad
// substitution (badsubst.go), fatal says it ends bash.
type lateSite struct {
	line    uint
	unit    string // of the text it is in (unitState)
	checked bool
	subst   string
	fatal   bool
}

// lateFailed notes that the expansion at site failed, for the check of
// the command around it.
func (s *shell) lateFailed(site lateSite) {
	if site.checked {
		s.ro.mu.Lock()
		s.ro.failed = true
		s.ro.mu.Unlock()
	}
	if site.fatal {
		s.abortFatal.Store(true)
	}
}

// arithParseFault recognizes the parser's words for an arithmetic
// expression it cannot read.
var arithParseFault = lazyRegexp("must be followed by an expression$|^not a valid arithmetic operator|" +
	"^ternary operator missing|must follow a name$|must follow an expression$|must be followed by a literal$")

// parseProgram parses src as closeHeredocs does, first putting off the
// arithmetic expansions the parser cannot read; it returns the program,
// its text as parsed and the here-documents' warnings.
func (s *shell) parseProgram(src string) (*syntax.File, string, []hdocWarning, error) {
	for {
		file, fixed, warnings, err := closeHeredocs(src, s.name)
		if err == nil {
			return file, fixed, warnings, nil
		}
		patched, ok := s.putOffArith(src, err)
		if !ok {
			patched, ok = s.putOffSubst(src, err)
		}
		if !ok {
			return file, fixed, warnings, err
		}
		src = patched
	}
}

// putOffArith replaces the arithmetic expansion in which the parser
// failed with err by lateArithCmd's substitution; ok is false when err
// is no such failure, or the expression holds quotes or backslashes,
// which the double quotes around it would change.
func (s *shell) putOffArith(src string, err error) (string, bool) {
	var pe syntax.ParseError
	if !errors.As(err, &pe) || !arithParseFault().MatchString(pe.Text) || len(s.lateSites) > 1000 {
		return src, false
	}
	off := int(pe.Pos.Offset())
	start, end, ok := arithSpan(src, off)
	open, command := 3, false
	if !ok {
		start, end, ok = arithCmdSpan(src, off)
		open, command = 2, true
	}
	if !ok {
		return src, false
	}
	expr := src[start+open : end-2]
	if command && s.dialect == Dash {
		return src[:start] + "( (" + expr + ") )" + src[end:], true
	}
	if strings.ContainsAny(expr, "\"'`\\") {
		return src, false
	}
	s.lateSites = append(s.lateSites, lateSite{line: uint(strings.Count(src[:start], "\n")) + 1, unit: s.unit})
	call := lateArithCmd + " " + strconv.Itoa(len(s.lateSites)) + " \"" + expr + "\""
	if command {
		return src[:start] + lateArithCmdCmd + call[len(lateArithCmd):] + src[end:], true
	}
	return src[:start] + "$(" + call + ")" + src[end:], true
}

// arithSpan finds the arithmetic expansion "$((...))" of src around
// offset off: its start and the end of its "))".
func arithSpan(src string, off int) (start, end int, ok bool) {
	for i := min(off, len(src)-1); i >= 0; i-- {
		if !strings.HasPrefix(src[i:], "$((") {
			continue
		}
		if e, found := arithClose(src, i+3); found && e+1 >= off {
			return i, e + 2, true
		}
	}
	return 0, 0, false
}

// arithCmdSpan finds the arithmetic command "((...))" of src around
// offset off: one where a command begins.
func arithCmdSpan(src string, off int) (start, end int, ok bool) {
	for i := min(off, len(src)-1); i >= 0; i-- {
		if !strings.HasPrefix(src[i:], "((") || !commandStart(src[:i]) {
			continue
		}
		if e, found := arithClose(src, i+2); found && e+1 >= off {
			return i, e + 2, true
		}
	}
	return 0, 0, false
}

// commandStart reports whether a command begins after before: at the
// program's start, after a separator or a reserved word that a command
// follows.
func commandStart(before string) bool {
	before = strings.TrimRight(before, " \t")
	if before == "" || strings.ContainsAny(before[len(before)-1:], "\n;&|{") {
		return true
	}
	word := before[strings.LastIndexAny(before, " \t\n;&|")+1:]
	switch word {
	case "then", "do", "else", "if", "elif", "while", "until", "!":
		return true
	}
	return false
}

// arithClose finds the "))" closing an expression that starts at from,
// past the parentheses inside it.
func arithClose(src string, from int) (int, bool) {
	depth := 0
	for j := from; j < len(src); j++ {
		switch src[j] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
				continue
			}
			return j, j+1 < len(src) && src[j+1] == ')'
		}
	}
	return 0, false
}

// lateSiteOf is the site number of a substitution standing for an
// expansion put off (by putOffArith, putOffSubst, rewriteBadSubst), 0
// for any other.
func lateSiteOf(cs *syntax.CmdSubst) int {
	if len(cs.Stmts) != 1 {
		return 0
	}
	call, ok := cs.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) < 2 || call.Args[0].Lit() != lateArithCmd && call.Args[0].Lit() != badSubstCmd {
		return 0
	}
	id, err := strconv.Atoi(call.Args[1].Lit())
	if err != nil {
		return 0
	}
	return id
}

// lateArithApplet is lateArithCmd and lateArithCmdCmd: SITE EXPR. The
// first prints EXPR's value, the second gives status 0 if that is not
// 0; both report a fault of EXPR as the shell does and fail.
func lateArithApplet(c *cmd) int {
	if len(c.Args) != 2 {
		return 1
	}
	id, err := strconv.Atoi(c.Args[0])
	site, ok := c.sh.lateSite(id)
	if err != nil || !ok {
		return 1
	}
	expr, dash := c.Args[1], c.sh.dialect == Dash
	command := c.Name == lateArithCmdCmd[len(internal):]
	fault := arithFaultOf(expr, dash)
	if fault == nil {
		// What the expansions inside made of it is an expression.
		n, err := evalArith(c, expr)
		switch {
		case err == nil && command && n == 0:
			return 1
		case err == nil && command:
			return 0
		case err == nil:
			fmt.Fprint(c.Out, n)
			return 0
		}
		fault = &arithFault{msg: "syntax error in expression", at: 0}
		if dash {
			fault.msg = "expecting EOF"
		}
	}
	c.sh.lateFailed(site)
	c.Out.Flush()
	prefix := c.sh.unitLinePrefix(site.line, site.unit)
	if command {
		prefix += "((: "
	}
	fmt.Fprintln(c.Errw, prefix+arithFaultText(expr, fault, dash))
	if dash {
		return 2
	}
	return 1
}

// evalArith evaluates an expression the shell reads, with the caller's
// variables (assignments in it fail).
func evalArith(c *cmd, expr string) (int, error) {
	if strings.TrimSpace(expr) == "" {
		return 0, nil
	}
	x, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Arithmetic(strings.NewReader(expr))
	if err != nil || x == nil {
		return 0, errors.New("unreadable")
	}
	return expand.Arithm(&expand.Config{Env: c.hc.Env}, x)
}
