// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text formats of table: aligned columns, raw and pairs, with the
// escapes each uses for bytes that would not read well.

// branch glyphs: the piece above a row for each ancestor (still has
// siblings below, or not) and the piece before the row itself (more
// siblings follow, or it is the last).
type branchGlyphs struct{ through, blank, fork, end string }

var (
	asciiBranches = branchGlyphs{"| ", "  ", "|-", "`-"}
	utf8Branches  = branchGlyphs{"\u2502 ", "  ", "\u251c\u2500", "\u2514\u2500"}
)

// branches is the tree prefix of a row: nothing for a top row.
func (t *table) branches(r *tableRow) string {
	if r.parent == nil {
		return ""
	}
	g := asciiBranches
	if t.utf8 && !t.ascii {
		g = utf8Branches
	}
	var above []string
	for p := r.parent; p.parent != nil; p = p.parent {
		if p.lastKid() {
			above = append(above, g.blank)
		} else {
			above = append(above, g.through)
		}
	}
	var b strings.Builder
	for i := len(above) - 1; i >= 0; i-- {
		b.WriteString(above[i])
	}
	if r.lastKid() {
		b.WriteString(g.end)
	} else {
		b.WriteString(g.fork)
	}
	return b.String()
}

// hexByte writes one byte as \xHH.
func hexByte(b *strings.Builder, c byte) { fmt.Fprintf(b, `\x%02x`, c) }

// escapeVisible is the escaping of aligned output: control bytes, DEL,
// a backslash that starts "\x", and (unless utf8 keeps printable
// multibyte characters) every byte above ASCII become \xHH.
func escapeVisible(s string, utf8ok bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 && utf8ok {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && unicode.IsPrint(r) {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
			for ; n > 0; n-- {
				hexByte(&b, s[i])
				i++
			}
			continue
		}
		if c < 0x20 || c >= 0x7f || c == '\\' && strings.HasPrefix(s[i+1:], "x") {
			hexByte(&b, c)
		} else {
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// escapeRaw is the escaping of raw output: blanks and backslashes too,
// so that cells split on spaces.
func escapeRaw(s string) string {
	return escapeBytes(s, func(c byte) bool { return c == ' ' || c == '\t' || c == '\\' })
}

// quotePair is a value of pairs output: in double quotes, with the bytes
// a shell would expand inside them escaped.
func quotePair(s string) string {
	return `"` + escapeBytes(s, func(c byte) bool { return strings.IndexByte("\"\\`$", c) >= 0 }) + `"`
}

// escapeBytes writes control and non-ASCII bytes, and those special
// says, as \xHH.
func escapeBytes(s string, special func(byte) bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || special(c) {
			hexByte(&b, c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// displayWidth is the number of cells text takes (one per character).
func displayWidth(s string) int { return utf8.RuneCountInString(s) }

// shown is a cell as aligned output prints it, branches included: one
// string per output line (more than one only in a column of lines).
func (t *table) shown(r *tableRow, i int) []string {
	if t.cols[i].lines && strings.Contains(r.cells[i], "\n") {
		var out []string
		for _, l := range strings.Split(r.cells[i], "\n") {
			out = append(out, escapeVisible(l, t.utf8))
		}
		return out
	}
	s := escapeVisible(r.cells[i], t.utf8)
	if t.tree && t.cols[i].tree {
		s = t.branches(r) + s
	}
	return []string{s}
}

// fitWidths sets each column's width: its widest cell, at least its
// header; a column whose cells are all narrower than its numeric hint
// but not than its header gets the hint.
func (t *table) fitWidths(rows []*tableRow) {
	for i, c := range t.cols {
		head := displayWidth(c.header)
		if head == 0 {
			head = 1
		}
		widest := 0
		for _, r := range rows {
			for _, l := range t.shown(r, i) {
				widest = max(widest, displayWidth(l))
			}
		}
		switch {
		case widest < head:
			c.width = head
		case c.hint >= 1 && float64(widest) < c.hint:
			c.width = int(c.hint)
		default:
			c.width = widest
		}
	}
}

// writeAligned is the default format: cells padded to the column width
// and separated by one space. The last column is not padded unless it
// is aligned right.
func (t *table) writeAligned(b *strings.Builder) {
	rows := t.printOrder()
	t.fitWidths(rows)
	line := func(text func(i int) string) {
		for i, c := range t.cols {
			s := text(i)
			pad := strings.Repeat(" ", max(0, c.width-displayWidth(s)))
			last := i == len(t.cols)-1
			switch {
			case c.right && s != "":
				b.WriteString(pad + s)
			case last:
				b.WriteString(s)
			default:
				b.WriteString(s + pad)
			}
			if !last {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	if !t.noHeader {
		line(func(i int) string { return escapeVisible(t.headerOf(t.cols[i]), t.utf8) })
	}
	for _, r := range rows {
		cells := make([][]string, len(t.cols))
		n := 1
		for i := range t.cols {
			cells[i] = t.shown(r, i)
			n = max(n, len(cells[i]))
		}
		// A cell of several lines continues on lines of their own,
		// the other cells blank there.
		for k := 0; k < n; k++ {
			line(func(i int) string {
				if k < len(cells[i]) {
					return cells[i][k]
				}
				return ""
			})
		}
	}
}

// writeRaw is -r: cells separated by one space, nothing padded.
func (t *table) writeRaw(b *strings.Builder) {
	line := func(text func(i int) string) {
		for i := range t.cols {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(escapeRaw(text(i)))
		}
		b.WriteByte('\n')
	}
	if !t.noHeader {
		line(func(i int) string { return t.headerOf(t.cols[i]) })
	}
	for _, r := range t.printOrder() {
		line(func(i int) string {
			if t.tree && t.cols[i].tree {
				return t.branches(r) + r.cells[i]
			}
			return r.cells[i]
		})
	}
}

// writePairs is -P: NAME="value" for every cell, one row a line (each
// cell a line of its own with pairLines, lsipc -n).
func (t *table) writePairs(b *strings.Builder) {
	sep := byte(' ')
	if t.pairLines {
		sep = '\n'
	}
	for _, r := range t.printOrder() {
		for i, c := range t.cols {
			if i > 0 {
				b.WriteByte(sep)
			}
			b.WriteString(t.headerOf(c) + "=" + quotePair(r.cells[i]))
		}
		b.WriteByte('\n')
	}
}
