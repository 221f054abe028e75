// SPDX-License-Identifier: Apache-2.0

package sysfs_test

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/sysfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// sysTask is a kernel with the memory devices null (mode 0666) and
// loop-control, a disk loop0 with a size and a group that comes and
// goes with bound, and sysfs mounted on /sys.
func sysTask(t *testing.T, bound *atomic.Bool) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	for _, ty := range []vfs.FilesystemType{sysfs.Type{}, tmpfs.Type{}} {
		if err := k.RegisterFilesystem(ty); err != nil {
			t.Fatal(err)
		}
	}
	visible := func() bool { return bound.Load() }
	devs := []*vfs.Device{
		{Name: "null", Class: "mem", Dev: linux.Mkdev(1, 3), Mode: 0o666},
		{Name: "loop-control", Class: "misc", Dev: linux.Mkdev(10, 237)},
		{Name: "loop0", Class: "block", Block: true, Dev: linux.Mkdev(7, 0), Attrs: []vfs.DeviceAttr{
			{Name: "size", Show: func(*vfs.Task) string { return "2048\n" }},
			{Name: "diskseq", Show: func(*vfs.Task) string { return "9\n" }},
			{Name: "loop/backing_file", Show: func(t *vfs.Task) string { return "/img\n" }, Visible: visible},
			{Name: "loop/offset", Show: func(*vfs.Task) string { return "0\n" }, Visible: visible},
		}},
	}
	for _, d := range devs {
		if err := k.DeviceAdd(d); err != nil {
			t.Fatal(err)
		}
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := task.Mkdir("/sys", 0o555); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("sysfs", "/sys", "sysfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(task.Exit)
	return task
}

func readFile(task *vfs.Task, name string) (string, error) {
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer task.Close(fd)
	var b strings.Builder
	buf := make([]byte, 7) // small, so that reads continue at offsets
	for {
		n, err := task.Read(fd, buf)
		if err != nil && err != io.EOF {
			return b.String(), err
		}
		if n == 0 {
			return b.String(), nil
		}
		b.Write(buf[:n])
	}
}

func listDir(t *testing.T, task *vfs.Task, name string) []string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	var names []string
	for {
		ents, err := task.Getdents(fd, 2) // a few at a time: the offsets must resume
		if err != nil {
			t.Fatalf("getdents %s: %v", name, err)
		}
		if len(ents) == 0 {
			return names
		}
		for _, e := range ents {
			if e.Name != "." && e.Name != ".." {
				names = append(names, e.Name)
			}
		}
	}
}

