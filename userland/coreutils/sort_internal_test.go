// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

func signOf(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// TestSortNumericOrders: -n, -h and -g on the cases where a string
// comparison or a float64 would go wrong.
func TestSortNumericOrders(t *testing.T) {
	for _, tc := range []struct {
		cmp  func(a, b []byte) int
		a, b string
		want int
	}{
		{sortCompareNumeric, "-0", "0", 0},
		{sortCompareNumeric, "-", "", 0},
		{sortCompareNumeric, "1.50", "1.5", 0},
		{sortCompareNumeric, ".5", "0", 1},
		{sortCompareNumeric, "-.5", "-0.49", -1},
		{sortCompareNumeric, "  007", "7x", 0},
		{sortCompareNumeric, "+3", "0", 0},
		{sortCompareNumeric, "123456789012345678901234567890", "123456789012345678901234567891", -1},
		{sortCompareHuman, "1K", "999", 1},
		{sortCompareHuman, "1.5K", "2k", -1},
		{sortCompareHuman, "-1G", "-1K", -1},
		{sortCompareHuman, "0M", "1", -1},
		{sortCompareGeneral, "x", "nan", -1},
		{sortCompareGeneral, "nan", "-inf", -1},
		{sortCompareGeneral, "0x10", "16", 0},
		{sortCompareGeneral, "1e400", "inf", -1},
		{sortCompareGeneral, "1e5000", "inf", 0},
		{sortCompareGeneral, "9007199254740993", "9007199254740992", 1},
		{sortCompareGeneral, "-0", "+0", 0},
	} {
		if got := signOf(tc.cmp([]byte(tc.a), []byte(tc.b))); got != tc.want {
			t.Errorf("%q vs %q: %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSortKeyFields: where -k keys start and end.
func TestSortKeyFields(t *testing.T) {
	for _, tc := range []struct {
		spec string
		tab  int
		line string
		want string
	}{
		{"2", -1, "a  b c", "  b c"},
		{"2b", -1, "a  b c", "b c"},
		{"2,2", -1, "a  b c", "  b"},
		{"2.2,2.3", -1, "a  b c", " b"},
		{"2.2b,2.3b", -1, "a  bcd e", "cd"},
		{"1.2,1.3", -1, "abcd", "bc"},
		{"2,2", ':', "a::c", ""},
		{"3", ':', "a::c", "c"},
		{"2,3", ':', "a:b:c:d", "b:c"},
		{"1,1.2", ':', "abc:d", "ab"},
		{"3,2", -1, "a b c", ""},
		{"5", -1, "a b", ""},
	} {
		k, err := parseSortKey(tc.spec, applet.QuoteArg)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		o := &sortOrder{tab: tc.tab}
		if got := string(o.field(k, []byte(tc.line))); got != tc.want {
			t.Errorf("-k%s -t %d on %q: %q, want %q", tc.spec, tc.tab, tc.line, got, tc.want)
		}
	}
}
