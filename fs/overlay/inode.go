// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"strconv"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// layerObj is an object in one layer: its dentry and the mount it is on.
type layerObj struct {
	vfs.Path
}

// node is an overlay inode's private part (struct ovl_inode with its
// ovl_entry): the object in the upper layer, once there is one, and the
// lower objects below it, all of them for a merged directory.
type node struct {
	o      *ofs
	mu     sync.Mutex
	upper  *vfs.Dentry // nil until copied up
	lowers []layerObj
	// parent and name are where copy-up puts the object: the overlay
	// directory it was last found or moved in.
	parent *vfs.Inode
	name   string
}

func nodeOf(in *vfs.Inode) *node { return in.Private.(*node) }

// upperDentry returns the upper object, nil if there is none yet.
func (n *node) upperDentry() *vfs.Dentry {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.upper
}

// realPath is the object the overlay shows: the upper one, else the
// first lower one (ovl_path_real).
func (n *node) realPath() vfs.Path {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.upper != nil {
		return vfs.Path{Mnt: n.o.upper.Mnt, Dentry: n.upper}
	}
	return n.lowers[0].Path
}

// lowerList returns the lower objects (fixed once looked up).
func (n *node) lowerList() []layerObj {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.lowers
}

// isMerge reports whether a directory shows more than one layer.
func (n *node) isMerge() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	layers := len(n.lowers)
	if n.upper != nil {
		layers++
	}
	return layers > 1
}

func (o *ofs) rootNode() *node {
	n := &node{o: o}
	for _, l := range o.lowers {
		n.lowers = append(n.lowers, layerObj{l})
	}
	if o.upper != nil {
		n.upper = o.upper.Dentry
	}
	return n
}

// newInode makes the overlay inode for n, with the real object's
// attributes.
func (o *ofs) newInode(n *node) *vfs.Inode {
	ri := n.realPath().Dentry.Inode()
	ino := ri.Ino()
	if up := n.upperDentry(); up == nil {
		ino = n.lowerList()[0].Dentry.Inode().Ino()
	} else if origin, ok := o.originIno(up.Inode()); ok {
		ino = origin // st_ino stays across copy-up
	}
	in := o.sb.NewInode(ino, vfs.InodeAttr{Mode: ri.Mode(), UID: ri.UID(), GID: ri.GID(), Rdev: ri.Rdev()}, inodeOps{o}, fileOps{o})
	in.Private = n
	refresh(in)
	return in
}

// refresh copies the real object's attributes into the overlay inode,
// its S_* flags too (ovl_copyflags).
func refresh(in *vfs.Inode) {
	n := nodeOf(in)
	ri := n.realPath().Dentry.Inode()
	in.SetModeOwner(ri.Mode(), ri.UID(), ri.GID())
	in.SetFlags(ri.Flags(), vfs.S_SYNC|vfs.S_NOATIME|vfs.S_APPEND|vfs.S_IMMUTABLE)
	in.SetNlink(nlinkOf(n, ri))
	in.Lock()
	in.SetSizeLocked(ri.Size())
	in.SetBlocksLocked(ri.BlocksLocked())
	ri.Lock()
	at, mt, ct := ri.TimesLocked()
	ri.Unlock()
	in.SetTimesLocked(at, mt, ct)
	in.Unlock()
}

// nlinkOf is ovl_getattr's link count: 1 for a merged directory, whose
// subdirectories nobody counted.
func nlinkOf(n *node, ri *vfs.Inode) uint32 {
	if ri.IsDir() && n.isMerge() {
		return 1
	}
	return ri.Nlink()
}

// isWhiteout is ovl_is_whiteout as lookup applies it: a 0:0 character
// device, or an empty regular file marked overlay.whiteout (Linux 6.7's
// xattr whiteouts), in any layer.
func (o *ofs) isWhiteout(in *vfs.Inode) bool {
	switch in.Mode() & linux.S_IFMT {
	case linux.S_IFCHR:
		return in.Rdev() == 0
	case linux.S_IFREG:
		if in.Size() != 0 {
			return false
		}
		_, err := vfs.GetxattrInternal(in, o.xattr+"whiteout")
		return err == nil
	}
	return false
}

// originIno is the inode number of the lower object an upper one was
// copied up from, which its overlay.origin records.
func (o *ofs) originIno(in *vfs.Inode) (uint64, bool) {
	v, err := vfs.GetxattrInternal(in, o.xattr+"origin")
	if err != nil {
		return 0, false
	}
	ino, err := strconv.ParseUint(string(v), 10, 64)
	return ino, err == nil
}

// isOpaque is ovl_is_opaquedir.
func (o *ofs) isOpaque(in *vfs.Inode) bool {
	v, err := vfs.GetxattrInternal(in, o.xattr+"opaque")
	return err == nil && string(v) == "y"
}

