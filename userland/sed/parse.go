// SPDX-License-Identifier: Apache-2.0

package sed

import (
	"fmt"
	"github.com/linuxvfs/linuxvfs/internal/posixre"
	"strconv"
	"strings"
)

// addrKind says what an address selects.
type addrKind uint8

const (
	addrLine  addrKind = iota + 1 // line n1
	addrLast                      // $
	addrRegex                     // /re/ (re nil: the last regex used)
	addrStep                      // first~step
	addrPlus                      // addr1,+N
	addrMult                      // addr1,~N
)

type address struct {
	kind   addrKind
	n1, n2 int
	re     *posixre.Regexp
}

// replPart is a piece of an s command's replacement.
type replPart struct {
	lit   string // literal text, when group < 0 and caseOp == 0
	group int    // 0 for &, 1-9 for \1..\9, -1 for none
	// caseOp is one of L U l u E: a case conversion starting here.
	caseOp byte
}

type substitution struct {
	re     *posixre.Regexp // nil: the last regex used
	repl   []replPart
	global bool
	nth    int
	print  bool
	eval   bool
	wfile  string
	maxRef int
}

// command is one command of the program, addresses included.
type command struct {
	a1, a2 *address
	neg    bool
	name   byte

	text     string // a i c: the text, newline-terminated
	label    string // b t T :
	target   int    // b t T: index to jump to; -1 ends the script
	fname    string // r R w W
	num      int    // q Q l: the argument
	hasNum   bool
	subst    *substitution
	ymap     *[256]byte
	blockEnd int // {: index of the matching }

	// range state while running
	active  bool
	rangeTo int // line the range ends on (addrLine/addrPlus/addrMult)
}

// parser turns the program text into commands.
type parser struct {
	r        scriptReader
	ere      bool
	cmds     []*command
	blocks   []int    // indexes of open {
	blockAt  []string // where each open { is, for "unmatched `{'"
	quiet    bool     // #n on the first line
	lastLine string
}

// parseScript compiles a program. The error is what sed prints after
// "sed: ".
func parseScript(pieces []piece, ere bool) ([]*command, bool, error) {
	p := &parser{r: scriptReader{pieces: pieces}, ere: ere}
	if err := p.parse(); err != nil {
		return nil, false, err
	}
	return p.cmds, p.quiet, nil
}

func (p *parser) parse() error {
	r := &p.r
	for {
		c := r.get()
		for c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '\r' || c == '\v' || c == '\f' {
			c = r.get()
		}
		if c == eof {
			break
		}
		r.unget(c)
		if err := p.command(); err != nil {
			return err
		}
	}
	if len(p.blocks) > 0 {
		return &scriptError{where: p.blockAt[len(p.blockAt)-1], msg: "unmatched `{'"}
	}
	return p.resolveLabels()
}

func (p *parser) resolveLabels() error {
	labels := map[string]int{}
	for i, c := range p.cmds {
		if c.name == ':' {
			if _, dup := labels[c.label]; dup {
				return fmt.Errorf("-e expression #1, char 0: duplicate label `%s'", c.label)
			}
			labels[c.label] = i
		}
	}
	for _, c := range p.cmds {
		if c.name == 'b' || c.name == 't' || c.name == 'T' {
			if c.label == "" {
				c.target = -1
				continue
			}
			i, ok := labels[c.label]
			if !ok {
				return &fatalError{fmt.Sprintf("can't find label for jump to `%s'", c.label)}
			}
			c.target = i
		}
	}
	return nil
}

// fatalError is an error sed reports without a place, exiting 4.
type fatalError struct{ msg string }

func (e *fatalError) Error() string { return e.msg }

