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

// blockFstypes are the filesystem types that libblkid can recognise on a
// device: types that live on block devices, and so on a loop device when
// the source is an image file.
var blockFstypes = map[string]bool{}

func init() {
	for _, typ := range strings.Fields(`BitLocker DM_integrity DM_snapshot_cow
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
	zfs_member zonefs`) {
		blockFstypes[typ] = true
	}
}

// imageFstype is whether a mount of type typ may want its source file on
// a loop device: no type, "auto", or a block type that is not swap nor
// also a network or pseudo filesystem (gfs2 and ocfs2 are both).
func imageFstype(typ string) bool {
	switch {
	case typ == "" || typ == "auto":
		return true
	case typ == "swap" || isPseudoFstype(typ) || isNetFstype(typ):
		return false
	}
	return blockFstypes[typ]
}

// needsLoopdev is whether the source gets a loop device: loop options ask
// for one, or the source is an image file (imageSource), and then "loop"
// joins the userspace options as if it had been given.
func (j *mountJob) needsLoopdev() bool {
	switch {
	case j.sourcePath() == "":
		return false
	case j.user&(uLoop|uOffset|uSizelimit) != 0:
		return true
	case !j.imageSource():
		return false
	}
	j.user |= uLoop
	j.groups.user = append(j.groups.user, "loop")
	return true
}

// imageSource is whether a mount that gave no loop option mounts an
// image: a new mount (not a bind, a move or a propagation change) of an
// imageFstype from a regular file of more than 1 KiB (a smaller one
// could hold no filesystem).
func (j *mountJob) imageSource() bool {
	if j.flags&(linux.MS_BIND|linux.MS_MOVE) != 0 || j.propagationOnly() || !imageFstype(j.fstype) {
		return false
	}
	st, err := j.t.Stat(j.sourcePath())
	return err == nil && applet.IsReg(uint32(st.Mode)) && st.Size > 1024
}

// userOption is a userspace option's value, whether it is there, and
// whether it has "=".
func (j *mountJob) userOption(name string) (val string, found, hasVal bool) {
	for _, it := range j.groups.user {
		if n, v, has := optName(it); n == name {
			return v, true, has
		}
	}
	return "", false, false
}

// loopRequest is what the loop options ask for.
type loopRequest struct {
	device string // loop=DEVICE
	named  bool
	span   fileSpan // offset= and sizelimit=
}

// loopSizeOptions are the options that give a span, with where each
// goes.
var loopSizeOptions = []struct {
	name  string
	bit   uint64
	field func(sp *fileSpan) *uint64
}{
	{"offset", uOffset, func(sp *fileSpan) *uint64 { return &sp.off }},
	{"sizelimit", uSizelimit, func(sp *fileSpan) *uint64 { return &sp.limit }},
}

// loopOptions reads loop=, offset= and sizelimit=. A size that is not
// one, and encryption= (which the driver no longer has), are bad options.
func (j *mountJob) loopOptions() (loopRequest, error) {
	var req loopRequest
	if j.user&uLoop != 0 {
		req.device, _, req.named = j.userOption("loop")
	}
	for _, o := range loopSizeOptions {
		val, found, has := j.userOption(o.name)
		if j.user&o.bit == 0 || !found {
			continue
		}
		n, err := parseSizeArg(val)
		if !has || val == "" || err != nil {
			return req, j.badOption()
		}
		*o.field(&req.span) = n
	}
	if _, found, _ := j.userOption("encryption"); j.user&uEncryption != 0 && found {
		return req, j.badOption()
	}
	return req, nil
}

func (j *mountJob) badOption() error {
	j.optErrno = linux.EINVAL
	return probBadOptions
}

// imageLoop is the state of giving a mount's image file its loop device.
type imageLoop struct {
	j      *mountJob
	file   string
	req    loopRequest
	flags  uint32 // LO_FLAGS_* for a new device
	node   *loopNode
	reused bool
}

// imageLoopSteps run in order; the first error ends the setup. A step
// that finds the device leaves it in node, and the steps after that
// look for one pass.
var imageLoopSteps = []struct {
	name string
	run  func(*imageLoop) error
}{
	{"read the loop options", (*imageLoop).readOptions},
	{"refuse the same image twice on the target", (*imageLoop).refuseSecond},
	{"reuse a device that maps the image", (*imageLoop).reuse},
	{"attach a new device", (*imageLoop).attachNew},
	{"make it the source", (*imageLoop).becomeSource},
}

