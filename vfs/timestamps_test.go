// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Every time one system call sets comes from one reading of the clock, as
// the kernel's coarse clock gives them (on Linux 6.18's tmpfs, mv a/f b/g
// gives a, b and g's ctime the same nanoseconds, and touch c gives c and
// its directory one time). The clock here moves on at every reading, so a
// second reading in a call would show.
func TestOneClockReadPerCall(t *testing.T) {
	s := newSysT(t)
	var ticks atomic.Int64
	base := time.Unix(1_700_000_000, 0)
	s.Kernel().SetClock(func() time.Time { return base.Add(time.Duration(ticks.Add(1)) * time.Microsecond) })
	s.mkdir("/a", 0o755)
	s.mkdir("/b", 0o755)
	stat := func(name string) vfs.Statx {
		t.Helper()
		st, err := s.Stat(name)
		s.ok(err, "stat "+name)
		return st
	}
	same := func(what string, names ...string) {
		t.Helper()
		want := stat(names[0]).Ctime
		for _, n := range names {
			st := stat(n)
			if st.Ctime != want || (st.Mode&linux.S_IFMT == linux.S_IFDIR && st.Mtime != want) {
				t.Errorf("after %s: %s has ctime %v mtime %v, %s ctime %v", what, n, st.Ctime, st.Mtime, names[0], want)
			}
		}
	}
	s.file("/a/f", "")
	same("create", "/a/f", "/a")
	s.ok(s.Rename("/a/f", "/b/g"), "rename")
	same("rename", "/b/g", "/a", "/b")
	s.file("/b/h", "")
	s.ok(s.Rename("/b/g", "/b/h"), "rename over")
	same("rename over", "/b/h", "/b")
	s.ok(s.Link("/b/h", "/a/l"), "link")
	same("link", "/a/l", "/a")
	s.ok(s.Unlink("/a/l"), "unlink")
	same("unlink", "/b/h", "/a")
	s.ok(s.Mkdir("/a/d", 0o755), "mkdir")
	same("mkdir", "/a/d", "/a")
}
