// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// Path is struct path: a dentry as seen through a mount.
type Path struct {
	Mnt    *Mount
	Dentry *Dentry
}

// fsState is the immutable content of a fs_struct; chdir and chroot publish
// a new one so that path walks read root and cwd with one atomic load.
type fsState struct {
	root, pwd Path
}

// FSStruct is struct fs_struct: root, working directory and umask, shared by
// tasks cloned with CLONE_FS.
type FSStruct struct {
	// mu serializes writers and guards users and dead: pivot_root
	// rewrites the fs_struct of other tasks, which may be letting go of it
	// at the same moment.
	mu    sync.Mutex
	users int32 // tasks sharing it
	dead  bool  // the last user left; root and pwd are no longer held
	state atomic.Pointer[fsState]
	umask atomic.Uint32
}

func newFSStruct(root, pwd Path, umask uint32) *FSStruct {
	fs := &FSStruct{users: 1}
	root.Mnt.get()
	pwd.Mnt.get()
	fs.state.Store(&fsState{root: root, pwd: pwd})
	fs.umask.Store(umask)
	return fs
}

func (fs *FSStruct) load() *fsState { return fs.state.Load() }

// update swaps root and/or pwd (set_fs_root/set_fs_pwd), moving mount
// references. It does nothing once the last user is gone, and returns
// false, changing nothing, when a new mount was released after the walk
// that found it (tryGet).
func (fs *FSStruct) update(f func(s *fsState)) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.dead {
		return true
	}
	old := fs.state.Load()
	s := *old
	f(&s)
	if !s.root.Mnt.tryGet() {
		return false
	}
	if !s.pwd.Mnt.tryGet() {
		s.root.Mnt.mntput()
		return false
	}
	fs.state.Store(&s)
	old.root.Mnt.mntput()
	old.pwd.Mnt.mntput()
	return true
}

// copy is copy_fs_struct: the references are taken under fs.mu, so a
// concurrent update cannot drop them first.
func (fs *FSStruct) copy() *FSStruct {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	s := fs.load()
	return newFSStruct(s.root, s.pwd, fs.umask.Load())
}

// get adds a user (CLONE_FS).
func (fs *FSStruct) get() {
	fs.mu.Lock()
	fs.users++
	fs.mu.Unlock()
}

// put is free_fs after the last user's exit_fs or unshare_fs.
func (fs *FSStruct) put() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.users--; fs.users != 0 {
		return
	}
	fs.dead = true
	s := fs.load()
	s.root.Mnt.mntput()
	s.pwd.Mnt.mntput()
}

// Task is struct task_struct reduced to what the VFS sees: credentials,
// fs_struct, files_struct, nsproxy's namespaces and its numbers (struct
// pid).
type Task struct {
	k    *Kernel
	tid  int32
	cred atomic.Pointer[Cred]
	// fs is replaced only by the task itself (unshare, setns); other
	// tasks read it in pivot_root's chroot_fs_refs.
	fs    atomic.Pointer[FSStruct]
	files atomic.Pointer[FDTable] // like fs: /proc readers of other tasks
	mntns atomic.Pointer[MountNamespace]
	uts   atomic.Pointer[UTSNamespace]
	ipc   atomic.Pointer[IPCNamespace]
	shm   shmAttachments // System V segments attached (sysvipc_shm.go)
	// semUndo are the semaphore arrays with this task's undo records.
	semUndo semUndoRefs
	// netns, cgroupns and timens complete nsproxy; timensChildren is
	// time_ns_for_children, entered at the next execve (timens.go).
	netns    atomic.Pointer[NetNamespace]
	cgroupns atomic.Pointer[CgroupNamespace]
	// cgroup is the task's cgroup of the unified hierarchy (cgroup.go).
	cgroup         atomic.Pointer[cgroupRef]
	timens         atomic.Pointer[TimeNamespace]
	timensChildren atomic.Pointer[TimeNamespace]
	// image is the program execve last recorded (exec.go); fork shares it.
	image atomic.Pointer[execImage]
	// exe is the file that program was loaded from (mm->exe_file): an
	// O_PATH file, so that it holds its mount as Linux's does; nil for a
	// program with no file. exeMu guards the pointer's swaps against
	// readers taking a reference (exec.go).
	exeMu sync.Mutex
	exe   *File
	// pids are the task's numbers, one per PID namespace from the initial
	// one (index 0, also tid) to its own (struct pid); parent forked it.
	// pidNSChildren is the namespace of its children (pidns.go).
	pids          []upid
	parent        *Task
	pidNSChildren atomic.Pointer[PidNamespace]
	exited        atomic.Bool
	// signals are those sent to the task, recorded (signal.go).
	signals sigRecord
	// dying is set once a fatal signal is pending (signal.go).
	dying atomic.Bool
	// noNewPrivs and pdeathSignal are prctl's (capability_syscalls.go):
	// the first is inherited and never cleared, the second starts at 0
	// in a child.
	noNewPrivs   atomic.Bool
	pdeathSignal atomic.Int32
	// started is the kernel's uptime at the task's creation
	// (start_boottime); task_stat.go.
	started time.Duration
	// kthread marks a task of the kernel's own (KernelThread).
	kthread atomic.Bool
	// pgrp and session are the task's process group and session, nil
	// for a kernel thread's (0); leads is the group its own numbers
	// name once it led one; execed is set by its first execve
	// (setpgid's EACCES). pgrp.go.
	pgrp, session atomic.Pointer[idGroup]
	leads         *idGroup // guarded by pidmapMu
	execed        atomic.Bool
	// rlim is the task's resource limits, shared with its parent until
	// either changes one (rlimit.go).
	rlim atomic.Pointer[rlimits]
}

