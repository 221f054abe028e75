// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// IDMapKinds are the names of the map files under /proc/<pid>/.
var IDMapKinds = []string{"uid_map", "gid_map", "projid_map"}

func idKindOf(file string) (idKind, bool) {
	switch file {
	case "uid_map":
		return uidKind, true
	case "gid_map":
		return gidKind, true
	case "projid_map":
		return projidKind, true
	}
	return 0, false
}

// IDMapText is what reading /proc/<pid>/{uid,gid,projid}_map of a task in
// ns shows to a reader with credentials reader (uid_m_show): one line per
// extent, the lower IDs as the reader's namespace sees them, or as the
// parent's when the reader is in ns itself.
func IDMapText(ns *UserNamespace, file string, reader *Cred) string {
	kind, _ := idKindOf(file)
	lower := reader.UserNS
	if sameUserNS(lower, ns) && ns.Level() > 0 {
		lower = ns.parent
	}
	var b strings.Builder
	for _, e := range ns.idMap(kind).Extents {
		id, ok := lower.idMap(kind).up(e.LowerFirst)
		if !ok {
			id = ^uint32(0)
		}
		fmt.Fprintf(&b, "%10d %10d %10d\n", e.First, id, e.Count)
	}
	return b.String()
}

// WriteIDMap is writing /proc/<pid>/{uid,gid,projid}_map of a task in ns
// through a file opened with credentials opener by a writer with
// credentials writer (proc_uid_map_write and map_write): once, from ns
// itself or its parent, lines "ID LOWER COUNT" whose lower IDs the
// parent maps, by the rules of new_idmap_permitted.
func WriteIDMap(ns *UserNamespace, file string, opener, writer *Cred, data []byte, off int64) (int, error) {
	kind, ok := idKindOf(file)
	if !ok || ns.Level() == 0 {
		return 0, linux.EPERM
	}
	if !sameUserNS(opener.UserNS, ns) && !sameUserNS(opener.UserNS, ns.parent) {
		return 0, linux.EPERM
	}
	if off != 0 || len(data) >= pageSize {
		return 0, linux.EINVAL
	}
	userNSMapMu.Lock()
	defer userNSMapMu.Unlock()
	if len(ns.idMap(kind).Extents) != 0 {
		return 0, linux.EPERM
	}
	if kind != projidKind && !opener.NsCapable(ns, linux.CAP_SYS_ADMIN) {
		return 0, linux.EPERM
	}
	m, err := parseIDMap(data)
	if err != nil {
		return 0, err
	}
	if !idMapPermitted(ns, kind, opener, writer, m) {
		return 0, linux.EPERM
	}
	parentMap := ns.parent.idMap(kind)
	for i := range m.Extents {
		lower, ok := parentMap.down(m.Extents[i].LowerFirst, m.Extents[i].Count)
		if !ok {
			return 0, linux.EPERM
		}
		m.Extents[i].LowerFirst = lower
	}
	ns.mapSlot(kind).Store(m)
	return len(data), nil
}

func (ns *UserNamespace) mapSlot(kind idKind) interface{ Store(*IDMap) } {
	switch kind {
	case uidKind:
		return &ns.uidMap
	case gidKind:
		return &ns.gidMap
	}
	return &ns.projidMap
}

// parseIDMap reads map lines as map_write does: each "ID LOWER COUNT"
// with blanks between (and after COUNT), none of them -1, COUNT not 0,
// neither range wrapping, no two extents overlapping, at most 340 lines.
func parseIDMap(data []byte) (*IDMap, error) {
	m := &IDMap{}
	rest := string(data)
	for rest != "" {
		line, next, hasNext := strings.Cut(rest, "\n")
		rest = next
		e, ok := parseIDExtent(line)
		if !ok || e.First == ^uint32(0) || e.LowerFirst == ^uint32(0) || e.Count == 0 ||
			e.First+e.Count <= e.First || e.LowerFirst+e.Count <= e.LowerFirst ||
			m.overlaps(e) {
			return nil, linux.EINVAL
		}
		m.Extents = append(m.Extents, e)
		if len(m.Extents) == maxIDExtents && hasNext && rest != "" {
			return nil, linux.EINVAL
		}
	}
	if len(m.Extents) == 0 {
		return nil, linux.EINVAL
	}
	return m, nil
}

// parseIDExtent parses one line; numbers are read as simple_strtoul
// reads them (digits up to the first non-digit, overflow wrapping), and
// the first two must be followed by white space.
func parseIDExtent(line string) (IDExtent, bool) {
	var v [3]uint32
	s := line
	for i := range v {
		s = strings.TrimLeft(s, " \t\n\v\f\r")
		n, after := leadingNumber(s)
		v[i], s = n, after
		if s == "" && i < 2 || s != "" && !isCSpace(s[0]) {
			return IDExtent{}, false
		}
	}
	if strings.TrimLeft(s, " \t\n\v\f\r") != "" {
		return IDExtent{}, false
	}
	return IDExtent{v[0], v[1], v[2]}, true
}

func isCSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// leadingNumber is simple_strtoul base 10 truncated to 32 bits.
func leadingNumber(s string) (uint32, string) {
	var n uint64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + uint64(s[i]-'0')
		i++
	}
	return uint32(n), s[i:]
}

// overlaps is mappings_overlap against every extent so far.
func (m *IDMap) overlaps(e IDExtent) bool {
	for _, o := range m.Extents {
		if rangesMeet(o.First, o.Count, e.First, e.Count) ||
			rangesMeet(o.LowerFirst, o.Count, e.LowerFirst, e.Count) {
			return true
		}
	}
	return false
}

func rangesMeet(a, na, b, nb uint32) bool {
	return uint64(a) < uint64(b)+uint64(nb) && uint64(b) < uint64(a)+uint64(na)
}

// idMapPermitted is new_idmap_permitted: a single one-ID line mapping the
// owner's own euid (or egid, with setgroups denied) needs nothing more;
// any other map needs CAP_SETUID/CAP_SETGID over the parent namespace for
// writer and opener. Projid maps need nothing. Mapping uid 0 also needs
// CAP_SETFCAP (verify_root_map).
func idMapPermitted(ns *UserNamespace, kind idKind, opener, writer *Cred, m *IDMap) bool {
	if kind == uidKind && !rootMapPermitted(ns, opener, m) {
		return false
	}
	if len(m.Extents) == 1 && m.Extents[0].Count == 1 && ns.owner == opener.EUID {
		id := m.Extents[0].LowerFirst
		switch kind {
		case uidKind:
			if k, ok := ns.parent.MakeKUID(id); ok && k == opener.EUID {
				return true
			}
		case gidKind:
			if k, ok := ns.parent.MakeKGID(id); ok && k == opener.EGID && ns.setgroupsDenied.Load() {
				return true
			}
		}
	}
	if kind == projidKind {
		return true
	}
	c := linux.CAP_SETUID
	if kind == gidKind {
		c = linux.CAP_SETGID
	}
	return writer.NsCapable(ns.parent, c) && opener.NsCapable(ns.parent, c)
}

// rootMapPermitted is verify_root_map: a map that takes in the parent's
// uid 0 (a lower ID of 0, as the parent numbers it) is refused when the
// namespace was made by a task without CAP_SETFCAP and the writer is
// inside it, or when a writer outside lacks CAP_SETFCAP over the parent.
// Mapping one's own uid to 0 inside needs nothing (unshare -r as a user).
func rootMapPermitted(ns *UserNamespace, opener *Cred, m *IDMap) bool {
	hasRoot := false
	for _, e := range m.Extents {
		hasRoot = hasRoot || e.LowerFirst == 0
	}
	if !hasRoot {
		return true
	}
	if sameUserNS(opener.UserNS, ns) {
		return ns.parentCouldSetfcap
	}
	return opener.NsCapable(ns.parent, linux.CAP_SETFCAP)
}

// SetgroupsText is /proc/<pid>/setgroups.
func SetgroupsText(ns *UserNamespace) string {
	if ns.SetgroupsAllowed() {
		return "allow\n"
	}
	return "deny\n"
}

// WriteSetgroups is proc_setgroups_write: "allow" or "deny" (then only
// blanks); deny only before a gid map is written, allow never after a
// deny.
func WriteSetgroups(ns *UserNamespace, data []byte, off int64) (int, error) {
	if off != 0 || len(data) >= 8 {
		return 0, linux.EINVAL
	}
	s := string(data)
	var allow bool
	switch {
	case strings.HasPrefix(s, "allow"):
		allow, s = true, s[5:]
	case strings.HasPrefix(s, "deny"):
		s = s[4:]
	default:
		return 0, linux.EINVAL
	}
	if strings.TrimLeft(s, " \t\n\v\f\r") != "" {
		return 0, linux.EINVAL
	}
	userNSMapMu.Lock()
	defer userNSMapMu.Unlock()
	if ns.Level() == 0 && !allow {
		return 0, linux.EPERM
	}
	if allow {
		if !ns.SetgroupsAllowed() {
			return 0, linux.EPERM
		}
	} else {
		if len(ns.idMap(gidKind).Extents) != 0 {
			return 0, linux.EPERM
		}
		ns.setgroupsDenied.Store(true)
	}
	return len(data), nil
}

// MayOpenSetgroups is proc_setgroups_open's check for a writer:
// CAP_SYS_ADMIN over the namespace.
func MayOpenSetgroups(ns *UserNamespace, opener *Cred) error {
	if !opener.NsCapable(ns, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	return nil
}
