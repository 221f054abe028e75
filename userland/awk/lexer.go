// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/posixre"
)

// tok is the kind of a token.
type tok int

const (
	tEOF tok = iota
	tNewline
	tLBrace
	tRBrace
	tLParen
	tRParen
	tLBracket
	tRBracket
	tSemi
	tComma
	tAdd
	tSub
	tMul
	tDiv
	tMod
	tPow
	tNot
	tGT
	tGE
	tLT
	tLE
	tEQ
	tNE
	tMatch
	tNoMatch
	tAnd
	tOr
	tQuestion
	tColon
	tAssign
	tAddAssign
	tSubAssign
	tMulAssign
	tDivAssign
	tModAssign
	tPowAssign
	tIncr
	tDecr
	tDollar
	tPipe
	tAppend
	tNumber
	tString
	tRegex
	tName
	tFuncName // a name written right before '(': a call
	tBuiltin
	tBEGIN
	tEND
	tFunction
	tIf
	tElse
	tWhile
	tFor
	tDo
	tBreak
	tContinue
	tNext
	tNextfile
	tExit
	tReturn
	tDelete
	tGetline
	tPrint
	tPrintf
	tIn
)

var keywords = map[string]tok{
	"BEGIN": tBEGIN, "END": tEND, "function": tFunction, "func": tFunction,
	"if": tIf, "else": tElse, "while": tWhile, "for": tFor, "do": tDo,
	"break": tBreak, "continue": tContinue, "next": tNext, "nextfile": tNextfile,
	"exit": tExit, "return": tReturn, "delete": tDelete, "getline": tGetline,
	"print": tPrint, "printf": tPrintf, "in": tIn,
}

// builtinNames are the functions awk provides.
var builtinNames = map[string]bool{
	"length": true, "substr": true, "index": true, "split": true, "sub": true,
	"gsub": true, "match": true, "sprintf": true, "sin": true, "cos": true,
	"atan2": true, "exp": true, "log": true, "sqrt": true, "int": true,
	"rand": true, "srand": true, "tolower": true, "toupper": true,
	"system": true, "close": true, "fflush": true,
}

// token is one lexical item: its kind, its text (a name, the decoded
// string, the regex source), its number, and the line it is on.
type token struct {
	kind tok
	text string
	num  float64
	line int
}

// syntaxError is a complaint about the program, with mawk's wording.
type syntaxError struct {
	line int
	msg  string
	// also is a second complaint mawk makes after this one (an extra
	// brace at the end of a line leaves the line unfinished too).
	also *syntaxError
}

func (e *syntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// lexer cuts a program into tokens.
type lexer struct {
	src  string
	i    int
	line int
	toks []token
}

// lex returns every token of src, ending with tEOF.
func lex(src string) ([]token, error) {
	lx := &lexer{src: src, line: 1}
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		lx.toks = append(lx.toks, t)
		if t.kind == tEOF {
			return lx.toks, nil
		}
	}
}

// divisionOK reports whether a '/' now is the division operator: the
// token before it ends an operand.
func (lx *lexer) divisionOK() bool {
	if len(lx.toks) == 0 {
		return false
	}
	switch p := lx.toks[len(lx.toks)-1]; p.kind {
	case tNumber, tString, tName, tRParen, tRBracket, tIncr, tDecr, tDollar, tRegex:
		return true
	case tBuiltin:
		return p.text == "length"
	}
	return false
}

func (lx *lexer) next() (token, error) {
	// Blanks, comments and backslash-newlines separate tokens.
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.i++
			continue
		case c == '\\' && strings.HasPrefix(lx.src[lx.i+1:], "\n"):
			lx.i += 2
			lx.line++
			continue
		case c == '\\' && strings.HasPrefix(lx.src[lx.i+1:], "\r\n"):
			lx.i += 3
			lx.line++
			continue
		case c == '#':
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.i++
			}
			continue
		}
		break
	}
	t := token{line: lx.line}
	if lx.i >= len(lx.src) {
		// mawk counts the end of the program as one more line.
		t.kind, t.line = tEOF, lx.line+1
		return t, nil
	}
	c := lx.src[lx.i]
	lx.i++
	two := func(next byte, yes, no tok) tok {
		if lx.i < len(lx.src) && lx.src[lx.i] == next {
			lx.i++
			return yes
		}
		return no
	}
	switch c {
	case '\n':
		t.kind = tNewline
		lx.line++
	case '{':
		t.kind = tLBrace
	case '}':
		t.kind = tRBrace
	case '(':
		t.kind = tLParen
	case ')':
		t.kind = tRParen
	case '[':
		t.kind = tLBracket
	case ']':
		t.kind = tRBracket
	case ';':
		t.kind = tSemi
	case ',':
		t.kind = tComma
	case '+':
		if t.kind = two('+', tIncr, tAdd); t.kind == tAdd {
			t.kind = two('=', tAddAssign, tAdd)
		}
	case '-':
		if t.kind = two('-', tDecr, tSub); t.kind == tSub {
			t.kind = two('=', tSubAssign, tSub)
		}
	case '*':
		t.kind = two('=', tMulAssign, tMul)
	case '%':
		t.kind = two('=', tModAssign, tMod)
	case '^':
		t.kind = two('=', tPowAssign, tPow)
	case '!':
		if t.kind = two('=', tNE, tNot); t.kind == tNot {
			t.kind = two('~', tNoMatch, tNot)
		}
	case '>':
		if t.kind = two('=', tGE, tGT); t.kind == tGT {
			t.kind = two('>', tAppend, tGT)
		}
	case '<':
		t.kind = two('=', tLE, tLT)
	case '=':
		t.kind = two('=', tEQ, tAssign)
	case '~':
		t.kind = tMatch
	case '?':
		t.kind = tQuestion
	case ':':
		t.kind = tColon
	case '$':
		t.kind = tDollar
	case '&':
		if t.kind = two('&', tAnd, tEOF); t.kind == tEOF {
			return t, &syntaxError{line: lx.line, msg: "syntax error at or near &"}
		}
	case '|':
		t.kind = two('|', tOr, tPipe)
	case '"':
		s, err := lx.stringLit()
		if err != nil {
			return t, err
		}
		t.kind, t.text = tString, s
	case '/':
		if lx.divisionOK() {
			t.kind = two('=', tDivAssign, tDiv)
			break
		}
		re, err := lx.regexLit()
		if err != nil {
			return t, err
		}
		t.kind, t.text = tRegex, re
	default:
		switch {
		case c >= '0' && c <= '9' || c == '.' && lx.i < len(lx.src) && isDigit(lx.src[lx.i]):
			lx.i--
			t.kind = tNumber
			t.num, t.text = lx.number()
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			start := lx.i - 1
			for lx.i < len(lx.src) && isNameByte(lx.src[lx.i]) {
				lx.i++
			}
			t.text = lx.src[start:lx.i]
			if k, ok := keywords[t.text]; ok {
				t.kind = k
			} else if builtinNames[t.text] {
				t.kind = tBuiltin
			} else if lx.i < len(lx.src) && lx.src[lx.i] == '(' {
				t.kind = tFuncName
			} else {
				t.kind = tName
			}
		default:
			return t, &syntaxError{line: lx.line, msg: fmt.Sprintf("unexpected character '%c'", c)}
		}
	}
	return t, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// number reads a numeric constant: decimal digits, a fraction, an
