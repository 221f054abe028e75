// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// prepareName copies dir up and clears a whiteout at name in its upper
// directory, reporting whether there was one (ovl_create_over_whiteout's
// first half).
func (o *ofs) prepareName(dir *vfs.Inode, name string) (*vfs.Dentry, bool, error) {
	if err := o.copyUp(dir); err != nil {
		return nil, false, err
	}
	du := nodeOf(dir).upperDentry()
	w, err := vfs.LookupOne(du, name)
	if err != nil || !o.isWhiteout(w.Inode()) {
		return du, false, nil
	}
	if err := vfs.RemoveInternal(du, name, false); err != nil {
		return nil, false, err
	}
	return du, true, nil
}

// create is ovl_create_object: the new object goes to the upper layer; a
// directory made where a whiteout hid a lower one is opaque.
func (o *ofs) create(dir *vfs.Inode, name string, attr vfs.InodeAttr, target string) (*vfs.Inode, error) {
	du, hadWhiteout, err := o.prepareName(dir, name)
	if err != nil {
		return nil, err
	}
	d, err := vfs.CreateInternal(du, name, attr, target)
	if err != nil {
		if hadWhiteout {
			_ = o.whiteout(du, name)
		}
		return nil, err
	}
	if attr.Mode&linux.S_IFMT == linux.S_IFDIR && hadWhiteout {
		if err := vfs.SetxattrInternal(d.Inode(), o.xattr+"opaque", []byte("y"), 0); err != nil {
			return nil, err
		}
	}
	in := o.newInode(&node{o: o, upper: d, parent: dir, name: name})
	refresh(dir)
	return in, nil
}

// Mknod is ovl_create/ovl_mknod.
func (ops inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return ops.o.create(dir, name, attr, "")
}

// Mkdir is ovl_mkdir.
func (ops inodeOps) Mkdir(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return ops.o.create(dir, name, attr, "")
}

// Symlink is ovl_symlink.
func (ops inodeOps) Symlink(dir *vfs.Inode, name, target string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	return ops.o.create(dir, name, attr, target)
}

// Link is ovl_link: the file is copied up and linked there.
func (ops inodeOps) Link(old *vfs.Inode, dir *vfs.Inode, name string) error {
	o := ops.o
	if err := o.copyUp(old); err != nil {
		return err
	}
	du, hadWhiteout, err := o.prepareName(dir, name)
	if err != nil {
		return err
	}
	if err := vfs.LinkInternal(nodeOf(old).upperDentry(), du, name); err != nil {
		if hadWhiteout {
			_ = o.whiteout(du, name)
		}
		return err
	}
	refresh(old)
	refresh(dir)
	return nil
}

// Unlink is ovl_unlink.
func (ops inodeOps) Unlink(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	return ops.o.remove(dir, name, victim, false)
}

// Rmdir is ovl_rmdir: the merged directory must hold nothing but
// whiteouts.
func (ops inodeOps) Rmdir(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	empty, err := ops.o.isEmptyDir(victim)
	if err != nil {
		return err
	}
	if !empty {
		return linux.ENOTEMPTY
	}
	return ops.o.remove(dir, name, victim, true)
}

// remove is ovl_do_remove: the upper object goes, and a whiteout takes
// its place if a lower layer has the name.
func (o *ofs) remove(dir *vfs.Inode, name string, victim *vfs.Inode, isDir bool) error {
	if err := o.copyUp(dir); err != nil {
		return err
	}
	dn, vn := nodeOf(dir), nodeOf(victim)
	du := dn.upperDentry()
	if up := vn.upperDentry(); up != nil {
		if isDir {
			if err := o.clearWhiteouts(up); err != nil {
				return err
			}
		}
		if err := vfs.RemoveInternal(du, name, isDir); err != nil {
			return err
		}
	}
	if len(vn.lowerList()) > 0 || o.lowerPositive(dn, name) {
		if err := o.whiteout(du, name); err != nil {
			return err
		}
	}
	victim.DropNlink()
	if isDir {
		victim.ClearNlink()
	}
	refresh(dir)
	return nil
}

// canMove is ovl_can_move: without redirect_dir, a directory that is not
// wholly in the upper layer stays where it is.
func (o *ofs) canMove(in *vfs.Inode) bool {
	return !in.IsDir() || o.cfg.redirect == "on" || len(nodeOf(in).lowerList()) == 0
}

