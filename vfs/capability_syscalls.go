// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The capability system calls (kernel/capability.c), the capability and
// securebits prctls (security/commoncap.c's cap_task_prctl, kernel/sys.c),
// and what execve does to a task's capabilities when the program file
// brings none (cap_bprm_creds_from_file): programs here are never
// set-user-ID and carry no file capabilities.

// Capget is capget(2): the effective, permitted and inheritable sets of
// the task pid, 0 being the caller (EINVAL for a negative pid, ESRCH for
// one that does not exist).
func (t *Task) Capget(pid int32) (eff, perm, inh linux.CapSet, err error) {
	target := t
	switch {
	case pid < 0:
		return 0, 0, 0, linux.EINVAL
	case pid != 0 && pid != t.tid:
		if target = t.k.TaskByTID(pid); target == nil {
			return 0, 0, 0, linux.ESRCH
		}
	}
	c := target.Cred()
	return c.Effective, c.Permitted, c.Inheritable, nil
}

// Capset is capset(2), which changes only the caller's sets (EPERM for
// another pid), by cap_capset's rules: the inheritable set may grow
// beyond inheritable|permitted only with CAP_SETPCAP and never beyond
// inheritable|bounding; permitted may only shrink; effective must be in
// the new permitted. Ambient capabilities no longer both permitted and
// inheritable are dropped. Bits past the last capability are ignored
// (mk_kernel_cap masks them).
func (t *Task) Capset(pid int32, eff, perm, inh linux.CapSet) error {
	if pid != 0 && pid != t.tid {
		return linux.EPERM
	}
	eff, perm, inh = eff&linux.AllCaps, perm&linux.AllCaps, inh&linux.AllCaps
	old := t.Cred()
	if !old.NsCapable(old.UserNS, linux.CAP_SETPCAP) && !subset(inh, old.Inheritable|old.Permitted) {
		return linux.EPERM
	}
	if !subset(inh, old.Inheritable|old.Bounding) || !subset(perm, old.Permitted) || !subset(eff, perm) {
		return linux.EPERM
	}
	n := *old
	n.Effective, n.Permitted, n.Inheritable = eff, perm, inh
	n.Ambient &= perm & inh
	t.SetCred(&n)
	return nil
}

func subset(s, of linux.CapSet) bool { return s&^of == 0 }

// Prctl is prctl(2) for the options about capabilities, securebits, the
// no_new_privs flag and the parent-death signal; the others give EINVAL,
// as the kernel does for an option it does not know. PR_GET_PDEATHSIG
// returns the signal rather than storing it through arg2.
func (t *Task) Prctl(option int, arg2, arg3, arg4, arg5 uint64) (int, error) {
	switch option {
	case linux.PR_CAPBSET_READ:
		if !validCap(arg2) {
			return 0, linux.EINVAL
		}
		return boolInt(t.Cred().Bounding.Has(linux.Capability(arg2))), nil
	case linux.PR_CAPBSET_DROP:
		return 0, t.capbsetDrop(arg2)
	case linux.PR_SET_SECUREBITS:
		return 0, t.setSecurebits(arg2)
	case linux.PR_GET_SECUREBITS:
		return int(t.Cred().Securebits), nil
	case linux.PR_GET_KEEPCAPS:
		return boolInt(t.Cred().Securebits&linux.SECBIT_KEEP_CAPS != 0), nil
	case linux.PR_SET_KEEPCAPS:
		return 0, t.setKeepCaps(arg2)
	case linux.PR_CAP_AMBIENT:
		return t.capAmbient(arg2, arg3, arg4, arg5)
	case linux.PR_SET_NO_NEW_PRIVS:
		if arg2 != 1 || arg3|arg4|arg5 != 0 {
			return 0, linux.EINVAL
		}
		t.noNewPrivs.Store(true)
		return 0, nil
	case linux.PR_GET_NO_NEW_PRIVS:
		if arg2|arg3|arg4|arg5 != 0 {
			return 0, linux.EINVAL
		}
		return boolInt(t.noNewPrivs.Load()), nil
	case linux.PR_SET_PDEATHSIG:
		if !linux.ValidSignal(arg2) {
			return 0, linux.EINVAL
		}
		t.pdeathSignal.Store(int32(arg2))
		return 0, nil
	case linux.PR_GET_PDEATHSIG:
		return int(t.pdeathSignal.Load()), nil
	}
	return 0, linux.EINVAL
}

