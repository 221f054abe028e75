// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The files of /proc/<pid> that describe the process itself rather than
// its view of the VFS (fs/proc/base.c, fs/proc/array.c).

// taskText is the content of cmdline, environ, status, stat or statm for
// t, as the PID namespace pidns and the task reading (with credentials
// reader) see it.
func taskText(t *vfs.Task, k kind, readerTask *vfs.Task, reader *vfs.Cred, pidns *vfs.PidNamespace) []byte {
	switch k {
	case kindCmdline:
		return t.Cmdline()
	case kindEnviron:
		return t.Environ()
	case kindStat:
		return []byte(taskStatText(t, readerTask, pidns))
	case kindStatm:
		return []byte(statmText)
	case kindLimits:
		return []byte(limitsText(t.Rlimits()))
	}
	return []byte(statusText(t, readerTask, reader, pidns))
}

// statusText is /proc/<pid>/status (proc_pid_status) as far as a task
// here has the fields: names, ids, credentials, descriptors and
// capabilities. A task has one thread and no memory map or signals, so the
// Vm*, Sig* and scheduling lines are left out rather than made up. The
// task's numbers are those of the superblock's PID namespace pidns
// (NSpid: from there down to the task's own namespace), its IDs those of
// the reader's user namespace.
func statusText(t, readerTask *vfs.Task, reader *vfs.Cred, pidns *vfs.PidNamespace) string {
	c := t.Cred()
	ns, k := reader.Namespace(), t.Kernel()
	var b strings.Builder
	id := strconv.Itoa(int(t.PidIn(pidns)))
	fmt.Fprintf(&b, "Name:\t%s\n", escapeComm(t.Comm()))
	fmt.Fprintf(&b, "Umask:\t%04o\n", t.GetUmask())
	if taskState(t, readerTask) == 'R' {
		b.WriteString("State:\tR (running)\n")
	} else {
		b.WriteString("State:\tS (sleeping)\n")
	}
	fmt.Fprintf(&b, "Tgid:\t%s\nNgid:\t0\nPid:\t%s\nPPid:\t%d\nTracerPid:\t0\n", id, id, t.PPidIn(pidns))
	fmt.Fprintf(&b, "Uid:\t%d\t%d\t%d\t%d\n", k.UIDMunged(ns, c.UID), k.UIDMunged(ns, c.EUID),
		k.UIDMunged(ns, c.SUID), k.UIDMunged(ns, c.FSUID))
	fmt.Fprintf(&b, "Gid:\t%d\t%d\t%d\t%d\n", k.GIDMunged(ns, c.GID), k.GIDMunged(ns, c.EGID),
		k.GIDMunged(ns, c.SGID), k.GIDMunged(ns, c.FSGID))
	fmt.Fprintf(&b, "FDSize:\t%d\n", fdSize(t))
	// Numbers with a space between, then a space even after none.
	b.WriteString("Groups:\t")
	for i, g := range c.Groups {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d", k.GIDMunged(ns, g))
	}
	b.WriteString(" \n")
	nspid := tabbed(t.NSPids(pidns))
	pgids, sids := t.NSGroupIDs(pidns)
	fmt.Fprintf(&b, "NStgid:%s\nNSpid:%s\nNSpgid:%s\nNSsid:%s\nKthread:\t%d\n", nspid, nspid, tabbed(pgids), tabbed(sids),
		boolDigit(t.IsKernelThread()))
	b.WriteString("Threads:\t1\n")
	fmt.Fprintf(&b, "CapInh:\t%016x\nCapPrm:\t%016x\nCapEff:\t%016x\nCapBnd:\t%016x\nCapAmb:\t%016x\n",
		uint64(c.Inheritable), uint64(c.Permitted), uint64(c.Effective), uint64(c.Bounding), uint64(c.Ambient))
	fmt.Fprintf(&b, "NoNewPrivs:\t%d\n", boolDigit(t.NoNewPrivs()))
	return b.String()
}

