// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/interp"
)

// Script files as programs. linuxvfs runs no binaries, but a file of the
// virtual system holding a shell script is a program it can run: execve
// would start the "#!" line's interpreter (sh, bash, ash, dash, busybox
// sh), and a shell runs a file with no "#!" line itself when execve says
// ENOEXEC. So a command that names such a file, by path or through PATH,
// runs in a child sh as a real system would run it.

// scriptOf returns the file a command word names if it is a script the
// shell can run: a path, or a name found in a directory of PATH.
func (s *shell) scriptOf(t *vfs.Task, hc interp.HandlerContext, name string) (string, bool) {
	if strings.Contains(name, "/") {
		return name, applet.IsShellScript(t, name)
	}
	for _, dir := range strings.Split(hc.Env.Get("PATH").String(), ":") {
		if dir == "" {
			dir = "."
		}
		if p := applet.JoinPath(dir, name); applet.IsShellScript(t, p) {
			return p, true
		}
	}
	return "", false
}

// runScript runs the script at path with args as a child process: sh
// reading the file, $0 the path.
func (s *shell) runScriptFile(ctx context.Context, hc interp.HandlerContext, path string, args []string) (int, error) {
	return s.runProgram(ctx, hc, s.scriptShell(s.procOf(hc).task, path), append([]string{path}, args...), shApplet)
}

// scriptShell names the shell that runs a script file: its "#!" line's,
// or for a file without one this shell itself (execve's ENOEXEC makes
// the calling shell run it).
func (s *shell) scriptShell(t *vfs.Task, path string) string {
	if name := applet.ScriptShell(t, path); name != "" {
		return name
	}
	if s.dialect == Bash {
		return "bash"
	}
	return "sh"
}

// execInPlace marks the command of `exec CMD`: the call handler rewrites
// it so that the exec handler runs CMD on the shell's own task, as execve
// replaces the process rather than forking one (`exec switch_root ...` in
// an initramfs's /init keeps pid 1).
const execInPlace = internal + "exec"

// execsFile reports whether `exec name` runs a program of the set or a
// script file, which exec runs in place; builtins and functions are the
// interpreter's.
func (s *shell) execsFile(hc interp.HandlerContext, name string) bool {
	if strings.HasPrefix(name, internal) {
		return false
	}
	if s.set.Lookup(name) != nil {
		return true
	}
	_, ok := s.scriptOf(s.procOf(hc).task, hc, name)
	return ok
}

// execFinds is nil when `exec name` has nothing to run: no builtin,
// function, program or script of that name.
func (s *shell) execFinds(hc interp.HandlerContext, name string) any {
	switch {
	case strings.HasPrefix(name, internal) || interp.IsBuiltin(name):
		return name
	case s.runner != nil && s.runner.Funcs[name] != nil:
		return s.runner.Funcs[name]
	case s.set.Lookup(name) != nil:
		return s.set.Lookup(name)
	}
	if _, ok := s.scriptOf(s.procOf(hc).task, hc, name); ok {
		return name
	}
	return nil
}

// runInPlace runs args[0] on p's own task: its descriptors 0 to 2 become
// the call's streams and it execs the program.
func (s *shell) runInPlace(ctx context.Context, hc interp.HandlerContext, args []string) error {
	p := s.procOf(hc)
	name, prog := args[0], s.set.Lookup(args[0])
	argv := args
	if prog == nil {
		path, ok := s.scriptOf(p.task, hc, name)
		if !ok {
			fmt.Fprintf(hc.Stderr, "%sexec: %s: not found\n", s.linePrefix(hc.Pos.Line()), name)
			return interp.ExitStatus(127)
		}
		prog, argv = shApplet, append([]string{s.scriptShell(p.task, path), path}, args[1:]...)
	}
	t := p.task
	err := s.attachIn(t, hc.Stdin)
	if err == nil {
		err = s.attachOut(p, t, 1, hc.Stdout, nil)
	}
	if err == nil {
		err = s.attachOut(p, t, 2, hc.Stderr, hc.Stdout)
	}
	if err != nil {
		fmt.Fprintf(hc.Stderr, "%sexec: %s: %s\n", s.linePrefix(hc.Pos.Line()), name, applet.ErrText(err))
		return interp.ExitStatus(126)
	}
	env := exportedEnv(hc)
	t.Execve(argv[0], argv, env)
	in, out, errw := &applet.File{Task: t, Fd: 0}, &applet.File{Task: t, Fd: 1}, &applet.File{Task: t, Fd: 2}
	c := applet.New(ctx, s.set, t, argv[0], argv[1:], env, in, out, errw)
	if code := c.Run(prog); code != 0 {
		return interp.ExitStatus(uint8(code))
	}
	return nil
}
