// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// lsWidths are the widths of the padded columns of a listing, measured
// over every entry of it (and, for operands, over the directories too).
type lsWidths struct {
	ino, blocks, scontext, nlink, owner, group, author int
	size, major, minor                                 int
}

// widths measures the columns of a listing.
func (l *lister) widths(list []*lsEntry) *lsWidths {
	w := &lsWidths{}
	for _, e := range list {
		w.ino = max(w.ino, len(l.inode(e)))
		if l.o.scontext {
			w.scontext = 1
		}
		if !e.statOK {
			continue
		}
		w.blocks = max(w.blocks, len(l.blockCount(e.st.Blocks)))
		if l.o.format == lsLong {
			l.measureLong(w, e)
		}
	}
	return w
}

// inode is the -i column of an entry: "?" when unknown.
func (l *lister) inode(e *lsEntry) string {
	if e.ino == 0 && !e.statOK {
		return "?"
	}
	return strconv.FormatUint(e.ino, 10)
}

// print writes entries in the chosen format, with columns as wide as the
// widest of sizing.
func (l *lister) print(list, sizing []*lsEntry) {
	if len(list) == 0 {
		return
	}
	w := l.widths(sizing)
	switch l.o.format {
	case lsLong:
		for _, e := range list {
			l.c.Out.WriteString(l.longLine(e, w))
		}
	case lsColumns, lsAcross:
		if l.o.width == 0 {
			l.printSeparated(list, w, ' ')
		} else {
			l.printColumns(list, w)
		}
	case lsCommas:
		l.printSeparated(list, w, ',')
	default:
		for _, e := range list {
			l.c.Out.WriteString(l.frills(e, w) + l.shownName(e, w, false) + l.indicator(e))
			l.c.Out.WriteByte(l.o.eol)
		}
	}
}

// frills is what -i, -s and -Z put before a name (unpadded in -m).
func (l *lister) frills(e *lsEntry, w *lsWidths) string {
	pad := func(s string, width int) string {
		if l.o.format == lsCommas {
			return s + " "
		}
		return strings.Repeat(" ", max(0, width-len(s))) + s + " "
	}
	s := ""
	if l.o.inode {
		s += pad(l.inode(e), w.ino)
	}
	if l.o.blocks {
		b := "?"
		if e.statOK {
			b = l.blockCount(e.st.Blocks)
		}
		s += pad(b, w.blocks)
	}
	if l.o.scontext && l.o.format != lsLong { // -l shows it after the group
		s += pad("?", w.scontext)
	}
	return s
}

// shownName is a name quoted, padded by a space when other names of the
// listing are quoted and it is not, and coloured.
func (l *lister) shownName(e *lsEntry, w *lsWidths, target bool) string {
	name := e.name
	if target {
		name = e.target
	}
	s, quoted := l.q.quote(name)
	s = l.colored(e, s, target)
	if l.someQuoted && !quoted && !target {
		s = " " + s
	}
	return s
}

// nameWidth is how many columns a name and its indicator take.
func (l *lister) nameWidth(e *lsEntry) int {
	s, quoted := l.q.quote(e.name)
	n := displayWidth(s) + len(l.indicator(e))
	if l.someQuoted && !quoted {
		n++
	}
	return n
}

// entryWidth is nameWidth with the frills.
func (l *lister) entryWidth(e *lsEntry, w *lsWidths) int {
	return displayWidth(l.frills(e, w)) + l.nameWidth(e)
}

// indicator is the suffix -p, -F and --file-type add to a name.
func (l *lister) indicator(e *lsEntry) string {
	return typeIndicator(l.o.indicator, e.typ, e.st.Mode, e.statOK)
}

// typeIndicator is the character that marks a file type in a style; the
// executable mark needs the mode.
func typeIndicator(style int, typ uint32, mode uint16, statOK bool) string {
	switch {
	case style == lsIndNone:
		return ""
	case typ == linux.S_IFREG || typ == 0 && !statOK:
		if style == lsIndClassify && statOK && uint32(mode)&applet.ExecAll != 0 {
			return "*"
		}
		return ""
	case typ == linux.S_IFDIR:
		return "/"
	case style == lsIndSlash:
		return ""
	case typ == linux.S_IFLNK:
		return "@"
	case typ == linux.S_IFIFO:
		return "|"
	case typ == linux.S_IFSOCK:
		return "="
	}
	return ""
}

