// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"bytes"
	"math/big"
	"strings"
)

// The numeric orders of sort in the C locale: -n and -h compare decimal
// numbers exactly, as strings; -g compares floating-point values as
// strtold reads them; -M compares month names.

// sortSkipBlanks drops leading blanks.
func sortSkipBlanks(s []byte) []byte {
	i := 0
	for i < len(s) && sortBlank[s[i]] {
		i++
	}
	return s[i:]
}

// sortDecimal is the number at the start of s for -n: an optional '-',
// digits, an optional '.' and more digits. Without digits it is zero.
type sortDecimal struct {
	neg, digits bool   // digits: it has some
	whole       []byte // without leading zeros
	frac        []byte // without trailing zeros
	afterDigit  int    // where the number ends in s
}

func parseSortDecimal(s []byte) sortDecimal {
	var d sortDecimal
	i := 0
	if i < len(s) && s[i] == '-' {
		d.neg = true
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	d.digits = i > start
	d.whole = bytes.TrimLeft(s[start:i], "0")
	if i < len(s) && s[i] == '.' {
		i++
		start = i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		d.digits = d.digits || i > start
		d.frac = bytes.TrimRight(s[start:i], "0")
	}
	d.afterDigit = i
	if len(d.whole) == 0 && len(d.frac) == 0 {
		d.neg = false // -0 is 0
	}
	return d
}

// compareMagnitude orders two numbers by absolute value.
func (d sortDecimal) compareMagnitude(e sortDecimal) int {
	if len(d.whole) != len(e.whole) {
		return len(d.whole) - len(e.whole)
	}
	if c := bytes.Compare(d.whole, e.whole); c != 0 {
		return c
	}
	return bytes.Compare(d.frac, e.frac)
}

// sortCompareNumeric is -n: blanks skipped, then the numbers' values.
func sortCompareNumeric(a, b []byte) int {
	x, y := parseSortDecimal(sortSkipBlanks(a)), parseSortDecimal(sortSkipBlanks(b))
	switch {
	case x.neg && !y.neg:
		return -1
	case !x.neg && y.neg:
		return 1
	case x.neg:
		return -x.compareMagnitude(y)
	}
	return x.compareMagnitude(y)
}

// sortUnitOrder is the rank of the unit letter after a number for -h.
func sortUnitOrder(c byte) int {
	if c == 'k' {
		return 1
	}
	return strings.IndexByte(" KMGTPEZY", c) // -1 for none: ranked as 0 below
}

// sortUnitRank is -h's magnitude class of a number: its unit's rank,
// negative for a negative number, 0 for zero or no unit.
func sortUnitRank(s []byte) int {
	d := parseSortDecimal(s)
	if len(d.whole) == 0 && len(d.frac) == 0 || d.afterDigit >= len(s) {
		return 0
	}
	// A '.' ending the number stops it before the unit only when no digit
	// follows; parseSortDecimal already went past it.
	order := max(sortUnitOrder(s[d.afterDigit]), 0)
	if d.neg {
		return -order
	}
	return order
}

// sortCompareHuman is -h: units first (none < K < M < ... < Y), then
// the numbers as -n compares them.
func sortCompareHuman(a, b []byte) int {
	a, b = sortSkipBlanks(a), sortSkipBlanks(b)
	if d := sortUnitRank(a) - sortUnitRank(b); d != 0 {
		return d
	}
	return sortCompareNumeric(a, b)
}

// sortMonths are the month abbreviations, January first.
var sortMonths = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// sortMonth is -M's value of s: 1 to 12 when, after blanks, it starts
// with a month's abbreviation in any case; 0 otherwise.
func sortMonth(s []byte) int {
	s = sortSkipBlanks(s)
	if len(s) < 3 {
		return 0
	}
	name := strings.ToUpper(string(s[:3]))
	for i, m := range sortMonths {
		if m == name {
			return i + 1
		}
	}
	return 0
}

// sortFloat is a value as strtold reads it: a conversion failure, a NaN
// or a number (infinities included), kept to long double's 64-bit
// mantissa.
type sortFloat struct {
	ok, nan, negNaN bool
	v               *big.Float
	// length is how much of the text strtold would read.
	length int
}

// sortCompareGeneral is -g: what is no number first, then NaNs, then
// numbers by value (-0 equal to 0).
func sortCompareGeneral(a, b []byte) int {
	x, y := parseSortFloat(a), parseSortFloat(b)
	switch {
	case !x.ok || !y.ok:
		return boolCompare(x.ok, y.ok)
	case x.nan || y.nan:
		if x.nan && y.nan {
			return boolCompare(x.negNaN, y.negNaN)
		}
		return boolCompare(!x.nan, !y.nan)
	}
	return x.v.Cmp(y.v)
}

// parseSortFloat reads the longest prefix of s that strtold takes:
// blanks, a sign, then "inf", "infinity", "nan" (with an optional
// "(chars)"), a hexadecimal number with an optional binary exponent, or
// a decimal one with an optional exponent.
func parseSortFloat(s []byte) sortFloat {
	t := strings.TrimLeft(string(s), " \t\n\v\f\r")
	skipped := len(s) - len(t)
	neg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t, skipped = t[1:], skipped+1
	}
	if r, ok := sortFloatWord(t, neg); ok {
		r.length += skipped
		return r
	}
	text, base, n := sortFloatPrefix(t)
	if text == "" {
		return sortFloat{}
	}
	f, _, err := big.ParseFloat(text, base, 64, big.ToNearestEven)
	if err != nil {
		return sortFloat{}
	}
	// Beyond long double's range strtold gives infinity, or zero.
	switch exp := f.MantExp(nil); {
	case exp > 16384:
		f.SetInf(false)
	case exp < -16444:
		f.SetInt64(0)
	}
	if neg {
		f.Neg(f)
	}
	return sortFloat{ok: true, v: f, length: skipped + n}
}