// setupLoopdev gives the source file a loop device: one that maps it the
// same way already, or a new one with autoclear (read-only for a
// read-only mount). The source becomes the device, which is held open
// until mount(2) has it.
func (j *mountJob) setupLoopdev() error {
	il := &imageLoop{j: j, file: j.sourcePath()}
	if j.flags&linux.MS_RDONLY != 0 {
		il.flags |= linux.LO_FLAGS_READ_ONLY
	}
	defer func() {
		if il.node != nil {
			il.node.close()
		}
	}()
	for _, step := range imageLoopSteps {
		if err := step.run(il); err != nil {
			return err
		}
	}
	return nil
}

func (il *imageLoop) readOptions() (err error) {
	il.req, err = il.j.loopOptions()
	return err
}

// refuseSecond: the target has a loop device of the same image and
// offset mounted on it already.
func (il *imageLoop) refuseSecond() error {
	j := il.j
	image := canonicalPath(j.t, il.file)
	for _, fs := range readMountinfo(j.t).iter(true) {
		if fs.source == "" || !strings.HasPrefix(fs.source, "/dev/loop") || !fs.matchTarget(j.t, j.target) {
			continue
		}
		if loopMapsAt(j.t, fs.source, image, il.req.span.off) {
			return linux.EBUSY
		}
	}
	return nil
}

// reuse takes a device that maps the same span of the image, so that
// one file is not written through two devices; a device mapping part of
// it is refused. A device found read-only cannot serve a read-write
// mount, and one found cannot be loop=DEVICE either.
func (il *imageLoop) reuse() error {
	clash := findClash(il.j.t, il.file, il.req.span)
	if clash.node == nil {
		return nil
	}
	n := clash.node
	if !clash.exact {
		n.close()
		return probLoopOverlap
	}
	// Holding the device open keeps its autoclear away; if it went
	// before that, a new device is set up.
	n.forget()
	if !n.attached() {
		n.close()
		return nil
	}
	switch {
	case n.flag(linux.LO_FLAGS_READ_ONLY) && il.flags&linux.LO_FLAGS_READ_ONLY == 0:
		n.close()
		return linux.EROFS
	case il.req.named:
		n.close()
		return probLoopOverlap
	}
	il.node, il.reused = n, true
	return nil
}

// attachNew attaches the image to the loop= device or to a free one,
// with autoclear; a free device someone else took meanwhile is replaced
// by the next.
func (il *imageLoop) attachNew() error {
	if il.node != nil {
		return nil
	}
	j := il.j
	spec := loopSpec{file: il.file, span: il.req.span, flags: il.flags | linux.LO_FLAGS_AUTOCLEAR}
	for {
		var n *loopNode
		if il.req.named {
			n = openLoopNode(j.t, il.req.device)
		} else {
			var err error
			if n, err = unusedLoop(j.t); err != nil {
				return errnoOf(err)
			}
		}
		if il.file == "" {
			n.close()
			return errnoOf(linux.EINVAL)
		}
		err := n.attach(spec)
		if err == nil {
			il.node = n
			return nil
		}
		n.close()
		if il.req.named || !errors.Is(err, linux.EBUSY) {
			return probLoopSetup
		}
	}
}