func (p *parser) command() error {
	r := &p.r
	cmd := &command{}
	var err error
	c := r.get()
	if cmd.a1, c, err = p.address(c, true); err != nil {
		return err
	}
	if cmd.a1 != nil {
		c = p.spaces(c)
		if c == ',' {
			c = r.skipSpace()
			if cmd.a2, c, err = p.address(c, false); err != nil {
				return err
			}
			if cmd.a2 == nil {
				return r.fail("unexpected `,'")
			}
		}
		c = p.spaces(c)
	}
	if c == '!' {
		cmd.neg = true
		c = r.skipSpace()
		if c == '!' {
			return r.fail("multiple `!'s")
		}
	}
	if c == eof || c == '\n' && r.atEnd() {
		r.unget(c)
		return r.fail("missing command")
	}
	cmd.name = byte(c)
	if cmd.a1 != nil && cmd.a1.kind == addrLine && cmd.a1.n1 == 0 &&
		(cmd.a2 == nil || cmd.a2.kind != addrRegex) {
		return r.fail("invalid usage of line address 0")
	}
	return p.body(cmd)
}

// spaces skips blanks starting at c.
func (p *parser) spaces(c int) int {
	for c == ' ' || c == '\t' {
		c = p.r.get()
	}
	return c
}

// address reads an address starting with c; it returns nil when c starts
// none, and the character after the address.
func (p *parser) address(c int, first bool) (*address, int, error) {
	r := &p.r
	switch {
	case c >= '0' && c <= '9':
		n, c := p.number(c)
		if c == '~' && first {
			c = r.get()
			if c < '0' || c > '9' {
				r.unget(c)
				return &address{kind: addrStep, n1: n}, '~', nil
			}
			step, c := p.number(c)
			return &address{kind: addrStep, n1: n, n2: step}, c, nil
		}
		return &address{kind: addrLine, n1: n}, c, nil
	case (c == '+' || c == '~') && !first:
		d := r.get()
		if d < '0' || d > '9' {
			r.unget(d)
			return nil, c, nil
		}
		n, next := p.number(d)
		kind := addrPlus
		if c == '~' {
			kind = addrMult
		}
		return &address{kind: kind, n1: n}, next, nil
	case c == '$':
		return &address{kind: addrLast}, r.get(), nil
	case c == '/' || c == '\\':
		delim := c
		if c == '\\' {
			delim = r.get()
			if delim == eof || delim == '\n' || delim == '\\' {
				return nil, 0, r.fail("unterminated address regex")
			}
		}
		text, ok := p.delimited(delim, true)
		if !ok {
			return nil, 0, r.fail("unterminated address regex")
		}
		icase, multi := false, false
		c = r.get()
		for c == 'I' || c == 'M' {
			if c == 'I' {
				icase = true
			} else {
				multi = true
			}
			c = r.get()
		}
		if text == "" {
			if icase || multi {
				r.unget(c)
				return nil, 0, r.fail("cannot specify modifiers on empty regexp")
			}
			return &address{kind: addrRegex}, c, nil
		}
		r.unget(c)
		re, err := posixre.Compile(text, posixre.Syntax{ERE: p.ere, ICase: icase, Multiline: multi})
		if err != nil {
			return nil, 0, r.fail(err.Error())
		}
		return &address{kind: addrRegex, re: re}, r.get(), nil
	}
	return nil, c, nil
}

// number reads decimal digits starting with c.
func (p *parser) number(c int) (int, int) {
	n := 0
	for c >= '0' && c <= '9' {
		if n < 1<<40 {
			n = n*10 + c - '0'
		}
		c = p.r.get()
	}
	return n, c
}

// delimited reads up to an unescaped delim (consumed). A backslash before
// the delimiter stands for the delimiter itself; "\n" is kept for the
// regex or replacement reader. In a regex, a bracket expression is read
// whole, delimiters in it included. A bare newline ends it unterminated.
func (p *parser) delimited(delim int, regex bool) (string, bool) {
	r := &p.r
	var b strings.Builder
	for {
		c := r.get()
		switch {
		case c == eof:
			return "", false
		case c == '\n' && regex:
			r.unget(c)
			return "", false
		case c == '\n':
			r.unget(c)
			return "", false
		case c == delim:
			return b.String(), true
		case c == '\\':
			d := r.get()
			switch {
			case d == eof:
				return "", false
			case d == delim:
				b.WriteByte(byte(d))
			case d == '\n' && !regex:
				b.WriteString("\\\n")
			case d == 'n' && delim != 'n':
				b.WriteString(`\n`)
			default:
				b.WriteByte('\\')
				b.WriteByte(byte(d))
			}
		case c == '[' && regex:
			b.WriteByte('[')
			if !p.bracketText(&b) {
				return "", false
			}
		default:
			b.WriteByte(byte(c))
		}
	}
}

