// SPDX-License-Identifier: Apache-2.0

package vfs_test

// Scenarios: sequences of system calls expressed once as data and run
// against any implementation of scOps. TestScenariosVFS runs them on
// linuxvfs and checks the errnos the scenarios declare;
// hostkernel_linux_test.go runs the very same scenarios on the host kernel
// (a fresh tmpfs per scenario) and compares every result with linuxvfs.

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/overlay"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// scUser is an identity a step runs as. A nil *scUser is root (uid 0 with
// every capability). With setuidRoot the real IDs are uid/gid while the
// effective and filesystem IDs stay 0 (a set-user-ID-root program), which
// only matters to access(2).
type scUser struct {
	uid, gid   uint32
	groups     []uint32
	setuidRoot bool
}

var (
	alice = &scUser{uid: 1000, gid: 1000}
	bob   = &scUser{uid: 1001, gid: 1001}
	// carol is also in group 2000.
	carol = &scUser{uid: 1002, gid: 1002, groups: []uint32{2000}}
	// suidAlice is alice running a set-user-ID-root program.
	suidAlice = &scUser{uid: 1000, gid: 1000, setuidRoot: true}
)

func (u *scUser) String() string {
	if u == nil {
		return "root"
	}
	s := fmt.Sprintf("%d:%d", u.uid, u.gid)
	if len(u.groups) > 0 {
		s += fmt.Sprint(u.groups)
	}
	if u.setuidRoot {
		s += "(euid 0)"
	}
	return s
}

// cred is the linuxvfs credential for u.
func (u *scUser) cred() *vfs.Cred {
	if u == nil {
		return vfs.RootCred()
	}
	if u.setuidRoot {
		c := vfs.RootCred()
		c.UID, c.GID = u.uid, u.gid
		c.Groups = append([]uint32(nil), u.groups...)
		return c
	}
	return vfs.UserCred(u.uid, u.gid, u.groups...)
}

// scStat is the part of struct stat the scenarios compare.
type scStat struct {
	Mode         uint32
	Nlink        uint64
	UID, GID     uint32
	Size, Blocks int64
	Blksize      int64
	Ino          uint64
	Rdev, Dev    uint64
	Atime, Mtime vfs.Timespec
	Ctime        vfs.Timespec
}

// scDirent is one getdents64 record.
type scDirent struct {
	Name string
	Ino  uint64
	Type uint8
}

// scOps is the system-call surface a scenario drives. Errors are errnos
// (linux.Errno, or anything errnoOf understands).
type scOps interface {
	Openat(dirfd int, path string, flags int, mode uint32) (int, error)
	Close(fd int) error
	Read(fd int, n int) ([]byte, error)
	Write(fd int, b []byte) (int, error)
	Pread(fd int, n int, off int64) ([]byte, error)
	Pwrite(fd int, b []byte, off int64) (int, error)
	Lseek(fd int, off int64, whence int) (int64, error)
	Getdents(fd int) ([]scDirent, error)
	// GetdentsN makes one getdents64 call returning at most n entries,
	// all of whose names are at most 4 bytes long.
	GetdentsN(fd int, n int) ([]scDirent, error)
	Fstatat(dirfd int, path string, flags int) (scStat, error)
	Fstat(fd int) (scStat, error)
	Mkdirat(dirfd int, path string, mode uint32) error
	Mknodat(dirfd int, path string, mode uint32, dev uint64) error
	Symlinkat(target string, dirfd int, path string) error
	Readlinkat(dirfd int, path string) (string, error)
	Linkat(olddirfd int, oldpath string, newdirfd int, newpath string, flags int) error
	Unlinkat(dirfd int, path string, flags int) error
	Renameat2(olddirfd int, oldpath string, newdirfd int, newpath string, flags uint32) error
	Fchmodat(dirfd int, path string, mode uint32, flags int) error
	Fchmod(fd int, mode uint32) error
	Fchownat(dirfd int, path string, uid, gid int, flags int) error
	Utimensat(dirfd int, path string, times *[2]vfs.Timespec, flags int) error
	Faccessat(dirfd int, path string, mode uint32, flags int) error
	Truncate(path string, size int64) error
	Ftruncate(fd int, size int64) error
	Chdir(path string) error
	Fchdir(fd int) error
	Getcwd() (string, error)
	Umask(mask uint32) uint32
	Dup(fd int) (int, error)
	Dup2(oldfd, newfd int) (int, error)
	// Mount mounts a fresh tmpfs on target with the MS_* flags given.
	Mount(target string, flags int) error
	scSockOps // sockets, pipes, memfds (scenario_sock_test.go)
	scXattrOps
	// MountOverlay mounts an overlay on target with the options data
	// (whose layer paths are relative to the working directory).
	MountOverlay(target, data string) error
	Chroot(path string) error
	// SetUser switches the identity of the following calls; nil is root.
	SetUser(u *scUser) error
}

