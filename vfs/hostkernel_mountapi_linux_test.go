// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// Differential scenarios for the new mount API and openat2: each scenario
// is a Go function run against the host kernel (on a thread with its own
// mount namespace, chrooted into a fresh tmpfs) and against linuxvfs, and
// the two transcripts (every call with its result or errno, and the
// mount table at the end) must be the same.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/devpts"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/fs/ramfs"
	"github.com/linuxvfs/linuxvfs/fs/sysfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// apiOps are the calls a mount-API scenario makes.
type apiOps interface {
	Mkdir(path string) error
	Rename(from, to string) error
	Symlink(target, path string) error
	MountTmpfs(target string) error
	Open(path string, flags int) (int, error)
	Openat2(dirfd int, path string, how []byte) (int, error)
	Close(fd int) error
	Read(fd int, n int) (string, error)
	Fsopen(name string, flags uint32) (int, error)
	Fsconfig(fd int, cmd uint32, key *string, value []byte, aux int) error
	Fsmount(fd int, flags, attr uint32) (int, error)
	Fspick(dfd int, path string, flags uint32) (int, error)
	OpenTree(dfd int, path string, flags uint32) (int, error)
	MoveMount(fromDfd int, from string, toDfd int, to string, flags uint32) error
	MountSetattr(dfd int, path string, flags uint32, attr []byte) error
	Mountinfo() (string, error)
	// For statmount/listmount (hostkernel_statmount_linux_test.go).
	MountFS(source, target, fstype string, flags uint64, data string) error
	Umount2(target string, flags int) error
	Rmdir(path string) error
	Chroot(path string) error
	UnshareNS() error
	// AsUser runs fn as uid and gid 1000, without capabilities.
	AsUser(fn func())
	Statmount(req []byte, bufsize int, flags uint32) ([]byte, error)
	Listmount(req []byte, nr int, flags uint32) ([]uint64, error)
	// StatxMntID is statx(2) asking for STATX_MNT_ID_UNIQUE: the ID and
	// the result mask.
	StatxMntID(dfd int, path string, flags int) (uint64, uint32, error)
}

// apiRec records a scenario's transcript.
type apiRec struct {
	lines []string
	// labels name the numbers the two kernels hand out differently
	// (mount, peer group and namespace IDs), by order of appearance.
	labels map[string]map[uint64]string
}

func apiErrStr(err error) string {
	if err == nil {
		return "ok"
	}
	var e syscall.Errno
	if errors.As(err, &e) {
		return linux.Errno(e).Name()
	}
	var le linux.Errno
	if errors.As(err, &le) {
		return le.Name()
	}
	return "NON-ERRNO " + err.Error()
}

func (r *apiRec) err(what string, err error) { r.lines = append(r.lines, what+" = "+apiErrStr(err)) }

// fd records a call returning a descriptor: "fd" when it succeeds, as the
// numbers differ between the two sides.
func (r *apiRec) fd(what string) func(int, error) int {
	return func(fd int, err error) int {
		res := "fd"
		if err != nil {
			res, fd = apiErrStr(err), -1
		}
		r.lines = append(r.lines, what+" = "+res)
		return fd
	}
}

func (r *apiRec) str(what, s string, err error) {
	if err != nil {
		s = apiErrStr(err)
	}
	r.lines = append(r.lines, fmt.Sprintf("%s = %q", what, s))
}

// mountinfoNorm keeps of each mountinfo line what both sides share: the
// mount point, the per-mount options, the propagation tags without their
// group numbers, the type and the source.
var groupNum = regexp.MustCompile(`(shared|master|propagate_from):\d+`)

func mountinfoNorm(s string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Fields(l)
		if len(f) < 10 || f[4] == "/" {
			continue // the root differs: rootfs here, the host's tmpfs there
		}
		i := 6
		var tags []string
		for ; f[i] != "-"; i++ {
			tags = append(tags, groupNum.ReplaceAllString(f[i], "$1"))
		}
		out = append(out, strings.Join(append([]string{f[3], f[4], f[5]}, append(tags, f[i+1], f[i+2])...), " "))
	}
	return strings.Join(out, "\n")
}

