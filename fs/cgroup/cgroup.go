// SPDX-License-Identifier: Apache-2.0

// Package cgroup is the cgroup2 filesystem over the kernel's unified
// hierarchy (kernel/cgroup/cgroup.c): directories are cgroups, made by
// mkdir and removed by rmdir, each with the core's interface files
// (cgroup.procs, cgroup.subtree_control, cgroup.events, ...). Every mount
// shows the one hierarchy, from the root of the mounter's cgroup
// namespace. Task membership is held by the core (vfs.Task.Cgroup) and
// kept here (hierarchy.go); the controllers are names the rules know
// (which may be enabled where), without the resources they would control.
// The v1 hierarchies ("cgroup") are not modelled.
package cgroup

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Magic is CGROUP2_SUPER_MAGIC.
const Magic = 0x63677270

// Type is the "cgroup2" filesystem type (cgroup2_fs_type).
type Type struct{}

// Name implements vfs.FilesystemType.
func (Type) Name() string { return "cgroup2" }

// Flags implements vfs.FilesystemType.
func (Type) Flags() vfs.FSTypeFlags { return vfs.FS_USERNS_MOUNT }

// InitHierarchy makes k's unified hierarchy (cgroup_init), which from
// then on holds every new task (in its parent's cgroup), with the
// controllers DefaultControllers names. Type is registered apart, in its
// place among the others.
func InitHierarchy(k *vfs.Kernel) {
	m, _ := maskOf(DefaultControllers)
	k.SetCgroupHierarchy(newHierarchy(k, m))
}

func hierarchyOf(k *vfs.Kernel) *hierarchy {
	h, _ := k.CgroupHierarchy().(*hierarchy)
	return h
}

// SetControllers chooses the controllers k's hierarchy offers in its
// root's cgroup.controllers, as which are bound to v1 hierarchies decides
// on Linux (a machine with them all on v1 offers none). Names it does not
// know (or implicit ones) are EINVAL; taking away one the root enables
// for its children is EBUSY.
func SetControllers(k *vfs.Kernel, names []string) error {
	h := hierarchyOf(k)
	if h == nil {
		return linux.ENODEV
	}
	m, err := maskOf(names)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.root.subtreeControl&^m != 0 {
		return linux.EBUSY
	}
	h.available = m
	return nil
}

// rootFlags are the mount options, which belong to the hierarchy
// (cgrp_dfl_root.flags), in the order mountinfo shows them.
type rootFlags uint32

const (
	nsDelegate rootFlags = 1 << iota
	favorDynmods
	memoryLocalEvents
	memoryRecursiveProt
	memoryHugetlbAccounting
	pidsLocalEvents
)

var flagNames = []struct {
	f    rootFlags
	name string
}{
	{nsDelegate, "nsdelegate"}, {favorDynmods, "favordynmods"},
	{memoryLocalEvents, "memory_localevents"}, {memoryRecursiveProt, "memory_recursiveprot"},
	{memoryHugetlbAccounting, "memory_hugetlb_accounting"}, {pidsLocalEvents, "pids_localevents"},
}

// context is cgroup_fs_context: the options given, and the namespace of
// the mounter.
type context struct {
	flags rootFlags
	ns    *vfs.CgroupNamespace
}

// InitFsContext is cgroup_init_fs_context: the owner of the mounter's
// cgroup namespace may mount it.
func (Type) InitFsContext(fc *vfs.FsContext) error {
	ns := fc.CgroupNamespace()
	fc.Ops = contextOps{}
	fc.FsPrivate = &context{ns: ns}
	fc.UserNS = ns.Owner()
	return nil
}

type contextOps struct{}

// ParseParam is cgroup2_parse_param: flags only.
func (contextOps) ParseParam(fc *vfs.FsContext, p *vfs.FsParameter) error {
	for _, f := range flagNames {
		if p.Key == f.name {
			fc.FsPrivate.(*context).flags |= f.f
			return nil
		}
	}
	return vfs.ENOPARAM
}

// Reconfigure is cgroup_reconfigure: the options become the hierarchy's.
func (contextOps) Reconfigure(fc *vfs.FsContext) error {
	hierarchyOf(fc.Kernel).applyFlags(fc.FsPrivate.(*context))
	return nil
}

