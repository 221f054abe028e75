// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/posixre"
)

func (it *interp) builtin(e *builtinExpr) value {
	a := e.args
	it.line = e.line
	argNum := func(i int) float64 { return toNumber(it.eval(a[i])) }
	argStr := func(i int) string { return it.toStr(it.eval(a[i])) }
	switch e.name {
	case "length":
		if len(a) == 0 {
			return num(float64(len(it.record)))
		}
		if v, ok := a[0].(*varRef); ok {
			if c := it.cellOf(v); c.arr != nil {
				return num(float64(len(c.arr)))
			}
		}
		return num(float64(len(argStr(0))))
	case "substr":
		return str(it.substr(a))
	case "index":
		s, t := argStr(0), argStr(1)
		return num(float64(strings.Index(s, t) + 1))
	case "split":
		return it.splitBuiltin(a)
	case "sub", "gsub":
		return it.substitute(a, e.name == "gsub")
	case "match":
		s := argStr(0)
		re := it.regexOf(a[1])
		loc := posixre.NewSubject(s).Matches(re.Regexp, 1)
		start, length := 0, -1
		if len(loc) > 0 {
			start, length = loc[0][0]+1, loc[0][1]-loc[0][0]
		}
		it.globals[vRSTART].v = num(float64(start))
		it.globals[vRLENGTH].v = num(float64(length))
		return num(float64(start))
	case "sprintf":
		vals := make([]value, len(a)-1)
		for i := range vals {
			vals[i] = it.eval(a[i+1])
		}
		format := argStr(0)
		s, err := sprintf(format, vals, it.convfmt)
		if err != nil {
			it.fail("%s sprintf(\"%s\")", err, format)
		}
		return str(s)
	case "sin":
		return num(libm(math.Sin, argNum(0)))
	case "cos":
		return num(libm(math.Cos, argNum(0)))
	case "atan2":
		y := argNum(0)
		x := argNum(1)
		if math.IsNaN(y) {
			return num(y)
		}
		return num(libm(func(x float64) float64 { return math.Atan2(y, x) }, x))
	case "exp":
		return num(libm(math.Exp, argNum(0)))
	case "log":
		return num(libm(math.Log, argNum(0)))
	case "sqrt":
		return num(libm(math.Sqrt, argNum(0)))
	case "int":
		return num(math.Trunc(argNum(0)))
	case "rand":
		return num(it.rnd.float())
	case "srand":
		// srand returns the previous seed as it was given.
		prev := it.seed
		if len(a) == 0 {
			it.seed = num(float64(time.Now().Unix()))
		} else {
			it.seed = it.eval(a[0])
		}
		it.rnd = newRandomGen(uint32(int32(clampInt(toNumber(it.seed)))))
		return prev
	case "tolower", "toupper":
		s := []byte(argStr(0))
		for i, c := range s {
			switch {
			case e.name == "tolower" && c >= 'A' && c <= 'Z':
				s[i] = c + 'a' - 'A'
			case e.name == "toupper" && c >= 'a' && c <= 'z':
				s[i] = c - ('a' - 'A')
			}
		}
		return str(string(s))
	case "system":
		return num(float64(it.system(argStr(0))))
	case "close":
		return num(float64(it.closeStream(argStr(0))))
	case "fflush":
		if len(a) == 0 {
			it.flushStdout()
			return num(0)
		}
		return num(float64(it.flushStream(argStr(0))))
	}
	it.fail("internal error: builtin %s", e.name)
	return value{}
}

// libm applies a math function as glibc's on x86 behaves: a NaN
// argument comes back as it is (its sign kept), and a NaN made from a
// number is the negative one.
func libm(f func(float64) float64, x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	r := f(x)
	if math.IsNaN(r) {
		return negNaN
	}
	return r
}

// substr is mawk's: start and length are truncated toward zero into 32
// bits (NaN and infinities clamped as mawk's d_to_I does); a start
// before the first character takes as many more characters as it is
// before it (mawk 1.3.4-20200120 counts them that way), in 32-bit
// arithmetic that wraps, so that a start of NaN or -inf yields the
// whole string for a length of at most 0 and nothing otherwise.
func (it *interp) substr(a []expr) string {
	s := it.toStr(it.eval(a[0]))
	b := int32(clampInt(toNumber(it.eval(a[1]))))
	var n int32
	switch {
	case len(a) == 3:
		n = int32(clampInt(toNumber(it.eval(a[2]))))
	case b < 1:
		n = int32(len(s))
	default:
		n = int32(len(s)) + 1
	}
	if b < 1 {
		n -= b // wraps for starts far before the text
		b = 1
	}
	if n <= 0 {
		return ""
	}
	start := int(b) - 1
	if start >= len(s) {
		return ""
	}
	end := start + int(n)
	if end > len(s) || end < start {
		end = len(s)
	}
	return s[start:end]
}

