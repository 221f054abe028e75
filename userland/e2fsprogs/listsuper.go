// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/linuxvfs/linuxvfs/fs/ext4"
)

// The superblock listing of tune2fs -l and dumpe2fs -h, as e2fsprogs
// 1.47.0 prints it: one "Name:" column 26 wide, then the value; lines
// for optional fields appear only when the field is set. Learnt from the
// host tools' output over many images and hand-edited superblocks.

// featureNames are the names listings give each feature bit, per word
// (compat, incompat, ro_compat); a bit without one prints as
// FEATURE_<word letter><bit>.
var featureNames = [3]map[uint]string{
	{0: "dir_prealloc", 1: "imagic_inodes", 2: "has_journal", 3: "ext_attr", 4: "resize_inode",
		5: "dir_index", 6: "lazy_bg", 8: "snapshot_bitmap", 9: "sparse_super2", 10: "fast_commit",
		11: "stable_inodes", 12: "orphan_file"},
	{0: "compression", 1: "filetype", 2: "needs_recovery", 3: "journal_dev", 4: "meta_bg",
		6: "extent", 7: "64bit", 8: "mmp", 9: "flex_bg", 10: "ea_inode", 12: "dirdata",
		13: "metadata_csum_seed", 14: "large_dir", 15: "inline_data", 16: "encrypt", 17: "casefold"},
	{0: "sparse_super", 1: "large_file", 3: "huge_file", 4: "uninit_bg", 5: "dir_nlink",
		6: "extra_isize", 8: "quota", 9: "bigalloc", 10: "metadata_csum", 11: "replica",
		12: "read-only", 13: "project", 14: "shared_blocks", 15: "verity", 16: "orphan_present"},
}

// mountOptNames are s_default_mount_opts' bits (the journal mode, bits
// 5-6, is a value of its own).
var mountOptNames = map[uint]string{0: "debug", 1: "bsdgroups", 2: "user_xattr", 3: "acl",
	4: "uid16", 8: "nobarrier", 9: "block_validity", 10: "discard", 11: "nodelalloc"}

// compatOrphanFile is the orphan_file feature, whose inode is listed
// whatever its number.
const compatOrphanFile = 0x1000

var journalModes = [4]string{"", "journal_data", "journal_data_ordered", "journal_data_writeback"}

var hashNames = map[uint8]string{0: "legacy", 1: "half_md4", 2: "tea", 3: "legacy_unsigned",
	4: "half_md4_unsigned", 5: "tea_unsigned", 6: "siphash"}

var osNames = []string{"Linux", "Hurd", "Masix", "FreeBSD", "Lites"}

// owners names the reserved blocks' uid and gid ("" for none).
type owners struct{ user, group func(uint32) string }

// featureList is the features line's value.
func featureList(s *ext4.SuperInfo) string {
	return namedBits([3]uint32{s.Compat, s.Incompat, s.RoCompat}, &featureNames)
}

// namedBits lists the set bits of compat, incompat and ro-compat words
// by name, an unnamed one as FEATURE_<C|I|R><bit>; "(none)" for none.
func namedBits(words [3]uint32, names *[3]map[uint]string) string {
	var out []string
	for w, word := range words {
		for bit := uint(0); bit < 32; bit++ {
			if word&(1<<bit) == 0 {
				continue
			}
			name, ok := names[w][bit]
			if !ok {
				name = fmt.Sprintf("FEATURE_%c%d", "CIR"[w], bit)
			}
			out = append(out, name)
		}
	}
	if out == nil {
		return "(none)"
	}
	return strings.Join(out, " ")
}

// mountOptList is the default mount options line's value.
func mountOptList(opts uint32) string {
	var names []string
	if opts&0x60 != 0 {
		names = append(names, journalModes[opts>>5&3])
	}
	for bit := uint(0); bit < 32; bit++ {
		if bit == 5 || bit == 6 || opts&(1<<bit) == 0 {
			continue
		}
		name, ok := mountOptNames[bit]
		if !ok {
			name = fmt.Sprintf("MNTOPT_%d", bit)
		}
		names = append(names, name)
	}
	if names == nil {
		return "(none)"
	}
	return strings.Join(names, " ")
}

