// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"fmt"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ofs is struct ovl_fs: a mounted overlay's layers and settings.
type ofs struct {
	sb     *vfs.Superblock
	cfg    config
	upper  *vfs.Path // nil: a read-only overlay
	lowers []vfs.Path
	// workdir is the "work" directory made in the work base, nil
	// without an upper layer.
	workdir *vfs.Dentry
	// xattr is the prefix of overlayfs's own attributes:
	// "trusted.overlay." or, with userxattr, "user.overlay.".
	xattr string
	// creator is the mounter's credentials, with which the layers'
	// files are opened (ofs->creator_cred).
	creator *vfs.Cred
	// marked are the directories this mount marked in use.
	marked []*vfs.Dentry
	// clones are the layers' private mounts.
	clones []*vfs.Mount
	// shared is the whiteout in the work directory every whiteout is
	// a link to, named "#<n>"; wmu guards it.
	wmu    sync.Mutex
	shared *vfs.Dentry
}

// tempID is ovl_tempname's number, counted across the kernel's overlays.
func (o *ofs) tempID() int {
	u := inUseOf(o.sb.Kernel())
	u.mu.Lock()
	defer u.mu.Unlock()
	u.temp++
	return u.temp
}

// verify is ovl_fs_params_verify: what the options must say together,
// and the defaults they imply.
func (c *config) verify(fc *vfs.FsContext) error {
	switch {
	case len(c.lowers) == 0:
		fc.Logf("overlayfs: missing 'lowerdir'")
		return linux.EINVAL
	case c.upper != nil && c.work == nil:
		fc.Logf("overlayfs: missing 'workdir'")
		return linux.EINVAL
	case c.upper == nil && len(c.lowers) < 2:
		fc.Logf("overlayfs: at least 2 lowerdir are needed while upperdir nonexistent")
		return linux.EINVAL
	case !c.hasRegularLower():
		fc.Logf("overlayfs: at least one non-data lowerdir is required")
		return linux.EINVAL
	case len(c.lowers) > maxStack:
		fc.Logf("overlayfs: too many lower directories, limit is %d", maxStack)
		return linux.EINVAL
	}
	return c.resolveDefaults(fc)
}

// resolveDefaults is the second half of ovl_fs_params_verify: what the
// options imply for each other, and their conflicts (EINVAL).
func (c *config) resolveDefaults(fc *vfs.FsContext) error {
	set := c.set
	if c.redirect == "off" || c.redirect == "" {
		c.redirect = "follow" // CONFIG_OVERLAY_FS_REDIRECT_ALWAYS_FOLLOW
	}
	if c.upper == nil {
		c.index, c.volatile = false, false
		if c.uuid == "on" {
			c.uuid = "null"
		}
		if c.redirect == "follow" {
			c.redirect = "on" // nothing to redirect: follow is on
		}
	}
	if c.metacopy && c.redirect != "on" {
		switch {
		case set["metacopy"] && set["redirect_dir"]:
			fc.Logf("overlayfs: conflicting options: metacopy=on,redirect_dir=%s", c.redirect)
			return linux.EINVAL
		case set["redirect_dir"]:
			c.metacopy = false
		default:
			c.redirect = "on"
		}
	}
	if c.nfs && !c.index {
		switch {
		case c.upper == nil && c.redirect != "nofollow":
			c.nfs = false
		case set["nfs_export"] && set["index"]:
			fc.Logf("overlayfs: conflicting options: nfs_export=on,index=off")
			return linux.EINVAL
		case set["index"]:
			c.nfs = false
		default:
			c.index = true
		}
	}
	if c.nfs && c.metacopy {
		if set["nfs_export"] && set["metacopy"] {
			fc.Logf("overlayfs: conflicting options: nfs_export=on,metacopy=on")
			return linux.EINVAL
		}
		if set["metacopy"] {
			c.nfs = false
		} else {
			c.metacopy = false
		}
	}
	if c.userxat {
		if set["redirect_dir"] && c.redirect != "nofollow" {
			fc.Logf("overlayfs: conflicting options: userxattr,redirect_dir=%s", c.redirect)
			return linux.EINVAL
		}
		if c.metacopy && set["metacopy"] {
			fc.Logf("overlayfs: conflicting options: userxattr,metacopy=on")
			return linux.EINVAL
		}
		c.redirect, c.metacopy = "nofollow", false
	}
	return nil
}

// hasRegularLower reports whether some lower layer is not data-only.
func (c *config) hasRegularLower() bool {
	for _, l := range c.lowers {
		if !l.data {
			return true
		}
	}
	return false
}

