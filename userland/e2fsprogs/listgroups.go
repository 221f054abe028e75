// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// dumpe2fs's group listing (without -h): each group's range, checksum
// and flags, where its superblock copy, descriptors, bitmaps and inode
// table are, its counts, and its free blocks and inodes as ranges read
// from the bitmaps (computed for a group whose bitmap is uninitialised).

// Group descriptor flags (EXT4_BG_*), in the order listings name them.
var groupFlagNames = []struct {
	bit  uint16
	name string
}{{1, "INODE_UNINIT"}, {2, "BLOCK_UNINIT"}, {4, "ITABLE_ZEROED"}}

// listedDesc is one group descriptor as the listing reads it (mke2fs's
// groupDesc is what it writes).
type listedDesc struct {
	blockBitmap, inodeBitmap, inodeTable uint64
	freeBlocks, freeInodes, usedDirs     uint32
	itableUnused                         uint32
	flags, csum                          uint16
	blockCsum, inodeCsum                 uint32
}

// fsLayout is the geometry the listing needs, from the superblock.
type fsLayout struct {
	s          *ext4.SuperInfo
	bs         uint64
	groups     uint64
	descSize   uint64
	descBlocks uint64
	itb        uint64 // inode table blocks per group
	geo        geometry
}

func newLayout(s *ext4.SuperInfo) *fsLayout {
	l := &fsLayout{s: s, bs: uint64(1024) << s.LogBlockSize, descSize: 32, itb: inodeBlocksPerGroup(s)}
	if s.Incompat&inc64bit != 0 && s.DescSize >= 32 {
		l.descSize = uint64(s.DescSize)
	}
	if s.BlocksPerGroup != 0 {
		l.groups = (s.BlocksCount - uint64(s.FirstDataBlock) + uint64(s.BlocksPerGroup) - 1) / uint64(s.BlocksPerGroup)
	}
	l.descBlocks = (l.groups*l.descSize + l.bs - 1) / l.bs
	l.geo.feat = features{s.Compat, s.Incompat, s.RoCompat}
	return l
}

// first and last are a group's block range.
func (l *fsLayout) first(g uint64) uint64 {
	return uint64(l.s.FirstDataBlock) + g*uint64(l.s.BlocksPerGroup)
}

func (l *fsLayout) last(g uint64) uint64 {
	return min(l.first(g)+uint64(l.s.BlocksPerGroup), l.s.BlocksCount) - 1
}

// readDescs reads every group descriptor.
func (l *fsLayout) readDescs(r io.ReaderAt) ([]listedDesc, error) {
	raw := make([]byte, l.groups*l.descSize)
	if _, err := r.ReadAt(raw, int64((uint64(l.s.FirstDataBlock)+1)*l.bs)); err != nil {
		return nil, err
	}
	descs := make([]listedDesc, l.groups)
	for g := range descs {
		b := raw[uint64(g)*l.descSize:][:l.descSize]
		d := listedDesc{
			blockBitmap: uint64(le.Uint32(b[0:])), inodeBitmap: uint64(le.Uint32(b[4:])),
			inodeTable: uint64(le.Uint32(b[8:])), freeBlocks: uint32(le.Uint16(b[12:])),
			freeInodes: uint32(le.Uint16(b[14:])), usedDirs: uint32(le.Uint16(b[16:])),
			flags: le.Uint16(b[18:]), blockCsum: uint32(le.Uint16(b[24:])),
			inodeCsum: uint32(le.Uint16(b[26:])), itableUnused: uint32(le.Uint16(b[28:])),
			csum: le.Uint16(b[30:]),
		}
		if l.descSize >= 64 {
			d.blockBitmap |= uint64(le.Uint32(b[32:])) << 32
			d.inodeBitmap |= uint64(le.Uint32(b[36:])) << 32
			d.inodeTable |= uint64(le.Uint32(b[40:])) << 32
			d.freeBlocks |= uint32(le.Uint16(b[44:])) << 16
			d.freeInodes |= uint32(le.Uint16(b[46:])) << 16
			d.usedDirs |= uint32(le.Uint16(b[48:])) << 16
			d.itableUnused |= uint32(le.Uint16(b[50:])) << 16
			d.blockCsum |= uint32(le.Uint16(b[56:])) << 16
			d.inodeCsum |= uint32(le.Uint16(b[58:])) << 16
		}
		descs[g] = d
	}
	return descs, nil
}

