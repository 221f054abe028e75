// SPDX-License-Identifier: Apache-2.0

package vfs

import "fmt"

// Idmapped mounts (fs/mnt_idmapping.c). A mount made with
// MOUNT_ATTR_IDMAP shows its filesystem's owners through the id maps of a
// user namespace: an owner the filesystem stores as id N (as its own user
// namespace sees it) appears as the kernel id that namespace maps N to,
// and what a caller writes through the mount is mapped back. A nil
// *mntIdmap is the identity (nop_mnt_idmap).

// mntIdmap is struct mnt_idmap: the maps of the namespace the mount was
// idmapped with, as they were then.
type mntIdmap struct {
	ns       *UserNamespace
	uid, gid *IDMap
}

// newMntIdmap is alloc_mnt_idmap.
func newMntIdmap(ns *UserNamespace) *mntIdmap {
	return &mntIdmap{ns: ns, uid: ns.idMap(uidKind), gid: ns.idMap(gidKind)}
}

// idmap returns the mount's idmapping (mnt_idmap), nil for none.
func (m *Mount) idmap() *mntIdmap {
	if m == nil {
		return nil
	}
	return m.idmapping.Load()
}

// vfsUID is make_vfsuid for an id the filesystem of sb stores: ok is false
// for INVALID_VFSUID.
func (im *mntIdmap) vfsUID(sb *Superblock, kuid uint32) (uint32, bool) {
	if im == nil {
		return kuid, true
	}
	id, ok := sb.userNS.FromKUID(kuid)
	if !ok {
		return 0, false
	}
	return im.uid.down(id, 1)
}

// vfsGID is make_vfsgid.
func (im *mntIdmap) vfsGID(sb *Superblock, kgid uint32) (uint32, bool) {
	if im == nil {
		return kgid, true
	}
	id, ok := sb.userNS.FromKGID(kgid)
	if !ok {
		return 0, false
	}
	return im.gid.down(id, 1)
}

// fsUID is from_vfsuid: the kernel id to store for vfsuid, a kernel id as
// the caller sees it through the mount.
func (im *mntIdmap) fsUID(sb *Superblock, vfsuid uint32) (uint32, bool) {
	if im == nil {
		return vfsuid, true
	}
	id, ok := im.uid.up(vfsuid)
	if !ok {
		return 0, false
	}
	return sb.userNS.MakeKUID(id)
}

// fsGID is from_vfsgid.
func (im *mntIdmap) fsGID(sb *Superblock, vfsgid uint32) (uint32, bool) {
	if im == nil {
		return vfsgid, true
	}
	id, ok := im.gid.up(vfsgid)
	if !ok {
		return 0, false
	}
	return sb.userNS.MakeKGID(id)
}

// inodeUID is i_uid_into_vfsuid.
func (im *mntIdmap) inodeUID(in *Inode) (uint32, bool) { return im.vfsUID(in.sb, in.UID()) }

// inodeGID is i_gid_into_vfsgid.
func (im *mntIdmap) inodeGID(in *Inode) (uint32, bool) { return im.vfsGID(in.sb, in.GID()) }

// fsuidgidHasMapping is fsuidgid_has_mapping: c's fsuid and fsgid, mapped
// back through the mount, exist in the superblock's user namespace (a
// file created through the mount can be given an owner).
func (im *mntIdmap) fsuidgidHasMapping(sb *Superblock, c *Cred) bool {
	_, uok := im.fsUID(sb, c.FSUID)
	_, gok := im.fsGID(sb, c.FSGID)
	return uok && gok
}

// extentStrings is statmount_mnt_idmap: the mount's uid (or gid) extents
// as "first lower count", the lower ids as the caller's namespace sees
// them; an extent it cannot see whole is left out.
func (im *mntIdmap) extentStrings(kind idKind, caller *UserNamespace) []string {
	if im == nil {
		return nil
	}
	m := im.uid
	if kind == gidKind {
		m = im.gid
	}
	var out []string
	for _, e := range m.Extents {
		lower, ok := caller.idMap(kind).upRange(e.LowerFirst, e.Count)
		if ok {
			out = append(out, fmt.Sprintf("%d %d %d", e.First, lower, e.Count))
		}
	}
	return out
}
