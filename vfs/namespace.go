package vfs

import "sync/atomic"

// MountNamespace is struct mnt_namespace.
type MountNamespace struct {
	k    *Kernel
	root *Mount
	seq  uint64
	// event counts changes (ns->event), for poll on mountinfo.
	event atomic.Uint64
}

var nsSeq atomic.Uint64

// Root returns the namespace's root mount.
func (ns *MountNamespace) Root() *Mount { return ns.root }

// InitMountTree is init_mount_tree + create_mnt_ns: mount rootfs (which,
// as in Linux, need not be a registered type) as the root of the initial
// mount namespace and return a task (init) whose root and cwd are its root.
func (k *Kernel) InitMountTree(rootfs FilesystemType, data string) (*Task, error) {
	m, _, err := k.VfsKernMount(rootfs, RootCred(), 0, rootfs.Name(), data)
	if err != nil {
		return nil, err
	}
	ns := &MountNamespace{k: k, root: m, seq: nsSeq.Add(1)}
	m.ns.Store(ns)
	k.initNS = ns
	root := Path{m, m.root}
	return k.newTask(RootCred(), ns, root, root, 0o022), nil
}

// InitNS returns the initial mount namespace.
func (k *Kernel) InitNS() *MountNamespace { return k.initNS }
