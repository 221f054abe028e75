// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestKstrtouint: lib/kstrtox.c's rules, as Linux 6.18 applies them to
// tmpfs uid=/mode= and proc gid=/hidepid= (checked with mount(2)).
func TestKstrtouint(t *testing.T) {
	for _, c := range []struct {
		s    string
		base int
		want uint32
		ok   bool
	}{
		{"16", 0, 16, true}, {"0x10", 0, 16, true}, {"0X1f", 0, 31, true}, {"010", 0, 8, true},
		{"+5", 0, 5, true}, {"0", 0, 0, true}, {"7\n", 0, 7, true}, {"4294967295", 0, 1<<32 - 1, true},
		{"0x", 0, 0, false}, {"0x\n", 0, 0, false}, {"", 0, 0, false}, {"+", 0, 0, false}, {"-1", 0, 0, false},
		{"4294967296", 0, 0, false}, {"7\n\n", 0, 0, false}, {" 7", 0, 0, false}, {"08", 0, 0, false},
		{"++5", 0, 0, false}, {"1777777", 8, 0o1777777, true}, {"+700", 8, 0o700, true}, {"0x1ff", 8, 0, false},
		{"9", 8, 0, false}, {"010", 10, 10, true}, {"0x10", 10, 0, false}, {"0x10", 16, 16, true}, {"ff", 16, 255, true},
	} {
		got, ok := Kstrtouint(c.s, c.base)
		if got != c.want || ok != c.ok {
			t.Errorf("Kstrtouint(%q, %d) = %d, %v; want %d, %v", c.s, c.base, got, ok, c.want, c.ok)
		}
	}
}

// TestKstrtoll: kstrtoll's and kstrtoull's answers as Linux 6.18 gives
// them through pids.max and cpu.cfs_burst_us (checked on the host): C's
// prefixes only, no spaces but one trailing newline, ERANGE past the type.
func TestKstrtoll(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int64
		err  error
	}{
		{"0x10", 16, nil}, {"010", 8, nil}, {"+5", 5, nil}, {"-5", -5, nil}, {"7\n", 7, nil},
		{"-9223372036854775808", math.MinInt64, nil}, {"9223372036854775807", math.MaxInt64, nil},
		{"0b11", 0, linux.EINVAL}, {"0o7", 0, linux.EINVAL}, {"1_0", 0, linux.EINVAL}, {" 5", 0, linux.EINVAL},
		{"5 ", 0, linux.EINVAL}, {"-+5", 0, linux.EINVAL}, {"--5", 0, linux.EINVAL}, {"-", 0, linux.EINVAL},
		{"9223372036854775808", 0, linux.ERANGE}, {"-9223372036854775809", 0, linux.ERANGE},
		{"99999999999999999999", 0, linux.ERANGE}, {"99999999999999999999x", 0, linux.ERANGE},
	} {
		got, err := Kstrtoll(c.s, 0)
		if got != c.want || err != c.err {
			t.Errorf("Kstrtoll(%q) = %d, %v; want %d, %v", c.s, got, err, c.want, c.err)
		}
	}
	if v, err := Kstrtoull("18446744073709551615", 0); v != math.MaxUint64 || err != nil {
		t.Errorf("Kstrtoull of 2^64-1: %d, %v", v, err)
	}
	if _, err := Kstrtoint("2147483648", 0); err != linux.ERANGE {
		t.Errorf("Kstrtoint past 32 bits: %v", err)
	}
	if v, err := Kstrtoint("-2147483648", 0); v != math.MinInt32 || err != nil {
		t.Errorf("Kstrtoint of INT_MIN: %d, %v", v, err)
	}
}

func TestSimpleStrtoullAndStrstrip(t *testing.T) {
	if v, rest := SimpleStrtoull("12abc", 10); v != 12 || rest != "abc" {
		t.Errorf("SimpleStrtoull: %d %q", v, rest)
	}
	if v, rest := SimpleStrtoull("0x10", 10); v != 0 || rest != "x10" {
		t.Errorf("SimpleStrtoull base 10 of 0x10: %d %q", v, rest)
	}
	if got := Strstrip("\t 5 \n\xa0"); got != "5" {
		t.Errorf("Strstrip: %q", got)
	}
}
