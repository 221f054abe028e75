// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"encoding/binary"
)

// The sectors mkfs.fat writes: the boot sector (with FAT32's info
// sector and backup copies among the reserved sectors), the FATs'
// first sectors, and the root directory with the label's entry.

// Offsets in the boot sector.
const (
	bootCodeOld   = 62  // boot code of FAT12/16, after their volume info
	bootCode32    = 90  // boot code of FAT32
	bootCodeEnd   = 510 // the signature follows
	volInfoOld    = 36  // drive number ... filesystem type, FAT12/16
	volInfo32     = 64
	noName        = "NO NAME    "
	messageOffset = 29 // where the message starts in the boot code
)

// bootProgram is the little real-mode program every new FAT gets: it
// prints the message that follows it (its address patched in at byte 3
// for FAT32), waits for a key and asks the BIOS to boot again.
var bootProgram = []byte{
	0x0e, 0x1f, 0xbe, 0x5b, 0x7c, 0xac, 0x22, 0xc0, 0x74, 0x0b, 0x56, 0xb4, 0x0e, 0xbb,
	0x07, 0x00, 0xcd, 0x10, 0x5e, 0xeb, 0xf0, 0x32, 0xe4, 0xcd, 0x16, 0xcd, 0x19, 0xeb, 0xfe,
}

// defaultMessage is the text the boot program shows.
const defaultMessage = "This is not a bootable disk.  Please insert a bootable floppy and\r\n" +
	"press any key to try again ... \r\n"

// image is what write puts on the target.
type image struct {
	boot       []byte // 512 bytes
	info       []byte // FAT32's info sector, 512 bytes
	fat        []byte // the first sector of each FAT
	root       []byte // the root directory (FAT32: its first cluster)
	backupBoot int
}

// setupTables settles the layout and builds the sectors.
func (m *mkfs) setupTables(fd int) (*image, error) {
	img := &image{boot: make([]byte, 512)}
	copy(img.boot[3:], "mkfs.fat")
	drive, err := m.basics()
	if err != nil {
		return nil, err
	}
	m.sizeSectors()
	if err := m.chooseLayout(); err != nil {
		return nil, err
	}
	var mbr []byte
	if m.mbr == 1 {
		mbr = m.fakeMBR(fd)
	}
	if m.fatBits == 32 {
		if img.backupBoot, err = m.chooseBackup(); err != nil {
			return nil, err
		}
	}
	m.fillBoot(img, drive)
	if mbr != nil {
		img.boot[mbrAt-1] = 0 // the boot message's end, cut off
		copy(img.boot[mbrAt:510], mbr)
	}
	dataStart, err := m.checkLayout()
	if err != nil {
		return nil, err
	}
	if m.verbose > 0 {
		m.report(drive)
	}
	m.fillTables(img)
	if err := m.badBlocks(img, fd, dataStart); err != nil {
		return nil, err
	}
	return img, nil
}

// basics settles what comes before the size: cluster size and media
// given, the drive number, FAT32's root entries, the label, the
// reserved sectors; it returns the drive number.
func (m *mkfs) basics() (int, error) {
	if m.clustersByUser != 0 {
		m.clusterSize = m.clustersByUser
	}
	if m.media != 0 {
		m.mediaByte = byte(m.media)
	}
	drive := 0
	if m.mediaByte == 0xf8 {
		drive = 0x80
	}
	if m.driveNumberSet {
		drive = m.driveNumber
	}
	if m.fatBits == 32 {
		if m.rootEntriesSet {
			m.warn("Warning: root directory entries specified with -r have no effect on FAT32\n")
		}
		m.rootEntries = 0
	}
	if err := m.makeLabel(); err != nil {
		return 0, err
	}
	if !m.atari && m.fatBits == 32 && len(bootProgram)+len(m.bootMessage()) > bootCodeEnd-bootCode32-1 {
		m.printf("Warning: message too long; truncated\n")
	}
	if m.verbose >= 2 {
		if m.atari {
			m.printf("Boot jump code is 60 1c\n")
		} else {
			m.printf("Boot jump code is %02x %02x\n", 0xeb, m.jumpTarget())
		}
	}
	if m.reserved == 0 {
		m.reserved = 1
		if m.fatBits == 32 {
			m.reserved = 32
		}
	} else if m.fatBits == 32 && m.reserved < 2 {
		return 0, m.die("On FAT32 at least 2 reserved sectors are needed.")
	}
	if m.verbose >= 2 {
		m.printf("Using %d reserved sectors\n", m.reserved)
	}
	if m.atari && m.fatBits != 32 && m.hidden > 0xffff {
		return 0, m.die("#hidden doesn't fit in 16bit field of Atari format\n")
	}
	return drive, nil
}