// printSeparated is -m: names separated by ", ", wrapped before the line
// width; and -C and -x without a width limit, with sep ' '.
func (l *lister) printSeparated(list []*lsEntry, w *lsWidths, sep byte) {
	pos := 0
	for i, e := range list {
		n := 0
		if l.o.width > 0 {
			n = l.entryWidth(e, w)
		}
		if i > 0 {
			l.c.Out.WriteByte(sep)
			if l.o.width == 0 || pos+n+2 < l.o.width {
				l.c.Out.WriteByte(' ')
				pos += 2
			} else {
				l.c.Out.WriteByte(l.o.eol)
				pos = 0
			}
		}
		l.c.Out.WriteString(l.frills(e, w) + l.shownName(e, w, false) + l.indicator(e))
		pos += n
	}
	l.c.Out.WriteByte(l.o.eol)
}

// printColumns is -C (down the columns) and -x (across the rows): as many
// columns as fit the line width, each as wide as its widest name plus
// two spaces.
func (l *lister) printColumns(list []*lsEntry, w *lsWidths) {
	widths := make([]int, len(list))
	for i, e := range list {
		widths[i] = l.entryWidth(e, w)
	}
	down := l.o.format == lsColumns
	cols := fitColumns(widths, l.o.width, down)
	rows := (len(list) + len(cols) - 1) / len(cols)
	for r := 0; r < rows; r++ {
		pos := 0
		for c := 0; c < len(cols); c++ {
			i := r*len(cols) + c
			if down {
				i = c*rows + r
			}
			if i >= len(list) {
				break
			}
			if c > 0 {
				l.indent(pos, cols[c-1])
				pos = cols[c-1]
			}
			l.c.Out.WriteString(l.frills(list[i], w) + l.shownName(list[i], w, false) + l.indicator(list[i]))
			pos += widths[i]
		}
		l.c.Out.WriteByte(l.o.eol)
	}
}

// fitColumns finds the most columns whose widths fit the line and returns
// where each column ends.
func fitColumns(widths []int, lineWidth int, down bool) []int {
	n := len(widths)
	maxCols := n
	if lineWidth > 0 {
		maxCols = min(n, (lineWidth+2)/3)
	}
	for cols := maxCols; cols >= 1; cols-- {
		colw := columnWidths(widths, cols, down)
		total, grew := 0, false
		for _, cw := range colw {
			total += cw
			grew = grew || cw > 3
		}
		// coreutils checks the width only when a column widens.
		if cols == 1 || lineWidth == 0 || total < lineWidth || !grew {
			ends := make([]int, len(colw))
			pos := 0
			for i, cw := range colw {
				pos += cw
				ends[i] = pos
			}
			return ends
		}
	}
	return []int{0}
}

// columnWidths lays names out in cols columns: each column is as wide
// as its widest name plus the two-space gap (none after the last), and
// at least 3.
func columnWidths(widths []int, cols int, down bool) []int {
	rows := (len(widths) + cols - 1) / cols
	colw := make([]int, cols)
	for i := range colw {
		colw[i] = 3
	}
	for i, width := range widths {
		c := i % cols
		if down {
			c = i / rows
		}
		if c != cols-1 {
			width += 2
		}
		colw[c] = max(colw[c], width)
	}
	return colw
}

// indent moves from column from to column to with spaces, or tabs where
// a tab stop lies between (never with -T 0).
func (l *lister) indent(from, to int) {
	ts := l.o.tabSize
	for from < to {
		if ts != 0 && to/ts > (from+1)/ts {
			l.c.Out.WriteByte('\t')
			from += ts - from%ts
		} else {
			l.c.Out.WriteByte(' ')
			from++
		}
	}
}
