// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// Access masks (MAY_*).
const (
	MAY_EXEC   = 1
	MAY_WRITE  = 2
	MAY_READ   = 4
	MAY_APPEND = 8
)

// generic_permission: the owner, group or other permission bits, then the
// capabilities that override them.
func genericPermission(c *Cred, im *mntIdmap, in *Inode, mask int) error {
	mode := in.Mode()
	m := mode
	if uid, ok := im.inodeUID(in); ok && c.FSUID == uid {
		m >>= 6
	} else if gid, ok := im.inodeGID(in); ok && c.InGroup(gid) {
		m >>= 3
	}
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC
	if uint32(mask)&^m&7 == 0 {
		return nil
	}
	if mode&linux.S_IFMT == linux.S_IFDIR {
		if mask&MAY_WRITE == 0 && c.capableWrtInode(im, in, linux.CAP_DAC_READ_SEARCH) {
			return nil
		}
		if c.capableWrtInode(im, in, linux.CAP_DAC_OVERRIDE) {
			return nil
		}
		return linux.EACCES
	}
	if mask == MAY_READ && c.capableWrtInode(im, in, linux.CAP_DAC_READ_SEARCH) {
		return nil
	}
	if (mask&MAY_EXEC == 0 || mode&0o111 != 0) && c.capableWrtInode(im, in, linux.CAP_DAC_OVERRIDE) {
		return nil
	}
	return linux.EACCES
}

// inodePermission is inode_permission: EROFS for writing to a read-only
// superblock, EPERM for writing to an immutable inode, EACCES for
// writing to an inode whose owner or group the mount does not map
// (HAS_UNMAPPED_ID: its times could not be written back with valid ids),
// whatever the caller's capabilities; then
// generic_permission.
func inodePermission(c *Cred, im *mntIdmap, in *Inode, mask int) error {
	if mask&MAY_WRITE != 0 && in.sb.ReadOnly() {
		switch in.Mode() & linux.S_IFMT {
		case linux.S_IFREG, linux.S_IFDIR, linux.S_IFLNK:
			return linux.EROFS
		}
	}
	if mask&MAY_WRITE != 0 && in.isImmutable() {
		return linux.EPERM
	}
	if mask&MAY_WRITE != 0 && ownerValidThrough(im, in) != nil {
		return linux.EACCES
	}
	if p := in.perm; p != nil {
		if decided, err := p.Permission(c, in, mask); decided {
			return err
		}
	}
	return genericPermission(c, im, in, mask)
}

// mayLookup is may_lookup: search permission on a directory the walk goes
// through. A directory every class may search needs no owner, group or
// capability test (generic_permission would grant MAY_EXEC from whichever
// class applies, and a search never writes), so the common case is one
// load of the mode, unless the filesystem decides itself (->permission,
// as procfs's hidepid= does: no IOP_FASTPERM).
func mayLookup(c *Cred, p Path) error {
	in := p.Dentry.inode
	if in.Mode()&0o111 == 0o111 && in.perm == nil {
		return nil
	}
	return inodePermission(c, p.Mnt.idmap(), in, MAY_EXEC)
}

// Permissioner is implemented by inode operations that decide access to
// some of their inodes themselves (->permission); decided false leaves it
// to generic_permission.
type Permissioner interface {
	Permission(c *Cred, in *Inode, mask int) (decided bool, err error)
}

// isOwner is inode_owner_or_capable: the caller owns the inode or has
// CAP_FOWNER.
func isOwner(c *Cred, im *mntIdmap, in *Inode) bool {
	if uid, ok := im.inodeUID(in); ok && c.FSUID == uid {
		return true
	}
	return c.capableWrtInode(im, in, linux.CAP_FOWNER)
}

// checkSticky is check_sticky: in a sticky directory only the owner of the
// file or of the directory (or CAP_FOWNER) may remove or rename it.
func checkSticky(c *Cred, im *mntIdmap, dir, in *Inode) bool {
	if dir.Mode()&linux.S_ISVTX == 0 {
		return false
	}
	if uid, ok := im.inodeUID(in); ok && c.FSUID == uid {
		return false
	}
	if uid, ok := im.inodeUID(dir); ok && c.FSUID == uid {
		return false
	}
	return !c.capableWrtInode(im, in, linux.CAP_FOWNER)
}

// mayDelete is may_delete: victim (named in dir) may be removed by c.
func mayDelete(c *Cred, im *mntIdmap, dir *Dentry, victim *Dentry, isDir bool) error {
	in := victim.Inode()
	if err := inodePermission(c, im, dir.Inode(), MAY_WRITE|MAY_EXEC); err != nil {
		return err
	}
	if dir.Inode().isAppend() || in.immutableOrAppend() {
		return linux.EPERM
	}
	if checkSticky(c, im, dir.Inode(), in) {
		return linux.EPERM
	}
	if isDir {
		if !in.IsDir() {
			return linux.ENOTDIR
		}
		if victim.IsRoot() {
			return linux.EBUSY
		}
	} else if in.IsDir() {
		return linux.EISDIR
	}
	return nil
}

// mayCreateLocked is may_create: c may add a name to dir. dir.mu is held.
func mayCreateLocked(c *Cred, im *mntIdmap, dir *Dentry) error {
	if err := mayCreateBeforePermLocked(c, im, dir); err != nil {
		return err
	}
	return inodePermission(c, im, dir.Inode(), MAY_WRITE|MAY_EXEC)
}

// mayCreateBeforePermLocked is may_create's checks before
// inode_permission, for a caller that has just checked the same
// permission on dir (a rename within one directory, after may_delete).
func mayCreateBeforePermLocked(c *Cred, im *mntIdmap, dir *Dentry) error {
	if dir.dead {
		return linux.ENOENT
	}
	if !im.fsuidgidHasMapping(dir.Inode().sb, c) {
		return linux.EOVERFLOW
	}
	return nil
}
