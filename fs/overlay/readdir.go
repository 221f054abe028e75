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
// kernel's cache list has them.
func (o *ofs) merged(n *node) ([]mergedEntry, error) {
	layers := n.layersOf()
	seen := map[string]int{}
	var top, lowest []mergedEntry
	for i, p := range layers {
		ents, err := vfs.ReadDirInternal(p, o.creator)
		if err != nil {
			return nil, err
		}
		last := i == len(layers)-1 && i > 0
		for _, e := range ents {
			if j, ok := seen[e.Name]; ok {
				if last && j >= 0 {
					lowest = append(lowest, top[j])
					seen[e.Name] = -1 // moved to the front
				}
				continue
			}
			me := mergedEntry{Dirent: e}
			if e.Type == linux.DT_CHR || e.Type == linux.DT_REG && i < len(layers)-1 {
				if c, err := vfs.LookupOne(p.Dentry, e.Name); err == nil {
					me.whiteout = o.isWhiteout(c.Inode())
				}
			}
			if last {
				seen[e.Name] = -1
				lowest = append(lowest, me)
				continue
			}
			seen[e.Name] = len(top)
			top = append(top, me)
		}
	}
	out := lowest
	for _, e := range top {
		if seen[e.Name] >= 0 {
			out = append(out, e)
		}
	}
	return out, nil
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
