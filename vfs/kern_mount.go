// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// KernMount is kern_mount: a mount of a new instance of t for the kernel's
// own use (SB_KERNMOUNT, MNT_INTERNAL). It belongs to no namespace, so no
// mountinfo shows it and no path reaches it; its ID comes from the same
// allocator as every other mount's. The kernel holds the one reference
// until KernUnmount.
func (k *Kernel) KernMount(t FilesystemType) (*Mount, error) {
	return k.kernMountWith(t, nil)
}

// KernMountData is the vfs_kern_mount a subsystem keeps for itself with
// options, as devtmpfs_init makes its internal mount ("mode=0755"): an
// internal mount like KernMount's, without SB_KERNMOUNT.
func (k *Kernel) KernMountData(t FilesystemType, data string) (*Mount, error) {
	return k.kernMount(t, 0, data, nil)
}

// kernMountWith is KernMount with setup applied to the filesystem context
// before its superblock is made (mq_create_mount's namespace key).
func (k *Kernel) kernMountWith(t FilesystemType, setup func(*FsContext)) (*Mount, error) {
	return k.kernMount(t, linux.SB_KERNMOUNT, "", setup)
}

func (k *Kernel) kernMount(t FilesystemType, sbFlags uint32, data string, setup func(*FsContext)) (*Mount, error) {
	m, _, err := k.vfsKernMount(t, RootCred(), sbFlags, t.Name(), data, setup)
	if err != nil {
		return nil, err
	}
	m.refs.Store(1)
	k.lockNamespace()
	k.kernMounts = append(k.kernMounts, m)
	k.unlockNamespace()
	return m, nil
}

// registerKernMount registers t and mounts it for the kernel, as the
// initcalls of pipefs and sockfs do.
func (k *Kernel) registerKernMount(t FilesystemType) (*Mount, error) {
	if err := k.RegisterFilesystem(t); err != nil {
		return nil, err
	}
	return k.KernMount(t)
}

// KernUnmount is kern_unmount: the kernel lets go of an internal mount,
// which is released (its ID freed, its superblock dropped) once no open
// file holds it either.
func (k *Kernel) KernUnmount(m *Mount) {
	if m.Flags()&linux.MNT_INTERNAL == 0 {
		panic("vfs: KernUnmount of a mount KernMount did not make")
	}
	k.lockNamespace()
	k.kernMounts = slices.DeleteFunc(k.kernMounts, func(o *Mount) bool { return o == m })
	k.unlockNamespace()
	m.state.set(stateUnmounted)
	m.mntput()
}

// IsInternal reports whether m is a kernel-internal mount (MNT_INTERNAL).
func (m *Mount) IsInternal() bool { return m.Flags()&linux.MNT_INTERNAL != 0 }
