// SPDX-License-Identifier: Apache-2.0

//go:build !linux

// Package hostfs passes a host directory into the virtual system; it
// needs Linux's openat2 and is unavailable elsewhere.
package hostfs

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is HOSTFS_SUPER_MAGIC.
const Magic = 0x00c0ffee

// Register fails: hostfs needs Linux.
func Register(k *vfs.Kernel, dirs ...string) error {
	return errors.New("hostfs: host directories need Linux")
}
