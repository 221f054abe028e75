// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// A FUSE server that dies without unmounting (SIGKILL, a crash) leaves
// its mounts on the host: the kernel aborts the connection when the
// last /dev/fuse descriptor closes, and every access then fails with
// ENOTCONN until someone unmounts. A watchdog is a second process that
// outlives the server and detaches the export's top mount (and with it
// every submount below) once the server is gone.

// watchdogEnv, set in a process's environment, makes WatchdogMain the
// watchdog of one export: its value is "ID PATH", the host mount's ID
// (see mountID) and its path.
const watchdogEnv = "LINUXVFS_FUSE_WATCHDOG"

// watchdogs is set once WatchdogMain has returned: the executable can
// then be run again as a watchdog.
var watchdogs atomic.Bool

// WatchdogMain is for the start of a program's main. In a process an
// export started as its watchdog it does the watchdog's work and exits.
// Anywhere else it returns at once, and from then on each export this
// process makes starts a watchdog: this executable run again, which
// waits until the exporting process has ended (by its own end or killed)
// and then lazily unmounts the export from the host, if the host still
// has that very mount at its place. Without WatchdogMain an export
// killed with SIGKILL leaves dead mounts behind (ENOTCONN) until they
// are unmounted by hand.
func WatchdogMain() {
	v, ok := os.LookupEnv(watchdogEnv)
	if !ok {
		watchdogs.Store(true)
		return
	}
	if err := watch(os.NewFile(3, "watchdog"), v); err != nil {
		fmt.Fprintf(os.Stderr, "linuxvfs fuse watchdog: %v\n", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// watch is the watchdog: it reads the pipe the exporting process holds
// open until the pipe reports its end, then detaches the mount spec
// names.
func watch(pipe *os.File, spec string) error {
	idText, path, ok := strings.Cut(spec, " ")
	id, err := strconv.ParseUint(idText, 10, 64)
	if !ok || err != nil {
		return fmt.Errorf("bad %s=%q", watchdogEnv, spec)
	}
	// A ^C or hang-up meant for the server must not end the watchdog
	// first (it has a process group of its own, but a signal may be
	// sent to the session).
	signal.Ignore(syscall.SIGINT, syscall.SIGHUP, syscall.SIGQUIT)
	_, _ = io.Copy(io.Discard, pipe)
	return detachMount(path, id)
}

// watchdog is the exporting side: the running watchdog process and
// the write end of its pipe.
type watchdog struct {
	cmd  *exec.Cmd
	pipe *os.File
}

// startWatchdog runs this executable again as the watchdog of the host
// mount id at path.
func startWatchdog(path string, id uint64) (*watchdog, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cmd := &exec.Cmd{
		Path:       "/proc/self/exe",
		Args:       []string{os.Args[0]},
		Env:        append(os.Environ(), fmt.Sprintf("%s=%d %s", watchdogEnv, id, path)),
		ExtraFiles: []*os.File{r},
		Dir:        "/", // holding nothing on the host busy
		// Out of the terminal's process group: a ^C reaches the server,
		// which unmounts by itself.
		SysProcAttr: &syscall.SysProcAttr{Setpgid: true},
	}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("fuse watchdog: %w", err)
	}
	go cmd.Wait() //nolint:errcheck // reaped; its status tells nothing
	return &watchdog{cmd: cmd, pipe: w}, nil
}

// watchMount starts the watchdog of the host mount at path (see
// startWatchdog).
func watchMount(path string) (*watchdog, error) {
	if !watchdogs.Load() {
		return nil, nil
	}
	fd, err := unix.Open(path, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	id, err := mountID(fd)
	if err != nil {
		return nil, fmt.Errorf("fuse watchdog: mount ID of %s: %w", path, err)
	}
	return startWatchdog(path, id)
}

// stop tells the watchdog that the export has ended: it looks once for
// the mount (gone by now, unless the host still has it lazily) and exits.
func (w *watchdog) stop() {
	if w != nil {
		w.pipe.Close()
	}
}

// mountID is the ID of the mount the descriptor fd is on: the unique
// 64-bit one where the kernel has it (6.8 on), else the reusable one.
// AT_STATX_DONT_SYNC keeps FUSE from asking its server, which may be
// dead.
func mountID(fd int) (uint64, error) {
	var stx unix.Statx_t
	err := unix.Statx(fd, "", unix.AT_EMPTY_PATH|unix.AT_STATX_DONT_SYNC, unix.STATX_MNT_ID_UNIQUE|unix.STATX_MNT_ID, &stx)
	if err != nil {
		return 0, err
	}
	if stx.Mask&(unix.STATX_MNT_ID_UNIQUE|unix.STATX_MNT_ID) == 0 {
		return 0, unix.EOPNOTSUPP
	}
	return stx.Mnt_id, nil
}

// detachMount lazily unmounts the host mount id if it is still the one
// at path: the path is opened, its mount checked, and the unmount made
// through the descriptor, so that no other mount is detached by mistake.
func detachMount(path string, id uint64) error {
	fd, err := unix.Open(path, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil // gone with its parent
	}
	defer unix.Close(fd)
	if got, err := mountID(fd); err != nil || got != id {
		return nil // unmounted, or something else is there now
	}
	if err := unix.Unmount(fmt.Sprintf("/proc/self/fd/%d", fd), unix.MNT_DETACH); err != nil && err != unix.EINVAL {
		return fmt.Errorf("unmount %s: %w", path, err)
	}
	return nil
}

// fuseFdsCloexec marks the process's /dev/fuse descriptors close-on-exec:
// go-fuse opens /dev/fuse without it for a direct mount, and a program
// started by the serving process (a host command of export-fuse, the
// watchdog) would otherwise keep each connection open after the server
// has died, leaving its callers waiting instead of failing.
func fuseFdsCloexec() {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range entries {
		fd, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && target == "/dev/fuse" {
			syscall.CloseOnExec(fd)
		}
	}
}
