// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// tr(1) of coreutils 9.1 in the C locale. A SET is read into elements
// (characters, ranges, [:class:], [=c=], [c*n]) as tr.c's
// build_spec_list does; translating pairs the characters of the two sets
// in order, except that an [:upper:] or [:lower:] of SET2 converts case
// of the class SET1 has at the same place.

const trHelp = `[OPTION]... STRING1 [STRING2]
Copy standard input to standard output, translating, squeezing or
deleting characters.

  -c, -C, --complement    use the characters not in STRING1
  -d, --delete            delete the characters of STRING1
  -s, --squeeze-repeats   replace a run of one character of the last
                          STRING given with a single one
  -t, --truncate-set1     cut STRING1 to the length of STRING2 first
      --help              show this help
      --version           show the version

STRINGs are characters, with \NNN (octal), \\, \a, \b, \f, \n, \r, \t,
\v escapes, ranges CHAR1-CHAR2, [CHAR*] (STRING2 only: as many as
needed) and [CHAR*REPEAT], the classes [:alnum:] [:alpha:] [:blank:]
[:cntrl:] [:digit:] [:graph:] [:lower:] [:print:] [:punct:] [:space:]
[:upper:] [:xdigit:], and [=CHAR=].
`

var trOptions = []getopt.Option{
	{Short: 'c', Long: "complement"},
	{Short: 'C', ID: 'c'},
	{Short: 'd', Long: "delete"},
	{Short: 's', Long: "squeeze-repeats"},
	{Short: 't', Long: "truncate-set1"},
}

// trElemKind is the kind of one element of a set.
type trElemKind int

const (
	trChars  trElemKind = iota // plain characters and ranges
	trClass                    // [:name:]
	trEquiv                    // [=c=]
	trRepeat                   // [c*n], n == 0 for "as many as needed"
)

// trElem is one element of a set.
type trElem struct {
	kind  trElemKind
	chars []byte // for trChars, trClass, trEquiv; the character for trRepeat
	class string
	count uint64
}

// trClasses are the C locale's character classes.
var trClasses = map[string]func(c byte) bool{
	"alnum":  func(c byte) bool { return isAlpha(c) || isDigit(c) },
	"alpha":  isAlpha,
	"blank":  func(c byte) bool { return c == ' ' || c == '\t' },
	"cntrl":  func(c byte) bool { return c < 32 || c == 127 },
	"digit":  isDigit,
	"graph":  func(c byte) bool { return c > 32 && c < 127 },
	"lower":  func(c byte) bool { return c >= 'a' && c <= 'z' },
	"print":  func(c byte) bool { return c >= 32 && c < 127 },
	"punct":  func(c byte) bool { return c > 32 && c < 127 && !isAlpha(c) && !isDigit(c) },
	"space":  func(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' },
	"upper":  func(c byte) bool { return c >= 'A' && c <= 'Z' },
	"xdigit": func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' },
}

// trFail is a fatal complaint about the sets.
type trFail string

// trUnescape decodes a set's backslash escapes, marking the characters
// that were escaped (they are never special).
func (c *cmd) trUnescape(s string) (out []byte, escaped []bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out, escaped = append(out, s[i]), append(escaped, false)
			continue
		}
		if i+1 == len(s) {
			c.Errorf("warning: an unescaped backslash at end of string is not portable")
			out, escaped = append(out, '\\'), append(escaped, true)
			continue
		}
		i++
		b := s[i]
		if b >= '0' && b <= '7' {
			n, j := 0, i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' && n*8+int(s[j]-'0') <= 0o377 {
				n = n*8 + int(s[j]-'0')
				j++
			}
			b, i = byte(n), j-1
		} else if e, ok := map[byte]byte{'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11}[b]; ok {
			b = e
		}
		out, escaped = append(out, b), append(escaped, true)
	}
	return out, escaped
}

