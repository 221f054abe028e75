// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"fmt"
	"strings"
)

// quote is coreutils' quoteaf (shell-escape-always quoting in the C
// locale): the form file names take in most diagnostics, e.g. 'a b'.
func quote(s string) string { return shellEscape(s, true) }

// quotef is coreutils' quotef (shell-escape quoting): names are left bare
// unless the shell would need quoting, as in "cat: /t/x: ...".
func quotef(s string) string { return shellEscape(s, false) }

// shellQuoting are the knobs of gnulib's shell quoting styles.
type shellQuoting struct {
	always  bool   // quote even names the shell takes as they are
	escapes bool   // non-printable bytes as $'\n' segments (shell-escape)
	extra   string // more bytes that make a name need quotes (ls -F)
}

// needsQuoting reports whether gnulib's quotearg would quote s in a shell
// style: shell metacharacters, white space, quotes, the C-escaped control
// characters and (with escapes) every non-printable byte do.
func (q shellQuoting) needsQuoting(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 || c >= 0x7f:
			if q.escapes || strings.IndexByte("\a\b\f\n\r\t\v", c) >= 0 {
				return true
			}
		case strings.IndexByte(" !\"$&'()*;<=>?[\\^`|", c) >= 0:
			return true
		case (c == '#' || c == '~') && i == 0:
			return true
		case (c == '{' || c == '}') && len(s) == 1:
			return true
		case strings.IndexByte(q.extra, c) >= 0:
			return true
		}
	}
	return false
}

// shellEscape quotes s as gnulib's shell_escape(_always)_quoting_style
// does in the C locale.
func shellEscape(s string, always bool) string {
	return shellQuoting{always: always, escapes: true}.quote(s)
}

// quote quotes s in the C locale: single quotes, with ' written as '\”
// and (with escapes) non-printable bytes as $'\n'-style segments.
func (q shellQuoting) quote(s string) string {
	if !q.always && !q.needsQuoting(s) {
		return s
	}
	if strings.IndexByte(s, '\'') >= 0 && doubleQuotable(s) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('\'')
	inEscape := false // inside a $'...' segment
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !q.escapes || c >= 0x20 && c < 0x7f {
			if inEscape {
				b.WriteString("''")
				inEscape = false
			}
			if c == '\'' {
				b.WriteString(`'\''`)
			} else {
				b.WriteByte(c)
			}
			continue
		}
		if !inEscape {
			b.WriteString("'$'")
			inEscape = true
		}
		b.WriteString(cEscape(c))
	}
	b.WriteByte('\'')
	return b.String()
}

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

// cEscape is the backslash escape of a non-printable byte inside $'...'.
func cEscape(c byte) string {
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

// quoteL is coreutils' quote() (locale quoting in the C locale): 'name'
// with backslash escapes for ', \ and non-printable bytes. mkdir and the
// usage diagnostics use it; most file diagnostics use quote.
func quoteL(s string) string { return "'" + backslashEscape(s, "'") + "'" }

// backslashEscape writes \\, the bytes of also and non-printable bytes as
// C escapes.
func backslashEscape(s, also string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || strings.IndexByte(also, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			b.WriteString(cEscape(c))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
