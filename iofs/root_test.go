// SPDX-License-Identifier: Apache-2.0

package iofs_test

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/iofs"
)

func TestRootWrites(t *testing.T) {
	task := tree(t)
	r, err := iofs.OpenRoot(task, "/tmp")
	must(t, err)
	defer r.Close()
	must(t, r.MkdirAll("x/y/z", 0o755))
	must(t, r.WriteFile("x/y/z/f", []byte("data"), 0o600))
	f, err := r.OpenFile("x/y/z/f", os.O_RDWR|os.O_APPEND, 0)
	must(t, err)
	_, err = f.WriteString("+more")
	must(t, err)
	buf := make([]byte, 4)
	if n, err := f.ReadAt(buf, 5); n != 4 || err != nil || string(buf) != "more" {
		t.Errorf("ReadAt = %d %v %q", n, err, buf)
	}
	must(t, f.Close())
	must(t, r.Symlink("x/y/z/f", "ln"))
	must(t, r.Link("x/y/z/f", "hard"))
	must(t, r.Rename("hard", "hard2"))
	must(t, r.Chmod("hard2", 0o640))
	mt := time.Unix(1234567890, 0)
	must(t, r.Chtimes("hard2", time.Time{}, mt))
	fi, err := r.Stat("ln")
	must(t, err)
	if fi.Mode() != 0o640 || !fi.ModTime().Equal(mt) || fi.Size() != 9 || fi.Name() != "ln" {
		t.Errorf("Stat(ln) = %v %v %d %q", fi.Mode(), fi.ModTime(), fi.Size(), fi.Name())
	}
	if fi, err := r.Lstat("ln"); err != nil || fi.Mode().Type() != fs.ModeSymlink {
		t.Errorf("Lstat(ln) = %v, %v", fi, err)
	}
	must(t, r.Truncate("ln", 2))
	if b, err := task.Readlink("/tmp/ln"); err != nil || b != "x/y/z/f" {
		t.Errorf("task sees ln -> %q, %v", b, err)
	}
	if st, err := task.Stat("/tmp/hard2"); err != nil || st.Size != 2 {
		t.Errorf("task sees size %d, %v", st.Size, err)
	}
	if err := r.Remove("x"); !errors.Is(err, linux.ENOTEMPTY) {
		t.Errorf("Remove(x) = %v, want ENOTEMPTY", err)
	}
	must(t, r.RemoveAll("x"))
	must(t, r.RemoveAll("x"))
	if _, err := r.Stat("x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat after RemoveAll = %v", err)
	}
	ents, err := fs.ReadDir(r.FS(), ".")
	must(t, err)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"hard2", "ln", "t.txt"}) {
		t.Errorf("ReadDir = %q", names)
	}
}

// TestRootConfined checks that no name or symbolic link leads out of the
// Root's directory.
func TestRootConfined(t *testing.T) {
	task := tree(t)
	must(t, task.Symlink("/a.txt", "/dir/abs-out"))
	must(t, task.Symlink("../../../a.txt", "/dir/rel-out"))
	must(t, task.Symlink("/", "/dir/slash"))
	r, err := iofs.OpenRoot(task, "/dir")
	must(t, err)
	defer r.Close()
	for _, name := range []string{"/a.txt", "../a.txt", "sub/../../a.txt"} {
		_, err := r.Open(name)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Err != linux.EXDEV {
			t.Errorf("Open(%q) = %v, want EXDEV", name, err)
		}
	}
	for _, name := range []string{"abs-out", "rel-out"} {
		if _, err := r.ReadFile(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q) = %v, want ENOENT (resolved inside /dir)", name, err)
		}
	}
	if b, err := r.ReadFile("slash/b.txt"); err != nil || string(b) != "bravo\n" {
		t.Errorf("ReadFile(slash/b.txt) = %q, %v", b, err)
	}
	if b, err := r.ReadFile("sub/../b.txt"); err != nil || string(b) != "bravo\n" {
		t.Errorf("ReadFile(sub/../b.txt) = %q, %v", b, err)
	}
	err = r.Rename("b.txt", "../b.txt")
	var le *os.LinkError
	if !errors.As(err, &le) || le.Err != linux.EXDEV {
		t.Errorf("Rename out = %v, want *LinkError EXDEV", err)
	}
	if err := r.Mkdir("b.txt", 0o755); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Mkdir(b.txt) = %v", err)
	}
	sub, err := r.OpenRoot("sub")
	must(t, err)
	defer sub.Close()
	if b, err := sub.ReadFile("../../dir/b.txt"); err == nil {
		t.Errorf("sub Root read %q above itself", b)
	}
}
