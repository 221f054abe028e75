// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/linuxvfs/linuxvfs/abi/linux"

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
	"fdpush": fdpushApplet, "fdpop": fdpopApplet, "declist": declListApplet,
	"wait": waitApplet, "jobs": jobsApplet, "kill": killApplet, "disown": disownApplet,
	"fg": noJobControlApplet, "bg": noJobControlApplet, "suspend": noJobControlApplet,
	"arith": lateArithApplet, "arithcmd": lateArithApplet, "badsubst": badSubstApplet,
	"quiet":   func(*cmd) int { return 0 }, // for traceFilter (getopts.go)
	"setlist": setlistApplet, "hash": hashApplet, "ulimit": ulimitApplet,
	// its redirections are settled before it runs (compoundredir.go)
	"redircheck": func(*cmd) int { return 0 },
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
	set.Register(shApplet, "sh")
	set.Register(bashApplet, "bash")
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
	stdout := hc.Stdout
	if stdout == nil || sameStream(stdout, io.Discard) {
		stdout = closedFd{} // >&-
	} else if _, host := stdout.(*os.File); s.dialect == Bash && !host {
		stdout = lineWriter{stdout}
	}
	return applet.New(ctx, s.set, s.procOf(hc).task, name, args, exportedEnv(hc), hc.Stdin, stdout, hc.Stderr)
}

// lineWriter writes each line on its own, as bash's builtins do (their
// standard output is line-buffered): a file that takes one value per
// write (a cgroup's, a /proc/sys one) sees each line separately. Not to
// a pipe between a pipeline's parts or the shell's own output (an
// *os.File): there the lines a real bash writes one by one reach a
// reader that is still starting up all at once (`printf 'a\nb\n' | dd`
// reads one record), which one write gives every time.
type lineWriter struct{ w io.Writer }

func (l lineWriter) Write(p []byte) (int, error) {
	done := 0
	for done < len(p) {
		end := len(p)
		if i := bytes.IndexByte(p[done:], '\n'); i >= 0 {
			end = done + i + 1
		}
		n, err := l.w.Write(p[done:end])
		done += n
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// closedFd is a closed descriptor: writes fail with EBADF.
type closedFd struct{}

func (closedFd) Write([]byte) (int, error) { return 0, linux.EBADF }

// runBuiltin runs one of linuxvfs's builtins; a failed write of its
// output is reported as bash reports a builtin's ("NAME: line N: pwd:
// write error: ..."), unless the builtin reported a failure itself.
func (c *cmd) runBuiltin(f func(*cmd) int) int {
	return c.Run(func(*applet.Cmd) int {
		code := f(c)
		err := c.Out.Flush()
		switch {
		case err == nil:
		case applet.BrokenPipe(err):
			if code == 0 {
				c.sh.brokenPipe(c.hc)
				return 128 + 13
			}
		case code == 0:
			c.builtinWriteError(err)
			code = 1
			fallthrough
		default:
			// Reported, here or by the builtin: a shell has no
			// close_stdout to complain again.
			c.ClearOut()
		}
		return code
	})
}

// builtinErrorf prints a shell builtin's diagnostic: "sh: line N: NAME:
// message" (linePrefix's form).
func (c *cmd) builtinErrorf(format string, a ...any) {
	if c.sh.dialect != Dash {
		c.Out.Flush() // dash's builtins write their output when they end
	}
	fmt.Fprintf(c.Errw, "%s%s: %s\n", c.sh.linePrefix(c.hc.Pos.Line()), c.Name, fmt.Sprintf(format, a...))
}
