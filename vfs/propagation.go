// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Mount propagation: the behaviour of Linux's fs/pnode.c, in a structure
// of our own.
//
// A shared mount belongs to a peer group, a ring threaded through
// Mount.share whose members carry one groupID. A slave has a master
// (Mount.master) and sits on its master's list of receivers
// (slaveFirst/slaveNext, newest first unless placed beside a sibling).
// An event on a mount reaches every member of its group and, from each
// member, the receivers on its list, recursively. Walking that structure
// depth first, in list and ring order, decides the order in which copies
// are made, and with it mount IDs and the mountinfo order, so the walks
// below must keep their order exactly.
//
// Everything here runs with Kernel.namespaceMu held.

// copyMode says how a copy made by cloneMnt or copyTree relates to the
// mount it copies (the kernel's CL_* flags).
type copyMode int

const (
	copyExpire     copyMode = 1 << iota // CL_EXPIRE
	copyAsSlave                         // CL_SLAVE: the copy receives from the original
	copyUnbindable                      // CL_COPY_UNBINDABLE: keep unbindable mounts
	copyShared                          // CL_MAKE_SHARED: the copy is shared, in a new group if need be
	copyPrivate                         // CL_PRIVATE: no propagation at all
	copyNSFile                          // CL_COPY_MNT_NS_FILE
)

func (m *Mount) isShared() bool     { return m.Flags()&linux.MNT_SHARED != 0 }
func (m *Mount) isSlave() bool      { return m.master != nil }
func (m *Mount) isUnbindable() bool { return m.tflags&tUnbindable != 0 }
func (m *Mount) isMarked() bool     { return m.tflags&tMarked != 0 }

// outsideNamespace reports a mount not in any namespace yet (IS_MNT_NEW):
// a copy being prepared, which neither receives nor passes on events.
func (m *Mount) outsideNamespace() bool { return m.ns.Load() == nil }

// sameGroup reports whether a and b are members of one peer group.
func sameGroup(a, b *Mount) bool { return a.groupID != 0 && a.groupID == b.groupID }

// nextPeer is the member after m in its group's ring (m itself when it
// is alone or has no group); prevPeer the one before.
func (m *Mount) nextPeer() *Mount { return shareOf(m.share.next) }
func (m *Mount) prevPeer() *Mount { return shareOf(m.share.prev) }

// peers yields the members of m's peer group, m first, in ring order.
func (m *Mount) peers(yield func(*Mount) bool) {
	p := m
	for yield(p) {
		if p = p.nextPeer(); p == m {
			return
		}
	}
}

// quitGroup takes m out of its peer group and clears its shared flag.
// The last member of a shared group gives the group's ID back.
func (m *Mount) quitGroup() {
	if m.nextPeer() != m {
		m.share.del()
		m.groupID = 0
	} else if m.isShared() {
		m.dropGroupID()
	}
	m.setFlags(0, linux.MNT_SHARED)
}

// firstReceiver is the first mount on m's list of receivers; a mount
// outside any namespace passes nothing on, whatever its list holds.
func (m *Mount) firstReceiver() *Mount {
	if m.outsideNamespace() {
		return nil
	}
	return m.slaveFirst
}

// newGroup gives m a fresh peer group ID (mnt_alloc_group_id).
func (m *Mount) newGroup() error {
	id, ok := m.sb.k.groupIDs.Alloc()
	if !ok {
		return linux.ENOSPC
	}
	m.groupID = int32(id)
	return nil
}

// dropGroupID gives m's peer group ID back (mnt_release_group_id).
func (m *Mount) dropGroupID() {
	m.sb.k.groupIDs.Free(int(m.groupID))
	m.groupID = 0
}

// markShared is set_mnt_shared; a shared mount cannot stay unbindable.
func (m *Mount) markShared() {
	m.tflags &^= tUnbindable
	m.setFlags(linux.MNT_SHARED, 0)
}

