// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// userInitIno is PROC_USER_INIT_INO, the initial user namespace's nsfs
// inode number.
const userInitIno = 0xEFFFFFFD

// maxUserNSLevel is the deepest a new user namespace's parent may be
// (create_user_ns refuses a parent deeper than 32 with ENOSPC).
const maxUserNSLevel = 32

// Overflow IDs shown for kernel IDs a namespace has no mapping for
// (overflowuid, overflowgid).
const (
	OverflowUID = 65534
	OverflowGID = 65534
)

// UserNamespace is struct user_namespace. A nil *UserNamespace is the
// initial namespace (every ID maps to itself); the Kernel also keeps an
// object for it (Kernel.InitUserNS) for nsfs and setns.
//
// The maps are written once (map_write); until then a namespace maps
// nothing.
type UserNamespace struct {
	nsCommon
	k      *Kernel
	parent *UserNamespace
	level  int
	// owner and group created the namespace (kernel IDs); the owner has
	// every capability in it when acting from the parent.
	owner, group uint32
	// parentCouldSetfcap records whether the creator had CAP_SETFCAP,
	// which mapping uid 0 from inside requires (verify_root_map).
	parentCouldSetfcap bool
	uidMap, gidMap     atomic.Pointer[IDMap]
	projidMap          atomic.Pointer[IDMap]
	// setgroupsDenied is !(flags & USERNS_SETGROUPS_ALLOWED).
	setgroupsDenied atomic.Bool
	refs            atomic.Int32
}

// userNSMapMu serialises map and setgroups writes (userns_state_mutex).
var userNSMapMu sync.Mutex

// IDExtent is struct uid_gid_extent: Count IDs from First inside the
// namespace map to Count IDs from LowerFirst, a kernel ID.
type IDExtent struct{ First, LowerFirst, Count uint32 }

// IDMap is struct uid_gid_map: at most maxIDExtents extents.
type IDMap struct{ Extents []IDExtent }

// maxIDExtents is UID_GID_MAP_MAX_EXTENTS.
const maxIDExtents = 340

// identityMap is the initial namespace's map of every ID but -1.
var identityMap = &IDMap{Extents: []IDExtent{{0, 0, 4294967295}}}

func (ns *UserNamespace) common() *nsCommon { return &ns.nsCommon }
func (ns *UserNamespace) Kind() string      { return "user" }
func (ns *UserNamespace) CloneFlag() uint64 { return linux.CLONE_NEWUSER }

// get is get_user_ns.
func (ns *UserNamespace) get() {
	if ns != nil && ns.parent != nil {
		ns.refs.Add(1)
	}
}

// put is put_user_ns: the last reference frees the nsfs inode number and
// drops the one the namespace holds on its parent.
func (ns *UserNamespace) put() {
	for ns != nil && ns.parent != nil && ns.refs.Add(-1) == 0 {
		ns.k.freeNsInum(&ns.nsCommon)
		ns = ns.parent
	}
}

// Level returns the namespace's depth, 0 for the initial one.
func (ns *UserNamespace) Level() int {
	if ns == nil {
		return 0
	}
	return ns.level
}

// Parent returns the parent namespace, nil for a child of the initial one
// and for the initial one itself.
func (ns *UserNamespace) Parent() *UserNamespace {
	if ns == nil || ns.parent == nil || ns.parent.parent == nil {
		return nil
	}
	return ns.parent
}

// Owner returns the kernel uid and gid of the namespace's creator.
func (ns *UserNamespace) Owner() (uid, gid uint32) {
	if ns == nil {
		return 0, 0
	}
	return ns.owner, ns.group
}

// ancestorAt returns ns's ancestor at depth level (ns itself at its own).
func (ns *UserNamespace) ancestorAt(level int) *UserNamespace {
	for ns.Level() > level {
		ns = ns.parent
	}
	return ns
}

// inUserNS is in_userns: ns is ancestor or lies below it.
func inUserNS(ancestor, ns *UserNamespace) bool {
	return sameUserNS(ns.ancestorAt(ancestor.Level()), ancestor)
}

// sameUserNS compares namespaces with nil and the Kernel's initial object
// both standing for the initial namespace.
func sameUserNS(a, b *UserNamespace) bool {
	return a == b || a.Level() == 0 && b.Level() == 0
}

func (ns *UserNamespace) idMap(kind idKind) *IDMap {
	if ns.Level() == 0 {
		return identityMap
	}
	var m *IDMap
	switch kind {
	case uidKind:
		m = ns.uidMap.Load()
	case gidKind:
		m = ns.gidMap.Load()
	default:
		m = ns.projidMap.Load()
	}
	if m == nil {
		return &IDMap{}
	}
	return m
}

// idKind selects one of a namespace's maps.
type idKind int

const (
	uidKind idKind = iota
	gidKind
	projidKind
)

// down is map_id_range_down: the lower ID of the range [id, id+count) if
// one extent holds it all, ok false otherwise.
func (m *IDMap) down(id, count uint32) (uint32, bool) {
	last := id + count - 1
	for _, e := range m.Extents {
		if id >= e.First && id-e.First < e.Count && last >= e.First && last-e.First < e.Count {
			return e.LowerFirst + (id - e.First), true
		}
	}
	return 0, false
}

// up is map_id_up: the ID inside the namespace of lower ID id.
func (m *IDMap) up(id uint32) (uint32, bool) { return m.upRange(id, 1) }

