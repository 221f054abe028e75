// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// MS_* bits that become superblock flags on a new mount or remount.
const sbFlagsFromMS = linux.SB_RDONLY | linux.SB_SYNCHRONOUS | linux.SB_MANDLOCK | linux.SB_DIRSYNC |
	linux.SB_SILENT | linux.SB_POSIXACL | linux.SB_LAZYTIME | linux.SB_I_VERSION

// Mount is mount(2) (do_mount → path_mount). Empty source, fstype or data
// stand for NULL. The strings are copied in the kernel's order: type,
// source and data before the target is looked up.
func (t *Task) Mount(source, target, fstype string, flags uint64, data string) error {
	return t.mount(source, target, fstype, false, flags, data)
}

// MountGivenType is Mount with a filesystem type that is passed even
// when empty: Mount's "" stands for no type (NULL), which a new mount
// refuses with EINVAL, where an empty name given is a type no filesystem
// has, ENODEV (mount -t with an empty argument).
func (t *Task) MountGivenType(source, target, fstype string, flags uint64, data string) error {
	return t.mount(source, target, fstype, true, flags, data)
}

// emptyFsType is an empty type name given to mount(2), inside the kernel
// (no type name can hold a NUL).
const emptyFsType = "\x00"

func (t *Task) mount(source, target, fstype string, typeGiven bool, flags uint64, data string) error {
	fstype, err := copyMountString(fstype)
	if err != nil {
		return err
	}
	if typeGiven && fstype == "" {
		fstype = emptyFsType
	}
	if source, err = copyMountString(source); err != nil {
		return err
	}
	data = copyMountOptions(data)
	p, err := t.pathLookupat(linux.AT_FDCWD, target, lookupFollow)
	if err != nil {
		return err
	}
	return t.pathMount(source, p, fstype, flags, data)
}

// pathMount is path_mount: split the flags and dispatch, in the kernel's
// order: remount+bind, remount, bind, propagation change, move, new mount.
func (t *Task) pathMount(source string, p Path, fstype string, flags uint64, data string) error {
	if flags&linux.MS_MGC_MSK == linux.MS_MGC_VAL {
		flags &^= linux.MS_MGC_MSK
	}
	if flags&linux.MS_NOUSER != 0 {
		return linux.EINVAL
	}
	if h := t.k.SecuritySbMount; h != nil {
		if err := h(t, source, p, strings.TrimSuffix(fstype, emptyFsType), flags, data); err != nil {
			return err
		}
	}
	if !t.mayMount() {
		return linux.EPERM
	}
	mntFlags := mntFlagsFromMS(flags, p.Mnt)
	sbFlags := uint32(flags) & sbFlagsFromMS
	switch {
	case flags&(linux.MS_REMOUNT|linux.MS_BIND) == linux.MS_REMOUNT|linux.MS_BIND:
		return t.doReconfigureMnt(p, mntFlags)
	case flags&linux.MS_REMOUNT != 0:
		return t.doRemount(p, sbFlags, mntFlags, data)
	case flags&linux.MS_BIND != 0:
		return t.doLoopback(p, source, flags&linux.MS_REC != 0)
	case flags&(linux.MS_SHARED|linux.MS_PRIVATE|linux.MS_SLAVE|linux.MS_UNBINDABLE) != 0:
		return t.doChangeType(p, flags)
	case flags&linux.MS_MOVE != 0:
		return t.doMoveMountOld(p, source)
	}
	return t.doNewMount(p, fstype, sbFlags, mntFlags, source, data)
}

// mayMount is may_mount: CAP_SYS_ADMIN over the mount namespace.
func (t *Task) mayMount() bool {
	return t.Cred().NsCapable(t.MountNamespace().userNS, linux.CAP_SYS_ADMIN)
}

