// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// /proc/sys/fs/pipe-max-size and mount-max read and set as Linux 6.18's
// did for the same writes (echo VALUE > FILE, O_TRUNC included).
func TestSysctls(t *testing.T) {
	k := vfs.NewKernel()
	for _, ty := range []vfs.FilesystemType{tmpfs.Type{}, proc.Type{}} {
		if err := k.RegisterFilesystem(ty); err != nil {
			t.Fatal(err)
		}
	}
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer task.Exit()
	task.Mkdir("/proc", 0o555)
	if err := task.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	set := func(file, v string) error {
		fd, err := task.Open(file, linux.O_WRONLY|linux.O_TRUNC, 0)
		if err != nil {
			return err
		}
		defer task.Close(fd)
		_, err = task.Write(fd, []byte(v))
		return err
	}
	get := func(file string) string {
		fd, err := task.Open(file, linux.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer task.Close(fd)
		b := make([]byte, 64)
		n, _ := task.Read(fd, b)
		return string(b[:n])
	}
	const pms = "/proc/sys/fs/pipe-max-size"
	for _, c := range []struct {
		write, want string
		err         error
	}{
		{"", "1048576\n", nil},
		{"5000\n", "8192\n", nil},
		{"abc\n", "8192\n", linux.EINVAL},
		{"0\n", "4096\n", nil},
		{" 9000 \n", "16384\n", nil},
	} {
		if c.write != "" {
			if err := set(pms, c.write); err != c.err {
				t.Errorf("write %q: %v, want %v", c.write, err, c.err)
			}
		}
		if got := get(pms); got != c.want {
			t.Errorf("after %q: %q, want %q", c.write, got, c.want)
		}
	}
	if err := set("/proc/sys/fs/mount-max", "0\n"); err != linux.EINVAL {
		t.Errorf("mount-max 0: %v, want EINVAL", err)
	}
	if err := set("/proc/sys/fs/mount-max", "5\n"); err != nil || k.MountMax() != 5 {
		t.Errorf("mount-max 5: %v, %d", err, k.MountMax())
	}
	user := task.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if _, err := user.Open(pms, linux.O_WRONLY, 0); err != linux.EACCES {
		t.Errorf("a user opening it for writing: %v, want EACCES", err)
	}
	task.Umount("/proc")
}
