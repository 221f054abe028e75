// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/internal/posixre"
)

// The special variables have the first global slots.
const (
	vNF = iota
	vNR
	vFNR
	vFS
	vOFS
	vORS
	vRS
	vSUBSEP
	vCONVFMT
	vOFMT
	vRSTART
	vRLENGTH
	vFILENAME
	vENVIRON
	vARGC
	vARGV
	nSpecial
)

var specialNames = []string{"NF", "NR", "FNR", "FS", "OFS", "ORS", "RS", "SUBSEP",
	"CONVFMT", "OFMT", "RSTART", "RLENGTH", "FILENAME", "ENVIRON", "ARGC", "ARGV"}

// maxNesting bounds how deep expressions and statements nest, so that a
// hostile program cannot exhaust the parser's stack.
const maxNesting = 500

// parser builds a program from tokens.
type parser struct {
	toks    []token
	pos     int
	t       token
	prog    *program
	globals map[string]int
	// locals are the parameters of the function being parsed.
	locals map[string]int
	inFunc bool
	// inMain says the statements are a main item's action, where next
	// may stand.
	inMain bool
	loops  int
	depth  int
	// noGT and noPipe: in print's expressions, '>' and '|' are
	// redirections (outside parentheses).
	noGT bool
	// noIn keeps "in" out of a for statement's first clause.
	noIn  bool
	calls []*callExpr
	// parens counts the parentheses open around the current token.
	parens int
	// gtypes and ltypes are the types of the globals and of the
	// current function's parameters.
	gtypes, ltypes map[string]int
	// args are bare names passed to functions not yet defined.
	args []pendingArg
}

// parse turns awk source into a program.
func parse(src string) (prog *program, err error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, globals: map[string]int{}, gtypes: map[string]int{},
		prog: &program{funcs: map[string]*funcDef{}}}
	for i, n := range specialNames {
		p.globals[n] = i
		p.prog.globals = append(p.prog.globals, n)
		p.gtypes[n] = typeScalar
	}
	p.gtypes["ENVIRON"], p.gtypes["ARGV"] = typeArray, typeArray
	p.t = toks[0]
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			prog, err = nil, se
		}
	}()
	p.program()
	for _, a := range p.args {
		p.checkArg(a)
	}
	for _, c := range p.calls {
		f := p.prog.funcs[c.name]
		if f == nil {
			p.failAt(p.toks[len(p.toks)-1].line, fmt.Sprintf("function %s never defined", c.name))
		}
		if len(c.args) > len(f.params) {
			p.failAt(c.line, "too many arguments in call to "+c.name)
		}
		c.fn = f
	}
	return p.prog, nil
}

func (p *parser) advance() {
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	p.t = p.toks[p.pos]
}

func (p *parser) peek(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) reset(pos int) {
	p.pos = pos
	p.t = p.toks[pos]
}

func (p *parser) failAt(line int, msg string) {
	panic(&syntaxError{line: line, msg: msg})
}

// extra reports a closing brace or parenthesis between items; at the
// end of a line mawk also finds the line unfinished.
func (p *parser) extra(msg string) {
	e := &syntaxError{line: p.t.line, msg: msg}
	if next := p.peek(1); next.kind == tNewline || next.kind == tEOF {
		e.also = &syntaxError{line: p.t.line, msg: "syntax error at or near end of line"}
	}
	panic(e)
}

// fail is a syntax error at the current token; mawk names an unclosed
// or unopened parenthesis.
func (p *parser) fail() {
	switch {
	case p.t.kind == tRParen && p.parens == 0:
		p.failAt(p.t.line, "extra ')'")
	case p.parens > 0 && (p.t.kind == tRBrace || p.t.kind == tNewline || p.t.kind == tEOF):
		p.failAt(p.t.line, "missing ) near "+tokenText(p.t))
	}
	p.failAt(p.t.line, "syntax error at or near "+tokenText(p.t))
}

