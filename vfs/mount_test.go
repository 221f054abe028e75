// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func bootMounts(t *testing.T) *vfs.Task {
	t.Helper()
	init := bootTmpfs(t)
	k := init.Kernel()
	t.Cleanup(func() { checkInvariants(t, k) })
	for _, d := range []string{"/mnt", "/mnt/x", "/b", "/c"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	fd, err := init.Creat("/f", 0o644)
	if err != nil {
		t.Fatal(err)
	}
	init.Close(fd)
	return init
}

// checkInvariants runs the invariant checker on a kernel whose only
// filesystems are tmpfs and rootfs.
func checkInvariants(t testing.TB, k *vfs.Kernel) {
	t.Helper()
	if err := vfs.CheckInvariants(k, vfs.CheckOptions{Exact: true}); err != nil {
		t.Fatal(err)
	}
}

type mountOp struct {
	source, target, fstype string
	flags                  uint64
	data                   string
}

func TestMountErrnos(t *testing.T) {
	cases := []struct {
		name  string
		setup []mountOp
		op    mountOp
		want  error
	}{
		{"missing target", nil, mountOp{"t", "/nope", "tmpfs", 0, ""}, linux.ENOENT},
		{"unknown type", nil, mountOp{"t", "/mnt", "foofs", 0, ""}, linux.ENODEV},
		{"no type", nil, mountOp{"t", "/mnt", "", 0, ""}, linux.EINVAL},
		{"bad option", nil, mountOp{"t", "/mnt", "tmpfs", 0, "foo"}, linux.EINVAL},
		{"bad size", nil, mountOp{"t", "/mnt", "tmpfs", 0, "size=1x"}, linux.EINVAL},
		{"file on dir", nil, mountOp{"/f", "/mnt", "", linux.MS_BIND, ""}, linux.ENOTDIR},
		{"dir on file", nil, mountOp{"/mnt", "/f", "", linux.MS_BIND, ""}, linux.ENOTDIR},
		{"bind missing source", nil, mountOp{"/nope", "/mnt", "", linux.MS_BIND, ""}, linux.ENOENT},
		{"bind empty source", nil, mountOp{"", "/mnt", "", linux.MS_BIND, ""}, linux.EINVAL},
		{"bind unbindable", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}, {"", "/mnt", "", linux.MS_UNBINDABLE, ""}},
			mountOp{"/mnt", "/b", "", linux.MS_BIND, ""}, linux.EINVAL},
		{"two propagation types", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}},
			mountOp{"", "/mnt", "", linux.MS_SHARED | linux.MS_PRIVATE, ""}, linux.EINVAL},
		{"propagation not a mount root", nil, mountOp{"", "/mnt", "", linux.MS_SHARED, ""}, linux.EINVAL},
		{"propagation plus nosuid", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}},
			mountOp{"", "/mnt", "", linux.MS_SHARED | linux.MS_NOSUID, ""}, linux.EINVAL},
		{"move not a mount", nil, mountOp{"/b", "/c", "", linux.MS_MOVE, ""}, linux.EINVAL},
		{"move into own subtree", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}, {"", "/mnt/y", "", 0, "mkdir"}},
			mountOp{"/mnt", "/mnt/y", "", linux.MS_MOVE, ""}, linux.ELOOP},
		{"move from shared parent", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}, {"", "/mnt/y", "", 0, "mkdir"},
			{"u", "/mnt/y", "tmpfs", 0, ""}, {"", "/mnt", "", linux.MS_SHARED, ""}},
			mountOp{"/mnt/y", "/b", "", linux.MS_MOVE, ""}, linux.EINVAL},
		{"same fs same place", []mountOp{{"t", "/mnt", "tmpfs", 0, ""}, {"/mnt", "/b", "", linux.MS_BIND, ""}},
			mountOp{"/mnt", "/b", "", linux.MS_BIND, ""}, nil},
		{"remount not a mount root", nil, mountOp{"", "/mnt/x", "", linux.MS_REMOUNT, ""}, linux.EINVAL},
		{"nouser flag", nil, mountOp{"t", "/mnt", "tmpfs", linux.MS_NOUSER, ""}, linux.EINVAL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			init := bootMounts(t)
			for _, s := range c.setup {
				var err error
				if s.data == "mkdir" {
					err = init.Mkdir(s.target, 0o755)
				} else {
					err = init.Mount(s.source, s.target, s.fstype, s.flags, s.data)
				}
				if err != nil {
					t.Fatalf("setup %+v: %v", s, err)
				}
			}
			err := init.Mount(c.op.source, c.op.target, c.op.fstype, c.op.flags, c.op.data)
			if err != c.want {
				t.Fatalf("mount %+v = %v, want %v", c.op, err, c.want)
			}
		})
	}
}

