// SPDX-License-Identifier: Apache-2.0

// Package kernfs holds what the kernfs-based filesystems (sysfs, cgroup2)
// share: the order kernfs lists a directory in.
package kernfs

import (
	"cmp"
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// NameHash is kernfs_name_hash for a name without namespace tag: the
// dcache's partial_name_hash over the bytes (read as C's signed char),
// folded to 32 bits with hash_long, cut to 31 bits and kept clear of 0, 1
// and INT_MAX. A kernfs directory is read in the order of these hashes,
// and a directory offset is one.
func NameHash(name string) uint32 {
	var h uint64
	for i := 0; i < len(name); i++ {
		c := uint64(int64(int8(name[i])))
		h = (h + c<<4 + c>>4) * 11
	}
	const goldenRatio64 = 0x61C8864680B583EB
	v := uint32(h*goldenRatio64>>32) & 0x7fffffff
	if v < 2 {
		v += 2
	}
	if v >= 0x7fffffff {
		v = 0x7fffffff - 1
	}
	return v
}

// Order puts a directory's entries in the order kernfs_fop_readdir gives
// them, by name hash and then by name, each at the offset of its hash
// (names of one hash told apart by a low byte), in decreasing offsets as
// vfs.FileOperations.ReadDir wants them: a listing resumes after the last
// name it gave, whatever came and went.
func Order(ents []vfs.Dirent) []vfs.Dirent {
	slices.SortFunc(ents, func(a, b vfs.Dirent) int {
		if c := cmp.Compare(NameHash(a.Name), NameHash(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	rank := uint64(0)
	for i := range ents {
		h := NameHash(ents[i].Name)
		if i > 0 && NameHash(ents[i-1].Name) == h {
			rank++
		} else {
			rank = 0
		}
		ents[i].Off = uint64(0x80000000-h)<<8 | (255 - min(rank, 255))
	}
	return ents
}
