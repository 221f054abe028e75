// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestNestedSymlinksPastInlineStack walks symlinks nested deeper than the
// nameidata's inline stack: s<k> is "s<k-1>/x<k>", so the walk of s<k>
// keeps "x<k>" aside while it walks s<k-1>, and s<k> is d/x1/.../x<k> only
// if every kept rest comes back in order.
func TestNestedSymlinksPastInlineStack(t *testing.T) {
	task := newScKernel(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(task.Symlink("d", "/s0"))
	dir := "/d"
	for k := 0; k <= 12; k++ {
		if k > 0 {
			dir += fmt.Sprintf("/x%d", k)
			must(task.Symlink(fmt.Sprintf("s%d/x%d", k-1, k), fmt.Sprintf("/s%d", k)))
		}
		must(task.Mkdir(dir, 0o755))
		fd, err := task.Openat(linux.AT_FDCWD, dir+"/f", linux.O_CREAT|linux.O_WRONLY, 0o644)
		must(err)
		must(task.Close(fd))
		var want, got vfs.Statx
		must(task.Statx(linux.AT_FDCWD, dir+"/f", 0, &want))
		if err := task.Statx(linux.AT_FDCWD, fmt.Sprintf("/s%d/f", k), 0, &got); err != nil {
			t.Fatalf("depth %d: %v", k, err)
		}
		if got.Ino != want.Ino {
			t.Fatalf("depth %d: ino %d, want %d", k, got.Ino, want.Ino)
		}
	}
}
