// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"errors"
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// How umountTree goes about it (the kernel's UMOUNT_* flags).
const (
	umountSync      = 1 << iota // a plain umount: the mounts go at once
	umountPropagate             // also what propagation put elsewhere
	umountConnected             // keep a mount under a parent that goes too attached to it
)

// willBeUnmounted reports a mount that an unmount under way has taken.
func willBeUnmounted(m *Mount) bool { return m.Flags()&linux.MNT_UMOUNT != 0 }

// An unmount (umountTree, the kernel's umount_tree) works on a batch of
// mounts in four steps:
//
//   - take: m's tree, in walk order, each of its mounts marked as going
//     and out of its namespace's list; m off its parent's list of
//     children;
//   - with umountPropagate, the mounts that go with them by propagation
//     (collateral) are found and added, each marked, out of its
//     namespace's list and off its parent's list (withdraw);
//   - privatize: every mount of the batch leaves its peer group and its
//     master, handing what it passed events on to an heir;
//   - retire: each leaves its namespace's count, then its place: hung
//     back under its parent when that goes too and the unmount keeps
//     trees connected (umountConnected), else cut loose. Those cut loose
//     are released last (namespace_unlock's mntputs in Linux): one hung
//     back under a parent must be on that parent's list by then, where
//     the parent's release finds it.
//
// The batch's order, the tree in walk order and then the collateral in the
// order taken, decides the order in which receivers are handed on and
// survivors slide down, which later copies' IDs show; it is kept exactly.
type umountBatch struct {
	mounts []*Mount
	how    int
	collateral
}

// umountTree unmounts m and everything under it (and, with
// umountPropagate, what propagation put elsewhere). Kernel.namespaceMu
// must be held.
func umountTree(m *Mount, how int) {
	k := m.sb.k
	b := k.umountBatch // nil if an umountTree further up the stack holds it
	k.umountBatch = nil
	if b == nil {
		b = new(umountBatch)
	}
	b.how = how
	b.takeTree(m)
	if how&umountPropagate != 0 {
		b.mounts = b.collect(b.mounts)
	}
	stackForgetLocked(b.mounts)
	makePrivate(b.mounts)
	b.retire()
	clear(b.mounts)
	b.mounts = b.mounts[:0]
	k.umountBatch = b
}

// takeTree adds m's tree to the batch in walk order, each mount marked as
// going and out of its namespace's list. Of them only m leaves its
// parent's list of children: the others' parents go too, and each of them
// is cut loose or hung back there when the batch retires, so it may as
// well stay listed until then (which keeps the walk's links intact).
func (b *umountBatch) takeTree(m *Mount) {
	for p := m; p != nil; p = nextMnt(p, m) {
		p.setFlags(linux.MNT_UMOUNT, 0)
		moveFromNS(p)
		b.mounts = append(b.mounts, p)
	}
	m.child.del()
}

// withdraw takes m, propagation's collateral, for the batch: marked as
// going, off its parent's list of children and out of its namespace's
// list; it stays counted in the namespace until the batch retires.
func withdraw(m *Mount) {
	m.setFlags(linux.MNT_UMOUNT, 0)
	m.child.del()
	moveFromNS(m)
}

// retire ends the unmount of the batch's mounts, made private by now.
func (b *umountBatch) retire() {
	sync := b.how&umountSync != 0
	cut := b.mounts[:0] // reuses the front of mounts, already read
	for _, p := range b.mounts {
		p.leaveNamespace(sync)
		switch {
		case !b.hangsBack(p):
			umountMnt(p)
			cut = append(cut, p)
		case p.child.empty(): // taken off its parent's list (withdraw)
			p.parent().mounts.addTail(&p.child)
		}
		p.state.set(stateUnmounted)
	}
	for _, p := range cut {
		p.releaseLocked()
	}
}

// leaveNamespace takes a mount being unmounted out of its namespace's
// count; a plain umount marks it as gone at once (MNT_SYNC_UMOUNT).
func (m *Mount) leaveNamespace(sync bool) {
	if ns := m.ns.Load(); ns != nil {
		ns.nr--
		ns.touch()
	}
	m.ns.Store(nil)
	if sync {
		m.setFlags(linux.MNT_SYNC_UMOUNT, 0)
	}
}

// hangsBack reports whether m stays attached under its parent, which
// goes too (see umountConnected; disconnect_mount in Linux, negated).
func (b *umountBatch) hangsBack(m *Mount) bool {
	return b.how&(umountSync|umountConnected) == umountConnected &&
		m.hasParent() && willBeUnmounted(m.parent())
}

