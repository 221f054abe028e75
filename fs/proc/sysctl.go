// SPDX-License-Identifier: Apache-2.0

package proc

import (
	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// /proc/sys is the kernel's sysctl table (vfs.Kernel.RegisterSysctl), as
// proc_sys_root shows it: a directory node names its index among the
// table's directories (0 is /proc/sys itself), a file node its sysctl's.

// sysctlFile is an open sysctl: its text at open, and who opened it (the
// task whose namespaces its values come from).
type sysctlFile struct {
	text []byte
	t    *vfs.Task
	i    int
}

// openSysctl generates sysctl i's content for t. A value nobody may set
// refuses an open for writing, root's included (proc_sys_permission
// does not give way to CAP_DAC_OVERRIDE).
func (o *inodeOps) openSysctl(f *vfs.File, i int, t *vfs.Task) error {
	s, ok := o.ps.k.SysctlAt(i)
	if !ok {
		return linux.ENOENT
	}
	if s.Store == nil && f.Writable() {
		return linux.EACCES
	}
	f.Private = &sysctlFile{text: []byte(s.Show(t)), t: t, i: i}
	return nil
}

// Permission is proc_sys_permission for a sysctl file: the sysctl's own
// rule (vfs.Sysctl.Permission) instead of the inode's mode, so that
// capabilities do not override it and a user namespace's limits are
// writable by whoever has CAP_SYS_RESOURCE there. Other procfs inodes get
// generic_permission.
func (o *inodeOps) Permission(c *vfs.Cred, in *vfs.Inode, mask int) (bool, error) {
	n := nodeOf(in)
	if n.kind == kindTaskDir {
		return o.pidPermission(c, n)
	}
	if n.kind != kindSysctl {
		return false, nil
	}
	s, ok := o.ps.k.SysctlAt(n.fd)
	if !ok {
		return true, linux.ENOENT
	}
	return true, s.Permission(c, mask)
}

// write hands a write to the sysctl's own parser.
func (o *inodeOps) writeSysctl(sf *sysctlFile, p []byte, off int64) (int, error) {
	s, ok := o.ps.k.SysctlAt(sf.i)
	if !ok || s.Store == nil {
		return 0, linux.EACCES
	}
	return s.Store(sf.t, p, off)
}

// lookupSysctl finds name in sysctl directory d.
func (o *inodeOps) lookupSysctl(d int, name string) (*vfs.Inode, error) {
	ents, _ := o.ps.k.SysctlDir(d)
	for _, e := range ents {
		if e.Name != name {
			continue
		}
		if e.Dir {
			return o.newInode(node{kind: kindSysDir, fd: e.Index}, modeOf(kindSysDir), 0), nil
		}
		s, _ := o.ps.k.SysctlAt(e.Index)
		return o.newInode(node{kind: kindSysctl, fd: e.Index}, linux.S_IFREG|s.Mode, 0), nil
	}
	return nil, linux.ENOENT
}

// sysctlDirents lists sysctl directory d in name order, as Linux keeps a
// ctl_dir's entries.
func (o *inodeOps) sysctlDirents(d int) []vfs.Dirent {
	ents, _ := o.ps.k.SysctlDir(d)
	out := make([]vfs.Dirent, len(ents))
	for i, e := range ents {
		out[i] = vfs.Dirent{Name: e.Name, Ino: inoOf(node{kind: kindSysctl, fd: e.Index}), Type: linux.DT_REG}
		if e.Dir {
			out[i].Ino, out[i].Type = inoOf(node{kind: kindSysDir, fd: e.Index}), linux.DT_DIR
		}
	}
	return out
}
