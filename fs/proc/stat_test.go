// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestTaskStat: /proc/<pid>/stat has Linux 6.18's 52 fields; the reader
// is running, its parent asleep, and both are in the first task's
// session and process group; a kernel thread is in none, with
// PF_KTHREAD, and is kthreadd's child, whose parent is number 0.
func TestTaskStat(t *testing.T) {
	task := procTask(t)
	child := task.Clone(0)
	defer child.Exit()
	pid := strconv.Itoa(int(child.PidIn(child.PidNamespace())))
	own := readAll(t, child, "/proc/self/stat")
	parent := readAll(t, child, "/proc/1/stat")
	if !strings.HasSuffix(own, " 0\n") || len(strings.Fields(own)) != 52 {
		t.Fatalf("stat: %q", own)
	}
	f := strings.Fields(own)
	if f[0] != pid || f[2] != "R" || f[3] != "1" || f[4] != "1" || f[5] != "1" {
		t.Errorf("own stat: %q", own)
	}
	if pf := strings.Fields(parent); pf[2] != "S" || pf[3] != "0" {
		t.Errorf("parent's stat: %q", parent)
	}
	if got := readAll(t, child, "/proc/self/statm"); got != "0 0 0 0 0 0 0\n" {
		t.Errorf("statm: %q", got)
	}
	if got := readAll(t, child, "/proc/self/task/"+pid+"/stat"); strings.Fields(got)[0] != pid {
		t.Errorf("task stat: %q", got)
	}
	kt := task.Kernel().KernelThread()
	defer kt.Exit()
	kf := strings.Fields(readAll(t, task, "/proc/"+strconv.Itoa(int(kt.PidIn(kt.PidNamespace())))+"/stat"))
	if kf[4] != "0" || kf[5] != "0" || kf[8] != "2097152" {
		t.Errorf("kernel thread's stat: %q", kf)
	}
	// Its parent is kthreadd, a kernel thread whose parent is none.
	pf := strings.Fields(readAll(t, task, "/proc/"+kf[3]+"/stat"))
	if pf[1] != "(kthreadd)" || pf[3] != "0" || pf[4] != "0" || pf[8] != "2097152" {
		t.Errorf("kernel thread's parent's stat: %q", pf)
	}
	other := task.Kernel().KernelThread()
	defer other.Exit()
	if other.PPidIn(other.PidNamespace()) != kt.PPidIn(kt.PidNamespace()) {
		t.Errorf("two kernel threads, two parents: %d and %d", other.PPidIn(other.PidNamespace()), kt.PPidIn(kt.PidNamespace()))
	}
}

// TestMeminfo: MemTotal is the kernel's RAM, laid out as Linux's.
func TestMeminfo(t *testing.T) {
	task := procTask(t)
	task.Kernel().SetTotalRAM(8 << 30)
	text := readAll(t, task, "/proc/meminfo")
	for _, want := range []string{"MemTotal:        8388608 kB\n", "CommitLimit:     4194304 kB\n", "HugePages_Total:       0\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if got := readAll(t, task, "/proc/loadavg"); !strings.HasPrefix(got, "0.00 0.00 0.00 1/") {
		t.Errorf("loadavg: %q", got)
	}
	if got := readAll(t, task, "/proc/stat"); !strings.HasPrefix(got, "cpu  0 0 0 ") || !strings.Contains(got, "\nbtime ") {
		t.Errorf("stat: %q", got)
	}
}

// TestMeminfoDirectMap1G: the 1 GiB direct-map line is there only when
// the machine maps memory so (the host's CPU has pdpe1gb), as the x86-64
// kernel prints it; it seemed fixed until a machine without the flag.
func TestMeminfoDirectMap1G(t *testing.T) {
	task := procTask(t)
	if text := readAll(t, task, "/proc/meminfo"); strings.Contains(text, "DirectMap1G") || !strings.HasSuffix(text, "DirectMap2M:           0 kB\n") {
		t.Errorf("a kernel not told of 1 GiB pages:\n%s", text)
	}
	task = procTask(t)
	task.Kernel().SetDirectGBPages(func() bool { return true })
	if text := readAll(t, task, "/proc/meminfo"); !strings.HasSuffix(text, "DirectMap2M:           0 kB\nDirectMap1G:           0 kB\n") {
		t.Errorf("a kernel with 1 GiB pages:\n%s", text)
	}
}
