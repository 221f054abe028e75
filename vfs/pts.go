// SPDX-License-Identifier: Apache-2.0

package vfs

import "github.com/linuxvfs/linuxvfs/abi/linux"

// What the pty driver and devpts need of the core: finding the devpts
// instance next to a ptmx node, and opening a slave for its master.

// PathPts is path_pts: the "pts" beside p (in p's directory, on p's
// mount), through whatever is mounted on it. Only the dcache is looked
// at, as d_hash_and_lookup looks: a mountpoint is always cached. ENOENT
// when there is none, or when p's directory lies outside its mount.
func PathPts(p Path) (Path, error) {
	parent := p.Dentry.Parent()
	if !pathConnected(p.Mnt, parent) {
		return Path{}, linux.ENOENT
	}
	parent.mu.Lock()
	child := parent.childLocked("pts")
	parent.mu.Unlock()
	if child == nil {
		return Path{}, linux.ENOENT
	}
	return traverseMounts(Path{p.Mnt, child}), nil
}

// FollowUpFileBinds climbs from p while it is the root of its mount (a
// file bind-mounted over another, as /dev/pts/ptmx over /dev/ptmx): the
// loop devpts_mntget makes with follow_up before it looks for "pts".
func FollowUpFileBinds(p Path) Path {
	for p.Dentry == p.Mnt.root {
		up, at := p.Mnt.Parent()
		if up == p.Mnt {
			break
		}
		p = Path{up, at}
	}
	return p
}

// DentryOpen is dentry_open and fd_install: the object at p opened with
// flags and t's credentials, with no permission check and no path walk
// (ptm_open_peer opens a pty's slave for its master that way). O_CLOEXEC
// marks the descriptor; with O_PATH the file is a path reference only.
func (t *Task) DentryOpen(p Path, flags uint32) (int, error) {
	if !p.Mnt.tryGet() {
		return -1, linux.ENOENT
	}
	if flags&linux.O_PATH != 0 {
		// As do_dentry_open for O_PATH: a reference to the path, with
		// no file operations to open.
		f := newFile(p, linux.O_PATH, false, false, true)
		f.cred = t.Cred()
		fd, err := t.installFd(f, flags&linux.O_CLOEXEC != 0)
		if err != nil {
			f.DecRef()
		}
		return fd, err
	}
	nd := &nameidata{task: t}
	ops, err := openOps(nd, p.Dentry.Inode(), false)
	if err != nil {
		p.Mnt.mntput()
		return -1, err
	}
	acc := flags & linux.O_ACCMODE
	kept := flags&^(linux.O_CREAT|linux.O_EXCL|linux.O_NOCTTY|linux.O_TRUNC|linux.O_CLOEXEC) | linux.O_LARGEFILE
	f := newFile(p, kept, acc == linux.O_RDONLY || acc == linux.O_RDWR, acc == linux.O_WRONLY || acc == linux.O_RDWR, false)
	f.ops = ops
	f.cred = t.Cred()
	if o, ok := ops.(FileOpener); ok {
		if err := o.Open(f, t); err != nil {
			f.DecRef()
			return -1, err
		}
	}
	fd, err := t.installFd(f, flags&linux.O_CLOEXEC != 0)
	if err != nil {
		f.DecRef()
	}
	return fd, err
}

// Deactivate drops an active reference taken with Activate
// (deactivate_super): a driver that kept a superblock alive past its
// mounts (a pty's hold on its devpts instance) lets go of it.
func (sb *Superblock) Deactivate() { sb.deactivate() }

// InInitMountNamespace reports whether the mounting task is in the
// initial mount namespace (init_task's), or no task mounts: devpts lets
// only such mounts use the reserved ptys.
func (fc *FsContext) InInitMountNamespace() bool {
	return fc.task == nil || fc.task.MountNamespace() == fc.Kernel.initNS
}

// LookupOne is lookup_one_unlocked: name in dir, from the dcache or the
// filesystem, with no permission check (the kernel looking up a node it
// made, as a pty's master finds its slave).
func LookupOne(dir *Dentry, name string) (*Dentry, error) {
	return lookupSlow(dir, name)
}
