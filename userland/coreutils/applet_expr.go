// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// expr(1): the operands are one expression, evaluated by recursive
// descent over the precedence levels of coreutils' expr.c (| then &, the
// comparisons, + -, * / %, the match operator, the keywords, then
// parentheses and atoms). Integers have arbitrary precision, as expr
// built with GMP has them. Statuses: 0 for a result that is neither
// empty nor zero, 1 for one that is, 2 for a bad expression, 3 for an
// error of the regular-expression matcher.

const exprHelp = `EXPRESSION
  or:  expr OPTION

      --help     show this help
      --version  show the version

Evaluate EXPRESSION and print its value. Operators, loosest first:
  A | B          A unless A is empty or 0, else B
  A & B          A unless A or B is empty or 0, else 0
  A < B, A <= B, A = B, A != B, A >= B, A > B
                 1 or 0; numeric when both look like integers
  A + B, A - B   integer sum and difference
  A * B, A / B, A % B
                 integer product, quotient and remainder
  S : RE         anchored match of the basic regular expression RE in S:
                 the text of \(...\) if RE has it, else the length matched
  match S RE, substr S POS LEN, index S CHARS, length S
  + TOKEN        TOKEN as a plain string even if it is a keyword
  ( EXPRESSION )
Exit status: 0 if the value is neither empty nor 0, 1 if it is, 2 for an
invalid expression, 3 for another error.
`

// exprInvalid is the status of a bad expression.
const exprInvalid = 2

// exprValue is an integer or a string, as expr keeps its values.
type exprValue struct {
	num   *big.Int // nil for a string
	str   string
	isNum bool
}

func exprInt(n *big.Int) exprValue { return exprValue{num: n, isNum: true} }
func exprInt64(n int64) exprValue  { return exprInt(big.NewInt(n)) }
func exprStr(s string) exprValue   { return exprValue{str: s} }
func (v exprValue) String() string {
	if v.isNum {
		return v.num.String()
	}
	return v.str
}

// null is expr's notion of false: 0, or a string that is empty or
// spells zero ("00", "-0").
func (v exprValue) null() bool {
	if v.isNum {
		return v.num.Sign() == 0
	}
	s := strings.TrimPrefix(v.str, "-")
	if v.str == "" {
		return true
	}
	return s != "" && strings.Trim(s, "0") == ""
}

// exprLooksInteger is an optional '-' and at least one digit, nothing
// else: what expr converts to a number.
func exprLooksInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// arith is the value as an integer, if it is one or looks like one.
func (v exprValue) arith() (*big.Int, bool) {
	if v.isNum {
		return v.num, true
	}
	if !exprLooksInteger(v.str) {
		return nil, false
	}
	n, ok := new(big.Int).SetString(v.str, 10)
	return n, ok
}

// exprAbort carries a fatal diagnostic out of the evaluation.
type exprAbort struct {
	msg    string
	status int
}

func (e *exprAbort) Error() string { return e.msg }

// exprEval walks the operands.
type exprEval struct {
	c    *cmd
	args []string
	i    int
}

func (e *exprEval) fail(status int, format string, a ...any) {
	panic(&exprAbort{msg: fmt.Sprintf(format, a...), status: status})
}

func (e *exprEval) more() bool         { return e.i < len(e.args) }
func (e *exprEval) at(tok string) bool { return e.more() && e.args[e.i] == tok }

// quote is locale_quoting_style: 'x' in the C locale, curly quotes in
// a UTF-8 one.
func (e *exprEval) quote(s string) string {
	if e.c.UTF8() {
		return "\u2018" + applet.BackslashEscape(s, "") + "\u2019"
	}
	return applet.QuoteArg(s)
}

func (e *exprEval) missingAfterPrevious() {
	e.fail(exprInvalid, "syntax error: missing argument after %s", e.quote(e.args[e.i-1]))
}

// top is the whole expression; anything left over is an error.
func (e *exprEval) top() exprValue {
	v := e.or(true)
	if e.more() {
		e.fail(exprInvalid, "syntax error: unexpected argument %s", e.quote(e.args[e.i]))
	}
	return v
}

// or is A | B: B is evaluated only when A is null; a null result is 0.
func (e *exprEval) or(eval bool) exprValue {
	l := e.and(eval)
	for e.at("|") {
		e.i++
		r := e.and(eval && l.null())
		if l.null() {
			l = r
			if l.null() {
				l = exprInt64(0)
			}
		}
	}
	return l
}

