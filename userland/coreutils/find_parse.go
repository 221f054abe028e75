// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// find(1) as findutils 4.9 has it: the command line is split into leading
// options (-H -L -P -D -O), start points and an expression; the expression
// is parsed here into a tree of findExpr, evaluated for every file of the
// walk (find_eval.go); -printf and -ls are find_printf.go.

// findExpr is a node of the parsed expression.
type findExpr interface {
	eval(e *findEntry) bool
}

type (
	findAnd   struct{ a, b findExpr }
	findOr    struct{ a, b findExpr }
	findNot   struct{ a findExpr }
	findComma struct{ a, b findExpr }
	// findTest is a primary: a test or an action.
	findTest func(e *findEntry) bool
)

func (n findAnd) eval(e *findEntry) bool   { return n.a.eval(e) && n.b.eval(e) }
func (n findOr) eval(e *findEntry) bool    { return n.a.eval(e) || n.b.eval(e) }
func (n findNot) eval(e *findEntry) bool   { return !n.a.eval(e) }
func (n findComma) eval(e *findEntry) bool { n.a.eval(e); return n.b.eval(e) }
func (t findTest) eval(e *findEntry) bool  { return t(e) }

// findError is a fatal complaint about the command line: find prints it
// and exits 1 before walking.
type findError struct{ msg string }

func (e *findError) Error() string { return e.msg }

func findErrf(format string, a ...any) error { return &findError{fmt.Sprintf(format, a...)} }

// errFindDone ends the parse of --help and --version successfully.
var errFindDone = errors.New("done")

// findParser turns the expression words into a tree.
type findParser struct {
	f    *finder
	toks []string
	pos  int
	// printing is set once an action other than -prune and -quit is
	// seen: no -print is added then.
	printing bool
	prune    bool
}

func (p *findParser) peek() (string, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return "", false
}

func isFindBinary(t string) bool {
	return t == "-o" || t == "-or" || t == "-a" || t == "-and" || t == ","
}

// parseList is the whole expression: comma lists, the loosest binding.
func (p *findParser) parseList() (findExpr, error) {
	a, err := p.parseOr()
	for err == nil {
		t, ok := p.peek()
		if !ok || t != "," {
			break
		}
		p.pos++
		var b findExpr
		if b, err = p.operand(t, p.parseOr); err == nil {
			a = findComma{a, b}
		}
	}
	return a, err
}

func (p *findParser) parseOr() (findExpr, error) {
	a, err := p.parseAnd()
	for err == nil {
		t, ok := p.peek()
		if !ok || (t != "-o" && t != "-or") {
			break
		}
		p.pos++
		var b findExpr
		if b, err = p.operand(t, p.parseAnd); err == nil {
			a = findOr{a, b}
		}
	}
	return a, err
}

func (p *findParser) parseAnd() (findExpr, error) {
	a, err := p.parseUnary()
	for err == nil {
		t, ok := p.peek()
		if !ok || t == "-o" || t == "-or" || t == "," || t == ")" {
			break
		}
		var b findExpr
		if t == "-a" || t == "-and" {
			p.pos++
			b, err = p.operand(t, p.parseUnary)
		} else {
			b, err = p.parseUnary()
		}
		if err == nil {
			a = findAnd{a, b}
		}
	}
	return a, err
}

// operand parses what must follow the operator op.
func (p *findParser) operand(op string, next func() (findExpr, error)) (findExpr, error) {
	t, ok := p.peek()
	if !ok {
		return nil, findErrf("expected an expression after '%s'", op)
	}
	if t == ")" {
		return nil, findErrf("expected an expression between '%s' and ')'", op)
	}
	if isFindBinary(t) {
		return nil, findErrf("invalid expression; you have used a binary operator '%s' with nothing before it.", t)
	}
	return next()
}

func (p *findParser) parseUnary() (findExpr, error) {
	t, ok := p.peek()
	switch {
	case !ok:
		return nil, findErrf("expected an expression")
	case isFindBinary(t):
		return nil, findErrf("invalid expression; you have used a binary operator '%s' with nothing before it.", t)
	case t == ")":
		return nil, findErrf("you have too many ')'")
	}
	p.pos++
	switch t {
	case "!", "-not":
		a, err := p.operand(t, p.parseUnary)
		if err != nil {
			return nil, err
		}
		return findNot{a}, nil
	case "(":
		if n, ok := p.peek(); ok && n == ")" {
			return nil, findErrf("invalid expression; empty parentheses are not allowed.")
		}
		a, err := p.parseList()
		if err != nil {
			return nil, err
		}
		if n, ok := p.peek(); !ok || n != ")" {
			return nil, findErrf("invalid expression; I was expecting to find a ')' somewhere but did not see one.")
		}
		p.pos++
		return a, nil
	}
	return p.primary(t)
}

