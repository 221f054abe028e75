// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/linuxvfs/linuxvfs/vfs"
	"github.com/spf13/pflag"
	"mvdan.cc/sh/v3/interp"
)

// appletFunc runs one command and returns its exit status.
type appletFunc func(c *cmd) int

// applets are the commands found "on PATH"; builtinApplets replace shell
// builtins (see call). Both are filled in init functions (here and in
// other files) to break the cycle through run, which looks them up; each
// init adds to them, whichever runs first.
var applets, builtinApplets map[string]appletFunc

func init() {
	addApplets(&applets, map[string]appletFunc{
		"basename": basenameApplet, "cat": catApplet, "chgrp": chgrpApplet,
		"chmod": chmodApplet, "chown": chownApplet, "cp": cpApplet,
		"dirname": dirnameApplet, "env": envApplet, "find": findApplet, "head": headApplet,
		"id": idApplet, "md5sum": md5sumApplet, "sha1sum": sha1sumApplet,
		"sha256sum": sha256sumApplet, "sha512sum": sha512sumApplet, "mktemp": mktempApplet,
		"xargs": xargsApplet, "yes": yesApplet, "dd": ddApplet, "od": odApplet,
		"ln": lnApplet, "ls": lsApplet, "mkdir": mkdirApplet, "mknod": mknodApplet,
		"mkfifo": mkfifoApplet, "mv": mvApplet, "readlink": readlinkApplet,
		"realpath": realpathApplet, "rm": rmApplet, "rmdir": rmdirApplet,
		"stat": statApplet, "tail": tailApplet, "tee": teeApplet,
		"touch": touchApplet, "truncate": truncateApplet, "wc": wcApplet,
		"sh": shApplet, "bash": shApplet,
	})
	addApplets(&builtinApplets, map[string]appletFunc{
		"test": testApplet, "[": testApplet, "pwd": pwdApplet, "umask": umaskApplet,
		"status": statusApplet, "type": typeApplet, "command": commandApplet, "printf": printfApplet,
		"fdredir": fdredirApplet,
	})
}

// addApplets adds more to a registry, creating it if needed.
func addApplets(m *map[string]appletFunc, more map[string]appletFunc) {
	if *m == nil {
		*m = map[string]appletFunc{}
	}
	for name, a := range more {
		(*m)[name] = a
	}
}

// cmd is one running applet: its arguments, streams and task.
type cmd struct {
	Ctx  context.Context
	sh   *shell
	Task    *vfs.Task
	hc   interp.HandlerContext
	Name string
	Args []string

	Stdin io.Reader
	Out   *bufio.Writer
	Errw  io.Writer
	// UsageStatus is the exit status of a usage error (2 for ls).
	UsageStatus int
}

func newCmd(ctx context.Context, s *shell, hc interp.HandlerContext, name string, args []string) *cmd {
	stdin := hc.Stdin
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	stdout, stderr := hc.Stdout, hc.Stderr
	if stdout == nil {
		stdout = io.Discard
	}
	if stderr == nil {
		stderr = io.Discard
	}
	return &cmd{Ctx: ctx, sh: s, Task: s.task, hc: hc, Name: name, Args: args,
		Stdin: stdin, Out: bufio.NewWriter(stdout), Errw: stderr, UsageStatus: 1}
}

// run runs a and flushes its output. A failed write of standard output is
// a failure of the command, as in coreutils' close_stdout.
func (c *cmd) run(a appletFunc) int {
	code := a(c)
	err := c.Out.Flush()
	switch {
	case errors.Is(err, syscall.EPIPE):
		// A real process would have died of SIGPIPE, silently.
		return 128 + 13
	case err != nil && code == 0:
		fmt.Fprintf(c.Errw, "%s: write error: %s\n", c.Name, ErrText(err))
		code = 1
	}
	return code
}

// Errorf prints "NAME: message" on standard error, after what the applet
// already wrote to standard output.
func (c *cmd) Errorf(format string, a ...any) {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, fmt.Sprintf(format, a...))
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

// ErrText is strerror for the errors applets see: linux.Errno's text, or
// the text inside a wrapping error.
func ErrText(err error) string {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return ErrText(pe.Unwrap())
	}
	return err.Error()
}

// FlagSet returns a pflag set for GNU-style options: combined short flags,
// "--", options after operands. Diagnostics are printed by parse.
func (c *cmd) FlagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// Parse parses the arguments and returns the operands; false means a usage
// error was reported and the applet should return c.usageStatus.
func (c *cmd) Parse(fs *pflag.FlagSet) ([]string, bool) {
	if err := fs.Parse(c.Args); err != nil {
		c.UsageError(err)
		return nil, false
	}
	return fs.Args(), true
}

// UsageError prints getopt's wording of a pflag error.
func (c *cmd) UsageError(err error) {
	var ne *pflag.NotExistError
	var ve *pflag.ValueRequiredError
	switch {
	case errors.Is(err, pflag.ErrHelp):
		c.Errorf("invalid option -- 'h'")
	case errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "":
		c.Errorf("invalid option -- '%s'", ne.GetSpecifiedName()[:1])
	case errors.As(err, &ne):
		c.Errorf("unrecognized option '--%s'", ne.GetSpecifiedName())
	case errors.As(err, &ve) && ve.GetSpecifiedShortnames() != "":
		c.Errorf("option requires an argument -- '%s'", ve.GetSpecifiedName()[:1])
	case errors.As(err, &ve):
		c.Errorf("option '--%s' requires an argument", ve.GetSpecifiedName())
	default:
		c.Errorf("%s", err)
	}
	c.TryHelp()
}

// TryHelp ends a usage diagnostic.
func (c *cmd) TryHelp() {
	fmt.Fprintf(c.Errw, "Try '%s --help' for more information.\n", c.Name)
}

// MissingOperand reports a command line without enough operands.
func (c *cmd) MissingOperand(after string) int {
	if after == "" {
		c.Errorf("missing operand")
	} else {
		c.Errorf("missing destination file operand after %s", QuoteArg(after))
	}
	c.TryHelp()
	return 1
}

// ExtraOperand reports one operand too many.
func (c *cmd) ExtraOperand(op string) int {
	c.Errorf("extra operand %s", QuoteArg(op))
	c.TryHelp()
	return 1
}

// Cancelled reports whether the shell's context ended, so that long
// applets (cat of a pipe, find of a big tree) stop with the script.
func (c *cmd) Cancelled() bool { return c.Ctx.Err() != nil }
