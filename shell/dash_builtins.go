// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// dash's special builtins end the shell when they fail (POSIX 2.8.1),
// and a few of its builtins check what the interpreter's let pass. The
// call handler asks dashCall first; what it returns runs instead.

// nargsMark begins the word rewriteDash appends to every shift: the
// handler does not see the positional parameters, so the program tells
// it their count.
const nargsMark = "\x01nargs="

// rewriteDialect prepares a program for the shell it runs in. getopts
// learns the positional parameters (getopts.go). For dash: shift learns
// $#, local outside every function body ends the shell, return there is
// exit, and braces are not expanded. For bash: local and
// return outside a function fail with bash's words, and $LINENO and
// $FUNCNAME, which the interpreter lacks, become the line and the
// enclosing function's name.
func (s *shell) rewriteDialect(n syntax.Node) {
	s.rewriteFdWords(n)
	var walk func(n syntax.Node, fn string)
	walk = func(n syntax.Node, fn string) {
		syntax.Walk(n, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.FuncDecl:
				if b, ok := n.Body.Cmd.(*syntax.Block); ok && s.dialect == Dash && callsGetopts(b) {
					b.Stmts = append([]*syntax.Stmt{getoptsLocal(b.Pos())}, b.Stmts...)
				}
				walk(n.Body, n.Name.Value)
				return false
			case *syntax.Stmt:
				s.rewriteOutsideFunc(n, fn != "")
				if s.dialect == Dash {
					dashBashisms(n, s.src)
				}
				negatedOutOfErrexit(n)
			case *syntax.CallExpr:
				if s.dialect == Dash && len(n.Args) > 0 && n.Args[0].Lit() == "shift" {
					n.Args = append(n.Args, nargsWord(n.Pos()))
				}
				if len(n.Args) > 0 && n.Args[0].Lit() == "getopts" {
					n.Args = append(n.Args, getoptsWords(n.Pos())...)
				}
			case *syntax.Word:
				n.Parts = s.flagsParts(n.Parts)
				if s.dialect == Dash {
					quoteBraces(n)
				} else {
					n.Parts = bashStaticParams(n.Parts, fn)
				}
			}
			return true
		})
	}
	outer := ""
	if s.nested && s.dialect == Dash {
		// An eval's text or a sourced file may run in a function or
		// not: local and return are left to the interpreter there.
		outer = "?"
	}
	walk(n, outer)
}

// rewriteOutsideFunc replaces local and return where no function
// encloses them (a sourced file is parsed by the interpreter, not here).
func (s *shell) rewriteOutsideFunc(st *syntax.Stmt, inFunc bool) {
	if inFunc {
		return
	}
	pos := st.Pos()
	switch c := st.Cmd.(type) {
	case *syntax.DeclClause:
		switch {
		case c.Variant.Value != "local":
		case s.dialect == Dash:
			st.Cmd = s.fatalCall(pos, "local: not in a function")
		default:
			st.Cmd = s.statusCall(pos, 1, "local: can only be used in a function")
		}
	case *syntax.CallExpr:
		switch {
		case len(c.Args) == 0 || c.Args[0].Lit() != "return":
		case s.dialect == Dash:
			// dash's return outside a function ends the shell.
			c.Args[0] = &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "exit"}}}
		default:
			st.Cmd = s.statusCall(pos, 2, "return: can only `return' from a function or sourced script")
		}
	}
}

// statusCall is a command that prints msg as the shell's diagnostic at
// pos and gives status code.
func (s *shell) statusCall(pos syntax.Pos, code int, msg string) *syntax.CallExpr {
	call := exitWithMessage(pos, code, s.linePrefix(pos.Line())+msg)
	call.Args = call.Args[1:] // not exec: the shell goes on
	return call
}

