// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// MountNamespace is struct mnt_namespace. Its mounts are kept in the order
// of their unique IDs (the kernel's ns->mounts rbtree), which is the order
// /proc/<pid>/mountinfo lists them in.
//
// All fields but event are guarded by Kernel.namespaceMu.
type MountNamespace struct {
	nsCommon
	k       *Kernel
	root    *Mount
	seq     uint64
	list    listHead  // mounts by idUnique
	nr      int       // nr_mounts
	pending int       // pending_mounts
	hint    *listHead // the last mount inserted, where the next one usually goes
	// event counts changes (ns->event), for poll on mountinfo.
	event atomic.Uint64
	// changed is closed at the next change, for watchers outside the
	// kernel (an export following the tree); nil until one asks.
	changed atomic.Pointer[chan struct{}]
	// users counts the tasks in the namespace (ns->ns.count); the last
	// one to leave tears the tree down (put_mnt_ns).
	users atomic.Int32
	// anon marks the namespace fsmount and open_tree(OPEN_TREE_CLONE)
	// make for a detached tree (is_anon_ns).
	anon bool
}

func (ns *MountNamespace) common() *nsCommon { return &ns.nsCommon }
func (ns *MountNamespace) Kind() string      { return "mnt" }
func (ns *MountNamespace) CloneFlag() uint64 { return linux.CLONE_NEWNS }

// ownerNS returns the user namespace owning ns (nil for none or the
// initial one).
func (ns *MountNamespace) ownerNS() *UserNamespace {
	if ns == nil {
		return nil
	}
	return ns.userNS
}

// get is get_mnt_ns.
func (ns *MountNamespace) get() { ns.users.Add(1) }

// put is put_mnt_ns: when the last task leaves, every mount of the
// namespace is unmounted, leaving its peer groups.
func (ns *MountNamespace) put() {
	if ns.users.Add(-1) != 0 {
		return
	}
	ns.k.freeNsInum(&ns.nsCommon)
	ns.uncharge()
	ns.k.mntNS.remove(ns)
	ns.k.lockNamespace()
	defer ns.k.unlockNamespace()
	if ns.root != nil {
		umountTree(ns.root, 0)
	}
}

var nsSeq atomic.Uint64

func (k *Kernel) allocMntNS() *MountNamespace {
	inum := uint64(mntInitIno)
	if k.initNS != nil {
		inum = k.allocNsInum()
	}
	ns := &MountNamespace{k: k, seq: nsSeq.Add(1), nsCommon: nsCommon{inum: inum}}
	ns.list.init()
	k.mntNS.add(ns)
	return ns
}

// Root returns the namespace's root mount.
func (ns *MountNamespace) Root() *Mount { return ns.root }

// Seq returns the namespace's sequence number.
func (ns *MountNamespace) Seq() uint64 { return ns.seq }

// Event returns the namespace's event counter.
func (ns *MountNamespace) Event() uint64 { return ns.event.Load() }

// Changed returns a channel closed at the namespace's next change (the
// wake-up poll on mountinfo gets); take it before reading the tree, so
// that a change in between is not missed.
func (ns *MountNamespace) Changed() <-chan struct{} {
	for {
		if c := ns.changed.Load(); c != nil {
			return *c
		}
		c := make(chan struct{})
		if ns.changed.CompareAndSwap(nil, &c) {
			return c
		}
	}
}

// addToNS is mnt_add_to_ns: insert m in unique-ID order. Insertions come
// in runs that rise (new mounts) or fall (propagated copies, committed
// newest first), so the search starts from the previous insertion.
func (ns *MountNamespace) addToNS(m *Mount) {
	m.ns.Store(ns)
	at := ns.hint
	if at == nil {
		at = ns.list.prev
	}
	for at != &ns.list && nsNodeOf(at).idUnique > m.idUnique {
		at = at.prev
	}
	for at.next != &ns.list && nsNodeOf(at.next).idUnique < m.idUnique {
		at = at.next
	}
	at.add(&m.nsNode)
	ns.hint = &m.nsNode
}

// moveFromNS is move_from_ns.
func moveFromNS(m *Mount) {
	if ns := m.ns.Load(); ns != nil && ns.hint == &m.nsNode {
		ns.hint = nil
	}
	m.nsNode.del()
}

// touch is touch_mnt_namespace.
func (ns *MountNamespace) touch() {
	if ns != nil {
		ns.event.Add(1)
		if c := ns.changed.Swap(nil); c != nil {
			close(*c)
		}
	}
}

// Mounts returns the namespace's mounts in mountinfo order.
func (ns *MountNamespace) Mounts() []*Mount {
	ns.k.lockNamespace()
	defer ns.k.unlockNamespace()
	var out []*Mount
	for l := ns.list.next; l != &ns.list; l = l.next {
		out = append(out, nsNodeOf(l))
	}
	return out
}

// NumMounts returns nr_mounts.
func (ns *MountNamespace) NumMounts() int {
	ns.k.lockNamespace()
	defer ns.k.unlockNamespace()
	return ns.nr
}

