// SPDX-License-Identifier: Apache-2.0

//go:build linux

package linux

import (
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// These tests compare this package's numbers with golang.org/x/sys/unix on
// the machine running them. The package's values are x86_64 ones, so the
// comparison is only meaningful on amd64 (and, for most constants, on the
// other architectures that use the generic numbers).

func skipUnlessAMD64(t *testing.T) {
	t.Helper()
	if !isAMD64 {
		t.Skip("values are x86_64; skipping comparison on another GOARCH")
	}
}

type constPair struct {
	name        string
	ours, unixV int64
}

func checkPairs(t *testing.T, pairs []constPair) {
	t.Helper()
	for _, p := range pairs {
		if p.ours != p.unixV {
			t.Errorf("%s = %#x, unix has %#x", p.name, p.ours, p.unixV)
		}
	}
}

func TestErrnoNumbersMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"EPERM", int64(EPERM), int64(unix.EPERM)},
		{"ENOENT", int64(ENOENT), int64(unix.ENOENT)},
		{"EAGAIN", int64(EAGAIN), int64(unix.EAGAIN)},
		{"EWOULDBLOCK", int64(EWOULDBLOCK), int64(unix.EWOULDBLOCK)},
		{"EDEADLK", int64(EDEADLK), int64(unix.EDEADLK)},
		{"EDEADLOCK", int64(EDEADLOCK), int64(unix.EDEADLOCK)},
		{"EOPNOTSUPP", int64(EOPNOTSUPP), int64(unix.EOPNOTSUPP)},
		{"ENOTSUP", int64(ENOTSUP), int64(unix.ENOTSUP)},
		{"EXDEV", int64(EXDEV), int64(unix.EXDEV)},
		{"ELOOP", int64(ELOOP), int64(unix.ELOOP)},
		{"ENOTEMPTY", int64(ENOTEMPTY), int64(unix.ENOTEMPTY)},
		{"ESTALE", int64(ESTALE), int64(unix.ESTALE)},
		{"EUCLEAN", int64(EUCLEAN), int64(unix.EUCLEAN)},
		{"EHWPOISON", int64(EHWPOISON), int64(unix.EHWPOISON)},
	})
	// Every name in the table must be unix's name for the same number, or
	// the kernel's primary name where unix's table shows an alias.
	aliases := map[string]string{
		"ENOTSUP":      "EOPNOTSUPP",
		"EFSCORRUPTED": "EUCLEAN", // kernel-internal alias
	}
	for n := Errno(1); n <= EHWPOISON; n++ {
		want := unix.ErrnoName(unix.Errno(n))
		if a, ok := aliases[want]; ok {
			want = a
		}
		if got := n.Name(); got != want {
			t.Errorf("Errno(%d).Name() = %q, unix has %q", n, got, want)
		}
	}
}

func TestErrnoTextsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	// x/sys/unix's texts are glibc's with a lower-case first letter; for
	// numbers it has no text for it says "errno N" where glibc says
	// "Unknown error N", and it has no text for EHWPOISON.
	for n := Errno(1); n <= EHWPOISON; n++ {
		ours, theirs := n.Error(), unix.Errno(n).Error()
		if strings.HasPrefix(theirs, "errno ") {
			continue
		}
		if !strings.EqualFold(ours, theirs) {
			t.Errorf("Errno(%d).Error() = %q, unix has %q", n, ours, theirs)
		}
	}
}

func TestMountConstantsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"MS_RDONLY", MS_RDONLY, unix.MS_RDONLY},
		{"MS_NOSUID", MS_NOSUID, unix.MS_NOSUID},
		{"MS_NODEV", MS_NODEV, unix.MS_NODEV},
		{"MS_NOEXEC", MS_NOEXEC, unix.MS_NOEXEC},
		{"MS_SYNCHRONOUS", MS_SYNCHRONOUS, unix.MS_SYNCHRONOUS},
		{"MS_REMOUNT", MS_REMOUNT, unix.MS_REMOUNT},
		{"MS_MANDLOCK", MS_MANDLOCK, unix.MS_MANDLOCK},
		{"MS_DIRSYNC", MS_DIRSYNC, unix.MS_DIRSYNC},
		{"MS_NOSYMFOLLOW", MS_NOSYMFOLLOW, unix.MS_NOSYMFOLLOW},
		{"MS_NOATIME", MS_NOATIME, unix.MS_NOATIME},
		{"MS_NODIRATIME", MS_NODIRATIME, unix.MS_NODIRATIME},
		{"MS_BIND", MS_BIND, unix.MS_BIND},
		{"MS_MOVE", MS_MOVE, unix.MS_MOVE},
		{"MS_REC", MS_REC, unix.MS_REC},
		{"MS_VERBOSE", MS_VERBOSE, unix.MS_VERBOSE},
		{"MS_SILENT", MS_SILENT, unix.MS_SILENT},
		{"MS_POSIXACL", MS_POSIXACL, unix.MS_POSIXACL},
		{"MS_UNBINDABLE", MS_UNBINDABLE, unix.MS_UNBINDABLE},
		{"MS_PRIVATE", MS_PRIVATE, unix.MS_PRIVATE},
		{"MS_SLAVE", MS_SLAVE, unix.MS_SLAVE},
		{"MS_SHARED", MS_SHARED, unix.MS_SHARED},
		{"MS_RELATIME", MS_RELATIME, unix.MS_RELATIME},
		{"MS_KERNMOUNT", MS_KERNMOUNT, unix.MS_KERNMOUNT},
		{"MS_I_VERSION", MS_I_VERSION, unix.MS_I_VERSION},
		{"MS_STRICTATIME", MS_STRICTATIME, unix.MS_STRICTATIME},
		{"MS_LAZYTIME", MS_LAZYTIME, unix.MS_LAZYTIME},
		{"MS_SUBMOUNT", MS_SUBMOUNT, unix.MS_SUBMOUNT},
		{"MS_NOREMOTELOCK", MS_NOREMOTELOCK, unix.MS_NOREMOTELOCK},
		{"MS_NOSEC", MS_NOSEC, unix.MS_NOSEC},
		{"MS_BORN", MS_BORN, unix.MS_BORN},
		{"MS_ACTIVE", MS_ACTIVE, unix.MS_ACTIVE},
		{"MS_NOUSER", MS_NOUSER, unix.MS_NOUSER},
		{"MS_RMT_MASK", MS_RMT_MASK, unix.MS_RMT_MASK},
		{"MS_MGC_VAL", MS_MGC_VAL, unix.MS_MGC_VAL},
		{"MS_MGC_MSK", MS_MGC_MSK, unix.MS_MGC_MSK},

		{"MNT_FORCE", MNT_FORCE, unix.MNT_FORCE},
		{"MNT_DETACH", MNT_DETACH, unix.MNT_DETACH},
		{"MNT_EXPIRE", MNT_EXPIRE, unix.MNT_EXPIRE},
		{"UMOUNT_NOFOLLOW", UMOUNT_NOFOLLOW, unix.UMOUNT_NOFOLLOW},

		{"OPEN_TREE_CLONE", OPEN_TREE_CLONE, unix.OPEN_TREE_CLONE},
		{"OPEN_TREE_CLOEXEC", OPEN_TREE_CLOEXEC, unix.OPEN_TREE_CLOEXEC},
		{"MOVE_MOUNT_F_SYMLINKS", MOVE_MOUNT_F_SYMLINKS, unix.MOVE_MOUNT_F_SYMLINKS},
		{"MOVE_MOUNT_F_AUTOMOUNTS", MOVE_MOUNT_F_AUTOMOUNTS, unix.MOVE_MOUNT_F_AUTOMOUNTS},
		{"MOVE_MOUNT_F_EMPTY_PATH", MOVE_MOUNT_F_EMPTY_PATH, unix.MOVE_MOUNT_F_EMPTY_PATH},
		{"MOVE_MOUNT_T_SYMLINKS", MOVE_MOUNT_T_SYMLINKS, unix.MOVE_MOUNT_T_SYMLINKS},
		{"MOVE_MOUNT_T_AUTOMOUNTS", MOVE_MOUNT_T_AUTOMOUNTS, unix.MOVE_MOUNT_T_AUTOMOUNTS},
		{"MOVE_MOUNT_T_EMPTY_PATH", MOVE_MOUNT_T_EMPTY_PATH, unix.MOVE_MOUNT_T_EMPTY_PATH},
		{"MOVE_MOUNT_SET_GROUP", MOVE_MOUNT_SET_GROUP, unix.MOVE_MOUNT_SET_GROUP},
		{"FSOPEN_CLOEXEC", FSOPEN_CLOEXEC, unix.FSOPEN_CLOEXEC},
		{"FSPICK_CLOEXEC", FSPICK_CLOEXEC, unix.FSPICK_CLOEXEC},
		{"FSPICK_SYMLINK_NOFOLLOW", FSPICK_SYMLINK_NOFOLLOW, unix.FSPICK_SYMLINK_NOFOLLOW},
		{"FSPICK_NO_AUTOMOUNT", FSPICK_NO_AUTOMOUNT, unix.FSPICK_NO_AUTOMOUNT},
		{"FSPICK_EMPTY_PATH", FSPICK_EMPTY_PATH, unix.FSPICK_EMPTY_PATH},
		{"FSCONFIG_SET_FLAG", FSCONFIG_SET_FLAG, unix.FSCONFIG_SET_FLAG},
		{"FSCONFIG_SET_STRING", FSCONFIG_SET_STRING, unix.FSCONFIG_SET_STRING},
		{"FSCONFIG_SET_BINARY", FSCONFIG_SET_BINARY, unix.FSCONFIG_SET_BINARY},
		{"FSCONFIG_SET_PATH", FSCONFIG_SET_PATH, unix.FSCONFIG_SET_PATH},
		{"FSCONFIG_SET_PATH_EMPTY", FSCONFIG_SET_PATH_EMPTY, unix.FSCONFIG_SET_PATH_EMPTY},
		{"FSCONFIG_SET_FD", FSCONFIG_SET_FD, unix.FSCONFIG_SET_FD},
		{"FSCONFIG_CMD_CREATE", FSCONFIG_CMD_CREATE, unix.FSCONFIG_CMD_CREATE},
		{"FSCONFIG_CMD_RECONFIGURE", FSCONFIG_CMD_RECONFIGURE, unix.FSCONFIG_CMD_RECONFIGURE},
		{"FSMOUNT_CLOEXEC", FSMOUNT_CLOEXEC, unix.FSMOUNT_CLOEXEC},
		{"MOUNT_ATTR_RDONLY", MOUNT_ATTR_RDONLY, unix.MOUNT_ATTR_RDONLY},
		{"MOUNT_ATTR_NOSUID", MOUNT_ATTR_NOSUID, unix.MOUNT_ATTR_NOSUID},
		{"MOUNT_ATTR_NODEV", MOUNT_ATTR_NODEV, unix.MOUNT_ATTR_NODEV},
		{"MOUNT_ATTR_NOEXEC", MOUNT_ATTR_NOEXEC, unix.MOUNT_ATTR_NOEXEC},
		{"MOUNT_ATTR__ATIME", MOUNT_ATTR__ATIME, unix.MOUNT_ATTR__ATIME},
		{"MOUNT_ATTR_RELATIME", MOUNT_ATTR_RELATIME, unix.MOUNT_ATTR_RELATIME},
		{"MOUNT_ATTR_NOATIME", MOUNT_ATTR_NOATIME, unix.MOUNT_ATTR_NOATIME},
		{"MOUNT_ATTR_STRICTATIME", MOUNT_ATTR_STRICTATIME, unix.MOUNT_ATTR_STRICTATIME},
		{"MOUNT_ATTR_NODIRATIME", MOUNT_ATTR_NODIRATIME, unix.MOUNT_ATTR_NODIRATIME},
		{"MOUNT_ATTR_IDMAP", MOUNT_ATTR_IDMAP, unix.MOUNT_ATTR_IDMAP},
		{"MOUNT_ATTR_NOSYMFOLLOW", MOUNT_ATTR_NOSYMFOLLOW, unix.MOUNT_ATTR_NOSYMFOLLOW},
		{"MOUNT_ATTR_SIZE_VER0", MOUNT_ATTR_SIZE_VER0, unix.MOUNT_ATTR_SIZE_VER0},
		{"AT_RECURSIVE", AT_RECURSIVE, unix.AT_RECURSIVE},
	})
}

func TestFileConstantsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"O_RDONLY", O_RDONLY, unix.O_RDONLY},
		{"O_WRONLY", O_WRONLY, unix.O_WRONLY},
		{"O_RDWR", O_RDWR, unix.O_RDWR},
		{"O_ACCMODE", O_ACCMODE, unix.O_ACCMODE},
		{"O_CREAT", O_CREAT, unix.O_CREAT},
		{"O_EXCL", O_EXCL, unix.O_EXCL},
		{"O_NOCTTY", O_NOCTTY, unix.O_NOCTTY},
		{"O_TRUNC", O_TRUNC, unix.O_TRUNC},
		{"O_APPEND", O_APPEND, unix.O_APPEND},
		{"O_NONBLOCK", O_NONBLOCK, unix.O_NONBLOCK},
		{"O_NDELAY", O_NDELAY, unix.O_NDELAY},
		{"O_DSYNC", O_DSYNC, unix.O_DSYNC},
		{"O_ASYNC", O_ASYNC, unix.O_ASYNC},
		{"O_DIRECT", O_DIRECT, unix.O_DIRECT},
		// O_LARGEFILE is deliberately not compared: x/sys/unix follows glibc,
		// which defines it as 0 on amd64, while the kernel's value is 0o100000.
		{"O_DIRECTORY", O_DIRECTORY, unix.O_DIRECTORY},
		{"O_NOFOLLOW", O_NOFOLLOW, unix.O_NOFOLLOW},
		{"O_NOATIME", O_NOATIME, unix.O_NOATIME},
		{"O_CLOEXEC", O_CLOEXEC, unix.O_CLOEXEC},
		{"O_SYNC", O_SYNC, unix.O_SYNC},
		{"O_RSYNC", O_RSYNC, unix.O_RSYNC},
		{"O_PATH", O_PATH, unix.O_PATH},
		{"O_TMPFILE", O_TMPFILE, unix.O_TMPFILE},

		{"AT_FDCWD", int64(AT_FDCWD), unix.AT_FDCWD},
		{"AT_SYMLINK_NOFOLLOW", AT_SYMLINK_NOFOLLOW, unix.AT_SYMLINK_NOFOLLOW},
		{"AT_REMOVEDIR", AT_REMOVEDIR, unix.AT_REMOVEDIR},
		{"AT_SYMLINK_FOLLOW", AT_SYMLINK_FOLLOW, unix.AT_SYMLINK_FOLLOW},
		{"AT_NO_AUTOMOUNT", AT_NO_AUTOMOUNT, unix.AT_NO_AUTOMOUNT},
		{"AT_EMPTY_PATH", AT_EMPTY_PATH, unix.AT_EMPTY_PATH},
		{"AT_EACCESS", AT_EACCESS, unix.AT_EACCESS},
		{"AT_STATX_SYNC_AS_STAT", AT_STATX_SYNC_AS_STAT, unix.AT_STATX_SYNC_AS_STAT},
		{"AT_STATX_FORCE_SYNC", AT_STATX_FORCE_SYNC, unix.AT_STATX_FORCE_SYNC},
		{"AT_STATX_DONT_SYNC", AT_STATX_DONT_SYNC, unix.AT_STATX_DONT_SYNC},

		{"S_IFMT", S_IFMT, unix.S_IFMT},
		{"S_IFSOCK", S_IFSOCK, unix.S_IFSOCK},
		{"S_IFLNK", S_IFLNK, unix.S_IFLNK},
		{"S_IFREG", S_IFREG, unix.S_IFREG},
		{"S_IFBLK", S_IFBLK, unix.S_IFBLK},
		{"S_IFDIR", S_IFDIR, unix.S_IFDIR},
		{"S_IFCHR", S_IFCHR, unix.S_IFCHR},
		{"S_IFIFO", S_IFIFO, unix.S_IFIFO},
		{"S_ISUID", S_ISUID, unix.S_ISUID},
		{"S_ISGID", S_ISGID, unix.S_ISGID},
		{"S_ISVTX", S_ISVTX, unix.S_ISVTX},
		{"S_IRWXU", S_IRWXU, unix.S_IRWXU},
		{"S_IRUSR", S_IRUSR, unix.S_IRUSR},
		{"S_IWUSR", S_IWUSR, unix.S_IWUSR},
		{"S_IXUSR", S_IXUSR, unix.S_IXUSR},
		{"S_IRWXG", S_IRWXG, unix.S_IRWXG},
		{"S_IRGRP", S_IRGRP, unix.S_IRGRP},
		{"S_IWGRP", S_IWGRP, unix.S_IWGRP},
		{"S_IXGRP", S_IXGRP, unix.S_IXGRP},
		{"S_IRWXO", S_IRWXO, unix.S_IRWXO},
		{"S_IROTH", S_IROTH, unix.S_IROTH},
		{"S_IWOTH", S_IWOTH, unix.S_IWOTH},
		{"S_IXOTH", S_IXOTH, unix.S_IXOTH},

		{"RENAME_NOREPLACE", RENAME_NOREPLACE, unix.RENAME_NOREPLACE},
		{"RENAME_EXCHANGE", RENAME_EXCHANGE, unix.RENAME_EXCHANGE},
		{"RENAME_WHITEOUT", RENAME_WHITEOUT, unix.RENAME_WHITEOUT},
		{"F_OK", F_OK, unix.F_OK},
		{"R_OK", R_OK, unix.R_OK},
		{"W_OK", W_OK, unix.W_OK},
		{"X_OK", X_OK, unix.X_OK},
		{"SEEK_SET", SEEK_SET, unix.SEEK_SET},
		{"SEEK_CUR", SEEK_CUR, unix.SEEK_CUR},
		{"SEEK_END", SEEK_END, unix.SEEK_END},
		{"SEEK_DATA", SEEK_DATA, unix.SEEK_DATA},
		{"SEEK_HOLE", SEEK_HOLE, unix.SEEK_HOLE},
		{"SEEK_MAX", SEEK_MAX, unix.SEEK_MAX},
		{"UTIME_NOW", UTIME_NOW, unix.UTIME_NOW},
		{"UTIME_OMIT", UTIME_OMIT, unix.UTIME_OMIT},
		{"NAME_MAX", NAME_MAX, unix.NAME_MAX},
		{"PATH_MAX", PATH_MAX, unix.PathMax},

		{"DT_UNKNOWN", DT_UNKNOWN, unix.DT_UNKNOWN},
		{"DT_FIFO", DT_FIFO, unix.DT_FIFO},
		{"DT_CHR", DT_CHR, unix.DT_CHR},
		{"DT_DIR", DT_DIR, unix.DT_DIR},
		{"DT_BLK", DT_BLK, unix.DT_BLK},
		{"DT_REG", DT_REG, unix.DT_REG},
		{"DT_LNK", DT_LNK, unix.DT_LNK},
		{"DT_SOCK", DT_SOCK, unix.DT_SOCK},
		{"DT_WHT", DT_WHT, unix.DT_WHT},

		{"STATX_TYPE", STATX_TYPE, unix.STATX_TYPE},
		{"STATX_MODE", STATX_MODE, unix.STATX_MODE},
		{"STATX_NLINK", STATX_NLINK, unix.STATX_NLINK},
		{"STATX_UID", STATX_UID, unix.STATX_UID},
		{"STATX_GID", STATX_GID, unix.STATX_GID},
		{"STATX_ATIME", STATX_ATIME, unix.STATX_ATIME},
		{"STATX_MTIME", STATX_MTIME, unix.STATX_MTIME},
		{"STATX_CTIME", STATX_CTIME, unix.STATX_CTIME},
		{"STATX_INO", STATX_INO, unix.STATX_INO},
		{"STATX_SIZE", STATX_SIZE, unix.STATX_SIZE},
		{"STATX_BLOCKS", STATX_BLOCKS, unix.STATX_BLOCKS},
		{"STATX_BASIC_STATS", STATX_BASIC_STATS, unix.STATX_BASIC_STATS},
		{"STATX_BTIME", STATX_BTIME, unix.STATX_BTIME},
		{"STATX_MNT_ID", STATX_MNT_ID, unix.STATX_MNT_ID},
		{"STATX_DIOALIGN", STATX_DIOALIGN, unix.STATX_DIOALIGN},
		{"STATX_MNT_ID_UNIQUE", STATX_MNT_ID_UNIQUE, unix.STATX_MNT_ID_UNIQUE},
		{"STATX_SUBVOL", STATX_SUBVOL, unix.STATX_SUBVOL},
		{"STATX_WRITE_ATOMIC", STATX_WRITE_ATOMIC, unix.STATX_WRITE_ATOMIC},
		{"STATX_DIO_READ_ALIGN", STATX_DIO_READ_ALIGN, unix.STATX_DIO_READ_ALIGN},
		{"STATX__RESERVED", STATX__RESERVED, unix.STATX__RESERVED},
		{"STATX_ALL", STATX_ALL, unix.STATX_ALL},
		{"STATX_ATTR_COMPRESSED", STATX_ATTR_COMPRESSED, unix.STATX_ATTR_COMPRESSED},
		{"STATX_ATTR_IMMUTABLE", STATX_ATTR_IMMUTABLE, unix.STATX_ATTR_IMMUTABLE},
		{"STATX_ATTR_APPEND", STATX_ATTR_APPEND, unix.STATX_ATTR_APPEND},
		{"STATX_ATTR_NODUMP", STATX_ATTR_NODUMP, unix.STATX_ATTR_NODUMP},
		{"STATX_ATTR_ENCRYPTED", STATX_ATTR_ENCRYPTED, unix.STATX_ATTR_ENCRYPTED},
		{"STATX_ATTR_AUTOMOUNT", STATX_ATTR_AUTOMOUNT, unix.STATX_ATTR_AUTOMOUNT},
		{"STATX_ATTR_MOUNT_ROOT", STATX_ATTR_MOUNT_ROOT, unix.STATX_ATTR_MOUNT_ROOT},
		{"STATX_ATTR_VERITY", STATX_ATTR_VERITY, unix.STATX_ATTR_VERITY},
		{"STATX_ATTR_DAX", STATX_ATTR_DAX, unix.STATX_ATTR_DAX},
		{"STATX_ATTR_WRITE_ATOMIC", STATX_ATTR_WRITE_ATOMIC, unix.STATX_ATTR_WRITE_ATOMIC},
	})
}

func TestSchedConstantsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"CLONE_NEWNS", CLONE_NEWNS, unix.CLONE_NEWNS},
		{"CLONE_NEWUSER", CLONE_NEWUSER, unix.CLONE_NEWUSER},
		{"CLONE_NEWPID", CLONE_NEWPID, unix.CLONE_NEWPID},
		{"CLONE_NEWNET", CLONE_NEWNET, unix.CLONE_NEWNET},
		{"CLONE_NEWUTS", CLONE_NEWUTS, unix.CLONE_NEWUTS},
		{"CLONE_NEWIPC", CLONE_NEWIPC, unix.CLONE_NEWIPC},
		{"CLONE_NEWCGROUP", CLONE_NEWCGROUP, unix.CLONE_NEWCGROUP},
		{"CLONE_NEWTIME", CLONE_NEWTIME, unix.CLONE_NEWTIME},
		{"CLONE_FS", CLONE_FS, unix.CLONE_FS},
		{"CLONE_FILES", CLONE_FILES, unix.CLONE_FILES},
	})
}

// x/sys/unix has no SIGEV_* or MQ_* constants; the differential test of
// the mq_* calls checks those against the host kernel.
func TestSignalConstantsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"SIGUSR1", SIGUSR1, int64(unix.SIGUSR1)},
		{"SIGUSR2", SIGUSR2, int64(unix.SIGUSR2)},
		{"SIGTERM", SIGTERM, int64(unix.SIGTERM)},
		{"SIGPIPE", SIGPIPE, int64(unix.SIGPIPE)},
	})
}

func TestCapabilitiesMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"CAP_CHOWN", int64(CAP_CHOWN), unix.CAP_CHOWN},
		{"CAP_DAC_OVERRIDE", int64(CAP_DAC_OVERRIDE), unix.CAP_DAC_OVERRIDE},
		{"CAP_DAC_READ_SEARCH", int64(CAP_DAC_READ_SEARCH), unix.CAP_DAC_READ_SEARCH},
		{"CAP_FOWNER", int64(CAP_FOWNER), unix.CAP_FOWNER},
		{"CAP_FSETID", int64(CAP_FSETID), unix.CAP_FSETID},
		{"CAP_KILL", int64(CAP_KILL), unix.CAP_KILL},
		{"CAP_SETGID", int64(CAP_SETGID), unix.CAP_SETGID},
		{"CAP_SETUID", int64(CAP_SETUID), unix.CAP_SETUID},
		{"CAP_SETPCAP", int64(CAP_SETPCAP), unix.CAP_SETPCAP},
		{"CAP_LINUX_IMMUTABLE", int64(CAP_LINUX_IMMUTABLE), unix.CAP_LINUX_IMMUTABLE},
		{"CAP_NET_BIND_SERVICE", int64(CAP_NET_BIND_SERVICE), unix.CAP_NET_BIND_SERVICE},
		{"CAP_NET_BROADCAST", int64(CAP_NET_BROADCAST), unix.CAP_NET_BROADCAST},
		{"CAP_NET_ADMIN", int64(CAP_NET_ADMIN), unix.CAP_NET_ADMIN},
		{"CAP_NET_RAW", int64(CAP_NET_RAW), unix.CAP_NET_RAW},
		{"CAP_IPC_LOCK", int64(CAP_IPC_LOCK), unix.CAP_IPC_LOCK},
		{"CAP_IPC_OWNER", int64(CAP_IPC_OWNER), unix.CAP_IPC_OWNER},
		{"CAP_SYS_MODULE", int64(CAP_SYS_MODULE), unix.CAP_SYS_MODULE},
		{"CAP_SYS_RAWIO", int64(CAP_SYS_RAWIO), unix.CAP_SYS_RAWIO},
		{"CAP_SYS_CHROOT", int64(CAP_SYS_CHROOT), unix.CAP_SYS_CHROOT},
		{"CAP_SYS_PTRACE", int64(CAP_SYS_PTRACE), unix.CAP_SYS_PTRACE},
		{"CAP_SYS_PACCT", int64(CAP_SYS_PACCT), unix.CAP_SYS_PACCT},
		{"CAP_SYS_ADMIN", int64(CAP_SYS_ADMIN), unix.CAP_SYS_ADMIN},
		{"CAP_SYS_BOOT", int64(CAP_SYS_BOOT), unix.CAP_SYS_BOOT},
		{"CAP_SYS_NICE", int64(CAP_SYS_NICE), unix.CAP_SYS_NICE},
		{"CAP_SYS_RESOURCE", int64(CAP_SYS_RESOURCE), unix.CAP_SYS_RESOURCE},
		{"CAP_SYS_TIME", int64(CAP_SYS_TIME), unix.CAP_SYS_TIME},
		{"CAP_SYS_TTY_CONFIG", int64(CAP_SYS_TTY_CONFIG), unix.CAP_SYS_TTY_CONFIG},
		{"CAP_MKNOD", int64(CAP_MKNOD), unix.CAP_MKNOD},
		{"CAP_LEASE", int64(CAP_LEASE), unix.CAP_LEASE},
		{"CAP_AUDIT_WRITE", int64(CAP_AUDIT_WRITE), unix.CAP_AUDIT_WRITE},
		{"CAP_AUDIT_CONTROL", int64(CAP_AUDIT_CONTROL), unix.CAP_AUDIT_CONTROL},
		{"CAP_SETFCAP", int64(CAP_SETFCAP), unix.CAP_SETFCAP},
		{"CAP_MAC_OVERRIDE", int64(CAP_MAC_OVERRIDE), unix.CAP_MAC_OVERRIDE},
		{"CAP_MAC_ADMIN", int64(CAP_MAC_ADMIN), unix.CAP_MAC_ADMIN},
		{"CAP_SYSLOG", int64(CAP_SYSLOG), unix.CAP_SYSLOG},
		{"CAP_WAKE_ALARM", int64(CAP_WAKE_ALARM), unix.CAP_WAKE_ALARM},
		{"CAP_BLOCK_SUSPEND", int64(CAP_BLOCK_SUSPEND), unix.CAP_BLOCK_SUSPEND},
		{"CAP_AUDIT_READ", int64(CAP_AUDIT_READ), unix.CAP_AUDIT_READ},
		{"CAP_PERFMON", int64(CAP_PERFMON), unix.CAP_PERFMON},
		{"CAP_BPF", int64(CAP_BPF), unix.CAP_BPF},
		{"CAP_CHECKPOINT_RESTORE", int64(CAP_CHECKPOINT_RESTORE), unix.CAP_CHECKPOINT_RESTORE},
		{"CAP_LAST_CAP", int64(CAP_LAST_CAP), unix.CAP_LAST_CAP},
	})
}

