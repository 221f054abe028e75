// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"slices"
	"sort"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// A directory's children in readdir order. Linux keeps d_children with new
// dentries at its head, and tmpfs's readdir walks that list from where the
// last call stopped. Here a child's position is its creation (or rename)
// sequence number, Dentry.seq, and the children sit in a slice ascending by
// position: a listing finds the cursor left by the previous call by binary
// search and goes on down, newest first, costing what it returns rather
// than the size of the directory. A child that leaves leaves a hole; the
// holes are squeezed out once they are half the slice. Positions never
// change while a child stays, so a cursor kept by an open directory
// survives any number of creates and unlinks around it.

// childSlot is one position of a directory, a hole once its child left
// (an empty name). It keeps what a listing reports of the child, none of
// which changes while the child stays at this position (a rename takes a
// new one), so that a listing reads the slots in order and touches no
// dentry or inode.
type childSlot struct {
	seq uint64
	ent direntInfo
}

// direntInfo is what readdir reports of a child besides its position.
type direntInfo struct {
	name string
	ino  uint64
	typ  uint8
}

func infoOf(name string, c *Dentry) direntInfo {
	return direntInfo{name: name, ino: c.inode.Ino(), typ: linux.DirentType(c.inode.Mode())}
}

// childOrder is the ordered list; the parent's mu guards it.
type childOrder struct {
	slots []childSlot
	holes int
}

// live returns the number of children present.
func (o *childOrder) live() int { return len(o.slots) - o.holes }

// find returns the index of the first slot at or after position seq.
func (o *childOrder) find(seq uint64) int {
	return sort.Search(len(o.slots), func(i int) bool { return o.slots[i].seq >= seq })
}

// push adds c, named name, at position seq, newer than every other
// position.
func (o *childOrder) push(seq uint64, name string, c *Dentry) {
	o.slots = append(o.slots, childSlot{seq, infoOf(name, c)})
}

// place puts c at position seq, which may be anywhere: d_exchange gives
// each dentry the other's place, which its own removal has just left a
// hole at (unless squeezed out meanwhile).
func (o *childOrder) place(seq uint64, name string, c *Dentry) {
	s := childSlot{seq, infoOf(name, c)}
	i := o.find(seq)
	if i < len(o.slots) && o.slots[i].seq == seq && o.slots[i].ent.name == "" {
		o.slots[i] = s
		o.holes--
		return
	}
	o.slots = append(o.slots, childSlot{})
	copy(o.slots[i+1:], o.slots[i:])
	o.slots[i] = s
}

// remove empties position seq, where the child name is.
func (o *childOrder) remove(seq uint64, name string) {
	i := o.find(seq)
	if i == len(o.slots) || o.slots[i].seq != seq || o.slots[i].ent.name != name {
		return
	}
	if i == len(o.slots)-1 {
		// The newest leaving (create then unlink) leaves no hole, nor do
		// the holes it uncovers.
		o.slots[i] = childSlot{}
		o.slots = o.slots[:i]
		for n := len(o.slots); n > 0 && o.slots[n-1].ent.name == ""; n-- {
			o.slots = o.slots[:n-1]
			o.holes--
		}
	} else {
		o.slots[i] = childSlot{seq: seq}
		o.holes++
	}
	if o.holes > 8 && o.holes*2 > len(o.slots) {
		o.squeeze()
	}
}

// squeeze drops the holes, into a smaller array if most of it is free.
func (o *childOrder) squeeze() {
	live := o.live()
	dst := o.slots[:0]
	if cap(o.slots) > 4*live {
		dst = make([]childSlot, 0, 2*live)
	}
	for _, s := range o.slots {
		if s.ent.name != "" {
			dst = append(dst, s)
		}
	}
	clear(o.slots[len(dst):]) // let the dropped names go
	o.slots, o.holes = dst, 0
}

// appendBelow appends to out, newest first, the children at positions
// below cursor, at most n of them (n <= 0: all).
func (o *childOrder) appendBelow(out []Dirent, cursor uint64, n int) []Dirent {
	if n <= 0 || n > o.live() {
		n = o.live()
	}
	out = slices.Grow(out, n)
	for i := o.find(cursor) - 1; i >= 0 && n > 0; i-- {
		s := &o.slots[i]
		if s.ent.name == "" {
			continue
		}
		// Field by field into the slice: a Dirent built aside and copied
		// in whole stalled on the copy (a third of the listing's time).
		out = out[:len(out)+1]
		e := &out[len(out)-1]
		e.Name, e.Ino, e.Type, e.Off = s.ent.name, s.ent.ino, s.ent.typ, s.seq
		n--
	}
	return out
}
