// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

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

// TestBadBlockScan: batches stop at a bad block, the block after a bad
// one is read alone, full batches resume after one reads, and a bad
// block before the data area stops the walk.
func TestBadBlockScan(t *testing.T) {
	badSet := map[int64]bool{5: true, 6: true, 20: true}
	var calls []string
	read := func(first, count int64) int64 {
		calls = append(calls, fmt.Sprintf("%d+%d", first, count))
		for b := first; b < first+count; b++ {
			if badSet[b] {
				return b - first
			}
		}
		return count
	}
	bad, early := badBlockScan(40, 3, read)
	if want := []int64{5, 6, 20}; !reflect.DeepEqual(bad, want) || early {
		t.Errorf("bad blocks %v (early %v), want %v", bad, early, want)
	}
	if want := "0+16 6+1 7+1 8+16 21+1 22+16 38+2"; strings.Join(calls, " ") != want {
		t.Errorf("reads %s, want %s", strings.Join(calls, " "), want)
	}
	calls = nil
	if bad, early := badBlockScan(40, 6, read); !early || bad != nil || len(calls) != 1 {
		t.Errorf("a bad block before the data area: %v, early %v, reads %q", bad, early, calls)
	}
}
