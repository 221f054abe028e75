// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// CheckOptions tune CheckInvariants.
type CheckOptions struct {
	// Exact says that everything the kernel holds is reachable from its
	// tasks: no internal superblock (devtmpfs, mqueue), no file held
	// outside a descriptor table. Then every allocated mount ID, peer
	// group ID and anonymous device, and every mount reference, must be
	// accounted for.
	Exact bool
	// Deadline bounds the walks (mountinfo, getcwd, d_path) of each task;
	// 0 means 20 s.
	Deadline time.Duration
}

// CheckInvariants checks the mount trees of every task's namespace, the
// peer groups and master/slave links, the superblock and ID accounting,
// and that every task's mountinfo, getcwd and /proc d_path walks end. The
// tasks must be quiescent. It returns every problem found, joined.
func CheckInvariants(k *Kernel, opt CheckOptions) error {
	c := &checker{k: k, opt: opt, expRefs: map[*Mount]int{}, holder: map[*Mount]string{}, all: map[*Mount]bool{}}
	if c.opt.Deadline == 0 {
		c.opt.Deadline = 20 * time.Second
	}
	tasks := k.tasks.all()
	c.collectHolders(tasks)
	if !c.lockWithin() {
		return errors.Join(c.errs...)
	}
	c.checkLocked(tasks)
	k.unlockNamespace()
	for _, t := range tasks {
		c.checkWalks(t)
	}
	return errors.Join(c.errs...)
}

type checker struct {
	k       *Kernel
	opt     CheckOptions
	errs    []error
	expRefs map[*Mount]int    // references tasks' fs_structs and files hold
	holder  map[*Mount]string // who holds each, for messages
	all     map[*Mount]bool
	bound   int // walks longer than this are cycles
}

func (c *checker) failf(format string, args ...any) {
	if len(c.errs) < 30 {
		c.errs = append(c.errs, fmt.Errorf(format, args...))
	}
}

// timedOut reports a walk that did not end, with every goroutine's stack.
func (c *checker) timedOut(what string) {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	c.failf("timed out after %v: %s\n%s", c.opt.Deadline, what, buf)
}

// lockWithin takes the namespace lock, or reports that it is stuck.
func (c *checker) lockWithin() bool {
	got := make(chan struct{})
	go func() { c.k.lockNamespace(); close(got) }()
	select {
	case <-got:
		return true
	case <-time.After(c.opt.Deadline):
		c.timedOut("taking the namespace lock")
		return false
	}
}

// collectHolders counts the mount references of fs_structs and open files.
func (c *checker) collectHolders(tasks []*Task) {
	seenFS := map[*FSStruct]bool{}
	seenFT := map[*FDTable]bool{}
	seenF := map[*File]bool{}
	for _, t := range tasks {
		if fs := t.fsStruct(); !seenFS[fs] {
			seenFS[fs] = true
			s := fs.load()
			c.hold(s.root.Mnt, fmt.Sprintf("root of task %d", t.tid))
			c.hold(s.pwd.Mnt, fmt.Sprintf("cwd of task %d", t.tid))
		}
		ft := t.fdTable()
		if seenFT[ft] {
			continue
		}
		seenFT[ft] = true
		ft.mu.Lock()
		for _, e := range ft.fds {
			if e.file != nil && !seenF[e.file] {
				seenF[e.file] = true
				c.hold(e.file.mnt, fmt.Sprintf("a file of task %d", t.tid))
			}
		}
		ft.mu.Unlock()
	}
	c.holdSocketFiles(seenF)
}

func (c *checker) hold(m *Mount, who string) {
	c.expRefs[m]++
	c.holder[m] = who
}

// checkLocked runs every structural check; namespaceMu held.
func (c *checker) checkLocked(tasks []*Task) {
	c.bound = c.k.mountIDs.count() + 16
	seenNS := map[*MountNamespace]bool{}
	for _, t := range tasks {
		if ns := t.MountNamespace(); !seenNS[ns] {
			seenNS[ns] = true
			c.checkNamespace(ns)
		}
	}
	for _, m := range c.k.kernMounts {
		c.hold(m, "the kernel (kern_mount)")
	}
	for m := range c.expRefs {
		if m.state.has(stateReleased) {
			c.failf("mount %d (%s) is held (%s) but was released", m.id, m.devname, c.holder[m])
			continue
		}
		c.addDetached(m)
	}
	for m := range c.all {
		c.checkMount(m)
	}
	c.checkPropagation()
	c.checkAccounting()
}

