// SPDX-License-Identifier: Apache-2.0

//go:build linux

package kerneltest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// setupScript runs under the host's /bin/sh inside `unshare -m --propagation
// private`. It builds the sandbox root in $KT_ROOT, marks success by creating
// $KT_READY (outside the sandbox), and execs bash chrooted into the sandbox.
// The script text travels in $KT_SCRIPT and is never spliced into a command
// line; the positional parameters are the exact environment for bash.
const setupScript = `set -e
T=$KT_ROOT
mount -t tmpfs tmpfs "$T"
mkdir -m 555 "$T/proc"
mkdir -m 555 "$T/sys"
mkdir -m 755 "$T/dev"
mkdir -m 1777 "$T/tmp"
mkdir -m 755 "$T/run"
mkdir -m 755 "$T/mnt"
mount -t proc proc "$T/proc"
mount -t sysfs sysfs "$T/sys"
mount -t devtmpfs devtmpfs "$T/dev"
mount -t tmpfs tmpfs "$T/tmp"
mount -t tmpfs -o mode=755 tmpfs "$T/run"
for d in $KT_HOSTDIRS; do
	if [ -L "/$d" ]; then
		ln -s "$(readlink "/$d")" "$T/$d"
	elif [ -d "/$d" ]; then
		mkdir "$T/$d"
		mount --bind "/$d" "$T/$d"
		mount -o remount,bind,ro "$T/$d"
	fi
done
chroot=$(command -v chroot)
envcmd=$(command -v env)
S=$KT_SCRIPT
: > "$KT_READY"
umask 022
cd "$T"
if [ -n "$KT_SWITCHROOT" ]; then
	mount --move . /
	exec "$envcmd" -i "$@" "$chroot" . /bin/bash -c "$S"
fi
exec "$envcmd" -i "$@" "$chroot" "$T" /bin/bash -c "$S"
`

// SwitchRootMarker in a script asks for a sandbox whose root is its mount
// namespace's root (the sandbox moved onto / before the chroot, as
// switch_root does) rather than a chroot below it: unshare(CLONE_NEWUSER)
// refuses a chrooted caller (current_chrooted).
const SwitchRootMarker = "# kerneltest: switch-root"

// hostDirs are the host directories made visible in the sandbox: a symlink
// is copied as a symlink, a directory is bind-mounted read-only (a harness
// bind, see HostBinds). The order is the order of the binds in mountinfo.
var hostDirs = []string{"bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc"}

// HostBinds returns the mount points, as the script sees them (e.g. "/usr",
// "/etc"), of the harness's read-only bind mounts of host directories, in
// the order they are mounted. They are the last mounts of the sandbox's
// initial mount table; everything before them matches linuxvfs's default
// system (see Run). Comparisons of mount tables filter them out.
func HostBinds() []string {
	var binds []string
	for _, d := range hostDirs {
		if fi, err := os.Lstat("/" + d); err == nil && fi.Mode().IsDir() {
			binds = append(binds, "/"+d)
		}
	}
	return binds
}

var (
	bindsOnce sync.Once
	binds     []BindMount
	bindsErr  error
)

