// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"encoding/binary"
	"fmt"
)

// The ext family: one superblock at 1 KiB with the magic 0xEF53, claimed
// by ext4dev, ext4, ext3, ext2 and jbd according to its features (what
// each driver would understand), in that order.

const (
	extCompatJournal    = 0x4
	extIncompatRecover  = 0x4
	extIncompatJournDev = 0x8
	extFlagsTestFS      = 0x4

	// What ext2 and ext3 understand; anything else is newer.
	ext2Incompat   = 0x2 | 0x10 // filetype, meta_bg
	ext3Incompat   = ext2Incompat | extIncompatRecover
	ext23RoCompat  = 0x1 | 0x2 | 0x4 // sparse_super, large_file, btree_dir
	extSuperOffset = 1024
)

// extSuper is the part of the superblock the probes read.
type extSuper struct {
	raw                        []byte
	compat, incompat, roCompat uint32
}

func (p *Probe) extSuper() *extSuper {
	b := p.read(extSuperOffset, 0x200)
	if b == nil {
		return nil
	}
	le := binary.LittleEndian
	return &extSuper{raw: b, compat: le.Uint32(b[92:]), incompat: le.Uint32(b[96:]), roCompat: le.Uint32(b[100:])}
}

func (s *extSuper) flags() uint32 { return binary.LittleEndian.Uint32(s.raw[352:]) }

func (s *extSuper) newerThan3() bool {
	return s.roCompat&^ext23RoCompat != 0 || s.incompat&^ext3Incompat != 0
}

func ext4devMatch(s *extSuper) bool {
	return s.incompat&extIncompatJournDev == 0 && s.flags()&extFlagsTestFS != 0
}

func ext4Match(s *extSuper) bool {
	return s.incompat&extIncompatJournDev == 0 && s.newerThan3() && s.flags()&extFlagsTestFS == 0
}

func ext3Match(s *extSuper) bool {
	return s.compat&extCompatJournal != 0 && !s.newerThan3()
}

func ext2Match(s *extSuper) bool {
	return s.compat&extCompatJournal == 0 && s.roCompat&^ext23RoCompat == 0 && s.incompat&^ext2Incompat == 0
}

func jbdMatch(s *extSuper) bool { return s.incompat&extIncompatJournDev != 0 }

// extProber is one name of the family with the features that make it.
func extProber(name string, u usage, match func(*extSuper) bool) *prober {
	return &prober{name: name, usage: u,
		magics: []magic{{text: "\x53\xef", kb: 1, off: 0x38}},
		probe: func(p *Probe, _ *magic) bool {
			s := p.extSuper()
			if s == nil || !match(s) {
				return false
			}
			p.extInfo(s, name)
			if name == "jbd" {
				p.setUUIDAs(s.raw[104:120], "LOGUUID")
			}
			return true
		}}
}

// extInfo sets what every ext name reports: label, UUID, an external
// journal's UUID, SEC_TYPE ext2 for an ext3 or ext4 an ext2 driver could
// still read, the revision and the block size.
func (p *Probe) extInfo(s *extSuper, name string) {
	b, le := s.raw, binary.LittleEndian
	if b[120] != 0 {
		p.setLabel(b[120:136])
	}
	p.setUUIDAs(b[104:120], "")
	if s.compat&extCompatJournal != 0 {
		p.setUUIDAs(b[208:224], "EXT_JOURNAL")
	}
	if name != "ext2" && name != "jbd" && p.want(SecType) && s.incompat&^ext2Incompat == 0 {
		p.set("SEC_TYPE", "ext2")
	}
	p.setVersion(fmt.Sprintf("%d.%d", le.Uint32(b[76:]), le.Uint16(b[62:])))
	if lg := le.Uint32(b[24:]); lg < 32 {
		p.setBlockSize(1024 << lg)
	}
}
