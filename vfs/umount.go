// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// How umountTree goes about it (the kernel's UMOUNT_* flags).
const (
	umountSync      = 1 << iota // a plain umount: the mounts go at once
	umountPropagate             // also what propagation put elsewhere
	umountConnected             // keep a mount under a parent that goes too attached to it
)

// umountList is a list of mounts threaded through Mount.umountNode: the
// mounts an unmount takes, and while it works out the collateral, the
// candidates.
type umountList struct{ head listHead }

func newUmountList() *umountList {
	l := &umountList{}
	l.head.init()
	return l
}

func (l *umountList) addTail(m *Mount) { l.head.addTail(&m.umountNode) }
func (l *umountList) addHead(m *Mount) { l.head.add(&m.umountNode) }
func (l *umountList) empty() bool      { return l.head.empty() }
func (l *umountList) first() *Mount    { return umountNodeOf(l.head.next) }

// all yields the list's mounts in order; the loop body may take the
// current mount off the list, but no other.
func (l *umountList) all(yield func(*Mount) bool) {
	for n := l.head.next; n != &l.head; {
		next := n.next
		if !yield(umountNodeOf(n)) {
			return
		}
		n = next
	}
}

// pop takes the first mount off the list; nil when it is empty.
func (l *umountList) pop() *Mount {
	if l.empty() {
		return nil
	}
	m := l.first()
	m.umountNode.del()
	return m
}

// appendAll moves every mount of from to the end of l, in order.
func (l *umountList) appendAll(from *umountList) {
	for m := from.pop(); m != nil; m = from.pop() {
		l.addTail(m)
	}
}

// willBeUnmounted reports a mount that an unmount under way has taken.
func willBeUnmounted(m *Mount) bool { return m.Flags()&linux.MNT_UMOUNT != 0 }

// staysAttached reports whether a mount being unmounted stays hung under
// its parent (see umountConnected) rather than being cut loose
// (disconnect_mount, negated).
func staysAttached(m *Mount, how int) bool {
	return how&(umountSync|umountConnected) == umountConnected &&
		m.hasParent() && willBeUnmounted(m.parent())
}

// umountTree is umount_tree: take m and everything under it (and, with
// umountPropagate, what propagation put elsewhere) out of their namespaces.
// Kernel.namespaceMu must be held.
func umountTree(m *Mount, how int) {
	set := takeTree(m)
	if how&umountPropagate != 0 {
		propagateUmount(set)
	}
	stackForgetLocked(set)
	bulkMakePrivate(set)
	finishUmount(set, how)
}

// takeTree marks m's tree as going, takes its mounts out of their
// namespace's list and returns them in walk order, each off its parent's
// list of children. The children lists are left alone until the walk
// that reads them is over.
func takeTree(m *Mount) *umountList {
	set := newUmountList()
	for p := m; p != nil; p = nextMnt(p, m) {
		p.setFlags(linux.MNT_UMOUNT, 0)
		if !p.nsNode.empty() {
			moveFromNS(p)
		}
		set.addTail(p)
	}
	for p := range set.all {
		p.child.del()
	}
	return set
}

// finishUmount empties set: each mount leaves its namespace's count and
// is either cut loose from its parent or hung back under it. The cut
// mounts are released only at the end (namespace_unlock's mntputs in
// Linux): one hung back under a parent is on that parent's list again
// by then, and the parent's release must find it there.
func finishUmount(set *umountList, how int) {
	var cut []*Mount
	for p := set.pop(); p != nil; p = set.pop() {
		if ns := p.ns.Load(); ns != nil {
			ns.nr--
			ns.touch()
		}
		p.ns.Store(nil)
		if how&umountSync != 0 {
			p.setFlags(linux.MNT_SYNC_UMOUNT, 0)
		}
		keep := staysAttached(p, how)
		switch {
		case keep:
			p.parent().mounts.addTail(&p.child)
		case p.hasParent():
			umountMnt(p)
		}
		p.unmounted.Store(true)
		if !keep {
			cut = append(cut, p)
		}
	}
	for _, p := range cut {
		p.releaseLocked()
	}
}

