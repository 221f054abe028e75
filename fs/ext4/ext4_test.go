// SPDX-License-Identifier: Apache-2.0

package ext4_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/ext4"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

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
	init := testkernel.Boot(t, ext4.Types, "/mnt", "/b")
	testkernel.Loop0(t, init, image)
	return init.Kernel(), init
}

// tree writes testimage.ExtTree into a new directory, skipping the test
// where mke2fs is missing or device nodes cannot be made.
func tree(t testing.TB, small bool) string {
	t.Helper()
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		t.Skip(testimage.ErrNoMke2fs)
	}
	dir := t.TempDir()
	make := testimage.ExtTree
	if small {
		make = testimage.ExtTreeSmall
	}
	if err := make(dir); errors.Is(err, unix.EPERM) {
		t.Skipf("making the tree needs CAP_MKNOD: %v", err)
	} else {
		must(t, err)
	}
	return dir
}

// image makes an image of dir with mke2fs, then runs each step (an
// e2fsck or debugfs command line, the image's path appended) on it.
func image(t testing.TB, dir, fsType string, size int64, args []string, steps ...[]string) []byte {
	t.Helper()
	img, err := testimage.Ext(fsType, dir, size, args...)
	must(t, err)
	if len(steps) == 0 {
		return img
	}
	path := filepath.Join(t.TempDir(), "img")
	must(t, os.WriteFile(path, img, 0o644))
	for _, s := range steps {
		out, err := exec.Command(s[0], append(s[1:], path)...).CombinedOutput()
		var exit *exec.ExitError
		if err != nil && !(strings.HasSuffix(s[0], "e2fsck") && errors.As(err, &exit) && exit.ExitCode() == 1) {
			t.Fatalf("%v: %v\n%s", s, err, out)
		}
	}
	img, err = os.ReadFile(path)
	must(t, err)
	return img
}

var indexDirs = []string{"/usr/sbin/e2fsck", "-fyD"}

// TestTreeMatchesSource mounts images of the test tree made with
// several layouts and compares everything stat, readlink, read and
// readdir give with the tree mke2fs read.
func TestTreeMatchesSource(t *testing.T) {
	src := tree(t, false)
	cases := []struct {
		fsType string
		args   []string
	}{
		{"ext4", nil},
		{"ext4", []string{"-b", "4096", "-I", "128"}},
		{"ext4", []string{"-O", "inline_data"}},
		{"ext4", []string{"-O", "^dir_index,^flex_bg,^64bit"}},
		{"ext4", []string{"-O", "bigalloc", "-C", "16384"}},
		{"ext4", []string{"-b", "2048", "-O", "meta_bg,^resize_inode"}},
		{"ext3", nil},
		{"ext2", []string{"-b", "4096"}},
		{"ext2", []string{"-r", "0"}},
	}
	for _, c := range cases {
		t.Run(c.fsType+strings.Join(c.args, ""), func(t *testing.T) {
			img := image(t, src, c.fsType, 24<<20, c.args, indexDirs)
			_, task := boot(t, img)
			must(t, task.Mount("/dev/loop0", "/mnt", c.fsType, linux.MS_RDONLY, ""))
			compareTree(t, task, src, "")
		})
	}
}

// compareTree compares rel under src with /mnt/rel.
func compareTree(t *testing.T, task *vfs.Task, src, rel string) {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(src, rel))
	must(t, err)
	want := []string{".", ".."}
	if rel == "" {
		want = append(want, "lost+found")
	}
	for _, e := range ents {
		want = append(want, e.Name())
	}
	got := readdir(t, task, "/mnt/"+rel)
	slices.Sort(want)
	gotSorted := slices.Sorted(slices.Values(got))
	if !slices.Equal(gotSorted, want) {
		t.Fatalf("%s: names %q, want %q", rel, gotSorted, want)
	}
	for _, e := range ents {
		compareEntry(t, task, filepath.Join(src, rel, e.Name()), filepath.Join("/mnt", rel, e.Name()))
		if e.IsDir() {
			compareTree(t, task, src, filepath.Join(rel, e.Name()))
		}
	}
}

