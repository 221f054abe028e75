// SPDX-License-Identifier: Apache-2.0

// Package ramfs is fs/ramfs: the simplest in-memory filesystem, with no
// limits and only a "mode" option.
package ramfs

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is RAMFS_MAGIC.
const Magic = 0x858458f6

// defaultMode is RAMFS_DEFAULT_MODE.
const defaultMode = 0o755

// Type is the "ramfs" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "ramfs" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

type options struct{ mode uint32 }

// InitFsContext is ramfs_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	o := &options{mode: defaultMode}
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		o.mode = fc.Root.Inode().Superblock().Private.(*options).mode
	}
	fc.FsPrivate = o
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam is ramfs_parse_param: unknown options are ignored, as ramfs
// always has.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	if p.Key != "mode" {
		if p.Key == "source" {
			return vfs.ENOPARAM
		}
		return nil
	}
	if p.Type != vfs.FsValueIsString {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	n, ok := vfs.Kstrtouint(p.Value, 8) // fsparam_u32oct
	if !ok {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	fc.FsPrivate.(*options).mode = n & 0o7777
	return nil
}

// GetTree is ramfs_get_tree → ramfs_fill_super.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		return err
	}
	sb.Private = o
	sb.NoBtime = true // ramfs's getattr is generic: no birth time
	fs := &libfs.FS{NextIno: fc.Kernel.GetNextIno}
	root, err := fs.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | o.mode})
	if err != nil {
		return err
	}
	sb.SetRoot(root)
	fc.Root = root
	return nil
}

// Reconfigure is ramfs's reconfigure: nothing changes but SB flags
// (the mode is kept from mount time).
func (contextOps) Reconfigure(fc *vfs.FsContext) error { return nil }

type superOps struct{}

// ShowOptions is ramfs_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	if m := sb.Private.(*options).mode; m != defaultMode {
		fmt.Fprintf(b, ",mode=%o", m)
	}
}

// Statfs is simple_statfs.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: libfs.PageSize, Frsize: libfs.PageSize, Namelen: linux.NAME_MAX}, nil
}

// RootfsType is rootfs_fs_type with ramfs behind it: init_rootfs picks it
// when root= names a device and rootfstype= does not ask for tmpfs (the
// rootfs is then only a stage on the way to the real root).
type RootfsType struct{}

// Name implements vfs.FilesystemType.
func (RootfsType) Name() string { return "rootfs" }

// Flags implements vfs.FilesystemType.
func (RootfsType) Flags() vfs.FSTypeFlags { return 0 }

// InitFsContext is rootfs_init_fs_context.
func (RootfsType) InitFsContext(fc *vfs.FsContext) error { return Type{}.InitFsContext(fc) }
