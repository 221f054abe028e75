// SPDX-License-Identifier: Apache-2.0

package fat

import (
	"encoding/binary"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// entEOF is FAT_ENT_EOF: what fat_ent_read gives for an end-of-chain
// (or bad-cluster) mark; entFree is FAT_ENT_FREE.
const (
	entEOF  = ^uint32(0)
	entFree = 0
)

// loadFat reads the first FAT, as far as the clusters go, once: every
// lookup of a chain reads it.
func (fs *filesystem) loadFat() ([]byte, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.fat != nil {
		return fs.fat, nil
	}
	// As much of it as the disk holds: an entry past the end is a
	// failed read when asked for.
	n := fs.entryEnd(fs.maxCluster)
	start := int64(fs.fatStart) * int64(fs.blockSize)
	n = max(0, min(n, fs.disk.Size()-start))
	b := make([]byte, n)
	if n > 0 {
		if _, err := fs.disk.ReadAt(b, start); err != nil {
			return nil, linux.EIO
		}
	}
	fs.fat = b
	return b, nil
}

// entryEnd is the byte just past cluster c's entry in the FAT.
func (fs *filesystem) entryEnd(c uint32) int64 {
	switch fs.fatBits {
	case 12:
		return int64(c) + int64(c/2) + 2
	case 16:
		return 2*int64(c) + 2
	}
	return 4*int64(c) + 4
}

// entry is fat_ent_read: the FAT's value for cluster c, entEOF for an end
// mark; a cluster outside the data area is "invalid access to FAT".
func (fs *filesystem) entry(c uint32) (uint32, error) {
	if c < startEnt || c >= fs.maxCluster {
		fs.fsError("invalid access to FAT (entry 0x%08x)", c)
		return 0, linux.EIO
	}
	fat, err := fs.loadFat()
	if err != nil {
		return 0, err
	}
	if fs.entryEnd(c) > int64(len(fat)) {
		blk := int64(fs.fatStart) + (fs.entryEnd(c)-1)/int64(fs.blockSize)
		fs.msgLimited("fat_ent_bread", vfs.KernErr, "FAT read failed (blocknr %d)", blk)
		return 0, linux.EIO
	}
	return fs.decode(fat, c), nil
}

// decode is fat12_ent_get, fat16_ent_get and fat32_ent_get: the value
// of c, with the marks at and above BAD_FAT* as entEOF.
func (fs *filesystem) decode(fat []byte, c uint32) uint32 {
	le := binary.LittleEndian
	var next uint32
	switch fs.fatBits {
	case 12:
		off := c + c/2
		v := uint32(le.Uint16(fat[off:]))
		if c&1 != 0 {
			next = v >> 4
		} else {
			next = v & 0xfff
		}
		if next >= 0xff7 {
			return entEOF
		}
	case 16:
		next = uint32(le.Uint16(fat[2*c:]))
		if next >= 0xfff7 {
			return entEOF
		}
	default:
		next = le.Uint32(fat[4*c:]) & 0x0fffffff
		if next >= 0x0ffffff7 {
			return entEOF
		}
	}
	return next
}

// entriesIn is how many FAT entries n bytes hold.
func (fs *filesystem) entriesIn(n int) int64 {
	return int64(n) * 8 / int64(fs.fatBits)
}

// chain is fat_get_cluster walking from start: the clusters of a chain,
// at most want of them (all, to the end mark, if want is negative). A
// chain longer than the clusters there are loops; a free entry in it is
// corruption. ipos names the inode in the messages. known, if not empty,
// is the start of the chain walked before (fat_cache_lookup's part): the
// walk goes on from its end.
func (fs *filesystem) chain(start uint32, known []uint32, want int, ipos int64) ([]uint32, error) {
	if start < startEnt || start >= fs.maxCluster {
		fs.fsErrorLimited("fat_get_cluster", "fat_get_cluster: invalid start cluster (i_pos %d, start %08x)", ipos, start)
		return nil, linux.EIO
	}
	// A chain longer than the clusters there are loops. Only the
	// entries the disk holds can be read, which bounds it sooner than
	// the kernel's s_maxbytes limit on a short image.
	fat, err := fs.loadFat()
	if err != nil {
		return nil, err
	}
	limit := int(min(int64(fs.maxCluster-startEnt), fs.entriesIn(len(fat))))
	out := known
	if len(out) == 0 {
		out = []uint32{start}
	}
	for c := out[len(out)-1]; want < 0 || len(out) < want; {
		if len(out) > limit {
			fs.fsErrorLimited("fat_get_cluster", "fat_get_cluster: detected the cluster chain loop (i_pos %d)", ipos)
			return nil, linux.EIO
		}
		next, err := fs.entry(c)
		if err != nil {
			return nil, err
		}
		switch next {
		case entFree:
			fs.fsErrorLimited("fat_get_cluster", "fat_get_cluster: invalid cluster chain (i_pos %d)", ipos)
			return nil, linux.EIO
		case entEOF:
			return out, nil
		}
		out = append(out, next)
		c = next
	}
	return out, nil
}

// countFree is fat_count_free_clusters, once: the free entries of the
// FAT, unless FSINFO's count is trusted.
func (fs *filesystem) countFree() (int64, error) {
	fs.mu.Lock()
	if fs.freeClusters != -1 && fs.freeValid {
		defer fs.mu.Unlock()
		return fs.freeClusters, nil
	}
	fs.mu.Unlock()
	fat, err := fs.loadFat()
	if err != nil {
		return 0, err
	}
	var free int64
	for c := uint32(startEnt); c < fs.maxCluster; c++ {
		if fs.entryEnd(c) > int64(len(fat)) {
			return 0, linux.EIO
		}
		if fs.decode(fat, c) == entFree {
			free++
		}
	}
	fs.mu.Lock()
	fs.freeClusters, fs.freeValid = free, true
	fs.mu.Unlock()
	return free, nil
}

// clusterOffset is fat_clus_to_blknr in bytes.
func (fs *filesystem) clusterOffset(c uint32) int64 {
	return (int64(fs.dataStart) + int64(c-startEnt)*int64(fs.secPerClus)) * int64(fs.blockSize)
}

// readAt reads p at off of the disk; a short read is EIO, as a failed
// bread is.
func (fs *filesystem) readAt(p []byte, off int64) error {
	if off < 0 || off+int64(len(p)) > fs.disk.Size() {
		return linux.EIO
	}
	if _, err := fs.disk.ReadAt(p, off); err != nil {
		return linux.EIO
	}
	return nil
}
