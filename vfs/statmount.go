// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"encoding/binary"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// statmount(2) as Linux 6.18 has it (fs/namespace.c). The reply is
// built in one byte slice laid out as the caller will see it: struct
// statmount at its uapi offsets, then the string area, whose offsets
// count from the end of the struct. It is copied out once at the end.

// statmountStringReq is STATMOUNT_STRING_REQ: the bits that want room
// for strings.
const statmountStringReq = linux.STATMOUNT_MNT_ROOT | linux.STATMOUNT_MNT_POINT |
	linux.STATMOUNT_FS_TYPE | linux.STATMOUNT_MNT_OPTS | linux.STATMOUNT_FS_SUBTYPE |
	linux.STATMOUNT_SB_SOURCE | linux.STATMOUNT_OPT_ARRAY | linux.STATMOUNT_OPT_SEC_ARRAY |
	linux.STATMOUNT_MNT_UIDMAP | linux.STATMOUNT_MNT_GIDMAP

// kstatmount is struct kstatmount.
type kstatmount struct {
	t       *Task
	m       *Mount
	mask    uint64 // what was asked
	bufsize int
	root    Path // what mount points are reckoned from
	// out is the reply: STATMOUNT_SIZE bytes of struct, then the
	// strings, each with its NUL.
	out []byte
}

func (s *kstatmount) put32(off int, v uint32) { binary.LittleEndian.PutUint32(s.out[off:], v) }
func (s *kstatmount) put64(off int, v uint64) { binary.LittleEndian.PutUint64(s.out[off:], v) }

// got adds bits to the result mask (sm.mask |= bits).
func (s *kstatmount) got(bits uint64) {
	s.put64(linux.STATMOUNT_OFF_MASK, binary.LittleEndian.Uint64(s.out[linux.STATMOUNT_OFF_MASK:])|bits)
}

// StatmountRaw is statmount(2) with the request and the result buffer as
// a C caller has them: len(req) is what may be read of the request (its
// own size field says how much is), len(buf) is bufsize. Where Linux
// would write strings past bufsize (a buffer smaller than the fixed part
// whose strings came out empty), writing past len(buf) is EFAULT.
func (t *Task) StatmountRaw(req []byte, buf []byte, flags uint32) error {
	if flags != 0 {
		return linux.EINVAL
	}
	r, err := copyMntIDReq(req)
	if err != nil {
		return err
	}
	ns, err := t.grabRequestedMntNS(r)
	if err != nil {
		return err
	}
	if r.MntNsID != 0 && ns != t.MountNamespace() && !t.capableOverMntNS(ns) {
		return linux.EPERM
	}
	s := &kstatmount{t: t, mask: r.Param, bufsize: len(buf), out: make([]byte, linux.STATMOUNT_SIZE)}
	if s.mask&statmountStringReq != 0 && len(buf) == linux.STATMOUNT_SIZE {
		return linux.EOVERFLOW // prepare_kstatmount: no room for a single string
	}
	t.k.lockNamespace()
	err = s.do(r.MntID, r.MntNsID, ns)
	t.k.unlockNamespace()
	if err != nil {
		return err
	}
	return s.copyOut(buf)
}

// do is do_statmount, under the namespace lock.
func (s *kstatmount) do(id, nsID uint64, ns *MountNamespace) error {
	if nsID != 0 && ns.list.empty() {
		return linux.ENOENT // the namespace was emptied meanwhile
	}
	if s.m = ns.lookupMntInNS(id); s.m == nil {
		return linux.ENOENT
	}
	root, err := s.t.grabRequestedRoot(ns)
	if err != nil {
		return err
	}
	s.root = root
	if !isPathReachable(s.m, s.m.root, root) && !s.t.capableOverMntNS(ns) {
		return linux.EPERM
	}
	if s.mask&linux.STATMOUNT_MNT_BASIC != 0 {
		s.mntBasic()
	}
	if s.mask&linux.STATMOUNT_SB_BASIC != 0 {
		s.sbBasic()
	}
	if s.mask&linux.STATMOUNT_PROPAGATE_FROM != 0 {
		s.got(linux.STATMOUNT_PROPAGATE_FROM)
		if s.m.isSlave() {
			s.put64(linux.STATMOUNT_OFF_PROPAGATE_FROM, uint64(getDominatingID(s.m, s.t.Root())))
		}
	}
	if err := s.strings(); err != nil {
		return err
	}
	if s.mask&linux.STATMOUNT_MNT_NS_ID != 0 {
		s.got(linux.STATMOUNT_MNT_NS_ID)
		s.put64(linux.STATMOUNT_OFF_MNT_NS_ID, ns.ID())
	}
	if s.mask&linux.STATMOUNT_SUPPORTED_MASK != 0 {
		s.got(linux.STATMOUNT_SUPPORTED_MASK)
		s.put64(linux.STATMOUNT_OFF_SUPPORTED_MASK, linux.STATMOUNT_SUPPORTED)
	}
	return nil
}