// tabbed is numbers each after a tab, as status's NS* lines have them.
func tabbed(nrs []int32) string {
	var b strings.Builder
	for _, nr := range nrs {
		fmt.Fprintf(&b, "\t%d", nr)
	}
	return b.String()
}

func boolDigit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fdSize is the size of the task's descriptor array as status shows it:
// a multiple of 64 slots that holds the highest descriptor (expand_fdtable
// grows by powers of two from BITS_PER_LONG).
func fdSize(t *vfs.Task) int {
	n := 64
	if fds := t.Fds(); len(fds) > 0 {
		for n <= fds[len(fds)-1] {
			n *= 2
		}
	}
	return n
}

// escapeComm is the escaping status applies to Name (proc_task_name with
// ESCAPE_SPACE|ESCAPE_SPECIAL): \n and \\ become escapes.
func escapeComm(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\n", "\\n").Replace(s)
}

// fdLinkMode is the mode of fd/N (tid_fd_update_inode): read and search
// for an end opened for reading, write and search for writing; an O_PATH
// file has neither. ok is false for a closed descriptor.
func fdLinkMode(t *vfs.Task, fd int) (mode uint32, ok bool) {
	fl, err := t.Fcntl(fd, linux.F_GETFL, 0)
	if err != nil {
		return 0, false
	}
	mode = linux.S_IFLNK
	if uint32(fl)&linux.O_PATH != 0 {
		return mode, true
	}
	switch uint32(fl) & linux.O_ACCMODE {
	case linux.O_RDONLY:
		mode |= 0o500
	case linux.O_WRONLY:
		mode |= 0o300
	default:
		mode |= 0o700
	}
	return mode, true
}

// pidPermission is proc_pid_permission on a process's directory: under
// hidepid=noaccess or more, a process the caller may not see is EPERM,
// or ENOENT with hidepid=invisible; others get generic_permission.
// (With hidepid=ptraceable, Linux's proc_pid_lookup also fails for such
// a caller, ENOENT, where the dentry is not cached yet; lookups here do
// not know their caller, so the cached case's EPERM is all there is.)
func (o *inodeOps) pidPermission(c *vfs.Cred, n node) (bool, error) {
	t := o.ps.task(n.tid)
	if t == nil {
		return true, linux.ESRCH
	}
	if o.ps.mayAccessPid(c, t, hideNoAccess) {
		return false, nil
	}
	if o.ps.opts.hidepid == "invisible" {
		return true, linux.ENOENT
	}
	return true, linux.EPERM
}

// CheckGetattr is pid_getattr's refusal: a process directory the caller
// may not see under hidepid=invisible is not there for stat either.
func (o *inodeOps) CheckGetattr(t *vfs.Task, in *vfs.Inode) error {
	n := nodeOf(in)
	if n.kind != kindTaskDir {
		return nil
	}
	if owner := o.ps.task(n.tid); owner != nil && !o.ps.mayAccessPid(t.Cred(), owner, hideInvisible) {
		return linux.ENOENT
	}
	return nil
}

// Revalidate is pid_revalidate and tid_fd_revalidate: a task's files go
// with the task, fd/N with its descriptor. An entry that stays is brought
// up to date in place, as pid_update_inode and tid_fd_update_inode do (a
// mount on it stays too): the task's owner again (one set by chown does
// not last), and fd/N the access mode of the file now at its number. The
// root's own entries go when a remount with subset=pid hides them
// (proc_misc_d_delete keeps none).
func (o *inodeOps) Revalidate(dir *vfs.Inode, name string, child *vfs.Inode) bool {
	n, ok := child.Private.(node)
	if !ok {
		return true
	}
	if n.tid == 0 {
		return nodeOf(dir).kind != kindRoot || o.ps.shows(n.kind)
	}
	t := o.ps.task(n.tid)
	if t == nil {
		return false
	}
	mode := child.Mode()
	switch n.kind {
	case kindFd:
		if mode, ok = fdLinkMode(t, n.fd); !ok {
			return false
		}
	case kindFdInfo:
		if _, ok := fdLinkMode(t, n.fd); !ok {
			return false
		}
	}
	owner, _ := o.taskOwner(n)
	if child.UID() != owner[0] || child.GID() != owner[1] || child.Mode() != mode {
		child.SetModeOwner(mode, owner[0], owner[1])
	}
	return true
}

