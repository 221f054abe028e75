// SPDX-License-Identifier: Apache-2.0

// Package tty registers the terminal devices every system has, /dev/tty,
// /dev/console and /dev/ptmx (tty_init in drivers/tty/tty_io.c), as
// devices of the model, so that devtmpfs makes their nodes, and drives
// Unix98 ptys (pty.go): opening ptmx makes one in a devpts instance.
// No terminal is behind tty and console: opening one fails with ENXIO,
// as /dev/tty does on Linux for a process without a controlling
// terminal.
package tty

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// TTYAUX_MAJOR is the major number of tty, console and ptmx.
const TTYAUX_MAJOR = 5

// Register adds tty (5:0, mode 0666), console (5:1, 0600) and ptmx
// (5:2, 0666) in the "tty" class, as tty_init does, and the pty driver.
func Register(k *vfs.Kernel) error {
	k.RegisterChrdevName(TTYAUX_MAJOR, 0, "/dev/tty")
	k.RegisterChrdevName(TTYAUX_MAJOR, 1, "/dev/console")
	for _, d := range []vfs.Device{
		{Name: "tty", Dev: linux.Mkdev(TTYAUX_MAJOR, 0), Mode: 0o666},
		{Name: "console", Dev: linux.Mkdev(TTYAUX_MAJOR, 1)},
		{Name: "ptmx", Dev: linux.Mkdev(TTYAUX_MAJOR, 2), Mode: 0o666},
	} {
		d.Class = "tty"
		if err := k.DeviceAdd(&d); err != nil {
			return err
		}
	}
	return registerPtys(k)
}
