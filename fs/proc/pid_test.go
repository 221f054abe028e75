// SPDX-License-Identifier: Apache-2.0

package proc_test

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// procTask is a kernel with proc mounted on /proc.
func procTask(t *testing.T) *vfs.Task {
	t.Helper()
	task := testkernel.Boot(t, []vfs.FilesystemType{proc.Type{}})
	if err := task.Mkdir("/proc", 0o555); err != nil {
		t.Fatal(err)
	}
	if err := task.Mount("proc", "/proc", "proc", 0, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(task.Exit)
	return task
}

func readAll(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer task.Close(fd)
	var b strings.Builder
	buf := make([]byte, 512)
	for {
		n, err := task.Read(fd, buf)
		if err != nil && err != io.EOF {
			t.Fatalf("read %s: %v", name, err)
		}
		if n == 0 {
			return b.String()
		}
		b.Write(buf[:n])
	}
}

// TestFdLinks: fd/N has the access mode of its file in its permission
// bits (r-x for reading, -wx for writing) and size 64, as on Linux 6.18;
// a closed or reused descriptor is seen at once, though the dcache held
// the old link.
func TestFdLinks(t *testing.T) {
	task := procTask(t)
	r, err := task.Open("/proc/filesystems", linux.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	name := "/proc/self/fd/" + strconv.Itoa(r)
	st, err := task.Lstat(name)
	if err != nil || st.Mode != linux.S_IFLNK|0o500 || st.Size != 64 {
		t.Fatalf("lstat read end = %o size %d, %v; want 120500, 64", st.Mode, st.Size, err)
	}
	task.Close(r)
	if _, err := task.Lstat(name); err != linux.ENOENT {
		t.Fatalf("lstat of a closed descriptor = %v, want ENOENT", err)
	}
	if err := task.StreamOut(r, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	st, err = task.Lstat(name)
	if err != nil || st.Mode != linux.S_IFLNK|0o300 {
		t.Fatalf("lstat of the new write-only file = %o, %v; want 120300", st.Mode, err)
	}
	dir, err := task.Stat("/proc/self/fd")
	if err != nil || dir.Size != int64(len(task.Fds())) {
		t.Fatalf("fd dir size %d, %v; want %d (the open descriptors)", dir.Size, err, len(task.Fds()))
	}
}

// TestTaskFiles: thread-self, task/, cmdline, environ and status of a
// task, and a dead task's directory gone from the dcache (proc_flush_pid)
// and from lookups.
func TestTaskFiles(t *testing.T) {
	task := procTask(t)
	child := task.Clone(0)
	child.Execve("/bin/prog", []string{"prog", "-x"}, []string{"A=1", "B=2"})
	pid := strconv.Itoa(int(child.TID()))
	if got := readAll(t, task, "/proc/"+pid+"/cmdline"); got != "prog\x00-x\x00" {
		t.Errorf("cmdline %q", got)
	}
	if got := readAll(t, task, "/proc/"+pid+"/environ"); got != "A=1\x00B=2\x00" {
		t.Errorf("environ %q", got)
	}
	status := readAll(t, task, "/proc/"+pid+"/status")
	for _, want := range []string{"Name:\tprog\n", "Umask:\t0022\n", "Pid:\t" + pid + "\n",
		"PPid:\t" + strconv.Itoa(int(task.TID())) + "\n", "Uid:\t0\t0\t0\t0\n", "FDSize:\t64\n", "CapEff:\t000001ffffffffff\n"} {
		if !strings.Contains(status, want) {
			t.Errorf("status lacks %q:\n%s", want, status)
		}
	}
	self := strconv.Itoa(int(task.TID()))
	if link, err := task.Readlink("/proc/thread-self"); err != nil || link != self+"/task/"+self {
		t.Errorf("thread-self -> %q, %v", link, err)
	}
	if _, err := task.Stat("/proc/thread-self/mountinfo"); err != nil {
		t.Errorf("stat through thread-self: %v", err)
	}
	child.Exit()
	if _, err := task.Stat("/proc/" + pid + "/status"); err != linux.ENOENT {
		t.Errorf("stat of a dead task's file = %v, want ENOENT", err)
	}
}

// TestDeadTasksLeaveNoDentries: every command of a shell is a task;
// looking at /proc/<pid> of each must not grow the dcache for ever.
func TestDeadTasksLeaveNoDentries(t *testing.T) {
	task := procTask(t)
	procRoot := func() *vfs.Dentry {
		p, err := task.Open("/proc", linux.O_PATH, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer task.Close(p)
		tp, _ := task.FdTarget(p)
		return tp.Dentry
	}()
	before := procRoot.NumChildren()
	for range 100 {
		child := task.Clone(0)
		if _, err := child.Stat("/proc/self/fd/0"); err != linux.ENOENT {
			t.Fatalf("stat of an unopened fd 0 = %v", err)
		}
		child.Exit()
	}
	if after := procRoot.NumChildren(); after > before+1 {
		t.Fatalf("/proc holds %d cached entries after 100 dead tasks, %d before", after, before)
	}
}

// TestVersionAndUptime: /proc/version is the boot banner, in the
// kernel's shape; /proc/uptime two numbers of seconds with two decimals,
// the idle one at least the uptime.
func TestVersionAndUptime(t *testing.T) {
	task := procTask(t)
	if got := readAll(t, task, "/proc/version"); got != vfs.Banner+"\n" || !strings.HasPrefix(got, "Linux version "+vfs.Release+" (") {
		t.Errorf("/proc/version = %q", got)
	}
	f := strings.Fields(readAll(t, task, "/proc/uptime"))
	if len(f) != 2 {
		t.Fatalf("/proc/uptime fields %q", f)
	}
	up, err1 := strconv.ParseFloat(f[0], 64)
	idle, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || idle < up || !strings.Contains(f[0], ".") || len(f[0])-strings.Index(f[0], ".") != 3 {
		t.Fatalf("/proc/uptime %q", f)
	}
}
