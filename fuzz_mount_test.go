// SPDX-License-Identifier: Apache-2.0

package linuxvfs_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fuzzFsTypes is every filesystem type linuxvfs registers, then rootfs,
// which only init_mount_tree mounts.
var fuzzFsTypes = []string{"tmpfs", "proc", "devtmpfs", "ramfs", "squashfs", "mqueue", "rootfs"}

// mountDataFlags are the MS_* flags that only qualify a new mount or a
// remount (the others pick another operation: bind, move, propagation).
const mountDataFlags = linux.MS_RDONLY | linux.MS_NOSUID | linux.MS_NODEV | linux.MS_NOEXEC |
	linux.MS_SYNCHRONOUS | linux.MS_MANDLOCK | linux.MS_DIRSYNC | linux.MS_NOSYMFOLLOW |
	linux.MS_NOATIME | linux.MS_NODIRATIME | linux.MS_SILENT | linux.MS_POSIXACL |
	linux.MS_RELATIME | linux.MS_STRICTATIME | linux.MS_LAZYTIME | linux.MS_I_VERSION

// mountDataErrnos are the errors mount(2) of a known type on an existing
// directory, by root, can give for its data and flags: a bad option or
// value (EINVAL), a remount refused (EBUSY).
var mountDataErrnos = []linux.Errno{linux.EINVAL, linux.EBUSY}

// FuzzMountData mounts every filesystem type with arbitrary option data
// and flags, as a new mount or as a remount of one made without data: no
// panic, only errnos Linux gives for bad options, a mount table that still
// parses, and kernel log lines as printk makes them.
func FuzzMountData(f *testing.F) {
	for _, s := range mountDataSeeds(f) {
		f.Add(s.typ, uint32(0), s.data, false)
	}
	f.Add(uint8(0), uint32(linux.MS_RDONLY|linux.MS_NOEXEC), "size=1m,mode=700", true)
	f.Add(uint8(2), uint32(linux.MS_RDONLY), "size=10%,mode=700", true)
	f.Add(uint8(4), uint32(linux.MS_SILENT), "errors=panic", true)
	// What the fuzzer found (each also a test of its own).
	f.Add(uint8(0), uint32(0), "k"+strings.Repeat("x", 1100), false)
	f.Add(uint8(0), uint32(0), "=x,mode=700", false)
	f.Add(uint8(1), uint32(0), "=", true)
	f.Add(uint8(1), uint32(0), "hidepid=0x2,gid=+010", false)
	f.Add(uint8(1), uint32(0), "subset=0", false)
	f.Add(uint8(0), uint32(0), "uid=+5,gid=0x10,mode=+700", false)
	f.Add(uint8(0), uint32(0), "gid=4294967295", false)
	f.Add(uint8(3), uint32(0), "mode=+700", false)
	f.Add(uint8(5), uint32(linux.MS_RDONLY|linux.MS_SYNCHRONOUS), "ro", false)
	f.Fuzz(func(t *testing.T, typ uint8, flags uint32, data string, remount bool) {
		data = cString(data)
		name := fuzzFsTypes[int(typ)%len(fuzzFsTypes)]
		if name == "rootfs" {
			fuzzRootfsData(t, data)
			return
		}
		task := bootForMount(t)
		defer task.Exit()
		src := "none"
		if name == "squashfs" {
			src = "/dev/sda"
		}
		fl := uint64(flags) & mountDataFlags
		var err error
		if remount {
			if err = task.Mount(src, "/mnt", name, fl, ""); err != nil {
				t.Fatalf("mount -t %s without data: %v", name, err)
			}
			err = task.Mount(src, "/mnt", name, fl|linux.MS_REMOUNT, data)
		} else {
			err = task.Mount(src, "/mnt", name, fl, data)
		}
		checkErrno(t, "mount "+name+" "+data, err, mountDataErrnos)
		checkMountinfo(t, task)
		checkDmesg(t, task.Kernel())
	})
}

// fuzzRootfsData boots a kernel whose rootfs gets data.
func fuzzRootfsData(t *testing.T, data string) {
	k := linuxvfs.NewKernel()
	init, err := k.InitMountTree(tmpfs.RootfsType{}, data)
	checkErrno(t, "rootfs "+data, err, mountDataErrnos)
	if err == nil {
		checkMountinfo(t, init)
		init.Exit()
	}
	checkDmesg(t, k)
}

