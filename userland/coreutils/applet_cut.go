// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// cut(1) of coreutils 9.1: the list is read into sorted ranges, merged
// where they overlap (set-fields.c), optionally complemented; -b and -c
// (the same in the C locale) pick bytes, -f fields.

const cutHelp = `OPTION... [FILE]...
Print the selected parts of each line of each FILE (standard input
without one, or for -).

  -b, --bytes=LIST        select these bytes
  -c, --characters=LIST   select these characters
  -d, --delimiter=DELIM   fields are separated by DELIM, not TAB
  -f, --fields=LIST       select these fields; a line without the
                          delimiter is printed whole unless -s
  -n                      (ignored)
      --complement        select what LIST does not
  -s, --only-delimited    skip the lines without the delimiter
      --output-delimiter=STRING  join the selected parts with STRING
  -z, --zero-terminated   lines end with NUL, not newline
      --help              show this help
      --version           show the version

LIST is ranges separated by commas: N, N-, N-M or -M, counted from 1.
`

const (
	cutComplement = 0x100 + iota
	cutOutputDelim
)

var cutOptions = []getopt.Option{
	{Short: 'b', Long: "bytes", Arg: getopt.RequiredArg},
	{Short: 'c', Long: "characters", Arg: getopt.RequiredArg},
	{Short: 'd', Long: "delimiter", Arg: getopt.RequiredArg},
	{Short: 'f', Long: "fields", Arg: getopt.RequiredArg},
	{Short: 'n'},
	{Long: "complement", ID: cutComplement},
	{Short: 's', Long: "only-delimited"},
	{Long: "output-delimiter", Arg: getopt.RequiredArg, ID: cutOutputDelim},
	{Short: 'z', Long: "zero-terminated"},
}

// cutRange is an inclusive range of positions from 1.
type cutRange struct{ lo, hi uint64 }

const cutEnd = ^uint64(0)

// cutter is one cut command.
type cutter struct {
	*cmd
	mode             byte // 'b' or 'f'
	list             string
	delim            byte
	delimGiven       bool
	outDelim         string
	outDelimGiven    bool
	complement, only bool
	eol              byte
	ranges           []cutRange
}

func cutApplet(c *cmd) int {
	k := &cutter{cmd: c, delim: '\t', eol: '\n'}
	operands, status, ok := c.GetoptEach(cutOptions, false, cutHelp, func(o getopt.Parsed) bool {
		return k.option(o)
	})
	if !ok {
		return status
	}
	if msg := k.check(); msg != "" {
		return c.cutUsage(msg)
	}
	if !k.parseList() {
		return 1
	}
	status = 0
	for _, name := range operandsOrStdin(operands) {
		if !k.file(name) {
			status = 1
		}
	}
	return status
}

func (c *cmd) cutUsage(msg string) int {
	c.Errorf("%s", msg)
	c.TryHelp()
	return 1
}

// option applies one option as cut's getopt loop does.
func (k *cutter) option(o getopt.Parsed) bool {
	switch o.ID {
	case 'b', 'c', 'f':
		if k.mode != 0 {
			k.cutUsage("only one list may be specified")
			return false
		}
		k.mode, k.list = 'b', o.Value
		if o.ID == 'f' {
			k.mode = 'f'
		}
	case 'd':
		if len(o.Value) > 1 {
			k.cutUsage("the delimiter must be a single character")
			return false
		}
		k.delim, k.delimGiven = 0, true
		if o.Value != "" {
			k.delim = o.Value[0]
		}
	case cutOutputDelim:
		k.outDelim, k.outDelimGiven = o.Value, true
		if o.Value == "" {
			k.outDelim = "\x00"
		}
	case cutComplement:
		k.complement = true
	case 's':
		k.only = true
	case 'z':
		k.eol = 0
	}
	return true
}

// check is the consistency of the options, after them all.
func (k *cutter) check() string {
	switch {
	case k.mode == 0:
		return "you must specify a list of bytes, characters, or fields"
	case k.delimGiven && k.mode != 'f':
		return "an input delimiter may be specified only when operating on fields"
	case k.only && k.mode != 'f':
		return "suppressing non-delimited lines makes sense\n\tonly when operating on fields"
	}
	if !k.outDelimGiven {
		k.outDelim = string(k.delim)
	}
	return ""
}

// cutWords are the list messages for bytes and for fields.
func (k *cutter) word(pos, field string) string {
	if k.mode == 'b' {
		return pos
	}
	return field
}