// releaseLocked is the end of mntput_no_expire and cleanup_mnt: an
// unmounted, disconnected mount with no users left lets go of the mounts
// still connected under it, frees its ID and drops its superblock.
// namespaceMu is held.
func (m *Mount) releaseLocked() {
	// A mount still connected under an unmounted parent goes with it.
	if !m.unmounted.Load() || m.hasParent() || !m.refs.CompareAndSwap(0, deadRefs) {
		return
	}
	m.released.Store(true)
	for !m.mounts.empty() {
		c := childOf(m.mounts.next)
		umountMnt(c)
		c.unmounted.Store(true)
		c.releaseLocked()
	}
	m.freeID()
	m.sb.deactivate()
}

// deadRefs is the reference count of a released mount: tryGet fails on
// it and it never comes back to zero.
const deadRefs = -1 << 30

// tryGet is legitimize_mnt for a mount a lock-free walk found: a
// long-lived reference, unless the mount was released after the walk saw
// it (it was unmounted and nothing held it). Then the caller walks again,
// as Linux's ref-walk retry would, and no longer finds it.
func (m *Mount) tryGet() bool {
	for {
		n := m.refs.Load()
		if n < 0 {
			return false
		}
		if m.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

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

// mntput drops a long-lived reference.
func (m *Mount) mntput() {
	if m.refs.Add(-1) != 0 {
		return
	}
	m.expiryMark.Store(false)
	if m.unmounted.Load() {
		m.sb.k.deferRelease(m) // namespace_lock.go: the caller may hold the lock
	}
}

// Mount propagation on unmount (propagate_umount). The mounts that
// propagation put on the same mountpoints as the mounts being unmounted,
// wherever their parents pass events on, go too, unless something other
// than another such mount sits on them: a mount kept only by what is
// mounted on its root goes, and the mount on its root slides down to
// where the stack was attached. The work is done by an umountSweep in
// three passes: gather the candidates, settle those whose fate their
// children decide, then take what remains, climbing to the first
// ancestor that is no candidate.

// umountSweep holds the candidates, each flagged tUmountCandidate and on
// the candidates list until settled, and the mounts it decided to take.
type umountSweep struct {
	candidates *umountList
	taken      *umountList
}

func isCandidate(m *Mount) bool { return m.tflags&tUmountCandidate != 0 }

// propagateUmount is propagate_umount: add to set, at its end, the
// mounts that go with it by propagation.
func propagateUmount(set *umountList) {
	sw := umountSweep{candidates: newUmountList(), taken: newUmountList()}
	sw.gather(set)
	for m := range sw.candidates.all {
		sw.settle(m)
	}
	for m := sw.candidates.pop(); m != nil; m = sw.candidates.pop() {
		sw.takeChain(m)
	}
	for m := range sw.taken.all {
		if over := m.overmount; over != nil && !willBeUnmounted(over) {
			lowerSurvivor(over)
		}
	}
	set.appendAll(sw.taken)
}

// gather flags as candidates the mounts on the mountpoint of each mount
// of set wherever that mount's parent passes events on, and lists those
// not already going, newest first. A group already met is not walked
// again. The mounts of set are flagged only while this runs.
func (sw *umountSweep) gather(set *umountList) {
	for m := range set.all {
		if isCandidate(m) {
			continue
		}
		m.tflags |= tUmountCandidate
		mp := m.mountpoint()
		walkReached(m.parent(), func(q *Mount) walkStep {
			c := q.lookupMntLocked(mp)
			switch {
			case c == nil:
				return stepInto
			case isCandidate(c):
				return stepPastGroup
			}
			c.tflags |= tUmountCandidate
			if !willBeUnmounted(c) {
				sw.candidates.addHead(c)
			}
			return stepInto
		})
	}
	for m := range set.all {
		m.tflags &^= tUmountCandidate
	}
}

// drop takes m off the candidates (flag, list and the climb mark).
func (sw *umountSweep) drop(m *Mount) {
	m.tflags &^= tMarked | tUmountCandidate
	m.umountNode.del()
}

// take unmounts m as collateral (umount_one).
func (sw *umountSweep) take(m *Mount) {
	m.setFlags(linux.MNT_UMOUNT, 0)
	m.child.del()
	moveFromNS(m)
	sw.taken.addTail(m)
}

// settle decides m when its children allow it: a childless candidate
// goes; one with a child that stays, other than the one on its root,
// stays and so do its candidate ancestors; one whose only staying child
// is on its root keeps its ancestors but is decided later. A mount that
// lost its candidacy meanwhile leaves the list.
func (sw *umountSweep) settle(m *Mount) {
	if !isCandidate(m) {
		sw.drop(m)
		return
	}
	pinned, topped := false, false
	for c := m.mounts.next; c != &m.mounts; c = c.next {
		switch k := childOf(c); {
		case isCandidate(k):
		case k == m.overmount:
			topped = true
		default:
			pinned = true
		}
	}
	switch {
	case pinned:
		sw.keepAncestors(m)
		sw.drop(m)
	case topped:
		sw.keepAncestors(m)
	case m.mounts.empty():
		sw.drop(m)
		sw.take(m)
	}
}

// keepAncestors (trim_ancestors) climbs from m through candidate
// parents: a parent that m does not merely top is no candidate any
// longer. Each mount climbed from is marked, so no climb is made twice.
func (sw *umountSweep) keepAncestors(m *Mount) {
	for up := m.parent(); isCandidate(up) && !m.isMarked(); m, up = up, up.parent() {
		m.tflags |= tMarked
		if up.overmount != m {
			up.tflags &^= tUmountCandidate
		}
	}
}

// takeChain decides a candidate left over after settling (handle_locked;
// no mount is ever locked here, as linuxvfs has no user namespaces): it
// and its candidate ancestors leave the list, and go, up to the first
// ancestor that is no candidate.
func (sw *umountSweep) takeChain(m *Mount) {
	if !isCandidate(m) {
		sw.drop(m)
		return
	}
	top := m
	for ; isCandidate(top); top = top.parent() {
		sw.drop(top)
	}
	for ; m != top; m = m.parent() {
		sw.take(m)
	}
}

// lowerSurvivor (reparent) moves a surviving mount that sat on the root
// of a mount now going down onto the place where its stack was attached:
// the mountpoint under the nearest ancestor that stays.
func lowerSurvivor(m *Mount) {
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

// bulkMakePrivate is bulk_make_private: make every mount of set private,
// passing what each received on to the first mount that stays along its
// way: its next peer, else its master. In a first sweep each mount
// leaves its group and its master's list and its master field is used
// for where its receivers go (its heir); chains through several mounts
// of set are followed and then pointed straight at their end. In the
// second sweep the receivers move.
func bulkMakePrivate(set *umountList) {
	for m := range set.all {
		if !m.isMarked() {
			redirectChain(m, findHeir(m))
		}
	}
	for m := range set.all {
		m.handReceiversTo(m.master)
		m.master = nil
		m.tflags &^= tMarked
	}
}

// stepAside takes m out of its group and off its master's list, marks
// it, and returns where events would go next: its next peer, else its
// master.
func stepAside(m *Mount) *Mount {
	next := m.nextInGroup()
	if next != m {
		m.share.del()
		m.groupID = 0
		m.master = next
	} else {
		if m.isShared() {
			m.dropGroupID()
		}
		next = m.master
	}
	m.leaveReceivers()
	m.setFlags(0, linux.MNT_SHARED)
	m.tflags |= tMarked
	return next
}

// findHeir steps m and the going mounts after it aside until it reaches
// one that stays (or nothing), or one already stepped aside, whose heir
// its master field holds.
func findHeir(m *Mount) *Mount {
	for {
		next := stepAside(m)
		switch {
		case next == nil || !willBeUnmounted(next):
			return next
		case next.isMarked():
			return next.master
		}
		m = next
	}
}

// redirectChain points every mount of the chain from m through master
// fields at heir.
func redirectChain(m, heir *Mount) {
	for m.master != heir {
		next := m.master
		m.master = heir
		m = next
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
	if !pathMounted(p) || !t.checkMnt(p.Mnt) {
		return linux.EINVAL
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
	if !t.checkMnt(m) || !m.hasParent() {
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
	if !m.mounts.empty() || m.refs.Load() != 0 {
		return linux.EBUSY
	}
	if !m.expiryMark.Swap(true) {
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
