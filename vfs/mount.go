// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"
	"unsafe"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Transient per-mount flags (mnt_t_flags).
const (
	tUnbindable = 1 << iota // T_UNBINDABLE
	tHashed                 // in the mount hash (!hlist_unhashed(&mnt_hash))
	tShadowed               // hashed, but a newer mount on the same key hides it
	// Scratch bits of an unmount's propagation (umount.go).
	tMet       // met while the candidates are found
	tCandidate // may go with the unmount
	tCarries   // a candidate that would take a survivor down with it
)

// mountLink is where a mount is attached: its parent mount and the dentry in
// the parent it covers. Swapped as one pointer so the ".." walk reads a
// consistent pair without locks.
type mountLink struct {
	parent     *Mount // the mount itself when it has no parent
	mountpoint *Dentry
}

// Mount is struct mount together with its struct vfsmount: a view of a
// superblock's tree from root, attached somewhere in a mount namespace.
//
// Fields below "topology" are guarded by Kernel.namespaceMu.
//
// The struct is kept within 240 bytes (a Go size class): propagation makes
// one per peer and a bind one per mount, so its size is what the collector
// pays per propagated copy and what a table of bind mounts costs. Fields
// are ordered so that no padding falls between them.
type Mount struct {
	idUnique uint64 // mnt_id_unique: creation order, the order of mountinfo
	root     *Dentry
	sb       *Superblock
	// link is where the mount is attached; nil while it has no parent.
	link      atomic.Pointer[mountLink]
	firstLink mountLink // the first attachment's link, kept to spare an allocation
	ns        atomic.Pointer[MountNamespace]

	// devname is mnt_devname, the source shown in /proc/mounts.
	devname string

	// shards and refs (below) count long-lived users: open files, task
	// roots and working directories (mnt_count less the tree's own and
	// transient references; mount_refs.go). umount uses their sum to
	// decide EBUSY. A released mount's refs is deadRefs, so a walk's late
	// tryGet fails.
	shards atomic.Pointer[refShards]

	// hash is this parent's part of the mount hash (m_hash keyed by
	// (parent, mountpoint)), made when the first child is attached.
	hash atomic.Pointer[mountTable]

	// topology
	mounts    listHead // mnt_mounts: children in attach order
	child     listHead // mnt_child: our place in the parent's mnt_mounts
	overmount *Mount   // the child mounted on our root, if any
	// stack caches the climb through a stack of overmounts
	// (mount_stack.go); written inside mount_lock sections.
	stack  atomic.Pointer[Mount]
	nsNode listHead // mnt_node: place in the namespace's list

	// propagation (peers.go)
	peerNext, peerPrev *Mount // its peer group's ring; the mount itself when alone
	master             *Mount // the mount it receives events from (mnt_master)
	recvFirst          *Mount // the first mount on its list of receivers
	recvNext, recvPrev *Mount // its neighbours on its master's list

	// idmapping is set once, while the mount is detached (MOUNT_ATTR_IDMAP).
	idmapping atomic.Pointer[mntIdmap]

	id      int32         // mnt_id
	group   int32         // mnt_group_id: its peer group's ID, 0 for none
	mpIndex int32         // position in the mountpoint dentry's mps
	tflags  uint32        // T_*
	flags   atomic.Uint32 // MNT_* per-mount flags
	// writers counts files open for writing through this mount
	// (mnt_writers); a read-only switch is refused while it is not zero.
	writers atomic.Int32
	refs    atomic.Int32 // see shards
	// state: stateUnmounted once umount_tree has disconnected the mount,
	// stateReleased once its ID and superblock reference are given back,
	// stateExpiry for mnt_expiry_mark.
	state mountState
}

// mountState packs a mount's yes-or-no states into one word (three
// atomic.Bools took 12 of Mount's 256 bytes).
type mountState struct{ w atomic.Uint32 }

const (
	stateUnmounted uint32 = 1 << iota
	stateReleased
	stateExpiry
)

func (s *mountState) has(bit uint32) bool { return s.w.Load()&bit != 0 }
func (s *mountState) set(bit uint32)      { s.w.Or(bit) }
func (s *mountState) clear(bit uint32)    { s.w.And(^bit) }

// testAndSet sets bit and reports whether it was set before.
func (s *mountState) testAndSet(bit uint32) bool { return s.w.Or(bit)&bit != 0 }

// listHead is struct list_head for mounts: circular. The Mount a node
// belongs to is found from the node's offset (container_of), which keeps
// the owner pointer out of each node.
type listHead struct {
	next, prev *listHead
}

var (
	offChild  = unsafe.Offsetof(Mount{}.child)
	offNsNode = unsafe.Offsetof(Mount{}.nsNode)
)

// owner is container_of: the Mount whose field at offset off is l.
func (l *listHead) owner(off uintptr) *Mount {
	return (*Mount)(unsafe.Add(unsafe.Pointer(l), -int(off)))
}

