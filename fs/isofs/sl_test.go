// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"fmt"
	"strings"
	"testing"
)

// slComp is one component record for slEntry: its flags and text.
type slComp struct {
	flags byte
	text  string
}

// slEntry builds an SL entry with the given entry flags and components.
func slEntry(flags byte, comps ...slComp) suEntry {
	data := []byte{'S', 'L', 0, 1, flags}
	for _, c := range comps {
		data = append(data, c.flags, byte(len(c.text)))
		data = append(data, c.text...)
	}
	data[2] = byte(len(data))
	return suEntry{sig: "SL", len: len(data), data: data}
}

// TestSymlinkComponents pins what SL entries give: the symlink's size
// (as the inode read counts it) and its target (as readlink builds it),
// over one or more entries.
func TestSymlinkComponents(t *testing.T) {
	long := strings.Repeat("x", 250)
	for _, tc := range []struct {
		what    string
		entries []suEntry
		size    string // per entry
		target  string // "!" when too long
		warned  string // the unknown component flags reported
	}{
		{"relative", []suEntry{slEntry(0, slComp{0, "usr"}, slComp{0, "lib"})}, "7", "usr/lib", ""},
		{"absolute", []suEntry{slEntry(0, slComp{8, ""}, slComp{0, "usr"}, slComp{0, "lib"})}, "8", "/usr/lib", ""},
		{"dots", []suEntry{slEntry(0, slComp{2, ""}, slComp{4, ""}, slComp{0, "x"})}, "6", "./../x", ""},
		{"root alone", []suEntry{slEntry(0, slComp{8, ""})}, "1", "/", ""},
		{"continued component", []suEntry{slEntry(0, slComp{1, "ab"}, slComp{0, "cd"})}, "4", "abcd", ""},
		{"entry continues", []suEntry{slEntry(1, slComp{0, "a"}, slComp{0, "b"}), slEntry(0, slComp{0, "c"})}, "4,1", "a/b/c", ""},
		{"entry continues mid-component", []suEntry{slEntry(1, slComp{0, "a"}, slComp{1, "b"}), slEntry(0, slComp{0, "c"})}, "3,1", "a/bc", ""},
		{"entry continues after the root", []suEntry{slEntry(1, slComp{8, ""}), slEntry(0, slComp{0, "c"})}, "2,1", "/c", ""},
		{"unknown flags", []suEntry{slEntry(0, slComp{0x10, "zz"}, slComp{0, "x"})}, "2", "/x", "size:16 link:16"},
		{"unknown flags continued", []suEntry{slEntry(0, slComp{0x21, "zz"}, slComp{0, "x"})}, "1", "x", "size:33 link:33"},
		{"root flag with text", []suEntry{slEntry(0, slComp{9, "abc"}, slComp{0, "x"})}, "2", "/x", ""},
		{"no components", []suEntry{slEntry(0)}, "0", "", ""},
		{"component past the entry", []suEntry{func() suEntry {
			e := slEntry(0, slComp{0, "abc"})
			e.data[6] = 9 // longer than the entry
			return e
		}()}, "9", "abc\x00\x00\x00\x00\x00\x00", ""},
		{"page full", []suEntry{slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}),
			slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}),
			slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}),
			slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}), slEntry(1, slComp{0, long}),
			slEntry(1, slComp{0, long}), slEntry(0, slComp{0, long})}, "", "!", ""},
	} {
		var sizes []string
		var link []byte
		failed := false
		var warned []string
		for _, e := range tc.entries {
			sizes = append(sizes, fmt.Sprint(slLen(e, func(f byte) { warned = append(warned, fmt.Sprint("size:", f)) })))
			if !failed {
				link, failed = appendSymlink(link, e, func(f byte) { warned = append(warned, fmt.Sprint("link:", f)) })
			}
		}
		target := string(link)
		if failed {
			target = "!"
		}
		size := strings.Join(sizes, ",")
		if tc.size == "" {
			size = ""
		}
		if size != tc.size || target != tc.target {
			t.Errorf("%s: size %s target %q, want %s %q", tc.what, size, target, tc.size, tc.target)
		}
		if w := strings.Join(warned, " "); w != tc.warned {
			t.Errorf("%s: unknown flags %q, want %q", tc.what, w, tc.warned)
		}
	}
}
