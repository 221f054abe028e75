// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import "errors"

// Feature bits mke2fs sets (the on-disk s_feature_* words).
const (
	compatHasJournal  = 0x4
	compatExtAttr     = 0x8
	compatResizeInode = 0x10
	compatDirIndex    = 0x20

	roSparseSuper  = 0x1
	roLargeFile    = 0x2
	roHugeFile     = 0x8
	roGdtCsum      = 0x10
	roDirNlink     = 0x20
	roExtraIsize   = 0x40
	roQuota        = 0x100
	roBigalloc     = 0x200
	roMetadataCsum = 0x400

	incFiletype   = 0x2
	incExtents    = 0x40
	inc64bit      = 0x80
	incMMP        = 0x100
	incFlexBg     = 0x200
	incCsumSeed   = 0x2000
	incLargedir   = 0x4000
	incInlineData = 0x8000
)

// features are the three feature words.
type features struct{ compat, incompat, roCompat uint32 }

// params are what the command decided: the sizes and switches the
// layout follows.
type params struct {
	blockSize     uint32
	blocks        uint64 // the filesystem's length in blocks
	inodeSize     uint32
	inodes        uint64 // wanted inodes (0: one per inodeRatio bytes)
	inodeRatio    uint64
	feat          features
	reservedRatio float64
	logFlex       uint32
	journalBlocks uint32 // 0: no journal
	uuid          [16]byte
	hashSeed      [16]byte
	label         string
	now           uint32
	rootUID       uint32
	rootGID       uint32
	lazyItable    bool // write only the used part of inode tables
	itableZeroed  bool // the device reads zeros where discarded
	errorsBehav   uint16
	mountOpts     uint32
	maxMountCount int16
	warnY2038     bool // small inodes to warn about
	// blocksPerGroup is -g's group size (0: eight per bitmap bit).
	blocksPerGroup uint64
	lastMounted    string // -M
}

// Errors the layout reports, each with mke2fs's message.
var (
	errTooSmall      = errors.New("Not enough space to build proposed filesystem")
	errTooManyInodes = errors.New("Too many inodes")
	errNoSpace       = errors.New("Could not allocate block in ext2 filesystem")
)

// geometry is the filesystem's shape: groups, inodes, descriptor
// blocks, as ext2fs_initialize settles them.
type geometry struct {
	p              *params
	blocks         uint64
	rBlocks        uint64
	firstData      uint64
	blocksPerGroup uint64
	groups         uint64
	descSize       uint64
	descPerBlock   uint64
	descBlocks     uint64
	inodesPerGroup uint64
	itbPerGroup    uint64 // inode table blocks per group
	inodes         uint64
	rsvGdt         uint64
	feat           features
}

// divCeil is a/b rounded up.
func divCeil(a, b uint64) uint64 { return (a + b - 1) / b }

// newGeometry settles the groups for p: blocks per group shrink when the
// inodes asked for do not fit, and a last group too small for its own
// tables is dropped, as libext2fs's initializer does.
func newGeometry(p *params) (*geometry, error) {
	g := &geometry{p: p, blocks: p.blocks, feat: p.feat}
	bs := uint64(p.blockSize)
	if bs == 1024 {
		g.firstData = 1
	}
	g.blocksPerGroup = bs * 8
	if p.blocksPerGroup != 0 {
		g.blocksPerGroup = p.blocksPerGroup
	}
	g.descSize = 32
	if p.feat.incompat&inc64bit != 0 {
		g.descSize = 64
	}
	g.descPerBlock = bs / g.descSize
	g.rBlocks = uint64(p.reservedRatio * float64(g.blocks) / 100.0)
	wantInodes := p.inodes
	if wantInodes == 0 {
		wantInodes = g.blocks * bs / p.inodeRatio
	}
	for {
		again, err := g.fit(wantInodes)
		if err != nil || !again {
			return g, err
		}
	}
}

// fit settles the groups, inodes and reserved descriptor blocks for the
// current length and group size; again says the group size or length
// changed and the sums must be done once more.
func (g *geometry) fit(wantInodes uint64) (again bool, err error) {
	p, bs := g.p, uint64(g.p.blockSize)
	if g.blocks <= g.firstData {
		return false, errTooSmall
	}
	g.groups = divCeil(g.blocks-g.firstData, g.blocksPerGroup)
	g.descBlocks = divCeil(g.groups, g.descPerBlock)
	ipg := divCeil(max(wantInodes, firstIno+1), g.groups)
	if ipg > bs*8 {
		if g.blocksPerGroup < 256 {
			return false, errTooManyInodes
		}
		// Smaller groups, more of them: fewer inodes each.
		g.blocksPerGroup -= 8
		g.blocks = p.blocks
		return true, nil
	}
	g.setInodesPerGroup(min(ipg, 65536-bs/uint64(p.inodeSize)))
	g.rsvGdt = 0
	if g.feat.compat&compatResizeInode != 0 {
		g.rsvGdt = g.reservedGdt()
	}
	if g.rsvGdt > bs/4 {
		return false, errors.New("Too many reserved group descriptor blocks")
	}
	if g.rsvGdt+g.descBlocks > g.blocksPerGroup*3/4 {
		// mke2fs would switch to meta_bg, whose layout is not made here.
		return false, errors.New("Too many group descriptor blocks for this layout (meta_bg)")
	}
	if 3+g.itbPerGroup+g.rsvGdt+g.descBlocks > g.blocksPerGroup {
		return false, errTooManyInodes
	}
	return g.dropShortLastGroup()
}

