// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Naming the root device: root= in the forms block/early-lookup.c reads
// (early_lookup_bdev), resolved against the devices the kernel has now.
// (UUID= and LABEL= are an initramfs's business: the kernel reads
// neither.)

// rootNFS is Root_NFS, what root=/dev/nfs stands for.
var rootNFS = linux.Mkdev(0, 255)

// maxDevName is the longest device name root=/dev/NAME may give (the
// kernel copies it into a 32-byte buffer).
const maxDevName = 31

// rootForm is which way root= names its device.
type rootForm int

const (
	byNumber   rootForm = iota // "254:0", "254:0:0" or hexadecimal "fe00"
	byName                     // "/dev/vda", "/dev/vda2", "/dev/nvme0n1p2"
	byPartUUID                 // "PARTUUID=uuid[/PARTNROFF=n]"
)

// rootSpec is root= read once; the device it names may appear later.
type rootSpec struct {
	form   rootForm
	text   string // the name, or the partition table UUID
	offset int    // PARTNROFF=
	number uint64 // byNumber's device
}

// parseRootDevice is parse_root_device: the device number root= names now,
// 0 when none does (yet). A root= that can never name one is reported and
// turns rootwait off.
func (b *booter) parseRootDevice(name string) uint64 {
	if name == "/dev/nfs" {
		return rootNFS
	}
	spec, err := b.readRootSpec(name)
	var dev uint64
	if err == nil {
		dev, err = b.resolveRoot(spec)
	}
	if err == linux.EINVAL && b.params.RootWait {
		b.k.Printk(vfs.KernErr + "Disabling rootwait; root= is invalid.")
		b.params.RootWait = false
	}
	return dev
}

// readRootSpec sorts root= into its form, EINVAL for one that is malformed.
func (b *booter) readRootSpec(name string) (rootSpec, error) {
	if rest, ok := strings.CutPrefix(name, "PARTUUID="); ok {
		return b.readPartUUID(rest)
	}
	if rest, ok := strings.CutPrefix(name, "/dev/"); ok {
		if len(rest) > maxDevName {
			return rootSpec{}, linux.EINVAL
		}
		return rootSpec{form: byName, text: strings.ReplaceAll(rest, "/", "!")}, nil
	}
	dev, ok := parseDevNumber(name)
	if !ok {
		return rootSpec{}, linux.EINVAL
	}
	return rootSpec{form: byNumber, number: dev}, nil
}

// readPartUUID reads "uuid" or "uuid/PARTNROFF=n"; anything else is
// reported with the syntax the kernel expects.
func (b *booter) readPartUUID(s string) (rootSpec, error) {
	uuid, suffix, hasSuffix := strings.Cut(s, "/")
	spec := rootSpec{form: byPartUUID, text: strings.ToLower(uuid)}
	ok := uuid != ""
	if hasSuffix {
		n, err := strconv.Atoi(strings.TrimPrefix(suffix, "PARTNROFF="))
		ok = ok && strings.HasPrefix(suffix, "PARTNROFF=") && err == nil
		spec.offset = n
	}
	if !ok {
		b.k.Printk(vfs.KernErr + "VFS: PARTUUID= is invalid.")
		b.k.Printk(vfs.KernErr + "Expected PARTUUID=<valid-uuid-id>[/PARTNROFF=%d]")
		return rootSpec{}, linux.EINVAL
	}
	return spec, nil
}

// parseDevNumber reads "MAJ:MIN", "MAJ:MIN:OFF" (the offset read and
// not used) or a hexadecimal number in new_encode_dev's layout.
func parseDevNumber(s string) (uint64, bool) {
	if strings.Contains(s, ":") {
		f := strings.Split(s, ":")
		if len(f) > 3 {
			return 0, false
		}
		var n [3]uint64
		for i, x := range f {
			v, err := strconv.ParseUint(x, 10, 32)
			if err != nil {
				return 0, false
			}
			n[i] = v
		}
		if len(f) < 2 || n[0] > 0xfff || n[1] > 0xfffff {
			return 0, false
		}
		return linux.Mkdev(uint32(n[0]), uint32(n[1])), true
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, false
	}
	return linux.Mkdev(uint32(v&0xfff00>>8), uint32(v&0xff|v>>12&0xfff00)), true
}

// resolveRoot finds the device spec names among those the kernel has:
// ENODEV while there is none, which rootwait waits out.
func (b *booter) resolveRoot(spec rootSpec) (uint64, error) {
	switch spec.form {
	case byNumber:
		return spec.number, nil
	case byPartUUID:
		return b.partitionAfter(b.partUUIDs[spec.text], spec.offset)
	}
	if d := b.k.DeviceByName(spec.text); d != nil && d.Block {
		return d.Dev, nil
	}
	for _, c := range partitionReadings(spec.text) {
		if dev := b.diskPartition(c.disk, c.part); dev != 0 {
			return dev, nil
		}
	}
	return 0, linux.ENODEV
}

// partitionAfter is the partition offset places after the one at dev on
// the same disk, if it exists (part_devt).
func (b *booter) partitionAfter(dev uint64, offset int) (uint64, error) {
	if dev == 0 {
		return 0, linux.ENODEV
	}
	if offset == 0 {
		return dev, nil
	}
	want := linux.Mkdev(linux.Major(dev), uint32(int(linux.Minor(dev))+offset))
	for _, d := range b.k.Devices() {
		if d.Block && d.Dev == want {
			return want, nil
		}
	}
	return 0, linux.ENODEV
}

// partitionReading is one way to read a name as a disk and a partition
// number.
type partitionReading struct {
	disk string
	part int
}

// partitionReadings are the ways name can be a disk's partition: "vda3"
// is vda's third; "nvme0n1p2" (a disk name ending in a digit takes a "p")
// is nvme0n1's second. A number that starts with 0 is no partition.
func partitionReadings(name string) []partitionReading {
	digits := strings.TrimRight(name, "0123456789")
	num := name[len(digits):]
	if digits == "" || num == "" || num[0] == '0' {
		return nil
	}
	part, err := strconv.Atoi(num)
	if err != nil {
		return nil
	}
	out := []partitionReading{{digits, part}}
	if p := strings.TrimSuffix(digits, "p"); p != digits && p != "" && p[len(p)-1] >= '0' && p[len(p)-1] <= '9' {
		out = append(out, partitionReading{p, part})
	}
	return out
}

// diskPartition is partition part of the disk named disk: by number when
// the disk reserves minors for its partitions (a virtio disk's 16), even
// before the partition is found, else only one that exists.
func (b *booter) diskPartition(disk string, part int) uint64 {
	d := b.k.DeviceByName(disk)
	if d == nil || !d.Block {
		return 0
	}
	if linux.Major(d.Dev) == VirtblkMajor && part < virtblkMinors {
		return d.Dev + uint64(part)
	}
	if p := b.k.DeviceByName(fmt.Sprintf("%sp%d", disk, part)); p != nil && p.Block {
		return p.Dev
	}
	return 0
}
