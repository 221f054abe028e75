// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

type kind int

const (
	kindRoot kind = iota
	kindSelf
	kindMountsLink
	kindFilesystems
	kindTaskDir
	kindMountinfo
	kindMounts
	kindCwd
	kindRootLink
	kindFdDir
	kindFd
	kindNsDir
	kindNs     // fd indexes vfs.NamespaceKinds
	kindSysDir // fd indexes the sysctl directories, 0 being /proc/sys
	kindSysctl // fd indexes the sysctls
	kindThreadSelf
	kindThreads // /proc/<pid>/task
	kindCmdline
	kindEnviron
	kindStatus
	kindComm
	kindPartitions
	kindKernelCmdline
	kindVersion
	kindUptime
	kindIDMap // fd indexes vfs.IDMapKinds
	kindSetgroups
	kindCgroup
	kindTimensOffsets
	kindStat
	kindStatm
	kindMeminfo
	kindLoadavg
	kindSysStat
	kindFdInfoDir
	kindFdInfo
	kindMountstats
	kindDevices
	kindMisc
	kindSwaps
	kindExe
	kindTidDir // /proc/<pid>/task/<tid>
	kindLimits
	kindSysvipcDir
	kindSysvipc // fd indexes vfs.SysvipcFiles
)

// node is what a procfs inode stands for.
type node struct {
	kind kind
	tid  int32
	fd   int
}

// entry is a fixed name of a procfs directory.
type entry struct {
	name string
	kind kind
}

var rootFiles = []entry{
	{"cmdline", kindKernelCmdline}, {"devices", kindDevices}, {"filesystems", kindFilesystems}, {"loadavg", kindLoadavg}, {"meminfo", kindMeminfo},
	{"misc", kindMisc}, {"mounts", kindMountsLink}, {"partitions", kindPartitions}, {"self", kindSelf}, {"stat", kindSysStat}, {"swaps", kindSwaps}, {"sys", kindSysDir},
	{"sysvipc", kindSysvipcDir},
	{"thread-self", kindThreadSelf}, {"uptime", kindUptime}, {"version", kindVersion},
}

var taskFiles = []entry{
	{"cgroup", kindCgroup}, {"cmdline", kindCmdline}, {"comm", kindComm}, {"cwd", kindCwd}, {"environ", kindEnviron}, {"exe", kindExe}, {"fd", kindFdDir},
	{"fdinfo", kindFdInfoDir}, {"limits", kindLimits}, {"mountinfo", kindMountinfo}, {"mounts", kindMounts}, {"mountstats", kindMountstats},
	{"ns", kindNsDir}, {"root", kindRootLink},
	{"stat", kindStat}, {"statm", kindStatm}, {"status", kindStatus}, {"task", kindThreads}, {"timens_offsets", kindTimensOffsets},
	{"uid_map", kindIDMap}, {"gid_map", kindIDMap}, {"projid_map", kindIDMap}, {"setgroups", kindSetgroups},
}

// tidFiles are the entries of /proc/<pid>/task/<tid>: a thread's
// directory (tid_base_stuff) has no task directory of its own, nor the
// process-wide timens_offsets.
var tidFiles = slices.DeleteFunc(slices.Clone(taskFiles), func(f entry) bool {
	return f.kind == kindThreads || f.kind == kindTimensOffsets
})

// filesOf is the fixed entries of a process's or a thread's directory.
func filesOf(k kind) []entry {
	if k == kindTidDir {
		return tidFiles
	}
	return taskFiles
}

// taskFileNode is the node of the task file f of tid.
func taskFileNode(name string, k kind, tid int32) node {
	n := node{kind: k, tid: tid}
	if k == kindIDMap {
		n.fd = slices.Index(vfs.IDMapKinds, name)
	}
	return n
}

type inodeOps struct {
	sb *vfs.Superblock
	ps *procSB
}

func nodeOf(in *vfs.Inode) node { return in.Private.(node) }

// inoOf is the inode number of what n stands for, the same in stat and in
// readdir (where 0 would hide the entry). The root is 1; the fixed files of the root are
// numbered from 0xF0000000, as Linux numbers them (proc_alloc_inum); a
// task's files from its TID.
func inoOf(n node) uint64 {
	if n.kind == kindRoot {
		return 1 // PROC_ROOT_INO
	}
	if n.tid == 0 {
		return 0xF0000000 + uint64(n.kind)<<12 + uint64(n.fd)&0xfff
	}
	return 1<<52 | uint64(uint32(n.tid))<<20 | uint64(n.kind)<<12 | uint64(n.fd)&0xfff
}

