// SPDX-License-Identifier: Apache-2.0

// Package userland assembles linuxvfs's user space: the shell with every
// program linuxvfs has (coreutils, util-linux), and a runner for scripts
// on a freshly booted system.
package userland

import (
	"context"
	"errors"
	"io"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/userland/archive"
	"github.com/linuxvfs/linuxvfs/userland/awk"
	"github.com/linuxvfs/linuxvfs/userland/busybox"
	"github.com/linuxvfs/linuxvfs/userland/coreutils"
	"github.com/linuxvfs/linuxvfs/userland/dosfstools"
	"github.com/linuxvfs/linuxvfs/userland/e2fsprogs"
	"github.com/linuxvfs/linuxvfs/userland/glibc"
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
	dosfstools.Register(set)
	e2fsprogs.RegisterMkfs(set)
	procps.Register(set)
	archive.Register(set)
	sed.Register(set)
	awk.Register(set)
	lvfs.Register(set)
	halt.Register(set)
	busybox.Register(set)
	e2fsprogs.RegisterAttrs(set)
	glibc.Register(set)
	return set
}

// Boot returns init of linuxvfs's default system (linuxvfs.Boot) with a
// file for each of its programs in /usr/bin and /usr/sbin, where a
// command's search along PATH finds them, and the files of /etc a
// Debian base system has.
func Boot() (*vfs.Task, error) {
	return BootWith(Programs())
}

// BootWith is Boot installing set: the system `linuxvfs sh` and the
// differential tests run on.
func BootWith(set *applet.Set) (*vfs.Task, error) {
	t, err := linuxvfs.Boot()
	if err != nil {
		return nil, err
	}
	err = set.Install(t)
	if err == nil {
		err = baseFiles(t)
	}
	if err != nil {
		t.Exit()
		return nil, err
	}
	return t, nil
}

// baseFiles writes the files of /etc a Debian base system has and the
// programs expect, where they are missing: an fstab with nothing to mount,
// base-passwd's users and groups, and /etc/mtab as a link to the
// kernel's table (which libmount, seeing a link, leaves alone).
func baseFiles(t *vfs.Task) error {
	if err := t.Symlink("/proc/mounts", "/etc/mtab"); err != nil && !errors.Is(err, linux.EEXIST) {
		return err
	}
	files := []struct{ path, text string }{
		{"/etc/fstab", "# UNCONFIGURED FSTAB FOR BASE SYSTEM\n"},
		{"/etc/passwd", applet.BaseDatabase("/etc/passwd")},
		{"/etc/group", applet.BaseDatabase("/etc/group")},
	}
	for _, bf := range files {
		if err := writeNew(t, bf.path, bf.text); err != nil {
			return err
		}
	}
	return nil
}

// writeNew makes path (mode 0644) holding text, unless it exists.
func writeNew(t *vfs.Task, path, text string) error {
	f, err := applet.OpenFile(t, path, linux.O_WRONLY|linux.O_CREAT|linux.O_EXCL|linux.O_CLOEXEC, 0o644)
	if errors.Is(err, linux.EEXIST) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
	set := Programs()
	t, err := BootWith(set)
	if err != nil {
		return 1, err
	}
	defer t.Exit()
	ctx, cancel := MachineContext(ctx, t.Kernel())
	defer cancel()
	cfg := shell.Config{Task: t, Name: name, Stdin: stdin, Stdout: stdout, Stderr: stderr, Set: set, CommandLine: true,
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
