// SPDX-License-Identifier: Apache-2.0

package kerneltest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/kerneltest"
)

func need(t *testing.T) {
	t.Helper()
	if ok, reason := kerneltest.Available(); !ok {
		t.Skip("real-kernel sandbox unavailable: " + reason)
	}
}

// run runs script in the sandbox, again with a longer limit if a busy
// machine made it run out of time.
func run(t *testing.T, script string) kerneltest.Result {
	t.Helper()
	var res kerneltest.Result
	var err error
	for _, limit := range []time.Duration{20 * time.Second, 2 * time.Minute} {
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		res, err = kerneltest.Run(ctx, script)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			break
		}
	}
	if err != nil {
		t.Fatalf("Run(%q): %v (stdout %q, stderr %q)", script, err, res.Stdout, res.Stderr)
	}
	return res
}

func TestBasic(t *testing.T) {
	need(t)
	res := run(t, "echo hi; ls /nonexistent; exit 3")
	want := kerneltest.Result{
		Stdout: "hi\n",
		Stderr: "ls: cannot access '/nonexistent': No such file or directory\n",
		Exit:   3,
	}
	if res != want {
		t.Errorf("got %+v, want %+v", res, want)
	}
}

func TestLastStatus(t *testing.T) {
	need(t)
	if res := run(t, "true"); res.Exit != 0 {
		t.Errorf("true: exit %d", res.Exit)
	}
	if res := run(t, "false"); res.Exit != 1 {
		t.Errorf("false: exit %d", res.Exit)
	}
	if res := run(t, "kill -KILL $$"); res.Exit != 128+9 {
		t.Errorf("kill -KILL $$: exit %d, want 137", res.Exit)
	}
}

func TestEnvironment(t *testing.T) {
	need(t)
	res := run(t, `pwd; umask; env | sort; read -r x; echo "read=$? x=$x"`)
	lines := strings.Split(res.Stdout, "\n")
	if len(lines) < 2 || lines[0] != "/" || lines[1] != "0022" {
		t.Fatalf("cwd/umask: got %q", res.Stdout)
	}
	env := map[string]string{}
	for _, l := range lines[2:] {
		if k, v, ok := strings.Cut(l, "="); ok && k != "read" {
			env[k] = v
		}
	}
	for _, kv := range kerneltest.Env {
		k, v, _ := strings.Cut(kv, "=")
		if env[k] != v {
			t.Errorf("env %s=%q, want %q", k, env[k], v)
		}
		delete(env, k)
	}
	// bash itself exports PWD, SHLVL and _; nothing else may leak in.
	for _, k := range []string{"PWD", "SHLVL", "_", "OLDPWD"} {
		delete(env, k)
	}
	if len(env) != 0 {
		t.Errorf("unexpected environment variables: %v", env)
	}
	if !strings.Contains(res.Stdout, "read=1 x=\n") {
		t.Errorf("stdin not empty: %q", res.Stdout)
	}
	if res.Stderr != "" || res.Exit != 0 {
		t.Errorf("stderr %q exit %d", res.Stderr, res.Exit)
	}
}

func TestSandboxLayout(t *testing.T) {
	need(t)
	res := run(t, `
		test -x /bin/bash && echo bash
		test -d /usr/bin && echo usr
		mkdir /t
		touch /usr/kerneltest-x 2>/t/err || echo usr-ro
		touch /etc/kerneltest-x 2>/t/err || echo etc-ro
		test -d /tmp && echo tmp
		test -d /dev && echo dev
		test -e /proc/self/mountinfo && echo proc
		test -d /run && echo run
		stat -c '%n %a' / /dev /tmp /run
		echo data > /t/f && cat /t/f`)
	want := "bash\nusr\nusr-ro\netc-ro\ntmp\ndev\nproc\nrun\n/ 1777\n/dev 755\n/tmp 1777\n/run 755\ndata\n"
	if res.Stdout != want || res.Exit != 0 {
		t.Errorf("got stdout %q stderr %q exit %d, want stdout %q", res.Stdout, res.Stderr, res.Exit, want)
	}
}

func TestIsolation(t *testing.T) {
	need(t)
	marker := "kerneltest-marker-" + time.Now().Format("150405.000000000")
	res := run(t, "mkdir /"+marker+" && echo x > /"+marker+"/f && ls /"+marker)
	if res.Stdout != "f\n" || res.Exit != 0 {
		t.Fatalf("first run: %+v", res)
	}
	if _, err := os.Lstat(filepath.Join("/", marker)); !os.IsNotExist(err) {
		t.Errorf("host sees /%s (err %v)", marker, err)
		os.RemoveAll(filepath.Join("/", marker))
	}
	if mounts, err := os.ReadFile("/proc/self/mounts"); err == nil && strings.Contains(string(mounts), "kerneltest-") {
		t.Errorf("a kerneltest mount is visible on the host:\n%s", mounts)
	}
	res = run(t, "test -e /"+marker+" && echo leaked; ls /"+marker)
	if res.Stdout != "" || res.Exit != 2 {
		t.Errorf("second run sees the first run's files: %+v", res)
	}
}

func TestScriptQuoting(t *testing.T) {
	need(t)
	script := `printf '%s|' "$0" 'a"b' "it's" '$HOME' \\; echo`
	res := run(t, script)
	if want := `/bin/bash|a"b|it's|$HOME|\|` + "\n"; res.Stdout != want {
		t.Errorf("got %q, want %q", res.Stdout, want)
	}
}

