// SPDX-License-Identifier: Apache-2.0

package coreutils

import "github.com/linuxvfs/linuxvfs/userland/applet"

import "strings"

// Quoting styles for names, in the order --quoting-style lists them.
const (
	qsLiteral = iota
	qsShell
	qsShellAlways
	qsShellEscape
	qsShellEscapeAlways
	qsC
	qsCMaybe
	qsEscape
	qsLocale
	qsCLocale
)

var qsWords = [][]string{{"literal"}, {"shell"}, {"shell-always"}, {"shell-escape"},
	{"shell-escape-always"}, {"c"}, {"c-maybe"}, {"escape"}, {"locale"}, {"clocale"}}

// lsQuoter shows names in one quoting style, as gnulib's quotearg does in
// the C locale; extra are bytes ls wants quoted too (the indicator
// characters, and ' ' for -b).
type lsQuoter struct {
	style int
	extra string
	qmark bool // -q: '?' for what is still non-printable
}

// quote returns the name as shown and whether it differs from the name.
func (q lsQuoter) quote(name string) (string, bool) {
	var s string
	switch q.style {
	case qsLiteral:
		s = name
	case qsShell, qsShellAlways, qsShellEscape, qsShellEscapeAlways:
		s = applet.ShellQuoting{Always: q.style == qsShellAlways || q.style == qsShellEscapeAlways,
			Escapes: q.style >= qsShellEscape, Extra: q.extra}.Quote(name)
	case qsC, qsCLocale:
		s = `"` + applet.BackslashEscape(name, `"`+q.extra) + `"`
	case qsCMaybe:
		// Only '"', the extra bytes and non-printable ones make quotes
		// needed; then the whole name is in the C style.
		if strings.IndexFunc(name, func(r rune) bool {
			return r == '"' || r < 0x20 || r >= 0x7f || strings.ContainsRune(q.extra, r)
		}) >= 0 {
			s = `"` + applet.BackslashEscape(name, `"`+q.extra) + `"`
		} else {
			s = name
		}
	case qsEscape:
		s = applet.BackslashEscape(name, q.extra)
	case qsLocale:
		s = "'" + applet.BackslashEscape(name, "'"+q.extra) + "'"
	}
	quoted := s != name
	if q.qmark && (q.style == qsLiteral || q.style == qsShell || q.style == qsShellAlways) {
		s = qmarkNonPrintable(s)
	}
	return s, quoted
}

// qmarkNonPrintable is -q: every non-printable byte becomes '?'.
func qmarkNonPrintable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c >= 0x7f {
			b[i] = '?'
		}
	}
	return string(b)
}

// displayWidth is how many columns a shown name takes in the C locale:
// non-printable bytes take none.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x20 && s[i] < 0x7f {
			n++
		}
	}
	return n
}
