// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

var mntOpts = []struct {
	flag uint32
	name string
}{
	{linux.MNT_NOSUID, ",nosuid"}, {linux.MNT_NODEV, ",nodev"}, {linux.MNT_NOEXEC, ",noexec"},
	{linux.MNT_NOATIME, ",noatime"}, {linux.MNT_NODIRATIME, ",nodiratime"},
	{linux.MNT_RELATIME, ",relatime"}, {linux.MNT_NOSYMFOLLOW, ",nosymfollow"},
}

var sbOpts = []struct {
	flag uint32
	name string
}{
	{linux.SB_SYNCHRONOUS, ",sync"}, {linux.SB_DIRSYNC, ",dirsync"},
	{linux.SB_MANDLOCK, ",mand"}, {linux.SB_LAZYTIME, ",lazytime"},
}

func rwString(ro bool) string {
	if ro {
		return " ro"
	}
	return " rw"
}

// getDominatingID is get_dominating_id: going up m's chain of masters,
// the group ID of the first group with a member in m's namespace whose
// root is visible from root; 0 when there is none.
func getDominatingID(m *Mount, root Path) int {
	ns := m.ns.Load()
	visible := func(p *Mount) bool { return p.ns.Load() == ns && isPathReachable(p, p.root, root) }
	for g := m.master; g != nil; g = g.master {
		for p := range g.peers {
			if visible(p) {
				return int(p.groupID())
			}
		}
	}
	return 0
}

// render holds the scratch space of one mountinfo or mounts rendering, so
// that lines cost no allocations of their own.
type render struct {
	// task is whose view a filesystem's show_path gives (PathShower).
	task  *Task
	b     []byte
	parts []string
	walk  pathWalk
	sb    strings.Builder
	last  lastPath
}

// lastPath is where the previous line put its mount's path: r.b[start:end],
// or no path at all when end < 0.
type lastPath struct {
	m          *Mount
	start, end int
}

// appendMountPath appends the path of m's root as seen from root, or
// reports that it has none. Lines come in creation order, so a mount's
// parent is often the line before (always in a stack or a chain of nested
// mounts): then only the names from the mountpoint up to the parent's root
// are walked and the parent's path is copied, where a walk to the root for
// every line made the whole rendering quadratic in the depth.
func (r *render) appendMountPath(m *Mount, root Path) bool {
	start := len(r.b)
	ok, done := r.appendAfterLast(m, root)
	if !done {
		ok = r.appendPath(Path{m, m.root}, root)
	}
	r.last = lastPath{m, start, len(r.b)}
	if !ok {
		r.last.end = -1
	}
	return ok
}

// appendAfterLast is appendMountPath's shortcut; done is false when it
// does not apply. The walk from the parent's root on is the parent's own,
// so m has a path exactly when the parent had one.
func (r *render) appendAfterLast(m *Mount, root Path) (ok, done bool) {
	if !r.followsLast(m, root) {
		return false, false
	}
	last := r.last
	if last.end < 0 {
		return false, true
	}
	r.reserve(last.end - last.start + r.walk.size + lineTail)
	if last.end-last.start > 1 || len(r.walk.names) == 0 { // not just "/"
		r.b = append(r.b, r.b[last.start:last.end]...)
	}
	for i := len(r.walk.names) - 1; i >= 0; i-- {
		r.b = append(r.b, '/')
		r.appendEscaped(r.walk.names[i])
	}
	return true, true
}

// followsLast reports whether m's path is the previous line's followed by
// the names r.walk now holds: m sits on its parent, the previous line's
// mount, below that parent's root.
func (r *render) followsLast(m *Mount, root Path) bool {
	p, mp := m.Parent()
	if p == m || p != r.last.m || root.Mnt == p || (Path{m, m.root}) == root {
		return false
	}
	return r.walk.walk(Path{p, mp}, Path{p, p.root}, -1) == reachedRoot
}

