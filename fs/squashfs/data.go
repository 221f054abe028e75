// SPDX-License-Identifier: Apache-2.0

package squashfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

const (
	noFragment = 0xffffffff // SQUASHFS_INVALID_FRAG: the file has no tail block
	rawBlock   = 1 << 24    // SQUASHFS_COMPRESSED_BIT_BLOCK: stored uncompressed
	// fragEntrySize is struct squashfs_fragment_entry's size: start (8),
	// size word (4), unused (4).
	fragEntrySize = 16
	// maxCachedBlocks bounds the decompressed data blocks kept, as the
	// kernel's read_page and fragment caches are a few blocks each.
	maxCachedBlocks = 8
)

// fileLayout is where a regular file's bytes lie (squashfs_reg_inode and
// squashfs_lreg_inode): whole blocks one after the other from start, each
// with its on-disk size word (0 for a hole), then the tail in a fragment
// block shared with other files, unless frag is noFragment.
type fileLayout struct {
	start   uint64
	size    int64
	frag    uint32
	fragOff uint32
	// list is a cursor on the block list in the inode table, read on
	// the first access to the data, as the kernel reads it on demand.
	list metaReader

	once  sync.Once
	words []uint32 // each block's size word
	pos   []uint64 // each block's position on disk
	err   error
}

// blockCount is how many whole blocks the list has: every block of the
// size, less the tail a fragment keeps.
func (l *fileLayout) blockCount(bs int64) int64 {
	if l.frag == noFragment {
		return (l.size + bs - 1) / bs
	}
	return l.size / bs
}

// blocks reads the block list once. Each word takes four bytes of the
// inode table, so a list longer than the image is corrupt (and not an
// allocation to make).
func (l *fileLayout) blocks(img *image) ([]uint32, []uint64, error) {
	l.once.Do(func() {
		n := l.blockCount(int64(img.sb.BlockSize))
		if n < 0 || uint64(n)*4 > img.sb.BytesUsed {
			l.err = linux.EIO
			return
		}
		words := make([]uint32, n)
		if l.err = l.list.read(words); l.err != nil {
			return
		}
		pos := make([]uint64, n)
		at := l.start
		for i, w := range words {
			pos[i] = at
			at += uint64(w &^ rawBlock)
		}
		l.words, l.pos = words, pos
	})
	return l.words, l.pos, l.err
}

// readFile fills p from the file's bytes at off (which the caller keeps
// within the size), block by block as squashfs_read_folio does.
func (img *image) readFile(l *fileLayout, p []byte, off int64) error {
	words, pos, err := l.blocks(img)
	if err != nil {
		return err
	}
	bs := int64(img.sb.BlockSize)
	for len(p) > 0 {
		idx, in := off/bs, off%bs
		var data []byte
		if idx < int64(len(words)) {
			data, err = img.dataBlock(pos[idx], words[idx], min(bs, l.size-idx*bs))
		} else {
			data, err = img.tail(l, l.size-idx*bs)
		}
		if err != nil {
			return err
		}
		if in >= int64(len(data)) {
			return linux.EIO
		}
		n := copy(p, data[in:])
		p, off = p[n:], off+int64(n)
	}
	return nil
}

// dataBlock is one block of want bytes at pos with size word w; a hole
// (w == 0) reads as zeros.
func (img *image) dataBlock(pos uint64, w uint32, want int64) ([]byte, error) {
	if w == 0 {
		return make([]byte, want), nil
	}
	data, err := img.block(pos, w)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) < want {
		return nil, linux.EIO
	}
	return data[:want], nil
}

// tail is the file's last want bytes, in its fragment block.
func (img *image) tail(l *fileLayout, want int64) ([]byte, error) {
	if l.frag == noFragment || l.frag >= img.sb.Fragments {
		return nil, linux.EIO
	}
	start, w, err := img.fragment(l.frag)
	if err != nil {
		return nil, err
	}
	data, err := img.block(start, w)
	if err != nil {
		return nil, err
	}
	end := int64(l.fragOff) + want
	if end > int64(len(data)) {
		return nil, linux.EIO
	}
	return data[l.fragOff:end], nil
}

// fragment is squashfs_frag_lookup: fragment n's block position and size
// word, from the fragment table in metadata blocks.
func (img *image) fragment(n uint32) (uint64, uint32, error) {
	per := uint32(metadataSize / fragEntrySize)
	idx := int(n / per)
	if idx >= len(img.fragIndex) {
		return 0, 0, linux.EIO
	}
	m, err := img.metaAt(img.fragIndex[idx], uint64(n%per*fragEntrySize))
	if err != nil {
		return 0, 0, err
	}
	var e struct {
		Start  uint64
		Size   uint32
		Unused uint32
	}
	if err := m.read(&e); err != nil {
		return 0, 0, err
	}
	return e.Start, e.Size, nil
}

// block is squashfs_read_data for a data or fragment block: at most a
// block's bytes on disk, decompressed unless stored raw, kept in a small
// cache since neighbouring reads want the same block.
func (img *image) block(pos uint64, w uint32) ([]byte, error) {
	img.mu.Lock()
	data, ok := img.blocks[pos]
	img.mu.Unlock()
	if ok {
		return data, nil
	}
	length := w &^ rawBlock
	if length == 0 || length > img.sb.BlockSize {
		return nil, linux.EIO
	}
	raw := make([]byte, length)
	if err := img.readAt(raw, int64(pos)); err != nil {
		return nil, err
	}
	data = raw
	if w&rawBlock == 0 {
		var err error
		if data, err = img.decompress(raw, int(img.sb.BlockSize)); err != nil {
			return nil, linux.EIO
		}
	}
	img.mu.Lock()
	if len(img.blocks) >= maxCachedBlocks {
		clear(img.blocks)
	}
	img.blocks[pos] = data
	img.mu.Unlock()
	return data, nil
}
