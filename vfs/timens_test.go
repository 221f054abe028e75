// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A new time namespace is for children: its offsets can be set until a
// task enters it (a fork, the unsharing task's execve, setns), then
// EACCES; the initial one's are final from the start.
func TestTimeNamespaceOffsets(t *testing.T) {
	init := bootMounts(t)
	root := vfs.RootCred()
	if err := init.SetTimensOffsets(root, []byte("monotonic 5 0"), 0); !errors.Is(err, linux.EACCES) {
		t.Errorf("initial namespace: %v, want EACCES", err)
	}
	a := init.Clone(0)
	defer a.Exit()
	before := a.TimeNamespace()
	if err := a.Unshare(linux.CLONE_NEWTIME); err != nil {
		t.Fatal(err)
	}
	if a.TimeNamespace() != before || a.TimeNSForChildren() == before {
		t.Fatal("unshare(CLONE_NEWTIME) moved the caller or left its children's namespace")
	}
	if err := a.SetTimensOffsets(root, []byte("monotonic 5 6\nboottime 86400 0\n"), 0); err != nil {
		t.Fatal(err)
	}
	want := "monotonic           5         6\nboottime        86400         0\n"
	if got := a.TimensOffsets(); got != want {
		t.Errorf("offsets %q, want %q", got, want)
	}
	user := vfs.UserCred(1000, 1000)
	if err := a.SetTimensOffsets(user, []byte("1 1 0"), 0); !errors.Is(err, linux.EPERM) {
		t.Errorf("without CAP_SYS_TIME: %v, want EPERM", err)
	}
	child := a.Clone(0)
	defer child.Exit()
	if child.TimeNamespace() != a.TimeNSForChildren() {
		t.Error("a child is not in its parent's namespace for children")
	}
	if err := a.SetTimensOffsets(root, []byte("7 1 0"), 0); !errors.Is(err, linux.EACCES) {
		t.Errorf("after a child entered: %v, want EACCES", err)
	}
	a.Execve("/bin/true", nil, nil)
	if a.TimeNamespace() != a.TimeNSForChildren() {
		t.Error("execve did not move the task into its namespace for children")
	}
}

// The lines a timens_offsets write takes, read as the kernel's sscanf
// does; nothing is set unless every line is good.
func TestTimensOffsetsParsing(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want error
	}{
		{"monotonic 1 0", nil},
		{"1 1 0\n7 2 0\n", nil},
		{"monotonic5 0", nil}, // %9s stops after "monotonic"
		{"  boottime\t3   999999999 trailing", nil},
		{"monotonic 1 1000000000", linux.EINVAL},
		{"monotonic 1 -1", linux.EINVAL},
		{"monotonic +1 0", linux.EINVAL},
		{"realtime 1 0", linux.EINVAL},
		{"2 1 0", linux.EINVAL},
		{"monotonic 1", linux.EINVAL},
		{"", linux.EINVAL},
		{"monotonic 1 0\nboottime 1 0\nmonotonic 1 0", linux.EINVAL},
		{"monotonic 99999999999 0", linux.ERANGE},
		{"boottime -99999999999 0", linux.ERANGE},
	} {
		init := bootMounts(t)
		a := init.Clone(0)
		if err := a.Unshare(linux.CLONE_NEWTIME); err != nil {
			t.Fatal(err)
		}
		if err := a.SetTimensOffsets(vfs.RootCred(), []byte(tc.in), 0); !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
			t.Errorf("%q: %v, want %v", tc.in, err, tc.want)
		}
		a.Exit()
	}
	init := bootMounts(t)
	a := init.Clone(0)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWTIME); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTimensOffsets(vfs.RootCred(), []byte("1 1 0"), 1); !errors.Is(err, linux.EINVAL) {
		t.Errorf("a write not at offset 0: %v, want EINVAL", err)
	}
}

// setns into a network, cgroup or time namespace needs CAP_SYS_ADMIN over
// its owner; a time namespace joined is also the one for children.
func TestSetnsOtherNamespaces(t *testing.T) {
	init := bootMounts(t)
	a := init.Clone(0)
	defer a.Exit()
	if err := a.Unshare(linux.CLONE_NEWNET | linux.CLONE_NEWCGROUP | linux.CLONE_NEWTIME); err != nil {
		t.Fatal(err)
	}
	b := init.Clone(0)
	defer b.Exit()
	for _, kind := range []string{"net", "cgroup", "time_for_children"} {
		fd, err := b.OpenNamespace(a, kind)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.SetnsFd(fd, 0); err != nil {
			t.Errorf("setns %s: %v", kind, err)
		}
		b.Close(fd)
	}
	if b.NetNamespace() != a.NetNamespace() || b.CgroupNamespace() != a.CgroupNamespace() ||
		b.TimeNamespace() != a.TimeNSForChildren() || b.TimeNSForChildren() != a.TimeNSForChildren() {
		t.Error("setns did not join every namespace")
	}
	u := init.Clone(0)
	defer u.Exit()
	u.SetCred(vfs.UserCred(1000, 1000))
	fd, err := u.OpenNamespace(a, "net")
	if err != nil {
		t.Fatal(err)
	}
	if err := u.SetnsFd(fd, linux.CLONE_NEWNET); !errors.Is(err, linux.EPERM) {
		t.Errorf("unprivileged setns net: %v, want EPERM", err)
	}
	if err := u.SetnsFd(fd, linux.CLONE_NEWTIME); !errors.Is(err, linux.EINVAL) {
		t.Errorf("setns with the wrong type: %v, want EINVAL", err)
	}
}
