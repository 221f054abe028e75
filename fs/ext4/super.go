// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/bits"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// On-disk constants (fs/ext4/ext4.h).
const (
	superOffset   = 1024 // the superblock's place on the disk
	superSize     = 1024
	minBlockLog   = 10 // EXT4_MIN_BLOCK_LOG_SIZE
	maxBlockLog   = 16 // EXT4_MAX_BLOCK_LOG_SIZE
	goodOldInode  = 128
	goodOldFirst  = 11 // EXT4_GOOD_OLD_FIRST_INO
	rootIno       = 2
	minDescSize   = 32
	minDescSize64 = 64
	maxDescSize   = 1024 // EXT4_MAX_DESC_SIZE (EXT4_MIN_BLOCK_SIZE)
	nameLen       = 255
	osHurd        = 1
)

// Feature bits (EXT4_FEATURE_*).
const (
	compatHasJournal   = 0x4
	compatDirIndex     = 0x20
	compatSparseSuper2 = 0x200

	roCompatSparseSuper   = 0x1
	roCompatLargeFile     = 0x2
	roCompatBtreeDir      = 0x4
	roCompatHugeFile      = 0x8
	roCompatGdtCsum       = 0x10
	roCompatDirNlink      = 0x20
	roCompatExtraIsize    = 0x40
	roCompatQuota         = 0x100
	roCompatBigalloc      = 0x200
	roCompatMetadataCsum  = 0x400
	roCompatReadonly      = 0x1000
	roCompatProject       = 0x2000
	roCompatVerity        = 0x8000
	roCompatOrphanPresent = 0x10000

	incompatFiletype   = 0x2
	incompatRecover    = 0x4
	incompatJournalDev = 0x8
	incompatMetaBg     = 0x10
	incompatExtents    = 0x40
	incompat64bit      = 0x80
	incompatMMP        = 0x100
	incompatFlexBg     = 0x200
	incompatEaInode    = 0x400
	incompatCsumSeed   = 0x2000
	incompatLargedir   = 0x4000
	incompatInlineData = 0x8000
	incompatEncrypt    = 0x10000
	incompatCasefold   = 0x20000
)

// The feature sets each type name takes (EXT2_FEATURE_*_SUPP and their
// ext3 and ext4 kin).
const (
	ext2IncompatSupp = incompatFiletype | incompatMetaBg
	ext2RoCompatSupp = roCompatSparseSuper | roCompatLargeFile | roCompatBtreeDir
	ext3IncompatSupp = incompatFiletype | incompatRecover | incompatMetaBg
	ext3RoCompatSupp = ext2RoCompatSupp
	ext4IncompatSupp = incompatFiletype | incompatRecover | incompatMetaBg | incompatExtents |
		incompat64bit | incompatFlexBg | incompatEaInode | incompatMMP | incompatInlineData |
		incompatEncrypt | incompatCasefold | incompatCsumSeed | incompatLargedir
	ext4RoCompatSupp = roCompatSparseSuper | roCompatLargeFile | roCompatGdtCsum | roCompatDirNlink |
		roCompatExtraIsize | roCompatBtreeDir | roCompatHugeFile | roCompatBigalloc |
		roCompatMetadataCsum | roCompatQuota | roCompatProject | roCompatVerity | roCompatOrphanPresent
)

// s_flags bits.
const (
	flagsSignedHash   = 0x1
	flagsUnsignedHash = 0x2
)

// s_default_mount_opts bits (EXT4_DEFM_*).
const (
	defmDebug       = 0x1
	defmBsdGroups   = 0x2
	defmUID16       = 0x10
	defmJmode       = 0x60
	defmJmodeData   = 0x20
	defmJmodeOrder  = 0x40
	defmJmodeWback  = 0x60
	defmNobarrier   = 0x100
	defmDiscard     = 0x400
	defmNodelalloc  = 0x800
	errorsContinue  = 1
	errorsRO        = 2
	errorsPanic     = 3
	journalSBMagic  = 0xC03B3998
	crc32cChecksums = 1
)

