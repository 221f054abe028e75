// SPDX-License-Identifier: Apache-2.0

package linux

import (
	"errors"
	"io/fs"
	"runtime"
	"testing"
)

var isAMD64 = runtime.GOARCH == "amd64"

func TestErrnoText(t *testing.T) {
	for _, tc := range []struct {
		e    Errno
		want string
	}{
		{0, "Success"},
		{EPERM, "Operation not permitted"},
		{ENOENT, "No such file or directory"},
		{EEXIST, "File exists"},
		{EXDEV, "Invalid cross-device link"},
		{EAGAIN, "Resource temporarily unavailable"},
		{EWOULDBLOCK, "Resource temporarily unavailable"},
		{ENOTEMPTY, "Directory not empty"},
		{ELOOP, "Too many levels of symbolic links"},
		{ENOTSUP, "Operation not supported"},
		{ESTALE, "Stale file handle"},
		{EHWPOISON, "Memory page has hardware error"},
		{41, "Unknown error 41"},
		{58, "Unknown error 58"},
		{134, "Unknown error 134"},
		{100000, "Unknown error 100000"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Errno(%d).Error() = %q, want %q", uintptr(tc.e), got, tc.want)
		}
	}
}

func TestErrnoName(t *testing.T) {
	for _, tc := range []struct {
		e    Errno
		want string
	}{
		{EPERM, "EPERM"},
		{ENOENT, "ENOENT"},
		{E2BIG, "E2BIG"},
		{EWOULDBLOCK, "EAGAIN"},
		{EDEADLOCK, "EDEADLK"},
		{ENOTSUP, "EOPNOTSUPP"},
		{EHWPOISON, "EHWPOISON"},
		{0, ""},
		{41, ""},
		{134, ""},
	} {
		if got := tc.e.Name(); got != tc.want {
			t.Errorf("Errno(%d).Name() = %q, want %q", uintptr(tc.e), got, tc.want)
		}
	}
	// Every used number from 1 to EHWPOISON has a name and a text.
	for n := Errno(1); n <= EHWPOISON; n++ {
		if n == 41 || n == 58 {
			continue
		}
		if n.Name() == "" || n.Error() == "" {
			t.Errorf("Errno(%d) has name %q, text %q", uintptr(n), n.Name(), n.Error())
		}
	}
}

func TestErrnoIs(t *testing.T) {
	for _, tc := range []struct {
		e      Errno
		target error
		want   bool
	}{
		{ENOENT, fs.ErrNotExist, true},
		{EEXIST, fs.ErrExist, true},
		{ENOTEMPTY, fs.ErrExist, true},
		{EACCES, fs.ErrPermission, true},
		{EPERM, fs.ErrPermission, true},
		{ENOSYS, errors.ErrUnsupported, true},
		{EOPNOTSUPP, errors.ErrUnsupported, true},
		{ENOENT, fs.ErrExist, false},
		{EEXIST, fs.ErrNotExist, false},
		{EINVAL, fs.ErrPermission, false},
		{ENOTDIR, fs.ErrNotExist, false},
	} {
		if got := errors.Is(tc.e, tc.target); got != tc.want {
			t.Errorf("errors.Is(%s, %v) = %v, want %v", tc.e.Name(), tc.target, got, tc.want)
		}
	}
	var err error = &fs.PathError{Op: "open", Path: "/x", Err: ENOENT}
	if !errors.Is(err, fs.ErrNotExist) || !errors.Is(err, ENOENT) {
		t.Errorf("wrapped ENOENT does not match")
	}
	var e Errno
	if !errors.As(err, &e) || e != ENOENT {
		t.Errorf("errors.As gave %v", e)
	}
}

func TestErrnoTimeoutTemporary(t *testing.T) {
	for _, e := range []Errno{EAGAIN, EWOULDBLOCK, ETIMEDOUT} {
		if !e.Timeout() || !e.Temporary() {
			t.Errorf("%s: Timeout %v Temporary %v", e.Name(), e.Timeout(), e.Temporary())
		}
	}
	for _, e := range []Errno{EINTR, EMFILE, ENFILE} {
		if e.Timeout() || !e.Temporary() {
			t.Errorf("%s: Timeout %v Temporary %v", e.Name(), e.Timeout(), e.Temporary())
		}
	}
	if ENOENT.Timeout() || ENOENT.Temporary() {
		t.Errorf("ENOENT is timeout or temporary")
	}
}

func TestDev(t *testing.T) {
	for _, tc := range []struct {
		major, minor uint32
		dev          uint64
	}{
		{0, 0, 0},
		{8, 1, 0x801},
		{1, 3, 0x103},
		{259, 0, 0x10300},
		{4095, 255, 0xfffff},
		{4096, 0, 0x100000000000},
		{0, 256, 0x100000},
		{0xfffff, 0xfffff, 0xff000ffffffff},
		{0xffffffff, 0xffffffff, 0xffffffffffffffff},
	} {
		if got := Mkdev(tc.major, tc.minor); got != tc.dev {
			t.Errorf("Mkdev(%d, %d) = %#x, want %#x", tc.major, tc.minor, got, tc.dev)
		}
		if got := Major(tc.dev); got != tc.major {
			t.Errorf("Major(%#x) = %d, want %d", tc.dev, got, tc.major)
		}
		if got := Minor(tc.dev); got != tc.minor {
			t.Errorf("Minor(%#x) = %d, want %d", tc.dev, got, tc.minor)
		}
	}
	for _, major := range []uint32{0, 1, 255, 256, 4095, 4096, 65535, 1 << 20, 0xffffffff} {
		for _, minor := range []uint32{0, 1, 255, 256, 4095, 4096, 65535, 1 << 20, 0xffffffff} {
			dev := Mkdev(major, minor)
			if Major(dev) != major || Minor(dev) != minor {
				t.Errorf("Mkdev(%d, %d) = %#x round-trips to %d, %d", major, minor, dev, Major(dev), Minor(dev))
			}
		}
	}
}

