// SPDX-License-Identifier: Apache-2.0

package boot_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

func TestParseCmdline(t *testing.T) {
	p := boot.ParseCmdline(`root=/dev/vda2 rootfstype=ext4,squashfs ro rw rootwait init=/bin/x quiet "greeting=hello world" mod.opt=1 -- -s x`)
	if p.Root != "/dev/vda2" || !reflect.DeepEqual(p.RootFSType, []string{"ext4", "squashfs"}) || !p.ReadWrite || !p.RootWait || p.Init != "/bin/x" || p.RdInit != "/init" || !p.DevtmpfsMount {
		t.Fatalf("%+v", p)
	}
	if !reflect.DeepEqual(p.InitArgs, []string{"-s", "x"}) || !reflect.DeepEqual(p.InitEnv, []string{"greeting=hello world"}) || p.ConsoleLevel != 4 {
		t.Fatalf("init gets %q and %q, console level %d", p.InitArgs, p.InitEnv, p.ConsoleLevel)
	}
	// Words before init= are dropped (init_setup); the kernel's own
	// parameters never reach init; TERM= replaces the default.
	p = boot.ParseCmdline(`auto single init=/bin/sh console=ttyS0,115200 TERM=vt100 emergency x=1 loglevel=3`)
	if !reflect.DeepEqual(p.InitArgs, []string{"emergency"}) || !reflect.DeepEqual(p.Envp(), []string{"HOME=/", "TERM=vt100", "x=1"}) ||
		!reflect.DeepEqual(p.Unknown, []string{"emergency", "x=1"}) || p.ConsoleLevel != 3 {
		t.Fatalf("%+v", p)
	}
	for _, c := range []struct {
		word string
		wait bool
		secs int
	}{{"rootwait", true, 0}, {"rootwait=5", true, 5}, {"rootwait=0x10", true, 16}, {"rootwait=0", false, 0}, {"rootwait=-1", true, 0}, {"rootwait=99999999", true, 0}} {
		if p := boot.ParseCmdline(c.word); p.RootWait != c.wait || p.RootWaitSecs != c.secs {
			t.Errorf("%s: rootwait %v for %d s", c.word, p.RootWait, p.RootWaitSecs)
		}
	}
	if boot.ParseCmdline("devtmpfs.mount=0").DevtmpfsMount {
		t.Fatal("devtmpfs.mount=0 ignored")
	}
}

// bootWith boots cfg with an init that records its path and returns 0.
func bootWith(t *testing.T, cfg boot.Config) (code int, log string, initPath string) {
	t.Helper()
	var out strings.Builder
	cfg.Output = &out
	cfg.Init = func(_ context.Context, _ *vfs.Task, path string, _, _ []string) (int, error) {
		initPath = path
		return 0, nil
	}
	code, err := boot.Boot(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), initPath
}

