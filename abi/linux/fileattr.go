// SPDX-License-Identifier: Apache-2.0

package linux

// Inode flags and the ioctls that read and change them
// (include/uapi/linux/fs.h): FS_IOC_GETFLAGS's FS_*_FL bits, the
// FS_IOC_FSGETXATTR structure and its FS_XFLAG_* bits. Values for x86_64.
const (
	FS_IOC_GETFLAGS    = 0x80086601
	FS_IOC_SETFLAGS    = 0x40086602
	FS_IOC_GETVERSION  = 0x80087601
	FS_IOC_SETVERSION  = 0x40087602
	FS_IOC_FSGETXATTR  = 0x801c581f
	FS_IOC_FSSETXATTR  = 0x401c5820
	FS_IOC32_GETFLAGS  = 0x80046601
	FS_IOC32_SETFLAGS  = 0x40046602
	FS_SECRM_FL        = 0x00000001
	FS_UNRM_FL         = 0x00000002
	FS_COMPR_FL        = 0x00000004
	FS_SYNC_FL         = 0x00000008
	FS_IMMUTABLE_FL    = 0x00000010
	FS_APPEND_FL       = 0x00000020
	FS_NODUMP_FL       = 0x00000040
	FS_NOATIME_FL      = 0x00000080
	FS_DIRTY_FL        = 0x00000100
	FS_COMPRBLK_FL     = 0x00000200
	FS_NOCOMP_FL       = 0x00000400
	FS_ENCRYPT_FL      = 0x00000800
	FS_INDEX_FL        = 0x00001000
	FS_IMAGIC_FL       = 0x00002000
	FS_JOURNAL_DATA_FL = 0x00004000
	FS_NOTAIL_FL       = 0x00008000
	FS_DIRSYNC_FL      = 0x00010000
	FS_TOPDIR_FL       = 0x00020000
	FS_HUGE_FILE_FL    = 0x00040000
	FS_EXTENT_FL       = 0x00080000
	FS_VERITY_FL       = 0x00100000
	FS_EA_INODE_FL     = 0x00200000
	FS_EOFBLOCKS_FL    = 0x00400000
	FS_NOCOW_FL        = 0x00800000
	FS_DAX_FL          = 0x02000000
	FS_INLINE_DATA_FL  = 0x10000000
	FS_PROJINHERIT_FL  = 0x20000000
	FS_CASEFOLD_FL     = 0x40000000
	FS_RESERVED_FL     = 0x80000000

	// FS_FL_USER_VISIBLE and FS_FL_USER_MODIFIABLE are the flags a
	// filesystem without its own masks shows and lets be changed.
	FS_FL_USER_VISIBLE    = 0x0003DFFF
	FS_FL_USER_MODIFIABLE = 0x000380FF

	FS_XFLAG_REALTIME     = 0x00000001
	FS_XFLAG_PREALLOC     = 0x00000002
	FS_XFLAG_IMMUTABLE    = 0x00000008
	FS_XFLAG_APPEND       = 0x00000010
	FS_XFLAG_SYNC         = 0x00000020
	FS_XFLAG_NOATIME      = 0x00000040
	FS_XFLAG_NODUMP       = 0x00000080
	FS_XFLAG_RTINHERIT    = 0x00000100
	FS_XFLAG_PROJINHERIT  = 0x00000200
	FS_XFLAG_NOSYMLINKS   = 0x00000400
	FS_XFLAG_EXTSIZE      = 0x00000800
	FS_XFLAG_EXTSZINHERIT = 0x00001000
	FS_XFLAG_NODEFRAG     = 0x00002000
	FS_XFLAG_FILESTREAM   = 0x00004000
	FS_XFLAG_DAX          = 0x00008000
	FS_XFLAG_COWEXTSIZE   = 0x00010000
	FS_XFLAG_HASATTR      = 0x80000000
)

// Fsxattr is struct fsxattr, FS_IOC_FSGETXATTR's and FS_IOC_FSSETXATTR's
// argument.
type Fsxattr struct {
	Xflags     uint32
	Extsize    uint32
	Nextents   uint32
	Projid     uint32
	Cowextsize uint32
	Pad        [8]byte
}

// FileAttr is struct file_attr, the argument of file_getattr(2) and
// file_setattr(2) (Linux 6.17); FILE_ATTR_SIZE_VER0 is its first size.
type FileAttr struct {
	Xflags     uint64
	Extsize    uint32
	Nextents   uint32
	Projid     uint32
	Cowextsize uint32
}

const FILE_ATTR_SIZE_VER0 = 24
