// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// Builders of raw directory entries for the scanner tests.

// shortEnt is a short entry of the 11-byte name with attributes attr.
func shortEnt(name string, attr byte) []byte {
	de := make([]byte, dirEntSize)
	copy(de, name)
	de[11] = attr
	return de
}

// slotEnt is a long-name slot with ordinal byte ord and checksum sum
// holding up to 13 characters of piece, NUL-terminated and padded with
// 0xffff when shorter.
func slotEnt(ord, sum byte, piece string) []byte {
	de := make([]byte, dirEntSize)
	de[0], de[11], de[13] = ord, attrExt, sum
	u := utf16.Encode([]rune(piece))
	for k, at := range [13]int{1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30} {
		c := uint16(0xffff)
		switch {
		case k < len(u):
			c = u[k]
		case k == len(u):
			c = 0
		}
		de[at], de[at+1] = byte(c), byte(c>>8)
	}
	return de
}

// sumOf is the checksum slots naming the short entry name carry.
func sumOf(name string) byte { return checksum([]byte(name)) }

func deleted(de []byte) []byte {
	de = append([]byte(nil), de...)
	de[0] = deletedFlag
	return de
}

// scan lists what the scanner makes of ents as "ipos:short|long", long
// being "-" without a long name.
func scan(vfat bool, ents ...[]byte) string {
	r := &rawDir{}
	for i, de := range ents {
		r.data = append(r.data, de...)
		r.pos = append(r.pos, int64(i))
	}
	fs := &filesystem{io: ioCharset("cp437"), opts: options{vfat: vfat, utf8: true, iocharset: "cp437", shortname: sfnDisplayWinNT | sfnCreateWin95}}
	var out []string
	for _, e := range fs.entries(r) {
		long := "-"
		if e.long != nil {
			long = string(e.long)
		}
		out = append(out, fmt.Sprintf("%d:%s|%s", e.ipos, e.short, long))
	}
	return strings.Join(out, " ")
}

func TestScanner(t *testing.T) {
	const (
		readme = "README  TXT"
		along  = "ALONGF~1TXT"
		other  = "OTHER   DAT"
	)
	sA, sO := sumOf(along), sumOf(other)
	for _, tc := range []struct {
		what string
		vfat bool
		ents [][]byte
		want string
	}{
		{"plain short", true, [][]byte{shortEnt(readme, attrArch)}, "0:README.TXT|-"},
		{"long name", true, [][]byte{slotEnt(0x42, sA, "ame.txt"), slotEnt(1, sA, "A long file n"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|A long file name.txt"},
		{"thirteen characters exactly", true, [][]byte{slotEnt(0x41, sA, "abcdefghijklm"), shortEnt(along, 0)},
			"1:ALONGF~1.TXT|abcdefghijklm"},
		{"orphan slot with the wrong sum", true, [][]byte{slotEnt(0x41, sO, "x"), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"orphan slot without the last-slot bit", true, [][]byte{slotEnt(0x01, sA, "x"), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"slot count zero", true, [][]byte{slotEnt(0x40, sA, "x"), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"slot count 21", true, [][]byte{slotEnt(0x40|21, sA, "x"), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"slot count 20", true, append(func() [][]byte {
			var s [][]byte
			for o := 20; o >= 1; o-- {
				ord := byte(o)
				if o == 20 {
					ord |= 0x40
				}
				s = append(s, slotEnt(ord, sA, string(rune('a'+o%26))))
			}
			return s
		}(), shortEnt(along, 0)), "20:ALONGF~1.TXT|b"},
		{"checksums differ between slots", true, [][]byte{slotEnt(0x42, sO, "b"), slotEnt(1, sA, "aaaaaaaaaaaaa"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|-"},
		{"short entry's checksum differs", true, [][]byte{slotEnt(0x41, sA, "long"), shortEnt(other, 0)}, "1:OTHER.DAT|-"},
		{"interrupted by a short entry", true, [][]byte{slotEnt(0x43, sA, "c"), slotEnt(2, sA, "bbbbbbbbbbbbb"), shortEnt(other, 0),
			slotEnt(1, sA, "aaaaaaaaaaaaa"), shortEnt(along, 0)}, "2:OTHER.DAT|- 4:ALONGF~1.TXT|-"},
		{"interrupted by a new sequence", true, [][]byte{slotEnt(0x42, sO, "old"), slotEnt(0x41, sA, "new"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|new"},
		{"wrong ordinal restarts", true, [][]byte{slotEnt(0x43, sA, "c"), slotEnt(0x41, sA, "one"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|one"},
		{"last-slot bit again mid-sequence", true, [][]byte{slotEnt(0x42, sA, "second"), slotEnt(0x41, sA, "first--------"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|first--------"},
		{"a second sequence after the last slot", true, [][]byte{slotEnt(0x41, sO, "old"), slotEnt(0x41, sA, "new"), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|new"},
		{"deleted short entry", true, [][]byte{deleted(shortEnt(readme, 0)), shortEnt(other, 0)}, "1:OTHER.DAT|-"},
		{"deleted slot mid-sequence", true, [][]byte{slotEnt(0x42, sA, "b"), deleted(slotEnt(1, sA, "a")), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|-"},
		{"deleted slot first", true, [][]byte{deleted(slotEnt(0x41, sA, "a")), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"slots end at a deleted entry", true, [][]byte{slotEnt(0x41, sA, "gone"), deleted(shortEnt(along, 0)), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|-"},
		{"free entry is passed over", true, [][]byte{shortEnt(readme, 0), make([]byte, dirEntSize), shortEnt(other, 0)},
			"0:README.TXT|- 2:OTHER.DAT|-"},
		{"slots end at a free entry", true, [][]byte{slotEnt(0x41, sA, "gone"), make([]byte, dirEntSize), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|-"},
		{"slot with a zero ordinal byte", true, [][]byte{slotEnt(0, sA, "x"), shortEnt(along, 0)}, "1:ALONGF~1.TXT|-"},
		{"volume label", true, [][]byte{shortEnt("MYVOLUME   ", attrVolume), shortEnt(readme, 0)}, "1:README.TXT|-"},
		{"slots end at a volume label", true, [][]byte{slotEnt(0x41, sA, "gone"), shortEnt(along, attrVolume|attrArch), shortEnt(along, 0)},
			"2:ALONGF~1.TXT|-"},
		{"pending slots at the end", true, [][]byte{shortEnt(readme, 0), slotEnt(0x42, sA, "b"), slotEnt(1, sA, "aaaaaaaaaaaaa")},
			"0:README.TXT|-"},
		{"blank short name with a long one", true, [][]byte{slotEnt(0x41, sumOf("           "), "blank"), shortEnt("           ", 0),
			shortEnt("           ", 0)}, "1:|blank"},
		{"lower-case bits", true, [][]byte{func() []byte { de := shortEnt(readme, 0); de[12] = caseLowerBase; return de }()},
			"0:readme.TXT|-"},
		{"msdos ignores slots", false, [][]byte{slotEnt(0x41, sA, "long"), shortEnt(along, 0), shortEnt("MYVOLUME   ", attrVolume),
			deleted(shortEnt(readme, 0)), make([]byte, dirEntSize), shortEnt(readme, 0)}, "1:alongf~1.txt|- 5:readme.txt|-"},
	} {
		if got := scan(tc.vfat, tc.ents...); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.what, got, tc.want)
		}
	}
}
