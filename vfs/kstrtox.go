// SPDX-License-Identifier: Apache-2.0

package vfs

// Kstrtouint is the kernel's kstrtouint (lib/kstrtox.c), which the
// fs_parser's u32 parameters use: an optional '+', digits in base (0 picks
// it from the prefix as C does: "0x" hexadecimal when a hex digit follows,
// "0" octal, else decimal; base 16 also takes a "0x"), at most one
// trailing newline, nothing else, and a value that fits 32 bits.
func Kstrtouint(s string, base int) (uint32, bool) {
	if s != "" && s[0] == '+' {
		s = s[1:]
	}
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
	var v uint64
	n := 0
	for ; n < len(s) && digitValue(s[n]) < base; n++ {
		v = v*uint64(base) + uint64(digitValue(s[n]))
		if v > 1<<32-1 {
			return 0, false
		}
	}
	rest := s[n:]
	if rest == "\n" {
		rest = ""
	}
	if n == 0 || rest != "" {
		return 0, false
	}
	return uint32(v), true
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
