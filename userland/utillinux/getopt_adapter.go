// SPDX-License-Identifier: Apache-2.0

// The old option adapter, kept for blkid alone until it moves onto
// applet.FlagSet as the other util-linux programs did.

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// optSpec is one option of a getopt_long-style parser, as glibc's getopt_long
// sees it: a short letter and/or a long name, and whether it takes an
// argument (noArg, reqArg, optArg).
type optSpec struct {
	short byte
	long  string
	arg   int
	id    int // returned in optSeen.id; defaults to short
}

const (
	noArg  = int(getopt.NoArg)
	reqArg = int(getopt.RequiredArg)
	optArg = int(getopt.OptionalArg)
)

// optSeen is one recognised option in command-line order.
type optSeen struct {
	id     int
	name   string // "-x" or "--long", for messages
	arg    string
	hasArg bool
}

// parseOpts parses args by getopt_long's rules with the project's one
// parser (internal/getopt); stopAtOperand is getopt's "+" mode, which
// POSIXLY_CORRECT also selects. On error it prints glibc's diagnostic
// with the applet's name and returns ok=false; the caller adds its own
// "Try ..." line and exit status.
func (c *cmd) parseOpts(opts []optSpec, stopAtOperand bool) (parsed []optSeen, operands []string, ok bool) {
	table := make([]getopt.Option, len(opts))
	for i, o := range opts {
		table[i] = getopt.Option{Short: o.short, Long: o.long, Arg: getopt.Arg(o.arg), ID: o.ident()}
	}
	p := getopt.Parser{Options: table, InOrder: stopAtOperand || c.Getenv("POSIXLY_CORRECT") != ""}
	got, operands, err := p.Parse(c.Args)
	if err != nil {
		c.warnf("%s", err)
		return nil, nil, false
	}
	parsed = make([]optSeen, len(got))
	for i, g := range got {
		parsed[i] = optSeen{id: g.ID, name: g.Name, arg: g.Value, hasArg: g.HasValue}
	}
	return parsed, operands, true
}

func (o *optSpec) ident() int {
	if o.id != 0 {
		return o.id
	}
	return int(o.short)
}

// exclusiveOpts is util-linux's err_exclusive_options: groups lists the
// option sets of which at most one member may be used; the diagnostic names
// every member of the violated group by its long name.
func (c *cmd) exclusiveOpts(parsed []optSeen, opts []optSpec, groups [][]int) bool {
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

// printHelp prints the applet's --help text.
func (c *cmd) printHelp() {
	fmt.Fprint(c.Out, helpTexts[c.Name])
}

// versionLine prints --version: the applet and linuxvfs's version.
func (c *cmd) versionLine() {
	fmt.Fprintf(c.Out, "%s (linuxvfs) %s\n", c.Name, applet.Version)
}
