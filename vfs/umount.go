// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// umount_tree flags.
const (
	umountSync = 1 << iota
	umountPropagate
	umountConnected
)

// umountList is a list threaded through mnt_list (Mount.umountNode).
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

// all is list_for_each_entry_safe: the body may take the current mount off
// the list, but no other.
func (l *umountList) all(yield func(*Mount) bool) {
	for n := l.head.next; n != &l.head; {
		next := n.next
		if !yield(umountNodeOf(n)) {
			return
		}
		n = next
	}
}

// spliceTail is list_splice_tail_init(from, l).
func (l *umountList) spliceTail(from *umountList) {
	for !from.empty() {
		m := from.first()
		m.umountNode.del()
		l.addTail(m)
	}
}

// disconnectMount is disconnect_mount.
func disconnectMount(m *Mount, how int) bool {
	if how&umountSync != 0 || !m.hasParent() {
		return true
	}
	if m.parent().Flags()&linux.MNT_UMOUNT == 0 {
		return true
	}
	return how&umountConnected == 0
}

// umountTree is umount_tree: take m and everything under it (and, with
// umountPropagate, what propagation put elsewhere) out of their namespaces.
// Kernel.namespaceMu must be held.
func umountTree(m *Mount, how int) {
	tmp := newUmountList()
	for p := m; p != nil; p = nextMnt(p, m) {
		p.setFlags(linux.MNT_UMOUNT, 0)
		if !p.nsNode.empty() {
			moveFromNS(p)
		}
		tmp.addTail(p)
	}
	for n := tmp.head.next; n != &tmp.head; n = n.next {
		umountNodeOf(n).child.del()
	}
	if how&umountPropagate != 0 {
		propagateUmount(tmp)
	}
	stackForgetLocked(tmp)
	bulkMakePrivate(tmp)
	// Releases wait for the end (namespace_unlock's mntputs in Linux): a
	// mount kept connected is put back on its parent's list in this loop,
	// and its parent's release must find it there.
	var release []*Mount
	for !tmp.empty() {
		p := tmp.first()
		p.umountNode.del()
		if ns := p.ns.Load(); ns != nil {
			ns.nr--
			ns.touch()
		}
		p.ns.Store(nil)
		if how&umountSync != 0 {
			p.setFlags(linux.MNT_SYNC_UMOUNT, 0)
		}
		disconnect := disconnectMount(p, how)
		if p.hasParent() {
			if disconnect {
				umountMnt(p)
			} else {
				p.parent().mounts.addTail(&p.child)
			}
		}
		p.unmounted.Store(true)
		if disconnect {
			release = append(release, p)
		}
	}
	for _, p := range release {
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

func isCandidate(m *Mount) bool { return m.tflags&tUmountCandidate != 0 }

// gatherCandidates is gather_candidates.
func gatherCandidates(set, candidates *umountList) {
	for m := range set.all {
		if isCandidate(m) {
			continue
		}
		m.tflags |= tUmountCandidate
		p := m.parent()
		mp := m.mountpoint()
		for q := propagationNext(p, p); q != nil; {
			if child := q.lookupMntLocked(mp); child != nil {
				if isCandidate(child) {
					q = skipPropagationSubtree(q, p)
					continue
				}
				child.tflags |= tUmountCandidate
				if !willBeUnmounted(child) {
					candidates.addHead(child)
				}
			}
			q = propagationNext(q, p)
		}
	}
	for m := range set.all {
		m.tflags &^= tUmountCandidate
	}
}

// umountOne is umount_one.
func umountOne(m *Mount, to *umountList) {
	m.setFlags(linux.MNT_UMOUNT, 0)
	m.child.del()
	moveFromNS(m)
	to.addTail(m)
}

func removeFromCandidateList(m *Mount) {
	m.tflags &^= tMarked | tUmountCandidate
	m.umountNode.del()
}

// trimAncestors is trim_ancestors.
func trimAncestors(m *Mount) {
	for p := m.parent(); isCandidate(p); m, p = p, p.parent() {
		if m.isMarked() {
			return
		}
		m.tflags |= tMarked
		if m != p.overmount {
			p.tflags &^= tUmountCandidate
		}
	}
}

// trimOne is trim_one.
func trimOne(m *Mount, to *umountList) {
	if !isCandidate(m) {
		removeFromCandidateList(m)
		return
	}
	removeThis, found, umountThis := false, false, false
	for c := m.mounts.next; c != &m.mounts; c = c.next {
		if !isCandidate(childOf(c)) {
			found = true
			if childOf(c) != m.overmount {
				removeThis = true
				break
			}
		}
	}
	if found {
		trimAncestors(m)
	} else if m.mounts.empty() {
		removeThis, umountThis = true, true
	}
	if removeThis {
		removeFromCandidateList(m)
		if umountThis {
			umountOne(m, to)
		}
	}
}

// handleLocked is handle_locked (no mount is ever locked here: linuxvfs
// has no user namespaces, so the cutoff is always the first non-candidate).
func handleLocked(m *Mount, to *umountList) {
	if !isCandidate(m) {
		removeFromCandidateList(m)
		return
	}
	cutoff := m
	p := m
	for ; isCandidate(p); p = p.parent() {
		removeFromCandidateList(p)
		cutoff = p.parent()
	}
	if willBeUnmounted(p) {
		cutoff = p
	}
	for m != cutoff {
		umountOne(m, to)
		m = m.parent()
	}
}

// reparent is reparent: slide a surviving overmount down to where the
// stack it covered was attached.
func reparent(m *Mount) {
	p := m
	var mp *Dentry
	for {
		mp = p.mountpoint()
		p = p.parent()
		if !willBeUnmounted(p) {
			break
		}
	}
	changeMountpoint(p, mp, m)
}

// propagateUmount is propagate_umount.
func propagateUmount(set *umountList) {
	to := newUmountList()
	candidates := newUmountList()
	gatherCandidates(set, candidates)
	for m := range candidates.all {
		trimOne(m, to)
	}
	for !candidates.empty() {
		handleLocked(candidates.first(), to)
	}
	for m := range to.all {
		if over := m.overmount; over != nil && !willBeUnmounted(over) {
			reparent(over)
		}
	}
	set.spliceTail(to)
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
	root := t.Root()
	if flags&linux.MNT_EXPIRE != 0 {
		if m == root.Mnt || flags&(linux.MNT_FORCE|linux.MNT_DETACH) != 0 {
			return linux.EINVAL
		}
		t.k.lockNamespace()
		busy := !m.mounts.empty() || m.refs.Load() != 0
		wasMarked := m.expiryMark.Swap(true)
		t.k.unlockNamespace()
		if busy {
			return linux.EBUSY
		}
		if !wasMarked {
			return linux.EAGAIN
		}
	}
	if m == root.Mnt && flags&linux.MNT_DETACH == 0 {
		return t.k.doUmountRoot(m.sb, t.Cred())
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if !t.checkMnt(m) || !m.hasParent() {
		return linux.EINVAL
	}
	if flags&linux.MNT_DETACH != 0 {
		umountTree(m, umountPropagate)
		return nil
	}
	if propagateMountBusy(m) {
		return linux.EBUSY
	}
	umountTree(m, umountPropagate|umountSync)
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