// pathSize is about the bytes appendMountPath would write for m (escapes
// not counted), or -1 for none, with the same shortcut. Deeply nested
// mounts make mountinfo hundreds of megabytes; sizing the buffer first
// spares copying it over and over as it grows.
func (r *render) pathSize(m *Mount, root Path) int {
	size := -1
	switch {
	case r.followsLast(m, root):
		if last := r.last.end; last >= 0 {
			size = r.walk.size
			if last > 1 || len(r.walk.names) == 0 {
				size += last
			}
		}
	case r.walk.walk(Path{m, m.root}, root, -1) == reachedRoot:
		size = max(r.walk.size, 1)
	}
	r.last = lastPath{m, 0, size}
	return size
}

// appendEscaped is mangle on a byte slice.
func (r *render) appendEscaped(s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\\':
			r.b = append(r.b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			r.b = append(r.b, c)
		}
	}
}

// appendPath appends the escaped path of p as seen from root (__d_path),
// or reports that p has none there: outside root, or moved out from under
// its bind mount. Mountinfo lines grow as needed, so no byte budget.
func (r *render) appendPath(p, root Path) bool {
	if r.walk.walk(p, root, -1) != reachedRoot {
		return false
	}
	r.appendJoined(r.walk.names)
	return true
}

// appendDentryPath appends dentry_path(d), escaped.
func (r *render) appendDentryPath(d *Dentry) {
	r.parts = r.parts[:0]
	unlinked := d.Unlinked()
	for !d.IsRoot() {
		r.parts = append(r.parts, d.Name())
		d = d.Parent()
	}
	r.appendJoined(r.parts)
	if unlinked {
		r.b = append(r.b, "//deleted"...)
	}
}

// appendJoined appends names, innermost first, as an absolute path.
func (r *render) appendJoined(names []string) {
	if len(names) == 0 {
		r.b = append(r.b, '/')
	}
	for i := len(names) - 1; i >= 0; i-- {
		r.b = append(r.b, '/')
		r.appendEscaped(names[i])
	}
}

// lineSize is about what a line takes besides its mount's path.
const lineSize = 128

// lineTail is room enough for what follows a mount's path on its line in
// all but rare cases, so that append never grows the buffer by its own
// quarter steps, each copying the whole rendering.
const lineTail = 512

// reserve makes room for n more bytes, doubling: nested mounts make lines
// as long as the chain is deep, and append's growth by a quarter for large
// slices copied the whole rendering over and over.
func (r *render) reserve(n int) {
	if cap(r.b)-len(r.b) >= n {
		return
	}
	b := make([]byte, len(r.b), 2*cap(r.b)+n)
	copy(b, r.b)
	r.b = b
}

func (r *render) appendInt(n int) { r.b = strconv.AppendInt(r.b, int64(n), 10) }

// appendFsOptions appends the filesystem's show_options.
func (r *render) appendFsOptions(sb *Superblock) {
	r.sb.Reset()
	sb.Ops.ShowOptions(sb, &r.sb)
	r.b = append(r.b, r.sb.String()...)
}

func (r *render) appendMntOpts(m *Mount) {
	f := m.Flags()
	for _, o := range mntOpts {
		if f&o.flag != 0 {
			r.b = append(r.b, o.name...)
		}
	}
	if m.idmap() != nil {
		r.b = append(r.b, ",idmapped"...)
	}
}

func (r *render) appendSbOpts(sb *Superblock) {
	f := sb.Flags()
	for _, o := range sbOpts {
		if f&o.flag != 0 {
			r.b = append(r.b, o.name...)
		}
	}
}

// PathShower is implemented by superblock operations that show the root
// of a mount in mountinfo their own way (->show_path), as cgroup2 shows
// it relative to the reader's cgroup namespace.
type PathShower interface {
	ShowPath(reader *Task, root *Dentry) string
}

