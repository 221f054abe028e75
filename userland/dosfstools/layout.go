// SPDX-License-Identifier: Apache-2.0

package dosfstools

// The shape of a new FAT filesystem, chosen as dosfstools 4.2's mkfs.fat
// chooses it: geometry and media from the device (or a floppy's standard
// format), then the smallest cluster size at which a FAT of the wanted
// (or best) width can address the data area.

// Cluster count limits. Linux and Windows tell FAT12 from FAT16 by the
// count, and disagree on 4085 and 4086, which mkfs.fat therefore avoids.
const (
	maxClusters12 = 4084
	minClusters16 = 4087
	maxClusters16 = 65524
	minClusters32 = 65525
	maxClusters32 = 268435446
)

// deviceKind is what mkfs.fat makes of its target.
type deviceKind int

const (
	kindFile deviceKind = iota // an image, or a loop device over a whole one
	kindVirtual
	kindRemovable
	kindFixed // a disk that is neither removable nor a loop device
	kindBad   // neither a block device nor a regular file
)

// deviceInfo is what the target tells of itself; -1 is unknown.
type deviceInfo struct {
	kind        deviceKind
	partition   int   // 0 for a whole device or file
	hasChildren bool  // partitions or holders on it
	start       int64 // the partition's first sector
	diskSectors int64 // sectors of the whole disk
	sectorSize  int   // logical sector size of a block device
	size        int64 // bytes
}

// floppyFormat is a standard floppy's layout, chosen by size on any
// device that is not a fixed disk.
type floppyFormat struct {
	kib         int64
	secsTrack   int
	media       byte
	clusterSize int
	rootEntries int
}

var floppyFormats = []floppyFormat{
	{360, 9, 0xfd, 2, 112},
	{720, 9, 0xf9, 2, 112},
	{1200, 15, 0xf9, 1, 224},
	{1440, 18, 0xf0, 1, 224},
	{2880, 36, 0xf0, 2, 224},
}

// guessGeometry is heads and sectors per track for a device that has no
// geometry to report: the SD card specification's table up to 256 MiB,
// LBA-assist translation beyond.
func guessGeometry(sectors int64) (heads, secsTrack int) {
	if sectors <= 524288 {
		switch {
		case sectors <= 32768:
			heads = 2
		case sectors <= 65536:
			heads = 4
		case sectors <= 262144:
			heads = 8
		default:
			heads = 16
		}
		secsTrack = 32
		if sectors <= 4096 {
			secsTrack = 16
		}
		return heads, secsTrack
	}
	const track = 63 * 1024
	heads = 255
	for _, h := range []int64{16, 32, 64, 128} {
		if sectors <= h*track {
			heads = int(h)
			break
		}
	}
	return heads, 63
}

// fat32ClusterSize is the sectors per cluster Microsoft's format picks
// for FAT32 by size: 512 bytes up to 260 MiB, 4 KiB up to 8 GiB, then
// doubling at 16 and 32 GiB.
func fat32ClusterSize(sectors int64) int {
	const gib = 1024 * 1024 * 2 // 512-byte sectors
	switch {
	case sectors > 32*gib:
		return 64
	case sectors > 16*gib:
		return 32
	case sectors > 8*gib:
		return 16
	case sectors > 260*1024*2:
		return 8
	}
	return 1
}

// cdiv is a/b rounded up.
func cdiv(a, b int64) int64 { return (a + b - 1) / b }

// roundUp rounds n up to a multiple of the power of two align when
// aligning.
func roundUp(n, align int64, aligning bool) int64 {
	if !aligning {
		return n
	}
	return (n + align - 1) &^ (align - 1)
}

// fatCandidate is one FAT width's fit at a cluster size.
type fatCandidate struct {
	clusters, fatLength int64
}

// The fits below keep mkfs.fat's C types: 32-bit unsigned counts that
// wrap (a filesystem smaller than its reserved sectors and root
// directory yields some count, later refused as too small), 64-bit
// quotients, and int arguments to the rounding-up division.

// cdiv32 is cdiv on C ints.
func cdiv32(a, b uint32) uint32 { return uint32((int32(a) + int32(b) - 1) / int32(b)) }

// align32 is align_object on unsigned sector counts.
func (m *mkfs) align32(n, cs uint32) uint32 {
	if !m.align {
		return n
	}
	return (n + cs - 1) &^ (cs - 1)
}

