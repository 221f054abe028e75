// SPDX-License-Identifier: Apache-2.0

package coreutils

import (
	"github.com/linuxvfs/linuxvfs/userland/applet"

	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/linuxvfs/linuxvfs/abi/linux"
	"github.com/linuxvfs/linuxvfs/vfs"
)

// remover is one rm command (or mv's removal of what it copied): the
// program and its settings.
type remover struct {
	*cmd
	*rmOpts
}

// rmOpts are rm's parsed options.
type rmOpts struct {
	force, recursive, emptyDirs, verbose, preserveRoot bool
	// preserveAll is --preserve-root=all: no operand on another device
	// than its parent directory either.
	preserveAll bool
	// oneFS is --one-file-system: directories with entries on another
	// device than the operand's are skipped.
	oneFS   bool
	rootDev uint64
	// ask is when rm asks before removing: -f, -i, -I and --interactive
	// set it, the last one given winning.
	ask rmAsk
}

type rmAsk int

const (
	rmAskNever rmAsk = iota
	rmAskOnce        // -I: once for the whole command line, if it is big
	rmAskEach        // -i: before every removal
)

// rmAskWords are --interactive's arguments, by rmAsk.
var rmAskWords = [][]string{{"never", "no", "none"}, {"once"}, {"always", "yes"}}

// rmResult is what became of a tree rm was asked to remove, as bits: a
// failure inside it, or a directory kept because the user would not have
// rm descend into it. Either leaves the directories above alone; only a
// failure makes rm's status 1. A file the user chose to keep is neither:
// rm goes on to ask about its directory, whose removal then fails.
type rmResult int

const (
	rmDone   rmResult = 0
	rmFailed rmResult = 1 << iota
	rmKept
)

// rmApplet is rm(1). It walks like coreutils' fts traversal: lstat each
// operand, refuse directories without -r (or -d for empty ones), remove
// a tree's contents depth first, and skip the ancestors of a failure.
func rmApplet(cmd *cmd) int {
	c := &remover{cmd: cmd}
	fs := c.FlagSet()
	fs.Synopsis = "[OPTION]... [FILE]..."
	fs.About = `Remove each FILE; directories need -r or -d.`
	var o rmOpts
	c.rmOpts = &o
	fs.Func("force", "f", "never ask; ignore files that do not exist", func() { o.force, o.ask = true, rmAskNever })
	fs.BoolVarP(&o.recursive, "recursive", "r", false, "remove a directory with all it holds")
	fs.BoolVarP(&o.recursive, "Recursive", "R", false, "the same as -r")
	fs.BoolVarP(&o.emptyDirs, "dir", "d", false, "also remove directories that hold nothing")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "name each file as it is removed")
	// Asking also ends -f's silence about missing files; "never" does not.
	fs.Func("i", "i", "ask before each removal", func() { o.ask, o.force = rmAskEach, false })
	fs.Func("I", "I", "one question first, when the command line is big (over three names, or -r)", func() { o.ask, o.force = rmAskOnce, false })
	fs.OptionalFunc("interactive", "", "ask `WHEN`: never, once (-I) or always (-i, the default)", func(v string, given bool) error {
		k := int(rmAskEach)
		if given {
			var ok bool
			if k, ok = c.argmatch("--interactive", v, rmAskWords); !ok {
				return applet.ErrReported
			}
		}
		o.ask = rmAsk(k)
		o.force = o.force && o.ask == rmAskNever
		return nil
	})
	o.preserveRoot = true
	fs.Action("no-preserve-root", "", "allow removing / recursively (not abbreviated)", func() error {
		if !slices.Contains(c.Args, "--no-preserve-root") {
			return errors.New("you may not abbreviate the --no-preserve-root option")
		}
		o.preserveRoot = false // --preserve-root=all's device check stays
		return nil
	})
	fs.BoolVarP(&o.oneFS, "one-file-system", "", false, "skip directories on another file system than their operand's")
	fs.OptionalFunc("preserve-root", "", "refuse to remove / (default); =`all`: also any operand that is a mount point", func(v string, given bool) error {
		if given && v != "all" {
			c.Errorf("unrecognized --preserve-root argument: %s", c.Quote(v))
			return applet.ErrReported
		}
		o.preserveRoot, o.preserveAll = true, given
		return nil
	})
	ops, ok := c.Parse(fs)
	if !ok {
		return 1
	}
	if len(ops) == 0 {
		if o.force {
			return 0
		}
		return c.MissingOperand("")
	}
	if o.ask == rmAskOnce && !c.askOnce(len(ops), o.recursive) {
		return 0
	}
	status := 0
	for _, name := range ops {
		if c.removeOne(name)&rmFailed != 0 {
			status = 1
		}
	}
	return status
}