func openHow(flags, mode, resolve uint64) []byte {
	b := make([]byte, 24)
	binary.LittleEndian.PutUint64(b, flags)
	binary.LittleEndian.PutUint64(b[8:], mode)
	binary.LittleEndian.PutUint64(b[16:], resolve)
	return b
}

func mountAttr(set, clr, prop, userns uint64) []byte {
	b := make([]byte, 32)
	for i, v := range []uint64{set, clr, prop, userns} {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func sp(s string) *string { return &s }

// hostAPI implements apiOps with system calls, on the scenario's thread.
type hostAPI struct {
	proc int // /proc, opened before the chroot
}

func (hostAPI) Mkdir(p string) error           { return unix.Mkdir(p, 0o755) }
func (hostAPI) Rename(a, b string) error       { return unix.Rename(a, b) }
func (hostAPI) Symlink(tgt, p string) error    { return unix.Symlink(tgt, p) }
func (hostAPI) MountTmpfs(target string) error { return unix.Mount("none", target, "tmpfs", 0, "") }
func (hostAPI) Open(p string, flags int) (int, error) {
	return unix.Open(p, flags, 0)
}
func (hostAPI) Openat2(dirfd int, p string, how []byte) (int, error) {
	var hp unsafe.Pointer
	if len(how) > 0 {
		hp = unsafe.Pointer(&how[0])
	}
	return sys(unix.SYS_OPENAT2, dirfd, cstr(p), hp, len(how))
}
func (hostAPI) Close(fd int) error { return unix.Close(fd) }
func (hostAPI) Read(fd, n int) (string, error) {
	b := make([]byte, n)
	m, err := unix.Read(fd, b)
	return string(b[:max(m, 0)]), err
}
func (hostAPI) Fsopen(name string, flags uint32) (int, error) {
	return sys(unix.SYS_FSOPEN, cstr(name), flags)
}
func (hostAPI) Fsconfig(fd int, cmd uint32, key *string, value []byte, aux int) error {
	var kp, vp unsafe.Pointer
	if key != nil {
		kp = unsafe.Pointer(cstr(*key))
	}
	if value != nil {
		v := value
		if cmd != linux.FSCONFIG_SET_BINARY {
			v = append(append([]byte{}, value...), 0)
		} else if len(v) == 0 {
			v = []byte{0}
		}
		vp = unsafe.Pointer(&v[0])
		defer runtime.KeepAlive(v)
	}
	return sysErr(unix.SYS_FSCONFIG, fd, cmd, kp, vp, aux)
}
func (hostAPI) Fsmount(fd int, flags, attr uint32) (int, error) {
	return sys(unix.SYS_FSMOUNT, fd, flags, attr)
}
func (hostAPI) Fspick(dfd int, p string, flags uint32) (int, error) {
	return sys(unix.SYS_FSPICK, dfd, cstr(p), flags)
}
func (hostAPI) OpenTree(dfd int, p string, flags uint32) (int, error) {
	return sys(unix.SYS_OPEN_TREE, dfd, cstr(p), flags)
}
func (hostAPI) MoveMount(fd1 int, p1 string, fd2 int, p2 string, flags uint32) error {
	return sysErr(unix.SYS_MOVE_MOUNT, fd1, cstr(p1), fd2, cstr(p2), flags)
}
func (hostAPI) MountFS(src, target, fstype string, flags uint64, data string) error {
	return sysErr(unix.SYS_MOUNT, cstr(src), cstr(target), cstr(fstype), uintptr(flags), cstr(data))
}
func (hostAPI) Umount2(target string, flags int) error {
	return sysErr(unix.SYS_UMOUNT2, cstr(target), flags)
}
func (hostAPI) Rmdir(p string) error  { return unix.Rmdir(p) }
func (hostAPI) Chroot(p string) error { return sysErr(unix.SYS_CHROOT, cstr(p)) }
func (hostAPI) UnshareNS() error      { return unix.Unshare(unix.CLONE_NEWNS) }

// AsUser switches this thread's IDs only, keeping 0 as the saved set-user-ID
// to come back by.
func (hostAPI) AsUser(fn func()) {
	if err := setThreadIDs(1000, 1000, 0, 1000, 1000, 0, nil); err != nil {
		panic(err)
	}
	defer func() {
		// uid 0 first: the saved set-user-ID allows it, and it brings back
		// the capabilities setgroups needs.
		if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, 0, 0, 0); e != 0 {
			panic(e)
		}
		if err := setThreadIDs(0, 0, 0, 0, 0, 0, nil); err != nil {
			panic(err)
		}
	}()
	fn()
}

// Statmount gives the kernel room past bufsize, where it may write a
// string it had no room for (the empty-string case of a small buffer).
func (hostAPI) Statmount(req []byte, bufsize int, flags uint32) ([]byte, error) {
	buf := make([]byte, bufsize+1<<16)
	if err := sysErr(unix.SYS_STATMOUNT, unsafe.Pointer(&req[0]), unsafe.Pointer(&buf[0]), bufsize, flags); err != nil {
		return nil, err
	}
	return buf[:max(bufsize, int(binary.LittleEndian.Uint32(buf)))], nil
}
func (hostAPI) Listmount(req []byte, nr int, flags uint32) ([]uint64, error) {
	ids := make([]uint64, nr+1)
	n, err := sys(unix.SYS_LISTMOUNT, unsafe.Pointer(&req[0]), unsafe.Pointer(&ids[0]), nr, flags)
	if err != nil {
		return nil, err
	}
	return ids[:n], nil
}
func (hostAPI) StatxMntID(dfd int, p string, flags int) (uint64, uint32, error) {
	var sx unix.Statx_t
	err := sysErr(unix.SYS_STATX, dfd, cstr(p), flags, uintptr(linux.STATX_MNT_ID_UNIQUE), unsafe.Pointer(&sx))
	return sx.Mnt_id, sx.Mask & (linux.STATX_MNT_ID | linux.STATX_MNT_ID_UNIQUE), err
}
func (hostAPI) MountSetattr(dfd int, p string, flags uint32, attr []byte) error {
	var ap unsafe.Pointer
	if len(attr) > 0 {
		ap = unsafe.Pointer(&attr[0])
	}
	return sysErr(unix.SYS_MOUNT_SETATTR, dfd, cstr(p), flags, ap, len(attr))
}

// Mountinfo reads this thread's mountinfo through /proc opened before the
// chroot (there is none inside): the kernel shows it as seen from the
// thread's root, and opening it anew each time pins no namespace.
func (h hostAPI) Mountinfo() (string, error) {
	fd, err := unix.Openat(h.proc, "thread-self/mountinfo", unix.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	var out []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := unix.Read(fd, buf)
		if err != nil {
			return "", err
		}
		if n == 0 {
			break
		}
		out = append(out, buf[:n]...)
	}
	return string(out), nil
}

// vfsAPI implements apiOps on a linuxvfs task.
type vfsAPI struct{ t *vfs.Task }

func (o vfsAPI) Mkdir(p string) error        { return o.t.Mkdir(p, 0o755) }
func (o vfsAPI) Rename(a, b string) error    { return o.t.Rename(a, b) }
func (o vfsAPI) Symlink(tgt, p string) error { return o.t.Symlink(tgt, p) }
func (o vfsAPI) MountTmpfs(target string) error {
	return o.t.Mount("none", target, "tmpfs", 0, "")
}
func (o vfsAPI) Open(p string, flags int) (int, error) {
	return o.t.Openat(linux.AT_FDCWD, p, uint32(flags), 0)
}
func (o vfsAPI) Openat2(dirfd int, p string, how []byte) (int, error) {
	return o.t.Openat2Raw(dirfd, p, how)
}
func (o vfsAPI) Close(fd int) error { return o.t.Close(fd) }
func (o vfsAPI) Read(fd, n int) (string, error) {
	b := make([]byte, n)
	m, err := o.t.Read(fd, b)
	return string(b[:max(m, 0)]), err
}
func (o vfsAPI) Fsopen(name string, flags uint32) (int, error) { return o.t.Fsopen(name, flags) }
func (o vfsAPI) Fsconfig(fd int, cmd uint32, key *string, value []byte, aux int) error {
	return o.t.Fsconfig(fd, cmd, key, value, aux)
}
func (o vfsAPI) Fsmount(fd int, flags, attr uint32) (int, error) { return o.t.Fsmount(fd, flags, attr) }
func (o vfsAPI) Fspick(dfd int, p string, flags uint32) (int, error) {
	return o.t.Fspick(dfd, p, flags)
}
func (o vfsAPI) OpenTree(dfd int, p string, flags uint32) (int, error) {
	return o.t.OpenTree(dfd, p, flags)
}
func (o vfsAPI) MoveMount(fd1 int, p1 string, fd2 int, p2 string, flags uint32) error {
	return o.t.MoveMount(fd1, p1, fd2, p2, flags)
}
func (o vfsAPI) MountSetattr(dfd int, p string, flags uint32, attr []byte) error {
	return o.t.MountSetattrRaw(dfd, p, flags, attr)
}
func (o vfsAPI) Mountinfo() (string, error) { return o.t.Mountinfo(), nil }
func (o vfsAPI) MountFS(src, target, fstype string, flags uint64, data string) error {
	return o.t.Mount(src, target, fstype, flags, data)
}
func (o vfsAPI) Umount2(target string, flags int) error { return o.t.Umount2(target, flags) }
func (o vfsAPI) Rmdir(p string) error                   { return o.t.Rmdir(p) }
func (o vfsAPI) Chroot(p string) error                  { return o.t.Chroot(p) }
func (o vfsAPI) UnshareNS() error                       { return o.t.Unshare(linux.CLONE_NEWNS) }
func (o vfsAPI) AsUser(fn func()) {
	c := o.t.Cred()
	o.t.SetCred(vfs.UserCred(1000, 1000))
	defer o.t.SetCred(c)
	fn()
}
func (o vfsAPI) Statmount(req []byte, bufsize int, flags uint32) ([]byte, error) {
	buf := make([]byte, bufsize)
	if err := o.t.StatmountRaw(req, buf, flags); err != nil {
		return nil, err
	}
	return buf, nil
}
func (o vfsAPI) StatxMntID(dfd int, p string, flags int) (uint64, uint32, error) {
	var st vfs.Statx
	err := o.t.StatxMask(dfd, p, flags, linux.STATX_MNT_ID_UNIQUE, &st)
	return st.MntID, st.Mask & (linux.STATX_MNT_ID | linux.STATX_MNT_ID_UNIQUE), err
}
func (o vfsAPI) Listmount(req []byte, nr int, flags uint32) ([]uint64, error) {
	ids := make([]uint64, nr)
	n, err := o.t.ListmountRaw(req, ids, flags)
	if err != nil {
		return nil, err
	}
	return ids[:n], nil
}

// runAPIHost runs sc on a thread of its own in a new mount namespace,
// chrooted into a fresh tmpfs.
func runAPIHost(t *testing.T, sc func(apiOps, *apiRec)) []string {
	dir := t.TempDir()
	type outcome struct {
		lines []string
		err   error
	}
	done := make(chan outcome, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with its namespace
		var proc int
		err := func() error {
			if err := unix.Unshare(unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_NEWNS); err != nil {
				return err
			}
			if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
				return err
			}
			if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
				return err
			}
			var err error
			if proc, err = unix.Open("/proc", unix.O_PATH|unix.O_DIRECTORY, 0); err != nil {
				return err
			}
			if err := unix.Chroot(dir); err != nil {
				return err
			}
			return unix.Chdir("/")
		}()
		if err != nil {
			done <- outcome{nil, err}
			return
		}
		var r apiRec
		h := hostAPI{proc: proc}
		sc(h, &r)
		s, err := h.Mountinfo()
		r.str("mountinfo", mountinfoNorm(s), err)
		done <- outcome{r.lines, nil}
	}()
	o := <-done
	if o.err != nil {
		t.Fatalf("host setup: %v", o.err)
	}
	return o.lines
}

