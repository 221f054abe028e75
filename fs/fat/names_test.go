// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// shortNameRow is what msdosFormat makes of a name under check=r, n and
// s; "!" stands for a refused name.
type shortNameRow struct{ name, relaxed, normal, strict string }

// shortNames pins msdosFormat without nocase or dotsOK.
var shortNames = []shortNameRow{
	{"", "!", "!", "!"},
	{".", "!", "!", "!"},
	{"..", "!", "!", "!"},
	{"...", "!", "!", "!"},
	{"a", "A          ", "A          ", "A          "},
	{"A", "A          ", "A          ", "!"},
	{"abc.txt", "ABC     TXT", "ABC     TXT", "ABC     TXT"},
	{"ABC.TXT", "ABC     TXT", "ABC     TXT", "!"},
	{"AbC.tXt", "ABC     TXT", "ABC     TXT", "!"},
	{"longname12.txt", "LONGNAMETXT", "LONGNAMETXT", "!"},
	{"name.longext", "NAME    LON", "NAME    LON", "!"},
	{"a.b.c", "A       B  ", "A       B  ", "!"},
	{".hidden", "!", "!", "!"},
	{".a.b", "!", "!", "!"},
	{"..txt", "!", "!", "!"},
	{".txt", "!", "!", "!"},
	{"a..b", "A          ", "A          ", "!"},
	{"a.", "A          ", "A          ", "A          "},
	{"a .txt", "!", "!", "!"},
	{"a. b", "A        B ", "A        B ", "!"},
	{"a.b ", "!", "!", "!"},
	{"a .", "!", "!", "!"},
	{" a", " A         ", " A         ", "!"},
	{"a b", "A B        ", "A B        ", "!"},
	{"a+b", "A+B        ", "A+B        ", "!"},
	{"a=b.c", "A=B     C  ", "A=B     C  ", "!"},
	{"a,b", "A,B        ", "A,B        ", "!"},
	{"a;b", "A;B        ", "A;B        ", "!"},
	{"a*b", "A*B        ", "!", "!"},
	{"a?b", "A?B        ", "!", "!"},
	{"a<b", "A<B        ", "!", "!"},
	{"a>b", "A>B        ", "!", "!"},
	{"a|b", "A|B        ", "!", "!"},
	{"a\"b", "A\"B        ", "!", "!"},
	{"a:b", "!", "!", "!"},
	{"a\\b", "!", "!", "!"},
	{"a\x01b", "!", "!", "!"},
	{"a\x7fb", "A\x7fB        ", "A\x7fB        ", "A\x7fB        "},
	{"\xe5abc", "\x05ABC       ", "\x05ABC       ", "\x05ABC       "},
	{"a\xe5", "A\xe5         ", "A\xe5         ", "A\xe5         "},
	{"\x05x", "!", "!", "!"},
	{"abcdefgh.ijk", "ABCDEFGHIJK", "ABCDEFGHIJK", "ABCDEFGHIJK"},
	{"abcdefghi.jk", "ABCDEFGHJK ", "ABCDEFGHJK ", "!"},
	{"abcdefgh", "ABCDEFGH   ", "ABCDEFGH   ", "ABCDEFGH   "},
	{"abcdefghi", "ABCDEFGH   ", "ABCDEFGH   ", "!"},
	{"abc.defg", "ABC     DEF", "ABC     DEF", "!"},
	{"abc.de.f", "ABC     DE ", "ABC     DE ", "!"},
	{"abc.d.ef", "ABC     D  ", "ABC     D  ", "!"},
	{"abcdefgh.", "ABCDEFGH   ", "ABCDEFGH   ", "ABCDEFGH   "},
	{"abcdefghij.k", "ABCDEFGHK  ", "ABCDEFGHK  ", "!"},
	{"abcdefghi*j.txt", "ABCDEFGHTXT", "ABCDEFGHTXT", "!"},
	{"x.a b", "X       A B", "X       A B", "!"},
	{"x.ab ", "!", "!", "!"},
	{"x.*", "X       *  ", "!", "!"},
	{"x.ab*", "X       AB*", "!", "!"},
	{"x.abc*", "X       ABC", "X       ABC", "!"},
	{"abcdefg .x", "!", "!", "!"},
	{"abcdefgh .x", "ABCDEFGHX  ", "ABCDEFGHX  ", "!"},
	{"x.\x01", "!", "!", "!"},
	{"\xe9t\xe9.doc", "\xe9T\xe9     DOC", "\xe9T\xe9     DOC", "\xe9T\xe9     DOC"},
	{"a/b", "A/B        ", "A/B        ", "A/B        "},
	{"READ.ME", "READ    ME ", "READ    ME ", "!"},
	{"a.B", "A       B  ", "A       B  ", "!"},
}