// scStep is one system call of a scenario. Descriptors are named: fd and
// fd2 name slots filled by earlier steps (to), "" is the scenario's base
// directory (an O_PATH descriptor of the filesystem's root) and "cwd" is
// AT_FDCWD.
type scStep struct {
	op          string
	fd, fd2     string
	path, path2 string
	flags       int
	mode        uint32
	dev         uint64
	off         int64
	whence      int
	n           int
	data        string
	times       *[2]vfs.Timespec
	save        string
	save2       string   // a second descriptor (socketpair, pipe2)
	rights      []string // slots of descriptors passed or received
	user        *scUser
	wantErr     linux.Errno
	hasWant     bool
}

// at sets the directory descriptor (slot name) of the first path.
func (s scStep) at(slot string) scStep { s.fd = slot; return s }

// at2 sets the directory descriptor of the second path.
func (s scStep) at2(slot string) scStep { s.fd2 = slot; return s }

// as runs the step as u.
func (s scStep) as(u *scUser) scStep { s.user = u; return s }

// to saves the descriptor the step returns in slot.
func (s scStep) to(slot string) scStep { s.save = slot; return s }

// fails declares the errno Linux returns; ok declares success.
func (s scStep) fails(e linux.Errno) scStep { s.wantErr, s.hasWant = e, true; return s }
func (s scStep) ok() scStep                 { return s.fails(0) }

func (s scStep) String() string {
	var b strings.Builder
	b.WriteString(s.op)
	b.WriteString("(")
	var args []string
	if s.fd != "" {
		args = append(args, "fd="+s.fd)
	}
	if s.path != "" || strings.Contains("open stat lstat statat mkdir mknod symlink readlink link unlink unlinkat rename chmod chown utimes access truncate chdir", s.op) {
		p := s.path
		if len(p) > 40 {
			p = fmt.Sprintf("%s...(%d bytes)", p[:20], len(p))
		}
		args = append(args, fmt.Sprintf("%q", p))
	}
	if s.fd2 != "" {
		args = append(args, "fd2="+s.fd2)
	}
	if s.path2 != "" {
		p := s.path2
		if len(p) > 40 {
			p = fmt.Sprintf("%s...(%d bytes)", p[:20], len(p))
		}
		args = append(args, fmt.Sprintf("%q", p))
	}
	if s.flags != 0 {
		args = append(args, fmt.Sprintf("flags=%#o", s.flags))
	}
	if s.mode != 0 {
		args = append(args, fmt.Sprintf("mode=%#o", s.mode))
	}
	if s.dev != 0 {
		args = append(args, fmt.Sprintf("dev=%d:%d", linux.Major(s.dev), linux.Minor(s.dev)))
	}
	if s.off != 0 || s.op == "lseek" || s.op == "pread" || s.op == "pwrite" || strings.HasSuffix(s.op, "truncate") {
		args = append(args, fmt.Sprintf("off=%d", s.off))
	}
	if s.op == "lseek" {
		args = append(args, fmt.Sprintf("whence=%d", s.whence))
	}
	if s.n != 0 {
		args = append(args, fmt.Sprintf("n=%d", s.n))
	}
	if s.data != "" {
		d := s.data
		if len(d) > 20 {
			d = fmt.Sprintf("%s...(%d bytes)", d[:10], len(d))
		}
		args = append(args, fmt.Sprintf("%q", d))
	}
	if s.times != nil {
		args = append(args, fmt.Sprintf("times=%v", *s.times))
	}
	if len(s.rights) > 4 {
		args = append(args, fmt.Sprintf("rights=%s...(%d)", s.rights[0], len(s.rights)))
	} else if s.rights != nil {
		args = append(args, fmt.Sprintf("rights=%v", s.rights))
	}
	b.WriteString(strings.Join(args, ", "))
	b.WriteString(")")
	if s.user != nil {
		b.WriteString(" as " + s.user.String())
	}
	if s.save != "" {
		b.WriteString(" -> " + s.save)
	}
	return b.String()
}

