// SPDX-License-Identifier: Apache-2.0

package blkprobe

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// Partition tables: an MS-DOS table (primaries, and logical partitions
// in the extended one's chain), a GUID table behind its protective MBR,
// or a protective MBR whose GPT is unreadable (PMBR). As a probe result a
// table gives PTUUID and PTTYPE; read in full (ReadTable) it lists its
// partitions, which is how a partition learns its PART_ENTRY_* values.

// Table is a partition table read in full.
type Table struct {
	Type  string // "dos" or "gpt"
	ID    string // PTUUID: the disk signature or GUID, "" if none
	Parts []Partition
}

// Partition is one entry of a table. Start and Size are in 512-byte
// sectors.
type Partition struct {
	Number      int
	Start, Size uint64
	Type        int    // the MBR type byte
	TypeString  string // GPT: the type GUID
	Flags       uint64 // MBR: the boot indicator; GPT: the attributes
	UUID        string
	Name        string
}

// Entry is a partition device's place in its disk's table, as the probe
// reports it.
type Entry struct {
	Scheme string // the table's type
	Part   Partition
	Disk   string // the disk's "major:minor"
}

// IsExtended is whether an MBR entry is an extended partition.
func (p Partition) IsExtended(scheme string) bool {
	return scheme == "dos" && p.Number <= 4 && isExtendedType(byte(p.Type))
}

// TypeText is PART_ENTRY_TYPE: the type GUID, or the type byte in hex.
func (p Partition) TypeText() string {
	if p.TypeString != "" {
		return p.TypeString
	}
	return fmt.Sprintf("0x%x", p.Type)
}

func isExtendedType(t byte) bool { return t == 0x05 || t == 0x0f || t == 0x85 }

const (
	mbrTableOffset = 0x1be
	mbrGPTType     = 0xee
)

type mbrEntry struct {
	boot, sys   byte
	start, size uint32
}

func mbrEntries(sector []byte) [4]mbrEntry {
	var es [4]mbrEntry
	for i := range es {
		e := sector[mbrTableOffset+16*i:]
		es[i] = mbrEntry{boot: e[0], sys: e[4], start: binary.LittleEndian.Uint32(e[8:]), size: binary.LittleEndian.Uint32(e[12:])}
	}
	return es
}

func validMBRMagic(sector []byte) bool { return sector[510] == 0x55 && sector[511] == 0xaa }

// partitions is the partitions chain: the first table found sets PTUUID
// and PTTYPE; a partition's entry follows when asked for.
func (p *Probe) partitions() Status {
	st := Nothing
	if p.dev.Size > 0 {
		for _, tp := range []func() (string, string, bool){p.dosTable, p.gptTable, p.pmbrTable} {
			typ, id, ok := tp()
			if p.err != nil {
				return Failed
			}
			if ok {
				if id != "" {
					p.set("PTUUID", id)
				}
				p.set("PTTYPE", typ)
				st = Found
				break
			}
		}
	}
	if e := p.dev.Entry; e != nil && p.want(PartDetails) {
		p.setEntry(e)
		st = Found
	}
	return st
}

// setEntry is the PART_ENTRY_* values of a partition.
func (p *Probe) setEntry(e *Entry) {
	pt := e.Part
	p.set("PART_ENTRY_SCHEME", e.Scheme)
	if pt.Name != "" {
		p.set("PART_ENTRY_NAME", pt.Name)
	}
	if pt.UUID != "" {
		p.set("PART_ENTRY_UUID", pt.UUID)
	}
	p.set("PART_ENTRY_TYPE", pt.TypeText())
	if pt.Flags != 0 {
		p.set("PART_ENTRY_FLAGS", fmt.Sprintf("0x%x", pt.Flags))
	}
	p.set("PART_ENTRY_NUMBER", uitoa(uint64(pt.Number)))
	p.set("PART_ENTRY_OFFSET", uitoa(pt.Start))
	p.set("PART_ENTRY_SIZE", uitoa(pt.Size))
	p.set("PART_ENTRY_DISK", e.Disk)
}

