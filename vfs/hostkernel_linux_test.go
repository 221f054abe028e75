// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// The differential half of the scenarios: each one runs on the host kernel,
// on a fresh tmpfs mounted for it, and on linuxvfs, and every step must
// give the same errno and the same result.
//
// The host side runs on a dedicated OS thread (runtime.LockOSThread, never
// unlocked, so the thread dies with its goroutine) that has unshared its
// fs_struct and file table (CLONE_FS|CLONE_FILES) and chrooted into the
// tmpfs. Its root, working directory, umask and descriptor numbers are
// therefore private, and absolute paths and ".." at the root mean the same
// as in linuxvfs, whose root is the tmpfs. Steps run as another user switch
// that thread's credentials with raw per-thread setgroups/setresgid/setresuid
// (saved set-user-ID 0 keeps the way back), which drops the effective
// capabilities exactly as an unprivileged process has none.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/vfs"
)

func init() {
	hostErrno = func(err error) (uintptr, bool) {
		var e syscall.Errno
		if errors.As(err, &e) {
			return uintptr(e), true
		}
		return 0, false
	}
}

// hostOps implements scOps with real system calls. Every method must be
// called on the thread set up by runScenarioHost.
type hostOps struct {
	rootGroups []int
	// dir is where the scenario's tmpfs is mounted in the host's tree.
	dir string
}

func (hostOps) Openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	return sys(unix.SYS_OPENAT, dirfd, cstr(path), flags|unix.O_LARGEFILE, mode)
}
func (hostOps) Close(fd int) error { return unix.Close(fd) }
func (hostOps) Read(fd int, n int) ([]byte, error) {
	b := make([]byte, n)
	m, err := unix.Read(fd, b)
	return b[:max(m, 0)], err
}
func (hostOps) Write(fd int, b []byte) (int, error) {
	n, err := unix.Write(fd, b)
	return max(n, 0), err
}
func (hostOps) Pread(fd int, n int, off int64) ([]byte, error) {
	b := make([]byte, n)
	m, err := unix.Pread(fd, b, off)
	return b[:max(m, 0)], err
}
func (hostOps) Pwrite(fd int, b []byte, off int64) (int, error) {
	n, err := unix.Pwrite(fd, b, off)
	return max(n, 0), err
}
func (hostOps) Lseek(fd int, off int64, whence int) (int64, error) {
	return unix.Seek(fd, off, whence)
}
func (hostOps) Getdents(fd int) ([]scDirent, error) {
	var out []scDirent
	buf := make([]byte, 1<<16)
	for {
		n, err := unix.Getdents(fd, buf)
		if err != nil {
			return out, err
		}
		if n <= 0 {
			return out, nil
		}
		out = parseDirents(out, buf[:n])
	}
}

// GetdentsN passes a buffer of n 24-byte records: a linux_dirent64 with a
// name of up to 4 bytes takes 24 bytes.
func (hostOps) GetdentsN(fd int, n int) ([]scDirent, error) {
	buf := make([]byte, 24*n)
	m, err := unix.Getdents(fd, buf)
	if err != nil {
		return nil, err
	}
	return parseDirents(nil, buf[:m]), nil
}

func parseDirents(out []scDirent, b []byte) []scDirent {
	for len(b) > 0 {
		// struct linux_dirent64: ino, off, reclen, type, name.
		ino := *(*uint64)(unsafe.Pointer(&b[0]))
		reclen := *(*uint16)(unsafe.Pointer(&b[16]))
		typ := b[18]
		name := b[19:reclen]
		if i := strings.IndexByte(string(name), 0); i >= 0 {
			name = name[:i]
		}
		out = append(out, scDirent{string(name), ino, typ})
		b = b[reclen:]
	}
	return out
}

func hostStat(st *unix.Stat_t) scStat {
	return scStat{Mode: st.Mode, Nlink: uint64(st.Nlink), UID: st.Uid, GID: st.Gid, Size: st.Size,
		Blocks: st.Blocks, Blksize: int64(st.Blksize), Ino: st.Ino, Rdev: st.Rdev, Dev: st.Dev,
		Atime: vfs.Timespec{Sec: st.Atim.Sec, Nsec: st.Atim.Nsec},
		Mtime: vfs.Timespec{Sec: st.Mtim.Sec, Nsec: st.Mtim.Nsec},
		Ctime: vfs.Timespec{Sec: st.Ctim.Sec, Nsec: st.Ctim.Nsec}}
}

