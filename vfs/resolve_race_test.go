// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// raceIters is how many rounds each resolver makes in
// TestOpenat2RenameRace: LINUXVFS_RESOLVE_RACE_ITERS raises it for a long
// run (the issue asks for minutes of renames).
func raceIters(t *testing.T, def int) int {
	if s := os.Getenv("LINUXVFS_RESOLVE_RACE_ITERS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if testing.Short() {
		return def / 10
	}
	return def
}

// TestOpenat2RenameRace moves directories in and out of a scope, and
// mounts and unmounts inside it, while other threads resolve ".."-heavy
// names from the scope with RESOLVE_BENEATH and RESOLVE_IN_ROOT: no
// result may be a directory that was never inside (each of those holds an
// OUTSIDE file). The renames are what the walk's rename and mount sequence
// checks are for: a ".." taken in a directory that has just left the scope
// would climb outside. The resolvers make a fixed number of rounds; the
// movers run until they are done.
func TestOpenat2RenameRace(t *testing.T) {
	task := newScKernel(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"/s", "/s/m1", "/s/m1/x", "/s/m1/x/y", "/s/m2", "/s/m2/x", "/s/m2/x/y",
		"/s/keep", "/s/keep/k", "/s/mnt", "/o", "/o/in", "/o/in/deep"} {
		must(task.Mkdir(d, 0o755))
	}
	for _, d := range []string{"/", "/o", "/o/in", "/o/in/deep"} {
		fd, err := task.Open(d+"/OUTSIDE", linux.O_CREAT|linux.O_WRONLY, 0o644)
		must(err)
		must(task.Close(fd))
	}
	dfd, err := task.Open("/s", linux.O_PATH|linux.O_DIRECTORY, 0)
	must(err)
	names := []string{
		"m1/x/y/../../..", "m1/x/y/../../../..", "m1/x/../../m2/x/y/../../../..",
		"m2/x/y/../..", "m2/x/y/../../../../o", "keep/k/../../m1/x/..", "m1/x/y/../../../../../..",
		"mnt/../m1/x/../..", "m2/x/y/../../../m1/x/y/../../..", "m1/x/y", "m2/x/../x/y/..",
	}

	var done atomic.Bool
	var wg sync.WaitGroup
	mover := func(pairs [][2]string) {
		defer wg.Done()
		m := task.Clone(linux.CLONE_FS | linux.CLONE_FILES)
		defer m.Exit()
		for !done.Load() {
			for _, p := range pairs {
				if err := m.Rename(p[0], p[1]); err != nil {
					t.Errorf("rename %s %s: %v", p[0], p[1], err)
					return
				}
			}
		}
	}
	wg.Add(4)
	go mover([][2]string{{"/s/m1", "/o/in/m1"}, {"/o/in/m1", "/s/m1"}})
	go mover([][2]string{{"/s/m2", "/o/m2"}, {"/o/m2", "/s/m2"}})
	go mover([][2]string{{"/s/keep", "/s/keep2"}, {"/s/keep2", "/s/keep"}})
	go func() {
		defer wg.Done()
		m := task.Clone(linux.CLONE_FS | linux.CLONE_FILES)
		defer m.Exit()
		for !done.Load() {
			if err := m.Mount("none", "/s/mnt", "tmpfs", 0, ""); err != nil {
				t.Errorf("mount: %v", err)
				return
			}
			if err := m.Umount2("/s/mnt", linux.MNT_DETACH); err != nil {
				t.Errorf("umount: %v", err)
				return
			}
		}
	}()

	var outcomes sync.Map // "resolve errno" -> *atomic.Int64
	count := func(key string) {
		v, _ := outcomes.LoadOrStore(key, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}
	iters := raceIters(t, 300)
	var rw sync.WaitGroup
	for range 3 {
		rw.Add(1)
		go func() {
			defer rw.Done()
			r := task.Clone(linux.CLONE_FS | linux.CLONE_FILES)
			defer r.Exit()
			for range iters {
				for _, name := range names {
					for _, res := range []uint64{linux.RESOLVE_BENEATH, linux.RESOLVE_IN_ROOT} {
						resolveOnce(t, r, dfd, name, res, count)
					}
				}
			}
		}()
	}
	rw.Wait()
	done.Store(true)
	wg.Wait()
	outcomes.Range(func(k, v any) bool {
		t.Logf("%s: %d", k, v.(*atomic.Int64).Load())
		return true
	})
}

// resolveOnce opens name from dfd under resolve and fails the test if the
// result holds an OUTSIDE file.
func resolveOnce(t *testing.T, r *vfs.Task, dfd int, name string, resolve uint64, count func(string)) {
	fd, err := r.Openat2(dfd, name, vfs.OpenHow{Flags: linux.O_PATH | linux.O_DIRECTORY, Resolve: resolve})
	what := resolveName(resolve)
	if err != nil {
		count(what + " " + apiErrStr(err))
		return
	}
	count(what + " ok")
	if err := r.Faccessat(fd, "OUTSIDE", linux.F_OK, 0); err == nil {
		t.Errorf("openat2(%q, %s) escaped the scope", name, what)
	}
	if err := r.Close(fd); err != nil {
		t.Error(err)
	}
}

// hookDir is a directory whose lookups of names starting with "trig" run
// hook first and then find a new empty directory there: a rename made by
// hook happens in the middle of the walk, at a known point.
type hookDir struct {
	vfs.InodeOperations
	hook func()
}

func (h hookDir) Lookup(dir *vfs.Inode, name string) (*vfs.Inode, error) {
	if !strings.HasPrefix(name, "trig") {
		return h.InodeOperations.Lookup(dir, name)
	}
	h.hook()
	return h.InodeOperations.Mkdir(dir, name, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o755})
}