// dosSector is the first sector if it holds an MS-DOS table (probe_dos_pt's
// checks): the signature, boot indicators of 0 or 0x80, no GPT entry,
// and not a FAT boot sector.
func (p *Probe) dosSector() ([]byte, [4]mbrEntry, bool) {
	var es [4]mbrEntry
	b := p.read(0, 512)
	if b == nil || !validMBRMagic(b) || string(b[:4]) == "\xc9\xc2\xd4\xc1" { // AIX
		return nil, es, false
	}
	es = mbrEntries(b)
	for _, e := range es {
		if e.boot != 0 && e.boot != 0x80 || e.sys == mbrGPTType {
			return nil, es, false
		}
	}
	if p.isVFAT() || p.isNTFS() {
		return nil, es, false
	}
	return b, es, true
}

func (p *Probe) isNTFS() bool {
	b := p.read(0, 11)
	return b != nil && string(b[3:11]) == "NTFS    "
}

func (p *Probe) dosTable() (string, string, bool) {
	b, _, ok := p.dosSector()
	if !ok {
		return "", "", false
	}
	return "dos", dosID(b), true
}

func dosID(b []byte) string {
	if id := binary.LittleEndian.Uint32(b[440:]); id != 0 {
		return fmt.Sprintf("%08x", id)
	}
	return ""
}

// ReadTable reads the device's partition table in full, nil if it has
// none (blkid_probe_get_partitions).
func (p *Probe) ReadTable() *Table {
	if b, es, ok := p.dosSector(); ok {
		return p.readDOS(b, es)
	}
	if t := p.readGPT(); t != nil {
		return t
	}
	return nil
}

// readDOS lists the primaries (numbers 1-4, an empty entry keeping its
// number) and the logical partitions from 5.
func (p *Probe) readDOS(b []byte, es [4]mbrEntry) *Table {
	t := &Table{Type: "dos", ID: dosID(b)}
	add := func(num int, e mbrEntry, start uint64) {
		pt := Partition{Number: num, Start: start, Size: uint64(e.size), Type: int(e.sys), Flags: uint64(e.boot)}
		if t.ID != "" {
			pt.UUID = fmt.Sprintf("%.33s-%02x", t.ID, num)
		}
		t.Parts = append(t.Parts, pt)
	}
	for i, e := range es {
		if e.size != 0 {
			add(i+1, e, uint64(e.start))
		}
	}
	next := 5
	for _, e := range es {
		if e.size != 0 && isExtendedType(e.sys) {
			p.readLogical(t, e.start, e.size, &next, add)
		}
	}
	return t
}

// readLogical follows the extended boot records (parse_dos_extended):
// each record's data entries, then its link to the next record.
func (p *Probe) readLogical(t *Table, exStart, exSize uint32, next *int, add func(int, mbrEntry, uint64)) {
	if exStart == 0 {
		return
	}
	curStart, curSize := exStart, exSize
	for noData := 1; noData <= 100; noData++ {
		b := p.read(int64(curStart)*512, 512)
		if b == nil || !validMBRMagic(b) {
			return
		}
		es := mbrEntries(b)
		for i, e := range es {
			abs := curStart + e.start
			if e.size == 0 || isExtendedType(e.sys) {
				continue
			}
			if i >= 2 && (e.start+e.size > curSize || abs < exStart || abs+e.size > exStart+exSize) {
				continue
			}
			if t.startTaken(uint64(abs)) {
				continue
			}
			add(*next, e, uint64(abs))
			*next++
			noData = 0
		}
		link := -1
		for i, e := range es {
			if e.size != 0 && isExtendedType(e.sys) && e.start != 0 {
				link = i
				break
			}
		}
		if link < 0 {
			return
		}
		curStart, curSize = exStart+es[link].start, es[link].size
	}
}

