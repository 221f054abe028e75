// SPDX-License-Identifier: Apache-2.0

package vfs

// DentryOps is the name part of struct dentry_operations, set by a
// filesystem for all its dentries (s_d_op): names that differ in their
// bytes but that the filesystem takes for one name (vfat's case, msdos's
// 8.3 form) are one child in the dcache.
type DentryOps struct {
	// Key is d_hash and d_compare in one: two names are the same child
	// when their keys are equal. The dentry keeps the spelling of the
	// lookup that made it, as the kernel's keeps its d_name, so later
	// lookups by another spelling show the first one in d_path.
	Key func(name string) string
	// MayHaveAlias reports whether a lookup's inode may already be
	// cached in the directory under a name with another key (vfat:
	// the long name and its 8.3 alias). If so, the lookup reuses that
	// dentry, renamed to the name looked up unless it is a directory,
	// as vfat_lookup does after d_find_alias. Nil: never.
	MayHaveAlias func(in *Inode) bool
}

// dops is the superblock's DentryOps of a directory's children, or nil.
func (d *Dentry) dops() *DentryOps {
	if in := d.inode; in != nil && in.sb != nil {
		return in.sb.DOps
	}
	return nil
}

// key is the name a child is hashed under in d: name itself unless the
// filesystem folds names.
func (d *Dentry) key(name string) string {
	if o := d.dops(); o != nil {
		return o.Key(name)
	}
	return name
}

// reuseAliasLocked is the alias step of vfat_lookup: the cached child of
// d that already stands for in, moved to name unless it is a directory;
// nil if there is none. d.mu held for writing.
func (d *Dentry) reuseAliasLocked(name string, in *Inode) *Dentry {
	o := d.dops()
	if o == nil || o.MayHaveAlias == nil || !o.MayHaveAlias(in) {
		return nil
	}
	tb := d.table.Load()
	if tb == nil {
		return nil
	}
	for i := range tb.slots {
		e := tb.slots[i].Load()
		if e == nil || e == tombstone || e.self.inode != in {
			continue
		}
		c := e.self
		if !in.IsDir() {
			d.moveLocked(c.Name(), c, d, name)
		}
		return c
	}
	return nil
}
