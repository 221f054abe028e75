// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestMultigrainTimesHost is TestMultigrainTimes's claim checked on the
// host kernel's tmpfs: a write after fstat reported the ctime gives a
// later ctime, and mtime equal to it, however fast the loop runs.
func TestMultigrainTimesHost(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (mount)")
	}
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, ""); err != nil {
		t.Fatal(err)
	}
	defer unix.Unmount(dir, unix.MNT_DETACH)
	fd, err := unix.Open(filepath.Join(dir, "f"), unix.O_WRONLY|unix.O_CREAT, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	var prev, st unix.Stat_t
	if err := unix.Fstat(fd, &prev); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if _, err := unix.Write(fd, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if err := unix.Fstat(fd, &st); err != nil {
			t.Fatal(err)
		}
		if st.Ctim.Nano() <= prev.Ctim.Nano() || st.Mtim != st.Ctim {
			t.Fatalf("write %d after fstat: ctime %v mtime %v, the last fstat saw ctime %v", i, st.Ctim, st.Mtim, prev.Ctim)
		}
		prev = st
	}
}