// showMountinfo is show_mountinfo: one line of /proc/<pid>/mountinfo, or
// nothing when the mount lies outside root.
func (r *render) showMountinfo(m *Mount, root Path) {
	start := len(r.b)
	sb := m.sb
	r.appendInt(int(m.id))
	r.b = append(r.b, ' ')
	r.appendInt(int(m.parent().id))
	r.b = append(r.b, ' ')
	r.appendInt(int(linux.Major(sb.dev)))
	r.b = append(r.b, ':')
	r.appendInt(int(linux.Minor(sb.dev)))
	r.b = append(r.b, ' ')
	if name, ok := sb.k.nsfsShowPath(m.root); ok {
		r.b = append(r.b, name...)
	} else if ps, ok := sb.Ops.(PathShower); ok && r.task != nil {
		r.appendEscaped(ps.ShowPath(r.task, m.root))
	} else {
		r.appendDentryPath(m.root)
	}
	r.b = append(r.b, ' ')
	if !r.appendMountPath(m, root) {
		r.b = r.b[:start]
		return
	}
	r.b = append(r.b, rwString(m.Flags()&linux.MNT_READONLY != 0)...)
	r.appendMntOpts(m)
	if m.isShared() {
		r.b = append(r.b, " shared:"...)
		r.appendInt(int(m.groupID()))
	}
	if m.isSlave() {
		master := int(m.master.groupID())
		r.b = append(r.b, " master:"...)
		r.appendInt(master)
		if dom := getDominatingID(m, root); dom != 0 && dom != master {
			r.b = append(r.b, " propagate_from:"...)
			r.appendInt(dom)
		}
	}
	if m.isUnbindable() {
		r.b = append(r.b, " unbindable"...)
	}
	r.b = append(r.b, " - "...)
	r.b = append(r.b, sb.fsType.Name()...)
	r.b = append(r.b, ' ')
	r.appendEscaped(m.devname)
	r.b = append(r.b, rwString(sb.ReadOnly())...)
	r.appendSbOpts(sb)
	r.appendFsOptions(sb)
	r.b = append(r.b, '\n')
}

// showVfsmnt is show_vfsmnt: one line of /proc/mounts.
func (r *render) showVfsmnt(m *Mount, root Path) {
	start := len(r.b)
	r.appendEscaped(m.devname)
	r.b = append(r.b, ' ')
	if !r.appendMountPath(m, root) {
		r.b = r.b[:start]
		return
	}
	r.b = append(r.b, ' ')
	r.b = append(r.b, m.sb.fsType.Name()...)
	r.b = append(r.b, rwString(m.ReadOnly())...)
	r.appendSbOpts(m.sb)
	r.appendMntOpts(m)
	r.appendFsOptions(m.sb)
	r.b = append(r.b, " 0 0\n"...)
}

// Mountinfo renders /proc/<pid>/mountinfo as t sees it: its namespace's
// mounts in creation order, those outside its root left out.
func (t *Task) Mountinfo() string { return t.renderMounts((*render).showMountinfo) }

// ProcMounts renders /proc/<pid>/mounts.
func (t *Task) ProcMounts() string { return t.renderMounts((*render).showVfsmnt) }

func (t *Task) renderMounts(show func(*render, *Mount, Path)) string {
	ns := t.MountNamespace()
	root := t.Root()
	t.k.lockNamespace()
	defer t.k.unlockNamespace()
	r := &render{task: t}
	size := 0
	for l := ns.list.next; l != &ns.list; l = l.next {
		size += max(r.pathSize(nsNodeOf(l), root), 0) + lineSize
	}
	r.b, r.last = make([]byte, 0, size), lastPath{}
	for l := ns.list.next; l != &ns.list; l = l.next {
		show(r, nsNodeOf(l), root)
	}
	// r.b is not written again: the string may share it.
	return unsafe.String(unsafe.SliceData(r.b), len(r.b))
}
