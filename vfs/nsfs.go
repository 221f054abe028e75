// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Inode numbers of the initial namespaces (include/linux/proc_ns.h); the
// others take numbers from procDynamicFirst on (proc_alloc_inum).
const (
	ipcInitIno       = 0xEFFFFFFF
	utsInitIno       = 0xEFFFFFFE
	cgroupInitIno    = 0xEFFFFFFB
	timeInitIno      = 0xEFFFFFFA
	netInitIno       = 0xEFFFFFF9
	mntInitIno       = 0xEFFFFFF8
	procDynamicFirst = 0xF0000000
)

// nsfsMagic is NSFS_MAGIC.
const nsfsMagic = 0x6e736673

// nsCommon is struct ns_common: what nsfs needs of every namespace.
type nsCommon struct {
	inum uint64
	// userNS owns the namespace (its ->user_ns; a user namespace's
	// parent); nil is the initial user namespace.
	userNS *UserNamespace
	mu     sync.Mutex
	// stashed is the namespace's nsfs dentry, made on first use and kept
	// (ns_get_path's stashed dentry).
	stashed *Dentry
	// charged is what making the namespace was counted against.
	charged ucountCharge
}

// Namespace is a namespace as /proc/<pid>/ns and setns(2) see it.
type Namespace interface {
	common() *nsCommon
	// Kind is the name /proc/<pid>/ns gives it: "mnt", "uts", "ipc".
	Kind() string
	// CloneFlag is the CLONE_NEW* flag of its kind.
	CloneFlag() uint64
	get()
	put()
}

// Inum returns the namespace's inode number in nsfs.
func Inum(ns Namespace) uint64 { return ns.common().inum }

// nsfs is the filesystem of namespace files; the kernel mounts it for
// itself and never registers it (it is not in /proc/filesystems).
var nsfs = &pseudoFS{
	name:  "nsfs",
	magic: nsfsMagic,
	dname: func(d *Dentry) string {
		ns := d.inode.Private.(Namespace)
		return ns.Kind() + ":[" + strconv.FormatUint(ns.common().inum, 10) + "]"
	},
}

// allocNsInum is ns_alloc_inum.
func (k *Kernel) allocNsInum() uint64 {
	i, _ := k.nsInums.Alloc()
	return procDynamicFirst + uint64(i)
}

// freeNsInum is ns_free_inum; the initial namespaces' fixed numbers are
// never freed.
func (k *Kernel) freeNsInum(c *nsCommon) {
	if c.inum >= procDynamicFirst {
		k.nsInums.Free(int(c.inum - procDynamicFirst))
	}
}

// nsPath is ns_get_path: where the namespace's file is in nsfs, made on
// first use. Its inode has the namespace's number, mode 0444, and opens
// as a file that keeps the namespace alive.
func (k *Kernel) nsPath(ns Namespace) Path {
	c := ns.common()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stashed == nil {
		sb := k.nsfsMnt.sb
		in := sb.NewInode(c.inum, InodeAttr{Mode: linux.S_IFREG | 0o444}, nil, nsFile{})
		in.Private = ns
		in.flags.Store(S_IMMUTABLE)
		d := &Dentry{inode: in}
		d.setWhere(d, "")
		c.stashed = d
	}
	return Path{k.nsfsMnt, c.stashed}
}

// nsOf returns the namespace whose nsfs file d is (get_proc_ns of an
// nsfs inode), or nil for any other dentry.
func (k *Kernel) nsOf(d *Dentry) Namespace {
	if d == nil || d.inode == nil || d.inode.sb != k.nsfsMnt.sb {
		return nil
	}
	ns, _ := d.inode.Private.(Namespace)
	return ns
}

// isNsFile is proc_ns_file: f is an open namespace file, whether opened
// through /proc/<pid>/ns or through a bind of one.
func (k *Kernel) isNsFile(f *File) bool { return f.Inode().sb == k.nsfsMnt.sb }

// isMntNSFile is is_mnt_ns_file: d is the file of a mount namespace.
func (k *Kernel) isMntNSFile(d *Dentry) bool {
	_, ok := k.nsOf(d).(*MountNamespace)
	return ok
}

// mntNSLoop is mnt_ns_loop: binding d, a mount namespace's file, into
// t's namespace could make namespaces that hold each other (and so are
// never freed) unless d's namespace is newer than t's. Comparing
// sequence numbers is enough: a namespace can only hold binds of
// younger ones.
func (t *Task) mntNSLoop(d *Dentry) bool {
	ns, ok := t.k.nsOf(d).(*MountNamespace)
	return ok && t.MountNamespace().seq >= ns.seq
}

// nsfsShowPath is nsfs_show_path, the only show_path here: mountinfo and
// statmount show the root of a bind of a namespace file as the
// namespace's name, "mnt:[4026531840]", rather than a path.
func (k *Kernel) nsfsShowPath(d *Dentry) (string, bool) {
	if k.nsOf(d) == nil {
		return "", false
	}
	return pseudoName(d), true
}

// NamespacePath is the path /proc/<pid>/ns/KIND leads to for t, or
// ENOENT for a kind not modelled.
func (t *Task) NamespacePath(kind string) (Path, error) {
	ns := t.namespace(kind)
	if ns == nil {
		return Path{}, linux.ENOENT
	}
	return t.k.nsPath(ns), nil
}

