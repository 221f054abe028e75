// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// TestFlock: shared locks go together, an exclusive one alone; a lock
// belongs to the open file (a dup shares it) and goes with its last
// close; a wait ends when the lock goes, or with EINTR when cancelled.
// What Linux 6.18 answers to the same calls.
func TestFlock(t *testing.T) {
	init := bootShmem(t)
	open := func() int {
		fd, err := init.Open("/f", linux.O_RDONLY|linux.O_CREAT, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		return fd
	}
	a, b := open(), open()
	defer init.Close(b)
	must := func(fd, op int, want error) {
		t.Helper()
		if err := init.Flock(fd, op, nil); err != want {
			t.Fatalf("flock(%d, %d) = %v, want %v", fd, op, err, want)
		}
	}
	must(a, linux.LOCK_SH, nil)
	must(b, linux.LOCK_SH|linux.LOCK_NB, nil)
	must(b, linux.LOCK_EX|linux.LOCK_NB, linux.EWOULDBLOCK) // b's shared lock is lost too
	must(a, linux.LOCK_EX|linux.LOCK_NB, nil)
	dup, err := init.Fcntl(a, linux.F_DUPFD, 0)
	if err != nil {
		t.Fatal(err)
	}
	init.Close(a)
	must(b, linux.LOCK_SH|linux.LOCK_NB, linux.EWOULDBLOCK) // held through dup
	done := make(chan error)
	go func() { done <- init.Flock(b, linux.LOCK_SH, nil) }()
	init.Close(dup)
	if err := <-done; err != nil {
		t.Fatalf("waiting flock: %v", err)
	}
	c := open()
	cancel := make(chan struct{})
	go func() { done <- init.Flock(c, linux.LOCK_EX, cancel) }()
	close(cancel)
	if err := <-done; err != linux.EINTR {
		t.Fatalf("cancelled flock: %v", err)
	}
	must(c, 3, linux.EINVAL)
	must(c, linux.LOCK_UN, nil)
	init.Close(c)
}
