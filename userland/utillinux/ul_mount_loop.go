// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// libmount's loop device hook (libmount/src/context_loopdev.c) and the
// part of libblkid that mount(8) uses to guess a filesystem type.

// More of libmount's error codes (MNT_ERR_*).
const (
	ulErrLoopdev     = 5003
	ulErrAmbifs      = 5006
	ulErrLoopOverlap = 5007
)

// ulBlkidTypes are the names libblkid's superblock probers have
// (blkid_known_fstype): filesystems that live on block devices.
var ulBlkidTypes = strings.Fields(`BitLocker DM_integrity DM_snapshot_cow
	DM_verity_hash LVM1_member LVM2_member ReFS VMFS VMFS_volume_member
	adaptec_raid_member apfs bcache befs bfs btrfs ceph_bluestore cramfs
	crypto_LUKS ddf_raid_member drbd drbdmanage_control_volume
	drbdproxy_datalog erofs exfat exfs ext2 ext3 ext4 ext4dev f2fs gfs gfs2
	hfs hfsplus hpfs hpt37x_raid_member hpt45x_raid_member iso9660
	isw_raid_member jbd jfs jmicron_raid_member linux_raid_member
	lsi_mega_raid_member minix mpool nilfs2 nss ntfs nvidia_raid_member ocfs
	ocfs2 oracleasm promise_fasttrack_raid_member reiser4 reiserfs romfs
	silicon_medley_raid_member squashfs squashfs3 swap swsuspend sysv ubi
	ubifs udf ufs vdo vfat via_raid_member vxfs xenix xfs xfs_external_log
	zfs_member zonefs`)

// ulBlkidKnownFstype is blkid_known_fstype.
func ulBlkidKnownFstype(typ string) bool {
	for _, t := range ulBlkidTypes {
		if t == typ {
			return true
		}
	}
	return false
}

// isLoopdev is mnt_context_is_loopdev: loop options were given, or the
// source is a regular file of more than 1 KiB and the type is unknown or
// one libblkid knows (a filesystem of block devices); then "loop" is
// added to the options.
func (m *ulMountCtx) isLoopdev() bool {
	src := m.srcpath()
	if src == "" {
		return false
	}
	if m.userflags&(ulMsLoop|ulMsOffset|ulMsSizelimit) != 0 {
		return true
	}
	if m.mountflags&(linux.MS_BIND|linux.MS_MOVE) != 0 || m.propagationOnly() {
		return false
	}
	typ := m.fstype
	if ulIsPseudoFstype(typ) || ulIsNetFstype(typ) || typ == "swap" {
		return false
	}
	if typ != "" && typ != "auto" && !ulBlkidKnownFstype(typ) {
		return false
	}
	st, err := m.t.Stat(src)
	if err != nil || !applet.IsReg(uint32(st.Mode)) || st.Size <= 1024 {
		return false
	}
	m.userflags |= ulMsLoop
	m.userOpts = append(m.userOpts, "loop")
	return true
}

// ulUserOpt is mnt_optstr_get_option on the user options: the value, and
// whether the option was there with "=".
func (m *ulMountCtx) userOpt(name string) (val string, found, hasVal bool) {
	for _, o := range m.userOpts {
		if n, v, has := ulOptName(o); n == name {
			return v, true, has
		}
	}
	return "", false, false
}

// loopSettings reads loop=, offset=, sizelimit= and encryption= for
// setupLoopdev.
func (m *ulMountCtx) loopSettings() (loopval string, hasLoopval bool, offset, sizelimit uint64, rc int) {
	if m.userflags&ulMsLoop != 0 {
		loopval, _, hasLoopval = m.userOpt("loop")
	}
	parse := func(flag uint64, name string) uint64 {
		if rc != 0 || m.userflags&flag == 0 {
			return 0
		}
		val, found, has := m.userOpt(name)
		if !found {
			return 0
		}
		n, err := ulStrtosize(val)
		if !has || val == "" || err != nil {
			rc, m.optErrno = -ulErrMountOpt, linux.EINVAL
		}
		return n
	}
	offset = parse(ulMsOffset, "offset")
	sizelimit = parse(ulMsSizelimit, "sizelimit")
	if _, found, _ := m.userOpt("encryption"); rc == 0 && m.userflags&ulMsEncrypt != 0 && found {
		rc, m.optErrno = -ulErrMountOpt, linux.EINVAL
	}
	return
}

// setupLoopdev is mnt_context_setup_loopdev: the source file gets a loop
// device (one already mapping it the same way is reused), with autoclear
// and, for a read-only mount, read-only; the source becomes the device,
// kept open until mount(2) holds it.
func (m *ulMountCtx) setupLoopdev() int {
	backing := m.srcpath()
	var loFlags uint32
	if m.mountflags&linux.MS_RDONLY != 0 {
		loFlags |= linux.LO_FLAGS_READ_ONLY
	}
	loopval, hasLoopval, offset, sizelimit, rc := m.loopSettings()
	if rc != 0 {
		return rc
	}
	if m.isMountedSameLoopfile(backing, offset) {
		return -int(linux.EBUSY)
	}
	lc := newLoopCxt(m.t)
	defer lc.deinit()
	reuse, rc := m.reuseLoopdev(lc, backing, offset, sizelimit, loFlags, hasLoopval)
	if rc != 0 {
		return rc
	}
	if !reuse {
		if hasLoopval {
			lc.setDevice(loopval)
		}
		if rc := m.newLoopdev(lc, backing, offset, sizelimit, loFlags|linux.LO_FLAGS_AUTOCLEAR, hasLoopval); rc != 0 {
			return rc
		}
	}
	m.source = lc.device
	if reuse || (m.userflags&ulMsLoop != 0 && lc.hasFlag(linux.LO_FLAGS_AUTOCLEAR)) {
		m.userflags &^= ulMsLoop
		m.userOpts = ulRemoveNamed(m.userOpts, "loop")
	}
	if m.mountflags&linux.MS_RDONLY == 0 && lc.hasFlag(linux.LO_FLAGS_READ_ONLY) {
		m.mountflags |= linux.MS_RDONLY
	}
	fd, err := lc.getFd()
	if err != nil {
		return -int(ulErrno(err))
	}
	m.loopFd, m.loopFdOpen = fd, true
	lc.fd = -1
	return 0
}

