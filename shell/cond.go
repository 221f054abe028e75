// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// testApplet is bash's test and [ builtins (dash's are dashTestApplet).
// The interpreter has its own, but it cleans paths lexically ("/t/f/"
// becomes "/t/f", "l/.." becomes "."), which changes answers; this one
// passes names to the task as given.
func testApplet(c *cmd) int {
	if c.sh.dialect == Dash {
		return dashTestApplet(c)
	}
	args := c.Args
	if c.Name == "[" {
		if len(args) == 0 || args[len(args)-1] != "]" {
			c.builtinErrorf("missing `]'")
			return 2
		}
		args = args[:len(args)-1]
	}
	e := &testEval{c: c, args: args}
	v, err := e.posix()
	if err != nil {
		c.builtinErrorf("%s", err)
		return 2
	}
	if v {
		return 0
	}
	return 1
}

// testEval is bash's test.c: the POSIX rules for up to four arguments,
// then a recursive descent over -o, -a, !, ( ).
type testEval struct {
	c    *cmd
	args []string
	pos  int
}

type testSyntaxError string

func (e testSyntaxError) Error() string { return string(e) }

func (e *testEval) posix() (bool, error) {
	var v bool
	var err error
	switch n := len(e.args); {
	case n == 0:
		return false, nil
	case n == 1:
		return e.args[0] != "", nil
	case n == 2:
		v, err = e.two()
		e.pos = n
	case n == 3:
		v, err = e.three()
	case n == 4 && e.args[0] == "!":
		e.pos++
		v, err = e.three()
		v = !v
	case n == 4 && e.args[0] == "(" && e.args[3] == ")":
		e.pos++
		v, err = e.two()
		e.pos = n
	default:
		v, err = e.or()
	}
	if err == nil && e.pos < len(e.args) {
		err = testSyntaxError("too many arguments")
	}
	return v, err
}

func (e *testEval) two() (bool, error) {
	a, b := e.args[e.pos], e.args[e.pos+1]
	if a == "!" {
		return b == "", nil
	}
	if isUnaryTest(a) {
		return e.unary(a, b)
	}
	return false, testSyntaxError(a + ": unary operator expected")
}

func (e *testEval) three() (bool, error) {
	a, op, b := e.args[e.pos], e.args[e.pos+1], e.args[e.pos+2]
	e.pos += 3
	switch {
	case isBinaryTest(op):
		return e.binary(a, op, b)
	case op == "-a":
		return a != "" && b != "", nil
	case op == "-o":
		return a != "" || b != "", nil
	case a == "!":
		e.pos -= 2
		v, err := e.two()
		e.pos += 2
		return !v, err
	case a == "(" && b == ")":
		return op != "", nil
	}
	return false, testSyntaxError(op + ": binary operator expected")
}

func (e *testEval) or() (bool, error) {
	v, err := e.and()
	if err != nil {
		return false, err
	}
	if e.pos < len(e.args) && e.args[e.pos] == "-o" {
		e.pos++
		w, err := e.or()
		return v || w, err
	}
	return v, nil
}

func (e *testEval) and() (bool, error) {
	v, err := e.term()
	if err != nil {
		return false, err
	}
	if e.pos < len(e.args) && e.args[e.pos] == "-a" {
		e.pos++
		w, err := e.and()
		return v && w, err
	}
	return v, nil
}

func (e *testEval) term() (bool, error) {
	if e.pos >= len(e.args) {
		return false, testSyntaxError("argument expected")
	}
	a := e.args[e.pos]
	switch {
	case a == "!":
		e.pos++
		v, err := e.term()
		return !v, err
	case a == "(":
		e.pos++
		v, err := e.or()
		if err != nil {
			return false, err
		}
		if e.pos >= len(e.args) {
			return false, testSyntaxError("`)' expected")
		}
		if e.args[e.pos] != ")" {
			return false, testSyntaxError("`)' expected, found " + e.args[e.pos])
		}
		e.pos++
		return v, nil
	case e.pos+2 < len(e.args)+0 && isBinaryTest(e.args[e.pos+1]):
		e.pos += 3
		return e.binary(a, e.args[e.pos-2], e.args[e.pos-1])
	case len(a) == 2 && a[0] == '-' && a != "--":
		if !isUnaryTest(a) {
			return false, testSyntaxError(a + ": unary operator expected")
		}
		if e.pos+1 >= len(e.args) {
			return false, testSyntaxError("argument expected")
		}
		e.pos += 2
		return e.unary(a, e.args[e.pos-1])
	}
	e.pos++
	return a != "", nil
}

