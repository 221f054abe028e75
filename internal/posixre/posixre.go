// SPDX-License-Identifier: Apache-2.0

// Package posixre translates POSIX regular expressions, basic and
// extended, as sed, grep, find and awk read them, into Go's regexp syntax,
// with glibc's error texts. Matching is leftmost-longest; in the C locale
// every byte is one character (see Latin1).
package posixre

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a complaint about a regular expression, worded as glibc's
// regcomp words it in the C locale.
type Error string

func (e Error) Error() string { return string(e) }

// The errors Compile and Translate return.
const (
	ErrBackRef     Error = "Invalid back reference"
	ErrPreceding   Error = "Invalid preceding regular expression"
	ErrParen       Error = "Unmatched ( or \\("
	ErrCloseParen  Error = "Unmatched ) or \\)"
	ErrBracket     Error = "Unmatched [, [^, [:, [., or [="
	ErrClass       Error = "Invalid character class name"
	ErrRange       Error = "Invalid range end"
	ErrBrace       Error = "Unmatched \\{"
	ErrBraceBody   Error = "Invalid content of \\{\\}"
	ErrTooBig      Error = "Regular expression too big"
	ErrTrailing    Error = "Trailing backslash"
	ErrUnsupported Error = "word-start/end assertion (\\< \\>) not followed/preceded by a word character is not supported"
)

// Dialect says which program reads the expression: the escapes beyond
// POSIX differ.
type Dialect int

const (
	// Sed is GNU sed: \w \W \s \S \b \B \< \> \` \' and the
	// character escapes \n \t \a \f \v \r \dNNN \oNNN \xHH \cX; in a
	// bracket \n, \t and \\ are newline, tab and backslash.
	Sed Dialect = iota
	// Grep is GNU grep: the word and buffer escapes of Sed, no character
	// escapes; a backslash in a bracket is itself.
	Grep
	// Awk is POSIX awk: no GNU escapes; a backslash escapes the next
	// character in a bracket too (awk's string escapes were decoded
	// before, see the awk package).
	Awk
)

// Syntax is how an expression is read and matched.
type Syntax struct {
	ERE     bool // extended (else basic)
	Dialect Dialect
	ICase   bool
	// Multiline makes ^ and $ match at newlines (sed's M flag).
	Multiline bool
	// Raw keeps bytes 0x80-0xff as they are, for subjects matched as
	// UTF-8 text; otherwise each stands for one rune (see Latin1).
	Raw bool
}

// Regexp is a compiled expression and its number of groups.
type Regexp struct {
	*regexp.Regexp
	NSub int
}

// Compile turns a POSIX expression into a Go one. Matching is
// leftmost-longest and '.' matches newline. Unless syn.Raw, every byte of
// the C locale stands for one rune (bytes 0x80-0xff as U+0080-U+00FF, see
// Latin1): match Latin1 subjects, so that matches are bytewise.
func Compile(pat string, syn Syntax) (*Regexp, error) {
	body, nsub, err := Translate(pat, syn)
	if err != nil {
		return nil, err
	}
	flags := "s"
	if syn.ICase {
		flags += "i"
	}
	if syn.Multiline {
		flags += "m"
	}
	re, err := regexp.Compile("(?" + flags + ")" + body)
	if err != nil {
		// Our translation should always be valid Go; what is not
		// (huge repetitions) is too big for us.
		return nil, ErrTooBig
	}
	re.Longest()
	return &Regexp{Regexp: re, NSub: nsub}, nil
}

// Translate returns the Go form of a POSIX expression (without flags) and
// its number of groups.
func Translate(pat string, syn Syntax) (string, int, error) {
	tr := translator{src: pat, ere: syn.ERE, dialect: syn.Dialect, raw: syn.Raw}
	body, err := tr.run()
	if err != nil {
		return "", 0, err
	}
	return body, tr.groups, nil
}

