// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// bash execs a program in place of a shell process that has nothing
// left to do: the last simple command of a -c string, and of a
// subshell, a command or process substitution or a background command.
// It lowers SHLVL by one first, so that a shell started so shows the
// level it was started at (bash -c 'bash -c "echo \$SHLVL"' prints what
// the outer one did). It does not where a trap is set (but for an
// ignored signal), for a command with redirections (but in a
// subshell), a negated or timed one, or a function's. exec lowers it
// as well, but in a subshell. dash leaves SHLVL alone.
//
// The commands that may be so are marked when the program is rewritten,
// with a prefix assignment the handlers read (and leave out of the
// environment):
//
//	bash -c 'true; env'  ->  true; LINUXVFS_EXECS=t env
//
// t: the (sub)shell's traps decide; n: no trap counts (a substitution's
// or a job's, whose traps are not its parent's); x: exec.

const execsVar = "LINUXVFS_EXECS"

// rewriteExecLevels marks the commands under n that bash execs in place
// of its process; funcs are the program's function names.
func (s *shell) rewriteExecLevels(file *syntax.File) {
	if s.dialect == Dash {
		return
	}
	funcs := map[string]bool{}
	syntax.Walk(file, func(n syntax.Node) bool {
		if fd, ok := n.(*syntax.FuncDecl); ok {
			funcs[fd.Name.Value] = true
		}
		return true
	})
	mark := func(stmts []*syntax.Stmt, kind string, redirs bool) {
		if len(stmts) > 0 {
			markExecs(stmts[len(stmts)-1], kind, redirs, funcs)
		}
	}
	if s.commandLine {
		mark(file.Stmts, "t", false)
	}
	syntax.Walk(file, func(n syntax.Node) bool {
		switch c := n.(type) {
		case *syntax.Subshell:
			mark(c.Stmts, "t", true)
		case *syntax.CmdSubst:
			mark(c.Stmts, "n", false)
		case *syntax.ProcSubst:
			mark(c.Stmts, "n", false)
		case *syntax.Stmt:
			if c.Background && len(c.Redirs) == 0 && !c.Negated {
				if call, ok := c.Cmd.(*syntax.CallExpr); ok {
					markCall(call, "n", funcs)
				}
			}
		case *syntax.CallExpr:
			if len(c.Args) > 1 && c.Args[0].Lit() == "exec" {
				markCall(c, "x", funcs)
			}
		}
		return true
	})
}

// markExecs marks st, the last command of a shell process, if it is one
// bash may exec: a simple command, or the last of an && or || list;
// redirs says redirections do not keep it from that.
func markExecs(st *syntax.Stmt, kind string, redirs bool, funcs map[string]bool) {
	if st == nil || st.Negated || st.Background || st.Coprocess || len(st.Redirs) > 0 && !redirs {
		return
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		markCall(c, kind, funcs)
	case *syntax.BinaryCmd:
		if c.Op == syntax.AndStmt || c.Op == syntax.OrStmt {
			markExecs(c.Y, kind, redirs, funcs)
		}
	}
}

// markCall gives c the mark, if it names a program: a word that is no
// builtin nor function of the program.
func markCall(c *syntax.CallExpr, kind string, funcs map[string]bool) {
	if len(c.Args) == 0 {
		return
	}
	name, ok := unquotedText(c.Args[0])
	if kind != "x" && (!ok || name == "" || funcs[name] || interp.IsBuiltin(name) || overridden[name]) {
		return
	}
	pos := c.Pos()
	c.Assigns = append([]*syntax.Assign{{Name: roLit(pos, execsVar), Value: litWord(pos, kind)}}, c.Assigns...)
}

// programEnv is the environment of a program the command at hc runs:
// the exported variables, with SHLVL lowered where bash execs it.
func (s *shell) programEnv(hc interp.HandlerContext) applet.EnvList {
	return s.programEnvFor(hc, "")
}

// programEnvFor is programEnv for a program bash found as file: bash puts
// that name (the path PATH gave, or the word as written) in the
// program's environment as _.
func (s *shell) programEnvFor(hc interp.HandlerContext, file string) applet.EnvList {
	env := s.levelEnv(hc)
	if s.dialect != Bash || file == "" {
		return env
	}
	env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "_=") })
	env = append(env, "_="+file)
	slices.Sort(env)
	return env
}

// levelEnv is the exported variables, SHLVL one lower for a program that
// replaces the shell.
func (s *shell) levelEnv(hc interp.HandlerContext) applet.EnvList {
	env := exportedEnv(hc)
	if !s.execsInPlace(hc) {
		return env
	}
	for i, kv := range env {
		if v, ok := strings.CutPrefix(kv, "SHLVL="); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < 1 {
				n = 1
			}
			env[i] = "SHLVL=" + strconv.Itoa(n-1)
		}
	}
	return env
}

// execsInPlace reports whether bash would exec the program the marked
// command at hc runs.
func (s *shell) execsInPlace(hc interp.HandlerContext) bool {
	if hc.Env == nil {
		return false
	}
	p := s.procOf(hc)
	switch hc.Env.Get(execsVar).String() {
	case "n":
		return true
	case "x":
		return p == s.top || p.jobStart
	case "t":
		for _, action := range p.sig.snapshot().actions {
			if action != "" {
				return false
			}
		}
		return true
	}
	return false
}
