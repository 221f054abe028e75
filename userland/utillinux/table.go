// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"io"
	"strings"
)

// The table renderer of losetup --list and findmnt. A table has columns
// and rows; rows may hang under a parent row (findmnt's tree). It prints
// as aligned text, raw (one space between cells, blanks escaped), JSON or
// NAME="value" pairs. Output here never goes to a terminal, so columns are
// as wide as their widest cell and nothing is truncated.

// cellKind says how a column's cells print in JSON.
type cellKind int

const (
	cellText   cellKind = iota // a JSON string
	cellNumber                 // a bare JSON number
	cellFlag                   // true or false
)

// tableFormat is one of the output formats.
type tableFormat int

const (
	formatAligned tableFormat = iota
	formatRaw
	formatJSON
	formatPairs
)

type tableCol struct {
	header string
	// hint is a wish for the width: 1 or more is a number of cells that
	// a column with any data gets at least; below 1 (a fraction of the
	// terminal) it does not matter without a terminal.
	hint  float64
	right bool // aligned to the right
	tree  bool // holds the tree's branches
	kind  cellKind
	// lines is a column whose cells may hold several lines (lsblk's
	// MOUNTPOINTS): aligned output gives each its own output line, JSON
	// an array of strings (scols_wrapnl_* and SCOLS_JSON_ARRAY_STRING).
	lines bool
	width int // computed for aligned output
}

type tableRow struct {
	cells  []string
	parent *tableRow
	kids   []*tableRow
}

type table struct {
	cols     []*tableCol
	rows     []*tableRow // every row, in the order added
	tops     []*tableRow // rows without parent
	format   tableFormat
	tree     bool // print rows under their parents, with branches
	noHeader bool // no header line (aligned and raw output)
	varNames bool // headers as shell variable names (findmnt -y)
	// pairLines separates the pairs of a row by newlines (lsipc -n).
	pairLines bool
	jsonName  string // the name of the JSON array
	utf8      bool   // the locale's charset is UTF-8: box-drawing branches, multibyte text kept
	ascii     bool   // ASCII branches even so (findmnt -a)
}

func (t *table) addCol(c *tableCol) { t.cols = append(t.cols, c) }

// addRow appends an empty row, under parent if not nil.
func (t *table) addRow(parent *tableRow) *tableRow {
	r := &tableRow{cells: make([]string, len(t.cols)), parent: parent}
	t.rows = append(t.rows, r)
	if parent == nil {
		t.tops = append(t.tops, r)
	} else {
		parent.kids = append(parent.kids, r)
	}
	return r
}

// lastKid is whether r is the last row under its parent.
func (r *tableRow) lastKid() bool {
	if r.parent == nil {
		return false
	}
	k := r.parent.kids
	return k[len(k)-1] == r
}

// printOrder is the rows as they print: depth first for a tree.
func (t *table) printOrder() []*tableRow {
	if !t.tree {
		return t.rows
	}
	out := make([]*tableRow, 0, len(t.rows))
	var visit func(r *tableRow)
	visit = func(r *tableRow) {
		out = append(out, r)
		for _, k := range r.kids {
			visit(k)
		}
	}
	for _, r := range t.tops {
		visit(r)
	}
	return out
}

// headerOf is a column's name as printed.
func (t *table) headerOf(c *tableCol) string {
	if t.varNames {
		return shellVarName(c.header)
	}
	return c.header
}

// shellVarName makes a header usable as a shell variable: anything but
// ASCII letters and digits becomes '_', a name not starting with a letter
// gets a leading '_', and a trailing '%' reads "PCT" ("USE%" is USE_PCT).
func shellVarName(h string) string {
	if h == "" {
		return h
	}
	letter := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
	var b strings.Builder
	if !letter(h[0]) {
		b.WriteByte('_')
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; letter(c) || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			b.WriteByte('_')
		}
	}
	if strings.HasSuffix(h, "%") {
		b.WriteString("PCT")
	}
	return b.String()
}

// render writes the table in its format. Aligned, raw and pairs output
// of a table without rows is empty (no header either).
func (t *table) render(w io.Writer) {
	var b strings.Builder
	switch {
	case t.format == formatJSON:
		t.writeJSON(&b)
	case len(t.rows) == 0:
	case t.format == formatPairs:
		t.writePairs(&b)
	case t.format == formatRaw:
		t.writeRaw(&b)
	default:
		t.writeAligned(&b)
	}
	io.WriteString(w, b.String())
}

// localeIsUTF8 is whether the environment selects a UTF-8 character set
// the way glibc's setlocale(LC_ALL, "") reads it (LC_ALL, then LC_CTYPE,
// then LANG). Only the C locale's UTF-8 variant counts: it is the one
// UTF-8 locale every glibc system has, and the only one this machine
// knows; a locale that does not exist leaves the C locale.
func localeIsUTF8(c *cmd) bool {
	name := ""
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if name = c.Getenv(v); name != "" {
			break
		}
	}
	lang, codeset, ok := strings.Cut(name, ".")
	if !ok || lang != "C" {
		return false
	}
	codeset, _, _ = strings.Cut(codeset, "@")
	codeset = strings.ToLower(strings.ReplaceAll(codeset, "-", ""))
	return codeset == "utf8"
}