func (hostOps) Fstatat(dirfd int, path string, flags int) (scStat, error) {
	return statxAsStat(dirfd, path, flags)
}
func (hostOps) Fstat(fd int) (scStat, error) {
	var st unix.Stat_t
	err := unix.Fstat(fd, &st)
	return hostStat(&st), err
}
func (hostOps) Mkdirat(dirfd int, path string, mode uint32) error {
	return sysErr(unix.SYS_MKDIRAT, dirfd, cstr(path), mode)
}
func (hostOps) Mknodat(dirfd int, path string, mode uint32, dev uint64) error {
	return sysErr(unix.SYS_MKNODAT, dirfd, cstr(path), mode, dev)
}
func (hostOps) Symlinkat(target string, dirfd int, path string) error {
	return sysErr(unix.SYS_SYMLINKAT, cstr(target), dirfd, cstr(path))
}
func (hostOps) Readlinkat(dirfd int, path string) (string, error) {
	buf := make([]byte, 8192)
	n, err := sys(unix.SYS_READLINKAT, dirfd, cstr(path), &buf[0], len(buf))
	if err != nil {
		return "", err
	}
	return string(buf[:n]), nil
}
func (hostOps) Linkat(olddirfd int, oldpath string, newdirfd int, newpath string, flags int) error {
	return sysErr(unix.SYS_LINKAT, olddirfd, cstr(oldpath), newdirfd, cstr(newpath), flags)
}
func (hostOps) Unlinkat(dirfd int, path string, flags int) error {
	return sysErr(unix.SYS_UNLINKAT, dirfd, cstr(path), flags)
}
func (hostOps) Renameat2(olddirfd int, oldpath string, newdirfd int, newpath string, flags uint32) error {
	return sysErr(unix.SYS_RENAMEAT2, olddirfd, cstr(oldpath), newdirfd, cstr(newpath), flags)
}

// Fchmodat is fchmodat2(2), which honours the flags.
func (hostOps) Fchmodat(dirfd int, path string, mode uint32, flags int) error {
	return sysErr(unix.SYS_FCHMODAT2, dirfd, cstr(path), mode, flags)
}
func (hostOps) Fchmod(fd int, mode uint32) error { return unix.Fchmod(fd, mode) }
func (hostOps) Fchownat(dirfd int, path string, uid, gid int, flags int) error {
	return sysErr(unix.SYS_FCHOWNAT, dirfd, cstr(path), uid, gid, flags)
}

// Utimensat is the raw utimensat(2): a nil times passes NULL.
func (hostOps) Utimensat(dirfd int, path string, times *[2]vfs.Timespec, flags int) error {
	var tp unsafe.Pointer
	var uts [2]unix.Timespec
	if times != nil {
		for i, t := range times {
			uts[i] = unix.Timespec{Sec: t.Sec, Nsec: t.Nsec}
		}
		tp = unsafe.Pointer(&uts[0])
	}
	return sysErr(unix.SYS_UTIMENSAT, dirfd, cstr(path), tp, flags)
}

// Faccessat is faccessat2(2), never glibc's emulation.
func (hostOps) Faccessat(dirfd int, path string, mode uint32, flags int) error {
	return sysErr(unix.SYS_FACCESSAT2, dirfd, cstr(path), mode, flags)
}
func (hostOps) Truncate(path string, size int64) error {
	return sysErr(unix.SYS_TRUNCATE, cstr(path), uintptr(size))
}
func (hostOps) Ftruncate(fd int, size int64) error { return unix.Ftruncate(fd, size) }
func (hostOps) Chdir(path string) error            { return sysErr(unix.SYS_CHDIR, cstr(path)) }
func (hostOps) Fchdir(fd int) error                { return unix.Fchdir(fd) }

