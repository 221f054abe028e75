// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestBlake2b: RFC 7693's example, and digests b2sum gives on Linux
// (empty input, a shorter digest, input over several blocks).
func TestBlake2b(t *testing.T) {
	for _, c := range []struct {
		in   string
		size int
		want string
	}{
		{"abc", 64, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"},
		{"hello\n", 16, "ea41b4de6c03f13a95758b28dd75693e"},
		{"", 64, "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"},
	} {
		d := newBlake2b(c.size)
		d.Write([]byte(c.in))
		if got := hex.EncodeToString(d.Sum(nil)); got != c.want {
			t.Errorf("blake2b-%d(%q) = %s, want %s", c.size*8, c.in, got, c.want)
		}
	}
	long := strings.Repeat("x", 300)
	d := newBlake2b(64)
	d.Write([]byte(long[:128]))
	d.Write([]byte(long[128:]))
	one := newBlake2b(64)
	one.Write([]byte(long))
	const want = "fe42f4108dd98f9b4f19fb21f386dfbe9a860256176e0312a1f0de66a3aed2a5ed361a16f6128fe27b6c88d8f39eeaddca46f1c2c9357965f893d0a7d64bd1cb"
	if got := hex.EncodeToString(d.Sum(nil)); got != want || hex.EncodeToString(one.Sum(nil)) != want {
		t.Errorf("300 bytes: %s", got)
	}
}

// TestSM3: the standard's example and what cksum -a sm3 gives on Linux.
func TestSM3(t *testing.T) {
	for in, want := range map[string]string{
		"abc":                      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
		"hello\n":                  "f7a87a195b0cc0052b9d598482212ceb07e4ea60e8d139a5dfeff36c24abf2b3",
		strings.Repeat("abcd", 16): "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
	} {
		d := newSM3()
		d.Write([]byte(in))
		if got := hex.EncodeToString(d.Sum(nil)); got != want {
			t.Errorf("sm3(%q) = %s, want %s", in, got, want)
		}
	}
}
