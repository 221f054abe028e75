// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// FAT12, FAT16 and FAT32 (libblkid's vfat): a boot sector whose BIOS
// parameter block makes sense; the label is the volume-ID entry of the
// root directory, the boot sector's own copy is LABEL_FATBOOT; the
// serial number makes the UUID.

const (
	fat12Max = 0xFF4
	fat16Max = 0xFFF4
	fat32Max = 0x0FFFFFF6

	fatAttrVolume  = 0x08
	fatAttrDir     = 0x10
	fatAttrLFNMask = 0x3f
	fatAttrLFN     = 0x0f
	fatDirEntSize  = 32
)

var vfatProber = &prober{name: "vfat", usage: usageFilesystem, probe: probeVFAT,
	magics: []magic{
		{text: "MSWIN", off: 0x52}, {text: "FAT32   ", off: 0x52},
		{text: "MSDOS", off: 0x36}, {text: "FAT16   ", off: 0x36},
		{text: "FAT12   ", off: 0x36}, {text: "FAT     ", off: 0x36},
		{text: "\xeb"}, {text: "\xe9"}, {text: "\x55\xaa", off: 0x1fe},
	}}

// fatBPB is the boot sector's fields the probe reads.
type fatBPB struct {
	b            []byte
	sectorSize   uint32
	clusterSize  uint32
	reserved     uint32
	fats         uint32
	dirEntries   uint32
	fatLength16  uint32
	fatLength32  uint32
	fatSize      uint32 // sectors of all FATs
	clusterCount uint32
}

// validFAT is fat_valid_superblock: sane numbers, and no more clusters
// than the FAT type allows. Magics of two bytes or less (a jump, the
// 55AA signature) need the signature and no JFS or HPFS name.
func (p *Probe) validFAT(m *magic) *fatBPB {
	b := p.read(0, 512)
	if b == nil {
		return nil
	}
	le := binary.LittleEndian
	if len(m.text) <= 2 {
		if b[510] != 0x55 || b[511] != 0xaa {
			return nil
		}
		if s := string(b[0x36:0x3e]); s == "JFS     " || s == "HPFS    " {
			return nil
		}
	}
	f := &fatBPB{b: b, sectorSize: uint32(le.Uint16(b[11:])), clusterSize: uint32(b[13]),
		reserved: uint32(le.Uint16(b[14:])), fats: uint32(b[16]), dirEntries: uint32(le.Uint16(b[17:])),
		fatLength16: uint32(le.Uint16(b[22:])), fatLength32: le.Uint32(b[36:])}
	media := b[21]
	switch {
	case f.fats == 0 || f.reserved == 0:
		return nil
	case !(media >= 0xf8 || media == 0xf0):
		return nil
	case f.clusterSize == 0 || bits.OnesCount32(f.clusterSize) != 1:
		return nil
	case bits.OnesCount32(f.sectorSize) != 1 || f.sectorSize < 512 || f.sectorSize > 4096:
		return nil
	}
	sectors := uint32(le.Uint16(b[19:]))
	if sectors == 0 {
		sectors = le.Uint32(b[32:])
	}
	fatLength := f.fatLength16
	if fatLength == 0 {
		fatLength = f.fatLength32
	}
	f.fatSize = fatLength * f.fats
	dirSize := (f.dirEntries*fatDirEntSize + f.sectorSize - 1) / f.sectorSize
	// The C code counts in 32 bits and lets the subtraction wrap.
	f.clusterCount = (sectors - (f.reserved + f.fatSize + dirSize)) / f.clusterSize
	maxCount := uint32(fat12Max)
	switch {
	case f.fatLength16 == 0 && f.fatLength32 != 0:
		maxCount = fat32Max
	case f.clusterCount > fat12Max:
		maxCount = fat16Max
	}
	if f.clusterCount > maxCount || p.isBitLocker() {
		return nil
	}
	return f
}

// isBitLocker: a BitLocker volume has a FAT-like boot sector.
func (p *Probe) isBitLocker() bool {
	b := p.read(0, 11)
	return b != nil && string(b[3:11]) == "-FVE-FS-"
}

// isVFAT reports whether the first sector is a FAT boot sector
// (blkid_probe_is_vfat): the MBR probe leaves such a device alone.
func (p *Probe) isVFAT() bool {
	m, ok := p.findMagic(vfatProber)
	return ok && m != nil && p.validFAT(m) != nil
}