// translator walks a POSIX expression and writes its Go form.
type translator struct {
	src     string
	i       int
	ere     bool
	dialect Dialect
	raw     bool
	out     strings.Builder
	groups  int   // groups opened so far
	open    []int // groups not yet closed
	// atomStart is where the last repeatable item begins in out, -1
	// when there is none (start of the expression or of a group, after
	// an alternation or an anchor); quantified says it already carries
	// a repetition, so another one must wrap it.
	atomStart  int
	quantified bool
	// lastWord says the last item written is a word character, for \>.
	lastWord bool
	// empty says nothing was written since the start, the last '(' or
	// the last '|' (awk wants an operand there).
	empty bool
}

func (t *translator) run() (string, error) {
	t.atomStart = -1
	t.empty = true
	for t.i < len(t.src) {
		c := t.src[t.i]
		t.i++
		var err error
		if c == '\\' {
			err = t.escape()
		} else {
			err = t.plain(c, t.i-1)
		}
		if err != nil {
			return "", err
		}
	}
	if len(t.open) > 0 {
		return "", ErrParen
	}
	if t.dialect == Awk && t.empty && t.src != "" {
		return "", ErrPreceding // "a|": an empty alternative
	}
	return t.out.String(), nil
}

// atStart reports whether the position just read is where an expression
// begins: the start, after an opening group or an alternation.
func (t *translator) atStart(before int) bool {
	if before == 0 {
		return true
	}
	prev := t.src[:before]
	if t.ere {
		return strings.HasSuffix(prev, "(") || strings.HasSuffix(prev, "|")
	}
	return strings.HasSuffix(prev, `\(`) || strings.HasSuffix(prev, `\|`)
}

// plain handles an unescaped character (or one a numeric escape
// produced) that started at offset at.
func (t *translator) plain(c byte, at int) error {
	if t.raw && c >= 0x80 {
		// A UTF-8 character stands for itself, whole.
		r, n := utf8.DecodeRuneInString(t.src[at:])
		t.i = at + n
		t.atom(regexp.QuoteMeta(string(r)), false)
		return nil
	}
	switch {
	case c == '[':
		return t.bracket()
	case c == '.':
		t.atom(".", false)
		return nil
	case c == '*':
		return t.quantifier("*", true)
	case c == '^':
		if t.ere || t.atStart(at) {
			t.out.WriteString("^")
			t.empty = false
			t.atomStart, t.quantified, t.lastWord = -1, false, false
			if !t.ere {
				// A '*' right after a leading '^' is literal.
				if t.i < len(t.src) && t.src[t.i] == '*' {
					t.i++
					t.literal('*')
				}
			}
			return nil
		}
	case c == '$':
		if t.ere || t.i == len(t.src) || strings.HasPrefix(t.src[t.i:], `\)`) || strings.HasPrefix(t.src[t.i:], `\|`) {
			t.out.WriteString("$")
			t.empty = false
			t.atomStart, t.quantified, t.lastWord = -1, false, false
			return nil
		}
	case t.ere:
		switch c {
		case '(':
			return t.group()
		case ')':
			return t.closeGroup()
		case '|':
			return t.alternation()
		case '+', '?':
			return t.quantifier(string(c), false)
		case '{':
			if t.dialect == Awk {
				// awk's braces are ordinary characters.
				break
			}
			return t.interval()
		}
	}
	t.literal(c)
	return nil
}