// superBlock holds what is used of struct ext4_super_block.
type superBlock struct {
	raw []byte // the 1024 bytes

	inodesCount       uint32
	blocksCount       uint64
	rBlocksCount      uint64
	firstDataBlock    uint32
	logBlockSize      uint32
	logClusterSize    uint32
	blocksPerGroup    uint32
	clustersPerGroup  uint32
	inodesPerGroup    uint32
	magic             uint16
	state             uint16
	errors            uint16
	creatorOS         uint32
	revLevel          uint32
	defResuid         uint16
	defResgid         uint16
	firstIno          uint32
	inodeSize         uint16
	compat            uint32
	incompat          uint32
	roCompat          uint32
	uuid              [16]byte
	journalInum       uint32
	journalDev        uint32
	hashSeed          [4]uint32
	defHashVersion    uint8
	descSize          uint16
	defaultMountOpts  uint32
	firstMetaBg       uint32
	minExtraIsize     uint16
	flags             uint32
	checksumType      uint8
	overheadClusters  uint32
	checksumSeed      uint32
	checksum          uint32
	logGroupsPerFlex  uint8
	reservedGdtBlocks uint16
	backupBgs         [2]uint32
}

// decodeSuper reads the fields of a raw superblock.
func decodeSuper(b []byte) *superBlock {
	le := binary.LittleEndian
	s := &superBlock{raw: b}
	s.inodesCount = le.Uint32(b[0:])
	s.blocksCount = uint64(le.Uint32(b[4:]))
	s.rBlocksCount = uint64(le.Uint32(b[8:]))
	s.firstDataBlock = le.Uint32(b[20:])
	s.logBlockSize = le.Uint32(b[24:])
	s.logClusterSize = le.Uint32(b[28:])
	s.blocksPerGroup = le.Uint32(b[32:])
	s.clustersPerGroup = le.Uint32(b[36:])
	s.inodesPerGroup = le.Uint32(b[40:])
	s.magic = le.Uint16(b[56:])
	s.state = le.Uint16(b[58:])
	s.errors = le.Uint16(b[60:])
	s.creatorOS = le.Uint32(b[72:])
	s.revLevel = le.Uint32(b[76:])
	s.defResuid = le.Uint16(b[80:])
	s.defResgid = le.Uint16(b[82:])
	s.firstIno = le.Uint32(b[84:])
	s.inodeSize = le.Uint16(b[88:])
	s.compat = le.Uint32(b[92:])
	s.incompat = le.Uint32(b[96:])
	s.roCompat = le.Uint32(b[100:])
	copy(s.uuid[:], b[104:120])
	s.reservedGdtBlocks = le.Uint16(b[206:])
	s.journalInum = le.Uint32(b[224:])
	s.journalDev = le.Uint32(b[228:])
	for i := range s.hashSeed {
		s.hashSeed[i] = le.Uint32(b[236+4*i:])
	}
	s.defHashVersion = b[252]
	s.descSize = le.Uint16(b[254:])
	s.defaultMountOpts = le.Uint32(b[256:])
	s.firstMetaBg = le.Uint32(b[260:])
	s.minExtraIsize = le.Uint16(b[348:])
	s.flags = le.Uint32(b[352:])
	s.logGroupsPerFlex = b[372]
	s.checksumType = b[373]
	s.overheadClusters = le.Uint32(b[584:])
	s.backupBgs = [2]uint32{le.Uint32(b[588:]), le.Uint32(b[592:])}
	s.checksumSeed = le.Uint32(b[624:])
	s.checksum = le.Uint32(b[1020:])
	if s.incompat&incompat64bit != 0 {
		s.blocksCount |= uint64(le.Uint32(b[336:])) << 32
		s.rBlocksCount |= uint64(le.Uint32(b[340:])) << 32
	}
	return s
}

