// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"encoding/binary"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// What statmount(2) and listmount(2) share: the request (struct
// mnt_id_req), the namespace it names, and the mounts of that namespace by
// unique ID (fs/namespace.c).

// MntIDReq is struct mnt_id_req.
type MntIDReq struct {
	// Size is the size the caller declares; 0 stands for
	// MNT_ID_REQ_SIZE_VER1 in Bytes.
	Size uint32
	// MntNsFd is a /proc/<pid>/ns/mnt descriptor naming the namespace
	// (the field was "spare" before 6.18); 0 for none.
	MntNsFd uint32
	MntID   uint64
	// Param is statmount's mask, or the last ID listmount gave (0 to start).
	Param   uint64
	MntNsID uint64
}

// Bytes lays the request out as a C caller would, Size bytes long (a size
// past the struct gets a zero tail).
func (r MntIDReq) Bytes() []byte {
	size := int(r.Size)
	if size == 0 {
		size = linux.MNT_ID_REQ_SIZE_VER1
	}
	b := make([]byte, max(size, linux.MNT_ID_REQ_SIZE_VER1))
	le := binary.LittleEndian
	le.PutUint32(b[linux.MNT_ID_REQ_OFF_SIZE:], uint32(size))
	le.PutUint32(b[linux.MNT_ID_REQ_OFF_MNT_NS_FD:], r.MntNsFd)
	le.PutUint64(b[linux.MNT_ID_REQ_OFF_MNT_ID:], r.MntID)
	le.PutUint64(b[linux.MNT_ID_REQ_OFF_PARAM:], r.Param)
	le.PutUint64(b[linux.MNT_ID_REQ_OFF_MNT_NS_ID:], r.MntNsID)
	return b[:max(size, 4)]
}

// copyMntIDReq is copy_mnt_id_req: the size the request declares decides
// how much of b is read (EFAULT past b's end). Both calls refuse a
// namespace named twice and an ID no mount can have.
func copyMntIDReq(b []byte) (MntIDReq, error) {
	if len(b) < 4 {
		return MntIDReq{}, linux.EFAULT // get_user of the size
	}
	le := binary.LittleEndian
	usize := le.Uint32(b)
	if usize > pageSize {
		return MntIDReq{}, linux.E2BIG
	}
	if usize < linux.MNT_ID_REQ_SIZE_VER0 {
		return MntIDReq{}, linux.EINVAL
	}
	if int(usize) > len(b) {
		return MntIDReq{}, linux.EFAULT
	}
	k, err := CopyStructFromUser(linux.MNT_ID_REQ_SIZE_VER1, b[:usize])
	if err != nil {
		return MntIDReq{}, err
	}
	r := MntIDReq{
		Size:    usize,
		MntNsFd: le.Uint32(k[linux.MNT_ID_REQ_OFF_MNT_NS_FD:]),
		MntID:   le.Uint64(k[linux.MNT_ID_REQ_OFF_MNT_ID:]),
		Param:   le.Uint64(k[linux.MNT_ID_REQ_OFF_PARAM:]),
		MntNsID: le.Uint64(k[linux.MNT_ID_REQ_OFF_MNT_NS_ID:]),
	}
	if r.MntNsFd != 0 && r.MntNsID != 0 {
		return r, linux.EINVAL
	}
	if r.MntID <= linux.MNT_UNIQUE_ID_OFFSET {
		return r, linux.EINVAL
	}
	return r, nil
}

// mntNSTable is the kernel's mount namespaces by ID (the namespace tree
// lookup_mnt_ns searches): a namespace is in it from its creation until
// its last user (task or open namespace file) lets go. Anonymous ones
// (fsmount, open_tree) are never in it.
type mntNSTable struct {
	mu   sync.Mutex
	byID map[uint64]*MountNamespace
}

// add enters ns under its ID (mnt_ns_tree_add).
func (tb *mntNSTable) add(ns *MountNamespace) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if tb.byID == nil {
		tb.byID = make(map[uint64]*MountNamespace)
	}
	tb.byID[ns.seq] = ns
}