func (o *inodeOps) newInode(n node, mode uint32, uid uint32) *vfs.Inode {
	ino := inoOf(n)
	gid := uid
	if owner, ok := o.taskOwner(n); ok {
		uid, gid = owner[0], owner[1]
	}
	var ops vfs.InodeOperations = o
	switch n.kind {
	case kindCwd, kindRootLink, kindFd, kindNs, kindExe:
		ops = magicLinkOps{o}
	}
	in := o.sb.NewInode(ino, vfs.InodeAttr{Mode: mode, UID: uid, GID: gid}, ops, o)
	in.Private = n
	if n.kind != kindFdDir { // its size is Getattr's
		in.SetSizeLocked(o.sizeOf(n)) // not yet visible to anyone
	}
	return in
}

// taskOwner is task_dump_owner: a task's entries belong to its effective
// user and group.
func (o *inodeOps) taskOwner(n node) ([2]uint32, bool) {
	if n.tid == 0 {
		return [2]uint32{}, false
	}
	t := o.ps.task(n.tid)
	if t == nil {
		return [2]uint32{}, false
	}
	c := t.Cred()
	return [2]uint32{c.EUID, c.EGID}, true
}

// sizeOf is what stat shows as a file's size: procfs files are empty but
// for a few: a fixed link's target length (proc_symlink), 64 for fd/N,
// and the number of open descriptors for fd (proc_fd_getattr).
func (o *inodeOps) sizeOf(n node) int64 {
	switch n.kind {
	case kindMountsLink:
		return int64(len("self/mounts"))
	case kindFd:
		return 64
	case kindFdDir:
		if t := o.ps.task(n.tid); t != nil {
			return int64(len(t.Fds()))
		}
	}
	return 0
}

// Lookup is proc_root_lookup / proc_pid_lookup.
func (o *inodeOps) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	d := nodeOf(dir)
	switch d.kind {
	case kindRoot:
		for _, f := range rootFiles {
			if f.name == name && o.ps.shows(f.kind) {
				return o.newInode(node{kind: f.kind}, modeOf(f.kind), 0), nil
			}
		}
		tid, err := strconv.ParseInt(name, 10, 32)
		if err != nil || strconv.FormatInt(tid, 10) != name {
			return nil, linux.ENOENT
		}
		t := o.ps.task(int32(tid))
		if t == nil {
			return nil, linux.ENOENT
		}
		return o.newInode(node{kind: kindTaskDir, tid: int32(tid)}, modeOf(kindTaskDir), t.Cred().EUID), nil
	case kindTaskDir, kindTidDir:
		for _, f := range filesOf(d.kind) {
			if f.name == name {
				return o.newInode(taskFileNode(f.name, f.kind, d.tid), modeOf(f.kind), dir.UID()), nil
			}
		}
	case kindFdDir:
		fd, err := strconv.Atoi(name)
		t := o.ps.task(d.tid)
		if err != nil || t == nil || strconv.Itoa(fd) != name {
			return nil, linux.ENOENT
		}
		mode, ok := fdLinkMode(t, fd)
		if !ok {
			return nil, linux.ENOENT
		}
		return o.newInode(node{kind: kindFd, tid: d.tid, fd: fd}, mode, dir.UID()), nil
	case kindFdInfoDir:
		fd, err := strconv.Atoi(name)
		t := o.ps.task(d.tid)
		if err != nil || t == nil || strconv.Itoa(fd) != name {
			return nil, linux.ENOENT
		}
		if _, ok := fdLinkMode(t, fd); !ok {
			return nil, linux.ENOENT
		}
		return o.newInode(node{kind: kindFdInfo, tid: d.tid, fd: fd}, modeOf(kindFdInfo), dir.UID()), nil
	case kindThreads:
		if name != strconv.Itoa(int(d.tid)) || o.ps.task(d.tid) == nil {
			return nil, linux.ENOENT
		}
		return o.newInode(node{kind: kindTidDir, tid: d.tid}, modeOf(kindTidDir), dir.UID()), nil
	case kindNsDir:
		if i := slices.Index(vfs.NamespaceKinds, name); i >= 0 {
			return o.newInode(node{kind: kindNs, tid: d.tid, fd: i}, modeOf(kindNs), dir.UID()), nil
		}
	case kindSysDir:
		return o.lookupSysctl(d.fd, name)
	case kindSysvipcDir:
		if i := slices.Index(vfs.SysvipcFiles, name); i >= 0 {
			return o.newInode(node{kind: kindSysvipc, fd: i}, modeOf(kindSysvipc), 0), nil
		}
	}
	return nil, linux.ENOENT
}

