// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"strconv"
	"strings"
)

// The properties lsblk takes from udev's database (file system type,
// label, UUID, partition table and entry), as util-linux 2.38 built
// with libudev reads them: /run/udev/data/b<major>:<minor>, the "E:"
// lines. libudev finds every device through sysfs whether udev ever ran
// or not, so where the database has no file for a device, lsblk shows
// these columns empty and does not probe the device itself (the build
// without libudev would); this machine's lsblk does the same.

// udevProps are a device's udev properties, read once.
func (d *blkDev) udevProps() map[string]string {
	if d.props != nil {
		return d.props
	}
	d.props = map[string]string{}
	data, err := readFile(d.t, "/run/udev/data/b"+strconv.Itoa(int(d.maj))+":"+strconv.Itoa(int(d.min)))
	if err != nil && len(data) == 0 {
		return d.props
	}
	for _, line := range strings.Split(string(data), "\n") {
		if kv, ok := strings.CutPrefix(line, "E:"); ok {
			if k, v, ok := strings.Cut(kv, "="); ok {
				d.props[k] = v
			}
		}
	}
	return d.props
}

// udevProp is a column from one property; mangled ones (the *_ENC
// forms) are decoded.
func udevProp(name string, mangled bool) func(*lsblkRun, *blkDev) string {
	return func(_ *lsblkRun, d *blkDev) string {
		v := d.udevProps()[name]
		if mangled {
			v = unhexmangle(v)
		}
		return v
	}
}

// wwnCell is the WWN with its extension, else the plain one.
func wwnCell(_ *lsblkRun, d *blkDev) string {
	if v := d.udevProps()["ID_WWN_WITH_EXTENSION"]; v != "" {
		return v
	}
	return d.udevProps()["ID_WWN"]
}

// unhexmangle decodes \xNN escapes.
func unhexmangle(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if n, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mbrTypeNames name the MS-DOS partition types lsblk knows, the common
// ones (PARTTYPENAME shows nothing for the others here).
var mbrTypeNames = map[uint64]string{
	0x00: "Empty", 0x01: "FAT12", 0x04: "FAT16 <32M", 0x05: "Extended", 0x06: "FAT16",
	0x07: "HPFS/NTFS/exFAT", 0x0b: "W95 FAT32", 0x0c: "W95 FAT32 (LBA)", 0x0e: "W95 FAT16 (LBA)",
	0x0f: "W95 Ext'd (LBA)", 0x11: "Hidden FAT12", 0x14: "Hidden FAT16 <32M", 0x16: "Hidden FAT16",
	0x17: "Hidden HPFS/NTFS", 0x1b: "Hidden W95 FAT32", 0x1c: "Hidden W95 FAT32 (LBA)",
	0x1e: "Hidden W95 FAT16 (LBA)", 0x27: "Hidden NTFS WinRE", 0x41: "PPC PReP Boot",
	0x81: "Minix / old Linux", 0x82: "Linux swap / Solaris", 0x83: "Linux", 0x85: "Linux extended",
	0x86: "NTFS volume set", 0x87: "NTFS volume set", 0x88: "Linux plaintext", 0x8e: "Linux LVM",
	0xa5: "FreeBSD", 0xa6: "OpenBSD", 0xa9: "NetBSD", 0xaf: "HFS / HFS+", 0xda: "Non-FS data",
	0xea: "Linux extended boot", 0xee: "GPT", 0xef: "EFI (FAT-12/16/32)", 0xfb: "VMware VMFS",
	0xfc: "VMware VMKCORE", 0xfd: "Linux raid autodetect",
}

// gptTypeNames name the common GPT partition types, by GUID.
var gptTypeNames = map[string]string{
	"c12a7328-f81f-11d2-ba4b-00a0c93ec93b": "EFI System",
	"21686148-6449-6e6f-744e-656564454649": "BIOS boot",
	"e3c9e316-0b5c-4db8-817d-f92df00215ae": "Microsoft reserved",
	"ebd0a0a2-b9e5-4433-87c0-68b6b72699c7": "Microsoft basic data",
	"0657fd6d-a4ab-43c4-84e5-0933c84b4f4f": "Linux swap",
	"0fc63daf-8483-4772-8e79-3d69d8477de4": "Linux filesystem",
	"3b8f8425-20e0-4f3b-907f-1a25a76f98e8": "Linux server data",
	"4f68bce3-e8cd-4db1-96e7-fbcaf984b709": "Linux root (x86-64)",
	"8da63339-0007-60c0-c436-083ac8230908": "Linux reserved",
	"933ac7e1-2eb4-4f13-b844-0e14e2aef915": "Linux home",
	"a19d880f-05fc-4d3b-a006-743f0f84911e": "Linux RAID",
	"e6d6d379-f507-44c2-a23c-238f2a3df928": "Linux LVM",
	"8484680c-9521-48c6-9c11-b0720656f69e": "Linux /usr (x86-64)",
	"bc13c2ff-59e6-4262-a352-b275fd6f7172": "Linux extended boot",
}

// partTypeNameCell names the entry's type as the device's table type
// reads it: a hexadecimal code for dos (or mbr), a GUID for gpt.
func partTypeNameCell(_ *lsblkRun, d *blkDev) string {
	code, pttype := d.udevProps()["ID_PART_ENTRY_TYPE"], d.udevProps()["ID_PART_TABLE_TYPE"]
	if code == "" || pttype == "" {
		return ""
	}
	switch pttype {
	case "dos", "mbr":
		n, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(code, "0x"), "0X"), 16, 32)
		if err != nil {
			return ""
		}
		return mbrTypeNames[n]
	case "gpt":
		return gptTypeNames[strings.ToLower(code)]
	}
	return ""
}
