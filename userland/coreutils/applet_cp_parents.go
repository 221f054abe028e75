// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// cp --parents copies SOURCE to DIRECTORY/SOURCE, first making the
// directories of SOURCE's name that DIRECTORY lacks, each like its
// counterpart in the source, and giving them their final times, owners
// and modes once the copy is in (reprotect).

// madeParent is a directory --parents created: its name, the source
// directory's status, and, without -p, the mode it is to end with when
// that differs from the one it was filled under (setMode).
type madeParent struct {
	dst     string
	src     vfs.Statx
	setMode bool
	mode    uint32
}

// parentsDest is the destination of src under dir with --parents, after
// making the leading directories; ok is false when one could not be made
// (and that was reported).
func (c *cmd) parentsDest(dir, src string, o *cpOpts) (dst string, made []madeParent, ok bool) {
	rel := strings.TrimRight(src, "/")
	if rel == "" {
		rel = src[:1]
	}
	dst = fileNameConcat(dir, rel)
	offset := len(dst) - len(rel)
	// The components of rel but the last, after its leading slashes.
	start := len(rel) - len(strings.TrimLeft(rel, "/"))
	for i := start; i < len(rel); i++ {
		if rel[i] != '/' || rel[i-1] == '/' {
			continue
		}
		srcDir, dstDir := rel[:i], dst[:offset+i]
		st, err := c.Task.Stat(dstDir)
		if err == nil {
			if !applet.IsDir(uint32(st.Mode)) {
				c.Errorf("%s exists but is not a directory", c.Quote(dstDir))
				return "", made, false
			}
			continue
		}
		m, ok := c.makeParent(srcDir, dstDir, o)
		if !ok {
			return "", made, false
		}
		made = append(made, m)
	}
	return dst, made, true
}

// makeParent makes dstDir like the source directory srcDir.
func (c *cmd) makeParent(srcDir, dstDir string, o *cpOpts) (madeParent, bool) {
	m := madeParent{dst: dstDir}
	st, err := c.Task.Stat(srcDir)
	if err != nil {
		c.Errorf("failed to get attributes of %s: %s", c.Quote(srcDir), applet.ErrText(err))
		return m, false
	}
	if !applet.IsDir(uint32(st.Mode)) {
		c.Errorf("%s exists but is not a directory", c.Quote(srcDir))
		return m, false
	}
	m.src = st
	mkdirMode, withheld := parentModes(uint32(st.Mode), o)
	if err := c.Task.Mkdir(dstDir, mkdirMode); err != nil {
		c.Errorf("cannot make directory %s: %s", c.Quote(dstDir), applet.ErrText(err))
		return m, false
	}
	if o.verbose {
		c.Out.WriteString(srcDir + " -> " + dstDir + "\n")
	}
	made, err := c.Task.Lstat(dstDir)
	if err != nil {
		c.Errorf("failed to get attributes of %s: %s", c.Quote(dstDir), applet.ErrText(err))
		return m, false
	}
	got := uint32(made.Mode) & applet.ModeBits
	fill := got | 0o700 // the copy goes in as the owner, who must search and write
	if !o.keepMode {
		// Without -p the directory keeps what mkdir gave it, plus the
		// withheld bits the umask would have let through.
		final := got | withheld&^c.Task.GetUmask()
		m.setMode, m.mode = final != fill, final
	}
	if fill != got {
		if err := c.Task.Chmod(dstDir, fill); err != nil {
			c.Errorf("setting permissions for %s: %s", c.Quote(dstDir), applet.ErrText(err))
			return m, false
		}
	}
	return m, true
}

// parentModes are the mode to make a parent directory with, from its
// source's mode, and the bits withheld until the copy is done: while the
// owner may still change, nothing for the group and others; while the
// mode is kept, no write for them.
func parentModes(srcMode uint32, o *cpOpts) (mkdirMode, withheld uint32) {
	perm := srcMode & applet.ModeBits
	switch {
	case o.keepOwner:
		withheld = perm & 0o077
	case o.keepMode:
		withheld = perm & 0o022
	}
	if o.noMode {
		perm = 0o777
	}
	return perm &^ withheld, withheld
}

// reprotect gives the directories --parents made their sources' times,
// owners and modes with -p, or only the mode they were made without.
func (c *cmd) reprotect(made []madeParent, o *cpOpts) bool {
	for i := len(made) - 1; i >= 0; i-- {
		m := made[i]
		mode := uint32(m.src.Mode) & applet.ModeBits
		if o.keepTimes {
			times := [2]vfs.Timespec{m.src.Atime, m.src.Mtime}
			if err := c.Task.Utimensat(applet.AtCWD, m.dst, &times, 0); err != nil {
				c.Errorf("failed to preserve times for %s: %s", c.Quote(m.dst), applet.ErrText(err))
				return false
			}
		}
		if o.keepOwner {
			if _, err := c.keepOwner(m.dst, m.src.UID, m.src.GID, 0); err != nil {
				c.Errorf("failed to preserve ownership for %s: %s", c.Quote(m.dst), applet.ErrText(err))
				return false
			}
		}
		if o.keepMode {
			if err := c.setPermissions(m.dst, mode); err != nil {
				c.Errorf("failed to preserve permissions for %s: %s", c.Quote(m.dst), applet.ErrText(err))
				return false
			}
		} else if m.setMode {
			if err := c.Task.Chmod(m.dst, m.mode); err != nil {
				c.Errorf("failed to preserve permissions for %s: %s", c.Quote(m.dst), applet.ErrText(err))
				return false
			}
		}
	}
	return true
}
