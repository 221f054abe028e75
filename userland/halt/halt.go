// SPDX-License-Identifier: Apache-2.0

// Package halt holds the programs that end a system, halt, poweroff and
// reboot, with the options busybox gives them, since the small images whose
// init scripts call them are busybox's.
package halt

import (
	"fmt"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Register adds halt, poweroff and reboot to set.
func Register(set *applet.Set) {
	set.Register(func(c *applet.Cmd) int { return run(c, halt) }, "halt")
	set.Register(func(c *applet.Cmd) int { return run(c, powerOff) }, "poweroff")
	set.Register(func(c *applet.Cmd) int { return run(c, restart) }, "reboot")
}

// action is one way down: its reboot(2) command, the signal busybox's
// init takes as a request for it, and the help's words.
type action struct {
	cmd    uint32
	signal int32
	about  string
}

var (
	halt     = action{linux.LINUX_REBOOT_CMD_HALT, linux.SIGUSR1, "Stop the system."}
	powerOff = action{linux.LINUX_REBOOT_CMD_POWER_OFF, linux.SIGUSR2, "Stop the system and turn the power off."}
	restart  = action{linux.LINUX_REBOOT_CMD_RESTART, linux.SIGTERM, "Restart the system."}
)

// run waits for -d, syncs unless -n, then with -f asks the kernel itself;
// without -f it asks init (pid 1) by signal. An init that is a shell has
// no handler for it, and Linux delivers init no signal it does not
// handle, so then nothing happens, as on Linux.
func run(c *applet.Cmd, a action) int {
	fs := c.FlagSet()
	fs.Synopsis = "[-d SECONDS] [-nf]"
	fs.About = a.about
	var delay int
	fs.IntVarP(&delay, "d", "d", 0, "wait `SECONDS` first")
	noSync := fs.BoolP("n", "n", false, "do not write cached data to disk first")
	force := fs.BoolP("f", "f", false, "ask the kernel directly, not init")
	if _, ok := c.Parse(fs); !ok {
		return 1
	}
	if delay > 0 {
		select {
		case <-time.After(time.Duration(delay) * time.Second):
		case <-c.Ctx.Done():
			return 1
		}
	}
	if !*noSync {
		c.Task.Sync()
	}
	if !*force {
		return askInit(c, a)
	}
	if err := c.Task.Reboot(linux.LINUX_REBOOT_MAGIC1, linux.LINUX_REBOOT_MAGIC2, a.cmd, ""); err != nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, applet.ErrText(err))
		return 1
	}
	return 0
}

// askInit signals pid 1 as kill(2) would: root may signal anyone.
func askInit(c *applet.Cmd, a action) int {
	init := c.Task.Kernel().TaskByTID(1)
	if init == nil {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, applet.ErrText(linux.ESRCH))
		return 1
	}
	if !c.Task.Cred().HasCap(linux.CAP_KILL) {
		fmt.Fprintf(c.Errw, "%s: %s\n", c.Name, applet.ErrText(linux.EPERM))
		return 1
	}
	init.SendSiginfo(vfs.Siginfo{Signo: a.signal, Code: linux.SI_USER, Pid: c.Task.TID(), UID: c.Task.Cred().UID})
	return 0
}
