// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// dashTestKind is what a word of dash's test stands for where it is read.
type dashTestKind int

const (
	dtEnd     dashTestKind = iota // past the last argument
	dtOperand                     // a plain word
	dtUnary                       // -f, -n, ...
	dtBinary                      // =, -eq, -nt, ...
	dtNot                         // !
	dtAnd                         // -a
	dtOr                          // -o
	dtOpen                        // (
	dtClose                       // )
)

// dashTestOps are dash's operators. It has no "==", no -v, -N or -o as a
// unary test: scripts written for bash fail there ("unexpected operator").
var dashTestOps = func() map[string]dashTestKind {
	ops := map[string]dashTestKind{"!": dtNot, "-a": dtAnd, "-o": dtOr, "(": dtOpen, ")": dtClose}
	for _, u := range strings.Fields("-r -w -x -e -f -d -c -b -p -u -g -k -s -t -z -n -h -O -G -L -S") {
		ops[u] = dtUnary
	}
	for _, b := range strings.Fields("= != < > -eq -ne -ge -gt -le -lt -nt -ot -ef") {
		ops[b] = dtBinary
	}
	return ops
}()

// dashTestEval is one run of dash's test. A word is an operator or an
// operand by what follows it, and the first error stops the answer
// (later ones are not reported: dash leaves the builtin at the first).
type dashTestEval struct {
	c    *cmd
	args []string
	pos  int
	// op is the kind of the word read last (dtOperand when it is none).
	op  dashTestKind
	err string
}

// dashTestApplet is dash's test and [: status 0 or 1, 2 with a message
// for what it cannot read.
func dashTestApplet(c *cmd) int {
	args := c.Args
	if c.Name == "[" {
		if len(args) == 0 || args[len(args)-1] != "]" {
			c.builtinErrorf("missing ]")
			return 2
		}
		args = args[:len(args)-1]
	}
	negated := false
	for {
		// POSIX's rules by count: "a OP b" is a comparison whatever a
		// and b are; "( x )" and "( a OP b )" lose their parentheses;
		// a leading ! negates the rest, counted again.
		if len(args) == 0 {
			return testStatus(negated)
		}
		if len(args) == 3 && dashTestOps[args[1]] == dtBinary {
			e := &dashTestEval{c: c, args: args, op: dtOperand}
			return e.finish(e.or(dtOperand), negated)
		}
		if len(args) == 3 || len(args) == 4 {
			if args[0] == "(" && args[len(args)-1] == ")" {
				args = args[1 : len(args)-1]
			} else if args[0] == "!" {
				negated, args = true, args[1:]
				continue
			}
		}
		break
	}
	e := &dashTestEval{c: c, args: args}
	return e.finish(e.or(e.lex(0)), negated)
}

// testStatus is test's status for an expression that is true or not.
func testStatus(v bool) int {
	if v {
		return 0
	}
	return 1
}

// finish reports an error, or words left over, else gives the status.
func (e *dashTestEval) finish(v, negated bool) int {
	if e.err == "" && e.pos+1 < len(e.args) {
		e.fail(e.args[e.pos], "unexpected operator")
	}
	if e.err != "" {
		e.c.builtinErrorf("%s", e.err)
		return 2
	}
	return testStatus(v != negated)
}

// fail keeps the first error, "word: text" or text alone.
func (e *dashTestEval) fail(word, text string) {
	if e.err != "" {
		return
	}
	if word != "" {
		text = word + ": " + text
	}
	e.err = text
}

// lex reads the word at i: an operator where one can stand there. A
// unary operator followed by one word, or by two words not forming a
// comparison, is itself an operand, as is a "(" ending the arguments.
func (e *dashTestEval) lex(i int) dashTestKind {
	if i < 0 || i >= len(e.args) {
		e.op = dtEnd
		return dtEnd
	}
	k, ok := dashTestOps[e.args[i]]
	switch {
	case !ok:
		k = dtOperand
	case k == dtUnary && e.unaryIsOperand(i):
		k = dtOperand
	case k == dtOpen && i+1 >= len(e.args):
		k = dtOperand
	}
	e.op = k
	return k
}