func modeOf(k kind) uint32 {
	switch k {
	case kindSelf, kindThreadSelf, kindMountsLink, kindCwd, kindRootLink, kindNs, kindExe:
		return linux.S_IFLNK | 0o777
	case kindTaskDir, kindTidDir, kindThreads, kindFdInfoDir:
		return linux.S_IFDIR | 0o555
	case kindFdDir:
		return linux.S_IFDIR | 0o500
	case kindNsDir:
		return linux.S_IFDIR | 0o511
	case kindSysDir, kindSysvipcDir:
		return linux.S_IFDIR | 0o555
	case kindSysctl, kindIDMap, kindSetgroups, kindTimensOffsets, kindComm:
		return linux.S_IFREG | 0o644
	case kindEnviron, kindMountstats:
		return linux.S_IFREG | 0o400
	}
	return linux.S_IFREG | 0o444
}

// NoNegativeLookup: a name procfs does not know is ENOENT for a creation
// too (proc_lookup_de, proc_pident_lookup and proc_sys_lookup fail
// rather than leave a negative dentry), so the operations below are
// reached only by names that exist.
func (o *inodeOps) NoNegativeLookup() {}

// Mknod: procfs has no create (EACCES) and no mknod (EPERM).
func (o *inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT == linux.S_IFREG {
		return nil, linux.EACCES
	}
	return nil, linux.EPERM
}

func (o *inodeOps) Mkdir(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o *inodeOps) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o *inodeOps) Link(*vfs.Inode, *vfs.Inode, string) error   { return linux.EPERM }
func (o *inodeOps) Unlink(*vfs.Inode, string, *vfs.Inode) error { return linux.EPERM }
func (o *inodeOps) Rmdir(*vfs.Inode, string, *vfs.Inode) error  { return linux.EPERM }

func (o *inodeOps) Readlink(in *vfs.Inode) (string, error) { return "", linux.EINVAL }
func (o *inodeOps) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EPERM
}

// ReadlinkFor resolves "self" to the reader's thread-group ID in the
// superblock's PID namespace; a reader that namespace cannot see gets
// ENOENT (proc_self_get_link).
func (o *inodeOps) ReadlinkFor(t *vfs.Task, in *vfs.Inode) (string, error) {
	switch nodeOf(in).kind {
	case kindSelf, kindThreadSelf:
		nr := t.PidIn(o.ps.pidns)
		if nr == 0 {
			return "", linux.ENOENT
		}
		tid := strconv.Itoa(int(nr))
		if nodeOf(in).kind == kindSelf {
			return tid, nil
		}
		return tid + "/task/" + tid, nil
	case kindMountsLink:
		return "self/mounts", nil
	}
	n := nodeOf(in)
	owner := o.ps.task(n.tid)
	if owner == nil {
		return "", linux.ENOENT
	}
	if !t.PtraceMayRead(owner) {
		return "", linux.EACCES
	}
	switch n.kind {
	case kindCwd:
		return t.DPath(owner.Cwd())
	case kindRootLink:
		return t.DPath(owner.Root())
	case kindExe:
		return owner.ExeLinkAs(t)
	case kindFd:
		return owner.FdPathAs(t, n.fd)
	case kindNs:
		return owner.NamespaceLink(vfs.NamespaceKinds[n.fd])
	}
	return "", linux.EINVAL
}

// magicLinkOps are the operations of the magic links cwd, root and fd/N:
// following one lands on the object it stands for (proc_cwd_link and
// friends with nd_jump_link), whatever path its readlink shows.
type magicLinkOps struct{ *inodeOps }

// JumpFor implements vfs.LinkJumper.
func (o magicLinkOps) JumpFor(t *vfs.Task, in *vfs.Inode) (vfs.Path, error) {
	n := nodeOf(in)
	owner := o.ps.task(n.tid)
	switch {
	case owner == nil:
		return vfs.Path{}, linux.ENOENT
	case !t.PtraceMayRead(owner):
		// proc_fd_access_allowed, and proc_ns_get_link's check.
		return vfs.Path{}, linux.EACCES
	case n.kind == kindCwd:
		return owner.Cwd(), nil
	case n.kind == kindRootLink:
		return owner.Root(), nil
	case n.kind == kindNs:
		return owner.NamespacePath(vfs.NamespaceKinds[n.fd])
	case n.kind == kindExe:
		return owner.ExePath()
	}
	return owner.FdTarget(n.fd)
}

