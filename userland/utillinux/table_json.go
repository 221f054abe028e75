// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"
)

// JSON output of table: one object holding an array named jsonName, an
// object per row with a member per column (keys are the lower-case
// headers) and, in a tree, the rows below as a "children" array. Three
// spaces indent each level; a closing brace and the next opening one
// share a line ("},{").

func jsonIndent(b *strings.Builder, depth int) { b.WriteString(strings.Repeat("   ", depth)) }

func (t *table) writeJSON(b *strings.Builder) {
	b.WriteString("{\n")
	jsonIndent(b, 1)
	b.WriteString(jsonString(strings.ToLower(t.jsonName)) + ": [\n")
	rows := t.printOrder()
	if t.nests() {
		rows = t.tops
	}
	t.jsonRows(b, rows, 2)
	b.WriteByte('\n')
	jsonIndent(b, 1)
	b.WriteString("]\n}\n")
}

// jsonRows writes the objects of rows at depth, without the line end
// after the last one.
func (t *table) jsonRows(b *strings.Builder, rows []*tableRow, depth int) {
	for n, r := range rows {
		if n > 0 {
			b.WriteByte(',')
		} else {
			jsonIndent(b, depth)
		}
		b.WriteString("{\n")
		for i, c := range t.cols {
			if i > 0 {
				b.WriteString(",\n")
			}
			jsonIndent(b, depth+1)
			b.WriteString(jsonString(strings.ToLower(t.headerOf(c))) + ": ")
			if c.lines {
				writeJSONLines(b, r.cells[i], depth+1)
			} else {
				b.WriteString(jsonValue(c.kind, r.cells[i]))
			}
		}
		if t.nests() && len(r.kids) > 0 {
			b.WriteString(",\n")
			jsonIndent(b, depth+1)
			b.WriteString("\"children\": [\n")
			t.jsonRows(b, r.kids, depth+2)
			b.WriteByte('\n')
			jsonIndent(b, depth+1)
			b.WriteByte(']')
		}
		b.WriteByte('\n')
		jsonIndent(b, depth)
		b.WriteByte('}')
	}
}

// writeJSONLines writes a cell of several lines as an array of strings
// on a line of its own, a comma and a space between them ([null] for an
// empty cell), with the bracket closing at depth.
func writeJSONLines(b *strings.Builder, cell string, depth int) {
	b.WriteString("[\n")
	jsonIndent(b, depth+1)
	if cell == "" {
		b.WriteString(" null")
	}
	for i, l := range strings.Split(cell, "\n") {
		if cell == "" {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(" " + jsonValue(cellText, l))
	}
	b.WriteByte('\n')
	jsonIndent(b, depth)
	b.WriteByte(']')
}

// jsonValue is a cell as a JSON value: null when empty (but a flag is
// false then), a number bare, a flag true unless "0" or "n..."/"N...".
func jsonValue(kind cellKind, s string) string {
	switch {
	case kind == cellFlag:
		if s == "" || strings.IndexByte("0nN", s[0]) >= 0 {
			return "false"
		}
		return "true"
	case s == "":
		return "null"
	case kind == cellNumber:
		return s
	}
	return jsonString(s)
}

// jsonString quotes s for JSON: quote and backslash escaped, control
// characters by their short escapes or \u00XX, other bytes as they are.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if c < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// nests reports whether rows hold their children: only a tree with its
// tree column shown (findmnt's TARGET) has them, as libsmartcols makes a
// table a tree by its tree column.
func (t *table) nests() bool {
	if !t.tree {
		return false
	}
	for _, c := range t.cols {
		if c.tree {
			return true
		}
	}
	return false
}
