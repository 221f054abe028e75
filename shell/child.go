// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"syscall"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
	"mvdan.cc/sh/v3/expand"
)

// EnvList is a process environment as execve passes it: NAME=VALUE
// strings in their order, which env prints as it is. The interpreter's
// environments sort their variables, so commands that env and xargs run
// directly see one of these instead.
type EnvList []string

func (e EnvList) Get(name string) expand.Variable {
	for _, kv := range e {
		if n, v, _ := strings.Cut(kv, "="); n == name {
			return expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: v}
		}
	}
	return expand.Variable{}
}

func (e EnvList) Each(f func(name string, vr expand.Variable) bool) {
	for _, kv := range e {
		n, v, _ := strings.Cut(kv, "=")
		if !f(n, expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: v}) {
			return
		}
	}
}

// Value is getenv(3) on the list.
func (e EnvList) Value(name string) (string, bool) {
	v := e.Get(name)
	return v.Str, v.IsSet()
}

// programBuiltins are the replaced builtins that are programs too
// (/usr/bin/echo, /usr/bin/[ ...), which env and xargs may run.
var programBuiltins = map[string]bool{"echo": true, "printf": true, "test": true, "[": true, "pwd": true}

// defaultPath is the search path of execvp when PATH is unset (glibc's
// _CS_PATH).
const defaultPath = "/bin:/usr/bin"

// FindProgram is execvp's search for a command in a process whose
// environment is env: a name with a slash must be a program file, a bare
// name is found if PATH lists one of the directories the applets live in.
func FindProgram(t *vfs.Task, name string, env EnvList) (string, error) {
	if strings.Contains(name, "/") {
		return ulFindCommand(t, name, true)
	}
	path, ok := env.Value("PATH")
	if !ok {
		path = defaultPath
	}
	for _, dir := range strings.Split(path, ":") {
		for _, known := range ulPath {
			if strings.TrimRight(dir, "/") == known {
				return ulFindCommand(t, name, true)
			}
		}
	}
	return "", linux.ENOENT
}

// ExecError reports a command that could not be run, as env and xargs
// do ("NAME: 'CMD': No such file or directory"), and returns the status
// execvp's failure stands for: 127 when not found, 126 otherwise.
func (c *cmd) ExecError(name string, err error) int {
	c.Errorf("%s: %s", QuoteArg(name), ErrText(err))
	if errors.Is(err, linux.ENOENT) {
		return 127
	}
	return 126
}

// RunProgram runs argv (whose first word findProgram resolved to name)
// as a child process on task t with environment env and the given
// standard input; its output goes to the applet's streams. Applets run
// directly, seeing env in its order; the interpreter's own builtins (true,
// kill, ...) run in a nested shell.
func (c *cmd) RunProgram(t *vfs.Task, name string, argv []string, env EnvList, stdin io.Reader) int {
	if err := c.Out.Flush(); err != nil {
		return 1
	}
	a := applets[name]
	if a == nil && programBuiltins[name] {
		a = builtinApplets[name]
	}
	if a == nil {
		cfg := Config{Task: t, Stdin: stdin, Stdout: c.Out, Stderr: c.Errw,
			Args: append([]string{name}, argv[1:]...), Env: env}
		code, err := Run(c.Ctx, cfg, `"$@"`)
		if err != nil && c.Ctx.Err() == nil && code == 0 {
			code = 1
		}
		c.Out.Flush()
		return code
	}
	hc := c.hc
	hc.Env = env
	hc.Stdin = stdin
	child := &cmd{Ctx: c.Ctx, sh: c.sh, Task: t, hc: hc, Name: name, Args: argv[1:],
		Stdin: stdin, Out: bufio.NewWriter(c.Out), Errw: c.Errw, UsageStatus: 1}
	code := child.run(a)
	if err := c.Out.Flush(); errors.Is(err, syscall.EPIPE) {
		// The child would have died of SIGPIPE.
		return 128 + 13
	}
	return code
}
