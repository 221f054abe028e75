// SPDX-License-Identifier: Apache-2.0

// Package loop is drivers/block/loop.c: block devices of major 7 whose
// bytes are those of a file, configured through ioctls on the device and
// on /dev/loop-control (misc 10:237).
package loop

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// MinCount is CONFIG_BLK_DEV_LOOP_MIN_COUNT: the devices made at load.
const MinCount = 8

// Info is struct loop_info64.
type Info struct {
	Device    uint64 // lo_device: the backing file's st_dev
	Inode     uint64 // lo_inode
	Rdevice   uint64 // lo_rdevice
	Offset    uint64 // lo_offset
	SizeLimit uint64 // lo_sizelimit; 0 is the whole file
	Number    uint32 // lo_number: the device's index
	Flags     uint32 // LO_FLAGS_*
	FileName  string // lo_file_name, at most LO_NAME_SIZE-1 bytes
}

// Config is struct loop_config for LOOP_CONFIGURE.
type Config struct {
	Fd        int
	BlockSize uint32
	Info      Info
}

// Driver is the loop driver of one kernel: its devices by index.
type Driver struct {
	k  *vfs.Kernel
	mu sync.Mutex // loop_ctl_mutex
	// devsMu guards which slice devs is (add replaces it with a grown
	// copy); it is taken last, after any other lock.
	devsMu sync.RWMutex
	devs   []*Device
	// chainMu is loop_validate_mutex: held while a device is bound to
	// another loop device, so that chains are checked one at a time.
	// It comes before any device's lock.
	chainMu sync.Mutex
	// diskseq is the block layer's disk sequence (inc_diskseq); loop
	// disks are the only disks here.
	diskseq atomic.Uint64
}

// nextDiskseq is inc_diskseq.
func (d *Driver) nextDiskseq() uint64 { return d.diskseq.Add(1) }

type driverKey struct{}

// Register is loop_init: the control device and MinCount devices, each a
// disk of major 7.
func Register(k *vfs.Kernel) (*Driver, error) {
	d := &Driver{k: k}
	if got := k.FsData(driverKey{}, func() any { return d }); got != d {
		return nil, linux.EBUSY
	}
	// loop-control is a misc device; misc_init names the misc major at
	// boot, and the loop device is the model's only one.
	k.RegisterChrdevName(linux.MISC_MAJOR, 0, "misc")
	k.RegisterBlkdevName(linux.LOOP_MAJOR, "loop")
	k.RegisterMiscName(linux.LOOP_CTRL_MINOR, "loop-control")
	if err := k.RegisterCharDevice(linux.MISC_MAJOR, linux.LOOP_CTRL_MINOR, control{d}); err != nil {
		return nil, err
	}
	ctl := &vfs.Device{Name: "loop-control", Class: "misc", Dev: linux.Mkdev(linux.MISC_MAJOR, linux.LOOP_CTRL_MINOR)}
	if err := k.DeviceAdd(ctl); err != nil {
		return nil, err
	}
	for i := 0; i < MinCount; i++ {
		if _, err := d.add(i); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// add is loop_add: device number i, or the first unused when i < 0.
func (d *Driver) add(i int) (*Device, error) {
	devs := d.snapshot()
	if i < 0 {
		i = len(devs)
	}
	if i < len(devs) && devs[i] != nil {
		return nil, linux.EEXIST
	}
	dev := &Device{d: d, index: i}
	dev.diskseq.Store(d.nextDiskseq())
	if err := d.k.AddDisk(dev.Dev(), dev); err != nil {
		return nil, err
	}
	// add_disk's device_add: the node (0600, root) and the sysfs entry.
	if err := d.k.DeviceAdd(&vfs.Device{Name: dev.Name(), Class: "block", Block: true, Dev: dev.Dev(), Attrs: dev.sysfsAttrs()}); err != nil {
		return nil, err
	}
	d.devsMu.Lock()
	grown := append([]*Device(nil), d.devs...) // readers keep the old slice
	for len(grown) <= i {
		grown = append(grown, nil)
	}
	grown[i] = dev
	d.devs = grown
	d.devsMu.Unlock()
	return dev, nil
}

// device is the device of index i, or nil.
func (d *Driver) device(i int) *Device {
	devs := d.snapshot()
	if i < 0 || i >= len(devs) {
		return nil
	}
	return devs[i]
}

// snapshot is the devices as they are now; a slice once published is
// never written again.
func (d *Driver) snapshot() []*Device {
	d.devsMu.RLock()
	defer d.devsMu.RUnlock()
	return d.devs
}

// getFree is loop_control_get_free: the first unbound device, made if
// every one is bound.
func (d *Driver) getFree() (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, dev := range d.snapshot() {
		if dev != nil && !dev.Bound() {
			return dev.index, nil
		}
	}
	dev, err := d.add(-1)
	if err != nil {
		return 0, err
	}
	return dev.index, nil
}

// control is /dev/loop-control's file operations (loop_ctl_fops).
type control struct{ d *Driver }

func (control) ReadAt(*vfs.File, []byte, int64) (int, error)  { return 0, linux.EINVAL }
func (control) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EINVAL }
func (control) ReadDir(*vfs.File) ([]vfs.Dirent, error)       { return nil, linux.ENOTDIR }

// Ioctl is loop_control_ioctl.
func (c control) Ioctl(_ *vfs.File, t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	switch cmd {
	case linux.LOOP_CTL_GET_FREE:
		i, err := c.d.getFree()
		return uintptr(i), err
	case linux.LOOP_CTL_ADD:
		i, ok := arg.(int)
		if !ok {
			return 0, linux.EINVAL
		}
		c.d.mu.Lock()
		defer c.d.mu.Unlock()
		dev, err := c.d.add(i)
		if err != nil {
			return 0, err
		}
		return uintptr(dev.index), nil
	}
	return 0, linux.ENOTTY
}

// Name is the disk name, "loopN".
func (dev *Device) Name() string { return fmt.Sprintf("loop%d", dev.index) }
