// SPDX-License-Identifier: Apache-2.0

package applet

import "strings"

// EchoDialect is which of echo's backslash escapes a program knows
// beyond the ones all know (\a \b \c \e \f \n \r \t \v \\ and \0NNN).
type EchoDialect struct {
	BareOctal bool // \NNN for an octal byte, as well as \0NNN
	Hex       bool // \xHH (a \x without a hex digit stays as it is)
	UpperE    bool // \E for escape, as \e
}

// The echoes of dash, of bash (echo -e) and of coreutils (echo -e, or
// POSIXLY_CORRECT).
var (
	DashEcho      = EchoDialect{BareOctal: true}
	BashEcho      = EchoDialect{Hex: true, UpperE: true}
	CoreutilsEcho = EchoDialect{BareOctal: true, Hex: true}
)

// EchoOptions takes echo's leading words made of -n, -e and -E letters
// alone (bash's echo, and coreutils'), from the defaults given: -n drops
// the newline, -e takes escapes, -E leaves them.
func EchoOptions(args []string, newline, escapes bool) (rest []string, nl, esc bool) {
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
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

// EchoEscapes interprets echo's backslash escapes in s; stop reports a
// \c, which ends all output.
func EchoEscapes(s string, d EchoDialect) (out string, stop bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		c := s[i]
		if v, ok := simpleEscape(c, d); ok {
			b.WriteByte(v)
			continue
		}
		switch {
		case c == 'c':
			return b.String(), true
		case c == '0', c == 'x' && d.Hex:
			v, n := echoNumber(s[i+1:], c == 'x')
			if c == 'x' && n == 0 {
				b.WriteString(`\x`)
				break
			}
			b.WriteByte(v)
			i += n
		case c >= '1' && c <= '7' && d.BareOctal:
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

// simpleEscape is the byte a one-letter escape stands for.
func simpleEscape(c byte, d EchoDialect) (byte, bool) {
	switch c {
	case 'a':
		return '\a', true
	case 'b':
		return '\b', true
	case 'e':
		return 0x1b, true
	case 'E':
		return 0x1b, d.UpperE
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case 'v':
		return '\v', true
	case '\\':
		return '\\', true
	}
	return 0, false
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
