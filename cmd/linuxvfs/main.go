// SPDX-License-Identifier: Apache-2.0

// Command linuxvfs runs shell scripts on a virtual Linux kernel: every
// invocation boots a fresh kernel in the process (tmpfs root, running as
// root with umask 022) and runs `linuxvfs sh` on it. The host's files are
// only read for the script itself, unless --bind passes host directories
// in.
//
// Usage:
//
//	linuxvfs                         run a short demo
//	linuxvfs sh FILE [ARGS...]       run the script in host file FILE
//	linuxvfs sh --bind HOST:VIRTUAL[:ro] ...
//	                                 with host directory HOST at VIRTUAL
//	linuxvfs sh -c CMDS [NAME [ARGS...]]
//	linuxvfs sh [-s] [ARGS...]       read the script from standard input,
//	                                 or prompt for commands on a terminal
//	linuxvfs serve --fuse MOUNTPOINT [BOOT-ARGS]
//	                                 export the system through FUSE
//	linuxvfs help                    print this help
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"github.com/linuxvfs/linuxvfs/userland"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/linuxvfs/linuxvfs/abi/linux"

	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/shell"
	"golang.org/x/term"
)

//go:embed demo.sh
var demoScript string

const usage = `usage: linuxvfs [COMMAND [ARGS...]]

Run shell scripts on a virtual Linux kernel booted inside this process.

Commands:
  (none)                          run a short demo
  sh [--bind HOST:VIRTUAL[:ro]]... [-aefnux] [-o NAME] ...
                                  sh's options, before any of these forms:
  sh FILE [ARGS...]               run the script in FILE
  sh -c COMMANDS [NAME [ARGS...]] run COMMANDS; NAME is $0
  sh [-s] [ARGS...]               read the script from standard input, or
                                  prompt for commands if it is a terminal
  boot [OPTION]... [PARAM]...     boot a kernel and run init (see below)
  serve --fuse MOUNTPOINT [--dir VIRTUAL] [--ro] [--default-permissions]
        [BOOT-ARGS]               export the virtual system at a host
                                  directory through FUSE (see below)
  help                            print this help

The script's exit status is linuxvfs's exit status.

--bind HOST:VIRTUAL[:ro] (sh and boot, repeatable) passes the host
directory HOST into the virtual system at VIRTUAL (made if missing),
read-only with :ro, as 'mount -t hostfs HOST VIRTUAL' would: host
symbolic links are shown as links and resolved inside the virtual system,
so nothing outside HOST is reachable. Only HOST and directories below it
can be mounted with hostfs. sh mounts them once the system has booted,
before the script runs; boot mounts them in init's namespace just before
init starts (after the root is mounted, or in the initramfs when there is
one).

` + bootHelp + `
serve boots as sh does (or as boot does, given --disk, --initrd or kernel
parameters), runs the -c or -f script to set the system up, and mounts
its directory VIRTUAL (default /) at the host directory MOUNTPOINT with
FUSE, each virtual mount below as a FUSE mount of its own, until they are
unmounted on the host (umount -R or umount -l) or linuxvfs is interrupted
(SIGINT or SIGTERM; a second signal ends it at once; killed, a watchdog
process it started unmounts what it left). Host programs act
with their own uid, gid and groups, checked by the virtual kernel (and
by the host too with --default-permissions, which also checks the opens
of FIFOs the host does alone). Needs /dev/fuse and root (or fusermount3
and user_allow_other: then one mount only, the submounts need mount(2)).
`

// bootHelp is boot's part of the help, which boot --help prints alone.
const bootHelp = `boot brings a kernel up from a kernel command line: PARAMs such as
root=/dev/vda, rootfstype=, rootflags=, ro, rw, rootwait, rootdelay=,
init=, rdinit=, devtmpfs.mount=, noinitrd, quiet, loglevel=, debug (the
others go to init as Linux passes them), and these options:
  --disk FILE[,ro]    a host image as the next disk: /dev/vda, /dev/vdb, ...
  --initrd FILE       an initramfs (cpio archives, possibly compressed)
  --append 'PARAMS'   more kernel parameters
  -c SCRIPT           init runs SCRIPT with linuxvfs's shell
  -f FILE             init runs the script in host FILE
  -h, --help          print boot's part of this help
Without -c or -f, init is the root's own (/init of an initramfs, init=,
or the first of /sbin/init, /etc/init, /bin/init, /bin/sh) when it is a
shell script, else the shell on the console; a root without any init
panics as Linux does. A command is found as a file along PATH, so a
root's init needs its tools on disk (busybox and its links will do); a
-c or -f script has linuxvfs's programs wherever PATH has no file for
them. With no arguments at all, boot runs a built-in root image. The
exit status is init's; a kernel panic gives 255.
`

