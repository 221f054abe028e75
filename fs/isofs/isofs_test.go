// SPDX-License-Identifier: Apache-2.0

package isofs_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/isofs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var mtime = time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)

// makeTree writes the tree the tests put in their images: a file, a
// 5000-byte executable, a directory with a symlink into it, a long
// symlink (two SL records), an absolute one, a hard link, device nodes,
// a fifo, a name in mixed case and a tree deep enough for genisoimage
// to relocate it.
func makeTree(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	w := func(name, data string, mode os.FileMode) {
		p := filepath.Join(root, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(data), mode))
	}
	w("dir/hello.txt", "hello\n", 0o644)
	w("big", strings.Repeat("x", 5000), 0o755)
	w("Mixed.Case", "", 0o600)
	w("a/b/c/d/e/f/g/h/i/deep", "deep\n", 0o644)
	must(t, os.Link(filepath.Join(root, "dir/hello.txt"), filepath.Join(root, "hardlink")))
	must(t, os.Symlink("hello.txt", filepath.Join(root, "dir/link")))
	must(t, os.Symlink("/usr/../lib//x/./y", filepath.Join(root, "dir/abs")))
	must(t, os.Symlink(strings.Repeat("component/", 20)+"end", filepath.Join(root, "dir/long")))
	must(t, unix.Mknod(filepath.Join(root, "cdev"), unix.S_IFCHR|0o644, int(unix.Mkdev(4, 5))))
	must(t, unix.Mknod(filepath.Join(root, "bdev"), unix.S_IFBLK|0o640, int(unix.Mkdev(7, 1))))
	must(t, unix.Mkfifo(filepath.Join(root, "fifo"), 0o644))
	must(t, os.Chown(filepath.Join(root, "big"), 1000, 2000))
	must(t, filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		must(t, err)
		return unix.Lutimes(p, []unix.Timeval{unix.NsecToTimeval(mtime.UnixNano()), unix.NsecToTimeval(mtime.UnixNano())})
	}))
	return root
}

// makeISO runs an image tool (genisoimage or xorriso) over a tree.
func makeISO(t testing.TB, tool string, args ...string) []byte {
	t.Helper()
	if reason := cannotMake(tool); reason != "" {
		t.Skip(reason)
	}
	return buildISO(t, tool, args...)
}

// cannotMake says why the test images cannot be made here, if so.
func cannotMake(tool string) string {
	if _, err := exec.LookPath(tool); err != nil {
		return tool + " not installed"
	}
	if os.Geteuid() != 0 {
		return "making device nodes needs root"
	}
	return ""
}

func buildISO(t testing.TB, tool string, args ...string) []byte {
	t.Helper()
	tree := makeTree(t)
	out := filepath.Join(t.TempDir(), "img.iso")
	var cmd *exec.Cmd
	if tool == "xorriso" {
		cmd = exec.Command(tool, append([]string{"-outdev", out, "-map", tree, "/"}, args...)...)
	} else {
		cmd = exec.Command(tool, append(append([]string{"-quiet", "-o", out}, args...), tree)...)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, b)
	}
	b, err := os.ReadFile(out)
	must(t, err)
	return b
}

// boot makes a kernel with tmpfs and iso9660, /mnt, and the image as
// /dev/loop0.
func boot(t testing.TB, image []byte) (*vfs.Kernel, *vfs.Task) {
	t.Helper()
	init := testkernel.Boot(t, []vfs.FilesystemType{isofs.Type{}}, "/mnt")
	testkernel.Loop0(t, init, image)
	return init.Kernel(), init
}

func mount(t *testing.T, image []byte, opts string) *vfs.Task {
	t.Helper()
	_, task := boot(t, image)
	must(t, task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, opts))
	return task
}

func readFile(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	var out []byte
	buf := make([]byte, 1000)
	for {
		n, err := task.Read(fd, buf)
		must(t, err)
		if n == 0 {
			return string(out)
		}
		out = append(out, buf[:n]...)
	}
}

