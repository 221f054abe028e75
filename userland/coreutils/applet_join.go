// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// join(1) of coreutils 9.1: a merge of two files sorted on their join
// fields, in the C locale's byte order (or ignoring case with -i).

const joinHelp = `[OPTION]... FILE1 FILE2
For each pair of lines of FILE1 and FILE2 with the same join field,
write one line: the join field, then the other fields of both. The
files must be sorted on that field; one may be - (standard input).

  -a FILENUM        also write the lines of file FILENUM (1 or 2) that
                    pair with none
  -e STRING         STRING for fields -o asks for that are missing
  -i, --ignore-case compare the join fields ignoring case
  -j FIELD          -1 FIELD -2 FIELD
  -o FORMAT         write these fields: 0 (the join field) or FILENUM.FIELD,
                    separated by commas or blanks; 'auto' takes the
                    number of fields of each file's first line
  -t CHAR           fields end at CHAR, not at runs of blanks
  -v FILENUM        like -a, but no joined lines
  -1 FIELD          join on this field of file 1 (1 unless given)
  -2 FIELD          join on this field of file 2
      --check-order     fail at the first line out of order
      --nocheck-order   never check; by default join complains once
                        about disorder when some line pairs with none
      --header      the first lines are headers, joined as they are
  -z, --zero-terminated  lines end with NUL
      --help        show this help
      --version     show the version
`

const (
	joinCheck = 0x100 + iota
	joinNoCheck
	joinHeader
)

var joinOptions = []getopt.Option{
	{Short: 'a', Arg: getopt.RequiredArg}, {Short: 'e', Arg: getopt.RequiredArg},
	{Short: 'i', Long: "ignore-case"}, {Short: 'j', Arg: getopt.RequiredArg},
	{Short: 'o', Arg: getopt.RequiredArg}, {Short: 't', Arg: getopt.RequiredArg},
	{Short: 'v', Arg: getopt.RequiredArg}, {Short: '1', Arg: getopt.RequiredArg},
	{Short: '2', Arg: getopt.RequiredArg}, {Long: "check-order", ID: joinCheck},
	{Long: "nocheck-order", ID: joinNoCheck}, {Long: "header", ID: joinHeader},
	{Short: 'z', Long: "zero-terminated"},
}

// joinSpec is one field of -o: file 0 is the join field.
type joinSpec struct{ file, field int }

// joiner is one join command.
type joiner struct {
	*cmd
	field        [2]int // 0-based join fields
	unpaired     [2]bool
	noPaired     bool
	empty        string
	emptySet     bool
	format       []joinSpec
	auto         bool
	sep          int // -1: blanks
	ignoreCase   bool
	check        int // 0 default, 1 on, -1 off
	header       bool
	eol          byte
	files        [2]*joinFile
	seenUnpaired bool
	disorder     bool
	failed       bool
}

// joinFile is one input: its lines (as read, and split into fields)
// and where the merge is.
type joinFile struct {
	name   string
	raw    []string
	lines  [][]string
	pos    int
	warned bool
}

// joinApplet is join(1).
func joinApplet(c *cmd) int {
	j := &joiner{cmd: c, sep: -1, eol: '\n', field: [2]int{0, 0}}
	cl, status, ok := c.Getopt(joinOptions, false, joinHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		if !j.option(o) {
			return 1
		}
	}
	switch ops := cl.Operands; {
	case len(ops) == 0:
		return c.Usage("missing operand")
	case len(ops) == 1:
		return c.Usage("missing operand after %s", c.QuoteArg(ops[0]))
	case len(ops) > 2:
		return c.Usage("extra operand %s", c.QuoteArg(ops[2]))
	}
	if cl.Operands[0] == "-" && cl.Operands[1] == "-" {
		// join adds whatever errno was left: none in the C locale (a
		// UTF-8 one's lookups leave ENOENT).
		c.Errorf("both files cannot be standard input")
		return 1
	}
	for k, name := range cl.Operands {
		data, err := c.ReadNamed(name)
		if err != nil {
			c.Errorf("%s: %s", name, applet.ErrText(err))
			return 1
		}
		raw := j.lines(data)
		j.files[k] = &joinFile{name: name, raw: raw, lines: j.fields(raw)}
	}
	j.merge()
	if j.failed {
		return 1
	}
	if j.disorder {
		c.Errorf("input is not in sorted order")
		return 1
	}
	return 0
}

