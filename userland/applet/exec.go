// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// EnvList is a process environment as execve passes it: NAME=VALUE
// strings in their order, which env prints as it is.
type EnvList []string

// Value is getenv(3) on the list: the first definition wins.
func (e EnvList) Value(name string) (string, bool) {
	for _, kv := range e {
		if n, v, _ := strings.Cut(kv, "="); n == name {
			return v, true
		}
	}
	return "", false
}

// defaultPath is the search path of execvp when PATH is unset (glibc's
// _CS_PATH).
const defaultPath = "/bin:/usr/bin"

// FindProgram is execvp's search for a command in a process whose
// environment is env (see FindCommand).
func (c *Cmd) FindProgram(t *vfs.Task, name string, env EnvList) (string, error) {
	path, ok := env.Value("PATH")
	if !ok {
		path = defaultPath
	}
	return c.Set.findIn(t, name, path)
}

// FindProgramFile is execvp's search for the file of a program that
// FindProgram named by its name alone.
func (c *Cmd) FindProgramFile(t *vfs.Task, name string, env EnvList) (string, error) {
	path, ok := env.Value("PATH")
	if !ok {
		path = defaultPath
	}
	return LookPath(t, name, path)
}

// ExecError reports a command that could not be run, as env and xargs
// do ("NAME: 'CMD': No such file or directory"), and returns the status
// execvp's failure stands for: 127 when not found, 126 otherwise.
func (c *Cmd) ExecError(name string, err error) int {
	c.Errorf("%s: %s", QuoteArg(name), ErrText(err))
	if errors.Is(err, linux.ENOENT) {
		return 127
	}
	return 126
}

// RunProgram runs argv (whose first word FindProgram or FindCommand
// resolved to name: a program, or the path of a script) on task t, which execs it (t is the caller's own task
// for programs that exec, like env, or a fork of it), with environment env and
// the given standard input; its output goes to c's streams. Programs of
// the set run directly, seeing env in its order; the shell's builtins
// (true, kill, ...) run in a child shell.
func (c *Cmd) RunProgram(t *vfs.Task, name string, argv []string, env EnvList, stdin io.Reader) int {
	if err := c.Out.Flush(); err != nil {
		return 1
	}
	file, kargv := name, argv // what the kernel sees
	if strings.Contains(name, "/") {
		// A script: what runs is its interpreter's program.
		img, err := c.Set.ExecFile(t, name, argv)
		if err != nil {
			return c.ExecError(name, err)
		}
		file, kargv = img.File, img.Argv
		name, argv = c.Set.ProgramArgs(t, img)
	} else if path, err := c.FindProgramFile(t, name, env); err == nil {
		file = path // the program file the kernel loads (/proc/PID/exe)
	}
	t.Execve(file, kargv, env)
	// A program exec'd on the caller's own task writes its standard output
	// itself; a child of another task writes to the caller's standard
	// output (the caller's buffer is empty: flushed above), so that its
	// output and its standard error interleave as they are written.
	var stdout io.Writer = c.Stdout
	if f, ok := c.Stdout.(*File); ok && f.Task == t {
		stdout = f
	}
	child := &Cmd{Ctx: c.Ctx, Set: c.Set, Task: t, Argv0: argv[0], Name: baseName(argv[0]), Args: argv[1:], Env: env,
		Stdin: stdin, Stdout: stdout, Out: bufio.NewWriter(stdout), Errw: c.Errw, UsageStatus: 1}
	f := c.Set.Lookup(name)
	if f == nil {
		child.Args = append([]string{name}, argv[1:]...)
		f = c.Set.shell
	}
	if f == nil {
		c.Errorf("%s: %s", QuoteArg(name), ErrText(linux.ENOENT))
		return 127
	}
	code := child.Run(f)
	if err := c.Out.Flush(); BrokenPipe(err) {
		// The child would have died of SIGPIPE.
		return 128 + 13
	}
	return code
}

// Detached is c as a child task t sees it once it goes on by itself
// after c's program has returned (setsid -f, a daemon's fork): its
// standard streams are t's own descriptors 0 to 2, and ctx outlives c's.
func (c *Cmd) Detached(t *vfs.Task, ctx context.Context) *Cmd {
	out := &File{Task: t, Fd: 1}
	return &Cmd{Ctx: ctx, Task: t, Argv0: c.Argv0, Name: c.Name, Args: c.Args, Env: c.Env,
		Stdin: &File{Task: t, Fd: 0}, Stdout: out, Out: bufio.NewWriter(out), Errw: &File{Task: t, Fd: 2},
		UsageStatus: c.UsageStatus, Set: c.Set}
}
