// SPDX-License-Identifier: Apache-2.0

package squashfs_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diskfs/go-diskfs/backend/file"
	diskfs "github.com/diskfs/go-diskfs/filesystem/squashfs"
	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/squashfs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

var epoch = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// bigFile spans two 4 KiB blocks and a fragment.
var bigFile = strings.Repeat("0123456789abcdef", 600)

// buildImage makes a gzip squashfs image with go-diskfs (block size 4 KiB)
// of: big, d/hello, empty, fifo, link -> top, top, z/, all owned by
// 1000:100. go-diskfs records a link count of 0 for all but regular files
// (whose basic inodes have none: they count 1), as it looks for a
// *unix.Stat_t where os gives a *syscall.Stat_t.
func buildImage(t testing.TB) []byte {
	t.Helper()
	return buildImageWith(t, &diskfs.CompressorGzip{CompressionLevel: 6}, nil)
}

// buildImageWith is buildImage with another compressor and more made in
// the workspace by extra.
func buildImageWith(t testing.TB, comp diskfs.Compressor, extra func(ws string)) []byte {
	t.Helper()
	img := filepath.Join(t.TempDir(), "img")
	b, err := file.CreateFromPath(img, 1<<20)
	must(t, err)
	fsys, err := diskfs.Create(b, 1<<20, 0, 4096)
	must(t, err)
	ws := fsys.Workspace()
	defer os.RemoveAll(ws) // Finalize forgets it, so Close would not
	must(t, os.Mkdir(filepath.Join(ws, "d"), 0o755))
	must(t, os.Mkdir(filepath.Join(ws, "z"), 0o700))
	must(t, os.WriteFile(filepath.Join(ws, "d/hello"), []byte("hello\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(ws, "top"), []byte("top file\n"), 0o640))
	must(t, os.WriteFile(filepath.Join(ws, "big"), []byte(bigFile), 0o644))
	must(t, os.WriteFile(filepath.Join(ws, "empty"), nil, 0o600))
	must(t, unix.Mkfifo(filepath.Join(ws, "fifo"), 0o644))
	must(t, os.Symlink("top", filepath.Join(ws, "link")))
	must(t, os.Chmod(ws, 0o755))
	if extra != nil {
		extra(ws)
	}
	ts := []unix.Timespec{unix.NsecToTimespec(epoch.UnixNano()), unix.NsecToTimespec(epoch.UnixNano())}
	for _, p := range []string{"big", "d/hello", "d", "empty", "fifo", "link", "top", "z", "."} {
		must(t, unix.UtimesNanoAt(unix.AT_FDCWD, filepath.Join(ws, p), ts, unix.AT_SYMLINK_NOFOLLOW))
	}
	// Finalize reads symlink targets by workspace-relative path. The
	// directory is removed on return, so the process must not stay in it
	// (t.Chdir would keep a fuzz target's process there, and the fuzzer
	// then cannot write a failing input under testdata/).
	back, err := os.Getwd()
	must(t, err)
	must(t, os.Chdir(ws))
	defer func() { must(t, os.Chdir(back)) }()
	uid, gid := uint32(1000), uint32(100)
	must(t, fsys.Finalize(diskfs.FinalizeOptions{Compression: comp, FileUID: &uid, FileGID: &gid}))
	data, err := os.ReadFile(img)
	must(t, err)
	return data
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// boot returns a task on a tmpfs root with /mnt, /b and a block node
// /dev/loop0 for the disk 7:0 holding image.
func boot(t testing.TB, image []byte) (*vfs.Kernel, *vfs.Task) {
	t.Helper()
	init := testkernel.Boot(t, []vfs.FilesystemType{squashfs.Type{}}, "/mnt", "/b")
	testkernel.Loop0(t, init, image)
	return init.Kernel(), init
}

// TestStatReadAndList checks what Linux 6.18 shows for the same image.
func TestStatReadAndList(t *testing.T) {
	_, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))

	want := map[string]struct {
		mode   uint32
		nlink  uint32
		size   int64
		blocks int64
	}{
		"/mnt":         {linux.S_IFDIR | 0o755, 0, 92, 0},
		"/mnt/d":       {linux.S_IFDIR | 0o755, 0, 28, 0},
		"/mnt/z":       {linux.S_IFDIR | 0o700, 0, 3, 0},
		"/mnt/d/hello": {linux.S_IFREG | 0o644, 1, 6, 1},
		"/mnt/top":     {linux.S_IFREG | 0o640, 1, 9, 1},
		"/mnt/big":     {linux.S_IFREG | 0o644, 1, int64(len(bigFile)), 19},
		"/mnt/empty":   {linux.S_IFREG | 0o600, 1, 0, 0},
		"/mnt/fifo":    {linux.S_IFIFO | 0o644, 0, 0, 0},
		"/mnt/link":    {linux.S_IFLNK | 0o777, 0, 3, 0},
	}
	for name, w := range want {
		st, err := task.Lstat(name)
		must(t, err)
		if uint32(st.Mode) != w.mode || st.Nlink != w.nlink || st.Size != w.size || st.Blocks != w.blocks {
			t.Errorf("%s: mode %o nlink %d size %d blocks %d, want %+v", name, st.Mode, st.Nlink, st.Size, st.Blocks, w)
		}
		if st.UID != 1000 || st.GID != 100 || st.DevMajor != 7 || st.DevMinor != 0 {
			t.Errorf("%s: owner %d:%d dev %d:%d", name, st.UID, st.GID, st.DevMajor, st.DevMinor)
		}
	}

	for name, content := range map[string]string{"/mnt/top": "top file\n", "/mnt/d/hello": "hello\n", "/mnt/big": bigFile, "/mnt/empty": ""} {
		if got := readFile(t, task, name); got != content {
			t.Errorf("%s reads %q, want %q", name, got, content)
		}
	}
	if target, err := task.Readlink("/mnt/link"); err != nil || target != "top" {
		t.Errorf("readlink = %q, %v", target, err)
	}
	if got := readFile(t, task, "/mnt/link"); got != "top file\n" {
		t.Errorf("through the link: %q", got)
	}
	checkReaddir(t, task)
}

// checkReaddir lists /mnt, two entries per getdents call: the image's
// sorted order, with the numbers and types stat gives.
func checkReaddir(t *testing.T, task *vfs.Task) {
	fd, err := task.Open("/mnt", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	var names []string
	for {
		ents, err := task.Getdents(fd, 2)
		must(t, err)
		if len(ents) == 0 {
			break
		}
		for _, e := range ents {
			names = append(names, e.Name)
			if e.Name == ".." {
				continue
			}
			st, err := task.Lstat("/mnt/" + e.Name)
			must(t, err)
			if e.Ino != st.Ino || e.Type != linux.DirentType(uint32(st.Mode)) {
				t.Errorf("%s: dirent ino %d type %d, stat ino %d mode %o", e.Name, e.Ino, e.Type, st.Ino, st.Mode)
			}
		}
	}
	if want := []string{".", "..", "big", "d", "empty", "fifo", "link", "top", "z"}; !slices.Equal(names, want) {
		t.Errorf("readdir %q, want %q", names, want)
	}
}

func readFile(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	var b bytes.Buffer
	buf := make([]byte, 1000) // smaller than a block: reads cross blocks
	for {
		n, err := task.Read(fd, buf)
		must(t, err)
		if n == 0 {
			return b.String()
		}
		b.Write(buf[:n])
	}
}

func TestStatfsAndMountinfo(t *testing.T) {
	_, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	st, err := task.Statfs("/mnt/d")
	must(t, err)
	if st.Type != squashfs.Magic || st.Bsize != 4096 || st.Frsize != 4096 || st.Blocks == 0 ||
		st.Bfree != 0 || st.Bavail != 0 || st.Files != 9 || st.Ffree != 0 || st.Namelen != 256 {
		t.Errorf("statfs %+v", st)
	}
	line := regexp.MustCompile(`(?m)^\d+ \d+ 7:0 / /mnt rw,relatime - squashfs /dev/loop0 ro,errors=continue$`)
	if !line.MatchString(task.Mountinfo()) {
		t.Errorf("mountinfo:\n%s", task.Mountinfo())
	}
}

func TestWritesAreEROFS(t *testing.T) {
	_, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	ops := map[string]func() error{
		"mkdir":    func() error { return task.Mkdir("/mnt/new", 0o755) },
		"creat":    func() error { _, err := task.Creat("/mnt/new", 0o644); return err },
		"open rw":  func() error { _, err := task.Open("/mnt/top", linux.O_RDWR, 0); return err },
		"unlink":   func() error { return task.Unlink("/mnt/top") },
		"rmdir":    func() error { return task.Rmdir("/mnt/z") },
		"rename":   func() error { return task.Rename("/mnt/top", "/mnt/d/top") },
		"chmod":    func() error { return task.Chmod("/mnt/top", 0o600) },
		"chown":    func() error { return task.Chown("/mnt/top", 1, 1) },
		"truncate": func() error { return task.Truncate("/mnt/top", 0) },
		"symlink":  func() error { return task.Symlink("top", "/mnt/l2") },
		"link":     func() error { return task.Link("/mnt/top", "/mnt/l2") },
		"mknod":    func() error { return task.Mknodat(linux.AT_FDCWD, "/mnt/p", linux.S_IFIFO|0o644, 0) },
		"utimes":   func() error { return task.Utimensat(linux.AT_FDCWD, "/mnt/top", nil, 0) },
	}
	for name, op := range ops {
		if err := op(); err != linux.EROFS {
			t.Errorf("%s = %v, want EROFS", name, err)
		}
	}
}

func TestSecondMountSharesSuperblock(t *testing.T) {
	k, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	if err := task.Mount("/dev/loop0", "/b", "squashfs", 0, ""); err != linux.EBUSY {
		t.Fatalf("read-write mount of a read-only superblock = %v, want EBUSY", err)
	}
	must(t, task.Mount("/dev/loop0", "/b", "squashfs", linux.MS_RDONLY, ""))
	a, err := task.Stat("/mnt/d/hello")
	must(t, err)
	b, err := task.Stat("/b/d/hello")
	must(t, err)
	if a.Dev() != b.Dev() || a.Ino != b.Ino {
		t.Errorf("one file, two inodes: %d:%d and %d:%d", a.Dev(), a.Ino, b.Dev(), b.Ino)
	}
	if n := strings.Count(task.Mountinfo(), " 7:0 / "); n != 2 {
		t.Errorf("%d mounts of 7:0:\n%s", n, task.Mountinfo())
	}
	if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 1 {
		t.Errorf("%d openers with one superblock", n)
	}
	must(t, task.Umount("/mnt"))
	if got := readFile(t, task, "/b/top"); got != "top file\n" {
		t.Errorf("after the first umount: %q", got)
	}
	must(t, task.Umount("/b"))
	if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
		t.Errorf("%d openers after both umounts", n)
	}
}

func TestOptions(t *testing.T) {
	k, task := boot(t, buildImage(t))
	bad := []struct{ data, log string }{
		{"foo", "squashfs: Unknown parameter 'foo'"},
		{"errors=bogus", "squashfs: Bad value for 'errors'"},
		{"errors", "squashfs: Bad value for 'errors'"},
		{"threads=1", ""},
	}
	for _, c := range bad {
		before := len(k.Dmesg())
		if err := task.Mount("/dev/loop0", "/mnt", "squashfs", 0, c.data); err != linux.EINVAL {
			t.Errorf("%q: %v, want EINVAL", c.data, err)
		}
		if log := k.Dmesg()[before:]; c.log != "" && !slices.Contains(log, c.log) || c.log == "" && len(log) != 0 {
			t.Errorf("%q logs %q", c.data, log)
		}
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", linux.MS_RDONLY, "errors=panic"))
	checkOpts := func(want string) {
		t.Helper()
		if !strings.Contains(task.Mountinfo(), " - squashfs /dev/loop0 "+want+"\n") {
			t.Errorf("want %s in mountinfo:\n%s", want, task.Mountinfo())
		}
	}
	checkOpts("ro,errors=panic")
	// A remount starts from errors=continue and cannot make it writable.
	must(t, task.Mount("", "/mnt", "", linux.MS_REMOUNT, ""))
	checkOpts("ro,errors=continue")
	must(t, task.Mount("", "/mnt", "", linux.MS_REMOUNT, "errors=panic"))
	checkOpts("ro,errors=panic")
}

// TestNotSquashfs mounts disks without an image: the messages are those of
// Linux 6.18, where errorf(fc) in fill_super logs without a prefix.
func TestNotSquashfs(t *testing.T) {
	cases := []struct {
		name  string
		image []byte
		flags uint64
		err   error
		log   []string
	}{
		{"zeros", make([]byte, 8192), 0, linux.EINVAL, []string{"Can't find a SQUASHFS superblock on loop0"}},
		{"zeros silently", make([]byte, 8192), linux.MS_SILENT, linux.EINVAL, nil},
		{"empty", nil, 0, linux.EIO, []string{"SQUASHFS error: Failed to read block 0x0: -5", "unable to read squashfs_super_block"}},
		{"512 bytes", make([]byte, 512), 0, linux.EIO, []string{"SQUASHFS error: Failed to read block 0x0: -5", "unable to read squashfs_super_block"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, task := boot(t, c.image)
			if err := task.Mount("/dev/loop0", "/mnt", "squashfs", c.flags, ""); err != c.err {
				t.Fatalf("mount = %v, want %v", err, c.err)
			}
			if log := k.Dmesg(); !slices.Equal(log, c.log) {
				t.Errorf("kernel log %q, want %q", log, c.log)
			}
			if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
				t.Errorf("%d openers after a failed mount", n)
			}
		})
	}
}

// TestTruncatedImage cuts the image before its tables: the mount fails
// and lets the disk go.
func TestTruncatedImage(t *testing.T) {
	image := buildImage(t)
	k, task := boot(t, image[:4096])
	if err := task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""); err != linux.EINVAL {
		t.Fatalf("mount = %v, want EINVAL", err)
	}
	if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
		t.Errorf("%d openers after a failed mount", n)
	}
}

