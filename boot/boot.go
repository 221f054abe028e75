// SPDX-License-Identifier: Apache-2.0

// Package boot brings a virtual kernel up from a kernel command line and
// runs init, as init/main.c does from start_kernel to run_init_process:
// the rootfs and the first namespace (init_mount_tree), devtmpfs, the
// disks, the initramfs or the default rootfs (populate_rootfs), the
// console on init's descriptors (console_on_rootfs), then either the
// initramfs's /init or the root device mounted and moved to /
// (prepare_namespace), and init. There are no programs to execute: the
// caller's InitRunner runs init (linuxvfs's shell).
package boot

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs"
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/fs/ramfs"
	"github.com/linuxvfs/linuxvfs/fs/tmpfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// InitRunner runs init: the program at path with argv and envp, on task t
// (pid 1, descriptors 0 to 2 on the console), until it exits.
type InitRunner func(ctx context.Context, t *vfs.Task, path string, argv, envp []string) (int, error)

// Config is one boot.
type Config struct {
	// Cmdline is the kernel command line.
	Cmdline string
	// Disks become /dev/vda, /dev/vdb, ... in order.
	Disks []*DiskImage
	// Initrd is an initramfs image (cpio archives, possibly compressed and
	// concatenated), or nil.
	Initrd []byte
	// Console is the system console: init's input and output, and where
	// the kernel's messages are shown.
	Input  io.Reader
	Output io.Writer
	// Init runs init.
	Init InitRunner
	// NoFallback makes a root without any init a panic, as on Linux;
	// otherwise Init runs as /sbin/init all the same.
	NoFallback bool
}

// booter is one boot in progress.
type booter struct {
	ctx    context.Context
	stop   context.CancelFunc // ends init: the machine is going down
	cfg    Config
	params Params
	k      *vfs.Kernel
	init   *vfs.Task
	// partUUIDs are the partitions' PARTUUIDs, for root=PARTUUID=.
	partUUIDs map[string]uint64
}

// Boot boots a kernel as cfg says and runs init. It returns init's exit
// status; a kernel panic prints its message and returns 255. err is for a
// boot that could not be made at all, or ctx's end.
func Boot(ctx context.Context, cfg Config) (int, error) {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	b := &booter{ctx: ctx, stop: stop, cfg: cfg, params: ParseCmdline(cfg.Cmdline)}
	code, err := b.run()
	var p *panicError
	if errors.As(err, &p) {
		b.logPanic(p)
		code, err = 255, nil
	}
	b.halt()
	return code, err
}

// halt stops the machine: what tearing the model down prints
// (unmounting) is not the kernel's to show.
func (b *booter) halt() {
	if b.k != nil {
		b.k.SetConsole(nil)
	}
	if b.init != nil {
		b.init.Exit()
	}
}

// run is start_kernel, kernel_init_freeable and kernel_init in turn.
func (b *booter) run() (int, error) {
	if err := b.startKernel(); err != nil {
		return 0, err
	}
	if err := b.populateRootfs(); err != nil {
		return 0, err
	}
	b.consoleOnRootfs()
	rdinit := b.params.RdInit
	if b.init.Faccessat(linux.AT_FDCWD, rdinit, linux.X_OK, 0) != nil {
		rdinit = ""
		if err := b.prepareNamespace(); err != nil {
			return 0, err
		}
	}
	code, err := b.kernelInit(rdinit)
	if b.k.MachineGoingDown() {
		// reboot(2) halted, powered off or restarted the machine: init
		// did not exit, so nothing panics, and the boot ends well.
		return 0, nil
	}
	if err != nil {
		return code, err
	}
	// init is gone, and the kernel panics; the boot's status is init's.
	b.logPanic(kernelPanic("Attempted to kill init! exitcode=0x%08x", code<<8).(*panicError))
	return code, nil
}

// logPanic prints a panic's two lines, as panic() does.
func (b *booter) logPanic(p *panicError) {
	b.k.Printk(vfs.KernEmerg + p.Error())
	b.k.Printk(vfs.KernEmerg + "---[ end " + p.Error() + " ]---")
}