// mntFlagsFromMS separates the per-mount flags of path_mount: relatime
// unless told otherwise, and on remount the old atime policy unless one is
// given.
func mntFlagsFromMS(flags uint64, cur *Mount) uint32 {
	var f uint32
	if flags&linux.MS_NOATIME == 0 {
		f |= linux.MNT_RELATIME
	}
	pairs := []struct {
		ms  uint64
		mnt uint32
	}{
		{linux.MS_NOSUID, linux.MNT_NOSUID}, {linux.MS_NODEV, linux.MNT_NODEV},
		{linux.MS_NOEXEC, linux.MNT_NOEXEC}, {linux.MS_NOATIME, linux.MNT_NOATIME},
		{linux.MS_NODIRATIME, linux.MNT_NODIRATIME}, {linux.MS_RDONLY, linux.MNT_READONLY},
		{linux.MS_NOSYMFOLLOW, linux.MNT_NOSYMFOLLOW},
	}
	for _, p := range pairs {
		if flags&p.ms != 0 {
			f |= p.mnt
		}
	}
	if flags&linux.MS_STRICTATIME != 0 {
		f &^= linux.MNT_RELATIME | linux.MNT_NOATIME
	}
	if flags&linux.MS_REMOUNT != 0 && flags&(linux.MS_NOATIME|linux.MS_NODIRATIME|linux.MS_RELATIME|linux.MS_STRICTATIME) == 0 {
		f = f&^linux.MNT_ATIME_MASK | cur.Flags()&linux.MNT_ATIME_MASK
	}
	return f
}

// checkMnt is check_mnt: m is in the caller's namespace.
func (t *Task) checkMnt(m *Mount) bool { return m.ns.Load() == t.MountNamespace() }

// pathMounted is path_mounted: p is the root of its mount.
func pathMounted(p Path) bool { return p.Dentry == p.Mnt.root }

// lockMountLocked is lock_mount/do_lock_mount: climb to the topmost mount
// stacked on p and pin its dentry as the mountpoint. namespaceMu is held.
func lockMountLocked(p *Path) error {
	for {
		if p.Dentry.Unlinked() || p.Mnt.ns.Load() == nil {
			return linux.ENOENT
		}
		c := p.Mnt.lookupStackedLocked(p.Dentry)
		if c == nil {
			return nil
		}
		*p = Path{c, c.root}
	}
}