// lookupLayers is ovl_lookup: name in the directory dn, upper layer
// first, then down the lower layers while directories merge; an upper
// directory that was moved (redirect_dir) merges with the lower ones its
// overlay.redirect names.
func (o *ofs) lookupLayers(dn *node, dir *vfs.Inode, name string) (*node, error) {
	res := &node{o: o, parent: dir, name: name}
	probes := lowerProbes(dn.lowerList(), []string{name})
	if up := dn.upperDentry(); up != nil {
		d, err := vfs.LookupOne(up, name)
		switch {
		case err == linux.ENOENT:
		case err != nil:
			return nil, err
		case o.isWhiteout(d.Inode()):
			return nil, linux.ENOENT
		default:
			res.upper = d
			if !d.Inode().IsDir() || o.isOpaque(d.Inode()) {
				return res, nil
			}
			if to, ok := o.redirectOf(d.Inode()); ok {
				probes = o.redirectProbes(dn, to)
			}
		}
	}
	for _, pr := range probes {
		d, err := lookupPath(pr.Dentry, pr.names)
		if err == linux.ENOENT {
			continue
		}
		if err != nil {
			return nil, err
		}
		in := d.Inode()
		if o.isWhiteout(d.Inode()) {
			break
		}
		found := res.upper != nil || len(res.lowers) > 0
		if found && !in.IsDir() {
			break // a file below a directory ends the merge
		}
		res.lowers = append(res.lowers, layerObj{vfs.Path{Mnt: pr.Mnt, Dentry: d}})
		if !in.IsDir() || o.isOpaque(in) {
			break
		}
	}
	if res.upper == nil && len(res.lowers) == 0 {
		return nil, linux.ENOENT
	}
	return res, nil
}

// probe is where to look in one lower layer: names below a directory.
type probe struct {
	vfs.Path
	names []string
}

func lowerProbes(dirs []layerObj, names []string) []probe {
	out := make([]probe, len(dirs))
	for i, d := range dirs {
		out[i] = probe{d.Path, names}
	}
	return out
}

// redirectProbes are the lower places a redirect names: a name beside
// the directory, or a path from every lower layer's root.
func (o *ofs) redirectProbes(dn *node, to string) []probe {
	if !strings.HasPrefix(to, "/") {
		return lowerProbes(dn.lowerList(), []string{to})
	}
	names := strings.FieldsFunc(to, func(r rune) bool { return r == '/' })
	var out []probe
	for _, l := range o.lowers {
		out = append(out, probe{l, names})
	}
	return out
}

// lookupPath walks names below d in one layer.
func lookupPath(d *vfs.Dentry, names []string) (*vfs.Dentry, error) {
	for i, name := range names {
		c, err := vfs.LookupOne(d, name)
		if err != nil {
			return nil, err
		}
		if i < len(names)-1 && !c.Inode().IsDir() {
			return nil, linux.ENOENT
		}
		d = c
	}
	return d, nil
}

// redirectOf is the overlay.redirect of an upper directory, when the
// mount follows redirects.
func (o *ofs) redirectOf(in *vfs.Inode) (string, bool) {
	if o.cfg.redirect != "on" && o.cfg.redirect != "follow" {
		return "", false
	}
	v, err := vfs.GetxattrInternal(in, o.xattr+"redirect")
	if err != nil || len(v) == 0 {
		return "", false
	}
	return string(v), true
}

// lowerPositive is ovl_lower_positive: name exists below the upper
// layer of dn, so that removing it from the overlay needs a whiteout.
func (o *ofs) lowerPositive(dn *node, name string) bool {
	for _, l := range dn.lowerList() {
		d, err := vfs.LookupOne(l.Dentry, name)
		if err != nil {
			continue
		}
		return !o.isWhiteout(d.Inode())
	}
	return false
}

type inodeOps struct{ o *ofs }

// Lookup is ovl_lookup.
func (ops inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if len(name) > linux.NAME_MAX {
		return nil, linux.ENAMETOOLONG
	}
	n, err := ops.o.lookupLayers(nodeOf(dir), dir, name)
	if err != nil {
		return nil, err
	}
	return ops.o.newInode(n), nil
}

// Getattr is ovl_getattr: the real object's attributes, on the
// overlay's device; a copied-up file keeps its lower inode number.
func (ops inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	n := nodeOf(in)
	ri := n.realPath().Dentry.Inode()
	st.Mode = uint16(ri.Mode())
	st.UID, st.GID = ri.UID(), ri.GID()
	st.Nlink = nlinkOf(n, ri)
	st.Size, st.Blocks = ri.Size(), ri.BlocksLocked()
	ri.Lock()
	st.Atime, st.Mtime, st.Ctime = ri.TimesLocked()
	ri.Unlock()
}

// Readlink reads the real link.
func (ops inodeOps) Readlink(in *vfs.Inode) (string, error) {
	ri := nodeOf(in).realPath().Dentry.Inode()
	return ri.Ops.Readlink(ri)
}

// writable refuses changes to an overlay without an upper layer.
func (o *ofs) writable() error {
	if o.upper == nil {
		return linux.EROFS
	}
	return nil
}

// Truncate copies the file up and truncates the upper one.
func (ops inodeOps) Truncate(in *vfs.Inode, size int64) error {
	if err := ops.o.copyUp(in); err != nil {
		return err
	}
	up := nodeOf(in).upperDentry().Inode()
	if err := vfs.TruncateInternal(up, size); err != nil {
		return err
	}
	in.Lock()
	in.SetSizeLocked(up.Size())
	in.SetBlocksLocked(up.BlocksLocked())
	in.Unlock()
	return nil
}

// Setattr is ovl_setattr: copy up, then change the upper object. The
// VFS changes the overlay inode itself (and may hold its lock).
func (ops inodeOps) Setattr(in *vfs.Inode, a *vfs.Iattr) error {
	if err := ops.o.copyUp(in); err != nil {
		return err
	}
	return vfs.SetattrInternal(nodeOf(in).upperDentry().Inode(), a)
}
