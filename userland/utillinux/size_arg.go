// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// parseSizeArg reads a size as losetup's --offset, --sizelimit and
// --sector-size and mount's offset= and sizelimit= take it: a number in
// C notation (0x.. hexadecimal, 0.. octal), optionally followed by a
// unit letter K M G T P E Z Y (either case) meaning a power of 1024, or
// of 1000 with a "B" after it ("KiB" is 1024 again). Before the unit, a
// decimal fraction may follow the number ("1.5K"); it adds its digits'
// share of the unit, each digit rounded down on its own, which is how
// the real tools come to 0.25M = 262143. Negative numbers, unknown units
// and anything after the unit are EINVAL; too big is ERANGE.
func parseSizeArg(arg string) (uint64, error) {
	s := strings.TrimLeft(arg, " \t\n\v\f\r")
	if s == "" || s[0] == '-' {
		return 0, linux.EINVAL
	}
	n, rest, err := leadingNumber(s)
	if err != nil || rest == "" {
		return n, err
	}
	var frac uint64
	zeros := 0
	// Fractions: "." and digits, as long as none so far were non-zero.
	for len(rest) > 1 && !unitSuffix(rest) {
		if rest[0] != '.' || frac != 0 {
			return 0, linux.EINVAL
		}
		rest = rest[1:]
		for strings.HasPrefix(rest, "0") {
			rest, zeros = rest[1:], zeros+1
		}
		if rest != "" && rest[0] >= '1' && rest[0] <= '9' {
			if frac, rest, err = leadingNumber(rest); err != nil {
				return 0, err
			}
		}
		if rest == "" {
			return 0, linux.EINVAL
		}
	}
	base := uint64(1024)
	if len(rest) == 2 {
		base = 1000
	}
	power := strings.IndexByte("KMGTPEZY", rest[0]&^0x20) + 1
	if power == 0 || rest[0] < 'A' {
		return 0, linux.EINVAL
	}
	unit, exact := uint64(1), true
	for i := 0; i < power; i++ {
		if unit > math.MaxUint64/base {
			exact = false
			break
		}
		unit *= base
	}
	if n != 0 && (!exact || n > math.MaxUint64/unit) {
		return 0, linux.ERANGE
	}
	n *= unit
	if frac != 0 {
		n += fractionShare(frac, zeros, unit)
	}
	return n, nil
}

// unitSuffix is whether s is a unit letter with "B", "iB" or "ib" after
// it (a bare letter is told apart by its length).
func unitSuffix(s string) bool {
	switch len(s) {
	case 2:
		return s[1] == 'B' || s[1] == 'b'
	case 3:
		return s[1] == 'i' && (s[2] == 'B' || s[2] == 'b')
	}
	return false
}

// fractionShare is what the digits after the point add to a size: the
// fraction's digits are frac, preceded by zeros zeros. Its denominator
// is the power of ten just reaching frac (digits past what 64 bits hold
// are dropped), and each digit adds unit divided by its own share of it.
func fractionShare(frac uint64, zeros int, unit uint64) uint64 {
	denom := uint64(10)
	widen := func() {
		if denom <= math.MaxUint64/10 {
			denom *= 10
		} else {
			frac /= 10
		}
	}
	for denom < frac {
		widen()
	}
	for ; zeros > 0; zeros-- {
		widen()
	}
	var sum uint64
	for place := uint64(1); ; place *= 10 {
		digit := frac % 10
		frac /= 10
		if digit != 0 {
			if per := denom / place / digit; per != 0 {
				sum += unit / per
			}
		}
		if frac == 0 {
			return sum
		}
	}
}

// leadingNumber reads an unsigned number in C notation (optional '+',
// 0x for hexadecimal, a leading 0 for octal) from the start of s, and
// returns it with what follows. No digits is EINVAL, overflow ERANGE.
func leadingNumber(s string) (uint64, string, error) {
	s = strings.TrimPrefix(strings.TrimLeft(s, " \t\n\v\f\r"), "+")
	base := uint64(10)
	if len(s) > 2 && s[0] == '0' && s[1]|0x20 == 'x' && digitValue(s[2]) < 16 {
		base, s = 16, s[2:]
	} else if strings.HasPrefix(s, "0") {
		base = 8
	}
	var n uint64
	over := false
	i := 0
	for ; i < len(s) && digitValue(s[i]) < base; i++ {
		d := digitValue(s[i])
		if n > (math.MaxUint64-d)/base {
			over = true
		}
		n = n*base + d
	}
	switch {
	case i == 0:
		return 0, s, linux.EINVAL
	case over:
		return 0, "", linux.ERANGE
	}
	return n, s[i:], nil
}

// digitValue is the value of a hexadecimal digit, 16 for anything else.
func digitValue(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return uint64(c|0x20-'a') + 10
	}
	return 16
}
