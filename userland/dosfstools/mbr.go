// SPDX-License-Identifier: Apache-2.0

package dosfstools

import (
	"encoding/binary"
	"time"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// mbrAt is where the disk signature and partition table of a fake MBR
// start in the boot sector, over the end of the boot code.
const mbrAt = 440

// fakeMBR is the end of a boot sector (from mbrAt to the signature)
// holding a partition table whose one active partition is the whole
// disk, the boot sector included, so that systems which want a
// partitioned fixed disk accept it (--mbr).
func (m *mkfs) fakeMBR(fd int) []byte {
	if m.verbose > 0 {
		m.printf("Adding MBR table\n")
	}
	code := bootCodeOld
	if m.fatBits == 32 {
		code = bootCode32
	}
	if !m.atari && len(bootProgram)+len(m.bootMessage()) > mbrAt-1-code {
		m.printf("Warning: message too long; truncated\n")
	}
	b := make([]byte, 510-mbrAt)
	le := binary.LittleEndian
	le.PutUint32(b, m.diskSignature())
	p := b[6:22]
	p[0] = 0x80
	p[2] = 1 // CHS of the first sector: 0/0/1
	p[4] = m.partitionType()
	n, heads, secs := m.numSectors, uint32(m.heads), uint32(m.secsTrack)
	if heads > 254 || secs > 63 || n >= secs*heads*1024 {
		p[5], p[6], p[7] = 254, 255, 255
	} else {
		cyl := n / (heads * secs)
		p[5] = byte(n / secs % heads)
		p[6] = byte((1+n%secs)&63 | cyl>>8*64)
		p[7] = byte(cyl)
	}
	le.PutUint32(p[12:], n)
	return b
}

// diskSignature keeps the signature of a boot sector already on the
// device, or makes one (the volume ID with --invariant).
func (m *mkfs) diskSignature() uint32 {
	if m.invariant {
		return m.volumeID
	}
	t := m.Task
	var sig uint32
	if fd, err := t.Open(m.device, linux.O_RDONLY, 0); err == nil {
		buf := make([]byte, 512)
		if n, err := t.Read(fd, buf); err == nil && n == 512 && buf[510] == 0x55 && buf[511] == 0xaa {
			sig = binary.LittleEndian.Uint32(buf[440:])
		}
		t.Close(fd)
	}
	if sig == 0 {
		now := time.Now()
		sig = uint32(now.Unix())<<20 | uint32(now.Nanosecond()/1000)
	}
	return sig
}

// partitionType is the MBR type byte for the filesystem: CHS or LBA
// FAT types by width and size.
func (m *mkfs) partitionType() byte {
	n, heads, secs := m.numSectors, uint32(m.heads), uint32(m.secsTrack)
	switch {
	case heads > 254 || secs > 63:
		if m.fatBits == 32 {
			return 0x0c
		}
		return 0x0e
	case m.fatBits == 12 && n < 65536:
		return 0x01
	case m.fatBits == 16 && n < 65536:
		return 0x04
	case m.fatBits != 32 && n < secs*heads*1024:
		return 0x06
	case m.fatBits != 32:
		return 0x0e
	}
	return 0x0c
}