// Step constructors. Paths are relative to the base directory unless .at
// says otherwise.

func opOpen(path string, flags int, mode uint32) scStep {
	return scStep{op: "open", path: path, flags: flags, mode: mode}
}
func opClose(slot string) scStep { return scStep{op: "close", fd: slot} }
func opRead(slot string, n int) scStep {
	return scStep{op: "read", fd: slot, n: n}
}
func opWrite(slot, data string) scStep { return scStep{op: "write", fd: slot, data: data} }
func opPread(slot string, n int, off int64) scStep {
	return scStep{op: "pread", fd: slot, n: n, off: off}
}
func opPwrite(slot, data string, off int64) scStep {
	return scStep{op: "pwrite", fd: slot, data: data, off: off}
}
func opLseek(slot string, off int64, whence int) scStep {
	return scStep{op: "lseek", fd: slot, off: off, whence: whence}
}
func opGetdents(slot string) scStep { return scStep{op: "getdents", fd: slot} }

// opGetdentsN reads at most n entries (names of at most 4 bytes).
func opGetdentsN(slot string, n int) scStep { return scStep{op: "getdents", fd: slot, n: n} }
func opStat(path string) scStep             { return scStep{op: "stat", path: path} }
func opLstat(path string) scStep {
	return scStep{op: "stat", path: path, flags: linux.AT_SYMLINK_NOFOLLOW}
}
func opStatat(path string, flags int) scStep {
	return scStep{op: "stat", path: path, flags: flags}
}
func opFstat(slot string) scStep { return scStep{op: "fstat", fd: slot} }
func opMkdir(path string, mode uint32) scStep {
	return scStep{op: "mkdir", path: path, mode: mode}
}
func opMknod(path string, mode uint32, dev uint64) scStep {
	return scStep{op: "mknod", path: path, mode: mode, dev: dev}
}
func opSymlink(target, path string) scStep {
	return scStep{op: "symlink", path: path, data: target}
}
func opReadlink(path string) scStep { return scStep{op: "readlink", path: path} }
func opLink(oldpath, newpath string, flags int) scStep {
	return scStep{op: "link", path: oldpath, path2: newpath, flags: flags}
}
func opUnlink(path string) scStep { return scStep{op: "unlink", path: path} }
func opRmdir(path string) scStep {
	return scStep{op: "unlink", path: path, flags: linux.AT_REMOVEDIR}
}
func opUnlinkat(path string, flags int) scStep {
	return scStep{op: "unlink", path: path, flags: flags}
}
func opRename(oldpath, newpath string, flags int) scStep {
	return scStep{op: "rename", path: oldpath, path2: newpath, flags: flags}
}
func opChmod(path string, mode uint32) scStep {
	return scStep{op: "chmod", path: path, mode: mode}
}
func opChmodat(path string, mode uint32, flags int) scStep {
	return scStep{op: "chmod", path: path, mode: mode, flags: flags}
}
func opFchmod(slot string, mode uint32) scStep {
	return scStep{op: "fchmod", fd: slot, mode: mode}
}

// opChown: uid/gid -1 leave the owner or group alone.
func opChown(path string, uid, gid int, flags int) scStep {
	return scStep{op: "chown", path: path, off: int64(uid), n: gid, flags: flags}
}
func opUtimes(path string, times *[2]vfs.Timespec, flags int) scStep {
	return scStep{op: "utimes", path: path, times: times, flags: flags}
}
func opAccess(path string, mode uint32, flags int) scStep {
	return scStep{op: "access", path: path, mode: mode, flags: flags}
}
func opTruncate(path string, size int64) scStep {
	return scStep{op: "truncate", path: path, off: size}
}
func opFtruncate(slot string, size int64) scStep {
	return scStep{op: "ftruncate", fd: slot, off: size}
}
func opChdir(path string) scStep   { return scStep{op: "chdir", path: path} }
func opFchdir(slot string) scStep  { return scStep{op: "fchdir", fd: slot} }
func opGetcwd() scStep             { return scStep{op: "getcwd"} }
func opUmask(mask uint32) scStep   { return scStep{op: "umask", mode: mask} }
func opDup(slot string) scStep     { return scStep{op: "dup", fd: slot} }
func opMount(target string) scStep { return scStep{op: "mount", path: target} }

