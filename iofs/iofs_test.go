// SPDX-License-Identifier: Apache-2.0

package iofs_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/iofs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// memDisk is a disk in memory holding a squashfs image.
type memDisk struct {
	mu sync.Mutex
	b  []byte
}

func (d *memDisk) ReadAt(p []byte, off int64) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if off >= int64(len(d.b)) {
		return 0, io.EOF
	}
	n := copy(p, d.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (d *memDisk) WriteAt(p []byte, off int64) (int, error) { return 0, linux.EROFS }
func (d *memDisk) Size() int64                              { return int64(len(d.b)) }
func (d *memDisk) ReadOnly() bool                           { return true }
func (d *memDisk) Name() string                             { return "sqdisk" }

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// sqDev is the device number the test's squashfs disk gets.
var sqDev = linux.Mkdev(240, 0)

// tree returns a task over a tree with mounts in it: files and symlinks
// on the root tmpfs, a directory with many entries, a tmpfs on /tmp, a
// bind mount of /dir on /bind and a read-only squashfs on /sq.
func tree(t testing.TB) *vfs.Task {
	t.Helper()
	k := linuxvfs.NewKernel()
	task, err := k.InitMountTree(tmpfs.RootfsType{}, "")
	must(t, err)
	write := func(name, data string) {
		fd, err := task.Open(name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
		must(t, err)
		_, err = task.Write(fd, []byte(data))
		must(t, err)
		must(t, task.Close(fd))
	}
	for _, d := range []string{"/dir", "/dir/sub", "/many", "/tmp", "/bind", "/sq", "/dev"} {
		must(t, task.Mkdir(d, 0o755))
	}
	write("/a.txt", "alpha\n")
	write("/dir/b.txt", "bravo\n")
	write("/dir/sub/c.txt", "charlie\n")
	for i := range 300 {
		write(fmt.Sprintf("/many/f%03d", i), fmt.Sprint(i))
	}
	must(t, task.Symlink("dir/b.txt", "/link"))
	must(t, task.Symlink("/dir/sub", "/dir/abs"))
	must(t, task.Mount("tmpfs", "/tmp", "tmpfs", 0, ""))
	write("/tmp/t.txt", "on tmpfs\n")
	must(t, task.Mount("/dir", "/bind", "", linux.MS_BIND, ""))
	img, err := testimage.Squashfs(map[string]string{"s/": "", "s/inner": "squashed\n", "top": "top\n"}, time.Unix(1e9, 0))
	must(t, err)
	img = append(img, make([]byte, (4096-len(img)%4096)%4096)...)
	must(t, k.AddDisk(sqDev, &memDisk{b: img}))
	must(t, task.Mknodat(linux.AT_FDCWD, "/dev/sq", linux.S_IFBLK|0o600, sqDev))
	must(t, task.Mount("/dev/sq", "/sq", "squashfs", linux.MS_RDONLY, ""))
	return task
}

func TestFSTestFS(t *testing.T) {
	task := tree(t)
	fsys := iofs.New(task)
	defer fsys.Close()
	must(t, fstest.TestFS(fsys, "a.txt", "dir/b.txt", "dir/sub/c.txt", "many/f299", "tmp/t.txt",
		"bind/b.txt", "bind/sub/c.txt", "sq/top", "sq/s/inner", "link", "dir/abs"))
	sub, err := fs.Sub(fsys, "dir")
	must(t, err)
	must(t, fstest.TestFS(sub, "b.txt", "sub/c.txt"))
}

func TestFSErrors(t *testing.T) {
	fsys := iofs.New(tree(t))
	defer fsys.Close()
	_, err := fsys.Open("nope")
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Err != linux.ENOENT || pe.Op != "open" || pe.Path != "nope" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(nope) = %#v", err)
	}
	for _, bad := range []string{"/a.txt", "../a.txt", "dir/../a.txt", "dir/", "", "./a.txt"} {
		if _, err := fsys.Open(bad); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := fsys.ReadLink("a.txt"); !errors.Is(err, linux.EINVAL) {
		t.Errorf("ReadLink(a.txt) = %v, want EINVAL", err)
	}
	if got, err := fsys.ReadLink("link"); err != nil || got != "dir/b.txt" {
		t.Errorf("ReadLink(link) = %q, %v", got, err)
	}
	if _, err := fsys.ReadDir("a.txt"); !errors.Is(err, linux.ENOTDIR) {
		t.Errorf("ReadDir(a.txt) = %v, want ENOTDIR", err)
	}
	// The absolute link resolves from the task's root, even through a Sub.
	sub, err := fsys.Sub("dir")
	must(t, err)
	if b, err := fs.ReadFile(sub, "abs/c.txt"); err != nil || string(b) != "charlie\n" {
		t.Errorf("ReadFile(dir/abs/c.txt) = %q, %v", b, err)
	}
}

// TestFSCredentials checks that the task's credentials decide access.
func TestFSCredentials(t *testing.T) {
	task := tree(t)
	must(t, task.Chmod("/dir/sub", 0o700))
	user := task.Clone(0)
	user.SetCred(&vfs.Cred{UID: 1000, GID: 1000, EUID: 1000, EGID: 1000, FSUID: 1000, FSGID: 1000})
	fsys := iofs.New(user)
	defer fsys.Close()
	if _, err := fsys.ReadFile("dir/sub/c.txt"); !errors.Is(err, fs.ErrPermission) || !errors.Is(err, linux.EACCES) {
		t.Errorf("ReadFile as uid 1000 = %v, want EACCES", err)
	}
	if _, err := fsys.ReadFile("dir/b.txt"); err != nil {
		t.Error(err)
	}
}

// TestFSPrivateDescriptors checks that the adapter's descriptors stay out
// of the task's table and close with the FS.
func TestFSPrivateDescriptors(t *testing.T) {
	task := tree(t)
	before := len(task.Fds())
	fsys := iofs.New(task)
	f, err := fsys.Open("a.txt")
	must(t, err)
	if n := len(task.Fds()); n != before {
		t.Errorf("task has %d descriptors, had %d", n, before)
	}
	must(t, fsys.Close())
	if _, err := f.Read(make([]byte, 1)); !errors.Is(err, linux.EBADF) {
		t.Errorf("Read after Close = %v, want EBADF", err)
	}
}
