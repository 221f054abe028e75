// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// fusectlDir is where hosts usually mount the FUSE control filesystem,
// one directory per connection, named by its device number (a variable
// for tests).
var fusectlDir = "/sys/fs/fuse/connections"

// fusectlMagic is the control filesystem's f_type (FUSE_CTL_SUPER_MAGIC).
const fusectlMagic = 0x65735543

// openParent opens the /proc directory of the process that started
// this one, the server. The descriptor stays with that process: read
// through it, a /proc entry of a PID since given to another process
// fails instead of describing the newcomer. -1 when the parent has
// already gone (this process was adopted).
func openParent() int {
	pid := os.Getppid()
	fd, err := unix.Open(fmt.Sprintf("/proc/%d", pid), unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1
	}
	if os.Getppid() != pid {
		unix.Close(fd)
		return -1
	}
	return fd
}

// dying reports whether the process whose /proc directory is proc is
// ending: gone, its leader a zombie (or dead), or one of its threads
// with SIGKILL pending. A thread waiting uninterruptibly keeps the
// SIGKILL of a group exit pending (zap_other_threads and complete_signal
// in kernel/signal.c add it to each thread), and keeps the leader a
// zombie until it ends, when the leader is not that thread itself.
func dying(proc int) bool {
	stat, err := readAt(proc, "stat")
	if err != nil {
		return gone(err)
	}
	// pid (comm) state ...: comm may hold spaces and parentheses.
	if f := bytes.Fields(stat[bytes.LastIndexByte(stat, ')')+1:]); len(f) == 0 || f[0][0] == 'Z' || f[0][0] == 'X' {
		return true
	}
	tasks, err := readDirAt(proc, "task")
	if err != nil {
		return gone(err)
	}
	for _, tid := range tasks {
		if killPending(proc, "task/"+tid+"/status") {
			return true
		}
	}
	return false
}

// gone reports whether err, from a read in a /proc/PID directory, says
// that the process has ended. Other errors tell nothing: the pipe's end
// will.
func gone(err error) bool {
	return errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ESRCH)
}

// killPending reports whether the status file name under proc shows
// SIGKILL pending, for the thread or its process.
func killPending(proc int, name string) bool {
	status, err := readAt(proc, name)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		if k != "SigPnd" && k != "ShdPnd" {
			continue
		}
		if mask, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64); err == nil && mask&(1<<(unix.SIGKILL-1)) != 0 {
			return true
		}
	}
	return false
}

// readAt reads the file name under the directory dir.
func readAt(dir int, name string) ([]byte, error) {
	fd, err := unix.Openat(dir, name, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.Bytes(), err
}

// readDirAt lists the directory name under dir.
func readDirAt(dir int, name string) ([]string, error) {
	fd, err := unix.Openat(dir, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	return f.Readdirnames(-1)
}

// abortConnections aborts the FUSE connections devs (device numbers of
// their mounts) through the control filesystem: each request waiting
// for an answer ends with ECONNABORTED, and later ones fail with
// ENOTCONN, as when the server's last /dev/fuse descriptor closes.
// Mirrors what writing to /sys/fs/fuse/connections/N/abort does there
// (fuse_conn_abort_write in fs/fuse/control.c). A connection already
// gone is no error.
func abortConnections(devs map[uint64]bool) error {
	if len(devs) == 0 {
		return nil
	}
	ctl, err := openFusectl()
	if err != nil {
		return fmt.Errorf("abort connections: %w", err)
	}
	defer unix.Close(ctl)
	var errs []error
	for dev := range devs {
		if err := abortConnection(ctl, dev); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// abortConnection aborts the connection dev through the control
// filesystem's root directory ctl. The entry's name is the kernel's
// own encoding of the device number (fc->dev), major<<20 | minor.
func abortConnection(ctl int, dev uint64) error {
	name := fmt.Sprintf("%d/abort", unix.Major(dev)<<20|unix.Minor(dev))
	fd, err := unix.Openat(ctl, name, unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err == unix.ENOENT {
		return nil // ended meanwhile
	}
	if err != nil {
		return fmt.Errorf("abort connection %s: %w", name, err)
	}
	defer unix.Close(fd)
	if _, err := unix.Write(fd, []byte("1")); err != nil {
		return fmt.Errorf("abort connection %s: %w", name, err)
	}
	return nil
}

// openFusectl opens the root of the FUSE control filesystem: the host's
// mount of it, or else an instance of its own, made with the new mount
// API and never attached anywhere (the filesystem has one superblock,
// so every instance lists every connection), so that the host's mount
// table is left as it was.
func openFusectl() (int, error) {
	fd, err := unix.Open(fusectlDir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err == nil {
		var st unix.Statfs_t
		if unix.Fstatfs(fd, &st) == nil && st.Type == fusectlMagic {
			return fd, nil
		}
		unix.Close(fd)
	}
	fsfd, err := unix.Fsopen("fusectl", unix.FSOPEN_CLOEXEC)
	if err != nil {
		return -1, fmt.Errorf("fsopen fusectl: %w", err)
	}
	defer unix.Close(fsfd)
	if err := unix.FsconfigCreate(fsfd); err != nil {
		return -1, fmt.Errorf("fsconfig fusectl: %w", err)
	}
	mfd, err := unix.Fsmount(fsfd, unix.FSMOUNT_CLOEXEC, 0)
	if err != nil {
		return -1, fmt.Errorf("fsmount fusectl: %w", err)
	}
	return mfd, nil
}
