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
	incMetaBg     = 0x10
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

func (f features) has(c, i, r uint32) bool {
	return f.compat&c != 0 || f.incompat&i != 0 || f.roCompat&r != 0
}

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
	errTooSmall      = errors.New("Could not allocate block in ext2 filesystem")
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
		if g.blocks <= g.firstData {
			return nil, errTooSmall
		}
		g.groups = divCeil(g.blocks-g.firstData, g.blocksPerGroup)
		g.descBlocks = divCeil(g.groups, g.descPerBlock)
		inodes := wantInodes
		if inodes < 12 {
			inodes = 12
		}
		ipg := divCeil(inodes, g.groups)
		if ipg > bs*8 {
			if g.blocksPerGroup >= 256 {
				g.blocksPerGroup -= 8
				g.blocks = p.blocks
				continue
			}
			return nil, errTooManyInodes
		}
		maxIPG := 65536 - bs/uint64(p.inodeSize) // EXT2_MAX_INODES_PER_GROUP
		if ipg > maxIPG {
			ipg = maxIPG
		}
		for {
			itb := divCeil(ipg*uint64(p.inodeSize), bs)
			ipgFull := itb * bs / uint64(p.inodeSize) &^ 7
			g.itbPerGroup = divCeil(ipgFull*uint64(p.inodeSize), bs)
			g.inodesPerGroup = ipgFull
			if ipgFull*g.groups > 0xffffffff {
				ipg--
				continue
			}
			break
		}
		g.inodes = g.inodesPerGroup * g.groups
		g.rsvGdt = 0
		if g.feat.compat&compatResizeInode != 0 {
			g.rsvGdt = g.reservedGdt()
		}
		if g.rsvGdt > bs/4 {
			return nil, errors.New("Too many reserved group descriptor blocks")
		}
		overhead := 3 + g.itbPerGroup + g.rsvGdt
		if g.rsvGdt+g.descBlocks > g.blocksPerGroup*3/4 {
			g.feat.incompat |= incMetaBg
			g.feat.compat &^= compatResizeInode
			g.rsvGdt = 0
		}
		if g.feat.incompat&incMetaBg != 0 {
			overhead++
		} else {
			overhead += g.descBlocks
		}
		if overhead > g.blocksPerGroup {
			return nil, errTooManyInodes
		}
		last := 2 + g.itbPerGroup
		if g.hasSuper(g.groups - 1) {
			last += 1 + g.descBlocks + g.rsvGdt
		}
		rem := (g.blocks - g.firstData) % g.blocksPerGroup
		if g.groups == 1 && rem != 0 && rem < last {
			return nil, errTooSmall
		}
		if rem != 0 && rem < last+50 {
			ratio := 100.0 * float64(g.rBlocks) / float64(g.blocks)
			g.blocks -= rem
			g.rBlocks = uint64(ratio * float64(g.blocks) / 100.0)
			continue
		}
		return g, nil
	}
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

// superAndDesc is where group n keeps its superblock copy and
// descriptor blocks (0 for none) and how many blocks they take,
// reserved descriptor blocks included.
func (g *geometry) superAndDesc(n uint64) (super, oldDesc, newDesc, used uint64) {
	first := g.groupFirst(n)
	if first == 0 && g.p.blockSize == 1024 {
		first = 1
	}
	oldBlocks := g.descBlocks + g.rsvGdt
	metaBg := g.feat.incompat&incMetaBg != 0
	hasSuper := g.hasSuper(n)
	if hasSuper {
		super = first
		used++
	}
	if !metaBg {
		if hasSuper {
			oldDesc = first + 1
			used += oldBlocks
		}
		return
	}
	meta := n / g.descPerBlock
	if n%g.descPerBlock == 0 || n%g.descPerBlock == 1 || n%g.descPerBlock == g.descPerBlock-1 {
		_ = meta
		newDesc = first
		if hasSuper {
			newDesc++
		}
		used++
	}
	return
}