// applyFlags is apply_cgroup_root_flags: a mount or remount from the
// initial cgroup namespace sets the hierarchy's options to its own,
// clearing those it does not give; from another namespace it changes
// nothing. favordynmods, once set, has done what cannot be undone, which
// the kernel logs when it is first cleared.
func (h *hierarchy) applyFlags(ctx *context) {
	if !ctx.ns.IsInitial() {
		return
	}
	h.mu.Lock()
	old := h.flags
	h.flags = ctx.flags
	h.mu.Unlock()
	if old&favorDynmods != 0 && ctx.flags&favorDynmods == 0 {
		h.warnDynmods.Do(func() {
			h.k.Printk(vfs.KernWarning + "cgroup: cgroup favordynmods: per threadgroup rwsem mechanism can't be disabled")
		})
	}
}

// GetTree is cgroup_get_tree: the hierarchy's one superblock, and as
// the mount's root the cgroup the mounter's namespace is rooted at.
func (contextOps) GetTree(fc *vfs.FsContext) error {
	h := hierarchyOf(fc.Kernel)
	ctx := fc.FsPrivate.(*context)
	sb, err := h.superblock(fc)
	if err != nil {
		return err
	}
	root, err := h.dentryOf(sb, h.nsRootOf(ctx.ns))
	if err != nil {
		return err
	}
	fc.Root = root
	h.applyFlags(ctx)
	return nil
}

func (h *hierarchy) nsRootOf(ns *vfs.CgroupNamespace) *cgroup {
	if c, ok := ns.Root().(*cgroup); ok {
		return c
	}
	return h.root
}

// superblock finds or makes the hierarchy's superblock.
func (h *hierarchy) superblock(fc *vfs.FsContext) (*vfs.Superblock, error) {
	h.sbMu.Lock()
	defer h.sbMu.Unlock()
	if h.sb != nil {
		if err := fc.MayReuseSuper(); err != nil {
			return nil, err
		}
		return h.sb, nil
	}
	sb, err := fc.Kernel.NewSuperblock(fc, superOps{h})
	if err != nil {
		return nil, err
	}
	sb.NoBtime = true // kernfs keeps no birth time
	sb.GenerateUUID() // kernfs_get_tree
	sb.Private = h
	h.mu.Lock()
	root := h.inode(sb, node{c: h.root, file: -1})
	h.mu.Unlock()
	sb.SetRoot(vfs.NewRootDentry(root))
	sb.Activate()
	h.sb = sb
	return sb, nil
}

// dentryOf is kernfs_node_dentry: c's directory in sb, looked up name
// by name from the root.
func (h *hierarchy) dentryOf(sb *vfs.Superblock, c *cgroup) (*vfs.Dentry, error) {
	if c.parent == nil {
		return sb.Root(), nil
	}
	dir, err := h.dentryOf(sb, c.parent)
	if err != nil {
		return nil, err
	}
	return vfs.LookupOne(dir, c.name)
}

type superOps struct{ h *hierarchy }

// ShowOptions is cgroup_show_options: the hierarchy's flags.
func (o superOps) ShowOptions(_ *vfs.Superblock, b *strings.Builder) {
	o.h.mu.Lock()
	f := o.h.flags
	o.h.mu.Unlock()
	for _, n := range flagNames {
		if f&n.f != 0 {
			b.WriteString("," + n.name)
		}
	}
}

// Statfs is kernfs_statfs: simple_statfs with the superblock's UUID as
// f_fsid.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	return vfs.Statfs{Type: Magic, Bsize: 4096, Frsize: 4096, Namelen: linux.NAME_MAX, Fsid: vfs.FoldUUID(sb.UUID)}, nil
}

// ShowPath is cgroup_show_path: a mount's root as a path from the root
// of the reader's cgroup namespace.
func (o superOps) ShowPath(reader *vfs.Task, root *vfs.Dentry) string {
	n, ok := root.Inode().Private.(node)
	if !ok {
		return "/"
	}
	from := vfs.CgroupPathOf(reader.CgroupNamespace().Root())
	return vfs.CgroupRelPath(n.c.CgroupPath(), from)
}