// setInodesPerGroup rounds ipg up to fill whole inode table blocks and
// down to a multiple of 8 (at least 8), within 2^32 inodes in all.
func (g *geometry) setInodesPerGroup(ipg uint64) {
	bs, isz := uint64(g.p.blockSize), uint64(g.p.inodeSize)
	for {
		full := max(divCeil(ipg*isz, bs)*bs/isz, 8) &^ 7
		g.inodesPerGroup = full
		g.itbPerGroup = divCeil(full*isz, bs)
		if full*g.groups <= 0xffffffff {
			break
		}
		ipg--
	}
	g.inodes = g.inodesPerGroup * g.groups
}

// dropShortLastGroup ends the filesystem at the last whole group when
// the partial one after it would have under 50 blocks besides its own
// tables (the reserved blocks keep their ratio).
func (g *geometry) dropShortLastGroup() (again bool, err error) {
	last := 2 + g.itbPerGroup
	if g.hasSuper(g.groups - 1) {
		last += 1 + g.descBlocks + g.rsvGdt
	}
	rem := (g.blocks - g.firstData) % g.blocksPerGroup
	if g.groups == 1 && rem != 0 && rem < last {
		return false, errTooSmall
	}
	if rem != 0 && rem < last+50 {
		// The ratio is the one first asked for, however often the
		// length was cut before.
		rAsked := uint64(g.p.reservedRatio * float64(g.p.blocks) / 100.0)
		ratio := 100.0 * float64(rAsked) / float64(g.p.blocks)
		g.blocks -= rem
		g.rBlocks = uint64(ratio * float64(g.blocks) / 100.0)
		return true, nil
	}
	return false, nil
}

// reservedGdt is how many descriptor blocks are set aside for online
// growth: enough for 1024 times the size, within 2^32 blocks.
func (g *geometry) reservedGdt() uint64 {
	maxBlocks := uint64(0xffffffff)
	if g.blocks < maxBlocks/1024 {
		maxBlocks = g.blocks * 1024
	}
	rsvGroups := divCeil(maxBlocks-g.firstData, g.blocksPerGroup)
	rsv := divCeil(rsvGroups, g.descPerBlock) - g.descBlocks
	if apb := uint64(g.p.blockSize) / 4; rsv > apb {
		rsv = apb
	}
	return rsv
}

// hasSuper says whether group n holds a superblock copy: 0, 1 and the
// powers of 3, 5 and 7 under sparse_super.
func (g *geometry) hasSuper(n uint64) bool {
	if n == 0 {
		return true
	}
	if g.feat.roCompat&roSparseSuper == 0 {
		return true
	}
	if n <= 1 {
		return true
	}
	if n&1 == 0 {
		return false
	}
	return isPower(n, 3) || isPower(n, 5) || isPower(n, 7)
}

// isPower says whether n is a power of b (b^0 = 1 included).
func isPower(n, b uint64) bool {
	for n > 1 && n%b == 0 {
		n /= b
	}
	return n == 1
}

// groupFirst and groupLast are a group's first and last block.
func (g *geometry) groupFirst(n uint64) uint64 { return g.firstData + n*g.blocksPerGroup }

func (g *geometry) groupLast(n uint64) uint64 {
	if n == g.groups-1 {
		return g.blocks - 1
	}
	return g.groupFirst(n) + g.blocksPerGroup - 1
}

func (g *geometry) groupOf(blk uint64) uint64 { return (blk - g.firstData) / g.blocksPerGroup }

// superAndDesc is where group n keeps its superblock copy and its
// descriptor blocks (0 for none), and how many blocks they take with
// the reserved descriptor blocks (no meta_bg here: the table is whole
// in every group with a superblock).
func (g *geometry) superAndDesc(n uint64) (super, desc, used uint64) {
	if !g.hasSuper(n) {
		return 0, 0, 0
	}
	super = g.groupFirst(n)
	if super == 0 && g.p.blockSize == 1024 {
		super = 1
	}
	return super, super + 1, 1 + g.descBlocks + g.rsvGdt
}
