// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/device/loop"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// Attaching a file to a loop device, as a list of steps over a shared
// state. losetup and mount choose the device and look for clashes
// themselves; this is what follows once a device is chosen.

// loopSpec is what an attachment asks for.
type loopSpec struct {
	file       string // the backing file, as named
	span       fileSpan
	flags      uint32 // LO_FLAGS_*
	sectorSize uint64 // 0 leaves the driver's default
}

// attachment is the state the steps share.
type attachment struct {
	node     *loopNode
	spec     loopSpec
	path     string // the backing file's canonical name
	backing  int    // its descriptor; -1 until opened
	readOnly bool   // the file could only be opened for reading
	bound    bool   // the driver holds the file now
}

// attachSteps are the steps in order. The first to fail ends the
// attachment; a device the driver had already bound is detached again.
var attachSteps = []struct {
	name string
	run  func(*attachment) error
}{
	{"open backing file", (*attachment).openBacking},
	{"open device", (*attachment).openDevice},
	{"configure", (*attachment).configure},
	{"check size", (*attachment).checkSize},
}

// attach binds spec's file to n.
func (n *loopNode) attach(spec loopSpec) error {
	if n.path == "" || spec.file == "" {
		return linux.EINVAL
	}
	a := &attachment{node: n, spec: spec, backing: -1}
	defer a.closeBacking()
	for _, step := range attachSteps {
		if err := step.run(a); err != nil {
			if a.bound {
				n.request(linux.LOOP_CLR_FD, nil)
			}
			return err
		}
	}
	n.forget()
	return nil
}

func (a *attachment) closeBacking() {
	if a.backing >= 0 {
		a.node.t.Close(a.backing)
	}
}

// openBacking opens the file for reading and writing unless the spec is
// read-only. Where writing is refused (a read-only filesystem, or no
// permission), the file is opened for reading and the device will be
// read-only. Direct I/O asks for O_DIRECT.
func (a *attachment) openBacking() error {
	t := a.node.t
	a.path = canonicalPath(t, a.spec.file)
	how := uint32(linux.O_CLOEXEC)
	if a.spec.flags&linux.LO_FLAGS_DIRECT_IO != 0 {
		how |= linux.O_DIRECT
	}
	a.readOnly = a.spec.flags&linux.LO_FLAGS_READ_ONLY != 0
	if !a.readOnly {
		fd, err := t.Open(a.path, linux.O_RDWR|how, 0)
		if err == nil {
			a.backing = fd
			return nil
		}
		if !errors.Is(err, linux.EROFS) && !errors.Is(err, linux.EACCES) {
			return err
		}
		a.readOnly = true
	}
	fd, err := t.Open(a.path, linux.O_RDONLY|how, 0)
	if err != nil {
		return err
	}
	a.backing = fd
	return nil
}

// openDevice opens the node in the mode the file got.
func (a *attachment) openDevice() error {
	a.node.reopen(!a.readOnly)
	_, err := a.node.descriptor()
	return err
}

// configure hands the file to the driver with LOOP_CONFIGURE, which sets
// the span, the flags, the name and the sector size at once.
func (a *attachment) configure() error {
	cfg := loop.Config{
		Fd:        a.backing,
		BlockSize: uint32(a.spec.sectorSize),
		Info: loop.Info{
			Offset:    a.spec.span.off,
			SizeLimit: a.spec.span.limit,
			Flags:     a.spec.flags &^ linux.LO_FLAGS_READ_ONLY,
			FileName:  a.path,
		},
	}
	if a.readOnly {
		cfg.Info.Flags |= linux.LO_FLAGS_READ_ONLY
	}
	if len(cfg.Info.FileName) >= linux.LO_NAME_SIZE {
		cfg.Info.FileName = cfg.Info.FileName[:linux.LO_NAME_SIZE-1]
	}
	if err := a.node.request(linux.LOOP_CONFIGURE, &cfg); err != nil {
		return err
	}
	a.bound = true
	return nil
}

// checkSize makes sure that a device given an offset or a size limit is
// as big as the part of the file they select, in whole 512-byte sectors.
// A device of another size is asked to look at its file again
// (LOOP_SET_CAPACITY) once; if it still disagrees, or cannot be asked,
// the attachment fails with ERANGE. A file whose size is unknown, or that
// ends before the offset, is not checked.
func (a *attachment) checkSize() error {
	if a.spec.span == (fileSpan{}) {
		return nil
	}
	whole, err := a.backingSize()
	if err != nil {
		return err
	}
	sp := a.spec.span
	if whole == 0 || whole <= sp.off {
		return nil
	}
	want := whole - sp.off
	if sp.limit > 0 {
		want = min(want, sp.limit)
	}
	want &^= 511
	for asked := false; ; asked = true {
		var have uint64
		if err := a.node.request(linux.BLKGETSIZE64, &have); err != nil {
			return err
		}
		if have == want {
			return nil
		}
		if asked {
			return linux.ERANGE
		}
		err := a.node.request(linux.LOOP_SET_CAPACITY, nil)
		if errors.Is(err, linux.ENOTTY) || errors.Is(err, linux.EINVAL) {
			return linux.ERANGE
		}
		if err != nil {
			return err
		}
	}
}

// backingSize is the open file's size, a block device's in bytes.
func (a *attachment) backingSize() (uint64, error) {
	t := a.node.t
	st, err := t.Fstat(a.backing)
	if err != nil {
		return 0, err
	}
	if !applet.IsBlk(uint32(st.Mode)) {
		return uint64(st.Size), nil
	}
	var size uint64
	_, err = t.Ioctl(a.backing, linux.BLKGETSIZE64, &size)
	return size, err
}
