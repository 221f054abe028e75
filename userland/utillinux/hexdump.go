// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

const hexdumpHelp = `
Usage:
 hexdump [options] <file>...

Show the bytes of files (standard input without any) in hexadecimal,
decimal, octal or as characters, in formats of one's own (-e).

Options:
 -b, --one-byte-octal      bytes in octal, three digits
 -c, --one-byte-char       bytes as characters, escapes or octal
 -C, --canonical           hexadecimal bytes with the characters beside
 -d, --two-bytes-decimal   16-bit words in decimal
 -o, --two-bytes-octal     16-bit words in octal
 -x, --two-bytes-hex       16-bit words in hexadecimal
 -L, --color[=<mode>]      accepted: no colours here
 -e, --format <format>     a format string of one's own
 -f, --format-file <file>  format strings from a file, one a line
 -n, --length <length>     show only this many bytes
 -s, --skip <offset>       start this far into the input
 -v, --no-squeezing        show repeated lines, not a '*'

 -h, --help                show this help
 -V, --version             show the version
`

var hexdumpOptions = []getopt.Option{
	{Short: 'b', Long: "one-byte-octal"}, {Short: 'c', Long: "one-byte-char"}, {Short: 'C', Long: "canonical"},
	{Short: 'd', Long: "two-bytes-decimal"}, {Short: 'o', Long: "two-bytes-octal"}, {Short: 'x', Long: "two-bytes-hex"},
	{Short: 'L', Long: "color", Arg: getopt.OptionalArg}, {Short: 'e', Long: "format", Arg: getopt.RequiredArg},
	{Short: 'f', Long: "format-file", Arg: getopt.RequiredArg}, {Short: 'n', Long: "length", Arg: getopt.RequiredArg},
	{Short: 's', Long: "skip", Arg: getopt.RequiredArg}, {Short: 'v', Long: "no-squeezing"},
	{Short: 'h', Long: "help"}, {Short: 'V', Long: "version"},
}

// hexdumpStandard are the formats of the one-letter options.
var hexdumpStandard = map[int][]string{
	'b': {`"%07.7_Ax\n"`, `"%07.7_ax " 16/1 "%03o " "\n"`},
	'c': {`"%07.7_Ax\n"`, `"%07.7_ax " 16/1 "%3_c " "\n"`},
	'C': {`"%08.8_Ax\n"`, `"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " `, `"  |" 16/1 "%_p" "|\n"`},
	'd': {`"%07.7_Ax\n"`, `"%07.7_ax " 8/2 "  %05u " "\n"`},
	'o': {`"%07.7_Ax\n"`, `"%07.7_ax " 8/2 " %06o " "\n"`},
	'x': {`"%07.7_Ax\n"`, `"%07.7_ax " 8/2 "   %04x " "\n"`},
	0:   {`"%07.7_Ax\n"`, `"%07.7_ax " 8/2 "%04x " "\n"`},
}

// hexdumpRun is one hexdump command.
type hexdumpRun struct {
	*cmd
	formats      []*hexFormat
	skip, length uint64
	limited, all bool
	out          strings.Builder
}

// hexdumpApplet is hexdump(1) of util-linux 2.38.
func hexdumpApplet(c *cmd) int {
	r := &hexdumpRun{cmd: c}
	p := getopt.Parser{Options: hexdumpOptions}
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
	if len(r.formats) == 0 && !r.add(hexdumpStandard[0]...) {
		return 1
	}
	data, status := r.input(files)
	if status != 0 && data == nil {
		return 1
	}
	r.display(data)
	c.Out.WriteString(r.out.String())
	return status
}

func (r *hexdumpRun) option(o getopt.Parsed) (status int, done bool) {
	ok := true
	switch o.ID {
	case 'b', 'c', 'C', 'd', 'o', 'x':
		ok = r.add(hexdumpStandard[o.ID]...)
	case 'e':
		ok = r.add(o.Value)
	case 'f':
		text, err := r.ReadNamed(o.Value)
		if err != nil {
			r.Errorf("%s: %s", o.Value, applet.ErrText(err))
			return 1, true
		}
		for _, line := range strings.Split(string(text), "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				ok = ok && r.add(line)
			}
		}
	case 'n':
		r.length, ok = r.size(o.Value, "failed to parse length")
		r.limited = true
	case 's':
		r.skip, ok = r.size(o.Value, "failed to parse offset")
	case 'v':
		r.all = true
	case 'h':
		r.Out.WriteString(hexdumpHelp)
		return 0, true
	case 'V':
		r.Out.WriteString("hexdump from util-linux 2.38.1\n")
		return 0, true
	}
	if !ok {
		return 1, true
	}
	return 0, false
}

// size reads -n or -s: a number with an optional K, M, G... suffix.
func (r *hexdumpRun) size(s, what string) (uint64, bool) {
	p := size.Syntax{Units: "KkMmGgTtPEZY", Decimal: true}.Parse(s)
	if p.Problem != 0 || s == "" {
		r.Errorf("%s: '%s': %s", what, s, applet.ErrText(linux.EINVAL))
		return 0, false
	}
	return p.Value, true
}

func (r *hexdumpRun) add(specs ...string) bool {
	for _, s := range specs {
		f, err := parseHexFormat(s)
		if err != nil {
			r.Errorf("%s", err)
			return false
		}
		r.formats = append(r.formats, f)
	}
	return true
}

