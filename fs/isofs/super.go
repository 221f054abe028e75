// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Volume descriptors (include/uapi/linux/iso_fs.h).
const (
	isoBlockSize = 2048 // ISOFS_BLOCK_SIZE: a CD-ROM sector
	vdPrimary    = 1
	vdSupplement = 2
	vdEnd        = 255
	// devBlockSize is the loop device's logical block size, the floor of
	// sb_min_blocksize.
	devBlockSize = 512
)

// descriptor is the part of a volume descriptor fill_super reads: where
// the root directory record is, and the volume's size in zones.
type descriptor struct {
	root      []byte // the root directory record (34 bytes)
	zones     uint32
	zoneSize  uint32
	highSiera bool
}

// primaryAt reads an ISO 9660 (or High Sierra) primary or supplementary
// descriptor from its block.
func primaryAt(b []byte, hs bool) descriptor {
	if hs {
		return descriptor{root: b[180:214], zones: le32(b[88:]), zoneSize: uint32(binary.LittleEndian.Uint16(b[136:])), highSiera: true}
	}
	return descriptor{root: b[156:190], zones: le32(b[80:]), zoneSize: uint32(binary.LittleEndian.Uint16(b[128:]))}
}

func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

// volume is what the scan of the volume descriptors found.
type volume struct {
	pri, sec    *descriptor
	jolietLevel int
}

// scanDescriptors is the volume descriptor loop of isofs_fill_super:
// from sector 16 past the session start, the first primary descriptor,
// and a Joliet supplementary one, which ends the scan at once; High
// Sierra's descriptor too. Unknown descriptors are skipped.
func (img *image) scanDescriptors(fc *vfs.FsContext, o *options, start uint32) (volume, error) {
	var v volume
	for blk := start + 16; blk < start+100; blk++ {
		b, err := img.readRaw(int64(blk)*isoBlockSize, min(img.bs, isoBlockSize))
		if err != nil {
			img.printk("isofs_fill_super: bread failed, dev=%s, iso_blknum=%d, block=%d", diskName(img.disk, fc), blk, blk<<(11-img.bits))
			return v, linux.EINVAL
		}
		if len(b) < 1024 {
			// block=512: the fields fill_super reads lie in the first
			// KiB; read it whole.
			if b, err = img.readRaw(int64(blk)*isoBlockSize, 1024); err != nil {
				return v, linux.EINVAL
			}
		}
		switch {
		case string(b[1:6]) == "CD001":
			switch b[0] {
			case vdEnd:
				if v.pri == nil {
					return v, img.unknownFormat(fc)
				}
				return v, nil
			case vdPrimary:
				if v.pri == nil {
					d := primaryAt(b, false)
					v.pri = &d
				}
			case vdSupplement:
				if b[88] == 0x25 && b[89] == 0x2f {
					d := primaryAt(b, false)
					v.sec = &d
					if o.joliet {
						v.jolietLevel = map[byte]int{0x40: 1, 0x43: 2, 0x45: 3}[b[90]]
						img.debugf("ISO 9660 Extensions: Microsoft Joliet Level %d", v.jolietLevel)
					}
					return v, nil
				}
			}
		case string(b[9:14]) == "CDROM":
			if b[8] != vdPrimary {
				return v, linux.EINVAL
			}
			d := primaryAt(b, true)
			v.pri = &d
			return v, nil
		}
	}
	if v.pri == nil {
		return v, img.unknownFormat(fc)
	}
	return v, nil
}

func (img *image) unknownFormat(fc *vfs.FsContext) error {
	if fc.SbFlags&linux.SB_SILENT == 0 {
		img.printk("ISOFS: Unable to identify CD-ROM format.")
	}
	return linux.EINVAL
}