// childOf and nsNodeOf map a node of the list named to its Mount.
func childOf(l *listHead) *Mount  { return l.owner(offChild) }
func nsNodeOf(l *listHead) *Mount { return l.owner(offNsNode) }

func (l *listHead) init()       { l.next, l.prev = l, l }
func (l *listHead) empty() bool { return l.next == l }

// add is list_add: insert n after l.
func (l *listHead) add(n *listHead) {
	n.next, n.prev = l.next, l
	l.next.prev = n
	l.next = n
}

// addTail is list_add_tail: insert n before l.
func (l *listHead) addTail(n *listHead) { l.prev.add(n) }

// del is list_del_init.
func (l *listHead) del() {
	l.prev.next = l.next
	l.next.prev = l.prev
	l.next, l.prev = l, l
}

// allocVfsmnt is alloc_vfsmnt: a mount with a fresh ID.
func (k *Kernel) allocVfsmnt(devname string) (*Mount, error) {
	id, ok := k.mountIDs.Alloc()
	if !ok {
		return nil, linux.ENOMEM
	}
	m := &Mount{id: int32(id), idUnique: k.mntIDCounter.Add(1), devname: devname}
	m.mounts.init()
	m.child.init()
	m.nsNode.init()
	m.peerNext, m.peerPrev = m, m
	return m, nil
}

// freeLocked is mnt_free_id + release of the group ID, once a mount has left
// every tree.
func (m *Mount) freeID() { m.sb.k.mountIDs.Free(int(m.id)) }

// ID returns mnt_id.
func (m *Mount) ID() int { return int(m.id) }

// UniqueID returns mnt_id_unique.
func (m *Mount) UniqueID() uint64 { return m.idUnique }

// Root returns the mount's root dentry (mnt_root).
func (m *Mount) Root() *Dentry { return m.root }

// Superblock returns mnt_sb.
func (m *Mount) Superblock() *Superblock { return m.sb }

// Flags returns the per-mount MNT_* flags.
func (m *Mount) Flags() uint32 { return m.flags.Load() }

// Devname returns the source name the mount was made with.
func (m *Mount) Devname() string { return m.devname }

// Namespace returns the mount namespace the mount is in, or nil.
func (m *Mount) Namespace() *MountNamespace { return m.ns.Load() }

// Parent returns the parent mount and the mountpoint dentry; a mount with no
// parent returns itself and its root.
func (m *Mount) Parent() (*Mount, *Dentry) {
	l := m.link.Load()
	if l == nil {
		return m, m.root
	}
	return l.parent, l.mountpoint
}

// parent is mnt_parent: the mount itself when it has none.
func (m *Mount) parent() *Mount {
	if l := m.link.Load(); l != nil {
		return l.parent
	}
	return m
}

// mountpoint is mnt_mountpoint; nil when the mount has no parent.
func (m *Mount) mountpoint() *Dentry {
	if l := m.link.Load(); l != nil {
		return l.mountpoint
	}
	return nil
}

// hasParent is mnt_has_parent.
func (m *Mount) hasParent() bool { return m.link.Load() != nil }

// ReadOnly is __mnt_is_readonly: the mount or its superblock is read-only.
func (m *Mount) ReadOnly() bool {
	return m.Flags()&linux.MNT_READONLY != 0 || m.sb.ReadOnly()
}

func (m *Mount) setFlags(set, clear uint32) {
	for {
		old := m.flags.Load()
		if m.flags.CompareAndSwap(old, old&^clear|set) {
			return
		}
	}
}

// setMountpoint is mnt_set_mountpoint: record where child goes, without
// making it visible yet.
func (m *Mount) setMountpoint(d *Dentry, child *Mount) {
	l := &child.firstLink
	if l.parent != nil {
		l = new(mountLink) // a link once published is never rewritten
	}
	l.parent, l.mountpoint = m, d
	child.link.Store(l)
}

// makeVisible is make_visible: hash child under its parent and add it to
// the parent's children. Kernel.namespaceMu must be held.
func makeVisible(child *Mount) {
	l := child.link.Load()
	p := l.parent
	if l.mountpoint == p.root {
		p.overmount = child
	}
	k := p.sb.k
	k.mountSeqBegin()
	if hidden := p.hashAddLocked(child, l.mountpoint); hidden != nil {
		hidden.tflags |= tShadowed
		hidden.stack.Store(nil)
		p.hash.Load().shadowed++
	}
	child.tflags |= tHashed
	stackJoinLocked(child)
	k.mountSeqEnd()
	l.mountpoint.mounted.Add(1)
	l.mountpoint.mps.add(child)
	p.mounts.addTail(&child.child)
}

// attachMnt is attach_mnt.
func attachMnt(m, parent *Mount, mp *Dentry) {
	parent.setMountpoint(mp, m)
	makeVisible(m)
}