// Open generates the file's text, as seq_file's first read would.
func (o *inodeOps) Open(f *vfs.File, t *vfs.Task) error {
	n := nodeOf(f.Inode())
	var text string
	switch n.kind {
	case kindFilesystems:
		text = o.ps.k.Filesystems()
	case kindPartitions:
		text = partitionsText(o.ps.k)
	case kindDevices:
		text = devicesText(o.ps.k)
	case kindMisc:
		text = miscText(o.ps.k)
	case kindSwaps:
		text = t.ProcSwaps()
	case kindKernelCmdline:
		text = o.ps.k.Cmdline() + "\n"
	case kindVersion:
		text = vfs.Banner + "\n"
	case kindUptime:
		text = uptimeText(o.ps.k.Uptime()+t.TimeNamespace().Boottime(), runtime.NumCPU())
	case kindMeminfo:
		text = meminfoText(o.ps.k)
	case kindLoadavg:
		text = loadavgText(o.ps.k, t)
	case kindSysStat:
		text = sysStatText(o.ps.k, t)
	case kindSysvipc:
		text = t.ProcSysvipc(vfs.SysvipcFiles[n.fd])
	case kindSysctl:
		return o.openSysctl(f, n.fd, t)
	case kindIDMap, kindSetgroups:
		return o.openUserNSFile(f, n, t)
	case kindCgroup, kindTimensOffsets:
		return o.openNamespaceFile(f, n, t)
	case kindComm:
		return o.openComm(f, n, t)
	case kindMountinfo, kindMounts, kindMountstats:
		owner := o.ps.task(n.tid)
		if owner == nil {
			return linux.ESRCH
		}
		switch n.kind {
		case kindMountinfo:
			text = owner.Mountinfo()
		case kindMounts:
			text = owner.ProcMounts()
		default:
			text = mountstatsText(owner.ProcMounts())
		}
	case kindFdInfo:
		return o.openFdInfo(f, n, t)
	case kindCmdline, kindEnviron, kindStatus, kindStat, kindStatm, kindLimits:
		owner := o.ps.task(n.tid)
		if owner == nil {
			return linux.ESRCH
		}
		// A task's text is made at the first read, as proc_single_show
		// makes it: a shell's child that opens its redirection before it
		// execs shows the program it became.
		reader := t.Cred()
		f.Private = &taskTextFile{gen: func() []byte { return taskText(owner, n.kind, t, reader, o.ps.pidns) }}
		return nil
	default:
		return nil
	}
	f.Private = []byte(text)
	return nil
}

// taskTextFile is an open file of a task's text, made once when first
// read.
type taskTextFile struct {
	once sync.Once
	gen  func() []byte
	text []byte
}

func (tf *taskTextFile) get() []byte {
	tf.once.Do(func() { tf.text = tf.gen() })
	return tf.text
}

// ReadAt reads the text generated at open (a task's, at the first read).
func (o *inodeOps) ReadAt(f *vfs.File, p []byte, off int64) (int, error) {
	b, _ := f.Private.([]byte)
	switch pf := f.Private.(type) {
	case *sysctlFile:
		b = pf.text
	case *taskTextFile:
		b = pf.get()
	case *userNSFile:
		b = pf.text.get()
	case *timensFile:
		b = pf.text.get()
	case *commFile:
		b = pf.text.get()
	}
	if off >= int64(len(b)) {
		return 0, nil
	}
	return copy(p, b[off:]), nil
}

// Truncate changes nothing: procfs's setattr (proc_setattr,
// proc_notify_change, proc_sys_setattr) takes a size and ignores it, so
// an open with O_TRUNC or truncate(2) by one allowed to write succeeds.
func (o *inodeOps) Truncate(*vfs.Inode, int64) error { return nil }

// WriteAt sets a sysctl, an id map, setgroups, time offsets or a task's
// comm. Other files refuse as Linux's do: EIO from the entries of /proc
// itself (pde_write without a proc_write), EINVAL from a task's (a file
// with no write method).
func (o *inodeOps) WriteAt(f *vfs.File, p []byte, off int64) (int, error) {
	switch n := nodeOf(f.Inode()); n.kind {
	case kindSysctl:
		return o.writeSysctl(f.Private.(*sysctlFile), p, off)
	case kindIDMap, kindSetgroups:
		return f.Private.(*userNSFile).write(n, p, off)
	case kindTimensOffsets:
		return f.Private.(*timensFile).write(p, off)
	case kindFilesystems, kindPartitions, kindDevices, kindMisc, kindSwaps, kindKernelCmdline, kindVersion, kindUptime, kindMeminfo, kindLoadavg, kindSysStat, kindSysvipc:
		return 0, linux.EIO
	case kindComm:
		return f.Private.(*commFile).write(p)
	}
	return 0, linux.EINVAL
}