// newAPIKernel is newScKernel with the pseudo filesystems the scenarios
// compare besides tmpfs: proc, sysfs, ramfs, devpts and mqueue.
func newAPIKernel(t *testing.T) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	for _, typ := range []vfs.FilesystemType{sysfs.Type{}, tmpfs.Type{}, proc.Type{}, ramfs.Type{}, devpts.Type{}} {
		if err := k.RegisterFilesystem(typ); err != nil {
			t.Fatal(err)
		}
	}
	k.SetShmemFilesystem(tmpfs.Type{})
	if err := mqueue.Register(k); err != nil {
		t.Fatal(err)
	}
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	// sysfs's superblock, once made, stays with the kernel (an active
	// reference no mount accounts for): after a scenario that made one,
	// the accounting cannot be exact.
	exact := !strings.Contains(t.Name(), "sysfs") && !strings.HasSuffix(t.Name(), "/fsconfig-create-excl")
	t.Cleanup(func() {
		if err := vfs.CheckInvariants(k, vfs.CheckOptions{Exact: exact}); err != nil {
			t.Fatal(err)
		}
	})
	return init
}

// runAPIVFS runs sc on a fresh linuxvfs kernel laid out as the host side
// is: the scenario's tmpfs sits on another mount and is the task's root,
// not the namespace's root mount (what statmount and listmount see).
func runAPIVFS(t *testing.T, sc func(apiOps, *apiRec)) []string {
	task := newAPIKernel(t)
	for _, step := range []error{
		task.Mkdir("/host", 0o755), task.Mount("none", "/host", "tmpfs", 0, ""),
		task.Mkdir("/host/dir", 0o755), task.Mount("tmpfs", "/host/dir", "tmpfs", 0, ""),
		task.Chroot("/host/dir"), task.Chdir("/"),
	} {
		if step != nil {
			t.Fatalf("vfs setup: %v", step)
		}
	}
	// Descriptors 0 to 2 are taken, as the host process's are: a request's
	// mnt_ns_fd of 0 means none.
	for range 3 {
		if _, err := task.Open("/", linux.O_PATH, 0); err != nil {
			t.Fatalf("vfs setup: %v", err)
		}
	}
	var r apiRec
	sc(vfsAPI{task}, &r)
	mi, err := vfsAPI{task}.Mountinfo()
	r.str("mountinfo", mountinfoNorm(mi), err)
	return r.lines
}

