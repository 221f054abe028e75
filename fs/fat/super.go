// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Cluster numbers and limits (msdos_fs.h).
const (
	startEnt = 2 // FAT_START_ENT: the first data cluster
	maxFat12 = 0xff4
	maxFat16 = 0xfff4
	maxFat32 = 0x0ffffff6
	rootIno  = 1 // MSDOS_ROOT_INO
	// fsinfoIno is MSDOS_FSINFO_INO, hashed at mount: iunique passes it.
	fsinfoIno  = 2
	dirEntSize = 32
)

// bpb is struct fat_bios_param_block: the boot sector's fields as
// fat_read_bpb takes them.
type bpb struct {
	sectorSize  uint16
	secPerClus  uint8
	reserved    uint16
	fats        uint8
	dirEntries  uint16
	sectors     uint16
	media       uint8
	fatLength   uint16
	totalSect   uint32
	fat16State  uint8
	fat32Length uint32
	rootCluster uint32
	infoSector  uint16
	fat32State  uint8
}

// filesystem is struct msdos_sb_info.
type filesystem struct {
	disk vfs.Disk
	name string // s_id, the disk's name
	k    *vfs.Kernel
	opts options
	io   *charset // nls_io, vfat's iocharset
	// limit is the volume's limit on error messages (sbi->ratelimit).
	limit vfs.RateLimit

	geometry

	mu           sync.Mutex
	fat          []byte // the first FAT, read at first use
	freeClusters int64  // -1: not counted yet
	freeValid    bool
	inodes       map[int64]*vfs.Inode // by i_pos (fat_iget's hash)
	lastIno      uint64               // iunique's counter
}

// readBPB is fat_read_bpb: the BIOS parameter block of sector 0 and the
// checks that tell a FAT filesystem.
func (fs *filesystem) readBPB(fc *vfs.FsContext, b []byte, silent bool) (bpb, error) {
	le := binary.LittleEndian
	p := bpb{
		sectorSize: le.Uint16(b[11:]), secPerClus: b[13], reserved: le.Uint16(b[14:]), fats: b[16],
		dirEntries: le.Uint16(b[17:]), sectors: le.Uint16(b[19:]), media: b[21], fatLength: le.Uint16(b[22:]),
		totalSect: le.Uint32(b[32:]), fat16State: b[37], fat32Length: le.Uint32(b[36:]),
		rootCluster: le.Uint32(b[44:]), infoSector: le.Uint16(b[48:]), fat32State: b[65],
	}
	var why string
	switch {
	case p.reserved == 0:
		why = "bogus number of reserved sectors"
	case p.fats == 0:
		why = "bogus number of FAT structure"
	case !validMedia(p.media):
		why = fmt.Sprintf("invalid media value (0x%02x)", p.media)
	case bits.OnesCount16(p.sectorSize) != 1 || p.sectorSize < 512 || p.sectorSize > 4096:
		why = fmt.Sprintf("bogus logical sector size %d", p.sectorSize)
	case bits.OnesCount8(p.secPerClus) != 1:
		why = fmt.Sprintf("bogus sectors per cluster %d", p.secPerClus)
	case p.fatLength == 0 && p.fat32Length == 0:
		why = "bogus number of FAT sectors"
	default:
		return p, nil
	}
	if !silent {
		fs.msg(vfs.KernErr, "%s", why)
	}
	return p, linux.EINVAL
}

// validMedia is fat_valid_media.
func validMedia(m uint8) bool { return m >= 0xf8 || m == 0xf0 }

// floppyDefault is fat_floppy_defaults: the BPB DOS 1.x assumed for
// each floppy size.
type floppyDefault struct {
	sectors, secPerClus, dirEntries, fatLength uint32
}

var floppies = []floppyDefault{{320, 1, 64, 1}, {360, 1, 64, 2}, {640, 2, 112, 1}, {720, 2, 112, 2}}

// readStaticBPB is fat_read_static_bpb (dos1xfloppy): a boot sector with
// a jump and an empty BPB on a disk of a floppy's size.
func (fs *filesystem) readStaticBPB(fc *vfs.FsContext, b []byte, silent bool) (bpb, error) {
	const notFloppy = "This doesn't look like a DOS 1.x volume"
	sects := uint64(fs.disk.Size() / 512)
	var why string
	switch {
	case b[0] != 0xeb || b[2] != 0x90:
		why = notFloppy + "; no bootstrapping code"
	case !zeroBPB(b):
		why = notFloppy + "; DOS 2.x BPB is non-zero"
	}
	var d *floppyDefault
	for i := range floppies {
		if uint64(floppies[i].sectors) == sects {
			d = &floppies[i]
		}
	}
	if why == "" && d == nil {
		why = fmt.Sprintf("This looks like a DOS 1.x volume, but isn't a recognized floppy size (%d sectors)", sects)
	}
	if why != "" {
		if !silent {
			fs.msg(vfs.KernErr, "%s", why)
		}
		return bpb{}, linux.EINVAL
	}
	if !silent {
		fs.msg(vfs.KernInfo, "This looks like a DOS 1.x volume; assuming default BPB values")
	}
	return bpb{sectorSize: 512, secPerClus: uint8(d.secPerClus), reserved: 1, fats: 2,
		dirEntries: uint16(d.dirEntries), sectors: uint16(d.sectors), fatLength: uint16(d.fatLength)}, nil
}

