// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"
)

// statMountPoint is %m: the mount point of the file system holding the
// file, found as coreutils finds it: from the file's directory (the
// file itself for a directory; a symbolic link is not followed without
// -L), up through the parents for as long as they are on the same
// device. A bind mount within one file system is therefore not seen.
// (coreutils first looks for the name among the mount table's bind
// entries, which mountinfo never marks as such.) True if it failed.
func (c *statRun) mountPoint(f *statFile, sp statSpec) bool {
	start := f.name
	if !applet.IsDir(uint32(f.st.Mode)) {
		start = dirName(f.name)
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
