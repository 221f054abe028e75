// SPDX-License-Identifier: Apache-2.0

// Package size writes byte counts the way the coreutils and util-linux
// tools show them ("1.5K", "118M", "2kB", "1.5G") and reads the size
// arguments they take ("4K", "1MB", "2KiB", "0x10", "b", ...).
//
// The formatter works on the exact quotient n*from/to (math/big), so every
// rounding decision is made on the true value and never on a float.
package size

import (
	"math"
	"math/big"
	"strconv"
)

// Rounding says which way an inexact amount goes.
type Rounding uint8

const (
	// Up rounds toward +infinity: df, du and ls never under-report.
	Up Rounding = iota
	// Nearest rounds to the closer value, a tie to the even one (dd).
	Nearest
	// Down truncates.
	Down
)

// Style says how an amount is written.
type Style struct {
	// Scale picks the largest power of Base (at most the eighth, Y) that
	// leaves an integer part of at least 1, and writes one decimal while
	// the scaled number is below 10: "1.5K", "10K", "118M".
	Scale bool
	// SI counts in powers of 1000 instead of 1024.
	SI bool
	// Unit writes the power letter (K, M, ..., "k" for a thousand). Without
	// Scale the letter is the one the output unit is worth: a block size
	// given as "M" shows "12M".
	Unit bool
	// Bytes writes a "B" after the unit ("kB", "KiB", a lone "B").
	Bytes bool
	// Space puts a blank between number and unit (dd's "1.0 kB").
	Space bool
	// TrimZero writes "1K" rather than "1.0K".
	TrimZero bool
	// Round is the rounding of inexact amounts.
	Round Rounding
	// Short is util-linux's size form (findmnt, lsblk, losetup): powers of
	// 1024 always, a one-letter unit ("B" for bytes), one decimal whenever
	// it is not zero ("15.5G") rounded half up from the truncated
	// thousandths. The other fields are ignored.
	Short bool
}

// Human is -h: powers of 1024 with a letter, rounded up.
var Human = Style{Scale: true, Unit: true}

// HumanSI is --si / -H: the same in powers of 1000.
var HumanSI = Style{Scale: true, Unit: true, SI: true}

// UtilLinux is the util-linux short form.
var UtilLinux = Style{Short: true}

const letters = "KMGTPEZY"

func (s Style) base() int64 {
	if s.SI {
		return 1000
	}
	return 1024
}

// Bytes writes n bytes.
func (s Style) Format(n uint64) string { return s.Amount(n, 1, 1) }

// Amount writes n units of from bytes counted in units of to bytes.
func (s Style) Amount(n, from, to uint64) string {
	if s.Short {
		return short(n)
	}
	if to == 0 {
		to = 1
	}
	num := new(big.Int).Mul(new(big.Int).SetUint64(n), new(big.Int).SetUint64(from))
	den := new(big.Int).SetUint64(to)
	base := big.NewInt(s.base())

	power := 0
	var text string
	if s.Scale && !wholeRatio(from, to) {
		text, power = s.scaledFloat(n, from, to)
	} else if s.Scale {
		// Grow the divisor while the amount still holds a whole base.
		for power < len(letters) && num.Cmp(new(big.Int).Mul(den, base)) >= 0 {
			den.Mul(den, base)
			power++
		}
		text, power = s.scaled(num, den, power)
	} else {
		text = roundDiv(num, den, s.Round).String()
		power = unitPower(to, s.base())
	}
	if !s.Unit {
		return text
	}
	unit := ""
	if power > 0 {
		unit = letters[power-1 : power]
		if s.SI && power == 1 {
			unit = "k"
		}
	}
	if s.Bytes {
		if !s.SI && power > 0 {
			unit += "i"
		}
		unit += "B"
	}
	if s.Space && unit != "" {
		text += " "
	}
	return text + unit
}

