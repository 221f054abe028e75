// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"fmt"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// A file's data is read as the kernel's page cache reads it, because
// what a damaged file logs depends on it: each read of a folio that is
// not up to date maps its blocks again (fat_get_block), and each failed
// mapping logs again. The data itself is read from the disk every time
// (the volume is read-only); the cache keeps which folios are up to
// date, and the state of those that are not.

// pageSize is PAGE_SIZE, the size of the folios FAT's page cache uses.
const pageSize = 4096

// readFlagsAhead is the bi_opf of a readahead bio (REQ_OP_READ with
// REQ_RAHEAD), as bio_check_eod prints it; a plain read's is 0.
const readFlagsAhead = 1 << 19

// folio is what the page cache keeps of a folio that is not up to date:
// whether block_read_full_folio attached buffer heads, which of them
// get_block mapped (and where), and which were read.
type folio struct {
	buffers  bool
	mapped   uint8
	uptodate uint8
	phys     [pageSize / 512]int64
}

// blocksPerPage is how many logical sectors (FAT's blocks) a folio holds.
func (fs *filesystem) blocksPerPage() int64 { return pageSize / int64(fs.blockSize) }

// readPage fills dst from the file (size bytes long) at pos, within one
// folio, once the folio is up to date, as filemap_read gets it. A folio the cache does not hold
// is read ahead (mpage_readahead) with the folios after it in the
// readahead window, then, if that failed, read once more (read_folio).
// One the cache holds but that is not up to date is read by read_folio
// once, or twice when the read(2) has copied folios before it in the
// same batch: the batch is cut short at it, and the next batch starts
// with it. reqPages is how many folios the read asks for from fi on;
// comm names the reader in the block layer's messages.
func (fs *filesystem) readPage(n *node, size, pos int64, dst []byte, reqPages int64, midRead bool, comm string) error {
	fi := pos / pageSize
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.uptodate.has(fi) {
		return fs.copyOut(n, size, pos, dst)
	}
	attempts := 1
	st := n.folios[fi]
	if st == nil {
		fs.readAhead(n, size, fi, fs.readaheadWindow(n, fi, reqPages), comm)
		if n.uptodate.has(fi) {
			return fs.copyOut(n, size, pos, dst)
		}
		st = n.folios[fi]
	} else if midRead {
		attempts = 2
	}
	for i := 0; i < attempts; i++ {
		if fs.readFolio(n, size, fi, st, false, comm) {
			delete(n.folios, fi)
			n.uptodate.set(fi)
			return fs.copyOut(n, size, pos, dst)
		}
	}
	return linux.EIO
}

// readaheadWindow is how many folios ondemand_readahead reads from a
// miss at fi: from the start of the file, the initial window; further
// on, as a stream only if the cache holds more folios just before fi
// than the read asks for (try_context_readahead; twice as many if they
// reach back to the start), else only what the read asks for. (A file's
// own sequential reads, which the kernel also reads as a stream, are not
// told apart here.)
func (fs *filesystem) readaheadWindow(n *node, fi, reqPages int64) int64 {
	if fi == 0 {
		return initialReadahead(reqPages)
	}
	history := int64(0)
	for j := fi - 1; j >= 0 && (n.uptodate.has(j) || n.folios[j] != nil); j-- {
		history++
	}
	if history <= reqPages {
		return reqPages
	}
	if history >= fi {
		history *= 2
	}
	return min(history+reqPages, readaheadMax)
}

// readAhead is page_cache_sync_readahead from folio fi: each of count
// folios up to the end of the file that the cache does not hold is read
// once; those that fail stay, not up to date. n.mu held.
func (fs *filesystem) readAhead(n *node, size, fi, count int64, comm string) {
	for j := fi; j < fi+count && j*pageSize < size; j++ {
		if n.folios[j] != nil || n.uptodate.has(j) {
			continue
		}
		st := &folio{}
		if fs.readFolio(n, size, j, st, true, comm) {
			n.uptodate.set(j)
			continue
		}
		if n.folios == nil {
			n.folios = make(map[int64]*folio)
		}
		n.folios[j] = st
	}
}

// readaheadMax is VM_READAHEAD_PAGES (128 KiB), a loop device's window.
const readaheadMax = 32

// initialReadahead is get_init_ra_size for a read of reqPages folios:
// the request rounded up to a power of two, four times that for a small
// one, twice for a middling one, else the whole window.
func initialReadahead(reqPages int64) int64 {
	n := int64(1)
	for n < reqPages {
		n <<= 1
	}
	switch {
	case n <= readaheadMax/32:
		return n * 4
	case n <= readaheadMax/4:
		return n * 2
	}
	return readaheadMax
}

// folioSet is a set of folio indexes, a bit each.
type folioSet []uint64

func (s folioSet) has(i int64) bool { return i/64 < int64(len(s)) && s[i/64]&(1<<(i%64)) != 0 }

func (s *folioSet) set(i int64) {
	for int64(len(*s)) <= i/64 {
		*s = append(*s, 0)
	}
	(*s)[i/64] |= 1 << (i % 64)
}

// readFolio is one read of a folio: do_mpage_readpage while it has no
// buffers, block_read_full_folio once it has. It reports whether the
// folio is up to date.
func (fs *filesystem) readFolio(n *node, size, fi int64, st *folio, ahead bool, comm string) bool {
	if !st.buffers {
		ok, confused := fs.mpageRead(n, size, fi, ahead, comm)
		if !confused {
			return ok
		}
		st.buffers = true
	}
	return fs.readFullFolio(n, size, fi, st, comm)
}