// tokenText is how mawk names a token in its messages.
func tokenText(t token) string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tNewline:
		return "end of line"
	case tString:
		return "\"" + t.text + "\""
	case tRegex:
		return "/" + t.text + "/"
	case tNumber, tName, tFuncName, tBuiltin:
		return t.text
	}
	for k, v := range keywords {
		if v == t.kind && k != "func" {
			return k
		}
	}
	return punct[t.kind]
}

var punct = map[tok]string{
	tLBrace: "{", tRBrace: "}", tLParen: "(", tRParen: ")", tLBracket: "[", tRBracket: "]",
	tSemi: ";", tComma: ",", tAdd: "+", tSub: "-", tMul: "*", tDiv: "/", tMod: "%",
	tPow: "^", tNot: "!", tGT: ">", tGE: ">=", tLT: "<", tLE: "<=", tEQ: "==", tNE: "!=",
	tMatch: "~", tNoMatch: "!~", tAnd: "&&", tOr: "||", tQuestion: "?", tColon: ":",
	tAssign: "=", tAddAssign: "+=", tSubAssign: "-=", tMulAssign: "*=", tDivAssign: "/=",
	tModAssign: "%=", tPowAssign: "^=", tIncr: "++", tDecr: "--", tDollar: "$",
	tPipe: "|", tAppend: ">>",
}

// expect consumes a token of kind k or fails, with mawk's words for a
// missing closing parenthesis or brace.
func (p *parser) expect(k tok) {
	if p.t.kind == k {
		p.advance()
		return
	}
	switch k {
	case tRParen:
		p.failAt(p.t.line, "missing ) near "+tokenText(p.t))
	case tRBrace:
		if p.t.kind == tEOF {
			p.failAt(p.t.line, "missing } near end of file")
		}
	}
	p.fail()
}

func (p *parser) optNewlines() {
	for p.t.kind == tNewline {
		p.advance()
	}
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxNesting {
		p.failAt(p.t.line, "program too deeply nested")
	}
}

func (p *parser) leave() { p.depth-- }

// program: items separated by newlines or semicolons.
func (p *parser) program() {
	for {
		// One ';' may end an item; an empty item is an error.
		for p.t.kind == tNewline {
			p.advance()
		}
		switch p.t.kind {
		case tEOF:
			return
		case tRBrace:
			p.extra("extra '}'")
		case tRParen:
			p.extra("extra ')'")
		}
		p.item()
		if p.t.kind == tSemi {
			p.advance()
		}
	}
}

func (p *parser) item() {
	switch p.t.kind {
	case tBEGIN:
		p.advance()
		p.optNewlines()
		if p.t.kind != tLBrace {
			p.fail()
		}
		p.prog.begins = append(p.prog.begins, p.block())
	case tEND:
		p.advance()
		p.optNewlines()
		if p.t.kind != tLBrace {
			p.fail()
		}
		p.prog.ends = append(p.prog.ends, p.block())
	case tFunction:
		p.function()
	case tLBrace:
		p.inMain = true
		body := p.block()
		p.inMain = false
		p.prog.items = append(p.prog.items, &item{body: body, hasBody: true})
	default:
		it := &item{pattern: p.expr()}
		if p.t.kind == tComma {
			p.advance()
			p.optNewlines()
			it.isRange = true
			it.pattern2 = p.expr()
		}
		if p.t.kind == tLBrace {
			p.inMain = true
			it.body, it.hasBody = p.block(), true
			p.inMain = false
		} else if p.t.kind != tNewline && p.t.kind != tSemi && p.t.kind != tEOF {
			p.fail()
		}
		p.prog.items = append(p.prog.items, it)
	}
}