func (s *superBlock) hasCompat(f uint32) bool   { return s.compat&f != 0 }
func (s *superBlock) hasIncompat(f uint32) bool { return s.incompat&f != 0 }
func (s *superBlock) hasRoCompat(f uint32) bool { return s.roCompat&f != 0 }

// metadataCsum is ext4_has_metadata_csum.
func (s *superBlock) metadataCsum() bool { return s.hasRoCompat(roCompatMetadataCsum) }

// uuidString is %pU of the filesystem's UUID.
func (s *superBlock) uuidString() string {
	u := s.uuid
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// fsid is uuid_to_fsid: the UUID's two little-endian halves xored, low
// word first.
func (s *superBlock) fsid() [2]uint32 {
	return vfs.FoldUUID(s.uuid)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crc32c is ext4_chksum: crc32c from seed, without the final inversion.
func crc32c(seed uint32, p []byte) uint32 {
	return ^crc32.Update(^seed, castagnoli, p)
}

// group is what is kept of struct ext4_group_desc.
type group struct {
	blockBitmap uint64
	inodeBitmap uint64
	inodeTable  uint64
	freeBlocks  uint32
	freeInodes  uint32
	usedDirs    uint32
	flags       uint16
	itableFree  uint32 // bg_itable_unused
	blockCsum   uint32 // bg_block_bitmap_csum
	inodeCsum   uint32 // bg_inode_bitmap_csum
	raw         []byte
}

// decodeGroup reads one descriptor of size bytes (32, or more with the
// 64bit feature).
func decodeGroup(b []byte, wide bool) group {
	le := binary.LittleEndian
	g := group{
		blockBitmap: uint64(le.Uint32(b[0:])),
		inodeBitmap: uint64(le.Uint32(b[4:])),
		inodeTable:  uint64(le.Uint32(b[8:])),
		freeBlocks:  uint32(le.Uint16(b[12:])),
		freeInodes:  uint32(le.Uint16(b[14:])),
		usedDirs:    uint32(le.Uint16(b[16:])),
		flags:       le.Uint16(b[18:]),
		itableFree:  uint32(le.Uint16(b[28:])),
		blockCsum:   uint32(le.Uint16(b[24:])),
		inodeCsum:   uint32(le.Uint16(b[26:])),
		raw:         b,
	}
	if wide {
		g.blockBitmap |= uint64(le.Uint32(b[32:])) << 32
		g.inodeBitmap |= uint64(le.Uint32(b[36:])) << 32
		g.inodeTable |= uint64(le.Uint32(b[40:])) << 32
		g.freeBlocks |= uint32(le.Uint16(b[44:])) << 16
		g.freeInodes |= uint32(le.Uint16(b[46:])) << 16
		g.usedDirs |= uint32(le.Uint16(b[48:])) << 16
		g.itableFree |= uint32(le.Uint16(b[50:])) << 16
		g.blockCsum |= uint32(le.Uint16(b[56:])) << 16
		g.inodeCsum |= uint32(le.Uint16(b[58:])) << 16
	}
	return g
}

// fsType tells which of the three names a mount asked for: they share
// one driver and differ in the features they accept (IS_EXT2_SB,
// IS_EXT3_SB).
type fsType int

const (
	asExt4 fsType = iota
	asExt3
	asExt2
)

// loadSuper is ext4_load_super: the superblock at 1024 bytes, its magic,
// block size and checksum. silent is SB_SILENT: a probe of the wrong type
// says nothing.
func (fs *filesystem) loadSuper(fc *vfs.FsContext, silent bool) error {
	raw := make([]byte, superSize)
	if fs.disk.Size() < superOffset+superSize {
		// The buffer head past the end of the disk cannot be had:
		// sb_getblk's NULL, which ext4 reports as ENOMEM.
		return fs.fail(fc, linux.ENOMEM, "unable to read superblock")
	}
	if n, _ := fs.disk.ReadAt(raw, superOffset); n != superSize {
		return fs.fail(fc, linux.EIO, "unable to read superblock")
	}
	s := decodeSuper(raw)
	if s.magic != Magic {
		if silent {
			return linux.EINVAL
		}
		return fs.fail(fc, linux.EINVAL, "VFS: Can't find ext4 filesystem")
	}
	if s.logBlockSize > maxBlockLog-minBlockLog {
		return fs.fail(fc, linux.EINVAL, "Invalid log block size: %d", s.logBlockSize)
	}
	fs.sb = s
	fs.blockSize = 1024 << s.logBlockSize
	fs.blockBits = uint(minBlockLog + s.logBlockSize)
	return nil
}

// checkCsum is ext4_init_metadata_csum's checks of the superblock.
func (fs *filesystem) checkCsum(fc *vfs.FsContext) error {
	s := fs.sb
	if s.metadataCsum() && s.hasRoCompat(roCompatGdtCsum) {
		fs.logf(fc, "metadata_csum and uninit_bg are redundant flags; please run fsck.")
	}
	if !s.metadataCsum() {
		return nil
	}
	if s.checksumType != crc32cChecksums {
		return fs.fail(fc, linux.EINVAL, "VFS: Found ext4 filesystem with unknown checksum algorithm.")
	}
	if crc32c(^uint32(0), s.raw[:1020]) != s.checksum {
		return fs.fail(fc, linux.EBADMSG, "VFS: Found ext4 filesystem with invalid superblock checksum.  Run e2fsck?")
	}
	if s.hasIncompat(incompatCsumSeed) {
		fs.csumSeed = s.checksumSeed
	} else {
		fs.csumSeed = crc32c(^uint32(0), s.uuid[:])
	}
	return nil
}

// inodeInfoInit is ext4_inode_info_init: inode size and first inode.
func (fs *filesystem) inodeInfoInit(fc *vfs.FsContext) error {
	s := fs.sb
	if s.revLevel == 0 {
		fs.inodeSize, fs.firstIno = goodOldInode, goodOldFirst
		return nil
	}
	fs.inodeSize, fs.firstIno = uint32(s.inodeSize), s.firstIno
	if fs.firstIno < goodOldFirst {
		return fs.fail(fc, linux.EINVAL, "invalid first ino: %d", fs.firstIno)
	}
	if fs.inodeSize < goodOldInode || bits.OnesCount32(fs.inodeSize) != 1 || fs.inodeSize > fs.blockSize {
		return fs.fail(fc, linux.EINVAL, "unsupported inode size: %d", fs.inodeSize)
	}
	if fs.inodeSize > goodOldInode && s.hasRoCompat(roCompatExtraIsize) &&
		uint32(s.minExtraIsize) > fs.inodeSize-goodOldInode {
		// ext4 turns the bad value off with a warning; nothing here reads it.
		fs.logf(fc, "bad s_min_extra_isize: %d", s.minExtraIsize)
	}
	return nil
}

// ext2FeatureSetOK is ext2_feature_set_ok.
func (s *superBlock) ext2FeatureSetOK(readonly bool) bool {
	if s.incompat&^ext2IncompatSupp != 0 {
		return false
	}
	return readonly || s.roCompat&^ext2RoCompatSupp == 0
}

// ext3FeatureSetOK is ext3_feature_set_ok.
func (s *superBlock) ext3FeatureSetOK(readonly bool) bool {
	if s.incompat&^ext3IncompatSupp != 0 || !s.hasCompat(compatHasJournal) {
		return false
	}
	return readonly || s.roCompat&^ext3RoCompatSupp == 0
}

// featureSetOK is ext4_feature_set_ok, with its messages when log is set.
func (fs *filesystem) featureSetOK(fc *vfs.FsContext, readonly, log bool) bool {
	s := fs.sb
	if unknown := s.incompat &^ ext4IncompatSupp; unknown != 0 {
		if log {
			fs.logf(fc, "Couldn't mount because of unsupported optional features (%x)", unknown)
		}
		return false
	}
	if readonly {
		return true
	}
	if unknown := s.roCompat &^ ext4RoCompatSupp; unknown != 0 {
		if log {
			fs.logf(fc, "couldn't mount RDWR because of unsupported optional features (%x)", unknown)
		}
		return false
	}
	if s.hasRoCompat(roCompatBigalloc) && !s.hasIncompat(incompatExtents) {
		if log {
			fs.logf(fc, "Can't support bigalloc feature without extents feature")
		}
		return false
	}
	return true
}

// checkFeatures is ext4_check_feature_compatibility: what each type name
// accepts, and what this driver knows.
func (fs *filesystem) checkFeatures(fc *vfs.FsContext, readonly, silent bool) error {
	s := fs.sb
	if s.revLevel == 0 && (s.compat != 0 || s.roCompat != 0 || s.incompat != 0) {
		fs.logf(fc, "feature flags set on rev 0 fs, running e2fsck is recommended")
	}
	if s.creatorOS == osHurd {
		if s.hasIncompat(incompat64bit) {
			return fs.fail(fc, linux.EINVAL, "The Hurd can't support 64-bit file systems")
		}
		if s.hasIncompat(incompatEaInode) {
			return fs.fail(fc, linux.EINVAL, "ea_inode feature is not supported for Hurd")
		}
	}
	for _, t := range []struct {
		as   fsType
		name string
		ok   func(bool) bool
	}{{asExt2, "ext2", s.ext2FeatureSetOK}, {asExt3, "ext3", s.ext3FeatureSetOK}} {
		if fs.as != t.as {
			continue
		}
		if t.ok(readonly) {
			fs.infof(fc, "mounting %s file system using the ext4 subsystem", t.name)
			break
		}
		if silent && fs.featureSetOK(fc, readonly, false) {
			return linux.EINVAL
		}
		return fs.fail(fc, linux.EINVAL, "couldn't mount as %s due to feature incompatibilities", t.name)
	}
	if !fs.featureSetOK(fc, readonly, true) {
		return linux.EINVAL
	}
	return nil
}

// geometry is the part of __ext4_fill_super that derives and checks the
// group layout (ext4_block_group_meta_init, ext4_handle_clustersize,
// ext4_geometry_check).
func (fs *filesystem) geometry(fc *vfs.FsContext) error {
	s := fs.sb
	fs.descSize = minDescSize
	if s.hasIncompat(incompat64bit) {
		d := uint32(s.descSize)
		if d < minDescSize64 || d > maxDescSize || bits.OnesCount32(d) != 1 {
			return fs.fail(fc, linux.EINVAL, "unsupported descriptor size %d", d)
		}
		fs.descSize = d
	}
	if s.hasRoCompat(roCompatBigalloc) {
		if s.logClusterSize < s.logBlockSize {
			return fs.fail(fc, linux.EINVAL, "cluster size (%d) smaller than block size (%d)",
				uint64(1024)<<min(s.logClusterSize, 32), fs.blockSize)
		}
		if s.logClusterSize-s.logBlockSize > 30 {
			return fs.fail(fc, linux.EINVAL, "Invalid log cluster size: %d", s.logClusterSize)
		}
		fs.clusterBits = uint(s.logClusterSize - s.logBlockSize)
		if s.clustersPerGroup > fs.blockSize*8 {
			return fs.fail(fc, linux.EINVAL, "#clusters per group too big: %d", s.clustersPerGroup)
		}
		if uint64(s.blocksPerGroup) != uint64(s.clustersPerGroup)<<fs.clusterBits {
			return fs.fail(fc, linux.EINVAL, "blocks per group (%d) and clusters per group (%d) inconsistent",
				s.blocksPerGroup, s.clustersPerGroup)
		}
	} else {
		if s.logClusterSize != s.logBlockSize {
			return fs.fail(fc, linux.EINVAL, "fragment/cluster size (%d) != block size (%d)",
				uint64(1024)<<min(s.logClusterSize, 32), fs.blockSize)
		}
		if s.blocksPerGroup > fs.blockSize*8 {
			return fs.fail(fc, linux.EINVAL, "#blocks per group too big: %d", s.blocksPerGroup)
		}
	}
	fs.inodesPerBlock = fs.blockSize / fs.inodeSize
	if s.inodesPerGroup == 0 || s.blocksPerGroup == 0 || fs.inodesPerBlock == 0 {
		return fs.cantFind(fc)
	}
	if s.inodesPerGroup < fs.inodesPerBlock || s.inodesPerGroup > fs.blockSize*8 {
		return fs.fail(fc, linux.EINVAL, "invalid inodes per group: %d\n", s.inodesPerGroup)
	}
	fs.itbPerGroup = s.inodesPerGroup / fs.inodesPerBlock
	fs.descPerBlock = fs.blockSize / fs.descSize
	return fs.geometryCheck(fc)
}

// cantFind is the fill_super's cantfind_ext4 exit.
func (fs *filesystem) cantFind(fc *vfs.FsContext) error {
	return fs.fail(fc, linux.EINVAL, "VFS: Can't find ext4 filesystem")
}

// geometryCheck is ext4_geometry_check: the block count against the
// device, and the group count against the inode count.
func (fs *filesystem) geometryCheck(fc *vfs.FsContext) error {
	s := fs.sb
	devBlocks := uint64(fs.disk.Size()) >> fs.blockBits
	if devBlocks != 0 && s.blocksCount > devBlocks {
		return fs.fail(fc, linux.EINVAL, "bad geometry: block count %d exceeds size of device (%d blocks)",
			s.blocksCount, devBlocks)
	}
	if uint64(s.firstDataBlock) >= s.blocksCount {
		return fs.fail(fc, linux.EINVAL, "bad geometry: first data block %d is beyond end of filesystem (%d)",
			s.firstDataBlock, s.blocksCount)
	}
	if s.firstDataBlock == 0 && s.logBlockSize == 0 && fs.clusterBits == 0 {
		return fs.fail(fc, linux.EINVAL, "bad geometry: first data block is 0 with a 1k block and cluster size")
	}
	groups := (s.blocksCount - uint64(s.firstDataBlock) + uint64(s.blocksPerGroup) - 1) / uint64(s.blocksPerGroup)
	if groups > 1<<32-uint64(fs.descPerBlock) {
		return fs.fail(fc, linux.EINVAL, "groups count too large: %d (block count %d, first data block %d, blocks per group %d)",
			groups, s.blocksCount, s.firstDataBlock, s.blocksPerGroup)
	}
	if groups*uint64(s.inodesPerGroup) != uint64(s.inodesCount) {
		return fs.fail(fc, linux.EINVAL, "inodes count not valid: %d vs %d", s.inodesCount, groups*uint64(s.inodesPerGroup))
	}
	fs.groupCount = uint32(groups)
	return nil
}

// descriptorLoc is descriptor_loc: the block holding the nr-th block of
// group descriptors.
func (fs *filesystem) descriptorLoc(nr uint32) uint64 {
	s := fs.sb
	sbBlock := fs.sbBlock()
	if !s.hasIncompat(incompatMetaBg) || nr < s.firstMetaBg {
		return sbBlock + uint64(nr) + 1
	}
	g := uint64(fs.descPerBlock) * uint64(nr)
	hasSuper := uint64(0)
	if fs.groupHasSuper(g) {
		hasSuper = 1
	}
	if fs.blockSize == 1024 && nr == 0 && s.firstDataBlock == 0 {
		hasSuper++
	}
	return hasSuper + fs.groupFirstBlock(g)
}

// sbBlock is the logical block that holds the superblock: 1 with 1 KiB
// blocks, else 0 (the superblock is 1024 bytes into block 0).
func (fs *filesystem) sbBlock() uint64 { return superOffset / uint64(fs.blockSize) }

// groupFirstBlock is ext4_group_first_block_no.
func (fs *filesystem) groupFirstBlock(g uint64) uint64 {
	return g*uint64(fs.sb.blocksPerGroup) + uint64(fs.sb.firstDataBlock)
}

// groupHasSuper is ext4_bg_has_super: every group, or with sparse_super
// groups 0, 1 and the powers of 3, 5 and 7, or with sparse_super2 the
// two groups the superblock names.
func (fs *filesystem) groupHasSuper(g uint64) bool {
	if fs.sb.hasCompat(compatSparseSuper2) {
		return g == uint64(fs.sb.backupBgs[0]) || g == uint64(fs.sb.backupBgs[1])
	}
	if g <= 1 || !fs.sb.hasRoCompat(roCompatSparseSuper) {
		return true
	}
	if g&1 == 0 {
		return false
	}
	return isPower(g, 3) || isPower(g, 5) || isPower(g, 7)
}

func isPower(n, base uint64) bool {
	for n%base == 0 {
		n /= base
	}
	return n == 1
}

// readGroups reads the group descriptors and makes
// ext4_check_descriptors's checks.
func (fs *filesystem) readGroups(fc *vfs.FsContext) error {
	dbCount := (fs.groupCount + fs.descPerBlock - 1) / fs.descPerBlock
	fs.groups = make([]group, 0, fs.groupCount)
	for i := range dbCount {
		blk, err := fs.readBlockUncached(fs.descriptorLoc(i))
		if err != nil {
			return fs.fail(fc, linux.EIO, "can't read group descriptor %d", i)
		}
		for j := uint32(0); j < fs.descPerBlock && uint32(len(fs.groups)) < fs.groupCount; j++ {
			off := j * fs.descSize
			fs.groups = append(fs.groups, decodeGroup(blk[off:off+fs.descSize], fs.descSize >= minDescSize64))
		}
	}
	if !fs.checkDescriptors(fc) {
		return fs.fail(fc, linux.EUCLEAN, "group descriptors corrupted!")
	}
	return nil
}

// checkDescriptors is ext4_check_descriptors for a read-only mount: each
// group's bitmaps and inode table lie in the filesystem (in the group
// itself without flex_bg); a bad checksum is only reported.
func (fs *filesystem) checkDescriptors(fc *vfs.FsContext) bool {
	s := fs.sb
	first := uint64(s.firstDataBlock)
	flex := s.hasIncompat(incompatFlexBg)
	sbBlock := fs.sbBlock()
	for i, g := range fs.groups {
		last := first + uint64(s.blocksPerGroup) - 1
		if i == len(fs.groups)-1 || flex {
			last = s.blocksCount - 1
		}
		for _, b := range []struct {
			what string
			at   uint64
			n    uint64
		}{{"Block bitmap", g.blockBitmap, 1}, {"Inode bitmap", g.inodeBitmap, 1}, {"Inode table", g.inodeTable, uint64(fs.itbPerGroup)}} {
			if b.at == sbBlock {
				fs.logf(fc, "ext4_check_descriptors: %s for group %d overlaps superblock", b.what, i)
			}
			if b.at < first || b.at+b.n-1 > last || b.at+b.n-1 < b.at {
				fs.logf(fc, "ext4_check_descriptors: %s for group %d not in group (block %d)!", b.what, i, b.at)
				return false
			}
		}
		if want, ok := fs.groupCsum(uint32(i), g.raw); ok && want != binary.LittleEndian.Uint16(g.raw[30:]) {
			fs.logf(fc, "ext4_check_descriptors: Checksum for group %d failed (%d!=%d)",
				i, want, binary.LittleEndian.Uint16(g.raw[30:]))
		}
		if !flex {
			first += uint64(s.blocksPerGroup)
		}
	}
	return true
}

// groupCsum is ext4_group_desc_csum, with ok false when the filesystem
// keeps no descriptor checksums.
func (fs *filesystem) groupCsum(nr uint32, raw []byte) (uint16, bool) {
	var le [4]byte
	binary.LittleEndian.PutUint32(le[:], nr)
	if fs.sb.metadataCsum() {
		c := crc32c(fs.csumSeed, le[:])
		c = crc32c(c, raw[:30])
		c = crc32c(c, []byte{0, 0})
		c = crc32c(c, raw[32:])
		return uint16(c), true
	}
	if !fs.sb.hasRoCompat(roCompatGdtCsum) {
		return 0, false
	}
	c := crc16(0xffff, fs.sb.uuid[:])
	c = crc16(c, le[:])
	c = crc16(c, raw[:30])
	if fs.sb.hasIncompat(incompat64bit) && len(raw) > 32 {
		c = crc16(c, raw[32:])
	}
	return c, true
}

// crc16 is lib/crc16.c's CRC-16 (polynomial 0x8005, bit-reversed).
func crc16(crc uint16, p []byte) uint16 {
	for _, b := range p {
		crc ^= uint16(b)
		for range 8 {
			if crc&1 != 0 {
				crc = crc>>1 ^ 0xa001
			} else {
				crc >>= 1
			}
		}
	}
	return crc
}

// overhead is ext4_calculate_overhead (non-bigalloc filesystems always
// count it again, ignoring s_overhead_clusters): the blocks before the
// first group, each group's superblock copy, descriptors, reserved
// descriptor blocks, bitmaps and inode table, and the journal.
func (fs *filesystem) overhead() uint64 {
	s := fs.sb
	if s.hasRoCompat(roCompatBigalloc) && s.overheadClusters != 0 && uint64(s.overheadClusters) <= s.blocksCount {
		return uint64(s.overheadClusters)
	}
	n := uint64(s.firstDataBlock) >> fs.clusterBits
	gdbCount := (uint64(fs.groupCount) + uint64(fs.descPerBlock) - 1) / uint64(fs.descPerBlock)
	for g := range uint64(fs.groupCount) {
		has := uint64(0)
		if fs.groupHasSuper(g) {
			has = 1
		}
		n += has + fs.groupGdbCount(g, has == 1, gdbCount) + has*uint64(s.reservedGdtBlocks) + uint64(fs.itbPerGroup) + 2
	}
	return n + fs.journalBlocks()>>fs.clusterBits
}

// groupGdbCount is ext4_bg_num_gdb: the descriptor blocks group g holds.
func (fs *filesystem) groupGdbCount(g uint64, hasSuper bool, gdbCount uint64) uint64 {
	s := fs.sb
	meta := g / uint64(fs.descPerBlock)
	if !s.hasIncompat(incompatMetaBg) || meta < uint64(s.firstMetaBg) {
		switch {
		case !hasSuper:
			return 0
		case s.hasIncompat(incompatMetaBg):
			return uint64(s.firstMetaBg)
		}
		return gdbCount
	}
	first := meta * uint64(fs.descPerBlock)
	if g == first || g == first+1 || g == first+uint64(fs.descPerBlock)-1 {
		return 1
	}
	return 0
}

// journalBlocks is the internal journal's length: s_maxlen of its
// superblock when the journal is loaded, else the journal inode's size
// in blocks.
func (fs *filesystem) journalBlocks() uint64 {
	s := fs.sb
	if !s.hasCompat(compatHasJournal) || s.journalInum == 0 {
		return 0
	}
	ri, err := fs.readRawInode(s.journalInum)
	if err != nil {
		return 0
	}
	if fs.opts&optNoload != 0 {
		return uint64(ri.size) >> fs.blockBits
	}
	m := fs.mapperFor(ri)
	pblk, ok, err := lookupOne(m, 0)
	if err != nil || !ok {
		return 0
	}
	blk, err := fs.readBlock(pblk)
	if err != nil || binary.BigEndian.Uint32(blk) != journalSBMagic {
		return 0
	}
	return uint64(binary.BigEndian.Uint32(blk[16:]))
}
