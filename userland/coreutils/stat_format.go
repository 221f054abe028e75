// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// stat's FORMAT language: %[flags][width][.precision]letter directives
// (with H and L modifiers of %d and %r), printed the way printf prints
// the type behind each letter, and with --printf backslash escapes.

// statSpec is what stands between a directive's '%' and its letter.
type statSpec struct {
	flags string
	width string // the digits as given, "" for none
	prec  string // "" for none, else "." and the digits
	raw   string // all of it as given, '%' included
}

// errStatDirective ends stat: a directive it cannot print (stat dies).
var errStatDirective = errors.New("invalid directive")

// statDirectiveFunc prints one directive; it reports whether that failed
// (stat's status then becomes 1).
type statDirectiveFunc func(sp statSpec, mod, letter byte) bool

// statFormatRun prints format: text as it is, directives through print,
// and with escapes the backslash escapes of --printf. fsMode is stat
// -f, where H and L modify nothing. failed tells a directive failed;
// errStatDirective that stat must stop.
func (c *statRun) formatRun(format string, escapes, fsMode bool, print statDirectiveFunc) (failed bool, err error) {
	out := c.Out
	for i := 0; i < len(format); i++ {
		switch ch := format[i]; {
		case ch == '%':
			sp, n := parseStatSpec(format[i:])
			i += n
			letter := byte(0)
			if i < len(format) {
				letter = format[i]
			}
			switch letter {
			case 0, '%':
				if len(sp.raw) > 1 {
					c.Errorf("%s: invalid directive", c.QuoteArg(sp.raw+string(format[i:min(i+1, len(format))])))
					return failed, errStatDirective
				}
				out.WriteByte('%')
				continue
			case 'H', 'L':
				if !fsMode && i+1 < len(format) && (format[i+1] == 'd' || format[i+1] == 'r') {
					i++
					failed = print(sp, letter, format[i]) || failed
					continue
				}
			}
			failed = print(sp, 0, letter) || failed
		case ch == '\\' && escapes:
			i += c.escape(format[i+1:])
		default:
			out.WriteByte(ch)
		}
	}
	return failed, nil
}

// parseStatSpec reads a directive's flags, width and precision from s,
// which starts with '%'; n is how far the letter is from the '%'.
func parseStatSpec(s string) (sp statSpec, n int) {
	i := 1
	for i < len(s) && strings.IndexByte("'-+ #0I", s[i]) >= 0 {
		i++
	}
	sp.flags = s[1:i]
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	sp.width = s[i:j]
	if j < len(s) && s[j] == '.' {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		sp.prec = s[j:k]
		j = k
	}
	sp.raw = s[:j]
	return sp, j
}

// statEscape prints the escape that s (what follows a backslash) starts
// with and returns how many bytes of s it took.
func (c *statRun) escape(s string) int {
	out := c.Out
	switch {
	case s == "":
		c.Errorf("warning: backslash at end of format")
		out.WriteByte('\\')
		return 0
	case s[0] >= '0' && s[0] <= '7':
		n, v := 0, 0
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		out.WriteByte(byte(v))
		return n
	case s[0] == 'x' && len(s) > 1 && isHexDigit(s[1]):
		n := 2
		if len(s) > 2 && isHexDigit(s[2]) {
			n = 3
		}
		v, _ := strconv.ParseUint(s[1:n], 16, 8)
		out.WriteByte(byte(v))
		return n
	}
	if e := strings.IndexByte("abefnrtv\"\\", s[0]); e >= 0 {
		out.WriteByte("\a\b\x1b\f\n\r\t\v\"\\"[e])
	} else {
		c.Errorf("warning: unrecognized escape '\\%c'", s[0])
		out.WriteByte(s[0])
	}
	return 1
}

// keep is the spec with only the allowed flags left.
func (sp statSpec) keep(allowed string) statSpec {
	var b strings.Builder
	for i := 0; i < len(sp.flags); i++ {
		if strings.IndexByte(allowed, sp.flags[i]) >= 0 {
			b.WriteByte(sp.flags[i])
		}
	}
	sp.flags = b.String()
	return sp
}

// goVerb is the spec as a Go format for verb: the thousands flag, which
// the C locale does not group by, is dropped.
func (sp statSpec) goVerb(verb byte) string {
	return "%" + strings.ReplaceAll(sp.flags, "'", "") + sp.width + sp.prec + string(verb)
}

// str prints s as printf's %s would: '-' the only flag, the precision
// a number of bytes.
func (c *statRun) str(sp statSpec, s string) {
	sp = sp.keep("-")
	if sp.prec != "" {
		p, _ := strconv.Atoi(sp.prec[1:])
		s = s[:min(p, len(s))]
	}
	w, _ := strconv.Atoi(sp.width)
	pad := strings.Repeat(" ", max(w-len(s), 0))
	if sp.flags != "" {
		c.Out.WriteString(s + pad)
	} else {
		c.Out.WriteString(pad + s)
	}
}

// statInt prints a signed number (%d with flags ' - + space 0) and
// returns its width.
func (c *statRun) num(sp statSpec, v int64) int {
	s := fmt.Sprintf(sp.keep("'-+ 0").goVerb('d'), v)
	c.Out.WriteString(s)
	return len(s)
}

// statUint prints an unsigned number (%u with flags ' - 0).
func (c *statRun) unum(sp statSpec, v uint64) {
	fmt.Fprintf(c.Out, sp.keep("'-0").goVerb('d'), v)
}

// statOct prints %o with flags - # 0.
func (c *statRun) oct(sp statSpec, v uint64) {
	fmt.Fprintf(c.Out, sp.keep("-#0").goVerb('o'), v)
}

// statHex prints %x with flags - # 0; like C, '#' adds no 0x to zero.
func (c *statRun) hex(sp statSpec, v uint64) {
	sp = sp.keep("-#0")
	if v == 0 {
		sp.flags = strings.ReplaceAll(sp.flags, "#", "")
	}
	fmt.Fprintf(c.Out, sp.goVerb('x'), v)
}
