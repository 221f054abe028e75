// SPDX-License-Identifier: Apache-2.0

package isofs_test

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/fswalk"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// FuzzIsofsImage mounts arbitrary bytes as an iso9660 image and, when the
// mount works, walks the whole tree: lists every directory, stats every
// entry, reads every link and file, then unmounts. Nothing may panic or
// hang (Rock Ridge continuation chains and relocations that loop, extents
// past the disk); the mount may fail only with EINVAL or EIO as the
// kernel's does, the walk only with EIO.
func FuzzIsofsImage(f *testing.F) {
	for _, args := range [][]string{{"-R"}, {"-J"}, {"-R", "-J"}, nil} {
		if img := seedISO(f, "genisoimage", args...); img != nil {
			f.Add(img)
		}
	}
	if img := seedISO(f, "xorriso"); img != nil {
		f.Add(img)
	}
	f.Fuzz(func(t *testing.T, image []byte) {
		image = append(image, make([]byte, -len(image)&511)...)
		k, task := boot(t, image)
		fswalk.Watchdog(t, 20*time.Second, func() { mountAndWalk(t, task, "iso9660") })
		if n := k.DiskOpeners(linux.Mkdev(7, 0)); n != 0 {
			t.Fatalf("%d openers of the disk after umount", n)
		}
	})
}

// seedISO is an image of the test tree, cut after its last non-zero
// byte, or nil where the tool is missing.
func seedISO(f *testing.F, tool string, args ...string) []byte {
	if cannotMake(tool) != "" {
		return nil
	}
	return bytes.TrimRight(buildISO(f, tool, args...), "\x00")
}

func mountAndWalk(t *testing.T, task *vfs.Task, typ string) {
	err := task.Mount("/dev/loop0", "/mnt", typ, linux.MS_RDONLY, "")
	if err != nil {
		if err != linux.EINVAL && err != linux.EIO {
			t.Fatalf("mount: %v", err)
		}
		return
	}
	w := fswalk.Walker{T: t, Task: task, Budget: 2000, Bytes: 4 << 20,
		Corrupt: []error{linux.EIO, linux.EINVAL}, Gone: []error{linux.ENOENT, linux.ENAMETOOLONG}}
	w.Dir("/mnt", 0)
	if err := task.Umount2("/mnt", 0); err != nil {
		t.Fatalf("umount: %v", err)
	}
}

// TestContinuationLoop makes the root's Rock Ridge entries continue into
// themselves through a CE entry: the kernel stops after 32 areas, and so
// must this reader, with the tree still listed.
func TestContinuationLoop(t *testing.T) {
	img := makeISO(t, "genisoimage", "-R")
	root := binary.LittleEndian.Uint32(img[16*2048+156+2:])
	dot := img[root*2048:]
	su := dot[34:dot[0]] // the "." record's System Use area (name length 1)
	ce := []byte{'C', 'E', 28, 1}
	for _, v := range []uint32{root, 34, uint32(dot[0]) - 34} {
		var b [8]byte
		binary.LittleEndian.PutUint32(b[:], v)
		binary.BigEndian.PutUint32(b[4:], v)
		ce = append(ce, b[:]...)
	}
	copy(su[len(su)-28:], ce)
	task := mount(t, img, "")
	fswalk.Watchdog(t, 20*time.Second, func() { listDir(t, task, "/mnt") })
}