// bracketText copies a bracket expression after its '['.
func (p *parser) bracketText(b *strings.Builder) bool {
	r := &p.r
	c := r.get()
	if c == '^' {
		b.WriteByte('^')
		c = r.get()
	}
	if c == ']' {
		b.WriteByte(']')
		c = r.get()
	}
	for {
		switch c {
		case eof, '\n':
			r.unget(c)
			return false
		case ']':
			b.WriteByte(']')
			return true
		case '[':
			b.WriteByte('[')
			d := r.get()
			if d == ':' || d == '.' || d == '=' {
				b.WriteByte(byte(d))
				// copy up to the matching d]
				for {
					e := r.get()
					if e == eof || e == '\n' {
						r.unget(e)
						return false
					}
					b.WriteByte(byte(e))
					if e == d && r.peek() == ']' {
						r.get()
						b.WriteByte(']')
						break
					}
				}
			} else {
				r.unget(d)
			}
		default:
			b.WriteByte(byte(c))
		}
		c = r.get()
	}
}

// endOfCommand checks that nothing but blanks follow a command before
// its end: ';', a newline, a '}' or a '#'.
func (p *parser) endOfCommand() error {
	r := &p.r
	c := r.skipSpace()
	switch c {
	case eof, '\n', ';':
		return nil
	case '}', '#':
		r.unget(c)
		return nil
	}
	return r.fail("extra characters after command")
}

// body reads the command's own part and adds it to the program.
func (p *parser) body(cmd *command) error {
	r := &p.r
	switch cmd.name {
	case '{':
		p.blocks = append(p.blocks, len(p.cmds))
		p.blockAt = append(p.blockAt, p.blockWhere())
		p.cmds = append(p.cmds, cmd)
		return nil
	case '}':
		if len(p.blocks) == 0 {
			return r.fail("unexpected `}'")
		}
		if cmd.a1 != nil {
			return r.fail("`}' doesn't want any addresses")
		}
		open := p.blocks[len(p.blocks)-1]
		p.blocks = p.blocks[:len(p.blocks)-1]
		p.blockAt = p.blockAt[:len(p.blockAt)-1]
		p.cmds[open].blockEnd = len(p.cmds)
		p.cmds = append(p.cmds, cmd)
		return p.endOfCommand()
	case '#':
		if cmd.a1 != nil {
			return r.fail("comments don't accept any addresses")
		}
		if r.cur == 0 && r.off == 1 && r.peek() == 'n' {
			r.get()
			if d := r.get(); d == '\n' || d == eof {
				p.quiet = true
				return nil
			}
		}
		for c := r.get(); c != '\n' && c != eof; c = r.get() {
		}
		return nil
	case ':':
		if cmd.a1 != nil {
			return r.fail(": doesn't want any addresses")
		}
		cmd.label = p.label()
		if cmd.label == "" {
			return r.fail("\":\" lacks a label")
		}
	case 'b', 't', 'T':
		cmd.label = p.label()
	case 'a', 'i', 'c':
		text, err := p.text()
		if err != nil {
			return err
		}
		cmd.text = text
	case 'q', 'Q', 'l', 'L':
		if cmd.name == 'L' {
			return r.fail("unknown command: `L'")
		}
		if cmd.a2 != nil && cmd.name != 'l' {
			return r.fail("command only uses one address")
		}
		c := r.skipSpace()
		if c >= '0' && c <= '9' {
			cmd.num, c = p.number(c)
			cmd.hasNum = true
		}
		r.unget(c)
		if err := p.endOfCommand(); err != nil {
			return err
		}
	case 'r', 'R', 'w', 'W':
		cmd.fname = p.filename()
		if cmd.fname == "" {
			return r.fail("missing filename in r/R/w/W commands")
		}
	case 'e':
		cmd.fname = p.filename()
	case 's':
		if err := p.substitute(cmd); err != nil {
			return err
		}
	case 'y':
		if err := p.transliterate(cmd); err != nil {
			return err
		}
	case 'v':
		c := r.skipSpace()
		var ver strings.Builder
		for c != eof && c != '\n' && c != ';' && c != ' ' && c != '}' && c != '#' {
			ver.WriteByte(byte(c))
			c = r.get()
		}
		r.unget(c)
		if v := ver.String(); v != "" && versionAbove(v, "4.9") {
			return r.fail("expected newer version of sed")
		}
		if err := p.endOfCommand(); err != nil {
			return err
		}
		return nil
	case '=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F':
		if err := p.endOfCommand(); err != nil {
			return err
		}
	default:
		return r.fail(fmt.Sprintf("unknown command: `%c'", cmd.name))
	}
	p.cmds = append(p.cmds, cmd)
	return nil
}

