// SPDX-License-Identifier: Apache-2.0

package boot_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/boot"
)

// TestImageRoots: an iso9660 image (genisoimage -R) and a romfs image
// (genromfs) with /sbin/init, /dev and /etc/os-release, each found by
// probing every block type in /proc/filesystems order and mounted as the
// root. iso9660 refuses the first read-write try with EACCES and is taken
// read-only, as mount_block_root retries; romfs makes itself read-only.
// Both then run the image's init.
func TestImageRoots(t *testing.T) {
	for _, c := range []struct {
		fstype string
		make   func(tree, img string) *exec.Cmd
	}{
		{"iso9660", func(tree, img string) *exec.Cmd { return exec.Command("genisoimage", "-quiet", "-R", "-o", img, tree) }},
		{"romfs", func(tree, img string) *exec.Cmd { return exec.Command("genromfs", "-d", tree, "-f", img) }},
	} {
		t.Run(c.fstype, func(t *testing.T) {
			dir := t.TempDir()
			tree := filepath.Join(dir, "root")
			for _, d := range []string{"etc", "sbin", "dev"} {
				os.MkdirAll(filepath.Join(tree, d), 0o755)
			}
			os.WriteFile(filepath.Join(tree, "sbin/init"), []byte("#!/bin/sh\nexit 0\n"), 0o755)
			os.WriteFile(filepath.Join(tree, "etc/os-release"), []byte("NAME=test\n"), 0o644)
			img := filepath.Join(dir, "root.img")
			cmd := c.make(tree, img)
			if _, err := exec.LookPath(cmd.Path); err != nil {
				t.Skipf("no %s on this machine", cmd.Path)
			}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", cmd.Path, err, out)
			}
			// A disk of the image's 1 KiB alone would stop the probe
			// at ext4, whose superblock read past the device's end is
			// ENOMEM (sb_getblk), not EINVAL: give it a disk's room.
			if err := os.Truncate(img, 1<<20); err != nil {
				t.Fatal(err)
			}
			disk, err := boot.OpenDiskImage(img, false)
			if err != nil {
				t.Fatal(err)
			}
			defer disk.Close()
			code, log, init := bootWith(t, boot.Config{Cmdline: "root=/dev/vda", Disks: []*boot.DiskImage{disk}})
			want := "] VFS: Mounted root (" + c.fstype + " filesystem) readonly on device 254:0.\n"
			if !strings.Contains(log, want) || !strings.Contains(log, "] devtmpfs: mounted\n") {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
			// isofs names the Rock Ridge extensions at KERN_DEBUG,
			// below the console's level.
			if strings.Contains(log, "ISO 9660 Extensions") {
				t.Errorf("a debug message on the console:\n%s", log)
			}
			if code != 0 || init != "/sbin/init" {
				t.Fatalf("code %d init %q:\n%s", code, init, log)
			}
		})
	}
}
