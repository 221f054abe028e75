// SPDX-License-Identifier: Apache-2.0

package applet

import (
	"fmt"
	"strings"
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
	inEscape := q.Escapes && hasQuote && !IsPrintable(s[len(s)-1])
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			b.WriteString(`'\''`)
			inEscape = false
		case !q.Escapes || IsPrintable(c):
			if inEscape {
				b.WriteString("''")
				inEscape = false
			}
			b.WriteByte(c)
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
func BackslashEscape(s, also string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || strings.IndexByte(also, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			b.WriteString(CEscape(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
