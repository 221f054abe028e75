// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestConcurrentTasks runs many tasks at once over one tree, creating,
// renaming, linking, removing, statting and mounting, so that the race
// detector and the lock order get exercised. Results are checked for the
// errnos the racing operations may legitimately return.
func TestConcurrentTasks(t *testing.T) {
	init := bootMounts(t)
	const workers, rounds = 8, 200
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		task := init.Clone(0)
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			defer task.Exit()
			for i := 0; i < rounds; i++ {
				if err := churn(task, w, i); err != nil {
					errs <- fmt.Errorf("worker %d round %d: %w", w, i, err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// allowed are the errnos a racing operation may see.
func allowed(err error) bool {
	switch err {
	case nil, linux.ENOENT, linux.EEXIST, linux.ENOTEMPTY, linux.EBUSY, linux.EINVAL, linux.ENOTDIR, linux.EXDEV:
		return true
	}
	return false
}

func churn(t interface {
	Mkdir(string, uint32) error
	Rename(string, string) error
	Link(string, string) error
	Unlink(string) error
	Rmdir(string) error
	Creat(string, uint32) (int, error)
	Close(int) error
	Mount(string, string, string, uint64, string) error
	Umount2(string, int) error
}, w, i int) error {
	a := fmt.Sprintf("/c/d%d", i%5)
	b := fmt.Sprintf("/c/d%d", (i+w)%5)
	ops := []func() error{
		func() error { return t.Mkdir(a, 0o755) },
		func() error { return t.Mkdir(a+"/sub", 0o755) },
		func() error {
			fd, err := t.Creat(a+"/f", 0o644)
			if err == nil {
				return t.Close(fd)
			}
			return err
		},
		func() error { return t.Link(a+"/f", b+"/g") },
		func() error { return t.Rename(a, b+"/sub/moved") },
		func() error { return t.Rename(b+"/sub/moved", a) },
		func() error { return t.Unlink(b + "/g") },
		func() error { return t.Mount("t", a, "tmpfs", 0, "") },
		func() error { return t.Umount2(a, linux.MNT_DETACH) },
		func() error { return t.Rmdir(a + "/sub") },
		func() error { return t.Unlink(a + "/f") },
		func() error { return t.Rmdir(a) },
	}
	for _, op := range ops {
		if err := op(); !allowed(err) {
			return err
		}
	}
	return nil
}

// TestConcurrentTuckLookup looks a mountpoint up while propagation tucks a
// copy under the mount on it and umount reparents it back, again and again.
// The lookup must always find a mount there (the copy or the mount above
// it), never the directory underneath: the lock-free mount hash is read in
// mount_lock's seqcount, and each move is one write section. The table
// must come out as it went in.
func TestConcurrentTuckLookup(t *testing.T) {
	init := bootMounts(t)
	steps := []func() error{
		func() error { return init.Mount("s", "/mnt", "tmpfs", 0, "") },
		func() error { return init.Mkdir("/mnt/x", 0o755) },
		func() error { return init.Mount("", "/mnt", "", linux.MS_SHARED, "") },
		func() error { return init.Mount("/mnt", "/b", "", linux.MS_BIND, "") },
		func() error { return init.Mount("", "/b", "", linux.MS_SLAVE, "") },
		func() error { return init.Mount("c", "/b/x", "tmpfs", 0, "") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	under, err := init.Stat("/b")
	if err != nil {
		t.Fatal(err)
	}
	before := init.Mountinfo()
	done := make(chan struct{})
	var wg sync.WaitGroup
	for r := 0; r < 2; r++ {
		reader := init.Clone(0)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer reader.Exit()
			for {
				select {
				case <-done:
					return
				default:
				}
				st, err := reader.Stat("/b/x")
				if err != nil || st.DevMajor == under.DevMajor && st.DevMinor == under.DevMinor {
					t.Errorf("stat /b/x while tucking: %v, %+v", err, st)
					return
				}
			}
		}()
	}
	for i := 0; i < 2000 && !t.Failed(); i++ {
		if err := init.Mount("u", "/mnt/x", "tmpfs", 0, ""); err != nil {
			t.Fatal(err)
		}
		if err := init.Umount("/mnt/x"); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	wg.Wait()
	if after := init.Mountinfo(); after != before {
		t.Errorf("mountinfo changed:\n%s\nthen:\n%s", before, after)
	}
}

// TestConcurrentUnshareFSDuringPivotRoot: pivot_root moves every task
// whose root is the old root (chroot_fs_refs) while those tasks replace
// their fs_struct with unshare(CLONE_FS). Under -race this is the data
// race of issue 8 item 3; without it, a task that let go of its fs_struct
// must not have it rewritten (the references would leak).
func TestConcurrentUnshareFSDuringPivotRoot(t *testing.T) {
	init := bootMounts(t)
	for _, step := range []func() error{
		func() error { return init.Mkdir("/a", 0o755) },
		func() error { return init.Mount("A", "/a", "tmpfs", 0, "") },
		func() error { return init.Mkdir("/a/b", 0o755) },
		func() error { return init.Mount("B", "/a/b", "tmpfs", 0, "") },
		func() error { return init.Mkdir("/a/b/old", 0o755) },
		func() error { return init.Chroot("/a") },
		func() error { return init.Chdir("/") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	k := init.Kernel()
	mountsBefore := vfs.LiveMountIDs(k)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		task := init.Clone(linux.CLONE_FS)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer task.Exit()
			for {
				select {
				case <-done:
					return
				default:
				}
				if err := task.Unshare(linux.CLONE_FS); err != nil {
					t.Error(err)
					return
				}
				if _, err := task.Getcwd(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	// A at /a with B on A:/b, then B at /a with A on B:/old, and back.
	for i := 0; i < 50 && !t.Failed(); i++ {
		if err := init.PivotRoot("/b", "/b/old"); err != nil {
			t.Fatalf("pivot %d: %v", i, err)
		}
		if err := init.PivotRoot("/old", "/old/b"); err != nil {
			t.Fatalf("pivot back %d: %v", i, err)
		}
	}
	close(done)
	wg.Wait()
	if after := vfs.LiveMountIDs(k); after != mountsBefore {
		t.Errorf("mount IDs in use: %d before, %d after every worker exited", mountsBefore, after)
	}
}

// TestConcurrentProcFdDuringUnshareFiles: /proc/<pid>/fd of a task read
// by another while the task replaces its file table (unshare(CLONE_FILES)).
func TestConcurrentProcFdDuringUnshareFiles(t *testing.T) {
	init := bootMounts(t)
	owner, reader := init.Clone(0), init.Clone(0)
	defer reader.Exit()
	fd, err := owner.Open("/f", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer owner.Exit()
		for i := 0; i < 2000; i++ {
			if err := owner.Unshare(linux.CLONE_FILES); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i := 0; i < 2000; i++ {
		owner.Fds()
		if p, err := owner.FdPathAs(reader, fd); err == nil && p != "/f" {
			t.Fatalf("fd %d reads as %q", fd, p)
		}
	}
	<-done
}
