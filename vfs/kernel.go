// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// minorBits is MINORBITS: anonymous devices are 0:1 .. 0:(1<<20)-1.
const minorBits = 20

// Kernel is the state the Linux kernel keeps once per machine: the registered
// filesystem types (file_systems), the ID allocators, the clock, and the
// initial mount namespace.
type Kernel struct {
	fsMu    sync.RWMutex // file_systems_lock
	fsTypes []FilesystemType

	anonDevs *IDA // unnamed_dev_ida
	swaps    swapTable
	mountIDs *IDA // mnt_id_xa
	groupIDs *IDA // mnt_group_ida
	// mntIDCounter is mnt_id_ctr: unique mount IDs, never reused.
	mntIDCounter atomic.Uint64
	// mountMax is sysctl fs.mount-max.
	mountMax atomic.Int64
	// SecuritySbMount, when set, is consulted first by mount(2)
	// (security_sb_mount); a non-nil error is returned as is.
	SecuritySbMount func(t *Task, source string, target Path, fstype string, flags uint64, data string) error

	// namespaceMu is namespace_sem: it serializes changes to any mount
	// tree.
	namespaceMu sync.Mutex
	deferred    deferredReleases // namespace_lock.go
	// mountSeq is mount_lock's seqcount over the mount hash; odd while a
	// writer (holding namespaceMu) is inside; mountSeqDepth nests sections.
	mountSeq      atomic.Uint64
	mountSeqDepth int
	// renameSeq is rename_lock: odd while a rename moves dentries (a
	// writer makes it odd by compare-and-swap), for the ".." check of
	// scoped walks.
	renameSeq atomic.Uint64
	// treeBuf holds the copies attachRecursiveMnt makes, kept between
	// calls so that a propagated mount allocates nothing but its copies.
	// namespaceMu.
	treeBuf []*Mount
	// umountBatch is umountTree's working space, kept between calls;
	// nil while one is under way.
	umountBatch *umountBatch
	// plan is propagate_mnt's plan, likewise kept between calls.
	plan *propagationPlan
	// mountsLocked is set once any mount gets MNT_LOCKED (mount_locked.go).
	mountsLocked atomic.Bool

	clock func() time.Time // nil: realNow
	// mgFloor is the newest fine-grained time stamped, in ns (mgtime.go).
	mgFloor atomic.Int64
	nextIno atomic.Uint64 // get_next_ino

	// ramPages is totalram_pages(): what tmpfs's defaults and "size=N%"
	// are computed from.
	ramPages atomic.Uint64
	// gbPages is what SetDirectGBPages gave.
	gbPages func() bool
	// shmemPages is NR_SHMEM: the pages tmpfs files hold (meminfo.go).
	shmemPages atomic.Int64
	// flocks are the BSD file locks (flock.go).
	flocks flockTable

	initNS  *MountNamespace
	initUTS *UTSNamespace
	// kthreadd is the parent of the kernel's threads (kthread.go).
	kthreadd     *Task
	kthreaddOnce sync.Once
	// initNet, initCgroup and initTime are init_net, init_cgroup_ns and
	// init_time_ns (whose offsets are zero and final).
	initNet    *NetNamespace
	initCgroup *CgroupNamespace
	// cgroups is the unified hierarchy a cgroup filesystem registered
	// (cgroup.go).
	cgroups  atomic.Pointer[CgroupHierarchy]
	initTime *TimeNamespace
	initIPC  *IPCNamespace
	// initPidNS is init_pid_ns (pidns.go).
	initPidNS *PidNamespace
	// initUserNS stands for the initial user namespace where an object is
	// needed (nsfs, setns); credentials say nil for it.
	initUserNS *UserNamespace
	// overflowUID and overflowGID are sysctl kernel.overflowuid and
	// kernel.overflowgid; fsOverflowUID and fsOverflowGID fs.overflowuid
	// and fs.overflowgid.
	overflowUID, overflowGID     atomic.Uint32
	fsOverflowUID, fsOverflowGID atomic.Uint32
	// ipcFsType is what each IPC namespace mounts for itself (mqueue).
	ipcFsType  atomic.Pointer[FilesystemType]
	tasks      taskSet
	chardevs   charDevs
	majorNames majorNames // /proc/devices (majors.go)
	bdevs      blockDevs

	fsData sync.Map // per-kernel state of filesystem types (FsData)
	// signalHook is what OnSignal set (signal.go).
	signalHook atomic.Pointer[func(*Task, Siginfo)]

	// kernMounts are the mounts KernMount made and KernUnmount has not
	// dropped; guarded by namespaceMu.
	kernMounts []*Mount
	// nsfsMnt is nsfs_mnt; nsInums numbers namespaces (proc_inum_ida).
	nsfsMnt *Mount
	nsInums *IDA
	// shmType and shmMnt are shmem's type and shm_mnt (memfd.go).
	shmType FilesystemType
	shmMnt  *Mount
	// sockMnt is sock_mnt; unixSocks the bound AF_UNIX sockets.
	sockMnt   *Mount
	unixOnce  sync.Once
	unixSocks *unixTable
	// pipeMnt is pipe_mnt, the kernel's mount of pipefs; pipeMaxSize is
	// /proc/sys/fs/pipe-max-size.
	pipeMnt *Mount
	// anonMnt and anonInode are anon_inode_mnt and anon_inode_inode,
	// made on first use (fsopen.go).
	anonOnce    sync.Once
	anonMnt     *Mount
	anonInode   *Inode
	anonErr     error
	pipeMaxSize atomic.Int64

	// mntNS finds mount namespaces by ID (statmount, listmount).
	mntNS mntNSTable

	// interrupted is set by Interrupt; sleepers are what may block a task.
	interrupted atomic.Bool
	sleepers    sleeperSet

	reboot  rebootState
	sysctls sysctlTable

	logMu     sync.Mutex
	log       printkLog // the kernel log (printk.go)
	cmdline   string
	born      time.Time
	exitHooks exitHooks
	// devices is the device model (devices.go).
	devices deviceModel
	drivers driverInits
}

