// SPDX-License-Identifier: Apache-2.0

package lvfs

import (
	"errors"
	"os/exec"
	"time"

	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// exportFuseApplet is export-fuse(1) of linuxvfs: export a directory of
// the virtual system at a host directory through FUSE (package fuse) for
// as long as a command runs on the host, then unmount it. The command
// starts in the exported directory; host programs act there with their
// own credentials, checked by the virtual kernel.
func exportFuseApplet(c *applet.Cmd) int {
	fs := c.FlagSet()
	fs.Synopsis = "[--ro] DIR HOSTDIR [--] COMMAND [ARG]..."
	fs.About = "Export the virtual directory DIR at the host directory HOSTDIR through\n" +
		"FUSE while COMMAND runs on the host, working in HOSTDIR; then unmount.\n" +
		"The exit status is COMMAND's (127 if it cannot be run)."
	fs.InOrder = true
	var ro bool
	fs.BoolVarP(&ro, "ro", "r", false, "export read-only")
	ops, ok := c.Parse(fs)
	if !ok {
		return c.UsageStatus
	}
	if len(ops) > 2 && ops[2] == "--" {
		ops = append(ops[:2], ops[3:]...)
	}
	if len(ops) < 3 {
		return c.Usage("missing operand")
	}
	dir, host, argv := ops[0], ops[1], ops[2:]
	srv, err := fuse.Mount(c.Task, dir, host, &fuse.Options{ReadOnly: ro})
	if err != nil {
		c.Errorf("%s: %v", c.Quote(host), err)
		return 1
	}
	defer func() {
		if err := srv.Unmount(); err != nil {
			c.Errorf("unmounting %s: %v", c.Quote(host), err)
		}
	}()
	return runOnHost(c, host, argv)
}

// runOnHost runs argv on the host in dir. A host shell changes to dir
// after its exec: a child of this process must not touch the export
// before it has exec'd (Go forks with vfork, and the runtime can wait on
// the forking thread while the child waits for the export).
func runOnHost(c *applet.Cmd, dir string, argv []string) int {
	c.Out.Flush()
	cmd := exec.CommandContext(c.Ctx, "/bin/sh", append([]string{"-c", `cd "$0" && exec "$@"`, dir}, argv...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, c.Stdout, c.Errw
	cmd.WaitDelay = time.Second // a virtual stdin may never end
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode()
	case errors.Is(err, exec.ErrWaitDelay):
		return 0
	}
	c.Errorf("%s: %v", c.Quote(argv[0]), err)
	return 127
}
