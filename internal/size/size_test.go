// SPDX-License-Identifier: Apache-2.0

package size

import (
	"math"
	"testing"
)

// lsTable holds file sizes and what `ls -l` of coreutils 9.1 printed for
// them with -h, --si, --block-size=K, KB, KiB, 1000 and MB.
var lsTable = []struct {
	n    uint64
	want [7]string
}{
	{0, [7]string{"0", "0", "0K", "0kB", "0KiB", "0", "0MB"}},
	{1, [7]string{"1", "1", "1K", "1kB", "1KiB", "1", "1MB"}},
	{999, [7]string{"999", "999", "1K", "1kB", "1KiB", "1", "1MB"}},
	{1000, [7]string{"1000", "1.0k", "1K", "1kB", "1KiB", "1", "1MB"}},
	{1023, [7]string{"1023", "1.1k", "1K", "2kB", "1KiB", "2", "1MB"}},
	{1024, [7]string{"1.0K", "1.1k", "1K", "2kB", "1KiB", "2", "1MB"}},
	{1025, [7]string{"1.1K", "1.1k", "2K", "2kB", "2KiB", "2", "1MB"}},
	{1536, [7]string{"1.5K", "1.6k", "2K", "2kB", "2KiB", "2", "1MB"}},
	{10239, [7]string{"10K", "11k", "10K", "11kB", "10KiB", "11", "1MB"}},
	{10240, [7]string{"10K", "11k", "10K", "11kB", "10KiB", "11", "1MB"}},
	{10241, [7]string{"11K", "11k", "11K", "11kB", "11KiB", "11", "1MB"}},
	{1048575, [7]string{"1.0M", "1.1M", "1024K", "1049kB", "1024KiB", "1049", "2MB"}},
	{1048576, [7]string{"1.0M", "1.1M", "1024K", "1049kB", "1024KiB", "1049", "2MB"}},
	{99999, [7]string{"98K", "100k", "98K", "100kB", "98KiB", "100", "1MB"}},
	{999999, [7]string{"977K", "1.0M", "977K", "1000kB", "977KiB", "1000", "1MB"}},
	{1000000, [7]string{"977K", "1.0M", "977K", "1000kB", "977KiB", "1000", "1MB"}},
	{1023999, [7]string{"1000K", "1.1M", "1000K", "1024kB", "1000KiB", "1024", "2MB"}},
	{1024000, [7]string{"1000K", "1.1M", "1000K", "1024kB", "1000KiB", "1024", "2MB"}},
	{123456789, [7]string{"118M", "124M", "120564K", "123457kB", "120564KiB", "123457", "124MB"}},
	{9999999999, [7]string{"9.4G", "10G", "9765625K", "10000000kB", "9765625KiB", "10000000", "10000MB"}},
}

func TestFormatLikeLs(t *testing.T) {
	specs := []string{"human-readable", "si", "K", "KB", "KiB", "1000", "MB"}
	for i, spec := range specs {
		b, problem := ParseBlockSize(spec)
		if problem != 0 {
			t.Fatalf("ParseBlockSize(%q): problem %d", spec, problem)
		}
		for _, tc := range lsTable {
			if got := b.Style.Amount(tc.n, 1, b.Size); got != tc.want[i] {
				t.Errorf("%s: %d = %q, want %q", spec, tc.n, got, tc.want[i])
			}
		}
	}
}

func TestFormatStyles(t *testing.T) {
	dd := Style{Scale: true, SI: true, Unit: true, Bytes: true, Space: true, Round: Nearest}
	header := Style{Scale: true, Unit: true, TrimZero: true}
	for _, tc := range []struct {
		s           Style
		n, from, to uint64
		want        string
	}{
		// dd's "(1.0 kB, 1000 B) copied" and its binary twin.
		{dd, 1000, 1, 1, "1.0 kB"},
		{dd, 1048576, 1, 1, "1.0 MB"},
		{dd, 512, 1, 1, "512 B"},
		{Style{Scale: true, Unit: true, Bytes: true, Space: true, Round: Nearest}, 1048576, 1, 1, "1.0 MiB"},
		{dd, 1050, 1, 1, "1.0 kB"},   // 10.5 tenths: a tie goes to the even one
		{dd, 1150, 1, 1, "1.2 kB"},   // 11.5 -> 12
		{dd, 999500, 1, 1, "1.0 MB"}, // rounds up to a whole base
		// df's "1K-blocks" header.
		{header, 1024, 1, 1, "1K"},
		{header, 1048576, 1, 1, "1M"},
		{header, 1536, 1, 1, "1.5K"},
		// df -h of 4096-byte blocks.
		{Human, 2, 4096, 1, "8.0K"},
		{Human, 262144, 4096, 1, "1.0G"},
		{Human, 0, 4096, 1, "0"},
		// A plain count in another unit, rounded up.
		{Style{}, 3, 4096, 1024, "12"},
		{Style{}, 3, 512, 1000, "2"},
		{Style{Round: Down}, 3, 512, 1000, "1"},
		// Amounts past 64 bits.
		{Style{}, math.MaxUint64, 4096, 1, "75557863725914323415040"},
		{Human, math.MaxUint64, 1 << 20, 1, "16Y"},
	} {
		if got := tc.s.Amount(tc.n, tc.from, tc.to); got != tc.want {
			t.Errorf("%+v.Amount(%d, %d, %d) = %q, want %q", tc.s, tc.n, tc.from, tc.to, got, tc.want)
		}
	}
}

