// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// FuzzBlkProbe probes arbitrary images: no input may panic or read
// outside the device, whatever its tables and counts claim, and the
// reading of a partition table follows the same rules.
func FuzzBlkProbe(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, img []byte) {
		dev := Device{R: &boundedReader{t: t, b: img}, Size: int64(len(img)), WholeDisk: true}
		for _, flags := range []Flags{LowFlags, CacheFlags, Type} {
			p := New(dev, flags)
			st := p.Safe()
			if st == Found && len(p.Values()) == 0 {
				t.Fatalf("found nothing to report")
			}
			p.PartitionsOnly()
		}
		// Every magic listed is where it says and is set aside, so
		// the listing ends.
		sigs, err := Signatures(dev, nil)
		for _, s := range sigs {
			if err == nil && (s.Offset < 0 || s.Offset+int64(len(s.Magic)) > int64(len(img)) || !bytes.Equal(img[s.Offset:s.Offset+int64(len(s.Magic))], s.Magic)) {
				t.Fatalf("signature %s at %#x: magic %q not in the image", s.Type, s.Offset, s.Magic)
			}
		}
		if tb := New(dev, LowFlags).ReadTable(); tb != nil {
			for _, pt := range tb.Parts {
				if pt.Number <= 0 {
					t.Fatalf("partition number %d", pt.Number)
				}
			}
		}
	})
}

// boundedReader fails the test on a read outside the image.
type boundedReader struct {
	t *testing.T
	b []byte
}

func (r *boundedReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(r.b)) {
		r.t.Fatalf("read of %d at %d beyond %d bytes", len(p), off, len(r.b))
	}
	return copy(p, r.b[off:]), nil
}

// fuzzSeeds are small images of each kind, made by hand.
func fuzzSeeds() [][]byte {
	le := binary.LittleEndian
	var seeds [][]byte
	ext := make([]byte, 8192)
	copy(ext[1024+56:], "\x53\xef")
	le.PutUint32(ext[1024+92:], extCompatJournal)
	copy(ext[1024+120:], "label")
	seeds = append(seeds, ext)

	fat := make([]byte, 8*1024)
	fat[0] = 0xeb
	le.PutUint16(fat[11:], 512)
	fat[13], fat[16], fat[21] = 1, 2, 0xf8
	le.PutUint16(fat[14:], 1)
	le.PutUint16(fat[17:], 16)
	le.PutUint16(fat[19:], 128)
	le.PutUint16(fat[22:], 1)
	fat[38] = 0x29
	copy(fat[43:], "BOOTLABEL  ")
	copy(fat[0x36:], "FAT12   ")
	fat[510], fat[511] = 0x55, 0xaa
	copy(fat[3*512:], "VOLUME     \x08")
	seeds = append(seeds, fat)

	iso := make([]byte, 40*1024)
	iso[0x8000] = isoPrimary
	copy(iso[0x8001:], "CD001")
	copy(iso[0x8000+isoVolumeID:], "VOL")
	copy(iso[0x8000+isoModified:], "2024010203040500")
	iso[0x8800] = isoSupplement
	copy(iso[0x8801:], "CD001")
	copy(iso[0x8800+isoEscapes:], "%/E")
	iso[0x9000] = isoTerminator
	seeds = append(seeds, iso)

	mbr := make([]byte, 20*1024)
	mbr[510], mbr[511] = 0x55, 0xaa
	le.PutUint32(mbr[440:], 0x1234)
	e := mbr[mbrTableOffset:]
	e[4] = 0x83
	le.PutUint32(e[8:], 8)
	le.PutUint32(e[12:], 16)
	e = mbr[mbrTableOffset+16:]
	e[4] = 0x05
	le.PutUint32(e[8:], 32)
	le.PutUint32(e[12:], 64)
	mbr[32*512+510], mbr[32*512+511] = 0x55, 0xaa
	e = mbr[32*512+mbrTableOffset:]
	e[4] = 0x83
	le.PutUint32(e[8:], 2)
	le.PutUint32(e[12:], 8)
	seeds = append(seeds, mbr)
	seeds = append(seeds, gptSeed())

	swap := make([]byte, 48*1024)
	copy(swap[4096-10:], "SWAPSPACE2")
	le.PutUint32(swap[1024:], 1)
	le.PutUint32(swap[1028:], 11)
	copy(swap[1024+28:], "swaplabel")
	seeds = append(seeds, swap, bytes.Repeat([]byte("-rom1fs-"), 300))
	return seeds
}

// gptSeed is a protective MBR and a sound GPT of one partition.
func gptSeed() []byte {
	le := binary.LittleEndian
	img := make([]byte, 64*512)
	img[510], img[511] = 0x55, 0xaa
	img[mbrTableOffset+4] = mbrGPTType
	h := img[512:]
	copy(h, "EFI PART")
	le.PutUint32(h[12:], gptHeaderSize)
	le.PutUint64(h[24:], 1)
	le.PutUint64(h[40:], 34)
	le.PutUint64(h[48:], 62)
	le.PutUint64(h[72:], 2)
	le.PutUint32(h[80:], 4)
	le.PutUint32(h[84:], 128)
	ents := img[2*512 : 2*512+4*128]
	ents[0], ents[16] = 0xaf, 0x11
	le.PutUint64(ents[32:], 34)
	le.PutUint64(ents[40:], 40)
	copy(ents[56:], "n\x00a\x00m\x00e\x00")
	le.PutUint32(h[88:], crc32.ChecksumIEEE(ents))
	le.PutUint32(h[16:], crc32.ChecksumIEEE(h[:gptHeaderSize]))
	return img
}
