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

const findHelp = `[-H|-L|-P] [-D WHAT] [-O N] [START...] [EXPRESSION]

Walk each START (the current directory when none is given) and evaluate
EXPRESSION for every file on the way; with no action in it, the names of
the files for which it is true are printed (-print).

How symbolic links are walked:
  -P                   never followed (default)
  -L                   always followed
  -H                   followed when named as a START

Combining (in falling precedence; two tests side by side mean -a):
  ( E )                grouping
  ! E, -not E          negation
  E -a E, E -and E     both
  E -o E, E -or E      either
  E , E                both evaluated, the value is the second's

Settings, true wherever they stand:
  -depth               a directory's contents before the directory
  -maxdepth N          no deeper than N levels below a START
  -mindepth N          only N levels or more below a START
  -xdev, -mount        stay on each START's filesystem
  -daystart            count -atime, -mtime... from today's 00:00
  -regextype TYPE      the syntax of -regex (emacs, posix-basic, ...)
  -files0-from FILE    read the STARTs, NUL-separated, from FILE
  -follow, -noleaf, -warn, -nowarn, -ignore_readdir_race and
  -noignore_readdir_race are accepted as findutils accepts them

Tests, where N is a number, +N more than N and -N less than N:
  by name              -name -iname -path -ipath -wholename -iwholename
                       -regex -iregex -lname -ilname (a PATTERN each)
  by type              -type T and -xtype T (T among b c d p f l s,
                       or a comma list), -empty, -fstype TYPE
  by size              -size N[cwbkMG]
  by owner             -user NAME -uid N -group NAME -gid N -nouser -nogroup
  by mode              -perm MODE, -perm -MODE (all), -perm /MODE (any),
                       -readable -writable -executable
  by identity          -inum N -links N -samefile FILE
  by time              -amin -atime -cmin -ctime -mmin -mtime -used (N each),
                       -newer -anewer -cnewer FILE, -newerXY REF
  constant             -true -false

Actions:
  -print, -print0, -printf FORMAT, -ls        to standard output
  -fprint, -fprint0, -fprintf, -fls FILE...   to FILE
  -exec CMD ;  -exec CMD {} +                 run CMD per file or batch
  -execdir CMD ;  -execdir CMD {} +           the same, from the file's dir
  -ok CMD ;  -okdir CMD ;                     ask first
  -delete, -prune, -quit

  --help                show this help
  --version             show the version
`