// TestAttributes: dev and uevent as Linux 6.18 formats them (DEVMODE only
// for a node mode other than the default; a disk's type and diskseq),
// attribute files 4096 bytes, mode 0444 or 0644 (uevent).
func TestAttributes(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	for name, want := range map[string]string{
		"/sys/class/mem/null/dev":                            "1:3\n",
		"/sys/dev/char/1:3/uevent":                           "MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n",
		"/sys/class/misc/loop-control/uevent":                "MAJOR=10\nMINOR=237\nDEVNAME=loop-control\n",
		"/sys/block/loop0/uevent":                            "MAJOR=7\nMINOR=0\nDEVNAME=loop0\nDEVTYPE=disk\nDISKSEQ=9\n",
		"/sys/block/loop0/size":                              "2048\n",
		"/sys/devices/virtual/mem/null/power/control":        "auto\n",
		"/sys/devices/virtual/mem/null/power/runtime_status": "unsupported\n",
	} {
		if got, err := readFile(task, name); got != want || err != nil {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := readFile(task, "/sys/class/mem/null/power/autosuspend_delay_ms"); err != linux.EIO {
		t.Errorf("autosuspend_delay_ms read: %v, want EIO", err)
	}
	for name, mode := range map[string]uint32{
		"/sys/class/mem/null/dev":    linux.S_IFREG | 0o444,
		"/sys/class/mem/null/uevent": linux.S_IFREG | 0o644,
		"/sys/class/mem/null":        linux.S_IFDIR | 0o755,
		"/sys":                       linux.S_IFDIR | 0o555,
	} {
		st, err := task.Stat(name)
		if err != nil || uint32(st.Mode) != mode {
			t.Errorf("stat %s: mode %o, %v; want %o", name, st.Mode, err, mode)
		}
		if want := int64(0); mode&linux.S_IFMT == linux.S_IFREG && st.Size != 4096 || mode&linux.S_IFMT == linux.S_IFDIR && st.Size != want {
			t.Errorf("stat %s: size %d", name, st.Size)
		}
	}
	if _, err := task.Open("/sys/class/mem/null/dev", linux.O_WRONLY, 0); err != linux.EACCES {
		t.Errorf("open dev for writing: %v, want EACCES", err)
	}
	fd, err := task.Open("/sys/class/mem/null/uevent", linux.O_WRONLY|linux.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(fd)
	if n, err := task.Write(fd, []byte("add\n")); n != 4 || err != nil {
		t.Errorf("write add to uevent: %d, %v", n, err)
	}
	if _, err := task.Write(fd, []byte("foo\n")); err != linux.EINVAL {
		t.Errorf("write foo to uevent: %v, want EINVAL", err)
	}
}

// TestLinks: the links to a device's directory from /sys/block,
// /sys/class and /sys/dev, and its subsystem link, with Linux's targets.
func TestLinks(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	for name, want := range map[string]string{
		"/sys/block/loop0":                           "../devices/virtual/block/loop0",
		"/sys/class/block/loop0":                     "../../devices/virtual/block/loop0",
		"/sys/dev/block/7:0":                         "../../devices/virtual/block/loop0",
		"/sys/dev/char/1:3":                          "../../devices/virtual/mem/null",
		"/sys/class/mem/null":                        "../../devices/virtual/mem/null",
		"/sys/devices/virtual/mem/null/subsystem":    "../../../../class/mem",
		"/sys/devices/virtual/block/loop0/subsystem": "../../../../class/block",
	} {
		if got, err := task.Readlink(name); got != want || err != nil {
			t.Errorf("readlink %s = %q, %v; want %q", name, got, err, want)
		}
		if st, err := task.Lstat(name); err != nil || uint32(st.Mode) != linux.S_IFLNK|0o777 || st.Size != 0 {
			t.Errorf("lstat %s: %o size %d, %v", name, st.Mode, st.Size, err)
		}
	}
	if _, err := task.Stat("/sys/dev/block/1:3"); err != linux.ENOENT {
		t.Errorf("a char device under dev/block: %v", err)
	}
	if st, err := task.Stat("/sys/block/loop0/subsystem"); err != nil || st.Mode&linux.S_IFMT != linux.S_IFDIR {
		t.Errorf("following block/loop0/subsystem: %v", err)
	}
}

// TestReaddirOrder: directories list in kernfs's hash order, as Linux
// 6.18 lists them (the orders here are the host's).
func TestReaddirOrder(t *testing.T) {
	var bound atomic.Bool
	bound.Store(true)
	task := sysTask(t, &bound)
	for name, want := range map[string][]string{
		"/sys/devices/virtual/mem/null":       {"uevent", "power", "dev", "subsystem"},
		"/sys/devices/virtual/mem/null/power": {"runtime_active_time", "runtime_status", "autosuspend_delay_ms", "runtime_suspended_time", "control"},
		"/sys/fs":                             {"tmpfs", "cgroup"},
	} {
		if got := listDir(t, task, name); !slices.Equal(got, want) {
			t.Errorf("%s lists %q, want %q", name, got, want)
		}
	}
	got := listDir(t, task, "/sys/block/loop0")
	want := []string{"uevent", "diskseq", "power", "dev", "holders", "size", "subsystem", "loop", "slaves"}
	if !slices.Equal(got, want) {
		t.Errorf("/sys/block/loop0 lists %q, want %q", got, want)
	}
	if st, err := task.Stat("/sys/block/loop0"); err != nil || st.Nlink != 2+4 {
		t.Errorf("loop0's links: %d, %v; want 6 (power, holders, slaves, loop)", st.Nlink, err)
	}
}

// TestDevicesComeAndGo: a device added shows at once in every view, one
// removed is gone at once although the dcache held its names, and a
// group that goes with the device's state goes with it.
func TestDevicesComeAndGo(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	k := task.Kernel()
	if _, err := task.Stat("/sys/block/loop0/loop/backing_file"); err != linux.ENOENT {
		t.Fatalf("backing_file of an unbound device: %v", err)
	}
	if slices.Contains(listDir(t, task, "/sys/block/loop0"), "loop") {
		t.Fatal("an unbound device lists loop/")
	}
	bound.Store(true)
	if got, err := readFile(task, "/sys/block/loop0/loop/backing_file"); got != "/img\n" || err != nil {
		t.Fatalf("backing_file of a bound device: %q, %v", got, err)
	}
	bound.Store(false)
	if _, err := task.Stat("/sys/block/loop0/loop/offset"); err != linux.ENOENT {
		t.Fatalf("offset after unbinding: %v", err)
	}

	names := []string{"/sys/block/loop1", "/sys/class/block/loop1", "/sys/dev/block/7:1", "/sys/devices/virtual/block/loop1/dev"}
	for _, n := range names {
		if _, err := task.Stat(n); err != linux.ENOENT {
			t.Fatalf("%s before the device: %v", n, err)
		}
	}
	d := &vfs.Device{Name: "loop1", Class: "block", Block: true, Dev: linux.Mkdev(7, 1)}
	if err := k.DeviceAdd(d); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := task.Stat(n); err != nil {
			t.Fatalf("%s with the device: %v", n, err)
		}
	}
	if !slices.Contains(listDir(t, task, "/sys/block"), "loop1") {
		t.Fatal("/sys/block does not list loop1")
	}
	if err := k.DeviceDel("loop1"); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := task.Stat(n); err != linux.ENOENT {
			t.Fatalf("%s after the device: %v", n, err)
		}
	}
	if slices.Contains(listDir(t, task, "/sys/block"), "loop1") {
		t.Fatal("/sys/block still lists loop1")
	}

	// A new class comes with its first device and goes with its last.
	tty := &vfs.Device{Name: "console", Class: "tty", Dev: linux.Mkdev(5, 1)}
	if err := k.DeviceAdd(tty); err != nil {
		t.Fatal(err)
	}
	if got, err := readFile(task, "/sys/class/tty/console/dev"); got != "5:1\n" || err != nil {
		t.Fatalf("console's dev: %q, %v", got, err)
	}
	if err := k.DeviceDel("console"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"/sys/class/tty", "/sys/devices/virtual/tty"} {
		if _, err := task.Stat(n); err != linux.ENOENT {
			t.Fatalf("%s without devices: %v", n, err)
		}
	}
}

// TestOneSuperblock: every mount shows the same superblock; sysfs takes no
// options.
func TestOneSuperblock(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	if err := task.Mkdir("/s2", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("x", "/s2", "sysfs", linux.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	a, _ := task.Stat("/sys")
	b, _ := task.Stat("/s2")
	if a.Dev() != b.Dev() || a.Ino != 1 || b.Ino != 1 {
		t.Errorf("two mounts: dev %x ino %d and dev %x ino %d", a.Dev(), a.Ino, b.Dev(), b.Ino)
	}
	if err := task.Mount("x", "/s2", "sysfs", 0, "size=1"); err != linux.EINVAL {
		t.Errorf("mount with size=1: %v, want EINVAL", err)
	}
	if log := task.Kernel().Dmesg(); !slices.Contains(log, "sysfs: Unknown parameter 'size'") {
		t.Errorf("kernel log %q", log)
	}
}

// TestConcurrentDevices: devices come and go from several goroutines
// while a task lists and walks sysfs (under -race); once all are gone,
// sysfs shows none of them.
func TestConcurrentDevices(t *testing.T) {
	var bound atomic.Bool
	task := sysTask(t, &bound)
	k := task.Kernel()
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				name := fmt.Sprintf("c%d_%d", w, i%5)
				d := &vfs.Device{Name: name, Class: "chaos", Dev: linux.Mkdev(240, uint32(w*10+i%5))}
				if k.DeviceAdd(d) == nil {
					k.DeviceDel(name)
				}
			}
		}(w)
	}
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		for _, dir := range []string{"/sys/class/chaos", "/sys/dev/char", "/sys/devices/virtual/chaos"} {
			fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
			if err != nil {
				continue // the class may be gone
			}
			ents, _ := task.Getdents(fd, 0)
			task.Close(fd)
			for _, e := range ents {
				task.Stat(dir + "/" + e.Name + "/dev")
			}
		}
	}
	if _, err := task.Stat("/sys/class/chaos"); err != linux.ENOENT {
		t.Errorf("/sys/class/chaos after every device went: %v", err)
	}
	for _, name := range listDir(t, task, "/sys/dev/char") {
		if strings.HasPrefix(name, "240:") {
			t.Errorf("/sys/dev/char still lists %s", name)
		}
	}
}