// remove takes ns out (mnt_ns_tree_remove).
func (tb *mntNSTable) remove(ns *MountNamespace) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	delete(tb.byID, ns.seq)
}

// lookup is lookup_mnt_ns.
func (tb *mntNSTable) lookup(id uint64) *MountNamespace {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return tb.byID[id]
}

// ID returns the namespace's ID, what statmount(2) reports as mnt_ns_id
// and a request's mnt_ns_id names; 0 for an anonymous namespace.
func (ns *MountNamespace) ID() uint64 {
	if ns.anon {
		return 0
	}
	return ns.seq
}

// grabRequestedMntNS is grab_requested_mnt_ns: the namespace a request
// names by ID or by descriptor, else the caller's.
func (t *Task) grabRequestedMntNS(r MntIDReq) (*MountNamespace, error) {
	switch {
	case r.MntNsID != 0:
		ns := t.k.mntNS.lookup(r.MntNsID)
		if ns == nil {
			return nil, linux.ENOENT
		}
		return ns, nil
	case r.MntNsFd != 0:
		return t.mntNSOfFd(int(r.MntNsFd))
	}
	return t.MountNamespace(), nil
}

// mntNSOfFd is the descriptor case: an open (not O_PATH) nsfs file of a
// mount namespace.
func (t *Task) mntNSOfFd(fd int) (*MountNamespace, error) {
	var ns *MountNamespace
	err := t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF // CLASS(fd) does not see O_PATH files
		}
		n, ok := f.Inode().Private.(*MountNamespace)
		if !t.k.isNsFile(f) || !ok {
			return linux.EINVAL
		}
		ns = n
		return nil
	})
	return ns, err
}

// capableOverMntNS is ns_capable_noaudit(ns->user_ns, CAP_SYS_ADMIN): may
// the caller look at mounts of ns it cannot reach from its root.
func (t *Task) capableOverMntNS(ns *MountNamespace) bool {
	return t.Cred().NsCapable(ns.ownerNS(), linux.CAP_SYS_ADMIN)
}

// mntFindIDAt is mnt_find_id_at: the namespace's first mount whose unique
// ID is id or more. namespaceMu held.
func (ns *MountNamespace) mntFindIDAt(id uint64) *Mount {
	for l := ns.list.next; l != &ns.list; l = l.next {
		if m := nsNodeOf(l); m.idUnique >= id {
			return m
		}
	}
	return nil
}

// mntFindIDAtReverse is mnt_find_id_at_reverse: the last mount whose
// unique ID is id or less.
func (ns *MountNamespace) mntFindIDAtReverse(id uint64) *Mount {
	for l := ns.list.prev; l != &ns.list; l = l.prev {
		if m := nsNodeOf(l); m.idUnique <= id {
			return m
		}
	}
	return nil
}

// lookupMntInNS is lookup_mnt_in_ns: the mount with exactly that ID.
func (ns *MountNamespace) lookupMntInNS(id uint64) *Mount {
	if m := ns.mntFindIDAt(id); m != nil && m.idUnique == id {
		return m
	}
	return nil
}

// listmntNext is listmnt_next: the neighbour in ID order, nil at the end.
func (ns *MountNamespace) listmntNext(m *Mount, reverse bool) *Mount {
	l := m.nsNode.next
	if reverse {
		l = m.nsNode.prev
	}
	if l == &ns.list {
		return nil
	}
	return nsNodeOf(l)
}

// grabRequestedRoot is grab_requested_root: the root paths are reckoned
// from. The caller's own when ns is its namespace; for another, the first
// mount (after the namespace's root, in ID order) that sits on that root.
func (t *Task) grabRequestedRoot(ns *MountNamespace) (Path, error) {
	if ns == t.MountNamespace() {
		return t.Root(), nil
	}
	if ns.list.empty() || ns.root == nil || ns.root.ns.Load() != ns {
		return Path{}, linux.ENOENT
	}
	for m := ns.listmntNext(ns.root, false); m != nil; m = ns.listmntNext(m, false) {
		if m.parent() == ns.root {
			return Path{m, m.root}, nil
		}
	}
	return Path{}, linux.ENOENT
}