func (p *parser) function() {
	line := p.t.line
	p.advance()
	if p.t.kind != tName && p.t.kind != tFuncName {
		p.fail()
	}
	name := p.t.text
	if _, ok := p.prog.funcs[name]; ok {
		p.failAt(p.t.line, "function "+name+" redefined")
	}
	if _, ok := p.globals[name]; ok {
		p.failAt(p.t.line, "illegal reference to variable "+name)
	}
	p.advance()
	p.expect(tLParen)
	f := &funcDef{name: name, line: line}
	p.prog.funcs[name] = f
	p.locals = map[string]int{}
	p.ltypes = map[string]int{}
	for p.t.kind != tRParen {
		if p.t.kind != tName || p.t.text == name {
			p.fail()
		}
		if _, dup := p.locals[p.t.text]; dup {
			p.fail()
		}
		p.locals[p.t.text] = len(f.params)
		f.params = append(f.params, p.t.text)
		p.advance()
		if p.t.kind == tComma {
			p.advance()
			p.optNewlines()
		} else if p.t.kind != tRParen {
			p.expect(tRParen)
		}
	}
	p.advance()
	p.optNewlines()
	if p.t.kind != tLBrace {
		p.fail()
	}
	p.inFunc = true
	f.body = p.block()
	p.inFunc = false
	f.ptypes = make([]int, len(f.params))
	for i, n := range f.params {
		f.ptypes[i] = p.ltypes[n]
	}
	p.locals = nil
}

// block: '{' statements '}'.
func (p *parser) block() []stmt {
	p.enter()
	defer p.leave()
	p.expect(tLBrace)
	var body []stmt
	for {
		for p.t.kind == tNewline || p.t.kind == tSemi {
			p.advance()
		}
		if p.t.kind == tRBrace {
			p.advance()
			return body
		}
		if p.t.kind == tEOF {
			p.expect(tRBrace)
		}
		if s := p.stmt(); s != nil {
			body = append(body, s)
		}
	}
}

// endSimple ends a simple statement: ';', a newline, or before '}'.
func (p *parser) endSimple() {
	switch p.t.kind {
	case tSemi, tNewline:
		p.advance()
	case tRBrace, tEOF:
	default:
		p.fail()
	}
}

// body is the statement a control statement governs.
func (p *parser) body() []stmt {
	p.optNewlines()
	if p.t.kind == tSemi {
		p.advance()
		return nil
	}
	s := p.stmt()
	if b, ok := s.(*blockStmt); ok {
		return b.body
	}
	return []stmt{s}
}

func (p *parser) loopBody() []stmt {
	p.loops++
	defer func() { p.loops-- }()
	return p.body()
}

func (p *parser) stmt() stmt {
	p.enter()
	defer p.leave()
	switch p.t.kind {
	case tLBrace:
		return &blockStmt{p.block()}
	case tIf:
		p.advance()
		p.expect(tLParen)
		s := &ifStmt{cond: p.expr()}
		p.expect(tRParen)
		s.then = p.body()
		save := p.pos
		for p.t.kind == tNewline || p.t.kind == tSemi {
			p.advance()
		}
		if p.t.kind == tElse {
			p.advance()
			s.els = p.body()
		} else {
			p.reset(save)
		}
		return s
	case tWhile:
		p.advance()
		p.expect(tLParen)
		s := &whileStmt{cond: p.expr()}
		p.expect(tRParen)
		if p.t.kind == tSemi {
			p.advance()
			return s
		}
		s.body = p.loopBody()
		return s
	case tDo:
		p.advance()
		s := &doStmt{body: p.loopBody()}
		for p.t.kind == tNewline || p.t.kind == tSemi {
			p.advance()
		}
		if p.t.kind != tWhile {
			p.fail()
		}
		p.advance()
		p.expect(tLParen)
		s.cond = p.expr()
		p.expect(tRParen)
		p.endSimple()
		return s
	case tFor:
		return p.forStmt()
	case tSemi:
		p.advance()
		return nil
	}
	s := p.simple()
	p.endSimple()
	return s
}