// opMountFlags mounts a fresh tmpfs with MS_* flags.
func opMountFlags(target string, flags int) scStep {
	return scStep{op: "mount", path: target, flags: flags}
}
func opChroot(path string) scStep { return scStep{op: "chroot", path: path} }

// opDup2 duplicates slot onto slot2: an open slot is replaced, an unknown
// one gets a fixed high descriptor number.
func opDup2(slot, slot2 string) scStep { return scStep{op: "dup2", fd: slot, fd2: slot2} }

// mkfile creates path with exactly mode and content data.
func mkfile(path string, mode uint32, data string) []scStep {
	s := []scStep{opOpen(path, linux.O_CREAT|linux.O_WRONLY|linux.O_TRUNC, mode).to("_mk").ok()}
	if data != "" {
		s = append(s, opWrite("_mk", data).ok())
	}
	return append(s, opClose("_mk").ok(), opChmod(path, mode).ok())
}

// mkdirm creates a directory with exactly mode.
func mkdirm(path string, mode uint32) []scStep {
	return []scStep{opMkdir(path, mode).ok(), opChmod(path, mode).ok()}
}

// chown is an unchecked chown to uid:gid (setup).
func chown(path string, uid, gid int) scStep { return opChown(path, uid, gid, 0).ok() }

// steps flattens scStep and []scStep values.
func steps(items ...any) []scStep {
	var out []scStep
	for _, it := range items {
		switch v := it.(type) {
		case scStep:
			out = append(out, v)
		case []scStep:
			out = append(out, v...)
		default:
			panic(fmt.Sprintf("steps: %T", it))
		}
	}
	return out
}

func ts(sec, nsec int64) vfs.Timespec { return vfs.Timespec{Sec: sec, Nsec: nsec} }

func times2(a, m vfs.Timespec) *[2]vfs.Timespec { return &[2]vfs.Timespec{a, m} }

// scenario is a named list of steps. needs lists host sysctls (path under
// /proc/sys = value) the expected results depend on. bug, when set, marks a
// known divergence of linuxvfs: the test skips with it instead of failing.
type scenario struct {
	name  string
	steps []scStep
	needs []string
	bug   string
	// hostRetries reruns the host side while its errnos disagree with the
	// declared ones (for host behaviour that is not deterministic);
	// serial keeps the scenario from running in parallel with others.
	hostRetries int
	serial      bool
}

// errnoOf converts an error from either side to a linux.Errno; ok is false
// for errors that are not errnos.
func errnoOf(err error) (linux.Errno, bool) {
	if err == nil {
		return 0, true
	}
	var e linux.Errno
	if errors.As(err, &e) {
		return e, true
	}
	if n, ok := hostErrno(err); ok {
		return linux.Errno(n), true
	}
	return 0, false
}

// hostErrno is set by the host implementation to decode its errors.
var hostErrno = func(error) (uintptr, bool) { return 0, false }

// scEnv runs the steps of one scenario against ops.
type scEnv struct {
	ops     scOps
	base    int
	baseDev uint64
	slots   map[string]int
	nextFd  int // for dup2 onto unknown slots
	user    *scUser
	devs    map[uint64]string // st_dev -> "base", "dev1", ...
}

// dup2Base is the first descriptor number dup2 uses for new slots; both
// implementations accept it.
const dup2Base = 700

func newScEnv(ops scOps, base int) (*scEnv, error) {
	st, err := ops.Fstat(base)
	if err != nil {
		return nil, fmt.Errorf("fstat(base): %v", err)
	}
	return &scEnv{ops: ops, base: base, baseDev: st.Dev, slots: map[string]int{}, nextFd: dup2Base,
		devs: map[uint64]string{st.Dev: "base"}}, nil
}

