// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// mkdirOpts are mkdir's parsed options.
// dirMaker is one mkdir command: the program and its settings.
type dirMaker struct {
	*cmd
	*mkdirOpts
}

// mkdirOpts are mkdir's settings.
type mkdirOpts struct {
	parents bool
	verbose bool
	mode    uint32 // for the final component
	bits    uint32 // the bits -m spoke about (0 without -m)
}

// mkdirApplet is mkdir(1).
func mkdirApplet(cmd *cmd) int {
	c := &dirMaker{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... DIRECTORY..."
	fs.About = `Make each DIRECTORY that does not exist yet.`
	parents := fs.BoolP("parents", "p", false, "make missing parent directories too; no error if DIRECTORY exists")
	verbose := fs.BoolP("verbose", "v", false, "report each directory made")
	modeArg := fs.StringP("mode", "m", "", "give new directories MODE (as chmod), not a=rwx less the umask")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	o := mkdirOpts{parents: *parents, verbose: *verbose, mode: applet.RwxUGO}
	c.mkdirOpts = &o
	if fs.Changed("mode") {
		ch, err := applet.ParseMode(*modeArg)
		if err != nil {
			c.Errorf("invalid mode %s", c.QuoteArg(*modeArg))
			return 1
		}
		o.mode, o.bits = ch.Adjust(applet.RwxUGO, true, c.Task.GetUmask())
	}
	status := 0
	for _, dir := range ops {
		if !c.makeOne(dir) {
			status = 1
		}
	}
	return status
}

// mkdirOne is coreutils' make_dir_parents. Ancestors are walked like
// gnulib's mkancesdirs does, creating and entering each in turn; a clone
// of the task does the entering so the shell's directory stays put, and
// carries the umask that keeps new ancestors writable and searchable.
func (c *dirMaker) makeOne(dir string) bool {
	o := c.mkdirOpts
	t := c.Task.Clone(0)
	defer t.Exit()
	umask := t.GetUmask()
	last := 0
	if o.parents {
		var ok bool
		if last, ok = c.mkAncestors(t, dir, umask, o.verbose); !ok {
			return false
		}
	}
	if o.bits != 0 {
		umask = 0 // coreutils runs with umask 0 once -m has decided the mode
	}
	t.Umask(umask)
	name := dir[last:]
	err := t.Mkdir(name, o.mode)
	if err == nil {
		c.announce(o.verbose, dir)
		return c.fixDirMode(t, name, dir)
	}
	if o.parents {
		// gnulib's make_dir_parents: an existing directory is fine; a
		// name that exists but cannot be stat'ed is reported as such
		st, serr := t.Stat(name)
		switch {
		case serr == nil:
			if applet.IsDir(uint32(st.Mode)) {
				return true
			}
		case errors.Is(err, linux.EEXIST) && !errors.Is(serr, linux.ENOENT) && !errors.Is(serr, linux.ENOTDIR):
			c.Errorf("cannot stat %s: %s", c.QuoteArg(dir), applet.ErrText(serr))
			return false
		}
	}
	c.Errorf("cannot create directory %s: %s", c.QuoteArg(dir), applet.ErrText(err))
	return false
}

// mkAncestors creates and enters each ancestor of dir; it returns where
// the last component starts.
func (c *dirMaker) mkAncestors(t *vfs.Task, dir string, umask uint32, verbose bool) (int, bool) {
	comps, last := ancestors(dir)
	t.Umask(umask &^ 0o300)
	for _, r := range comps {
		name := dir[r[0]:r[1]]
		if name == "." {
			continue
		}
		var mkErr error
		if name != ".." {
			if mkErr = t.Mkdir(name, applet.RwxUGO); mkErr == nil {
				c.announce(verbose, dir[:r[1]])
			}
		}
		if err := t.Chdir(name); err != nil {
			if mkErr != nil && errors.Is(err, linux.ENOENT) {
				err = mkErr
			}
			c.Errorf("cannot create directory %s: %s", c.QuoteArg(dir[:r[1]]), applet.ErrText(err))
			return 0, false
		}
	}
	return last, true
}

// ancestors splits a name as mkancesdirs walks it: the [start, end) of
// each ancestor component, and where the last component begins. Repeated
// slashes separate like one; trailing slashes stay with the last part.
func ancestors(dir string) (comps [][2]int, last int) {
	sep := -1
	for i := 0; i < len(dir); i++ {
		var next byte
		if i+1 < len(dir) {
			next = dir[i+1]
		}
		switch {
		case next == '/':
			if dir[i] != '/' {
				sep = i + 1
			}
		case dir[i] == '/' && next != 0 && sep >= 0:
			comps = append(comps, [2]int{last, sep})
			last = i + 1
		}
	}
	return comps, last
}

// fixDirMode is gnulib's dirchownmod: mkdir(2) drops set-id bits and
// applies the umask, so if a bit -m spoke about came out wrong the whole
// -m mode is set with chmod.
func (c *dirMaker) fixDirMode(t *vfs.Task, name, dir string) bool {
	o := c.mkdirOpts
	if o.bits == 0 {
		return true
	}
	st, err := t.Lstat(name)
	if err != nil {
		c.Errorf("cannot change permissions of %s: %s", c.Quote(dir), applet.ErrText(err))
		return false
	}
	cur := uint32(st.Mode) & applet.ModeBits
	if (cur^o.mode)&o.bits == 0 {
		return true
	}
	want := o.mode | cur&^o.bits
	if err := t.Chmod(name, want); err != nil {
		c.Errorf("cannot change permissions of %s: %s", c.Quote(dir), applet.ErrText(err))
		return false
	}
	return true
}

func (c *dirMaker) announce(verbose bool, dir string) {
	if verbose {
		c.Out.WriteString("mkdir: created directory " + c.Quote(dir) + "\n")
	}
}

// dirRemover is one rmdir command: the program and its settings.
type dirRemover struct {
	*cmd
	parents, ignore, verbose bool
}

// rmdirApplet is rmdir(1).
func rmdirApplet(cmd *cmd) int {
	c := &dirRemover{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... DIRECTORY..."
	fs.About = `Remove each DIRECTORY, which must be empty.`
	fs.BoolVarP(&c.parents, "parents", "p", false, "make missing parent directories too; no error if DIRECTORY exists")
	fs.BoolVar(&c.ignore, "ignore-fail-on-non-empty", false, "say nothing when a directory is not empty")
	fs.BoolVarP(&c.verbose, "verbose", "v", false, "report each directory made")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		return c.MissingOperand("")
	}
	status := 0
	for _, dir := range ops {
		c.announce(dir)
		if err := c.Task.Rmdir(dir); err != nil {
			if c.ignore && ignorableRmdir(err) {
				continue
			}
			if c.symlinkSlash(dir, err) {
				c.Errorf("failed to remove %s: Symbolic link not followed", c.Quote(dir))
			} else {
				c.Errorf("failed to remove %s: %s", c.Quote(dir), applet.ErrText(err))
			}
			status = 1
			continue
		}
		if c.parents && !c.removeParents(dir) {
			status = 1
		}
	}
	return status
}

// rmdirSymlinkSlash is rmdir.c's test for its custom message: Linux's
// rmdir(2) gives ENOTDIR for a symlink named with a trailing slash, even
// when it points to a directory (or nowhere).
func (c *dirRemover) symlinkSlash(dir string, err error) bool {
	if !errors.Is(err, linux.ENOTDIR) || !strings.HasSuffix(dir, "/") {
		return false
	}
	st, serr := c.Task.Stat(dir)
	if serr == nil && !applet.IsDir(uint32(st.Mode)) || serr != nil && errors.Is(serr, linux.ENOTDIR) {
		return false
	}
	stripped := strings.TrimRight(dir, "/")
	if stripped == "" {
		stripped = "/"
	}
	lst, lerr := c.Task.Lstat(stripped)
	return lerr == nil && applet.IsLink(uint32(lst.Mode))
}

func (c *dirRemover) announce(dir string) {
	verbose := c.verbose
	if verbose {
		c.Out.WriteString("rmdir: removing directory, " + c.Quote(dir) + "\n")
	}
}

// ignorableRmdir is --ignore-fail-on-non-empty's test.
func ignorableRmdir(err error) bool {
	return errors.Is(err, linux.ENOTEMPTY) || errors.Is(err, linux.EEXIST)
}

// rmdirParents removes each parent of dir in turn, as rmdir -p does.
func (c *dirRemover) removeParents(dir string) bool {
	ignore := c.ignore
	dir = strings.TrimRight(dir, "/")
	for dir != "/" {
		i := strings.LastIndexByte(dir, '/')
		if i < 0 {
			return true
		}
		if dir = strings.TrimRight(dir[:i], "/"); dir == "" {
			dir = "/"
		}
		c.announce(dir)
		err := c.Task.Rmdir(dir)
		if err == nil {
			continue
		}
		if ignore && ignorableRmdir(err) {
			return true
		}
		if errors.Is(err, linux.ENOTDIR) {
			c.Errorf("failed to remove %s: %s", c.Quote(dir), applet.ErrText(err))
		} else {
			c.Errorf("failed to remove directory %s: %s", c.Quote(dir), applet.ErrText(err))
		}
		return false
	}
	return true
}
