// SPDX-License-Identifier: Apache-2.0

package ext4_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// fsck runs e2fsck -fn on img: the image must be clean.
func fsck(t *testing.T, img []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "img")
	must(t, os.WriteFile(path, img, 0o644))
	out, err := exec.Command("/usr/sbin/e2fsck", "-fn", path).CombinedOutput()
	if err != nil {
		t.Fatalf("e2fsck -fn: %v\n%s", err, out)
	}
}

// bootRW is boot with a tmpfs on /t beside the image's disk.
func bootRW(t *testing.T, img []byte) (*vfs.Kernel, *vfs.Task, *testkernel.Disk) {
	t.Helper()
	k, task := boot(t, nil)
	d := &testkernel.Disk{B: img}
	// boot added an empty disk as 7:0: a second disk 7:1 holds the image.
	must(t, task.Mknodat(linux.AT_FDCWD, "/dev/loop1", linux.S_IFBLK|0o600, linux.Mkdev(7, 1)))
	must(t, k.AddDisk(linux.Mkdev(7, 1), d))
	must(t, task.Mkdir("/t", 0o755))
	must(t, task.Mount("t", "/t", "tmpfs", 0, ""))
	return k, task, d
}

// TestWriteEmptyImage: a read-write mount of a fresh ext2 image, a few
// changes, and an image e2fsck finds clean; mounted again, the changes
// are there.
func TestWriteEmptyImage(t *testing.T) {
	img := small(t, "ext2")
	k, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", "ext2", 0, ""))
	if mi := task.Mountinfo(); !strings.Contains(mi, " - ext2 /dev/loop1 rw\n") {
		t.Errorf("mountinfo:\n%s", mi)
	}
	must(t, task.Mkdir("/mnt/new", 0o750))
	writeFile(t, task, "/mnt/new/f", bytes.Repeat([]byte("x"), 70000))
	must(t, task.Symlink("new/f", "/mnt/ln"))
	must(t, task.Link("/mnt/top", "/mnt/new/top2"))
	must(t, task.Unlink("/mnt/d/hello"))
	must(t, task.Rename("/mnt/two-blocks", "/mnt/new/two"))
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	log := k.Dmesg()
	if !slices.Contains(log, "EXT4-fs (loop0): mounted filesystem 6f1c3a52-9d0e-4b7a-8c21-3e5f4a6b7c8d r/w without journal. Quota mode: none.") {
		t.Errorf("log %q", log)
	}
	_, task2 := boot(t, d.B)
	must(t, task2.Mount("/dev/loop0", "/mnt", "ext2", linux.MS_RDONLY, ""))
	if got := readAll(t, task2, "/mnt/ln"); len(got) != 70000 {
		t.Errorf("through the link: %d bytes", len(got))
	}
	st, err := task2.Stat("/mnt/new/top2")
	if err != nil || st.Nlink != 3 {
		t.Errorf("top2: %+v %v", st, err)
	}
	if _, err := task2.Stat("/mnt/d/hello"); err != linux.ENOENT {
		t.Errorf("unlinked hello: %v", err)
	}
}