// setRedirect is ovl_set_redirect: a directory with lower layers that
// moved records where they are, by name when it stayed in its
// directory, else by its path from the layers' root.
func (o *ofs) setRedirect(in *vfs.Inode, samedir bool) error {
	n := nodeOf(in)
	low := n.lowerList()
	if !in.IsDir() || len(low) == 0 {
		return nil
	}
	to := o.lowerPathOf(low[0].Dentry)
	if samedir {
		if cur, ok := o.redirectOf(n.upperDentry().Inode()); !ok || !strings.HasPrefix(cur, "/") {
			to = low[0].Dentry.Name()
		}
	}
	return vfs.SetxattrInternal(n.upperDentry().Inode(), o.xattr+"redirect", []byte(to), 0)
}

// lowerPathOf is d's path from the root of its lower layer, "/"-rooted.
func (o *ofs) lowerPathOf(d *vfs.Dentry) string {
	var parts []string
	for !o.isLayerRoot(d) && !d.IsRoot() {
		parts = append(parts, d.Name())
		d = d.Parent()
	}
	slices.Reverse(parts)
	return "/" + strings.Join(parts, "/")
}

func (o *ofs) isLayerRoot(d *vfs.Dentry) bool {
	for _, l := range o.lowers {
		if l.Dentry == d {
			return true
		}
	}
	return false
}

// Rename is ovl_rename.
func (ops inodeOps) Rename(oldDir *vfs.Inode, oldName string, src *vfs.Inode, newDir *vfs.Inode, newName string, target *vfs.Inode, flags uint32) error {
	o := ops.o
	if flags&^(linux.RENAME_NOREPLACE|linux.RENAME_EXCHANGE) != 0 {
		return linux.EINVAL
	}
	exchange := flags&linux.RENAME_EXCHANGE != 0
	if !o.canMove(src) || exchange && !o.canMove(target) {
		return linux.EXDEV
	}
	if target != nil && target.IsDir() && !exchange {
		empty, err := o.isEmptyDir(target)
		if err != nil {
			return err
		}
		if !empty {
			return linux.ENOTEMPTY
		}
	}
	for _, in := range []*vfs.Inode{oldDir, newDir, src} {
		if err := o.copyUp(in); err != nil {
			return err
		}
	}
	odu, ndu := nodeOf(oldDir).upperDentry(), nodeOf(newDir).upperDentry()
	targetLower := o.lowerPositive(nodeOf(newDir), newName)
	if target != nil {
		if exchange {
			if err := o.copyUp(target); err != nil {
				return err
			}
		} else if up := nodeOf(target).upperDentry(); up != nil && target.IsDir() {
			if err := o.clearWhiteouts(up); err != nil {
				return err
			}
		}
	} else if w, err := vfs.LookupOne(ndu, newName); err == nil && o.isWhiteout(w.Inode()) && src.IsDir() {
		if err := vfs.RemoveInternal(ndu, newName, false); err != nil {
			return err
		}
	}
	if err := vfs.RenameInternal(odu, oldName, ndu, newName, flags); err != nil {
		return err
	}
	if !exchange && o.lowerPositive(nodeOf(oldDir), oldName) {
		// RENAME_WHITEOUT's whiteout: a device of its own, unshared.
		if _, err := vfs.CreateInternal(odu, oldName, vfs.InodeAttr{Mode: linux.S_IFCHR}, ""); err != nil {
			return err
		}
	}
	samedir := oldDir == newDir
	if err := o.setRedirect(src, samedir); err != nil {
		return err
	}
	if exchange {
		if err := o.setRedirect(target, samedir); err != nil {
			return err
		}
	}
	if src.IsDir() && targetLower && !exchange && len(nodeOf(src).lowerList()) == 0 {
		up := nodeOf(src).upperDentry()
		if err := vfs.SetxattrInternal(up.Inode(), o.xattr+"opaque", []byte("y"), 0); err != nil {
			return err
		}
	}
	moved(src, newDir, newName)
	if exchange {
		moved(target, oldDir, oldName)
	} else if target != nil {
		target.DropNlink()
		if target.IsDir() {
			target.ClearNlink()
		}
	}
	refresh(oldDir)
	refresh(newDir)
	return nil
}

// moved records an object's new place for later copy-ups.
func moved(in *vfs.Inode, dir *vfs.Inode, name string) {
	n := nodeOf(in)
	n.mu.Lock()
	n.parent, n.name = dir, name
	n.mu.Unlock()
}
