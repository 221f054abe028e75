// SPDX-License-Identifier: Apache-2.0

// Package defaultimage makes the images of `linuxvfs boot`'s embedded
// default: an initramfs whose /init mounts the root image (/dev/vda) and
// switches to it, and that root image, a squashfs holding /sbin/init.
// Both are made from our own files, in Go, each time they are asked for.
package defaultimage

import (
	"bytes"
	_ "embed"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Cmdline is the kernel command line the default boots with, its root
// image attached read-only as the first disk.
const Cmdline = "root=/dev/vda"

//go:embed default-init.sh
var rootInit string

// Root returns the default's root filesystem: a squashfs image made
// here, from our own files, with a program file for each program of set
// in /bin or /sbin.
func Root(set *applet.Set) ([]byte, error) {
	files := map[string]string{
		"bin/": "", "dev/": "", "etc/": "", "proc/": "", "root/": "", "run/": "", "sbin/": "", "sys/": "", "tmp/": "",
		"etc/os-release": "NAME=\"linuxvfs\"\nID=linuxvfs\nPRETTY_NAME=\"linuxvfs default root (squashfs)\"\nVERSION_ID=" + applet.Version + "\n",
		"etc/motd":       "This root filesystem is a squashfs image the linuxvfs binary made at boot.\n",
	}
	for _, name := range set.AllNames() {
		dir := strings.TrimPrefix(set.ProgramDirs(name)[0], "/usr/")
		files[dir+"/"+name] = string(applet.ProgramImage(name))
	}
	files["sbin/init"] = rootInit
	return testimage.Squashfs(files, time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
}

//go:embed default-initramfs-init.sh
var initramfsInit string

// initramfsApplets are the links to busybox the initramfs's /init uses.
var initramfsApplets = []string{"sh", "mount", "stat", "ls", "grep", "switch_root"}

// Initramfs returns the default's initramfs: a newc archive written here
// whose /init mounts the root image and switches to it, with the tools
// it runs as links to /bin/busybox, as initramfs generators make them.
func Initramfs() []byte {
	var buf bytes.Buffer
	w := initramfs.NewWriter(&buf, false)
	for _, d := range []string{"bin", "proc", "sys", "run", "newroot"} {
		w.WriteEntry(initramfs.Entry{Name: d, Mode: linux.S_IFDIR | 0o755})
	}
	w.WriteEntry(initramfs.Entry{Name: "bin/busybox", Mode: linux.S_IFREG | 0o755, Data: applet.ProgramImage("busybox")})
	for _, a := range initramfsApplets {
		w.WriteEntry(initramfs.Entry{Name: "bin/" + a, Mode: linux.S_IFLNK | 0o777, Data: []byte("busybox")})
	}
	w.WriteEntry(initramfs.Entry{Name: "init", Mode: linux.S_IFREG | 0o755, Data: []byte(initramfsInit)})
	w.Close()
	return buf.Bytes()
}