func (j *joiner) option(o getopt.Parsed) bool {
	fieldNum := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			j.Errorf("invalid field number: %s", j.QuoteArg(s))
			return 0, false
		}
		return n - 1, true
	}
	fileNum := func(s string) (int, bool) {
		if s != "1" && s != "2" {
			j.Errorf("invalid field number: %s", j.QuoteArg(s))
			return 0, false
		}
		return int(s[0] - '1'), true
	}
	var ok = true
	var n int
	switch o.ID {
	case 'a', 'v':
		if n, ok = fileNum(o.Value); ok {
			j.unpaired[n] = true
			j.noPaired = j.noPaired || o.ID == 'v'
		}
	case 'e':
		j.empty = o.Value
	case 'i':
		j.ignoreCase = true
	case 'j', '1', '2':
		if n, ok = fieldNum(o.Value); ok {
			if o.ID != '2' {
				j.field[0] = n
			}
			if o.ID != '1' {
				j.field[1] = n
			}
		}
	case 'o':
		ok = j.parseFormat(o.Value)
	case 't':
		switch {
		case o.Value == "":
			j.sep = '\n' // the whole line is the field
		case o.Value == `\0`:
			j.sep = 0
		case len(o.Value) > 1:
			j.Errorf("multi-character tab %s", j.QuoteArg(o.Value))
			ok = false
		default:
			j.sep = int(o.Value[0])
		}
	case joinCheck:
		j.check = 1
	case joinNoCheck:
		j.check = -1
	case joinHeader:
		j.header = true
	case 'z':
		j.eol = 0
	}
	return ok
}

// parseFormat reads -o's list.
func (j *joiner) parseFormat(v string) bool {
	if v == "auto" {
		j.auto = true
		return true
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if w == "0" {
			j.format = append(j.format, joinSpec{0, 0})
			continue
		}
		f, n, ok := strings.Cut(w, ".")
		if !ok || (f != "1" && f != "2") {
			j.Errorf("invalid file number in field spec: %s", j.QuoteArg(w))
			return false
		}
		k, err := strconv.Atoi(n)
		if err != nil || k < 1 {
			j.Errorf("invalid field number: %s", j.QuoteArg(n))
			return false
		}
		j.format = append(j.format, joinSpec{int(f[0] - '0'), k - 1})
	}
	return true
}

// lines splits an input into its lines, without their ends.
func (j *joiner) lines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	return strings.Split(string(bytes.TrimSuffix(data, []byte{j.eol})), string(rune(j.eol)))
}

