// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"io"
	"strings"
)

// A small libsmartcols: the table printer of findmnt, for output that is
// not a terminal (columns as wide as their widest cell, nothing
// truncated, the last column not padded) in the C locale (ASCII tree).

type ulColumn struct {
	name     string
	whint    float64
	right    bool
	tree     bool
	jsonType int // ulJSONString, ulJSONNumber
	width    int
}

const (
	ulJSONString = iota
	ulJSONNumber
	ulJSONBoolean
)

type ulLine struct {
	fs       *ulFS
	cells    []string
	parent   *ulLine
	children []*ulLine
}

type ulTableOut struct {
	cols       []*ulColumn
	lines      []*ulLine // every line, in insertion order
	roots      []*ulLine
	tree       bool
	raw        bool
	json       bool
	pairs      bool
	noheadings bool
	shellvar   bool
	name       string
}

func (tb *ulTableOut) newLine(parent *ulLine) *ulLine {
	ln := &ulLine{cells: make([]string, len(tb.cols)), parent: parent}
	tb.lines = append(tb.lines, ln)
	if parent != nil {
		parent.children = append(parent.children, ln)
	} else {
		tb.roots = append(tb.roots, ln)
	}
	return ln
}

func (ln *ulLine) isLastChild() bool {
	if ln.parent == nil {
		return false
	}
	c := ln.parent.children
	return c[len(c)-1] == ln
}

