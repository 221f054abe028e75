// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/internal/size"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// split(1) of coreutils 9.1, without --filter.

const splitHelp = `[OPTION]... [FILE [PREFIX]]
Write FILE (standard input without one, or for -) in pieces to files
named PREFIX (x unless given) and a suffix: aa, ab, ... By default each
piece is 1000 lines.

  -a, --suffix-length=N   suffixes N long (2, growing as needed)
      --additional-suffix=SUFFIX  put SUFFIX after each name
  -b, --bytes=SIZE        pieces of SIZE bytes (K, M, G...: powers of 1024)
  -C, --line-bytes=SIZE   as many whole lines as fit in SIZE bytes
  -d                      numeric suffixes from 0; --numeric-suffixes=FROM
  -x                      hexadecimal suffixes; --hex-suffixes=FROM
  -e, --elide-empty-files no empty files with -n
  -l, --lines=NUMBER      pieces of NUMBER lines
  -n, --number=CHUNKS     CHUNKS pieces: N, K/N (piece K to standard
                          output), l/N and l/K/N (whole lines), r/N and
                          r/K/N (lines dealt round)
  -t, --separator=SEP     lines end with SEP, not newline ('\0': NUL)
  -u, --unbuffered        accepted
      --verbose           say which file is being made
      --help              show this help
      --version           show the version
`

const (
	splitAdditional = 0x100 + iota
	splitNumeric
	splitHex
	splitVerbose
	splitFilter
)

var splitOptions = []getopt.Option{
	{Short: 'a', Long: "suffix-length", Arg: getopt.RequiredArg},
	{Long: "additional-suffix", ID: splitAdditional, Arg: getopt.RequiredArg},
	{Short: 'b', Long: "bytes", Arg: getopt.RequiredArg},
	{Short: 'C', Long: "line-bytes", Arg: getopt.RequiredArg},
	{Short: 'd'}, {Long: "numeric-suffixes", ID: splitNumeric, Arg: getopt.OptionalArg},
	{Short: 'x'}, {Long: "hex-suffixes", ID: splitHex, Arg: getopt.OptionalArg},
	{Short: 'e', Long: "elide-empty-files"},
	{Short: 'l', Long: "lines", Arg: getopt.RequiredArg},
	{Short: 'n', Long: "number", Arg: getopt.RequiredArg},
	{Short: 't', Long: "separator", Arg: getopt.RequiredArg},
	{Short: 'u', Long: "unbuffered"},
	{Long: "verbose", ID: splitVerbose},
	{Long: "filter", ID: splitFilter, Arg: getopt.RequiredArg},
}

// splitter is one split command.
type splitter struct {
	*cmd
	mode         byte // 'l' lines, 'b' bytes, 'C' line bytes, 'n' chunks
	modeSet      bool
	count        uint64
	chunkKind    byte // for -n: 0 bytes, 'l' lines, 'r' round robin
	chunk        uint64
	suffixLen    int
	auto         bool
	alphabet     string
	start        uint64
	prefix, tail string
	elide        bool
	verbose      bool
	sep          byte
	// The name now: its letters' places in the alphabet.
	index  []int
	opened int
}

// splitApplet is split(1).
func splitApplet(c *cmd) int {
	s := &splitter{cmd: c, mode: 'l', count: 1000, alphabet: "abcdefghijklmnopqrstuvwxyz", prefix: "x", sep: '\n', auto: true}
	cl, status, ok := c.Getopt(splitOptions, false, splitHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		if !s.option(o) {
			return 1
		}
	}
	ops := cl.Operands
	if len(ops) > 2 {
		return c.ExtraOperand(ops[2])
	}
	name := "-"
	if len(ops) > 0 {
		name = ops[0]
	}
	if len(ops) > 1 {
		s.prefix = ops[1]
	}
	data, err := s.read(name)
	if err != nil {
		return 1
	}
	if s.mode == 'n' && !s.setChunkSuffix() {
		return 1
	}
	if s.suffixLen == 0 {
		s.suffixLen = 2
	}
	if !s.split(data) {
		return 1
	}
	return 0
}