func TestDirentType(t *testing.T) {
	for _, tc := range []struct {
		mode uint32
		want uint8
	}{
		{0, DT_UNKNOWN},
		{S_IFIFO | 0o644, DT_FIFO},
		{S_IFCHR, DT_CHR},
		{S_IFDIR | 0o755 | S_ISVTX, DT_DIR},
		{S_IFBLK, DT_BLK},
		{S_IFREG | S_ISUID | 0o4755, DT_REG},
		{S_IFLNK | 0o777, DT_LNK},
		{S_IFSOCK, DT_SOCK},
	} {
		if got := DirentType(tc.mode); got != tc.want {
			t.Errorf("DirentType(%#o) = %d, want %d", tc.mode, got, tc.want)
		}
	}
}

func TestMountFlagRelations(t *testing.T) {
	// Super block flags mirror the MS_* flags of the same name.
	pairs := [][2]uint64{
		{SB_RDONLY, MS_RDONLY}, {SB_NOSUID, MS_NOSUID}, {SB_NODEV, MS_NODEV},
		{SB_NOEXEC, MS_NOEXEC}, {SB_SYNCHRONOUS, MS_SYNCHRONOUS},
		{SB_MANDLOCK, MS_MANDLOCK}, {SB_DIRSYNC, MS_DIRSYNC},
		{SB_NOATIME, MS_NOATIME}, {SB_NODIRATIME, MS_NODIRATIME},
		{SB_SILENT, MS_SILENT}, {SB_POSIXACL, MS_POSIXACL},
		{SB_KERNMOUNT, MS_KERNMOUNT}, {SB_I_VERSION, MS_I_VERSION},
		{SB_LAZYTIME, MS_LAZYTIME}, {SB_SUBMOUNT, MS_SUBMOUNT},
		{SB_NOSEC, MS_NOSEC}, {SB_BORN, MS_BORN}, {SB_ACTIVE, MS_ACTIVE},
		{SB_NOUSER, MS_NOUSER},
	}
	for _, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("SB flag %#x != MS flag %#x", p[0], p[1])
		}
	}
	if MS_RMT_MASK != 0x2800051 {
		t.Errorf("MS_RMT_MASK = %#x", MS_RMT_MASK)
	}
	if MNT_USER_SETTABLE_MASK != 0xff {
		t.Errorf("MNT_USER_SETTABLE_MASK = %#x", MNT_USER_SETTABLE_MASK)
	}
	if MNT_ATIME_MASK != 0x38 {
		t.Errorf("MNT_ATIME_MASK = %#x", MNT_ATIME_MASK)
	}
	if O_TMPFILE != 0o20200000 || O_SYNC != 0o4010000 || OPEN_TREE_CLOEXEC != O_CLOEXEC {
		t.Errorf("O_TMPFILE %#o O_SYNC %#o OPEN_TREE_CLOEXEC %#o", O_TMPFILE, O_SYNC, OPEN_TREE_CLOEXEC)
	}
}

func TestCapSet(t *testing.T) {
	var s CapSet
	if s.Has(CAP_CHOWN) {
		t.Fatal("empty set has CAP_CHOWN")
	}
	s = s.Add(CAP_SYS_ADMIN).Add(CAP_CHOWN).Add(CAP_CHECKPOINT_RESTORE)
	if !s.Has(CAP_SYS_ADMIN) || !s.Has(CAP_CHOWN) || !s.Has(CAP_CHECKPOINT_RESTORE) || s.Has(CAP_KILL) {
		t.Errorf("set %#x", uint64(s))
	}
	if want := CapSet(1<<21 | 1 | 1<<40); s != want {
		t.Errorf("set = %#x, want %#x", uint64(s), uint64(want))
	}
	s = s.Remove(CAP_SYS_ADMIN)
	if s.Has(CAP_SYS_ADMIN) || !s.Has(CAP_CHOWN) {
		t.Errorf("after Remove: %#x", uint64(s))
	}
	if s.Add(-1) != s || s.Add(CAP_LAST_CAP+1) != s || s.Remove(64) != s || s.Has(-1) || AllCaps.Has(CAP_LAST_CAP+1) {
		t.Errorf("invalid capabilities change or match the set")
	}
	if AllCaps != 1<<41-1 {
		t.Errorf("AllCaps = %#x", uint64(AllCaps))
	}
	for c := CAP_CHOWN; c <= CAP_LAST_CAP; c++ {
		if !AllCaps.Has(c) {
			t.Errorf("AllCaps lacks %v", c)
		}
	}
	if CAP_SYS_ADMIN.String() != "CAP_SYS_ADMIN" || CAP_CHECKPOINT_RESTORE.String() != "CAP_CHECKPOINT_RESTORE" || Capability(41).String() != "Capability(41)" {
		t.Errorf("String: %v %v %v", CAP_SYS_ADMIN, CAP_CHECKPOINT_RESTORE, Capability(41))
	}
}