// shortNamesNocase pins the same names under nocase.
var shortNamesNocase = []shortNameRow{
	{"", "!", "!", "!"},
	{".", "!", "!", "!"},
	{"..", "!", "!", "!"},
	{"...", "!", "!", "!"},
	{"a", "a          ", "a          ", "a          "},
	{"A", "A          ", "A          ", "!"},
	{"abc.txt", "abc     txt", "abc     txt", "abc     txt"},
	{"ABC.TXT", "ABC     TXT", "ABC     TXT", "!"},
	{"AbC.tXt", "AbC     tXt", "AbC     tXt", "!"},
	{"longname12.txt", "longnametxt", "longnametxt", "!"},
	{"name.longext", "name    lon", "name    lon", "!"},
	{"a.b.c", "a       b  ", "a       b  ", "!"},
	{".hidden", "!", "!", "!"},
	{".a.b", "!", "!", "!"},
	{"..txt", "!", "!", "!"},
	{".txt", "!", "!", "!"},
	{"a..b", "a          ", "a          ", "!"},
	{"a.", "a          ", "a          ", "a          "},
	{"a .txt", "!", "!", "!"},
	{"a. b", "a        b ", "a        b ", "!"},
	{"a.b ", "!", "!", "!"},
	{"a .", "!", "!", "!"},
	{" a", " a         ", " a         ", "!"},
	{"a b", "a b        ", "a b        ", "!"},
	{"a+b", "a+b        ", "a+b        ", "!"},
	{"a=b.c", "a=b     c  ", "a=b     c  ", "!"},
	{"a,b", "a,b        ", "a,b        ", "!"},
	{"a;b", "a;b        ", "a;b        ", "!"},
	{"a*b", "a*b        ", "!", "!"},
	{"a?b", "a?b        ", "!", "!"},
	{"a<b", "a<b        ", "!", "!"},
	{"a>b", "a>b        ", "!", "!"},
	{"a|b", "a|b        ", "!", "!"},
	{"a\"b", "a\"b        ", "!", "!"},
	{"a:b", "!", "!", "!"},
	{"a\\b", "!", "!", "!"},
	{"a\x01b", "!", "!", "!"},
	{"a\x7fb", "a\x7fb        ", "a\x7fb        ", "a\x7fb        "},
	{"\xe5abc", "\x05abc       ", "\x05abc       ", "\x05abc       "},
	{"a\xe5", "a\xe5         ", "a\xe5         ", "a\xe5         "},
	{"\x05x", "!", "!", "!"},
	{"abcdefgh.ijk", "abcdefghijk", "abcdefghijk", "abcdefghijk"},
	{"abcdefghi.jk", "abcdefghjk ", "abcdefghjk ", "!"},
	{"abcdefgh", "abcdefgh   ", "abcdefgh   ", "abcdefgh   "},
	{"abcdefghi", "abcdefgh   ", "abcdefgh   ", "!"},
	{"abc.defg", "abc     def", "abc     def", "!"},
	{"abc.de.f", "abc     de ", "abc     de ", "!"},
	{"abc.d.ef", "abc     d  ", "abc     d  ", "!"},
	{"abcdefgh.", "abcdefgh   ", "abcdefgh   ", "abcdefgh   "},
	{"abcdefghij.k", "abcdefghk  ", "abcdefghk  ", "!"},
	{"abcdefghi*j.txt", "abcdefghtxt", "abcdefghtxt", "!"},
	{"x.a b", "x       a b", "x       a b", "!"},
	{"x.ab ", "!", "!", "!"},
	{"x.*", "x       *  ", "!", "!"},
	{"x.ab*", "x       ab*", "!", "!"},
	{"x.abc*", "x       abc", "x       abc", "!"},
	{"abcdefg .x", "!", "!", "!"},
	{"abcdefgh .x", "abcdefghx  ", "abcdefghx  ", "!"},
	{"x.\x01", "!", "!", "!"},
	{"\xe9t\xe9.doc", "\xe9t\xe9     doc", "\xe9t\xe9     doc", "\xe9t\xe9     doc"},
	{"a/b", "a/b        ", "a/b        ", "a/b        "},
	{"READ.ME", "READ    ME ", "READ    ME ", "!"},
	{"a.B", "a       B  ", "a       B  ", "!"},
}

