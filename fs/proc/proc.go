// SPDX-License-Identifier: Apache-2.0

// Package proc is procfs (fs/proc): /proc/self, /proc/<tid>/mountinfo and
// mounts, /proc/mounts and /proc/filesystems, generated from the kernel's
// state when opened, as seq_file does.
package proc

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is PROC_SUPER_MAGIC.
const Magic = 0x9fa0

// Type is the "proc" filesystem type.
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "proc" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT | vfs.FS_DISALLOW_NOTIFY_PERM }

type options struct {
	hidepid string
	gid     string
	subset  string
	// pidns is the PID namespace a new superblock shows.
	pidns *vfs.PidNamespace
}

// InitFsContext is proc_init_fs_context: a new proc shows the mounter's
// own PID namespace, and its owner is who may mount it.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	o := &options{}
	if fc.Purpose == vfs.FS_CONTEXT_FOR_RECONFIGURE {
		*o = *fc.Root.Inode().Superblock().Private.(*procSB).opts
	} else {
		o.pidns = fc.PidNamespace()
		fc.UserNS = o.pidns.Owner()
	}
	fc.FsPrivate = o
	fc.Ops = contextOps{}
	return nil
}

type contextOps struct{}

// hidepidNames are the names hidepid= takes, by value.
var hidepidNames = map[uint64]string{0: "off", 1: "noaccess", 2: "invisible", 4: "ptraceable"}

// ParseParam is proc_parse_param (fs/proc/root.c): gid= is an fsparam_u32,
// hidepid= and subset= strings checked by proc itself, whose messages end
// in a newline of their own.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	o := fc.FsPrivate.(*options)
	switch p.Key {
	case "hidepid", "gid", "subset":
	default:
		return vfs.ENOPARAM
	}
	if p.Type != vfs.FsValueIsString || p.Value == "" {
		return fc.Errorf("Bad value for '%s'", p.Key)
	}
	switch p.Key {
	case "hidepid":
		name, ok := hidepidName(p.Value)
		if !ok {
			return fc.Fail(linux.EINVAL, "unknown value of hidepid - %s\n", p.Value)
		}
		o.hidepid = name
	case "gid":
		n, ok := vfs.Kstrtouint(p.Value, 0)
		if !ok {
			return fc.Errorf("Bad value for '%s'", p.Key)
		}
		o.gid = strconv.FormatUint(uint64(n), 10)
	case "subset":
		if p.Value != "pid" {
			return fc.Fail(linux.EINVAL, "unsupported subset option - %s\n", p.Value)
		}
		o.subset = p.Value
	}
	return nil
}

// hidepidName is proc_parse_hidepid_param: a number in any C base
// (Linux 6.18 takes "0x2") that is one of the valid levels, or a level's
// name.
func hidepidName(v string) (string, bool) {
	if n, ok := vfs.Kstrtouint(v, 0); ok {
		name, ok := hidepidNames[uint64(n)]
		return name, ok
	}
	for _, name := range hidepidNames {
		if v == name {
			return name, true
		}
	}
	return "", false
}

type procSB struct {
	k     *vfs.Kernel
	opts  *options
	root  *vfs.Inode
	pidns *vfs.PidNamespace
}

// shows reports whether the root directory has the entry of kind: with
// subset=pid (pidonly) only the processes, self and thread-self are
// there, proc_lookup and proc_readdir finding none of the rest.
func (ps *procSB) shows(k kind) bool {
	return ps.opts.subset != "pid" || k == kindSelf || k == kindThreadSelf
}

// hidepid= levels in the order has_pid_permissions compares them.
const (
	hideOff = iota
	hideNoAccess
	hideInvisible
)

// mayAccessPid is has_pid_permissions: whether c may see the process t
// under hidepid= for a check that applies from level min up: a ptrace
// read check decides with hidepid=ptraceable, or once hidepid reaches
// min for a caller outside the gid= group.
func (ps *procSB) mayAccessPid(c *vfs.Cred, t *vfs.Task, min int) bool {
	level := hideOff
	switch ps.opts.hidepid {
	case "ptraceable":
		return c.PtraceMayRead(t)
	case "noaccess":
		level = hideNoAccess
	case "invisible":
		level = hideInvisible
	}
	if level < min {
		return true
	}
	gid := uint32(0)
	if n, err := strconv.ParseUint(ps.opts.gid, 10, 32); err == nil {
		gid = uint32(n)
	}
	return c.InGroup(gid) || c.PtraceMayRead(t)
}

// task is the live task numbered nr in the superblock's PID namespace.
func (ps *procSB) task(nr int32) *vfs.Task { return ps.pidns.Task(nr) }

// GetTree is proc_get_tree: a new superblock per mount, holding its PID
// namespace (proc_fill_super), which user namespaces may mount where
// they can see a proc already (SB_I_USERNS_VISIBLE).
func (contextOps) GetTree(fc *vfs.FsContext) error {
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{})
	if err != nil {
		return err
	}
	sb.BlockSize = 1024 // proc_fill_super: st_blksize 1024, not statfs's 4096
	sb.NoBtime = true
	o := fc.FsPrivate.(*options)
	ps := &procSB{k: fc.Kernel, opts: o, pidns: o.pidns}
	ps.pidns.Get()
	sb.UsernsVisible = true
	sb.Private = ps
	ops := &inodeOps{sb: sb, ps: ps}
	ps.root = sb.NewInode(1, vfs.InodeAttr{Mode: linux.S_IFDIR | 0o555}, ops, ops)
	ps.root.Private = node{kind: kindRoot}
	root := vfs.NewRootDentry(ps.root)
	sb.SetRoot(root)
	trackRoot(fc.Kernel, root)
	fc.Root = root
	return nil
}

// Reconfigure is proc_reconfigure.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	ps := fc.Root.Inode().Superblock().Private.(*procSB)
	*ps.opts = *fc.FsPrivate.(*options)
	return nil
}

type superOps struct{}

// ShowOptions is proc_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	o := sb.Private.(*procSB).opts
	if o.gid != "" && o.gid != "0" {
		b.WriteString(",gid=" + o.gid)
	}
	if o.hidepid != "" && o.hidepid != "off" {
		b.WriteString(",hidepid=" + o.hidepid)
	}
	if o.subset != "" {
		b.WriteString(",subset=" + o.subset)
	}
}

// KillSuper is proc_kill_sb: the superblock lets go of its namespace.
func (superOps) KillSuper(sb *vfs.Superblock) { sb.Private.(*procSB).pidns.Put() }

// Statfs is simple_statfs for procfs.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: 4096, Frsize: 4096, Namelen: linux.NAME_MAX}, nil
}
