// SPDX-License-Identifier: Apache-2.0

//go:build linux

package hostfs_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/hostfs"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/iofs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// hostTree makes, in a temporary directory, shared/ (the directory passed
// through) holding files, a subdirectory and links that try to leave it,
// and next to it secret, which no path in the virtual system may reach.
func hostTree(t testing.TB) (top, shared string) {
	top = t.TempDir()
	shared = filepath.Join(top, "shared")
	must(t, os.MkdirAll(filepath.Join(shared, "d/e"), 0o755))
	must(t, os.WriteFile(filepath.Join(top, "secret"), []byte("SECRET\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(shared, "hello"), []byte("hello from the host\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(shared, "d/e/deep"), []byte("deep\n"), 0o600))
	must(t, os.Symlink("hello", filepath.Join(shared, "rel")))
	must(t, os.Symlink("../secret", filepath.Join(shared, "up")))
	must(t, os.Symlink("../../../../../../../secret", filepath.Join(shared, "d/far-up")))
	must(t, os.Symlink(filepath.Join(top, "secret"), filepath.Join(shared, "abs")))
	must(t, os.Symlink("/", filepath.Join(shared, "slash")))
	return top, shared
}

// boot returns a task on a tmpfs root whose kernel may mount dirs.
func boot(t testing.TB, dirs ...string) *vfs.Task {
	k := testkernel.New(t)
	must(t, hostfs.Register(k, dirs...))
	return testkernel.Init(t, k, "/mnt")
}

func readFile(task *vfs.Task, name string) (string, error) {
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer task.Close(fd)
	buf := make([]byte, 4096)
	n, err := task.Read(fd, buf)
	return string(buf[:n]), err
}

func writeFile(task *vfs.Task, name, data string) error {
	fd, err := task.Open(name, linux.O_WRONLY|linux.O_CREAT|linux.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer task.Close(fd)
	_, err = task.Write(fd, []byte(data))
	return err
}

func TestReadOnlyMount(t *testing.T) {
	_, shared := hostTree(t)
	task := boot(t, shared)
	must(t, task.Mount(shared, "/mnt", "hostfs", linux.MS_RDONLY, "uid=1000,gid=100"))
	if got, err := readFile(task, "/mnt/rel"); err != nil || got != "hello from the host\n" {
		t.Errorf("read /mnt/rel = %q, %v", got, err)
	}
	st, err := task.Stat("/mnt/d/e/deep")
	must(t, err)
	if st.UID != 1000 || st.GID != 100 || st.Mode != linux.S_IFREG|0o600 || st.Size != 5 {
		t.Errorf("stat deep = %+v", st)
	}
	if err := writeFile(task, "/mnt/new", "x"); err != linux.EROFS {
		t.Errorf("create on ro = %v, want EROFS", err)
	}
	if err := task.Unlink("/mnt/hello"); err != linux.EROFS {
		t.Errorf("unlink on ro = %v, want EROFS", err)
	}
	mi := task.Mountinfo()
	if !strings.Contains(mi, " /mnt ro,relatime - hostfs "+shared+" ro,uid=1000,gid=100\n") {
		t.Errorf("mountinfo:\n%s", mi)
	}
	sf, err := task.Statfs("/mnt")
	must(t, err)
	if sf.Type != hostfs.Magic || sf.Blocks == 0 {
		t.Errorf("statfs = %+v", sf)
	}
}

// TestNoEscape tries every way out of the shared directory: links up,
// absolute links, "..", a rename racing lookups.
func TestNoEscape(t *testing.T) {
	top, shared := hostTree(t)
	task := boot(t, shared)
	must(t, writeFile(task, "/secret", "virtual secret\n"))
	must(t, task.Mount(shared, "/mnt", "hostfs", 0, ""))
	for _, name := range []string{"/mnt/up", "/mnt/d/far-up", "/mnt/abs", "/mnt/../secret", "/mnt/d/../../secret", "/mnt/slash/secret"} {
		got, err := readFile(task, name)
		if strings.Contains(got, "SECRET") {
			t.Errorf("%s reads the host's secret", name)
		}
		t.Logf("%s: %q %v", name, got, err)
	}
	// Links that climb out land in the virtual tree: /secret there.
	for _, name := range []string{"/mnt/up", "/mnt/d/far-up"} {
		if got, err := readFile(task, name); got != "virtual secret\n" {
			t.Errorf("%s = %q, %v; want the virtual /secret", name, got, err)
		}
	}
	if got, _ := readFile(task, "/mnt/abs"); got != "" {
		t.Errorf("/mnt/abs = %q", got)
	}
	if got, err := readFile(task, "/mnt/slash/secret"); got != "virtual secret\n" {
		t.Errorf("/mnt/slash/secret = %q, %v; want the virtual /secret", got, err)
	}
	if l, err := task.Readlink("/mnt/abs"); err != nil || l != filepath.Join(top, "secret") {
		t.Errorf("readlink abs = %q, %v", l, err)
	}
	// Mounting a path outside the allowed directory is refused.
	if err := task.Mount(top, "/mnt", "hostfs", 0, ""); err != linux.EACCES {
		t.Errorf("mount of %s = %v, want EACCES", top, err)
	}
	if err := task.Mount(shared+"/../", "/mnt", "hostfs", 0, ""); err != linux.EACCES {
		t.Errorf("mount of shared/.. = %v, want EACCES", err)
	}
	if err := task.Mount(shared+"/up", "/mnt", "hostfs", 0, ""); err == nil {
		t.Errorf("mount through a link out of the directory succeeded")
	}
}

// TestRenameRace renames directories in and out of each other while other
// goroutines walk ".." chains from deep inside: none reaches the host's
// secret.
func TestRenameRace(t *testing.T) {
	_, shared := hostTree(t)
	task := boot(t, shared)
	must(t, task.Mount(shared, "/mnt", "hostfs", 0, ""))
	must(t, task.Mkdir("/mnt/a", 0o755))
	must(t, task.Mkdir("/mnt/a/b", 0o755))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := task.Clone(0)
		defer r.Exit()
		for i := 0; i < 300; i++ {
			_ = r.Rename("/mnt/a/b", "/mnt/b")
			_ = r.Rename("/mnt/b", "/mnt/a/b")
		}
		close(stop)
	}()
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := task.Clone(0)
			defer r.Exit()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, p := range []string{"/mnt/a/b/../../../secret", "/mnt/b/../../secret", "/mnt/a/b/../../up"} {
					if got, _ := readFile(r, p); strings.Contains(got, "SECRET") {
						t.Errorf("%s reached the host's secret", p)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestReadWrite(t *testing.T) {
	_, shared := hostTree(t)
	task := boot(t, shared)
	must(t, task.Mount(shared, "/mnt", "hostfs", 0, ""))
	must(t, writeFile(task, "/mnt/new", "written inside\n"))
	if b, err := os.ReadFile(filepath.Join(shared, "new")); err != nil || string(b) != "written inside\n" {
		t.Errorf("host sees %q, %v", b, err)
	}
	task.Umask(0)
	must(t, task.Mkdir("/mnt/dir", 0o750))
	if fi, err := os.Stat(filepath.Join(shared, "dir")); err != nil || fi.Mode() != fs.ModeDir|0o750 {
		t.Errorf("host dir mode = %v, %v", fi.Mode(), err)
	}
	must(t, task.Chmod("/mnt/new", 0o604))
	must(t, task.Symlink("../hello", "/mnt/dir/ln"))
	must(t, task.Link("/mnt/new", "/mnt/dir/hard"))
	must(t, task.Rename("/mnt/dir/hard", "/mnt/dir/hard2"))
	must(t, task.Truncate("/mnt/dir/hard2", 7))
	if b, err := os.ReadFile(filepath.Join(shared, "new")); err != nil || string(b) != "written" {
		t.Errorf("host sees %q, %v after truncate", b, err)
	}
	if fi, err := os.Lstat(filepath.Join(shared, "new")); err != nil || fi.Mode() != 0o604 {
		t.Errorf("host mode %v, %v", fi.Mode(), err)
	}
	if l, err := os.Readlink(filepath.Join(shared, "dir/ln")); err != nil || l != "../hello" {
		t.Errorf("host link %q, %v", l, err)
	}
	if got, err := readFile(task, "/mnt/dir/ln"); err != nil || got != "hello from the host\n" {
		t.Errorf("read through link = %q, %v", got, err)
	}
	st, err := task.Stat("/mnt/new")
	must(t, err)
	if st.Nlink != 2 {
		t.Errorf("nlink = %d, want 2", st.Nlink)
	}
	must(t, task.Unlink("/mnt/dir/hard2"))
	must(t, task.Unlink("/mnt/dir/ln"))
	must(t, task.Rmdir("/mnt/dir"))
	if _, err := os.Stat(filepath.Join(shared, "dir")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("host dir still there: %v", err)
	}
	if err := task.Rmdir("/mnt/d"); err != linux.ENOTEMPTY {
		t.Errorf("rmdir d = %v, want ENOTEMPTY (the host's errno)", err)
	}
	// A file made on the host behind the VFS's back shows up.
	must(t, os.WriteFile(filepath.Join(shared, "late"), []byte("late\n"), 0o644))
	if got, err := readFile(task, "/mnt/late"); err != nil || got != "late\n" {
		t.Errorf("late file = %q, %v", got, err)
	}
	must(t, os.Remove(filepath.Join(shared, "late")))
	if _, err := task.Stat("/mnt/late"); err != linux.ENOENT {
		t.Errorf("stat of a file removed on the host = %v", err)
	}
}

func TestFSTestFS(t *testing.T) {
	_, shared := hostTree(t)
	// The escaping links would make fstest read through them: leave them
	// out of this tree.
	for _, l := range []string{"up", "abs", "slash", "d/far-up"} {
		must(t, os.Remove(filepath.Join(shared, l)))
	}
	for i := range 200 {
		must(t, os.WriteFile(filepath.Join(shared, "d", fmt.Sprintf("f%03d", i)), []byte{byte(i)}, 0o644))
	}
	task := boot(t, shared)
	must(t, task.Mount(shared, "/mnt", "hostfs", linux.MS_RDONLY, ""))
	fsys := iofs.New(task)
	defer fsys.Close()
	sub, err := fsys.Sub("mnt")
	must(t, err)
	must(t, fstest.TestFS(sub, "hello", "rel", "d/e/deep"))
}
