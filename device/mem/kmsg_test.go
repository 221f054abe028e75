// SPDX-License-Identifier: Apache-2.0

package mem_test

import (
	"errors"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/mem"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// kmsgTask boots a kernel with the memory devices and a /dev/kmsg node.
func kmsgTask(t *testing.T) *vfs.Task {
	k := testkernel.New(t)
	if err := mem.Register(k); err != nil {
		t.Fatal(err)
	}
	init := testkernel.Init(t, k, "/dev")
	if err := init.Mknodat(linux.AT_FDCWD, "/dev/kmsg", linux.S_IFCHR|0o644, linux.Mkdev(1, 11)); err != nil {
		t.Fatal(err)
	}
	return init
}

// TestKmsgReadWrite: records come out one a read, in order, as
// devkmsg_read formats them; a read at the end waits for the next record
// (EAGAIN with O_NONBLOCK); lseek takes offset 0 only.
func TestKmsgReadWrite(t *testing.T) {
	init := kmsgTask(t)
	k := init.Kernel()
	k.Printk(vfs.KernInfo + "first\tline")
	w, err := init.Open("/dev/kmsg", linux.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Write(w, []byte("<165>second\n")); err != nil {
		t.Fatal(err)
	}
	r, err := init.Open("/dev/kmsg", linux.O_RDONLY|linux.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 200)
	for _, want := range []string{"6,0,", "165,1,"} {
		n, err := init.Read(r, buf)
		if err != nil || len(buf[:n]) < len(want) || string(buf[:len(want)]) != want {
			t.Fatalf("read %q, %v; want a record starting %q", buf[:n], err, want)
		}
	}
	if _, err := init.Read(r, buf); !errors.Is(err, linux.EAGAIN) {
		t.Fatalf("read at the end: %v, want EAGAIN", err)
	}
	if _, err := init.Lseek(r, 0, linux.SEEK_SET); err != nil {
		t.Fatal(err)
	}
	if n, _ := init.Read(r, buf); string(buf[:n]) != "6,0,"+string(buf[4:n]) || !containsEscapedTab(buf[:n]) {
		t.Fatalf("after SEEK_SET: %q", buf[:n])
	}
	if _, err := init.Lseek(r, 1, linux.SEEK_SET); !errors.Is(err, linux.ESPIPE) {
		t.Fatalf("lseek to 1: %v, want ESPIPE", err)
	}
	if _, err := init.Read(r, buf[:5]); !errors.Is(err, linux.EINVAL) {
		t.Fatalf("short read: %v, want EINVAL", err)
	}

	// A blocking reader at the end wakes for the next record.
	b, err := init.Open("/dev/kmsg", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Lseek(b, 0, linux.SEEK_END); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		p := make([]byte, 200)
		n, _ := init.Read(b, p)
		got <- string(p[:n])
	}()
	time.Sleep(10 * time.Millisecond)
	k.Printk(vfs.KernErr + "third")
	select {
	case s := <-got:
		if len(s) < 2 || s[:2] != "3," {
			t.Fatalf("woken read %q, want the error-level record", s)
		}
	case <-time.After(time.Minute):
		t.Fatal("the reader did not wake for a new record")
	}
}

func containsEscapedTab(b []byte) bool {
	for i := 0; i+4 <= len(b); i++ {
		if string(b[i:i+4]) == `\x09` {
			return true
		}
	}
	return false
}

// TestKmsgReadInterrupted: a reader waiting at the end fails EINTR when
// the kernel is interrupted.
func TestKmsgReadInterrupted(t *testing.T) {
	init := kmsgTask(t)
	fd, err := init.Open("/dev/kmsg", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Lseek(fd, 0, linux.SEEK_END); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := init.Read(fd, make([]byte, 100))
		done <- err
	}()
	time.Sleep(10 * time.Millisecond)
	init.Kernel().Interrupt()
	select {
	case err := <-done:
		if !errors.Is(err, linux.EINTR) {
			t.Fatalf("read: %v, want EINTR", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the reader was not interrupted")
	}
}

// TestKmsgSeek: lseek on /dev/kmsg takes offset 0 only (ESPIPE) and
// SEEK_SET, SEEK_END and SEEK_DATA (EINVAL for SEEK_CUR and SEEK_HOLE),
// whether the file was opened for reading or for writing only; a whence
// past SEEK_HOLE is EINVAL before the offset is looked at. As Linux 6.18
// answers on the host (a write-only open has its devkmsg_user too).
func TestKmsgSeek(t *testing.T) {
	init := kmsgTask(t)
	for _, flags := range []uint32{linux.O_WRONLY, linux.O_RDONLY, linux.O_RDWR} {
		fd, err := init.Open("/dev/kmsg", flags, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			off    int64
			whence int
			want   error
		}{
			{0, linux.SEEK_SET, nil}, {0, linux.SEEK_END, nil}, {0, linux.SEEK_DATA, nil},
			{1, linux.SEEK_SET, linux.ESPIPE}, {-1, linux.SEEK_SET, linux.ESPIPE}, {5, linux.SEEK_HOLE, linux.ESPIPE},
			{0, linux.SEEK_CUR, linux.EINVAL}, {0, linux.SEEK_HOLE, linux.EINVAL},
			{0, 5, linux.EINVAL}, {5, 9, linux.EINVAL},
		} {
			if _, err := init.Lseek(fd, c.off, c.whence); !errors.Is(err, c.want) && !(err == nil && c.want == nil) {
				t.Errorf("flags %#x: lseek(%d, %d) = %v, want %v", flags, c.off, c.whence, err, c.want)
			}
		}
		init.Close(fd)
	}
}