// zeroBPB is fat_bpb_is_zero.
func zeroBPB(b []byte) bool {
	for _, off := range [][2]int{{11, 13}, {13, 14}, {14, 16}, {16, 17}, {17, 19}, {19, 21}, {21, 22}, {22, 24}, {24, 26}, {26, 28}} {
		for _, c := range b[off[0]:off[1]] {
			if c != 0 {
				return false
			}
		}
	}
	return true
}

// fillSuper is fat_fill_super with vfat's or msdos's setup.
func fillSuper(sb *vfs.Superblock, disk vfs.Disk, fc *vfs.FsContext) error {
	o := fc.FsPrivate.(*options)
	fs := &filesystem{disk: disk, name: diskName(disk, fc), k: fc.Kernel, freeClusters: -1,
		inodes: make(map[int64]*vfs.Inode), lastIno: fsinfoIno}
	silent := fc.SbFlags&linux.SB_SILENT != 0
	fs.opts = fs.resolveOptions(fc, o)
	if err := fs.readGeometry(fc, silent); err != nil {
		if err == linux.EINVAL && !silent {
			fs.msg(vfs.KernInfo, "Can't find a valid FAT filesystem")
		}
		return err
	}
	if fc.SbFlags&linux.SB_RDONLY == 0 {
		// This driver does not write: answer as a write-protected
		// disk does, so that the caller retries read-only.
		return linux.EACCES
	}
	if fs.opts.codepage != 437 {
		return fs.fail(linux.EINVAL, "codepage cp%d not found", fs.opts.codepage)
	}
	if fs.opts.vfat {
		if fs.io = ioCharset(fs.opts.iocharset); fs.io == nil {
			return fs.fail(linux.EINVAL, "IO charset %s not found", fs.opts.iocharset)
		}
	}
	root, err := fs.readRoot(sb)
	if err != nil {
		return err
	}
	sb.Private = fs
	sb.Ops = superOps{}
	sb.SetFlags(linux.SB_RDONLY|linux.SB_NODIRATIME, linux.SB_RDONLY|linux.SB_NODIRATIME)
	if !fs.opts.vfat {
		sb.SetFlags(linux.SB_NOATIME, linux.SB_NOATIME)
	}
	sb.BlockSize = fs.clusterSize // fat_getattr's blksize
	sb.NoBtime = true             // Getattr adds vfat's creation time
	sb.TimeGran = 1
	sb.TimeMin, sb.TimeMax = fs.timeLimits()
	sb.DOps = fs.dentryOps()
	sb.SetRoot(vfs.NewRootDentry(root))
	return nil
}

// resolveOptions finishes the options as fat_init_fs_context and
// fat_fill_super do: the owner and masks of the mounting task unless
// given, allow_utime from dmask, the utf8 warning.
func (fs *filesystem) resolveOptions(fc *vfs.FsContext, o *options) options {
	r := *o
	if !r.uidSet && fc.Cred != nil {
		r.uid = fc.Cred.UID
	}
	if !r.gidSet && fc.Cred != nil {
		r.gid = fc.Cred.GID
	}
	umask := fc.CurrentUmask()
	if !r.fmaskSet {
		r.fmask = umask
	}
	if !r.dmaskSet {
		r.dmask = umask
	}
	if r.vfat && r.iocharset == "utf8" {
		fs.msg(vfs.KernWarning, "utf8 is not a recommended IO charset for FAT filesystems, filesystem will be case sensitive!")
	}
	if r.allowUtime == -1 {
		r.allowUtime = int32(^r.dmask & 0o22)
	}
	if r.uniXlate {
		r.utf8 = false
	}
	return r
}

// geometry is where a FAT volume keeps what, as its boot sector says;
// positions and lengths are in logical sectors.
type geometry struct {
	blockSize   uint32 // s_blocksize: the logical sector size
	secPerClus  uint32
	clusterSize uint32
	fats        uint32
	fatBits     int
	fatStart    uint64
	fatLength   uint64
	rootCluster uint32 // FAT32's root directory
	infoSector  uint64 // FAT32's FSINFO sector; 0 on FAT12/16
	dirStart    uint64 // FAT12/16's fixed root directory
	dirEntries  uint32
	dataStart   uint64
	maxCluster  uint32 // one past the last data cluster
	dirty       bool
}