func (e *scEnv) fd(slot string) int {
	switch slot {
	case "":
		return e.base
	case "cwd":
		return linux.AT_FDCWD
	}
	if n, ok := e.slots[slot]; ok {
		return n
	}
	return -1
}

// closeAll closes every descriptor the scenario left open.
func (e *scEnv) closeAll() {
	if e.user != nil {
		e.ops.SetUser(nil)
	}
	seen := map[int]bool{}
	for _, fd := range e.slots {
		if fd >= 0 && !seen[fd] {
			seen[fd] = true
			e.ops.Close(fd)
		}
	}
}

func fmtTime(t vfs.Timespec) string {
	// Times the scenarios set are far from now; anything within a day of
	// the clock is "now".
	if d := t.Sec - time.Now().Unix(); d > -86400 && d < 86400 {
		return "now"
	}
	return fmt.Sprintf("%d.%09d", t.Sec, t.Nsec)
}

func (e *scEnv) fmtStat(st scStat) string {
	// Device numbers differ between kernels; name them by first sight.
	dev, ok := e.devs[st.Dev]
	if !ok {
		dev = fmt.Sprintf("dev%d", len(e.devs))
		e.devs[st.Dev] = dev
	}
	return fmt.Sprintf("mode=%#o nlink=%d uid=%d gid=%d size=%d blocks=%d blksize=%d ino=%d rdev=%d:%d dev=%s atime=%s mtime=%s",
		st.Mode, st.Nlink, st.UID, st.GID, st.Size, st.Blocks, st.Blksize, st.Ino,
		linux.Major(st.Rdev), linux.Minor(st.Rdev), dev, fmtTime(st.Atime), fmtTime(st.Mtime))
}

