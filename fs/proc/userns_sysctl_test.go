// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func sysctlSet(task *vfs.Task, file, v string) error {
	fd, err := task.Open(file, linux.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer task.Close(fd)
	_, err = task.Write(fd, []byte(v))
	return err
}

func sysctlGet(t *testing.T, task *vfs.Task, file string) string {
	t.Helper()
	fd, err := task.Open(file, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	defer task.Close(fd)
	b := make([]byte, 64)
	n, _ := task.Read(fd, b)
	return strings.TrimSpace(string(b[:n]))
}

// inUserNS returns a child of task in a new user namespace whose uid and
// gid maps are m (written by task, its parent namespace's root), switched
// to the namespace's uid and gid 0.
func inUserNS(t *testing.T, task *vfs.Task, m string) *vfs.Task {
	t.Helper()
	u := task.Clone(0)
	t.Cleanup(u.Exit)
	if err := u.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"uid_map", "gid_map"} {
		if _, err := vfs.WriteIDMap(u.Cred().Namespace(), f, task.Cred(), task.Cred(), []byte(m), 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.Setresgid(0, 0, 0); err != nil {
		t.Fatal(err)
	}
	if err := u.Setresuid(0, 0, 0); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOverflowIDSysctls: kernel.overflowuid and overflowgid take 0..65535
// (EINVAL otherwise) and are what an unmapped owner, an unmapped uid and
// /proc/<pid>/status show in a user namespace; writing them is for the
// kernel's root user only, capabilities or not.
func TestOverflowIDSysctls(t *testing.T) {
	task := procTask(t)
	for _, f := range []string{"kernel/overflowuid", "kernel/overflowgid", "fs/overflowuid", "fs/overflowgid"} {
		if got := sysctlGet(t, task, "/proc/sys/"+f); got != "65534" {
			t.Errorf("%s = %q", f, got)
		}
	}
	const ouid, ogid = "/proc/sys/kernel/overflowuid", "/proc/sys/kernel/overflowgid"
	for _, v := range []string{"65536", "-1", "x"} {
		if err := sysctlSet(task, ouid, v); err != linux.EINVAL {
			t.Errorf("write %s: %v, want EINVAL", v, err)
		}
	}
	if err := sysctlSet(task, ouid, "65535"); err != nil {
		t.Fatal(err)
	}
	if err := sysctlSet(task, ouid, "4000"); err != nil {
		t.Fatal(err)
	}
	if err := sysctlSet(task, ogid, "4001"); err != nil {
		t.Fatal(err)
	}
	u := inUserNS(t, task, "0 1000 1")
	st, err := u.Stat("/proc/sys")
	if err != nil || st.UID != 4000 || st.GID != 4001 {
		t.Errorf("stat of a root-owned inode in the namespace: %d:%d %v", st.UID, st.GID, err)
	}
	fd, err := u.Open("/proc/1/status", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 4096)
	n, _ := u.Read(fd, b)
	u.Close(fd)
	if !strings.Contains(string(b[:n]), "Uid:\t4000\t4000\t4000\t4000\n") {
		t.Errorf("init's status seen from the namespace:\n%s", b[:n])
	}
	// Root of a namespace mapped to uid 1000 has every capability there
	// but is not the kernel's root: read-only. So is a capable uid 1000.
	if err := sysctlSet(u, ouid, "5"); err != linux.EACCES {
		t.Errorf("namespace root writing overflowuid: %v, want EACCES", err)
	}
	capable := task.Clone(0)
	defer capable.Exit()
	c := vfs.UserCred(1000, 1000)
	c.Effective, c.Permitted = linux.AllCaps, linux.AllCaps
	capable.SetCred(c)
	if err := sysctlSet(capable, ouid, "5"); err != linux.EACCES {
		t.Errorf("uid 1000 with every capability writing overflowuid: %v, want EACCES", err)
	}
	if got := sysctlGet(t, task, ouid); got != "4000" {
		t.Errorf("overflowuid = %s", got)
	}
}

// TestMaxUserNamespaces: user.max_user_namespaces is the opener's user
// namespace's (INT_MAX in a new one), writable there with
// CAP_SYS_RESOURCE over it; a namespace made in it counts against its
// creator there and against the creators of every namespace above, and
// one more than a level allows is ENOSPC until one is freed.
func TestMaxUserNamespaces(t *testing.T) {
	task := procTask(t)
	const maxNS = "/proc/sys/user/max_user_namespaces"
	if got := sysctlGet(t, task, maxNS); got != "32768" { // 8 GiB of RAM
		t.Errorf("initial namespace: %s", got)
	}
	a := inUserNS(t, task, "0 1000 10")
	if got := sysctlGet(t, a, maxNS); got != "2147483647" {
		t.Errorf("new namespace: %s", got)
	}
	for _, v := range []string{"-1", "2147483648"} {
		if err := sysctlSet(a, maxNS, v); err != linux.EINVAL {
			t.Errorf("write %s: %v, want EINVAL", v, err)
		}
	}
	if err := sysctlSet(a, maxNS, "1"); err != nil {
		t.Fatalf("namespace root (uid 1000 outside) setting its limit: %v", err)
	}
	if got := sysctlGet(t, task, maxNS); got != "32768" {
		t.Errorf("initial namespace after the child's write: %s", got)
	}
	b := inUserNS(t, a, "0 0 1") // counts against uid 1000 in a
	for _, who := range []*vfs.Task{a, b} {
		c := who.Clone(0)
		if err := c.Unshare(linux.CLONE_NEWUSER); err != linux.ENOSPC {
			t.Errorf("second namespace under a's limit: %v, want ENOSPC", err)
		}
		c.Exit()
	}
	other := a.Clone(0)
	defer other.Exit()
	if err := other.Setresuid(5, 5, 5); err != nil {
		t.Fatal(err)
	}
	if err := sysctlSet(other, maxNS, "3"); err != linux.EACCES {
		t.Errorf("writing without CAP_SYS_RESOURCE over the namespace: %v, want EACCES", err)
	}
	if err := other.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Errorf("another user of a: %v", err)
	}
	b.Exit() // frees b: a's count for uid 1000 drops
	c := a.Clone(0)
	defer c.Exit()
	if err := c.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Errorf("after b is gone: %v", err)
	}
}

// TestFailedUnshareUncharges: an unshare that makes a user namespace and
// then fails (a second CLONE_NEWPID: EINVAL) leaves nothing charged.
func TestFailedUnshareUncharges(t *testing.T) {
	task := procTask(t)
	a := inUserNS(t, task, "0 1000 10")
	if err := sysctlSet(a, "/proc/sys/user/max_user_namespaces", "1"); err != nil {
		t.Fatal(err)
	}
	c := a.Clone(0)
	defer c.Exit()
	if err := c.Unshare(linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.Unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWPID); err != linux.EINVAL {
			t.Fatalf("second CLONE_NEWPID with CLONE_NEWUSER: %v, want EINVAL", err)
		}
	}
	if err := c.Unshare(linux.CLONE_NEWUSER); err != nil {
		t.Errorf("after the failed ones: %v", err)
	}
}
