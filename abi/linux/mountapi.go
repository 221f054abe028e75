// SPDX-License-Identifier: Apache-2.0

package linux

// listmount(2) and statmount(2) (include/uapi/linux/mount.h, 6.8 and later).

// Sizes of struct mnt_id_req as published.
const (
	MNT_ID_REQ_SIZE_VER0 = 24 // size, spare/mnt_ns_fd, mnt_id, param
	MNT_ID_REQ_SIZE_VER1 = 32 // + mnt_ns_id
)

// LSMT_ROOT asks listmount(2) for every mount below the caller's root (or,
// for another namespace, below its first mount on the namespace's root).
// statmount(2) gives it no meaning: no mount has that ID (ENOENT).
const LSMT_ROOT = 0xffffffffffffffff

// listmount(2) flags.
const LISTMOUNT_REVERSE = 1 << 0 // List later mounts first.

// MNT_UNIQUE_ID_OFFSET is where 64-bit unique mount IDs start (the first
// is MNT_UNIQUE_ID_OFFSET+1), above every mnt_id (those stay below 2^31).
// A request naming an ID at or below it is EINVAL.
const MNT_UNIQUE_ID_OFFSET = 1 << 31

// Offsets in struct mnt_id_req.
const (
	MNT_ID_REQ_OFF_SIZE      = 0
	MNT_ID_REQ_OFF_MNT_NS_FD = 4 // "spare" before 6.18
	MNT_ID_REQ_OFF_MNT_ID    = 8
	MNT_ID_REQ_OFF_PARAM     = 16 // statmount: the mask; listmount: the last ID listed
	MNT_ID_REQ_OFF_MNT_NS_ID = 24
)

// statmount(2) takes no flags in 6.18 (STATMOUNT_BY_FD came later).

// statmount(2) request and result mask bits.
const (
	STATMOUNT_SB_BASIC       = 0x00000001 // sb_dev_*, sb_magic, sb_flags
	STATMOUNT_MNT_BASIC      = 0x00000002 // mnt_id, mnt_parent_id, ..., mnt_attr, propagation
	STATMOUNT_PROPAGATE_FROM = 0x00000004 // propagate_from
	STATMOUNT_MNT_ROOT       = 0x00000008 // [str] mnt_root
	STATMOUNT_MNT_POINT      = 0x00000010 // [str] mnt_point
	STATMOUNT_FS_TYPE        = 0x00000020 // [str] fs_type
	STATMOUNT_MNT_NS_ID      = 0x00000040 // mnt_ns_id
	STATMOUNT_MNT_OPTS       = 0x00000080 // [str] mnt_opts
	STATMOUNT_FS_SUBTYPE     = 0x00000100 // [str] fs_subtype
	STATMOUNT_SB_SOURCE      = 0x00000200 // [str] sb_source
	STATMOUNT_OPT_ARRAY      = 0x00000400 // [str] opt_num, opt_array
	STATMOUNT_OPT_SEC_ARRAY  = 0x00000800 // [str] opt_sec_num, opt_sec_array
	STATMOUNT_SUPPORTED_MASK = 0x00001000 // supported_mask
	STATMOUNT_MNT_UIDMAP     = 0x00002000 // [str] mnt_uidmap_num, mnt_uidmap
	STATMOUNT_MNT_GIDMAP     = 0x00004000 // [str] mnt_gidmap_num, mnt_gidmap

	// STATMOUNT_SUPPORTED is every bit 6.18 knows (its supported_mask).
	STATMOUNT_SUPPORTED = 0x7fff
)

// LISTMOUNT_MAX is the most IDs one listmount(2) call may ask for
// (EOVERFLOW above).
const LISTMOUNT_MAX = 1000000

// Offsets in struct statmount; the fixed part is STATMOUNT_SIZE bytes, the
// strings follow it, and each [str] field is an offset from its end.
const (
	STATMOUNT_OFF_SIZE              = 0
	STATMOUNT_OFF_MNT_OPTS          = 4
	STATMOUNT_OFF_MASK              = 8
	STATMOUNT_OFF_SB_DEV_MAJOR      = 16
	STATMOUNT_OFF_SB_DEV_MINOR      = 20
	STATMOUNT_OFF_SB_MAGIC          = 24
	STATMOUNT_OFF_SB_FLAGS          = 32
	STATMOUNT_OFF_FS_TYPE           = 36
	STATMOUNT_OFF_MNT_ID            = 40
	STATMOUNT_OFF_MNT_PARENT_ID     = 48
	STATMOUNT_OFF_MNT_ID_OLD        = 56
	STATMOUNT_OFF_MNT_PARENT_ID_OLD = 60
	STATMOUNT_OFF_MNT_ATTR          = 64
	STATMOUNT_OFF_MNT_PROPAGATION   = 72
	STATMOUNT_OFF_MNT_PEER_GROUP    = 80
	STATMOUNT_OFF_MNT_MASTER        = 88
	STATMOUNT_OFF_PROPAGATE_FROM    = 96
	STATMOUNT_OFF_MNT_ROOT          = 104
	STATMOUNT_OFF_MNT_POINT         = 108
	STATMOUNT_OFF_MNT_NS_ID         = 112
	STATMOUNT_OFF_FS_SUBTYPE        = 120
	STATMOUNT_OFF_SB_SOURCE         = 124
	STATMOUNT_OFF_OPT_NUM           = 128
	STATMOUNT_OFF_OPT_ARRAY         = 132
	STATMOUNT_OFF_OPT_SEC_NUM       = 136
	STATMOUNT_OFF_OPT_SEC_ARRAY     = 140
	STATMOUNT_OFF_SUPPORTED_MASK    = 144
	STATMOUNT_OFF_MNT_UIDMAP_NUM    = 152
	STATMOUNT_OFF_MNT_UIDMAP        = 156
	STATMOUNT_OFF_MNT_GIDMAP_NUM    = 160
	STATMOUNT_OFF_MNT_GIDMAP        = 164
	STATMOUNT_SIZE                  = 512 // sizeof(struct statmount), __spare2 included
)

// openat2(2): struct open_how and its resolve flags
// (include/uapi/linux/openat2.h).
const (
	OPEN_HOW_SIZE_VER0 = 24 // flags, mode, resolve

	RESOLVE_NO_XDEV       = 0x01 // Block mount-point crossings (includes bind mounts).
	RESOLVE_NO_MAGICLINKS = 0x02 // Block traversal through procfs-style "magic links".
	RESOLVE_NO_SYMLINKS   = 0x04 // Block traversal through all symlinks.
	RESOLVE_BENEATH       = 0x08 // Block "lexical" trickery like "..", symlinks and absolute paths which escape the dirfd.
	RESOLVE_IN_ROOT       = 0x10 // Make all jumps to "/" and ".." be scoped inside the dirfd.
	RESOLVE_CACHED        = 0x20 // Only complete if resolution can be completed through cached lookup.
)

// ANON_INODE_FS_MAGIC is anon_inodefs's statfs f_type.
const ANON_INODE_FS_MAGIC = 0x09041934
