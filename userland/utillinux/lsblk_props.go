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

// partTypeNames are the names lsblk gives common partition types
// (PARTTYPENAME), by table type and type code or GUID.
var partTypeNames = map[string]string{
	"dos:0x1": "FAT12", "dos:0x4": "FAT16 <32M", "dos:0x5": "Extended", "dos:0x6": "FAT16",
	"dos:0x7": "HPFS/NTFS/exFAT", "dos:0xb": "W95 FAT32", "dos:0xc": "W95 FAT32 (LBA)",
	"dos:0xe": "W95 FAT16 (LBA)", "dos:0xf": "W95 Ext'd (LBA)", "dos:0x82": "Linux swap / Solaris",
	"dos:0x83": "Linux", "dos:0x85": "Linux extended", "dos:0x8e": "Linux LVM",
	"dos:0xef": "EFI (FAT-12/16/32)", "dos:0xfd": "Linux raid autodetect",
	"gpt:0fc63daf-8483-4772-8e79-3d69d8477de4": "Linux filesystem",
	"gpt:c12a7328-f81f-11d2-ba4b-00a0c93ec93b": "EFI System",
	"gpt:0657fd6d-a4ab-43c4-84e5-0933c84b4f4f": "Linux swap",
	"gpt:21686148-6449-6e6f-744e-656564454649": "BIOS boot",
	"gpt:e6d6d379-f507-44c2-a23c-238f2a3df928": "Linux LVM",
	"gpt:a19d880f-05fc-4d3b-a006-743f0f84911e": "Linux RAID",
	"gpt:4f68bce3-e8cd-4db1-96e7-fbcaf984b709": "Linux root (x86-64)",
	"gpt:933ac7e1-2eb4-4f13-b844-0e14e2aef915": "Linux home",
	"gpt:ebd0a0a2-b9e5-4433-87c0-68b6b72699c7": "Microsoft basic data",
}

// partTypeNameCell names the partition's type in its parent's table.
func partTypeNameCell(_ *lsblkRun, d *blkDev) string {
	typ := d.udevProps()["ID_PART_ENTRY_TYPE"]
	if typ == "" || d.parent == nil {
		return ""
	}
	scheme := d.udevProps()["ID_PART_ENTRY_SCHEME"]
	if name, ok := partTypeNames[scheme+":"+strings.ToLower(typ)]; ok {
		return name
	}
	return typ
}
