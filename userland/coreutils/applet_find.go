// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// findNode is a parsed find expression.
type findNode interface {
	eval(f *finder, l applet.WalkLoc, st *vfs.Statx) bool
}

type (
	findAnd   struct{ a, b findNode }
	findOr    struct{ a, b findNode }
	findNot   struct{ a findNode }
	findTrue  struct{}
	findPrint struct{}
	findName  struct {
		pat  string
		fold bool
		path bool
	}
	findType  struct{ t uint32 }
	findEmpty struct{}
)

func (n findAnd) eval(f *finder, l applet.WalkLoc, st *vfs.Statx) bool {
	return n.a.eval(f, l, st) && n.b.eval(f, l, st)
}
func (n findOr) eval(f *finder, l applet.WalkLoc, st *vfs.Statx) bool {
	return n.a.eval(f, l, st) || n.b.eval(f, l, st)
}
func (n findNot) eval(f *finder, l applet.WalkLoc, st *vfs.Statx) bool { return !n.a.eval(f, l, st) }
func (findTrue) eval(*finder, applet.WalkLoc, *vfs.Statx) bool         { return true }
func (findPrint) eval(f *finder, l applet.WalkLoc, _ *vfs.Statx) bool {
	f.c.Out.WriteString(l.Path + "\n")
	return true
}
func (n findName) eval(_ *finder, l applet.WalkLoc, _ *vfs.Statx) bool {
	p := l.Path
	s := p
	if !n.path {
		s = path.Base(strings.TrimRight(p, "/"))
		if strings.TrimRight(p, "/") == "" {
			s = "/"
		}
	}
	pat := n.pat
	if n.fold {
		s, pat = strings.ToLower(s), strings.ToLower(pat)
	}
	ok, _ := path.Match(pat, s)
	return ok
}
func (n findType) eval(_ *finder, _ applet.WalkLoc, st *vfs.Statx) bool {
	return uint32(st.Mode)&linux.S_IFMT == n.t
}
func (findEmpty) eval(f *finder, l applet.WalkLoc, st *vfs.Statx) bool {
	if applet.IsDir(uint32(st.Mode)) {
		return applet.IsEmptyDirAt(f.c.Task, f.w.At(), l.Name)
	}
	return applet.IsReg(uint32(st.Mode)) && st.Size == 0
}

// finder is one find run.
type finder struct {
	c                  *cmd
	w                  *applet.DirWalk
	expr               findNode
	minDepth, maxDepth int
	status             int
	toks               []string
	pos                int
}

// findApplet is a small find(1): start paths, -name, -iname, -path,
// -type, -empty, -maxdepth, -mindepth, -print, !, -not, -a, -o, ( ).
// Like GNU find it does not follow symlinks and walks in directory order.
func findApplet(c *cmd) int {
	i := 0
	for i < len(c.Args) && c.Args[i] != "" && c.Args[i][0] != '-' && c.Args[i] != "!" && c.Args[i] != "(" {
		i++
	}
	starts := c.Args[:i]
	if len(starts) == 0 {
		starts = []string{"."}
	}
	f := &finder{c: c, w: applet.NewDirWalk(c.Task), toks: c.Args[i:], maxDepth: -1}
	expr, err := f.parse()
	if err != nil {
		c.Errorf("%s", err)
		return 1
	}
	f.expr = expr
	for _, s := range starts {
		f.walk(applet.WalkLoc{Path: s, Name: s}, 0)
		f.w.Close()
	}
	return f.status
}

func (f *finder) parse() (findNode, error) {
	if len(f.toks) == 0 {
		return findPrint{}, nil
	}
	n, err := f.parseOr()
	if err != nil {
		return nil, err
	}
	if f.pos < len(f.toks) {
		return nil, fmt.Errorf("unexpected %s", applet.Quote(f.toks[f.pos]))
	}
	if !hasPrint(n) {
		n = findAnd{n, findPrint{}}
	}
	return n, nil
}

func hasPrint(n findNode) bool {
	switch n := n.(type) {
	case findPrint:
		return true
	case findAnd:
		return hasPrint(n.a) || hasPrint(n.b)
	case findOr:
		return hasPrint(n.a) || hasPrint(n.b)
	case findNot:
		return hasPrint(n.a)
	}
	return false
}