func writeFile(t *testing.T, task *vfs.Task, name string, data []byte) {
	t.Helper()
	fd, err := task.Open(name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
	must(t, err)
	defer task.Close(fd)
	if n, err := task.Write(fd, data); err != nil || n != len(data) {
		t.Fatalf("write %s: %d %v", name, n, err)
	}
}

func readAll(t *testing.T, task *vfs.Task, name string) []byte {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	var out []byte
	buf := make([]byte, 5000)
	for {
		n, err := task.Read(fd, buf)
		must(t, err)
		if n == 0 {
			return out
		}
		out = append(out, buf[:n]...)
	}
}

// TestWriteRandom applies the same random operations to an ext2 mount
// and to a tmpfs: every call must give the same result, the trees must
// match, and after the unmount e2fsck must find the image clean and a
// fresh read-only mount must see the same tree. EXT4_WRITE_SEEDS=1 runs
// 200 seeds of 1500 steps instead.
func TestWriteRandom(t *testing.T) {
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	if s := os.Getenv("EXT4_WRITE_SEEDS"); s != "" {
		seeds = nil
		for i := range 200 {
			seeds = append(seeds, uint64(1000+i))
		}
	}
	if testing.Short() {
		seeds = seeds[:2]
	}
	steps := 300
	if os.Getenv("EXT4_WRITE_SEEDS") != "" {
		steps = 1500
	}
	src := tree(t, true)
	for _, ty := range []string{"ext2", "ext3", "ext4"} {
		for _, seed := range seeds {
			for _, bs := range []string{"1024", "4096"} {
				t.Run(fmt.Sprintf("%s-seed%d-bs%s", ty, seed, bs), func(t *testing.T) {
					randomRun(t, image(t, src, ty, 32<<20, []string{"-b", bs}), ty, seed, steps)
				})
			}
		}
	}
}

// randomRun is one run of TestWriteRandom on an image of type ty.
func randomRun(t *testing.T, img []byte, ty string, seed uint64, steps int) {
	_, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", ty, 0, ""))
	copyTree(t, task, "/mnt", "/t")
	r := rand.New(rand.NewPCG(seed, 0))
	for step := range steps {
		op := randomOp(r)
		e1 := op.run(task, "/mnt")
		e2 := op.run(task, "/t")
		if e1 != e2 {
			t.Fatalf("step %d %s: %s %v, tmpfs %v", step, op, ty, e1, e2)
		}
	}
	want := snapshot(t, task, "/t")
	if got := snapshot(t, task, "/mnt"); got != want {
		t.Fatalf("trees differ:\n%s", lineDiff(want, got))
	}
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	_, task2 := boot(t, d.B)
	must(t, task2.Mount("/dev/loop0", "/mnt", ty, linux.MS_RDONLY, ""))
	if got := snapshot(t, task2, "/mnt"); got != want {
		t.Fatalf("after remounting:\n%s", lineDiff(want, got))
	}
}

// copyTree copies the image's tree onto the tmpfs (files, dirs, links)
// so that both start equal; lost+found too.
func copyTree(t *testing.T, task *vfs.Task, from, to string) {
	t.Helper()
	for _, e := range readdirNames(t, task, from) {
		if e == "." || e == ".." {
			continue
		}
		f, dst := from+"/"+e, to+"/"+e
		st, err := task.Lstat(f)
		must(t, err)
		switch st.Mode & linux.S_IFMT {
		case linux.S_IFDIR:
			must(t, task.Mkdir(dst, uint32(st.Mode)&0o7777))
			must(t, task.Chmod(dst, uint32(st.Mode)&0o7777))
			copyTree(t, task, f, dst)
		case linux.S_IFREG:
			writeFile(t, task, dst, readAll(t, task, f))
			must(t, task.Chmod(dst, uint32(st.Mode)&0o7777))
		case linux.S_IFLNK:
			target, err := task.Readlink(f)
			must(t, err)
			must(t, task.Symlink(target, dst))
		default:
			must(t, task.Mknodat(linux.AT_FDCWD, dst, uint32(st.Mode), st.Rdev()))
			must(t, task.Chmod(dst, uint32(st.Mode)&0o7777))
		}
	}
	// Hard links: d/hardlink is top's second name.
	if from == "/mnt" {
		must(t, task.Unlink(to+"/d/hardlink"))
		must(t, task.Link(to+"/top", to+"/d/hardlink"))
	}
}

// fsOp is one random call on a tree under a root.
type fsOp struct {
	kind       string
	a, b       string
	size, off  int64
	mode       uint32
	dataSeed   byte
	renameFlag uint32
}

var opNames = []string{"a", "b", "c", "d", "d/hello", "d/x", "d/sub", "d/sub/y", "top", "two-blocks", "many", "many/n1", "many/n2", "long-name-" + strings.Repeat("q", 40)}

func randomOp(r *rand.Rand) fsOp {
	pick := func() string { return opNames[r.IntN(len(opNames))] }
	kinds := []string{"write", "write", "write", "append", "truncate", "mkdir", "mkdir", "rmdir", "unlink", "rename", "rename", "link", "symlink", "chmod", "mknod", "exchange", "manyfiles"}
	op := fsOp{kind: kinds[r.IntN(len(kinds))], a: pick(), b: pick(), dataSeed: byte(r.IntN(256))}
	sizes := []int64{0, 1, 100, 1023, 1024, 4096, 5000, 13 * 1024, 70000, 300000, 1100000}
	op.size = sizes[r.IntN(len(sizes))]
	op.off = sizes[r.IntN(len(sizes))]
	op.mode = uint32(r.IntN(0o1000))
	if op.kind == "symlink" && r.IntN(2) == 0 {
		op.b = strings.Repeat("t", 60+r.IntN(100))
	}
	return op
}

func (op fsOp) String() string {
	return fmt.Sprintf("%s %q %q %d %d", op.kind, op.a, op.b, op.size, op.off)
}

// run applies the operation under root and returns its error.
func (op fsOp) run(task *vfs.Task, root string) error {
	a, b := root+"/"+op.a, root+"/"+op.b
	data := bytes.Repeat([]byte{op.dataSeed}, int(op.size))
	switch op.kind {
	case "write", "append":
		flags := uint32(linux.O_WRONLY | linux.O_CREAT)
		fd, err := task.Open(a, flags, 0o644)
		if err != nil {
			return err
		}
		defer task.Close(fd)
		off := op.off
		if op.kind == "append" {
			st, err := task.Fstat(fd)
			if err != nil {
				return err
			}
			off = st.Size
		}
		_, err = task.Pwrite(fd, data, off)
		return err
	case "truncate":
		return task.Truncate(a, op.size)
	case "mkdir":
		return task.Mkdir(a, 0o755)
	case "rmdir":
		return task.Rmdir(a)
	case "unlink":
		return task.Unlink(a)
	case "rename":
		return task.Rename(a, b)
	case "exchange":
		return task.Renameat2(linux.AT_FDCWD, a, linux.AT_FDCWD, b, linux.RENAME_EXCHANGE)
	case "link":
		return task.Link(a, b)
	case "symlink":
		return task.Symlink(op.b, a)
	case "chmod":
		return task.Chmod(a, op.mode)
	case "mknod":
		return task.Mknodat(linux.AT_FDCWD, a, linux.S_IFCHR|0o600, linux.Mkdev(op.mode, 300))
	case "manyfiles":
		if err := task.Mkdir(a, 0o755); err != nil && err != linux.EEXIST {
			return err
		}
		for i := range 60 {
			fd, err := task.Creat(fmt.Sprintf("%s/file-with-a-longish-name-%02d", a, i), 0o600)
			if err != nil {
				return err
			}
			task.Close(fd)
		}
		return nil
	}
	return nil
}

// snapshot describes the tree under root: names (sorted), types, modes,
// sizes, link counts, targets, contents' digests, device numbers.
func snapshot(t *testing.T, task *vfs.Task, root string) string {
	t.Helper()
	var b strings.Builder
	var walk func(rel string)
	walk = func(rel string) {
		names := readdirNames(t, task, root+rel)
		slices.Sort(names)
		for _, n := range names {
			if n == "." || n == ".." {
				continue
			}
			p := rel + "/" + n
			st, err := task.Lstat(root + p)
			must(t, err)
			fmt.Fprintf(&b, "%s %o %d", p, st.Mode, st.Nlink)
			switch st.Mode & linux.S_IFMT {
			case linux.S_IFREG:
				fmt.Fprintf(&b, " %d %x", st.Size, digest(readAll(t, task, root+p)))
			case linux.S_IFLNK:
				target, err := task.Readlink(root + p)
				must(t, err)
				fmt.Fprintf(&b, " -> %s", target)
			case linux.S_IFCHR:
				fmt.Fprintf(&b, " %d:%d", st.RdevMajor, st.RdevMinor)
			}
			b.WriteString("\n")
			if st.Mode&linux.S_IFMT == linux.S_IFDIR {
				walk(p)
			}
		}
	}
	walk("")
	return b.String()
}

func digest(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// lineDiff shows the lines only one side has.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

var _ = tmpfs.Type{}

// TestWriteAttributes: what the VFS changes by itself (owner, mode,
// times) reaches the disk at a read-only remount; a remount read-write
// writes again; the disk is clean after each.
func TestWriteAttributes(t *testing.T) {
	img := image(t, tree(t, true), "ext2", 4<<20, nil)
	_, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", "ext2", 0, ""))
	must(t, task.Chown("/mnt/top", 70000, 80001))
	must(t, task.Chmod("/mnt/top", 0o4711))
	ts := [2]vfs.Timespec{{Sec: 1e9, Nsec: 123456789}, {Sec: 1.1e9, Nsec: 987654321}}
	must(t, task.Utimensat(linux.AT_FDCWD, "/mnt/top", &ts, 0))
	must(t, task.Mount("", "/mnt", "", linux.MS_REMOUNT|linux.MS_RDONLY, ""))
	fsck(t, d.B)
	if err := task.Mkdir("/mnt/x", 0o755); err != linux.EROFS {
		t.Errorf("mkdir after remounting read-only: %v", err)
	}
	must(t, task.Mount("", "/mnt", "", linux.MS_REMOUNT, ""))
	must(t, task.Mkdir("/mnt/x", 0o755))
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	_, task2 := boot(t, d.B)
	must(t, task2.Mount("/dev/loop0", "/mnt", "ext2", linux.MS_RDONLY, ""))
	st, err := task2.Lstat("/mnt/top")
	must(t, err)
	if st.UID != 70000 || st.GID != 80001 || st.Mode != linux.S_IFREG|0o4711 || st.Atime != ts[0] || st.Mtime != ts[1] {
		t.Errorf("top: %+v", st)
	}
	if st, err := task2.Lstat("/mnt/x"); err != nil || st.Mode != linux.S_IFDIR|0o755 {
		t.Errorf("x: %+v %v", st, err)
	}
}

// TestWriteRefused: an image with what this writer does not handle
// (inline data, quotas) mounts read-only only: a read-write mount is
// EACCES, a remount read-write EROFS.
func TestWriteRefused(t *testing.T) {
	for _, feature := range []string{"inline_data", "quota"} {
		ty := "ext4"
		_, task := boot(t, small(t, ty, "-O", feature))
		if err := task.Mount("/dev/loop0", "/mnt", ty, 0, ""); err != linux.EACCES {
			t.Errorf("%s read-write: %v, want EACCES", ty, err)
		}
		must(t, task.Mount("/dev/loop0", "/mnt", ty, linux.MS_RDONLY, ""))
		if err := task.Mount("", "/mnt", "", linux.MS_REMOUNT, ""); err != linux.EROFS {
			t.Errorf("%s remount read-write: %v, want EROFS", ty, err)
		}
	}
}

// TestWriteFull: writing past the free space ends short with ENOSPC, and
// the image stays clean; on ext4, an extent tree that needs a block it
// cannot have leaves the file as it was.
func TestWriteFull(t *testing.T) {
	for _, ty := range []string{"ext2", "ext4"} {
		t.Run(ty, func(t *testing.T) { writeFull(t, ty) })
	}
}

func writeFull(t *testing.T, ty string) {
	img := image(t, tree(t, true), ty, 2<<20, []string{"-b", "1024"})
	_, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", ty, 0, ""))
	fd, err := task.Open("/mnt/fill", linux.O_WRONLY|linux.O_CREAT, 0o644)
	must(t, err)
	buf := make([]byte, 64<<10)
	total := 0
	for {
		n, err := task.Write(fd, buf)
		total += n
		if err == linux.ENOSPC {
			break
		}
		must(t, err)
	}
	task.Close(fd)
	if total == 0 || total > 2<<20 {
		t.Errorf("wrote %d bytes", total)
	}
	// With no block left, what needs one fails whole.
	if err := task.Mkdir("/mnt/nodir", 0o755); err != linux.ENOSPC {
		t.Errorf("mkdir on a full disk: %v", err)
	}
	if err := task.Symlink(strings.Repeat("s", 300), "/mnt/noslow"); err != linux.ENOSPC {
		t.Errorf("slow symlink on a full disk: %v", err)
	}
	for i := range 200 {
		fd, err := task.Creat(fmt.Sprintf("/mnt/d/empty-file-with-a-long-name-%03d", i), 0o644)
		if err != nil {
			if err != linux.ENOSPC {
				t.Errorf("creat %d: %v", i, err)
			}
			break
		}
		task.Close(fd)
	}
	if ty == "ext4" {
		fullTree(t, task)
	}
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	must(t, task.Mount("/dev/loop1", "/mnt", ty, 0, ""))
	must(t, task.Unlink("/mnt/fill"))
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
}

// fullTree frees the five blocks of two-blocks on a full disk and writes
// a block every other block: the fifth extent needs a leaf block for the
// tree, which there is not, so that write fails and the file keeps four.
func fullTree(t *testing.T, task *vfs.Task) {
	must(t, task.Unlink("/mnt/two-blocks"))
	fd, err := task.Open("/mnt/comb", linux.O_RDWR|linux.O_CREAT, 0o644)
	must(t, err)
	defer task.Close(fd)
	for i := range 4 {
		pwrite(t, task, fd, []byte("x"), int64(2*i)<<10)
	}
	if _, err := task.Pwrite(fd, []byte("x"), 8<<10); err != linux.ENOSPC {
		t.Errorf("the fifth extent: %v, want ENOSPC", err)
	}
	st, err := task.Fstat(fd)
	must(t, err)
	if st.Size != 6<<10+1 || st.Blocks != 8 {
		t.Errorf("comb: size %d, %d sectors", st.Size, st.Blocks)
	}
}

// TestWriteUnclean: an image left by a mount that never ended (a crash)
// says so to the next read-write mount, as ext4_setup_super warns, and
// keeps saying so after it, as the kernel leaves the state it found.
func TestWriteUnclean(t *testing.T) {
	img := image(t, tree(t, true), "ext2", 4<<20, nil)
	_, task, d := bootRW(t, img)
	must(t, task.Mount("/dev/loop1", "/mnt", "ext2", 0, ""))
	writeFile(t, task, "/mnt/new", []byte("data"))
	crashed := append([]byte(nil), d.B...)
	k2, task2, _ := bootRW(t, crashed)
	must(t, task2.Mount("/dev/loop1", "/mnt", "ext2", 0, ""))
	want := "EXT4-fs (loop0): warning: mounting unchecked fs, running e2fsck is recommended"
	if log := k2.Dmesg(); !slices.Contains(log, want) {
		t.Errorf("log %q lacks %q", log, want)
	}
	if got := readAll(t, task2, "/mnt/new"); string(got) != "data" {
		t.Errorf("new reads %q", got)
	}
}

// TestWriteNoUID32: with nouid32 an owner or group above 65535 is stored
// as sysctl fs.overflowuid or fs.overflowgid (fs_high2lowuid), not cut
// to its low 16 bits.
func TestWriteNoUID32(t *testing.T) {
	img := image(t, tree(t, true), "ext2", 4<<20, nil)
	k, task, d := bootRW(t, img)
	must(t, k.RegisterFilesystem(proc.Type{}))
	must(t, task.Mkdir("/p", 0o755))
	must(t, task.Mount("proc", "/p", "proc", 0, ""))
	fd, err := task.Open("/p/sys/fs/overflowgid", linux.O_WRONLY, 0)
	must(t, err)
	if _, err := task.Write(fd, []byte("4321\n")); err != nil {
		t.Fatal(err)
	}
	task.Close(fd)
	must(t, task.Mount("/dev/loop1", "/mnt", "ext2", 0, "nouid32"))
	must(t, task.Chown("/mnt/top", 70000, 80001))
	must(t, task.Chown("/mnt/d", 65535, 7))
	must(t, task.Umount("/mnt"))
	fsck(t, d.B)
	_, task2 := boot(t, d.B)
	must(t, task2.Mount("/dev/loop0", "/mnt", "ext2", linux.MS_RDONLY, ""))
	for name, want := range map[string][2]uint32{"/mnt/top": {65534, 4321}, "/mnt/d": {65535, 7}} {
		st, err := task2.Lstat(name)
		if err != nil || st.UID != want[0] || st.GID != want[1] {
			t.Errorf("%s: %d:%d %v, want %d:%d", name, st.UID, st.GID, err, want[0], want[1])
		}
	}
}
