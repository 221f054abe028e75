// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"regexp"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Arithmetic errors. bash reports "sh: line 1: 1/0: division by 0 (error
// token is "0")", with "((: " or "let: " before the expression of those
// commands, and a command whose expansion failed does not run and gives
// status 1. dash says `sh: 1: arithmetic expression: division by zero:
// "1/0"` and ends the (sub)shell with status 2. The interpreter says just
// "division by zero" and runs the command without the failed word. So
// every arithmetic expression is rewritten to read a marker first, which
// the shell's environment answers by recording where the expression is,
//
//	$((1/0))  ->  $((LINUXVFS_A7, 1/0))
//
// the shell's standard error rewords the interpreter's report with that
// (arithMessage), and a command with an arithmetic expansion among its
// words gets a last assignment that makes it fail after such a report
// (readonly.go's check): the (sub)shell ends, or at bash's top level the
// rest of the line is abandoned (lineabort.go).

const arithPrefix = "LINUXVFS_A"

// arithSite is one arithmetic expression of the program.
type arithSite struct {
	line uint
	unit string // of the text it is in (unitState)
	// text is the expression as written; kind is "" for an expansion,
	// "((" or "let" for those commands.
	text, kind string
	// checked says the command around it fails after a report.
	checked bool
	// bashText and dashText, when set, are the report's words after the
	// line prefix: those of a number the parser let pass (badNumbers).
	bashText, dashText string
}

// rewriteArith marks the arithmetic expressions under n; src is the
// program's text, from which the reports quote them.
func (s *shell) rewriteArith(n syntax.Node, src string) {
	s.markSubshells(n)
	syntax.Walk(n, func(n syntax.Node) bool {
		switch c := n.(type) {
		case *syntax.Stmt:
			s.redirArith(c)
		case *syntax.CallExpr:
			if hasArithExp(c.Assigns, c.Args) {
				s.checkArith(c)
			}
		case *syntax.DeclClause:
			if hasArithExp(c.Args, nil) {
				s.checkDeclArith(c)
			}
		case *syntax.ArithmExp:
			if s.arithBad[c] {
				return true
			}
			line := c.Pos().Line()
			if l, ok := s.arithLines[c]; ok {
				line = l
			}
			site := arithSite{line: line, text: sourceText(src, c.Left.Offset()+3, c.Right.Offset()),
				checked: s.arithChecked[c]}
			if s.dialect == Dash && s.dashArith(c, site) {
				return true
			}
			s.badNumbers(c.X, site, c.Left.Offset()+3)
			c.X = s.arithMarker(c.X, site)
		case *syntax.ArithmCmd:
			site := arithSite{line: c.Pos().Line(), text: sourceText(src, c.Left.Offset()+2, c.Right.Offset()), kind: "(("}
			s.badNumbers(c.X, site, c.Left.Offset()+2)
			c.X = s.arithMarker(c.X, site)
		case *syntax.LetClause:
			for i, x := range c.Exprs {
				text := sourceText(src, x.Pos().Offset(), x.End().Offset())
				if w, ok := x.(*syntax.Word); ok {
					if lit, ok := unquotedText(w); ok {
						text = lit
						x = parsedLetWord(w, lit)
					}
				}
				c.Exprs[i] = s.arithMarker(x, arithSite{line: c.Pos().Line(), text: text, kind: "let"})
			}
		}
		return true
	})
}

// redirArith deals with the arithmetic expansions in the redirections
// of st (a here-document's body): the shells report a failure there on
// the command's line, and in bash a simple command fails with it as
// with one among its words. (dash expands a here-document in a child,
// whose failure fails the command with status 2 and does not end the
// shell: that is not modelled, the command runs.)
func (s *shell) redirArith(st *syntax.Stmt) {
	var words []*syntax.Word
	for _, rd := range st.Redirs {
		words = append(words, rd.Word, rd.Hdoc)
	}
	if !hasArithExp(nil, words) {
		return
	}
	line := st.Pos().Line()
	for _, w := range words {
		if w == nil {
			continue
		}
		syntax.Walk(w, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.ArithmExp:
				if s.arithLines == nil {
					s.arithLines = map[*syntax.ArithmExp]uint{}
				}
				s.arithLines[n] = line
			case *syntax.CmdSubst:
				if id := lateSiteOf(n); id > 0 {
					s.lateSites[id-1].line = line
				}
				return false
			case *syntax.ProcSubst:
				return false
			}
			return true
		})
	}
	if c, ok := st.Cmd.(*syntax.CallExpr); ok && s.dialect != Dash {
		if !hasArithExp(c.Assigns, c.Args) {
			s.checkArith(c)
		}
		s.markChecked(nil, words)
	}
}

