// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// charDevs is the character device table (cdev_map): file operations by
// device number.
type charDevs struct {
	mu     sync.RWMutex
	devs   map[uint64]FileOperations
	majors map[uint32]FileOperations // whole majors (RegisterCharMajor)
}

// RegisterCharDevice is register_chrdev_region + cdev_add for one device
// number: opening a character special file with that number uses ops.
func (k *Kernel) RegisterCharDevice(major, minor uint32, ops FileOperations) error {
	k.chardevs.mu.Lock()
	defer k.chardevs.mu.Unlock()
	dev := linux.Mkdev(major, minor)
	if k.chardevs.devs == nil {
		k.chardevs.devs = make(map[uint64]FileOperations)
	}
	if _, ok := k.chardevs.devs[dev]; ok {
		return linux.EBUSY
	}
	k.chardevs.devs[dev] = ops
	return nil
}

func (k *Kernel) charDevice(dev uint64) FileOperations {
	k.chardevs.mu.RLock()
	defer k.chardevs.mu.RUnlock()
	if ops, ok := k.chardevs.devs[dev]; ok {
		return ops
	}
	return k.chardevs.majors[linux.Major(dev)]
}

// RegisterCharMajor is __register_chrdev over a whole major: every minor
// of major opens with ops, unless a single number has its own driver
// (the pty slaves, 136:*, are one driver for a million minors).
func (k *Kernel) RegisterCharMajor(major uint32, ops FileOperations) error {
	k.chardevs.mu.Lock()
	defer k.chardevs.mu.Unlock()
	if k.chardevs.majors == nil {
		k.chardevs.majors = make(map[uint32]FileOperations)
	}
	if _, ok := k.chardevs.majors[major]; ok {
		return linux.EBUSY
	}
	k.chardevs.majors[major] = ops
	return nil
}