// SetCmdline records the kernel command line (saved_command_line), which
// /proc/cmdline shows.
func (k *Kernel) SetCmdline(line string) {
	k.logMu.Lock()
	k.cmdline = line
	k.logMu.Unlock()
}

// Cmdline is the kernel command line.
func (k *Kernel) Cmdline() string {
	k.logMu.Lock()
	defer k.logMu.Unlock()
	return k.cmdline
}

// Uptime is the time since the kernel was made (the clock printk stamps
// its lines with).
func (k *Kernel) Uptime() time.Duration { return time.Since(k.born) }

// logFc moves an fs_context's messages to the kernel log.
func (k *Kernel) logFc(fc *FsContext) {
	for _, l := range fc.Log {
		k.Printk(l)
	}
	fc.Log = nil
}

// NewKernel returns a kernel with no filesystem types and no mounts; register
// types, then call InitMountTree, which also makes the kernel's own mounts.
func NewKernel() *Kernel {
	k := &Kernel{
		anonDevs: NewIDA(1, 1<<minorBits-1),
		mountIDs: NewIDA(1, 1<<31-1),
		groupIDs: NewIDA(1, 1<<31-1),
		nsInums:  NewIDA(0, 1<<28-1),
		born:     time.Now(),
		log:      newPrintkLog(),
	}
	k.initUTS = newInitUTS(k)
	k.initUserNS = &UserNamespace{k: k, nsCommon: nsCommon{inum: userInitIno}}
	k.initIPC = &IPCNamespace{k: k, nsCommon: nsCommon{inum: ipcInitIno}}
	k.initIPC.initSysv()
	k.initPidNS = newInitPidNS(k)
	k.initNet = &NetNamespace{countedNS: countedNS{k: k, nsCommon: nsCommon{inum: netInitIno}}}
	k.initCgroup = &CgroupNamespace{countedNS: countedNS{k: k, nsCommon: nsCommon{inum: cgroupInitIno}}}
	k.initTime = &TimeNamespace{countedNS: countedNS{k: k, nsCommon: nsCommon{inum: timeInitIno}}, frozen: true}
	k.ramPages.Store(defaultRAMPages)
	k.mntIDCounter.Store(1 << 31) // MNT_UNIQUE_ID_OFFSET
	k.mountMax.Store(100000)
	k.pipeMaxSize.Store(linux.PipeMaxSizeDefault)
	k.registerCoreSysctls()
	k.registerUserNSSysctls()
	return k
}

// defaultRAMPages is 8 GiB of 4 KiB pages.
const defaultRAMPages = 8 << 30 >> 12

// SetTotalRAM sets the memory size, in bytes, the kernel believes it has.
func (k *Kernel) SetTotalRAM(bytes uint64) { k.ramPages.Store(bytes >> 12) }

// TotalRAMPages is totalram_pages().
func (k *Kernel) TotalRAMPages() uint64 { return k.ramPages.Load() }

// SetDirectGBPages says how to learn whether the CPU maps memory in 1 GiB
// pages (X86_FEATURE_GBPAGES): /proc/meminfo then has a DirectMap1G line.
// f is asked once, when first needed; set it before the kernel runs.
func (k *Kernel) SetDirectGBPages(f func() bool) { k.gbPages = sync.OnceValue(f) }

// DirectGBPages is direct_gbpages: false unless SetDirectGBPages said so.
func (k *Kernel) DirectGBPages() bool { return k.gbPages != nil && k.gbPages() }

// GetNextIno is get_next_ino: inode numbers for filesystems without their
// own numbering (ramfs, pipes, sockets).
func (k *Kernel) GetNextIno() uint64 { return k.nextIno.Add(1) }

// SetMountMax sets fs.mount-max, the per-namespace mount limit.
func (k *Kernel) SetMountMax(n int) { k.mountMax.Store(int64(n)) }

// MountMax is sysctl fs.mount-max.
func (k *Kernel) MountMax() int { return int(k.mountMax.Load()) }

// SetClock replaces the time source (tests).
func (k *Kernel) SetClock(now func() time.Time) { k.clock = now }

