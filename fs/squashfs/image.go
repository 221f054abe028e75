// SPDX-License-Identifier: Apache-2.0

package squashfs

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/anchore/go-lzo"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// On-disk constants (squashfs_fs.h).
const (
	metadataSize = 8192    // SQUASHFS_METADATA_SIZE
	maxBlockSize = 1 << 20 // SQUASHFS_FILE_MAX_SIZE
	maxBlockLog  = 20      // SQUASHFS_FILE_MAX_LOG
	devBlockSize = 1024    // SQUASHFS_DEVBLK_SIZE: sb_min_blocksize's floor
	pageSize     = 4096
)

// Compression ids and the kernel's names for them (decompressor.c).
var compressorNames = map[uint16]string{1: "zlib", 2: "lzma", 3: "lzo", 4: "xz", 5: "lz4", 6: "zstd"}

// superBlock is struct squashfs_super_block, the image's first 96 bytes.
type superBlock struct {
	Magic       uint32
	Inodes      uint32
	MkfsTime    uint32
	BlockSize   uint32
	Fragments   uint32
	Compression uint16
	BlockLog    uint16
	Flags       uint16
	NoIDs       uint16
	Major       uint16
	Minor       uint16
	RootInode   uint64
	BytesUsed   uint64
	IDTable     uint64
	XattrTable  uint64
	InodeTable  uint64
	DirTable    uint64
	FragTable   uint64
	LookupTable uint64
}

// image is struct squashfs_sb_info: what a mounted image keeps.
type image struct {
	sb            superBlock
	disk          vfs.Disk
	ids           []uint32    // the id table: uids and gids by index
	fragIndex     []uint64    // where the fragment table's blocks are
	panicOnErrors atomic.Bool // errors=panic

	mu     sync.Mutex
	meta   map[int64]metaBlock   // decompressed metadata blocks by position
	blocks map[uint64][]byte     // decompressed data and fragment blocks
	inodes map[uint32]*vfs.Inode // iget's inode hash, by inode number
	zstd   *zstd.Decoder
}

// metaBlock is one decompressed metadata block and where the next begins.
type metaBlock struct {
	data []byte
	next int64
}

// maxCachedMeta bounds the metadata cache (squashfs_cache_init's
// SQUASHFS_CACHED_BLKS, generously).
const maxCachedMeta = 64

// readAt reads exactly len(p) bytes at off within bytes_used; anything
// short is an I/O error, as a bio past the end of the device is.
func (img *image) readAt(p []byte, off int64) error {
	if off < 0 || uint64(off)+uint64(len(p)) > img.sb.BytesUsed {
		return linux.EIO
	}
	if n, _ := img.disk.ReadAt(p, off); n != len(p) {
		return linux.EIO
	}
	return nil
}

// readMetaBlock is squashfs_read_data for a metadata block: a 16-bit
// length word (top bit: stored uncompressed), then up to 8 KiB of data.
func (img *image) readMetaBlock(at int64) (metaBlock, error) {
	img.mu.Lock()
	b, ok := img.meta[at]
	img.mu.Unlock()
	if ok {
		return b, nil
	}
	var hdr [2]byte
	if err := img.readAt(hdr[:], at); err != nil {
		return metaBlock{}, err
	}
	word := binary.LittleEndian.Uint16(hdr[:])
	size := int(word & 0x7fff)
	if size > metadataSize {
		return metaBlock{}, linux.EIO
	}
	raw := make([]byte, size)
	if err := img.readAt(raw, at+2); err != nil {
		return metaBlock{}, err
	}
	data := raw
	if word&0x8000 == 0 {
		var err error
		if data, err = img.decompress(raw, metadataSize); err != nil {
			return metaBlock{}, linux.EIO
		}
	}
	b = metaBlock{data: data, next: at + 2 + int64(size)}
	img.mu.Lock()
	if len(img.meta) >= maxCachedMeta {
		clear(img.meta)
	}
	img.meta[at] = b
	img.mu.Unlock()
	return b, nil
}

