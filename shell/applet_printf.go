// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"errors"
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/interp"
	"mvdan.cc/sh/v3/syntax"
)

// printfApplet is bash's printf builtin: the format is reused while
// arguments remain, missing arguments are 0 or "", and a bad number is
// reported but printed as what could be read. The interpreter's own
// printf lacks precision for %s and these diagnostics.
func printfApplet(c *cmd) int {
	args := c.Args
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		if c.sh.dialect == Dash {
			c.builtinErrorf("usage: printf format [arg ...]")
			return 2
		}
		c.Out.Flush()
		fmt.Fprintln(c.Errw, "printf: usage: printf [-v var] format [arguments]")
		return 2
	}
	return runPrintf(c, args[0], args[1:])
}

// runPrintf writes format applied to args to c.out.
func runPrintf(c *cmd, format string, args []string) int {
	p := &printer{c: c, format: format, args: args}
	for {
		stop := p.once()
		if stop || p.used == 0 || len(p.args) == 0 {
			break
		}
		p.used = 0
	}
	return p.status
}

// printfVar is printf -v VAR, run from the call handler: an applet
// cannot set shell variables, so the text is formatted here and handed
// to eval as an assignment.
func (s *shell) printfVar(ctx context.Context, args []string) []string {
	hc := interp.HandlerCtx(ctx)
	name := args[2]
	if !syntax.ValidName(name) {
		return s.fail(hc, 1, fmt.Sprintf("printf: `%s': not a valid identifier", name))
	}
	var text strings.Builder
	c := &cmd{Cmd: s.newCmd(ctx, hc, "printf", nil), sh: s, hc: hc}
	c.Out = bufio.NewWriter(&text)
	if len(args) > 3 {
		runPrintf(c, args[3], args[4:])
	}
	c.Out.Flush()
	// Double quotes, as the interpreter keeps the backslash of '\'' in
	// assignments.
	quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(text.String())
	return []string{"eval", name + `="` + quoted + `"`}
}

// printer is one printf run.
type printer struct {
	c      *cmd
	format string
	args   []string
	used   int // arguments the current pass consumed
	status int
}

// next takes the next argument, "" when none are left.
func (p *printer) next() (string, bool) {
	if len(p.args) == 0 {
		return "", false
	}
	a := p.args[0]
	p.args = p.args[1:]
	p.used++
	return a, true
}

// once runs the format one time; stop means \c or an error ended output.
func (p *printer) once() (stop bool) {
	f := p.format
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '\\':
			s, n, end := formatEscape(f[i+1:], false, p.c.sh.dialect == Dash)
			p.c.Out.WriteString(s)
			i += n
			if end {
				return true
			}
		case '%':
			n, ok := p.conversion(f[i+1:])
			if !ok {
				return true
			}
			i += n
		default:
			p.c.Out.WriteByte(f[i])
		}
	}
	return false
}

// conversion handles one %-directive; it returns the bytes it used after
// the '%'.
func (p *printer) conversion(f string) (int, bool) {
	if strings.HasPrefix(f, "%") {
		p.c.Out.WriteByte('%')
		return 1, true
	}
	j := 0
	for j < len(f) && strings.IndexByte("-+ #0'", f[j]) >= 0 {
		j++
	}
	spec := strings.ReplaceAll(f[:j], "'", "")
	for _, part := range []bool{false, true} {
		if part {
			if j >= len(f) || f[j] != '.' {
				break
			}
			spec += "."
			j++
		}
		if j < len(f) && f[j] == '*' {
			a, _ := p.next()
			n, _ := p.number(a)
			spec += strconv.FormatInt(n, 10)
			j++
			continue
		}
		k := j
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		spec += f[k:j]
	}
	for j < len(f) && p.c.sh.dialect != Dash && strings.IndexByte("hlLjzt", f[j]) >= 0 {
		j++ // C length modifiers mean nothing here
	}
	if j >= len(f) {
		p.c.builtinErrorf("`%%%s': missing format character", f)
		p.status = 1
		return j, false
	}
	if p.c.sh.dialect == Dash && strings.IndexByte("bcdiouxXfFeEgGaAs", f[j]) < 0 {
		// dash's printf knows no %q and stops at what it does not know.
		p.c.builtinErrorf("%%%s: invalid directive", f[:j+1])
		p.status = 2
		return j + 1, false
	}
	if !p.convert(spec, f[j]) {
		return j + 1, false
	}
	return j + 1, true
}

// convert formats the next argument with one conversion character.
func (p *printer) convert(spec string, conv byte) bool {
	switch conv {
	case 's':
		a, _ := p.next()
		p.c.Out.WriteString(fmt.Sprintf("%"+spec+"s", a))
	case 'b':
		a, _ := p.next()
		s, end := expandEscapes(a, p.c.sh.dialect == Dash)
		p.c.Out.WriteString(fmt.Sprintf("%"+spec+"s", s))
		return !end
	case 'q':
		a, _ := p.next()
		p.c.Out.WriteString(fmt.Sprintf("%"+spec+"s", shellQuote(a)))
	case 'c':
		a, _ := p.next()
		if r, _ := utf8.DecodeRuneInString(a); a != "" {
			p.c.Out.WriteString(fmt.Sprintf("%"+spec+"c", r))
		} else {
			p.c.Out.WriteString(fmt.Sprintf("%"+spec+"s", ""))
		}
	case 'd', 'i':
		a, _ := p.next()
		n, _ := p.number(a)
		p.c.Out.WriteString(fmt.Sprintf("%"+spec+"d", n))
	case 'o', 'u', 'x', 'X':
		a, _ := p.next()
		n, _ := p.number(a)
		verb := map[byte]string{'o': "o", 'u': "d", 'x': "x", 'X': "X"}[conv]
		p.c.Out.WriteString(fmt.Sprintf("%"+spec+verb, uint64(n)))
	case 'f', 'F', 'e', 'E', 'g', 'G', 'a', 'A':
		p.float(spec, conv)
	default:
		p.c.builtinErrorf("`%c': invalid format character", conv)
		p.status = 1
		return false
	}
	return true
}