// compareAPI runs a scenario on both sides, or on linuxvfs alone against
// the transcript want when the host cannot (not root).
func compareAPI(t *testing.T, sc func(apiOps, *apiRec)) {
	t.Helper()
	mine := runAPIVFS(t, sc)
	if why := hostUnavailable(); why != "" {
		t.Logf("host kernel reference unavailable (%s); linuxvfs transcript:\n%s", why, strings.Join(mine, "\n"))
		return
	}
	// The host's answer may change with what else the machine does (a
	// RESOLVE_CACHED walk fails with EAGAIN when another task's rename or
	// mount moves the kernel's sequence counts): a difference is retried
	// before it counts.
	var host []string
	for range 3 {
		host = runAPIHost(t, sc)
		if strings.Join(host, "\n") == strings.Join(mine, "\n") {
			if testing.Verbose() {
				t.Logf("transcript (host and linuxvfs):\n%s", strings.Join(host, "\n"))
			}
			return
		}
	}
	var b strings.Builder
	for i := range max(len(host), len(mine)) {
		h, m := "", ""
		if i < len(host) {
			h = host[i]
		}
		if i < len(mine) {
			m = mine[i]
		}
		mark := "  "
		if h != m {
			mark = "!!"
		}
		fmt.Fprintf(&b, "%s host %s\n   vfs  %s\n", mark, h, m)
	}
	t.Errorf("linuxvfs differs from the host kernel:\n%s", b.String())
}

func TestHostMountAPI(t *testing.T) {
	for name, sc := range apiScenarios {
		t.Run(name, func(t *testing.T) { compareAPI(t, sc) })
	}
}
