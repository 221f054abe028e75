// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"fmt"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/mqueue"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// /proc/sys/fs/pipe-max-size and mount-max read and set as Linux 6.18's
// did for the same writes (echo VALUE > FILE, O_TRUNC included).
func TestSysctls(t *testing.T) {
	task := testkernel.Boot(t, []vfs.FilesystemType{proc.Type{}})
	k := task.Kernel()
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

// /proc/sys/fs/mqueue: the values of the reader's IPC namespace, written
// as Linux 6.18 took the same write(2)s (each on a fresh open, O_TRUNC).
func TestMqueueSysctls(t *testing.T) {
	k := testkernel.New(t, proc.Type{})
	if err := mqueue.Register(k); err != nil {
		t.Fatal(err)
	}
	init := testkernel.Init(t, k)
	defer init.Exit()
	init.Mkdir("/proc", 0o555)
	if err := init.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	task := init.Clone(0)
	defer task.Exit()
	if err := task.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	read := func(task *vfs.Task, file string) string {
		t.Helper()
		fd, err := task.Open(file, linux.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer task.Close(fd)
		b := make([]byte, 64)
		n, _ := task.Read(fd, b)
		return string(b[:n])
	}
	const dir = "/proc/sys/fs/mqueue/"
	for name, want := range map[string]string{"queues_max": "256\n", "msg_max": "10\n", "msgsize_max": "8192\n", "msg_default": "10\n", "msgsize_default": "8192\n"} {
		if got := read(task, dir+name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if ents, err := task.Getdents(mustOpenDir(t, task, dir), 100); err != nil || fmt.Sprint(direntNames(ents)) != "[msg_default msg_max msgsize_default msgsize_max queues_max]" {
		t.Errorf("%s lists %v %v", dir, direntNames(ents), err)
	}
	if ents, _ := task.Getdents(mustOpenDir(t, task, "/proc/sys/fs"), 100); fmt.Sprint(direntNames(ents)) != "[mount-max mqueue pipe-max-size]" {
		t.Errorf("/proc/sys/fs lists %v", direntNames(ents))
	}
	type w struct {
		write string
		n     int
		err   error
		after string
	}
	for file, writes := range map[string][]w{
		"queues_max": {
			{"", 0, nil, "256"}, {"  \n", 0, linux.EINVAL, "256"}, {"-", 0, linux.EINVAL, "256"},
			{"12abc", 0, linux.EINVAL, "256"}, {"010", 3, nil, "8"}, {"09", 0, linux.EINVAL, "8"},
			{"0x", 0, linux.EINVAL, "8"}, {"0x1f", 4, nil, "31"}, {"-0", 2, nil, "0"},
			{"-2147483648", 11, nil, "-2147483648"}, {"-2147483649", 0, linux.EINVAL, "-2147483648"},
			{"4294967296", 0, linux.EINVAL, "-2147483648"}, {"  7\t\n", 5, nil, "7"}, {"5\n6\n", 2, nil, "5"},
			{"0000000000000000000001", 0, linux.EINVAL, "5"}, {"000000000000000000001", 0, linux.EINVAL, "5"},
			{"00000000000000000001", 20, nil, "1"}, {"+3", 0, linux.EINVAL, "1"}, {"2147483647", 10, nil, "2147483647"},
		},
		"msg_max": {
			{"0", 0, linux.EINVAL, "10"}, {"1", 1, nil, "1"}, {"65536", 5, nil, "65536"},
			{"65537", 0, linux.EINVAL, "65536"}, {"-0", 0, linux.EINVAL, "65536"},
		},
		"msg_default": {{"0", 0, linux.EINVAL, "10"}, {"65536\n", 6, nil, "65536"}, {"65537", 0, linux.EINVAL, "65536"}},
		"msgsize_max": {
			{"127", 0, linux.EINVAL, "8192"}, {"128", 3, nil, "128"}, {"16777216", 8, nil, "16777216"},
			{"16777217", 0, linux.EINVAL, "16777216"},
		},
		"msgsize_default": {{"127", 0, linux.EINVAL, "8192"}, {"65537", 5, nil, "65537"}, {"16777217", 0, linux.EINVAL, "65537"}},
	} {
		for _, c := range writes {
			fd, err := task.Open(dir+file, linux.O_WRONLY|linux.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			n, err := task.Write(fd, []byte(c.write))
			task.Close(fd)
			if n != c.n || err != c.err {
				t.Errorf("%s: write %q: %d %v, want %d %v", file, c.write, n, err, c.n, c.err)
			}
			if got := read(task, dir+file); got != c.after+"\n" {
				t.Errorf("%s after %q: %q, want %q", file, c.write, got, c.after)
			}
		}
	}
	// A write past the start of the file is ignored whole.
	fd, _ := task.Open(dir+"msg_max", linux.O_WRONLY, 0)
	if n, err := task.Pwrite(fd, []byte("7"), 1); n != 1 || err != nil {
		t.Errorf("pwrite at 1: %d %v", n, err)
	}
	task.Close(fd)
	if got := read(task, dir+"msg_max"); got != "65536\n" {
		t.Errorf("after a write at 1: %q", got)
	}
	// The other namespace keeps its own values.
	if got := read(init, dir+"queues_max"); got != "256\n" {
		t.Errorf("init's queues_max: %q", got)
	}
	// A descriptor used by a task of another namespace sets the values of
	// the namespace it was opened in.
	fd, _ = init.Open(dir+"msg_default", linux.O_WRONLY, 0)
	sharer := init.Clone(linux.CLONE_FILES)
	defer sharer.Exit()
	if err := sharer.Unshare(linux.CLONE_NEWIPC); err != nil {
		t.Fatal(err)
	}
	sharer.Write(fd, []byte("3"))
	init.Close(fd)
	if got, other := read(init, dir+"msg_default"), read(sharer, dir+"msg_default"); got != "3\n" || other != "10\n" {
		t.Errorf("msg_default after a write through init's descriptor: %q in init's namespace, %q in the writer's", got, other)
	}
	user := task.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	if _, err := user.Open(dir+"queues_max", linux.O_WRONLY, 0); err != linux.EACCES {
		t.Errorf("a user opening queues_max for writing: %v, want EACCES", err)
	}
}

func mustOpenDir(t *testing.T, task *vfs.Task, dir string) int {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { task.Close(fd) })
	return fd
}

func direntNames(ents []vfs.Dirent) []string {
	var out []string
	for _, e := range ents {
		if e.Name != "." && e.Name != ".." {
			out = append(out, e.Name)
		}
	}
	return out
}