func (p *printer) float(spec string, conv byte) {
	a, _ := p.next()
	v, err := strconv.ParseFloat(strings.TrimSpace(a), 64)
	if err != nil && a != "" {
		if n, ok := p.number(a); ok {
			v = float64(n)
		}
	}
	p.c.Out.WriteString(applet.CFloat(spec, conv, v))
}

// number reads an integer argument as bash does: decimal, 0x hex, 0
// octal, or 'c for a character's code. A bad one is reported and counts
// as the number its valid prefix spells.
func (p *printer) number(a string) (int64, bool) {
	s := strings.TrimSpace(a)
	if s == "" {
		return 0, true
	}
	if s[0] == '\'' || s[0] == '"' {
		r, _ := utf8.DecodeRuneInString(s[1:])
		if len(s) == 1 {
			r = 0
		}
		return int64(r), true
	}
	if n, err := strconv.ParseInt(s, 0, 64); err == nil {
		return n, true
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || (end == 0 && (s[end] == '-' || s[end] == '+'))) {
		end++
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	p.c.builtinErrorf("%s: %s", a, p.c.sh.badNumberText(err == nil, errors.Is(err, strconv.ErrRange)))
	p.status = 1
	return n, false
}

// formatEscape decodes the escape after a backslash in a printf format
// (or, with arg set, in a %b argument, where octal is \0NNN and \c ends
// the output). It returns the text, the bytes used and whether to stop.
// dash's printf knows \e but not \E, \", \', \?, \x, \u or \U: those
// stay as they are written.
func formatEscape(s string, arg, dash bool) (string, int, bool) {
	if s == "" {
		return "\\", 0, false
	}
	if dash && strings.IndexByte("E\"'?xuU", s[0]) >= 0 {
		return "\\" + s[:1], 1, false
	}
	simple := map[byte]string{'a': "\a", 'b': "\b", 'e': "\x1b", 'E': "\x1b", 'f': "\f", 'n': "\n",
		'r': "\r", 't': "\t", 'v': "\v", '\\': "\\", '"': "\"", '\'': "'", '?': "?"}
	if out, ok := simple[s[0]]; ok && (!arg || s[0] != '"' && s[0] != '?' && s[0] != '\'') {
		return out, 1, false
	}
	switch c := s[0]; {
	case c == 'c' && arg:
		return "", 1, true
	case c >= '0' && c <= '7':
		start, max := 0, 3
		if arg && c == '0' {
			start, max = 1, 4
		}
		return octalRun(s, start, max)
	case c == 'x' || c == 'u' || c == 'U':
		return hexRun(s)
	}
	return "\\" + s[:1], 1, false
}

// octalRun decodes up to max-start octal digits after s[:start].
func octalRun(s string, start, max int) (string, int, bool) {
	v, n := 0, start
	for n < max && n < len(s) && s[n] >= '0' && s[n] <= '7' {
		v = v*8 + int(s[n]-'0')
		n++
	}
	return string([]byte{byte(v)}), n, false
}

// hexRun decodes \xHH, \uHHHH and \UHHHHHHHH.
func hexRun(s string) (string, int, bool) {
	limit := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[0]]
	n := 1
	for n <= limit && n < len(s) && strings.IndexByte("0123456789abcdefABCDEF", s[n]) >= 0 {
		n++
	}
	if n == 1 {
		return "\\" + s[:1], 1, false
	}
	v, _ := strconv.ParseUint(s[1:n], 16, 32)
	if s[0] == 'x' {
		return string([]byte{byte(v)}), n, false
	}
	return string(rune(v)), n, false
}

// expandEscapes is %b's argument processing; end reports \c.
func expandEscapes(a string, dash bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(a); i++ {
		if a[i] != '\\' {
			b.WriteByte(a[i])
			continue
		}
		s, n, end := formatEscape(a[i+1:], true, dash)
		b.WriteString(s)
		if end {
			return b.String(), true
		}
		i += n
	}
	return b.String(), false
}

// shellQuote is printf %q: ” for the empty string, $'...' when there
// are control characters, otherwise backslashes before the characters the
// shell would treat specially.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return "$'" + cEscapeAll(s) + "'"
		}
		if strings.IndexByte(" \"'\\|&;()<>!{}*[?]^$`,", c) >= 0 || (i == 0 && (c == '~' || c == '#')) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// cEscapeAll writes s for $'...': control bytes as C escapes, and ' and
// \ escaped.
func cEscapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			b.WriteString(applet.CEscape(c))
		case c == '\\' || c == '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
