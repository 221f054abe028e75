// SPDX-License-Identifier: Apache-2.0

package ext4_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestWriteHostCheck: an image made by the host's mke2fs -d with its
// default features for ext4 (extents, metadata_csum, 64bit, flex_bg,
// a journal) and for ext3 (block maps, a journal), mounted read-write
// here, changed in every way a tree can be (thousands of names in one
// directory, which becomes indexed and outgrows its index; files of
// many extents, with holes, truncated; renames, links, nodes, owners,
// times), unmounted. Then the host's e2fsck -fn must find the image
// clean, and the host kernel, mounting it read-only in a mount
// namespace of its own, must see what linuxvfs saw: names, types,
// modes, owners, sizes, blocks, links, times and contents.
func TestWriteHostCheck(t *testing.T) {
	if _, err := os.Stat("/usr/sbin/e2fsck"); err != nil {
		t.Skip("no e2fsck (e2fsprogs)")
	}
	src := tree(t, true)
	for _, c := range []struct {
		name, ty string
		size     int64
		args     []string
		names    int
	}{
		{"ext4-1k", "ext4", 64 << 20, []string{"-b", "1024"}, 4000},
		{"ext4-4k", "ext4", 64 << 20, []string{"-b", "4096", "-g", "4096"}, 1500},
		{"ext3-1k", "ext3", 32 << 20, []string{"-b", "1024"}, 1500},
	} {
		t.Run(c.name, func(t *testing.T) {
			img := image(t, src, c.ty, c.size, c.args)
			_, task, d := bootRW(t, img)
			must(t, task.Mount("/dev/loop1", "/mnt", c.ty, 0, ""))
			workload(t, task, "/mnt", c.names)
			want := statTree(t, task, "/mnt")
			must(t, task.Umount("/mnt"))
			fsck(t, d.B)
			got := hostTree(t, d.B, c.ty)
			if got != want {
				t.Fatalf("the host kernel sees another tree:\n%s", lineDiff(want, got))
			}
		})
	}
}

// workload changes the tree under root; every call must succeed.
func workload(t *testing.T, task *vfs.Task, root string, names int) {
	t.Helper()
	p := func(s string) string { return root + "/" + s }
	must(t, task.Mkdir(p("big"), 0o755))
	must(t, task.Mkdir(p("other"), 0o700))
	for i := range names {
		fd, err := task.Creat(p(fmt.Sprintf("big/entry-with-a-long-name-%05d", i)), 0o640)
		must(t, err)
		if i%97 == 0 {
			_, err = task.Write(fd, bytes.Repeat([]byte{byte(i)}, i))
			must(t, err)
		}
		must(t, task.Close(fd))
	}
	for i := 0; i < names; i += 3 {
		must(t, task.Unlink(p(fmt.Sprintf("big/entry-with-a-long-name-%05d", i))))
	}
	for i := 1; i < names; i += 7 {
		if i%3 == 0 {
			continue // unlinked above
		}
		must(t, task.Rename(p(fmt.Sprintf("big/entry-with-a-long-name-%05d", i)), p(fmt.Sprintf("other/moved-%d", i))))
	}
	for i := range 40 {
		must(t, task.Link(p("top"), p(fmt.Sprintf("big/zz-link-%d", i))))
	}

	// Holes and extents: a block every 64 KiB, then a run of 1.5 MiB,
	// then single blocks every other block (hundreds of extents).
	fd, err := task.Open(p("sparse"), linux.O_RDWR|linux.O_CREAT, 0o644)
	must(t, err)
	for i := range 41 {
		pwrite(t, task, fd, bytes.Repeat([]byte{byte(i + 1)}, 4096), int64(i)<<16)
	}
	pwrite(t, task, fd, bytes.Repeat([]byte("run."), 3<<17), 3<<20)
	must(t, task.Close(fd))
	fd, err = task.Open(p("comb"), linux.O_RDWR|linux.O_CREAT, 0o644)
	must(t, err)
	for i := range 420 {
		pwrite(t, task, fd, bytes.Repeat([]byte{byte(i)}, 4096), int64(2*i)*4096)
	}
	must(t, task.Close(fd))
	writeFile(t, task, p("comb2"), nil)
	must(t, task.Rename(p("comb"), p("other/comb")))
	fd, err = task.Open(p("other/comb"), linux.O_RDWR, 0)
	must(t, err)
	pwrite(t, task, fd, []byte("filled"), 4096+10) // a hole filled in
	must(t, task.Close(fd))

	// Truncates: into the middle of extents, down to a few, up again.
	must(t, task.Truncate(p("sparse"), 3<<20+12345))
	must(t, task.Truncate(p("sparse"), 20<<16+100))
	must(t, task.Truncate(p("other/comb"), 61*4096+7))
	must(t, task.Truncate(p("top"), 1<<20))
	must(t, task.Truncate(p("two-blocks"), 100))
	fd, err = task.Open(p("d/hello"), linux.O_WRONLY|linux.O_APPEND, 0)
	must(t, err)
	_, err = task.Write(fd, bytes.Repeat([]byte("more "), 5000))
	must(t, err)
	must(t, task.Close(fd))

	// Directories, renames, links, nodes.
	must(t, task.Mkdir(p("a"), 0o755))
	must(t, task.Mkdir(p("a/b"), 0o755))
	must(t, task.Mkdir(p("a/b/c"), 0o755))
	must(t, task.Rename(p("a/b"), p("other/b")))
	must(t, task.Rmdir(p("other/b/c")))
	must(t, task.Mkdir(p("gone"), 0o755))
	must(t, task.Rmdir(p("gone")))
	must(t, task.Symlink("d/hello", p("fast")))
	must(t, task.Symlink(strings.Repeat("long/", 40)+"target", p("other/slow")))
	must(t, task.Mknodat(linux.AT_FDCWD, p("a/chr"), linux.S_IFCHR|0o620, linux.Mkdev(4, 7)))
	must(t, task.Mknodat(linux.AT_FDCWD, p("a/blk"), linux.S_IFBLK|0o600, linux.Mkdev(300, 70000)))
	must(t, task.Mknodat(linux.AT_FDCWD, p("a/fifo"), linux.S_IFIFO|0o644, 0))
	must(t, task.Link(p("sparse"), p("a/sparse-again")))
	must(t, task.Rename(p("a/fifo"), p("other/moved-1")))
	must(t, task.Renameat2(linux.AT_FDCWD, p("a"), linux.AT_FDCWD, p("other"), linux.RENAME_EXCHANGE))
	must(t, task.Chmod(p("comb2"), 0o4755))
	must(t, task.Chown(p("comb2"), 70000, 80000))
	ts := [2]vfs.Timespec{{Sec: 1e9, Nsec: 1}, {Sec: 1.2e9, Nsec: 999999999}}
	must(t, task.Utimensat(linux.AT_FDCWD, p("sparse"), &ts, 0))
	must(t, task.Unlink(p("big/zz-link-3")))
}