// The receiver lists are singly linked with a back pointer to whatever
// points at the node (the list head or the previous node's slaveNext), so
// that a mount leaves its list in constant time.

// linkAt puts m on a receiver list at *slot, ahead of what is there.
func (m *Mount) linkAt(slot **Mount) {
	m.slaveNext = *slot
	if m.slaveNext != nil {
		m.slaveNext.slavePprev = &m.slaveNext
	}
	*slot = m
	m.slavePprev = slot
}

// joinReceiversFront puts m first on master's list of receivers. It does
// not set m.master.
func (m *Mount) joinReceiversFront(master *Mount) { m.linkAt(&master.slaveFirst) }

// joinReceiversAfter puts m on sibling's list right after sibling.
func (m *Mount) joinReceiversAfter(sibling *Mount) { m.linkAt(&sibling.slaveNext) }

// leaveReceivers takes m off the list it is on, if any.
func (m *Mount) leaveReceivers() {
	if m.slavePprev == nil {
		return
	}
	*m.slavePprev = m.slaveNext
	if m.slaveNext != nil {
		m.slaveNext.slavePprev = m.slavePprev
	}
	m.slaveNext, m.slavePprev = nil, nil
}

// handReceiversTo is transfer_propagation: every receiver of m takes
// heir as its master and moves, in its order, to the front of heir's
// list; with no heir they are set free.
func (m *Mount) handReceiversTo(heir *Mount) {
	if m.slaveFirst == nil {
		return
	}
	if heir == nil {
		for m.slaveFirst != nil {
			s := m.slaveFirst
			s.master = nil
			s.leaveReceivers()
		}
		return
	}
	tail := m.slaveFirst
	for s := m.slaveFirst; s != nil; s = s.slaveNext {
		s.master = heir
		tail = s
	}
	// Splice the whole chain in front of heir's own receivers.
	moved := m.slaveFirst
	m.slaveFirst = nil
	tail.slaveNext = heir.slaveFirst
	if tail.slaveNext != nil {
		tail.slaveNext.slavePprev = &tail.slaveNext
	}
	heir.slaveFirst = moved
	moved.slavePprev = &heir.slaveFirst
}

// leaveGroup takes m, if shared, out of its peer group, and returns the
// mount that now stands in for it as a source of events: the group's next
// member, or m's master when m was the last. m's receivers move to it.
// For a mount that is not shared it is just the master.
func (m *Mount) leaveGroup() *Mount {
	heir := m.master
	if !m.isShared() {
		return heir
	}
	if next := m.nextPeer(); next == m {
		m.dropGroupID()
	} else {
		heir = next
		m.share.del()
		m.groupID = 0
	}
	m.setFlags(0, linux.MNT_SHARED)
	m.handReceiversTo(heir)
	return heir
}

// setPropagation is change_mnt_propagation: give m the propagation type
// typ, one of MS_SHARED, MS_SLAVE, MS_PRIVATE and MS_UNBINDABLE. A mount
// made a slave receives from whatever stood in for it in its old group
// (or keeps its master), at the front of that mount's list; making a
// mount a slave leaves its unbindable mark alone.
func setPropagation(m *Mount, typ uint64) {
	if typ == linux.MS_SHARED {
		m.markShared()
		return
	}
	heir := m.leaveGroup()
	m.leaveReceivers()
	m.master = nil
	switch typ {
	case linux.MS_SLAVE:
		if heir != nil {
			m.master = heir
			m.joinReceiversFront(heir)
		}
	case linux.MS_UNBINDABLE:
		m.tflags |= tUnbindable
	default:
		m.tflags &^= tUnbindable
	}
}

// isSubdir is is_subdir: d is root or lies under it.
func isSubdir(d, root *Dentry) bool { return d == root || root.IsAncestorOf(d) }

// walkStep tells eachReceiver how to go on after a visit.
type walkStep uint8

