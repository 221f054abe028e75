// SPDX-License-Identifier: Apache-2.0

package overlay

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mergedEntry is one name of a merged listing (struct ovl_cache_entry).
type mergedEntry struct {
	vfs.Dirent
	whiteout bool
	layer    int // the topmost layer with the name, 0 the first listed
}

// layersOf lists a directory's real directories, upper first.
func (n *node) layersOf() []vfs.Path {
	var out []vfs.Path
	if up := n.upperDentry(); up != nil {
		out = append(out, vfs.Path{Mnt: n.o.upper.Mnt, Dentry: up})
	}
	for _, l := range n.lowerList() {
		out = append(out, l.Path)
	}
	return out
}

// merged is ovl_dir_read_merged: the names of every layer, each once as
// its topmost layer has it, whiteouts marked. The lowest layer's names
// come first, in its order, then the others' from the top down, as the
// kernel's cache list has them. A copied-up entry shows its lower
// object's inode number, as stat does (ovl_cache_update).
func (o *ofs) merged(n *node) ([]mergedEntry, error) {
	layers := n.layersOf()
	hasUpper := n.upperDentry() != nil
	index := map[string]int{}
	var all []mergedEntry
	var front []int // entries the lowest layer has, in its order
	for i, p := range layers {
		ents, err := vfs.ReadDirInternal(p, o.creator)
		if err != nil {
			return nil, err
		}
		lowest := i == len(layers)-1 && i > 0
		for _, e := range ents {
			j, ok := index[e.Name]
			if !ok {
				j = len(all)
				index[e.Name] = j
				all = append(all, mergedEntry{Dirent: e, whiteout: o.direntWhiteout(p, e, i > 0 || !hasUpper)})
			}
			if ok && i == 0 {
				continue
			}
			if !ok {
				all[j].layer = i
			}
			if lowest {
				front = append(front, j)
			}
		}
	}
	if hasUpper {
		for j := range all {
			if all[j].layer == 0 {
				o.fixIno(layers[0], &all[j].Dirent)
			}
		}
	}
	out := make([]mergedEntry, 0, len(all))
	moved := make(map[int]bool, len(front))
	for _, j := range front {
		if !moved[j] {
			moved[j] = true
			out = append(out, all[j])
		}
	}
	for j, e := range all {
		if !moved[j] {
			out = append(out, e)
		}
	}
	return out, nil
}

// direntWhiteout reports whether a listed entry is a whiteout: a 0:0
// character device, or in a lower layer a marked empty file.
func (o *ofs) direntWhiteout(dir vfs.Path, e vfs.Dirent, lower bool) bool {
	if e.Type != linux.DT_CHR && !(e.Type == linux.DT_REG && lower) {
		return false
	}
	c, err := vfs.LookupOne(dir.Dentry, e.Name)
	if err != nil {
		return false
	}
	if e.Type == linux.DT_REG {
		// Listings hide marked files only in lower directories marked
		// overlay.whiteouts (ovl_fill_merge with xwhiteouts).
		if _, err := vfs.GetxattrInternal(dir.Dentry.Inode(), o.xattr+"whiteouts"); err != nil {
			return false
		}
	}
	return o.isWhiteout(c.Inode())
}

// fixIno gives an upper entry that was copied up its lower object's
// number, as stat shows it (ovl_cache_update for impure directories).
func (o *ofs) fixIno(dir vfs.Path, e *vfs.Dirent) {
	if e.Type == linux.DT_CHR {
		return
	}
	c, err := vfs.LookupOne(dir.Dentry, e.Name)
	if err != nil {
		return
	}
	if ino, ok := o.originIno(c.Inode()); ok {
		e.Ino = ino
	}
}

// isEmptyDir is ovl_check_empty_dir: nothing but whiteouts.
func (o *ofs) isEmptyDir(in *vfs.Inode) (bool, error) {
	ents, err := o.merged(nodeOf(in))
	if err != nil {
		return false, err
	}
	for _, e := range ents {
		if !e.whiteout {
			return false, nil
		}
	}
	return true, nil
}

// ReadDir is ovl_iterate: a directory in one layer lists as that layer
// does; a merged one lists its merged names without the whiteouts.
func (fops fileOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) {
	n := nodeOf(f.Inode())
	if !n.isMerge() {
		ents, err := vfs.ReadDirInternal(n.realPath(), fops.o.creator)
		if err != nil {
			return nil, err
		}
		for i := range ents {
			if n.upperDentry() != nil {
				fops.o.fixIno(n.realPath(), &ents[i])
			}
			ents[i].Off = uint64(len(ents) - i + 2)
		}
		return ents, nil
	}
	all, err := fops.o.merged(n)
	if err != nil {
		return nil, err
	}
	var out []vfs.Dirent
	for _, e := range all {
		if !e.whiteout {
			out = append(out, e.Dirent)
		}
	}
	for i := range out {
		out[i].Off = uint64(len(out) - i + 2)
	}
	return out, nil
}
