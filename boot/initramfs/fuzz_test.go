// SPDX-License-Identifier: Apache-2.0

package initramfs_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
)

// messages are every message unpack_to_rootfs can return here.
var messages = map[string]bool{}

func init() {
	for _, m := range []string{
		"incorrect cpio method used: use -H newc option",
		"no cpio magic",
		"broken padding",
		"malformed archive",
		"bad data checksum",
		"write error",
		"junk within compressed archive",
		"junk at the end of compressed archive",
		"invalid magic at start of compressed archive",
		"decompressor failed",
		"Not a gzip file",
		"header error",
		"read error",
		"uncompression error",
		"Data integrity error when decompressing.",
		"XZ-compressed data is corrupt",
		"Input is not in the XZ format (wrong magic bytes)",
		"Input was encoded with settings that are not supported by this XZ decoder",
		"invalid header",
		"Decoding failed",
		"data corrupted",
		"Input is not in the ZSTD format (wrong magic bytes)",
		"ZSTD-compressed data has an incomplete frame header",
		"ZSTD-compressed data has too large a window size",
		"ZSTD-compressed data is corrupt",
		"ZSTD-compressed data is probably corrupt",
		"ZSTD-compressed data is truncated",
		"unexpected EOF",
		"LZMA data is corrupt",
	} {
		messages[m] = true
	}
}

// logPrefixes are the lines Unpack may leave in the kernel log.
var logPrefixes = []string{"initramfs name without nulterm: ", "initramfs symlink without nulterm: ", "compression method "}

// FuzzInitramfs unpacks arbitrary images: no panic, no hang, only the
// kernel's messages, and the same tree and message every time.
func FuzzInitramfs(f *testing.F) {
	plain := archive(dir("d", 0o755), file("d/f", 0o644, "data"),
		initramfs.Entry{Name: "d/l", Mode: linux.S_IFLNK | 0o777, Data: []byte("f")},
		initramfs.Entry{Name: "h1", Mode: linux.S_IFREG | 0o600, Ino: 9, Nlink: 2},
		initramfs.Entry{Name: "h2", Mode: linux.S_IFREG | 0o600, Ino: 9, Nlink: 2, Data: []byte("x")},
		initramfs.Entry{Name: "c", Mode: linux.S_IFCHR | 0o600, RdevMajor: 1, RdevMinor: 3})
	f.Add(plain)
	f.Add(initramfs.DefaultBuiltin(1))
	f.Add(cat(plain, make([]byte, 4), plain))
	for _, argv := range compressors {
		if _, err := exec.LookPath(argv[0]); err != nil {
			continue
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdin = strings.NewReader(string(plain))
		if out, err := cmd.Output(); err == nil {
			f.Add(out)
			f.Add(cat(zeros(out, 4), plain))
		}
	}
	f.Fuzz(func(t *testing.T, img []byte) {
		if len(img) > 1<<16 {
			return
		}
		var opts initramfs.Options
		initramfs.SetMaxOut(&opts, 4<<20)
		var trees [2]map[string]node
		var msgs [2]string
		for i := range trees {
			task, err := unpack(t, img, opts)
			var e *initramfs.Error
			switch {
			case err == nil:
			case !errors.As(err, &e) || !messages[e.Msg]:
				t.Fatalf("unexpected error %#v", err)
			default:
				msgs[i] = e.Msg
			}
			for _, l := range task.Kernel().Dmesg() {
				known := false
				for _, p := range logPrefixes {
					known = known || strings.HasPrefix(l, p)
				}
				if !known {
					t.Fatalf("unexpected log line %q", l)
				}
			}
			if fds := task.Fds(); len(fds) != 0 {
				t.Fatalf("descriptors left open: %v", fds)
			}
			trees[i] = vfsTree(t, task, "/")
		}
		if msgs[0] != msgs[1] {
			t.Fatalf("messages differ: %q %q", msgs[0], msgs[1])
		}
		if d := diffTrees(trees[0], trees[1], nil); d != "" {
			t.Fatalf("two runs differ:\n%s", d)
		}
	})
}