// option applies one option; false: reported, split ends with 1.
func (s *splitter) option(o getopt.Parsed) bool {
	setMode := func(m byte) bool {
		if s.modeSet && s.mode != m {
			s.Errorf("cannot split in more than one way")
			s.TryHelp()
			return false
		}
		s.mode, s.modeSet = m, true
		return true
	}
	switch o.ID {
	case 'a':
		n, err := strconv.ParseUint(o.Value, 10, 31)
		if err != nil {
			s.Errorf("invalid suffix length: %s", s.QuoteArg(o.Value))
			return false
		}
		s.suffixLen, s.auto = int(n), n == 0
	case splitAdditional:
		if strings.Contains(o.Value, "/") {
			s.Errorf("invalid suffix %s, contains directory separator", s.QuoteArg(o.Value))
			s.TryHelp()
			return false
		}
		s.tail = o.Value
	case 'b', 'C':
		if !setMode(byte(o.ID)) {
			return false
		}
		p := size.Syntax{Units: "bEGKkMmPTYZ", Decimal: true}.Parse(o.Value)
		if p.Problem != 0 || p.Value == 0 {
			return s.badNumber("invalid number of bytes", o.Value, p.Problem, p.Value)
		}
		s.count = p.Value
	case 'l':
		if !setMode('l') {
			return false
		}
		n, err := strconv.ParseUint(o.Value, 10, 64)
		if err != nil || n == 0 {
			return s.badNumber("invalid number of lines", o.Value, boolProblem(err != nil), n)
		}
		s.count = n
	case 'n':
		return setMode('n') && s.parseChunks(o.Value)
	case 'd', splitNumeric, 'x', splitHex:
		s.alphabet = "0123456789"
		if o.ID == 'x' || o.ID == splitHex {
			s.alphabet = "0123456789abcdef"
		}
		if o.HasValue {
			n, err := strconv.ParseUint(o.Value, 10, 64)
			if err != nil {
				s.Errorf("invalid start value for numerical suffix: %s", s.QuoteArg(o.Value))
				return false
			}
			// A chosen start fixes the suffix length: no widening.
			s.start, s.auto = n, false
		}
	case 'e':
		s.elide = true
	case 't':
		switch {
		case o.Value == `\0`:
			s.sep = 0
		case len(o.Value) == 1:
			s.sep = o.Value[0]
		case o.Value == "":
			s.Errorf("empty record separator")
			return false
		default:
			s.Errorf("multi-character separator %s", s.QuoteArg(o.Value))
			return false
		}
	case splitVerbose:
		s.verbose = true
	case splitFilter:
		s.Errorf("--filter: %s", applet.ErrText(linux.ENOSYS))
		return false
	}
	return true
}

func boolProblem(bad bool) size.Problem {
	if bad {
		return size.Invalid
	}
	return 0
}

// badNumber reports a count split refuses: zero is out of range.
func (s *splitter) badNumber(what, arg string, p size.Problem, v uint64) bool {
	switch {
	case p == 0 && v == 0:
		s.Errorf("%s: %s: %s", what, s.QuoteArg(arg), applet.ErrText(linux.ERANGE))
	case p&size.TooBig != 0:
		s.Errorf("%s: %s: %s", what, s.QuoteArg(arg), applet.ErrText(linux.EOVERFLOW))
	default:
		s.Errorf("%s: %s", what, s.QuoteArg(arg))
	}
	return false
}

// parseChunks reads -n: [l/|r/][K/]N.
func (s *splitter) parseChunks(v string) bool {
	rest := v
	if k, r, ok := strings.Cut(v, "/"); ok && (k == "l" || k == "r") {
		s.chunkKind, rest = k[0], r
	}
	kStr, nStr, hasK := strings.Cut(rest, "/")
	if !hasK {
		nStr, kStr = kStr, ""
	}
	n, err := strconv.ParseUint(nStr, 10, 64)
	if err != nil || n == 0 {
		return s.badNumber("invalid number of chunks", nStr, boolProblem(err != nil), n)
	}
	s.count = n
	if hasK {
		k, err := strconv.ParseUint(kStr, 10, 64)
		if err != nil || k == 0 || k > n {
			// Zero passes for out of range, as K past N is.
			return s.badNumber("invalid chunk number", kStr, boolProblem(err != nil), 0)
		}
		s.chunk = k
	}
	return true
}

// setChunkSuffix makes -n's suffixes long enough for every chunk.
func (s *splitter) setChunkSuffix() bool {
	s.auto = false
	need := 1
	for n := uint64(len(s.alphabet)); n < s.count+s.start; n *= uint64(len(s.alphabet)) {
		need++
	}
	if s.suffixLen == 0 {
		s.suffixLen = max(2, need)
	} else if s.suffixLen < need {
		s.Errorf("the suffix length needs to be at least %d", need)
		return false
	}
	return true
}

// read takes the whole input; -n needs its size first anyway.
func (s *splitter) read(name string) ([]byte, error) {
	if name == "-" && s.mode == 'n' && s.chunkKind != 'r' {
		if f, ok := s.Stdin.(*applet.File); !ok || !isRegular(s, f) {
			s.Errorf("-: cannot determine file size")
			return nil, linux.ESPIPE
		}
	}
	data, err := s.ReadNamed(name)
	if err != nil {
		s.Errorf("cannot open %s for reading: %s", applet.QuoteArg(name), applet.ErrText(err))
	}
	return data, err
}

