// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestDirTableAgreesWithMap drives a directory's child map and lock-free
// table through random adds, removals and renames and checks that the
// table answers exactly as the map does for every name, and that the
// ordered list (readdir's) holds the same children, ascending by position.
func TestDirTableAgreesWithMap(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	dirs := []*Dentry{NewRootDentry(nil), NewRootDentry(nil)}
	names := make([]string, 200)
	for i := range names {
		names[i] = fmt.Sprintf("n%d", i)
	}
	for step := 0; step < 20000; step++ {
		d := dirs[r.Intn(2)]
		name := names[r.Intn(len(names))]
		switch c := d.children[name]; {
		case c == nil:
			d.addChildLocked(name, &Inode{})
		case r.Intn(2) == 0:
			d.removeChildLocked(name)
		default:
			other := dirs[r.Intn(2)]
			to := names[r.Intn(len(names))]
			if other.children[to] == nil {
				d.moveLocked(name, other, to)
			}
		}
		if step%97 == 0 {
			checkTable(t, dirs, names)
		}
	}
	checkTable(t, dirs, names)
}

func checkTable(t *testing.T, dirs []*Dentry, names []string) {
	t.Helper()
	for di, d := range dirs {
		for _, n := range names {
			if got, want := d.fastLookup(n, hashName(n)), d.children[n]; got != want {
				t.Fatalf("dir %d name %s: table has %p, map has %p", di, n, got, want)
			}
		}
		checkOrder(t, d)
	}
}

func checkOrder(t *testing.T, d *Dentry) {
	t.Helper()
	live, holes := 0, 0
	for i, s := range d.order.slots {
		if i > 0 && s.seq <= d.order.slots[i-1].seq {
			t.Fatalf("order: position %d after %d", s.seq, d.order.slots[i-1].seq)
		}
		if s.d == nil {
			holes++
			continue
		}
		live++
		if c := d.children[s.ent.name]; c != s.d || c.seq != s.seq || c.Name() != s.ent.name {
			t.Fatalf("order: slot %d (%s at %d) is not the map's child", i, s.ent.name, s.seq)
		}
	}
	if live != len(d.children) || holes != d.order.holes {
		t.Fatalf("order: %d children and %d holes, map has %d, holes counted %d", live, holes, len(d.children), d.order.holes)
	}
}
