// SPDX-License-Identifier: Apache-2.0

package vfs

// Revalidator is implemented by inode operations whose cached children can
// go stale without the VFS seeing it (->d_revalidate): procfs's
// /proc/<pid>, which ends with its task, and fd/N, which follows the
// descriptor table. A false answer drops the cached dentry, and the name is
// looked up afresh.
type Revalidator interface {
	Revalidate(dir *Inode, name string, child *Inode) bool
}

// RefWalkRevalidator is implemented by a Revalidator that cannot check
// some cached children without leaving the RCU walk (->d_revalidate
// returning -ECHILD under LOOKUP_RCU, as procfs's fixed entries, /proc/sys
// and fd/N do): RESOLVE_CACHED gives EAGAIN for those, however fresh.
type RefWalkRevalidator interface {
	RevalidateNeedsRefWalk(dir *Inode, name string, child *Inode) bool
}

// needsRefWalk reports whether checking d would end an RCU walk.
func needsRefWalk(dir *Dentry, name string, d *Dentry) bool {
	r, ok := dir.Inode().reval.(RefWalkRevalidator)
	return ok && r.RevalidateNeedsRefWalk(dir.Inode(), name, d.Inode())
}

// stale reports whether the cached child d of dir no longer stands for
// what name is. A mountpoint stays: Linux would detach what is mounted on
// it (d_invalidate), which a lookup has no business doing here.
func stale(dir *Dentry, name string, d *Dentry) bool {
	r := dir.Inode().reval
	return r != nil && d.mounted.Load() == 0 && !r.Revalidate(dir.Inode(), name, d.Inode())
}

// Invalidate drops the cached child name of dir, if any (d_invalidate
// without the mount detaching: a mountpoint stays cached). Filesystems call
// it when an object goes away behind the dcache, as procfs does when a
// task exits (proc_flush_pid).
func (d *Dentry) Invalidate(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c := d.childLocked(name); c != nil && c.mounted.Load() == 0 {
		d.removeChildLocked(name)
	}
}