// hasArithExp reports whether an arithmetic expansion is among a
// command's own words (not in a command substitution's commands): its
// assignments' values and its arguments.
func hasArithExp(assigns []*syntax.Assign, args []*syntax.Word) bool {
	found := false
	check := func(w *syntax.Word) {
		if w == nil {
			return
		}
		syntax.Walk(w, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.ArithmExp:
				found = true
			case *syntax.CmdSubst:
				found = found || lateSiteOf(n) > 0
				return false
			case *syntax.ProcSubst:
				return false
			}
			return !found
		})
	}
	for _, as := range assigns {
		check(as.Value)
	}
	for _, w := range args {
		check(w)
	}
	return found
}

// checkArith gives c its last assignment, and notes that its arithmetic
// expansions are checked.
func (s *shell) checkArith(c *syntax.CallExpr) {
	s.markChecked(c.Assigns, c.Args)
	pos := c.Pos()
	c.Assigns = append(c.Assigns, &syntax.Assign{Name: roLit(pos, roOKVar), Value: s.checkWord(c, pos, abortExpansion)})
}

// checkDeclArith gives export, local, readonly ... a last operand that
// checks its arithmetic expansions.
func (s *shell) checkDeclArith(c *syntax.DeclClause) {
	s.markChecked(c.Args, nil)
	c.Args = append(c.Args, &syntax.Assign{Value: s.checkWord(c, c.Pos(), abortExpansion)})
}

// markChecked notes that the arithmetic expansions among a command's
// words are checked.
func (s *shell) markChecked(assigns []*syntax.Assign, args []*syntax.Word) {
	mark := func(w *syntax.Word) {
		if w == nil {
			return
		}
		syntax.Walk(w, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.ArithmExp:
				if s.arithChecked == nil {
					s.arithChecked = map[*syntax.ArithmExp]bool{}
				}
				s.arithChecked[n] = true
			case *syntax.CmdSubst:
				if id := lateSiteOf(n); id > 0 {
					s.lateSites[id-1].checked = true
				}
				return false
			case *syntax.ProcSubst:
				return false
			}
			return true
		})
	}
	for _, as := range assigns {
		mark(as.Value)
	}
	for _, w := range args {
		mark(w)
	}
}

// arithMarker is "MARKER, x" for a new site.
func (s *shell) arithMarker(x syntax.ArithmExpr, site arithSite) syntax.ArithmExpr {
	if x == nil {
		return nil
	}
	site.unit = s.unit
	s.arithSites = append(s.arithSites, site)
	pos := x.Pos()
	marker := &syntax.Word{Parts: []syntax.WordPart{roLit(pos, arithPrefix+strconv.Itoa(len(s.arithSites)))}}
	return &syntax.BinaryArithm{OpPos: pos, Op: syntax.Comma, X: marker, Y: x}
}

// parsedLetWord is let's quoted word (let 'y=1+2') as the expression
// it holds, which the interpreter would take for a number; the word
// itself if it holds none.
func parsedLetWord(w *syntax.Word, text string) syntax.ArithmExpr {
	if len(w.Parts) == 1 {
		if _, ok := w.Parts[0].(*syntax.Lit); ok {
			return w // the parser has read it already
		}
	}
	x, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Arithmetic(strings.NewReader(text))
	if err != nil || x == nil {
		return w
	}
	return x
}

// badOctal is a constant with a leading 0 and a digit octal lacks.
var badOctal = regexp.MustCompile(`^0[0-7]*[89][0-9]*$`)

// badNumbers makes each such constant in x, an expression whose text in
// the program starts at from, fail as the shells fail for it: bash says
// "value too great for base", dash that it expected the end. The
// constant becomes $((MARKER, 1/0)) whose site words the report.
func (s *shell) badNumbers(x syntax.ArithmExpr, site arithSite, from uint) {
	if x == nil {
		return
	}
	syntax.Walk(x, func(n syntax.Node) bool {
		w, ok := n.(*syntax.Word)
		if !ok || !badOctal.MatchString(w.Lit()) {
			return true
		}
		pos := w.Pos()
		end := int(w.End().Offset()) - int(from)
		upTo := site.text
		if end >= 0 && end <= len(upTo) {
			upTo = upTo[:end]
		}
		bad := site
		bad.bashText = strings.TrimLeft(upTo, " \t\n") + ": value too great for base (error token is \"" + w.Lit() + "\")"
		bad.dashText = "arithmetic expression: expecting EOF: \"" + site.text + "\""
		exp := &syntax.ArithmExp{Left: pos, Right: pos, X: s.arithMarker(divByZero(pos), bad)}
		if s.arithBad == nil {
			s.arithBad = map[*syntax.ArithmExp]bool{}
		}
		s.arithBad[exp] = true
		w.Parts = []syntax.WordPart{exp}
		return false
	})
}