// exec runs one step and returns its errno and a rendering of its result.
func (e *scEnv) exec(s scStep) (errno linux.Errno, out string) {
	if s.user != e.user {
		if err := e.ops.SetUser(s.user); err != nil {
			return 0, fmt.Sprintf("SETUSER FAILED: %v", err)
		}
		e.user = s.user
	}
	defer func() {
		if r := recover(); r != nil {
			errno, out = 0, fmt.Sprintf("PANIC: %v\n%s", r, debug.Stack())
		}
	}()
	var err error
	var res string
	switch s.op {
	case "open":
		var fd int
		fd, err = e.ops.Openat(e.fd(s.fd), s.path, s.flags, s.mode)
		if err == nil && s.save != "" {
			e.slots[s.save] = fd
		} else if err == nil {
			e.ops.Close(fd)
		}
	case "close":
		err = e.ops.Close(e.fd(s.fd))
		if s.fd != "" && s.fd != "cwd" {
			e.slots[s.fd] = -1
		}
	case "read", "pread":
		var b []byte
		if s.op == "read" {
			b, err = e.ops.Read(e.fd(s.fd), s.n)
		} else {
			b, err = e.ops.Pread(e.fd(s.fd), s.n, s.off)
		}
		res = fmt.Sprintf("%q", b)
	case "write", "pwrite":
		var n int
		if s.op == "write" {
			n, err = e.ops.Write(e.fd(s.fd), []byte(s.data))
		} else {
			n, err = e.ops.Pwrite(e.fd(s.fd), []byte(s.data), s.off)
		}
		res = fmt.Sprint(n)
	case "lseek":
		var off int64
		off, err = e.ops.Lseek(e.fd(s.fd), s.off, s.whence)
		res = fmt.Sprint(off)
	case "getdents":
		var ents []scDirent
		if s.n > 0 {
			ents, err = e.ops.GetdentsN(e.fd(s.fd), s.n)
		} else {
			ents, err = e.ops.Getdents(e.fd(s.fd))
		}
		var parts []string
		for _, d := range ents {
			parts = append(parts, fmt.Sprintf("%s(%d,ino%d)", d.Name, d.Type, d.Ino))
		}
		res = "[" + strings.Join(parts, " ") + "]"
	case "stat", "fstat":
		var st scStat
		if s.op == "stat" {
			st, err = e.ops.Fstatat(e.fd(s.fd), s.path, s.flags)
		} else {
			st, err = e.ops.Fstat(e.fd(s.fd))
		}
		if err == nil {
			res = e.fmtStat(st)
		}
	case "mkdir":
		err = e.ops.Mkdirat(e.fd(s.fd), s.path, s.mode)
	case "mknod":
		err = e.ops.Mknodat(e.fd(s.fd), s.path, s.mode, s.dev)
	case "symlink":
		err = e.ops.Symlinkat(s.data, e.fd(s.fd), s.path)
	case "readlink":
		res, err = e.ops.Readlinkat(e.fd(s.fd), s.path)
		res = fmt.Sprintf("%q", res)
	case "link":
		err = e.ops.Linkat(e.fd(s.fd), s.path, e.fd(s.fd2), s.path2, s.flags)
	case "unlink":
		err = e.ops.Unlinkat(e.fd(s.fd), s.path, s.flags)
	case "rename":
		err = e.ops.Renameat2(e.fd(s.fd), s.path, e.fd(s.fd2), s.path2, uint32(s.flags))
	case "chmod":
		err = e.ops.Fchmodat(e.fd(s.fd), s.path, s.mode, s.flags)
	case "fchmod":
		err = e.ops.Fchmod(e.fd(s.fd), s.mode)
	case "chown":
		err = e.ops.Fchownat(e.fd(s.fd), s.path, int(s.off), s.n, s.flags)
	case "utimes":
		err = e.ops.Utimensat(e.fd(s.fd), s.path, s.times, s.flags)
	case "access":
		err = e.ops.Faccessat(e.fd(s.fd), s.path, s.mode, s.flags)
	case "setxattr", "getxattr", "listxattr", "removexattr":
		res, err = e.runXattr(s)
	case "truncate":
		err = e.ops.Truncate(s.path, s.off)
	case "ftruncate":
		err = e.ops.Ftruncate(e.fd(s.fd), s.off)
	case "chdir":
		err = e.ops.Chdir(s.path)
	case "fchdir":
		err = e.ops.Fchdir(e.fd(s.fd))
	case "getcwd":
		res, err = e.ops.Getcwd()
		res = fmt.Sprintf("%q", res)
	case "umask":
		res = fmt.Sprintf("%#o", e.ops.Umask(s.mode))
	case "dup":
		var fd int
		fd, err = e.ops.Dup(e.fd(s.fd))
		if err == nil && s.save != "" {
			e.slots[s.save] = fd
		}
	case "dup2":
		newfd, ok := e.slots[s.fd2]
		if !ok || newfd < 0 {
			newfd = e.nextFd
			e.nextFd++
		}
		var fd int
		fd, err = e.ops.Dup2(e.fd(s.fd), newfd)
		if err == nil {
			e.slots[s.fd2] = fd
		}
	case "mount":
		err = e.ops.Mount(s.path, s.flags)
	case "mountovl":
		err = e.ops.MountOverlay(s.path, s.data)
	case "chroot":
		err = e.ops.Chroot(s.path)
	default:
		var known bool
		if res, err, known = e.execSock(s); !known {
			return 0, "UNKNOWN OP " + s.op
		}
	}
	errno, isErrno := errnoOf(err)
	if !isErrno {
		return 0, fmt.Sprintf("NON-ERRNO ERROR %T %v", err, err)
	}
	if err != nil {
		return errno, errno.Name()
	}
	if res == "" {
		return 0, "ok"
	}
	return 0, "ok " + res
}

// scResult is what one step did.
type scResult struct {
	errno linux.Errno
	out   string
}

// runScenario runs sc's steps on ops starting from the base descriptor.
func runScenario(ops scOps, base int, sc *scenario) ([]scResult, error) {
	e, err := newScEnv(ops, base)
	if err != nil {
		return nil, err
	}
	defer e.closeAll()
	res := make([]scResult, len(sc.steps))
	for i, s := range sc.steps {
		errno, out := e.exec(s)
		res[i] = scResult{errno, out}
	}
	return res, nil
}

// vfsOps implements scOps on a linuxvfs task.
type vfsOps struct{ t *vfs.Task }