// fillSuper is isofs_fill_super: find the volume descriptors, refuse a
// read-write mount (EACCES, so that a mount retries read-only), choose
// between the primary (Rock Ridge) and the Joliet tree, read the root.
func fillSuper(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	img := &image{disk: disk, sb: sb, inodes: map[uint64]*vfs.Inode{}, blocks: map[uint32][]byte{}}
	img.setBlockSize(max(o.blocksize, devBlockSize))
	start := uint32(0)
	if o.sbsector != -1 {
		start = uint32(o.sbsector)
	}
	v, err := img.scanDescriptors(fc, o, start)
	if err != nil {
		return err
	}
	if fc.SbFlags&linux.SB_RDONLY == 0 {
		return linux.EACCES
	}
	pri := v.pri
	if v.jolietLevel != 0 && (pri == nil || !o.rock) {
		pri = v.sec
	}
	if pri == nil {
		return linux.EINVAL
	}
	if pri.highSiera {
		img.hs, o.rock = true, false
	}
	if err := img.setZones(pri, o); err != nil {
		return err
	}
	firstData := extentOf(pri.root)
	jolietData := firstData
	if v.jolietLevel != 0 {
		jolietData = extentOf(v.sec.root)
	}
	img.setBlockSize(pri.zoneSize)
	if v.jolietLevel != 0 && o.iocharset != "" && o.iocharset != "utf8" {
		return linux.EINVAL // load_nls: no table but utf8 here
	}
	img.takeOptions(o)
	root, err := img.chooseRoot(&v, firstData, jolietData)
	if err != nil {
		return err
	}
	if o.check == 'u' {
		o.check = 's'
		if v.jolietLevel != 0 {
			o.check = 'r'
		}
	}
	img.check, img.jolietLevel = o.check, v.jolietLevel
	if !root.IsDir() {
		img.printk("isofs_fill_super: root inode is not a directory. Corrupted media?")
		return linux.EINVAL
	}
	sb.Private = img
	sb.Ops = superOps{}
	sb.SetFlags(linux.SB_RDONLY, linux.SB_RDONLY)
	sb.BlockSize = img.bs
	sb.NoBtime = true
	sb.TimeMin, sb.TimeMax = timeMin, timeMax
	sb.SetRoot(vfs.NewRootDentry(root))
	return nil
}

// setZones takes the volume size and the logical zone size, which must
// be at least the device block size asked for.
func (img *image) setZones(pri *descriptor, o *options) error {
	img.nzones = pri.zones
	if pri.zoneSize < img.bs {
		img.printk("ISOFS: Logical zone size(%d) < hardware blocksize(%d)", pri.zoneSize, img.bs)
		return linux.EINVAL
	}
	switch pri.zoneSize {
	case 512:
		img.zoneBits = 9
	case 1024:
		img.zoneBits = 10
	case 2048:
		img.zoneBits = 11
	default:
		img.printk("ISOFS: Bad logical zone size %d", pri.zoneSize)
		return linux.EINVAL
	}
	return nil
}

func (img *image) setBlockSize(bs uint32) {
	img.bs = bs
	img.bits = 9
	for 1<<img.bits < bs {
		img.bits++
	}
}

// takeOptions copies the mount's options into the superblock; mode= and
// dmode= keep only their permission bits.
func (img *image) takeOptions(o *options) {
	img.mapping, img.session, img.sbsector = o.mapping, o.session, o.sbsector
	img.rock, img.rockOffset = 0, -1
	if o.rock {
		img.rock = 2
	}
	img.cruft, img.hide, img.showassoc = o.cruft, o.hide, o.showassoc
	img.uid, img.gid, img.uidSet, img.gidSet = o.uid, o.gid, o.uidSet, o.gidSet
	img.nocompress, img.overriderockperm = o.nocompress, o.overriderockperm
	img.fmode, img.dmode = o.fmode, o.dmode
	if img.fmode != invalidMode {
		img.fmode &= 0o777
	}
	if img.dmode != invalidMode {
		img.dmode &= 0o777
	}
}

// extentOf is a directory record's extent plus its extended attribute
// length: where its data starts.
func extentOf(rec []byte) uint32 { return le32(rec[2:]) + uint32(rec[1]) }

