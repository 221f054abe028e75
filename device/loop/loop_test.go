// SPDX-License-Identifier: Apache-2.0

package loop_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// setup boots a kernel with the loop driver, the device nodes a devtmpfs
// would have, and a 1300-byte file /img.
func setup(t *testing.T) *vfs.Task {
	t.Helper()
	k := vfs.NewKernel()
	if err := k.RegisterFilesystem(tmpfs.Type{}); err != nil {
		t.Fatal(err)
	}
	if _, err := loop.Register(k); err != nil {
		t.Fatal(err)
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	must(t, task.Mkdir("/dev", 0o755))
	must(t, task.Mknodat(linux.AT_FDCWD, "/dev/loop-control", linux.S_IFCHR|0o600, linux.Mkdev(10, 237)))
	for i := uint32(0); i < loop.MinCount; i++ {
		must(t, task.Mknodat(linux.AT_FDCWD, "/dev/loop"+string(rune('0'+i)), linux.S_IFBLK|0o660, linux.Mkdev(7, i)))
	}
	fd, err := task.Open("/img", linux.O_CREAT|linux.O_WRONLY, 0o644)
	must(t, err)
	_, err = task.Write(fd, bytes.Repeat([]byte("0123456789"), 130))
	must(t, err)
	must(t, task.Close(fd))
	return task
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: got %v, want %v", what, err, want)
	}
}

// attach does what losetup does: find a free device, open it and the
// file, LOOP_CONFIGURE, and close both.
func attach(t *testing.T, task *vfs.Task, file string, flags uint32) int {
	t.Helper()
	ctl, err := task.Open("/dev/loop-control", linux.O_RDWR, 0)
	must(t, err)
	n, err := task.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
	must(t, err)
	must(t, task.Close(ctl))
	dev, err := task.Open("/dev/loop"+string(rune('0'+n)), linux.O_RDWR, 0)
	must(t, err)
	f, err := task.Open(file, flags, 0)
	must(t, err)
	_, err = task.Ioctl(dev, linux.LOOP_CONFIGURE, &loop.Config{Fd: f, Info: loop.Info{FileName: file}})
	must(t, err)
	must(t, task.Close(f))
	must(t, task.Close(dev))
	return int(n)
}

func TestConfigureReadStatusDetach(t *testing.T) {
	task := setup(t)
	if n := attach(t, task, "/img", linux.O_RDWR); n != 0 {
		t.Fatalf("first free device is loop%d, want loop0", n)
	}
	fd, err := task.Open("/dev/loop0", linux.O_RDONLY, 0)
	must(t, err)
	var size uint64
	_, err = task.Ioctl(fd, linux.BLKGETSIZE64, &size)
	must(t, err)
	if size != 1024 { // 1300 bytes are two whole sectors
		t.Errorf("size %d, want 1024", size)
	}
	buf := make([]byte, 2000)
	n, err := task.Read(fd, buf)
	must(t, err)
	if n != 1024 || string(buf[:10]) != "0123456789" {
		t.Errorf("read %d bytes %q", n, buf[:10])
	}
	end, err := task.Lseek(fd, 0, linux.SEEK_END)
	must(t, err)
	if end != 1024 {
		t.Errorf("SEEK_END at %d, want 1024", end)
	}
	var info loop.Info
	_, err = task.Ioctl(fd, linux.LOOP_GET_STATUS64, &info)
	must(t, err)
	st, err := task.Stat("/img")
	must(t, err)
	if info.FileName != "/img" || info.Inode != st.Ino || info.Flags != 0 || info.Number != 0 {
		t.Errorf("status %+v", info)
	}
	cfd, err := task.Open("/img", linux.O_RDONLY, 0)
	must(t, err)
	_, err = task.Ioctl(fd, linux.LOOP_CONFIGURE, &loop.Config{Fd: cfd})
	wantErr(t, "configure a bound device", err, linux.EBUSY)
	must(t, task.Close(cfd))

	// Detach while open: autoclear, done at the last close.
	_, err = task.Ioctl(fd, linux.LOOP_CLR_FD, nil)
	must(t, err)
	_, err = task.Ioctl(fd, linux.LOOP_GET_STATUS64, &info)
	must(t, err)
	if info.Flags&linux.LO_FLAGS_AUTOCLEAR == 0 {
		t.Errorf("flags %#x after LOOP_CLR_FD, want autoclear", info.Flags)
	}
	must(t, task.Close(fd))
	fd, err = task.Open("/dev/loop0", linux.O_RDONLY, 0)
	must(t, err)
	_, err = task.Ioctl(fd, linux.LOOP_GET_STATUS64, &info)
	wantErr(t, "status of a detached device", err, linux.ENXIO)
	_, err = task.Ioctl(fd, linux.LOOP_CLR_FD, nil)
	wantErr(t, "detach an unbound device", err, linux.ENXIO)
	n, err = task.Read(fd, buf)
	if n != 0 || err != nil {
		t.Errorf("read of an unbound device: %d, %v", n, err)
	}
	must(t, task.Close(fd))
}

