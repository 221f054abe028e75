// SPDX-License-Identifier: Apache-2.0

//go:build linux

package vfs_test

// statmount(2) and listmount(2) against the host kernel: the struct the
// host writes is decoded with the same vfs.DecodeStatmount a Go caller of
// linuxvfs uses, so a layout mistake shows as a difference.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// label names v in the transcript by order of first appearance within
// its kind ("m1", "g2", ...): the kernels number mounts, peer groups and
// namespaces differently. 0 stays 0.
func (r *apiRec) label(kind string, v uint64) string {
	if v == 0 {
		return "0"
	}
	if r.labels == nil {
		r.labels = map[string]map[uint64]string{}
	}
	if r.labels[kind] == nil {
		r.labels[kind] = map[uint64]string{}
	}
	l, ok := r.labels[kind][v]
	if !ok {
		l = fmt.Sprintf("%s%d", kind, len(r.labels[kind])+1)
		r.labels[kind][v] = l
	}
	return l
}

// smReq is a struct mnt_id_req of size bytes.
func smReq(size uint32, id, param, nsID uint64, nsFd uint32) []byte {
	return vfs.MntIDReq{Size: size, MntID: id, Param: param, MntNsID: nsID, MntNsFd: nsFd}.Bytes()
}

// sm records statmount(2) of id with mask, the result decoded; base, when
// set, is cut off the front of the mount point (a foreign namespace's
// paths lead to the scenario's tmpfs through the host's tree).
func (r *apiRec) sm(o apiOps, what string, req []byte, bufsize int, base string) vfs.Statmount {
	b, err := o.Statmount(req, bufsize, 0)
	if err != nil {
		r.err(what, err)
		return vfs.Statmount{}
	}
	s, err := vfs.DecodeStatmount(b)
	if err != nil {
		r.err(what+" decode", err)
		return s
	}
	r.lines = append(r.lines, what+" = "+r.smLine(s, base))
	return s
}

// smLine renders the fields the mask has, numbers labelled.
func (r *apiRec) smLine(s vfs.Statmount, base string) string {
	f := []string{fmt.Sprintf("mask=%#x size=%d", s.Mask, s.Size)}
	add := func(bit uint64, format string, args ...any) {
		if s.Mask&bit != 0 {
			f = append(f, fmt.Sprintf(format, args...))
		}
	}
	add(linux.STATMOUNT_SB_BASIC, "dev=%d:%s magic=%#x sbflags=%#x", s.SbDevMajor, r.label("dev", uint64(s.SbDevMinor)), s.SbMagic, s.SbFlags)
	add(linux.STATMOUNT_MNT_BASIC, "id=%s parent=%s old=%s/%s attr=%#x prop=%#x peer=%s master=%s",
		r.label("m", s.MntID), r.label("m", s.MntParentID), r.label("o", uint64(s.MntIDOld)), r.label("o", uint64(s.MntParentIDOld)),
		s.MntAttr, s.MntPropagation, r.label("g", s.MntPeerGroup), r.label("g", s.MntMaster))
	add(linux.STATMOUNT_PROPAGATE_FROM, "from=%s", r.label("g", s.PropagateFrom))
	add(linux.STATMOUNT_FS_TYPE, "type=%q", s.FsType)
	add(linux.STATMOUNT_MNT_ROOT, "root=%q", s.MntRoot)
	point := s.MntPoint
	if base != "" {
		if rest, ok := strings.CutPrefix(point, base); ok && (rest == "" || rest[0] == '/') {
			point = "<base>" + rest
			f[0] = fmt.Sprintf("mask=%#x size=<base>+%d", s.Mask, int(s.Size)-len(base))
		}
	}
	add(linux.STATMOUNT_MNT_POINT, "point=%q", point)
	add(linux.STATMOUNT_MNT_NS_ID, "ns=%s", r.label("ns", s.MntNsID))
	add(linux.STATMOUNT_MNT_OPTS, "opts=%q", s.MntOpts)
	add(linux.STATMOUNT_OPT_ARRAY, "optarr=%q", s.OptArray)
	add(linux.STATMOUNT_OPT_SEC_ARRAY, "secarr=%q", s.OptSecArray)
	add(linux.STATMOUNT_FS_SUBTYPE, "subtype=%q", s.FsSubtype)
	add(linux.STATMOUNT_SB_SOURCE, "source=%q", s.SbSource)
	add(linux.STATMOUNT_SUPPORTED_MASK, "supported=%#x", s.SupportedMask)
	add(linux.STATMOUNT_MNT_UIDMAP, "uidmap=%q", s.MntUIDMap)
	add(linux.STATMOUNT_MNT_GIDMAP, "gidmap=%q", s.MntGIDMap)
	return strings.Join(f, " ")
}

