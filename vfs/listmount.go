// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"iter"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

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

// doListmount is do_listmount's work, under the namespace lock: the IDs
// of ns's mounts that lie in the subtree of the mount named top, taken in
// the listing's direction from where the previous call stopped.
func (t *Task) doListmount(ns *MountNamespace, top, last uint64, ids []uint64, reverse bool) (int, error) {
	scope, err := t.listmountScope(ns, top)
	if err != nil {
		return 0, err
	}
	n := 0
	for m := range ns.mountsFrom(resumeCursor(last, reverse), reverse) {
		if n == len(ids) {
			break
		}
		if scope.holds(m) {
			ids[n] = m.idUnique
			n++
		}
	}
	return n, nil
}

// listScope is the subtree a listing covers: mounts whose root can be
// reached from under, except the mount the caller named (which is not
// its own child). LSMT_ROOT names no mount, so skip is nil then and the
// root mount is listed too.
type listScope struct {
	under Path
	skip  *Mount
}

func (sc listScope) holds(m *Mount) bool {
	return m != sc.skip && isPathReachable(m, m.root, sc.under)
}

// listmountScope turns listmount's mnt_id into the subtree to list. The
// caller's root (or ns's, for a foreign namespace) stands for LSMT_ROOT;
// a named mount must exist in ns and, unless the caller is privileged
// over ns, lie beneath that root.
func (t *Task) listmountScope(ns *MountNamespace, id uint64) (listScope, error) {
	root, err := t.grabRequestedRoot(ns)
	if err != nil {
		return listScope{}, err
	}
	if id == linux.LSMT_ROOT {
		return listScope{under: root}, nil
	}
	m := ns.lookupMntInNS(id)
	if m == nil {
		return listScope{}, linux.ENOENT
	}
	if !isPathReachable(m, m.root, root) && !t.capableOverMntNS(ns) {
		return listScope{}, linux.EPERM
	}
	return listScope{under: Path{m, m.root}, skip: m}, nil
}

// resumeCursor is the ID a listing continues from, given the last ID the
// caller already has (0: none). Forward that is the next ID up, and 0+1
// lies below every unique ID; in reverse the next one down, and 0-1 wraps
// to the top. The forward step also wraps, from the largest ID to 0,
// which restarts the listing as Linux's does.
func resumeCursor(last uint64, reverse bool) uint64 {
	if reverse {
		return last - 1
	}
	return last + 1
}

// mountsFrom walks ns's mounts in unique-ID order starting at cursor:
// forward from the first whose ID is cursor or more, in reverse from the
// last whose ID is cursor or less. namespaceMu held.
func (ns *MountNamespace) mountsFrom(cursor uint64, reverse bool) iter.Seq[*Mount] {
	return func(yield func(*Mount) bool) {
		var m *Mount
		if reverse {
			m = ns.mntFindIDAtReverse(cursor)
		} else {
			m = ns.mntFindIDAt(cursor)
		}
		for ; m != nil; m = ns.listmntNext(m, reverse) {
			if !yield(m) {
				return
			}
		}
	}
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
