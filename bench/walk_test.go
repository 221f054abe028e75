// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// entry is what a walk saw of one name: its lstat.
type entry struct {
	path        string
	mode        uint32
	size        int64
	nlink       uint32
	uid, gid    uint32
	mtime       int64
	isDir, isLn bool
}

func (e entry) String() string {
	return fmt.Sprintf("%s mode=%o size=%d nlink=%d owner=%d:%d mtime=%d", e.path, e.mode, e.size, e.nlink, e.uid, e.gid, e.mtime)
}

// visitFunc receives each entry of a walk; nil in the benchmarks.
type visitFunc func(entry)

// The walks are `find DIR` with the same system calls on both sides: for
// each directory openat, getdents64 until it returns nothing, close, then
// lstat of every name in it and the same for each subdirectory. Errors
// are checked without t.Helper, whose cost would be counted.

// walkTask is the walk in linuxvfs.
func walkTask(tb testing.TB, t *vfs.Task, dir string, visit visitFunc) int {
	fd, err := t.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	var ents []vfs.Dirent
	for {
		more, err := t.Getdents(fd, 0)
		if err != nil {
			tb.Fatal(err)
		}
		if len(more) == 0 {
			break
		}
		ents = append(ents, more...)
	}
	t.Close(fd)
	n := 0
	for _, e := range ents {
		if e.Name == "." || e.Name == ".." {
			continue
		}
		p := dir + "/" + e.Name
		st, err := t.Lstat(p)
		if err != nil {
			tb.Fatal(err)
		}
		n++
		isDir := st.Mode&linux.S_IFMT == linux.S_IFDIR
		if visit != nil {
			visit(entry{p, uint32(st.Mode), st.Size, st.Nlink, st.UID, st.GID, st.Mtime.Sec, isDir, st.Mode&linux.S_IFMT == linux.S_IFLNK})
		}
		if isDir {
			n += walkTask(tb, t, p, visit)
		}
	}
	return n
}

// walkHost is the walk in the host kernel, buf the getdents64 buffer
// (unix.ParseDirent leaves out "." and "..").
func walkHost(tb testing.TB, dir string, visit visitFunc) int {
	return walkHostBuf(tb, dir, make([]byte, 32<<10), visit)
}

func walkHostBuf(tb testing.TB, dir string, buf []byte, visit visitFunc) int {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for {
		m, err := unix.Getdents(fd, buf)
		if err != nil {
			tb.Fatal(err)
		}
		if m == 0 {
			break
		}
		_, _, names = unix.ParseDirent(buf[:m], -1, names)
	}
	unix.Close(fd)
	n := 0
	for _, name := range names {
		p := dir + "/" + name
		var st unix.Stat_t
		if err := unix.Lstat(p, &st); err != nil {
			tb.Fatal(err)
		}
		n++
		isDir := st.Mode&unix.S_IFMT == unix.S_IFDIR
		if visit != nil {
			visit(entry{p, st.Mode, st.Size, uint32(st.Nlink), st.Uid, st.Gid, st.Mtim.Sec, isDir, st.Mode&unix.S_IFMT == unix.S_IFLNK})
		}
		if isDir {
			n += walkHostBuf(tb, p, buf, visit)
		}
	}
	return n
}

// taskWithImage boots a small linuxvfs system, copies the image at img
// into its /tmp (a tmpfs, as the host side's image is on one) and makes
// the mountpoint /m.
func taskWithImage(tb testing.TB, img string) *vfs.Task {
	tb.Helper()
	t, err := linuxvfs.Boot()
	mustDo(tb, err)
	tb.Cleanup(t.Exit)
	data, err := os.ReadFile(img)
	mustDo(tb, err)
	writeTaskFile(tb, t, "/tmp/img", data)
	mustDo(tb, t.Mkdir("/m", 0o755))
	return t
}

// hostWithImage gives the calling goroutine's thread, locked to it for
// good, its own mount namespace with a tmpfs on /mnt (newKernelNS), copies
// the image there and makes the mountpoint /mnt/m. The namespace, and the
// mounts and loop devices in it, go away with the thread.
func hostWithImage(tb testing.TB, k imageKind, img string) {
	tb.Helper()
	if !hostHasFS(k.fsType) {
		tb.Skipf("the host kernel has no %s", k.fsType)
	}
	// The loop device it will attach shows in every `losetup -a` on the
	// machine: exclusive kernel scenarios (block/001) wait for it.
	release, err := kerneltest.Share(context.Background())
	mustDo(tb, err)
	tb.Cleanup(release)
	newKernelNS(tb, 0)
	// Cleanups run last first: the image's loop device is gone before the
	// lock is let go (autoclear frees it after the umount, not at once).
	tb.Cleanup(func() { detachHostImage("/mnt/m", "/mnt/img") })
	data, err := os.ReadFile(img)
	mustDo(tb, err)
	mustDo(tb, os.WriteFile("/mnt/img", data, 0o644))
	mustDo(tb, os.Mkdir("/mnt/m", 0o755))
}

