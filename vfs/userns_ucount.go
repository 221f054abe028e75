// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// ucountSet is the part of a user namespace's ucounts this kernel keeps:
// how many user namespaces each user (kernel uid) has made directly in
// it, and the most it allows one user (ucount_max[UCOUNT_USER_NAMESPACES],
// sysctl user.max_user_namespaces as seen from inside it).
type ucountSet struct {
	mu    sync.Mutex
	byUID map[uint32]int64
	// max is the limit; -1 in the initial namespace until someone sets it
	// means the boot value, half of max_threads.
	max atomic.Int64
}

// init gives a new namespace its limit: create_user_ns starts every
// ucount_max at INT_MAX.
func (u *ucountSet) init() { u.max.Store(math.MaxInt32) }

// ucountMax returns the namespace's max_user_namespaces.
func (ns *UserNamespace) ucountMax() int64 {
	if v := ns.counts.max.Load(); v >= 0 {
		return v
	}
	return bootMaxUserNS(ns.k)
}

// bootMaxUserNS is what fork_init gives the initial namespace: half of
// max_threads, which set_max_threads derives from the memory size (one
// 16 KiB x86-64 kernel stack per eighth of RAM, at least 20 threads).
func bootMaxUserNS(k *Kernel) int64 {
	const threadSize = 16 << 10
	threads := max(int64(k.TotalRAMPages()*4096/(threadSize*8)), 20)
	threads = min(threads, 0x3fffffff) // FUTEX_TID_MASK
	return threads / 2
}

// ucountInc is atomic_long_inc_below on uid's count.
func (ns *UserNamespace) ucountInc(uid uint32) bool {
	lim := ns.ucountMax()
	u := &ns.counts
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byUID[uid] >= lim {
		return false
	}
	if u.byUID == nil {
		u.byUID = map[uint32]int64{}
	}
	u.byUID[uid]++
	return true
}

func (ns *UserNamespace) ucountDec(uid uint32) {
	u := &ns.counts
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byUID[uid]--; u.byUID[uid] <= 0 {
		delete(u.byUID, uid)
	}
}

// orInit returns ns, or the kernel's object for the initial namespace
// when ns is nil.
func (ns *UserNamespace) orInit(k *Kernel) *UserNamespace {
	if ns == nil {
		return k.initUserNS
	}
	return ns
}

// chargeUserNS is inc_user_namespaces (inc_ucount): a namespace made in
// ns by uid counts against uid in ns, then against ns's creator in ns's
// parent, and so on up to the initial namespace; each level refuses once
// its user has as many as the level's max_user_namespaces. Nothing is
// charged when a level refuses.
func (ns *UserNamespace) chargeUserNS(uid uint32) bool {
	who := uid
	for at := ns; at != nil; at = at.parent {
		if !at.ucountInc(who) {
			for back := ns; back != at; back = back.parent {
				back.ucountDec(uid)
				uid = back.owner
			}
			return false
		}
		who = at.owner
	}
	return true
}

// unchargeUserNS is dec_user_namespaces for a namespace uid made in ns.
func (ns *UserNamespace) unchargeUserNS(uid uint32) {
	for at := ns; at != nil; at = at.parent {
		at.ucountDec(uid)
		uid = at.owner
	}
}

// registerUserNSSysctls adds kernel/overflowuid and overflowgid (the ids
// from_kuid_munged shows for an unmapped kernel id), fs/overflowuid and
// overflowgid (what a filesystem with 16-bit ids stores for a larger id,
// fs_high2lowuid), all proc_dointvec_minmax over 0..65535, and
// user/max_user_namespaces, which is the opener's user namespace's.
func (k *Kernel) registerUserNSSysctls() {
	for _, v := range []*atomic.Uint32{&k.overflowUID, &k.overflowGID, &k.fsOverflowUID, &k.fsOverflowGID} {
		v.Store(DefaultOverflowID)
	}
	k.initUserNS.counts.max.Store(-1)
	old := func(path string, v *atomic.Uint32) Sysctl {
		return IntSysctl(path, false, func(*Task) int64 { return int64(v.Load()) }, func(_ *Task, n int64) error {
			if n < 0 || n > 65535 { // SYSCTL_MAXOLDUID
				return linux.EINVAL
			}
			v.Store(uint32(n))
			return nil
		})
	}
	maxNS := IntSysctl("user/max_user_namespaces", false,
		func(t *Task) int64 { return t.Cred().UserNS.orInit(k).ucountMax() },
		func(t *Task, n int64) error {
			if n < 0 {
				return linux.EINVAL
			}
			t.Cred().UserNS.orInit(k).counts.max.Store(n)
			return nil
		})
	maxNS.Access = ucountSysctlAccess
	for _, s := range []Sysctl{
		old("kernel/overflowuid", &k.overflowUID), old("kernel/overflowgid", &k.overflowGID),
		old("fs/overflowuid", &k.fsOverflowUID), old("fs/overflowgid", &k.fsOverflowGID),
		maxNS,
	} {
		if err := k.RegisterSysctl(s); err != nil {
			panic("vfs: sysctl " + s.Path + " registered twice")
		}
	}
}

// ucountSysctlAccess is set_permissions in kernel/ucount.c: whoever has
// CAP_SYS_RESOURCE over the opener's user namespace may read and write
// its limits, everyone else only read them.
func ucountSysctlAccess(c *Cred, mode uint32) uint32 {
	if c.NsCapable(c.UserNS, linux.CAP_SYS_RESOURCE) {
		mode = mode >> 6 & 7
	} else {
		mode &= 4
	}
	return mode<<6 | mode<<3 | mode
}

// FSOverflowIDs returns sysctl fs.overflowuid and fs.overflowgid, what
// fs_high2lowuid and fs_high2lowgid store for an id above 65535.
func (k *Kernel) FSOverflowIDs() (uid, gid uint32) {
	return k.fsOverflowUID.Load(), k.fsOverflowGID.Load()
}
