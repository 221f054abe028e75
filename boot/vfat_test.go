// SPDX-License-Identifier: Apache-2.0

package boot_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// TestVfatRoot: a FAT image made by mkfs.vfat and mcopy, booted with
// rootfstype=vfat and rw: the read-write attempt is refused with EACCES,
// mount_root retries read-only, and the image's init runs.
func TestVfatRoot(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"sbin", "dev", "etc"} {
		os.MkdirAll(filepath.Join(dir, "root", d), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "root/sbin/init"), []byte("#!/bin/sh\nexit 0\n"), 0o755)
	os.WriteFile(filepath.Join(dir, "root/etc/os-release"), []byte("NAME=fat\n"), 0o644)
	img, err := testimage.Fat(dir, 2048, nil, []string{"mcopy", "-s", "root/sbin", "root/dev", "root/etc", "::/"})
	if errors.Is(err, testimage.ErrNoMkfsVfat) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "root.img")
	if err := os.WriteFile(path, img, 0o644); err != nil {
		t.Fatal(err)
	}
	disk, err := boot.OpenDiskImage(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	code, log, init := bootWith(t, boot.Config{Cmdline: "root=/dev/vda rootfstype=vfat rw", Disks: []*boot.DiskImage{disk}})
	for _, want := range []string{"] VFS: Mounted root (vfat filesystem) readonly on device 254:0.\n", "] Run /sbin/init as init process\n"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if code != 0 || init != "/sbin/init" {
		t.Fatalf("code %d init %q:\n%s", code, init, log)
	}
}
