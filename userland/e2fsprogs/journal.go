// SPDX-License-Identifier: Apache-2.0

package e2fsprogs

import (
	"encoding/binary"
	"errors"
)

// jbd2 superblock constants.
const (
	jbdMagic     = 0xC03B3998
	jbdSuperV2   = 4
	maxExtentLen = 32768 // an initialised extent's longest run
)

// defaultJournalBlocks is the journal length mke2fs picks for a
// filesystem of n blocks (0: too small for one).
func defaultJournalBlocks(n uint64) uint32 {
	switch {
	case n < 2048:
		return 0
	case n < 32768:
		return 1024
	case n < 256*1024:
		return 4096
	case n < 512*1024:
		return 8192
	case n < 4096*1024:
		return 16384
	case n < 8192*1024:
		return 32768
	case n < 16384*1024:
		return 65536
	case n < 32768*1024:
		return 131072
	}
	return 262144
}

// journalGoal is the first block of the group, near the middle of the
// filesystem, with the most free blocks, where the journal starts.
func (m *image) journalGoal() uint64 {
	g := m.g
	group := g.groupOf((g.blocks - g.firstData) / 2)
	flexSize := uint64(1) << m.p.logFlex
	var start uint64
	if m.p.logFlex != 0 && group > flexSize {
		group &^= flexSize - 1
		for group < g.groups && m.groups[group].freeBlocks == 0 {
			group++
		}
		if group == g.groups {
			group = 0
		}
		start = group
	} else if group > 0 {
		start = group - 1
	} else {
		start = group
	}
	end := group
	if group+1 < g.groups {
		end = group + 1
	}
	group = start
	for i := start + 1; i <= end; i++ {
		if m.groups[i].freeBlocks > m.groups[group].freeBlocks {
			group = i
		}
	}
	return g.groupFirst(group)
}

// journal makes the internal journal (inode 8): its blocks from the
// goal on, its superblock in the first of them.
func (m *image) journal() error {
	if err := m.makeJournal(); err != nil {
		return &journalError{err}
	}
	return nil
}

// journalError is a journal that could not be made, which mke2fs
// reports as such.
type journalError struct{ err error }

func (e *journalError) Error() string { return e.err.Error() }

// makeJournal lays the journal out.
func (m *image) makeJournal() error {
	n := uint64(m.p.journalBlocks)
	goal := m.journalGoal()
	r := m.inode(journalIno)
	le.PutUint16(r[0:], 0o100600)
	le.PutUint16(r[26:], 1)
	size := n * uint64(m.p.blockSize)
	le.PutUint32(r[4:], uint32(size))
	le.PutUint32(r[108:], uint32(size>>32))
	m.setTimes(r, true)
	var first uint64
	if m.usesExtents() {
		runs, err := m.takeRuns(goal, n)
		if err != nil {
			return err
		}
		if len(runs) > 4 {
			return errors.New("journal too fragmented")
		}
		m.mapBlocks(r, runs)
		m.addIBlocks(r, n)
		first = runs[0][0]
	} else {
		// A block-mapped journal starts where any new file of its
		// inode's group would: the middle goal is for extents only.
		var err error
		if first, err = m.mapIndirect(r, m.inodeGoal(journalIno), n); err != nil {
			return err
		}
	}
	m.zeroRuns = append(m.zeroRuns, [2]uint64{first, n})
	m.journalSuper(m.block(first), n)
	for i := range 15 {
		m.jnlBlocks[i] = le.Uint32(r[40+4*i:])
	}
	m.jnlBlocks[15] = le.Uint32(r[108:])
	m.jnlBlocks[16] = le.Uint32(r[4:])
	return nil
}

// takeRuns takes n free blocks from goal on as runs of at most an
// extent's length.
func (m *image) takeRuns(goal, n uint64) ([][2]uint64, error) {
	var runs [][2]uint64
	b := goal
	for n > 0 {
		blk, ok := m.findFree(b, 0, 1)
		if !ok {
			return nil, errNoSpace
		}
		m.useBlocks(blk, 1)
		if k := len(runs) - 1; k >= 0 && runs[k][0]+runs[k][1] == blk && runs[k][1] < maxExtentLen {
			runs[k][1]++
		} else {
			runs = append(runs, [2]uint64{blk, 1})
		}
		b = blk + 1
		n--
	}
	return runs, nil
}

// mapIndirect gives a block-mapped file n blocks from goal on, each
// indirect block taken just before the first block it maps; it returns
// the first data block.
func (m *image) mapIndirect(r []byte, goal, n uint64) (uint64, error) {
	apb := uint64(m.p.blockSize) / 4
	next := goal
	take := func() (uint64, error) {
		blk, err := m.newBlock(next)
		next = blk + 1
		m.addIBlocks(r, 1)
		return blk, err
	}
	var first, ind, dind uint64
	for l := range n {
		var err error
		switch {
		case l < 12:
		case l == 12:
			if ind, err = take(); err != nil {
				return 0, err
			}
			le.PutUint32(r[40+12*4:], uint32(ind))
		case l < 12+apb+apb*apb:
			if l == 12+apb {
				if dind, err = take(); err != nil {
					return 0, err
				}
				le.PutUint32(r[40+13*4:], uint32(dind))
			}
			if (l-12-apb)%apb == 0 {
				if ind, err = take(); err != nil {
					return 0, err
				}
				le.PutUint32(m.block(dind)[4*((l-12-apb)/apb):], uint32(ind))
			}
		default:
			return 0, errors.New("journal too large for a block-mapped file")
		}
		blk, err := take()
		if err != nil {
			return 0, err
		}
		switch {
		case l < 12:
			le.PutUint32(r[40+4*l:], uint32(blk))
		case l < 12+apb:
			le.PutUint32(m.block(ind)[4*(l-12):], uint32(blk))
		default:
			le.PutUint32(m.block(ind)[4*((l-12-apb)%apb):], uint32(blk))
		}
		if l == 0 {
			first = blk
		}
	}
	return first, nil
}

// journalSuper fills a version 2 journal superblock for an internal
// journal of n blocks.
func (m *image) journalSuper(b []byte, n uint64) {
	be := binary.BigEndian
	be.PutUint32(b[0:], jbdMagic)
	be.PutUint32(b[4:], jbdSuperV2)
	be.PutUint32(b[12:], m.p.blockSize)
	be.PutUint32(b[16:], uint32(n))
	be.PutUint32(b[20:], 1)
	be.PutUint32(b[24:], 1)
	copy(b[48:64], m.p.uuid[:])
	be.PutUint32(b[64:], 1)
}
