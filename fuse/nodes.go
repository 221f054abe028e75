// SPDX-License-Identifier: Apache-2.0

package fuse

import (
	"sync"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// nodeKey names one inode as reached through one mount: the same inode
// seen through two bind mounts becomes two nodes, so that each keeps its
// mount's flags (a read-only bind stays read-only), while a hard link
// within one mount finds the node it already has.
type nodeKey struct {
	mnt *vfs.Mount
	dev uint64
	ino uint64
}

// node is what the host kernel knows as a node ID: an O_PATH file held
// outside every descriptor table (a reference, as a dentry in the
// kernel's cache pins its inode), and how many lookups the kernel has
// counted on it, which FORGET pays back.
type node struct {
	id      uint64
	key     nodeKey
	file    *vfs.File
	lookups uint64
}

// nodeTable maps node IDs to nodes and inodes to node IDs.
type nodeTable struct {
	mu    sync.Mutex
	next  uint64
	byID  map[uint64]*node
	byKey map[nodeKey]*node
}

func newNodeTable() *nodeTable {
	return &nodeTable{next: 2, byID: map[uint64]*node{}, byKey: map[nodeKey]*node{}}
}

// get returns the node of id, or nil.
func (nt *nodeTable) get(id uint64) *node {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	return nt.byID[id]
}

// setRoot makes f the root node (FUSE_ROOT_ID), whose lookup count the
// kernel never pays back.
func (nt *nodeTable) setRoot(key nodeKey, f *vfs.File) {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	n := &node{id: 1, key: key, file: f, lookups: 1}
	nt.byID[1], nt.byKey[key] = n, n
}

// enter counts a lookup of the inode key: the node it already has, or a
// new one holding f. The caller's reference on f passes to the table.
func (nt *nodeTable) enter(key nodeKey, f *vfs.File) uint64 {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	if n := nt.byKey[key]; n != nil {
		n.lookups++
		f.DecRef()
		return n.id
	}
	n := &node{id: nt.next, key: key, file: f, lookups: 1}
	nt.next++
	nt.byID[n.id], nt.byKey[key] = n, n
	return n.id
}

// forget pays back n lookups of id; a node nobody knows any more lets
// go of its file.
func (nt *nodeTable) forget(id, n uint64) {
	nt.mu.Lock()
	nd := nt.byID[id]
	if nd == nil || id == 1 {
		nt.mu.Unlock()
		return
	}
	if nd.lookups > n {
		nd.lookups -= n
		nt.mu.Unlock()
		return
	}
	delete(nt.byID, id)
	if nt.byKey[nd.key] == nd {
		delete(nt.byKey, nd.key)
	}
	nt.mu.Unlock()
	nd.file.DecRef()
}

// drop lets go of every node (the export is over).
func (nt *nodeTable) drop() {
	nt.mu.Lock()
	nodes := nt.byID
	nt.byID, nt.byKey = map[uint64]*node{}, map[nodeKey]*node{}
	nt.mu.Unlock()
	for _, n := range nodes {
		n.file.DecRef()
	}
}

// inoMap gives host-visible inode numbers. One FUSE mount has one st_dev,
// so the numbers of different superblocks must not meet: the exported
// directory's superblock keeps its own numbers, and the k-th other
// superblock met gets k in the top 16 bits of its (at most 48-bit)
// numbers. A number too large for that gets one from a counter at the
// top of the range.
type inoMap struct {
	mu    sync.Mutex
	devs  map[uint64]uint64
	big   map[[2]uint64]uint64
	nextB uint64
}

func newInoMap(rootDev uint64) *inoMap {
	return &inoMap{devs: map[uint64]uint64{rootDev: 0}, big: map[[2]uint64]uint64{}, nextB: 1<<64 - 1}
}

func (m *inoMap) ino(dev, ino uint64) uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.devs[dev]
	if !ok {
		k = uint64(len(m.devs))
		m.devs[dev] = k
	}
	if ino < 1<<48 && k < 1<<15 {
		return k<<48 | ino
	}
	key := [2]uint64{dev, ino}
	if v, ok := m.big[key]; ok {
		return v
	}
	v := m.nextB
	m.nextB--
	m.big[key] = v
	return v
}
