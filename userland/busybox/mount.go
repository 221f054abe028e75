// SPDX-License-Identifier: Apache-2.0

package busybox

import (
	"bufio"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/internal/mountinfo"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// busybox's mount: one mount(2) per filesystem, no userspace table
// (/etc/mtab, utab) to keep; a failure reads "mount: mounting SRC on DIR
// failed: REASON" and makes the status 255 (mount_main returns -1), or
// with -a the number of failed entries. With no type a directory is bound
// and anything else is tried as every block filesystem of
// /etc/filesystems and /proc/filesystems in turn, silently.

// mountSynopsis is busybox mount's command line.
const mountSynopsis = "[OPTIONS] [-o OPT] DEVICE NODE"

// mountFailed is the status of a failed mount: -1 as an exit status.
const mountFailed = 255

// mountEntry is one line of a mount table (fstab, /proc/mounts).
type mountEntry struct {
	source, dir, fstype, opts string
}

// mounter holds what the command line set for every mount it makes.
type mounter struct {
	c       *applet.Cmd
	fake    bool // -f: do everything but mount(2)
	forceRW bool // -w: never retry read-only
	// fatal is set when a failure ended the applet (permission denied).
	fatal bool
	// fslist caches the block filesystems to try, once read.
	fslist []string
}

// mountApplet is busybox's mount.
func mountApplet(c *applet.Cmd) int {
	var cmdopts string
	var args []string
	for _, a := range c.Args {
		if long, ok := strings.CutPrefix(a, "--"); ok {
			cmdopts = appendOpts(cmdopts, long)
			continue
		}
		args = append(args, a)
	}
	opts, operands, ok := getopt(c, args, "o:t:rwanfvsiO:T:", false)
	if !ok || len(operands) > 2 {
		return usage(c, mountSynopsis)
	}
	m := &mounter{c: c}
	var fstype, match string
	all, fstab := false, "/etc/fstab"
	var rw, ro bool
	for _, o := range opts {
		switch o.name {
		case 'o':
			cmdopts = appendOpts(cmdopts, o.arg)
		case 't':
			fstype = o.arg
		case 'r':
			ro = true
		case 'w':
			rw, m.forceRW = true, true
		case 'a':
			all = true
		case 'f':
			m.fake = true
		case 'O':
			match = o.arg
		case 'T':
			fstab = o.arg
		}
	}
	if ro {
		cmdopts = appendOpts(cmdopts, "ro")
	}
	if rw {
		cmdopts = appendOpts(cmdopts, "rw")
	}
	switch {
	case len(operands) == 0 && !all:
		return m.list(fstype)
	case len(operands) == 2:
		return m.exitStatus(m.mountOne(mountEntry{operands[0], operands[1], fstype, cmdopts}, false))
	}
	return m.fromTable(operands, fstype, cmdopts, match, fstab)
}

// exitStatus turns mountOne's result into the applet's status.
func (m *mounter) exitStatus(ok bool) int {
	switch {
	case m.fatal:
		return failure
	case !ok:
		return mountFailed
	}
	return 0
}

// list prints the mounts, or those of one type, from /proc/mounts.
func (m *mounter) list(fstype string) int {
	ents, err := readTable(m.c, "/proc/mounts")
	if err != nil {
		return fail(m.c, "no %s", "/proc/mounts")
	}
	for _, e := range ents {
		if fstype == "" || e.fstype == fstype {
			fmt.Fprintf(m.c.Out, "%s on %s type %s (%s)\n", e.source, e.dir, e.fstype, e.opts)
		}
	}
	return 0
}

// fromTable is mount with one operand (the fstab entry whose source or
// directory it names, the last one if several) or with -a (every fstab
// entry of the -t types and -O options not yet mounted, neither noauto
// nor swap). A propagation change (--make-private DIR) needs no table.
func (m *mounter) fromTable(operands []string, fstype, cmdopts, match, fstab string) int {
	c := m.c
	cmd := parseOpts(cmdopts)
	m.forceRW = m.forceRW || cmd.rw
	if cmd.flags&opFlags != 0 && len(operands) == 1 {
		if err := c.Task.Mount("", operands[0], "", cmd.flags, ""); err != nil {
			return fail(c, "%s: %s", operands[0], applet.ErrText(err))
		}
		return 0
	}
	if cmd.flags&linux.MS_REMOUNT != 0 {
		fstab = "/proc/mounts"
	}
	ents, err := readTable(c, fstab)
	if err != nil {
		return fail(c, "can't read '%s': %s", fstab, applet.ErrText(err))
	}
	if len(operands) == 0 {
		return m.all(ents, fstype, match)
	}
	want, clean := operands[0], absolute(c, operands[0])
	var found *mountEntry
	for i, e := range ents {
		if e.source == want || e.source == clean || e.dir == want || e.dir == clean {
			found = &ents[i]
		}
	}
	if found == nil {
		return fail(c, "can't find %s in %s", want, fstab)
	}
	e := *found
	e.opts = appendOpts(e.opts, cmdopts)
	return m.exitStatus(m.mountOne(e, false))
}

// all mounts the fstab entries -a selects; the status counts failures.
func (m *mounter) all(ents []mountEntry, fstype, match string) int {
	mounted, _ := readTable(m.c, "/proc/mounts")
	failed := 0
	for _, e := range ents {
		o := parseOpts(e.opts)
		if !typeMatches(e.fstype, fstype) || o.noauto || o.swap || strings.EqualFold(e.fstype, "swap") || !optsMatch(e.opts, match) {
			continue
		}
		if isMountPoint(m.c, mounted, e.dir) {
			continue
		}
		if !m.mountOne(e, true) {
			failed++
		}
		if m.fatal {
			return failure
		}
	}
	return failed
}

// isMountPoint is busybox's test that a directory is mounted on already:
// /proc/mounts names it (the rootfs line aside).
func isMountPoint(c *applet.Cmd, mounted []mountEntry, dir string) bool {
	if _, err := c.Task.Stat(dir); err != nil {
		return false
	}
	for _, e := range mounted {
		if e.source != "rootfs" && (e.dir == dir || e.source == dir) {
			return true
		}
	}
	return false
}

// typeMatches is -t's test of an entry's type: a comma-separated list,
// all of it negated by a leading "no".
func typeMatches(fstype, list string) bool {
	if list == "" {
		return true
	}
	rest, negated := strings.CutPrefix(list, "no")
	for _, t := range strings.Split(rest, ",") {
		if t == fstype {
			return !negated
		}
	}
	return negated
}

// optsMatch is -O's test: every word of match is among the entry's
// options, or with a "no" prefix absent from them.
func optsMatch(opts, match string) bool {
	if match == "" {
		return true
	}
	have := map[string]bool{}
	for _, w := range strings.Split(opts, ",") {
		have[w] = true
	}
	for _, w := range strings.Split(match, ",") {
		if name, no := strings.CutPrefix(w, "no"); no {
			if have[name] {
				return false
			}
		} else if !have[w] {
			return false
		}
	}
	return true
}

// mountOne mounts one entry; false after a failure it reported. With
// ignoreBusy (mount -a) a busy target is no failure; nofail forgives a
// missing source or target.
func (m *mounter) mountOne(e mountEntry, ignoreBusy bool) bool {
	o := parseOpts(e.opts)
	if e.fstype == "auto" {
		e.fstype = ""
	}
	op := o.flags & (linux.MS_REMOUNT | linux.MS_BIND | linux.MS_MOVE)
	var loopDev string
	if st, err := m.c.Task.Stat(e.source); err == nil && op == 0 {
		switch {
		case applet.IsReg(uint32(st.Mode)):
			dev, fd, err := m.attachLoop(e.source, &o)
			if err != nil {
				return false
			}
			defer m.c.Task.Close(fd)
			loopDev, e.source = dev, dev
		case applet.IsDir(uint32(st.Mode)) && e.fstype == "":
			o.flags |= linux.MS_BIND
		}
	}
	err := m.tryTypes(e, o)
	if err != nil && loopDev != "" {
		detachLoop(m.c, loopDev)
	}
	switch {
	case err == nil:
		return true
	case m.fatal:
		return false
	case errors.Is(err, linux.EBUSY) && ignoreBusy, errors.Is(err, linux.ENOENT) && o.nofail:
		return true
	}
	warn(m.c, "mounting %s on %s failed: %s", e.source, e.dir, applet.ErrText(err))
	return false
}

// tryTypes mounts with each type of a comma-separated -t list, or with no
// type for an operation (bind, move, remount), or with each block
// filesystem the system knows, until one works; the last error is kept.
func (m *mounter) tryTypes(e mountEntry, o mountOpts) error {
	types := []string{e.fstype}
	switch {
	case e.fstype != "":
		types = strings.Split(e.fstype, ",")
	case o.flags&(linux.MS_REMOUNT|linux.MS_BIND|linux.MS_MOVE) == 0:
		types = m.blockFilesystems()
	}
	// With nothing to try, the error is the lookup's that failed last:
	// the source's, or /proc/filesystems' (no /proc).
	err := error(linux.ENOENT)
	for _, t := range types {
		if err = m.mountOrReadOnly(e.source, e.dir, t, o); err == nil || m.fatal {
			break
		}
	}
	return err
}

// mountOrReadOnly is one mount(2), retried read-only when the device
// refuses writing (EACCES, EROFS) unless read-write was insisted on.
// EPERM ends the applet: it says the caller is not root.
func (m *mounter) mountOrReadOnly(source, dir, fstype string, o mountOpts) error {
	if m.fake {
		return nil
	}
	flags := o.flags
	data := strings.Join(o.data, ",")
	for {
		err := m.c.Task.Mount(source, dir, fstype, flags, data)
		if err == nil {
			return nil
		}
		if errors.Is(err, linux.EPERM) {
			warn(m.c, "permission denied (are you root?)")
			m.fatal = true
			return err
		}
		retry := (errors.Is(err, linux.EACCES) || errors.Is(err, linux.EROFS)) && flags&linux.MS_RDONLY == 0 && !m.forceRW
		if !retry {
			return err
		}
		if flags&linux.MS_SILENT == 0 {
			warn(m.c, "%s is write-protected, mounting read-only", source)
		}
		flags |= linux.MS_RDONLY
	}
}

// blockFilesystems lists the types to try for a mount without one: the
// lines of /etc/filesystems, then of /proc/filesystems, leaving out
// "nodev" filesystems, comments and "*".
func (m *mounter) blockFilesystems() []string {
	if m.fslist != nil {
		return m.fslist
	}
	m.fslist = []string{}
	for _, name := range []string{"/etc/filesystems", "/proc/filesystems"} {
		f, err := applet.OpenFile(m.c.Task, name, linux.O_RDONLY, 0)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			if len(line) > 5 && strings.HasPrefix(line, "nodev") && (line[5] == ' ' || line[5] == '\t') {
				continue
			}
			fs := strings.TrimLeft(line, " \t")
			if fs == "" || fs[0] == '#' || fs[0] == '*' {
				continue
			}
			m.fslist = append(m.fslist, fs)
		}
		f.Close()
	}
	return m.fslist
}

// readTable reads an fstab-format table as getmntent does: blank lines
// and comments skipped, octal escapes (\040) decoded, missing fields
// empty.
func readTable(c *applet.Cmd, name string) ([]mountEntry, error) {
	f, err := applet.OpenFile(c.Task, name, linux.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ents []mountEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		for len(fields) < 4 {
			fields = append(fields, "")
		}
		ents = append(ents, mountEntry{mountinfo.Unescape(fields[0]), mountinfo.Unescape(fields[1]), mountinfo.Unescape(fields[2]), mountinfo.Unescape(fields[3])})
	}
	return ents, nil
}

// absolute is busybox's bb_simplify_path: the name made absolute from the
// working directory, with "." and ".." and repeated slashes resolved as
// words, not by looking at the files.
func absolute(c *applet.Cmd, name string) string {
	if !strings.HasPrefix(name, "/") {
		if cwd, err := applet.Getcwd(c.Task); err == nil {
			name = cwd + "/" + name
		}
	}
	return path.Clean(name)
}