// decompress undoes the image's compressor on one block of at most max
// bytes.
func (img *image) decompress(src []byte, max int) ([]byte, error) {
	var out []byte
	var err error
	switch img.sb.Compression {
	case 1:
		var r io.Reader
		if r, err = zlib.NewReader(bytes.NewReader(src)); err == nil {
			out, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
		}
	case 3:
		out = make([]byte, max)
		var n int
		n, err = lzo.Decompress(src, out)
		out = out[:n]
	case 4:
		var r io.Reader
		if r, err = xz.NewReader(bytes.NewReader(src)); err == nil {
			out, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
		}
	case 5:
		out = make([]byte, max)
		var n int
		n, err = lz4.UncompressBlock(src, out)
		out = out[:n]
	case 6:
		out, err = img.zstd.DecodeAll(src, nil)
	default:
		err = linux.EIO
	}
	if err == nil && len(out) > max {
		err = linux.EIO
	}
	return out, err
}

// metaReader reads a run of metadata that may cross block boundaries, as
// squashfs_read_metadata does with its <block, offset> cursor.
type metaReader struct {
	img  *image
	next int64  // position of the next block on disk
	buf  []byte // what is left of the current block
}

// metaAt opens table's metadata at ref, a <block, offset> pair packed as
// block<<16 | offset with block relative to table.
func (img *image) metaAt(table uint64, ref uint64) (*metaReader, error) {
	b, err := img.readMetaBlock(int64(table + ref>>16))
	if err != nil {
		return nil, err
	}
	off := int(ref & 0xffff)
	if off > len(b.data) {
		return nil, linux.EIO
	}
	return &metaReader{img: img, next: b.next, buf: b.data[off:]}, nil
}

func (m *metaReader) Read(p []byte) (int, error) {
	for len(m.buf) == 0 {
		b, err := m.img.readMetaBlock(m.next)
		if err != nil {
			return 0, err
		}
		m.buf, m.next = b.data, b.next
	}
	n := copy(p, m.buf)
	m.buf = m.buf[n:]
	return n, nil
}

// read fills v (a fixed-size little-endian struct or slice); a short
// stream is an I/O error.
func (m *metaReader) read(v any) error {
	if err := binary.Read(m, binary.LittleEndian, v); err != nil {
		if errors.Is(err, linux.EIO) || err == io.ErrUnexpectedEOF || err == io.EOF {
			return linux.EIO
		}
		return err
	}
	return nil
}

// openImage is the part of squashfs_fill_super that reads and checks the
// superblock and the tables the kernel loads at mount time.
func openImage(disk vfs.Disk, fc *vfs.FsContext, name string) (*image, error) {
	img := &image{disk: disk, meta: make(map[int64]metaBlock), blocks: make(map[uint64][]byte),
		inodes: make(map[uint32]*vfs.Inode)}
	if err := img.readSuper(fc, name); err != nil {
		return nil, err
	}
	next, err := img.xattrTableStart()
	if err != nil {
		return nil, errorf(fc, err, "unable to read xattr id index table")
	}
	if next, err = img.readIDs(next); err != nil {
		return nil, errorf(fc, err, "unable to read id index table")
	}
	if next, err = img.checkLookupTable(next); err != nil {
		return nil, errorf(fc, err, "unable to read inode lookup table")
	}
	if next, err = img.checkFragmentIndex(next); err != nil {
		return nil, errorf(fc, err, "unable to read fragment index table")
	}
	if img.sb.InodeTable >= img.sb.DirTable || img.sb.DirTable > next {
		return nil, errorf(fc, linux.EINVAL, "squashfs image failed sanity check")
	}
	return img, nil
}