// NamespaceLink is what readlink of /proc/<pid>/ns/KIND shows:
// "mnt:[4026531832]".
func (t *Task) NamespaceLink(kind string) (string, error) {
	p, err := t.NamespacePath(kind)
	if err != nil {
		return "", err
	}
	return pseudoName(p.Dentry), nil
}

// NamespaceKinds are the entries of /proc/<pid>/ns, in the order Linux's
// readdir gives those it has of them (ns_entries).
var NamespaceKinds = []string{"net", "uts", "ipc", "pid", "pid_for_children", "user", "mnt", "cgroup", "time", "time_for_children"}

func (t *Task) namespace(kind string) Namespace {
	switch kind {
	case "mnt":
		return t.MountNamespace()
	case "uts":
		return t.UTSNamespace()
	case "ipc":
		return t.IPCNamespace()
	case "user":
		return t.k.userNSOf(t.Cred())
	case "pid":
		return t.PidNamespace()
	case "pid_for_children":
		return t.pidNSForChildrenLink()
	case "net":
		return t.NetNamespace()
	case "cgroup":
		return t.CgroupNamespace()
	case "time":
		return t.TimeNamespace()
	case "time_for_children":
		return t.TimeNSForChildren()
	}
	return nil
}

// nsFile is an open namespace file: it holds the namespace, as an open
// /proc/<pid>/ns file keeps a namespace no task is in alive.
type nsFile struct{}

func (nsFile) Open(f *File, _ *Task) error {
	f.Inode().Private.(Namespace).get()
	return nil
}

func (nsFile) Release(f *File) { f.Inode().Private.(Namespace).put() }

func (nsFile) ReadAt(*File, []byte, int64) (int, error)  { return 0, linux.EINVAL }
func (nsFile) WriteAt(*File, []byte, int64) (int, error) { return 0, linux.EINVAL }
func (nsFile) ReadDir(*File) ([]Dirent, error)           { return nil, linux.ENOTDIR }

// SetnsFd is setns(2) with a namespace file: join its namespace. nstype 0
// takes any kind; otherwise it must be the file's kind (EINVAL).
func (t *Task) SetnsFd(fd int, nstype uint64) error {
	var ns Namespace
	err := t.withFile(fd, func(f *File) error {
		if f.path {
			return linux.EBADF
		}
		n, ok := f.Inode().Private.(Namespace)
		if !ok || !t.k.isNsFile(f) {
			return linux.EINVAL
		}
		if nstype != 0 && nstype != n.CloneFlag() {
			return linux.EINVAL
		}
		ns = n
		return nil
	})
	if err != nil {
		return err
	}
	return t.install(ns)
}

// mayInstall is the check of utsns_install and ipcns_install:
// CAP_SYS_ADMIN over the namespace's owner and over the caller's own
// user namespace.
func (t *Task) mayInstall(owner *UserNamespace) bool {
	c := t.Cred()
	return c.NsCapable(owner, linux.CAP_SYS_ADMIN) && c.NsCapable(c.UserNS, linux.CAP_SYS_ADMIN)
}

// install is the namespace kind's ->install: move t into ns.
func (t *Task) install(ns Namespace) error {
	switch ns := ns.(type) {
	case *MountNamespace:
		return t.Setns(ns)
	case *UserNamespace:
		return t.joinUserNS(ns)
	case *PidNamespace:
		return t.joinPidNS(ns)
	case *UTSNamespace:
		if !t.mayInstall(ns.userNS) {
			return linux.EPERM
		}
		ns.get()
		t.uts.Swap(ns).put()
	case *IPCNamespace:
		if !t.mayInstall(ns.userNS) {
			return linux.EPERM
		}
		ns.get()
		t.exitSem() // ipcns_install: the old namespace's undo records apply
		t.ipc.Swap(ns).put()
	case *NetNamespace:
		if !t.mayInstall(ns.userNS) {
			return linux.EPERM
		}
		ns.get()
		t.netns.Swap(ns).put()
	case *CgroupNamespace:
		return t.joinCgroupNS(ns)
	case *TimeNamespace:
		return t.joinTimeNS(ns)
	}
	return nil
}

// joinCgroupNS is cgroupns_install: CAP_SYS_ADMIN over the caller's own
// namespace and CAP_SYS_ADMIN over the target's owner.
func (t *Task) joinCgroupNS(ns *CgroupNamespace) error {
	if !t.mayInstall(ns.userNS) {
		return linux.EPERM
	}
	ns.get()
	t.cgroupns.Swap(ns).put()
	return nil
}

// joinTimeNS is timens_install and timens_commit: the task and its
// children from now on are in ns, whose offsets become final.
func (t *Task) joinTimeNS(ns *TimeNamespace) error {
	if !t.mayInstall(ns.userNS) {
		return linux.EPERM
	}
	ns.get()
	t.timens.Swap(ns).put()
	ns.get()
	t.timensChildren.Swap(ns).put()
	ns.freeze()
	return nil
}

// OpenNamespace opens the file of target's namespace of kind for reading,
// as open("/proc/<pid>/ns/<kind>", O_RDONLY) does for t.
func (t *Task) OpenNamespace(target *Task, kind string) (int, error) {
	p, err := target.NamespacePath(kind)
	if err != nil {
		return -1, err
	}
	return t.DentryOpen(p, linux.O_RDONLY)
}
