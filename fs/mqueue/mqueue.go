// SPDX-License-Identifier: Apache-2.0

// Package mqueue is ipc/mqueue.c's filesystem: one superblock per IPC
// namespace, made when the namespace is (its own internal mount), which
// every mount of "mqueue" from a task of that namespace shows. Each
// regular file is a message queue; reading it gives the queue's state.
// The mq_* system calls that send and receive are not modelled yet, so
// every queue is empty.
package mqueue

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/fs/libfs"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is MQUEUE_MAGIC.
const Magic = 0x19800202

// Type is the "mqueue" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "mqueue" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// InitFsContext is mqueue_init_fs_context.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// ParseParam: mqueue takes no options of its own.
func (contextOps) ParseParam(*vfs.FsContext, *vfs.FsParameter) error { return vfs.ENOPARAM }

// Reconfigure has nothing to change.
func (contextOps) Reconfigure(*vfs.FsContext) error { return nil }

// Register is init_mqueue_fs: register the type and mount it for the
// initial IPC namespace, and from then on for every new one.
func Register(k *vfs.Kernel) error {
	if err := k.RegisterFilesystem(Type{}); err != nil {
		return err
	}
	return k.SetIPCFilesystem(Type{})
}

// GetTree is mqueue_get_tree: the IPC namespace's own superblock, or a new
// one when the namespace's internal mount is being made.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	if root := fc.IPCNamespace().MqueueRoot(); root != nil {
		fc.Root = root
		return nil
	}
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		return err
	}
	// The superblock comes with the IPC namespace (mq_init_ns's
	// kern_mount), so the flags and "ro" of a mount(2) that later finds
	// it never reach it: they qualify that mount only.
	sb.SetFlags(0, mountSbFlags)
	sb.Private = fc.IPCNamespace()
	ops := &inodeOps{FS: &libfs.FS{NextIno: fc.Kernel.GetNextIno, DirSizes: true}}
	root, err := ops.NewRoot(sb, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o1777})
	if err != nil {
		return err
	}
	root.Inode().Ops = ops
	sb.SetRoot(root)
	fc.Root = root
	return nil
}

// mountSbFlags are the superblock flags mount(2) can ask for.
const mountSbFlags = linux.SB_RDONLY | linux.SB_SYNCHRONOUS | linux.SB_MANDLOCK | linux.SB_DIRSYNC |
	linux.SB_SILENT | linux.SB_POSIXACL | linux.SB_LAZYTIME | linux.SB_I_VERSION

type superOps struct{}

// ShowOptions: nothing beyond the generic flags.
func (superOps) ShowOptions(*vfs.Superblock, *strings.Builder) {}

// Statfs is simple_statfs.
func (superOps) Statfs(*vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: libfs.PageSize, Frsize: libfs.PageSize, Namelen: linux.NAME_MAX}, nil
}

// inodeOps is mqueue's directory: queues (regular files) only.
type inodeOps struct{ *libfs.FS }

// Mknod is mqueue_create: a new queue, 80 bytes long as Linux reports
// (FILENT_SIZE); other kinds of node are refused.
func (o *inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT != linux.S_IFREG {
		return nil, linux.EPERM
	}
	if dir.Superblock().Private.(*vfs.IPCNamespace).Dead() {
		return nil, linux.EACCES // the namespace is gone (no s_fs_info)
	}
	in, err := o.FS.Mknod(dir, name, attr)
	if err != nil {
		return nil, err
	}
	in.Ops, in.FileOps = o, queueFile{}
	in.Lock()
	in.SetSizeLocked(queueStatusSize)
	in.Unlock()
	return in, nil
}

func (o *inodeOps) Mkdir(*vfs.Inode, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

// Tmpfile: mqueue has no tmpfile operation.
func (o *inodeOps) Tmpfile(*vfs.Inode, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EOPNOTSUPP
}

func (o *inodeOps) Symlink(*vfs.Inode, string, string, vfs.InodeAttr) (*vfs.Inode, error) {
	return nil, linux.EPERM
}

func (o *inodeOps) Link(*vfs.Inode, *vfs.Inode, string) error { return linux.EPERM }

func (o *inodeOps) Rename(*vfs.Inode, string, *vfs.Inode, *vfs.Inode, string, *vfs.Inode, uint32) error {
	return linux.EPERM
}

// queueStatusSize is FILENT_SIZE, a queue file's size when made.
const queueStatusSize = 80

// queueFile reads as the queue's state (mqueue_read_file) and cannot be
// written.
type queueFile struct{}

// status is the line mqueue_read_file prints: the bytes queued and who
// asked to be notified. Queues hold no messages yet, and nobody can ask.
func status() string {
	return fmt.Sprintf("QSIZE:%-10d NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n", 0, 0, 0, 0)
}

func (queueFile) ReadAt(_ *vfs.File, p []byte, off int64) (int, error) {
	s := status()
	if off >= int64(len(s)) {
		return 0, nil
	}
	return copy(p, s[off:]), nil
}

func (queueFile) WriteAt(*vfs.File, []byte, int64) (int, error) { return 0, linux.EINVAL }

func (queueFile) ReadDir(*vfs.File) ([]vfs.Dirent, error) { return nil, linux.ENOTDIR }
