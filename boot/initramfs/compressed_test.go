// SPDX-License-Identifier: Apache-2.0

package initramfs_test

// Compressed segments, made by the host's compressors: concatenations with
// the kernel's zero padding, and the messages of lib/decompress_*.c and
// unpack_to_rootfs for damaged ones.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/boot/initramfs"
)

// zeros pads b with zeros to a multiple of 4, then adds extra more.
func zeros(b []byte, extra int) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return append(b, make([]byte, extra)...)
}

// TestConcatenated: segments of every kind one after the other, as boot
// loaders and initramfs tools stack them, with and without zero padding;
// a later archive overwrites an earlier one's file.
func TestConcatenated(t *testing.T) {
	seg := func(i int) []byte {
		return archive(file(fmt.Sprintf("f%d", i), 0o644, fmt.Sprint("segment ", i)), file("last", 0o644, fmt.Sprint(i)))
	}
	var img []byte
	i := 0
	add := func(b []byte, pad int) {
		img = zeros(append(img, b...), pad)
		i++
	}
	add(seg(i), 0)
	for _, name := range []string{"gzip", "xz", "zstd", "bzip2", "lzma", "gzip"} {
		add(compressWith(t, seg(i), compressors[name]...), 512)
	}
	add(seg(i), 8)
	add(compressWith(t, seg(i), compressors["lz4"]...), 16)
	add(compressWith(t, seg(i), compressors["lz4"]...), 0)
	task := mustUnpack(t, img)
	for j := 0; j < i; j++ {
		wantData(t, task, fmt.Sprintf("f%d", j), fmt.Sprint("segment ", j))
	}
	wantData(t, task, "last", fmt.Sprint(i-1))
}

// TestCompressedBackToBack: compressed streams with no padding between
// them: each decompressor stops at the end of its stream (lz4's legacy
// frame excepted, which runs to the end of the image or to zeros).
func TestCompressedBackToBack(t *testing.T) {
	a := archive(file("a", 0o644, "a"))
	b := archive(file("b", 0o644, "b"))
	for _, first := range []string{"gzip", "xz", "zstd", "bzip2", "lzma"} {
		for _, second := range []string{"gzip", "xz", "zstd", "lz4", "lzma"} {
			img := cat(compressWith(t, a, compressors[first]...), compressWith(t, b, compressors[second]...))
			task := mustUnpack(t, img)
			wantData(t, task, "a", "a")
			wantData(t, task, "b", "b")
		}
	}
}

// TestPlainAfterCompressed: an uncompressed archive after a compressed one
// must start on a 4-byte boundary of the image; otherwise its '0' is taken
// for the magic of another compressed segment.
func TestPlainAfterCompressed(t *testing.T) {
	gz := compressWith(t, archive(file("a", 0o644, "a")), compressors["gzip"]...)
	plain := archive(file("b", 0o644, "b"))
	task := mustUnpack(t, cat(zeros(gz, 0), plain))
	wantData(t, task, "b", "b")
	if len(gz)%4 == 0 {
		gz = append(gz, 0)
	}
	_, err := unpack(t, cat(gz, plain), initramfs.Options{})
	wantMsg(t, err, "invalid magic at start of compressed archive")
}

// TestZeroLedSegment: the first compressed segment is read from the Start
// state, so zeros at its head are taken for a header; after an archive
// they are padding.
func TestZeroLedSegment(t *testing.T) {
	inner := cat(make([]byte, 8), archive(file("z", 0o644, "z")))
	gz := compressWith(t, inner, compressors["gzip"]...)
	_, err := unpack(t, gz, initramfs.Options{})
	wantMsg(t, err, "no cpio magic")
	task := mustUnpack(t, cat(archive(file("a", 0o644, "a")), gz))
	wantData(t, task, "z", "z")
}

