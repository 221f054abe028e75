// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// Extended attributes pass through to the real object (ovl_xattr_get,
// ovl_xattr_set after copy-up). Names in overlayfs's own namespace
// ("trusted.overlay.", or "user.overlay." with userxattr) are escaped:
// "trusted.overlay.X" through the overlay is "trusted.overlay.overlay.X"
// in the layers, and the layers' own overlay attributes stay hidden
// (ovl_xattr_escape_name, Linux 6.7).

// XattrPrefixes implements vfs.Xattrer: the real object's namespaces.
func (ops inodeOps) XattrPrefixes(in *vfs.Inode) []string {
	ri := nodeOf(in).realPath().Dentry.Inode()
	if x, ok := ri.Ops.(vfs.Xattrer); ok {
		return x.XattrPrefixes(ri)
	}
	return nil
}

// realName is the layers' name of an attribute named through the
// overlay.
func (o *ofs) realName(name string) string {
	if rest, ok := strings.CutPrefix(name, o.xattr); ok {
		return o.xattr + "overlay." + rest
	}
	return name
}

// GetXattr reads the real object's attribute.
func (ops inodeOps) GetXattr(in *vfs.Inode, name string) ([]byte, error) {
	return vfs.GetxattrInternal(nodeOf(in).realPath().Dentry.Inode(), ops.o.realName(name))
}

// SetXattr copies up and changes the upper object's attribute; removing
// one only a lower object could have fails without a copy-up.
func (ops inodeOps) SetXattr(in *vfs.Inode, name string, value []byte, flags int) error {
	o := ops.o
	name = o.realName(name)
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

// ListXattr lists the real object's attributes, overlayfs's own hidden
// and escaped ones unescaped.
func (ops inodeOps) ListXattr(in *vfs.Inode, c *vfs.Cred) ([]string, error) {
	p := ops.o.xattr
	names, err := vfs.ListxattrInternal(nodeOf(in).realPath().Dentry.Inode(), c)
	out := names[:0]
	for _, n := range names {
		rest, own := strings.CutPrefix(n, p)
		switch {
		case !own:
			out = append(out, n)
		case strings.HasPrefix(rest, "overlay."):
			out = append(out, p+strings.TrimPrefix(rest, "overlay."))
		}
	}
	return out, err
}