// geometryOf works out the layout a BPB describes, as the middle of
// fat_fill_super does. FAT32 is the BPB with only the 32-bit FAT length;
// otherwise the count of clusters decides between FAT12 and FAT16. The
// sector arithmetic is unsigned, as the kernel's: a data area past the
// end of the volume wraps to a huge count, which the FAT's room bounds.
func geometryOf(p bpb) geometry {
	g := geometry{blockSize: uint32(p.sectorSize), secPerClus: uint32(p.secPerClus), fats: uint32(p.fats),
		fatStart: uint64(p.reserved), fatLength: uint64(p.fatLength), dirEntries: uint32(p.dirEntries)}
	g.clusterSize = g.blockSize * g.secPerClus
	fat32 := p.fatLength == 0 && p.fat32Length != 0
	if fat32 {
		g.fatBits, g.fatLength, g.rootCluster = 32, uint64(p.fat32Length), p.rootCluster
		g.infoSector = max(1, uint64(p.infoSector))
	}
	g.dirStart = g.fatStart + uint64(g.fats)*g.fatLength
	g.dataStart = g.dirStart + uint64(g.dirEntries)*dirEntSize/uint64(g.blockSize)
	total := uint64(p.sectors)
	if total == 0 {
		total = uint64(p.totalSect)
	}
	clusters := uint64(uint32((total - g.dataStart) / uint64(g.secPerClus)))
	if !fat32 {
		g.fatBits = 12
		if clusters > maxFat12 {
			g.fatBits = 16
		}
	}
	g.dirty = p.fat16State&1 != 0
	if fat32 {
		g.dirty = p.fat32State&1 != 0
	}
	room := g.fatEntries()
	g.maxCluster = startEnt + uint32(min(clusters, max(room, startEnt)-startEnt))
	return g
}

// fatEntries is how many entries the FAT has room for, as
// calc_fat_clusters counts them.
func (g *geometry) fatEntries() uint64 {
	if g.fatBits == 12 {
		return g.fatLength * uint64(g.blockSize) * 8 / 12
	}
	return uint64(g.blockSize) * 8 / uint64(g.fatBits) * g.fatLength
}

// problem is why the kernel would refuse this layout, "" if it would
// not: the checks in the order fat_fill_super makes them.
func (g *geometry) problem() string {
	clusters := g.maxCluster - startEnt
	for _, c := range []struct {
		bad bool
		msg string
	}{
		{g.dirEntries%(g.blockSize/dirEntSize) != 0, fmt.Sprintf("bogus number of directory entries (%d)", g.dirEntries)},
		{clusters > maxClusters(g.fatBits), fmt.Sprintf("count of clusters too big (%d)", clusters)},
	} {
		if c.bad {
			return c.msg
		}
	}
	return ""
}

// maxClusters is max_fat: the most data clusters a FAT of this width
// can number.
func maxClusters(fatBits int) uint32 {
	switch fatBits {
	case 32:
		return maxFat32
	case 16:
		return maxFat16
	}
	return maxFat12
}

// readGeometry reads the boot sector, and the FSINFO sector of FAT32,
// and takes the layout they describe, as fat_fill_super does up to the
// root inode.
func (fs *filesystem) readGeometry(fc *vfs.FsContext, silent bool) error {
	b := make([]byte, 512)
	if _, err := fs.disk.ReadAt(b, 0); err != nil {
		return fs.fail(linux.EIO, "unable to read boot sector")
	}
	p, err := fs.readBPB(fc, b, silent)
	if err == linux.EINVAL && fs.opts.dos1xfloppy {
		p, err = fs.readStaticBPB(fc, b, silent)
	}
	if err != nil {
		return err
	}
	fs.geometry = geometryOf(p)
	if fs.blockSize > 512 {
		if _, err := fs.disk.ReadAt(make([]byte, fs.blockSize), 0); err != nil {
			return fs.fail(linux.EIO, "unable to read boot sector (logical sector size = %d)", fs.blockSize)
		}
	}
	if fs.infoSector != 0 {
		if err := fs.readFsinfo(fc); err != nil {
			return err
		}
	}
	if why := fs.problem(); why != "" {
		if !silent {
			fs.msg(vfs.KernErr, "%s", why)
		}
		return linux.EINVAL
	}
	if fs.freeClusters > int64(fs.maxCluster-startEnt) {
		fs.freeClusters = -1 // a count beyond the volume is stale
	}
	return nil
}

