// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Cred is a task's credentials (struct cred). Creds are immutable once
// published; changing a task's credentials installs a new Cred
// (prepare_creds/commit_creds).
type Cred struct {
	UID, GID   uint32 // real
	EUID, EGID uint32 // effective
	FSUID      uint32 // used for filesystem access checks
	FSGID      uint32
	Groups     []uint32 // supplementary groups
	Effective  linux.CapSet
	Permitted  linux.CapSet
}

// RootCred returns the credentials of init: uid 0 with every capability.
func RootCred() *Cred {
	return &Cred{Effective: linux.AllCaps, Permitted: linux.AllCaps}
}

// UserCred returns unprivileged credentials for uid/gid.
func UserCred(uid, gid uint32, groups ...uint32) *Cred {
	return &Cred{UID: uid, GID: gid, EUID: uid, EGID: gid, FSUID: uid, FSGID: gid,
		Groups: slices.Clone(groups)}
}

// HasCap reports whether c has capability cap in its effective set
// (capable / ns_capable in the initial user namespace).
func (c *Cred) HasCap(cap linux.Capability) bool { return c.Effective.Has(cap) }

// InGroup reports whether gid is the fsgid or a supplementary group
// (in_group_p).
func (c *Cred) InGroup(gid uint32) bool {
	return c.FSGID == gid || slices.Contains(c.Groups, gid)
}