func (e *dashTestEval) unaryIsOperand(i int) bool {
	switch {
	case i+1 >= len(e.args):
		return true
	case i+2 >= len(e.args):
		return false
	}
	return dashTestOps[e.args[i+1]] == dtBinary
}

// or is "a -o b": both sides are evaluated, for their errors.
func (e *dashTestEval) or(k dashTestKind) bool {
	v := false
	for {
		if e.and(k) {
			v = true
		}
		if e.lex(e.pos+1) != dtOr {
			return v
		}
		e.pos += 2
		k = e.lex(e.pos)
	}
}

func (e *dashTestEval) and(k dashTestKind) bool {
	v := true
	for {
		if !e.not(k) {
			v = false
		}
		if e.lex(e.pos+1) != dtAnd {
			return v
		}
		e.pos += 2
		k = e.lex(e.pos)
	}
}

func (e *dashTestEval) not(k dashTestKind) bool {
	if k != dtNot {
		return e.primary(k)
	}
	k = e.lex(e.pos + 1)
	if k != dtEnd {
		e.pos++
	}
	return !e.not(k)
}

func (e *dashTestEval) primary(k dashTestKind) bool {
	switch {
	case k == dtEnd:
		return false
	case k == dtOpen:
		e.pos++
		inner := e.lex(e.pos)
		if inner == dtClose {
			return false
		}
		v := e.or(inner)
		e.pos++
		if e.lex(e.pos) != dtClose {
			e.fail("", "closing paren expected")
		}
		return v
	case e.op == dtUnary:
		op := e.args[e.pos]
		e.pos++
		if e.pos >= len(e.args) {
			e.fail(op, "argument expected")
			return false
		}
		return e.unary(op, e.args[e.pos])
	}
	if e.lex(e.pos+1) == dtBinary {
		return e.binary()
	}
	return e.args[e.pos] != ""
}

// unary is "-OP arg". No descriptor of a linuxvfs shell is a terminal,
// but -t's argument must still be a number.
func (e *dashTestEval) unary(op, arg string) bool {
	t := e.c.Task
	switch op {
	case "-z":
		return arg == ""
	case "-n":
		return arg != ""
	case "-t":
		e.number(arg)
		return false
	case "-r", "-w", "-x":
		mode := map[string]uint32{"-r": linux.R_OK, "-w": linux.W_OK, "-x": linux.X_OK}[op]
		return t.Faccessat(applet.AtCWD, arg, mode, linux.AT_EACCESS) == nil
	}
	flags := 0
	if op == "-h" || op == "-L" {
		flags = linux.AT_SYMLINK_NOFOLLOW
	}
	st, err := t.Fstatat(applet.AtCWD, arg, flags)
	return err == nil && fileTest(op[1], &st, t)
}

// binary is "a OP b" at the reading position.
func (e *dashTestEval) binary() bool {
	a := e.args[e.pos]
	e.pos++
	op := e.args[e.pos]
	e.pos++
	if e.pos >= len(e.args) {
		e.fail(op, "argument expected")
		return false
	}
	b := e.args[e.pos]
	switch op {
	case "=":
		return a == b
	case "!=":
		return a != b
	case "<":
		return a < b
	case ">":
		return a > b
	case "-nt", "-ot", "-ef":
		return e.compareFiles(a, op, b)
	}
	x, y := e.number(a), e.number(b)
	return map[string]bool{"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]
}

// compareFiles is -nt, -ot and -ef, false unless both files exist.
func (e *dashTestEval) compareFiles(a, op, b string) bool {
	t := e.c.Task
	sa, ea := t.Fstatat(applet.AtCWD, a, 0)
	sb, eb := t.Fstatat(applet.AtCWD, b, 0)
	switch {
	case ea != nil || eb != nil:
		return false
	case op == "-nt":
		return sa.Mtime.After(sb.Mtime)
	case op == "-ot":
		return sb.Mtime.After(sa.Mtime)
	}
	return sa.Dev() == sb.Dev() && sa.Ino == sb.Ino
}

// number reads an integer operand as dash does: decimal, blanks around
// it allowed, nothing else ("Illegal number").
func (e *dashTestEval) number(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		e.fail("", "Illegal number: "+s)
	}
	return n
}
