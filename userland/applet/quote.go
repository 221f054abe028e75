// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is coreutils' quoteaf (shell-escape-always quoting in the C
// locale): the form file names take in most diagnostics, e.g. 'a b'.
func Quote(s string) string { return shellEscape(s, true) }

// QuoteName is coreutils' QuoteName (shell-escape quoting): names are left bare
// unless the shell would need quoting, as in "cat: /t/x: ...".
func QuoteName(s string) string { return shellEscape(s, false) }

// ShellQuoting are the knobs of gnulib's shell quoting styles.
type ShellQuoting struct {
	Always  bool   // quote even names the shell takes as they are
	Escapes bool   // non-printable bytes as $'\n' segments (shell-escape)
	Extra   string // more bytes that make a name need quotes (ls -F)
	// UTF8 keeps printable multibyte characters as they are, as in a
	// UTF-8 locale; otherwise every byte above 0x7e is non-printable.
	UTF8 bool
}

// Quote, QuoteName and QuoteArg in the command's locale: in a UTF-8
// one, printable multibyte characters stay as they are and QuoteArg
// uses the typographic quotes coreutils uses there (‘name’).
func (c *Cmd) Quote(s string) string {
	return ShellQuoting{Always: true, Escapes: true, UTF8: c.UTF8()}.Quote(s)
}

// QuoteName is QuoteName in the command's locale.
func (c *Cmd) QuoteName(s string) string { return ShellQuoting{Escapes: true, UTF8: c.UTF8()}.Quote(s) }

// QuoteArg is QuoteArg in the command's locale.
func (c *Cmd) QuoteArg(s string) string {
	if c.UTF8() {
		return "\u2018" + escapeBytes(s, "", true) + "\u2019"
	}
	return QuoteArg(s)
}

// printableAt reports whether s has a printable character at i and how
// many bytes it takes: one ASCII byte, or with utf8 a valid printable
// multibyte sequence.
func printableAt(s string, i int, utf8Locale bool) (int, bool) {
	c := s[i]
	if c < 0x80 || !utf8Locale {
		return 1, IsPrintable(c)
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, !(r == utf8.RuneError && n == 1) && unicode.IsPrint(r)
}

// needsQuoting reports whether gnulib's quotearg would quote s in a shell
// style: shell metacharacters, white space, quotes, the C-escaped control
// characters and (with escapes) every non-printable byte do.
func (q ShellQuoting) needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 && q.UTF8:
			n, ok := printableAt(s, i, true)
			if !ok {
				return true
			}
			i += n - 1
		case c < 0x20 || c >= 0x7f:
			if q.Escapes || strings.IndexByte("\a\b\f\n\r\t\v", c) >= 0 {
				return true
			}
		case strings.IndexByte(" !\"$&'()*;<=>?[\\^`|", c) >= 0:
			return true
		case (c == '#' || c == '~') && i == 0:
			return true
		case (c == '{' || c == '}') && len(s) == 1:
			return true
		case strings.IndexByte(q.Extra, c) >= 0:
			return true
		}
	}
	return false
}

// shellEscape quotes s as gnulib's shell_escape(_always)_quoting_style
// does in the C locale.
func shellEscape(s string, always bool) string {
	return ShellQuoting{Always: always, Escapes: true}.Quote(s)
}

// Quote quotes s in the C locale: single quotes, with ' written as '\”
// and (with escapes) non-printable bytes as $'\n'-style segments.
func (q ShellQuoting) Quote(s string) string {
	if !q.Always && !q.needsQuoting(s) {
		return s
	}
	hasQuote := strings.IndexByte(s, '\'') >= 0
	if hasQuote && doubleQuotable(s) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('\'')
	// inEscape: a $'...' segment is open. gnulib quotes a name with a '
	// twice, the second time starting in the state the first ended in:
	// inside a segment when the name ends with a non-printable byte.
	inEscape := q.Escapes && hasQuote && !q.endsPrintable(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		n, printable := printableAt(s, i, q.UTF8)
		switch {
		case c == '\'':
			b.WriteString(`'\''`)
			inEscape = false
		case !q.Escapes || printable:
			if inEscape {
				b.WriteString("''")
				inEscape = false
			}
			b.WriteString(s[i : i+n])
			i += n - 1
		default:
			if !inEscape {
				b.WriteString("'$'")
				inEscape = true
			}
			b.WriteString(CEscape(c))
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// endsPrintable reports whether the last character of s is printable.
func (q ShellQuoting) endsPrintable(s string) bool {
	if q.UTF8 {
		r, n := utf8.DecodeLastRuneInString(s)
		if n > 1 {
			return unicode.IsPrint(r)
		}
	}
	return IsPrintable(s[len(s)-1])
}

// IsPrintable is isprint in the C locale.
func IsPrintable(c byte) bool { return c >= 0x20 && c < 0x7f }

// doubleQuotable reports whether every byte of s means the same in C and
// in shell double quotes (gnulib's c_and_shell_quote_compat): then a name
// with a single quote is shown as "it's" rather than 'it'\”s'.
func doubleQuotable(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && strings.IndexByte(" %+,-./:]_'", c) < 0 {
			return false
		}
	}
	return true
}

// CEscape is the backslash escape of a non-printable byte inside $'...'.
func CEscape(c byte) string {
	switch c {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	return fmt.Sprintf(`\%03o`, c)
}

// QuoteArg is coreutils' quote() (locale quoting in the C locale): 'name'
// with backslash escapes for ', \ and non-printable bytes. mkdir and the
// usage diagnostics use it; most file diagnostics use quote.
func QuoteArg(s string) string { return "'" + BackslashEscape(s, "'") + "'" }

// BackslashEscape writes \\, the bytes of also and non-printable bytes as
// C escapes.
func BackslashEscape(s, also string) string { return escapeBytes(s, also, false) }

// escapeBytes is BackslashEscape, keeping printable multibyte characters
// with utf8Locale.
func escapeBytes(s, also string, utf8Locale bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		n, printable := printableAt(s, i, utf8Locale)
		switch {
		case c == '\\' || strings.IndexByte(also, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case !printable:
			b.WriteString(CEscape(c))
		default:
			b.WriteString(s[i : i+n])
			i += n - 1
		}
	}
	return b.String()
}
