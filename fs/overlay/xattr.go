// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Extended attributes pass through to the real object (ovl_xattr_get,
// ovl_xattr_set after copy-up); overlayfs's own attributes are neither
// shown nor settable through the overlay (ovl_own_xattr_handler).

// XattrPrefixes implements vfs.Xattrer: the real object's namespaces.
func (ops inodeOps) XattrPrefixes(in *vfs.Inode) []string {
	ri := nodeOf(in).realPath().Dentry.Inode()
	if x, ok := ri.Ops.(vfs.Xattrer); ok {
		return x.XattrPrefixes(ri)
	}
	return nil
}

func (o *ofs) private(name string) bool {
	return strings.HasPrefix(name, "trusted.overlay.") || strings.HasPrefix(name, "user.overlay.")
}

// GetXattr reads the real object's attribute.
func (ops inodeOps) GetXattr(in *vfs.Inode, name string) ([]byte, error) {
	if ops.o.private(name) {
		return nil, linux.EOPNOTSUPP
	}
	return vfs.GetxattrInternal(nodeOf(in).realPath().Dentry.Inode(), name)
}

// SetXattr copies up and changes the upper object's attribute; removing
// one the lower object alone has copies up too (as ovl_xattr_set).
func (ops inodeOps) SetXattr(in *vfs.Inode, name string, value []byte, flags int) error {
	o := ops.o
	if o.private(name) {
		return linux.EOPNOTSUPP
	}
	if value == nil && nodeOf(in).upperDentry() == nil {
		if _, err := vfs.GetxattrInternal(nodeOf(in).realPath().Dentry.Inode(), name); err != nil {
			return err
		}
	}
	if err := o.copyUp(in); err != nil {
		return err
	}
	return vfs.SetxattrInternal(nodeOf(in).upperDentry().Inode(), name, value, flags)
}

// ListXattr lists the real object's attributes but overlayfs's own.
func (ops inodeOps) ListXattr(in *vfs.Inode, c *vfs.Cred) ([]string, error) {
	names, err := vfs.ListxattrInternal(nodeOf(in).realPath().Dentry.Inode(), c)
	out := names[:0]
	for _, n := range names {
		if !ops.o.private(n) {
			out = append(out, n)
		}
	}
	return out, err
}