func (p *parser) forStmt() stmt {
	p.advance()
	p.expect(tLParen)
	// for (NAME in ARRAY)
	if p.t.kind == tName && p.peek(1).kind == tIn && p.peek(2).kind == tName && p.peek(3).kind == tRParen {
		v := p.variable(p.t.text)
		p.markType(v, typeScalar)
		p.advance()
		p.advance()
		arr := p.variable(p.t.text)
		p.markType(arr, typeArray)
		p.advance()
		p.advance()
		return &forInStmt{v: v, arr: arr, body: p.loopBody()}
	}
	s := &forStmt{}
	if p.t.kind != tSemi {
		s.init = p.simple()
	}
	p.expect(tSemi)
	p.optNewlines()
	if p.t.kind != tSemi {
		s.cond = p.expr()
	}
	p.expect(tSemi)
	p.optNewlines()
	if p.t.kind != tRParen {
		s.post = p.simple()
	}
	p.expect(tRParen)
	if p.t.kind == tSemi {
		p.advance()
		return s
	}
	s.body = p.loopBody()
	return s
}

// simple is a simple statement, without its terminator.
func (p *parser) simple() stmt {
	switch p.t.kind {
	case tPrint, tPrintf:
		return p.print()
	case tNext, tNextfile:
		if !p.inMain {
			p.failAt(p.t.line, "improper use of "+tokenText(p.t))
		}
		k := p.t.kind
		p.advance()
		if k == tNext {
			return &nextStmt{}
		}
		return &nextfileStmt{}
	case tExit:
		p.advance()
		s := &exitStmt{}
		if !p.endOfSimple() {
			s.e = p.expr()
		}
		return s
	case tReturn:
		if !p.inFunc {
			p.failAt(p.t.line, "return outside function body")
		}
		p.advance()
		s := &returnStmt{}
		if !p.endOfSimple() {
			s.e = p.expr()
		}
		return s
	case tBreak, tContinue:
		if p.loops == 0 {
			p.failAt(p.t.line, tokenText(p.t)+" statement outside of loop")
		}
		k := p.t.kind
		p.advance()
		if k == tBreak {
			return &breakStmt{}
		}
		return &continueStmt{}
	case tDelete:
		p.advance()
		if p.t.kind != tName {
			p.fail()
		}
		s := &deleteStmt{arr: p.variable(p.t.text)}
		p.markType(s.arr, typeArray)
		p.advance()
		if p.t.kind == tLBracket {
			p.advance()
			s.index = p.exprList(tRBracket)
			p.expect(tRBracket)
		}
		return s
	}
	return &exprStmt{p.expr()}
}

func (p *parser) endOfSimple() bool {
	switch p.t.kind {
	case tSemi, tNewline, tRBrace, tEOF:
		return true
	}
	return false
}

func (p *parser) print() stmt {
	s := &printStmt{printf: p.t.kind == tPrintf}
	p.advance()
	if p.t.kind == tLParen {
		// print (a, b) > "f": the parentheses hold the list, when
		// nothing but a redirection or the end follows them.
		save := p.pos
		p.advance()
		p.optNewlines()
		list := p.exprList(tRParen)
		if p.t.kind == tRParen {
			p.advance()
			switch p.t.kind {
			case tSemi, tNewline, tRBrace, tEOF, tGT, tAppend, tPipe:
				s.args = list
				p.redirection(s)
				return s
			}
		}
		p.reset(save)
	}
	if !p.endOfSimple() && p.t.kind != tGT && p.t.kind != tAppend && p.t.kind != tPipe {
		p.noGT = true
		s.args = p.exprList(tEOF)
		p.noGT = false
	}
	if s.printf && len(s.args) == 0 {
		p.fail()
	}
	p.redirection(s)
	return s
}

func (p *parser) redirection(s *printStmt) {
	switch p.t.kind {
	case tGT, tAppend, tPipe:
		s.redir = p.t.kind
		p.advance()
		s.dest = p.ternary()
	}
}

// Variable types, as mawk settles them while parsing.
const (
	typeUnknown = iota
	typeScalar
	typeArray
)