func TestReadOnlyFileMakesReadOnlyDevice(t *testing.T) {
	task := setup(t)
	attach(t, task, "/img", linux.O_RDONLY)
	if n := attach(t, task, "/img", linux.O_RDWR); n != 1 {
		t.Errorf("second free device is loop%d, want loop1", n)
	}
	fd, err := task.Open("/dev/loop0", linux.O_RDWR, 0)
	must(t, err)
	var ro int32
	_, err = task.Ioctl(fd, linux.BLKROGET, &ro)
	must(t, err)
	if ro != 1 {
		t.Errorf("BLKROGET %d, want 1", ro)
	}
	_, err = task.Write(fd, []byte("x"))
	wantErr(t, "write to a read-only loop", err, linux.EPERM)
	_, err = task.Ioctl(fd, 0x1234, nil)
	wantErr(t, "unknown ioctl", err, linux.ENOTTY)
	must(t, task.Close(fd))
}

func TestGetFreeAddsDevices(t *testing.T) {
	task := setup(t)
	for i := 0; i < loop.MinCount; i++ {
		if n := attach(t, task, "/img", linux.O_RDONLY); n != i {
			t.Fatalf("attach %d got loop%d", i, n)
		}
	}
	ctl, err := task.Open("/dev/loop-control", linux.O_RDWR, 0)
	must(t, err)
	n, err := task.Ioctl(ctl, linux.LOOP_CTL_GET_FREE, nil)
	must(t, err)
	if n != loop.MinCount {
		t.Errorf("GET_FREE with all bound: %d, want a new loop%d", n, loop.MinCount)
	}
	must(t, task.Close(ctl))
}

// bind configures device node dev (open read-write) with the file at path.
func bind(task *vfs.Task, dev, path string) error {
	d, err := task.Open(dev, linux.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer task.Close(d)
	f, err := task.Open(path, linux.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer task.Close(f)
	_, err = task.Ioctl(d, linux.LOOP_CONFIGURE, &loop.Config{Fd: f, Info: loop.Info{FileName: path}})
	return err
}

func diskSize(t *testing.T, task *vfs.Task, dev string) uint64 {
	t.Helper()
	fd, err := task.Open(dev, linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	var size uint64
	_, err = task.Ioctl(fd, linux.BLKGETSIZE64, &size)
	must(t, err)
	return size
}

// TestCapacityFollowsTheFileOnlyWhenAsked: the disk keeps the size it
// had when bound until LOOP_SET_CAPACITY; a read past where the file
// ends now gets the whole pages the file still fills, then EIO.
func TestCapacityFollowsTheFileOnlyWhenAsked(t *testing.T) {
	task := setup(t)
	must(t, bind(task, "/dev/loop0", "/img"))
	must(t, task.Truncate("/img", 5000))
	if got := diskSize(t, task, "/dev/loop0"); got != 1024 {
		t.Errorf("size after the file grew: %d, want still 1024", got)
	}
	fd, err := task.Open("/dev/loop0", linux.O_RDONLY, 0)
	must(t, err)
	defer task.Close(fd)
	_, err = task.Ioctl(fd, linux.LOOP_SET_CAPACITY, nil)
	must(t, err)
	if got := diskSize(t, task, "/dev/loop0"); got != 4608 {
		t.Errorf("size after LOOP_SET_CAPACITY: %d, want 4608", got)
	}
	must(t, task.Truncate("/img", 4100))
	buf := make([]byte, 4608)
	n, err := task.Pread(fd, buf, 0)
	if n != 4096 || err != nil {
		t.Errorf("read over the shrunk end: %d, %v; want the 4096 bytes of the whole page", n, err)
	}
	_, err = task.Pread(fd, buf, 4096)
	wantErr(t, "read past the file's end", err, linux.EIO)
}

// TestBackingLoopDevices: a loop device may be backed by another bound
// one, whose size it gets; not by itself (EBADF), nor by an unbound one
// (EINVAL). A bound device refuses first (EBUSY).
func TestBackingLoopDevices(t *testing.T) {
	task := setup(t)
	must(t, bind(task, "/dev/loop0", "/img"))
	must(t, bind(task, "/dev/loop1", "/dev/loop0"))
	if got := diskSize(t, task, "/dev/loop1"); got != 1024 {
		t.Errorf("size of a loop over a loop: %d, want 1024", got)
	}
	must(t, bind(task, "/dev/loop2", "/dev/loop1"))
	fd, err := task.Open("/dev/loop2", linux.O_RDONLY, 0)
	must(t, err)
	buf := make([]byte, 10)
	if n, err := task.Read(fd, buf); n != 10 || string(buf) != "0123456789" {
		t.Errorf("read through two loops: %d, %v, %q", n, err, buf)
	}
	must(t, task.Close(fd))
	wantErr(t, "loop over itself", bind(task, "/dev/loop3", "/dev/loop3"), linux.EBADF)
	wantErr(t, "loop over an unbound loop", bind(task, "/dev/loop3", "/dev/loop4"), linux.EINVAL)
	wantErr(t, "loop over a chain through a busy one", bind(task, "/dev/loop1", "/dev/loop2"), linux.EBUSY)
	wantErr(t, "loop over a char device", bind(task, "/dev/loop3", "/dev/loop-control"), linux.EINVAL)
}