// flagList is the filesystem flags line's value: each name followed by
// a space.
func flagList(flags uint32) string {
	var b strings.Builder
	for bit, name := range []string{"signed_directory_hash", "unsigned_directory_hash", "test_filesystem"} {
		if flags&(1<<bit) != 0 {
			b.WriteString(name + " ")
		}
	}
	if b.Len() == 0 {
		return "(none)"
	}
	return b.String()
}

// uuidText is a UUID in its usual form, "<none>" when all zero.
func uuidText(u [16]byte) string {
	if u == [16]byte{} {
		return "<none>"
	}
	return uuidString(u)
}

// ctime is the C library's ctime without its newline, in UTC (the
// virtual system's only zone).
func ctime(sec uint32) string {
	return time.Unix(int64(sec), 0).UTC().Format("Mon Jan _2 15:04:05 2006")
}

// intervalText spells a check interval as months (of 30 days), weeks,
// days and a h:mm:ss rest.
func intervalText(secs uint32) string {
	if secs == 0 {
		return "<none>"
	}
	const day = 86400
	var parts []string
	for _, u := range []struct {
		n    uint32
		name string
	}{{30 * day, "month"}, {7 * day, "week"}, {day, "day"}} {
		if k := secs / u.n; k > 0 {
			s := fmt.Sprintf("%d %s", k, u.name)
			if k > 1 {
				s += "s"
			}
			parts = append(parts, s)
			secs %= u.n
		}
	}
	if secs > 0 {
		parts = append(parts, fmt.Sprintf("%d:%02d:%02d", secs/3600, secs/60%60, secs%60))
	}
	return strings.Join(parts, ", ")
}

// writesText is the lifetime writes in the largest unit that keeps the
// number at or above 8192 of the next one down.
func writesText(kb uint64) string {
	units := []string{"kB", "MB", "GB", "TB", "PB"}
	u := 0
	for kb >= 8192 && u < len(units)-1 {
		kb >>= 10
		u++
	}
	return fmt.Sprintf("%d %s", kb, units[u])
}

// stateText is the filesystem state line's value.
func stateText(state uint16) string {
	s := "not clean"
	if state&1 != 0 {
		s = "clean"
	}
	if state&2 != 0 {
		s += " with errors"
	}
	return s
}

// errorsText is the errors behaviour line's value.
func errorsText(e uint16) string {
	switch e {
	case 1:
		return "Continue"
	case 2:
		return "Remount read-only"
	case 3:
		return "Panic"
	}
	return "Unknown (continue)"
}

// listSuper writes the superblock listing.
func listSuper(w io.Writer, s *ext4.SuperInfo, who owners) {
	line := func(name, format string, a ...any) {
		fmt.Fprintf(w, "%-26s"+format+"\n", append([]any{name + ":"}, a...)...)
	}
	or := func(v, none string) string {
		if v == "" {
			return none
		}
		return v
	}
	line("Filesystem volume name", "%s", or(s.VolumeName, "<none>"))
	line("Last mounted on", "%s", or(s.LastMounted, "<not available>"))
	line("Filesystem UUID", "%s", uuidText(s.UUID))
	line("Filesystem magic number", "0x%04X", s.Magic)
	rev := map[uint32]string{0: "original", 1: "dynamic"}[s.RevLevel]
	line("Filesystem revision #", "%d (%s)", s.RevLevel, or(rev, "unknown"))
	line("Filesystem features", "%s", featureList(s))
	line("Filesystem flags", "%s", flagList(s.Flags))
	line("Default mount options", "%s", mountOptList(s.DefaultMountOpts))
	if s.MountOpts != "" {
		line("Mount options", "%s", s.MountOpts)
	}
	line("Filesystem state", "%s", stateText(s.State))
	line("Errors behavior", "%s", errorsText(s.Errors))
	osName := "(unknown os)"
	if int(s.CreatorOS) < len(osNames) {
		osName = osNames[s.CreatorOS]
	}
	line("Filesystem OS type", "%s", osName)
	listCounts(line, s)
	listTimes(line, s)
	listOwners(line, s, who)
	listTail(w, line, s)
}

type lineFunc func(name, format string, a ...any)