// rmAskOnce is -I's one question, asked for a recursive removal or more
// than three operands.
func (c *remover) askOnce(n int, recursive bool) bool {
	what := fmt.Sprintf("%d argument", n)
	if n != 1 {
		what += "s"
	}
	switch {
	case recursive:
		return c.Ask("remove %s recursively? ", what)
	case n > 3:
		return c.Ask("remove %s? ", what)
	}
	return true
}

// rmAgrees asks -i's question about removing l, unless rm does not ask or
// the file cannot be looked at (then the removal itself reports why).
func (c *remover) agrees(dirfd int, l applet.WalkLoc) bool {
	o := c.rmOpts
	if o.ask != rmAskEach {
		return true
	}
	st, err := c.Task.Fstatat(dirfd, l.Name, linux.AT_SYMLINK_NOFOLLOW)
	if err != nil {
		return true
	}
	kind := applet.FileTypeName(uint32(st.Mode), st.Size)
	return c.Ask("remove %s %s? ", kind, c.Quote(l.Path))
}

// rmOne removes one command-line operand.
func (c *remover) removeOne(name string) rmResult {
	o := c.rmOpts
	name = ftsTrim(name)
	st, err := c.Task.Lstat(name)
	op := applet.WalkLoc{Path: name, Name: name}
	if err != nil || !applet.IsDir(uint32(st.Mode)) {
		return c.excise(applet.AtCWD, op, false)
	}
	if !o.recursive && !(o.emptyDirs && c.isEmptyDir(name)) {
		err := linux.EISDIR
		if o.emptyDirs {
			err = linux.ENOTEMPTY
		}
		c.Errorf("cannot remove %s: %s", c.Quote(name), err)
		return rmFailed
	}
	if dotOrDotDot(lastComponent(name)) {
		c.Errorf("refusing to remove %s or %s directory: skipping %s", c.Quote("."), c.Quote(".."), c.Quote(name))
		return rmFailed
	}
	if o.preserveRoot && c.refuseRoot(name) {
		return rmFailed
	}
	if o.preserveAll && c.onOtherDevice(name, st.Dev()) {
		c.Errorf("skipping %s, since it's on a different device", c.Quote(name))
		c.Errorf("and --preserve-root=all is in effect")
		return rmFailed
	}
	if !o.recursive {
		return c.excise(applet.AtCWD, op, true)
	}
	o.rootDev = st.Dev()
	w := applet.NewDirWalk(c.Task)
	defer w.Close()
	return c.removeTree(w, op)
}

// rmTree removes a directory's contents, then the directory. A child that
// cannot be removed leaves its ancestors alone (mark_ancestor_dirs).
//
// With -i, a directory with entries is first asked about as "descend
// into"; no leaves it and its ancestors in place. A file declined inside
// it does not spare it: rm still asks about it, and rmdir then fails.
func (c *remover) removeTree(w *applet.DirWalk, l applet.WalkLoc) rmResult {
	o := c.rmOpts
	at := w.At()
	ents, err := w.Enter(l, false)
	if err != nil {
		if !c.agrees(at, l) {
			return rmDone
		}
		if rerr := c.Task.Unlinkat(at, l.Name, linux.AT_REMOVEDIR); rerr == nil {
			return rmDone
		}
		c.Errorf("cannot remove %s: %s", c.Quote(l.Path), applet.ErrText(err))
		return rmFailed
	}
	if len(ents) > 0 && o.ask == rmAskEach && !c.Ask("descend into directory %s? ", c.Quote(l.Path)) {
		w.Leave()
		return rmKept
	}
	res := rmDone
	for _, e := range ents {
		if c.Cancelled() {
			return rmFailed
		}
		child := l.Child(e.Name)
		var r rmResult
		if e.Type == linux.DT_DIR && c.elsewhere(w.At(), child) {
			r = rmFailed
		} else if e.Type == linux.DT_DIR {
			r = c.removeTree(w, child)
		} else {
			r = c.excise(w.At(), child, false)
		}
		res |= r
	}
	if err := w.Leave(); err != nil {
		c.Errorf("%s: %s", c.Quote(l.Path), applet.ErrText(err))
		return rmFailed
	}
	if res != rmDone {
		return res
	}
	return c.excise(w.At(), l, true)
}

