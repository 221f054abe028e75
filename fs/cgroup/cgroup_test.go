// SPDX-License-Identifier: Apache-2.0

package cgroup_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/cgroup"
	"github.com/linuxvfs/linuxvfs/fs/proc"
	"github.com/linuxvfs/linuxvfs/internal/testkernel"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// boot returns init of a kernel with the unified hierarchy mounted on
// /cg and procfs on /proc.
func boot(t *testing.T) *vfs.Task {
	t.Helper()
	k := testkernel.New(t, proc.Type{}, cgroup.Type{})
	cgroup.InitHierarchy(k)
	init := testkernel.Init(t, k, "/cg", "/proc", "/mnt")
	t.Cleanup(init.Exit)
	must(t, init.Mount("proc", "/proc", "proc", 0, ""))
	must(t, init.Mount("none", "/cg", "cgroup2", 0, ""))
	return init
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, task *vfs.Task, name string) string {
	t.Helper()
	s, err := tryRead(task, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return s
}

func tryRead(task *vfs.Task, name string) (string, error) {
	fd, err := task.Open(name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer task.Close(fd)
	var b strings.Builder
	buf := make([]byte, 512)
	for {
		n, err := task.Read(fd, buf)
		if err != nil {
			return "", err
		}
		if n == 0 {
			return b.String(), nil
		}
		b.Write(buf[:n])
	}
}

// write is "echo s > name": an O_TRUNC open and one write.
func write(task *vfs.Task, name, s string) error {
	fd, err := task.Open(name, linux.O_WRONLY|linux.O_TRUNC, 0)
	if err != nil {
		return err
	}
	defer task.Close(fd)
	_, err = task.Write(fd, []byte(s+"\n"))
	return err
}

func wantErr(t *testing.T, what string, got, want error) {
	t.Helper()
	if !errors.Is(got, want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

func pid(task *vfs.Task) string { return strconv.Itoa(int(task.Getpid())) }

func TestNothingButCgroups(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	fd, err := init.Open("/cg/a/f", linux.O_WRONLY|linux.O_CREAT, 0o644)
	if err == nil {
		init.Close(fd)
	}
	wantErr(t, "create", err, linux.EACCES)
	wantErr(t, "symlink", init.Symlink("x", "/cg/a/l"), linux.EPERM)
	wantErr(t, "unlink", init.Unlink("/cg/a/cgroup.procs"), linux.EPERM)
	wantErr(t, "rename", init.Rename("/cg/a", "/cg/b"), linux.EPERM)
	wantErr(t, "write read-only file", write(init, "/cg/a/cgroup.events", "1"), linux.EACCES)
	_, err = tryRead(init, "/cg/a/cgroup.kill")
	wantErr(t, "read cgroup.kill", err, linux.EINVAL)
	must(t, init.Rmdir("/cg/a"))
	if _, err := init.Stat("/cg/a"); !errors.Is(err, linux.ENOENT) {
		t.Errorf("stat after rmdir: %v", err)
	}
}

func TestFilesOfRootAndChild(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	for _, c := range []struct {
		name       string
		root, leaf bool
	}{
		{"cgroup.procs", true, true}, {"cgroup.events", false, true}, {"cgroup.type", false, true},
		{"cgroup.kill", false, true}, {"cgroup.stat", true, true}, {"cpu.pressure", true, true},
	} {
		_, errRoot := init.Stat("/cg/" + c.name)
		_, errLeaf := init.Stat("/cg/a/" + c.name)
		if (errRoot == nil) != c.root || (errLeaf == nil) != c.leaf {
			t.Errorf("%s: root %v, child %v", c.name, errRoot, errLeaf)
		}
	}
	if got := read(t, init, "/cg/a/cgroup.events"); got != "populated 0\nfrozen 0\n" {
		t.Errorf("events: %q", got)
	}
	st, err := init.Stat("/cg")
	must(t, err)
	if st.Nlink != 3 {
		t.Errorf("root links %d, want 3", st.Nlink)
	}
}

func TestMembership(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	child := init.Clone(0)
	defer func() {
		if child != nil {
			child.Exit()
		}
	}()
	must(t, write(init, "/cg/a/cgroup.procs", pid(child)))
	if got := read(t, init, "/cg/a/cgroup.procs"); got != pid(child)+"\n" {
		t.Errorf("procs %q, want %s", got, pid(child))
	}
	if got := read(t, init, "/proc/"+pid(child)+"/cgroup"); got != "0::/a\n" {
		t.Errorf("/proc/PID/cgroup %q", got)
	}
	grandchild := child.Clone(0)
	if got := read(t, init, "/proc/"+pid(grandchild)+"/cgroup"); got != "0::/a\n" {
		t.Errorf("a child starts in its parent's cgroup: %q", got)
	}
	grandchild.Exit()
	if !strings.HasPrefix(read(t, init, "/cg/a/cgroup.events"), "populated 1") {
		t.Error("not populated")
	}
	wantErr(t, "rmdir populated", init.Rmdir("/cg/a"), linux.EBUSY)
	wantErr(t, "no such PID", write(init, "/cg/a/cgroup.procs", "99999"), linux.ESRCH)
	wantErr(t, "word", write(init, "/cg/a/cgroup.procs", "x"), linux.EINVAL)
	wantErr(t, "negative", write(init, "/cg/a/cgroup.procs", "-1"), linux.EINVAL)
	child.Exit()
	child = nil
	if !strings.HasPrefix(read(t, init, "/cg/a/cgroup.events"), "populated 0") {
		t.Error("still populated after the task exited")
	}
	must(t, init.Rmdir("/cg/a"))
}

func TestNoInternalProcesses(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, init.Mkdir("/cg/a/b", 0o755))
	child := init.Clone(0)
	defer child.Exit()
	wantErr(t, "enable what the parent lacks", write(init, "/cg/a/cgroup.subtree_control", "+memory"), linux.ENOENT)
	must(t, write(init, "/cg/cgroup.subtree_control", "+memory +pids"))
	must(t, write(init, "/cg/a/cgroup.procs", pid(child)))
	wantErr(t, "domain controller over a process", write(init, "/cg/a/cgroup.subtree_control", "+memory"), linux.EBUSY)
	must(t, write(init, "/cg/a/cgroup.subtree_control", "+pids")) // threaded: allowed
	must(t, write(init, "/cg/a/b/cgroup.procs", pid(child)))
	must(t, write(init, "/cg/a/cgroup.subtree_control", "+memory"))
	if got := read(t, init, "/cg/a/b/cgroup.controllers"); got != "memory pids\n" {
		t.Errorf("controllers %q", got)
	}
	wantErr(t, "process into a cgroup with domain controllers", write(init, "/cg/a/cgroup.procs", pid(child)), linux.EBUSY)
	wantErr(t, "disable what a child enables", write(init, "/cg/cgroup.subtree_control", "-memory"), linux.EBUSY)
	wantErr(t, "implicit controller", write(init, "/cg/a/cgroup.subtree_control", "+perf_event"), linux.ENOENT)
	wantErr(t, "unknown", write(init, "/cg/a/cgroup.subtree_control", "+nope"), linux.EINVAL)
	stat := read(t, init, "/cg/cgroup.stat")
	for _, line := range []string{"nr_descendants 2\n", "nr_subsys_memory 3\n", "nr_subsys_pids 3\n", "nr_subsys_cpu 1\n", "nr_subsys_perf_event 3\n"} {
		if !strings.Contains(stat, line) {
			t.Errorf("cgroup.stat lacks %q:\n%s", line, stat)
		}
	}
	must(t, write(init, "/cg/cgroup.procs", pid(child)))
}

func TestLimits(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, write(init, "/cg/a/cgroup.max.descendants", "1"))
	must(t, init.Mkdir("/cg/a/b", 0o755))
	wantErr(t, "past max.descendants", init.Mkdir("/cg/a/c", 0o755), linux.EAGAIN)
	wantErr(t, "an ancestor's limit", init.Mkdir("/cg/a/b/c", 0o755), linux.EAGAIN)
	must(t, write(init, "/cg/a/cgroup.max.descendants", "max"))
	must(t, write(init, "/cg/a/cgroup.max.depth", "1"))
	wantErr(t, "past max.depth", init.Mkdir("/cg/a/b/c", 0o755), linux.EAGAIN)
	wantErr(t, "negative", write(init, "/cg/a/cgroup.max.depth", "-1"), linux.ERANGE)
	if got := read(t, init, "/cg/a/cgroup.max.depth"); got != "1\n" {
		t.Errorf("max.depth %q", got)
	}
}

func TestKill(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	child := init.Clone(0)
	defer child.Exit()
	must(t, write(init, "/cg/a/cgroup.procs", pid(child)))
	wantErr(t, "kill 2", write(init, "/cg/a/cgroup.kill", "2"), linux.ERANGE)
	must(t, write(init, "/cg/a/cgroup.kill", "1"))
	got := child.TakeSignals()
	if len(got) != 1 || got[0].Signo != linux.SIGKILL {
		t.Errorf("signals %v, want one SIGKILL", got)
	}
	if s := init.TakeSignals(); len(s) != 0 {
		t.Errorf("the writer, outside the cgroup, got %v", s)
	}
}

func TestThreaded(t *testing.T) {
	init := boot(t)
	for _, d := range []string{"/cg/p", "/cg/p/t", "/cg/p/d"} {
		must(t, init.Mkdir(d, 0o755))
	}
	wantErr(t, "domain", write(init, "/cg/p/t/cgroup.type", "domain"), linux.EINVAL)
	must(t, write(init, "/cg/p/t/cgroup.type", "threaded"))
	for path, want := range map[string]string{"/cg/p": "domain threaded\n", "/cg/p/t": "threaded\n", "/cg/p/d": "domain invalid\n"} {
		if got := read(t, init, path+"/cgroup.type"); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	_, err := tryRead(init, "/cg/p/t/cgroup.procs")
	wantErr(t, "threaded cgroup.procs", err, linux.EOPNOTSUPP)
	child := init.Clone(0)
	defer child.Exit()
	wantErr(t, "into an invalid domain", write(init, "/cg/p/d/cgroup.procs", pid(child)), linux.EOPNOTSUPP)
	must(t, write(init, "/cg/p/cgroup.procs", pid(child)))
	must(t, write(init, "/cg/p/t/cgroup.threads", pid(child)))
	wantErr(t, "thread out of its domain", write(init, "/cg/cgroup.threads", pid(child)), linux.EOPNOTSUPP)
	must(t, write(init, "/cg/cgroup.procs", pid(child)))
}

func TestNamespaceView(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, init.Mkdir("/cg/b", 0o755))
	child := init.Clone(0)
	defer child.Exit()
	must(t, write(init, "/cg/a/cgroup.procs", pid(child)))
	must(t, child.Unshare(linux.CLONE_NEWCGROUP|linux.CLONE_NEWNS))
	if got := read(t, child, "/proc/self/cgroup"); got != "0::/\n" {
		t.Errorf("in its namespace's root: %q", got)
	}
	must(t, write(child, "/cg/b/cgroup.procs", "0"))
	if got := read(t, child, "/proc/self/cgroup"); got != "0::/../b\n" {
		t.Errorf("beside its namespace's root: %q", got)
	}
	if got := read(t, init, "/proc/"+pid(child)+"/cgroup"); got != "0::/b\n" {
		t.Errorf("from the initial namespace: %q", got)
	}
	must(t, child.Mount("x", "/mnt", "cgroup2", 0, ""))
	if _, err := child.Stat("/mnt/b"); !errors.Is(err, linux.ENOENT) {
		t.Errorf("the mount shows more than the namespace's subtree: %v", err)
	}
	if !strings.Contains(child.Mountinfo(), " / /mnt rw") {
		t.Errorf("the mount's root from inside is not /:\n%s", child.Mountinfo())
	}
	st1, err := child.Stat("/mnt")
	must(t, err)
	st2, err := init.Stat("/cg/a")
	must(t, err)
	if st1.Ino != st2.Ino || st1.DevMinor != st2.DevMinor {
		t.Error("a mount in the namespace is not the same superblock and cgroup")
	}
	must(t, write(init, "/cg/cgroup.procs", pid(child)))
}

func TestOptionsBelongToTheHierarchy(t *testing.T) {
	init := boot(t)
	must(t, init.Mount("x", "/mnt", "cgroup2", 0, "nsdelegate,memory_recursiveprot"))
	if !strings.Contains(init.Mountinfo(), "/cg rw,relatime - cgroup2 none rw,nsdelegate,memory_recursiveprot\n") {
		t.Errorf("options not shown on the other mount:\n%s", init.Mountinfo())
	}
	wantErr(t, "unknown option", init.Mount("x", "/mnt", "cgroup2", 0, "bogus"), linux.EINVAL)
	// A mount refused as already there has set the options all the same.
	wantErr(t, "mounted twice", init.Mount("x", "/mnt", "cgroup2", 0, ""), linux.EBUSY)
	if strings.Contains(init.Mountinfo(), "nsdelegate") {
		t.Error("a mount without options left nsdelegate set")
	}
	if err := cgroup.SetControllers(init.Kernel(), []string{"perf_event"}); !errors.Is(err, linux.EINVAL) {
		t.Errorf("SetControllers of an implicit controller: %v", err)
	}
	must(t, cgroup.SetControllers(init.Kernel(), []string{"hugetlb"}))
	if got := read(t, init, "/cg/cgroup.controllers"); got != "hugetlb\n" {
		t.Errorf("controllers %q", got)
	}
}

func TestPidsLimit(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, init.Mkdir("/cg/a/b", 0o755))
	if _, err := init.Stat("/cg/a/pids.max"); !errors.Is(err, linux.ENOENT) {
		t.Errorf("pids.max before the controller is enabled: %v", err)
	}
	must(t, write(init, "/cg/cgroup.subtree_control", "+pids"))
	if got := read(t, init, "/cg/a/pids.max"); got != "max\n" {
		t.Errorf("pids.max %q", got)
	}
	wantErr(t, "negative limit", write(init, "/cg/a/pids.max", "-1"), linux.EINVAL)
	must(t, write(init, "/cg/a/pids.max", "2"))
	child := init.Clone(0)
	defer child.Exit()
	must(t, write(init, "/cg/a/b/cgroup.procs", pid(child)))
	second, err := child.Fork(0)
	must(t, err)
	defer second.Exit()
	if _, err := child.Fork(0); !errors.Is(err, linux.EAGAIN) {
		t.Fatalf("third task in a cgroup limited to 2: %v", err)
	}
	// b has no pids css of its own: a enabled nothing for its children.
	if got := read(t, init, "/cg/a/pids.current"); got != "2\n" {
		t.Errorf("pids.current %q", got)
	}
	if got := read(t, init, "/cg/a/pids.events"); got != "max 1\n" {
		t.Errorf("pids.events %q", got)
	}
	if !strings.Contains(strings.Join(init.Kernel().Dmesg(), "\n"), "cgroup: fork rejected by pids controller in /a/b") {
		t.Errorf("no log of the refusal: %q", init.Kernel().Dmesg())
	}
	must(t, write(init, "/cg/a/pids.max", "max"))
	third, err := child.Fork(0)
	must(t, err)
	third.Exit()
	if got := read(t, init, "/cg/a/pids.peak"); got != "3\n" {
		t.Errorf("pids.peak %q", got)
	}
	must(t, write(init, "/cg/cgroup.procs", pid(child)))
	must(t, write(init, "/cg/cgroup.procs", pid(second)))
}

func TestTunables(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	if _, err := init.Stat("/cg/a/memory.max"); !errors.Is(err, linux.ENOENT) {
		t.Errorf("memory.max before the controller is enabled: %v", err)
	}
	must(t, write(init, "/cg/cgroup.subtree_control", "+memory +cpu"))
	for _, c := range []struct {
		file, write, want string
		err               error
	}{
		{"memory.max", "", "max\n", nil},
		{"memory.max", "1G", "1073741824\n", nil},
		{"memory.max", "10000", "8192\n", nil}, // whole pages
		{"memory.max", "12x", "8192\n", linux.EINVAL},
		{"memory.high", "0x10k", "16384\n", nil},
		{"memory.max", "max", "max\n", nil},
		{"memory.oom.group", "2", "0\n", linux.EINVAL},
		{"cpu.weight", "", "100\n", nil},
		{"cpu.weight", "0", "100\n", linux.ERANGE},
		{"cpu.weight", "250", "250\n", nil},
		{"cpu.max", "", "max 100000\n", nil},
		{"cpu.max", "50000", "50000 100000\n", nil},
		{"cpu.max", "max 20000", "max 20000\n", nil},
		{"cpu.max", "500 20000", "max 20000\n", linux.EINVAL},
		{"cpu.max", "5000 2000000", "max 20000\n", linux.EINVAL},
		{"cpu.idle", "2", "0\n", linux.EINVAL},
	} {
		if c.write != "" {
			wantErr(t, c.file+" "+c.write, write(init, "/cg/a/"+c.file, c.write), c.err)
		}
		if got := read(t, init, "/cg/a/"+c.file); got != c.want {
			t.Errorf("%s after %q: %q, want %q", c.file, c.write, got, c.want)
		}
	}
	if _, err := init.Stat("/cg/memory.max"); !errors.Is(err, linux.ENOENT) {
		t.Errorf("memory.max on the root: %v", err)
	}
}

// TestNumbersAsTheKernelReadsThem: the interface files read numbers with
// the kernel's parsers (checked on Linux 6.18 through the v1 files that
// share them: pids.max, memory.limit_in_bytes, cpu.cfs_burst_us,
// cpu.idle): C's prefixes but not Go's (0b, 0o, _), ERANGE past the
// type where kstrto* reads, wrapping where memparse does; files read
// with kstrtoull take no spaces; cpu.max is read by sscanf.
func TestNumbersAsTheKernelReadsThem(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, write(init, "/cg/cgroup.subtree_control", "+memory +cpu +pids"))
	for _, c := range []struct {
		file, write, want string
		err               error
	}{
		{"pids.max", "0x10", "16\n", nil},
		{"pids.max", "\xa05", "5\n", nil},
		{"pids.max", "0b11", "5\n", linux.EINVAL},
		{"pids.max", "0o7", "5\n", linux.EINVAL},
		{"pids.max", "1_0", "5\n", linux.EINVAL},
		{"pids.max", "99999999999999999999", "5\n", linux.ERANGE},
		{"memory.max", "16E", "0\n", nil},
		{"memory.max", "99999999999999999999", "7766279631452237824\n", nil},
		{"memory.max", "1_0", "7766279631452237824\n", linux.EINVAL},
		{"memory.max", "0b11", "7766279631452237824\n", linux.EINVAL},
		{"memory.max", "+4096", "7766279631452237824\n", linux.EINVAL},
		{"memory.max", "8k ", "8192\n", nil},
		{"memory.max", "", "0\n", nil},
		{"cpu.weight", "0x10", "16\n", nil},
		{"cpu.weight", " 5", "16\n", linux.EINVAL},
		{"cpu.weight", "5 ", "16\n", linux.EINVAL},
		{"cpu.weight", "0b1", "16\n", linux.EINVAL},
		{"cpu.weight", "99999999999999999999", "16\n", linux.ERANGE},
		{"cpu.idle", "0b1", "0\n", linux.EINVAL},
		{"cpu.idle", " 1", "0\n", linux.EINVAL},
		{"cpu.idle", "99999999999999999999", "0\n", linux.ERANGE},
		{"cpu.max.burst", "2000000", "2000000\n", nil}, // the quota is max
		{"cpu.max.burst", "5 ", "2000000\n", linux.EINVAL},
		{"cpu.max.burst", "18446744073709551615", "2000000\n", linux.EINVAL},
		{"cpu.max.burst", "99999999999999999999", "2000000\n", linux.ERANGE},
		{"cpu.max", "5000", "max 100000\n", linux.EINVAL}, // below the burst
		{"cpu.max.burst", "0", "0\n", nil},
		{"cpu.max", "5000abc 20000", "5000 20000\n", nil},
		{"cpu.max", "6000 30000 7", "6000 30000\n", nil},
		{"cpu.max", "7000 abc", "7000 30000\n", nil},
		{"cpu.max", "+8000", "7000 30000\n", linux.EINVAL},
		{"cpu.max", "max10", "7000 30000\n", linux.EINVAL},
		{"cpu.max", "17592186044416", "7000 30000\n", linux.EINVAL},
		{"cpu.max", "18446744073709551615 40000", "max 40000\n", nil}, // RUNTIME_INF
		{"cpu.max", "8000 99999999999999999999", "max 40000\n", linux.EINVAL},
		{"cpu.max.burst", "60000", "60000\n", nil},
		{"cpu.max", "50000", "max 40000\n", linux.EINVAL}, // below the burst
	} {
		wantErr(t, c.file+" "+c.write, write(init, "/cg/a/"+c.file, c.write), c.err)
		if got := read(t, init, "/cg/a/"+c.file); got != c.want {
			t.Errorf("%s after %q: %q, want %q", c.file, c.write, got, c.want)
		}
	}
}

