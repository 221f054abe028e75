// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Utsname is struct new_utsname: what uname(2) reports.
type Utsname struct {
	Sysname, Nodename, Release, Version, Machine, Domainname string
}

// Release and Version are the kernel's uname -r and -v: the model follows
// Linux 6.18, and says it is not that kernel.
const (
	Release = "6.18.0-linuxvfs"
	Version = "#1 SMP linuxvfs"
)

// Banner is linux_banner: the first line of the kernel log and
// /proc/version ("Linux version RELEASE (BUILDER) (COMPILER) VERSION").
var Banner = "Linux version " + Release + " (linuxvfs@linuxvfs) (" + runtime.Version() + ") " + Version

// NewUTSLen is __NEW_UTS_LEN: the longest host or domain name.
const NewUTSLen = 64

// UTSNamespace is struct uts_namespace (kernel/utsname.c): one set of
// names, shared by the tasks of the namespace.
type UTSNamespace struct {
	nsCommon
	k     *Kernel
	users atomic.Int32 // tasks in it and open files of it
	mu    sync.RWMutex
	name  Utsname
}

func (u *UTSNamespace) common() *nsCommon { return &u.nsCommon }
func (u *UTSNamespace) Kind() string      { return "uts" }
func (u *UTSNamespace) CloneFlag() uint64 { return linux.CLONE_NEWUTS }
func (u *UTSNamespace) get()              { u.users.Add(1) }

// put is put_uts_ns: the last user frees the namespace's number.
func (u *UTSNamespace) put() {
	if u.users.Add(-1) == 0 && u != u.k.initUTS {
		u.k.freeNsInum(&u.nsCommon)
		u.uncharge()
	}
}

// newInitUTS is init_uts_ns: the names before anyone set them, "(none)"
// for the host and domain.
func newInitUTS(k *Kernel) *UTSNamespace {
	return &UTSNamespace{k: k, nsCommon: nsCommon{inum: utsInitIno}, name: Utsname{Sysname: "Linux", Nodename: "(none)", Release: Release,
		Version: Version, Machine: utsMachine(runtime.GOARCH), Domainname: "(none)"}}
}

// utsMachine names the machine as Linux does for the Go architecture.
func utsMachine(goarch string) string {
	if m, ok := map[string]string{"amd64": "x86_64", "386": "i686", "arm64": "aarch64", "arm": "armv7l",
		"ppc64le": "ppc64le", "riscv64": "riscv64", "s390x": "s390x", "loong64": "loongarch64"}[goarch]; ok {
		return m
	}
	return goarch
}

// copy is clone_uts_ns: a new namespace starting with the same names.
func (u *UTSNamespace) copy(c *Cred) (*UTSNamespace, error) {
	n := &UTSNamespace{k: u.k}
	if err := u.k.chargeNs(&n.nsCommon, c.UserNS, c.EUID, ucUTSNS); err != nil {
		return nil, err
	}
	n.inum, n.userNS = u.k.allocNsInum(), c.UserNS
	u.mu.RLock()
	n.name = u.name
	u.mu.RUnlock()
	n.users.Store(1)
	return n, nil
}

// UTSNamespace returns the task's UTS namespace.
func (t *Task) UTSNamespace() *UTSNamespace { return t.uts.Load() }

// Uname is uname(2).
func (t *Task) Uname() Utsname {
	u := t.UTSNamespace()
	u.mu.RLock()
	defer u.mu.RUnlock()
	return u.name
}

// Sethostname is sethostname(2): CAP_SYS_ADMIN over the namespace, and at
// most NewUTSLen bytes.
func (t *Task) Sethostname(name string) error {
	return t.setUTSName(name, nodenameField)
}

// Setdomainname is setdomainname(2), with sethostname's rules.
func (t *Task) Setdomainname(name string) error {
	return t.setUTSName(name, domainnameField)
}

func (t *Task) setUTSName(name string, field func(*Utsname) *string) error {
	if !t.Cred().NsCapable(t.UTSNamespace().userNS, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	if len(name) > NewUTSLen {
		return linux.EINVAL
	}
	t.UTSNamespace().set(field, name)
	return nil
}

// set changes one of the namespace's names.
func (u *UTSNamespace) set(field func(*Utsname) *string, v string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	*field(&u.name) = v
}

func nodenameField(n *Utsname) *string   { return &n.Nodename }
func domainnameField(n *Utsname) *string { return &n.Domainname }
