// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// busyboxInitramfsInit is the /init of a typical busybox initramfs: links
// for every applet, the API filesystems, the root disk mounted by probing
// its type, the API mounts moved into it by hand (busybox's switch_root
// moves none), and the hand-over.
const busyboxInitramfsInit = `#!/bin/busybox sh
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "initramfs: pid $$, mount is $(readlink /bin/mount)"
mount -o ro /dev/vda /newroot || echo "root not mounted: $?"
mount --move /dev /newroot/dev
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
echo "moved: $?"
mount /dev/nothing /newroot/run; echo "no device: $?"
exec switch_root /newroot /sbin/init
`

const busyboxRootInit = `#!/bin/sh
echo "root init: pid $$"
cut -d' ' -f1-3 /proc/mounts
ls /run | wc -l
poweroff -f
`

// TestBusyboxInitramfsBoot boots a busybox-style initramfs onto a squashfs
// root and checks the console: busybox's mount is silent about the moves
// (util-linux's would complain of its userspace table and fail with 16),
// says busybox's words for a failure, and switch_root hands over to the
// root's init as pid 1 with the mounts /init moved and no others.
func TestBusyboxInitramfsBoot(t *testing.T) {
	root, err := testimage.Squashfs(testimage.Programs(map[string]string{
		"dev/": "", "proc/": "", "sys/": "", "run/": "", "sbin/": "",
		"sbin/init": busyboxRootInit,
	}, "bin", "sh", "cut", "ls", "wc", "poweroff"), time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var cpio bytes.Buffer
	w := initramfs.NewWriter(&cpio, false)
	for _, d := range []string{"bin", "sbin", "dev", "proc", "sys", "newroot"} {
		w.WriteEntry(initramfs.Entry{Name: d, Mode: linux.S_IFDIR | 0o755})
	}
	w.WriteEntry(initramfs.Entry{Name: "bin/busybox", Mode: linux.S_IFREG | 0o755, Data: []byte("\x7fELF\x02\x01\x01")})
	w.WriteEntry(initramfs.Entry{Name: "init", Mode: linux.S_IFREG | 0o755, Data: []byte(busyboxInitramfsInit)})
	w.Close()
	dir := t.TempDir()
	rootPath, initrd := filepath.Join(dir, "root.img"), filepath.Join(dir, "initrd.cpio")
	if err := os.WriteFile(rootPath, root, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(initrd, cpio.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	code := runBoot(context.Background(), []string{"--disk", rootPath + ",ro", "--initrd", initrd, "root=/dev/vda", "quiet"}, strings.NewReader(""), &out, &errb)
	console := out.String()
	want := `initramfs: pid 1, mount is /bin/busybox
moved: 0
mount: mounting /dev/nothing on /newroot/run failed: No such file or directory
no device: 255
root init: pid 1
proc /proc proc
sysfs /sys sysfs
devtmpfs /dev devtmpfs
/dev/vda / squashfs
0
`
	if code != 0 || !strings.Contains(console, want) || errb.Len() != 0 || strings.Contains(console, "userspace mount table") {
		t.Errorf("status %d; console:\n%s\nstderr:\n%s\nwant in the console:\n%s", code, console, errb.String(), want)
	}
}