// bashStaticParams replaces $LINENO by its line and, in a function,
// $FUNCNAME by the function's name, in parts and the double quotes among
// them.
func bashStaticParams(parts []syntax.WordPart, fn string) []syntax.WordPart {
	for i, part := range parts {
		switch p := part.(type) {
		case *syntax.DblQuoted:
			p.Parts = bashStaticParams(p.Parts, fn)
		case *syntax.ParamExp:
			if p.Param == nil || p.Excl || p.Length || p.Exp != nil || p.Slice != nil || p.Repl != nil || p.Names != 0 {
				continue
			}
			value := ""
			switch {
			case p.Param.Value == "LINENO" && p.Index == nil:
				value = strconv.Itoa(int(p.Pos().Line()))
			case p.Param.Value == "FUNCNAME" && fn != "" && (p.Index == nil || isZeroIndex(p.Index)):
				value = fn
			case p.Param.Value == "BASHPID" && p.Index == nil:
				// A subshell's own pid, else the shell's ($$).
				pos := p.Param.ValuePos
				p.Param = &syntax.Lit{ValuePos: pos, ValueEnd: p.Param.ValueEnd, Value: bashPidVar}
				p.Short = false
				p.Exp = &syntax.Expansion{Op: syntax.DefaultUnsetOrNull, Word: &syntax.Word{Parts: []syntax.WordPart{
					&syntax.ParamExp{Dollar: pos, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: pidVar}}}}}
				continue
			default:
				continue
			}
			parts[i] = &syntax.Lit{ValuePos: p.Pos(), ValueEnd: p.End(), Value: value}
		}
	}
	return parts
}

// isZeroIndex reports whether an array index is the literal 0.
func isZeroIndex(e syntax.ArithmExpr) bool {
	w, ok := e.(*syntax.Word)
	return ok && w.Lit() == "0"
}

// quoteBraces keeps w's braces from the interpreter's brace expansion,
// which dash does not do ({a,b} stays as it is): each unquoted "{"
// becomes a quoted one.
func quoteBraces(w *syntax.Word) {
	var parts []syntax.WordPart
	changed := false
	for _, part := range w.Parts {
		lit, ok := part.(*syntax.Lit)
		if !ok || !strings.Contains(lit.Value, "{") {
			parts = append(parts, part)
			continue
		}
		changed = true
		for i, piece := range strings.Split(lit.Value, "{") {
			if i > 0 {
				parts = append(parts, &syntax.SglQuoted{Left: lit.ValuePos, Right: lit.ValuePos, Value: "{"})
			}
			if piece != "" {
				parts = append(parts, &syntax.Lit{ValuePos: lit.ValuePos, ValueEnd: lit.ValueEnd, Value: piece})
			}
		}
	}
	if changed {
		w.Parts = parts
	}
}

// nargsWord is the word "<nargsMark>$#".
func nargsWord(pos syntax.Pos) *syntax.Word {
	return &syntax.Word{Parts: []syntax.WordPart{
		&syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: nargsMark},
		&syntax.ParamExp{Dollar: pos, Short: true, Param: &syntax.Lit{ValuePos: pos, ValueEnd: pos, Value: "#"}},
	}}
}

// fatalCall is a command that prints msg as dash's diagnostic at pos and
// ends the (sub)shell with status 2.
func (s *shell) fatalCall(pos syntax.Pos, msg string) *syntax.CallExpr {
	return exitWithMessage(pos, 2, s.linePrefix(pos.Line())+msg)
}

// exitWithMessage is a command that prints text on the standard error and
// ends the (sub)shell with code.
func exitWithMessage(pos syntax.Pos, code int, text string) *syntax.CallExpr {
	lit := func(v string) *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: pos, Right: pos, Value: v}}}
	}
	return &syntax.CallExpr{Args: []*syntax.Word{lit("exec"), lit(internal + "status"), lit(strconv.Itoa(code)), lit(text)}}
}

// dashCall checks a call of one of dash's builtins; instead, when not nil,
// runs in its place.
// bashOnlyBuiltins are the interpreter's builtins that dash does not
// have: there, as any command not found, they are "not found". source
// stays: dash lacks it too, but this shell is also busybox's sh, whose
// ash has it, and images' init scripts use it.
var bashOnlyBuiltins = map[string]bool{"bind": true, "builtin": true, "caller": true,
	"compgen": true, "complete": true, "compopt": true, "declare": true, "typeset": true, "dirs": true,
	"disown": true, "enable": true, "history": true, "help": true, "logout": true, "mapfile": true,
	"readarray": true, "popd": true, "pushd": true, "shopt": true, "suspend": true}

