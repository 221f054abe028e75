// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// jiffyNS is the coarse clock's step in linuxvfs (HZ=250).
const jiffyNS = int64(4 * time.Millisecond)

func nsOf(ts vfs.Timespec) int64 { return ts.Sec*1e9 + ts.Nsec }

// writeAndStat appends a byte to path and returns its stat.
func writeAndStat(t *testing.T, task *vfs.Task, path string) vfs.Statx {
	t.Helper()
	fd, err := task.Openat(linux.AT_FDCWD, path, linux.O_WRONLY|linux.O_CREAT|linux.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := task.Write(fd, []byte("x")); err != nil {
		t.Fatal(err)
	}
	task.Close(fd)
	var st vfs.Statx
	if err := task.Statx(linux.AT_FDCWD, path, 0, &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestMultigrainTimes checks the timestamp rules of Linux 6.13+ on a
// tmpfs (FS_MGTIME): a change made after stat reported the ctime is
// always visible, even within one tick of the coarse clock, and times
// only go forward.
func TestMultigrainTimes(t *testing.T) {
	task := bootTmpfs(t)
	if err := task.Mkdir("/t", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("t", "/t", "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	prev := writeAndStat(t, task, "/t/f")
	for i := 0; i < 200; i++ {
		st := writeAndStat(t, task, "/t/f")
		if !st.Ctime.After(prev.Ctime) || st.Mtime != st.Ctime {
			t.Fatalf("write %d after stat: ctime %v mtime %v, the last stat saw ctime %v", i, st.Ctime, st.Mtime, prev.Ctime)
		}
		prev = st
	}
}

// TestCoarseTimesWithoutStat checks that changes nobody looked at get
// coarse times (whole ticks, or the floor of fine stamps), on a tmpfs and
// on rootfs, which has no FS_MGTIME and never gets fine stamps.
func TestCoarseTimesWithoutStat(t *testing.T) {
	task := bootTmpfs(t)
	// rootfs: a stat between writes does not make stamps finer.
	for i := 0; i < 20; i++ {
		st := writeAndStat(t, task, "/f")
		if nsOf(st.Mtime)%jiffyNS != 0 {
			t.Fatalf("rootfs mtime %v is not on a tick", st.Mtime)
		}
	}
	fd, err := task.Openat(linux.AT_FDCWD, "/g", linux.O_WRONLY|linux.O_CREAT, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(fd)
	for i := 0; i < 20; i++ {
		if _, err := task.Write(fd, []byte("y")); err != nil {
			t.Fatal(err)
		}
	}
	st, err := task.Fstat(fd)
	if err != nil {
		t.Fatal(err)
	}
	if nsOf(st.Mtime)%jiffyNS != 0 || st.Mtime != st.Ctime {
		t.Fatalf("unobserved writes: mtime %v ctime %v, want one tick time", st.Mtime, st.Ctime)
	}
}

// TestStrictatimeOncePerTick checks touch_atime's skip on a strictatime
// mount: reads within one tick leave atime alone, and atime stays on
// the coarse clock.
func TestStrictatimeOncePerTick(t *testing.T) {
	task := bootTmpfs(t) // rootfs: no relatime, as Linux's
	st := writeAndStat(t, task, "/f")
	fd, err := task.Openat(linux.AT_FDCWD, "/f", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(fd)
	buf := make([]byte, 1)
	deadline := time.Now().Add(2 * time.Second)
	for {
		if _, err := task.Pread(fd, buf, 0); err != nil {
			t.Fatal(err)
		}
		now, err := task.Fstat(fd)
		if err != nil {
			t.Fatal(err)
		}
		if nsOf(now.Atime)%jiffyNS != 0 {
			t.Fatalf("atime %v is not on a tick", now.Atime)
		}
		if now.Atime.After(st.Mtime) {
			return // the clock ticked and a read took the new time
		}
		if time.Now().After(deadline) {
			t.Fatalf("atime %v never moved past mtime %v in 2 s of reads", now.Atime, st.Mtime)
		}
	}
}
