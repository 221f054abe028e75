// SPDX-License-Identifier: Apache-2.0

package vfs

import "fmt"

// CheckMountStacks verifies the stack cache (mount_stack.go) of every mount
// of ns against a climb one lookup at a time: exact for each mount, and
// traverse_mounts from each mountpoint, each mount root and each of extra
// ends where the climb does. For tests.
func CheckMountStacks(ns *MountNamespace, extra ...Path) error {
	k := ns.k
	k.lockNamespace()
	defer k.unlockNamespace()
	paths := extra
	for l := ns.list.next; l != &ns.list; l = l.next {
		m := nsNodeOf(l)
		if err := checkStackCache(m); err != nil {
			return err
		}
		paths = append(paths, Path{m, m.root})
		if p, mp := m.Parent(); p != m {
			paths = append(paths, Path{p, mp})
		}
	}
	for _, p := range paths {
		if got, want := traverseMounts(p), slowTraverse(p); got != want {
			return fmt.Errorf("traverse from mount %d: mount %d, want mount %d", p.Mnt.id, got.Mnt.id, want.Mnt.id)
		}
	}
	return nil
}

func slowTraverse(p Path) Path {
	for p.Dentry.mounted.Load() > 0 {
		c := p.Mnt.lookupMntLocked(p.Dentry)
		if c == nil {
			break
		}
		p = Path{c, c.root}
	}
	return p
}

// checkStackCache compares m's cache with what it should be.
func checkStackCache(m *Mount) error {
	if willBeUnmounted(m) {
		return nil
	}
	got := m.stack.Load()
	if isOvermount(m) {
		base := m
		for isOvermount(base) {
			base = base.parent()
		}
		if got != base {
			return fmt.Errorf("overmount %d: cached base %v, want %d", m.id, idOf(got), base.id)
		}
		return nil
	}
	top := m
	for c := m.lookupMntLocked(m.root); c != nil; c = c.lookupMntLocked(c.root) {
		top = c
	}
	if top == m {
		top = nil
	}
	if got != top {
		return fmt.Errorf("base %d: cached top %v, want %v", m.id, idOf(got), idOf(top))
	}
	return nil
}

func idOf(m *Mount) any {
	if m == nil {
		return nil
	}
	return m.id
}

// MountinfoLineByLine renders t's mountinfo and mounts with a fresh render
// for every line, without the shortcut that reuses the line before. For
// tests.
func MountinfoLineByLine(t *Task) (mountinfo, mounts string) {
	return t.renderEach((*render).showMountinfo), t.renderEach((*render).showVfsmnt)
}

func (t *Task) renderEach(show func(*render, *Mount, Path)) string {
	ns := t.MountNamespace()
	root := t.Root()
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	var out []byte
	for l := ns.list.next; l != &ns.list; l = l.next {
		r := &render{}
		show(r, nsNodeOf(l), root)
		out = append(out, r.b...)
	}
	return string(out)
}