func validCap(c uint64) bool { return c <= uint64(linux.CAP_LAST_CAP) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// NoNewPrivs reports the task's no_new_privs flag (status's NoNewPrivs).
func (t *Task) NoNewPrivs() bool { return t.noNewPrivs.Load() }

// capbsetDrop is cap_prctl_drop: CAP_SETPCAP is checked before the
// capability number.
func (t *Task) capbsetDrop(c uint64) error {
	old := t.Cred()
	if !old.NsCapable(old.UserNS, linux.CAP_SETPCAP) {
		return linux.EPERM
	}
	if !validCap(c) {
		return linux.EINVAL
	}
	n := *old
	n.Bounding = n.Bounding.Remove(linux.Capability(c))
	t.SetCred(&n)
	return nil
}

// setSecurebits is PR_SET_SECUREBITS: no locked bit may change, no lock
// be released, no unknown bit be set, and changing any but the
// unprivileged settings takes CAP_SETPCAP.
func (t *Task) setSecurebits(bits uint64) error {
	old := t.Cred()
	cur := uint64(old.Securebits)
	locks := cur & linux.SECURE_ALL_LOCKS
	switch {
	case (locks>>1)&(cur^bits) != 0, locks&^bits != 0,
		bits&^(linux.SECURE_ALL_LOCKS|linux.SECURE_ALL_BITS) != 0:
		return linux.EPERM
	case (cur^bits)&^linux.SECURE_ALL_UNPRIVILEGED != 0 && !old.NsCapable(old.UserNS, linux.CAP_SETPCAP):
		return linux.EPERM
	}
	n := *old
	n.Securebits = uint32(bits)
	t.SetCred(&n)
	return nil
}

// setKeepCaps is PR_SET_KEEPCAPS: 0 or 1, unless the setting is locked.
func (t *Task) setKeepCaps(v uint64) error {
	old := t.Cred()
	if v > 1 {
		return linux.EINVAL
	}
	if old.Securebits&linux.SECBIT_KEEP_CAPS_LOCKED != 0 {
		return linux.EPERM
	}
	n := *old
	n.Securebits &^= linux.SECBIT_KEEP_CAPS
	if v == 1 {
		n.Securebits |= linux.SECBIT_KEEP_CAPS
	}
	t.SetCred(&n)
	return nil
}

// capAmbient is PR_CAP_AMBIENT: a capability joins the ambient set only
// when it is both permitted and inheritable and the no-raise securebit
// is clear.
func (t *Task) capAmbient(op, c, arg4, arg5 uint64) (int, error) {
	old := t.Cred()
	if op == linux.PR_CAP_AMBIENT_CLEAR_ALL {
		if c|arg4|arg5 != 0 {
			return 0, linux.EINVAL
		}
		n := *old
		n.Ambient = 0
		t.SetCred(&n)
		return 0, nil
	}
	if !validCap(c) || arg4|arg5 != 0 {
		return 0, linux.EINVAL
	}
	cp := linux.Capability(c)
	n := *old
	switch op {
	case linux.PR_CAP_AMBIENT_IS_SET:
		return boolInt(old.Ambient.Has(cp)), nil
	case linux.PR_CAP_AMBIENT_RAISE:
		if !old.Permitted.Has(cp) || !old.Inheritable.Has(cp) || old.Securebits&linux.SECBIT_NO_CAP_AMBIENT_RAISE != 0 {
			return 0, linux.EPERM
		}
		n.Ambient = n.Ambient.Add(cp)
	case linux.PR_CAP_AMBIENT_LOWER:
		n.Ambient = n.Ambient.Remove(cp)
	default:
		return 0, linux.EINVAL
	}
	t.SetCred(&n)
	return 0, nil
}

// execCreds is what execve does to the credentials of a program without
// file capabilities or set-ID bits (cap_bprm_creds_from_file): root of
// the task's user namespace, real or effective and unless SECBIT_NOROOT,
// gets the bounding and inheritable sets as permitted, effective too when
// it is the effective uid; anyone else keeps only the ambient set.
// SECBIT_KEEP_CAPS does not survive. It returns whether the exec is
// privilege-raising (bprm->secureexec), which costs the parent-death
// signal.
func execCreds(old *Cred) (*Cred, bool) {
	n := *old
	root, ok := old.UserNS.MakeKUID(0)
	realRoot := ok && n.UID == root
	effRoot := ok && n.EUID == root
	effective := false
	n.Permitted = 0
	if n.Securebits&linux.SECBIT_NOROOT == 0 {
		if realRoot || effRoot {
			n.Permitted = old.Bounding | old.Inheritable
		}
		effective = effRoot
	}
	n.SUID, n.FSUID = n.EUID, n.EUID
	n.SGID, n.FSGID = n.EGID, n.EGID
	n.Permitted |= n.Ambient
	if effective {
		n.Effective = n.Permitted
	} else {
		n.Effective = n.Ambient
	}
	n.Securebits &^= linux.SECBIT_KEEP_CAPS
	elevated := !realRoot && (effective || !subset(n.Permitted, n.Ambient))
	return &n, elevated
}

// execveCreds applies execCreds to t at execve.
func (t *Task) execveCreds() {
	n, elevated := execCreds(t.Cred())
	if elevated {
		t.pdeathSignal.Store(0)
	}
	t.SetCred(n)
}

// credsCommitted is the part of commit_creds that forgets the
// parent-death signal when the effective or filesystem IDs change or
// the new permitted set is not within the old one (cred_cap_issubset).
func (t *Task) credsCommitted(old, n *Cred) {
	if old.EUID != n.EUID || old.EGID != n.EGID || old.FSUID != n.FSUID ||
		old.FSGID != n.FSGID || !credCapSubset(old, n) {
		t.pdeathSignal.Store(0)
	}
}

// credCapSubset is cred_cap_issubset: in one namespace, sub's permitted
// set within set's; across namespaces, set's namespace an ancestor of
// sub's whose child on the way was created by set's euid.
func credCapSubset(set, sub *Cred) bool {
	if sameUserNS(set.UserNS, sub.UserNS) {
		return subset(sub.Permitted, set.Permitted)
	}
	for ns := sub.UserNS; ns.Level() > 0; ns = ns.parent {
		if sameUserNS(ns.parent, set.UserNS) && ns.owner == set.EUID {
			return true
		}
	}
	return false
}

// capLastCapSysctl is /proc/sys/kernel/cap_last_cap.
func capLastCapSysctl() Sysctl {
	return Sysctl{Path: "kernel/cap_last_cap", Mode: 0o444,
		Show: func(*Task) string { return strconv.Itoa(int(linux.CAP_LAST_CAP)) + "\n" }}
}

// PtraceMayRead is ptrace_may_access(target, PTRACE_MODE_READ_FSCREDS),
// which /proc/<pid>'s cwd, root, fd and ns links ask: the caller's own
// thread group; or its fsuid and fsgid are all of target's ids, or it
// has CAP_SYS_PTRACE over target's user namespace; and then
// cap_ptrace_access_check: the same user namespace and target's
// permitted set within the caller's effective one, or CAP_SYS_PTRACE over
// target's namespace. Dumpability is not modelled (every task is
// dumpable).
func (t *Task) PtraceMayRead(target *Task) bool {
	if target == t {
		return true
	}
	return t.Cred().PtraceMayRead(target)
}

// PtraceMayRead is Task.PtraceMayRead for a caller known by its
// credentials only (a file's opener, procfs's hidepid= checks).
func (c *Cred) PtraceMayRead(target *Task) bool {
	tc := target.Cred()
	ptraceCap := c.NsCapable(tc.UserNS, linux.CAP_SYS_PTRACE)
	sameIDs := c.FSUID == tc.UID && c.FSUID == tc.EUID && c.FSUID == tc.SUID &&
		c.FSGID == tc.GID && c.FSGID == tc.EGID && c.FSGID == tc.SGID
	if !sameIDs && !ptraceCap {
		return false
	}
	return sameUserNS(c.UserNS, tc.UserNS) && subset(tc.Permitted, c.Effective) || ptraceCap
}