func (v vfsOps) Openat(dirfd int, path string, flags int, mode uint32) (int, error) {
	return v.t.Openat(dirfd, path, uint32(flags), mode)
}
func (v vfsOps) Close(fd int) error { return v.t.Close(fd) }
func (v vfsOps) Read(fd int, n int) ([]byte, error) {
	b := make([]byte, n)
	m, err := v.t.Read(fd, b)
	return b[:max(m, 0)], err
}
func (v vfsOps) Write(fd int, b []byte) (int, error) { return v.t.Write(fd, b) }
func (v vfsOps) Pread(fd int, n int, off int64) ([]byte, error) {
	b := make([]byte, n)
	m, err := v.t.Pread(fd, b, off)
	return b[:max(m, 0)], err
}
func (v vfsOps) Pwrite(fd int, b []byte, off int64) (int, error) { return v.t.Pwrite(fd, b, off) }
func (v vfsOps) Lseek(fd int, off int64, whence int) (int64, error) {
	return v.t.Lseek(fd, off, whence)
}
func (v vfsOps) Getdents(fd int) ([]scDirent, error) {
	var out []scDirent
	for {
		ents, err := v.t.Getdents(fd, 0)
		if err != nil {
			return out, err
		}
		if len(ents) == 0 {
			return out, nil
		}
		for _, d := range ents {
			out = append(out, scDirent{d.Name, d.Ino, d.Type})
		}
	}
}

func (v vfsOps) GetdentsN(fd int, n int) ([]scDirent, error) {
	ents, err := v.t.Getdents(fd, n)
	var out []scDirent
	for _, d := range ents {
		out = append(out, scDirent{d.Name, d.Ino, d.Type})
	}
	return out, err
}

func vfsStat(st vfs.Statx) scStat {
	return scStat{Mode: uint32(st.Mode), Nlink: uint64(st.Nlink), UID: st.UID, GID: st.GID,
		Size: st.Size, Blocks: st.Blocks, Blksize: int64(st.Blksize), Ino: st.Ino, Rdev: st.Rdev(), Dev: st.Dev(),
		Atime: st.Atime, Mtime: st.Mtime, Ctime: st.Ctime}
}

func (v vfsOps) Fstatat(dirfd int, path string, flags int) (scStat, error) {
	st, err := v.t.Fstatat(dirfd, path, flags)
	return vfsStat(st), err
}
func (v vfsOps) Fstat(fd int) (scStat, error) {
	st, err := v.t.Fstat(fd)
	return vfsStat(st), err
}
func (v vfsOps) Mkdirat(dirfd int, path string, mode uint32) error {
	return v.t.Mkdirat(dirfd, path, mode)
}
func (v vfsOps) Mknodat(dirfd int, path string, mode uint32, dev uint64) error {
	return v.t.Mknodat(dirfd, path, mode, dev)
}
func (v vfsOps) Symlinkat(target string, dirfd int, path string) error {
	return v.t.Symlinkat(target, dirfd, path)
}
func (v vfsOps) Readlinkat(dirfd int, path string) (string, error) {
	return v.t.Readlinkat(dirfd, path)
}
func (v vfsOps) Linkat(olddirfd int, oldpath string, newdirfd int, newpath string, flags int) error {
	return v.t.Linkat(olddirfd, oldpath, newdirfd, newpath, flags)
}
func (v vfsOps) Unlinkat(dirfd int, path string, flags int) error {
	return v.t.Unlinkat(dirfd, path, flags)
}
func (v vfsOps) Renameat2(olddirfd int, oldpath string, newdirfd int, newpath string, flags uint32) error {
	return v.t.Renameat2(olddirfd, oldpath, newdirfd, newpath, flags)
}
func (v vfsOps) Fchmodat(dirfd int, path string, mode uint32, flags int) error {
	return v.t.Fchmodat(dirfd, path, mode, flags)
}
func (v vfsOps) Fchmod(fd int, mode uint32) error { return v.t.Fchmod(fd, mode) }
func (v vfsOps) Fchownat(dirfd int, path string, uid, gid int, flags int) error {
	return v.t.Fchownat(dirfd, path, uint32(uid), uint32(gid), flags)
}
func (v vfsOps) Utimensat(dirfd int, path string, times *[2]vfs.Timespec, flags int) error {
	if times != nil {
		c := *times // the callee must not see the scenario's copy
		times = &c
	}
	return v.t.Utimensat(dirfd, path, times, flags)
}
func (v vfsOps) Faccessat(dirfd int, path string, mode uint32, flags int) error {
	return v.t.Faccessat(dirfd, path, mode, flags)
}
func (v vfsOps) Truncate(path string, size int64) error { return v.t.Truncate(path, size) }
func (v vfsOps) Ftruncate(fd int, size int64) error     { return v.t.Ftruncate(fd, size) }
func (v vfsOps) Chdir(path string) error                { return v.t.Chdir(path) }
func (v vfsOps) Fchdir(fd int) error                    { return v.t.Fchdir(fd) }
func (v vfsOps) Getcwd() (string, error)                { return v.t.Getcwd() }
func (v vfsOps) Umask(mask uint32) uint32               { return v.t.Umask(mask) }
func (v vfsOps) Dup(fd int) (int, error)                { return v.t.Dup(fd) }
func (v vfsOps) Dup2(oldfd, newfd int) (int, error)     { return v.t.Dup2(oldfd, newfd) }
func (v vfsOps) Mount(target string, flags int) error {
	return v.t.Mount("tmpfs", target, "tmpfs", uint64(flags), "")
}
func (v vfsOps) Chroot(path string) error { return v.t.Chroot(path) }
func (v vfsOps) SetUser(u *scUser) error {
	v.t.SetCred(u.cred())
	return nil
}