func pwrite(t *testing.T, task *vfs.Task, fd int, data []byte, off int64) {
	t.Helper()
	if n, err := task.Pwrite(fd, data, off); err != nil || n != len(data) {
		t.Fatalf("pwrite at %d: %d %v", off, n, err)
	}
}

// treeLine is one name of a tree as statTree and hostTree describe it.
func treeLine(rel string, mode uint32, nlink uint64, uid, gid uint32, size, blocks int64, mtime, ctime vfs.Timespec, extra string) string {
	return fmt.Sprintf("%s %o %d %d:%d %d %d %d.%09d %d.%09d %s\n", rel, mode, nlink, uid, gid, size, blocks,
		mtime.Sec, mtime.Nsec, ctime.Sec, ctime.Nsec, extra)
}

// statTree describes the tree under root as linuxvfs has it.
func statTree(t *testing.T, task *vfs.Task, root string) string {
	t.Helper()
	var lines []string
	var walk func(rel string)
	walk = func(rel string) {
		for _, n := range readdirNames(t, task, root+rel) {
			if n == "." || n == ".." {
				continue
			}
			r := rel + "/" + n
			st, err := task.Lstat(root + r)
			must(t, err)
			extra := ""
			switch st.Mode & linux.S_IFMT {
			case linux.S_IFREG:
				extra = fmt.Sprintf("%x", sha256.Sum256(readAll(t, task, root+r)))
			case linux.S_IFLNK:
				extra, err = task.Readlink(root + r)
				must(t, err)
			case linux.S_IFCHR, linux.S_IFBLK:
				extra = fmt.Sprintf("%d:%d", st.RdevMajor, st.RdevMinor)
			}
			lines = append(lines, treeLine(r, uint32(st.Mode), uint64(st.Nlink), st.UID, st.GID, st.Size, st.Blocks, st.Mtime, st.Ctime, extra))
			if st.Mode&linux.S_IFMT == linux.S_IFDIR {
				walk(r)
			}
		}
	}
	walk("")
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// hostTree mounts img read-only in the host kernel (a loop device, in a
// mount namespace of a thread of its own) and describes its tree. It
// skips where the host cannot: no root, no loop devices, no such type.
func hostTree(t *testing.T, img []byte, ty string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting the image in the host kernel needs root")
	}
	if fs, _ := os.ReadFile("/proc/filesystems"); !strings.Contains(string(fs), "\t"+ty+"\n") {
		t.Skipf("the host kernel has no %s", ty)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "img")
	must(t, os.WriteFile(path, img, 0o644))
	mnt := filepath.Join(dir, "m")
	must(t, os.Mkdir(mnt, 0o755))
	// The loop device shows in every losetup -a on the machine: hold the
	// sandbox lock as long as it exists.
	release, err := kerneltest.Share(context.Background())
	must(t, err)
	defer release()
	type result struct {
		tree string
		err  error
		skip string
	}
	done := make(chan result)
	go func() {
		// The thread stays locked: it ends with the goroutine, and its
		// mount namespace with it.
		runtime.LockOSThread()
		var r result
		defer func() { done <- r }()
		if err := unix.Unshare(unix.CLONE_NEWNS | unix.CLONE_FS); err != nil {
			r.skip = fmt.Sprintf("unshare: %v", err)
			return
		}
		if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
			r.err = err
			return
		}
		out, err := exec.Command("losetup", "--find", "--show", "--read-only", path).CombinedOutput()
		if err != nil {
			r.skip = fmt.Sprintf("losetup: %v %s", err, out)
			return
		}
		dev := strings.TrimSpace(string(out))
		defer exec.Command("losetup", "-d", dev).Run()
		if err := unix.Mount(dev, mnt, ty, unix.MS_RDONLY, ""); err != nil {
			r.err = fmt.Errorf("mount %s: %v", dev, err)
			return
		}
		defer unix.Unmount(mnt, 0)
		r.tree, r.err = walkHost(mnt)
	}()
	r := <-done
	if r.skip != "" {
		t.Skip(r.skip)
	}
	must(t, r.err)
	return r.tree
}

