// SPDX-License-Identifier: Apache-2.0

package vfs

import (
	"cmp"
	"slices"
	"sync"
)

// MajorName is a range of device numbers a driver registered under a
// name (a char_device_struct of fs/char_dev.c, a blk_major_name of
// block/genhd.c): what /proc/devices lists. A block name covers its
// whole major (BaseMinor 0).
type MajorName struct {
	Major, BaseMinor uint32
	Name             string
}

// majorNames are a kernel's registered names, character and block, and
// the misc devices (minors of the misc major) newest first.
type majorNames struct {
	mu          sync.Mutex
	char, block []MajorName
	misc        []MajorName
}

// RegisterChrdevName records that a driver took the character numbers
// from major:baseminor under name (register_chrdev_region's bookkeeping;
// RegisterCharDevice and RegisterCharMajor make the numbers open). A name
// registered twice at the same place is kept once.
func (k *Kernel) RegisterChrdevName(major, baseminor uint32, name string) {
	k.majorNames.add(&k.majorNames.char, MajorName{major, baseminor, name})
}

// RegisterBlkdevName is register_blkdev's record of a block major's name.
func (k *Kernel) RegisterBlkdevName(major uint32, name string) {
	k.majorNames.add(&k.majorNames.block, MajorName{Major: major, Name: name})
}

func (n *majorNames) add(list *[]MajorName, e MajorName) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if !slices.Contains(*list, e) {
		*list = append(*list, e)
	}
}

// MajorNames returns the registered character (block false) or block
// names by major, then first minor, as /proc/devices lists them.
func (k *Kernel) MajorNames(block bool) []MajorName {
	n := &k.majorNames
	n.mu.Lock()
	out := slices.Clone(n.char)
	if block {
		out = slices.Clone(n.block)
	}
	n.mu.Unlock()
	slices.SortStableFunc(out, func(a, b MajorName) int {
		return cmp.Or(cmp.Compare(a.Major, b.Major), cmp.Compare(a.BaseMinor, b.BaseMinor))
	})
	return out
}

// RegisterMiscName is misc_register's entry on the misc list: a device
// of the misc major (10) at minor, which /proc/misc names. The list is
// newest first, as misc_register puts each device at its head.
func (k *Kernel) RegisterMiscName(minor uint32, name string) {
	n := &k.majorNames
	n.mu.Lock()
	defer n.mu.Unlock()
	e := MajorName{Major: 10, BaseMinor: minor, Name: name}
	if !slices.Contains(n.misc, e) {
		n.misc = append([]MajorName{e}, n.misc...)
	}
}

// MiscNames returns the misc devices, newest first.
func (k *Kernel) MiscNames() []MajorName {
	n := &k.majorNames
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.misc)
}
