// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// The journal lines dumpe2fs -h adds for an internal journal, read from
// the journal's superblock (big-endian, at the journal inode's first
// block).

const (
	jbdCsumV2 = 0x8
	jbdCsumV3 = 0x10
	// defaultFastCommitBlocks is the fast commit area's length when
	// the journal superblock gives none.
	defaultFastCommitBlocks = 256
	compatFastCommit        = 0x400
	extentsFlag             = 0x80000
	extentHeader            = 0xF30A
)

var errNoJournalBlock = errors.New("journal inode has no first block")

var jbdFeatureNames = [3]map[uint]string{
	{0: "journal_checksum"},
	{0: "journal_incompat_revoke", 1: "journal_64bit", 2: "journal_async_commit",
		3: "journal_checksum_v2", 4: "journal_checksum_v3", 5: "journal_incompat_fast_commit"},
	{},
}

var jbdCsumNames = map[uint8]string{1: "crc32", 2: "md5", 3: "sha1", 4: "crc32c"}

// readJournalSuper reads the superblock of the internal journal.
func readJournalSuper(r io.ReaderAt, s *ext4.SuperInfo) ([]byte, error) {
	bs := int64(1024) << s.LogBlockSize
	ino, err := readInode(r, s, s.JournalInum)
	if err != nil {
		return nil, err
	}
	blk, err := firstBlock(r, bs, ino)
	if err != nil {
		return nil, err
	}
	jsb := make([]byte, 1024)
	if _, err := r.ReadAt(jsb, int64(blk)*bs); err != nil {
		return nil, err
	}
	return jsb, nil
}

// readInode reads inode number ino through its group's descriptor.
func readInode(r io.ReaderAt, s *ext4.SuperInfo, ino uint32) ([]byte, error) {
	bs := int64(1024) << s.LogBlockSize
	descSize := int64(32)
	if s.Incompat&inc64bit != 0 {
		descSize = int64(s.DescSize)
	}
	grp, idx := int64(ino-1)/int64(s.InodesPerGroup), int64(ino-1)%int64(s.InodesPerGroup)
	desc := make([]byte, descSize)
	if _, err := r.ReadAt(desc, (int64(s.FirstDataBlock)+1)*bs+grp*descSize); err != nil {
		return nil, err
	}
	table := int64(le.Uint32(desc[8:]))
	if descSize >= 64 {
		table |= int64(le.Uint32(desc[40:])) << 32
	}
	size := int64(s.InodeSize)
	if s.RevLevel == 0 {
		size = 128
	}
	raw := make([]byte, size)
	if _, err := r.ReadAt(raw, table*bs+idx*size); err != nil {
		return nil, err
	}
	return raw, nil
}

// firstBlock maps an inode's logical block 0: through its extent tree,
// or its first direct block.
func firstBlock(r io.ReaderAt, bs int64, ino []byte) (uint64, error) {
	node := ino[40:100]
	if le.Uint32(ino[32:])&extentsFlag == 0 {
		return uint64(le.Uint32(node)), nil
	}
	for range 8 {
		if len(node) < 24 || le.Uint16(node) != extentHeader || le.Uint16(node[2:]) == 0 {
			return 0, errNoJournalBlock
		}
		e := node[12:24]
		if le.Uint16(node[6:]) == 0 {
			return uint64(le.Uint16(e[6:]))<<32 | uint64(le.Uint32(e[8:])), nil
		}
		leaf := uint64(le.Uint16(e[8:]))<<32 | uint64(le.Uint32(e[4:]))
		node = make([]byte, bs)
		if _, err := r.ReadAt(node, int64(leaf)*bs); err != nil {
			return 0, err
		}
	}
	return 0, errNoJournalBlock
}

// listJournal writes the journal lines; false when the block is no
// journal superblock. With the filesystem's fast_commit feature, the
// journal's tail is the fast commit area (of a default length unless
// the journal says).
func listJournal(w io.Writer, jsb []byte, fastCommit bool) bool {
	be := binary.BigEndian
	if be.Uint32(jsb) != jbdMagic {
		return false
	}
	line := func(name, format string, a ...any) {
		fmt.Fprintf(w, "%-26s"+format+"\n", append([]any{name + ":"}, a...)...)
	}
	bs, maxlen := uint64(be.Uint32(jsb[12:])), be.Uint32(jsb[16:])
	incompat := be.Uint32(jsb[40:])
	line("Journal features", "%s", jbdFeatures([3]uint32{be.Uint32(jsb[36:]), incompat, be.Uint32(jsb[44:])}))
	line("Total journal size", "%s", journalSize(uint64(maxlen)*bs))
	line("Total journal blocks", "%d", maxlen)
	fc := be.Uint32(jsb[84:])
	if fastCommit && fc == 0 {
		fc = defaultFastCommitBlocks
	}
	line("Max transaction length", "%d", maxlen-min(fc, maxlen))
	line("Fast commit length", "%d", fc)
	line("Journal sequence", "0x%08x", be.Uint32(jsb[24:]))
	line("Journal start", "%d", be.Uint32(jsb[28:]))
	if errno := int32(be.Uint32(jsb[32:])); errno != 0 {
		line("Journal errno", "%d", errno)
	}
	if incompat&(jbdCsumV2|jbdCsumV3) != 0 {
		name, ok := jbdCsumNames[jsb[80]]
		if !ok {
			name = "unknown"
		}
		line("Journal checksum type", "%s", name)
		line("Journal checksum", "0x%08x", be.Uint32(jsb[0xFC:]))
	}
	return true
}

// jbdFeatures names the journal's feature bits.
func jbdFeatures(words [3]uint32) string { return namedBits(words, &jbdFeatureNames) }

// journalSize is the journal's size in k, or M from 8M up.
func journalSize(bytes uint64) string {
	k := bytes >> 10
	if k < 8192 {
		return fmt.Sprintf("%dk", k)
	}
	return fmt.Sprintf("%dM", k>>10)
}