// wholeRatio reports whether one unit size is a whole multiple of the
// other, which lets human_readable work in integers; otherwise (dd's
// bytes per elapsed nanoseconds) it works in floating point, and scales
// differently (scaledFloat).
func wholeRatio(from, to uint64) bool {
	if to <= from {
		return from%to == 0
	}
	return from != 0 && to%from == 0
}

// scaledFloat scales an amount whose units do not divide each other (a
// rate: bytes over elapsed nanoseconds), as coreutils shows such amounts:
// never below the first power ("0.0 kB" for nothing), and with one
// decimal only while the number stays short, under 100 in powers of 1000
// and under 10 in powers of 1024 ("51.3 kB", "585 kB", "14 KiB").
func (s Style) scaledFloat(n, from, to uint64) (string, int) {
	v := float64(n) * float64(from) / float64(to)
	base := float64(s.base())
	power := 1
	for v >= base*base && power < len(letters) {
		v /= base
		power++
	}
	v /= base
	limit := 10.0
	if s.SI {
		limit = 100
	}
	if tenths := s.Round.apply(v * 10); tenths < limit*10 {
		return strconv.FormatFloat(tenths/10, 'f', 1, 64), power
	}
	return strconv.FormatFloat(s.Round.apply(v), 'f', 0, 64), power
}

// apply rounds v to a whole number the style's way.
func (r Rounding) apply(v float64) float64 {
	switch r {
	case Up:
		return math.Ceil(v)
	case Down:
		return math.Floor(v)
	}
	return math.RoundToEven(v)
}

// scaled writes num/den, already divided by base^power: one decimal for a
// scaled amount below 10, else a whole number; rounding up to a whole
// base moves to the next power.
func (s Style) scaled(num, den *big.Int, power int) (string, int) {
	if power > 0 && num.Cmp(new(big.Int).Mul(den, big.NewInt(10))) < 0 {
		tenths := roundDiv(new(big.Int).Mul(num, big.NewInt(10)), den, s.Round).Int64()
		if tenths < 100 {
			if tenths%10 == 0 && s.TrimZero {
				return strconv.FormatInt(tenths/10, 10), power
			}
			return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10), power
		}
		return "10", power
	}
	whole := roundDiv(num, den, s.Round)
	if whole.IsInt64() && whole.Int64() == s.base() && power < len(letters) {
		if s.TrimZero {
			return "1", power + 1
		}
		return "1.0", power + 1
	}
	return whole.String(), power
}

// unitPower is the number of powers of base it takes to reach to: the
// letter of an output unit ("M" for 1048576, "k" for 1000).
func unitPower(to uint64, base int64) int {
	p := 0
	for u := uint64(1); u < to && p < len(letters); u *= uint64(base) {
		p++
	}
	return p
}

// roundDiv is num/den rounded as r says.
func roundDiv(num, den *big.Int, r Rounding) *big.Int {
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Sign() == 0 {
		return q
	}
	switch r {
	case Up:
		q.Add(q, big.NewInt(1))
	case Nearest:
		switch new(big.Int).Lsh(rem, 1).Cmp(den) {
		case 1:
			q.Add(q, big.NewInt(1))
		case 0:
			if q.Bit(0) == 1 {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return q
}

// short is the util-linux form of a byte count.
func short(n uint64) string {
	power := 0
	for power < 6 && n>>(10*(power+1)) != 0 {
		power++
	}
	unit := "BKMGTPE"[power : power+1]
	whole := n >> (10 * power)
	// The part below the unit in thousandths (truncated), then tenths
	// rounded half up.
	rest := new(big.Int).SetUint64(n - whole<<(10*power))
	rest.Mul(rest, big.NewInt(1000))
	rest.Rsh(rest, uint(10*power))
	tenths := (rest.Uint64() + 50) / 100
	if tenths == 10 {
		whole, tenths = whole+1, 0
	}
	if tenths == 0 {
		return strconv.FormatUint(whole, 10) + unit
	}
	return strconv.FormatUint(whole, 10) + "." + strconv.FormatUint(tenths, 10) + unit
}