// arg takes the argument of the primary name.
func (p *findParser) arg(name string) (string, error) {
	if p.pos >= len(p.toks) {
		return "", findErrf("missing argument to `%s'", name)
	}
	p.pos++
	return p.toks[p.pos-1], nil
}

// parse parses the expression and completes it: -print is added when no
// action prints, and -delete's -depth checked against -prune.
func (p *findParser) parse() (findExpr, error) {
	var expr findExpr
	if len(p.toks) > 0 {
		var err error
		if expr, err = p.parseList(); err != nil {
			return nil, err
		}
		if p.pos < len(p.toks) {
			t := p.toks[p.pos]
			if t == ")" {
				return nil, findErrf("you have too many ')'")
			}
			return nil, findErrf("paths must precede expression: `%s'", t)
		}
	}
	f := p.f
	if f.delete && p.prune && !f.depthSet {
		return nil, findErrf("The -delete action automatically turns on -depth, but -prune does nothing when -depth is in effect.  If you want to carry on anyway, just explicitly use the -depth option.")
	}
	if f.delete {
		f.depth = true
	}
	print := findTest(func(e *findEntry) bool { e.f.writeName(f.c.Out, e.path, '\n'); return true })
	switch {
	case expr == nil:
		expr = print
	case !p.printing:
		expr = findAnd{expr, print}
	}
	return expr, nil
}

// findStarts splits find's arguments: the leading options, the start
// points (up to the first word that begins an expression) and the rest.
func (f *finder) splitArgs(args []string) (starts, expr []string, err error) {
	i := 0
options:
	for ; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			i++
			break options
		case a == "-H" || a == "-L" || a == "-P":
			f.follow = a[1]
		case a == "-D":
			if i+1 >= len(args) {
				return nil, nil, findErrf("Missing argument after the -D option.")
			}
			i++
			for _, w := range strings.Split(args[i], ",") {
				switch w {
				case "exec", "opt", "rates", "search", "stat", "time", "tree", "all", "help":
				default:
					f.c.Errorf("Ignoring unrecognised debug flag %s", applet.QuoteArg(w))
				}
			}
		case strings.HasPrefix(a, "-D") && len(a) > 2:
		case strings.HasPrefix(a, "-O"):
		case len(a) > 2 && a[0] == '-' && strings.Trim(a[1:], "HLP") == "" && !strings.HasPrefix(a, "--"):
			// A cluster such as -HL: the last letter wins.
			f.follow = a[len(a)-1]
		default:
			break options
		}
	}
	j := i
	for j < len(args) && !startsFindExpr(args[j]) {
		j++
	}
	return args[i:j], args[j:], nil
}

// startsFindExpr reports whether a word ends the start points.
func startsFindExpr(w string) bool {
	return (len(w) > 1 && w[0] == '-') || w == "!" || w == "(" || w == ")" || w == ","
}

const findHelp = `[-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]

Walk each PATH (default: the current directory) and evaluate EXPRESSION
(default: -print) for every file met.

Operators, tightest first; a missing operator between two is -and:
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2

Options that hold wherever they appear (always true):
      -daystart -follow -nowarn -regextype -warn

Global options (always true; put them before the tests):
      -depth -files0-from FILE -maxdepth LEVELS -mindepth LEVELS
       -mount -noleaf -xdev -ignore_readdir_race -noignore_readdir_race

Tests (a number N may be +N for more than N, -N for less than N):
      -amin N -anewer FILE -atime N -cmin N -cnewer FILE -context CONTEXT
      -ctime N -empty -false -fstype TYPE -gid N -group NAME -ilname PATTERN
      -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN
      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE
      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN
      -readable -writable -executable
      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpflsD] -uid N
      -used N -user NAME -xtype [bcdpfls]

Actions:
      -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print
      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit
      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;
      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;

      --help     print this help and exit
      --version  print the version and exit
`
