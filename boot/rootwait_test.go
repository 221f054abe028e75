// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TestRootwait: with rootwait the kernel waits for a root device that is
// not there yet, and mounts it once a driver adds it. Only names that may
// yet come (ENODEV: a PARTUUID= or PARTLABEL= not found, an "XpN" name)
// are waited for; a plain disk name that is missing is invalid at once
// (devt_from_devname's EINVAL), and rootwait is off.
func TestRootwait(t *testing.T) {
	img, err := testimage.Squashfs(map[string]string{"etc/": ""}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "late.img")
	padded := make([]byte, 256<<10) // an MS-DOS table, partition 1 from 64 KiB
	e := padded[0x1be:]
	e[4] = 0x83
	binary.LittleEndian.PutUint32(e[8:], 128)
	binary.LittleEndian.PutUint32(e[12:], 384)
	binary.LittleEndian.PutUint32(padded[0x1b8:], 0x1a7e0001)
	padded[510], padded[511] = 0x55, 0xaa
	copy(padded[64<<10:], img)
	if err := os.WriteFile(name, padded, 0o644); err != nil {
		t.Fatal(err)
	}
	disk, err := OpenDiskImage(name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	log := bootLate(t, "root=PARTUUID=1a7e0001-01 rootwait", disk)
	if !strings.Contains(log, "] Waiting for root device PARTUUID=1a7e0001-01...\n") || !strings.Contains(log, "VFS: Mounted root (squashfs filesystem) readonly on device 254:1.\n") {
		t.Fatalf("log:\n%s", log)
	}
	// No disk comes: the name is invalid at once, and nothing waits.
	_, log, _ = bootWithout(t, "root=/dev/vda1 rootwait")
	if !strings.Contains(log, "] Disabling rootwait; root= is invalid.\n") || strings.Contains(log, "Waiting for root device") {
		t.Fatalf("log:\n%s", log)
	}
}

// bootWithout boots cmdline with no disk and no init to run.
func bootWithout(t *testing.T, cmdline string) (int, string, error) {
	var out strings.Builder
	code, err := Boot(context.Background(), Config{Cmdline: cmdline, Output: &out, NoFallback: true,
		Init: func(context.Context, *vfs.Task, string, []string, []string) (int, error) { return 0, nil }})
	return code, out.String(), err
}

// bootLate boots cmdline and adds disk while the kernel looks for its
// root; the log must show a mounted root.
func bootLate(t *testing.T, cmdline string, disk *DiskImage) string {
	t.Helper()
	log, err := bootLateErr(t, cmdline, disk)
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	return log
}

// bootLateErr is bootLate, returning prepare_namespace's error (a panic).
func bootLateErr(t *testing.T, cmdline string, disk *DiskImage) (string, error) {
	t.Helper()
	var out strings.Builder
	b := &booter{ctx: context.Background(), cfg: Config{Cmdline: cmdline, Output: &out}}
	b.params = ParseCmdline(b.cfg.Cmdline)
	if err := b.startKernel(); err != nil {
		t.Fatal(err)
	}
	defer b.halt()
	if err := b.populateRootfs(); err != nil {
		t.Fatal(err)
	}
	added := make(chan error, 1)
	go func() {
		time.Sleep(20 * time.Millisecond) // the kernel is waiting by then, or not yet: both must work
		_, err := addDisk(b.k, 0, disk, b.recordPart)
		added <- err
	}()
	err := b.prepareNamespace()
	if aerr := <-added; aerr != nil {
		t.Fatal(aerr)
	}
	return out.String(), err
}