// listGroupsTo writes the group listing.
func listGroupsTo(w io.Writer, r io.ReaderAt, s *ext4.SuperInfo) error {
	l := newLayout(s)
	descs, err := l.readDescs(r)
	if err != nil {
		return err
	}
	csum := s.RoCompat&(roMetadataCsum|roGdtCsum) != 0
	meta := l.metaByGroup(descs)
	for g := range descs {
		if err := l.listGroup(w, r, descs[g], uint64(g), csum, meta); err != nil {
			return err
		}
	}
	return nil
}

// listGroup writes one group's lines.
func (l *fsLayout) listGroup(w io.Writer, r io.ReaderAt, d listedDesc, g uint64, csum bool, meta map[uint64][][2]uint64) error {
	first, last := l.first(g), l.last(g)
	fmt.Fprintf(w, "Group %d: (Blocks %d-%d)", g, first, last)
	if csum {
		fmt.Fprintf(w, " csum 0x%04x", d.csum)
	}
	var flags []string
	for _, f := range groupFlagNames {
		// Without a descriptor checksum the flags mean nothing.
		if csum && d.flags&f.bit != 0 {
			flags = append(flags, f.name)
		}
	}
	if len(flags) > 0 {
		fmt.Fprintf(w, " [%s]", strings.Join(flags, ", "))
	}
	fmt.Fprintln(w)
	if l.geo.hasSuper(g) {
		kind := "Backup"
		if g == 0 {
			kind = "Primary"
		}
		fmt.Fprintf(w, "  %s superblock at %d, Group descriptors at %d-%d\n", kind, first, first+1, first+l.descBlocks)
		if rsv := uint64(l.s.ReservedGdtBlocks); rsv != 0 {
			fmt.Fprintf(w, "  Reserved GDT blocks at %d-%d\n", first+l.descBlocks+1, first+l.descBlocks+rsv)
		}
	}
	metaCsum := l.s.RoCompat&roMetadataCsum != 0
	bitmapLine := func(name string, at uint64, sum uint32) {
		fmt.Fprintf(w, "  %s at %d %s", name, at, l.relative(g, at))
		if metaCsum {
			fmt.Fprintf(w, ", csum 0x%08x", sum)
		}
		fmt.Fprintln(w)
	}
	bitmapLine("Block bitmap", d.blockBitmap, d.blockCsum)
	bitmapLine("Inode bitmap", d.inodeBitmap, d.inodeCsum)
	fmt.Fprintf(w, "  Inode table at %d-%d %s\n", d.inodeTable, d.inodeTable+l.itb-1, l.relative(g, d.inodeTable))
	unit := "blocks"
	if l.s.RoCompat&roBigalloc != 0 {
		unit = "clusters"
	}
	fmt.Fprintf(w, "  %d free %s, %d free inodes, %d directories", d.freeBlocks, unit, d.freeInodes, d.usedDirs)
	if csum {
		fmt.Fprintf(w, ", %d unused inodes", d.itableUnused)
	}
	fmt.Fprintln(w)
	blocks, err := l.blockBitmap(r, d, g, meta)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  Free blocks: %s\n", freeRanges(blocks, first, last-first+1))
	inodes, err := l.inodeBitmap(r, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  Free inodes: %s\n", freeRanges(inodes, g*uint64(l.s.InodesPerGroup)+1, uint64(l.s.InodesPerGroup)))
	return nil
}

// relative places a block against group g: "(+N)" inside it, else
// "(bg #G + N)" in the group that holds it.
func (l *fsLayout) relative(g, blk uint64) string {
	if blk >= l.first(g) && blk <= l.last(g) {
		return fmt.Sprintf("(+%d)", blk-l.first(g))
	}
	if blk < uint64(l.s.FirstDataBlock) {
		return fmt.Sprintf("(bg #0 - %d)", uint64(l.s.FirstDataBlock)-blk)
	}
	owner := (blk - uint64(l.s.FirstDataBlock)) / uint64(l.s.BlocksPerGroup)
	return fmt.Sprintf("(bg #%d + %d)", owner, blk-l.first(owner))
}

// blockBitmap is group g's block bitmap: read from its block, or, for
// an uninitialised one, the group's superblock copy and descriptors
// and whatever bitmaps and inode tables lie in it (meta, by group).
func (l *fsLayout) blockBitmap(r io.ReaderAt, d listedDesc, g uint64, meta map[uint64][][2]uint64) ([]byte, error) {
	bm := make([]byte, l.bs)
	if d.flags&bgBlockUninit == 0 || l.s.RoCompat&(roMetadataCsum|roGdtCsum) == 0 {
		_, err := r.ReadAt(bm, int64(d.blockBitmap*l.bs))
		return bm, err
	}
	first := l.first(g)
	mark := func(from, to uint64) {
		for b := from; b <= to; b++ {
			bm[(b-first)/8] |= 1 << ((b - first) % 8)
		}
	}
	if l.geo.hasSuper(g) {
		mark(first, min(first+l.descBlocks+uint64(l.s.ReservedGdtBlocks), l.last(g)))
	}
	for _, e := range meta[g] {
		mark(e[0], e[1])
	}
	return bm, nil
}

// metaByGroup places every group's bitmaps and inode table in the
// groups whose blocks they occupy, as inclusive ranges clipped to
// each, so that an uninitialised group's bitmap is found without
// going over all descriptors again.
func (l *fsLayout) metaByGroup(descs []listedDesc) map[uint64][][2]uint64 {
	meta := map[uint64][][2]uint64{}
	add := func(from, n uint64) {
		if n == 0 || from < uint64(l.s.FirstDataBlock) || from >= l.s.BlocksCount {
			return
		}
		to := min(from+n-1, l.s.BlocksCount-1)
		for b := from; b <= to; {
			g := (b - uint64(l.s.FirstDataBlock)) / uint64(l.s.BlocksPerGroup)
			end := min(to, l.last(g))
			meta[g] = append(meta[g], [2]uint64{b, end})
			b = end + 1
		}
	}
	for _, d := range descs {
		add(d.blockBitmap, 1)
		add(d.inodeBitmap, 1)
		add(d.inodeTable, l.itb)
	}
	return meta
}

// inodeBitmap is a group's inode bitmap, empty when uninitialised.
func (l *fsLayout) inodeBitmap(r io.ReaderAt, d listedDesc) ([]byte, error) {
	bm := make([]byte, l.bs)
	if d.flags&bgInodeUninit != 0 && l.s.RoCompat&(roMetadataCsum|roGdtCsum) != 0 {
		return bm, nil
	}
	_, err := r.ReadAt(bm, int64(d.inodeBitmap*l.bs))
	return bm, err
}

// freeRanges lists the clear bits among the first n of bm as numbers
// from base: "a-b" runs and single numbers, comma separated.
func freeRanges(bm []byte, base, n uint64) string {
	n = min(n, uint64(len(bm))*8) // bigalloc's groups count clusters
	var parts []string
	for i := uint64(0); i < n; {
		if bm[i/8]&(1<<(i%8)) != 0 {
			i++
			continue
		}
		j := i
		for j+1 < n && bm[(j+1)/8]&(1<<((j+1)%8)) == 0 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprintf("%d", base+i))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", base+i, base+j))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
