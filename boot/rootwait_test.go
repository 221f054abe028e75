// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// TestRootwait: with rootwait the kernel waits for a root device that is
// not there yet, and mounts it once a driver adds it.
func TestRootwait(t *testing.T) {
	img, err := testimage.Squashfs(map[string]string{"etc/": ""}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "late.img")
	padded := make([]byte, 64<<10) // a disk as mksquashfs pads its images
	copy(padded, img)
	if err := os.WriteFile(name, padded, 0o644); err != nil {
		t.Fatal(err)
	}
	disk, err := OpenDiskImage(name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	var out strings.Builder
	b := &booter{ctx: context.Background(), cfg: Config{Cmdline: "root=/dev/vda rootwait", Output: &out}}
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
		_, err := addDisk(b.k, 0, disk, map[string]uint64{})
		added <- err
	}()
	if err := b.prepareNamespace(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if err := <-added; err != nil {
		t.Fatal(err)
	}
	log := out.String()
	if !strings.Contains(log, "] Waiting for root device /dev/vda...\n") || !strings.Contains(log, "VFS: Mounted root (squashfs filesystem) readonly on device 254:0.\n") {
		t.Fatalf("log:\n%s", log)
	}
}