// statmountStrings are the string results in the order Linux makes them,
// each with the offset field that points at it and what renders it.
var statmountStrings = [...]struct {
	bit  uint64
	off  int
	emit func(s *kstatmount) string
}{
	{linux.STATMOUNT_FS_TYPE, linux.STATMOUNT_OFF_FS_TYPE, (*kstatmount).fsType},
	{linux.STATMOUNT_MNT_ROOT, linux.STATMOUNT_OFF_MNT_ROOT, (*kstatmount).mntRoot},
	{linux.STATMOUNT_MNT_POINT, linux.STATMOUNT_OFF_MNT_POINT, (*kstatmount).mntPoint},
	{linux.STATMOUNT_MNT_OPTS, linux.STATMOUNT_OFF_MNT_OPTS, (*kstatmount).mntOpts},
	{linux.STATMOUNT_OPT_ARRAY, linux.STATMOUNT_OFF_OPT_ARRAY, (*kstatmount).optArray},
	{linux.STATMOUNT_OPT_SEC_ARRAY, linux.STATMOUNT_OFF_OPT_SEC_ARRAY, (*kstatmount).optSecArray},
	{linux.STATMOUNT_FS_SUBTYPE, linux.STATMOUNT_OFF_FS_SUBTYPE, (*kstatmount).fsSubtype},
	{linux.STATMOUNT_SB_SOURCE, linux.STATMOUNT_OFF_SB_SOURCE, (*kstatmount).sbSource},
	{linux.STATMOUNT_MNT_UIDMAP, linux.STATMOUNT_OFF_MNT_UIDMAP, (*kstatmount).mntUIDMap},
	{linux.STATMOUNT_MNT_GIDMAP, linux.STATMOUNT_OFF_MNT_GIDMAP, (*kstatmount).mntGIDMap},
}

// strings fills the string area (statmount_string's work for each string
// asked for), stopping at the first that does not fit. As soon as any
// string is asked for the area opens with a lone NUL: every offset field
// left at 0 then names an empty string, even when all results are empty.
func (s *kstatmount) strings() error {
	if s.mask&statmountStringReq == 0 {
		return nil
	}
	s.out = append(s.out, 0)
	for _, e := range statmountStrings {
		if s.mask&e.bit == 0 {
			continue
		}
		if err := s.place(e.bit, e.off, e.emit(s)); err != nil {
			return err
		}
	}
	return nil
}

// place puts one result string at the end of the area and points its
// offset field at it. An empty result is not reported at all: bit and
// offset stay clear and it takes no room. A string whose NUL would land
// past bufsize is EOVERFLOW.
func (s *kstatmount) place(bit uint64, off int, v string) error {
	if v == "" {
		return nil
	}
	at := len(s.out)
	if at+len(v)+1 > s.bufsize {
		return linux.EOVERFLOW
	}
	s.out = append(append(s.out, v...), 0)
	s.got(bit)
	s.put32(off, uint32(at-linux.STATMOUNT_SIZE))
	return nil
}

// copyOut is copy_statmount_to_user: the reply goes to buf in one copy,
// its size field saying how many bytes that is. With no string area a
// short buf gets the head of the struct. A string area always fits
// (place saw to it) unless buf is shorter than the struct and every
// string came out empty; Linux would write that lone NUL past bufsize,
// which is EFAULT here.
func (s *kstatmount) copyOut(buf []byte) error {
	reply := s.out
	if len(reply) == linux.STATMOUNT_SIZE {
		reply = reply[:min(len(reply), len(buf))]
	} else if len(reply) > len(buf) {
		return linux.EFAULT
	}
	s.put32(linux.STATMOUNT_OFF_SIZE, uint32(len(reply)))
	copy(buf, reply)
	return nil
}

