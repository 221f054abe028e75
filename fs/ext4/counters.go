// SPDX-License-Identifier: Apache-2.0

package ext4

// The filesystem-wide counts ext4 keeps per CPU (s_freeinodes_counter,
// s_freeclusters_counter, s_dirs_counter) are read without adding up
// the CPUs' shares (percpu_counter_read_positive), and the inode
// allocator decides with those reads: right after the mount they are
// exact, and after a few allocations they still say what they said at
// the mount, so that a group's exact count falls below the "average"
// and find_group_orlov takes its fallback (on Linux 6.18 the second
// top-level directory of a fresh filesystem goes to group 1, the first
// to group 0). A share is folded into the total once it reaches the
// batch, 32 on machines of up to 16 CPUs; one CPU is modelled.

const percpuBatch = 32

// lazyCount is one such count: the total as last folded, and the share
// not folded yet.
type lazyCount struct{ total, share int64 }

func (c *lazyCount) add(n int64) {
	if c.share += n; c.share >= percpuBatch || c.share <= -percpuBatch {
		c.total += c.share
		c.share = 0
	}
}

// read is percpu_counter_read_positive.
func (c *lazyCount) read() uint64 { return uint64(max(c.total, 0)) }

// allocCounts are the three counts, under fs.wmu once mounted.
type allocCounts struct{ freeInodes, freeBlocks, dirs lazyCount }

// initCounts sets them from the group descriptors at mount time.
func (fs *filesystem) initCounts() {
	var c allocCounts
	for _, g := range fs.groups {
		c.freeInodes.total += int64(g.freeInodes)
		c.freeBlocks.total += int64(g.freeBlocks)
		c.dirs.total += int64(g.usedDirs)
	}
	fs.counts = c
}