// excise is unlinkat on one entry, with rm -f's silence about missing
// files.
func (c *remover) excise(dirfd int, l applet.WalkLoc, dir bool) rmResult {
	o := c.rmOpts
	if !c.agrees(dirfd, l) {
		return rmDone
	}
	flags := 0
	if dir {
		flags = linux.AT_REMOVEDIR
	}
	err := c.Task.Unlinkat(dirfd, l.Name, flags)
	if err == nil {
		if o.verbose && dir {
			c.Out.WriteString("removed directory " + c.Quote(l.Path) + "\n")
		} else if o.verbose {
			c.Out.WriteString("removed " + c.Quote(l.Path) + "\n")
		}
		return rmDone
	}
	// On a read-only mount unlink fails with EROFS before it looks the
	// name up; rm then says what lstat says of a name that is missing
	// (and -f ignores it).
	if errors.Is(err, linux.EROFS) {
		if _, lerr := c.Task.Fstatat(dirfd, l.Name, linux.AT_SYMLINK_NOFOLLOW); errors.Is(lerr, linux.ENOENT) {
			err = lerr
		}
	}
	if o.force && (errors.Is(err, linux.ENOENT) || errors.Is(err, linux.ENOTDIR)) {
		return rmDone
	}
	c.Errorf("cannot remove %s: %s", c.Quote(l.Path), applet.ErrText(err))
	return rmFailed
}

// isEmptyDir reports whether a directory has no entries.
func (c *remover) isEmptyDir(name string) bool {
	return c.isEmptyDirAt(applet.AtCWD, name)
}

// isEmptyDirAt is isEmptyDir for a name relative to dirfd.
func (c *remover) isEmptyDirAt(dirfd int, name string) bool {
	fd, err := c.Task.Openat(dirfd, name, linux.O_RDONLY|linux.O_DIRECTORY|linux.O_NOFOLLOW|linux.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer c.Task.Close(fd)
	ents, err := applet.ReadDirentsFd(c.Task, fd, false)
	return err == nil && len(ents) == 0
}

// refuseRoot is --preserve-root's check of a command-line name for rm -r,
// chmod -R and chown -R: true, with the diagnostic, if it is "/".
func (c *cmd) refuseRoot(name string) bool {
	if !c.isRoot(name) {
		return false
	}
	if name == "/" {
		c.Errorf("it is dangerous to operate recursively on %s", c.Quote(name))
	} else {
		c.Errorf("it is dangerous to operate recursively on %s (same as %s)", c.Quote(name), c.Quote("/"))
	}
	c.Errorf("use --no-preserve-root to override this failsafe")
	return true
}

// onOtherDevice reports whether a directory is on another device than
// its parent (a mount point).
func (c *remover) onOtherDevice(name string, dev uint64) bool {
	parent, err := c.Task.Lstat(strings.TrimRight(name, "/") + "/..")
	return err == nil && parent.Dev() != dev
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

// elsewhere reports (and skips) a directory below the operand on another
// device than the operand's, with --one-file-system: fts leaves it
// without descending. An empty one is removed (tried) first, as rm's
// pre-order visit does before fts would skip it; --preserve-root=all
// checks the operands only.
func (c *remover) elsewhere(dirfd int, l applet.WalkLoc) bool {
	o := c.rmOpts
	if !o.oneFS {
		return false
	}
	var st vfs.Statx
	if c.Task.Statx(dirfd, l.Name, linux.AT_SYMLINK_NOFOLLOW, &st) != nil || st.Dev() == o.rootDev {
		return false
	}
	if c.isEmptyDirAt(dirfd, l.Name) {
		return false
	}
	c.Errorf("skipping %s, since it's on a different device", c.Quote(l.Path))
	return true
}