// markType records how a variable is used; a use against its type is
// mawk's "illegal reference".
func (p *parser) markType(v *varRef, typ int) {
	m := p.gtypes
	if v.local {
		m = p.ltypes
	}
	switch m[v.name] {
	case typeUnknown:
		m[v.name] = typ
	case typ:
	case typeArray:
		p.failAt(p.t.line, "illegal reference to array "+v.name)
	default:
		p.failAt(p.t.line, "illegal reference to variable "+v.name)
	}
}

func (p *parser) typeMap(v *varRef) map[string]int {
	if v.local {
		return p.ltypes
	}
	return p.gtypes
}

// pendingArg is a bare name passed to a function: its type and the
// parameter's must agree once both are known.
type pendingArg struct {
	v     *varRef
	types map[string]int
	line  int
	n     int // 1-based position
	fn    string
}

// checkArg settles a bare argument's type against its parameter's.
func (p *parser) checkArg(a pendingArg) {
	f := p.prog.funcs[a.fn]
	if f == nil || f.ptypes == nil || a.n > len(f.ptypes) {
		return
	}
	pt := f.ptypes[a.n-1]
	switch at := a.types[a.v.name]; {
	case pt == typeUnknown:
	case at == typeUnknown:
		a.types[a.v.name] = pt
	case at != pt:
		p.failAt(a.line, fmt.Sprintf("type error in arg(%d) in call to %s", a.n, a.fn))
	}
}

func (p *parser) typeOf(v *varRef) int {
	if v.local {
		return p.ltypes[v.name]
	}
	return p.gtypes[v.name]
}

// argList is the arguments of a call: a bare name stays untyped (it
// may be an array passed by reference).
func (p *parser) argList() []expr {
	var list []expr
	if p.t.kind == tRParen {
		return nil
	}
	// Inside the call's parentheses '>' compares again.
	defer func(saved bool) { p.noGT = saved }(p.noGT)
	p.noGT = false
	for {
		if p.t.kind == tName && (p.peek(1).kind == tComma || p.peek(1).kind == tRParen) {
			v := p.variable(p.t.text)
			list = append(list, v)
			p.args = append(p.args, pendingArg{v: v, types: p.typeMap(v), line: p.t.line, n: len(list)})
			p.advance()
		} else {
			list = append(list, p.expr())
		}
		if p.t.kind != tComma {
			return list
		}
		p.advance()
		p.optNewlines()
	}
}

// exprList is expressions separated by commas (newlines may follow a
// comma).
func (p *parser) exprList(end tok) []expr {
	var list []expr
	if p.t.kind == end {
		return nil
	}
	for {
		list = append(list, p.expr())
		if p.t.kind != tComma {
			return list
		}
		p.advance()
		p.optNewlines()
	}
}

// variable resolves a name: a parameter of the function being parsed,
// or a global.
func (p *parser) variable(name string) *varRef {
	if i, ok := p.locals[name]; ok {
		return &varRef{name: name, local: true, idx: i}
	}
	if _, ok := p.prog.funcs[name]; ok {
		p.fail()
	}
	i, ok := p.globals[name]
	if !ok {
		i = len(p.prog.globals)
		p.globals[name] = i
		p.prog.globals = append(p.prog.globals, name)
	}
	return &varRef{name: name, idx: i}
}

func isLvalue(e expr) bool {
	switch e.(type) {
	case *varRef, *indexExpr, *fieldExpr:
		return true
	}
	return false
}

// expr: assignment, the lowest precedence, right-associative.
func (p *parser) expr() expr {
	p.enter()
	defer p.leave()
	left := p.ternary()
	switch p.t.kind {
	case tAssign, tAddAssign, tSubAssign, tMulAssign, tDivAssign, tModAssign, tPowAssign:
		if !isLvalue(left) {
			if p.t.kind == tDivAssign {
				// "a /= b" cannot be: no lvalue. A regex "/=.../" was
				// meant, which the lexer took as division.
				p.fail()
			}
			p.fail()
		}
		op := p.t.kind
		p.advance()
		p.optNewlines()
		return &assignExpr{lhs: left, op: op, rhs: p.expr()}
	}
	return left
}

