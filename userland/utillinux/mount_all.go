// SPDX-License-Identifier: Apache-2.0

package utillinux

import (
	"fmt"
	"sort"
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mount -a: each /etc/fstab entry is sorted into an outcome: left alone
// (noauto, swap, the root, or not of the -t types / -O options), found
// mounted already, or mounted as if named on the command line (with the
// command line's -o options after its own), which may fail. The outcomes
// decide the status: 0 when none failed, 64 (exitSomeOK) when some were
// mounted and some failed, 32 when failures are all there is.

// exitSomeOK is mount -a's status when only some entries could be mounted.
const exitSomeOK = 64

// fstabEntryWidth is the width -v pads a target to before ": WHAT".
const fstabEntryWidth = 25

// entryOutcome is what mount -a did with one fstab entry.
type entryOutcome int

const (
	entryIgnored entryOutcome = iota
	entryPresent              // already mounted
	entryMounted
	entryFailed
	entryExcused // failed, but nofail made it no error
)

// entryWords are -v's words for the outcomes that have a line.
var entryWords = map[entryOutcome]string{
	entryIgnored: "ignored", entryPresent: "already mounted", entryMounted: "successfully mounted",
}

// mountFstab is mount -a; tmpl is the job the command line described.
func (c *cmd) mountFstab(tmpl *mountJob, types, testOpts string) int {
	var outcomes []entryOutcome
	for _, fs := range tmpl.fstabTable().fss {
		o := c.fstabEntry(tmpl, fs, types, testOpts)
		if w, ok := entryWords[o]; ok && tmpl.verbose {
			fmt.Fprintf(c.Out, "%-*s: %s\n", fstabEntryWidth, fs.target, w)
		}
		outcomes = append(outcomes, o)
	}
	return mountAllStatus(outcomes)
}

// fstabEntry decides about one entry and carries it out.
func (c *cmd) fstabEntry(tmpl *mountJob, fs *mntEntry, types, testOpts string) entryOutcome {
	switch {
	case !fstabWanted(fs, types, testOpts):
		return entryIgnored
	case isMounted(tmpl.t, fs):
		return entryPresent
	}
	j := tmpl.forEntry(fs)
	status := j.run()
	j.releaseLoopdev()
	switch {
	case status != exitOK:
		return entryFailed
	case !j.fake && !j.succeeded():
		return entryExcused
	}
	return entryMounted
}

// mountAllStatus sums the outcomes up into mount -a's exit status.
func mountAllStatus(outcomes []entryOutcome) int {
	count := map[entryOutcome]int{}
	for _, o := range outcomes {
		count[o]++
	}
	if count[entryFailed] == 0 {
		return exitOK
	}
	if count[entryMounted] > 0 {
		return exitSomeOK
	}
	return exitFailed
}

// fstabWanted leaves out noauto entries, swap areas, the root (mounted
// before fstab is read) and what the -t and -O filters do not select.
func fstabWanted(fs *mntEntry, types, testOpts string) bool {
	if _, noauto := optionValue(splitOpts(fs.optstr), "noauto"); noauto {
		return false
	}
	if fs.fstype == "swap" || fs.target == "/" || fs.target == "root" {
		return false
	}
	if types != "" && !matchFstype(fs.fstype, types) {
		return false
	}
	return testOpts == "" || matchOptions(fs.optstr, testOpts)
}

// isMounted reports whether the entry's source is already mounted on its
// target.
func isMounted(t *vfs.Task, fs *mntEntry) bool {
	tgt := canonicalPath(t, fs.target)
	for _, m := range readMountinfo(t).fss {
		if m.target == tgt && sameSource(t, m, fs.source) {
			return true
		}
	}
	return false
}

// sameSource compares a mount's source with an fstab one: as names of
// the same file for paths, as strings for the rest (tmpfs's "none").
func sameSource(t *vfs.Task, m *mntEntry, src string) bool {
	if m.source == src {
		return true
	}
	return strings.HasPrefix(src, "/") && !m.isPseudo() && m.source == canonicalPath(t, src)
}

// forEntry is the job for one entry: its source, target, type and options,
// then the command line's options and switches.
func (tmpl *mountJob) forEntry(fs *mntEntry) *mountJob {
	j := &mountJob{c: tmpl.c, t: tmpl.t, source: fs.source, target: fs.target, hasSource: true, hasTarget: true,
		fstype: fs.fstype, fake: tmpl.fake, noMtab: tmpl.noMtab, explicitRW: tmpl.explicitRW}
	if fs.optstr != "" {
		j.addOptions(fs.optstr)
	}
	j.items = append(j.items, tmpl.items...)
	return j
}

// fstabTable is the table mount consults: what -T read, or /etc/fstab.
func (j *mountJob) fstabTable() *mntTable {
	if j.fstab != nil {
		return j.fstab
	}
	return j.c.readFstab("/etc/fstab")
}

// takeFstab is -T FILE: the file (or a directory's *.fstab files) is read
// as the option is met, as libmount's mnt_table_parse_fstab does, and
// each -T adds to the table. A file that cannot be read stops mount at
// once with status 1.
func (j *mountJob) takeFstab(name string) error {
	if j.fstab == nil {
		j.fstab = &mntTable{t: j.t}
	}
	if st, err := j.t.Stat(name); err == nil && applet.IsDir(uint32(st.Mode)) {
		// A directory's files are warned about by their bare names.
		for _, file := range fstabDirFiles(j.t, name) {
			j.fstab.fss = append(j.fstab.fss, j.c.readFstabShown(applet.JoinPath(name, file), file).fss...)
		}
		return nil
	}
	if _, err := readFile(j.t, name); err != nil {
		j.c.Errorf("%s: failed to parse", name)
		return applet.ErrReported
	}
	j.fstab.fss = append(j.fstab.fss, j.c.readFstab(name).fss...)
	return nil
}

// fstabDirFiles are the names of the files of an fstab directory libmount
// reads: the visible ones named *.fstab, in name order.
func fstabDirFiles(t *vfs.Task, dir string) []string {
	ents, _ := applet.ReadDirents(t, dir)
	var files []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name, ".") || !strings.HasSuffix(e.Name, ".fstab") {
			continue
		}
		files = append(files, e.Name)
	}
	sort.Strings(files)
	return files
}

// readFstab reads an fstab file of the task, warning about each line it
// cannot use as libmount does ("parse error at line N -- ignored"); a
// missing file is an empty table.
func (c *cmd) readFstab(name string) *mntTable { return c.readFstabShown(name, name) }

// readFstabShown is readFstab naming the file as shown in its warnings.
func (c *cmd) readFstabShown(name, shown string) *mntTable {
	data, err := readFile(c.Task, name)
	if err != nil {
		return &mntTable{t: c.Task}
	}
	for _, n := range fstabBadLines(string(data)) {
		c.warnf("%s: parse error at line %d -- ignored", shown, n)
	}
	return parseFstab(c.Task, string(data))
}