// Getcwd is getcwd(2). A working directory outside the thread's root is
// reported from the namespace root, where linuxvfs's root is our tmpfs:
// the tmpfs's place in the host's tree is cut off.
func (h hostOps) Getcwd() (string, error) {
	buf := make([]byte, 8192)
	n, err := unix.Getcwd(buf)
	if err != nil {
		return "", err
	}
	s := string(buf[:n])
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	const unreachable = "(unreachable)"
	if rest, ok := strings.CutPrefix(s, unreachable+h.dir); ok && (rest == "" || rest[0] == '/') {
		if rest == "" {
			rest = "/"
		}
		s = unreachable + rest
	}
	return s, nil
}
func (hostOps) Umask(mask uint32) uint32 { return uint32(unix.Umask(int(mask))) }
func (hostOps) Dup(fd int) (int, error)  { return unix.Dup(fd) }

// Dup2 is dup2(2); dup3 refuses oldfd == newfd, where dup2 only checks
// that oldfd is open.
func (hostOps) Dup2(oldfd, newfd int) (int, error) {
	if oldfd == newfd {
		if _, err := unix.FcntlInt(uintptr(oldfd), unix.F_GETFD, 0); err != nil {
			return -1, err
		}
		return newfd, nil
	}
	if err := unix.Dup3(oldfd, newfd, 0); err != nil {
		return -1, err
	}
	return newfd, nil
}

// Mount mounts a tmpfs; the thread's chroot makes target relative to the
// scenario's filesystem, and the cleanup's lazy unmount takes it along.
func (hostOps) Mount(target string, flags int) error {
	return sysErr(unix.SYS_MOUNT, cstr("tmpfs"), cstr(target), cstr("tmpfs"), flags, unsafe.Pointer(nil))
}

// Chroot changes this thread's root only (its fs_struct is unshared).
func (hostOps) Chroot(path string) error { return sysErr(unix.SYS_CHROOT, cstr(path)) }

// setThreadIDs changes this thread's IDs only (the raw system calls, not
// the all-threads wrappers in package syscall).
func setThreadIDs(ruid, euid, suid, rgid, egid, sgid int, groups []int) error {
	if err := unix.Setgroups(groups); err != nil { // raw, per thread
		return fmt.Errorf("setgroups: %w", err)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESGID, uintptr(rgid), uintptr(egid), uintptr(sgid)); e != 0 {
		return fmt.Errorf("setresgid: %w", e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, uintptr(ruid), uintptr(euid), uintptr(suid)); e != 0 {
		return fmt.Errorf("setresuid: %w", e)
	}
	return nil
}

func (h hostOps) SetUser(u *scUser) error {
	// Back to root first: uid 0 (the saved set-user-ID allows it) brings
	// the permitted capabilities back into the effective set.
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, 0, 0, 0); e != 0 {
		return fmt.Errorf("setresuid(0): %w", e)
	}
	if err := setThreadIDs(0, 0, 0, 0, 0, 0, h.rootGroups); err != nil {
		return err
	}
	// Changing IDs cleared the process's dumpable flag.
	unix.Prctl(unix.PR_SET_DUMPABLE, 1, 0, 0, 0)
	if u == nil {
		return nil
	}
	groups := make([]int, len(u.groups))
	for i, g := range u.groups {
		groups[i] = int(g)
	}
	if u.setuidRoot {
		return setThreadIDs(int(u.uid), 0, 0, int(u.gid), 0, 0, groups)
	}
	return setThreadIDs(int(u.uid), int(u.uid), 0, int(u.gid), int(u.gid), 0, groups)
}

// hostUnavailable says why the host half cannot run here ("" if it can).
func hostUnavailable() string {
	if os.Geteuid() != 0 {
		return fmt.Sprintf("needs root to mount tmpfs and switch credentials (euid %d)", os.Geteuid())
	}
	return ""
}

// hostSysctl reads /proc/sys/<name>.
func hostSysctl(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join("/proc/sys", name))
	return strings.TrimSpace(string(b)), err
}

