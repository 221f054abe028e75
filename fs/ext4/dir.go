// SPDX-License-Identifier: Apache-2.0

package ext4

import (
	"encoding/binary"
	"slices"
	"sort"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dirEntry is one name of a directory (struct ext4_dir_entry_2).
type dirEntry struct {
	name  string
	ino   uint32
	ftype uint8 // EXT4_FT_*
}

// dirListing is a directory's entries in readdir order, "." and ".."
// included where the kernel lists them, and its names for lookups.
type dirListing struct {
	ents    []dirEntry
	byName  map[string]int
	dirents []vfs.Dirent // ents as getdents gives them
}

// fileTypes is ext4_filetype_table: EXT4_FT_* to DT_*.
var fileTypes = [8]uint8{linux.DT_UNKNOWN, linux.DT_REG, linux.DT_DIR, linux.DT_CHR,
	linux.DT_BLK, linux.DT_FIFO, linux.DT_SOCK, linux.DT_LNK}

// direntType is get_dtype.
func (fs *filesystem) direntType(ft uint8) uint8 {
	if !fs.sb.hasIncompat(incompatFiletype) || int(ft) >= len(fileTypes) {
		return linux.DT_UNKNOWN
	}
	return fileTypes[ft]
}

// recLen is ext4_dir_rec_len: an entry's size for a name of n bytes.
func recLen(n int) int { return (n + 8 + 3) &^ 3 }

// listing returns dir's entries, read once.
func (fs *filesystem) listing(dir *vfs.Inode) (*dirListing, error) {
	n := dir.Private.(*node)
	n.mu.Lock()
	l := n.dir
	n.mu.Unlock()
	if l != nil {
		return l, nil
	}
	ents, err := fs.readDir(n)
	if err != nil {
		return nil, err
	}
	l = &dirListing{ents: ents, byName: make(map[string]int, len(ents)), dirents: make([]vfs.Dirent, len(ents))}
	for i, e := range ents {
		if _, dup := l.byName[e.name]; !dup {
			l.byName[e.name] = i
		}
		l.dirents[i] = vfs.Dirent{Name: e.name, Ino: uint64(e.ino), Type: fs.direntType(e.ftype), Off: uint64(len(ents) - i)}
	}
	n.mu.Lock()
	if n.dir == nil {
		n.dir = l
	}
	l = n.dir
	n.mu.Unlock()
	return l, nil
}

// readDir is ext4_readdir's choice of order: hash order for a directory
// is_dx_dir accepts (ext4_dx_readdir), on-disk order otherwise.
func (fs *filesystem) readDir(n *node) ([]dirEntry, error) {
	ri := n.ri
	if ri.flags&flagInlineData != 0 {
		ents, err := fs.readInlineDir(n)
		if err != nil || !fs.sb.hasCompat(compatDirIndex) {
			return ents, err
		}
		return fs.hashOrder(ents, fs.defaultHash(), false), nil
	}
	ents, err := fs.readDirBlocks(n)
	if err != nil || !fs.sb.hasCompat(compatDirIndex) {
		return ents, err
	}
	if ri.flags&flagIndex != 0 {
		if version, ok := fs.dxRootHash(n); ok {
			return fs.hashOrder(ents, version, true), nil
		}
		return ents, nil // ERR_BAD_DX_DIR: linear after all
	}
	if ri.size>>fs.blockBits == 1 {
		return fs.hashOrder(ents, fs.defaultHash(), false), nil
	}
	return ents, nil
}

// defaultHash is the hash of a directory without an index root:
// s_def_hash_version, unsigned if the superblock says so.
func (fs *filesystem) defaultHash() int {
	v := int(fs.sb.defHashVersion)
	if v <= hashTea && fs.hashUnsigned {
		v += 3
	}
	return v
}

// dxRootHash reads the hash version of an indexed directory's root
// (struct dx_root_info after "." and ".."), with dx_probe's checks; ok
// false is ERR_BAD_DX_DIR.
func (fs *filesystem) dxRootHash(n *node) (int, bool) {
	pblk, mapped, err := lookupOne(n.mapper(), 0)
	if err != nil || !mapped {
		return 0, false
	}
	blk, err := fs.readBlock(pblk)
	if err != nil {
		return 0, false
	}
	info := blk[24:32]
	version := int(info[4])
	switch {
	case version != hashLegacy && version != hashHalfMD4 && version != hashTea && version != hashSiphash:
		return 0, false
	case version == hashSiphash:
		return 0, false // only for casefolded, encrypted names
	case info[7]&1 != 0: // unused_flags: "Unimplemented hash flags"
		return 0, false
	case info[5] != 8: // info_length
		return 0, false
	}
	levels := int(info[6])
	max := 2
	if fs.sb.hasIncompat(incompatLargedir) {
		max = 3
	}
	if levels >= max {
		return 0, false
	}
	if version <= hashTea && fs.hashUnsigned {
		version += 3
	}
	return version, true
}

// hashKey is an entry's place in hash order.
type hashKey struct{ hash, minor uint32 }

// hashOrder sorts ents as ext4_dx_readdir returns them: by hash, then
// minor hash.
// indexed says whether the directory has an index root, whose "." and
// ".." are listed with hashes 0 and 2 instead of their own.
func (fs *filesystem) hashOrder(ents []dirEntry, version int, indexed bool) []dirEntry {
	keys := make([]hashKey, len(ents))
	for i, e := range ents {
		switch {
		case indexed && i == 0 && e.name == ".":
			keys[i] = hashKey{0, 0}
		case indexed && i == 1 && e.name == "..":
			keys[i] = hashKey{2, 0}
		default:
			h, m, _ := dirHash([]byte(e.name), version, fs.sb.hashSeed)
			keys[i] = hashKey{h, m}
		}
	}
	idx := make([]int, len(ents))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		return ka.hash < kb.hash || ka.hash == kb.hash && ka.minor < kb.minor
	})
	// ext4_htree_store_dirent chains an entry whose hashes equal those of
	// one already in the tree right behind that first one: a run of equal
	// hashes reads first entry first, then the others newest first.
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && keys[idx[j]] == keys[idx[i]] {
			j++
		}
		slices.Reverse(idx[i+1 : j])
		i = j
	}
	out := make([]dirEntry, len(ents))
	for i, j := range idx {
		out[i] = ents[j]
	}
	return out
}

