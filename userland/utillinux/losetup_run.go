// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// losetup's actions.

// run carries out the job's action; the status is 1 when it failed.
func (j *losetupJob) run(rest []string) int {
	c := j.c
	failed := false
	switch j.action {
	case loAttach:
		if failed = j.attach() != nil; !failed {
			if j.printDev {
				fmt.Fprintf(c.Out, "%s\n", j.dev.path)
			}
			j.warnOddSize()
		}
	case loDetach:
		return j.detachNamed(rest)
	case loDetachAll:
		status := 0
		eachBoundLoop(c.Task, func(d *loopDev) bool {
			status |= j.detach(d)
			return true
		})
		return status
	case loFindFree:
		d, err := freeLoop(c.Task)
		if failed = err != nil; failed {
			c.ulWarn("cannot find an unused loop device: %s", applet.ErrText(err))
		} else {
			fmt.Fprintf(c.Out, "%s\n", d.path)
			d.release()
		}
	case loList:
		var filter *backingFilter
		if j.assocFile != "" {
			filter = newBackingFilter(c.Task, j.assocFile)
			filter.m.offset, filter.m.byOffset, filter.m.bySize = j.setup.offset, j.hasOffset, j.hasOffset && j.hasLimit
		}
		if j.list {
			j.listTable(filter)
		} else {
			eachBoundLoop(c.Task, func(d *loopDev) bool {
				if filter == nil || filter.accepts(d) {
					j.printLine(d)
				}
				return true
			})
		}
	case loShowDevice:
		if j.list {
			j.listTable(nil)
		} else if err := j.printLine(j.dev); err != nil {
			c.ulWarn("%s: %s", j.dev.path, applet.ErrText(err))
			failed = true
		}
	default:
		return j.changeDevice()
	}
	if failed {
		return 1
	}
	return 0
}

// detachNamed is -d: the option's device, then each operand. An operand
// that is no loop device is reported, and the device before it is
// detached again in its turn.
func (j *losetupJob) detachNamed(more []string) int {
	status := j.detach(j.dev)
	for _, name := range more {
		if isLoopNode(j.c.Task, name) {
			j.setDev(newLoopDev(j.c.Task, name))
		} else {
			j.c.ulWarn("%s: failed to use device: %s", name, linux.ENODEV.Error())
		}
		status |= j.detach(j.dev)
	}
	return status
}

// detach unbinds d, saying so if it cannot; the status is 1 then.
func (j *losetupJob) detach(d *loopDev) int {
	if err := d.detach(); err != nil {
		j.c.ulWarn("%s: detach failed: %s", d.path, applet.ErrText(err))
		return 1
	}
	return 0
}

// changeDevice is -c, and --direct-io or -b with a device: one ioctl.
func (j *losetupJob) changeDevice() int {
	var err error
	var what string
	switch j.action {
	case loCapacity:
		err, what = j.dev.ioctl(linux.LOOP_SET_CAPACITY, nil), "set capacity failed"
	case loSetDirectIO:
		on := uint64(0)
		if j.dioOn {
			on = 1
		}
		err, what = j.dev.ioctl(linux.LOOP_SET_DIRECT_IO, on), "set direct io failed"
	case loSetSector:
		err, what = j.dev.ioctl(linux.LOOP_SET_BLOCK_SIZE, j.setup.sectorSize), "set logical block size failed"
	default:
		return j.c.ulBadUsage(1)
	}
	if err != nil {
		j.c.ulWarn("%s: %s: %s", j.dev.path, what, applet.ErrText(err))
		return 1
	}
	return 0
}

// printLine is the one-line description of -a, -j and a device operand:
// the device, the backing file's device and inode, its name, and the
// offset and size limit when set.
func (j *losetupJob) printLine(d *loopDev) error {
	name, err := d.backingName()
	if err != nil {
		return err
	}
	info, _ := d.status()
	line := fmt.Sprintf("%s: []: (%s)", d.path, name)
	if info.Device != 0 || info.Inode != 0 {
		line = fmt.Sprintf("%s: [%04d]:%d (%s)", d.path, int64(info.Device), info.Inode, name)
	}
	if off, err := d.offset(); err == nil && off != 0 {
		line += fmt.Sprintf(", offset %d", off)
	}
	if lim, err := d.sizeLimit(); err == nil && lim != 0 {
		line += fmt.Sprintf(", sizelimit %d", lim)
	}
	fmt.Fprintf(j.c.Out, "%s\n", line)
	return nil
}