// bootTmpfs boots a kernel that knows tmpfs, with rootfs at its root, and
// returns its init task.
func bootTmpfs(t testing.TB) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	return init
}

// newScKernel boots a linuxvfs kernel whose root is a tmpfs and returns
// init.
func newScKernel(t testing.TB) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	k.SetShmemFilesystem(tmpfs.Type{}) // memfd_create
	if err := k.RegisterFilesystem(overlay.Type{}); err != nil {
		t.Fatal(err)
	}
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { checkInvariants(t, k) })
	return init
}

// runScenarioVFS runs sc on a fresh linuxvfs kernel.
func runScenarioVFS(t testing.TB, sc *scenario) []scResult {
	t.Helper()
	task := newScKernel(t)
	base, err := task.Openat(linux.AT_FDCWD, "/", linux.O_PATH|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatalf("open base: %v", err)
	}
	res, err := runScenario(vfsOps{task}, base, sc)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// transcript renders the steps with one or two result columns.
func transcript(sc *scenario, cols ...[]scResult) string {
	var b strings.Builder
	for i, s := range sc.steps {
		mark := "  "
		if len(cols) == 2 && cols[0][i].out != cols[1][i].out {
			mark = "!!"
		}
		fmt.Fprintf(&b, "%s %2d %s\n", mark, i, s)
		for j, c := range cols {
			who := "vfs"
			if len(cols) == 2 && j == 0 {
				who = "host"
			}
			fmt.Fprintf(&b, "        %-4s %s", who, c[i].out)
			if s.hasWant && c[i].errno != s.wantErr {
				fmt.Fprintf(&b, "   (declared: %s)", errName(s.wantErr))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func errName(e linux.Errno) string {
	if e == 0 {
		return "ok"
	}
	return e.Name()
}

// TestScenariosVFS runs every scenario on linuxvfs alone and checks the
// errnos the scenarios declare (the host-kernel test checks the rest).
func TestScenariosVFS(t *testing.T) {
	for i := range scenarios {
		sc := &scenarios[i]
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			res := runScenarioVFS(t, sc)
			var bad []string
			for j, s := range sc.steps {
				if strings.HasPrefix(res[j].out, "PANIC") || strings.HasPrefix(res[j].out, "NON-ERRNO") {
					bad = append(bad, fmt.Sprintf("step %d %s: %s", j, s, res[j].out))
					continue
				}
				if s.hasWant && res[j].errno != s.wantErr {
					bad = append(bad, fmt.Sprintf("step %d %s: got %s, Linux gives %s", j, s, errName(res[j].errno), errName(s.wantErr)))
				}
			}
			if len(bad) == 0 {
				return
			}
			msg := strings.Join(bad, "\n") + "\n" + transcript(sc, res)
			if sc.bug != "" {
				t.Log(msg)
				t.Skip("BUG: " + sc.bug)
			}
			t.Error(msg)
		})
	}
}
