// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
)

const odEndian = 0x100

var odOptions = []getopt.Option{
	{Short: 'A', Long: "address-radix", Arg: getopt.RequiredArg},
	{Short: 'j', Long: "skip-bytes", Arg: getopt.RequiredArg},
	{Short: 'N', Long: "read-bytes", Arg: getopt.RequiredArg},
	{Short: 't', Long: "format", Arg: getopt.RequiredArg},
	{Short: 'v', Long: "output-duplicates"},
	{Short: 'w', Long: "width", Arg: getopt.OptionalArg},
	{Long: "endian", Arg: getopt.RequiredArg, ID: odEndian},
	// The traditional letters, each a format of its own.
	{Short: 'a'}, {Short: 'B'}, {Short: 'b'}, {Short: 'c'}, {Short: 'D'}, {Short: 'd'},
	{Short: 'e'}, {Short: 'F'}, {Short: 'f'}, {Short: 'H'}, {Short: 'h'}, {Short: 'I'},
	{Short: 'i'}, {Short: 'L'}, {Short: 'l'}, {Short: 'O'}, {Short: 'o'}, {Short: 's'},
	{Short: 'X'}, {Short: 'x'},
}

// odLetters are the traditional options' formats.
var odLetters = map[int]string{
	'a': "a", 'B': "o2", 'b': "o1", 'c': "c", 'D': "u4", 'd': "u2", 'e': "fD", 'F': "fD",
	'f': "fF", 'H': "x4", 'X': "x4", 'h': "x2", 'x': "x2", 'I': "dL", 'L': "dL", 'l': "dL",
	'i': "dI", 'O': "o4", 'o': "o2", 's': "d2",
}

const odHelp = `[OPTION]... [FILE]...
Show the bytes of the FILEs (standard input without one, or for -) as
numbers or characters, 16 bytes a line after their offset.

  -A, --address-radix=R   offsets in d (decimal), o (octal), x (hex) or n
                          (none)
  -j, --skip-bytes=N      begin N bytes in
  -N, --read-bytes=N      show at most N bytes
  -t, --format=TYPE       how to show the bytes (several may be given):
                          a (named characters), c (C escapes),
                          d, o, u, x with a size 1, 2, 4, 8 or C, S, I, L
                          (signed and unsigned decimal, octal, hex),
                          f with 4, 8, F or D (floating point);
                          a trailing z adds the printable bytes
  -v, --output-duplicates show every line (else repeats become *)
  -w, --width[=N]         N bytes a line (32 without N)
      --endian=ORDER      big or little (the default) for wider types
  -a -b -c -d -f -i -l -o -s -x
                          -t a, o1, c, u2, fF, dI, dL, o2, d2, x2
      --help              show this help
      --version           show the version

N may be hex (0x), octal (0) and end in b, K, kB, M, MB, ... Long
double (fL) is not supported.
`

// odSpec is one output format.
type odSpec struct {
	kind    byte // a c d o u x f
	size    int  // bytes per value
	width   int  // minimum field width
	pad     int  // padding spread over a line's fields
	trailer bool // z: the printable bytes after the line
}

// odRun is one od invocation.
type odRun struct {
	c           *cmd
	specs       []odSpec
	radix       byte
	skip, limit uint64
	limited     bool
	dups        bool // -v
	width       uint64
	widthSet    bool
	bigEndian   bool
	// The input: the files one after another.
	files []string
	cur   io.ReadCloser
	name  string
	ok    bool
}

// odApplet is od(1).
func odApplet(c *cmd) int {
	o := &odRun{c: c, radix: 'o', ok: true}
	operands, status, ok := c.GetoptEach(odOptions, false, odHelp, o.option)
	if !ok {
		return status
	}
	if !o.ok {
		return 1
	}
	if len(o.specs) == 0 {
		o.addFormat("oS")
	}
	o.files = operandsOrStdin(operands)
	if o.limited && o.skip+o.limit < o.skip {
		c.Errorf("skip-bytes + read-bytes is too large")
		return 1
	}
	o.nextFile()
	if o.cur == nil {
		return 1 // no input opened: od prints nothing more
	}
	if !o.skipInput() {
		return 1
	}
	o.layout()
	o.dump()
	if o.cur != nil {
		o.cur.Close()
	}
	if !o.ok {
		return 1
	}
	return 0
}