// mpageRead is do_mpage_readpage: the folio's blocks mapped in runs and
// read in one bio if they lie on the disk in order with any hole only
// at the end. It is "confused" (and block_read_full_folio takes over)
// at a mapping error, a hole before a mapped block, or blocks out of
// order.
func (fs *filesystem) mpageRead(n *node, size, fi int64, ahead bool, comm string) (ok, confused bool) {
	bpp := fs.blocksPerPage()
	first, last := fi*bpp, fs.lastBlock(size)
	var phys []int64
	hole := false
	for b := first; b < first+bpp; {
		var p, count int64
		if b < last {
			var err error
			if p, count, err = fs.bmap(n, size, b); err != nil {
				return false, true
			}
		}
		if count == 0 {
			hole = true
			b++
			continue
		}
		if hole || len(phys) > 0 && phys[len(phys)-1] != p-1 {
			return false, true
		}
		for i := int64(0); i < count && b < first+bpp; i++ {
			phys = append(phys, p+i)
			b++
		}
	}
	if len(phys) == 0 {
		return true, false // all holes: zeros
	}
	flags := 0
	if ahead {
		flags = readFlagsAhead
	}
	return fs.checkEOD(comm, phys[0], int64(len(phys)), flags), false
}

// readFullFolio is block_read_full_folio: each buffer not yet read is
// mapped if it is not (a failure logs and leaves it unread), then read
// (a block past the disk logs and stays unread). The folio is up to
// date when every buffer is.
func (fs *filesystem) readFullFolio(n *node, size, fi int64, st *folio, comm string) bool {
	bpp := fs.blocksPerPage()
	first, last := fi*bpp, fs.lastBlock(size)
	var queued []int64
	for i := int64(0); i < bpp; i++ {
		bit := uint8(1) << i
		if st.uptodate&bit != 0 {
			continue
		}
		if st.mapped&bit == 0 {
			var err error
			if b := first + i; b < last {
				var p, count int64
				if p, count, err = fs.bmap(n, size, b); err == nil && count > 0 {
					st.mapped |= bit
					st.phys[i] = p
				}
			}
			if st.mapped&bit == 0 {
				if err == nil {
					st.uptodate |= bit // a hole, or past the end: zeros
				}
				continue
			}
		}
		queued = append(queued, i)
	}
	for _, i := range queued {
		if fs.checkEOD(comm, st.phys[i], 1, 0) {
			st.uptodate |= 1 << i
		} else if fs.k.RateLimit("buffer_io_error").Allow(fs.k, "buffer_io_error") {
			fs.k.Printk(vfs.KernErr + fmt.Sprintf("Buffer I/O error on dev %s, logical block %d, async page read", fs.name, st.phys[i]))
		}
	}
	return st.uptodate == uint8(1<<bpp-1)
}

// checkEOD is bio_check_eod for a read of count blocks at block: false,
// and the message, if it runs past the disk.
func (fs *filesystem) checkEOD(comm string, block, count int64, flags int) bool {
	spb := int64(fs.blockSize) / 512
	limit := fs.disk.Size() / 512
	sector, nr := block*spb, count*spb
	if nr <= limit && sector <= limit-nr {
		return true
	}
	if !fs.k.RateLimit("bio_check_eod").Allow(fs.k, "bio_check_eod") {
		return false
	}
	fs.k.Printk(vfs.KernInfo + fmt.Sprintf("%s: attempt to access beyond end of device\n%s: rw=%d, sector=%d, nr_sectors = %d limit=%d",
		comm, fs.name, flags, sector, nr, limit))
	return false
}

// lastBlock is the number of blocks size bytes take.
func (fs *filesystem) lastBlock(size int64) int64 {
	bs := int64(fs.blockSize)
	return (size + bs - 1) / bs
}

// bmap is fat_bmap for a block of a file below its size: the block on
// the disk it lies in and how many follow it in the same cluster; none
// (count 0) for a file without clusters. A chain that fails logs as
// fat_get_cluster and fat_bmap_cluster do.
func (fs *filesystem) bmap(n *node, size, b int64) (phys, count int64, err error) {
	if n.start == 0 {
		return 0, 0, nil
	}
	spc := int64(fs.secPerClus)
	c, err := fs.clusterAt(n, b/spc)
	if err != nil {
		return 0, 0, err
	}
	off := b % spc
	return fs.clusterOffset(c)/int64(fs.blockSize) + off, min(spc-off, fs.lastBlock(size)-b), nil
}

// clusterAt is fat_bmap_cluster: the cluster holding the file's cluster
// idx. n.mu held.
func (fs *filesystem) clusterAt(n *node, idx int64) (uint32, error) {
	if int64(len(n.chain)) <= idx {
		chain, err := fs.chain(n.start, n.chain, int(idx+1), n.ipos)
		if err != nil {
			return 0, err
		}
		n.chain = chain
	}
	if int64(len(n.chain)) <= idx {
		fs.fsError("fat_bmap_cluster: request beyond EOF (i_pos %d)", n.ipos)
		return 0, linux.EIO
	}
	return n.chain[idx], nil
}

// copyOut reads dst from an up-to-date folio's bytes at pos of the file
// (dst within the folio and the file's size): from the disk where the
// file has clusters, zeros where it has none. n.mu held.
func (fs *filesystem) copyOut(n *node, size, pos int64, dst []byte) error {
	bs := int64(fs.blockSize)
	for len(dst) > 0 {
		b, within := pos/bs, pos%bs
		p, count, err := fs.bmap(n, size, b)
		if err != nil {
			return err
		}
		if count == 0 {
			clear(dst) // no clusters: zeros
			return nil
		}
		chunk := dst[:min(int64(len(dst)), count*bs-within)]
		if err := fs.readAt(chunk, p*bs+within); err != nil {
			return err
		}
		dst, pos = dst[len(chunk):], pos+int64(len(chunk))
	}
	return nil
}
