// SPDX-License-Identifier: Apache-2.0

package sed

import (
	"strings"
	"testing"
	"time"
)

// Expected results below were observed from GNU sed 4.9 in the C locale.

func TestParseErrors(t *testing.T) {
	cases := []struct{ script, want string }{
		{"s/a/b", "-e expression #1, char 5: unterminated `s' command"},
		{"k", "-e expression #1, char 1: unknown command: `k'"},
		{"/abc", "-e expression #1, char 4: unterminated address regex"},
		{"y/abc/de/", "-e expression #1, char 9: strings for `y' command are different lengths"},
		{"s/a/b/gg", "-e expression #1, char 8: multiple `g' options to `s' command"},
		{"s/a/b/pp", "-e expression #1, char 8: multiple `p' options to `s' command"},
		{"s/a/b/2p3", "-e expression #1, char 9: multiple number options to `s' command"},
		{"s/a/b/0", "-e expression #1, char 7: number option to `s' command may not be zero"},
		{"s/a/b/x", "-e expression #1, char 7: unknown option to `s'"},
		{`s/\(a\)/\2/`, "-e expression #1, char 11: invalid reference \\2 on `s' command's RHS"},
		{`s/\(a\)/\2/;p`, "-e expression #1, char 12: invalid reference \\2 on `s' command's RHS"},
		{"}", "-e expression #1, char 1: unexpected `}'"},
		{"{p", "-e expression #1, char 0: unmatched `{'"},
		{"1,2,3p", "-e expression #1, char 4: unknown command: `,'"},
		{"0p", "-e expression #1, char 2: invalid usage of line address 0"},
		{"0,5p", "-e expression #1, char 4: invalid usage of line address 0"},
		{"p x", "-e expression #1, char 3: extra characters after command"},
		{":", "-e expression #1, char 1: \":\" lacks a label"},
		{"1:a", "-e expression #1, char 2: : doesn't want any addresses"},
		{"a", "-e expression #1, char 1: expected \\ after `a', `c' or `i'"},
		{"1", "-e expression #1, char 1: missing command"},
		{"1\np", "-e expression #1, char 2: unknown command: `\n'"},
		{"r", "-e expression #1, char 1: missing filename in r/R/w/W commands"},
		{"1,2q", "-e expression #1, char 4: command only uses one address"},
		{"s/[/x/", "-e expression #1, char 6: unterminated `s' command"},
		{`s/\(/x/`, "-e expression #1, char 7: Unmatched ( or \\("},
		{`s/a\{1/x/`, "-e expression #1, char 9: Unmatched \\{"},
		{"//Ip", "-e expression #1, char 3: cannot specify modifiers on empty regexp"},
		{"1,p", "-e expression #1, char 3: unexpected `,'"},
		{"1,$!!p", "-e expression #1, char 5: multiple `!'s"},
		{"{p;}}", "-e expression #1, char 5: unexpected `}'"},
		{"{1}", "-e expression #1, char 3: `}' doesn't want any addresses"},
		{"v 9.0", "-e expression #1, char 5: expected newer version of sed"},
		{"y/abc/xyz/g", "-e expression #1, char 11: extra characters after command"},
		{"b foo", "can't find label for jump to `foo'"},
	}
	for _, c := range cases {
		_, _, err := parseScript([]piece{{text: c.script + "\n", expr: 1}}, false)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got %v, want %q", c.script, err, c.want)
		}
	}
	// The place of an error in the second -e, and in a file.
	_, _, err := parseScript([]piece{{text: "p\n", expr: 1}, {text: "s/a/b\n", expr: 2}}, false)
	if err == nil || err.Error() != "-e expression #2, char 5: unterminated `s' command" {
		t.Errorf("second -e: %v", err)
	}
	_, _, err = parseScript([]piece{{text: "p\n\ns/a/b\n", file: "sf"}}, false)
	if err == nil || err.Error() != "file sf line 3: unterminated `s' command" {
		t.Errorf("file: %v", err)
	}
}

func TestParseAccepts(t *testing.T) {
	for _, s := range []string{
		"s/a/b/;T;t;b", ":a;ba", ": a;b a", ":a b;ba", "{p};p", "d;;; p", "#n\np",
		"1~2{p;p}", "2,~4p", "2,+0p", "$,2p", "0,/x/p", `\%x%p`, "/x/I,/y/Mp",
		"s/a/b/w /dev/null", "y/a\\/c/xyz/", `s/a/b\/c/`, "snanbn", "l 5", "q5", "a\\",
		"1a foo;p", "s/a/b/I;s/a/b/M;s/a/b/i;s/a/b/m", "s/[/]/x/", "v 4.2",
	} {
		if _, _, err := parseScript([]piece{{text: s + "\n", expr: 1}}, false); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestEscapeLine(t *testing.T) {
	in := "a\tb\001\\c\303\251"
	for _, c := range []struct {
		width int
		want  string
	}{
		{70, `a\tb\001\\c\303\251$` + "\n"},
		{5, "a\\tb\\\n\\001\\\n\\\\c\\\n\\303\\\n\\251$\n"},
		{0, `a\tb\001\\c\303\251$` + "\n"},
	} {
		if got := escapeLine(in, c.width); got != c.want {
			t.Errorf("width %d: got %q, want %q", c.width, got, c.want)
		}
	}
	if got := escapeLine("abc", 4); got != "abc$\n" {
		t.Errorf("exact width: %q", got)
	}
}

func TestReplacement(t *testing.T) {
	s := &substitution{}
	parts := parseReplacement(`\u\1\U\2\E!`, s)
	var b strings.Builder
	expand(&b, parts, "hello", []int{0, 5, 0, 1, 1, 5})
	if b.String() != "HELLO!" || s.maxRef != 2 {
		t.Errorf("got %q (max %d)", b.String(), s.maxRef)
	}
}

// FuzzParse: the parser never panics nor hangs, whatever the program.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"s/a/b/g", "1,/x/{p;d}", "$!N;P;D", "y/abc/xyz/", "a\\\nfoo",
		`s/\(a\)\{2,\}[[:alpha:]]*/\U\1/2g`, "0~3b end;:end", "\\%x%I,+3!l 5", "{{{}}}", "s/[/]/x/"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, script string, ere bool) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			parseScript([]piece{{text: script + "\n", expr: 1}}, ere)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("parse of %q hangs", script)
		}
	})
}
