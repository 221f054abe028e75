// SPDX-License-Identifier: Apache-2.0

package linux

// mount(2) flags, from include/uapi/linux/mount.h.
const (
	MS_RDONLY      = 1       // Mount read-only.
	MS_NOSUID      = 2       // Ignore suid and sgid bits.
	MS_NODEV       = 4       // Disallow access to device special files.
	MS_NOEXEC      = 8       // Disallow program execution.
	MS_SYNCHRONOUS = 16      // Writes are synced at once.
	MS_REMOUNT     = 32      // Alter flags of a mounted file system.
	MS_MANDLOCK    = 64      // Allow mandatory locks on a file system.
	MS_DIRSYNC     = 128     // Directory modifications are synchronous.
	MS_NOSYMFOLLOW = 256     // Do not follow symlinks.
	MS_NOATIME     = 1024    // Do not update access times.
	MS_NODIRATIME  = 2048    // Do not update directory access times.
	MS_BIND        = 4096    // Bind mount.
	MS_MOVE        = 8192    // Move a mount.
	MS_REC         = 16384   // Apply recursively.
	MS_VERBOSE     = 32768   // Deprecated; same as MS_SILENT.
	MS_SILENT      = 32768   // Suppress some kernel messages.
	MS_POSIXACL    = 1 << 16 // VFS does not apply the umask.
	MS_UNBINDABLE  = 1 << 17 // Change to unbindable.
	MS_PRIVATE     = 1 << 18 // Change to private.
	MS_SLAVE       = 1 << 19 // Change to slave.
	MS_SHARED      = 1 << 20 // Change to shared.
	MS_RELATIME    = 1 << 21 // Update atime relative to mtime/ctime.
	MS_KERNMOUNT   = 1 << 22 // This is a kern_mount call.
	MS_I_VERSION   = 1 << 23 // Update inode i_version field.
	MS_STRICTATIME = 1 << 24 // Always perform atime updates.
	MS_LAZYTIME    = 1 << 25 // Update the on-disk [acm]times lazily.

	// Super block flags internal to the kernel.
	MS_SUBMOUNT     = 1 << 26
	MS_NOREMOTELOCK = 1 << 27
	MS_NOSEC        = 1 << 28
	MS_BORN         = 1 << 29
	MS_ACTIVE       = 1 << 30
	MS_NOUSER       = 1 << 31

	// MS_RMT_MASK is the set of super block flags MS_REMOUNT may change.
	MS_RMT_MASK = MS_RDONLY | MS_SYNCHRONOUS | MS_MANDLOCK | MS_I_VERSION | MS_LAZYTIME

	// Old magic mount flag and mask.
	MS_MGC_VAL = 0xC0ED0000
	MS_MGC_MSK = 0xffff0000
)

// umount2(2) flags, from include/linux/fs.h.
//
// MNT_FORCE, MNT_DETACH and MNT_EXPIRE share the MNT_ prefix with the
// per-mount flags below but not their names; note that their values overlap
// (MNT_FORCE == MNT_NOSUID == 1), so never mix the two sets in one word.
const (
	MNT_FORCE       = 0x00000001 // Attempt to forcibly umount.
	MNT_DETACH      = 0x00000002 // Just detach from the tree.
	MNT_EXPIRE      = 0x00000004 // Mark for expiry.
	UMOUNT_NOFOLLOW = 0x00000008 // Don't follow symlink on umount.
	UMOUNT_UNUSED   = 0x80000000 // Flag guaranteed to be unused.
)

// open_tree(2) flags.
const (
	OPEN_TREE_CLONE   = 1         // Clone the target tree and attach the clone.
	OPEN_TREE_CLOEXEC = O_CLOEXEC // Close the file on execve().
)

