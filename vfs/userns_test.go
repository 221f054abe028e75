// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// unprivilegedUserNS returns a task of uid/gid 1000 in a new user
// namespace, as `setpriv --reuid 1000 --regid 1000 unshare -U` leaves it.
func unprivilegedUserNS(t *testing.T) *vfs.Task {
	t.Helper()
	init := newScKernel(t)
	u := init.Clone(0)
	t.Cleanup(u.Exit)
	u.SetCred(vfs.UserCred(1000, 1000))
	if err := u.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestUnprivilegedSelfMap: an unprivileged owner may map its own uid once
// (unshare -r as a user), and its gid only after denying setgroups.
func TestUnprivilegedSelfMap(t *testing.T) {
	u := unprivilegedUserNS(t)
	ns, c := u.Cred().Namespace(), u.Cred()
	write := func(file, text string) error {
		_, err := vfs.WriteIDMap(ns, file, c, c, []byte(text), 0)
		return err
	}
	steps := []struct {
		what string
		err  error
		want error
	}{
		{"uid 0 -> 1001", write("uid_map", "0 1001 1"), linux.EPERM},
		{"two ids", write("uid_map", "0 1000 2"), linux.EPERM},
		{"uid 0 -> 1000", write("uid_map", "0 1000 1"), nil},
		{"uid again", write("uid_map", "1 1000 1"), linux.EPERM},
		{"gid before deny", write("gid_map", "0 1000 1"), linux.EPERM},
	}
	_, err := vfs.WriteSetgroups(ns, []byte("deny\n"), 0)
	steps = append(steps, struct {
		what string
		err  error
		want error
	}{"deny", err, nil})
	steps = append(steps, struct {
		what string
		err  error
		want error
	}{"gid after deny", write("gid_map", "0 1000 1"), nil})
	_, err = vfs.WriteSetgroups(ns, []byte("allow"), 0)
	steps = append(steps, struct {
		what string
		err  error
		want error
	}{"allow after deny", err, linux.EPERM})
	for _, s := range steps {
		if s.err != s.want {
			t.Errorf("%s: %v, want %v", s.what, s.err, s.want)
		}
	}
	if got := u.Geteuid(); got != 0 {
		t.Errorf("euid in the namespace %d, want 0", got)
	}
	if err := u.Setgroups([]uint32{0}); err != linux.EPERM {
		t.Errorf("setgroups with setgroups denied: %v, want EPERM", err)
	}
}

// TestIDMapLimits: 340 extents at most; overlapping ranges and wrapping
// ranges are EINVAL.
func TestIDMapLimits(t *testing.T) {
	init := newScKernel(t)
	c := init.Cred()
	fresh := func() *vfs.UserNamespace {
		u := init.Clone(0)
		t.Cleanup(u.Exit)
		if err := u.Unshare(linux.CLONE_NEWUSER); err != nil {
			t.Fatal(err)
		}
		return u.Cred().Namespace()
	}
	lines := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "%d %d 1\n", i, 1000+i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		text string
		want error
	}{
		{lines(340), nil},
		{lines(341), linux.EINVAL},
		{"0 0 10\n5 100 1\n", linux.EINVAL},
		{"0 0 10\n20 5 1\n", linux.EINVAL},
		{"4294967290 0 10\n", linux.EINVAL},
	} {
		_, err := vfs.WriteIDMap(fresh(), "uid_map", c, c, []byte(tc.text), 0)
		if err != tc.want {
			t.Errorf("%.30q...: %v, want %v", tc.text, err, tc.want)
		}
	}
}

// TestOwnerCapabilities: the creator of a user namespace has every
// capability in it and in the namespaces below it, from its own
// namespace; a task inside has none over its parent.
func TestOwnerCapabilities(t *testing.T) {
	u := unprivilegedUserNS(t)
	child := u.Cred().Namespace()
	outside := vfs.UserCred(1000, 1000)
	other := vfs.UserCred(1001, 1001)
	inner := u.Clone(0)
	if err := inner.Unshare(linux.CLONE_NEWUSER); err != linux.EPERM {
		t.Errorf("nesting before the uid is mapped: %v, want EPERM", err)
	}
	if _, err := vfs.WriteSetgroups(child, []byte("deny"), 0); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"uid_map", "gid_map"} {
		if _, err := vfs.WriteIDMap(child, f, u.Cred(), u.Cred(), []byte("0 1000 1"), 0); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(inner.Exit)
	if err := inner.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Fatal(err)
	}
	grand := inner.Cred().Namespace()
	for _, tc := range []struct {
		what string
		got  bool
		want bool
	}{
		{"owner over child", outside.NsCapable(child, linux.CAP_SYS_ADMIN), true},
		{"owner over grandchild", outside.NsCapable(grand, linux.CAP_SYS_ADMIN), true},
		{"other user over child", other.NsCapable(child, linux.CAP_SYS_ADMIN), false},
		{"inside over child", u.Cred().NsCapable(child, linux.CAP_SYS_ADMIN), true},
		{"inside over initial", u.Cred().NsCapable(nil, linux.CAP_SYS_ADMIN), false},
		{"grandchild task over child", inner.Cred().NsCapable(child, linux.CAP_SYS_ADMIN), false},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.what, tc.got, tc.want)
		}
	}
}
