// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// detachedTree marks the O_PATH file fsmount and open_tree(OPEN_TREE_CLONE)
// return (FMODE_NEED_UNMOUNT): when it goes, so does the tree, unless it
// was attached somewhere meanwhile.
type detachedTree struct{ root *Mount }

// allocAnonNS is alloc_mnt_ns(..., anon=true): a namespace with no number
// and no tasks, holding the tree m, owned by the caller's namespace's owner.
func (k *Kernel) allocAnonNSLocked(m *Mount, owner *UserNamespace) *MountNamespace {
	ns := &MountNamespace{k: k, anon: true}
	ns.userNS = owner
	ns.list.init()
	ns.root = m
	for p := m; p != nil; p = nextMnt(p, m) {
		ns.addToNS(p)
		ns.nr++
	}
	return ns
}

// anonNSRoot is anon_ns_root: m is the root of an anonymous namespace.
func anonNSRoot(m *Mount) bool {
	ns := m.ns.Load()
	return ns != nil && ns.anon && ns.root == m
}

// dissolveOnFput is dissolve_on_fput.
func (k *Kernel) dissolveOnFput(m *Mount) {
	k.lockNamespace()
	defer k.unlockNamespace()
	if !anonNSRoot(m) {
		return
	}
	umountTree(m, umountConnected)
}

// openDetached gives the tree rooted at m, in a new anonymous namespace,
// an O_PATH descriptor at d that takes the tree along when it goes.
func (t *Task) openDetached(m *Mount, d *Dentry, cloexec bool) (int, error) {
	f, err := t.detachedFile(m, d)
	if err != nil {
		return -1, err
	}
	return t.installFile(f, cloexec)
}

// detachedFile is openDetached's file, not yet installed.
func (t *Task) detachedFile(m *Mount, d *Dentry) (*File, error) {
	if !m.tryGet() {
		return nil, errMountGone
	}
	f := newFile(Path{m, d}, linux.O_PATH, false, false, true)
	f.Private = &detachedTree{m}
	f.cred = t.Cred()
	return f, nil
}

// fsmountValid is FSMOUNT_VALID_FLAGS.
const fsmountValid = linux.MOUNT_ATTR_RDONLY | linux.MOUNT_ATTR_NOSUID | linux.MOUNT_ATTR_NODEV |
	linux.MOUNT_ATTR_NOEXEC | linux.MOUNT_ATTR__ATIME | linux.MOUNT_ATTR_NODIRATIME | linux.MOUNT_ATTR_NOSYMFOLLOW

// mountAttrBits pairs the per-mount flags with their MOUNT_ATTR_* bits
// (the atime policy apart), for both directions.
var mountAttrBits = [...]struct {
	mnt  uint32
	attr uint64
}{
	{linux.MNT_READONLY, linux.MOUNT_ATTR_RDONLY}, {linux.MNT_NOSUID, linux.MOUNT_ATTR_NOSUID},
	{linux.MNT_NODEV, linux.MOUNT_ATTR_NODEV}, {linux.MNT_NOEXEC, linux.MOUNT_ATTR_NOEXEC},
	{linux.MNT_NODIRATIME, linux.MOUNT_ATTR_NODIRATIME}, {linux.MNT_NOSYMFOLLOW, linux.MOUNT_ATTR_NOSYMFOLLOW},
}

// attrFlagsToMntFlags is attr_flags_to_mnt_flags (the atime policy apart).
func attrFlagsToMntFlags(attr uint64) uint32 {
	var f uint32
	for _, b := range mountAttrBits {
		if attr&b.attr != 0 {
			f |= b.mnt
		}
	}
	return f
}

