// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"github.com/linuxvfs/linuxvfs/vfs"
)

// Which attached loop devices a file is behind: for losetup -j and
// --nooverlap, and for mount, which reuses a device that maps an image
// the way it wants and refuses one that maps part of it.

// backingID names a file the way it is compared with the devices' backing
// files: by device and inode when it can be stat'ed, otherwise by name
// (the name the driver keeps).
type backingID struct {
	name string
	st   *vfs.Statx
}

func identifyBacking(t *vfs.Task, file string) backingID {
	id := backingID{name: file}
	if st, err := t.Stat(file); err == nil {
		id.st = &st
	}
	return id
}

// behind is whether the file is the one attached to n. Device and inode
// decide when both sides have them; a name is compared only when not.
func (id backingID) behind(n *loopNode) bool {
	if info, err := n.status(); err == nil && id.st != nil {
		return info.Inode == id.st.Ino && info.Device == id.st.Dev()
	}
	if id.name == "" {
		return false
	}
	name, err := n.fileName()
	return err == nil && name == id.name
}

// behindAt is behind with the device mapping the file from offset.
func (id backingID) behindAt(n *loopNode, offset uint64) bool {
	if !id.behind(n) {
		return false
	}
	sp, err := n.span()
	return err == nil && sp.off == offset
}

// loopClash is the first attached device backed by a file whose span is
// the one asked for or overlaps it.
type loopClash struct {
	node  *loopNode // open; nil when there is none
	exact bool      // it maps the very span asked for
}

// findClash looks through the attached devices, in the listing order,
// for a clash with want of file. The device found stays open for the
// caller; the others are closed.
func findClash(t *vfs.Task, file string, want fileSpan) loopClash {
	id := identifyBacking(t, file)
	nodes := attachedLoops(t)
	var clash loopClash
	for _, n := range nodes {
		if !id.behind(n) {
			continue
		}
		have, err := n.span()
		if err != nil {
			continue
		}
		if have == want || !have.disjoint(want) {
			clash = loopClash{node: n, exact: have == want}
			break
		}
	}
	closeLoops(nodes, clash.node)
	return clash
}

// loopMapsAt is whether device has file attached from offset (mount's
// check that a target does not have the same image mounted already).
func loopMapsAt(t *vfs.Task, device, file string, offset uint64) bool {
	if device == "" || file == "" {
		return false
	}
	n := openLoopNode(t, device)
	defer n.close()
	return identifyBacking(t, file).behindAt(n, offset)
}
