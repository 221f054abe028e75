// SPDX-License-Identifier: Apache-2.0

package overlay_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mkOverlay boots a system and mounts an overlay on /tmp/m over a lower
// layer holding files f0..f(n-1) and a directory d.
func mkOverlay(t *testing.T, n int) *vfs.Task {
	t.Helper()
	init, err := linuxvfs.Boot()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"/tmp/l", "/tmp/l/d", "/tmp/u", "/tmp/w", "/tmp/m"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		write(t, init, fmt.Sprintf("/tmp/l/f%d", i), "lower\n", linux.O_CREAT|linux.O_WRONLY)
	}
	if err := init.Mount("overlay", "/tmp/m", "overlay", 0, "lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w"); err != nil {
		t.Fatal(err)
	}
	return init
}

func write(t *testing.T, task *vfs.Task, name, data string, flags uint32) {
	t.Helper()
	fd, err := task.Open(name, flags, 0o644)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	if _, err := task.Write(fd, []byte(data)); err != nil {
		t.Fatalf("write %s: %v", name, err)
	}
}

func read(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	b := make([]byte, 4096)
	n, _ := task.Read(fd, b)
	return string(b[:n])
}

// TestConcurrentCopyUp has tasks append to the same lower files at once,
// each append copying up or writing the copy: every file ends with the
// lower data once and every task's line, the lower layer untouched.
func TestConcurrentCopyUp(t *testing.T) {
	const files, tasks = 4, 8
	init := mkOverlay(t, files)
	var wg sync.WaitGroup
	for w := range tasks {
		task := init.Clone(0)
		wg.Go(func() {
			for i := range files {
				write(t, task, fmt.Sprintf("/tmp/m/f%d", i), fmt.Sprintf("task %d\n", w), linux.O_WRONLY|linux.O_APPEND)
				if _, err := task.Stat(fmt.Sprintf("/tmp/m/f%d", (i+1)%files)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for i := range files {
		got := read(t, init, fmt.Sprintf("/tmp/m/f%d", i))
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if lines[0] != "lower" || len(lines) != tasks+1 {
			t.Errorf("f%d: %q", i, got)
		}
		if low := read(t, init, fmt.Sprintf("/tmp/l/f%d", i)); low != "lower\n" {
			t.Errorf("lower f%d changed: %q", i, low)
		}
	}
}

// TestConcurrentCreateRemove has tasks make and remove names in a merged
// directory while others list it: the listing never shows a whiteout,
// and at the end the upper layer holds one whiteout per removed lower
// file and nothing else.
func TestConcurrentCreateRemove(t *testing.T) {
	const files = 6
	init := mkOverlay(t, files)
	var wg sync.WaitGroup
	for w := range 3 {
		task := init.Clone(0)
		wg.Go(func() {
			for i := range 20 {
				name := fmt.Sprintf("/tmp/m/d/n%d-%d", w, i)
				write(t, task, name, "x", linux.O_CREAT|linux.O_WRONLY)
				if err := task.Unlink(name); err != nil {
					t.Error(err)
				}
			}
			if err := task.Unlink(fmt.Sprintf("/tmp/m/f%d", w)); err != nil {
				t.Error(err)
			}
		})
	}
	lister := init.Clone(0)
	wg.Go(func() {
		for range 20 {
			fd, err := lister.Open("/tmp/m", linux.O_RDONLY|linux.O_DIRECTORY, 0)
			if err != nil {
				t.Error(err)
				return
			}
			ents, err := lister.Getdents(fd, 0)
			lister.Close(fd)
			if err != nil {
				t.Error(err)
			}
			for _, e := range ents {
				if e.Type == linux.DT_CHR {
					t.Errorf("listing shows %s as a device", e.Name)
				}
			}
		}
	})
	wg.Wait()
	for w := range 3 {
		st, err := init.Lstat(fmt.Sprintf("/tmp/u/f%d", w))
		if err != nil || st.Mode&linux.S_IFMT != linux.S_IFCHR || st.Rdev() != 0 {
			t.Errorf("no whiteout for f%d: %+v %v", w, st, err)
		}
		if _, err := init.Stat(fmt.Sprintf("/tmp/m/f%d", w)); err != linux.ENOENT {
			t.Errorf("f%d after removal: %v", w, err)
		}
	}
	fd, err := init.Open("/tmp/u/d", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	ents, _ := init.Getdents(fd, 0)
	if len(ents) != 2 {
		t.Errorf("upper d holds %v", ents)
	}
}

// TestFsconfigAppend mounts through fsopen and fsconfig with lowerdir+:
// mountinfo shows each appended layer; lowerdir+ after lowerdir= is
// refused.
func TestFsconfigAppend(t *testing.T) {
	init := mkOverlay(t, 1)
	if err := init.Mkdir("/tmp/l2", 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, init, "/tmp/l2/only2", "2", linux.O_CREAT|linux.O_WRONLY)
	for _, d := range []string{"/tmp/u2", "/tmp/w2", "/tmp/m2"} {
		if err := init.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	legacy, err := init.Fsopen("overlay", 0)
	if err != nil {
		t.Fatal(err)
	}
	key, key2 := "lowerdir", "lowerdir+"
	if err := init.Fsconfig(legacy, linux.FSCONFIG_SET_STRING, &key, []byte("/tmp/l"), 0); err != nil {
		t.Fatal(err)
	}
	if err := init.Fsconfig(legacy, linux.FSCONFIG_SET_STRING, &key2, []byte("/tmp/l2"), 0); err != linux.EINVAL {
		t.Errorf("lowerdir+ after lowerdir: %v, want EINVAL", err)
	}
	fd, err := init.Fsopen("overlay", 0)
	if err != nil {
		t.Fatal(err)
	}
	set := func(key, value string) error {
		return init.Fsconfig(fd, linux.FSCONFIG_SET_STRING, &key, []byte(value), 0)
	}
	for _, kv := range [][2]string{{"lowerdir+", "/tmp/l"}, {"lowerdir+", "/tmp/l2"}, {"upperdir", "/tmp/u2"}, {"workdir", "/tmp/w2"}} {
		if err := set(kv[0], kv[1]); err != nil {
			t.Fatalf("%s=%s: %v", kv[0], kv[1], err)
		}
	}
	if err := init.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	mfd, err := init.Fsmount(fd, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := init.MoveMount(mfd, "", linux.AT_FDCWD, "/tmp/m2", linux.MOVE_MOUNT_F_EMPTY_PATH); err != nil {
		t.Fatal(err)
	}
	if got := read(t, init, "/tmp/m2/only2"); got != "2" {
		t.Errorf("only2 reads %q", got)
	}
	want := "lowerdir+=/tmp/l,lowerdir+=/tmp/l2,upperdir=/tmp/u2,workdir=/tmp/w2,uuid=on"
	if mi := init.Mountinfo(); !strings.Contains(mi, want) {
		t.Errorf("mountinfo lacks %q:\n%s", want, mi)
	}
}
