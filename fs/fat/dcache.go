// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// How the dcache compares FAT names. vfat and msdos set dentry
// operations on the superblock (s_d_op), so the dcache takes names for
// one that the kernel's d_hash and d_compare take for one, and a dentry
// keeps the spelling of the lookup that made it.

// dentryOps is the s_d_op vfat's setup or msdos's sets: vfat_ci_dentry_ops
// (vfat_dentry_ops with check=strict) or msdos_dentry_operations.
func (fs *filesystem) dentryOps() *vfs.DentryOps {
	if !fs.opts.vfat {
		return &vfs.DentryOps{Key: fs.msdosKey}
	}
	return &vfs.DentryOps{Key: fs.vfatKey, MayHaveAlias: func(in *vfs.Inode) bool {
		return in.Private.(*node).lookups.Load() > 1
	}}
}

// vfatKey is vfat_hashi and vfat_cmpi: trailing dots do not count, and
// case does not either (per byte, by iocharset's lower-case table)
// unless check=strict (vfat_hash and vfat_cmp).
func (fs *filesystem) vfatKey(name string) string {
	n := len(name)
	for n > 0 && name[n-1] == '.' {
		n--
	}
	name = name[:n]
	if fs.opts.nameCheck == 's' {
		return name
	}
	for i := 0; i < len(name); i++ {
		if fs.io.lower(name[i]) != name[i] {
			b := []byte(name)
			for j := i; j < len(b); j++ {
				b[j] = fs.io.lower(b[j])
			}
			return string(b)
		}
	}
	return name
}

// msdosKey is msdos_hash and msdos_cmp: a name stands for its formatted
// 8.3 form (so "x.txt", "X.TXT" and, with dots, ".x.txt" are one name),
// or for itself if it has none. The formatted key begins with a slash,
// which no name holds, so it never equals an unformatted one.
func (fs *filesystem) msdosKey(name string) string {
	if f, ok := fs.msdosFormat([]byte(name)); ok {
		return "/" + string(f[:])
	}
	return name
}

// lookupMsdos is msdos_lookup. With dots, a name and the same name with
// a leading dot are one name to the dcache, but msdos_find tells them
// apart by ATTR_HIDDEN; whichever was looked up first answers for both,
// a miss included (the kernel keeps it as a negative dentry). This
// dcache holds no negative dentries, so the directory remembers its
// misses itself; the volume is read-only, so a miss never goes stale.
func (fs *filesystem) lookupMsdos(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	d := dir.Private.(*node)
	key := ""
	if fs.opts.dotsOK {
		key = fs.msdosKey(name)
		d.mu.Lock()
		missed := d.missed[key]
		d.mu.Unlock()
		if missed {
			return nil, linux.ENOENT
		}
	}
	e, ok := fs.findMsdos(d.raw, name)
	if !ok {
		if fs.opts.dotsOK {
			d.mu.Lock()
			if d.missed == nil {
				d.missed = make(map[string]bool)
			}
			d.missed[key] = true
			d.mu.Unlock()
		}
		return nil, linux.ENOENT
	}
	return fs.buildInode(dir.Superblock(), e.raw, e.ipos)
}

// lookupVfat is vfat_lookup up to d_find_alias, which the VFS does with
// DentryOps.MayHaveAlias: an inode looked up before may be cached under
// its other name (long name or 8.3 alias).
func (fs *filesystem) lookupVfat(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	e, ok := fs.findVfat(fs.listing(dir), name)
	if !ok {
		return nil, linux.ENOENT
	}
	in, err := fs.buildInode(dir.Superblock(), e.raw, e.ipos)
	if err != nil {
		return nil, err
	}
	in.Private.(*node).lookups.Add(1)
	return in, nil
}