// Fsmount is fsmount(2): a mount of the superblock the context created,
// in an anonymous namespace of its own, as an O_PATH descriptor.
func (t *Task) Fsmount(fd int, flags, attrFlags uint32) (int, error) {
	if !t.mayMount() {
		return -1, linux.EPERM
	}
	if flags&^linux.FSMOUNT_CLOEXEC != 0 || attrFlags&^fsmountValid != 0 {
		return -1, linux.EINVAL
	}
	mntFlags := attrFlagsToMntFlags(uint64(attrFlags))
	switch attrFlags & linux.MOUNT_ATTR__ATIME {
	case linux.MOUNT_ATTR_STRICTATIME:
	case linux.MOUNT_ATTR_NOATIME:
		mntFlags |= linux.MNT_NOATIME
	case linux.MOUNT_ATTR_RELATIME:
		mntFlags |= linux.MNT_RELATIME
	default:
		return -1, linux.EINVAL
	}
	f, fc, err := t.fscontextOf(fd)
	if err != nil {
		return -1, err
	}
	defer f.DecRef()
	u := fc.uapi
	u.mu.Lock()
	defer u.mu.Unlock()
	if fc.Root == nil {
		return -1, linux.EINVAL
	}
	if u.phase != fcAwaitingMount {
		return -1, linux.EBUSY
	}
	if t.mountTooRevealing(fc.Root.Inode().Superblock(), &mntFlags) {
		fc.Logf("VFS: Mount too revealing")
		return -1, linux.EPERM
	}
	m, err := t.k.vfsCreateMount(fc)
	if err != nil {
		return -1, err
	}
	m.flags.Store(mntFlags)
	fc.vfsCleanContext()
	t.k.lockNamespace()
	t.k.allocAnonNSLocked(m, t.MountNamespace().userNS)
	t.k.unlockNamespace()
	return t.openDetached(m, m.root, flags&linux.FSMOUNT_CLOEXEC != 0)
}

// openTreeFlags are the flags open_tree(2) takes.
const openTreeFlags = linux.AT_EMPTY_PATH | linux.AT_NO_AUTOMOUNT | linux.AT_RECURSIVE |
	linux.AT_SYMLINK_NOFOLLOW | linux.OPEN_TREE_CLONE | linux.OPEN_TREE_CLOEXEC

// atLookupFlags maps AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH to the walk's.
func atLookupFlags(flags uint32) int {
	l := lookupFollow
	if flags&linux.AT_SYMLINK_NOFOLLOW != 0 {
		l = 0
	}
	if flags&linux.AT_EMPTY_PATH != 0 {
		l |= lookupEmpty
	}
	return l
}

// OpenTree is open_tree(2) (vfs_open_tree): an O_PATH descriptor of path,
// or with OPEN_TREE_CLONE of a copy of its mount (and with AT_RECURSIVE
// of the mounts below it) in an anonymous namespace.
func (t *Task) OpenTree(dfd int, path string, flags uint32) (int, error) {
	f, err := t.openTreeFile(dfd, path, flags)
	if err != nil {
		return -1, err
	}
	return t.installFile(f, flags&linux.OPEN_TREE_CLOEXEC != 0)
}

// openTreeFile is vfs_open_tree: the file open_tree installs.
func (t *Task) openTreeFile(dfd int, path string, flags uint32) (*File, error) {
	if flags&^openTreeFlags != 0 {
		return nil, linux.EINVAL
	}
	if flags&(linux.AT_RECURSIVE|linux.OPEN_TREE_CLONE) == linux.AT_RECURSIVE {
		return nil, linux.EINVAL
	}
	clone := flags&linux.OPEN_TREE_CLONE != 0
	if clone && !t.mayMount() {
		return nil, linux.EPERM
	}
	var f *File
	err := retryGone(func() error {
		p, err := t.pathLookupat(dfd, path, atLookupFlags(flags))
		if err != nil {
			return err
		}
		if clone {
			f, err = t.detachedCopyFile(p, flags&linux.AT_RECURSIVE != 0)
			return err
		}
		if !p.Mnt.tryGet() {
			return errMountGone
		}
		f = newFile(p, linux.O_PATH, false, false, true)
		f.cred = t.Cred()
		return nil
	})
	return f, err
}

// detachedCopyFile is open_detached_copy: __do_loopback into a new
// anonymous namespace.
func (t *Task) detachedCopyFile(p Path, recursive bool) (*File, error) {
	t.k.lockNamespace()
	m, err := t.loopbackAnyNS(p, recursive)
	if err == nil {
		t.k.allocAnonNSLocked(m, t.MountNamespace().userNS)
	}
	t.k.unlockNamespace()
	if err != nil {
		return nil, err
	}
	f, err := t.detachedFile(m, p.Dentry)
	if err != nil {
		t.k.dissolveOnFput(m)
	}
	return f, err
}