// fields splits each line into its fields: at runs of blanks by default
// (leading ones ignored), else at each -t character.
func (j *joiner) fields(lines []string) [][]string {
	out := make([][]string, 0, len(lines))
	for _, s := range lines {
		switch j.sep {
		case -1:
			out = append(out, strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' }))
		case '\n':
			out = append(out, []string{s})
		default:
			out = append(out, strings.Split(s, string(rune(j.sep))))
		}
	}
	return out
}

func field(line []string, n int) (string, bool) {
	if n < len(line) {
		return line[n], true
	}
	return "", false
}

// key is the join field of a line of file k.
func (j *joiner) key(k int, line []string) string {
	s, _ := field(line, j.field[k])
	if j.ignoreCase {
		return strings.ToLower(s)
	}
	return s
}

// current is file k's line at the merge's place, nil past the end.
func (j *joiner) current(k int) []string {
	f := j.files[k]
	if f.pos < len(f.lines) {
		return f.lines[f.pos]
	}
	return nil
}

// advance moves file k on a line, checking the order as join does: with
// --check-order always (fatal), by default once lines went unpaired.
func (j *joiner) advance(k int) bool {
	f := j.files[k]
	f.pos++
	if f.pos >= len(f.lines) || j.failed {
		return false
	}
	if j.check < 0 || f.warned || j.check == 0 && !j.seenUnpaired || f.pos == 1 && j.header {
		return true
	}
	if j.key(k, f.lines[f.pos-1]) > j.key(k, f.lines[f.pos]) {
		f.warned = true
		j.Errorf("%s:%d: is not sorted: %s", f.name, f.pos+1, f.raw[f.pos])
		if j.check > 0 {
			j.failed = true
			return false
		}
		j.disorder = true
	}
	return true
}

func (j *joiner) joinLine(fields []string) string {
	sep := " "
	if j.sep >= 0 && j.sep != '\n' {
		sep = string(rune(j.sep))
	}
	return strings.Join(fields, sep)
}

// merge walks both files.
func (j *joiner) merge() {
	if j.auto {
		for k := range 2 {
			n := 0
			if len(j.files[k].lines) > 0 {
				n = len(j.files[k].lines[0])
			}
			for i := range n {
				if i != j.field[k] {
					j.format = append(j.format, joinSpec{k + 1, i})
				}
			}
		}
		j.format = append([]joinSpec{{0, 0}}, j.format...)
	}
	if j.header && j.current(0) != nil && j.current(1) != nil {
		j.print(j.current(0), j.current(1))
		j.advance(0)
		j.advance(1)
	}
	for !j.failed && j.current(0) != nil && j.current(1) != nil {
		a, b := j.current(0), j.current(1)
		switch ka, kb := j.key(0, a), j.key(1, b); {
		case ka < kb:
			j.unpairedLine(0, a)
		case ka > kb:
			j.unpairedLine(1, b)
		default:
			ga, gb := j.group(0, ka), j.group(1, kb)
			if !j.noPaired {
				for _, x := range ga {
					for _, y := range gb {
						j.print(x, y)
					}
				}
			}
		}
	}
	for k := range 2 {
		for line := j.current(k); line != nil && !j.failed; line = j.current(k) {
			if j.unpaired[k] {
				j.print2(k, line)
			} else if j.files[k].warned || j.check < 0 {
				break
			}
			j.advance(k)
		}
	}
}

// unpairedLine passes over file k's line that pairs with none, printing
// it for -a or -v. Lines unpaired turn the default order check on, but
// only after the next line was read: a disorder right there goes
// unreported, as with join.
func (j *joiner) unpairedLine(k int, line []string) {
	if j.unpaired[k] {
		j.print2(k, line)
	}
	j.advance(k)
	j.seenUnpaired = true
}

// group takes the lines of file k with key from the current one on.
func (j *joiner) group(k int, key string) [][]string {
	var out [][]string
	for line := j.current(k); line != nil && j.key(k, line) == key; line = j.current(k) {
		out = append(out, line)
		if !j.advance(k) {
			break
		}
	}
	return out
}

// print2 writes an unpaired line of file k.
func (j *joiner) print2(k int, line []string) {
	if k == 0 {
		j.print(line, nil)
	} else {
		j.print(nil, line)
	}
}

// print writes a joined line; a or b is nil for an unpaired line.
func (j *joiner) print(a, b []string) {
	var out []string
	if len(j.format) > 0 {
		for _, s := range j.format {
			out = append(out, j.formatField(s, a, b))
		}
	} else {
		lines := [2][]string{a, b}
		for k, l := range lines {
			if l != nil {
				s, _ := field(l, j.field[k])
				out = append(out, s)
				break
			}
		}
		for k, l := range lines {
			for i, f := range l {
				if i != j.field[k] {
					out = append(out, f)
				}
			}
		}
	}
	// Empty fields, as missing ones, show as -e's text.
	for i := range out {
		if out[i] == "" {
			out[i] = j.empty
		}
	}
	j.Out.WriteString(j.joinLine(out))
	j.Out.WriteByte(j.eol)
}

func (j *joiner) formatField(s joinSpec, a, b []string) string {
	var v string
	var ok bool
	switch {
	case s.file == 0 && a != nil:
		v, ok = field(a, j.field[0])
	case s.file == 0:
		v, ok = field(b, j.field[1])
	case s.file == 1 && a != nil:
		v, ok = field(a, s.field)
	case s.file == 2 && b != nil:
		v, ok = field(b, s.field)
	}
	if !ok {
		return ""
	}
	return v
}
