// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Cred is a task's credentials (struct cred). Creds are immutable once
// published; changing a task's credentials installs a new Cred
// (prepare_creds/commit_creds).
//
// IDs are kernel IDs (kuid_t, kgid_t): the values the initial user
// namespace sees. What a task in another user namespace sees is mapped at
// the system-call boundary (from_kuid_munged).
type Cred struct {
	UID, GID   uint32 // real
	EUID, EGID uint32 // effective
	SUID, SGID uint32 // saved
	FSUID      uint32 // used for filesystem access checks
	FSGID      uint32
	Groups     []uint32 // supplementary groups
	Effective  linux.CapSet
	Permitted  linux.CapSet
	// Inheritable, Bounding and Ambient are the other capability sets.
	Inheritable linux.CapSet
	Bounding    linux.CapSet
	Ambient     linux.CapSet
	// Securebits are prctl's SECBIT_* flags.
	Securebits uint32
	// UserNS is the user namespace the credentials belong to; nil is the
	// kernel's initial one.
	UserNS *UserNamespace
}

// RootCred returns the credentials of init: uid 0 with every capability.
func RootCred() *Cred {
	return &Cred{Effective: linux.AllCaps, Permitted: linux.AllCaps, Bounding: linux.AllCaps}
}

// UserCred returns unprivileged credentials for uid/gid.
func UserCred(uid, gid uint32, groups ...uint32) *Cred {
	return &Cred{UID: uid, GID: gid, EUID: uid, EGID: gid, SUID: uid, SGID: gid,
		FSUID: uid, FSGID: gid, Groups: slices.Clone(groups), Bounding: linux.AllCaps}
}

// HasCap reports whether c has capability cap over the initial user
// namespace (capable).
func (c *Cred) HasCap(cap linux.Capability) bool { return c.NsCapable(nil, cap) }

// NsCapable reports whether c has capability cap over the user namespace
// ns, nil being the initial one (ns_capable; the rule is cap_capable's).
// Credentials hold capabilities only over their own namespace and the
// namespaces below it; below it, the one child of c's namespace on the
// way down to ns decides: its creator has every capability in it and
// everything under it, anyone else in c's namespace has what c's
// effective set says.
func (c *Cred) NsCapable(ns *UserNamespace, cap linux.Capability) bool {
	own := c.UserNS
	if ns.Level() < own.Level() {
		return false
	}
	if ns.Level() == own.Level() {
		return sameUserNS(ns, own) && c.Effective.Has(cap)
	}
	child := ns.ancestorAt(own.Level() + 1)
	if !sameUserNS(child.parent, own) {
		return false // ns is not below c's namespace
	}
	return child.owner == c.EUID || c.Effective.Has(cap)
}

// InGroup reports whether gid is the fsgid or a supplementary group
// (in_group_p).
func (c *Cred) InGroup(gid uint32) bool {
	return c.FSGID == gid || slices.Contains(c.Groups, gid)
}

// Namespace returns c's user namespace, nil being the initial one.
func (c *Cred) Namespace() *UserNamespace { return c.UserNS }

// capableWrtInode is capable_wrt_inode_uidgid: cap over the caller's own
// user namespace, and the inode's owner and group mapped in it.
func (c *Cred) capableWrtInode(im *mntIdmap, in *Inode, cap linux.Capability) bool {
	return c.NsCapable(c.UserNS, cap) && privilegedWrtInode(c.UserNS, im, in)
}

// privilegedWrtInode is privileged_wrt_inode_uidgid: the inode's owner and
// group, as seen through the mount, are mapped in ns.
func privilegedWrtInode(ns *UserNamespace, im *mntIdmap, in *Inode) bool {
	uid, uok := im.inodeUID(in)
	gid, gok := im.inodeGID(in)
	return uok && gok && ns.HasUID(uid) && ns.HasGID(gid)
}