// divByZero is 1/0: an expression that fails when it is evaluated, for
// a fault whose report a site words.
func divByZero(pos syntax.Pos) syntax.ArithmExpr {
	one := &syntax.Word{Parts: []syntax.WordPart{roLit(pos, "1")}}
	zero := &syntax.Word{Parts: []syntax.WordPart{roLit(pos, "0")}}
	return &syntax.BinaryArithm{OpPos: pos, Op: syntax.Quo, X: one, Y: zero}
}

// dashArith makes an expansion the parser read but dash cannot fail as
// dash does when it evaluates it (**, the comma, postfix ++ and --), and
// reads a prefix ++ or -- as dash does, two signs; it reports whether it
// replaced the expression. Texts with expansions in them are left alone:
// dash reads what they expand to.
func (s *shell) dashArith(c *syntax.ArithmExp, site arithSite) bool {
	if strings.ContainsAny(site.text, "$`") || c.Right.Offset() < c.Left.Offset()+3 {
		return false // expansions inside, or one the rewritings made
	}
	if f := arithFaultOf(site.text, true); f != nil {
		site.dashText = arithFaultText(site.text, f, true)
		c.X = s.arithMarker(divByZero(c.X.Pos()), site)
		return true
	}
	syntax.Walk(c.X, func(n syntax.Node) bool {
		if u, ok := n.(*syntax.UnaryArithm); ok && !u.Post && (u.Op == syntax.Inc || u.Op == syntax.Dec) {
			sign := syntax.Plus
			if u.Op == syntax.Dec {
				sign = syntax.Minus
			}
			u.Op, u.X = sign, &syntax.UnaryArithm{OpPos: u.OpPos, Op: sign, X: u.X}
		}
		return true
	})
	return false
}

// sourceText is src[from:to], "" when out of range.
func sourceText(src string, from, to uint) string {
	if from > to || int(to) > len(src) {
		return ""
	}
	return src[from:to]
}

// unquotedText is a word of literal text and quotes without them.
func unquotedText(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			if len(p.Parts) > 1 {
				return "", false
			}
			if len(p.Parts) == 1 {
				lit, ok := p.Parts[0].(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(lit.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// arithLookup answers the environment for an arithmetic marker; ok is
// false for any other name.
func (s *shell) arithLookup(name string) (vr expand.Variable, ok bool) {
	rest, found := strings.CutPrefix(name, arithPrefix)
	if !found || rest == "" || rest[0] < '1' || rest[0] > '9' {
		return expand.Variable{}, false
	}
	id, err := strconv.Atoi(rest)
	site, ok := s.arithSite(id)
	if err != nil || !ok {
		return expand.Variable{}, false
	}
	s.arithCur.Store(int64(id))
	// An assignment in the expression may find its variable readonly.
	s.ro.mu.Lock()
	s.ro.gen++
	s.ro.line, s.ro.ctx, s.ro.unit = int(site.line), "", site.unit
	s.ro.mu.Unlock()
	return expand.Variable{}, true
}

// arithErrors are the interpreter's reports, with bash's words.
var arithErrors = map[string]string{
	"division by zero\n":     "division by 0",
	"exponent less than 0\n": "exponent less than 0",
}

// arithMessage rewords the interpreter's report of a failed arithmetic
// expression; ok is false for any other text.
func (s *shell) arithMessage(p []byte) (msg []byte, ok bool) {
	bashText, found := arithErrors[string(p)]
	if !found {
		return nil, false
	}
	site, ok := s.arithSite(int(s.arithCur.Swap(0)))
	if !ok {
		return nil, false
	}
	if site.checked {
		s.ro.mu.Lock()
		s.ro.failed = true
		s.ro.mu.Unlock()
	}
	prefix := s.unitLinePrefix(site.line, site.unit)
	switch {
	case s.dialect == Dash && site.dashText != "":
		return []byte(prefix + site.dashText + "\n"), true
	case site.bashText != "":
		if site.kind != "" {
			prefix += site.kind + ": "
		}
		return []byte(prefix + site.bashText + "\n"), true
	}
	if s.dialect == Dash {
		return []byte(prefix + "arithmetic expression: " + strings.TrimSuffix(string(p), "\n") +
			": \"" + site.text + "\"\n"), true
	}
	text := strings.TrimLeft(site.text, " \t\n")
	if site.kind != "" {
		prefix += site.kind + ": "
	}
	return []byte(prefix + text + ": " + bashText + " (error token is \"" + errorToken(text, bashText) + "\")\n"), true
}

// errorToken is where bash stopped in expr: the divisor after the last
// division, the exponent after the last "**".
func errorToken(expr, what string) string {
	if what == "exponent less than 0" {
		if i := strings.LastIndex(expr, "**"); i >= 0 {
			return strings.TrimLeft(expr[i+2:], " -")
		}
		return expr
	}
	i := strings.LastIndexAny(expr, "/%")
	if i < 0 {
		return expr
	}
	rest := expr[i+1:]
	if strings.HasPrefix(rest, "=") {
		rest = rest[1:]
	}
	return strings.TrimLeft(rest, " ")
}
