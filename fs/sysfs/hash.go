// SPDX-License-Identifier: Apache-2.0

package sysfs

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// inoTable numbers the nodes as kernfs's IDR numbers its kernfs_nodes: a
// node gets the next number when first seen and keeps it while it
// exists. The root is 1.
type inoTable struct {
	mu    sync.Mutex
	next  uint64
	named map[string]uint64                 // nodes of no device, by kind and name
	devs  map[*vfs.Device]map[string]uint64 // a device's nodes, by rel
	// pruneAt is the size of devs at which the numbers of devices that
	// are gone are dropped.
	pruneAt int
}

func (t *inoTable) of(tr *tree, n node) uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.named == nil {
		t.named = map[string]uint64{"\x00": 1}
		t.devs = map[*vfs.Device]map[string]uint64{}
		t.next = 2
	}
	key, m := n.rel, map[string]uint64(nil)
	if n.dev == nil {
		key, m = string(rune('0'+n.kind))+n.name, t.named
		if n.kind == kindDir && n.name == "" {
			key = "\x00"
		}
	} else if m = t.devs[n.dev]; m == nil {
		t.pruneLocked(tr)
		m = map[string]uint64{}
		t.devs[n.dev] = m
	}
	ino, ok := m[key]
	if !ok {
		ino = t.next
		t.next++
		m[key] = ino
	}
	return ino
}

// pruneLocked forgets the devices that are gone once the table has grown
// to twice what it held after the last pruning.
func (t *inoTable) pruneLocked(tr *tree) {
	if len(t.devs) < t.pruneAt {
		return
	}
	for d := range t.devs {
		if !tr.alive(d) {
			delete(t.devs, d)
		}
	}
	t.pruneAt = 2*len(t.devs) + 64
}