// GetTree is ovl_get_tree → ovl_fill_super.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	c := fc.FsPrivate.(*config)
	if err := c.verify(fc); err != nil {
		return err
	}
	o := &ofs{cfg: *c, xattr: "trusted.overlay.", creator: fc.Cred}
	if c.userxat {
		o.xattr = "user.overlay."
	}
	if err := o.checkLayers(fc); err != nil {
		return err
	}
	if c.upper == nil {
		fc.SbFlags |= linux.SB_RDONLY
	}
	if err := o.cloneLayers(); err != nil {
		o.release(fc.Kernel)
		return err
	}
	if err := o.markInUse(fc); err != nil {
		o.release(fc.Kernel)
		return err
	}
	if err := o.makeWorkdir(fc); err != nil {
		o.release(fc.Kernel)
		return err
	}
	if c.upper != nil && c.uuid == "auto" {
		o.cfg.uuid = "on"
	}
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		o.release(fc.Kernel)
		return err
	}
	o.sb = sb
	sb.Private = o
	root := o.rootNode()
	sb.SetRoot(vfs.NewRootDentry(o.newInode(root)))
	fc.Root = sb.Root()
	return nil
}

// checkLayers is the layer checks of ovl_get_upper, ovl_get_workdir and
// ovl_get_lowerstack: upper and work on one mount in separate subtrees,
// and no layer the same as, or below, another.
func (o *ofs) checkLayers(fc *vfs.FsContext) error {
	c := &o.cfg
	var taken []*vfs.Dentry
	if c.upper != nil {
		up, work := c.upper.path, c.work.path
		if up.Mnt != work.Mnt {
			fc.Logf("overlayfs: workdir and upperdir must reside under the same mount")
			return linux.EINVAL
		}
		if up.Dentry == work.Dentry || up.Dentry.IsAncestorOf(work.Dentry) || work.Dentry.IsAncestorOf(up.Dentry) {
			fc.Logf("overlayfs: workdir and upperdir must be separate subtrees")
			return linux.EINVAL
		}
		o.upper = &c.upper.path
		taken = append(taken, up.Dentry, work.Dentry)
	}
	for _, l := range c.lowers {
		d := l.path.Dentry
		for _, t := range taken {
			if t == d {
				fc.Logf("overlayfs: conflicting lowerdir path")
				return linux.ELOOP
			}
		}
		taken = append(taken, d)
		if !l.data {
			o.lowers = append(o.lowers, l.path)
		}
	}
	// ovl_check_overlapping_layers: no lower layer lies below another
	// layer's directory, whichever comes first.
	for _, l := range c.lowers {
		for _, t := range taken {
			if t != l.path.Dentry && t.IsAncestorOf(l.path.Dentry) {
				fc.Logf("overlayfs: overlapping lowerdir path")
				return linux.ELOOP
			}
		}
	}
	return nil
}

// cloneLayers replaces each layer's mount by a private clone of it
// (ovl_get_upper and ovl_get_layers use clone_private_mount): the
// overlay keeps its layers when their mounts go.
func (o *ofs) cloneLayers() error {
	if o.upper != nil {
		up, err := vfs.ClonePrivateMount(*o.upper)
		if err != nil {
			return err
		}
		o.upper = &up
		o.clones = append(o.clones, up.Mnt)
	}
	for i, l := range o.lowers {
		c, err := vfs.ClonePrivateMount(l)
		if err != nil {
			return err
		}
		o.lowers[i] = c
		o.clones = append(o.clones, c.Mnt)
	}
	return nil
}

// release lets go of what a mount took: the in-use marks and the
// layers' private mounts.
func (o *ofs) release(k *vfs.Kernel) {
	o.unmark(k)
	for _, m := range o.clones {
		vfs.DropPrivateMount(m)
	}
	o.clones = nil
}

// markInUse is ovl_inuse_trylock on the upper and work directories: a
// second overlay over them is refused with index=on, else warned about.
func (o *ofs) markInUse(fc *vfs.FsContext) error {
	if o.upper == nil {
		return nil
	}
	u := inUseOf(fc.Kernel)
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, l := range []struct {
		name string
		d    *vfs.Dentry
	}{{"upperdir", o.upper.Dentry}, {"workdir", o.cfg.work.path.Dentry}} {
		if !u.dirs[l.d] {
			u.dirs[l.d] = true
			o.marked = append(o.marked, l.d)
			continue
		}
		if o.cfg.index {
			fc.Logf("overlayfs: %s is in-use as upperdir/workdir of another mount, mount with '-o index=off' to override exclusive upperdir protection.", l.name)
			for _, d := range o.marked {
				delete(u.dirs, d)
			}
			o.marked = nil
			return linux.EBUSY
		}
		fc.Warnf("overlayfs: %s is in-use as upperdir/workdir of another mount, accessing files from both mounts will result in undefined behavior.", l.name)
	}
	return nil
}

