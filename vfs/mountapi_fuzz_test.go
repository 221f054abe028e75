// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fsconfigKeys are the keys FuzzFsconfig picks from: the superblock flags
// every context takes, "source", tmpfs's and proc's own, and a few no
// filesystem has; the fuzzer's own string is one more.
var fsconfigKeys = []string{
	"ro", "rw", "sync", "async", "dirsync", "lazytime", "nolazytime", "mand", "nomand",
	"source", "size", "nr_blocks", "nr_inodes", "mode", "uid", "gid", "huge", "mpol", "inode32",
	"inode64", "noswap", "quota", "usrquota", "grpquota", "hidepid", "subset", "", "bogus",
	strings.Repeat("k", 255), strings.Repeat("k", 256),
}

// fsconfigErrnos are what fsconfig(2), fsmount(2) and move_mount(2) may
// give on these contexts: bad arguments and phases, the filesystems'
// refusals, and path lookups for FSCONFIG_SET_PATH.
var fsconfigErrnos = []linux.Errno{linux.EINVAL, linux.EBUSY, linux.EOPNOTSUPP, linux.EBADF, linux.ENOSPC,
	linux.ENOMEM, linux.EPERM, linux.ENOENT, linux.ENOTDIR, linux.ELOOP, linux.ENAMETOOLONG, linux.EACCES}

// FuzzFsconfig runs a program of fsconfig(2) commands against an fsopen
// (tmpfs or proc) or fspick context: each step is four bytes (command,
// key, value length, aux) and takes its value from the rest. After every
// step the context's log must read as Linux's does (one "e "/"w "/"i "
// message with its newline, EMSGSIZE for a short buffer, or ENODATA); at
// the end the context is mounted if it can be. No panic, only the errnos
// Linux gives.
func FuzzFsconfig(f *testing.F) {
	f.Add(uint8(0), []byte{1, 10, 2, 0, '1', 'm', 6, 0, 0, 0}, "x")
	f.Add(uint8(1), []byte{1, 24, 1, 0, '2', 0, 23, 0, 0, 1, 28, 0, 0, 6, 0, 0, 0}, "hidepid")
	f.Add(uint8(2), []byte{0, 0, 0, 0, 7, 0, 0, 0, 1, 10, 2, 0, '9', 'k', 7, 0, 0, 0}, "")
	f.Add(uint8(0), []byte{2, 10, 3, 3, 'a', 'b', 'c', 3, 9, 1, 0, '/', 4, 9, 0, 1, 5, 9, 0, 0, 8, 0, 0, 0}, "source")
	f.Add(uint8(0), []byte{9, 0, 0, 0, 6, 1, 0, 0, 8, 0, 0, 0, 6, 0, 0, 0, 7, 0, 0, 0}, strings.Repeat("z", 300))
	f.Fuzz(func(t *testing.T, which uint8, prog []byte, key string) {
		task := errFixture(t)
		if err := task.Kernel().RegisterFilesystem(proc.Type{}); err != nil {
			t.Fatal(err)
		}
		key = cut(key)
		var fd int
		var err error
		switch which % 3 {
		case 0:
			fd, err = task.Fsopen("tmpfs", 0)
		case 1:
			fd, err = task.Fsopen("proc", linux.FSOPEN_CLOEXEC)
		default:
			fd, err = task.Fspick(linux.AT_FDCWD, "/m", 0)
		}
		if err != nil {
			t.Fatal(err)
		}
		dfd, err := task.Open("/d", linux.O_PATH|linux.O_DIRECTORY, 0)
		if err != nil {
			t.Fatal(err)
		}
		for step := 0; len(prog) >= 4 && step < 64; step++ {
			cmd, ki, vlen, aux := uint32(prog[0]%10), int(prog[1]), int(prog[2]), int(int8(prog[3]))
			prog = prog[4:]
			value := prog[:min(vlen, len(prog))]
			prog = prog[len(value):]
			k := key
			if ki < len(fsconfigKeys) {
				k = fsconfigKeys[ki]
			}
			err := fuzzFsconfigStep(task, fd, dfd, cmd, k, ki, value, aux)
			checkErrnos(t, "fsconfig", err, fsconfigErrnos)
			checkLogRead(t, task, fd, 1+step*7%200)
		}
		if m, err := task.Fsmount(fd, 0, 0); err == nil {
			checkErrnos(t, "move_mount", task.MoveMount(m, "", linux.AT_FDCWD, "/e", linux.MOVE_MOUNT_F_EMPTY_PATH), fsconfigErrnos)
			task.Close(m)
		} else {
			checkErrnos(t, "fsmount", err, fsconfigErrnos)
		}
		for range 10 {
			checkLogRead(t, task, fd, 512)
		}
		task.Close(fd)
		task.Close(dfd)
		task.Mountinfo()
		task.Exit()
	})
}

// fuzzFsconfigStep makes one fsconfig(2) call: the key is absent for
// some key indexes, the value absent for an empty one with the high bit
// of the key index set, and aux (for the path and fd commands) names the
// directory descriptor, AT_FDCWD or a bad number.
func fuzzFsconfigStep(task *vfs.Task, fd, dfd int, cmd uint32, k string, ki int, value []byte, aux int) error {
	var kp *string
	if ki&0x40 == 0 {
		kp = &k
	}
	if len(value) == 0 && ki&0x80 != 0 {
		value = nil
	} else if value == nil {
		value = []byte{}
	}
	switch cmd {
	case linux.FSCONFIG_SET_PATH, linux.FSCONFIG_SET_PATH_EMPTY, linux.FSCONFIG_SET_FD:
		switch aux & 3 {
		case 0:
			aux = dfd
		case 1:
			aux = linux.AT_FDCWD
		}
	case linux.FSCONFIG_SET_BINARY:
		if aux == 0 {
			aux = len(value)
		}
	default:
		aux &= 1
	}
	if cmd == linux.FSCONFIG_SET_STRING || cmd == linux.FSCONFIG_SET_PATH || cmd == linux.FSCONFIG_SET_PATH_EMPTY {
		value = []byte(cut(string(value)))
	}
	return task.Fsconfig(fd, cmd, kp, value, aux)
}

