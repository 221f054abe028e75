// SPDX-License-Identifier: Apache-2.0

// Package mqueue is ipc/mqueue.c's filesystem: one superblock per IPC
// namespace (here, per kernel), which every mount of "mqueue" shares, as
// get_tree_keyed makes it.
package mqueue

import (
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is MQUEUE_MAGIC.
const Magic = 0x19800202

// Type is the "mqueue" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "mqueue" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// InitFsContext is mqueue_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam: mqueue takes no options of its own.
func (contextOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }

// Reconfigure has nothing to change.
func (contextOps) Reconfigure(*vfs.FsContext) error { return nil }

// instance is the IPC namespace's mqueue superblock.
type instance struct {
	mu sync.Mutex
	sb *vfs.Superblock
}

type instanceKey struct{}

// GetTree is mqueue_get_tree: the IPC namespace's one superblock, made on
// first use and kept alive as the namespace's internal mount keeps it.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	in := fc.Kernel.FsData(instanceKey{}, func() any { return &instance{} }).(*instance)
	in.mu.Lock()
	defer in.mu.Unlock()
	sb := in.sb
	if sb == nil {
		var err error
		if sb, err = fc.Kernel.NewSuperblock(fc, superOps{}); err != nil {
			return err
		}
		// Linux makes the superblock with the IPC namespace (mq_init_ns's
		// kern_mount), so the flags and "ro" of the mount(2) that first
		// finds it never reach it: they qualify that mount only.
		sb.SetFlags(0, mountSbFlags)
		fs := &libfs.FS{NextIno: fc.Kernel.GetNextIno, DirSizes: false}
		root, err := fs.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o1777})
		if err != nil {
			return err
		}
		sb.SetRoot(root)
		sb.Activate() // the namespace's kern_mount
		in.sb = sb
	}
	fc.Root = sb.Root()
	return nil
}

// mountSbFlags are the superblock flags mount(2) can ask for.
const mountSbFlags = linux.SB_RDONLY | linux.SB_SYNCHRONOUS | linux.SB_MANDLOCK | linux.SB_DIRSYNC |
	linux.SB_SILENT | linux.SB_POSIXACL | linux.SB_LAZYTIME | linux.SB_I_VERSION

type superOps struct{}

// ShowOptions: nothing beyond the generic flags.
func (superOps) ShowOptions(*vfs.Superblock, *strings.Builder) {}

// Statfs is simple_statfs.
func (superOps) Statfs(*vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: libfs.PageSize, Frsize: libfs.PageSize, Namelen: linux.NAME_MAX}, nil
}