// compareEntry compares one file's stat, target and contents.
func compareEntry(t *testing.T, task *vfs.Task, host, mnt string) {
	t.Helper()
	var hs unix.Stat_t
	must(t, unix.Lstat(host, &hs))
	st, err := task.Lstat(mnt)
	must(t, err)
	if uint32(st.Mode) != hs.Mode || st.UID != hs.Uid || st.GID != hs.Gid || st.Mtime.Sec != hs.Mtim.Sec {
		t.Errorf("%s: mode %o owner %d:%d mtime %d, want %o %d:%d %d", mnt, st.Mode, st.UID, st.GID, st.Mtime.Sec,
			hs.Mode, hs.Uid, hs.Gid, hs.Mtim.Sec)
	}
	if hs.Mode&unix.S_IFMT != unix.S_IFDIR && (st.Nlink != uint32(hs.Nlink) || st.Size != hs.Size) {
		t.Errorf("%s: nlink %d size %d, want %d %d", mnt, st.Nlink, st.Size, hs.Nlink, hs.Size)
	}
	if st.Rdev() != hs.Rdev {
		t.Errorf("%s: rdev %d:%d, want %d", mnt, st.RdevMajor, st.RdevMinor, hs.Rdev)
	}
	switch hs.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		want, _ := os.Readlink(host)
		if got, err := task.Readlink(mnt); err != nil || got != want {
			t.Errorf("%s: readlink %q %v, want %q", mnt, got, err, want)
		}
	case unix.S_IFREG:
		compareContents(t, task, host, mnt, hs.Size)
	}
}

