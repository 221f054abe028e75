// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"slices"

	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

const (
	xargsSlotVar = 0x100 + iota
	xargsShowLimits
)

var xargsOptions = []getopt.Option{
	{Short: '0', Long: "null"},
	{Short: 'a', Long: "arg-file", Arg: getopt.RequiredArg},
	{Short: 'd', Long: "delimiter", Arg: getopt.RequiredArg},
	{Short: 'E', Arg: getopt.RequiredArg},
	{Short: 'e', Long: "eof", Arg: getopt.OptionalArg},
	{Short: 'i', Arg: getopt.OptionalArg},
	{Short: 'I', Arg: getopt.RequiredArg},
	{Long: "replace", Arg: getopt.OptionalArg, ID: 'I'},
	{Short: 'l', Long: "max-lines", Arg: getopt.OptionalArg},
	{Short: 'L', Arg: getopt.RequiredArg},
	{Short: 'n', Long: "max-args", Arg: getopt.RequiredArg},
	{Short: 'o', Long: "open-tty"},
	{Short: 'p', Long: "interactive"},
	{Short: 'r', Long: "no-run-if-empty"},
	{Short: 's', Long: "max-chars", Arg: getopt.RequiredArg},
	{Short: 't', Long: "verbose"},
	{Long: "show-limits", ID: xargsShowLimits},
	{Short: 'x', Long: "exit"},
	{Short: 'P', Long: "max-procs", Arg: getopt.RequiredArg},
	{Long: "process-slot-var", Arg: getopt.RequiredArg, ID: xargsSlotVar},
}

const xargsHelp = `[OPTION]... [COMMAND [INITIAL-ARG]...]
Run COMMAND (echo without one) with the INITIAL-ARGs followed by as many
arguments read from standard input as fit, as many times as it takes.
Input words are split at blanks and newlines; quotes and backslashes work
as in the shell.

  -0, --null               words end with NUL, taken as they are
  -d, --delimiter=CHAR     words end with CHAR (or \n, \t, \x41, \101 ...)
  -a, --arg-file=FILE      read the words from FILE; commands keep stdin
  -E END, -e[END], --eof[=END]
                           stop reading at a line that is END
  -I R, -i[R], --replace[=R]
                           run once per input line, each R in the
                           INITIAL-ARGs replaced by it ({} without R)
  -L N, -l[N], --max-lines[=N]
                           at most N non-blank input lines a command
  -n, --max-args=N         at most N words a command
  -s, --max-chars=N        at most N bytes of command line
  -x, --exit               stop when a command line would be too long
  -r, --no-run-if-empty    do not run COMMAND at all without input
  -t, --verbose            print each command on standard error first
  -p, --interactive        ask on /dev/tty before each command
  -o, --open-tty           give commands /dev/tty as standard input
  -P, --max-procs=N        accepted; commands run one after another
      --process-slot-var=VAR  set VAR to the command's slot (0)
      --show-limits        print the command-line limits
      --help               show this help
      --version            show the version

Exit status: 0, 123 if a command failed, 124 if one exited 255, 126 if
COMMAND cannot be run, 127 if it is not found, 1 for other errors.
`

// xargsArgMax is the command-line room xargs assumes (ARG_MAX with an
// 8 MiB stack) and xargsHeadroom what POSIX has it leave free.
const (
	xargsArgMax   = 2097152
	xargsHeadroom = 2048
	xargsDefault  = 128 * 1024
)

// xargsExit ends xargs with a status (a fatal error, already reported).
type xargsExit int

func (e xargsExit) Error() string { return "xargs exit " + strconv.Itoa(int(e)) }

// xargsRun is one xargs invocation.
type xargsRun struct {
	c *cmd
	// Options.
	delimited                  bool // -0 or -d: read words up to delim
	delim                      byte
	eof                        string
	replace                    string
	maxLines, maxArgs          int
	argMax                     int
	exitIfTooLong              bool
	verbose, ask, noEmpty, tty bool
	argFile, slotVar           string
	showLimits                 bool
	posixMax, envSize          int
	ran, status                int
}