// unhash is unhash_mnt's hash part with put_mountpoint: m leaves the
// hash and its mountpoint's list. The hash holds one mount per key, the
// newest, as __lookup_mnt finds the newest of the kernel's chain; when that
// one leaves, a mount it hid on the same key is seen again.
func unhash(m *Mount) {
	l := m.link.Load()
	if l == nil || m.tflags&tHashed == 0 {
		return
	}
	p, mp := l.parent, l.mountpoint
	k := p.sb.k
	m.tflags &^= tHashed
	k.mountSeqBegin()
	if m.tflags&tShadowed != 0 {
		m.tflags &^= tShadowed
		p.hash.Load().shadowed--
	} else if p.hashRemoveLocked(m, mp) {
		if !willBeUnmounted(m) {
			stackCutLocked(m, p, mp) // else stackForgetLocked did it
		}
		if p.hash.Load().shadowed > 0 {
			p.unshadowLocked(mp, m)
		}
	}
	k.mountSeqEnd()
	mp.mounted.Add(-1)
	mp.mps.remove(m)
}

// unshadowLocked hashes again a mount on (p, mp) that gone had hidden.
func (p *Mount) unshadowLocked(mp *Dentry, gone *Mount) {
	for s := range mp.mps.all {
		if s != gone && s.tflags&tShadowed != 0 && s.parent() == p {
			s.tflags &^= tShadowed
			p.hash.Load().shadowed--
			p.hashAddLocked(s, mp)
			if !willBeUnmounted(s) {
				stackJoinLocked(s)
			}
			return
		}
	}
}

// umountMnt is __umount_mnt: detach m from its parent.
func umountMnt(m *Mount) {
	l := m.link.Load()
	if l == nil {
		return
	}
	if l.parent.overmount == m {
		l.parent.overmount = nil
	}
	unhash(m)
	m.child.del()
	m.link.Store(nil)
}

// changeMountpoint is mnt_change_mountpoint: move m to (parent, mp).
func changeMountpoint(parent *Mount, mp *Dentry, m *Mount) {
	k := m.sb.k
	k.mountSeqBegin() // lookups see m at its old place or at its new one
	defer k.mountSeqEnd()
	old := m.link.Load()
	if old != nil && old.parent.overmount == m {
		old.parent.overmount = nil
	}
	m.child.del()
	unhash(m)
	attachMnt(m, parent, mp)
}

// nextMnt is next_mnt: the mount after p in a depth-first walk of root's
// tree (parents before children, children in attach order), nil after
// the last. That is p's first child if it has one; else the next sibling
// of p or, failing that, of the nearest ancestor below root that has one:
// each turn without a child to go to moves up a level, with the place
// after the level's mount on its parent's list of children.
func nextMnt(p, root *Mount) *Mount {
	next := p.mounts.next
	for next == &p.mounts {
		if p == root {
			return nil
		}
		next, p = p.child.next, p.parent()
	}
	return childOf(next)
}

// skipMntTree is skip_mnt_tree: the last mount of p's subtree in walk
// order, found by going down the last children.
func skipMntTree(p *Mount) *Mount {
	for !p.mounts.empty() {
		p = childOf(p.mounts.prev)
	}
	return p
}

// VfsKernMount is vfs_kern_mount/fc_mount: configure a filesystem of type t
// from the option string data and return a mount of it not attached
// anywhere.
func (k *Kernel) VfsKernMount(t FilesystemType, cred *Cred, sbFlags uint32, devname, data string) (*Mount, *FsContext, error) {
	return k.vfsKernMount(t, cred, sbFlags, devname, data, nil)
}

// vfsKernMount is VfsKernMount with setup applied to the context before
// anything is parsed (kern_mount's callers that key a superblock).
func (k *Kernel) vfsKernMount(t FilesystemType, cred *Cred, sbFlags uint32, devname, data string, setup func(*FsContext)) (*Mount, *FsContext, error) {
	fc, err := k.FsContextForMount(t, cred, sbFlags)
	if err != nil {
		return nil, nil, err
	}
	if setup != nil {
		setup(fc)
	}
	if devname != "" {
		if err := fc.ParseString("source", devname, true); err != nil {
			return nil, fc, err
		}
	}
	if err := fc.ParseMonolithic(data); err != nil {
		return nil, fc, err
	}
	if err := fc.GetTree(); err != nil {
		return nil, fc, err
	}
	m, err := k.vfsCreateMount(fc)
	return m, fc, err
}

// vfsCreateMount is vfs_create_mount.
func (k *Kernel) vfsCreateMount(fc *FsContext) (*Mount, error) {
	name := fc.Source
	if !fc.SourceSet {
		name = "none" // alloc_vfsmnt(fc->source ?: "none")
	}
	held := fc.held
	fc.held = nil
	m, err := k.allocVfsmnt(name)
	if err != nil {
		if held != nil {
			held.deactivate() // put_fs_context
		}
		return nil, err
	}
	m.root = fc.Root
	m.sb = fc.Root.Inode().Superblock()
	m.root.Inode().hold()
	if fc.SbFlags&linux.SB_KERNMOUNT != 0 {
		freshUint32(&m.flags, linux.MNT_INTERNAL)
	}
	if held != m.sb {
		m.sb.activate() // else GetTree's reference becomes the mount's
	}
	return m, nil
}