// addDetached adds a held mount outside every namespace, with what is
// still connected above and below it.
func (c *checker) addDetached(m *Mount) {
	for n := 0; !c.all[m]; n++ {
		if n > c.bound {
			c.failf("mount %d: parent chain does not end", m.id)
			return
		}
		c.all[m] = true
		for p := nextMnt(m, m); p != nil; p = nextMnt(p, m) {
			c.all[p] = true
		}
		m = m.parent()
	}
}

// checkNamespace checks that ns's list is a walk of its tree.
func (c *checker) checkNamespace(ns *MountNamespace) {
	if ns.root == nil || ns.root.hasParent() {
		c.failf("namespace %d: root %v missing or attached", ns.seq, ns.root)
		return
	}
	tree := map[*Mount]bool{}
	n := 0
	for m := ns.root; m != nil; m = nextMnt(m, ns.root) {
		if n++; n > c.bound {
			c.failf("namespace %d: tree walk does not end", ns.seq)
			return
		}
		tree[m] = true
		c.all[m] = true
		if m.ns.Load() != ns {
			c.failf("mount %d is in the tree of namespace %d but says %v", m.id, ns.seq, m.ns.Load())
		}
		if m.state.has(stateUnmounted) || m.Flags()&linux.MNT_UMOUNT != 0 {
			c.failf("mount %d is in namespace %d but unmounted", m.id, ns.seq)
		}
	}
	listed := 0
	var last uint64
	for l := ns.list.next; l != &ns.list; l = l.next {
		m := nsNodeOf(l)
		if listed++; listed > c.bound {
			c.failf("namespace %d: list does not end", ns.seq)
			return
		}
		if !tree[m] {
			c.failf("namespace %d lists mount %d, not in its tree", ns.seq, m.id)
		}
		if m.idUnique <= last {
			c.failf("namespace %d: list out of order at mount %d", ns.seq, m.id)
		}
		last = m.idUnique
	}
	if listed != len(tree) || ns.nr != len(tree) || ns.pending != 0 {
		c.failf("namespace %d: %d in tree, %d listed, nr %d, pending %d", ns.seq, len(tree), listed, ns.nr, ns.pending)
	}
}

// checkMount checks m's links to its parent, mountpoint and children.
func (c *checker) checkMount(m *Mount) {
	if m.state.has(stateReleased) {
		c.failf("released mount %d still reachable", m.id)
	}
	if l := m.link.Load(); l != nil {
		p, mp := l.parent, l.mountpoint
		if !c.all[p] {
			c.failf("mount %d: parent %d unreachable", m.id, p.id)
		}
		if mp.Inode().Superblock() != p.sb {
			c.failf("mount %d: mountpoint not on its parent's superblock", m.id)
		}
		if int(m.mpIndex) >= mp.mps.len() || mp.mps.at(int(m.mpIndex)) != m {
			c.failf("mount %d: not at its place in the mountpoint's list", m.id)
		}
		if int(mp.mounted.Load()) != mp.mps.len() {
			c.failf("mount %d: mountpoint counts %d mounts, lists %d", m.id, mp.mounted.Load(), mp.mps.len())
		}
		if m.tflags&tHashed == 0 {
			c.failf("mount %d: attached but not hashed", m.id)
		} else if h := p.lookupMntLocked(mp); h == nil || h.parent() != p {
			c.failf("mount %d: hash lookup at its mountpoint finds %v", m.id, h)
		}
		if m.child.next.prev != &m.child || m.child.empty() {
			c.failf("mount %d: not on its parent's child list", m.id)
		}
	} else if !m.child.empty() {
		c.failf("mount %d: no parent but on a child list", m.id)
	}
	if o := m.overmount; o != nil && (o.parent() != m || o.mountpoint() != m.root) {
		c.failf("mount %d: overmount %d is not on its root", m.id, o.id)
	}
	n := 0
	for l := m.mounts.next; l != &m.mounts; l = l.next {
		if n++; n > c.bound {
			c.failf("mount %d: child list does not end", m.id)
			return
		}
		if ch := childOf(l); ch.parent() != m {
			c.failf("mount %d lists child %d whose parent is %d", m.id, ch.id, ch.parent().id)
		}
	}
	if m.ns.Load() == nil && !c.isKernMount(m) {
		c.checkDetached(m)
	}
}

