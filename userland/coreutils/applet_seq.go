// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/internal/getopt"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// seq(1) of coreutils 9.1. Operands that are plain integers (and no -f
// or -w) count exactly, as seq_fast does; the rest in floating point,
// printed with the precision the operands were written with, or with a
// -f format of one floating-point directive. (seq computes in long
// double; float64 gives the same text for what scripts write.)

const seqHelp = `[OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print the numbers from FIRST (1) up or down to LAST, INCREMENT (1)
apart.

  -f, --format=FORMAT      print each number with the printf floating-point
                           FORMAT (one %e, %f, %g or %a directive)
  -s, --separator=STRING   put STRING between the numbers (newline)
  -w, --equal-width        pad with leading zeros to one width
      --help               show this help
      --version            show the version
`

var seqOptions = []getopt.Option{
	{Short: 'f', Long: "format", Arg: getopt.RequiredArg},
	{Short: 's', Long: "separator", Arg: getopt.RequiredArg},
	{Short: 'w', Long: "equal-width"},
}

// seqOperand is a number and how it was written (scan_arg).
type seqOperand struct {
	value     float64
	width     int
	precision int // digits after the point; -1 when unknown (%g)
}

func seqApplet(c *cmd) int {
	format, sep, equal := "", "\n", false
	c.Args = seqMarkNegative(c.Args)
	cl, status, ok := c.Getopt(seqOptions, true, seqHelp)
	if !ok {
		return status
	}
	for _, o := range cl.Opts {
		switch o.ID {
		case 'f':
			format = o.Value
		case 's':
			sep = o.Value
		case 'w':
			equal = true
		}
	}
	ops := cl.Operands
	switch {
	case len(ops) == 0:
		return c.MissingOperand("")
	case len(ops) > 3:
		return c.ExtraOperand(ops[3])
	}
	if format != "" {
		if msg := seqCheckFormat(format); msg != "" {
			c.Errorf("%s", msg)
			return 1
		}
		if equal {
			return c.Usage("format string may not be specified when printing equal width strings")
		}
	}
	if format == "" && !equal && seqAllDigits(ops) {
		return c.seqExact(ops, sep)
	}
	return c.seqFloat(ops, format, sep, equal)
}

// seqMarkNegative puts "--" before a negative number where an option
// could be, as seq stops its option loop there ("seq -1 1").
func seqMarkNegative(args []string) []string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--" || a == "-" || a == "" || a[0] != '-':
			return args
		case a[1] == '.' || isDigit(a[1]):
			return append(append(append([]string(nil), args[:i]...), "--"), args[i:]...)
		case strings.HasPrefix(a, "--"):
			name := a[2:]
			if !strings.Contains(name, "=") && name != "" &&
				(strings.HasPrefix("format", name) || strings.HasPrefix("separator", name)) {
				i++ // the option's argument
			}
		default:
			if p := strings.IndexAny(a[1:], "fs"); p >= 0 && p == len(a)-2 {
				i++
			}
		}
	}
	return args
}

// seqAllDigits: every operand is digits only, as seq_fast requires.
func seqAllDigits(ops []string) bool {
	for _, op := range ops {
		if op == "" || strings.Trim(op, "0123456789") != "" {
			return false
		}
	}
	return len(ops) < 3 || ops[1] != strings.Repeat("0", len(ops[1]))
}

// seqExact counts with integers of any size.
func (c *cmd) seqExact(ops []string, sep string) int {
	n := []*big.Int{big.NewInt(1), big.NewInt(1), nil}
	idx := map[int][]int{1: {2}, 2: {0, 2}, 3: {0, 1, 2}}[len(ops)]
	for i, op := range ops {
		n[idx[i]], _ = new(big.Int).SetString(op, 10)
	}
	x, step, last := n[0], n[1], n[2]
	if x.Cmp(last) > 0 {
		return 0
	}
	for {
		c.Out.WriteString(x.String())
		x.Add(x, step)
		if x.Cmp(last) > 0 {
			break
		}
		c.Out.WriteString(sep)
		if c.Cancelled() {
			return 1
		}
	}
	c.Out.WriteString("\n")
	if c.writeFailed(true) {
		return 1
	}
	return 0
}