// HostBindMounts returns the harness bind mounts with the device and root
// fields mountinfo shows for them, read once from a sandbox's own
// /proc/self/mountinfo. Copies of a harness bind made by a script (an rbind
// of /, the old root after pivot_root) keep Dev and Root but not
// Mountpoint, so filters use Dev and Root to recognise them.
func HostBindMounts() ([]BindMount, error) {
	bindsOnce.Do(func() {
		if ok, reason := Available(); !ok {
			bindsErr = fmt.Errorf("%w: %s", ErrUnavailable, reason)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		res, err := run(ctx, "cat /proc/self/mountinfo", false)
		if err != nil || res.Exit != 0 {
			bindsErr = fmt.Errorf("kerneltest: reading the sandbox's mountinfo: %v (exit %d, stderr %q)", err, res.Exit, res.Stderr)
			return
		}
		want := map[string]bool{}
		for _, b := range HostBinds() {
			want[b] = true
		}
		for _, line := range strings.Split(res.Stdout, "\n") {
			f := strings.Fields(line)
			if len(f) > 4 && want[f[4]] {
				binds = append(binds, BindMount{Mountpoint: f[4], Dev: f[2], Root: f[3]})
				delete(want, f[4])
			}
		}
		if len(want) != 0 {
			bindsErr = fmt.Errorf("kerneltest: harness binds %v missing from the sandbox's mountinfo:\n%s", want, res.Stdout)
		}
	})
	return binds, bindsErr
}

// DefaultTimeout bounds Run when ctx has no deadline, so that a runaway
// script cannot hang a test forever.
const DefaultTimeout = 60 * time.Second

// LockTimeout bounds the wait for the sandbox lock when ctx has no
// deadline.
const LockTimeout = 15 * time.Minute

var (
	availOnce   sync.Once
	availOK     bool
	availReason string
)

// Available reports whether Run can be used: the process must have euid 0
// and be able to create a private mount namespace with a tmpfs in it.
// When it cannot, reason says why (suitable for t.Skip).
func Available() (ok bool, reason string) {
	availOnce.Do(func() { availOK, availReason = probe() })
	return availOK, availReason
}

func probe() (bool, string) {
	if os.Geteuid() != 0 {
		return false, "not root (euid " + fmt.Sprint(os.Geteuid()) + ")"
	}
	for _, tool := range []string{"unshare", "mount", "chroot", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			return false, tool + " not found: " + err.Error()
		}
	}
	if _, err := os.Stat("/bin/bash"); err != nil {
		return false, "no /bin/bash: " + err.Error()
	}
	dir, err := os.MkdirTemp("", "kerneltest-probe-")
	if err != nil {
		return false, "cannot create temporary directory: " + err.Error()
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	unlock, err := lockSandbox(ctx, false)
	if err != nil {
		return false, err.Error()
	}
	cmd := exec.CommandContext(ctx, "unshare", "-m", "--propagation", "private",
		"sh", "-c", `mount -t tmpfs kerneltest "$1" && : > "$1/probe"`, "sh", dir)
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	out, err := cmd.CombinedOutput()
	unlock()
	if err != nil {
		return false, fmt.Sprintf("unshare -m failed: %v: %s", err, strings.TrimSpace(string(out)))
	}
	if _, err := os.Lstat(filepath.Join(dir, "probe")); err == nil {
		return false, "tmpfs mounted in a private mount namespace leaked to the host"
	}
	// End-to-end check of the whole sandbox (bind mounts, chroot, bash).
	res, err := run(ctx, "echo ok; exit 7", false)
	if err != nil {
		return false, "sandbox probe failed: " + err.Error()
	}
	if res.Stdout != "ok\n" || res.Exit != 7 {
		return false, fmt.Sprintf("sandbox probe gave stdout %q stderr %q exit %d", res.Stdout, res.Stderr, res.Exit)
	}
	return true, ""
}

// Run runs script with /bin/bash -c in the real kernel, isolated from the
// host: as root, in a private mount namespace, chrooted into a fresh tmpfs
// (source "tmpfs") with proc on /proc, sysfs on /sys, devtmpfs on /dev
// (the host's one superblock, as every devtmpfs mount is: see
// DevtmpfsOptions), a tmpfs
// on /tmp and a tmpfs mode=755 on /run, an empty /mnt, followed by read-only bind mounts of the host's /usr, /etc and
// /lib* (HostBinds; plus symlinks such as /bin -> usr/bin). Every mount is
// private. The cwd is /, the umask 022, stdin empty and the environment
// exactly Env.
//
// The returned error is non-nil only if the sandbox could not be set up or
// ctx ended (then the whole process group is killed and the partial
// output is returned); a failing script is reported through Result.Exit.
//
// Sandboxes started by Run may run at the same time as each other (in this
// and other processes); see RunExclusive.
func Run(ctx context.Context, script string) (Result, error) {
	if ok, reason := Available(); !ok {
		return Result{}, fmt.Errorf("%w: %s", ErrUnavailable, reason)
	}
	return run(ctx, script, false)
}

var inheritedOnce sync.Once

// closeInherited marks close-on-exec every descriptor above 2 this process
// holds: those it inherited (a terminal's, a CI runner's pipe at 251, a
// /dev/null at 10) would otherwise reach every script, which then sees
// them in /proc/self/fd and finds its own files at other numbers (dash
// keeps its script at the first free descriptor from 10). The ones Go
// opened are close-on-exec already.
func closeInherited() {
	inheritedOnce.Do(func() {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			return
		}
		for _, e := range ents {
			if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
				syscall.CloseOnExec(fd)
			}
		}
	})
}

