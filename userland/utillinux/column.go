// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const columnHelp = `
Usage:
 column [options] [<file>...]

Lay out lines in columns: the lines themselves across the width, or
with -t the fields of each line as a table.

Options:
 -t, --table                      a table of the lines' fields
 -N, --table-columns <names>      the columns' names, comma-separated: a
                                  header line, and names for the options below
 -d, --table-noheadings           no header line
 -O, --table-order <columns>      the columns in this order
 -H, --table-hide <columns>       leave these columns out
 -R, --table-right <columns>      align these columns right
 -l, --table-columns-limit <num>  at most this many fields; the last
                                  keeps the rest of the line
 -L, --keep-empty-lines           empty lines are kept, not skipped
 -J, --json                       the table in JSON (needs -N)
 -n, --table-name <name>          the JSON table's name (table)
 -E, -T, -W <columns>             accepted: nothing is cut or wrapped here

 -c, --output-width <width>       the width to fill (COLUMNS, or 80)
 -o, --output-separator <string>  between a table's columns (two spaces)
 -s, --separator <string>         the characters fields end at (blanks)
 -x, --fillrows                   fill rows first, not columns

 -h, --help                       show this help
 -V, --version                    show the version
`

var columnOptions = []getopt.Option{
	{Short: 't', Long: "table"}, {Short: 'N', Long: "table-columns", Arg: getopt.RequiredArg},
	{Short: 'd', Long: "table-noheadings"}, {Short: 'O', Long: "table-order", Arg: getopt.RequiredArg},
	{Short: 'H', Long: "table-hide", Arg: getopt.RequiredArg}, {Short: 'R', Long: "table-right", Arg: getopt.RequiredArg},
	{Short: 'l', Long: "table-columns-limit", Arg: getopt.RequiredArg}, {Short: 'L', Long: "keep-empty-lines"},
	{Short: 'E', Long: "table-noextreme", Arg: getopt.RequiredArg}, {Short: 'T', Long: "table-truncate", Arg: getopt.RequiredArg},
	{Short: 'W', Long: "table-wrap", Arg: getopt.RequiredArg}, {Short: 'e', Long: "table-header-repeat"},
	{Short: 'n', Long: "table-name", Arg: getopt.RequiredArg}, {Short: 'J', Long: "json"},
	{Short: 'c', Long: "output-width", Arg: getopt.RequiredArg}, {Short: 'o', Long: "output-separator", Arg: getopt.RequiredArg},
	{Short: 's', Long: "separator", Arg: getopt.RequiredArg}, {Short: 'x', Long: "fillrows"},
	{Short: 'h', Long: "help"}, {Short: 'V', Long: "version"},
}

// columnRun is one column command's settings and input.
type columnRun struct {
	*cmd
	table, fillRows, keepEmpty, noHeadings bool
	json                                   bool
	tableName                              string
	names                                  []string
	order, hide, right                     string
	limit, width                           int
	outSep, inSep                          string
	greedy                                 bool // blanks: runs of them are one
	lines                                  []string
}

// columnApplet is column(1) of util-linux 2.38.
func columnApplet(c *cmd) int {
	r := &columnRun{cmd: c, outSep: "  ", inSep: " \t", greedy: true, width: 80, tableName: "table"}
	if n, err := strconv.Atoi(c.Getenv("COLUMNS")); err == nil && n > 0 {
		r.width = n
	}
	p := getopt.Parser{Options: columnOptions}
	opts, files, err := p.Parse(c.Args)
	for _, o := range opts {
		if status, done := r.option(o); done {
			return status
		}
	}
	if err != nil {
		c.Errorf("%s", err)
		return c.tryHelp(1)
	}
	if r.json && len(r.names) == 0 {
		c.Errorf("option --table-columns required for --json")
		return 1
	}
	status := r.read(files)
	if r.json {
		if !r.printJSON() {
			return 1
		}
	} else if r.table {
		if !r.printTable() {
			return 1
		}
	} else {
		r.printList()
	}
	return status
}

func (r *columnRun) option(o getopt.Parsed) (status int, done bool) {
	num := func(what string) (int, bool) {
		n, err := strconv.Atoi(o.Value)
		if err != nil || n < 0 {
			r.Errorf("%s: '%s'", what, o.Value)
			return 0, false
		}
		return n, true
	}
	var ok = true
	switch o.ID {
	case 't':
		r.table = true
	case 'N':
		r.names = strings.Split(o.Value, ",")
	case 'd':
		r.noHeadings = true
	case 'J':
		r.json, r.table = true, true
	case 'n':
		r.tableName = o.Value
	case 'O':
		r.order = o.Value
	case 'H':
		r.hide = o.Value
	case 'R':
		r.right = o.Value
	case 'l':
		r.limit, ok = num("invalid columns limit argument")
	case 'L':
		r.keepEmpty = true
	case 'c':
		r.width, ok = num("invalid columns argument")
	case 'o':
		r.outSep = o.Value
	case 's':
		r.inSep, r.greedy = o.Value, false
	case 'x':
		r.fillRows = true
	case 'h':
		r.Out.WriteString(columnHelp)
		return 0, true
	case 'V':
		r.Out.WriteString("column from util-linux 2.38.1\n")
		return 0, true
	}
	if !ok {
		return 1, true
	}
	return 0, false
}

// read takes the lines of the files (standard input without any); a
// file that cannot be read is reported and skipped.
func (r *columnRun) read(files []string) int {
	if len(files) == 0 {
		r.readFrom(r.Stdin)
		return 0
	}
	status := 0
	for _, name := range files {
		f, err := applet.OpenFile(r.Task, name, linux.O_RDONLY, 0)
		if err != nil {
			r.Errorf("%s: %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		r.readFrom(f)
		f.Close()
	}
	return status
}

func (r *columnRun) readFrom(in io.Reader) {
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		if line := sc.Text(); line != "" || r.keepEmpty {
			r.lines = append(r.lines, line)
		}
	}
}

func textWidth(s string) int { return utf8.RuneCountInString(s) }

// printList lays the lines out across the width in columns a multiple
// of 8 wide, with tabs between, down the columns (or, with -x, along
// the rows).
func (r *columnRun) printList() {
	n := len(r.lines)
	if n == 0 {
		return
	}
	longest := 0
	for _, l := range r.lines {
		longest = max(longest, textWidth(l))
	}
	colWidth := (longest + 8) &^ 7
	if colWidth >= r.width {
		for _, l := range r.lines {
			r.Out.WriteString(l + "\n")
		}
		return
	}
	cols := max(r.width/colWidth, 1)
	rows := (n + cols - 1) / cols
	at := func(row, col int) int { return col*rows + row }
	if r.fillRows {
		rows = (n + cols - 1) / cols
		at = func(row, col int) int { return row*cols + col }
	}
	var b strings.Builder
	for row := range rows {
		used := 0
		for col := range cols {
			i := at(row, col)
			if i >= n {
				break
			}
			if col > 0 {
				// Tabs up to this column's start.
				for end := col * colWidth; (used+8)&^7 <= end; {
					b.WriteByte('\t')
					used = (used + 8) &^ 7
				}
			}
			b.WriteString(r.lines[i])
			used += textWidth(r.lines[i])
		}
		b.WriteByte('\n')
	}
	r.Out.WriteString(b.String())
}

// split cuts a line into fields: at runs of blanks (leading ones
// ignored), or at each character of -s; with -l the last field keeps the
// rest of the line.
func (r *columnRun) split(line string) []string {
	isSep := func(c rune) bool { return strings.ContainsRune(r.inSep, c) }
	var out []string
	for {
		// The last field is the rest after one separator, blanks and all.
		if r.limit > 0 && len(out) == r.limit-1 && len(out) > 0 {
			return append(out, line)
		}
		if r.greedy {
			line = strings.TrimLeftFunc(line, isSep)
			if line == "" {
				return out
			}
		}
		if r.limit == 1 {
			return append(out, line)
		}
		i := strings.IndexFunc(line, isSep)
		if i < 0 {
			return append(out, line)
		}
		out = append(out, line[:i])
		_, size := utf8.DecodeRuneInString(line[i:])
		line = line[i+size:]
	}
}

// columnIndexes reads a list of columns, by name (-N) or number from
// 1; numbers past the table are left out. ok is false for an unknown
// name, which is reported.
func (r *columnRun) columnIndexes(spec string, ncols int) ([]int, bool) {
	if spec == "" {
		return nil, true
	}
	var out []int
	for _, w := range strings.Split(spec, ",") {
		if i := slices.Index(r.names, w); i >= 0 {
			out = append(out, i)
			continue
		}
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 {
			r.Errorf("undefined column name '%s'", w)
			return nil, false
		}
		if n <= ncols {
			out = append(out, n-1)
		}
	}
	return out, true
}

// printTable is -t: every column but the last padded to its widest
// cell, separated by -o; right-aligned columns padded before.
func (r *columnRun) printTable() bool {
	var rows [][]string
	ncols := len(r.names)
	for _, l := range r.lines {
		f := r.split(l)
		rows = append(rows, f)
		ncols = max(ncols, len(f))
	}
	right, ok1 := r.columnIndexes(r.right, ncols)
	hide, ok2 := r.columnIndexes(r.hide, ncols)
	order, ok3 := r.columnIndexes(r.order, ncols)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	var shown []int
	for _, i := range order {
		if !slices.Contains(shown, i) {
			shown = append(shown, i)
		}
	}
	for i := range ncols {
		if !slices.Contains(shown, i) {
			shown = append(shown, i)
		}
	}
	shown = slices.DeleteFunc(shown, func(i int) bool { return slices.Contains(hide, i) })
	if len(r.names) > 0 && !r.noHeadings {
		rows = append([][]string{r.names}, rows...)
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	widths := make([]int, ncols)
	for _, row := range rows {
		for i := range ncols {
			widths[i] = max(widths[i], textWidth(cell(row, i)))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for k, i := range shown {
			s := cell(row, i)
			pad := strings.Repeat(" ", widths[i]-textWidth(s))
			last := k == len(shown)-1
			switch {
			case last && s == "":
			case slices.Contains(right, i):
				b.WriteString(pad + s)
			case last:
				b.WriteString(s)
			default:
				b.WriteString(s + pad)
			}
			if !last {
				b.WriteString(r.outSep)
			}
		}
		b.WriteByte('\n')
	}
	r.Out.WriteString(b.String())
	return true
}

// printJSON is -J: the rows as objects keyed by the lower-cased column
// names, empty and missing cells null, three spaces an indent level. A
// line with more fields than names is refused, nothing printed.
func (r *columnRun) printJSON() bool {
	var rows [][]string
	for i, l := range r.lines {
		f := r.split(l)
		if len(f) > len(r.names) {
			r.Errorf("line %d: for JSON the name of the column %d is required", i+2, len(r.names)+1)
			return false
		}
		rows = append(rows, f)
	}
	if len(rows) == 0 {
		return true
	}
	var b strings.Builder
	b.WriteString("{\n   " + jsonString(r.tableName) + ": [\n")
	for i, row := range rows {
		if i == 0 {
			b.WriteString("      {\n")
		} else {
			b.WriteString("      },{\n")
		}
		for k, name := range r.names {
			b.WriteString("         " + jsonString(strings.ToLower(name)) + ": ")
			if k < len(row) && row[k] != "" {
				b.WriteString(jsonString(row[k]))
			} else {
				b.WriteString("null")
			}
			if k < len(r.names)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString("      }\n   ]\n}\n")
	r.Out.WriteString(b.String())
	return true
}