// blockWhere is the place an unmatched '{' is reported at.
func (p *parser) blockWhere() string {
	pc := p.r.pieces[p.r.cur]
	if pc.file != "" {
		return p.r.where()
	}
	return fmt.Sprintf("-e expression #%d, char 0", pc.expr)
}

// versionAbove compares dotted versions.
func versionAbove(v, than string) bool {
	a, b := strings.Split(v, "."), strings.Split(than, ".")
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y int
		if i < len(a) {
			x, _ = strconv.Atoi(a[i])
		}
		if i < len(b) {
			y, _ = strconv.Atoi(b[i])
		}
		if x != y {
			return x > y
		}
	}
	return false
}

// label reads a label: blanks skipped, then up to a blank, ';' or newline.
func (p *parser) label() string {
	r := &p.r
	c := r.skipSpace()
	var b strings.Builder
	for c != eof && c != '\n' && c != ';' && c != ' ' && c != '\t' {
		b.WriteByte(byte(c))
		c = r.get()
	}
	r.unget(c)
	return b.String()
}

// filename reads the rest of the line after blanks.
func (p *parser) filename() string {
	r := &p.r
	c := r.skipSpace()
	var b strings.Builder
	for c != eof && c != '\n' {
		b.WriteByte(byte(c))
		c = r.get()
	}
	r.unget(c)
	return b.String()
}

// text reads the text of a, i or c: "a\" and lines, or GNU's one-line
// "a text". Backslashes escape the next character; a backslash before
// the newline continues the text on the next line.
func (p *parser) text() (string, error) {
	r := &p.r
	c := r.skipSpace()
	if c == '\\' {
		c = r.get()
		if c == '\n' {
			c = r.get()
		}
	} else if c == eof || c == '\n' {
		r.unget(c)
		return "", r.fail("expected \\ after `a', `c' or `i'")
	}
	var b strings.Builder
	for c != eof && c != '\n' {
		if c == '\\' {
			c = r.get()
			if c == eof {
				break
			}
			b.WriteByte(textEscape(byte(c)))
		} else {
			b.WriteByte(byte(c))
		}
		c = r.get()
	}
	if b.Len() == 0 {
		return "", nil
	}
	return b.String() + "\n", nil
}

// textEscape is the character a backslash escape stands for in a, i, c
// and y text.
func textEscape(c byte) byte {
	switch c {
	case 'a':
		return '\a'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	}
	return c
}