// RunExclusive is Run, except that no other kerneltest sandbox, in this
// process or any other on the machine, runs while the script does (they
// coordinate through a lock file, see LockFile).
//
// Use it when the output depends on the values of mount IDs, as findmnt's
// tree does (it orders the children of a mount by mount ID). Linux
// allocates mount IDs lowest-free from one machine-wide pool: when an
// unrelated namespace is torn down during the script, the script's next
// mounts take the lower IDs it freed, and the order of siblings by ID no
// longer follows the order in which they were mounted. Alone on a quiet
// machine, a script's IDs are allocated as from a fresh pool (every ID that
// is free is above every ID the script holds, except the ones it freed).
func RunExclusive(ctx context.Context, script string) (Result, error) {
	if ok, reason := Available(); !ok {
		return Result{}, fmt.Errorf("%w: %s", ErrUnavailable, reason)
	}
	return run(ctx, script, true)
}

// Share holds the sandbox lock as Run does, for a test that changes host
// state scenarios can see without running a script (a loop device it
// attaches shows in every `losetup -a`): an exclusive scenario then waits
// for it. release lets go.
func Share(ctx context.Context) (release func(), err error) {
	return lockSandbox(ctx, false)
}

// LockFile is the file whose flock(2) coordinates sandboxes across
// processes: Run holds a shared lock on it, RunExclusive an exclusive one.
// A second file, LockFile+".gate", keeps a stream of shared holders from
// starving an exclusive one: every locker passes through the gate, and an
// exclusive locker holds it until it has the main lock.
var LockFile = filepath.Join(os.TempDir(), "kerneltest.lock")