// BenchmarkImageWalk walks each image type (the same tree of 3 324 names)
// mounted from a loop device, as `find` does: linuxvfs, and the host
// kernel on the same image in a mount namespace of its own.
//
//   - warm: the tree walked once already, so both serve it from their
//     caches (dentries and inodes; the kernel's page cache of the loop
//     device, linuxvfs's of the image).
//   - cold: a fresh mount each iteration; the time is the mount and the
//     first walk (the loop device is bound before the timer starts, and the
//     umount that frees it comes after it stops). Both sides have the image
//     file in memory (a tmpfs); no cache of the filesystem is warm.
func BenchmarkImageWalk(b *testing.B) {
	for _, k := range imageKinds {
		b.Run(k.name+"/warm/linuxvfs", func(b *testing.B) {
			t := taskWithImage(b, imagePath(b, k))
			taskLoopMount(b, t, "/tmp/img", "/m", k.fsType)
			walkTask(b, t, "/m", nil)
			timeWalks(b, func() { walkTask(b, t, "/m", nil) })
		})
		b.Run(k.name+"/warm/kernel", func(b *testing.B) {
			hostWithImage(b, k, imagePath(b, k))
			skipOrFail(b, hostLoopMount("/mnt/img", "/mnt/m", k.fsType))
			walkHost(b, "/mnt/m", nil)
			timeWalks(b, func() { walkHost(b, "/mnt/m", nil) })
		})
		b.Run(k.name+"/cold/linuxvfs", func(b *testing.B) {
			t := taskWithImage(b, imagePath(b, k))
			b.ReportAllocs()
			c := newCPUTimer(b)
			for range b.N {
				coldWalkTask(b, c, t, k.fsType)
			}
			c.report(0, "")
		})
		b.Run(k.name+"/cold/kernel", func(b *testing.B) {
			hostWithImage(b, k, imagePath(b, k))
			b.ReportAllocs()
			c := newCPUTimer(b)
			for range b.N {
				coldWalkHost(b, c, k.fsType)
			}
			c.report(0, "")
		})
	}
}

// timeWalks runs walk b.N times, timed, with the CPU time as cpu-ns/op:
// on a shared machine the wall time also counts waiting for a core.
func timeWalks(b *testing.B, walk func()) {
	b.ReportAllocs()
	c := newCPUTimer(b)
	c.start()
	for range b.N {
		walk()
	}
	c.stop()
	c.report(0, "")
}

// coldWalkTask mounts the image afresh, walks it and unmounts it, the
// timers running for the mount and the walk.
func coldWalkTask(b *testing.B, c *cpuTimer, t *vfs.Task, fsType string) {
	lfd, dev := taskLoopAttach(b, t, "/tmp/img")
	c.start()
	taskMount(b, t, dev, "/m", fsType)
	walkTask(b, t, "/m", nil)
	c.stop()
	t.Close(lfd)
	mustDo(b, t.Umount2("/m", 0))
}

// coldWalkHost is coldWalkTask in the host kernel. The loop device reads
// its file in the kernel's worker threads, whose CPU time cpu-ns/op does
// not count.
func coldWalkHost(b *testing.B, c *cpuTimer, fsType string) {
	lfd, dev := hostLoopAttach(b, "/mnt/img")
	c.start()
	mustDo(b, unix.Mount(dev, "/mnt/m", fsType, unix.MS_RDONLY, ""))
	walkHost(b, "/mnt/m", nil)
	c.stop()
	unix.Close(lfd)
	mustDo(b, unix.Unmount("/mnt/m", 0))
}

