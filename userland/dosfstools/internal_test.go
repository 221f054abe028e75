// SPDX-License-Identifier: Apache-2.0

package dosfstools

import "testing"

// TestStrtoll: C's prefixes, the whole word, no leading space, and the
// clamp at the type's range.
func TestStrtoll(t *testing.T) {
	for _, tc := range []struct {
		s               string
		base, bits      int
		n               int64
		whole, overflow bool
	}{
		{"12", 0, 32, 12, true, false},
		{"0x1f", 0, 32, 31, true, false},
		{"010", 0, 32, 8, true, false},
		{"0x", 0, 32, 0, false, false},
		{"-5", 0, 32, -5, true, false},
		{" 5", 0, 32, 0, false, false},
		{"5 ", 0, 32, 5, false, false},
		{"", 0, 32, 0, false, false},
		{"deadbeef", 16, 64, 0xdeadbeef, true, false},
		{"0XDEADBEEF", 16, 64, 0xdeadbeef, true, false},
		{"99999999999", 0, 32, 1<<31 - 1, true, true},
		{"-99999999999", 0, 32, -1 << 31, true, true},
		{"xyz", 16, 64, 0, false, false},
	} {
		n, whole, overflow := strtoll(tc.s, tc.base, tc.bits)
		if n != tc.n || whole != tc.whole || overflow != tc.overflow {
			t.Errorf("strtoll(%q, %d, %d) = %d, %v, %v; want %d, %v, %v", tc.s, tc.base, tc.bits, n, whole, overflow, tc.n, tc.whole, tc.overflow)
		}
	}
}

// TestGuessGeometry: the SD card table below 256 MiB, LBA-assist
// translation above.
func TestGuessGeometry(t *testing.T) {
	for _, tc := range []struct {
		sectors     int64
		heads, secs int
	}{
		{2880, 2, 16}, {4097, 2, 32}, {65536, 4, 32}, {262144, 8, 32}, {524288, 16, 32},
		{524289, 16, 63}, {16 * 63 * 1024, 16, 63}, {16*63*1024 + 1, 32, 63}, {1 << 30, 255, 63},
	} {
		if h, s := guessGeometry(tc.sectors); h != tc.heads || s != tc.secs {
			t.Errorf("guessGeometry(%d) = %d/%d, want %d/%d", tc.sectors, h, s, tc.heads, tc.secs)
		}
	}
}
