// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// The device model, as far as the VFS sees it (drivers/base/core.c): a
// device has a name, a class, a number and the node it asks for. Adding
// one (device_add) makes its node in devtmpfs and its directory in sysfs;
// deleting it (device_del) takes both away. Drivers still register what
// opens a node separately (RegisterCharDevice, AddDisk), as cdev_add and
// add_disk do.

// Device is one device of the model (struct device with what
// device_get_devnode and the uevent need).
type Device struct {
	// Name is the node's path below /dev: "null", "loop0", "input/event0".
	Name string
	// Class is the class it belongs to ("mem", "misc", "block", "tty"),
	// which sysfs shows as /sys/class/<Class>/<last element of Name>.
	Class string
	// Block marks a block device; otherwise it is a character device.
	Block bool
	// Dev is its number (dev_t).
	Dev uint64
	// Mode is the permission bits of its node; 0 is 0600 (devtmpfs's
	// default). UID and GID own it.
	Mode     uint32
	UID, GID uint32
	// Attrs are its own sysfs attributes beyond dev and uevent (a disk's
	// size, ro...), read when opened; a name with a slash is in a
	// subdirectory ("loop/backing_file").
	Attrs []DeviceAttr
	// Parent is the device this one belongs to: a partition's disk,
	// whose sysfs directory holds the partition's (add_partition makes
	// the disk the partition's parent). Nil for a device of its own.
	Parent *Device
	// PartNo is a partition's number (its partn, 0 for a disk), and
	// PartName the name its table gives it (GPT's, the uevent's
	// PARTNAME), if any.
	PartNo   int
	PartName string
}

// DeviceAttr is one sysfs attribute of a device (struct device_attribute):
// its text, computed when read (a show method).
type DeviceAttr struct {
	Name string
	// Show is the text as t reads it: a show method runs in the reader's
	// context, so a path it prints (loop's backing_file) is d_path from
	// the reader's root.
	Show func(t *Task) string
	// Visible, if set, says whether the attribute is there at the moment;
	// nil is always. Loop's "loop/" group exists only while a file is
	// bound (sysfs_create_group at configure, sysfs_remove_group at clear).
	Visible func() bool
}

// NodeMode is the mode of the device's node: type and permission bits.
func (d *Device) NodeMode() uint32 {
	perm := d.Mode & 0o7777
	if perm == 0 {
		perm = 0o600
	}
	if d.Block {
		return linux.S_IFBLK | perm
	}
	return linux.S_IFCHR | perm
}

// DevNodeHandler makes and removes device nodes as devices come and go:
// devtmpfs registers one (devtmpfs_create_node, devtmpfs_delete_node).
// Both return once the node is made or gone.
type DevNodeHandler interface {
	CreateNode(d *Device) error
	DeleteNode(d *Device) error
}

// deviceModel is the kernel's devices by name, and who hears of them.
type deviceModel struct {
	// mu serializes adds and removes with their node work, so that a node
	// never outlives its device nor appears before it.
	mu       sync.Mutex
	byName   map[string]*Device
	handlers []DevNodeHandler
}

// AddDevNodeHandler registers h; devices already added are created in it.
func (k *Kernel) AddDevNodeHandler(h DevNodeHandler) error {
	m := &k.devices
	m.mu.Lock()
	defer m.mu.Unlock()
	m.handlers = append(m.handlers, h)
	for _, d := range m.sortedLocked() {
		if err := h.CreateNode(d); err != nil {
			return err
		}
	}
	return nil
}

// DeviceAdd is device_add: d joins the model, its node is made. EEXIST if
// a device of that name exists, EINVAL for a name no node can have.
func (k *Kernel) DeviceAdd(d *Device) error {
	if !validDevName(d.Name) {
		return linux.EINVAL
	}
	m := &k.devices
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byName[d.Name] != nil {
		return linux.EEXIST
	}
	if m.byName == nil {
		m.byName = make(map[string]*Device)
	}
	m.byName[d.Name] = d
	for _, h := range m.handlers {
		if err := h.CreateNode(d); err != nil {
			// The device exists without its node, as on Linux when
			// devtmpfs_create_node fails (device_add only warns).
			k.Printk("devtmpfs: error creating node " + d.Name + ": " + err.Error())
		}
	}
	return nil
}

// DeviceDel is device_del for the device named name: its node goes.
// ENODEV if there is none.
func (k *Kernel) DeviceDel(name string) error {
	m := &k.devices
	m.mu.Lock()
	defer m.mu.Unlock()
	d := m.byName[name]
	if d == nil {
		return linux.ENODEV
	}
	delete(m.byName, name)
	for _, h := range m.handlers {
		h.DeleteNode(d) // a node already gone or replaced is left alone
	}
	return nil
}

// Devices returns the devices, by name.
func (k *Kernel) Devices() []*Device {
	k.devices.mu.Lock()
	defer k.devices.mu.Unlock()
	return k.devices.sortedLocked()
}

// DeviceByName returns the device named name, or nil.
func (k *Kernel) DeviceByName(name string) *Device {
	k.devices.mu.Lock()
	defer k.devices.mu.Unlock()
	return k.devices.byName[name]
}

func (m *deviceModel) sortedLocked() []*Device {
	out := make([]*Device, 0, len(m.byName))
	for _, d := range m.byName {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Device) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// validDevName: a relative path of non-empty components, none "." or "..".
func validDevName(name string) bool {
	if name == "" || len(name) > linux.PATH_MAX {
		return false
	}
	for _, c := range strings.Split(name, "/") {
		if c == "" || c == "." || c == ".." || len(c) > linux.NAME_MAX {
			return false
		}
	}
	return true
}