// isKernMount reports whether m is one the kernel holds for itself: in no
// namespace, never unmounted, alone in its tree.
func (c *checker) isKernMount(m *Mount) bool {
	if !slices.Contains(c.k.kernMounts, m) {
		return false
	}
	if !m.IsInternal() || m.hasParent() || !m.mounts.empty() || m.groupID() != 0 || m.master != nil {
		c.failf("kernel mount %d is not a lone internal mount", m.id)
	}
	return true
}

// checkDetached: a mount out of every namespace is unmounted and private,
// and kept only while it (or a mount it is still connected under) is held.
func (c *checker) checkDetached(m *Mount) {
	if !m.state.has(stateUnmounted) {
		c.failf("mount %d: in no namespace yet not unmounted", m.id)
	}
	if m.group != 0 || m.master != nil || m.recvFirst != nil || m.peerNext != m {
		c.failf("unmounted mount %d still propagates", m.id)
	}
	p := m
	for n := 0; p.refCount() == 0 && p.hasParent() && n <= c.bound; n++ {
		p = p.parent()
	}
	if p.refCount() == 0 {
		c.failf("unmounted mount %d (%s) is held by nothing and was not released", m.id, m.devname)
	}
}

// checkPropagation checks peer rings, slave lists and group IDs.
func (c *checker) checkPropagation() {
	ring := map[int32]*Mount{} // group -> a member whose ring was walked
	for m := range c.all {
		switch {
		case m.isShared() && m.group == 0:
			c.failf("mount %d: shared without a group ID", m.id)
		case !m.isShared() && (m.group != 0 || m.peerNext != m || m.peerPrev != m):
			c.failf("mount %d: not shared but has group %d or peers", m.id, m.groupID())
		case m.isShared():
			if first, ok := ring[m.group]; ok {
				if !c.inRing(first, m) {
					c.failf("mount %d: group %d but not in the ring of mount %d", m.id, m.groupID(), first.id)
				}
			} else {
				ring[m.group] = m
				c.checkRing(m)
			}
		}
		c.checkSlaves(m)
	}
	if c.opt.Exact && c.k.groupIDs.count() != len(ring) {
		c.failf("%d peer group IDs allocated, %d peer groups", c.k.groupIDs.count(), len(ring))
	}
}

func (c *checker) inRing(first, m *Mount) bool {
	p := first
	for n := 0; n <= c.bound; n++ {
		if p == m {
			return true
		}
		if p = p.nextPeer(); p == first {
			return false
		}
	}
	return false
}

func (c *checker) checkRing(m *Mount) {
	p := m
	for n := 1; ; n++ {
		if n > c.bound {
			c.failf("peer ring of mount %d does not close", m.id)
			return
		}
		if p.peerNext.peerPrev != p || p.group != m.group || !p.isShared() {
			c.failf("peer ring of mount %d broken at mount %d", m.id, p.id)
		}
		if !c.all[p] {
			c.failf("peer ring of mount %d holds unreachable mount %d", m.id, p.id)
		}
		if p = p.nextPeer(); p == m {
			if !m.sb.k.groupIDs.inUse(int(m.group)) {
				c.failf("peer group %d of %d members has given its ID back", m.groupID(), n)
			}
			return
		}
	}
}

// checkSlaves checks m's master link and its list of slaves.
func (c *checker) checkSlaves(m *Mount) {
	if ms := m.master; ms != nil {
		if !c.all[ms] {
			c.failf("mount %d: master %d unreachable", m.id, ms.id)
		}
		if (m.recvPrev == nil && ms.recvFirst != m) || (m.recvPrev != nil && m.recvPrev.recvNext != m) {
			c.failf("mount %d: not linked into its master's slave list", m.id)
		}
		n := 0
		for p := ms; p != nil; p = p.master {
			if n++; n > c.bound {
				c.failf("mount %d: master chain does not end", m.id)
				break
			}
		}
	} else if m.recvPrev != nil || m.recvNext != nil {
		c.failf("mount %d: on a slave list without a master", m.id)
	}
	n := 0
	for s := m.recvFirst; s != nil; s = s.recvNext {
		if n++; n > c.bound {
			c.failf("mount %d: slave list does not end", m.id)
			return
		}
		if s.master != m {
			c.failf("mount %d lists slave %d whose master is %v", m.id, s.id, s.master)
		}
		if s.recvNext != nil && s.recvNext.recvPrev != s {
			c.failf("mount %d: slave list broken after slave %d", m.id, s.id)
		}
	}
	if f := m.recvFirst; f != nil && f.recvPrev != nil {
		c.failf("mount %d: its first slave %d has a previous one", m.id, f.id)
	}
	c.checkRuns(m)
}