const (
	stepInto      walkStep = iota // on to what the mount passes events to
	stepPastGroup                 // past the mount, its peers, and all they pass events to
	stepStop                      // end the walk
)

// eachReceiver calls visit for every mount that an event on origin
// reaches, origin excepted, in the order propagation_next meets them: the
// members of origin's group in ring order from origin, each followed by
// the mounts on its list of receivers, each of those followed in turn by
// what it passes on, depth first. A group's peers that receive from one
// master sit together on its list, so skipping a group is skipping a run.
func eachReceiver(origin *Mount, visit func(*Mount) walkStep) {
	for p := origin; ; {
		if p != origin && visit(p) != stepInto {
			return // what is left at the top is all p's peers
		}
		if !receiversOf(p, visit) {
			return
		}
		if p = p.nextPeer(); p == origin {
			return
		}
	}
}

// receiversOf is eachReceiver below m: false when a visit ended the walk.
// A mount outside any namespace passes nothing on.
func receiversOf(m *Mount, visit func(*Mount) walkStep) bool {
	if m.outsideNamespace() {
		return true
	}
	for r := m.slaveFirst; r != nil; {
		switch visit(r) {
		case stepStop:
			return false
		case stepPastGroup:
			next := r.slaveNext
			for next != nil && sameGroup(next, r) {
				next = next.slaveNext
			}
			r = next
			continue
		}
		if !receiversOf(r, visit) {
			return false
		}
		r = r.slaveNext
	}
	return true
}

// groupWalk visits the peer groups that events on origin's group reach,
// depth first, origin's group first (next_group). A group is met as a run:
// the members of origin's ring, or a stretch of a receiver list whose
// members follow one another in their ring too. Each step yields the
// mount that starts the next run.
type groupWalk struct{ origin *Mount }

func (w groupWalk) onTop(m *Mount) bool { return m.groupID == w.origin.groupID }

// runNext returns m's next peer and whether the run goes on to it.
func (w groupWalk) runNext(m *Mount) (*Mount, bool) {
	next := m.nextPeer()
	if w.onTop(m) {
		return next, next != w.origin
	}
	return next, m.slaveNext == next
}

// following returns the start of the run after the one m is in: the
// receivers of the first member, from m on, that has some; else the run
// after m's, on the same list or, when m's list is exhausted, further along
// the run that holds its master.
func (w groupWalk) following(m *Mount) *Mount {
	for {
		for {
			if r := m.firstReceiver(); r != nil {
				return r
			}
			next, more := w.runNext(m)
			if !more {
				if w.onTop(m) {
					return nil
				}
				break
			}
			m = next
		}
		// m ends its run, below the top: climb.
		for {
			if m.slaveNext != nil {
				return m.slaveNext
			}
			up := m.master
			next, more := w.runNext(up)
			if more {
				m = next
				break
			}
			if w.onTop(up) {
				return nil
			}
			m = up
		}
	}
}

// copyPlan is the preparation of a propagated mount (propagate_mnt): one
// copy of source for every mount that receives events from dest and can
// hold mp, each copy set to go on its mount, none made visible. Copies on
// members of one group are peers; the first copy made for a group of
// receivers is a receiver of the copy on the group it receives from.
type copyPlan struct {
	dest   *Mount
	mp     *Dentry
	source *Mount
	// last is the copy made most recently (source before the first);
	// copies are derived from it.
	last   *Mount
	copies []*Mount // in order of making
}

// propagateMnt is propagate_mnt: make the copies of source for every
// mount that receives propagation from dest, with their mountpoints set,
// appended to tree (a reused buffer) newest first, the order in which
// they are committed or, on error, thrown away.
func propagateMnt(dest *Mount, mp *Dentry, source *Mount, tree []*Mount) ([]*Mount, error) {
	pl := copyPlan{dest: dest, mp: mp, source: source, copies: tree}
	err := pl.run()
	slices.Reverse(pl.copies)
	return pl.copies, err
}

