// SPDX-License-Identifier: Apache-2.0

// Package mqueue is ipc/mqueue.c's filesystem: one superblock per IPC
// namespace, made when the namespace is (its own internal mount), which
// every mount of "mqueue" from a task of that namespace shows. Each
// regular file is a message queue; reading it gives the queue's state.
// The mq_* system calls are the core's (vfs.Task.MqOpen and the others),
// which reach a queue through vfs.MessageQueue (queue.go).
package mqueue

import (
	"math"
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
	fc.UserNS = fc.IPCNamespace().Owner() // the IPC namespace's owner may mount it
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
	if err := k.SetIPCFilesystem(Type{}); err != nil {
		return err
	}
	for _, s := range sysctls() {
		if err := k.RegisterSysctl(s); err != nil {
			return err
		}
	}
	return nil
}

// sysctls are ipc/mq_sysctl.c's table, /proc/sys/fs/mqueue: values of the
// opener's IPC namespace, each set within its range (proc_dointvec_minmax;
// queues_max is plain proc_dointvec, any int).
func sysctls() []vfs.Sysctl {
	one := func(name string, l vfs.MqLimit, lo, hi int64) vfs.Sysctl {
		return vfs.IntSysctl("fs/mqueue/"+name, false,
			func(t *vfs.Task) int64 { return t.IPCNamespace().MqLimit(l) },
			func(t *vfs.Task, v int64) error {
				if v < lo || v > hi {
					return linux.EINVAL
				}
				t.IPCNamespace().SetMqLimit(l, v)
				return nil
			})
	}
	return []vfs.Sysctl{
		one("msg_default", vfs.MqMsgDefault, linux.MIN_MSGMAX, linux.HARD_MSGMAX),
		one("msg_max", vfs.MqMsgMax, linux.MIN_MSGMAX, linux.HARD_MSGMAX),
		one("msgsize_default", vfs.MqMsgsizeDefault, linux.MIN_MSGSIZEMAX, linux.HARD_MSGSIZEMAX),
		one("msgsize_max", vfs.MqMsgsizeMax, linux.MIN_MSGSIZEMAX, linux.HARD_MSGSIZEMAX),
		one("queues_max", vfs.MqQueuesMax, math.MinInt32, math.MaxInt32),
	}
}

// GetTree is mqueue_get_tree: the IPC namespace's own superblock, or a new
// one when the namespace's internal mount is being made.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	if root := fc.IPCNamespace().MqueueRoot(); root != nil {
		if err := fc.MayReuseSuper(); err != nil {
			return err
		}
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
	sb.NoBtime = true // its inodes keep no birth time, as ramfs's
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

// KillSuper is kill_litter_super's eviction of the queues still named
// when the namespace's mqueue superblock goes (no file is open on it
// then): what they were charged is given back.
func (superOps) KillSuper(sb *vfs.Superblock) {
	for _, c := range sb.Root().ChildrenNewestFirst() {
		if q, ok := c.D.Inode().FileOps.(*queue); ok {
			q.release()
		}
	}
}

// ShowOptions: nothing beyond the generic flags.
func (superOps) ShowOptions(*vfs.Superblock, *strings.Builder) {}

// Statfs is simple_statfs.
func (superOps) Statfs(*vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: libfs.PageSize, Frsize: libfs.PageSize, Namelen: linux.NAME_MAX}, nil
}

// inodeOps is mqueue's directory: queues (regular files) only.
type inodeOps struct{ *libfs.FS }

// Mknod is mqueue_create: open(2) with O_CREAT makes a queue with the
// namespace's default attributes; other kinds of node are refused.
func (o *inodeOps) Mknod(dir *vfs.Inode, name string, attr vfs.InodeAttr) (*vfs.Inode, error) {
	if attr.Mode&linux.S_IFMT != linux.S_IFREG {
		return nil, linux.EPERM
	}
	return o.MknodQueue(dir, name, attr, nil)
}

// MknodQueue is mqueue_create_attr with mqueue_get_inode: the queue is
// counted in the namespace (ENOSPC past queues_max), its attributes
// checked (EINVAL) and its worst-case size charged to its creator
// (EMFILE past RLIMIT_MSGQUEUE), in that order. The file is 80 bytes long
// as Linux reports (FILENT_SIZE).
func (o *inodeOps) MknodQueue(dir *vfs.Inode, name string, attr vfs.InodeAttr, mq *vfs.MqAttr) (*vfs.Inode, error) {
	ns := dir.Superblock().Private.(*vfs.IPCNamespace)
	if ns.Dead() {
		return nil, linux.EACCES // the namespace is gone (no s_fs_info)
	}
	cred := attr.Creator
	if cred == nil {
		cred = vfs.RootCred()
	}
	privileged := cred.HasCap(linux.CAP_SYS_RESOURCE)
	if err := ns.ChargeQueue(privileged); err != nil {
		return nil, err
	}
	q, err := newQueue(dir.Superblock().Kernel(), ns, cred.UID, privileged, mq)
	if err != nil {
		ns.UnchargeQueue()
		return nil, err
	}
	in, err := o.FS.Mknod(dir, name, attr)
	if err != nil {
		q.release()
		return nil, err
	}
	q.in = in
	in.Ops, in.FileOps = o, q
	in.Lock()
	in.SetSizeLocked(queueStatusSize)
	in.Unlock()
	return in, nil
}

// Unlink is mqueue_unlink; a queue no file holds open goes at once.
func (o *inodeOps) Unlink(dir *vfs.Inode, name string, victim *vfs.Inode) error {
	if err := o.FS.Unlink(dir, name, victim); err != nil {
		return err
	}
	if victim.TryEvict() {
		o.EvictInode(victim)
	}
	return nil
}

// EvictInode is mqueue_evict_inode: the queue's messages and the space
// charged for it are freed, and it no longer counts in its namespace.
func (o *inodeOps) EvictInode(in *vfs.Inode) {
	if q, ok := in.FileOps.(*queue); ok {
		q.release()
	}
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