// scan reads one operand as scan_arg does.
func (c *cmd) seqScan(arg string) (seqOperand, bool) {
	t := strings.TrimLeft(arg, " \t\n\v\f\r")
	num := t
	if strings.ContainsAny(t, "xX") && !strings.ContainsAny(t, "pP") {
		num += "p0" // strtold's hex numbers need no exponent, Go's do
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil && !(errorIsRange(err) && t != "") || strings.ContainsAny(t, "_") {
		c.Errorf("invalid floating point argument: %s", c.QuoteArg(arg))
		c.TryHelp()
		return seqOperand{}, false
	}
	if math.IsNaN(v) {
		c.Errorf("invalid %s argument: %s", c.QuoteArg("not-a-number"), c.QuoteArg(arg))
		c.TryHelp()
		return seqOperand{}, false
	}
	t = strings.TrimLeft(t, "+")
	op := seqOperand{value: v, precision: -1}
	point := strings.IndexByte(t, '.')
	if point < 0 && !strings.ContainsAny(t, "pP") {
		op.precision = 0
	}
	if strings.ContainsAny(t, "xX") || math.IsInf(v, 0) {
		return op, true
	}
	op.width = len(t)
	if point >= 0 {
		frac := strings.IndexAny(t[point+1:], "eE")
		if frac < 0 {
			frac = len(t) - point - 1
		}
		op.precision = frac
		switch {
		case frac == 0:
			op.width--
		case point == 0 || !isDigit(t[point-1]):
			op.width++
		}
	}
	if e := strings.IndexAny(t, "eE"); e >= 0 {
		exp, _ := strconv.Atoi(strings.TrimPrefix(t[e+1:], "+"))
		op.width -= len(t) - e
		if exp < 0 {
			op.precision -= exp
			op.width -= exp
		} else {
			op.precision -= min(op.precision, exp)
			op.width += exp
		}
	}
	return op, true
}

func errorIsRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// seqFloat is print_numbers.
func (c *cmd) seqFloat(ops []string, format, sep string, equal bool) int {
	first, step := seqOperand{value: 1, width: 1}, seqOperand{value: 1, width: 1}
	var last seqOperand
	vals := []*seqOperand{&last}
	switch len(ops) {
	case 2:
		vals = []*seqOperand{&first, &last}
	case 3:
		vals = []*seqOperand{&first, &step, &last}
	}
	for i, op := range ops {
		v, ok := c.seqScan(op)
		if !ok {
			return 1
		}
		*vals[i] = v
		if len(ops) == 3 && i == 1 && v.value == 0 {
			c.Errorf("invalid Zero increment value: %s", c.QuoteArg(op))
			c.TryHelp()
			return 1
		}
	}
	if format == "" {
		format = seqDefaultFormat(first, step, last, equal)
	}
	lay := seqParseLayout(format)
	past := func(x float64) bool { return step.value < 0 && x < last.value || step.value > 0 && x > last.value }
	if past(first.value) {
		return 0
	}
	for i := 1.0; ; i++ {
		prev := lay.number(first.value + (i-1)*step.value)
		c.Out.WriteString(lay.prefix + prev + lay.suffix)
		x := first.value + i*step.value
		if past(x) {
			// A number just past LAST that prints as LAST (and not as
			// the one before) is printed, against rounding errors.
			s := lay.number(x)
			if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil || v != last.value || s == prev {
				break
			}
		}
		c.Out.WriteString(sep)
		if c.Cancelled() {
			return 1
		}
	}
	c.Out.WriteString("\n")
	if c.writeFailed(true) {
		return 1
	}
	return 0
}

// seqDefaultFormat is get_default_format.
func seqDefaultFormat(first, step, last seqOperand, equal bool) string {
	prec := max(first.precision, step.precision)
	if first.precision < 0 || step.precision < 0 || last.precision < 0 {
		return "%g"
	}
	if !equal {
		return fmt.Sprintf("%%.%df", prec)
	}
	firstW := first.width + prec - first.precision
	lastW := last.width + prec - last.precision
	if last.precision > 0 && prec == 0 {
		lastW--
	}
	if last.precision == 0 && prec > 0 {
		lastW++
	}
	if first.precision == 0 && prec > 0 {
		firstW++
	}
	return fmt.Sprintf("%%0%d.%df", max(firstW, lastW), prec)
}

// seqCheckFormat is long_double_format's validation: exactly one
// floating-point directive, %% aside.
func seqCheckFormat(f string) string {
	i := 0
	for ; !(i < len(f) && f[i] == '%' && (i+1 >= len(f) || f[i+1] != '%')); i++ {
		if i >= len(f) {
			return fmt.Sprintf("format %s has no %% directive", applet.QuoteArg(f))
		}
		if f[i] == '%' {
			i++
		}
	}
	i++
	i = seqSpan(f, i, "-+#0 '")
	i = seqSpan(f, i, "0123456789")
	if i < len(f) && f[i] == '.' {
		i = seqSpan(f, i+1, "0123456789")
	}
	if i < len(f) && f[i] == 'L' {
		i++
	}
	if i >= len(f) {
		return fmt.Sprintf("format %s ends in %%", applet.QuoteArg(f))
	}
	if !strings.ContainsRune("efgaEFGA", rune(f[i])) {
		return fmt.Sprintf("format %s has unknown %%%c directive", applet.QuoteArg(f), f[i])
	}
	for i++; i < len(f); i++ {
		if f[i] == '%' {
			if i+1 >= len(f) || f[i+1] != '%' {
				return fmt.Sprintf("format %s has too many %% directives", applet.QuoteArg(f))
			}
			i++
		}
	}
	return ""
}

func seqSpan(s string, i int, set string) int {
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}

// seqLayout is a checked format: the text around its directive (with
// %% as %), and the directive.
type seqLayout struct {
	prefix, suffix, spec string
	conv                 byte
}

func seqParseLayout(format string) seqLayout {
	var l seqLayout
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := seqSpan(format, i+1, "-+#0 '")
		j = seqSpan(format, j, "0123456789")
		if j < len(format) && format[j] == '.' {
			j = seqSpan(format, j+1, "0123456789")
		}
		l.spec = strings.ReplaceAll(format[i+1:j], "'", "")
		if format[j] == 'L' {
			j++
		}
		l.conv, l.prefix = format[j], b.String()
		b.Reset()
		i = j
	}
	l.suffix = b.String()
	return l
}

func (l seqLayout) number(x float64) string { return applet.CFloat(l.spec, l.conv, x) }
