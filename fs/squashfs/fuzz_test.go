// SPDX-License-Identifier: Apache-2.0

package squashfs_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	diskfs "github.com/diskfs/go-diskfs/filesystem/squashfs"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/fswalk"
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
		fswalk.Watchdog(t, 20*time.Second, func() { mountAndWalk(t, task) })
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
	w := fswalk.Walker{T: t, Task: task, Budget: 2000, Bytes: 4 << 20, Corrupt: corrupt, Gone: gone}
	w.Dir("/mnt", 0)
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount: %v", err)
	}
}

// A bad image may give EIO (metadata that does not decompress or lies
// outside the image) and EINVAL (an inode of unknown type, an owner outside
// the id table), as squashfs_read_inode and squashfs_get_id answer on Linux.
var corrupt = []error{linux.EIO, linux.EINVAL}

// gone are the lstat errors of a listed name that lookup does not find.
var gone = []error{linux.ENOENT, linux.ENAMETOOLONG}