// checkLogRead reads a context's log with an n-byte buffer: a message
// with its level and newline, EMSGSIZE when it does not fit, or ENODATA.
func checkLogRead(t *testing.T, task *vfs.Task, fd, n int) {
	t.Helper()
	b := make([]byte, n)
	got, err := task.Read(fd, b)
	switch {
	case err == linux.ENODATA || err == linux.EMSGSIZE:
	case err != nil:
		t.Fatalf("log read: %v", err)
	case got < 3 || b[got-1] != '\n' || !strings.Contains("ewi", string(b[0])) || b[1] != ' ':
		t.Fatalf("log read: %q is no log message", b[:got])
	}
}

// openHowErrnos are what openat2(2) may give on errFixture's tree besides
// walkErrnos: a bad struct or flags, the RESOLVE_* refusals, and open's
// own (creating, writing, directories, FIFOs, O_TMPFILE).
var openHowErrnos = []linux.Errno{linux.EINVAL, linux.E2BIG, linux.EAGAIN, linux.EXDEV, linux.EEXIST,
	linux.EISDIR, linux.ENXIO, linux.ETXTBSY, linux.EROFS, linux.EPERM, linux.EOPNOTSUPP, linux.EFBIG,
	linux.EBADF, linux.ENODEV}

// FuzzOpenHow hands openat2(2) arbitrary struct open_how bytes and a name,
// from the root, /d or /m: no panic, only the errnos Linux gives, the size
// rules of copy_struct_from_user, and no RESOLVE_BENEATH or
// RESOLVE_IN_ROOT result outside its starting directory.
func FuzzOpenHow(f *testing.F) {
	how := func(flags, mode, resolve uint64, size int) []byte {
		b := make([]byte, max(size, 24))
		binary.LittleEndian.PutUint64(b, flags)
		binary.LittleEndian.PutUint64(b[8:], mode)
		binary.LittleEndian.PutUint64(b[16:], resolve)
		return b[:size]
	}
	f.Add(how(linux.O_PATH, 0, linux.RESOLVE_BENEATH, 24), "g/../sub", uint8(1))
	f.Add(how(linux.O_RDONLY, 0, linux.RESOLVE_IN_ROOT, 32), "../../lf", uint8(1))
	f.Add(how(linux.O_CREAT|linux.O_WRONLY, 0o644, linux.RESOLVE_NO_SYMLINKS, 24), "/e/new", uint8(0))
	f.Add(how(linux.O_TMPFILE|linux.O_RDWR, 0o600, linux.RESOLVE_CACHED, 24), "/m", uint8(2))
	f.Add(how(linux.O_DIRECTORY, 0, linux.RESOLVE_NO_XDEV|linux.RESOLVE_NO_MAGICLINKS, 40), "/m/..", uint8(0))
	f.Add(how(0, 0, 0, 16), "f", uint8(0))
	f.Fuzz(func(t *testing.T, raw []byte, name string, start uint8) {
		name = cut(name)
		task := errFixture(t)
		dir := []string{"/", "/d", "/m"}[start%3]
		dfd, err := task.Open(dir, linux.O_PATH|linux.O_DIRECTORY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fd, err := task.Openat2Raw(dfd, name, raw)
		if err != nil {
			checkErrnos(t, "openat2 "+name, err, walkErrnos, openHowErrnos)
			checkHowSize(t, raw, err)
			return
		}
		if len(raw) < linux.OPEN_HOW_SIZE_VER0 || len(raw) > 4096 {
			t.Fatalf("openat2 with a %d-byte struct succeeded", len(raw))
		}
		h, _ := vfs.OpenHowFromBytes(raw)
		if h.Resolve&(linux.RESOLVE_BENEATH|linux.RESOLVE_IN_ROOT) != 0 {
			checkBeneath(t, task, fd, dir, name)
		}
		task.Close(fd)
		task.Close(dfd)
		task.Exit()
	})
}

// checkHowSize: a struct smaller than the first version is EINVAL, one
// past a page E2BIG, whatever else is wrong with the call.
func checkHowSize(t *testing.T, raw []byte, err error) {
	t.Helper()
	switch {
	case len(raw) < linux.OPEN_HOW_SIZE_VER0 && err != linux.EINVAL:
		t.Fatalf("%d-byte open_how: %v, want EINVAL", len(raw), err)
	case len(raw) > 4096 && err != linux.E2BIG:
		t.Fatalf("%d-byte open_how: %v, want E2BIG", len(raw), err)
	}
}

// checkBeneath: a scoped result lies at or below where the walk started.
func checkBeneath(t *testing.T, task *vfs.Task, fd int, dir, name string) {
	t.Helper()
	p, err := task.FdTarget(fd)
	if err != nil {
		t.Fatal(err)
	}
	got, err := task.DPath(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got+"/", strings.TrimSuffix(dir, "/")+"/") {
		t.Fatalf("openat2(%q) from %s, scoped, opened %s", name, dir, got)
	}
}
