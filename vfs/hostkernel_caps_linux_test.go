// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// capset(2) and the capability prctls against the host kernel: each
// scenario runs step by step on a host OS thread of its own (locked and
// never unlocked, so the thread and its credentials die with the
// goroutine; every call here acts on the calling thread only) and on a
// linuxvfs task that starts with the thread's credentials. Every step
// must give the same errno and leave the same credentials behind.

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// credOps are the calls a scenario makes.
type credOps interface {
	capset(eff, perm, inh uint64) error
	prctl(option int, a2, a3, a4, a5 uint64) (int, error)
	setresuid(r, e, s uint32) error
	setresgid(r, e, s uint32) error
	capget() (eff, perm, inh uint64, err error)
	getres() (uid, gid [3]uint32)
}

type hostCredOps struct{}

func (hostCredOps) capset(eff, perm, inh uint64) error {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	data := [2]unix.CapUserData{
		{Effective: uint32(eff), Permitted: uint32(perm), Inheritable: uint32(inh)},
		{Effective: uint32(eff >> 32), Permitted: uint32(perm >> 32), Inheritable: uint32(inh >> 32)},
	}
	return unix.Capset(&hdr, &data[0])
}

func (hostCredOps) capget() (eff, perm, inh uint64, err error) {
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	err = unix.Capget(&hdr, &data[0])
	join := func(lo, hi uint32) uint64 { return uint64(hi)<<32 | uint64(lo) }
	return join(data[0].Effective, data[1].Effective), join(data[0].Permitted, data[1].Permitted),
		join(data[0].Inheritable, data[1].Inheritable), err
}

func (hostCredOps) prctl(option int, a2, a3, a4, a5 uint64) (int, error) {
	if option == unix.PR_GET_PDEATHSIG {
		var sig int32
		_, _, e := unix.RawSyscall6(unix.SYS_PRCTL, uintptr(option), uintptr(unsafe.Pointer(&sig)), 0, 0, 0, 0)
		return int(sig), errnoOrNil(e)
	}
	r, _, e := unix.RawSyscall6(unix.SYS_PRCTL, uintptr(option), uintptr(a2), uintptr(a3), uintptr(a4), uintptr(a5), 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// setresuid and setresgid are the raw calls: the libraries' versions
// change every thread of the process.
func (hostCredOps) setresuid(r, e, s uint32) error {
	_, _, en := unix.RawSyscall(unix.SYS_SETRESUID, uintptr(r), uintptr(e), uintptr(s))
	return errnoOrNil(en)
}

func (hostCredOps) setresgid(r, e, s uint32) error {
	_, _, en := unix.RawSyscall(unix.SYS_SETRESGID, uintptr(r), uintptr(e), uintptr(s))
	return errnoOrNil(en)
}

func (hostCredOps) getres() (uid, gid [3]uint32) {
	unix.RawSyscall(unix.SYS_GETRESUID, uintptr(unsafe.Pointer(&uid[0])), uintptr(unsafe.Pointer(&uid[1])), uintptr(unsafe.Pointer(&uid[2])))
	unix.RawSyscall(unix.SYS_GETRESGID, uintptr(unsafe.Pointer(&gid[0])), uintptr(unsafe.Pointer(&gid[1])), uintptr(unsafe.Pointer(&gid[2])))
	return uid, gid
}

func errnoOrNil(e syscall.Errno) error {
	if e == 0 {
		return nil
	}
	return e
}

type vfsCredOps struct{ t *vfs.Task }

func (o vfsCredOps) capset(eff, perm, inh uint64) error {
	return o.t.Capset(0, linux.CapSet(eff), linux.CapSet(perm), linux.CapSet(inh))
}

func (o vfsCredOps) capget() (eff, perm, inh uint64, err error) {
	e, p, i, err := o.t.Capget(0)
	return uint64(e), uint64(p), uint64(i), err
}

func (o vfsCredOps) prctl(option int, a2, a3, a4, a5 uint64) (int, error) {
	return o.t.Prctl(option, a2, a3, a4, a5)
}

func (o vfsCredOps) setresuid(r, e, s uint32) error { return o.t.Setresuid(r, e, s) }
func (o vfsCredOps) setresgid(r, e, s uint32) error { return o.t.Setresgid(r, e, s) }

func (o vfsCredOps) getres() (uid, gid [3]uint32) {
	uid[0], uid[1], uid[2] = o.t.Getresuid()
	gid[0], gid[1], gid[2] = o.t.Getresgid()
	return uid, gid
}

// credState is everything a step may change, as the calls report it.
type credState struct {
	uid, gid             [3]uint32
	eff, perm, inh       uint64
	bounding, ambient    uint64
	securebits, nnp, sig int
}

func readCredState(o credOps) credState {
	var s credState
	s.uid, s.gid = o.getres()
	s.eff, s.perm, s.inh, _ = o.capget()
	for c := uint64(0); c <= uint64(linux.CAP_LAST_CAP); c++ {
		if r, _ := o.prctl(unix.PR_CAPBSET_READ, c, 0, 0, 0); r == 1 {
			s.bounding |= 1 << c
		}
		if r, _ := o.prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_IS_SET, c, 0, 0); r == 1 {
			s.ambient |= 1 << c
		}
	}
	s.securebits, _ = o.prctl(unix.PR_GET_SECUREBITS, 0, 0, 0, 0)
	s.nnp, _ = o.prctl(unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
	s.sig, _ = o.prctl(unix.PR_GET_PDEATHSIG, 0, 0, 0, 0)
	return s
}

// credStep is one call; its result is the errno (or success) and the
// value a prctl returns.
type credStep struct {
	name string
	do   func(o credOps) (int, error)
}

type credResult struct {
	ret   int
	errno string
	state credState
}

func (r credResult) String() string {
	return fmt.Sprintf("ret %d %s state %+v", r.ret, r.errno, r.state)
}

// credErrName names an error of either side by its errno.
func credErrName(err error) string {
	var se syscall.Errno
	var le linux.Errno
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &se):
		return errName(linux.Errno(se))
	case errors.As(err, &le):
		return errName(le)
	}
	return err.Error()
}