// startKernel makes the kernel, its console and the first namespace
// (rootfs as init_rootfs chooses it), then the disks.
func (b *booter) startKernel() error {
	b.k = linuxvfs.NewKernel()
	b.k.SetMachineDown(func(uint32) { b.stop() })
	c := &console{in: b.cfg.Input, out: b.cfg.Output}
	if err := c.register(b.k); err != nil {
		return err
	}
	b.k.Printk(vfs.KernNotice + vfs.Banner)
	b.k.Printk(vfs.KernNotice + "Kernel command line: " + b.cfg.Cmdline)
	b.k.SetCmdline(b.cfg.Cmdline)
	var rootfs vfs.FilesystemType = tmpfs.RootfsType{}
	if b.params.Root != "" && !strings.Contains(strings.Join(b.params.RootFSType, ","), "tmpfs") {
		rootfs = ramfs.RootfsType{} // init_rootfs: is_tmpfs is false
	}
	t, err := b.k.InitMountTree(rootfs, "")
	if err != nil {
		return err
	}
	b.init = t
	b.partUUIDs = map[string]uint64{}
	for i, d := range b.cfg.Disks {
		if _, err := addDisk(b.k, i, d, b.partUUIDs); err != nil {
			return err
		}
	}
	return nil
}

// populateRootfs is populate_rootfs: the built-in initramfs (the default
// list: /dev, /dev/console, /root), then the external one if any; a
// corrupt external one is logged and the boot goes on with what it held.
func (b *booter) populateRootfs() error {
	initrd := b.cfg.Initrd
	if b.params.NoInitrd {
		initrd = nil
	}
	err := initramfs.PopulateRootfs(b.init, initramfs.DefaultBuiltin(0), initrd, initramfs.Options{})
	var e *initramfs.Error
	if errors.As(err, &e) && e.Builtin {
		return kernelPanic("%s", e.Msg)
	}
	return nil
}

// consoleOnRootfs is console_on_rootfs: /dev/console as descriptors 0, 1
// and 2 of init.
func (b *booter) consoleOnRootfs() {
	t := b.init
	fd, err := t.Openat(linux.AT_FDCWD, "/dev/console", linux.O_RDWR, 0)
	if err != nil {
		b.k.Printk(vfs.KernErr + "Warning: unable to open an initial console.")
		return
	}
	if fd != 0 {
		t.Dup2(fd, 0)
		t.Close(fd)
	}
	t.Dup2(0, 1)
	t.Dup2(0, 2)
}

// kernelInit is kernel_init's choice of init: the initramfs's rdinit if
// it is there, else init=, else the usual places; a requested init that
// fails ends the boot.
func (b *booter) kernelInit(rdinit string) (int, error) {
	if rdinit != "" {
		return b.runInit(rdinit)
	}
	if b.params.Init != "" {
		if err := b.init.Faccessat(linux.AT_FDCWD, b.params.Init, linux.X_OK, 0); err != nil {
			return 0, kernelPanic("Requested init %s failed (error %d).", b.params.Init, -int(errnoOf(err)))
		}
		return b.runInit(b.params.Init)
	}
	for _, path := range []string{"/sbin/init", "/etc/init", "/bin/init", "/bin/sh"} {
		if b.init.Faccessat(linux.AT_FDCWD, path, linux.X_OK, 0) == nil {
			return b.runInit(path)
		}
	}
	if b.cfg.NoFallback {
		return 0, kernelPanic("No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance.")
	}
	// The kernel would panic; linuxvfs has a shell to offer instead.
	b.k.Printk("linuxvfs: no init in the root filesystem: linuxvfs's shell runs as /sbin/init")
	return b.runInit("/sbin/init")
}

// runInit is run_init_process: say so, then hand over to the runner.
func (b *booter) runInit(path string) (int, error) {
	b.k.Printk(vfs.KernInfo + "Run " + path + " as init process")
	argv := append([]string{path}, b.params.InitArgs...)
	envp := append([]string{"HOME=/", "TERM=linux"}, b.params.InitEnv...)
	return b.cfg.Init(b.ctx, b.init, path, argv, envp)
}