// escape handles what follows a backslash.
func (t *translator) escape() error {
	if t.i >= len(t.src) {
		return ErrTrailing
	}
	c := t.src[t.i]
	t.i++
	switch t.dialect {
	case Awk:
		return t.awkEscape(c)
	case Grep:
		if strings.IndexByte("ntafvrxodc", c) >= 0 {
			t.literal(c)
			return nil
		}
	}
	if !t.ere {
		switch c {
		case '(':
			return t.group()
		case ')':
			return t.closeGroup()
		case '|':
			return t.alternation()
		case '{':
			return t.interval()
		case '+', '?':
			if t.atomStart < 0 {
				t.literal(c)
				return nil
			}
			return t.quantifier(string(c), false)
		}
	}
	switch c {
	case 'n':
		t.literal('\n')
	case 't':
		t.literal('\t')
	case 'a':
		t.literal('\a')
	case 'f':
		t.literal('\f')
	case 'v':
		t.literal('\v')
	case 'r':
		t.literal('\r')
	case 'w', 'W', 's', 'S':
		t.atom(`\`+string(c), c == 'w')
	case 'b', 'B':
		t.out.WriteString(`\` + string(c))
		t.atomStart, t.quantified = -1, false
	case '`':
		t.out.WriteString(`\A`)
		t.atomStart, t.quantified = -1, false
	case '\'':
		t.out.WriteString(`\z`)
		t.atomStart, t.quantified = -1, false
	case '<':
		// A word start is a boundary before a word character: Go has
		// no look-ahead, so it is only taken before what can only
		// match a word character; "\<." is a boundary and a word
		// character.
		if strings.HasPrefix(t.src[t.i:], ".") && !t.quantifierAt(t.i+1) {
			t.i++
			t.out.WriteString(`\b`)
			t.atom(`\w`, true)
			return nil
		}
		if !t.wordAhead() {
			return ErrUnsupported
		}
		t.out.WriteString(`\b`)
		t.atomStart, t.quantified = -1, false
	case '>':
		s := t.out.String()
		if t.atomStart >= 0 && !t.quantified && s[t.atomStart:] == "." {
			// ".\>": the character before the end is a word one.
			t.out.Reset()
			t.out.WriteString(s[:t.atomStart] + `\w`)
			t.lastWord = true
		}
		if !t.lastWord {
			return ErrUnsupported
		}
		t.out.WriteString(`\b`)
		t.atomStart, t.quantified, t.lastWord = -1, false, false
	case 'x', 'o', 'd', 'c':
		b, n, ok := NumericEscape(t.src[t.i-1:])
		if !ok {
			t.literal(c)
			return nil
		}
		start := t.i - 2
		t.i += n - 1
		// The byte stands as if written raw, as GNU sed has it.
		return t.plain(b, start)
	default:
		if c >= '1' && c <= '9' {
			// Back-references are beyond Go's engine; a reference to
			// a group that does not exist is the same error in GNU sed.
			return ErrBackRef
		}
		t.literal(c)
	}
	return nil
}

// awkEscape handles a backslash in an awk expression: the escapes of
// awk's strings, an octal byte, or the next character taken literally.
func (t *translator) awkEscape(c byte) error {
	b, n := AwkEscape(t.src[t.i-1:])
	t.i += n - 1
	t.literal(b)
	return nil
}

// AwkEscape decodes the escape after a backslash at the start of s (s is
// not empty) as awk's strings and expressions read it: the byte and how
// many bytes of s it used. \n \t \r \f \v \a \b are control characters,
// \NNN an octal byte (up to three digits), \xHH a hexadecimal one (up to
// two digits); any other character stands for itself.
func AwkEscape(s string) (byte, int) {
	c := s[0]
	if c >= '0' && c <= '7' {
		v, n := 0, 0
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		return byte(v), n
	}
	if c == 'x' && len(s) > 1 && isHexDigit(s[1]) {
		v, n := 0, 1
		for n < 3 && n < len(s) && isHexDigit(s[n]) {
			d, _ := strconv.ParseUint(s[n:n+1], 16, 8)
			v = v*16 + int(d)
			n++
		}
		return byte(v), n
	}
	if e, ok := awkControl[c]; ok {
		return e, 1
	}
	return c, 1
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

var awkControl = map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v', 'a': '\a', 'b': '\b'}

// wordAhead reports whether the expression continues with an item that
// only matches a word character (a literal one, \w or a bracket of word
// characters), not made optional.
func (t *translator) wordAhead() bool {
	rest := t.src[t.i:]
	n := 0
	switch {
	case rest == "":
		return false
	case isWordByte(rest[0]):
		n = 1
	case strings.HasPrefix(rest, `\w`):
		n = 2
	case rest[0] == '[':
		end, ok := wordyBracket(rest)
		if !ok {
			return false
		}
		n = end
	default:
		return false
	}
	return !t.optionalAt(t.i + n)
}

// quantifierAt reports whether a repetition operator starts at offset i.
func (t *translator) quantifierAt(i int) bool {
	rest := t.src[i:]
	if rest == "" {
		return false
	}
	if rest[0] == '*' {
		return true
	}
	if t.ere {
		return strings.IndexByte("+?{", rest[0]) >= 0
	}
	return strings.HasPrefix(rest, `\+`) || strings.HasPrefix(rest, `\?`) || strings.HasPrefix(rest, `\{`)
}

// optionalAt reports whether an operator at i may repeat the item before
// it zero times (anything but + is taken as possibly zero).
func (t *translator) optionalAt(i int) bool {
	if !t.quantifierAt(i) {
		return false
	}
	rest := t.src[i:]
	return !(rest[0] == '+' && t.ere || strings.HasPrefix(rest, `\+`) && !t.ere)
}

// wordyBracket reports whether the bracket expression at the start of s
// only holds word characters (letters, digits, '_', ranges of one kind
// of them, or the alpha, digit, alnum, upper, lower and xdigit classes),
// and where it ends.
func wordyBracket(s string) (int, bool) {
	i := 1
	if i < len(s) && s[i] == '^' {
		return 0, false
	}
	first := true
	for i < len(s) {
		c := s[i]
		switch {
		case c == ']' && !first:
			return i + 1, true
		case strings.HasPrefix(s[i:], "[:"):
			end := strings.Index(s[i+2:], ":]")
			if end < 0 {
				return 0, false
			}
			switch s[i+2 : i+2+end] {
			case "alpha", "digit", "alnum", "upper", "lower", "xdigit":
			default:
				return 0, false
			}
			i += 2 + end + 2
		case isWordByte(c) && i+2 < len(s) && s[i+1] == '-' && s[i+2] != ']':
			hi := s[i+2]
			if !sameWordKind(c, hi) {
				return 0, false
			}
			i += 3
		case isWordByte(c):
			i++
		default:
			return 0, false
		}
		first = false
	}
	return 0, false
}

func sameWordKind(a, b byte) bool {
	in := func(c, lo, hi byte) bool { return c >= lo && c <= hi }
	return in(a, '0', '9') && in(b, '0', '9') || in(a, 'a', 'z') && in(b, 'a', 'z') || in(a, 'A', 'Z') && in(b, 'A', 'Z')
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// atom writes a repeatable item.
func (t *translator) atom(s string, word bool) {
	t.empty = false
	t.atomStart = t.out.Len()
	t.quantified = false
	t.lastWord = word
	t.out.WriteString(s)
}

// literal writes one byte matched as itself.
func (t *translator) literal(c byte) {
	t.atom(regexp.QuoteMeta(Latin1(string([]byte{c}))), isWordByte(c))
}

// quantifier applies *, +, ? or an interval to the last item. A '*' with
// nothing before it is literal in a basic expression and an error in an
// extended one.
func (t *translator) quantifier(q string, star bool) error {
	if t.atomStart < 0 {
		if t.ere {
			return ErrPreceding
		}
		if star {
			t.literal('*')
			return nil
		}
		return ErrPreceding
	}
	if t.quantified {
		// a** and the like: repeat the repeated item.
		s := t.out.String()
		t.out.Reset()
		t.out.WriteString(s[:t.atomStart] + "(?:" + s[t.atomStart:] + ")")
	}
	t.out.WriteString(q)
	t.quantified = true
	if q != "+" && !strings.HasPrefix(q, "{") || strings.HasPrefix(q, "{0") {
		t.lastWord = false
	}
	return nil
}

// interval reads {m}, {m,}, {m,n} (after "\{" or "{").
func (t *translator) interval() error {
	closing := `\}`
	if t.ere {
		closing = "}"
	}
	end := strings.Index(t.src[t.i:], closing)
	if end < 0 {
		return ErrBrace
	}
	body := t.src[t.i : t.i+end]
	t.i += end + len(closing)
	lo, hi, comma := strings.Cut(body, ",")
	m, err := strconv.Atoi(lo)
	if lo == "" {
		m, err = 0, nil
	}
	if err != nil || m < 0 {
		return ErrBraceBody
	}
	n := m
	if comma {
		n = -1
		if hi != "" {
			if n, err = strconv.Atoi(hi); err != nil || n < m {
				return ErrBraceBody
			}
		}
	}
	if m > 0x7fff || n > 0x7fff {
		return ErrTooBig
	}
	if m > 1000 || n > 1000 {
		return ErrTooBig
	}
	q := fmt.Sprintf("{%d}", m)
	if comma && n < 0 {
		q = fmt.Sprintf("{%d,}", m)
	} else if comma {
		q = fmt.Sprintf("{%d,%d}", m, n)
	}
	if t.atomStart < 0 {
		return ErrPreceding
	}
	return t.quantifier(q, false)
}

func (t *translator) group() error {
	t.empty = true
	t.groups++
	t.open = append(t.open, t.out.Len())
	t.out.WriteString("(")
	t.atomStart, t.quantified, t.lastWord = -1, false, false
	return nil
}

func (t *translator) closeGroup() error {
	if t.dialect == Awk && t.empty && len(t.open) > 0 {
		return ErrPreceding // "()" or "(a|)"
	}
	if len(t.open) == 0 {
		if t.ere {
			// A lone ')' is an ordinary character in POSIX EREs.
			t.literal(')')
			return nil
		}
		return ErrCloseParen
	}
	start := t.open[len(t.open)-1]
	t.open = t.open[:len(t.open)-1]
	t.out.WriteString(")")
	t.atomStart, t.quantified, t.lastWord = start, false, false
	return nil
}

func (t *translator) alternation() error {
	if t.dialect == Awk && t.empty {
		return ErrPreceding // "|a" or "a||b": awk wants an operand
	}
	t.empty = true
	if t.ere && t.i < len(t.src) && t.src[t.i] == '*' {
		return ErrPreceding
	}
	t.out.WriteString("|")
	t.atomStart, t.quantified, t.lastWord = -1, false, false
	return nil
}

// posixClasses are the names [[:NAME:]] may use; Go knows the same.
var posixClasses = map[string]bool{
	"alpha": true, "digit": true, "alnum": true, "upper": true, "lower": true,
	"space": true, "blank": true, "punct": true, "print": true, "graph": true,
	"cntrl": true, "xdigit": true,
}

// bracket reads a bracket expression (after '['). A backslash is an
// ordinary character in it, except that \n, \t and \\ are GNU sed's
// escapes for newline, tab and backslash.
func (t *translator) bracket() error {
	start := t.i - 1
	var b strings.Builder
	b.WriteString("[")
	if t.i < len(t.src) && t.src[t.i] == '^' {
		b.WriteString("^")
		t.i++
	}
	first := true
	var prev = -1 // the last single character, a possible range start
	for {
		if t.i >= len(t.src) {
			return ErrBracket
		}
		c := t.src[t.i]
		if c == ']' && !first {
			t.i++
			break
		}
		first = false
		switch {
		case c == '[' && t.i+1 < len(t.src) && strings.IndexByte(":=.", t.src[t.i+1]) >= 0:
			kind := t.src[t.i+1]
			end := strings.Index(t.src[t.i+2:], string(kind)+"]")
			if end < 0 {
				return ErrBracket
			}
			name := t.src[t.i+2 : t.i+2+end]
			t.i += 2 + end + 2
			if kind == ':' {
				if !posixClasses[name] {
					return ErrClass
				}
				b.WriteString("[:" + name + ":]")
				prev = -1
				continue
			}
			if len(name) != 1 {
				return ErrBracket
			}
			c = name[0]
			if err := t.bracketChar(&b, c, &prev); err != nil {
				return err
			}
			continue
		case c == '\\' && t.i+1 < len(t.src) && t.dialect == Awk:
			var n int
			c, n = AwkEscape(t.src[t.i+1:])
			t.i += 1 + n
		case t.raw && c >= 0x80:
			r, n := utf8.DecodeRuneInString(t.src[t.i:])
			t.i += n
			b.WriteString(string(r))
			prev = -1
			continue
		case c == '\\' && t.i+1 < len(t.src) && t.dialect == Sed && strings.IndexByte("nt\\", t.src[t.i+1]) >= 0:
			c = map[byte]byte{'n': '\n', 't': '\t', '\\': '\\'}[t.src[t.i+1]]
			t.i += 2
		default:
			t.i++
		}
		if err := t.bracketChar(&b, c, &prev); err != nil {
			return err
		}
	}
	b.WriteString("]")
	_, wordy := wordyBracket(t.src[start:t.i])
	t.atom(b.String(), wordy)
	return nil
}

// bracketChar adds one character of a bracket expression, or finishes a
// range when a '-' came before it.
func (t *translator) bracketChar(b *strings.Builder, c byte, prev *int) error {
	// c - X: a range, unless '-' is the last character.
	if t.i+1 < len(t.src) && t.src[t.i] == '-' && t.src[t.i+1] != ']' {
		t.i++
		hi := t.src[t.i]
		t.i++
		if hi == '[' && t.i < len(t.src) && t.src[t.i] == '.' {
			end := strings.Index(t.src[t.i+1:], ".]")
			if end != 1 {
				return ErrBracket
			}
			hi = t.src[t.i+1]
			t.i += 3
		}
		if hi < c {
			return ErrRange
		}
		b.WriteString(classChar(c) + "-" + classChar(hi))
		*prev = -1
		return nil
	}
	b.WriteString(classChar(c))
	*prev = int(c)
	return nil
}

// classChar is one character as Go's class syntax needs it.
func classChar(c byte) string {
	if c < 0x80 && !isWordByte(c) && c > ' ' {
		return `\` + string(rune(c))
	}
	switch c {
	case '\n':
		return `\n`
	case '\t':
		return `\t`
	}
	if c < ' ' || c == 0x7f {
		return fmt.Sprintf(`\x{%x}`, c)
	}
	return Latin1(string([]byte{c}))
}

// NumericEscape decodes \dNNN, \oNNN, \xHH and \cX at the start of s
// (which begins with the letter): the byte and how many bytes of s it
// used.
func NumericEscape(s string) (byte, int, bool) {
	base, max := 0, 0
	switch s[0] {
	case 'd':
		base, max = 10, 3
	case 'o':
		base, max = 8, 3
	case 'x':
		base, max = 16, 2
	case 'c':
		if len(s) < 2 {
			return 0, 0, false
		}
		x := s[1]
		if x >= 'a' && x <= 'z' {
			x -= 'a' - 'A'
		}
		return x ^ 0x40, 2, true
	}
	n := 1
	v := 0
	for n <= max && n < len(s) {
		d, err := strconv.ParseUint(s[n:n+1], base, 8)
		if err != nil {
			break
		}
		v = v*base + int(d)
		n++
	}
	if n == 1 {
		return 0, 0, false
	}
	return byte(v), n, true
}

// Latin1 maps every byte of s to the rune of the same number, so that Go's
// UTF-8 engine sees one character per byte as the C locale does.
func Latin1(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

// Subject is a text prepared for matching: the Latin-1 form, and the map
// back to byte offsets of the original when they differ.
type Subject struct {
	orig, conv string
	back       []int // back[i] is the original offset of conv offset i; nil if same
}

// NewSubject prepares s for matching.
func NewSubject(s string) *Subject {
	conv := Latin1(s)
	sub := &Subject{orig: s, conv: conv}
	if len(conv) != len(s) {
		sub.back = make([]int, len(conv)+1)
		o := 0
		for i := 0; i < len(conv); {
			_, n := utf8.DecodeRuneInString(conv[i:])
			for k := 0; k < n; k++ {
				sub.back[i+k] = o
			}
			i += n
			o++
		}
		sub.back[len(conv)] = len(s)
	}
	return sub
}

// Matches finds up to n successive matches (all of them for n < 0), as
// offsets in the original text. Successive matches do not overlap, and an
// empty match right after a match is skipped, as sed's s///g has it.
func (sub *Subject) Matches(re *regexp.Regexp, n int) [][]int {
	all := re.FindAllStringSubmatchIndex(sub.conv, n)
	if sub.back != nil {
		for _, loc := range all {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] = sub.back[loc[i]]
				}
			}
		}
	}
	return all
}