// Now is current_time.
func (k *Kernel) Now() Timespec {
	if k.clock != nil {
		return TimespecOf(k.clock())
	}
	return realNow()
}

// RegisterFilesystem is register_filesystem: EBUSY if the name is taken.
func (k *Kernel) RegisterFilesystem(t FilesystemType) error {
	k.fsMu.Lock()
	defer k.fsMu.Unlock()
	for _, o := range k.fsTypes {
		if o.Name() == t.Name() {
			return linux.EBUSY
		}
	}
	k.fsTypes = append(k.fsTypes, t)
	return nil
}

// GetFsType is get_fs_type; ENODEV when no such type is registered.
func (k *Kernel) GetFsType(name string) (FilesystemType, error) {
	k.fsMu.RLock()
	defer k.fsMu.RUnlock()
	for _, t := range k.fsTypes {
		if t.Name() == name {
			return t, nil
		}
	}
	return nil, linux.ENODEV
}

// Filesystems renders /proc/filesystems: registration order, "nodev" for
// types without FS_REQUIRES_DEV.
func (k *Kernel) Filesystems() string {
	k.fsMu.RLock()
	defer k.fsMu.RUnlock()
	var b strings.Builder
	for _, t := range k.fsTypes {
		if t.Flags()&FS_REQUIRES_DEV == 0 {
			b.WriteString("nodev")
		}
		b.WriteString("\t" + t.Name() + "\n")
	}
	return b.String()
}

// getAnonBdev is get_anon_bdev: the lowest free 0:N, EMFILE when none is
// left.
func (k *Kernel) getAnonBdev() (uint64, error) {
	n, ok := k.anonDevs.Alloc()
	if !ok {
		return 0, linux.EMFILE
	}
	return linux.Mkdev(0, uint32(n)), nil
}

// freeAnonBdev is free_anon_bdev.
func (k *Kernel) freeAnonBdev(dev uint64) { k.anonDevs.Free(int(linux.Minor(dev))) }

// TaskByTID returns the live task with thread ID tid (its number in the
// initial PID namespace).
func (k *Kernel) TaskByTID(tid int32) *Task { return k.initPidNS.Task(tid) }

// Tasks returns the live tasks.
func (k *Kernel) Tasks() []*Task { return k.tasks.all() }

// FsData returns the value a filesystem type keeps per kernel under key,
// making it with mk on first use: what get_tree_keyed keys on (an IPC or PID
// namespace), since linuxvfs has one of each per kernel.
func (k *Kernel) FsData(key any, mk func() any) any {
	if v, ok := k.fsData.Load(key); ok {
		return v
	}
	v, _ := k.fsData.LoadOrStore(key, mk())
	return v
}

// sleeperSet holds the objects tasks may sleep on (pipes), so that
// Interrupt can wake them.
type sleeperSet struct {
	mu  sync.Mutex
	all map[sleeper]struct{}
}

// sleeper is something a task may sleep on: a pipe, a socket pair.
type sleeper interface{ wake() }

func (s *sleeperSet) add(p sleeper) {
	s.mu.Lock()
	if s.all == nil {
		s.all = make(map[sleeper]struct{})
	}
	s.all[p] = struct{}{}
	s.mu.Unlock()
}

// Interrupt wakes every task sleeping in the kernel (a FIFO open, read or
// write) with EINTR, and makes later sleeps, reads and writes fail at once:
// what a fatal signal does to a process (filemap_read and
// generic_perform_write stop with EINTR when one is pending). An embedder
// calls it when it gives up on the tasks, so none can block forever or go
// on copying /dev/zero into a ramfs.
func (k *Kernel) Interrupt() {
	k.interrupted.Store(true)
	k.sleepers.mu.Lock()
	all := make([]sleeper, 0, len(k.sleepers.all))
	for p := range k.sleepers.all {
		all = append(all, p)
	}
	k.sleepers.mu.Unlock()
	for _, p := range all {
		p.wake()
	}
}

// fatalSignalPending is fatal_signal_pending(current): the task's kernel
// has been interrupted, or a signal is killing the task (SetFatalSignal).
func (t *Task) fatalSignalPending() bool { return t.k.interrupted.Load() || t.dying.Load() }

// taskChecking is a sleeper whose tasks look at their own fatal signal
// when woken (fatalSignalPending), not only at the kernel's interrupt:
// SetFatalSignal wakes these, and they go back to sleep if the signal
// was another task's.
type taskChecking interface {
	sleeper
	checksTask()
}

// wakeTaskChecking wakes the sleepers that look at their task's signal.
func (s *sleeperSet) wakeTaskChecking() {
	s.mu.Lock()
	var woken []sleeper
	for p := range s.all {
		if _, ok := p.(taskChecking); ok {
			woken = append(woken, p)
		}
	}
	s.mu.Unlock()
	for _, p := range woken {
		p.wake()
	}
}

func (s *sleeperSet) remove(p sleeper) {
	s.mu.Lock()
	delete(s.all, p)
	s.mu.Unlock()
}
