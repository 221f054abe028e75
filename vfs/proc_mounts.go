package vfs

import (
	"strconv"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// mangle is seq_escape with " \t\n\\": those bytes become octal escapes.
func mangle(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\\':
			b.WriteByte('\\')
			b.WriteByte('0' + c>>6)
			b.WriteByte('0' + c>>3&7)
			b.WriteByte('0' + c&7)
		default:
			b.WriteByte(c)
		}
	}
}

// dentryPath is dentry_path: d's path from its superblock's root, with
// "//deleted" once unlinked.
func dentryPath(d *Dentry) string {
	var parts []string
	unlinked := d.Unlinked()
	for !d.IsRoot() {
		parts = append(parts, d.Name())
		d = d.Parent()
	}
	s := "/" + joinReversed(parts)
	if unlinked {
		s += "//deleted"
	}
	return s
}

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

// showMntOpts is show_mnt_opts.
func showMntOpts(b *strings.Builder, m *Mount) {
	f := m.Flags()
	for _, o := range mntOpts {
		if f&o.flag != 0 {
			b.WriteString(o.name)
		}
	}
}

// showSbOpts is show_sb_opts.
func showSbOpts(b *strings.Builder, sb *Superblock) {
	f := sb.Flags()
	for _, o := range sbOpts {
		if f&o.flag != 0 {
			b.WriteString(o.name)
		}
	}
}

func rwString(ro bool) string {
	if ro {
		return " ro"
	}
	return " rw"
}

// getDominatingID is get_dominating_id: the closest master peer group with
// a member visible under root.
func getDominatingID(m *Mount, root Path) int {
	for mm := m.master; mm != nil; mm = mm.master {
		p := mm
		for {
			if p.ns.Load() == m.ns.Load() && isPathReachable(p, p.root, root) {
				return p.groupID
			}
			if p = nextPeer(p); p == mm {
				break
			}
		}
	}
	return 0
}

// showMountinfo is show_mountinfo: one line of /proc/<pid>/mountinfo, or
// false when the mount lies outside root.
func showMountinfo(b *strings.Builder, m *Mount, root Path) bool {
	mp, ok := dPath(Path{m, m.root}, root)
	if !ok {
		return false
	}
	sb := m.sb
	parent := m.parent()
	b.WriteString(strconv.Itoa(m.id) + " " + strconv.Itoa(parent.id) + " ")
	b.WriteString(strconv.Itoa(int(linux.Major(sb.dev))) + ":" + strconv.Itoa(int(linux.Minor(sb.dev))) + " ")
	mangle(b, dentryPath(m.root))
	b.WriteByte(' ')
	mangle(b, mp)
	b.WriteString(rwString(m.Flags()&linux.MNT_READONLY != 0))
	showMntOpts(b, m)
	if m.isShared() {
		b.WriteString(" shared:" + strconv.Itoa(m.groupID))
	}
	if m.isSlave() {
		master := m.master.groupID
		b.WriteString(" master:" + strconv.Itoa(master))
		if dom := getDominatingID(m, root); dom != 0 && dom != master {
			b.WriteString(" propagate_from:" + strconv.Itoa(dom))
		}
	}
	if m.isUnbindable() {
		b.WriteString(" unbindable")
	}
	b.WriteString(" - " + sb.fsType.Name() + " ")
	mangle(b, m.devname)
	b.WriteString(rwString(sb.ReadOnly()))
	showSbOpts(b, sb)
	sb.Ops.ShowOptions(sb, b)
	b.WriteByte('\n')
	return true
}

// showVfsmnt is show_vfsmnt: one line of /proc/mounts.
func showVfsmnt(b *strings.Builder, m *Mount, root Path) bool {
	mp, ok := dPath(Path{m, m.root}, root)
	if !ok {
		return false
	}
	mangle(b, m.devname)
	b.WriteByte(' ')
	mangle(b, mp)
	b.WriteString(" " + m.sb.fsType.Name())
	b.WriteString(rwString(m.ReadOnly()))
	showSbOpts(b, m.sb)
	showMntOpts(b, m)
	m.sb.Ops.ShowOptions(m.sb, b)
	b.WriteString(" 0 0\n")
	return true
}

// Mountinfo renders /proc/<pid>/mountinfo as t sees it: its namespace's
// mounts in creation order, those outside its root left out.
func (t *Task) Mountinfo() string { return t.renderMounts(showMountinfo) }

// ProcMounts renders /proc/<pid>/mounts.
func (t *Task) ProcMounts() string { return t.renderMounts(showVfsmnt) }

func (t *Task) renderMounts(show func(*strings.Builder, *Mount, Path) bool) string {
	ns := t.MountNamespace()
	root := t.Root()
	t.k.namespaceMu.Lock()
	defer t.k.namespaceMu.Unlock()
	var b strings.Builder
	for l := ns.list.next; l != &ns.list; l = l.next {
		show(&b, l.m, root)
	}
	return b.String()
}
