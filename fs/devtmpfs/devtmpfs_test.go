// SPDX-License-Identifier: Apache-2.0

package devtmpfs_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/mem"
	"github.com/linuxvfs/linuxvfs/fs/devtmpfs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// boot makes a kernel with devtmpfs and the memory devices, and its init
// with devtmpfs mounted on /dev.
func boot(t *testing.T) *vfs.Task {
	t.Helper()
	k := testkernel.New(t, devtmpfs.Type{})
	must(t, devtmpfs.Register(k))
	must(t, mem.Register(k))
	init := testkernel.Init(t, k, "/dev")
	t.Cleanup(init.Exit)
	must(t, init.Mount("devtmpfs", "/dev", "devtmpfs", 0, ""))
	return init
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOneSuperblockForEveryMount(t *testing.T) {
	init := boot(t)
	k := init.Kernel()
	for _, d := range []string{"/a", "/b"} {
		must(t, init.Mkdir(d, 0o755))
	}
	must(t, init.Mount("devtmpfs", "/a", "devtmpfs", 0, ""))
	must(t, init.Mount("x", "/b", "devtmpfs", 0, "size=1m"))
	a, _ := init.Stat("/a/null")
	b, _ := init.Stat("/b/null")
	if a.Dev() != b.Dev() || a.Ino != b.Ino || a.Rdev() != linux.Mkdev(1, 3) || a.Mode != linux.S_IFCHR|0o666 {
		t.Fatalf("/a/null %+v and /b/null %+v should be one node 1:3, mode 0666, of one superblock", a, b)
	}
	if err := init.Mount("devtmpfs", "/a", "devtmpfs", 0, ""); err != linux.EBUSY {
		t.Fatalf("same superblock on the same mountpoint = %v, want EBUSY", err)
	}
	if err := init.Mount("x", "/b", "devtmpfs", 0, "foo"); err != linux.EINVAL {
		t.Fatalf("bad option = %v, want EINVAL", err)
	}
	if log := k.Dmesg(); len(log) == 0 || log[len(log)-1] != "devtmpfs: Unknown parameter 'foo'" {
		t.Fatalf("kernel log %q", log)
	}
	if !strings.Contains(init.Mountinfo(), "/b rw,relatime - devtmpfs x rw,mode=755\n") {
		t.Fatalf("mountinfo:\n%s", init.Mountinfo())
	}
}

// TestNotBeforeInit: without devtmpfs_init there is no superblock to show.
func TestNotBeforeInit(t *testing.T) {
	init := testkernel.Boot(t, []vfs.FilesystemType{devtmpfs.Type{}}, "/dev")
	defer init.Exit()
	if err := init.Mount("devtmpfs", "/dev", "devtmpfs", 0, ""); err != linux.ENODEV {
		t.Fatalf("mount before devtmpfs_init = %v, want ENODEV", err)
	}
}

// TestNodesFollowDevices: a device's node appears with its mode and owner,
// in the directories it needs; its removal takes the node and the
// directories devtmpfs made, and leaves a node a user put in its place.
func TestNodesFollowDevices(t *testing.T) {
	init := boot(t)
	k := init.Kernel()
	ev := &vfs.Device{Name: "input/by-path/event0", Class: "input", Dev: linux.Mkdev(13, 64), Mode: 0o640, UID: 7, GID: 8}
	must(t, k.DeviceAdd(ev))
	st, err := init.Stat("/dev/input/by-path/event0")
	if err != nil || st.Mode != linux.S_IFCHR|0o640 || st.UID != 7 || st.GID != 8 || st.Rdev() != ev.Dev {
		t.Fatalf("node %+v, %v", st, err)
	}
	if dir, _ := init.Stat("/dev/input"); dir.Mode != linux.S_IFDIR|0o755 {
		t.Fatalf("made directory mode %o, want 40755", dir.Mode)
	}
	if err := k.DeviceAdd(&vfs.Device{Name: "input/by-path/event0"}); err != linux.EEXIST {
		t.Fatalf("second device of that name = %v, want EEXIST", err)
	}
	must(t, init.Mkdir("/dev/input/mine", 0o755)) // a user's directory stays
	must(t, k.DeviceDel("input/by-path/event0"))
	if _, err := init.Stat("/dev/input/by-path"); err != linux.ENOENT {
		t.Fatalf("directory devtmpfs made and left empty: %v, want ENOENT", err)
	}
	if _, err := init.Stat("/dev/input/mine"); err != nil {
		t.Fatalf("a user's directory went: %v", err)
	}
	blk := &vfs.Device{Name: "sda", Class: "block", Block: true, Dev: linux.Mkdev(8, 0)}
	must(t, k.DeviceAdd(blk))
	if st, _ := init.Stat("/dev/sda"); st.Mode != linux.S_IFBLK|0o600 {
		t.Fatalf("block node mode %o, want 60600 (devtmpfs's default)", st.Mode)
	}
	// Replaced by hand with another node: devtmpfs leaves it.
	must(t, init.Unlink("/dev/sda"))
	must(t, init.Mknodat(linux.AT_FDCWD, "/dev/sda", linux.S_IFBLK|0o600, linux.Mkdev(8, 0)))
	must(t, k.DeviceDel("sda"))
	if _, err := init.Stat("/dev/sda"); err != nil {
		t.Fatalf("a node the user made went with the device: %v", err)
	}
	if err := k.DeviceDel("sda"); err != linux.ENODEV {
		t.Fatalf("deleting a gone device = %v, want ENODEV", err)
	}
	if err := k.DeviceAdd(&vfs.Device{Name: "../x"}); err != linux.EINVAL {
		t.Fatalf("device name with .. = %v, want EINVAL", err)
	}
}

// TestWorkerParent: kdevtmpfs, started at driver_init, is the child of
// kthreadd, number 2 after init, whose own parent is number 0: what ps
// shows of them on Linux, less the threads linuxvfs does not have.
func TestWorkerParent(t *testing.T) {
	init := boot(t)
	ns := init.PidNamespace()
	got := map[string][2]int32{}
	for _, task := range init.Kernel().Tasks() {
		got[task.Comm()] = [2]int32{task.PidIn(ns), task.PPidIn(ns)}
	}
	kdev, kthreadd := got["kdevtmpfs"], got["kthreadd"]
	if init.PidIn(ns) != 1 || kthreadd != [2]int32{2, 0} || kdev[1] != 2 || kdev[0] <= 2 {
		t.Fatalf("init %d, kthreadd (pid, ppid) %v, kdevtmpfs %v", init.PidIn(ns), kthreadd, kdev)
	}
}

// TestWorkerNamespace: kdevtmpfs works in a namespace of its own; a mount
// a task makes never shows there, and its mount never shows in a task's.
func TestWorkerNamespace(t *testing.T) {
	init := boot(t)
	k := init.Kernel()
	var kdev *vfs.Task
	for _, task := range k.Tasks() {
		if task.Comm() == "kdevtmpfs" {
			kdev = task
		}
	}
	if kdev == nil || kdev.MountNamespace() == init.MountNamespace() {
		t.Fatal("no kdevtmpfs task with a namespace of its own")
	}
	must(t, init.Mkdir("/m", 0o755))
	must(t, init.Mount("t", "/m", "tmpfs", 0, ""))
	if strings.Contains(kdev.Mountinfo(), " tmpfs t ") {
		t.Fatalf("a task's mount shows in kdevtmpfs's namespace:\n%s", kdev.Mountinfo())
	}
	if got := kdev.Mountinfo(); !strings.HasSuffix(got, " / / rw,relatime - devtmpfs devtmpfs rw,mode=755\n") {
		t.Fatalf("kdevtmpfs's namespace:\n%s", got)
	}
	if strings.Count(init.Mountinfo(), " - devtmpfs ") != 1 {
		t.Fatalf("init's namespace:\n%s", init.Mountinfo())
	}
}

// TestConcurrentDevices: devices come and go from many goroutines while
// tasks open nodes and mount devtmpfs; at the end every device has its
// node, none is left of the removed ones, no directory is left over, and
// no goroutine of devtmpfs is left running.
func TestConcurrentDevices(t *testing.T) {
	before := runtime.NumGoroutine()
	init := boot(t)
	k := init.Kernel()
	const workers, rounds = 8, 40
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for r := range rounds {
				name := fmt.Sprintf("w%d/r%d/dev%d", w, r%4, r)
				d := &vfs.Device{Name: name, Dev: linux.Mkdev(200, uint32(w*100+r))}
				if err := k.DeviceAdd(d); err != nil {
					t.Errorf("add %s: %v", name, err)
					return
				}
				if r%3 != 2 {
					if err := k.DeviceDel(name); err != nil {
						t.Errorf("del %s: %v", name, err)
						return
					}
				}
			}
		}()
		go func() {
			defer wg.Done()
			task := init.Clone(0)
			defer task.Exit()
			dir := fmt.Sprintf("/d%d", w)
			if err := task.Mkdir(dir, 0o755); err != nil {
				t.Error(err)
				return
			}
			for range rounds {
				if err := task.Mount("devtmpfs", dir, "devtmpfs", 0, ""); err != nil {
					t.Error(err)
					return
				}
				if fd, err := task.Open(dir+"/null", linux.O_WRONLY, 0); err == nil {
					task.Close(fd)
				}
				if err := task.Umount2(dir, 0); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	var want []string
	for _, d := range k.Devices() {
		want = append(want, d.Name)
		if st, err := init.Stat("/dev/" + d.Name); err != nil || st.Rdev() != d.Dev {
			t.Errorf("device %s: node %v, %v", d.Name, st.Rdev(), err)
		}
	}
	got := walk(t, init, "/dev")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("nodes in /dev:\n%q\ndevices:\n%q", got, want)
	}
	waitGoroutines(t, before)
}

// walk lists the non-directories below dir (relative names), and fails on
// an empty directory (one devtmpfs should have removed).
func walk(t *testing.T, task *vfs.Task, dir string) []string {
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	must(t, err)
	defer task.Close(fd)
	var out []string
	empty := true
	for {
		ents, err := task.Getdents(fd, 0)
		must(t, err)
		if len(ents) == 0 {
			break
		}
		for _, e := range ents {
			if e.Name == "." || e.Name == ".." {
				continue
			}
			empty = false
			if e.Type == linux.DT_DIR {
				for _, n := range walk(t, task, dir+"/"+e.Name) {
					out = append(out, e.Name+"/"+n)
				}
				continue
			}
			out = append(out, e.Name)
		}
	}
	if empty && dir != "/dev" {
		t.Errorf("empty directory left: %s", dir)
	}
	slices.Sort(out)
	return out
}

// waitGoroutines fails if more goroutines than before are still running
// after a while (the worker leaves when its queue is empty). The while is
// long: the worker only needs to be scheduled once more, which a loaded
// machine under -race can put off for seconds (the bound was 2 s).
func waitGoroutines(t *testing.T, before int) {
	for end := time.Now().Add(time.Minute); time.Now().Before(end); {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<20)
	t.Errorf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
}