// sortFloatWord reads "inf", "infinity" or "nan" (with an optional
// "(chars)") in any case.
func sortFloatWord(t string, neg bool) (sortFloat, bool) {
	lower := strings.ToLower(t[:min(len(t), 8)])
	switch {
	case strings.HasPrefix(lower, "infinity"):
		return sortFloat{ok: true, v: new(big.Float).SetInf(neg), length: 8}, true
	case strings.HasPrefix(lower, "inf"):
		return sortFloat{ok: true, v: new(big.Float).SetInf(neg), length: 3}, true
	case !strings.HasPrefix(lower, "nan"):
		return sortFloat{}, false
	}
	n := 3
	if len(t) > 3 && t[3] == '(' {
		i := 4
		for i < len(t) && (isDigit(t[i]) || isAlpha(t[i]) || t[i] == '_') {
			i++
		}
		if i < len(t) && t[i] == ')' {
			n = i + 1
		}
	}
	return sortFloat{ok: true, nan: true, negNaN: neg, length: n}, true
}

// sortFloatPrefix is the number at the start of t (no sign), in a form
// big.ParseFloat reads in base; n is its length in t; "" if there is
// none.
func sortFloatPrefix(t string) (text string, base, n int) {
	hex := len(t) > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')
	digit, exp, start := isDigit, byte('e'), 0
	base = 10
	if hex {
		digit, exp, start, base = isHexDigit, 'p', 2, 0
	}
	i := start
	for i < len(t) && digit(t[i]) {
		i++
	}
	mantissa := i - start
	if i < len(t) && t[i] == '.' {
		j := i + 1
		for j < len(t) && digit(t[j]) {
			j++
		}
		mantissa += j - i - 1
		i = j
	}
	if mantissa == 0 {
		if hex {
			return "0", 10, 1 // "0x" alone is the number 0 followed by "x"
		}
		return "", 10, 0
	}
	hasExp := false
	if i < len(t) && t[i]|0x20 == exp {
		j := i + 1
		if j < len(t) && (t[j] == '+' || t[j] == '-') {
			j++
		}
		k := j
		for k < len(t) && isDigit(t[k]) {
			k++
		}
		if k > j {
			i, hasExp = k, true
		}
	}
	if hex && !hasExp {
		return t[:i] + "p0", base, i
	}
	return t[:i], base, i
}

func isHexDigit(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
