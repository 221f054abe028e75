// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"math"
	"strings"
)

// sortKey is one -k KEYDEF, or the whole line under the global ordering
// options: where the key lies in a line and how keys compare.
type sortKey struct {
	// startField and startChar are the 0-based field and character where
	// the key starts; startField < 0 means the start of the line.
	startField, startChar int
	// endField is the 0-based field where it ends, < 0 for the end of the
	// line; endChar is the 1-based character in that field, 0 for all of
	// it.
	endField, endChar int
	// skipStart and skipEnd are 'b' at the start and at the end: blanks
	// before the field do not count in its characters.
	skipStart, skipEnd bool
	// ignore, if set, is the bytes left out (-d or -i); fold is -f.
	ignore *[256]bool
	fold   bool
	// The comparisons other than bytes: at most one may be set, except
	// that -R and -V may be set with -d/-i and together.
	numeric, general, human, month, random, version bool
	reverse                                         bool
	// obsolete is how --debug names a +POS1 -POS2 key and the -k that
	// says the same, "" for a -k key.
	obsolete [2]string
}

// sortNoField marks a key starting at the line's start or ending at its
// end.
const sortNoField = -1

// The byte classes of the C locale: blanks separate fields (newline is
// one, which matters with -z), -d keeps alphanumerics and blanks, -i
// keeps printable bytes.
var sortBlank, sortNonDictionary, sortNonPrinting [256]bool

func init() {
	for i := range 256 {
		c := byte(i)
		sortBlank[i] = c == ' ' || c == '\t' || c == '\n'
		alnum := c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		sortNonDictionary[i] = !alnum && !sortBlank[i]
		sortNonPrinting[i] = c < 0x20 || c >= 0x7f
	}
}

// defaults reports whether the key has no ordering option of its own
// (-r aside): it then takes the global ones.
func (k *sortKey) defaults() bool {
	return k.ignore == nil && !k.fold && !k.skipStart && !k.skipEnd && !k.numeric &&
		!k.general && !k.human && !k.month && !k.version && !k.random
}

// inherit gives a key without options of its own the global ones.
func (k *sortKey) inherit(g *sortKey) {
	if !k.defaults() || k.reverse {
		return
	}
	k.ignore, k.fold, k.skipStart, k.skipEnd = g.ignore, g.fold, g.skipStart, g.skipEnd
	k.numeric, k.general, k.human, k.month = g.numeric, g.general, g.human, g.month
	k.version, k.random, k.reverse = g.version, g.random, g.reverse
}

// special is whether the key compares otherwise than by bytes.
func (k *sortKey) special() bool {
	return k.numeric || k.general || k.human || k.month || k.random || k.version
}

// letters writes the key's options as sort's short options, in the
// order sort lists incompatible ones.
func (k *sortKey) letters() string {
	var b strings.Builder
	for _, x := range []struct {
		on bool
		c  byte
	}{
		{k.skipStart || k.skipEnd, 'b'}, {k.ignore == &sortNonDictionary, 'd'}, {k.fold, 'f'},
		{k.general, 'g'}, {k.human, 'h'}, {k.ignore == &sortNonPrinting, 'i'}, {k.month, 'M'},
		{k.numeric, 'n'}, {k.random, 'R'}, {k.reverse, 'r'}, {k.version, 'V'},
	} {
		if x.on {
			b.WriteByte(x.c)
		}
	}
	return b.String()
}

// incompatible reports the options of a key that cannot go together, ""
// if there are none.
func (k *sortKey) incompatible() string {
	n := 0
	for _, on := range []bool{k.numeric, k.general, k.human, k.month, k.version || k.random || k.ignore != nil} {
		if on {
			n++
		}
	}
	if n < 2 {
		return ""
	}
	c := *k
	c.skipStart, c.skipEnd, c.reverse = false, false, false
	return c.letters()
}

// Which blanks a 'b' in an ordering option skips.
const (
	sortBlankStart = 1 << iota
	sortBlankEnd
)

// setOrdering applies ordering letters; it returns what follows them.
func (k *sortKey) setOrdering(s string, blanks int) string {
	for ; s != ""; s = s[1:] {
		switch s[0] {
		case 'b':
			k.skipStart = k.skipStart || blanks&sortBlankStart != 0
			k.skipEnd = k.skipEnd || blanks&sortBlankEnd != 0
		case 'd':
			k.ignore = &sortNonDictionary
		case 'f':
			k.fold = true
		case 'g':
			k.general = true
		case 'h':
			k.human = true
		case 'i':
			// -d implies -i; -i after -d does not undo it.
			if k.ignore == nil {
				k.ignore = &sortNonPrinting
			}
		case 'M':
			k.month = true
		case 'n':
			k.numeric = true
		case 'R':
			k.random = true
		case 'r':
			k.reverse = true
		case 'V':
			k.version = true
		default:
			return s
		}
	}
	return s
}

