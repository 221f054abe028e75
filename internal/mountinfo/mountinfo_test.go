// SPDX-License-Identifier: Apache-2.0

package mountinfo

import (
	"errors"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	line := `36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue`
	m, err := Parse(line + "\n")
	if err != nil {
		t.Fatal(err)
	}
	want := Mount{ID: 36, Parent: 35, Major: 98, Minor: 0, Root: "/mnt1", Mountpoint: "/mnt/parent",
		Options: "rw,noatime", Optional: []string{"master:1", "shared:7"},
		FSType: "ext3", Source: "/dev/root", SuperOptions: "rw,errors=continue"}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Parse = %+v\nwant %+v", m, want)
	}
	if got := m.String(); got != line {
		t.Errorf("String = %q, want %q", got, line)
	}
	if m.Dev() != "98:0" {
		t.Errorf("Dev = %q", m.Dev())
	}
	if g, ok := m.Propagation("shared"); !ok || g != 7 {
		t.Errorf("Propagation(shared) = %d, %v", g, ok)
	}
	if g, ok := m.Propagation("master"); !ok || g != 1 {
		t.Errorf("Propagation(master) = %d, %v", g, ok)
	}
	if _, ok := m.Propagation("propagate_from"); ok {
		t.Error("Propagation(propagate_from) present")
	}
	if m.Unbindable() {
		t.Error("Unbindable")
	}
}

func TestParseVariants(t *testing.T) {
	for _, line := range []string{
		`65 44 0:40 / / rw,relatime - tmpfs tmpfs rw`,
		`66 65 0:41 / /proc rw,relatime - proc proc rw`,
		`80 65 0:44 / /mnt rw,relatime unbindable - tmpfs tmpfs rw,size=1024k`,
		`81 80 0:44 /sub /a\040b ro,nosuid,nodev,noexec,relatime master:3 propagate_from:2 - tmpfs none rw`,
		`82 1 0:4 net:[4026531840] /n rw - nsfs nsfs rw`,
		`83 1 0:45 / /e rw,relatime - tmpfs  rw`, // mounted with source ""
	} {
		m, err := Parse(line)
		if err != nil {
			t.Errorf("Parse(%q): %v", line, err)
			continue
		}
		if m.String() != line {
			t.Errorf("round trip %q -> %q", line, m.String())
		}
	}
	m, _ := Parse(`80 65 0:44 / /mnt rw,relatime unbindable - tmpfs tmpfs rw`)
	if !m.Unbindable() {
		t.Error("unbindable not seen")
	}
}

func TestParseRejects(t *testing.T) {
	for _, line := range []string{
		"",
		"hello world",
		"tmpfs / tmpfs rw,relatime 0 0",
		`65 44 0:40 / / rw,relatime tmpfs tmpfs rw`,            // no separator
		`65 44 0:40 / / rw,relatime - tmpfs tmpfs`,             // too few after separator
		`65 44 0:40 / / rw,relatime - tmpfs tmpfs rw extra`,    // too many
		`x 44 0:40 / / rw,relatime - tmpfs tmpfs rw`,           // ID
		`65 -1 0:40 / / rw,relatime - tmpfs tmpfs rw`,          // parent
		`65 44 040 / / rw,relatime - tmpfs tmpfs rw`,           // dev
		`65 44 0:x / / rw,relatime - tmpfs tmpfs rw`,           // minor
		`65 44 0:40 / mnt rw,relatime - tmpfs tmpfs rw`,        // relative mount point
		`65 44 0:40 / / rw,relatime bogus:1 - tmpfs tmpfs rw`,  // optional tag
		`65 44 0:40 / / rw,relatime shared:x - tmpfs tmpfs rw`, // optional value
		`65  44 0:40 / / rw,relatime - tmpfs tmpfs rw`,         // double space
		`065 44 0:40 / / rw,relatime - tmpfs tmpfs rw`,         // leading zero
		`65 44 0:40 / / rw,relatime -  tmpfs rw`,               // empty type
	} {
		if m, err := Parse(line); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", line, m)
		} else if !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q): error %v does not wrap ErrSyntax", line, err)
		}
	}
}

func TestParseAll(t *testing.T) {
	ms, err := ParseAll("1 0 0:1 / / rw - tmpfs tmpfs rw\n2 1 0:2 / /p rw - proc proc rw\n")
	if err != nil || len(ms) != 2 || ms[1].Mountpoint != "/p" {
		t.Fatalf("ParseAll = %+v, %v", ms, err)
	}
	if _, err := ParseAll("1 0 0:1 / / rw - tmpfs tmpfs rw\nnope\n"); err == nil {
		t.Error("ParseAll accepted a bad line")
	}
	if ms, err := ParseAll(""); err != nil || len(ms) != 0 {
		t.Errorf("ParseAll(\"\") = %v, %v", ms, err)
	}
}

