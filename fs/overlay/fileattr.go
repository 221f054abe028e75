// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Inode flags through an overlay: read from the real object, changed on
// the upper one after a copy-up, with the mounter's credentials. A
// copy-up carries the lower object's synchronous and noatime flags;
// immutable and append-only stay behind (Linux keeps them in an
// overlay.protattr attribute, which is not modelled).
const copiedFlags = linux.FS_SYNC_FL | linux.FS_NOATIME_FL

// realFileattrErr is ovl_real_fileattr_get's and _set's errno: a layer
// without flags is ENOTTY.
func realFileattrErr(err error) error {
	if err == vfs.ENOIOCTLCMD {
		return linux.ENOTTY
	}
	return err
}

// FileattrGet is ovl_fileattr_get.
func (ops inodeOps) FileattrGet(in *vfs.Inode, fa *vfs.Fileattr) error {
	return realFileattrErr(vfs.FileattrGetInternal(nodeOf(in).realPath().Dentry.Inode(), fa))
}

// FileattrSet is ovl_fileattr_set: copy up, change the upper object,
// and take its flags (ovl_copyflags).
func (ops inodeOps) FileattrSet(_ *vfs.Cred, in *vfs.Inode, fa *vfs.Fileattr) error {
	o := ops.o
	if err := o.copyUp(in); err != nil {
		return err
	}
	up := vfs.Path{Mnt: o.upper.Mnt, Dentry: nodeOf(in).upperDentry()}
	err := realFileattrErr(vfs.FileattrSetInternal(o.creator, up, fa))
	refresh(in)
	return err
}

// copyFileattr is ovl_copy_fileattr: the lower object's flags that an
// upper copy keeps.
func (o *ofs) copyFileattr(low *vfs.Inode, up vfs.Path) error {
	var lfa, ufa vfs.Fileattr
	if vfs.FileattrGetInternal(low, &lfa) != nil || lfa.Flags&copiedFlags == 0 {
		return nil
	}
	if err := vfs.FileattrGetInternal(up.Dentry.Inode(), &ufa); err != nil {
		return realFileattrErr(err)
	}
	ufa.FillFlags(ufa.Flags&^copiedFlags | lfa.Flags&copiedFlags)
	return realFileattrErr(vfs.FileattrSetInternal(o.creator, up, &ufa))
}
