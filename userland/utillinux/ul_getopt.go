// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

// ulOpt is one option of a getopt_long-style parser, as glibc's getopt_long
// sees it: a short letter and/or a long name, and whether it takes an
// argument (ulNoArg, ulReqArg, ulOptArg).
type ulOpt struct {
	short byte
	long  string
	arg   int
	id    int // returned in ulParsed.id; defaults to short
}

const (
	ulNoArg  = int(getopt.NoArg)
	ulReqArg = int(getopt.RequiredArg)
	ulOptArg = int(getopt.OptionalArg)
)

// ulParsed is one recognised option in command-line order.
type ulParsed struct {
	id     int
	name   string // "-x" or "--long", for messages
	arg    string
	hasArg bool
}

// ulGetopt parses args by getopt_long's rules with the project's one
// parser (internal/getopt); stopAtOperand is getopt's "+" mode, which
// POSIXLY_CORRECT also selects. On error it prints glibc's diagnostic
// with the applet's name and returns ok=false; the caller adds its own
// "Try ..." line and exit status.
func (c *cmd) ulGetopt(opts []ulOpt, stopAtOperand bool) (parsed []ulParsed, operands []string, ok bool) {
	table := make([]getopt.Option, len(opts))
	for i, o := range opts {
		table[i] = getopt.Option{Short: o.short, Long: o.long, Arg: getopt.Arg(o.arg), ID: o.ident()}
	}
	p := getopt.Parser{Options: table, InOrder: stopAtOperand || c.Getenv("POSIXLY_CORRECT") != ""}
	got, operands, err := p.Parse(c.Args)
	if err != nil {
		c.ulWarn("%s", err)
		return nil, nil, false
	}
	parsed = make([]ulParsed, len(got))
	for i, g := range got {
		parsed[i] = ulParsed{id: g.ID, name: g.Name, arg: g.Value, hasArg: g.HasValue}
	}
	return parsed, operands, true
}

func (o *ulOpt) ident() int {
	if o.id != 0 {
		return o.id
	}
	return int(o.short)
}

// ulWarn is util-linux's warnx: "NAME: message" on standard error.
func (c *cmd) ulWarn(format string, a ...any) {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, fmt.Sprintf(format, a...))
}

// ulTryHelp is util-linux's errtryhelp: the hint after a usage error, and
// the status to exit with.
func (c *cmd) ulTryHelp(code int) int {
	c.Out.Flush()
	fmt.Fprintf(c.Errw, "Try '%s --help' for more information.\n", c.Name)
	return code
}

// ulBadUsage is "NAME: bad usage" followed by the hint.
func (c *cmd) ulBadUsage(code int) int {
	c.ulWarn("bad usage")
	return c.ulTryHelp(code)
}

// ulExclusive is util-linux's err_exclusive_options: groups lists the
// option sets of which at most one member may be used; the diagnostic names
// every member of the violated group by its long name.
func (c *cmd) ulExclusive(parsed []ulParsed, opts []ulOpt, groups [][]int) bool {
	for _, g := range groups {
		seen := 0
		for _, p := range parsed {
			for _, id := range g {
				if p.id != id {
					continue
				}
				if seen == 0 {
					seen = id
				} else if seen != id {
					var b strings.Builder
					for _, id := range g {
						for i := range opts {
							if opts[i].ident() == id {
								if opts[i].long != "" {
									fmt.Fprintf(&b, " --%s", opts[i].long)
								} else {
									fmt.Fprintf(&b, " -%c", opts[i].short)
								}
								break
							}
						}
					}
					c.Out.Flush()
					fmt.Fprintf(c.Errw, "%s: mutually exclusive arguments:%s\n", c.Name, b.String())
					return false
				}
			}
		}
	}
	return true
}