// kernel is a real 6.18 table from the kerneltest sandbox, with two harness
// binds (/usr, /etc) and some mounts of a script.
const kernel = `65 44 0:40 / / rw,relatime - tmpfs tmpfs rw
66 65 0:41 / /proc rw,relatime - proc proc rw
67 65 0:42 / /dev rw,relatime - tmpfs tmpfs rw,mode=755
68 65 0:43 / /tmp rw,relatime - tmpfs tmpfs rw
69 65 254:0 /usr /usr ro,relatime - ext4 /dev/vda rw,discard
70 65 254:0 /etc /etc ro,relatime - ext4 /dev/vda rw,discard
72 65 0:47 / /mnt rw,relatime shared:301 - tmpfs tmpfs rw
71 65 0:47 / /b rw,relatime shared:301 - tmpfs tmpfs rw
90 72 0:45 / /mnt/x rw,relatime master:301 propagate_from:12 - tmpfs tmpfs rw
91 65 254:0 /usr/bin /ub ro,relatime - ext4 /dev/vda rw,discard
`

// linuxvfs is the same table as linuxvfs would show it: other numbers, no
// harness binds.
const linuxvfs = `2 1 0:15 / / rw,relatime - tmpfs tmpfs rw
3 2 0:16 / /proc rw,relatime - proc proc rw
4 2 0:17 / /dev rw,relatime - tmpfs tmpfs rw,mode=755
5 2 0:18 / /tmp rw,relatime - tmpfs tmpfs rw
6 2 0:19 / /mnt rw,relatime shared:1 - tmpfs tmpfs rw
7 2 0:19 / /b rw,relatime shared:1 - tmpfs tmpfs rw
8 6 0:20 / /mnt/x rw,relatime master:1 propagate_from:2 - tmpfs tmpfs rw
`

const normalized = `1 2 0:1 / / rw,relatime - tmpfs tmpfs rw
3 1 0:2 / /proc rw,relatime - proc proc rw
4 1 0:3 / /dev rw,relatime - tmpfs tmpfs rw,mode=755
5 1 0:4 / /tmp rw,relatime - tmpfs tmpfs rw
6 1 0:5 / /mnt rw,relatime shared:1 - tmpfs tmpfs rw
7 1 0:5 / /b rw,relatime shared:1 - tmpfs tmpfs rw
8 6 0:6 / /mnt/x rw,relatime master:1 propagate_from:2 - tmpfs tmpfs rw
`

func TestNormalize(t *testing.T) {
	hide := AnyOf(HideMountpoints("/usr", "/etc"), HideBindsOf("254:0", "/usr"), HideBindsOf("254:0", "/etc"))
	if got := Normalize(kernel, hide); got != normalized {
		t.Errorf("kernel side:\n%s\nwant\n%s", got, normalized)
	}
	if got := Normalize(linuxvfs, hide); got != normalized {
		t.Errorf("linuxvfs side:\n%s\nwant\n%s", got, normalized)
	}
	// Without Hide nothing is dropped and the binds take numbers.
	got := Normalize(kernel, nil)
	want := `6 1 254:0 /usr /usr ro,relatime - ext4 /dev/vda rw,discard`
	if ls := lines(got); len(ls) != 10 || ls[4] != want || ls[9] != `11 1 254:0 /usr/bin /ub ro,relatime - ext4 /dev/vda rw,discard` {
		t.Errorf("no hide:\n%s(line 5 should be %q)", got, want)
	}
}

