// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"fmt"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// depths are the numbers of path components stat resolves.
var depths = []int{1, 4, 16, 64}

// maxDepth is the deepest path: the tree is a chain of maxDepth-1
// directories named "d", each (and the tree root) holding a file "f".
var maxDepth = depths[len(depths)-1]

// relPath is the path with n components below the tree root:
// "d/d/.../d/f" with n-1 directories.
func relPath(n int) string {
	return strings.Repeat("d/", n-1) + "f"
}

// linuxvfsTree is the tree in a linuxvfs kernel: rooted at /bench in a
// tmpfs rootfs, with dirfd an open descriptor of /bench in task.
type linuxvfsTree struct {
	task  *vfs.Task
	dirfd int
}

const linuxvfsRoot = "/bench"

func newLinuxvfsTree(tb testing.TB) *linuxvfsTree {
	tb.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		tb.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		tb.Fatal(err)
	}
	dir := linuxvfsRoot
	for i := 0; ; i++ {
		if err := task.Mkdir(dir, 0o755); err != nil {
			tb.Fatalf("mkdir %s: %v", dir, err)
		}
		fd, err := task.Creat(dir+"/f", 0o644)
		if err != nil {
			tb.Fatalf("creat %s/f: %v", dir, err)
		}
		if err := task.Close(fd); err != nil {
			tb.Fatal(err)
		}
		if i == maxDepth-1 {
			break
		}
		dir += "/d"
	}
	fd, err := task.Openat(linux.AT_FDCWD, linuxvfsRoot, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		tb.Fatalf("open %s: %v", linuxvfsRoot, err)
	}
	tb.Cleanup(func() { task.Close(fd) })
	return &linuxvfsTree{task: task, dirfd: fd}
}

// check verifies once that every benchmarked path names a regular file.
func (tr *linuxvfsTree) check(tb testing.TB) {
	tb.Helper()
	var st vfs.Statx
	for _, n := range depths {
		if err := tr.task.Statx(tr.dirfd, relPath(n), 0, &st); err != nil {
			tb.Fatalf("linuxvfs statx depth %d: %v", n, err)
		}
		if st.Mode&linux.S_IFMT != linux.S_IFREG {
			tb.Fatalf("linuxvfs statx depth %d: mode %#o, want a regular file", n, st.Mode)
		}
	}
}

// hostTree is the same tree in a tmpfs mounted by the benchmark; dirfd is
// an O_PATH descriptor of the mount root.
type hostTree struct {
	dirfd int
}

// newHostTree mounts a tmpfs on a temporary directory and builds the tree
// in it. When that is not possible (not root, mount refused) it returns
// nil and the reason, for the kernel rows to skip with.
func newHostTree(tb testing.TB) (*hostTree, string) {
	tb.Helper()
	if os.Geteuid() != 0 {
		return nil, "mounting a tmpfs needs root"
	}
	mnt := tb.TempDir()
	if err := unix.Mount("tmpfs", mnt, "tmpfs", 0, "size=16m,mode=0755"); err != nil {
		return nil, fmt.Sprintf("mount tmpfs on %s: %v", mnt, err)
	}
	// Cleanups run last-in first-out: unmount before TempDir removes mnt.
	tb.Cleanup(func() {
		if err := unix.Unmount(mnt, unix.MNT_DETACH); err != nil {
			tb.Errorf("unmount %s: %v", mnt, err)
		}
	})
	dir := mnt
	for i := 0; i < maxDepth; i++ {
		if i > 0 {
			dir += "/d"
			if err := os.Mkdir(dir, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
		if err := os.WriteFile(dir+"/f", nil, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	fd, err := unix.Open(mnt, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { unix.Close(fd) })
	var st unix.Stat_t
	for _, n := range depths {
		if err := unix.Fstatat(fd, relPath(n), &st, 0); err != nil {
			tb.Fatalf("fstatat depth %d: %v", n, err)
		}
		if st.Mode&unix.S_IFMT != unix.S_IFREG {
			tb.Fatalf("fstatat depth %d: mode %#o, want a regular file", n, st.Mode)
		}
	}
	return &hostTree{dirfd: fd}, ""
}

// newAferoTree builds the tree in an afero.MemMapFs. MemMapFs has no
// descriptors, so its paths are absolute: "/d/.../d/f" with the same n
// components.
func newAferoTree(tb testing.TB) afero.Fs {
	tb.Helper()
	fs := afero.NewMemMapFs()
	if err := fs.MkdirAll("/"+strings.Repeat("d/", maxDepth-1), 0o755); err != nil {
		tb.Fatal(err)
	}
	dir := "/"
	for i := 0; i < maxDepth; i++ {
		if err := afero.WriteFile(fs, path.Join(dir, "f"), nil, 0o644); err != nil {
			tb.Fatal(err)
		}
		dir = path.Join(dir, "d")
	}
	for _, n := range depths {
		fi, err := fs.Stat("/" + relPath(n))
		if err != nil {
			tb.Fatalf("afero stat depth %d: %v", n, err)
		}
		if !fi.Mode().IsRegular() {
			tb.Fatalf("afero stat depth %d: mode %v, want a regular file", n, fi.Mode())
		}
	}
	return fs
}

// BenchmarkStat compares stat of a file n path components below a
// directory: linuxvfs (statx with a dirfd, as fstatat(2)), the host
// kernel (fstatat(2) on a real tmpfs, root only) and afero's MemMapFs.
func BenchmarkStat(b *testing.B) {
	lv := newLinuxvfsTree(b)
	lv.check(b)
	af := newAferoTree(b)
	host, hostSkip := newHostTree(b)
	for _, n := range depths {
		name := relPath(n)
		abs := "/" + name
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) {
			b.Run("impl=linuxvfs", func(b *testing.B) {
				var st vfs.Statx
				b.ReportAllocs()
				for b.Loop() {
					if err := lv.task.Statx(lv.dirfd, name, 0, &st); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("impl=kernel", func(b *testing.B) {
				if host == nil {
					b.Skip(hostSkip)
				}
				var st unix.Stat_t
				b.ReportAllocs()
				for b.Loop() {
					if err := unix.Fstatat(host.dirfd, name, &st, 0); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("impl=afero", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := af.Stat(abs); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// TestStatNoAllocs asserts that a linuxvfs stat, from a dirfd and from the
// working directory, allocates nothing at any depth.
func TestStatNoAllocs(t *testing.T) {
	lv := newLinuxvfsTree(t)
	lv.check(t)
	var st vfs.Statx
	for _, n := range depths {
		name := relPath(n)
		allocs := testing.AllocsPerRun(100, func() {
			if err := lv.task.Statx(lv.dirfd, name, 0, &st); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("Statx(dirfd, %d components): %v allocs/op, want 0", n, allocs)
		}
		abs := linuxvfsRoot + "/" + name
		allocs = testing.AllocsPerRun(100, func() {
			if err := lv.task.Statx(linux.AT_FDCWD, abs, 0, &st); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("Statx(AT_FDCWD, %q): %v allocs/op, want 0", abs, allocs)
		}
	}
}