// RevalidateNeedsRefWalk is which cached entries an RCU walk cannot check,
// their ->d_revalidate returning -ECHILD there: the root's fixed entries
// but self and thread-self (proc_misc_d_revalidate), /proc/sys
// (proc_sys_revalidate) and fd/N (tid_fd_revalidate). RESOLVE_CACHED is
// EAGAIN for them.
func (o *inodeOps) RevalidateNeedsRefWalk(dir *vfs.Inode, name string, child *vfs.Inode) bool {
	n, ok := child.Private.(node)
	if !ok {
		return false
	}
	switch n.kind {
	case kindSysDir, kindSysctl, kindFd, kindFdInfo:
		return true
	case kindSelf, kindThreadSelf:
		return false
	}
	return n.tid == 0
}

// Link counts of Linux 6.18's per-process directories: 2 and one for each
// directory in its tables (pid_entry_nlink), whether or not the model has
// all of them: tgid_base_stuff has attr, fd, fdinfo, map_files, net, ns
// and task; tid_base_stuff the same but map_files and task.
const (
	nlinkTgid = 2 + 7
	nlinkTid  = 2 + 5
)

// Getattr is proc_fd_getattr, fd's size being the number of open
// descriptors at the time of asking, and gives directories the link
// counts Linux does: /proc/<pid>/task counts its threads
// (proc_task_getattr) and /proc/sys directories have one link
// (proc_sys_make_inode never sets it).
func (o *inodeOps) Getattr(in *vfs.Inode, st *vfs.Statx) {
	n, ok := in.Private.(node)
	if !ok {
		return
	}
	switch n.kind {
	case kindFdDir:
		st.Size = o.sizeOf(n)
	case kindTaskDir:
		st.Nlink = nlinkTgid
	case kindTidDir:
		st.Nlink = nlinkTid
	case kindThreads:
		st.Nlink = 2 + 1 // a task of the model is one thread
	case kindSysDir:
		st.Nlink = 1
	}
}

// procRoots are the root dentries of a kernel's procfs superblocks, held
// weakly: a superblock nobody uses any more is not kept for this.
type procRoots struct {
	mu    sync.Mutex
	roots []weak.Pointer[vfs.Dentry]
}

// procRootsKey names a kernel's procRoots in its FsData.
type procRootsKey struct{}

