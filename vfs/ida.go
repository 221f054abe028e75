// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"math/bits"
	"sync"
)

// IDA hands out the lowest free integer in [min, max], like the kernel's
// IDA/allocating xarray (ida_alloc_range, __xa_alloc with XA_LIMIT). Used for
// mount IDs, peer group IDs and anonymous device minors.
type IDA struct {
	mu       sync.Mutex
	min, max int
	words    []uint64 // bit i set: min+i is in use
	hint     int      // no free bit below word hint
}

// NewIDA returns an allocator over [min, max].
func NewIDA(min, max int) *IDA { return &IDA{min: min, max: max} }

// Alloc returns the lowest free ID, or ok=false when the range is exhausted.
func (a *IDA) Alloc() (id int, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for w := a.hint; ; w++ {
		if w == len(a.words) {
			a.words = append(a.words, 0)
		}
		if a.words[w] == ^uint64(0) {
			continue
		}
		b := bits.TrailingZeros64(^a.words[w])
		id = a.min + w*64 + b
		if id > a.max {
			return 0, false
		}
		a.words[w] |= 1 << b
		a.hint = w
		return id, true
	}
}

// Free releases id; freeing an ID not allocated is a no-op.
func (a *IDA) Free(id int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := id - a.min
	if i < 0 || i/64 >= len(a.words) {
		return
	}
	a.words[i/64] &^= 1 << (i % 64)
	if i/64 < a.hint {
		a.hint = i / 64
	}
}
