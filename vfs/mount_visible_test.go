// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// procUserNS boots with proc on /proc and returns the kernel's init and a
// task in a new user namespace (mapping root) with a mount namespace it
// owns, its children in a new PID namespace: setup runs first, outside.
func procUserNS(t *testing.T, setup func(init *vfs.Task)) (*vfs.Task, *vfs.Task) {
	t.Helper()
	init := bootMounts(t)
	k := init.Kernel()
	if err := k.RegisterFilesystem(proc.Type{}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"/proc", "/ro"} {
		if err := init.Mkdir(d, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	if err := init.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	setup(init)
	u := init.Clone(0)
	t.Cleanup(u.Exit)
	if err := u.Unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS | linux.CLONE_NEWPID); err != nil {
		t.Fatal(err)
	}
	fd, err := u.Open("/proc/self/uid_map", linux.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write(fd, []byte("0 0 1")); err != nil {
		t.Fatal(err)
	}
	u.Close(fd)
	c, err := u.Fork(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Exit)
	return init, c
}

// A proc whose /proc/sys a locked mount covers does not make a new proc
// mount possible; one that shows all does, and a read-only one only for a
// read-only mount, which keeps ro locked.
func TestMountTooRevealing(t *testing.T) {
	_, c := procUserNS(t, func(*vfs.Task) {})
	if err := c.Mount("p", "/mnt", "proc", 0, ""); err != nil {
		t.Fatalf("proc fully visible: %v", err)
	}
	if err := c.Mount("p", "/b", "proc", linux.MS_NOATIME, ""); err != linux.EPERM {
		t.Errorf("noatime under a locked relatime: %v, want EPERM", err)
	}

	_, c = procUserNS(t, func(init *vfs.Task) {
		if err := init.Mount("s", "/proc/sys", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
	})
	if err := c.Mount("p", "/mnt", "proc", 0, ""); err != linux.EPERM {
		t.Fatalf("proc with /proc/sys covered: %v, want EPERM", err)
	}
	if err := c.Mount("t", "/c", "tmpfs", 0, ""); err != nil {
		t.Fatalf("tmpfs is not proc: %v", err)
	}

	_, c = procUserNS(t, func(init *vfs.Task) {
		if err := init.Mount("s", "/proc/sys", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
		if err := init.Mount("p", "/ro", "proc", linux.MS_RDONLY, ""); err != nil {
			t.Fatal(err)
		}
	})
	if err := c.Mount("p", "/mnt", "proc", 0, ""); err != linux.EPERM {
		t.Fatalf("rw proc where only a ro one shows all: %v, want EPERM", err)
	}
	if err := c.Mount("p", "/mnt", "proc", linux.MS_RDONLY, ""); err != nil {
		t.Fatalf("ro proc: %v", err)
	}
	if err := c.Mount("", "/mnt", "", linux.MS_REMOUNT|linux.MS_BIND, ""); err != linux.EPERM {
		t.Errorf("remount rw of the new ro proc: %v, want EPERM (locked)", err)
	}
}

// fsmount refuses the same way and says why in the context's log.
func TestFsmountTooRevealing(t *testing.T) {
	_, c := procUserNS(t, func(init *vfs.Task) {
		if err := init.Mount("s", "/proc/sys", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
	})
	fd, err := c.Fsopen("proc", 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Fsmount(fd, 0, 0); err != linux.EPERM {
		t.Fatalf("fsmount: %v, want EPERM", err)
	}
	buf := make([]byte, 256)
	n, err := c.Read(fd, buf)
	if err != nil || strings.TrimSpace(string(buf[:n])) != "e VFS: Mount too revealing" {
		t.Errorf("log %q, %v", buf[:n], err)
	}
	c.Close(fd)
}
