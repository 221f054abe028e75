// SPDX-License-Identifier: Apache-2.0

package posixre

import "testing"

func TestRegexTranslation(t *testing.T) {
	cases := []struct {
		pat     string
		ere     bool
		subject string
		want    string // the first match, or "-" for none
	}{
		{"*", false, "a*b", "*"},
		{"a^b", false, "xa^b", "a^b"},
		{"^a", false, "ab", "a"},
		{"c$d", false, "c$d", "c$d"},
		{`\(*\)`, false, "a*", "*"},
		{"+", false, "a+", "+"},
		{`a\+`, false, "caa", "aa"},
		{"a.b", false, "a\nb", "a\nb"},
		{`[\n]`, false, "x\ny", "\n"},
		{`[\n]`, false, `\n`, "-"},
		{`[\]]`, false, "x]y", "-"},
		{`[]]`, false, "x]y", "]"},
		{`\<.`, false, " hi", "h"},
		{`o\>`, false, "foo bar", "o"},
		{`l*`, false, "hello", ""},
		{`a\{2\}`, false, "aaa", "aa"},
		{`a{2}`, false, "a{2}", "a{2}"},
		{`[0-9]{2,}$`, true, "foo123", "123"},
		{`a|b`, true, "xb", "b"},
		{`\(x\)`, true, "(x)", "(x)"},
		{`[[:digit:]]\+`, false, "ab12c", "12"},
		{`\x5e`, false, "a^b", ""},
		{`\t`, false, "a\tb", "\t"},
		{`a**`, false, "aa", "aa"},
		{"\xe9", false, "caf\xe9", "\xe9"},
		{".", false, "\xc3\xa9", "\xc3"},
	}
	for _, c := range cases {
		re, err := Compile(c.pat, Syntax{ERE: c.ere, ICase: false, Multiline: false})
		if err != nil {
			t.Errorf("%q: %v", c.pat, err)
			continue
		}
		got := "-"
		if all := NewSubject(c.subject).Matches(re.Regexp, 1); len(all) > 0 {
			got = c.subject[all[0][0]:all[0][1]]
		}
		if got != c.want {
			t.Errorf("%q on %q: got %q, want %q", c.pat, c.subject, got, c.want)
		}
	}
	for _, c := range []struct {
		pat  string
		ere  bool
		want error
	}{
		{`a\1`, false, ErrBackRef},
		{`a|*b`, true, ErrPreceding},
		{`[[:foo:]]`, false, ErrClass},
		{`[b-a]`, false, ErrRange},
		{`a\)`, false, ErrCloseParen},
		{`[a`, false, ErrBracket},
		{`a\{1,0\}`, false, ErrBraceBody},
		{`a\`, false, ErrTrailing},
	} {
		if _, err := Compile(c.pat, Syntax{ERE: c.ere, ICase: false, Multiline: false}); err != c.want {
			t.Errorf("%q: got %v, want %v", c.pat, err, c.want)
		}
	}
}

func TestDialects(t *testing.T) {
	cases := []struct {
		pat     string
		syn     Syntax
		subject string
		want    string
	}{
		{`a{2}`, Syntax{ERE: true, Dialect: Awk}, "aa a{2}", "a{2}"},
		{`x\.y`, Syntax{ERE: true, Dialect: Awk}, "xzy x.y", "x.y"},
		{`[\]]`, Syntax{ERE: true, Dialect: Awk}, "b]c", "]"},
		{`\/\t`, Syntax{ERE: true, Dialect: Awk}, "a/\tb", "/\t"},
		{`\101`, Syntax{ERE: true, Dialect: Awk}, "xAy", "A"},
		{`\w`, Syntax{ERE: true, Dialect: Awk}, "a w", "w"},
		{`\t`, Syntax{Dialect: Grep}, "a\tb t", "t"},
		{`\w+`, Syntax{ERE: true, Dialect: Grep}, "  ab ", "ab"},
		{`é+`, Syntax{ERE: true, Dialect: Grep, Raw: true}, "cafééé", "ééé"},
		{`[é]`, Syntax{ERE: true, Dialect: Grep, Raw: true}, "café", "é"},
	}
	for _, c := range cases {
		re, err := Compile(c.pat, c.syn)
		if err != nil {
			t.Errorf("%q: %v", c.pat, err)
			continue
		}
		subj := c.subject
		if !c.syn.Raw {
			subj = Latin1(subj)
		}
		got := "-"
		if loc := re.FindStringIndex(subj); loc != nil {
			got = subj[loc[0]:loc[1]]
		}
		if got != c.want {
			t.Errorf("%q on %q: got %q, want %q", c.pat, c.subject, got, c.want)
		}
	}
}

func TestAwkOperands(t *testing.T) {
	for _, pat := range []string{"()", "a||b", "|a", "a|", "(a|)", "*a", "a|*b"} {
		if _, err := Compile(pat, Syntax{ERE: true, Dialect: Awk}); err != ErrPreceding {
			t.Errorf("%q: got %v, want %v", pat, err, ErrPreceding)
		}
	}
	for _, pat := range []string{"", "a|b", "(a)|(b)", "^$", "(^a|b$)"} {
		if _, err := Compile(pat, Syntax{ERE: true, Dialect: Awk}); err != nil {
			t.Errorf("%q: %v", pat, err)
		}
	}
}
