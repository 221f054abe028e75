// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Peer groups and receivers: the structure mount propagation runs over
// (propagation.go for mounts, umount.go for unmounts).
//
// A shared mount is a member of a peerGroup, and an event on any member
// reaches every other. The members form a ring (Mount.peerNext, peerPrev):
// its order is the order in which an event reaches them, and a new peer
// joins right after the mount it was copied from. A mount outside any
// group is a ring of its own.
//
// A mount can also receive events from another, its master, without
// passing its own back (a slave). It then sits on its master's list of
// receivers (Mount.recvFirst, then recvNext and recvPrev), newest first
// unless it was placed beside a sibling it was copied from. The members of
// a group that receive from a master all receive from the same one and
// stand together on its list, in ring order (the invariant checker checks
// this); the walks count on it to meet each group once, as one run.
//
// Everything here runs with Kernel.namespaceMu held.

// A group is known by its ID (mnt_group_id, shown as shared:N in
// mountinfo), which every member carries; the ring is its membership, and
// the ID goes back when the last member leaves it.

// groupID returns m's peer group ID, 0 when it has no group.
func (m *Mount) groupID() int32 { return m.group }

// inGroup reports whether m is a member of a peer group.
func (m *Mount) inGroup() bool { return m.group != 0 }

func (m *Mount) isShared() bool     { return m.Flags()&linux.MNT_SHARED != 0 }
func (m *Mount) isSlave() bool      { return m.master != nil }
func (m *Mount) isUnbindable() bool { return m.tflags&tUnbindable != 0 }

// peersOf reports whether a and b are members of one peer group.
func peersOf(a, b *Mount) bool { return a.group != 0 && a.group == b.group }

// nextPeer is the member after m in its group's ring, prevPeer the one
// before: m itself when it is alone or has no group.
func (m *Mount) nextPeer() *Mount { return m.peerNext }
func (m *Mount) prevPeer() *Mount { return m.peerPrev }

// peers yields the members of m's peer group, m first, in ring order.
func (m *Mount) peers(yield func(*Mount) bool) {
	p := m
	for yield(p) {
		if p = p.peerNext; p == m {
			return
		}
	}
}

// newGroup puts m, which has no group, alone in a new one with a fresh ID
// (mnt_alloc_group_id). It does not make m shared.
func (m *Mount) newGroup() error {
	id, ok := m.sb.k.groupIDs.Alloc()
	if !ok {
		return linux.ENOSPC
	}
	m.group = int32(id)
	return nil
}

// joinAfter puts m, which has no group, in p's group, right after p in
// its ring.
func (m *Mount) joinAfter(p *Mount) {
	m.group = p.group
	m.peerPrev, m.peerNext = p, p.peerNext
	p.peerNext.peerPrev = m
	p.peerNext = m
}

// quitGroup takes m out of its peer group, if any, and clears its shared
// flag; the last member to leave gives the group's ID back.
func (m *Mount) quitGroup() {
	if g := m.group; g != 0 {
		last := m.peerNext == m
		m.peerPrev.peerNext, m.peerNext.peerPrev = m.peerNext, m.peerPrev
		m.peerNext, m.peerPrev = m, m
		m.group = 0
		if last {
			m.sb.k.groupIDs.Free(int(g))
		}
	}
	m.setFlags(0, linux.MNT_SHARED)
}

// markShared is set_mnt_shared; a shared mount cannot stay unbindable.
func (m *Mount) markShared() {
	m.tflags &^= tUnbindable
	m.setFlags(linux.MNT_SHARED, 0)
}

// receiveFrom makes r, which receives from nothing, a receiver of master,
// first on its list.
func (r *Mount) receiveFrom(master *Mount) {
	r.master = master
	r.recvPrev, r.recvNext = nil, master.recvFirst
	if r.recvNext != nil {
		r.recvNext.recvPrev = r
	}
	master.recvFirst = r
}

// receiveBeside makes r, which receives from nothing, a receiver of
// sibling's master, right after sibling on its list.
func (r *Mount) receiveBeside(sibling *Mount) {
	r.master = sibling.master
	r.recvPrev, r.recvNext = sibling, sibling.recvNext
	if r.recvNext != nil {
		r.recvNext.recvPrev = r
	}
	sibling.recvNext = r
}

// stopReceiving takes r off its master's list, if it is on one, and
// clears its master.
func (r *Mount) stopReceiving() {
	if r.master == nil {
		return
	}
	if r.recvPrev != nil {
		r.recvPrev.recvNext = r.recvNext
	} else {
		r.master.recvFirst = r.recvNext
	}
	if r.recvNext != nil {
		r.recvNext.recvPrev = r.recvPrev
	}
	r.master, r.recvPrev, r.recvNext = nil, nil, nil
}

// handReceiversTo is transfer_propagation: m's receivers, in their order,
// go to the front of heir's list and receive from heir; with no heir they
// receive from nothing any more.
func (m *Mount) handReceiversTo(heir *Mount) {
	first := m.recvFirst
	if first == nil {
		return
	}
	m.recvFirst = nil
	if heir == nil {
		for r := first; r != nil; {
			next := r.recvNext
			r.master, r.recvPrev, r.recvNext = nil, nil, nil
			r = next
		}
		return
	}
	last := first
	for r := first; r != nil; r = r.recvNext {
		r.master = heir
		last = r
	}
	last.recvNext = heir.recvFirst
	if last.recvNext != nil {
		last.recvNext.recvPrev = last
	}
	heir.recvFirst = first
}

// setPropagation is change_mnt_propagation: give m the propagation type
// typ, one of MS_SHARED, MS_SLAVE, MS_PRIVATE and MS_UNBINDABLE. A shared
// mount that stops being one leaves its group, and what it passed events
// on to goes to the peer after it, or to its master when it was alone. As
// a slave, m then receives from that same mount, first on its list, or
// keeps its master. Making a mount a slave leaves its unbindable mark
// alone.
func setPropagation(m *Mount, typ uint64) {
	switch typ {
	case linux.MS_SHARED:
		m.markShared()
	case linux.MS_SLAVE:
		if from := m.leavePropagation(); from != nil {
			m.receiveFrom(from)
		}
	case linux.MS_UNBINDABLE:
		m.leavePropagation()
		m.tflags |= tUnbindable
	default:
		m.leavePropagation()
		m.tflags &^= tUnbindable
	}
}

// leavePropagation takes m out of its peer group, handing its receivers
// on, and off its master's list. It returns where m would receive from as
// a slave: the heir its receivers went to when it was shared, else its
// master (nil for none).
func (m *Mount) leavePropagation() *Mount {
	from := m.master
	if m.isShared() {
		if next := m.nextPeer(); next != m {
			from = next
		}
		m.quitGroup()
		m.handReceiversTo(from)
	}
	m.stopReceiving()
	return from
}