// listCounts is the geometry: counts, sizes and groups.
func listCounts(line lineFunc, s *ext4.SuperInfo) {
	bigalloc := s.RoCompat&roBigalloc != 0
	line("Inode count", "%d", s.InodesCount)
	line("Block count", "%d", s.BlocksCount)
	line("Reserved block count", "%d", s.RBlocksCount)
	if s.OverheadClusters != 0 {
		line("Overhead clusters", "%d", s.OverheadClusters)
	}
	line("Free blocks", "%d", s.FreeBlocks)
	line("Free inodes", "%d", s.FreeInodes)
	line("First block", "%d", s.FirstDataBlock)
	line("Block size", "%d", 1024<<s.LogBlockSize)
	if bigalloc {
		line("Cluster size", "%d", 1024<<s.LogClusterSize)
	} else {
		line("Fragment size", "%d", 1024<<s.LogClusterSize)
	}
	if s.Incompat&inc64bit != 0 {
		line("Group descriptor size", "%d", s.DescSize)
	}
	if s.ReservedGdtBlocks != 0 {
		line("Reserved GDT blocks", "%d", s.ReservedGdtBlocks)
	}
	line("Blocks per group", "%d", s.BlocksPerGroup)
	if bigalloc {
		line("Clusters per group", "%d", s.ClustersPerGroup)
	} else {
		line("Fragments per group", "%d", s.ClustersPerGroup)
	}
	line("Inodes per group", "%d", s.InodesPerGroup)
	line("Inode blocks per group", "%d", inodeBlocksPerGroup(s))
	if s.RaidStride != 0 {
		line("RAID stride", "%d", s.RaidStride)
	}
	if s.RaidStripeWidth != 0 {
		line("RAID stripe width", "%d", s.RaidStripeWidth)
	}
	if s.FirstMetaBg != 0 {
		line("First meta block group", "%d", s.FirstMetaBg)
	}
	if s.LogGroupsPerFlex != 0 {
		line("Flex block group size", "%d", uint64(1)<<s.LogGroupsPerFlex)
	}
}

// inodeBlocksPerGroup is the blocks an inode table takes; revision 0
// has 128-byte inodes whatever the field says.
func inodeBlocksPerGroup(s *ext4.SuperInfo) uint64 {
	size := uint64(s.InodeSize)
	if s.RevLevel == 0 {
		size = 128
	}
	bs := uint64(1024) << s.LogBlockSize
	return (uint64(s.InodesPerGroup)*size + bs - 1) / bs
}

// listTimes is the dates, mount counts and check interval.
func listTimes(line lineFunc, s *ext4.SuperInfo) {
	if s.MkfsTime != 0 {
		line("Filesystem created", "%s", ctime(s.MkfsTime))
	}
	if s.Mtime != 0 {
		line("Last mount time", "%s", ctime(s.Mtime))
	} else {
		line("Last mount time", "n/a")
	}
	line("Last write time", "%s", ctime(s.Wtime))
	line("Mount count", "%d", s.MntCount)
	line("Maximum mount count", "%d", s.MaxMntCount)
	line("Last checked", "%s", ctime(s.LastCheck))
	line("Check interval", "%d (%s)", s.CheckInterval, intervalText(s.CheckInterval))
	if s.CheckInterval != 0 {
		line("Next check after", "%s", ctime(s.LastCheck+s.CheckInterval))
	}
	if s.KbytesWritten != 0 {
		line("Lifetime writes", "%s", writesText(s.KbytesWritten))
	}
}

// listOwners is the reserved blocks' owner lines.
func listOwners(line lineFunc, s *ext4.SuperInfo, who owners) {
	name := func(n string) string {
		if n == "" {
			return "unknown"
		}
		return n
	}
	line("Reserved blocks uid", "%d (user %s)", s.DefResuid, name(who.user(uint32(s.DefResuid))))
	line("Reserved blocks gid", "%d (group %s)", s.DefResgid, name(who.group(uint32(s.DefResgid))))
}