// treeArt is the tree column's prefix for a line.
func (ln *ulLine) treeArt() string {
	if ln.parent == nil {
		return ""
	}
	var parts []string
	for p := ln.parent; p.parent != nil; p = p.parent {
		if p.isLastChild() {
			parts = append(parts, "  ")
		} else {
			parts = append(parts, "| ")
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	if ln.isLastChild() {
		b.WriteString("`-")
	} else {
		b.WriteString("|-")
	}
	return b.String()
}

// ulSafeEncode is mbs_safe_encode in the C locale: control characters,
// bytes above 0x7e and "\x" sequences are written as \xHH.
func ulSafeEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == '\\' && i+1 < len(s) && s[i+1] == 'x') {
			fmt.Fprintf(&b, `\x%02x`, c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ulNonblank is fputs_nonblank (raw output).
func ulNonblank(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\\' || c < 0x20 || c >= 0x7f {
			fmt.Fprintf(&b, `\x%02x`, c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ulQuoted is fputs_quoted (NAME="value" output).
func ulQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' || c == '\\' || c == '`' || c == '$' || c < 0x20 || c >= 0x7f {
			fmt.Fprintf(&b, `\x%02x`, c)
			continue
		}
		b.WriteByte(c)
	}
	b.WriteByte('"')
	return b.String()
}

// cellText is the printed content of a cell, tree art included.
func (tb *ulTableOut) cellText(ln *ulLine, i int) string {
	s := ulSafeEncode(ln.cells[i])
	if tb.tree && tb.cols[i].tree {
		return ln.treeArt() + s
	}
	return s
}

// order returns the lines in print order (depth first for trees).
func (tb *ulTableOut) order() []*ulLine {
	if !tb.tree {
		return tb.lines
	}
	var out []*ulLine
	var walk func(ln *ulLine)
	walk = func(ln *ulLine) {
		out = append(out, ln)
		for _, c := range ln.children {
			walk(c)
		}
	}
	for _, r := range tb.roots {
		walk(r)
	}
	return out
}

func (tb *ulTableOut) colName(cl *ulColumn) string {
	if tb.shellvar {
		return ulShellvarName(cl.name)
	}
	return cl.name
}

// ulShellvarName is scols_column_get_name_as_shellvar: "1FOO%" becomes
// "_1FOO_PCT".
func ulShellvarName(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	isAlpha := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	if !isAlpha(s[0]) {
		b.WriteByte('_')
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; isAlpha(c) || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			b.WriteByte('_')
		}
	}
	if s[len(s)-1] == '%' {
		b.WriteString("PCT")
	}
	return b.String()
}

// print is scols_print_table.
func (tb *ulTableOut) print(w io.Writer) {
	if tb.json {
		tb.printJSON(w)
		return
	}
	if len(tb.lines) == 0 {
		return
	}
	lines := tb.order()
	if !tb.raw && !tb.pairs {
		for i, cl := range tb.cols {
			minw := len(cl.name)
			if minw == 0 {
				minw = 1
			}
			width := 0
			for _, ln := range lines {
				if n := len(tb.cellText(ln, i)); n > width {
					width = n
				}
			}
			if width < minw {
				width = minw
			} else if cl.whint >= 1 && width < int(cl.whint) && minw < int(cl.whint) {
				width = int(cl.whint)
			}
			cl.width = width
		}
	}
	var b strings.Builder
	if !tb.noheadings && !tb.pairs {
		for i, cl := range tb.cols {
			tb.printCell(&b, i, tb.colName(cl), nil)
		}
		b.WriteByte('\n')
	}
	for n, ln := range lines {
		for i := range tb.cols {
			tb.printCell(&b, i, "", ln)
		}
		if n < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

// printCell is print_data for the human, raw and pairs formats; ln nil
// prints the header.
func (tb *ulTableOut) printCell(b *strings.Builder, i int, header string, ln *ulLine) {
	cl := tb.cols[i]
	last := i == len(tb.cols)-1
	data := header
	if ln != nil {
		data = ln.cells[i]
	}
	switch {
	case tb.raw:
		if ln != nil && tb.tree && cl.tree {
			data = ln.treeArt() + data
		}
		b.WriteString(ulNonblank(data))
		if !last {
			b.WriteByte(' ')
		}
		return
	case tb.pairs:
		b.WriteString(tb.colName(cl))
		b.WriteByte('=')
		b.WriteString(ulQuoted(data))
		if !last {
			b.WriteByte(' ')
		}
		return
	}
	if ln != nil {
		data = tb.cellText(ln, i)
	} else {
		data = ulSafeEncode(data)
	}
	width := cl.width
	if last && len(data) < width && !cl.right {
		width = len(data)
	}
	if data != "" && cl.right {
		b.WriteString(strings.Repeat(" ", width-len(data)))
		b.WriteString(data)
	} else {
		b.WriteString(data)
		if last {
			return
		}
		if len(data) < width {
			b.WriteString(strings.Repeat(" ", width-len(data)))
		}
	}
	if !last {
		b.WriteByte(' ')
	}
}

// ulJSONWriter is util-linux's ul_jsonwrt.
type ulJSONWriter struct {
	b          *strings.Builder
	indent     int
	afterClose bool
}

const (
	ulJSONObject = iota
	ulJSONArray
	ulJSONValue
)

func (j *ulJSONWriter) writeIndent() {
	for i := 0; i < j.indent; i++ {
		j.b.WriteString("   ")
	}
}

func (j *ulJSONWriter) open(name string, named bool, typ int) {
	if named {
		if j.afterClose {
			j.b.WriteString(",\n")
		}
		j.writeIndent()
		j.b.WriteString(ulJSONQuote(strings.ToLower(name)))
	} else {
		if j.afterClose {
			j.b.WriteString(",")
		} else {
			j.writeIndent()
		}
	}
	switch typ {
	case ulJSONObject:
		if named {
			j.b.WriteString(": {\n")
		} else {
			j.b.WriteString("{\n")
		}
		j.indent++
	case ulJSONArray:
		if named {
			j.b.WriteString(": [\n")
		} else {
			j.b.WriteString("[\n")
		}
		j.indent++
	case ulJSONValue:
		if named {
			j.b.WriteString(": ")
		} else {
			j.b.WriteString(" ")
		}
	}
	j.afterClose = false
}

func (j *ulJSONWriter) close(typ int) {
	if j.indent == 1 {
		j.b.WriteString("\n}\n")
		j.indent--
		j.afterClose = true
		return
	}
	switch typ {
	case ulJSONObject:
		j.indent--
		j.b.WriteByte('\n')
		j.writeIndent()
		j.b.WriteString("}")
	case ulJSONArray:
		j.indent--
		j.b.WriteByte('\n')
		j.writeIndent()
		j.b.WriteString("]")
	}
	j.afterClose = true
}

func (j *ulJSONWriter) value(name, data string, number bool) {
	j.open(name, true, ulJSONValue)
	switch {
	case data == "":
		j.b.WriteString("null")
	case number:
		j.b.WriteString(data)
	default:
		j.b.WriteString(ulJSONQuote(data))
	}
	j.afterClose = true
}

// ulJSONQuote is fputs_quoted_json.
func ulJSONQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20:
			b.WriteByte(c)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\r':
			b.WriteString(`\r`)
		default:
			fmt.Fprintf(&b, `\u00%02x`, c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (tb *ulTableOut) printJSON(w io.Writer) {
	var b strings.Builder
	j := &ulJSONWriter{b: &b}
	j.open("", false, ulJSONObject)
	j.open(tb.name, true, ulJSONArray)
	if tb.tree {
		for _, r := range tb.roots {
			tb.jsonTree(j, r)
		}
	} else {
		for _, ln := range tb.lines {
			j.open("", false, ulJSONObject)
			tb.jsonCells(j, ln)
			j.close(ulJSONObject)
		}
	}
	j.close(ulJSONArray)
	j.close(ulJSONObject)
	io.WriteString(w, b.String())
}

func (tb *ulTableOut) jsonCells(j *ulJSONWriter, ln *ulLine) {
	for i, cl := range tb.cols {
		data := ln.cells[i]
		if cl.jsonType == ulJSONBoolean {
			// SCOLS_JSON_BOOLEAN: false for "", "0" and "N..."/"n...".
			data = "true"
			if d := ln.cells[i]; d == "" || d[0] == '0' || d[0] == 'N' || d[0] == 'n' {
				data = "false"
			}
		}
		j.value(tb.colName(cl), data, cl.jsonType != ulJSONString)
	}
}

// jsonTree follows print_tree_line: children arrays, and objects closed
// as the walk leaves them.
func (tb *ulTableOut) jsonTree(j *ulJSONWriter, ln *ulLine) {
	j.open("", false, ulJSONObject)
	tb.jsonCells(j, ln)
	if len(ln.children) > 0 {
		j.open("children", true, ulJSONArray)
		for _, c := range ln.children {
			tb.jsonTree(j, c)
		}
		j.close(ulJSONArray)
	}
	j.close(ulJSONObject)
}
