// SPDX-License-Identifier: Apache-2.0

package initramfs

import (
	"bytes"
	"compress/bzip2"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"
	"github.com/ulikunitz/xz"
	"github.com/ulikunitz/xz/lzma"
)

// method is a decompressor as lib/decompress.c lists it: two bytes of
// magic, a name for the log, and the routine, which feeds its output to
// the unpacker in chunks of the size the kernel's uses and returns how
// much input it used and whether it succeeded. It reports its own
// errors, in the kernel's words, through unpacker.fail.
type method struct {
	magic  [2]byte
	name   string
	decode func(u *unpacker, in []byte) (used int, ok bool)
}

// methods is decompress_method's table, in its order. lzo is detected
// but not built in here.
var methods = []method{
	{[2]byte{0x1f, 0x8b}, "gzip", gunzip},
	{[2]byte{0x1f, 0x9e}, "gzip", gunzip},
	{[2]byte{0x42, 0x5a}, "bzip2", bunzip2},
	{[2]byte{0x5d, 0x00}, "lzma", unlzma},
	{[2]byte{0xfd, 0x37}, "xz", unxz},
	{[2]byte{0x89, 0x4c}, "lzo", nil},
	{[2]byte{0x02, 0x21}, "lz4", unlz4},
	{[2]byte{0x28, 0xb5}, "zstd", unzstd},
}

// detect is decompress_method: nil when no magic matches (or fewer than
// two bytes are left).
func detect(buf []byte) *method {
	if len(buf) < 2 {
		return nil
	}
	for i := range methods {
		if methods[i].magic == [2]byte{buf[0], buf[1]} {
			return &methods[i]
		}
	}
	return nil
}

// Methods lists the decompressors this package has, by the kernel's names.
func Methods() []string {
	var names []string
	for _, m := range methods {
		if m.decode != nil && (len(names) == 0 || names[len(names)-1] != m.name) {
			names = append(names, m.name)
		}
	}
	return names
}

// readFull fills buf from r as far as it can, returning r's error (io.EOF
// included) as is.
func readFull(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// pump hands r's output to the unpacker in chunks of size bytes, as the
// kernel's decompressors flush their output buffer. It returns the error
// that ended r (nil at its end) and false if the unpacker refused a chunk.
func (u *unpacker) pump(r io.Reader, size int) (error, bool) {
	buf := make([]byte, size)
	for {
		n, err := readFull(r, buf)
		if n > 0 && !u.flush(buf[:n]) {
			return nil, false
		}
		if err == io.EOF {
			return nil, true
		}
		if err != nil {
			return err, true
		}
	}
}

// gunzip mirrors lib/decompress_inflate.c: a gzip header whose only
// optional field understood is the file name, raw deflate after it, and
// an eight-byte trailer skipped unread (its CRC and size are not checked).
func gunzip(u *unpacker, in []byte) (int, bool) {
	if len(in) < 10 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8 {
		u.fail("Not a gzip file")
		return 0, false
	}
	p := 10
	if in[3]&8 != 0 {
		for {
			if p >= len(in) {
				u.fail("header error")
				return 0, false
			}
			p++
			if in[p-1] == 0 {
				break
			}
		}
	}
	br := bytes.NewReader(in[p:])
	err, ok := u.pump(flate.NewReader(br), 32<<10)
	used := p + int(br.Size()) - br.Len() + 8
	switch {
	case !ok:
		return used, false
	case errors.Is(err, io.ErrUnexpectedEOF):
		u.fail("read error") // the input ran out: there is no fill()
		return used, false
	case err != nil:
		u.fail("uncompression error")
		return used, false
	}
	return used, true
}

// padReader reads b, then two zero bytes: Go's bzip2 reader looks for a
// following stream after the end of one, and so always finds bytes that
// are not one, with the position of the end still known.
type padReader struct {
	b []byte
	i int
}

func (r *padReader) ReadByte() (byte, error) {
	switch {
	case r.i < len(r.b):
		r.i++
		return r.b[r.i-1], nil
	case r.i < len(r.b)+2:
		r.i++
		return 0, nil
	}
	return 0, io.EOF
}

func (r *padReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := r.ReadByte()
		if err != nil {
			if n == 0 {
				return 0, err
			}
			break
		}
		p[n] = c
		n++
	}
	return n, nil
}

// bunzip2 mirrors lib/decompress_bunzip2.c: one stream; a CRC mismatch is
// the only error it names, other failures leave "decompressor failed".
// Go's reader goes on into a bzip2 stream that follows with no padding
// between; the kernel starts it over as a new segment.
func bunzip2(u *unpacker, in []byte) (int, bool) {
	r := &padReader{b: in}
	err, ok := u.pump(bzip2.NewReader(r), 4096)
	if !ok {
		return r.i, false
	}
	var se bzip2.StructuralError
	if errors.As(err, &se) {
		switch se {
		case "bad magic value in continuation file":
			return r.i - 2, true
		case "block checksum mismatch", "file checksum mismatch":
			u.fail("Data integrity error when decompressing.")
		}
	}
	if err == nil {
		return min(r.i, len(in)), true
	}
	return r.i, false
}