// exponent (or a hexadecimal constant, as mawk's strtod takes it).
func (lx *lexer) number() (float64, string) {
	v, n := scanNumber(lx.src[lx.i:], false)
	if n == 0 {
		n = 1
	}
	text := lx.src[lx.i : lx.i+n]
	lx.i += n
	return v, text
}

// stringLit reads a string constant after its opening quote and decodes
// its escapes. An unknown escape keeps its backslash, as mawk does.
func (lx *lexer) stringLit() (string, error) {
	var b strings.Builder
	start := lx.i
	for {
		if lx.i >= len(lx.src) || lx.src[lx.i] == '\n' {
			return "", &syntaxError{line: lx.line, msg: fmt.Sprintf("runaway string constant \"%.10s ...", lx.src[start:lx.i])}
		}
		c := lx.src[lx.i]
		lx.i++
		switch c {
		case '"':
			return b.String(), nil
		case '\\':
			if lx.i >= len(lx.src) {
				b.WriteByte('\\')
				continue
			}
			d := lx.src[lx.i]
			switch {
			case d == '\n':
				lx.i++
				lx.line++
			case d == '"' || d == '\\':
				b.WriteByte(d)
				lx.i++
			case knownEscape(lx.src[lx.i:]):
				v, n := posixre.AwkEscape(lx.src[lx.i:])
				b.WriteByte(v)
				lx.i += n
			default:
				b.WriteByte('\\')
			}
		default:
			b.WriteByte(c)
		}
	}
}

// regexLit reads a /regex/ after its opening slash: its source, with \/
// standing for a slash and every other escape kept for the regex
// translator.
func (lx *lexer) regexLit() (string, error) {
	var b strings.Builder
	start := lx.i
	inBracket := false
	for {
		if lx.i >= len(lx.src) || lx.src[lx.i] == '\n' {
			return "", &syntaxError{line: lx.line, msg: fmt.Sprintf("runaway regular expression /%.10s ...", lx.src[start:lx.i])}
		}
		c := lx.src[lx.i]
		lx.i++
		switch {
		case c == '\\' && lx.i < len(lx.src) && lx.src[lx.i] == '/':
			b.WriteByte('/')
			lx.i++
		case c == '\\' && lx.i < len(lx.src) && lx.src[lx.i] != '\n':
			b.WriteByte('\\')
			b.WriteByte(lx.src[lx.i])
			lx.i++
		case c == '[' && !inBracket:
			inBracket = true
			b.WriteByte(c)
			// A ']' first in the bracket (after '^') is a member.
			if lx.i < len(lx.src) && lx.src[lx.i] == '^' {
				b.WriteByte('^')
				lx.i++
			}
			if lx.i < len(lx.src) && lx.src[lx.i] == ']' {
				b.WriteByte(']')
				lx.i++
			}
		case c == '[' && inBracket && lx.i < len(lx.src) && lx.src[lx.i] == ':':
			// [:class:] inside a bracket.
			end := strings.Index(lx.src[lx.i:], ":]")
			nl := strings.IndexByte(lx.src[lx.i:], '\n')
			if end < 0 || nl >= 0 && nl < end {
				b.WriteByte(c)
				continue
			}
			b.WriteString("[" + lx.src[lx.i:lx.i+end+2])
			lx.i += end + 2
		case c == ']' && inBracket:
			inBracket = false
			b.WriteByte(c)
		case c == '/' && !inBracket:
			return b.String(), nil
		default:
			b.WriteByte(c)
		}
	}
}

// knownEscape reports whether s (after a backslash) starts with an
// escape a string decodes: others keep their backslash.
func knownEscape(s string) bool {
	c := s[0]
	return c >= '0' && c <= '7' || strings.IndexByte("ntrfvab", c) >= 0 ||
		c == 'x' && len(s) > 1 && isHex(s[1])
}