func isUnaryTest(op string) bool {
	return len(op) == 2 && op[0] == '-' && strings.IndexByte("abcdefghknoprstuvwxzGLNOS", op[1]) >= 0
}

func isBinaryTest(op string) bool {
	switch op {
	case "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef":
		return true
	}
	return false
}

// unary evaluates "-OP arg".
func (e *testEval) unary(op, arg string) (bool, error) {
	switch op {
	case "-z":
		return arg == "", nil
	case "-n":
		return arg != "", nil
	case "-t":
		return false, nil // no descriptor of a linuxvfs shell is a terminal
	case "-o":
		return false, nil
	case "-v":
		return e.c.hc.Env.Get(arg).IsSet(), nil
	case "-r", "-w", "-x":
		mode := map[string]uint32{"-r": linux.R_OK, "-w": linux.W_OK, "-x": linux.X_OK}[op]
		return e.c.Task.Faccessat(applet.AtCWD, arg, mode, linux.AT_EACCESS) == nil, nil
	}
	follow := op != "-h" && op != "-L"
	st, err := e.stat(arg, follow)
	if err != nil {
		return false, nil
	}
	return fileTest(op[1], &st, e.c.Task), nil
}

func (e *testEval) stat(name string, follow bool) (vfs.Statx, error) {
	flags := 0
	if !follow {
		flags = linux.AT_SYMLINK_NOFOLLOW
	}
	return e.c.Task.Fstatat(applet.AtCWD, name, flags)
}

// fileTest answers a unary file test on a successful stat.
func fileTest(op byte, st *vfs.Statx, t *vfs.Task) bool {
	mode := uint32(st.Mode)
	switch op {
	case 'e', 'a':
		return true
	case 'f':
		return applet.IsReg(mode)
	case 'd':
		return applet.IsDir(mode)
	case 'h', 'L':
		return applet.IsLink(mode)
	case 'b':
		return applet.IsBlk(mode)
	case 'c':
		return applet.IsChr(mode)
	case 'p':
		return mode&linux.S_IFMT == linux.S_IFIFO
	case 'S':
		return mode&linux.S_IFMT == linux.S_IFSOCK
	case 's':
		return st.Size > 0
	case 'g':
		return mode&linux.S_ISGID != 0
	case 'u':
		return mode&linux.S_ISUID != 0
	case 'k':
		return mode&linux.S_ISVTX != 0
	case 'O':
		return st.UID == t.Geteuid()
	case 'G':
		return st.GID == t.Getegid()
	case 'N':
		return st.Mtime.After(st.Atime)
	}
	return false
}

// binary evaluates "a OP b".
func (e *testEval) binary(a, op, b string) (bool, error) {
	switch op {
	case "=", "==":
		return a == b, nil
	case "!=":
		return a != b, nil
	case "<":
		return a < b, nil
	case ">":
		return a > b, nil
	case "-nt", "-ot", "-ef":
		return e.compareFiles(a, op, b), nil
	}
	x, err := testInt(a)
	if err != nil {
		return false, err
	}
	y, err := testInt(b)
	if err != nil {
		return false, err
	}
	return map[string]bool{"-eq": x == y, "-ne": x != y, "-lt": x < y, "-le": x <= y, "-gt": x > y, "-ge": x >= y}[op], nil
}

// compareFiles is -nt, -ot and -ef; a missing file is older than any.
func (e *testEval) compareFiles(a, op, b string) bool {
	sa, ea := e.stat(a, true)
	sb, eb := e.stat(b, true)
	switch op {
	case "-nt":
		return ea == nil && (eb != nil || sa.Mtime.After(sb.Mtime))
	case "-ot":
		return eb == nil && (ea != nil || sb.Mtime.After(sa.Mtime))
	}
	return ea == nil && eb == nil && sa.Dev() == sb.Dev() && sa.Ino == sb.Ino
}

var errNotInt = errors.New("integer expression expected")

// testInt parses an integer operand as bash does, blanks allowed around.
func testInt(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, testSyntaxError(fmt.Sprintf("%s: %v", s, errNotInt))
	}
	return n, nil
}