// reuseLoopdev is the search for a device already set up for the file:
// with the same offset and size limit it is reused (reuse true, lc set to
// it); an overlapping one is an error.
func (m *ulMountCtx) reuseLoopdev(lc *ulLoopCxt, backing string, offset, sizelimit uint64, loFlags uint32, hasLoopval bool) (bool, int) {
	switch lc.findOverlap(backing, offset, sizelimit) {
	case 0:
		return false, 0
	case 1:
		return false, -ulErrLoopOverlap
	}
	if _, err := lc.getFd(); err != nil {
		return false, -int(ulErrno(err))
	}
	if _, err := lc.getInfo(); err != nil {
		lc.deinit() // lost a race with its autoclear: set up a new one
		return false, 0
	}
	switch {
	case lc.hasFlag(linux.LO_FLAGS_READ_ONLY) && loFlags&linux.LO_FLAGS_READ_ONLY == 0:
		return false, -int(linux.EROFS)
	case hasLoopval:
		return false, -ulErrLoopOverlap
	}
	return true, 0
}

// newLoopdev sets up the device named by loop= or, without it, the first
// free one (again if another process takes it first).
func (m *ulMountCtx) newLoopdev(lc *ulLoopCxt, backing string, offset, sizelimit uint64, loFlags uint32, hasLoopval bool) int {
	for {
		if !hasLoopval {
			if err := lc.findUnused(); err != nil {
				return -int(ulErrno(err))
			}
		}
		if err := lc.setBackingFile(backing); err != nil {
			return -int(ulErrno(err))
		}
		lc.config.Info.Offset, lc.config.Info.SizeLimit = offset, sizelimit
		lc.config.Info.Flags = loFlags
		err := lc.setupDevice()
		if err == nil {
			return 0
		}
		if hasLoopval || !errors.Is(err, linux.EBUSY) {
			return -ulErrLoopdev
		}
	}
}

// ulRemoveNamed is mnt_optstr_remove_option: every option called name,
// with or without a value.
func ulRemoveNamed(opts []string, name string) []string {
	var out []string
	for _, o := range opts {
		if n, _, _ := ulOptName(o); n != name {
			out = append(out, o)
		}
	}
	return out
}

// isMountedSameLoopfile is is_mounted_same_loopfile: the target already
// has a loop device of the same file and offset mounted on it.
func (m *ulMountCtx) isMountedSameLoopfile(backing string, offset uint64) bool {
	bf := ulCanonicalize(m.t, backing)
	for _, fs := range ulMountinfo(m.t).iter(true) {
		if fs.source == "" || !fs.matchTarget(m.t, m.target) {
			continue
		}
		if strings.HasPrefix(fs.source, "/dev/loop") &&
			ulLoopdevIsUsed(m.t, fs.source, bf, offset, 0, ulLoopFlOffset) {
			return true
		}
	}
	return false
}

// clearLoopdev is mnt_context_clear_loopdev as mount(8) reaches it, from
// mnt_free_context after mnt_reset_context has cleared
// MNT_FL_LOOPDEV_READY: the device is closed, never detached. One set up
// here has autoclear and goes with this close unless a mount holds it; a
// reused one stays.
func (m *ulMountCtx) clearLoopdev() {
	if m.loopFdOpen {
		m.t.Close(m.loopFd)
	}
	m.loopFdOpen = false
}

// ulProbeFstype is the superblock probe of mnt_get_fstype (libblkid) on
// a block device or regular file: the types linuxvfs can mount are
// recognised (so far squashfs: "hsqs" and a major version of 4 or more;
// older versions are libblkid's "squashfs3").
func ulProbeFstype(m *ulMountCtx, dev string) string {
	fd, err := m.t.Open(dev, linux.O_RDONLY|linux.O_CLOEXEC|linux.O_NONBLOCK, 0)
	if err != nil {
		return ""
	}
	defer m.t.Close(fd)
	st, err := m.t.Fstat(fd)
	if err != nil {
		return ""
	}
	size := uint64(st.Size)
	switch {
	case applet.IsBlk(uint32(st.Mode)):
		if _, err := m.t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
			return ""
		}
	case !applet.IsReg(uint32(st.Mode)):
		return ""
	}
	sb := make([]byte, 32)
	if size < uint64(len(sb)) {
		return ""
	}
	if n, err := m.t.Pread(fd, sb, 0); err != nil || n < len(sb) {
		return ""
	}
	return ulSquashfsType(sb)
}

// ulSquashfsType is libblkid's squashfs and squashfs3 probes on the first
// 32 bytes of a device.
func ulSquashfsType(sb []byte) string {
	switch string(sb[:4]) {
	case "hsqs":
		if uint16(sb[28])|uint16(sb[29])<<8 >= 4 {
			return "squashfs"
		}
		return "squashfs3"
	case "sqsh":
		if uint16(sb[28])<<8|uint16(sb[29]) <= 3 {
			return "squashfs3"
		}
	}
	return ""
}
