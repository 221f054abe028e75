// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// enterTargetNS is mount's and umount's -N/--namespace: the argument is a
// process ID (its /proc/PID/ns/mnt) or else the path of a mount namespace
// file, and the command then works in that namespace. libmount switches
// there for each step and back; staying there is the same for a command
// that only mounts or unmounts, down to relative paths, which resolve
// from the namespace's root since setns(2) moves the working directory.
// A namespace that cannot be joined ends the command with status 2.
func (c *cmd) enterTargetNS(arg string) error {
	path := arg
	if pid := nsPid(arg); pid > 0 {
		path = "/proc/" + strconv.Itoa(int(pid)) + "/ns/mnt"
	}
	t := c.Task
	fd, err := t.Open(path, linux.O_RDONLY|linux.O_CLOEXEC, 0)
	if err == nil {
		err = t.SetnsFd(fd, linux.CLONE_NEWNS)
		t.Close(fd)
	}
	if err != nil {
		c.Exit(exitNoMemory)
		return fmt.Errorf("failed to set target namespace to %s: %s", path, applet.ErrText(err))
	}
	return nil
}

// nsPid reads -N's argument as util-linux does a PID: strtoul's number,
// whole, taken as a pid_t; 0 when it is none (or not positive).
func nsPid(s string) int32 {
	v, err := cStrto(s, true)
	if err != nil {
		return 0
	}
	return int32(v)
}
