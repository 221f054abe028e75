// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The image benchmarks (issue 12, item 8) make one image of each type
// linuxvfs reads from the same generated tree, and walk it mounted from a
// loop device: in linuxvfs, and in the host kernel inside a mount
// namespace of the benchmark's own thread.

// Shape of the generated tree: treeTop directories of treeSub
// directories, each holding treeFiles files and treeLinks symlinks.
const (
	treeTop   = 12
	treeSub   = 12
	treeFiles = 20
	treeLinks = 2
)

// treeEntries is how many names the tree holds below its root.
const treeEntries = treeTop * (1 + treeSub*(1+treeFiles+treeLinks))

// treeTime dates every entry, so that images depend on the tree only.
var treeTime = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

// writeTree writes the generated tree into dir: 12 × 12 directories of
// 20 files (0 to about 2 KiB, names of 5 to 37 characters) and 2
// relative symlinks to files beside them, 3 324 names in all.
func writeTree(dir string) error {
	var dirs []string
	for i := range treeTop {
		top := filepath.Join(dir, fmt.Sprintf("d%02d", i))
		dirs = append(dirs, top)
		for j := range treeSub {
			sub := filepath.Join(top, fmt.Sprintf("sub%02d", j))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
			if err := writeLeaf(sub, i*treeSub+j); err != nil {
				return err
			}
			dirs = append(dirs, sub)
		}
	}
	// Deepest first, so that making a child does not move its parent's time.
	for k := len(dirs) - 1; k >= 0; k-- {
		if err := os.Chtimes(dirs[k], treeTime, treeTime); err != nil {
			return err
		}
	}
	return os.Chtimes(dir, treeTime, treeTime)
}

// writeLeaf fills one bottom directory, seed varying its sizes.
func writeLeaf(sub string, seed int) error {
	for f := range treeFiles {
		name := fmt.Sprintf("f%03d-%s", f, strings.Repeat("x", (seed+f*7)%33))
		data := []byte(strings.Repeat(fmt.Sprintf("%s %d\n", name, seed), (seed*13+f*29)%48))
		p := filepath.Join(sub, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		if err := os.Chtimes(p, treeTime, treeTime); err != nil {
			return err
		}
	}
	for l := range treeLinks {
		target := fmt.Sprintf("f%03d-%s", l, strings.Repeat("x", (seed+l*7)%33))
		p := filepath.Join(sub, fmt.Sprintf("link%d", l))
		if err := os.Symlink(target, p); err != nil {
			return err
		}
		ts := []unix.Timespec{unix.NsecToTimespec(treeTime.UnixNano()), unix.NsecToTimespec(treeTime.UnixNano())}
		if err := unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return err
		}
	}
	return nil
}

// imageKind is one image type: the filesystem type to mount and how to
// make the image from a tree.
type imageKind struct {
	name   string // the benchmark's name for it
	fsType string
	make   func(tree, img string) error
	// extra is how many names the tool adds (ext's lost+found).
	extra int
}

// imageKinds are the image types linuxvfs reads.
var imageKinds = []imageKind{
	{name: "ext2", fsType: "ext2", make: mkExt("ext2"), extra: 1},
	{name: "ext4", fsType: "ext4", make: mkExt("ext4"), extra: 1},
	{name: "squashfs-gzip", fsType: "squashfs", make: mkSquashfs("gzip")},
	{name: "squashfs-lz4", fsType: "squashfs", make: mkSquashfs("lz4")},
	{name: "squashfs-zstd", fsType: "squashfs", make: mkSquashfs("zstd")},
	{name: "vfat", fsType: "vfat", make: mkVfat},
	{name: "iso9660", fsType: "iso9660", make: mkTool("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-o", "IMG", "TREE")},
	{name: "romfs", fsType: "romfs", make: mkTool("genromfs", "-f", "IMG", "-d", "TREE", "-V", "bench")},
}

// mkTool runs a tool that makes an image from a tree, IMG and TREE in
// args standing for the paths.
func mkTool(tool string, args ...string) func(tree, img string) error {
	return func(tree, img string) error {
		path, err := exec.LookPath(tool)
		if err != nil {
			return fmt.Errorf("%s: %w", tool, errSkip)
		}
		argv := make([]string, len(args))
		for i, a := range args {
			argv[i] = strings.NewReplacer("IMG", img, "TREE", tree).Replace(a)
		}
		if out, err := exec.Command(path, argv...).CombinedOutput(); err != nil {
			return fmt.Errorf("%s %v: %v\n%s", tool, argv, err, out)
		}
		return nil
	}
}