// cString is what a C caller can pass: the string up to its first NUL.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func checkErrno(t *testing.T, what string, err error, allowed []linux.Errno) {
	t.Helper()
	if err == nil {
		return
	}
	var e linux.Errno
	if !errors.As(err, &e) {
		t.Fatalf("%q: %v is not an errno", what, err)
	}
	for _, a := range allowed {
		if e == a {
			return
		}
	}
	t.Fatalf("%q: %v (%d), want one of %v", what, e, int(e), allowed)
}

func checkMountinfo(t *testing.T, task *vfs.Task) {
	t.Helper()
	if _, err := mountinfo.ParseAll(task.Mountinfo()); err != nil {
		t.Fatalf("mountinfo: %v", err)
	}
	task.ProcMounts()
}

func checkDmesg(t *testing.T, k *vfs.Kernel) {
	t.Helper()
	for _, l := range k.Dmesg() {
		if l == "" || len(l) > vfs.PrintkMax || strings.IndexByte(l, 0) >= 0 {
			t.Fatalf("kernel log line %q", l)
		}
	}
}

// memDisk is a disk in memory that squashfs, never writing, may open for
// writing (a read-only disk would refuse a read-write mount with EACCES).
type memDisk struct{ b []byte }

func (d memDisk) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(d.b)) {
		return 0, errors.New("EOF")
	}
	n := copy(p, d.b[off:])
	if n < len(p) {
		return n, errors.New("EOF")
	}
	return n, nil
}
func (d memDisk) WriteAt([]byte, int64) (int, error) { return 0, linux.EROFS }
func (d memDisk) Size() int64                        { return int64(len(d.b)) }
func (d memDisk) ReadOnly() bool                     { return false }

// fuzzImage is a small squashfs image padded to 8 KiB, as the scenarios
// extend theirs (a disk holds whole blocks).
var fuzzImage = sync.OnceValues(func() ([]byte, error) {
	img, err := testimage.Squashfs(map[string]string{"d/": "", "d/f": "file\n"}, time.Unix(0, 0))
	if err != nil {
		return nil, err
	}
	return append(img, make([]byte, 8192-len(img)%8192)...), nil
})

// bootForMount boots linuxvfs with /mnt and a squashfs image on /dev/sda.
func bootForMount(t *testing.T) *vfs.Task {
	t.Helper()
	img, err := fuzzImage()
	if err != nil {
		t.Fatal(err)
	}
	task, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	sda := linux.Mkdev(8, 0)
	for _, e := range []error{
		task.Kernel().AddDisk(sda, memDisk{img}),
		task.Mknodat(linux.AT_FDCWD, "/dev/sda", linux.S_IFBLK|0o600, sda),
	} {
		if e != nil {
			t.Fatal(e)
		}
	}
	return task
}

type mountSeed struct {
	typ  uint8
	data string
}

// mountDataSeeds are the -t TYPE -o DATA pairs of the differential
// scenarios, and a few options of each type they do not use.
func mountDataSeeds(f *testing.F) []mountSeed {
	seeds := []mountSeed{
		{1, "hidepid=2,gid=5"}, {1, "hidepid=invisible,subset=pid"}, {1, "hidepid=noaccess"},
		{2, "size=1m,mode=700"}, {2, "nr_inodes=10,mode=1777"}, {3, "mode=750"}, {3, "size=1m"},
		{4, "errors=continue"}, {4, "errors=panic"}, {4, "ro,errors=bogus"}, {5, ""}, {5, "x"},
		{0, "huge=always,inode64,noswap"}, {0, "uid=0,gid=0,mpol=default"}, {0, "quota,usrquota_block_hardlimit=1m"},
		{0, "nr_blocks=99999999999999999999"}, {0, "size=0x10000,nr_inodes=1k"}, {6, "size=1m,mode=700"},
	}
	opt := regexp.MustCompile(`mount (?:[^;|&\n]* )?-t (\w+) (?:[^;|&\n]* )?-o ([^ ;\n]+)`)
	files, _ := filepath.Glob("testdata/diff/*/*.sh")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range opt.FindAllStringSubmatch(string(b), -1) {
			for i, n := range fuzzFsTypes {
				if n == m[1] {
					seeds = append(seeds, mountSeed{uint8(i), m[2]})
				}
			}
		}
	}
	return seeds
}
