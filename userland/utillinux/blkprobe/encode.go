// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// How blkid writes values: shell-safe for -o export, udev's encodings
// for -o udev, and quoted for its default output.

// printable writes a value the way blkid's default and export outputs
// show a byte: bytes of 128 and up as M- and the low half, control
// characters as ^X, and the characters of esc after a backslash.
func printable(s, esc string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 128 {
			b.WriteString("M-")
			c -= 128
		}
		switch {
		case c < 32 || c == 0x7f:
			b.WriteByte('^')
			c ^= 0x40
		case strings.IndexByte(esc, c) >= 0:
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ExportEscape is a value as -o export prints it.
func ExportEscape(s string) string { return printable(s, " \\\"'$`<>") }

// QuoteEscape is a value as the default output prints it inside quotes.
func QuoteEscape(s string) string { return printable(s, "\"\\") }

// UdevEncode is blkid_encode_string: characters udev could take for a
// name stay, valid UTF-8 sequences too, the rest (a backslash included)
// as \xNN.
func UdevEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case n > 1 && r != utf8.RuneError:
			b.WriteString(s[i : i+n])
		case udevWhitelisted(s[i]):
			b.WriteByte(s[i])
			n = 1
		default:
			fmt.Fprintf(&b, "\\x%02x", s[i])
			n = 1
		}
		i += n
	}
	return b.String()
}

func udevWhitelisted(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || strings.IndexByte("#+-.:=@_", c) >= 0
}

// UdevSafe is blkid_safe_string: runs of blanks become one, the ends are
// trimmed, and what is left that is not plain printable text becomes
// '_'.
func UdevSafe(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r < 128 && isSpace(byte(r)) })
	s = strings.Join(fields, " ")
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c > 0x20 && c <= 0x7e:
			b.WriteByte(c)
			i++
		case c == ' ':
			b.WriteByte('_')
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				b.WriteByte('_')
				i++
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}