// clampInt truncates a number toward zero into an int of 32 bits.
func clampInt(f float64) int {
	switch {
	case math.IsNaN(f):
		return -math.MaxInt32 // mawk's d_to_I: no comparison holds
	case f > math.MaxInt32:
		return math.MaxInt32
	case f < -math.MaxInt32:
		return -math.MaxInt32
	}
	return int(f)
}

func (it *interp) splitBuiltin(a []expr) value {
	s := it.toStr(it.eval(a[0]))
	v := a[1].(*varRef)
	var parts []string
	if len(a) == 3 {
		if r, ok := a[2].(*regexLit); ok {
			parts = it.splitWith(s, "", r.re)
		} else {
			parts = it.splitWith(s, it.toStr(it.eval(a[2])), nil)
		}
	} else {
		parts = it.splitWith(s, it.fs, nil)
	}
	arr := it.arrayOf(v)
	clear(arr)
	for i, p := range parts {
		arr[strconv.Itoa(i+1)] = strnum(p)
	}
	return num(float64(len(parts)))
}

// substitute is sub and gsub: in the replacement & is the match, \& a
// literal '&' and \\ a backslash.
func (it *interp) substitute(a []expr, global bool) value {
	re := it.regexOf(a[0])
	repl := it.toStr(it.eval(a[1]))
	var target expr = &fieldExpr{&numLit{0}}
	if len(a) == 3 {
		target = a[2]
	}
	ref := it.ref(target)
	s := it.toStr(it.load(ref))
	if ref.field == -2 {
		s = it.toStr(it.eval(target))
	}
	limit := 1
	if global {
		limit = -1
	}
	all := posixre.NewSubject(s).Matches(re.Regexp, limit)
	if len(all) == 0 {
		return num(0)
	}
	var b strings.Builder
	last := 0
	for _, m := range all {
		b.WriteString(s[last:m[0]])
		for i := 0; i < len(repl); i++ {
			c := repl[i]
			switch {
			case c == '\\' && i+1 < len(repl) && (repl[i+1] == '&' || repl[i+1] == '\\'):
				i++
				b.WriteByte(repl[i])
			case c == '&':
				b.WriteString(s[m[0]:m[1]])
			default:
				b.WriteByte(c)
			}
		}
		if b.Len() > MaxString {
			panic(&fatalError{"out of memory"})
		}
		last = m[1]
	}
	b.WriteString(s[last:])
	it.put(ref, str(b.String()))
	return num(float64(len(all)))
}

// printfError is a bad format or argument list, worded as mawk does;
// the caller adds the function and the format.
type printfError string

func (e printfError) Error() string { return string(e) }

// sprintf formats vals as C's printf does with format, with mawk's
// limits: integers are clamped to 32 bits.
func sprintf(format string, vals []value, convfmt string) (string, error) {
	var b strings.Builder
	next, convs := 0, 0
	take := func() (value, bool) {
		if next >= len(vals) {
			return value{}, false
		}
		next++
		return vals[next-1], true
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// flags, width, precision
		j := i + 1
		var flags string
		for j < len(format) && strings.IndexByte("-+ #0", format[j]) >= 0 {
			flags += string(format[j])
			j++
		}
		width, prec := -1, -1
		if j < len(format) && format[j] == '*' {
			v, ok := take()
			if !ok {
				return b.String(), printfError("not enough arguments passed to")
			}
			width = clampInt(toNumber(v))
			if width < 0 {
				flags += "-"
				width = -width
			}
			j++
		} else {
			start := j
			for j < len(format) && isDigit(format[j]) {
				j++
			}
			if j > start {
				width, _ = strconv.Atoi(format[start:j])
			}
		}
		if j < len(format) && format[j] == '.' {
			j++
			prec = 0
			if j < len(format) && format[j] == '*' {
				v, ok := take()
				if !ok {
					return b.String(), printfError("not enough arguments passed to")
				}
				prec = clampInt(toNumber(v))
				j++
			} else {
				start := j
				for j < len(format) && isDigit(format[j]) {
					j++
				}
				if j > start {
					prec, _ = strconv.Atoi(format[start:j])
				}
			}
		}
		// mawk takes one 'l' before d, i, o, u, x and X.
		long := false
		if j < len(format) && format[j] == 'l' {
			long = true
			j++
		}
		if width > 1<<20 || prec > 1<<20 {
			return b.String(), printfError("print width too large in")
		}
		convs++
		// Whatever follows, a conversion takes its argument first.
		v, ok := take()
		if !ok {
			return b.String(), printfError("not enough arguments passed to")
		}
		if j >= len(format) {
			return b.String(), printfError(fmt.Sprintf("improper conversion(number %d) in", convs))
		}
		verb := format[j]
		i = j
		valid := "cdiouxXeEfFgGs"
		if long {
			valid = "diouxX"
		}
		if strings.IndexByte(valid, verb) < 0 {
			return b.String(), printfError(fmt.Sprintf("improper conversion(number %d) in", convs))
		}
		b.WriteString(formatOne(verb, flags, width, prec, v, convfmt))
		if b.Len() > MaxString {
			return "", printfError("out of memory in")
		}
	}
	return b.String(), nil
}

