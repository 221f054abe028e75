// SPDX-License-Identifier: Apache-2.0

// Package userland assembles linuxvfs's user space: the shell with every
// program linuxvfs has (coreutils, util-linux), and a runner for scripts
// on a freshly booted system.
package userland

import (
	"context"
	"io"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/archive"
	"github.com/linuxvfs/linuxvfs/userland/awk"
	"github.com/linuxvfs/linuxvfs/userland/busybox"
	"github.com/linuxvfs/linuxvfs/userland/coreutils"
	"github.com/linuxvfs/linuxvfs/userland/halt"
	"github.com/linuxvfs/linuxvfs/userland/lvfs"
	"github.com/linuxvfs/linuxvfs/userland/procps"
	"github.com/linuxvfs/linuxvfs/userland/sed"
	"github.com/linuxvfs/linuxvfs/userland/utillinux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Programs returns a set with every program linuxvfs has.
func Programs() *applet.Set {
	set := applet.NewSet()
	shell.Register(set)
	coreutils.Register(set)
	utillinux.Register(set)
	procps.Register(set)
	archive.Register(set)
	sed.Register(set)
	awk.Register(set)
	lvfs.Register(set)
	halt.Register(set)
	busybox.Register(set)
	return set
}

// RunScript runs script with `linuxvfs sh` on a freshly booted system and
// returns its exit status.
func RunScript(ctx context.Context, script string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	return RunScriptAs(ctx, "sh", script, stdin, stdout, stderr)
}

// RunScriptAs is RunScript with the shell calling itself name ($0, and the
// prefix of its own error messages): "/bin/bash" makes them read as bash's
// do when it runs a script given with -c.
func RunScriptAs(ctx context.Context, name, script string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	t, err := linuxvfs.Boot()
	if err != nil {
		return 1, err
	}
	defer t.Exit()
	ctx, cancel := MachineContext(ctx, t.Kernel())
	defer cancel()
	cfg := shell.Config{Task: t, Name: name, Stdin: stdin, Stdout: stdout, Stderr: stderr, Set: Programs(), CommandLine: true,
		Personality: shell.PersonalityOf(name)}
	return ShellStatus(t.Kernel(), func() (int, error) { return shell.Run(ctx, cfg, script) })
}

// MachineContext returns the context a shell on k runs with: ctx, also
// ended when a task of k halts, powers off or restarts the machine
// (reboot(2)): the shell stops there. When ctx ends, the tasks asleep in
// k (on a FIFO) are woken with EINTR (Kernel.Interrupt), so that no
// script outlives it, as a fatal signal ends a sleep. The returned
// context ends first: a shell woken by the interrupt must find it ended
// and stop before its next command. (An interrupt that could run before
// the cancellation reached the shell's context let a script run one
// command more: "echo after" the FIFO it slept on, a flaky
// TestRunScriptHonoursDeadline.)
func MachineContext(ctx context.Context, k *vfs.Kernel) (context.Context, context.CancelFunc) {
	mctx, cancel := context.WithCancel(ctx)
	k.SetMachineDown(func(uint32) { cancel() })
	stop := context.AfterFunc(ctx, func() {
		// mctx ends with ctx (ctx's cancel ends its children before it
		// returns) and keeps ctx's error: deadline or cancel.
		<-mctx.Done()
		k.Interrupt()
	})
	return mctx, func() {
		stop()
		cancel()
	}
}

// ShellStatus runs a shell and gives its status, or 0 with no error when
// the machine went down under it.
func ShellStatus(k *vfs.Kernel, run func() (int, error)) (int, error) {
	code, err := run()
	if k.MachineGoingDown() {
		return 0, nil
	}
	return code, err
}