// readFsinfo takes FAT32's count of free clusters from the FSINFO
// sector, if its signatures are right; usefree says whether to trust it.
func (fs *filesystem) readFsinfo(fc *vfs.FsContext) error {
	const leadSig, structSig = 0x41615252, 0x61417272 // "RRaA", "rrAa"
	b := make([]byte, fs.blockSize)
	if _, err := fs.disk.ReadAt(b, int64(fs.infoSector)*int64(fs.blockSize)); err != nil {
		return fs.fail(linux.EIO, "bread failed, FSINFO block (sector = %d)", fs.infoSector)
	}
	le := binary.LittleEndian
	lead, str := le.Uint32(b[0:]), le.Uint32(b[484:])
	if lead != leadSig || str != structSig {
		fs.msg(vfs.KernWarning, "Invalid FSINFO signature: 0x%08x, 0x%08x (sector = %d)", lead, str, fs.infoSector)
		return nil
	}
	fs.freeValid = fs.opts.usefree
	fs.freeClusters = int64(le.Uint32(b[488:]))
	return nil
}

// timeLimits are s_time_min and s_time_max: 1980-01-01 00:00:00 and
// 2107-12-31 23:59:58, local time.
func (fs *filesystem) timeLimits() (int64, int64) {
	lo := fs.fatToUnix(0, 0<<9|1<<5|1, 0)
	hi := fs.fatToUnix(23<<11|59<<5|29, 127<<9|12<<5|31, 0)
	return lo.Sec, hi.Sec
}

// msg is fat_msg: "FAT-fs (loop0): ..." at a level (vfs.KernErr, ...),
// straight to the kernel log, not through the fs_context's.
func (fs *filesystem) msg(level, format string, args ...any) {
	fs.k.Printk(level + fmt.Sprintf("FAT-fs (%s): %s", fs.name, fmt.Sprintf(format, args...)))
}

// fail logs as msg at KERN_ERR and returns err.
func (fs *filesystem) fail(err error, format string, args ...any) error {
	fs.msg(vfs.KernErr, format, args...)
	return err
}

// fsError is fat_fs_error once mounted: the message, and what errors=
// asks for (this driver's mounts are read-only already).
func (fs *filesystem) fsError(format string, args ...any) {
	fs.reportError(true, format, args...)
}

// fsErrorLimited is fat_fs_error_ratelimit called in the function fn:
// the message only while the volume's limit allows (ten in five seconds,
// shared with msgLimited), what errors= asks for in any case.
func (fs *filesystem) fsErrorLimited(fn, format string, args ...any) {
	fs.reportError(fs.limit.Allow(fs.k, fn), format, args...)
}

// reportError is __fat_fs_error.
func (fs *filesystem) reportError(report bool, format string, args ...any) {
	if report {
		fs.msg(vfs.KernErr, "error, %s", fmt.Sprintf(format, args...))
	}
	if fs.opts.errors == errorsPanic {
		fs.msg(vfs.KernErr, "fs panic from previous error")
	}
}

// msgLimited is fat_msg_ratelimit called in the function fn.
func (fs *filesystem) msgLimited(fn, level, format string, args ...any) {
	if fs.limit.Allow(fs.k, fn) {
		fs.msg(level, format, args...)
	}
}

// diskName is %pg of the superblock's disk ("loop0"), or the mount source
// for a disk without a name.
func diskName(disk vfs.Disk, fc *vfs.FsContext) string {
	if n, ok := disk.(interface{ Name() string }); ok {
		return n.Name()
	}
	return fc.Source
}

type superOps struct{}

// ShowOptions is fat_show_options.
func (superOps) ShowOptions(sb *vfs.Superblock, b *strings.Builder) {
	sb.Private.(*filesystem).opts.showOptions(b)
}

// Statfs is fat_statfs: clusters, the free ones counted in the FAT
// unless FSINFO's count is trusted (usefree), and names of up to 255
// characters of up to six bytes each (12 for msdos): 1530, as a kernel
// with vfat reports it.
func (superOps) Statfs(sb *vfs.Superblock) (vfs.Statfs, error) {
	fs := sb.Private.(*filesystem)
	free, err := fs.countFree()
	if err != nil {
		return vfs.Statfs{}, err
	}
	namelen := int64(255 * 6)
	if !fs.opts.vfat {
		namelen = 12 * 6
	}
	return vfs.Statfs{
		Type:    Magic,
		Bsize:   int64(fs.clusterSize),
		Frsize:  int64(fs.clusterSize),
		Blocks:  uint64(fs.maxCluster - startEnt),
		Bfree:   uint64(free),
		Bavail:  uint64(free),
		Namelen: namelen,
	}, nil
}
