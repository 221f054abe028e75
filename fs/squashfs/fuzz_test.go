// SPDX-License-Identifier: Apache-2.0

package squashfs_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	diskfs "github.com/diskfs/go-diskfs/filesystem/squashfs"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FuzzImage mounts arbitrary bytes as a squashfs image on a block device
// and, when the mount works, walks the whole tree: lists every directory,
// stats every entry, reads every link and file, then unmounts. Nothing may
// panic or hang; the mount may fail only as the kernel's does on a bad
// image (EINVAL, EIO), and the walk only with EIO; the disk is let go at
// the end.
func FuzzImage(f *testing.F) {
	// Seeds without the images' zero padding: the fuzzer mutates and
	// minimizes small inputs far faster.
	trim := func(b []byte) []byte { return bytes.TrimRight(b, "\x00") }
	f.Add(trim(buildImage(f)))
	f.Add(trim(buildImageWith(f, nil, nil)))
	f.Add(trim(buildImageWith(f, &diskfs.CompressorZstd{}, nil)))
	f.Add(trim(buildImageWith(f, &diskfs.CompressorXz{}, func(ws string) {
		must(f, os.MkdirAll(filepath.Join(ws, "a/b/c"), 0o755))
		must(f, os.Symlink("../../..", filepath.Join(ws, "a/b/c/up")))
	})))
	img, err := testimage.Squashfs(map[string]string{"top": "top file\n", "d/": ""}, time.Unix(0, 0))
	must(f, err)
	f.Add(img)
	f.Add(img[:96])
	f.Fuzz(func(t *testing.T, image []byte) {
		// A block device holds whole 512-byte sectors.
		image = append(image, make([]byte, -len(image)&511)...)
		k, task := boot(t, image)
		watchdog(t, 20*time.Second, func() { mountAndWalk(t, task) })
		if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
			t.Fatalf("%d openers of the disk after umount", n)
		}
	})
}

func mountAndWalk(t *testing.T, task *vfs.Task) {
	err := task.Mount("/dev/loop0", "/mnt", "squashfs", linux.MS_RDONLY, "")
	if err != nil {
		if err != linux.EINVAL && err != linux.EIO {
			t.Fatalf("mount: %v", err)
		}
		return
	}
	w := walker{t: t, task: task, budget: 2000, bytes: 4 << 20}
	w.dir("/mnt", 0)
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount: %v", err)
	}
}

// walker visits a tree within a budget of entries and bytes, so that an
// image whose directories loop still ends.
type walker struct {
	t      *testing.T
	task   *vfs.Task
	budget int
	bytes  int
}

// ok fails the test on any error but those a bad image gives: EIO for
// metadata that does not decompress or lies outside the image, EINVAL for
// an inode of unknown type or with an owner outside the id table (as
// squashfs_read_inode and squashfs_get_id answer on Linux).
func (w *walker) ok(what string, err error) bool {
	if err == nil {
		return true
	}
	if err != linux.EIO && err != linux.EINVAL {
		w.t.Fatalf("%s: %v", what, err)
	}
	return false
}

func (w *walker) dir(path string, depth int) {
	fd, err := w.task.Open(path, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if !w.ok("open "+path, err) {
		return
	}
	defer w.task.Close(fd)
	for w.budget > 0 {
		ents, err := w.task.Getdents(fd, 64)
		if !w.ok("getdents "+path, err) || len(ents) == 0 {
			return
		}
		for _, e := range ents {
			if w.budget--; w.budget <= 0 {
				return
			}
			if e.Name != "." && e.Name != ".." {
				w.entry(path+"/"+e.Name, depth)
			}
		}
	}
}

func (w *walker) entry(path string, depth int) {
	st, err := w.task.Lstat(path)
	if errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENAMETOOLONG) {
		return // a name the listing gave that lookup does not find
	}
	if !w.ok("lstat "+path, err) {
		return
	}
	switch st.Mode & linux.S_IFMT {
	case linux.S_IFDIR:
		if depth < 16 {
			w.dir(path, depth+1)
		}
	case linux.S_IFLNK:
		_, err := w.task.Readlink(path)
		w.ok("readlink "+path, err)
	case linux.S_IFREG:
		w.read(path)
	}
}

func (w *walker) read(path string) {
	fd, err := w.task.Open(path, linux.O_RDONLY|linux.O_NOFOLLOW, 0)
	if !w.ok("open "+path, err) {
		return
	}
	defer w.task.Close(fd)
	buf := make([]byte, 8192)
	for w.bytes > 0 {
		n, err := w.task.Read(fd, buf)
		if !w.ok("read "+path, err) || n == 0 {
			return
		}
		w.bytes -= n
	}
}

// watchdog runs fn and, if it has not returned after d, crashes the test
// binary with every goroutine's stack (fuzzing then keeps the input).
func watchdog(t *testing.T, d time.Duration, fn func()) {
	timer := time.AfterFunc(d, func() {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		panic(fmt.Sprintf("%s: timed out after %v\n%s", t.Name(), d, buf))
	})
	defer timer.Stop()
	fn()
}
