// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// A FUSE server that dies without unmounting (SIGKILL, a crash) leaves
// its mounts on the host: the kernel aborts the connection when the
// last /dev/fuse descriptor closes, and every access then fails with
// ENOTCONN until someone unmounts. A watchdog is a second process that
// outlives the server and detaches the export's top mount (and with it
// every submount below) once the server is gone.
//
// Self-requests. A request the server makes to its own export (a walk
// through it, a stat of a file in it) is answered by another of its
// threads. If a fatal signal comes while the answer is being made, the
// asking thread waits for good: the kernel no longer lets a request
// that the server has read be interrupted (request_wait_answer in
// fs/fuse/dev.c), the answer never comes, and the connection never
// ends, as the dying process, held up by that thread, still has
// /dev/fuse open (and the watchdog's pipe with it). The export makes
// as few as it can: device numbers come from AT_STATX_DONT_SYNC or the
// host's mount table, submounts are mounted without go-fuse's stat of
// the mount point. What is left are the walks to a submount's mount
// point, which mounting it (move_mount) and unmounting it by path need,
// and the poll probe of each new mount (see probePoll). For those the
// watchdog watches the server's state too:
// once the server is dying (its leader a zombie, or SIGKILL pending on a
// thread) and its pipe is still open, it aborts the export's
// connections through the FUSE control filesystem, which finishes the
// waiting request with an error and lets the process die.

// watchdogEnv, set in a process's environment, makes WatchdogMain the
// watchdog of one export: its value is "ID PATH", the host mount's ID
// (see mountID) and its path.
const watchdogEnv = "LINUXVFS_FUSE_WATCHDOG"

// watchdogPoll is how often a watchdog looks at the server's state
// while its pipe stays open.
const watchdogPoll = 500 * time.Millisecond

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
// open, learning the export's FUSE connections from it, until the pipe
// reports its end or the server is seen dying (then the connections
// are aborted), and detaches the mount spec names.
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
	server := openParent()
	if server >= 0 {
		defer unix.Close(server)
	}
	conns := &connSet{devs: map[uint64]bool{}}
	fd := int(pipe.Fd())
	for !conns.read(fd) {
		if server >= 0 && dying(server) {
			if err := abortConnections(conns.devs); err != nil {
				fmt.Fprintf(os.Stderr, "linuxvfs fuse watchdog: %v\n", err)
			}
			break
		}
	}
	return detachMount(path, id)
}

// connSet is the FUSE connections of an export, by device number, as
// the server reports them: a line "+DEV" once mounted, "-DEV" once
// ended; part is a line not read whole yet.
type connSet struct {
	devs map[uint64]bool
	part string
}

// read waits up to watchdogPoll for the pipe fd and takes in what the
// server wrote; it reports whether the pipe has ended.
func (c *connSet) read(fd int) bool {
	n, err := unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}, int(watchdogPoll/time.Millisecond))
	if n <= 0 || err != nil {
		return false // time to look at the server (or EINTR)
	}
	var buf [4096]byte
	got, err := unix.Read(fd, buf[:])
	if err == unix.EINTR || err == unix.EAGAIN {
		return false
	}
	if got <= 0 {
		return true
	}
	text := c.part + string(buf[:got])
	lines := strings.Split(text, "\n")
	c.part = lines[len(lines)-1]
	for _, line := range lines[:len(lines)-1] {
		dev, err := strconv.ParseUint(line[min(1, len(line)):], 10, 64)
		switch {
		case err != nil:
		case line[0] == '+':
			c.devs[dev] = true
		case line[0] == '-':
			delete(c.devs, dev)
		}
	}
	return false
}

// watchdog is the exporting side: the running watchdog process and
// the write end of its pipe.
type watchdog struct {
	cmd  *exec.Cmd
	mu   sync.Mutex // for pipe
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

// note tells the watchdog of a FUSE connection of the export, by the
// device number of its mount: up once mounted, !up once ended.
func (w *watchdog) note(dev uint64, up bool) {
	if w == nil || dev == 0 {
		return
	}
	sign := "-"
	if up {
		sign = "+"
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	// One write, well under PIPE_BUF: never interleaved. An error (the
	// watchdog gone) leaves nothing to do.
	_, _ = w.pipe.Write([]byte(fmt.Sprintf("%s%d\n", sign, dev)))
}

// stop tells the watchdog that the export has ended: it looks once for
// the mount (gone by now, unless the host still has it lazily) and exits.
func (w *watchdog) stop() {
	if w != nil {
		w.mu.Lock()
		defer w.mu.Unlock()
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