// chooseLayout picks FAT width, cluster size and FAT length, by the
// Atari variant's rules or the standard ones (which align nothing on a
// floppy-sized filesystem).
func (m *mkfs) chooseLayout() error {
	if m.atari {
		return m.chooseAtari()
	}
	if m.numSectors <= 8192 {
		if m.align && m.verbose >= 2 {
			m.printf("Disabling alignment due to tiny filesystem\n")
		}
		m.align = false
	}
	m.chooseClusters(cdiv(int64(m.rootEntries)*32, int64(m.sectorSize)))
	return nil
}

// checkLayout refuses what GEMDOS cannot take, no clusters, or too
// little room; it returns where the data area starts in 512-byte
// sectors.
func (m *mkfs) checkLayout() (int64, error) {
	if m.atari {
		if m.numSectors >= gemdosMaxSectors {
			return 0, m.die("GEMDOS can't handle more than 65531 sectors")
		} else if m.numSectors >= 32765 {
			m.printf("Warning: More than 32765 sector need TOS 1.04 or higher.\n")
		}
	}
	if m.clusters == 0 {
		if m.clustersByUser != 0 {
			return 0, m.die("Not enough or too many clusters for filesystem - try less or more sectors per cluster")
		}
		return 0, m.die("Attempting to create a too small or a too large filesystem")
	}
	rootSectors := cdiv(int64(m.rootEntries)*32, int64(m.sectorSize))
	dataStart := (int64(m.reserved) + int64(m.fats)*m.fatLength + rootSectors) * int64(m.sectorSize/512)
	if m.blocks < (dataStart+1)/2+32 {
		return 0, m.die("Too few blocks for viable filesystem")
	}
	return dataStart, nil
}

// jumpTarget is the second byte of the boot sector's short jump: over
// the parameters to the boot code.
func (m *mkfs) jumpTarget() int {
	if m.fatBits == 32 {
		return bootCode32 - 2
	}
	return bootCodeOld - 2
}

// sizeSectors is the filesystem's length in sectors: the blocks asked
// for and the sectors of a last partial block, at most 2^32-1, and
// (aligning) whole tracks.
func (m *mkfs) sizeSectors() {
	n := m.blocks*blockSize/int64(m.sectorSize) + m.orphans
	if n > 1<<32-1 {
		m.printf("Warning: target too large, space at end will be left unused\n")
		n = 1<<32 - 1
		m.blocks = n * int64(m.sectorSize) / blockSize
	}
	if m.align {
		n = n / int64(m.secsTrack) * int64(m.secsTrack)
	}
	m.numSectors = uint32(n)
}

// fillBoot writes the BIOS parameter block and boot code.
func (m *mkfs) fillBoot(img *image, drive int) {
	b := img.boot
	le := binary.LittleEndian
	b[0], b[1], b[2] = 0xeb, byte(m.jumpTarget()), 0x90
	if m.atari {
		// A 68000 branch over the parameters, "kdosf" and the serial's
		// low three bytes where the system name would be.
		copy(b, "\x60\x1cmkdosf")
		b[8], b[9], b[10] = byte(m.volumeID), byte(m.volumeID>>8), byte(m.volumeID>>16)
	}
	le.PutUint16(b[11:], uint16(m.sectorSize))
	b[13] = byte(m.clusterSize)
	le.PutUint16(b[14:], uint16(m.reserved))
	b[16] = byte(m.fats)
	le.PutUint16(b[17:], uint16(m.rootEntries))
	b[21] = m.mediaByte
	le.PutUint16(b[24:], uint16(m.secsTrack))
	le.PutUint16(b[26:], uint16(m.heads))
	if m.atari && m.fatBits != 32 {
		le.PutUint16(b[28:], uint16(m.hidden)) // a 16-bit field there
	} else {
		le.PutUint32(b[28:], m.hidden)
	}
	if m.numSectors >= 65536 {
		le.PutUint32(b[32:], m.numSectors)
	} else {
		le.PutUint16(b[19:], uint16(m.numSectors))
	}
	vi, code, fsType := volInfoOld, bootCodeOld, "FAT12   "
	switch m.fatBits {
	case 16:
		fsType = "FAT16   "
		le.PutUint16(b[22:], uint16(m.fatLength))
	case 12:
		le.PutUint16(b[22:], uint16(m.fatLength))
	case 32:
		vi, code, fsType = volInfo32, bootCode32, "FAT32   "
		m.fat32Fields(img)
	}
	b[vi] = byte(drive)
	if m.atari {
		return // no volume information, boot code nor signature
	}
	b[vi+2] = 0x29
	le.PutUint32(b[vi+3:], m.volumeID)
	copy(b[vi+7:], m.dosLabel[:])
	copy(b[vi+18:], fsType)
	m.bootCode(b[code:bootCodeEnd], code)
	b[510], b[511] = 0x55, 0xaa
}

