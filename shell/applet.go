// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"context"
	"fmt"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"mvdan.cc/sh/v3/interp"
)

// builtinFunc is a command the shell runs itself, with its state at hand.
type builtinFunc func(c *cmd) int

// builtins replace the interpreter's own where those would touch the host
// or differ from bash (see call); echo is added by its file.
var builtins = map[string]builtinFunc{
	"test": testApplet, "[": testApplet, "pwd": pwdApplet, "umask": umaskApplet,
	"status": statusApplet, "type": typeApplet, "command": commandApplet,
	"printf": printfApplet, "fdredir": fdredirApplet, "echo": echoApplet,
}

// programBuiltins are the shell's builtins that are programs too
// (/usr/bin/true, /usr/bin/echo ...): env, xargs, chroot and unshare run
// them in a child shell.
var programBuiltins = []string{
	"true", "false", "echo", "printf", "test", "[", "pwd", "kill", "command", "read", "umask",
}

// Register adds the shell to set: sh and bash as programs, the builtins
// that are programs too, and the child shell that runs those.
func Register(set *applet.Set) {
	set.Register(shApplet, "sh", "bash")
	set.RegisterViaShell(programBuiltins...)
	set.SetShell(runInChildShell)
}

// cmd is a builtin running in a shell: a command, plus the shell and the
// interpreter's context of the call.
type cmd struct {
	*applet.Cmd
	sh *shell
	hc interp.HandlerContext
}

// newCmd makes the command for one call of name from the interpreter.
func (s *shell) newCmd(ctx context.Context, hc interp.HandlerContext, name string, args []string) *applet.Cmd {
	return applet.New(ctx, s.set, s.procOf(hc).task, name, args, exportedEnv(hc), hc.Stdin, hc.Stdout, hc.Stderr)
}

// builtinErrorf prints a shell builtin's diagnostic the way bash does:
// "sh: line N: NAME: message".
func (c *cmd) builtinErrorf(format string, a ...any) {
	c.Out.Flush()
	prefix := c.sh.name + ": "
	if c.hc.Pos.IsValid() {
		prefix += fmt.Sprintf("line %d: ", c.hc.Pos.Line())
	}
	fmt.Fprintf(c.Errw, "%s%s: %s\n", prefix, c.Name, fmt.Sprintf(format, a...))
}
