// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"errors"
	"io"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// dfDevice is a device number.
type dfDevice struct{ major, minor uint32 }

func devOf(st *vfs.Statx) dfDevice { return dfDevice{st.DevMajor, st.DevMinor} }

// dfDevState says how far a mount's device number can be trusted.
type dfDevState uint8

const (
	devFromTable dfDevState = iota // mountinfo's major:minor
	devNotYet                      // /etc/mtab has none; stat the target to learn it
	devUnusable                    // the target does not stat as that device
)

// dfMount is one entry of the mount table.
type dfMount struct {
	source, target, fstype string
	root                   string
	hasRoot                bool // mountinfo gives the root; /etc/mtab does not
	dev                    dfDevice
	devState               dfDevState
	pseudo, remote         bool
}

// errDfEmptyTable is a mount table without entries.
var errDfEmptyTable = errors.New("")

// loadMounts reads /proc/self/mountinfo, or /etc/mtab where that cannot
// be opened. An empty table is an error: the one of the mountinfo open,
// if it failed, else errDfEmptyTable.
func (r *dfReport) loadMounts() ([]*dfMount, error) {
	var mounts []*dfMount
	text, err := r.readFile("/proc/self/mountinfo")
	cause := errDfEmptyTable
	if err == nil {
		for _, line := range strings.Split(text, "\n") {
			if m, perr := mountinfo.Parse(line); perr == nil {
				mounts = append(mounts, dfFromMountinfo(m))
			}
		}
	} else {
		cause = err
		if text, err = r.readFile("/etc/mtab"); err != nil {
			return nil, err
		}
		for _, line := range strings.Split(text, "\n") {
			if m := dfFromMtab(line); m != nil {
				mounts = append(mounts, m)
			}
		}
	}
	if len(mounts) == 0 {
		return nil, cause
	}
	return mounts, nil
}

func (r *dfReport) readFile(name string) (string, error) {
	c := r.c
	f, err := applet.OpenFile(c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return string(data), nil
}

func dfFromMountinfo(m mountinfo.Mount) *dfMount {
	d := &dfMount{
		source:  mountinfo.Unescape(m.Source),
		target:  mountinfo.Unescape(m.Mountpoint),
		fstype:  mountinfo.Unescape(m.FSType),
		root:    mountinfo.Unescape(m.Root),
		hasRoot: true,
		dev:     dfDevice{uint32(m.Major), uint32(m.Minor)},
	}
	d.pseudo = dfPseudoType(d.fstype) || d.fstype == "none"
	d.remote = dfRemote(d.source, d.fstype)
	return d
}

// dfFromMtab reads an fstab-format line: source, target, type, options.
func dfFromMtab(line string) *dfMount {
	f := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' })
	if len(f) == 0 || strings.HasPrefix(f[0], "#") {
		return nil
	}
	for len(f) < 4 {
		f = append(f, "")
	}
	d := &dfMount{
		source:   mountinfo.Unescape(f[0]),
		target:   mountinfo.Unescape(f[1]),
		fstype:   mountinfo.Unescape(f[2]),
		devState: devNotYet,
	}
	bind := false
	for _, o := range strings.Split(mountinfo.Unescape(f[3]), ",") {
		bind = bind || o == "bind"
	}
	// A "none" bind mount in mtab is a real directory tree.
	d.pseudo = dfPseudoType(d.fstype) || (d.fstype == "none" && !bind)
	d.remote = dfRemote(d.source, d.fstype)
	return d
}

// dfPseudoType lists the types without storage of their own, which df
// leaves out unless -a or a FILE names them.
func dfPseudoType(fstype string) bool {
	switch fstype {
	case "autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal",
		"mqueue", "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore":
		return true
	}
	return false
}

// dfRemote is whether a mount is a network one, which -l leaves out:
// host:path and //host/share sources, and the cluster file systems.
func dfRemote(source, fstype string) bool {
	switch {
	case strings.Contains(source, ":"), source == "-hosts":
		return true
	case strings.HasPrefix(source, "//"):
		if fstype == "smbfs" || fstype == "smb3" || fstype == "cifs" {
			return true
		}
	}
	switch fstype {
	case "acfs", "afs", "coda", "auristorfs", "fhgfs", "gpfs", "ibrix", "ocfs2", "vxfs":
		return true
	}
	return false
}

// hidden is whether the settings leave m out of the listing before any
// numbers are read.
func (s *dfSettings) hidden(m *dfMount, listed bool) bool {
	return (m.remote && s.local) || (m.pseudo && !s.all && !listed) || !s.wantsType(m.fstype)
}

// dfDevices maps a device to the mount entry that speaks for it.
type dfDevices map[dfDevice]*dfMount

// pickPerDevice decides which entry stands for each device when every
// mount is listed, in table order. A later entry of a device already
// seen replaces the earlier one (taking its place in the list) when
//   - its source is a path and the earlier one's is not, or
//   - it is mounted nearer the root ("/" before "/mnt"), unless it shows
//     a deeper subtree of the file system than the earlier one, or
//   - it has another source and the same target (it covers the earlier);
//
// else it is dropped. Two network mounts of different sources are both
// kept, except for --total, which must not count a file system twice.
// Entries the settings hide are kept as they are, under the device the
// table gives them.
func (r *dfReport) pickPerDevice(mounts []*dfMount) ([]*dfMount, dfDevices) {
	s := r.s
	byDev := dfDevices{}
	var kept []*dfMount
	slot := map[*dfMount]int{}
	for _, m := range mounts {
		dev := m.dev
		if !s.hidden(m, false) {
			if st, err := r.c.Task.Stat(m.target); err == nil {
				dev = devOf(&st)
				if prev := byDev[dev]; prev != nil {
					if !s.total && m.remote && prev.remote && prev.source != m.source {
						// Keep both.
					} else {
						if dfReplaces(m, prev) {
							i := slot[prev]
							kept[i], slot[m] = m, i
							byDev[dev] = m
						}
						continue
					}
				}
			}
		}
		slot[m] = len(kept)
		kept = append(kept, m)
		byDev[dev] = m
	}
	return kept, byDev
}

// dfReplaces is whether the later entry m stands for the device in
// place of prev.
func dfReplaces(m, prev *dfMount) bool {
	if strings.Contains(m.source, "/") && !strings.Contains(prev.source, "/") {
		return true
	}
	deeper := m.hasRoot && prev.hasRoot && len(prev.root) < len(m.root)
	if len(m.target) < len(prev.target) && !deeper {
		return true
	}
	return m.source != prev.source && m.target == prev.target
}
