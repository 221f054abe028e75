// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"

	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// Interactive reads commands from cfg.Stdin a line at a time, as a shell
// on a terminal does: it prompts on cfg.Stderr ("# " for root, "$ "
// otherwise, "> " while a command is incomplete) and runs each complete
// line. It returns at end of input or after exit, with the last status.
func Interactive(ctx context.Context, cfg Config) (exit int, err error) {
	s, err := newShell(cfg)
	if err != nil {
		return 2, err
	}
	defer release(cfg.Task)
	defer s.ps4.release()
	if cfg.Stdin == nil {
		return 0, nil
	}
	in := &lineReader{r: bufio.NewReader(cfg.Stdin)}
	rcfg := cfg
	if _, ok := cfg.Stdin.(*os.File); !ok {
		// The interpreter would copy any other reader into a pipe at
		// once, taking the commands away from the parser.
		rcfg.Stdin = nil
	}
	stdin, restore, err := s.setStdStreams(rcfg)
	if err != nil {
		return 2, err
	}
	defer restore()
	defer s.ins.closeAll()
	rcfg.Stdin = stdin
	r, err := s.newRunner(rcfg)
	if err != nil {
		return 2, err
	}
	prompt := "$ "
	if s.task.Geteuid() == 0 {
		prompt = "# "
	}
	status := 0
	for {
		done, err := s.readEval(ctx, r, in, prompt, &status)
		if done || err != nil {
			return status, err
		}
	}
}

// readEval runs lines until end of input, exit, or a syntax error (after
// which the caller starts a fresh parser, as a shell forgets the line).
func (s *shell) readEval(ctx context.Context, r *interp.Runner, in io.Reader, prompt string, status *int) (done bool, err error) {
	p := syntax.NewParser(syntax.Variant(syntax.LangBash))
	fmt.Fprint(s.stderr, prompt)
	for stmts, perr := range p.InteractiveSeq(in) {
		if perr != nil {
			var pe syntax.ParseError
			if errors.As(perr, &pe) {
				s.syntaxError(perr, "")
				*status = 2
				return false, nil
			}
			return true, nil // end of input or a read error
		}
		for _, st := range stmts {
			s.noteTraceAssigns(st)
			s.rewriteDialect(st)
			s.rewriteHashScopes(st)
			markPipeSides(st)
			markSubstOut(st)
			rewriteKillTraps(st)
			s.wrapCompoundRedirs(st)
			markDeclTraces(st)
			prepare(st, jobTexts(st))
			*status, err = s.status(ctx, r.Run(ctx, st))
			s.endClones()
			if err != nil || r.Exited() {
				return true, err
			}
		}
		if p.Incomplete() {
			fmt.Fprint(s.stderr, "> ")
		} else {
			fmt.Fprint(s.stderr, prompt)
		}
	}
	fmt.Fprintln(s.stderr)
	return true, nil
}

// lineReader hands out its input one line per Read, so that the parser
// never holds more than the line it is parsing: after a syntax error a
// fresh parser continues with the next line.
type lineReader struct {
	r    *bufio.Reader
	rest []byte
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.rest) == 0 {
		line, err := l.r.ReadSlice('\n')
		if len(line) == 0 {
			return 0, err
		}
		l.rest = append(l.rest[:0], line...)
	}
	n := copy(p, l.rest)
	l.rest = l.rest[n:]
	return n, nil
}

// shApplet is sh (dash) inside linuxvfs, bashApplet bash: options, then
// -c CMDS [NAME [ARGS]], a script FILE [ARGS], or a script on standard
// input. It runs on the command's own task (a child of the calling
// shell), so its cd and umask stay its own. Which shell runs is the
// program's, not the name it was called by (a copy of bash is bash).
func shApplet(c *applet.Cmd) int { return runShell(c, Dash) }

func bashApplet(c *applet.Cmd) int { return runShell(c, Bash) }

func runShell(c *applet.Cmd, pers Personality) int {
	c.GivenName() // dash and bash call themselves $0: "/bin/sh: 1: ..."
	inv, err := ParseInvocation(c.Args)
	if err != nil {
		c.Out.Flush()
		fmt.Fprint(c.Errw, invocationMessage(pers, c.Name, err))
		return 2
	}
	if !inv.Privileged {
		dropSetID(c.Task, pers)
	}
	cfg := Config{Stdin: c.Stdin, Stdout: c.Stdout, Stderr: c.Errw, Name: c.Name, Env: c.Env, Set: c.Set, Options: inv.Options,
		Personality: pers}
	script, status, ok := scriptOf(c, inv, &cfg)
	if !ok {
		return status
	}
	c.Out.Flush()
	cfg.Task = c.Task
	code, err := Run(c.Ctx, cfg, script)
	if err != nil && c.Ctx.Err() == nil {
		c.Errorf("%s", err)
	}
	return code
}