func isRegular(s *splitter, f *applet.File) bool {
	st, err := s.Task.Fstat(f.Fd)
	return err == nil && st.Mode&linux.S_IFMT == linux.S_IFREG
}

// nextName is the next output file's name; ok is false when the
// suffixes ran out (reported).
func (s *splitter) nextName() (string, bool) {
	if s.index == nil {
		s.index = make([]int, s.suffixLen)
		base := uint64(len(s.alphabet))
		for i, n := s.suffixLen-1, s.start; i >= 0; i-- {
			s.index[i] = int(n % base)
			n /= base
		}
	} else if !s.increment() {
		s.Errorf("output file suffixes exhausted")
		return "", false
	}
	var b strings.Builder
	b.WriteString(s.prefix)
	for _, i := range s.index {
		b.WriteByte(s.alphabet[i])
	}
	return b.String() + s.tail, true
}

// increment moves the suffix on; an automatic length widens once the
// first letter would become the alphabet's last: that letter joins the
// prefix and the suffix restarts one longer (xyz, then xzaaa).
func (s *splitter) increment() bool {
	last := len(s.alphabet) - 1
	for i := len(s.index) - 1; i >= 0; i-- {
		s.index[i]++
		if s.auto && i == 0 && s.index[0] == last {
			s.prefix += s.alphabet[last : last+1]
			s.index = make([]int, len(s.index)+1)
			return true
		}
		if s.index[i] <= last {
			return true
		}
		s.index[i] = 0
	}
	return false
}

// write makes the next file with data.
func (s *splitter) write(data []byte) bool {
	name, ok := s.nextName()
	if !ok {
		return false
	}
	if s.verbose {
		fmt.Fprintf(s.Out, "creating file %s\n", applet.QuoteArg(name))
	}
	f, err := applet.OpenFile(s.Task, name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o666)
	if err != nil {
		s.Errorf("%s: %s", s.QuoteName(name), applet.ErrText(err))
		return false
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		s.Errorf("%s: %s", s.QuoteName(name), applet.ErrText(err))
		return false
	}
	return true
}

// split writes the pieces.
func (s *splitter) split(data []byte) bool {
	switch s.mode {
	case 'b':
		for off := 0; off < len(data); off += int(s.count) {
			if !s.write(data[off:min(off+int(s.count), len(data))]) {
				return false
			}
		}
	case 'l':
		lines := splitLines(data, s.sep)
		for i := 0; i < len(lines); i += int(s.count) {
			if !s.write(bytes.Join(lines[i:min(i+int(s.count), len(lines))], nil)) {
				return false
			}
		}
	case 'C':
		return s.lineBytes(data)
	case 'n':
		return s.chunks(data)
	}
	return true
}

// splitLines cuts data after each separator; a last line may lack one.
func splitLines(data []byte, sep byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, sep)
		if i < 0 {
			return append(out, data)
		}
		out = append(out, data[:i+1])
		data = data[i+1:]
	}
	return out
}

// lineBytes is -C: whole lines up to the size in each file; a longer
// line is cut into pieces of the size.
func (s *splitter) lineBytes(data []byte) bool {
	max := int(s.count)
	var cur []byte
	for _, line := range splitLines(data, s.sep) {
		if len(cur)+len(line) > max && len(cur) > 0 {
			if !s.write(cur) {
				return false
			}
			cur = nil
		}
		for len(line) > max {
			if !s.write(line[:max]) {
				return false
			}
			line = line[max:]
		}
		cur = append(cur, line...)
	}
	return len(cur) == 0 || s.write(cur)
}

// chunks is -n: N pieces of (nearly) equal bytes, the last with the rest;
// with l/ each ends at the end of the line its last byte is in; with r/
// lines are dealt to the pieces in turn. With K only piece K is written,
// to standard output.
func (s *splitter) chunks(data []byte) bool {
	n := int(s.count)
	pieces := make([][]byte, n)
	switch s.chunkKind {
	case 'r':
		for i, line := range splitLines(data, s.sep) {
			pieces[i%n] = append(pieces[i%n], line...)
		}
	default:
		// Pieces of at least one byte: with fewer bytes than pieces,
		// the last ones are empty.
		per := max(len(data)/n, 1)
		start := 0
		for k := range n {
			end := min((k+1)*per, len(data))
			if k == n-1 {
				end = len(data)
			}
			if s.chunkKind == 'l' && end > start && k < n-1 {
				if i := bytes.IndexByte(data[end-1:], s.sep); i >= 0 {
					end += i
				} else {
					end = len(data)
				}
			}
			end = max(end, start)
			pieces[k] = data[start:end]
			start = end
		}
	}
	if s.chunk > 0 {
		s.Out.Write(pieces[s.chunk-1])
		return true
	}
	for _, p := range pieces {
		if len(p) == 0 && s.elide {
			continue
		}
		if !s.write(p) {
			return false
		}
	}
	return true
}