// doNewMount is do_new_mount + do_new_mount_fc.
func (t *Task) doNewMount(p Path, fstype string, sbFlags, mntFlags uint32, source, data string) error {
	switch fstype {
	case "":
		return linux.EINVAL
	case emptyFsType:
		return linux.ENODEV
	}
	typ, err := t.k.GetFsType(fstype)
	if err != nil {
		return err
	}
	fc, err := t.k.fsContextFor(typ, t, t.Cred(), sbFlags)
	if err != nil {
		return err
	}
	defer releaseFsContext(fc) // mount(2)'s context is seen by nobody else
	fc.task = t
	defer t.k.logFc(fc)
	// mount(8) always passes a source, if only "", which is then the
	// mount's source as given (a C caller's NULL would show as "none").
	if err := fc.ParseString("source", source, true); err != nil {
		return err
	}
	if err := fc.ParseMonolithic(data); err != nil {
		return err
	}
	if !fc.mountCapable() {
		return linux.EPERM
	}
	if err := fc.GetTree(); err != nil {
		return err
	}
	if t.mountTooRevealing(fc.Root.Inode().Superblock(), &mntFlags) {
		fc.dropTree()
		return linux.EPERM
	}
	m, err := t.k.vfsCreateMount(fc)
	if err != nil {
		return err
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if err := lockMountLocked(&p); err != nil {
		t.k.dropNewMountLocked(m)
		return err
	}
	if err := t.doAddMountLocked(m, p, mntFlags); err != nil {
		t.k.dropNewMountLocked(m)
		return err
	}
	return nil
}

// dropNewMountLocked is mntput of a mount never attached.
func (k *Kernel) dropNewMountLocked(m *Mount) {
	m.state.set(stateUnmounted)
	m.releaseLocked()
}

// doAddMountLocked is do_add_mount.
func (t *Task) doAddMountLocked(m *Mount, p Path, mntFlags uint32) error {
	if !t.checkMnt(p.Mnt) {
		return linux.EINVAL
	}
	if p.Mnt.sb == m.sb && pathMounted(p) {
		return linux.EBUSY
	}
	if m.root.Inode().IsSymlink() {
		return linux.EINVAL
	}
	m.flags.Store(mntFlags &^ linux.MNT_INTERNAL_FLAGS)
	return graftTree(m, p.Mnt, p.Dentry)
}

// graftTree is graft_tree.
func graftTree(m, parent *Mount, mp *Dentry) error {
	if m.sb.Flags()&linux.SB_NOUSER != 0 {
		return linux.EINVAL
	}
	if mp.Inode().IsDir() != m.root.Inode().IsDir() {
		return linux.ENOTDIR
	}
	return attachRecursiveMnt(m, parent, mp)
}

// mountsOf yields m and, with whole, the rest of its tree, in walk order.
// The body must not change the tree.
func (m *Mount) mountsOf(whole bool) func(func(*Mount) bool) {
	return func(yield func(*Mount) bool) {
		for p := m; p != nil && yield(p); p = nextMnt(p, m) {
			if !whole {
				return
			}
		}
	}
}

// assignGroupIDs is invent_group_ids: a group of its own for every mount
// of m (or of its tree, with whole) that has none. On failure the groups
// made so far go.
func assignGroupIDs(m *Mount, whole bool) error {
	for p := range m.mountsOf(whole) {
		if p.inGroup() {
			continue
		}
		if err := p.newGroup(); err != nil {
			revokeGroupIDs(m, p)
			return err
		}
	}
	return nil
}

// revokeGroupIDs is cleanup_group_ids: the mounts of m's tree, up to stop
// (nil: all of it), that are in a group without being shared leave it.
func revokeGroupIDs(m, stop *Mount) {
	for p := m; p != stop; p = nextMnt(p, m) {
		if p.inGroup() && !p.isShared() {
			p.quitGroup()
		}
	}
}

// attachRecursiveMnt is attach_recursive_mnt: attach source (a new tree,
// or a mount being moved, with its tree) at (dest, mp), and a copy of it
// wherever dest passes events on.
//
// A tree whose root was unlinked (a bind of a removed directory through
// /proc/PID/fd or a deleted working directory, a mount over one being
// moved) has no name to hang by: ENOENT, after the callers' own checks.
func attachRecursiveMnt(source, dest *Mount, mp *Dentry) error {
	if source.root.Unlinked() {
		return linux.ENOENT
	}
	k := source.sb.k
	l := landing{tree: source, dest: dest, mp: mp, copies: k.treeBuf[:0]}
	defer func() { clear(l.copies); k.treeBuf = l.copies[:0] }()
	if err := l.prepare(); err != nil {
		l.abort()
		return err
	}
	l.commit()
	return nil
}

// A landing is a tree on its way to (dest, mp) with its copies. prepare
// does all that can fail, and abort gives back whatever it got done, so
// that a failure leaves nothing half done; commit, which cannot fail,
// makes the trees visible.
type landing struct {
	tree, dest *Mount
	mp         *Dentry
	copies     []*Mount // in the order made
}

// prepare reserves room in dest's namespace for a new tree and, when dest
// is shared, gives every mount of the tree without a peer group one and
// makes the copies for dest's receivers.
func (l *landing) prepare() error {
	if !l.tree.hasParent() {
		if err := l.dest.ns.Load().countMounts(l.tree); err != nil {
			return err
		}
	}
	if !l.dest.isShared() {
		return nil
	}
	if err := assignGroupIDs(l.tree, true); err != nil {
		return err
	}
	var err error
	l.copies, err = propagateMnt(l.dest, l.mp, l.tree, l.copies)
	return err
}

// abort undoes prepare: the room reserved in dest's namespace and in
// those of the copies goes back, the copies are thrown away (newest
// first: none then has receivers to hand on), and the tree's mounts that
// are in a group without being shared yet, which prepare put there,
// leave it.
func (l *landing) abort() {
	l.dest.ns.Load().pending = 0
	for _, c := range l.copies {
		c.parent().ns.Load().pending = 0
	}
	for _, c := range slices.Backward(l.copies) {
		umountTree(c, umountSync)
	}
	revokeGroupIDs(l.tree, nil)
}

// commit lands the tree, then the copies, newest first as the kernel
// does. Going to a shared mount, the whole tree becomes shared.
func (l *landing) commit() {
	if l.dest.isShared() {
		for p := range l.tree.mountsOf(true) {
			p.markShared()
		}
	}
	if l.tree.hasParent() {
		umountMnt(l.tree) // a move: leave the old place
	}
	l.dest.setMountpoint(l.mp, l.tree)
	// What already sits where a tree lands is tucked under it, onto the
	// root of the top of the tree's root stack; the copies' stacks mirror
	// the tree's, so one dentry serves them all.
	under := topOfStack(l.tree).root
	landTree(l.tree, under)
	owner := l.dest.ns.Load().ownerNS()
	for _, c := range slices.Backward(l.copies) {
		// A copy propagated into a namespace of another owner is locked
		// there as copy_mnt_ns would have locked it.
		if !sameUserNS(c.parent().ns.Load().ownerNS(), owner) {
			lockMntTree(c)
		}
		landTree(c, under)
	}
}

// topOfStack returns the highest mount of the stack on m's root (m when
// nothing is mounted there).
func topOfStack(m *Mount) *Mount {
	for m.overmount != nil {
		m = m.overmount
	}
	return m
}

// landTree makes m, whose mountpoint is set, visible there with its tree.
// A mount already in that place moves onto the dentry under of the top of
// m's root stack.
func landTree(m *Mount, under *Dentry) {
	k := m.sb.k
	k.mountSeqBegin() // a lookup sees the old mount there or m, never neither
	defer k.mountSeqEnd()
	if old := m.parent().lookupMntLocked(m.mountpoint()); old != nil {
		changeMountpoint(topOfStack(m), under, old)
	}
	commitTree(m)
}

// commitTree is commit_tree: put a new tree in its parent's namespace
// (the mounts not there yet, which the pending count covered) and make it
// visible.
func commitTree(m *Mount) {
	ns := m.parent().ns.Load()
	if m.nsNode.empty() {
		ns.adoptTree(m)
	}
	makeVisible(m)
	ns.touch()
}

// adoptTree adds to ns the mounts of m's tree that are in no namespace
// list yet (a subtree already in one is passed over whole) and turns the
// pending count into mounts.
func (ns *MountNamespace) adoptTree(m *Mount) {
	for p := m; p != nil; p = nextMnt(p, m) {
		if !p.nsNode.empty() {
			p = skipMntTree(p)
			continue
		}
		ns.addToNS(p)
	}
	ns.nr += ns.pending
	ns.pending = 0
}

// cloneMnt is clone_mnt: a new mount of old's superblock rooted at root,
// related to old as mode says.
func cloneMnt(old *Mount, root *Dentry, mode copyMode) (*Mount, error) {
	if mode&copySharedToSlave != 0 && old.inGroup() {
		mode |= copyAsSlave
	}
	m, err := old.sb.k.allocVfsmnt(old.devname)
	if err != nil {
		return nil, err
	}
	m.sb, m.root = old.sb, root // before the group ID: m reaches its kernel through sb
	// m is not in any tree yet: plain stores (fresh.go).
	freshUint32(&m.flags, old.Flags()&^(linux.MNT_INTERNAL_FLAGS|linux.MNT_UMOUNT|linux.MNT_LOCKED))
	freshPointer(&m.idmapping, old.idmap())
	if err := m.joinGroupOf(old, mode); err != nil {
		m.freeID()
		return nil, err
	}
	m.sb.activate()
	root.Inode().hold()
	if ns := m.sb.k.nsOf(root); ns != nil {
		ns.get() // the bind pins its dentry, whose inode holds the namespace
	}
	if mode&copyPrivate == 0 {
		m.receiveLike(old, mode)
	}
	return m, nil
}

// joinGroupOf picks a copy's peer group: old's, right after old, unless
// the copy is to be a slave or private; a new one when it must be shared
// and has none. A copy in a group is shared.
func (m *Mount) joinGroupOf(old *Mount, mode copyMode) error {
	switch {
	case mode&(copyAsSlave|copyPrivate) == 0 && old.inGroup():
		m.joinAfter(old)
	case mode&copyShared != 0:
		if err := m.newGroup(); err != nil {
			return err
		}
	}
	if m.inGroup() {
		m.markShared()
	}
	return nil
}

// receiveLike makes a copy receive as mode says: from old, first on its
// list, when it is to be a slave of a mount with a group; else from old's
// master, beside old, when old is a slave.
func (m *Mount) receiveLike(old *Mount, mode copyMode) {
	switch {
	case mode&copyAsSlave != 0 && old.inGroup():
		m.receiveFrom(old)
	case old.isSlave():
		m.receiveBeside(old)
	}
}

// copyTree is copy_tree: clone src from the dentry at down, with the
// mounts of its tree that lie below at, each attached to its parent's
// clone in src's order; unbindable mounts and their trees are left out
// unless mode has copyUnbindable, and an unbindable src is refused. So
// are binds of mount namespace files unless mode has copyNSFile: only a
// bind copies them, not a new namespace or propagation, which could put
// a namespace's file inside itself.
func copyTree(src *Mount, at *Dentry, mode copyMode) (*Mount, error) {
	tc := treeCopy{mode: mode}
	return tc.run(src, at)
}

// treeCopy is one copyTree. With note set, every mount copied is written
// down in pairs with its copy, in the order copied (which is the walk
// order of the copy's tree).
type treeCopy struct {
	mode  copyMode
	note  bool
	pairs []mountPair
}

// mountPair is a mount and its copy.
type mountPair struct{ orig, copy *Mount }

func (tc *treeCopy) run(src *Mount, at *Dentry) (*Mount, error) {
	if tc.mode&copyUnbindable == 0 && src.isUnbindable() {
		return nil, linux.EINVAL
	}
	if tc.mode&copyNSFile == 0 && src.sb.k.isMntNSFile(at) {
		return nil, linux.EINVAL
	}
	top, err := tc.clone(src, at)
	if err != nil {
		return nil, err
	}
	for l := src.mounts.next; l != &src.mounts; l = l.next {
		c := childOf(l)
		if !isSubdir(c.mountpoint(), at) {
			continue
		}
		if err := tc.branch(c, top); err != nil {
			umountTree(top, umountSync)
			return nil, err
		}
	}
	return top, nil
}

// clone clones m from root and notes the pair.
func (tc *treeCopy) clone(m *Mount, root *Dentry) (*Mount, error) {
	c, err := cloneMnt(m, root, tc.mode)
	if err == nil && tc.note {
		tc.pairs = append(tc.pairs, mountPair{m, c})
	}
	return c, err
}

// branch clones s and its tree below under onto, the clone of s's
// parent.
func (tc *treeCopy) branch(s, onto *Mount) error {
	if tc.mode&copyUnbindable == 0 && s.isUnbindable() {
		return nil
	}
	if tc.mode&copyNSFile == 0 && s.sb.k.isMntNSFile(s.root) {
		return nil
	}
	c, err := tc.clone(s, s.root)
	if err != nil {
		return err
	}
	if s.isLocked() {
		c.lock() // copy_tree keeps a child's lock
	}
	attachMnt(c, onto, s.mountpoint())
	for l := s.mounts.next; l != &s.mounts; l = l.next {
		if err := tc.branch(childOf(l), c); err != nil {
			return err
		}
	}
	return nil
}

// doLoopback is do_loopback: bind (or with recurse, rbind) source at p.
func (t *Task) doLoopback(p Path, source string, recurse bool) error {
	if source == "" {
		return linux.EINVAL
	}
	old, err := t.pathLookupat(linux.AT_FDCWD, source, lookupFollow)
	if err != nil {
		return err
	}
	if t.mntNSLoop(old.Dentry) {
		return linux.EINVAL
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if err := lockMountLocked(&p); err != nil {
		return err
	}
	if !t.checkMnt(p.Mnt) {
		return linux.EINVAL
	}
	m, err := t.doLoopbackCopy(old, recurse)
	if err != nil {
		return err
	}
	if err := graftTree(m, p.Mnt, p.Dentry); err != nil {
		umountTree(m, umountSync)
		return err
	}
	return nil
}

// doLoopbackCopy is __do_loopback. A namespace file may be bound from
// outside the caller's namespace (may_copy_tree): /proc/<pid>/ns/* lead
// to the kernel's own nsfs mount.
func (t *Task) doLoopbackCopy(old Path, recurse bool) (*Mount, error) {
	if old.Mnt.isUnbindable() || !t.checkMnt(old.Mnt) && t.k.nsOf(old.Dentry) == nil {
		return nil, linux.EINVAL
	}
	if !recurse && hasLockedChildren(old.Mnt, old.Dentry) {
		return nil, linux.EINVAL
	}
	if recurse {
		return copyTree(old.Mnt, old.Dentry, copyNSFile)
	}
	return cloneMnt(old.Mnt, old.Dentry, 0)
}

// flagsToPropagationType is flags_to_propagation_type.
func flagsToPropagationType(flags uint64) uint64 {
	typ := flags &^ (linux.MS_REC | linux.MS_SILENT)
	if typ&^(linux.MS_SHARED|linux.MS_PRIVATE|linux.MS_SLAVE|linux.MS_UNBINDABLE) != 0 {
		return 0
	}
	if typ == 0 || typ&(typ-1) != 0 {
		return 0
	}
	return typ
}

// doChangeType is do_change_type (mount --make-*).
func (t *Task) doChangeType(p Path, flags uint64) error {
	if !pathMounted(p) {
		return linux.EINVAL
	}
	typ := flagsToPropagationType(flags)
	if typ == 0 {
		return linux.EINVAL
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	m := p.Mnt
	if !t.checkMnt(m) {
		return linux.EINVAL
	}
	recurse := flags&linux.MS_REC != 0
	if typ == linux.MS_SHARED {
		if err := assignGroupIDs(m, recurse); err != nil {
			return err
		}
	}
	for q := range m.mountsOf(recurse) {
		setPropagation(q, typ)
	}
	return nil
}

// doMoveMountOld is do_move_mount_old.
func (t *Task) doMoveMountOld(p Path, source string) error {
	if source == "" {
		return linux.EINVAL
	}
	old, err := t.pathLookupat(linux.AT_FDCWD, source, lookupFollow)
	if err != nil {
		return err
	}
	return t.doMoveMount(old, p)
}

// mountIsAncestor is mount_is_ancestor: a is m or one of the mounts m
// hangs from.
func mountIsAncestor(a, m *Mount) bool {
	if m == a {
		return true
	}
	for at := range m.attachments {
		if at.Mnt == a {
			return true
		}
	}
	return false
}

func treeContainsUnbindable(m *Mount) bool {
	for p := m; p != nil; p = nextMnt(p, m) {
		if p.isUnbindable() {
			return true
		}
	}
	return false
}

// doMoveMount is do_move_mount.
func (t *Task) doMoveMount(old, newPath Path) error {
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if err := lockMountLocked(&newPath); err != nil {
		return err
	}
	m, p := old.Mnt, newPath.Mnt
	if !t.checkMnt(m) || !m.hasParent() || m.isLocked() || !t.checkMnt(p) || m.parent().isShared() {
		return linux.EINVAL
	}
	if !pathMounted(old) {
		return linux.EINVAL
	}
	if newPath.Dentry.Inode().IsDir() != old.Dentry.Inode().IsDir() {
		return linux.EINVAL
	}
	if p.isShared() && treeContainsUnbindable(m) {
		return linux.EINVAL
	}
	if !t.checkForNsfsMounts(m) || mountIsAncestor(m, p) {
		return linux.ELOOP
	}
	return attachRecursiveMnt(m, p, newPath.Dentry)
}

// checkForNsfsMounts is check_for_nsfs_mounts: no mount of m's tree is a
// bind of a mount namespace file that could not be bound where the tree
// goes (mnt_ns_loop); a tree open_tree(2) cloned escaped that check.
func (t *Task) checkForNsfsMounts(m *Mount) bool {
	for p := m; p != nil; p = nextMnt(p, m) {
		if t.mntNSLoop(p.root) {
			return false
		}
	}
	return true
}

// setMountAttributes is set_mount_attributes.
func setMountAttributes(m *Mount, mntFlags uint32) {
	mntFlags |= m.Flags() &^ linux.MNT_USER_SETTABLE_MASK
	m.flags.Store(mntFlags)
	m.ns.Load().touch()
}

// doReconfigureMnt is do_reconfigure_mnt (MS_REMOUNT|MS_BIND): per-mount
// flags only.
func (t *Task) doReconfigureMnt(p Path, mntFlags uint32) error {
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	m := p.Mnt
	if !t.checkMnt(m) || !pathMounted(p) {
		return linux.EINVAL
	}
	if !canChangeLockedFlags(m, mntFlags) {
		return linux.EPERM
	}
	if err := changeMountROState(m, mntFlags); err != nil {
		return err
	}
	setMountAttributes(m, mntFlags)
	return nil
}

// changeMountROState is change_mount_ro_state.
func changeMountROState(m *Mount, mntFlags uint32) error {
	ro := mntFlags&linux.MNT_READONLY != 0
	if ro == m.ReadOnly() {
		return nil
	}
	if ro {
		if m.writers.Load() > 0 {
			return linux.EBUSY
		}
		m.setFlags(linux.MNT_READONLY, 0)
		return nil
	}
	m.setFlags(0, linux.MNT_READONLY)
	return nil
}

// doRemount is do_remount: reconfigure the superblock, then set the
// per-mount flags.
func (t *Task) doRemount(p Path, sbFlags, mntFlags uint32, data string) error {
	m := p.Mnt
	if !t.checkMnt(m) || !pathMounted(p) {
		return linux.EINVAL
	}
	if !canChangeLockedFlags(m, mntFlags) {
		return linux.EPERM
	}
	fc, err := t.k.FsContextForReconfigure(p.Dentry, t.Cred(), sbFlags, linux.MS_RMT_MASK)
	if err != nil {
		return err
	}
	defer t.k.logFc(fc)
	if err := fc.ParseMonolithic(data); err != nil {
		return err
	}
	if !t.Cred().NsCapable(m.sb.userNS, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if err := t.k.reconfigureSuperLocked(fc); err != nil {
		return err
	}
	setMountAttributes(m, mntFlags)
	return nil
}

// reconfigureSuperLocked is reconfigure_super: a read-only switch is
// refused while any mount of the superblock has a file open for writing,
// or something still holds a file or directory whose last name was
// removed (holdsRemoved).
func (k *Kernel) reconfigureSuperLocked(fc *FsContext) error {
	sb := fc.Root.Inode().sb
	if fc.SbFlagsMask&^linux.MS_RMT_MASK != 0 {
		return linux.EINVAL
	}
	// sb_prepare_remount_readonly: a read-only mount has no writers, so
	// the superblock's count is the sum over its writable mounts.
	if fc.SbFlagsMask&linux.SB_RDONLY != 0 && fc.SbFlags&linux.SB_RDONLY != 0 && !sb.ReadOnly() && (sb.writers.Load() > 0 || k.holdsRemoved(sb)) {
		return linux.EBUSY
	}
	if err := fc.Ops.Reconfigure(fc); err != nil {
		return err
	}
	sb.SetFlags(fc.SbFlags, fc.SbFlagsMask)
	return nil
}

// holdsRemoved is sb_prepare_remount_readonly's test of s_remove_count:
// an inode of sb without names is still held, by an open file or a
// mount on it (counted as they come and go, Superblock.removing), or as
// a task's working directory or root, which the kernel counts by their
// dentry references and linuxvfs looks up here, a read-only remount
// being rare. namespaceMu held.
func (k *Kernel) holdsRemoved(sb *Superblock) bool {
	if sb.removing.Load() > 0 {
		return true
	}
	removed := func(d *Dentry) bool { return d.Unlinked() && d.Inode().sb == sb }
	for _, t := range k.tasks.all() {
		if s := t.fsStruct().load(); removed(s.root.Dentry) || removed(s.pwd.Dentry) {
			return true
		}
	}
	return false
}
