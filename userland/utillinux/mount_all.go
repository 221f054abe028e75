// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"strings"

	"github.com/linuxvfs/linuxvfs/vfs"
)

// mount -a: every /etc/fstab entry that is not noauto, not swap, of the -t
// types, passing the -O filter and not mounted yet is mounted as if named
// on the command line, with the command line's -o options after its own.
// The status says how the whole went: 0 when nothing failed, 64
// (exitSomeOK) when some entries failed and others were mounted, 32 when
// entries failed and none was mounted.

// exitSomeOK is mount -a's status when only some entries could be mounted.
const exitSomeOK = 64

// fstabEntryWidth is the width -v pads a target to before ": WHAT".
const fstabEntryWidth = 25

// mountFstab is mount -a; tmpl is the job the command line described.
func (c *cmd) mountFstab(tmpl *mountJob, types, testOpts string) int {
	tb := c.readFstab("/etc/fstab")
	var mounted, failed int
	for _, fs := range tb.fss {
		switch {
		case !fstabWanted(fs, types, testOpts):
			c.sayEntry(tmpl, fs.target, "ignored")
			continue
		case isMounted(tmpl.t, fs):
			c.sayEntry(tmpl, fs.target, "already mounted")
			continue
		}
		if c.mountEntry(tmpl, fs) == exitOK {
			mounted++
			c.sayEntry(tmpl, fs.target, "successfully mounted")
		} else {
			failed++
		}
	}
	switch {
	case failed == 0:
		return exitOK
	case mounted > 0:
		return exitSomeOK
	}
	return exitFailed
}

// fstabWanted applies noauto, swap and the -t and -O filters.
func fstabWanted(fs *ulFS, types, testOpts string) bool {
	opts := ulSplitOpts(fs.optstr)
	if _, noauto := optionValue(opts, "noauto"); noauto || fs.fstype == "swap" {
		return false
	}
	if types != "" && !ulMatchFstype(fs.fstype, types) {
		return false
	}
	return testOpts == "" || ulMatchOptions(fs.optstr, testOpts)
}

// isMounted reports whether the entry's source is already mounted on its
// target.
func isMounted(t *vfs.Task, fs *ulFS) bool {
	tgt := ulCanonicalize(t, fs.target)
	for _, m := range ulMountinfo(t).fss {
		if m.target == tgt && sameSource(t, m, fs.source) {
			return true
		}
	}
	return false
}

// sameSource compares a mount's source with an fstab one: as names of
// the same file for paths, as strings for the rest (tmpfs's "none").
func sameSource(t *vfs.Task, m *ulFS, src string) bool {
	if m.source == src {
		return true
	}
	return strings.HasPrefix(src, "/") && !m.isPseudo() && m.source == ulCanonicalize(t, src)
}

// mountEntry runs one entry as a job of its own.
func (c *cmd) mountEntry(tmpl *mountJob, fs *ulFS) int {
	j := &mountJob{c: c, t: tmpl.t, source: fs.source, target: fs.target, hasSource: true, hasTarget: true,
		fstype: fs.fstype, fake: tmpl.fake, noMtab: tmpl.noMtab, explicitRW: tmpl.explicitRW}
	if fs.optstr != "" {
		j.addOptions(fs.optstr)
	}
	j.items = append(j.items, tmpl.items...)
	status := j.run()
	j.releaseLoopdev()
	return status
}

// sayEntry is -v's line about one entry.
func (c *cmd) sayEntry(tmpl *mountJob, target, what string) {
	if tmpl.verbose {
		fmt.Fprintf(c.Out, "%-*s: %s\n", fstabEntryWidth, target, what)
	}
}

// readFstab reads an fstab file of the task, warning about each line it
// cannot use as libmount does ("parse error at line N -- ignored"); a
// missing file is an empty table.
func (c *cmd) readFstab(name string) *ulTable {
	data, err := ulReadFile(c.Task, name)
	if err != nil {
		return &ulTable{t: c.Task}
	}
	for _, n := range fstabBadLines(string(data)) {
		c.ulWarn("%s: parse error at line %d -- ignored", name, n)
	}
	return ulParseFstab(c.Task, string(data))
}