// OpenTreeAttr is open_tree_attr(2) (Linux 6.15): open_tree, then
// mount_setattr's change applied to what it opened before a descriptor
// is handed out; nothing is installed if the change fails. attr nil is a
// NULL pointer, usize the size the caller gives (with a NULL pointer it
// must be 0, EINVAL; otherwise attr must hold usize bytes, EFAULT). On a
// copy (OPEN_TREE_CLONE), which nobody has seen yet, an idmapping may be
// replaced or cleared.
func (t *Task) OpenTreeAttr(dfd int, path string, flags uint32, attr []byte, usize uint64) (int, error) {
	if attr == nil && usize != 0 {
		return -1, linux.EINVAL
	}
	if attr != nil && uint64(len(attr)) < usize {
		return -1, linux.EFAULT
	}
	f, err := t.openTreeFile(dfd, path, flags)
	if err != nil {
		return -1, err
	}
	if attr != nil {
		if err := t.openTreeSetattr(f, flags, attr[:usize]); err != nil {
			f.DecRef()
			return -1, err
		}
	}
	return t.installFile(f, flags&linux.OPEN_TREE_CLOEXEC != 0)
}

// openTreeSetattr is open_tree_attr's wants_mount_setattr and
// do_mount_setattr on the opened file's path.
func (t *Task) openTreeSetattr(f *File, flags uint32, attr []byte) error {
	a, err := t.copyMountAttr(attr)
	if err != nil {
		return err
	}
	if a.AttrSet == 0 && a.AttrClr == 0 && a.Propagation == 0 {
		return nil
	}
	ka, err := t.buildMountKattr(a, flags&linux.OPEN_TREE_CLONE != 0)
	if err != nil {
		return err
	}
	ka.recurse = flags&linux.AT_RECURSIVE != 0
	return t.doMountSetattr(Path{f.mnt, f.dentry}, ka)
}

// loopbackAnyNS is __do_loopback with may_copy_tree: the source may be in
// the caller's namespace or in an anonymous one, or be a namespace file.
func (t *Task) loopbackAnyNS(old Path, recurse bool) (*Mount, error) {
	m := old.Mnt
	if m.isUnbindable() {
		return nil, linux.EINVAL
	}
	if ns := m.ns.Load(); !t.checkMnt(m) && (ns == nil || !ns.anon) && t.k.nsOf(old.Dentry) == nil {
		return nil, linux.EINVAL
	}
	if recurse {
		return copyTree(m, old.Dentry, copyNSFile)
	}
	return cloneMnt(m, old.Dentry, 0)
}

// moveMountPath resolves one side of move_mount(2): an empty name with
// the _EMPTY_PATH flag is the descriptor itself.
func (t *Task) moveMountPath(dfd int, name string, follow, empty bool) (Path, error) {
	l := 0
	if follow {
		l = lookupFollow
	}
	if empty {
		l |= lookupEmpty
	}
	return t.pathLookupat(dfd, name, l)
}

// MoveMount is move_mount(2).
func (t *Task) MoveMount(fromDfd int, fromPath string, toDfd int, toPath string, flags uint32) error {
	if !t.mayMount() {
		return linux.EPERM
	}
	if flags&^linux.MOVE_MOUNT__MASK != 0 {
		return linux.EINVAL
	}
	if flags&(linux.MOVE_MOUNT_BENEATH|linux.MOVE_MOUNT_SET_GROUP) == linux.MOVE_MOUNT_BENEATH|linux.MOVE_MOUNT_SET_GROUP {
		return linux.EINVAL
	}
	to, err := t.moveMountPath(toDfd, toPath, flags&linux.MOVE_MOUNT_T_SYMLINKS != 0, flags&linux.MOVE_MOUNT_T_EMPTY_PATH != 0)
	if err != nil {
		return err
	}
	from, err := t.moveMountPath(fromDfd, fromPath, flags&linux.MOVE_MOUNT_F_SYMLINKS != 0, flags&linux.MOVE_MOUNT_F_EMPTY_PATH != 0)
	if err != nil {
		return err
	}
	if flags&linux.MOVE_MOUNT_SET_GROUP != 0 {
		return t.doSetGroup(from, to)
	}
	return t.doMoveMountAPI(from, to, flags&linux.MOVE_MOUNT_BENEATH != 0)
}

