// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// copyUp is ovl_copy_up: the object of in, and every directory above
// it, gets an upper copy with the lower one's type, mode, owner, data,
// extended attributes and times. Linux stages the copy in the work
// directory and renames it into place; here it is made in place.
func (o *ofs) copyUp(in *vfs.Inode) error {
	if err := o.writable(); err != nil {
		return err
	}
	n := nodeOf(in)
	if n.upperDentry() != nil {
		return nil
	}
	n.mu.Lock()
	parent := n.parent
	n.mu.Unlock()
	if err := o.copyUp(parent); err != nil {
		return err
	}
	pn := nodeOf(parent)
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.upper != nil {
		return nil // another task copied it meanwhile
	}
	d, err := o.copyObject(pn.upperDentry(), n.name, n.lowers[0].Path)
	if err != nil {
		return err
	}
	n.upper = d
	return nil
}

// copyObject makes the upper copy of low as name in dir.
func (o *ofs) copyObject(dir *vfs.Dentry, name string, low vfs.Path) (*vfs.Dentry, error) {
	li := low.Dentry.Inode()
	attr := vfs.InodeAttr{Mode: li.Mode(), UID: li.UID(), GID: li.GID(), Rdev: li.Rdev()}
	target := ""
	if li.IsSymlink() {
		var err error
		if target, err = li.Ops.Readlink(li); err != nil {
			return nil, err
		}
	}
	if w, err := vfs.LookupOne(dir, name); err == nil && o.isWhiteout(w.Inode()) {
		if err := vfs.RemoveInternal(dir, name, false); err != nil {
			return nil, err
		}
	}
	d, err := vfs.CreateInternal(dir, name, attr, target)
	if err != nil {
		return nil, err
	}
	ui := d.Inode()
	if li.IsRegular() {
		if err := o.copyData(low, vfs.Path{Mnt: o.upper.Mnt, Dentry: d}); err != nil {
			_ = vfs.RemoveInternal(dir, name, false)
			return nil, err
		}
	}
	o.copyXattrs(li, ui)
	if li.IsRegular() || li.IsDir() {
		if err := o.copyFileattr(li, vfs.Path{Mnt: o.upper.Mnt, Dentry: d}); err != nil {
			_ = vfs.RemoveInternal(dir, name, li.IsDir())
			return nil, err
		}
	}
	// Linux records a file handle of the lower object; its inode
	// number is what stat and readdir need of it here.
	_ = vfs.SetxattrInternal(ui, o.xattr+"origin", fmt.Appendf(nil, "%d", li.Ino()), 0)
	li.Lock()
	at, mt, _ := li.TimesLocked()
	li.Unlock()
	err = vfs.SetattrInternal(ui, &vfs.Iattr{Valid: vfs.ATTR_ATIME | vfs.ATTR_MTIME, Atime: at, Mtime: mt})
	return d, err
}

// copyData copies a regular file's bytes.
func (o *ofs) copyData(from, to vfs.Path) error {
	c := o.creator
	src, err := vfs.OpenInternal(from, linux.O_RDONLY, c)
	if err != nil {
		return err
	}
	defer src.DecRef()
	dst, err := vfs.OpenInternal(to, linux.O_WRONLY, c)
	if err != nil {
		return err
	}
	defer dst.DecRef()
	buf := make([]byte, 64<<10)
	for off := int64(0); ; {
		n, err := src.KernelRead(buf, off)
		if n > 0 {
			if _, werr := dst.KernelWrite(buf[:n], off); werr != nil {
				return werr
			}
			off += int64(n)
		}
		if err != nil || n == 0 {
			return err
		}
	}
}

// copyXattrs is ovl_copy_xattr: every attribute but overlayfs's own.
func (o *ofs) copyXattrs(from, to *vfs.Inode) {
	names, _ := vfs.ListxattrInternal(from, o.creator)
	for _, name := range names {
		if strings.HasPrefix(name, o.xattr) {
			continue
		}
		v, err := vfs.GetxattrInternal(from, name)
		if err == nil {
			_ = vfs.SetxattrInternal(to, name, v, 0)
		}
	}
}

// whiteout makes the 0:0 character device that hides name
// (ovl_whiteout): a new link to the one the work directory keeps, as
// Linux shares them, or a device of its own where linking fails.
func (o *ofs) whiteout(dir *vfs.Dentry, name string) error {
	o.wmu.Lock()
	defer o.wmu.Unlock()
	dev := vfs.InodeAttr{Mode: linux.S_IFCHR}
	if o.shared == nil && o.workdir != nil {
		if d, err := vfs.CreateInternal(o.workdir, fmt.Sprintf("#%x", o.tempID()), dev, ""); err == nil {
			o.shared = d
		}
	}
	if o.shared != nil && vfs.LinkInternal(o.shared, dir, name) == nil {
		return nil
	}
	_, err := vfs.CreateInternal(dir, name, dev, "")
	return err
}

// clearWhiteouts empties an upper directory of the whiteouts it holds,
// before it is removed or replaced (ovl_clear_empty's work).
func (o *ofs) clearWhiteouts(d *vfs.Dentry) error {
	ents, err := vfs.ReadDirInternal(vfs.Path{Mnt: o.upper.Mnt, Dentry: d}, o.creator)
	if err != nil {
		return err
	}
	for _, e := range ents {
		c, err := vfs.LookupOne(d, e.Name)
		if err != nil {
			continue
		}
		if o.isWhiteout(c.Inode()) {
			if err := vfs.RemoveInternal(d, e.Name, false); err != nil {
				return err
			}
		}
	}
	return nil
}