// chooseRoot settles which root directory the mount uses, as
// isofs_fill_super does. The primary root is read first, since reading
// it is what finds Rock Ridge; then useJoliet decides, and a Joliet root
// in another place than the primary one replaces it.
func (img *image) chooseRoot(v *volume, firstData, jolietData uint32) (*vfs.Inode, error) {
	root, err := img.iget(firstData, 0, false)
	joliet, ok := img.useJoliet(v, err == nil, firstData, jolietData)
	if !ok {
		img.printk("isofs_fill_super: get root inode failed")
		return nil, err
	}
	if !joliet {
		v.jolietLevel = 0 // Rock Ridge wins over Joliet
		return root, nil
	}
	img.setRock(0)
	if jolietData == firstData {
		return root, nil
	}
	img.debugf("ISOFS: changing to secondary root")
	img.forget(firstData, 0)
	if root, err = img.iget(jolietData, 0, false); err != nil {
		img.printk("isofs_fill_super: get root inode failed")
		return nil, err
	}
	return root, nil
}

// useJoliet decides between the roots once the primary one was read (or
// failed to be): Rock Ridge found on a usable primary root keeps it, as
// does a volume without Joliet; otherwise Joliet is used. The kernel
// logs why when it gives up Rock Ridge for Joliet. ok is false when
// there is no usable root at all.
func (img *image) useJoliet(v *volume, primaryOK bool, firstData, jolietData uint32) (joliet, ok bool) {
	hasJoliet := v.jolietLevel != 0
	rock := img.rockState() == 1
	switch {
	case !primaryOK && (!hasJoliet || jolietData == firstData):
		return false, false
	case !primaryOK:
		img.printk("ISOFS: root inode is unusable. Disabling Rock Ridge and switching to Joliet.")
		return true, true
	case rock && hasJoliet && img.rootdirEmpty(firstData):
		img.printk("ISOFS: primary root directory is empty. Disabling Rock Ridge and switching to Joliet.")
		return true, true
	case rock:
		return false, true
	}
	return hasJoliet, true
}

// rootdirEmpty is rootdir_empty: fewer than three records (".", ".."
// and one more) in the root's first block.
func (img *image) rootdirEmpty(block uint32) bool {
	b, err := img.bread(block)
	if err != nil {
		return true
	}
	off, files := 0, 0
	for files < 3 && off < len(b) && b[off] != 0 {
		files++
		off += int(b[off])
	}
	return files < 3
}

func (img *image) setRock(r int) {
	img.mu.Lock()
	img.rock = r
	img.mu.Unlock()
}

func (img *image) rockState() int {
	img.mu.Lock()
	defer img.mu.Unlock()
	return img.rock
}

// readRaw reads n bytes at byte offset off of the disk; a read past its
// end fails as a bio beyond the device does.
func (img *image) readRaw(off int64, n uint32) ([]byte, error) {
	if off < 0 || off+int64(n) > img.disk.Size() {
		return nil, linux.EIO
	}
	b := make([]byte, n)
	if got, _ := img.disk.ReadAt(b, off); got != int(n) {
		return nil, linux.EIO
	}
	return b, nil
}

// maxCachedBlocks bounds the block cache (the buffer cache's part here).
const maxCachedBlocks = 256

// bread is sb_bread: block number block of the superblock's block size.
func (img *image) bread(block uint32) ([]byte, error) {
	img.mu.Lock()
	b, ok := img.blocks[block]
	img.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := img.readRaw(int64(block)<<img.bits, img.bs)
	if err != nil {
		return nil, err
	}
	img.mu.Lock()
	if len(img.blocks) >= maxCachedBlocks {
		clear(img.blocks)
	}
	img.blocks[block] = b
	img.mu.Unlock()
	return b, nil
}

// diskName is %pg of the disk ("loop0"), or the mount source.
func diskName(disk vfs.Disk, fc *vfs.FsContext) string {
	if n, ok := disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fc.Source
}
