// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strings"
	"testing"
)

func TestParseTagToken(t *testing.T) {
	for _, tc := range []struct {
		in, name, val string
		ok            bool
	}{
		{"TYPE=ext4", "TYPE", "ext4", true},
		{`LABEL="a b"`, "LABEL", "a b", true},
		{"LABEL='x'y", "LABEL", "x", true},
		{"UUID=", "UUID", "", true},
		{"nopair", "", "", false},
	} {
		name, val, ok := parseTagToken(tc.in)
		if name != tc.name || val != tc.val || ok != tc.ok {
			t.Errorf("%q: %q %q %v", tc.in, name, val, ok)
		}
	}
}

func TestUnhexmangle(t *testing.T) {
	for in, want := range map[string]string{`my\x20label`: "my label", `a\x2fb\x`: `a/b\x`, `\xzz`: `\xzz`, "": ""} {
		if got := unhexmangle(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// TestListWord: a word fills its column and one blank at least; one that
// runs over takes from the next column, or for the device starts a new
// line.
func TestListWord(t *testing.T) {
	var b strings.Builder
	over := listWord(&b, "ext4", 7, 0, false)
	if b.String() != "ext4    " || over != 0 {
		t.Errorf("%q %d", b.String(), over)
	}
	b.Reset()
	if over = listWord(&b, "a-long-label", 8, 0, false); b.String() != "a-long-label " || over != 4 {
		t.Errorf("%q %d", b.String(), over)
	}
	b.Reset()
	listWord(&b, "/dev/mapper/long", 10, 0, true)
	if b.String() != "/dev/mapper/long\n"+strings.Repeat(" ", 11) {
		t.Errorf("%q", b.String())
	}
}