func (s *shell) dashCall(ctx context.Context, hc interp.HandlerContext, args []string) (instead []string) {
	if s.dialect != Dash {
		if args[0] == "." || args[0] == "source" {
			return s.bashDot(hc, args)
		}
		return nil
	}
	fail := func(code int, fatal bool, msg string) []string {
		status := []string{internal + "status", strconv.Itoa(code), s.linePrefix(hc.Pos.Line()) + msg}
		if fatal {
			return append([]string{"exec"}, status...)
		}
		return status
	}
	if bashOnlyBuiltins[args[0]] && (s.runner == nil || s.runner.Funcs[args[0]] == nil) {
		return fail(127, false, s.notFoundText(args[0]))
	}
	switch args[0] {
	case "shift":
		return s.dashShift(args, fail)
	case ".":
		instead := s.dashDot(hc, args, fail)
		if instead == nil && len(args) > 1 {
			instead = args
		}
		if len(instead) > 1 && instead[0] == "." {
			if dot := s.dotCall(hc, instead); dot != nil {
				return dot
			}
		}
		return instead
	case "let":
		// bash's, which the interpreter knows.
		return fail(127, false, s.notFoundText("let"))
	case "set":
		for i, a := range args[1:] {
			if (a == "-o" || a == "+o") && i+2 < len(args) && args[i+2] == "pipefail" {
				// dash 0.5.12 has no pipefail.
				return fail(2, true, "set: Illegal option "+a+" pipefail")
			}
		}
	case "getopts":
		if len(args) < 3 {
			return fail(2, false, "getopts: Usage: getopts optstring var [arg...]")
		}
	case "break", "continue":
		if len(args) > 1 && (!dashNumber(args[1]) || strings.Trim(args[1], "+0") == "") {
			return fail(2, true, args[0]+": Illegal number: "+args[1])
		}
	case fdredirCmd:
		return s.dashFdredir(ctx, hc, args)
	}
	return nil
}

// dashShift checks shift against the count rewriteDash appended.
func (s *shell) dashShift(args []string, fail func(int, bool, string) []string) []string {
	last := args[len(args)-1]
	count, ok := strings.CutPrefix(last, nargsMark)
	if !ok {
		return nil
	}
	args = args[:len(args)-1]
	if len(args) > 1 && !dashNumber(args[1]) {
		return fail(2, true, "shift: Illegal number: "+args[1])
	}
	have, _ := strconv.Atoi(count)
	n := 1
	if len(args) > 1 {
		n, _ = strconv.Atoi(strings.TrimPrefix(args[1], "+"))
	}
	if n > have {
		return fail(2, true, "shift: can't shift that many")
	}
	return args
}

// dashDot finds the file of `. FILE` as dash does: a name with a slash
// as it is, else the first regular file of that name in PATH.
func (s *shell) dashDot(hc interp.HandlerContext, args []string, fail func(int, bool, string) []string) []string {
	if len(args) < 2 {
		return nil
	}
	t := s.procOf(hc).task
	name := args[1]
	if !strings.Contains(name, "/") {
		found, ok := dashPathSearch(t, hc, name)
		if !ok {
			return fail(2, true, ".: "+name+": not found")
		}
		return append([]string{".", found}, args[2:]...)
	}
	fd, err := t.OpenatFrom(applet.AtCWD, name, linux.O_RDONLY|linux.O_CLOEXEC, 0, shellFdFloor(t))
	if err != nil {
		_, text := s.redirText(name, linux.O_RDONLY, err)
		return fail(2, true, ".: cannot open "+name+": "+text)
	}
	st, err := t.Fstat(fd)
	t.Close(fd)
	if err == nil && st.Mode&linux.S_IFMT == linux.S_IFDIR {
		// dash reads a directory as an empty script.
		return []string{internal + "status", "0"}
	}
	return nil
}

// bashDot reports what bash's . and source cannot read, with bash's
// words and status 1 (the shell goes on); a name without a slash is
// looked for in PATH, then in the working directory.
func (s *shell) bashDot(hc interp.HandlerContext, args []string) []string {
	prefix := s.linePrefix(hc.Pos.Line())
	if len(args) < 2 {
		return []string{internal + "status", "2", prefix + args[0] + ": filename argument required\n" +
			args[0] + ": usage: " + args[0] + " filename [arguments]"}
	}
	t := s.procOf(hc).task
	name := args[1]
	if !strings.Contains(name, "/") {
		if found, ok := dashPathSearch(t, hc, name); ok {
			return append([]string{args[0], found}, args[2:]...)
		}
	}
	st, err := t.Stat(name)
	switch {
	case err != nil:
		return []string{internal + "status", "1", prefix + name + ": " + applet.ErrText(err)}
	case st.Mode&linux.S_IFMT == linux.S_IFDIR:
		return []string{internal + "status", "1", prefix + args[0] + ": " + name + ": is a directory"}
	}
	return nil
}