// option applies one option as od meets it; false stops od.
func (o *odRun) option(p getopt.Parsed) bool {
	c := o.c
	switch p.ID {
	case 'A':
		if p.Value == "" || strings.IndexByte("doxn", p.Value[0]) < 0 {
			first := byte(0)
			if p.Value != "" {
				first = p.Value[0]
			}
			c.Errorf("invalid output address radix '%c'; it must be one character from [doxn]", first)
			return false
		}
		o.radix = p.Value[0]
	case 'j', 'N':
		n, ok := o.count(p, size.Syntax{Units: "bEGKkMmPTYZ", Decimal: true, CNumbers: true})
		if !ok {
			return false
		}
		if p.ID == 'j' {
			o.skip = n
		} else {
			o.limit, o.limited = n, true
		}
	case 'w':
		o.widthSet, o.width = true, 32
		if p.HasValue {
			n, ok := o.count(p, size.Syntax{})
			if !ok {
				return false
			}
			o.width = n
		}
	case 't':
		o.ok = o.addFormat(p.Value) && o.ok
	case 'v':
		o.dups = true
	case odEndian:
		switch {
		case p.Value != "" && strings.HasPrefix("big", p.Value):
			o.bigEndian = true
		case p.Value != "" && strings.HasPrefix("little", p.Value):
			o.bigEndian = false
		default:
			c.Errorf("invalid argument %s for '--endian'", c.QuoteArg(p.Value))
			fmt.Fprintf(c.Errw, "Valid arguments are:\n  - 'little'\n  - 'big'\n")
			c.TryHelp()
			return false
		}
	default:
		o.ok = o.addFormat(odLetters[p.ID]) && o.ok
	}
	return true
}

// count reads -j, -N or -w's number, with xstrtol_fatal's complaints.
func (o *odRun) count(p getopt.Parsed, x size.Syntax) (uint64, bool) {
	n := x.Parse(p.Value)
	switch {
	case n.Problem == 0:
		return n.Value, true
	case n.Problem&size.BadSuffix != 0:
		o.c.Errorf("invalid suffix in %s argument '%s'", p.Name, p.Value)
	case n.Problem&size.TooBig != 0:
		o.c.Errorf("%s argument '%s' too large", p.Name, p.Value)
	default:
		o.c.Errorf("invalid %s argument '%s'", p.Name, p.Value)
	}
	return 0, false
}

// Field widths of the integer formats, by size in bytes.
var (
	odOctDigits      = map[int]int{1: 3, 2: 6, 4: 11, 8: 22}
	odSignedDigits   = map[int]int{1: 4, 2: 6, 4: 11, 8: 20}
	odUnsignedDigits = map[int]int{1: 3, 2: 5, 4: 10, 8: 20}
	odHexDigits      = map[int]int{1: 2, 2: 4, 4: 8, 8: 16}
)

// addFormat adds the formats of a -t string.
func (o *odRun) addFormat(s string) bool {
	for rest := s; rest != ""; {
		spec, next, ok := o.oneFormat(s, rest)
		if !ok {
			return false
		}
		o.specs = append(o.specs, spec)
		rest = next
	}
	return true
}

// oneFormat reads the format at the start of rest (whole string s).
func (o *odRun) oneFormat(s, rest string) (odSpec, string, bool) {
	c := o.c
	spec := odSpec{kind: rest[0], size: 1, width: 3}
	rest = rest[1:]
	switch spec.kind {
	case 'd', 'o', 'u', 'x':
		size, next, ok := o.size(s, rest, map[byte]int{'C': 1, 'S': 2, 'I': 4, 'L': 8}, 4)
		if !ok {
			return spec, "", false
		}
		if size != 1 && size != 2 && size != 4 && size != 8 {
			c.Errorf("invalid type string %s;\nthis system doesn't provide a %d-byte integral type", c.QuoteArg(s), size)
			return spec, "", false
		}
		spec.size, rest = size, next
		spec.width = map[byte]map[int]int{'d': odSignedDigits, 'o': odOctDigits, 'u': odUnsignedDigits, 'x': odHexDigits}[spec.kind][size]
	case 'f':
		size, next, ok := o.size(s, rest, map[byte]int{'F': 4, 'D': 8, 'L': 16}, 8)
		if !ok {
			return spec, "", false
		}
		switch size {
		case 4, 8:
		case 16:
			c.Errorf("invalid type string %s: long double is not supported", c.QuoteArg(s))
			return spec, "", false
		default:
			c.Errorf("invalid type string %s;\nthis system doesn't provide a %d-byte floating point type", c.QuoteArg(s), size)
			return spec, "", false
		}
		spec.size, rest = size, next
		spec.width = map[int]int{4: 15, 8: 25}[size]
	case 'a', 'c':
	default:
		c.Errorf("invalid character '%c' in type string %s", spec.kind, c.QuoteArg(s))
		return spec, "", false
	}
	if strings.HasPrefix(rest, "z") {
		spec.trailer, rest = true, rest[1:]
	}
	return spec, rest, true
}

