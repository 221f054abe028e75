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

// TestFileSpanDisjoint: spans of one file share no byte only when one
// ends (it has a limit) at or before the other starts.
func TestFileSpanDisjoint(t *testing.T) {
	for _, tc := range []struct {
		a, b fileSpan
		want bool
	}{
		{fileSpan{0, 4096}, fileSpan{4096, 0}, true},
		{fileSpan{0, 4097}, fileSpan{4096, 0}, false},
		{fileSpan{8192, 0}, fileSpan{0, 8192}, true},
		{fileSpan{0, 0}, fileSpan{1 << 20, 512}, false},
		{fileSpan{512, 512}, fileSpan{512, 512}, false},
	} {
		if got := tc.a.disjoint(tc.b); got != tc.want {
			t.Errorf("%v.disjoint(%v) = %v", tc.a, tc.b, got)
		}
		if got := tc.b.disjoint(tc.a); got != tc.want {
			t.Errorf("%v.disjoint(%v) = %v", tc.b, tc.a, got)
		}
	}
}

// TestLoopNumber: the device number in a node's name, and which names
// are the driver's own.
func TestLoopNumber(t *testing.T) {
	for _, tc := range []struct {
		path string
		n    int
		ok   bool
		disk bool
	}{
		{"/dev/loop7", 7, true, false}, {"loop12", 12, true, true}, {"/dev/loop/3", 3, true, false},
		{"loop05", 5, true, false}, {"loop5p1", 5, true, false}, {"loop-control", 0, false, false},
		{"/dev/sda", 0, false, false}, {"loop", 0, false, false},
	} {
		n, ok := loopNumber(tc.path)
		if n != tc.n || ok != tc.ok {
			t.Errorf("loopNumber(%q) = %d, %v", tc.path, n, ok)
		}
		if tc.path[0] != '/' && isLoopDiskName(tc.path) != tc.disk {
			t.Errorf("isLoopDiskName(%q) = %v", tc.path, !tc.disk)
		}
	}
}

// TestAttachMessages: losetup's words for each way an attachment fails.
func TestAttachMessages(t *testing.T) {
	for _, tc := range []struct {
		f    attachFailure
		want string
	}{
		{attachFailure{failOverlap, "/w/f", linux.EBUSY}, "/w/f: overlapping loop device exists"},
		{attachFailure{failNoFreeDevice, "", linux.ENODEV}, "cannot find an unused loop device"},
		{attachFailure{failBackingName, "", linux.ENOENT}, ": failed to use backing file: No such file or directory"},
		{attachFailure{failSetup, "/w/d", linux.EISDIR}, "/w/d: failed to set up loop device: Is a directory"},
	} {
		if got := tc.f.message(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.f, got, tc.want)
		}
	}
}