// countMounts is count_mounts: ENOSPC past fs.mount-max.
func (ns *MountNamespace) countMounts(m *Mount) error {
	max := int(ns.k.mountMax.Load())
	if ns.nr >= max {
		return linux.ENOSPC
	}
	max -= ns.nr
	if ns.pending >= max {
		return linux.ENOSPC
	}
	max -= ns.pending
	n := 0
	for p := m; p != nil; p = nextMnt(p, m) {
		n++
	}
	if n > max {
		return linux.ENOSPC
	}
	ns.pending += n
	return nil
}

// InitMountTree is init_mount_tree + create_mnt_ns: mount rootfs (which,
// as in Linux, need not be a registered type) as the root of the initial
// mount namespace and return a task (init) whose root and cwd are its root.
func (k *Kernel) InitMountTree(rootfs FilesystemType, data string) (*Task, error) {
	if err := k.initShmem(); err != nil {
		return nil, err
	}
	m, _, err := k.VfsKernMount(rootfs, RootCred(), 0, rootfs.Name(), data)
	if err != nil {
		return nil, err
	}
	ns := k.allocMntNS()
	ns.root = m
	ns.addToNS(m)
	ns.nr = 1
	k.initNS = ns
	root := Path{m, m.root}
	init := k.newTask(nil, RootCred(), ns, root, root, 0o022)
	init.startSession() // init leads session 1 and process group 1
	if err := k.initInternalMounts(); err != nil {
		init.Exit()
		return nil, err
	}
	return init, nil
}

// initInternalMounts makes the mounts the kernel keeps for itself, in the
// order Linux makes them once rootfs is up: nsfs (nsfs_init), what the
// drivers make at driver_init (devtmpfs's, when registered), sockfs
// (sock_init, a core initcall), pipefs (init_pipe_fs, an fs initcall),
// then the initial IPC namespace's mqueue if its type was registered
// (init_mqueue_fs). Each takes a mount ID, as on Linux.
func (k *Kernel) initInternalMounts() error {
	m, err := k.KernMount(nsfs)
	if err != nil {
		return err
	}
	// Namespace files may be bound to paths (nsfs_init drops
	// SB_NOUSER), which is how they outlive their tasks.
	m.sb.SetFlags(0, linux.SB_NOUSER)
	k.nsfsMnt = m
	if err := k.runDriverInits(); err != nil {
		return err
	}
	if err := k.initSockfs(); err != nil {
		return err
	}
	if err := k.initPipefs(); err != nil {
		return err
	}
	return k.initIPC.mountMqueue()
}

// InitNS returns the initial mount namespace.
func (k *Kernel) InitNS() *MountNamespace { return k.initNS }

// copyMntNS is copy_mnt_ns: a new namespace owned by owner holding a copy
// of ns's tree (with a reference for the caller), charged to euid, and
// where fs's root and working directory are in it (the caller moves them
// there when it installs the namespace). A copy for a less privileged
// owner (another user namespace) turns shared mounts into slaves of the
// originals and locks the tree (lock_mnt_tree).
func (k *Kernel) copyMntNS(ns *MountNamespace, fs *FSStruct, owner *UserNamespace, euid uint32) (*MountNamespace, Path, Path, error) {
	var charge nsCommon // inc_mnt_namespaces comes first (alloc_mnt_ns)
	if err := k.chargeNs(&charge, owner, euid, ucMntNS); err != nil {
		return nil, Path{}, Path{}, err
	}
	k.lockNamespace()
	defer k.unlockNamespace()
	old := ns.root
	crossing := !sameUserNS(owner, ns.userNS)
	tc := treeCopy{mode: copyUnbindable | copyExpire, note: true}
	if crossing {
		tc.mode |= copySharedToSlave
	}
	newRoot, err := tc.run(old, old.root)
	if err != nil {
		charge.uncharge()
		return nil, Path{}, Path{}, err
	}
	if crossing {
		lockMntTree(newRoot)
	}
	nns := k.allocMntNS()
	nns.root = newRoot
	nns.userNS = owner
	nns.charged = charge.charged
	st := fs.load()
	root, pwd := st.root, st.pwd
	for _, pr := range tc.pairs {
		nns.addToNS(pr.copy)
		nns.nr++
		if pr.orig == st.root.Mnt {
			root.Mnt = pr.copy
		}
		if pr.orig == st.pwd.Mnt {
			pwd.Mnt = pr.copy
		}
	}
	nns.get()
	return nns, root, pwd, nil
}

// unshareable are the flags Unshare takes.
const unshareable = newNSFlags | linux.CLONE_NEWUSER | linux.CLONE_FS | linux.CLONE_FILES

// newNSFlags are the namespaces whose making needs CAP_SYS_ADMIN over the
// owner (unshare_nsproxy_namespaces).
const newNSFlags = linux.CLONE_NEWNS | linux.CLONE_NEWUTS | linux.CLONE_NEWIPC | linux.CLONE_NEWPID |
	linux.CLONE_NEWNET | linux.CLONE_NEWCGROUP | linux.CLONE_NEWTIME