// move_mount(2) flags.
const (
	MOVE_MOUNT_F_SYMLINKS   = 0x00000001 // Follow symlinks on from path.
	MOVE_MOUNT_F_AUTOMOUNTS = 0x00000002 // Follow automounts on from path.
	MOVE_MOUNT_F_EMPTY_PATH = 0x00000004 // Empty from path permitted.
	MOVE_MOUNT_T_SYMLINKS   = 0x00000010 // Follow symlinks on to path.
	MOVE_MOUNT_T_AUTOMOUNTS = 0x00000020 // Follow automounts on to path.
	MOVE_MOUNT_T_EMPTY_PATH = 0x00000040 // Empty to path permitted.
	MOVE_MOUNT_SET_GROUP    = 0x00000100 // Set sharing group instead.
	MOVE_MOUNT_BENEATH      = 0x00000200 // Mount beneath top mount.
	MOVE_MOUNT__MASK        = 0x00000377
)

// fsopen(2) flags.
const (
	FSOPEN_CLOEXEC = 0x00000001
)

// fspick(2) flags.
const (
	FSPICK_CLOEXEC          = 0x00000001
	FSPICK_SYMLINK_NOFOLLOW = 0x00000002
	FSPICK_NO_AUTOMOUNT     = 0x00000004
	FSPICK_EMPTY_PATH       = 0x00000008
)

// fsconfig(2) commands (enum fsconfig_command).
const (
	FSCONFIG_SET_FLAG        = 0 // Set parameter, supplying no value.
	FSCONFIG_SET_STRING      = 1 // Set parameter, supplying a string value.
	FSCONFIG_SET_BINARY      = 2 // Set parameter, supplying a binary blob value.
	FSCONFIG_SET_PATH        = 3 // Set parameter, supplying an object by path.
	FSCONFIG_SET_PATH_EMPTY  = 4 // Set parameter, supplying an object by (empty) path.
	FSCONFIG_SET_FD          = 5 // Set parameter, supplying an object by fd.
	FSCONFIG_CMD_CREATE      = 6 // Create new or reuse existing super block.
	FSCONFIG_CMD_RECONFIGURE = 7 // Invoke super block reconfiguration.
	FSCONFIG_CMD_CREATE_EXCL = 8 // Create new super block, fail if reusing an existing one.
)

// fsmount(2) flags.
const (
	FSMOUNT_CLOEXEC = 0x00000001
)

// Mount attributes, for fsmount(2) and mount_setattr(2).
const (
	MOUNT_ATTR_RDONLY      = 0x00000001 // Mount read-only.
	MOUNT_ATTR_NOSUID      = 0x00000002 // Ignore suid and sgid bits.
	MOUNT_ATTR_NODEV       = 0x00000004 // Disallow access to device special files.
	MOUNT_ATTR_NOEXEC      = 0x00000008 // Disallow program execution.
	MOUNT_ATTR__ATIME      = 0x00000070 // Setting on how atime should be updated.
	MOUNT_ATTR_RELATIME    = 0x00000000 // - Update atime relative to mtime/ctime.
	MOUNT_ATTR_NOATIME     = 0x00000010 // - Do not update access times.
	MOUNT_ATTR_STRICTATIME = 0x00000020 // - Always perform atime updates.
	MOUNT_ATTR_NODIRATIME  = 0x00000080 // Do not update directory access times.
	MOUNT_ATTR_IDMAP       = 0x00100000 // Idmap mount to userns_fd in struct mount_attr.
	MOUNT_ATTR_NOSYMFOLLOW = 0x00200000 // Do not follow symlinks.

	// MOUNT_ATTR_SIZE_VER0 is the size of the first published struct mount_attr.
	MOUNT_ATTR_SIZE_VER0 = 32
)

// AT_RECURSIVE applies open_tree(2) and mount_setattr(2) to the whole
// subtree (include/uapi/linux/fcntl.h).
const AT_RECURSIVE = 0x8000

