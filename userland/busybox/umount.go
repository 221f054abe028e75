// SPDX-License-Identifier: Apache-2.0

package busybox

import (
	"errors"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// umountApplet is busybox's umount: each operand, made absolute, is
// looked up in /proc/mounts by directory or source (a device names every
// mount of it, newest first) and unmounted with umount2 (-f force, -l
// detach); an operand not listed goes to umount2 as it is. -a unmounts
// every listed mount, newest first; -t limits the table to some types;
// -r remounts a busy mount read-only; -d detaches a loop device after.
// A failure reads "umount: can't unmount DIR: REASON" and the status is
// 1. No userspace table is kept (-n changes nothing); -c -v -i are
// accepted and ignored.
func umountApplet(c *applet.Cmd) int {
	opts, operands, ok := getopt(c, c.Args, "fldnrat:cvi", false)
	if !ok {
		return usage(c, "[-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY")
	}
	var flags int
	var all, remount, freeLoop bool
	var fstype string
	for _, o := range opts {
		switch o.name {
		case 'f':
			flags |= linux.MNT_FORCE
		case 'l':
			flags |= linux.MNT_DETACH
		case 'd':
			freeLoop = true
		case 'r':
			remount = true
		case 'a':
			all = true
		case 't':
			fstype = o.arg
		}
	}
	table, err := readTable(c, "/proc/mounts")
	if err != nil && all {
		return fail(c, "can't open '%s'", "/proc/mounts")
	}
	// Newest first, of the -t types.
	var mounts []mountEntry
	for i := len(table) - 1; i >= 0; i-- {
		if typeMatches(table[i].fstype, fstype) {
			mounts = append(mounts, table[i])
		}
	}
	if !all && len(operands) == 0 {
		return usage(c, "[-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY")
	}
	u := unmounter{c: c, flags: flags, remount: remount, freeLoop: freeLoop, status: 0}
	if all {
		for _, m := range mounts {
			u.one(m.dir, &m)
		}
		return u.status
	}
	for _, arg := range operands {
		u.operand(arg, mounts)
	}
	return u.status
}

// unmounter holds the command line's choices and the status so far.
type unmounter struct {
	c        *applet.Cmd
	flags    int
	remount  bool
	freeLoop bool
	status   int
}

// operand unmounts what one operand names: the listed mount whose
// directory or source it is (after it, every other mount of that
// source), or the operand itself when nothing listed matches.
func (u *unmounter) operand(arg string, mounts []mountEntry) {
	abs, err := realpath(u.c, arg)
	matched := false
	for i := range mounts {
		m := &mounts[i]
		if err != nil || !(abs == m.dir || abs == m.source) || matched && abs != m.source {
			continue
		}
		matched = true
		u.one(m.dir, m)
	}
	if !matched {
		u.one(arg, nil)
	}
}

// one unmounts dir; m is its table entry when there is one.
func (u *unmounter) one(dir string, m *mountEntry) {
	t := u.c.Task
	err := t.Umount2(dir, u.flags)
	switch {
	case err == nil:
		if u.freeLoop && m != nil {
			detachLoop(u.c, m.source)
		}
	case u.remount && errors.Is(err, linux.EBUSY) && m != nil:
		if t.Mount(m.source, dir, "", linux.MS_REMOUNT|linux.MS_RDONLY, "") != nil {
			warn(u.c, "can't remount %s read-only", m.source)
			u.status = failure
			return
		}
		warn(u.c, "%s busy - remounted read-only", m.source)
	default:
		warn(u.c, "can't unmount %s: %s", dir, applet.ErrText(err))
		u.status = failure
	}
}

// realpath is the absolute path without symbolic links of an existing
// file: the name its open descriptor has.
func realpath(c *applet.Cmd, name string) (string, error) {
	fd, err := c.Task.Open(name, linux.O_PATH|linux.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer c.Task.Close(fd)
	return c.Task.FdPath(fd)
}