// flockWait takes an flock on f, polling so that ctx can interrupt the wait.
func flockWait(ctx context.Context, f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			return fmt.Errorf("kerneltest: flock %s: %w", f.Name(), err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("kerneltest: waiting for %s: %w", f.Name(), ctx.Err())
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// afterLock, set by tests, is called once a run holds its lock.
var afterLock atomic.Pointer[func(exclusive bool)]

// lockSandbox takes LockFile's lock (shared, or exclusive) and returns the
// function that releases it.
func lockSandbox(ctx context.Context, exclusive bool) (func(), error) {
	gate, err := os.OpenFile(LockFile+".gate", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("kerneltest: %w", err)
	}
	defer gate.Close() // releases the gate
	f, err := os.OpenFile(LockFile, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("kerneltest: %w", err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := flockWait(ctx, gate, syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	if err := flockWait(ctx, f, how); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

func run(ctx context.Context, script string, exclusive bool) (Result, error) {
	_, hasDeadline := ctx.Deadline()
	lockCtx := ctx
	if !hasDeadline {
		// Waiting for other sandboxes is bounded apart from the script:
		// on a busy machine other packages' scenarios may hold the lock
		// for long, which is no failure of this one.
		var cancel context.CancelFunc
		lockCtx, cancel = context.WithTimeout(ctx, LockTimeout)
		defer cancel()
	}
	unlock, err := lockSandbox(lockCtx, exclusive)
	if err != nil {
		return Result{Exit: -1}, err
	}
	defer unlock()
	if !hasDeadline {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	if h := afterLock.Load(); h != nil {
		(*h)(exclusive)
	}
	closeInherited()
	work, err := os.MkdirTemp("", "kerneltest-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(work)
	root := filepath.Join(work, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		return Result{}, err
	}
	ready := filepath.Join(work, "ready")
	// Output goes to files rather than pipes so that a stray background
	// process holding stdout open cannot keep us waiting.
	outF, err := os.Create(filepath.Join(work, "stdout"))
	if err != nil {
		return Result{}, err
	}
	defer outF.Close()
	errF, err := os.Create(filepath.Join(work, "stderr"))
	if err != nil {
		return Result{}, err
	}
	defer errF.Close()

	// Only the mount namespace is new, as linuxvfs's starting task has
	// only that apart from the machine's: lsns orders namespaces by inode
	// number, which new ones take from a machine-wide pool in no fixed
	// order against a script's own. So a script shares the host's network
	// namespace (whose sysfs superblock /sys is: never remount /sys), its
	// devtmpfs (never remount or chmod /dev) and its IPC namespace
	// (unlink the message queues a scenario makes).
	args := append([]string{"-m", "--propagation", "private",
		"/bin/sh", "-c", setupScript, "kerneltest-setup"}, Env...)
	// Signals the test process was started with ignored (nohup's SIGHUP)
	// would stay ignored in the script; the virtual side starts clean.
	prog, argv := "env", append([]string{"--default-signal", "unshare"}, args...)
	if n := ownNice(); n > 0 {
		// A test run under nice would hand its niceness on to the
		// script (ps and /proc/PID/stat show it), where the virtual
		// side's processes have 0; root may take it back.
		prog, argv = "nice", append([]string{"-n", strconv.Itoa(-n), "env"}, argv...)
	}
	cmd := exec.CommandContext(ctx, prog, argv...)
	cmd.Env = []string{
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"KT_ROOT=" + root,
		"KT_READY=" + ready,
		"KT_HOSTDIRS=" + strings.Join(hostDirs, " "),
		"KT_SCRIPT=" + script,
	}
	if strings.Contains(script, SwitchRootMarker) {
		cmd.Env = append(cmd.Env, "KT_SWITCHROOT=1")
	}
	cmd.Dir = "/"
	cmd.Stdin = nil // /dev/null: empty stdin
	cmd.Stdout = outF
	cmd.Stderr = errF
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 5 * time.Second

	runErr := cmd.Run()
	if cmd.Process != nil {
		// Kill leftovers (background jobs) in the script's process group.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	stdout, _ := os.ReadFile(outF.Name())
	stderr, _ := os.ReadFile(errF.Name())
	res := Result{Stdout: string(stdout), Stderr: string(stderr)}

	if ctx.Err() != nil {
		res.Exit = -1
		return res, fmt.Errorf("kerneltest: script did not finish: %w", ctx.Err())
	}
	if _, err := os.Lstat(ready); err != nil {
		return res, fmt.Errorf("kerneltest: sandbox setup failed (%v): %s", runErr,
			strings.TrimSpace(string(stderr)))
	}
	if runErr != nil {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) {
			return res, fmt.Errorf("kerneltest: %w", runErr)
		}
		ws, ok := ee.Sys().(syscall.WaitStatus)
		switch {
		case ok && ws.Signaled():
			res.Exit = 128 + int(ws.Signal())
		default:
			res.Exit = ee.ExitCode()
		}
	}
	return res, nil
}

// ownNice is this process's niceness (field 19 of /proc/self/stat), 0 if
// it cannot be read.
func ownNice() int {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 17 {
		return 0
	}
	n, _ := strconv.Atoi(f[16])
	return n
}
