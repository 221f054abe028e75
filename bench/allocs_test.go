// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestHotPathNoAllocs asserts that the calls issue 15 wants free of
// allocation stay so once their objects are cached: open, read and close
// of a cached file, readlink, getdents into a caller's buffer, and a
// rewrite of a file's pages (after the first round has made them).
func TestHotPathNoAllocs(t *testing.T) {
	lv := newLinuxvfsTree(t)
	task := lv.task
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fd, err := task.Creat("/data", 0o644)
	must(err)
	_, err = task.Write(fd, make([]byte, 8192))
	must(err)
	must(task.Close(fd))
	must(task.Symlink("/data", "/link"))
	buf := make([]byte, 4096)
	dents := make([]vfs.Dirent, 16)
	cases := []struct {
		name string
		fn   func()
	}{
		{"open+read+close", func() {
			fd, err := task.Openat(linux.AT_FDCWD, "/data", linux.O_RDONLY, 0)
			must(err)
			_, err = task.Read(fd, buf)
			must(err)
			must(task.Close(fd))
		}},
		{"readlink", func() {
			_, err := task.Readlinkat(linux.AT_FDCWD, "/link")
			must(err)
		}},
		{"getdents", func() {
			fd, err := task.Openat(linux.AT_FDCWD, "/bench", linux.O_RDONLY|linux.O_DIRECTORY, 0)
			must(err)
			for {
				n, err := task.GetdentsTo(fd, dents)
				must(err)
				if n == 0 {
					break
				}
			}
			must(task.Close(fd))
		}},
		{"rewrite", func() {
			fd, err := task.Openat(linux.AT_FDCWD, "/data", linux.O_WRONLY|linux.O_TRUNC, 0)
			must(err)
			_, err = task.Write(fd, buf)
			must(err)
			_, err = task.Write(fd, buf)
			must(err)
			must(task.Close(fd))
		}},
	}
	for _, c := range cases {
		c.fn()
		if allocs := testing.AllocsPerRun(100, c.fn); allocs != 0 {
			t.Errorf("%s: %v allocs/op, want 0", c.name, allocs)
		}
	}
}
