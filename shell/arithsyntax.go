// SPDX-License-Identifier: Apache-2.0

package shell

import "strings"

// Syntax errors in arithmetic expressions, as each shell reports them
// when it evaluates one (lateArith). Both read an expression by
// recursive descent over C's operators; they differ in what they know
// (bash has ",", "**", "++", "--" and arrays, dash none of them) and in
// what they say: bash names the fault and the text from the token it
// stopped at ("1+: syntax error: operand expected (error token is
// "+")"), dash only what it expected ("expecting primary").

// arithFault is a syntax error: what the shell says, and (bash) the
// offset of the token it stopped at.
type arithFault struct {
	msg string
	at  int
}

// arithToken is one token: a number, a name, an operator or the end.
type arithToken struct {
	kind byte // 'n' number, 'v' name, 'o' operator, 0 end, '?' unknown
	op   string
	at   int
}

// arithScanner reads the tokens of an expression one at a time; prev
// is the token before the current one.
type arithScanner struct {
	text      string
	pos       int
	cur, prev arithToken
	lastStart int // where the last token that was not the end began
	dash      bool
	fault     *arithFault
	depth     int
}

// bashOperators and dashOperators are the operators each shell knows,
// longest first where one begins another.
var (
	bashOperators = []string{"<<=", ">>=", "**", "++", "--", "<=", ">=", "==", "!=", "&&", "||", "<<", ">>",
		"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "=", "!", "<", ">", "&", "|", "^", "+", "-", "*", "/",
		"%", "~", "?", ":", ",", "(", ")"}
	dashOperators = []string{"<<=", ">>=", "<=", ">=", "==", "!=", "&&", "||", "<<", ">>",
		"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "=", "!", "<", ">", "&", "|", "^", "+", "-", "*", "/",
		"%", "~", "?", ":", "(", ")"}
)

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isNameByte(c byte) bool  { return isNameStart(c) || c >= '0' && c <= '9' }

// next reads the next token into cur.
func (a *arithScanner) next() {
	a.prev = a.cur
	for a.pos < len(a.text) && strings.IndexByte(" \t\n\r", a.text[a.pos]) >= 0 {
		a.pos++
	}
	start := a.pos
	if start == len(a.text) {
		a.cur = arithToken{at: start}
		return
	}
	a.lastStart = start
	c := a.text[start]
	switch {
	case c >= '0' && c <= '9':
		a.pos = a.numberEnd(start)
		a.cur = arithToken{kind: 'n', at: start}
		return
	case isNameStart(c):
		a.pos++
		for a.pos < len(a.text) && isNameByte(a.text[a.pos]) {
			a.pos++
		}
		if !a.dash && a.pos < len(a.text) && a.text[a.pos] == '[' {
			a.subscript(start)
		}
		a.cur = arithToken{kind: 'v', at: start}
		return
	}
	ops := bashOperators
	if a.dash {
		ops = dashOperators
	}
	for _, op := range ops {
		if strings.HasPrefix(a.text[start:], op) {
			a.pos += len(op)
			a.cur = arithToken{kind: 'o', op: a.incDec(op), at: start}
			return
		}
	}
	a.pos++
	a.cur = arithToken{kind: '?', at: start}
	if !a.dash {
		// bash stops at a character it knows no operator for; to dash
		// it is a token no rule takes.
		a.fail("syntax error: invalid arithmetic operator", start)
	}
}

// numberEnd is where a number starting at i ends: bash reads letters,
// digits, '#', '@' and '_' into it (a base and its digits), dash what
// strtoimax takes (0x hex, 0 octal, decimal).
func (a *arithScanner) numberEnd(i int) int {
	t := a.text
	if !a.dash {
		for i < len(t) && (isNameByte(t[i]) || t[i] == '#' || t[i] == '@') {
			i++
		}
		return i
	}
	digits := "0123456789"
	switch {
	case strings.HasPrefix(t[i:], "0x") || strings.HasPrefix(t[i:], "0X"):
		if i+2 < len(t) && strings.IndexByte("0123456789abcdefABCDEF", t[i+2]) >= 0 {
			i, digits = i+2, "0123456789abcdefABCDEF"
		}
	case t[i] == '0':
		digits = "01234567"
	}
	for i < len(t) && strings.IndexByte(digits, t[i]) >= 0 {
		i++
	}
	return i
}

// subscript skips a name's [subscript] (bash's arrays).
func (a *arithScanner) subscript(start int) {
	depth := 0
	for i := a.pos; i < len(a.text); i++ {
		switch a.text[i] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				a.pos = i + 1
				return
			}
		}
	}
	a.fail("bad array subscript", start)
	a.pos = len(a.text)
}

// incDec tells bash's "++" and "--" apart: after a name they follow it,
// before one they precede it, and elsewhere they are two signs (the
// second read as the next token).
func (a *arithScanner) incDec(op string) string {
	if op != "++" && op != "--" {
		return op
	}
	if a.cur.kind == 'v' {
		return op + "post"
	}
	rest := strings.TrimLeft(a.text[a.pos:], " \t\n\r")
	if rest != "" && isNameStart(rest[0]) {
		return op + "pre"
	}
	a.pos--
	return op[:1]
}

// fail records the first fault.
func (a *arithScanner) fail(msg string, at int) {
	if a.fault == nil {
		a.fault = &arithFault{msg: msg, at: at}
	}
}

// failHere is a fault at the last token read (bash's error token).
func (a *arithScanner) failHere(msg string) { a.fail(msg, a.lastStart) }

func (a *arithScanner) is(ops ...string) bool {
	if a.cur.kind != 'o' {
		return false
	}
	for _, op := range ops {
		if a.cur.op == op {
			return true
		}
	}
	return false
}