// releaseLocked is the end of mntput_no_expire and cleanup_mnt: an
// unmounted, disconnected mount with no users left lets go of the mounts
// still connected under it, frees its ID and drops its superblock.
// namespaceMu is held.
func (m *Mount) releaseLocked() {
	// A mount still connected under an unmounted parent goes with it.
	if !m.state.has(stateUnmounted) || m.hasParent() {
		return
	}
	base := m.refs.Load() // kern_mount's own reference, dropped on a counter
	if base < 0 || !m.refs.CompareAndSwap(base, deadRefs) {
		return
	}
	if m.refCount()-deadRefs+base != 0 { // still in use: not released
		m.refs.Store(base)
		return
	}
	m.state.set(stateReleased)
	for !m.mounts.empty() {
		cutLoose(childOf(m.mounts.next))
	}
	m.freeID()
	if ns := m.sb.k.nsOf(m.root); ns != nil {
		m.sb.k.putNamespaceLater(ns)
	}
	m.root.Inode().release()
	m.sb.deactivate()
}

// cutLoose detaches m, which an unmount took but left hanging under its
// parent, and releases it if nothing uses it.
func cutLoose(m *Mount) {
	umountMnt(m)
	m.state.set(stateUnmounted)
	m.releaseLocked()
}

// deadRefs marks Mount.refs of a mount being released (mount_refs.go):
// tryGet waits for the verdict, then fails if the mount was released.
const deadRefs = -1 << 30

// errMountGone is tryGet's failure inside a system call that then walks
// again; it never reaches the caller.
var errMountGone = errors.New("mount released during the walk")

// retryGone runs a walk-and-hold attempt again while the mount it found
// is released under it, a bounded number of times (each failure needs a
// concurrent umount to have won); then ENOENT, as the path is gone.
func retryGone(attempt func() error) error {
	for i := 0; i < 100; i++ {
		if err := attempt(); err != errMountGone {
			return err
		}
	}
	return linux.ENOENT
}

// Unmount propagation (the kernel's propagate_umount and
// bulk_make_private).
//
// When a mount goes, its echoes, the mounts that sit on the same
// mountpoint wherever its parent passes events on, are candidates to go
// with it. A candidate is spared (it stays) when a mount that stays sits
// in it anywhere but on its root: taking the candidate would move that
// mount. One that stays on its root does not spare it: it slides down to
// where the candidate sat, and from then on counts as sitting there, so it
// spares the candidate's parent unless the candidate too was on that
// parent's root, and so on down the stack.
//
// Candidates and what they carry are kept as tflags bits on the mounts
// (tCandidate, tCarries; tMet while they are found), so that a set test
// is a bit test.

func isCandidate(m *Mount) bool { return m.tflags&tCandidate != 0 }

// carries reports a candidate that, if it goes, takes a survivor down with
// it (the mount on its root stays, or carries one itself).
func carries(m *Mount) bool { return m.tflags&tCarries != 0 }

// collateral is the work of one unmount's propagation: the candidates in
// the order they are settled (the last found first) and the mounts taken,
// in the order they are taken.
type collateral struct {
	queue []*Mount
	taken []*Mount
}

// collect is propagate_umount: it appends to going the mounts that go
// with it by propagation. cl's slices are emptied for the next use.
func (cl *collateral) collect(going []*Mount) []*Mount {
	cl.find(going)
	cl.settle()
	// A candidate with nothing left on it goes at once; taking it may
	// leave its parent bare for a later turn.
	for _, m := range cl.queue {
		if isCandidate(m) && m.mounts.empty() {
			cl.take(m)
		}
	}
	// The rest go with their candidate ancestors, up to the first mount
	// that is no candidate.
	for _, m := range cl.queue {
		for p := m; isCandidate(p); p = p.parent() {
			cl.take(p)
		}
	}
	cl.slideSurvivors()
	going = append(going, cl.taken...)
	clear(cl.queue)
	clear(cl.taken)
	cl.queue, cl.taken = cl.queue[:0], cl.taken[:0]
	return going
}