// TestLargeDirectory lists a directory of 1000 files, whose entries need
// several headers and whose listing and inodes span metadata blocks.
func TestLargeDirectory(t *testing.T) {
	var names []string
	image := buildImageWith(t, &diskfs.CompressorGzip{}, func(ws string) {
		must(t, os.Mkdir(filepath.Join(ws, "many"), 0o755))
		for i := range 1000 {
			name := fmt.Sprintf("f%04d", i)
			names = append(names, name)
			must(t, os.WriteFile(filepath.Join(ws, "many", name), []byte(name), 0o644))
		}
	})
	_, task := boot(t, image)
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", linux.MS_RDONLY, ""))
	fd, err := task.Open("/mnt/many", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	var got []string
	for {
		ents, err := task.Getdents(fd, 64)
		must(t, err)
		if len(ents) == 0 {
			break
		}
		for _, e := range ents {
			got = append(got, e.Name)
		}
	}
	if want := append([]string{".", ".."}, names...); !slices.Equal(got, want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for _, i := range []int{0, 255, 256, 511, 999} {
		name := "/mnt/many/" + names[i]
		if content := readFile(t, task, name); content != names[i] {
			t.Errorf("%s reads %q", name, content)
		}
	}
	checkInodeNumbers(t, task, image, "many")
}

// checkInodeNumbers compares the inode numbers stat gives under /mnt/dir
// with those go-diskfs reads from image.
func checkInodeNumbers(t *testing.T, task *vfs.Task, image []byte, dir string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "img")
	must(t, os.WriteFile(path, image, 0o644))
	b, err := file.OpenFromPath(path, true)
	must(t, err)
	defer b.Close()
	fsys, err := diskfs.Read(b, int64(len(image)), 0, 0)
	must(t, err)
	ents, err := fsys.ReadDir(dir)
	must(t, err)
	for _, e := range ents {
		info, err := e.Info()
		must(t, err)
		st, err := task.Lstat("/mnt/" + dir + "/" + e.Name())
		must(t, err)
		if want := info.Sys().(*diskfs.StatT).Inode; st.Ino != uint64(want) {
			t.Errorf("%s: ino %d, go-diskfs says %d", e.Name(), st.Ino, want)
		}
	}
}

// TestDeviceNodes keeps the device numbers of character and block nodes
// (making them in the workspace needs CAP_MKNOD).
func TestDeviceNodes(t *testing.T) {
	image := buildImageWith(t, &diskfs.CompressorGzip{}, func(ws string) {
		if err := unix.Mknod(filepath.Join(ws, "null"), unix.S_IFCHR|0o644, int(unix.Mkdev(1, 3))); err != nil {
			t.Skipf("mknod: %v", err)
		}
		must(t, unix.Mknod(filepath.Join(ws, "blk"), unix.S_IFBLK|0o600, int(unix.Mkdev(7, 200))))
	})
	_, task := boot(t, image)
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", linux.MS_RDONLY, ""))
	for name, want := range map[string]struct {
		mode uint32
		rdev uint64
	}{"null": {linux.S_IFCHR | 0o644, linux.Mkdev(1, 3)}, "blk": {linux.S_IFBLK | 0o600, linux.Mkdev(7, 200)}} {
		st, err := task.Lstat("/mnt/" + name)
		must(t, err)
		if uint32(st.Mode) != want.mode || st.Rdev() != want.rdev {
			t.Errorf("%s: mode %o rdev %d:%d", name, st.Mode, st.RdevMajor, st.RdevMinor)
		}
	}
}

// TestTimesFromImage wants the image's mtime as atime, mtime and ctime,
// and no birth time.
func TestTimesFromImage(t *testing.T) {
	_, task := boot(t, buildImage(t))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	want := vfs.Timespec{Sec: epoch.Unix()}
	for _, name := range []string{"/mnt", "/mnt/d/hello", "/mnt/link"} {
		st, err := task.Lstat(name)
		must(t, err)
		if st.Atime != want || st.Mtime != want || st.Ctime != want {
			t.Errorf("%s: times %v %v %v, want %v", name, st.Atime, st.Mtime, st.Ctime, want)
		}
		if st.Mask&linux.STATX_BTIME != 0 || st.Blksize != 1024 {
			t.Errorf("%s: mask %#x blksize %d, want no btime and 1024", name, st.Mask, st.Blksize)
		}
	}
}

// TestUncompressedImage reads an image stored uncompressed (go-diskfs's
// default, as in the block-device scenarios), cut after its last byte and
// put on a larger disk.
func TestUncompressedImage(t *testing.T) {
	image := bytes.TrimRight(buildImageWith(t, nil, nil), "\x00")
	_, task := boot(t, append(image, make([]byte, 8192)...))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	if got := readFile(t, task, "/mnt/big") + readFile(t, task, "/mnt/d/hello"); got != bigFile+"hello\n" {
		t.Errorf("read %q", got)
	}
	checkReaddir(t, task)
}

// TestZstdImage reads an image whose metadata and data are compressed
// with zstd (go-diskfs's xz streams are not ones Linux can read, and it
// writes no lzo).
func TestZstdImage(t *testing.T) {
	_, task := boot(t, buildImageWith(t, &diskfs.CompressorZstd{}, nil))
	must(t, task.Mount("/dev/loop0", "/mnt", "squashfs", 0, ""))
	if got := readFile(t, task, "/mnt/big"); got != bigFile {
		t.Errorf("big reads %d bytes", len(got))
	}
	checkReaddir(t, task)
}

// TestCorruptTables: superblock fields that make a table absurd fail the
// mount with Linux 6.18's error and message (checked with mount -o loop
// of the same images), without go-diskfs reading the table: a fragment
// count of 2^32-1 once made it allocate 64 MiB per mount attempt (found
// by FuzzImage). An id count still within the index's one block mounts.
func TestCorruptTables(t *testing.T) {
	image := buildImage(t)
	for _, c := range []struct {
		name  string
		patch func(b []byte)
		err   error
		log   string
	}{
		{"fragments", func(b []byte) { binary.LittleEndian.PutUint32(b[16:], 0xffffffff) }, linux.EINVAL, "unable to read fragment index table"},
		{"lookup table", func(b []byte) { binary.LittleEndian.PutUint64(b[88:], binary.LittleEndian.Uint64(b[88:])-8) }, linux.EINVAL, "unable to read inode lookup table"},
		{"id table", func(b []byte) { binary.LittleEndian.PutUint64(b[48:], binary.LittleEndian.Uint64(b[48:])+8) }, linux.EINVAL, "unable to read id index table"},
		{"two ids", func(b []byte) { binary.LittleEndian.PutUint16(b[26:], 2) }, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := append([]byte(nil), image...)
			c.patch(b)
			k, task := boot(t, b)
			if err := task.Mount("/dev/loop0", "/mnt", "squashfs", linux.MS_RDONLY, ""); err != c.err {
				t.Fatalf("mount = %v, want %v", err, c.err)
			}
			if log := k.Dmesg(); c.log != "" && !slices.Equal(log, []string{c.log}) {
				t.Errorf("kernel log %q, want %q", log, c.log)
			}
		})
	}
}
