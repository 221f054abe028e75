// SPDX-License-Identifier: Apache-2.0

package main

import (
	"encoding/binary"
	"os"
	"time"

	"github.com/diskfs/go-diskfs/backend/file"
	"github.com/diskfs/go-diskfs/partition/gpt"
	"github.com/linuxvfs/linuxvfs/internal/testimage"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdPartdisk is "partdisk FILE dos|gpt": an 8 MiB disk whose first
// partition (1 MiB in, 3 MiB) holds a squashfs root and whose other
// partitions are empty: for dos a second primary and an extended one
// with a logical partition, for gpt a named second partition. The
// table's identifiers are fixed, so blkid's output is too.
func cmdPartdisk(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: partdisk FILE dos|gpt")
	}
	root, err := testimage.Squashfs(map[string]string{"dev/": "", "proc/": "", "sys/": "",
		"etc/": "", "etc/hostname": "partdisk\n"}, time.Unix(0, 0))
	ts.Check(err)
	name := ts.MkAbs(args[0])
	ts.Check(os.WriteFile(name, make([]byte, 8<<20), 0o644))
	switch args[1] {
	case "dos":
		ts.Check(writeDOSTable(name))
	case "gpt":
		ts.Check(writeGPTTable(name))
	default:
		ts.Fatalf("partdisk: table %q is neither dos nor gpt", args[1])
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	ts.Check(err)
	_, err = f.WriteAt(root, 2048*512)
	ts.Check(err)
	ts.Check(f.Close())
}

// writeDOSTable: 1 and 2 primary, 3 extended holding logical 5.
func writeDOSTable(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	sector := func(at int64, sig uint32, entries [][4]uint32) error {
		b := make([]byte, 512)
		binary.LittleEndian.PutUint32(b[440:], sig)
		for i, e := range entries {
			p := b[0x1be+16*i:]
			p[0], p[4] = byte(e[0]), byte(e[1])
			binary.LittleEndian.PutUint32(p[8:], e[2])
			binary.LittleEndian.PutUint32(p[12:], e[3])
		}
		b[510], b[511] = 0x55, 0xaa
		_, err := f.WriteAt(b, at*512)
		return err
	}
	if err := sector(0, 0x0b1d0001, [][4]uint32{{0x80, 0x83, 2048, 6144}, {0, 0x0c, 8192, 4096}, {0, 0x05, 12288, 4096}}); err != nil {
		return err
	}
	return sector(12288, 0, [][4]uint32{{0, 0x83, 2048, 2048}})
}

func writeGPTTable(name string) error {
	f, err := file.OpenFromPath(name, false)
	if err != nil {
		return err
	}
	defer f.Close()
	table := &gpt.Table{LogicalSectorSize: 512, PhysicalSectorSize: 512, ProtectiveMBR: true,
		GUID: "B1D0B1D0-0000-4000-8000-000000000001",
		Partitions: []*gpt.Partition{
			{Index: 1, Start: 2048, End: 8191, Type: gpt.LinuxFilesystem, Name: "root", GUID: "B1D0B1D0-0000-4000-8000-000000000011"},
			{Index: 2, Start: 8192, End: 12287, Type: gpt.EFISystemPartition, Name: "EFI system", GUID: "B1D0B1D0-0000-4000-8000-000000000012"},
		}}
	w, err := f.Writable()
	if err != nil {
		return err
	}
	return table.Write(w, 8<<20)
}
