// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// The initial namespaces have Linux 6.18's fixed numbers, new ones the
// next dynamic ones; the links read "KIND:[N]" and stat shows N.
func TestNamespaceLinks(t *testing.T) {
	init := bootMounts(t)
	for kind, want := range map[string]string{"mnt": "mnt:[4026531832]", "uts": "uts:[4026531838]", "ipc": "ipc:[4026531839]",
		"net": "net:[4026531833]", "cgroup": "cgroup:[4026531835]", "time": "time:[4026531834]", "time_for_children": "time:[4026531834]"} {
		if got, err := init.NamespaceLink(kind); got != want || err != nil {
			t.Errorf("%s: %q, %v; want %q", kind, got, err, want)
		}
	}
	child := init.Clone(0)
	defer child.Exit()
	if err := child.Unshare(linux.CLONE_NEWNS | linux.CLONE_NEWUTS); err != nil {
		t.Fatal(err)
	}
	mnt, _ := child.NamespaceLink("mnt")
	uts, _ := child.NamespaceLink("uts")
	if mnt != "mnt:[4026531840]" || uts != "uts:[4026531841]" {
		t.Errorf("new namespaces: %s %s; want the first dynamic numbers", mnt, uts)
	}
	if _, err := init.NamespaceLink("sched"); err != linux.ENOENT {
		t.Errorf("sched: %v, want ENOENT (no such kind)", err)
	}
}

