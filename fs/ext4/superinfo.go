// SPDX-License-Identifier: Apache-2.0

package ext4

import "encoding/binary"

// SuperInfo is a superblock's fields as listing programs (dumpe2fs,
// tune2fs -l) show them: what decodeSuper reads, plus the bookkeeping
// the kernel itself never needs (times, counts, names, error records).
type SuperInfo struct {
	InodesCount, FreeInodes                        uint32
	BlocksCount, RBlocksCount, FreeBlocks          uint64
	FirstDataBlock, LogBlockSize, LogClusterSize   uint32
	BlocksPerGroup, ClustersPerGroup               uint32
	InodesPerGroup                                 uint32
	Magic, State, Errors                           uint16
	CreatorOS, RevLevel                            uint32
	DefResuid, DefResgid                           uint16
	FirstIno                                       uint32
	InodeSize, DescSize                            uint16
	MinExtraIsize, WantExtraIsize                  uint16
	Compat, Incompat, RoCompat                     uint32
	UUID, JournalUUID, HashSeed                    [16]byte
	JournalInum, JournalDev, LastOrphan            uint32
	DefHashVersion, ChecksumType, LogGroupsPerFlex uint8
	JnlBackupType                                  uint8
	DefaultMountOpts, FirstMetaBg, Flags           uint32
	OverheadClusters, ChecksumSeed, Checksum       uint32
	ReservedGdtBlocks                              uint16
	BackupBgs                                      [2]uint32
	VolumeName                                     string
	LastMounted, MountOpts                         string
	Mtime, Wtime, MkfsTime, LastCheck              uint32
	CheckInterval                                  uint32
	MntCount                                       uint16
	MaxMntCount                                    int16
	KbytesWritten                                  uint64
	RaidStride                                     uint16
	RaidStripeWidth                                uint32
	MMPInterval                                    uint16
	MMPBlock                                       uint64
	SnapshotInum, SnapshotID                       uint32
	SnapshotRBlocks                                uint64
	SnapshotList                                   uint32
	ErrorCount                                     uint32
	FirstError, LastError                          ErrorRecord
	UsrQuotaInum, GrpQuotaInum, PrjQuotaInum       uint32
	LpfIno, OrphanFileInum                         uint32
	Encoding, EncodingFlags                        uint16
}

// ErrorRecord is one of the superblock's first and last error slots.
type ErrorRecord struct {
	Time, Ino, Line uint32
	Block           uint64
	Func            string
	Errcode         uint8
}

// DecodeSuperInfo reads a raw 1024-byte superblock; ok is false when it
// is too short or lacks the ext2 magic number.
func DecodeSuperInfo(raw []byte) (SuperInfo, bool) {
	if len(raw) < superSize || binary.LittleEndian.Uint16(raw[56:]) != Magic {
		return SuperInfo{}, false
	}
	s := decodeSuper(raw)
	i := SuperInfo{
		InodesCount: s.inodesCount, BlocksCount: s.blocksCount, RBlocksCount: s.rBlocksCount,
		FirstDataBlock: s.firstDataBlock, LogBlockSize: s.logBlockSize, LogClusterSize: s.logClusterSize,
		BlocksPerGroup: s.blocksPerGroup, ClustersPerGroup: s.clustersPerGroup, InodesPerGroup: s.inodesPerGroup,
		Magic: s.magic, State: s.state, Errors: s.errors, CreatorOS: s.creatorOS, RevLevel: s.revLevel,
		DefResuid: s.defResuid, DefResgid: s.defResgid, FirstIno: s.firstIno, InodeSize: s.inodeSize,
		DescSize: s.descSize, MinExtraIsize: s.minExtraIsize,
		Compat: s.compat, Incompat: s.incompat, RoCompat: s.roCompat, UUID: s.uuid,
		JournalInum: s.journalInum, JournalDev: s.journalDev, DefHashVersion: s.defHashVersion,
		ChecksumType: s.checksumType, LogGroupsPerFlex: s.logGroupsPerFlex,
		DefaultMountOpts: s.defaultMountOpts, FirstMetaBg: s.firstMetaBg, Flags: s.flags,
		OverheadClusters: s.overheadClusters, ChecksumSeed: s.checksumSeed, Checksum: s.checksum,
		ReservedGdtBlocks: s.reservedGdtBlocks, BackupBgs: s.backupBgs,
	}
	decodeBookkeeping(&i, raw, s.hasIncompat(incompat64bit))
	return i, true
}

// decodeBookkeeping reads the fields only listings use.
func decodeBookkeeping(i *SuperInfo, b []byte, wide bool) {
	le := binary.LittleEndian
	for n := range i.HashSeed {
		i.HashSeed[n] = b[236+n]
	}
	i.FreeBlocks = uint64(le.Uint32(b[12:]))
	if wide {
		i.FreeBlocks |= uint64(le.Uint32(b[344:])) << 32
	}
	i.FreeInodes = le.Uint32(b[16:])
	i.Mtime, i.Wtime = le.Uint32(b[44:]), le.Uint32(b[48:])
	i.MntCount, i.MaxMntCount = le.Uint16(b[52:]), int16(le.Uint16(b[54:]))
	i.LastCheck, i.CheckInterval = le.Uint32(b[64:]), le.Uint32(b[68:])
	i.VolumeName = cString(b[120:136])
	i.LastMounted = cString(b[136:200])
	copy(i.JournalUUID[:], b[208:224])
	i.LastOrphan = le.Uint32(b[232:])
	i.JnlBackupType = b[253]
	i.MkfsTime = le.Uint32(b[264:])
	i.WantExtraIsize = le.Uint16(b[350:])
	i.RaidStride, i.MMPInterval = le.Uint16(b[356:]), le.Uint16(b[358:])
	i.MMPBlock = le.Uint64(b[360:])
	i.RaidStripeWidth = le.Uint32(b[368:])
	i.KbytesWritten = le.Uint64(b[376:])
	i.SnapshotInum, i.SnapshotID = le.Uint32(b[384:]), le.Uint32(b[388:])
	i.SnapshotRBlocks, i.SnapshotList = le.Uint64(b[392:]), le.Uint32(b[400:])
	i.ErrorCount = le.Uint32(b[404:])
	i.FirstError = ErrorRecord{Time: le.Uint32(b[408:]), Ino: le.Uint32(b[412:]), Block: le.Uint64(b[416:]),
		Func: cString(b[424:456]), Line: le.Uint32(b[456:]), Errcode: b[634]}
	i.LastError = ErrorRecord{Time: le.Uint32(b[460:]), Ino: le.Uint32(b[464:]), Line: le.Uint32(b[468:]),
		Block: le.Uint64(b[472:]), Func: cString(b[480:512]), Errcode: b[635]}
	i.MountOpts = cString(b[512:576])
	i.UsrQuotaInum, i.GrpQuotaInum = le.Uint32(b[576:]), le.Uint32(b[580:])
	i.LpfIno, i.PrjQuotaInum = le.Uint32(b[616:]), le.Uint32(b[620:])
	i.Encoding, i.EncodingFlags = le.Uint16(b[636:]), le.Uint16(b[638:])
	i.OrphanFileInum = le.Uint32(b[640:])
}