// xargsApplet is findutils' xargs(1). Commands run one at a time, each
// in a clone of the task, as children xargs waits for.
func xargsApplet(c *cmd) int {
	x := &xargsRun{c: c, argMax: xargsDefault}
	x.envSize = 0
	for _, kv := range c.Env {
		x.envSize += len(kv) + 1
	}
	x.posixMax = xargsArgMax - xargsHeadroom - x.envSize
	if x.argMax > x.posixMax {
		x.argMax = x.posixMax
	}
	operands, status, ok := c.GetoptEach(xargsOptions, true, xargsHelp, x.option)
	if !ok {
		return status
	}
	if err := x.run(operands); err != nil {
		var exit xargsExit
		if errors.As(err, &exit) {
			return int(exit)
		}
		return 1
	}
	return x.status
}

// run reads the input and runs the commands.
func (x *xargsRun) run(operands []string) error {
	c := x.c
	if x.eof != "" && x.delimited {
		c.Errorf("warning: the -E option has no effect if -0 or -d is used.\n")
	}
	input := c.Stdin
	if x.argFile != "" && x.argFile != "-" {
		f, err := applet.OpenFile(c.Task, x.argFile, linux.O_RDONLY, 0)
		if err != nil {
			c.Errorf("Cannot open input file %s: %s", c.QuoteArg(x.argFile), applet.ErrText(err))
			return xargsExit(1)
		}
		defer f.Close()
		input = f
	}
	in := bufio.NewReader(input)
	if x.replace != "" || x.maxLines > 0 {
		x.exitIfTooLong = true
	}
	if len(operands) == 0 {
		operands = []string{"echo"}
	}
	if x.showLimits {
		x.printLimits()
	}
	if x.replace != "" {
		return x.runPerLine(in, operands)
	}
	return x.runBatches(in, operands)
}

// printLimits is --show-limits.
func (x *xargsRun) printLimits() {
	c := x.c
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "Your environment variables take up %d bytes\n", x.envSize)
	fmt.Fprintf(c.Errw, "POSIX upper limit on argument length (this system): %d\n", x.posixMax)
	fmt.Fprintf(c.Errw, "POSIX smallest allowable upper limit on argument length (all systems): %d\n", 4096)
	fmt.Fprintf(c.Errw, "Maximum length of command we could actually use: %d\n", x.posixMax-x.envSize)
	fmt.Fprintf(c.Errw, "Size of command buffer we are actually using: %d\n", x.argMax)
	fmt.Fprintf(c.Errw, "Maximum parallelism (--max-procs must be no greater): %d\n", math.MaxInt32)
}

// printCommand shows a command line on standard error, words quoted as
// the shell would need them.
func (x *xargsRun) printCommand(argv []string, end string) {
	words := make([]string, len(argv))
	for k, a := range argv {
		words[k] = applet.QuoteName(a)
	}
	x.c.Out.Flush()
	fmt.Fprint(x.c.Errw, strings.Join(words, " ")+end)
}

// confirm is -p: the command and "?..." on standard error, and the
// answer from /dev/tty.
func (x *xargsRun) confirm(argv []string) (bool, error) {
	c := x.c
	tty, err := applet.OpenFile(c.Task, "/dev/tty", linux.O_RDONLY, 0)
	if err != nil {
		x.printCommand(argv, "")
		c.Errorf("failed to open /dev/tty for reading: %s", applet.ErrText(err))
		return false, xargsExit(1)
	}
	defer tty.Close()
	x.printCommand(argv, "?...")
	line, err := bufio.NewReader(tty).ReadString('\n')
	if err != nil && line == "" {
		c.Errorf("Failed to read from stdin")
		return false, xargsExit(1)
	}
	return line[0] == 'y' || line[0] == 'Y', nil
}

