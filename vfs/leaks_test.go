// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Leak regressions of issue 8 item 4: each runs a short fixed sequence,
// checks the invariants, lets every task exit and expects every mount ID,
// peer group ID and anonymous device back.

// leakKernel is a kernel with tmpfs and an init task, and a step runner.
type leakKernel struct {
	t    *testing.T
	k    *vfs.Kernel
	init *vfs.Task
}

func newLeakKernel(t *testing.T) *leakKernel {
	t.Helper()
	init := bootTmpfs(t)
	return &leakKernel{t, init.Kernel(), init}
}

// ok fails the test on an error from a step.
func (l *leakKernel) ok(what string, err error) {
	l.t.Helper()
	if err != nil {
		l.t.Fatalf("%s: %v", what, err)
	}
}

// check runs the invariant checker.
func (l *leakKernel) check(when string) {
	l.t.Helper()
	if err := vfs.CheckInvariants(l.k, vfs.CheckOptions{Exact: true}); err != nil {
		l.t.Fatalf("%s: %v", when, err)
	}
}

// finish exits the given tasks and init and expects nothing allocated.
func (l *leakKernel) finish(tasks ...*vfs.Task) {
	l.t.Helper()
	l.check("before the tasks exit")
	for _, t := range tasks {
		t.Exit()
	}
	l.check("after the tasks exit")
	l.init.Exit()
	if m, g, a := vfs.LiveMountIDs(l.k), vfs.LiveGroupIDs(l.k), vfs.LiveAnonDevs(l.k); m+g+a != 0 {
		l.t.Errorf("after every task exited: %d mount IDs, %d peer group IDs, %d anonymous devices still allocated", m, g, a)
	}
}

// TestLeakDetachMountsConnected: removing a directory that is a
// mountpoint only in another namespace detaches the tree there
// (__detach_mounts, umount_tree with UMOUNT_CONNECTED); the mounts under
// its top stay connected to it and must go with it, not after the top was
// already released.
func TestLeakDetachMountsConnected(t *testing.T) {
	l := newLeakKernel(t)
	l.ok("mkdir", l.init.Mkdir("/d", 0o755))
	l.ok("mkdir", l.init.Mkdir("/d/e", 0o755))
	other := l.init.Clone(0)
	l.ok("unshare", other.Unshare(linux.CLONE_NEWNS))
	l.ok("mount T", other.Mount("T", "/d/e", "tmpfs", 0, ""))
	l.ok("mkdir", other.Mkdir("/d/e/f", 0o755))
	l.ok("mount U", other.Mount("U", "/d/e/f", "tmpfs", 0, ""))
	l.ok("rmdir", l.init.Rmdir("/d/e"))
	l.finish(other)
}

// TestOpenChdirRacingLazyUmount: a path walk takes no reference, so a
// lazy umount could release the mount it found before open, chdir or
// chroot took theirs, leaving a file or task holding a released mount
// (its ID free for reuse, its superblock dead). They now take the
// reference only if the mount is still alive, and walk again otherwise.
func TestOpenChdirRacingLazyUmount(t *testing.T) {
	l := newLeakKernel(t)
	l.ok("mkdir", l.init.Mkdir("/m", 0o755))
	l.ok("mount", l.init.Mount("t", "/m", "tmpfs", 0, ""))
	l.ok("mkdir", l.init.Mkdir("/m/d", 0o755))
	var walkers []*vfs.Task
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		walker := l.init.Clone(0)
		walkers = append(walkers, walker)
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 1000; i++ {
				if fd, err := walker.Open("/m/d", linux.O_RDONLY|linux.O_DIRECTORY, 0); err == nil {
					if vfs.HeldMountReleased(walker, fd) {
						t.Error("open file's mount released")
					}
					walker.Close(fd)
				}
				if walker.Chdir("/m/d") == nil && vfs.HeldMountReleased(walker, -1) {
					t.Error("working directory's mount released")
				}
				walker.Chdir("/")
				c := walker.Clone(0)
				c.Chroot("/m")
				c.Exit()
			}
		}()
	}
	for i := 0; i < 2000; i++ {
		l.init.Umount2("/m", linux.MNT_DETACH)
		l.ok("mount", l.init.Mount("t", "/m", "tmpfs", 0, ""))
		l.init.Mkdir("/m/d", 0o755)
	}
	for range walkers {
		<-done
	}
	l.finish(walkers...)
}

// TestReleaseWaitsForConnectedParent: after __detach_mounts, a mount kept
// connected under a detached one that is still held goes only with that
// parent, even when its own last user leaves first (in Linux the
// parent's cleanup holds the child's tree reference until then).
func TestReleaseWaitsForConnectedParent(t *testing.T) {
	l := newLeakKernel(t)
	l.ok("mkdir", l.init.Mkdir("/d", 0o755))
	l.ok("mkdir", l.init.Mkdir("/d/e", 0o755))
	other := l.init.Clone(0)
	l.ok("unshare", other.Unshare(linux.CLONE_NEWNS))
	l.ok("mount T", other.Mount("T", "/d/e", "tmpfs", 0, ""))
	l.ok("mkdir", other.Mkdir("/d/e/f", 0o755))
	l.ok("mount U", other.Mount("U", "/d/e/f", "tmpfs", 0, ""))
	inT, inU := other.Clone(0), other.Clone(0)
	l.ok("chdir", inT.Chdir("/d/e"))
	l.ok("chdir", inU.Chdir("/d/e/f"))
	l.ok("rmdir", l.init.Rmdir("/d/e"))
	l.check("after the rmdir")
	l.ok("chdir", inU.Chdir("/"))
	l.check("after U's last user left")
	l.ok("chdir", inT.Chdir("/"))
	l.check("after T's last user left")
	l.finish(other, inT, inU)
}
