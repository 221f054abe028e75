// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Each IPC namespace has its own mqueue superblock, made with the
// namespace; the last task leaving drops it, and nothing is left over.
func TestIPCNamespaceMqueue(t *testing.T) {
	init := bootTmpfs(t)
	k := init.Kernel()
	if err := mqueue.Register(k); err != nil {
		t.Fatal(err)
	}
	ids, devs, kms := vfs.LiveMountIDs(k), vfs.LiveAnonDevs(k), vfs.KernMounts(k)
	for _, d := range []string{"/a", "/b"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mount("m", "/a", "mqueue", 0, ""); err != nil {
		t.Fatal(err)
	}
	child := init.Clone(0)
	if err := child.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	if n := vfs.KernMounts(k); n != kms+1 {
		t.Fatalf("a new IPC namespace: %d kernel mounts, want %d", n, kms+1)
	}
	if err := child.Mount("m", "/b", "mqueue", 0, ""); err != nil {
		t.Fatal(err)
	}
	sa, _ := init.Stat("/a")
	sb, _ := init.Stat("/b")
	if sa.Dev() == sb.Dev() {
		t.Fatal("two IPC namespaces share one mqueue superblock")
	}
	if mi := init.Mountinfo(); strings.Count(mi, "mqueue") != 2 {
		t.Fatalf("the namespaces' own mqueue mounts show in mountinfo:\n%s", mi)
	}
	if _, err := init.Open("/a", linux.O_TMPFILE|linux.O_RDWR, 0o600); err != linux.EOPNOTSUPP {
		t.Errorf("O_TMPFILE in mqueue: %v, want EOPNOTSUPP", err)
	}
	child.Exit()
	// The namespace is gone; its superblock, still mounted, takes no queue.
	if fd, err := init.Creat("/b/q", 0o600); err != linux.EACCES {
		init.Close(fd)
		t.Errorf("a queue in a dead namespace's mqueue: %v, want EACCES", err)
	}
	for _, d := range []string{"/a", "/b"} {
		if err := init.Umount(d); err != nil {
			t.Fatal(err)
		}
	}
	if i, d, n := vfs.LiveMountIDs(k), vfs.LiveAnonDevs(k), vfs.KernMounts(k); i != ids || d != devs || n != kms {
		t.Fatalf("after the namespace's last task left: %d mount IDs, %d devices, %d kernel mounts; want %d, %d, %d", i, d, n, ids, devs, kms)
	}
	checkInvariants(t, k)
}