// spawn runs one command in a child and folds its status into xargs's:
// 123 for a failure, and an end to everything for 255 or when the
// command cannot be run.
func (x *xargsRun) spawn(argv []string) error {
	c := x.c
	t := c.Task.Clone(0)
	defer t.Exit()
	env := slices.Clone(c.Env)
	if x.slotVar != "" {
		env = putenv(unsetenv(env, x.slotVar), x.slotVar+"=0")
	}
	name, err := c.FindProgram(t, argv[0], env)
	if err != nil {
		c.Errorf("%s: %s", argv[0], applet.ErrText(err))
		if errors.Is(err, linux.ENOENT) {
			return xargsExit(127)
		}
		return xargsExit(126)
	}
	x.ran++
	var stdin io.Reader = strings.NewReader("") // /dev/null
	if x.tty {
		f, err := applet.OpenFile(t, "/dev/tty", linux.O_RDONLY, 0)
		if err != nil {
			// The child dies before it can run the command, and
			// findutils 4.9's exit handler then fails an assertion in
			// it: xargs reports the child killed by SIGABRT.
			c.Errorf("%s: %s", c.QuoteArg("/dev/tty"), applet.ErrText(err))
			c.Errorf("xargs.c:1605: wait_for_proc_all: Assertion `getpid () == parent' failed.")
			c.Errorf("%s: terminated by signal 6", argv[0])
			return xargsExit(125)
		}
		defer f.Close()
		stdin = f
	} else if x.argFile != "" && x.argFile != "-" {
		stdin = c.Stdin
	}
	switch code := c.RunProgram(t, name, argv, env, stdin); code {
	case 0:
	case 255:
		c.Errorf("%s: exited with status 255; aborting", argv[0])
		// xargs's exit handler turns 124 into 123 when an earlier
		// command failed.
		if x.status != 0 {
			return xargsExit(x.status)
		}
		return xargsExit(124)
	default:
		x.status = 123
	}
	return nil
}

// isCSpace is isspace in the C locale.
func isCSpace(b byte) bool { return b == ' ' || b >= '\t' && b <= '\r' }

// option applies one option as xargs meets it; false ends xargs (status
// 1, the complaint printed).
func (x *xargsRun) option(o getopt.Parsed) bool {
	var ok = true
	switch o.ID {
	case '0':
		x.delimited, x.delim = true, 0
	case 'd':
		x.delimited = true
		x.delim, ok = x.delimiter(o.Value)
	case 'E', 'e':
		x.eof = o.Value
	case 'I', 'i':
		x.replace = "{}"
		if o.HasValue {
			x.replace = o.Value
		}
		x.exclusive("--replace/-I/-i", &x.maxArgs, "--max-args")
		x.exclusive("--replace/-I/-i", &x.maxLines, "--max-lines")
	case 'L', 'l':
		x.maxLines = 1
		if o.HasValue {
			x.maxLines, ok = x.number(o.Value, byte(o.ID), 1, -1, true)
		}
		which := map[int]string{'L': "-L", 'l': "--max-lines/-l"}[o.ID]
		x.exclusive(which, &x.maxArgs, "--max-args")
		x.exclusiveReplace(which, "--replace")
	case 'n':
		x.maxArgs, ok = x.number(o.Value, 'n', 1, -1, true)
		x.exclusive("--max-args/-n", &x.maxLines, "--max-lines")
		if x.replace != "" && x.maxArgs == 1 {
			x.maxArgs = 0 // -I -n1 is -I
		} else {
			x.exclusiveReplace("--max-args/-n", "--replace")
		}
	case 's':
		x.argMax, ok = x.number(o.Value, 's', 1, x.posixMax, false)
	case 'P':
		_, ok = x.number(o.Value, 'P', 0, math.MaxInt32, true)
	case 'a':
		x.argFile = o.Value
	case 'o':
		x.tty = true
	case 'p':
		x.ask, x.verbose = true, true
	case 'r':
		x.noEmpty = true
	case 't':
		x.verbose = true
	case 'x':
		x.exitIfTooLong = true
	case xargsShowLimits:
		x.showLimits = true
	case xargsSlotVar:
		if strings.Contains(o.Value, "=") {
			x.c.Errorf("option --process-slot-var may not be set to a value which includes `='")
			return false
		}
		x.slotVar = o.Value
	}
	return ok
}

