// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The identity system calls (kernel/sys.c, kernel/groups.c): IDs go in
// and out as the caller's user namespace sees them.

// ngroupsMax is NGROUPS_MAX.
const ngroupsMax = 65536

// Getresuid is getresuid(2); Getuid and Geteuid are its first two.
func (t *Task) Getresuid() (r, e, s uint32) {
	c := t.Cred()
	ns := c.UserNS
	return ns.UIDMunged(c.UID), ns.UIDMunged(c.EUID), ns.UIDMunged(c.SUID)
}

// Getresgid is getresgid(2).
func (t *Task) Getresgid() (r, e, s uint32) {
	c := t.Cred()
	ns := c.UserNS
	return ns.GIDMunged(c.GID), ns.GIDMunged(c.EGID), ns.GIDMunged(c.SGID)
}

// Getuid is getuid(2).
func (t *Task) Getuid() uint32 { r, _, _ := t.Getresuid(); return r }

// Geteuid is geteuid(2).
func (t *Task) Geteuid() uint32 { _, e, _ := t.Getresuid(); return e }

// Getgid is getgid(2).
func (t *Task) Getgid() uint32 { r, _, _ := t.Getresgid(); return r }

// Getegid is getegid(2).
func (t *Task) Getegid() uint32 { _, e, _ := t.Getresgid(); return e }

// Getgroups is getgroups(2).
func (t *Task) Getgroups() []uint32 {
	c := t.Cred()
	out := make([]uint32, len(c.Groups))
	for i, g := range c.Groups {
		out[i] = c.UserNS.GIDMunged(g)
	}
	return out
}

// idChange is one of setres[ug]id's three IDs: -1 keeps the old one.
type idChange struct {
	id  uint32
	set bool
}

// mapIDs turns setres[ug]id's arguments into kernel IDs (EINVAL for one
// the namespace does not map).
func mapIDs(ids [3]uint32, mk func(uint32) (uint32, bool)) ([3]idChange, error) {
	var out [3]idChange
	for i, id := range ids {
		if id == NoChange {
			continue
		}
		k, ok := mk(id)
		if !ok {
			return out, linux.EINVAL
		}
		out[i] = idChange{k, true}
	}
	return out, nil
}

// mayTake reports whether every new ID is one of old (what setresuid
// allows without CAP_SETUID).
func mayTake(ch [3]idChange, old ...uint32) bool {
	for _, c := range ch {
		if c.set && !slices.Contains(old, c.id) {
			return false
		}
	}
	return true
}

// Setresuid is setresuid(2) (__sys_setresuid): without CAP_SETUID over the
// caller's namespace each new ID must be one of the current three; the
// fs uid follows the effective one, and capabilities change as
// cap_task_fix_setuid says.
func (t *Task) Setresuid(r, e, s uint32) error {
	old := t.Cred()
	ch, err := mapIDs([3]uint32{r, e, s}, old.UserNS.MakeKUID)
	if err != nil {
		return err
	}
	if !old.NsCapable(old.UserNS, linux.CAP_SETUID) && !mayTake(ch, old.UID, old.EUID, old.SUID) {
		return linux.EPERM
	}
	n := *old
	for i, p := range []*uint32{&n.UID, &n.EUID, &n.SUID} {
		if ch[i].set {
			*p = ch[i].id
		}
	}
	n.FSUID = n.EUID
	fixSetuidCaps(old, &n)
	t.SetCred(&n)
	return nil
}

// Setuid is setuid(2): with CAP_SETUID every uid becomes uid; without
// it only the effective (and fs) uid may change, to the real or the
// saved one.
func (t *Task) Setuid(uid uint32) error {
	old := t.Cred()
	kuid, ok := old.UserNS.MakeKUID(uid)
	if !ok {
		return linux.EINVAL
	}
	n := *old
	switch {
	case old.NsCapable(old.UserNS, linux.CAP_SETUID):
		n.UID, n.SUID = kuid, kuid
	case kuid != old.UID && kuid != old.SUID:
		return linux.EPERM
	}
	n.EUID, n.FSUID = kuid, kuid
	fixSetuidCaps(old, &n)
	t.SetCred(&n)
	return nil
}

// fixSetuidCaps is cap_task_fix_setuid for a change of uids (unless
// SECBIT_NO_SETUID_FIXUP), root being uid 0 of the task's user
// namespace: the effective set follows the effective uid in and out of
// root, and a task that had root in one of its three uids and has it in
// none loses its ambient set, and its permitted and effective sets too
// unless SECBIT_KEEP_CAPS.
func fixSetuidCaps(old, n *Cred) {
	if old.Securebits&linux.SECBIT_NO_SETUID_FIXUP != 0 {
		return
	}
	root, ok := n.UserNS.MakeKUID(0)
	isRoot := func(id uint32) bool { return ok && id == root }
	anyRoot := func(c *Cred) bool { return isRoot(c.UID) || isRoot(c.EUID) || isRoot(c.SUID) }
	switch wasRoot, nowRoot := isRoot(old.EUID), isRoot(n.EUID); {
	case !wasRoot && nowRoot:
		n.Effective = n.Permitted
	case wasRoot && !nowRoot:
		n.Effective = 0
	}
	if anyRoot(old) && !anyRoot(n) {
		n.Ambient = 0
		if old.Securebits&linux.SECBIT_KEEP_CAPS == 0 {
			n.Permitted, n.Effective = 0, 0
		}
	}
}

// Setresgid is setresgid(2).
func (t *Task) Setresgid(r, e, s uint32) error {
	old := t.Cred()
	ch, err := mapIDs([3]uint32{r, e, s}, old.UserNS.MakeKGID)
	if err != nil {
		return err
	}
	if !old.NsCapable(old.UserNS, linux.CAP_SETGID) && !mayTake(ch, old.GID, old.EGID, old.SGID) {
		return linux.EPERM
	}
	n := *old
	for i, p := range []*uint32{&n.GID, &n.EGID, &n.SGID} {
		if ch[i].set {
			*p = ch[i].id
		}
	}
	n.FSGID = n.EGID
	t.SetCred(&n)
	return nil
}

// Setgid is setgid(2), with setuid's rules for groups.
func (t *Task) Setgid(gid uint32) error {
	old := t.Cred()
	kgid, ok := old.UserNS.MakeKGID(gid)
	if !ok {
		return linux.EINVAL
	}
	n := *old
	switch {
	case old.NsCapable(old.UserNS, linux.CAP_SETGID):
		n.GID, n.SGID = kgid, kgid
	case kgid != old.GID && kgid != old.SGID:
		return linux.EPERM
	}
	n.EGID, n.FSGID = kgid, kgid
	t.SetCred(&n)
	return nil
}

// Setgroups is setgroups(2): CAP_SETGID over the caller's namespace, and
// in a user namespace a gid map written with setgroups not denied
// (may_setgroups); the list is kept sorted (groups_sort).
func (t *Task) Setgroups(groups []uint32) error {
	old := t.Cred()
	if !old.NsCapable(old.UserNS, linux.CAP_SETGID) || !old.UserNS.mayUseSetgroups() {
		return linux.EPERM
	}
	if len(groups) > ngroupsMax {
		return linux.EINVAL
	}
	kg := make([]uint32, len(groups))
	for i, g := range groups {
		k, ok := old.UserNS.MakeKGID(g)
		if !ok {
			return linux.EINVAL
		}
		kg[i] = k
	}
	slices.Sort(kg)
	n := *old
	n.Groups = kg
	t.SetCred(&n)
	return nil
}