// parseSortKey reads a KEYDEF: F[.C][OPTS][,F[.C][OPTS]].
func parseSortKey(spec string, quote func(string) string) (*sortKey, error) {
	k := &sortKey{endField: sortNoField}
	n, s, err := sortFieldCount(spec, "invalid number at field start", quote)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, sortBadField(quote, spec, "field number is zero")
	}
	k.startField = n - 1
	if strings.HasPrefix(s, ".") {
		if n, s, err = sortFieldCount(s[1:], "invalid number after '.'", quote); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, sortBadField(quote, spec, "character offset is zero")
		}
		k.startChar = n - 1
	}
	if k.startField == 0 && k.startChar == 0 {
		k.startField = sortNoField
	}
	s = k.setOrdering(s, sortBlankStart)
	if strings.HasPrefix(s, ",") {
		if n, s, err = sortFieldCount(s[1:], "invalid number after ','", quote); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, sortBadField(quote, spec, "field number is zero")
		}
		k.endField = n - 1
		if strings.HasPrefix(s, ".") {
			if k.endChar, s, err = sortFieldCount(s[1:], "invalid number after '.'", quote); err != nil {
				return nil, err
			}
		}
		s = k.setOrdering(s, sortBlankEnd)
	}
	if s != "" {
		return nil, sortBadField(quote, spec, "stray character in field spec")
	}
	return k, nil
}

// sortFieldCount reads the decimal count at the start of s (blanks and a
// '+' may come first); a count too large for memory sticks at the
// largest. what names the count in the complaint when there is none.
func sortFieldCount(s, what string, quote func(string) string) (int, string, error) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	t = strings.TrimPrefix(t, "+")
	i, n := 0, 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		if n > (math.MaxInt-9)/10 {
			n = math.MaxInt
		} else {
			n = n*10 + int(t[i]-'0')
		}
		i++
	}
	if i == 0 {
		return 0, s, fmt.Errorf("%s: invalid count at start of %s", what, quote(s))
	}
	return n, t[i:], nil
}

func sortBadField(quote func(string) string, spec, why string) error {
	return fmt.Errorf("%s: invalid field specification %s", why, quote(spec))
}

// begin is where the key starts in line (begfield).
func (k *sortKey) begin(line []byte, tab int) int {
	lim := len(line)
	p := 0
	if k.startField == sortNoField {
		if k.skipStart {
			for p < lim && sortBlank[line[p]] {
				p++
			}
		}
		return p
	}
	for w := k.startField; p < lim && w > 0; w-- {
		p = sortSkipField(line, p, tab, true)
	}
	if k.skipStart {
		for p < lim && sortBlank[line[p]] {
			p++
		}
	}
	return min(lim, p+min(k.startChar, lim))
}

// sortSkipField moves past one field from p: up to and past the next
// tab character with -t (past only if more follows and skipTab), else
// past blanks and then non-blanks.
func sortSkipField(line []byte, p, tab int, skipTab bool) int {
	lim := len(line)
	if tab >= 0 {
		for p < lim && int(line[p]) != tab {
			p++
		}
		if p < lim && skipTab {
			p++
		}
		return p
	}
	for p < lim && sortBlank[line[p]] {
		p++
	}
	for p < lim && !sortBlank[line[p]] {
		p++
	}
	return p
}

// end is where the key ends in line (limfield): after its end field, or
// after endChar characters of it.
func (k *sortKey) end(line []byte, tab int) int {
	lim := len(line)
	if k.endField == sortNoField {
		return lim
	}
	words := k.endField
	if k.endChar == 0 {
		words++
	}
	p := 0
	for p < lim && words > 0 {
		words--
		// With -t, the tab ending the last field counts only when
		// characters of the next one are wanted.
		p = sortSkipField(line, p, tab, words > 0 || k.endChar > 0)
	}
	if k.endChar > 0 {
		if k.skipEnd {
			for p < lim && sortBlank[line[p]] {
				p++
			}
		}
		p = min(lim, p+min(k.endChar, lim))
	}
	return p
}