func (o *ofs) unmark(k *vfs.Kernel) {
	u := inUseOf(k)
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, d := range o.marked {
		delete(u.dirs, d)
	}
	o.marked = nil
}

// makeWorkdir is ovl_make_workdir: a fresh "work" directory (mode 0) in
// the work base, "index" beside it with index=on, and the volatile
// marker that keeps the next mount out until it is removed.
func (o *ofs) makeWorkdir(fc *vfs.FsContext) error {
	if o.upper == nil {
		return nil
	}
	base := o.cfg.work.path.Dentry
	if old, err := vfs.LookupOne(base, "work"); err == nil {
		if _, err := vfs.LookupOne(old, "incompat"); err == nil {
			fc.Logf("overlayfs: overlay with incompat feature 'volatile' cannot be mounted")
			return linux.EINVAL
		}
		if err := o.clearTree(base, "work"); err != nil {
			return err
		}
	}
	dirAttr := vfs.InodeAttr{Mode: linux.S_IFDIR}
	work, err := vfs.CreateInternal(base, "work", dirAttr, "")
	if err != nil {
		return err
	}
	o.workdir = work
	if o.cfg.index {
		if _, err := vfs.LookupOne(base, "index"); err != nil {
			if _, err := vfs.CreateInternal(base, "index", dirAttr, ""); err != nil {
				return err
			}
		}
	}
	if o.cfg.volatile {
		d := work
		for _, name := range []string{"incompat", "volatile"} {
			if d, err = vfs.CreateInternal(d, name, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o755}, ""); err != nil {
				return err
			}
		}
		if _, err := vfs.CreateInternal(d, "dirty", vfs.InodeAttr{Mode: linux.S_IFREG | 0o644}, ""); err != nil {
			return err
		}
	}
	return nil
}

// clearTree removes name in dir and everything below it
// (ovl_workdir_cleanup).
func (o *ofs) clearTree(dir *vfs.Dentry, name string) error {
	d, err := vfs.LookupOne(dir, name)
	if err != nil {
		return err
	}
	if d.Inode().IsDir() {
		ents, err := vfs.ReadDirInternal(vfs.Path{Mnt: o.upper.Mnt, Dentry: d}, o.creator)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if err := o.clearTree(d, e.Name); err != nil {
				return err
			}
		}
	}
	return vfs.RemoveInternal(dir, name, d.Inode().IsDir())
}

type superOps struct{}

// escapeOption is seq_show_option's escaping of a value: the bytes that
// would split or end the option list, and backslash, in octal.
func escapeOption(s string) string {
	if !strings.ContainsAny(s, ",= \t\n\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ',', '=', ' ', '\t', '\n', '\\':
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ShowOptions is ovl_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	o := sb.Private.(*ofs)
	c := &o.cfg
	if c.legacy != "" {
		b.WriteString(",lowerdir=" + escapeOption(c.legacy))
	} else {
		for _, l := range c.lowers {
			key := "lowerdir+"
			if l.data {
				key = "datadir+"
			}
			b.WriteString("," + key + "=" + escapeOption(l.spec))
		}
	}
	if c.upper != nil {
		b.WriteString(",upperdir=" + escapeOption(c.upper.spec) + ",workdir=" + escapeOption(c.work.spec))
	}
	if c.defPerms {
		b.WriteString(",default_permissions")
	}
	if c.redirect != "follow" {
		b.WriteString(",redirect_dir=" + c.redirect)
	}
	if c.index {
		b.WriteString(",index=on")
	}
	if c.uuid != "auto" {
		b.WriteString(",uuid=" + c.uuid)
	}
	if c.nfs {
		b.WriteString(",nfs_export=on")
	}
	if c.metacopy {
		b.WriteString(",metacopy=on")
	}
	if c.volatile {
		b.WriteString(",fsync=volatile")
	}
	if c.userxat {
		b.WriteString(",userxattr")
	}
}

// Statfs is ovl_statfs: the upper layer's numbers (or the first lower
// layer's) under overlayfs's magic.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	o := sb.Private.(*ofs)
	p := o.lowers[0]
	if o.upper != nil {
		p = *o.upper
	}
	layerSb := p.Superblock()
	st, err := layerSb.Ops.Statfs(layerSb)
	if err != nil {
		return st, err
	}
	st.Type = Magic
	return st, nil
}

// KillSuper lets the upper and work directories be used again and the
// layers' mounts go (ovl_free_fs).
func (superOps) KillSuper(sb *vfs.Superblock) {
	if o, ok := sb.Private.(*ofs); ok {
		o.release(sb.Kernel())
	}
}

// String names the overlay in panics and test failures.
func (o *ofs) String() string { return fmt.Sprintf("overlay(%d lowers)", len(o.lowers)) }
