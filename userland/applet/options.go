// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"fmt"
	"slices"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

// Option IDs of --help and --version in getopt tables; above every byte,
// so they cannot clash with a short option.
const (
	OptHelp = 0x1000 + iota
	OptVersion
)

// CmdLine is an applet's parsed command line.
type CmdLine struct {
	Opts     []getopt.Parsed
	Operands []string
}

// Getopt parses the applet's arguments by getopt_long's rules with opts
// plus --help and --version, and returns the options in command-line
// order. inOrder is a '+' optstring; POSIXLY_CORRECT in the environment
// asks for it too, as it does of glibc. On false the applet returns
// status: see getoptEach.
func (c *Cmd) Getopt(opts []getopt.Option, inOrder bool, help string) (cl CmdLine, status int, ok bool) {
	cl.Operands, status, ok = c.GetoptEach(opts, inOrder, help, func(o getopt.Parsed) bool {
		cl.Opts = append(cl.Opts, o)
		return true
	})
	return cl, status, ok
}

// GetoptEach is getopt calling each for every option as getopt_long's
// caller meets them: --help prints the help (our own text, after "Usage:
// NAME "), --version the version line, and both end the applet with
// status 0; each returning false ends it with c.usageStatus (each has
// reported why); a usage error of getopt's is reported after the options
// before it were seen, as "NAME: MSG" and the try-help line.
func (c *Cmd) GetoptEach(opts []getopt.Option, inOrder bool, help string, each func(getopt.Parsed) bool) ([]string, int, bool) {
	p := getopt.Parser{Options: WithHelp(opts), InOrder: inOrder || c.Getenv("POSIXLY_CORRECT") != ""}
	parsed, operands, err := p.Parse(c.Args)
	for _, o := range parsed {
		switch o.ID {
		case OptHelp:
			fmt.Fprintf(c.Out, "Usage: %s %s", c.Name, help)
			return nil, 0, false
		case OptVersion:
			fmt.Fprintf(c.Out, "%s (linuxvfs) %s\n", c.Name, Version)
			return nil, 0, false
		}
		if !each(o) {
			return nil, c.UsageStatus, false
		}
	}
	if err != nil {
		// glibc's getopt names argv[0] as given, whatever name the
		// program's own messages give.
		c.Out.Flush()
		fmt.Fprintf(c.Errw, "%s: %s\n", c.getoptName(), err)
		c.TryHelp()
		return nil, c.UsageStatus, false
	}
	return operands, 0, true
}

// getoptName is the name getopt's complaints give: argv[0] as given.
func (c *Cmd) getoptName() string {
	if c.Argv0 == "" {
		return c.Name // a command made without an argv
	}
	return c.Argv0
}

// WithHelp is an option table with --help and --version added.
// A table that has them in a place of its own keeps them there.
func WithHelp(opts []getopt.Option) []getopt.Option {
	all := append([]getopt.Option(nil), opts...)
	for _, b := range []getopt.Option{{Long: "help", ID: OptHelp}, {Long: "version", ID: OptVersion}} {
		if !slices.ContainsFunc(opts, func(o getopt.Option) bool { return o.Long == b.Long && o.ID == b.ID }) {
			all = append(all, b)
		}
	}
	return all
}

// Usage reports a Usage error of the applet's own ("NAME: MSG", then the
// try-help line) and returns c.usageStatus.
func (c *Cmd) Usage(format string, a ...any) int {
	c.Errorf(format, a...)
	c.TryHelp()
	return c.UsageStatus
}