// readSuper reads the superblock and makes squashfs_fill_super's checks,
// failing with the same errors and messages.
func (img *image) readSuper(fc *vfs.FsContext, name string) error {
	if img.disk.Size() < devBlockSize {
		// The first device block lies past the end of the disk.
		fc.Kernel.Printk("SQUASHFS error: Failed to read block 0x0: -5")
		return errorf(fc, linux.EIO, "unable to read squashfs_super_block")
	}
	raw := make([]byte, binary.Size(superBlock{}))
	if n, _ := img.disk.ReadAt(raw, 0); n != len(raw) {
		return errorf(fc, linux.EIO, "unable to read squashfs_super_block")
	}
	s := &img.sb
	binary.Read(bytes.NewReader(raw), binary.LittleEndian, s)
	if s.Magic != Magic {
		if fc.SbFlags&linux.SB_SILENT != 0 {
			return linux.EINVAL
		}
		return errorf(fc, linux.EINVAL, "Can't find a SQUASHFS superblock on %s", name)
	}
	if err := img.checkVersion(fc); err != nil {
		return err
	}
	switch {
	case s.BytesUsed > uint64(img.disk.Size()) || s.BytesUsed > 1<<63-1:
		return linux.EINVAL
	case s.BlockSize > maxBlockSize:
		return errorf(fc, linux.EINVAL, "squashfs image failed sanity check")
	case s.BlockSize < pageSize:
		return errorf(fc, linux.EINVAL, "Page size > filesystem block size (%d).  This is currently not supported!", s.BlockSize)
	case s.BlockLog > maxBlockLog:
		return linux.EINVAL
	case s.BlockSize != 1<<s.BlockLog, s.RootInode&0xffff > metadataSize:
		return errorf(fc, linux.EINVAL, "squashfs image failed sanity check")
	}
	if err := img.setupDecompressor(fc); err != nil {
		errorf(fc, nil, "squashfs image failed sanity check")
		return linux.EINVAL
	}
	return nil
}

// compOptionsFlag is SQUASHFS_COMP_OPT: a block of the compressor's
// options follows the superblock.
const compOptionsFlag = 0x400

// lz4Legacy is LZ4_LEGACY, the one LZ4 format version squashfs reads.
const lz4Legacy = 1

// setupDecompressor is squashfs_decompressor_setup: the compressor's
// options are read and checked (LZ4 images must have them, naming the
// legacy format), and a zstd decoder made.
func (img *image) setupDecompressor(fc *vfs.FsContext) error {
	if img.sb.Compression == 6 {
		var err error
		img.zstd, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxBlockSize))
		if err != nil {
			return err
		}
	}
	var opts []byte
	if img.sb.Flags&compOptionsFlag != 0 {
		b, err := img.readMetaBlock(int64(binary.Size(superBlock{})))
		if err != nil {
			return err
		}
		opts = b.data
	}
	if img.sb.Compression != 5 {
		return nil
	}
	if len(opts) < 8 {
		return linux.EIO
	}
	if binary.LittleEndian.Uint32(opts) != lz4Legacy {
		fc.Kernel.Printk("SQUASHFS error: Unknown LZ4 version")
		return linux.EINVAL
	}
	return nil
}

// checkVersion is supported_squashfs_filesystem: version 4.0 with a
// compressor this kernel has (all but lzma, which squashfs never took).
func (img *image) checkVersion(fc *vfs.FsContext) error {
	s := &img.sb
	switch {
	case s.Major < 4:
		return errorf(fc, linux.EINVAL, "Major/Minor mismatch, older Squashfs %d.%d filesystems are unsupported", s.Major, s.Minor)
	case s.Major > 4 || s.Minor > 0:
		errorf(fc, nil, "Major/Minor mismatch, trying to mount newer %d.%d filesystem", s.Major, s.Minor)
		return errorf(fc, linux.EINVAL, "Please update your kernel")
	}
	switch s.Compression {
	case 1, 3, 4, 5, 6:
		return nil
	}
	name, ok := compressorNames[s.Compression]
	if !ok {
		name = "unknown"
	}
	return errorf(fc, linux.EINVAL, "Filesystem uses \"%s\" compression. This is not supported", name)
}

// invalidBlock is SQUASHFS_INVALID_BLK: a table the image does not have.
const invalidBlock = 1<<64 - 1

// readTable is squashfs_read_table for a table of 64-bit block positions
// (an index) of length bytes at start.
func (img *image) readTable(start uint64, length int) ([]uint64, error) {
	raw := make([]byte, length)
	if err := img.readAt(raw, int64(start)); err != nil {
		return nil, err
	}
	table := make([]uint64, length/8)
	binary.Read(bytes.NewReader(raw), binary.LittleEndian, table)
	return table, nil
}

// indexBytes is the size of the index of a table of n entries of size
// bytes each: one position per metadata block (SQUASHFS_ID_BLOCK_BYTES
// and its kin).
func indexBytes(n, size uint64) uint64 {
	return (n*size + metadataSize - 1) / metadataSize * 8
}