func TestNormalizeOrderOfFirstAppearance(t *testing.T) {
	// Parents before children, a parent that is never shown, peer groups
	// first seen in master: and device minors out of order.
	in := `40 30 0:9 / / rw - tmpfs tmpfs rw
12 40 0:7 / /a rw master:9 - tmpfs tmpfs rw
11 12 0:9 /d /a/b rw shared:5 master:9 - tmpfs tmpfs rw
13 99 0:7 / /c rw shared:9 - tmpfs tmpfs rw
`
	want := `1 2 0:1 / / rw - tmpfs tmpfs rw
3 1 0:2 / /a rw master:1 - tmpfs tmpfs rw
4 3 0:1 /d /a/b rw shared:2 master:1 - tmpfs tmpfs rw
5 6 0:2 / /c rw shared:1 - tmpfs tmpfs rw
`
	if got := Normalize(in, nil); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestNormalizeKeepsOtherLines(t *testing.T) {
	in := "hello\n1 0 0:5 / / rw - tmpfs tmpfs rw\n"
	if got := Normalize(in, nil); got != "hello\n1 2 0:1 / / rw - tmpfs tmpfs rw\n" {
		t.Errorf("got %q", got)
	}
}

func TestNormalizeOutput(t *testing.T) {
	n := Normalizer{Hide: HideMountpoints("/usr", "/etc")}
	out := "== before\n" +
		"65 44 0:40 / / rw,relatime - tmpfs tmpfs rw\n" +
		"69 65 254:0 /usr /usr ro,relatime - ext4 /dev/vda rw\n" +
		"72 65 0:47 / /mnt rw,relatime shared:301 - tmpfs tmpfs rw\n" +
		"== after\n" +
		"65 44 0:40 / / rw,relatime - tmpfs tmpfs rw\n" +
		"69 65 254:0 /usr /usr ro,relatime - ext4 /dev/vda rw\n" +
		"73 65 0:48 / /b rw,relatime shared:302 - tmpfs tmpfs rw\n" +
		"72 65 0:47 / /mnt rw,relatime shared:301 - tmpfs tmpfs rw\n" +
		"tmpfs / tmpfs rw,relatime 0 0\n" +
		"/dev/vda /usr ext4 ro,relatime 0 0\n" +
		"/dev/vda /usr/lib ext4 ro,relatime 0 0\n" +
		"/dev/vda /usrx ext4 ro,relatime 0 0\n" +
		"tmpfs /mnt tmpfs rw,relatime 0 0\n" +
		"exit 0"
	want := "== before\n" +
		"1 2 0:1 / / rw,relatime - tmpfs tmpfs rw\n" +
		"3 1 0:2 / /mnt rw,relatime shared:1 - tmpfs tmpfs rw\n" +
		"== after\n" +
		"1 2 0:1 / / rw,relatime - tmpfs tmpfs rw\n" +
		"3 1 0:2 / /b rw,relatime shared:1 - tmpfs tmpfs rw\n" +
		"4 1 0:3 / /mnt rw,relatime shared:2 - tmpfs tmpfs rw\n" +
		"tmpfs / tmpfs rw,relatime 0 0\n" +
		"/dev/vda /usrx ext4 ro,relatime 0 0\n" +
		"tmpfs /mnt tmpfs rw,relatime 0 0\n" +
		"exit 0"
	if got := n.NormalizeOutput(out); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := n.NormalizeOutput(""); got != "" {
		t.Errorf("empty: %q", got)
	}
	// A table whose every line is hidden still ends the previous table.
	out = "1 0 0:5 / / rw - tmpfs tmpfs rw\n"
	if got := (Normalizer{}).NormalizeOutput(out + out); got != "1 2 0:1 / / rw - tmpfs tmpfs rw\n1 2 0:1 / / rw - tmpfs tmpfs rw\n" {
		t.Errorf("one block: %q", got)
	}
}

func TestHide(t *testing.T) {
	m := func(dev, root, mp string) Mount {
		x, err := Parse("1 0 " + dev + " " + root + " " + mp + " rw - ext4 /dev/vda rw")
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	mp := HideMountpoints("/usr", "/etc/")
	for _, c := range []struct {
		m    Mount
		want bool
	}{
		{m("254:0", "/usr", "/usr"), true},
		{m("254:0", "/usr", "/usr/lib"), true},
		{m("254:0", "/usr", "/usrx"), false},
		{m("254:0", "/etc", "/etc"), true},
		{m("254:0", "/etc", "/v/etc"), false},
	} {
		if got := mp(c.m); got != c.want {
			t.Errorf("HideMountpoints(%v) = %v", c.m, got)
		}
	}
	b := HideBindsOf("254:0", "/usr")
	for _, c := range []struct {
		m    Mount
		want bool
	}{
		{m("254:0", "/usr", "/old/usr"), true},
		{m("254:0", "/usr/bin", "/x"), true},
		{m("254:0", "/usrx", "/x"), false},
		{m("254:1", "/usr", "/usr"), false},
		{m("0:40", "/usr", "/usr"), false},
	} {
		if got := b(c.m); got != c.want {
			t.Errorf("HideBindsOf(%v) = %v", c.m, got)
		}
	}
	if !HideBindsOf("0:3", "/")(m("0:3", "/x", "/y")) {
		t.Error("root / hides everything on the device")
	}
	if AnyOf()(m("0:3", "/", "/")) || !AnyOf(nil, mp)(m("1:1", "/", "/usr")) {
		t.Error("AnyOf")
	}
}

// TestUnescape: a backslash and three octal digits, the first 0-3 as the
// kernel's mangle() writes them, are one byte; anything else is kept.
func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`/a\040b`:     "/a b",
		`\011x\012`:   "\tx\n",
		`end\134`:     `end\`,
		`\\040`:       `\ `,
		`\400 \04 \8`: `\400 \04 \8`,
		`plain`:       "plain",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}