// mntBasic is statmount_mnt_basic.
func (s *kstatmount) mntBasic() {
	m := s.m
	p := m.parent()
	s.got(linux.STATMOUNT_MNT_BASIC)
	s.put64(linux.STATMOUNT_OFF_MNT_ID, m.idUnique)
	s.put64(linux.STATMOUNT_OFF_MNT_PARENT_ID, p.idUnique)
	s.put32(linux.STATMOUNT_OFF_MNT_ID_OLD, uint32(m.id))
	s.put32(linux.STATMOUNT_OFF_MNT_PARENT_ID_OLD, uint32(p.id))
	s.put64(linux.STATMOUNT_OFF_MNT_ATTR, mntToAttrFlags(m))
	s.put64(linux.STATMOUNT_OFF_MNT_PROPAGATION, mntToPropagationFlags(m))
	s.put64(linux.STATMOUNT_OFF_MNT_PEER_GROUP, uint64(m.groupID()))
	if m.isSlave() {
		s.put64(linux.STATMOUNT_OFF_MNT_MASTER, uint64(m.master.groupID()))
	}
}

// sbBasic is statmount_sb_basic. The magic number is the one statfs(2)
// reports.
func (s *kstatmount) sbBasic() {
	sb := s.m.sb
	s.got(linux.STATMOUNT_SB_BASIC)
	s.put32(linux.STATMOUNT_OFF_SB_DEV_MAJOR, linux.Major(sb.dev))
	s.put32(linux.STATMOUNT_OFF_SB_DEV_MINOR, linux.Minor(sb.dev))
	if st, err := sb.Ops.Statfs(sb); err == nil {
		s.put64(linux.STATMOUNT_OFF_SB_MAGIC, st.Type)
	}
	s.put32(linux.STATMOUNT_OFF_SB_FLAGS, sb.Flags()&(linux.SB_RDONLY|linux.SB_SYNCHRONOUS|linux.SB_DIRSYNC|linux.SB_LAZYTIME))
}

// mntToAttrFlags is mnt_to_attr_flags: the mount's flags as MOUNT_ATTR_*,
// the atime policy included (relatime being 0).
func mntToAttrFlags(m *Mount) uint64 {
	f := m.Flags()
	var a uint64
	for _, b := range mountAttrBits {
		if f&b.mnt != 0 {
			a |= b.attr
		}
	}
	switch {
	case f&linux.MNT_NOATIME != 0:
		a |= linux.MOUNT_ATTR_NOATIME
	case f&linux.MNT_RELATIME != 0:
		a |= linux.MOUNT_ATTR_RELATIME
	default:
		a |= linux.MOUNT_ATTR_STRICTATIME
	}
	if m.idmap() != nil {
		a |= linux.MOUNT_ATTR_IDMAP
	}
	return a
}

// mntToPropagationFlags is mnt_to_propagation_flags.
func mntToPropagationFlags(m *Mount) uint64 {
	var p uint64
	if m.isShared() {
		p |= linux.MS_SHARED
	}
	if m.isSlave() {
		p |= linux.MS_SLAVE
	}
	if m.isUnbindable() {
		p |= linux.MS_UNBINDABLE
	}
	if p == 0 {
		p = linux.MS_PRIVATE
	}
	return p
}

func (s *kstatmount) fsType() string { return s.m.sb.fsType.Name() }

// fsSubtype is statmount_fs_subtype; no filesystem here has a subtype.
func (s *kstatmount) fsSubtype() string { return "" }

// sbSource is statmount_sb_source: the source as given, unescaped (no
// filesystem here has a show_devname).
func (s *kstatmount) sbSource() string { return s.m.devname }