// size reads a format's size: a letter, digits, or nothing (def).
func (o *odRun) size(s, rest string, letters map[byte]int, def int) (int, string, bool) {
	if rest != "" {
		if n, ok := letters[rest[0]]; ok {
			return n, rest[1:], true
		}
	}
	k := 0
	for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
		k++
	}
	if k == 0 {
		return def, rest, true
	}
	n, err := strconv.ParseUint(rest[:k], 10, 64)
	if err != nil || n > math.MaxInt32 {
		o.c.Errorf("invalid type string %s", applet.QuoteArg(s))
		return 0, "", false
	}
	return int(n), rest[k:], true
}

// nextFile opens the next input that opens, reporting those that fail.
func (o *odRun) nextFile() {
	for len(o.files) > 0 {
		name := o.files[0]
		o.files = o.files[1:]
		r, err := o.c.openInput(name)
		if err != nil {
			o.c.Errorf("%s: %s", applet.QuoteName(name), applet.ErrText(err))
			o.ok = false
			continue
		}
		o.cur, o.name = r, name
		if name == "-" {
			o.name = "standard input"
		}
		return
	}
	o.cur = nil
}

// read fills p from the inputs in turn; it returns fewer bytes only at
// the end of the last one.
func (o *odRun) read(p []byte) int {
	n := 0
	for n < len(p) && o.cur != nil {
		m, err := o.cur.Read(p[n:])
		n += m
		if err == nil {
			continue
		}
		if !errors.Is(err, io.EOF) {
			o.c.Errorf("%s: %s", applet.QuoteName(o.name), applet.ErrText(err))
			o.ok = false
		}
		o.cur.Close()
		o.nextFile()
	}
	return n
}

// skipInput is -j: bytes read and dropped across the inputs.
func (o *odRun) skipInput() bool {
	buf := make([]byte, 4096)
	for left := o.skip; left > 0; {
		n := o.read(buf[:min(uint64(len(buf)), left)])
		if n == 0 {
			o.c.Errorf("cannot skip past end of combined input")
			return false
		}
		left -= uint64(n)
	}
	return true
}

// lcm is the least common multiple of the formats' sizes.
func (o *odRun) lcm() int {
	l := 1
	for _, s := range o.specs {
		a, b := l, s.size
		for b != 0 {
			a, b = b, a%b
		}
		l = l / a * s.size
	}
	return l
}

// layout settles the bytes per line and each format's padding, so that
// the columns of all formats line up.
func (o *odRun) layout() {
	l := o.lcm()
	switch {
	case o.widthSet && o.width != 0 && o.width%uint64(l) == 0:
	case o.widthSet:
		o.c.Errorf("warning: invalid width %d; using %d instead", o.width, l)
		o.width = uint64(l)
	case l < 16:
		o.width = uint64(l * (16 / l))
	default:
		o.width = uint64(l)
	}
	widest := 0
	for _, s := range o.specs {
		widest = max(widest, (s.width+1)*(int(o.width)/s.size))
	}
	for k := range o.specs {
		s := &o.specs[k]
		s.pad = widest - s.width*(int(o.width)/s.size)
	}
}

// address formats an offset in the -A radix.
func (o *odRun) address(n uint64) string {
	switch o.radix {
	case 'd':
		return fmt.Sprintf("%07d", n)
	case 'x':
		return fmt.Sprintf("%06x", n)
	case 'n':
		return ""
	}
	return fmt.Sprintf("%07o", n)
}

// dump reads line after line and prints them; runs of equal lines
// become a "*" unless -v.
func (o *odRun) dump() {
	per := int(o.width)
	prev, cur := make([]byte, per), make([]byte, per)
	offset := o.skip
	first, starred := true, false
	for !o.c.Cancelled() {
		want := per
		if o.limited {
			want = int(min(uint64(per), o.skip+o.limit-offset))
		}
		if want == 0 {
			break
		}
		n := o.read(cur[:want])
		if n == 0 {
			break
		}
		if n == per && !o.dups && !first && bytes.Equal(prev, cur) {
			if !starred {
				o.c.Out.WriteString("*\n")
				starred = true
			}
		} else {
			starred = false
			o.line(offset, cur, n)
		}
		first = false
		offset += uint64(n)
		prev, cur = cur, prev
		if n < per {
			break
		}
	}
	if o.radix != 'n' {
		o.c.Out.WriteString(o.address(offset) + "\n")
	}
}

