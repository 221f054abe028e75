// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// A listing of /proc/self/fd read one entry per getdents call goes on
// from the last descriptor it gave when one after it is closed meanwhile,
// as the kernel's does (its position is the descriptor's number): checked
// on Linux 6.18 with a 32-byte buffer, closing descriptor 3 after ". .. 0
// 1" lists 2, 4 and the rest, neither repeating nor skipping a name.
func TestFdListingSurvivesClose(t *testing.T) {
	task := procTask(t)
	var fds []int
	for range 6 {
		fd, err := task.Open("/proc/version", linux.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fds = append(fds, fd)
	}
	dir, err := task.Open("/proc/self/fd", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer task.Close(dir)
	var got []string
	for {
		ents, err := task.Getdents(dir, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ents) == 0 {
			break
		}
		got = append(got, ents[0].Name)
		if ents[0].Name == strconv.Itoa(fds[2]) {
			task.Close(fds[4])
		}
	}
	want := []string{".", ".."}
	for i, fd := range fds {
		if i != 4 {
			want = append(want, strconv.Itoa(fd))
		}
	}
	want = append(want, strconv.Itoa(dir))
	slices.SortFunc(want[2:], func(a, b string) int { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x - y })
	if !slices.Equal(got, want) {
		t.Errorf("paged listing %q, want %q", got, want)
	}
}

// The processes /proc lists under hidepid=invisible are those the task
// reading it may see, whoever opened it: checked on Linux 6.18 with a
// /proc opened by root and read after setresuid(65534), which lists only
// the reader's own processes (proc_pid_readdir judges current's
// credentials at each getdents, not the file's).
func TestHidepidListingFollowsReader(t *testing.T) {
	task := procTask(t)
	if err := task.Mkdir("/hp", 0o555); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("proc", "/hp", "proc", 0, "hidepid=invisible"); err != nil {
		t.Fatal(err)
	}
	reader, err := task.Fork(0)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Exit()
	fd, err := reader.Open("/hp", linux.O_RDONLY|linux.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := reader.Setresgid(65534, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := reader.Setresuid(65534, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	ents, err := reader.Getdents(fd, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pids []string
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name); err == nil {
			pids = append(pids, e.Name)
		}
	}
	if want := []string{strconv.Itoa(int(reader.Getpid()))}; !slices.Equal(pids, want) {
		t.Errorf("processes listed to the reader %q, want %q (its own only)", pids, want)
	}
}
