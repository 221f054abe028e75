// SPDX-License-Identifier: Apache-2.0

package vfs

// Mount propagation: the behaviour of Linux's fs/pnode.c over the
// structure of peers.go.
//
// Two walks run over peer groups and receiver lists. eachReceiver meets
// mounts one by one, for unmounts; a propagation plan meets whole groups,
// for new mounts. Both go depth first, in ring and list order, and that
// order decides which copies are made first, hence their mount IDs and
// their places in mountinfo: it must be the kernel's exactly.
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

// outsideNamespace reports a mount not in any namespace yet (IS_MNT_NEW):
// a copy being prepared, which neither receives nor passes on events.
func (m *Mount) outsideNamespace() bool { return m.ns.Load() == nil }

// isSubdir is is_subdir: d is root or lies under it.
func isSubdir(d, root *Dentry) bool { return d == root || root.IsAncestorOf(d) }

// canTake reports whether m takes a copy of a mount propagated onto mp
// (need_secondary): it is in a namespace and mp lies within its tree.
func (m *Mount) canTake(mp *Dentry) bool {
	return !m.outsideNamespace() && isSubdir(mp, m.root)
}

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
	for r := m.recvFirst; r != nil; {
		switch visit(r) {
		case stepStop:
			return false
		case stepPastGroup:
			r = afterRun(r)
			continue
		}
		if !receiversOf(r, visit) {
			return false
		}
		r = r.recvNext
	}
	return true
}

// afterRun returns the first mount after r on its master's list that is
// not r's peer.
func afterRun(r *Mount) *Mount {
	next := r.recvNext
	for next != nil && peersOf(next, r) {
		next = next.recvNext
	}
	return next
}

// A propagation plan is propagate_mnt in two steps. plan walks the peer
// groups an event on dest reaches and writes down every mount that is to
// get a copy, in the order the copies are to be made, changing nothing.
// makeCopies then makes them in that order.
//
// The walk goes over groups depth first: dest's group, then, for each of
// its members in ring order from dest, the groups on that member's list of
// receivers, each followed by the groups below it. Each group's copies
// come when the walk reaches it: one for each member, in ring order, that
// is in a namespace and sees the mountpoint (in dest's group, the members
// other than dest). The copies in one group are peers. The first copy in
// any other group receives from the latest copy of a group above it; see
// feederOf for which.
//
// The kernel copies as it walks, and a copy can join a ring or a list the
// walk has yet to cover (when the mount being moved in is itself among the
// receivers, scenario mount/162). It does so only as a mount outside any
// namespace, which gets no copy and passes nothing on, so walking first
// comes to the same copies in the same order.
type propagationPlan struct {
	mp     *Dentry
	groups []planGroup // in walk order; groups[0] is dest's
	stops  []planStop  // in copy order
	// fed tells, for each list of receivers the walk went down (a
	// planGroup's via), whether a group found on it has a copy yet.
	fed []bool
}

// planGroup is a peer group met by the walk (a lone slave is a group of
// one).
type planGroup struct {
	up     int32 // the group whose member it receives from; -1 for dest's
	via    int32 // the list it was found on, an index into fed; -1 for dest's
	shared bool  // its copies are to be shared
	// Set while the copies are made.
	feeder int32  // the group its copies receive from
	last   *Mount // its latest copy; for dest's group, source until one is made
}

// planStop is a mount to get a copy, and its group.
type planStop struct {
	at    *Mount
	group int32
}

// propagateMnt is propagate_mnt: make a copy of source for every mount
// that receives propagation from dest and can hold mp, each set to go on
// its mount at mp but not visible yet. They are appended to copies (a
// reused buffer) in the order they were made; on error, copies holds those
// made so far.
func propagateMnt(dest *Mount, mp *Dentry, source *Mount, copies []*Mount) ([]*Mount, error) {
	k := dest.sb.k
	pl := k.plan // the zero plan if a propagation further up the stack holds it
	k.plan = nil
	if pl == nil {
		pl = new(propagationPlan)
	}
	defer func() {
		clear(pl.groups)
		clear(pl.stops)
		pl.groups, pl.stops, pl.fed, pl.mp = pl.groups[:0], pl.stops[:0], pl.fed[:0], nil
		k.plan = pl
	}()
	pl.plan(dest, mp)
	return pl.makeCopies(source, copies)
}

