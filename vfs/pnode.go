// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Propagation, after fs/pnode.c. Every function here needs
// Kernel.namespaceMu held.

// Clone flags (CL_*) for cloneMnt and copyTree.
const (
	clExpire         = 0x01
	clSlave          = 0x02
	clCopyUnbindable = 0x04
	clMakeShared     = 0x08
	clPrivate        = 0x10
	clCopyMntNSFile  = 0x40
)

func (m *Mount) isShared() bool     { return m.Flags()&linux.MNT_SHARED != 0 }
func (m *Mount) isSlave() bool      { return m.master != nil }
func (m *Mount) isUnbindable() bool { return m.tflags&tUnbindable != 0 }
func (m *Mount) isMarked() bool     { return m.tflags&tMarked != 0 }
func (m *Mount) isNew() bool        { return m.ns.Load() == nil }

// peers reports whether a and b are in one peer group.
func peers(a, b *Mount) bool { return a.groupID == b.groupID && a.groupID != 0 }

func nextPeer(m *Mount) *Mount { return shareOf(m.share.next) }

// allocGroupID is mnt_alloc_group_id.
func (m *Mount) allocGroupID() error {
	id, ok := m.sb.k.groupIDs.Alloc()
	if !ok {
		return linux.ENOSPC
	}
	m.groupID = int32(id)
	return nil
}

// releaseGroupID is mnt_release_group_id.
func (m *Mount) releaseGroupID() {
	m.sb.k.groupIDs.Free(int(m.groupID))
	m.groupID = 0
}

// setShared is set_mnt_shared: shared and unbindable exclude each other.
func (m *Mount) setShared() {
	m.tflags &^= tUnbindable
	m.setFlags(linux.MNT_SHARED, 0)
}

// slave list (an hlist: mnt_slave_list is the head, mnt_slave the node).

func (m *Mount) slaveAddHead(master *Mount) {
	m.slaveNext = master.slaveFirst
	if m.slaveNext != nil {
		m.slaveNext.slavePprev = &m.slaveNext
	}
	master.slaveFirst = m
	m.slavePprev = &master.slaveFirst
}

// slaveAddBehind is hlist_add_behind(&m->mnt_slave, &prev->mnt_slave).
func (m *Mount) slaveAddBehind(prev *Mount) {
	m.slaveNext = prev.slaveNext
	prev.slaveNext = m
	m.slavePprev = &prev.slaveNext
	if m.slaveNext != nil {
		m.slaveNext.slavePprev = &m.slaveNext
	}
}

func (m *Mount) slaveDel() {
	if m.slavePprev == nil {
		return
	}
	*m.slavePprev = m.slaveNext
	if m.slaveNext != nil {
		m.slaveNext.slavePprev = m.slavePprev
	}
	m.slaveNext, m.slavePprev = nil, nil
}

// transferPropagation is transfer_propagation: m's slaves become slaves of
// to (or free, if to is nil), ahead of to's own.
func transferPropagation(m, to *Mount) {
	var last *Mount
	for s := m.slaveFirst; s != nil; {
		next := s.slaveNext
		s.master = to
		if to == nil {
			s.slaveDel()
		} else {
			last = s
		}
		s = next
	}
	if last == nil {
		return
	}
	first := m.slaveFirst
	last.slaveNext = to.slaveFirst
	if to.slaveFirst != nil {
		to.slaveFirst.slavePprev = &last.slaveNext
	}
	to.slaveFirst = first
	first.slavePprev = &to.slaveFirst
	m.slaveFirst = nil
}

// changeMntPropagation is change_mnt_propagation.
func changeMntPropagation(m *Mount, typ uint64) {
	master := m.master
	if typ == linux.MS_SHARED {
		m.setShared()
		return
	}
	if m.isShared() {
		if m.share.empty() {
			m.releaseGroupID()
		} else {
			master = nextPeer(m)
			m.share.del()
			m.groupID = 0
		}
		m.setFlags(0, linux.MNT_SHARED)
		transferPropagation(m, master)
	}
	m.slaveDel()
	if typ == linux.MS_SLAVE {
		m.master = master
		if master != nil {
			m.slaveAddHead(master)
		}
		return
	}
	m.master = nil
	if typ == linux.MS_UNBINDABLE {
		m.tflags |= tUnbindable
	} else {
		m.tflags &^= tUnbindable
	}
}

func willBeUnmounted(m *Mount) bool { return m.Flags()&linux.MNT_UMOUNT != 0 }

// traceTransfers is trace_transfers (for bulk_make_private).
func traceTransfers(m *Mount) *Mount {
	for {
		next := nextPeer(m)
		if next != m {
			m.share.del()
			m.groupID = 0
			m.master = next
		} else {
			if m.isShared() {
				m.releaseGroupID()
			}
			next = m.master
		}
		m.slaveDel()
		m.setFlags(0, linux.MNT_SHARED)
		m.tflags |= tMarked
		if next == nil || !willBeUnmounted(next) {
			return next
		}
		if next.isMarked() {
			return next.master
		}
		m = next
	}
}

func setDestinations(m, master *Mount) {
	for {
		next := m.master
		if next == master {
			return
		}
		m.master = master
		m = next
	}
}

