// SPDX-License-Identifier: Apache-2.0

package linux

// clone(2), unshare(2) and setns(2) flags, from include/uapi/linux/sched.h.
const (
	CLONE_NEWTIME   = 0x00000080 // New time namespace.
	CLONE_FS        = 0x00000200 // Share file system information (root, cwd, umask).
	CLONE_FILES     = 0x00000400 // Share the file descriptor table.
	CLONE_NEWNS     = 0x00020000 // New mount namespace.
	CLONE_NEWCGROUP = 0x02000000 // New cgroup namespace.
	CLONE_NEWUTS    = 0x04000000 // New UTS namespace.
	CLONE_NEWIPC    = 0x08000000 // New IPC namespace.
	CLONE_NEWUSER   = 0x10000000 // New user namespace.
	CLONE_NEWPID    = 0x20000000 // New PID namespace.
	CLONE_NEWNET    = 0x40000000 // New network namespace.
)
