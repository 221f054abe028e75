// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"fmt"
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
	maxSlots      = 20  // ceil(256 * 2 / 26)
	maxUniChars   = 261 // (MSDOS_SLOTS - 1) * 13 + 1
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
			fs.k.Printk(fmt.Sprintf("FAT-fs (%s): Directory bread(block %d) failed", fs.name, off/int64(fs.blockSize)))
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
			fs.k.Printk(fmt.Sprintf("FAT-fs (%s): Directory bread(block %d) failed", fs.name, off/int64(fs.blockSize)))
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

// Outcomes of parseLong (PARSE_*).
const (
	parseOK = iota
	parseInvalid
	parseNotLongname
	parseEOF
)

// scanner walks a directory's entries as __fat_readdir and
// fat_search_long do.
type scanner struct {
	fs  *filesystem
	r   *rawDir
	i   int // the next entry
	uni [maxUniChars + 1]uint16
}

// parseLong is fat_parse_long: the slots from entry i-1 on, ending at
// the short entry they name (the scanner's last entry on success).
func (s *scanner) parseLong() (int, int) {
	de := s.r.at(s.i - 1)
restart:
	id := de[0]
	if id&0x40 == 0 {
		return parseInvalid, 0
	}
	slots := int(id &^ 0x40)
	if slots > maxSlots || slots == 0 {
		return parseInvalid, 0
	}
	sum := de[13]
	for slot := slots - 1; ; slot-- {
		off := slot * 13
		for k, at := range [13]int{1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30} {
			s.uni[off+k] = uint16(de[at]) | uint16(de[at+1])<<8
		}
		if de[0]&0x40 != 0 {
			s.uni[off+13] = 0
		}
		if s.i >= s.r.len() {
			return parseEOF, 0
		}
		de = s.r.at(s.i)
		s.i++
		if slot == 0 {
			break
		}
		if de[11] != attrExt {
			return parseNotLongname, 0
		}
		if de[0]&^0x40 != byte(slot) || de[13] != sum {
			goto restart
		}
	}
	switch {
	case de[0] == deletedFlag:
		return parseInvalid, 0
	case de[11] == attrExt:
		goto restart
	case isFree(de) || de[11]&attrVolume != 0:
		return parseInvalid, 0
	case checksum(de) != sum:
		return parseOK, 0
	}
	return parseOK, slots
}

// next returns the directory's next name, or false at its end.
func (s *scanner) next() (dirEntry, bool) {
	vfat := s.fs.opts.vfat
	for s.i < s.r.len() {
		de := s.r.at(s.i)
		s.i++
	record:
		slots := 0
		if vfat {
			if de[0] == deletedFlag || de[11] != attrExt && (de[11]&attrVolume != 0 || de[0] == 0) {
				continue
			}
		} else if de[11]&attrVolume != 0 || isFree(de) {
			continue
		}
		if vfat && de[11] == attrExt {
			var st int
			st, slots = s.parseLong()
			switch st {
			case parseInvalid:
				continue
			case parseNotLongname:
				de = s.r.at(s.i - 1)
				goto record
			case parseEOF:
				return dirEntry{}, false
			}
			de = s.r.at(s.i - 1)
		}
		e := dirEntry{raw: de, ipos: s.r.pos[s.i-1], short: s.fs.shortDisplay(de, s.fs.opts.dotsOK)}
		if slots > 0 {
			e.long = s.fs.uniToX8(s.uni[:], longNameMax)
		}
		if len(e.short) == 0 && e.long == nil {
			continue
		}
		return e, true
	}
	return dirEntry{}, false
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