// bulkMakePrivate is bulk_make_private: make every mount of set (being
// unmounted) private, handing what propagated through them onwards.
func bulkMakePrivate(set *umountList) {
	for n := set.head.next; n != &set.head; n = n.next {
		if m := umountNodeOf(n); !m.isMarked() {
			setDestinations(m, traceTransfers(m))
		}
	}
	for n := set.head.next; n != &set.head; n = n.next {
		m := umountNodeOf(n)
		transferPropagation(m, m.master)
		m.master = nil
		m.tflags &^= tMarked
	}
}

// propagationNextAfter is __propagation_next.
func propagationNextAfter(m, origin *Mount) *Mount {
	for {
		master := m.master
		if master == origin.master {
			next := nextPeer(m)
			if next == origin {
				return nil
			}
			return next
		} else if m.slaveNext != nil {
			return m.slaveNext
		}
		m = master
	}
}

// propagationNext is propagation_next: the next mount in the propagation
// tree of origin.
func propagationNext(m, origin *Mount) *Mount {
	if !m.isNew() && m.slaveFirst != nil {
		return m.slaveFirst
	}
	return propagationNextAfter(m, origin)
}

// skipPropagationSubtree is skip_propagation_subtree.
func skipPropagationSubtree(m, origin *Mount) *Mount {
	p := propagationNextAfter(m, origin)
	for p != nil && peers(m, p) {
		p = propagationNextAfter(p, origin)
	}
	return p
}

// nextGroup is next_group: the first mount of the next peer group in a
// depth-first walk of origin's propagation tree.
func nextGroup(m, origin *Mount) *Mount {
	for {
		for {
			if !m.isNew() && m.slaveFirst != nil {
				return m.slaveFirst
			}
			next := nextPeer(m)
			if m.groupID == origin.groupID {
				if next == origin {
					return nil
				}
			} else if m.slaveNext != next {
				break
			}
			m = next
		}
		// m is the last peer
		for {
			master := m.master
			if m.slaveNext != nil {
				return m.slaveNext
			}
			m = nextPeer(master)
			if master.groupID == origin.groupID {
				break
			}
			if master.slaveNext == m {
				break
			}
			m = master
		}
		if m == origin {
			return nil
		}
	}
}

// needSecondary is need_secondary.
func needSecondary(m *Mount, mp *Dentry) bool {
	if m.isNew() {
		return false
	}
	return isSubdir(mp, m.root)
}

// isSubdir is is_subdir: d is root or lies under it.
func isSubdir(d, root *Dentry) bool { return d == root || root.IsAncestorOf(d) }

// findMaster is find_master.
func findMaster(m, lastCopy, original *Mount) *Mount {
	var p *Mount
	for {
		p = m.master
		if p == nil || p.isMarked() {
			break
		}
		m = p
	}
	for !peers(lastCopy, original) {
		parent := lastCopy.parent()
		if parent.master == p {
			if !peers(parent, m) {
				lastCopy = lastCopy.master
			}
			break
		}
		lastCopy = lastCopy.master
	}
	return lastCopy
}

// propagateMnt is propagate_mnt: make the copies of source for every mount
// that receives propagation from dest, with their mountpoints set. The
// copies are returned newest first, as the kernel's tree_list holds them.
// (The local "copy" is the kernel's name for the last copy made.) The
// copies are appended to tree, which may be a reused buffer.
func propagateMnt(dest *Mount, mp *Dentry, source *Mount, tree []*Mount) ([]*Mount, error) {
	if dest.master != nil {
		dest.master.tflags |= tMarked
	}
	var err error
	copy := source
	for m := dest; m != nil && err == nil; m = nextGroup(m, dest) {
		var typ int
		var n *Mount
		if m == dest {
			copy, typ = source, clMakeShared
			if n = nextPeer(m); n == m {
				continue
			}
		} else {
			typ = clSlave
			if m.isShared() {
				typ |= clMakeShared
			}
			n = m
		}
		for {
			if needSecondary(n, mp) {
				if typ&clSlave != 0 {
					copy = findMaster(n, copy, source)
				}
				var this *Mount
				if this, err = copyTree(copy, copy.root, typ); err != nil {
					break
				}
				n.setMountpoint(mp, this)
				if n.master != nil {
					n.master.tflags |= tMarked
				}
				copy = this
				tree = append(tree, this)
				if err = n.ns.Load().countMounts(this); err != nil {
					break
				}
				typ = clMakeShared
			}
			if n = nextPeer(n); n == m {
				break
			}
		}
	}
	for _, c := range tree {
		if p := c.parent(); p.master != nil {
			p.master.tflags &^= tMarked
		}
	}
	if dest.master != nil {
		dest.master.tflags &^= tMarked
	}
	slices.Reverse(tree) // the kernel's tree_list is built head-first
	return tree, err
}

// propagateMountBusy is propagate_mount_busy: would unmounting m (and what
// its parent propagates) find something in use?
func propagateMountBusy(m *Mount) bool {
	if !m.mounts.empty() || m.refs.Load() > 0 {
		return true
	}
	parent := m.parent()
	if parent == m {
		return false
	}
	mp := m.mountpoint()
	for q := propagationNext(parent, parent); q != nil; q = propagationNext(q, parent) {
		child := q.lookupMntLocked(mp)
		if child == nil {
			continue
		}
		if !child.mounts.empty() && (child.mounts.next.next != &child.mounts || child.overmount == nil) {
			continue
		}
		if child.refs.Load() > 0 {
			return true
		}
	}
	return false
}