// and is A & B: B is evaluated only when A is not null.
func (e *exprEval) and(eval bool) exprValue {
	l := e.compare(eval)
	for e.at("&") {
		e.i++
		r := e.compare(eval && !l.null())
		if l.null() || r.null() {
			l = exprInt64(0)
		}
	}
	return l
}

// exprComparisons maps each comparison to the orderings it accepts.
var exprComparisons = map[string]func(int) bool{
	"<": func(c int) bool { return c < 0 }, "<=": func(c int) bool { return c <= 0 },
	"=": func(c int) bool { return c == 0 }, "==": func(c int) bool { return c == 0 },
	"!=": func(c int) bool { return c != 0 }, ">=": func(c int) bool { return c >= 0 },
	">": func(c int) bool { return c > 0 },
}

func (e *exprEval) compare(eval bool) exprValue {
	l := e.sum(eval)
	for e.more() {
		test, ok := exprComparisons[e.args[e.i]]
		if !ok {
			return l
		}
		e.i++
		r := e.sum(eval)
		res := false
		if eval {
			ls, rs := l.String(), r.String()
			var cmp int
			if exprLooksInteger(ls) && exprLooksInteger(rs) {
				a, _ := new(big.Int).SetString(ls, 10)
				b, _ := new(big.Int).SetString(rs, 10)
				cmp = a.Cmp(b)
			} else {
				cmp = strings.Compare(ls, rs)
			}
			res = test(cmp)
		}
		l = exprInt64(0)
		if res {
			l = exprInt64(1)
		}
	}
	return l
}

// arithmetic applies op to two operands that must be integers.
func (e *exprEval) arithmetic(l, r exprValue, op string) exprValue {
	a, okA := l.arith()
	b, okB := r.arith()
	if !okA || !okB {
		e.fail(exprInvalid, "non-integer argument")
	}
	if (op == "/" || op == "%") && b.Sign() == 0 {
		e.fail(exprInvalid, "division by zero")
	}
	n := new(big.Int)
	switch op {
	case "+":
		n.Add(a, b)
	case "-":
		n.Sub(a, b)
	case "*":
		n.Mul(a, b)
	case "/":
		n.Quo(a, b) // truncated, as mpz_tdiv_q
	case "%":
		n.Rem(a, b)
	}
	return exprInt(n)
}

func (e *exprEval) sum(eval bool) exprValue {
	l := e.product(eval)
	for e.at("+") || e.at("-") {
		op := e.args[e.i]
		e.i++
		r := e.product(eval)
		if eval {
			l = e.arithmetic(l, r, op)
		}
	}
	return l
}

func (e *exprEval) product(eval bool) exprValue {
	l := e.colon(eval)
	for e.at("*") || e.at("/") || e.at("%") {
		op := e.args[e.i]
		e.i++
		r := e.colon(eval)
		if eval {
			l = e.arithmetic(l, r, op)
		}
	}
	return l
}

func (e *exprEval) colon(eval bool) exprValue {
	l := e.keyword(eval)
	for e.at(":") {
		e.i++
		r := e.keyword(eval)
		if eval {
			l = e.match(l.String(), r.String())
		}
	}
	return l
}

// keyword is the prefix forms: + TOKEN, length, match, index, substr.
func (e *exprEval) keyword(eval bool) exprValue {
	switch {
	case e.at("+"):
		e.i++
		if !e.more() {
			e.missingAfterPrevious()
		}
		e.i++
		return exprStr(e.args[e.i-1])
	case e.at("length"):
		e.i++
		return exprInt64(int64(e.charCount(e.keyword(eval).String())))
	case e.at("match"):
		e.i++
		l := e.keyword(eval)
		r := e.keyword(eval)
		if eval {
			return e.match(l.String(), r.String())
		}
		return l
	case e.at("index"):
		e.i++
		l := e.keyword(eval)
		r := e.keyword(eval)
		return exprInt64(int64(e.index(l.String(), r.String())))
	case e.at("substr"):
		e.i++
		s := e.keyword(eval)
		pos := e.keyword(eval)
		n := e.keyword(eval)
		return exprStr(e.substr(s.String(), pos, n))
	}
	return e.atom(eval)
}

func (e *exprEval) atom(eval bool) exprValue {
	if !e.more() {
		e.missingAfterPrevious()
	}
	if e.at("(") {
		e.i++
		v := e.or(eval)
		if !e.more() {
			e.fail(exprInvalid, "syntax error: expecting ')' after %s", e.quote(e.args[e.i-1]))
		}
		if !e.at(")") {
			e.fail(exprInvalid, "syntax error: expecting ')' instead of %s", e.quote(e.args[e.i]))
		}
		e.i++
		return v
	}
	if e.at(")") {
		e.fail(exprInvalid, "syntax error: unexpected ')'")
	}
	e.i++
	return exprStr(e.args[e.i-1])
}