// keyedOff is the Off of an entry of a listing whose positions are keys
// (proc_root_readdir's TGID_OFFSET + tgid, proc_readfd_common's fd + 2): a
// reader's place survives entries coming and going before it, where an
// index would move under it and skip or repeat names.
func keyedOff(key int) uint64 { return 1<<62 - uint64(key) }

// ReadDir is ReadDirAs for the file's opener, for callers that have no
// reading task.
func (o *inodeOps) ReadDir(f *vfs.File) ([]vfs.Dirent, error) { return o.ReadDirAs(f, f.Cred()) }

// ReadDirAs is proc_root_readdir / proc_pid_readdir; the processes
// hidepid= hides are those reader may not see.
func (o *inodeOps) ReadDirAs(f *vfs.File, reader *vfs.Cred) ([]vfs.Dirent, error) {
	n := nodeOf(f.Inode())
	var out []vfs.Dirent
	switch n.kind {
	case kindRoot:
		for i, e := range rootFiles {
			if !o.ps.shows(e.kind) {
				continue
			}
			out = append(out, vfs.Dirent{Name: e.name, Ino: inoOf(node{kind: e.kind}), Type: linux.DirentType(modeOf(e.kind)), Off: keyedOff(i)})
		}
		for _, tid := range o.ps.pidns.Pids() {
			if t := o.ps.task(tid); t != nil && !o.ps.mayAccessPid(reader, t, hideInvisible) {
				continue // proc_pid_readdir skips a process hidepid= hides
			}
			out = append(out, vfs.Dirent{Name: strconv.Itoa(int(tid)), Ino: inoOf(node{kind: kindTaskDir, tid: tid}), Type: linux.DT_DIR, Off: keyedOff(len(rootFiles) + int(tid))})
		}
		return out, nil
	case kindTaskDir, kindTidDir:
		for _, e := range filesOf(n.kind) {
			out = append(out, vfs.Dirent{Name: e.name, Ino: inoOf(taskFileNode(e.name, e.kind, n.tid)), Type: linux.DirentType(modeOf(e.kind))})
		}
	case kindSysDir:
		out = o.sysctlDirents(n.fd)
	case kindSysvipcDir:
		for i, name := range vfs.SysvipcFiles {
			out = append(out, vfs.Dirent{Name: name, Ino: inoOf(node{kind: kindSysvipc, fd: i}), Type: linux.DT_REG})
		}
	case kindNsDir:
		for i, name := range vfs.NamespaceKinds {
			out = append(out, vfs.Dirent{Name: name, Ino: inoOf(node{kind: kindNs, tid: n.tid, fd: i}), Type: linux.DT_LNK})
		}
	case kindThreads:
		out = append(out, vfs.Dirent{Name: strconv.Itoa(int(n.tid)), Ino: inoOf(node{kind: kindTidDir, tid: n.tid}), Type: linux.DT_DIR})
	case kindFdDir, kindFdInfoDir:
		entry, typ := kindFd, uint8(linux.DT_LNK)
		if n.kind == kindFdInfoDir {
			entry, typ = kindFdInfo, linux.DT_REG
		}
		if t := o.ps.task(n.tid); t != nil {
			for _, fd := range t.Fds() {
				out = append(out, vfs.Dirent{Name: strconv.Itoa(fd), Ino: inoOf(node{kind: entry, tid: n.tid, fd: fd}), Type: typ, Off: keyedOff(fd)})
			}
		}
		return out, nil
	}
	for i := range out {
		out[i].Off = uint64(len(out) - i)
	}
	return out, nil
}

// uptimeText is /proc/uptime: seconds since boot and the CPUs' summed idle
// time, in hundredths. No task of the model uses a CPU, so every CPU has
// been idle all along.
func uptimeText(up time.Duration, cpus int) string {
	cs := func(d time.Duration) string {
		c := d / (10 * time.Millisecond)
		return fmt.Sprintf("%d.%02d", c/100, c%100)
	}
	return cs(up) + " " + cs(up*time.Duration(cpus)) + "\n"
}