// fit12 is how a FAT12 fits data sectors for FATs and clusters.
func (m *mkfs) fit12(data uint32) fatCandidate {
	ss, nf, cs := uint32(m.sectorSize), uint32(m.fats), uint32(m.clusterSize)
	// Doubling both sides keeps the 1.5-byte entries exact for one FAT.
	n := uint32(2 * (int64(data)*int64(ss) + int64(nf*3)) / int64(2*cs*ss+nf*3))
	length := m.align32(cdiv32(((n+2)*3+1)>>1, ss), cs)
	n = (data - nf*length) / cs
	limit := min(length*2*ss/3, maxClusters12)
	m.trace("Trying FAT12: #clu=%d, fatlen=%d, maxclu=%d, limit=%d\n", 12, n, length, limit, maxClusters12)
	if n > limit {
		m.trace("Trying FAT12: too much clusters\n", 12)
		n = 0
	}
	return fatCandidate{int64(n), int64(length)}
}

// fit16 is how a FAT16 fits; too few clusters would read as FAT12.
func (m *mkfs) fit16(data uint32) fatCandidate {
	ss, nf, cs := uint32(m.sectorSize), uint32(m.fats), uint32(m.clusterSize)
	n := uint32((int64(data)*int64(ss) + int64(nf*4)) / int64(cs*ss+nf*2))
	length := m.align32(cdiv32((n+2)*2, ss), cs)
	n = (data - nf*length) / cs
	limit := min(length*ss/2, maxClusters16)
	m.trace("Trying FAT16: #clu=%d, fatlen=%d, maxclu=%d, limit=%d/%d\n", 16, n, length, limit, minClusters16, maxClusters16)
	if n > limit {
		m.trace("Trying FAT16: too much clusters\n", 16)
		n = 0
	}
	if n != 0 && n < minClusters16 {
		m.trace("Trying FAT16: not enough clusters, would be misdetected as FAT12\n", 16)
		n = 0
	}
	return fatCandidate{int64(n), int64(length)}
}

// fit32 is how a FAT32 fits; fewer clusters than the minimum are taken
// only when -F 32 asked for it.
func (m *mkfs) fit32(data uint32) fatCandidate {
	ss, nf, cs := uint32(m.sectorSize), uint32(m.fats), uint32(m.clusterSize)
	n := uint32((int64(data)*int64(ss) + int64(nf*8)) / int64(cs*ss+nf*4))
	length := m.align32(cdiv32((n+2)*4, ss), cs)
	n = (data - nf*length) / cs
	limit := min(length*ss/4, maxClusters32)
	m.trace("Trying FAT32: #clu=%d, fatlen=%d, maxclu=%d, limit=%d/%d\n", 32, n, length, limit, minClusters32, maxClusters32)
	if n > limit {
		m.trace("Trying FAT32: too much clusters\n", 32)
		n = 0
	}
	if n != 0 && n < minClusters32 && !(m.fatBitsByUser && m.fatBits == 32) {
		m.trace("Trying FAT32: not enough clusters\n", 32)
		n = 0
	}
	return fatCandidate{int64(n), int64(length)}
}

// trace prints a -vv line about the FAT width bits when that width is
// in question.
func (m *mkfs) trace(format string, bits int, a ...any) {
	if m.verbose >= 2 && (m.fatBits == 0 || m.fatBits == bits) {
		m.printf(format, a...)
	}
}

// chooseClusters tries cluster sizes from the initial guess upwards
// until a FAT of the wanted width fits, and settles the width, FAT
// length and cluster count.
func (m *mkfs) chooseClusters(rootSectors int64) {
	maxSize := 128
	if m.clustersByUser != 0 {
		m.clusterSize = m.clustersByUser
		maxSize = m.clustersByUser
	}
	var c12, c16, c32 fatCandidate
	for m.clusterSize > 0 && m.clusterSize <= maxSize {
		cs := int64(m.clusterSize)
		data32 := m.numSectors - m.align32(uint32(m.reserved), uint32(cs))
		data := data32 - m.align32(uint32(rootSectors), uint32(cs))
		if m.verbose >= 2 {
			m.printf("Trying with %d sectors/cluster:\n", m.clusterSize)
		}
		c12, c16, c32 = m.fit12(data), m.fit16(data), m.fit32(data32)
		if c12.clusters != 0 && (m.fatBits == 0 || m.fatBits == 12) ||
			c16.clusters != 0 && (m.fatBits == 0 || m.fatBits == 16) ||
			c32.clusters != 0 && m.fatBits == 32 {
			break
		}
		m.clusterSize <<= 1
		m.clusterSize &= 0xff // the boot sector's byte
	}
	if m.fatBits == 0 {
		m.fatBits = 12
		if c16.clusters > c12.clusters {
			m.fatBits = 16
		}
		if m.verbose >= 2 {
			m.printf("Choosing %d bits for FAT\n", m.fatBits)
		}
	}
	var c fatCandidate
	switch m.fatBits {
	case 12:
		c = c12
	case 16:
		c = c16
	default:
		if c32.clusters < minClusters32 {
			m.warn("WARNING: Number of clusters for 32 bit FAT is less then suggested minimum.\n")
		}
		c = c32
	}
	m.clusters, m.fatLength = c.clusters, c.fatLength
	m.reserved = int(roundUp(int64(m.reserved), int64(m.clusterSize), m.align))
	if m.fatBits == 32 {
		m.rootEntries = 0
	} else if m.align {
		m.rootEntries = int(roundUp(rootSectors, int64(m.clusterSize), true)) * (m.sectorSize / 32)
	}
}

