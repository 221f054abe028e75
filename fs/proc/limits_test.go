// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestLimits: /proc/PID/limits shows the task's own limits as they are
// when read, in proc_pid_limits' columns, to any reader.
func TestLimits(t *testing.T) {
	task := procTask(t)
	child := task.Clone(0)
	defer child.Exit()
	if err := child.Setrlimit(linux.RLIMIT_NOFILE, linux.Rlimit{Cur: 77, Max: 99}); err != nil {
		t.Fatal(err)
	}
	if err := child.Setrlimit(linux.RLIMIT_CPU, linux.Rlimit{Cur: 5, Max: linux.RLIM_INFINITY}); err != nil {
		t.Fatal(err)
	}
	user := task.Clone(0)
	defer user.Exit()
	user.SetCred(vfs.UserCred(1000, 1000))
	pid := strconv.Itoa(int(child.TID()))
	text := readAll(t, user, "/proc/"+pid+"/limits")
	lines := strings.Split(text, "\n")
	want := map[int]string{
		0:  "Limit                     Soft Limit           Hard Limit           Units     ",
		1:  "Max cpu time              5                    unlimited            seconds   ",
		8:  "Max open files            77                   99                   files     ",
		14: "Max nice priority         0                    0                    ",
		16: "Max realtime timeout      unlimited            unlimited            us        ",
		17: "",
	}
	if len(lines) != 18 {
		t.Fatalf("%d lines:\n%s", len(lines), text)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d: %q, want %q", i, lines[i], w)
		}
	}
	if own := readAll(t, task, "/proc/self/limits"); strings.Contains(own, " 77 ") {
		t.Errorf("the parent's limits show the child's:\n%s", own)
	}
}