// trParse reads a set into elements (build_spec_list).
func (c *cmd) trParse(set string) ([]trElem, trFail) {
	s, esc := c.trUnescape(set)
	plain := func(i int, b byte) bool { return i < len(s) && s[i] == b && !esc[i] }
	var elems []trElem
	addChar := func(b byte) {
		if n := len(elems); n > 0 && elems[n-1].kind == trChars {
			elems[n-1].chars = append(elems[n-1].chars, b)
			return
		}
		elems = append(elems, trElem{kind: trChars, chars: []byte{b}})
	}
	for i := 0; i < len(s); i++ {
		if plain(i, '[') && i+1 < len(s) {
			if e, next, fail, ok := trBracket(s, esc, i); ok {
				if fail != "" {
					return nil, fail
				}
				elems = append(elems, e)
				i = next
				continue
			}
		}
		if plain(i+1, '-') && i+2 < len(s) {
			lo, hi := s[i], s[i+2]
			if lo > hi {
				return nil, trFail(fmt.Sprintf("range-endpoints of '%s-%s' are in reverse collating sequence order",
					trPrintable(lo), trPrintable(hi)))
			}
			for b := int(lo); b <= int(hi); b++ {
				addChar(byte(b))
			}
			i += 2
			continue
		}
		addChar(s[i])
	}
	return elems, ""
}

// trBracket reads a [:class:], [=c=] or [c*n] at s[i]; ok is false when
// the bracket is an ordinary character.
func trBracket(s []byte, esc []bool, i int) (e trElem, last int, fail trFail, ok bool) {
	if d := s[i+1]; (d == ':' || d == '=') && !esc[i+1] {
		for j := i + 2; j+1 < len(s); j++ {
			if s[j] != d || s[j+1] != ']' || esc[j] || esc[j+1] {
				continue
			}
			name := string(s[i+2 : j])
			switch {
			case name == "" && d == ':':
				return e, 0, "missing character class name '[::]'", true
			case name == "":
				return e, 0, "missing equivalence class character '[==]'", true
			case d == ':':
				in, known := trClasses[name]
				if !known {
					return e, 0, trFail(fmt.Sprintf("invalid character class %s", applet.QuoteArg(name))), true
				}
				e = trElem{kind: trClass, class: name}
				for b := 0; b < 256; b++ {
					if in(byte(b)) {
						e.chars = append(e.chars, byte(b))
					}
				}
				return e, j + 1, "", true
			case len(name) != 1:
				return e, 0, trFail(fmt.Sprintf("%s: equivalence class operand must be a single character", name)), true
			}
			return trElem{kind: trEquiv, chars: []byte(name)}, j + 1, "", true
		}
	}
	return trRepeatAt(s, esc, i)
}

// trRepeatAt reads [c*n] at s[i] (find_bracketed_repeat): n is octal
// with a leading 0, empty or 0 for "as many as needed".
func trRepeatAt(s []byte, esc []bool, i int) (e trElem, last int, fail trFail, ok bool) {
	if i+2 >= len(s) || s[i+2] != '*' || esc[i+2] {
		return e, 0, "", false
	}
	for j := i + 3; j < len(s) && !esc[j]; j++ {
		if s[j] != ']' {
			continue
		}
		digits := string(s[i+3 : j])
		var n uint64
		if digits != "" {
			base := 10
			if digits[0] == '0' {
				base = 8
			}
			v, err := strconv.ParseUint(digits, base, 64)
			if err != nil || v > 1<<63 {
				return e, 0, trFail(fmt.Sprintf("invalid repeat count %s in [c*n] construct", applet.QuoteArg(digits))), true
			}
			n = v
		}
		return trElem{kind: trRepeat, chars: []byte{s[i+1]}, count: n}, j, "", true
	}
	return e, 0, "", false
}

// trPrintable is a character as tr's messages show it.
func trPrintable(b byte) string {
	if b >= 32 && b < 127 {
		return string(b)
	}
	return fmt.Sprintf("\\%03o", b)
}

// trSet is a parsed set and its characters in order.
type trSet struct {
	elems []trElem
	// indefinite is the index of the [c*] element, -1 if none.
	indefinite, indefinites int
}

func newTrSet(elems []trElem) *trSet {
	s := &trSet{elems: elems, indefinite: -1}
	for i, e := range elems {
		if e.kind == trRepeat && e.count == 0 {
			s.indefinite, s.indefinites = i, s.indefinites+1
		}
	}
	return s
}

