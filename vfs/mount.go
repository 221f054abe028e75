package vfs

import (
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
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
type Mount struct {
	k     *Kernel
	id    int
	root  *Dentry
	sb    *Superblock
	flags atomic.Uint32 // MNT_* per-mount flags
	link  atomic.Pointer[mountLink]
	ns    atomic.Pointer[MountNamespace]

	// devname is mnt_devname, the source shown in /proc/mounts.
	devname string

	// refs counts long-lived users: open files, task roots and working
	// directories (mnt_count minus transient references). umount uses it
	// to decide EBUSY.
	refs atomic.Int64

	// childMu guards children: the mount hash bucket of this parent,
	// keyed by mountpoint dentry (m_hash keyed by (parent, mountpoint)).
	childMu  sync.RWMutex
	children map[*Dentry]*Mount
}

// allocVfsmnt is alloc_vfsmnt: a mount with a fresh ID.
func (k *Kernel) allocVfsmnt(devname string) (*Mount, error) {
	id, ok := k.mountIDs.Alloc()
	if !ok {
		return nil, linux.ENOMEM
	}
	m := &Mount{k: k, id: id, devname: devname}
	m.link.Store(&mountLink{parent: m})
	return m, nil
}

// ID returns mnt_id.
func (m *Mount) ID() int { return m.id }

// Root returns the mount's root dentry (mnt_root).
func (m *Mount) Root() *Dentry { return m.root }

// Superblock returns mnt_sb.
func (m *Mount) Superblock() *Superblock { return m.sb }

// Flags returns the per-mount MNT_* flags.
func (m *Mount) Flags() uint32 { return m.flags.Load() }

// Devname returns the source name the mount was made with.
func (m *Mount) Devname() string { return m.devname }

// Parent returns the parent mount and the mountpoint dentry; a mount with no
// parent returns itself.
func (m *Mount) Parent() (*Mount, *Dentry) {
	l := m.link.Load()
	return l.parent, l.mountpoint
}

// hasParent is mnt_has_parent.
func (m *Mount) hasParent() bool { return m.link.Load().parent != m }

// ReadOnly is __mnt_is_readonly: the mount or its superblock is read-only.
func (m *Mount) ReadOnly() bool {
	return m.Flags()&linux.MNT_READONLY != 0 || m.sb.ReadOnly()
}

// lookupMnt is __lookup_mnt: the mount attached at (m, d), or nil.
func (m *Mount) lookupMnt(d *Dentry) *Mount {
	m.childMu.RLock()
	c := m.children[d]
	m.childMu.RUnlock()
	return c
}

// setMountpointLocked is mnt_set_mountpoint + the hash insertion of
// commit_tree: attach child at (m, d). Kernel.namespaceMu must be held.
func (m *Mount) attachChildLocked(d *Dentry, child *Mount) {
	child.link.Store(&mountLink{parent: m, mountpoint: d})
	m.childMu.Lock()
	if m.children == nil {
		m.children = make(map[*Dentry]*Mount)
	}
	m.children[d] = child
	m.childMu.Unlock()
	d.mounted.Add(1)
}

// detachLocked is unhash_mnt/umount_mnt: take m off its parent.
// Kernel.namespaceMu must be held.
func (m *Mount) detachLocked() {
	l := m.link.Load()
	if l.parent == m {
		return
	}
	l.parent.childMu.Lock()
	if l.parent.children[l.mountpoint] == m {
		delete(l.parent.children, l.mountpoint)
	}
	l.parent.childMu.Unlock()
	l.mountpoint.mounted.Add(-1)
	m.link.Store(&mountLink{parent: m})
}

// VfsKernMount is vfs_kern_mount/fc_mount: configure a filesystem of type t
// from the option string data and return a mount of it not attached
// anywhere.
func (k *Kernel) VfsKernMount(t FilesystemType, cred *Cred, sbFlags uint32, devname, data string) (*Mount, *FsContext, error) {
	fc, err := k.FsContextForMount(t, cred, sbFlags)
	if err != nil {
		return nil, nil, err
	}
	fc.Source = devname
	if err := fc.ParseMonolithic(data); err != nil {
		return nil, fc, err
	}
	if err := fc.GetTree(); err != nil {
		return nil, fc, err
	}
	m, err := k.mountFromFc(fc)
	return m, fc, err
}

// mountFromFc is vfs_create_mount.
func (k *Kernel) mountFromFc(fc *FsContext) (*Mount, error) {
	m, err := k.allocVfsmnt(fc.Source)
	if err != nil {
		return nil, err
	}
	m.root = fc.Root
	m.sb = fc.Root.Inode().Superblock()
	return m, nil
}