// TestEnableThreadedOnly: threaded controllers alone may be enabled over
// a task only where the cgroup could become a thread root; with a
// populated domain child it cannot, and the task makes it EBUSY.
func TestEnableThreadedOnly(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, init.Mkdir("/cg/a/b", 0o755))
	must(t, write(init, "/cg/cgroup.subtree_control", "+pids +memory"))
	inA, inB := init.Clone(0), init.Clone(0)
	defer inA.Exit()
	defer inB.Exit()
	must(t, write(init, "/cg/a/cgroup.procs", pid(inA)))
	must(t, write(init, "/cg/a/b/cgroup.procs", pid(inB)))
	wantErr(t, "threaded controller over a task beside a populated domain child",
		write(init, "/cg/a/cgroup.subtree_control", "+pids"), linux.EBUSY)
	must(t, write(init, "/cg/cgroup.procs", pid(inB)))
	must(t, write(init, "/cg/a/cgroup.subtree_control", "+pids"))
	must(t, write(init, "/cg/cgroup.procs", pid(inA)))
}

// TestSubtreeControlErrorOrder: the refusals are checked controller by
// controller in the kernel's order, so disabling cpu that a child still
// enables (EBUSY) is found before enabling memory that is not offered
// (ENOENT).
func TestSubtreeControlErrorOrder(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/a", 0o755))
	must(t, init.Mkdir("/cg/a/b", 0o755))
	must(t, write(init, "/cg/cgroup.subtree_control", "+cpu"))
	must(t, write(init, "/cg/a/cgroup.subtree_control", "+cpu"))
	must(t, write(init, "/cg/a/b/cgroup.subtree_control", "+cpu"))
	wantErr(t, "-cpu +memory", write(init, "/cg/a/cgroup.subtree_control", "+memory -cpu"), linux.EBUSY)
	wantErr(t, "+cpu\\t-cpu", write(init, "/cg/a/cgroup.subtree_control", "+cpu\t-cpu"), linux.EINVAL)
}

// TestMoveChecksInOrder: a thread written to the cgroup.threads of a
// cgroup that cannot take tasks (domain controllers enabled for its
// children) is refused for that (EBUSY) before its being in another
// domain (EOPNOTSUPP) is looked at; a PID too large for an int is EINVAL
// like any other bad text.
func TestMoveChecksInOrder(t *testing.T) {
	init := boot(t)
	must(t, init.Mkdir("/cg/d", 0o755))
	must(t, init.Mkdir("/cg/d/e", 0o755))
	must(t, write(init, "/cg/cgroup.subtree_control", "+memory"))
	must(t, write(init, "/cg/d/cgroup.subtree_control", "+memory"))
	child := init.Clone(0)
	defer child.Exit()
	wantErr(t, "thread into a cgroup with domain controllers", write(init, "/cg/d/cgroup.threads", pid(child)), linux.EBUSY)
	wantErr(t, "PID past int", write(init, "/cg/d/e/cgroup.procs", "4294967296"), linux.EINVAL)
	wantErr(t, "PID past long", write(init, "/cg/d/e/cgroup.procs", "99999999999999999999"), linux.EINVAL)
}
