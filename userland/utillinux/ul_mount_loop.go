// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mount's loop devices for image files, and the superblock probe that
// guesses a filesystem type.

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

// needsLoopdev is whether the source gets a loop device: loop options
// were given, or the source is a regular file of more than 1 KiB and the
// type is unknown or one that lives on block devices (then "loop" joins
// the userspace options).
func (j *mountJob) needsLoopdev() bool {
	src := j.sourcePath()
	if src == "" {
		return false
	}
	if j.user&(uLoop|uOffset|uSizelimit) != 0 {
		return true
	}
	if j.flags&(linux.MS_BIND|linux.MS_MOVE) != 0 || j.propagationOnly() {
		return false
	}
	typ := j.fstype
	if ulIsPseudoFstype(typ) || ulIsNetFstype(typ) || typ == "swap" {
		return false
	}
	if typ != "" && typ != "auto" && !ulBlkidKnownFstype(typ) {
		return false
	}
	st, err := j.t.Stat(src)
	if err != nil || !applet.IsReg(uint32(st.Mode)) || st.Size <= 1024 {
		return false
	}
	j.user |= uLoop
	j.groups.user = append(j.groups.user, "loop")
	return true
}

// userOption is a userspace option's value, whether it is there, and
// whether it has "=".
func (j *mountJob) userOption(name string) (val string, found, hasVal bool) {
	for _, it := range j.groups.user {
		if n, v, has := ulOptName(it); n == name {
			return v, true, has
		}
	}
	return "", false, false
}

// loopRequest is what the loop options ask for.
type loopRequest struct {
	device    string // loop=DEVICE
	named     bool
	offset    uint64
	sizelimit uint64
}

// loopOptions reads loop=, offset=, sizelimit= and encryption= (which
// this mount cannot do).
func (j *mountJob) loopOptions() (loopRequest, error) {
	var req loopRequest
	if j.user&uLoop != 0 {
		req.device, _, req.named = j.userOption("loop")
	}
	var err error
	size := func(bit uint64, name string) uint64 {
		val, found, has := j.userOption(name)
		if err != nil || j.user&bit == 0 || !found {
			return 0
		}
		n, perr := parseSizeArg(val)
		if !has || val == "" || perr != nil {
			err = j.badOption()
		}
		return n
	}
	req.offset = size(uOffset, "offset")
	req.sizelimit = size(uSizelimit, "sizelimit")
	if _, found, _ := j.userOption("encryption"); err == nil && j.user&uEncryption != 0 && found {
		err = j.badOption()
	}
	return req, err
}

func (j *mountJob) badOption() error {
	j.optErrno = linux.EINVAL
	return probBadOptions
}

// setupLoopdev gives the source file a loop device (reusing one that maps
// it the same way), with autoclear and, for a read-only mount, read-only;
// the source becomes the device, held open until mount(2) holds it.
func (j *mountJob) setupLoopdev() error {
	backing := j.sourcePath()
	var loFlags uint32
	if j.flags&linux.MS_RDONLY != 0 {
		loFlags |= linux.LO_FLAGS_READ_ONLY
	}
	req, err := j.loopOptions()
	if err != nil {
		return err
	}
	if j.sameFileMountedHere(backing, req.offset) {
		return linux.EBUSY
	}
	d, err := reusableLoopdev(j, backing, req, loFlags)
	if err != nil {
		return err
	}
	reuse := d != nil
	if !reuse {
		if d, err = newLoopdev(j, backing, req, loFlags|linux.LO_FLAGS_AUTOCLEAR); err != nil {
			return err
		}
	}
	defer d.release()
	j.source = d.path
	if reuse || (j.user&uLoop != 0 && d.hasFlag(linux.LO_FLAGS_AUTOCLEAR)) {
		j.user &^= uLoop
		j.groups.user = withoutOption(j.groups.user, "loop")
	}
	if j.flags&linux.MS_RDONLY == 0 && d.hasFlag(linux.LO_FLAGS_READ_ONLY) {
		j.flags |= linux.MS_RDONLY
	}
	fd, ferr := d.takeFd()
	if ferr != nil {
		return errnoOf(ferr)
	}
	j.loopFd, j.loopFdOpen = fd, true
	return nil
}

