// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"slices"
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

// idMapPermitted is new_idmap_permitted: mapping the parent's uid 0 needs
// CAP_SETFCAP (rootMapPermitted); beyond that a projid map needs nothing,
// a map that only gives the namespace's owner back its own id needs
// nothing, and any other needs CAP_SETUID (CAP_SETGID) over the parent for
// both the writer and the opener.
func idMapPermitted(ns *UserNamespace, kind idKind, opener, writer *Cred, m *IDMap) bool {
	if kind == uidKind && !rootMapPermitted(ns, opener, m) {
		return false
	}
	if kind == projidKind || mapsOwnerOnly(ns, kind, opener, m) {
		return true
	}
	c := setidCap[kind]
	return writer.NsCapable(ns.parent, c) && opener.NsCapable(ns.parent, c)
}

// setidCap is the capability a map of each kind needs.
var setidCap = map[idKind]linux.Capability{uidKind: linux.CAP_SETUID, gidKind: linux.CAP_SETGID}

// mapsOwnerOnly reports a one-line, one-id map whose lower id is the
// opener's own effective id and the opener the namespace's owner; a gid
// map so only once setgroups is denied (else the owner could drop
// groups it is denied through).
func mapsOwnerOnly(ns *UserNamespace, kind idKind, opener *Cred, m *IDMap) bool {
	if len(m.Extents) != 1 || m.Extents[0].Count != 1 || ns.owner != opener.EUID {
		return false
	}
	lower := m.Extents[0].LowerFirst
	if kind == uidKind {
		k, ok := ns.parent.MakeKUID(lower)
		return ok && k == opener.EUID
	}
	k, ok := ns.parent.MakeKGID(lower)
	return ok && k == opener.EGID && ns.setgroupsDenied.Load()
}

// rootMapPermitted is verify_root_map: a map of the parent's uid 0 is
// refused when the namespace was made by a task without CAP_SETFCAP and
// the writer is inside it, or when a writer outside lacks CAP_SETFCAP over
// the parent.
func rootMapPermitted(ns *UserNamespace, opener *Cred, m *IDMap) bool {
	mapsRoot := slices.ContainsFunc(m.Extents, func(e IDExtent) bool { return e.LowerFirst == 0 })
	switch {
	case !mapsRoot:
		return true
	case sameUserNS(opener.UserNS, ns):
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

// setgroupsWords are what /proc/<pid>/setgroups takes: whether setgroups
// is to be allowed.
var setgroupsWords = map[string]bool{"allow": true, "deny": false}

// WriteSetgroups is proc_setgroups_write: "allow" or "deny", then only
// blanks, in one write of fewer than 8 bytes from offset 0.
func WriteSetgroups(ns *UserNamespace, data []byte, off int64) (int, error) {
	if off != 0 || len(data) >= 8 {
		return 0, linux.EINVAL
	}
	allow, ok := setgroupsWords[strings.TrimRight(string(data), " \t\n\v\f\r")]
	if !ok {
		return 0, linux.EINVAL
	}
	userNSMapMu.Lock()
	defer userNSMapMu.Unlock()
	if err := ns.setgroupsTransition(allow); err != nil {
		return 0, err
	}
	return len(data), nil
}

// setgroupsTransition changes what setgroups shows: denying is final and
// only possible before a gid map exists (the initial namespace has one);
// allowing is only a no-op on a namespace that allows it.
func (ns *UserNamespace) setgroupsTransition(allow bool) error {
	switch {
	case allow && !ns.SetgroupsAllowed():
		return linux.EPERM
	case !allow && len(ns.idMap(gidKind).Extents) != 0:
		return linux.EPERM
	case !allow:
		ns.setgroupsDenied.Store(true)
	}
	return nil
}

// MayOpenSetgroups is proc_setgroups_open's check for a writer:
// CAP_SYS_ADMIN over the namespace (EACCES).
func MayOpenSetgroups(ns *UserNamespace, opener *Cred) error {
	if !opener.NsCapable(ns, linux.CAP_SYS_ADMIN) {
		return linux.EACCES
	}
	return nil
}