func (f *finder) parseOr() (findNode, error) {
	a, err := f.parseAnd()
	for err == nil && f.pos < len(f.toks) && (f.toks[f.pos] == "-o" || f.toks[f.pos] == "-or") {
		f.pos++
		var b findNode
		if b, err = f.parseAnd(); err == nil {
			a = findOr{a, b}
		}
	}
	return a, err
}

func (f *finder) parseAnd() (findNode, error) {
	a, err := f.parseUnary()
	for err == nil && f.pos < len(f.toks) && f.toks[f.pos] != "-o" && f.toks[f.pos] != "-or" && f.toks[f.pos] != ")" {
		if t := f.toks[f.pos]; t == "-a" || t == "-and" {
			f.pos++
		}
		var b findNode
		if b, err = f.parseUnary(); err == nil {
			a = findAnd{a, b}
		}
	}
	return a, err
}

func (f *finder) parseUnary() (findNode, error) {
	if f.pos >= len(f.toks) {
		return nil, fmt.Errorf("expected an expression")
	}
	t := f.toks[f.pos]
	f.pos++
	switch t {
	case "!", "-not":
		n, err := f.parseUnary()
		return findNot{n}, err
	case "(":
		n, err := f.parseOr()
		if err == nil && (f.pos >= len(f.toks) || f.toks[f.pos] != ")") {
			return nil, fmt.Errorf("invalid expression; I was expecting to find a ')' somewhere but did not see one.")
		}
		f.pos++
		return n, err
	}
	return f.primary(t)
}

// primary parses a test or action and its argument.
func (f *finder) primary(t string) (findNode, error) {
	switch t {
	case "-print":
		return findPrint{}, nil
	case "-true":
		return findTrue{}, nil
	case "-false":
		return findNot{findTrue{}}, nil
	case "-empty":
		return findEmpty{}, nil
	}
	if f.pos >= len(f.toks) {
		return nil, fmt.Errorf("missing argument to %s", applet.Quote(t))
	}
	arg := f.toks[f.pos]
	f.pos++
	switch t {
	case "-name", "-iname", "-path", "-wholename":
		return findName{pat: arg, fold: t == "-iname", path: t == "-path" || t == "-wholename"}, nil
	case "-type":
		types := map[string]uint32{"f": linux.S_IFREG, "d": linux.S_IFDIR, "l": linux.S_IFLNK, "p": linux.S_IFIFO,
			"c": linux.S_IFCHR, "b": linux.S_IFBLK, "s": linux.S_IFSOCK}
		if typ, ok := types[arg]; ok {
			return findType{typ}, nil
		}
		return nil, fmt.Errorf("Unknown argument to -type: %s", arg)
	case "-maxdepth", "-mindepth":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("Expected a positive decimal integer argument to %s, but got %s", t, applet.Quote(arg))
		}
		if t == "-maxdepth" {
			f.maxDepth = n
		} else {
			f.minDepth = n
		}
		return findTrue{}, nil
	}
	return nil, fmt.Errorf("unknown predicate `%s'", t)
}

// walk visits l and, for directories within -maxdepth, its entries.
func (f *finder) walk(l applet.WalkLoc, depth int) {
	if f.c.Cancelled() {
		return
	}
	st, err := f.c.Task.Fstatat(f.w.At(), l.Name, linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		f.fail(l, err)
		return
	}
	if depth >= f.minDepth {
		f.expr.eval(f, l, &st)
	}
	if !applet.IsDir(uint32(st.Mode)) || (f.maxDepth >= 0 && depth >= f.maxDepth) {
		return
	}
	ents, err := f.w.Enter(l, false)
	if err != nil {
		f.fail(l, err)
		return
	}
	for _, e := range ents {
		f.walk(l.Child(e.Name), depth+1)
	}
	if err := f.w.Leave(); err != nil {
		f.fail(l, err)
	}
}

func (f *finder) fail(l applet.WalkLoc, err error) {
	f.c.Errorf("%s: %s", applet.Quote(l.Path), applet.ErrText(err))
	f.status = 1
}
