// SPDX-License-Identifier: Apache-2.0

// Package applet is the contract between linuxvfs's shell and the commands
// it runs (coreutils, util-linux and the rest): a Cmd is one command
// running as a task with its arguments, streams and environment; a Set is
// the commands a system has, registered explicitly. It also holds what the
// applets share: option parsing with getopt_long's rules, diagnostics and
// their quoting, file and directory-walk helpers, and running a child
// program.
package applet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Version is linuxvfs's version, which every applet's --version prints.
const Version = "0.1.0"

// Func runs one command and returns its exit status.
type Func func(c *Cmd) int

// Cmd is one running command: its task, arguments, streams and
// environment, as a process would have them after execve.
type Cmd struct {
	Ctx  context.Context
	Task *vfs.Task
	// Argv0 is argv[0] as the program got it from execve: a path when it
	// was run by one. glibc's getopt words its complaints with it.
	Argv0 string
	// Name is the name the program's own messages give: New makes it
	// Argv0's base name (util-linux's program_invocation_short_name);
	// the tools that word them with argv[0] as given (coreutils'
	// program_name) set it to Argv0.
	Name string
	// HelpName, when set, is the name the try-help line gives instead of
	// Name (grep's, which is the short one).
	HelpName string
	Args     []string
	// Env is the environment, NAME=VALUE in the order the command got it.
	Env EnvList

	Stdin io.Reader
	// Stdout is standard output as given; Out buffers it for the command
	// and is flushed when the command ends or runs a child.
	Stdout io.Writer
	Out    *bufio.Writer
	Errw   io.Writer
	// UsageStatus is the exit status of a usage error (2 for ls).
	UsageStatus int
	// UsageLine, when set, is printed between a usage error and the
	// try-help line, as grep does ("Usage: grep [OPTION]... PATTERNS...").
	UsageLine string
	// TryFormat, when set, is the try-help line with %[1]s for the name:
	// the argp programs (tar, cpio) point at --usage too, gzip quotes
	// with a backquote.
	TryFormat string

	// exit, once set by Exit, is the command's status whatever its
	// function returns.
	exit *int
	// Set holds the commands a child of this one may run.
	Set *Set
}

// New makes a command ready to run, argv0 being its argv[0]; nil streams
// read nothing and discard what is written.
func New(ctx context.Context, set *Set, t *vfs.Task, argv0 string, args []string, env EnvList, stdin io.Reader, stdout, stderr io.Writer) *Cmd {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	if stdout == nil {
		stdout = io.Discard
	}
	if stderr == nil {
		stderr = io.Discard
	}
	return &Cmd{Ctx: ctx, Set: set, Task: t, Argv0: argv0, Name: baseName(argv0), Args: args, Env: env,
		Stdin: stdin, Stdout: stdout, Out: bufio.NewWriter(stdout), Errw: stderr, UsageStatus: 1}
}

// Run runs f and flushes its output. A failed write of standard output is
// a failure of the command, as coreutils treats it when closing stdout.
func (c *Cmd) Run(f Func) int {
	code := f(c)
	if c.exit != nil {
		code = *c.exit
	}
	earlier := c.OutFailed()
	err := c.Out.Flush()
	switch {
	case BrokenPipe(err):
		// A real process would have died of SIGPIPE, silently.
		return 128 + 13
	case err != nil:
		c.reportCloseFailure(err, earlier != nil)
		if code == 0 {
			code = c.UsageStatus
		}
	}
	return code
}

// reportCloseFailure is close_stdout's complaint (gnulib's closeout.c,
// util-linux's closestream.h). Once stdio's error flag is set by a write
// that failed while the program ran, fclose itself succeeds and errno is
// cleared, so the message has no reason; a failure first met by the final
// flush carries its errno.
func (c *Cmd) reportCloseFailure(err error, earlier bool) {
	if earlier {
		fmt.Fprintf(c.Errw, "%s: write error\n", c.Name)
		return
	}
	fmt.Fprintf(c.Errw, "%s: write error: %s\n", c.Name, ErrText(err))
}

// OutFailed returns the error a write of standard output has met so far
// (ferror(stdout)); bufio keeps the first one.
func (c *Cmd) OutFailed() error {
	_, err := c.Out.Write(nil)
	return err
}

// ClearOut drops what is buffered for standard output and its error, as
// coreutils' write_error does (fflush, then clearerr) before it exits with
// its own message, so that the final flush does not report it again.
func (c *Cmd) ClearOut() { c.Out.Reset(c.Stdout) }

// Exit fixes the command's exit status, as exit(3) called deep inside a
// program would: --help and --version end an applet with 0 from within
// its option parsing, whatever the applet's own path then returns.
func (c *Cmd) Exit(status int) { c.exit = &status }

// Errorf prints "NAME: message" on standard error, after what the command
// already wrote to standard output.
func (c *Cmd) Errorf(format string, a ...any) {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, fmt.Sprintf(format, a...))
}

// GivenName makes the command word its messages with argv[0] as given,
// as coreutils' program_name does ("/bin/cat: /x: ...").
func (c *Cmd) GivenName() { c.Name = c.Argv0 }

// ErrText is strerror for the errors commands see: linux.Errno's text, or
// the text inside a wrapping error.
func ErrText(err error) string {
	var pe interface{ Unwrap() error }
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return ErrText(pe.Unwrap())
	}
	return err.Error()
}

// Getenv is getenv(3).
func (c *Cmd) Getenv(name string) string {
	v, _ := c.Env.Value(name)
	return v
}

// EnvSet reports whether the environment has name, even if empty.
func (c *Cmd) EnvSet(name string) bool {
	_, ok := c.Env.Value(name)
	return ok
}

// Cancelled reports whether the command's context ended, so that long
// commands (cat of a pipe, find of a big tree) stop with the script.
func (c *Cmd) Cancelled() bool { return c.Ctx.Err() != nil }

// UTF8 reports whether the command's locale has UTF-8 characters: the
// first of LC_ALL, LC_CTYPE and LANG that is set names a UTF-8 locale
// (C.UTF-8, en_US.utf8...). Otherwise the C locale's bytes apply.
func (c *Cmd) UTF8() bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := c.Getenv(name); v != "" {
			_, codeset, _ := strings.Cut(v, ".")
			codeset, _, _ = strings.Cut(codeset, "@")
			codeset = strings.ToLower(codeset)
			return codeset == "utf-8" || codeset == "utf8"
		}
	}
	return false
}

// BrokenPipe reports whether err is a write to a pipe nobody reads any
// more (EPIPE), from the virtual kernel or from a host stream. A real
// process would have died of SIGPIPE there, silently, with status 141.
func BrokenPipe(err error) bool {
	return errors.Is(err, linux.EPIPE) || errors.Is(err, syscall.EPIPE)
}