func (k *Kernel) newTask(parent *Task, cred *Cred, ns *MountNamespace, root, pwd Path, umask uint32) *Task {
	t := &Task{k: k, parent: parent, started: k.Uptime()}
	if err := allocPid(t, k.initPidNS, true); err != nil {
		panic("vfs: no PID left for a kernel task: " + err.Error())
	}
	t.pidNSChildren.Store(k.initPidNS)
	t.rlim.Store(initRlimits(k.TotalRAMPages()))
	t.files.Store(newFDTable())
	t.fs.Store(newFSStruct(root, pwd, umask))
	t.cred.Store(cred)
	cred.UserNS.get()
	ns.get()
	t.mntns.Store(ns)
	k.initUTS.get()
	t.uts.Store(k.initUTS)
	k.initIPC.get()
	t.ipc.Store(k.initIPC)
	t.shareOtherNS(k.initNet, k.initCgroup, k.initTime)
	t.attachPid()
	k.tasks.add(t)
	return t
}

// shareOtherNS puts a new task into net, cgroup and time (also its time
// namespace for children), with a reference on each.
func (t *Task) shareOtherNS(net *NetNamespace, cg *CgroupNamespace, tm *TimeNamespace) {
	net.get()
	t.netns.Store(net)
	cg.get()
	t.cgroupns.Store(cg)
	tm.get()
	t.timens.Store(tm)
	tm.get()
	t.timensChildren.Store(tm)
}

// Kernel returns the task's kernel.
func (t *Task) Kernel() *Kernel { return t.k }

// TID returns the task's thread ID.
func (t *Task) TID() int32 { return t.tid }

// Cred returns the current credentials (current_cred).
func (t *Task) Cred() *Cred { return t.cred.Load() }

// SetCred installs new credentials (commit_creds); the task's reference
// on its user namespace moves with them.
func (t *Task) SetCred(c *Cred) {
	c.UserNS.get()
	old := t.cred.Swap(c)
	t.credsCommitted(old, c)
	old.UserNS.put()
}

// MountNamespace returns the task's mount namespace.
func (t *Task) MountNamespace() *MountNamespace { return t.mntns.Load() }

// fdTable is current->files.
func (t *Task) fdTable() *FDTable { return t.files.Load() }

// fsStruct is current->fs.
func (t *Task) fsStruct() *FSStruct { return t.fs.Load() }

// unshareFS is unshare_fs: a private copy of the fs_struct replaces the
// shared one.
func (t *Task) unshareFS() {
	n := t.fsStruct().copy()
	t.fs.Swap(n).put()
}

