// SPDX-License-Identifier: Apache-2.0

package linux

// open(2) flags, x86_64 values (include/uapi/asm-generic/fcntl.h), in octal
// as the kernel writes them.
const (
	O_ACCMODE   = 0o3
	O_RDONLY    = 0o0
	O_WRONLY    = 0o1
	O_RDWR      = 0o2
	O_CREAT     = 0o100
	O_EXCL      = 0o200
	O_NOCTTY    = 0o400
	O_TRUNC     = 0o1000
	O_APPEND    = 0o2000
	O_NONBLOCK  = 0o4000
	O_NDELAY    = O_NONBLOCK
	O_DSYNC     = 0o10000
	FASYNC      = 0o20000
	O_ASYNC     = FASYNC
	O_DIRECT    = 0o40000
	O_LARGEFILE = 0o100000 // The kernel's value; glibc defines it as 0 on 64-bit targets.
	O_DIRECTORY = 0o200000
	O_NOFOLLOW  = 0o400000
	O_NOATIME   = 0o1000000
	O_CLOEXEC   = 0o2000000
	__O_SYNC    = 0o4000000
	O_SYNC      = __O_SYNC | O_DSYNC
	O_RSYNC     = O_SYNC
	O_PATH      = 0o10000000
	__O_TMPFILE = 0o20000000
	O_TMPFILE   = __O_TMPFILE | O_DIRECTORY
)

// *at(2) flags, from include/uapi/linux/fcntl.h.
const (
	// AT_FDCWD makes *at(2) calls resolve relative paths from the current
	// working directory.
	AT_FDCWD int = -100

	AT_SYMLINK_NOFOLLOW = 0x100  // Do not follow symbolic links.
	AT_EACCESS          = 0x200  // faccessat: test access with effective IDs.
	AT_REMOVEDIR        = 0x200  // unlinkat: remove a directory.
	AT_SYMLINK_FOLLOW   = 0x400  // Follow symbolic links.
	AT_NO_AUTOMOUNT     = 0x800  // Suppress terminal automount traversal.
	AT_EMPTY_PATH       = 0x1000 // Allow an empty relative path name.

	AT_STATX_SYNC_TYPE    = 0x6000 // Type of synchronisation required from statx().
	AT_STATX_SYNC_AS_STAT = 0x0000 // Do whatever stat() does.
	AT_STATX_FORCE_SYNC   = 0x2000 // Force the attributes to be synced with the server.
	AT_STATX_DONT_SYNC    = 0x4000 // Don't sync attributes with the server.
)

// File mode bits, from include/uapi/linux/stat.h.
const (
	S_IFMT   = 0o170000
	S_IFSOCK = 0o140000
	S_IFLNK  = 0o120000
	S_IFREG  = 0o100000
	S_IFBLK  = 0o060000
	S_IFDIR  = 0o040000
	S_IFCHR  = 0o020000
	S_IFIFO  = 0o010000
	S_ISUID  = 0o004000
	S_ISGID  = 0o002000
	S_ISVTX  = 0o001000

	S_IRWXU = 0o0700
	S_IRUSR = 0o0400
	S_IWUSR = 0o0200
	S_IXUSR = 0o0100
	S_IRWXG = 0o0070
	S_IRGRP = 0o0040
	S_IWGRP = 0o0020
	S_IXGRP = 0o0010
	S_IRWXO = 0o0007
	S_IROTH = 0o0004
	S_IWOTH = 0o0002
	S_IXOTH = 0o0001
)

// renameat2(2) flags.
const (
	RENAME_NOREPLACE = 1 << 0 // Don't overwrite target.
	RENAME_EXCHANGE  = 1 << 1 // Exchange source and dest.
	RENAME_WHITEOUT  = 1 << 2 // Whiteout source.
)

// access(2) modes.
const (
	F_OK = 0
	X_OK = 1
	W_OK = 2
	R_OK = 4
)

// lseek(2) whence values.
const (
	SEEK_SET  = 0
	SEEK_CUR  = 1
	SEEK_END  = 2
	SEEK_DATA = 3
	SEEK_HOLE = 4
	SEEK_MAX  = SEEK_HOLE
)

// fallocate(2) modes (FALLOC_FL_*): KEEP_SIZE is a flag, the others are
// modes of their own (ALLOCATE_RANGE is 0).
const (
	FALLOC_FL_ALLOCATE_RANGE = 0x00
	FALLOC_FL_KEEP_SIZE      = 0x01
	FALLOC_FL_PUNCH_HOLE     = 0x02
	FALLOC_FL_COLLAPSE_RANGE = 0x08
	FALLOC_FL_ZERO_RANGE     = 0x10
	FALLOC_FL_INSERT_RANGE   = 0x20
	FALLOC_FL_UNSHARE_RANGE  = 0x40
	FALLOC_FL_WRITE_ZEROES   = 0x80
	FALLOC_FL_MODE_MASK      = FALLOC_FL_ALLOCATE_RANGE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE |
		FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_WRITE_ZEROES
)