// checkIndex makes the checks of squashfs_read_id_index_table and
// squashfs_read_inode_lookup_table on an index of metadata blocks that
// ends the table at start: each block after the one before it and at
// most a metadata block (with its length word) further, the last one
// just as close before the index itself.
func checkIndex(table []uint64, start uint64) error {
	const maxGap = metadataSize + 2
	for n := 0; n+1 < len(table); n++ {
		if table[n] >= table[n+1] || table[n+1]-table[n] > maxGap {
			return linux.EINVAL
		}
	}
	if last := table[len(table)-1]; last >= start || start-last > maxGap {
		return linux.EINVAL
	}
	return nil
}

// xattrTableStart is the part of squashfs_read_xattr_id_table that bounds
// the tables before it: where the xattr data begins, or bytes_used when
// there are no xattrs. Its index must fill the image to bytes_used.
func (img *image) xattrTableStart() (uint64, error) {
	start := img.sb.XattrTable
	if start == invalidBlock {
		return img.sb.BytesUsed, nil
	}
	var hdr [16]byte // struct squashfs_xattr_id_table
	if err := img.readAt(hdr[:], int64(start)); err != nil {
		return 0, err
	}
	dataStart := binary.LittleEndian.Uint64(hdr[0:])
	ids := uint64(binary.LittleEndian.Uint32(hdr[8:]))
	if ids == 0 || indexBytes(ids, 16) != img.sb.BytesUsed-(start+16) {
		return 0, linux.EINVAL
	}
	table, err := img.readTable(start+16, int(indexBytes(ids, 16)))
	if err != nil {
		return 0, err
	}
	if err := checkIndex(table, start); err != nil || dataStart >= table[0] {
		return 0, linux.EINVAL
	}
	return dataStart, nil
}

// readIDs is squashfs_read_id_index_table followed by the id lookups it
// makes possible: every uid and gid of the image, in table order. The
// index must end exactly at next; it returns where the table's first
// metadata block is, which ends the tables before it.
func (img *image) readIDs(next uint64) (uint64, error) {
	n := uint64(img.sb.NoIDs)
	start := img.sb.IDTable
	if n == 0 || indexBytes(n, 4) != next-start {
		return 0, linux.EINVAL
	}
	index, err := img.readTable(start, int(indexBytes(n, 4)))
	if err != nil {
		return 0, err
	}
	if err := checkIndex(index, start); err != nil {
		return 0, err
	}
	img.ids = make([]uint32, 0, n)
	for _, at := range index {
		m, err := img.metaAt(at, 0)
		if err != nil {
			return 0, err
		}
		chunk := make([]uint32, min(int(n)-len(img.ids), metadataSize/4))
		if err := m.read(chunk); err != nil {
			return 0, err
		}
		img.ids = append(img.ids, chunk...)
	}
	return index[0], nil
}

// checkLookupTable is squashfs_read_inode_lookup_table's checks on the
// export table, when the image has one: an index of one 8-byte entry per
// inode that ends exactly at next.
func (img *image) checkLookupTable(next uint64) (uint64, error) {
	start := img.sb.LookupTable
	if start == invalidBlock {
		return next, nil
	}
	n := uint64(img.sb.Inodes)
	if n == 0 || indexBytes(n, 8) != next-start {
		return 0, linux.EINVAL
	}
	table, err := img.readTable(start, int(indexBytes(n, 8)))
	if err != nil {
		return 0, err
	}
	if err := checkIndex(table, start); err != nil {
		return 0, err
	}
	return table[0], nil
}

// checkFragmentIndex is squashfs_read_fragment_index_table's checks: the
// index of 16-byte fragment entries lies before next, and its first block
// before the index.
func (img *image) checkFragmentIndex(next uint64) (uint64, error) {
	n := uint64(img.sb.Fragments)
	if n == 0 {
		return next, nil
	}
	start := img.sb.FragTable
	length := indexBytes(n, 16)
	if start > next || length > next-start {
		return 0, linux.EINVAL
	}
	table, err := img.readTable(start, int(length))
	if err != nil {
		return 0, err
	}
	if table[0] >= start {
		return 0, linux.EINVAL
	}
	img.fragIndex = table
	return table[0], nil
}
