// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// MS_* bits that become superblock flags on a new mount or remount.
const sbFlagsFromMS = linux.SB_RDONLY | linux.SB_SYNCHRONOUS | linux.SB_MANDLOCK | linux.SB_DIRSYNC |
	linux.SB_SILENT | linux.SB_POSIXACL | linux.SB_LAZYTIME | linux.SB_I_VERSION

// Mount is mount(2) (do_mount → path_mount). Empty source, fstype or data
// stand for NULL. The strings are copied in the kernel's order: type,
// source and data before the target is looked up.
func (t *Task) Mount(source, target, fstype string, flags uint64, data string) error {
	fstype, err := copyMountString(fstype)
	if err != nil {
		return err
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
		if err := h(t, source, p, fstype, flags, data); err != nil {
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
func (t *Task) mayMount() bool { return t.Cred().HasCap(linux.CAP_SYS_ADMIN) }

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
	if fstype == "" {
		return linux.EINVAL
	}
	typ, err := t.k.GetFsType(fstype)
	if err != nil {
		return err
	}
	fc, err := t.k.FsContextForMount(typ, t.Cred(), sbFlags)
	if err != nil {
		return err
	}
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
	if err := fc.GetTree(); err != nil {
		return err
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
	m.unmounted.Store(true)
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

// inventGroupIDs is invent_group_ids.
func inventGroupIDs(m *Mount, recurse bool) error {
	for p := m; p != nil; p = nextIf(recurse, p, m) {
		if p.groupID == 0 {
			if err := p.allocGroupID(); err != nil {
				cleanupGroupIDs(m, p)
				return err
			}
		}
	}
	return nil
}

func nextIf(recurse bool, p, root *Mount) *Mount {
	if !recurse {
		return nil
	}
	return nextMnt(p, root)
}

// cleanupGroupIDs is cleanup_group_ids.
func cleanupGroupIDs(m, end *Mount) {
	for p := m; p != end; p = nextMnt(p, m) {
		if p.groupID != 0 && !p.isShared() {
			p.releaseGroupID()
		}
	}
}

// attachRecursiveMnt is attach_recursive_mnt: attach source (a new tree,
// or a mount being moved) at (dest, mp), with copies wherever dest
// propagates, tucking each under whatever is already mounted there.
func attachRecursiveMnt(source, dest *Mount, mp *Dentry) error {
	ns := dest.ns.Load()
	moving := source.hasParent()
	top := source
	for top.overmount != nil {
		top = top.overmount
	}
	if !moving {
		if err := ns.countMounts(source); err != nil {
			ns.pending = 0
			return err
		}
	}
	k := source.sb.k
	tree := k.treeBuf[:0]
	defer func() { clear(tree); k.treeBuf = tree[:0] }()
	if dest.isShared() {
		err := inventGroupIDs(source, true)
		if err == nil {
			tree, err = propagateMnt(dest, mp, source, tree)
		}
		if err != nil {
			for _, c := range tree {
				c.parent().ns.Load().pending = 0
				umountTree(c, umountSync)
			}
			cleanupGroupIDs(source, nil)
			ns.pending = 0
			return err
		}
		for p := source; p != nil; p = nextMnt(p, source) {
			p.setShared()
		}
	}
	if moving {
		umountMnt(source)
	}
	dest.setMountpoint(mp, source)
	attachTreeMember(source, top)
	for _, child := range tree {
		attachTreeMember(child, top)
	}
	return nil
}

// attachTreeMember is the loop body of attach_recursive_mnt's commit: tuck
// whatever already sits on child's mountpoint under child's top, then commit.
func attachTreeMember(child, top *Mount) {
	k := child.sb.k
	k.mountSeqBegin() // a lookup sees q on mp or child there, never neither
	defer k.mountSeqEnd()
	if q := child.parent().lookupMntLocked(child.mountpoint()); q != nil {
		r := child
		for r.overmount != nil {
			r = r.overmount
		}
		changeMountpoint(r, top.root, q)
	}
	commitTree(child)
}

// commitTree is commit_tree: put a new tree in its parent's namespace and
// make it visible.
func commitTree(m *Mount) {
	n := m.parent().ns.Load()
	if m.nsNode.empty() {
		for p := m; p != nil; p = nextMnt(p, m) {
			if !p.nsNode.empty() {
				p = skipMntTree(p)
				continue
			}
			n.addToNS(p)
		}
		n.nr += n.pending
		n.pending = 0
	}
	makeVisible(m)
	n.touch()
}

// cloneMnt is clone_mnt: a new mount of old's superblock rooted at root,
// related to old as flag says.
func cloneMnt(old *Mount, root *Dentry, flag int) (*Mount, error) {
	m, err := old.sb.k.allocVfsmnt(old.devname)
	if err != nil {
		return nil, err
	}
	m.sb, m.root = old.sb, root // before the group ID: m reaches its kernel through sb
	m.flags.Store(old.Flags() &^ (linux.MNT_INTERNAL_FLAGS | linux.MNT_UMOUNT | linux.MNT_LOCKED))
	if flag&(clSlave|clPrivate) == 0 {
		m.groupID = old.groupID
	}
	if flag&clMakeShared != 0 && m.groupID == 0 {
		if err := m.allocGroupID(); err != nil {
			m.freeID()
			return nil, err
		}
	}
	if m.groupID != 0 {
		m.setShared()
	}
	m.sb.activate()
	if flag&clPrivate != 0 {
		return m, nil
	}
	if peers(m, old) {
		old.share.add(&m.share)
	}
	if flag&clSlave != 0 && old.groupID != 0 {
		m.slaveAddHead(old)
		m.master = old
	} else if old.isSlave() {
		m.slaveAddBehind(old)
		m.master = old.master
	}
	return m, nil
}

// copyTree is copy_tree: clone src's tree from dentry down, pruning
// unbindable mounts unless clCopyUnbindable.
func copyTree(src *Mount, dentry *Dentry, flag int) (*Mount, error) {
	if flag&clCopyUnbindable == 0 && src.isUnbindable() {
		return nil, linux.EINVAL
	}
	res, err := cloneMnt(src, dentry, flag)
	if err != nil {
		return nil, err
	}
	dst, srcParent := res, src
	for c := src.mounts.next; c != &src.mounts; c = c.next {
		rootChild := childOf(c)
		if !isSubdir(rootChild.mountpoint(), dentry) {
			continue
		}
		for s := rootChild; s != nil; s = nextMnt(s, rootChild) {
			if flag&clCopyUnbindable == 0 && s.isUnbindable() {
				s = skipMntTree(s)
				continue
			}
			for srcParent != s.parent() {
				srcParent = srcParent.parent()
				dst = dst.parent()
			}
			srcParent = s
			dstParent := dst
			if dst, err = cloneMnt(s, s.root, flag); err != nil {
				umountTree(res, umountSync)
				return nil, err
			}
			attachMnt(dst, dstParent, s.mountpoint())
		}
	}
	return res, nil
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

// doLoopbackCopy is __do_loopback.
func (t *Task) doLoopbackCopy(old Path, recurse bool) (*Mount, error) {
	if old.Mnt.isUnbindable() || !t.checkMnt(old.Mnt) {
		return nil, linux.EINVAL
	}
	if recurse {
		return copyTree(old.Mnt, old.Dentry, clCopyMntNSFile)
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
		if err := inventGroupIDs(m, recurse); err != nil {
			return err
		}
	}
	for q := m; q != nil; q = nextIf(recurse, q, m) {
		changeMntPropagation(q, typ)
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

// mountIsAncestor is mount_is_ancestor.
func mountIsAncestor(p1, p2 *Mount) bool {
	for p2 != p1 && p2.hasParent() {
		p2 = p2.parent()
	}
	return p2 == p1
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
	if !t.checkMnt(m) || !m.hasParent() || !t.checkMnt(p) || m.parent().isShared() {
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
	if mountIsAncestor(m, p) {
		return linux.ELOOP
	}
	return attachRecursiveMnt(m, p, newPath.Dentry)
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
	fc, err := t.k.FsContextForReconfigure(p.Dentry, t.Cred(), sbFlags, linux.MS_RMT_MASK)
	if err != nil {
		return err
	}
	defer t.k.logFc(fc)
	if err := fc.ParseMonolithic(data); err != nil {
		return err
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
// refused while any mount of the superblock has a file open for writing.
func (k *Kernel) reconfigureSuperLocked(fc *FsContext) error {
	sb := fc.Root.Inode().sb
	if fc.SbFlagsMask&^linux.MS_RMT_MASK != 0 {
		return linux.EINVAL
	}
	// sb_prepare_remount_readonly: a read-only mount has no writers, so
	// the superblock's count is the sum over its writable mounts.
	if fc.SbFlagsMask&linux.SB_RDONLY != 0 && fc.SbFlags&linux.SB_RDONLY != 0 && !sb.ReadOnly() && sb.writers.Load() > 0 {
		return linux.EBUSY
	}
	if err := fc.Ops.Reconfigure(fc); err != nil {
		return err
	}
	sb.SetFlags(fc.SbFlags, fc.SbFlagsMask)
	return nil
}
