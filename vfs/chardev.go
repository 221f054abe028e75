// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// charDevs is the character device table (cdev_map): file operations by
// device number.
type charDevs struct {
	mu   sync.RWMutex
	devs map[uint64]FileOperations
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
	return k.chardevs.devs[dev]
}
