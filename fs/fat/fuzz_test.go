// SPDX-License-Identifier: Apache-2.0

package fat_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/fswalk"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FuzzFatImage mounts arbitrary bytes as vfat and as msdos on a block
// device and, when the mount works, walks the whole tree: lists every
// directory, stats every entry, reads every file, takes statfs, then
// unmounts. Nothing may panic or hang (a cluster chain that loops is
// EIO); the mount may fail only as fat_fill_super does on a bad image
// (EINVAL, EIO), and the walk only with EIO; the disk is let go at the
// end.
func FuzzFatImage(f *testing.F) {
	// Seeds without their trailing zeros: the fuzzer mutates and
	// minimizes small inputs far faster.
	trim := func(b []byte) []byte { return bytes.TrimRight(b, "\x00") }
	f.Add(trim(image(f, 1440)))
	f.Add(trim(image(f, 20<<10, "-F", "16")))
	f.Add(image(f, 40<<10, "-F", "32", "-s", "1")[:4096]) // its FATs alone are 512 KiB
	f.Add(image(f, 1440)[:512])
	f.Fuzz(func(t *testing.T, img []byte) {
		// A block device holds whole 512-byte sectors.
		img = append(img, make([]byte, -len(img)&511)...)
		k, task := boot(t, img)
		fswalk.Watchdog(t, 20*time.Second, func() {
			for _, typ := range []string{"vfat", "msdos"} {
				mountAndWalk(t, task, typ)
			}
		})
		if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
			t.Fatalf("%d openers of the disk after umount", n)
		}
	})
}

func mountAndWalk(t *testing.T, task *vfs.Task, typ string) {
	err := task.Mount("/dev/loop0", "/mnt", typ, linux.MS_RDONLY, "")
	if err != nil {
		if err != linux.EINVAL && err != linux.EIO {
			t.Fatalf("mount %s: %v", typ, err)
		}
		return
	}
	w := fswalk.Walker{T: t, Task: task, Budget: 2000, Bytes: 4 << 20, Corrupt: corrupt, Gone: gone}
	w.Dir("/mnt", 0)
	if _, err := task.Statfs("/mnt"); err != nil && err != linux.EIO {
		t.Fatalf("statfs: %v", err)
	}
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount: %v", err)
	}
}

// A bad image may give EIO: a chain that loops, is free midway or
// leaves the FAT, a directory without "." and "..", a read past the
// disk, as fat_get_cluster, fat_validate_dir and bread answer on Linux.
var corrupt = []error{linux.EIO}

// gone are the lstat errors of a listed name that lookup does not find
// (a long name past NAME_MAX, a name only readdir shows).
var gone = []error{linux.ENOENT, linux.ENAMETOOLONG}
