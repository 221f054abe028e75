// SPDX-License-Identifier: Apache-2.0

package loop_test

import (
	"io"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/sysfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// withSysfs mounts sysfs on /sys of setup's kernel.
func withSysfs(t *testing.T) *vfs.Task {
	t.Helper()
	task := setup(t)
	must(t, task.Kernel().RegisterFilesystem(sysfs.Type{}))
	must(t, task.Mkdir("/sys", 0o555))
	must(t, task.Mount("sysfs", "/sys", "sysfs", 0, ""))
	return task
}

func cat(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	var b strings.Builder
	buf := make([]byte, 64)
	for {
		n, err := task.Read(fd, buf)
		if err != nil && err != io.EOF {
			t.Fatalf("read %s: %v", name, err)
		}
		if n == 0 {
			return b.String()
		}
		b.Write(buf[:n])
	}
}

// TestSysfsAttributes: /sys/block/loopN follows the device: its size in
// sectors, the loop/ group only while bound, with the backing file's
// path as the reader sees it; ro stays set after a read-only file is let
// go, as on Linux 6.18; diskseq moves on at each bind.
func TestSysfsAttributes(t *testing.T) {
	task := withSysfs(t)
	if got := cat(t, task, "/sys/block/loop0/size"); got != "0\n" {
		t.Errorf("size of an unbound device %q", got)
	}
	seq := cat(t, task, "/sys/block/loop0/diskseq")
	if seq != "1\n" {
		t.Errorf("diskseq of loop0 at boot %q, want 1", seq)
	}
	if _, err := task.Stat("/sys/block/loop0/loop"); err != linux.ENOENT {
		t.Fatalf("loop/ of an unbound device: %v", err)
	}
	must(t, task.Mkdir("/d", 0o755))
	must(t, task.Rename("/img", "/d/img"))
	attach(t, task, "/d/img", linux.O_RDONLY)
	for name, want := range map[string]string{
		"size":                     "2\n",
		"ro":                       "1\n",
		"diskseq":                  "9\n", // after loop0..7's 1..8
		"loop/backing_file":        "/d/img\n",
		"loop/offset":              "0\n",
		"loop/autoclear":           "0\n",
		"queue/logical_block_size": "512\n",
		"uevent":                   "MAJOR=7\nMINOR=0\nDEVNAME=loop0\nDEVTYPE=disk\nDISKSEQ=9\n",
	} {
		if got := cat(t, task, "/sys/block/loop0/"+name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// The path is d_path from the reader's root.
	must(t, task.Mkdir("/d/sys", 0o555))
	must(t, task.Mount("sysfs", "/d/sys", "sysfs", 0, ""))
	root, err := task.Open("/", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	must(t, task.Chroot("/d"))
	if got := cat(t, task, "/sys/block/loop0/loop/backing_file"); got != "/img\n" {
		t.Errorf("backing_file read from a chroot: %q", got)
	}
	must(t, task.Fchdir(root))
	must(t, task.Chroot("."))
	must(t, task.Close(root))

	fd, err := task.Open("/dev/loop0", linux.O_RDONLY, 0)
	must(t, err)
	_, err = task.Ioctl(fd, linux.LOOP_CLR_FD, nil)
	must(t, err)
	must(t, task.Close(fd))
	if _, err := task.Stat("/sys/block/loop0/loop/backing_file"); err != linux.ENOENT {
		t.Errorf("backing_file after detach: %v", err)
	}
	if got := cat(t, task, "/sys/block/loop0/ro"); got != "1\n" {
		t.Errorf("ro after a read-only file went: %q, want 1", got)
	}
}
