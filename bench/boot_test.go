// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/boot/defaultimage"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/shell"
	"github.com/linuxvfs/linuxvfs/userland"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Boot benchmarks (issue 12, item 8): a boot.Boot from nothing to init's
// first command. There is no kernel side.
//
//   - default/rdinit: the embedded default (`linuxvfs boot` with no
//     arguments) until the kernel hands over to the initramfs's /init:
//     the kernel made, the disk added, the initramfs unpacked.
//   - default/init: the same, then /init run by linuxvfs's shell (proc,
//     sysfs and devtmpfs mounted, the squashfs root mounted, switch_root)
//     until switch_root starts the root's /sbin/init.
//   - ext4-100M: root=/dev/vda on a 100 MB ext4 image made by mke2fs -d
//     (the generated tree, /sbin/init and 48 MB of files), every type
//     probed in turn, until /sbin/init.
//
// Each iteration opens the disk image as the CLI does; the default's
// images are made once, outside the timer (default/images times that).

// bootImages are the default's images, made once.
type bootImages struct {
	root, initrd []byte
	rootPath     string
}

func defaultImages(tb testing.TB) bootImages {
	tb.Helper()
	root, err := defaultimage.Root(userland.Programs())
	mustDo(tb, err)
	p := filepath.Join(tb.TempDir(), "root.img")
	mustDo(tb, os.WriteFile(p, root, 0o600))
	return bootImages{root: root, initrd: defaultimage.Initramfs(), rootPath: p}
}

// bootOnce boots cfg with disk at path and init run by run; it fails tb
// unless init ran and the boot ended with status 0.
func bootOnce(tb testing.TB, path string, cfg boot.Config, run boot.InitRunner) {
	disk, err := boot.OpenDiskImage(path, true)
	mustDo(tb, err)
	defer disk.Close()
	reached := false
	cfg.Disks = []*boot.DiskImage{disk}
	cfg.Input, cfg.Output = strings.NewReader(""), io.Discard
	cfg.Init = func(ctx context.Context, t *vfs.Task, path string, argv, envp []string) (int, error) {
		reached = true
		return run(ctx, t, path, argv, envp)
	}
	code, err := boot.Boot(context.Background(), cfg)
	mustDo(tb, err)
	if !reached || code != 0 {
		tb.Fatalf("boot: init reached %v, status %d", reached, code)
	}
}

// atInit is an init that stops at once: its first command.
func atInit(want string) boot.InitRunner {
	return func(_ context.Context, _ *vfs.Task, path string, _, _ []string) (int, error) {
		if path != want {
			return 1, nil
		}
		return 0, nil
	}
}

// throughInitramfs runs the initramfs's /init with linuxvfs's shell, as
// the CLI does, and stops when switch_root starts /sbin/init: a program of
// that name in the shell's set reads the root's /sbin/init (which must be
// the default's) and ends, the first command of the root's init.
func throughInitramfs(tb testing.TB) boot.InitRunner {
	set := userland.Programs()
	set.Register(func(c *applet.Cmd) int {
		f, err := applet.OpenFile(c.Task, "/sbin/init", 0, 0)
		if err != nil {
			return 1
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil || !strings.Contains(string(data), "default root image") {
			return 1
		}
		return 0
	}, "/sbin/init")
	return func(ctx context.Context, t *vfs.Task, path string, argv, envp []string) (int, error) {
		f, err := applet.OpenFile(t, path, 0, 0)
		if err != nil {
			return 1, err
		}
		script, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return 1, err
		}
		cfg := shell.Config{Task: t, Name: path, Args: argv[1:], Env: envp, Set: set,
			Stdin: &applet.File{Task: t, Fd: 0}, Stdout: &applet.File{Task: t, Fd: 1}, Stderr: &applet.File{Task: t, Fd: 2}}
		return shell.Run(ctx, cfg, string(script))
	}
}

// ext4BootImage makes an ext4 root of size MB: the generated tree with
// /sbin/init, /etc and /dev, and blobs files of 4 MB (12 in the 100 MB
// image of the benchmark).
func ext4BootImage(tb testing.TB, size int64, blobs int) string {
	tb.Helper()
	if _, err := os.Stat(testimage.Mke2fs); err != nil {
		tb.Skip(testimage.ErrNoMke2fs)
	}
	dir := tb.TempDir()
	tree := filepath.Join(dir, "root")
	mustDo(tb, os.Mkdir(tree, 0o755))
	mustDo(tb, writeTree(tree))
	for _, d := range []string{"sbin", "etc", "dev", "data"} {
		mustDo(tb, os.Mkdir(filepath.Join(tree, d), 0o755))
	}
	mustDo(tb, os.WriteFile(filepath.Join(tree, "sbin/init"), []byte("#!/bin/sh\nexit 0\n"), 0o755))
	rnd := rand.NewChaCha8([32]byte{12, 8})
	buf := make([]byte, 4<<20)
	for i := range blobs {
		rnd.Read(buf)
		mustDo(tb, os.WriteFile(filepath.Join(tree, "data", "blob"+string(rune('a'+i))), buf, 0o644))
	}
	data, err := testimage.Ext("ext4", tree, size<<20)
	mustDo(tb, err)
	img := filepath.Join(dir, "root.img")
	mustDo(tb, os.WriteFile(img, data, 0o644))
	return img
}

func BenchmarkBoot(b *testing.B) {
	b.Run("default/images", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			defaultImages(b)
		}
	})
	b.Run("default/rdinit", func(b *testing.B) {
		imgs := defaultImages(b)
		cfg := boot.Config{Cmdline: defaultimage.Cmdline, Initrd: imgs.initrd}
		timeBoots(b, imgs.rootPath, cfg, atInit("/init"))
	})
	b.Run("default/init", func(b *testing.B) {
		imgs := defaultImages(b)
		cfg := boot.Config{Cmdline: defaultimage.Cmdline, Initrd: imgs.initrd}
		timeBoots(b, imgs.rootPath, cfg, throughInitramfs(b))
	})
	b.Run("ext4-100M", func(b *testing.B) {
		img := ext4BootImage(b, 100, 12)
		timeBoots(b, img, boot.Config{Cmdline: "root=/dev/vda"}, atInit("/sbin/init"))
	})
}

// timeBoots boots b.N times, with the CPU time as cpu-ns/op.
func timeBoots(b *testing.B, path string, cfg boot.Config, run boot.InitRunner) {
	b.ReportAllocs()
	c := newCPUTimer(b)
	c.start()
	for range b.N {
		bootOnce(b, path, cfg, run)
	}
	c.stop()
	c.report(0, "")
}

// TestBoot runs each boot of BenchmarkBoot once, untimed: each reaches
// the init it waits for with status 0, or the test fails.
func TestBoot(t *testing.T) {
	imgs := defaultImages(t)
	cfg := boot.Config{Cmdline: defaultimage.Cmdline, Initrd: imgs.initrd}
	bootOnce(t, imgs.rootPath, cfg, atInit("/init"))
	bootOnce(t, imgs.rootPath, cfg, throughInitramfs(t))
	// A smaller image than the benchmark's: the same boot, less to write.
	bootOnce(t, ext4BootImage(t, 16, 1), boot.Config{Cmdline: "root=/dev/vda"}, atInit("/sbin/init"))
}