// dashPathSearch is the regular file name names in a directory of PATH.
func dashPathSearch(t *vfs.Task, hc interp.HandlerContext, name string) (string, bool) {
	for _, dir := range strings.Split(hc.Env.Get("PATH").String(), ":") {
		if dir == "" {
			dir = "."
		}
		p := applet.JoinPath(dir, name)
		if st, err := t.Stat(p); err == nil && st.Mode&linux.S_IFMT == linux.S_IFREG {
			return p, true
		}
	}
	return "", false
}

// dashFdredir applies exec's redirections of high descriptors here, so
// that a failure ends the shell as exec's does.
func (s *shell) dashFdredir(ctx context.Context, hc interp.HandlerContext, args []string) []string {
	c := &cmd{Cmd: s.newCmd(ctx, hc, fdredirCmd, args[1:]), sh: s, hc: hc}
	if code := c.runBuiltin(fdredirApplet); code != 0 {
		return []string{"exec", internal + "status", strconv.Itoa(code)}
	}
	return []string{internal + "status", "0"}
}

// dashSilent reports whether p is an interpreter's complaint dash does not
// make: break and continue outside a loop do nothing, quietly.
func dashSilent(p []byte) bool {
	s := string(p)
	return s == "break is only useful in a loop\n" || s == "continue is only useful in a loop\n"
}

// dashBashisms turns bash's let and (( )), which dash does not know, into
// what dash makes of them: let is a command it does not find, and "((
// WORDS ))" two subshells around a command of those words (when they
// hold nothing else the shell would parse).
func dashBashisms(st *syntax.Stmt, src string) {
	word := func(pos syntax.Pos, v string) *syntax.Word {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Left: pos, Right: pos, Value: v}}}
	}
	switch c := st.Cmd.(type) {
	case *syntax.DeclClause:
		// dash has no declare or typeset: a command of that name, which
		// is not found.
		if v := c.Variant.Value; v == "declare" || v == "typeset" {
			call := &syntax.CallExpr{Args: []*syntax.Word{word(c.Pos(), v)}}
			for _, as := range c.Args {
				w, ok := declArgWord(as)
				if !ok {
					return
				}
				call.Args = append(call.Args, w)
			}
			st.Cmd = call
		}
	case *syntax.LetClause:
		// Its words as written, for set -x's line.
		call := &syntax.CallExpr{Args: []*syntax.Word{word(c.Pos(), "let")}}
		text := "let" + sourceText(src, c.Let.Offset()+3, c.End().Offset())
		if f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(text), ""); err == nil && len(f.Stmts) == 1 {
			if parsed, ok := f.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(parsed.Assigns) == 0 {
				// dash's parser reads let as any command.
				for _, arg := range parsed.Args[1:] {
					lit, ok := unquotedText(arg)
					if !ok {
						break
					}
					call.Args = append(call.Args, word(c.Pos(), lit))
				}
			}
		}
		st.Cmd = call
	case *syntax.ArithmCmd:
		text := sourceText(src, c.Left.Offset()+2, c.Right.Offset())
		if strings.ContainsAny(text, "<>|&;$`'\"\\(){}") {
			return
		}
		var args []*syntax.Word
		for _, f := range strings.Fields(text) {
			args = append(args, word(c.Pos(), f))
		}
		if len(args) == 0 {
			return
		}
		inner := &syntax.Stmt{Position: c.Pos(), Cmd: &syntax.CallExpr{Args: args}}
		st.Cmd = &syntax.Subshell{Lparen: c.Pos(), Rparen: c.Pos(), Stmts: []*syntax.Stmt{{Position: c.Pos(),
			Cmd: &syntax.Subshell{Lparen: c.Pos(), Rparen: c.Pos(), Stmts: []*syntax.Stmt{inner}}}}}
	}
}

// negatedOutOfErrexit keeps errexit from the commands of a pipeline
// begun with "!" (the last part of "! a | b", a block's commands), as
// both shells do: the interpreter exempts only the pipeline's status.
// "! CMD" becomes "! CMD && :", whose left side errexit ignores.
func negatedOutOfErrexit(st *syntax.Stmt) {
	if !st.Negated || st.Cmd == nil {
		return
	}
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt) {
		return // an && or || list is exempt already
	}
	pos := st.Pos()
	inner := &syntax.Stmt{Position: pos, Cmd: st.Cmd}
	st.Cmd = &syntax.BinaryCmd{OpPos: pos, Op: syntax.AndStmt, X: inner, Y: callStmt(pos, litWord(pos, ":"))}
}
