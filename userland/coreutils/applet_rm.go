// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
)

// rmOpts are rm's parsed options.
type rmOpts struct {
	force, recursive, emptyDirs, verbose, preserveRoot bool
}

// rmApplet is rm(1). It walks like coreutils' fts traversal: lstat each
// operand, refuse directories without -r (or -d for empty ones), remove
// a tree's contents depth first, and skip the ancestors of a failure.
func rmApplet(c *cmd) int {
	fs := c.FlagSet()
	var o rmOpts
	fs.BoolVarP(&o.force, "force", "f", false, "ignore nonexistent files")
	fs.BoolVarP(&o.recursive, "recursive", "r", false, "recursive")
	fs.BoolVarP(&o.recursive, "Recursive", "R", false, "recursive")
	fs.BoolVarP(&o.emptyDirs, "dir", "d", false, "remove empty directories")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "verbose")
	fs.BoolP("interactive", "i", false, "ignored: never prompts")
	fs.BoolP("I", "I", false, "ignored: never prompts")
	noPreserve := fs.Bool("no-preserve-root", false, "allow removing /")
	fs.Bool("preserve-root", true, "refuse to remove /")
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	o.preserveRoot = !*noPreserve
	if len(ops) == 0 {
		if o.force {
			return 0
		}
		return c.MissingOperand("")
	}
	status := 0
	for _, name := range ops {
		if !c.rmOne(name, &o) {
			status = 1
		}
	}
	return status
}

// rmOne removes one command-line operand.
func (c *cmd) rmOne(name string, o *rmOpts) bool {
	name = ftsTrim(name)
	st, err := c.Task.Lstat(name)
	op := applet.WalkLoc{Path: name, Name: name}
	if err != nil || !applet.IsDir(uint32(st.Mode)) {
		return c.excise(applet.AtCWD, op, false, o)
	}
	if !o.recursive && !(o.emptyDirs && c.isEmptyDir(name)) {
		err := linux.EISDIR
		if o.emptyDirs {
			err = linux.ENOTEMPTY
		}
		c.Errorf("cannot remove %s: %s", applet.Quote(name), err)
		return false
	}
	if dotOrDotDot(lastComponent(name)) {
		c.Errorf("refusing to remove %s or %s directory: skipping %s", applet.Quote("."), applet.Quote(".."), applet.Quote(name))
		return false
	}
	if o.preserveRoot && c.isRoot(name) {
		if name == "/" {
			c.Errorf("it is dangerous to operate recursively on %s", applet.Quote(name))
		} else {
			c.Errorf("it is dangerous to operate recursively on %s (same as %s)", applet.Quote(name), applet.Quote("/"))
		}
		c.Errorf("use --no-preserve-root to override this failsafe")
		return false
	}
	if !o.recursive {
		return c.excise(applet.AtCWD, op, true, o)
	}
	w := applet.NewDirWalk(c.Task)
	defer w.Close()
	return c.rmTree(w, op, o)
}

// rmTree removes a directory's contents, then the directory. A child that
// cannot be removed leaves its ancestors alone (mark_ancestor_dirs).
func (c *cmd) rmTree(w *applet.DirWalk, l applet.WalkLoc, o *rmOpts) bool {
	ents, err := w.Enter(l, false)
	if err != nil {
		if rerr := c.Task.Unlinkat(w.At(), l.Name, linux.AT_REMOVEDIR); rerr == nil {
			return true
		}
		c.Errorf("cannot remove %s: %s", applet.Quote(l.Path), applet.ErrText(err))
		return false
	}
	ok := true
	for _, e := range ents {
		if c.Cancelled() {
			return false
		}
		child := l.Child(e.Name)
		if e.Type == linux.DT_DIR {
			ok = c.rmTree(w, child, o) && ok
		} else {
			ok = c.excise(w.At(), child, false, o) && ok
		}
	}
	if err := w.Leave(); err != nil {
		c.Errorf("%s: %s", applet.Quote(l.Path), applet.ErrText(err))
		return false
	}
	return ok && c.excise(w.At(), l, true, o)
}

// excise is unlinkat on one entry, with rm -f's silence about missing
// files.
func (c *cmd) excise(dirfd int, l applet.WalkLoc, dir bool, o *rmOpts) bool {
	flags := 0
	if dir {
		flags = linux.AT_REMOVEDIR
	}
	err := c.Task.Unlinkat(dirfd, l.Name, flags)
	if err == nil {
		if o.verbose && dir {
			c.Out.WriteString("removed directory " + applet.Quote(l.Path) + "\n")
		} else if o.verbose {
			c.Out.WriteString("removed " + applet.Quote(l.Path) + "\n")
		}
		return true
	}
	if o.force && (errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENOTDIR)) {
		return true
	}
	c.Errorf("cannot remove %s: %s", applet.Quote(l.Path), applet.ErrText(err))
	return false
}

// isEmptyDir reports whether a directory has no entries.
func (c *cmd) isEmptyDir(name string) bool {
	ents, err := applet.ReadDirents(c.Task, name)
	return err == nil && len(ents) == 0
}

// isRoot reports whether name resolves to the task's root directory.
func (c *cmd) isRoot(name string) bool {
	a, err := c.Task.Stat(name)
	if err != nil {
		return false
	}
	b, err := c.Task.Stat("/")
	return err == nil && a.Dev() == b.Dev() && a.Ino == b.Ino
}

// lastComponent is gnulib's last_component: the final name in a path,
// with its trailing slashes, "" for "/".
func lastComponent(name string) string {
	s := strings.TrimLeft(name, "/")
	base := s
	sawSlash := false
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			sawSlash = true
		} else if sawSlash {
			base = s[i:]
			sawSlash = false
		}
	}
	return base
}

// dotOrDotDot reports whether a last component is "." or "..", slashes
// after it allowed.
func dotOrDotDot(base string) bool {
	b := strings.TrimRight(base, "/")
	return b == "." || b == ".."
}

// ftsTrim is what fts_open does to a command-line name: two or more
// trailing slashes become one ("//" itself is left alone).
func ftsTrim(name string) string {
	n := len(name)
	if n > 2 && name[n-1] == '/' {
		for n > 1 && name[n-2] == '/' {
			n--
		}
	}
	return name[:n]
}