// walkHost is statTree for a tree the host kernel serves.
func walkHost(root string) (string, error) {
	var lines []string
	err := filepath.Walk(root, func(path string, _ os.FileInfo, err error) error {
		if err != nil || path == root {
			return err
		}
		var st unix.Stat_t
		if err := unix.Lstat(path, &st); err != nil {
			return err
		}
		extra := ""
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFREG:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			extra = fmt.Sprintf("%x", sha256.Sum256(data))
		case unix.S_IFLNK:
			extra, err = os.Readlink(path)
			if err != nil {
				return err
			}
		case unix.S_IFCHR, unix.S_IFBLK:
			extra = fmt.Sprintf("%d:%d", unix.Major(st.Rdev), unix.Minor(st.Rdev))
		}
		mt := vfs.Timespec{Sec: st.Mtim.Sec, Nsec: st.Mtim.Nsec}
		ct := vfs.Timespec{Sec: st.Ctim.Sec, Nsec: st.Ctim.Nsec}
		lines = append(lines, treeLine(strings.TrimPrefix(path, root), st.Mode, st.Nlink, st.Uid, st.Gid, st.Size, st.Blocks, mt, ct, extra))
		return nil
	})
	slices.Sort(lines)
	return strings.Join(lines, ""), err
}

// TestWriteTwoLevelIndex: a directory whose index e2fsck -D made two
// levels deep, which this writer does not extend: a name added drops the
// index, and with checksums the index blocks become leaves (the root
// keeps "." and "..", the inner nodes are emptied); e2fsck finds the
// image clean and the host kernel finds every name.
func TestWriteTwoLevelIndex(t *testing.T) {
	if _, err := os.Stat("/usr/sbin/e2fsck"); err != nil {
		t.Skip("no e2fsck (e2fsprogs)")
	}
	src := t.TempDir()
	must(t, os.Mkdir(filepath.Join(src, "d"), 0o755))
	long := strings.Repeat("x", 190)
	for i := range 1000 {
		must(t, os.WriteFile(filepath.Join(src, "d", fmt.Sprintf("n%04d%s", i, long)), nil, 0o644))
	}
	img := image(t, src, "ext4", 16<<20, []string{"-b", "1024"}, []string{"/usr/sbin/e2fsck", "-fyD"})
	path := filepath.Join(t.TempDir(), "img")
	must(t, os.WriteFile(path, img, 0o644))
	if out, err := exec.Command("/usr/sbin/debugfs", "-R", "htree /d", path).Output(); err != nil || !strings.Contains(string(out), "Indirect levels: 1") {
		t.Fatalf("e2fsck -D made no two-level index: %v\n%.300s", err, out)
	}
	_, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", "ext4", 0, ""))
	for i := range 50 {
		writeFile(t, task, fmt.Sprintf("/mnt/d/added-%d", i), []byte("new"))
	}
	must(t, task.Unlink("/mnt/d/n0007"+long))
	must(t, task.Rename("/mnt/d/n0008"+long, "/mnt/renamed"))
	want := statTree(t, task, "/mnt")
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	if got := hostTree(t, d.B, "ext4"); got != want {
		t.Fatalf("the host kernel sees another tree:\n%s", lineDiff(want, got))
	}
}