// find lists the candidates: the echoes of the mounts of going (see
// eachEcho) that are not going already, in the order settle and the takes
// look at them, the reverse of the order found. Every mount met is marked
// (tMet) while find runs, the mounts of going too as their own echoes are
// listed: meeting a marked mount again means that its parent's group and
// what that group feeds were walked already, for the same mountpoint.
func (cl *collateral) find(going []*Mount) {
	for _, m := range going {
		if m.tflags&tMet != 0 {
			continue
		}
		m.tflags |= tMet
		eachEcho(m, func(e *Mount) walkStep {
			if e.tflags&tMet != 0 {
				return stepPastGroup
			}
			e.tflags |= tMet
			if !willBeUnmounted(e) {
				e.tflags |= tCandidate
				cl.queue = append(cl.queue, e)
			}
			return stepInto
		})
	}
	for _, m := range going {
		m.tflags &^= tMet
	}
	for _, m := range cl.queue {
		m.tflags &^= tMet
	}
	slices.Reverse(cl.queue)
}

// propagateMountBusy is propagate_mount_busy: umount of m, which has a
// parent, fails with EBUSY when m is in use or has mounts on it, or when
// one of its echoes that would go with it is in use. An echo with mounts
// on it other than one on its root stays, and does not count.
func propagateMountBusy(m *Mount) bool {
	if !m.mounts.empty() || m.refCount() > 0 {
		return true
	}
	busy := false
	eachEcho(m, func(e *Mount) walkStep {
		if e.bareOrTopped() && e.refCount() > 0 {
			busy = true
			return stepStop
		}
		return stepInto
	})
	return busy
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

// settle spares the candidates that must stay. A candidate looks at its
// children once; a child that stays or carries a survivor, other than the
// one on its root, spares it; the one on its root makes it carry. Each
// change is passed up at once to the candidate's parent, so the order in
// which candidates are looked at does not matter.
func (cl *collateral) settle() {
	for _, m := range cl.queue {
		if !isCandidate(m) {
			continue
		}
		onRoot := false
		for l := m.mounts.next; l != &m.mounts; l = l.next {
			k := childOf(l)
			if isCandidate(k) && !carries(k) {
				continue
			}
			if k != m.overmount {
				cl.spare(m)
				break
			}
			onRoot = true
		}
		if onRoot && isCandidate(m) {
			cl.carry(m)
		}
	}
}

// spare takes m out of the candidates: it stays.
func (cl *collateral) spare(m *Mount) {
	m.tflags &^= tCandidate | tCarries
	cl.tellParent(m)
}

// carry makes m a candidate that carries a survivor.
func (cl *collateral) carry(m *Mount) {
	if carries(m) {
		return
	}
	m.tflags |= tCarries
	cl.tellParent(m)
}

// tellParent passes up that k stays or carries: a candidate parent is
// spared unless k is on its root, in which case it carries.
func (cl *collateral) tellParent(k *Mount) {
	p := k.parent()
	switch {
	case p == k || !isCandidate(p):
	case k == p.overmount:
		cl.carry(p)
	default:
		cl.spare(p)
	}
}

// take withdraws the candidate m as collateral (umount_one).
func (cl *collateral) take(m *Mount) {
	m.tflags &^= tCandidate | tCarries
	withdraw(m)
	cl.taken = append(cl.taken, m)
}

// slideSurvivors slides down, in the order taken, each mount that stays
// on the root of a taken one.
func (cl *collateral) slideSurvivors() {
	for _, m := range cl.taken {
		if top := m.overmount; top != nil && !willBeUnmounted(top) {
			slideDown(top)
		}
	}
}

// slideDown (reparent) moves a survivor that sat on the root of a mount
// now going down to where its stack was attached: the mountpoint under the
// nearest ancestor that stays.
func slideDown(m *Mount) {
	at := m
	for {
		mp := at.mountpoint()
		at = at.parent()
		if !willBeUnmounted(at) {
			changeMountpoint(at, mp, m)
			return
		}
	}
}

// makePrivate is bulk_make_private: every mount of going leaves its peer
// group and its master, and what it passed events on to is handed to its
// heir: the first peer that stays, in ring order after it, or failing
// that, the heir of its master (itself if it stays). All heirs are worked
// out first, on the untouched groups; then every mount steps out; then
// each hands its receivers over, in going's order.
func makePrivate(going []*Mount) {
	var h heirs
	for _, m := range going {
		if m.recvFirst != nil {
			h.of(m)
		}
	}
	for _, m := range going {
		m.quitGroup()
		m.stopReceiving()
	}
	for _, m := range going {
		if m.recvFirst != nil {
			m.handReceiversTo(h.known[m])
		}
	}
}

// heirs records, for the mounts of an unmount that pass events on, where
// their receivers go. Only mounts with receivers need an answer, so an
// unmount of mounts that have none (a propagated copy's) records nothing.
type heirs struct {
	known map[*Mount]*Mount
}

// of returns where the receivers of m go when it is made private with the
// rest of an unmount: m itself if it stays. The answer is worked out for
// m's whole group at once and recorded for each going member that has
// receivers, so that a group is gone round once however many of its
// members go.
func (h *heirs) of(m *Mount) *Mount {
	if m == nil || !willBeUnmounted(m) {
		return m
	}
	if heir, ok := h.known[m]; ok {
		return heir
	}
	if h.known == nil {
		h.known = make(map[*Mount]*Mount)
	}
	stays := m.nextPeer()
	for stays != m && willBeUnmounted(stays) {
		stays = stays.nextPeer()
	}
	if stays == m {
		// Nothing of the group stays: its members share a master.
		heir := h.of(m.master)
		for p := range m.peers {
			h.note(p, heir)
		}
		return heir
	}
	// Going backwards round the ring from a member that stays, the
	// nearest one that stays after each going member is the last one met.
	next := stays
	for p := stays.prevPeer(); p != stays; p = p.prevPeer() {
		if willBeUnmounted(p) {
			h.note(p, next)
		} else {
			next = p
		}
	}
	return h.known[m]
}

// note records heir for p when p has receivers to hand over.
func (h *heirs) note(p, heir *Mount) {
	if p.recvFirst != nil {
		h.known[p] = heir
	}
}

// Umount2 is umount2(2) (ksys_umount, path_umount, do_umount).
func (t *Task) Umount2(target string, flags int) error {
	if flags&^(linux.MNT_FORCE|linux.MNT_DETACH|linux.MNT_EXPIRE|linux.UMOUNT_NOFOLLOW) != 0 {
		return linux.EINVAL
	}
	lf := 0
	if flags&linux.UMOUNT_NOFOLLOW == 0 {
		lf = lookupFollow
	}
	p, err := t.pathLookupat(linux.AT_FDCWD, target, lf)
	if err != nil {
		return err
	}
	p = traverseMounts(p) // LOOKUP_MOUNTPOINT
	if err := t.canUmount(p, flags); err != nil {
		return err
	}
	return t.doUmount(p.Mnt, flags)
}

// Umount is umount(2).
func (t *Task) Umount(target string) error { return t.Umount2(target, 0) }

// canUmount is can_umount.
func (t *Task) canUmount(p Path, flags int) error {
	if !t.mayMount() {
		return linux.EPERM
	}
	if !pathMounted(p) || !t.checkMnt(p.Mnt) || p.Mnt.isLocked() {
		return linux.EINVAL
	}
	if flags&linux.MNT_FORCE != 0 && !t.Cred().HasCap(linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	return nil
}

// doUmount is do_umount.
func (t *Task) doUmount(m *Mount, flags int) error {
	isRoot := m == t.Root().Mnt
	if flags&linux.MNT_EXPIRE != 0 {
		if err := t.expireStep(m, isRoot, flags); err != nil {
			return err
		}
	}
	if isRoot && flags&linux.MNT_DETACH == 0 {
		return t.k.doUmountRoot(m.sb, t.Cred())
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if !t.checkMnt(m) || !m.hasParent() || m.isLocked() {
		return linux.EINVAL
	}
	how := umountPropagate
	if flags&linux.MNT_DETACH == 0 {
		if propagateMountBusy(m) {
			return linux.EBUSY
		}
		how |= umountSync
	}
	umountTree(m, how)
	return nil
}

// expireStep is MNT_EXPIRE's part of do_umount: an idle mount is only
// marked the first time, and unmounted the second if still marked (any
// use in between clears the mark, see mntput); a busy one is left
// unmarked. Neither the root nor a forced or lazy unmount can expire.
func (t *Task) expireStep(m *Mount, isRoot bool, flags int) error {
	if isRoot || flags&(linux.MNT_FORCE|linux.MNT_DETACH) != 0 {
		return linux.EINVAL
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if !m.mounts.empty() || m.refCount() != 0 {
		return linux.EBUSY
	}
	if !m.state.testAndSet(stateExpiry) {
		return linux.EAGAIN
	}
	return nil
}

// doUmountRoot is do_umount_root: "unmounting" the root remounts it
// read-only.
func (k *Kernel) doUmountRoot(sb *Superblock, c *Cred) error {
	if sb.ReadOnly() {
		return nil
	}
	fc, err := k.FsContextForReconfigure(sb.root, c, linux.SB_RDONLY, linux.SB_RDONLY)
	if err != nil {
		return err
	}
	k.lockNamespace()
	defer k.unlockNamespace()
	return k.reconfigureSuperLocked(fc)
}
