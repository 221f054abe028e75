// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"
	"testing"
)

// TestNoclobberSet: set's words with -C, +C and -o/+o noclobber taken
// out, the option's new state, and nil for a set that does not name it.
func TestNoclobberSet(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		rest        []string
		on, changed bool
	}{
		{[]string{"set", "-C"}, []string{"set"}, true, true},
		{[]string{"set", "-eC", "--", "-C"}, []string{"set", "-e", "--", "-C"}, true, true},
		{[]string{"set", "+o", "noclobber", "-x"}, []string{"set", "-x"}, false, true},
		{[]string{"set", "-uo", "noclobber", "a"}, []string{"set", "-u", "a"}, true, true},
		{[]string{"set", "-o", "pipefail", "+C"}, []string{"set", "-o", "pipefail"}, false, true},
		{[]string{"set", "-o", "pipefail"}, nil, false, false},
		{[]string{"set", "--", "-C"}, nil, false, false},
		{[]string{"set", "-o"}, nil, false, false},
	} {
		rest, on, changed := noclobberSet(tc.args)
		if !slices.Equal(rest, tc.rest) || on != tc.on || changed != tc.changed {
			t.Errorf("%q: %q %v %v; want %q %v %v", tc.args, rest, on, changed, tc.rest, tc.on, tc.changed)
		}
	}
}
