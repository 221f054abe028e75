// SPDX-License-Identifier: Apache-2.0

package libfs

import (
	"math/rand"
	"testing"
)

// TestPageTableAgreesWithMap drives a page table and a map through random
// inserts (near and far indexes, so the tree grows several levels) and
// truncations, and checks lookups, counts and the data/hole search.
func TestPageTableAgreesWithMap(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var pt pageTable
	model := map[int64]*page{}
	freed := 0
	free := func(p *page) { freed++ }
	index := func() int64 {
		switch r.Intn(4) {
		case 0:
			return r.Int63n(64)
		case 1:
			return r.Int63n(5000)
		case 2:
			return r.Int63n(1 << 20)
		}
		return r.Int63n(1 << 45)
	}
	for step := 0; step < 20000; step++ {
		if r.Intn(50) == 0 {
			keep := index()
			if r.Intn(4) == 0 {
				keep = 0
			}
			freed = 0
			n := pt.truncate(keep, free)
			want := 0
			for i := range model {
				if i >= keep {
					delete(model, i)
					want++
				}
			}
			if n != int64(want) || freed != want {
				t.Fatalf("truncate(%d) freed %d (handed %d), want %d", keep, n, freed, want)
			}
		} else {
			i := index()
			s := pt.slot(i)
			if (*s == nil) != (model[i] == nil) {
				t.Fatalf("slot %d: tree %p, map %p", i, *s, model[i])
			}
			if *s == nil {
				*s = new(page)
				pt.count++
				model[i] = *s
			}
		}
		if pt.count != int64(len(model)) {
			t.Fatalf("step %d: count %d, map has %d", step, pt.count, len(model))
		}
		if step%101 == 0 {
			checkPages(t, &pt, model, r)
		}
	}
}

func checkPages(t *testing.T, pt *pageTable, model map[int64]*page, r *rand.Rand) {
	t.Helper()
	for i, p := range model {
		if got := pt.get(i); got != p {
			t.Fatalf("get(%d) = %p, want %p", i, got, p)
		}
		if got := pt.get(i + 1); got != model[i+1] {
			t.Fatalf("get(%d) = %p, want %p", i+1, got, model[i+1])
		}
	}
	for k := 0; k < 20; k++ {
		from := r.Int63n(1 << 21)
		limit := from + r.Int63n(1<<21)
		data := int64(-1) // the first page in [from, limit)
		for i := range model {
			if i >= from && i < limit && (data < 0 || i < data) {
				data = i
			}
		}
		hole := from // the first hole
		for model[hole] != nil {
			hole++
		}
		if hole >= limit {
			hole = -1
		}
		if got := pt.next(from, limit, true); got != data {
			t.Fatalf("next(%d, %d, data) = %d, want %d", from, limit, got, data)
		}
		if got := pt.next(from, limit, false); got != hole {
			t.Fatalf("next(%d, %d, hole) = %d, want %d", from, limit, got, hole)
		}
	}
}

// TestNewPageZeroes checks that a recycled page comes back zeroed outside
// the range the write will cover.
func TestNewPageZeroes(t *testing.T) {
	for try := 0; try < 100; try++ {
		p := new(page)
		for i := range p {
			p[i] = 0xff
		}
		releasePage(p)
		q := newPage(100, 200)
		for i, b := range q {
			if (i < 100 || i >= 200) && b != 0 {
				t.Fatalf("byte %d of a new page is %#x", i, b)
			}
		}
	}
}