func (p *parser) ternary() expr {
	c := p.or()
	if p.t.kind != tQuestion {
		return c
	}
	p.advance()
	p.optNewlines()
	yes := p.expr()
	p.optNewlines()
	if p.t.kind != tColon {
		p.fail()
	}
	p.advance()
	p.optNewlines()
	no := p.expr()
	return &condExpr{c, yes, no}
}

func (p *parser) or() expr {
	l := p.and()
	for p.t.kind == tOr {
		p.advance()
		p.optNewlines()
		l = &binaryExpr{tOr, l, p.and()}
	}
	return l
}

func (p *parser) and() expr {
	l := p.in()
	for p.t.kind == tAnd {
		p.advance()
		p.optNewlines()
		l = &binaryExpr{tAnd, l, p.in()}
	}
	return l
}

func (p *parser) in() expr {
	l := p.match()
	for p.t.kind == tIn && !p.noIn {
		p.advance()
		if p.t.kind != tName {
			p.fail()
		}
		arr := p.variable(p.t.text)
		p.markType(arr, typeArray)
		p.advance()
		l = &inExpr{index: []expr{l}, arr: arr}
	}
	return l
}

func (p *parser) match() expr {
	l := p.compare()
	for p.t.kind == tMatch || p.t.kind == tNoMatch {
		neg := p.t.kind == tNoMatch
		line := p.t.line
		p.advance()
		l = &matchExpr{neg: neg, l: l, r: p.compare(), line: line}
	}
	return l
}

// compare: the comparison operators, left-associative as mawk has
// them ("1 < 2 < 3").
func (p *parser) compare() expr {
	l := p.pipeGetline()
	for {
		switch p.t.kind {
		case tGT:
			if p.noGT {
				return l
			}
		case tGE:
			if p.noGT {
				// mawk reads '>' as the redirection there, then '='.
				p.failAt(p.t.line, "syntax error at or near =")
			}
		case tLT, tLE, tEQ, tNE:
		default:
			return l
		}
		op := p.t.kind
		p.advance()
		l = &binaryExpr{op, l, p.pipeGetline()}
	}
}

// pipeGetline: cmd | getline [lvalue], cmd a concatenation.
func (p *parser) pipeGetline() expr {
	l := p.concat()
	for p.t.kind == tPipe && p.peek(1).kind == tGetline {
		p.advance()
		p.advance()
		g := &getlineExpr{from: tPipe, src: l}
		g.lv = p.optLvalue()
		l = g
	}
	return l
}

// startsOperand reports whether the current token can begin an operand
// of concatenation (no unary + or -).
func (p *parser) startsOperand() bool {
	switch p.t.kind {
	case tNumber, tString, tRegex, tName, tFuncName, tBuiltin, tDollar, tNot, tLParen, tIncr, tDecr:
		return true
	case tIn:
		return false
	}
	return false
}

func (p *parser) concat() expr {
	l := p.additive()
	for p.startsOperand() {
		l = &binaryExpr{tConcat, l, p.additive()}
	}
	return l
}

func (p *parser) additive() expr {
	l := p.multiplicative()
	for p.t.kind == tAdd || p.t.kind == tSub {
		op := p.t.kind
		p.advance()
		l = &binaryExpr{op, l, p.multiplicative()}
	}
	return l
}

func (p *parser) multiplicative() expr {
	l := p.unary()
	for p.t.kind == tMul || p.t.kind == tDiv || p.t.kind == tMod {
		op := p.t.kind
		p.advance()
		l = &binaryExpr{op, l, p.unary()}
	}
	return l
}

func (p *parser) unary() expr {
	switch p.t.kind {
	case tNot, tSub, tAdd:
		p.enter()
		defer p.leave()
		op := p.t.kind
		p.advance()
		return &unaryExpr{op, p.unary()}
	}
	return p.power()
}

