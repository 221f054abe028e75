// SPDX-License-Identifier: Apache-2.0

package coreutils

import "strings"

// sort --debug: warnings about the keys on standard error before
// sorting, and under each output line (tabs shown as '>') a line of
// underscores per key showing what it compared.

// sortDebugWarnings reports, as sort --debug does before sorting, how
// text compares and what in the keys looks doubtful.
func (c *sortRun) debugWarnings(globalOnly bool) {
	s := c.sortSettings
	if c.UTF8() {
		c.Errorf("text ordering performed using %s sorting rules", c.QuoteArg(c.localeName()))
	} else {
		c.Errorf("text ordering performed using simple byte comparison")
	}
	numeric, general, spans := false, false, false
	for i, k := range s.order.keys {
		n := i + 1
		if k.numeric || k.human {
			numeric = true
		}
		general = general || k.general
		if k.obsolete[0] != "" {
			c.Errorf("obsolescent key %s used; consider %s instead", c.QuoteArg(k.obsolete[0]), c.QuoteArg(k.obsolete[1]))
		}
		zero := k.startField != sortNoField && k.endField != sortNoField && k.endField < k.startField
		if zero {
			c.Errorf("key %d has zero width and will be ignored", n)
		}
		implicit := k.numeric || k.general || k.human || k.month
		lineOffset := k.endField == 0 && k.endChar != 0
		if !zero && !globalOnly && s.order.tab < 0 && !lineOffset &&
			(!k.skipStart && !implicit || !k.skipStart && k.startChar != 0 || !k.skipEnd && k.endChar != 0) {
			c.Errorf("leading blanks are significant in key %d; consider also specifying 'b'", n)
		}
		if !globalOnly && (k.numeric || k.general || k.human) &&
			(k.endField == sortNoField || max(k.startField, 0) < k.endField) {
			c.Errorf("key %d is numeric and spans multiple fields", n)
			spans = true
		}
	}
	c.separatorWarnings(s.order.tab, numeric, general, spans)
	c.ignoredWarnings()
}

// sortLocaleName is the locale text collation follows.
func (c *sortRun) localeName() string {
	for _, v := range []string{"LC_ALL", "LC_COLLATE", "LANG"} {
		if l := c.Getenv(v); l != "" {
			return l
		}
	}
	return "C"
}

// sortSeparatorWarnings tells how the C locale's numbers meet the field
// separator.
func (c *sortRun) separatorWarnings(tab int, numeric, general, spans bool) {
	warned := false
	if spans {
		switch {
		case tab == '.':
			c.Errorf("field separator '.' is treated as a decimal point in numbers")
			warned = true
		case tab == '-':
			c.Errorf("field separator '-' is treated as a minus sign in numbers")
		case tab == '+' && general:
			c.Errorf("field separator '+' is treated as a plus sign in numbers")
		}
	}
	if (numeric || general) && !warned {
		note := "note "
		if tab == '.' {
			note = ""
		}
		c.Errorf("%snumbers use '.' as a decimal point in this locale", note)
	}
}

// sortIgnoredWarnings names the global options no key uses.
func (c *sortRun) ignoredWarnings() {
	s := c.sortSettings
	u := s.global
	for _, k := range s.order.keys {
		if u.ignore != nil && u.ignore == k.ignore {
			u.ignore = nil
		}
		u.fold = u.fold && !k.fold
		u.skipStart = u.skipStart && !k.skipStart
		u.skipEnd = u.skipEnd && !k.skipEnd
		u.month = u.month && !k.month
		u.numeric = u.numeric && !k.numeric
		u.general = u.general && !k.general
		u.human = u.human && !k.human
		u.random = u.random && !k.random
		u.version = u.version && !k.version
		u.reverse = u.reverse && !k.reverse
	}
	lastResort := !(s.order.stable || s.order.unique)
	keys := len(s.order.keys) > 0
	if !u.defaults() || u.reverse && !lastResort && keys {
		shown := u
		if lastResort {
			shown.reverse = false
		}
		if opts := shown.letters(); len(opts) == 1 {
			c.Errorf("option '-%s' is ignored", opts)
		} else {
			c.Errorf("options '-%s' are ignored", opts)
		}
	}
	if u.reverse && lastResort && keys {
		c.Errorf("option '-r' only applies to last-resort comparison")
	}
}

// sortDebugLine writes an output line as --debug shows it: tabs as '>',
// ended by a newline, then the marks of each key and (unless -s or -u)
// of the whole line for the last-resort comparison.
func (o *sortOrder) sortDebugLine(b *strings.Builder, line []byte) {
	b.WriteString(strings.ReplaceAll(string(line), "\t", ">"))
	b.WriteByte('\n')
	for _, k := range o.keys {
		start, end := o.debugSpan(k, line)
		sortMark(b, line, start, end)
	}
	if len(o.keys) == 0 || !(o.unique || o.stable) {
		sortMark(b, line, 0, len(line))
	}
}

// debugSpan is the part of line key k compares, as --debug shows it:
// for numbers and months only the number or the name.
func (o *sortOrder) debugSpan(k *sortKey, line []byte) (int, int) {
	start, end := 0, len(line)
	if k.startField != sortNoField {
		start = k.begin(line, o.tab)
	}
	if k.endField != sortNoField {
		end = k.end(line, o.tab)
	}
	if !(k.skipStart && k.startField == sortNoField || k.month || k.numeric || k.general || k.human) {
		return start, end
	}
	// Blanks are skipped up to the key's end, or to the line's end for
	// a key ending before it starts.
	stop := end
	if end < start {
		stop = len(line)
	}
	for start < stop && sortBlank[line[start]] {
		start++
	}
	if end < start {
		return start, end
	}
	text := line[start:end]
	switch {
	case k.month:
		if sortMonth(text) != 0 {
			return start, start + 3
		}
		return start, start
	case k.general:
		return start, start + parseSortFloat(text).length
	case k.numeric || k.human:
		d := parseSortDecimal(text)
		if !d.digits {
			return start, start
		}
		n := d.afterDigit
		if k.human && n < len(text) && sortUnitOrder(text[n]) > 0 {
			n++
		}
		return start, start + n
	}
	return start, end
}

// sortMark writes the mark under line[start:end]: as many underscores as
// it is wide at its place, or a caret where an empty key would be.
func sortMark(b *strings.Builder, line []byte, start, end int) {
	offset := sortDebugWidth(line[:min(start, len(line))])
	width := 0
	if end > start {
		width = sortDebugWidth(line[start:end])
	}
	b.WriteString(strings.Repeat(" ", offset))
	if width == 0 {
		b.WriteString("^ no match for key\n")
		return
	}
	b.WriteString(strings.Repeat("_", width) + "\n")
}

// sortDebugWidth is the width of text on a terminal in the C locale:
// control characters take none, except tabs that show as '>'.
func sortDebugWidth(text []byte) int {
	w := 0
	for _, c := range text {
		if c >= 0x20 && c != 0x7f || c == '\t' {
			w++
		}
	}
	return w
}