// lm records listmount(2), the IDs labelled.
func (r *apiRec) lm(o apiOps, what string, req []byte, nr int, flags uint32) []uint64 {
	ids, err := o.Listmount(req, nr, flags)
	if err != nil {
		r.err(what, err)
		return nil
	}
	var l []string
	for _, id := range ids {
		if id <= linux.MNT_UNIQUE_ID_OFFSET {
			l = append(l, fmt.Sprintf("BAD(%#x)", id))
			continue
		}
		l = append(l, r.label("m", id))
	}
	r.lines = append(r.lines, fmt.Sprintf("%s = %d %v", what, len(ids), l))
	return ids
}

// statxID records statx's unique mount ID, labelled.
func (r *apiRec) statxID(o apiOps, what string, dfd int, path string, flags int) uint64 {
	id, mask, err := o.StatxMntID(dfd, path, flags)
	if err != nil {
		r.err(what, err)
		return 0
	}
	r.lines = append(r.lines, fmt.Sprintf("%s = %s mask=%#x", what, r.label("m", id), mask))
	return id
}

// smAll is every bit 6.18 has.
const smAll = linux.STATMOUNT_SUPPORTED

// rootID is the unique ID of the scenario's root mount: the first that
// listmount gives below the root.
func rootID(o apiOps, r *apiRec) uint64 {
	ids := r.lm(o, "listmount root", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

var statmountScenarios = map[string]func(o apiOps, r *apiRec){
	"statmount-fields": func(o apiOps, r *apiRec) {
		root := rootID(o, r)
		r.sm(o, "root", smReq(24, root, smAll, 0, 0), 4096, "")
		r.err("mkdir a", o.Mkdir("/a"))
		r.err("mount a", o.MountFS("srcA", "/a", "tmpfs", linux.MS_NOSUID|linux.MS_NOEXEC|linux.MS_NOATIME, "size=1m,mode=700,nr_inodes=77"))
		r.err("mkdir a/sub", o.Mkdir("/a/sub"))
		r.err("mkdir a/sp ace\\134", o.Mkdir("/a/sp ace\\134"))
		r.err("mkdir b", o.Mkdir("/b"))
		r.err("bind a/sub b", o.MountFS("/a/sub", "/b", "", linux.MS_BIND, ""))
		r.err("mkdir c", o.Mkdir("/c"))
		r.err("bind a/sp c", o.MountFS("/a/sp ace\\134", "/c", "", linux.MS_BIND, ""))
		r.err("mkdir d", o.Mkdir("/d"))
		r.err("mount d ro", o.MountFS("with space\\x", "/d", "tmpfs", linux.MS_RDONLY|linux.MS_STRICTATIME|linux.MS_NODEV|linux.MS_NODIRATIME, ""))
		r.err("mkdir e", o.Mkdir("/e"))
		r.err("mount e sync", o.MountFS("e", "/e", "tmpfs", linux.MS_SYNCHRONOUS|linux.MS_DIRSYNC|linux.MS_LAZYTIME|linux.MS_NOSYMFOLLOW, "huge=within_size"))
		r.err("rmdir a/sub", o.Rmdir("/a/sub"))
		r.err("share a", o.MountSetattr(linux.AT_FDCWD, "/a", 0, mountAttr(0, 0, linux.MS_SHARED, 0)))
		r.err("mkdir f", o.Mkdir("/f"))
		r.err("bind a f", o.MountFS("/a", "/f", "", linux.MS_BIND, ""))
		r.err("slave f", o.MountSetattr(linux.AT_FDCWD, "/f", 0, mountAttr(0, 0, linux.MS_SLAVE, 0)))
		r.err("share f", o.MountSetattr(linux.AT_FDCWD, "/f", 0, mountAttr(0, 0, linux.MS_SHARED, 0)))
		r.err("unbindable c", o.MountSetattr(linux.AT_FDCWD, "/c", 0, mountAttr(0, 0, linux.MS_UNBINDABLE, 0)))
		r.err("mkdir p", o.Mkdir("/p"))
		r.err("mount proc", o.MountFS("proc", "/p", "proc", linux.MS_RDONLY, "hidepid=invisible,subset=pid"))
		r.err("mkdir a/m", o.Mkdir("/a/m"))
		r.err("mount a/m", o.MountFS("inner", "/a/m", "tmpfs", 0, "uid=5,gid=6,mode=1777"))
		for _, id := range r.lm(o, "listmount", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0) {
			r.sm(o, "statmount "+r.label("m", id), smReq(24, id, smAll, 0, 0), 4096, "")
		}
		ids := r.lm(o, "listmount reverse", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, linux.LISTMOUNT_REVERSE)
		if len(ids) > 3 {
			r.lm(o, "listmount below a", smReq(24, ids[len(ids)-2], 0, 0, 0), 100, 0)
		}
	},
	"statmount-sizes": func(o apiOps, r *apiRec) {
		root := rootID(o, r)
		for _, c := range []struct {
			what    string
			mask    uint64
			bufsize int
		}{
			{"basic 0", linux.STATMOUNT_MNT_BASIC, 0}, {"basic 16", linux.STATMOUNT_MNT_BASIC, 16},
			{"basic 100", linux.STATMOUNT_MNT_BASIC, 100}, {"basic 512", linux.STATMOUNT_MNT_BASIC, 512},
			{"basic 600", linux.STATMOUNT_MNT_BASIC, 600}, {"mask 0", 0, 600}, {"unknown bits", 1 << 40, 600},
			{"root 512", linux.STATMOUNT_MNT_ROOT, 512}, {"root 513", linux.STATMOUNT_MNT_ROOT, 513},
			{"root 514", linux.STATMOUNT_MNT_ROOT, 514}, {"root 515", linux.STATMOUNT_MNT_ROOT, 515},
			{"type 100", linux.STATMOUNT_FS_TYPE, 100}, {"type+root 518", linux.STATMOUNT_FS_TYPE | linux.STATMOUNT_MNT_ROOT, 518},
			{"type+root 520", linux.STATMOUNT_FS_TYPE | linux.STATMOUNT_MNT_ROOT, 520},
			{"subtype 600", linux.STATMOUNT_FS_SUBTYPE, 600}, {"sec 600", linux.STATMOUNT_OPT_SEC_ARRAY, 600},
			{"uidmap 600", linux.STATMOUNT_MNT_UIDMAP | linux.STATMOUNT_MNT_GIDMAP, 600},
			{"supported 8", linux.STATMOUNT_SUPPORTED_MASK, 8}, {"ns 200", linux.STATMOUNT_MNT_NS_ID, 200},
		} {
			r.sm(o, c.what, smReq(24, root, c.mask, 0, 0), c.bufsize, "")
		}
	},
	"statmount-errors": func(o apiOps, r *apiRec) {
		root := rootID(o, r)
		basic := uint64(linux.STATMOUNT_MNT_BASIC)
		r.sm(o, "size 32", smReq(32, root, basic, 0, 0), 600, "")
		r.sm(o, "size 40 zero tail", smReq(40, root, basic, 0, 0), 600, "")
		tail := smReq(40, root, basic, 0, 0)
		tail[39] = 1
		r.sm(o, "size 40 nonzero tail", tail, 600, "")
		r.sm(o, "size 23", smReq(23, root, basic, 0, 0), 600, "")
		r.sm(o, "size 4097", smReq(4097, root, basic, 0, 0), 600, "")
		r.sm(o, "id offset", smReq(24, linux.MNT_UNIQUE_ID_OFFSET, basic, 0, 0), 600, "")
		r.sm(o, "id 5", smReq(24, 5, basic, 0, 0), 600, "")
		r.sm(o, "LSMT_ROOT", smReq(24, linux.LSMT_ROOT, basic, 0, 0), 600, "")
		r.sm(o, "missing", smReq(24, root+1<<40, basic, 0, 0), 600, "")
		_, err := o.Statmount(smReq(24, root, basic, 0, 0), 600, 1)
		r.err("flags 1", err)
		r.sm(o, "ns id missing", smReq(32, root, basic, 1<<50, 0), 600, "")
		r.sm(o, "ns fd and id", smReq(32, root, basic, 1, 1), 600, "")
		r.sm(o, "ns fd 999", smReq(24, root, basic, 0, 999), 600, "")
		dfd := r.fd("open /")(o.Open("/", oPath))
		r.sm(o, "ns fd O_PATH", smReq(24, root, basic, 0, uint32(dfd)), 600, "")
		r.err("mkdir x", o.Mkdir("/x"))
		xfd := r.fd("open /")(o.Open("/x", oDir))
		r.sm(o, "ns fd not nsfs", smReq(24, root, basic, 0, uint32(xfd)), 600, "")
		r.lm(o, "lm flags 2", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 10, 2)
		r.lm(o, "lm nr max+1", smReq(24, linux.LSMT_ROOT, 0, 0, 0), linux.LISTMOUNT_MAX+1, 0)
		r.lm(o, "lm nr max+1 size 20", smReq(20, linux.LSMT_ROOT, 0, 0, 0), linux.LISTMOUNT_MAX+1, 0)
		r.lm(o, "lm nr 0", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 0, 0)
		r.lm(o, "lm size 20", smReq(20, linux.LSMT_ROOT, 0, 0, 0), 10, 0)
		r.lm(o, "lm size 4097", smReq(4097, linux.LSMT_ROOT, 0, 0, 0), 10, 0)
		r.lm(o, "lm id 0", smReq(24, 0, 0, 0, 0), 10, 0)
		r.lm(o, "lm param 5", smReq(24, linux.LSMT_ROOT, 5, 0, 0), 10, 0)
		r.lm(o, "lm param offset", smReq(24, linux.LSMT_ROOT, linux.MNT_UNIQUE_ID_OFFSET, 0, 0), 10, 0)
		r.lm(o, "lm missing", smReq(24, root+1<<40, 0, 0, 0), 10, 0)
		r.lm(o, "lm ns id missing", smReq(32, linux.LSMT_ROOT, 0, 1<<50, 0), 10, 0)
		r.lm(o, "lm ns fd O_PATH", smReq(24, linux.LSMT_ROOT, 0, 0, uint32(dfd)), 10, 0)
		r.lm(o, "lm ns fd not nsfs", smReq(24, linux.LSMT_ROOT, 0, 0, uint32(xfd)), 10, 0)
		r.lm(o, "lm ns fd 999", smReq(24, linux.LSMT_ROOT, 0, 0, 999), 10, 0)
	},
	"listmount-paging": func(o apiOps, r *apiRec) {
		rootID(o, r)
		for _, d := range []string{"/a", "/b", "/a/x", "/c"} {
			r.err("mkdir "+d, o.Mkdir(d))
			r.err("mount "+d, o.MountTmpfs(d))
		}
		r.err("mkdir a/y", o.Mkdir("/a/y"))
		r.err("mount a/y", o.MountTmpfs("/a/y"))
		all := r.lm(o, "all", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		for _, rev := range []uint32{0, linux.LISTMOUNT_REVERSE} {
			last := uint64(0)
			for i := 0; i < 8; i++ {
				ids := r.lm(o, fmt.Sprintf("page rev=%d after %s", rev, r.label("m", last)), smReq(24, linux.LSMT_ROOT, last, 0, 0), 2, rev)
				if len(ids) == 0 {
					break
				}
				last = ids[len(ids)-1]
			}
		}
		r.lm(o, "param max", smReq(24, linux.LSMT_ROOT, ^uint64(0), 0, 0), 100, 0)
		r.lm(o, "param max reverse", smReq(24, linux.LSMT_ROOT, ^uint64(0), 0, 0), 100, linux.LISTMOUNT_REVERSE)
		if len(all) == 6 {
			r.lm(o, "below a", smReq(24, all[1], 0, 0, 0), 100, 0)
			r.lm(o, "below a reverse", smReq(24, all[1], 0, 0, 0), 100, linux.LISTMOUNT_REVERSE)
			r.lm(o, "below a/x", smReq(24, all[3], 0, 0, 0), 100, 0)
			r.lm(o, "below root", smReq(24, all[0], 0, 0, 0), 100, 0)
			r.err("umount a/x", o.Umount2("/a/x", 0))
			r.lm(o, "after umount", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
			r.sm(o, "umounted", smReq(24, all[3], linux.STATMOUNT_MNT_BASIC, 0, 0), 600, "")
			r.lm(o, "below umounted", smReq(24, all[3], 0, 0, 0), 100, 0)
		}
	},
	"statmount-detached": func(o apiOps, r *apiRec) {
		rootID(o, r)
		fd := r.fd("fsopen")(o.Fsopen("tmpfs", 0))
		r.err("create", o.Fsconfig(fd, linux.FSCONFIG_CMD_CREATE, nil, nil, 0))
		m := r.fd("fsmount")(o.Fsmount(fd, 0, 0))
		id := r.statxID(o, "statx detached", m, "", linux.AT_EMPTY_PATH)
		r.sm(o, "statmount detached", smReq(24, id, smAll, 0, 0), 4096, "")
		before := r.lm(o, "before attach", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		r.err("mkdir t", o.Mkdir("/t"))
		r.err("attach", o.MoveMount(m, "", linux.AT_FDCWD, "/t", linux.MOVE_MOUNT_F_EMPTY_PATH))
		after := r.lm(o, "after attach", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		if len(after) > len(before) {
			r.sm(o, "attached", smReq(24, after[len(after)-1], smAll, 0, 0), 4096, "")
		}
		r.statxID(o, "statx attached", m, "", linux.AT_EMPTY_PATH)
		r.statxID(o, "statx /t", linux.AT_FDCWD, "/t", 0)
		r.statxID(o, "statx /", linux.AT_FDCWD, "/", 0)
		cl := r.fd("open_tree clone")(o.OpenTree(linux.AT_FDCWD, "/t", linux.OPEN_TREE_CLONE))
		r.sm(o, "statmount clone", smReq(24, r.statxID(o, "statx clone", cl, "", linux.AT_EMPTY_PATH), smAll, 0, 0), 4096, "")
		r.lm(o, "with clone open", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		r.err("close clone", o.Close(cl))
	},
	"statmount-chroot": func(o apiOps, r *apiRec) {
		rootID(o, r)
		for _, d := range []string{"/in", "/out", "/in/sub"} {
			r.err("mkdir "+d, o.Mkdir(d))
		}
		r.err("mount out", o.MountTmpfs("/out"))
		r.err("mount in/sub", o.MountTmpfs("/in/sub"))
		all := r.lm(o, "all", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		r.err("chroot in", o.Chroot("/in"))
		r.lm(o, "chrooted", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		for _, id := range all {
			r.sm(o, "chrooted "+r.label("m", id), smReq(24, id, linux.STATMOUNT_MNT_POINT|linux.STATMOUNT_MNT_ROOT, 0, 0), 4096, "")
			r.lm(o, "chrooted below "+r.label("m", id), smReq(24, id, 0, 0, 0), 100, 0)
		}
		o.AsUser(func() {
			for _, id := range all {
				r.sm(o, "user "+r.label("m", id), smReq(24, id, linux.STATMOUNT_MNT_POINT, 0, 0), 4096, "")
				r.lm(o, "user below "+r.label("m", id), smReq(24, id, 0, 0, 0), 100, 0)
			}
			r.lm(o, "user root", smReq(24, linux.LSMT_ROOT, 0, 0, 0), 100, 0)
		})
	},
	"statmount-other-ns": func(o apiOps, r *apiRec) {
		root := rootID(o, r)
		r.err("mkdir a", o.Mkdir("/a"))
		r.err("mount a", o.MountTmpfs("/a"))
		r.err("mkdir p", o.Mkdir("/p"))
		r.err("mount proc", o.MountFS("proc", "/p", "proc", 0, ""))
		nsfd := r.fd("open ns")(o.Open("/p/thread-self/ns/mnt", linux.O_RDONLY))
		pathfd := r.fd("open ns O_PATH")(o.Open("/p/thread-self/ns/mnt", oPath))
		r.err("umount proc", o.Umount2("/p", linux.MNT_DETACH))
		mine := r.sm(o, "own ns id", smReq(24, root, linux.STATMOUNT_MNT_NS_ID, 0, 0), 600, "")
		r.err("unshare", o.UnshareNS())
		r.sm(o, "new ns id", smReq(24, rootID(o, r), linux.STATMOUNT_MNT_NS_ID, 0, 0), 600, "")
		r.sm(o, "old root, no ns named", smReq(24, root, linux.STATMOUNT_MNT_BASIC, 0, 0), 600, "")
		var base string // where the old root is, seen from the old namespace's root
		if b, err := o.Statmount(smReq(24, root, linux.STATMOUNT_MNT_POINT, 0, uint32(nsfd)), 4096, 0); err == nil {
			s, _ := vfs.DecodeStatmount(b)
			base = s.MntPoint
		}
		r.sm(o, "old root by fd", smReq(24, root, smAll, 0, uint32(nsfd)), 4096, base)
		r.sm(o, "old root by id", smReq(32, root, smAll, mine.MntNsID, 0), 4096, base)
		r.sm(o, "old root by O_PATH fd", smReq(24, root, smAll, 0, uint32(pathfd)), 4096, base)
		r.lm(o, "lm by O_PATH fd", smReq(24, linux.LSMT_ROOT, 0, 0, uint32(pathfd)), 1000, 0)
		ids, err := o.Listmount(smReq(32, linux.LSMT_ROOT, 0, mine.MntNsID, 0), 1000, 0)
		r.err("lm by id", err)
		for _, id := range ids {
			// The host lists its whole tree: keep the scenario's part.
			b, err := o.Statmount(smReq(32, id, smAll, mine.MntNsID, 0), 4096, 0)
			if err != nil {
				r.err("foreign statmount", err)
				continue
			}
			s, _ := vfs.DecodeStatmount(b)
			if s.MntID == root || strings.HasPrefix(s.MntPoint, base+"/") {
				r.lines = append(r.lines, "foreign = "+r.smLine(s, base))
			}
		}
		r.lm(o, "lm below old root by fd", smReq(24, root, 0, 0, uint32(nsfd)), 1000, 0)
		o.AsUser(func() {
			r.sm(o, "user by id", smReq(32, root, linux.STATMOUNT_MNT_BASIC, mine.MntNsID, 0), 4096, base)
			r.sm(o, "user by fd", smReq(24, root, linux.STATMOUNT_MNT_BASIC, 0, uint32(nsfd)), 4096, base)
			r.lm(o, "user lm by id", smReq(32, root, 0, mine.MntNsID, 0), 1000, 0)
			r.lm(o, "user lm by fd", smReq(24, root, 0, 0, uint32(nsfd)), 1000, 0)
		})
		r.err("close ns fd", o.Close(nsfd))
		r.err("close O_PATH fd", o.Close(pathfd))
		r.sm(o, "old ns gone", smReq(32, root, linux.STATMOUNT_MNT_BASIC, mine.MntNsID, 0), 600, "")
		r.lm(o, "lm old ns gone", smReq(32, linux.LSMT_ROOT, 0, mine.MntNsID, 0), 10, 0)
	},
}

func TestHostStatmount(t *testing.T) {
	for name, sc := range statmountScenarios {
		t.Run(name, func(t *testing.T) { compareAPI(t, sc) })
	}
}
