// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func readdirNames(t *testing.T, task *vfs.Task, dir string) []string {
	t.Helper()
	fd, err := task.Open(dir, linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(fd)
	ents, err := task.Getdents(fd, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name)
	}
	return out
}

func pidNames(names []string) []string {
	var out []string
	for _, n := range names {
		if _, err := strconv.Atoi(n); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// A proc mounted from a child PID namespace lists that namespace's tasks
// by their numbers there, its self link is ENOENT for a reader it cannot
// see, and status shows the numbers from its namespace down; the proc of
// the parent namespace shows the same tasks by their numbers there, with
// both in NSpid.
func TestProcOfPidNamespace(t *testing.T) {
	task := procTask(t)
	u := task.Clone(0)
	defer u.Exit()
	if err := u.Unshare(linux.CLONE_NEWPID | linux.CLONE_NEWNS); err != nil {
		t.Fatal(err)
	}
	init, err := u.Fork(0)
	if err != nil {
		t.Fatal(err)
	}
	defer init.Exit()
	if err := init.Mkdir("/inner", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := init.Mount("proc", "/inner", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	second, _ := init.Fork(0)
	defer second.Exit()
	if got := pidNames(readdirNames(t, init, "/inner")); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("inner proc lists %v, want [1 2]", got)
	}
	if got, err := init.Readlink("/inner/self"); got != "1" || err != nil {
		t.Errorf("inner self %q %v", got, err)
	}
	if _, err := u.Readlink("/inner/self"); err != linux.ENOENT {
		t.Errorf("self for a reader outside the namespace: %v, want ENOENT", err)
	}
	status := readAll(t, second, "/inner/2/status")
	for _, want := range []string{"\nPid:\t2\n", "\nPPid:\t1\n", "\nNSpid:\t2\n", "\nNStgid:\t2\n"} {
		if !strings.Contains(status, want) {
			t.Errorf("inner status lacks %q:\n%s", want, status)
		}
	}
	outer := readAll(t, second, "/proc/self/status")
	g := strconv.Itoa(int(second.TID()))
	if want := "\nNSpid:\t" + g + "\t2\n"; !strings.Contains(outer, want) {
		t.Errorf("outer status lacks %q:\n%s", want, outer)
	}
	if got, _ := second.Readlink("/proc/self"); got != g {
		t.Errorf("outer self %q, want %s", got, g)
	}
	if _, err := second.Stat("/inner/" + strconv.Itoa(int(u.TID()))); err != linux.ENOENT && u.TID() > 2 {
		t.Errorf("the parent's task in the inner proc: %v, want ENOENT", err)
	}
}