// TestRockRidge checks what Rock Ridge gives, as the kernel showed it for
// genisoimage -R images: modes, owners, links, device numbers, times,
// symlink targets (one across two SL records), the relocated directory
// back in its place, rr_moved with mode 555.
func TestRockRidge(t *testing.T) {
	task := mount(t, makeISO(t, "genisoimage", "-R"), "")
	for _, c := range []struct {
		path        string
		mode, nlink uint32
		uid, gid    uint32
		size        int64
	}{
		{"/mnt/dir/hello.txt", linux.S_IFREG | 0o644, 2, 0, 0, 6},
		{"/mnt/hardlink", linux.S_IFREG | 0o644, 2, 0, 0, 6},
		{"/mnt/big", linux.S_IFREG | 0o755, 1, 1000, 2000, 5000},
		{"/mnt/Mixed.Case", linux.S_IFREG | 0o600, 1, 0, 0, 0},
		{"/mnt/dir", linux.S_IFDIR | 0o755, 2, 0, 0, 2048},
		{"/mnt/dir/link", linux.S_IFLNK | 0o777, 1, 0, 0, 9},
		{"/mnt/dir/long", linux.S_IFLNK | 0o777, 1, 0, 0, 203},
		{"/mnt/cdev", linux.S_IFCHR | 0o644, 1, 0, 0, 0},
		{"/mnt/fifo", linux.S_IFIFO | 0o644, 1, 0, 0, 0},
		{"/mnt/a/b/c/d/e/f/g/h", linux.S_IFDIR | 0o755, 3, 0, 0, 2048},
		{"/mnt/a/b/c/d/e/f/g/h/i/deep", linux.S_IFREG | 0o644, 1, 0, 0, 5},
		{"/mnt/rr_moved", linux.S_IFDIR | 0o555, 3, 0, 0, 2048},
	} {
		st, err := task.Lstat(c.path)
		must(t, err)
		if uint32(st.Mode) != c.mode || st.Nlink != c.nlink || st.UID != c.uid || st.GID != c.gid || st.Size != c.size {
			t.Errorf("%s: mode %o nlink %d owner %d:%d size %d, want %o %d %d:%d %d", c.path,
				st.Mode, st.Nlink, st.UID, st.GID, st.Size, c.mode, c.nlink, c.uid, c.gid, c.size)
		}
		if st.Mtime.Sec != mtime.Unix() && c.path != "/mnt/rr_moved" || st.Blksize != 2048 {
			t.Errorf("%s: mtime %d blksize %d", c.path, st.Mtime.Sec, st.Blksize)
		}
	}
	st, err := task.Lstat("/mnt/bdev")
	must(t, err)
	if st.Rdev() != linux.Mkdev(7, 1) || uint32(st.Mode) != linux.S_IFBLK|0o640 {
		t.Errorf("bdev: rdev %x mode %o", st.Rdev(), st.Mode)
	}
	for link, want := range map[string]string{"/mnt/dir/link": "hello.txt", "/mnt/dir/abs": "/usr/../lib//x/./y",
		"/mnt/dir/long": strings.Repeat("component/", 20) + "end"} {
		got, err := task.Readlink(link)
		if err != nil || got != want {
			t.Errorf("readlink %s = %q, %v; want %q", link, got, err, want)
		}
	}
	if got := readFile(t, task, "/mnt/dir/link"); got != "hello\n" {
		t.Errorf("through the link: %q", got)
	}
	if got := readFile(t, task, "/mnt/big"); got != strings.Repeat("x", 5000) {
		t.Errorf("big: %d bytes", len(got))
	}
	names := listDir(t, task, "/mnt/rr_moved")
	if len(names) != 0 {
		t.Errorf("rr_moved lists %v; the relocated directory must be hidden", names)
	}
}

func listDir(t *testing.T, task *vfs.Task, dir string) map[string]uint64 {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	out := map[string]uint64{}
	for {
		ents, err := task.Getdents(fd, 100)
		must(t, err)
		if len(ents) == 0 {
			return out
		}
		for _, e := range ents {
			if e.Name != "." && e.Name != ".." {
				out[e.Name] = e.Ino
			}
		}
	}
}