// Unshare is unshare(2) for CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWUTS,
// CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWCGROUP,
// CLONE_NEWTIME, CLONE_FS and CLONE_FILES. A new user
// namespace comes first, and its credentials are the ones the other new
// namespaces are checked against and owned by (unshare_userns, then
// unshare_nsproxy_namespaces); nothing changes on an error. A new PID or
// time namespace is for the caller's children, the caller stays where it
// is (until its next execve, for time).
func (t *Task) Unshare(flags uint64) (retErr error) {
	if flags&^unshareable != 0 {
		return linux.EINVAL
	}
	cred := t.Cred()
	if flags&linux.CLONE_NEWUSER != 0 {
		c, err := t.k.createUserNS(cred, t.chrooted())
		if err != nil {
			return err
		}
		cred = c
		defer func() {
			if retErr != nil {
				c.UserNS.dropUnused()
			}
		}()
	}
	owner := cred.UserNS
	if flags&newNSFlags != 0 && !cred.NsCapable(owner, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	n, err := t.newNamespaces(flags, cred)
	if err != nil {
		return err
	}
	if flags&(linux.CLONE_NEWNS|linux.CLONE_FS|linux.CLONE_NEWUSER) != 0 {
		t.unshareFS()
	}
	if n.mnt != nil {
		t.fsStruct().update(func(s *fsState) { s.root, s.pwd = n.root, n.pwd })
		t.mntns.Swap(n.mnt).put()
	}
	if flags&linux.CLONE_FILES != 0 {
		old := t.fdTable()
		t.files.Store(old.dup())
		if old.users.Add(-1) == 0 {
			old.closeAll(t)
		}
	}
	if n.uts != nil {
		t.uts.Swap(n.uts).put()
	}
	if n.ipc != nil {
		t.exitSem() // the old namespace's arrays are out of reach now
		t.ipc.Swap(n.ipc).put()
	}
	if n.pid != nil {
		t.pidNSChildren.Swap(n.pid).put()
	}
	t.unshareOtherNS(flags, owner)
	if cred != t.Cred() {
		t.SetCred(cred)
	}
	return nil
}

// newNamespaces are the namespaces an unshare makes, in the order of
// create_new_namespaces, made before any is installed so that a failure
// (ENOSPC past a user.max_*_namespaces limit) changes nothing.
type newNamespaces struct {
	// mnt is a copy of the caller's mount namespace; root and pwd are
	// where the caller's root and working directory go in it.
	mnt       *MountNamespace
	root, pwd Path
	pid       *PidNamespace
	uts       *UTSNamespace
	ipc       *IPCNamespace
}

func (t *Task) newNamespaces(flags uint64, cred *Cred) (n newNamespaces, err error) {
	defer func() {
		if err != nil {
			n.put()
		}
	}()
	if flags&linux.CLONE_NEWNS != 0 {
		n.mnt, n.root, n.pwd, err = t.k.copyMntNS(t.MountNamespace(), t.fsStruct(), cred.UserNS, cred.EUID)
		if err != nil {
			return n, err
		}
	}
	if flags&linux.CLONE_NEWUTS != 0 {
		if n.uts, err = t.UTSNamespace().copy(cred); err != nil {
			return n, err
		}
	}
	if flags&linux.CLONE_NEWIPC != 0 {
		if n.ipc, err = t.k.newIPCNamespace(cred.UserNS, cred.EUID); err != nil {
			return n, err
		}
	}
	if flags&linux.CLONE_NEWPID != 0 {
		if n.pid, err = t.unsharePid(cred); err != nil {
			return n, err
		}
	}
	return n, nil
}

// put drops namespaces an unshare made but did not install.
func (n newNamespaces) put() {
	if n.mnt != nil {
		n.mnt.put()
	}
	if n.uts != nil {
		n.uts.put()
	}
	if n.ipc != nil {
		n.ipc.put()
	}
	if n.pid != nil {
		n.pid.put()
	}
}

// chrooted is current_chrooted: the task's root is not its mount
// namespace's root (with what is mounted on top of it).
func (t *Task) chrooted() bool {
	ns := t.MountNamespace()
	t.k.lockNamespace()
	nsRoot := traverseMounts(Path{ns.root, ns.root.root})
	t.k.unlockNamespace()
	return t.fsStruct().load().root != nsRoot
}

// Setns is setns(2) for a mount namespace: join ns, with root and cwd at
// its root.
func (t *Task) Setns(ns *MountNamespace) error {
	if ns == nil || ns.root == nil {
		return linux.EINVAL
	}
	c := t.Cred()
	if !c.NsCapable(ns.userNS, linux.CAP_SYS_ADMIN) || !c.NsCapable(c.UserNS, linux.CAP_SYS_CHROOT) ||
		!c.NsCapable(c.UserNS, linux.CAP_SYS_ADMIN) {
		return linux.EPERM
	}
	t.unshareFS()
	root := traverseMounts(Path{ns.root, ns.root.root})
	t.fsStruct().update(func(s *fsState) { s.root, s.pwd = root, root })
	ns.get()
	old := t.mntns.Swap(ns)
	old.put()
	return nil
}