// Special tv_nsec values for utimensat(2).
const (
	UTIME_NOW  = (1 << 30) - 1
	UTIME_OMIT = (1 << 30) - 2
)

// Limits.
const (
	NAME_MAX    = 255  // Bytes in a file name component.
	PATH_MAX    = 4096 // Bytes in a path name, including the terminating NUL.
	MAXSYMLINKS = 40   // Symbolic links followed in one path walk.
)

// Directory entry types (d_type), from include/linux/fs_types.h.
const (
	DT_UNKNOWN = 0
	DT_FIFO    = 1
	DT_CHR     = 2
	DT_DIR     = 4
	DT_BLK     = 6
	DT_REG     = 8
	DT_LNK     = 10
	DT_SOCK    = 12
	DT_WHT     = 14
)

// DirentType returns the d_type for a file mode, as the kernel's
// fs_umode_to_dtype does: the S_IFMT bits shifted down by 12. A mode without
// a valid file type gives DT_UNKNOWN for 0, and the shifted bits otherwise.
func DirentType(mode uint32) uint8 {
	return uint8((mode & S_IFMT) >> 12)
}

// statx(2) mask bits, from include/uapi/linux/stat.h.
const (
	STATX_TYPE           = 0x00000001 // Want/got stx_mode & S_IFMT.
	STATX_MODE           = 0x00000002 // Want/got stx_mode & ^S_IFMT.
	STATX_NLINK          = 0x00000004 // Want/got stx_nlink.
	STATX_UID            = 0x00000008 // Want/got stx_uid.
	STATX_GID            = 0x00000010 // Want/got stx_gid.
	STATX_ATIME          = 0x00000020 // Want/got stx_atime.
	STATX_MTIME          = 0x00000040 // Want/got stx_mtime.
	STATX_CTIME          = 0x00000080 // Want/got stx_ctime.
	STATX_INO            = 0x00000100 // Want/got stx_ino.
	STATX_SIZE           = 0x00000200 // Want/got stx_size.
	STATX_BLOCKS         = 0x00000400 // Want/got stx_blocks.
	STATX_BASIC_STATS    = 0x000007ff // The stuff in the normal stat struct.
	STATX_BTIME          = 0x00000800 // Want/got stx_btime.
	STATX_MNT_ID         = 0x00001000 // Got stx_mnt_id.
	STATX_DIOALIGN       = 0x00002000 // Want/got direct I/O alignment info.
	STATX_MNT_ID_UNIQUE  = 0x00004000 // Want/got extended stx_mount_id.
	STATX_SUBVOL         = 0x00008000 // Want/got stx_subvol.
	STATX_WRITE_ATOMIC   = 0x00010000 // Want/got atomic write limits.
	STATX_DIO_READ_ALIGN = 0x00020000 // Want/got direct I/O read alignment info.
	STATX__RESERVED      = 0x80000000 // Reserved for future struct statx expansion.
	STATX_ALL            = 0x00000fff // Deprecated: use STATX_BASIC_STATS | STATX_BTIME.
)

// statx(2) stx_attributes bits.
const (
	STATX_ATTR_COMPRESSED   = 0x00000004 // File is compressed by the fs.
	STATX_ATTR_IMMUTABLE    = 0x00000010 // File is marked immutable.
	STATX_ATTR_APPEND       = 0x00000020 // File is append-only.
	STATX_ATTR_NODUMP       = 0x00000040 // File is not to be dumped.
	STATX_ATTR_ENCRYPTED    = 0x00000800 // File requires key to decrypt in fs.
	STATX_ATTR_AUTOMOUNT    = 0x00001000 // Dir: automount trigger.
	STATX_ATTR_MOUNT_ROOT   = 0x00002000 // Root of a mount.
	STATX_ATTR_VERITY       = 0x00100000 // Verity protected file.
	STATX_ATTR_DAX          = 0x00200000 // File is currently in DAX state.
	STATX_ATTR_WRITE_ATOMIC = 0x00400000 // File supports atomic write operations.
)

// Mkdev returns the device number for major and minor in the kernel's
// userspace (new_encode_dev) encoding, the same as glibc's makedev(3).
func Mkdev(major, minor uint32) uint64 {
	return uint64(major&0x00000fff)<<8 |
		uint64(major&0xfffff000)<<32 |
		uint64(minor&0x000000ff) |
		uint64(minor&0xffffff00)<<12
}

// Major returns the major part of a device number, as glibc's major(3).
func Major(dev uint64) uint32 {
	return uint32((dev>>8)&0x00000fff) | uint32((dev>>32)&0xfffff000)
}

// Minor returns the minor part of a device number, as glibc's minor(3).
func Minor(dev uint64) uint32 {
	return uint32(dev&0x000000ff) | uint32((dev>>12)&0xffffff00)
}