// input reads the files one after another, past -s and up to -n; a
// file that cannot be read is reported and the status is 1 (data is nil
// when none could be).
func (r *hexdumpRun) input(files []string) ([]byte, int) {
	if len(files) == 0 {
		data, _ := io.ReadAll(r.Stdin)
		return data, 0
	}
	var all []byte
	status, read := 0, 0
	for _, name := range files {
		b, err := r.ReadNamed(name)
		if err != nil {
			r.Errorf("%s: %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		all = append(all, b...)
		read++
	}
	if read == 0 {
		r.Errorf("all input file arguments failed")
		return nil, 1
	}
	return all, status
}

// display shows the data block by block: each format string over the
// same block, a '*' for blocks that repeat the one before, and the
// end address last.
func (r *hexdumpRun) display(all []byte) {
	start := min(r.skip, uint64(len(all)))
	data := all[start:]
	if r.limited && uint64(len(data)) > r.length {
		data = data[:r.length]
	}
	block := 0
	for _, f := range r.formats {
		block = max(block, f.bytes)
	}
	if block == 0 {
		return // formats that read nothing show nothing, not even the end
	}
	var prev []byte
	starred := false
	for off := 0; off < len(data); off += block {
		cur := data[off:min(off+block, len(data))]
		if !r.all && prev != nil && bytes.Equal(cur, prev[:len(cur)]) {
			if !starred {
				r.out.WriteString("*\n")
				starred = true
			}
			continue
		}
		prev, starred = cur, false
		padded := make([]byte, block)
		copy(padded, cur)
		for _, f := range r.formats {
			r.showBlock(f, padded, len(cur), start+uint64(off))
		}
	}
	if end := start + uint64(len(data)); end > 0 {
		r.showEnd(end)
	}
}

// showBlock is one format string over one block of n bytes at addr.
func (r *hexdumpRun) showBlock(f *hexFormat, b []byte, n int, addr uint64) {
	pos := 0
	for _, u := range f.units {
		if u.endOnly() {
			continue
		}
		for it := 0; it < u.reps; it++ {
			for k, p := range u.pieces {
				text := p.text
				if u.trailingBlank && it == u.reps-1 && k == len(u.pieces)-1 {
					text = text[:len(text)-1]
				}
				r.out.WriteString(text)
				switch {
				case p.conv == 0:
				case p.conv == 'a':
					fmt.Fprintf(&r.out, "%"+p.spec+string(p.base), addr+uint64(pos))
				case p.conv == 'A':
				case pos >= n:
					r.out.WriteString(strings.Repeat(" ", p.fieldWidth()))
				default:
					r.out.WriteString(p.render(b[pos : pos+p.size]))
				}
				pos += p.size
			}
		}
	}
}

// endOnly says the unit holds %_A: it shows only after the input.
func (u *hexUnit) endOnly() bool {
	for _, p := range u.pieces {
		if p.conv == 'A' {
			return true
		}
	}
	return false
}

// showEnd prints the unit with %_A, at the address after the input;
// of several, the last one given counts.
func (r *hexdumpRun) showEnd(end uint64) {
	var last *hexUnit
	for _, f := range r.formats {
		for _, u := range f.units {
			if u.endOnly() {
				last = u
			}
		}
	}
	if last == nil {
		return
	}
	for _, p := range last.pieces {
		r.out.WriteString(p.text)
		if p.conv == 'A' {
			fmt.Fprintf(&r.out, "%"+p.spec+string(p.base), end)
		}
	}
}

// hexControlNames are %_u's names of the control characters.
var hexControlNames = strings.Fields("nul soh stx etx eot enq ack bel bs ht lf vt ff cr so si dle dc1 dc2 dc3 dc4 nak syn etb can em sub esc fs gs rs us")

// render formats the bytes of one conversion.
func (p *hexPiece) render(b []byte) string {
	c := b[0]
	printable := c >= 0x20 && c < 0x7f
	switch p.conv {
	case 'C':
		return p.pad(string(b[:1]))
	case 'p':
		if !printable {
			c = '.'
		}
		return p.pad(string(rune(c)))
	case 'c':
		switch {
		case printable:
			return p.pad(string(rune(c)))
		case strings.IndexByte("\x00\a\b\f\n\r\t\v", c) >= 0:
			esc := map[byte]string{0: `\0`, '\a': `\a`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\v': `\v`}
			return p.pad(esc[c])
		}
		return p.pad(fmt.Sprintf("%03o", c))
	case 'U':
		switch {
		case c < 0x20:
			return p.pad(hexControlNames[c])
		case c == 0x7f:
			return p.pad("del")
		case printable:
			return p.pad(string(rune(c)))
		}
		return p.pad(fmt.Sprintf("%02x", c))
	}
	var v uint64
	switch len(b) {
	case 1:
		v = uint64(b[0])
	case 2:
		v = uint64(binary.LittleEndian.Uint16(b))
	case 4:
		v = uint64(binary.LittleEndian.Uint32(b))
	default:
		v = binary.LittleEndian.Uint64(b)
	}
	switch p.conv {
	case 'd', 'i':
		shift := 64 - 8*len(b)
		return fmt.Sprintf("%"+p.spec+"d", int64(v<<shift)>>shift)
	case 'u':
		return fmt.Sprintf("%"+p.spec+"d", v)
	case 'o', 'x', 'X':
		return fmt.Sprintf("%"+p.spec+string(p.conv), v)
	}
	fv := math.Float64frombits(v)
	if len(b) == 4 {
		fv = float64(math.Float32frombits(uint32(v)))
	}
	spec := p.spec
	if !strings.Contains(spec, ".") {
		spec += ".6"
	}
	return fmt.Sprintf("%"+spec+string(p.conv), fv)
}

// pad is a string conversion with the piece's width ('-': on the left).
func (p *hexPiece) pad(s string) string {
	w := p.fieldWidth() - len(s)
	if w <= 0 {
		return s
	}
	if strings.Contains(p.spec, "-") {
		return s + strings.Repeat(" ", w)
	}
	return strings.Repeat(" ", w) + s
}