// TestInodeNumbers checks the kernel's numbering: a directory is known by
// its "." record (extent << 6 with 2 KiB blocks); anything else by its
// record's block and offset, where readdir counts the block within the
// directory and stat on the disk, so the two agree only in the low six
// bits (as on Linux).
func TestInodeNumbers(t *testing.T) {
	task := mount(t, makeISO(t, "genisoimage", "-R"), "")
	root, err := task.Lstat("/mnt")
	must(t, err)
	if root.Ino&63 != 0 {
		t.Errorf("root inode %d is not a block's first record", root.Ino)
	}
	for name, dino := range listDir(t, task, "/mnt") {
		st, err := task.Lstat("/mnt/" + name)
		must(t, err)
		switch {
		case uint32(st.Mode)&linux.S_IFMT == linux.S_IFDIR && dino != st.Ino:
			t.Errorf("%s: d_ino %d, st_ino %d", name, dino, st.Ino)
		case uint32(st.Mode)&linux.S_IFMT != linux.S_IFDIR && (dino>>6 != 0 || dino&63 != st.Ino&63 || st.Ino == dino):
			t.Errorf("%s: d_ino %d, st_ino %d", name, dino, st.Ino)
		}
	}
	a, err := task.Lstat("/mnt/hardlink")
	must(t, err)
	b, err := task.Lstat("/mnt/dir/hello.txt")
	must(t, err)
	if a.Ino == b.Ino {
		t.Errorf("hard links share inode %d: isofs numbers records, not files", a.Ino)
	}
}

// TestJolietAndPlain checks the names and attributes without Rock Ridge:
// Joliet's own names, or ISO 9660's mapped (lower case, ";1" dropped);
// r-x for all, one link, root's owner; check=relaxed looks up in any case.
func TestJolietAndPlain(t *testing.T) {
	joliet := makeISO(t, "genisoimage", "-J")
	task := mount(t, joliet, "")
	if _, err := task.Lstat("/mnt/Mixed.Case"); err != nil {
		t.Errorf("Joliet name: %v", err)
	}
	st, err := task.Lstat("/mnt/MIXED.CASE...")
	if err != nil || uint32(st.Mode) != linux.S_IFREG|0o555 || st.Nlink != 1 {
		t.Errorf("relaxed Joliet lookup: %+v %v", st, err)
	}
	checkMountinfo(t, task, "ro,norock,check=r,map=n,blocksize=2048,iocharset=utf8")
	task = mount(t, joliet, "nojoliet")
	names := listDir(t, task, "/mnt")
	if _, ok := names["mixed.cas"]; !ok {
		t.Errorf("plain ISO names: %v", names)
	}
	checkMountinfo(t, task, "ro,nojoliet,check=s,map=n,blocksize=2048,iocharset=utf8")
	task = mount(t, joliet, "nojoliet,map=off,uid=7,gid=8,mode=0444,dmode=0700")
	if _, ok := listDir(t, task, "/mnt")["MIXED.CAS;1"]; !ok {
		t.Errorf("map=off names: %v", listDir(t, task, "/mnt"))
	}
	st, err = task.Lstat("/mnt/BIG.;1")
	must(t, err)
	if uint32(st.Mode) != linux.S_IFREG|0o444 || st.UID != 7 || st.GID != 8 {
		t.Errorf("mode=, uid=, gid=: %+v", st)
	}
	checkMountinfo(t, task, "ro,nojoliet,check=s,map=o,blocksize=2048,uid=7,gid=8,dmode=700,fmode=444,iocharset=utf8")
}

func checkMountinfo(t *testing.T, task *vfs.Task, want string) {
	t.Helper()
	for _, l := range strings.Split(task.Mountinfo(), "\n") {
		if strings.Contains(l, " /mnt ") {
			if !strings.HasSuffix(l, " iso9660 /dev/loop0 "+want) {
				t.Errorf("mountinfo %q, want options %q", l, want)
			}
			return
		}
	}
	t.Fatalf("no /mnt in %q", task.Mountinfo())
}

