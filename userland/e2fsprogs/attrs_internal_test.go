// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestWriteFlags checks lsattr's two layouts: 22 places, a flag's letter
// in its own place, and the long names joined in table order.
func TestWriteFlags(t *testing.T) {
	for _, c := range []struct {
		flags       uint32
		short, long string
	}{
		{0, "----------------------", "---"},
		{linux.FS_IMMUTABLE_FL | linux.FS_EXTENT_FL, "----i---------e-------", "Immutable, Extents"},
		{linux.FS_NOCOMP_FL | linux.FS_SECRM_FL, "s--------------------m", "Secure_Deletion, Dont_Compress"},
	} {
		var b strings.Builder
		writeFlags(&b, c.flags, false)
		if b.String() != c.short {
			t.Errorf("%#x: %q, want %q", c.flags, b.String(), c.short)
		}
		b.Reset()
		writeFlags(&b, c.flags, true)
		if b.String() != c.long {
			t.Errorf("%#x long: %q, want %q", c.flags, b.String(), c.long)
		}
	}
}

// TestFlagOfLetter: chattr takes only its own letters, not the ones
// lsattr merely shows (E, I, N, V).
func TestFlagOfLetter(t *testing.T) {
	for c, want := range map[byte]uint32{'i': linux.FS_IMMUTABLE_FL, 'A': linux.FS_NOATIME_FL, 'm': linux.FS_NOCOMP_FL,
		'E': 0, 'I': 0, 'N': 0, 'V': 0, 'z': 0} {
		if got := flagOfLetter(c); got != want {
			t.Errorf("%c: %#x, want %#x", c, got, want)
		}
	}
}

// TestCStrtol follows strtol(s, &end, 0) with *end required empty.
func TestCStrtol(t *testing.T) {
	for _, c := range []struct {
		s  string
		v  uint64
		ok bool
	}{
		{"", 0, true}, {"12", 12, true}, {" 12", 12, true}, {"12 ", 0, false}, {"0x1f", 31, true},
		{"010", 8, true}, {"08", 0, false}, {"0x", 0, false}, {"-1", 1<<64 - 1, true}, {"+7", 7, true},
		{"99999999999999999999", 1<<63 - 1, true}, {"-99999999999999999999", 1 << 63, true}, {"x", 0, false},
	} {
		v, ok := cStrtol(c.s)
		if v != c.v || ok != c.ok {
			t.Errorf("%q: %d %v, want %d %v", c.s, v, ok, c.v, c.ok)
		}
	}
}
