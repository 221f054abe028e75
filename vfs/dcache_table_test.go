// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestDirTableAgreesWithMap drives two directories through random adds,
// removals, renames and exchanges, keeping a map of what each should hold,
// and checks that the lock-free table, the locked lookup and the ordered
// list (readdir's) all agree with it.
func TestDirTableAgreesWithMap(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	dirs := []*Dentry{NewRootDentry(nil), NewRootDentry(nil)}
	model := []map[string]*Dentry{{}, {}}
	names := make([]string, 200)
	for i := range names {
		names[i] = fmt.Sprintf("n%d", i)
	}
	for step := 0; step < 20000; step++ {
		di := r.Intn(2)
		d, name := dirs[di], names[r.Intn(len(names))]
		oi := r.Intn(2)
		other, to := dirs[oi], names[r.Intn(len(names))]
		switch c := model[di][name]; {
		case c == nil:
			model[di][name] = d.addChildLocked(name, &Inode{})
		case r.Intn(3) == 0:
			d.removeChildLocked(name)
			delete(model[di], name)
		case r.Intn(2) == 0:
			if model[oi][to] == nil {
				d.moveLocked(name, c, other, to)
				delete(model[di], name)
				model[oi][to] = c
			}
		default:
			if target := model[oi][to]; target != nil && target != c {
				exchange(d, name, c, other, to, target)
				model[di][name], model[oi][to] = target, c
			}
		}
		if step%97 == 0 {
			checkTable(t, dirs, model, names)
		}
	}
	checkTable(t, dirs, model, names)
}

// exchange is finishRename's d_exchange without the kernel around it.
func exchange(odir *Dentry, oname string, old *Dentry, ndir *Dentry, nname string, target *Dentry) {
	oseq, tseq := old.seq, target.seq
	odir.unhashLocked(oname, old)
	ndir.unhashLocked(nname, target)
	old.setWhere(ndir, nname)
	target.setWhere(odir, oname)
	ndir.insertAtLocked(nname, old, tseq)
	odir.insertAtLocked(oname, target, oseq)
}

func checkTable(t *testing.T, dirs []*Dentry, model []map[string]*Dentry, names []string) {
	t.Helper()
	for di, d := range dirs {
		for _, n := range names {
			want := model[di][n]
			if got := d.fastLookup(n, hashName(n)); got != want {
				t.Fatalf("dir %d name %s: table has %p, model %p", di, n, got, want)
			}
			if got := d.childLocked(n); got != want {
				t.Fatalf("dir %d name %s: locked lookup gives %p, model %p", di, n, got, want)
			}
		}
		checkOrder(t, d, model[di])
	}
}

func checkOrder(t *testing.T, d *Dentry, model map[string]*Dentry) {
	t.Helper()
	if d.kids == nil {
		if len(model) != 0 {
			t.Fatalf("order: none, model has %d", len(model))
		}
		return
	}
	o := &d.kids.order
	live, holes := 0, 0
	for i, s := range o.slots {
		if i > 0 && s.seq <= o.slots[i-1].seq {
			t.Fatalf("order: position %d after %d", s.seq, o.slots[i-1].seq)
		}
		if s.ent.name == "" {
			holes++
			continue
		}
		live++
		if c := model[s.ent.name]; c == nil || c.seq != s.seq || c.Name() != s.ent.name {
			t.Fatalf("order: slot %d (%s at %d) is not the model's child", i, s.ent.name, s.seq)
		}
	}
	if live != len(model) || holes != o.holes || live != d.numChildrenLocked() {
		t.Fatalf("order: %d children and %d holes, model has %d, holes counted %d", live, holes, len(model), o.holes)
	}
}