func TestMountPermission(t *testing.T) {
	init := bootMounts(t)
	u := init.Clone(0)
	u.SetCred(vfs.UserCred(1000, 1000))
	if err := u.Mount("t", "/mnt", "tmpfs", 0, ""); err != linux.EPERM {
		t.Fatalf("unprivileged mount = %v, want EPERM", err)
	}
	if err := u.Mount("t", "/nope", "tmpfs", 0, ""); err != linux.ENOENT {
		t.Fatalf("lookup comes before the capability check: got %v", err)
	}
	if err := u.Umount("/"); err != linux.EPERM {
		t.Fatalf("unprivileged umount = %v, want EPERM", err)
	}
}

func TestUmountRules(t *testing.T) {
	init := bootMounts(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(init.Mount("t", "/mnt", "tmpfs", 0, ""))
	if err := init.Umount("/mnt/x"); err != linux.ENOENT {
		t.Fatalf("umount of a path inside the new mount: %v", err)
	}
	must(init.Mkdir("/mnt/d", 0o755))
	if err := init.Umount("/mnt/d"); err != linux.EINVAL {
		t.Fatalf("umount not a mount root = %v, want EINVAL", err)
	}
	must(init.Chdir("/mnt/d"))
	if err := init.Umount("/mnt"); err != linux.EBUSY {
		t.Fatalf("umount with cwd inside = %v, want EBUSY", err)
	}
	must(init.Chdir("/"))
	fd, err := init.Open("/mnt/d/file", linux.O_CREAT|linux.O_RDWR, 0o644)
	must(err)
	if err := init.Umount("/mnt"); err != linux.EBUSY {
		t.Fatalf("umount with an open file = %v, want EBUSY", err)
	}
	if err := init.Umount2("/mnt", linux.MNT_EXPIRE); err != linux.EBUSY {
		t.Fatalf("expire of a busy mount = %v, want EBUSY", err)
	}
	must(init.Umount2("/mnt", linux.MNT_DETACH))
	if _, err := init.Write(fd, []byte("still works")); err != nil {
		t.Fatalf("write after lazy umount: %v", err)
	}
	if _, err := init.Stat("/mnt/d"); err != linux.ENOENT {
		t.Fatalf("lookup after lazy umount = %v, want ENOENT", err)
	}
	must(init.Close(fd))
	must(init.Mount("t", "/mnt", "tmpfs", 0, ""))
	if err := init.Umount2("/mnt", linux.MNT_EXPIRE); err != linux.EAGAIN {
		t.Fatalf("first expire = %v, want EAGAIN", err)
	}
	if err := init.Umount2("/mnt", linux.MNT_EXPIRE|linux.MNT_DETACH); err != linux.EINVAL {
		t.Fatalf("expire with detach = %v, want EINVAL", err)
	}
	must(init.Umount2("/mnt", linux.MNT_EXPIRE))
	// A busy mount is not marked: once idle, the first expire still only
	// marks it (as Linux 6.18 does).
	must(init.Mount("t", "/mnt", "tmpfs", 0, ""))
	must(init.Mkdir("/mnt/c", 0o755))
	must(init.Mount("c", "/mnt/c", "tmpfs", 0, ""))
	if err := init.Umount2("/mnt", linux.MNT_EXPIRE); err != linux.EBUSY {
		t.Fatalf("expire with a child mount = %v, want EBUSY", err)
	}
	must(init.Umount("/mnt/c"))
	if err := init.Umount2("/mnt", linux.MNT_EXPIRE); err != linux.EAGAIN {
		t.Fatalf("first expire once idle = %v, want EAGAIN", err)
	}
	must(init.Umount2("/mnt", linux.MNT_EXPIRE))
	if err := init.Umount2("/mnt", 0x100); err != linux.EINVAL {
		t.Fatalf("unknown flag = %v, want EINVAL", err)
	}
}

func TestMountIDsReused(t *testing.T) {
	init := bootMounts(t)
	for i := 0; i < 3; i++ {
		if err := init.Mount("t", "/mnt", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
		if err := init.Umount("/mnt"); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mount("t", "/mnt", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	// rootfs is mount 1 on device 0:1, and the kernel's own nsfs, sockfs
	// and pipefs 2 to 4; the lowest free ID and minor are 5.
	want := "5 1 0:5 / /mnt rw,relatime - tmpfs t rw\n"
	if got := init.Mountinfo(); !strings.HasSuffix(got, want) {
		t.Fatalf("mountinfo:\n%s\nwant last line %q", got, want)
	}
}

func TestSharedSubtreeBindPropagation(t *testing.T) {
	init := bootMounts(t)
	for _, op := range []mountOp{
		{"t", "/mnt", "tmpfs", 0, ""}, {"", "/mnt", "", linux.MS_SHARED, ""},
		{"/mnt", "/b", "", linux.MS_BIND, ""}, {"", "/b", "", linux.MS_SLAVE, ""},
	} {
		if err := init.Mount(op.source, op.target, op.fstype, op.flags, op.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mkdir("/mnt/y", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := init.Mount("u", "/mnt/y", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := init.Mkdir("/b/y/z", 0o755); err != nil {
		t.Fatalf("the slave should see the mount propagated from its master: %v", err)
	}
	if err := init.Mkdir("/b/z", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := init.Mount("v", "/b/z", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := init.Stat("/mnt/z"); err != nil {
		t.Fatal(err)
	}
	st1, _ := init.Stat("/mnt/z")
	st2, _ := init.Stat("/b/z")
	if st1.Dev() == st2.Dev() {
		t.Fatal("a mount on the slave must not propagate back to the master")
	}
	got := init.Mountinfo()
	want := []string{
		"5 1 0:5 / /mnt rw,relatime shared:1 - tmpfs t rw",
		"6 1 0:5 / /b rw,relatime master:1 - tmpfs t rw",
		"7 5 0:6 / /mnt/y rw,relatime shared:2 - tmpfs u rw",
		"8 6 0:6 / /b/y rw,relatime master:2 - tmpfs u rw",
		"9 6 0:7 / /b/z rw,relatime - tmpfs v rw",
	}
	if !strings.Contains(got, strings.Join(want, "\n")) {
		t.Fatalf("mountinfo:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestRemoveMountpointOfOtherNamespace(t *testing.T) {
	init := bootMounts(t)
	child := init.Clone(0)
	if err := child.Unshare(linux.CLONE_NEWNS); err != nil {
		t.Fatal(err)
	}
	if err := child.Mount("t", "/mnt/x", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := child.Rmdir("/mnt/x"); err != linux.EBUSY {
		t.Fatalf("rmdir of a mountpoint in our namespace = %v, want EBUSY", err)
	}
	if err := init.Rmdir("/mnt/x"); err != nil {
		t.Fatalf("rmdir of a mountpoint of another namespace = %v, want success", err)
	}
	if got := child.Mountinfo(); strings.Contains(got, "/mnt/x") {
		t.Fatalf("the mount on the removed directory should be detached:\n%s", got)
	}
}

func TestMakeSharedClearsUnbindable(t *testing.T) {
	init := bootMounts(t)
	for _, f := range []uint64{0, linux.MS_UNBINDABLE, linux.MS_SHARED} {
		var err error
		if f == 0 {
			err = init.Mount("t", "/mnt", "tmpfs", 0, "")
		} else {
			err = init.Mount("", "/mnt", "", f, "")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := init.Mountinfo(); !strings.Contains(got, "/mnt rw,relatime shared:1 - tmpfs") {
		t.Fatalf("make-shared of an unbindable mount:\n%s", got)
	}
}