// mntRoot is statmount_mnt_root: the filesystem's show_path of the
// mount's root, or its dentry_path, not escaped.
func (s *kstatmount) mntRoot() string {
	var b []byte
	d := s.m.root
	if name, ok := s.m.sb.k.nsfsShowPath(d); ok {
		return name
	}
	if ps, ok := s.m.sb.Ops.(PathShower); ok {
		return ps.ShowPath(s.t, d)
	}
	unlinked := d.Unlinked()
	var names []string
	for ; !d.IsRoot(); d = d.Parent() {
		names = append(names, d.Name())
	}
	if len(names) == 0 {
		b = append(b, '/')
	}
	for i := len(names) - 1; i >= 0; i-- {
		b = append(append(b, '/'), names[i]...)
	}
	if unlinked {
		b = append(b, "//deleted"...)
	}
	return string(b)
}

// mntPoint is statmount_mnt_point: the mount's path from the root, not
// escaped; nothing when the mount lies outside it.
func (s *kstatmount) mntPoint() string {
	var w pathWalk
	if w.walk(Path{s.m, s.m.root}, s.root, -1) != reachedRoot {
		return ""
	}
	return w.String()
}

// showOptions is the superblock's show_options output: ",a,b=c", escaped
// as /proc/mounts shows it.
func (s *kstatmount) showOptions() string {
	var sb strings.Builder
	s.m.sb.Ops.ShowOptions(s.m.sb, &sb)
	return sb.String()
}

// mntOpts is statmount_mnt_opts: the filesystem's options as mountinfo's
// super options end, without the leading comma (and without rw/ro and
// the sync/dirsync/lazytime that mountinfo puts before them).
func (s *kstatmount) mntOpts() string {
	o := s.showOptions()
	if o == "" {
		return ""
	}
	return o[1:]
}

// optArray is statmount_opt_array: the options one by one, unescaped,
// separated by NULs; opt_num counts them.
func (s *kstatmount) optArray() string {
	o := s.showOptions()
	if o == "" {
		return ""
	}
	opts := strings.Split(o[1:], ",")
	s.put32(linux.STATMOUNT_OFF_OPT_NUM, uint32(len(opts)))
	var b []byte
	for i, opt := range opts {
		if i > 0 {
			b = append(b, 0)
		}
		b = appendUnescapeOctal(b, opt)
	}
	return string(b)
}

// optSecArray is statmount_opt_sec_array: linuxvfs has no security
// module, so there are no security options.
func (s *kstatmount) optSecArray() string { return "" }

func (s *kstatmount) mntUIDMap() string {
	return s.idmap(s.m.idmap().extentStrings(uidKind, s.t.Cred().UserNS), linux.STATMOUNT_OFF_MNT_UIDMAP_NUM)
}
func (s *kstatmount) mntGIDMap() string {
	return s.idmap(s.m.idmap().extentStrings(gidKind, s.t.Cred().UserNS), linux.STATMOUNT_OFF_MNT_GIDMAP_NUM)
}

// idmap is statmount_mnt_idmap: one "inside outside count" string per
// extent, NUL between them, their number at numOff.
func (s *kstatmount) idmap(extents []string, numOff int) string {
	s.put32(numOff, uint32(len(extents)))
	return strings.Join(extents, "\x00")
}

// appendUnescapeOctal decodes s as string_unescape(UNESCAPE_OCTAL) in
// lib/string_helpers.c does (statmount's option array is made this way):
// a backslash followed by octal digits becomes the byte they spell. Any
// other backslash is literal, and it takes the next byte with it
// unread, so `\\101` stays as it is.
func appendUnescapeOctal(b []byte, s string) []byte {
	for len(s) > 0 {
		c := s[0]
		s = s[1:]
		if c != '\\' || s == "" {
			b = append(b, c)
			continue
		}
		v, used := octalByte(s)
		if used == 0 {
			used = 1
			b = append(b, '\\', s[0])
		} else {
			b = append(b, v)
		}
		s = s[used:]
	}
	return b
}

// octalByte reads the octal number s starts with: at most three digits,
// and never a digit that would take the value above 0o377 (so "400" is
// 0o40 followed by a plain "0"). used is 0 when s starts with no digit.
func octalByte(s string) (v byte, used int) {
	n := 0
	for ; used < 3 && used < len(s); used++ {
		d := int(s[used]) - '0'
		if d < 0 || d > 7 || n*8+d > 0o377 {
			break
		}
		n = n*8 + d
	}
	return byte(n), used
}
