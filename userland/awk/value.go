// SPDX-License-Identifier: Apache-2.0

package awk

import (
	"math"
	"strconv"
	"strings"
)

// kind says what a value is.
type kind uint8

const (
	kUninit kind = iota // never assigned: "" and 0 at once
	kNum                // a number
	kStr                // a string
	kStrNum             // input text that looks like a number: compares as one
)

// value is an awk scalar. A kStrNum keeps its text in s and its number
// in n; a kNum may carry its string form in s once converted (cached
// with the CONVFMT it was made with).
type value struct {
	k kind
	n float64
	s string
}

func num(f float64) value  { return value{k: kNum, n: f} }
func str(s string) value   { return value{k: kStr, s: s} }
func boolean(b bool) value { return num(b2f(b)) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// strnum makes the value of input text (a field, getline's input, an
// element split made, ARGV and ENVIRON): a string that compares as a
// number when it looks like one.
func strnum(s string) value {
	if f, ok := looksNumeric(s); ok {
		return value{k: kStrNum, n: f, s: s}
	}
	return value{k: kStr, s: s}
}

// looksNumeric reports whether s, blanks around it aside, is a number
// as strtod reads one, wholly.
func looksNumeric(s string) (float64, bool) {
	t := strings.TrimLeft(s, " \t\n\r\f\v")
	if t == "" {
		return 0, false
	}
	f, n := scanNumber(t, true)
	if n == 0 {
		return 0, false
	}
	if strings.TrimRight(t[n:], " \t\n\r\f\v") != "" {
		return 0, false
	}
	return f, true
}

// toNum is a string's numeric value: the longest prefix strtod reads
// after leading blanks, 0 when there is none.
func toNum(s string) float64 {
	t := strings.TrimLeft(s, " \t\n\r\f\v")
	f, _ := scanNumber(t, true)
	return f
}

// scanNumber reads a number at the start of s as strtod does (a sign,
// decimal digits with a fraction and exponent; with full, also a
// hexadecimal number, inf, infinity and nan) and returns it and how many
// bytes it used (0: none).
func scanNumber(s string, full bool) (float64, int) {
	i := 0
	neg := false
	if full && i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	signed := func(f float64) float64 {
		if neg {
			return -f
		}
		return f
	}
	if full {
		rest := strings.ToLower(s[i:min(len(s), i+8)])
		switch {
		case strings.HasPrefix(rest, "infinity"):
			return signed(math.Inf(1)), i + 8
		case strings.HasPrefix(rest, "inf"):
			return signed(math.Inf(1)), i + 3
		case strings.HasPrefix(rest, "nan"):
			n := i + 3
			if n < len(s) && s[n] == '(' {
				if end := strings.IndexByte(s[n:], ')'); end >= 0 {
					n += end + 1
				}
			}
			nan := math.NaN()
			if neg {
				nan = negNaN
			}
			return nan, n
		case len(rest) > 2 && rest[0] == '0' && rest[1] == 'x' && (isHex(rest[2]) || rest[2] == '.' && len(rest) > 3 && isHex(rest[3])):
			return scanHex(s, i, neg)
		}
	}
	start := i
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	f, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil {
		// Out of range: ParseFloat gives ±Inf or 0 as strtod does.
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, 0
		}
	}
	return signed(f), i
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanHex reads strtod's hexadecimal form after "0x" at i.
func scanHex(s string, i int, neg bool) (float64, int) {
	i += 2
	start := i
	for i < len(s) && (isHex(s[i]) || s[i] == '.') {
		if s[i] == '.' && strings.IndexByte(s[start:i], '.') >= 0 {
			break
		}
		i++
	}
	end := i
	if i+1 < len(s) && (s[i] == 'p' || s[i] == 'P') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			end = j
		}
	}
	text := "0x" + s[start:i]
	if end > i {
		text += s[i:end]
	} else {
		text += "p0"
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, 0
		}
	}
	if neg {
		f = -f
	}
	return f, end
}

// negNaN is the NaN x86 arithmetic makes (0/0, log(-1)), which glibc's
// printf writes "-nan".
var negNaN = math.Float64frombits(0xfff8000000000000)

// maxInt is mawk's Max_Int: integral numbers within it print as
// integers, others through OFMT or CONVFMT.
const maxInt = 0x7fffffff

// numToStr is a number's string form through format (CONVFMT or OFMT).
func numToStr(f float64, format string) string {
	if f == math.Trunc(f) && f >= -maxInt && f <= maxInt {
		return strconv.Itoa(int(f))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return special(f)
	}
	if format == "%.6g" {
		return formatG(f, 6, false, false)
	}
	s, err := sprintf(format, []value{num(f)}, "%.6g")
	if err != nil {
		return formatG(f, 6, false, false)
	}
	return s
}

// special is the printf text of inf and nan.
func special(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.Signbit(f):
		return "-nan"
	}
	return "nan"
}

// formatG is %g with a precision, as C writes it.
func formatG(f float64, prec int, alt, upper bool) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		s := special(f)
		if upper {
			s = strings.ToUpper(s)
		}
		return s
	}
	if prec == 0 {
		prec = 1
	}
	// The exponent %e would have decides between %e and %f styles.
	e := strconv.FormatFloat(f, 'e', prec-1, 64)
	exp, _ := strconv.Atoi(e[strings.LastIndexAny(e, "e")+1:])
	var s string
	if exp < -4 || exp >= prec {
		s = cExp(f, prec-1, upper)
		if !alt {
			mant, ex, _ := strings.Cut(s, map[bool]string{false: "e", true: "E"}[upper])
			s = trimZeros(mant) + map[bool]string{false: "e", true: "E"}[upper] + ex
		}
	} else {
		s = strconv.FormatFloat(f, 'f', prec-1-exp, 64)
		if !alt {
			s = trimZeros(s)
		}
	}
	return s
}

func trimZeros(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// cExp is %e as C writes it: at least two exponent digits.
func cExp(f float64, prec int, upper bool) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		s := special(f)
		if upper {
			s = strings.ToUpper(s)
		}
		return s
	}
	s := strconv.FormatFloat(f, 'e', prec, 64)
	// Go writes e+00 already with two digits at least.
	if upper {
		s = strings.ToUpper(s)
	}
	return s
}
