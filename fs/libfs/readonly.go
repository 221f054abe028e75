// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ReadOnly is the namespace half of a read-only filesystem's inode
// operations (squashfs, iso9660, romfs...): every change is EROFS. A
// filesystem embeds it and adds Lookup and Readlink. The VFS refuses most
// changes on a read-only superblock before asking; these answer the rest.
type ReadOnly struct{}

func (ReadOnly) Mknod(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EROFS
}

func (ReadOnly) Mkdir(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EROFS
}

func (ReadOnly) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EROFS
}

func (ReadOnly) Link(*vfs.Inode, *vfs.Inode, string) error   { return linux.EROFS }
func (ReadOnly) Unlink(*vfs.Inode, string, *vfs.Inode) error { return linux.EROFS }
func (ReadOnly) Rmdir(*vfs.Inode, string, *vfs.Inode) error  { return linux.EROFS }
func (ReadOnly) Truncate(*vfs.Inode, int64) error            { return linux.EROFS }

func (ReadOnly) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EROFS
}