// TestTimeout: a script that outlives its context is stopped, with what it
// printed so far. The sandbox must first get far enough to print; on a busy
// machine that can take longer than a short deadline, so the deadline grows
// until it does (only the stop is under test, not the machine's speed).
func TestTimeout(t *testing.T) {
	need(t)
	for _, limit := range []time.Duration{500 * time.Millisecond, 5 * time.Second, 30 * time.Second} {
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		res, err := kerneltest.Run(ctx, "echo started; sleep 300 & sleep 300; echo not-reached")
		cancel()
		if err == nil {
			t.Fatalf("expected an error, got %+v", res)
		}
		if res.Stdout == "" {
			t.Logf("the sandbox did not start within %v; trying a longer deadline", limit)
			continue
		}
		if res.Stdout != "started\n" {
			t.Errorf("partial stdout %q", res.Stdout)
		}
		return
	}
	t.Skip("timed out: the sandbox never started within 30s on this machine")
}

func TestBackgroundJobDoesNotBlock(t *testing.T) {
	need(t)
	start := time.Now()
	res := run(t, "sleep 600 & echo done")
	if res.Stdout != "done\n" || res.Exit != 0 {
		t.Errorf("got %+v", res)
	}
	// Waiting for the job would take ten minutes; anything well short of
	// that is the machine's speed, not a wait.
	if d := time.Since(start); d > 5*time.Minute {
		t.Errorf("Run waited %v for a background job", d)
	}
}

// TestMountTable checks that the sandbox's initial mount table is linuxvfs's
// default system (root tmpfs, /proc, /sys, /dev, /tmp, /run, in that
// order, all private) followed by exactly the harness binds.
func TestMountTable(t *testing.T) {
	need(t)
	res := run(t, "cat /proc/self/mountinfo")
	var got []string
	for _, line := range strings.Split(strings.TrimSuffix(res.Stdout, "\n"), "\n") {
		f := strings.Fields(line)
		if len(f) < 10 {
			t.Fatalf("bad mountinfo line %q", line)
		}
		// mount point, then everything from the separator on.
		i := 6
		for f[i] != "-" {
			if strings.Contains(f[i], ":") {
				t.Errorf("mount %s has propagation %s, want private", f[4], f[i])
			}
			i++
		}
		got = append(got, f[4]+" "+f[i+1]+" "+f[i+2])
	}
	want := []string{"/ tmpfs tmpfs", "/proc proc proc", "/sys sysfs sysfs", "/dev devtmpfs devtmpfs", "/tmp tmpfs tmpfs", "/run tmpfs tmpfs"}
	binds := kerneltest.HostBinds()
	if len(binds) == 0 {
		t.Fatal("HostBinds is empty")
	}
	if len(got) != len(want)+len(binds) {
		t.Fatalf("mount table:\n%s\nwant %v then the binds %v", res.Stdout, want, binds)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("mount %d is %q, want %q", i, got[i], w)
		}
	}
	for i, b := range binds {
		if mp, _, _ := strings.Cut(got[len(want)+i], " "); mp != b {
			t.Errorf("mount %d is %q, want the harness bind %s", len(want)+i, got[len(want)+i], b)
		}
	}
	bm, err := kerneltest.HostBindMounts()
	if err != nil {
		t.Fatal(err)
	}
	if len(bm) != len(binds) {
		t.Fatalf("HostBindMounts %v, HostBinds %v", bm, binds)
	}
	for i, b := range bm {
		if b.Mountpoint != binds[i] || b.Dev == "" || b.Root == "" {
			t.Errorf("HostBindMounts[%d] = %+v", i, b)
		}
	}
	if !strings.Contains(res.Stdout, " / / rw,relatime - tmpfs tmpfs rw") {
		t.Errorf("root line not found in\n%s", res.Stdout)
	}
}

// TestRunExclusive checks that RunExclusive does not overlap with Run: a
// shared sandbox started first holds the lock until it ends.
func TestRunExclusive(t *testing.T) {
	need(t)
	locked := make(chan struct{})
	var once sync.Once
	kerneltest.SetAfterLock(func(exclusive bool) {
		if !exclusive {
			once.Do(func() { close(locked) })
		}
	})
	defer kerneltest.SetAfterLock(nil)
	done := make(chan time.Time, 1)
	go func() {
		res, err := kerneltest.Run(context.Background(), "sleep 0.5")
		if err != nil || res.Exit != 0 {
			t.Errorf("Run: %+v, %v", res, err)
		}
		done <- time.Now()
	}()
	<-locked // the shared sandbox holds its lock (other processes may too)
	res, err := kerneltest.RunExclusive(context.Background(), "echo alone")
	end := time.Now()
	if err != nil || res.Stdout != "alone\n" {
		t.Fatalf("RunExclusive: %+v, %v", res, err)
	}
	if sharedEnd := <-done; end.Before(sharedEnd) {
		t.Errorf("RunExclusive finished at %v, before the shared sandbox ended at %v", end, sharedEnd)
	}
	// A cancelled context interrupts the wait for the lock.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := kerneltest.RunExclusive(ctx, "true"); err == nil {
		t.Error("RunExclusive with a cancelled context succeeded")
	}
}
