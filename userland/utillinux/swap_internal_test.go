// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func TestParseUUID(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"11111111-2222-3333-4444-555555555555", true},
		{"aBcDeF01-2345-6789-abcd-ef0123456789", true},
		{"11111111222233334444555555555555", false},
		{"11111111-2222-3333-4444-55555555555", false},
		{"1111111-22222-3333-4444-555555555555", false},
		{"1111111x-2222-3333-4444-555555555555", false},
	} {
		u, ok := parseUUID(tc.in)
		if ok != tc.ok || ok && len(u) != 16 {
			t.Errorf("parseUUID(%q) = %x, %v", tc.in, u, ok)
		}
	}
}

func TestUnescapeOctal(t *testing.T) {
	for in, want := range map[string]string{
		`/a/swap\040file`: "/a/swap file",
		`/a\134b\011c`:    "/a\\b\tc",
		`/plain`:          "/plain",
		`/short\04`:       `/short\04`,
		`/bad\09x`:        `/bad\09x`,
	} {
		if got := unescapeOctal(in); got != want {
			t.Errorf("unescapeOctal(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMkswapHeaderPage: the fields of a version 1 header where the
// kernel reads them, the label cut to 15 bytes and NUL-ended.
func TestMkswapHeaderPage(t *testing.T) {
	// A label that fits: headerPage warns of a truncation through the
	// command, which this test has not.
	c := &mkswapRun{cmd: &cmd{}, pageSize: 8192, label: "0123456789abcde"}
	uuid := bytes.Repeat([]byte{0x5a}, 16)
	p := c.headerPage(100, uuid)
	le := binary.LittleEndian
	if len(p) != 8192 || le.Uint32(p[1024:]) != 1 || le.Uint32(p[1028:]) != 99 || le.Uint32(p[1032:]) != 0 {
		t.Fatalf("header fields: len %d version %d last %d bad %d", len(p), le.Uint32(p[1024:]), le.Uint32(p[1028:]), le.Uint32(p[1032:]))
	}
	if !bytes.Equal(p[1036:1052], uuid) || string(p[1052:1067]) != "0123456789abcde" || p[1067] != 0 {
		t.Errorf("uuid or label: % x", p[1036:1068])
	}
	if string(p[8192-10:]) != "SWAPSPACE2" || !bytes.Equal(p[:1024], make([]byte, 1024)) {
		t.Error("signature or boot block")
	}
}

func TestWipefsTypes(t *testing.T) {
	for _, tc := range []struct {
		list, typ string
		want      bool
	}{
		{"", "ext4", true},
		{"ext4,swap", "swap", true},
		{"ext4,swap", "vfat", false},
		{"noext4,swap", "swap", false},
		{"noext4,swap", "vfat", true},
	} {
		c := &wipefsRun{types: tc.list}
		if got := c.wanted(tc.typ); got != tc.want {
			t.Errorf("-t %q on %s: %v, want %v", tc.list, tc.typ, got, tc.want)
		}
	}
}
