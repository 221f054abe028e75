// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"errors"
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// losetup DEVICE FILE and losetup -f FILE: stages over an attachPlan. A
// stage that fails says how (an attachFailure); attachMessages has
// losetup's words for each way.

// failureKind is a way losetup's attachment fails.
type failureKind int

const (
	failOverlap failureKind = iota
	failOverlapReadOnly
	failReuse
	failNoFreeDevice
	failBackingName
	failSetup
)

// attachMessages are losetup's messages: the format takes the subject (a
// file or a device); the error's text follows where withErr is set.
var attachMessages = map[failureKind]struct {
	format  string
	withErr bool
}{
	failOverlap:         {"%s: overlapping loop device exists", false},
	failOverlapReadOnly: {"%s: overlapping read-only loop device exists", false},
	failReuse:           {"%s: failed to re-use loop device", false},
	failNoFreeDevice:    {"cannot find an unused loop device", false},
	failBackingName:     {"%s: failed to use backing file", true},
	failSetup:           {"%s: failed to set up loop device", true},
}

// attachFailure is a failed attachment: its kind, what it names and the
// error behind it.
type attachFailure struct {
	kind    failureKind
	subject string
	err     error
}

func (f *attachFailure) message() string {
	m := attachMessages[f.kind]
	text := m.format
	if strings.Contains(text, "%s") {
		text = fmt.Sprintf(text, f.subject)
	}
	if m.withErr {
		text += ": " + applet.ErrText(f.err)
	}
	return text
}

// attachPlan is what the stages share.
type attachPlan struct {
	j     *losetupJob
	named bool // the command line named the device
	done  bool // a stage settled the attachment (an identical device is reused)
	// leftErr is the error choosing the device left behind, which is what
	// losetup reports for an empty file name: nil (errno 0) when nothing
	// failed on the way.
	leftErr error
}

// initialErrno is the errno loopcxt_init leaves: ENOENT from its stat of
// /sys/block where there is no sysfs, else none.
func initialErrno(t *vfs.Task) error {
	if sysfsAvailable(t) {
		return nil
	}
	return linux.ENOENT
}

// attachStages run in order until one fails or settles the attachment.
var attachStages = []struct {
	name string
	run  func(*attachPlan) *attachFailure
}{
	{"reuse an identical device", (*attachPlan).reuseIdentical},
	{"make the named device", (*attachPlan).makeNamed},
	{"refuse an overlap", (*attachPlan).refuseOverlap},
	{"attach", (*attachPlan).attach},
}

// runAttach attaches, then prints the device (--show) and warns of a
// size that is no whole number of sectors.
func (j *losetupJob) runAttach([]string) bool {
	p := &attachPlan{j: j, named: j.dev != nil && j.dev.path != "", leftErr: initialErrno(j.c.Task)}
	for _, st := range attachStages {
		if f := st.run(p); f != nil {
			j.c.warnf("%s", f.message())
			return false
		}
		if p.done {
			break
		}
	}
	if j.printDev {
		fmt.Fprintf(j.c.Out, "%s\n", j.dev.path)
	}
	if w := j.sizeWarning(); w != "" {
		j.c.warnf("%s: Warning: %s", j.setup.file, w)
	}
	return true
}

// reuseIdentical is --nooverlap without a device: a device that maps the
// same span of the file is used again (losing its autoclear flag), one
// that maps part of it is refused, as is a read-only one for a
// read-write attachment.
func (p *attachPlan) reuseIdentical() *attachFailure {
	j := p.j
	if p.named || !j.noOverlap {
		return nil
	}
	file := j.setup.file
	clash := findClash(j.c.Task, file, j.setup.span)
	switch {
	case clash.node == nil:
		return nil
	case !clash.exact:
		clash.node.close()
		return &attachFailure{failOverlap, file, linux.EBUSY}
	case clash.node.flag(linux.LO_FLAGS_READ_ONLY) && j.setup.flags&linux.LO_FLAGS_READ_ONLY == 0:
		clash.node.close()
		return &attachFailure{failOverlapReadOnly, file, linux.EROFS}
	}
	info, _ := clash.node.status()
	keep := *info
	keep.Flags &^= linux.LO_FLAGS_AUTOCLEAR
	if err := clash.node.request(linux.LOOP_SET_STATUS64, &keep); err != nil {
		clash.node.close()
		return &attachFailure{failReuse, file, err}
	}
	j.setDev(clash.node)
	p.done = true
	return nil
}

// makeNamed asks the driver for the named device, which it may not have
// made yet; that it exists already is no failure.
func (p *attachPlan) makeNamed() *attachFailure {
	if p.named {
		if err := p.j.dev.createNumbered(); err != nil {
			p.leftErr = err
		}
	}
	return nil
}

// refuseOverlap is --nooverlap with a named device: any device mapping
// part of the same span of the file is refused.
func (p *attachPlan) refuseOverlap() *attachFailure {
	j := p.j
	if !p.named || !j.noOverlap {
		return nil
	}
	if clash := findClash(j.c.Task, j.setup.file, j.setup.span); clash.node != nil {
		clash.node.close()
		return &attachFailure{failOverlap, j.setup.file, linux.EBUSY}
	}
	return nil
}

// freeDeviceTries is how many times losetup -f takes another free device
// when the one it found was taken by someone else meanwhile.
const freeDeviceTries = 64

// attach attaches the file to the named device or to a free one. A
// failure names the file, or the device when it cannot be opened.
func (p *attachPlan) attach() *attachFailure {
	j := p.j
	for tries := 0; ; tries++ {
		if !p.named {
			n, err := unusedLoop(j.c.Task)
			if err != nil {
				return &attachFailure{failNoFreeDevice, "", err}
			}
			j.setDev(n)
		}
		if j.setup.file == "" {
			// canonicalize_path("") fails without setting errno: losetup
			// reports the errno left behind, and if there is none it
			// goes on to loopcxt_setup_device, which refuses a device
			// without a file (and errno still 0).
			if p.leftErr == nil {
				return &attachFailure{failSetup, "", linux.Errno(0)}
			}
			return &attachFailure{failBackingName, "", p.leftErr}
		}
		err := j.dev.attach(j.setup)
		if err == nil {
			return nil
		}
		taken := errors.Is(err, linux.EBUSY) || errors.Is(err, linux.EAGAIN)
		if taken && !p.named && tries < freeDeviceTries {
			continue
		}
		subject := j.setup.file
		if p.named {
			if _, oerr := j.dev.descriptor(); oerr != nil {
				subject, err = j.dev.path, oerr
			}
		}
		return &attachFailure{failSetup, subject, err}
	}
}

// sizeWarning is losetup's remark on a device whose size is not a whole
// number of 512-byte sectors, or "". The size is the size limit, else
// the file's size past the offset; a block device is not looked at.
func (j *losetupJob) sizeWarning() string {
	size := j.setup.span.limit
	if size == 0 {
		st, err := j.c.Task.Stat(j.setup.file)
		if err != nil || applet.IsBlk(uint32(st.Mode)) {
			return ""
		}
		size = uint64(st.Size) - j.setup.span.off // wraps past the end, as losetup's does
	}
	switch {
	case size < 512:
		return "file is smaller than 512 bytes; the loop device may be useless or invisible for system tools."
	case size%512 != 0:
		return "file does not fit into a 512-byte sector; the end of the file will be ignored."
	}
	return ""
}