// fcntl(2) commands (include/uapi/asm-generic/fcntl.h,
// include/uapi/linux/fcntl.h).
const (
	F_DUPFD               = 0
	F_GETFD               = 1
	F_SETFD               = 2
	F_GETFL               = 3
	F_SETFL               = 4
	F_LINUX_SPECIFIC_BASE = 1024
	F_DUPFD_CLOEXEC       = F_LINUX_SPECIFIC_BASE + 6
	F_SETPIPE_SZ          = F_LINUX_SPECIFIC_BASE + 7
	F_GETPIPE_SZ          = F_LINUX_SPECIFIC_BASE + 8

	FD_CLOEXEC = 1
)

// Pipes (include/uapi/linux/limits.h, the pipe_* sysctls).
const (
	PIPE_BUF = 4096 // writes up to this size are atomic

	// PipeDefaultSize is a new pipe's capacity (PIPE_DEF_BUFFERS pages).
	PipeDefaultSize = 16 * 4096
	// PipeMaxSizeDefault is /proc/sys/fs/pipe-max-size's default.
	PipeMaxSizeDefault = 1 << 20
)

// FIONREAD is the ioctl for the bytes waiting to be read (asm-generic/ioctls.h).
const FIONREAD = 0x541B

// PIPEFS_MAGIC is pipefs's statfs f_type.
const PIPEFS_MAGIC = 0x50495045

// Sockets: the one family modelled, types and flags of socket(2) and
// socketpair(2), shutdown(2)'s how (include/linux/socket.h, net.h).
const (
	AF_UNIX = 1

	SOCK_STREAM    = 1
	SOCK_DGRAM     = 2
	SOCK_RAW       = 3
	SOCK_SEQPACKET = 5
	SOCK_NONBLOCK  = O_NONBLOCK
	SOCK_CLOEXEC   = O_CLOEXEC
	SOCK_TYPE_MASK = 0xf

	SHUT_RD   = 0
	SHUT_WR   = 1
	SHUT_RDWR = 2

	SOCKFS_MAGIC = 0x534F434B
)

// AF_UNSPEC, given to connect(2), dissolves a datagram socket's
// association.
const AF_UNSPEC = 0

// Flags of send(2) and recv(2) and the msg_flags recvmsg(2) returns
// (include/linux/socket.h).
const (
	MSG_OOB          = 0x1
	MSG_PEEK         = 0x2
	MSG_CTRUNC       = 0x8
	MSG_TRUNC        = 0x20
	MSG_DONTWAIT     = 0x40
	MSG_EOR          = 0x80
	MSG_WAITALL      = 0x100
	MSG_NOSIGNAL     = 0x4000
	MSG_CMSG_CLOEXEC = 0x40000000
)

// SCM_MAX_FD is how many descriptors one SCM_RIGHTS message may carry
// (include/net/scm.h); SOMAXCONN caps listen(2)'s backlog
// (net.core.somaxconn's default); UNIX_MAX_DGRAM_QLEN is
// net.unix.max_dgram_qlen's default.
const (
	SCM_MAX_FD          = 253
	SOMAXCONN           = 4096
	UNIX_MAX_DGRAM_QLEN = 10
)

// memfd_create(2) flags and the file seals of fcntl(2) (F_ADD_SEALS,
// F_GET_SEALS).
const (
	MFD_CLOEXEC       = 0x1
	MFD_ALLOW_SEALING = 0x2
	MFD_HUGETLB       = 0x4
	MFD_NOEXEC_SEAL   = 0x8
	MFD_EXEC          = 0x10

	F_ADD_SEALS = F_LINUX_SPECIFIC_BASE + 9
	F_GET_SEALS = F_LINUX_SPECIFIC_BASE + 10

	F_SEAL_SEAL         = 0x1
	F_SEAL_SHRINK       = 0x2
	F_SEAL_GROW         = 0x4
	F_SEAL_WRITE        = 0x8
	F_SEAL_FUTURE_WRITE = 0x10
	F_SEAL_EXEC         = 0x20

	// MFD_NAME_MAX is the longest memfd name: NAME_MAX less "memfd:".
	MFD_NAME_MAX = NAME_MAX - 6
)

// statfs f_type of the in-memory filesystems an initramfs can be.
const (
	TMPFS_MAGIC = 0x01021994
	RAMFS_MAGIC = 0x858458f6
)

// flock(2) operations (include/uapi/asm-generic/fcntl.h).
const (
	LOCK_SH = 1
	LOCK_EX = 2
	LOCK_NB = 4
	LOCK_UN = 8
)

// Extended attributes (include/uapi/linux/xattr.h, limits.h).
const (
	XATTR_CREATE   = 0x1 // set value, fail if attr already exists
	XATTR_REPLACE  = 0x2 // set value, fail if attr does not exist
	XATTR_NAME_MAX = 255
	XATTR_SIZE_MAX = 65536
	XATTR_LIST_MAX = 65536
)

// The filesystem label ioctls (include/uapi/linux/fs.h): the label as a
// NUL-terminated string in an FSLABEL_MAX-byte buffer.
const (
	FSLABEL_MAX       = 256
	FS_IOC_GETFSLABEL = 0x81009431 // _IOR(0x94, 49, char[FSLABEL_MAX])
	FS_IOC_SETFSLABEL = 0x41009432 // _IOW(0x94, 50, char[FSLABEL_MAX])
)
