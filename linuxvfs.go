// SPDX-License-Identifier: Apache-2.0

// Package linuxvfs wires the core (package vfs) to the filesystem types and
// devices: NewKernel registers every filesystem type in the order Linux
// registers them, and Boot brings up a small Linux system. The shell and
// its programs are in package userland and below.
package linuxvfs

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/device/mem"
	"github.com/linuxvfs/linuxvfs/device/tty"
	"github.com/linuxvfs/linuxvfs/fs/cgroup"
	"github.com/linuxvfs/linuxvfs/fs/devpts"
	"github.com/linuxvfs/linuxvfs/fs/devtmpfs"
	"github.com/linuxvfs/linuxvfs/fs/ext4"
	"github.com/linuxvfs/linuxvfs/fs/fat"
	"github.com/linuxvfs/linuxvfs/fs/isofs"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/fs/overlay"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/fs/ramfs"
	"github.com/linuxvfs/linuxvfs/fs/romfs"
	"github.com/linuxvfs/linuxvfs/fs/squashfs"
	"github.com/linuxvfs/linuxvfs/fs/sysfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// NewKernel returns a kernel with every filesystem type linuxvfs has
// registered, in the order Linux's /proc/filesystems lists them.
func NewKernel() *vfs.Kernel {
	k := vfs.NewKernel()
	k.SetTotalRAM(hostRAM())
	k.SetDirectGBPages(hostGBPages)
	for _, t := range []vfs.FilesystemType{sysfs.Type{}, tmpfs.Type{}, proc.Type{}, cgroup.Type{}, devtmpfs.Type{}, ramfs.Type{}, devpts.Type{},
		ext4.Ext3, ext4.Ext2, ext4.Ext4, squashfs.Type{}, overlay.Type{}, fat.Vfat, fat.Msdos,
		isofs.Type{}, romfs.Type{}} {
		if err := k.RegisterFilesystem(t); err != nil {
			panic("linuxvfs: " + t.Name() + " registered twice")
		}
	}
	k.SetShmemFilesystem(tmpfs.Type{})
	if err := devpts.RegisterSysctls(k); err != nil {
		panic("linuxvfs: pty sysctls: " + err.Error())
	}
	if err := mqueue.Register(k); err != nil {
		panic("linuxvfs: mqueue: " + err.Error())
	}
	cgroup.InitHierarchy(k)
	if err := devtmpfs.Register(k); err != nil {
		panic("linuxvfs: devtmpfs: " + err.Error())
	}
	if err := mem.Register(k); err != nil {
		panic("linuxvfs: memory devices: " + err.Error())
	}
	if err := tty.Register(k); err != nil {
		panic("linuxvfs: tty devices: " + err.Error())
	}
	if _, err := loop.Register(k); err != nil {
		panic("linuxvfs: loop devices: " + err.Error())
	}
	return k
}

// BootRootfs returns init of a new kernel whose root is rootfs itself
// (init_mount_tree), as the kernel has it before user space starts.
func BootRootfs() (*vfs.Task, error) {
	return NewKernel().InitMountTree(tmpfs.RootfsType{}, "")
}

// Boot returns init of a small Linux system: a private tmpfs as the root
// (moved over rootfs and chrooted into, as switch_root does), with proc on
// /proc, sysfs on /sys, devtmpfs on /dev (holding the nodes of every
// device: null, zero, full, random, urandom, tty, console, ptmx,
// loop-control and loop0..7, and what udev adds on a distribution: the
// fd, stdin, stdout and stderr links into /proc/self/fd and the pts and
// shm directories), a tmpfs on /tmp and one (mode 755) on /run,
// where libmount keeps its utab, an empty /mnt, the directory every
// Linux distribution provides for mounting something by hand, and the
// merged /usr's directories and links (usrMerged). It runs as uid 0 with every capability,
// umask 022, in /.
func Boot() (*vfs.Task, error) {
	t, err := BootRootfs()
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { return t.Mkdir("/sysroot", 0o755) },
		func() error { return t.Mount("tmpfs", "/sysroot", "tmpfs", 0, "") },
		func() error { return t.Chdir("/sysroot") },
		func() error { return t.Mount(".", "/", "", linux.MS_MOVE, "") },
		func() error { return t.Chroot(".") },
		func() error { return t.Chdir("/") },
		func() error { return t.Mkdir("/proc", 0o555) },
		func() error { return t.Mkdir("/sys", 0o555) },
		func() error { return t.Mkdir("/dev", 0o755) },
		func() error { return t.Mkdir("/tmp", 0o1777) },
		func() error { return t.Mkdir("/run", 0o755) },
		func() error { return t.Mkdir("/mnt", 0o755) },
		func() error { return usrMerged(t) },
		func() error { return t.Mount("proc", "/proc", "proc", 0, "") },
		func() error { return t.Mount("sysfs", "/sys", "sysfs", 0, "") },
		func() error { return t.Mount("devtmpfs", "/dev", "devtmpfs", 0, "") },
		func() error { return devLinks(t) },
		func() error { return t.Mount("tmpfs", "/tmp", "tmpfs", 0, "") },
		func() error { return t.Mount("tmpfs", "/run", "tmpfs", 0, "mode=755") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("linuxvfs: boot step %d: %w", i+1, err)
		}
	}
	return t, nil
}

// usrMerged makes the directories a Debian system keeps its programs,
// libraries and configuration in, with the merged /usr's links: /bin,
// /sbin, /lib and /lib64 into /usr, and an empty /etc. The programs
// themselves are user space's to install (userland.Boot).
func usrMerged(t *vfs.Task) error {
	for _, d := range []string{"/etc", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64"} {
		if err := t.Mkdir(d, 0o755); err != nil {
			return err
		}
	}
	for _, l := range []string{"bin", "sbin", "lib", "lib64"} {
		if err := t.Symlink("usr/"+l, "/"+l); err != nil {
			return err
		}
	}
	return nil
}

// devLinks adds to /dev what user space (udev, systemd) makes there on
// every distribution and the kernel does not: scripts write to
// /dev/stderr and read /dev/stdin.
func devLinks(t *vfs.Task) error {
	for _, l := range [][2]string{{"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
		{"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}} {
		if err := t.Symlink(l[0], l[1]); err != nil {
			return err
		}
	}
	for _, d := range []string{"/dev/pts", "/dev/shm"} {
		if err := t.Mkdir(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}
