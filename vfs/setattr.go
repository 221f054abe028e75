// SPDX-License-Identifier: Apache-2.0

package vfs

// Iattr is struct iattr: the attribute changes a chmod, chown or
// utimensat makes, after the VFS has checked them.
type Iattr struct {
	Valid uint32 // ATTR_* bits saying which fields count
	Mode  uint32 // permission bits (ATTR_MODE)
	UID   uint32 // ATTR_UID
	GID   uint32 // ATTR_GID
	Atime Timespec
	Mtime Timespec
}

// The ATTR_* bits of include/linux/fs.h that Iattr uses.
const (
	ATTR_MODE  = 1 << 0
	ATTR_UID   = 1 << 1
	ATTR_GID   = 1 << 2
	ATTR_ATIME = 1 << 4
	ATTR_MTIME = 1 << 5
)

// AttrSetter is implemented by inode operations whose filesystem keeps
// attributes where the VFS cannot see them, such as a host directory
// passed through (->setattr): it applies the change there, and the VFS
// changes the inode only when that succeeded. Chown calls it with the
// inode's lock held, so it must not take that lock.
type AttrSetter interface {
	Setattr(in *Inode, a *Iattr) error
}

// setattr passes a checked change to the filesystem, if it wants it.
func setattr(in *Inode, a *Iattr) error {
	if s, ok := in.Ops.(AttrSetter); ok {
		return s.Setattr(in, a)
	}
	return nil
}

// SetModeOwner sets an inode's mode (type bits included), owner and group
// as a filesystem reads them back from storage it does not own (a host
// directory that changes behind the VFS).
func (in *Inode) SetModeOwner(mode, uid, gid uint32) {
	in.mode.Store(mode)
	in.uid.Store(uid)
	in.gid.Store(gid)
}
