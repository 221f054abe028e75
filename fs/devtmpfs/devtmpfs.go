// SPDX-License-Identifier: Apache-2.0

// Package devtmpfs is drivers/base/devtmpfs.c's filesystem: one tmpfs
// instance per kernel, made at first use as devtmpfs_init makes its internal
// mount, holding a node for every registered device; every mount of
// "devtmpfs" shares that superblock, whatever options it is given.
//
// The device model that creates and removes nodes as devices come and go
// (the kdevtmpfs worker and its request queue) is not here yet: the nodes
// are those of the memory devices, made when the instance is.
package devtmpfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/mem"
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

type instance struct {
	mu sync.Mutex
	sb *vfs.Superblock
}

type instanceKey struct{}

// GetTree is devtmpfs_get_tree: the one superblock, made on first use with
// mode=0755 like the internal mount of devtmpfs_init.
func (o contextOps) GetTree(fc *vfs.FsContext) error {
	in := fc.Kernel.FsData(instanceKey{}, func() any { return &instance{} }).(*instance)
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.sb == nil {
		sb, err := newInstance(fc.Kernel)
		if err != nil {
			return err
		}
		in.sb = sb
	}
	fc.Root = in.sb.Root()
	return nil
}

// newInstance makes the internal tmpfs and its device nodes.
func newInstance(k *vfs.Kernel) (*vfs.Superblock, error) {
	fc, err := k.FsContextForMount(Type{}, vfs.RootCred(), 0)
	if err != nil {
		return nil, err
	}
	inner := fc.Ops.(contextOps).shmem
	if err := fc.ParseString("mode", "0755", true); err != nil {
		return nil, err
	}
	if err := inner.GetTree(fc); err != nil {
		return nil, err
	}
	sb := fc.Root.Inode().Superblock()
	sb.Activate() // devtmpfs_mnt
	for _, d := range mem.Devices {
		attr := vfs.InodeAttr{Mode: linux.S_IFCHR | 0o666, Rdev: linux.Mkdev(mem.Major, d.Minor)}
		if err := vfs.MknodInternal(fc.Root, d.Name, attr); err != nil {
			return nil, err
		}
	}
	return sb, nil
}
