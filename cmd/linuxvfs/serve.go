// SPDX-License-Identifier: Apache-2.0

package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/linuxvfs/linuxvfs/fuse"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// serveArgs is `linuxvfs serve`'s command line: its own options, then
// boot's.
type serveArgs struct {
	mountpoint string
	dir        string
	ro         bool
	hostPerms  bool
	boot       bootArgs
}

func parseServeArgs(args []string) (serveArgs, error) {
	s := serveArgs{dir: "/"}
	for len(args) > 0 {
		switch args[0] {
		case "--fuse", "--dir":
			if len(args) < 2 {
				return s, usageError("linuxvfs serve: " + args[0] + " needs an argument")
			}
			if args[0] == "--fuse" {
				s.mountpoint = args[1]
			} else {
				s.dir = args[1]
			}
			args = args[2:]
			continue
		case "--ro":
			s.ro = true
			args = args[1:]
			continue
		case "--default-permissions":
			s.hostPerms = true
			args = args[1:]
			continue
		}
		break
	}
	if s.mountpoint == "" {
		return s, usageError("linuxvfs serve: --fuse MOUNTPOINT is required")
	}
	var err error
	s.boot, err = parseBootArgs(args)
	if err == errHelp {
		err = usageError("linuxvfs serve: see 'linuxvfs help'")
	}
	return s, err
}

// runServe is `linuxvfs serve --fuse MOUNTPOINT`: a system booted as
// `linuxvfs sh` boots it (or as `linuxvfs boot` does, given disks, an
// initramfs or kernel parameters), set up by the -c or -f script, then
// exported at the host directory MOUNTPOINT until it is unmounted or the
// command is interrupted.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s, err := parseServeArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	init := func(ctx context.Context, t *vfs.Task, path string, argv, envp []string) (int, error) {
		return s.serve(ctx, stop, t, stdin, stdout, stderr), nil
	}
	b := s.boot
	if len(b.disks) == 0 && b.initrd == "" && len(b.cmdline) == 0 {
		t, err := userland.Boot()
		if err != nil {
			fmt.Fprintf(stderr, "linuxvfs: boot: %v\n", err)
			return 1
		}
		defer t.Exit()
		code, _ := init(ctx, t, "", nil, nil)
		return code
	}
	// The export runs as init whatever the root holds.
	return bootWith(ctx, b, init, false, stdin, stdout, stderr)
}

// serve sets t's system up and exports it. The first signal unmounts
// (lazily if the export is busy: the server lasts until its last user
// leaves); a second one ends linuxvfs at once.
func (s serveArgs) serve(ctx context.Context, stopSignals func(), t *vfs.Task, stdin io.Reader, stdout, stderr io.Writer) int {
	if err := bindHost(t, s.boot.binds); err != nil {
		fmt.Fprintf(stderr, "linuxvfs: %v\n", err)
		return 1
	}
	if s.boot.hasCmd {
		cfg := shell.Config{Task: t, Name: "linuxvfs", Set: userland.Programs(), Stdin: stdin, Stdout: stdout, Stderr: stderr}
		code, err := shell.Run(ctx, cfg, s.boot.script)
		if err != nil || code != 0 {
			fmt.Fprintf(stderr, "linuxvfs serve: setup script failed (status %d) %v\n", code, err)
			return max(code, 1)
		}
	}
	srv, err := fuse.Mount(t, s.dir, s.mountpoint, &fuse.Options{ReadOnly: s.ro, DefaultPermissions: s.hostPerms})
	if err != nil {
		fmt.Fprintf(stderr, "linuxvfs serve: %s: %v\n", s.mountpoint, err)
		return 1
	}
	done := make(chan struct{})
	go func() { srv.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		stopSignals()
		if err := srv.Unmount(); err != nil {
			fmt.Fprintf(stderr, "linuxvfs serve: unmount: %v\n", err)
			return 1
		}
	}
	return 0
}