// xzMagic opens an xz stream header.
var xzMagic = []byte{0xfd, '7', 'z', 'X', 'Z', 0}

// xz messages of lib/decompress_unxz.c.
const (
	xzCorrupt = "XZ-compressed data is corrupt"
	xzOptions = "Input was encoded with settings that are not supported by this XZ decoder"
)

// unxz mirrors lib/decompress_unxz.c: one stream, whose header is checked
// as xz_dec_stream.c does; the kernel's decoder checks CRC32 or nothing,
// and refuses CRC64 and SHA-256 (hence `xz --check=crc32`). The library
// has no BCJ filters: a stream using one reads as corrupt here.
func unxz(u *unpacker, in []byte) (int, bool) {
	switch {
	case len(in) < 12:
		u.fail(xzCorrupt)
		return 0, false
	case !bytes.Equal(in[:6], xzMagic):
		u.fail("Input is not in the XZ format (wrong magic bytes)")
		return 0, false
	case crc32.ChecksumIEEE(in[6:8]) != binary.LittleEndian.Uint32(in[8:12]):
		u.fail(xzCorrupt)
		return 0, false
	case in[6] != 0 || in[7] > 1:
		u.fail(xzOptions)
		return 0, false
	}
	br := bytes.NewReader(in)
	r, err := xz.ReaderConfig{SingleStream: true}.NewReader(br)
	if err != nil {
		u.fail(xzCorrupt)
		return 0, false
	}
	err, ok := u.pump(r, 4096)
	used := int(br.Size()) - br.Len()
	if !ok {
		return used, false
	}
	if err != nil && err.Error() == "xz: unexpected data after stream" {
		// It read one byte past the stream to see that.
		return used - 1, true
	}
	if err != nil {
		u.fail(xzCorrupt)
		return used, false
	}
	return used, true
}

// lzmaHeaderLen is the classic .lzma header: properties, dictionary
// size, uncompressed size (all ones when unknown: an end marker ends the
// data).
const lzmaHeaderLen = 13

// unlzma mirrors lib/decompress_unlzma.c: one stream in the classic
// format, decoded until its size or its end marker; the input running
// out is "unexpected EOF" (there is no fill()), a match reaching before
// the output's start "LZMA data is corrupt". The kernel stops reading at
// the end marker's last bit, before the range coder's final byte, which
// the encoder always writes as zero: padding either way.
func unlzma(u *unpacker, in []byte) (int, bool) {
	if len(in) < lzmaHeaderLen {
		u.fail("unexpected EOF")
		return len(in), false
	}
	dict := max(binary.LittleEndian.Uint32(in[1:]), lzma.MinDictCap)
	br := bytes.NewReader(in)
	r, err := lzma.ReaderConfig{DictCap: int(min(dict, 1<<30))}.NewReader(br)
	if err != nil {
		u.fail("unexpected EOF")
		return len(in), false
	}
	err, ok := u.pump(r, 64<<10)
	used := int(br.Size()) - br.Len()
	switch {
	case !ok:
		return used, false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		u.fail("unexpected EOF")
		return used, false
	case err != nil:
		u.fail("LZMA data is corrupt")
		return used, false
	}
	return used, true
}

// lz4Magic opens an lz4 legacy frame, and may open any block after it.
const lz4Magic = 0x184c2102

// lz4Chunk is the uncompressed size of a legacy block.
const lz4Chunk = 8 << 20

// unlz4 mirrors lib/decompress_unlz4.c on a whole image: blocks until the
// input ends, or fewer than four bytes or a zero length are left (zero
// padding after the frame). A block length past the end is decoded from
// what is there.
func unlz4(u *unpacker, in []byte) (int, bool) {
	if len(in) < 4 || binary.LittleEndian.Uint32(in) != lz4Magic {
		u.fail("invalid header")
		return 0, false
	}
	if u.lz4 == nil {
		u.lz4 = make([]byte, lz4Chunk)
	}
	p := 4
	for {
		if len(in)-p < 4 {
			return p, true
		}
		size := int(binary.LittleEndian.Uint32(in[p:]))
		if size == lz4Magic {
			p += 4
			continue
		}
		if size == 0 {
			return p, true
		}
		p += 4
		block := in[p:min(p+size, len(in))]
		n, err := lz4.UncompressBlock(block, u.lz4)
		if err != nil {
			u.fail("Decoding failed")
			return p, false
		}
		if !u.flush(u.lz4[:n]) {
			return p, false
		}
		p += size
		switch {
		case p == len(in):
			return p, true
		case p > len(in):
			u.fail("data corrupted")
			return len(in), false
		}
	}
}

// zstd messages of lib/decompress_unzstd.c.
const (
	zstdCorrupt  = "ZSTD-compressed data is corrupt"
	zstdProbably = "ZSTD-compressed data is probably corrupt"
	zstdShort    = "ZSTD-compressed data is truncated"
)

// zstdWindowMax is ZSTD_WINDOWSIZE_MAX on a 64-bit kernel.
const zstdWindowMax = 1 << 31

