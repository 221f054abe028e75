// SPDX-License-Identifier: Apache-2.0

// Package mem is drivers/char/mem.c: the memory character devices of major
// 1 — null, zero, full, random and urandom.
package mem

import (
	"crypto/rand"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Major is MEM_MAJOR.
const Major = 1

// Device is one memory device: its name, minor, file operations and the
// mode of its node.
type Device struct {
	Name  string
	Minor uint32
	Ops   vfs.FileOperations
	Mode  uint32
}

// Devices are the devices of devlist[] that linuxvfs has, in its order;
// kmsg is the kernel log's (vfs.KmsgOps).
var Devices = []Device{
	{"null", 3, null{}, 0o666},
	{"zero", 5, zero{}, 0o666},
	{"full", 7, full{}, 0o666},
	{"random", 8, random{}, 0o666},
	{"urandom", 9, random{}, 0o666},
	{"kmsg", 11, vfs.KmsgOps{}, 0o644},
}

// Register is chr_dev_init: every memory device's driver, and the device
// itself in the "mem" class, its node's mode that of devlist[]
// (mem_devnode).
func Register(k *vfs.Kernel) error {
	k.RegisterChrdevName(Major, 0, "mem")
	for _, d := range Devices {
		if err := k.RegisterCharDevice(Major, d.Minor, d.Ops); err != nil {
			return err
		}
		dev := &vfs.Device{Name: d.Name, Class: "mem", Dev: linux.Mkdev(Major, d.Minor), Mode: d.Mode}
		if err := k.DeviceAdd(dev); err != nil {
			return err
		}
	}
	return nil
}

type notDir struct{}

func (notDir) ReadDir(*vfs.File) ([]vfs.Dirent, error) { return nil, linux.ENOTDIR }

// null is /dev/null: reads end at once, writes vanish.
type null struct{ notDir }

func (null) ReadAt(*vfs.File, []byte, int64) (int, error)        { return 0, nil }
func (null) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) { return len(p), nil }

// zero is /dev/zero: endless zeros, writes vanish.
type zero struct{ notDir }

func (zero) ReadAt(_ *vfs.File, p []byte, _ int64) (int, error) {
	clear(p)
	return len(p), nil
}
func (zero) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) { return len(p), nil }

// full is /dev/full: zeros to read, ENOSPC to write.
type full struct{ notDir }

func (full) ReadAt(f *vfs.File, p []byte, off int64) (int, error) { return zero{}.ReadAt(f, p, off) }
func (full) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return 0, linux.ENOSPC
}

// random is /dev/random and /dev/urandom; writes are accepted as entropy.
type random struct{ notDir }

func (random) ReadAt(_ *vfs.File, p []byte, _ int64) (int, error) {
	_, _ = rand.Read(p)
	return len(p), nil
}
func (random) WriteAt(_ *vfs.File, p []byte, _ int64) (int, error) { return len(p), nil }
