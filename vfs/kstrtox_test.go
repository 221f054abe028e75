// SPDX-License-Identifier: Apache-2.0

package vfs

import "testing"

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
