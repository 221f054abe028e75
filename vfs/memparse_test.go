// SPDX-License-Identifier: Apache-2.0

package vfs

import "testing"

// TestMemparseWraps checks Memparse against values Linux 6.18 gives (see
// testdata/diff/mount/132-tmpfs-memparse-wrap.sh for the shown options):
// the digits and the suffix shift wrap modulo 2^64 instead of failing.
func TestMemparseWraps(t *testing.T) {
	for _, c := range []struct {
		in   string
		v    uint64
		rest string
	}{
		{"99999999999999999999", 7766279631452241919, ""},
		{"18446744073709551616", 0, ""},
		{"0x1fffffffffffffffff", 0xffffffffffffffff, ""},
		{"02000000000000000000000", 0, ""},
		{"17e", 1 << 60, ""},
		{"16384p", 0, ""},
		{"1kk", 1024, "k"},
		{"0x", 0, "x"},
		{"0xg", 0, "xg"},
		{"0x1k", 1024, ""},
		{"08", 0, "8"},
		{"1%", 1, "%"},
		{"-1", 0, "-1"},
	} {
		v, rest := Memparse(c.in)
		if v != c.v || rest != c.rest {
			t.Errorf("memparse(%q) = %d, %q; want %d, %q", c.in, v, rest, c.v, c.rest)
		}
	}
}
