// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// ListmountRaw is listmount(2) (fs/namespace.c) with the request as the
// caller's bytes (see StatmountRaw); len(ids) is nr_mnt_ids. It fills ids
// with unique mount IDs below the mount the request names (LSMT_ROOT: the
// root), in ID order or, with LISTMOUNT_REVERSE, newest first, starting
// after the request's param (the last ID of a previous call, 0 for none),
// and returns how many it wrote.
func (t *Task) ListmountRaw(req []byte, ids []uint64, flags uint32) (int, error) {
	if flags&^linux.LISTMOUNT_REVERSE != 0 {
		return 0, linux.EINVAL
	}
	if len(ids) > linux.LISTMOUNT_MAX {
		return 0, linux.EOVERFLOW
	}
	r, err := copyMntIDReq(req)
	if err != nil {
		return 0, err
	}
	if r.Param != 0 && r.Param <= linux.MNT_UNIQUE_ID_OFFSET {
		return 0, linux.EINVAL
	}
	ns, err := t.grabRequestedMntNS(r)
	if err != nil {
		return 0, err
	}
	if r.MntNsID != 0 && ns != t.MountNamespace() && !t.capableOverMntNS(ns) {
		return 0, linux.ENOENT // listmount hides what statmount calls EPERM
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	return t.doListmount(ns, r.MntID, r.Param, ids, flags&linux.LISTMOUNT_REVERSE != 0)
}

// doListmount is do_listmount, under the namespace lock: every mount of
// ns after last whose root lies below the mount named parent (which is
// not listed itself).
func (t *Task) doListmount(ns *MountNamespace, parent, last uint64, ids []uint64, reverse bool) (int, error) {
	root, err := t.grabRequestedRoot(ns)
	if err != nil {
		return 0, err
	}
	orig := root
	if parent != linux.LSMT_ROOT {
		m := ns.lookupMntInNS(parent)
		if m == nil {
			return 0, linux.ENOENT
		}
		orig = Path{m, m.root}
	}
	if !isPathReachable(orig.Mnt, orig.Dentry, root) && !t.capableOverMntNS(ns) {
		return 0, linux.EPERM
	}
	n := 0
	for m := ns.listmountFirst(last, reverse); m != nil && n < len(ids); m = ns.listmntNext(m, reverse) {
		if m.idUnique == parent || !isPathReachable(m, m.root, orig) {
			continue
		}
		ids[n] = m.idUnique
		n++
	}
	return n, nil
}

// listmountFirst is where a listing resumes: the first (or last) mount
// when last is 0, else the next one past last in the listing's direction
// (last+1 wraps to 0 for the largest ID, as the kernel's does).
func (ns *MountNamespace) listmountFirst(last uint64, reverse bool) *Mount {
	switch {
	case last == 0 && reverse:
		return ns.edge(ns.list.prev)
	case last == 0:
		return ns.edge(ns.list.next)
	case reverse:
		return ns.mntFindIDAtReverse(last - 1)
	}
	return ns.mntFindIDAt(last + 1)
}

// edge is the mount at an end of the namespace's list, nil when empty.
func (ns *MountNamespace) edge(l *listHead) *Mount {
	if l == &ns.list {
		return nil
	}
	return nsNodeOf(l)
}

// Listmount is listmount(2) for a Go caller: up to nr IDs.
func (t *Task) Listmount(req MntIDReq, nr int, flags uint32) ([]uint64, error) {
	ids := make([]uint64, nr)
	n, err := t.ListmountRaw(req.Bytes(), ids, flags)
	if err != nil {
		return nil, err
	}
	return ids[:n], nil
}
