// SPDX-License-Identifier: Apache-2.0

package ext4_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/fswalk"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FuzzExt4Image mounts arbitrary bytes as an ext4 image on a block device
// and, when the mount works, walks the whole tree: lists every directory,
// stats every entry, reads every link and file, then unmounts. Nothing may
// panic or hang; the mount may fail only as the kernel's does on a bad
// image, the walk only as reads of corrupt metadata do; the disk is let go
// at the end. The seeds are small images mke2fs makes of a small tree
// (none where mke2fs is missing).
func FuzzExt4Image(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, image []byte) {
		// A block device holds whole 512-byte sectors.
		image = append(image, make([]byte, -len(image)&511)...)
		for _, as := range []string{"ext4", "ext2"} {
			k, task := boot(t, image)
			fswalk.Watchdog(t, 20*time.Second, func() { mountAndWalk(t, task, as) })
			if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
				t.Fatalf("%d openers of the disk after umount", n)
			}
		}
	})
}

// fuzzSeeds makes the seed images: 64 KiB to 128 KiB, with and without
// extents, inline data and dir_index.
func fuzzSeeds(f *testing.F) [][]byte {
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		return nil
	}
	dir := f.TempDir()
	must(f, os.MkdirAll(filepath.Join(dir, "d/e"), 0o755))
	must(f, os.WriteFile(filepath.Join(dir, "d/hello"), []byte("hello\n"), 0o644))
	must(f, os.WriteFile(filepath.Join(dir, "two"), []byte(strings.Repeat("ab", 700)), 0o600))
	must(f, os.Symlink("d/hello", filepath.Join(dir, "short")))
	must(f, os.Symlink(strings.Repeat("../", 30)+"x", filepath.Join(dir, "long")))
	must(f, unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	must(f, os.Link(filepath.Join(dir, "two"), filepath.Join(dir, "d/e/two")))
	var seeds [][]byte
	for _, c := range []struct {
		fsType string
		size   int64
		args   []string
	}{
		{"ext2", 64 << 10, nil},
		{"ext2", 64 << 10, []string{"-O", "^dir_index,^filetype", "-I", "128"}},
		{"ext4", 128 << 10, []string{"-O", "^has_journal"}},
		{"ext4", 128 << 10, []string{"-O", "^has_journal,inline_data"}},
	} {
		img, err := testimage.Ext(c.fsType, dir, c.size, append([]string{"-N", "24"}, c.args...)...)
		must(f, err)
		seeds = append(seeds, img)
	}
	return seeds
}

func mountAndWalk(t *testing.T, task *vfs.Task, as string) {
	err := task.Mount("/dev/loop0", "/mnt", as, linux.MS_RDONLY, "")
	if err != nil {
		switch err {
		case linux.EINVAL, linux.EIO, linux.EUCLEAN, linux.EBADMSG, linux.ENOMEM, linux.EROFS:
		default:
			t.Fatalf("mount: %v", err)
		}
		return
	}
	w := fswalk.Walker{T: t, Task: task, Budget: 2000, Bytes: 4 << 20, Corrupt: corrupt, Gone: gone}
	w.Dir("/mnt", 0)
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount: %v", err)
	}
	// An image the writer takes is changed, then walked again.
	if err := task.Mount("/dev/loop0", "/mnt", as, 0, ""); err != nil {
		return
	}
	writes(t, task)
	w.Budget = 2000
	w.Dir("/mnt", 0)
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount after writing: %v", err)
	}
}

// writes makes, fills, renames and removes a few files; on a corrupt
// image each may fail, only as the writer fails on one.
func writes(tt *testing.T, t *vfs.Task) {
	okw := func(what string, err error) {
		switch err {
		case nil, linux.EIO, linux.EUCLEAN, linux.EBADMSG, linux.ENOSPC, linux.EEXIST, linux.ENOENT,
			linux.ENOTDIR, linux.EISDIR, linux.EMLINK, linux.ENOTEMPTY, linux.EFBIG:
		default:
			tt.Fatalf("%s: %v", what, err)
		}
	}
	okw("mkdir", t.Mkdir("/mnt/fz", 0o755))
	for i := range 40 {
		fd, err := t.Open(fmt.Sprintf("/mnt/fz/file-%02d-%s", i, strings.Repeat("n", i)), linux.O_WRONLY|linux.O_CREAT, 0o644)
		okw("create", err)
		if err == nil {
			_, err = t.Pwrite(fd, make([]byte, 3000), int64(i)*1000)
			okw("write", err)
			t.Close(fd)
		}
	}
	okw("symlink", t.Symlink(strings.Repeat("l", 200), "/mnt/fz/slow"))
	okw("rename", t.Rename("/mnt/fz/file-01-n", "/mnt/moved"))
	okw("truncate", t.Truncate("/mnt/moved", 1))
	okw("unlink", t.Unlink("/mnt/fz/file-02-nn"))
	for _, e := range []string{"/mnt/d", "/mnt/two"} {
		okw("unlink "+e, t.Unlink(e))
	}
}

// Corrupt metadata gives EIO (outside the disk), EUCLEAN (EFSCORRUPTED)
// and EBADMSG (EFSBADCRC).
var corrupt = []error{linux.EIO, linux.EUCLEAN, linux.EBADMSG}

// gone are the lstat errors of a listed name that lookup does not find.
var gone = []error{linux.ENOENT, linux.ENOTDIR, linux.ENAMETOOLONG}