func TestDevMatchesUnix(t *testing.T) {
	for _, mm := range [][2]uint32{{0, 0}, {8, 1}, {259, 3}, {4095, 1048575}, {0xfffff, 0xffffffff}, {0xffffffff, 0x100}} {
		if got, want := Mkdev(mm[0], mm[1]), unix.Mkdev(mm[0], mm[1]); got != want {
			t.Errorf("Mkdev(%d, %d) = %#x, unix has %#x", mm[0], mm[1], got, want)
		}
		dev := unix.Mkdev(mm[0], mm[1])
		if Major(dev) != unix.Major(dev) || Minor(dev) != unix.Minor(dev) {
			t.Errorf("Major/Minor(%#x) = %d/%d, unix has %d/%d", dev, Major(dev), Minor(dev), unix.Major(dev), unix.Minor(dev))
		}
	}
}

func TestLoopConstantsMatchUnix(t *testing.T) {
	skipUnlessAMD64(t)
	checkPairs(t, []constPair{
		{"BLKROGET", BLKROGET, unix.BLKROGET},
		{"BLKGETSIZE64", BLKGETSIZE64, unix.BLKGETSIZE64},
		{"BLKSSZGET", BLKSSZGET, unix.BLKSSZGET},
		{"LOOP_SET_DIRECT_IO", LOOP_SET_DIRECT_IO, unix.LOOP_SET_DIRECT_IO},
		{"LOOP_SET_BLOCK_SIZE", LOOP_SET_BLOCK_SIZE, unix.LOOP_SET_BLOCK_SIZE},
		{"LOOP_SET_FD", LOOP_SET_FD, unix.LOOP_SET_FD},
		{"LOOP_CLR_FD", LOOP_CLR_FD, unix.LOOP_CLR_FD},
		{"LOOP_SET_STATUS64", LOOP_SET_STATUS64, unix.LOOP_SET_STATUS64},
		{"LOOP_GET_STATUS64", LOOP_GET_STATUS64, unix.LOOP_GET_STATUS64},
		{"LOOP_SET_CAPACITY", LOOP_SET_CAPACITY, unix.LOOP_SET_CAPACITY},
		{"LOOP_CONFIGURE", LOOP_CONFIGURE, unix.LOOP_CONFIGURE},
		{"LOOP_CTL_ADD", LOOP_CTL_ADD, unix.LOOP_CTL_ADD},
		{"LOOP_CTL_REMOVE", LOOP_CTL_REMOVE, unix.LOOP_CTL_REMOVE},
		{"LOOP_CTL_GET_FREE", LOOP_CTL_GET_FREE, unix.LOOP_CTL_GET_FREE},
		{"LO_FLAGS_READ_ONLY", LO_FLAGS_READ_ONLY, unix.LO_FLAGS_READ_ONLY},
		{"LO_FLAGS_AUTOCLEAR", LO_FLAGS_AUTOCLEAR, unix.LO_FLAGS_AUTOCLEAR},
		{"LO_FLAGS_PARTSCAN", LO_FLAGS_PARTSCAN, unix.LO_FLAGS_PARTSCAN},
		{"LO_FLAGS_DIRECT_IO", LO_FLAGS_DIRECT_IO, unix.LO_FLAGS_DIRECT_IO},
		{"LO_NAME_SIZE", LO_NAME_SIZE, unix.LO_NAME_SIZE},
	})
}