// exclusive drops an earlier count option that the new one overrides,
// with xargs's warning.
func (x *xargsRun) exclusive(option string, earlier *int, name string) {
	if *earlier != 0 {
		x.c.Errorf("warning: options %s and %s are mutually exclusive, ignoring previous %s value", name, option, name)
		*earlier = 0
	}
}

func (x *xargsRun) exclusiveReplace(option, name string) {
	if x.replace != "" {
		x.c.Errorf("warning: options %s and %s are mutually exclusive, ignoring previous %s value", name, option, name)
		x.replace = ""
	}
}

// number reads an option's count as strtol would, within [min, max]
// (max < 0: none). Out of range is fatal, or else clamped with a warning.
func (x *xargsRun) number(s string, opt byte, min, max int, fatal bool) (int, bool) {
	v, ok := strtol(s)
	switch {
	case !ok:
		x.c.Errorf("invalid number \"%s\" for -%c option", s, opt)
		x.c.TryHelp()
		return 0, false
	case v < int64(min):
		x.c.Errorf("value %s for -%c option should be >= %d", s, opt, min)
		if fatal {
			x.c.TryHelp()
			return 0, false
		}
		return min, true
	case max >= 0 && v > int64(max):
		x.c.Errorf("value %s for -%c option should be <= %d", s, opt, max)
		if fatal {
			x.c.TryHelp()
			return 0, false
		}
		return max, true
	}
	return int(v), true
}

// strtol reads a whole string as a decimal long: leading white space and
// a sign allowed, out-of-range values saturated.
func strtol(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "+")
	if t == "" || strings.Trim(t, "0123456789") != "" || strings.HasPrefix(s, "+-") {
		return 0, false
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		v = math.MaxInt64
		if neg {
			return math.MinInt64, true
		}
	}
	if neg {
		v = -v
	}
	return v, true
}

// delimiter reads -d's character: one byte, or a C escape, \xHH or \OOO.
func (x *xargsRun) delimiter(s string) (byte, bool) {
	if len(s) == 1 {
		return s[0], true
	}
	if !strings.HasPrefix(s, "\\") {
		x.c.Errorf("Invalid input delimiter specification %s: the delimiter must be either a single character or an escape sequence starting with \\.", s)
		return 0, false
	}
	if k := strings.IndexByte("abfnrtv\\", s[1]); k >= 0 {
		return "\a\b\f\n\r\t\v\\"[k], true
	}
	base, digits := 8, s[1:]
	switch {
	case s[1] == 'x':
		base, digits = 16, s[2:]
	case s[1] < '0' || s[1] > '9':
		x.c.Errorf("Invalid escape sequence %s in input delimiter specification.", s)
		return 0, false
	}
	n := 0
	for n < len(digits) && strings.IndexByte("0123456789abcdefABCDEF"[:map[int]int{8: 8, 16: 22}[base]], digits[n]) >= 0 {
		n++
	}
	v, err := strconv.ParseUint(digits[:n], base, 64)
	if n == 0 {
		v, err = 0, nil
	}
	if err != nil || v > 255 {
		x.c.Errorf("Invalid escape sequence %s in input delimiter specification; character values must not exceed %s.", s, map[int]string{8: "377", 16: "ff"}[base])
		return 0, false
	}
	if n < len(digits) {
		x.c.Errorf("Invalid escape sequence %s in input delimiter specification; trailing characters %s not recognised.", s, digits[n:])
		return 0, false
	}
	return byte(v), true
}
