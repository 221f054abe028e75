// SPDX-License-Identifier: Apache-2.0

package getopt

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseToError(t *testing.T) {
	for _, tc := range []struct {
		args  string
		words string
		index int
		err   string
	}{
		{"", "", 0, ""},
		{"x -a y", "-a x y", 1, ""},
		{"x -b 1 y -a", "-b 1 -a x y", 3, ""},
		{"x -a -- -b y", "-a -- x -b y", 2, ""},
		{"-a --", "-a --", 2, ""},
		{"x -a y -q z", "-a x y -q z", 4, "invalid option -- 'q'"},
		{"x -a y -aq z", "-a x y -aq z", 4, "invalid option -- 'q'"},
		{"x -a y -qa z", "-a x y -qa z", 3, "invalid option -- 'q'"},
		{"x --nope y", "x --nope y", 2, "unrecognized option '--nope'"},
		{"x -a -b", "-a x -b", 3, "option requires an argument -- 'b'"},
	} {
		p := Parser{Options: table}
		st := p.ParseToError(strings.Fields(tc.args))
		err := ""
		if st.Err != nil {
			err = st.Err.Msg
		}
		if got := strings.Join(st.Words, " "); got != tc.words || st.Index != tc.index || err != tc.err {
			t.Errorf("%q: words %q index %d error %q, want %q %d %q", tc.args, got, st.Index, err, tc.words, tc.index, tc.err)
		}
	}
	p := Parser{Options: table, InOrder: true}
	st := p.ParseToError([]string{"-a", "x", "-b"})
	if want := []string{"-a", "x", "-b"}; !reflect.DeepEqual(st.Words, want) || st.Index != 1 || len(st.Opts) != 1 {
		t.Errorf("in order: %+v", st)
	}
}