// GEMDOS's limits for the Atari variant.
const (
	gemdosMaxSectors    = 65531
	gemdosMaxSectorSize = 16 * 1024
)

// chooseAtari lays out the Atari variant: FAT12 for the floppy sizes
// and FAT16 otherwise (unless -F), two sectors a cluster, and logical
// sectors made larger (unless -S or the device fixed them) until the
// sector count and the FAT fit GEMDOS.
func (m *mkfs) chooseAtari() error {
	if m.fatBits == 0 {
		m.fatBits = 16
		switch m.numSectors {
		case 1440, 2400, 2880, 5760:
			m.fatBits = 12
		}
	}
	if m.verbose >= 2 {
		m.printf("Choosing %d bits for FAT\n", m.fatBits)
	}
	m.clusterSize = 2
	if m.clustersByUser != 0 {
		m.clusterSize = m.clustersByUser
	}
	if m.sectorSizeSet == 0 {
		for m.numSectors > gemdosMaxSectors {
			m.numSectors >>= 1
			m.sectorSize <<= 1
		}
	}
	if m.verbose >= 2 {
		m.printf("Sector size must be %d to have less than %d log. sectors\n", m.sectorSize, gemdosMaxSectors)
	}
	shape := atariShape{
		rootEntries: uint32(m.rootEntries), reserved: uint32(m.reserved),
		fats: uint32(m.fats), clusterSize: uint32(m.clusterSize), bits: uint32(m.fatBits),
	}
	// The first size is tried even when it is already too large (-S).
	for {
		fit := shape.fitAt(m.numSectors, uint32(m.sectorSize))
		if m.verbose >= 2 {
			// C's %d of unsigned counts.
			m.printf("ss=%d: #clu=%d, fat_len=%d, maxclu=%d\n", int32(m.sectorSize), int32(fit.clusters), int32(fit.fatLength), int32(fit.entries))
		}
		m.clusters, m.fatLength = int64(fit.clusters), int64(fit.fatLength)
		tooMany, tooBig := fit.clusters > fit.entries-2, fit.entries > shape.entryLimit()
		if !tooMany && !tooBig {
			break
		}
		if m.verbose >= 2 {
			if tooMany {
				m.printf("Too many clusters\n")
			} else {
				m.printf("FAT too big\n")
			}
		}
		if m.sectorSizeSet != 0 {
			return m.die("With this sector size, the maximum number of FAT entries would be exceeded.")
		}
		m.numSectors >>= 1
		m.sectorSize <<= 1
		if m.sectorSize > gemdosMaxSectorSize {
			break
		}
	}
	if m.sectorSize > gemdosMaxSectorSize {
		return m.die("Would need a sector size > 16k, which GEMDOS can't work with")
	}
	return nil
}

// atariShape is what the Atari layout keeps fixed while it tries
// sector sizes. Its counts are C's unsigned ints, wrapping as they do.
type atariShape struct {
	rootEntries, reserved, fats, clusterSize, bits uint32
}

// atariFit is the Atari layout at one sector size: the clusters, the
// FAT's sectors, and how many entries those sectors hold.
type atariFit struct {
	clusters, fatLength, entries uint32
}

// entryLimit is the most entries a FAT of this width may have.
func (sh atariShape) entryLimit() uint32 {
	if sh.bits == 32 {
		return maxClusters32
	}
	return uint32(1)<<sh.bits - 0x10
}

// fitAt lays out sectors logical sectors of ss bytes: a first guess at
// the clusters from the bytes each costs (its data and its entry in
// every FAT, doubled so that 12-bit entries count whole), the FAT
// length that guess needs, then the clusters left beside those FATs.
func (sh atariShape) fitAt(sectors, ss uint32) atariFit {
	data := sectors - cdiv32(sh.rootEntries*32, ss) - sh.reserved
	headEntries := int64(2 * sh.fats * sh.bits / 8) // entries 0 and 1 of every FAT
	perCluster := int64(2 * (sh.clusterSize*ss + sh.fats*sh.bits/8))
	guess := uint32(2 * (int64(data)*int64(ss) - headEntries) / perCluster)
	var f atariFit
	f.fatLength = cdiv32((guess+2)*sh.bits/8, ss)
	f.clusters = (data - sh.fats*f.fatLength) / sh.clusterSize
	f.entries = f.fatLength * ss * 8 / sh.bits
	return f
}
