// SPDX-License-Identifier: Apache-2.0

package fuse_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/internal/hostproc"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
)

// hangServerEnv, set to "WHO:DIR", makes the test binary a server
// that exports the default system at the host directory DIR, with a
// watchdog, and then looks up hangName in its own export: a lookup whose
// answer never comes (it prints "pending" once the request is being
// answered). WHO is the thread that asks: "leader", the thread group's
// leader, or "thread", another one.
const hangServerEnv = "LINUXVFS_FUSE_TEST_HANG_SERVER"

const hangName = "linuxvfs-self-request"

// hangLimit bounds each wait of TestWatchdogEndsSelfRequest; reaching it
// is reported as a time-out, never expected under load.
const hangLimit = 2 * time.Minute

func init() {
	// Locked in init, the main goroutine stays on the leader thread.
	if _, ok := os.LookupEnv(hangServerEnv); ok {
		runtime.LockOSThread()
	}
}

func TestMain(m *testing.M) {
	if _, ok := os.LookupEnv(fuse.WatchdogEnv); ok {
		fuse.WatchdogMain() // does not return
	}
	if spec, ok := os.LookupEnv(hangServerEnv); ok {
		fuse.WatchdogMain() // exports start watchdogs
		who, mp, _ := strings.Cut(spec, ":")
		if err := hangServer(who, mp); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// hangServer is the server of hangServerEnv; it returns only on error.
func hangServer(who, mp string) error {
	task, err := linuxvfs.Boot()
	if err != nil {
		return err
	}
	fuse.SetLookupHook(func(name string) {
		if name == hangName {
			fmt.Println("pending")
			select {}
		}
	})
	if _, err := fuse.Mount(task, "/", mp, nil); err != nil {
		return err
	}
	ask := func() error {
		_, err := os.Stat(filepath.Join(mp, hangName))
		return fmt.Errorf("the self-request returned: %v", err)
	}
	if who == "leader" {
		return ask()
	}
	errc := make(chan error)
	go func() {
		runtime.LockOSThread() // not the leader's: main holds it
		errc <- ask()
	}()
	return <-errc
}

// TestWatchdogEndsSelfRequest kills a server with SIGKILL while one of
// its threads waits for the answer to a request it made to its own
// export, which the kernel then waits for uninterruptibly: the process
// cannot end until the connection is aborted. Its watchdog must see the
// server dying, abort the connections, and detach the mounts; the server
// must then end. Each wait is bounded by hangLimit, and reaching it is
// reported as a time-out (after which the test aborts the connections
// itself, so as not to leave the process behind).
func TestWatchdogEndsSelfRequest(t *testing.T) {
	canMount(t)
	for _, who := range []string{"thread", "leader"} {
		t.Run(who, func(t *testing.T) { killDuringSelfRequest(t, who) })
	}
}

// killDuringSelfRequest is TestWatchdogEndsSelfRequest with the thread
// who asking.
func killDuringSelfRequest(t *testing.T, who string) {
	mp := t.TempDir()
	t.Cleanup(func() { _ = unix.Unmount(mp, unix.MNT_DETACH) })
	r, w, err := os.Pipe()
	must(t, err)
	defer r.Close()
	errf, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	must(t, err)
	defer errf.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), hangServerEnv+"="+who+":"+mp)
	cmd.Stdout, cmd.Stderr = w, errf
	must(t, cmd.Start())
	w.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stderr := func() string { b, _ := os.ReadFile(errf.Name()); return string(b) }

	pending := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if sc.Text() == "pending" {
				close(pending)
				return
			}
		}
	}()
	select {
	case <-pending:
	case <-exited:
		t.Fatalf("the server ended before its self-request: %s", stderr())
	case <-time.After(hangLimit):
		cmd.Process.Kill()
		t.Fatalf("time-out: no self-request pending after %v: %s", hangLimit, stderr())
	}
	kids := hostproc.ChildrenOf(cmd.Process.Pid)
	if len(kids) != 1 {
		cmd.Process.Kill()
		t.Fatalf("the server has children %v, want one watchdog", kids)
	}
	pidfd, err := unix.PidfdOpen(kids[0], 0)
	must(t, err)
	defer unix.Close(pidfd)

	must(t, cmd.Process.Kill())
	select {
	case <-exited:
	case <-time.After(hangLimit):
		t.Errorf("time-out: the server killed during a self-request has not ended %v later (threads: %s)", hangLimit, threadStates(cmd.Process.Pid))
		abortUnder(t, mp)
		<-exited
	}
	n, err := unix.Poll([]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}, int(hangLimit/time.Millisecond))
	for err == unix.EINTR { // the runtime's preemption signals; the bound grows, no matter
		n, err = unix.Poll([]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}, int(hangLimit/time.Millisecond))
	}
	if err != nil || n == 0 {
		t.Fatalf("time-out: the watchdog has not ended %v after the server (%v)", hangLimit, err)
	}
	if devs := fuseMountsUnder(mp); len(devs) > 0 {
		t.Errorf("%s still has FUSE mounts %v after the watchdog ended", mp, devs)
	}
}

// threadStates lists pid's threads with their states, for a report.
func threadStates(pid int) string {
	var out []string
	tids, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	for _, tid := range tids {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/stat", pid, tid.Name()))
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 0 {
			out = append(out, tid.Name()+":"+f[0])
		}
	}
	return strings.Join(out, " ")
}

// fuseMountsUnder lists the device numbers of the FUSE mounts at dir or
// below it in the host's mount table.
func fuseMountsUnder(dir string) []uint64 {
	text, _ := os.ReadFile("/proc/self/mountinfo")
	mounts, _ := mountinfo.ParseAll(string(text))
	var devs []uint64
	for _, m := range mounts {
		if strings.HasPrefix(m.FSType, "fuse") && mountinfo.UnderPath(mountinfo.Unescape(m.Mountpoint), dir) {
			devs = append(devs, unix.Mkdev(uint32(m.Major), uint32(m.Minor)))
		}
	}
	return devs
}

// abortUnder aborts the connections of the FUSE mounts under dir.
func abortUnder(t *testing.T, dir string) {
	for _, dev := range fuseMountsUnder(dir) {
		if err := fuse.AbortConnection(dev); err != nil {
			t.Error(err)
		}
	}
}

// TestFusectlFallback checks that the watchdog finds the connections of
// an export in the FUSE control filesystem both where the host mounts
// it and, when that place has something else, in an instance of its
// own: the entry of the export's top is the kernel's dev_t of its mount.
func TestFusectlFallback(t *testing.T) {
	mp, _, _ := export(t, "/", nil)
	var st unix.Stat_t
	must(t, unix.Stat(mp, &st))
	want := strconv.FormatUint(uint64(unix.Major(st.Dev)<<20|unix.Minor(st.Dev)), 10)
	for _, dir := range []string{"/sys/fs/fuse/connections", t.TempDir()} {
		names, err := fuse.FusectlConnections(dir)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if !slices.Contains(names, want) {
			t.Errorf("%s: connection %s of %s not among %v", dir, want, mp, names)
		}
	}
}
