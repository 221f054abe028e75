// SPDX-License-Identifier: Apache-2.0

package devtmpfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/devtmpfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func TestOneSuperblockForEveryMount(t *testing.T) {
	k := vfs.NewKernel()
	for _, ty := range []vfs.FilesystemType{tmpfs.Type{}, devtmpfs.Type{}} {
		if err := k.RegisterFilesystem(ty); err != nil {
			t.Fatal(err)
		}
	}
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"/a", "/b"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mount("devtmpfs", "/a", "devtmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := init.Mount("x", "/b", "devtmpfs", 0, "size=1m"); err != nil {
		t.Fatal(err)
	}
	a, _ := init.Stat("/a/null")
	b, _ := init.Stat("/b/null")
	if a.Dev() != b.Dev() || a.Ino != b.Ino || a.Rdev() != linux.Mkdev(1, 3) {
		t.Fatalf("/a/null %+v and /b/null %+v should be one node 1:3 of one superblock", a, b)
	}
	if err := init.Mount("devtmpfs", "/a", "devtmpfs", 0, ""); err != linux.EBUSY {
		t.Fatalf("same superblock on the same mountpoint = %v, want EBUSY", err)
	}
	if err := init.Mount("x", "/b", "devtmpfs", 0, "foo"); err != linux.EINVAL {
		t.Fatalf("bad option = %v, want EINVAL", err)
	}
	if log := k.Dmesg(); len(log) == 0 || log[len(log)-1] != "devtmpfs: Unknown parameter 'foo'" {
		t.Fatalf("kernel log %q", log)
	}
	if !strings.Contains(init.Mountinfo(), "/b rw,relatime - devtmpfs x rw,mode=755\n") {
		t.Fatalf("mountinfo:\n%s", init.Mountinfo())
	}
}
