// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Sysctl is one file of /proc/sys (a ctl_table entry): where it sits, its
// permission bits, and what it shows and takes for the task that opened
// it (namespaced values — a hostname, message-queue limits — are that
// task's namespace's).
type Sysctl struct {
	// Path is below /proc/sys, slash-separated: "kernel/hostname".
	Path string
	Mode uint32 // 0644, or 0444 for a value nobody may set
	// Show is the file's whole text.
	Show func(t *Task) string
	// Store takes one write at off and returns what it consumed; nil for
	// a read-only value.
	Store func(t *Task, p []byte, off int64) (int, error)
	// Access, if set, gives the permission bits c has instead of Mode
	// (a ctl_table_root's permissions hook).
	Access func(c *Cred, mode uint32) uint32
}

// Permission is sysctl_perm and test_perm: a sysctl's permission bits
// (Access's, or Mode) read for the kernel's root user as owner, for the
// root group as group, for everyone else as other. Capabilities do not
// override them. A sysctl is never executable.
func (s *Sysctl) Permission(c *Cred, mask int) error {
	mode := s.Mode
	if s.Access != nil {
		mode = s.Access(c, mode)
	}
	switch {
	case c.EUID == 0:
		mode >>= 6
	case c.EGID == 0 || slices.Contains(c.Groups, 0):
		mode >>= 3
	}
	if mask&MAY_EXEC != 0 || uint32(mask)&(MAY_READ|MAY_WRITE)&^mode != 0 {
		return linux.EACCES
	}
	return nil
}

// sysctlTable is the registered sysctls (register_sysctl). Entries are
// only added, so an index names one for good; dirs holds every directory
// their paths imply, "" being /proc/sys itself.
type sysctlTable struct {
	mu      sync.RWMutex
	entries []Sysctl
	dirs    []string
}

// SysctlEntry is one name in a /proc/sys directory: a file (Index into
// the sysctls) or a directory (Index into the directories).
type SysctlEntry struct {
	Name  string
	Dir   bool
	Index int
}

// RegisterSysctl adds s to /proc/sys; EEXIST if its path is taken, EINVAL
// for a path that is empty or has empty elements.
func (k *Kernel) RegisterSysctl(s Sysctl) error {
	if s.Path == "" || slices.Contains(strings.Split(s.Path, "/"), "") {
		return linux.EINVAL
	}
	tb := &k.sysctls
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.dirs) == 0 {
		tb.dirs = []string{""}
	}
	for _, e := range tb.entries {
		if e.Path == s.Path || strings.HasPrefix(e.Path, s.Path+"/") || strings.HasPrefix(s.Path, e.Path+"/") {
			return linux.EEXIST
		}
	}
	tb.entries = append(tb.entries, s)
	for d := parentOf(s.Path); d != "" && !slices.Contains(tb.dirs, d); d = parentOf(d) {
		tb.dirs = append(tb.dirs, d)
	}
	return nil
}

func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// SysctlAt returns sysctl i.
func (k *Kernel) SysctlAt(i int) (Sysctl, bool) {
	tb := &k.sysctls
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	if i < 0 || i >= len(tb.entries) {
		return Sysctl{}, false
	}
	return tb.entries[i], true
}

// SysctlDir lists directory d of /proc/sys (0 is /proc/sys) in name
// order, as a ctl_dir keeps its entries.
func (k *Kernel) SysctlDir(d int) ([]SysctlEntry, bool) {
	tb := &k.sysctls
	tb.mu.RLock()
	defer tb.mu.RUnlock()
	if d < 0 || d >= max(len(tb.dirs), 1) {
		return nil, false
	}
	dir := ""
	if d < len(tb.dirs) {
		dir = tb.dirs[d]
	}
	var out []SysctlEntry
	for i, e := range tb.entries {
		if parentOf(e.Path) == dir {
			out = append(out, SysctlEntry{Name: e.Path[strings.LastIndexByte(e.Path, '/')+1:], Index: i})
		}
	}
	for i, sub := range tb.dirs {
		if i > 0 && parentOf(sub) == dir {
			out = append(out, SysctlEntry{Name: sub[strings.LastIndexByte(sub, '/')+1:], Dir: true, Index: i})
		}
	}
	slices.SortFunc(out, func(a, b SysctlEntry) int { return strings.Compare(a.Name, b.Name) })
	return out, true
}

// IntSysctl is a number set by writing one (proc_dointvec and
// proc_douintvec with the kernel's strict write mode): a write past the
// start is ignored whole, an empty one does nothing, otherwise the first
// number is parsed and set and the write consumes it and the blanks after
// it. set may refuse a value (EINVAL for one out of range).
func IntSysctl(path string, unsigned bool, get func(t *Task) int64, set func(t *Task, v int64) error) Sysctl {
	s := Sysctl{Path: path, Mode: 0o644, Show: func(t *Task) string { return strconv.FormatInt(get(t), 10) + "\n" }}
	if set == nil {
		s.Mode = 0o444
		return s
	}
	s.Store = func(t *Task, p []byte, off int64) (int, error) {
		if off != 0 || len(p) == 0 {
			return len(p), nil
		}
		v, n, err := ParseSysctlInt(string(p), unsigned)
		if err != nil {
			return 0, err
		}
		if err := set(t, v); err != nil {
			return 0, err
		}
		return n, nil
	}
	return s
}

