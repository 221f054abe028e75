// SPDX-License-Identifier: Apache-2.0

package gvbench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestSameResults makes sure both implementations do what the benchmarks
// assume, so that no row times an operation that fails early or does less
// on one side: files and their sizes, directory listings, renames, mounts
// hiding and showing files, propagation to every peer and umount taking
// the copies away again.
func TestSameResults(t *testing.T) {
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			s := im.new(t)
			checkFiles(t, s)
			checkMounts(t, s)
			checkPropagation(t, s, 5)
		})
	}
}

func checkFiles(t *testing.T, s sys) {
	buildChain(t, s, "d", 4, false)
	must(t, s.stat(chainPath("d", 4)))
	if err := s.stat("/d/d/d/d/f"); err == nil {
		t.Error("stat of a path one level too deep succeeded")
	}
	createFile(t, s, "/small", smallFile)
	must(t, openReadClose(s, "/small", make([]byte, 1000), smallFile))
	fillDir(t, s, "/dir", 50)
	must(t, readDir(s, "/dir", 52))
	must(t, s.mkdir("/r"))
	createFile(t, s, "/r/a", 0)
	must(t, s.rename("/r/a", "/b-renamed"))
	must(t, s.stat("/b-renamed"))
	if err := s.stat("/r/a"); err == nil {
		t.Error("/r/a still there after its rename")
	}
	must(t, createUnlink(s, "/r/c"))
	if err := s.stat("/r/c"); err == nil {
		t.Error("/r/c still there after its unlink")
	}
	if _, err := s.read(99, nil); err == nil {
		t.Error("read of descriptor 99 succeeded")
	}
}

func checkMounts(t *testing.T, s sys) {
	lines := mountinfoLines(s)
	fillMounts(t, s, 3)
	if got := mountinfoLines(s); got != lines+3 {
		t.Errorf("after 3 mounts: %d mountinfo lines, want %d", got, lines+3)
	}
	lines += 3
	createFile(t, s, "/b/m/2/file", 0)
	must(t, s.mountTmpfs("/b/m/2"))
	if err := s.stat("/b/m/2/file"); err == nil {
		t.Error("a file below a fresh tmpfs mount is visible")
	}
	must(t, s.umount("/b/m/2", 0))
	must(t, s.stat("/b/m/2/file"))
	createFile(t, s, "/b/t/file", 0)
	must(t, s.bind("/b/t", "/b/x"))
	must(t, s.stat("/b/x/file"))
	must(t, s.umount("/b/x", 0))
	if got := mountinfoLines(s); got != lines {
		t.Errorf("after umounts: %d mountinfo lines, want %d", got, lines)
	}
	if n, err := s.mountinfo(); err != nil || n == 0 {
		t.Errorf("mountinfo: %d bytes, %v", n, err)
	}
}

func checkPropagation(t *testing.T, s sys, peers int) {
	setupPeers(t, s, peers)
	before := mountinfoLines(s)
	must(t, s.mountTmpfs("/s/x"))
	if got := mountinfoLines(s); got != before+peers+1 {
		t.Errorf("mount below a shared mount with %d peers: %d more mountinfo lines, want %d",
			peers, got-before, peers+1)
	}
	createFile(t, s, "/s/x/seen", 0)
	must(t, s.stat("/p/0/x/seen"))
	if err := s.umount("/s/x", 0); err != nil {
		// gVisor: EBUSY (see BenchmarkPropagate).
		t.Logf("plain umount of a propagated mount: %v", err)
		must(t, s.umount("/s/x", linux.MNT_DETACH))
	}
	if got := mountinfoLines(s); got != before {
		t.Errorf("umount of a propagated mount left %d of its copies", got-before)
	}
}

func mountinfoLines(s sys) int { return strings.Count(s.mountinfoText(), "\n") }

// TestTasks checks that forked tasks have descriptor tables of their own
// and work in parallel on their own directories.
func TestTasks(t *testing.T) {
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			s := im.new(t)
			fd, err := s.open("/", linux.O_RDONLY|linux.O_DIRECTORY, 0)
			must(t, err)
			// A close in the child (of its copy, if fork copied the table)
			// leaves the parent's descriptor open.
			s.fork().close(fd)
			must(t, s.close(fd))
			buildChain(t, s, "d", 4, false)
			createFile(t, s, "/small", smallFile)
			tasks := []sys{s.fork(), s.fork(), s.fork()}
			for i := range tasks {
				must(t, s.mkdir(fmt.Sprintf("/own%d", i)))
			}
			for _, op := range parallelOps {
				for i := range tasks {
					if op.ownFile {
						createFile(t, s, ownPath(i), smallFile)
					}
				}
				if err := runParallel(300, tasks, op.op); err != nil {
					t.Errorf("%s from %d tasks: %v", op.name, len(tasks), err)
				}
				for i := range tasks {
					if op.ownFile {
						must(t, s.unlink(ownPath(i)))
					}
				}
			}
		})
	}
}
