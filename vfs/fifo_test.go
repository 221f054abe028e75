// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/mem"
)

func TestFIFO(t *testing.T) {
	init := bootMounts(t)
	if err := init.Mknodat(linux.AT_FDCWD, "/p", linux.S_IFIFO|0o644, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := init.Open("/p", linux.O_WRONLY|linux.O_NONBLOCK, 0); err != linux.ENXIO {
		t.Fatalf("non-blocking writer without reader = %v, want ENXIO", err)
	}
	r, err := init.Open("/p", linux.O_RDONLY|linux.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	if n, err := init.Read(r, buf); n != 0 || err != nil {
		t.Fatalf("read with no writer = %d, %v; want EOF", n, err)
	}
	writer := init.Clone(0)
	done := make(chan error)
	go func() {
		w, err := writer.Open("/p", linux.O_WRONLY, 0)
		if err == nil {
			_, err = writer.Write(w, []byte("through the fifo"))
			writer.Close(w)
		}
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	n, err := init.Read(r, buf)
	if err != nil || string(buf[:n]) != "through the fifo" {
		t.Fatalf("read = %q, %v", buf[:n], err)
	}
	init.Close(r)
	if _, err := init.Lseek(r, 0, linux.SEEK_SET); err != linux.EBADF {
		t.Fatalf("lseek on a closed fd = %v", err)
	}
}

func TestCharDevices(t *testing.T) {
	init := bootMounts(t)
	if err := init.Mknodat(linux.AT_FDCWD, "/null", linux.S_IFCHR|0o666, linux.Mkdev(1, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := init.Open("/null", linux.O_WRONLY, 0); err != linux.ENXIO {
		t.Fatalf("open without a driver = %v, want ENXIO", err)
	}
	if err := mem.Register(init.Kernel()); err != nil {
		t.Fatal(err)
	}
	fd, err := init.Open("/null", linux.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := init.Write(fd, []byte("gone")); n != 4 || err != nil {
		t.Fatalf("write to null = %d, %v", n, err)
	}
	if n, err := init.Read(fd, make([]byte, 4)); n != 0 || err != nil {
		t.Fatalf("read from null = %d, %v", n, err)
	}
	if err := init.Mknodat(linux.AT_FDCWD, "/full", linux.S_IFCHR|0o666, linux.Mkdev(1, 7)); err != nil {
		t.Fatal(err)
	}
	fd, _ = init.Open("/full", linux.O_WRONLY, 0)
	if _, err := init.Write(fd, []byte("x")); err != linux.ENOSPC {
		t.Fatalf("write to full = %v, want ENOSPC", err)
	}
}

func TestInterruptWakesSleepers(t *testing.T) {
	init := bootMounts(t)
	if err := init.Mknodat(linux.AT_FDCWD, "/p", linux.S_IFIFO|0o644, 0); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := init.Open("/p", linux.O_RDONLY, 0) // no writer: sleeps
		done <- err
	}()
	init.Kernel().Interrupt()
	if err := <-done; err != linux.EINTR {
		t.Fatalf("open after Interrupt = %v, want EINTR", err)
	}
	if _, err := init.Open("/p", linux.O_WRONLY, 0); err != linux.EINTR {
		t.Fatalf("a later sleep = %v, want EINTR at once", err)
	}
}
