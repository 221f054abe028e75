// SPDX-License-Identifier: Apache-2.0

package isofs

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dirRecord is a record found walking a directory: the record, the disk
// block its first byte is in, the directory's block index it was read
// through and its offset in that block.
type dirRecord struct {
	rec          record
	block, logic uint32
	offset       uint32
}

// walkDir goes through a directory's records as do_isofs_readdir and
// isofs_find_entry do: a zero length byte skips to the next 2 KiB
// sector, a record crossing a block boundary is joined, and a block that
// cannot be read ends the walk quietly. fn returning false stops it.
func (img *image) walkDir(dir *vfs.Inode, fn func(d dirRecord) (bool, error)) error {
	size := dir.Size()
	for pos := int64(0); pos < size; {
		logic := pos >> img.bits
		off := uint32(pos & int64(img.bs-1))
		blk, err := img.bmap(dir, logic)
		if err != nil {
			return nil
		}
		b, err := img.bread(blk)
		if err != nil {
			return nil
		}
		n := uint32(b[off])
		if n == 0 {
			pos = (pos + isoBlockSize) &^ (isoBlockSize - 1)
			continue
		}
		rec := record(b[off:min(off+n, img.bs):min(off+n, img.bs)])
		if off+n > img.bs {
			next, err := img.bmap(dir, logic+1)
			if err != nil {
				return nil
			}
			nb, err := img.bread(next)
			if err != nil {
				return nil
			}
			rec = append(append(record{}, rec...), nb[:off+n-img.bs]...)
		}
		pos += int64(n)
		if int(n) < recordLen+min(rec.nameLenSafe(), 255) {
			img.printk("iso9660: Corrupted directory entry in block %d of inode %d", logic, dir.Ino())
			return linux.EIO
		}
		if more, err := fn(dirRecord{rec: rec, block: blk, logic: uint32(logic), offset: off}); !more || err != nil {
			return err
		}
	}
	return nil
}

// nameLenSafe is the name length byte, or 0 for a record too short to
// have one.
func (r record) nameLenSafe() int {
	if len(r) < recordLen {
		return 0
	}
	return r.nameLen()
}

// entryName is the name readdir and lookup see for a record: Rock
// Ridge's NM name, else the Joliet name, else the ISO name mapped as
// map= says. hidden is true for a record no name reaches (a relocated
// directory's, or one whose Rock Ridge entries are corrupt).
func (img *image) entryName(r record) (name []byte, hidden bool) {
	if img.rockState() != 0 {
		rr, h, err := img.rockName(r)
		if err != nil || h {
			return nil, true
		}
		if rr != nil {
			return rr, len(rr) == 0
		}
	}
	switch {
	case img.jolietLevel != 0:
		name = jolietName(r)
	case img.mapping == 'a':
		name = acornName(r)
	case img.mapping == 'n':
		name = translateName(r.name())
	default:
		name = r.name()
	}
	return name, len(name) == 0
}

// skipped tells the records that hide= and the absence of showassoc
// leave out.
func (img *image) skipped(r record) bool {
	f := r.flags(img.hs)
	return img.hide && f&flagHidden != 0 || !img.showassoc && f&flagAssoc != 0
}

// isDot and isDotDot are the "." and ".." records (names 0 and 1).
func (r record) isDot() bool    { return r.nameLen() == 1 && r[recordLen] == 0 }
func (r record) isDotDot() bool { return r.nameLen() == 1 && r[recordLen] == 1 }

// normalized is isofs_normalize_block_and_offset: a directory is always
// known by its "." record, the first of its own data.
func (img *image) normalized(d dirRecord, block uint32) (uint32, uint32) {
	if d.rec[25]&flagDir != 0 {
		return d.rec.extent(), 0
	}
	return block, d.offset
}

// readDir is do_isofs_readdir after "." and "..": d_ino comes from the
// first record of a multi-extent file, and for anything but a directory
// from the position of its record counted in the directory's own blocks
// (not the disk's, which lookup and stat use: the kernel's numbers
// differ so).
func (img *image) readDir(dir *vfs.Inode) ([]vfs.Dirent, error) {
	var out []vfs.Dirent
	first, ino := true, uint64(0)
	err := img.walkDir(dir, func(d dirRecord) (bool, error) {
		if first {
			b, o := img.normalized(d, d.logic)
			ino = img.inoOf(b, o)
		}
		if first = d.rec.flags(img.hs)&flagMultiExt == 0; !first {
			return true, nil
		}
		if d.rec.isDot() || d.rec.isDotDot() || img.skipped(d.rec) {
			return true, nil
		}
		if name, hidden := img.entryName(d.rec); !hidden {
			out = append(out, vfs.Dirent{Name: string(name), Ino: ino, Type: linux.DT_UNKNOWN})
		}
		return true, nil
	})
	if err != nil && len(out) == 0 {
		return nil, err
	}
	for i := range out {
		out[i].Off = uint64(len(out) - i)
	}
	return out, nil
}

// findEntry is isofs_find_entry: the (block, offset) of the record that
// name matches, through the comparison check= and Joliet choose.
func (img *image) findEntry(dir *vfs.Inode, name string) (uint32, uint32, bool) {
	if dir.Private.(*node).sections[0].first == 0 {
		return 0, 0, false
	}
	var block, offset uint32
	found := false
	img.walkDir(dir, func(d dirRecord) (bool, error) {
		var dname []byte
		if d.rec.isDot() || d.rec.isDotDot() {
			return true, nil
		}
		dname, hidden := img.entryName(d.rec)
		if hidden || img.skippedForLookup(d.rec) || !img.nameMatches(name, dname) {
			return true, nil
		}
		block, offset = img.normalized(d, d.block)
		found = true
		return false, nil
	})
	return block, offset, found
}

// skippedForLookup is lookup's view of hide and showassoc, the same as
// readdir's.
func (img *image) skippedForLookup(r record) bool { return img.skipped(r) }

// nameMatches is the dentry comparison isofs_fill_super chose: exact
// for check=strict without Joliet, case-insensitive for check=relaxed,
// and for Joliet blind to trailing dots.
func (img *image) nameMatches(want string, have []byte) bool {
	w, h := want, string(have)
	if img.jolietLevel != 0 {
		w, h = strings.TrimRight(w, "."), strings.TrimRight(h, ".")
	}
	if img.check == 'r' {
		return asciiLower(w) == asciiLower(h)
	}
	return w == h
}

// asciiLower lowers A-Z only, byte by byte, as strncasecmp does.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
