// SPDX-License-Identifier: Apache-2.0

package vfs

// Accessors for tests only: what the allocators hand out, so that a test
// can check that everything it took was given back.

// count returns how many IDs are in use.
func (a *IDA) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, w := range a.words {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// LiveMountIDs returns the number of mount IDs allocated, besides those
// of the kernel's own mounts (KernMount).
func LiveMountIDs(k *Kernel) int { return k.mountIDs.count() - kernMountCount(k) }

// kernMountCount is how many mounts the kernel holds for itself; each has
// its own superblock with an anonymous device number.
func kernMountCount(k *Kernel) int {
	k.lockNamespace()
	defer k.unlockNamespace()
	return len(k.kernMounts)
}

// LiveGroupIDs returns the number of peer group IDs allocated.
func LiveGroupIDs(k *Kernel) int { return k.groupIDs.count() }

// LiveAnonDevs returns the number of anonymous device numbers allocated,
// besides those of the kernel's own mounts.
func LiveAnonDevs(k *Kernel) int { return k.anonDevs.count() - kernMountCount(k) }

// has reports whether id is allocated.
func (a *IDA) has(id int) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := id - a.min
	return i >= 0 && i/64 < len(a.words) && a.words[i/64]&(1<<(i%64)) != 0
}

// NamespaceUsers returns the number of tasks in ns.
func NamespaceUsers(ns *MountNamespace) int32 { return ns.users.Load() }

// HeldMountReleased reports whether the mount of t's descriptor fd (or of
// its working directory, for fd < 0) has been released: a holder must
// keep its mount alive.
func HeldMountReleased(t *Task, fd int) bool {
	if fd < 0 {
		return t.Cwd().Mnt.state.has(stateReleased)
	}
	f, err := t.fdTable().get(fd)
	if err != nil {
		return false
	}
	defer f.DecRef()
	return f.mnt.state.has(stateReleased)
}

// KernMounts returns how many mounts the kernel holds for itself.
func KernMounts(k *Kernel) int { return kernMountCount(k) }
