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

// TestExt4Root: an ext4 image made by the host's mke2fs is found by
// probing (ext3 and ext2 refuse its features first), mounted read-only as
// the root, and its init runs.
func TestExt4Root(t *testing.T) {
	mke2fs, err := exec.LookPath("mke2fs")
	if err != nil {
		t.Skip("no mke2fs on this machine")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	for _, d := range []string{"etc", "sbin", "dev"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "sbin/init"), []byte("#!/bin/sh\nexit 0\n"), 0o755)
	img := filepath.Join(dir, "root.img")
	if out, err := exec.Command(mke2fs, "-q", "-d", root, "-t", "ext4", img, "8M").CombinedOutput(); err != nil {
		t.Fatalf("mke2fs: %v\n%s", err, out)
	}
	disk, err := boot.OpenDiskImage(img, false)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	code, log, init := bootWith(t, boot.Config{Cmdline: "root=/dev/vda", Disks: []*boot.DiskImage{disk}})
	for _, want := range []string{"] VFS: Mounted root (ext4 filesystem) readonly on device 254:0.\n", "] devtmpfs: mounted\n", "] Run /sbin/init as init process\n"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if code != 0 || init != "/sbin/init" || strings.Contains(log, "unmounting") {
		t.Fatalf("code %d init %q:\n%s", code, init, log)
	}
	// ext4's "mounted filesystem" is KERN_INFO: quiet keeps it off.
	_, log, _ = bootWith(t, boot.Config{Cmdline: "root=/dev/vda quiet", Disks: []*boot.DiskImage{disk}})
	if strings.Contains(log, "EXT4-fs") {
		t.Fatalf("quiet:\n%s", log)
	}
}