// doMoveMountAPI is do_move_mount as move_mount(2) reaches it: the source
// may be the root of an anonymous namespace, and the mount may go beneath
// the top of the target's stack.
func (t *Task) doMoveMountAPI(old, newPath Path, beneath bool) error {
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	if err := lockMountLocked(&newPath); err != nil {
		return err
	}
	m, p := old.Mnt, newPath.Mnt
	mp := newPath.Dentry
	if err := t.checkMoveSource(m, p); err != nil {
		return err
	}
	if !pathMounted(old) || newPath.Dentry.Inode().IsDir() != old.Dentry.Inode().IsDir() {
		return linux.EINVAL
	}
	if beneath {
		if err := t.canMoveMountBeneath(old, newPath); err != nil {
			return err
		}
		p, mp = p.Parent()
	}
	if p.isShared() && treeContainsUnbindable(m) {
		return linux.EINVAL
	}
	if !t.checkForNsfsMounts(m) || mountIsAncestor(m, p) {
		return linux.ELOOP
	}
	if !m.hasParent() {
		return attachFromAnonNS(m, p, mp)
	}
	return attachRecursiveMnt(m, p, mp)
}

// checkMoveSource is do_move_mount's check of who moves what where.
func (t *Task) checkMoveSource(m, p *Mount) error {
	if t.checkMnt(m) {
		if !m.hasParent() || m.isLocked() || !t.checkMnt(p) || m.parent().isShared() {
			return linux.EINVAL
		}
		return nil
	}
	if !anonNSRoot(m) || m.ns.Load() == p.ns.Load() {
		return linux.EINVAL
	}
	if !t.checkMnt(p) && !anonNSRoot(p) {
		return linux.EINVAL
	}
	return nil
}

// attachFromAnonNS attaches the tree of an anonymous namespace's root: its
// mounts leave that namespace and come in as a new tree would; on failure
// they go back.
func attachFromAnonNS(m, p *Mount, mp *Dentry) error {
	ns := m.ns.Load()
	for q := m; q != nil; q = nextMnt(q, m) {
		moveFromNS(q)
		q.ns.Store(nil)
	}
	if err := attachRecursiveMnt(m, p, mp); err != nil {
		for q := m; q != nil; q = nextMnt(q, m) {
			ns.addToNS(q)
		}
		return err
	}
	ns.root, ns.nr = nil, 0
	return nil
}

// canMoveMountBeneath is can_move_mount_beneath.
func (t *Task) canMoveMountBeneath(from, to Path) error {
	mto := to.Mnt
	if !mto.hasParent() || !pathMounted(to) {
		return linux.EINVAL
	}
	if from.Mnt.lookupMntLocked(from.Dentry) != nil { // path_overmounted
		return linux.EINVAL
	}
	if mto == t.fsStruct().load().root.Mnt || mto.parent() == t.MountNamespace().root {
		return linux.EINVAL
	}
	if mountIsAncestor(mto, from.Mnt) {
		return linux.EINVAL
	}
	return nil
}

// doSetGroup is do_set_group (MOVE_MOUNT_SET_GROUP): to, private, joins
// from's peer group and receives from from's master.
func (t *Task) doSetGroup(from, to Path) error {
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	f, m := from.Mnt, to.Mnt
	if f.ns.Load() == nil || m.ns.Load() == nil {
		return linux.EINVAL
	}
	if !pathMounted(from) || !pathMounted(to) || f.sb != m.sb || !isSubdir(m.root, f.root) {
		return linux.EINVAL
	}
	if m.isShared() || m.isSlave() || !f.isShared() && !f.isSlave() {
		return linux.EINVAL
	}
	if f.isSlave() {
		m.receiveBeside(f)
	}
	if f.isShared() {
		m.joinAfter(f)
		m.markShared()
	}
	return nil
}

// MountAttr is struct mount_attr.
type MountAttr struct {
	AttrSet, AttrClr, Propagation, UsernsFd uint64
}

// mountKattr is struct mount_kattr.
type mountKattr struct {
	set, clr    uint32
	propagation uint64
	recurse     bool
	// userns is the namespace MOUNT_ATTR_IDMAP names (mnt_userns).
	userns *UserNamespace
	// replaceIdmap is MOUNT_KATTR_IDMAP_REPLACE: an idmapping may be
	// replaced, or cleared (clearIdmap: nop_mnt_idmap), on a copy
	// open_tree_attr just made.
	replaceIdmap, clearIdmap bool
}

// MountSetattrRaw is mount_setattr(2) with the struct as the caller's
// bytes (usize is len(attr)).
func (t *Task) MountSetattrRaw(dfd int, path string, flags uint32, attr []byte) error {
	if flags&^(linux.AT_EMPTY_PATH|linux.AT_RECURSIVE|linux.AT_SYMLINK_NOFOLLOW|linux.AT_NO_AUTOMOUNT) != 0 {
		return linux.EINVAL
	}
	a, err := t.copyMountAttr(attr)
	if err != nil {
		return err
	}
	return t.mountSetattr(dfd, path, flags, a)
}