// formatOne formats one value for a conversion.
func formatOne(verb byte, flags string, width, prec int, v value, convfmt string) string {
	var body string
	sign := ""
	numeric := true
	switch verb {
	case 's':
		s := valueString(v, convfmt)
		if prec >= 0 && prec < len(s) {
			s = s[:prec]
		}
		body, numeric = s, false
	case 'c':
		var s string
		if v.k == kNum || v.k == kStrNum {
			s = string([]byte{byte(clampInt(v.n))})
		} else {
			// The first byte; an empty string gives its NUL, as mawk.
			s = valueString(v, convfmt) + "\x00"
			s = s[:1]
		}
		body, numeric = s, false
	case 'd', 'i':
		n := int64(clampInt(toNumber(v)))
		if n < 0 {
			sign, n = "-", -n
		}
		body = strconv.FormatInt(n, 10)
		body = intPrecision(body, prec)
	case 'o', 'u', 'x', 'X':
		f := toNumber(v)
		var n uint64
		switch {
		case math.IsNaN(f) || f < 0:
		case f > math.MaxUint32:
			n = math.MaxUint32
		default:
			n = uint64(f)
		}
		base := map[byte]int{'o': 8, 'u': 10, 'x': 16, 'X': 16}[verb]
		body = strconv.FormatUint(n, base)
		if verb == 'X' {
			body = strings.ToUpper(body)
		}
		body = intPrecision(body, prec)
		if strings.Contains(flags, "#") {
			switch {
			case verb == 'o' && !strings.HasPrefix(body, "0"):
				body = "0" + body
			case verb == 'x' && n != 0:
				body = "0x" + body
			case verb == 'X' && n != 0:
				body = "0X" + body
			}
		}
	default: // e E f F g G
		f := toNumber(v)
		if math.Signbit(f) && !math.IsNaN(f) || math.IsNaN(f) && math.Signbit(f) {
			sign = "-"
			f = math.Abs(f)
		}
		if prec < 0 {
			prec = 6
		}
		alt := strings.Contains(flags, "#")
		switch verb {
		case 'e', 'E':
			body = cExp(f, prec, verb == 'E')
			if alt && prec == 0 && !math.IsNaN(f) && !math.IsInf(f, 0) {
				body = strings.Replace(body, "e", ".e", 1)
				body = strings.Replace(body, "E", ".E", 1)
			}
		case 'f', 'F':
			if math.IsNaN(f) || math.IsInf(f, 0) {
				body = special(f)
			} else {
				body = strconv.FormatFloat(f, 'f', prec, 64)
				if alt && prec == 0 {
					body += "."
				}
			}
		default:
			body = formatG(f, prec, alt, verb == 'G')
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			flags = strings.ReplaceAll(flags, "0", "")
		}
	}
	if numeric && sign == "" {
		switch {
		case strings.Contains(flags, "+") && verb != 'u' && verb != 'o' && verb != 'x' && verb != 'X':
			sign = "+"
		case strings.Contains(flags, " ") && verb != 'u' && verb != 'o' && verb != 'x' && verb != 'X':
			sign = " "
		}
	}
	total := len(sign) + len(body)
	if width <= total {
		return sign + body
	}
	pad := width - total
	switch {
	case strings.Contains(flags, "-"):
		return sign + body + strings.Repeat(" ", pad)
	case numeric && strings.Contains(flags, "0") && !(prec >= 0 && strings.IndexByte("diouxX", verb) >= 0):
		if strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X") {
			return sign + body[:2] + strings.Repeat("0", pad) + body[2:]
		}
		return sign + strings.Repeat("0", pad) + body
	}
	return strings.Repeat(" ", pad) + sign + body
}

// valueString is a value as %s and %c take it.
func valueString(v value, convfmt string) string {
	switch v.k {
	case kNum:
		return numToStr(v.n, convfmt)
	case kUninit:
		return ""
	}
	return v.s
}

// intPrecision applies a precision to integer digits: at least that
// many, and none for a zero with precision 0.
func intPrecision(digits string, prec int) string {
	if prec < 0 {
		return digits
	}
	if prec == 0 && digits == "0" {
		return ""
	}
	if len(digits) < prec {
		return strings.Repeat("0", prec-len(digits)) + digits
	}
	return digits
}
