// SPDX-License-Identifier: Apache-2.0

// Package mountinfo parses the text of /proc/<pid>/mountinfo and normalizes
// it so that the mount tables of two systems (the real kernel and linuxvfs)
// can be compared line by line.
//
// Mount IDs, peer group IDs and the minor numbers of anonymous devices are
// allocated from system-wide pools, so their values depend on everything
// else the machine has mounted. What is comparable is their pattern: which
// lines share an ID. Normalize keeps the pattern and replaces the values by
// their rank of first appearance.
package mountinfo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Mount is one line of mountinfo (see proc_pid_mountinfo(5)):
//
//	36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//	ID Pa Dev  Root  Mountpoint  Options    Optional - FSType Source SuperOptions
//
// Path fields keep the kernel's octal escapes (\040 for a space, ...).
type Mount struct {
	ID, Parent   int
	Major, Minor int
	Root         string
	Mountpoint   string
	Options      string
	// Optional holds the optional fields in order: "shared:N", "master:N",
	// "propagate_from:N", "unbindable".
	Optional     []string
	FSType       string
	Source       string
	SuperOptions string
}

// Dev returns the "major:minor" field.
func (m Mount) Dev() string { return fmt.Sprintf("%d:%d", m.Major, m.Minor) }

// String formats m as a mountinfo line, without the newline.
func (m Mount) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d %d:%d %s %s %s", m.ID, m.Parent, m.Major, m.Minor, m.Root, m.Mountpoint, m.Options)
	for _, o := range m.Optional {
		b.WriteString(" " + o)
	}
	fmt.Fprintf(&b, " - %s %s %s", m.FSType, m.Source, m.SuperOptions)
	return b.String()
}

// Propagation returns the value of the tagged optional field tag ("shared",
// "master" or "propagate_from") and whether it is present.
func (m Mount) Propagation(tag string) (int, bool) {
	for _, o := range m.Optional {
		if t, v, ok := strings.Cut(o, ":"); ok && t == tag {
			n, err := strconv.Atoi(v)
			return n, err == nil
		}
	}
	return 0, false
}

// Unbindable reports whether m carries the "unbindable" optional field.
func (m Mount) Unbindable() bool {
	for _, o := range m.Optional {
		if o == "unbindable" {
			return true
		}
	}
	return false
}

// ErrSyntax is wrapped by every error Parse returns.
var ErrSyntax = errors.New("not a mountinfo line")

// Parse parses one mountinfo line (a trailing newline is allowed).
func Parse(line string) (Mount, error) {
	line = strings.TrimSuffix(line, "\n")
	bad := func(why string) (Mount, error) {
		return Mount{}, fmt.Errorf("%w: %s: %q", ErrSyntax, why, line)
	}
	// The kernel separates fields with single spaces and escapes spaces
	// in paths, so strings.Split is exact; reject anything else.
	f := strings.Split(line, " ")
	if len(f) < 10 {
		return bad("too few fields")
	}
	for i, x := range f {
		// Only the source may be empty (a mount made with source "").
		if x == "" && i != len(f)-2 {
			return bad("empty field")
		}
	}
	var m Mount
	var err error
	if m.ID, err = parseUint(f[0]); err != nil {
		return bad("mount ID")
	}
	if m.Parent, err = parseUint(f[1]); err != nil {
		return bad("parent ID")
	}
	maj, min, ok := strings.Cut(f[2], ":")
	if !ok {
		return bad("major:minor")
	}
	if m.Major, err = parseUint(maj); err != nil {
		return bad("major")
	}
	if m.Minor, err = parseUint(min); err != nil {
		return bad("minor")
	}
	m.Root = f[3] // usually a path; nsfs shows e.g. "net:[4026531840]"
	if !strings.HasPrefix(f[4], "/") {
		return bad("mount point")
	}
	m.Mountpoint = f[4]
	m.Options = f[5]
	i := 6
	for ; i < len(f) && f[i] != "-"; i++ {
		o := f[i]
		if o != "unbindable" {
			tag, v, ok := strings.Cut(o, ":")
			if !ok || (tag != "shared" && tag != "master" && tag != "propagate_from") {
				return bad("optional field " + o)
			}
			if _, err := parseUint(v); err != nil {
				return bad("optional field " + o)
			}
		}
		m.Optional = append(m.Optional, o)
	}
	if i != len(f)-4 {
		return bad("want 3 fields after the separator")
	}
	m.FSType, m.Source, m.SuperOptions = f[i+1], f[i+2], f[i+3]
	return m, nil
}