// TestUnknownFilesystem: every type refuses a blank disk (EINVAL), read-
// write then read-only; the kernel lists the partitions and the types it
// tried, and panics.
func TestUnknownFilesystem(t *testing.T) {
	name := filepath.Join(t.TempDir(), "blank.img")
	if err := os.WriteFile(name, make([]byte, 64<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := boot.OpenDiskImage(name, false)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	code, log, init := bootWith(t, boot.Config{Cmdline: "root=/dev/vda rw", Disks: []*boot.DiskImage{img}})
	for _, want := range []string{"] List of all partitions:\n", "] fe00              64 vda \n", "]  driver: virtio_blk\n",
		"] No filesystem could mount root, tried: \n", "]  ext3\n", "]  romfs\n",
		"Kernel panic - not syncing: VFS: Unable to mount root fs on \"/dev/vda\" or unknown-block(254,0)\n"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if code != 255 || init != "" {
		t.Fatalf("code %d, init %q", code, init)
	}
}

// TestRequestedInitMissing: init= naming nothing panics as the kernel does.
func TestRequestedInitMissing(t *testing.T) {
	code, log, _ := bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs init=/nope"})
	if code != 255 || !strings.Contains(log, "Kernel panic - not syncing: Requested init /nope failed (error -2).\n") {
		t.Fatalf("code %d:\n%s", code, log)
	}
}

// TestNoInitFallback: with nothing to run, the kernel panics; linuxvfs's
// boot offers its shell as /sbin/init unless told not to.
func TestNoInitFallback(t *testing.T) {
	_, log, init := bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs"})
	if init != "/sbin/init" || !strings.Contains(log, "linuxvfs's shell runs as /sbin/init") {
		t.Fatalf("init %q:\n%s", init, log)
	}
	code, log, _ := bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs", NoFallback: true})
	if code != 255 || !strings.Contains(log, "No working init found.") {
		t.Fatalf("code %d:\n%s", code, log)
	}
}

// TestInitSearch: kernel_init's order, each try announced: init= that
// cannot run panics with its error; otherwise /sbin/init, /etc/init,
// /bin/init and /bin/sh in turn, a file that is there but cannot run
// reported with its error (not a missing one); an initramfs's /init that
// exists but cannot run is reported, and init is then looked for in the
// initramfs itself (no root is mounted).
func TestInitSearch(t *testing.T) {
	var buf bytes.Buffer
	w := initramfs.NewWriter(&buf, false)
	w.WriteEntry(initramfs.Entry{Name: "init", Mode: linux.S_IFREG | 0o644, Data: []byte("#!/bin/sh\n")})
	for _, d := range []string{"sbin", "etc", "bin"} {
		w.WriteEntry(initramfs.Entry{Name: d, Mode: linux.S_IFDIR | 0o755})
	}
	w.WriteEntry(initramfs.Entry{Name: "sbin/init", Mode: linux.S_IFDIR | 0o755})
	w.WriteEntry(initramfs.Entry{Name: "etc/init", Mode: linux.S_IFREG | 0o755, Data: []byte("echo no interpreter line\n")})
	w.WriteEntry(initramfs.Entry{Name: "bin/init", Mode: linux.S_IFREG | 0o755, Data: []byte("#!/usr/bin/python3\n")})
	w.WriteEntry(initramfs.Entry{Name: "bin/sh", Mode: linux.S_IFREG | 0o755, Data: []byte("#!/bin/sh\n")})
	w.Close()
	code, log, init := bootWith(t, boot.Config{Initrd: buf.Bytes(), Cmdline: "root=/dev/vda", NoFallback: true})
	want := []string{"Run /init as init process", "Failed to execute /init (error -13)",
		"Run /sbin/init as init process", "Starting init: /sbin/init exists but couldn't execute it (error -13)",
		"Run /etc/init as init process", "Starting init: /etc/init exists but couldn't execute it (error -8)",
		"Run /bin/init as init process", "Run /bin/sh as init process"}
	if got := messages(log); code != 0 || init != "/bin/sh" || !reflect.DeepEqual(got[len(got)-len(want):], want) {
		t.Fatalf("code %d init %q:\n%s", code, init, log)
	}
	_, log, init = bootWith(t, boot.Config{Initrd: buf.Bytes(), Cmdline: "rdinit=/bin/init", NoFallback: true})
	want = append([]string{"Run /bin/init as init process", "Failed to execute /bin/init (error -2)"}, want[2:]...)
	if got := messages(log); init != "/bin/sh" || !reflect.DeepEqual(got[len(got)-len(want):], want) {
		t.Fatalf("init %q:\n%s", init, log)
	}
	_, log, _ = bootWith(t, boot.Config{Initrd: buf.Bytes(), Cmdline: "init=/etc/init", NoFallback: true})
	if !strings.Contains(log, "] Run /etc/init as init process\n") || !strings.Contains(log, "Kernel panic - not syncing: Requested init /etc/init failed (error -8).\n") {
		t.Fatalf("init=:\n%s", log)
	}
}

// messages are the texts of a boot log's kernel lines, up to any panic.
func messages(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if _, text, ok := strings.Cut(line, "] "); ok && strings.HasPrefix(line, "[") {
			if strings.HasPrefix(text, "Kernel panic") {
				break
			}
			out = append(out, text)
		}
	}
	return out
}

// TestQuiet: the kernel names the parameters it passes on; quiet keeps
// everything below warnings off the console (the banner included), not
// out of the log.
func TestQuiet(t *testing.T) {
	_, log, _ := bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs hello=1 there"})
	if !strings.Contains(log, "] Unknown kernel command line parameters \"there hello=1\", will be passed to user space.\n") {
		t.Fatalf("no unknown parameters:\n%s", log)
	}
	// An error (KERN_ERR) still shows.
	_, log, _ = bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs quiet", Initrd: []byte{0x89, 'L', 'Z', 'O'}})
	if !strings.Contains(log, "] compression method lzo not configured\n") || !strings.Contains(log, "] Initramfs unpacking failed: decompressor failed\n") {
		t.Fatalf("quiet, lzo:\n%s", log)
	}
	_, log, _ = bootWith(t, boot.Config{Cmdline: "root=r rootfstype=tmpfs quiet init=/nope"})
	if strings.Contains(log, "Linux version") || strings.Contains(log, "Run /nope") || !strings.Contains(log, "Kernel panic - not syncing: Requested init /nope failed") {
		t.Fatalf("quiet:\n%s", log)
	}
}

// TestInitramfsInit: an initramfs with /init runs it (rdinit), and
// prepare_namespace is skipped; noinitrd ignores the image.
func TestInitramfsInit(t *testing.T) {
	var buf bytes.Buffer
	w := initramfs.NewWriter(&buf, false)
	w.WriteEntry(initramfs.Entry{Name: "init", Mode: linux.S_IFREG | 0o755, Data: []byte("#!/bin/sh\nexit 4\n")})
	w.WriteEntry(initramfs.Entry{Name: "etc", Mode: linux.S_IFDIR | 0o755})
	w.Close()
	code, log, init := bootWith(t, boot.Config{Initrd: buf.Bytes()})
	if init != "/init" || code != 0 || !strings.Contains(log, "] Unpacking initramfs...\n") || !strings.Contains(log, "] Run /init as init process\n") {
		t.Fatalf("init %q code %d:\n%s", init, code, log)
	}
	if strings.Contains(log, "VFS:") {
		t.Fatalf("prepare_namespace ran:\n%s", log)
	}
	_, log, init = bootWith(t, boot.Config{Initrd: buf.Bytes(), Cmdline: "noinitrd root=r rootfstype=tmpfs"})
	if init == "/init" || strings.Contains(log, "Unpacking initramfs") {
		t.Fatalf("noinitrd: init %q:\n%s", init, log)
	}
	_, log, _ = bootWith(t, boot.Config{Initrd: []byte("garbage!"), Cmdline: "root=r rootfstype=tmpfs"})
	if !strings.Contains(log, "] Initramfs unpacking failed: ") {
		t.Fatalf("corrupt initrd:\n%s", log)
	}
}

// TestPowerOff: init powering the machine off (reboot(2)) ends its own
// run, the boot ends well with the kernel's last words, and no panic.
func TestPowerOff(t *testing.T) {
	var out strings.Builder
	cfg := boot.Config{Cmdline: "root=none rootfstype=tmpfs rw", Output: &out}
	cfg.Init = func(ctx context.Context, task *vfs.Task, _ string, _, _ []string) (int, error) {
		if err := task.Reboot(linux.LINUX_REBOOT_MAGIC1, linux.LINUX_REBOOT_MAGIC2, linux.LINUX_REBOOT_CMD_POWER_OFF, ""); err != nil {
			return 1, err
		}
		<-ctx.Done() // what stops the shell that runs init
		return 1, ctx.Err()
	}
	code, err := boot.Boot(context.Background(), cfg)
	log := out.String()
	if err != nil || code != 0 || !strings.Contains(log, "] reboot: Power down\n") || strings.Contains(log, "Kernel panic") {
		t.Fatalf("code %d, err %v:\n%s", code, err, log)
	}
}

// TestRootDeviceNames: root= in each of early_lookup_bdev's forms, as the
// device number the failure report shows (a blank disk: no filesystem
// takes it), and the forms that can never name a device.
func TestRootDeviceNames(t *testing.T) {
	name := filepath.Join(t.TempDir(), "blank.img")
	if err := os.WriteFile(name, make([]byte, 64<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := []struct{ cmdline, want string }{
		{"root=/dev/vda", "unknown-block(254,0)"},
		{"root=254:0", "unknown-block(254,0)"},
		{"root=fe00", "unknown-block(254,0)"},
		{"root=/dev/vda3", `Cannot open root device "/dev/vda3" or unknown-block(254,3): error -6`},
		{"root=/dev/vdz", `Cannot open root device "/dev/vdz" or unknown-block(0,0): error -6`},
		{"root=PARTUUID=abc/x rootwait", "] VFS: PARTUUID= is invalid.\n"},
		{"root=PARTUUID=abc/x rootwait", "] Expected PARTUUID=<valid-uuid-id>[/PARTNROFF=%d]\n"},
		{"root=PARTUUID=abc/x rootwait", "] Disabling rootwait; root= is invalid.\n"},
		{"root=/dev/nfs", "] Root-NFS: no NFS server address\n"},
		{"root=/dev/nfs", "] VFS: Unable to mount root fs via NFS.\n"},
		{"root=254:0:7", "unknown-block(254,0)"},
		{"root=254:x rootwait", "] Disabling rootwait; root= is invalid.\n"},
		{"root=/dev/vda0", `Cannot open root device "/dev/vda0" or unknown-block(0,0)`},
		{"root=/dev/ram", `Cannot open root device "/dev/ram" or unknown-block(1,0): error -6`},
		{"root=mtd0", `Cannot open root device "mtd0" or unknown-block(0,253): error -2`},
	}
	for _, r := range rows {
		t.Run(r.cmdline, func(t *testing.T) {
			img, err := boot.OpenDiskImage(name, true)
			if err != nil {
				t.Fatal(err)
			}
			defer img.Close()
			_, log, _ := bootWith(t, boot.Config{Cmdline: r.cmdline, Disks: []*boot.DiskImage{img}})
			if !strings.Contains(log, r.want) {
				t.Fatalf("log lacks %q:\n%s", r.want, log)
			}
		})
	}
}
