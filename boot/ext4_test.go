// SPDX-License-Identifier: Apache-2.0

package boot_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// ext4RootImage makes an 8 MiB ext4 image with mke2fs's default features
// holding /etc, /dev and a /sbin/init script, and returns its path.
func ext4RootImage(t *testing.T, mke2fs string) string {
	t.Helper()
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
	return img
}

// TestExt4Root: an ext4 image made by the host's mke2fs is found by
// probing (ext3 and ext2 refuse its features first), mounted read-only as
// the root, and its init runs.
func TestExt4Root(t *testing.T) {
	mke2fs, err := exec.LookPath("mke2fs")
	if err != nil {
		t.Skip("no mke2fs on this machine")
	}
	img := ext4RootImage(t, mke2fs)
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

// TestExt4RootRemountRW: the root of an image made by the host's mke2fs
// -t ext4 with its default features (extents, metadata_csum, a journal)
// is mounted read-only, and `mount -o remount,rw /` makes it writable;
// what init writes there is on the image, which e2fsck finds clean,
// after the read-only remount a shutdown makes.
func TestExt4RootRemountRW(t *testing.T) {
	mke2fs, err := exec.LookPath("mke2fs")
	if err != nil {
		t.Skip("no mke2fs on this machine")
	}
	e2fsck, err := exec.LookPath("e2fsck")
	if err != nil {
		t.Skip("no e2fsck on this machine")
	}
	img := ext4RootImage(t, mke2fs)
	disk, err := boot.OpenDiskImage(img, false)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	var steps []string
	step := func(what string, err error) {
		steps = append(steps, fmt.Sprintf("%s: %v", what, err))
	}
	var out strings.Builder
	code, err := boot.Boot(context.Background(), boot.Config{Cmdline: "root=/dev/vda", Disks: []*boot.DiskImage{disk}, Output: &out,
		Init: func(_ context.Context, task *vfs.Task, _ string, _, _ []string) (int, error) {
			step("remount rw", task.Mount("", "/", "", linux.MS_REMOUNT, ""))
			step("mkdir", task.Mkdir("/etc/new", 0o755))
			fd, err := task.Open("/etc/new/hostname", linux.O_WRONLY|linux.O_CREAT, 0o644)
			step("open", err)
			if err == nil {
				_, err = task.Write(fd, []byte(strings.Repeat("written by init\n", 1000)))
				step("write", err)
				task.Close(fd)
			}
			step("remount ro", task.Mount("", "/", "", linux.MS_REMOUNT|linux.MS_RDONLY, ""))
			return 0, nil
		}})
	if err != nil || code != 0 {
		t.Fatalf("boot: %d %v\n%s", code, err, out.String())
	}
	for _, s := range steps {
		if !strings.HasSuffix(s, ": <nil>") {
			t.Errorf("%s", s)
		}
	}
	if out, err := exec.Command(e2fsck, "-fn", img).CombinedOutput(); err != nil {
		t.Fatalf("e2fsck -fn: %v\n%s", err, out)
	}
	if debugfs, err := exec.LookPath("debugfs"); err == nil {
		got, err := exec.Command(debugfs, "-R", "cat /etc/new/hostname", img).Output()
		if err != nil || string(got) != strings.Repeat("written by init\n", 1000) {
			t.Errorf("debugfs cat: %v %.100q", err, got)
		}
	}
}
