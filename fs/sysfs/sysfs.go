// SPDX-License-Identifier: Apache-2.0

// Package sysfs is fs/sysfs over a kernfs-like tree generated from the
// kernel's device model (vfs.Device): /sys/devices/virtual/<class>/<name>
// with dev, uevent, subsystem, power/ and the device's own attributes,
// the links of /sys/class, /sys/block and /sys/dev/{block,char} to it,
// and /sys/fs. Nothing is stored: a directory is listed and a name looked
// up from the devices there are at that moment, so a device added shows at
// once and a removed one is gone (cached dentries are revalidated).
package sysfs

import (
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is SYSFS_MAGIC.
const Magic = 0x62656572

// Type is the "sysfs" filesystem type (sysfs_fs_type).
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "sysfs" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// InitFsContext is sysfs_init_fs_context: sysfs takes no options, so
// every key but "source" is refused ("sysfs: Unknown parameter 'x'").
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = contextOps{}
	// The owner of the mounter's network namespace may mount sysfs.
	fc.UserNS = fc.NetNamespace().Owner()
	return nil
}

type contextOps struct{}

func (contextOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }

// Reconfigure has nothing of its own to change.
func (contextOps) Reconfigure(*vfs.FsContext) error { return nil }

// instance is a kernel's one sysfs superblock.
type instance struct {
	mu sync.Mutex
	sb *vfs.Superblock
}

type instanceKey struct{}

// GetTree is kernfs_get_tree for sysfs: every mount from one network
// namespace shows the same superblock. It is made by the namespace's
// first mount, with that mount's flags, and then kept as long as the
// namespace; Linux frees it with its last mount, so there a later mount
// would get a new device number.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	net := fc.NetNamespace()
	in := net.FsData(instanceKey{}, func() any { return &instance{} }).(*instance)
	in.mu.Lock()
	defer in.mu.Unlock()
	// The initial namespace's superblock exists from boot (sysfs_init's
	// kern_mount): a context that wants a new one never gets one.
	if in.sb != nil || net.IsInitial() {
		if err := fc.MayReuseSuper(); err != nil {
			return err
		}
	}
	if in.sb == nil {
		sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
		if err != nil {
			return err
		}
		newTree(fc.Kernel, sb)
		sb.NoBtime = true       // kernfs keeps no birth time
		sb.GenerateUUID()       // kernfs_get_tree
		sb.UsernsVisible = true // a new sysfs superblock (sysfs_get_tree)
		sb.Activate()
		in.sb = sb
	}
	fc.Root = in.sb.Root()
	return nil
}

type superOps struct{}

// ShowOptions: sysfs has no options of its own.
func (superOps) ShowOptions(*vfs.Superblock, *strings.Builder) {}

// Statfs is kernfs_statfs: simple_statfs with the superblock's UUID as
// f_fsid.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: 4096, Frsize: 4096, Namelen: linux.NAME_MAX, Fsid: vfs.FoldUUID(sb.UUID)}, nil
}