// unzstd mirrors lib/decompress_unzstd.c: one frame, whose header is
// checked as zstd_get_frame_header does; the frame's end is found by
// walking its block headers, and the library decodes it.
func unzstd(u *unpacker, in []byte) (int, bool) {
	hlen, window, checksum, msg := zstdFrameHeader(in)
	if msg != "" {
		u.fail(msg)
		return 0, false
	}
	if window > zstdWindowMax {
		u.fail("ZSTD-compressed data has too large a window size")
		return 0, false
	}
	end, state := zstdFrameEnd(in, hlen, checksum, min(window, zstdBlockMax))
	d, err := zstd.NewReader(bytes.NewReader(in[:end]), zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(zstdWindowMax))
	if err != nil {
		u.fail(zstdProbably)
		return 0, false
	}
	defer d.Close()
	err, ok := u.pump(d, 128<<10)
	switch {
	case !ok:
		return end, false
	case err == nil && state == frameWhole:
		return end, true
	case state == frameBadBlock:
		u.fail(zstdCorrupt)
	case errors.Is(err, zstd.ErrUnknownDictionary):
		u.fail(zstdProbably)
	case state == frameShort && (err == nil || errors.Is(err, io.ErrUnexpectedEOF)):
		u.fail(zstdShort)
	default:
		u.fail(zstdCorrupt)
	}
	return end, false
}

// zstdMagic is the magic of a zstd frame, little-endian.
const zstdMagic = 0xfd2fb528

// zstdFrameHeader reads a frame header: its length, the window size, and
// whether a checksum ends the frame; or the kernel's message for it.
func zstdFrameHeader(in []byte) (hlen int, window uint64, checksum bool, msg string) {
	var magic [4]byte
	binary.LittleEndian.PutUint32(magic[:], zstdMagic)
	if len(in) < 5 {
		if !bytes.HasPrefix(magic[:], in[:min(len(in), 4)]) {
			return 0, 0, false, "Input is not in the ZSTD format (wrong magic bytes)"
		}
		return 0, 0, false, "ZSTD-compressed data has an incomplete frame header"
	}
	if binary.LittleEndian.Uint32(in) != zstdMagic {
		return 0, 0, false, "Input is not in the ZSTD format (wrong magic bytes)"
	}
	fhd := in[4]
	single := fhd&0x20 != 0
	dictLen := [4]int{0, 1, 2, 4}[fhd&3]
	fcsLen := [4]int{0, 2, 4, 8}[fhd>>6]
	if single && fhd>>6 == 0 {
		fcsLen = 1
	}
	hlen = 5 + dictLen + fcsLen
	if !single {
		hlen++
	}
	if len(in) < hlen {
		return 0, 0, false, "ZSTD-compressed data has an incomplete frame header"
	}
	if fhd&0x08 != 0 {
		return 0, 0, false, zstdProbably
	}
	p := 5
	if !single {
		wl := in[p]
		log := uint(wl>>3) + 10
		if log > 31 {
			return 0, 0, false, zstdProbably
		}
		window = 1 << log
		window += window >> 3 * uint64(wl&7)
		p++
	}
	p += dictLen
	if single {
		window = zstdContentSize(in[p:p+fcsLen], fcsLen)
	}
	return hlen, window, fhd&4 != 0, ""
}

// zstdContentSize decodes Frame_Content_Size.
func zstdContentSize(b []byte, n int) uint64 {
	switch n {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(binary.LittleEndian.Uint16(b)) + 256
	case 4:
		return uint64(binary.LittleEndian.Uint32(b))
	}
	return binary.LittleEndian.Uint64(b)
}

// zstdBlockMax is ZSTD_BLOCKSIZE_MAX.
const zstdBlockMax = 128 << 10

// frameState is how a walk over a frame's blocks ended.
type frameState int

const (
	frameWhole    frameState = iota
	frameShort               // the input ends inside the frame
	frameBadBlock            // a block the decoder rejects whatever follows
)

// zstdFrameEnd walks the blocks of a frame from p, each at most blockMax
// (ZSTD_blockSizeMax), and returns the offset just past the frame; or,
// for a frame cut short or a block that is corrupt by its header alone,
// how far the decoder can usefully be given input.
func zstdFrameEnd(in []byte, p int, checksum bool, blockMax uint64) (int, frameState) {
	for {
		if p+3 > len(in) {
			return len(in), frameShort
		}
		bh := uint32(in[p]) | uint32(in[p+1])<<8 | uint32(in[p+2])<<16
		typ, size := bh>>1&3, uint64(bh>>3)
		if typ == 3 || size > blockMax {
			return p, frameBadBlock
		}
		p += 3
		if typ == 1 {
			size = 1
		}
		if uint64(len(in)-p) < size {
			return len(in), frameShort
		}
		p += int(size)
		if bh&1 == 0 {
			continue
		}
		if checksum {
			if len(in)-p < 4 {
				return len(in), frameShort
			}
			p += 4
		}
		return p, frameWhole
	}
}