// parseUint accepts a number as the kernel prints one: decimal digits, no
// sign, no leading zero (strconv.Atoi alone would take "+5" and "-0").
func parseUint(s string) (int, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') || strings.TrimLeft(s, "0123456789") != "" {
		return 0, ErrSyntax
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, ErrSyntax
	}
	return n, nil
}

// ParseAll parses a whole mountinfo text, one mount per line.
func ParseAll(text string) ([]Mount, error) {
	var ms []Mount
	for _, line := range lines(text) {
		m, err := Parse(line)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, nil
}

func lines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// Hide decides which mounts a comparison leaves out (a test harness's own
// mounts). It sees the mount before renumbering.
type Hide func(Mount) bool

// UnderPath reports whether path p (as mountinfo escapes it) is dir or lies
// under it.
func UnderPath(p, dir string) bool {
	if dir == "/" {
		return strings.HasPrefix(p, "/")
	}
	dir = strings.TrimSuffix(dir, "/")
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// HideMountpoints hides mounts whose mount point is one of dirs or lies
// under one of them.
func HideMountpoints(dirs ...string) Hide {
	return func(m Mount) bool {
		for _, d := range dirs {
			if UnderPath(m.Mountpoint, d) {
				return true
			}
		}
		return false
	}
}

// HideBindsOf hides every mount that shows the directory root (or a
// directory under it) of the filesystem on device dev ("major:minor"),
// wherever it is mounted: the original bind mount and every copy of it
// (rbind, a cloned namespace, the old root after pivot_root).
func HideBindsOf(dev, root string) Hide {
	return func(m Mount) bool {
		return m.Dev() == dev && UnderPath(m.Root, root)
	}
}

// AnyOf hides a mount if any of hs does.
func AnyOf(hs ...Hide) Hide {
	return func(m Mount) bool {
		for _, h := range hs {
			if h != nil && h(m) {
				return true
			}
		}
		return false
	}
}

// Normalizer rewrites mountinfo text into a canonical form.
type Normalizer struct {
	// Hide, if set, drops mounts before renumbering (they take no
	// numbers, though a parent ID that points at one is still numbered).
	Hide Hide
	// Rewrite, if set, changes each mount that stays, before renumbering:
	// a way to drop what a host necessarily shows differently.
	Rewrite func(Mount) Mount
}

// rewrite applies n.Rewrite, if any.
func (n Normalizer) rewrite(m Mount) Mount {
	if n.Rewrite == nil {
		return m
	}
	return n.Rewrite(m)
}

// Normalize returns mountinfo text with hidden mounts dropped and, in the
// remaining lines, kept in their order:
//   - mount IDs and parent IDs renumbered 1, 2, ... in order of first
//     appearance (scanning each line's ID, then its parent ID), so a
//     parent that is not shown gets a number too;
//   - peer group IDs (shared:, master:, propagate_from:) renumbered 1,
//     2, ... in order of first appearance, one numbering for all three;
//   - anonymous devices 0:N renumbered 0:1, 0:2, ... in order of first
//     appearance; other devices are kept.
//
// A line that does not parse is kept as it is.
func (n Normalizer) Normalize(text string) string {
	var r renumberer
	var b strings.Builder
	for _, line := range lines(text) {
		m, err := Parse(line)
		if err != nil {
			b.WriteString(line + "\n")
			continue
		}
		if n.Hide != nil && n.Hide(m) {
			continue
		}
		b.WriteString(r.mount(n.rewrite(m)).String() + "\n")
	}
	return b.String()
}

// Normalize is Normalizer{Hide: hide}.Normalize(text).
func Normalize(text string, hide Hide) string {
	return Normalizer{Hide: hide}.Normalize(text)
}

// NormalizeOutput normalizes a script's output in which mount tables are
// printed among other lines. Every maximal run of consecutive lines that
// parse as mountinfo lines is one table and is normalized on its own (as
// Normalize does), so each dump is numbered from 1 and no number carries
// over from one dump to the next: the kernel reuses freed IDs, and which
// ones are free depends on the rest of the machine. Lines in the
// /proc/mounts format (six fields ending in "0 0") whose mount point Hide
// hides are dropped too (Hide then sees only Source, Mountpoint, FSType
// and Options). Every other line is kept unchanged. A missing final newline
// is preserved.
func (n Normalizer) NormalizeOutput(out string) string {
	if out == "" {
		return ""
	}
	trailingNL := strings.HasSuffix(out, "\n")
	ls := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var b strings.Builder
	var r *renumberer
	for _, line := range ls {
		m, err := Parse(line)
		if err != nil {
			r = nil
			if pm, ok := parseMountsLine(line); ok {
				if n.Hide != nil && n.Hide(pm) {
					continue
				}
				if n.Rewrite != nil {
					pm = n.Rewrite(pm)
					line = strings.Join([]string{pm.Source, pm.Mountpoint, pm.FSType, pm.Options, "0", "0"}, " ")
				}
			}
			b.WriteString(line + "\n")
			continue
		}
		if r == nil {
			r = new(renumberer)
		}
		if n.Hide != nil && n.Hide(m) {
			continue
		}
		b.WriteString(r.mount(n.rewrite(m)).String() + "\n")
	}
	s := b.String()
	if !trailingNL {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// parseMountsLine parses a line of /proc/<pid>/mounts ("source mountpoint
// fstype options 0 0").
func parseMountsLine(line string) (Mount, bool) {
	f := strings.Split(line, " ")
	if len(f) != 6 || f[4] != "0" || f[5] != "0" || !strings.HasPrefix(f[1], "/") {
		return Mount{}, false
	}
	for _, x := range f {
		if x == "" {
			return Mount{}, false
		}
	}
	return Mount{Source: f[0], Mountpoint: f[1], FSType: f[2], Options: f[3]}, true
}

// renumberer maps the IDs of one table to their ranks of first appearance.
type renumberer struct {
	ids, groups, minors map[int]int
}

func rank(m *map[int]int, v int) int {
	if *m == nil {
		*m = map[int]int{}
	}
	n, ok := (*m)[v]
	if !ok {
		n = len(*m) + 1
		(*m)[v] = n
	}
	return n
}

func (r *renumberer) mount(m Mount) Mount {
	m.ID = rank(&r.ids, m.ID)
	m.Parent = rank(&r.ids, m.Parent)
	if m.Major == 0 {
		m.Minor = rank(&r.minors, m.Minor)
	}
	opt := make([]string, len(m.Optional))
	for i, o := range m.Optional {
		if tag, v, ok := strings.Cut(o, ":"); ok {
			g, _ := strconv.Atoi(v)
			o = tag + ":" + strconv.Itoa(rank(&r.groups, g))
		}
		opt[i] = o
	}
	m.Optional = opt
	return m
}

// Unescape undoes the kernel's mangling of a path field (mangle() in
// fs/proc_namespace.c): a backslash and three octal digits, the first 0-3,
// stand for one byte. Anything else stays as it is. The applets read the
// fields of fstab and mtab with it too (util-linux's unmangle() would
// also wrap \400-\777 into a byte; no table writes those).
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	octal := func(c byte, top byte) bool { return c >= '0' && c <= top }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && octal(s[i+1], '3') && octal(s[i+2], '7') && octal(s[i+3], '7') {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