func (t *Table) startTaken(start uint64) bool {
	for _, pt := range t.Parts {
		if pt.Start == start {
			return true
		}
	}
	return false
}

// GPT

const gptHeaderSize = 92

// hasPMBR: the first sector has the signature and a GPT entry.
func (p *Probe) hasPMBR() bool {
	b := p.read(0, 512)
	if b == nil || !validMBRMagic(b) {
		return false
	}
	for _, e := range mbrEntries(b) {
		if e.sys == mbrGPTType {
			return true
		}
	}
	return false
}

// gptHeader is get_gpt_header: the header at lba with sound CRCs and
// bounds, and its entries.
func (p *Probe) gptHeader(lba, last uint64) (hdr, ents []byte) {
	h := p.read(int64(lba)*512, 512)
	if h == nil || string(h[:8]) != "EFI PART" {
		return nil, nil
	}
	le := binary.LittleEndian
	hsz := le.Uint32(h[12:])
	if hsz > 512 || hsz < gptHeaderSize {
		return nil, nil
	}
	c := append([]byte(nil), h[:hsz]...)
	copy(c[16:20], []byte{0, 0, 0, 0})
	if crc32.ChecksumIEEE(c) != le.Uint32(h[16:]) || le.Uint64(h[24:]) != lba {
		return nil, nil
	}
	fu, lu := le.Uint64(h[40:]), le.Uint64(h[48:])
	if lu < fu || fu > last || lu > last || fu < lba && lba < lu {
		return nil, nil
	}
	n, esz := uint64(le.Uint32(h[80:])), uint64(le.Uint32(h[84:]))
	if n*esz == 0 || n*esz >= 1<<32-1 || esz != 128 || n*esz > 1<<24 {
		return nil, nil
	}
	e := p.read(int64(le.Uint64(h[72:]))*512, int(n*esz))
	if e == nil || crc32.ChecksumIEEE(e) != le.Uint32(h[88:]) {
		return nil, nil
	}
	return h, e
}

// gptFind is the primary header, else the backup at the last sector.
func (p *Probe) gptFind() (hdr, ents []byte) {
	if p.dev.Size < 512 || !p.hasPMBR() {
		return nil, nil
	}
	last := uint64(p.dev.Size/512) - 1
	if h, e := p.gptHeader(1, last); h != nil {
		return h, e
	}
	if p.err != nil {
		return nil, nil
	}
	return p.gptHeader(last, last)
}

// guidText is a GUID as stored (mixed-endian) in its text form.
func guidText(g []byte) string {
	s := []byte{g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6]}
	return formatUUID(append(s, g[8:16]...))
}

func (p *Probe) gptTable() (string, string, bool) {
	h, _ := p.gptFind()
	if h == nil {
		return "", "", false
	}
	return "gpt", guidText(h[56:72]), true
}

// pmbrTable: a protective MBR whose GPT is not readable.
func (p *Probe) pmbrTable() (string, string, bool) {
	return "PMBR", "", p.hasPMBR()
}

func (p *Probe) readGPT() *Table {
	h, e := p.gptFind()
	if h == nil {
		return nil
	}
	le := binary.LittleEndian
	t := &Table{Type: "gpt", ID: guidText(h[56:72])}
	fu, lu := le.Uint64(h[40:]), le.Uint64(h[48:])
	for i := 0; i*128 < len(e); i++ {
		ent := e[i*128 : (i+1)*128]
		if allZero(ent[:16]) {
			continue
		}
		start, end := le.Uint64(ent[32:]), le.Uint64(ent[40:])
		if start < fu || end > lu || end+1 < start {
			continue
		}
		t.Parts = append(t.Parts, Partition{Number: i + 1, Start: start, Size: end - start + 1,
			TypeString: guidText(ent[:16]), UUID: guidText(ent[16:32]), Flags: le.Uint64(ent[48:]),
			Name: string(rtrim(utf16ToUTF8(ent[56:128], true)))})
	}
	return t
}
