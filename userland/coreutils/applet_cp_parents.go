// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"strings"

	"github.com/linuxvfs/linuxvfs/userland/applet"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// cp --parents copies SOURCE to DIRECTORY/SOURCE, first making the
// directories of SOURCE's name that DIRECTORY lacks, each like its
// counterpart in the source (cp.c's make_dir_parents_private and
// re_protect).

// madeParent is a directory --parents created: its name, the source
// directory's status, and whether its mode must be set to restore once
// the copy is done (without -p: it was made searchable and writable to be
// filled, or without group or other bits it is to have).
type madeParent struct {
	dst         string
	src         vfs.Statx
	restoreMode bool
	restore     uint32
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
	// Bits others could use before the directory is ready wait for
	// reprotect: the group's and others' while the owner may change,
	// their write bits while the mode is kept.
	omitted := uint32(0)
	switch {
	case o.keepOwner:
		omitted = uint32(st.Mode) & 0o077
	case o.keepMode:
		omitted = uint32(st.Mode) & 0o022
	}
	mode := uint32(st.Mode) & applet.ModeBits
	if o.noMode {
		mode = 0o777
	}
	if err := c.Task.Mkdir(dstDir, mode&^omitted); err != nil {
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
	if !o.keepMode {
		// Without -p the directory ends as mkdir made it, with the
		// withheld bits the umask lets through put back.
		if omitted&^got != 0 {
			omitted &^= c.Task.GetUmask()
		}
		if omitted&^got != 0 || got&0o700 != 0o700 {
			m.restoreMode, m.restore = true, got|omitted
		}
	}
	if got&0o700 != 0o700 {
		if err := c.Task.Chmod(dstDir, got|0o700); err != nil {
			c.Errorf("setting permissions for %s: %s", c.Quote(dstDir), applet.ErrText(err))
			return m, false
		}
	}
	return m, true
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
		} else if m.restoreMode {
			if err := c.Task.Chmod(m.dst, m.restore); err != nil {
				c.Errorf("failed to preserve permissions for %s: %s", c.Quote(m.dst), applet.ErrText(err))
				return false
			}
		}
	}
	return true
}