// TestCompressedJunk: what the unpacker says about the decompressed data.
func TestCompressedJunk(t *testing.T) {
	good := archive(file("a", 0o644, "a"), file("b", 0o644, "b"))
	cut := good[:bytes.Index(good, []byte("TRAILER"))-110+50]
	for _, name := range []string{"gzip", "xz", "zstd", "bzip2", "lz4"} {
		t.Run(name, func(t *testing.T) {
			comp := func(b []byte) []byte { return compressWith(t, b, compressors[name]...) }
			task, err := unpack(t, comp(cat(good, []byte("XYZW"))), initramfs.Options{})
			wantMsg(t, err, "junk within compressed archive")
			wantData(t, task, "b", "b")
			task, err = unpack(t, comp(cut), initramfs.Options{})
			wantMsg(t, err, "junk at the end of compressed archive")
			wantData(t, task, "b", "b")
			_, err = unpack(t, comp(cat(good, []byte{0}, good)), initramfs.Options{})
			wantMsg(t, err, "broken padding")
			_, err = unpack(t, comp([]byte("070707"+strings.Repeat("0", 200))), initramfs.Options{})
			wantMsg(t, err, "incorrect cpio method used: use -H newc option")
		})
	}
}

// TestCompressedDamage: a stream cut short or altered, with each
// decompressor's message (none for bzip2's structural errors, which
// leave unpack_to_rootfs's "decompressor failed"). What was decompressed
// before the damage is unpacked.
func TestCompressedDamage(t *testing.T) {
	noise := make([]byte, 1<<20)
	rand.New(rand.NewSource(2)).Read(noise)
	random := archive(file("first", 0o644, "first"), file("big", 0o644, string(noise)))
	regular := archive(file("first", 0o644, "first"), file("big", 0o644, strings.Repeat("0123456789abcdef", 64<<10)))
	cases := []struct {
		argv    []string
		cutMsg  string // the stream cut short in its middle
		partial bool   // what came before the cut is unpacked
		flip    int    // a byte altered (bits 1 and 2 set, or flipped if set)
		flipMsg string // and what it gives
	}{
		// The first deflate block's type made 3, which is reserved.
		{compressors["gzip"], "read error", true, 10, "uncompression error"},
		{compressors["xz"], "XZ-compressed data is corrupt", true, 100, "XZ-compressed data is corrupt"},
		// Within the first block's contents.
		{compressors["zstd"], "ZSTD-compressed data is truncated", true, 20, "ZSTD-compressed data is corrupt"},
		{[]string{"bzip2", "-1", "-c"}, "decompressor failed", true, 0, ""},
		// One 8 MiB block: nothing comes out of a block cut short.
		{compressors["lz4"], "Decoding failed", false, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.argv[0], func(t *testing.T) {
			comp := compressWith(t, random, c.argv...)
			task, err := unpack(t, comp[:len(comp)/2], initramfs.Options{})
			wantMsg(t, err, c.cutMsg)
			if c.partial {
				wantData(t, task, "first", "first")
			}
			if c.flipMsg == "" {
				return
			}
			bad := compressWith(t, regular, c.argv...)
			if bad[c.flip]&6 == 6 {
				bad[c.flip] ^= 6
			} else {
				bad[c.flip] |= 6
			}
			_, err = unpack(t, bad, initramfs.Options{})
			wantMsg(t, err, c.flipMsg)
		})
	}
}

// TestGzipTrailer: the kernel skips the gzip trailer unread: a wrong CRC
// or size, or a trailer cut off, goes unnoticed.
func TestGzipTrailer(t *testing.T) {
	gz := compressWith(t, archive(file("a", 0o644, "a")), compressors["gzip"]...)
	bad := append([]byte(nil), gz...)
	for i := len(bad) - 8; i < len(bad); i++ {
		bad[i] ^= 0xff
	}
	wantData(t, mustUnpack(t, bad), "a", "a")
	wantData(t, mustUnpack(t, gz[:len(gz)-8]), "a", "a")
}