// listTail is the inode, journal, hash, error and checksum lines.
func listTail(w io.Writer, line lineFunc, s *ext4.SuperInfo) {
	if s.RevLevel >= 1 {
		line("First inode", "%d", s.FirstIno)
		// The one line padded with a tab, then spaces.
		fmt.Fprintf(w, "Inode size:\t          %d\n", s.InodeSize)
		if s.MinExtraIsize != 0 {
			line("Required extra isize", "%d", s.MinExtraIsize)
		}
		if s.WantExtraIsize != 0 {
			line("Desired extra isize", "%d", s.WantExtraIsize)
		}
	}
	if s.JournalUUID != [16]byte{} {
		line("Journal UUID", "%s", uuidText(s.JournalUUID))
	}
	if s.JournalInum != 0 {
		line("Journal inode", "%d", s.JournalInum)
	}
	if s.JournalDev != 0 {
		line("Journal device", "0x%04x", s.JournalDev)
	}
	if s.LastOrphan != 0 {
		line("First orphan inode", "%d", s.LastOrphan)
	}
	if s.Compat&compatDirIndex != 0 || s.DefHashVersion != 0 {
		hash, ok := hashNames[s.DefHashVersion]
		if !ok {
			hash = fmt.Sprintf("HASHALG_%d", s.DefHashVersion)
		}
		line("Default directory hash", "%s", hash)
	}
	if s.HashSeed != [16]byte{} {
		line("Directory Hash Seed", "%s", uuidText(s.HashSeed))
	}
	if s.JnlBackupType != 0 {
		if s.JnlBackupType == 1 {
			line("Journal backup", "inode blocks")
		} else {
			line("Journal backup", "type %d", s.JnlBackupType)
		}
	}
	listRare(line, s)
}

// listRare is what only unusual filesystems show: sparse_super2's
// backups, snapshots, error records, MMP, quota and orphan inodes.
func listRare(line lineFunc, s *ext4.SuperInfo) {
	if s.BackupBgs != [2]uint32{} {
		var b strings.Builder
		for _, g := range s.BackupBgs {
			if g != 0 {
				fmt.Fprintf(&b, "%d ", g)
			}
		}
		line("Backup block groups", "%s", b.String())
	}
	if s.SnapshotInum != 0 {
		line("Snapshot inode", "%d", s.SnapshotInum)
		line("Snapshot ID", "%d", s.SnapshotID)
		line("Snapshot reserved blocks", "%d", s.SnapshotRBlocks)
	}
	if s.SnapshotList != 0 {
		line("Snapshot list head", "%d", s.SnapshotList)
	}
	if s.ErrorCount != 0 {
		line("FS Error count", "%d", s.ErrorCount)
	}
	listError(line, "First", s.FirstError)
	listError(line, "Last", s.LastError)
	if s.Incompat&incMMP != 0 {
		line("MMP block number", "%d", s.MMPBlock)
		line("MMP update interval", "%d", s.MMPInterval)
	}
	for _, q := range []struct {
		name string
		ino  uint32
	}{{"User", s.UsrQuotaInum}, {"Group", s.GrpQuotaInum}, {"Project", s.PrjQuotaInum}} {
		if q.ino != 0 {
			line(q.name+" quota inode", "%d", q.ino)
		}
	}
	if s.RoCompat&roMetadataCsum != 0 {
		if s.ChecksumType == 1 {
			line("Checksum type", "crc32c")
		} else {
			line("Checksum type", "unknown")
		}
		line("Checksum", "0x%08x", s.Checksum)
	}
	if s.Incompat&incCsumSeed != 0 {
		line("Checksum seed", "0x%08x", s.ChecksumSeed)
	}
	if s.Compat&compatOrphanFile != 0 {
		line("Orphan file inode", "%d", s.OrphanFileInum)
	}
}

// listError is one error record's lines, when it has a time.
func listError(line lineFunc, which string, e ext4.ErrorRecord) {
	if e.Time == 0 {
		return
	}
	line(which+" error time", "%s", ctime(e.Time))
	line(which+" error function", "%s", e.Func)
	line(which+" error line #", "%d", e.Line)
	if e.Ino != 0 {
		line(which+" error inode #", "%d", e.Ino)
	}
	if e.Block != 0 {
		line(which+" error block #", "%d", e.Block)
	}
	if e.Errcode != 0 {
		line(which+" error err", "%d", e.Errcode)
	}
}
