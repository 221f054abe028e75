// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"math"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dfOperand is a FILE argument and what stat said of it.
type dfOperand struct {
	name string
	st   vfs.Statx
}

// statOperand opens the operand before stating it, so that an automount
// point is mounted first; where the open fails for another reason than a
// missing name, a plain stat will do.
func (r *dfReport) statOperand(name string) (vfs.Statx, error) {
	c := r.c
	fd, err := c.Task.Open(name, linux.O_RDONLY|linux.O_NOCTTY|linux.O_NONBLOCK, 0)
	if err == nil {
		st, err := c.Task.Fstat(fd)
		c.Task.Close(fd)
		return st, err
	}
	if errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENOTDIR) {
		return vfs.Statx{}, err
	}
	return c.Task.Stat(name)
}

// dfQuoteName quotes a file name for a message, always when it has a
// colon (so that "name: error" stays unambiguous).
func dfQuoteName(s string) string {
	if strings.Contains(s, ":") {
		return applet.Quote(s)
	}
	return applet.QuoteName(s)
}

// absCanon is the canonical absolute name of name, if it has one.
func (r *dfReport) absCanon(name string) (string, bool) {
	s, err := r.c.canonicalize(name, canExisting)
	if err != nil || !strings.HasPrefix(s, "/") {
		return "", false
	}
	return s, true
}

// showOperand adds the row of an operand: a device node stands for the
// file system mounted from it, anything else for the one it lives on.
func (r *dfReport) showOperand(op dfOperand) {
	mode := uint32(op.st.Mode)
	if (applet.IsBlk(mode) || applet.IsChr(mode)) && r.showDeviceNode(op.name) {
		return
	}
	r.showFileSystemOf(op)
}

// sourceName is a mount's source made canonical where it names a file.
func (r *dfReport) sourceName(m *dfMount) string {
	if s, ok := r.absCanon(m.source); ok {
		return s
	}
	return m.source
}

// showDeviceNode looks for mounts of the device node name. Of those whose
// target is not covered by a mount of another source, it takes one with a
// reachable target, the shortest such. It reports whether the operand was
// dealt with (shown, or found only under other mounts: an error).
func (r *dfReport) showDeviceNode(name string) bool {
	dev := name
	if s, ok := r.absCanon(name); ok {
		dev = s
	}
	var pick *dfMount
	pickLen, pickReachable := math.MaxInt, false
	covered := false
	for _, m := range r.mounts {
		if r.sourceName(m) != dev {
			continue
		}
		covered = r.coveredBy(m.target, dev)
		if covered || (pickReachable && len(m.target) >= pickLen) {
			continue
		}
		_, err := r.c.Task.Stat(m.target)
		reachable := err == nil
		if reachable || (!pickReachable && len(m.target) < pickLen) {
			pick, pickLen = m, len(m.target)
			pickReachable = pickReachable || reachable
			if pickLen == 1 {
				break
			}
		}
	}
	switch {
	case pick != nil:
		r.addRow(dfRowSource{mount: pick, file: name})
		return true
	case covered:
		r.c.Errorf("cannot access %s: over-mounted by another device", applet.Quote(name))
		r.status = 1
		return true
	}
	return false
}

// coveredBy is whether the last mount on target has a source other than
// dev.
func (r *dfReport) coveredBy(target, dev string) bool {
	var last *dfMount
	for _, m := range r.mounts {
		if m.target == target {
			last = m
		}
	}
	return last != nil && r.sourceName(last) != dev
}

// showFileSystemOf adds the row of the file system a file lives on: the
// mount whose target is the longest leading part of the file's canonical
// name, if it is the file's device; else a mount of that device; else
// the directory where the device changes, with no source.
func (r *dfReport) showFileSystemOf(op dfOperand) {
	want := devOf(&op.st)
	m := r.mountByName(op.name)
	if m != nil {
		if st, err := r.c.Task.Stat(m.target); err != nil || devOf(&st) != want {
			m = nil
		}
	}
	if m == nil {
		m = r.mountByDevice(want)
	}
	if m != nil {
		r.addRow(dfRowSource{mount: m, file: op.name, statName: op.name})
		return
	}
	if top, ok := r.deviceTop(op); ok {
		r.addRow(dfRowSource{mount: &dfMount{target: top}, noSource: true, file: op.name})
	}
}

// better is whether candidate may stand in for the current pick: a
// pseudo file system never displaces a real one, and lofs never counts.
func dfBetter(candidate, current *dfMount) bool {
	if candidate.fstype == "lofs" {
		return false
	}
	return current == nil || current.pseudo || !candidate.pseudo
}

func (r *dfReport) mountByName(name string) *dfMount {
	path, ok := r.absCanon(name)
	if !ok {
		return nil
	}
	var pick *dfMount
	for _, m := range r.mounts {
		if !dfBetter(m, pick) {
			continue
		}
		t := m.target
		under := t == "/" || (strings.HasPrefix(path, t) && (len(path) == len(t) || path[len(t)] == '/'))
		if under && (pick == nil || len(t) >= len(pick.target)) {
			pick = m
		}
	}
	return pick
}

// mountByDevice is the last mount of device dev whose target still
// stats as dev. Targets of mtab entries are stated once to learn their
// device; of those failures only I/O errors are reported, others being
// targets hidden under later mounts.
func (r *dfReport) mountByDevice(dev dfDevice) *dfMount {
	var pick *dfMount
	for _, m := range r.mounts {
		if m.devState == devNotYet {
			if st, err := r.c.Task.Stat(m.target); err == nil {
				m.dev, m.devState = devOf(&st), devFromTable
			} else {
				if errors.Is(err, linux.EIO) {
					r.c.Errorf("%s: %s", dfQuoteName(m.target), applet.ErrText(err))
					r.status = 1
				}
				m.devState = devUnusable
			}
		}
		if m.devState == devUnusable || m.dev != dev || !dfBetter(m, pick) {
			continue
		}
		if st, err := r.c.Task.Stat(m.target); err != nil || devOf(&st) != dev {
			m.devState = devUnusable
			continue
		}
		pick = m
	}
	return pick
}

// deviceTop climbs from the operand (or its directory) while the parent
// is on the same device: the root of its file system as seen here.
func (r *dfReport) deviceTop(op dfOperand) (string, bool) {
	t := r.c.Task
	dir, here := op.name, op.st
	if !applet.IsDir(uint32(op.st.Mode)) {
		dir = dirName(op.name)
		st, err := t.Stat(dir)
		if err != nil {
			r.c.Errorf("cannot stat %s: %s", applet.Quote(dir), applet.ErrText(err))
			return "", false
		}
		here = st
	}
	if r.c.unnamedCwd(dir) {
		return "", false
	}
	at, err := r.c.canonicalize(dir, canExisting)
	if err != nil {
		r.c.Errorf("cannot change to directory %s: %s", applet.Quote(dir), applet.ErrText(err))
		return "", false
	}
	for at != "/" {
		up := parentDir(at)
		st, err := t.Stat(up)
		if err != nil {
			r.c.Errorf("cannot stat %s: %s", applet.Quote(".."), applet.ErrText(err))
			return "", false
		}
		if devOf(&st) != devOf(&here) || st.Ino == here.Ino {
			break
		}
		at, here = up, st
	}
	return at, true
}
