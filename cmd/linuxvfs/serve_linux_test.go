// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/hostproc"
	"golang.org/x/sys/unix"
)

func needFuse(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("FUSE exports need root")
	}
	if _, err := os.Stat("/dev/fuse"); err != nil {
		t.Skip("no /dev/fuse")
	}
}

// mounted reports whether dir, or a directory under it, is a mount point
// in /proc/self/mountinfo.
func mounted(dir string) bool {
	info, _ := os.ReadFile("/proc/self/mountinfo")
	for _, line := range strings.Split(string(info), "\n") {
		if f := strings.Fields(line); len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			return true
		}
	}
	return false
}

// TestServe runs `linuxvfs serve` until its setup is exported, works in
// the export from the host, and interrupts it.
func TestServe(t *testing.T) {
	needFuse(t)
	mp := t.TempDir()
	t.Cleanup(func() { exec.Command("umount", "-l", mp).Run() })
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--fuse", mp, "-c", "mkdir -p /srv/in && mount -t tmpfs none /srv/in && echo hi > /srv/in/f"}, nil, &out, &errb)
	}()
	// Wait for the mounts, the top one and then the submounts, as long as
	// a loaded machine takes (a bound of 1000 polls, 10 s, was a deadline
	// in effect: the host commands below then failed). Only a hang
	// reaches this bound.
	hang := time.After(3 * time.Minute)
	for !mounted(mp + "/srv/in") {
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d: %s", code, errb.String())
		case <-hang:
			cancel()
			t.Fatalf("%s/srv/in not mounted after 3 min: a hang", mp)
		case <-time.After(10 * time.Millisecond):
		}
	}
	// /srv/in is a filesystem of its own on the host too.
	got, err := exec.Command("sh", "-c", `cat "$0"/srv/in/f && echo x > "$0"/srv/in/g && ls "$0"/srv/in && stat -c %d "$0"/srv "$0"/srv/in | uniq | wc -l`, mp).CombinedOutput()
	if err != nil || string(got) != "hi\nf\ng\n2\n" {
		t.Errorf("host: %v %q", err, got)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve: status %d: %s", code, errb.String())
	}
	if mounted(mp) {
		t.Errorf("%s still mounted", mp)
	}
}

// TestExportFuse runs the shell's export-fuse: a host command works in
// the exported directory, its status comes back, and the mount is gone.
func TestExportFuse(t *testing.T) {
	needFuse(t)
	mp := t.TempDir()
	t.Cleanup(func() { exec.Command("umount", "-l", mp).Run() })
	script := `mkdir /d && echo virt > /d/f
export-fuse /d ` + mp + ` -- sh -c 'cat f && echo host > g && test "$(stat -c %i f)" -gt 0'
echo status $?
cat /d/g
export-fuse /d ` + mp + ` sh -c 'exit 3'
echo status $?`
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"sh", "-c", script}, nil, &out, &errb)
	if code != 0 || out.String() != "virt\nstatus 0\nhost\nstatus 3\n" {
		t.Errorf("status %d, out %q, err %q", code, out.String(), errb.String())
	}
	if mounted(mp) || mounted(filepath.Clean(mp)) {
		t.Errorf("%s still mounted", mp)
	}
}

// TestServeKilled kills `linuxvfs serve` with SIGKILL while it exports a
// tree with a submount: its watchdog, the one process it started, must
// then unmount what it left on the host, and must hold no /dev/fuse
// descriptor (which would keep the dead connection open). The test
// waits for the watchdog to end (a time-out is reported as one) and
// then requires the mounts gone.
func TestServeKilled(t *testing.T) {
	needFuse(t)
	mp := t.TempDir()
	t.Cleanup(func() { exec.Command("umount", "-l", mp).Run() })
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	// The test binary runs main when called linuxvfs (testscript.Main).
	serve := &exec.Cmd{Path: exe, Args: []string{"linuxvfs", "serve", "--fuse", mp, "-c", "mkdir -p /srv/in && mount -t tmpfs none /srv/in"}, Stderr: &errb}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { serve.Wait(); close(exited) }()
	for i := 0; i < 3000 && !mounted(mp+"/srv/in"); i++ {
		select {
		case <-exited:
			t.Fatalf("serve ended: %s", errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if !mounted(mp + "/srv/in") {
		serve.Process.Kill()
		t.Fatalf("time-out: %s/srv/in not mounted after 60s", mp)
	}
	kids := hostproc.ChildrenOf(serve.Process.Pid)
	if len(kids) != 1 {
		serve.Process.Kill()
		t.Fatalf("serve has children %v, want one watchdog", kids)
	}
	pidfd, err := unix.PidfdOpen(kids[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(pidfd)
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", kids[0]))
	for _, fd := range fds {
		if l, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", kids[0], fd.Name())); l == "/dev/fuse" {
			t.Errorf("the watchdog holds /dev/fuse as fd %s", fd.Name())
		}
	}
	const limit = 2 * time.Minute
	serve.Process.Kill()
	select {
	case <-exited:
	case <-time.After(limit):
		// A thread left waiting for its own export: the watchdog should
		// have aborted the connections. Do it here, not to hang.
		t.Errorf("time-out: serve has not ended %v after SIGKILL", limit)
		abortFuseUnder(t, mp)
		<-exited
	}
	n, err := unix.Poll([]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}, int(limit/time.Millisecond))
	for err == unix.EINTR { // the runtime's preemption signal: wait on
		n, err = unix.Poll([]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}, int(limit/time.Millisecond))
	}
	if err != nil || n == 0 {
		t.Fatalf("time-out: the watchdog has not ended %v after the server was killed (%v)", limit, err)
	}
	if mounted(mp) {
		info, _ := os.ReadFile("/proc/self/mountinfo")
		t.Errorf("%s still mounted after the watchdog ended:\n%s", mp, info)
	}
}

// abortFuseUnder aborts, through the host's FUSE control filesystem,
// the connections of the FUSE mounts at dir or below.
func abortFuseUnder(t *testing.T, dir string) {
	info, _ := os.ReadFile("/proc/self/mountinfo")
	for _, line := range strings.Split(string(info), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || (f[4] != dir && !strings.HasPrefix(f[4], dir+"/")) {
			continue
		}
		var major, minor uint32
		if _, err := fmt.Sscanf(f[2], "%d:%d", &major, &minor); err != nil {
			continue
		}
		abort := fmt.Sprintf("/sys/fs/fuse/connections/%d/abort", major<<20|minor)
		if err := os.WriteFile(abort, []byte("1"), 0); err != nil {
			t.Logf("abort %s: %v", f[4], err)
		}
	}
}