// runScenarioHost runs sc on a fresh tmpfs of the host kernel.
func runScenarioHost(t *testing.T, sc *scenario) []scResult {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
		t.Fatalf("mount tmpfs on %s: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	groups, err := unix.Getgroups()
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		res []scResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		// Never unlocked: the thread, with its private root, cwd, umask,
		// descriptors and maybe credentials, exits with this goroutine.
		runtime.LockOSThread()
		res, err := func() ([]scResult, error) {
			if err := unix.Unshare(unix.CLONE_FS | unix.CLONE_FILES); err != nil {
				return nil, fmt.Errorf("unshare: %w", err)
			}
			// Abstract socket names are per network namespace: a
			// scenario with sockets gets one of its own.
			if usesSockets(sc) {
				if err := unix.Unshare(unix.CLONE_NEWNET); err != nil {
					return nil, fmt.Errorf("unshare net: %w", err)
				}
			}
			if err := unix.Chroot(dir); err != nil {
				return nil, fmt.Errorf("chroot: %w", err)
			}
			if err := unix.Chdir("/"); err != nil {
				return nil, fmt.Errorf("chdir: %w", err)
			}
			unix.Umask(0o022)
			base, err := unix.Open("/", unix.O_PATH|unix.O_DIRECTORY, 0)
			if err != nil {
				return nil, fmt.Errorf("open base: %w", err)
			}
			defer unix.Close(base)
			ops := hostOps{rootGroups: groups, dir: dir}
			defer ops.SetUser(nil)
			return runScenario(ops, base, sc)
		}()
		done <- outcome{res, err}
	}()
	o := <-done
	if o.err != nil {
		t.Fatalf("host: %v", o.err)
	}
	return o.res
}

// declaredOK reports whether res gives every errno sc declares.
func declaredOK(sc *scenario, res []scResult) bool {
	for j, s := range sc.steps {
		if s.hasWant && res[j].errno != s.wantErr {
			return false
		}
	}
	return true
}

// TestHostKernelDifferential runs every scenario on the host kernel and on
// linuxvfs and compares every step. It needs root on Linux.
func TestHostKernelDifferential(t *testing.T) {
	if why := hostUnavailable(); why != "" {
		t.Skip("host kernel reference unavailable: " + why)
	}
	var uname unix.Utsname
	unix.Uname(&uname)
	t.Logf("host kernel %s", unix.ByteSliceToString(uname.Release[:]))
	for i := range scenarios {
		sc := &scenarios[i]
		t.Run(sc.name, func(t *testing.T) {
			if !sc.serial {
				t.Parallel()
			}
			for _, need := range sc.needs {
				name, want, _ := strings.Cut(need, "=")
				got, err := hostSysctl(name)
				if err != nil || got != want {
					t.Skipf("host has %s=%q (%v); the scenario assumes %s", name, got, err, want)
				}
			}
			host := runScenarioHost(t, sc)
			for try := 0; try < sc.hostRetries && !declaredOK(sc, host); try++ {
				host = runScenarioHost(t, sc)
			}
			mine := runScenarioVFS(t, sc)
			var wrongDecl, diffs []string
			for j, s := range sc.steps {
				if s.hasWant && host[j].errno != s.wantErr {
					wrongDecl = append(wrongDecl, fmt.Sprintf("step %d %s: host gives %s, scenario declares %s", j, s, errName(host[j].errno), errName(s.wantErr)))
				}
				if host[j].out != mine[j].out {
					diffs = append(diffs, fmt.Sprintf("step %d %s:\n    host %s\n    vfs  %s", j, s, host[j].out, mine[j].out))
				}
			}
			if len(wrongDecl) > 0 {
				t.Errorf("scenario declarations disagree with the host kernel:\n%s", strings.Join(wrongDecl, "\n"))
			}
			if len(diffs) == 0 {
				if sc.bug != "" {
					t.Logf("scenario marked %q now matches the host kernel", sc.bug)
				}
				return
			}
			msg := "linuxvfs differs from the host kernel:\n" + strings.Join(diffs, "\n")
			if os.Getenv("LINUXVFS_BRIEF") == "" {
				msg += "\n\ntranscript:\n" + transcript(sc, host, mine)
			}
			if sc.bug != "" && len(wrongDecl) == 0 {
				t.Log(msg)
				t.Skip("BUG: " + sc.bug)
			}
			t.Error(msg)
		})
	}
}
