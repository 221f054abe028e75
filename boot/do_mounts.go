// SPDX-License-Identifier: Apache-2.0

package boot

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Mounting the root filesystem when no initramfs init takes over
// (init/do_mounts.c).

// stRdonly is statfs's ST_RDONLY.
const stRdonly = 1

// panicError is a kernel panic: the boot stops with its message.
type panicError struct{ msg string }

func (p *panicError) Error() string { return "Kernel panic - not syncing: " + p.msg }

func kernelPanic(format string, a ...any) error {
	return &panicError{msg: fmt.Sprintf(format, a...)}
}

// prepareNamespace is prepare_namespace: find the root device (waiting
// for it with rootwait), mount it on /root, devtmpfs on its /dev, and make
// it the root: moved onto / and chrooted into.
func (b *booter) prepareNamespace() error {
	p := b.params
	if p.RootDelay > 0 {
		b.k.Printk(vfs.KernInfo + fmt.Sprintf("Waiting %d sec before mounting root device...", p.RootDelay))
		time.Sleep(time.Duration(p.RootDelay) * time.Second)
	}
	dev := b.parseRootDevice(p.Root)
	if dev == 0 && b.params.RootWait && p.Root != "" {
		b.k.Printk(vfs.KernInfo + "Waiting for root device " + p.Root + "...")
		for dev == 0 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
			time.Sleep(5 * time.Millisecond)
			dev = b.parseRootDevice(p.Root)
		}
	}
	if err := b.mountRoot(p.Root, dev); err != nil {
		return err
	}
	if p.DevtmpfsMount {
		b.devtmpfsMount()
	}
	// The kernel does not look at the move's result: with no root
	// mounted (an NFS root that failed) "." is rootfs itself, which
	// cannot move (EINVAL), and init is then looked for on rootfs.
	_ = b.init.Mount(".", "/", "", linux.MS_MOVE, "")
	return b.init.Chroot(".")
}

// mountRoot is mount_root: with no device but a rootfstype= list, a
// filesystem that needs none (mount_nodev_root: root=none
// rootfstype=tmpfs); else the block-device path (mount_block_root): make
// /dev/root for the device and mount it, trying every type.
func (b *booter) mountRoot(pretty string, dev uint64) error {
	if dev == rootNFS {
		return b.mountNFSRoot()
	}
	if dev == 0 && pretty != "" && len(b.params.RootFSType) > 0 && b.mountNodevRoot(pretty) {
		return nil
	}
	t := b.init
	t.Unlink("/dev/root")
	if err := t.Mknodat(linux.AT_FDCWD, "/dev/root", linux.S_IFBLK|0o600, dev); err != nil {
		b.k.Printk(vfs.KernEmerg + fmt.Sprintf("Failed to create /dev/root: %d", -int(errnoOf(err))))
	}
	return b.mountRootGeneric("/dev/root", pretty, dev)
}

// mountRootGeneric is mount_root_generic: the types are tried read-write
// (unless ro), then all again read-only; a type refusing the device
// (EINVAL, EACCES) passes on to the next, any other error ends the boot.
func (b *booter) mountRootGeneric(name, pretty string, dev uint64) error {
	types := b.fsNames()
	flags := uint64(linux.MS_SILENT)
	if !b.params.ReadWrite {
		flags |= linux.MS_RDONLY
	}
	bdev := fmt.Sprintf("unknown-block(%d,%d)", linux.Major(dev), linux.Minor(dev))
	for _, f := range []uint64{flags, flags | linux.MS_RDONLY} {
		if f != flags && flags&linux.MS_RDONLY != 0 {
			break // already read-only: no second round
		}
		mounted, fatal := b.tryTypes(name, types, f)
		if mounted {
			return nil
		}
		if fatal != nil {
			return b.reportOpenFailure(pretty, bdev, types, fatal)
		}
	}
	return b.reportNoFilesystem(pretty, bdev, types)
}

// tryTypes mounts name on /root with each type in turn: mounted when one
// takes it, fatal for an error other than a type's refusal.
func (b *booter) tryTypes(name string, types []string, flags uint64) (mounted bool, fatal error) {
	for _, fs := range types {
		err := b.doMountRoot(name, fs, flags)
		switch {
		case err == nil:
			return true, nil
		case !errors.Is(err, linux.EACCES) && !errors.Is(err, linux.EINVAL):
			return false, err
		}
	}
	return false, nil
}

// reportOpenFailure is the kernel's report when the device itself could
// not be used: the error, the partitions there are, the types it knows.
func (b *booter) reportOpenFailure(pretty, bdev string, types []string, err error) error {
	b.k.Printk(fmt.Sprintf("VFS: Cannot open root device \"%s\" or %s: error %d", pretty, bdev, -int(errnoOf(err))))
	b.k.Printk("Please append a correct \"root=\" boot option; here are the available partitions:")
	b.printAllPartitions()
	b.k.Printk("List of all bdev filesystems:")
	b.k.Printk(" " + strings.Join(types, " "))
	b.k.Printk("")
	return kernelPanic("VFS: Unable to mount root fs on %s", bdev)
}