// compareContents reads a file whole, or a huge one at a few places.
func compareContents(t *testing.T, task *vfs.Task, host, mnt string, size int64) {
	t.Helper()
	f, err := os.Open(host)
	must(t, err)
	defer f.Close()
	fd, err := task.Open(mnt, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	offs := []int64{0}
	if size > 4<<20 {
		offs = []int64{0, 4000, size - 20, 1 << 32}
	}
	for _, off := range offs {
		n := min(size-off, 4<<20)
		want := make([]byte, n)
		_, err := f.ReadAt(want, off)
		if err != nil && err != io.EOF {
			t.Fatal(err)
		}
		got := make([]byte, n)
		m, err := task.Pread(fd, got, off)
		if err != nil || int64(m) != n || !bytes.Equal(got, want) {
			t.Errorf("%s at %d: read %d bytes, %v; contents differ: %v", mnt, off, m, err, !bytes.Equal(got, want))
		}
	}
}

// readdir lists a directory, a few entries per call.
func readdir(t *testing.T, task *vfs.Task, dir string) []string {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	var names []string
	for {
		ents, err := task.Getdents(fd, 7)
		must(t, err)
		if len(ents) == 0 {
			return names
		}
		for _, e := range ents {
			names = append(names, e.Name)
			if e.Name == "." || e.Name == ".." {
				continue
			}
			st, err := task.Lstat(dir + "/" + e.Name)
			must(t, err)
			// Without the filetype feature (revision 0) entries have
			// no type.
			if e.Ino != st.Ino || e.Type != linux.DT_UNKNOWN && e.Type != linux.DirentType(uint32(st.Mode)) {
				t.Errorf("%s/%s: dirent ino %d type %d, stat %d %o", dir, e.Name, e.Ino, e.Type, st.Ino, st.Mode)
			}
		}
	}
}

// TestDirHash compares the directory hashes with debugfs's dx_hash for
// every hash version, with and without a seed. debugfs has no unsigned
// variants: those must agree with the signed ones on ASCII names and
// differ on others.
func TestDirHash(t *testing.T) {
	if _, err := os.Stat("/usr/sbin/debugfs"); err != nil {
		t.Skip("no debugfs (e2fsprogs)")
	}
	names := []string{".", "..", "a", "lost+found", "name-001-z", strings.Repeat("long", 20), "\xe9t\xe9", "x\xff\x80y", strings.Repeat("q", 255)}
	for _, alg := range []string{"legacy", "half_md4", "tea"} {
		for _, seed := range []string{"", testimage.ExtHashSeed} {
			for _, name := range names {
				args := []string{"-R", "dx_hash -h " + alg}
				if seed != "" {
					args[1] += " -s " + seed
				}
				args[1] += " " + name
				out, err := exec.Command("/usr/sbin/debugfs", args...).Output()
				if err != nil {
					t.Skipf("debugfs dx_hash: %v", err)
				}
				var want, wantMinor uint32
				if _, err := fmt.Sscanf(strings.TrimSpace(string(out))[len("Hash of "+name+" is "):], "0x%x (minor 0x%x)", &want, &wantMinor); err != nil {
					t.Fatalf("debugfs said %q: %v", out, err)
				}
				got, minor := ext4.DirHashForTest(name, alg, seed)
				if got != want || minor != wantMinor {
					t.Errorf("%s %q seed %q: %#x/%#x, debugfs %#x/%#x", alg, name, seed, got, minor, want, wantMinor)
				}
				u, uminor := ext4.DirHashForTest(name, alg+"_unsigned", seed)
				ascii := !strings.ContainsFunc(name, func(r rune) bool { return r >= 0x80 })
				if (u == got && uminor == minor) != ascii {
					t.Errorf("%s_unsigned %q seed %q: %#x/%#x, signed %#x/%#x", alg, name, seed, u, uminor, got, minor)
				}
			}
		}
	}
}

// small returns an image of the small tree.
func small(t testing.TB, fsType string, args ...string) []byte {
	t.Helper()
	return image(t, tree(t, true), fsType, 4<<20, append([]string{"-O", "^resize_inode"}, args...))
}

// TestRefusals: what each name refuses, with Linux 6.18's errors and
// messages (checked with mount -o loop,ro of the same images); a silent
// probe (MS_SILENT, as mount_block_root's) says nothing when the image
// suits another of the names; a read-write mount is EACCES before any
// message, as on a write-protected disk, for the images this driver
// cannot write (those with a journal, extents or checksums).
func TestRefusals(t *testing.T) {
	imgs := map[string][]byte{}
	for _, ty := range []string{"ext2", "ext3", "ext4"} {
		imgs[ty] = small(t, ty)
	}
	corrupt := append([]byte(nil), imgs["ext4"]...)
	corrupt[1024+120] ^= 1 // the volume name, under the superblock's checksum
	badCount := append([]byte(nil), imgs["ext2"]...)
	badCount[1024] ^= 1 // s_inodes_count
	cases := []struct {
		name  string
		img   []byte
		as    string
		flags uint64
		err   error
		log   []string
	}{
		{"ext4 as ext2", imgs["ext4"], "ext2", linux.MS_RDONLY, linux.EINVAL, []string{"EXT4-fs (loop0): couldn't mount as ext2 due to feature incompatibilities"}},
		{"ext4 as ext3", imgs["ext4"], "ext3", linux.MS_RDONLY, linux.EINVAL, []string{"EXT4-fs (loop0): couldn't mount as ext3 due to feature incompatibilities"}},
		{"ext2 as ext3", imgs["ext2"], "ext3", linux.MS_RDONLY, linux.EINVAL, []string{"EXT4-fs (loop0): couldn't mount as ext3 due to feature incompatibilities"}},
		{"ext4 as ext2 silently", imgs["ext4"], "ext2", linux.MS_RDONLY | linux.MS_SILENT, linux.EINVAL, nil},
		{"zeros", make([]byte, 64<<10), "ext4", linux.MS_RDONLY, linux.EINVAL, []string{"EXT4-fs (loop0): VFS: Can't find ext4 filesystem"}},
		{"zeros silently", make([]byte, 64<<10), "ext4", linux.MS_RDONLY | linux.MS_SILENT, linux.EINVAL, nil},
		{"tiny", make([]byte, 1536), "ext4", linux.MS_RDONLY, linux.ENOMEM, []string{"EXT4-fs (loop0): unable to read superblock"}},
		{"checksum", corrupt, "ext4", linux.MS_RDONLY, linux.EBADMSG, []string{"EXT4-fs (loop0): VFS: Found ext4 filesystem with invalid superblock checksum.  Run e2fsck?"}},
		{"inode count", badCount, "ext2", linux.MS_RDONLY, linux.EINVAL, []string{"EXT4-fs (loop0): mounting ext2 file system using the ext4 subsystem", "EXT4-fs (loop0): inodes count not valid: 1025 vs 1024"}},
		{"read-write", small(t, "ext4", "-O", "inline_data"), "ext4", 0, linux.EACCES, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, task := boot(t, c.img)
			if err := task.Mount("/dev/loop0", "/mnt", c.as, c.flags, ""); err != c.err {
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

// TestMountMessages: the kernel's lines for a mount of each kind and for
// the unmount, and a second mount sharing the superblock.
func TestMountMessages(t *testing.T) {
	for _, c := range []struct{ fsType, as, opts, mode string }{
		{"ext4", "ext4", "", "with ordered data mode"},
		{"ext4", "ext4", "noload", "without journal"},
		{"ext4", "ext4", "data=journal", "with journalled data mode"},
		{"ext3", "ext3", "", "with ordered data mode"},
		{"ext2", "ext2", "", "without journal"},
		{"ext2", "ext4", "", "without journal"},
	} {
		k, task := boot(t, small(t, c.fsType))
		must(t, task.Mount("/dev/loop0", "/mnt", c.as, linux.MS_RDONLY, c.opts))
		must(t, task.Mount("/dev/loop0", "/b", c.as, linux.MS_RDONLY, ""))
		a, _ := task.Stat("/mnt/top")
		b, _ := task.Stat("/b/top")
		if a.Ino != b.Ino || a.Dev() != b.Dev() || k.DiskOpeners(linux.Mkdev(7, 0)) != 1 {
			t.Errorf("%s: two mounts, two superblocks", c.fsType)
		}
		must(t, task.Umount("/mnt"))
		must(t, task.Umount("/b"))
		var want []string
		if c.as != "ext4" {
			want = append(want, "EXT4-fs (loop0): mounting "+c.as+" file system using the ext4 subsystem")
		}
		if c.opts == "data=journal" {
			want = append(want, "EXT4-fs: Warning: mounting with data=journal disables delayed allocation, dioread_nolock, O_DIRECT and fast_commit support!")
		}
		want = append(want, "EXT4-fs (loop0): mounted filesystem "+testimage.ExtUUID+" ro "+c.mode+". Quota mode: none.",
			"EXT4-fs (loop0): unmounting filesystem "+testimage.ExtUUID+".")
		if log := k.Dmesg(); !slices.Equal(log, want) {
			t.Errorf("%s as %s -o %q: log %q, want %q", c.fsType, c.as, c.opts, log, want)
		}
	}
}

// TestOptionErrors: options the parser refuses, with fs_parse's messages,
// and those the ext2 name refuses.
func TestOptionErrors(t *testing.T) {
	k, task := boot(t, small(t, "ext2"))
	for _, c := range []struct{ as, opts, log string }{
		{"ext4", "foo", "ext4: Unknown parameter 'foo'"},
		{"ext2", "nouser_xattr", "ext2: Unknown parameter 'nouser_xattr'"},
		{"ext4", "errors=bogus", "ext4: Bad value for 'errors'"},
		{"ext4", "commit=x", "ext4: Bad value for 'commit'"},
		{"ext2", "data=journal", "EXT4-fs: Mount option(s) incompatible with ext2"},
		{"ext2", "noload", "EXT4-fs: Mount option(s) incompatible with ext2"},
		{"ext3", "nodelalloc", "EXT4-fs: Mount option(s) incompatible with ext3"},
	} {
		before := len(k.Dmesg())
		if err := task.Mount("/dev/loop0", "/mnt", c.as, linux.MS_RDONLY, c.opts); err != linux.EINVAL {
			t.Errorf("%s -o %s: %v, want EINVAL", c.as, c.opts, err)
		}
		if log := k.Dmesg()[before:]; len(log) == 0 || log[0] != c.log {
			t.Errorf("%s -o %s: log %q, want %q first", c.as, c.opts, log, c.log)
		}
	}
	must(t, task.Mount("/dev/loop0", "/mnt", "ext2", linux.MS_RDONLY, "orlov"))
	if log := k.Dmesg(); !slices.Contains(log, "EXT4-fs: Ignoring removed orlov option") {
		t.Errorf("log %q", log)
	}
}

// TestReadOnly: changes are EROFS, remounting read-write too; a remount
// takes new options.
func TestReadOnly(t *testing.T) {
	_, task := boot(t, small(t, "ext4", "-O", "inline_data"))
	must(t, task.Mount("/dev/loop0", "/mnt", "ext4", linux.MS_RDONLY, "errors=panic"))
	for name, op := range map[string]func() error{
		"mkdir":    func() error { return task.Mkdir("/mnt/new", 0o755) },
		"open rw":  func() error { _, err := task.Open("/mnt/top", linux.O_RDWR, 0); return err },
		"unlink":   func() error { return task.Unlink("/mnt/top") },
		"rename":   func() error { return task.Rename("/mnt/top", "/mnt/d/top") },
		"chmod":    func() error { return task.Chmod("/mnt/top", 0o600) },
		"truncate": func() error { return task.Truncate("/mnt/top", 0) },
		"remount":  func() error { return task.Mount("", "/mnt", "", linux.MS_REMOUNT, "") },
	} {
		if err := op(); err != linux.EROFS {
			t.Errorf("%s = %v, want EROFS", name, err)
		}
	}
	must(t, task.Mount("", "/mnt", "", linux.MS_REMOUNT|linux.MS_RDONLY, "nobarrier"))
	if mi := task.Mountinfo(); !strings.Contains(mi, " - ext4 /dev/loop0 ro,nobarrier\n") {
		t.Errorf("mountinfo after remount:\n%s", mi)
	}
}

// TestLookups: names that are not there, too long, and a walk through
// symlinks kept in the inode and in a block.
func TestLookups(t *testing.T) {
	_, task := boot(t, small(t, "ext4"))
	must(t, task.Mount("/dev/loop0", "/mnt", "ext4", linux.MS_RDONLY, ""))
	if _, err := task.Lstat("/mnt/nope"); err != linux.ENOENT {
		t.Errorf("missing name: %v", err)
	}
	if _, err := task.Lstat("/mnt/" + strings.Repeat("n", 256)); err != linux.ENAMETOOLONG {
		t.Errorf("256 bytes: %v", err)
	}
	if _, err := task.Lstat("/mnt/top/x"); err != linux.ENOTDIR {
		t.Errorf("under a file: %v", err)
	}
	fd, err := task.Open("/mnt/short", linux.O_RDONLY, 0)
	must(t, err)
	buf := make([]byte, 20)
	n, _ := task.Read(fd, buf)
	task.Close(fd)
	if string(buf[:n]) != "top file\n" {
		t.Errorf("through the symlink: %q", buf[:n])
	}
	// "long" points to long/long/...: itself, again and again.
	if _, err := task.Stat("/mnt/long"); err != linux.ELOOP {
		t.Errorf("the long symlink: %v", err)
	}
}

// TestTwoLevelIndex reads a directory whose index has two levels (1 KiB
// blocks, thousands of names, all hard links of one file).
func TestTwoLevelIndex(t *testing.T) {
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		t.Skip(testimage.ErrNoMke2fs)
	}
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "big"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644))
	const n = 9000
	for i := range n {
		must(t, os.Link(filepath.Join(dir, "f"), filepath.Join(dir, "big", fmt.Sprintf("%05d", i))))
	}
	img := image(t, dir, "ext4", 16<<20, []string{"-b", "1024"}, indexDirs)
	_, task := boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "ext4", linux.MS_RDONLY, ""))
	names := readdirNames(t, task, "/mnt/big")
	if len(names) != n+2 {
		t.Fatalf("%d names, want %d", len(names), n+2)
	}
	for _, i := range []int{0, 4567, n - 1} {
		st, err := task.Lstat(fmt.Sprintf("/mnt/big/%05d", i))
		if err != nil || st.Nlink != n+1 {
			t.Errorf("%05d: %+v %v", i, st, err)
		}
	}
}

