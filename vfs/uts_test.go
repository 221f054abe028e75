// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestUTSNamespace checks sethostname and uname per UTS namespace: a clone
// shares the namespace, unshare(CLONE_NEWUTS) copies it, and the limits
// and permission are Linux's.
func TestUTSNamespace(t *testing.T) {
	k := vfs.NewKernel()
	init, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer init.Exit()
	if u := init.Uname(); u.Sysname != "Linux" || u.Nodename != "(none)" || u.Domainname != "(none)" {
		t.Fatalf("initial uname %+v", u)
	}
	sibling := init.Clone(0)
	defer sibling.Exit()
	if err := init.Sethostname("box"); err != nil {
		t.Fatal(err)
	}
	if got := sibling.Uname().Nodename; got != "box" {
		t.Errorf("a clone sees %q, want the shared name box", got)
	}
	child := init.Clone(0)
	defer child.Exit()
	if err := child.Unshare(linux.CLONE_NEWUTS); err != nil {
		t.Fatal(err)
	}
	if err := child.Sethostname("inner"); err != nil {
		t.Fatal(err)
	}
	if a, b := init.Uname().Nodename, child.Uname().Nodename; a != "box" || b != "inner" {
		t.Errorf("after unshare: parent %q child %q", a, b)
	}
	if err := child.Sethostname(strings.Repeat("x", 65)); !errors.Is(err, linux.EINVAL) {
		t.Errorf("65-byte name: %v, want EINVAL", err)
	}
	if err := child.Setdomainname(strings.Repeat("x", 64)); err != nil {
		t.Errorf("64-byte domain name: %v", err)
	}
	user := init.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if err := user.Sethostname("x"); !errors.Is(err, linux.EPERM) {
		t.Errorf("unprivileged sethostname: %v, want EPERM", err)
	}
	if err := user.Unshare(linux.CLONE_NEWUTS); !errors.Is(err, linux.EPERM) {
		t.Errorf("unprivileged unshare: %v, want EPERM", err)
	}
	if err := child.Unshare(linux.CLONE_NEWNET); err != nil {
		t.Errorf("CLONE_NEWNET: %v", err)
	}
	if err := user.Unshare(linux.CLONE_NEWNET); !errors.Is(err, linux.EPERM) {
		t.Errorf("unprivileged CLONE_NEWNET: %v, want EPERM", err)
	}
	const cloneParent = 0x00008000 // not a flag unshare(2) takes
	if err := child.Unshare(cloneParent); !errors.Is(err, linux.EINVAL) {
		t.Errorf("CLONE_PARENT: %v, want EINVAL", err)
	}
}