func (s *trSet) has(k trElemKind, classOK func(string) bool) bool {
	for _, e := range s.elems {
		if e.kind == k && (classOK == nil || classOK(e.class)) {
			return true
		}
	}
	return false
}

// length counts the characters, [c*] as none.
func (s *trSet) length() uint64 {
	var n uint64
	for _, e := range s.elems {
		if e.kind == trRepeat {
			n += e.count
		} else {
			n += uint64(len(e.chars))
		}
	}
	return n
}

// member is the set as a membership table.
func (s *trSet) member() (in [256]bool) {
	for _, e := range s.elems {
		for _, b := range e.chars {
			in[b] = true
		}
	}
	return in
}

// trSlot is one character of an expanded set and the case class
// element it starts, if any.
type trSlot struct {
	b         byte
	caseClass string // "upper" or "lower" at the first character of such a class
	elem      int
}

// expand lists the characters of the set, [c*] repeated fill times.
func (s *trSet) expand(fill uint64) []trSlot {
	var out []trSlot
	for i, e := range s.elems {
		n := uint64(len(e.chars))
		if e.kind == trRepeat {
			n = e.count
			if i == s.indefinite {
				n = fill
			}
		}
		for k := uint64(0); k < n; k++ {
			b := e.chars[0]
			if e.kind != trRepeat {
				b = e.chars[k]
			}
			sl := trSlot{b: b, elem: i}
			if k == 0 && e.kind == trClass && (e.class == "upper" || e.class == "lower") {
				sl.caseClass = e.class
			}
			out = append(out, sl)
		}
	}
	return out
}

// trJob is one tr command.
type trJob struct {
	*cmd
	complement, del, squeeze, truncate bool
}

func trApplet(c *cmd) int {
	cl, status, ok := c.Getopt(trOptions, false, trHelp)
	if !ok {
		return status
	}
	j := &trJob{cmd: c}
	for _, o := range cl.Opts {
		switch o.ID {
		case 'c':
			j.complement = true
		case 'd':
			j.del = true
		case 's':
			j.squeeze = true
		case 't':
			j.truncate = true
		}
	}
	if !j.operandsOK(cl.Operands) {
		return 1
	}
	var sets []*trSet
	for _, op := range cl.Operands {
		elems, fail := c.trParse(op)
		if fail != "" {
			c.Errorf("%s", fail)
			return 1
		}
		sets = append(sets, newTrSet(elems))
	}
	xlate, del, sq, fail := j.tables(sets)
	if fail != "" {
		c.Errorf("%s", fail)
		return 1
	}
	return j.filter(xlate, del, sq)
}

// operandsOK checks the number of strings for the operation.
func (j *trJob) operandsOK(ops []string) bool {
	minOps, maxOps := 1, 1
	if j.del == j.squeeze {
		minOps = 2
	}
	if !j.del || j.squeeze {
		maxOps = 2
	}
	switch {
	case len(ops) == 0:
		j.Errorf("missing operand")
	case len(ops) < minOps:
		j.Errorf("missing operand after %s", applet.QuoteArg(ops[len(ops)-1]))
		if j.squeeze {
			fmt.Fprintln(j.Errw, "Two strings must be given when both deleting and squeezing repeats.")
		} else {
			fmt.Fprintln(j.Errw, "Two strings must be given when translating.")
		}
	case len(ops) > maxOps:
		j.Errorf("extra operand %s", applet.QuoteArg(ops[maxOps]))
		if len(ops) == 2 {
			fmt.Fprintln(j.Errw, "Only one string may be given when deleting without squeezing repeats.")
		}
	default:
		return true
	}
	j.TryHelp()
	return false
}