// becomeSource makes the device the mount's source. "loop" is not
// recorded when the device was reused or clears itself; a read-only
// device makes the mount read-only. The descriptor stays open for
// mount(2) (releaseLoopdev).
func (il *imageLoop) becomeSource() error {
	j, n := il.j, il.node
	j.source = n.path
	if il.reused || (j.user&uLoop != 0 && n.flag(linux.LO_FLAGS_AUTOCLEAR)) {
		j.user &^= uLoop
		j.groups.user = withoutOption(j.groups.user, "loop")
	}
	if j.flags&linux.MS_RDONLY == 0 && n.flag(linux.LO_FLAGS_READ_ONLY) {
		j.flags |= linux.MS_RDONLY
	}
	fd, err := n.handOver()
	if err != nil {
		return errnoOf(err)
	}
	j.loopFd, j.loopFdOpen = fd, true
	return nil
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

// probeFstype guesses the filesystem type of a block device or regular
// file from its superblock: the types linuxvfs can mount are recognised
// (squashfs: "hsqs" and a major version of 4 or more, older versions
// being libblkid's "squashfs3"; ext2, ext3 and ext4; vfat).
func probeFstype(j *mountJob, dev string) string {
	typ, _ := probeSource(j.t, dev)
	return typ
}

// probeSource is probeFstype with the reason it found nothing, as
// libblkid leaves it in errno: the open's error, EINVAL for what is no
// block device or regular file, ENOENT for an empty block device (an
// unbound loop device), nil when there is just no known superblock.
func probeSource(t *vfs.Task, dev string) (string, error) {
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
	if typ := squashfsType(sb); typ != "" {
		return typ, nil
	}
	if string(sb[:8]) == "-rom1fs-" { // libblkid's romfs probe
		return "romfs", nil
	}
	boot := make([]byte, 512)
	if size >= 512 {
		if n, err := t.Pread(fd, boot, 0); err != nil || n < len(boot) {
			return "", err
		}
		if vfatBoot(boot) {
			return "vfat", nil
		}
	}
	ext := make([]byte, 1024)
	if size < 2048 {
		return "", nil
	}
	if n, err := t.Pread(fd, ext, 1024); err != nil || n < len(ext) {
		return "", err
	}
	if typ := extType(ext); typ != "" {
		return typ, nil
	}
	return isoType(t, fd, size), nil
}

// isoType is libblkid's iso9660 probe, reduced to its magic: "CD001"
// (or High Sierra's "CDROM") in the descriptor at 32 KiB.
func isoType(t *vfs.Task, fd int, size uint64) string {
	vd := make([]byte, 16)
	if size < 0x8000+uint64(len(vd)) {
		return ""
	}
	if n, err := t.Pread(fd, vd, 0x8000); err != nil || n < len(vd) {
		return ""
	}
	if string(vd[1:6]) == "CD001" || string(vd[9:14]) == "CDROM" {
		return "iso9660"
	}
	return ""
}

// extType is libblkid's jbd, ext2, ext3 and ext4 probes on the
// superblock at 1024 bytes: the magic 0xEF53, then the features each
// name's driver understands (a journal makes ext3; what ext3 does not
// know makes ext4; an external journal device is jbd).
func extType(sb []byte) string {
	le := func(off int) uint32 {
		return uint32(sb[off]) | uint32(sb[off+1])<<8 | uint32(sb[off+2])<<16 | uint32(sb[off+3])<<24
	}
	if sb[56] != 0x53 || sb[57] != 0xEF {
		return ""
	}
	const (
		hasJournal     = 0x4
		journalDev     = 0x8
		ext2Incompat   = 0x2 | 0x10         // filetype, meta_bg
		ext3Incompat   = ext2Incompat | 0x4 // and recover
		ext23RoCompat  = 0x1 | 0x2 | 0x4    // sparse_super, large_file, btree_dir
		testFilesystem = 0x4                // EXT2_FLAGS_TEST_FILESYS
	)
	compat, incompat, roCompat := le(92), le(96), le(100)
	switch {
	case incompat&journalDev != 0:
		return "jbd"
	case compat&hasJournal == 0 && incompat&^ext2Incompat == 0 && roCompat&^ext23RoCompat == 0:
		return "ext2"
	case compat&hasJournal != 0 && incompat&^ext3Incompat == 0 && roCompat&^ext23RoCompat == 0:
		return "ext3"
	case le(352)&testFilesystem != 0:
		return "ext4dev"
	}
	return "ext4"
}

// squashfsType is libblkid's squashfs and squashfs3 probes on the first
// 32 bytes of a device.
func squashfsType(sb []byte) string {
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

// vfatBoot is libblkid's vfat probe, reduced: a boot sector with one of
// the FAT magics (a label at 0x36 or 0x52, a jump, the 0x55AA mark) and
// a BIOS parameter block that fat_valid_superblock accepts.
func vfatBoot(b []byte) bool {
	magic := string(b[0x52:0x57]) == "MSWIN" || string(b[0x52:0x5a]) == "FAT32   " ||
		string(b[0x36:0x3b]) == "MSDOS" || string(b[0x36:0x39]) == "FAT" ||
		b[0] == 0xeb || b[0] == 0xe9 || b[0x1fe] == 0x55 && b[0x1ff] == 0xaa
	sector := uint16(b[11]) | uint16(b[12])<<8
	spc, media := b[13], b[21]
	pow2 := func(n uint16) bool { return n != 0 && n&(n-1) == 0 }
	return magic && b[16] != 0 && (b[14] != 0 || b[15] != 0) && pow2(sector) && sector >= 512 &&
		sector <= 4096 && pow2(uint16(spc)) && (media >= 0xf8 || media == 0xf0)
}