// StringSysctl is a string of at most maxLen-1 bytes (proc_dostring,
// strict mode): a write at off continues the current value there (a
// write past its end is ignored), takes bytes up to a newline or NUL, and
// always consumes the whole write.
func StringSysctl(path string, maxLen int, get func(t *Task) string, set func(t *Task, v string)) Sysctl {
	s := Sysctl{Path: path, Mode: 0o644, Show: func(t *Task) string { return get(t) + "\n" }}
	if set == nil {
		s.Mode = 0o444
		return s
	}
	s.Store = func(t *Task, p []byte, off int64) (int, error) {
		cur := get(t)
		if len(cur) > maxLen-1 {
			cur = cur[:maxLen-1]
		}
		if len(p) == 0 || off > int64(len(cur)) {
			return len(p), nil
		}
		v := []byte(cur[:off])
		for _, c := range p {
			if c == 0 || c == '\n' || len(v) >= maxLen-1 {
				break
			}
			v = append(v, c)
		}
		set(t, string(v))
		return len(p), nil
	}
	return s
}

// ParseSysctlInt reads the first number of s as proc_get_long does, and
// returns it with the bytes it took: blanks, an optional '-' (not for
// unsigned sysctls), digits in C's base (0x hexadecimal, a leading 0
// octal) making at most 20 characters with the sign, then a blank or the
// end, and the blanks that follow. The value must fit an int (an
// unsigned int for unsigned sysctls).
func ParseSysctlInt(s string, unsigned bool) (v int64, n int, err error) {
	const maxLen = 20 // TMPBUFLEN-2: a longer number is refused
	for n < len(s) && isSysctlSpace(s[n]) {
		n++
	}
	start := n
	neg := len(s)-n > 1 && s[n] == '-'
	if neg {
		n++
	}
	digits := n
	for n < len(s) && !isSysctlSpace(s[n]) {
		n++
	}
	if n == digits || s[digits] < '0' || s[digits] > '9' || n-start > maxLen {
		return 0, 0, linux.EINVAL
	}
	u, ok := Kstrtouint(s[digits:n], 0)
	switch {
	case !ok, unsigned && neg:
		return 0, 0, linux.EINVAL
	case unsigned:
		v = int64(u)
	case neg && uint64(u) > -math.MinInt32, !neg && uint64(u) > math.MaxInt32:
		return 0, 0, linux.EINVAL
	case neg:
		v = -int64(u)
	default:
		v = int64(u)
	}
	for n < len(s) && isSysctlSpace(s[n]) {
		n++
	}
	return v, n, nil
}

// isSysctlSpace is the kernel's isspace as proc_skip_spaces uses it.
func isSysctlSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// registerCoreSysctls adds the sysctls of the VFS itself: fs/mount-max,
// fs/pipe-max-size, and the UTS names of kernel/ (proc_do_uts_string: the
// opener's UTS namespace; ostype, osrelease and version read-only), and
// kernel/cap_last_cap, and the System V IPC limits (sysvipc_proc.go).
func (k *Kernel) registerCoreSysctls() {
	for _, s := range append([]Sysctl{
		IntSysctl("fs/mount-max", false, func(*Task) int64 { return int64(k.MountMax()) }, func(_ *Task, v int64) error {
			if v < 1 {
				return linux.EINVAL
			}
			k.SetMountMax(int(v))
			return nil
		}),
		IntSysctl("fs/pipe-max-size", true, func(*Task) int64 { return int64(k.PipeMaxSize()) }, func(_ *Task, v int64) error {
			return k.SetPipeMaxSize(uint64(v))
		}),
		StringSysctl("kernel/hostname", NewUTSLen+1, func(t *Task) string { return t.Uname().Nodename },
			func(t *Task, v string) { t.UTSNamespace().set(nodenameField, v) }),
		StringSysctl("kernel/domainname", NewUTSLen+1, func(t *Task) string { return t.Uname().Domainname },
			func(t *Task, v string) { t.UTSNamespace().set(domainnameField, v) }),
		StringSysctl("kernel/ostype", NewUTSLen+1, func(t *Task) string { return t.Uname().Sysname }, nil),
		StringSysctl("kernel/osrelease", NewUTSLen+1, func(t *Task) string { return t.Uname().Release }, nil),
		StringSysctl("kernel/version", NewUTSLen+1, func(t *Task) string { return t.Uname().Version }, nil),
		capLastCapSysctl(),
	}, sysvSysctls()...) {
		if err := k.RegisterSysctl(s); err != nil {
			panic("vfs: sysctl " + s.Path + " registered twice")
		}
	}
}