// tables works out the translation, deletion and squeeze tables.
func (j *trJob) tables(sets []*trSet) (xlate [256]byte, del, sq [256]bool, fail trFail) {
	for i := range xlate {
		xlate[i] = byte(i)
	}
	s1 := sets[0]
	if s1.indefinites > 0 {
		return xlate, del, sq, "the [c*] repeat construct may not appear in string1"
	}
	in1 := s1.member()
	if j.complement {
		for i := range in1 {
			in1[i] = !in1[i]
		}
	}
	translating := len(sets) == 2 && !j.del
	if len(sets) == 2 {
		s2 := sets[1]
		if s2.indefinites > 1 {
			return xlate, del, sq, "only one [c*] repeat construct may appear in string2"
		}
		if !translating && s2.indefinites > 0 {
			return xlate, del, sq, "the [c*] construct may appear in string2 only when translating"
		}
	}
	switch {
	case translating:
		xlate, fail = j.translation(s1, sets[1], in1)
		if j.squeeze {
			sq = sets[1].member()
		}
	case j.del:
		del = in1
		if j.squeeze {
			sq = sets[1].member()
		}
	default:
		sq = in1
	}
	return xlate, del, sq, fail
}

// translation pairs SET1's characters with SET2's.
func (j *trJob) translation(s1, s2 *trSet, in1 [256]bool) (xlate [256]byte, fail trFail) {
	for i := range xlate {
		xlate[i] = byte(i)
	}
	if s2.has(trEquiv, nil) {
		return xlate, "[=c=] expressions may not appear in string2 when translating"
	}
	if s2.has(trClass, func(n string) bool { return n != "upper" && n != "lower" }) {
		return xlate, "when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'"
	}
	var a []trSlot
	if j.complement {
		for b := 0; b < 256; b++ {
			if in1[b] {
				a = append(a, trSlot{b: byte(b), elem: -1})
			}
		}
	} else {
		a = s1.expand(0)
	}
	fill := uint64(0)
	if n := s2.length(); uint64(len(a)) > n {
		fill = uint64(len(a)) - n
	}
	b := s2.expand(fill)
	if len(a) > len(b) {
		if j.truncate {
			a = a[:len(b)]
		} else if len(b) == 0 {
			return xlate, "when not truncating set1, string2 must be non-empty"
		} else {
			last := b[len(b)-1]
			for len(b) < len(a) {
				b = append(b, trSlot{b: last.b, elem: -2})
			}
		}
	}
	if j.complement && s1.has(trClass, nil) && !homogeneous(b) {
		return xlate, "when translating with complemented character classes,\nstring2 must map all characters in the domain to one"
	}
	return xlate, pairSlots(&xlate, a, b, j.complement)
}

func homogeneous(b []trSlot) bool {
	for _, s := range b {
		if s.b != b[0].b {
			return false
		}
	}
	return true
}

// pairSlots maps a's characters to b's; a case class of b converts the
// case class a has at the same place, both skipped whole.
func pairSlots(xlate *[256]byte, a, b []trSlot, complement bool) trFail {
	for i, k := 0, 0; i < len(a) && k < len(b); {
		if b[k].caseClass != "" && !complement {
			if a[i].caseClass == "" {
				return "misaligned [:upper:] and/or [:lower:] construct"
			}
			from, to := a[i].caseClass, b[k].caseClass
			for x := 0; x < 256; x++ {
				switch {
				case from == "lower" && to == "upper" && x >= 'a' && x <= 'z':
					xlate[x] = byte(x) - 'a' + 'A'
				case from == "upper" && to == "lower" && x >= 'A' && x <= 'Z':
					xlate[x] = byte(x) - 'A' + 'a'
				}
			}
			i, k = skipElem(a, i), skipElem(b, k)
			continue
		}
		xlate[a[i].b] = b[k].b
		i, k = i+1, k+1
	}
	return ""
}

// skipElem is the index after the element slots[i] belongs to.
func skipElem(slots []trSlot, i int) int {
	e := slots[i].elem
	for i < len(slots) && slots[i].elem == e {
		i++
	}
	return i
}

// filter copies standard input to standard output through the tables.
func (j *trJob) filter(xlate [256]byte, del, sq [256]bool) int {
	in := bufio.NewReader(j.Stdin)
	last := -1
	for {
		b, err := in.ReadByte()
		if err != nil {
			if err != io.EOF {
				j.Errorf("read error: %s", applet.ErrText(err))
				return 1
			}
			break
		}
		if del[b] {
			continue
		}
		b = xlate[b]
		if sq[b] && int(b) == last {
			continue
		}
		last = int(b)
		j.Out.WriteByte(b)
	}
	if j.writeFailed(false) {
		return 1
	}
	return 0
}
