// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"encoding/binary"
	"fmt"
)

// The smaller signatures: swap, romfs, squashfs (version 4, and 3 and
// older as squashfs3), XFS and btrfs.

// swapProber is a swap area (v1 with label and UUID; the v0 signature has
// neither). The signature ends the first page, whatever its size.
var swapProber = &prober{name: "swap", usage: usageOther, minSize: 10 * 4096, probe: probeSwap,
	magics: func() []magic {
		var ms []magic
		for _, page := range []int64{0x1000, 0x2000, 0x4000, 0x8000, 0x10000} {
			ms = append(ms, magic{text: "SWAP-SPACE", off: page - 10}, magic{text: "SWAPSPACE2", off: page - 10})
		}
		return ms
	}()}

func probeSwap(p *Probe, m *magic) bool {
	if m == nil {
		return false
	}
	// TuxOnIce keeps a swap signature behind its own.
	if b := p.read(0, 8); b == nil || string(b) == "\xed\xc3\x02\xe9\x98\x56\xe5\x0c" {
		return false
	}
	if m.text == "SWAP-SPACE" {
		p.setVersion("0")
		return true
	}
	h := p.read(1024, 16+16+12+4*118)
	if h == nil {
		return false
	}
	le, be := binary.LittleEndian, binary.BigEndian
	if le.Uint32(h[0:]) != 1 && be.Uint32(h[0:]) != 1 || le.Uint32(h[4:]) == 0 {
		return false
	}
	// Label and UUID only where the padding after them is clean.
	const padding = 44
	if le.Uint32(h[padding+32*4:]) == 0 && le.Uint32(h[padding+33*4:]) == 0 {
		if h[28] != 0 {
			p.setLabel(h[28:44])
		}
		p.setUUIDAs(h[12:28], "")
	}
	p.setVersion("1")
	return true
}

var romfsProber = &prober{name: "romfs", usage: usageFilesystem,
	magics: []magic{{text: "-rom1fs-"}},
	probe: func(p *Probe, _ *magic) bool {
		b := p.read(0, 32)
		if b == nil {
			return false
		}
		if b[16] != 0 {
			p.setLabel(b[16:32])
		}
		p.setBlockSize(1024)
		return true
	}}

var squashfsProber = &prober{name: "squashfs", usage: usageFilesystem,
	magics: []magic{{text: "hsqs"}},
	probe: func(p *Probe, _ *magic) bool {
		b := p.read(0, 32)
		if b == nil {
			return false
		}
		major, minor := binary.LittleEndian.Uint16(b[28:]), binary.LittleEndian.Uint16(b[30:])
		if major < 4 {
			return false
		}
		p.setVersion(fmt.Sprintf("%d.%d", major, minor))
		return true
	}}

var squashfs3Prober = &prober{name: "squashfs3", usage: usageFilesystem,
	magics: []magic{{text: "sqsh"}, {text: "hsqs"}},
	probe: func(p *Probe, m *magic) bool {
		b := p.read(0, 32)
		if b == nil {
			return false
		}
		var order binary.ByteOrder = binary.LittleEndian
		if m.text == "sqsh" {
			order = binary.BigEndian
		}
		major, minor := order.Uint16(b[28:]), order.Uint16(b[30:])
		if major > 3 {
			return false
		}
		p.setVersion(fmt.Sprintf("%d.%d", major, minor))
		p.setBlockSize(1024)
		return true
	}}

var xfsProber = &prober{name: "xfs", usage: usageFilesystem,
	magics: []magic{{text: "XFSB"}},
	probe: func(p *Probe, _ *magic) bool {
		b := p.read(0, 208)
		if b == nil || !xfsSane(b) {
			return false
		}
		if b[108] != 0 {
			p.setLabel(b[108:120])
		}
		p.setUUIDAs(b[32:48], "")
		p.setBlockSize(uint64(binary.BigEndian.Uint16(b[102:])))
		return true
	}}

// xfsSane is xfs_verify_sb's checks of the geometry: the magic alone is
// too weak.
func xfsSane(b []byte) bool {
	be := binary.BigEndian
	blockSize, dblocks := uint64(be.Uint32(b[4:])), be.Uint64(b[8:])
	rextsize, agblocks, agcount := uint64(be.Uint32(b[80:])), uint64(be.Uint32(b[84:])), uint64(be.Uint32(b[88:]))
	sectSize, inodeSize := uint64(be.Uint16(b[102:])), uint64(be.Uint16(b[104:]))
	blockLog, sectLog, inodeLog, inopbLog, imaxPct := uint64(b[120]), uint64(b[121]), uint64(b[122]), uint64(b[123]), b[127]
	pow := func(n, lg, lo, hi uint64) bool { return lg >= lo && lg <= hi && n == 1<<lg }
	switch {
	case agcount == 0:
		return false
	case !pow(sectSize, sectLog, 9, 15), !pow(blockSize, blockLog, 9, 16), !pow(inodeSize, inodeLog, 8, 11):
		return false
	case blockLog-inodeLog != inopbLog:
		return false
	case rextsize*blockSize > 1<<30 || rextsize*blockSize < 4096:
		return false
	case imaxPct > 100 || dblocks == 0:
		return false
	case dblocks > agcount*agblocks || dblocks < (agcount-1)*agblocks+64:
		return false
	}
	return true
}

var btrfsProber = &prober{name: "btrfs", usage: usageFilesystem, minSize: 1024 * 1024,
	magics: []magic{{text: "_BHRfS_M", kb: 64, off: 0x40}},
	probe: func(p *Probe, _ *magic) bool {
		b := p.read(64*1024, 0x12b+256)
		if b == nil {
			return false
		}
		const devItem, label = 0xc9, 0x12b
		if b[label] != 0 {
			p.setLabel(b[label : label+256])
		}
		p.setUUIDAs(b[32:48], "")
		p.setUUIDAs(b[devItem+66:devItem+82], "UUID_SUB")
		p.setBlockSize(uint64(binary.LittleEndian.Uint32(b[0x90:])))
		return true
	}}