// An open namespace file keeps the namespace after its last task left,
// and setns through it joins it; closing it lets the namespace go.
func TestSetnsThroughFile(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	ids := vfs.LiveMountIDs(k)
	child := init.Clone(0)
	if err := child.Unshare(linux.CLONE_NEWNS | linux.CLONE_NEWUTS); err != nil {
		t.Fatal(err)
	}
	if err := child.Sethostname("inner"); err != nil {
		t.Fatal(err)
	}
	if err := child.Mount("t", "/mnt", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := k.RegisterFilesystem(proc.Type{}); err != nil {
		t.Fatal(err)
	}
	if err := init.Mkdir("/proc", 0o555); err != nil {
		t.Fatal(err)
	}
	if err := init.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	defer init.Umount("/proc")
	dir := fmt.Sprintf("/proc/%d/ns/", child.TID())
	mfd, err := init.Open(dir+"mnt", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	ufd, err := init.Open(dir+"uts", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := init.Fstat(mfd); err != nil || st.Mode != linux.S_IFREG|0o444 {
		t.Fatalf("fstat of a namespace file: %o, %v", st.Mode, err)
	}
	child.Exit()
	joiner := init.Clone(0)
	defer joiner.Exit()
	if err := joiner.SetnsFd(ufd, linux.CLONE_NEWNS); err != linux.EINVAL {
		t.Fatalf("setns of a uts file as CLONE_NEWNS: %v, want EINVAL", err)
	}
	if err := joiner.SetnsFd(mfd, linux.CLONE_NEWNS); err != nil {
		t.Fatalf("setns into a namespace only a file holds: %v", err)
	}
	if err := joiner.SetnsFd(ufd, 0); err != nil {
		t.Fatal(err)
	}
	if st, err := joiner.Statfs("/mnt"); err != nil || st.Type != 0x01021994 {
		t.Fatalf("the joined namespace lacks its tmpfs on /mnt: %+v, %v", st, err)
	}
	if got := joiner.Uname().Nodename; got != "inner" {
		t.Fatalf("hostname after setns: %q", got)
	}
	ffd, err := joiner.Open("/f", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := joiner.SetnsFd(ffd, 0); err != linux.EINVAL {
		t.Fatalf("setns of a file that is no namespace: %v, want EINVAL", err)
	}
	init.Close(mfd)
	init.Close(ufd)
	joiner.Exit()
	init.Umount("/proc")
	if n := vfs.LiveMountIDs(k); n != ids {
		t.Fatalf("after the last holder let go: %d mount IDs, want %d", n, ids)
	}
}

// An O_PATH descriptor of a namespace file holds nothing and joins nothing.
func TestNamespaceFileOPath(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	if err := k.RegisterFilesystem(proc.Type{}); err != nil {
		t.Fatal(err)
	}
	init.Mkdir("/proc", 0o555)
	if err := init.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	defer init.Umount("/proc")
	child := init.Clone(0)
	defer child.Exit()
	if err := child.Unshare(linux.CLONE_NEWNS); err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("/proc/%d/ns/mnt", child.TID())
	for i := 0; i < 2; i++ {
		fd, err := init.Open(name, linux.O_PATH, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := init.SetnsFd(fd, 0); err != linux.EBADF {
			t.Errorf("setns through O_PATH: %v, want EBADF", err)
		}
		init.Close(fd)
	}
	if mi := child.Mountinfo(); mi == "" {
		t.Fatal("O_PATH opens of its namespace file tore the child's namespace down")
	}
}

// A bind of a mount namespace's file holds the namespace after its last
// task left, a namespace file opened through the bind joins it, and
// unmounting the bind tears the namespace's tree down. Binding the
// caller's own namespace file, or an older one, is refused (a loop).
func TestBindOfNamespaceFile(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	if err := k.RegisterFilesystem(proc.Type{}); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{init.Mkdir("/proc", 0o555), init.Mount("proc", "/proc", "proc", 0, ""),
		init.Mknodat(linux.AT_FDCWD, "/ns", linux.S_IFREG|0o644, 0)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := vfs.LiveMountIDs(k)
	if err := init.Mount("/proc/self/ns/mnt", "/ns", "", linux.MS_BIND, ""); err != linux.EINVAL {
		t.Fatalf("bind of the caller's own namespace file: %v, want EINVAL", err)
	}
	child := init.Clone(0)
	if err := child.Unshare(linux.CLONE_NEWNS); err != nil {
		t.Fatal(err)
	}
	if err := child.Mount("t", "/mnt", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := child.Mknodat(linux.AT_FDCWD, "/mnt/up", linux.S_IFREG|0o644, 0); err != nil {
		t.Fatal(err)
	}
	if err := child.Mount("/proc/1/ns/mnt", "/mnt/up", "", linux.MS_BIND, ""); err != linux.EINVAL {
		t.Fatalf("bind of the parent's namespace file in the child: %v, want EINVAL", err)
	}
	ns := child.MountNamespace()
	src := fmt.Sprintf("/proc/%d/ns/mnt", child.TID())
	if err := init.Mount(src, "/ns", "", linux.MS_BIND, ""); err != nil {
		t.Fatalf("bind of a child's namespace file: %v", err)
	}
	child.Exit()
	if vfs.NamespaceUsers(ns) != 1 || ns.NumMounts() < 2 {
		t.Fatalf("after its last task: %d users, %d mounts; want the bind's, and the tree kept",
			vfs.NamespaceUsers(ns), ns.NumMounts())
	}
	joiner := init.Clone(0)
	defer joiner.Exit()
	fd, err := joiner.Open("/ns", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := joiner.SetnsFd(fd, linux.CLONE_NEWNS); err != nil {
		t.Fatalf("setns through the bind: %v", err)
	}
	joiner.Close(fd)
	if st, err := joiner.Statfs("/mnt"); err != nil || st.Type != 0x01021994 {
		t.Fatalf("the joined namespace lacks its tmpfs: %+v, %v", st, err)
	}
	if err := joiner.Setns(init.MountNamespace()); err != nil {
		t.Fatal(err)
	}
	if err := init.Umount("/ns"); err != nil {
		t.Fatal(err)
	}
	if vfs.NamespaceUsers(ns) != 0 || ns.NumMounts() != 0 {
		t.Fatalf("after the bind went: %d users, %d mounts; want the namespace gone",
			vfs.NamespaceUsers(ns), ns.NumMounts())
	}
	if n := vfs.LiveMountIDs(k); n != ids {
		t.Fatalf("after the bind went: %d mount IDs, want %d", n, ids)
	}
}

// Namespaces held by binds inside a namespace a bind holds all go when
// the outer bind is unmounted: tearing a tree down releases the binds
// in it, and their namespaces in turn.
func TestBindOfNamespaceFileChain(t *testing.T) {
	init := bootMounts(t)
	k := init.Kernel()
	if err := k.RegisterFilesystem(proc.Type{}); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{init.Mkdir("/proc", 0o555), init.Mount("proc", "/proc", "proc", 0, ""),
		init.Mknodat(linux.AT_FDCWD, "/a", linux.S_IFREG|0o644, 0)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := vfs.LiveMountIDs(k)
	outer := init.Clone(0)
	inner := init.Clone(0)
	for _, err := range []error{outer.Unshare(linux.CLONE_NEWNS), outer.Mount("t", "/mnt", "tmpfs", 0, ""),
		outer.Mknodat(linux.AT_FDCWD, "/mnt/b", linux.S_IFREG|0o644, 0), inner.Setns(outer.MountNamespace()),
		inner.Unshare(linux.CLONE_NEWNS), inner.Mount("t", "/mnt", "tmpfs", 0, ""),
		outer.Mount(fmt.Sprintf("/proc/%d/ns/mnt", inner.TID()), "/mnt/b", "", linux.MS_BIND, ""),
		init.Mount(fmt.Sprintf("/proc/%d/ns/mnt", outer.TID()), "/a", "", linux.MS_BIND, "")} {
		if err != nil {
			t.Fatal(err)
		}
	}
	ins := inner.MountNamespace()
	inner.Exit()
	outer.Exit()
	if vfs.NamespaceUsers(ins) != 1 {
		t.Fatalf("inner namespace: %d users, want the bind in the outer one", vfs.NamespaceUsers(ins))
	}
	if err := init.Umount("/a"); err != nil {
		t.Fatal(err)
	}
	if vfs.NamespaceUsers(ins) != 0 || ins.NumMounts() != 0 {
		t.Fatalf("inner namespace after the outer bind went: %d users, %d mounts", vfs.NamespaceUsers(ins), ins.NumMounts())
	}
	if n := vfs.LiveMountIDs(k); n != ids {
		t.Fatalf("%d mount IDs, want %d", n, ids)
	}
}