// TestOpenat2RenameDuringWalk makes the race TestOpenat2RenameRace hopes
// for happen every time: the walk has entered m1 when m1 is renamed out
// of the scope. A ".." after that is EAGAIN (the rename sequence moved);
// a walk that only goes down ends outside, which complete_walk's last
// check refuses (EXDEV).
func TestOpenat2RenameDuringWalk(t *testing.T) {
	task := newScKernel(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"/s", "/s/m1", "/s/m1/x", "/o", "/o/in"} {
		must(task.Mkdir(d, 0o755))
	}
	xfd, err := task.Open("/s/m1/x", linux.O_PATH, 0)
	must(err)
	x, err := task.FdTarget(xfd)
	must(err)
	mover := task.Clone(0)
	defer mover.Exit()
	in := x.Dentry.Inode()
	in.Ops = hookDir{in.Ops, func() { must(mover.Rename("/s/m1", "/o/in/m1")) }}
	dfd, err := task.Open("/s", linux.O_PATH|linux.O_DIRECTORY, 0)
	must(err)
	for i, c := range []struct {
		name    string
		resolve uint64
		want    error
	}{
		{"m1/x/trig/../../..", linux.RESOLVE_BENEATH, linux.EAGAIN},
		{"m1/x/trig/../../..", linux.RESOLVE_IN_ROOT, linux.EAGAIN},
		{"m1/x/trig/../../../..", linux.RESOLVE_IN_ROOT, linux.EAGAIN},
		{"m1/x/trig", linux.RESOLVE_BENEATH, linux.EXDEV},
		{"m1/x/trig/", linux.RESOLVE_IN_ROOT, linux.EXDEV},
		{"m1/x/trig/../trig2", linux.RESOLVE_BENEATH, linux.EAGAIN},
	} {
		name := strings.Replace(c.name, "trig", "trig"+strconv.Itoa(i), 1)
		fd, err := task.Openat2(dfd, name, vfs.OpenHow{Flags: linux.O_PATH, Resolve: c.resolve})
		if err != c.want {
			t.Errorf("openat2(%q, %s) = %d, %v; want %v", name, resolveName(c.resolve), fd, err, c.want)
		}
		if err == nil {
			task.Close(fd)
		}
		must(task.Rename("/o/in/m1", "/s/m1"))
	}
	// Without a rename the same names resolve (the hook has nothing left
	// to move once the names are cached).
	for _, name := range []string{"m1/x/trig0/../../..", "m1/x/trig3"} {
		fd, err := task.Openat2(dfd, name, vfs.OpenHow{Flags: linux.O_PATH, Resolve: linux.RESOLVE_BENEATH})
		must(err)
		task.Close(fd)
	}
}
