// SPDX-License-Identifier: Apache-2.0

package vfs

// Mount propagation: the behaviour of Linux's fs/pnode.c over the
// structure of peers.go.
//
// Two walks run over peer groups and receiver lists. eachEcho meets
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
	copyExpire        copyMode = 1 << iota // CL_EXPIRE
	copyAsSlave                            // CL_SLAVE: the copy receives from the original
	copyUnbindable                         // CL_COPY_UNBINDABLE: keep unbindable mounts
	copyShared                             // CL_MAKE_SHARED: the copy is shared, in a new group if need be
	copyPrivate                            // CL_PRIVATE: no propagation at all
	copyNSFile                             // CL_COPY_MNT_NS_FILE
	copySharedToSlave                      // CL_SHARED_TO_SLAVE: a copy of a shared mount is its slave
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

// walkStep tells eachEcho how to go on after a visit.
type walkStep uint8

const (
	stepInto      walkStep = iota // on to what the mount passes events to
	stepPastGroup                 // past the mount, its peers, and all they pass events to
	stepStop                      // end the walk
)

// eachEcho calls visit for the echoes of m, which has a parent: the
// mounts that sit where m sits on the mounts that an event on m's parent
// reaches, which an unmount of m reaches too. Those are met in the order
// propagation_next meets them: the members of the parent's group in ring
// order from it (the parent excepted), each followed by the mounts on its
// list of receivers, each of those followed in turn by what it passes on,
// depth first. visit's answer steers the walk; a mount with no echo is
// walked through. A group's peers that receive from one master sit
// together on its list, so skipping a group is skipping a run.
func eachEcho(m *Mount, visit func(echo *Mount) walkStep) {
	w := echoWalk{mp: m.mountpoint(), visit: visit}
	origin := m.parent()
	for p := origin; ; {
		if p != origin && w.at(p) != stepInto {
			return // what is left at the top is all p's peers
		}
		if !w.below(p) {
			return
		}
		if p = p.nextPeer(); p == origin {
			return
		}
	}
}

// echoWalk is one eachEcho: the mountpoint and the visit.
type echoWalk struct {
	mp    *Dentry
	visit func(echo *Mount) walkStep
}

// at visits the echo on q, if it has one.
func (w *echoWalk) at(q *Mount) walkStep {
	if e := q.lookupMntLocked(w.mp); e != nil {
		return w.visit(e)
	}
	return stepInto
}

