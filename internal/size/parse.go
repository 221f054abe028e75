// SPDX-License-Identifier: Apache-2.0

package size

import (
	"math"
	"math/bits"
	"strings"
)

// Problem is what is wrong with a size argument; several may be set.
type Problem uint8

const (
	// Invalid: no number at all.
	Invalid Problem = 1 << iota
	// BadSuffix: something follows the number that is not a unit.
	BadSuffix
	// TooBig: the value does not fit (it is then the largest one).
	TooBig
)

// Syntax says which size arguments a tool takes.
type Syntax struct {
	// Units lists the unit letters taken after the number: any of
	// "KkMmGgTtPEZY" (powers of 1024), b (512), c (1) and w (2). The
	// letters e, p, y and z are refused as units; listing them makes a
	// number ending in one a bad suffix rather than a bad number.
	Units string
	// Decimal takes "KB" and "KD" as powers of 1000, "KiB" as 1024.
	Decimal bool
	// CNumbers takes 0x hexadecimal and 0 octal numbers.
	CNumbers bool
}

// Parsed is a size argument read by Syntax.Parse.
type Parsed struct {
	Value uint64
	// UnitOnly is set when the argument is a unit without a number
	// ("M", "KiB"), which counts one of it.
	UnitOnly bool
	// Unit is the unit as written ("", "K", "KiB", "MB", ...).
	Unit string
	Problem
}

// unitValue is the power of 1024 (or of 1000 with a B or D after it) a
// letter stands for; b, c and w are fixed sizes.
func unitValue(c byte) (power int, fixed uint64) {
	switch c {
	case 'b':
		return 0, 512
	case 'c':
		return 0, 1
	case 'w':
		return 0, 2
	}
	if i := strings.IndexByte(letters, c&^0x20); i >= 0 && strings.IndexByte("KkMmGgTtPEZY", c) >= 0 {
		return i + 1, 0
	}
	return -1, 0
}

// Parse reads an unsigned size: blanks, an optional '+', digits and an
// optional unit. A value too large for 64 bits is TooBig.
func (x Syntax) Parse(s string) Parsed {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	if strings.HasPrefix(t, "-") {
		return Parsed{Problem: Invalid}
	}
	// A unit alone must open the argument: " K" is no size.
	return x.magnitude(t, len(t) == len(s))
}

// ParseSigned reads a size that may carry a '-' (truncate's -s).
func (x Syntax) ParseSigned(s string) (int64, Problem) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := strings.HasPrefix(t, "-")
	if neg {
		t = t[1:]
		if strings.HasPrefix(t, "+") || strings.HasPrefix(t, "-") {
			return 0, Invalid
		}
	}
	p := x.magnitude(t, !neg && len(t) == len(s))
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if p.Problem == 0 && p.Value > limit {
		p.Problem = TooBig
	}
	if p.Problem != 0 {
		return 0, p.Problem
	}
	if neg {
		return int64(-p.Value), 0
	}
	return int64(p.Value), 0
}

// magnitude reads what follows the sign; unitAlone allows a unit without
// a number.
func (x Syntax) magnitude(t string, unitAlone bool) Parsed {
	var p Parsed
	digits := strings.TrimPrefix(t, "+")
	radix := uint64(10)
	if x.CNumbers && strings.HasPrefix(digits, "0") {
		radix = 8
		if len(digits) > 2 && (digits[1] == 'x' || digits[1] == 'X') && digitOf(digits[2]) < 16 {
			radix, digits = 16, digits[2:]
		}
	}
	n := 0
	for n < len(digits) && digitOf(digits[n]) < radix {
		if hi, lo := bits.Mul64(p.Value, radix); hi != 0 || lo+digitOf(digits[n]) < lo {
			p.Problem |= TooBig
		} else {
			p.Value = lo + digitOf(digits[n])
		}
		n++
	}
	if p.Problem&TooBig != 0 {
		p.Value = math.MaxUint64
	}
	rest := digits[n:]
	if n == 0 {
		// Only a unit, and only without a '+' before it.
		if !unitAlone || t == "" || strings.IndexByte(x.Units, t[0]) < 0 {
			return Parsed{Problem: Invalid}
		}
		p.Value, p.UnitOnly, rest = 1, true, t
	}
	if rest == "" {
		return p
	}
	if strings.IndexByte(x.Units, rest[0]) < 0 {
		p.Problem |= BadSuffix
		return p
	}
	power, fixed := unitValue(rest[0])
	if power < 0 {
		p.Problem |= BadSuffix
		return p
	}
	unitLen, base := 1, uint64(1024)
	if power > 0 && x.Decimal && len(rest) > 1 {
		switch {
		case strings.HasPrefix(rest[1:], "iB"):
			unitLen = 3
		case rest[1] == 'B' || rest[1] == 'D':
			unitLen, base = 2, 1000
		}
	}
	p.Unit = rest[:unitLen]
	mult := fixed
	if power > 0 {
		mult = 1
		for i := 0; i < power; i++ {
			if hi, lo := bits.Mul64(mult, base); hi == 0 {
				mult = lo
			} else {
				mult = 0
			}
		}
	}
	if hi, lo := bits.Mul64(p.Value, mult); hi != 0 || (mult == 0 && p.Value != 0) {
		p.Value, p.Problem = math.MaxUint64, p.Problem|TooBig
	} else {
		p.Value = lo
	}
	if unitLen < len(rest) {
		p.Problem |= BadSuffix
	}
	return p
}

func digitOf(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c >= 'a' && c <= 'z':
		return uint64(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return uint64(c-'A') + 10
	}
	return 99
}
