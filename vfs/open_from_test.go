// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"slices"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// OpenatFrom puts the file at the lowest free descriptor from min on, as
// open then F_DUPFD would, and FilpOpen gives a file no descriptor holds.
func TestOpenatFromAndFilpOpen(t *testing.T) {
	init := bootMounts(t)
	before := init.Fds()
	f, err := init.FilpOpen(linux.AT_FDCWD, "/", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := init.Fds(); !slices.Equal(got, before) {
		t.Fatalf("FilpOpen changed the descriptors: %v, was %v", got, before)
	}
	f.DecRef()
	fd, err := init.OpenatFrom(linux.AT_FDCWD, "/", linux.O_RDONLY|linux.O_CLOEXEC, 0, 10)
	if fd != 10 || err != nil {
		t.Fatalf("OpenatFrom(min 10) = %d, %v; want 10", fd, err)
	}
	if fl, _ := init.Fcntl(fd, linux.F_GETFD, 0); fl != linux.FD_CLOEXEC {
		t.Fatalf("O_CLOEXEC not kept: F_GETFD = %d", fl)
	}
	if next, _ := init.OpenatFrom(linux.AT_FDCWD, "/", linux.O_RDONLY, 0, 10); next != 11 {
		t.Fatalf("second OpenatFrom(min 10) = %d; want 11", next)
	}
	for _, min := range []int{-1, 1024} {
		if _, err := init.OpenatFrom(linux.AT_FDCWD, "/", linux.O_RDONLY, 0, min); err != linux.EINVAL {
			t.Errorf("OpenatFrom(min %d) = %v; want EINVAL", min, err)
		}
	}
	if _, err := init.OpenatFrom(linux.AT_FDCWD, "/nope", linux.O_RDONLY, 0, 10); err != linux.ENOENT {
		t.Errorf("OpenatFrom of a missing file = %v; want ENOENT", err)
	}
}