// below walks what m passes events on to: false when a visit ended the
// walk. A mount outside any namespace passes nothing on.
func (w *echoWalk) below(m *Mount) bool {
	if m.outsideNamespace() {
		return true
	}
	for r := m.recvFirst; r != nil; {
		switch w.at(r) {
		case stepStop:
			return false
		case stepPastGroup:
			r = afterRun(r)
			continue
		}
		if !w.below(r) {
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
// get a copy, in the order the copies are to be made, and which copy each
// new group of copies is to receive from, changing nothing. makeCopies
// then makes them in that order; it has no choice left to make.
//
// The walk goes over groups depth first: dest's group, then, for each of
// its members in ring order from dest, the groups on that member's list of
// receivers, each followed by the groups below it. Each group's copies
// come when the walk reaches it: one for each member, in ring order, that
// is in a namespace and sees the mountpoint (in dest's group, the members
// other than dest). The copies in one group are peers; the first copy in
// any other group receives from the latest copy of a group above it, its
// feeder (see feederFor for which).
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
	lists  int32       // how many lists of receivers the walk went down

	// The walk's state, by depth (the number of lists between a group
	// and dest's group, which is at depth 0). path[d] is the group the
	// walk is in at depth d. level[d] is the deepest depth, d or above,
	// where the list the walk came down has led to a copy (0 if none).
	path, level []int32
	// line is the chain of masters of the latest copy written down, one
	// group per depth: line[d] is the group whose copy the chain passes
	// through at depth d, -1 where it passes over depth d. line[0] is
	// always dest's group, whose copy is source itself.
	line []int32
}

// planGroup is a peer group met by the walk (a lone slave is a group of
// one).
type planGroup struct {
	list   int32 // the list of receivers it was found on; -1 for dest's
	depth  int32
	shared bool   // its copies are to be shared
	feeder int32  // the group whose latest copy its first copy receives from
	last   *Mount // its latest copy, while they are made; source for dest's
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
		pl.groups, pl.stops, pl.mp, pl.lists = pl.groups[:0], pl.stops[:0], nil, 0
		pl.path, pl.level, pl.line = pl.path[:0], pl.level[:0], pl.line[:0]
		k.plan = pl
	}()
	pl.plan(dest, mp)
	return pl.makeCopies(source, copies)
}

// plan writes down the copies to make for a mount on (dest, mp).
func (pl *propagationPlan) plan(dest *Mount, mp *Dentry) {
	pl.mp = mp
	pl.groups = append(pl.groups, planGroup{list: -1, shared: true})
	pl.path = append(pl.path, 0)
	pl.level = append(pl.level, 0)
	pl.line = append(pl.line, 0)
	for p := dest.nextPeer(); p != dest; p = p.nextPeer() {
		pl.stopAt(p, 0)
	}
	for p := range dest.peers {
		pl.groupsBelow(p, 0)
	}
}

// stopAt writes down m, a member of group g, if it takes a copy.
func (pl *propagationPlan) stopAt(m *Mount, g int32) bool {
	if !m.canTake(pl.mp) {
		return false
	}
	pl.stops = append(pl.stops, planStop{m, g})
	return true
}

// groupsBelow writes down the groups on m's list of receivers, m being a
// member of group up, each followed by those below it.
func (pl *propagationPlan) groupsBelow(m *Mount, up int32) {
	if m.outsideNamespace() || m.recvFirst == nil {
		return
	}
	list, depth := pl.lists, pl.groups[up].depth+1
	pl.lists++
	fed := false // a group on this list has copies
	for r := m.recvFirst; r != nil; r = afterRun(r) {
		g := int32(len(pl.groups))
		pl.groups = append(pl.groups, planGroup{list: list, depth: depth, shared: r.isShared()})
		pl.enter(depth, g, fed)
		copied := false
		for p := range r.peers {
			copied = pl.stopAt(p, g) || copied
		}
		if copied {
			pl.groups[g].feeder = pl.feederFor(depth)
			pl.extendLine(g)
			fed = true
			pl.enter(depth, g, fed)
		}
		for p := range r.peers {
			pl.groupsBelow(p, g)
		}
	}
}

// enter notes that the walk is in group g at depth d, and whether the
// list it came down has led to a copy.
func (pl *propagationPlan) enter(d, g int32, fed bool) {
	lv := pl.level[d-1]
	if fed {
		lv = d
	}
	pl.path = append(pl.path[:d], g)
	pl.level = append(pl.level[:d], lv)
}

// feederFor picks the feeder of the group the walk is in at depth d,
// which is getting its first copies (find_master in Linux decides the
// same). It looks at the deepest list on the way down there that has led
// to a copy, and at the group v the walk came through on it:
//
//   - if the latest copy's chain of masters passes through v, v feeds;
//   - if it passes through another group on v's list, the next group up
//     that chain does (v's list was reached from there);
//   - otherwise, or with no such list, dest's group does.
//
// This is mostly the nearest group above with a copy. It is not when the
// latest copies were made below a group that got none, on a list that
// had led to a copy: their chain passes over that list, and the copies
// receive from dest's group (scenario mount/160 checks it against the
// kernel).
func (pl *propagationPlan) feederFor(d int32) int32 {
	lv := pl.level[d]
	if lv == 0 || int(lv) >= len(pl.line) {
		return 0
	}
	v, on := pl.path[lv], pl.line[lv]
	switch {
	case on == v:
		return v
	case on < 0 || pl.groups[on].list != pl.groups[v].list:
		return 0
	}
	up := lv - 1
	for pl.line[up] < 0 {
		up--
	}
	return pl.line[up]
}

// extendLine makes g's copy the latest: its chain of masters is g, then
// its feeder's, which the line holds at the feeder's depth and above
// (a feeder is always on the line).
func (pl *propagationPlan) extendLine(g int32) {
	pg := &pl.groups[g]
	pl.line = pl.line[:pl.groups[pg.feeder].depth+1]
	for int32(len(pl.line)) < pg.depth {
		pl.line = append(pl.line, -1)
	}
	pl.line = append(pl.line, g)
}

// makeCopies makes the copies of source the plan lists, in order, and
// appends them to copies. On error, copies holds those made so far.
func (pl *propagationPlan) makeCopies(source *Mount, copies []*Mount) ([]*Mount, error) {
	pl.groups[0].last = source
	for _, st := range pl.stops {
		g := &pl.groups[st.group]
		from, mode := g.last, copyShared
		if from == nil {
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
		if err := st.at.ns.Load().countMounts(c); err != nil {
			return copies, err
		}
	}
	return copies, nil
}
