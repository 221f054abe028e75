// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"math/bits"
)

// settings are what the command line asked for; zero values mean the
// profile's choice.
type settings struct {
	fsType        string   // -t, or from the program's name
	usage         []string // -T's list
	blockSize     int      // -b
	blocksArg     uint64   // the size operand, in 1k blocks or -b's
	featureEdits  []string // -O, in order
	journal       bool     // -j
	journalMB     int      // -J size=
	inodes        uint64   // -N
	inodeRatio    uint64   // -i
	inodeSize     uint32   // -I
	reservedRatio float64  // -m
	reservedSet   bool
	label         string
	uuid          [16]byte
	hashSeed      [16]byte
	now           uint32
	rootUID       uint32
	rootGID       uint32
	lazyItable    bool
	itableZeroed  bool
	errorsBehav   uint16 // -e (0: continue)
	blocksPerGrp  uint64 // -g
	flexSize      uint64 // -G
	lastMounted   string // -M
	// warnings are what decide found worth saying (on standard error)
	// and left to the command to print once.
	warnings []string
}

// pageSize is the modelled machine's page size.
const pageSize = 4096

// usageError is a complaint mke2fs prints before giving up (exit 1).
type usageError struct {
	msg    string
	stdout bool // printed on standard output, as mke2fs prints some
	named  bool // after the program's name
}

func (e *usageError) Error() string { return e.msg }

// decide turns the settings and the device's length in bytes into the
// layout's parameters, as mke2fs reads its profile: the filesystem type's
// features on the defaults, then the usage types' sizes, then the
// command line. It returns the types it resolved with, for -v.
func (s *settings) decide(devBytes uint64) (*params, []string, error) {
	types, blocks, err := s.resolveTypes(devBytes)
	if err != nil {
		return nil, nil, err
	}
	p, bs, noWarn := s.fromProfile(types)
	if err := s.applyCommandLine(p); err != nil {
		return nil, nil, err
	}
	if s.blockSize > 0 {
		bs = s.blockSize
	} else {
		blocks /= uint64(bs) / 1024 // counted in 1k blocks so far
	}
	p.blockSize, p.blocks = uint32(bs), blocks
	p.warnY2038 = p.inodeSize == 128 && !noWarn
	return p, types, s.check(p)
}

// resolveTypes names the filesystem type and usage types the profile
// is read with, the length in blocks (1k, or -b's) deciding the usage
// type when -T does not.
func (s *settings) resolveTypes(devBytes uint64) ([]string, uint64, error) {
	fsType := s.fsType
	if fsType == "" {
		fsType = "ext2"
		if s.journal {
			fsType = "ext3"
		}
	}
	if _, ok := fsTypes[fsType]; !ok && fsType != "ext2" {
		return nil, 0, &usageError{msg: fmt.Sprintf("\nYour mke2fs.conf file does not define the %s filesystem type.\nAborting...", fsType), stdout: true}
	}
	unit := uint64(1024)
	if s.blockSize > 0 {
		unit = uint64(s.blockSize)
	}
	blocks := devBytes / unit
	if s.blocksArg != 0 {
		blocks = s.blocksArg
	}
	if pageSize > unit {
		blocks &^= pageSize/unit - 1 // whole pages
	}
	usage := s.usage
	if len(usage) == 0 {
		usage = []string{usageType(blocks, unit)}
	}
	types := []string{fsType}
	s.warnings = nil
	for _, t := range usage {
		switch _, ok := fsTypes[t]; {
		case ok:
			types = append(types, t)
		case t != "default":
			s.warnings = append(s.warnings, fmt.Sprintf("\nWarning: the fs_type %s is not defined in mke2fs.conf\n\n", t))
		}
	}
	return types, blocks, nil
}

