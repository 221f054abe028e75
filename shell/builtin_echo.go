// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"strings"
)

// echoApplet is the shell's echo (echoOptions), with status 1 and the
// shell's diagnostic when the write fails.
func echoApplet(c *cmd) int {
	args, newline, escapes := c.sh.echoOptions(c.Args)
	dash := c.sh.dialect == Dash
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if escapes {
			s, stop := echoEscapes(a, dash)
			b.WriteString(s)
			if stop {
				newline = false
				break
			}
			continue
		}
		b.WriteString(a)
	}
	if newline {
		b.WriteByte('\n')
	}
	c.Out.WriteString(b.String())
	if err := c.Out.Flush(); err != nil {
		if applet.BrokenPipe(err) {
			c.sh.brokenPipe(c.hc)
			return 128 + 13
		}
		c.builtinWriteError(err)
		return 1
	}
	return 0
}

// builtinWriteError reports a builtin's failed write, prefixed as every
// builtin diagnostic is (bash: "NAME: line N: BUILTIN: write error: ...").
// (Bash started by a name without a slash, "bash -c", leaves the line
// number out of all of them; "/bin/bash -c", as the differential tests
// run it, does not.)
func (c *cmd) builtinWriteError(err error) {
	c.builtinErrorf("%s", c.sh.writeErrorText(c.Name, err))
}

func isEchoOption(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	return strings.Trim(s[1:], "neE") == ""
}

// bashEchoOptions reads bash's echo options (xpg_echo off): -n, -e and
// -E as long as the leading words consist of those letters only.
func bashEchoOptions(args []string) (rest []string, newline, escapes bool) {
	newline = true
	for len(args) > 0 && isEchoOption(args[0]) {
		for _, f := range args[0][1:] {
			switch f {
			case 'n':
				newline = false
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		args = args[1:]
	}
	return args, newline, escapes
}

// echoEscapes interprets echo's backslash escapes; \c stops all output.
// bash's echo -e also knows \E and \xHH; dash's echo takes \NNN as well
// as \0NNN for an octal byte.
func echoEscapes(s string, dash bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'c':
			return b.String(), true
		case 'e':
			b.WriteByte(0x1b)
		case 'E':
			if dash {
				b.WriteString("\\E")
				break
			}
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case '0', 'x':
			if dash && c == 'x' {
				b.WriteString("\\x")
				break
			}
			v, n := echoNumber(s[i+1:], c == 'x')
			b.WriteByte(v)
			i += n
		case '1', '2', '3', '4', '5', '6', '7':
			if !dash {
				b.WriteByte('\\')
				b.WriteByte(c)
				break
			}
			v, n := echoNumber(s[i:], false)
			b.WriteByte(v)
			i += n - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), false
}

// echoNumber reads up to three octal digits (after \0) or two hex digits
// (after \x) and returns the byte and the digits consumed.
func echoNumber(s string, hex bool) (byte, int) {
	max, base := 3, 8
	if hex {
		max, base = 2, 16
	}
	v, n := 0, 0
	for n < max && n < len(s) {
		d := strings.IndexByte("0123456789abcdef", s[n]|0x20)
		if d < 0 || d >= base || (s[n] >= 'A' && s[n] <= 'F' && !hex) {
			break
		}
		v = v*base + d
		n++
	}
	return byte(v), n
}
