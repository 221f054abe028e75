// SPDX-License-Identifier: Apache-2.0

package coreutils

import "testing"

// TestDuExcludes: a pattern matches the whole path or a tail after a
// slash; '*' crosses slashes; a bad pattern matches only itself.
func TestDuExcludes(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"b", "./a/b", true},
		{"a/b", "./a/b", true},
		{"b", "./a/bc", false},
		{"b*", "a/bc/d", true},
		{"*", "x", true},
		{"a*d", "a/bc/d", true},
		{"c", "a//c", true},
		{"/c", "a//c", false},
		{"", "dir/", true},
		{"[", "x/[", true},
		{"[", "x/a", false},
		{".x", "d/.x", true},
	} {
		var x duExcludes
		x.add(tc.pat)
		if got := x.excludes(tc.path); got != tc.want {
			t.Errorf("pattern %q on %q: %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
}
