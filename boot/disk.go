// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// VirtblkMajor is the block major virtio_blk gets (a dynamic one: 254 on
// this machine, as on most).
const VirtblkMajor = 254

// virtblkMinors is how many minors one virtio disk takes (the disk and its
// partitions): 16, so vdb is 254:16.
const virtblkMinors = 16

// DiskImage is a host file seen as a virtio block device (/dev/vda,
// /dev/vdb, ...): the image's bytes, read-only if asked.
type DiskImage struct {
	f        *os.File
	size     int64
	readOnly bool
	name     string // vda, ... once added
}

// OpenDiskImage opens a host image for a disk; readOnly opens it so.
func OpenDiskImage(name string, readOnly bool) (*DiskImage, error) {
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(name, flag, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	// A last partial sector reads as zeros after the file's end, as QEMU
	// rounds a raw image up.
	return &DiskImage{f: f, size: (st.Size() + 511) &^ 511, readOnly: readOnly}, nil
}

// ReadAt reads the image; past the file's end, zeros.
func (d *DiskImage) ReadAt(p []byte, off int64) (int, error) {
	if rest := d.size - off; int64(len(p)) > rest {
		if rest <= 0 {
			return 0, io.EOF
		}
		p = p[:rest]
	}
	n, err := d.f.ReadAt(p, off)
	if err == io.EOF {
		clear(p[n:])
		n, err = len(p), nil
	}
	return n, err
}

// WriteAt writes the image; EROFS on a read-only disk.
func (d *DiskImage) WriteAt(p []byte, off int64) (int, error) {
	if d.readOnly {
		return 0, linux.EROFS
	}
	return d.f.WriteAt(p, off)
}

// Flush makes the writes durable in the host file (a virtio flush
// request, which QEMU answers with fdatasync).
func (d *DiskImage) Flush() error {
	if d.readOnly {
		return nil
	}
	return d.f.Sync()
}

// Size is the disk's size in bytes, whole 512-byte sectors.
func (d *DiskImage) Size() int64 { return d.size }

// ReadOnly reports whether the disk is read-only.
func (d *DiskImage) ReadOnly() bool { return d.readOnly }

// Name is the disk's name in the kernel (%pg: "vda"), which filesystems
// put in their messages.
func (d *DiskImage) Name() string { return d.name }

// Close closes the host file.
func (d *DiskImage) Close() error { return d.f.Close() }

// diskName is the name of the n-th virtio disk: vda, vdb, ... vdz, vdaa
// (sd_format_disk_name's scheme, which virtio_blk uses).
func diskName(n int) string {
	name := ""
	for n++; n > 0; n = (n - 1) / 26 {
		name = string(rune('a'+(n-1)%26)) + name
	}
	return "vd" + name
}

// addDisk is virtblk_probe's device_add_disk for the n-th disk: the block
// device, and its node through the device model, then its partitions.
func addDisk(k *vfs.Kernel, n int, d *DiskImage, record func(partInfo)) (string, error) {
	name := diskName(n)
	d.name = name
	dev := linux.Mkdev(VirtblkMajor, uint32(n*virtblkMinors))
	k.RegisterBlkdevName(VirtblkMajor, "virtblk") // virtblk_init's register_blkdev
	if err := k.AddDisk(dev, d); err != nil {
		return "", err
	}
	disk := &vfs.Device{Name: name, Class: "block", Block: true, Dev: dev, Attrs: d.sysfsAttrs()}
	if err := k.DeviceAdd(disk); err != nil {
		return "", err
	}
	k.Printk(vfs.KernNotice + fmt.Sprintf("virtio_blk virtio%d: [%s] %d 512-byte logical blocks (%s)", n, name, d.Size()/512, humanSize(d.Size())))
	return name, addPartitions(k, n, disk, d, record)
}

// humanSize is string_get_size's two forms as virtio_blk prints them
// ("1.05 MB/1.00 MiB").
func humanSize(n int64) string {
	return fmt.Sprintf("%s/%s", unitSize(n, 1000, []string{"B", "kB", "MB", "GB", "TB"}), unitSize(n, 1024, []string{"B", "KiB", "MiB", "GiB", "TiB"}))
}

func unitSize(n int64, base float64, units []string) string {
	v := float64(n)
	i := 0
	for v >= base && i < len(units)-1 {
		v /= base
		i++
	}
	switch {
	case i == 0:
		return fmt.Sprintf("%d %s", n, units[0])
	case v < 10:
		return fmt.Sprintf("%.2f %s", v, units[i])
	case v < 100:
		return fmt.Sprintf("%.1f %s", v, units[i])
	}
	return fmt.Sprintf("%.0f %s", v, units[i])
}

// sysfsAttrs are the disk's attributes in /sys/block/vdX that lsblk and
// losetup read (a virtio disk: 16 minors, not removable).
func (d *DiskImage) sysfsAttrs() []vfs.DeviceAttr {
	line := func(s string) func(*vfs.Task) string { return func(*vfs.Task) string { return s + "\n" } }
	ro := "0"
	if d.readOnly {
		ro = "1"
	}
	return []vfs.DeviceAttr{
		{Name: "size", Show: line(strconv.FormatInt(d.size/512, 10))},
		{Name: "ro", Show: line(ro)},
		{Name: "removable", Show: line("0")},
		{Name: "range", Show: line(strconv.Itoa(virtblkMinors))},
		{Name: "ext_range", Show: line(strconv.Itoa(virtblkMinors))},
		{Name: "hidden", Show: line("0")},
		{Name: "queue/logical_block_size", Show: line("512")},
		{Name: "queue/physical_block_size", Show: line("512")},
		{Name: "queue/rotational", Show: line("1")},
	}
}