// reusableLoopdev looks for a device already set up for the file: one
// with the same offset and size limit is returned for reuse; one that
// overlaps otherwise is an error.
func reusableLoopdev(j *mountJob, backing string, req loopRequest, loFlags uint32) (*loopDev, error) {
	found, d := findLoopOverlap(j.t, backing, req.offset, req.sizelimit)
	switch found {
	case overlapNone:
		return nil, nil
	case overlapSome:
		return nil, probLoopOverlap
	}
	if _, err := d.open(); err != nil {
		d.release()
		return nil, errnoOf(err)
	}
	if _, err := d.status(); err != nil {
		d.release() // its autoclear won the race: set up a new one
		return nil, nil
	}
	switch {
	case d.hasFlag(linux.LO_FLAGS_READ_ONLY) && loFlags&linux.LO_FLAGS_READ_ONLY == 0:
		d.release()
		return nil, linux.EROFS
	case req.named:
		d.release()
		return nil, probLoopOverlap
	}
	return d, nil
}

// newLoopdev sets up the device named by loop= or, without it, the first
// free one (again if another process takes it first).
func newLoopdev(j *mountJob, backing string, req loopRequest, loFlags uint32) (*loopDev, error) {
	setup := loopSetup{file: backing, offset: req.offset, sizeLimit: req.sizelimit, flags: loFlags}
	for {
		var d *loopDev
		if req.named {
			d = newLoopDev(j.t, req.device)
		} else {
			var err error
			if d, err = freeLoop(j.t); err != nil {
				return nil, errnoOf(err)
			}
		}
		if backing == "" {
			d.release()
			return nil, errnoOf(linux.EINVAL)
		}
		err := d.attach(setup)
		if err == nil {
			return d, nil
		}
		d.release()
		if req.named || !errors.Is(err, linux.EBUSY) {
			return nil, probLoopSetup
		}
	}
}

// sameFileMountedHere is whether the target already has a loop device of
// the same file and offset mounted on it.
func (j *mountJob) sameFileMountedHere(backing string, offset uint64) bool {
	bf := ulCanonicalize(j.t, backing)
	for _, fs := range ulMountinfo(j.t).iter(true) {
		if fs.source == "" || !fs.matchTarget(j.t, j.target) {
			continue
		}
		if strings.HasPrefix(fs.source, "/dev/loop") &&
			loopBacks(j.t, fs.source, bf, offset) {
			return true
		}
	}
	return false
}

// releaseLoopdev closes the device held for mount(2); it is never
// detached here. One set up by this mount has autoclear and goes with
// this close unless a mount holds it; a reused one stays.
func (j *mountJob) releaseLoopdev() {
	if j.loopFdOpen {
		j.t.Close(j.loopFd)
	}
	j.loopFdOpen = false
}

// ulProbeFstype is the superblock probe of mnt_get_fstype (libblkid) on
// a block device or regular file: the types linuxvfs can mount are
// recognised (so far squashfs: "hsqs" and a major version of 4 or more;
// older versions are libblkid's "squashfs3").
func ulProbeFstype(j *mountJob, dev string) string {
	typ, _ := ulProbeSource(j.t, dev)
	return typ
}

// ulProbeSource is ulProbeFstype with the reason it found nothing, as
// libblkid leaves it in errno: the open's error, EINVAL for what is no
// block device or regular file, ENOENT for an empty block device (an
// unbound loop device), nil when there is just no known superblock.
func ulProbeSource(t *vfs.Task, dev string) (string, error) {
	fd, err := t.Open(dev, linux.O_RDONLY|linux.O_CLOEXEC|linux.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer t.Close(fd)
	st, err := t.Fstat(fd)
	if err != nil {
		return "", err
	}
	size := uint64(st.Size)
	switch {
	case applet.IsBlk(uint32(st.Mode)):
		if _, err := t.Ioctl(fd, linux.BLKGETSIZE64, &size); err != nil {
			return "", err
		}
		if size == 0 {
			return "", linux.ENOENT
		}
	case !applet.IsReg(uint32(st.Mode)):
		return "", linux.EINVAL
	}
	sb := make([]byte, 32)
	if size < uint64(len(sb)) {
		return "", nil
	}
	if n, err := t.Pread(fd, sb, 0); err != nil || n < len(sb) {
		return "", err
	}
	return ulSquashfsType(sb), nil
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