// TestUtilLinux holds what findmnt -o SIZE printed for tmpfs mounts of
// these sizes, and the values util-linux's own tests use.
func TestUtilLinux(t *testing.T) {
	for _, tc := range []struct {
		n    uint64
		want string
	}{
		{4096, "4K"}, {1024000, "1000K"}, {1048576, "1M"}, {1572864, "1.5M"},
		{1638400, "1.6M"}, {1630208, "1.6M"}, {10240000, "9.8M"},
		{1073737728, "1024M"}, {1610612736, "1.5G"}, {16642998272, "15.5G"},
		{3221225472, "3G"},
		{1023, "1023B"}, {1024, "1K"}, {1100, "1.1K"}, {8 << 30, "8G"},
		{(1 << 20) - 1, "1024K"}, {0, "0B"},
	} {
		if got := UtilLinux.Format(tc.n); got != tc.want {
			t.Errorf("UtilLinux.Format(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestParse(t *testing.T) {
	od := Syntax{Units: "bEGKkMmPTYZ", Decimal: true, CNumbers: true}
	dec := Syntax{Units: "EgGkKmMPtTYZ", Decimal: true}
	for _, tc := range []struct {
		x       Syntax
		in      string
		want    uint64
		problem Problem
	}{
		{BlockSyntax, "1K", 1024, 0},
		{BlockSyntax, "1KB", 1000, 0},
		{BlockSyntax, "1KD", 1000, 0},
		{BlockSyntax, "1KiB", 1024, 0},
		{BlockSyntax, "1Ki", 1024, BadSuffix},
		{BlockSyntax, "e", 1, BadSuffix},
		{BlockSyntax, "x", 0, Invalid},
		{BlockSyntax, " K", 0, Invalid},
		{BlockSyntax, "+K", 0, Invalid},
		{BlockSyntax, " 12", 12, 0},
		{BlockSyntax, "+12", 12, 0},
		{BlockSyntax, "-12", 0, Invalid},
		{BlockSyntax, "010", 8, 0},
		{BlockSyntax, "0x10", 16, 0},
		{BlockSyntax, "0Y", 0, 0},
		{BlockSyntax, "1Z", math.MaxUint64, TooBig},
		{BlockSyntax, "16E", math.MaxUint64, TooBig},
		{BlockSyntax, "15E", 15 << 60, 0},
		{BlockSyntax, "99999999999999999999", math.MaxUint64, TooBig},
		{BlockSyntax, "99999999999999999999Q", math.MaxUint64, TooBig | BadSuffix},
		{BlockSyntax, "M", 1 << 20, 0},
		{od, "0x", 0, BadSuffix},
		{od, "1e", 1, BadSuffix},
		{od, "2b", 1024, 0},
		{dec, "010", 10, 0},
		{dec, "1kD", 1000, 0},
	} {
		p := tc.x.Parse(tc.in)
		if p.Value != tc.want || p.Problem != tc.problem {
			t.Errorf("Parse(%q) = %d, %d; want %d, %d", tc.in, p.Value, p.Problem, tc.want, tc.problem)
		}
	}
}

func TestParseSigned(t *testing.T) {
	x := Syntax{Units: "EgGkKmMPtTYZ", Decimal: true}
	for _, tc := range []struct {
		in      string
		want    int64
		problem Problem
	}{
		{"-K", 0, Invalid},
		{"-1K", -1024, 0},
		{"K", 1024, 0},
		{"-8E", math.MinInt64, 0},
		{"8E", 0, TooBig},
		{"-9223372036854775808", math.MinInt64, 0},
		{"9223372036854775808", 0, TooBig},
		{"--1", 0, Invalid},
		{"1x", 0, BadSuffix},
	} {
		got, problem := x.ParseSigned(tc.in)
		if got != tc.want || problem != tc.problem {
			t.Errorf("ParseSigned(%q) = %d, %d; want %d, %d", tc.in, got, problem, tc.want, tc.problem)
		}
	}
}

func TestParseBlockSize(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	for _, tc := range []struct {
		spec    string
		size    uint64
		style   Style
		problem Problem
	}{
		{"h", 1, Human, 0},
		{"human", 1, Human, 0},
		{"s", 1, HumanSI, 0},
		{"'1", 1, Style{}, 0},
		{"MB", 1000000, Style{Unit: true, Bytes: true, SI: true}, 0},
		{"MiB", 1 << 20, Style{Unit: true, Bytes: true}, 0},
		{"M", 1 << 20, Style{Unit: true}, 0},
		{"1M", 1 << 20, Style{}, 0},
		{"0", 1024, Style{}, Invalid},
		{"", 1024, Style{}, Invalid},
	} {
		b, problem := BlockSizeOption(tc.spec, getenv)
		if b.Size != tc.size || b.Style != tc.style || problem != tc.problem {
			t.Errorf("%q: %+v %d; want %d %+v %d", tc.spec, b, problem, tc.size, tc.style, tc.problem)
		}
	}
	for _, tc := range []struct {
		env  map[string]string
		want uint64
	}{
		{map[string]string{"DF_BLOCK_SIZE": "4k", "BLOCK_SIZE": "1M"}, 4096},
		{map[string]string{"BLOCKSIZE": "2k", "POSIXLY_CORRECT": "1"}, 2048},
		{map[string]string{"POSIXLY_CORRECT": ""}, 512},
		// Set but empty stops the search: the default, not BLOCK_SIZE.
		{map[string]string{"DF_BLOCK_SIZE": "", "BLOCK_SIZE": "1M"}, 1024},
		// A bad suffix keeps the number read.
		{map[string]string{"DF_BLOCK_SIZE": "3Q"}, 3},
	} {
		env = tc.env
		if b, _ := BlockSizeFromEnv("DF_BLOCK_SIZE", getenv); b.Size != tc.want {
			t.Errorf("%v: %d, want %d", tc.env, b.Size, tc.want)
		}
	}
}

// FuzzParse checks that Parse never panics, that a clean result prints
// back to the same value, and that the signed reading agrees with it.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1K", "0x1fM", "KiB", "99999999999999999999Z", " +7b", "-3", "1KB", "010"} {
		f.Add(s)
	}
	syntaxes := []Syntax{BlockSyntax, {Units: "bcwKkMmGgTtPEZY", Decimal: true}, {Units: "EgGkKmMPtTYZ", Decimal: true}}
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range syntaxes {
			p := x.Parse(s)
			if p.Problem&Invalid != 0 && p.Value != 0 {
				t.Fatalf("Parse(%q): invalid with value %d", s, p.Value)
			}
			if p.Problem&TooBig != 0 && p.Value != math.MaxUint64 {
				t.Fatalf("Parse(%q): too big with value %d", s, p.Value)
			}
			if p.Problem == 0 && p.Unit == "" && !x.CNumbers && !p.UnitOnly {
				// A plain decimal number reads back as itself.
				if q := x.Parse(Style{}.Format(p.Value)); q.Value != p.Value || q.Problem != 0 {
					t.Fatalf("Parse(%q) = %d, reread %d", s, p.Value, q.Value)
				}
			}
			n, problem := x.ParseSigned(s)
			if problem == 0 && n >= 0 && p.Problem == 0 && uint64(n) != p.Value {
				t.Fatalf("ParseSigned(%q) = %d, Parse = %d", s, n, p.Value)
			}
			_, _ = ParseBlockSize(s)
		}
	})
}