// reportNoFilesystem is the kernel's report when every type refused the
// device.
func (b *booter) reportNoFilesystem(pretty, bdev string, types []string) error {
	b.k.Printk("List of all partitions:")
	b.printAllPartitions()
	b.k.Printk("No filesystem could mount root, tried:  " + strings.Join(types, " "))
	return kernelPanic("VFS: Unable to mount root fs on \"%s\" or %s", pretty, bdev)
}

// mountNodevRoot is mount_nodev_root: each rootfstype= type that needs no
// device, with root='s name as the source.
func (b *booter) mountNodevRoot(name string) bool {
	flags := uint64(linux.MS_SILENT)
	if !b.params.ReadWrite {
		flags |= linux.MS_RDONLY
	}
	for _, fs := range b.params.RootFSType {
		ty, err := b.k.GetFsType(fs)
		if err != nil || ty.Flags()&vfs.FS_REQUIRES_DEV != 0 {
			continue
		}
		if b.doMountRoot(name, fs, flags) == nil {
			return true
		}
	}
	return false
}

// doMountRoot is do_mount_root: mount name on /root with type fs, go
// there, and say what was mounted.
func (b *booter) doMountRoot(name, fs string, flags uint64) error {
	t := b.init
	if err := t.Mount(name, "/root", fs, flags, b.params.RootFlags); err != nil {
		return err
	}
	if err := t.Chdir("/root"); err != nil {
		return err
	}
	st, err := t.Statfs(".")
	ro := ""
	if err == nil && st.Flags&stRdonly != 0 {
		ro = " readonly"
	}
	var x vfs.Statx
	t.Statx(linux.AT_FDCWD, ".", 0, &x)
	b.k.Printk(vfs.KernInfo + fmt.Sprintf("VFS: Mounted root (%s filesystem)%s on device %d:%d.", fs, ro, x.DevMajor, x.DevMinor))
	return nil
}

// fsNames is get_fs_names: rootfstype='s list, or every registered type
// that needs a block device, in /proc/filesystems order.
func (b *booter) fsNames() []string {
	if len(b.params.RootFSType) > 0 {
		return b.params.RootFSType
	}
	var out []string
	for _, line := range strings.Split(b.k.Filesystems(), "\n") {
		if line != "" && !strings.HasPrefix(line, "nodev") {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// printAllPartitions is printk_all_partitions: each disk with a size and
// its driver, its partitions indented with their PARTUUIDs:
//
//	fe00            5120 vda
//	 driver: virtio_blk
//	  fe01            1024 vda1 cafe0123-01
func (b *booter) printAllPartitions() {
	for _, d := range b.k.Devices() {
		size := b.k.DiskSize(d.Dev)
		if !d.Block || size <= 0 {
			continue
		}
		maj, min := linux.Major(d.Dev), linux.Minor(d.Dev)
		num := fmt.Sprintf("%02x%02x", maj, min)
		if maj > 0xff || min > 0xff {
			num = fmt.Sprintf("%03x:%05x", maj, min)
		}
		uuid, isPart := b.partUUIDOf(d.Dev)
		indent := ""
		if isPart {
			indent = "  "
		}
		b.k.Printk(fmt.Sprintf("%s%-9s %10d %s %s", indent, num, size/1024, d.Name, uuid))
		if !isPart {
			b.k.Printk(" driver: " + driverOf(d))
		}
	}
}

// partUUIDOf is the PARTUUID of the partition at dev; isPart is false for
// a whole disk.
func (b *booter) partUUIDOf(dev uint64) (uuid string, isPart bool) {
	for u, d := range b.partUUIDs {
		if d == dev {
			return u, true
		}
	}
	return "", linux.Major(dev) == VirtblkMajor && linux.Minor(dev)%virtblkMinors != 0
}

// driverOf names the driver behind a disk as the partition list does.
func driverOf(d *vfs.Device) string {
	if linux.Major(d.Dev) == VirtblkMajor {
		return "virtio_blk"
	}
	return "(driver?)"
}

// devtmpfsMount is devtmpfs_mount: devtmpfs on the new root's dev.
func (b *booter) devtmpfsMount() {
	if err := b.init.Mount("devtmpfs", "dev", "devtmpfs", linux.MS_SILENT, ""); err != nil {
		b.k.Printk(vfs.KernInfo + fmt.Sprintf("devtmpfs: error mounting %d", -int(errnoOf(err))))
		return
	}
	b.k.Printk(vfs.KernInfo + "devtmpfs: mounted")
}

// errnoOf is the errno behind err, EIO for anything else.
func errnoOf(err error) linux.Errno {
	var e linux.Errno
	if errors.As(err, &e) {
		return e
	}
	return linux.EIO
}

// mountNFSRoot is mount_nfs_root on a machine with no network: no server
// address was configured (ip=), so no NFS root; the boot goes on with
// rootfs's empty /root, where init will not be found.
func (b *booter) mountNFSRoot() error {
	b.k.Printk(vfs.KernErr + "Root-NFS: no NFS server address")
	b.k.Printk(vfs.KernErr + "VFS: Unable to mount root fs via NFS.")
	return nil
}
