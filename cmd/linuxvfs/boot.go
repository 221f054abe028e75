// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/boot/defaultimage"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
	"golang.org/x/term"
)

// bootArgs is `linuxvfs boot`'s command line.
type bootArgs struct {
	disks   []string // FILE or FILE,ro
	initrd  string
	cmdline []string // --append and bare PARAM words, in order
	script  string   // -c, or a script file's content
	hasCmd  bool
	binds   []bindSpec
}

// errHelp is boot --help's request.
var errHelp = errors.New("help")

// parseBootArgs reads boot's flags; words that are not flags are kernel
// parameters, except a script file after -f.
func parseBootArgs(args []string) (bootArgs, error) {
	var a bootArgs
	for i := 0; i < len(args); i++ {
		arg := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", usageError(fmt.Sprintf("linuxvfs boot: %s needs an argument", arg))
			}
			i++
			return args[i], nil
		}
		var err error
		var v string
		switch arg {
		case "--disk", "--initrd", "--append", "-c", "-f", "--bind":
			if v, err = next(); err != nil {
				return a, err
			}
		}
		switch arg {
		case "-h", "--help":
			return a, errHelp
		case "--disk":
			a.disks = append(a.disks, v)
		case "--bind":
			b, err := parseBind(v)
			if err != nil {
				return a, err
			}
			a.binds = append(a.binds, b)
		case "--initrd":
			a.initrd = v
		case "--append":
			a.cmdline = append(a.cmdline, v)
		case "-c":
			a.script, a.hasCmd = v, true
		case "-f":
			data, err := os.ReadFile(v)
			if err != nil {
				return a, usageError(fmt.Sprintf("linuxvfs boot: %s: %s", v, hostErrText(err)))
			}
			a.script, a.hasCmd = string(data), true
		default:
			if strings.HasPrefix(arg, "-") {
				return a, usageError(fmt.Sprintf("linuxvfs boot: unknown option %s", arg))
			}
			a.cmdline = append(a.cmdline, arg)
		}
	}
	return a, nil
}

// runBoot is `linuxvfs boot`: with no arguments, the embedded default.
func runBoot(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runDefaultBoot(ctx, stdin, stdout, stderr)
	}
	a, err := parseBootArgs(args)
	if err == errHelp {
		fmt.Fprint(stdout, "usage: linuxvfs boot [OPTION]... [PARAM]...\n\n"+bootHelp)
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	// With a script of its own, init runs even on a root that has none;
	// otherwise a root without init panics as the kernel's does.
	return bootWith(ctx, a, initRunner(a, stdin), !a.hasCmd, stdin, stdout, stderr)
}

// bootWith boots the disks, initramfs and command line of a with init
// as init's runner; noFallback makes a root without init a panic.
func bootWith(ctx context.Context, a bootArgs, init boot.InitRunner, noFallback bool, stdin io.Reader, stdout, stderr io.Writer) int {
	var err error
	cfg := boot.Config{Cmdline: strings.Join(a.cmdline, " "), Input: stdin, Output: stdout}
	for _, d := range a.disks {
		name, ro := strings.CutSuffix(d, ",ro")
		img, err := boot.OpenDiskImage(name, ro)
		if err != nil {
			fmt.Fprintf(stderr, "linuxvfs boot: %s: %s\n", name, hostErrText(err))
			return 1
		}
		defer img.Close()
		cfg.Disks = append(cfg.Disks, img)
	}
	if a.initrd != "" {
		if cfg.Initrd, err = os.ReadFile(a.initrd); err != nil {
			fmt.Fprintf(stderr, "linuxvfs boot: %s: %s\n", a.initrd, hostErrText(err))
			return 1
		}
	}
	cfg.Init, cfg.NoFallback = init, noFallback
	code, err := boot.Boot(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "linuxvfs boot: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// initRunner runs init with linuxvfs's shell: the -c script if given,
// else init itself when it is a shell script, else the shell on the
// console (interactive on a terminal, or reading its commands).
func initRunner(a bootArgs, stdin io.Reader) boot.InitRunner {
	return func(ctx context.Context, t *vfs.Task, path string, argv, envp []string) (int, error) {
		// run_init_process's moment: the root is in place, init not yet
		// started; the host directories go into its namespace now.
		if err := bindHost(t, a.binds); err != nil {
			return 1, err
		}
		set := userland.Programs()
		// A script given on the command line brings linuxvfs's programs
		// to whatever root it runs on.
		set.SetImplicit(a.hasCmd)
		cfg := shell.Config{Task: t, Name: path, Args: argv[1:], Env: envp, Set: set,
			Stdin: &applet.File{Task: t, Fd: 0}, Stdout: &applet.File{Task: t, Fd: 1}, Stderr: &applet.File{Task: t, Fd: 2},
			Personality: shell.PersonalityOf(cmp.Or(applet.ScriptShell(t, path), "sh"))}
		script, ok := "", a.hasCmd
		if ok {
			script = a.script
		} else if script, ok = shellScript(t, path); !ok {
			t.Kernel().Printk("linuxvfs: " + path + " is not a script linuxvfs can run: linuxvfs's shell runs in its place")
			if f, isFile := stdin.(*os.File); isFile && term.IsTerminal(int(f.Fd())) {
				return shell.Interactive(ctx, cfg)
			}
			data, _ := io.ReadAll(cfg.Stdin)
			script = string(data)
		}
		return shell.Run(ctx, cfg, script)
	}
}

// shellScript reads path on t if it is a script for a shell ("#!" line
// naming sh, bash, ash, dash or busybox sh).
func shellScript(t *vfs.Task, path string) (string, bool) {
	if !applet.IsShellScript(t, path) {
		return "", false
	}
	f, err := applet.OpenFile(t, path, linux.O_RDONLY, 0)
	if err != nil {
		return "", false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil || !bytes.HasPrefix(data, []byte("#!")) {
		return "", false
	}
	return string(data), true
}

// runDefaultBoot boots the embedded default: an initramfs whose /init
// mounts the root image (/dev/vda) and switches to its /sbin/init.
func runDefaultBoot(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) int {
	img, err := defaultimage.Root(userland.Programs())
	if err == nil {
		dir, derr := os.MkdirTemp("", "linuxvfs-boot-")
		if derr != nil {
			err = derr
		} else {
			defer os.RemoveAll(dir)
			root, initrd := filepath.Join(dir, "root.img"), filepath.Join(dir, "initrd.cpio")
			if err = os.WriteFile(root, img, 0o600); err == nil {
				err = os.WriteFile(initrd, defaultimage.Initramfs(), 0o600)
			}
			if err == nil {
				return runBoot(ctx, []string{"--disk", root + ",ro", "--initrd", initrd, defaultimage.Cmdline}, stdin, stdout, stderr)
			}
		}
	}
	fmt.Fprintf(stderr, "linuxvfs boot: making the default images: %v\n", err)
	return 1
}