// shortNamesDots are the names dotsOK changes, without and with nocase;
// for every other name dotsOK makes no difference.
var shortNamesDots = [2][]shortNameRow{{
	{".hidden", "HIDDEN     ", "HIDDEN     ", "HIDDEN     "},
	{".a.b", "A       B  ", "A       B  ", "A       B  "},
	{".txt", "TXT        ", "TXT        ", "TXT        "},
}, {
	{".hidden", "hidden     ", "hidden     ", "hidden     "},
	{".a.b", "a       b  ", "a       b  ", "a       b  "},
	{".txt", "txt        ", "txt        ", "txt        "},
}}

func TestMsdosFormat(t *testing.T) {
	for _, nocase := range []bool{false, true} {
		rows := shortNames
		if nocase {
			rows = shortNamesNocase
		}
		for _, dotsOK := range []bool{false, true} {
			want := map[string]shortNameRow{}
			for _, r := range rows {
				want[r.name] = r
			}
			if dotsOK {
				for _, r := range shortNamesDots[b2i(nocase)] {
					want[r.name] = r
				}
			}
			for _, r := range rows {
				w := want[r.name]
				for i, check := range []byte("rns") {
					fs := &filesystem{opts: options{nameCheck: check, nocase: nocase, dotsOK: dotsOK}}
					got := "!"
					if res, ok := fs.msdosFormat([]byte(r.name)); ok {
						got = string(res[:])
					}
					if exp := [3]string{w.relaxed, w.normal, w.strict}[i]; got != exp {
						t.Errorf("%q check=%c nocase=%v dotsOK=%v: got %q, want %q", r.name, check, nocase, dotsOK, got, exp)
					}
				}
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestUniToX8 pins the long-name conversion: UTF-8 under utf8, else
// through iocharset with '?' or uni_xlate's ":xxxx" for what it cannot
// show, stopping while six bytes still fit.
func TestUniToX8(t *testing.T) {
	name := []uint16{'a', 0xe9, 0x263a, 'b', 0}
	for _, tc := range []struct {
		utf8, xlate bool
		charset     string
		max         int
		in          []uint16
		want        string
		truncated   bool // warned of
	}{
		{true, false, "cp437", 100, name, "a\u00e9\u263ab", false},
		{false, false, "ascii", 100, name, "a??b", false},
		{false, true, "ascii", 100, name, "a:00e9:263ab", false},
		{false, false, "iso8859-1", 100, name, "a\xe9?b", false},
		{false, false, "cp437", 100, name, "a\x82?b", false},
		{false, true, "cp437", 100, name, "a\x82:263ab", false},
		{false, false, "ascii", 9, name, "a??", true},
		{false, true, "ascii", 12, name, "a:00e9", true},
		{false, false, "ascii", 10, name, "a??b", false},
		{false, false, "ascii", 100, []uint16{'x', 'y'}, "xy", false},
	} {
		k := vfs.NewKernel()
		fs := &filesystem{k: k, name: "loop0", io: ioCharset(tc.charset), opts: options{utf8: tc.utf8, uniXlate: tc.xlate, iocharset: tc.charset}}
		if got := string(fs.uniToX8(tc.in, tc.max)); got != tc.want {
			t.Errorf("utf8=%v xlate=%v %s max %d: %q, want %q", tc.utf8, tc.xlate, tc.charset, tc.max, got, tc.want)
		}
		warned := strings.Contains(strings.Join(k.Dmesg(), "\n"), "FAT-fs (loop0): filename was truncated while converting.")
		if warned != tc.truncated {
			t.Errorf("utf8=%v xlate=%v %s max %d: warned %v", tc.utf8, tc.xlate, tc.charset, tc.max, warned)
		}
	}
}
