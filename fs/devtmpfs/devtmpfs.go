// SPDX-License-Identifier: Apache-2.0

// Package devtmpfs is drivers/base/devtmpfs.c: a tmpfs the kernel keeps
// for itself and fills with a node for every device of the device model,
// which every mount of "devtmpfs" shows.
//
// At driver init (Register arranges it) devtmpfs_init makes the one
// internal superblock (mode=0755) and the kdevtmpfs task, which unshares
// its own mount namespace, mounts devtmpfs over its root and moves into it
// (devtmpfs_setup). Device nodes are made and removed by that task only:
// device_add and device_del queue a request and wait for it to be done
// (devtmpfs_submit_req), so the nodes are made with the kernel's own
// credentials in a namespace no user task shares. A goroutine serves the
// queue while it holds requests (the kernel thread's loop, which sleeps
// in between); none is left running when it is empty.
package devtmpfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Type is the "devtmpfs" filesystem type (dev_fs_type).
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "devtmpfs" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return 0 }

// InitFsContext is devtmpfs_init_fs_context: tmpfs parses the options (so
// a bad one is refused as tmpfs would), devtmpfs supplies the tree.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	if err := (tmpfs.Type{}).InitFsContext(fc); err != nil {
		return err
	}
	fc.Ops = contextOps{shmem: fc.Ops}
	return nil
}

type contextOps struct{ shmem vfs.FsContextOperations }

func (o contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	return o.shmem.ParseParam(fc, p)
}

func (o contextOps) Reconfigure(fc *vfs.FsContext) error { return o.shmem.Reconfigure(fc) }

// GetTree is devtmpfs_get_tree: the internal superblock, whatever the
// options; ENODEV before devtmpfs_init has run.
func (o contextOps) GetTree(fc *vfs.FsContext) error {
	d := daemonOf(fc.Kernel)
	if d.mnt == nil {
		return linux.ENODEV
	}
	fc.Root = d.mnt.Root()
	return nil
}

// internalType is the type of the internal mount (internal_fs_type): a
// tmpfs that calls itself devtmpfs.
type internalType struct{}

func (internalType) Name() string           { return "devtmpfs" }
func (internalType) Flags() vfs.FSTypeFlags { return 0 }
func (internalType) InitFsContext(fc *vfs.FsContext) error {
	return (tmpfs.Type{}).InitFsContext(fc)
}

// Register arranges devtmpfs_init to run at the kernel's driver init; the
// "devtmpfs" type itself is registered with the others, in /proc's order.
func Register(k *vfs.Kernel) error {
	return k.AddDriverInit(func() error { return daemonOf(k).start(k) })
}
