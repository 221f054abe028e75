// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// Directory entry attributes (ATTR_*) and case bits (CASE_LOWER_*).
const (
	attrRO        = 0x01
	attrHidden    = 0x02
	attrSys       = 0x04
	attrVolume    = 0x08
	attrDir       = 0x10
	attrArch      = 0x20
	attrExt       = 0x0f // a long-name slot
	caseLowerBase = 0x08
	caseLowerExt  = 0x10
	deletedFlag   = 0xe5
	maxSlots      = 20              // 13 characters a slot: room for 255 and a NUL
	maxUniChars   = maxSlots*13 + 1 // all slots' characters, then a NUL
	longNameMax   = 4096 - maxUniChars*2
)

// dirEntry is one name of a directory as readdir and lookup find it: a
// short entry with the long name its slots spell, if they are sound.
type dirEntry struct {
	raw   []byte // the short entry's 32 bytes
	ipos  int64  // i_pos: where the short entry lies, in entries
	short []byte // the short name as it shows (lookup matches it too)
	long  []byte // the long name, nil without one
}

// name is what readdir shows: the long name if there is one.
func (e *dirEntry) name() []byte {
	if e.long != nil {
		return e.long
	}
	return e.short
}

// isDot reports whether the entry is "." or ".." (MSDOS_DOT, MSDOS_DOTDOT).
func (e *dirEntry) isDot() (dot, dotdot bool) {
	n := string(e.raw[:11])
	return n == ".          ", n == "..         "
}

// isFree is IS_FREE: a deleted or never used entry.
func isFree(de []byte) bool { return de[0] == deletedFlag || de[0] == 0 }

// rawDir is a directory's entries as they lie on the disk, each with
// its i_pos.
type rawDir struct {
	data []byte
	pos  []int64
}

func (r *rawDir) len() int { return len(r.data) / dirEntSize }

func (r *rawDir) at(i int) []byte { return r.data[i*dirEntSize : (i+1)*dirEntSize] }

// readRaw reads a directory's entries: the fixed root of FAT12/16, or the
// clusters of chain. A block that cannot be read counts as empty, as
// fat__get_entry skips it.
func (fs *filesystem) readRaw(fixedRoot bool, chain []uint32) *rawDir {
	r := &rawDir{}
	add := func(off int64, n int) {
		b := make([]byte, n)
		if err := fs.readAt(b, off); err != nil {
			fs.msgLimited("fat__get_entry", vfs.KernErr, "Directory bread(block %d) failed", off/int64(fs.blockSize))
			clear(b)
		}
		r.data = append(r.data, b...)
		for i := 0; i < n/dirEntSize; i++ {
			r.pos = append(r.pos, off/dirEntSize+int64(i))
		}
	}
	if fixedRoot {
		add(int64(fs.dirStart)*int64(fs.blockSize), int(fs.dirEntries)*dirEntSize)
		return r
	}
	for _, c := range chain {
		off := fs.clusterOffset(c)
		if off+int64(fs.clusterSize) > fs.disk.Size() {
			// Past the disk: the bread fails, the block is skipped
			// (and nothing is allocated for it).
			fs.msgLimited("fat__get_entry", vfs.KernErr, "Directory bread(block %d) failed", off/int64(fs.blockSize))
			continue
		}
		add(off, int(fs.clusterSize))
	}
	return r
}

// subdirs is fat_subdirs: the short entries with ATTR_DIR, "." and ".."
// included.
func subdirs(r *rawDir) uint32 {
	n := uint32(0)
	for i := 0; i < r.len(); i++ {
		de := r.at(i)
		if !isFree(de) && de[11]&attrVolume == 0 && de[11]&attrDir != 0 {
			n++
		}
	}
	return n
}

// lastSlot marks the slot a long name's sequence starts with, the one
// holding its highest ordinal (LAST_LONG_ENTRY).
const lastSlot = 0x40

// slotChars are the offsets of the 13 UTF-16 characters in a slot.
var slotChars = [13]int{1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30}

// longName is a long name being gathered from its slots, which precede
// their short entry from the highest ordinal down to 1. After ordinal 1
// it waits for the short entry, which owns it if the checksums agree.
type longName struct {
	active bool
	want   int  // the ordinal the next slot must carry; 0 when all are in
	sum    byte // the checksum the slots share
	uni    [maxUniChars + 1]uint16
}

