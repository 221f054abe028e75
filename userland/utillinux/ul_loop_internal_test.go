// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestStrtosize checks parseSizeArg against what losetup --sizelimit
// accepted on the real system (util-linux 2.38.1).
func TestStrtosize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
		err  error
	}{
		{"1.05K", 1075, nil}, {"0.25M", 262143, nil}, {"2.5KiB", 2560, nil},
		{"1.5KB", 1500, nil}, {"0x10", 16, nil}, {"010", 8, nil}, {" 12", 12, nil},
		{"+7", 7, nil}, {"1e", 1 << 60, nil}, {"1.K", 1024, nil}, {"4096", 4096, nil},
		{"1K5", 0, linux.EINVAL}, {"abc", 0, linux.EINVAL}, {"", 0, linux.EINVAL},
		{"-1", 0, linux.EINVAL}, {"1x", 0, linux.EINVAL}, {"10b", 0, linux.EINVAL},
		{"9999999999999999999999", 0, linux.ERANGE}, {"100000E", 0, linux.ERANGE},
	} {
		got, err := parseSizeArg(tc.in)
		if got != tc.want || (err == nil) != (tc.err == nil) || err != nil && !errors.Is(err, tc.err) {
			t.Errorf("parseSizeArg(%q) = %d, %v; want %d, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestSquashfsType is libblkid's squashfs and squashfs3 probes.
func TestSquashfsType(t *testing.T) {
	sb := func(magic string, b28, b29 byte) []byte {
		b := make([]byte, 32)
		copy(b, magic)
		b[28], b[29] = b28, b29
		return b
	}
	for _, tc := range []struct {
		sb   []byte
		want string
	}{
		{sb("hsqs", 4, 0), "squashfs"},
		{sb("hsqs", 3, 0), "squashfs3"},
		{sb("sqsh", 0, 3), "squashfs3"},
		{sb("sqsh", 0, 4), ""},
		{sb("TBLK", 4, 0), ""},
	} {
		if got := ulSquashfsType(tc.sb); got != tc.want {
			t.Errorf("%q major %d,%d: %q, want %q", tc.sb[:4], tc.sb[28], tc.sb[29], got, tc.want)
		}
	}
}