// TestImageWalk runs each walk of BenchmarkImageWalk once, untimed, and
// checks what it saw: every name of the tree, and where the host kernel
// has the filesystem, the same lstat of every name as the kernel on the
// same image (cold, then warm: the caches change nothing).
func TestImageWalk(t *testing.T) {
	for _, k := range imageKinds {
		t.Run(k.name, func(t *testing.T) {
			img := imagePath(t, k)
			task := taskWithImage(t, img)
			taskLoopMount(t, task, "/tmp/img", "/m", k.fsType)
			ours := collect(t, func(v visitFunc) int { return walkTask(t, task, "/m", v) }, "/m")
			if len(ours) != treeEntries+k.extra {
				t.Fatalf("linuxvfs walked %d names of %s, want %d", len(ours), k.name, treeEntries+k.extra)
			}
			if again := collect(t, func(v visitFunc) int { return walkTask(t, task, "/m", v) }, "/m"); !slices.Equal(again, ours) {
				t.Fatal("the second walk differs from the first")
			}
			if !hostHasFS(k.fsType) || os.Geteuid() != 0 {
				checkAgainstTree(t, ours)
				return
			}
			theirs := hostCollect(t, k, img)
			if theirs == nil { // the kernel's side skipped
				checkAgainstTree(t, ours)
				return
			}
			if !slices.Equal(ours, theirs) {
				for i := range min(len(ours), len(theirs)) {
					if ours[i] != theirs[i] {
						t.Fatalf("first difference:\nlinuxvfs %s\nkernel   %s", ours[i], theirs[i])
					}
				}
				t.Fatalf("linuxvfs saw %d names, the kernel %d", len(ours), len(theirs))
			}
		})
	}
}

// collect walks with f and returns the entries, paths made relative to
// root, sorted.
func collect(t *testing.T, f func(visitFunc) int, root string) []entry {
	var all []entry
	n := f(func(e entry) {
		e.path = e.path[len(root):]
		all = append(all, e)
	})
	if n != len(all) {
		t.Fatalf("walk counted %d, visited %d", n, len(all))
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.path, b.path) })
	return all
}

// hostCollect walks the image in the host kernel, on a thread of its own
// in a mount namespace of its own.
func hostCollect(t *testing.T, k imageKind, img string) []entry {
	var out []entry
	t.Run("kernel", func(t *testing.T) {
		hostWithImage(t, k, img)
		skipOrFail(t, hostLoopMount("/mnt/img", "/mnt/m", k.fsType))
		out = collect(t, func(v visitFunc) int { return walkHost(t, "/mnt/m", v) }, "/mnt/m")
	})
	return out
}

// checkAgainstTree compares a walk with the tree it was made from, where
// the host kernel cannot mount the image: the same names, kinds and file
// sizes (symlinks as their targets, for formats without them).
func checkAgainstTree(t *testing.T, ours []entry) {
	type seen struct {
		isDir bool
		size  int64
	}
	want := map[string]seen{}
	links := map[string]int64{}
	walkHost(t, benchImages.tree, func(e entry) {
		st, err := os.Stat(e.path)
		mustDo(t, err)
		p := e.path[len(benchImages.tree):]
		want[p] = seen{st.IsDir(), st.Size()}
		if e.isLn {
			links[p] = e.size
		}
	})
	for _, e := range ours {
		w, ok := want[e.path]
		if size, isLink := links[e.path]; isLink && e.isLn {
			w.size = size // the format has symlinks
		}
		if !ok {
			continue // lost+found and the like: the counts say how many
		}
		if w.isDir != e.isDir || !w.isDir && w.size != e.size {
			t.Errorf("%s: linuxvfs %s, the tree has dir=%v size=%d", e.path, e, w.isDir, w.size)
		}
		delete(want, e.path)
	}
	for p := range want {
		t.Errorf("%s: not in the image", p)
	}
}

func mustDo(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func writeTaskFile(tb testing.TB, t *vfs.Task, name string, data []byte) {
	fd, err := t.Open(name, linux.O_WRONLY|linux.O_CREAT, 0o644)
	mustDo(tb, err)
	defer t.Close(fd)
	if _, err := t.Write(fd, data); err != nil {
		tb.Fatal(err)
	}
}

// detachHostImage unmounts dir on the calling thread and waits, for a
// while, until no loop device is backed by img any more.
func detachHostImage(dir, img string) {
	_ = unix.Unmount(dir, 0)
	for i := 0; i < 1000 && hostLoopBacks(img); i++ {
		time.Sleep(10 * time.Millisecond)
	}
}

// hostLoopBacks reports whether some loop device's backing file is img.
func hostLoopBacks(img string) bool {
	files, _ := filepath.Glob("/sys/block/loop*/loop/backing_file")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.TrimSpace(string(b)) == img {
			return true
		}
	}
	return false
}