// TestReadOnly checks the refusals: a read-write mount is EACCES (so that
// mount(8) and the boot retry read-only), a remount read-write EROFS,
// writes EROFS; bad options as fs_parse words them.
func TestReadOnly(t *testing.T) {
	img := makeISO(t, "genisoimage", "-R")
	k, task := boot(t, img)
	if err := task.Mount("/dev/loop0", "/mnt", "iso9660", 0, ""); err != linux.EACCES {
		t.Errorf("read-write mount: %v, want EACCES", err)
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, ""))
	if err := task.Mount("", "/mnt", "", linux.MS_REMOUNT, ""); err != linux.EROFS {
		t.Errorf("remount rw: %v, want EROFS", err)
	}
	if _, err := task.Open("/mnt/big", linux.O_WRONLY, 0); err != linux.EROFS {
		t.Errorf("open for writing: %v", err)
	}
	if err := task.Mkdir("/mnt/new", 0o755); err != linux.EROFS {
		t.Errorf("mkdir: %v", err)
	}
	must(t, task.Umount2("/mnt", 0))
	for opts, want := range map[string]string{
		"map=x": "iso9660: Bad value for 'map'", "norock=1": "iso9660: Unexpected value for 'norock'",
		"bogus": "iso9660: Unknown parameter 'bogus'", "uid=-1": "iso9660: Bad value for 'uid'",
		"block=4096": "", "session=99": "",
	} {
		before := len(k.Dmesg())
		if err := task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, opts); err != linux.EINVAL {
			t.Errorf("%s: %v, want EINVAL", opts, err)
		}
		if log := strings.Join(k.Dmesg()[before:], "\n"); want != "" && !strings.Contains(log, want) {
			t.Errorf("%s: log %q, want %q", opts, log, want)
		}
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, "block=512"))
	st, err := task.Statfs("/mnt")
	must(t, err)
	if st.Type != isofs.Magic || st.Bsize != 2048 || st.Blocks != uint64(len(img)/2048) || st.Namelen != 255 {
		t.Errorf("statfs %+v", st)
	}
}

// TestNotISO checks that another filesystem's image is EINVAL (so the
// boot tries the next type), with the kernel's complaint; a disk too
// small for the descriptors fails the read of the first one missing.
func TestNotISO(t *testing.T) {
	k, task := boot(t, make([]byte, 256<<10))
	if err := task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, ""); err != linux.EINVAL {
		t.Fatalf("mount: %v", err)
	}
	if log := strings.Join(k.Dmesg(), "\n"); !strings.Contains(log, "ISOFS: Unable to identify CD-ROM format.") {
		t.Errorf("log %q", log)
	}
	k, task = boot(t, make([]byte, 64<<10))
	if err := task.Mount("/dev/loop0", "/mnt", "iso9660", linux.MS_RDONLY, ""); err != linux.EINVAL {
		t.Fatalf("mount: %v", err)
	}
	if log := strings.Join(k.Dmesg(), "\n"); !strings.Contains(log, "isofs_fill_super: bread failed, dev=loop0, iso_blknum=32, block=64") {
		t.Errorf("log %q", log)
	}
}

// TestXorriso reads xorriso's Rock Ridge (with its own SP/ER layout).
func TestXorriso(t *testing.T) {
	task := mount(t, makeISO(t, "xorriso"), "")
	st, err := task.Lstat("/mnt/a/b/c/d/e/f/g/h/i/deep")
	must(t, err)
	if uint32(st.Mode) != linux.S_IFREG|0o644 || st.Size != 5 {
		t.Errorf("deep: %+v", st)
	}
	if got, err := task.Readlink("/mnt/dir/long"); err != nil || got != strings.Repeat("component/", 20)+"end" {
		t.Errorf("long link %q %v", got, err)
	}
}