// usageError is a bad command line: reported with status 2.
type usageError string

func (e usageError) Error() string { return string(e) }

func main() {
	fuse.WatchdogMain() // a watchdog of an export of ours: exits here
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runScript(ctx, shell.Config{Stdout: stdout, Stderr: stderr, Set: userland.Programs()}, nil, demoScript, false, stderr)
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "sh":
		return runSh(ctx, args[1:], stdin, stdout, stderr)
	case "boot":
		return runBoot(ctx, args[1:], stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "linuxvfs: unknown command %q\nRun 'linuxvfs help' for usage.\n", args[0])
	return 2
}

// runSh is `linuxvfs sh`: sh's options, then the -c, -s and FILE forms.
func runSh(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	binds, args, err := cutBinds(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	inv, err := shell.ParseInvocation(args)
	if err != nil {
		fmt.Fprint(stderr, shell.UsageError("linuxvfs sh", err))
		return 2
	}
	ops := inv.Operands
	cfg := shell.Config{Stdin: stdin, Stdout: stdout, Stderr: stderr, Set: userland.Programs(), Options: inv.Options,
		Personality: shell.Dash}
	switch {
	case inv.Command:
		if len(ops) == 0 {
			fmt.Fprintln(stderr, "linuxvfs sh: -c: option requires an argument")
			return 2
		}
		if len(ops) > 1 {
			cfg.Name, cfg.Args = ops[1], ops[2:]
		}
		cfg.CommandLine = true
		return runScript(ctx, cfg, binds, ops[0], false, stderr)
	case !inv.Stdin && len(ops) > 0:
		data, err := os.ReadFile(ops[0])
		if err != nil {
			fmt.Fprintf(stderr, "linuxvfs sh: %s: %s\n", ops[0], hostErrText(err))
			return 127
		}
		cfg.Name, cfg.Args = ops[0], ops[1:]
		return runScript(ctx, cfg, binds, string(data), false, stderr)
	}
	cfg.Args = ops
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return runScript(ctx, cfg, binds, "", true, stderr)
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "linuxvfs sh: reading standard input: %v\n", err)
		return 2
	}
	cfg.Stdin = nil // the script was standard input
	return runScript(ctx, cfg, binds, string(data), false, stderr)
}

// runScript boots a kernel, mounts the host directories of binds, and
// runs script on it, or an interactive session.
func runScript(ctx context.Context, cfg shell.Config, binds []bindSpec, script string, interactive bool, stderr io.Writer) int {
	t, err := userland.BootWith(cfg.Set)
	if err != nil {
		fmt.Fprintf(stderr, "linuxvfs: boot: %v\n", err)
		return 1
	}
	defer t.Exit()
	if err := bindHost(t, binds); err != nil {
		fmt.Fprintf(stderr, "linuxvfs: %v\n", err)
		return 1
	}
	// The shell stands for one on this machine: its hostname is the host's,
	// as the host's init set it (a bare kernel's is "(none)").
	if name, err := os.Hostname(); err == nil {
		t.Sethostname(name)
	}
	cfg.Task = t
	ctx, cancel := userland.MachineContext(ctx, t.Kernel()) // ^C wakes FIFO sleepers too
	defer cancel()
	code, err := userland.ShellStatus(t.Kernel(), func() (int, error) {
		if interactive {
			return shell.Interactive(ctx, cfg)
		}
		return shell.Run(ctx, cfg, script)
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "linuxvfs: %v\n", err)
	}
	return code
}

// hostErrText is strerror of a host error, in glibc's words as linux.Errno
// has them ("No such file or directory", not Go's lower-case text).
func hostErrText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return linux.Errno(errno).Error()
	}
	if u := errors.Unwrap(err); u != nil {
		return u.Error()
	}
	return err.Error()
}
