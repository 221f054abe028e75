// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// dashRole is the part a word plays in dash's test, decided by the word
// and where it stands alone (roleOf): the reading never changes it.
type dashRole int

const (
	roleNone   dashRole = iota // no word there (past the end)
	roleWord                   // a string to test or compare
	roleUnary                  // -f, -n, ...
	roleBinary                 // =, -eq, -nt, ...
	roleNot                    // !
	roleAnd                    // -a
	roleOr                     // -o
	roleOpen                   // (
	roleClose                  // )
)

// dashTestWords are the words dash's test knows. It has no "==", and no
// -v, -N or -o as a unary test: scripts written for bash fail there
// ("unexpected operator").
var dashTestWords = func() map[string]dashRole {
	ops := map[string]dashRole{"!": roleNot, "-a": roleAnd, "-o": roleOr, "(": roleOpen, ")": roleClose}
	for _, u := range strings.Fields("-r -w -x -e -f -d -c -b -p -u -g -k -s -t -z -n -h -O -G -L -S") {
		ops[u] = roleUnary
	}
	for _, b := range strings.Fields("= != < > -eq -ne -ge -gt -le -lt -nt -ot -ef") {
		ops[b] = roleBinary
	}
	return ops
}()

// roleOf is the role of words[i]. An operator's name is a plain word
// where it could not work as one: a unary test with nothing after it, or
// one whose next word compares (so that "-f = -f" compares two strings);
// a "(" that ends the arguments.
func roleOf(words []string, i int) dashRole {
	if i < 0 || i >= len(words) {
		return roleNone
	}
	r, known := dashTestWords[words[i]]
	rest := len(words) - i - 1
	switch {
	case !known:
		return roleWord
	case r == roleUnary && (rest == 0 || rest >= 2 && dashTestWords[words[i+1]] == roleBinary):
		return roleWord
	case r == roleOpen && rest == 0:
		return roleWord
	}
	return r
}

// dashTest reads one expression of dash's test. -o binds looser than -a,
// both bind looser than !, and both sides of -a and -o are read, for
// their errors, whatever the first one gave; the first error is the one
// reported (dash leaves the builtin there).
type dashTest struct {
	c     *cmd
	words []string
	roles []dashRole
	at    int // the word being read
	err   string
}

func newDashTest(c *cmd, words []string) *dashTest {
	d := &dashTest{c: c, words: words, roles: make([]dashRole, len(words))}
	for i := range words {
		d.roles[i] = roleOf(words, i)
	}
	return d
}

func (d *dashTest) role(i int) dashRole {
	if i < 0 || i >= len(d.roles) {
		return roleNone
	}
	return d.roles[i]
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
	args, negated, compare := byCount(args)
	if len(args) == 0 {
		return testStatus(negated)
	}
	d := newDashTest(c, args)
	var v bool
	if compare {
		v = d.comparison()
	} else {
		v = d.joined(0)
	}
	return d.status(v, negated)
}

// byCount applies POSIX's rules for short argument lists before any
// parsing: three words with a comparison in the middle compare, whatever
// the outer two are (compare); three or four inside "( ... )" lose the
// parentheses; three or four starting with "!" are the negation of the
// rest, itself counted again.
func byCount(args []string) (rest []string, negated, compare bool) {
	for len(args) == 3 || len(args) == 4 {
		switch {
		case len(args) == 3 && dashTestWords[args[1]] == roleBinary:
			return args, negated, true
		case args[0] == "(" && args[len(args)-1] == ")":
			return args[1 : len(args)-1], negated, false
		case args[0] == "!":
			negated, args = true, args[1:]
		default:
			return args, negated, false
		}
	}
	return args, negated, false
}

// testStatus is test's status for an expression that is true or not.
func testStatus(v bool) int {
	if v {
		return 0
	}
	return 1
}

// status reports an error, or words left over, else gives the status.
func (d *dashTest) status(v, negated bool) int {
	if d.err == "" && d.at+1 < len(d.words) {
		d.fail(d.words[d.at], "unexpected operator")
	}
	if d.err != "" {
		d.c.builtinErrorf("%s", d.err)
		return 2
	}
	return testStatus(v != negated)
}

// fail keeps the first error, "word: text" or text alone.
func (d *dashTest) fail(word, text string) {
	if d.err != "" {
		return
	}
	if word != "" {
		text = word + ": " + text
	}
	d.err = text
}

// joiners are -o and -a, loosest first: joined(level) reads operands of
// the next level joined by joiners[level].
var joiners = []dashRole{roleOr, roleAnd}

func (d *dashTest) joined(level int) bool {
	if level == len(joiners) {
		return d.negation()
	}
	v := d.joined(level + 1)
	for d.role(d.at+1) == joiners[level] {
		d.at += 2
		w := d.joined(level + 1)
		if joiners[level] == roleOr {
			v = v || w
		} else {
			v = v && w
		}
	}
	return v
}

// negation is "! x", or x. A "!" with nothing after it negates nothing,
// which is false.
func (d *dashTest) negation() bool {
	if d.role(d.at) != roleNot {
		return d.operand()
	}
	if d.at+1 >= len(d.words) {
		return true
	}
	d.at++
	return !d.negation()
}

// operand is a parenthesised expression, a unary test, a comparison or a
// string (true unless empty).
func (d *dashTest) operand() bool {
	switch d.role(d.at) {
	case roleNone:
		return false
	case roleOpen:
		return d.group()
	case roleUnary:
		op := d.words[d.at]
		d.at++
		return d.unary(op, d.words[d.at])
	}
	if d.role(d.at+1) == roleBinary {
		return d.comparison()
	}
	return d.words[d.at] != ""
}

// group is "( expr )"; "( )" is false.
func (d *dashTest) group() bool {
	d.at++
	if d.role(d.at) == roleClose {
		return false
	}
	v := d.joined(0)
	d.at++
	if d.role(d.at) != roleClose {
		d.fail("", "closing paren expected")
	}
	return v
}

// unary is "-OP arg". No descriptor of a linuxvfs shell is a terminal,
// but -t's argument must still be a number.
func (d *dashTest) unary(op, arg string) bool {
	t := d.c.Task
	switch op {
	case "-z":
		return arg == ""
	case "-n":
		return arg != ""
	case "-t":
		d.number(arg)
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

// comparison is "a OP b" from the word being read.
func (d *dashTest) comparison() bool {
	a, op := d.words[d.at], d.words[d.at+1]
	d.at += 2
	if d.at >= len(d.words) {
		d.fail(op, "argument expected")
		return false
	}
	b := d.words[d.at]
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
		return d.compareFiles(a, op, b)
	}
	x, y := d.number(a), d.number(b)
	return map[string]bool{"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op]
}

// compareFiles is -nt, -ot and -ef, false unless both files exist.
func (d *dashTest) compareFiles(a, op, b string) bool {
	t := d.c.Task
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
func (d *dashTest) number(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		d.fail("", "Illegal number: "+s)
	}
	return n
}
