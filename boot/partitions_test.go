// SPDX-License-Identifier: Apache-2.0

package boot_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diskfs/go-diskfs/backend/file"
	"github.com/diskfs/go-diskfs/partition/gpt"
	"github.com/linuxvfs/linuxvfs/boot"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
)

// rootImage is a squashfs with a file to find.
func rootImage(t *testing.T) []byte {
	img, err := testimage.Squashfs(map[string]string{"etc/": "", "etc/hostname": "part\n"}, time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// mbrDisk writes an MS-DOS table: the root image in primary 1 (sector
// 2048), an extended partition 2 holding one logical partition (5).
func mbrDisk(t *testing.T) string {
	name := filepath.Join(t.TempDir(), "mbr.img")
	disk := make([]byte, 8<<20)
	put := func(sector []byte, slot int, boot, sys byte, start, n uint32) {
		e := sector[0x1be+16*slot:]
		e[0], e[4] = boot, sys
		binary.LittleEndian.PutUint32(e[8:], start)
		binary.LittleEndian.PutUint32(e[12:], n)
		sector[510], sector[511] = 0x55, 0xaa
	}
	binary.LittleEndian.PutUint32(disk[0x1b8:], 0xcafe0123)
	put(disk[:512], 0, 0x80, 0x83, 2048, 4096)
	put(disk[:512], 1, 0, 0x05, 8192, 4096)
	put(disk[8192*512:], 0, 0, 0x83, 2048, 1024) // logical 5 at 8192+2048
	put(disk[:512], 2, 0, 0x83, 12288, 8192)     // primary 3, past the end
	copy(disk[2048*512:], rootImage(t))
	if err := os.WriteFile(name, disk, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func TestMBRPartitions(t *testing.T) {
	// PARTUUID= matches a prefix in any case (match_dev_by_uuid), the
	// first partition that has one; PARTNROFF= counts from it.
	for _, root := range []string{"/dev/vda1", "PARTUUID=CAFE0123-01", "254:1", "PARTUUID=cafe", "PARTUUID=cafe0123-05/PARTNROFF=-4"} {
		img, err := boot.OpenDiskImage(mbrDisk(t), true)
		if err != nil {
			t.Fatal(err)
		}
		code, log, init := bootWith(t, boot.Config{Cmdline: "root=" + root, Disks: []*boot.DiskImage{img}})
		img.Close()
		for _, want := range []string{" vda: vda1 vda2 < vda5 > vda3\n", "vda: p3 size 8192 extends beyond EOD, truncated\n",
			"VFS: Mounted root (squashfs filesystem) readonly on device 254:1.\n"} {
			if !strings.Contains(log, want) {
				t.Errorf("root=%s: log lacks %q:\n%s", root, want, log)
			}
		}
		if code != 0 || init != "/sbin/init" {
			t.Errorf("root=%s: code %d init %q", root, code, init)
		}
	}
}

func TestGPTPartitions(t *testing.T) {
	name := filepath.Join(t.TempDir(), "gpt.img")
	if err := os.WriteFile(name, make([]byte, 8<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := file.OpenFromPath(name, false)
	if err != nil {
		t.Fatal(err)
	}
	table := &gpt.Table{LogicalSectorSize: 512, PhysicalSectorSize: 512, ProtectiveMBR: true, Partitions: []*gpt.Partition{
		{Index: 1, Start: 2048, End: 6143, Type: gpt.LinuxFilesystem, Name: "root", GUID: "0FC63DAF-8483-4772-8E79-3D69D8477DE4"},
	}}
	w, err := f.Writable()
	if err != nil {
		t.Fatal(err)
	}
	if err := table.Write(w, 8<<20); err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteAt(rootImage(t), 2048*512); err != nil {
		t.Fatal(err)
	}
	f.Close()
	img, err := boot.OpenDiskImage(name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	for _, root := range []string{"PARTUUID=0fc63daf-8483-4772-8e79-3d69d8477de4", "PARTLABEL=root"} {
		code, log, _ := bootWith(t, boot.Config{Cmdline: "root=" + root, Disks: []*boot.DiskImage{img}})
		if code != 0 || !strings.Contains(log, " vda: vda1\n") || !strings.Contains(log, "on device 254:1.\n") {
			t.Fatalf("root=%s: code %d:\n%s", root, code, log)
		}
	}
	// A name no entry has, or an offset to no partition: no device, and
	// no waiting for one with rootwait.
	for _, root := range []string{"PARTLABEL=Root", "PARTUUID=0fc63daf/PARTNROFF=1 rootwait"} {
		code, log, _ := bootWith(t, boot.Config{Cmdline: "root=" + root, Disks: []*boot.DiskImage{img}})
		if code != 255 || !strings.Contains(log, "or unknown-block(0,0): error -6\n") {
			t.Fatalf("root=%s: code %d:\n%s", root, code, log)
		}
	}
}
