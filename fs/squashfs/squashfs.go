// SPDX-License-Identifier: Apache-2.0

// Package squashfs is fs/squashfs: the read-only, compressed filesystem on
// a block device, read here from the superblock to the data blocks (zlib,
// lzo, xz, lz4 and zstd), so that stat and readdir show what the kernel
// shows (inode numbers, link counts, modes, device numbers).
package squashfs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is SQUASHFS_MAGIC ("hsqs" little endian).
const Magic = 0x73717368

// nameLen is SQUASHFS_NAME_LEN.
const nameLen = 256

// Type is the "squashfs" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "squashfs" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_REQUIRES_DEV }

// options is struct squashfs_mount_opts.
type options struct{ panicOnErrors bool }

// InitFsContext is squashfs_init_fs_context: every context, a remount's
// too, starts from errors=continue.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.FsPrivate = &options{}
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam is squashfs_parse_param. "threads" is a known key, but a
// kernel built without CONFIG_SQUASHFS_CHOICE_DECOMP_BY_MOUNT and
// CONFIG_SQUASHFS_MOUNT_DECOMP_THREADS (whose mountinfo shows no
// threads=) takes no value for it.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	switch p.Key {
	case "errors":
		if p.Type != vfs.FsValueIsString || p.Value != "continue" && p.Value != "panic" {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		o.panicOnErrors = p.Value == "panic"
		return nil
	case "threads":
		if p.Type != vfs.FsValueIsString || p.Value == "" {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		return linux.EINVAL
	}
	return vfs.ENOPARAM
}

// GetTree is squashfs_get_tree.
func (contextOps) GetTree(fc *vfs.FsContext) error { return fc.GetTreeBdev(fillSuper) }

// Reconfigure is squashfs_reconfigure: the superblock stays read-only and
// takes the errors= of the remount.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	fc.SbFlags |= linux.SB_RDONLY
	img := fc.Root.Inode().Superblock().Private.(*image)
	img.panicOnErrors.Store(fc.FsPrivate.(*options).panicOnErrors)
	return nil
}

// fillSuper is squashfs_fill_super: read and check the image, make the
// superblock read-only and read the root inode.
func fillSuper(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	img, err := openImage(disk, fc, diskName(disk, fc))
	if err != nil {
		return err
	}
	img.panicOnErrors.Store(fc.FsPrivate.(*options).panicOnErrors)
	root, err := img.readInode(sb, img.sb.RootInode)
	if err != nil {
		return err
	}
	img.inodes[uint32(root.Ino())] = root
	sb.Private = img
	sb.Ops = superOps{}
	sb.SetFlags(linux.SB_RDONLY, linux.SB_RDONLY)
	sb.BlockSize = devBlockSize // sb_min_blocksize: what stat shows as st_blksize
	sb.NoBtime = true
	sb.SetRoot(vfs.NewRootDentry(root))
	return nil
}

// errorf is the kernel's errorf(fc, ...) in fill_super: unlike the
// messages of fs_parse (vfs's Errorf), it logs without a "squashfs: "
// prefix.
func errorf(fc *vfs.FsContext, err error, format string, args ...any) error {
	fc.Logf(format, args...)
	return err
}

// diskName is %pg of the superblock's disk ("loop0"), or the mount source
// for a disk without a name.
func diskName(disk vfs.Disk, fc *vfs.FsContext) string {
	if n, ok := disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fc.Source
}

type superOps struct{}

// ShowOptions is squashfs_show_options: errors= always shows.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	if sb.Private.(*image).panicOnErrors.Load() {
		b.WriteString(",errors=panic")
	} else {
		b.WriteString(",errors=continue")
	}
}

// KillSuper is squashfs_put_super.
func (superOps) KillSuper(sb *vfs.Superblock) {
	if img, ok := sb.Private.(*image); ok && img.zstd != nil {
		img.zstd.Close()
	}
}

// Statfs is squashfs_statfs: the image's bytes in filesystem blocks, all
// of them used.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	s := &sb.Private.(*image).sb
	return vfs.Statfs{
		Type:    Magic,
		Bsize:   int64(s.BlockSize),
		Frsize:  int64(s.BlockSize),
		Blocks:  (s.BytesUsed-1)>>s.BlockLog + 1,
		Files:   uint64(s.Inodes),
		Namelen: nameLen,
	}, nil
}