// line prints the lines of one block of n bytes, one per format; a short
// last block is padded with zeros to a whole number of values.
func (o *odRun) line(offset uint64, block []byte, n int) {
	l := o.lcm()
	whole := l * ((n + l - 1) / l)
	for k := n; k < whole; k++ {
		block[k] = 0
	}
	out := o.c.Out
	per := int(o.width)
	for k, s := range o.specs {
		if k == 0 {
			out.WriteString(o.address(offset))
		} else if o.radix != 'n' {
			out.WriteString(strings.Repeat(" ", len(o.address(0))))
		}
		fields, shown := per/s.size, (n+s.size-1)/s.size
		for j := 0; j < shown; j++ {
			v := o.value(s, block[j*s.size:(j+1)*s.size])
			fmt.Fprintf(out, "%*s", s.width+padBefore(s.pad, fields, j), v)
		}
		if s.trailer {
			blank := fields - shown
			out.WriteString(strings.Repeat(" ", blank*s.width+s.pad*blank/fields))
			out.WriteString("  >")
			for _, b := range block[:n] {
				if !applet.IsPrintable(b) {
					b = '.'
				}
				out.WriteByte(b)
			}
			out.WriteByte('<')
		}
		out.WriteByte('\n')
	}
}

// padBefore shares a line's pad spaces among its fields, the leftmost
// getting the rounding: the extra spaces before field j of fields.
func padBefore(pad, fields, j int) int {
	left := fields - j // fields from j to the end of the line
	return pad*left/fields - pad*(left-1)/fields
}

// odNames are -t a's names of the control characters and space.
var odNames = strings.Fields("nul soh stx etx eot enq ack bel bs ht nl vt ff cr so si " +
	"dle dc1 dc2 dc3 dc4 nak syn etb can em sub esc fs gs rs us sp")

// value formats one value of a format.
func (o *odRun) value(s odSpec, b []byte) string {
	switch s.kind {
	case 'a':
		c := b[0] & 0x7f
		switch {
		case c == 0x7f:
			return "del"
		case c <= ' ':
			return odNames[c]
		}
		return string([]byte{c})
	case 'c':
		if k := bytes.IndexByte([]byte("\x00\a\b\f\n\r\t\v"), b[0]); k >= 0 {
			return []string{`\0`, `\a`, `\b`, `\f`, `\n`, `\r`, `\t`, `\v`}[k]
		}
		if applet.IsPrintable(b[0]) {
			return string(b[:1])
		}
		return fmt.Sprintf("%03o", b[0])
	}
	u := o.unsigned(b)
	switch s.kind {
	case 'o':
		return fmt.Sprintf("%0*o", s.width, u)
	case 'x':
		return fmt.Sprintf("%0*x", s.width, u)
	case 'u':
		return strconv.FormatUint(u, 10)
	case 'd':
		shift := 64 - 8*uint(s.size)
		return strconv.FormatInt(int64(u<<shift)>>shift, 10)
	}
	if s.size == 4 {
		return odFloat(float64(math.Float32frombits(uint32(u))), 6, 9, 32)
	}
	return odFloat(math.Float64frombits(u), 15, 17, 64)
}

// unsigned reads a value of len(b) bytes in the chosen byte order.
func (o *odRun) unsigned(b []byte) uint64 {
	var buf [8]byte
	if o.bigEndian {
		copy(buf[8-len(b):], b)
		return binary.BigEndian.Uint64(buf[:])
	}
	copy(buf[:], b)
	return binary.LittleEndian.Uint64(buf[:])
}

// odFloat is gnulib's ftoastr: the shortest %g form, from the type's
// digit count up (from 1 for subnormal values), that reads back as the
// same value.
func odFloat(v float64, from, to, bits int) string {
	smallest := math.SmallestNonzeroFloat64 * (1 << 52) // DBL_MIN
	if bits == 32 {
		smallest = 0x1p-126 // FLT_MIN
	}
	if math.Abs(v) < smallest {
		from = 1
	}
	var s string
	for prec := from; prec <= to; prec++ {
		s = strconv.FormatFloat(v, 'g', prec, 64)
		if back, err := strconv.ParseFloat(s, bits); err == nil && back == v || math.IsNaN(v) {
			break
		}
	}
	switch {
	case math.IsNaN(v):
		if math.Signbit(v) {
			return "-nan"
		}
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return s
}
