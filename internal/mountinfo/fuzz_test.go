// SPDX-License-Identifier: Apache-2.0

package mountinfo

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to Parse, ParseAll and the normalizers.
// A line Parse accepts must print back as itself (the kernel writes each
// number one way only) and parse again to the same Mount; normalizing is
// idempotent, and a normalized table parses line for line.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		kernel, linuxvfs, normalized,
		`36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue`,
		`81 80 0:44 /sub /a\040b ro,nosuid,nodev,noexec,relatime master:3 propagate_from:2 - tmpfs none rw`,
		`82 1 0:4 net:[4026531840] /n rw - nsfs nsfs rw`,
		`83 1 0:45 / /e rw,relatime - tmpfs  rw`,
		`80 65 0:44 / /mnt rw,relatime unbindable - tmpfs tmpfs rw,size=1024k`,
		"23 26 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334808k,nr_inodes=3083702,mode=755\n" +
			"echo between tables\n" +
			"tmpfs /run tmpfs rw,nosuid,nodev 0 0\n" +
			"25 23 0:23 / /dev/pts rw,relatime - devpts devpts rw,mode=600,ptmxmode=000",
		`65 44 0:40 / / rw,relatime - tmpfs tmpfs rw extra`,
		`065 44 0:40 / / rw,relatime - tmpfs tmpfs rw`,
		`+65 44 0:40 / / rw,relatime - tmpfs tmpfs rw`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, line := range strings.Split(text, "\n") {
			checkLine(t, line)
		}
		if u := Unescape(text); len(u) > len(text) {
			t.Errorf("Unescape(%q) = %q grew", text, u)
		}
		ms, err := ParseAll(text)
		if err == nil && len(ms) != len(lines(text)) {
			t.Errorf("ParseAll gave %d mounts for %d lines", len(ms), len(lines(text)))
		}
		hide := HideMountpoints("/tmp")
		for _, n := range []Normalizer{{}, {Hide: hide}} {
			once := n.Normalize(text)
			if twice := n.Normalize(once); twice != once {
				t.Errorf("Normalize not idempotent:\n%q\n%q", once, twice)
			}
			out := n.NormalizeOutput(text)
			if again := n.NormalizeOutput(out); again != out {
				t.Errorf("NormalizeOutput not idempotent:\n%q\n%q", out, again)
			}
		}
	})
}

// checkLine: whatever Parse accepts round-trips through String.
func checkLine(t *testing.T, line string) {
	m, err := Parse(line)
	if err != nil {
		return
	}
	s := m.String()
	if s != line {
		t.Errorf("Parse(%q).String() = %q", line, s)
	}
	m2, err := Parse(s)
	if err != nil || !reflect.DeepEqual(m, m2) {
		t.Errorf("reparse of %q: %+v, %v; first %+v", s, m2, err, m)
	}
	_ = m.Unbindable()
	for _, tag := range []string{"shared", "master", "propagate_from"} {
		m.Propagation(tag)
	}
}