// run makes the copies group by group. While it runs, a master that has
// a member with a copy is marked, for masterCopy; the marks go at the end.
func (pl *copyPlan) run() error {
	setMarked(pl.dest.master, true)
	defer func() {
		for _, c := range pl.copies {
			setMarked(c.parent().master, false)
		}
		setMarked(pl.dest.master, false)
	}()
	w := groupWalk{pl.dest}
	for g := pl.dest; g != nil; g = w.following(g) {
		if err := pl.copyRun(g); err != nil {
			return err
		}
	}
	return nil
}

func setMarked(m *Mount, on bool) {
	switch {
	case m == nil:
	case on:
		m.tflags |= tMarked
	default:
		m.tflags &^= tMarked
	}
}

// copyRun makes the copies for the group that g starts, every member of
// its ring (for dest's group, the members other than dest).
func (pl *copyPlan) copyRun(g *Mount) error {
	mode := copyShared
	first := g
	if g == pl.dest {
		pl.last = pl.source
		if first = g.nextPeer(); first == g {
			return nil
		}
	} else {
		mode = copyAsSlave
		if g.isShared() {
			mode |= copyShared
		}
	}
	for n := first; ; {
		if n.canTake(pl.mp) {
			if err := pl.copyFor(n, mode); err != nil {
				return err
			}
			mode = copyShared // the rest are peers of this copy
		}
		if n = n.nextPeer(); n == g {
			return nil
		}
	}
}

// canTake reports whether m takes a propagated mount on mp (need_secondary):
// it is in a namespace and mp lies within its tree.
func (m *Mount) canTake(mp *Dentry) bool {
	return !m.outsideNamespace() && isSubdir(mp, m.root)
}

// copyFor makes n's copy and sets it on (n, mp).
func (pl *copyPlan) copyFor(n *Mount, mode copyMode) error {
	from := pl.last
	if mode&copyAsSlave != 0 {
		from = pl.masterCopy(n)
	}
	c, err := copyTree(from, from.root, mode)
	if err != nil {
		return err
	}
	n.setMountpoint(pl.mp, c)
	setMarked(n.master, true)
	pl.last = c
	pl.copies = append(pl.copies, c)
	return n.ns.Load().countMounts(c)
}

// masterCopy is find_master: which copy n's copy is to receive from.
// Above n, climb its masters to the first one marked (one of its group
// has a copy), or to the top; then go back from the last copy through
// the copies' masters until reaching the copy whose mount receives from
// that marked master. Once at source's group, that is the answer.
func (pl *copyPlan) masterCopy(n *Mount) *Mount {
	below, marked := n, n.master
	for marked != nil && !marked.isMarked() {
		below, marked = marked, marked.master
	}
	c := pl.last
	for !sameGroup(c, pl.source) {
		on := c.parent()
		if on.master == marked {
			if !sameGroup(on, below) {
				c = c.master
			}
			break
		}
		c = c.master
	}
	return c
}

// bareOrTopped reports whether m has no child mounts, or only the one on
// its root.
func (m *Mount) bareOrTopped() bool {
	switch {
	case m.mounts.empty():
		return true
	case m.mounts.next.next != &m.mounts:
		return false
	default:
		return m.overmount != nil
	}
}

// propagateMountBusy is propagate_mount_busy: is m, or one of the mounts
// on the same mountpoint wherever its parent propagates, in use? A mount
// there that has children of its own other than one on its root would
// survive the unmount and does not count.
func propagateMountBusy(m *Mount) bool {
	if !m.mounts.empty() || m.refs.Load() > 0 {
		return true
	}
	parent := m.parent()
	if parent == m {
		return false
	}
	mp := m.mountpoint()
	busy := false
	eachReceiver(parent, func(q *Mount) walkStep {
		if c := q.lookupMntLocked(mp); c != nil && c.bareOrTopped() && c.refs.Load() > 0 {
			busy = true
			return stepStop
		}
		return stepInto
	})
	return busy
}