func runCredSteps(o credOps, steps []credStep) []credResult {
	out := make([]credResult, len(steps))
	for i, st := range steps {
		ret, err := st.do(o)
		out[i] = credResult{ret, credErrName(err), readCredState(o)}
	}
	return out
}

// Shorthands for steps.
func capsetStep(name string, eff, perm, inh uint64) credStep {
	return credStep{name, func(o credOps) (int, error) { return 0, o.capset(eff, perm, inh) }}
}

func prctlStep(name string, option int, a2, a3, a4, a5 uint64) credStep {
	return credStep{name, func(o credOps) (int, error) { return o.prctl(option, a2, a3, a4, a5) }}
}

// capsetFromState changes the sets relative to the current ones.
func capsetRel(name string, f func(eff, perm, inh uint64) (uint64, uint64, uint64)) credStep {
	return credStep{name, func(o credOps) (int, error) {
		e, p, i, _ := o.capget()
		return 0, o.capset(f(e, p, i))
	}}
}

const (
	bitKill    = uint64(1) << unix.CAP_KILL
	bitSetpcap = uint64(1) << unix.CAP_SETPCAP
	bitChown   = uint64(1) << unix.CAP_CHOWN
)

var credScenarios = map[string][]credStep{
	"capset": {
		capsetRel("drop kill from effective", func(e, p, i uint64) (uint64, uint64, uint64) { return e &^ bitKill, p, i }),
		capsetRel("raise it again", func(e, p, i uint64) (uint64, uint64, uint64) { return e | bitKill, p, i }),
		capsetRel("drop kill from permitted", func(e, p, i uint64) (uint64, uint64, uint64) { return e &^ bitKill, p &^ bitKill, i }),
		capsetRel("permitted cannot grow", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p | bitKill, i }),
		capsetRel("effective beyond permitted", func(e, p, i uint64) (uint64, uint64, uint64) { return e | bitKill, p, i }),
		capsetRel("inheritable beyond permitted with setpcap", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitKill }),
		capsetRel("inheritable beyond bounding", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | 1<<24 | 1<<40 }),
		capsetRel("bits past the last capability", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | 1<<50 }),
		capsetRel("lose setpcap", func(e, p, i uint64) (uint64, uint64, uint64) { return e &^ bitSetpcap, p, i }),
		capsetRel("inheritable beyond permitted without it", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitChown | bitKill }),
		capsetRel("inheritable within", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitChown }),
	},
	"ambient": {
		prctlStep("raise without inheritable", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_KILL, 0, 0),
		capsetRel("make kill inheritable", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitKill | bitChown }),
		prctlStep("raise kill", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_KILL, 0, 0),
		prctlStep("raise chown", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_CHOWN, 0, 0),
		prctlStep("is set", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_IS_SET, unix.CAP_KILL, 0, 0),
		prctlStep("is set, arg4", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_IS_SET, unix.CAP_KILL, 1, 0),
		prctlStep("invalid capability", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, 41, 0, 0),
		prctlStep("unknown operation", unix.PR_CAP_AMBIENT, 9, unix.CAP_KILL, 0, 0),
		prctlStep("lower kill", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_LOWER, unix.CAP_KILL, 0, 0),
		prctlStep("raise kill again", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_KILL, 0, 0),
		capsetRel("kill no longer inheritable", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i &^ bitKill }),
		prctlStep("clear all with arg3", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0),
		prctlStep("clear all", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0),
		prctlStep("no-raise securebit", unix.PR_SET_SECUREBITS, linux.SECBIT_NO_CAP_AMBIENT_RAISE, 0, 0, 0),
		prctlStep("raise chown under it", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_CHOWN, 0, 0),
	},
	"bounding": {
		prctlStep("read invalid", unix.PR_CAPBSET_READ, 41, 0, 0, 0),
		prctlStep("read kill", unix.PR_CAPBSET_READ, unix.CAP_KILL, 0, 0, 0),
		prctlStep("drop kill", unix.PR_CAPBSET_DROP, unix.CAP_KILL, 0, 0, 0),
		prctlStep("drop invalid", unix.PR_CAPBSET_DROP, 99, 0, 0, 0),
		capsetRel("inheritable kill, out of the bounding set", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitKill }),
		capsetRel("lose setpcap", func(e, p, i uint64) (uint64, uint64, uint64) { return e &^ bitSetpcap, p, i }),
		prctlStep("drop without setpcap", unix.PR_CAPBSET_DROP, unix.CAP_CHOWN, 0, 0, 0),
		prctlStep("drop invalid without setpcap", unix.PR_CAPBSET_DROP, 99, 0, 0, 0),
	},
	"securebits": {
		prctlStep("noroot", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT, 0, 0, 0),
		prctlStep("lock it", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_NOROOT_LOCKED, 0, 0, 0),
		prctlStep("clear the locked bit", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT_LOCKED, 0, 0, 0),
		prctlStep("release the lock", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT, 0, 0, 0),
		prctlStep("unknown bit", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_NOROOT_LOCKED|1<<12, 0, 0, 0),
		prctlStep("keepcaps 2", unix.PR_SET_KEEPCAPS, 2, 0, 0, 0),
		prctlStep("keepcaps 1", unix.PR_SET_KEEPCAPS, 1, 0, 0, 0),
		prctlStep("get keepcaps", unix.PR_GET_KEEPCAPS, 0, 0, 0, 0),
		prctlStep("lock keepcaps", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_NOROOT_LOCKED|linux.SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0),
		prctlStep("keepcaps once locked", unix.PR_SET_KEEPCAPS, 1, 0, 0, 0),
		capsetRel("lose setpcap", func(e, p, i uint64) (uint64, uint64, uint64) { return e &^ bitSetpcap, p, i }),
		prctlStep("exec bit without setpcap", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_NOROOT_LOCKED|linux.SECBIT_KEEP_CAPS_LOCKED|linux.SECBIT_EXEC_RESTRICT_FILE, 0, 0, 0),
		prctlStep("no-fixup without setpcap", unix.PR_SET_SECUREBITS, linux.SECBIT_NOROOT|linux.SECBIT_NOROOT_LOCKED|linux.SECBIT_KEEP_CAPS_LOCKED|linux.SECBIT_NO_SETUID_FIXUP, 0, 0, 0),
	},
	"setuid keepcaps": {
		capsetRel("inheritable and ambient kill", func(e, p, i uint64) (uint64, uint64, uint64) { return e, p, i | bitKill }),
		prctlStep("ambient kill", unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_RAISE, unix.CAP_KILL, 0, 0),
		prctlStep("keepcaps", unix.PR_SET_KEEPCAPS, 1, 0, 0, 0),
		prctlStep("pdeathsig", unix.PR_SET_PDEATHSIG, uint64(unix.SIGWINCH), 0, 0, 0),
		{"setresuid 1000 1000 0", func(o credOps) (int, error) { return 0, o.setresuid(1000, 1000, 0) }},
		capsetRel("effective again", func(e, p, i uint64) (uint64, uint64, uint64) { return p, p, i }),
		{"setresgid 1000", func(o credOps) (int, error) { return 0, o.setresgid(1000, 1000, 1000) }},
		{"setresuid 1000 0 0", func(o credOps) (int, error) { return 0, o.setresuid(1000, 0, 0) }},
		{"setresuid 1000 1000 1000", func(o credOps) (int, error) { return 0, o.setresuid(1000, 1000, 1000) }},
	},
	"setuid plain": {
		prctlStep("pdeathsig 65", unix.PR_SET_PDEATHSIG, 65, 0, 0, 0),
		prctlStep("pdeathsig", unix.PR_SET_PDEATHSIG, uint64(unix.SIGWINCH), 0, 0, 0),
		{"setresgid keeps it", func(o credOps) (int, error) { return 0, o.setresgid(0, 0, 0) }},
		{"setresuid 1000 1000 1000", func(o credOps) (int, error) { return 0, o.setresuid(1000, 1000, 1000) }},
		{"setresuid back", func(o credOps) (int, error) { return 0, o.setresuid(0, 0, 0) }},
		capsetRel("capset with nothing", func(e, p, i uint64) (uint64, uint64, uint64) { return 0, 0, 0 }),
	},
	"no-setuid-fixup": {
		prctlStep("no fixup", unix.PR_SET_SECUREBITS, linux.SECBIT_NO_SETUID_FIXUP, 0, 0, 0),
		{"setresuid 1000 1000 1000", func(o credOps) (int, error) { return 0, o.setresuid(1000, 1000, 1000) }},
		prctlStep("drop kill from the bounding set", unix.PR_CAPBSET_DROP, unix.CAP_KILL, 0, 0, 0),
	},
	"no_new_privs": {
		prctlStep("get", unix.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
		prctlStep("set 0", unix.PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0),
		prctlStep("set 1 with arg3", unix.PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0),
		prctlStep("set 1", unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
		prctlStep("get with arg2", unix.PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0),
		prctlStep("set again", unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0),
	},
}

// TestHostKernelCapabilityCalls runs credScenarios on both sides.
func TestHostKernelCapabilityCalls(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	for name, steps := range credScenarios {
		t.Run(name, func(t *testing.T) {
			host, start := runHostCredSteps(steps)
			got := runVfsCredSteps(t, start, steps)
			for i := range steps {
				if host[i] != got[i] {
					t.Errorf("step %d (%s):\n host    %v\n linuxvfs %v", i, steps[i].name, host[i], got[i])
				}
			}
		})
	}
}

// runHostCredSteps runs steps on a thread of their own and returns the
// results and the thread's state before the first step.
func runHostCredSteps(steps []credStep) ([]credResult, credState) {
	type out struct {
		res   []credResult
		start credState
	}
	ch := make(chan out)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its credentials
		start := readCredState(hostCredOps{})
		ch <- out{runCredSteps(hostCredOps{}, steps), start}
	}()
	o := <-ch
	return o.res, o.start
}

// runVfsCredSteps runs steps on a linuxvfs task whose credentials are
// the host thread's at the start (this machine's root may lack some
// capabilities in its bounding set).
func runVfsCredSteps(t *testing.T, start credState, steps []credStep) []credResult {
	k := vfs.NewKernel()
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer init.Exit()
	task := init.Clone(0)
	defer task.Exit()
	c := *task.Cred()
	c.Effective, c.Permitted, c.Inheritable = linux.CapSet(start.eff), linux.CapSet(start.perm), linux.CapSet(start.inh)
	c.Bounding, c.Ambient, c.Securebits = linux.CapSet(start.bounding), linux.CapSet(start.ambient), uint32(start.securebits)
	task.SetCred(&c)
	if got := readCredState(vfsCredOps{task}); got != start {
		t.Fatalf("start state %+v, host %+v", got, start)
	}
	return runCredSteps(vfsCredOps{task}, steps)
}
