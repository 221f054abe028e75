// SPDX-License-Identifier: Apache-2.0

package blkprobe

import "encoding/binary"

// Signature is one signature's magic found on a device: what wipefs
// lists and erases, and what mkswap wipes before writing its header.
type Signature struct {
	Type, UUID, Label, Usage string
	// Offset is where the magic bytes are; Magic are those bytes.
	Offset int64
	Magic  []byte
}

// Signatures lists the superblock signatures on dev, then its partition
// tables, as wipefs sees them: each signature is tried again once its
// magic has been set aside, so a filesystem with several magics (vfat's
// name, jump byte and 55AA) or a GPT (both headers, the protective MBR)
// shows each, in probing order. want, if not nil, picks the types.
func Signatures(dev Device, want func(typ string) bool) ([]Signature, error) {
	p := New(dev, Label|UUID|Type|Usage)
	var out []Signature
	if dev.Size <= 1024 {
		return nil, nil
	}
	for _, pr := range probers {
		if want != nil && !want(pr.name) {
			continue
		}
		for {
			p.values, p.magic = nil, nil
			found := p.tryProber(pr)
			if p.err != nil {
				return out, p.err
			}
			if !found || p.magic == nil {
				break
			}
			m := p.magic
			s := Signature{Type: pr.name, Usage: pr.usage.String(), Offset: m.at(), Magic: []byte(m.text)}
			s.UUID, _ = p.Lookup("UUID")
			s.Label, _ = p.Lookup("LABEL")
			out = append(out, s)
			p.hidden = append(p.hidden, [2]int64{m.at(), m.at() + int64(len(m.text))})
		}
	}
	return p.tableSignatures(out, want)
}

// PartitionTableUsage is the usage wipefs gives a partition table.
const PartitionTableUsage = "partition-table"

// tableMagic finds one partition table type's magic: where it is and
// its bytes.
type tableMagic struct {
	name string
	find func(p *Probe) (int64, string, bool)
}

// tableMagics are the partition tables in probing order: an MS-DOS
// table's 55AA, a GPT header's "EFI PART" (the primary, then once that
// is set aside the backup at the last sector), a protective MBR's 55AA.
var tableMagics = []tableMagic{
	{"dos", func(p *Probe) (int64, string, bool) {
		_, _, ok := p.dosSector()
		return 510, "\x55\xaa", ok
	}},
	{"gpt", func(p *Probe) (int64, string, bool) {
		h, _ := p.gptFind()
		if h == nil {
			return 0, "", false
		}
		return int64(binary.LittleEndian.Uint64(h[24:])) * 512, "EFI PART", true
	}},
	{"PMBR", func(p *Probe) (int64, string, bool) { return 510, "\x55\xaa", p.hasPMBR() }},
}

// tableSignatures adds the partition tables' magics to out, the chain
// probed again after each until none is left.
func (p *Probe) tableSignatures(out []Signature, want func(string) bool) ([]Signature, error) {
	for {
		found := false
		for _, tm := range tableMagics {
			if want != nil && !want(tm.name) {
				continue
			}
			off, magic, ok := tm.find(p)
			if p.err != nil {
				return out, p.err
			}
			if !ok {
				continue
			}
			out = append(out, Signature{Type: tm.name, Usage: PartitionTableUsage, Offset: off, Magic: []byte(magic)})
			p.hidden = append(p.hidden, [2]int64{off, off + int64(len(magic))})
			found = true
			break
		}
		if !found {
			return out, nil
		}
	}
}