// plan writes down the copies to make for a mount on (dest, mp).
func (pl *propagationPlan) plan(dest *Mount, mp *Dentry) {
	pl.mp = mp
	pl.groups = append(pl.groups, planGroup{up: -1, via: -1, shared: true})
	for p := dest.nextPeer(); p != dest; p = p.nextPeer() {
		pl.stopAt(p, 0)
	}
	for p := dest; ; {
		pl.groupsBelow(p, 0)
		if p = p.nextPeer(); p == dest {
			return
		}
	}
}

// stopAt writes down m, a member of group g, if it takes a copy.
func (pl *propagationPlan) stopAt(m *Mount, g int32) {
	if m.canTake(pl.mp) {
		pl.stops = append(pl.stops, planStop{m, g})
	}
}

// groupsBelow writes down the groups on m's list of receivers, m being a
// member of group up, each followed by those below it.
func (pl *propagationPlan) groupsBelow(m *Mount, up int32) {
	if m.outsideNamespace() || m.recvFirst == nil {
		return
	}
	via := int32(len(pl.fed))
	pl.fed = append(pl.fed, false)
	for r := m.recvFirst; r != nil; r = afterRun(r) {
		g := int32(len(pl.groups))
		pl.groups = append(pl.groups, planGroup{up: up, via: via, shared: r.isShared()})
		for p := r; ; {
			pl.stopAt(p, g)
			if p = p.nextPeer(); p == r {
				break
			}
		}
		for p := r; ; {
			pl.groupsBelow(p, g)
			if p = p.nextPeer(); p == r {
				break
			}
		}
	}
}

// makeCopies makes the copies of source the plan lists, in order, and
// appends them to copies. On error, copies holds those made so far.
func (pl *propagationPlan) makeCopies(source *Mount, copies []*Mount) ([]*Mount, error) {
	pl.groups[0].last = source
	latest := int32(0) // the group of the latest copy
	for _, st := range pl.stops {
		g := &pl.groups[st.group]
		from, mode := g.last, copyShared
		if from == nil {
			g.feeder = pl.feederOf(st.group, latest)
			from, mode = pl.groups[g.feeder].last, copyAsSlave
			if g.shared {
				mode |= copyShared
			}
		}
		c, err := copyTree(from, from.root, mode)
		if err != nil {
			return copies, err
		}
		st.at.setMountpoint(pl.mp, c)
		copies = append(copies, c)
		g.last = c
		if g.via >= 0 {
			pl.fed[g.via] = true
		}
		latest = st.group
		if err := st.at.ns.Load().countMounts(c); err != nil {
			return copies, err
		}
	}
	return copies, nil
}

// feederOf picks the group whose latest copy the copies for group g are
// to receive from (find_master), latest being the group of the latest
// copy made. It goes by the lists the walk went down:
//
//   - the level: going up from g, the first group found on a list that
//     already led to a copy (by g's own list, an earlier group on it);
//     dest's group if there is none;
//   - from latest, follow the groups' feeders up to a group found on the
//     level's list. If that is the level itself, it feeds g; if it is
//     another group on that list, its own feeder does. If dest's group
//     comes first, it feeds g.
//
// This is mostly g's nearest group above with a copy. It is not when the
// latest copies were made below a group that got none, on a list the
// level shares: their feeders pass over the level, and the copies for g
// receive from dest's group (scenario mount/160 checks it against the
// kernel).
func (pl *propagationPlan) feederOf(g, latest int32) int32 {
	level := g
	for level != 0 && !pl.fed[pl.groups[level].via] {
		level = pl.groups[level].up
	}
	n := latest
	for n != 0 && pl.groups[n].via != pl.groups[level].via {
		n = pl.groups[n].feeder
	}
	if n == 0 || n == level {
		return n
	}
	return pl.groups[n].feeder
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
