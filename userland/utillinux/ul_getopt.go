// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"
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
	ulNoArg = iota
	ulReqArg
	ulOptArg
)

// ulParsed is one recognised option in command-line order.
type ulParsed struct {
	id     int
	name   string // "-x" or "--long", for messages
	arg    string
	hasArg bool
}

// ulGetopt parses args the way glibc's getopt_long does: clustered short
// options, "--" ending options, unambiguous long-option prefixes,
// "--opt=value", and (unless stopAtOperand, which is getopt's "+" mode)
// operands mixed with options. On error it prints glibc's diagnostic with
// the applet's name and returns ok=false; the caller adds its own "Try ..."
// line and exit status.
func (c *cmd) ulGetopt(opts []ulOpt, stopAtOperand bool) (parsed []ulParsed, operands []string, ok bool) {
	args := c.Args
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			operands = append(operands, args[i+1:]...)
			return parsed, operands, true
		}
		if len(a) < 2 || a[0] != '-' {
			if stopAtOperand {
				operands = append(operands, args[i:]...)
				return parsed, operands, true
			}
			operands = append(operands, a)
			continue
		}
		if strings.HasPrefix(a, "--") {
			name, val, hasVal := strings.Cut(a[2:], "=")
			o, err := ulLookupLong(opts, name)
			if err != "" {
				c.ulWarn("%s", err)
				return nil, nil, false
			}
			p := ulParsed{id: o.ident(), name: "--" + o.long}
			switch o.arg {
			case ulNoArg:
				if hasVal {
					c.ulWarn("option '--%s' doesn't allow an argument", o.long)
					return nil, nil, false
				}
			case ulReqArg:
				if hasVal {
					p.arg, p.hasArg = val, true
				} else if i+1 < len(args) {
					i++
					p.arg, p.hasArg = args[i], true
				} else {
					c.ulWarn("option '--%s' requires an argument", o.long)
					return nil, nil, false
				}
			case ulOptArg:
				p.arg, p.hasArg = val, hasVal
			}
			parsed = append(parsed, p)
			continue
		}
		for j := 1; j < len(a); j++ {
			ch := a[j]
			o := ulLookupShort(opts, ch)
			if o == nil {
				c.ulWarn("invalid option -- '%c'", ch)
				return nil, nil, false
			}
			p := ulParsed{id: o.ident(), name: "-" + string(ch)}
			switch o.arg {
			case ulReqArg:
				if j+1 < len(a) {
					p.arg, p.hasArg = a[j+1:], true
				} else if i+1 < len(args) {
					i++
					p.arg, p.hasArg = args[i], true
				} else {
					c.ulWarn("option requires an argument -- '%c'", ch)
					return nil, nil, false
				}
				j = len(a)
			case ulOptArg:
				if j+1 < len(a) {
					p.arg, p.hasArg = a[j+1:], true
				}
				j = len(a)
			}
			parsed = append(parsed, p)
		}
	}
	return parsed, operands, true
}

func (o *ulOpt) ident() int {
	if o.id != 0 {
		return o.id
	}
	return int(o.short)
}

func ulLookupShort(opts []ulOpt, ch byte) *ulOpt {
	for i := range opts {
		if opts[i].short == ch && ch != 0 {
			return &opts[i]
		}
	}
	return nil
}

// ulLookupLong finds a long option by exact name or unambiguous prefix and
// returns glibc's complaint otherwise.
func ulLookupLong(opts []ulOpt, name string) (*ulOpt, string) {
	var matches []*ulOpt
	for i := range opts {
		if opts[i].long == "" {
			continue
		}
		if opts[i].long == name {
			return &opts[i], ""
		}
		if strings.HasPrefix(opts[i].long, name) {
			matches = append(matches, &opts[i])
		}
	}
	switch {
	case len(matches) == 1:
		return matches[0], ""
	case len(matches) > 1:
		// Options that are the same option under several names are not
		// ambiguous (e.g. --read-only and --ro).
		same := true
		for _, m := range matches[1:] {
			if m.ident() != matches[0].ident() || m.arg != matches[0].arg {
				same = false
			}
		}
		if same {
			return matches[0], ""
		}
		var b strings.Builder
		fmt.Fprintf(&b, "option '--%s' is ambiguous; possibilities:", name)
		for _, m := range matches {
			fmt.Fprintf(&b, " '--%s'", m.long)
		}
		return nil, b.String()
	}
	return nil, fmt.Sprintf("unrecognized option '--%s'", name)
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