// bootCode fills the boot code area: the program and its message,
// cut to leave a terminating zero.
func (m *mkfs) bootCode(area []byte, at int) {
	n := copy(area, bootProgram)
	copy(area[n:len(area)-1], m.bootMessage())
	if at == bootCode32 {
		addr := at + messageOffset + 0x7c00
		area[3], area[4] = byte(addr), byte(addr>>8)
	}
}

// bootMessage is -m's message or the default one.
func (m *mkfs) bootMessage() []byte {
	if m.message == nil {
		return []byte(defaultMessage)
	}
	return m.message
}

// fat32Fields are FAT32's extended parameters.
func (m *mkfs) fat32Fields(img *image) {
	b := img.boot
	le := binary.LittleEndian
	le.PutUint32(b[36:], uint32(m.fatLength))
	le.PutUint32(b[44:], 2) // the root directory's cluster
	if m.infoSector == 0 {
		m.infoSector = 1
	}
	le.PutUint16(b[48:], uint16(m.infoSector))
	le.PutUint16(b[50:], uint16(img.backupBoot))
}

// chooseBackup places FAT32's backup boot sector: sector 6 when there is
// room, else as late among the reserved sectors as leaves the info
// sector alone.
func (m *mkfs) chooseBackup() (int, error) {
	r, info := m.reserved, 1
	b := m.backupBoot
	if !m.backupBootSet {
		switch {
		case r >= 7 && info != 6:
			b = 6
		case r >= 3+info && info != r-2 && info != r-1:
			b = r - 2
		case r >= 3 && info != r-1:
			b = r - 1
		default:
			b = 0
		}
	}
	if b != 0 {
		if b == info {
			return 0, m.die("Backup boot sector must not be same as info sector (%d)", info)
		}
		if b >= r {
			return 0, m.die("Backup boot sector must be a reserved sector")
		}
	}
	if m.verbose >= 2 {
		m.printf("Using sector %d as backup boot sector (0 = none)\n", b)
	}
	return b, nil
}