// TestAmountFloatingPath: where neither unit size divides the other (dd's
// rate, bytes per elapsed nanoseconds), amounts scale from the first
// power up and keep a decimal only while it is short, as the host's dd
// prints them ("0.0 kB/s", "12.7 kB/s", "51.3 MB/s", "585 kB/s").
func TestAmountFloatingPath(t *testing.T) {
	dd := Style{Scale: true, Round: Nearest, Space: true, Unit: true, Bytes: true, SI: true}
	iec := dd
	iec.SI = false
	for _, c := range []struct {
		s        Style
		n, f, to uint64
		want     string
	}{
		{dd, 0, 1e9, 37306, "0.0 kB"},
		{dd, 1, 1e9, 40190, "24.9 kB"},
		{dd, 56, 1000, 7, "8.0 kB"},
		{dd, 360, 1000, 7, "51.4 kB"},
		{dd, 1, 1e9, 7, "143 MB"},
		{iec, 100, 1000, 7, "14 KiB"},
		{iec, 10, 1000, 7, "1.4 KiB"},
		{dd, 1000, 1000, 1000, "1.0 kB"}, // whole ratio: the integer path
	} {
		if got := c.s.Amount(c.n, c.f, c.to); got != c.want {
			t.Errorf("Amount(%d, %d, %d) = %q, want %q", c.n, c.f, c.to, got, c.want)
		}
	}
}
