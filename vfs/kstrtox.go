// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The kernel's number parsers (lib/kstrtox.c, lib/vsprintf.c,
// lib/cmdline.c), as files and mount options written to it are read. The
// kstrto* family is strict: an optional sign, digits, at most one
// trailing newline and nothing else, EINVAL for other text and ERANGE for
// a value that does not fit. The simple_strto* family takes what digits
// there are, never fails, and wraps modulo 2^64.

// Kstrtoull is kstrtoull: an optional '+', digits in base (0 picks it
// from the prefix as C does: "0x" hexadecimal when a hex digit follows,
// "0" octal, else decimal; base 16 also takes a "0x"), at most one
// trailing newline. Too many digits for 64 bits is ERANGE, even with
// text after them.
func Kstrtoull(s string, base int) (uint64, error) {
	if s != "" && s[0] == '+' {
		s = s[1:]
	}
	return kstrtoullUnsigned(s, base)
}

// kstrtoullUnsigned is Kstrtoull without the sign.
func kstrtoullUnsigned(s string, base int) (uint64, error) {
	base, s = radixOf(s, base)
	var v uint64
	n := 0
	for ; n < len(s) && digitValue(s[n]) < base; n++ {
		d := uint64(digitValue(s[n]))
		if v > (math.MaxUint64-d)/uint64(base) {
			return 0, linux.ERANGE
		}
		v = v*uint64(base) + d
	}
	rest := s[n:]
	if rest == "\n" {
		rest = ""
	}
	if n == 0 || rest != "" {
		return 0, linux.EINVAL
	}
	return v, nil
}

// Kstrtoll is kstrtoll: Kstrtoull's rules with a '-' allowed in place
// of the '+'; past int64 either way is ERANGE.
func Kstrtoll(s string, base int) (int64, error) {
	if s == "" || s[0] != '-' {
		u, err := Kstrtoull(s, base)
		switch {
		case err != nil:
			return 0, err
		case u > math.MaxInt64:
			return 0, linux.ERANGE
		}
		return int64(u), nil
	}
	u, err := kstrtoullUnsigned(s[1:], base)
	switch {
	case err != nil:
		return 0, err
	case u > 1<<63:
		return 0, linux.ERANGE
	}
	return -int64(u), nil
}

// Kstrtoint is kstrtoint: Kstrtoll's rules for a 32-bit int.
func Kstrtoint(s string, base int) (int32, error) {
	v, err := Kstrtoll(s, base)
	if err == nil && (v > math.MaxInt32 || v < math.MinInt32) {
		err = linux.ERANGE
	}
	if err != nil {
		return 0, err
	}
	return int32(v), nil
}

// Kstrtouint is kstrtouint, which the fs_parser's u32 parameters use:
// Kstrtoull's rules for a value that fits 32 bits; ok is false for any
// failure.
func Kstrtouint(s string, base int) (uint32, bool) {
	v, err := Kstrtoull(s, base)
	if err != nil || v > math.MaxUint32 {
		return 0, false
	}
	return uint32(v), true
}

// radixOf settles base 0 from s's prefix and drops a "0x" the base
// takes, as the kstrto* and simple_strto* parsers both do.
func radixOf(s string, base int) (int, string) {
	hex := len(s) > 1 && s[0] == '0' && s[1]|0x20 == 'x'
	if base == 0 {
		switch {
		case hex && len(s) > 2 && digitValue(s[2]) < 16:
			base = 16
		case s != "" && s[0] == '0':
			base = 8
		default:
			base = 10
		}
	}
	if base == 16 && hex {
		s = s[2:]
	}
	return base, s
}

// SimpleStrtoull is simple_strtoull: the digits s starts with in base
// (0 as for Kstrtoull; no sign is taken), wrapping modulo 2^64, and the
// text after them.
func SimpleStrtoull(s string, base int) (uint64, string) {
	base, s = radixOf(s, base)
	var v uint64
	n := 0
	for ; n < len(s) && digitValue(s[n]) < base; n++ {
		v = v*uint64(base) + uint64(digitValue(s[n]))
	}
	return v, s[n:]
}

// Memparse is memparse: SimpleStrtoull in base 0, then an optional
// K, M, G, T, P or E (either case) multiplying by a power of 1024; the
// shift wraps like the digits. It returns the text after what it took.
func Memparse(s string) (uint64, string) {
	v, rest := SimpleStrtoull(s, 0)
	if rest == "" {
		return v, rest
	}
	for i, unit := range "kmgtpe" {
		if rest[0]|0x20 == byte(unit) {
			return v << (10 * (i + 1)), rest[1:]
		}
	}
	return v, rest
}

// Strstrip is strstrip: s without the kernel's white space (isspace:
// tab to carriage return, space, and Latin-1's no-break space 0xa0) at
// either end.
func Strstrip(s string) string {
	for s != "" && IsKernelSpace(s[0]) {
		s = s[1:]
	}
	for s != "" && IsKernelSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// IsKernelSpace is the kernel's isspace.
func IsKernelSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r' || c == 0xa0
}

// digitValue is a byte's value as a digit of base up to 36, or 36.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 36
}