// trackRoot adds a new superblock's root to its kernel's set, the first
// time registering the exit hook that flushes dead tasks from them all.
func trackRoot(k *vfs.Kernel, root *vfs.Dentry) {
	pr := k.FsData(procRootsKey{}, func() any {
		pr := &procRoots{}
		k.OnTaskExit(pr.flush)
		return pr
	}).(*procRoots)
	pr.mu.Lock()
	defer pr.mu.Unlock()
	live := pr.roots[:0]
	for _, w := range pr.roots {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	pr.roots = append(live, weak.Make(root))
}

// flush is proc_flush_pid: drop the exited task's /proc/<pid> from every
// procfs dcache that shows it, so that dead tasks' entries do not pile up.
func (pr *procRoots) flush(t *vfs.Task) {
	pr.mu.Lock()
	roots := make([]*vfs.Dentry, 0, len(pr.roots))
	for _, w := range pr.roots {
		if d := w.Value(); d != nil {
			roots = append(roots, d)
		}
	}
	pr.mu.Unlock()
	for _, d := range roots {
		if nr := t.PidIn(d.Inode().Superblock().Private.(*procSB).pidns); nr != 0 {
			d.Invalidate(strconv.Itoa(int(nr)))
		}
	}
}

// partitionsText is /proc/partitions (show_partition): every block device
// with a size, by number, its size in KiB.
func partitionsText(k *vfs.Kernel) string {
	var devs []*vfs.Device
	for _, d := range k.Devices() {
		if d.Block && k.DiskSize(d.Dev) > 0 {
			devs = append(devs, d)
		}
	}
	slices.SortFunc(devs, func(a, b *vfs.Device) int { return cmp.Compare(a.Dev, b.Dev) })
	var b strings.Builder
	b.WriteString("major minor  #blocks  name\n\n")
	for _, d := range devs {
		fmt.Fprintf(&b, "%4d  %7d %10d %s\n", linux.Major(d.Dev), linux.Minor(d.Dev), k.DiskSize(d.Dev)/1024, d.Name)
	}
	return b.String()
}

// openFdInfo makes fdinfo/N's text at the first read (seq_show): the
// descriptor's position, flags (octal, as "0%o" prints them), mount ID
// and inode number. Reading another task's needs ptrace read access
// (proc_fdinfo_access_allowed); a descriptor closed since the lookup
// reads as ENOENT.
func (o *inodeOps) openFdInfo(f *vfs.File, n node, t *vfs.Task) error {
	owner := o.ps.task(n.tid)
	if owner == nil {
		return linux.ENOENT
	}
	if !t.PtraceMayRead(owner) {
		return linux.EACCES
	}
	info, err := owner.FdInfo(n.fd)
	if err != nil {
		return linux.ENOENT
	}
	f.Private = []byte(fmt.Sprintf("pos:\t%d\nflags:\t0%o\nmnt_id:\t%d\nino:\t%d\n", info.Pos, info.Flags, info.MntID, info.Ino))
	return nil
}

// mountstatsText is /proc/<pid>/mountstats (mountstats_open's
// show_vfsstat) for the mounts /proc/<pid>/mounts lists, from its lines:
// the same mounts, names escaped the same way. No filesystem of the
// model keeps statistics (->show_stats), so each line ends there.
func mountstatsText(mounts string) string {
	var b strings.Builder
	for line := range strings.Lines(mounts) {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		fmt.Fprintf(&b, "device %s mounted on %s with fstype %s\n", f[0], f[1], f[2])
	}
	return b.String()
}

// devicesText is /proc/devices (devinfo_show): the names drivers
// registered their majors under, character then block.
func devicesText(k *vfs.Kernel) string {
	var b strings.Builder
	b.WriteString("Character devices:\n")
	for _, n := range k.MajorNames(false) {
		fmt.Fprintf(&b, "%3d %s\n", n.Major, n.Name)
	}
	b.WriteString("\nBlock devices:\n")
	for _, n := range k.MajorNames(true) {
		fmt.Fprintf(&b, "%3d %s\n", n.Major, n.Name)
	}
	return b.String()
}

// miscText is /proc/misc (misc_seq_show): each misc device's minor and
// name, newest first.
func miscText(k *vfs.Kernel) string {
	var b strings.Builder
	for _, n := range k.MiscNames() {
		fmt.Fprintf(&b, "%3d %s\n", n.BaseMinor, n.Name)
	}
	return b.String()
}

// Setattr is proc_setattr for a task's entries, which keep their mode
// (EPERM) but take an owner (until the next lookup: see Revalidate) or
// times, and proc_sys_setattr for /proc/sys,
// which refuses a new mode, owner or group alike. The root's fixed
// entries take any change (proc_notify_change).
func (o *inodeOps) Setattr(in *vfs.Inode, a *vfs.Iattr) error {
	n, ok := in.Private.(node)
	if !ok {
		return nil
	}
	switch {
	case n.kind == kindSysDir || n.kind == kindSysctl:
		if a.Valid&(vfs.ATTR_MODE|vfs.ATTR_UID|vfs.ATTR_GID) != 0 {
			return linux.EPERM
		}
	case n.kind == kindTaskDir || n.kind == kindTidDir:
		// Linux 6.18 refuses these directories a new owner too.
		if a.Valid&(vfs.ATTR_MODE|vfs.ATTR_UID|vfs.ATTR_GID) != 0 {
			return linux.EPERM
		}
	case n.tid != 0:
		if a.Valid&vfs.ATTR_MODE != 0 {
			return linux.EPERM
		}
	}
	return nil
}