// readDirBlocks reads every block of a directory in order, as the
// linear ext4_readdir does: holes and unreadable entries end a block,
// deleted entries (inode 0) and index nodes are skipped.
func (fs *filesystem) readDirBlocks(n *node) ([]dirEntry, error) {
	m := n.mapper()
	var ents []dirEntry
	nblocks := uint64(n.ri.size+int64(fs.blockSize)-1) >> fs.blockBits
	for lblk := uint64(0); lblk < nblocks; {
		pblk, run, mapped, err := m.run(lblk)
		if err != nil {
			return nil, err
		}
		if !mapped {
			lblk += max(run, 1)
			continue
		}
		blk, err := fs.readBlock(pblk)
		if err != nil {
			return nil, err
		}
		ents = fs.parseDirBlock(blk, ents)
		lblk++
	}
	return ents, nil
}

// parseDirBlock appends the live entries of one directory block,
// stopping at the first that ext4_check_dir_entry refuses.
func (fs *filesystem) parseDirBlock(blk []byte, ents []dirEntry) []dirEntry {
	le := binary.LittleEndian
	size := len(blk)
	for off := 0; off+8 <= size; {
		ino := le.Uint32(blk[off:])
		rlen := int(le.Uint16(blk[off+4:]))
		if rlen == 0 || rlen == 65535 {
			rlen = 1 << 16 // ext4_rec_len_from_disk for 64 KiB blocks
		}
		nlen := int(blk[off+6])
		next := off + rlen
		switch {
		case rlen < recLen(1), rlen%4 != 0, rlen < recLen(nlen), next > size:
			return ents
		case next == size && nlen == 1 && blk[off+8] == '.':
			return ents
		case next != size && next > size-recLen(1):
			return ents
		case ino > fs.sb.inodesCount:
			return ents
		}
		if ino != 0 {
			ents = append(ents, dirEntry{name: string(blk[off+8 : off+8+nlen]), ino: ino, ftype: blk[off+7]})
		}
		off = next
	}
	return ents
}

// readInlineDir lists a directory kept in its inode (ext4_read_inline_dir
// and ext4_inlinedir_to_tree): "." and the parent number in the first
// four bytes of i_block, then entries in the rest of i_block and in the
// system.data attribute.
func (fs *filesystem) readInlineDir(n *node) ([]dirEntry, error) {
	data, err := fs.inlineData(n.ri)
	if err != nil {
		return nil, err
	}
	if len(data) < 4 {
		return nil, linux.EUCLEAN
	}
	parent := binary.LittleEndian.Uint32(data)
	ents := []dirEntry{{name: ".", ino: n.ri.ino, ftype: 2}, {name: "..", ino: parent, ftype: 2}}
	ents = fs.parseDirBlock(n.ri.block[4:], ents)
	if len(data) > 60 {
		ents = fs.parseDirBlock(data[60:], ents)
	}
	return ents, nil
}