// begin starts a name at slot de; a slot that cannot start one (no
// lastSlot bit, an ordinal of 0 or above maxSlots) leaves none pending.
func (l *longName) begin(de []byte) {
	n := int(de[0] &^ lastSlot)
	l.active = de[0]&lastSlot != 0 && n > 0 && n <= maxSlots
	if l.active {
		l.want, l.sum = n, de[13]
		l.take(de)
	}
}

// extends reports whether de is the slot the pending name expects.
func (l *longName) extends(de []byte) bool {
	return l.active && l.want > 0 && de[11] == attrExt && int(de[0]&^lastSlot) == l.want && de[13] == l.sum
}

// take stores slot de's characters in their place. Any slot carrying
// lastSlot ends the name after its characters, as in fat_parse_long,
// even one that is not the first of its sequence.
func (l *longName) take(de []byte) {
	at := (l.want - 1) * 13
	for k, off := range slotChars {
		l.uni[at+k] = binary.LittleEndian.Uint16(de[off:])
	}
	if de[0]&lastSlot != 0 {
		l.uni[at+13] = 0
	}
	l.want--
}

// claim ends the pending name and reports whether it names the short
// entry de: complete, with the checksum of de's 11 bytes.
func (l *longName) claim(de []byte) bool {
	complete := l.active && l.want == 0
	l.active = false
	return complete && checksum(de) == l.sum
}

// scanner walks a directory's entries for readdir and lookup, as
// __fat_readdir and fat_search_long do: each entry extends the pending
// long name, starts a new one, or is a short entry (which consumes the
// pending name whether or not it matches).
type scanner struct {
	fs   *filesystem
	r    *rawDir
	i    int // the next entry
	long longName
}

// next returns the directory's next name, or false at its end.
func (s *scanner) next() (dirEntry, bool) {
	for s.i < s.r.len() {
		de, ipos := s.r.at(s.i), s.r.pos[s.i]
		s.i++
		if e, ok := s.step(de, ipos); ok {
			return e, true
		}
	}
	return dirEntry{}, false
}

// step feeds one entry to the scanner and returns the name it
// completes, if any. Deleted and free entries and volume labels name
// nothing and drop a pending long name; msdos sees no slots at all.
func (s *scanner) step(de []byte, ipos int64) (dirEntry, bool) {
	vfat := s.fs.opts.vfat
	if vfat && s.long.extends(de) {
		s.long.take(de)
		return dirEntry{}, false
	}
	if vfat && de[11] == attrExt {
		s.long.begin(de)
		return dirEntry{}, false
	}
	named := vfat && s.long.claim(de)
	if isFree(de) || de[11]&attrVolume != 0 {
		return dirEntry{}, false
	}
	e := dirEntry{raw: de, ipos: ipos, short: s.fs.shortDisplay(de, s.fs.opts.dotsOK)}
	if named {
		e.long = s.fs.uniToX8(s.long.uni[:], longNameMax)
	}
	return e, len(e.short) > 0 || e.long != nil
}

// entries lists a directory's names in their on-disk order.
func (fs *filesystem) entries(r *rawDir) []dirEntry {
	s := &scanner{fs: fs, r: r}
	var out []dirEntry
	for {
		e, ok := s.next()
		if !ok {
			return out
		}
		out = append(out, e)
	}
}

// findVfat is vfat_find: name, less its trailing dots, against each
// short name and long name.
func (fs *filesystem) findVfat(ents []dirEntry, name string) (*dirEntry, bool) {
	n := len(name)
	for n > 0 && name[n-1] == '.' {
		n--
	}
	if n == 0 {
		return nil, false
	}
	b := []byte(name[:n])
	for i := range ents {
		e := &ents[i]
		if len(e.short) == 0 { // fat_search_long passes over it
			continue
		}
		if fs.nameMatch(b, e.short) || e.long != nil && fs.nameMatch(b, e.long) {
			return e, true
		}
	}
	return nil, false
}

// findMsdos is msdos_find: the short entry whose 11 bytes the name
// formats to; under dotsOK a leading dot must match ATTR_HIDDEN.
func (fs *filesystem) findMsdos(r *rawDir, name string) (*dirEntry, bool) {
	want, ok := fs.msdosFormat([]byte(name))
	if !ok {
		return nil, false
	}
	for i := 0; i < r.len(); i++ {
		de := r.at(i)
		if isFree(de) || de[11]&attrVolume != 0 || string(de[:11]) != string(want[:]) {
			continue
		}
		if fs.opts.dotsOK && (name[0] == '.') != (de[11]&attrHidden != 0) {
			return nil, false
		}
		return &dirEntry{raw: de, ipos: r.pos[i]}, true
	}
	return nil, false
}
