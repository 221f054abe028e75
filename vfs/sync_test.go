// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestErrnoSync is fsync(2), fdatasync(2) and syncfs(2) as Linux 6.18
// answers them on tmpfs: its files and directories sync (noop_fsync), a
// FIFO has no fsync (EINVAL) but its filesystem syncs, O_PATH and closed
// descriptors are EBADF.
func TestErrnoSync(t *testing.T) {
	fifo := uint32(linux.O_RDONLY | linux.O_NONBLOCK)
	fsync := func(path string, flags uint32) func(x *ex) error {
		return func(x *ex) error { return x.t.Fsync(x.rootFd(path, flags)) }
	}
	fdatasync := func(path string, flags uint32) func(x *ex) error {
		return func(x *ex) error { return x.t.Fdatasync(x.rootFd(path, flags)) }
	}
	syncfs := func(path string, flags uint32) func(x *ex) error {
		return func(x *ex) error { return x.t.Syncfs(x.rootFd(path, flags)) }
	}
	runErrTable(t, []errRow{
		{name: "fsync-file", call: fsync("/f", uRD)},
		{name: "fsync-dir", call: fsync("/d", uRD)},
		{name: "fsync-other-mount", call: fsync("/m/mf", uWR)},
		{name: "fsync-fifo", call: fsync("/p", fifo), want: linux.EINVAL},
		{name: "fsync-o-path", call: fsync("/f", uPATH), want: linux.EBADF},
		{name: "fsync-closed", call: func(x *ex) error { return x.t.Fsync(-1) }, want: linux.EBADF},
		{name: "fdatasync-file", call: fdatasync("/f", uWR)},
		{name: "fdatasync-fifo", call: fdatasync("/p", fifo), want: linux.EINVAL},
		{name: "fdatasync-o-path", call: fdatasync("/d", uPATH), want: linux.EBADF},
		{name: "syncfs-file", call: syncfs("/f", uRD)},
		{name: "syncfs-fifo", call: syncfs("/p", fifo)},
		{name: "syncfs-o-path", call: syncfs("/f", uPATH), want: linux.EBADF},
		{name: "syncfs-closed", call: func(x *ex) error { return x.t.Syncfs(99) }, want: linux.EBADF},
		{name: "sync", call: func(x *ex) error { x.t.Sync(); return nil }},
	})
}
