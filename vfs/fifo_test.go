// SPDX-License-Identifier: Apache-2.0

package vfs_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/mem"
	"github.com/linuxvfs/linuxvfs/vfs"
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

// A fatal signal ends a task's sleep in a FIFO's open, a pipe's read and
// a full pipe's write (pipe_wait is interruptible), and only that task's:
// the others sleep on.
func TestFatalSignalEndsPipeSleeps(t *testing.T) {
	init := bootMounts(t)
	if err := init.Mknodat(linux.AT_FDCWD, "/p", linux.S_IFIFO|0o644, 0); err != nil {
		t.Fatal(err)
	}
	sleep := func(do func(*vfs.Task) error) (*vfs.Task, chan error) {
		task := init.Clone(0)
		done := make(chan error, 1)
		go func() { done <- do(task) }()
		return task, done
	}
	opener, opened := sleep(func(task *vfs.Task) error {
		_, err := task.Open("/p", linux.O_RDONLY, 0) // no writer: sleeps
		return err
	})
	r, _ := newPipe(t, init, 0)
	reader, read := sleep(func(task *vfs.Task) error {
		_, err := task.Read(r, make([]byte, 1)) // empty, a writer open: sleeps
		return err
	})
	_, w := newPipe(t, init, 0)
	writer, wrote := sleep(func(task *vfs.Task) error {
		n, err := task.Write(w, make([]byte, 1<<20)) // more than the pipe holds
		if n > 0 && err == nil {
			return linux.EINTR // cut short after a part, as pipe_write returns
		}
		return err
	})
	for _, c := range []struct {
		task *vfs.Task
		done chan error
		what string
	}{{opener, opened, "open"}, {reader, read, "read"}, {writer, wrote, "write"}} {
		c.task.SetFatalSignal()
		if err := <-c.done; err != linux.EINTR {
			t.Errorf("%s after a fatal signal = %v, want EINTR", c.what, err)
		}
		c.task.Exit()
	}
}