// upRange is map_id_range_up: the id inside the namespace of the lower
// range [id, id+count), if one extent holds it all.
func (m *IDMap) upRange(id, count uint32) (uint32, bool) {
	last := id + count - 1
	for _, e := range m.Extents {
		if id >= e.LowerFirst && id-e.LowerFirst < e.Count && last >= e.LowerFirst && last-e.LowerFirst < e.Count {
			return e.First + (id - e.LowerFirst), true
		}
	}
	return 0, false
}

// MakeKUID is make_kuid: the kernel uid of uid as ns sees it; ok is false
// when ns has no mapping for it (INVALID_UID).
func (ns *UserNamespace) MakeKUID(uid uint32) (uint32, bool) {
	if uid == ^uint32(0) {
		return 0, false
	}
	return ns.idMap(uidKind).down(uid, 1)
}

// MakeKGID is make_kgid.
func (ns *UserNamespace) MakeKGID(gid uint32) (uint32, bool) {
	if gid == ^uint32(0) {
		return 0, false
	}
	return ns.idMap(gidKind).down(gid, 1)
}

// FromKUID is from_kuid: kernel uid kuid as ns sees it.
func (ns *UserNamespace) FromKUID(kuid uint32) (uint32, bool) {
	return ns.idMap(uidKind).up(kuid)
}

// FromKGID is from_kgid.
func (ns *UserNamespace) FromKGID(kgid uint32) (uint32, bool) {
	return ns.idMap(gidKind).up(kgid)
}

// UIDMunged is from_kuid_munged: kuid as ns sees it, or the overflow uid.
func (ns *UserNamespace) UIDMunged(kuid uint32) uint32 {
	if id, ok := ns.FromKUID(kuid); ok {
		return id
	}
	return OverflowUID
}

// GIDMunged is from_kgid_munged.
func (ns *UserNamespace) GIDMunged(kgid uint32) uint32 {
	if id, ok := ns.FromKGID(kgid); ok {
		return id
	}
	return OverflowGID
}

// HasUID is kuid_has_mapping.
func (ns *UserNamespace) HasUID(kuid uint32) bool {
	_, ok := ns.FromKUID(kuid)
	return ok
}

// HasGID is kgid_has_mapping.
func (ns *UserNamespace) HasGID(kgid uint32) bool {
	_, ok := ns.FromKGID(kgid)
	return ok
}

// SetgroupsAllowed reports what /proc/<pid>/setgroups shows.
func (ns *UserNamespace) SetgroupsAllowed() bool {
	return ns.Level() == 0 || !ns.setgroupsDenied.Load()
}

// mayUseSetgroups is userns_may_setgroups: a gid map written and
// setgroups not denied.
func (ns *UserNamespace) mayUseSetgroups() bool {
	if ns.Level() == 0 {
		return true
	}
	userNSMapMu.Lock()
	defer userNSMapMu.Unlock()
	return len(ns.idMap(gidKind).Extents) != 0 && !ns.setgroupsDenied.Load()
}

// InitUserNS returns the kernel's object for the initial user namespace.
func (k *Kernel) InitUserNS() *UserNamespace { return k.initUserNS }

// userNSOf returns c's user namespace object (the Kernel's for nil).
func (k *Kernel) userNSOf(c *Cred) *UserNamespace {
	if c.UserNS == nil {
		return k.initUserNS
	}
	return c.UserNS
}

// createUserNS is create_user_ns: a child of c's namespace owned by c's
// euid and egid, and the credentials that go with it (set_cred_user_ns:
// every capability in the new namespace, none inheritable or ambient).
func (k *Kernel) createUserNS(c *Cred, chrooted bool) (*Cred, error) {
	parent := c.UserNS
	if parent.Level() > maxUserNSLevel {
		return nil, linux.ENOSPC
	}
	if chrooted || !parent.HasUID(c.EUID) || !parent.HasGID(c.EGID) {
		return nil, linux.EPERM
	}
	if parent == nil {
		parent = k.initUserNS
	}
	ns := &UserNamespace{k: k, parent: parent, level: parent.Level() + 1,
		owner: c.EUID, group: c.EGID, parentCouldSetfcap: c.Effective.Has(linux.CAP_SETFCAP)}
	ns.inum = k.allocNsInum()
	ns.setgroupsDenied.Store(!parent.SetgroupsAllowed())
	parent.get()
	return credIn(c, ns), nil
}

// credIn is set_cred_user_ns: c moved into ns, with every capability there,
// none inheritable or ambient, and no securebits.
func credIn(c *Cred, ns *UserNamespace) *Cred {
	n := *c
	n.Groups = append([]uint32(nil), c.Groups...)
	n.UserNS = ns
	if ns.Level() == 0 {
		n.UserNS = nil
	}
	n.Effective, n.Permitted, n.Bounding = linux.AllCaps, linux.AllCaps, linux.AllCaps
	n.Inheritable, n.Ambient = 0, 0
	n.Securebits = 0
	return &n
}

// joinUserNS is userns_install: setns(2) into ns, never the caller's own
// namespace, from an fs_struct nobody shares, with CAP_SYS_ADMIN over ns;
// the task gets every capability there.
func (t *Task) joinUserNS(ns *UserNamespace) error {
	c := t.Cred()
	if sameUserNS(ns, c.UserNS) {
		return linux.EINVAL
	}
	fs := t.fsStruct()
	fs.mu.Lock()
	shared := fs.users != 1
	fs.mu.Unlock()
	if shared {
		return linux.EINVAL
	}
	if !c.NsCapable(ns, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	t.SetCred(credIn(c, ns))
	return nil
}