// copyMountAttr is copy_mount_setattr's size checks, may_mount and copy.
func (t *Task) copyMountAttr(attr []byte) (MountAttr, error) {
	if len(attr) > pageSize {
		return MountAttr{}, linux.E2BIG
	}
	if len(attr) < linux.MOUNT_ATTR_SIZE_VER0 {
		return MountAttr{}, linux.EINVAL
	}
	if !t.mayMount() {
		return MountAttr{}, linux.EPERM
	}
	b, err := CopyStructFromUser(linux.MOUNT_ATTR_SIZE_VER0, attr)
	if err != nil {
		return MountAttr{}, err
	}
	le := binary.LittleEndian
	return MountAttr{le.Uint64(b), le.Uint64(b[8:]), le.Uint64(b[16:]), le.Uint64(b[24:])}, nil
}

// MountSetattr is mount_setattr(2) with a struct of the current size.
func (t *Task) MountSetattr(dfd int, path string, flags uint32, a MountAttr) error {
	var b [linux.MOUNT_ATTR_SIZE_VER0]byte
	le := binary.LittleEndian
	le.PutUint64(b[:], a.AttrSet)
	le.PutUint64(b[8:], a.AttrClr)
	le.PutUint64(b[16:], a.Propagation)
	le.PutUint64(b[24:], a.UsernsFd)
	return t.MountSetattrRaw(dfd, path, flags, b[:])
}

func (t *Task) mountSetattr(dfd int, path string, flags uint32, a MountAttr) error {
	if a.AttrSet == 0 && a.AttrClr == 0 && a.Propagation == 0 {
		return nil // a no-op is not even looked up
	}
	ka, err := t.buildMountKattr(a, false)
	if err != nil {
		return err
	}
	ka.recurse = flags&linux.AT_RECURSIVE != 0
	p, err := t.pathLookupat(dfd, path, atLookupFlags(flags))
	if err != nil {
		return err
	}
	return t.doMountSetattr(p, ka)
}

// setattrPropagation is MOUNT_SETATTR_PROPAGATION_FLAGS.
const setattrPropagation = linux.MS_UNBINDABLE | linux.MS_PRIVATE | linux.MS_SLAVE | linux.MS_SHARED

// buildMountKattr is build_mount_kattr; replace is open_tree_attr's
// MOUNT_KATTR_IDMAP_REPLACE.
func (t *Task) buildMountKattr(a MountAttr, replace bool) (mountKattr, error) {
	ka := mountKattr{replaceIdmap: replace}
	pr := a.Propagation
	if pr&^setattrPropagation != 0 || pr&(pr-1) != 0 {
		return ka, linux.EINVAL
	}
	ka.propagation = pr
	if (a.AttrSet|a.AttrClr)&^(fsmountValid|linux.MOUNT_ATTR_IDMAP) != 0 {
		return ka, linux.EINVAL
	}
	ka.set, ka.clr = attrFlagsToMntFlags(a.AttrSet), attrFlagsToMntFlags(a.AttrClr)
	if a.AttrClr&linux.MOUNT_ATTR__ATIME != 0 {
		if a.AttrClr&linux.MOUNT_ATTR__ATIME != linux.MOUNT_ATTR__ATIME {
			return ka, linux.EINVAL
		}
		ka.clr |= linux.MNT_RELATIME | linux.MNT_NOATIME
		switch a.AttrSet & linux.MOUNT_ATTR__ATIME {
		case linux.MOUNT_ATTR_RELATIME:
			ka.set |= linux.MNT_RELATIME
		case linux.MOUNT_ATTR_NOATIME:
			ka.set |= linux.MNT_NOATIME
		case linux.MOUNT_ATTR_STRICTATIME:
		default:
			return ka, linux.EINVAL
		}
	} else if a.AttrSet&linux.MOUNT_ATTR__ATIME != 0 {
		return ka, linux.EINVAL
	}
	err := t.buildMountIdmapped(a, &ka)
	return ka, err
}

// buildMountIdmapped is build_mount_idmapped: MOUNT_ATTR_IDMAP names a
// user namespace by descriptor, not the initial one, over which the
// caller has CAP_SYS_ADMIN. Clearing it is for open_tree_attr's copies
// only (EINVAL otherwise), and without setting it means no idmapping.
func (t *Task) buildMountIdmapped(a MountAttr, ka *mountKattr) error {
	ns, err := t.idmapUserns(a, ka)
	ka.userns = ns
	return err
}

