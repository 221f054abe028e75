// SPDX-License-Identifier: Apache-2.0

package vfs

import "testing"

// TestUnescapeOctal checks string_unescape(UNESCAPE_OCTAL)'s rules: up to
// three digits, the value kept below 256, and a backslash before a
// non-digit kept along with the byte after it.
func TestUnescapeOctal(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:        "plain",
		`a\040b`:       "a b",
		`\134`:         `\`,
		`\1341`:        `\1`,
		`\0`:           "\x00",
		`\7`:           "\x07",
		`\400`:         " 0", // \40 is 32: no third digit
		`\377x`:        "\xffx",
		`x\`:           `x\`,
		`\\101`:        `\\101`,
		`\q\101`:       `\qA`,
		`\18`:          "\x018",
		`mode=700\054`: "mode=700,",
		`\`:            `\`,
		`\0101`:        "\x081", // three digits at most
		`\777`:         "?7",    // \77 is 63: a third digit would pass 0o377
		`\3777`:        "\xff7",
		`\40`:          " ",
		`\\`:           `\\`,
	} {
		if got := string(appendUnescapeOctal(nil, in)); got != want {
			t.Errorf("unescape %q = %q, want %q", in, got, want)
		}
	}
}
