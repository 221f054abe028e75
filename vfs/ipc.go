// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"sync/atomic"
)

// IPCNamespace is struct ipc_namespace: each one has the POSIX message
// queue filesystem mounted for itself (mq_init_ns → mq_create_mount),
// and every "mount -t mqueue" from one of its tasks shows that mount's
// superblock; and it holds its own System V objects (sysvipc.go).
type IPCNamespace struct {
	nsCommon
	k     *Kernel
	users atomic.Int32 // tasks in it; the init namespace is never dropped

	mu    sync.Mutex
	mqMnt *Mount // mq_mnt; nil without an mqueue type, or while being made
	mq    mqNamespace
	sysv  sysvIPC // System V objects and limits (sysvipc.go)
}

func (ns *IPCNamespace) common() *nsCommon { return &ns.nsCommon }
func (ns *IPCNamespace) Kind() string      { return "ipc" }
func (ns *IPCNamespace) CloneFlag() uint64 { return linux.CLONE_NEWIPC }

// IPCNamespace returns the task's IPC namespace.
func (t *Task) IPCNamespace() *IPCNamespace { return t.ipc.Load() }

// SetIPCFilesystem is init_mqueue_fs's part after registration: t is the
// type each IPC namespace mounts for itself, beginning with the initial
// one (now, or when InitMountTree brings the kernel up).
func (k *Kernel) SetIPCFilesystem(t FilesystemType) error {
	k.ipcFsType.Store(&t)
	if k.initNS == nil {
		return nil
	}
	return k.initIPC.mountMqueue()
}

// newIPCNamespace is create_ipc_ns: a namespace with its own mqueue mount.
func (k *Kernel) newIPCNamespace(owner *UserNamespace, euid uint32) (*IPCNamespace, error) {
	ns := &IPCNamespace{k: k}
	if err := k.chargeNs(&ns.nsCommon, owner, euid, ucIPCNS); err != nil {
		return nil, err
	}
	ns.inum, ns.userNS = k.allocNsInum(), owner
	ns.initSysv()
	if err := ns.mountMqueue(); err != nil {
		ns.freeSysv()
		k.freeNsInum(&ns.nsCommon)
		ns.uncharge()
		return nil, err
	}
	ns.users.Store(1)
	return ns, nil
}

// mountMqueue is mq_init_ns: the namespace's kern_mount of mqueue.
func (ns *IPCNamespace) mountMqueue() error {
	t := ns.k.ipcFsType.Load()
	if t == nil {
		return nil
	}
	ns.initMq()
	m, err := ns.k.kernMountWith(*t, func(fc *FsContext) { fc.ipc = ns })
	if err != nil {
		return err
	}
	ns.mu.Lock()
	ns.mqMnt = m
	ns.mu.Unlock()
	return nil
}

// MqueueRoot is the root of the namespace's own mqueue superblock, or nil
// while that is being made (the caller then makes it).
func (ns *IPCNamespace) MqueueRoot() *Dentry {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if ns.mqMnt == nil {
		return nil
	}
	return ns.mqMnt.root
}

// Dead reports whether the namespace's last task has left: its mqueue
// superblock, if a mount still shows it, takes no new queues.
func (ns *IPCNamespace) Dead() bool {
	return ns.users.Load() == 0 && ns != ns.k.initIPC
}

// get and put count the tasks in the namespace; the last one out drops
// its mqueue mount (put_ipc_ns → mq_put_mnt).
func (ns *IPCNamespace) get() { ns.users.Add(1) }

func (ns *IPCNamespace) put() {
	if ns.users.Add(-1) != 0 || ns == ns.k.initIPC {
		return
	}
	ns.mu.Lock()
	m := ns.mqMnt
	ns.mqMnt = nil
	ns.mu.Unlock()
	if m != nil {
		ns.k.KernUnmount(m)
	}
	ns.freeSysv()
	ns.k.freeNsInum(&ns.nsCommon)
	ns.uncharge()
}

// Owner returns the user namespace owning ns (nil: the initial one).
func (ns *IPCNamespace) Owner() *UserNamespace { return ns.userNS }

// IPCNamespace is the namespace whose objects a filesystem context works
// on: the one being set up, or the mounting task's.
func (fc *FsContext) IPCNamespace() *IPCNamespace {
	switch {
	case fc.ipc != nil:
		return fc.ipc
	case fc.task != nil:
		return fc.task.IPCNamespace()
	}
	return fc.Kernel.initIPC
}
