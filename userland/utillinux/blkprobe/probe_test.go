// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"bytes"
	"testing"
)

func probeBytes(b []byte, flags Flags) *Probe {
	p := New(Device{R: bytes.NewReader(b), Size: int64(len(b))}, flags)
	p.Safe()
	return p
}

// TestSquashfsVersions: "hsqs" with a major of 4 or more is squashfs,
// older ones and big-endian "sqsh" are squashfs3.
func TestSquashfsVersions(t *testing.T) {
	img := func(magic string, b28, b29 byte) []byte {
		b := make([]byte, 4096)
		copy(b, magic)
		b[28], b[29] = b28, b29
		return b
	}
	for _, tc := range []struct {
		img        []byte
		typ, vers  string
		blockSized bool
	}{
		{img("hsqs", 4, 0), "squashfs", "4.0", false},
		{img("hsqs", 3, 0), "squashfs3", "3.0", true},
		{img("sqsh", 0, 3), "squashfs3", "3.0", true},
		{img("sqsh", 0, 4), "", "", false},
		{img("TBLK", 4, 0), "", "", false},
	} {
		p := probeBytes(tc.img, LowFlags)
		typ, _ := p.Lookup("TYPE")
		vers, _ := p.Lookup("VERSION")
		_, bs := p.Lookup("BLOCK_SIZE")
		if typ != tc.typ || vers != tc.vers || bs != tc.blockSized {
			t.Errorf("%q %d,%d: %v", tc.img[:4], tc.img[28], tc.img[29], p.Values())
		}
	}
}

// TestSmallDevices: 1024 bytes or less hold no filesystem; a floppy-sized
// device takes its first signature without checking for others.
func TestSmallDevices(t *testing.T) {
	b := make([]byte, 1024)
	copy(b, "-rom1fs-")
	if p := probeBytes(b, LowFlags); len(p.Values()) != 0 {
		t.Errorf("1024 bytes: %v", p.Values())
	}
	b = append(b, make([]byte, 1024)...)
	if p := probeBytes(b, LowFlags); len(p.Values()) == 0 {
		t.Errorf("2048 bytes: nothing")
	}
}

// TestAmbivalent: two intolerant signatures on a large device.
func TestAmbivalent(t *testing.T) {
	b := make([]byte, 2<<20)
	copy(b, "-rom1fs-")
	copy(b[0x438:], "\x53\xef") // an ext2 superblock of no features
	b[1024+24] = 0
	p := New(Device{R: bytes.NewReader(b), Size: int64(len(b))}, LowFlags)
	if st := p.Safe(); st != Ambivalent {
		t.Errorf("status %v, values %v", st, p.Values())
	}
}

func TestMergeJoliet(t *testing.T) {
	u16 := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r>>8), byte(r))
		}
		return b
	}
	pad := func(s string, n int) string {
		for len(s) < n {
			s += " "
		}
		return s
	}
	got := mergeJoliet(u16(pad("Mixed Case Label", 16)), []byte(pad("MIXED_CASE_LABEL_AND_MORE", 32)))
	if s := string(rtrim(utf16ToUTF8(got, false))); s != "Mixed Case Label_AND_MORE" {
		t.Errorf("merged %q", s)
	}
	if mergeJoliet(u16(pad("Other", 16)), []byte(pad("MIXED", 32))) != nil {
		t.Errorf("differing texts merged")
	}
}

func TestUdevEncodings(t *testing.T) {
	if got := UdevEncode("a b/é\\"); got != `a\x20b\x2fé\x5c` {
		t.Errorf("encode %q", got)
	}
	if got := UdevSafe("  a  b\tc "); got != "a_b_c" {
		t.Errorf("safe %q", got)
	}
	if got := ExportEscape(`a b"$`); got != `a\ b\"\$` {
		t.Errorf("export %q", got)
	}
}