// Root returns the task's root directory.
func (t *Task) Root() Path { return t.fsStruct().load().root }

// Cwd returns the task's working directory.
func (t *Task) Cwd() Path { return t.fsStruct().load().pwd }

// Clone is Fork for callers that cannot report a failed fork: in a PID
// namespace whose reaper has exited, where fork fails, the child is made
// all the same; CLONE_NEWPID is ignored.
func (t *Task) Clone(flags uint64) *Task {
	n, err := t.fork(flags&^linux.CLONE_NEWPID, true)
	if err != nil {
		panic("vfs: Clone: " + err.Error()) // EAGAIN: every PID in use
	}
	return n
}

// Fork is fork/clone(2): a new task with a copy of the credentials, a
// copy of the fs_struct and file table (or shared ones with
// CLONE_FS/CLONE_FILES), in the same namespaces but for CLONE_NEWPID's
// (pidns.go). It fails with ENOMEM in a PID namespace whose reaper has
// exited, and with EAGAIN when the cgroup hierarchy refuses the child (a
// pids.max reached).
func (t *Task) Fork(flags uint64) (*Task, error) { return t.fork(flags, false) }

func (t *Task) fork(flags uint64, force bool) (*Task, error) {
	pidNS, err := t.childPidNS(flags)
	if err != nil {
		return nil, err
	}
	cg, err := t.cgroupCanFork(force)
	if err != nil {
		pidNS.put()
		return nil, err
	}
	n := &Task{k: t.k, parent: t, started: t.k.Uptime()}
	if err := allocPid(n, pidNS, force); err != nil {
		pidNS.put()
		t.cgroupCancelFork(cg)
		return nil, err
	}
	if cg != nil {
		n.SetCgroup(cg)
	}
	n.pidNSChildren.Store(pidNS)
	t.inheritGroups(n)
	n.cred.Store(t.Cred())
	t.Cred().UserNS.get()
	n.image.Store(t.image.Load())
	n.exe = t.exeFile()
	n.noNewPrivs.Store(t.noNewPrivs.Load())
	n.rlim.Store(t.rlim.Load())
	ns := t.MountNamespace()
	ns.get()
	n.mntns.Store(ns)
	uts := t.UTSNamespace()
	uts.get()
	n.uts.Store(uts)
	ipc := t.IPCNamespace()
	ipc.get()
	n.ipc.Store(ipc)
	n.shareOtherNS(t.NetNamespace(), t.CgroupNamespace(), t.TimeNSForChildren())
	n.TimeNamespace().freeze()
	if fs := t.fsStruct(); flags&linux.CLONE_FS != 0 {
		fs.get()
		n.fs.Store(fs)
	} else {
		n.fs.Store(fs.copy())
	}
	if flags&linux.CLONE_FILES != 0 {
		ft := t.fdTable()
		ft.users.Add(1)
		n.files.Store(ft)
	} else {
		n.files.Store(t.fdTable().dup())
	}
	n.attachPid()
	t.k.tasks.add(n)
	return n, nil
}

// Exit is do_exit for the VFS: close every descriptor and drop root/cwd.
func (t *Task) Exit() {
	t.k.tasks.remove(t)
	if ft := t.fdTable(); ft.users.Add(-1) == 0 {
		ft.closeAll(t)
	}
	t.setExe(nil)
	t.fsStruct().put()
	t.exitSem()
	t.exitShm()
	t.MountNamespace().put()
	t.UTSNamespace().put()
	t.IPCNamespace().put()
	t.NetNamespace().put()
	t.CgroupNamespace().put()
	t.TimeNamespace().put()
	t.TimeNSForChildren().put()
	t.Cred().UserNS.put()
	t.exited.Store(true)
	t.cgroupExit()
	t.freePid()
	t.PidNSForChildren().put()
	t.k.runExitHooks(t)
}

// Umask is umask(2): set the mask and return the old one.
func (t *Task) Umask(mask uint32) uint32 { return t.fsStruct().umask.Swap(mask & 0o777) }

// GetUmask returns the umask without changing it.
func (t *Task) GetUmask() uint32 { return t.fsStruct().umask.Load() }