// readdirNames lists a directory in one call.
func readdirNames(t *testing.T, task *vfs.Task, dir string) []string {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	ents, err := task.Getdents(fd, 0)
	must(t, err)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name)
	}
	return names
}

// TestJournal: a journal whose superblock is gone stops the mount unless
// noload skips the journal; one that needs recovery cannot be replayed
// here, and stops the mount as on a read-only disk (Linux 6.18's words).
func TestJournal(t *testing.T) {
	src := tree(t, true)
	bad := image(t, src, "ext4", 4<<20, []string{"-b", "1024"}, []string{"/usr/sbin/debugfs", "-w", "-R", "zap_block -f <8> 0"})
	dirty := image(t, src, "ext4", 4<<20, nil, []string{"/usr/sbin/debugfs", "-w", "-R", "feature needs_recovery"})
	for _, c := range []struct {
		name string
		img  []byte
		opts string
		err  error
		log  []string
	}{
		{"no journal superblock", bad, "", linux.EINVAL, []string{"JBD2: no valid journal superblock found", "EXT4-fs (loop0): Could not load journal inode"}},
		{"no journal superblock, noload", bad, "noload", nil, []string{"EXT4-fs (loop0): mounted filesystem " + testimage.ExtUUID + " ro without journal. Quota mode: none."}},
		{"needs recovery", dirty, "", linux.EROFS, []string{"EXT4-fs (loop0): INFO: recovery required on readonly filesystem", "EXT4-fs (loop0): write access unavailable, cannot proceed (try mounting with noload)"}},
	} {
		k, task := boot(t, c.img)
		if err := task.Mount("/dev/loop0", "/mnt", "ext4", linux.MS_RDONLY, c.opts); err != c.err {
			t.Errorf("%s: mount = %v, want %v", c.name, err, c.err)
		}
		if log := k.Dmesg(); !slices.Equal(log, c.log) {
			t.Errorf("%s: log %q, want %q", c.name, log, c.log)
		}
	}
}

