// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mountinfoIDs returns the mount ID and parent ID of each mountinfo line.
func mountinfoIDs(t *testing.T, task *vfs.Task) [][2]int {
	t.Helper()
	var out [][2]int
	for _, line := range strings.Split(strings.TrimSuffix(task.Mountinfo(), "\n"), "\n") {
		f := strings.Fields(line)
		id, err1 := strconv.Atoi(f[0])
		parent, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("bad mountinfo line %q", line)
		}
		out = append(out, [2]int{id, parent})
	}
	return out
}

// TestStackedMountsPopInOrder stacks tmpfs mounts on one directory, each
// marked by a file, and unmounts them one by one: each umount uncovers the
// one below, mountinfo lists the stack in creation order with each mount's
// parent the one before, and the stack cache stays exact throughout.
func TestStackedMountsPopInOrder(t *testing.T) {
	task := bootMounts(t)
	const n = 40
	base := len(mountinfoIDs(t, task))
	check := func() {
		t.Helper()
		if err := vfs.CheckMountStacks(task.MountNamespace()); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		if err := task.Mount("t", "/mnt/x", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
		fd, err := task.Creat(fmt.Sprintf("/mnt/x/m%d", i), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		task.Close(fd)
		check()
	}
	ids := mountinfoIDs(t, task)
	if len(ids) != base+n {
		t.Fatalf("%d mountinfo lines, want %d", len(ids), base+n)
	}
	for i := base + 1; i < len(ids); i++ {
		if ids[i][1] != ids[i-1][0] {
			t.Fatalf("line %d: parent %d, want the mount before it (%d)", i, ids[i][1], ids[i-1][0])
		}
	}
	for i := n - 1; i >= 0; i-- {
		if _, err := task.Stat(fmt.Sprintf("/mnt/x/m%d", i)); err != nil {
			t.Fatalf("top of the stack is not mount %d: %v", i, err)
		}
		if err := task.Umount("/mnt/x"); err != nil {
			t.Fatal(err)
		}
		check()
		if got := mountinfoIDs(t, task); len(got) != base+i || fmt.Sprint(got) != fmt.Sprint(ids[:base+i]) {
			t.Fatalf("after umount %d: mountinfo %v, want %v", i, got, ids[:base+i])
		}
	}
}

// TestStackCacheRandomOps runs random mount operations over a few stacked
// directories, with shared, slave and unbindable mounts, binds and rbinds
// of stacks, moves, lazy and plain umounts, tasks in other namespaces and
// working directories inside stacks, and checks after each operation that
// the stack cache agrees with a climb one lookup at a time, and that
// mountinfo and mounts, which reuse the line before, read as when every
// line is rendered on its own (chroots and directories moved out from
// under their binds included).
func TestStackCacheRandomOps(t *testing.T) {
	seed := uint64(1) // seeds 1-25 were run by hand
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	init := bootMounts(t)
	dirs := []string{"/mnt/x", "/b", "/c", "/mnt/x/y", "/b/y"}
	tasks := []*vfs.Task{init}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	ops := []func(task *vfs.Task) string{
		func(task *vfs.Task) string {
			d := pick(dirs)
			task.Mount("t", d, "tmpfs", 0, "")
			task.Mkdir(d+"/y", 0o755)
			return "mount tmpfs " + d
		},
		func(task *vfs.Task) string {
			s, d := pick(dirs), pick(dirs)
			task.Mount(s, d, "", linux.MS_BIND, "")
			return "bind " + s + " " + d
		},
		func(task *vfs.Task) string {
			s, d := pick(dirs), pick(dirs)
			task.Mount(s, d, "", linux.MS_BIND|linux.MS_REC, "")
			return "rbind " + s + " " + d
		},
		func(task *vfs.Task) string {
			d := pick(dirs)
			prop := []uint64{linux.MS_SHARED, linux.MS_SLAVE, linux.MS_PRIVATE, linux.MS_UNBINDABLE}[rng.IntN(4)]
			task.Mount("", d, "", prop|uint64(rng.IntN(2))*linux.MS_REC, "")
			return fmt.Sprintf("propagation %#x %s", prop, d)
		},
		func(task *vfs.Task) string {
			d := pick(dirs)
			task.Umount(d)
			return "umount " + d
		},
		func(task *vfs.Task) string {
			d := pick(dirs)
			task.Umount2(d, linux.MNT_DETACH)
			return "umount -l " + d
		},
		func(task *vfs.Task) string {
			s, d := pick(dirs), pick(dirs)
			task.Mount(s, d, "", linux.MS_MOVE, "")
			return "move " + s + " " + d
		},
		func(task *vfs.Task) string {
			d := pick(dirs)
			task.Chdir(d)
			return "cd " + d
		},
		func(task *vfs.Task) string {
			// a directory moved out from under a bind of its parent
			d := pick(dirs)
			task.Mkdir(d+"/z", 0o755)
			task.Mount(d, d+"/z", "", linux.MS_BIND, "")
			task.Mkdir(d+"/z/z", 0o755)
			task.Mount("t", d+"/z/z", "tmpfs", 0, "")
			task.Rename(d+"/z", pick(dirs)+"/moved")
			return "moved out " + d
		},
	}
	for step := 0; step < 2000; step++ {
		task := tasks[rng.IntN(len(tasks))]
		var what string
		switch r := rng.IntN(100); {
		case r < 3 && len(tasks) < 4:
			c := init.Clone(0)
			if err := c.Unshare(linux.CLONE_NEWNS); err != nil {
				t.Fatal(err)
			}
			tasks = append(tasks, c)
			what = "unshare"
		case r < 4 && len(tasks) < 4:
			c := task.Clone(0)
			d := pick(dirs)
			c.Chroot(d)
			tasks = append(tasks, c)
			what = "chroot " + d
		case r < 6 && len(tasks) > 1:
			i := 1 + rng.IntN(len(tasks)-1)
			tasks[i].Exit()
			tasks = append(tasks[:i], tasks[i+1:]...)
			what = "exit"
		case task.MountNamespace().NumMounts() > 200:
			task.Umount2("/mnt/x", linux.MNT_DETACH) // propagation doubles binds
			what = "umount -l /mnt/x (too many mounts)"
		default:
			what = ops[rng.IntN(len(ops))](task)
		}
		for _, tk := range tasks {
			if err := vfs.CheckMountStacks(tk.MountNamespace(), tk.Cwd(), tk.Root()); err != nil {
				t.Fatalf("step %d (%s): %v", step, what, err)
			}
			info, mounts := vfs.MountinfoLineByLine(tk)
			if got := tk.Mountinfo(); got != info {
				t.Fatalf("step %d (%s): mountinfo\n%s\nwant, line by line,\n%s", step, what, got, info)
			}
			if got := tk.ProcMounts(); got != mounts {
				t.Fatalf("step %d (%s): mounts\n%s\nwant, line by line,\n%s", step, what, got, mounts)
			}
		}
	}
}

// TestMountinfoRootInsideParent: a task chrooted to a directory of a mount
// sees a mount below that directory, listed right after its parent, at
// its path from the new root (the walk stops at the root, inside the
// parent, before the parent's own root).
func TestMountinfoRootInsideParent(t *testing.T) {
	task := bootMounts(t)
	if err := task.Mount("t", "/mnt/x", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	c := task.Clone(0)
	if err := c.Chroot("/mnt"); err != nil {
		t.Fatal(err)
	}
	info, mounts := vfs.MountinfoLineByLine(c)
	if got := c.Mountinfo(); got != info || !strings.Contains(got, " / /x rw") {
		t.Fatalf("mountinfo\n%s\nwant, line by line,\n%s", got, info)
	}
	if got := c.ProcMounts(); got != mounts {
		t.Fatalf("mounts\n%s\nwant, line by line,\n%s", got, mounts)
	}
}