// arithFaultOf is the syntax error of expr as the shell (dash or bash)
// reads it, nil if it reads it.
func arithFaultOf(expr string, dash bool) *arithFault {
	a := &arithScanner{text: expr, dash: dash}
	a.next()
	if dash {
		a.dashAssign()
		if a.fault == nil && a.cur.kind != 0 {
			a.failHere("expecting EOF")
		}
		return a.fault
	}
	if a.cur.kind == 0 {
		return nil // bash takes an empty expression for 0
	}
	a.bashComma()
	if a.fault == nil && a.cur.kind != 0 {
		a.failHere("syntax error in expression")
	}
	return a.fault
}

// bashLevels are bash's binary operators from the loosest binding.
var bashLevels = [][]string{{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"},
	{"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}}

var assignOps = []string{"=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="}

func (a *arithScanner) bashComma() {
	for a.bashAssign(); a.fault == nil && a.is(","); {
		a.next()
		a.bashAssign()
	}
}

func (a *arithScanner) bashAssign() {
	if a.deeper() {
		return
	}
	defer a.shallower()
	a.bashCond()
	if a.fault != nil || !a.is(assignOps...) {
		return
	}
	if a.prev.kind != 'v' {
		a.failHere("attempted assignment to non-variable")
		return
	}
	a.next()
	a.bashAssign()
}

func (a *arithScanner) bashCond() {
	a.bashBinary(0)
	if a.fault != nil || !a.is("?") {
		return
	}
	a.next()
	if a.cur.kind == 0 || a.is(":") {
		a.failHere("expression expected")
		return
	}
	a.bashComma()
	if a.fault != nil {
		return
	}
	if !a.is(":") {
		a.failHere("`:' expected for conditional expression")
		return
	}
	a.next()
	if a.cur.kind == 0 {
		a.failHere("expression expected")
		return
	}
	a.bashCond()
}

// bashBinary reads the operators of level and tighter ones.
func (a *arithScanner) bashBinary(level int) {
	if level == len(bashLevels) {
		a.bashPower()
		return
	}
	for a.bashBinary(level + 1); a.fault == nil && a.is(bashLevels[level]...); {
		a.next()
		a.bashBinary(level + 1)
	}
}

func (a *arithScanner) bashPower() {
	a.bashUnary()
	if a.fault == nil && a.is("**") {
		a.next()
		a.bashPower()
	}
}

func (a *arithScanner) bashUnary() {
	if a.deeper() {
		return
	}
	defer a.shallower()
	if a.is("!", "~", "-", "+") {
		a.next()
		a.bashUnary()
		return
	}
	a.bashOperand()
}

func (a *arithScanner) bashOperand() {
	switch {
	case a.is("++pre", "--pre"):
		a.next()
		a.next() // the name the lexer saw after it
	case a.is("("):
		a.next()
		a.bashComma()
		if a.fault == nil && !a.is(")") {
			a.failHere("missing `)'")
			return
		}
		a.next()
	case a.cur.kind == 'n':
		a.next()
	case a.cur.kind == 'v':
		a.next()
		if a.is("++post", "--post") {
			a.next()
		}
	default:
		a.failHere("syntax error: operand expected")
	}
}

// dashLevels are dash's binary operators from the loosest binding.
var dashLevels = [][]string{{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="},
	{"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}}

func (a *arithScanner) dashAssign() {
	if a.deeper() {
		return
	}
	defer a.shallower()
	if a.cur.kind == 'v' {
		save := *a
		a.next()
		if a.is(assignOps...) {
			a.next()
			a.dashAssign()
			return
		}
		*a = save
	}
	a.dashCond()
}

func (a *arithScanner) dashCond() {
	a.dashBinary(0)
	if a.fault != nil || !a.is("?") {
		return
	}
	a.next()
	a.dashAssign()
	if a.fault != nil {
		return
	}
	if !a.is(":") {
		a.failHere("expecting ':'")
		return
	}
	a.next()
	a.dashCond()
}

func (a *arithScanner) dashBinary(level int) {
	if level == len(dashLevels) {
		a.dashPrimary()
		return
	}
	for a.dashBinary(level + 1); a.fault == nil && a.is(dashLevels[level]...); {
		a.next()
		a.dashBinary(level + 1)
	}
}

func (a *arithScanner) dashPrimary() {
	if a.deeper() {
		return
	}
	defer a.shallower()
	switch {
	case a.is("("):
		a.next()
		a.dashAssign()
		if a.fault == nil && !a.is(")") {
			a.failHere("expecting ')'")
			return
		}
		a.next()
	case a.cur.kind == 'n', a.cur.kind == 'v':
		a.next()
	case a.is("+", "-", "!", "~"):
		a.next()
		a.dashPrimary()
	default:
		a.failHere("expecting primary")
	}
}

// maxArithDepth bounds the nesting a fault check follows, so that a
// pathological expression cannot exhaust the stack.
const maxArithDepth = 2000

func (a *arithScanner) deeper() bool {
	a.depth++
	if a.depth > maxArithDepth {
		a.failHere("expression recursion level exceeded")
		return true
	}
	return false
}

func (a *arithScanner) shallower() { a.depth-- }

// arithFaultText is the report after the line prefix: bash's names the
// expression (without leading blanks), the fault and the rest of the
// text from where it stopped; dash's the fault and the whole text.
func arithFaultText(expr string, f *arithFault, dash bool) string {
	if dash {
		return "arithmetic expression: " + f.msg + ": \"" + expr + "\""
	}
	token := ""
	if f.at < len(expr) {
		token = expr[f.at:]
	}
	return strings.TrimLeft(expr, " \t\n\r") + ": " + f.msg + " (error token is \"" + token + "\")"
}