// fatLabel is search_fat_label: the first volume-ID entry of entries
// directory entries at off, before the end mark.
func (p *Probe) fatLabel(off int64, entries uint32) []byte {
	for i := uint32(0); i < entries; i++ {
		e := p.read(off+int64(i)*fatDirEntSize, fatDirEntSize)
		if e == nil || e[0] == 0 {
			return nil
		}
		attr := e[11]
		clusterHigh, clusterLow := binary.LittleEndian.Uint16(e[20:]), binary.LittleEndian.Uint16(e[26:])
		if e[0] == 0xe5 || clusterHigh != 0 || clusterLow != 0 || attr&fatAttrLFNMask == fatAttrLFN {
			continue
		}
		if attr&(fatAttrVolume|fatAttrDir) == fatAttrVolume {
			name := append([]byte(nil), e[:11]...)
			if name[0] == 0x05 {
				name[0] = 0xe5
			}
			return name
		}
	}
	return nil
}

func probeVFAT(p *Probe, m *magic) bool {
	f := p.validFAT(m)
	if f == nil {
		return false
	}
	b := f.b
	var volLabel, bootLabel, serial []byte
	version := ""
	switch {
	case f.fatLength16 != 0:
		rootStart := int64(f.reserved+f.fatSize) * int64(f.sectorSize)
		volLabel = p.fatLabel(rootStart, f.dirEntries)
		if b[38] == 0x29 {
			bootLabel = b[43:54]
		}
		if b[38] == 0x28 || b[38] == 0x29 {
			serial = b[39:43]
		}
		p.set("SEC_TYPE", "msdos")
		if f.clusterCount < fat12Max {
			version = "FAT12"
		} else if f.clusterCount < fat16Max {
			version = "FAT16"
		}
	case f.fatLength32 != 0:
		var ok bool
		if volLabel, ok = p.fat32Label(f); !ok {
			return false
		}
		version = "FAT32"
		if b[66] == 0x29 {
			bootLabel = b[71:82]
		}
		serial = b[67:71]
		if !p.fat32InfoValid(f) {
			return false
		}
	}
	if bootLabel != nil && string(bootLabel) != "NO NAME    " {
		p.setIDLabel("LABEL_FATBOOT", bootLabel)
	}
	if volLabel != nil {
		p.setLabel(volLabel)
	}
	if serial != nil {
		p.setUUIDText(serial, fmt.Sprintf("%02X%02X-%02X%02X", serial[3], serial[2], serial[1], serial[0]))
	}
	if version != "" {
		p.setVersion(version)
	}
	p.setBlockSize(uint64(f.sectorSize))
	return true
}

// fat32Label follows the root directory's cluster chain (at most 99
// clusters) for the volume-ID entry.
func (p *Probe) fat32Label(f *fatBPB) ([]byte, bool) {
	le := binary.LittleEndian
	clusterBytes := f.clusterSize * f.sectorSize
	dataStart := f.reserved + f.fatSize
	entries := uint32(uint64(f.fatLength32) * uint64(f.sectorSize) / 4)
	next := le.Uint32(f.b[44:])
	for loops := 99; next != 0 && next < entries && loops > 0; loops-- {
		off := int64(dataStart+(next-2)*f.clusterSize) * int64(f.sectorSize)
		if l := p.fatLabel(off, clusterBytes/fatDirEntSize); l != nil {
			return l, true
		}
		e := p.read(int64(f.reserved)*int64(f.sectorSize)+int64(next)*4, int(clusterBytes))
		if e == nil {
			break
		}
		next = le.Uint32(e) & 0x0fffffff
	}
	return nil, true
}

// fat32InfoValid: the FSInfo sector, if there is one, has its
// signatures or zeros.
func (p *Probe) fat32InfoValid(f *fatBPB) bool {
	sect := binary.LittleEndian.Uint16(f.b[48:])
	if sect == 0 {
		return true
	}
	b := p.read(int64(sect)*int64(f.sectorSize), 512)
	if b == nil {
		return false
	}
	sig1, sig2 := string(b[0:4]), string(b[484:488])
	return (sig1 == "RRaA" || sig1 == "RRdA" || sig1 == "\x00\x00\x00\x00") &&
		(sig2 == "rrAa" || sig2 == "\x00\x00\x00\x00")
}
