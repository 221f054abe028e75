// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const flockHelp = `
Usage:
 flock [options] <file>|<directory> <command> [<argument>...]
 flock [options] <file>|<directory> -c <command>
 flock [options] <file descriptor number>

Hold a BSD lock (flock(2)) on a file while a command runs, or take or
drop one on a descriptor the calling shell holds open.

Options:
 -s, --shared             a shared lock, others may share it
 -x, --exclusive          an exclusive lock (the default); -e too
 -u, --unlock             drop the lock
 -n, --nonblock           give up at once when the lock is taken
 -w, --timeout <secs>     give up after this long
 -E, --conflict-exit-code <number>  the status of giving up (1)
 -o, --close              the command runs without the lock's descriptor
 -c, --command <command>  after the file: a command for the shell
 -F, --no-fork            run the command in place of flock
     --verbose            say how long the lock took, and what runs

 -h, --help               show this help
 -V, --version            show the version
`

// sysexits.h statuses flock uses.
const (
	exUsage       = 64
	exDataErr     = 65
	exNoInput     = 66
	exUnavailable = 69
	exOSErr       = 71
	exCantCreat   = 73
)

var flockOptions = []getopt.Option{
	{Short: 's', Long: "shared"}, {Short: 'x', Long: "exclusive"}, {Short: 'e', ID: 'x'},
	{Short: 'u', Long: "unlock"}, {Short: 'n', Long: "nonblock"}, {Long: "nonblocking", ID: 'n'},
	{Short: 'w', Long: "timeout", Arg: getopt.RequiredArg}, {Long: "wait", ID: 'w', Arg: getopt.RequiredArg},
	{Short: 'E', Long: "conflict-exit-code", Arg: getopt.RequiredArg},
	{Short: 'o', Long: "close"}, {Short: 'F', Long: "no-fork"}, {Long: "verbose", ID: 'v'},
	{Short: 'h', Long: "help"}, {Short: 'V', Long: "version"},
}

// flockRun is one flock command's settings.
type flockRun struct {
	*cmd
	op               int
	timeout          time.Duration
	timed            bool
	conflict         int
	closeFd, verbose bool
}

// flockApplet is flock(1) of util-linux 2.38.
func flockApplet(c *cmd) int {
	r := &flockRun{cmd: c, op: linux.LOCK_EX, conflict: 1}
	p := getopt.Parser{Options: flockOptions, InOrder: true}
	opts, operands, err := p.Parse(c.Args)
	for _, o := range opts {
		if status, done := r.option(o); done {
			return status
		}
	}
	if err != nil {
		c.Errorf("%s", err)
		return r.tryHelp()
	}
	switch {
	case len(operands) == 0:
		return r.usage("not enough arguments")
	case len(operands) == 1:
		return r.onDescriptor(operands[0])
	}
	argv := operands[1:]
	if argv[0] == "-c" {
		if len(argv) != 2 {
			c.Errorf("-c requires exactly one command argument")
			return exUsage
		}
		sh := c.Getenv("SHELL")
		if sh == "" {
			sh = "/bin/sh"
		}
		argv = []string{sh, "-c", argv[1]}
	}
	return r.withFile(operands[0], argv)
}

func (r *flockRun) option(o getopt.Parsed) (status int, done bool) {
	switch o.ID {
	case 's':
		r.op = linux.LOCK_SH
	case 'x':
		r.op = linux.LOCK_EX
	case 'u':
		r.op = linux.LOCK_UN
	case 'n':
		r.op |= linux.LOCK_NB
	case 'w':
		secs, err := strconv.ParseFloat(o.Value, 64)
		if err != nil || secs < 0 {
			r.Errorf("invalid timeout value: '%s'", o.Value)
			return exUsage, true
		}
		r.timeout, r.timed = time.Duration(secs*float64(time.Second)), true
	case 'E':
		n, err := strconv.Atoi(o.Value)
		if err != nil || n < 0 || n > 255 {
			r.Errorf("invalid exit code: '%s'", o.Value)
			return exUsage, true
		}
		r.conflict = n
	case 'o':
		r.closeFd = true
	case 'v':
		r.verbose = true
	case 'h':
		r.Out.WriteString(flockHelp)
		return 0, true
	case 'V':
		r.Out.WriteString("flock from util-linux 2.38.1\n")
		return 0, true
	}
	return 0, false
}

func (r *flockRun) usage(msg string) int {
	r.Errorf("%s", msg)
	return r.tryHelp()
}

func (r *flockRun) tryHelp() int {
	fmt.Fprintf(r.Errw, "Try '%s --help' for more information.\n", r.Name)
	return exUsage
}

// onDescriptor locks or unlocks a descriptor of the calling shell.
func (r *flockRun) onDescriptor(word string) int {
	fd, err := strconv.ParseUint(word, 10, 31)
	if err != nil {
		r.Errorf("bad file descriptor: '%s'", word)
		return exUsage
	}
	return max(r.lock(int(fd), word), 0)
}

// lock takes the lock on fd, waiting as the options say; the status is
// -1 once it is held.
func (r *flockRun) lock(fd int, what string) int {
	op := r.op
	if r.timed && r.timeout == 0 {
		op |= linux.LOCK_NB
	}
	ctx := r.Ctx
	if r.timed {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.timeout)
		defer cancel()
	}
	start := time.Now()
	err := r.Task.Flock(fd, op, ctx.Done())
	switch {
	case err == nil:
		if r.verbose && op&linux.LOCK_UN == 0 {
			fmt.Fprintf(r.Errw, "%s: getting lock took %f seconds\n", r.Name, time.Since(start).Seconds())
		}
		return -1
	case errors.Is(err, linux.EWOULDBLOCK), errors.Is(err, linux.EINTR) && ctx.Err() == context.DeadlineExceeded:
		if r.verbose {
			fmt.Fprintf(r.Errw, "%s: failed to get lock\n", r.Name)
		}
		return r.conflict
	}
	r.Errorf("%s: %s", what, applet.ErrText(err))
	return exDataErr
}

// withFile opens (or makes) the lock file, locks it and runs argv.
func (r *flockRun) withFile(name string, argv []string) int {
	f, err := applet.OpenFile(r.Task, name, linux.O_RDONLY|linux.O_NOCTTY|linux.O_CREAT, 0o666)
	if errors.Is(err, linux.EISDIR) {
		f, err = applet.OpenFile(r.Task, name, linux.O_RDONLY|linux.O_NOCTTY, 0)
	}
	if err != nil {
		r.Errorf("cannot open lock file %s: %s", name, applet.ErrText(err))
		switch {
		case errors.Is(err, linux.ENOMEM), errors.Is(err, linux.EMFILE), errors.Is(err, linux.ENFILE):
			return exOSErr
		case errors.Is(err, linux.EROFS), errors.Is(err, linux.ENOSPC):
			return exCantCreat
		}
		return exNoInput
	}
	defer f.Close()
	if status := r.lock(f.Fd, name); status >= 0 {
		return status
	}
	return r.run(argv, f.Fd)
}

// run runs the command in a child that has the lock's descriptor unless
// -o; the lock stays with flock until the command ends.
func (r *flockRun) run(argv []string, fd int) int {
	t := r.Task.Clone(0)
	defer t.Exit()
	if r.closeFd {
		t.Close(fd)
	}
	name, err := r.FindProgram(t, argv[0], r.Env)
	if err != nil && argv[0] == "/bin/sh" {
		// A system without /bin still has a shell on its PATH.
		name, err = r.FindProgram(t, "sh", r.Env)
	}
	if err != nil {
		r.Errorf("failed to execute %s: %s", argv[0], applet.ErrText(err))
		return exUnavailable
	}
	if r.verbose {
		fmt.Fprintf(r.Errw, "%s: executing %s\n", r.Name, argv[0])
	}
	return r.RunProgram(t, name, argv, r.Env, r.Stdin)
}