func mkExt(fsType string) func(tree, img string) error {
	return func(tree, img string) error {
		data, err := testimage.Ext(fsType, tree, 32<<20)
		if err != nil {
			return err
		}
		return os.WriteFile(img, data, 0o644)
	}
}

// errSkip marks a missing tool: the benchmark skips.
var errSkip = errors.New("tool not installed")

func mkSquashfs(comp string) func(tree, img string) error {
	return func(tree, img string) error {
		tool, err := exec.LookPath("mksquashfs")
		if err != nil {
			return fmt.Errorf("mksquashfs: %w", errSkip)
		}
		cmd := exec.Command(tool, tree, img, "-comp", comp, "-noappend", "-quiet", "-no-progress", "-processors", "1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("mksquashfs -comp %s: %v\n%s", comp, err, out)
		}
		return nil
	}
}

// mkVfat copies the tree into a 16 MiB FAT image with mtools' mcopy -s,
// which follows the symlinks.
func mkVfat(tree, img string) error {
	var tops []string
	for i := range treeTop {
		tops = append(tops, fmt.Sprintf("d%02d", i))
	}
	data, err := testimage.Fat(tree, 16<<10, nil, append([]string{"mcopy", "-s", "-m"}, append(tops, "::/")...))
	if errors.Is(err, testimage.ErrNoMkfsVfat) {
		return fmt.Errorf("%v: %w", err, errSkip)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(img, data, 0o644)
}

// benchImages makes the tree once per test binary and each image from it
// on first use.
var benchImages = struct {
	tree string
	imgs map[string]string
}{imgs: map[string]string{}}

// imagePath returns the image of kind k, made once; it skips tb when a
// tool is missing.
func imagePath(tb testing.TB, k imageKind) string {
	tb.Helper()
	if p, ok := benchImages.imgs[k.name]; ok {
		return p
	}
	if benchImages.tree == "" {
		dir, err := os.MkdirTemp("", "bench-tree-")
		if err != nil {
			tb.Fatal(err)
		}
		if err := writeTree(dir); err != nil {
			tb.Fatal(err)
		}
		benchImages.tree = dir
	}
	img := filepath.Join(filepath.Dir(benchImages.tree), filepath.Base(benchImages.tree)+"."+k.name)
	if err := k.make(benchImages.tree, img); errors.Is(err, errSkip) || errors.Is(err, testimage.ErrNoMke2fs) {
		tb.Skip(err)
	} else if err != nil {
		tb.Fatal(err)
	}
	benchImages.imgs[k.name] = img
	return img
}

// removeBenchImages deletes what imagePath made; TestMain calls it.
func removeBenchImages() {
	for _, p := range benchImages.imgs {
		os.Remove(p)
	}
	if benchImages.tree != "" {
		os.RemoveAll(benchImages.tree)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	removeBenchImages()
	os.Exit(code)
}

// hostHasFS reports whether the host kernel has the filesystem type.
func hostHasFS(fsType string) bool {
	data, err := os.ReadFile("/proc/filesystems")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(strings.TrimPrefix(line, "nodev")) == fsType {
			return true
		}
	}
	return false
}

// hostLoopMount is mount -o loop,ro on the calling thread (whose mount
// namespace it is): the image bound to a loop device, mounted read-only
// on dir. The device goes with the umount.
func hostLoopMount(img, dir, fsType string) error {
	lfd, dev, err := hostLoopBind(img)
	if err != nil {
		return err
	}
	defer unix.Close(lfd)
	return unix.Mount(dev, dir, fsType, unix.MS_RDONLY, "")
}

// hostLoopAttach is hostLoopBind for a benchmark, which fails on an
// error (and skips where the host has no loop devices).
func hostLoopAttach(tb testing.TB, img string) (int, string) {
	lfd, dev, err := hostLoopBind(img)
	skipOrFail(tb, err)
	return lfd, dev
}

// skipOrFail skips tb on an error that says a tool or device is missing,
// and fails it on any other.
func skipOrFail(tb testing.TB, err error) {
	tb.Helper()
	if errors.Is(err, errSkip) {
		tb.Skip(err)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// hostLoopBind binds img to a free loop device, read-only and cleared
// when its last user goes (the returned descriptor, then a mount of it).
func hostLoopBind(img string) (lfd int, dev string, err error) {
	ctl, err := unix.Open("/dev/loop-control", unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, "", fmt.Errorf("no loop devices here (%v): %w", err, errSkip)
	}
	defer unix.Close(ctl)
	file, err := unix.Open(img, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, "", err
	}
	defer unix.Close(file)
	// Other processes take loop devices too: a device taken between
	// GET_FREE and LOOP_CONFIGURE answers EBUSY, and the next one is tried.
	for try := 0; ; try++ {
		n, err := unix.IoctlRetInt(ctl, unix.LOOP_CTL_GET_FREE)
		if err != nil {
			return -1, "", err
		}
		dev = fmt.Sprintf("/dev/loop%d", n)
		lfd, err := openLoop(dev)
		if err != nil {
			return -1, "", err
		}
		cfg := unix.LoopConfig{Fd: uint32(file)}
		cfg.Info.Flags = unix.LO_FLAGS_READ_ONLY | unix.LO_FLAGS_AUTOCLEAR
		err = unix.IoctlLoopConfigure(lfd, &cfg)
		if err == nil {
			return lfd, dev, nil
		}
		unix.Close(lfd)
		if err != unix.EBUSY || try == 20 {
			return -1, "", err
		}
	}
}

// openLoop opens a loop device node, waiting for devtmpfs to make it.
func openLoop(dev string) (int, error) {
	for wait := 0; ; wait++ {
		fd, err := unix.Open(dev, unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != unix.ENOENT || wait == 100 {
			return fd, err
		}
		time.Sleep(time.Millisecond)
	}
}

// taskLoopMount is hostLoopMount in linuxvfs; it skips tb when linuxvfs
// has no such filesystem type (yet).
func taskLoopMount(tb testing.TB, t *vfs.Task, file, dir, fsType string) {
	tb.Helper()
	lfd, dev, err := taskLoopBind(t, file)
	mustDo(tb, err)
	defer t.Close(lfd)
	taskMount(tb, t, dev, dir, fsType)
}

// taskMount mounts dev read-only on dir, skipping tb on ENODEV.
func taskMount(tb testing.TB, t *vfs.Task, dev, dir, fsType string) {
	err := t.Mount(dev, dir, fsType, linux.MS_RDONLY, "")
	if errors.Is(err, linux.ENODEV) {
		tb.Skipf("linuxvfs has no %s", fsType)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// taskLoopAttach is taskLoopBind for a benchmark.
func taskLoopAttach(tb testing.TB, t *vfs.Task, file string) (int, string) {
	lfd, dev, err := taskLoopBind(t, file)
	mustDo(tb, err)
	return lfd, dev
}

// taskLoopBind is hostLoopBind in linuxvfs: LOOP_CONFIGURE of a free
// device, read-only and autoclear.
func taskLoopBind(t *vfs.Task, file string) (lfd int, dev string, err error) {
	ctl, err := t.Open("/dev/loop-control", linux.O_RDWR, 0)
	if err != nil {
		return -1, "", err
	}
	defer t.Close(ctl)
	n, err := t.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
	if err != nil {
		return -1, "", err
	}
	dev = fmt.Sprintf("/dev/loop%d", n)
	if lfd, err = t.Open(dev, linux.O_RDWR, 0); err != nil {
		return -1, "", err
	}
	ffd, err := t.Open(file, linux.O_RDONLY, 0)
	if err != nil {
		t.Close(lfd)
		return -1, "", err
	}
	defer t.Close(ffd)
	cfg := loop.Config{Fd: ffd, Info: loop.Info{Flags: linux.LO_FLAGS_READ_ONLY | linux.LO_FLAGS_AUTOCLEAR}}
	if _, err := t.Ioctl(lfd, linux.LOOP_CONFIGURE, &cfg); err != nil {
		t.Close(lfd)
		return -1, "", err
	}
	return lfd, dev, nil
}
