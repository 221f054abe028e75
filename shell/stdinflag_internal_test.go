// SPDX-License-Identifier: Apache-2.0

package shell

import (
	"slices"
	"testing"

	"mvdan.cc/sh/v3/interp"
)

// TestSetCall: set's words as they go on to the interpreter (nil: as
// they are), dash's s taken by the shell, the letters the interpreter
// lacks dropped, an unknown one refused.
func TestSetCall(t *testing.T) {
	for _, tc := range []struct {
		dash  bool
		args  []string
		want  []string
		flag  bool
		first string // of the refusal
	}{
		{false, []string{"set", "-e", "--", "-s"}, nil, false, ""},
		{true, []string{"set", "-es", "a"}, []string{"set", "-e", "a"}, true, ""},
		{true, []string{"set", "+s"}, []string{statusCmd, "0"}, false, ""},
		{true, []string{"set", "-bo", "pipefail"}, []string{"set", "-o", "pipefail"}, false, ""},
		{false, []string{"set", "+B", "-x"}, []string{"set", "-x"}, false, ""},
		{false, []string{"set", "-es"}, nil, false, statusCmd},
		{true, []string{"set", "-q"}, nil, false, "exec"},
	} {
		s := &shell{name: "sh"}
		if tc.dash {
			s.dialect = Dash
		}
		got := s.setCall(interp.HandlerContext{}, tc.args)
		if tc.first != "" {
			if len(got) == 0 || got[0] != tc.first {
				t.Errorf("%q (dash %v): %q, want a refusal", tc.args, tc.dash, got)
			}
			continue
		}
		if !slices.Equal(got, tc.want) || s.stdinFlag.Load() != tc.flag {
			t.Errorf("%q (dash %v): %q, s %v; want %q, %v", tc.args, tc.dash, got, s.stdinFlag.Load(), tc.want, tc.flag)
		}
	}
}