// dropSetID is what bash and dash do as they start without -p: a shell
// whose effective user or group is not its real one (run set-ID, or by
// setpriv) takes the real ones as effective with setuid and setgid, so
// that a privileged shell gives up every ID. The order differs, which
// shows when both differ: bash changes the group first, dash (sh) the
// user, after which setgid no longer has CAP_SETGID and leaves the saved
// group (checked with bash 5.2 and dash 0.5.12 on Linux 6.18).
func dropSetID(t *vfs.Task, pers Personality) {
	dropUID := func() {
		if c := t.Cred(); c.UID != c.EUID {
			t.Setuid(c.UID)
		}
	}
	dropGID := func() {
		if c := t.Cred(); c.GID != c.EGID {
			t.Setgid(c.GID)
		}
	}
	if c := t.Cred(); c.UID == c.EUID && c.GID == c.EGID {
		return
	}
	if pers == Bash {
		dropGID()
		dropUID()
		return
	}
	dropUID()
	dropGID()
}

// scriptOf finds the script an invocation names and sets $0 and the
// positional parameters in cfg; on false the shell exits with status.
func scriptOf(c *applet.Cmd, inv Invocation, cfg *Config) (string, int, bool) {
	ops := inv.Operands
	switch {
	case inv.Command && len(ops) == 0 && cfg.Personality == Dash:
		fmt.Fprintf(c.Errw, "%s: 0: -c requires an argument\n", c.Name)
		return "", 2, false
	case inv.Command && len(ops) == 0:
		c.Errorf("-c: option requires an argument")
		return "", 2, false
	case inv.Command:
		if len(ops) > 1 {
			cfg.Name, cfg.Args = ops[1], ops[2:]
		}
		cfg.CommandLine, cfg.FromStdin = true, inv.Stdin
		return ops[0], 0, true
	case !inv.Stdin && len(ops) > 0:
		data, err := slurpScript(c, ops[0], cfg.Personality)
		if err != nil {
			return "", 127, false
		}
		cfg.Name, cfg.Args = ops[0], ops[1:]
		return data, 0, true
	}
	data, _ := io.ReadAll(c.Stdin)
	cfg.Args, cfg.Stdin, cfg.FromStdin = ops, nil, true
	return string(data), 0, true
}

// runInChildShell runs c.Args as one command of a shell on c.Task, for
// programs that are builtins of the shell (see Register).
func runInChildShell(c *applet.Cmd) int {
	c.Out.Flush()
	cfg := Config{Task: c.Task, Set: c.Set, Stdin: c.Stdin, Stdout: c.Stdout, Stderr: c.Errw, Args: c.Args, Env: c.Env}
	// A program file replaces this process rather than running in a
	// child of it (switch_root's init stays pid 1); builtins just run.
	script := `"$@"`
	if len(c.Args) > 0 && strings.Contains(c.Args[0], "/") {
		script = `exec "$@"`
	}
	code, err := Run(c.Ctx, cfg, script)
	if err != nil && c.Ctx.Err() == nil && code == 0 {
		code = 1
	}
	return code
}

// slurpScript reads a script file from the task and leaves it open, as
// dash and bash keep the script they read from (so its filesystem is busy
// while it runs): close-on-exec, dash's from descriptor 10 up, bash's at
// 255. The descriptor closes with the task when the program ends.
func slurpScript(c *applet.Cmd, name string, pers Personality) (string, error) {
	fd, err := c.Task.OpenatFrom(applet.AtCWD, name, linux.O_RDONLY|linux.O_CLOEXEC, 0, shellFdFloor(c.Task))
	if err == nil {
		if pers == Bash {
			fd = moveToFd(c.Task, fd, bashScriptFd)
		}
		var data []byte
		data, err = io.ReadAll(&applet.File{Task: c.Task, Fd: fd})
		if err == nil {
			return string(data), nil
		}
		c.Task.Close(fd)
	}
	c.Errorf("%s: %s", name, applet.ErrText(err))
	return "", err
}

// bashScriptFd is where bash keeps the script it reads.
const bashScriptFd = 255

// moveToFd moves descriptor fd of t to want if want is free, keeping
// close-on-exec; it returns where fd ends up.
func moveToFd(t *vfs.Task, fd, want int) int {
	if _, err := t.Fcntl(want, linux.F_GETFD, 0); err == nil {
		return fd // taken: stay where it is
	}
	moved, err := t.Fcntl(fd, linux.F_DUPFD_CLOEXEC, uint64(want))
	if err != nil {
		return fd
	}
	t.Close(fd)
	return moved
}