// TestGzipFileName: a gzip header with the original file name (gzip
// without -n) is read past; other optional fields are not understood.
func TestGzipFileName(t *testing.T) {
	gz := compressWith(t, archive(file("a", 0o644, "a")), "gzip", "-c", "-n")
	named := cat(gz[:3], []byte{gz[3] | 8}, gz[4:10], []byte("initrd.cpio\x00"), gz[10:])
	wantData(t, mustUnpack(t, named), "a", "a")
}

// TestBzip2Checksum: a CRC mismatch is bunzip2's "Data integrity error".
func TestBzip2Checksum(t *testing.T) {
	bz := compressWith(t, archive(file("a", 0o644, "a")), compressors["bzip2"]...)
	// "BZh9", the block magic 0x314159265359, then the block's CRC.
	bz[10] ^= 1
	_, err := unpack(t, bz, initramfs.Options{})
	wantMsg(t, err, "Data integrity error when decompressing.")
}

// TestXzCheckTypes: the kernel's xz decoder checks CRC32 or nothing and
// refuses the others (xz's default is CRC64).
func TestXzCheckTypes(t *testing.T) {
	data := archive(file("a", 0o644, "a"))
	for _, c := range []struct {
		check string
		msg   string
	}{
		{"none", ""}, {"crc32", ""},
		{"crc64", "Input was encoded with settings that are not supported by this XZ decoder"},
		{"sha256", "Input was encoded with settings that are not supported by this XZ decoder"},
	} {
		img := compressWith(t, data, "xz", "--check="+c.check, "-c")
		task, err := unpack(t, img, initramfs.Options{})
		if c.msg == "" {
			if err != nil {
				t.Fatalf("%s: %v", c.check, err)
			}
			wantData(t, task, "a", "a")
			continue
		}
		wantMsg(t, err, c.msg)
	}
}

// TestLzma: a .lzma image (lzma -c: an end marker, the size unknown)
// unpacks, as does one whose header gives the size; one cut short is
// "unexpected EOF".
func TestLzma(t *testing.T) {
	data := archive(file("a", 0o644, strings.Repeat("abc", 5000)))
	img := compressWith(t, data, compressors["lzma"]...)
	wantData(t, mustUnpack(t, img), "a", strings.Repeat("abc", 5000))
	sized := bytes.Clone(img)
	binary.LittleEndian.PutUint64(sized[5:], uint64(len(data)))
	wantData(t, mustUnpack(t, sized), "a", strings.Repeat("abc", 5000))
	_, err := unpack(t, img[:len(img)/2], initramfs.Options{})
	wantMsg(t, err, "unexpected EOF")
}

// TestStaleNextState: a header split between two output chunks of the
// decompressor is gathered (read_into's Collect), which leaves GotHeader
// as the state after a skip; an entry skipped whole (here a directory
// with a body) then has its header read again at the next entry's place,
// over and over, and the rest of the stream is lost. gunzip hands the
// unpacker 32 KiB at a time.
func TestStaleNextState(t *testing.T) {
	const chunk = 32 << 10
	lead := file("lead", 0o644, "")
	leadLen := len(archiveBody(lead))
	fill := file("fill", 0o644, "")
	fillLen := len(archiveBody(fill))
	// The skipped entry's header starts 20 bytes before the chunk's end.
	fill.Data = []byte(strings.Repeat("f", chunk-20-leadLen-fillLen))
	skipped := initramfs.Entry{Name: "dirbody", Mode: linux.S_IFDIR | 0o755, Data: []byte("body")}
	data := archive(lead, fill, skipped, file("after", 0o644, "lost"), file("after2", 0o644, "lost"))
	if i := bytes.Index(data, []byte("dirbody\x00")) - 110; i != chunk-20 {
		t.Fatalf("the skipped header is at %d, want %d", i, chunk-20)
	}
	task, err := unpack(t, compressWith(t, data, compressors["gzip"]...), initramfs.Options{})
	wantMsg(t, err, "junk at the end of compressed archive")
	wantData(t, task, "fill", string(fill.Data))
	absent(t, task, "after")
	// Read in place (uncompressed), the same archive is fine.
	wantData(t, mustUnpack(t, data), "after2", "lost")
}
