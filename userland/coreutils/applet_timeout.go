// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const timeoutHelp = `[OPTION]... DURATION COMMAND [ARG]...
Run COMMAND, and stop it with a signal if it still runs after DURATION
(a number with an optional unit: s, m, h or d; 0 for no limit).

      --preserve-status  exit with the command's status even when it was
                         stopped (128+SIGNAL), not with 124
      --foreground       (accepted; commands here have no terminal to lose)
  -k, --kill-after=DURATION  (accepted; the command always stops)
  -s, --signal=SIGNAL    the signal to send, TERM unless given
  -v, --verbose          say when a signal is sent
      --help             show this help
      --version          show the version

Exit status: 124 if the command timed out (without --preserve-status),
125 if timeout itself failed, 126 if COMMAND could not be run, 127 if it
was not found, else the command's own status.
`

const (
	timeoutPreserve = 0x100 + iota
	timeoutForeground
)

var timeoutOptions = []getopt.Option{
	{Short: 'k', Long: "kill-after", Arg: getopt.RequiredArg},
	{Short: 's', Long: "signal", Arg: getopt.RequiredArg},
	{Short: 'v', Long: "verbose"},
	{Long: "preserve-status", ID: timeoutPreserve},
	{Long: "foreground", ID: timeoutForeground},
}

// exitCanceled is timeout's status for its own failures.
const exitCanceled = 125

// timeoutApplet is timeout(1) of coreutils 9.1: the command runs in a
// child whose context ends at the deadline; linuxvfs's programs stop
// when their context ends, as they would on SIGTERM.
func timeoutApplet(c *cmd) int {
	c.UsageStatus = exitCanceled
	cl, status, ok := c.Getopt(timeoutOptions, true, timeoutHelp)
	if !ok {
		return status
	}
	sig, preserve, verbose := int(linux.SIGTERM), false, false
	for _, o := range cl.Opts {
		switch o.ID {
		case 's':
			n, ok := timeoutSignal(o.Value)
			if !ok {
				c.Errorf("%s: invalid signal", c.QuoteArg(o.Value))
				c.TryHelp()
				return exitCanceled
			}
			sig = n
		case 'k':
			if _, ok := timeoutDuration(o.Value); !ok {
				c.Errorf("invalid time interval %s", c.QuoteArg(o.Value))
				c.TryHelp()
				return exitCanceled
			}
		case 'v':
			verbose = true
		case timeoutPreserve:
			preserve = true
		}
	}
	ops := cl.Operands
	if len(ops) < 2 {
		c.TryHelp()
		return exitCanceled
	}
	limit, ok := timeoutDuration(ops[0])
	if !ok {
		c.Errorf("invalid time interval %s", c.QuoteArg(ops[0]))
		c.TryHelp()
		return exitCanceled
	}
	return c.timeoutRun(ops[1:], limit, sig, preserve, verbose)
}

// timeoutRun runs argv in a child, stopped at the deadline.
func (c *cmd) timeoutRun(argv []string, limit time.Duration, sig int, preserve, verbose bool) int {
	t := c.Task.Clone(0)
	defer t.Exit()
	name, err := c.FindProgram(t, argv[0], c.Env)
	if err != nil {
		c.Errorf("failed to run command %s: %s", c.QuoteArg(argv[0]), applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return 127
		}
		return 126
	}
	parent := c.Ctx
	ctx, cancel := parent, context.CancelFunc(func() {})
	if limit > 0 {
		ctx, cancel = context.WithTimeout(parent, limit)
	}
	defer cancel()
	c.Ctx = ctx
	code := c.RunProgram(t, name, argv, c.Env, c.Stdin)
	c.Ctx = parent
	if limit == 0 || ctx.Err() == nil || parent.Err() != nil {
		return code
	}
	if verbose {
		c.Errorf("sending signal %s to command %s", linux.SignalNames[sig], c.QuoteArg(argv[0]))
	}
	if preserve {
		return 128 + sig
	}
	return 124
}

// timeoutSignal reads a signal by number or by name, with or without
// "SIG".
func timeoutSignal(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0 && n < len(linux.SignalNames) && (n == 0 || linux.SignalNames[n] != "")
	}
	name := strings.TrimPrefix(s, "SIG")
	for n, known := range linux.SignalNames {
		if known != "" && known == name {
			return n, true
		}
	}
	return 0, false
}

// timeoutDuration reads a duration as parse_duration does: a
// non-negative number and at most one unit letter.
func timeoutDuration(s string) (time.Duration, bool) {
	unit := 1.0
	if n := len(s); n > 0 && strings.IndexByte("smhd", s[n-1]) >= 0 {
		unit = map[byte]float64{'s': 1, 'm': 60, 'h': 3600, 'd': 86400}[s[n-1]]
		s = s[:n-1]
	}
	f, err := strconv.ParseFloat(strings.TrimLeft(s, " \t\n\v\f\r"), 64)
	if err != nil || f < 0 || math.IsNaN(f) || s == "" {
		return 0, false
	}
	secs := f * unit
	if secs > float64(math.MaxInt64/int64(time.Second)) {
		return time.Duration(math.MaxInt64), true
	}
	return time.Duration(secs * float64(time.Second)), true
}