// parseList reads the list as set_fields does.
func (k *cutter) parseList() bool {
	var ranges []cutRange
	s := k.list
	var value, initial uint64
	lhs, rhs, dash := false, false, false
	numStart := 0
	for i := 0; ; i++ {
		var ch byte
		if i < len(s) {
			ch = s[i]
		}
		switch {
		case i < len(s) && ch == '-':
			if dash {
				return k.cutUsage(k.word("invalid byte or character range", "invalid field range")) == 0
			}
			dash = true
			if lhs && value == 0 {
				return k.cutUsage(k.word("byte/character positions are numbered from 1", "fields are numbered from 1")) == 0
			}
			initial = 1
			if lhs {
				initial = value
			}
			value = 0
		case i >= len(s) || ch == ',' || ch == ' ' || ch == '\t':
			switch {
			case dash && !lhs && !rhs:
				return k.cutUsage("invalid range with no endpoint: -") == 0
			case dash && !rhs:
				ranges = append(ranges, cutRange{initial, cutEnd})
			case dash && value < initial:
				return k.cutUsage("invalid decreasing range") == 0
			case dash:
				ranges = append(ranges, cutRange{initial, value})
			case value == 0:
				return k.cutUsage(k.word("byte/character positions are numbered from 1", "fields are numbered from 1")) == 0
			default:
				ranges = append(ranges, cutRange{value, value})
			}
			if i >= len(s) {
				k.ranges = k.finishRanges(ranges)
				return true
			}
			value, lhs, rhs, dash = 0, false, false, false
		case ch >= '0' && ch <= '9':
			if i == 0 || s[i-1] < '0' || s[i-1] > '9' {
				numStart = i
			}
			if dash {
				rhs = true
			} else {
				lhs = true
			}
			d := uint64(ch - '0')
			if value > (cutEnd-d)/10 || value*10+d == cutEnd {
				n := numStart
				for n < len(s) && s[n] >= '0' && s[n] <= '9' {
					n++
				}
				msg := fmt.Sprintf(k.word("byte/character offset %s is too large", "field number %s is too large"), applet.QuoteArg(s[numStart:n]))
				return k.cutUsage(msg) == 0
			}
			value = value*10 + d
		default:
			msg := fmt.Sprintf(k.word("invalid byte/character position %s", "invalid field value %s"), applet.QuoteArg(s[i:]))
			return k.cutUsage(msg) == 0
		}
	}
}

// finishRanges sorts and merges overlapping ranges, then complements
// them if asked.
func (k *cutter) finishRanges(rs []cutRange) []cutRange {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].lo < rs[j].lo })
	var merged []cutRange
	for _, r := range rs {
		if n := len(merged); n > 0 && r.lo <= merged[n-1].hi {
			merged[n-1].hi = max(merged[n-1].hi, r.hi)
			continue
		}
		merged = append(merged, r)
	}
	if !k.complement {
		return merged
	}
	var out []cutRange
	next := uint64(1)
	for _, r := range merged {
		if r.lo > next {
			out = append(out, cutRange{next, r.lo - 1})
		}
		if r.hi == cutEnd {
			return out
		}
		next = r.hi + 1
	}
	return append(out, cutRange{next, cutEnd})
}

// rangeOf is the index of the range holding position p, or -1.
func (k *cutter) rangeOf(p uint64) int {
	i := sort.Search(len(k.ranges), func(i int) bool { return k.ranges[i].hi >= p })
	if i < len(k.ranges) && k.ranges[i].lo <= p {
		return i
	}
	return -1
}

func (k *cutter) file(name string) bool {
	r, err := k.openInput(name)
	if err != nil {
		k.Errorf("%s: %s", k.QuoteName(name), applet.ErrText(err))
		return false
	}
	defer r.Close()
	in := bufio.NewReader(r)
	for {
		line, err := in.ReadBytes(k.eol)
		if len(line) > 0 {
			line = bytes.TrimSuffix(line, []byte{k.eol})
			if k.mode == 'b' {
				k.bytesOf(line)
			} else {
				k.fieldsOf(line)
			}
		}
		if err != nil {
			if err != io.EOF {
				k.Errorf("%s: %s", k.QuoteName(name), applet.ErrText(err))
				return false
			}
			return true
		}
	}
}

// bytesOf prints the selected bytes of a line; with an output
// delimiter, one goes before each range but the first printed.
func (k *cutter) bytesOf(line []byte) {
	printed := false
	for i, b := range line {
		p := uint64(i + 1)
		ri := k.rangeOf(p)
		if ri < 0 {
			continue
		}
		if k.outDelimGiven && printed && k.ranges[ri].lo == p {
			k.Out.WriteString(k.outDelim)
		}
		printed = true
		k.Out.WriteByte(b)
	}
	k.Out.WriteByte(k.eol)
}

// fieldsOf prints the selected fields of a line, or the whole line when
// it has no delimiter (nothing with -s).
func (k *cutter) fieldsOf(line []byte) {
	if bytes.IndexByte(line, k.delim) < 0 {
		if !k.only {
			k.Out.Write(line)
			k.Out.WriteByte(k.eol)
		}
		return
	}
	var picked []string
	for i, f := range bytes.Split(line, []byte{k.delim}) {
		if k.rangeOf(uint64(i+1)) >= 0 {
			picked = append(picked, string(f))
		}
	}
	k.Out.WriteString(strings.Join(picked, k.outDelim))
	k.Out.WriteByte(k.eol)
}
