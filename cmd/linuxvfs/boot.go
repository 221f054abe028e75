// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
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
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
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
	cfg.Init = initRunner(a, stdin)
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
		cfg := shell.Config{Task: t, Name: path, Args: argv[1:], Env: envp, Set: userland.Programs(),
			Stdin: &applet.File{Task: t, Fd: 0}, Stdout: &applet.File{Task: t, Fd: 1}, Stderr: &applet.File{Task: t, Fd: 2}}
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

// shellScript reads path on t if it is a script for sh or busybox sh.
func shellScript(t *vfs.Task, path string) (string, bool) {
	f, err := applet.OpenFile(t, path, linux.O_RDONLY, 0)
	if err != nil {
		return "", false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return "", false
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	interp := strings.Fields(strings.TrimPrefix(string(first), "#!"))
	if !bytes.HasPrefix(data, []byte("#!")) || len(interp) == 0 {
		return "", false
	}
	switch {
	case interp[0] == "/bin/sh", interp[0] == "/bin/bash", interp[0] == "/bin/ash":
		return string(data), true
	case strings.HasSuffix(interp[0], "/busybox") && len(interp) > 1 && interp[1] == "sh":
		return string(data), true
	}
	return "", false
}

//go:embed default-init.sh
var defaultInit string

// defaultRoot is the embedded default's root filesystem: a squashfs image
// made here, from our own files, each time.
func defaultRoot() ([]byte, error) {
	return testimage.Squashfs(map[string]string{
		"bin/": "", "dev/": "", "etc/": "", "proc/": "", "root/": "", "run/": "", "sbin/": "", "sys/": "", "tmp/": "",
		"etc/os-release": "NAME=\"linuxvfs\"\nID=linuxvfs\nPRETTY_NAME=\"linuxvfs default root (squashfs)\"\nVERSION_ID=" + applet.Version + "\n",
		"etc/motd":       "This root filesystem is a squashfs image the linuxvfs binary made at boot.\n",
		"sbin/init":      defaultInit,
	}, time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
}

//go:embed default-initramfs-init.sh
var defaultInitramfsInit string

// defaultInitramfs is the embedded default's initramfs: a newc archive
// written here whose /init mounts the root image and switches to it.
func defaultInitramfs() []byte {
	var buf bytes.Buffer
	w := initramfs.NewWriter(&buf, false)
	for _, d := range []string{"proc", "sys", "run", "newroot"} {
		w.WriteEntry(initramfs.Entry{Name: d, Mode: linux.S_IFDIR | 0o755})
	}
	w.WriteEntry(initramfs.Entry{Name: "init", Mode: linux.S_IFREG | 0o755, Data: []byte(defaultInitramfsInit)})
	w.Close()
	return buf.Bytes()
}

// runDefaultBoot boots the embedded default: an initramfs whose /init
// mounts the root image (/dev/vda) and switches to its /sbin/init.
func runDefaultBoot(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer) int {
	img, err := defaultRoot()
	if err == nil {
		dir, derr := os.MkdirTemp("", "linuxvfs-boot-")
		if derr != nil {
			err = derr
		} else {
			defer os.RemoveAll(dir)
			root, initrd := filepath.Join(dir, "root.img"), filepath.Join(dir, "initrd.cpio")
			if err = os.WriteFile(root, img, 0o600); err == nil {
				err = os.WriteFile(initrd, defaultInitramfs(), 0o600)
			}
			if err == nil {
				return runBoot(ctx, []string{"--disk", root + ",ro", "--initrd", initrd, "root=/dev/vda"}, stdin, stdout, stderr)
			}
		}
	}
	fmt.Fprintf(stderr, "linuxvfs boot: making the default images: %v\n", err)
	return 1
}
