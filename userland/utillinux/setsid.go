// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"context"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// setsidApplet is util-linux's setsid(1): PROGRAM runs in a new session.
// A process group leader cannot start one (setsid(2) is EPERM), so then,
// or with -f, the program runs in a forked child, which the caller waits
// for only with -w (passing its status on); without -w the caller is
// done at once and the child runs on by itself. -c makes standard input
// the controlling terminal, which no descriptor here can be.
func setsidApplet(c *cmd) int {
	var ctty, fork, wait bool
	fs := c.FlagSet()
	fs.Help = helpTexts["setsid"]
	fs.ShortHelp = true
	fs.InOrder = true
	fs.BoolVarP(&ctty, "ctty", "c", false, "")
	fs.BoolVarP(&fork, "fork", "f", false, "")
	fs.BoolVarP(&wait, "wait", "w", false, "")
	fs.PlaceHelp()
	fs.PlaceVersion()
	args, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(args) == 0 {
		c.warnf("no command specified")
		return c.tryHelp(1)
	}
	t := c.Task
	if !fork && t.Getpgrp() != t.Getpid() {
		return runInSession(c, t, args, ctty)
	}
	child, err := t.Fork(0)
	if err != nil {
		c.warnf("fork: %s", applet.ErrText(err))
		return 1
	}
	if wait {
		defer child.Exit()
		return runInSession(c, child, args, ctty)
	}
	detached := c.Detached(child, context.WithoutCancel(c.Ctx))
	go func() {
		defer child.Exit()
		runInSession(&cmd{Cmd: detached}, child, args, ctty)
	}()
	return 0
}

// runInSession is the part of setsid that runs in the task t of the
// program: a new session, the terminal if asked, then the program.
func runInSession(c *cmd, t *vfs.Task, args []string, ctty bool) int {
	if _, err := t.Setsid(); err != nil {
		c.warnf("setsid failed: %s", applet.ErrText(err))
		return 1
	}
	if ctty {
		// TIOCSCTTY: no descriptor is a terminal here.
		c.warnf("failed to set the controlling terminal: %s", applet.ErrText(linux.ENOTTY))
		return 1
	}
	return c.runCommand(t, args, true)
}