// fromProfile is the parameters the profile gives the types: the
// defaults, then each type's stanza in order. bs is the block size the
// profile asks for; noWarn turns off the small inodes' warning.
func (s *settings) fromProfile(types []string) (p *params, bs int, noWarn bool) {
	p = &params{
		blockSize: defaultBlockSize, inodeSize: defaultInodeSize, inodeRatio: defaultRatio,
		reservedRatio: 5, uuid: s.uuid, hashSeed: s.hashSeed, label: s.label, now: s.now,
		rootUID: s.rootUID, rootGID: s.rootGID, lazyItable: s.lazyItable, itableZeroed: s.itableZeroed,
		errorsBehav: 1, mountOpts: defaultMountOpts, maxMountCount: -1,
		blocksPerGroup: s.blocksPerGrp, lastMounted: s.lastMounted,
	}
	editFeatures(&p.feat, baseFeatures)
	bs = defaultBlockSize
	for _, t := range types {
		prof := fsTypes[t]
		editFeatures(&p.feat, prof.features)
		if prof.blockSize != 0 {
			bs = prof.blockSize
		}
		if prof.inodeRatio != 0 {
			p.inodeRatio = prof.inodeRatio
		}
		if prof.inodeSize != 0 {
			p.inodeSize = prof.inodeSize
		}
		noWarn = noWarn || prof.noY2038
	}
	if bs == -1 {
		bs = pageSize
	}
	return p, bs, noWarn
}

// applyCommandLine lays the options over the profile's choices.
func (s *settings) applyCommandLine(p *params) error {
	if s.errorsBehav != 0 {
		p.errorsBehav = s.errorsBehav
	}
	if s.journal {
		p.feat.compat |= compatHasJournal
	}
	for _, e := range s.featureEdits {
		if _, ok := editFeatures(&p.feat, e); !ok {
			return &usageError{msg: fmt.Sprintf("Invalid filesystem option set: %s", e)}
		}
	}
	if p.feat.roCompat&roMetadataCsum != 0 {
		p.feat.roCompat &^= roGdtCsum // metadata_csum supersedes it
	}
	if s.flexSize != 0 && p.feat.incompat&incFlexBg == 0 {
		return &usageError{msg: "Flex_bg feature not enabled, so flex_bg size may not be specified", named: true}
	}
	if p.feat.incompat&incFlexBg != 0 {
		p.logFlex = 4
		if s.flexSize != 0 {
			p.logFlex = uint32(bits.TrailingZeros64(s.flexSize))
		}
	}
	if s.inodeRatio != 0 {
		p.inodeRatio = s.inodeRatio
	}
	if s.inodeSize != 0 {
		p.inodeSize = s.inodeSize
	}
	if s.reservedSet {
		p.reservedRatio = s.reservedRatio
	}
	p.inodes = s.inodes
	return nil
}

// check refuses what mke2fs refuses once the sizes are known.
func (s *settings) check(p *params) error {
	bs := uint64(p.blockSize)
	if p.feat.incompat&inc64bit != 0 && p.feat.incompat&incExtents == 0 {
		return &usageError{msg: "Extents MUST be enabled for a 64-bit filesystem.  Pass -O extents to rectify.", stdout: true}
	}
	if p.blocksPerGroup != 0 && (p.blocksPerGroup < 256 || p.blocksPerGroup > 8*bs) {
		return &usageError{msg: "blocks per group count out of range", named: true}
	}
	if s.inodeRatio == 0 {
		p.inodeRatio = max(p.inodeRatio, bs) // the profile's, not -i's
	}
	inodes := p.inodes
	if inodes == 0 {
		inodes = p.blocks * bs / p.inodeRatio
	}
	if p.blocks > 0 && inodes*uint64(p.inodeSize) >= p.blocks*bs {
		// (No blocks at all is "not enough space", later.)
		return &usageError{msg: fmt.Sprintf("inode_size (%d) * inodes_count (%d) too big for a\n"+
			"\tfilesystem with %d blocks, specify higher inode_ratio (-i)\n\tor lower inode count (-N).\n",
			p.inodeSize, inodes, p.blocks), named: true}
	}
	return nil
}

// journalSize settles the journal's length once the geometry is known;
// false says the filesystem is too small for one.
func (s *settings) journalSize(p *params, g *geometry) (uint32, error) {
	if p.feat.compat&compatHasJournal == 0 {
		return 0, nil
	}
	if s.journalMB != 0 {
		n := uint64(s.journalMB) * 1024 * 1024 / uint64(p.blockSize)
		if n < 1024 || n > 10240000 {
			return 0, &usageError{msg: fmt.Sprintf("\nThe total requested journal size is %d blocks; it must be\nbetween 1024 and 10,240,000 blocks.  Aborting.", n)}
		}
		if n > g.blocks/2 {
			return 0, &usageError{msg: "\nTotal journal size too big for filesystem."}
		}
		return uint32(n), nil
	}
	return defaultJournalBlocks(g.blocks), nil
}