// power: x ^ y, right-associative, binding tighter than unary minus on
// its left ("-2^2" is -4) but taking one on its right ("2^-1").
func (p *parser) power() expr {
	base := p.postfix()
	if p.t.kind != tPow {
		return base
	}
	p.advance()
	p.enter()
	defer p.leave()
	return &binaryExpr{tPow, base, p.unary()}
}

func (p *parser) postfix() expr {
	e := p.primary()
	if (p.t.kind == tIncr || p.t.kind == tDecr) && isLvalue(e) {
		op := p.t.kind
		p.advance()
		return &incrExpr{op: op, lv: e}
	}
	return e
}

// dollarOperand is what follows '$': a primary, a pre-increment, or a
// unary operator applied to one.
func (p *parser) dollarOperand() expr {
	p.enter()
	defer p.leave()
	switch p.t.kind {
	case tSub, tAdd, tNot:
		op := p.t.kind
		p.advance()
		return &unaryExpr{op, p.dollarOperand()}
	}
	return p.primary()
}

func (p *parser) primary() expr {
	p.enter()
	defer p.leave()
	t := p.t
	switch t.kind {
	case tNumber:
		p.advance()
		return &numLit{t.num}
	case tString:
		p.advance()
		return &strLit{t.text}
	case tRegex:
		p.advance()
		return p.regex(t)
	case tDollar:
		p.advance()
		return &fieldExpr{p.dollarOperand()}
	case tIncr, tDecr:
		p.advance()
		if p.t.kind != tName && p.t.kind != tDollar {
			p.fail()
		}
		lv := p.primary()
		if !isLvalue(lv) {
			p.fail()
		}
		return &incrExpr{pre: true, op: t.kind, lv: lv}
	case tLParen:
		p.advance()
		saveGT, saveIn := p.noGT, p.noIn
		p.noGT, p.noIn = false, false
		p.parens++
		list := p.exprList(tRParen)
		p.noGT, p.noIn = saveGT, saveIn
		if len(list) == 0 {
			p.fail()
		}
		p.expect(tRParen)
		p.parens--
		if len(list) > 1 {
			// (i, j) in ARRAY
			if p.t.kind != tIn {
				p.fail()
			}
			p.advance()
			if p.t.kind != tName {
				p.fail()
			}
			arr := p.variable(p.t.text)
			p.markType(arr, typeArray)
			p.advance()
			return &inExpr{index: list, arr: arr}
		}
		return &groupExpr{list[0]}
	case tGetline:
		p.advance()
		g := &getlineExpr{}
		g.lv = p.optLvalue()
		if p.t.kind == tLT {
			p.advance()
			g.from = tLT
			g.src = p.getlineFile()
		}
		return g
	case tFuncName:
		p.advance()
		p.advance() // '('
		c := &callExpr{name: t.text, line: t.line}
		p.optNewlines()
		first := len(p.args)
		c.args = p.argList()
		for i := first; i < len(p.args); i++ {
			p.args[i].fn = t.text
		}
		if f := p.prog.funcs[t.text]; f != nil && f.ptypes != nil {
			for _, a := range p.args[first:] {
				p.checkArg(a)
			}
			p.args = p.args[:first]
		}
		p.optNewlines()
		p.expect(tRParen)
		if p.locals != nil {
			if _, ok := p.locals[t.text]; ok {
				p.failAt(t.line, "syntax error at or near (")
			}
		}
		p.calls = append(p.calls, c)
		return c
	case tBuiltin:
		return p.builtin()
	case tName:
		p.advance()
		v := p.variable(t.text)
		if p.t.kind == tLBracket {
			p.markType(v, typeArray)
			p.advance()
			p.optNewlines()
			saved := p.noGT
			p.noGT = false
			idx := p.exprList(tRBracket)
			p.noGT = saved
			if len(idx) == 0 {
				p.fail()
			}
			p.optNewlines()
			p.expect(tRBracket)
			return &indexExpr{arr: v, index: idx}
		}
		p.markType(v, typeScalar)
		return v
	}
	p.fail()
	return nil
}