// checkRuns checks that the members of a peer group that receive from m
// stand together on m's list, in the order of their ring: the walks of
// propagation.go take a group's run on a list for the whole group.
func (c *checker) checkRuns(m *Mount) {
	done := map[int32]bool{}
	for s := m.recvFirst; s != nil; {
		if s.group == 0 {
			s = s.recvNext
			continue
		}
		if done[s.group] {
			c.failf("mount %d: the receivers of group %d are not together on its list", m.id, s.groupID())
			return
		}
		done[s.group] = true
		size := 0
		for p := range s.peers {
			size++
			if p.master != m {
				c.failf("mount %d: peers %d and %d receive from different masters", m.id, s.id, p.id)
				return
			}
		}
		run := 1
		for s.recvNext != nil && peersOf(s.recvNext, s) {
			if s.recvNext != s.nextPeer() {
				c.failf("mount %d: receivers of group %d out of ring order on its list", m.id, s.groupID())
				return
			}
			s = s.recvNext
			run++
		}
		if run != size {
			c.failf("mount %d: %d of the %d members of group %d together on its list", m.id, run, size, s.groupID())
			return
		}
		s = s.recvNext
	}
}

// checkAccounting checks IDs, superblocks and references.
func (c *checker) checkAccounting() {
	ids := map[int32]*Mount{}
	perSB := map[*Superblock]int{}
	for m := range c.all {
		if o := ids[m.id]; o != nil {
			c.failf("mounts %d share ID %d", o.idUnique, m.id)
		}
		ids[m.id] = m
		if !c.k.mountIDs.has(int(m.id)) {
			c.failf("mount %d: ID not allocated", m.id)
		}
		perSB[m.sb]++
		if got, want := m.refCount(), int32(c.expRefs[m]); got < want || c.opt.Exact && got != want {
			c.failf("mount %d (%s): %d references, tasks and files hold %d", m.id, m.devname, got, want)
		}
	}
	anon := 0
	for sb, n := range perSB {
		if got := sb.active.Load(); got < int32(n) || c.opt.Exact && got != int32(n) {
			c.failf("superblock %d:%d: %d active references, %d mounts", linux.Major(sb.dev), linux.Minor(sb.dev), got, n)
		}
		if sb.anon {
			anon++
			if !c.k.anonDevs.has(int(linux.Minor(sb.dev))) {
				c.failf("superblock 0:%d: device number not allocated", linux.Minor(sb.dev))
			}
		}
	}
	if !c.opt.Exact {
		return
	}
	if n := c.k.mountIDs.count(); n != len(c.all) {
		c.failf("%d mount IDs allocated, %d mounts alive", n, len(c.all))
	}
	if n := c.k.anonDevs.count(); n != anon {
		c.failf("%d anonymous devices allocated, %d superblocks with mounts use one", n, anon)
	}
}

// checkWalks runs t's mountinfo, getcwd and d_path walks under a deadline.
func (c *checker) checkWalks(t *Task) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Mountinfo()
		t.Getcwd()
		t.DPath(t.Cwd())
		t.DPath(t.Root())
		for _, fd := range t.Fds() {
			t.FdPath(fd)
		}
	}()
	select {
	case <-done:
	case <-time.After(c.opt.Deadline):
		c.timedOut(fmt.Sprintf("mountinfo, getcwd and d_path walks of task %d", t.tid))
	}
}

// inUse reports whether id is allocated.
func (a *IDA) inUse(id int) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := id - a.min
	return i >= 0 && i/64 < len(a.words) && a.words[i/64]&(1<<(i%64)) != 0
}
