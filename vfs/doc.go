// SPDX-License-Identifier: Apache-2.0

// Package vfs is the core of linuxvfs: the objects of the Linux kernel's
// virtual filesystem switch (struct super_block, inode, dentry, mount, file,
// cred, fs_struct, files_struct) and the system calls that act on them,
// rebuilt in Go. Filesystem types live in their own packages and plug in
// through FilesystemType; this package never imports one.
//
// # Errors
//
// System-call-shaped methods on Task return a linux.Errno (as an error) with
// the number Linux returns for the same call. io/fs style adapters wrap them
// in *fs.PathError elsewhere.
//
// # Lock order
//
// Locks are taken in this order; a function named ...Locked expects the lock
// its doc comment names to be held.
//
//  1. Superblock.renameMu (s_vfs_rename_mutex): cross-directory renames.
//  2. Dentry.mu of directories (the parent's i_rwsem), an ancestor before its
//     descendants; two unrelated directories in address order, only under
//     renameMu.
//  3. Dentry.mu of a non-directory victim or of an emptied directory.
//  4. Kernel.namespaceMu (namespace_sem): the mount tree of every namespace.
//     As in Linux, where lock_mount takes the inode lock first, namespace
//     operations may happen under dentry locks (is_local_mountpoint,
//     detaching mounts from a removed dentry), never the reverse. It is
//     taken with lockNamespace and let go with unlockNamespace, which run
//     the mount releases mntput deferred (namespace_lock.go). Writers of
//     the mount hash also move Kernel.mountSeq (mount_lock's seqcount).
//  5. blockDevs.mu (the disk table), then a disk driver's own lock (a loop
//     device's), then FSStruct.mu.
//  6. Inode.mu (i_lock): attributes and data.
//
// A stacking filesystem (overlayfs, through stacking.go) takes its
// layers' locks, from 1 on, while holding its own: every lock of a
// stacked superblock comes before every lock of the layers below it, as
// Linux's lockdep subclasses by stacking depth have them.
//
// Path walk takes only reader locks (Dentry.mu for the child map) and no
// lock at all to cross a mountpoint (the mount hash is read under
// mountSeq), and never allocates.
package vfs
