// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestRemountReadOnlyWaitsForUnlinkedFiles: a read-only remount of a
// superblock fails with EBUSY while an inode without names is held open,
// by an O_PATH descriptor too, or is an O_TMPFILE not yet linked; naming
// it or closing the last descriptor lets the remount through.
func TestRemountReadOnlyWaitsForUnlinkedFiles(t *testing.T) {
	task := newScKernel(t)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	remountRO := func() error {
		return task.Mount("", "/m", "", linux.MS_REMOUNT|linux.MS_RDONLY, "")
	}
	remountRW := func() {
		t.Helper()
		must("remount rw", task.Mount("", "/m", "", linux.MS_REMOUNT, ""))
	}
	must("mkdir", task.Mkdir("/m", 0o755))
	must("mount", task.Mount("tmpfs", "/m", "tmpfs", 0, ""))
	for _, flags := range []uint32{linux.O_RDONLY, linux.O_PATH} {
		fd, err := task.Open("/m/f", linux.O_CREAT|linux.O_WRONLY, 0o600)
		must("create", err)
		must("close", task.Close(fd))
		fd, err = task.Open("/m/f", flags, 0)
		must("open", err)
		must("unlink", task.Unlink("/m/f"))
		if err := remountRO(); err != linux.EBUSY {
			t.Fatalf("flags %#o: remount ro with an unlinked open file: %v, want EBUSY", flags, err)
		}
		must("close", task.Close(fd))
		must("remount ro after the close", remountRO())
		remountRW()
	}

	// An O_TMPFILE given a name is counted no more once its writer
	// closes, and again once the name goes.
	fd, err := task.Open("/m", linux.O_TMPFILE|linux.O_RDWR, 0o600)
	must("tmpfile", err)
	must("linkat", task.Linkat(fd, "", linux.AT_FDCWD, "/m/named", linux.AT_EMPTY_PATH))
	reader, err := task.Open("/m/named", linux.O_RDONLY, 0)
	must("open named", err)
	must("close tmpfile", task.Close(fd))
	must("remount ro with a linked tmpfile open", remountRO())
	remountRW()
	must("unlink named", task.Unlink("/m/named"))
	if err := remountRO(); err != linux.EBUSY {
		t.Fatalf("remount ro with the tmpfile unlinked again: %v, want EBUSY", err)
	}
	must("close reader", task.Close(reader))
	must("remount ro at the end", remountRO())
}
