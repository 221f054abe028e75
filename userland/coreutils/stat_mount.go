// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// statMountPoint is %m: the mount point of the file system holding the
// file, found as coreutils finds it: from the file's directory (the
// file itself for a directory; a symbolic link is not followed without
// -L), up through the parents for as long as they are on the same
// device. A bind mount within one file system is therefore not seen.
// (coreutils first looks for the name among the mount table's bind
// entries, which mountinfo never marks as such.) True if it failed.
//
// The file's own name is made canonical first (canonicalize_file_name),
// to look for it among bind mounts, unless it is a link not followed;
// failing that is an error of its own.
func (c *statRun) mountPoint(f *statFile, sp statSpec) bool {
	if c.follow || !applet.IsLink(uint32(f.st.Mode)) {
		if _, err := c.canonicalize(f.name, canExisting); err != nil {
			c.Errorf("failed to canonicalize %s: %s", c.Quote(f.name), applet.ErrText(err))
			c.str(sp, "?")
			return true
		}
	}
	start := f.name
	if !applet.IsDir(uint32(f.st.Mode)) {
		start = dirName(f.name)
	}
	if c.unnamedCwd(start) {
		c.str(sp, "?")
		return true
	}
	dir, err := c.canonicalize(start, canExisting)
	if err != nil {
		c.Errorf("cannot change to directory %s: %s", c.Quote(start), applet.ErrText(err))
		c.str(sp, "?")
		return true
	}
	last, err := c.Task.Stat(dir)
	if err != nil {
		c.Errorf("cannot stat current directory (now %s): %s", c.Quote(start), applet.ErrText(err))
		c.str(sp, "?")
		return true
	}
	for dir != "/" {
		parent := dirName(dir)
		st, err := c.Task.Stat(parent)
		if err != nil {
			c.Errorf("cannot stat %s: %s", c.Quote(".."), applet.ErrText(err))
			c.str(sp, "?")
			return true
		}
		if st.Dev() != last.Dev() || st.Ino == last.Ino {
			break
		}
		dir, last = parent, st
	}
	c.str(sp, dir)
	return false
}

// unnamedCwd is how gnulib's find_mount_point ends for a relative name
// when the working directory has no name (glibc's getcwd fails: a
// lazily unmounted tree): its chdir and its climb up ".." succeed, and
// the last step, xgetcwd, gives no name and says nothing.
func (c *cmd) unnamedCwd(name string) bool {
	if strings.HasPrefix(name, "/") {
		return false
	}
	_, err := applet.Getcwd(c.Task)
	return err != nil
}