// report is -v's description of the new filesystem.
func (m *mkfs) report(drive int) {
	m.printf("%s has %d head%s and %d sector%s per track,\n", m.device, m.heads, plural(m.heads), m.secsTrack, plural(m.secsTrack))
	m.printf("hidden sectors 0x%04x;\n", m.hidden)
	m.printf("logical sector size is %d,\n", m.sectorSize)
	m.printf("using 0x%02x media descriptor, with %d sectors;\n", m.mediaByte, m.numSectors)
	m.printf("drive number 0x%02x;\n", drive)
	fatsS := "s"
	if m.fats == 1 {
		fatsS = ""
	}
	m.printf("filesystem has %d %d-bit FAT%s and %d sector%s per cluster.\n", m.fats, m.fatBits, fatsS, m.clusterSize, plural(m.clusterSize))
	m.printf("FAT size is %d sector%s, and provides %d cluster%s.\n", m.fatLength, plural(int(m.fatLength)), m.clusters, plural(int(m.clusters)))
	if m.reserved != 1 {
		m.printf("There are %d reserved sectors.\n", m.reserved)
	} else {
		m.printf("There is 1 reserved sector.\n")
	}
	if m.fatBits != 32 {
		entries := m.rootEntries & 0xffff
		m.printf("Root directory contains %d slots and uses %d sectors.\n", entries, cdiv(int64(entries)*32, int64(m.sectorSize)))
	}
	id := m.volumeID
	if m.atari {
		id &= 0xffffff
	}
	m.printf("Volume ID is %08x, ", id)
	if m.labelled {
		m.printf("volume label %s.\n", m.label)
	} else {
		m.printf("no volume label.\n")
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// fillTables builds the FATs' first sector, the root directory and
// FAT32's info sector.
func (m *mkfs) fillTables(img *image) {
	le := binary.LittleEndian
	size := int64(m.sectorSize)
	if m.check || m.badList != "" {
		size *= m.fatLength // bad clusters may be anywhere in it
	}
	img.fat = make([]byte, size)
	f := img.fat
	switch m.fatBits {
	case 12:
		f[0], f[1], f[2] = m.mediaByte, 0xff, 0xff
	case 16:
		f[0], f[1], f[2], f[3] = m.mediaByte, 0xff, 0xff, 0xff
	case 32:
		le.PutUint32(f[0:], 0x0fffff00|uint32(m.mediaByte))
		le.PutUint32(f[4:], 0x0fffffff)
		eof := uint32(0x0ffffff8)
		if m.atari {
			eof = 0x0fffffff
		}
		le.PutUint32(f[8:], eof) // the root directory's one cluster
	}
	if m.fatBits == 32 {
		img.root = make([]byte, m.clusterSize*m.sectorSize)
	} else {
		img.root = make([]byte, (m.rootEntries&0xffff)*32)
	}
	if m.labelled {
		m.labelEntry(img.root[:32])
	}
	if m.fatBits == 32 {
		info := make([]byte, 512)
		copy(info, "RRaA")
		le.PutUint32(info[484:], 0x61417272)
		le.PutUint32(info[488:], uint32(m.clusters-1))
		le.PutUint32(info[492:], 2)
		info[510], info[511] = 0x55, 0xaa
		img.info = info
	}
}

// labelEntry is the root directory's volume label entry, dated when
// the filesystem is made (UTC with --invariant, local time otherwise).
func (m *mkfs) labelEntry(de []byte) {
	le := binary.LittleEndian
	copy(de, m.dosLabel[:])
	if de[0] == 0xe5 {
		de[0] = 0x05 // 0xe5 would mark the entry free
	}
	de[11] = 0x08
	tm, dt := dosTime(m.created)
	le.PutUint16(de[22:], tm)
	le.PutUint16(de[24:], dt)
	le.PutUint16(de[14:], tm)
	le.PutUint16(de[16:], dt)
	le.PutUint16(de[18:], dt)
}

// write puts the image on the target: zeroed reserved sectors with the
// boot sector (and FAT32's info and backup sectors), each FAT, and the
// root directory.
func (m *mkfs) write(fd int, img *image) error {
	ss := int64(m.sectorSize)
	base := m.offset * ss
	put := func(p []byte, at int64, what string) error {
		if _, err := m.Task.Pwrite(fd, p, base+at); err != nil {
			return m.die("failed whilst writing %s", what)
		}
		return nil
	}
	zero := make([]byte, m.sectorSize)
	for s := 0; s < m.reserved; s++ {
		if err := put(zero, int64(s)*ss, "reserved sector"); err != nil {
			return err
		}
	}
	if err := put(img.boot, 0, "boot sector"); err != nil {
		return err
	}
	if m.fatBits == 32 {
		if err := m.writeFat32Extras(img, put); err != nil {
			return err
		}
	}
	at := int64(m.reserved) * ss
	for i := 0; i < m.fats; i++ {
		if err := put(img.fat, at, "FAT"); err != nil {
			return err
		}
		for s := int64(len(img.fat)) / ss; s < m.fatLength; s++ {
			if err := put(zero, at+s*ss, "FAT"); err != nil {
				return err
			}
		}
		at += m.fatLength * ss
	}
	return put(img.root, at, "root directory")
}

// writeFat32Extras writes the info sector and the backup boot and info
// sectors.
func (m *mkfs) writeFat32Extras(img *image, put func([]byte, int64, string) error) error {
	ss := int64(m.sectorSize)
	if err := put(img.info, int64(m.infoSector)*ss, "info sector"); err != nil {
		return err
	}
	if img.backupBoot == 0 {
		return nil
	}
	if err := put(img.boot, int64(img.backupBoot)*ss, "backup boot sector"); err != nil {
		return err
	}
	if img.backupBoot+m.infoSector < m.reserved {
		return put(img.info, int64(img.backupBoot+m.infoSector)*ss, "backup info sector")
	}
	return nil
}
