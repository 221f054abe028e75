// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"
	"testing"
)

// TestScanFlags: grouped letters in order, "--" and "-" and the first
// operand end the scan, an unknown letter stops it.
func TestScanFlags(t *testing.T) {
	for _, tc := range []struct {
		args, rest []string
		seen       string
		bad        rune
	}{
		{[]string{"-ab", "-a", "x", "-b"}, []string{"x", "-b"}, "aba", 0},
		{[]string{"-a", "--", "-b"}, []string{"-b"}, "a", 0},
		{[]string{"-", "-a"}, []string{"-", "-a"}, "", 0},
		{[]string{"-bxa", "y"}, nil, "b", 'x'},
		{nil, nil, "", 0},
	} {
		seen := ""
		rest, bad := scanFlags(tc.args, "ab", func(o rune) { seen += string(o) })
		if !slices.Equal(rest, tc.rest) || seen != tc.seen || bad != tc.bad {
			t.Errorf("scanFlags(%q) = %q, %q, seen %q; want %q, %q, %q", tc.args, rest, bad, seen, tc.rest, tc.bad, tc.seen)
		}
	}
}
