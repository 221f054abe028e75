// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestIsoDate pins isoDate: the 7-byte form with and without its zone
// (High Sierra), zones beyond 13 hours ignored, the zone byte signed,
// fields out of range taken as mktime64 takes them (month 0 the
// December before, months past 14 and below 0 on its 367/12-day
// stride), the long form's digits taken at face value (any byte counts
// as its distance from '0'), a year before 1900 keeping only the
// hundredths, and short buffers giving zero.
func TestIsoDate(t *testing.T) {
	for _, tc := range []struct {
		p          string
		highSierra bool
		long       bool
		want       vfs.Timespec
	}{
		{"|\x06\x0f\f\"8\x00", false, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\x00", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\b", false, false, vfs.Timespec{Sec: 1718447696, Nsec: 0}},
		{"|\x06\x0f\f\"8\b", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"84", false, false, vfs.Timespec{Sec: 1718408096, Nsec: 0}},
		{"|\x06\x0f\f\"84", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"85", false, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"85", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\xcc", false, false, vfs.Timespec{Sec: 1718501696, Nsec: 0}},
		{"|\x06\x0f\f\"8\xcc", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\xcb", false, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\xcb", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\x80", false, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\x80", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\x7f", false, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\x7f", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"|\x06\x0f\f\"8\xff", false, false, vfs.Timespec{Sec: 1718455796, Nsec: 0}},
		{"|\x06\x0f\f\"8\xff", true, false, vfs.Timespec{Sec: 1718454896, Nsec: 0}},
		{"\x00\x01\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: -2208988800, Nsec: 0}},
		{"\x00\x01\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: -2208988800, Nsec: 0}},
		{"\xff\f\x1f\x17;;\x00", false, false, vfs.Timespec{Sec: 5869583999, Nsec: 0}},
		{"\xff\f\x1f\x17;;\x00", true, false, vfs.Timespec{Sec: 5869583999, Nsec: 0}},
		{"F\x01\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"F\x01\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"d\x00\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 944006400, Nsec: 0}},
		{"d\x00\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 944006400, Nsec: 0}},
		{"d\r\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 978307200, Nsec: 0}},
		{"d\r\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 978307200, Nsec: 0}},
		{"d\x0e\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 980985600, Nsec: 0}},
		{"d\x0e\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 980985600, Nsec: 0}},
		{"d\x0f\x01\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 983577600, Nsec: 0}},
		{"d\x0f\x01\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 983577600, Nsec: 0}},
		{"d\xff\xff\xff\xff\xff\x00", false, false, vfs.Timespec{Sec: 1640632755, Nsec: 0}},
		{"d\xff\xff\xff\xff\xff\x00", true, false, vfs.Timespec{Sec: 1640632755, Nsec: 0}},
		{"d\x02\x00\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 949276800, Nsec: 0}},
		{"d\x02\x00\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 949276800, Nsec: 0}},
		{"d\x02\x1e\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 951868800, Nsec: 0}},
		{"d\x02\x1e\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 951868800, Nsec: 0}},
		{"c\x02\x1d\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: 920246400, Nsec: 0}},
		{"c\x02\x1d\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: 920246400, Nsec: 0}},
		{"\x00\x00\x00\x00\x00\x00\x00", false, false, vfs.Timespec{Sec: -2211753600, Nsec: 0}},
		{"\x00\x00\x00\x00\x00\x00\x00", true, false, vfs.Timespec{Sec: -2211753600, Nsec: 0}},
		{"|\x06\x0f\f\"8", false, false, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"|\x06\x0f\f\"8", true, false, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"2024061512345678\x00", false, true, vfs.Timespec{Sec: 1718454896, Nsec: 780000000}},
		{"2024061512345678\b", false, true, vfs.Timespec{Sec: 1718447696, Nsec: 780000000}},
		{"2024061512345678\xcc", false, true, vfs.Timespec{Sec: 1718501696, Nsec: 780000000}},
		{"2024061512345678\xcb", false, true, vfs.Timespec{Sec: 1718454896, Nsec: 780000000}},
		{"20240615123456785", false, true, vfs.Timespec{Sec: 1718454896, Nsec: 780000000}},
		{"2024061512345678\x80", false, true, vfs.Timespec{Sec: 1718454896, Nsec: 780000000}},
		{"1899123123595999\x00", false, true, vfs.Timespec{Sec: 0, Nsec: 990000000}},
		{"1900010100000000\x00", false, true, vfs.Timespec{Sec: -2208988800, Nsec: 0}},
		{"0000000000000000\x00", false, true, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"1970010100000000\x00", false, true, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"2024001500000000\x00", false, true, vfs.Timespec{Sec: 1702598400, Nsec: 0}},
		{"2024131500000000\x00", false, true, vfs.Timespec{Sec: 1736899200, Nsec: 0}},
		{"2024991500000000\x00", false, true, vfs.Timespec{Sec: 1964131200, Nsec: 0}},
		{"2024\x00\x0015000000000000", false, true, vfs.Timespec{Sec: 307454400, Nsec: 0}},
		{"2024-115000000000\x00", false, true, vfs.Timespec{Sec: 1626004800, Nsec: 0}},
		{"2024201500000000\x00", false, true, vfs.Timespec{Sec: 1755388800, Nsec: 0}},
		{"2024/01500000000\x00", false, true, vfs.Timespec{Sec: 1676246400, Nsec: 0}},
		{"2024-91500000000\x00", false, true, vfs.Timespec{Sec: 1647216000, Nsec: 0}},
		{"20240615123456zz\x00", false, true, vfs.Timespec{Sec: 1718454896, Nsec: 8140000000}},
		{"\x00\x00\x00\x00000000000000\x00", false, true, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"2024061512345678", false, true, vfs.Timespec{Sec: 0, Nsec: 0}},
		{"99999999999999994", false, true, vfs.Timespec{Sec: 253638315639, Nsec: 990000000}},
		{"1899999999999999\x00", false, true, vfs.Timespec{Sec: 0, Nsec: 990000000}},
	} {
		if got := isoDate([]byte(tc.p), tc.highSierra, tc.long); got != tc.want {
			t.Errorf("isoDate(%q, hs=%v, long=%v) = %+v, want %+v", tc.p, tc.highSierra, tc.long, got, tc.want)
		}
	}
}

// TestTranslateName pins translateName: a NUL ends the name, a
// trailing ";1" or ".;1" goes, and letters are lowered and ';' and '/'
// become '.'.
func TestTranslateName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"README.TXT;1", "readme.txt"},
		{"README.TXT", "readme.txt"},
		{"DIR", "dir"},
		{"A.;1", "a"},
		{"A;1", "a"},
		{";1", ""},
		{".;1", ""},
		{"A;2", "a.2"},
		{"A;1;1", "a.1"},
		{"A.;1.;1", "a..1"},
		{"A/B;C", "a.b.c"},
		{"AB\x00CD;1", "ab"},
		{"\x00", ""},
		{"A;1\x00", "a.1"},
		{"A.;\x00", "a.."},
		{"MiXeD.TxT;1", "mixed.txt"},
		{"ÀÉ;1", "ÀÉ"},
		{"a..;1", "a."},
		{"x;10", "x.10"},
		{"x;1 ", "x.1 "},
		{"@[`{", "@[`{"},
		{"A.B.;1", "a.b"},
		{"\xc0A\xff;1", "\xc0a\xff"},
		{"\xe9T\xc9;\x80", "\xe9t\xc9.\x80"},
	} {
		if got := string(translateName([]byte(tc.in))); got != tc.want {
			t.Errorf("translateName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
