// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"strings"
)

// fsTypeProfile is one [fs_types] stanza of mke2fs.conf: what a
// filesystem or usage type sets.
type fsTypeProfile struct {
	features   string
	blockSize  int // -1: the page size
	inodeRatio uint64
	inodeSize  uint32
	noY2038    bool // warn_y2038_dates = 0: no warning for small inodes
}

// The defaults of this system's /etc/mke2fs.conf (e2fsprogs 1.47.0).
const (
	baseFeatures     = "sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr"
	defaultBlockSize = 4096
	defaultInodeSize = 256
	defaultRatio     = 16384
	defaultMountOpts = 0x000c // user_xattr,acl
)

var fsTypes = map[string]fsTypeProfile{
	"ext3":       {features: "has_journal"},
	"ext4":       {features: "has_journal,extent,huge_file,flex_bg,metadata_csum,64bit,dir_nlink,extra_isize"},
	"small":      {blockSize: 1024, inodeRatio: 4096},
	"floppy":     {blockSize: 1024, inodeRatio: 8192},
	"big":        {inodeRatio: 32768},
	"huge":       {inodeRatio: 65536},
	"news":       {inodeRatio: 4096},
	"largefile":  {inodeRatio: 1048576, blockSize: -1},
	"largefile4": {inodeRatio: 4194304, blockSize: -1},
	"hurd":       {blockSize: 4096, inodeSize: 128, noY2038: true},
}

// featureBits names the features -O and the profile may set.
var featureBits = map[string]features{
	"has_journal":        {compat: compatHasJournal},
	"ext_attr":           {compat: compatExtAttr},
	"resize_inode":       {compat: compatResizeInode},
	"dir_index":          {compat: compatDirIndex},
	"sparse_super":       {roCompat: roSparseSuper},
	"large_file":         {roCompat: roLargeFile},
	"huge_file":          {roCompat: roHugeFile},
	"uninit_bg":          {roCompat: roGdtCsum},
	"uninit_groups":      {roCompat: roGdtCsum},
	"gdt_csum":           {roCompat: roGdtCsum},
	"dir_nlink":          {roCompat: roDirNlink},
	"extra_isize":        {roCompat: roExtraIsize},
	"metadata_csum":      {roCompat: roMetadataCsum},
	"filetype":           {incompat: incFiletype},
	"extent":             {incompat: incExtents},
	"extents":            {incompat: incExtents},
	"64bit":              {incompat: inc64bit},
	"flex_bg":            {incompat: incFlexBg},
	"large_dir":          {incompat: incLargedir},
	"metadata_csum_seed": {incompat: incCsumSeed},
}

// editFeatures applies a comma (or space) separated feature list, each
// name optionally prefixed with ^ (or -) to clear it; it returns the
// first unknown name.
func editFeatures(f *features, list string) (string, bool) {
	for _, w := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		clear := false
		if w[0] == '^' || w[0] == '-' {
			clear, w = true, w[1:]
		} else if w[0] == '+' {
			w = w[1:]
		}
		if strings.EqualFold(w, "none") || strings.EqualFold(w, "clear") {
			*f = features{}
			continue
		}
		b, ok := featureBits[strings.ToLower(w)]
		if !ok {
			return w, false
		}
		if clear {
			f.compat &^= b.compat
			f.incompat &^= b.incompat
			f.roCompat &^= b.roCompat
		} else {
			f.compat |= b.compat
			f.incompat |= b.incompat
			f.roCompat |= b.roCompat
		}
	}
	return "", true
}

// usageType is the size class mke2fs picks when -T is not given, from
// the length in blocks of blockSize bytes.
func usageType(blocks uint64, blockSize uint64) string {
	meg := (1024 * 1024) / blockSize
	switch {
	case blocks < 3*meg:
		return "floppy"
	case blocks < 512*meg:
		return "small"
	case blocks < 4*1024*1024*meg:
		return "default"
	case blocks < 16*1024*1024*meg:
		return "big"
	}
	return "huge"
}
