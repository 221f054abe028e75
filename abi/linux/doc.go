// SPDX-License-Identifier: Apache-2.0

// Package linux is linuxvfs's own copy of the Linux kernel ABI numbers the
// VFS core needs: error numbers, mount and umount flags, the new mount API,
// open flags, AT_* flags, file modes, statx masks, clone flags and
// capabilities.
//
// It exists so that the core builds, and can be tested, on any GOOS: it
// imports neither syscall nor golang.org/x/sys. The values are those of
// Linux on x86_64 (where architectures differ, as for some O_* flags, the
// x86_64 value is used), and the names follow the kernel's headers,
// underscores included, as golang.org/x/sys/unix spells them. Constants are
// untyped unless a Go type adds something (Errno, Capability).
//
// Some constants are kernel-internal rather than user ABI: the SB_* super
// block flags (include/linux/fs.h) and the per-mount MNT_* flags
// (include/linux/mount.h). They are here because linuxvfs rebuilds the code
// that uses them.
package linux