// backingFilter selects the devices of one file (-j): by its stat, else
// by its name as given and then by its canonical name.
type backingFilter struct {
	t         *vfs.Task
	m         loopMatch
	canonical bool
}

func newBackingFilter(t *vfs.Task, file string) *backingFilter {
	return &backingFilter{t: t, m: newLoopMatch(t, file)}
}

func (f *backingFilter) accepts(d *loopDev) bool {
	if d.backs(f.m) {
		return true
	}
	if f.canonical {
		return false
	}
	f.canonical = true
	f.m.name = ulCanonicalize(f.t, f.m.name)
	return d.backs(f.m)
}

// attach is DEVICE FILE and -f FILE.
func (j *losetupJob) attach() error {
	c := j.c
	named := j.dev != nil && j.dev.path != ""
	if !named && j.noOverlap {
		if err, done := j.reuseSame(); done {
			return err
		}
	}
	if named {
		j.dev.ensureNode()
		if j.noOverlap {
			if found, d := findLoopOverlap(c.Task, j.setup.file, j.setup.offset, j.setup.sizeLimit); found != overlapNone {
				if d != nil {
					d.release()
				}
				c.ulWarn("%s: overlapping loop device exists", j.setup.file)
				return linux.EBUSY
			}
		}
	}
	s := j.setup
	if !j.hasOffset {
		s.offset = 0
	}
	if !j.hasLimit {
		s.sizeLimit = 0
	}
	for tries := 0; ; tries++ {
		if !named {
			d, err := freeLoop(c.Task)
			if err != nil {
				c.ulWarn("cannot find an unused loop device")
				return err
			}
			j.setDev(d)
		}
		if s.file == "" {
			c.ulWarn("%s: failed to use backing file: %s", s.file, linux.EINVAL.Error())
			return linux.EINVAL
		}
		err := j.dev.attach(s)
		if err == nil {
			return nil
		}
		// Another process may take the free device first: try the next.
		if (errors.Is(err, linux.EBUSY) || errors.Is(err, linux.EAGAIN)) && !named && tries < 64 {
			continue
		}
		culprit := s.file
		if named {
			if _, ferr := j.dev.open(); ferr != nil {
				culprit, err = j.dev.path, ferr
			}
		}
		c.ulWarn("%s: failed to set up loop device: %s", culprit, applet.ErrText(err))
		return err
	}
}

// reuseSame is --nooverlap without a device: a device that maps the
// same range of the file already is used again (its autoclear flag
// cleared); one that maps an overlapping range is an error. done is
// false when there is none.
func (j *losetupJob) reuseSame() (err error, done bool) {
	c := j.c
	found, d := findLoopOverlap(c.Task, j.setup.file, j.setup.offset, j.setup.sizeLimit)
	switch found {
	case overlapNone:
		return nil, false
	case overlapSome:
		c.ulWarn("%s: overlapping loop device exists", j.setup.file)
		return linux.EBUSY, true
	}
	if d.hasFlag(linux.LO_FLAGS_READ_ONLY) && j.setup.flags&linux.LO_FLAGS_READ_ONLY == 0 {
		d.release()
		c.ulWarn("%s: overlapping read-only loop device exists", j.setup.file)
		return linux.EROFS, true
	}
	fd, err := d.open()
	if err == nil {
		info, _ := d.status()
		keep := *info
		keep.Flags &^= linux.LO_FLAGS_AUTOCLEAR
		_, err = c.Task.Ioctl(fd, linux.LOOP_SET_STATUS64, &keep)
	}
	if err != nil {
		d.release()
		c.ulWarn("%s: failed to re-use loop device", j.setup.file)
		return err, true
	}
	j.setDev(d)
	return nil, true
}

// warnOddSize warns about a device that does not end on a 512-byte
// sector boundary, or that is smaller than one sector.
func (j *losetupJob) warnOddSize() {
	size := j.setup.sizeLimit
	if size == 0 {
		st, err := j.c.Task.Stat(j.setup.file)
		if err != nil || applet.IsBlk(uint32(st.Mode)) {
			return
		}
		size = uint64(st.Size)
		if j.hasOffset {
			size -= j.setup.offset
		}
	}
	switch {
	case size < 512:
		j.c.ulWarn("%s: Warning: file is smaller than 512 bytes; the loop device may be useless or invisible for system tools.", j.setup.file)
	case size%512 != 0:
		j.c.ulWarn("%s: Warning: file does not fit into a 512-byte sector; the end of the file will be ignored.", j.setup.file)
	}
}