// substitute reads s/RE/REPLACEMENT/FLAGS.
func (p *parser) substitute(cmd *command) error {
	r := &p.r
	delim := r.get()
	if delim == eof || delim == '\n' {
		return r.fail("unterminated `s' command")
	}
	pat, ok := p.delimited(delim, true)
	if !ok {
		return r.fail("unterminated `s' command")
	}
	rawRepl, ok := p.delimited(delim, false)
	if !ok {
		return r.fail("unterminated `s' command")
	}
	s := &substitution{}
	icase, multi := false, false
flags:
	for {
		c := r.get()
		switch {
		case c == 'g':
			if s.global {
				return r.fail("multiple `g' options to `s' command")
			}
			s.global = true
		case c == 'p':
			if s.print {
				return r.fail("multiple `p' options to `s' command")
			}
			s.print = true
		case c >= '0' && c <= '9':
			if s.nth != 0 {
				return r.fail("multiple number options to `s' command")
			}
			n, next := p.number(c)
			r.unget(next)
			if n == 0 {
				return r.fail("number option to `s' command may not be zero")
			}
			s.nth = n
		case c == 'i' || c == 'I':
			icase = true
		case c == 'm' || c == 'M':
			multi = true
		case c == 'e':
			s.eval = true
		case c == 'w':
			s.wfile = p.filename()
			if s.wfile == "" {
				return r.fail("missing filename in r/R/w/W commands")
			}
			break flags
		case c == ' ' || c == '\t':
		case c == ';':
			break flags
		case c == eof || c == '\n' || c == '}' || c == '#':
			r.unget(c)
			break flags
		default:
			return r.fail("unknown option to `s'")
		}
	}
	if pat == "" {
		if icase || multi {
			return r.fail("cannot specify modifiers on empty regexp")
		}
	} else {
		re, err := posixre.Compile(pat, posixre.Syntax{ERE: p.ere, ICase: icase, Multiline: multi})
		if err != nil {
			return r.fail(err.Error())
		}
		s.re = re
	}
	s.repl = parseReplacement(rawRepl, s)
	if s.re != nil && s.maxRef > s.re.NSub {
		return r.fail(fmt.Sprintf("invalid reference \\%d on `s' command's RHS", s.maxRef))
	}
	cmd.subst = s
	return nil
}

// parseReplacement splits the replacement into literal text, group
// references and case conversions.
func parseReplacement(raw string, s *substitution) []replPart {
	var parts []replPart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, replPart{lit: lit.String(), group: -1})
			lit.Reset()
		}
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '&':
			flush()
			parts = append(parts, replPart{group: 0})
		case c == '\\' && i+1 < len(raw):
			i++
			d := raw[i]
			switch {
			case d >= '0' && d <= '9':
				flush()
				parts = append(parts, replPart{group: int(d - '0')})
				s.maxRef = max(s.maxRef, int(d-'0'))
			case strings.IndexByte("LUluE", d) >= 0:
				flush()
				parts = append(parts, replPart{group: -1, caseOp: d})
			case d == '\n':
				lit.WriteByte('\n')
			case strings.IndexByte("doxc", d) >= 0:
				b, n, ok := posixre.NumericEscape(raw[i:])
				if !ok {
					lit.WriteByte(d)
					continue
				}
				lit.WriteByte(b)
				i += n - 1
			default:
				lit.WriteByte(textEscape(d))
			}
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return parts
}

// transliterate reads y/SOURCE/DEST/.
func (p *parser) transliterate(cmd *command) error {
	r := &p.r
	delim := r.get()
	if delim == eof || delim == '\n' {
		return r.fail("unterminated `y' command")
	}
	src, ok := p.delimited(delim, false)
	if !ok {
		return r.fail("unterminated `y' command")
	}
	dst, ok := p.delimited(delim, false)
	if !ok {
		return r.fail("unterminated `y' command")
	}
	a, b := yText(src), yText(dst)
	if len(a) != len(b) {
		return r.fail("strings for `y' command are different lengths")
	}
	var m [256]byte
	for i := range m {
		m[i] = byte(i)
	}
	for i := range a {
		m[a[i]] = b[i]
	}
	cmd.ymap = &m
	return p.endOfCommand()
}

// yText resolves the escapes of a y string.
func yText(s string) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if strings.IndexByte("doxc", s[i]) >= 0 {
				if b, n, ok := posixre.NumericEscape(s[i:]); ok {
					out = append(out, b)
					i += n - 1
					continue
				}
			}
			out = append(out, textEscape(s[i]))
			continue
		}
		out = append(out, s[i])
	}
	return out
}