// chars splits s into characters: bytes in the C locale, runes in a
// UTF-8 one.
func (e *exprEval) chars(s string) []string {
	var out []string
	for len(s) > 0 {
		n := 1
		if e.c.UTF8() {
			_, n = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func (e *exprEval) charCount(s string) int { return len(e.chars(s)) }

// index is the position (from 1) of the first character of s that is
// one of set's, or 0.
func (e *exprEval) index(s, set string) int {
	members := map[string]bool{}
	for _, ch := range e.chars(set) {
		members[ch] = true
	}
	for i, ch := range e.chars(s) {
		if members[ch] {
			return i + 1
		}
	}
	return 0
}

// exprSize is expr's getsize: a negative count is "huge", as is one
// beyond what fits.
func exprSize(n *big.Int) uint64 {
	const huge = ^uint64(0)
	switch {
	case n.Sign() < 0:
		return huge
	case n.IsUint64() && n.Uint64() < huge:
		return n.Uint64()
	}
	return huge - 1
}

// substr is the LEN characters of s from POS (counted from 1); nothing
// when either is not a number or is out of range.
func (e *exprEval) substr(s string, posV, lenV exprValue) string {
	p, okP := posV.arith()
	n, okN := lenV.arith()
	if !okP || !okN {
		return ""
	}
	chars := e.chars(s)
	pos, length := exprSize(p), exprSize(n)
	if uint64(len(chars)) < pos || pos == 0 || length == 0 || length == ^uint64(0) {
		return ""
	}
	end := uint64(len(chars))
	if length < end-pos+1 {
		end = pos - 1 + length
	}
	return strings.Join(chars[pos-1:end], "")
}

// match is STRING : REGEXP, anchored at the start of the string.
func (e *exprEval) match(s, pat string) exprValue {
	body, nsub, err := posixre.Translate(pat, posixre.Syntax{Dialect: posixre.Grep, Raw: e.c.UTF8()})
	if err != nil {
		e.fail(exprInvalid, "%s", err)
	}
	re, err := regexp.Compile(`(?s)\A(?:` + body + `)`)
	if err != nil {
		e.fail(exprInvalid, "%s", posixre.ErrTooBig)
	}
	re.Longest()
	subject := s
	if !e.c.UTF8() {
		subject = posixre.Latin1(s)
	}
	loc := re.FindStringSubmatchIndex(subject)
	switch {
	case loc == nil && nsub > 0:
		return exprStr("")
	case loc == nil:
		return exprInt64(0)
	case nsub > 0 && loc[2] < 0:
		return exprStr("")
	case nsub > 0:
		return exprStr(e.fromSubject(subject[loc[2]:loc[3]]))
	}
	return exprInt64(int64(utf8.RuneCountInString(subject[:loc[1]])))
}

// fromSubject undoes the Latin-1 mapping of a C-locale subject.
func (e *exprEval) fromSubject(s string) string {
	if e.c.UTF8() {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

// exprApplet is expr(1) of coreutils 9.1. Only a lone --help or
// --version (or an abbreviation) is an option; a leading "--" is
// dropped; everything else is the expression.
func exprApplet(c *cmd) int {
	args := c.Args
	if len(args) == 1 && len(args[0]) > 2 && strings.HasPrefix(args[0], "--") {
		switch {
		case strings.HasPrefix("--help", args[0]):
			fmt.Fprintf(c.Out, "Usage: expr %s", exprHelp)
			return 0
		case strings.HasPrefix("--version", args[0]):
			fmt.Fprintf(c.Out, "expr (linuxvfs) %s\n", applet.Version)
			return 0
		}
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		c.Errorf("missing operand")
		c.TryHelp()
		return exprInvalid
	}
	v, status := exprRun(c, args)
	if status >= 0 {
		return status
	}
	fmt.Fprintln(c.Out, v.String())
	if v.null() {
		return 1
	}
	return 0
}

// exprRun evaluates args; a status of 0 or more means it failed and was
// reported.
func exprRun(c *cmd, args []string) (v exprValue, status int) {
	defer func() {
		if r := recover(); r != nil {
			var abort *exprAbort
			err, _ := r.(error)
			if !errors.As(err, &abort) {
				panic(r)
			}
			c.Errorf("%s", abort.msg)
			status = abort.status
		}
	}()
	e := &exprEval{c: c, args: args}
	return e.top(), -1
}
