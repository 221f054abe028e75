// SPDX-License-Identifier: Apache-2.0

package ext4

import "github.com/linuxvfs/linuxvfs/vfs"

// Ioctl is ext4_ioctl: the label commands (label.go).
func (o fileOps) Ioctl(f *vfs.File, t *vfs.Task, cmd uint32, arg any) (uintptr, error) {
	return o.labelIoctl(f, t, cmd, arg)
}
