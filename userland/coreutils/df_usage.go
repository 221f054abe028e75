// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"math"
	"math/big"
)

// fsUsage is what statfs(2) tells of a file system, in its own units.
// A count of dfUnknown (or one less) is not known.
type fsUsage struct {
	unit                uint64 // f_frsize, or f_bsize where that is 0
	blocks, free, avail uint64
	availBelowZero      bool // f_bavail read as a signed number is negative
	inodes, inodesFree  uint64
}

const dfUnknown = math.MaxUint64

// dfKnown tells a real count from the two all-ones markers.
func dfKnown(n uint64) bool { return n < math.MaxUint64-1 }

func unknownUsage() fsUsage {
	return fsUsage{unit: dfUnknown, blocks: dfUnknown, free: dfUnknown, avail: dfUnknown,
		inodes: dfUnknown, inodesFree: dfUnknown}
}

// fsUsageOf is statfs(2) of name.
func (r *dfReport) fsUsageOf(name string) (fsUsage, error) {
	c := r.c
	s, err := c.Task.Statfs(name)
	if err != nil {
		return fsUsage{}, err
	}
	u := fsUsage{unit: uint64(s.Frsize), blocks: s.Blocks, free: s.Bfree, avail: s.Bavail,
		availBelowZero: int64(s.Bavail) < 0, inodes: s.Files, inodesFree: s.Ffree}
	if u.unit == 0 {
		u.unit = uint64(s.Bsize)
	}
	return u, nil
}

// dfCount is a possibly negative, possibly unknown amount.
type dfCount struct {
	n     uint64 // magnitude
	neg   bool
	known bool
}

func (q dfCount) big() *big.Int {
	b := new(big.Int).SetUint64(q.n)
	if q.neg {
		b.Neg(b)
	}
	return b
}

// dfGauge is one side of a row, blocks or inodes: size, used, available,
// counted in units of unit bytes.
type dfGauge struct {
	unit              uint64
	size, used, avail dfCount
}

// newGauge builds a gauge from statfs counts; avail is negative where
// availNeg says so.
func newGauge(unit, size, free, avail uint64, availNeg bool) dfGauge {
	g := dfGauge{unit: unit, size: dfCount{n: size, known: dfKnown(size)}}
	switch {
	case !dfKnown(avail):
	case availNeg:
		g.avail = dfCount{n: -avail, neg: true, known: true}
	default:
		g.avail = dfCount{n: avail, known: true}
	}
	if dfKnown(size) && dfKnown(free) {
		if size >= free {
			g.used = dfCount{n: size - free, known: true}
		} else {
			g.used = dfCount{n: free - size, neg: true, known: true}
		}
	}
	return g
}

func (u fsUsage) blockGauge() dfGauge {
	return newGauge(u.unit, u.blocks, u.free, u.avail, u.availBelowZero && dfKnown(u.avail))
}

func (u fsUsage) inodeGauge() dfGauge {
	return newGauge(1, u.inodes, u.inodesFree, u.inodesFree, false)
}

// percent is the Use% cell: used over used plus available, rounded up;
// "-" where a part is unknown, the sum is zero or the share negative.
func (g dfGauge) percent() string {
	if !g.used.known || !g.avail.known {
		return "-"
	}
	used := g.used.big()
	whole := new(big.Int).Add(used, g.avail.big())
	if whole.Sign() == 0 {
		return "-"
	}
	num := new(big.Int).Mul(used, big.NewInt(100))
	if whole.Sign() < 0 {
		num.Neg(num)
		whole.Neg(whole)
	}
	if num.Sign() < 0 {
		return "-"
	}
	q, r := new(big.Int).QuoRem(num, whole, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.String() + "%"
}

// dfTotals adds up the rows for --total, in bytes (blocks) and inodes.
type dfTotals struct {
	blocks, free  uint64
	avail         dfCount
	inodes, ifree uint64
}

func (t *dfTotals) add(u fsUsage) {
	b := u.blockGauge()
	if dfKnown(u.inodes) {
		t.inodes += u.inodes
	}
	if dfKnown(u.inodesFree) {
		t.ifree += u.inodesFree
	}
	if dfKnown(u.blocks) {
		t.blocks += u.unit * u.blocks
	}
	if dfKnown(u.free) {
		t.free += u.unit * u.free
	}
	if b.avail.known {
		sum := new(big.Int).Add(t.avail.big(), new(big.Int).Mul(b.avail.big(), new(big.Int).SetUint64(u.unit)))
		t.avail = dfCount{n: new(big.Int).Abs(sum).Uint64(), neg: sum.Sign() < 0, known: true}
	}
}

// usage is the totals as one file system of 1-byte blocks.
func (t *dfTotals) usage() fsUsage {
	u := fsUsage{unit: 1, blocks: t.blocks, free: t.free, avail: t.avail.n,
		inodes: t.inodes, inodesFree: t.ifree}
	if t.avail.neg {
		u.avail, u.availBelowZero = -t.avail.n, true
	}
	return u
}
