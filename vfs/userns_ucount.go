// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// ucountKind is an enum ucount_type this kernel counts: namespaces of
// the kinds it has.
type ucountKind int

const (
	ucUserNS ucountKind = iota
	ucPidNS
	ucUTSNS
	ucIPCNS
	ucMntNS
	ucountKinds
)

// ucountNames are the kinds' sysctls under user/.
var ucountNames = [ucountKinds]string{"max_user_namespaces", "max_pid_namespaces",
	"max_uts_namespaces", "max_ipc_namespaces", "max_mnt_namespaces"}

// ucountSet is the part of a user namespace's ucounts this kernel keeps:
// how many namespaces of each kind each user (kernel uid) has made
// directly in it, and the most it allows one user (ucount_max, the
// user.max_*_namespaces sysctls as seen from inside it).
type ucountSet struct {
	mu     sync.Mutex
	counts map[ucountKey]int64
	// max is the limits; -1 in the initial namespace until someone sets
	// one means the boot value, half of max_threads.
	max [ucountKinds]atomic.Int64
}

type ucountKey struct {
	uid  uint32
	kind ucountKind
}

// init gives a new namespace its limits: create_user_ns starts every
// ucount_max at INT_MAX.
func (u *ucountSet) init() {
	for i := range u.max {
		u.max[i].Store(math.MaxInt32)
	}
}

// ucountMax returns the namespace's limit for kind.
func (ns *UserNamespace) ucountMax(kind ucountKind) int64 {
	if v := ns.counts.max[kind].Load(); v >= 0 {
		return v
	}
	return bootMaxUserNS(ns.k)
}

// bootMaxUserNS is what fork_init gives the initial namespace's limits:
// half of max_threads, which set_max_threads derives from the memory
// size (one 16 KiB x86-64 kernel stack per eighth of RAM, at least 20
// threads).
func bootMaxUserNS(k *Kernel) int64 {
	const threadSize = 16 << 10
	threads := max(int64(k.TotalRAMPages()*4096/(threadSize*8)), 20)
	threads = min(threads, 0x3fffffff) // FUTEX_TID_MASK
	return threads / 2
}

// ucountInc is atomic_long_inc_below on uid's count of kind.
func (ns *UserNamespace) ucountInc(uid uint32, kind ucountKind) bool {
	lim := ns.ucountMax(kind)
	u := &ns.counts
	u.mu.Lock()
	defer u.mu.Unlock()
	key := ucountKey{uid, kind}
	if u.counts[key] >= lim {
		return false
	}
	if u.counts == nil {
		u.counts = map[ucountKey]int64{}
	}
	u.counts[key]++
	return true
}

func (ns *UserNamespace) ucountDec(uid uint32, kind ucountKind) {
	u := &ns.counts
	u.mu.Lock()
	defer u.mu.Unlock()
	key := ucountKey{uid, kind}
	if u.counts[key]--; u.counts[key] <= 0 {
		delete(u.counts, key)
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

// chargeUp is inc_ucount: a namespace of kind made in ns by uid counts
// against uid in ns, then against ns's creator in ns's parent, and so on
// up to the initial namespace; each level refuses once its user has as
// many as the level's limit. Nothing is charged when a level refuses.
func (ns *UserNamespace) chargeUp(uid uint32, kind ucountKind) bool {
	who := uid
	for at := ns; at != nil; at = at.parent {
		if !at.ucountInc(who, kind) {
			for back := ns; back != at; back = back.parent {
				back.ucountDec(uid, kind)
				uid = back.owner
			}
			return false
		}
		who = at.owner
	}
	return true
}

// unchargeUp is dec_ucount for a namespace of kind uid made in ns.
func (ns *UserNamespace) unchargeUp(uid uint32, kind ucountKind) {
	for at := ns; at != nil; at = at.parent {
		at.ucountDec(uid, kind)
		uid = at.owner
	}
}

// ucountCharge remembers what a namespace was charged to (its
// ->ucounts), for the uncharge when it is freed.
type ucountCharge struct {
	ns   *UserNamespace
	uid  uint32
	kind ucountKind
}

// chargeNs is inc_*_namespaces for a namespace of kind owned by owner
// that c makes: ENOSPC over the limit. c's euid is charged.
func (k *Kernel) chargeNs(c *nsCommon, owner *UserNamespace, euid uint32, kind ucountKind) error {
	ns := owner.orInit(k)
	if !ns.chargeUp(euid, kind) {
		return linux.ENOSPC
	}
	c.charged = ucountCharge{ns, euid, kind}
	return nil
}

// uncharge is dec_*_namespaces when a charged namespace is freed.
func (c *nsCommon) uncharge() {
	if ch := c.charged; ch.ns != nil {
		c.charged = ucountCharge{}
		ch.ns.unchargeUp(ch.uid, ch.kind)
	}
}

// registerUserNSSysctls adds kernel/overflowuid and overflowgid (the ids
// from_kuid_munged shows for an unmapped kernel id), fs/overflowuid and
// overflowgid (what a filesystem with 16-bit ids stores for a larger id,
// fs_high2lowuid), all proc_dointvec_minmax over 0..65535, and the
// user/max_*_namespaces limits of the kinds of namespace there are,
// which are the opener's user namespace's (0..INT_MAX).
func (k *Kernel) registerUserNSSysctls() {
	for _, v := range []*atomic.Uint32{&k.overflowUID, &k.overflowGID, &k.fsOverflowUID, &k.fsOverflowGID} {
		v.Store(DefaultOverflowID)
	}
	for i := range k.initUserNS.counts.max {
		k.initUserNS.counts.max[i].Store(-1)
	}
	old := func(path string, v *atomic.Uint32) Sysctl {
		return IntSysctl(path, false, func(*Task) int64 { return int64(v.Load()) }, func(_ *Task, n int64) error {
			if n < 0 || n > 65535 { // SYSCTL_MAXOLDUID
				return linux.EINVAL
			}
			v.Store(uint32(n))
			return nil
		})
	}
	sysctls := []Sysctl{
		old("kernel/overflowuid", &k.overflowUID), old("kernel/overflowgid", &k.overflowGID),
		old("fs/overflowuid", &k.fsOverflowUID), old("fs/overflowgid", &k.fsOverflowGID),
	}
	for kind := range ucountKinds {
		s := IntSysctl("user/"+ucountNames[kind], false,
			func(t *Task) int64 { return t.Cred().UserNS.orInit(k).ucountMax(kind) },
			func(t *Task, n int64) error {
				if n < 0 {
					return linux.EINVAL
				}
				t.Cred().UserNS.orInit(k).counts.max[kind].Store(n)
				return nil
			})
		s.Access = ucountSysctlAccess
		sysctls = append(sysctls, s)
	}
	for _, s := range sysctls {
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