// Super block flags (sb->s_flags), from include/linux/fs.h. They mirror the
// MS_* flags of the same name where both exist.
const (
	SB_RDONLY      = 1 << 0  // Mount read-only.
	SB_NOSUID      = 1 << 1  // Ignore suid and sgid bits.
	SB_NODEV       = 1 << 2  // Disallow access to device special files.
	SB_NOEXEC      = 1 << 3  // Disallow program execution.
	SB_SYNCHRONOUS = 1 << 4  // Writes are synced at once.
	SB_MANDLOCK    = 1 << 6  // Allow mandatory locks on a file system.
	SB_DIRSYNC     = 1 << 7  // Directory modifications are synchronous.
	SB_NOATIME     = 1 << 10 // Do not update access times.
	SB_NODIRATIME  = 1 << 11 // Do not update directory access times.
	SB_SILENT      = 1 << 15
	SB_POSIXACL    = 1 << 16 // Supports POSIX ACLs.
	SB_INLINECRYPT = 1 << 17 // Use blk-crypto for encrypted files.
	SB_KERNMOUNT   = 1 << 22 // This is a kern_mount call.
	SB_I_VERSION   = 1 << 23 // Update inode i_version field.
	SB_LAZYTIME    = 1 << 25 // Update the on-disk [acm]times lazily.

	// Flags internal to the kernel.
	SB_DEAD     = 1 << 21
	SB_DYING    = 1 << 24
	SB_SUBMOUNT = 1 << 26 // Removed in recent kernels; the bit is kept reserved here.
	SB_FORCE    = 1 << 27
	SB_NOSEC    = 1 << 28
	SB_BORN     = 1 << 29
	SB_ACTIVE   = 1 << 30
	SB_NOUSER   = 1 << 31
)

// Per-mount flags (vfsmount.mnt_flags), from include/linux/mount.h. These are
// kernel-internal; user space sees MS_* and MOUNT_ATTR_* instead. None of the
// names clashes with the umount2(2) flags MNT_FORCE, MNT_DETACH and
// MNT_EXPIRE, but the values do overlap.
const (
	MNT_NOSUID      = 0x01
	MNT_NODEV       = 0x02
	MNT_NOEXEC      = 0x04
	MNT_NOATIME     = 0x08
	MNT_NODIRATIME  = 0x10
	MNT_RELATIME    = 0x20
	MNT_READONLY    = 0x40 // Does the user want this to be r/o?
	MNT_NOSYMFOLLOW = 0x80

	MNT_SHRINKABLE = 0x100
	MNT_WRITE_HOLD = 0x200

	MNT_SHARED     = 0x1000 // The vfsmount is a shared mount.
	MNT_UNBINDABLE = 0x2000 // The vfsmount is an unbindable mount.

	MNT_INTERNAL = 0x4000

	MNT_LOCK_ATIME    = 0x040000
	MNT_LOCK_NOEXEC   = 0x080000
	MNT_LOCK_NOSUID   = 0x100000
	MNT_LOCK_NODEV    = 0x200000
	MNT_LOCK_READONLY = 0x400000
	MNT_LOCKED        = 0x800000
	MNT_DOOMED        = 0x1000000
	MNT_SYNC_UMOUNT   = 0x2000000
	MNT_MARKED        = 0x4000000
	MNT_UMOUNT        = 0x8000000

	// MNT_SHARED_MASK is the set of flags cleared when a mount becomes shared.
	MNT_SHARED_MASK = MNT_UNBINDABLE
	// MNT_USER_SETTABLE_MASK is the set of flags user space may set.
	MNT_USER_SETTABLE_MASK = MNT_NOSUID | MNT_NODEV | MNT_NOEXEC |
		MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME |
		MNT_READONLY | MNT_NOSYMFOLLOW
	MNT_ATIME_MASK     = MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME
	MNT_INTERNAL_FLAGS = MNT_SHARED | MNT_WRITE_HOLD | MNT_INTERNAL |
		MNT_DOOMED | MNT_SYNC_UMOUNT | MNT_MARKED
)
