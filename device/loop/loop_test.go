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