// getlineFile is the operand of getline's '<': a primary with '$'
// (no concatenation, which follows the whole getline).
func (p *parser) getlineFile() expr {
	switch p.t.kind {
	case tSub, tAdd, tNot:
		op := p.t.kind
		p.advance()
		return &unaryExpr{op, p.getlineFile()}
	}
	return p.postfix()
}

// optLvalue reads getline's variable, if one follows.
func (p *parser) optLvalue() expr {
	switch p.t.kind {
	case tDollar:
		p.advance()
		return &fieldExpr{p.dollarOperand()}
	case tName:
		t := p.t
		p.advance()
		v := p.variable(t.text)
		if p.t.kind == tLBracket {
			p.markType(v, typeArray)
			p.advance()
			idx := p.exprList(tRBracket)
			if len(idx) == 0 {
				p.fail()
			}
			p.expect(tRBracket)
			return &indexExpr{arr: v, index: idx}
		}
		p.markType(v, typeScalar)
		return v
	}
	return nil
}

func (p *parser) regex(t token) *regexLit {
	re, err := compileERE(t.text)
	if err != nil {
		p.failAt(t.line, fmt.Sprintf("regular expression compile failed (%s)\n%s", reErrorText(err), t.text))
	}
	return &regexLit{src: t.text, re: re}
}

// reErrorText words a regex error as mawk's own matcher does.
func reErrorText(err error) string {
	switch err {
	case posixre.ErrParen:
		return "missing ')'"
	case posixre.ErrBracket, posixre.ErrClass:
		return "bad class -- [], [^] or ["
	case posixre.ErrPreceding:
		return "missing operand"
	}
	return err.Error()
}

// compileERE compiles an awk extended regular expression.
func compileERE(src string) (*posixre.Regexp, error) {
	return posixre.Compile(src, posixre.Syntax{ERE: true, Dialect: posixre.Awk})
}

// builtin parses a call of a built-in function.
func (p *parser) builtin() expr {
	t := p.t
	p.advance()
	b := &builtinExpr{name: t.text, line: t.line}
	if p.t.kind != tLParen {
		if t.text == "length" {
			return b
		}
		p.fail()
	}
	p.advance()
	p.optNewlines()
	first := len(p.args)
	b.args = p.argList()
	p.args = p.args[:first]
	p.optNewlines()
	p.expect(tRParen)
	min, max := builtinArity(t.text)
	if len(b.args) < min || len(b.args) > max {
		p.failAt(t.line, fmt.Sprintf("wrong number of arguments in call to %s", t.text))
	}
	for i, a := range b.args {
		v, ok := a.(*varRef)
		if !ok {
			continue
		}
		switch {
		case t.text == "split" && i == 1:
			p.markType(v, typeArray)
		case t.text == "length" && p.typeOf(v) == typeArray:
		default:
			// mawk takes an untyped name given to length as a scalar.
			p.markType(v, typeScalar)
		}
	}
	switch t.text {
	case "split":
		if _, ok := b.args[1].(*varRef); !ok {
			p.failAt(t.line, "syntax error at or near )")
		}
	case "sub", "gsub":
		if len(b.args) == 3 && !isLvalue(b.args[2]) {
			// mawk allows any expression; the result is lost.
			b.args[2] = &groupExpr{b.args[2]}
		}
	}
	return b
}

func builtinArity(name string) (int, int) {
	switch name {
	case "length":
		return 0, 1
	case "substr":
		return 2, 3
	case "index", "atan2":
		return 2, 2
	case "split", "sub", "gsub":
		return 2, 3
	case "match":
		return 2, 2
	case "sprintf":
		return 1, 255
	case "rand":
		return 0, 0
	case "srand", "fflush":
		return 0, 1
	}
	return 1, 1
}