// TestAttributes: immutable and append-only flags show as statx
// attributes.
func TestAttributes(t *testing.T) {
	img := image(t, tree(t, true), "ext4", 4<<20, nil, []string{"/usr/sbin/debugfs", "-w", "-R", "sif /top flags 0x80030"})
	_, task := boot(t, img)
	must(t, task.Mount("/dev/loop0", "/mnt", "ext4", linux.MS_RDONLY, ""))
	for name, want := range map[string]uint64{"/mnt/top": linux.STATX_ATTR_IMMUTABLE | linux.STATX_ATTR_APPEND, "/mnt/d/hello": 0} {
		st, err := task.Lstat(name)
		must(t, err)
		if st.Attributes&^linux.STATX_ATTR_MOUNT_ROOT != want || st.AttrMask&linux.STATX_ATTR_IMMUTABLE == 0 {
			t.Errorf("%s: attributes %#x mask %#x, want %#x", name, st.Attributes, st.AttrMask, want)
		}
	}
}

// TestRootProbe tries the three names as mount_block_root does (silently,
// read-write first, then read-only, in /proc/filesystems order): the
// read-write pass fails with EACCES or EINVAL, which both send it on; the
// read-only pass mounts the image under its own name, and the only lines
// in the log are those of that mount.
func TestRootProbe(t *testing.T) {
	for _, want := range []string{"ext2", "ext3", "ext4"} {
		k, task := boot(t, small(t, want))
		got := ""
		for _, flags := range []uint64{linux.MS_SILENT, linux.MS_SILENT | linux.MS_RDONLY} {
			for _, ty := range ext4.Types {
				err := task.Mount("/dev/loop0", "/mnt", ty.Name(), flags, "")
				if err == nil {
					got = ty.Name()
					break
				}
				if err != linux.EACCES && err != linux.EINVAL {
					t.Fatalf("%s image as %s: %v", want, ty.Name(), err)
				}
			}
			if got != "" {
				break
			}
		}
		if got != want {
			t.Errorf("%s image mounted as %q", want, got)
		}
		log := k.Dmesg()
		if len(log) == 0 || !strings.HasPrefix(log[len(log)-1], "EXT4-fs (loop0): mounted filesystem ") ||
			want != "ext4" && (len(log) != 2 || log[0] != "EXT4-fs (loop0): mounting "+want+" file system using the ext4 subsystem") ||
			want == "ext4" && len(log) != 1 {
			t.Errorf("%s: log %q", want, log)
		}
	}
}