func (t *Task) idmapUserns(a MountAttr, ka *mountKattr) (*UserNamespace, error) {
	if (a.AttrSet|a.AttrClr)&linux.MOUNT_ATTR_IDMAP == 0 {
		return nil, nil
	}
	if a.AttrClr&linux.MOUNT_ATTR_IDMAP != 0 {
		if !ka.replaceIdmap {
			return nil, linux.EINVAL
		}
		if a.AttrSet&linux.MOUNT_ATTR_IDMAP == 0 {
			ka.clearIdmap = true
			return nil, nil
		}
	}
	if a.UsernsFd > 1<<31-1 {
		return nil, linux.EINVAL
	}
	f, err := t.fdTable().get(int(a.UsernsFd))
	if err != nil {
		return nil, linux.EBADF
	}
	defer f.DecRef()
	if f.path {
		return nil, linux.EBADF // CLASS(fd): an O_PATH file does not count
	}
	ns, ok := f.Inode().Private.(*UserNamespace)
	if !ok || !t.k.isNsFile(f) {
		return nil, linux.EINVAL
	}
	if ns.Level() == 0 {
		return nil, linux.EPERM
	}
	if !t.Cred().NsCapable(ns, linux.CAP_SYS_ADMIN) {
		return nil, linux.EPERM
	}
	return ns, nil
}

// canIdmapMount is can_idmap_mount: an idmapping other than the
// filesystem's own, once, on a filesystem that allows it and whose owner
// the caller controls, on a mount not yet attached.
func canIdmapMount(c *Cred, ka mountKattr, m *Mount) error {
	if ka.userns == nil && !ka.clearIdmap {
		return nil
	}
	if ka.userns != nil && sameUserNS(ka.userns, m.sb.userNS) {
		return linux.EINVAL
	}
	if m.idmap() != nil && !ka.replaceIdmap {
		return linux.EPERM
	}
	if m.sb.fsType.Flags()&FS_ALLOW_IDMAP == 0 {
		return linux.EINVAL
	}
	if !c.NsCapable(m.sb.userNS, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	if ns := m.ns.Load(); ns == nil || !ns.anon {
		return linux.EINVAL
	}
	return nil
}

// mountSetattrPrepare is mount_setattr_prepare's check of one mount:
// locked flags stay, an idmapping is allowed, and a read-only switch
// finds no writers (mnt_hold_writers).
func (t *Task) mountSetattrPrepare(ka mountKattr, q *Mount) error {
	if !canChangeLockedFlags(q, q.Flags()&^ka.clr|ka.set) {
		return linux.EPERM
	}
	if err := canIdmapMount(t.Cred(), ka, q); err != nil {
		return err
	}
	if ka.set&linux.MNT_READONLY != 0 && q.Flags()&linux.MNT_READONLY == 0 && q.writers.Load() > 0 {
		return linux.EBUSY
	}
	return nil
}

// doMountSetattr is do_mount_setattr: check every mount first (a
// read-only switch is refused while one has writers), then change them.
func (t *Task) doMountSetattr(p Path, ka mountKattr) error {
	if !pathMounted(p) {
		return linux.EINVAL
	}
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	m := p.Mnt
	if ka.propagation == linux.MS_SHARED {
		if err := assignGroupIDs(m, ka.recurse); err != nil {
			return err
		}
	}
	if !anonNSRoot(m) && !t.checkMnt(m) {
		if ka.propagation != 0 {
			revokeGroupIDs(m, nil)
		}
		return linux.EINVAL
	}
	for q := range m.mountsOf(ka.recurse) {
		if err := t.mountSetattrPrepare(ka, q); err != nil {
			if ka.propagation != 0 {
				revokeGroupIDs(m, nil)
			}
			return err
		}
	}
	var im *mntIdmap
	if ka.userns != nil {
		im = newMntIdmap(ka.userns)
	}
	for q := range m.mountsOf(ka.recurse) {
		q.setFlags(ka.set, ka.clr)
		if im != nil || ka.clearIdmap {
			q.idmapping.Store(im)
		}
		if ka.propagation != 0 {
			setPropagation(q, ka.propagation)
		}
	}
	m.ns.Load().touch()
	return nil
}
